"""Shared plumbing of the lesson widgets: messages, guarded handlers, figures and predicates.

Nothing here computes a score, a predicate or a statistic: predicates come from the rule
set (:mod:`kinerja_sim.rules`), the Perilaku Kerja score from
:func:`kinerja_sim.rules.compare.employee_inputs`.
"""

from __future__ import annotations

import functools
import html
from types import SimpleNamespace

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim.rules import PREDICATES, load
from kinerja_sim.rules.compare import employee_inputs
from kinerja_sim.world.dimensions import DIMENSION_LABELS, DIMENSIONS

__all__ = [
    "PREDICATE_COLOURS",
    "USER_ERRORS",
    "dimension_label",
    "guarded",
    "message_html",
    "number_text",
    "predicates_of",
    "rule_set",
    "show_figure",
    "wide_scores",
]

#: Errors a widget turns into a catalogue message instead of a traceback.
USER_ERRORS = (ValueError, TypeError, KeyError)

#: One colour per predicate, best (green) to worst (red), for every plot of the kit.
PREDICATE_COLOURS = dict(zip(PREDICATES, ("#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027")))

_STYLES = {"info": "#1f4e79", "ok": "#1a7f37", "warn": "#9a6700", "error": "#b3261e"}


def message_html(text: str, kind: str = "info") -> str:
    """``text`` as a small coloured HTML paragraph (``info``, ``ok``, ``warn`` or ``error``)."""
    colour = _STYLES.get(kind, _STYLES["info"])
    return f'<p style="color:{colour};margin:4px 0">{html.escape(text)}</p>'


def number_text(value, digits: int = 2, *, sign: bool = False) -> str:
    """A number for trainee-facing text: ``digits`` decimals, by :mod:`kinerja_sim._core.format`.

    Decimal comma in Bahasa Indonesia, point in English; with ``sign`` a plus before a
    positive number (or zero).
    """
    text = number(value, digits, trim=False)
    return f"+{text}" if sign and text[0].isdigit() else text


def guarded(handler):
    """Decorate a widget method so that a user error shows as a message, never a traceback.

    The widget must have a ``message`` (an ``ipywidgets.HTML``). ValueError, TypeError and
    KeyError are caught and shown with the catalogue message ``lessons.error``; the
    method then returns None.
    """

    @functools.wraps(handler)
    def wrapper(self, *args, **kwargs):
        try:
            return handler(self, *args, **kwargs)
        except USER_ERRORS as error:
            self.message.value = message_html(t("lessons.error", problem=_problem(error)), "error")
            return None

    return wrapper


def _problem(error: Exception) -> str:
    text = str(error.args[0]) if error.args else type(error).__name__
    return text.strip("'\"")


def show_figure(output, fig) -> None:
    """Replace the content of an ``ipywidgets.Output`` with ``fig`` (then closed)."""
    output.clear_output(wait=True)
    with output:
        display(fig)
    plt.close(fig)


def dimension_label(key: str) -> str:
    """The Indonesian label of a dimension key (``"hasil_kerja"`` -> ``"Hasil Kerja"``)."""
    return DIMENSION_LABELS.get(key, key)


def rule_set(rules=None):
    """A rule set: ``rules`` itself, a built-in name, or PermenPAN-RB 6/2022 by default."""
    if rules is None:
        return load("permenpanrb-6-2022")
    return load(rules) if isinstance(rules, str) else rules


def predicates_of(ratings: pd.DataFrame, dataset, rules=None) -> pd.DataFrame:
    """The predicate each rater's scores lead to, and the true predicate, per rater and employee.

    Parameters
    ----------
    ratings : DataFrame
        ``rater_id``, ``employee_id``, ``dimension``, ``score`` and, optionally,
        ``true_score`` (all eight dimensions per rater and employee).
    dataset : Dataset
        Gives the employees' office (the Perilaku Kerja score is computed by
        :func:`kinerja_sim.rules.compare.employee_inputs`).
    rules : rule set or name, optional
        Default PermenPAN-RB 6/2022.

    Returns
    -------
    DataFrame
        ``rater_id``, ``employee_id``, ``hasil_kerja_score``, ``perilaku_score``,
        ``predicate`` and, with ``true_score``, ``true_predicate``.
    """
    rs = rule_set(rules)
    frames = []
    for rater_id, own in ratings.groupby("rater_id", sort=True):
        frame = _scores(own, dataset, "score")
        frame["predicate"] = rs.predicate_from_scores(
            frame["hasil_kerja_score"], frame["perilaku_score"]
        )
        if "true_score" in own.columns:
            truth = _scores(own, dataset, "true_score")
            frame["true_predicate"] = rs.predicate_from_scores(
                truth["hasil_kerja_score"], truth["perilaku_score"]
            )
        frame.insert(0, "rater_id", rater_id)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _scores(ratings: pd.DataFrame, dataset, column: str) -> pd.DataFrame:
    """Hasil Kerja and Perilaku Kerja scores of one rater's ratings (``column`` as the score)."""
    ids = pd.unique(ratings["employee_id"])
    employees = dataset.employees[dataset.employees["employee_id"].isin(ids)]
    view = SimpleNamespace(
        employees=employees,
        indicators=dataset.indicators,
        ratings=ratings[["employee_id", "dimension"]].assign(score=ratings[column]),
    )
    inputs = employee_inputs(view, hasil_kerja="ratings")
    return inputs[["employee_id", "hasil_kerja_score", "perilaku_score"]].reset_index(drop=True)


def wide_scores(ratings: pd.DataFrame, column: str = "score") -> pd.DataFrame:
    """Ratings as one row per rater and employee, one column per dimension (Indonesian labels)."""
    wide = ratings.pivot_table(
        index=["rater_id", "employee_id"], columns="dimension", values=column
    )
    wide = wide.reindex(columns=list(DIMENSIONS)).rename(columns=DIMENSION_LABELS)
    wide.columns.name = None
    return wide.reset_index()
