"""Compare scenarios with Monte Carlo replications: outcomes with their uncertainty.

Two engines give the same outcomes: ``"national"`` (default) is the national path of
:func:`~kinerja_sim.policy.simulate` (per-office counts, chunk by chunk), for any size from
one office to the nation; ``"small_world"`` generates a kabupaten with
``kinerja_sim.generate`` and rates it with ``kinerja_sim.raters.rate``, period by period,
as the trainees' case files are (:func:`~kinerja_sim.policy.simulate_world`).

Every replication draws a fresh workforce; all scenarios of one replication see the same
workforce and the same raters (common random numbers), so the differences between
scenarios are measured on the same people and are sharper than the outcomes themselves.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_choice, check_int, check_rng
from kinerja_sim.policy.outcomes import METRICS, metric_labels
from kinerja_sim.policy.scenario import Scenario, Study
from kinerja_sim.policy.simulate import simulate
from kinerja_sim.policy.small_world import simulate_world

__all__ = ["COMPARE_COLUMNS", "compare", "replicate", "summarise_replications"]

COMPARE_COLUMNS = [
    "scenario",
    "area",
    "metric",
    "label",
    "estimate",
    "sd",
    "ci_low",
    "ci_high",
    "difference",
    "diff_ci_low",
    "diff_ci_high",
    "replications",
]


def _scenarios(scenarios) -> list[Scenario]:
    if isinstance(scenarios, Study):
        scenarios = scenarios.scenarios
    if isinstance(scenarios, Scenario):
        scenarios = [scenarios]
    scenarios = list(scenarios)
    if not scenarios or not all(isinstance(s, Scenario) for s in scenarios):
        raise TypeError("scenarios must be a Scenario, a list of Scenario objects or a Study")
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise ValueError(f"scenarios must have distinct names, got {names}")
    return scenarios


ENGINES = ("national", "small_world")


def replicate(
    scenarios,
    *,
    employees: int = 20_000,
    replications: int = 5,
    engine: str = "national",
    n_offices: int | None = None,
    chunk_size: int = 250_000,
    progress=None,
    rng=None,
    **dask,
) -> pd.DataFrame:
    """Every outcome of every scenario in every replication.

    Parameters
    ----------
    scenarios : Scenario, list of Scenario or Study
    employees : int
        Workforce size of each replication (one office's worth up to the nation); national
        engine only.
    replications : int
        Independent workforces drawn.
    engine : {"national", "small_world"}
        The national path (per-office counts), or a small generated world (a kabupaten
        rated with ``kinerja_sim.raters.rate``).
    n_offices : int, optional
        Offices of the generated kabupaten (small_world engine; None: the kit's default kabupaten).
    chunk_size, progress, dask
        Passed to :func:`~kinerja_sim.policy.simulate` (``workers``, ``processes``, ``scheduler``,
        ``client``).
    rng : None, int or numpy.random.Generator

    Returns
    -------
    DataFrame
        ``scenario``, ``replication`` (0-based), ``metric``, ``value``.

    Examples
    --------
    >>> raw = replicate(Scenario(), employees=3_000, replications=2, rng=5)
    >>> raw.groupby("replication").size().tolist() == [len(METRICS)] * 2
    True
    """
    scenarios = _scenarios(scenarios)
    replications = check_int("replications", replications, minimum=1, maximum=10_000)
    engine = check_choice("engine", engine, ENGINES)
    seeds = check_rng(rng).bit_generator.seed_seq.spawn(replications)
    rows = []
    for r, seed in enumerate(seeds):
        for scenario in scenarios:
            same = np.random.SeedSequence(
                seed.entropy, spawn_key=seed.spawn_key
            )  # common random numbers
            if engine == "small_world":
                result = simulate_world(scenario, n_offices=n_offices, rng=same)
            else:
                result = simulate(
                    scenario,
                    employees=employees,
                    chunk_size=chunk_size,
                    progress=progress,
                    rng=same,
                    **dask,
                )
            rows += [
                (scenario.name, r, metric, value) for metric, value in result.outcomes().items()
            ]
    return pd.DataFrame(rows, columns=["scenario", "replication", "metric", "value"])


def compare(
    scenarios,
    *,
    employees: int = 20_000,
    replications: int = 5,
    confidence: float = 0.95,
    lang=None,
    rng=None,
    **options,
) -> pd.DataFrame:
    """Compare scenarios: each outcome's estimate, its uncertainty and its difference from the
    first.

    Parameters
    ----------
    scenarios : Scenario, list of Scenario or Study
        The first is the reference for the differences.
    employees, replications, rng, options
        As :func:`replicate`.
    confidence : float
        Level of the confidence intervals.
    lang : {"id", "en"}, optional
        Language of ``label``.

    Returns
    -------
    DataFrame
        One row per scenario and outcome: ``scenario``, ``area`` (distribution, accuracy,
        fairness, rules, cost), ``metric``, ``label``, ``estimate`` (mean over
        replications), ``sd`` (between replications: how much one workforce of this size
        varies), ``ci_low``/``ci_high`` (t interval of the mean), ``difference`` (from
        the first scenario, paired by replication), ``diff_ci_low``/``diff_ci_high``,
        ``replications``.

    Notes
    -----
    Outcomes are defined in ``kinerja_sim.policy.outcomes``. Intervals are NaN with one
    replication.

    Examples
    --------
    >>> base = Scenario()
    >>> table = compare([base, base.replace(name="latih", trained_share=1.0)],
    ...                 employees=5_000, replications=3, rng=2)
    >>> row = table.query("scenario == 'latih' and metric == 'leniency_share'")
    >>> list(table.columns) == COMPARE_COLUMNS
    True
    """
    raw = replicate(scenarios, employees=employees, replications=replications, rng=rng, **options)
    return summarise_replications(raw, confidence=confidence, lang=lang)


def summarise_replications(
    raw: pd.DataFrame, *, confidence: float = 0.95, lang=None
) -> pd.DataFrame:
    """The table of :func:`compare` from the per-replication outcomes of :func:`replicate`.

    The first scenario of ``raw`` is the reference for the differences.
    """
    names = list(dict.fromkeys(raw["scenario"]))
    wide = raw.pivot_table(
        index=["metric", "replication"], columns="scenario", values="value", dropna=False
    )[names]
    difference = wide.sub(wide[names[0]], axis=0)
    est, low, high = _interval(wide, confidence)
    d_est, d_low, d_high = _interval(difference, confidence)
    table = pd.DataFrame(
        {
            "estimate": est.stack(),
            "sd": wide.groupby(level="metric").std().stack(),
            "ci_low": low.stack(),
            "ci_high": high.stack(),
            "difference": d_est.stack(),
            "diff_ci_low": d_low.stack(),
            "diff_ci_high": d_high.stack(),
        }
    ).reset_index()
    metrics = list(dict.fromkeys(raw["metric"]))  # in the order the simulation reports them
    areas = {m: METRICS.get(m, "distribution") for m in metrics}  # other regimes: shares and scores
    table["area"] = table["metric"].map(areas)
    table["label"] = table["metric"].map(metric_labels(lang, metrics))
    table["replications"] = raw["replication"].nunique()
    rank = {**{m: i for i, m in enumerate(metrics)}, **{n: i for i, n in enumerate(names)}}
    table = table.sort_values(["scenario", "metric"], key=lambda s: s.map(rank), ignore_index=True)
    return table[COMPARE_COLUMNS]


def _interval(wide: pd.DataFrame, confidence: float):
    """Mean and t confidence interval of the mean per metric (rows) and scenario (columns)."""
    # Student's t quantile (what scipy.stats.t.ppf computes) from scipy.special: a fifth of the
    # import time and memory of scipy.stats, which matters in a workshop kernel (exercise 05)
    from scipy.special import stdtrit

    grouped = wide.groupby(level="metric")
    mean, sd, count = grouped.mean(), grouped.std(), grouped.count()
    half = stdtrit(count - 1, 0.5 + confidence / 2) * sd / np.sqrt(count)
    half = half.where(count > 1)
    return mean, mean - half, mean + half
