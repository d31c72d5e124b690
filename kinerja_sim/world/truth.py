"""The latent truth: each employee's true performance on the eight dimensions (ASSUMPTION).

Eight dimensions correlated through a general factor, shifted by the office's true result
effect (fully on results, by a share on behaviour). The parameters are :data:`TRUTH`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_rng
from kinerja_sim.world.dimensions import DIMENSIONS, SCALE_MAX, SCALE_MIN

__all__ = ["TRUTH", "draw_truth", "truth_array"]

# The latent truth (ASSUMPTION, documented model choices):
TRUTH = {
    "mean": 3.0,  # the middle of the scale: "Sesuai Ekspektasi"
    "sd": 0.6,  # spread of true performance within an office, scale points
    "general_loading": 0.75,  # loading on the general factor; dimensions correlate ~ .56
    "office_sd": 0.25,  # spread of office means of true results
    "office_behaviour_share": 0.5,  # share of the office effect that reaches behaviour
}


def truth_array(effect, *, rng, dtype=np.float64, mean=None) -> np.ndarray:
    """The latent true performance of employees whose offices have these effects.

    Parameters
    ----------
    effect : array of float, shape (n,)
        The true result effect of each employee's office (scale points).
    rng : None, int or numpy.random.Generator
    dtype : numpy float type
        float64 for the small world; float32 halves memory on the national path.
    mean : float, optional
        The mean true performance (default ``TRUTH["mean"]``); the policy sensitivity study
        varies it to vary the share of employees truly below expectation.

    Returns
    -------
    ndarray of shape (n, 8)
        True values on 1–5, rounded to three decimals, columns in ``DIMENSIONS`` order.

    Notes
    -----
    z_d = λ g + sqrt(1 − λ²) e_d with g, e_d standard normal (λ = TRUTH["general_loading"]);
    true_d = mean + sd z_d + office effect (the full effect on results, a share of it on
    behaviour), clipped to the scale and rounded to three decimals.

    Examples
    --------
    >>> truth = truth_array(np.zeros(1000), rng=np.random.default_rng(1))
    >>> truth.shape, bool(abs(truth.mean() - 3) < 0.1)
    ((1000, 8), True)
    """
    rng = check_rng(rng)
    effect = np.asarray(effect, dtype=dtype)
    n, loading = len(effect), TRUTH["general_loading"]
    general = rng.standard_normal(n, dtype=dtype)
    # a column per dimension (same values, faster per-employee arithmetic); in place, in the
    # order of the formula, so float64 results are the same bits as before:
    # z = λ g + sqrt(1 − λ²) e; true = (mean + sd z) + effect × share
    truth = np.asfortranarray(rng.standard_normal((n, len(DIMENSIONS)), dtype=dtype))
    truth *= dtype(np.sqrt(1 - loading**2))  # in the truth's own precision
    truth += (loading * general)[:, None]
    truth *= TRUTH["sd"]
    truth += TRUTH["mean"] if mean is None else dtype(mean)
    share = np.r_[1.0, np.full(len(DIMENSIONS) - 1, TRUTH["office_behaviour_share"])].astype(dtype)
    for column, part in enumerate(share):
        truth[:, column] += effect * part
    np.clip(truth, SCALE_MIN, SCALE_MAX, out=truth)
    return np.round(truth, 3, out=truth)


def draw_truth(employees: pd.DataFrame, offices: pd.DataFrame, *, rng) -> pd.DataFrame:
    """The latent true performance: one ``true_<dimension>`` column per dimension (1–5); see
    :func:`truth_array`.
    """
    effect = employees["office_id"].map(offices.set_index("office_id")["office_effect"]).to_numpy()
    return pd.DataFrame(
        truth_array(effect, rng=rng),
        columns=[f"true_{d}" for d in DIMENSIONS],
        index=employees.index,
    )
