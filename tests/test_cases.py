"""Case files and answers (kinerja_sim.cases): period labels, the lesson's shared cases, the
randomness convention of practice cases, and the one saved form of an answer."""

import re

import numpy as np
import pytest

from kinerja_sim.cases.answers import CaseAnswer, case_ratings
from kinerja_sim.cases.casefile import case_file_html, practice_cases
from kinerja_sim.cases.lesson import (
    LESSON_CASES,
    LESSON_SEED,
    lesson_cases,
    lesson_rng,
    lesson_truth,
)
from kinerja_sim.dataset import generate
from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.world.dimensions import DIMENSIONS

LABEL = re.compile(r"<th>(Triwulan|Semester|Bulan|Periode) (\d+)</th>")


def _labels(periods):
    data = generate(n_offices=1, periods=periods, rng=4)
    html = case_file_html(data, data.employees["employee_id"].iloc[1], lang="id")
    return {(word, int(n)) for word, n in LABEL.findall(html)}


@pytest.mark.parametrize(
    ("periods", "word"), [(4, "Triwulan"), (12, "Bulan"), (2, "Semester"), (3, "Periode")]
)
def test_period_columns_are_named_after_the_length_of_the_period(periods, word):
    assert _labels(periods) == {(word, n) for n in range(1, periods + 1)}


def test_a_monthly_case_file_never_says_triwulan_in_its_columns():
    data = generate(n_offices=1, periods=12, rng=4)
    for employee_id in data.employees["employee_id"].iloc[:5]:
        assert not re.search(r"<th>Triwulan \d+", case_file_html(data, employee_id, lang="id"))


def test_lesson_cases_are_the_cases_of_the_lesson_seed():
    data, ids = lesson_cases()
    again, same = practice_cases(LESSON_CASES, rng=LESSON_SEED)
    assert ids == same and len(ids) == LESSON_CASES
    assert data.employees.equals(again.employees)
    assert set(lesson_truth()) == set(ids)


def test_lesson_cases_are_the_cases_the_lessons_always_showed():
    # the seed and the picks as notebooks 02, 04 and 05 drew them by hand before lesson_cases()
    assert lesson_cases()[1] == ["P00167", "P00246", "P00232", "P00309", "P00088", "P00026"]


def test_lesson_rng_is_fresh_on_the_lesson_seed():
    assert lesson_rng().integers(2**31) == np.random.default_rng(LESSON_SEED).integers(2**31)


def test_practice_cases_take_rng_by_keyword_and_accept_a_generator():
    with pytest.raises(TypeError):
        practice_cases(2, 7)  # the seed is keyword-only
    assert practice_cases(2, rng=np.random.default_rng(7))[1] == practice_cases(2, rng=7)[1]


@pytest.mark.parametrize(("rng", "error"), [(-1, ValueError), (True, TypeError), ("7", TypeError)])
def test_practice_cases_check_the_rng(rng, error):
    with pytest.raises(error):
        practice_cases(2, rng=rng)


def test_an_answer_must_hold_its_scores_under_scores():
    with pytest.raises(TypeError, match="scores"):
        CaseAnswer.from_json("02_penilaian", "P00012", {"hasil_kerja": 4.0})


def test_flat_answers_are_not_read_as_ratings(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    flat = dict.fromkeys(DIMENSIONS, 3.0)
    store.submit("Siti", "02_penilaian", "P00012", flat)
    store.submit("Siti", "02_penilaian", "P00013", {"scores": flat})
    assert set(case_ratings(store.answers())["employee_id"]) == {"P00013"}
