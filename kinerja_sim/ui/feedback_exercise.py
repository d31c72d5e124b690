"""The widget of exercise 06_tulis_umpan_balik ("Tulis umpan balik"), in the notebook and the app.

For each case the trainee scored in exercise 02, a text box per dimension (Hasil Kerja and
the BerAKHLAK value with most records), the case file behind a toggle, and the dialog guide
for pair practice. Coaching runs when the trainee presses *Periksa* or leaves the text box
(``continuous_update=False``), never on every keystroke: forty trainees share one server.
Every check is saved to the progress store with its score and coaching; after a restart
the last text and its coaching come back.

Stable CSS classes: ``kinerja-feedback-text``, ``kinerja-submit``, ``kinerja-feedback``,
``kinerja-dialog-guide``.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from kinerja_sim._core.i18n import t
from kinerja_sim.cases.casefile import case_file_html
from kinerja_sim.coach.dialog import conversation_guide
from kinerja_sim.training.exercises import feedback as logic
from kinerja_sim.ui.exercise_base import ExerciseWidget, feedback_html, notice_html
from kinerja_sim.world.dimensions import DIMENSION_LABELS

__all__ = ["DialogPractice", "FeedbackExercise"]


class FeedbackExercise(ExerciseWidget):
    """06: write feedback for scored cases; coached against the case file."""

    exercise = logic.EXERCISE

    def make_items(self, seed):
        self.cases, items = logic.make_items(rng=seed)
        return items

    def build(self):
        saved = self.store.latest(self.trainee, self.exercise)
        self.texts = {}
        boxes = []
        by_case: dict[str, list] = {}
        for item in self.items:
            by_case.setdefault(item.case_item, []).append(item)
        for number, (case_item, items) in enumerate(by_case.items(), start=1):
            case = self.cases.case(case_item)
            dataset = self.cases.dataset(case_item)
            name = dataset.employees.set_index("employee_id").loc[case.employee_id, "name"]
            heading = widgets.HTML(
                f"<h4>{html.escape(t('ui.06_tulis_umpan_balik.case', n=number, name=name, kind=case.kind))}</h4>"
            )
            casefile = widgets.Accordion(
                children=[widgets.HTML(case_file_html(dataset, case.employee_id))]
            )
            casefile.set_title(0, t("ui.06_tulis_umpan_balik.show_case"))
            casefile.selected_index = None
            guide = widgets.Accordion(
                children=[widgets.HTML(conversation_guide(dataset, case.employee_id).to_html())]
            )
            guide.set_title(0, t("ui.06_tulis_umpan_balik.dialog"))
            guide.selected_index = None
            guide.add_class("kinerja-dialog-guide")
            children = [heading, casefile]
            for item in items:
                text = widgets.Textarea(
                    value=saved.get(item.item_id, {}).get("text", ""),
                    placeholder=t("ui.06_tulis_umpan_balik.placeholder"),
                    description=t(
                        "ui.06_tulis_umpan_balik.about", dimension=DIMENSION_LABELS[item.dimension]
                    ),
                    continuous_update=False,
                    style={"description_width": "initial"},
                    layout=widgets.Layout(width="95%", height="7em"),
                )
                text.add_class("kinerja-feedback-text")
                text.add_class(f"kinerja-feedback-{item.dimension}")
                text.observe(
                    lambda change, item=item: self._on_pause(item.item_id, change), names="value"
                )
                button = self._button("ui.06_tulis_umpan_balik.check")
                button.layout = widgets.Layout(width="auto")
                button.on_click(lambda _b, item=item: self.check(item.item_id))
                self.texts[item.item_id] = (item, text)
                children += [text, button, self._feedback_box(item.item_id)]
            children.append(guide)
            boxes.append(self._item_box(children, case_item))
        return boxes

    def _on_pause(self, item_id: str, change) -> None:
        if change["new"].strip() and change["new"] != change["old"]:
            self.check(item_id)

    def check(self, item_id: str):
        """Coach one text and save it (also called by tests)."""
        item, text = self.texts[item_id]
        return self.submit(
            item_id,
            {
                "text": text.value,
                "employee_id": item.employee_id,
                "dimension": item.dimension,
                "case": item.case_item,
            },
            lambda: logic.check_feedback(self.cases, item, text.value),
        )


class DialogPractice(widgets.VBox):
    """Lesson 02, pair practice: choose a case, read its dialog guide, write feedback and coach it.

    One trainee plays the supervisor with the guide, the other the employee with the case
    file; afterwards the supervisor writes the agreed feedback and checks it against the file.
    Nothing is saved (the exercise 06 saves); a bad input gets a message, never a traceback.
    """

    def __init__(self, dataset, employee_ids):
        from kinerja_sim.coach.feedback import case_facts, check

        self._check, self._facts = check, case_facts
        self.dataset = dataset
        people = dataset.employees.set_index("employee_id")["name"]
        options = [(f"{n}. {people[e]}", e) for n, e in enumerate(employee_ids, start=1)]
        self.choice = widgets.Dropdown(
            options=options,
            description=t("ui.dialog_practice.case"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.guide = widgets.HTML()
        self.guide.add_class("kinerja-dialog-guide")
        self.text = widgets.Textarea(
            placeholder=t("ui.06_tulis_umpan_balik.placeholder"),
            layout=widgets.Layout(width="95%", height="6em"),
        )
        self.text.add_class("kinerja-feedback-text")
        button = widgets.Button(
            description=t("ui.06_tulis_umpan_balik.check"),
            button_style="primary",
            icon="check",
            layout=widgets.Layout(width="auto"),
        )
        button.on_click(lambda _b: self.coach())
        self.result = widgets.HTML()
        self.result.add_class("kinerja-feedback")
        self.choice.observe(lambda change: self.show(), names="value")
        super().__init__([self.choice, self.guide, self.text, button, self.result])
        self.show()

    def show(self) -> None:
        """Show the dialog guide of the chosen case."""
        try:
            self.guide.value = conversation_guide(self.dataset, self.choice.value).to_html()
            self.result.value = ""
        except (ValueError, TypeError) as error:
            self.guide.value = html.escape(str(error))

    def coach(self):
        """Check the written feedback against the chosen case file and show the coaching."""
        try:
            result = self._check(self.text.value, case=self._facts(self.dataset, self.choice.value))
        except (ValueError, TypeError) as error:
            self.result.value = notice_html(str(error), "warn")
            return None
        self.result.value = feedback_html(logic.coaching(result))  # exercise 06's verdict
        return result
