"""Array-level truth and ratings for the national path: no names, NIP or evidence text.

The functions here follow ``kinerja_sim.world.draw_truth`` and ``kinerja_sim.raters.rate``
exactly in distribution, on whole arrays (one row per employee), so that 4.7 million
employees fit in a few seconds and a few hundred megabytes per chunk. They are marked
"to move into" the module whose model they implement; ``tests/test_policy_lean.py``
checks that they give the same distribution of scores as the small-world path.

Notes
-----
The impression shortcut (SPEC 3.2, CONTRACT "Rater model"): the per-period levels are
``true + trend (pos_t − 1/2) + ε_t`` with ``ε_t ~ N(0, period_sd²)`` (``kinerja_sim.evidence``),
so the recency-weighted impression ``Σ w_t L_t`` is, given the truth, Gaussian with mean
``true + trend Σ w_t (pos_t − 1/2)`` and standard deviation ``period_sd sqrt(Σ w_t²)``; it
is drawn directly without materialising periods. The clipping of period levels to 1–5
is not modelled (it touches levels beyond the scale ends only).
"""
from __future__ import annotations

import numpy as np

from kinerja_sim.dimensions import DIMENSIONS, SCALE_MAX, SCALE_MID, SCALE_MIN
from kinerja_sim.evidence import EVIDENCE
from kinerja_sim.raters import BIAS_FIELDS
from kinerja_sim.world import TRUTH

__all__ = ["draw_truth_array", "rate_arrays", "recency_weights"]

_F = np.float32


def draw_truth_array(effect, *, rng) -> np.ndarray:
    """Latent truth per employee and dimension, as ``kinerja_sim.world.draw_truth`` (to move into world).

    Parameters
    ----------
    effect : array of float, shape (n,)
        The office effect of each employee's office (true result shift, scale points).
    rng : numpy.random.Generator

    Returns
    -------
    numpy.ndarray of float32, shape (n, 8)
        True values on 1–5, rounded to three decimals, columns in ``DIMENSIONS`` order.

    Examples
    --------
    >>> truth = draw_truth_array(np.zeros(1000), rng=np.random.default_rng(1))
    >>> truth.shape, bool(abs(truth.mean() - 3) < 0.1)
    ((1000, 8), True)
    """
    n, d = len(effect), len(DIMENSIONS)
    loading = _F(TRUTH["general_loading"])
    truth = rng.standard_normal((n, d), dtype=_F)
    truth *= _F(np.sqrt(1 - TRUTH["general_loading"] ** 2))
    truth += loading * rng.standard_normal(n, dtype=_F)[:, None]
    truth *= _F(TRUTH["sd"])
    truth += _F(TRUTH["mean"])
    share = np.r_[1.0, np.full(d - 1, TRUTH["office_behaviour_share"])].astype(_F)
    truth += np.asarray(effect, dtype=_F)[:, None] * share
    np.clip(truth, SCALE_MIN, SCALE_MAX, out=truth)
    return np.round(truth, 3, out=truth)


def recency_weights(recency, periods: int):
    """Per rater: the trend loading ``Σ w_t (pos_t − 1/2)`` and the noise scale ``sqrt(Σ w_t²)``.

    ``w_t ∝ exp(recency (t − 1)/(P − 1))`` as in ``kinerja_sim.raters.rate``.

    Examples
    --------
    >>> loading, scale = recency_weights(np.array([0.0]), 4)
    >>> float(loading[0]), float(scale[0])
    (0.0, 0.5)
    """
    position = np.arange(periods) / max(periods - 1, 1)
    weights = np.exp(np.outer(np.asarray(recency, dtype=float), position))
    weights /= weights.sum(axis=1, keepdims=True)
    return np.einsum("rp,p->r", weights, position - 0.5), np.sqrt((weights**2).sum(axis=1))


def rate_arrays(truth, bias, *, rater, periods: int = 4, affinity_match=None,
                evidence_noise: float = 1.0, rng) -> np.ndarray:
    """Scores given by raters with biases, on whole arrays (to move into kinerja_sim.raters).

    Parameters
    ----------
    truth : array, shape (n, 8)
        True annual values per employee and dimension.
    bias : mapping
        The eight bias names of ``RaterBias`` -> array of shape (R,), one value per rater.
    rater : array of int, shape (n,)
        The rater of each employee. A rater's employees must be consecutive rows, in the
        order of the rater's queue (the order matters for contrast only).
    periods : int
        Evaluation periods of the evidence.
    affinity_match : array of bool, shape (n,), optional
        Employee shares the rater's attribute (similar-to-me); default none.
    evidence_noise : float
        Multiplies the trend and period fluctuation of the evidence (1 = ``kinerja_sim.evidence``).
    rng : numpy.random.Generator

    Returns
    -------
    numpy.ndarray of float32, shape (n, 8)
        Scores in whole hundredths (100–500): ``score = value / 100``, as ``rate`` rounds to
        two decimals.

    Notes
    -----
    The steps of ``kinerja_sim.raters.rate`` (impression, halo, central tendency,
    contrast, leniency, affinity, idiosyncratic, noise), with the impression drawn by
    the shortcut of the module notes.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> truth = np.full((3, 8), 3.2, dtype=np.float32)
    >>> zero = {name: np.zeros(1) for name in BIAS_FIELDS}
    >>> rate_arrays(truth, zero, rater=np.zeros(3, int), evidence_noise=0.0, rng=rng)[:, 0].tolist()
    [320.0, 320.0, 320.0]
    """
    rater = np.asarray(rater)
    b = {name: np.asarray(bias[name], dtype=_F) for name in BIAS_FIELDS}
    loading, scale = recency_weights(b["recency"], periods)
    noise = _F(EVIDENCE["period_sd"] * evidence_noise) * scale.astype(_F)[rater]
    trend = _F(EVIDENCE["trend_sd"] * evidence_noise) * rng.standard_normal(len(rater), dtype=_F)
    impression = rng.standard_normal(truth.shape, dtype=_F)
    impression *= noise[:, None]
    impression += truth
    impression += (trend * loading.astype(_F)[rater])[:, None]
    overall = np.einsum("ed,d->e", impression, np.full(truth.shape[1], 1 / truth.shape[1], dtype=_F))
    halo = b["halo"][rater]
    impression *= (1 - halo)[:, None]
    impression += (halo * overall)[:, None]
    impression -= _F(SCALE_MID)
    impression *= (1 - b["central_tendency"][rater])[:, None]
    shift = b["leniency"][rater] - b["contrast"][rater] * (_previous(overall, rater) - _F(SCALE_MID))
    if affinity_match is not None:
        shift += b["affinity"][rater] * np.asarray(affinity_match, dtype=_F)
    shift += b["idiosyncratic"][rater] * rng.standard_normal(len(rater), dtype=_F)
    impression += (shift + _F(SCALE_MID))[:, None]
    error = rng.standard_normal(truth.shape, dtype=_F)
    error *= b["noise"][rater][:, None]
    impression += error
    np.clip(impression, SCALE_MIN, SCALE_MAX, out=impression)
    impression *= 100
    return np.rint(impression, out=impression)


def _previous(overall, rater) -> np.ndarray:
    """Overall impression of the case rated just before in the same rater's queue (3 if first)."""
    previous = np.empty_like(overall)
    previous[0] = SCALE_MID
    previous[1:] = overall[:-1]
    first = np.r_[True, rater[1:] != rater[:-1]]
    previous[first] = SCALE_MID
    return previous
