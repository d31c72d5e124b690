"""Lessons 01 and 02: the indicator builder and the case-file scoring form.

:class:`IndicatorBuilder` checks an IKI as the trainee types, with
:func:`kinerja_sim.coach.indicators.check`; :class:`ScoringForm` shows a case file
(:func:`kinerja_sim.cases.casefile.case_file_html`) and saves the eight scores to the progress
store at each submission, so nothing is lost on a kernel restart. The answer saved is the
same model the app saves (:class:`kinerja_sim.cases.answers.CaseAnswer`, with the truth kept
for the facilitator, and the reference score with the reading error and the evidence gap), so
the dashboard and lessons 04 and 05 read both alike.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from kinerja_sim._core.i18n import t
from kinerja_sim.cases.answers import CaseAnswer, case_ratings
from kinerja_sim.cases.reference import reference_scores
from kinerja_sim.coach import indicator_coach, indicators
from kinerja_sim.ui.lesson_common import (
    dimension_label,
    guarded,
    message_html,
    predicates_of,
    rule_set,
    wide_scores,
)
from kinerja_sim.world.dimensions import DIMENSIONS, behaviour_guides

__all__ = [
    "SCORE_OPTIONS",
    "IndicatorBuilder",
    "ScoringForm",
    "cascade_html",
    "check_examples",
    "saved_indicators",
    "scores_table",
    "stored_ratings",
    "trainee_login",
]

#: The scores a trainee can give (1-5; 3 = Sesuai Ekspektasi, the kit's scale, ASSUMPTION).
SCORE_OPTIONS = (1, 2, 3, 4, 5)


def trainee_login(store=None):
    """The trainee widget of :mod:`kinerja_sim.ui.login`, started at once when the name is known.

    On a trainee's own account the name typed in an earlier session is filled in; then the
    trainee does not need to press the button again after a kernel restart.
    """
    from kinerja_sim.ui.login import TraineeLogin

    login = TraineeLogin(store)
    if login.field.value:
        login.start()
    return login


def login_name(login):
    return getattr(login, "name", None) if login is not None else None


# --------------------------------------------------------------------------- 01 indicators
def check_examples(examples) -> pd.DataFrame:
    """Check several IKI at once: a table with the IKI, target, measurable, aspect and problems.

    Parameters
    ----------
    examples : list of str, of (iki, target) pairs or of (iki, target, label) triples
        ``label`` ("terukur" or "tidak"), e.g. from the real corpus, adds two columns: the
        label and whether the checker agrees with it.
    """
    rows = []
    for item in examples:
        iki, target, label = (
            (item, None, None) if isinstance(item, str) else (tuple(item) + (None,))[:3]
        )
        result = indicators.check(iki, target)
        row = {
            t("lessons.indicator.col_iki"): iki,
            t("lessons.indicator.col_target"): result.target,
            t("lessons.indicator.col_measurable"): t("lessons.yes")
            if result.measurable
            else t("lessons.no"),
            t("lessons.indicator.col_aspect"): result.aspect or "-",
            t("lessons.indicator.col_problems"): " ".join(result.problems) or "-",
        }
        if label is not None:
            row[t("indicators.lesson.col_label")] = t(f"indicators.label.{label}")
            agrees = result.measurable == (label == "terukur")
            row[t("indicators.lesson.col_agrees")] = t("lessons.yes") if agrees else t("lessons.no")
        rows.append(row)
    return pd.DataFrame(rows)


def cascade_html(dataset, office_id=None, *, per_rhk: int = 2) -> str:
    """The cascade of one office as nested lists: kepala daerah's RHK -> head's RHK -> staff RHK ->
    IKI.

    Parameters
    ----------
    dataset : Dataset
    office_id : str, optional
        Default: the first office.
    per_rhk : int
        How many staff RHK to show under each of the head's RHK.
    """
    office_id = office_id or dataset.offices["office_id"].iloc[0]
    head = dataset.offices.set_index("office_id").loc[office_id, "head_id"]
    people = dataset.employees.set_index("employee_id")
    skp = dataset.indicators[
        dataset.indicators["employee_id"].map(people["office_id"]) == office_id
    ]
    head_rows = skp[skp["employee_id"] == head]
    staff_rows = skp[skp["employee_id"] != head]
    parts = [
        f"<p><b>{html.escape(t('lessons.cascade.title', office=people.loc[head, 'position']))}"
        "</b></p><ul>"
    ]
    for regional, block in head_rows.groupby("rhk_pimpinan", sort=False):
        parts.append(f"<li>{_tag('lessons.cascade.bupati')} {html.escape(regional)}<ul>")
        for rhk in pd.unique(block["rhk"]):
            parts.append(f"<li>{_tag('lessons.cascade.head')} {html.escape(rhk)}<ul>")
            below = (
                staff_rows[staff_rows["rhk_pimpinan"] == rhk].drop_duplicates("rhk").head(per_rhk)
            )
            for _, row in below.iterrows():
                position = people.loc[row["employee_id"], "position"]
                parts.append(
                    f"<li>{_tag('lessons.cascade.staff')} {html.escape(row['rhk'])} "
                    f"<i>({html.escape(position)})</i><br>{_tag('lessons.cascade.iki')} "
                    f"{html.escape(row['iki'])} — target {row['target']:g} "
                    f"{html.escape(row['unit'])} ({row['aspect']})</li>"
                )
            parts.append("</ul></li>")
        parts.append("</ul></li>")
    return "".join(parts) + "</ul>"


def _tag(key: str) -> str:
    return (
        "<span style='background:#eef;padding:0 "
        f"4px;border-radius:3px'>{html.escape(t(key))}</span>"
    )


class IndicatorBuilder(widgets.VBox):
    """Write an IKI for an RHK and see at once whether it is measurable, and what to fix.

    Parameters
    ----------
    rhk_options : list of str
        RHK the trainee can write an indicator for (e.g. from ``dataset.indicators``).
    store : ProgressStore, optional
        Where "Simpan" saves the indicator (exercise ``"01_indikator"``, item = the RHK).
    login : TraineeLogin, optional
        Who is working (needed to save).
    kind : str, optional
        The office kind; the coach's rewrites for a vague IKI come from its real corpus.

    Attributes
    ----------
    result : IndicatorCheck or None
        The latest check.
    fits : bool
        Whether the IKI measures the chosen RHK (:func:`kinerja_sim.coach.indicator_coach.fits`).
    """

    exercise = "01_indikator"

    def __init__(self, rhk_options, *, store=None, login=None, kind=None):
        self.store, self.login, self.result, self.kind, self.fits = store, login, None, kind, True
        self.rhk = widgets.Dropdown(
            options=list(rhk_options), description="RHK", layout=widgets.Layout(width="95%")
        )
        self.iki = widgets.Textarea(
            placeholder=t("lessons.indicator.iki_placeholder"),
            description="IKI",
            continuous_update=True,
            layout=widgets.Layout(width="95%", height="60px"),
        )
        self.target = widgets.Text(
            placeholder=t("lessons.indicator.target_placeholder"),
            description="Target",
            continuous_update=True,
            layout=widgets.Layout(width="60%"),
        )
        self.save_button = widgets.Button(
            description=t("lessons.save"), icon="save", button_style="primary"
        )
        self.feedback, self.message = widgets.HTML(), widgets.HTML()
        self.save_button.on_click(self.save)
        for field in (self.iki, self.target, self.rhk):
            field.observe(self.update, names="value")
        super().__init__(
            [self.rhk, self.iki, self.target, self.feedback, self.save_button, self.message]
        )
        self.update()

    @guarded
    def update(self, _=None) -> None:
        """Check the IKI and target as they stand now."""
        if not self.iki.value.strip():
            self.result = None
            self.feedback.value = message_html(t("lessons.indicator.empty"), "info")
            return
        self.result = indicators.check(self.iki.value, self.target.value or None)
        self.fits = not self.rhk.value or indicator_coach.fits(self.iki.value, [self.rhk.value])
        self.feedback.value = self._feedback_html()
        self.message.value = ""

    def _feedback_html(self) -> str:
        aspect = self.result.aspect or "-"
        if self.result.measurable and self.fits:
            hints = "".join(f"<p>{html.escape(hint)}</p>" for hint in self.result.hints)
            return message_html(t("lessons.indicator.measurable", aspect=aspect), "ok") + hints
        if self.result.measurable:
            return message_html(t("indicators.lesson.off_topic", rhk=self.rhk.value), "warn")
        items = "".join(f"<li>{html.escape(problem)}</li>" for problem in self.result.problems)
        examples = indicator_coach.suggest(
            self.iki.value, self.target.value or None, kind=self.kind, n=2
        )
        hints = "".join(
            f"<li><i>{html.escape(text)}</i> — {html.escape(goal)}</li>" for text, goal in examples
        )
        coach = (
            f"<p>{html.escape(t('indicators.lesson.suggest'))}</p><ul>{hints}</ul>" if hints else ""
        )
        return (
            message_html(t("lessons.indicator.not_measurable", aspect=aspect), "warn")
            + f"<ul>{items}</ul>"
            + coach
        )

    @guarded
    def save(self, _=None) -> None:
        """Save the indicator to the progress store (needs a trainee name and a store)."""
        name = login_name(self.login)
        if self.store is None or not name:
            self.message.value = message_html(t("lessons.need_login"), "warn")
            return
        if self.result is None:
            self.message.value = message_html(t("lessons.indicator.empty"), "warn")
            return
        answer = {
            "rhk": self.rhk.value,
            "iki": self.result.iki,
            "target": self.result.target,
            "measurable": self.result.measurable,
            "aspect": self.result.aspect or "",
            "fits_rhk": self.fits,
        }
        self.store.submit(
            name,
            self.exercise,
            self.rhk.value,
            answer,
            score=1.0
            if self.result.measurable and self.fits
            else 0.5
            if self.result.measurable
            else 0.0,
        )
        self.message.value = message_html(t("lessons.saved"), "ok")


def saved_indicators(store, login) -> pd.DataFrame:
    """The indicators the trainee saved with :class:`IndicatorBuilder` (latest per RHK).

    Returns
    -------
    DataFrame
        Columns (catalogue language): RHK, IKI, target, measurable, aspect; empty (with the
        same columns) before the trainee has logged in or saved anything.
    """
    name = login_name(login)
    saved = store.latest(name, IndicatorBuilder.exercise) if name else {}
    columns = ["rhk", "iki", "target", "measurable", "aspect"]
    table = pd.DataFrame(
        [{c: answer.get(c, "") for c in columns} for answer in saved.values()], columns=columns
    )
    table["measurable"] = table["measurable"].map({True: t("lessons.yes"), False: t("lessons.no")})
    return table.rename(
        columns={
            "rhk": "RHK",
            "iki": t("lessons.indicator.col_iki"),
            "target": t("lessons.indicator.col_target"),
            "measurable": t("lessons.indicator.col_measurable"),
            "aspect": t("lessons.indicator.col_aspect"),
        }
    )


# --------------------------------------------------------------------------- 02 scoring
def stored_ratings(store, exercise: str, *, trainee=None, dimensions=DIMENSIONS) -> pd.DataFrame:
    """The latest scores saved in an exercise, as a long ratings table (one rater per trainee).

    Read through the one model of a case answer (:func:`kinerja_sim.cases.answers.case_ratings`),
    so the older flat answers of notebook 02 and the answers of the app read alike.

    Returns
    -------
    DataFrame
        ``rater_id`` (the trainee), ``employee_id``, ``dimension``, ``score``; only answers
        holding all ``dimensions`` are kept. Empty when nothing is saved.
    """
    columns = ["rater_id", "employee_id", "dimension", "score"]
    ratings = case_ratings(store.answers(trainee=trainee, exercise=exercise), complete=False)
    if ratings.empty:
        return pd.DataFrame(columns=columns)
    counts = (
        ratings[ratings["dimension"].isin(list(dimensions))]
        .groupby(["rater_id", "case_id"])["dimension"]
        .nunique()
    )
    full = counts[counts == len(dimensions)].index
    keep = ratings.set_index(["rater_id", "case_id"]).index.isin(full) & ratings["dimension"].isin(
        list(dimensions)
    )
    return ratings.loc[keep, columns].reset_index(drop=True)


def scores_table(store, login, dataset, exercise: str = "02_penilaian", rules=None) -> pd.DataFrame:
    """The trainee's saved scores, one row per case, with the predicate they lead to (no truth).

    Returns
    -------
    DataFrame
        Name, the eight dimensions (Indonesian labels) and "Predikat"; empty before the
        trainee has logged in or saved a case.
    """
    name = login_name(login)
    ratings = (
        stored_ratings(store, exercise, trainee=name)
        if name
        else stored_ratings(store, exercise).iloc[:0]
    )
    labels = [dimension_label(d) for d in DIMENSIONS]
    columns = [t("lessons.curve.col_name"), *labels, t("lessons.scoring.col_predicate")]
    if ratings.empty:
        return pd.DataFrame(columns=columns)
    wide = wide_scores(ratings)
    wide[t("lessons.scoring.col_predicate")] = predicates_of(ratings, dataset, rules)[
        "predicate"
    ].to_numpy()
    names = dataset.employees.set_index("employee_id")["name"]
    wide.insert(0, t("lessons.curve.col_name"), wide["employee_id"].map(names))
    return wide[columns]


class ScoringForm(widgets.VBox):
    """Read a case file and give the eight scores; each submission is saved at once.

    Parameters
    ----------
    dataset : Dataset
    employee_ids : list of str
        The cases, in the order the trainee sees them.
    store : ProgressStore
    login : TraineeLogin
        Who is working; their earlier answers are filled in when they log in.
    exercise : str
        The exercise name in the store (item = employee id, answer = the eight scores).
    rules : rule set or name, optional
        Turns the scores into a predicate for the feedback (default PermenPAN-RB 6/2022).

    Attributes
    ----------
    last_predicate : str or None
        The predicate the last submitted scores lead to.
    """

    def __init__(
        self,
        dataset,
        employee_ids,
        *,
        store,
        login=None,
        exercise="02_penilaian",
        rules=None,
        kind="bersama",
    ):
        self.dataset, self.store, self.login, self.exercise, self.kind = (
            dataset,
            store,
            login,
            exercise,
            kind,
        )
        self.rs = rule_set(rules)
        self.employee_ids = [str(e) for e in employee_ids]
        if not self.employee_ids:
            raise ValueError("employee_ids must name at least one case")
        self.last_predicate = None
        self.case = widgets.Dropdown(
            description=t("lessons.scoring.case"),
            layout=widgets.Layout(width="95%"),
            style={"description_width": "80px"},
        )
        self.casefile = widgets.HTML(
            layout=widgets.Layout(
                max_height="420px", overflow="auto", border="1px solid #ccc", padding="6px"
            )
        )
        self.buttons = {d: self._buttons(d) for d in DIMENSIONS}
        self.submit_button = widgets.Button(
            description=t("lessons.scoring.submit"),
            icon="save",
            button_style="primary",
            layout=widgets.Layout(width="max-content"),
        )
        self.message, self.progress = widgets.HTML(), widgets.HTML()
        self.submit_button.on_click(self.submit)
        self.case.observe(self.show_case, names="value")
        scale = widgets.HTML(message_html(t("lessons.scoring.scale"), "info"))
        super().__init__(
            [
                self.progress,
                self.case,
                self.casefile,
                scale,
                _guides_accordion(),
                *self.buttons.values(),
                self.submit_button,
                self.message,
            ]
        )
        if login is not None and hasattr(login, "observe"):
            login.observe(lambda _name: self.refresh())
        self.refresh()

    @staticmethod
    def _buttons(dimension):
        group = widgets.ToggleButtons(
            options=list(SCORE_OPTIONS),
            value=None,
            description=dimension_label(dimension),
            style={"description_width": "170px", "button_width": "42px"},
        )
        group.add_class(f"kinerja-score-{dimension}")
        return group

    def saved(self) -> dict:
        """The trainee's latest saved answers: ``{employee_id: {dimension: score}}``."""
        name = login_name(self.login)
        latest = self.store.latest(name, self.exercise) if name else {}
        return {
            item: CaseAnswer.from_json(self.exercise, item, answer).scores
            for item, answer in latest.items()
        }

    @guarded
    def refresh(self) -> None:
        """Rebuild the case list (done cases ticked) and show the current case."""
        saved, current = self.saved(), self.case.value
        options = []
        for number, employee_id in enumerate(self.employee_ids, start=1):
            person = self.dataset.employees.set_index("employee_id").loc[employee_id]
            tick = "✓ " if employee_id in saved else ""
            options.append(
                (f"{tick}{number}. {person['name']} — {person['position']}", employee_id)
            )
        self.case.unobserve(self.show_case, names="value")
        self.case.options = options
        self.case.value = current if current in self.employee_ids else self.employee_ids[0]
        self.case.observe(self.show_case, names="value")
        self.progress.value = message_html(
            t("lessons.scoring.progress", done=len(saved), n=len(self.employee_ids)), "info"
        )
        self.show_case()

    @guarded
    def show_case(self, _=None) -> None:
        """Show the case file of the chosen case and fill in a saved answer, if any."""
        from kinerja_sim.cases.casefile import case_file_html

        self.casefile.value = case_file_html(self.dataset, self.case.value)
        answer = self.saved().get(self.case.value, {})
        for dimension, group in self.buttons.items():
            value = answer.get(dimension)
            group.value = int(value) if value in SCORE_OPTIONS else None
        self.message.value = ""

    def scores(self) -> dict:
        """The eight scores chosen now (None where not chosen)."""
        return {d: group.value for d, group in self.buttons.items()}

    @guarded
    def submit(self, _=None) -> None:
        """Save the eight scores of the current case and show the predicate they lead to."""
        name = login_name(self.login)
        if not name:
            self.message.value = message_html(t("lessons.need_login"), "warn")
            return
        scores = self.scores()
        missing = [dimension_label(d) for d, v in scores.items() if v is None]
        if missing:
            self.message.value = message_html(
                t("lessons.scoring.missing", names=", ".join(missing)), "warn"
            )
            return
        answer = {d: float(v) for d, v in scores.items()}
        person = self.dataset.employees.set_index("employee_id").loc[self.case.value]
        truth = {
            d: float(person[f"true_{d}"]) for d in DIMENSIONS
        }  # kept for the facilitator, never shown here
        reference = reference_scores(self.dataset, self.case.value)["reference"]
        record = CaseAnswer(self.case.value, self.case.value, self.kind, answer, truth).to_json()
        # what the file shows, and the two distances (reading error, evidence gap), as the app saves
        record["reference_scores"] = {d: round(float(reference[d]), 3) for d in DIMENSIONS}
        record["reading_error"] = {d: round(answer[d] - float(reference[d]), 3) for d in DIMENSIONS}
        record["evidence_gap"] = {d: round(float(reference[d]) - truth[d], 3) for d in DIMENSIONS}
        # The case's 0-1 score against the reference, as the app computes it.
        from kinerja_sim.training.exercises.scoring import case_score

        self.store.submit(
            name, self.exercise, self.case.value, record, score=case_score(answer, reference)
        )
        ratings = pd.DataFrame(
            {
                "rater_id": name,
                "employee_id": self.case.value,
                "dimension": list(answer),
                "score": list(answer.values()),
            }
        )
        self.last_predicate = predicates_of(ratings, self.dataset, self.rs)["predicate"].iloc[0]
        self.refresh()
        self.message.value = message_html(
            t("lessons.scoring.saved", predicate=self.last_predicate), "ok"
        )


def _guides_accordion():
    """The 21 panduan perilaku BerAKHLAK, folded, for reference while scoring."""
    guides = behaviour_guides()
    rows = "".join(
        f"<li><b>{html.escape(value)}</b>: "
        + "; ".join(html.escape(g) for g in block["panduan_perilaku"])
        + "</li>"
        for value, block in guides.groupby("nilai", sort=False)
    )
    accordion = widgets.Accordion(children=[widgets.HTML(f"<ul>{rows}</ul>")])
    accordion.set_title(0, t("lessons.scoring.guides"))
    accordion.selected_index = None
    return accordion
