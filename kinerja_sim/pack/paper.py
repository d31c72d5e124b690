"""Scores from paper: what a trainee wrote on a handout's answer sheet, saved as if typed in the
app.

The answer sheets of :mod:`kinerja_sim.pack.handouts` carry the case id of a shared case of the
workshop (exercise 02's ``bersama-...`` cases, from ``KINERJA_SIM_WORKSHOP``). The facilitator
types a sheet in afterwards (:func:`kinerja_sim.ui.pack_buttons.paper_scores_form`);
:func:`enter_paper_scores` checks the eight scores as the app does (1–5, decimal comma or point,
:func:`kinerja_sim.training.exercises.scoring.parse_scores`), computes the same feedback and saves
the answer in the progress store under exercise ``02_nilai_berkas_kasus``, so the dashboard, the
bias profiles and the certificates count it like any other.

Under whose identity (the safe room's, issue #21): a sheet is saved only for a trainee on the
store's roster (:func:`roster`: everyone who signed in or answered, merges followed), picked
from it by the facilitator, never for a free-typed name that might be another trainee's
spelling. A trainee who worked only on paper is first put on the roster with
:func:`add_to_roster`, which refuses a name already there (any case or spacing) and issues a
personal code, as the dashboard's roster does, so that the trainee can later sign in to the
app and find their paper answers. When the sheet carries the trainee's personal code, passing
it as ``code`` checks it: a code that does not match refuses the sheet (the wrong trainee was
picked).

Examples
--------
>>> import tempfile, os
>>> from kinerja_sim.world.dimensions import DIMENSIONS
>>> path = os.path.join(tempfile.mkdtemp(), "hari.sqlite")
>>> _ = ProgressStore(path).remember_trainee("Siti Rahma")
>>> roster(path)
['Siti Rahma']
>>> case_id = paper_cases().cases[0].item_id
>>> feedback = enter_paper_scores(path, "Siti Rahma", case_id, dict.fromkeys(DIMENSIONS, "3,5"))
>>> ProgressStore(path).answers()[["trainee", "exercise"]].iloc[0].tolist()
['Siti Rahma', '02_nilai_berkas_kasus']
>>> name, code = add_to_roster(path, "Budi Santoso")
>>> name, len(code), roster(path)
('Budi Santoso', 6, ['Budi Santoso', 'Siti Rahma'])
"""

from __future__ import annotations

from kinerja_sim._core.i18n import t
from kinerja_sim._core.sheets import clean_text
from kinerja_sim.training.exercises import Feedback, scoring
from kinerja_sim.training.progress import ProgressStore, trainee_key
from kinerja_sim.training.trainee import trainee_name

__all__ = ["add_to_roster", "enter_paper_scores", "paper_cases", "roster"]


def paper_cases() -> scoring.CaseSet:
    """The shared cases of the workshop, as the app's exercise 02 draws them and the handouts print.

    Exactly the app's: :func:`~kinerja_sim.training.exercises.scoring.make_cases` with its default
    number of shared cases (the selection depends on the number, so no other is offered).
    """
    return scoring.make_cases(rng=0, own=0)


def roster(store_path) -> list[str]:
    """The trainees of the store, as the dashboard shows them: everyone who signed in or has an
    answer, one name per trainee (spellings and merged names as one), in name order."""
    store = ProgressStore(store_path, create=False)
    names = {*store.trainees()["trainee"], *store.answers()["trainee"]}
    shown = {}
    for name in names:
        canonical = store.canonical_name(name)
        shown.setdefault(trainee_key(canonical), canonical)
    return sorted(shown.values(), key=lambda name: (trainee_key(name), name))


def _on_roster(store: ProgressStore, trainee, lang) -> str:
    """``trainee``'s name as the store shows it; ValueError when they are not on the roster."""
    if not isinstance(trainee, str) or not trainee.strip():
        raise ValueError(t("pack.paper.no_trainee", lang))
    name = store.canonical_name(trainee)
    if trainee_key(name) not in {trainee_key(n) for n in roster(store.path)}:
        raise ValueError(t("pack.paper.not_on_roster", lang, trainee=clean_text(trainee)[:60]))
    return name


def add_to_roster(store_path, name: str, *, lang=None) -> tuple[str, str]:
    """Put a trainee who is not on the roster yet on it, with a new personal code.

    Returns
    -------
    (str, str)
        The name as stored and the code (shown to the facilitator once, to hand over).

    Raises
    ------
    ValueError
        When the name is empty, too long or holds hidden characters (the sign-in's rules), or
        is already on the roster in any spelling: then the facilitator picks it from the list.
    """
    store = ProgressStore(store_path, create=False)
    try:
        typed = trainee_name(name)
    except TypeError:
        raise ValueError(t("pack.paper.no_trainee", lang)) from None
    existing = {trainee_key(n): n for n in roster(store_path)}
    key = trainee_key(store.canonical_name(typed))
    if key in existing:
        raise ValueError(t("pack.paper.already_on_roster", lang, trainee=existing[key]))
    stored = store.remember_trainee(typed)
    return stored, store.issue_code(stored)


def _check_code(store: ProgressStore, name: str, code: str, lang) -> None:
    """The personal code written on the sheet must be ``name``'s (ValueError otherwise)."""
    if store.code_status(name) != "set":
        raise ValueError(t("pack.paper.no_code_yet", lang, trainee=name))
    try:
        result, _shown = store.sign_in(name, code)
    except (TypeError, ValueError):
        result = "wrong"
    if result != "ok":
        raise ValueError(t("pack.paper.wrong_code", lang, trainee=name))


def enter_paper_scores(
    store_path, trainee: str, case_id: str, scores: dict, *, code: str | None = None, lang=None
) -> Feedback:
    """Save one answer sheet: ``scores`` (dimension -> typed score) of ``case_id`` by ``trainee``.

    Parameters
    ----------
    trainee : str
        A name of the :func:`roster` (as picked there; case and spaces are ignored).
    code : str, optional
        The personal code written on the sheet; when given it must be the trainee's.

    Raises
    ------
    ValueError
        When the trainee is not on the roster, the code does not match, the case is not one
        of the workshop's printed shared cases, or a score is empty, not a number or outside
        the scale (the app's message, naming the dimension). Nothing is saved then.
    """
    cases = paper_cases()
    if case_id not in {case.item_id for case in cases.cases}:
        raise ValueError(t("pack.paper.unknown_case", lang, case=str(case_id)[:60]))
    parsed = scoring.parse_scores(scores, lang=lang)
    store = ProgressStore(store_path, create=False)
    name = _on_roster(store, trainee, lang)
    if code is not None and code.strip():
        _check_code(store, name, code, lang)
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
