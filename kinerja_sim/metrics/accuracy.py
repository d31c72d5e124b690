"""Accuracy of ratings against the known truth: Cronbach's components, Borman's accuracy,
predicates.

Every synthetic employee has a known true score, so each rater's distance from the truth
can be measured and split into parts a trainee can act on (Cronbach 1955):

- elevation: is the rater's average too high or too low over everyone and everything?
- differential elevation: does the rater rank the *people* right (their overall level)?
- stereotype accuracy: does the rater see which *dimensions* are strong and weak overall?
- differential accuracy: does the rater see each person's own pattern of strengths?

The four squared components add up exactly to the mean squared error.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_labels
from kinerja_sim.metrics._tidy import check_table, codes, numeric, unique_cells, with_truth
from kinerja_sim.metrics.reliability import kappa_from_table

__all__ = ["accuracy_components", "predicate_agreement"]

ACCURACY_COLUMNS = [
    "rater",
    "elevation",
    "differential_elevation",
    "stereotype_accuracy",
    "differential_accuracy",
    "mse",
    "borman_differential_accuracy",
    "n_ratees",
    "n_dimensions",
]


def _cell_layout(ratings, raters, ratees, dimensions):
    """Codes of rater, rater × ratee and rater × dimension; check each rater's grid is complete."""
    rater, rater_ids = codes(ratings[raters])
    ratee, ratee_ids = codes(ratings[ratees])
    dim, dim_ids = codes(ratings[dimensions])
    person = codes(rater.astype(np.int64) * len(ratee_ids) + ratee)[0]
    column = codes(rater.astype(np.int64) * len(dim_ids) + dim)[0]
    unique_cells(person, dim, len(dim_ids), "rater, ratee and dimension")
    cells = np.bincount(rater)
    n_ratees = np.bincount(rater[np.unique(person, return_index=True)[1]], minlength=len(rater_ids))
    n_dims = np.bincount(rater[np.unique(column, return_index=True)[1]], minlength=len(rater_ids))
    gaps = cells != n_ratees * n_dims
    if gaps.any():
        raise ValueError(
            f"rater(s) {', '.join(map(str, rater_ids[gaps][:5]))} did not rate every "
            f"{dimensions} of every {ratees} they rated; Cronbach's components need a "
            "complete grid per rater"
        )
    return rater, rater_ids, person, column, n_ratees, n_dims


def _group_mean(group, values):
    return np.bincount(group, weights=values) / np.bincount(group)


def _borman(rater, column, n_rater, x, t):
    """Mean over dimensions of the correlation of ratings with truth across ratees."""
    n = np.bincount(column).astype(float)
    sums = [np.bincount(column, weights=w) for w in (x, t, x * x, t * t, x * t)]
    sx, st, sxx, stt, sxt = sums
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (sxt - sx * st / n) / np.sqrt((sxx - sx**2 / n) * (stt - st**2 / n))
    owner = np.zeros(len(n), dtype=np.int64)
    owner[column] = rater
    valid = np.isfinite(r)
    totals = np.bincount(owner[valid], weights=r[valid], minlength=n_rater)
    with np.errstate(invalid="ignore", divide="ignore"):
        return totals / np.bincount(owner[valid], minlength=n_rater)


def accuracy_components(
    ratings,
    truth=None,
    *,
    raters="rater_id",
    ratees="employee_id",
    dimensions="dimension",
    scores="score",
    true_scores="true_score",
) -> pd.DataFrame:
    """Cronbach's (1955) accuracy components and Borman's differential accuracy, per rater.

    Parameters
    ----------
    ratings : DataFrame
        Long table, one row per rater, ratee and dimension, with the score. Each rater
        must rate every dimension of every ratee they rate (raters may rate different
        ratees).
    truth : DataFrame, optional
        The true scores: ``ratees``, ``dimensions`` and ``true_scores`` columns (e.g.
        ``Dataset.truth()``). By default the ``true_scores`` column of ``ratings``.
    raters, ratees, dimensions, scores, true_scores : str
        Column names.

    Returns
    -------
    DataFrame
        One row per rater: ``rater``, ``elevation``, ``differential_elevation``,
        ``stereotype_accuracy``, ``differential_accuracy`` (squared distances; smaller is
        better), ``mse`` (their sum), ``borman_differential_accuracy`` (a correlation;
        larger is better; NaN where no dimension varies), ``n_ratees``, ``n_dimensions``.

    Notes
    -----
    For one rater with score x_ij and truth t_ij of ratee i on dimension j, and d = x − t,
    with dots for means: elevation E² = d̄..², differential elevation DE² =
    mean_i (d̄i. − d̄..)², stereotype accuracy SA² = mean_j (d̄.j − d̄..)², differential
    accuracy DA² = mean_ij (d_ij − d̄i. − d̄.j + d̄..)². Because the four parts are orthogonal
    in a complete grid, E² + DE² + SA² + DA² = mean_ij d_ij² (the MSE) exactly.
    Borman's differential accuracy is mean_j corr_i(x_ij, t_ij).

    Cronbach, L. J. (1955). Processes affecting scores on "understanding of others" and
    "assumed similarity". Psychological Bulletin, 52(3), 177–193. Borman, W. C. (1977).
    Consistency of rating accuracy and rating errors in the judgment of human performance.
    Organizational Behavior and Human Performance, 20(2), 238–252.

    Examples
    --------
    >>> import kinerja_sim
    >>> from kinerja_sim.raters import RaterBias, rate
    >>> ds = kinerja_sim.generate(n_offices=1, rng=3)
    >>> ratings = rate(ds.performance, [RaterBias(noise=0.3), RaterBias(leniency=0.8, noise=0.3)],
    ...                truth=ds.truth(), rng=3)
    >>> table = accuracy_components(ratings)
    >>> table[["rater", "elevation"]].round(1).to_dict("list")
    {'rater': ['R001', 'R002'], 'elevation': [0.0, 0.6]}
    >>> parts = [
    ...     "elevation", "differential_elevation", "stereotype_accuracy", "differential_accuracy"
    ... ]
    >>> bool(np.allclose(table[parts].sum(axis=1), table["mse"]))
    True
    """
    check_table(
        ratings,
        "ratings",
        ids=("raters", "ratees", "dimensions"),
        raters=raters,
        ratees=ratees,
        dimensions=dimensions,
        scores=scores,
    )
    ratings = with_truth(ratings, truth, ratees, dimensions, true_scores)
    check_table(ratings, "ratings", true_scores=true_scores)
    x, t = numeric(ratings, scores, "scores"), numeric(ratings, true_scores, "true_scores")
    if np.isnan(x).any() or np.isnan(t).any():
        raise ValueError(f"{scores} and {true_scores} must not be missing")
    rater, rater_ids, person, column, n_ratees, n_dims = _cell_layout(
        ratings, raters, ratees, dimensions
    )
    d = x - t
    mean_r, mean_ri, mean_rj = _group_mean(rater, d), _group_mean(person, d), _group_mean(column, d)
    grand, row, col = mean_r[rater], mean_ri[person], mean_rj[column]
    parts = {
        "elevation": mean_r**2,
        "differential_elevation": _group_mean(rater, (row - grand) ** 2),
        "stereotype_accuracy": _group_mean(rater, (col - grand) ** 2),
        "differential_accuracy": _group_mean(rater, (d - row - col + grand) ** 2),
        "mse": _group_mean(rater, d**2),
        "borman_differential_accuracy": _borman(rater, column, len(rater_ids), x, t),
    }
    table = pd.DataFrame(
        {"rater": rater_ids.astype(str), **parts, "n_ratees": n_ratees, "n_dimensions": n_dims}
    )
    return table[ACCURACY_COLUMNS]


def predicate_agreement(
    data, *, raters="rater_id", predicates="predicate", true_predicates="true_predicate", order=None
) -> pd.DataFrame:
    """Agreement of each rater's predicates with the true predicates.

    Parameters
    ----------
    data : DataFrame
        One row per rater and ratee with the predicate the rater's scores lead to and
        the predicate the true scores lead to (both from the same rule set).
    raters, predicates, true_predicates : str
        Column names.
    order : sequence, optional
        The predicates from worst to best (e.g. ``["Sangat Kurang", "Kurang/Misconduct",
        "Butuh Perbaikan", "Baik", "Sangat Baik"]``). When given, the shares of
        predicates above and below the truth are reported.

    Returns
    -------
    DataFrame
        One row per rater: ``rater``, ``n``, ``agreement`` (share equal to the truth),
        ``kappa`` (Cohen's unweighted kappa against the truth; NaN if chance agreement is
        1), ``higher`` and ``lower`` (shares above and below the truth; NaN without
        ``order``).

    Notes
    -----
    Kappa here is Cohen's (1960) unweighted kappa, computed for all raters at once by
    :func:`kinerja_sim.metrics.kappa_from_table` on one confusion table per rater.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"rater_id": ["A"] * 4,
    ...                      "predicate": ["Baik", "Baik", "Sangat Baik", "Baik"],
    ...                      "true_predicate": ["Baik", "Butuh Perbaikan", "Sangat Baik", "Baik"]})
    >>> table = predicate_agreement(data, order=["Butuh Perbaikan", "Baik", "Sangat Baik"])
    >>> table.round(2).to_dict("records")
    [{'rater': 'A', 'n': 4, 'agreement': 0.75, 'kappa': 0.56, 'higher': 0.25, 'lower': 0.0}]
    """
    check_table(
        data, ids=("raters",), raters=raters, predicates=predicates, true_predicates=true_predicates
    )
    if data[[predicates, true_predicates]].isna().any().any():
        raise ValueError(f"{predicates} and {true_predicates} must not be missing")
    check_labels(
        f"{predicates} and {true_predicates}", pd.concat([data[predicates], data[true_predicates]])
    )
    rater, rater_ids = codes(data[raters])
    label, labels = codes(pd.concat([data[predicates], data[true_predicates]], ignore_index=True))
    given, true = label[: len(data)], label[len(data) :]
    n = np.bincount(rater).astype(float)
    tables = np.zeros((len(rater_ids), len(labels), len(labels)))
    np.add.at(tables, (rater, given, true), 1.0)
    agreement = np.bincount(rater, weights=(given == true).astype(float)) / n
    kappa = np.atleast_1d(kappa_from_table(tables))
    higher = lower = np.full(len(rater_ids), np.nan)
    if order is not None:
        rank = _ranks(labels, order)
        higher = np.bincount(rater, weights=(rank[given] > rank[true]).astype(float)) / n
        lower = np.bincount(rater, weights=(rank[given] < rank[true]).astype(float)) / n
    return pd.DataFrame(
        {
            "rater": rater_ids.astype(str),
            "n": n.astype(np.int64),
            "agreement": agreement,
            "kappa": kappa,
            "higher": higher,
            "lower": lower,
        }
    )


def _ranks(labels, order) -> np.ndarray:
    order = list(order)
    unknown = [label for label in labels if label not in order]
    if unknown:
        raise ValueError(
            f"order must list every predicate; it lacks {', '.join(map(str, unknown[:5]))}"
        )
    return np.array([order.index(label) for label in labels])
