"""What every exercise widget shares: the base class, the language picker and the HTML of
notices and feedback.

:mod:`kinerja_sim.ui.exercises` (exercises 01-05 and the registry ``APPS``) and
:mod:`kinerja_sim.ui.feedback_exercise` (exercise 06) both build on :class:`ExerciseWidget`;
this module imports neither, so the two never import each other.

Examples
--------
>>> notice_html("Tersimpan", "ok")
'<div class="kinerja-message kinerja-ok" style="color:#166534">Tersimpan</div>'
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from IPython.display import display

from kinerja_sim._core import i18n
from kinerja_sim._core.i18n import t
from kinerja_sim.training.exercises._common import Feedback
from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.training.trainee import trainee_seed
from kinerja_sim.ui.login import TraineeLogin

__all__ = ["ExerciseWidget", "feedback_html", "language_picker", "notice_html"]

_USER_ERRORS = (ValueError, TypeError, KeyError)


def score_boxes() -> dict:
    """One text box per dimension for a case's scores, each starting at the scale's middle.

    Text, not a bounded number box: a bounded box silently moves 7 to 5 and reads "4,2" as 4;
    the check refuses what is off the scale and reads a comma or a point. Shared by exercise 02
    and the pre/post test.
    """
    from kinerja_sim._core.format import number
    from kinerja_sim.world.dimensions import DIMENSION_LABELS, DIMENSIONS, SCALE_MID

    boxes = {}
    for dimension in DIMENSIONS:
        box = widgets.Text(
            value=number(SCALE_MID),
            placeholder="1–5",
            description=DIMENSION_LABELS[dimension],
            style={"description_width": "13em"},
            layout=widgets.Layout(width="20em"),
        )
        box.add_class("kinerja-score")
        box.add_class(f"kinerja-score-{dimension}")
        boxes[dimension] = box
    return boxes


def case_chooser(labels, description: str, width: str) -> tuple[widgets.Dropdown, widgets.HTML]:
    """The case list (``labels``: (text, item id) pairs, the first chosen) and the view that
    shows the chosen case file. Shared by exercise 02 and the pre/post test."""
    choice = widgets.Dropdown(
        options=labels,
        value=labels[0][1],
        description=description,
        style={"description_width": "initial"},
        layout=widgets.Layout(width=width),
    )
    choice.add_class("kinerja-case-choice")
    view = widgets.HTML()
    view.add_class("kinerja-casefile-view")
    return choice, view


def notice_html(text: str, kind: str = "info") -> str:
    colour = {"info": "#1e3a8a", "ok": "#166534", "warn": "#b45309", "error": "#b91c1c"}[kind]
    return (
        f'<div class="kinerja-message kinerja-{kind}" '
        f'style="color:{colour}">{html.escape(text)}</div>'
    )


def feedback_html(feedback: Feedback) -> str:
    """Feedback as HTML: the summary in bold, the details as a list (class ``kinerja-feedback``)."""
    kind = "ok" if feedback.correct else "warn"
    mark = "✔" if feedback.correct else "✎"
    items = "".join(f"<li>{html.escape(line)}</li>" for line in feedback.details)
    colour = "#166534" if feedback.correct else "#92400e"
    return (
        f'<div class="kinerja-feedback-body kinerja-{kind}" style="border-left:4px solid {colour};'
        f'padding:4px 10px;margin:4px 0"><b>{mark} {html.escape(feedback.summary)}</b>'
        f'<ul style="margin:4px 0">{items}</ul></div>'
    )


def language_picker(on_change=None) -> widgets.ToggleButtons:
    """Choose Bahasa Indonesia or English for every later message (class ``kinerja-language``)."""
    picker = widgets.ToggleButtons(
        options=[("Bahasa Indonesia", "id"), ("English", "en")],
        value=i18n.get_language(),
        description=t("ui.language"),
        style={"button_width": "auto"},
    )
    picker.add_class("kinerja-language")

    def changed(change):
        i18n.set_language(change["new"])
        picker.description = t("ui.language")
        if on_change is not None:
            on_change(change["new"])

    picker.observe(changed, names="value")
    return picker


class ExerciseWidget:
    """What every exercise widget shares: name, store, items from the seed, saving, feedback."""

    exercise = ""

    def __init__(self, store: ProgressStore | None = None, *, login: TraineeLogin | None = None):
        self.store = store if store is not None else ProgressStore()
        self.login = login if login is not None else TraineeLogin(self.store)
        self.trainee: str | None = None
        self.items: list = []
        self.feedback: dict[str, widgets.HTML] = {}
        self.body = widgets.VBox([widgets.HTML(notice_html(t("ui.exercise.wait_for_name")))])
        self.body.add_class("kinerja-exercise")
        self.body.add_class(f"kinerja-exercise-{self.exercise}")
        self.language = language_picker(lambda _lang: self._safely(self.refresh))
        self.widget = widgets.VBox([self.language, self.login.widget, self.body])
        self.login.observe(self._start)
        if self.login.field.value and self.login.name is None:
            self.login.start()  # the only name ever used on this account: go on at once
        elif self.login.name:
            self._start(self.login.name)

    # -- life cycle
    def _safely(self, action) -> None:
        try:
            action()
        except Exception as error:  # never a traceback in front of a trainee
            self.body.children = [
                widgets.HTML(notice_html(t("ui.unexpected_error", problem=error), "error"))
            ]

    def _start(self, name: str) -> None:
        self.trainee = name

        def begin():
            self.items = self.make_items(trainee_seed(name))
            self.refresh()

        self._safely(begin)

    def refresh(self) -> None:
        """Build (or rebuild, after a language change) the items and restore saved work."""
        if self.trainee is None:
            self.body.children = [widgets.HTML(notice_html(t("ui.exercise.wait_for_name")))]
            return
        self.login.field.description = t("ui.trainee.label")
        self.login.button.description = t("ui.trainee.start")
        self.feedback = {}
        self.body.children = [
            widgets.HTML(notice_html(t(f"ui.{self.exercise}.intro"))),
            *self.build(),
        ]
        self.restore()

    def restore(self) -> None:
        """Show the last feedback of each item saved in the store (after a restart)."""
        saved = self.store.answers(trainee=self.trainee, exercise=self.exercise)
        for item, text in (
            saved.drop_duplicates("item", keep="last").set_index("item")["feedback"].items()
        ):
            if item in self.feedback and text:
                self.feedback[item].value = (
                    f'<div class="kinerja-restored" style="white-space:pre-line">'
                    f"<i>{html.escape(t('ui.exercise.restored'))}</i>\n"
                    f"{html.escape(text)}</div>"
                )

    def _feedback_box(self, item_id: str) -> widgets.HTML:
        box = widgets.HTML("")
        box.add_class("kinerja-feedback")
        self.feedback[item_id] = box
        return box

    def _button(self, key: str = "ui.exercise.check") -> widgets.Button:
        button = widgets.Button(
            description=t(key),
            button_style="primary",
            icon="check",
            layout=widgets.Layout(width="max-content"),
        )  # never cut off, never stretched
        button.add_class("kinerja-submit")
        return button

    def submit(self, item_id: str, answer: dict, check) -> Feedback | None:
        """Run ``check()``, save the answer with its score and feedback, show the feedback.

        Returns the feedback, or None when the input had to be fixed (a message says how).
        """
        box = self.feedback[item_id]
        if self.trainee is None:
            box.value = notice_html(t("ui.trainee.needed"), "warn")
            return None
        try:
            feedback = check()
        except _USER_ERRORS as error:
            box.value = notice_html(str(error.args[0]) if error.args else str(error), "warn")
            return None
        except Exception as error:
            box.value = notice_html(t("ui.unexpected_error", problem=error), "error")
            return None
        try:
            self.store.submit(
                self.trainee,
                self.exercise,
                item_id,
                answer,
                score=feedback.score,
                feedback=feedback.text(),
            )
        except OSError as error:  # StoreError: disk full, read-only, damaged, said as such
            box.value = notice_html(str(error), "error")
            return None
        except Exception as error:
            box.value = notice_html(t("ui.store_error", problem=error), "error")
            return None
        box.value = feedback_html(feedback) + notice_html(t("common.saved"), "ok")
        return feedback

    def _item_box(self, children, item_id: str) -> widgets.VBox:
        box = widgets.VBox(
            children,
            layout=widgets.Layout(border="1px solid #cbd5e1", padding="6px", margin="6px 0"),
        )
        box.add_class("kinerja-item")
        box.add_class(f"kinerja-item-{item_id}")
        return box

    def make_items(self, seed) -> list:
        raise NotImplementedError

    def build(self) -> list:
        raise NotImplementedError

    def _ipython_display_(self):
        display(self.widget)
