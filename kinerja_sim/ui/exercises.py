"""The trainee exercise widgets (``exercises/*.ipynb``, also served by Voila with ``make app``).

Each exercise is one widget: the language choice, the trainee's name
(:class:`kinerja_sim.ui.login.TraineeLogin`) and, once the name is known, the items made
from the trainee's seed. Every check saves the answer, its score and its feedback to the
progress store before the feedback is shown; after a kernel restart the last answers and
feedback come back. Handlers never show a traceback: bad input gets a catalogue message
saying what to fix.

Stable CSS classes for tests and styling: ``kinerja-exercise``, ``kinerja-item``,
``kinerja-submit``, ``kinerja-feedback``, ``kinerja-score-<dimension>``,
``kinerja-case-choice``, ``kinerja-summary``, ``kinerja-language``.

Examples
--------
>>> import tempfile, os
>>> from kinerja_sim.training.progress import ProgressStore
>>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "p.sqlite"))
>>> app = exercise_app("01_perbaiki_indikator", store=store)
>>> app.login.start("Siti")
True
>>> len(app.items) > 0
True
"""

from __future__ import annotations

import base64
import html

import ipywidgets as widgets
import pandas as pd

from kinerja_sim._core.format import number as fmt
from kinerja_sim._core.i18n import t
from kinerja_sim.cases.answers import CaseAnswer
from kinerja_sim.cases.casefile import case_file_html
from kinerja_sim.training.exercises import bias, curve, indicators, policy, scoring
from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.training.trainee import trainee_seed
from kinerja_sim.ui.exercise_base import (
    _USER_ERRORS,
    ExerciseWidget,
    case_chooser,
    feedback_html,
    language_picker,
    notice_html,
    score_boxes,
)
from kinerja_sim.ui.feedback_exercise import FeedbackExercise
from kinerja_sim.world.dimensions import DIMENSION_LABELS, DIMENSIONS, SCALE_MID

__all__ = [
    "APPS",
    "BiasExercise",
    "CurveExercise",
    "IndicatorExercise",
    "PolicyExercise",
    "ScoringExercise",
    "exercise_app",
    "feedback_html",
    "language_picker",
]


class IndicatorExercise(ExerciseWidget):
    """01: rewrite vague indicators of real and synthetic offices; checked with
    :func:`kinerja_sim.coach.indicators.check` and against the RHK they are written for."""

    exercise = indicators.EXERCISE

    def make_items(self, seed):
        return indicators.make_items(3, rng=seed)

    def build(self):
        saved = self.store.latest(self.trainee, self.exercise)
        self.fields = {}
        boxes = []
        for number, item in enumerate(self.items, start=1):
            before = saved.get(item.item_id, {})
            rhk = (
                f"<br>{html.escape(t('indicators.exercise.rhk'))}: {html.escape(item.rhk)}"
                if item.rhk and item.rhk != item.iki
                else ""
            )
            title = t("ui.01_perbaiki_indikator.item", n=number, kind=item.kind_label)
            target = (
                f" — {html.escape(t('ui.01_perbaiki_indikator.target'))}: "
                f"{html.escape(item.target)}"
                if item.target
                else ""
            )
            heading = widgets.HTML(
                f"<b>{html.escape(title)}</b><br>"
                f"{html.escape(t('ui.01_perbaiki_indikator.vague'))}: "
                f"<i>“{html.escape(item.iki)}”</i>{target}{rhk}"
            )
            iki = widgets.Textarea(
                value=before.get("iki", ""),
                placeholder=t("ui.01_perbaiki_indikator.iki_hint"),
                description=t("ui.01_perbaiki_indikator.new_iki"),
                style={"description_width": "initial"},
                layout=widgets.Layout(width="95%"),
            )
            iki.add_class("kinerja-iki")
            target = widgets.Text(
                value=before.get("target", ""),
                placeholder=t("ui.01_perbaiki_indikator.target_hint"),
                description=t("ui.01_perbaiki_indikator.new_target"),
                style={"description_width": "initial"},
                layout=widgets.Layout(width="60%"),
            )
            target.add_class("kinerja-target")
            button = self._button()
            button.on_click(lambda _b, item=item: self.check(item.item_id))
            self.fields[item.item_id] = (item, iki, target)
            boxes.append(
                self._item_box(
                    [heading, iki, target, button, self._feedback_box(item.item_id)], item.item_id
                )
            )
        return boxes

    def check(self, item_id: str):
        """The submit handler of one indicator (also called by tests)."""
        item, iki, target = self.fields[item_id]
        return self.submit(
            item_id,
            {"iki": iki.value, "target": target.value},
            lambda: indicators.check_indicator(item, iki.value, target.value),
        )


class ScoringExercise(ExerciseWidget):
    """02: score case files on the eight dimensions; feedback against the truth and a summary."""

    exercise = scoring.EXERCISE

    def make_items(self, seed):
        saved = self.store.answers(trainee=self.trainee, exercise=self.exercise)["item"]
        attempts = (
            saved[saved.str.startswith("pribadi")].str.extract(r"^pribadi(\d+)-")[0].astype(float)
        )
        self.attempt = int(attempts.max()) if len(attempts) and attempts.notna().any() else 0
        self.cases = scoring.make_cases(rng=seed, attempt=self.attempt)
        return self.cases.cases

    def build(self):
        labels = [
            (
                t(f"ui.02_nilai_berkas_kasus.case_{case.kind}", n=number, id=case.employee_id),
                case.item_id,
            )
            for number, case in enumerate(self.items, start=1)
        ]
        self.choice, self.case_view = case_chooser(
            labels, t("ui.02_nilai_berkas_kasus.choose"), "32em"
        )
        self.inputs = score_boxes()
        button = self._button("ui.02_nilai_berkas_kasus.submit")
        button.on_click(lambda _b: self.check(self.choice.value))
        for case in self.items:
            self._feedback_box(case.item_id)
        self.feedback_view = widgets.Box([self.feedback[self.items[0].item_id]])
        self.summary_view = widgets.HTML()
        self.summary_view.add_class("kinerja-summary")
        again = widgets.Button(
            description=t("ui.02_nilai_berkas_kasus.new_cases"),
            icon="refresh",
            layout=widgets.Layout(width="max-content"),
        )
        again.add_class("kinerja-new-cases")
        again.on_click(lambda _b: self._safely(self.new_cases))
        self.choice.observe(lambda change: self.show_case(change["new"]), names="value")
        scale = widgets.HTML(notice_html(t("ui.02_nilai_berkas_kasus.scale")))
        form = widgets.VBox([scale, *self.inputs.values(), button])
        self.show_case(self.choice.value)
        return [self.choice, self.case_view, form, self.feedback_view, self.summary_view, again]

    def show_case(self, item_id: str) -> None:
        """Show a case file and the trainee's saved scores for it (or 3 everywhere)."""
        try:
            self.case_view.value = case_file_html(
                self.cases.dataset(item_id), self.cases.case(item_id).employee_id
            )
            saved = self.store.latest(self.trainee, self.exercise).get(item_id)
            scores = CaseAnswer.from_json(self.exercise, item_id, saved).scores if saved else {}
            for dimension, box in self.inputs.items():
                box.value = fmt(scores.get(dimension, SCALE_MID), 2)
            self.feedback_view.children = [self.feedback[item_id]]
        except Exception as error:
            self.case_view.value = notice_html(t("ui.unexpected_error", problem=error), "error")

    def check(self, item_id: str):
        """The submit handler: check the scores of the case shown, save, then update the summary."""
        typed = {dimension: box.value for dimension, box in self.inputs.items()}
        box = self.feedback[item_id]
        try:
            scores = scoring.parse_scores(typed)
        except _USER_ERRORS as error:  # refused, never moved into the scale; nothing is saved
            box.value = notice_html(str(error.args[0]) if error.args else str(error), "warn")
            return None
        answer = scoring.answer_of(self.cases, item_id, scores)
        feedback = self.submit(
            item_id, answer, lambda: scoring.check_scores(self.cases, item_id, scores)
        )
        if feedback is not None:
            self.update_summary()
        return feedback

    def update_summary(self) -> None:
        saved = self.store.latest(self.trainee, self.exercise)
        answers = {
            item: CaseAnswer.from_json(self.exercise, item, answer).scores
            for item, answer in saved.items()
            if any(case.item_id == item for case in self.items)
        }
        try:
            result = scoring.summary(self.cases, answers)
            self.summary_view.value = (
                f"<h4>{html.escape(t('ui.02_nilai_berkas_kasus.summary'))}</h4>"
                + feedback_html(result)
            )
        except Exception as error:
            self.summary_view.value = notice_html(t("ui.unexpected_error", problem=error), "error")

    def restore(self) -> None:
        super().restore()
        if self.store.latest(self.trainee, self.exercise):
            self.update_summary()

    def new_cases(self) -> None:
        """Fresh own cases (the next attempt); the shared cases stay."""
        self.attempt += 1
        self.cases = scoring.make_cases(rng=trainee_seed(self.trainee), attempt=self.attempt)
        self.items = self.cases.cases
        self.refresh()


class BiasExercise(ExerciseWidget):
    """03: name the bias behind a simulated rating pattern."""

    exercise = bias.EXERCISE

    def make_items(self, seed):
        return bias.make_items(3, rng=seed)

    def build(self):
        saved = self.store.latest(self.trainee, self.exercise)
        self.choices = {}
        boxes = []
        options = [(t(f"exercises.bias.name.{key}"), key) for key in bias.BIASES]
        for number, item in enumerate(self.items, start=1):
            # an <img> with the PNG inline: plain JSON on the kernel's websocket (a binary Image
            # widget sent Voila's server into a loop with clients on the plain JSON protocol)
            png = base64.b64encode(pattern_png(item)).decode("ascii")
            plot = widgets.HTML(
                f'<img src="data:image/png;base64,{png}" style="max-width:100%;height:auto" '
                f'alt="{html.escape(t("ui.03_kenali_bias.item", n=number))}">'
            )
            plot.add_class("kinerja-bias-pattern")
            choice = widgets.RadioButtons(
                options=options,
                value=saved.get(item.item_id, {}).get("choice"),
                description=t("ui.03_kenali_bias.which"),
                style={"description_width": "initial"},
                layout=widgets.Layout(width="auto"),
            )
            choice.add_class("kinerja-bias-choice")
            button = self._button()
            button.on_click(lambda _b, item=item: self.check(item.item_id))
            self.choices[item.item_id] = (item, choice)
            heading = widgets.HTML(f"<b>{html.escape(t('ui.03_kenali_bias.item', n=number))}</b>")
            boxes.append(
                self._item_box(
                    [heading, plot, choice, button, self._feedback_box(item.item_id)], item.item_id
                )
            )
        return boxes

    def check(self, item_id: str):
        item, choice = self.choices[item_id]
        return self.submit(
            item_id, {"choice": choice.value}, lambda: bias.check_bias(item, choice.value)
        )


def pattern_figure(item: bias.BiasItem):
    """Three views of a rating pattern: score against truth, profiles over dimensions, gap against
    trend.

    A bare ``matplotlib.figure.Figure`` (no pyplot: nothing to close, and a workshop kernel
    does not load pyplot's backends) with a fixed layout.
    """
    from matplotlib.figure import Figure

    figure = Figure(figsize=(13, 3.6))
    axes = figure.subplots(1, 3)
    ratings = item.ratings
    axes[0].scatter(ratings["true_score"], ratings["score"], s=12, alpha=0.6)
    axes[0].plot([1, 5], [1, 5], color="grey", linestyle="--")
    axes[0].set(
        xlim=(1, 5),
        ylim=(1, 5),
        xlabel=t("ui.03_kenali_bias.true"),
        ylabel=t("ui.03_kenali_bias.given"),
        title=t("ui.03_kenali_bias.panel_scatter"),
    )
    # whole words, wrapped (never cut: "Akunta", "Kompet" read as nothing)
    short = [DIMENSION_LABELS[d].replace(" ", "\n") for d in DIMENSIONS]
    for colour, employee in zip(
        ("tab:blue", "tab:orange", "tab:green"), pd.unique(ratings["employee_id"])[:3]
    ):
        person = (
            ratings[ratings["employee_id"] == employee].set_index("dimension").loc[list(DIMENSIONS)]
        )
        axes[1].plot(
            short, person["true_score"], color=colour, linestyle="--", marker="o", markersize=3
        )
        axes[1].plot(short, person["score"], color=colour, marker="s", markersize=3)
    axes[1].set(ylim=(1, 5), title=t("ui.03_kenali_bias.panel_profile"))
    axes[1].tick_params(axis="x", labelrotation=90, labelsize=7)
    trend = item.trend()
    axes[2].scatter(trend["change"], trend["score"] - trend["true_score"], s=18)
    axes[2].axhline(0, color="grey", linestyle="--")
    axes[2].set(
        xlabel=t("ui.03_kenali_bias.change"),
        ylabel=t("ui.03_kenali_bias.gap"),
        title=t("ui.03_kenali_bias.panel_trend"),
    )
    figure.subplots_adjust(
        left=0.05, right=0.99, bottom=0.25, top=0.9, wspace=0.22
    )  # what tight_layout found, with room for the two-line dimension names
    return figure


def pattern_png(item: bias.BiasItem, *, dpi: int = 80) -> bytes:
    """:func:`pattern_figure` as PNG bytes (shown inline in the exercise's page).

    At 80 dpi the three panels are 1,040 pixels wide, as wide as the exercise's column; about
    half the work of the default inline figure (100 dpi, layout computed by ``tight_layout``)
    in a workshop kernel.
    """
    import io

    buffer = io.BytesIO()
    pattern_figure(item).savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


class CurveExercise(ExerciseWidget):
    """04: first see which limits of the curve are broken, then fix one group of employees at a
    time.

    Each step (:func:`kinerja_sim.training.exercises.curve.steps`) names the group, e.g. "9
    employees rated Sangat Baik must become Butuh Perbaikan"; the trainee ticks among that group
    only. A right step opens the next one with the violations checked again; every step is saved
    (item ``kantor-…-langkahN``), so the trainee carries on where they left off.
    """

    exercise = curve.EXERCISE

    def make_items(self, seed):
        item = curve.make_item(rng=seed)
        self.steps = curve.steps(item)
        return [item]

    def _chosen(self) -> dict:
        """Step number -> the employees the trainee last ticked in it (from the store)."""
        saved = self.store.latest(self.trainee, self.exercise)
        return {
            step.number: saved[curve.step_item_id(self.items[0], step.number)].get("selected", [])
            for step in self.steps
            if curve.step_item_id(self.items[0], step.number) in saved
        }

    def _steps_done(self) -> int:
        saved = self.store.answers(trainee=self.trainee, exercise=self.exercise)
        last = saved.drop_duplicates("item", keep="last").set_index("item")["score"]
        done = 0
        for step in self.steps:
            if last.get(curve.step_item_id(self.items[0], step.number)) != 1.0:
                break
            done += 1
        return done

    def _office_html(self, item, done: int) -> str:
        chosen = self._chosen()
        changed = {
            e: step.new
            for step in self.steps[:done]
            for e in chosen.get(step.number, step.must_change)
        }
        rows = []
        for row in item.table.itertuples(index=False):
            predicate = html.escape(row.predicate)
            if row.employee_id in changed:
                predicate = f"<s>{predicate}</s> → <b>{html.escape(changed[row.employee_id])}</b>"
            rows.append(
                f"<tr><td>{html.escape(row.name)}</td><td>{html.escape(row.position)}"
                f"</td><td>{html.escape(row.rating_hasil_kerja)}"
                f"</td><td>{html.escape(row.rating_perilaku)}</td><td>{predicate}</td><td "
                f"style='text-align:right'>{fmt(row.rank, 2)}</td></tr>"
            )
        head = "".join(
            f"<th style='text-align:left'>{html.escape(t(f'ui.04_terapkan_kurva.col_{c}'))}</th>"
            for c in ("name", "position", "hasil", "perilaku", "predicate", "rank")
        )
        return (
            f"<table class='kinerja-curve-table' style='border-collapse:collapse'><tr>{head}</tr>"
            + "".join(rows)
            + "</table>"
        )

    def build(self):
        item = self.items[0]
        self.steps = curve.steps(item, chosen=self._chosen())  # a right choice among ties counts
        done = self._steps_done()
        title = t(
            "ui.04_terapkan_kurva.office",
            name=item.office_name,
            organisation=item.organisation,
            n=len(item.table),
        )
        header = widgets.HTML(f"<b>{html.escape(title)}</b>")
        office = widgets.HTML(self._office_html(item, done))
        office.add_class("kinerja-curve-office")
        children = [header, office]
        for step in self.steps[:done]:  # steps already right, with their saved feedback
            children.append(widgets.HTML(f"<b>✔ {html.escape(self._step_title(step))}</b>"))
            children.append(self._feedback_box(curve.step_item_id(item, step.number)))
        self.boxes = {}
        self.current = self.steps[done] if done < len(self.steps) else None
        if self.current is None:
            final = widgets.HTML(
                notice_html(t("exercises.curve.all_done", organisation=item.organisation), "ok")
            )
            final.add_class("kinerja-curve-done")
            children.append(final)
            return [self._item_box(children, item.item_id)]
        step = self.current
        broken = "".join(f"<li>{html.escape(v)}</li>" for v in step.violations)
        violations = widgets.HTML(
            f"<b>{html.escape(t('ui.04_terapkan_kurva.violations'))}</b><ul>{broken}</ul>"
        )
        violations.add_class("kinerja-curve-violations")
        direction = (
            "down" if curve.PREDICATES.index(step.new) > curve.PREDICATES.index(step.old) else "up"
        )
        title = widgets.HTML(
            f"<b>{html.escape(self._step_title(step))}</b><br>"
            f"{html.escape(t(f'ui.04_terapkan_kurva.hint_{direction}'))}"
        )
        title.add_class("kinerja-curve-step")
        saved = set(
            self.store.latest(self.trainee, self.exercise)
            .get(curve.step_item_id(item, step.number), {})
            .get("selected", [])
        )
        table = item.table.set_index("employee_id")
        for employee_id in step.candidates:
            row = table.loc[employee_id]
            box = widgets.Checkbox(
                value=employee_id in saved,
                indent=False,
                description=t(
                    "ui.04_terapkan_kurva.row",
                    name=row["name"],
                    position=row["position"],
                    hasil=row["rating_hasil_kerja"],
                    perilaku=row["rating_perilaku"],
                    predicate=row["predicate"],
                    rank=fmt(row["rank"], 2),
                ),
                layout=widgets.Layout(width="95%"),
            )
            box.add_class("kinerja-curve-choice")
            self.boxes[employee_id] = box
        button = self._button()
        button.on_click(lambda _b: self.check(item.item_id))
        children += [
            violations,
            title,
            *self.boxes.values(),
            button,
            self._feedback_box(curve.step_item_id(item, step.number)),
        ]
        return [self._item_box(children, item.item_id)]

    def _step_title(self, step) -> str:
        return t(
            "ui.04_terapkan_kurva.step",
            number=step.number,
            total=step.total,
            count=step.count,
            old=step.old,
            new=step.new,
        )

    def check(self, item_id: str | None = None):
        """Check the ticks of the current step; a right step opens the next one."""
        item, step = self.items[0], self.current
        if step is None:
            return None
        selected = sorted(e for e, box in self.boxes.items() if box.value)
        feedback = self.submit(
            curve.step_item_id(item, step.number),
            {"selected": selected, "step": step.number, "from": step.old, "to": step.new},
            lambda: curve.check_step(item, step.number, selected, chosen=self._chosen()),
        )
        if feedback is not None and feedback.correct:
            self._safely(self.refresh)
            box = self.feedback.get(curve.step_item_id(item, step.number))
            if box is not None:
                box.value = feedback_html(feedback)
        return feedback


class PolicyExercise(ExerciseWidget):
    """05: predict the effect of a policy change, then see the simulation."""

    exercise = policy.EXERCISE

    def make_items(self, seed):
        return policy.make_items(2, rng=seed)

    def build(self):
        saved = self.store.latest(self.trainee, self.exercise)
        options = [(t(f"exercises.policy.answer.{key}"), key) for key in policy.ANSWERS]
        self.choices = {}
        boxes = []
        for number, item in enumerate(self.items, start=1):
            question = widgets.HTML(
                f"<b>{html.escape(t('ui.05_pertanyaan_kebijakan.item', n=number))}</b> "
                f"{html.escape(item.question())}"
            )
            choice = widgets.RadioButtons(
                options=options,
                value=saved.get(item.item_id, {}).get("choice"),
                layout=widgets.Layout(width="auto"),
            )
            choice.add_class("kinerja-policy-choice")
            button = self._button("ui.05_pertanyaan_kebijakan.simulate")
            button.on_click(lambda _b, item=item: self.check(item.item_id))
            self.choices[item.item_id] = (item, choice)
            boxes.append(
                self._item_box(
                    [question, choice, button, self._feedback_box(item.item_id)], item.item_id
                )
            )
        return boxes

    def check(self, item_id: str):
        item, choice = self.choices[item_id]
        if choice.value:
            self.feedback[item_id].value = notice_html(t("ui.05_pertanyaan_kebijakan.running"))
        return self.submit(
            item_id, {"choice": choice.value}, lambda: policy.check_policy(item, choice.value)
        )


APPS = {
    cls.exercise: cls
    for cls in (
        IndicatorExercise,
        ScoringExercise,
        BiasExercise,
        CurveExercise,
        PolicyExercise,
        FeedbackExercise,
    )
}


def exercise_app(exercise: str, *, store: ProgressStore | None = None) -> ExerciseWidget:
    """The widget of one exercise by id (e.g. ``"02_nilai_berkas_kasus"``); display it in a
    notebook.
    """
    if exercise not in APPS:
        raise ValueError(f"exercise must be one of {', '.join(APPS)}, got {exercise!r}")
    return APPS[exercise](store)
