"""Profiles claim only what the data support (issue #20 item 4).

Plays trainees: one who rates everything 4-5, one after a single case, one whose scores run
against the truth; checks that each bias is named only from its minimum of cases with the
number of cases said, that leniency and central tendency follow the kit's definitions, that
no negative or over-100 percentage and no "0 poin" reaches a reader, and that degenerate
reliability values are explained in words.
"""

import re
import warnings

import numpy as np
import pandas as pd
import pytest

import kinerja_sim
from kinerja_sim._core.i18n import t
from kinerja_sim.metrics import rater_profile
from kinerja_sim.metrics.diagnostics import MIN_CASES
from kinerja_sim.training.dashboard import reliability_meaning
from kinerja_sim.world.dimensions import DIMENSIONS


@pytest.fixture(scope="module")
def world():
    ds = kinerja_sim.generate(n_offices=1, rng=21)
    chosen = ds.employees["employee_id"].iloc[:12].tolist()
    truth = ds.truth()
    return ds, chosen, truth[truth["employee_id"].isin(chosen)].reset_index(drop=True)


def _trainee(truth, ids, scores, name="Peserta"):
    rows = truth[truth["employee_id"].isin(ids)].copy()
    rows["rater_id"] = name
    rows["score"] = scores(rows)
    return rows


def _profile(ratings, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return rater_profile(ratings, lang="id", **kwargs).iloc[0]


def _no_bad_numbers(text):
    assert not re.search(r"-\s?\d+\s?%|−\s?\d+\s?%", text), text  # no negative percentage
    assert all(int(p) <= 100 for p in re.findall(r"(\d+)\s?%", text)), text
    assert not re.search(r"\b0(,0+)? poin\b", text), text


def test_the_trainee_who_rates_everything_4_to_5_is_lenient_not_central(world):
    _, ids, truth = world
    rng = np.random.default_rng(1)
    ratings = _trainee(truth, ids, lambda rows: rng.choice([4.0, 4.5, 5.0], size=len(rows)))
    row = _profile(ratings)
    assert row["flag_leniency"] and row["leniency"] > 0.5
    assert not row["flag_central_tendency"]
    text = row["explanation"]
    assert "murah hati" in text and "mengumpul di tengah" not in text
    assert "bukan kecenderungan ke tengah" in text  # the narrow range said as such
    assert f"{len(ids)} kasus" in text
    _no_bad_numbers(text)


def test_the_trainee_who_rates_everything_3_is_central(world):
    _, ids, truth = world
    ratings = _trainee(truth, ids, lambda rows: np.full(len(rows), 3.0))
    row = _profile(ratings)
    assert row["flag_central_tendency"] and not row["flag_leniency"]
    assert "kecenderungan ke tengah" in row["explanation"]
    _no_bad_numbers(row["explanation"])


def test_after_one_case_no_bias_is_named_and_the_count_is_said(world):
    _, ids, truth = world
    ratings = _trainee(truth, ids[:1], lambda rows: np.full(len(rows), 5.0))
    row = _profile(ratings)
    assert not row[[f"flag_{b}" for b in ("leniency", "central_tendency", "halo")]].any()
    assert row["explanation"] == t("profile.bias.not_yet", "id", n=1, needed=3)


def test_each_signal_waits_for_its_minimum_of_cases(world):
    ds, ids, truth = world
    performance = ds.performance[ds.performance["employee_id"].isin(ids)]
    flat = _trainee(truth, ids[:3], lambda rows: np.full(len(rows), 3.0))
    row = _profile(flat, performance=performance)
    assert not row["flag_central_tendency"]  # 3 cases: central tendency is not named yet
    assert (
        "Kecenderungan ke tengah, efek halo, efek kebaruan baru dapat dibaca mulai 5 kasus"
        in (row["explanation"])
    )
    assert "3 kasus" in row["explanation"]
    enough = _trainee(truth, ids[: MIN_CASES["central_tendency"]], lambda r: np.full(len(r), 3.0))
    row = _profile(enough, performance=performance)
    assert row["flag_central_tendency"] and "baru dapat dibaca" not in row["explanation"]


def test_scores_against_the_truth_give_no_negative_share(world):
    _, ids, truth = world
    ratings = _trainee(truth, ids, lambda rows: 6.0 - rows["true_score"])  # runs the other way
    row = _profile(ratings, middle=3.0)
    assert row["central_tendency"] > 1  # the estimate itself overshoots ...
    _no_bad_numbers(row["explanation"])  # ... the words do not
    if row["flag_central_tendency"]:
        assert "hampir tidak mengikuti" in row["explanation"]


def test_exercise_03_says_every_estimate_in_words():
    from kinerja_sim.training.exercises import bias

    for item in bias.make_items(5, rng=12):
        for choice in bias.BIASES:
            for line in bias.check_bias(item, choice, lang="id").details:
                _no_bad_numbers(line)
                assert "_" not in line and "rater" not in line


def test_negative_reliability_is_explained_in_words():
    text = reliability_meaning("ICC(1,k)", -4.80, 24, lang="id")
    assert "tidak ada kesepakatan" in text and "memperbesar" in text
    assert "tidak ada kesepakatan" in reliability_meaning("ICC(1,1)", -0.2, 24, lang="id")
    assert "Tidak dapat dihitung" in reliability_meaning("ICC(2,1)", np.nan, 24, lang="id")
    assert "Sedang" in reliability_meaning("ICC(2,1)", 0.6, 24, lang="id")
    assert "sangat tidak pasti" in reliability_meaning("ICC(2,1)", 0.6, 8, lang="id")


def test_the_dashboard_explains_a_negative_icc(tmp_path):
    from kinerja_sim.cases.answers import case_ratings
    from kinerja_sim.training.dashboard import group_reliability
    from kinerja_sim.training.progress import ProgressStore

    store = ProgressStore(tmp_path / "p.sqlite")
    rng = np.random.default_rng(4)
    for trainee in ("Ani", "Budi", "Citra"):
        for case in ("bersama-001-P1", "bersama-001-P2", "bersama-001-P3"):
            scores = {d: float(rng.choice([1, 5])) for d in DIMENSIONS}
            answer = {"scores": scores, "employee_id": case[-2:], "kind": "bersama"}
            store.submit(trainee, "02_nilai_berkas_kasus", case, answer, score=0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = group_reliability(case_ratings(store.answers()), lang="id")
    negative = table[table["value"] < 0]
    assert not negative.empty
    assert negative["meaning"].str.contains("tidak ada kesepakatan").all()


def test_the_english_profile_reads_as_english(world):
    _, ids, truth = world
    ratings = _trainee(truth, ids, lambda rows: np.minimum(rows["true_score"] + 1.0, 5.0))
    text = rater_profile(ratings, lang="en")["explanation"].iloc[0]
    assert "leniency" in text and "rests on 12 case(s)" in text
    assert pd.notna(text)


def test_the_dashboard_keeps_reading_error_and_evidence_gap_apart(tmp_path):
    from kinerja_sim.cases.answers import case_ratings
    from kinerja_sim.training.dashboard import case_spread, reading_distances, with_reference
    from kinerja_sim.training.exercises import scoring
    from kinerja_sim.training.progress import ProgressStore

    store = ProgressStore(tmp_path / "p.sqlite")
    cases = scoring.make_cases(rng=5, shared=3, own=0)
    for case in cases.cases:  # the ideal reader: exactly what each file shows
        scores = cases.reference(case.item_id).round(4).to_dict()
        store.submit(
            "Ideal", scoring.EXERCISE, case.item_id, scoring.answer_of(cases, case.item_id, scores)
        )
        truth = cases.truth(case.item_id).to_dict()
        store.submit(
            "Tahu", scoring.EXERCISE, case.item_id, scoring.answer_of(cases, case.item_id, truth)
        )
    answers = store.answers()
    ratings = with_reference(case_ratings(answers), answers)
    table = reading_distances(ratings).set_index("rater")
    assert table.loc["Ideal", "reading_error"] < 1e-3
    assert table.loc["Ideal", "evidence_gap"] > 0.1  # what the files could not show ...
    assert table.loc["Tahu", "reading_error"] == pytest.approx(
        table.loc["Ideal", "evidence_gap"], abs=1e-3
    )
    assert table.loc["Tahu", "truth_distance"] < 1e-3  # ... is not the ideal reader's error
    spread = case_spread(ratings)
    assert spread["evidence_gap"].notna().all()
    assert np.allclose(
        spread["evidence_gap"], spread["reference"] - spread["true_score"], atol=2e-3
    )


def test_lesson_04_grades_the_ideal_reader_of_the_files_as_right(tmp_path):
    from kinerja_sim.cases.lesson import lesson_cases
    from kinerja_sim.cases.reference import reference_table
    from kinerja_sim.training.progress import ProgressStore
    from kinerja_sim.ui import lessons

    data, ids = lesson_cases()
    store = ProgressStore(tmp_path / "p.sqlite")
    login = lessons.trainee_login(store)
    login.start("Ideal")
    references = reference_table(data, ids[:3]).set_index("employee_id")
    for employee_id in ids[:3]:
        scores = {d: float(references.loc[employee_id, f"ref_{d}"]) for d in DIMENSIONS}
        store.submit("Ideal", "02_penilaian", employee_id, {"scores": scores})
    view = lessons.ProfileView(store, login, data, ids, rng=1)
    assert not view.is_example
    assert view.accuracy["mse"].iloc[0] < 1e-6  # nothing to fix in the reading ...
    assert view.distances["reading_error"] < 1e-3
    assert view.accuracy_truth["mse"].iloc[0] > 0.01  # ... the files did not show everything
    assert view.distances["evidence_gap"] > 0.1
    assert "Celah bukti" in view.advice.value and "bukan kesalahan Anda" in view.advice.value


def test_the_rerating_effect_is_measured_against_the_reference_and_the_truth():
    from kinerja_sim.cases.lesson import lesson_cases
    from kinerja_sim.ui.lesson_profile import rerating_effect

    data, ids = lesson_cases()
    table = rerating_effect(data, ids, n=60, rng=3).set_index(["against", "component"])
    assert set(table.index.get_level_values(0)) == {"reference", "truth"}
    assert table.loc[("reference", "mse"), "d"] > 0.3  # training lowers the reading error
    assert (
        table.loc[("reference", "elevation"), "trained"]
        < table.loc[("reference", "elevation"), "untrained"]
    )


def test_after_one_case_the_summary_claims_no_differential_accuracy():
    from kinerja_sim.training.exercises import scoring

    cases = scoring.make_cases(rng=5, shared=2, own=0)
    first, second = (case.item_id for case in cases.cases)
    one = {first: (cases.truth(first) + 0.5).clip(upper=5).to_dict()}
    text = scoring.summary(cases, one, lang="id").text()
    _no_bad_numbers(text)
    assert "Akurasi diferensial" not in text and "2 kasus lagi" in text
    two = {**one, second: (cases.truth(second) - 0.5).clip(lower=1).to_dict()}
    assert "Akurasi diferensial" in scoring.summary(cases, two, lang="id").text()
