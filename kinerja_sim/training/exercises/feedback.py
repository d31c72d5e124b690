"""Exercise 06_tulis_umpan_balik: write feedback for a case you have scored, coached from its
evidence.

For each case of exercise 02 (the shared cases of the workshop first, then the trainee's
own), the trainee writes two pieces of feedback: one on **Hasil Kerja** and one on the
BerAKHLAK value where the case file holds the most recorded incidents. Each text is checked by
:func:`kinerja_sim.coach.feedback.check` against the case file: missing parts, labels, absolutes,
vague asks, and evidence the file does not hold are pointed out with what to write instead. A
text is called constructive ("membangun") only when it is
:attr:`~kinerja_sim.coach.feedback.FeedbackCheck.constructive`: no problem and all four parts.

The score saved is ``parts / 4 − 0.25 × problems``, clipped to 0–1, with ``parts`` the
number of the four parts present (ASSUMPTION: a readable 0–1 score; a text with all four
parts and no problem scores 1).
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja_sim._core.i18n import t
from kinerja_sim.training.exercises._common import Feedback
from kinerja_sim.training.exercises.scoring import CaseSet, make_cases
from kinerja_sim.world.dimensions import BERAKHLAK, DIMENSION_LABELS, RESULT

__all__ = [
    "EXERCISE",
    "FeedbackItem",
    "check_feedback",
    "coaching",
    "make_items",
    "score_of",
]

EXERCISE = "06_tulis_umpan_balik"


@dataclass(frozen=True)
class FeedbackItem:
    """One text to write: ``item_id`` ("<case item>:<dimension>"), the case and the dimension."""

    item_id: str
    case_item: str
    employee_id: str
    dimension: str


def _busiest_value(dataset, employee_id: str) -> str:
    evidence = dataset.evidence
    incidents = evidence[(evidence["employee_id"] == employee_id) & (evidence["kind"] == "insiden")]
    counts = incidents.groupby("dimension").size().reindex(list(BERAKHLAK), fill_value=0)
    return str(counts.idxmax())


def make_items(*, rng=None, cases: int = 2) -> tuple[CaseSet, list[FeedbackItem]]:
    """The cases of exercise 02 for this trainee and two texts to write for each of the first
    ``cases`` (``rng`` as in :func:`kinerja_sim.training.exercises.scoring.make_cases`).

    Examples
    --------
    >>> case_set, items = make_items(rng=11, cases=1)
    >>> [item.dimension == "hasil_kerja" for item in items]
    [True, False]
    """
    case_set = make_cases(rng=rng)
    items = []
    for case in case_set.cases[:cases]:
        value = _busiest_value(case_set.dataset(case.item_id), case.employee_id)
        for dimension in (RESULT, value):
            items.append(
                FeedbackItem(
                    f"{case.item_id}:{dimension}", case.item_id, case.employee_id, dimension
                )
            )
    return case_set, items


def score_of(result) -> float:
    """The 0–1 score of a :class:`kinerja_sim.coach.feedback.FeedbackCheck` (see the module
    notes).
    """
    parts = sum(bool(spans) for spans in result.parts.values())
    return float(min(1.0, max(0.0, parts / 4 - 0.25 * len(result.codes))))


def check_feedback(case_set: CaseSet, item: FeedbackItem, text: str, *, lang=None) -> Feedback:
    """Coach one text: which parts are there, what to fix, with evidence from the case file."""
    from kinerja_sim.coach.feedback import case_facts, check

    if not isinstance(text, str) or not text.strip():
        raise ValueError(t("exercises.feedback.empty", lang))
    result = check(
        text,
        case=case_facts(case_set.dataset(item.case_item), item.employee_id),
        dimension=item.dimension,
        lang=lang,
    )
    verdict = coaching(result, lang=lang)
    return Feedback(
        verdict.correct,
        score_of(result),
        f"{DIMENSION_LABELS[item.dimension]}: {verdict.summary}",
        verdict.details,
    )


def coaching(result, *, lang=None) -> Feedback:
    """The verdict a trainee reads for a :class:`kinerja_sim.coach.feedback.FeedbackCheck`: the
    parts found and missing, the problems, the suggestions; "membangun" (correct) only when the
    text is ``constructive`` (no problem and all four parts), never with a part missing.

    Used by exercise 06 and by the dialog practice of lesson 02, so both say the same.
    """
    from kinerja_sim.coach.feedback import PARTS

    present = [t(f"feedback.part.{part}", lang) for part in PARTS if result.parts.get(part)]
    missing = [t(f"feedback.part.{part}", lang) for part in PARTS if not result.parts.get(part)]
    details = [
        t(
            "exercises.feedback.parts",
            lang,
            present=", ".join(present) or "–",
            missing=", ".join(missing) or "–",
        )
    ]
    details += [problem.message for problem in result.problems]
    details += [s for s in result.suggestions if s not in details]
    if result.constructive:
        summary = t("feedback.ok", lang)
    elif result.ok:  # sound evidence, but the impact or the next step is missing
        summary = t("feedback.incomplete", lang, missing=", ".join(missing).lower())
    else:
        summary = t("feedback.not_ok", lang, n=len(result.codes))
    return Feedback(
        result.constructive, 1.0 if result.constructive else 0.0, summary, tuple(details)
    )
