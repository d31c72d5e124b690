"""How sure are we? The policy answers over the range of every assumption they rest on.

:func:`simulate_sensitivity` runs one scenario many times, each time with the ASSUMPTIONs
of :mod:`kinerja_sim.policy.assumptions` set to values drawn from their documented ranges
by SALib, and reports for each headline answer its range over the assumptions and which
assumptions drive it:

- ``method="sobol"``: Saltelli's sampling (``base`` × (k + 2) runs for k assumptions) and
  Sobol' first-order and total indices with bootstrap confidence intervals (Saltelli 2002;
  Saltelli et al. 2010, SALib ``sobol.analyze``);
- ``method="morris"``: Morris elementary effects (``base`` trajectories, ``base`` × (k + 1)
  runs), mu* with its bootstrap interval and sigma (Morris 1991; Campolongo, Cariboni &
  Saltelli 2007), cheap enough to screen at the full national size.

Every run uses the same random stream (common random numbers): the same employees and
raters, only the assumptions change, so the answers are a deterministic function of the
assumptions and the indices measure the assumptions, not sampling noise. How large that
noise is at the chosen size is measured separately (``kinerja-sim simulate --replications``,
``benchmarks/sensitivity.py``). Besides the SALib sample the study runs the defaults and each
assumption alone at its low and high end (one at a time), for the tornado plot.

Runs are independent and go to Dask when ``workers``, ``scheduler`` or ``client`` is given,
in batches, with the same results as in one process.

Examples
--------
>>> from kinerja_sim.policy.scenario import Scenario
>>> study = simulate_sensitivity(Scenario(), employees=2_000, base=4, method="morris", rng=1)
>>> sorted(study.indices["index"].unique())
['mu_star', 'sigma']
>>> set(study.indices["assumption"]) == {a.name for a in study.assumptions}
True
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja_sim._core.i18n import t
from kinerja_sim._core.sheets import write_csv, write_workbook
from kinerja_sim._core.validate import check_choice, check_int, check_rng
from kinerja_sim.policy.assumptions import (
    PRICE_ONLY,
    active_assumptions,
    apply_assumptions,
    tukin_for,
)
from kinerja_sim.policy.outcomes import (
    format_range,
    format_significant,
    format_value,
    metric_labels,
)
from kinerja_sim.policy.scenario import Scenario

__all__ = [
    "INDEX_COLUMNS",
    "SensitivityStudy",
    "headline_metrics",
    "plot_tornado",
    "simulate_sensitivity",
]

METHODS = ("sobol", "morris")
#: Columns of :attr:`SensitivityStudy.indices` (one row per answer, assumption and index).
INDEX_COLUMNS = ["metric", "assumption", "index", "estimate", "ci_low", "ci_high"]
#: Answers that grow with the workforce: reported for ``workforce`` employees.
TOTALS = ("tpp_total", "tukin_total", "incentive_total")
_RANGE_COLUMNS = ["metric", "label", "default", "low", "high", "p05", "p95", "drivers"]
_BATCH_EMPLOYEES = (
    1_250_000  # employees simulated per Dask task (25 runs of 50,000, or one big run)
)


def headline_metrics(scenario: Scenario) -> list[str]:
    """The headline answers of a scenario: the share of each predicate (or category),
    truly good rated negative, the fairness figure(s), agreement and kappa with the true
    predicate, and the total incentive cost (TPP and tunjangan kinerja)."""
    result_keys = _probe(scenario)
    shares = [f"share_{key}" for key in result_keys["keys"]]
    fairness = [m for m, area in result_keys["metrics"].items() if area == "fairness"]
    cost = "incentive_total" if "incentive_total" in result_keys["metrics"] else "tpp_total"
    return [*shares, "wrong_negative", *fairness, "agreement", "kappa_quadratic", cost]


def _probe(scenario):
    from kinerja_sim.policy.engine import is_scored
    from kinerja_sim.policy.outcomes import metrics_for
    from kinerja_sim.policy.scored import category_keys

    keys = category_keys(scenario.categories)
    return {"keys": keys, "metrics": metrics_for(keys, scored=is_scored(scenario.rule_set))}


@dataclass(frozen=True)
class SensitivityStudy:
    """Result of :func:`simulate_sensitivity`.

    Attributes
    ----------
    scenario : Scenario
    method : {"sobol", "morris"}
    employees, workforce, base : int
        Employees per run; the workforce the totals are scaled to; SALib's base sample size
        (Sobol) or trajectories (Morris).
    assumptions : tuple of Assumption
        The assumptions varied, in order.
    metrics : list of str
        The headline answers.
    runs : DataFrame
        One row per run: ``run``, ``design`` ("sample", "default", "low", "high"),
        ``varied`` (the assumption of a one-at-a-time run), one column per assumption and
        one per headline answer.
    indices : DataFrame
        :data:`INDEX_COLUMNS`: ``index`` is ``S1`` and ``ST`` (Sobol) or ``mu_star`` and
        ``sigma`` (Morris; sigma has no interval); ``ci_low``/``ci_high`` the bootstrap interval.
    """

    scenario: Scenario
    method: str
    employees: int
    workforce: int
    base: int
    assumptions: tuple
    metrics: list
    runs: pd.DataFrame
    indices: pd.DataFrame
    seconds: float = float("nan")

    @property
    def main_index(self) -> str:
        """The index that ranks the drivers: total Sobol index, or Morris mu*."""
        return "ST" if self.method == "sobol" else "mu_star"

    def drivers(self, metric: str, top: int = 3, *, strong: bool = False) -> pd.DataFrame:
        """The assumptions that drive ``metric`` most, by :attr:`main_index`, largest first.

        With ``strong``, only those whose index is at least 0.05 (Sobol) or 5% of the
        answer's spread (Morris mu*), and always the first.
        """
        rows = self.indices.query("metric == @metric and index == @self.main_index")
        rows = rows.sort_values("estimate", ascending=False).head(top)
        if strong:
            keep = rows["estimate"] >= 0.05 * _scale(self, metric)
            keep.iloc[:1] = True
            rows = rows[keep.to_numpy()]
        return rows

    def ranges(self, lang=None) -> pd.DataFrame:
        """Per answer: ``default`` (all assumptions at their defaults), ``low``/``high`` (the
        smallest and largest value over every run), ``p05``/``p95`` (the middle 90% of the
        runs of the SALib sample: the assumptions drawn uniformly over their ranges) and
        ``drivers`` (the top assumptions by :attr:`main_index`, as text)."""
        labels = metric_labels(lang, self.metrics)
        default = self.runs.query("design == 'default'").iloc[0]
        sample = self.runs.query("design == 'sample'")
        rows = []
        for metric in self.metrics:
            drivers = self.drivers(metric)
            text = ", ".join(
                t(f"sensitivity.assumption.{row.assumption}", lang)
                for row in drivers.itertuples()
                if row.estimate == row.estimate and row.estimate > 0.05 * _scale(self, metric)
            )
            rows.append(
                {
                    "metric": metric,
                    "label": labels[metric],
                    "default": default[metric],
                    "low": self.runs[metric].min(),
                    "high": self.runs[metric].max(),
                    "p05": sample[metric].quantile(0.05),
                    "p95": sample[metric].quantile(0.95),
                    "drivers": text or "-",
                }
            )
        return pd.DataFrame(rows, columns=_RANGE_COLUMNS)

    def report_lines(self, lang=None) -> list[str]:
        """What ``kinerja-sim sensitivity`` prints: per answer its default value, its range
        over the assumptions and its drivers with their indices."""
        lines = [
            t(
                "sensitivity.header",
                lang,
                scenario=self.scenario.name,
                method=t(f"sensitivity.method.{self.method}", lang),
                runs=format_value("count", len(self.runs), lang),
                employees=format_value("count", self.employees, lang),
                workforce=format_value("count", self.workforce, lang),
            ),
            t(
                "sensitivity.varied",
                lang,
                names=", ".join(
                    t(f"sensitivity.assumption.{a.name}", lang) for a in self.assumptions
                ),
            ),
        ]
        for row in self.ranges(lang).itertuples():
            lines.append(
                t(
                    "sensitivity.answer",
                    lang,
                    label=row.label,
                    default=format_significant(row.metric, row.default, lang),
                    range=format_range(row.metric, row.low, row.high, lang),
                    middle=format_range(row.metric, row.p05, row.p95, lang),
                )
            )
            for driver in self.drivers(row.metric, strong=True).itertuples():
                lines.append("    " + _driver_text(self, driver, lang))
        return lines

    def write(self, out, lang=None) -> list[Path]:
        """Write the tables (CSV and one Excel workbook) and the tornado plot (PNG) to ``out``.

        The folder must exist. Files: ``rentang_jawaban.csv`` (:meth:`ranges`),
        ``indeks_sensitivitas.csv`` (:attr:`indices`), ``sampel.csv`` (:attr:`runs`),
        ``asumsi.csv`` (the assumptions and their ranges), ``sensitivitas.xlsx`` (the four
        as sheets) and ``tornado.png``.
        """
        from kinerja_sim.policy.assumptions import assumption_table

        folder = Path(out)
        if not folder.is_dir():
            raise FileNotFoundError(t("sensitivity.error.no_folder", lang, path=folder))
        tables = {
            "rentang_jawaban": self.ranges(lang),
            "indeks_sensitivitas": self.indices,
            "sampel": self.runs,
            "asumsi": assumption_table(self.scenario, lang),
        }
        paths = []
        for name, table in tables.items():
            paths.append(write_csv(table, folder / f"{name}.csv"))
        paths.append(write_workbook(tables, folder / "sensitivitas.xlsx"))
        path = folder / "tornado.png"
        plot_tornado(self, lang).savefig(path, dpi=110)
        return [*paths, path]


def _scale(study, metric) -> float:
    """What "large" means for ``metric``'s index: 1 for Sobol; the answer's spread for Morris."""
    if study.method == "sobol":
        return 1.0
    spread = study.runs[metric].max() - study.runs[metric].min()
    return spread if spread > 0 else float("inf")


def _driver_text(study, driver, lang) -> str:
    label = t(f"sensitivity.assumption.{driver.assumption}", lang)
    if study.method == "sobol":
        s1 = study.indices.query(
            "metric == @driver.metric and assumption == @driver.assumption and index == 'S1'"
        ).iloc[0]
        return t(
            "sensitivity.driver.sobol",
            lang,
            label=label,
            st=_index(driver.estimate, lang),
            st_half=_index((driver.ci_high - driver.ci_low) / 2, lang),
            s1=_index(s1.estimate, lang),
            s1_half=_index((s1.ci_high - s1.ci_low) / 2, lang),
        )
    sigma = study.indices.query(
        "metric == @driver.metric and assumption == @driver.assumption and index == 'sigma'"
    ).iloc[0]
    value = lambda v: format_value(driver.metric, v, lang)  # noqa: E731
    return t(
        "sensitivity.driver.morris",
        lang,
        label=label,
        mu_star=value(driver.estimate),
        mu_half=value((driver.ci_high - driver.ci_low) / 2),
        sigma=value(sigma.estimate),
    )


def _index(value, lang) -> str:
    from kinerja_sim._core.format import number

    return number(value, 2, trim=False, lang=lang)


def _problem(assumptions) -> dict:
    return {
        "num_vars": len(assumptions),
        "names": [a.name for a in assumptions],
        "bounds": [[a.low, a.high] for a in assumptions],
    }


def _design(assumptions, method, base, seed) -> pd.DataFrame:
    """The runs: SALib's sample, then the defaults and each assumption alone at its ends."""
    from SALib.sample import morris as morris_sample
    from SALib.sample import sobol as sobol_sample

    problem = _problem(assumptions)
    if method == "sobol":
        sample = sobol_sample.sample(
            problem, base, calc_second_order=False, scramble=True, seed=seed
        )
    else:
        sample = morris_sample.sample(problem, base, num_levels=4, seed=seed)
    names = problem["names"]
    default = np.array([a.default for a in assumptions])
    rows = [sample, default[None, :]]
    varied = [""] * len(sample) + [""]
    design = ["sample"] * len(sample) + ["default"]
    for j, a in enumerate(assumptions):
        for end, value in (("low", a.low), ("high", a.high)):
            row = default.copy()
            row[j] = value
            rows.append(row[None, :])
            design.append(end)
            varied.append(a.name)
    frame = pd.DataFrame(np.vstack(rows), columns=names)
    frame.insert(0, "varied", varied)
    frame.insert(0, "design", design)
    frame.insert(0, "run", np.arange(len(frame)))
    return frame


def _repriced(simulation, scenario, outcomes, values) -> dict:
    """``outcomes`` with the incentive lines priced again: the regional offices by
    ``scenario``'s TPP mapping, the central ones by the tunjangan kinerja mapping under
    ``values`` (:func:`~kinerja_sim.policy.assumptions.tukin_for`), from the offices'
    per-category counts (what ``kinerja_sim.policy.incentives.price`` keeps)."""
    from kinerja_sim.policy.incentives import pay_per_category

    offices = simulation.offices
    counts = offices[[f"n_{key}" for key in simulation.keys]].to_numpy(dtype=float)
    outcomes = dict(outcomes)  # outcomes() may be read-only
    if "regime" not in offices:
        return outcomes
    regime = offices["regime"].astype(str).to_numpy()
    totals = {}
    for name, pay in (
        ("tpp", pay_per_category(scenario, "tpp")),
        (
            "tukin",
            pay_per_category(scenario, "tukin", **dict(zip(("shares", "base"), tukin_for(values)))),
        ),
    ):
        rows = counts[regime == name]
        totals[name] = float(rows.sum(axis=0) @ pay) if len(rows) else float("nan")
    outcomes["tpp_total"], outcomes["tukin_total"] = totals["tpp"], totals["tukin"]
    outcomes["incentive_total"] = float(np.nansum([totals["tpp"], totals["tukin"]]))
    return outcomes


class _Runner:
    """:func:`~kinerja_sim.policy.simulate` for many runs that share one random stream.

    Every run of a study draws the same kabupaten and offices (the plan depends on the seed,
    the size and the scenario's organisation setting, none of which an assumption changes),
    so the plan is drawn once and each run only rates its employees again, chunk by chunk
    from the same spawned streams. The result is exactly that of ``simulate`` (tested); it
    saves about a third of the time of a run of 20,000.
    """

    def __init__(self, employees, chunk_size, seed):
        self.employees, self.chunk_size, self.seed = employees, chunk_size, seed
        self._plans = {}

    def _plan(self, scenario):
        from kinerja_sim.policy.population import plan_offices

        key = repr(scenario.organisation)
        if key not in self._plans:
            plan_rng, chunk_rng = np.random.default_rng(np.random.SeedSequence(self.seed)).spawn(2)
            plan = plan_offices(
                self.employees,
                organisation=scenario.organisation,
                chunk_size=self.chunk_size,
                rng=plan_rng,
            )
            # the chunks' streams as simulate() spawns them, kept as seeds: a fresh generator
            # per run and chunk (a generator's state moves on as it draws)
            # (rebuilt from entropy and spawn key: a chunk spawns from its seed sequence)
            seeds = [
                (ss.entropy, ss.spawn_key, ss.pool_size)
                for ss in chunk_rng.bit_generator.seed_seq.spawn(plan.n_chunks)
            ]
            self._plans[key] = (plan, seeds)
        return self._plans[key]

    def __call__(self, scenario):
        from kinerja_sim.policy.engine import simulate_chunk
        from kinerja_sim.policy.incentives import price
        from kinerja_sim.policy.scored import category_keys
        from kinerja_sim.policy.simulate import Simulation

        plan, seeds = self._plan(scenario)
        results = [
            simulate_chunk(plan.chunk(i), plan.kinds, scenario, rng=_generator(*seed))
            for i, seed in enumerate(seeds)
        ]
        counts = pd.concat([r.offices for r in results], ignore_index=True)
        offices = plan.offices.merge(counts, on="office_id", how="left", validate="one_to_one")
        offices = price(offices, scenario, category_keys(scenario.categories))
        confusion = np.sum([r.confusion for r in results], axis=0)
        return Simulation(scenario, offices, confusion)


def _generator(entropy, spawn_key, pool_size) -> np.random.Generator:
    sequence = np.random.SeedSequence(entropy, spawn_key=spawn_key, pool_size=pool_size)
    return np.random.Generator(np.random.PCG64(sequence))


def _evaluate(scenario, names, values, employees, chunk_size, seed, metrics, scale) -> np.ndarray:
    """The headline answers of each row of ``values`` (one run each, the same random stream);
    totals (``tpp_total``) multiplied by ``scale`` (workforce / employees).

    Rows that differ only in the assumptions that price a run (:data:`PRICE_ONLY`) reuse one
    simulation and are priced again (Saltelli's design has one such row per price
    assumption and base sample, Morris one per trajectory).
    """
    out = np.empty((len(values), len(metrics)))
    simulated = {}
    run = _Runner(employees, chunk_size, seed)
    for i, row in enumerate(values):
        values_of = dict(zip(names, row))
        changed = apply_assumptions(scenario, values_of)
        key = tuple(v for n, v in values_of.items() if n not in PRICE_ONLY)
        if key not in simulated:
            if len(simulated) > len(names) + 2:  # one base sample's worth is enough to reuse
                simulated.clear()
            simulation = run(changed)
            simulated[key] = (simulation, dict(simulation.outcomes()))
        simulation, outcomes = simulated[key]
        outcomes = _repriced(simulation, changed, outcomes, values_of)
        out[i] = [outcomes[m] * (scale if m in TOTALS else 1.0) for m in metrics]
    return out


def _run_all(
    scenario, design, names, employees, chunk_size, seed, metrics, scale, dask, progress, method
):
    values = design[names].to_numpy()
    # one base sample of Saltelli's design (k + 2 rows) or one Morris trajectory (k + 1),
    # kept in one batch so its rows that differ only in prices share a simulation
    block = len(names) + (2 if method == "sobol" else 1)
    size = max(1, _BATCH_EMPLOYEES // employees // block) * block
    batches = [values[i : i + size] for i in range(0, len(values), size)]
    args = (employees, chunk_size, seed, metrics, scale)
    if not any(v is not None for v in dask.values()):
        from kinerja_sim.policy.simulate import _bar

        results = []
        with _bar(len(batches), progress) as bar:
            for batch in batches:
                results.append(_evaluate(scenario, names, batch, *args))
                bar.update()
        return np.vstack(results)
    return np.vstack(_run_dask(scenario, names, batches, args, **dask))


def _run_dask(scenario, names, batches, args, *, workers=None, scheduler=None, client=None):
    from dask.distributed import Client, LocalCluster

    own = client is None
    cluster = None
    if own and scheduler is not None:
        client = Client(scheduler)
    elif own:
        workers = check_int("workers", workers, minimum=1, maximum=256)
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, dashboard_address=":0", silence_logs=40
        )
        client = Client(cluster)
    try:
        futures = [
            client.submit(_evaluate, scenario, names, batch, *args, pure=False) for batch in batches
        ]
        return client.gather(futures)
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()


def _analyse(assumptions, method, design, answers, metrics, seed, conf_level) -> pd.DataFrame:
    from SALib.analyze import morris as morris_analyze
    from SALib.analyze import sobol as sobol_analyze

    problem = _problem(assumptions)
    sample = design["design"].to_numpy() == "sample"
    x = design.loc[sample, problem["names"]].to_numpy()
    rows = []
    for j, metric in enumerate(metrics):
        y = answers[sample, j]
        if not np.all(np.isfinite(y)) or np.ptp(y) <= 1e-12 * max(1.0, np.abs(y).max()):
            # a constant answer (e.g. TPP cost of a regime it does not apply to): nothing drives it
            zero = {"sobol": ("S1", "ST"), "morris": ("mu_star", "sigma")}[method]
            rows += [(metric, a.name, i, 0.0, 0.0, 0.0) for a in assumptions for i in zero]
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if method == "sobol":
                res = sobol_analyze.analyze(
                    problem,
                    y,
                    calc_second_order=False,
                    conf_level=conf_level,
                    num_resamples=1000,
                    seed=seed,
                )
                for k, a in enumerate(assumptions):
                    for index in ("S1", "ST"):
                        est, half = float(res[index][k]), float(res[f"{index}_conf"][k])
                        rows.append((metric, a.name, index, est, est - half, est + half))
            else:
                res = morris_analyze.analyze(
                    problem, x, y, num_levels=4, conf_level=conf_level, seed=seed
                )
                for k, a in enumerate(assumptions):
                    est, half = float(res["mu_star"][k]), float(res["mu_star_conf"][k])
                    rows.append((metric, a.name, "mu_star", est, est - half, est + half))
                    sigma = float(res["sigma"][k])
                    rows.append((metric, a.name, "sigma", sigma, np.nan, np.nan))
    return pd.DataFrame(rows, columns=INDEX_COLUMNS)


def simulate_sensitivity(
    scenario: Scenario | None = None,
    *,
    employees: int = 20_000,
    workforce: int = 4_700_000,
    base: int = 512,
    method: str = "sobol",
    assumptions=None,
    chunk_size: int = 250_000,
    conf_level: float = 0.95,
    workers: int | None = None,
    scheduler: str | None = None,
    client=None,
    progress=None,
    rng=None,
) -> SensitivityStudy:
    """The headline answers of ``scenario`` over the ranges of the assumptions they rest on.

    Parameters
    ----------
    scenario : Scenario, optional
        Default ``Scenario()``, the status quo.
    employees : int
        Employees per run (national path). National shares settle well below 4.7 million:
        at 20,000 the sampling sd of a share is under one percentage point, a small part of
        the range the assumptions cause (``benchmarks/sensitivity.py`` prints both), and
        every run shares one random stream, so that noise does not enter the indices.
    workforce : int
        The workforce the totals (:data:`TOTALS`: the incentive cost) are reported for:
        each run's total times ``workforce / employees`` (4.7 million: the ASN of 2024).
    base : int
        Sobol: SALib's base sample N (a power of 2), ``N × (k + 2)`` runs for k assumptions;
        the bootstrap half-widths fall as 1 / sqrt(N), about ±0.18 at 256 and ±0.05 at 4096
        (the issue's target). Morris: trajectories, ``N × (k + 1)`` runs.
    method : {"sobol", "morris"}
    assumptions : list of str, optional
        Names in ``kinerja_sim.policy.assumptions.ASSUMPTIONS`` to vary; default every one
        that can matter in ``scenario`` (``active_assumptions``).
    chunk_size : int
        Passed to :func:`~kinerja_sim.policy.simulate`.
    conf_level : float
        Level of the bootstrap confidence intervals of the indices.
    workers, scheduler, client
        Run the runs on a Dask ``LocalCluster`` of ``workers`` workers, on the scheduler at
        ``scheduler`` or with ``client``; the results are the same.
    progress : bool, optional
        Progress bar (one process only).
    rng : None, int or numpy.random.Generator
        Seeds SALib's sample, the bootstrap and the one random stream every run shares.

    Returns
    -------
    SensitivityStudy
    """
    import time

    scenario = scenario or Scenario()
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a Scenario, got {type(scenario).__name__}")
    method = check_choice("method", method, METHODS)
    employees = check_int("employees", employees, minimum=100, maximum=50_000_000)
    base = check_int("base", base, minimum=2, maximum=1_000_000)
    if method == "sobol" and base & (base - 1):
        raise ValueError(t("sensitivity.error.power_of_two", base=base))
    varied = active_assumptions(scenario, assumptions)
    if not varied:
        raise ValueError(t("sensitivity.error.nothing_varied", scenario=scenario.name))
    seeds = [int(s) for s in check_rng(rng).integers(0, 2**31 - 1, size=3)]
    metrics = headline_metrics(scenario)
    names = [a.name for a in varied]
    started = time.perf_counter()
    design = _design(varied, method, base, seeds[0])
    dask = {"workers": workers, "scheduler": scheduler, "client": client}
    workforce = check_int("workforce", workforce, minimum=1, maximum=50_000_000)
    answers = _run_all(
        scenario,
        design,
        names,
        employees,
        chunk_size,
        seeds[1],
        metrics,
        workforce / employees,
        dask,
        progress,
        method,
    )
    indices = _analyse(varied, method, design, answers, metrics, seeds[2], conf_level)
    runs = pd.concat([design, pd.DataFrame(answers, columns=metrics)], axis=1)
    return SensitivityStudy(
        scenario=scenario,
        method=method,
        employees=employees,
        workforce=workforce,
        base=base,
        assumptions=varied,
        metrics=metrics,
        runs=runs,
        indices=indices,
        seconds=time.perf_counter() - started,
    )


def plot_tornado(study: SensitivityStudy, lang=None):
    """Tornado plot: per headline answer, its value with each assumption alone at its low
    (blue) and high (orange) end, the others at their defaults; widest swing on top, the
    line is the value at the defaults. Each panel has one unit, named under its axis (percent,
    or Rupiah in triliun), with Indonesian numbers. Returns a matplotlib ``Figure`` (no
    pyplot state)."""
    import textwrap

    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from kinerja_sim._core.format import number
    from kinerja_sim.policy.plots import _indonesian, _unit

    metrics, runs = study.metrics, study.runs
    columns, rows = 2, -(-len(study.metrics) // 2)
    figure = Figure(figsize=(16, 2.1 * rows + 1.0), constrained_layout=True)
    axes = figure.subplots(rows, columns, squeeze=False)
    default = runs.query("design == 'default'").iloc[0]
    labels = metric_labels(lang, metrics)
    for ax, metric in zip(axes.ravel(), metrics):
        bars = []
        for a in study.assumptions:
            ends = runs[runs["varied"] == a.name].set_index("design")[metric]
            bars.append((abs(ends["high"] - ends["low"]), a.name, ends["low"], ends["high"]))
        bars.sort()
        divisor, unit = _unit(metric, runs[metric], percent=True)
        bars = [(w, name, low / divisor, high / divisor) for w, name, low, high in bars]
        centre = default[metric] / divisor
        for y, (_, _name, low, high) in enumerate(bars):
            ax.barh(y, low - centre, left=centre, color="#4c72b0", height=0.6)
            ax.barh(y, high - centre, left=centre, color="#dd8452", height=0.6)
        ax.axvline(centre, color="black", linewidth=0.8)
        ax.set_yticks(range(len(bars)))
        ax.set_yticklabels([t(f"sensitivity.assumption.{b[1]}", lang) for b in bars], fontsize=8)
        ax.set_title(textwrap.fill(labels[metric], 60), fontsize=9)
        ax.xaxis.set_major_locator(MaxNLocator(4))
        span = max([abs(b[3] - b[2]) for b in bars] + [0.0])
        ax.xaxis.set_major_formatter(
            FuncFormatter(_indonesian if span >= 1 else lambda v, _: number(v, 2, lang="id"))
        )
        ax.set_xlabel(unit, fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
    for ax in axes.ravel()[len(metrics) :]:
        ax.set_visible(False)
    figure.suptitle(t("sensitivity.tornado.title", lang, scenario=study.scenario.name))
    figure.legend(
        handles=[Patch(color="#4c72b0"), Patch(color="#dd8452")],
        labels=[t("sensitivity.tornado.low", lang), t("sensitivity.tornado.high", lang)],
        loc="outside lower center",
        ncol=2,
    )
    return figure
