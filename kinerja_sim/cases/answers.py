"""A trainee's answer to a case: one model for every place a trainee rates a case file.

Trainees rate case files in three places, each saving to the progress store under its own
exercise id:

=========================  ===========  =====================================================
exercise id                where        cases
=========================  ===========  =====================================================
``02_penilaian``           notebook 02  the lesson's six cases, the same for everyone (bersama)
``04_nilai_ulang``         notebook 04  six fresh cases of the trainee's own (pribadi)
``02_nilai_berkas_kasus``  app (02)     the workshop's shared cases and the trainee's own
=========================  ===========  =====================================================

The lesson's cases are :func:`kinerja_sim.cases.lesson.lesson_cases`.
:class:`CaseAnswer` is what one submission holds, whichever place it came from: the case, the
employee rated, whether the case is shared, the eight scores and (hidden from the trainee,
kept for the facilitator) the true scores. :meth:`CaseAnswer.to_json` is what every place
saves and :meth:`CaseAnswer.from_json` reads back. :func:`case_ratings` turns a store's
submissions into one long ratings table: the latest answer of every trainee to every case,
from every place, ready for the metrics.

Examples
--------
>>> saved = {"scores": {"hasil_kerja": 4.0, "akuntabel": 3.5}}
>>> answer = CaseAnswer.from_json("02_penilaian", "P00012", saved)
>>> answer.case_id, answer.kind, answer.scores["akuntabel"], answer.true_scores
('notebook02-P00012', 'bersama', 3.5, {})
>>> again = CaseAnswer.from_json("02_nilai_berkas_kasus", "bersama-101-P00012", answer.to_json())
>>> again.scores == answer.scores
True
"""

from __future__ import annotations

import json
import math
import numbers
from dataclasses import dataclass, field

import pandas as pd

from kinerja_sim.world.dimensions import DIMENSIONS

__all__ = [
    "APP_EXERCISE",
    "CASE_EXERCISES",
    "CASE_RATING_COLUMNS",
    "LESSON_EXERCISE",
    "RERATE_EXERCISE",
    "CaseAnswer",
    "case_ratings",
]

LESSON_EXERCISE = "02_penilaian"
RERATE_EXERCISE = "04_nilai_ulang"
APP_EXERCISE = "02_nilai_berkas_kasus"
#: Exercise id -> (where the trainee rated, case-id prefix for items that are bare employee ids).
CASE_EXERCISES = {
    LESSON_EXERCISE: ("notebook", "notebook02"),
    RERATE_EXERCISE: ("notebook", "notebook04"),
    APP_EXERCISE: ("aplikasi", ""),
}
CASE_RATING_COLUMNS = [
    "rater_id",
    "exercise",
    "source",
    "case_id",
    "employee_id",
    "kind",
    "dimension",
    "score",
    "true_score",
    "submitted_at",
]


def _score(value):
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        return None
    return float(value)


@dataclass(frozen=True)
class CaseAnswer:
    """One trainee's answer to one case.

    Attributes
    ----------
    case_id : str
        The case, the same for every trainee who rated it (the store's item, prefixed
        ``notebook02-``/``notebook04-`` for the notebooks' bare employee ids).
    employee_id : str
        The employee of the case's world.
    kind : str
        "bersama" (every trainee rates it: spread and reliability) or "pribadi" (own case).
    scores : dict
        Dimension key -> score on 1–5 (only the dimensions given).
    true_scores : dict
        Dimension key -> true score (empty when unknown).
    seed : int or None
        The seed of the case's world, when known.
    """

    case_id: str
    employee_id: str
    kind: str
    scores: dict = field(default_factory=dict)
    true_scores: dict = field(default_factory=dict)
    seed: int | None = None

    @property
    def complete(self) -> bool:
        """Whether all eight dimensions are scored."""
        return all(d in self.scores for d in DIMENSIONS)

    def to_json(self) -> dict:
        """The answer as saved in the store (the same form in the notebooks and the app)."""
        return {
            "scores": {d: self.scores[d] for d in DIMENSIONS if d in self.scores},
            "employee_id": self.employee_id,
            "kind": self.kind,
            "seed": self.seed,
            "true_scores": {
                d: round(float(self.true_scores[d]), 3) for d in DIMENSIONS if d in self.true_scores
            },
        }

    @classmethod
    def from_json(cls, exercise: str, item: str, answer: dict) -> CaseAnswer:
        """Read a saved answer of any case exercise (the form :meth:`to_json` writes).

        Raises TypeError when the answer holds no ``scores`` mapping.
        """
        _, prefix = CASE_EXERCISES.get(exercise, ("", ""))
        raw_scores = answer.get("scores")
        if not isinstance(raw_scores, dict):
            raise TypeError(f"answer to {exercise!r} {item!r} has no 'scores' mapping")
        scores = {d: _score(raw_scores.get(d)) for d in DIMENSIONS}
        truth = answer.get("true_scores") if isinstance(answer.get("true_scores"), dict) else {}
        true_scores = {d: _score(truth.get(d)) for d in DIMENSIONS}
        employee_id = str(answer.get("employee_id") or item)
        kind = answer.get("kind") or ("pribadi" if exercise == RERATE_EXERCISE else "bersama")
        case_id = f"{prefix}-{item}" if prefix and not str(item).startswith(prefix) else str(item)
        seed = answer.get("seed")
        return cls(
            case_id,
            employee_id,
            str(kind),
            {d: v for d, v in scores.items() if v is not None},
            {d: v for d, v in true_scores.items() if v is not None},
            int(seed) if isinstance(seed, numbers.Integral) else None,
        )


def case_ratings(answers: pd.DataFrame, *, complete: bool = True) -> pd.DataFrame:
    """The latest answer of every trainee to every case, from every place, as a long table.

    Parameters
    ----------
    answers : DataFrame
        Submissions as :meth:`kinerja_sim.training.progress.ProgressStore.answers` gives them (other
        exercises are ignored).
    complete : bool
        Keep only answers that score all eight dimensions (what the metrics need).

    Returns
    -------
    DataFrame
        ``rater_id`` (the trainee), ``exercise``, ``source`` ("notebook" or "aplikasi"),
        ``case_id``, ``employee_id``, ``kind``, ``dimension``, ``score``, ``true_score`` (NaN
        when unknown), ``submitted_at``; one row per trainee, case and dimension.

    Examples
    --------
    >>> import tempfile, os
    >>> from kinerja_sim.training.progress import ProgressStore
    >>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "p.sqlite"))
    >>> flat = dict.fromkeys(DIMENSIONS, 3.0)
    >>> _ = store.submit("Siti", "02_penilaian", "P00012", {"scores": flat})
    >>> _ = store.submit("siti", "02_nilai_berkas_kasus", "bersama-101-P00003",
    ...                  {"scores": flat, "employee_id": "P00003", "kind": "bersama"})
    >>> table = case_ratings(store.answers())
    >>> sorted(table["case_id"].unique()), table["rater_id"].unique().tolist()
    (['bersama-101-P00003', 'notebook02-P00012'], ['Siti'])
    """
    chosen = answers[answers["exercise"].isin(list(CASE_EXERCISES))]
    rows = []
    for row in chosen.itertuples(index=False):
        try:
            answer = CaseAnswer.from_json(row.exercise, row.item, json.loads(row.answer_json))
        except (ValueError, TypeError, AttributeError):  # a damaged row is skipped, never fatal
            continue
        if complete and not answer.complete:
            continue
        source = CASE_EXERCISES[row.exercise][0]
        rows += [
            (
                row.trainee,
                row.exercise,
                source,
                answer.case_id,
                answer.employee_id,
                answer.kind,
                d,
                answer.scores[d],
                answer.true_scores.get(d, math.nan),
                row.submitted_at,
            )
            for d in DIMENSIONS
            if d in answer.scores
        ]
    table = pd.DataFrame(rows, columns=CASE_RATING_COLUMNS)
    latest = table.drop_duplicates(["rater_id", "case_id", "dimension"], keep="last")
    return latest.reset_index(drop=True).astype({"score": "float64", "true_score": "float64"})
