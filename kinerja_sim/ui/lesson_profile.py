"""Lesson 04: my bias profile, frame-of-reference practice and re-rating.

The trainee's scores from lesson 02 (read from the progress store) are compared with the
*reference score* of each case, what its file shows
(:func:`kinerja_sim.cases.reference.reference_scores`), and decomposed with
:func:`kinerja_sim.metrics.accuracy_components` and :func:`kinerja_sim.metrics.rater_profile`:
the *reading error* (score − reference) is what training fixes. The *evidence gap*
(reference − latent truth) is shown apart, as what the files could not show; the
latent-truth versions stay available (``accuracy_truth``, ``before_after(...,
against="truth")``), named as such. Before the trainee has scored anything, a clearly
labelled example rater simulated with :func:`kinerja_sim.rate` stands in, so the lesson
still runs from top to bottom.
"""

from __future__ import annotations

import html
import textwrap
import warnings

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from IPython.display import display

from kinerja_sim import metrics
from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_rng
from kinerja_sim.cases.reference import reference_table
from kinerja_sim.raters import PRESETS, rate, train
from kinerja_sim.rules import capaian
from kinerja_sim.ui.lesson_common import (
    dimension_label,
    guarded,
    message_html,
    number_text,
    predicates_of,
    show_figure,
)
from kinerja_sim.ui.lesson_scoring import ScoringForm, login_name, stored_ratings
from kinerja_sim.world.dimensions import DIMENSIONS, RESULT, behaviour_guides

__all__ = [
    "COMPONENTS",
    "AnchorExamples",
    "ProfileView",
    "Rerating",
    "before_after",
    "example_ratings",
    "my_ratings",
    "rerating_effect",
    "with_reference",
]

#: Cronbach's components, in the order they are explained.
COMPONENTS = ("elevation", "differential_elevation", "stereotype_accuracy", "differential_accuracy")
EXAMPLE_RATER = "CONTOH"


def example_ratings(dataset, cases, *, trained=False, rng=None) -> pd.DataFrame:
    """A simulated example supervisor (preset "supervisory") scoring ``cases``, labelled CONTOH.

    With ``trained=True`` the same kind of supervisor after frame-of-reference training
    (:func:`kinerja_sim.train`).
    """
    rng = check_rng(rng)
    rater = PRESETS["supervisory"].draw(1, rng=rng, prefix=EXAMPLE_RATER)
    rater["rater_id"] = EXAMPLE_RATER
    if trained:
        rater = train(rater).drop(columns="trained")
    performance = dataset.performance[dataset.performance["employee_id"].isin(cases)]
    return rate(performance, rater, truth=dataset.truth(), rng=rng)


def with_reference(ratings: pd.DataFrame, dataset) -> pd.DataFrame:
    """``ratings`` with the ``reference`` score of each case (what its file in ``dataset``
    shows).
    """
    ids = list(pd.unique(ratings["employee_id"]))
    wide = reference_table(dataset, ids)
    long = wide.melt(id_vars="employee_id", var_name="dimension", value_name="reference")
    long["dimension"] = long["dimension"].str.removeprefix("ref_")
    return ratings.drop(columns="reference", errors="ignore").merge(
        long, on=["employee_id", "dimension"], how="left"
    )


def _rms(values) -> float:
    return float(np.sqrt(np.mean(np.square(np.asarray(values, dtype=float)))))


def my_ratings(store, login, dataset, cases, *, exercise="02_penilaian", rng=None):
    """The trainee's saved scores of ``cases`` with the truth, or an example set when there are
    none.

    Returns
    -------
    ratings : DataFrame
        ``rater_id``, ``employee_id``, ``dimension``, ``score``, ``true_score``,
        ``reference`` (:func:`with_reference`).
    is_example : bool
        True when the scores are the simulated example (nothing saved yet, or fewer than
        three cases: the profile needs at least three).
    """
    name = login_name(login)
    ratings = stored_ratings(store, exercise, trainee=name) if name else None
    if ratings is not None:
        ratings = ratings[ratings["employee_id"].isin(cases)]
    if ratings is None or ratings["employee_id"].nunique() < 3:
        return with_reference(example_ratings(dataset, cases, rng=rng), dataset), True
    truth = dataset.truth()
    ratings = ratings.merge(truth, on=["employee_id", "dimension"], how="left")
    return with_reference(ratings, dataset), False


def _components_figure(accuracy: pd.DataFrame, title: str):
    """Horizontal bars of Cronbach's four components (squared distances; smaller is better)."""
    values = accuracy.set_index("rater")[list(COMPONENTS)].T
    values.index = [t(f"lessons.profile.component.{c}") for c in COMPONENTS]
    fig, ax = plt.subplots(figsize=(9, 2.8 + 0.2 * values.shape[1]))
    values.plot.barh(ax=ax, legend=False)
    if values.shape[1] > 1:
        ax.legend(title=None, fontsize=8, loc="best")
    ax.invert_yaxis()
    ax.set(xlabel=t("lessons.profile.axis_components"), title="\n".join(textwrap.wrap(title, 70)))
    fig.tight_layout()
    plt.close(fig)
    return fig


def _difference_figure(ratings: pd.DataFrame, dataset):
    """Heatmap of the reading error, score minus reference, case by dimension (red: too high)."""
    names = dataset.employees.set_index("employee_id")["name"]
    diff = (
        ratings.assign(diff=ratings["score"] - ratings["reference"])
        .pivot_table(index="employee_id", columns="dimension", values="diff")
        .reindex(columns=list(DIMENSIONS))
    )
    diff.index = [names.get(e, e) for e in diff.index]
    diff.columns = [dimension_label(d) for d in diff.columns]
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(diff) + 2))
    labels = diff.map(lambda v: number(v, 1))
    sns.heatmap(
        diff,
        cmap="RdBu_r",
        center=0,
        vmin=-2,
        vmax=2,
        annot=labels,
        fmt="",
        ax=ax,
        cbar_kws={"label": t("lessons.profile.axis_difference")},
    )
    ax.set(title=t("lessons.profile.difference_title"), xlabel="", ylabel="")
    plt.setp(ax.get_xticklabels(), rotation=35, ha="right")
    fig.tight_layout()
    plt.close(fig)
    return fig


class ProfileView(widgets.VBox):
    """The trainee's scores compared with the truth: differences, components, bias flags,
    predicates.

    Re-reads the store when the trainee logs in, so the view follows the trainee.

    Attributes
    ----------
    ratings : DataFrame
    is_example : bool
    accuracy : DataFrame
        :func:`kinerja_sim.metrics.accuracy_components` against the reference of each case.
    accuracy_truth : DataFrame
        The same against the latent truth (named as such: reading error and evidence gap together).
    distances : dict
        ``reading_error`` (score − reference) and ``evidence_gap`` (reference − truth), root
        mean squares over the cases and dimensions, kept apart.
    profile : DataFrame
        :func:`kinerja_sim.metrics.rater_profile` against the reference (with recency from
        the performance table).
    predicates : DataFrame
        Predicates from the scores and from the truth (:func:`predicates_of`).
    """

    def __init__(
        self, store, login, dataset, cases, *, exercise="02_penilaian", rules=None, rng=None
    ):
        self.store, self.login, self.dataset, self.cases = store, login, dataset, list(cases)
        self.exercise, self.rules = exercise, rules
        self._seed = int(check_rng(rng).integers(2**31))
        self.refresh_button = widgets.Button(
            description=t("lessons.profile.refresh"),
            icon="refresh",
            layout=widgets.Layout(width="max-content"),
        )
        self.refresh_button.on_click(self.update)
        self.banner, self.message, self.advice = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.plot, self.table = widgets.Output(), widgets.Output()
        self.ratings = self.accuracy = self.accuracy_truth = self.profile = self.predicates = None
        self.distances = {}
        self.is_example = True
        super().__init__(
            [self.refresh_button, self.banner, self.message, self.plot, self.advice, self.table]
        )
        if hasattr(login, "observe"):
            login.observe(lambda _name: self.update())
        self.update()

    @guarded
    def update(self, _=None) -> None:
        self.ratings, self.is_example = my_ratings(
            self.store, self.login, self.dataset, self.cases, exercise=self.exercise, rng=self._seed
        )
        key = "lessons.profile.example_banner" if self.is_example else "lessons.profile.own_banner"
        self.banner.value = message_html(
            t(key, n=self.ratings["employee_id"].nunique()), "warn" if self.is_example else "ok"
        )
        self.accuracy = metrics.accuracy_components(self.ratings, true_scores="reference")
        self.accuracy_truth = metrics.accuracy_components(self.ratings)
        self.distances = {
            "reading_error": _rms(self.ratings["score"] - self.ratings["reference"]),
            "evidence_gap": _rms(self.ratings["reference"] - self.ratings["true_score"]),
        }
        performance = self.dataset.performance[
            self.dataset.performance["employee_id"].isin(self.cases)
        ]
        with warnings.catch_warnings():  # a rater giving one score everywhere makes some ratios 0/0
            warnings.simplefilter("ignore", RuntimeWarning)
            self.profile = metrics.rater_profile(
                self.ratings, performance=performance, true_scores="reference", against="evidence"
            )
        self.predicates = predicates_of(self.ratings, self.dataset, self.rules)
        self.advice.value = self._advice_html()
        self.message.value = ""
        fig_diff = _difference_figure(self.ratings, self.dataset)
        fig_comp = _components_figure(self.accuracy, t("lessons.profile.components_title"))
        self.plot.clear_output(wait=True)
        with self.plot:
            display(fig_diff, fig_comp)
        self._show_predicates()

    def _advice_html(self) -> str:
        row = self.accuracy.iloc[0]
        largest = max(COMPONENTS, key=lambda c: row[c])
        lines = [
            t(
                "profile.lesson.two_distances",
                reading=number_text(self.distances["reading_error"]),
                gap=number_text(self.distances["evidence_gap"]),
            ),
            t("lessons.profile.mse", mse=number_text(row["mse"])),
            t("lessons.profile.largest", component=t(f"lessons.profile.component.{largest}")),
            t(f"lessons.profile.tip.{largest}"),
            t("lessons.profile.diagnosis", text=self.profile["explanation"].iloc[0]),
        ]
        return "".join(message_html(line, "info") for line in lines)

    def _show_predicates(self) -> None:
        names = self.dataset.employees.set_index("employee_id")["name"]
        table = pd.DataFrame(
            {
                t("lessons.curve.col_name"): self.predicates["employee_id"].map(names),
                t("lessons.profile.col_yours"): self.predicates["predicate"],
                t("lessons.curve.col_truth"): self.predicates["true_predicate"],
            }
        )
        self.table.clear_output(wait=True)
        with self.table:
            display(table)


# --------------------------------------------------------------------------- frame of reference
def _anchor_people(dataset, dimension, exclude, anchors=(2.0, 3.0, 4.0)) -> list[str]:
    """For each anchor level, the employee whose true score on ``dimension`` is nearest."""
    staff = dataset.employees[~dataset.employees["employee_id"].isin(exclude)]
    chosen = []
    for level in anchors:
        distance = (staff[f"true_{dimension}"] - level).abs()
        best = staff.loc[distance.sort_values(kind="stable").index]
        best = best[~best["employee_id"].isin(chosen)]
        chosen.append(best["employee_id"].iloc[0])
    return chosen


def _evidence_html(dataset, employee_id, dimension) -> str:
    if dimension == RESULT:
        skp = dataset.indicators[dataset.indicators["employee_id"] == employee_id]
        achieved = capaian(
            skp["realisation"].to_numpy(float),
            skp["target"].to_numpy(float),
            skp["direction"].to_numpy(object),
        )
        items = [
            f"{html.escape(iki)}: target {_num(target)}, realisasi {_num(real)} "
            f"(<b>capaian {number(value, 0)}%</b>)"
            for iki, target, real, value in zip(
                skp["iki"], skp["target"], skp["realisation"], achieved
            )
        ]
    else:
        rows = dataset.evidence[
            (dataset.evidence["employee_id"] == employee_id)
            & (dataset.evidence["dimension"] == dimension)
        ]
        items = [
            f"{'＋' if value > 0 else '－'} T{period}: {html.escape(text)}"
            for period, value, text in zip(rows["period"], rows["value"], rows["text"])
        ]
    items = items or [html.escape(t("lessons.anchor.no_incident"))]
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _num(value) -> str:
    """A number as Indonesian text: decimal comma, no trailing zeros."""
    return number(value, 6, lang="id")


class AnchorExamples(widgets.VBox):
    """Frame-of-reference practice: for one dimension, three anchored examples with their truth.

    For the chosen dimension the widget shows the behaviour guides and the evidence of three
    employees whose true score is nearest 2 (Di Bawah), 3 (Sesuai) and 4 (Di Atas
    Ekspektasi), with that true score revealed: a shared picture of what each level looks like.
    """

    def __init__(self, dataset, *, exclude=()):
        self.dataset, self.exclude = dataset, list(exclude)
        self.dimension = widgets.Dropdown(
            options=[(dimension_label(d), d) for d in DIMENSIONS],
            value=DIMENSIONS[1],
            description=t("lessons.anchor.dimension"),
            style={"description_width": "120px"},
        )
        self.message, self.content = widgets.HTML(), widgets.HTML()
        self.people = []
        self.dimension.observe(self.update, names="value")
        super().__init__([self.dimension, self.message, self.content])
        self.update()

    @guarded
    def update(self, _=None) -> None:
        dimension = self.dimension.value
        self.people = _anchor_people(self.dataset, dimension, self.exclude)
        guides = behaviour_guides()
        guides = guides[guides["dimension"] == dimension]["panduan_perilaku"].tolist()
        parts = []
        if guides:
            parts.append(
                f"<p><b>{html.escape(t('lessons.anchor.guides'))}</b> "
                + "; ".join(html.escape(g) for g in guides)
                + "</p>"
            )
        people = self.dataset.employees.set_index("employee_id")
        for label, person in zip(
            ("lessons.anchor.below", "lessons.anchor.meets", "lessons.anchor.above"), self.people
        ):
            true = people.loc[person, f"true_{dimension}"]
            parts.append(
                f"<h4>{html.escape(t(label, score=_num(round(true, 1))))}</h4>"
                f"<p><i>{html.escape(people.loc[person, 'position'])}</i></p>"
                + _evidence_html(self.dataset, person, dimension)
            )
        self.content.value = "".join(parts)
        self.message.value = ""


# --------------------------------------------------------------------------- re-rating
def before_after(before: pd.DataFrame, after: pd.DataFrame, *, against: str = "reference"):
    """Cronbach's components before and after, as a table and a figure.

    Parameters
    ----------
    before, after : DataFrame
        Ratings with ``score``, ``reference`` and ``true_score`` (one rater each, or several).
    against : {"reference", "truth"}
        Score the rounds against the reference of each case (what its file shows: the reading
        error, what frame-of-reference training can fix; the default) or against the latent
        truth (named as such: the evidence gap of the cases counts too).

    Returns
    -------
    table : DataFrame
        ``rater`` (before/after label), the four components and ``mse``.
    figure : matplotlib.figure.Figure
    """
    if against not in ("reference", "truth"):
        raise ValueError(f"against must be 'reference' or 'truth', got {against!r}")
    labels = (t("lessons.rerate.before"), t("lessons.rerate.after"))
    both = pd.concat(
        [before.assign(rater_id=labels[0]), after.assign(rater_id=labels[1])], ignore_index=True
    )
    column = "reference" if against == "reference" else "true_score"
    table = metrics.accuracy_components(both, true_scores=column)[["rater", *COMPONENTS, "mse"]]
    return table, _components_figure(table, t("lessons.rerate.title"))


def rerating_effect(dataset, cases, *, n: int = 200, rng=None) -> pd.DataFrame:
    """Lesson 04's improvement measured on simulated supervisors: untrained against trained.

    ``n`` supervisors of the "supervisory" preset score ``cases`` untrained, and ``n`` others
    (independent draws) after frame-of-reference training (:func:`kinerja_sim.train`); each
    of Cronbach's components is computed per supervisor against the reference of each case
    and against the latent truth. The effect size is Cohen's d, (mean untrained − mean
    trained) / pooled SD: positive when training lowers the error, as the meta-analyses
    report FOR training against control groups (Woehr & Huffcutt 1994; Roch et al. 2012).

    Returns
    -------
    DataFrame
        One row per ``against`` ("reference", "truth") and ``component`` (the four and
        ``mse``): ``untrained``, ``trained`` (means) and ``d``.
    """
    generator = check_rng(rng)
    performance = dataset.performance[dataset.performance["employee_id"].isin(list(cases))]
    rounds = {}
    for label, stream in zip(("untrained", "trained"), generator.spawn(2)):
        raters = PRESETS["supervisory"].draw(n, rng=stream, prefix=label[:1].upper())
        if label == "trained":
            raters = train(raters).drop(columns="trained")
        rated = rate(performance, raters, truth=dataset.truth(), rng=stream)
        rounds[label] = with_reference(rated, dataset)
    rows = []
    for against, column in (("reference", "reference"), ("truth", "true_score")):
        parts = {
            label: metrics.accuracy_components(ratings, true_scores=column)
            for label, ratings in rounds.items()
        }
        for component in (*COMPONENTS, "mse"):
            a, b = parts["untrained"][component], parts["trained"][component]
            pooled = np.sqrt((a.var(ddof=1) + b.var(ddof=1)) / 2)
            rows.append(
                {
                    "against": against,
                    "component": component,
                    "untrained": a.mean(),
                    "trained": b.mean(),
                    "d": (a.mean() - b.mean()) / pooled,
                }
            )
    return pd.DataFrame(rows)


class Rerating(widgets.VBox):
    """Score fresh cases after the frame-of-reference practice, then compare before and after.

    The fresh cases are the trainee's own (:func:`kinerja_sim.cases.casefile.practice_cases` with
    :func:`kinerja_sim.training.trainee.trainee_seed` ``(name, attempt=1)``); they appear when the
    trainee logs in. Until both rounds are saved, the comparison shows a labelled example:
    the example supervisor before and after training.

    Attributes
    ----------
    form : ScoringForm or None
    table : DataFrame
        The latest before/after comparison (:func:`before_after`).
    is_example : bool
    """

    exercise = "04_nilai_ulang"

    def __init__(
        self,
        store,
        login,
        dataset,
        cases,
        *,
        before_exercise="02_penilaian",
        n=6,
        rules=None,
        rng=None,
    ):
        self.store, self.login, self.dataset, self.cases = store, login, dataset, list(cases)
        self.before_exercise, self.n, self.rules = before_exercise, n, rules
        self._seed = int(check_rng(rng).integers(2**31))
        self.form, self.fresh, self.table, self.is_example = None, None, None, True
        self.form_box = widgets.VBox([widgets.HTML(message_html(t("lessons.need_login"), "warn"))])
        self.compare_button = widgets.Button(
            description=t("lessons.rerate.compare"),
            icon="bar-chart",
            layout=widgets.Layout(width="max-content"),
        )
        self.compare_button.on_click(self.compare)
        self.message, self.banner, self.plot = widgets.HTML(), widgets.HTML(), widgets.Output()
        super().__init__([self.form_box, self.compare_button, self.message, self.banner, self.plot])
        if hasattr(login, "observe"):
            login.observe(lambda _name: self.start())
        if login_name(login):
            self.start()
        self.compare()

    @guarded
    def start(self) -> None:
        """Build the trainee's fresh cases and the scoring form."""
        from kinerja_sim.cases.casefile import practice_cases
        from kinerja_sim.training.trainee import trainee_seed

        self.fresh = practice_cases(self.n, rng=trainee_seed(login_name(self.login), attempt=1))
        self.form = ScoringForm(
            self.fresh[0],
            self.fresh[1],
            store=self.store,
            login=self.login,
            exercise=self.exercise,
            rules=self.rules,
            kind="pribadi",
        )
        self.form_box.children = [self.form]

    def _rounds(self):
        name = login_name(self.login)
        if name and self.fresh is not None:
            before, _ = my_ratings(
                self.store, self.login, self.dataset, self.cases, exercise=self.before_exercise
            )
            after = stored_ratings(self.store, self.exercise, trainee=name)
            if after["employee_id"].nunique() >= 3 and before["rater_id"].iloc[0] == name:
                after = after.merge(
                    self.fresh[0].truth(), on=["employee_id", "dimension"], how="left"
                )
                return before, with_reference(after, self.fresh[0]), False
        before = example_ratings(self.dataset, self.cases, rng=self._seed)
        after = example_ratings(self.dataset, self.cases, trained=True, rng=self._seed)
        return (
            with_reference(before, self.dataset),
            with_reference(after, self.dataset),
            True,
        )

    @guarded
    def compare(self, _=None) -> None:
        """Compare the two rounds (or the example) and draw the components side by side."""
        before, after, self.is_example = self._rounds()
        self.table, fig = before_after(before, after)
        key = "lessons.rerate.example_banner" if self.is_example else "lessons.rerate.own_banner"
        self.banner.value = message_html(t(key), "warn" if self.is_example else "ok")
        self.message.value = ""
        show_figure(self.plot, fig)
