"""The SQLite progress store, the trainee identity and the case files."""

import json
import multiprocessing
import sqlite3

import pandas as pd
import pytest

from kinerja_sim.cases.casefile import case_file_html, practice_cases
from kinerja_sim.training.progress import ANSWER_COLUMNS, ENV_VAR, ProgressStore, default_path
from kinerja_sim.training.trainee import trainee_name, trainee_seed
from kinerja_sim.ui.login import TraineeLogin


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.sqlite")


def test_submit_returns_increasing_ids(store):
    first = store.submit("Siti", "01_perbaiki_indikator", "1", {"iki": "Jumlah"})
    second = store.submit("Siti", "01_perbaiki_indikator", "2", {"iki": "Jumlah"})
    assert second == first + 1


def test_answers_have_the_documented_columns_and_types(store):
    store.submit("Siti", "02", "P00001", {"akuntabel": 4.0}, score=0.75, feedback="baik")
    table = store.answers()
    assert tuple(table.columns) == ANSWER_COLUMNS
    row = table.iloc[0]
    assert json.loads(row["answer_json"]) == {"akuntabel": 4.0}
    assert row["score"] == 0.75 and row["feedback"] == "baik"
    assert pd.Timestamp(row["submitted_at"]).tzinfo is not None


def test_empty_store_gives_an_empty_table_with_the_columns(store):
    table = store.answers()
    assert table.empty and tuple(table.columns) == ANSWER_COLUMNS


def test_answers_filter_by_trainee_and_exercise(store):
    store.submit("Siti", "a", "1", {})
    store.submit("Budi", "a", "1", {})
    store.submit("Siti", "b", "1", {})
    assert len(store.answers(trainee="Siti")) == 2
    assert len(store.answers(exercise="a")) == 2
    assert len(store.answers(trainee="Siti", exercise="b")) == 1


def test_latest_gives_the_last_answer_per_item(store):
    store.submit("Siti", "02", "P1", {"v": 1})
    store.submit("Siti", "02", "P1", {"v": 2})
    store.submit("Siti", "02", "P2", {"v": 3})
    store.submit("Budi", "02", "P1", {"v": 9})
    assert store.latest("Siti", "02") == {"P1": {"v": 2}, "P2": {"v": 3}}


def test_a_new_store_object_on_the_same_file_sees_earlier_submissions(tmp_path):
    ProgressStore(tmp_path / "p.sqlite").submit("Siti", "02", "P1", {"v": 1})
    assert ProgressStore(tmp_path / "p.sqlite").latest("Siti", "02") == {"P1": {"v": 1}}


def test_store_uses_write_ahead_log(store):
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_default_path_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "shared.sqlite"))
    assert default_path() == tmp_path / "shared.sqlite"
    assert ProgressStore().path == tmp_path / "shared.sqlite"


def test_default_path_without_environment_is_in_the_home_folder(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert default_path().name == "progress.sqlite"
    assert ".kinerja-sim" in default_path().parts


@pytest.mark.parametrize(
    "args, error",
    [
        (("", "a", "1", {}), ValueError),
        ((None, "a", "1", {}), TypeError),
        (("Siti", "a", "1", "not a dict"), TypeError),
        (("Siti", "a", "1", {"x": object()}), ValueError),
        (("Siti", "a", "1", {"x": float("nan")}), ValueError),
    ],
)
def test_bad_submissions_are_refused(store, args, error):
    with pytest.raises(error):
        store.submit(*args)


def test_non_finite_score_is_refused(store):
    with pytest.raises(TypeError):
        store.submit("Siti", "a", "1", {}, score=float("inf"))


def test_folder_as_path_is_refused(tmp_path):
    with pytest.raises(ValueError, match="folder"):
        ProgressStore(tmp_path)


def _submit_many(path, trainee, count):
    store = ProgressStore(path)
    for i in range(count):
        store.submit(trainee, "02_nilai_berkas_kasus", f"P{i:03d}", {"score": i}, score=i / count)


def test_many_trainees_can_submit_at_the_same_time(tmp_path):
    path = tmp_path / "shared.sqlite"
    ProgressStore(path)
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_submit_many, args=(path, f"peserta {k}", 40)) for k in range(6)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert all(worker.exitcode == 0 for worker in workers)
    table = ProgressStore(path).answers()
    assert len(table) == 6 * 40
    assert table.groupby("trainee").size().eq(40).all()


def test_trainee_seed_is_stable_and_ignores_case_and_spaces():
    assert trainee_seed("Siti Rahma") == trainee_seed(" siti  rahma ")
    assert trainee_seed("Siti Rahma") != trainee_seed("Budi")
    assert 0 <= trainee_seed("Siti Rahma") < 2**63


def test_trainee_seed_differs_per_attempt():
    assert trainee_seed("Siti", attempt=0) != trainee_seed("Siti", attempt=1)


@pytest.mark.parametrize(
    "name, error",
    [("", ValueError), ("   ", ValueError), ("x" * 61, ValueError), (None, TypeError)],
)
def test_bad_names_are_refused(name, error):
    with pytest.raises(error):
        trainee_name(name)


def test_login_remembers_the_trainee_and_offers_no_list_of_names(store):
    login = TraineeLogin(store)
    seen = []
    login.observe(seen.append)
    assert login.start("  Siti   Rahma ")
    assert login.name == "Siti Rahma" and seen == ["Siti Rahma"]
    assert login.seed == trainee_seed("Siti Rahma")
    again = TraineeLogin(store)  # after a kernel restart
    assert not hasattr(again.field, "options")  # nobody sees another trainee's name
    assert again.field.value == "Siti Rahma"  # only one name ever used on this account


def test_login_with_an_empty_name_shows_what_to_fix(store):
    login = TraineeLogin(store, lang="id")
    assert not login.start("   ")
    assert login.name is None
    assert "Tulis nama" in login.message.value


def test_login_welcomes_back_with_the_count_of_saved_answers(store):
    store.submit("Siti", "02", "P1", {})
    login = TraineeLogin(store, lang="en")
    login.start("Siti")
    assert "1 earlier answers" in login.message.value


def test_practice_cases_depend_only_on_the_seed():
    first, ids = practice_cases(4, rng=5)
    again, ids_again = practice_cases(4, rng=5)
    assert ids == ids_again and len(set(ids)) == 4
    assert first.employees.equals(again.employees)
    assert practice_cases(4, rng=6)[1] != ids


def test_practice_cases_are_staff_not_heads_of_office():
    data, ids = practice_cases(5, rng=9)
    chosen = data.employees.set_index("employee_id").loc[ids]
    assert (chosen["supervisor_id"] != "KDH").all()


def test_case_file_shows_the_evidence_but_not_the_truth():
    data, ids = practice_cases(1, rng=5)
    page = case_file_html(data, ids[0], lang="id")
    person = data.employees.set_index("employee_id").loc[ids[0]]
    assert person["name"] in page.replace("&#x27;", "'")
    assert "Triwulan 4" in page and "Akuntabel" in page
    for iki in data.indicators.loc[data.indicators["employee_id"] == ids[0], "iki"]:
        assert iki in page
    truth = [f"{person[f'true_{d}']:.3f}" for d in ("hasil_kerja", "akuntabel")]
    assert "true_" not in page and not any(value in page for value in truth)


def test_case_file_refuses_an_unknown_employee():
    data, _ = practice_cases(1, rng=5)
    with pytest.raises(ValueError, match="not in the dataset"):
        case_file_html(data, "P99999")


# --------------------------------------------------------------------------- identity and merges
def test_names_differing_in_case_and_spaces_are_one_trainee(store):
    store.submit("Siti Rahma", "02", "P1", {"v": 1})
    store.submit("  siti   RAHMA ", "02", "P2", {"v": 2})
    assert store.latest("siti rahma", "02") == {"P1": {"v": 1}, "P2": {"v": 2}}
    assert store.answers()["trainee"].tolist() == ["Siti Rahma", "Siti Rahma"]


def test_a_store_written_before_trainee_keys_existed_is_read_as_one_trainee(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(
        path
    ) as connection:  # the schema of the first release, names split by case
        connection.executescript(
            "CREATE TABLE submissions (submission_id INTEGER PRIMARY KEY AUTOINCREMENT, trainee "
            "TEXT NOT NULL, exercise TEXT NOT NULL, item TEXT NOT NULL, answer_json TEXT NOT "
            "NULL, score REAL, feedback TEXT, submitted_at TEXT NOT NULL);CREATE TABLE trainees "
            "(trainee TEXT PRIMARY KEY, os_user TEXT NOT NULL, first_seen TEXT NOT NULL, "
            "last_seen TEXT NOT NULL);"
        )
        connection.executemany(
            "INSERT INTO submissions (trainee, exercise, item, answer_json, submitted_at) VALUES "
            "(?, ?, ?, ?, ?)",
            [
                (
                    "Siti Rahma",
                    "02_penilaian",
                    "P1",
                    '{"akuntabel": 4.0}',
                    "2025-06-01T02:00:00+00:00",
                ),
                (
                    "siti rahma",
                    "02_penilaian",
                    "P2",
                    '{"akuntabel": 3.0}',
                    "2025-06-01T02:05:00+00:00",
                ),
            ],
        )
        connection.executemany(
            "INSERT INTO trainees VALUES (?, '', ?, ?)",
            [
                ("Siti Rahma", "2025-06-01T02:00:00", "2025-06-01T02:00:00"),
                ("siti rahma", "2025-06-01T02:05:00", "2025-06-01T02:05:00"),
            ],
        )
    store = ProgressStore(path)
    assert set(store.latest("Siti Rahma", "02_penilaian")) == {"P1", "P2"}
    assert store.trainees()["trainee"].tolist() == ["Siti Rahma"]


def test_logging_in_with_another_spelling_brings_the_earlier_answers_back(store):
    store.submit("Siti Rahma", "02", "P1", {})
    login = TraineeLogin(store, lang="id")
    assert login.start("siti rahma")
    assert login.name == "Siti Rahma"
    assert "1 jawaban" in login.message.value


def test_merging_two_names_shows_their_answers_under_one_name(store):
    store.submit("Siti Rahma", "02", "P1", {})
    store.submit("Siti R.", "02", "P2", {})
    store.merge_trainees("Siti R.", into="Siti Rahma")
    assert store.answers()["trainee"].tolist() == ["Siti Rahma", "Siti Rahma"]
    assert set(store.latest("Siti R.", "02")) == {"P1", "P2"}
    assert store.merges()[["alias", "into"]].values.tolist() == [["Siti R.", "Siti Rahma"]]


def test_undoing_a_merge_gives_each_name_its_own_answers_back(store):
    store.submit("Siti Rahma", "02", "P1", {})
    store.submit("Siti R.", "02", "P2", {})
    store.merge_trainees("Siti R.", into="Siti Rahma")
    assert store.unmerge_trainee("Siti R.")
    assert store.answers()["trainee"].tolist() == ["Siti Rahma", "Siti R."]
    assert set(store.latest("Siti Rahma", "02")) == {"P1"}
    assert not store.unmerge_trainee("Siti R.")


def test_merging_a_name_into_itself_is_refused(store):
    store.submit("Siti Rahma", "02", "P1", {})
    with pytest.raises(ValueError, match="peserta yang sama|same trainee"):
        store.merge_trainees("siti rahma", into="Siti Rahma")


def test_a_missing_store_is_an_error_when_not_creating(tmp_path):
    with pytest.raises(FileNotFoundError, match="tidak ada|does not exist"):
        ProgressStore(tmp_path / "salah-ketik.sqlite", create=False)
    assert not (tmp_path / "salah-ketik.sqlite").exists()


def test_a_file_that_is_not_a_database_gets_an_indonesian_message(tmp_path):
    path = tmp_path / "catatan.sqlite"
    path.write_text("bukan basis data " * 100)
    with pytest.raises(ValueError) as caught:
        ProgressStore(path, create=False)
    assert "bukan berkas jawaban" in str(caught.value) and "file is not a database" not in str(
        caught.value
    )


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Siti Rahma", "  siti   RAHMA ", True),
        ("Straße", "STRASSE", True),
        ("Siti Rahma", "Siti R.", False),
    ],
)
def test_store_key_and_seed_share_one_identity_rule(a, b, same):
    from kinerja_sim.training.progress import trainee_key

    assert (trainee_key(a) == trainee_key(b)) is same
    assert (trainee_seed(a) == trainee_seed(b)) is same


def test_record_names_also_ignore_punctuation_but_typed_names_do_not():
    from kinerja_sim._core.names import name_key, record_name_key

    assert record_name_key("Dra. Siti_Rahma,") == "dra siti rahma"
    assert record_name_key(12.5) == "12 5"
    assert name_key("Dra. Siti") != name_key("Dra Siti")
