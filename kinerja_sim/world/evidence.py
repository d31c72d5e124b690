"""Evidence drawn from the latent truth: per-period performance, realisations and incidents.

What a case file shows a rater is drawn here, period by period (quarters by default):

- ``performance``: the level an employee shows in each period on each dimension (hidden
  from trainees): the true annual value, a personal trend over the year and period noise;
- realisations of every SKP indicator per period, driven by the result level;
- behaviour incidents (critical incidents) per BerAKHLAK value, positive ones more often
  at a high level and negative ones more often at a low level, in Bahasa Indonesia from
  ``data/incidents.yaml``.

All parameters are modelling choices (ASSUMPTION) listed in :data:`EVIDENCE`.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from kinerja_sim._core.data import read_yaml
from kinerja_sim._core.format import number
from kinerja_sim._core.validate import check_int, check_rng
from kinerja_sim.world.dimensions import (
    BERAKHLAK,
    DIMENSIONS,
    RESULT,
    SCALE_MAX,
    SCALE_MID,
    SCALE_MIN,
)
from kinerja_sim.world.offices import numbered_ids

__all__ = [
    "EVIDENCE",
    "PERIOD_NAMES",
    "achievement",
    "draw_evidence",
    "draw_performance",
    "period_name",
    "realisations",
]

EVIDENCE = {
    "trend_sd": 0.6,  # sd of an employee's change over the year, scale points
    "period_sd": 0.35,  # sd of period-to-period fluctuation around the trend
    "achievement_slope": 0.2,  # achievement = 1 + slope * (level - 3): 90%/110% at 2.5/3.5
    "achievement_sd": 0.04,  # indicator-specific noise of achievement per period
    "incident_rate": 0.35,  # expected incidents of each valence per value and period at level 3
    "incident_slope": 1.2,  # log-rate change per scale point
}

#: What a period is called in Bahasa Indonesia, by the number of periods in the year.
PERIOD_NAMES = {2: "Semester", 4: "Triwulan", 12: "Bulan"}


def period_name(periods: int) -> str:
    """The name of one of ``periods`` periods of a year: Triwulan, Semester, Bulan or Periode.

    Examples
    --------
    >>> period_name(4), period_name(12), period_name(2), period_name(6)
    ('Triwulan', 'Bulan', 'Semester', 'Periode')
    """
    return PERIOD_NAMES.get(check_int("periods", periods, minimum=1), "Periode")


def draw_performance(truth: pd.DataFrame, employee_ids, *, periods: int, rng) -> pd.DataFrame:
    """Per-period levels: ``employee_id``, ``period``, ``dimension``, ``level``.

    Notes
    -----
    level[e, d, t] = true[e, d] + trend[e] ((t − 1)/(P − 1) − 1/2) + ε[e, d, t], with
    trend ~ N(0, trend_sd²) shared by the dimensions and ε ~ N(0, period_sd²); the trend
    is centred, so a rater who weighs every period equally is unbiased.
    """
    rng = check_rng(rng)
    periods = check_int("periods", periods, minimum=2)
    true = truth[[f"true_{d}" for d in DIMENSIONS]].to_numpy(dtype=float)
    n = len(true)
    position = np.arange(periods) / max(periods - 1, 1) - 0.5
    trend = EVIDENCE["trend_sd"] * rng.standard_normal(n)
    noise = EVIDENCE["period_sd"] * rng.standard_normal((n, len(DIMENSIONS), periods))
    level = true[:, :, None] + trend[:, None, None] * position + noise
    level = np.clip(level, SCALE_MIN, SCALE_MAX).round(3)
    return pd.DataFrame(
        {
            "employee_id": np.repeat(
                np.asarray(employee_ids, dtype=object), len(DIMENSIONS) * periods
            ),
            "period": np.tile(np.arange(1, periods + 1), n * len(DIMENSIONS)),
            "dimension": np.tile(np.repeat(np.asarray(DIMENSIONS, dtype=object), periods), n),
            "level": level.ravel(),
        }
    ).astype({"employee_id": str, "dimension": str})


def achievement(target, realisation, direction) -> np.ndarray:
    """Capaian: realisation/target, or 2 − realisation/target where lower is better.

    Examples
    --------
    >>> achievement([100, 5], [110, 4], ["higher", "lower"]).tolist()
    [1.1, 1.2]
    """
    ratio = np.asarray(realisation, dtype=float) / np.asarray(target, dtype=float)
    return np.where(np.asarray(direction) == "lower", 2 - ratio, ratio).round(12)


def _period_realisations(indicators, performance, periods, rng) -> pd.DataFrame:
    """One row per indicator and period with the realisation."""
    result = performance[performance["dimension"] == RESULT].set_index(["employee_id", "period"])[
        "level"
    ]
    rows = indicators.loc[np.repeat(indicators.index.to_numpy(), periods)].reset_index(drop=True)
    rows["period"] = np.tile(np.arange(1, periods + 1), len(indicators))
    level = result.reindex(pd.MultiIndex.from_frame(rows[["employee_id", "period"]])).to_numpy()
    gain = (
        1
        + EVIDENCE["achievement_slope"] * (level - SCALE_MID)
        + EVIDENCE["achievement_sd"] * rng.standard_normal(len(rows))
    )
    gain = np.clip(gain, 0.05, 1.95)
    target = rows["target"].to_numpy(dtype=float)
    per_period = np.where(rows["aggregation"] == "sum", target / periods, target)
    value = np.where(rows["direction"] == "lower", per_period * (2 - gain), per_period * gain)
    value = np.where(rows["unit"] == "%", np.minimum(value, 100.0), value)
    whole = (rows["aggregation"] == "sum") & (rows["unit"] != "%")
    rows["value"] = np.where(whole, np.round(value), np.round(value, 1))
    rows["period_target"] = np.where(whole, np.round(per_period), np.round(per_period, 1))
    return rows


def realisations(period_rows: pd.DataFrame) -> pd.Series:
    """Annual realisation per indicator: the sum or the mean over periods, by aggregation."""
    grouped = period_rows.groupby("indicator_id", sort=True)
    total, mean = grouped["value"].sum(), grouped["value"].mean()
    aggregation = grouped["aggregation"].first()
    return pd.Series(
        np.where(aggregation == "sum", total, mean.round(2)), index=total.index, name="realisation"
    )


def _number(values) -> pd.Series:
    """Numbers as Indonesian text (one decimal at most, ``3.020,4``; ``45``), by the one
    formatter; case-file text is Bahasa Indonesia whatever the interface language."""
    values = pd.Series(np.asarray(values, dtype=float))
    text = {value: number(value, 1, lang="id") for value in values.unique()}
    return values.map(text)


@cache
def _incident_templates() -> dict:
    """``data/incidents.yaml``: per BerAKHLAK value, positive and negative incident texts."""
    return read_yaml("incidents.yaml")


def _incidents(performance, periods, rng) -> pd.DataFrame:
    """Positive and negative incidents per employee, BerAKHLAK value and period."""
    behaviour = performance[performance["dimension"] != RESULT].reset_index(drop=True)
    deviation = behaviour["level"].to_numpy() - SCALE_MID
    rate = EVIDENCE["incident_rate"]
    slope = EVIDENCE["incident_slope"]
    positive = rng.poisson(rate * np.exp(slope * deviation))
    negative = rng.poisson(rate * np.exp(-slope * deviation))
    counts = np.r_[positive, negative]
    source = np.tile(np.arange(len(behaviour)), 2)
    valence = np.r_[np.ones(len(behaviour), int), -np.ones(len(behaviour), int)]
    row = np.repeat(source, counts)
    value = np.repeat(valence, counts)
    rows = behaviour.loc[row, ["employee_id", "period", "dimension"]].reset_index(drop=True)
    rows["value"] = value.astype(float)
    rows["text"] = _incident_texts(rows, value, rng)
    return rows


def _incident_texts(rows, valence, rng) -> np.ndarray:
    """A template text for each incident of its value and valence.

    Incidents of one employee, period, value and valence take consecutive templates from a
    random starting point, so a case file does not repeat a text within a period (as long
    as there are no more incidents than templates).
    """
    templates = _incident_templates()
    dimension = rows["dimension"].to_numpy()
    group = pd.Series(valence).groupby(
        [rows["employee_id"].to_numpy(), rows["period"].to_numpy(), dimension, valence]
    )
    within = group.cumcount().to_numpy()
    start = group.ngroup().to_numpy()
    offsets = rng.integers(0, 2**31, size=start.max() + 1 if len(start) else 0)
    text = np.empty(len(dimension), dtype=object)
    for key in BERAKHLAK:
        for sign, name in ((1, "positive"), (-1, "negative")):
            options = np.asarray(templates[key][name], dtype=object)
            chosen = (dimension == key) & (valence == sign)
            text[chosen] = options[(offsets[start[chosen]] + within[chosen]) % len(options)]
    return text


def draw_evidence(indicators, performance, *, periods: int, rng):
    """The evidence table and each indicator's annual realisation.

    Returns
    -------
    evidence : DataFrame
        ``evidence_id``, ``employee_id``, ``period``, ``kind`` ("realisasi" or "insiden"),
        ``dimension``, ``indicator_id`` (realisasi only, else empty), ``value`` (the
        realisation, or +1/−1 for a positive/negative incident) and ``text``.
    realisation : Series
        Annual realisation per ``indicator_id``.
    """
    rng = check_rng(rng)
    periods = check_int("periods", periods, minimum=2)
    realised = _period_realisations(indicators, performance, periods, rng)
    realised["text"] = _realisation_texts(realised, periods)
    realised["kind"] = "realisasi"
    realised["dimension"] = RESULT
    incidents = _incidents(performance, periods, rng)
    incidents["kind"] = "insiden"
    incidents["indicator_id"] = ""
    columns = ["employee_id", "period", "kind", "dimension", "indicator_id", "value", "text"]
    evidence = pd.concat([realised[columns], incidents[columns]], ignore_index=True)
    evidence = evidence.sort_values(
        ["employee_id", "period", "kind", "indicator_id"], kind="stable", ignore_index=True
    )
    evidence.insert(0, "evidence_id", numbered_ids("B", len(evidence), 6))
    evidence = evidence.astype(
        {
            "evidence_id": str,
            "employee_id": str,
            "kind": str,
            "dimension": str,
            "indicator_id": str,
            "text": str,
        }
    )
    return evidence, realisations(realised)


def _realisation_texts(rows, periods) -> np.ndarray:
    """'Triwulan 2: 45 dokumen (target triwulan 50 dokumen) — <IKI>' in Bahasa Indonesia.

    The period is named by :func:`period_name` (``Bulan 3`` with 12 periods). Case-file text
    is data in Bahasa Indonesia (like the incidents), not interface text.
    """
    name = period_name(periods)
    unit = rows["unit"].astype(str)
    unit = unit.where(unit == "%", " " + unit).reset_index(drop=True)
    value = _number(rows["value"]) + unit
    target = _number(rows["period_target"]) + unit
    text = (
        name
        + " "
        + rows["period"].astype(str).reset_index(drop=True)
        + ": "
        + value
        + f" (target {name.lower()} "
        + target
        + ") — "
        + rows["iki"].astype(str).reset_index(drop=True)
    )
    return text.to_numpy(dtype=object)
