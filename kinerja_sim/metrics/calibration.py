"""Calibration of a group of raters: estimate each rater's severity and adjust the scores.

In a calibration meeting (or after it, in the data) the question is how much of a score is
the rater rather than the employee. With several raters sharing employees, the additive
model score = mean + employee effect + rater effect + error separates the two even when
the design is unbalanced and incomplete, as long as the raters are linked through shared
employees.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_choice, check_number
from kinerja_sim.metrics._tidy import check_table, codes, numeric

__all__ = ["CalibrationResult", "calibrate"]

EFFECT_COLUMNS = ["rater", "effect", "se", "ci_low", "ci_high", "n"]


@dataclass(frozen=True)
class CalibrationResult:
    """Rater effects and adjusted scores from :func:`calibrate`.

    Attributes
    ----------
    rater_effects : DataFrame
        ``rater``, ``effect`` (scale points above the average rater; positive = lenient),
        ``se``, ``ci_low``, ``ci_high``, ``n`` (ratings).
    adjusted : DataFrame
        The input with an ``adjusted`` column: the score minus its rater's effect.
    method : str
        "additive" or "mixed".
    residual_sd : float
        Standard deviation of the errors left by the model.
    """

    rater_effects: pd.DataFrame
    adjusted: pd.DataFrame
    method: str
    residual_sd: float

    def to_frame(self) -> pd.DataFrame:
        """The rater effects table."""
        return self.rater_effects.copy()


def _components(rater, ratee, n_raters):
    """Raters linked through shared ratees (connected parts of the design)."""
    parent = np.arange(n_raters)

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first = {}
    for r, i in zip(rater.tolist(), ratee.tolist()):
        if i in first:
            a, b = find(first[i]), find(r)
            parent[a] = b
        else:
            first[i] = r
    return np.array([find(i) for i in range(n_raters)])


def _additive(y, rater, ratee, n_raters, n_ratees):
    """Two-way fixed effects by absorbing the ratees: reduced normal equations for the raters."""
    counts = np.zeros((n_raters, n_ratees))
    np.add.at(counts, (rater, ratee), 1.0)
    per_rater, per_ratee = counts.sum(axis=1), counts.sum(axis=0)
    ratee_sum = np.bincount(ratee, weights=y, minlength=n_ratees)
    reduced = np.diag(per_rater) - (counts / per_ratee) @ counts.T
    rhs = np.bincount(rater, weights=y, minlength=n_raters) - counts @ (ratee_sum / per_ratee)
    inverse = np.linalg.pinv(reduced, hermitian=True)
    effects = inverse @ rhs
    ratee_effects = (ratee_sum - counts.T @ effects) / per_ratee
    residual = y - effects[rater] - ratee_effects[ratee]
    df = len(y) - n_ratees - n_raters + 1
    if df < 1:
        raise ValueError(
            "calibrate needs more ratings than rater and ratee effects; "
            f"got {len(y)} ratings for {n_raters} raters and {n_ratees} ratees"
        )
    sigma2 = residual @ residual / df
    return effects, np.sqrt(np.clip(np.diag(inverse), 0, None) * sigma2), np.sqrt(sigma2), df


def _mixed(y, n_raters, rater, ratee):
    """Ratees as random effects (statsmodels MixedLM), raters as sum-to-zero fixed effects."""
    import statsmodels.api as sm

    design = np.zeros((len(y), n_raters))
    design[np.arange(len(y)), rater] = 1.0
    contrast = np.vstack([np.eye(n_raters - 1), -np.ones(n_raters - 1)])  # sum coding
    exog = np.column_stack([np.ones(len(y)), design @ contrast])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = sm.MixedLM(y, exog, groups=ratee).fit(reml=True)
    coefficients, cov = fit.fe_params[1:], fit.cov_params()[1:n_raters, 1:n_raters]
    effects = contrast @ coefficients
    se = np.sqrt(np.einsum("ij,jk,ik->i", contrast, np.asarray(cov), contrast))
    return effects, se, float(np.sqrt(fit.scale)), len(y) - n_raters


def calibrate(
    data,
    *,
    raters="rater_id",
    ratees="employee_id",
    ratings="score",
    method="additive",
    confidence=0.95,
) -> CalibrationResult:
    """Estimate each rater's effect (severity or leniency) and return adjusted scores.

    Parameters
    ----------
    data : DataFrame
        Long table of ratings; a rater may rate a ratee several times (e.g. one row per
        dimension). Raters need not rate the same ratees, but must be linked through
        shared ratees.
    raters, ratees, ratings : str
        Column names. For a per-dimension calibration, pass a column combining ratee and
        dimension as ``ratees``.
    method : {"additive", "mixed"}, default "additive"
        ``"additive"``: least squares with fixed rater and ratee effects. ``"mixed"``:
        ratees as random effects (``statsmodels`` MixedLM), which borrows strength across
        ratees in small, unbalanced groups; slower.
    confidence : float, default 0.95
        Level of the confidence intervals.

    Returns
    -------
    CalibrationResult
        ``rater_effects`` (``rater``, ``effect``, ``se``, ``ci_low``, ``ci_high``, ``n``)
        and ``adjusted`` (the input plus ``adjusted`` = score − rater effect).

    Notes
    -----
    Model: y_ri = μ + a_i + s_r + e_ri with sum_r s_r = 0, so an effect is relative to
    the average rater of the group. The ratee effects are absorbed (within-ratee
    transformation); the rater effects solve the reduced normal equations
    (D_r − N D_i⁻¹ Nᵀ) s = y_r. − N D_i⁻¹ y_.i with N the rater × ratee counts, using the
    pseudo-inverse, whose null space is the constant when the design is connected; the
    covariance of s is σ² times that pseudo-inverse (Searle 1971, ch. 7). Intervals use
    Student's t with the residual degrees of freedom.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"rater_id": ["A", "A", "B", "B", "C", "C"],
    ...                      "employee_id": ["e1", "e2", "e1", "e2", "e1", "e2"],
    ...                      "score": [3.5, 4.0, 2.5, 3.0, 3.0, 3.6]})
    >>> result = calibrate(data)
    >>> result.rater_effects[["rater", "effect"]].round(2).to_dict("list")
    {'rater': ['A', 'B', 'C'], 'effect': [0.5, -0.5, 0.0]}
    """
    from scipy import stats

    check_table(data, ids=("raters", "ratees"), raters=raters, ratees=ratees, ratings=ratings)
    check_choice("method", method, ("additive", "mixed"))
    confidence = check_number(
        "confidence", confidence, minimum=0.5, maximum=1.0, exclusive_maximum=True
    )
    y = numeric(data, ratings, "ratings")
    if np.isnan(y).any():
        raise ValueError(f"{ratings} must not be missing; drop the rows without a score first")
    rater, rater_ids = codes(data[raters])
    ratee, ratee_ids = codes(data[ratees])
    if len(rater_ids) < 2:
        raise ValueError(f"calibrate needs at least 2 raters, got {len(rater_ids)}")
    groups = _components(rater, ratee, len(rater_ids))
    if len(np.unique(groups)) > 1:
        apart = rater_ids[groups != groups[0]][:5]
        raise ValueError(
            f"raters must be linked through shared ratees; rater(s) {', '.join(map(str, apart))} "
            f"share no ratee with {rater_ids[0]}, directly or through others"
        )
    if method == "additive":
        effects, se, sigma, df = _additive(y, rater, ratee, len(rater_ids), len(ratee_ids))
    else:
        effects, se, sigma, df = _mixed(y, len(rater_ids), rater, ratee)
    half = stats.t.ppf(1 - (1 - confidence) / 2, df) * se
    table = pd.DataFrame(
        {
            "rater": rater_ids.astype(str),
            "effect": effects,
            "se": se,
            "ci_low": effects - half,
            "ci_high": effects + half,
            "n": np.bincount(rater, minlength=len(rater_ids)),
        }
    )
    adjusted = data.copy()
    adjusted["adjusted"] = y - effects[rater]
    return CalibrationResult(
        rater_effects=table, adjusted=adjusted, method=method, residual_sd=float(sigma)
    )
