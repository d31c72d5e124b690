"""Fit the simulation to observed appraisal labels, so scenarios can run on a copy of a region.

:func:`fit_simulation` estimates the rater population (mean leniency, its spread between
raters, central tendency and halo) that makes the kit's synthetic employees receive the
label distributions seen in an imported export, by the simulated method of moments; it
also describes the organisation mix of the export (number, size and kind of units and
their organisation predicates). :meth:`FitResult.generate` then draws a synthetic copy
of the region with the fitted raters.

Method (simulated method of moments, McFadden 1989; Gouriéroux & Monfort 1996)
----------------------------------------------------------------------------
Six moments of the ordinal codes (Di Bawah = 1, Sesuai = 2, Di Atas = 3) are matched:
the shares of Di Atas and of Di Bawah for Rating Hasil Kerja and for Rating Perilaku
Kerja, the spread of the raters' mean codes beyond what team size explains (one-way
ANOVA estimate of the between-rater standard deviation), and the correlation of the two
ratings of an employee (halo). For each candidate parameter vector θ, ``worlds``
synthetic kabupaten of the kit (``kinerja_sim.generate``) are rated by raters drawn from
the candidate population (``RaterPopulation.draw``, ``kinerja_sim.raters.rate_arrays``) with the
same random numbers for every θ (common random numbers), turned into labels by the rule
set, and their moments averaged. θ minimises the weighted squared distance to the
observed moments (weights: the inverse variance of each observed moment, from a
bootstrap over units kerja, each with its raters and their teams, since a unit's
employees share an office effect; over raters when the export has fewer than 10 units;
inflated for simulation noise), by Nelder–Mead within bounds, restarted from its best
point while that lowers the objective (counted labels make the objective a step function,
on whose plateaus one run can stall). Standard errors use the sandwich formula with a
finite-difference Jacobian.

Identification
--------------
A parameter is reported ``identified=False``, with its reason, when: the moments hardly
respond to it (moving it over its whole allowed range changes the weighted objective by
less than 1: ``flat``); its estimate lies within one finite-difference step of a bound,
where the normal interval does not hold (``at_bound``); its estimate correlates beyond
±.95 with another's (``confounded:<other>``); or its 95% interval spans more than half
its allowed range (``imprecise``). When the fitted moments miss an observed one by more than
3 standard errors, no parameter is identified (``misfit``: the model does not describe the
data, e.g. an export in which nobody is rated away from Sesuai Ekspektasi). A moment that
is undefined in the data (the correlation of two ratings one of which never varies) is
left out of the objective. Coverage of the 95% intervals over 50 seeds, for
identified and all parameters, is measured by ``benchmarks/fit_coverage.py`` (README).

Minimum sample and fallback
---------------------------
For each parameter the fit states the least number of employees (``min_employees``, and
raters at the file's employees per rater, ``min_raters``) with which it would be identified
by an export of the same design, from the rule that the moments' sampling variance falls as
1/n (ASSUMPTION: the same team sizes, units and label shares): ``imprecise`` needs
``n (2 · 1.96 · se / (½ · range))²``; ``flat`` needs ``n / (I · range²)`` with ``I`` the
objective's curvature in the parameter. ``confounded``, ``at_bound`` and ``misfit`` are not
cured by more rows of the same kind (``min_employees`` empty: another design is needed, e.g.
two raters per employee, or a region whose labels leave Sesuai Ekspektasi). A parameter that is
not identified is not taken from the data: the fitted population (``FitResult.population``)
uses the base preset's value for it (by default ``"praktik"``, the national practice preset,
calibrated to the BKN figures); ``parameters`` says which value is used (``used``,
``used_from``).

What the fit can and cannot tell (ASSUMPTION)
--------------------------------------------
Ratings alone cannot separate a lenient rater from a truly good team: the leniency is the
shift that the kit's synthetic employees (true performance centred on Sesuai Ekspektasi)
need to receive the observed labels. The other biases of the rater model are kept at
the base preset's values.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_int, check_rng
from kinerja_sim.raters import BIAS_FIELDS, PRESETS, RaterPopulation, rate_arrays
from kinerja_sim.world.dimensions import BERAKHLAK, DIMENSIONS

__all__ = [
    "MOMENTS",
    "PARAMETERS",
    "FitResult",
    "Goodness",
    "fit_input",
    "fit_simulation",
    "observed_moments",
    "synthetic_export",
]

PARAMETERS = ("leniency", "leniency_spread", "central_tendency", "halo")
_BOUNDS = ((-1.5, 1.5), (0.0, 1.0), (0.0, 0.9), (0.0, 0.95))
_STEPS = np.array([0.05, 0.05, 0.04, 0.05])  # finite differences for the Jacobian
MOMENTS = (
    "hasil_kerja_di_atas",
    "hasil_kerja_di_bawah",
    "perilaku_kerja_di_atas",
    "perilaku_kerja_di_bawah",
    "between_rater_sd",
    "hasil_perilaku_correlation",
)
_LABELS = ("Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Di Atas Ekspektasi")
_MIN_RATERS = 5
_MIN_UNITS = 10  # fewer units kerja: the bootstrap resamples raters instead
_MAX_CORRELATION = 0.95  # |correlation| of two estimates beyond which they are not told apart
_MAX_CI_SHARE = 0.5  # a 95% interval wider than this share of the allowed range says little
_MAX_Z = 3.0  # a moment missed by more standard errors than this: the model does not fit


def _between_sd(values, rater) -> float:
    """One-way ANOVA estimate of the SD of rater means (raters with 2 or more ratees)."""
    counts = np.bincount(rater)
    keep = counts[rater] >= 2
    values, rater = values[keep], np.unique(rater[keep], return_inverse=True)[1]
    n, k = np.bincount(rater).astype(float), rater.max() + 1 if len(rater) else 0
    if k < 2:
        return np.nan
    means = np.bincount(rater, weights=values) / n
    total = values.mean()
    msb = np.sum(n * (means - total) ** 2) / (k - 1)
    msw = np.sum((values - means[rater]) ** 2) / (len(values) - k)
    n0 = (len(values) - np.sum(n**2) / len(values)) / (k - 1)
    return float(np.sqrt(max(msb - msw, 0.0) / n0))


def observed_moments(hasil, perilaku, rater) -> np.ndarray:
    """The six moments of :data:`MOMENTS` from codes 1–3 and integer rater codes.

    Examples
    --------
    >>> observed_moments([3, 2, 1, 2], [3, 2, 2, 2], [0, 0, 1, 1]).round(2).tolist()[:4]
    [0.25, 0.25, 0.25, 0.0]
    """
    hasil, perilaku = np.asarray(hasil, dtype=float), np.asarray(perilaku, dtype=float)
    rater = np.asarray(rater, dtype=np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        correlation = (
            np.corrcoef(hasil, perilaku)[0, 1] if hasil.std() > 0 and perilaku.std() > 0 else 0.0
        )
    return np.array(
        [
            np.mean(hasil == 3),
            np.mean(hasil == 1),
            np.mean(perilaku == 3),
            np.mean(perilaku == 1),
            _between_sd((hasil + perilaku) / 2, rater),
            correlation,
        ]
    )


def synthetic_export(dataset, *, rules="permenpanrb-6-2022") -> pd.DataFrame:
    """The table :func:`~kinerja_sim.byod.read.read_appraisals` would give for a generated world.

    Each employee's supervisor's scores become the two ratings (Rating Hasil Kerja from
    the hasil kerja score, Rating Perilaku Kerja from the mean of the seven BerAKHLAK
    scores) and the predicate by the rule set. Used to check the fit on data whose rater
    population is known (``tests/test_byod_fit.py``, ``benchmarks/fit_coverage.py``).

    Examples
    --------
    >>> import kinerja_sim
    >>> table = synthetic_export(kinerja_sim.generate(2, rng=1))
    >>> set(table["kode_hasil_kerja"]) <= {1, 2, 3}
    True
    """
    from kinerja_sim import rules as rule_sets
    from kinerja_sim.byod.read import RATING_CODES

    rule_set = rule_sets.load(rules) if isinstance(rules, str) else rules
    scores = dataset.ratings.pivot_table(index="employee_id", columns="dimension", values="score")
    hasil = rule_set.rating(scores["hasil_kerja"])
    perilaku = rule_set.rating(scores[list(BERAKHLAK)].mean(axis=1))
    people = dataset.employees.set_index("employee_id").loc[scores.index]
    offices = dataset.offices.set_index("office_id")
    return pd.DataFrame(
        {
            "employee_id": scores.index,
            "rater_id": people["supervisor_id"].to_numpy(),
            "unit_kerja": people["office_id"].map(offices["name"]).to_numpy(),
            "rating_hasil_kerja": hasil.to_numpy(),
            "rating_perilaku_kerja": perilaku.to_numpy(),
            "predikat": rule_set.predicate(hasil, perilaku).to_numpy(),
            "predikat_organisasi": people["office_id"]
            .map(offices["organisation_predicate"])
            .to_numpy(),
            "kode_hasil_kerja": hasil.map(RATING_CODES).to_numpy(),
            "kode_perilaku_kerja": perilaku.map(RATING_CODES).to_numpy(),
        }
    )


def fit_input(appraisals, lang=None) -> pd.DataFrame:
    """The rows of an import that the fit can use: the annual view, both ratings and a rater.

    Takes an :class:`~kinerja_sim.byod.read.Appraisals`, checks that the fit applies
    (PermenPAN-RB 6/2022, both ratings, a rater column: otherwise one sentence via
    :class:`~kinerja_sim.byod.read.NotApplicable`) and keeps the complete rows of the annual
    view, so periodic files never count an employee twice. A table passes unchanged.

    Examples
    --------
    >>> from kinerja_sim.byod.read import example_path, read_appraisals
    >>> data = fit_input(read_appraisals(example_path(), key="kunci-contoh-dokumentasi-2025"))
    >>> len(data), data["employee_id"].is_unique
    (736, True)
    """
    if not hasattr(appraisals, "view"):
        return appraisals
    appraisals.require("fit", lang)
    view = appraisals.view(lang=lang).table
    complete = (
        view["kode_hasil_kerja"].notna()
        & view["kode_perilaku_kerja"].notna()
        & (view["rater_id"] != "")
    )
    data = view[complete].reset_index(drop=True)
    return data.astype({"kode_hasil_kerja": "int64", "kode_perilaku_kerja": "int64"})


def _observed(appraisals) -> pd.DataFrame:
    appraisals = fit_input(appraisals)  # an import: one complete row per employee
    data = appraisals.data if hasattr(appraisals, "data") else appraisals
    columns = ["rater_id", "employee_id", "unit_kerja", "kode_hasil_kerja", "kode_perilaku_kerja"]
    missing = [c for c in columns if c not in data]
    if missing:
        raise ValueError(
            "appraisals must be the result of read_appraisals or a table with "
            f"{', '.join(columns)}; missing {', '.join(missing)}"
        )
    return data


def _bootstrap(hasil, perilaku, rater, cluster, replicates, rng) -> np.ndarray:
    """Covariance of the observed moments, resampling whole clusters (raters with their teams).

    ``cluster`` gives each rater code its cluster: the unit kerja when the export has at
    least :data:`_MIN_UNITS` of them (units share an office effect, so their raters are
    not independent), otherwise the rater itself.
    """
    order = np.argsort(rater, kind="stable")
    starts = np.r_[0, np.flatnonzero(np.diff(rater[order])) + 1]
    teams = np.split(order, starts[1:])
    members = [np.flatnonzero(cluster == c) for c in np.unique(cluster)]
    draws = []
    for _ in range(replicates):
        chosen = np.concatenate(
            [members[i] for i in rng.integers(0, len(members), size=len(members))]
        )
        rows = np.concatenate([teams[i] for i in chosen])
        labels = np.repeat(np.arange(len(chosen)), [len(teams[i]) for i in chosen])
        draws.append(observed_moments(hasil[rows], perilaku[rows], labels))
    return np.cov(np.array(draws), rowvar=False)


@dataclass
class _Worlds:
    """Synthetic kabupaten rated again and again with the same random numbers (CRN)."""

    base: RaterPopulation
    items: list
    seeds: list
    rule_set: object

    @classmethod
    def make(cls, n_offices, count, base, rng):
        """``count`` kabupaten; per world the arrays :func:`kinerja_sim.raters.rate_arrays` rates.

        Each world keeps its supervisors' queues (rows grouped by rater in queue order),
        the true values of the rated employees, the affinity matches and the number of
        evidence periods, so an evaluation of θ is array arithmetic only.
        """
        import kinerja_sim
        from kinerja_sim import rules

        streams = rng.spawn(count)
        items = []
        for stream in streams:
            world = kinerja_sim.generate(n_offices, raters=base, rng=stream)
            queue = world.assignments().sort_values(
                ["rater_id", "order"], kind="stable", ignore_index=True
            )
            rater_ids = world.raters["rater_id"].to_numpy()
            truth = world.employees.set_index("employee_id").loc[
                queue["employee_id"], [f"true_{d}" for d in DIMENSIONS]
            ]
            items.append(
                {
                    "rater_ids": rater_ids,
                    "truth": truth.to_numpy(dtype=float),
                    "rater": pd.Index(rater_ids).get_indexer(queue["rater_id"]),
                    "affinity_match": queue["affinity_match"].to_numpy(dtype=bool),
                    "periods": int(world.performance["period"].nunique()),
                }
            )
        seeds = [int(s) for s in rng.integers(0, 2**31, size=(count, 2)).ravel()]
        return cls(base, items, seeds, rules.load("permenpanrb-6-2022"))

    def population(self, theta) -> RaterPopulation:
        leniency, spread, central, halo = (float(v) for v in theta)
        mean = dataclasses.replace(
            self.base.mean, leniency=leniency, central_tendency=central, halo=halo
        )
        return dataclasses.replace(
            self.base, name="fitted", mean=mean, spread={**self.base.spread, "leniency": spread}
        )

    def codes(self, theta):
        """Per world: (hasil codes, perilaku codes, rater codes), the same random numbers for every
        θ.
        """
        population = self.population(theta)
        out = []
        for i, item in enumerate(self.items):
            raters = population.draw(len(item["rater_ids"]), rng=self.seeds[2 * i])
            bias = {name: raters[name].to_numpy(dtype=float) for name in BIAS_FIELDS}
            scores = (
                rate_arrays(
                    item["truth"],
                    bias,
                    rater=item["rater"],
                    periods=item["periods"],
                    affinity_match=item["affinity_match"],
                    rng=np.random.default_rng(self.seeds[2 * i + 1]),
                )
                / 100
            )
            behaviour = scores[:, [DIMENSIONS.index(d) for d in BERAKHLAK]].mean(axis=1)
            hasil = self.rule_set.rating_codes(scores[:, 0]).astype(np.int64) + 1
            perilaku = self.rule_set.rating_codes(behaviour).astype(np.int64) + 1
            rater = pd.factorize(item["rater"])[0]
            out.append((hasil, perilaku, rater))
        return out

    def moments(self, theta) -> np.ndarray:
        return np.mean([observed_moments(*codes) for codes in self.codes(theta)], axis=0)

    @property
    def size(self) -> int:
        return sum(len(item["rater"]) for item in self.items)


@dataclass(frozen=True, eq=False)
class Goodness(Mapping):
    """How closely the fitted simulation reproduces the export (:attr:`FitResult.goodness`).

    A read-only mapping, name -> value (``goodness["max_abs_z"]``, ``.items()``,
    ``dict(goodness)`` work as on a dict), whose values are also attributes.

    Attributes
    ----------
    max_share_difference : float
        Largest gap between observed and fitted label shares.
    predikat_total_variation : float
        Half the sum of absolute gaps of the predicate shares: not a fitted moment, so an
        out-of-sample check.
    max_abs_z : float
        Largest absolute z of a fitted moment (difference / standard error).
    objective : float
        The weighted squared distance at the estimate.
    evaluations : int
        Evaluations of the objective.
    converged : bool
        Whether Nelder–Mead reported success.
    restarts : int
        Nelder–Mead restarts that lowered the objective.

    Examples
    --------
    >>> goodness = Goodness(0.02, 0.01, 1.5, 3.2, 180, True, 1)
    >>> goodness["max_abs_z"] == goodness.max_abs_z, len(goodness)
    (True, 7)
    >>> goodness.to_frame().shape, dict(goodness)["converged"]
    ((1, 7), True)
    """

    max_share_difference: float
    predikat_total_variation: float
    max_abs_z: float
    objective: float
    evaluations: int
    converged: bool
    restarts: int

    def __getitem__(self, name: str):
        if name not in _GOODNESS:
            raise KeyError(name)
        return getattr(self, name)

    def __iter__(self):
        return iter(_GOODNESS)

    def __len__(self) -> int:
        return len(_GOODNESS)

    def to_frame(self) -> pd.DataFrame:
        """One row, one column per attribute."""
        return pd.DataFrame([dict(self)])


_GOODNESS = tuple(f.name for f in fields(Goodness))


@dataclass(frozen=True)
class FitResult:
    """The fitted simulation of an imported region.

    Attributes
    ----------
    population : RaterPopulation
        The fitted rater population (``name="fitted"``), usable as
        ``kinerja_sim.generate(raters=...)``: the identified parameters from the data, the
        others from the base preset (column ``used`` of ``parameters``).
    parameters : DataFrame
        ``parameter``, ``estimate``, ``se``, ``ci_low``, ``ci_high`` (95%, cut at the
        parameter's allowed range), ``start``, ``identified`` (bool: the data pin the
        estimate down and its interval can be read), ``reason`` (why not: ``"flat"``,
        ``"at_bound"``, ``"confounded:<other parameter>"``, ``"imprecise"``, ``"misfit"``;
        empty when identified), ``note`` (the reason in words, current language),
        ``min_employees`` and ``min_raters`` (the sample an export of the same design would
        need for the parameter to be identified; empty where more rows do not help),
        ``used`` (the value the fitted population takes: the estimate when identified, else
        the base preset's) and ``used_from`` ("data" or "preset:<name>"). See
        *Identification* and *Minimum sample and fallback* in the module notes;
        ``benchmarks/fit_coverage.py`` measures how often the intervals hold the truth.
    moments : DataFrame
        ``moment``, ``observed``, ``fitted``, ``difference``, ``se`` (of the observed
        moment), ``z`` (difference / se).
    distributions : DataFrame
        ``aspect`` ("rating_hasil_kerja", "rating_perilaku_kerja", "predikat"), ``label``,
        ``observed``, ``fitted`` (shares), ``difference``.
    rater_means : DataFrame
        ``source`` ("observed"/"fitted"), ``rater_id``, ``n_ratees``, ``mean_code``.
    organisation : DataFrame
        The organisation mix: ``what`` ("kind" or "organisation_predicate"), ``value``,
        ``observed_units``, ``observed_share``.
    goodness : Goodness
        ``max_share_difference`` (largest gap between observed and fitted label shares),
        ``predikat_total_variation`` (half the sum of absolute gaps of the predicate
        shares, not a fitted moment: an out-of-sample check), ``max_abs_z``,
        ``objective``, ``evaluations``, ``converged``, ``restarts`` (Nelder–Mead restarts
        that lowered the objective): attributes, and a read-only mapping.
    n_offices, n_employees, n_raters : int
        Size of the observed region (``n_offices`` = units kerja).
    unit_sizes : tuple of int
        Employees per unit kerja in the export (at least 2 each), for :meth:`generate`.
    """

    population: RaterPopulation
    parameters: pd.DataFrame
    moments: pd.DataFrame
    distributions: pd.DataFrame
    rater_means: pd.DataFrame
    organisation: pd.DataFrame
    goodness: Goodness
    n_offices: int = 0
    n_employees: int = 0
    n_raters: int = 0
    unit_sizes: tuple = ()

    def to_frame(self) -> pd.DataFrame:
        """The parameter table."""
        return self.parameters.copy()

    def generate(self, *, periods: int = 4, rng=None):
        """A synthetic copy of the region: ``kinerja_sim.generate`` with the fitted raters.

        The copy has one office per unit kerja of the export, of the same size; office
        kinds are drawn as in the kit's kabupaten (see :attr:`organisation` for the
        observed mix).
        """
        import kinerja_sim

        plan = pd.DataFrame({"size": list(self.unit_sizes)}) if self.unit_sizes else None
        count = None if plan is not None else min(self.n_offices, 200)
        return kinerja_sim.generate(
            count, offices=plan, periods=periods, raters=self.population, rng=rng
        )

    def summary(self, lang=None) -> str:
        estimate = self.parameters.set_index("parameter")["estimate"]

        def fixed(value, decimals=2):
            return number(value, decimals, trim=False, lang=lang)

        leniency = estimate["leniency"]
        text = t(
            "byod.fit.summary",
            lang,
            employees=self.n_employees,
            raters=self.n_raters,
            leniency=("+" if round(leniency, 2) >= 0 else "") + fixed(leniency),
            spread=fixed(estimate["leniency_spread"]),
            central=fixed(estimate["central_tendency"]),
            halo=fixed(estimate["halo"]),
            worst=fixed(100 * self.goodness["max_share_difference"], 1),
        )
        if "identified" in self.parameters and not self.parameters["identified"].all():
            names = self.parameters.loc[~self.parameters["identified"], "parameter"]
            text += " " + t("byod.fit.summary.not_identified", lang, names=", ".join(names))
        return text

    def report(self, lang=None) -> str:
        """What the file can and cannot identify, in a few lines (Bahasa Indonesia by default).

        One line per parameter: identified (its estimate and 95% interval), or not (why, the
        sample it would need or that more rows do not help, and the preset value used
        instead); then how closely the fitted simulation reproduces the file's label shares.
        """

        def fixed(value, decimals=2):
            return number(value, decimals, trim=False, lang=lang)

        lines = [
            t(
                "byod.fit.report.title",
                lang,
                employees=number(self.n_employees, 0, lang=lang),
                raters=number(self.n_raters, 0, lang=lang),
                units=number(self.n_offices, 0, lang=lang),
            )
        ]
        for row in self.parameters.to_dict("records"):
            name = t(f"byod.fit.parameter.{row['parameter']}", lang)
            if row["identified"]:
                lines.append(
                    t(
                        "byod.fit.report.identified",
                        lang,
                        name=name,
                        value=fixed(row["estimate"]),
                        low=fixed(row["ci_low"]),
                        high=fixed(row["ci_high"]),
                    )
                )
                continue
            preset = row["used_from"].removeprefix("preset:")
            need = (
                t(
                    "byod.fit.report.need",
                    lang,
                    employees=number(row["min_employees"], 0, lang=lang),
                    raters=number(row["min_raters"], 0, lang=lang),
                )
                if row["min_employees"] == row["min_employees"]
                else t("byod.fit.report.no_more_rows", lang)
            )
            lines.append(
                t(
                    "byod.fit.report.not_identified",
                    lang,
                    name=name,
                    note=_note(row["reason"], lang),
                    need=need,
                    preset=preset,
                    national=t("byod.fit.report.national", lang) if preset == "praktik" else "",
                    value=fixed(row["used"]),
                )
            )
        lines.append(
            t(
                "byod.fit.report.goodness",
                lang,
                worst=fixed(100 * self.goodness["max_share_difference"], 1),
            )
        )
        return "\n".join(lines)


def _jacobian(worlds, theta) -> np.ndarray:
    """Central-difference Jacobian of the simulated moments (one-sided at a bound)."""
    columns = []
    for j, step in enumerate(_STEPS):
        low, high = np.array(theta, dtype=float), np.array(theta, dtype=float)
        low[j], high[j] = max(theta[j] - step, _BOUNDS[j][0]), min(theta[j] + step, _BOUNDS[j][1])
        columns.append((worlds.moments(high) - worlds.moments(low)) / (high[j] - low[j]))
    return np.column_stack(columns)


def _sandwich(g, weights, omega) -> np.ndarray:
    """Covariance of the estimates: (G'WG)^-1 G'W Ω W G (G'WG)^-1."""
    w = np.diag(weights)
    bread = np.linalg.pinv(g.T @ w @ g)
    return bread @ g.T @ w @ omega @ w @ g @ bread


def _identification(theta, covariance, g, weights) -> tuple[np.ndarray, list]:
    """Which estimates the data pin down, and why not (reason codes, see FitResult)."""
    se = np.sqrt(np.clip(np.diag(covariance), 0, None))
    with np.errstate(invalid="ignore", divide="ignore"):
        correlation = covariance / np.outer(se, se)
    information = np.einsum(
        "mj,m,mj->j", g, weights, g
    )  # curvature of the objective, one parameter at a time
    reasons = []
    for j, name in enumerate(PARAMETERS):
        low, high = _BOUNDS[j]
        others = [k for k in range(len(PARAMETERS)) if k != j and np.isfinite(correlation[j, k])]
        partner = max(others, key=lambda k: abs(correlation[j, k])) if others else None
        if information[j] * (high - low) ** 2 < 1.0:
            reasons.append("flat")
        elif min(theta[j] - low, high - theta[j]) < _STEPS[j]:
            reasons.append("at_bound")
        elif partner is not None and abs(correlation[j, partner]) > _MAX_CORRELATION:
            reasons.append(f"confounded:{PARAMETERS[partner]}")
        elif not np.isfinite(se[j]) or 2 * 1.96 * se[j] > _MAX_CI_SHARE * (high - low):
            reasons.append("imprecise")
        else:
            reasons.append("")
    return np.array([reason == "" for reason in reasons]), reasons


def _min_sample(theta, se, g, weights, reasons, n) -> np.ndarray:
    """Employees an export of the same design would need for each parameter to be identified.

    See *Minimum sample and fallback* in the module notes; NaN where more rows do not help.
    """
    information = np.einsum("mj,m,mj->j", g, weights, g)
    out = np.full(len(PARAMETERS), np.nan)
    for j, reason in enumerate(reasons):
        low, high = _BOUNDS[j]
        code = reason.partition(":")[0]
        if code in ("confounded", "at_bound", "misfit"):
            continue
        needs = [n * (2 * 1.96 * se[j] / (_MAX_CI_SHARE * (high - low))) ** 2]
        if information[j] > 0:
            needs.append(n / (information[j] * (high - low) ** 2))
        else:
            needs.append(np.inf)
        need = max(needs)
        out[j] = np.ceil(need) if np.isfinite(need) else np.nan
    return out


def _shares(values, labels) -> np.ndarray:
    values = pd.Series(values)
    return np.array([np.mean(values == label) for label in labels])


def _distributions(data, worlds, theta) -> pd.DataFrame:
    from kinerja_sim.rules import PREDICATES

    fitted = {"rating_hasil_kerja": [], "rating_perilaku_kerja": [], "predikat": []}
    for hasil, perilaku, _ in worlds.codes(theta):
        h, p = np.array(_LABELS)[hasil - 1], np.array(_LABELS)[perilaku - 1]
        fitted["rating_hasil_kerja"].append(_shares(h, _LABELS[::-1]))
        fitted["rating_perilaku_kerja"].append(_shares(p, _LABELS[::-1]))
        fitted["predikat"].append(_shares(worlds.rule_set.predicate(h, p), PREDICATES))
    rows = []
    for aspect, labels in (
        ("rating_hasil_kerja", _LABELS[::-1]),
        ("rating_perilaku_kerja", _LABELS[::-1]),
        ("predikat", PREDICATES),
    ):
        observed, simulated = _shares(data[aspect], labels), np.mean(fitted[aspect], axis=0)
        rows += [
            {"aspect": aspect, "label": label, "observed": o, "fitted": s, "difference": s - o}
            for label, o, s in zip(labels, observed, simulated)
        ]
    return pd.DataFrame(rows)


def _rater_means(data, worlds, theta) -> pd.DataFrame:
    observed = data.assign(code=(data["kode_hasil_kerja"] + data["kode_perilaku_kerja"]) / 2)
    observed = (
        observed.groupby("rater_id")
        .agg(n_ratees=("code", "size"), mean_code=("code", "mean"))
        .reset_index()
    )
    frames = [observed.assign(source="observed")]
    for i, (hasil, perilaku, rater) in enumerate(worlds.codes(theta)):
        code = (hasil + perilaku) / 2
        frames.append(
            pd.DataFrame(
                {
                    "source": "fitted",
                    "rater_id": [f"S{i + 1}-{r:04d}" for r in np.unique(rater)],
                    "n_ratees": np.bincount(rater),
                    "mean_code": np.bincount(rater, weights=code) / np.bincount(rater),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)[["source", "rater_id", "n_ratees", "mean_code"]]


def _kind_of(unit: str) -> str:
    from kinerja_sim.world.offices import office_kinds

    name = unit.casefold()
    candidates = []
    for kind, spec in office_kinds().items():
        for text in (spec["label"], spec["name_pattern"].split("{")[0], spec["short"]):
            text = text.strip().casefold()
            if text and (name.startswith(text) or f" {text}" in f" {name}"):
                candidates.append((len(text), kind))
    return max(candidates)[1] if candidates else "lainnya"


def organisation_mix(data) -> pd.DataFrame:
    """The units of an export by kind (from their names) and by organisation predicate."""
    units = data.groupby("unit_kerja").agg(
        organisation=("predikat_organisasi", lambda s: s.mode().iloc[0])
    )
    rows = []
    kinds = pd.Series(
        [_kind_of(u) if not u.startswith("UK-") else "tidak diketahui" for u in units.index]
    )
    for what, values in (
        ("kind", kinds),
        ("organisation_predicate", units["organisation"].replace("", "tidak ada")),
    ):
        counts = pd.Series(values.to_numpy()).value_counts()
        rows += [
            {
                "what": what,
                "value": value,
                "observed_units": int(count),
                "observed_share": count / len(units),
            }
            for value, count in counts.items()
        ]
    return pd.DataFrame(rows)


def _variance_floor(observed, n) -> np.ndarray:
    """The least sampling variance of each moment from ``n`` employees.

    A bootstrap cannot see uncertainty a sample does not show: a share observed as 0
    resamples to 0 every time. Shares get the binomial variance at the Laplace estimate
    (k + 1)/(n + 2), the correlation (1 − r²)²/n, the between-rater SD 1/(4n).
    """
    shares = (observed[:4] * n + 1) / (n + 2)
    correlation = observed[5] if np.isfinite(observed[5]) else 0.0
    return np.r_[shares * (1 - shares) / n, 0.25 / n, (1 - correlation**2) ** 2 / n]


def _minimise(objective, start, budget):
    """Nelder–Mead within the bounds, restarted from its best point while that still helps.

    The simulated objective is a step function of θ (labels are counted), so one
    Nelder–Mead run can stall on a plateau far from the minimum; each restart builds a
    fresh simplex half the size of the last around the best point (at most 3 restarts,
    each with half the first budget; ``restarts`` counts those that improved).
    """
    from scipy.optimize import minimize  # on first use: reading an import needs no SciPy

    lows, highs = np.array([b[0] for b in _BOUNDS]), np.array([b[1] for b in _BOUNDS])
    size, point, best, restarts, evaluations = (
        np.array([0.3, 0.2, 0.25, 0.25]),
        np.asarray(start, float),
        None,
        0,
        0,
    )
    for attempt in range(4):
        steps = np.where(point + size <= highs, size, -size)
        simplex = np.clip(np.vstack([point, point + np.diag(steps)]), lows, highs)
        found = minimize(
            objective,
            point,
            method="Nelder-Mead",
            bounds=_BOUNDS,
            options={
                "maxfev": budget if attempt == 0 else max(budget // 2, 10),
                "initial_simplex": simplex,
                "xatol": 0.01,
                "fatol": 0.05,
            },
        )
        evaluations += found.nfev
        if best is not None and found.fun >= best.fun - 0.05:
            break
        restarts += best is not None
        best, point, size = found, np.clip(found.x, lows, highs), size / 2
    best.nfev, best.restarts = evaluations, restarts
    return best


def _note(reason: str, lang=None) -> str:
    if not reason:
        return ""
    code, _, partner = reason.partition(":")
    named = t(f"byod.fit.parameter.{partner}", lang) if partner else ""
    return t(f"byod.fit.reason.{code}", lang, partner=named)


def fit_simulation(
    appraisals,
    *,
    base="praktik",
    worlds: int = 2,
    max_evaluations: int = 120,
    bootstrap: int = 200,
    rng=None,
) -> FitResult:
    """Fit the rater population of the simulation to an imported export.

    Parameters
    ----------
    appraisals : Appraisals or DataFrame
        The result of :func:`kinerja_sim.byod.read.read_appraisals` (or its ``data``).
    base : str or RaterPopulation
        The population whose other biases (recency, contrast, affinity, idiosyncratic,
        noise, the administrative floor, their spreads) are kept; also the start. Default
        ``"praktik"``, current Indonesian practice (the status quo: almost everyone at least
        Sesuai Ekspektasi), which real exports look like; ``"supervisory"`` has no floor.
    worlds : int
        Synthetic kabupaten simulated per evaluation (more: less simulation noise, slower).
    max_evaluations : int
        Budget of the Nelder–Mead search.
    bootstrap : int
        Bootstrap replicates (over raters) for the variance of the observed moments.
    rng : None, int or numpy.random.Generator
        The same seed gives the same fit.

    Returns
    -------
    FitResult

    Examples
    --------
    >>> from kinerja_sim.byod.read import example_path, read_appraisals
    >>> result = read_appraisals(example_path(), key="kunci-contoh-dokumentasi-2025")
    >>> fitted = fit_simulation(result, worlds=1, max_evaluations=40, bootstrap=50, rng=1)
    >>> list(fitted.parameters["parameter"])
    ['leniency', 'leniency_spread', 'central_tendency', 'halo']
    >>> bool(fitted.goodness["max_share_difference"] < 0.1)
    True
    """
    data = _observed(appraisals)
    worlds = check_int("worlds", worlds, minimum=1, maximum=20)
    max_evaluations = check_int("max_evaluations", max_evaluations, minimum=10)
    bootstrap = check_int("bootstrap", bootstrap, minimum=20)
    base = PRESETS[base] if isinstance(base, str) and base in PRESETS else base
    if not isinstance(base, RaterPopulation):
        raise ValueError(
            f"base must be one of {', '.join(map(repr, PRESETS))} or a RaterPopulation, got "
            f"{base!r}"
        )
    rng = check_rng(rng)
    hasil, perilaku = (
        data[c].to_numpy(dtype=float) for c in ("kode_hasil_kerja", "kode_perilaku_kerja")
    )
    rater = pd.factorize(data["rater_id"])[0]
    teams = np.bincount(rater) if len(rater) else np.array([])
    if (teams >= 2).sum() < _MIN_RATERS:
        from kinerja_sim.byod.read import NotApplicable  # a ValueError: the import goes on

        raise NotApplicable(
            t("byod.fit.too_few", raters=len(teams), employees=len(data), min_raters=_MIN_RATERS)
        )
    observed = observed_moments(hasil, perilaku, rater)
    n_offices = max(int(data["unit_kerja"].nunique()), 1)
    simulation = _Worlds.make(min(n_offices, 40), worlds, base, rng)
    units = pd.factorize(data["unit_kerja"])[0]
    cluster = pd.Series(units).groupby(rater).first().to_numpy()
    if len(np.unique(cluster)) < _MIN_UNITS:
        cluster = np.arange(len(teams))
    omega = _bootstrap(hasil, perilaku, rater, cluster, bootstrap, rng) * (
        1 + len(data) / simulation.size
    )
    np.fill_diagonal(omega, np.maximum(np.diag(omega), _variance_floor(observed, len(data))))
    weights = 1 / np.diag(omega)
    if (
        hasil.std() == 0 or perilaku.std() == 0
    ):  # the correlation of the two ratings is undefined: unused
        weights[MOMENTS.index("hasil_perilaku_correlation")] = 0.0

    def objective(theta):
        return float(np.sum(weights * (simulation.moments(theta) - observed) ** 2))

    start = np.array(
        [
            base.mean.leniency,
            base.spread.get("leniency", 0.0),
            base.mean.central_tendency,
            base.mean.halo,
        ]
    )
    found = _minimise(objective, start, max_evaluations)
    theta = np.clip(found.x, [b[0] for b in _BOUNDS], [b[1] for b in _BOUNDS])
    g = _jacobian(simulation, theta)
    covariance = _sandwich(g, weights, omega)
    se = np.sqrt(np.clip(np.diag(covariance), 0, None))
    identified, reasons = _identification(theta, covariance, g, weights)
    fitted = simulation.moments(theta)
    moment_se = np.sqrt(np.diag(omega))
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(weights > 0, (fitted - observed) / moment_se, np.nan)
    if (
        np.nanmax(np.abs(z)) > _MAX_Z
    ):  # the model cannot reproduce the data: no estimate can be read
        reasons = [reason or "misfit" for reason in reasons]
        identified = np.zeros(len(PARAMETERS), dtype=bool)
    lows, highs = (np.array([b[i] for b in _BOUNDS]) for i in (0, 1))
    minimum = _min_sample(theta, se, g, weights, reasons, len(data))
    used = np.where(identified, theta, start)  # not identified: the base preset's value
    parameters = pd.DataFrame(
        {
            "parameter": PARAMETERS,
            "estimate": theta,
            "se": se,
            "ci_low": np.maximum(theta - 1.96 * se, lows),
            "ci_high": np.minimum(theta + 1.96 * se, highs),
            "start": start,
            "identified": identified,
            "reason": reasons,
            "note": [_note(reason) for reason in reasons],
            "min_employees": minimum,
            "min_raters": np.ceil(minimum * len(teams) / max(len(data), 1)),
            "used": used,
            "used_from": np.where(identified, "data", f"preset:{base.name}"),
        }
    )
    moments = pd.DataFrame(
        {
            "moment": MOMENTS,
            "observed": observed,
            "fitted": fitted,
            "difference": fitted - observed,
            "se": moment_se,
            "z": z,
        }
    )
    distributions = _distributions(data, simulation, theta)
    predikat = distributions[distributions["aspect"] == "predikat"]
    goodness = Goodness(
        max_share_difference=float(distributions["difference"].abs().max()),
        predikat_total_variation=float(predikat["difference"].abs().sum() / 2),
        max_abs_z=float(np.nanmax(np.abs(moments["z"]))),
        objective=float(found.fun),
        evaluations=int(found.nfev),
        converged=bool(found.success),
        restarts=int(found.restarts),
    )
    source = (
        f"fitted to {len(data)} employees and {len(teams)} raters by the simulated method of "
        f"moments; parameters not identified from preset {base.name!r}"
    )
    population = dataclasses.replace(
        simulation.population(used),
        description="Rater population fitted to an "
        "imported appraisal export (kinerja_sim.byod.fit).",
        source=source,
    )
    return FitResult(
        population,
        parameters,
        moments,
        distributions,
        _rater_means(data, simulation, theta),
        organisation_mix(data),
        goodness,
        n_offices,
        len(data),
        len(teams),
        tuple(int(n) for n in np.maximum(data.groupby("unit_kerja").size().to_numpy(), 2)),
    )
