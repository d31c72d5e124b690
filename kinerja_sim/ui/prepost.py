"""The pre-test and the post-test as a widget: score the three cases of a test set.

In the style of exercise 02 (:class:`kinerja_sim.ui.exercises.ScoringExercise`): a case file,
eight score fields (typed text, a decimal comma or point; a score off the scale is refused, never
moved), a save button. No grade is shown during a test; after the post-test the trainee sees
their distance from the reference score on both tests and the change. The logic is in
:mod:`kinerja_sim.training.exercises.prepost` (which set, scoring, the cohort).

Stable CSS classes: ``kinerja-exercise-00_tes_awal`` / ``kinerja-exercise-07_tes_akhir``
(from :class:`~kinerja_sim.ui.exercise_base.ExerciseWidget`), ``kinerja-case-choice``,
``kinerja-casefile-view``, ``kinerja-score-<dimension>``, ``kinerja-prepost-result``.

Examples
--------
>>> import tempfile, os
>>> from kinerja_sim.training.progress import ProgressStore
>>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "p.sqlite"))
>>> test = PrePostTest("00_tes_awal", store)
>>> test.login.start("Siti Rahma")
True
>>> [case.item_id[:6] for case in test.items]
['tes-A-', 'tes-A-', 'tes-A-']
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from kinerja_sim._core.format import number as fmt
from kinerja_sim._core.i18n import t
from kinerja_sim.cases.casefile import case_file_html
from kinerja_sim.training.exercises import prepost
from kinerja_sim.training.exercises.scoring import parse_scores
from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.ui.exercise_base import ExerciseWidget, case_chooser, notice_html, score_boxes
from kinerja_sim.ui.login import TraineeLogin
from kinerja_sim.world.dimensions import SCALE_MID

__all__ = ["PrePostTest", "prepost_app"]

_USER_ERRORS = (ValueError, TypeError, KeyError)


class PrePostTest(ExerciseWidget):
    """The pre-test (``"00_tes_awal"``) or the post-test (``"07_tes_akhir"``) of one trainee."""

    def __init__(
        self,
        exercise: str,
        store: ProgressStore | None = None,
        *,
        login: TraineeLogin | None = None,
    ):
        if exercise not in prepost.PHASES:
            raise ValueError(
                f"exercise must be one of {', '.join(prepost.PHASES)}, got {exercise!r}"
            )
        self.exercise = exercise
        self.phase = prepost.PHASES[exercise]
        super().__init__(store, login=login)

    # -- items
    def make_items(self, seed):
        self.first_set = prepost.first_set_of(self.store.answers(), self.trainee)
        name = self.first_set if self.phase == "awal" else prepost.other_set(self.first_set)
        self.test = prepost.make_test(name)
        return self.test.cases

    def build(self):
        total = len(self.items)
        labels = [
            (t("prepost.case_label", n=k, total=total), case.item_id)
            for k, case in enumerate(self.items, start=1)
        ]
        self.choice, self.case_view = case_chooser(labels, t("prepost.choose"), "20em")
        self.inputs = score_boxes()
        button = self._button("prepost.submit")
        button.on_click(lambda _b: self.check(self.choice.value))
        for case in self.items:
            self._feedback_box(case.item_id)
        self.feedback_view = widgets.Box([self.feedback[self.items[0].item_id]])
        self.result = widgets.HTML()
        self.result.add_class("kinerja-prepost-result")
        self.choice.observe(lambda change: self.show_case(change["new"]), names="value")
        notes = [widgets.HTML(notice_html(t("prepost.scale")))]
        if self.phase == "akhir" and not self._done(prepost.PRE_EXERCISE):
            notes.append(widgets.HTML(notice_html(t("prepost.pre_first"), "warn")))
        form = widgets.VBox([*notes, *self.inputs.values(), button])
        self.show_case(self.choice.value)
        self.update_result()
        return [self.choice, self.case_view, form, self.feedback_view, self.result]

    def show_case(self, item_id: str) -> None:
        """Show a case file and the trainee's saved scores for it (or 3 everywhere)."""
        try:
            self.case_view.value = case_file_html(
                self.test.dataset(item_id), self.test.case(item_id).employee_id
            )
            saved = self.store.latest(self.trainee, self.exercise).get(item_id, {})
            scores = saved.get("scores", {})
            for dimension, box in self.inputs.items():
                box.value = fmt(scores.get(dimension, SCALE_MID), 2)
            self.feedback_view.children = [self.feedback[item_id]]
        except Exception as error:
            self.case_view.value = notice_html(t("ui.unexpected_error", problem=error), "error")

    def check(self, item_id: str):
        """Save the scores of the case shown (refused with a message when one is off)."""
        typed = {dimension: box.value for dimension, box in self.inputs.items()}
        box = self.feedback[item_id]
        try:
            scores = parse_scores(typed)
        except _USER_ERRORS as error:  # refused, never moved into the scale; nothing saved
            box.value = notice_html(str(error.args[0]) if error.args else str(error), "warn")
            return None
        try:
            answer = prepost.answer_of(
                self.test, item_id, scores, first_set=self.first_set, phase=self.phase
            )
        except Exception as error:
            box.value = notice_html(t("ui.unexpected_error", problem=error), "error")
            return None
        feedback = self.submit(
            item_id, answer, lambda: prepost.check_case(self.test, item_id, scores)
        )
        if feedback is not None:
            self.update_result()
        return feedback

    # -- the result after the post-test
    def _done(self, exercise: str) -> int:
        return len(self.store.latest(self.trainee, exercise))

    def update_result(self) -> None:
        """Progress through the test; after the post-test, the trainee's own change."""
        try:
            done = self._done(self.exercise)
            lines = [notice_html(t("prepost.progress", done=done, total=len(self.items)))]
            results = prepost.scored_tests(self.store.answers(trainee=self.trainee))
            own = prepost.trainee_results(results) if not results.empty else None
            if own is not None and len(own) and own["change_mae"].notna().iloc[0]:
                row = own.iloc[0]
                change = float(row["change_mae"])
                key = "better" if change >= 0.05 else "worse" if change <= -0.05 else "same"
                verdict = t(f"prepost.verdict_{key}", change=fmt(abs(change), 2))
                lines.append(
                    "<p><b>"
                    + html.escape(
                        t(
                            "prepost.own_result",
                            pre=fmt(row["pre_mae"], 2),
                            post=fmt(row["post_mae"], 2),
                            verdict=verdict,
                        )
                    )
                    + "</b></p>"
                )
            self.result.value = "".join(lines)
        except Exception as error:
            self.result.value = notice_html(t("ui.unexpected_error", problem=error), "error")


def prepost_app(exercise: str, *, store: ProgressStore | None = None) -> PrePostTest:
    """The widget of the pre-test or the post-test; display it in a notebook."""
    return PrePostTest(exercise, store)
