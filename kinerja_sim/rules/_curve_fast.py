"""Closed-form curve enforcement for many (organisation, counts) keys at once.

:func:`fast_flows` finds, with numpy and without an integer programme, the moves between
predicates that :func:`kinerja_sim.rules.curve._solve` would find, for every key where a
closed form can prove it optimal; the other keys are left to the integer programme.
:func:`objective` scores any table of moves exactly as that programme does.

Notes
-----
The programme minimises, lexicographically in effect (the weights make each term outweigh
every later one), the employees outside the limits, the changed employees, and then
``steps + ½ × moves up`` (one move of ``k`` steps costs ``k`` down and ``k + ½`` up).

*Relaxation certificate.* Keep only one violated limit ``j`` and drop the others. That
smaller problem has a closed-form optimum: a ``max`` limit with a surplus of ``e`` needs
``e`` employees to leave its predicates, a ``min`` limit with a deficit of ``e`` needs
``e`` employees to join them; each predicate on the source side has one cheapest
destination on the other side (costs of distinct destinations never tie), and the
cheapest sources are used first, each up to its count (a greedy fill, optimal because
only the sources' counts bind). Dropping limits can only lower the optimum, so when the
greedy moves of limit ``j`` also meet every other limit of the organisation they are an
optimum of the full programme. :func:`fast_flows` tries each violated limit in turn and
claims a key only with such a certificate; otherwise the key goes to the programme.

For PermenPAN-RB 6/2022 this decides every key of the "Istimewa" curve (one ``max``) and of
the "Baik" curve (Baik too many, no Butuh Perbaikan or Kurang/Misconduct, or both: moving
the surplus of Baik down one step also fills the ``min_count``), and single violations of
the other curves.

*Tie rule.* When two source predicates have the same cheapest cost (possible only for a
limit on predicates that are not neighbours on the ladder, e.g. ``[Baik,
Kurang/Misconduct]``), the source higher on the ladder moves first. Any such choice has the
programme's objective value; the programme itself may pick another of the tied optima.
With the limits of the shipped rule files no ties arise, so the moves equal the programme's.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from kinerja_sim.rules._common import PREDICATES
from kinerja_sim.rules.quota import quota

__all__ = ["bounds", "disjoint", "fast_flows", "holds", "objective", "simplex_flows"]

_K = len(PREDICATES)
_LADDER = np.arange(_K)
#: Twice the programme's cost of one move beyond the change itself: 2 per step, 1 for up.
_COST2 = 2 * np.abs(_LADDER[:, None] - _LADDER[None, :]) + (_LADDER[None, :] < _LADDER[:, None])


def bounds(limits, n, rounding) -> np.ndarray:
    """Count each limit allows (``max``) or requires (``min``) in teams of ``n``, shape (limits,
    teams).

    Parameters
    ----------
    limits : sequence of Limit
    n : array-like of int
        Team sizes.
    rounding : dict
        ``{"maximum": ..., "minimum": ...}`` as in :class:`~kinerja_sim.rules.curve.Curve`.

    Returns
    -------
    numpy.ndarray
        Vectorised :meth:`Limit.bound`: ``quota(share, n)`` for a maximum; for a minimum the
        larger of its share's quota and ``min_count``, and 0 in an empty team.
    """
    n = np.atleast_1d(np.asarray(n, dtype=np.int64))
    out = np.empty((len(limits), len(n)), dtype=np.int64)
    for j, limit in enumerate(limits):
        if limit.kind == "max":
            out[j] = quota(limit.share, n, rounding["maximum"])
            continue
        share = quota(limit.share, n, rounding["minimum"]) if limit.share is not None else 0
        out[j] = np.where(n > 0, np.maximum(share, limit.min_count), 0)
    return out


def _masks(limits) -> np.ndarray:
    return np.array([limit.mask for limit in limits], dtype=np.int64).reshape(len(limits), _K)


def _shortfall(limits, counts, bound) -> np.ndarray:
    """Employees by which each team misses each limit (≤ 0 where it holds), shape (teams,
    limits).
    """
    have = counts @ _masks(limits).T
    sign = np.array([1 if limit.kind == "max" else -1 for limit in limits], dtype=np.int64)
    return (have - bound.T) * sign


def holds(limits, counts, rounding) -> np.ndarray:
    """Whether each row of ``counts`` (teams × 5) meets every limit."""
    counts = np.asarray(counts, dtype=np.int64).reshape(-1, _K)
    bound = bounds(limits, counts.sum(axis=1), rounding)
    return (_shortfall(limits, counts, bound) <= 0).all(axis=1)


@lru_cache(maxsize=256)
def _moves(limit) -> tuple[tuple[int, int], ...]:
    """(source, destination) pairs that fix ``limit``, cheapest first; ties: higher source first."""
    inside = limit.mask
    sources = _LADDER[inside] if limit.kind == "max" else _LADDER[~inside]
    targets = _LADDER[~inside] if limit.kind == "max" else _LADDER[inside]
    if len(targets) == 0:
        return ()
    pairs = [(int(c), int(targets[np.argmin(_COST2[c, targets])])) for c in sources]
    return tuple(sorted(pairs, key=lambda pair: (_COST2[pair], pair[0])))


def _greedy(counts, moves, need):
    """Fill ``need`` employees per team along ``moves`` in order, each source up to its count."""
    flows = np.zeros((len(counts), _K, _K), dtype=np.int64)
    left = need.copy()
    for c, d in moves:
        take = np.minimum(left, counts[:, c])
        flows[:, c, d] = take
        left -= take
    return flows, left


def _with_stays(flows, counts):
    """Put the employees who do not move on the diagonal."""
    stay = counts - flows.sum(axis=2)
    flows[:, _LADDER, _LADDER] += stay
    return flows


def fast_flows(limits, counts, rounding):
    """Optimal moves for the keys a closed form decides (see the module Notes).

    Parameters
    ----------
    limits : sequence of Limit
        The curve of one organisation predicate.
    counts : array-like of int, shape (keys, 5)
        Employees per predicate, best first, one row per key.
    rounding : dict
        ``{"maximum": ..., "minimum": ...}``.

    Returns
    -------
    flows : numpy.ndarray of int64, shape (keys, 5, 5)
        Row = from, column = to, diagonal = stay; meaningful only where ``decided``.
    decided : numpy.ndarray of bool, shape (keys,)
        True where the moves are proven optimal and meet every limit; the other keys need
        the integer programme.
    """
    counts = np.asarray(counts, dtype=np.int64).reshape(-1, _K)
    bound = bounds(limits, counts.sum(axis=1), rounding)
    short = _shortfall(limits, counts, bound)
    decided = (short <= 0).all(axis=1)
    flows = _with_stays(np.zeros((len(counts), _K, _K), dtype=np.int64), counts)
    for j, limit in enumerate(limits):
        rows = np.flatnonzero(~decided & (short[:, j] > 0))
        if len(rows) == 0:
            continue
        moved, left = _greedy(counts[rows], _moves(limit), short[rows, j])
        after = counts[rows] - moved.sum(axis=2) + moved.sum(axis=1)
        ok = (left == 0) & (_shortfall(limits, after, bound[:, rows]) <= 0).all(axis=1)
        flows[rows[ok]] = _with_stays(moved[ok], counts[rows[ok]])
        decided[rows[ok]] = True
    return flows, decided


def objective(flows, counts, limits, rounding) -> np.ndarray:
    """The integer programme's objective for each table of moves.

    Parameters
    ----------
    flows : array-like of int, shape (keys, 5, 5) or (5, 5)
    counts : array-like of int, shape (keys, 5) or (5,)
        Counts before the moves (the row sums of ``flows``).
    limits : sequence of Limit
    rounding : dict

    Returns
    -------
    numpy.ndarray of float, shape (keys,)
        ``outside × (change + 5)(n + 1) + moves × change + steps + ½ × moves up`` with
        ``change = 10 (n + 1)``, where ``outside`` sums by how much each limit is missed
        after the moves: the cost of ``_solve`` in :mod:`kinerja_sim.rules.curve`.
    """
    flows = np.asarray(flows, dtype=np.int64).reshape(-1, _K, _K)
    counts = np.asarray(counts, dtype=np.int64).reshape(-1, _K)
    n = counts.sum(axis=1)
    moving = flows * (1 - np.eye(_K, dtype=np.int64))
    after = flows.sum(axis=1)
    outside = np.maximum(_shortfall(limits, after, bounds(limits, n, rounding)), 0).sum(axis=1)
    change = 10 * (n + 1)
    doubled = (
        2 * outside * (change + 5) * (n + 1)
        + 2 * moving.sum(axis=(1, 2)) * change
        + (moving * _COST2).sum(axis=(1, 2))
    )
    return doubled / 2.0


_PAIRS = np.array([(c, d) for c in range(_K) for d in range(_K) if c != d], dtype=np.int64)
_MAX_PIVOTS = 200


def disjoint(limits) -> bool:
    """Whether no predicate appears in two limits (then the programme is a network flow)."""
    return bool((_masks(limits).sum(axis=0) <= 1).all())


def _tableau(limits, counts, rounding):
    """Simplex tableaux (keys × rows × columns) at the all-stay start, and its basis.

    Columns: the 20 moves, a slack per limit (employees outside it), a row slack per
    capacity row and per limit row, then the right-hand side. The last row holds the
    reduced costs and minus the objective.
    """
    m, n_lim = len(counts), len(limits)
    masks, n = _masks(limits), counts.sum(axis=1)
    is_max = np.array([limit.kind == "max" for limit in limits])
    rows, cols = _K + n_lim, len(_PAIRS) + 2 * n_lim + _K
    table = np.zeros((m, rows + 1, cols + 1))
    move = np.arange(len(_PAIRS))
    table[:, _PAIRS[:, 0], move] = 1.0
    table[:, _K:rows, : len(_PAIRS)] = (masks[:, _PAIRS[:, 1]] - masks[:, _PAIRS[:, 0]])[None]
    table[:, _K + np.arange(n_lim), len(_PAIRS) + np.arange(n_lim)] = np.where(is_max, -1.0, 1.0)
    table[:, np.arange(rows), len(_PAIRS) + n_lim + np.arange(rows)] = np.r_[
        np.ones(_K), np.where(is_max, 1.0, -1.0)
    ]
    need = (bounds(limits, n, rounding).T - counts @ masks.T).astype(float)
    table[:, :rows, -1] = np.column_stack([counts, need])
    outside = np.where(is_max, need < 0, need > 0)
    flip = np.column_stack([np.zeros((m, _K), bool), np.where(is_max, need < 0, need <= 0)])
    table[:, :rows] *= np.where(flip, -1.0, 1.0)[:, :, None]
    basis = np.column_stack(
        [
            len(_PAIRS) + n_lim + np.arange(_K)[None].repeat(m, 0),
            np.where(
                outside, len(_PAIRS) + np.arange(n_lim), len(_PAIRS) + n_lim + _K + np.arange(n_lim)
            ),
        ]
    )
    change = 10.0 * (n + 1)
    cost = np.zeros((m, cols))
    cost[:, : len(_PAIRS)] = change[:, None] + _COST2[_PAIRS[:, 0], _PAIRS[:, 1]][None] / 2.0
    cost[:, len(_PAIRS) : len(_PAIRS) + n_lim] = ((change + 5.0) * (n + 1))[:, None]
    table[:, -1, :-1] = cost
    basic_cost = np.take_along_axis(cost, basis, axis=1)
    table[:, -1] -= np.einsum("mr,mrc->mc", basic_cost, table[:, :rows])
    return table, basis


def _pivot(table, basis, keys, enter):
    """One simplex pivot per key in ``keys`` (Bland's rule: lowest basic index wins a ratio tie)."""
    column, rhs = table[keys, :-1, enter], table[keys, :-1, -1]
    ratio = np.where(column > 0, rhs / np.where(column > 0, column, 1.0), np.inf)
    lowest = ratio.min(axis=1, keepdims=True)
    leave = np.argmin(np.where(ratio == lowest, basis[keys], np.iinfo(np.int64).max), axis=1)
    row = table[keys, leave] / column[np.arange(len(keys)), leave][:, None]
    table[keys] -= table[keys, :, enter][:, :, None] * row[:, None, :]
    table[keys, leave] = row
    basis[keys, leave] = enter


def simplex_flows(limits, counts, rounding):
    """Optimal moves from the linear programme, solved for every key at once (Bland's rule).

    Parameters
    ----------
    limits : sequence of Limit
        Must be :func:`disjoint`: the programme is then a network flow problem, whose
        constraint matrix is totally unimodular, so every simplex vertex is whole and every
        tableau entry stays a small whole number (exact in floating point).
    counts : array-like of int, shape (keys, 5)
    rounding : dict

    Returns
    -------
    flows : numpy.ndarray of int64, shape (keys, 5, 5)
    decided : numpy.ndarray of bool, shape (keys,)
        True where the simplex ended optimal with whole moves whose :func:`objective`
        equals the optimum of the linear programme, a lower bound of the integer programme.

    Notes
    -----
    Start from "everybody stays" (employees outside a limit on its slack), enter the
    lowest-numbered column with a negative reduced cost. Bland's rule cannot cycle and its
    vertex depends on the key alone, which fixes the tie rule: among optima, the one this
    pivoting reaches.
    """
    counts = np.asarray(counts, dtype=np.int64).reshape(-1, _K)
    table, basis = _tableau(limits, counts, rounding)
    for _ in range(_MAX_PIVOTS):
        negative = table[:, -1, :-1] < -1e-9
        keys = np.flatnonzero(negative.any(axis=1))
        if len(keys) == 0:
            break
        _pivot(table, basis, keys, np.argmax(negative[keys], axis=1))
    values = np.zeros(table.shape[:1] + (table.shape[2] - 1,))
    np.put_along_axis(values, basis, table[:, :-1, -1], axis=1)
    moves = values[:, : len(_PAIRS)]
    flows = np.zeros((len(counts), _K, _K), dtype=np.int64)
    flows[:, _PAIRS[:, 0], _PAIRS[:, 1]] = np.round(moves).astype(np.int64)
    flows = _with_stays(flows, counts)
    optimal = ~(table[:, -1, :-1] < -1e-9).any(axis=1)
    whole = (np.abs(moves - np.round(moves)) < 1e-9).all(axis=1) & (flows >= 0).all(axis=(1, 2))
    exact = np.abs(objective(flows, counts, limits, rounding) + table[:, -1, -1]) < 1e-6
    return flows, optimal & whole & exact
