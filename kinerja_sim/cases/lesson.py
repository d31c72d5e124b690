"""The lessons' one source of randomness and the shared cases of notebooks 02, 04 and 05.

Every trainee of a workshop sees the same worlds in the lesson notebooks, so the group's
scores can be compared in the calibration session (notebook 05). The seed of those worlds
lives here once: the notebooks call :func:`lesson_rng` and :func:`lesson_cases` and never
write the seed themselves; the exercise ids they save under are
:data:`kinerja_sim.cases.answers.LESSON_EXERCISE` and
:data:`kinerja_sim.cases.answers.RERATE_EXERCISE`.

Examples
--------
>>> dataset, ids = lesson_cases()
>>> len(ids) == LESSON_CASES, ids == lesson_cases()[1]
(True, True)
>>> int(lesson_rng().integers(1000)) == int(lesson_rng().integers(1000))
True
"""

from __future__ import annotations

from functools import cache

import numpy as np

from kinerja_sim.cases.casefile import practice_cases
from kinerja_sim.dataset import Dataset
from kinerja_sim.world.dimensions import DIMENSIONS

__all__ = ["LESSON_CASES", "LESSON_SEED", "lesson_cases", "lesson_rng", "lesson_truth"]

#: The seed of the lesson notebooks' worlds (00-05), the same for every trainee.
LESSON_SEED = 2022
#: How many shared cases notebook 02 shows (and notebooks 04 and 05 read back).
LESSON_CASES = 6


def lesson_rng() -> np.random.Generator:
    """A fresh generator on the lesson seed: the one source of randomness of a lesson notebook."""
    return np.random.default_rng(LESSON_SEED)


def lesson_cases() -> tuple[Dataset, list[str]]:
    """The lesson's shared cases: ``practice_cases(LESSON_CASES, rng=LESSON_SEED)``.

    Returns
    -------
    dataset : Dataset
        The world of the cases (a fresh copy on every call: the caller may change it).
    employee_ids : list of str
        The :data:`LESSON_CASES` employees every trainee scores in notebook 02.
    """
    return practice_cases(LESSON_CASES, rng=lesson_rng())


@cache
def lesson_truth() -> dict[str, dict[str, float]]:
    """True scores of the lesson's shared cases: employee id -> dimension -> true score
    (rounded to three decimals, as a saved answer keeps them)."""
    dataset, ids = lesson_cases()
    people = dataset.employees.set_index("employee_id").loc[ids]
    return {e: {d: round(float(people.loc[e, f"true_{d}"]), 3) for d in DIMENSIONS} for e in ids}
