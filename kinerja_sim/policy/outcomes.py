"""Outcomes of a simulated appraisal: distribution, accuracy, fairness and cost.

Every outcome is computed from the per-office counts of ``kinerja_sim.policy.engine``
and the 5 × 5 table of true against given predicates, so chunks simply add up.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kinerja_sim._core.format import SCALES, number, percent
from kinerja_sim._core.i18n import get_language, t
from kinerja_sim.policy.engine import OUTCOME_KEYS

__all__ = [
    "METRICS",
    "RANGE_DIGITS",
    "format_range",
    "format_significant",
    "format_value",
    "is_share",
    "leniency_share",
    "leniency_share_predicate",
    "metric_labels",
    "scale_of",
    "metrics_for",
    "summarise",
]

#: Outcome name -> area. Labels are in the message catalogue (``policy.metric.<name>``).
METRICS = {
    **{f"share_{key}": "distribution" for key in OUTCOME_KEYS},
    "agreement": "accuracy",
    "kappa_quadratic": "accuracy",
    "top_recall": "accuracy",
    "wrong_negative": "accuracy",
    "leniency_share": "fairness",
    "leniency_share_predicate": "fairness",
    "curve_changed": "rules",
    "tpp_per_employee": "cost",
    "tpp_total": "cost",
    "tukin_per_employee": "cost",
    "tukin_total": "cost",
    "incentive_total": "cost",
    "angka_kredit_per_fungsional": "cost",
    "angka_kredit_total": "cost",
}


#: Significant figures of every printed range over the assumptions (and of the value shown
#: beside it): the range is a judgement about ASSUMPTIONs, so more digits claim a precision
#: it does not have.
RANGE_DIGITS = 3
_SHARES = ("share_", "agreement", "top_", "wrong_", "curve_", "leniency_")
_MONEY = ("tpp_", "tukin_", "incentive_")


#: Outcomes of the score-based regimes only (PP 46/2011, PP 30/2019): the final value.
SCORE_METRICS = {"score_mean": "distribution", "score_sd": "distribution"}


def metrics_for(keys=OUTCOME_KEYS, *, scored: bool = False) -> dict:
    """Outcome name -> area for a regime whose categories have these keys.

    PermenPAN-RB 6/2022 gives :data:`METRICS`; a score-based regime has one share per
    category of its own and the mean and standard deviation of the final value.

    Examples
    --------
    >>> list(metrics_for(("sangat_baik", "baik", "cukup", "kurang", "buruk"), scored=True))[:3]
    ['share_sangat_baik', 'share_baik', 'share_cukup']
    """
    shares = {f"share_{key}": "distribution" for key in keys}
    rest = {name: area for name, area in METRICS.items() if not name.startswith("share_")}
    return {**shares, **(SCORE_METRICS if scored else {}), **rest}


def metric_labels(lang=None, metrics=None) -> pd.Series:
    """Readable label of each outcome (Bahasa Indonesia by default)."""
    names = list(METRICS) if metrics is None else list(metrics)
    return pd.Series({name: t(f"policy.metric.{name}", lang) for name in names}, name="label")


def leniency_share(offices: pd.DataFrame) -> float:
    """Share of the between-office variance of mean rated scores that comes from rater leniency.

    Notes
    -----
    Computed on the scores, before the distribution curve (which moves predicates, not
    scores); :func:`leniency_share_predicate` is its counterpart on the predicates the rules
    give. Office means of the composite score ``(hasil kerja + perilaku) / 2`` split into the
    true mean ``t`` and the leniency ``l = rated − true`` (the raters' distortion, after
    any calibration). The share is ``Var(l) / (Var(t) + Var(l))``, weighted by office
    size: 0 when offices are rated exactly as they perform, near 1 when the differences
    between offices' ratings are mostly distortion (ASSUMPTION: one decomposition among
    several; it ignores the covariance of ``t`` and ``l`` so that it stays within 0–1).

    Examples
    --------
    >>> offices = pd.DataFrame({"n": [10, 10], "sum_true_score": [30.0, 40.0],
    ...                         "sum_rated_score": [30.0, 50.0]})
    >>> leniency_share(offices)
    0.5
    """
    return _split_share(offices["n"], offices["sum_true_score"], offices["sum_rated_score"])


def _split_share(n, true_sum, rated_sum) -> float:
    """``Var(l) / (Var(t) + Var(l))`` of office means ``t = true_sum / n`` and ``l = rated − t``,
    weighted by office size (offices without staff left out)."""
    n = np.asarray(n, dtype=float)
    keep = n > 0
    n = n[keep]
    true = np.asarray(true_sum, dtype=float)[keep] / n
    rated = np.asarray(rated_sum, dtype=float)[keep] / n
    w = n / n.sum()
    lenient = rated - true
    var_true, var_lenient = w @ (true - w @ true) ** 2, w @ (lenient - w @ lenient) ** 2
    total = var_true + var_lenient
    return float(var_lenient / total) if total > 0 else float("nan")


def leniency_share_predicate(offices: pd.DataFrame, keys=OUTCOME_KEYS) -> float:
    """The fairness share of :func:`leniency_share` on the predicates the rules give, curve
    included.

    Notes
    -----
    Each category gets its rank ``r`` (``K − 1`` for the best of the ``K`` categories, 0 for the
    lowest: Sangat Baik 4 … Sangat Kurang 0 under PermenPAN-RB 6/2022). Per office, the mean rank
    of the true predicates ``t`` and of the given ones (after calibration and after the curve,
    where the scenario applies them) split into ``t`` and ``l = given − true``; the share is
    ``Var(l) / (Var(t) + Var(l))`` weighted by office size, as for the scores. It reads: of the
    differences between offices in the predicates people get, which part comes from how they are
    rated rather than from how they perform. Unlike :func:`leniency_share` (on the scores, which
    the curve does not change), it moves when the curve reassigns predicates.

    The counts come from the joint columns ``n_<true>__<rated>``
    (``kinerja_sim.policy.engine.joint_columns``). ASSUMPTION: the rank treats the categories as
    equally spaced, as the quadratic kappa does; covariance of ``t`` and ``l`` left out as above.

    Examples
    --------
    >>> offices = pd.DataFrame({"n_baik__baik": [5, 0], "n_baik__kurang": [0, 5],
    ...                         "n_kurang__baik": [0, 0], "n_kurang__kurang": [5, 5]})
    >>> leniency_share_predicate(offices, ("baik", "kurang"))
    1.0
    """
    size = len(keys)
    rank = np.arange(size)[::-1].astype(float)
    columns = [f"n_{a}__{b}" for a in keys for b in keys]
    if not set(columns) <= set(offices.columns):
        return float("nan")
    joint = offices[columns].to_numpy(dtype=float).reshape(-1, size, size)
    n = joint.sum(axis=(1, 2))
    true_sum = joint.sum(axis=2) @ rank
    rated_sum = joint.sum(axis=1) @ rank
    return _split_share(n, true_sum, rated_sum)


def _kappa(confusion) -> float:
    """Quadratic-weighted kappa of the 5 × 5 table
    (:func:`kinerja_sim.metrics.kappa_from_table`)."""
    from kinerja_sim.metrics import kappa_from_table  # imported on first use: the metrics are heavy

    return kappa_from_table(confusion, weights="quadratic")


def summarise(offices: pd.DataFrame, confusion, keys=OUTCOME_KEYS) -> dict:
    """Every outcome of :func:`metrics_for` ``keys`` for one simulated workforce.

    Parameters
    ----------
    offices : DataFrame
        Per-office counts (``Simulation.offices``).
    confusion : array, shape (5, 5)
        True (rows) against given (columns) predicates.
    keys : sequence of str
        Keys of the regime's categories (``n_<key>`` columns), best first.

    Returns
    -------
    dict
        Outcome name -> value. Shares are 0–1; ``tpp_*`` in Rupiah per year;
        ``angka_kredit_*`` in credit points per year.
    """
    total = offices.sum(numeric_only=True)
    n = float(total["n"])
    out = {f"share_{key}": total[f"n_{key}"] / n for key in keys}
    if "sum_score" in total:
        mean = total["sum_score"] / n
        out["score_mean"] = mean
        out["score_sd"] = np.sqrt(
            max(total["sum_score_sq"] / n - mean * mean, 0.0) * n / max(n - 1, 1)
        )
    out.update(
        {
            "agreement": total["n_agree"] / n,
            "kappa_quadratic": _kappa(confusion),
            "top_recall": _ratio(total["n_top_rated_top"], total["n_true_top"]),
            "wrong_negative": _ratio(total["n_wrong_negative"], total["n_true_not_negative"]),
            "leniency_share": leniency_share(offices),
            "leniency_share_predicate": leniency_share_predicate(offices, keys),
            "curve_changed": total["n_curve_changed"] / n,
            **_incentives(offices, total),
            "angka_kredit_per_fungsional": _ratio(total["angka_kredit"], total["n_fungsional"]),
            "angka_kredit_total": float(total["angka_kredit"]),
        }
    )
    return {name: float(value) for name, value in out.items()}


def _incentives(offices, total) -> dict:
    """TPP per regional employee, tunjangan kinerja per central one, and their totals.

    Without a ``regime`` column every employee is paid TPP (a region's own units); a regime
    with no employee gives NaN (its lines are not printed).
    """
    regime = offices["regime"].astype(str) if "regime" in offices else None
    n_tpp = float(total["n"]) if regime is None else float(offices["n"][regime == "tpp"].sum())
    n_tukin = 0.0 if regime is None else float(offices["n"][regime == "tukin"].sum())
    tpp = float(total["tpp_cost"]) if n_tpp else float("nan")
    tukin = float(total.get("tukin_cost", 0.0)) if n_tukin else float("nan")
    return {
        "tpp_per_employee": _ratio(tpp, n_tpp),
        "tpp_total": tpp,
        "tukin_per_employee": _ratio(tukin, n_tukin),
        "tukin_total": tukin,
        "incentive_total": np.nansum([tpp, tukin]),
    }


def _ratio(a, b) -> float:
    return float(a) / float(b) if b else float("nan")


def format_value(metric: str, value: float, lang=None) -> str:
    """A readable value: shares in percent, Rupiah and credit points with thousands separators.

    Examples
    --------
    >>> format_value("agreement", 0.52056, "id"), format_value("tpp_total", 1.2345e12, "en")
    ('52,1%', '1,234,500,000,000')
    """
    if value != value:
        return "-"
    if is_share(metric):
        return percent(value, 1, lang=lang)
    decimals = _decimals(metric)
    return (
        number(value, decimals, trim=False, lang=lang) if decimals else number(value, 0, lang=lang)
    )


def is_share(metric: str) -> bool:
    """Whether ``metric`` is a share (printed in percent)."""
    return metric.startswith(_SHARES)


def _decimals(metric: str) -> int:
    """The most decimals :func:`format_value` shows for ``metric`` (percent points for shares)."""
    if is_share(metric):
        return 1
    if metric == "kappa_quadratic":
        return 3
    if metric.startswith(("angka_kredit_per", "score_")):
        return 2
    return 0


def _significant(value: float, most: int) -> tuple[float, int]:
    """``value`` rounded to :data:`RANGE_DIGITS` significant figures, never to more than
    ``most`` decimals, and the decimals left to show (zero: ``min(most, 1)``, as ``0,0%``)."""
    if value == 0 or not math.isfinite(value):
        return value, min(most, 1)
    figures = RANGE_DIGITS - 1 - math.floor(math.log10(abs(value)))
    decimals = min(most, figures)
    rounded = round(value, decimals)
    if decimals == figures and rounded and abs(rounded) >= 10 ** (RANGE_DIGITS - decimals):
        decimals -= 1  # 9,996 -> 10,0: the figures, not the decimals, were the limit
        rounded = round(value, decimals)
    return float(rounded), max(decimals, 0)


def _plain(value: float, most: int, lang) -> str:
    rounded, decimals = _significant(value, most)
    return number(rounded, decimals, trim=False, lang=lang)


def scale_of(*values, lang=None) -> tuple:
    """Divisor and word (juta, miliar, triliun) of the largest of ``values`` (NaN left out); (1, "")
    below a million: one unit for a whole range or table cell."""
    size = max((abs(v) for v in values if v == v), default=0.0)
    words = SCALES.get(lang or get_language(), SCALES["id"])
    return next(((scale, word) for scale, word in words if size >= scale), (1.0, ""))


def format_significant(metric: str, value: float, lang=None) -> str:
    """A value at :data:`RANGE_DIGITS` significant figures, in the unit of :func:`format_range`.

    Examples
    --------
    >>> format_significant("incentive_total", 3_341_364_900_000, "id")
    'Rp3,34 triliun'
    >>> format_significant("agreement", 0.69734, "id"), format_significant("count", 1_453_022, "id")
    ('69,7%', '1.450.000')
    """
    if value != value:
        return "-"
    if metric.startswith(_MONEY):
        scale, word = scale_of(value, lang=lang)
        return f"Rp{_plain(value / scale, 0 if scale == 1 else 2, lang)}{' ' * bool(word)}{word}"
    if is_share(metric):
        return f"{_plain(100 * value, 1, lang)}%"
    return _plain(value, _decimals(metric), lang)


def format_range(metric: str, low: float, high: float, lang=None) -> str:
    """A range over the assumptions at :data:`RANGE_DIGITS` significant figures: ``low–high``.

    Rupiah take one scale word for both ends (``Rp2,53–4,69 triliun``), shares at most one
    decimal, counts their three leading figures (``1.450.000``).

    Examples
    --------
    >>> format_range("incentive_total", 2_527_361_702_128, 4_692_468_085_106, "id")
    'Rp2,53–4,69 triliun'
    >>> format_range("incentive_total", 812_345_678_901, 1.25e12, "en")
    'Rp0.812–1.25 trillion'
    >>> format_range("share_baik", 0.70612, 0.89071, "id")
    '70,6%–89,1%'
    >>> format_range("kappa_quadratic", 0.2204, 0.6219, "id")
    '0,220–0,622'
    """
    if low != low or high != high:
        return "-"
    if metric.startswith(_MONEY):
        scale, word = scale_of(low, high, lang=lang)
        most = 0 if scale == 1 else 3
        ends = "–".join(_plain(v / scale, most, lang) for v in (low, high))
        return f"Rp{ends}{' ' * bool(word)}{word}"
    return f"{format_significant(metric, low, lang)}–{format_significant(metric, high, lang)}"
