"""Exercise 02's feedback against its case files (issue 20, items 1–3).

- Consistency: thousands of random answers (scores 1–5) on generated cases; every feedback line
  about a dimension cites the counts of every period of the file, for and against, and the
  achievement of every period, all recomputed here from the evidence table; every other number
  it cites is the trainee's score, the reference, or a band threshold; its stated direction is
  the sign of the reading error.
- The adversary: a reader of the counts alone, learned from other worlds, is judged correct.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from kinerja_sim._core.format import number
from kinerja_sim.cases.casefile import practice_cases
from kinerja_sim.cases.reference import CountsReader
from kinerja_sim.dataset import generate
from kinerja_sim.training.exercises import scoring
from kinerja_sim.world.dimensions import DIMENSION_LABELS, DIMENSIONS, RESULT

DOWN = "berkas menunjukkan nilai lebih rendah dari nilai Anda"
UP = "berkas menunjukkan nilai lebih tinggi dari nilai Anda"
LABEL_TO_KEY = {label: key for key, label in DIMENSION_LABELS.items()}
LINE = re.compile(r"^Nilai Anda untuk (.+?) ([\d,]+), nilai acuan dari berkas ([\d,]+): (.*)\.$")
COUNTS = re.compile(r"triwulan (\d+): (\d+) positif, (\d+) negatif")
ACHIEVED = re.compile(r"triwulan (\d+): ([\d.,]+) %")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _case_sets(worlds: int, per_world: int, first_seed: int):
    out = []
    for seed in range(first_seed, first_seed + worlds):
        dataset, ids = practice_cases(per_world, rng=seed)
        cases = [scoring.Case(f"uji-{seed}-{e}", "pribadi", seed, e) for e in ids]
        out.append(scoring.CaseSet(cases, {seed: dataset}))
    return out


def _file_counts(dataset, employee_id, dimension):
    rows = dataset.evidence[
        (dataset.evidence["employee_id"] == employee_id)
        & (dataset.evidence["kind"] == "insiden")
        & (dataset.evidence["dimension"] == dimension)
    ]
    return {
        p: (
            int((rows[rows["period"] == p]["value"] > 0).sum()),
            int((rows[rows["period"] == p]["value"] < 0).sum()),
        )
        for p in range(1, 5)
    }


def _file_achievement(dataset, employee_id):
    rows = dataset.evidence[
        (dataset.evidence["employee_id"] == employee_id) & (dataset.evidence["kind"] == "realisasi")
    ].merge(dataset.indicators, on=["indicator_id", "employee_id"])
    per_period = np.where(rows["aggregation"] == "sum", rows["target"] / 4, rows["target"])
    ratio = rows["value"] / per_period
    rows["capaian"] = 100 * np.where(rows["direction"] == "lower", 2 - ratio, ratio)
    return rows.groupby("period")["capaian"].mean().to_dict()


def _check_line(line, cases, item_id, given, reference):
    match = LINE.match(line)
    assert match, line
    label, given_text, reference_text, evidence = match.groups()
    dimension = LABEL_TO_KEY[label]
    assert given_text == number(given[dimension], lang="id")
    assert reference_text == number(reference[dimension], lang="id")
    error = given[dimension] - reference[dimension]
    assert (DOWN in evidence) == (error > 0) and (UP in evidence) == (error < 0), line
    case = cases.case(item_id)
    dataset = cases.dataset(item_id)
    allowed = {given_text, reference_text, *map(str, range(1, 5))}
    if dimension == RESULT:
        achieved = _file_achievement(dataset, case.employee_id)
        cited = {int(p): v for p, v in ACHIEVED.findall(evidence)}
        assert sorted(cited) == [1, 2, 3, 4], line
        for period, text in cited.items():
            assert text == number(achieved[period], 0, lang="id"), (line, achieved)
        allowed |= set(cited.values()) | {"90", "110"}  # the rule set's band thresholds
        allowed.add(re.search(r"rata-rata ([\d,]+) %", evidence).group(1))
    else:
        counts = _file_counts(dataset, case.employee_id, dimension)
        cited = {int(p): (int(a), int(b)) for p, a, b in COUNTS.findall(evidence)}
        assert cited == counts, (line, counts)
        positive = sum(a for a, _ in counts.values())
        negative = sum(b for _, b in counts.values())
        assert f"(setahun {positive} positif, {negative} negatif)" in evidence, line
        assert ("campuran" in evidence) == (positive > 0 and negative > 0), line
        # the reason given never points the trainee's way
        if "catatan positif lebih banyak, jadi" in evidence:
            assert positive > negative and error < 0, line
        if "catatan negatif lebih banyak, jadi" in evidence:
            assert negative > positive and error > 0, line
        allowed |= {str(n) for pair in counts.values() for n in pair}
        allowed |= {str(positive), str(negative)}
    for cited_number in NUMBER.findall(evidence):
        assert cited_number in allowed, (cited_number, line)


def _consistency(worlds, per_world, answers, seed):
    rng = np.random.default_rng(seed)
    lines = 0
    for cases in _case_sets(worlds=worlds, per_world=per_world, first_seed=31_000 + seed):
        for case in cases.cases:
            reference = cases.reference(case.item_id)
            for _ in range(answers):
                given = pd.Series(
                    {d: float(rng.integers(1, 6)) for d in DIMENSIONS}
                )  # random scores 1–5
                feedback = scoring.check_scores(cases, case.item_id, given.to_dict(), lang="id")
                for line in feedback.details:
                    if line.startswith("Nilai Anda untuk"):
                        _check_line(line, cases, case.item_id, given, reference)
                        lines += 1
                gap = (given - reference).abs()
                assert feedback.score == scoring.case_score(given, reference)
                if (gap > scoring.CLOSE).any():
                    assert not feedback.correct
    return lines


def test_feedback_on_a_few_answers_cites_the_file_in_the_direction_of_the_reading_error():
    assert _consistency(worlds=1, per_world=5, answers=8, seed=1) > 40


@pytest.mark.slow
def test_every_feedback_of_2000_answers_cites_the_file_in_the_direction_of_the_reading_error():
    assert _consistency(worlds=3, per_world=20, answers=34, seed=20) > 4000  # up to 3 lines each


def test_the_evidence_gap_is_never_counted_against_the_trainee():
    cases = _case_sets(worlds=1, per_world=5, first_seed=32_000)[0]
    for case in cases.cases:
        reference = cases.reference(case.item_id)
        feedback = scoring.check_scores(cases, case.item_id, reference.to_dict(), lang="id")
        assert feedback.correct and feedback.score == 1.0
        gap_line = next(line for line in feedback.details if line.startswith("Jarak bukti"))
        assert "bukan kesalahan Anda" in gap_line


@pytest.mark.slow
def test_a_reader_of_the_counts_alone_is_judged_correct_on_85_percent_of_300_cases():
    reader = CountsReader().fit(generate(n_offices=30, rng=950_000 + i) for i in range(8))
    correct = total = 0
    for cases in _case_sets(worlds=15, per_world=20, first_seed=33_000):
        dataset = next(iter(cases.worlds.values()))
        guess = reader.predict(dataset, [case.employee_id for case in cases.cases])
        for case in cases.cases:
            scores = guess.loc[case.employee_id].to_dict()
            correct += scoring.check_scores(cases, case.item_id, scores).correct
            total += 1
    assert total == 300
    assert correct / total >= 0.85, correct / total
