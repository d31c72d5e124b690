"""The lesson widgets (kinerja_sim.ui.lessons), driven programmatically: set values, call handlers,
check state.
"""

import re
from pathlib import Path
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

import kinerja_sim
from kinerja_sim._core import i18n
from kinerja_sim._core.i18n import catalogue
from kinerja_sim.cases.lesson import lesson_cases
from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.ui import lessons
from kinerja_sim.ui.lesson_calibration import EXAMPLE_GROUP_SIZE
from kinerja_sim.ui.lesson_profile import COMPONENTS
from kinerja_sim.world.dimensions import DIMENSIONS

UI = Path(kinerja_sim.__file__).parent / "ui"


@pytest.fixture(autouse=True)
def bahasa_indonesia():
    """The checks below read Indonesian messages, whatever KINERJA_SIM_LANG says."""
    before = i18n._state["lang"]
    i18n.set_language("id")
    yield
    i18n._state["lang"] = before


@pytest.fixture(scope="module")
def world():
    return kinerja_sim.generate(n_offices=2, rng=5)


@pytest.fixture(scope="module")
def cases():
    return lesson_cases()


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.sqlite")


def _login(name="Siti Rahma"):
    return SimpleNamespace(name=name)


def _score_all(store, trainee, exercise, employee_ids, value=3.0):
    for employee_id in employee_ids:
        store.submit(trainee, exercise, employee_id, {"scores": {d: value for d in DIMENSIONS}})


# ---------------------------------------------------------------- catalogue
def test_every_lesson_message_used_in_the_widgets_is_in_the_catalogue():
    keys = set()
    for path in UI.glob("lesson*.py"):
        keys |= set(
            re.findall(r"""["'](lessons\.[a-z_.]+[a-z_])["']""", path.read_text(encoding="utf-8"))
        )
    missing = sorted(key for key in keys if key not in catalogue())
    assert keys and not missing


def test_every_lesson_message_has_indonesian_and_english():
    lesson_keys = [key for key in catalogue() if key.startswith("lessons.")]
    assert lesson_keys
    assert all(catalogue()[key]["id"] and catalogue()[key]["en"] for key in lesson_keys)


# ---------------------------------------------------------------- 03 bias explorer
def test_bias_explorer_starts_unbiased(world):
    explorer = lessons.BiasExplorer(world, rng=1)
    shift = (explorer.ratings["score"] - explorer.ratings["true_score"]).mean()
    assert abs(shift) < 0.1 and explorer.message.value == ""


def test_leniency_slider_shifts_scores_up_and_reset_brings_them_back(world):
    explorer = lessons.BiasExplorer(world, rng=1)
    before = explorer.ratings["score"].mean()
    explorer.sliders["leniency"].value = 1.0  # the observer calls update
    assert explorer.ratings["score"].mean() > before + 0.5
    assert explorer.bias().leniency == 1.0
    explorer.reset()
    assert explorer.bias() == kinerja_sim.RaterBias()
    assert explorer.ratings["score"].mean() == pytest.approx(before)


def test_central_tendency_slider_makes_predicates_less_extreme(world):
    explorer = lessons.BiasExplorer(world, rng=1)
    explorer.sliders["central_tendency"].value = 0.9
    assert set(explorer.predicates["predicate"]) <= {"Baik"}


def test_bias_explorer_shows_a_message_not_a_traceback(world):
    explorer = lessons.BiasExplorer(world, rng=1)
    explorer.office_id = "K999"
    explorer.update()
    assert (
        "Isian belum dapat dipakai" in explorer.message.value
        or "cannot be used" in explorer.message.value
    )


def test_bias_gallery_has_one_panel_per_bias(world):
    figure = lessons.bias_gallery(world, rng=2)
    assert len(figure.axes) == 9  # eight biases and the administrative floor


def test_trained_supervisors_agree_with_the_truth_more_often_than_untrained(world):
    table = lessons.preset_comparison(world, presets=("ideal", "supervisory"), rng=3)
    agreement = table.set_index("preset")["agreement"]
    assert agreement["ideal"] > agreement["supervisory"]
    assert np.allclose(table[["agreement", "higher", "lower"]].sum(axis=1), 1.0)


# ---------------------------------------------------------------- 06 rules widgets
def test_predicate_matrix_follows_the_regulation():
    matrix = lessons.PredicateMatrix()
    matrix.hasil.value, matrix.perilaku.value = 4.0, 4.0
    assert matrix.result[2] == "Sangat Baik"
    matrix.perilaku.value = 2.0
    assert matrix.result[2] == "Kurang/Misconduct"
    matrix.hasil.value = 2.0
    assert matrix.result == ("Di Bawah Ekspektasi", "Di Bawah Ekspektasi", "Sangat Kurang")


def test_curve_explorer_enforcement_meets_a_feasible_curve(world):
    explorer = lessons.CurveExplorer(world)
    explorer.organisation.value = "Butuh Perbaikan"
    assert explorer.enforcement.check.ok
    assert explorer.enforcement.n_changed > 0
    assert list(explorer.agreement["rater"]) == ["Dari atasan", "Setelah kurva"]


def test_curve_explorer_follows_the_office_choice(world):
    explorer = lessons.CurveExplorer(world)
    second = world.offices["office_id"].iloc[1]
    explorer.office.value = second
    assert (
        explorer.organisation.value
        == world.offices.set_index("office_id").loc[second, "organisation_predicate"]
    )
    assert explorer.check.n == (world.employees["office_id"] == second).sum()


def test_curve_table_lists_every_organisation_predicate():
    table = lessons.curve_table()
    assert set(table.iloc[:, 0]) == {
        "Istimewa",
        "Baik",
        "Butuh Perbaikan",
        "Kurang",
        "Sangat Kurang",
    }


def test_rules_overview_marks_the_matrix_as_law_and_thresholds_as_assumption():
    table = lessons.rules_overview().set_index("Keyakinan")
    assert "asumsi" in table.loc["ASSUMPTION", "Artinya"].iloc[0]
    assert "hukum" in table.loc["HIGH", "Artinya"].iloc[0]


def test_curve_effect_has_one_row_per_office(world):
    assert len(lessons.curve_effect(world)) == len(world.offices)


# ---------------------------------------------------------------- 01 indicator builder
def test_indicator_builder_checks_as_you_type(store):
    builder = lessons.IndicatorBuilder(["RHK A"], store=store, login=_login())
    builder.iki.value = "Meningkatkan pelayanan"
    assert not builder.result.measurable and "<li>" in builder.feedback.value
    builder.iki.value = "Persentase izin yang terbit tepat waktu sesuai SOP"
    builder.target.value = "95 % per tahun"
    assert builder.result.measurable and builder.result.aspect == "waktu"


def test_indicator_builder_warns_when_the_iki_does_not_fit_the_rhk(store):
    builder = lessons.IndicatorBuilder(
        ["Terlaksananya pelayanan akta kelahiran"], store=store, login=_login()
    )
    builder.iki.value = "Jumlah rapat koordinasi yang difasilitasi"
    builder.target.value = "24 rapat"
    assert builder.result.measurable and not builder.fits
    assert "tidak mengukur RHK" in builder.feedback.value
    builder.iki.value = "Jumlah akta kelahiran yang diterbitkan"
    assert builder.fits and "terukur" in builder.feedback.value.lower()


def test_indicator_builder_coaches_a_vague_iki_with_real_style_rewrites(store):
    builder = lessons.IndicatorBuilder(
        ["Terlaksananya monitoring siskamling"], store=store, login=_login(), kind="kalurahan"
    )
    builder.iki.value = "Terlaksananya Monitoring kegiatan siskamling"
    builder.target.value = "10 kali"
    assert "Jumlah laporan hasil monitoring kegiatan siskamling" in builder.feedback.value


def test_check_examples_compares_with_corpus_labels():
    table = lessons.check_examples(
        [("Jumlah Dokumen Raker", "1 dokumen", "terukur"), ("Dokumen Raker", "1", "tidak")]
    )
    assert list(table.iloc[:, -1]) == ["ya", "ya"]


def test_indicator_builder_needs_a_trainee_to_save(store):
    builder = lessons.IndicatorBuilder(["RHK A"], store=store, login=_login(None))
    builder.iki.value = "Jumlah akta kelahiran yang diterbitkan"
    builder.save()
    assert store.answers().empty and "nama" in builder.message.value


def test_indicator_builder_saves_to_the_store(store):
    login = _login()
    builder = lessons.IndicatorBuilder(["RHK A"], store=store, login=login)
    builder.iki.value = "Jumlah akta kelahiran yang diterbitkan"
    builder.target.value = "1.200 dokumen per tahun"
    builder.save()
    saved = store.latest(login.name, "01_indikator")
    assert saved["RHK A"]["measurable"] is True
    assert len(lessons.saved_indicators(store, login)) == 1


# ---------------------------------------------------------------- 02 scoring form
def test_scoring_form_refuses_an_incomplete_answer(store, cases):
    data, ids = cases
    form = lessons.ScoringForm(data, ids, store=store, login=_login())
    form.buttons["hasil_kerja"].value = 4
    form.submit()
    assert store.answers().empty and "Belum dinilai" in form.message.value


def test_scoring_form_saves_eight_scores_and_the_predicate(store, cases):
    data, ids = cases
    login = _login()
    form = lessons.ScoringForm(data, ids, store=store, login=login)
    for group in form.buttons.values():
        group.value = 4
    form.submit()
    answer = store.latest(login.name, "02_penilaian")[ids[0]]
    assert answer["scores"] == {d: 4.0 for d in DIMENSIONS} and answer["kind"] == "bersama"
    person = data.employees.set_index("employee_id").loc[ids[0]]
    assert answer["true_scores"]["akuntabel"] == pytest.approx(person["true_akuntabel"], abs=1e-3)
    assert form.last_predicate == "Sangat Baik"
    assert form.case.options[0][0].startswith("✓")


def test_scoring_form_restores_saved_answers_after_a_restart(store, cases):
    data, ids = cases
    login = _login()
    store.submit(login.name, "02_penilaian", ids[1], {"scores": {d: 2.0 for d in DIMENSIONS}})
    form = lessons.ScoringForm(data, ids, store=store, login=login)  # a new kernel
    form.case.value = ids[1]
    assert form.scores() == {d: 2 for d in DIMENSIONS}
    form.case.value = ids[2]
    assert set(form.scores().values()) == {None}


def test_scoring_form_without_a_trainee_asks_for_the_name(store, cases):
    data, ids = cases
    form = lessons.ScoringForm(data, ids, store=store, login=_login(None))
    for group in form.buttons.values():
        group.value = 3
    form.submit()
    assert store.answers().empty and "nama" in form.message.value


def test_scoring_form_turns_a_store_error_into_a_message(store, cases):
    data, ids = cases
    form = lessons.ScoringForm(data, ids, store=store, login=_login("   "))  # rejected by the store
    for group in form.buttons.values():
        group.value = 3
    form.submit()
    assert "Isian belum dapat dipakai" in form.message.value


def test_stored_ratings_keep_only_complete_answers(store):
    store.submit("A", "02_penilaian", "P1", {"scores": {d: 3.0 for d in DIMENSIONS}})
    store.submit("A", "02_penilaian", "P2", {"scores": {"hasil_kerja": 3.0}})
    ratings = lessons.stored_ratings(store, "02_penilaian")
    assert set(ratings["employee_id"]) == {"P1"} and len(ratings) == 8


def test_scores_table_shows_the_predicate_of_each_saved_case(store, cases):
    data, ids = cases
    login = _login()
    _score_all(store, login.name, "02_penilaian", ids[:2], value=2.0)
    table = lessons.scores_table(store, login, data)
    assert len(table) == 2 and set(table["Predikat"]) == {"Sangat Kurang"}


# ---------------------------------------------------------------- 04 profile
def test_profile_uses_a_labelled_example_when_nothing_is_saved(store, cases):
    data, ids = cases
    view = lessons.ProfileView(store, _login(None), data, ids, rng=1)
    assert view.is_example and "CONTOH" in view.banner.value
    assert set(view.ratings["rater_id"]) == {"CONTOH"}


def test_profile_reads_the_trainees_scores_from_02(store, cases):
    data, ids = cases
    login = _login()
    truth = data.truth().set_index(["employee_id", "dimension"])["true_score"]
    for employee_id in ids[:5]:  # a lenient trainee: one point above the truth
        store.submit(
            login.name,
            "02_penilaian",
            employee_id,
            {"scores": {d: float(min(5, round(truth[employee_id, d] + 1))) for d in DIMENSIONS}},
        )
    view = lessons.ProfileView(store, login, data, ids, rng=1)
    assert not view.is_example and set(view.ratings["rater_id"]) == {login.name}
    parts = view.accuracy[list(COMPONENTS)].sum(axis=1)
    assert parts.iloc[0] == pytest.approx(view.accuracy["mse"].iloc[0])
    assert view.profile["flag_leniency"].iloc[0]


def test_profile_refresh_picks_up_new_scores(store, cases):
    data, ids = cases
    login = _login()
    view = lessons.ProfileView(store, login, data, ids, rng=1)
    assert view.is_example
    _score_all(store, login.name, "02_penilaian", ids[:3])
    view.update()
    assert not view.is_example


def test_anchor_examples_span_below_meets_and_above(cases):
    data, ids = cases
    anchors = lessons.AnchorExamples(data, exclude=ids)
    anchors.dimension.value = "kolaboratif"
    true = data.employees.set_index("employee_id").loc[anchors.people, "true_kolaboratif"]
    assert list(true) == sorted(true) and not set(anchors.people) & set(ids)
    assert "SESUAI EKSPEKTASI" in anchors.content.value


def test_rerating_compares_the_example_before_the_trainee_has_scored(store, cases):
    data, ids = cases
    rerating = lessons.Rerating(store, _login(None), data, ids, rng=1)
    assert rerating.is_example and rerating.form is None
    before, after = rerating.table["mse"]
    assert after < before  # training helps the example rater


def test_rerating_uses_fresh_cases_and_the_trainees_own_rounds(store, cases):
    data, ids = cases
    login = _login()
    _score_all(store, login.name, "02_penilaian", ids[:3])
    rerating = lessons.Rerating(store, login, data, ids, n=3, rng=1)
    assert rerating.form is not None and not set(rerating.fresh[1]) & set(ids)
    for employee_id in rerating.fresh[1]:
        rerating.form.case.value = employee_id
        for group in rerating.form.buttons.values():
            group.value = 3
        rerating.form.submit()
    rerating.compare()
    assert not rerating.is_example and len(rerating.table) == 2


# ---------------------------------------------------------------- 05 calibration
def test_calibration_uses_an_example_group_until_three_trainees_scored(store, cases):
    data, ids = cases
    _score_all(store, "A", "02_penilaian", ids)
    view = lessons.CalibrationView(store, data, ids, rng=1)
    assert view.is_example and view.ratings["rater_id"].nunique() == EXAMPLE_GROUP_SIZE
    assert list(view.reliability["form"])[:3] == ["ICC(1,1)", "ICC(2,1)", "ICC(3,1)"]


def test_calibration_reads_the_group_and_follows_the_dimension(store, cases):
    data, ids = cases
    rng = np.random.default_rng(0)
    for name in ("A", "B", "C"):
        for employee_id in ids:
            store.submit(
                name,
                "02_penilaian",
                employee_id,
                {"scores": {d: float(rng.integers(1, 6)) for d in DIMENSIONS}},
            )
    view = lessons.CalibrationView(store, data, ids, rng=1)
    assert not view.is_example and set(view.ratings["rater_id"]) == {"A", "B", "C"}
    alpha = view.alpha
    view.dimension.value = "loyal"
    assert view.alpha != alpha and view.message.value == ""
    assert view.calibration.rater_effects["effect"].sum() == pytest.approx(0.0, abs=1e-9)


# ---------------------------------------------------------------- 00 figures
def test_cycle_figure_names_the_four_stages():
    figure = lessons.cycle_figure()
    texts = " ".join(text.get_text() for text in figure.axes[0].texts)
    for stage in ("Perencanaan", "Pelaksanaan", "Penilaian", "Tindak lanjut"):
        assert stage in texts


def test_every_lesson_message_is_text():
    lesson_keys = [key for key in catalogue() if key.startswith("lessons.")]
    assert all(
        isinstance(catalogue()[key][lang], str) for key in lesson_keys for lang in ("id", "en")
    )


def test_lesson_numbers_come_from_the_one_formatter():
    from kinerja_sim._core import i18n
    from kinerja_sim.ui.lesson_common import number_text

    before = i18n.get_language()
    try:
        i18n.set_language("id")
        assert number_text(1234.5678) == "1.234,57"
        assert number_text(0.25, sign=True) == "+0,25" and number_text(-0.25, sign=True) == "-0,25"
        i18n.set_language("en")
        assert number_text(0.25, 1) == "0.2" or number_text(0.25, 1) == "0.3"
        assert number_text(-1.5, sign=True) == "-1.50"
    finally:
        i18n.set_language(before)
