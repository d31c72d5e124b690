"""The store's faults told apart and survived (issue 21, item 6), simulated so that they hold as
root.

Root ignores file permissions, so a read-only store is opened with SQLite's ``mode=ro`` URI,
a full disk is SQLite's ``PRAGMA max_page_count`` at the store's current size, and a damaged
store is a file of other bytes: each gives SQLite's real error code
(``SQLITE_READONLY``, ``SQLITE_FULL``, ``SQLITE_NOTADB``).
"""

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from kinerja_sim.training.exercises import EXERCISES
from kinerja_sim.training.progress import ProgressStore, StoreError
from kinerja_sim.ui.app import TRAINEE_ENV, WorkshopApp
from kinerja_sim.workshop.config import WorkshopConfig
from kinerja_sim.workshop.server import check_store, other_server

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = ("readonly", "disk is full", "database", "attempt to write", "malformed")


@pytest.fixture
def store(tmp_path):
    store = ProgressStore(tmp_path / "progress.sqlite")
    store.submit("Siti Rahma", "01_perbaiki_indikator", "1", {"iki": "x"}, score=1.0)
    return store


def _readonly(store, monkeypatch):
    def connect():
        return sqlite3.connect(f"file:{store.path}?mode=ro", uri=True, timeout=1)

    monkeypatch.setattr(store, "_connect", connect)


def _full(store, monkeypatch):
    original = store._connect

    def connect():
        connection = original()
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")
        return connection

    monkeypatch.setattr(store, "_connect", connect)


def _no_english(text: str) -> None:
    assert not any(word in text.lower() for word in ENGLISH), text


def test_a_read_only_store_says_read_only_in_indonesian(store, monkeypatch):
    _readonly(store, monkeypatch)
    with pytest.raises(StoreError) as caught:
        store.submit("Siti Rahma", "01_perbaiki_indikator", "2", {"iki": "y"})
    assert caught.value.kind == "readonly" and "hanya dapat dibaca" in str(caught.value)
    _no_english(str(caught.value))
    assert len(store.answers()) == 1  # reading still works


def test_a_full_disk_says_full_not_damaged(store, monkeypatch):
    _full(store, monkeypatch)
    with pytest.raises(StoreError) as caught:
        for n in range(200):  # fills the last free page, then SQLITE_FULL
            store.submit("Siti Rahma", "01_perbaiki_indikator", str(n), {"iki": "x" * 3000})
    assert caught.value.kind == "full" and "penuh" in str(caught.value)
    _no_english(str(caught.value))


def test_a_damaged_file_says_damaged_and_how_to_restore(tmp_path):
    path = tmp_path / "rusak.sqlite"
    path.write_bytes(b"bukan basis data " * 500)
    with pytest.raises(StoreError) as caught:
        ProgressStore(path)
    assert caught.value.kind == "damaged" and "cadangan" in str(caught.value)
    _no_english(str(caught.value))


def test_a_busy_code_is_told_apart_too(store):
    error = sqlite3.OperationalError("database is locked")
    error.sqlite_errorcode = 5
    from kinerja_sim.training.progress import store_error

    assert store_error(error, store.path).kind == "busy"
    extended = sqlite3.OperationalError("attempt to write a readonly database")
    extended.sqlite_errorcode = 8 | (1 << 8)  # SQLITE_READONLY_RECOVERY
    assert store_error(extended, store.path).kind == "readonly"


def test_an_exercise_shows_the_fault_not_press_again(store, monkeypatch):
    from kinerja_sim.ui.exercises import APPS

    exercise = APPS["01_perbaiki_indikator"](store)
    exercise.login.start("Siti Rahma")
    _readonly(store, monkeypatch)
    item = exercise.items[0].item_id
    _, iki, target = exercise.fields[item]
    iki.value = "Jumlah dokumen kependudukan yang diterbitkan sesuai standar pelayanan"
    target.value = "1200 dokumen per tahun"
    exercise.check(item)
    shown = exercise.feedback[item].value
    assert "hanya dapat dibaca" in shown and "sekali lagi" not in shown
    _no_english(shown)


def test_backups_use_the_online_api_and_keep_a_dozen(store, tmp_path):
    folder = tmp_path / "cadangan"
    paths = [store.backup(folder) for _ in range(14)]
    kept = sorted(folder.glob("*.sqlite"))
    assert len(kept) == 12 and kept[-1] == paths[-1]
    copy = ProgressStore(paths[-1], create=False)
    assert copy.answers()["trainee"].tolist() == ["Siti Rahma"]
    copy.check()


def test_a_backup_while_a_writer_holds_the_store(store, tmp_path):
    with closing(sqlite3.connect(store.path)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "INSERT INTO submissions (trainee, trainee_key, exercise, item, answer_json,"
            " submitted_at) VALUES ('Budi', 'budi', '01', '9', '{}', 'now')"
        )
        path = store.backup(tmp_path / "b")  # readers never wait for the writer (WAL)
        writer.commit()
    assert ProgressStore(path, create=False).answers()["trainee"].tolist() == ["Siti Rahma"]


def test_the_server_refuses_to_start_on_a_damaged_store(tmp_path):
    path = tmp_path / "progress.sqlite"
    path.write_bytes(b"\x00rusak" * 1000)
    done = subprocess.run(
        [sys.executable, "-m", "kinerja_sim.workshop", "--no-dashboard"],
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT),
            "HOME": str(tmp_path),
            "KINERJA_SIM_PROGRESS": str(path),
            "KINERJA_SIM_WORKSHOP_PASSWORD": "mawar-sungai-9",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 3
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Server lokakarya tidak dimulai.")
    assert "rusak" in lines[0] and "Traceback" not in done.stderr + done.stdout
    assert "berjalan" not in done.stdout


def test_the_start_check_backs_up_and_a_second_server_is_noticed(store, tmp_path):
    config = WorkshopConfig.from_env({"KINERJA_SIM_PROGRESS": str(store.path)})
    ok, backup = check_store(config)
    assert ok and Path(backup).exists() and Path(backup).parent.name == "cadangan"
    assert other_server(config) is None
    lock = store.path.with_name(store.path.name + ".server")
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        lock.write_text(f"{holder.pid}\n")
        assert other_server(config) == holder.pid
    finally:
        holder.kill()
        holder.wait()
    assert other_server(config) is None  # a stale lock of a stopped server is no warning


def test_a_kernel_preheated_on_a_failing_store_recovers_at_sign_in(store, monkeypatch):
    monkeypatch.setenv("KINERJA_SIM_PROGRESS", str(store.path))
    monkeypatch.delenv(TRAINEE_ENV, raising=False)
    real_init = ProgressStore.__init__
    failing = {"on": True}

    def init(self, *args, **kwargs):
        if failing["on"]:
            raise StoreError("full", store.path)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(ProgressStore, "__init__", init)
    app = WorkshopApp(server=True)
    assert "penuh" in app.notice.value and app.login.name is None
    failing["on"] = False  # space freed; then the trainee arrives
    monkeypatch.setenv(TRAINEE_ENV, "Siti%20Rahma")
    assert app.claim(wait=False)
    assert app.login.name == "Siti Rahma" and app.problem is None
    assert "Anda masuk sebagai" in app.login.message.value
    assert len(app.menu.children) == len(EXERCISES) + 2  # the six exercises and the two tests
