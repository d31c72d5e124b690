"""Who is hit, and how many truly good are rated negative, over the range of the assumptions.

:func:`group_sensitivity` answers "which units would the curve hit hardest" and
:func:`joint_sensitivity` "how many truly Baik does the curve rate Butuh Perbaikan", each with
the range the ASSUMPTIONs of :mod:`kinerja_sim.policy.assumptions` give it. Both reuse the design of
:mod:`kinerja_sim.policy.sensitivity`: SALib's Saltelli sample of the assumptions (``base`` ×
(k + 2) runs, plus the defaults and each assumption alone at its ends), every run on the same
employees and raters (one random stream), so runs differ by the assumptions only.

Only the assumptions that change how somebody is rated are varied: those that only price a
run (:data:`~kinerja_sim.policy.assumptions.PRICE_ONLY`, TPP and tunjangan kinerja) change
neither who the curve moves nor who is rated negative.

Per group (``by``: an office column such as ``organisation_predicate``) and per answer (share
moved by the curve, truly good rated negative) the study gives the value at the defaults, the
5-95 % range over the Saltelli sample, the share of runs in which the group is the hardest hit
(first in :func:`~kinerja_sim.policy.breakdown.breakdown`'s order) and the assumption with the
largest total Sobol index (SALib ``sobol.analyze``). Every run has the same employees, so two
groups a fraction of a point apart would read 100 % against 0 %; a run counts as a tie at the
top instead when the second group is within :data:`TIE_Z` standard errors of the first
(:func:`sampling_se`, :func:`top_groups`), and the study says in how many runs each group was
tied at the top. Groups with fewer than ``min_employees``
employees per run (default :data:`MIN_EMPLOYEES`) are flagged and never ranked: at 200
employees the sampling sd of a share near 30 % is about 3 percentage points, as large as the
spread between groups.

Examples
--------
>>> from kinerja_sim.policy.scenario import Scenario
>>> study = group_sensitivity(
...     Scenario(enforce_curve=True), "organisation_predicate", employees=2_000, base=4, rng=1
... )
>>> bool(study.table.query("metric == 'share_moved'")["p05"].le(
...     study.table.query("metric == 'share_moved'")["p95"]).all())
True
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_int, check_rng
from kinerja_sim.policy.assumptions import PRICE_ONLY, active_assumptions, apply_assumptions
from kinerja_sim.policy.breakdown import breakdown, group_column, joint_pairs
from kinerja_sim.policy.outcomes import format_range, format_significant
from kinerja_sim.policy.scenario import Scenario
from kinerja_sim.policy.sensitivity import _design, _problem, _Runner

__all__ = [
    "GROUP_METRICS",
    "MIN_EMPLOYEES",
    "TIE_Z",
    "GroupStudy",
    "JointStudy",
    "group_sensitivity",
    "joint_sensitivity",
    "sampling_se",
    "top_groups",
    "write_table",
]

#: The answers per group: share of staff moved by the curve, truly good rated negative.
GROUP_METRICS = ("share_moved", "wrong_negative")
_BY_NAMES = ("organisation_predicate", "kind", "provinsi", "instansi")
#: Groups with fewer employees per run are flagged, not ranked (sampling sd of a share
#: near 30 % at 200 employees: about 3 percentage points).
MIN_EMPLOYEES = 200
#: Two groups whose shares moved differ by at most this many standard errors of the
#: difference are tied at the top: within the sampling noise of one workforce (about 95 %).
TIE_Z = 2.0
_GROUP_COLUMNS = [
    "group",
    "n",
    "flagged",
    "metric",
    "default",
    "p05",
    "p95",
    "low",
    "high",
    "share_se",
    "first_share",
    "tie_share",
    "driver",
    "driver_st",
]
_JOINT_COLUMNS = [
    "true",
    "rated",
    "share_default",
    "share_p05",
    "share_p95",
    "count_default",
    "count_p05",
    "count_p95",
    "driver",
    "driver_st",
]


def _varied(scenario):
    varied = tuple(a for a in active_assumptions(scenario) if a.name not in PRICE_ONLY)
    if not varied:
        raise ValueError(t("sensitivity.error.nothing_varied", scenario=scenario.name))
    return varied


def _runs(scenario, employees, base, rng, answer):
    """Run ``answer(simulation)`` for every row of the Saltelli design; the design and results."""
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a Scenario, got {type(scenario).__name__}")
    employees = check_int("employees", employees, minimum=100, maximum=50_000_000)
    base = check_int("base", base, minimum=2, maximum=1_000_000)
    if base & (base - 1):
        raise ValueError(t("sensitivity.error.power_of_two", base=base))
    varied = _varied(scenario)
    seeds = [int(s) for s in check_rng(rng).integers(0, 2**31 - 1, size=3)]
    design = _design(varied, "sobol", base, seeds[0])
    names = [a.name for a in varied]
    run = _Runner(employees, 250_000, seeds[1])
    results = [
        answer(run(apply_assumptions(scenario, dict(zip(names, row)))))
        for row in design[names].to_numpy()
    ]
    return varied, design, results, seeds[2]


def _total_index(varied, design, y, seed) -> tuple[str, float]:
    """The assumption with the largest total Sobol index for answer ``y`` (one per run)."""
    from SALib.analyze import sobol as sobol_analyze

    sample = design["design"].to_numpy() == "sample"
    y = np.asarray(y, dtype=float)[sample]
    # a spread under 0.01 percentage point: nothing drives it
    if not np.all(np.isfinite(y)) or np.ptp(y) < 1e-4:
        return "", 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = sobol_analyze.analyze(
            _problem(varied), y, calc_second_order=False, num_resamples=100, seed=seed
        )
    k = int(np.nanargmax(res["ST"]))
    return varied[k].name, float(res["ST"][k])


def _spread(design, y) -> dict:
    y = np.asarray(y, dtype=float)
    sample = design["design"].to_numpy() == "sample"
    default = int(np.flatnonzero(design["design"].to_numpy() == "default")[0])
    return {
        "default": y[default],
        "p05": float(np.nanquantile(y[sample], 0.05)),
        "p95": float(np.nanquantile(y[sample], 0.95)),
        "low": float(np.nanmin(y)),
        "high": float(np.nanmax(y)),
    }


def sampling_se(offices: pd.DataFrame, by: str) -> pd.Series:
    """Per group of offices, the sampling standard error of its share moved by the curve.

    Notes
    -----
    The larger of two estimates for the group's share ``p = Σy / Σn`` (``y`` staff moved,
    ``n`` staff, per office): the binomial ``√(p(1 − p) / Σn)``, as if employees were drawn
    one by one, and the between-office (ratio-estimator) error
    ``√(m / (m − 1) · Σ(y − p·n)²) / Σn`` over the group's ``m`` offices, as the world draws
    them office by office (Cochran 1977, §6.9; one office: binomial only). The curve moves
    whole offices, so the second is up to five times the first when a group mixes office
    kinds; taking the larger errs towards calling a tie.

    Examples
    --------
    >>> offices = pd.DataFrame({"unit": ["A", "A", "B"], "n": [100, 100, 400],
    ...                         "n_curve_changed": [20, 40, 120]})
    >>> sampling_se(offices, "unit").round(4).to_dict()
    {'A': 0.1, 'B': 0.0229}
    """
    column = group_column(offices, by)
    group = offices[column]
    group = group.astype(str) if group.dtype == "category" else group
    frame = pd.DataFrame(
        {"group": group, "n": offices["n"].astype(float), "y": offices["n_curve_changed"]}
    )
    frame = frame[frame["n"] > 0]
    sums = frame.groupby("group", sort=False)[["n", "y"]].sum()
    p = sums["y"] / sums["n"]
    residual = frame["y"] - frame["group"].map(p) * frame["n"]
    m = frame.groupby("group", sort=False).size()
    squares = (residual**2).groupby(frame["group"], sort=False).sum()
    between = np.sqrt(squares * m / (m - 1).where(m > 1)) / sums["n"]
    binomial = np.sqrt(p * (1 - p) / sums["n"])
    return np.fmax(binomial, between).rename("share_se")


def top_groups(table: pd.DataFrame, *, z: float = TIE_Z) -> list:
    """The groups tied at the top of one run: the first and every group whose share moved is
    within ``z`` standard errors of the difference from the first's.

    ``table`` is :func:`~kinerja_sim.policy.breakdown.breakdown` indexed by group, hardest hit
    first, with a ``share_se`` column (:func:`sampling_se`). One group returned: a clear
    hardest hit; several: a tie within the sampling noise.

    Examples
    --------
    >>> run = pd.DataFrame({"share_moved": [0.300, 0.295, 0.20],
    ...                     "share_se": [0.0145, 0.0144, 0.0126]}, index=["A", "B", "C"])
    >>> top_groups(run), top_groups(run.loc[["A", "C"]])
    (['A', 'B'], ['A'])
    """
    if table.empty:
        return []
    first = table.iloc[0]
    gap = first["share_moved"] - table["share_moved"]
    noise = np.sqrt(first["share_se"] ** 2 + table["share_se"] ** 2)
    return list(table.index[(gap <= z * noise).to_numpy()])


def _first_and_ties(results, ranked, z) -> tuple[pd.Series, pd.Series]:
    """Share of runs in which each ranked group is the clear hardest hit, and tied at the top."""
    first = pd.Series(0.0, index=ranked)
    tied = pd.Series(0.0, index=ranked)
    for result in results:
        top = top_groups(result.loc[[g for g in result.index if g in first.index]], z=z)
        if len(top) == 1:
            first[top[0]] += 1
        else:  # several within the noise (none: no ranked group in this run)
            tied[top] += 1
    return first / len(results), tied / len(results)


@dataclass(frozen=True)
class GroupStudy:
    """Result of :func:`group_sensitivity`.

    ``table`` has :data:`_GROUP_COLUMNS`: one row per group and answer (:data:`GROUP_METRICS`);
    ``n`` employees per run, ``flagged`` fewer than ``min_employees``; ``default``, ``p05``,
    ``p95``, ``low``, ``high`` of the answer; ``share_se`` the sampling standard error of the
    share moved at the defaults (:func:`sampling_se`); ``first_share`` the share of runs in
    which the group is the clear hardest hit and ``tie_share`` those in which it is tied at
    the top within ``tie_z`` standard errors (:func:`top_groups`; both NaN when flagged, the
    same on both rows of a group); ``driver`` and ``driver_st`` the assumption with the
    largest total Sobol index and that index.
    """

    scenario: Scenario
    by: str
    employees: int
    base: int
    runs: int
    min_employees: int
    assumptions: tuple
    table: pd.DataFrame
    seconds: float
    tie_z: float = TIE_Z

    def report_lines(self, lang=None) -> list[str]:
        """What ``kinerja-sim sensitivity --by`` prints: the groups, hardest hit first."""
        from kinerja_sim._core.format import number, percent

        share = lambda v: "-" if v != v else percent(v, 1, lang=lang)  # noqa: E731
        name = t(f"sensitivity.groups.by.{self.by}", lang) if self.by in _BY_NAMES else self.by
        lines = [
            t(
                "sensitivity.groups.header",
                lang,
                scenario=self.scenario.name,
                by=name,
                runs=number(self.runs, 0, lang=lang),
                employees=number(self.employees, 0, lang=lang),
                names=", ".join(
                    t(f"sensitivity.assumption.{a.name}", lang) for a in self.assumptions
                ),
                threshold=number(self.min_employees, 0, lang=lang),
                z=number(self.tie_z, 1, lang=lang),
            )
        ]
        wide = self.table.pivot(index="group", columns="metric")
        order = self.table.query("metric == 'share_moved'").sort_values(
            ["flagged", "first_share", "tie_share", "default"],
            ascending=[True, False, False, False],
        )
        for group in order["group"]:
            row = wide.loc[group]
            flagged = bool(row[("flagged", "share_moved")])
            tied = row[("tie_share", "share_moved")] > 0
            key = "flagged" if flagged else ("group_tied" if tied else "group")
            lines.append(
                t(
                    f"sensitivity.groups.{key}",
                    lang,
                    group=group,
                    n=number(row[("n", "share_moved")], 0, lang=lang),
                    first=share(row[("first_share", "share_moved")]),
                    tie=share(row[("tie_share", "share_moved")]),
                )
            )
            for metric in GROUP_METRICS:
                driver = row[("driver", metric)]
                lines.append(
                    "    "
                    + t(
                        f"sensitivity.groups.{metric}",
                        lang,
                        default=format_significant(metric, row[("default", metric)], lang),
                        range=format_range(
                            metric, row[("p05", metric)], row[("p95", metric)], lang
                        ),
                        driver=_driver(driver, row[("driver_st", metric)], lang),
                        se=number(100 * row[("share_se", metric)], 1, trim=False, lang=lang),
                    )
                )
        return lines


def _driver(name, st, lang) -> str:
    from kinerja_sim._core.format import number

    if not name:
        return t("sensitivity.groups.no_driver", lang)
    return t(
        "sensitivity.groups.driver",
        lang,
        label=t(f"sensitivity.assumption.{name}", lang),
        st=number(st, 2, trim=False, lang=lang),
    )


def group_sensitivity(
    scenario: Scenario | None,
    by: str,
    *,
    employees: int = 20_000,
    base: int = 64,
    min_employees: int = MIN_EMPLOYEES,
    tie_z: float = TIE_Z,
    rng=None,
) -> GroupStudy:
    """Per group of offices: share moved by the curve and truly good rated negative, with
    their range over the assumptions, how often the group is hit hardest and what drives it.

    Parameters
    ----------
    scenario : Scenario, optional
        Default ``Scenario()``; a scenario without a curve moves nobody.
    by : str
        An office column (``organisation_predicate``, ``kind``, ``provinsi``, ``instansi``...).
    employees : int
        Employees per run (default 20,000).
    base : int
        Saltelli's base sample (a power of 2): ``base × (k + 2) + 2k + 1`` runs for the k
        assumptions varied (default 64: 261 runs for the curve's two).
    min_employees : int
        Groups with fewer employees per run are flagged, not ranked.
    tie_z : float
        A run is a tie at the top when the second group's share moved is within ``tie_z``
        standard errors of the difference from the first's (default :data:`TIE_Z`).
    rng : None, int or numpy.random.Generator
        Seeds the sample, the one random stream every run shares and the bootstrap.
    """
    started = time.perf_counter()
    scenario = scenario or Scenario()
    min_employees = check_int("min_employees", min_employees, minimum=1)
    if isinstance(tie_z, bool) or not isinstance(tie_z, (int, float)) or not tie_z >= 0:
        raise ValueError(f"tie_z must be a number of standard errors >= 0, got {tie_z!r}")

    def answer(simulation):
        table = breakdown(simulation.offices, by, simulation.keys).set_index("group")
        return table.assign(share_se=sampling_se(simulation.offices, by))

    varied, design, results, seed = _runs(scenario, employees, base, rng, answer)
    default = results[int(np.flatnonzero(design["design"].to_numpy() == "default")[0])]
    sizes = default["n"]
    ranked = sizes.index[sizes >= min_employees]
    first, tied = _first_and_ties(results, ranked, tie_z)
    rows = []
    for group in sizes.index:
        for metric in GROUP_METRICS:
            y = [r[metric].get(group, np.nan) for r in results]
            driver, st = _total_index(varied, design, y, seed)
            rows.append(
                {
                    "group": str(group),
                    "n": int(sizes[group]),
                    "flagged": bool(sizes[group] < min_employees),
                    "metric": metric,
                    **_spread(design, y),
                    "share_se": float(default.loc[group, "share_se"]),
                    "first_share": float(first.get(group, np.nan)),
                    "tie_share": float(tied.get(group, np.nan)),
                    "driver": driver,
                    "driver_st": st,
                }
            )
    return GroupStudy(
        scenario=scenario,
        by=by,
        employees=employees,
        base=base,
        runs=len(design),
        min_employees=min_employees,
        assumptions=varied,
        table=pd.DataFrame(rows, columns=_GROUP_COLUMNS),
        seconds=time.perf_counter() - started,
        tie_z=float(tie_z),
    )


@dataclass(frozen=True)
class JointStudy:
    """Result of :func:`joint_sensitivity`.

    ``table`` has :data:`_JOINT_COLUMNS`: one row per truly good category (the regime's best
    two) and negative category (its lowest three): the share of those truly in ``true``
    rated ``rated`` and the count scaled to ``workforce``, each at the defaults and as the
    5-95 % range over the assumptions, and the assumption with the largest total Sobol index.
    """

    scenario: Scenario
    employees: int
    workforce: int
    base: int
    runs: int
    assumptions: tuple
    table: pd.DataFrame
    seconds: float

    def report_lines(self, lang=None) -> list[str]:
        """What ``kinerja-sim sensitivity --joint`` prints."""
        from kinerja_sim._core.format import number

        lines = [
            t(
                "sensitivity.joint.header",
                lang,
                scenario=self.scenario.name,
                runs=number(self.runs, 0, lang=lang),
                employees=number(self.employees, 0, lang=lang),
                workforce=number(self.workforce, 0, lang=lang),
                names=", ".join(
                    t(f"sensitivity.assumption.{a.name}", lang) for a in self.assumptions
                ),
            )
        ]
        for row in self.table.itertuples():
            lines.append(
                "  "
                + t(
                    "sensitivity.joint.answer",
                    lang,
                    true=row.true,
                    rated=row.rated,
                    share=format_significant("share_of_true", row.share_default, lang),
                    share_range=format_range("share_of_true", row.share_p05, row.share_p95, lang),
                    count=format_significant("count", row.count_default, lang),
                    count_range=format_range("count", row.count_p05, row.count_p95, lang),
                    driver=_driver(row.driver, row.driver_st, lang),
                )
            )
        return lines


def joint_sensitivity(
    scenario: Scenario | None = None,
    *,
    employees: int = 20_000,
    workforce: int = 4_700_000,
    base: int = 64,
    rng=None,
) -> JointStudy:
    """The national joint-table answers ("truly Baik rated Butuh Perbaikan") with their
    range over the assumptions; counts scaled to ``workforce`` (4.7 million ASN, 2024).
    Parameters as :func:`group_sensitivity`."""
    started = time.perf_counter()
    scenario = scenario or Scenario()
    workforce = check_int("workforce", workforce, minimum=1, maximum=50_000_000)
    labels = list(scenario.categories)

    def answer(simulation):
        pairs = joint_pairs(simulation.offices, simulation.keys, labels)
        keys = simulation.keys
        return pairs[pairs["true_key"].isin(keys[:2]) & pairs["rated_key"].isin(keys[2:])]

    varied, design, results, seed = _runs(scenario, employees, base, rng, answer)
    scale = workforce / employees
    rows = []
    for i, pair in enumerate(results[0].itertuples()):
        shares = [r["share_of_true"].iloc[i] for r in results]
        counts = [r["n"].iloc[i] * scale for r in results]
        share, count = _spread(design, shares), _spread(design, counts)
        driver, st = _total_index(varied, design, shares, seed)
        rows.append(
            {
                "true": pair.true,
                "rated": pair.rated,
                **{f"share_{k}": share[k] for k in ("default", "p05", "p95")},
                **{f"count_{k}": count[k] for k in ("default", "p05", "p95")},
                "driver": driver,
                "driver_st": st,
            }
        )
    return JointStudy(
        scenario=scenario,
        employees=employees,
        workforce=workforce,
        base=base,
        runs=len(design),
        assumptions=varied,
        table=pd.DataFrame(rows, columns=_JOINT_COLUMNS),
        seconds=time.perf_counter() - started,
    )


def write_table(table: pd.DataFrame, out, lang=None) -> Path:
    """Write ``table`` to ``out``: CSV or Excel as its extension says (``.csv``, ``.xlsx``),
    through :mod:`kinerja_sim._core.sheets`. The folder must exist; other extensions are
    refused."""
    from kinerja_sim._core.sheets import write_csv, write_workbook

    path = Path(out)
    if not path.parent.is_dir():
        raise FileNotFoundError(t("sensitivity.error.no_folder", lang, path=path.parent))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return write_csv(table, path)
    if suffix == ".xlsx":
        return write_workbook({"sensitivitas": table}, path)
    raise ValueError(t("sensitivity.groups.bad_out", lang, path=path))
