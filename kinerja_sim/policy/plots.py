"""Plots of policy results for the notebook and the HTML report (matplotlib).

Kept here, not in the notebook, so that a lesson cell is one call and the report and the
lesson draw the same pictures.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from kinerja_sim._core.format import number
from kinerja_sim._core.validate import check_rng

__all__ = ["plot_breakdown", "plot_offices", "plot_outcomes"]


def _unit(metric: str, values, percent: bool):
    """Divisor and unit text: shares in percent, Rupiah in juta or triliun, counts as they are."""
    if metric in ("tpp_total", "tukin_total", "incentive_total"):
        return 1e12, "triliun Rp per tahun"
    if metric.startswith(("tpp", "tukin")):
        return 1e6, "juta Rp per tahun"
    if percent and values.abs().max() <= 1.0 and not metric.startswith(("kappa", "score_")):
        return 0.01, "%"
    return 1.0, ""


def _indonesian(value, _position=None) -> str:
    """Tick text with Indonesian separators (``1.234,5``), no scientific notation."""
    return number(value, 1 if abs(value) < 100 else 0, lang="id")


def plot_outcomes(
    table: pd.DataFrame, metrics, *, ax=None, percent: bool = True, title=None, order=None
):
    """Horizontal bars of each scenario's estimate with its confidence interval, one panel per
    outcome.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`~kinerja_sim.policy.compare`.
    metrics : list of str
        Outcomes to draw (names in ``METRICS``).
    ax : array of matplotlib Axes, optional
    percent : bool
        Show 0–1 shares as percent.
    order : list of str, optional
        Scenario order, top to bottom, the same in every panel and every plot (default: the
        order in which the scenarios first appear in ``table``, the study's order).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    metrics = list(metrics)
    order = list(order) if order is not None else list(dict.fromkeys(table["scenario"]))
    if ax is None:
        height = 0.5 + 0.45 * table["scenario"].nunique()
        fig, ax = plt.subplots(
            1, len(metrics), figsize=(4.2 * len(metrics), height), sharey=True, squeeze=False
        )
        ax = ax[0]
    fig = np.atleast_1d(ax)[0].figure
    for axis, metric in zip(np.atleast_1d(ax), metrics):
        rows = table[table["metric"] == metric].set_index("scenario").reindex(order)
        rows = rows.dropna(subset=["estimate"]).reset_index()
        scale, unit = _unit(metric, rows["estimate"], percent)
        y = np.arange(len(rows))
        error = (
            np.vstack([rows["estimate"] - rows["ci_low"], rows["ci_high"] - rows["estimate"]])
            / scale
        )
        axis.barh(
            y, rows["estimate"] / scale, xerr=np.nan_to_num(error), color="#4C72B0", capsize=3
        )
        axis.set_yticks(y, rows["scenario"])
        axis.invert_yaxis()
        axis.xaxis.set_major_formatter(FuncFormatter(_indonesian))
        label = rows["label"].iloc[0] + (f" ({unit})" if unit else "")
        axis.set_title(textwrap.fill(label, 34), fontsize=9)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_offices(simulation, *, ax=None, max_points: int = 3000, rng=0):
    """Each office's mean true score against its mean rated score (the fairness picture).

    Offices above the diagonal are rated more leniently than their true performance.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    offices = simulation.offices
    offices = offices[offices["n"] > 0]
    if len(offices) > max_points:
        offices = offices.sample(max_points, random_state=check_rng(rng).integers(2**31))
    true = offices["sum_true_score"] / offices["n"]
    rated = offices["sum_rated_score"] / offices["n"]
    if ax is None:
        _, ax = plt.subplots(figsize=(5.5, 5))
    ax.scatter(true, rated, s=np.clip(offices["n"] / 4, 4, 60), alpha=0.4, color="#DD8452")
    low, high = float(min(true.min(), rated.min())), float(max(true.max(), rated.max()))
    ax.plot([low, high], [low, high], color="grey", linestyle="--", linewidth=1)
    ax.set_xlabel("Rata-rata skor sebenarnya per kantor")
    ax.set_ylabel("Rata-rata skor dari penilai per kantor")
    ax.xaxis.set_major_formatter(FuncFormatter(_indonesian))
    ax.yaxis.set_major_formatter(FuncFormatter(_indonesian))
    ax.figure.tight_layout()
    return ax.figure


def plot_breakdown(table: pd.DataFrame, *, title=None, top: int = 12, ax=None):
    """Who is hit: per group (``kinerja_sim.policy.breakdown.breakdown``), the share of staff whose
    predicate the rules moved and the truly good rated negative, hardest hit at the top.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    rows = table.head(top)
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 0.6 + 0.38 * len(rows)))
    y = np.arange(len(rows))
    ax.barh(
        y - 0.2,
        100 * rows["share_moved"],
        height=0.4,
        color="#C44E52",
        label="Predikat diubah aturan",
    )
    ax.barh(
        y + 0.2,
        100 * rows["wrong_negative"].fillna(0),
        height=0.4,
        color="#4C72B0",
        label="Berkinerja baik tetapi dinilai negatif",
    )
    ax.set_yticks(y, [textwrap.shorten(str(g), 28) for g in rows["group"]])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(_indonesian))
    ax.set_xlabel("% pegawai kelompok")
    ax.legend(fontsize=8, loc="lower right")
    if title:
        ax.set_title(textwrap.fill(title, 60), fontsize=10)
    ax.figure.tight_layout()
    return ax.figure
