"""The facilitator dashboard: one model of case answers, tables as people read them, exports,
merges.
"""

import json

import numpy as np
import pandas as pd
import pytest

from kinerja_sim._core.format import timestamp
from kinerja_sim._core.i18n import set_language
from kinerja_sim.cases.answers import case_ratings
from kinerja_sim.cases.lesson import lesson_cases, lesson_truth
from kinerja_sim.training.dashboard import (
    bias_profiles,
    case_spread,
    demo_store,
    display_table,
    export_workbook,
    group_reliability,
    progress_table,
    unpacked_answers,
)
from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.ui.dashboard import Dashboard
from kinerja_sim.world.dimensions import DIMENSIONS


@pytest.fixture(autouse=True)
def indonesian():
    set_language("id")
    yield
    set_language("id")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_store(tmp_path_factory.mktemp("demo") / "contoh.sqlite", n_trainees=6, rng=3)


def _flat(values):
    return dict(zip(DIMENSIONS, values))


@pytest.fixture
def mixed(tmp_path):
    """Two trainees who rated in notebook 02 (answers with their truth) and one who rated in the
    app.
    """
    store = ProgressStore(tmp_path / "p.sqlite")
    truth = lesson_truth()
    for name, level in (("Siti Rahma", 4.0), ("Budi", 2.0)):
        for employee in list(truth)[:3]:
            store.submit(
                name,
                "02_penilaian",
                employee,
                {"scores": _flat([level] * 8), "true_scores": truth[employee]},
            )
    store.submit(
        "siti rahma",
        "02_nilai_berkas_kasus",
        "bersama-101-P00001",
        {
            "scores": _flat([3.0] * 8),
            "employee_id": "P00001",
            "kind": "bersama",
            "true_scores": _flat([3.5] * 8),
        },
        score=0.75,
        feedback="Nilai Anda rata-rata ...\n- Akuntabel ...",
    )
    return store


def test_demo_store_holds_labelled_simulated_trainees(demo):
    answers = demo.answers()
    assert answers["trainee"].nunique() == 6
    assert answers["trainee"].str.startswith("Contoh").all()


def test_notebook_and_app_ratings_are_read_as_one_model(mixed):
    ratings = case_ratings(mixed.answers())
    per_source = ratings.groupby("source")["case_id"].nunique().to_dict()
    assert per_source == {"notebook": 3, "aplikasi": 1}
    assert sorted(ratings["rater_id"].unique()) == [
        "Budi",
        "Siti Rahma",
    ]  # "siti rahma" is Siti Rahma


def test_notebook_answers_keep_the_truth_of_the_lesson_cases(mixed):
    ratings = case_ratings(mixed.answers())
    notebook = ratings[ratings["source"] == "notebook"]
    data, ids = lesson_cases()
    person = data.employees.set_index("employee_id").loc[ids[0]]
    row = notebook[
        (notebook["employee_id"] == ids[0]) & (notebook["dimension"] == "akuntabel")
    ].iloc[0]
    assert row["true_score"] == pytest.approx(person["true_akuntabel"], abs=1e-3)
    assert set(lesson_truth()) == set(ids)


def test_case_ratings_keep_only_the_last_answer_per_case(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    for value in (2.0, 4.0):
        store.submit(
            "Siti",
            "02_nilai_berkas_kasus",
            "bersama-1-P1",
            {"scores": _flat([value] * 8), "kind": "bersama", "true_scores": _flat([3.0] * 8)},
        )
    ratings = case_ratings(store.answers())
    assert ratings["score"].unique().tolist() == [4.0]


def test_spread_counts_the_ratings_given_in_the_notebook(mixed):
    spread = case_spread(case_ratings(mixed.answers()))
    notebook = spread[spread["source"] == "notebook"]
    assert (notebook["n"] == 2).all()  # Siti and Budi, each case, each dimension
    assert notebook["mean"].eq(3.0).all()  # (4 + 2) / 2, computed by hand


def test_spread_mean_gap_is_the_mean_minus_the_truth_by_hand(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    for name, value in (("A", 2.0), ("B", 3.0), ("C", 5.0)):
        store.submit(
            name,
            "02_nilai_berkas_kasus",
            "bersama-1-P1",
            {"scores": _flat([value] * 8), "kind": "bersama", "true_scores": _flat([3.0] * 8)},
        )
    spread = case_spread(case_ratings(store.answers()))
    assert spread["mean"].tolist() == [pytest.approx(10 / 3, abs=1e-3)] * 8
    assert spread["mean_gap"].tolist() == [pytest.approx(1 / 3, abs=1e-3)] * 8
    assert spread["sd"].iloc[0] == pytest.approx(np.std([2, 3, 5], ddof=1), abs=1e-3)


def test_bias_profiles_see_the_leniency_of_notebook_ratings(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    truth = lesson_truth()
    for name, shift in (("Siti Rahma", 0.8), ("Budi", -0.8)):  # notebook answers: truth ± 0.8
        for employee, true in truth.items():
            store.submit(
                name,
                "02_penilaian",
                employee,
                {
                    "scores": {d: min(5.0, max(1.0, v + shift)) for d, v in true.items()},
                    "true_scores": true,
                },
            )
    profiles = bias_profiles(case_ratings(store.answers()), lang="id").set_index("rater")
    assert set(profiles.index) == {"Siti Rahma", "Budi"}
    assert profiles.loc["Siti Rahma", "leniency"] > 0.4 and profiles.loc["Budi", "leniency"] < -0.4


def test_group_reliability_reports_icc_and_alpha(demo):
    table = group_reliability(case_ratings(demo.answers()))
    assert "Krippendorff alpha (interval)" in set(table["statistic"])
    assert {"ICC(2,1)", "ICC(2,k)"} <= set(table["statistic"])
    assert table["value"].between(-1, 1).all()


def test_tables_of_an_empty_store_are_empty_with_their_columns(tmp_path):
    answers = ProgressStore(tmp_path / "empty.sqlite").answers()
    ratings = case_ratings(answers)
    for table in (
        ratings,
        progress_table(answers),
        case_spread(ratings),
        bias_profiles(ratings),
        group_reliability(ratings),
    ):
        assert table.empty and len(table.columns) > 0


def test_progress_table_counts_items_and_submissions(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    for item in ("a", "a", "b"):
        store.submit("Siti", "03_kenali_bias", item, {"choice": "halo"}, score=1.0)
    row = progress_table(store.answers()).iloc[0]
    assert (row["items"], row["submissions"], row["mean_score"]) == (2, 3, 1.0)


def test_times_are_shown_in_the_zone_the_facilitator_chose():
    assert timestamp("2026-11-26T23:30:00+00:00", "WIB") == "27-11-2026 06.30 WIB"
    assert timestamp("2026-11-26T23:30:00+00:00", "WITA") == "27-11-2026 07.30 WITA"
    assert timestamp("2026-11-26T23:30:00+00:00", "WIT") == "27-11-2026 08.30 WIT"


def test_display_tables_have_indonesian_headers_labels_and_yes_no(demo):
    ratings = case_ratings(demo.answers())
    shown = display_table(bias_profiles(ratings, lang="id"), lang="id")
    assert "Peserta" in shown.columns and "flag_halo" not in shown.columns
    assert set(shown["Tanda: efek halo"]) <= {"ya", "tidak"}
    spread = display_table(case_spread(ratings), lang="id")
    assert "Hasil Kerja" in set(spread["Dimensi"]) and "hasil_kerja" not in set(spread["Dimensi"])


def test_displayed_answers_show_feedback_lines_and_no_json(mixed):
    shown = display_table(unpacked_answers(mixed.answers()), zone="WITA", lang="id")
    text = shown.to_string()
    assert "answer_json" not in shown.columns and "\n- " not in "".join(shown["Umpan balik"])
    assert "Akuntabel" in shown.columns and "Sebenarnya: Akuntabel" in shown.columns
    assert shown["Waktu kirim"].str.endswith("WITA").all() and "+00:00" not in text


def test_export_writes_one_sheet_per_view_with_indonesian_headers(demo, tmp_path):
    dashboard = Dashboard(demo.path, export_folder=tmp_path / "ekspor")
    path = dashboard.export()
    assert path.parent == tmp_path / "ekspor" and path.suffix == ".xlsx"
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == [
        "Kemajuan",
        "Sebaran kasus",
        "Dua jarak",
        "Profil bias",
        "Reliabilitas",
        "Penilaian kasus",
        "Tes awal-akhir",
        "Umpan balik",
        "Semua jawaban",
    ]
    answers = sheets["Semua jawaban"]
    assert "answer_json" not in answers.columns and "Hasil Kerja" in answers.columns
    assert len(answers) == len(demo.answers())
    assert "Peserta" in sheets["Kemajuan"].columns


def test_export_defaults_to_a_folder_beside_the_notebook(demo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = export_workbook({"kemajuan": progress_table(demo.answers())})
    assert path.parent == tmp_path / "ekspor_dasbor"


def test_dashboard_offers_the_workbook_as_a_download_link(demo, tmp_path):
    dashboard = Dashboard(demo.path, export_folder=tmp_path)
    dashboard.export()
    assert 'href="data:application/vnd.openxmlformats' in dashboard.download.value
    assert "download=" in dashboard.download.value


def test_dashboard_counts_the_notebook_ratings(mixed):
    dashboard = Dashboard(mixed.path)
    assert "2 peserta" in dashboard.message.value
    assert (
        "7 penilaian kasus" in dashboard.message.value
    )  # 2 trainees × 3 notebook cases + 1 app case


def test_a_mistyped_store_path_is_an_error_and_creates_nothing(tmp_path):
    dashboard = Dashboard(tmp_path / "salah.sqlite")
    assert "tidak ada" in dashboard.message.value
    assert not (tmp_path / "salah.sqlite").exists()
    assert dashboard.export() is None


def test_dashboard_with_a_folder_as_path_shows_what_to_fix(tmp_path):
    (tmp_path / "folder.sqlite").mkdir()
    dashboard = Dashboard(tmp_path / "folder.sqlite")
    assert "Periksa nama berkasnya" in dashboard.message.value


def test_dashboard_merges_two_names_and_undoes_it(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    store.submit("Siti Rahma", "03_kenali_bias", "pola-1", {"choice": "halo"})
    store.submit("Siti R.", "03_kenali_bias", "pola-2", {"choice": "halo"})
    dashboard = Dashboard(store.path)
    assert "2 peserta" in dashboard.message.value
    assert dashboard.merge("Siti R.", "Siti Rahma")
    assert "1 peserta" in dashboard.message.value
    assert dashboard.merged.options == (("Siti R. → Siti Rahma", "Siti R."),)
    assert dashboard.unmerge("Siti R.")
    assert "2 peserta" in dashboard.message.value


def test_dashboard_html_tables_show_no_raw_keys(mixed):
    from kinerja_sim.ui.dashboard import _frame_html

    page = _frame_html(case_spread(case_ratings(mixed.answers())), "ui.dashboard.empty")
    assert "Hasil Kerja" in page and "hasil_kerja" not in page and "mean_gap" not in page
    assert "True" not in page and "False" not in page


def test_answer_json_of_the_app_keeps_the_truth_for_the_facilitator(mixed):
    row = mixed.answers(exercise="02_nilai_berkas_kasus").iloc[0]
    assert json.loads(row["answer_json"])["true_scores"]["akuntabel"] == 3.5


def test_dashboard_html_shows_feedback_lines_not_a_literal_backslash_n(mixed):
    from kinerja_sim.ui.dashboard import _frame_html

    page = _frame_html(unpacked_answers(mixed.answers()), "ui.dashboard.empty")
    assert "<br>• Akuntabel" in page
    assert "\\n" not in page and "\n-" not in page


def _constant_copy(store, path):
    """The store's answers again, every case score 3: no variation for the statistics."""
    copy = ProgressStore(path)
    for row in store.answers().itertuples():
        answer = json.loads(row.answer_json)
        if "scores" in answer:
            answer["scores"] = {key: 3.0 for key in answer["scores"]}
        copy.submit(row.trainee, row.exercise, row.item, answer, score=row.score)
    return copy


def test_the_kits_degenerate_data_warning_is_never_silenced(demo, tmp_path):
    from kinerja_sim.metrics import DegenerateDataWarning

    ratings = case_ratings(_constant_copy(demo, tmp_path / "sama.sqlite").answers())
    with pytest.warns(DegenerateDataWarning):
        table = group_reliability(ratings)
    assert table["value"].isna().all()


def test_dashboard_tables_of_varied_data_raise_no_warning_at_all(demo):
    import warnings

    from kinerja_sim.training.dashboard import views

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tables = views(demo.answers())
    assert not tables["reliabilitas"].empty and not tables["profil_bias"].empty


def test_dashboard_says_which_statistics_are_undefined(demo, tmp_path):
    copy = _constant_copy(demo, tmp_path / "sama.sqlite")
    dashboard = Dashboard(copy.path)
    assert "kinerja-dashboard-degenerate" in dashboard.message.value
    assert "Catatan statistik" in dashboard.message.value
    assert "kinerja-dashboard-degenerate" not in Dashboard(demo.path).message.value


def test_reliability_waits_until_two_trainees_scored_one_shared_case(demo, tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    rows = [row for row in demo.answers().itertuples() if row.exercise == "02_nilai_berkas_kasus"]
    first, last = rows[0], rows[-1]
    assert first.trainee != last.trainee and first.item != last.item
    for row in (first, last):
        store.submit(
            row.trainee, row.exercise, row.item, json.loads(row.answer_json), score=row.score
        )
    assert group_reliability(case_ratings(store.answers())).empty
    assert Dashboard(store.path).store is not None  # loads, no "cannot read"


def test_export_goes_to_the_folder_the_workshop_server_names(demo, tmp_path, monkeypatch):
    from kinerja_sim.training import dashboard
    from kinerja_sim.workshop import server

    assert server.EXPORTS_ENV == dashboard.EXPORTS_ENV
    monkeypatch.setenv(dashboard.EXPORTS_ENV, str(tmp_path / "hari_ini"))
    monkeypatch.chdir(tmp_path)
    path = export_workbook(dashboard.views(demo.answers()))
    assert path.parent == tmp_path / "hari_ini"
