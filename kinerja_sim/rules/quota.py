"""Whole numbers of employees for a share of a team: the rounding of the curve's quotas.

How shares of a small team round is not fixed by any source (ASSUMPTION, configurable in
the rule file's ``curve.rounding``). Both :mod:`kinerja_sim.rules.curve` and its fast
paths (:mod:`kinerja_sim.rules._curve_fast`) use this one function.
"""

from __future__ import annotations

import numpy as np

from kinerja_sim._core.validate import check_choice

__all__ = ["ROUNDING", "quota"]

ROUNDING = ("floor", "round", "ceil")
_EPS = 1e-9


def quota(share: float, n, rounding: str):
    """Whole number of employees for ``share`` of ``n`` (``floor``, ``round`` half up, ``ceil``).

    Examples
    --------
    >>> quota(0.7, 7, "floor"), quota(0.7, 7, "round"), quota(0.7, 7, "ceil")
    (4, 5, 5)
    >>> quota(0.1, 30, "ceil")  # 0.1 × 30 is 3.0000000000000004 in floating point
    3
    """
    exact = share * np.asarray(n, dtype=float)
    out = {
        "floor": np.floor(exact + _EPS),
        "round": np.floor(exact + 0.5 + _EPS),
        "ceil": np.ceil(exact - _EPS),
    }[check_choice("rounding", rounding, ROUNDING)]
    return int(out) if out.ndim == 0 else out.astype(np.int64)
