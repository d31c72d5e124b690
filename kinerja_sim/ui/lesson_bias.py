"""Lesson 03: rater biases, one slider each, with their signature in the ratings and predicates.

:class:`BiasExplorer` lets a trainee switch each bias of :class:`kinerja_sim.RaterBias` on
with a slider; one simulated supervisor (:func:`kinerja_sim.rate`) then rates every
employee of one office, and the plots show the ratings against the truth, three
employees' profiles and the predicates. :func:`bias_gallery` draws every bias at once.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from kinerja_sim import metrics
from kinerja_sim._core.format import percent
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_rng
from kinerja_sim.raters import BIAS_FIELDS, PRESETS, RaterBias, rate, train
from kinerja_sim.rules import PREDICATES
from kinerja_sim.ui.lesson_common import (
    dimension_label,
    guarded,
    message_html,
    number_text,
    predicates_of,
    show_figure,
)
from kinerja_sim.world.dimensions import DIMENSIONS, RESULT, SCALE_MAX, SCALE_MIN

__all__ = [
    "DEMO_BIASES",
    "SLIDER_RANGES",
    "BiasExplorer",
    "bias_gallery",
    "office_ratings",
    "practice_figure",
    "practice_shares",
    "preset_comparison",
    "preset_figure",
]

#: Slider range and step per bias (within the limits of RaterBias).
SLIDER_RANGES = {
    "leniency": (-1.5, 1.5, 0.1),
    "central_tendency": (0.0, 0.9, 0.05),
    "halo": (0.0, 1.0, 0.05),
    "recency": (0.0, 6.0, 0.25),
    "contrast": (0.0, 0.9, 0.05),
    "affinity": (-1.0, 1.0, 0.1),
    "idiosyncratic": (0.0, 1.0, 0.05),
    "noise": (0.0, 1.0, 0.05),
    "floor": (0.0, 3.5, 0.1),
}

#: A clearly visible value of each bias, for the gallery (everything else at zero).
DEMO_BIASES = {
    "leniency": 0.8,
    "central_tendency": 0.6,
    "halo": 0.8,
    "recency": 4.0,
    "contrast": 0.6,
    "affinity": 0.8,
    "idiosyncratic": 0.6,
    "noise": 0.6,
    "floor": 2.9,
}

RATER_ORIGIN = "Sukamaju"  # the simulated supervisor's asal daerah (for the affinity bias)


def _office(dataset, office_id=None) -> str:
    """The office to rate: ``office_id``, or the smallest office of the dataset."""
    if office_id is not None:
        if office_id not in set(dataset.offices["office_id"]):
            raise ValueError(f"office_id {office_id!r} is not an office of the dataset")
        return office_id
    sizes = dataset.employees.groupby("office_id").size()
    return str(sizes.idxmin())


def office_ratings(dataset, bias: RaterBias, *, office_id=None, rng=None) -> pd.DataFrame:
    """One simulated supervisor with ``bias`` rates every employee of one office.

    Employees whose ``asal_daerah`` is the rater's (Sukamaju) get the affinity shift.

    Returns
    -------
    DataFrame
        The ratings of :func:`kinerja_sim.rate`, with ``true_score``.
    """
    office = _office(dataset, office_id)
    staff = dataset.employees[dataset.employees["office_id"] == office]
    performance = dataset.performance[dataset.performance["employee_id"].isin(staff["employee_id"])]
    assignments = pd.DataFrame(
        {
            "rater_id": "R001",
            "employee_id": staff["employee_id"].to_numpy(),
            "affinity_match": (staff["asal_daerah"] == RATER_ORIGIN).to_numpy(),
        }
    )
    return rate(performance, bias, truth=dataset.truth(), assignments=assignments, rng=rng)


def _scatter(ax, ratings: pd.DataFrame, title: str) -> None:
    kind = np.where(
        ratings["dimension"] == RESULT, t("lessons.bias.result"), t("lessons.bias.behaviour")
    )
    sns.scatterplot(
        x=ratings["true_score"], y=ratings["score"], hue=kind, s=12, alpha=0.6, ax=ax, legend=False
    )
    ax.plot([SCALE_MIN, SCALE_MAX], [SCALE_MIN, SCALE_MAX], color="grey", lw=1, ls="--")
    ax.set(
        xlim=(SCALE_MIN, SCALE_MAX),
        ylim=(SCALE_MIN, SCALE_MAX),
        title=title,
        xlabel=t("lessons.bias.axis_true"),
        ylabel=t("lessons.bias.axis_given"),
    )


def bias_gallery(dataset, *, office_id=None, rng=None):
    """One small scatter plot per bias at its :data:`DEMO_BIASES` value: given score against truth.

    Every panel uses the same random stream, so the panels differ only by the bias.

    Returns
    -------
    matplotlib.figure.Figure
    """
    seed = int(check_rng(rng).integers(2**31))
    fig, axes = plt.subplots(3, 3, figsize=(11, 10), sharex=True, sharey=True)
    for ax, name in zip(axes.ravel(), BIAS_FIELDS):
        ratings = office_ratings(
            dataset, RaterBias(**{name: DEMO_BIASES[name]}), office_id=office_id, rng=seed
        )
        _scatter(ax, ratings, t(f"lessons.bias.name.{name}"))
    fig.suptitle(t("lessons.bias.gallery_title"))
    fig.tight_layout()
    plt.close(fig)
    return fig


class BiasExplorer(widgets.VBox):
    """Sliders for the eight biases, with live plots of their signature.

    Parameters
    ----------
    dataset : Dataset
    office_id : str, optional
        The office whose employees are rated (default: the smallest office).
    rules : rule set or name, optional
        Default PermenPAN-RB 6/2022.
    rng : None, int or numpy.random.Generator
        Draws one seed at construction; every update reuses it, so moving a slider
        changes only that bias, not the random draws.

    Attributes
    ----------
    ratings : DataFrame
        The latest simulated ratings.
    predicates : DataFrame
        The latest predicates, given and true (see :func:`predicates_of`).
    accuracy : DataFrame
        Cronbach's components of the latest ratings
        (:func:`kinerja_sim.metrics.accuracy_components`).
    """

    def __init__(self, dataset, *, office_id=None, rules=None, rng=None):
        self.dataset = dataset
        self.office_id = _office(dataset, office_id)
        self.rules = rules
        self._seed = int(check_rng(rng).integers(2**31))
        self.sliders = {name: self._slider(name) for name in BIAS_FIELDS}
        self.reset_button = widgets.Button(description=t("lessons.bias.reset"), icon="undo")
        self.reset_button.on_click(self.reset)
        self.message = widgets.HTML()
        self.summary = widgets.HTML()
        self.plot = widgets.Output()
        self.ratings = self.predicates = self.accuracy = None
        controls = widgets.GridBox(
            list(self.sliders.values()),
            layout=widgets.Layout(grid_template_columns="repeat(2, 50%)"),
        )
        super().__init__(
            [
                widgets.HTML(f"<b>{t('lessons.bias.intro')}</b>"),
                controls,
                self.reset_button,
                self.message,
                self.summary,
                self.plot,
            ]
        )
        for slider in self.sliders.values():
            slider.observe(self.update, names="value")
        self.update()

    def _slider(self, name: str) -> widgets.FloatSlider:
        low, high, step = SLIDER_RANGES[name]
        return widgets.FloatSlider(
            value=0.0,
            min=low,
            max=high,
            step=step,
            continuous_update=False,
            description=t(f"lessons.bias.name.{name}"),
            tooltip=t(f"lessons.bias.help.{name}"),
            style={"description_width": "170px"},
            layout=widgets.Layout(width="95%"),
        )

    def bias(self) -> RaterBias:
        """The :class:`RaterBias` the sliders show."""
        return RaterBias(**{name: slider.value for name, slider in self.sliders.items()})

    def reset(self, _=None) -> None:
        """Put every slider back to zero (an unbiased rater)."""
        for slider in self.sliders.values():
            slider.unobserve(self.update, names="value")
            slider.value = 0.0
            slider.observe(self.update, names="value")
        self.update()

    @guarded
    def update(self, _=None) -> None:
        """Simulate the ratings for the current sliders and redraw."""
        self.ratings = office_ratings(
            self.dataset, self.bias(), office_id=self.office_id, rng=self._seed
        )
        self.predicates = predicates_of(self.ratings, self.dataset, self.rules)
        self.accuracy = metrics.accuracy_components(self.ratings)
        self.summary.value = self._summary_html()
        self.message.value = ""
        show_figure(self.plot, self.figure())

    def _summary_html(self) -> str:
        row = self.accuracy.iloc[0]
        changed = float((self.predicates["predicate"] != self.predicates["true_predicate"]).mean())
        mean_shift = float((self.ratings["score"] - self.ratings["true_score"]).mean())
        return message_html(
            t(
                "lessons.bias.summary",
                shift=number_text(mean_shift, sign=True),
                mse=number_text(row["mse"]),
                changed=percent(changed, 0),
            ),
            "info",
        )

    def figure(self):
        """Three panels: scores against truth, three employees' profiles, predicates given and
        true.
        """
        fig, axes = plt.subplots(1, 3, figsize=(14, 4.2))
        _scatter(axes[0], self.ratings, t("lessons.bias.panel_scatter"))
        _profiles(axes[1], self.ratings)
        _predicate_bars(axes[2], self.predicates)
        fig.tight_layout()
        plt.close(fig)
        return fig


def _profiles(ax, ratings: pd.DataFrame) -> None:
    """Given (solid) and true (dashed) profiles over the eight dimensions for three employees."""
    people = pd.unique(ratings["employee_id"])[:3]
    labels = [dimension_label(d) for d in DIMENSIONS]
    for colour, person in zip(sns.color_palette("deep", 3), people):
        own = (
            ratings[ratings["employee_id"] == person]
            .set_index("dimension")
            .reindex(list(DIMENSIONS))
        )
        ax.plot(labels, own["score"], color=colour, marker="o", label=person)
        ax.plot(labels, own["true_score"], color=colour, ls="--", alpha=0.7)
    ax.set(
        ylim=(SCALE_MIN, SCALE_MAX),
        title=t("lessons.bias.panel_profiles"),
        ylabel=t("lessons.bias.axis_score"),
    )
    ax.tick_params(axis="x", rotation=60, labelsize=8)
    ax.legend(fontsize=8, title=t("lessons.bias.profile_legend"), title_fontsize=8)


def _predicate_bars(ax, predicates: pd.DataFrame) -> None:
    counts = pd.DataFrame(
        {
            t("lessons.bias.given"): predicates["predicate"].value_counts(),
            t("lessons.bias.truth"): predicates["true_predicate"].value_counts(),
        }
    )
    counts = counts.reindex(list(PREDICATES)).fillna(0)
    counts.plot.barh(ax=ax, color=["#4c72b0", "#bbbbbb"])
    ax.invert_yaxis()
    ax.set(title=t("lessons.bias.panel_predicates"), xlabel=t("lessons.bias.axis_count"), ylabel="")


def _population_raters(dataset, name, rng) -> pd.DataFrame:
    """The world's raters with biases drawn from a preset (``"<preset>+trained"``: then trained)."""
    preset, _, trained = name.partition("+")
    drawn = PRESETS[preset].draw(len(dataset.raters), rng=rng)
    raters = dataset.raters.copy()
    raters[list(BIAS_FIELDS)] = drawn[list(BIAS_FIELDS)].to_numpy()
    return train(raters) if trained else raters


def preset_comparison(
    dataset,
    presets=("ideal", "research", "supervisory", "praktik", "praktik+trained"),
    *,
    rules=None,
    rng=None,
) -> pd.DataFrame:
    """How often supervisors drawn from each preset give the true predicate.

    Every preset re-rates the same employees with the same assignments
    (:meth:`Dataset.rerate`); ``"<preset>+trained"`` is the preset after frame-of-reference
    training (:func:`kinerja_sim.train`; the floor of ``praktik`` stays, see
    ``kinerja_sim.raters.FLOOR_RESPONSE``).

    Returns
    -------
    DataFrame
        One row per preset: ``preset``, ``label`` (catalogue), ``agreement``, ``kappa``,
        ``higher``, ``lower`` (shares of predicates equal to, above and below the truth,
        from :func:`kinerja_sim.metrics.predicate_agreement`).
    """
    streams = check_rng(rng).spawn(2 * len(presets))
    frames = []
    for number, name in enumerate(presets):
        raters = _population_raters(dataset, name, streams[2 * number])
        ratings = dataset.rerate(raters, rng=streams[2 * number + 1])
        predicates = predicates_of(ratings, dataset, rules).assign(rater_id=name)
        frames.append(predicates)
    agreement = metrics.predicate_agreement(
        pd.concat(frames, ignore_index=True), order=list(PREDICATES)[::-1]
    )
    agreement = (
        agreement.rename(columns={"rater": "preset"})
        .set_index("preset")
        .loc[list(presets)]
        .reset_index()
    )
    agreement.insert(
        1, "label", [t(f"lessons.preset.{name.replace('+', '_')}") for name in presets]
    )
    return agreement[["preset", "label", "agreement", "kappa", "higher", "lower"]]


def preset_figure(comparison: pd.DataFrame):
    """Stacked bars: share of predicates equal to, above and below the truth, per preset."""
    shares = comparison.set_index("label")[["agreement", "higher", "lower"]]
    shares.columns = [
        t("lessons.preset.same"),
        t("lessons.preset.higher"),
        t("lessons.preset.lower"),
    ]
    fig, ax = plt.subplots(figsize=(8, 3.8))
    shares.plot.barh(stacked=True, ax=ax, color=["#1a9850", "#fdae61", "#d73027"])
    ax.invert_yaxis()
    ax.set(xlim=(0, 1), xlabel=t("lessons.preset.axis"), ylabel="", title=t("lessons.preset.title"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=3, fontsize=8)
    fig.tight_layout()
    plt.close(fig)
    return fig


def practice_shares(*, employees: int = 200_000, rng=None) -> pd.DataFrame:
    """Predicate shares: the truth model, current practice (simulated) and the national e-Kinerja
    figures.

    The national path (:func:`kinerja_sim.policy.simulate`) rates ``employees`` with the
    status quo (``PRESETS["praktik"]``, no curve); the observed shares are BKN e-Kinerja
    2022–2024 for PNS as reported by birokratmenulis.org
    (``kinerja_sim.studies.validation.OBSERVED``).

    Returns
    -------
    DataFrame
        Index: the five predicates; columns ``truth``, ``practice``, ``observed`` (0–1).
    """
    from kinerja_sim.policy import simulate

    result = simulate(employees=employees, progress=False, rng=rng)
    confusion = result.confusion / result.confusion.sum()
    observed = [0.1127, 0.8846, 0.0011, 0.0006, 0.0010]
    return pd.DataFrame(
        {"truth": confusion.sum(axis=1), "practice": confusion.sum(axis=0), "observed": observed},
        index=pd.Index(PREDICATES, name="predicate"),
    )


def practice_figure(shares: pd.DataFrame):
    """Grouped bars of :func:`practice_shares`, with the percent written on each bar."""
    labels = {
        "truth": t("lessons.practice.truth"),
        "practice": t("lessons.practice.practice"),
        "observed": t("lessons.practice.observed"),
    }
    fig, ax = plt.subplots(figsize=(9, 4.2))
    width = 0.27
    x = np.arange(len(shares))
    for i, (column, colour) in enumerate(zip(labels, ["#4C72B0", "#DD8452", "#55A868"])):
        bars = ax.bar(
            x + (i - 1) * width, 100 * shares[column], width, label=labels[column], color=colour
        )
        ax.bar_label(
            bars, labels=[number_text(100 * v, 1) for v in shares[column]], fontsize=7, padding=1
        )
    ax.set_xticks(x, [p.replace("/", "/\n") for p in shares.index])
    ax.set(ylabel=t("lessons.practice.axis"), title=t("lessons.practice.title"), ylim=(0, 100))
    ax.legend(fontsize=8)
    fig.tight_layout()
    plt.close(fig)
    return fig
