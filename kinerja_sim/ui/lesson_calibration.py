"""Lesson 05: the calibration session: the group's ratings, reliability, rater effects, adjusted
scores.

Every trainee scored the same case files in lesson 02; :func:`group_ratings` reads them from
the progress store. Reliability comes from :func:`kinerja_sim.metrics.icc` and
:func:`kinerja_sim.metrics.krippendorff_alpha`, rater effects and adjusted scores from
:func:`kinerja_sim.metrics.calibrate`. With fewer than three trainees in the store, a
clearly labelled example group simulated with :func:`kinerja_sim.rate` stands in.

The session is scored against the *reference score* of each case, what its file shows
(:func:`kinerja_sim.cases.reference.reference_scores`): the figure marks it beside the latent
truth, and the errors before and after adjustment are reading errors (score − reference);
the latent-truth versions stay in :attr:`CalibrationView.errors`, named as such. Each
reliability value is said in words too (:func:`kinerja_sim.training.dashboard.reliability_meaning`:
a negative value is no agreement, not a measurable "less than none").
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import display

from kinerja_sim import metrics
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_rng
from kinerja_sim.raters import PRESETS, rate
from kinerja_sim.training.dashboard import reliability_meaning
from kinerja_sim.ui.lesson_common import (
    dimension_label,
    guarded,
    message_html,
    number_text,
    show_figure,
)
from kinerja_sim.ui.lesson_profile import with_reference
from kinerja_sim.ui.lesson_scoring import stored_ratings
from kinerja_sim.world.dimensions import DIMENSIONS, SCALE_MAX, SCALE_MIN

__all__ = ["EXAMPLE_GROUP_SIZE", "CalibrationView", "example_group", "group_ratings"]

EXAMPLE_GROUP_SIZE = 12
_MIN_RATERS = 3
_MIN_CASES = 3


def example_group(dataset, cases, *, n=EXAMPLE_GROUP_SIZE, rng=None) -> pd.DataFrame:
    """A simulated group of ``n`` supervisors (preset "supervisory") scoring every case, ids
    CONTOH-01....
    """
    rng = check_rng(rng)
    raters = PRESETS["supervisory"].draw(n, rng=rng)
    raters["rater_id"] = [f"CONTOH-{i + 1:02d}" for i in range(n)]
    performance = dataset.performance[dataset.performance["employee_id"].isin(cases)]
    return with_reference(rate(performance, raters, truth=dataset.truth(), rng=rng), dataset)


def group_ratings(store, dataset, cases, *, exercise="02_penilaian", rng=None):
    """Every trainee's latest scores of the shared cases, with the truth; or an example group.

    Trainees who scored fewer than three of the cases are left out.

    Returns
    -------
    ratings : DataFrame
        ``rater_id`` (trainee), ``employee_id``, ``dimension``, ``score``, ``true_score``,
        ``reference`` (what each case's file shows).
    is_example : bool
        True when fewer than three trainees qualify and the example group is used.
    """
    ratings = stored_ratings(store, exercise)
    ratings = ratings[ratings["employee_id"].isin(list(cases))]
    counts = ratings.groupby("rater_id")["employee_id"].nunique()
    ratings = ratings[ratings["rater_id"].isin(counts[counts >= _MIN_CASES].index)]
    if ratings["rater_id"].nunique() < _MIN_RATERS:
        return example_group(dataset, cases, rng=rng), True
    ratings = ratings.merge(dataset.truth(), on=["employee_id", "dimension"], how="left")
    return with_reference(ratings, dataset), False


class CalibrationView(widgets.VBox):
    """The group's scores of one dimension, their reliability, each rater's effect and the adjusted
    scores.

    Attributes
    ----------
    ratings : DataFrame
        The group's ratings (all dimensions).
    is_example : bool
    reliability : DataFrame
        :func:`kinerja_sim.metrics.icc` of the chosen dimension (complete cases only).
    alpha : float
        Krippendorff's alpha (interval) of the chosen dimension.
    calibration : CalibrationResult
        :func:`kinerja_sim.metrics.calibrate` over all eight dimensions (ratee = case × dimension).
    errors : DataFrame
        Per rater: ``effect``, ``before``/``after`` (mean squared reading error against the
        reference, before and after adjustment) and ``before_truth``/``after_truth`` (the
        same against the latent truth).
    """

    def __init__(self, store, dataset, cases, *, exercise="02_penilaian", rng=None):
        self.store, self.dataset, self.cases, self.exercise = store, dataset, list(cases), exercise
        self._seed = int(check_rng(rng).integers(2**31))
        self.dimension = widgets.Dropdown(
            options=[(dimension_label(d), d) for d in DIMENSIONS],
            description=t("lessons.anchor.dimension"),
            style={"description_width": "120px"},
        )
        self.reload_button = widgets.Button(
            description=t("lessons.calibration.reload"),
            icon="refresh",
            layout=widgets.Layout(width="max-content"),
        )
        self.banner, self.message, self.summary = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.plot, self.effects_plot, self.table = (
            widgets.Output(),
            widgets.Output(),
            widgets.Output(),
        )
        self.ratings = self.reliability = self.alpha = self.calibration = self.errors = None
        self.is_example = True
        super().__init__(
            [
                widgets.HBox([self.dimension, self.reload_button]),
                self.banner,
                self.message,
                self.plot,
                self.summary,
                self.effects_plot,
                self.table,
            ]
        )
        self.reload_button.on_click(self.reload)
        self.dimension.observe(self.update, names="value")
        self.reload()

    @guarded
    def reload(self, _=None) -> None:
        """Read the group's scores again (new trainees may have submitted) and redraw."""
        self.ratings, self.is_example = group_ratings(
            self.store, self.dataset, self.cases, exercise=self.exercise, rng=self._seed
        )
        key = (
            "lessons.calibration.example_banner"
            if self.is_example
            else "lessons.calibration.group_banner"
        )
        self.banner.value = message_html(
            t(key, n=self.ratings["rater_id"].nunique()), "warn" if self.is_example else "ok"
        )
        cells = self.ratings.assign(
            case=self.ratings["employee_id"] + "|" + self.ratings["dimension"]
        )
        self.calibration = metrics.calibrate(cells, ratees="case")
        self.update()

    @guarded
    def update(self, _=None) -> None:
        """Redraw for the chosen dimension."""
        chosen = self.ratings[self.ratings["dimension"] == self.dimension.value]
        self.reliability = metrics.icc(
            chosen, targets="employee_id", raters="rater_id", ratings="score", incomplete="drop"
        )
        self.alpha = metrics.krippendorff_alpha(
            chosen, units="employee_id", raters="rater_id", ratings="score"
        )
        self.summary.value = self._summary_html()
        self.message.value = ""
        show_figure(self.plot, self._scores_figure(chosen))
        show_figure(self.effects_plot, self._effects_figure())
        self._show_adjusted()

    def _summary_html(self) -> str:
        rows = self.reliability.set_index("form")
        single, group = rows.loc["ICC(2,1)", "icc"], rows.loc["ICC(2,k)", "icc"]
        n = self.ratings["rater_id"].nunique()
        units = int(rows.loc["ICC(2,1)", "df1"]) + 1 if "df1" in rows else len(self.cases)
        lines = [
            t("lessons.calibration.icc_single", value=number_text(single))
            + " "
            + reliability_meaning("ICC(2,1)", single, units),
            t("lessons.calibration.icc_group", value=number_text(group), n=n)
            + " "
            + reliability_meaning("ICC(2,k)", group, units),
            t("lessons.calibration.alpha", value=number_text(self.alpha))
            + " "
            + reliability_meaning("alpha", self.alpha, units),
            t("lessons.calibration.benchmark"),
        ]
        return "".join(message_html(line, "info") for line in lines)

    def _scores_figure(self, chosen):
        names = self.dataset.employees.set_index("employee_id")["name"]
        data = chosen.assign(person=chosen["employee_id"].map(names))
        fig, ax = plt.subplots(figsize=(9, 0.55 * data["person"].nunique() + 1.5))
        sns.stripplot(
            data=data,
            x="score",
            y="person",
            color="#4c72b0",
            alpha=0.6,
            jitter=0.15,
            ax=ax,
            label=t("lessons.calibration.legend_scores"),
        )
        truth = data.drop_duplicates("employee_id")
        ax.scatter(
            truth["reference"],
            truth["person"],
            marker="o",
            facecolors="none",
            edgecolors="#15803d",
            linewidths=2,
            s=90,
            zorder=4,
            label=t("ui.column.reference"),
        )
        ax.scatter(
            truth["true_score"],
            truth["person"],
            marker="D",
            color="#d62728",
            s=60,
            zorder=3,
            label=t("lessons.calibration.legend_truth"),
        )
        handles, labels = ax.get_legend_handles_labels()
        keep = dict(zip(labels, handles))
        ax.legend(
            keep.values(),
            keep.keys(),
            fontsize=8,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.15),
            ncol=2,
        )
        ax.set(
            xlim=(SCALE_MIN - 0.2, SCALE_MAX + 0.2),
            xlabel=t("lessons.bias.axis_score"),
            ylabel="",
            title=t(
                "lessons.calibration.scores_title", dimension=dimension_label(self.dimension.value)
            ),
        )
        fig.tight_layout()
        plt.close(fig)
        return fig

    def _effects_figure(self):
        effects = self.calibration.rater_effects.sort_values("effect")
        fig, ax = plt.subplots(figsize=(8, 0.3 * len(effects) + 1.5))
        ax.errorbar(
            effects["effect"],
            effects["rater"],
            xerr=[effects["effect"] - effects["ci_low"], effects["ci_high"] - effects["effect"]],
            fmt="o",
            color="#4c72b0",
            ecolor="#999999",
        )
        ax.axvline(0, color="grey", ls="--", lw=1)
        ax.set(
            xlabel=t("lessons.calibration.axis_effect"),
            ylabel="",
            title=t("lessons.calibration.effects_title"),
        )
        fig.tight_layout()
        plt.close(fig)
        return fig

    def _show_adjusted(self, _chosen=None) -> None:
        """Per rater: effect, and mean squared reading error (against the reference) before and
        after adjustment; the latent-truth versions are kept in :attr:`errors`."""
        adjusted = self.calibration.adjusted.assign(score=self.calibration.adjusted["adjusted"])
        reference = self.ratings[["employee_id", "dimension", "reference"]].drop_duplicates(
            ["employee_id", "dimension"]
        )
        if "reference" not in adjusted:
            adjusted = adjusted.merge(reference, on=["employee_id", "dimension"], how="left")

        def mse(ratings, column):
            return metrics.accuracy_components(ratings, true_scores=column).set_index("rater")[
                "mse"
            ]

        effects = self.calibration.rater_effects.set_index("rater")["effect"]
        self.errors = pd.DataFrame(
            {
                "effect": effects,
                "before": mse(self.ratings, "reference").reindex(effects.index),
                "after": mse(adjusted, "reference").reindex(effects.index),
                "before_truth": mse(self.ratings, "true_score").reindex(effects.index),
                "after_truth": mse(adjusted, "true_score").reindex(effects.index),
            }
        )
        table = self.errors[["effect", "before", "after"]].round(2)
        table.columns = [
            t("lessons.calibration.col_effect"),
            t("lessons.calibration.col_before"),
            t("lessons.calibration.col_after"),
        ]
        table.index.name = t("lessons.calibration.col_rater")
        self.table.clear_output(wait=True)
        with self.table:
            display(widgets.HTML(f"<b>{t('lessons.calibration.adjusted_title')}</b>"), table)
