"""A region's own units under any scenario: ``kinerja-sim simulate --region DIR``.

``DIR`` is the output folder of ``kinerja-sim import`` (its files are read directly: ``policy``
may not import ``byod``, its sibling layer). From it:

- ``unit_kerja.csv``: the region's units kerja, each with its number of employees, its office
  kind (from its name) and its organisation predicate (the file's, where it has one);
- ``parameter_fit.csv`` (written by ``import --fit``): the practice observed in the file, the
  value used for each fitted rater parameter (estimated where the file identifies it, the
  national practice preset's otherwise); without it, the national practice preset
  (``kinerja_sim.raters.PRESETS["praktik"]``) and a sentence saying so;
- ``nasional.csv``: the file's observed predicate shares, printed beside the simulated status
  quo of the region so the reader sees how closely the copy matches.

Column names are those of ``kinerja_sim/data/kolom_impor.yaml``. :func:`simulate_region` then
runs each of ``replications`` synthetic copies of the region (new true performance each time,
the same units and sizes) through the national engine (``kinerja_sim.policy.engine``) twice
with the same random numbers: as the region practises today (the scenario ``praktik-saat-ini``
with the region's raters) and under the chosen scenario with the region's raters. The
differences are paired, so the 95% range is that of the scenario's effect in this region.

ASSUMPTION: the units' true performance is drawn as in the national world (office effects with
SD ``TRUTH["office_sd"]``): an export shows ratings, not truth; the organisation predicate of a
unit without one in the file follows its drawn effect (``scenario.organisation == "truth"``).
A unit whose kind is not recognised is simulated as a Sekretariat Daerah office (only the share
of functional positions depends on the kind). Every unit is a regional office: TPP. Teams
have ``SPAN`` employees per supervisor as in the national world (the engine's layout), not the
file's own team sizes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja_sim._core.data import read_yaml
from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_int, check_rng
from kinerja_sim.policy.engine import OUTCOME_KEYS, simulate_chunk
from kinerja_sim.policy.outcomes import format_value
from kinerja_sim.policy.population import office_organisation
from kinerja_sim.policy.scenario import Scenario
from kinerja_sim.policy.simulate import Simulation
from kinerja_sim.raters import PRESETS, RaterPopulation
from kinerja_sim.rules import ORGANISATION_PREDICATES, PREDICATES
from kinerja_sim.world.offices import default_composition
from kinerja_sim.world.truth import TRUTH

__all__ = ["Region", "RegionResult", "load_region", "region_plan", "simulate_region"]

FALLBACK_KIND = "sekretariat_daerah"  # a unit of an unknown kind (ASSUMPTION, see above)
FITTED = ("leniency", "leniency_spread", "central_tendency", "halo")
_PREDICATE_OF = {f"share_{key}": label for key, label in zip(OUTCOME_KEYS, PREDICATES)}


def _columns(name: str) -> dict:
    """CSV header -> API column of one of the import's tables (``data/kolom_impor.yaml``)."""
    return {header: column for column, header in read_yaml("kolom_impor.yaml")[name].items()}


@dataclass(frozen=True)
class Region:
    """A region as ``kinerja-sim import`` describes it.

    Attributes
    ----------
    units : DataFrame
        ``unit_kerja``, ``size`` (employees), ``kind`` (office kind key),
        ``organisation_predicate`` ("" where the file has none).
    raters : RaterPopulation
        The practice observed in the file (or the national practice preset).
    fitted : tuple of str
        Parameters taken from the file (identified by the fit); the others are the preset's.
    observed : dict
        Predicate -> the file's observed share (0-1), from ``nasional.csv``; empty without it.
    folder : Path
    """

    units: pd.DataFrame
    raters: RaterPopulation
    fitted: tuple = ()
    has_fit: bool = False
    observed: dict = dataclasses.field(default_factory=dict)
    folder: Path = Path(".")

    @property
    def employees(self) -> int:
        return int(self.units["size"].sum())


def _population(parameters: pd.DataFrame) -> tuple[RaterPopulation, tuple]:
    """The national practice preset with the fitted parameters' values used (``nilai_dipakai``)."""
    base = PRESETS["praktik"]
    used = parameters.set_index("parameter")
    values = {name: float(used.loc[name, "used"]) for name in FITTED if name in used.index}
    mean = dataclasses.replace(
        base.mean,
        **{k: values[k] for k in ("leniency", "central_tendency", "halo") if k in values},
    )
    spread = {**base.spread}
    if "leniency_spread" in values:
        spread["leniency"] = values["leniency_spread"]
    fitted = tuple(
        name for name in FITTED if name in used.index and str(used.loc[name, "used_from"]) == "data"
    )
    population = dataclasses.replace(
        base,
        name="wilayah",
        mean=mean,
        spread=spread,
        description="The practice of an imported region (kinerja-sim import --fit).",
        source=(
            "parameter_fit.csv of a kinerja-sim import; parameters not identified from 'praktik'"
        ),
    )
    return population, fitted


def load_region(folder) -> Region:
    """Read the region an import wrote to ``folder`` (see the module notes).

    Raises
    ------
    FileNotFoundError
        ``folder`` or its ``unit_kerja.csv`` is missing (one sentence, Bahasa Indonesia).
    """
    folder = Path(folder)
    units_file = folder / "unit_kerja.csv"
    if not units_file.is_file():
        raise FileNotFoundError(t("policy.region.no_units", folder=folder))
    table = pd.read_csv(units_file, dtype={"unit_kerja": str}, keep_default_na=False)
    table = table.rename(columns=_columns("unit_kerja.csv"))
    missing = [c for c in ("unit_kerja", "n_employees", "kind") if c not in table]
    if missing:
        raise ValueError(t("policy.region.bad_units", path=units_file, columns=", ".join(missing)))
    kinds = set(default_composition())
    predicate = table.get("organisation_predicate", pd.Series("", index=table.index)).astype(str)
    units = pd.DataFrame(
        {
            "unit_kerja": table["unit_kerja"].astype(str),
            "size": pd.to_numeric(table["n_employees"]).astype(np.int64).clip(lower=1),
            "kind": [k if k in kinds else FALLBACK_KIND for k in table["kind"].astype(str)],
            "organisation_predicate": predicate.where(predicate.isin(ORGANISATION_PREDICATES), ""),
        }
    )
    fit_file = folder / "parameter_fit.csv"
    if fit_file.is_file():
        parameters = pd.read_csv(fit_file).rename(columns=_columns("parameter_fit.csv"))
        raters, fitted = _population(parameters)
    else:
        raters, fitted = PRESETS["praktik"], ()
    observed = {}
    if (folder / "nasional.csv").is_file():
        national = pd.read_csv(folder / "nasional.csv")
        rows = national[national["aspek"] == "predikat"]
        observed = dict(zip(rows["label"], rows["persen_berkas"] / 100))
    return Region(units, raters, fitted, fit_file.is_file(), observed, folder)


def region_plan(region: Region, scenario: Scenario, *, rng=None) -> tuple[pd.DataFrame, tuple]:
    """The region's units as rows of an office plan (``kinerja_sim.policy.population``).

    Returns the offices (``office_id``, ``kabupaten_id`` 0, ``kind``, ``size``, ``office_effect``,
    ``organisation_predicate``, ``chunk`` 0, ``unit_kerja``) and the kinds (order of the codes).
    """
    rng = check_rng(rng)
    kinds = tuple(default_composition())
    units = region.units
    effect = (TRUTH["office_sd"] * rng.standard_normal(len(units))).astype(np.float32)
    drawn = office_organisation(effect, scenario.organisation, rng=rng)
    known = units["organisation_predicate"].to_numpy(dtype=object)
    use_file = scenario.organisation == "truth"
    organisation = np.where(use_file & (known != ""), known, drawn)
    offices = pd.DataFrame(
        {
            "office_id": np.arange(len(units), dtype=np.int64),
            "kabupaten_id": np.zeros(len(units), dtype=np.int64),
            "kind": pd.Categorical(units["kind"], categories=list(kinds)),
            "size": units["size"].to_numpy(dtype=np.int64),
            "office_effect": effect,
            "organisation_predicate": organisation,
            "chunk": np.zeros(len(units), dtype=np.int64),
            "unit_kerja": units["unit_kerja"].to_numpy(),
        }
    )
    return offices, kinds


@dataclass(frozen=True)
class RegionResult:
    """Result of :func:`simulate_region`.

    Attributes
    ----------
    region : Region
    baseline, scenario : Scenario
        The region as it practises today and the scenario asked for (both with its raters).
    table : DataFrame
        One row per outcome of the regime: ``metric``, ``label``, ``baseline`` and ``scenario``
        (means over replications), ``difference`` (mean paired difference), ``diff_ci_low``,
        ``diff_ci_high`` (2.5 and 97.5 percentiles of the paired differences), ``observed``
        (the file's share, predicates only).
    units : DataFrame
        Per unit kerja, means over replications: ``unit_kerja``, ``n``, ``organisation_predicate``,
        ``curve_changed`` (share of its employees whose predicate the scenario's curve changed),
        ``wrong_negative`` (share of its truly good performers rated negative), ``tpp_change``
        (TPP per employee per year, scenario minus baseline); sorted by ``curve_changed``, then
        by ``tpp_change``.
    replications : int
    """

    region: Region
    baseline: Scenario
    scenario: Scenario
    table: pd.DataFrame
    units: pd.DataFrame
    replications: int


def _region_scenario(scenario: Scenario, raters: RaterPopulation) -> Scenario:
    """``scenario`` with the region's raters (a population scenario keeps its own)."""
    if isinstance(scenario.raters, RaterPopulation):
        return scenario
    return scenario.replace(raters=raters)


def simulate_region(
    region: Region, scenario: Scenario | None = None, *, replications: int = 20, rng=None
) -> RegionResult:
    """Simulate the region's own units, as practised today and under ``scenario``.

    Parameters
    ----------
    region : Region
        :func:`load_region` of an import folder.
    scenario : Scenario, optional
        Any scenario (default: the status quo); its raters become the region's.
    replications : int
        Synthetic copies of the region (paired between the two scenarios).
    rng : None, int or numpy.random.Generator

    Returns
    -------
    RegionResult
    """
    replications = check_int("replications", replications, minimum=2, maximum=1000)
    scenario = _region_scenario(scenario or Scenario(), region.raters)
    baseline = Scenario(name="praktik-wilayah", raters=region.raters)
    seeds = check_rng(rng).integers(0, 2**63, size=(replications, 2))
    runs = []
    for plan_seed, run_seed in seeds:
        base_plan, kinds = region_plan(region, baseline, rng=int(plan_seed))
        plan = base_plan
        if scenario.organisation != baseline.organisation:
            plan, _ = region_plan(region, scenario, rng=int(plan_seed))
        runs.append(
            {
                name: _run(case, offices, kinds, int(run_seed))  # the same numbers: paired
                for name, case, offices in (
                    ("baseline", baseline, base_plan),
                    ("scenario", scenario, plan),
                )
            }
        )
    return RegionResult(
        region,
        baseline,
        scenario,
        _table(region, runs),
        _units(runs),
        replications,
    )


def _run(case: Scenario, offices: pd.DataFrame, kinds, seed: int) -> Simulation:
    chunk = simulate_chunk(offices, kinds, case, rng=seed)
    counts = chunk.offices.drop(columns="office_id")
    table = pd.concat([offices.reset_index(drop=True), counts], axis=1)
    return Simulation(case, table, chunk.confusion)


def _table(region: Region, runs) -> pd.DataFrame:
    from kinerja_sim.policy.outcomes import metric_labels

    values = {
        name: pd.DataFrame([run[name].outcomes() for run in runs])
        for name in ("baseline", "scenario")
    }
    metrics = list(runs[0]["scenario"].metrics)
    labels = runs[0]["scenario"].summary()["label"]
    labels = dict(zip(runs[0]["scenario"].summary()["metric"], labels))
    rows = []
    for metric in metrics:
        if metric not in values["scenario"] or values["scenario"][metric].isna().all():
            continue  # e.g. tunjangan kinerja: no central agency in a region
        base = values["baseline"].get(metric, pd.Series(np.nan, index=values["scenario"].index))
        difference = values["scenario"][metric] - base
        rows.append(
            {
                "metric": metric,
                "label": labels.get(metric) or metric_labels(None, [metric])[metric],
                "baseline": base.mean(),
                "scenario": values["scenario"][metric].mean(),
                "difference": difference.mean(),
                "diff_ci_low": difference.quantile(0.025),
                "diff_ci_high": difference.quantile(0.975),
                "observed": region.observed.get(_PREDICATE_OF.get(metric), np.nan),
            }
        )
    return pd.DataFrame(rows)


def _units(runs) -> pd.DataFrame:
    frames = []
    for run in runs:
        base, case = run["baseline"].offices, run["scenario"].offices
        n = case["n"].to_numpy(dtype=float)
        frames.append(
            pd.DataFrame(
                {
                    "unit_kerja": case["unit_kerja"].to_numpy(),
                    "n": case["n"].to_numpy(),
                    "organisation_predicate": case["organisation_predicate"].to_numpy(),
                    "curve_changed": case["n_curve_changed"].to_numpy() / n,
                    "wrong_negative": case["n_wrong_negative"].to_numpy()
                    / np.maximum(case["n_true_not_negative"].to_numpy(), 1),
                    "tpp_change": (case["tpp_cost"].to_numpy() - base["tpp_cost"].to_numpy()) / n,
                }
            )
        )
    table = pd.concat(frames).groupby("unit_kerja", sort=False)
    out = table.agg(
        n=("n", "first"),
        organisation_predicate=("organisation_predicate", lambda s: s.mode().iloc[0]),
        curve_changed=("curve_changed", "mean"),
        wrong_negative=("wrong_negative", "mean"),
        tpp_change=("tpp_change", "mean"),
    ).reset_index()
    return out.sort_values(
        ["curve_changed", "tpp_change"], ascending=[False, True], ignore_index=True
    )


def run_cli(args, scenario: Scenario) -> int:
    """``kinerja-sim simulate --region DIR``: print the region's answers (Bahasa Indonesia)."""
    lang = getattr(args, "lang", None)
    region = load_region(args.region)
    replications = getattr(args, "replications", None) or 20
    result = simulate_region(region, scenario, replications=replications, rng=args.seed)
    print(region_text(result, lang))
    return 0


def region_text(result: RegionResult, lang=None) -> str:
    """The region's answers as the CLI prints them."""
    region = result.region
    count = lambda value: number(value, 0, lang=lang)  # noqa: E731
    if not region.has_fit:
        practice = t("policy.region.practice_preset", lang)
    elif region.fitted:
        names = ", ".join(t(f"byod.fit.parameter.{name}", lang) for name in region.fitted)
        practice = t("policy.region.practice_fitted", lang, names=names)
    else:
        practice = t("policy.region.practice_none", lang)
    lines = [
        t(
            "policy.region.header",
            lang,
            folder=region.folder,
            units=count(len(region.units)),
            employees=count(region.employees),
            scenario=result.scenario.name,
            rules=result.scenario.rules,
            replications=count(result.replications),
        ),
        "  " + practice,
    ]
    table = result.table
    width = max(int(table["label"].str.len().max()), 20)
    head = [
        t("policy.region.column.observed", lang),
        t("policy.region.column.baseline", lang),
        result.scenario.name,
        t("policy.region.column.difference", lang),
    ]
    wide = max(22, len(head[2]) + 2)
    lines.append(f"  {'':<{width}}  {head[0]:>10}{head[1]:>20}{head[2]:>{wide}}  {head[3]}")
    for row in table.itertuples():

        def text(value, metric=row.metric):
            return "-" if value != value else format_value(metric, value, lang)

        spread = (
            f"{_signed(row.difference, row.metric, lang)} "
            f"({_signed(row.diff_ci_low, row.metric, lang)} .. "
            f"{_signed(row.diff_ci_high, row.metric, lang)})"
        )
        lines.append(
            f"  {row.label:<{width}}  {text(row.observed):>10}{text(row.baseline):>20}"
            f"{text(row.scenario):>{wide}}  {spread}"
        )
    units = result.units
    if units["curve_changed"].max() > 0:
        lines.append(t("policy.region.hit", lang))
        for row in units.head(5).itertuples():
            lines.append(
                "  "
                + t(
                    "policy.region.unit",
                    lang,
                    unit=row.unit_kerja,
                    n=count(row.n),
                    organisation=row.organisation_predicate,
                    moved=format_value("curve_changed", row.curve_changed, lang),
                    wrong=format_value("wrong_negative", row.wrong_negative, lang),
                    tpp=_signed(row.tpp_change, "tpp_per_employee", lang),
                )
            )
    lines.append(t("policy.region.note", lang))
    return "\n".join(lines)


def _signed(value: float, metric: str, lang=None) -> str:
    """A signed difference; shares in percentage points (``+19,2 poin``)."""
    if value != value:
        return "-"
    text = format_value(metric, abs(value), lang)
    if text.endswith("%"):
        text = text.removesuffix("%") + " " + t("policy.region.points", lang)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text
