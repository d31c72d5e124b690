"""Scores from paper: what a trainee wrote on a handout's answer sheet, saved as if typed in the app.

The answer sheets of :mod:`kinerja_sim.pack.handouts` carry the case id of a shared case of the
workshop (exercise 02's ``bersama-...`` cases, from ``KINERJA_SIM_WORKSHOP``). The facilitator
types a sheet in afterwards (:func:`kinerja_sim.ui.pack_buttons.paper_scores_form`);
:func:`enter_paper_scores` checks the eight scores as the app does (1–5, decimal comma or point,
:func:`kinerja_sim.training.exercises.scoring.parse_scores`), computes the same feedback and saves
the answer in the progress store under exercise ``02_nilai_berkas_kasus`` for the trainee's
identity, so the dashboard, the bias profiles and the certificates count it like any other.

Examples
--------
>>> import tempfile, os
>>> from kinerja_sim.world.dimensions import DIMENSIONS
>>> path = os.path.join(tempfile.mkdtemp(), "hari.sqlite")
>>> _ = ProgressStore(path)
>>> case_id = paper_cases().cases[0].item_id
>>> feedback = enter_paper_scores(path, "Siti Rahma", case_id, dict.fromkeys(DIMENSIONS, "3,5"))
>>> ProgressStore(path).answers()[["trainee", "exercise"]].iloc[0].tolist()
['Siti Rahma', '02_nilai_berkas_kasus']
"""

from __future__ import annotations

from kinerja_sim._core.i18n import t
from kinerja_sim.training.exercises import Feedback, scoring
from kinerja_sim.training.progress import ProgressStore

__all__ = ["enter_paper_scores", "paper_cases"]


def paper_cases() -> scoring.CaseSet:
    """The shared cases of the workshop, as the app's exercise 02 draws them and the handouts print.

    Exactly the app's: :func:`~kinerja_sim.training.exercises.scoring.make_cases` with its default
    number of shared cases (the selection depends on the number, so no other is offered).
    """
    return scoring.make_cases(rng=0, own=0)


def enter_paper_scores(
    store_path, trainee: str, case_id: str, scores: dict, *, lang=None
) -> Feedback:
    """Save one answer sheet: ``scores`` (dimension -> typed score) of ``case_id`` by ``trainee``.

    Raises
    ------
    ValueError
        When the case is not one of the workshop's printed shared cases, or a score is empty,
        not a number or outside the scale (the app's message, naming the dimension).
    """
    cases = paper_cases()
    if case_id not in {case.item_id for case in cases.cases}:
        raise ValueError(t("pack.paper.unknown_case", lang, case=str(case_id)[:60]))
    parsed = scoring.parse_scores(scores, lang=lang)
    store = ProgressStore(store_path, create=False)
    name = store.canonical_name(trainee)
    feedback = scoring.check_scores(cases, case_id, parsed, lang=lang)
    store.submit(
        name,
        scoring.EXERCISE,
        case_id,
        scoring.answer_of(cases, case_id, parsed),
        score=feedback.score,
        feedback=feedback.text(),
    )
    return feedback
