"""The reference score of a case: what an ideal rater would give from exactly what the file shows.

A trainee's score is graded against the *reference score* (SPEC 4): for each dimension, the
posterior mean of the employee's true level given the evidence of the case file, under the
kit's own generative model (:mod:`kinerja_sim.world.truth`, :mod:`kinerja_sim.world.evidence`),
with equal-tailed 80 % and 95 % credible intervals. The *latent truth* (the level the
evidence was drawn from) is returned beside it; the difference between the two is the
*evidence gap*, what the file could not show.

The model (the kit's, parameter by parameter)
----------------------------------------------
- truth: t_d = clip(3 + 0.6 (λ g + sqrt(1 − λ²) e_d) + share_d · o, 1, 5), with g, e_d
  standard normal, λ = 0.75, o ~ N(0, 0.25²) the office effect (share 1 on Hasil Kerja,
  0.5 on behaviour). The office effect is latent: the case file names the office but not its
  organisation predicate nor its effect.
- per period p of P: level_dp = clip(t_d + τ x_p + ε_dp, 1, 5), x_p = (p − 1)/(P − 1) − 1/2,
  τ ~ N(0, 0.6²) shared by the dimensions, ε_dp ~ N(0, 0.35²).
- Hasil Kerja: each indicator's realisation in period p is per-period target × gain (or
  × (2 − gain) when lower is better), gain ~ N(1 + 0.2 (level − 3), 0.04²), a percentage
  capped at 100, rounded to a whole number (counts) or one decimal. A shown value therefore
  says the gain lies in an interval (half a rounding unit either side, open-ended when capped);
  its likelihood is the normal probability of that interval. (The kit also clips the gain to
  [0.05, 1.95]; on the scale that is more than 13 standard deviations away and is ignored.)
- behaviour: positive and negative incidents of value d in period p are Poisson with rates
  0.35 exp(±1.2 (level − 3)); the counts per period are the evidence (the texts add nothing).

The method (numerical integration; no closed form)
--------------------------------------------------
Given the shared variables (g, o) and the trend τ, the eight dimensions are independent, so
the posterior is computed in three nested parts:

1. per dimension and period, the likelihood of the period's evidence is tabulated on a grid
   of levels (step 0.01 on [1, 5]) and integrated against the period noise, clipping
   included (point masses at 1 and 5), giving F_dp(m), m = t_d + τ x_p, on a grid of m;
2. per dimension, G_d(t, τ) = Π_p F_dp(t + τ x_p) on a grid of t (step 0.025, the clipped
   prior's cell probabilities, so the point masses of the truth's clipping at 1 and 5 are
   kept) and a grid of τ (step 0.1 over ±4 prior standard deviations, prior weights);
3. the shared (g, o) by self-normalised importance sampling (Rao–Blackwellised: for each
   draw, the conditional posterior of every dimension over the t and τ grids is exact). The
   proposal is a Gaussian fitted to a pilot run from the prior, widened by 1.5 and mixed with
   the prior (one part in five) so the weights stay bounded.

``mc_error`` is the delta-method standard error of the self-normalised estimate over the
(g, o) draws. :data:`SAMPLES` draws give about 0.007 scale points; when any dimension's error is
above 0.012 the proposal is refitted and four times as many are drawn, then sixteen times if
still needed (the test over 1,000 cases asks every error below 0.02; with only the fourfold
redraw the largest was 0.021). The grids add a
deterministic error below 0.01 (checked against grids of half the step in the tests). The
sampler is seeded from the case itself (a CRC-32 of the employee id and the evidence), so a case
has one reference on every machine, and results are cached by that fingerprint: the shared
cases of a workshop are computed once. The products run on one BLAS thread (threadpoolctl when
installed): they are small, and on a shared machine more threads only wait for each other.

ASSUMPTION: an "ideal rater" knows the kit's generative model and its parameters exactly and
reads only this employee's file (not the other employees of the office, which could reveal the
office effect). That is the most any trainee could extract from the file, so grading against
it never asks for what the file does not show.

Examples
--------
>>> from kinerja_sim.cases.casefile import practice_cases
>>> data, ids = practice_cases(2, rng=7)
>>> table = reference_scores(data, ids[0])
>>> list(table.columns)
['reference', 'low80', 'high80', 'low95', 'high95', 'truth', 'mc_error']
>>> bool((table["low95"] <= table["reference"]).all() and (table["mc_error"] < 0.02).all())
True
"""

from __future__ import annotations

import weakref
import zlib
from collections import OrderedDict
from contextlib import nullcontext
from functools import cache

import numpy as np
import pandas as pd

from kinerja_sim.dataset import Dataset
from kinerja_sim.rules import capaian
from kinerja_sim.world.dimensions import BERAKHLAK, DIMENSIONS, RESULT, SCALE_MAX, SCALE_MIN
from kinerja_sim.world.evidence import EVIDENCE
from kinerja_sim.world.truth import TRUTH


def ndtr(x):
    """The standard normal CDF (scipy.special, imported on first use: opening an exercise that
    never needs a reference score loads no SciPy)."""
    from scipy.special import ndtr as _ndtr

    return _ndtr(x)


def log_ndtr(x):
    """log of :func:`ndtr`, accurate far in the tails (scipy.special, imported on first use)."""
    from scipy.special import log_ndtr as _log_ndtr

    return _log_ndtr(x)


try:  # the products are small: one BLAS thread is faster, most of all on a shared machine
    from threadpoolctl import ThreadpoolController

    _THREADS = ThreadpoolController()
except ImportError:  # pragma: no cover - threadpoolctl comes with scipy's stack, not required
    _THREADS = None

__all__ = [
    "REFERENCE_COLUMNS",
    "SAMPLES",
    "CountsReader",
    "employee_rows",
    "file_counts",
    "reference_behaviour",
    "reference_scores",
    "reference_table",
]

REFERENCE_COLUMNS = ["reference", "low80", "high80", "low95", "high95", "truth", "mc_error"]
#: Importance-sampling draws of the shared (g, o) per case (after a pilot of PILOT draws).
SAMPLES = 256
PILOT = 128

_LEVEL_STEP = 0.01  # grid of period levels on [1, 5]
_M_STEP = 0.01  # grid of m = t + τ x (the period level before noise and clipping)
_T_STEP = 0.025  # grid of the true level on [1, 5]
_TAU_STEP = 0.1  # grid of the trend
_TARGET_ERROR = 0.012  # redraw with more samples when a Monte Carlo error is above this
_NEGLIGIBLE = 1e-30  # relative weights below this are set to 0
_CACHE_SIZE = 4096
_cache: OrderedDict = OrderedDict()


def _grid(low: float, high: float, step: float) -> np.ndarray:
    return np.linspace(low, high, int(round((high - low) / step)) + 1)


def _log_interval(low, high) -> np.ndarray:
    """log(Φ(high) − Φ(low)) for arrays with low ≤ high, stable in both tails."""
    low, high = np.broadcast_arrays(np.asarray(low, float), np.asarray(high, float))
    flip = low > 0  # in the upper tail compute Φ(−low) − Φ(−high)
    a = np.where(flip, -high, low)
    b = np.where(flip, -low, high)
    log_b, log_a = log_ndtr(b), log_ndtr(a)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = log_b + np.log1p(-np.exp(np.minimum(log_a - log_b, 0.0)))
        width = b - a
        middle = np.clip(np.nan_to_num((a + b) / 2), -1e6, 1e6)
        density = -0.5 * middle**2 - 0.5 * np.log(2 * np.pi) + np.log(np.maximum(width, 1e-300))
    return np.where((width < 1e-6) | ~np.isfinite(out), density, out)


def _result_intervals(dataset: Dataset, employee_id: str, periods: int):
    """Per shown realisation: its period and the interval of gain it implies."""
    rows = employee_rows(dataset, employee_id)
    rows = rows[rows["kind"] == "realisasi"]
    skp = dataset.indicators.set_index("indicator_id").loc[rows["indicator_id"].to_numpy()]
    value = rows["value"].to_numpy(dtype=float)
    target = skp["target"].to_numpy(dtype=float)
    total = skp["aggregation"].to_numpy() == "sum"
    percent = skp["unit"].to_numpy() == "%"
    lower = skp["direction"].to_numpy() == "lower"
    per_period = np.where(total, target / periods, target)
    half = np.where(total & ~percent, 0.5, 0.05)
    low_x, high_x = value - half, value + half
    high_x = np.where(percent & (value >= 100.0 - 1e-9), np.inf, high_x)  # capped at 100 %
    with np.errstate(invalid="ignore"):
        gain_low = np.where(lower, 2 - high_x / per_period, low_x / per_period)
        gain_high = np.where(lower, 2 - low_x / per_period, high_x / per_period)
    return rows["period"].to_numpy(dtype=int), gain_low, gain_high


def _behaviour_counts(dataset: Dataset, employee_id: str, periods: int) -> np.ndarray:
    """Counts of positive and negative incidents: array (7 values, periods, 2)."""
    rows = employee_rows(dataset, employee_id)
    rows = rows[rows["kind"] == "insiden"]
    counts = np.zeros((len(BERAKHLAK), periods, 2))
    index = {key: i for i, key in enumerate(BERAKHLAK)}
    d = rows["dimension"].map(index).to_numpy(dtype=int)
    p = rows["period"].to_numpy(dtype=int) - 1
    sign = (rows["value"].to_numpy(dtype=float) < 0).astype(int)
    np.add.at(counts, (d, p, sign), 1)
    return counts


def _log_likelihood(dataset: Dataset, employee_id: str, periods: int, levels) -> np.ndarray:
    """log p(evidence of dimension d in period p | level) on the level grid: (8, P, levels)."""
    out = np.zeros((len(DIMENSIONS), periods, len(levels)))
    period, gain_low, gain_high = _result_intervals(dataset, employee_id, periods)
    mean = 1 + EVIDENCE["achievement_slope"] * (levels - 3.0)
    sd = EVIDENCE["achievement_sd"]
    terms = _log_interval(
        (gain_low[:, None] - mean) / sd, (gain_high[:, None] - mean) / sd
    )  # (rows, levels)
    np.add.at(out[0], period - 1, terms)
    counts = _behaviour_counts(dataset, employee_id, periods)
    slope, rate = EVIDENCE["incident_slope"], EVIDENCE["incident_rate"]
    x = slope * (levels - 3.0)
    out[1:] = (counts[..., 0] - counts[..., 1])[..., None] * x - rate * (np.exp(x) + np.exp(-x))[
        None, None, :
    ]
    return out


@cache
def _grids(periods: int, t_step: float, tau_step: float, level_step: float):
    """The fixed grids of a year of ``periods`` periods, and the period-noise kernel.

    ``kernel[m, l]`` is the weight of level l in E[f(clip(m + ε, 1, 5))], ε ~ N(0, period_sd²)
    (trapezoid rule inside the scale, the clipped tails as point masses at 1 and 5).
    """
    sd, trend_sd = EVIDENCE["period_sd"], EVIDENCE["trend_sd"]
    levels = _grid(SCALE_MIN, SCALE_MAX, level_step)
    t_grid = _grid(SCALE_MIN, SCALE_MAX, t_step)
    tau_grid = _grid(-4 * trend_sd, 4 * trend_sd, tau_step)
    positions = np.arange(periods) / (periods - 1) - 0.5
    reach = 4 * trend_sd * 0.5 + 0.1
    m_grid = _grid(np.floor(SCALE_MIN - reach), np.ceil(SCALE_MAX + reach), _M_STEP)
    z = (levels[None, :] - m_grid[:, None]) / sd
    kernel = np.exp(-0.5 * z**2) / (sd * np.sqrt(2 * np.pi)) * level_step
    kernel[:, [0, -1]] *= 0.5
    kernel[:, 0] += ndtr((SCALE_MIN - m_grid) / sd)
    kernel[:, -1] += ndtr((m_grid - SCALE_MAX) / sd)
    # m = t + τ x_p for every period, as a position on the m grid (uniform: index + fraction)
    m = t_grid[None, :, None] + tau_grid[None, None, :] * positions[:, None, None]
    where = (m - m_grid[0]) / _M_STEP
    index = np.clip(np.floor(where).astype(int), 0, len(m_grid) - 2)
    fraction = np.clip(where - index, 0.0, 1.0)
    log_prior_tau = -0.5 * (tau_grid / trend_sd) ** 2
    return levels, t_grid, tau_grid, kernel, index, fraction, log_prior_tau - log_prior_tau.max()


def _cell_probabilities(mean: np.ndarray, t_grid: np.ndarray, sd: float) -> np.ndarray:
    """Prior probability of each t-grid cell of clip(N(mean, sd²), 1, 5): (draws, t)."""
    half = (t_grid[1] - t_grid[0]) / 2
    edges = np.r_[-np.inf, t_grid[:-1] + half, np.inf]
    cells = np.diff(ndtr((edges[None, :] - mean[:, None]) / sd), axis=1)
    cells[cells < _NEGLIGIBLE] = 0.0  # no subnormal numbers in the products (slow, and nil)
    return cells


class _Posterior:
    """The G tables of one case; :meth:`weigh` and :meth:`summarise` integrate them.

    ``g[d, j, i]`` = Π_p F_dp(t_j + τ_i x_p), scaled to a maximum of 1 per dimension.
    """

    def __init__(self, loglik, periods, *, t_step=_T_STEP, tau_step=_TAU_STEP, level_step=None):
        levels, self.t_grid, self.tau_grid, kernel, index, fraction, log_prior_tau = _grids(
            periods, t_step, tau_step, level_step or _LEVEL_STEP
        )
        values = loglik(levels)  # (8, P, levels)
        top = values.max(axis=2, keepdims=True)
        f = np.einsum("ml,dpl->dpm", kernel, np.exp(values - top))
        log_f = np.log(np.maximum(f, 1e-300)) + top  # (8, P, m)
        log_g = np.zeros((len(DIMENSIONS), len(self.t_grid), len(self.tau_grid)))
        for p in range(periods):
            low, high = log_f[:, p, index[p]], log_f[:, p, index[p] + 1]
            log_g += low + fraction[p] * (high - low)
        self.g = np.exp(log_g - log_g.max(axis=(1, 2), keepdims=True))
        self.g[self.g < _NEGLIGIBLE] = 0.0
        self.g_t = np.ascontiguousarray(self.g.transpose(0, 2, 1))  # (8, τ, t)
        self.log_prior_tau = log_prior_tau
        loading = TRUTH["general_loading"]
        self.unique_sd = TRUTH["sd"] * np.sqrt(1 - loading**2)
        self.general = TRUTH["sd"] * loading
        share = TRUTH["office_behaviour_share"]
        self.shares = (1.0, share)  # Hasil Kerja, then the seven values (one prior mean)
        n_t, n_tau = self.g.shape[1:]
        self.g_behaviour = np.ascontiguousarray(self.g[1:].transpose(1, 0, 2).reshape(n_t, -1))

    def _cells(self, draws):
        """Prior cell probabilities of the t grid given (g, o): Hasil Kerja, behaviour."""
        general = TRUTH["mean"] + self.general * draws[:, 0]
        office = draws[:, 1] * TRUTH["office_sd"]
        return [
            _cell_probabilities(general + share * office, self.t_grid, self.unique_sd)
            for share in self.shares
        ]

    def _tables(self, cells, with_mean: bool):
        """w[d] (draws, τ), and the t-weighted sums when ``with_mean``."""
        n = len(cells[0])
        n_tau = len(self.tau_grid)
        result, behaviour = cells
        if with_mean:  # zeroth, first and second moments on the t grid
            result = np.vstack([result, result * self.t_grid, result * self.t_grid**2])
            behaviour = np.vstack([behaviour, behaviour * self.t_grid, behaviour * self.t_grid**2])
        first = (result @ self.g[0])[:, None, :]
        rest = (behaviour @ self.g_behaviour).reshape(len(behaviour), -1, n_tau)
        both = np.concatenate([first, rest], axis=1)  # (draws [×3], 8, τ)
        moments = (both[n : 2 * n], both[2 * n :]) if with_mean else None
        return np.maximum(both[:n], 1e-250), moments

    def _weights(self, w, log_ratio):
        log_w = self.log_prior_tau[None, :] + log_ratio[:, None] + np.log(w).sum(axis=1)
        weights = np.exp(log_w - log_w.max())  # (draws, τ)
        weights[weights < _NEGLIGIBLE] = 0.0
        return weights

    def weigh(self, draws, log_ratio):
        """The total weight of every draw (for fitting the proposal)."""
        w, _ = self._tables(self._cells(draws), with_mean=False)
        return self._weights(w, log_ratio).sum(axis=1)

    def summarise(self, draws, log_ratio):
        """Posterior mean, its Monte Carlo error and the marginal on the t grid, per dimension."""
        cells = self._cells(draws)
        w, (numerator, square) = self._tables(cells, with_mean=True)
        weights = self._weights(w, log_ratio)  # (draws, τ)
        total, per_draw = weights.sum(), np.maximum(weights.sum(axis=1), 1e-300)
        share = weights[:, None, :] / w  # (draws, 8, τ): W / w_d
        # the mean of the seven values: independent given (g, o, τ), so its variance is the
        # mean conditional variance / 7² summed, plus the variance of the conditional means
        mean_d, var_d = numerator / w, np.maximum(square / w - (numerator / w) ** 2, 0.0)
        b_mean, b_var = mean_d[:, 1:].mean(axis=1), var_d[:, 1:].sum(axis=1) / len(BERAKHLAK) ** 2
        behaviour_mean = float((weights * b_mean).sum() / total)
        behaviour_sd = float(
            np.sqrt((weights * (b_var + (b_mean - behaviour_mean) ** 2)).sum() / total)
        )
        conditional = (share * numerator).sum(axis=2) / per_draw[:, None]  # (draws, 8)
        reference = (per_draw @ conditional) / total
        error = np.sqrt(((per_draw[:, None] * (conditional - reference)) ** 2).sum(axis=0)) / total
        marginal = np.empty((len(DIMENSIONS), len(self.t_grid)))
        share = np.ascontiguousarray(share.transpose(1, 0, 2))  # (8, draws, τ): fast products
        for d in range(len(DIMENSIONS)):
            prob = cells[0] if d == 0 else cells[1]
            marginal[d] = (prob * (share[d] @ self.g_t[d])).sum(axis=0)
        marginal /= marginal.sum(axis=1, keepdims=True)
        return reference, error, marginal, (behaviour_mean, behaviour_sd)


def _quantiles(mass: np.ndarray, t_grid: np.ndarray, probabilities) -> np.ndarray:
    """Quantiles of a distribution on the t grid, each node's mass spread over its cell."""
    half = (t_grid[1] - t_grid[0]) / 2
    edges = np.clip(np.r_[t_grid - half, t_grid[-1] + half], SCALE_MIN, SCALE_MAX)
    cdf = np.r_[0.0, np.cumsum(mass)]
    return np.interp(probabilities, cdf, edges)


_keys: dict = {}  # id(dataset) -> (weak reference to it, per-dataset look-ups)


def _lookups(dataset: Dataset) -> dict:
    """Per dataset object (while it lives): row positions of each employee's evidence and SKP,
    and the fingerprints computed so far; a workshop's repeated feedback costs look-ups only."""
    entry = _keys.get(id(dataset))
    if entry is None or entry[0]() is not dataset:
        for key in [k for k, (ref, _) in _keys.items() if ref() is None]:
            del _keys[key]
        entry = (
            weakref.ref(dataset),
            {
                "evidence": dataset.evidence.groupby("employee_id", sort=False).indices,
                "indicators": dataset.indicators.groupby("employee_id", sort=False).indices,
                "fingerprints": {},
            },
        )
        _keys[id(dataset)] = entry
    return entry[1]


def employee_rows(dataset: Dataset, employee_id: str, table: str = "evidence") -> pd.DataFrame:
    """The rows of one employee in ``dataset.evidence`` or ``dataset.indicators`` (fast, cached)."""
    rows = _lookups(dataset)[table].get(employee_id, np.array([], dtype=int))
    return getattr(dataset, table).iloc[rows]


def _fingerprint(dataset: Dataset, employee_id: str) -> int:
    """A CRC-32 of what the file shows of one employee (and the id): seed and cache key."""
    known = _lookups(dataset)["fingerprints"]
    if employee_id not in known:
        evidence = employee_rows(dataset, employee_id)
        skp = employee_rows(dataset, employee_id, "indicators")
        parts = [
            employee_id.encode(),
            evidence[["period", "value"]].to_numpy(dtype=float).tobytes(),
            "|".join(evidence["dimension"] + "/" + evidence["indicator_id"]).encode(),
            skp["target"].to_numpy(dtype=float).tobytes(),
            "|".join(
                skp["indicator_id"] + skp["unit"] + skp["direction"] + skp["aggregation"]
            ).encode(),
        ]
        crc = 0
        for part in parts:
            crc = zlib.crc32(part, crc)
        known[employee_id] = crc
    return known[employee_id]


def _gaussian_fit(draws, weights):
    w = weights / weights.sum()
    mean = w @ draws
    centred = draws - mean
    cov = (centred * w[:, None]).T @ centred + 1e-6 * np.eye(draws.shape[1])
    return mean, cov


def _log_normal(x, mean, cov):
    inv = np.linalg.inv(cov)
    centred = x - mean
    return -0.5 * np.einsum("ni,ij,nj->n", centred, inv, centred) - 0.5 * np.log(
        np.linalg.det(2 * np.pi * cov)
    )


def _draw(rng, mean, cov, samples, prior_share=0.2):
    """Draws of (g, o) from the defensive mixture and their log importance ratios."""
    from_prior = rng.random(samples) < prior_share
    draws = np.where(
        from_prior[:, None],
        rng.standard_normal((samples, 2)),
        rng.multivariate_normal(mean, cov, size=samples, method="cholesky"),
    )
    log_prior = _log_normal(draws, np.zeros(2), np.eye(2))
    log_proposal = np.logaddexp(
        np.log(prior_share) + log_prior, np.log(1 - prior_share) + _log_normal(draws, mean, cov)
    )
    return draws, log_prior - log_proposal


def _compute(dataset: Dataset, employee_id: str, seed: int, samples: int, **grids):
    periods = int(dataset.evidence["period"].max())
    posterior = _Posterior(
        lambda levels: _log_likelihood(dataset, employee_id, periods, levels), periods, **grids
    )
    rng = np.random.default_rng(seed)
    draws = rng.standard_normal((PILOT, 2))  # the pilot, from the prior
    log_ratio = np.zeros(PILOT)
    # larger runs from a refitted proposal while an error is above the target (rare cases)
    for size in (samples, 4 * samples, 16 * samples):
        mean, cov = _gaussian_fit(draws, posterior.weigh(draws, log_ratio))
        draws, log_ratio = _draw(rng, mean, cov * 1.5**2, size)
        reference, error, marginal, behaviour = posterior.summarise(draws, log_ratio)
        if error.max() < _TARGET_ERROR:
            break
    bounds = np.array([_quantiles(m, posterior.t_grid, [0.1, 0.9, 0.025, 0.975]) for m in marginal])
    return reference, error, bounds, behaviour


def _entry(dataset: Dataset, employee_id: str):
    """The cached posterior summary of one case, computed when it is not (or no longer) cached.

    The cache is a least-recently-used table of :data:`_CACHE_SIZE` cases keyed by the case's
    fingerprint; a case evicted from it is computed again (the same result: seeded by the case).
    """
    key = _fingerprint(dataset, employee_id)
    if key not in _cache:
        limit = _THREADS.limit(limits=1, user_api="blas") if _THREADS else nullcontext()
        with limit:
            _cache[key] = _compute(dataset, employee_id, key, SAMPLES)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(key)
    return _cache[key]


def reference_scores(dataset: Dataset, employee_id: str) -> pd.DataFrame:
    """The reference score of one case, per dimension, with credible intervals and the truth.

    Parameters
    ----------
    dataset : Dataset
        The world of the case (its evidence and SKP tables are what the file shows).
    employee_id : str
        The employee of the case.

    Returns
    -------
    DataFrame
        Index: the dimensions in ``DIMENSIONS`` order. Columns ``reference`` (posterior mean
        of the true level given the file), ``low80``, ``high80``, ``low95``, ``high95``
        (equal-tailed credible intervals), ``truth`` (the latent true level: the hidden
        second layer) and ``mc_error`` (Monte Carlo standard error of ``reference``).

    Notes
    -----
    See the module docstring for the model and the method. The result is cached per case
    (a fingerprint of the employee's evidence), so calling it again is immediate.
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"dataset must be a kinerja_sim Dataset, got {type(dataset).__name__}")
    tables = _lookups(dataset).setdefault("tables", {})
    if employee_id in tables:
        return tables[employee_id].copy()
    person = dataset.employees[dataset.employees["employee_id"] == employee_id]
    if person.empty:
        raise ValueError(f"employee_id {employee_id!r} is not in the dataset")
    reference, error, bounds, _ = _entry(dataset, employee_id)
    truth = person[[f"true_{d}" for d in DIMENSIONS]].to_numpy(dtype=float)[0]
    table = pd.DataFrame(
        {
            "reference": reference,
            "low80": bounds[:, 0],
            "high80": bounds[:, 1],
            "low95": bounds[:, 2],
            "high95": bounds[:, 3],
            "truth": truth,
            "mc_error": error,
        },
        index=pd.Index(list(DIMENSIONS), name="dimension"),
    )
    tables[employee_id] = table[REFERENCE_COLUMNS]
    return tables[employee_id].copy()


def reference_behaviour(dataset: Dataset, employee_id: str) -> pd.Series:
    """The posterior of Perilaku Kerja as the predicate reads it: the mean of the seven values.

    Returns
    -------
    Series
        ``reference`` (posterior mean of the mean of the seven true values), ``sd`` (its
        posterior standard deviation) and ``low80``, ``high80`` (a normal 80 % interval: the
        mean of seven nearly independent values given the shared factors is close to normal).
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"dataset must be a kinerja_sim Dataset, got {type(dataset).__name__}")
    if (dataset.employees["employee_id"] != employee_id).all():
        raise ValueError(f"employee_id {employee_id!r} is not in the dataset")
    mean, sd = _entry(dataset, employee_id)[3]
    z = 1.2815515655446004
    return pd.Series({"reference": mean, "sd": sd, "low80": mean - z * sd, "high80": mean + z * sd})


def reference_table(dataset: Dataset, employee_ids=None) -> pd.DataFrame:
    """The reference of many cases in the form of the truth: ``employee_id`` and ``ref_<d>``.

    Parameters
    ----------
    dataset : Dataset
    employee_ids : list of str, optional
        The employees (default: every employee of the dataset).

    Returns
    -------
    DataFrame
        One row per employee: ``employee_id`` and one ``ref_<dimension>`` column per
        dimension (like the ``true_<dimension>`` columns of ``dataset.employees``).
    """
    if employee_ids is None:
        employee_ids = dataset.employees["employee_id"].tolist()
    rows = []
    for employee_id in employee_ids:
        scores = reference_scores(dataset, str(employee_id))["reference"]
        rows.append(
            {"employee_id": str(employee_id), **{f"ref_{d}": scores[d] for d in DIMENSIONS}}
        )
    return pd.DataFrame(rows, columns=["employee_id", *(f"ref_{d}" for d in DIMENSIONS)])


def file_counts(dataset: Dataset, employee_ids=None) -> pd.DataFrame:
    """What a reader of the counts alone takes from each file: one row per employee.

    Returns
    -------
    DataFrame
        Index ``employee_id``; ``achievement`` (mean capaian of the SKP indicators, in %, as
        the case file's last column shows it), and per BerAKHLAK value ``pos_<value>`` and
        ``neg_<value>`` (positive and negative incidents over the year).
    """
    if employee_ids is None:
        employee_ids = dataset.employees["employee_id"].tolist()
    employee_ids = [str(e) for e in employee_ids]
    skp = dataset.indicators[dataset.indicators["employee_id"].isin(employee_ids)]
    achieved = capaian(
        skp["realisation"].to_numpy(dtype=float),
        skp["target"].to_numpy(dtype=float),
        direction=skp["direction"].to_numpy(),
    )
    mean = pd.Series(achieved, index=skp["employee_id"].to_numpy()).groupby(level=0).mean()
    incidents = dataset.evidence[
        (dataset.evidence["kind"] == "insiden") & dataset.evidence["employee_id"].isin(employee_ids)
    ]
    sign = np.where(incidents["value"].to_numpy() > 0, "pos", "neg")
    counts = (
        pd.crosstab(incidents["employee_id"], [sign, incidents["dimension"].to_numpy()])
        if len(incidents)
        else pd.DataFrame(index=pd.Index([], name="employee_id"))
    )
    counts.columns = [f"{s}_{d}" for s, d in counts.columns]
    table = pd.DataFrame(index=pd.Index(employee_ids, name="employee_id"))
    table["achievement"] = mean.reindex(table.index).to_numpy()
    for key in BERAKHLAK:
        for sign_name in ("pos", "neg"):
            column = f"{sign_name}_{key}"
            values = counts[column] if column in counts else pd.Series(dtype=float)
            table[column] = values.reindex(table.index).fillna(0).astype(int).to_numpy()
    return table


class CountsReader:
    """A reader of the counts alone, learned from other worlds (the adversary of issue 20).

    For each BerAKHLAK value it gives the mean true level of the training employees with the
    same yearly counts of positive and negative incidents (the seven values pooled: the model
    treats them alike); for Hasil Kerja the mean true level of those in the same band of mean
    indicator achievement (``band`` percentage points wide). Cells seen fewer than
    ``min_count`` times fall back to the nearest difference of counts (positive − negative)
    seen often enough, an achievement band to the nearest band seen often enough. It knows nothing
    of periods, trends or the other dimensions: it is the honest reader of the file's totals, not
    the kit's posterior.
    """

    def __init__(self, *, band: float = 2.0, min_count: int = 30):
        self.band, self.min_count = float(band), int(min_count)

    def fit(self, datasets) -> CountsReader:
        behaviour, result = [], []
        for dataset in datasets:
            table = file_counts(dataset)
            truth = dataset.employees.set_index("employee_id").loc[table.index]
            result.append(
                pd.DataFrame(
                    {
                        "band": np.floor(table["achievement"].to_numpy() / self.band),
                        "true": truth[f"true_{RESULT}"].to_numpy(),
                    }
                )
            )
            for key in BERAKHLAK:
                behaviour.append(
                    pd.DataFrame(
                        {
                            "pos": table[f"pos_{key}"].to_numpy(),
                            "neg": table[f"neg_{key}"].to_numpy(),
                            "true": truth[f"true_{key}"].to_numpy(),
                        }
                    )
                )
        behaviour, result = pd.concat(behaviour), pd.concat(result)
        behaviour["diff"] = behaviour["pos"] - behaviour["neg"]
        self.cells_ = self._means(behaviour, ["pos", "neg"])
        self.diffs_ = self._means(behaviour, ["diff"])
        self.bands_ = self._means(result, ["band"])
        return self

    def _means(self, table, keys) -> pd.Series:
        grouped = table.groupby(keys)["true"].agg(["mean", "size"])
        return grouped.loc[grouped["size"] >= self.min_count, "mean"]

    def predict(self, dataset: Dataset, employee_ids=None) -> pd.DataFrame:
        """Scores per employee (index) and dimension (columns in ``DIMENSIONS`` order)."""
        table = file_counts(dataset, employee_ids)
        out = pd.DataFrame(index=table.index)
        band = np.floor(table["achievement"].to_numpy() / self.band)
        out[RESULT] = self._nearest(self.bands_, band)
        for key in BERAKHLAK:
            pos, neg = table[f"pos_{key}"].to_numpy(), table[f"neg_{key}"].to_numpy()
            index = pd.MultiIndex.from_arrays([pos, neg])
            found = self.cells_.reindex(index).to_numpy(dtype=float)
            out[key] = np.where(np.isnan(found), self._nearest(self.diffs_, pos - neg), found)
        return out[list(DIMENSIONS)]

    @staticmethod
    def _nearest(means: pd.Series, keys) -> np.ndarray:
        """The mean of the nearest cell seen often enough (the extremes for rare extremes)."""
        known = means.index.to_numpy(dtype=float)
        where = np.clip(np.searchsorted(known, keys), 1, len(known) - 1)
        left, right = known[where - 1], known[where]
        chosen = np.where(np.abs(keys - left) <= np.abs(right - keys), where - 1, where)
        return means.to_numpy(dtype=float)[chosen]
