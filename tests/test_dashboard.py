"""The facilitator dashboard: tables from the store, the demo store, exports, the widget."""
import pandas as pd
import pytest

from kinerja_sim.progress import ProgressStore
from kinerja_sim.ui.dashboard import (Dashboard, bias_profiles, case_spread, demo_store, export_tables,
                                      group_reliability, progress_table, scoring_ratings)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_store(tmp_path_factory.mktemp("demo") / "contoh.sqlite", n_trainees=6, rng=3)


def test_demo_store_holds_labelled_simulated_trainees(demo):
    answers = demo.answers()
    assert answers["trainee"].nunique() == 6
    assert answers["trainee"].str.startswith("Contoh").all()


def test_scoring_ratings_are_long_with_the_truth(demo):
    ratings = scoring_ratings(demo.answers())
    assert set(ratings.columns) == {"rater_id", "employee_id", "kind", "dimension", "score", "true_score"}
    assert ratings.groupby(["rater_id", "employee_id"]).size().eq(8).all()
    assert ratings["true_score"].notna().all()


def test_scoring_ratings_keep_only_the_last_answer_per_case(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    for value in (2.0, 4.0):
        store.submit("Siti", "02_nilai_berkas_kasus", "bersama-1-P1",
                     {"scores": {"akuntabel": value}, "kind": "bersama", "true_scores": {"akuntabel": 3.0}})
    ratings = scoring_ratings(store.answers())
    assert ratings["score"].tolist() == [4.0]


def test_case_spread_has_one_row_per_case_and_dimension(demo):
    ratings = scoring_ratings(demo.answers())
    spread = case_spread(ratings)
    assert len(spread) == ratings.groupby(["employee_id", "dimension"]).ngroups
    assert (spread["n"] == 6).all()
    assert ((spread["mean"] - spread["true_score"]).round(3) == spread["mean_gap"].round(3)).all()


def test_bias_profiles_come_from_rater_profile(demo):
    profiles = bias_profiles(scoring_ratings(demo.answers()), lang="id")
    assert len(profiles) == 6 and profiles["explanation"].str.len().gt(0).all()


def test_group_reliability_reports_icc_and_alpha(demo):
    table = group_reliability(scoring_ratings(demo.answers()))
    assert "Krippendorff alpha (interval)" in set(table["statistic"])
    assert {"ICC(2,1)", "ICC(2,k)"} <= set(table["statistic"])
    assert table["value"].between(-1, 1).all()


def test_tables_of_an_empty_store_are_empty_with_their_columns(tmp_path):
    answers = ProgressStore(tmp_path / "empty.sqlite").answers()
    ratings = scoring_ratings(answers)
    for table in (ratings, progress_table(answers), case_spread(ratings), bias_profiles(ratings),
                  group_reliability(ratings)):
        assert table.empty and len(table.columns) > 0


def test_progress_table_counts_items_and_submissions(demo):
    table = progress_table(demo.answers())
    scoring_rows = table[table["exercise"] == "02_nilai_berkas_kasus"]
    assert (scoring_rows["items"] == 3).all() and (scoring_rows["submissions"] == 3).all()


def test_export_writes_csv_files_and_an_excel_workbook(demo, tmp_path):
    tables = {"kemajuan": progress_table(demo.answers()), "jawaban": demo.answers()}
    paths = export_tables(tables, tmp_path / "ekspor")
    assert {p.name for p in paths} == {"kemajuan.csv", "jawaban.csv", "kinerja_sim_dasbor.xlsx"}
    back = pd.read_excel(tmp_path / "ekspor" / "kinerja_sim_dasbor.xlsx", sheet_name=None)
    assert set(back) == {"kemajuan", "jawaban"} and len(back["jawaban"]) == len(demo.answers())


def test_dashboard_widget_loads_and_exports(demo, tmp_path):
    dashboard = Dashboard(demo.path)
    assert "6 peserta" in dashboard.message.value
    paths = dashboard.export(tmp_path / "out")
    assert (tmp_path / "out" / "profil_bias.csv") in paths


def test_dashboard_on_an_empty_store_says_so(tmp_path):
    dashboard = Dashboard(tmp_path / "kosong.sqlite")
    assert "0 jawaban" in dashboard.message.value


def test_dashboard_with_an_unusable_path_shows_what_to_fix(tmp_path):
    (tmp_path / "folder.sqlite").mkdir()
    dashboard = Dashboard(tmp_path / "folder.sqlite")
    assert "Periksa nama berkasnya" in dashboard.message.value


def test_dashboard_tables_show_column_headers_in_bahasa_indonesia():
    import pandas as pd

    from kinerja_sim.i18n import set_language
    from kinerja_sim.ui.dashboard import _frame_html

    set_language("id")
    page = _frame_html(pd.DataFrame({"trainee": ["A"], "mean_score": [0.5]}), "ui.dashboard.empty")
    assert "Peserta" in page and "Skor rata-rata" in page and "mean_score" not in page
