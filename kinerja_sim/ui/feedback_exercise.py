"""The widget of exercise 06_tulis_umpan_balik ("Tulis umpan balik"), in the notebook and the app.

For each case the trainee scored in exercise 02, a text box per dimension (Hasil Kerja and
the BerAKHLAK value with most records), the case file behind a toggle, and the dialog guide
for pair practice. Coaching runs only when the trainee presses *Periksa* (one press, one
submission; leaving the box checks nothing). While the trainee types, the text is kept as a
draft in the progress store once typing pauses (:data:`DRAFT_PAUSE_S`, debounced), and a
reload brings back a draft newer than the last check. Every check is saved with its score and
coaching; after a restart the last text and its coaching come back. A text may hold at most
:data:`MAX_TEXT` characters (the limit is shown under the box).

Stable CSS classes: ``kinerja-feedback-text``, ``kinerja-submit``, ``kinerja-feedback``,
``kinerja-dialog-guide``.
"""

from __future__ import annotations

import html
import threading

import ipywidgets as widgets

from kinerja_sim._core.i18n import t
from kinerja_sim.cases.casefile import case_file_html
from kinerja_sim.coach.dialog import conversation_guide
from kinerja_sim.training.exercises import feedback as logic
from kinerja_sim.ui.exercise_base import ExerciseWidget, feedback_html, notice_html
from kinerja_sim.world.dimensions import DIMENSION_LABELS

__all__ = ["DRAFT_PAUSE_S", "MAX_TEXT", "DialogPractice", "FeedbackExercise"]

#: The longest feedback text checked (a page of writing; a supervisor's note is shorter).
MAX_TEXT = 3000
#: Seconds of no typing before a draft is saved.
DRAFT_PAUSE_S = 1.5


class FeedbackExercise(ExerciseWidget):
    """06: write feedback for scored cases; coached against the case file."""

    exercise = logic.EXERCISE

    def make_items(self, seed):
        self.cases, items = logic.make_items(rng=seed)
        return items

    def build(self):
        saved = self.store.latest(self.trainee, self.exercise)
        drafts = self.store.drafts(self.trainee, self.exercise)
        self._timers: dict[str, threading.Timer] = {}
        self.draft_notes: dict[str, widgets.HTML] = {}
        self.texts = {}
        boxes = []
        by_case: dict[str, list] = {}
        for item in self.items:
            by_case.setdefault(item.case_item, []).append(item)
        for number, (case_item, items) in enumerate(by_case.items(), start=1):
            case = self.cases.case(case_item)
            dataset = self.cases.dataset(case_item)
            name = dataset.employees.set_index("employee_id").loc[case.employee_id, "name"]
            title = t("ui.06_tulis_umpan_balik.case", n=number, name=name, kind=case.kind)
            heading = widgets.HTML(f"<h4>{html.escape(title)}</h4>")
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
                draft = drafts.get(item.item_id)
                text = widgets.Textarea(
                    value=draft
                    if draft is not None
                    else saved.get(item.item_id, {}).get("text", ""),
                    placeholder=t("ui.06_tulis_umpan_balik.placeholder"),
                    description=t(
                        "ui.06_tulis_umpan_balik.about", dimension=DIMENSION_LABELS[item.dimension]
                    ),
                    continuous_update=True,  # drafts as the trainee types (saved after a pause)
                    style={"description_width": "initial"},
                    layout=widgets.Layout(width="95%", height="7em"),
                )
                text.add_class("kinerja-feedback-text")
                text.add_class(f"kinerja-feedback-{item.dimension}")
                text.observe(
                    lambda change, item=item: self._typed(item.item_id, change), names="value"
                )
                note = widgets.HTML(
                    f"<small>{html.escape(t('saferoom.text.limit', limit=MAX_TEXT))}"
                    + (
                        f" · {html.escape(t('saferoom.draft.restored'))}"
                        if draft is not None
                        else ""
                    )
                    + "</small>"
                )
                note.add_class("kinerja-draft-note")
                self.draft_notes[item.item_id] = note
                button = self._button("ui.06_tulis_umpan_balik.check")
                button.layout = widgets.Layout(width="auto")
                button.on_click(lambda _b, item=item: self.check(item.item_id))
                self.texts[item.item_id] = (item, text)
                children += [text, note, button, self._feedback_box(item.item_id)]
            children.append(guide)
            boxes.append(self._item_box(children, case_item))
        return boxes

    def _typed(self, item_id: str, change) -> None:
        """Typing: (re)start the pause timer; the draft is saved when it runs out."""
        if change["new"] == change["old"]:
            return
        timer = self._timers.pop(item_id, None)
        if timer is not None:
            timer.cancel()
        timer = threading.Timer(DRAFT_PAUSE_S, self.save_draft, args=(item_id,))
        timer.daemon = True
        self._timers[item_id] = timer
        timer.start()

    def save_draft(self, item_id: str) -> bool:
        """Keep the text of ``item_id`` as a draft now (also called by tests); True when saved."""
        _item, text = self.texts[item_id]
        if self.trainee is None or len(text.value) > MAX_TEXT:
            return False
        try:
            self.store.save_draft(self.trainee, self.exercise, item_id, text.value)
        except (OSError, ValueError, TypeError):
            return False  # the check shows the store's fault; a draft is a courtesy
        self.draft_notes[item_id].value = (
            f"<small>{html.escape(t('saferoom.text.limit', limit=MAX_TEXT))} · "
            f"{html.escape(t('saferoom.draft.saved'))}</small>"
        )
        return True

    def check(self, item_id: str):
        """Coach one text and save it (also called by tests)."""
        item, text = self.texts[item_id]
        timer = self._timers.pop(item_id, None)
        if timer is not None:
            timer.cancel()
        if len(text.value) > MAX_TEXT:
            self.feedback[item_id].value = notice_html(
                t("saferoom.text.too_long", length=len(text.value), limit=MAX_TEXT), "warn"
            )
            return None
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
