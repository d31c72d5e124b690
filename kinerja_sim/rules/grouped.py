"""The distribution curve on many offices at once: the national path's curve check.

``kinerja_sim.rules`` owns the curve (its limits, rounding and enforcement); this module
gives what the national path needs around it: a vectorised check of the predicate counts
of every office (each limit's bound from ``Limit.bound``, computed once per distinct team
size), and enforcement that sends only the offices that break the curve to
``RuleSet.enforce_curve_by``. (It lived in ``kinerja_sim.rules.grouped``, which still
names both functions.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim.rules._common import PREDICATES

__all__ = ["curve_ok", "enforce"]

_K = len(PREDICATES)


def curve_ok(rule_set, counts, organisation) -> np.ndarray:
    """Whether each office's predicate counts meet the curve of its organisation predicate.

    Parameters
    ----------
    rule_set : a ``permenpanrb-6-2022`` rule set
    counts : array of int, shape (G, 5)
        Employees per predicate (``PREDICATES`` order) in each office.
    organisation : array of str, shape (G,)

    Returns
    -------
    numpy.ndarray of bool, shape (G,)

    Examples
    --------
    >>> import numpy as np
    >>> from kinerja_sim import rules
    >>> rs = rules.load("permenpanrb-6-2022")
    >>> counts = np.array([[0, 6, 1, 0, 0], [0, 4, 3, 0, 0]])
    >>> curve_ok(rs, counts, np.array(["Baik", "Baik"])).tolist()
    [False, True]
    """
    counts = np.asarray(counts)
    organisation = np.asarray(organisation, dtype=object)
    sizes = counts.sum(axis=1)
    ok = np.ones(len(counts), dtype=bool)
    curve = rule_set.curve
    for name in pd.unique(organisation):
        rows = np.flatnonzero(organisation == name)
        distinct, inverse = np.unique(sizes[rows], return_inverse=True)
        for limit in curve.limits(name):
            have = counts[rows][:, limit.mask].sum(axis=1)
            bound = np.array([limit.bound(int(n), curve.rounding) for n in distinct])[
                inverse.ravel()
            ]
            ok[rows] &= (have <= bound) if limit.kind == "max" else (have >= bound)
    return ok


def enforce(rule_set, office, predicate, rank, organisation):
    """Enforce the curve per office; only offices that break it are changed.

    Parameters
    ----------
    office : array of int, shape (n,)
        Office code of each employee, 0..G−1.
    predicate : array of int, shape (n,)
        Predicate codes (``PREDICATES`` order).
    rank : array of float, shape (n,)
        Higher is better.
    organisation : array of str, shape (G,)
        Organisation predicate of each office.

    Returns
    -------
    new : numpy.ndarray of int, shape (n,)
        Predicate codes after enforcement.
    feasible : numpy.ndarray of bool, shape (G,)
        Whether the office's curve could be met.
    """
    groups = len(organisation)
    counts = np.bincount(office * _K + predicate, minlength=groups * _K).reshape(groups, _K)
    broken = ~curve_ok(rule_set, counts, organisation)
    new = predicate.copy()
    feasible = np.ones(groups, dtype=bool)
    rows = np.flatnonzero(broken[office])
    if len(rows) == 0:
        return new, feasible
    labels, org_codes = pd.factorize(np.asarray(organisation, dtype=object))
    frame = pd.DataFrame(
        {
            "office": office[rows],
            "predicate": pd.Categorical.from_codes(predicate[rows], PREDICATES),
            "rank": rank[rows],
            "organisation": pd.Categorical.from_codes(labels[office[rows]], org_codes),
        }
    )
    out = rule_set.enforce_curve_by(frame, by="office", organisation="organisation")
    new[rows] = pd.Index(PREDICATES).get_indexer(
        np.asarray(out["enforced_predicate"], dtype=object)
    )
    feasible[office[rows]] = out["curve_feasible"].to_numpy(dtype=bool)
    return new, feasible
