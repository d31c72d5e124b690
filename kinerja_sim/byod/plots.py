"""Plots of an imported export and of the fitted simulation (matplotlib; labels from the catalogue).

Every plot shows pseudonymised data only; rater pseudonyms are not printed on the axes.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from kinerja_sim._core.i18n import t
from kinerja_sim.byod.analysis import distributions

__all__ = ["plot_distributions", "plot_fit", "plot_rater_leniency", "plot_units"]

_COLOURS = {
    "Di Atas Ekspektasi": "#1a9850",
    "Sesuai Ekspektasi": "#91bfdb",
    "Di Bawah Ekspektasi": "#d73027",
    "Sangat Baik": "#1a9850",
    "Baik": "#91bfdb",
    "Butuh Perbaikan": "#fee090",
    "Kurang/Misconduct": "#fc8d59",
    "Sangat Kurang": "#d73027",
    "Cukup": "#fee090",
    "Kurang": "#fc8d59",
    "Buruk": "#d73027",
}


def plot_distributions(appraisals, *, aspect: str = "predikat", ax=None, lang=None):
    """Stacked bars: the share of each label in every unit kerja (one bar per unit).

    Examples
    --------
    >>> from kinerja_sim.byod.read import example_path, read_appraisals
    >>> appraisals = read_appraisals(example_path(), key="kunci-contoh-dokumentasi-2025")
    >>> ax = plot_distributions(appraisals)
    >>> len(ax.get_yticklabels()) > 10
    True
    """
    table = distributions(appraisals, lang=lang)
    table = table[table["aspect"] == aspect]
    wide = table.pivot(index="unit_kerja", columns="label", values="share").fillna(0)
    wide = wide[[label for label in _COLOURS if label in wide.columns]]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.28 * len(wide) + 1.5))
    left = np.zeros(len(wide))
    for label in wide.columns:
        ax.barh(wide.index, wide[label], left=left, color=_COLOURS[label], label=label)
        left += wide[label].to_numpy()
    ax.set_xlim(0, 1)
    ax.set_xlabel(t("byod.plot.share", lang))
    ax.set_title(
        t("byod.plot.distribution_title", lang, aspect=t(f"byod.plot.aspect.{aspect}", lang)),
        pad=34,
    )
    ax.legend(
        loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize="small", frameon=False
    )
    ax.invert_yaxis()
    ax.figure.tight_layout()
    return ax


def plot_rater_leniency(profiles, *, ax=None, lang=None):
    """Each rater's mean code minus their peers', with its 95% interval (flagged raters in colour).

    ``profiles`` is the table of :func:`kinerja_sim.byod.analysis.rater_profiles`.
    """
    table = profiles.dropna(subset=["leniency"]).sort_values("leniency", kind="stable")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5))
    position = np.arange(len(table))
    colour = np.where(
        table["flag_leniency"], np.where(table["leniency"] > 0, "#1a9850", "#d73027"), "#888888"
    )
    ax.hlines(position, table["ci_low"], table["ci_high"], color=colour, linewidth=1)
    ax.scatter(table["leniency"], position, c=colour, s=12, zorder=3)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks([])
    ax.set_xlabel(t("byod.plot.leniency_x", lang))
    ax.set_title(t("byod.plot.leniency_title", lang))
    ax.figure.tight_layout()
    return ax


def plot_units(units, *, ax=None, lang=None):
    """Each unit kerja's mean code minus that of the rest of the file, with its 95% interval.

    ``units`` is the table of :func:`kinerja_sim.byod.analysis.unit_profiles`; units lenient or
    strict as a whole are in colour. Unit names are shown (they are not personal data; an import
    with ``--pseudonymise-units`` shows ``UK-…``).

    Examples
    --------
    >>> from kinerja_sim.byod.analysis import unit_profiles
    >>> from kinerja_sim.byod.read import example_path, read_appraisals
    >>> data = read_appraisals(example_path(), key="kunci-contoh-dokumentasi-2025")
    >>> len(plot_units(unit_profiles(data)).get_yticklabels()) > 10
    True
    """
    table = units.dropna(subset=["difference_se"]).sort_values("difference", kind="stable")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.2 + 0.25 * max(len(table), 4)))
    position = np.arange(len(table))
    colour = np.where(
        table["flag_lenient_unit"],
        np.where(table["difference"] > 0, "#1a9850", "#d73027"),
        "#888888",
    )
    ax.hlines(position, table["ci_low"], table["ci_high"], color=colour, linewidth=1.5)
    ax.scatter(table["difference"], position, c=colour, s=16, zorder=3)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(position, [str(u)[:36] for u in table["unit_kerja"]], fontsize=7)
    ax.set_xlabel(t("byod.plot.units_x", lang))
    ax.set_title(t("byod.plot.units_title", lang), fontsize=10)
    ax.figure.tight_layout()
    return ax


def plot_fit(fit, *, lang=None):
    """Observed and fitted label shares per aspect, and the spread of the raters' mean codes.

    ``fit`` is a :class:`kinerja_sim.byod.fit.FitResult`. Returns the figure.
    """
    figure, axes = plt.subplots(
        1, 4, figsize=(13, 3.6), gridspec_kw={"width_ratios": [1, 1, 1.4, 1.3]}
    )
    for ax, aspect in zip(axes[:3], ("rating_hasil_kerja", "rating_perilaku_kerja", "predikat")):
        part = fit.distributions[fit.distributions["aspect"] == aspect]
        x = np.arange(len(part))
        ax.bar(
            x - 0.2,
            part["observed"],
            width=0.4,
            color="#4d4d4d",
            label=t("byod.plot.observed", lang),
        )
        ax.bar(
            x + 0.2, part["fitted"], width=0.4, color="#91bfdb", label=t("byod.plot.fitted", lang)
        )
        ax.set_xticks(
            x,
            [
                label.replace(" Ekspektasi", "").replace("/Misconduct", "")
                for label in part["label"]
            ],
            rotation=30,
            ha="right",
            fontsize="small",
        )
        ax.set_title(t(f"byod.plot.aspect.{aspect}", lang), fontsize="medium")
        ax.set_ylim(0, 1)
    axes[0].set_ylabel(t("byod.plot.share", lang))
    axes[0].legend(fontsize="small", frameon=False)
    bins = np.linspace(1, 3, 17)
    for source, colour in (("observed", "#4d4d4d"), ("fitted", "#91bfdb")):
        means = fit.rater_means.loc[
            (fit.rater_means["source"] == source) & (fit.rater_means["n_ratees"] >= 3), "mean_code"
        ]
        weights = np.full(len(means), 1 / max(len(means), 1))
        axes[3].hist(
            means,
            bins=bins,
            weights=weights,
            histtype="step" if source == "fitted" else "stepfilled",
            color=colour,
            alpha=0.8 if source == "observed" else 1,
            linewidth=2,
            label=t(f"byod.plot.{source}", lang),
        )
    axes[3].set_xlabel(t("byod.plot.rater_mean", lang))
    axes[3].set_ylabel(t("byod.plot.raters", lang))
    figure.suptitle(t("byod.plot.fit_title", lang))
    figure.tight_layout()
    return figure
