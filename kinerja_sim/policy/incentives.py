"""Incentives as they are paid: TPP for regional ASN, tunjangan kinerja for central agencies.

The engine prices every employee with the scenario's TPP mapping (``tpp_cost``). The
national world knows each office's pay regime (column ``regime`` of
``kinerja_sim.policy.population``); :func:`price` then keeps ``tpp_cost`` for the regional
offices only and prices the central agencies' offices with the tunjangan kinerja mapping
(``tukin_cost``), from the per-office counts of each category. The mappings and their sources
are in ``kinerja_sim/data/insentif.yaml``:

- TPP (regional, ``regime == "tpp"``): the scenario's ``tpp`` shares of ``tpp_base``
  (ASSUMPTION: each Perkada sets its own; PP 12/2019 Pasal 58).
- Tunjangan kinerja (central, ``regime == "tukin"``): full for Sangat Baik and Baik, 90%
  for Butuh Perbaikan, 85% for Kurang/Misconduct, 80% for Sangat Kurang (Permen LHK 6/2024
  Pasal 19, one ministry's rule taken for all: ASSUMPTION), of a base of Rp 4,5 juta a month
  (ASSUMPTION). A scenario may carry ``tukin`` and ``tukin_base`` of its own.

Under PP 46/2011 and PP 30/2019 each category is paid as the PermenPAN-RB 6/2022 predicate
of the same rank (their rule files' ``outcomes`` mapping, as for TPP in the engine).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from kinerja_sim._core.data import read_yaml
from kinerja_sim.rules import PREDICATES

__all__ = ["COST_COLUMNS", "incentive_rules", "pay_per_category", "price", "tukin_mapping"]

#: Per-office cost columns by regime.
COST_COLUMNS = {"tpp": "tpp_cost", "tukin": "tukin_cost"}


@lru_cache(maxsize=1)
def incentive_rules() -> dict:
    """The two pay regimes as documented in ``kinerja_sim/data/insentif.yaml``."""
    return read_yaml("insentif.yaml")


def tukin_mapping() -> tuple[dict, float]:
    """The default tunjangan kinerja: share per predicate and base (Rupiah per month).

    Examples
    --------
    >>> shares, base = tukin_mapping()
    >>> shares["Baik"], shares["Sangat Kurang"], base
    (1.0, 0.8, 4500000.0)
    """
    tukin = incentive_rules()["tukin"]
    return {p: float(tukin["share"][p]) for p in PREDICATES}, float(tukin["base"])


def _equivalent(scenario) -> np.ndarray:
    """The 6/2022 predicate code of each of the scenario's categories."""
    from kinerja_sim.policy.engine import is_scored

    if not is_scored(scenario.rule_set):
        return np.arange(len(PREDICATES))
    from kinerja_sim.rules._scored import predicate_codes_2022

    return np.asarray(predicate_codes_2022(scenario.rule_set))


def pay_per_category(scenario, regime: str, *, shares=None, base=None) -> np.ndarray:
    """Rupiah per year for each of ``scenario.categories`` under ``regime`` ("tpp" or "tukin").

    ``shares`` (predicate -> share of the base) and ``base`` (Rupiah per month) replace the
    regime's mapping: the sensitivity study prices the same run under a varied tukin mapping
    (``kinerja_sim.policy.assumptions``, ``tukin_cut`` and ``tukin_base``).

    Examples
    --------
    >>> from kinerja_sim.policy.scenario import Scenario
    >>> pay_per_category(Scenario(), "tukin")[[0, 2]].tolist()
    [54000000.0, 48600000.0]
    """
    if regime == "tpp":
        own, own_base = scenario.tpp, scenario.tpp_base
    elif regime == "tukin":
        default, default_base = tukin_mapping()
        own = getattr(scenario, "tukin", None) or default
        own_base = getattr(scenario, "tukin_base", None) or default_base
    else:
        raise ValueError(f"regime must be 'tpp' or 'tukin', got {regime!r}")
    shares = own if shares is None else shares
    base = own_base if base is None else base
    per_predicate = np.array([shares[p] for p in PREDICATES], dtype=float) * base * 12
    return per_predicate[_equivalent(scenario)]


def price(offices: pd.DataFrame, scenario, keys) -> pd.DataFrame:
    """``offices`` with ``tpp_cost`` for regional offices only and ``tukin_cost`` for central ones.

    Parameters
    ----------
    offices : DataFrame
        Per-office counts (``n_<key>`` per category) with a ``regime`` column; without one the
        table is returned unchanged (every office paid TPP, as in a region's own simulation).
    scenario : Scenario
    keys : sequence of str
        The regime's category keys, best first.

    Returns
    -------
    DataFrame
        A copy: ``tpp_cost`` (and ``tpp_cost_before_curve`` where present) 0 for central
        offices; ``tukin_cost`` (Rupiah per year) the tunjangan kinerja of each central office,
        0 for regional ones.
    """
    if "regime" not in offices:
        return offices
    counts = offices[[f"n_{key}" for key in keys]].to_numpy(dtype=float)
    central = (offices["regime"].astype(str) == "tukin").to_numpy()
    out = offices.copy()
    for column in ("tpp_cost", "tpp_cost_before_curve"):
        if column in out:
            out[column] = np.where(central, 0.0, out[column].to_numpy(dtype=float))
    out["tukin_cost"] = np.where(central, counts @ pay_per_category(scenario, "tukin"), 0.0)
    return out
