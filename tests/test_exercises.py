"""The trainee exercises: items from a seed, checks, feedback, and the widget handlers.

The handlers are called as a browser would (set the widget values, call the submit
handler); each check must save to the progress store and show specific feedback, and bad
input must give a catalogue message, never an exception.
"""

import json

import numpy as np
import pytest

from kinerja_sim._core.format import number as format_number
from kinerja_sim._core.i18n import catalogue
from kinerja_sim.training.exercises import (
    EXERCISES,
    Feedback,
    bias,
    curve,
    indicators,
    policy,
    scoring,
)
from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.training.trainee import trainee_seed
from kinerja_sim.ui.exercises import APPS, exercise_app
from kinerja_sim.world.dimensions import DIMENSIONS

SEED = trainee_seed("Siti Rahma")


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.sqlite")


def _app(name, store, trainee="Siti Rahma"):
    app = exercise_app(name, store=store)
    assert app.login.start(trainee)
    return app


# ------------------------------------------------------------------ logic
def test_every_exercise_has_a_notebook_and_a_widget():
    assert set(APPS) == set(EXERCISES)


def test_the_exercise_table_lists_every_exercise():
    import kinerja_sim.training.exercises as package

    assert all(exercise in package.__doc__ for exercise in EXERCISES)


@pytest.mark.parametrize(
    "draw",
    [
        lambda rng: indicators.make_items(2, rng=rng),
        lambda rng: bias.make_items(1, rng=rng),
        lambda rng: policy.make_items(2, rng=rng),
        lambda rng: scoring.make_cases(rng=rng, shared=0, own=1),
    ],
    ids=["indicators", "bias", "policy", "scoring"],
)
def test_exercises_draw_from_a_keyword_rng_checked_like_everywhere(draw):
    with pytest.raises(ValueError, match="non-negative"):
        draw(-1)
    with pytest.raises(TypeError, match="rng must be"):
        draw(True)
    assert repr(draw(np.random.default_rng(SEED))) == repr(draw(np.random.default_rng(SEED)))


def test_item_makers_take_rng_by_keyword_only():
    for make in (indicators.make_items, bias.make_items, policy.make_items):
        with pytest.raises(TypeError):
            make(1, SEED)
    with pytest.raises(TypeError):
        curve.make_item(SEED)
    with pytest.raises(TypeError):
        scoring.make_cases(SEED)


def test_an_int_seed_and_its_generator_give_the_same_items():
    assert indicators.make_items(3, rng=SEED) == indicators.make_items(
        3, rng=np.random.default_rng(SEED)
    )
    keys = [item.key for item in policy.make_items(2, rng=5)]
    assert keys == [item.key for item in policy.make_items(2, rng=np.random.default_rng(5))]


def test_numbers_are_written_the_indonesian_way():
    assert format_number(2.6, lang="id") == "2,6" and format_number(2.6, lang="en") == "2.6"
    assert format_number(4.0, lang="id") == "4"


def test_indicator_items_depend_on_the_seed_only():
    assert indicators.make_items(rng=SEED) == indicators.make_items(rng=SEED)
    assert indicators.make_items(rng=SEED) != indicators.make_items(rng=SEED + 1)


def test_indicator_check_names_what_is_missing():
    item = indicators.make_items(1, rng=SEED)[0]
    feedback = indicators.check_indicator(item, "Jumlah dokumen yang diselesaikan", "", lang="id")
    assert not feedback.correct and 0 < feedback.score < 1
    assert any("angka target" in line for line in feedback.details)
    assert any("Contoh jawaban" in line for line in feedback.details)


def test_model_fix_passes_the_indicator_check():
    for item in indicators.make_items(5, rng=SEED):
        assert indicators.check_indicator(item, item.fix_iki, item.fix_target).correct


def test_exercise_items_include_real_indicators_of_offices():
    pool = [item for seed in range(SEED, SEED + 20) for item in indicators.make_items(3, rng=seed)]
    assert any(item.item_id.startswith("indikator-r") for item in pool)


def test_vague_answer_gets_a_real_style_rewrite_that_fits():
    item = next(i for i in indicators.make_items(3, rng=SEED))
    feedback = indicators.check_indicator(
        item, "Terlaksananya kegiatan " + item.rhk.split(" ", 1)[-1], "", lang="id"
    )
    assert not feedback.correct
    assert any("gaya kantor nyata" in line or "Contoh jawaban" in line for line in feedback.details)


def test_unchanged_indicator_is_refused_with_a_message():
    item = indicators.make_items(1, rng=SEED)[0]
    with pytest.raises(ValueError, match="masih sama"):
        indicators.check_indicator(item, item.iki, item.target, lang="id")


def test_shared_cases_are_the_same_for_every_trainee_and_own_cases_differ():
    mine, theirs = scoring.make_cases(rng=SEED), scoring.make_cases(rng=trainee_seed("Budi"))
    shared = [c.item_id for c in mine.cases if c.kind == "bersama"]
    assert shared == [c.item_id for c in theirs.cases if c.kind == "bersama"]
    own = {c.item_id for c in mine.cases if c.kind == "pribadi"}
    assert own != {c.item_id for c in theirs.cases if c.kind == "pribadi"}


def test_workshop_code_changes_the_shared_cases(monkeypatch):
    before = scoring.make_cases(rng=SEED, own=0).cases[0].item_id
    monkeypatch.setenv("KINERJA_SIM_WORKSHOP", "bkpsdm-uji")
    assert scoring.make_cases(rng=SEED, own=0).cases[0].item_id != before


def test_reference_scores_get_full_marks():
    cases = scoring.make_cases(rng=SEED, shared=1, own=0)
    item = cases.cases[0].item_id
    feedback = scoring.check_scores(cases, item, cases.reference(item).to_dict())
    assert feedback.correct and feedback.score == 1.0


def test_the_case_score_is_the_reading_error_not_the_distance_from_the_truth():
    cases = scoring.make_cases(rng=SEED, shared=1, own=0)
    item = cases.cases[0].item_id
    truth, reference = cases.truth(item), cases.reference(item)
    feedback = scoring.check_scores(cases, item, truth.to_dict())
    assert feedback.score == scoring.case_score(truth, reference) < 1.0


def test_scoring_feedback_names_the_dimension_the_reference_and_the_evidence():
    cases = scoring.make_cases(rng=SEED, shared=1, own=0)
    item = cases.cases[0].item_id
    reference = cases.reference(item)
    scores = reference.to_dict()
    scores["akuntabel"] = 5.0 if reference["akuntabel"] < 3 else 1.0
    feedback = scoring.check_scores(cases, item, scores, lang="id")
    line = next(text for text in feedback.details if text.startswith("Nilai Anda untuk Akuntabel"))
    assert f"nilai acuan dari berkas {format_number(reference['akuntabel'], lang='id')}" in line
    assert "triwulan 1:" in line and "triwulan 4:" in line
    assert not feedback.correct
    assert any(text.startswith("Jarak bukti (bukan kesalahan Anda)") for text in feedback.details)


def test_the_saved_answer_keeps_both_distances():
    cases = scoring.make_cases(rng=SEED, shared=1, own=0)
    item = cases.cases[0].item_id
    scores = dict.fromkeys(DIMENSIONS, 3.0)
    answer = scoring.answer_of(cases, item, scores)
    reference, truth = cases.reference(item), cases.truth(item)
    for d in DIMENSIONS:
        assert answer["reading_error"][d] == pytest.approx(3.0 - reference[d], abs=1e-3)
        assert answer["evidence_gap"][d] == pytest.approx(reference[d] - truth[d], abs=1e-3)
        assert answer["true_scores"][d] == pytest.approx(truth[d], abs=1e-3)


def test_scores_out_of_the_scale_are_refused_naming_the_dimension():
    cases = scoring.make_cases(rng=SEED, shared=1, own=0)
    scores = {d: 3.0 for d in DIMENSIONS}
    scores["harmonis"] = 7
    with pytest.raises(ValueError, match="Harmonis"):
        scoring.check_scores(cases, cases.cases[0].item_id, scores, lang="id")


@pytest.mark.parametrize(
    "typed, expected", [("4,2", 4.2), ("4.2", 4.2), (" 3 ", 3.0), ("1", 1.0), ("5,0", 5.0)]
)
def test_typed_scores_take_a_decimal_comma_or_point(typed, expected):
    assert scoring.parse_score(typed, "akuntabel") == expected


@pytest.mark.parametrize("typed", ["7", "-3", "5,01", "0,9", "−3"])
def test_typed_scores_outside_the_scale_are_refused_not_clamped(typed):
    with pytest.raises(ValueError, match="di luar skala"):
        scoring.parse_score(typed, "akuntabel", lang="id")


@pytest.mark.parametrize("typed", ["", "empat", "4,2,1", "1.234,5"])
def test_typed_scores_that_are_not_one_number_are_refused(typed):
    with pytest.raises(ValueError, match="Akuntabel"):
        scoring.parse_score(typed, "akuntabel", lang="id")


def _result_gap_line(cases, item, lang="id"):
    reference = cases.reference(item)
    scores = reference.to_dict()
    scores["hasil_kerja"] = 5.0 if reference["hasil_kerja"] < 3 else 1.0
    feedback = scoring.check_scores(cases, item, scores, lang=lang)
    return next(
        text for text in feedback.details if text.startswith("Nilai Anda untuk Hasil Kerja")
    )


def test_result_feedback_names_the_band_the_rule_set_gives_that_achievement():
    import re

    from kinerja_sim import rules

    rule_set = rules.load("permenpanrb-6-2022")
    low, high = rule_set.achievement_thresholds
    checked = 0
    for seed in range(SEED, SEED + 6):
        cases = scoring.make_cases(rng=seed, shared=0, own=4)
        for case in cases.cases:
            line = _result_gap_line(cases, case.item_id)
            mean = float(re.search(r"rata-rata ([\d,]+) %", line).group(1).replace(",", "."))
            rating = rule_set.rating_hasil_kerja(mean)
            band = {
                "Di Bawah Ekspektasi": f"di bawah {low:.0f} %",
                "Sesuai Ekspektasi": f"{low:.0f} % sampai di bawah {high:.0f} %",
                "Di Atas Ekspektasi": f"{high:.0f} % ke atas",
            }[rating]
            assert f"capaian {band} berarti {rating}" in line, line
            checked += 1
    assert checked == 24


def test_result_feedback_follows_a_changed_rule_set():
    import copy

    from kinerja_sim import rules

    strict = copy.deepcopy(rules.load("permenpanrb-6-2022"))  # an analyst's stricter copy
    strict.achievement_thresholds = (95.0, 105.0)
    cases = scoring.make_cases(rng=SEED, shared=1, own=0)
    item = cases.cases[0].item_id
    scores = cases.reference(item).to_dict()
    scores["hasil_kerja"] = 5.0 if scores["hasil_kerja"] < 3 else 1.0
    line = next(
        text
        for text in scoring.check_scores(cases, item, scores, lang="id", rules=strict).details
        if text.startswith("Nilai Anda untuk Hasil Kerja")
    )
    assert "95 %" in line or "105 %" in line
    assert "90 %" not in line and "110 %" not in line


def test_summary_gives_accuracy_and_a_bias_profile_from_three_cases():
    cases = scoring.make_cases(rng=SEED, shared=3, own=0)
    lenient = {
        c.item_id: (cases.reference(c.item_id) + 1).clip(upper=5).to_dict() for c in cases.cases
    }
    feedback = scoring.summary(cases, lenient, lang="id")
    assert any("Elevasi" in line and "lebih tinggi" in line for line in feedback.details)
    assert any(line.startswith("Jarak bukti") for line in feedback.details)
    assert any("murah hati" in line for line in feedback.details)


def test_bias_check_explains_the_right_signature():
    item = bias.make_items(1, rng=SEED)[0]
    right = bias.check_bias(item, item.bias, lang="id")
    wrong_choice = next(name for name in bias.BIASES if name != item.bias)
    wrong = bias.check_bias(item, wrong_choice, lang="id")
    assert right.correct and right.score == 1
    assert not wrong.correct and any("Bila biasnya" in line for line in wrong.details)


@pytest.mark.parametrize("name", list(bias.BIASES))
def test_rater_profile_sees_the_injected_bias_in_the_pattern(name):
    items = [
        item
        for seed in range(SEED, SEED + 8)
        for item in bias.make_items(5, rng=seed)
        if item.bias == name
    ]
    profile = bias._profile(items[0])
    expected = {
        "leniency": profile["leniency"] > 0.5,
        "severity": profile["leniency"] < -0.5,
        "central_tendency": profile["central_tendency"] > 0.3,
        "halo": profile["halo"] > 0.3,
        "recency": profile["recency"] > 1,
    }
    assert expected[name]


def test_curve_answer_is_what_the_rule_set_changes():
    item = curve.make_item(rng=SEED)
    feedback = curve.check_curve_answer(item, sorted(item.must_change), lang="id")
    assert feedback.correct and feedback.score == 1
    assert any("Kurva untuk organisasi" in line for line in feedback.details)


def test_curve_feedback_names_missed_and_needless_employees():
    item = curve.make_item(rng=SEED)
    other = next(e for e in item.table["employee_id"] if e not in item.must_change)
    feedback = curve.check_curve_answer(item, [other], lang="id")
    assert not feedback.correct
    assert any("tidak perlu diubah" in line for line in feedback.details)
    # the seven missed are seven of eight staff tied at 6,22: named as a group, any will do
    assert any("7 pegawai lagi harus menjadi" in line for line in feedback.details)


def test_policy_answer_comes_from_the_simulation():
    item = policy.make_items(1, rng=SEED)[0]
    result = policy.simulate_question(item.key, item.seed, 1_000, 2)
    feedback = policy.check_policy(
        item, result["answer"], employees=1_000, replications=2, lang="id"
    )
    assert feedback.correct and "pegawai" in feedback.details[0]


def test_every_feedback_key_has_both_languages():
    for key, texts in catalogue().items():
        if key.startswith(("exercises.", "ui.", "indicators.")):
            assert texts["id"] and texts["en"], key


# ------------------------------------------------------------------ widgets
def test_exercise_waits_for_a_name_before_showing_items(store):
    app = exercise_app("01_perbaiki_indikator", store=store)
    assert app.items == [] and "Mulai" in app.body.children[0].value


def test_indicator_widget_saves_and_shows_feedback(store):
    # Issue #13: the answer must fit the item's RHK, so the test answers with the item's own
    # model fix instead of an unrelated indicator about birth certificates.
    app = _app("01_perbaiki_indikator", store)
    item = app.items[0]
    _, iki, target = app.fields[item.item_id]
    iki.value, target.value = item.fix_iki, item.fix_target
    feedback = app.check(item.item_id)
    assert isinstance(feedback, Feedback) and feedback.correct
    assert "Bagus" in app.feedback[item.item_id].value
    saved = store.answers(trainee="Siti Rahma", exercise="01_perbaiki_indikator")
    assert json.loads(saved["answer_json"].iloc[0])["target"] == item.fix_target
    assert saved["score"].iloc[0] == 1.0


def test_unrelated_measurable_indicator_is_not_praised(store):
    app = _app("01_perbaiki_indikator", store)
    item = next(i for i in app.items if "akta" not in (i.rhk + i.iki + i.fix_iki).lower())
    _, iki, target = app.fields[item.item_id]
    iki.value, target.value = "Jumlah akta kelahiran yang diterbitkan", "1.200 dokumen"
    feedback = app.check(item.item_id)
    assert not feedback.correct and feedback.score == 0.5
    assert "Bagus" not in app.feedback[item.item_id].value


def test_empty_indicator_shows_what_to_fix_and_saves_nothing(store):
    app = _app("01_perbaiki_indikator", store)
    item_id = app.items[0].item_id
    assert app.check(item_id) is None
    assert "Indikator baru" in app.feedback[item_id].value
    assert store.answers().empty


def test_scoring_widget_submits_the_case_shown(store):
    app = _app("02_nilai_berkas_kasus", store)
    app.inputs["akuntabel"].value = "4,5"
    item_id = app.choice.value
    feedback = app.check(item_id)
    shown = app.feedback[item_id].value.lower()
    assert feedback is not None and "jarak baca" in shown and "jarak bukti" in shown
    answer = json.loads(store.answers()["answer_json"].iloc[0])
    assert answer["scores"]["akuntabel"] == 4.5 and answer["kind"] == "bersama"
    assert "Ringkasan" in app.summary_view.value


def test_scoring_work_comes_back_after_a_restart(store):
    app = _app("02_nilai_berkas_kasus", store)
    app.inputs["loyal"].value = "1.5"
    app.check(app.choice.value)
    again = _app("02_nilai_berkas_kasus", store)  # a new kernel, the same store
    assert again.inputs["loyal"].value == "1,5"
    assert "tersimpan" in again.feedback[again.choice.value].value


@pytest.mark.parametrize("typed", ["7", "-3"])
def test_scoring_widget_refuses_a_score_off_the_scale_and_saves_nothing(store, typed):
    app = _app("02_nilai_berkas_kasus", store)
    app.inputs["akuntabel"].value = typed
    item_id = app.choice.value
    assert app.check(item_id) is None
    assert "di luar skala" in app.feedback[item_id].value
    assert store.answers().empty


def test_new_cases_keep_the_shared_ones_and_change_the_own_ones(store):
    app = _app("02_nilai_berkas_kasus", store)
    before = [case.item_id for case in app.items]
    app.new_cases()
    after = [case.item_id for case in app.items]
    assert before[:3] == after[:3] and before[3:] != after[3:]


def test_bias_widget_without_a_choice_asks_for_one(store):
    app = _app("03_kenali_bias", store)
    item_id = app.items[0].item_id
    assert app.check(item_id) is None
    assert "Pilih dulu" in app.feedback[item_id].value
    app.choices[item_id][1].value = app.items[0].bias
    assert app.check(item_id).correct


def test_curve_widget_first_shows_the_violations_then_one_group(store):
    app = _app("04_terapkan_kurva", store)
    step = app.current
    assert step.number == 1 and set(app.boxes) == set(step.candidates)
    body = "".join(
        w.value for w in app.body.children[1].children if isinstance(getattr(w, "value", None), str)
    )
    assert all(violation in body.replace("&#x27;", "'") for violation in step.violations)


def test_curve_widget_first_try_can_succeed_step_by_step(store):
    app = _app("04_terapkan_kurva", store)
    for number in range(1, len(app.steps) + 1):
        for employee_id in app.current.must_change:
            app.boxes[employee_id].value = True
        assert app.check().correct  # each step right on its first try
    assert app.current is None
    saved = store.answers()
    assert len(saved) == len(app.steps) and saved["score"].eq(1.0).all()
    assert json.loads(saved["answer_json"].iloc[0])["selected"] == sorted(app.steps[0].must_change)


def test_curve_widget_carries_on_at_the_step_reached_after_a_restart(store):
    app = _app("04_terapkan_kurva", store)
    for employee_id in app.current.must_change:
        app.boxes[employee_id].value = True
    app.check()
    again = _app("04_terapkan_kurva", store)
    assert (again.current.number if again.current else len(again.steps) + 1) == 2


def test_policy_widget_runs_the_simulation_on_submit(store):
    app = _app("05_pertanyaan_kebijakan", store)
    item, choice = app.choices[app.items[0].item_id]
    choice.value = "naik"
    feedback = app.check(item.item_id)
    assert feedback is not None and "simulasi" in feedback.details[0]


def test_unexpected_errors_become_a_message_not_a_traceback(store, monkeypatch):
    app = _app("03_kenali_bias", store)
    item_id = app.items[0].item_id
    app.choices[item_id][1].value = "halo"
    monkeypatch.setattr(bias, "check_bias", lambda *a, **k: 1 / 0)
    assert app.check(item_id) is None
    assert "fasilitator" in app.feedback[item_id].value


def test_english_labels_after_switching_language(store):
    from kinerja_sim._core import i18n

    app = _app("01_perbaiki_indikator", store)
    try:
        app.language.value = "en"
        assert "Rewrite" in app.body.children[0].value
    finally:
        i18n.set_language("id")


def test_the_calibration_question_is_answered_down_by_the_simulation():
    from kinerja_sim.training.exercises.policy import simulate_question

    assert simulate_question("kalibrasi", 3)["answer"] == "turun"


def test_curve_steps_together_are_the_rule_sets_answer():
    for seed in range(SEED, SEED + 4):
        item = curve.make_item(rng=trainee_seed(f"peserta {seed}"))
        parts = [step.must_change for step in curve.steps(item)]
        assert frozenset().union(*parts) == item.must_change
        assert sum(len(part) for part in parts) == len(item.must_change)


def test_curve_steps_move_down_the_lowest_ranked_first():
    # Among the employees who start with the same predicate, whoever ends with a worse one has
    # a rank no higher than whoever ends with a better one (a "Kurang" organisation may send
    # the lowest of the Baik to Kurang and the next ones to Butuh Perbaikan, in two steps).
    from kinerja_sim.rules import PREDICATES

    for seed in range(SEED, SEED + 4):
        item = curve.make_item(rng=trainee_seed(f"peserta {seed}"))
        table = item.table.set_index("employee_id")
        final = table["predicate"].map(PREDICATES.index)
        for step in curve.steps(item):
            final.loc[list(step.must_change)] = PREDICATES.index(step.new)
        for _, group in table.groupby("predicate"):
            ends = final.loc[group.index]
            for worse in ends.unique():
                lower, higher = group["rank"][ends == worse], group["rank"][ends < worse]
                if len(lower) and len(higher):
                    assert lower.max() <= higher.min(), (seed, worse)


def test_curve_step_refuses_employees_outside_the_group():
    item = curve.make_item(rng=trainee_seed("peserta 1"))
    step = curve.steps(item)[0]
    outsider = next(e for e in item.table["employee_id"] if e not in step.candidates)
    with pytest.raises(ValueError, match="hanya pegawai berpredikat"):
        curve.check_step(item, 1, [outsider], lang="id")


@pytest.mark.parametrize("name", ["peserta 1", "peserta 4"])
def test_every_trainee_gets_an_office_even_when_their_first_world_has_none(name):
    # The first world of these two names has no office whose curve fails (found by search).
    item = curve.make_item(rng=trainee_seed(name))
    assert item.must_change and item.violations


def test_exercise_logic_loads_without_ipywidgets():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('ipywidgets', 'IPython'):\n"
        "            raise ImportError('blocked ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import kinerja_sim.training.exercises.scoring, kinerja_sim.training.exercises.curve, "
        "kinerja_sim.training.exercises.bias\n"
        "import kinerja_sim.training.trainee, kinerja_sim.cases.answers, "
        "kinerja_sim.training.progress\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_a_measurable_coverage_line_is_accepted_with_the_coach_hint_to_write_persentase():
    # owners' decision (d): the SPM form "population receives service" with a % target is
    # measurable; exercise 01 accepts it and still says how to write it more clearly
    import dataclasses

    item = dataclasses.replace(
        indicators.make_items(1, rng=1)[0],
        rhk="Bayi 0-6 bulan mendapatkan ASI eksklusif",
        iki="Meningkatnya pemberian ASI eksklusif",
        fix_iki="Persentase bayi 0-6 bulan yang mendapatkan ASI eksklusif",
        fix_target="42 %",
    )
    feedback = indicators.check_indicator(
        item, "Bayi 0-6 bulan mendapatkan ASI Ekslusif", "42 %", lang="id"
    )
    assert feedback.correct
    assert any("Persentase bayi 0-6 bulan" in line for line in feedback.details)
