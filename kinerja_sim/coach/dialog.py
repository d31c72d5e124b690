"""A conversation guide for a *dialog kinerja* role-play, generated from one case file.

PermenPAN-RB 6/2022 asks the supervisor to hold a performance dialogue: set and clarify the
expectations, give continuous feedback from evidence, and agree what happens next (HIGH).
For a pair of trainees (one plays the supervisor, one the employee), :func:`conversation_guide`
turns a case file into a short script: questions to open, the evidence to cite (the
strongest and weakest indicators, recorded incidents with their quarters), what the
employee is likely to answer and how to respond, and how to agree the next step with a time.
The likely answers are typical replies per dimension (ASSUMPTION: written for the kit from
public guidance on dialog kinerja; they are prompts for the role-play, not predictions).

Examples
--------
>>> from kinerja_sim.cases.casefile import practice_cases
>>> data, ids = practice_cases(1, rng=7)
>>> guide = conversation_guide(data, ids[0])
>>> len(guide.opening) >= 2 and len(guide.evidence) >= 1 and len(guide.next_steps) >= 1
True
>>> "<h4>" in guide.to_html()
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim.world.dimensions import DIMENSION_LABELS, RESULT

__all__ = ["DialogGuide", "conversation_guide"]

_QUARTERS = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class DialogGuide:
    """A role-play script for one employee (all text in the language asked for).

    Attributes
    ----------
    employee : str
        The employee's name as the case file shows it.
    opening : tuple of str
        Open questions to start the dialogue.
    evidence : tuple of str
        Evidence to cite, each with its quarter or its numbers.
    responses : tuple of (str, str)
        Likely answers of the employee and how the supervisor may respond.
    next_steps : tuple of str
        How to agree the next step, with a time and a measure.
    """

    employee: str
    opening: tuple[str, ...]
    evidence: tuple[str, ...]
    responses: tuple[tuple[str, str], ...]
    next_steps: tuple[str, ...]
    lang: str | None = None

    def to_html(self) -> str:
        """The guide as HTML (class ``kinerja-dialog``) for a notebook or the app."""

        def items(values):
            return "".join(f"<li>{html.escape(v)}</li>" for v in values)

        answers = "".join(
            f"<li><i>“{html.escape(a)}”</i><br>→ {html.escape(b)}</li>" for a, b in self.responses
        )
        lang = self.lang
        title = html.escape(t("dialog.title", lang, name=self.employee))
        return (
            f"<div class='kinerja-dialog' style='line-height:1.4'><h4>{title}</h4>"
            f"<b>1. {html.escape(t('dialog.opening', lang))}</b><ul>{items(self.opening)}</ul>"
            f"<b>2. {html.escape(t('dialog.evidence', lang))}</b><ul>{items(self.evidence)}</ul>"
            f"<b>3. {html.escape(t('dialog.responses', lang))}</b><ul>{answers}</ul>"
            f"<b>4. {html.escape(t('dialog.next_steps', lang))}</b>"
            f"<ul>{items(self.next_steps)}</ul></div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()


def _quarter(period: int, periods: int) -> str:
    return _QUARTERS[period - 1] if periods == 4 and 1 <= period <= 4 else str(period)


def _indicators(dataset, employee_id: str) -> pd.DataFrame:
    from kinerja_sim.rules import capaian

    skp = dataset.indicators[dataset.indicators["employee_id"] == employee_id].copy()
    skp["capaian"] = np.atleast_1d(
        capaian(
            skp["realisation"].to_numpy(),
            skp["target"].to_numpy(),
            direction=skp["direction"].to_numpy(),
        )
    )
    return skp.sort_values("capaian")


def conversation_guide(dataset, employee_id: str, *, lang: str | None = None) -> DialogGuide:
    """A dialog kinerja script for one employee of ``dataset`` (a case file of the kit).

    Parameters
    ----------
    dataset : Dataset
        The world of the case (e.g. from :func:`kinerja_sim.cases.casefile.practice_cases`).
    employee_id : str
        The employee.
    lang : str, optional
        "id" (default) or "en"; the evidence texts stay in Bahasa Indonesia (they are data).

    Returns
    -------
    DialogGuide
        Opening questions, evidence to cite, likely answers with responses, next steps.
    """
    from kinerja_sim.cases.casefile import case_employee

    person = case_employee(dataset, employee_id)
    periods = int(pd.unique(dataset.evidence["period"]).size)
    skp = _indicators(dataset, employee_id)
    incidents = dataset.evidence[
        (dataset.evidence["employee_id"] == employee_id) & (dataset.evidence["kind"] == "insiden")
    ].sort_values("period")
    weakest, strongest = (skp.iloc[0], skp.iloc[-1]) if len(skp) else (None, None)
    worst = incidents[incidents["value"] < 0].tail(2)
    best = incidents[incidents["value"] > 0].tail(2)

    opening = [t("dialog.ask.overall", lang, rhk=str(skp["rhk"].iloc[0]) if len(skp) else "")]
    if strongest is not None:
        opening.append(t("dialog.ask.strength", lang, iki=strongest["iki"]))
    if weakest is not None and weakest["capaian"] < 100:
        opening.append(t("dialog.ask.obstacle", lang, iki=weakest["iki"]))
    opening.append(t("dialog.ask.support", lang))

    evidence = []
    for row in (strongest, weakest):
        if row is not None and not (
            row is weakest and strongest is not None and row.name == strongest.name
        ):
            evidence.append(
                t(
                    "dialog.cite.indicator",
                    lang,
                    iki=row["iki"],
                    real=number(row["realisation"], 1, lang=lang),
                    target=number(row["target"], 1, lang=lang),
                    unit=row["unit"],
                    pct=number(row["capaian"], 1, lang=lang),
                )
            )
    for _, row in pd.concat([best, worst]).iterrows():
        evidence.append(
            t(
                "dialog.cite.incident",
                lang,
                quarter=_quarter(int(row["period"]), periods),
                value=DIMENSION_LABELS[row["dimension"]],
                text=row["text"],
                sign="+" if row["value"] > 0 else "−",
            )
        )

    responses = []
    for dimension in dict.fromkeys([*worst["dimension"], RESULT]):
        responses.append(
            (t(f"dialog.reply.{dimension}", lang), t(f"dialog.answer.{dimension}", lang))
        )

    next_steps = []
    if weakest is not None:
        next_quarter = _quarter(min(periods, 4), periods)
        next_steps.append(
            t(
                "dialog.step.indicator",
                lang,
                iki=weakest["iki"],
                target=number(weakest["target"], 1, lang=lang),
                unit=weakest["unit"],
                quarter=next_quarter,
            )
        )
    for _, row in worst.iterrows():
        next_steps.append(
            t("dialog.step.behaviour", lang, value=DIMENSION_LABELS[row["dimension"]])
        )
    next_steps.append(t("dialog.step.review", lang))
    return DialogGuide(
        str(person["name"]),
        tuple(opening),
        tuple(evidence),
        tuple(responses),
        tuple(dict.fromkeys(next_steps)),
        lang,
    )
