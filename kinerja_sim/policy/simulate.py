"""The national path: a whole workforce simulated chunk by chunk, in one process or on Dask.

``simulate`` plans the kabupaten and offices once, then runs every chunk (a group of whole
kabupaten, about ``chunk_size`` employees) with its own spawned stream, so the result is
the same whether the chunks run in this process or on any number of Dask workers. Only
per-office counts leave a chunk, so peak memory depends on the chunk size, not on the
workforce.

Dask (``dask.distributed``) is the engine for scale-out: ``workers=N`` starts a
``LocalCluster`` of N single-threaded workers, in this process by default (numpy releases
the GIL for the heavy array work, so in-process workers skip starting interpreters and
shipping results; on a 2-core machine they are about twice as fast as worker processes),
or one process each with ``processes=True``; ``scheduler="tcp://..."`` uses an existing
cluster.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_bool, check_int, check_rng
from kinerja_sim.policy.engine import is_scored, simulate_chunk
from kinerja_sim.policy.incentives import price
from kinerja_sim.policy.outcomes import format_value, metric_labels, metrics_for, summarise
from kinerja_sim.policy.population import plan_offices
from kinerja_sim.policy.scenario import Scenario
from kinerja_sim.policy.scored import category_keys

__all__ = ["Outcomes", "Simulation", "simulate"]


@dataclass(frozen=True, eq=False)
class Outcomes(Mapping):
    """The headline outcomes of one simulated workforce (:meth:`Simulation.outcomes`).

    A read-only mapping, outcome name -> value, in the order of
    ``kinerja_sim.policy.outcomes.metrics_for`` (``outcomes["agreement"]``, ``.items()`` and
    ``dict(outcomes)`` work as on a dict; names as in ``kinerja_sim.policy.METRICS``), whose
    values are also attributes (``outcomes.agreement``). The category shares are the
    mapping's ``share_<key>`` entries and the attribute :attr:`shares`.

    Attributes
    ----------
    shares : mapping
        Category key (``kinerja_sim.policy.scored.category_keys``, best first) -> share of
        employees given that category, 0–1 (read-only).
    agreement, kappa_quadratic, top_recall, wrong_negative : float
        Accuracy against the truth (shares 0–1; quadratic-weighted kappa).
    leniency_share, leniency_share_predicate : float
        Share of the between-office differences that comes from rater leniency, on the
        scores and on the predicates.
    curve_changed : float
        Share of employees whose predicate the curve changed.
    tpp_per_employee, tpp_total, tukin_per_employee, tukin_total, incentive_total : float
        Rupiah per year (NaN for a regime with no employee).
    angka_kredit_per_fungsional, angka_kredit_total : float
        Credit points per year.
    score_mean, score_sd : float or None
        Mean and standard deviation of the final value (PP 46/2011 and PP 30/2019 only;
        None, and absent from the mapping, under PermenPAN-RB 6/2022).

    Examples
    --------
    >>> outcomes = simulate(employees=20_000, progress=False, rng=1).outcomes()
    >>> outcomes["agreement"] == outcomes.agreement, list(outcomes)[:2]
    (True, ['share_sangat_baik', 'share_baik'])
    >>> outcomes.to_frame().columns.tolist()
    ['metric', 'area', 'value']
    """

    shares: Mapping[str, float]
    agreement: float
    kappa_quadratic: float
    top_recall: float
    wrong_negative: float
    leniency_share: float
    leniency_share_predicate: float
    curve_changed: float
    tpp_per_employee: float
    tpp_total: float
    tukin_per_employee: float
    tukin_total: float
    incentive_total: float
    angka_kredit_per_fungsional: float
    angka_kredit_total: float
    score_mean: float | None = None
    score_sd: float | None = None

    def __post_init__(self):
        object.__setattr__(self, "shares", MappingProxyType(dict(self.shares)))

    @classmethod
    def from_values(cls, values: Mapping) -> Outcomes:
        """From outcome name -> value (``kinerja_sim.policy.outcomes.summarise``)."""
        rest = {name: value for name, value in values.items() if not name.startswith("share_")}
        shares = {name[6:]: value for name, value in values.items() if name.startswith("share_")}
        return cls(shares, **rest)

    def _names(self) -> list[str]:
        scored = [] if self.score_mean is None else ["score_mean", "score_sd"]
        common = [f.name for f in fields(self) if f.name not in ("shares", *_SCORE)]
        return [f"share_{key}" for key in self.shares] + scored + common

    def __getitem__(self, name: str) -> float:
        if isinstance(name, str) and name.startswith("share_") and name[6:] in self.shares:
            return self.shares[name[6:]]
        if name in _NAMES and getattr(self, name) is not None:
            return getattr(self, name)
        raise KeyError(name)

    def __iter__(self):
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    def __reduce__(self):  # a mapping proxy does not pickle: rebuild from a plain dict
        values = [getattr(self, f.name) for f in fields(self)]
        return type(self), (dict(self.shares), *values[1:])

    def to_frame(self) -> pd.DataFrame:
        """One row per outcome: ``metric``, ``area`` (``metrics_for``: distribution, accuracy,
        fairness, rules, cost) and ``value``."""
        areas = metrics_for(tuple(self.shares), scored=self.score_mean is not None)
        return pd.DataFrame(
            {
                "metric": list(self),
                "area": [areas.get(name, "") for name in self],
                "value": [float(value) for value in self.values()],
            }
        )


_SCORE = ("score_mean", "score_sd")
_NAMES = frozenset(f.name for f in fields(Outcomes)) - {"shares"}


@dataclass(frozen=True)
class Simulation:
    """Result of :func:`simulate`.

    Attributes
    ----------
    scenario : Scenario
    offices : DataFrame
        One row per office: the plan (``office_id``, ``kabupaten_id``, ``kind``, ``size``,
        ``office_effect``, ``organisation_predicate``, ``chunk``) and the outcome counts of
        ``kinerja_sim.policy.engine.count_columns`` (one ``n_<category>`` per category of
        the regime, ``tpp_cost_before_curve`` and the joint table ``n_<true>__<rated>`` of
        ``engine.joint_columns``) plus ``curve_feasible``; for PP 46/2011 and PP 30/2019 also
        ``sum_score`` and ``sum_score_sq`` (the final value and its square summed per
        office, so its mean and SD can be computed).
    confusion : numpy.ndarray, shape (5, 5)
        True (rows) against given (columns) categories, in the order of
        ``scenario.categories``.
    run : mapping
        How the run was made: ``seed`` (None when a Generator was passed), ``employees``,
        ``chunk_size``; written into the Parquet metadata (``kinerja_sim.policy.runs``).
    """

    scenario: Scenario
    offices: pd.DataFrame
    confusion: np.ndarray
    run: Mapping = field(default_factory=dict)

    @property
    def keys(self) -> tuple:
        """Column keys of the regime's categories (``n_<key>``), best first."""
        return category_keys(self.scenario.categories)

    @property
    def metrics(self) -> dict:
        """Outcome name -> area for this regime (``kinerja_sim.policy.outcomes.metrics_for``)."""
        return metrics_for(self.keys, scored=is_scored(self.scenario.rule_set))

    def outcomes(self) -> Outcomes:
        """The outcomes, a read-only mapping name -> value (see :attr:`metrics`;
        ``kinerja_sim.policy.METRICS`` for 6/2022) with the values also as attributes."""
        return Outcomes.from_values(summarise(self.offices, self.confusion, self.keys))

    def summary(self, lang=None) -> pd.DataFrame:
        """The outcomes as a table: ``metric``, ``area``, ``label``, ``value`` and ``text``
        (the value as people read it: percent, Rupiah with thousands separators)."""
        values, metrics = self.outcomes(), self.metrics
        metrics = {  # no TPP lines without regional offices, no tukin lines without central ones
            m: area for m, area in metrics.items() if area != "cost" or values[m] == values[m]
        }
        labels = metric_labels(lang, metrics)
        if is_scored(self.scenario.rule_set):  # the regime's own category names
            for key, label in zip(self.keys, self.scenario.categories):
                labels[f"share_{key}"] = t("policy.metric.share_category", lang, category=label)
        return pd.DataFrame(
            {
                "metric": list(metrics),
                "area": list(metrics.values()),
                "label": labels.to_numpy(),
                "value": [values[m] for m in metrics],
                "text": [self._text(m, values[m], lang) for m in metrics],
            }
        )

    def _text(self, metric: str, value: float, lang) -> str:
        """A value as people read it; the curve's share says so when there is no curve."""
        if metric == "curve_changed" and not self.scenario.enforce_curve:
            scored = is_scored(self.scenario.rule_set)
            return t("analyst.no_curve.rules" if scored else "analyst.no_curve.off", lang)
        return format_value(metric, value, lang)

    def to_parquet(self, path) -> Path:
        """Write the per-office table to ``path``: Parquet with the run's metadata, or CSV.

        The folder must exist and the extension must be ``.parquet`` or ``.csv``
        (``kinerja_sim.policy.runs.write_run``).
        """
        from kinerja_sim.policy.runs import write_run

        return write_run(self, path)


def _progress_enabled(progress) -> bool:
    if progress is None:
        return sys.stderr.isatty() and not os.environ.get("CI")
    return check_bool("progress", progress)


class _NoBar:
    """What ``_bar`` gives when no bar is shown: nothing to import (tqdm.auto takes 30 ms)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n=1):
        pass


def _bar(total, progress):
    if not _progress_enabled(progress):
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="simulasi", unit="bagian", leave=False)


def simulate(
    scenario: Scenario | None = None,
    *,
    employees: int = 4_700_000,
    chunk_size: int = 250_000,
    workers: int | None = None,
    processes: bool = False,
    scheduler: str | None = None,
    client=None,
    progress=None,
    rng=None,
) -> Simulation:
    """Simulate the appraisal of a whole workforce under a scenario.

    Parameters
    ----------
    scenario : Scenario, optional
        Default ``Scenario()``: the status quo (PermenPAN-RB 6/2022 as practised: practice
        raters, no curve).
    employees : int
        Size of the workforce (4.7 million: the ASN of 2024).
    chunk_size : int
        Employees per chunk (whole kabupaten per chunk). Results depend on it, never on
        the number of workers.
    workers : int, optional
        Run the chunks on a Dask ``LocalCluster`` of this many single-threaded workers.
    processes : bool
        Give each ``LocalCluster`` worker its own process (default: threads of this process).
    scheduler : str, optional
        Address of an existing ``dask.distributed`` scheduler.
    client : dask.distributed.Client, optional
        An existing client (overrides ``workers`` and ``scheduler``).
    progress : bool, optional
        Show a progress bar; by default only on a terminal outside CI.
    rng : None, int or numpy.random.Generator

    Returns
    -------
    Simulation

    Examples
    --------
    >>> result = simulate(employees=20_000, rng=1)
    >>> int(result.offices["n"].sum()), result.confusion.shape
    (20000, (5, 5))
    >>> round(result.outcomes()["agreement"], 2) > 0.4
    True
    """
    scenario = scenario or Scenario()
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a Scenario, got {type(scenario).__name__}")
    # without an rng: a fresh seed, recorded with the run so that it can be repeated
    seed = int(np.random.SeedSequence().generate_state(1)[0]) if rng is None else rng
    plan_rng, chunk_rng = check_rng(seed).spawn(2)
    plan = plan_offices(
        employees, organisation=scenario.organisation, chunk_size=chunk_size, rng=plan_rng
    )
    streams = chunk_rng.spawn(plan.n_chunks)
    tasks = [(plan.chunk(i), plan.kinds, scenario, streams[i]) for i in range(plan.n_chunks)]
    if client is not None or workers is not None or scheduler is not None:
        results = _run_dask(
            tasks, workers, check_bool("processes", processes), scheduler, client, progress
        )
    else:
        results = _run_local(tasks, progress)
    counts = pd.concat([r.offices for r in results], ignore_index=True)
    if np.array_equal(counts["office_id"].to_numpy(), plan.offices["office_id"].to_numpy()):
        # chunks come back in office order: put the columns side by side (no merge needed)
        offices = pd.concat(
            [plan.offices.reset_index(drop=True), counts.drop(columns="office_id")], axis=1
        )
    else:
        offices = plan.offices.merge(counts, on="office_id", how="left", validate="one_to_one")
    offices = price(offices, scenario, category_keys(scenario.categories))  # TPP or tukin
    confusion = np.sum([r.confusion for r in results], axis=0)
    run = {
        "seed": int(seed) if isinstance(seed, (int, np.integer)) else None,
        "employees": int(employees),
        "chunk_size": int(chunk_size),
    }
    return Simulation(scenario, offices, confusion, run)


def _run_local(tasks, progress):
    results = []
    with _bar(len(tasks), progress) as bar:
        for task in tasks:
            results.append(simulate_chunk(*task[:3], rng=task[3]))
            bar.update()
    return results


def _run_dask(tasks, workers, processes, scheduler, client, progress):
    """Run the chunks on Dask; results come back in chunk order."""
    from dask.distributed import Client, LocalCluster, as_completed

    own = client is None
    if own and scheduler is not None:
        client = Client(scheduler)
    elif own:
        workers = check_int("workers", workers, minimum=1, maximum=256)
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=":0",
            silence_logs=40,
        )
        client = Client(cluster)
    try:
        futures = [
            client.submit(simulate_chunk, *task[:3], rng=task[3], pure=False) for task in tasks
        ]
        order = {future.key: i for i, future in enumerate(futures)}
        results = [None] * len(futures)
        with _bar(len(futures), progress) as bar:
            for future in as_completed(futures):
                results[order[future.key]] = future.result()
                bar.update()
        return results
    finally:
        if own:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
