"""The array kernel: the bias model on whole arrays, for millions of employees.

:func:`apply_biases` is steps 2–6 of the model (halo, central tendency, contrast, leniency,
affinity, idiosyncratic liking, error, floor), shared by the table path
(:func:`kinerja_sim.raters.table.rate`) and :func:`rate_arrays` (the policy path), which
draws the impression without materialising periods; :func:`recency_weights` is step 1's
period weights.
"""

from __future__ import annotations

import numpy as np

from kinerja_sim._core.validate import check_array, check_int, check_number, check_rng
from kinerja_sim.raters.bias import BIAS_FIELDS
from kinerja_sim.world.dimensions import DIMENSIONS, SCALE_MAX, SCALE_MID, SCALE_MIN

__all__ = ["apply_biases", "rate_arrays", "recency_weights"]


def recency_weights(recency, periods: int) -> np.ndarray:
    """Period weights exp(recency (t − 1)/(P − 1)), normalised; one row per recency value.

    Examples
    --------
    >>> recency_weights([0.0, 2.0], 4).round(2)
    array([[0.25, 0.25, 0.25, 0.25],
           [0.07, 0.14, 0.27, 0.52]])
    """
    position = np.arange(periods) / max(periods - 1, 1)
    weights = np.exp(np.outer(np.atleast_1d(np.asarray(recency, dtype=float)), position))
    return weights / weights.sum(axis=1, keepdims=True)


def rate_arrays(
    truth, bias, *, rater, periods: int = 4, affinity_match=None, evidence_noise: float = 1.0, rng
) -> np.ndarray:
    """The model of :func:`rate` on whole arrays, for millions of employees (the policy path).

    Parameters
    ----------
    truth : array, shape (n, 8)
        True annual values per employee and dimension (float32 saves memory).
    bias : mapping
        The bias names of :class:`RaterBias` -> array of shape (R,), one value per rater
        (``floor`` may be missing: no floor).
    rater : array of int, shape (n,)
        The rater of each employee. A rater's employees must be consecutive rows, in the
        order of the rater's queue (the order matters for contrast only).
    periods : int
        Evaluation periods of the evidence.
    affinity_match : array of bool, shape (n,), optional
        Employee shares the rater's attribute (similar-to-me); default none.
    evidence_noise : float
        Multiplies the trend and period fluctuation of the evidence (1 =
        ``kinerja_sim.world.evidence``).
    rng : None, int or numpy.random.Generator
        Source of randomness (normalised by ``check_rng``).

    Returns
    -------
    ndarray of shape (n, 8), the dtype of ``truth``
        Scores in whole hundredths (100–500): ``score = value / 100``, as :func:`rate`
        rounds to two decimals.

    Notes
    -----
    The steps of :func:`rate`, with the impression drawn without materialising periods:
    the levels are ``true + trend (pos_t − 1/2) + ε_t`` with ``ε_t ~ N(0, period_sd²)``
    (``kinerja_sim.world.evidence``), so the recency-weighted impression ``Σ w_t L_t`` is, given
    the truth, Gaussian with mean ``true`` and two independent parts: a shift common to all
    dimensions (the trend, sd ``trend_sd |Σ w_t (pos_t − 1/2)|``) and a part per dimension
    (sd ``period_sd sqrt(Σ w_t²)``). That noise is not drawn here but handed to
    :func:`apply_biases` (``pending``), which draws it together with the rating error: 10
    normal numbers per employee instead of 18, the same distribution. The clipping of
    period levels to 1–5 is not modelled (it touches levels beyond the scale ends only).
    ``tests/test_policy_small_world.py`` checks that both paths give the same distribution of
    scores.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> truth = np.full((3, 8), 3.2, dtype=np.float32)
    >>> zero = {name: np.zeros(1) for name in BIAS_FIELDS}
    >>> rate_arrays(truth, zero, rater=np.zeros(3, int), evidence_noise=0.0, rng=rng)[:, 0].tolist()
    [320.0, 320.0, 320.0]
    """
    from kinerja_sim.world.evidence import EVIDENCE

    check_array("truth", truth, ndim=2, columns=len(DIMENSIONS), kind="f")
    rater = check_array("rater", rater, ndim=1, kind="iu", rows=len(truth))
    missing = [
        name for name in BIAS_FIELDS if name not in bias and name != "floor"
    ]  # floor is optional
    if missing:
        raise ValueError(f"bias lacks {', '.join(missing)}; expected the RaterBias names")
    for name in BIAS_FIELDS:
        if name in bias:
            check_array(f"bias[{name!r}]", bias[name], ndim=1, kind="iuf")
    if len(rater) and not (0 <= rater.min() and rater.max() < len(bias[BIAS_FIELDS[0]])):
        raise ValueError(
            "rater must hold row numbers of the bias arrays (0 to "
            f"{len(bias[BIAS_FIELDS[0]]) - 1}), got {rater.min()} to {rater.max()}"
        )
    periods = check_int("periods", periods, minimum=2)
    evidence_noise = check_number("evidence_noise", evidence_noise, minimum=0.0)
    rng = check_rng(rng)
    dtype = truth.dtype.type
    rater = np.asarray(rater)
    b = {name: np.asarray(bias[name], dtype=dtype) for name in BIAS_FIELDS if name in bias}
    weights = recency_weights(b["recency"], periods)
    position = np.arange(periods) / max(periods - 1, 1) - 0.5
    loading, scale = (
        (weights @ position).astype(dtype),
        np.sqrt((weights**2).sum(axis=1)).astype(dtype),
    )
    shared = (dtype(EVIDENCE["trend_sd"] * evidence_noise) * np.abs(loading))[rater]
    spread = (dtype(EVIDENCE["period_sd"] * evidence_noise) * scale)[rater]
    impression = np.array(
        truth, dtype=dtype, order="F"
    )  # a column per dimension: per-case factors broadcast fast
    param = {name: values[rater] for name, values in b.items() if name != "recency"}
    match = None if affinity_match is None else np.asarray(affinity_match, dtype=dtype)
    impression = apply_biases(
        impression,
        param,
        previous=lambda overall: _previous_in_queue(overall, rater),
        affinity_match=match,
        pending=(shared, spread),
        rng=rng,
    )
    impression *= 100
    return np.rint(impression, out=impression)


def apply_biases(
    impression, bias, *, previous, affinity_match=None, pending=None, rng
) -> np.ndarray:
    """The bias kernel: steps 2–6 of :func:`rate` on impressions, in place.

    Parameters
    ----------
    impression : ndarray, shape (n, 8)
        Each case's impression per dimension (recency already applied); overwritten.
    bias : mapping
        Bias name -> array of shape (n,), the rater's value for each case. ``floor``
        may be missing (no floor).
    previous : callable
        ``previous(overall)`` -> the overall impression of the case each rater rated just
        before (``SCALE_MID`` for a rater's first case), from the overall impressions.
    affinity_match : array of shape (n,), optional
        1 where the employee shares the rater's origin.
    pending : (array, array) of shape (n,) each, optional
        Gaussian noise that the impressions still lack, as ``(shared, spread)``: a shift
        common to all dimensions with sd ``shared`` and an independent part per dimension
        with sd ``spread`` (:func:`rate_arrays`: the evidence's trend and period
        fluctuation). It is drawn here with the rating error, exactly in distribution:
        the per-dimension part splits into its mean over the dimensions, which moves the
        overall impression, and the deviations from that mean, which are independent of
        it; after halo and central tendency the deviations and the error sum to ``α w +
        (noise − α) mean(w)`` for standard normal ``w`` and ``α = sqrt(noise² + a²)``,
        ``a = (1 − central_tendency)(1 − halo) spread``. One normal per case for the
        common part and the eight of the error, instead of nine more.
    rng : None, int or numpy.random.Generator
        Draws, with ``pending``, the common part (n); then the idiosyncratic effect (n)
        and the error (n, 8), in the impression's dtype.

    Returns
    -------
    ndarray
        ``impression``, now the scores (1–5, not rounded).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> zero = {name: np.zeros(2) for name in BIAS_FIELDS}
    >>> scores = apply_biases(np.full((2, 8), 2.0), {**zero, "floor": np.array([0.0, 2.9])},
    ...                       previous=lambda overall: overall, rng=rng)
    >>> scores[:, 0].tolist()
    [2.0, 2.9]
    """
    rng = check_rng(rng)
    dtype = impression.dtype.type
    width = impression.shape[1]
    overall = impression @ np.full(width, 1 / width, dtype=dtype)
    halo, central = bias["halo"], bias["central_tendency"]
    moved = halo * overall
    if pending is not None:
        shared, spread = pending
        common = np.sqrt(shared * shared + spread * spread / width).astype(dtype)
        common *= rng.standard_normal(len(impression), dtype=dtype)
        overall = overall + common
        moved += common
    impression *= (1 - halo)[:, None]
    impression += moved[:, None]
    impression -= dtype(SCALE_MID)
    impression *= (1 - central)[:, None]
    shift = bias["leniency"] - bias["contrast"] * (previous(overall) - dtype(SCALE_MID))
    if affinity_match is not None:
        shift = shift + bias["affinity"] * affinity_match
    shift = shift + bias["idiosyncratic"] * rng.standard_normal(len(impression), dtype=dtype)
    impression += (shift + dtype(SCALE_MID))[:, None]
    noise = bias["noise"]
    if pending is None:
        error = rng.standard_normal(impression.shape, dtype=dtype)
        error *= noise[:, None]
    else:  # in the layout of rate_arrays' impressions (a column per dimension)
        error = rng.standard_normal((width, len(impression)), dtype=dtype).T
        carried = (1 - central) * (1 - halo) * spread
        alpha = np.sqrt(noise * noise + carried * carried).astype(dtype)
        mean_error = error @ np.full(width, 1 / width, dtype=dtype)
        error *= alpha[:, None]
        error += ((noise - alpha) * mean_error)[:, None]
    impression += error
    np.clip(impression, SCALE_MIN, SCALE_MAX, out=impression)
    floor = bias.get("floor")
    if floor is not None and np.any(floor > SCALE_MIN):
        np.maximum(impression, floor.astype(dtype)[:, None], out=impression)
    return impression


def _previous_in_queue(overall, rater) -> np.ndarray:
    """Overall impression of the case rated just before in the same rater's queue (3 if first)."""
    previous = np.empty_like(overall)
    previous[1:] = overall[:-1]
    previous[np.r_[True, rater[1:] != rater[:-1]]] = SCALE_MID
    return previous
