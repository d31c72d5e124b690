"""The table path: ratings of employees by raters, from the ``performance`` table (SPEC 3.2).

:func:`rate` takes the per-period evidence and a raters table (or :class:`RaterBias`
objects), forms each rater's recency-weighted impression of each employee and hands it to
the array kernel (:func:`kinerja_sim.raters.kernel.apply_biases`) for the other biases.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_columns, check_frame, check_rng
from kinerja_sim.raters.bias import BIAS_FIELDS, BIAS_LIMITS, RaterBias
from kinerja_sim.raters.kernel import apply_biases, recency_weights
from kinerja_sim.raters.training import TRAINING_FACTORS
from kinerja_sim.world.dimensions import DIMENSIONS, SCALE_MID

__all__ = ["rate"]


def _bias_table(biases) -> pd.DataFrame:
    """Normalise ``biases`` (one RaterBias, a list of them, or a table) into a raters table."""
    if isinstance(biases, RaterBias):
        biases = [biases]
    if isinstance(biases, Sequence) and not isinstance(biases, str):
        if not all(isinstance(item, RaterBias) for item in biases):
            raise TypeError("biases must be RaterBias objects, a list of them, or a DataFrame")
        table = pd.DataFrame([item.to_dict() for item in biases])
        table.insert(0, "rater_id", [f"R{i + 1:03d}" for i in range(len(biases))])
        return table
    table = check_columns("biases", biases, ("rater_id", *TRAINING_FACTORS))
    if "floor" not in table:  # raters tables written before the floor existed: no floor
        table = table.assign(floor=0.0)
    for name in BIAS_FIELDS:
        low, high, _ = BIAS_LIMITS[name]
        values = table[name].to_numpy(dtype=float)
        if not np.all((values >= low) & (values <= high)):
            raise ValueError(f"biases column {name} must be between {low} and {high}")
    if table["rater_id"].duplicated().any():
        raise ValueError("biases has duplicated rater_id values; each rater needs one row")
    return table


def _full_assignments(rater_ids, employee_ids, rng) -> pd.DataFrame:
    """Every rater rates every employee, each in an own random order."""
    n_raters, n_employees = len(rater_ids), len(employee_ids)
    order = np.argsort(rng.random((n_raters, n_employees)), axis=1).argsort(axis=1) + 1
    return pd.DataFrame(
        {
            "rater_id": np.repeat(np.asarray(rater_ids, dtype=object), n_employees),
            "employee_id": np.tile(np.asarray(employee_ids, dtype=object), n_raters),
            "order": order.ravel(),
        }
    )


def _level_array(performance: pd.DataFrame, employee_ids) -> np.ndarray:
    """The levels as an array (employee, dimension, period)."""
    check_columns("performance", performance, ("employee_id", "period", "dimension", "level"))
    wide = performance.pivot_table(
        index=["employee_id", "dimension"], columns="period", values="level", aggfunc="first"
    )
    index = pd.MultiIndex.from_product([employee_ids, DIMENSIONS])
    wide = wide.reindex(index)
    if wide.isna().any().any():
        raise ValueError("performance must have a level for every employee, dimension and period")
    return wide.to_numpy(dtype=float).reshape(len(employee_ids), len(DIMENSIONS), -1)


def _impressions(levels, recency) -> np.ndarray:
    """Recency-weighted mean of the period levels: (assignment, dimension)."""
    return np.einsum("adp,ap->ad", levels, recency_weights(recency, levels.shape[2]))


def _previous_overall(assignments, overall) -> np.ndarray:
    """Overall impression of the case rated just before, in each rater's queue (3 if none)."""
    queue = np.lexsort((assignments["order"].to_numpy(), assignments["rater_id"].to_numpy()))
    previous = np.full(len(assignments), SCALE_MID)
    same_rater = assignments["rater_id"].to_numpy()[queue]
    follows = np.r_[False, same_rater[1:] == same_rater[:-1]]
    previous[queue[follows]] = overall[queue[np.flatnonzero(follows) - 1]]
    return previous


def rate(performance, biases, *, truth=None, assignments=None, rng=None) -> pd.DataFrame:
    """Simulate the scores that raters with the given biases give.

    Parameters
    ----------
    performance : DataFrame
        Per-period levels: ``employee_id``, ``period``, ``dimension``, ``level`` (every
        employee needs all eight dimensions and the same periods).
    biases : RaterBias, list of RaterBias, or DataFrame
        The raters. A list gets ids ``R001``, ``R002``, ...; a table needs ``rater_id`` and
        the eight bias columns.
    truth : DataFrame, optional
        ``employee_id``, ``dimension``, ``true_score``; when given, ``true_score`` is added.
    assignments : DataFrame, optional
        Who rates whom: ``rater_id``, ``employee_id``, optionally ``order`` (position in
        the rater's queue, for contrast) and ``affinity_match`` (bool). By default every
        rater rates every employee, each in an own random order, without affinity.
    rng : None, int or numpy.random.Generator
        Source of randomness.

    Returns
    -------
    DataFrame
        One row per rater, employee and dimension: ``rater_id``, ``employee_id``,
        ``dimension``, ``order``, ``score`` (1–5, two decimals) and, with ``truth``,
        ``true_score``.

    Notes
    -----
    For rater r and employee e, with period levels L[e, d, t] (SPEC 3.2):

    1. impression I[d] = sum_t w_t L[e, d, t], w_t ∝ exp(recency (t − 1)/(P − 1));
    2. halo: I[d] ← (1 − halo) I[d] + halo · mean_d I[d];
    3. central tendency: I[d] ← 3 + (1 − central_tendency)(I[d] − 3);
    4. contrast: I[d] ← I[d] − contrast · (O_prev − 3), O_prev the previous case's overall
       impression;
    5. score = I[d] + leniency + affinity · match + u[r, e] + ε[r, e, d], with
       u ~ N(0, idiosyncratic²), ε ~ N(0, noise²), clipped to 1–5;
    6. floor: score ← max(score, floor).

    Steps 2–6 are :func:`apply_biases`, shared with :func:`rate_arrays`.

    Examples
    --------
    >>> import kinerja_sim
    >>> ds = kinerja_sim.generate(n_offices=1, rng=7)
    >>> ratings = rate(ds.performance, RaterBias(leniency=0.5), truth=ds.truth(), rng=7)
    >>> bool((ratings["score"] - ratings["true_score"]).mean() > 0.3)
    True
    """
    rng = check_rng(rng)
    check_frame(
        "performance",
        performance,
        ("employee_id", "period", "dimension", "level"),
        ids=("employee_id", "dimension", "period"),
        finite=("level",),
        unique=("employee_id", "dimension", "period"),
    )
    if isinstance(biases, Sequence) and not isinstance(biases, str) and len(biases) == 0:
        raise ValueError("biases must hold at least one rater (a RaterBias), got an empty list")
    if isinstance(biases, pd.DataFrame):
        check_frame("biases", biases, ("rater_id",), ids=("rater_id",))
    if truth is not None:
        check_frame(
            "truth",
            truth,
            ("employee_id", "dimension", "true_score"),
            ids=("employee_id", "dimension"),
            finite=("true_score",),
            unique=("employee_id", "dimension"),
        )
    if assignments is not None:
        check_frame(
            "assignments", assignments, ("rater_id", "employee_id"), ids=("rater_id", "employee_id")
        )
    table = _bias_table(biases)
    employee_ids = pd.unique(performance["employee_id"])
    if assignments is None:
        assignments = _full_assignments(table["rater_id"].to_numpy(), employee_ids, rng)
    assignments = _prepare_assignments(assignments, table, employee_ids, rng)
    params = table.set_index("rater_id").loc[assignments["rater_id"], list(BIAS_FIELDS)]
    param = {name: params[name].to_numpy(dtype=float) for name in BIAS_FIELDS}

    employee_index = pd.Index(employee_ids).get_indexer(assignments["employee_id"])
    impression = _impressions(
        _level_array(performance, employee_ids)[employee_index], param["recency"]
    )
    scores = apply_biases(
        impression,
        param,
        previous=lambda overall: _previous_overall(assignments, overall),
        affinity_match=assignments["affinity_match"].to_numpy(dtype=float),
        rng=rng,
    )
    scores = scores.round(2)
    return _ratings_frame(assignments, scores, truth)


def _prepare_assignments(assignments, table, employee_ids, rng) -> pd.DataFrame:
    assignments = check_columns("assignments", assignments, ("rater_id", "employee_id")).copy()
    unknown = set(assignments["rater_id"]) - set(table["rater_id"])
    if unknown:
        raise ValueError(
            f"assignments names rater(s) without biases: {', '.join(sorted(map(str, unknown))[:5])}"
        )
    missing = set(assignments["employee_id"]) - set(employee_ids)
    if missing:
        raise ValueError(
            "assignments names employee(s) without performance: "
            f"{', '.join(sorted(map(str, missing))[:5])}"
        )
    if "order" not in assignments:
        keys = rng.random(len(assignments))
        queue = np.lexsort((keys, assignments["rater_id"].to_numpy()))
        ranks = np.empty(len(assignments), dtype=np.int64)
        ranks[queue] = np.arange(len(assignments))
        assignments["order"] = ranks - _group_start(assignments["rater_id"].to_numpy(), queue) + 1
    if "affinity_match" not in assignments:
        assignments["affinity_match"] = False
    return assignments.reset_index(drop=True)


def _group_start(rater_ids, queue) -> np.ndarray:
    """For each row, the queue position where its rater's block starts."""
    sorted_ids = rater_ids[queue]
    starts = np.r_[0, np.flatnonzero(sorted_ids[1:] != sorted_ids[:-1]) + 1]
    block_start = np.repeat(starts, np.diff(np.r_[starts, len(queue)]))
    result = np.empty(len(queue), dtype=np.int64)
    result[queue] = block_start
    return result


def _ratings_frame(assignments, scores, truth) -> pd.DataFrame:
    n_dims = len(DIMENSIONS)
    ratings = pd.DataFrame(
        {
            "rater_id": np.repeat(assignments["rater_id"].to_numpy(dtype=object), n_dims),
            "employee_id": np.repeat(assignments["employee_id"].to_numpy(dtype=object), n_dims),
            "dimension": np.tile(np.asarray(DIMENSIONS, dtype=object), len(assignments)),
            "order": np.repeat(assignments["order"].to_numpy(dtype=np.int64), n_dims),
            "score": scores.ravel(),
        }
    )
    for column in ("rater_id", "employee_id", "dimension"):
        ratings[column] = ratings[column].astype(str)
    if truth is not None:
        check_columns("truth", truth, ("employee_id", "dimension", "true_score"))
        ratings = ratings.merge(
            truth[["employee_id", "dimension", "true_score"]],
            on=["employee_id", "dimension"],
            how="left",
            validate="many_to_one",
        )
    return ratings
