"""The workshop server's settings and the trainee app, without starting a server.

The server itself (password, nothing else exposed, a trainee in Chromium, the load
benchmark's smoke run) is tested in ``tests/test_workshop_browser.py`` (marker ``browser``).
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kinerja_sim._core.i18n import catalogue
from kinerja_sim.training.exercises._common import EXERCISES
from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.ui.app import workshop_app
from kinerja_sim.workshop.config import PASSWORD_BITS, WORDS, WorkshopConfig
from kinerja_sim.workshop.login import PASSWORD_ENV, login_page
from kinerja_sim.workshop.server import environment, voila_command

ROOT = Path(__file__).resolve().parents[1]
ROOM = {
    "WORKSHOP_IP": "0.0.0.0",
    "WORKSHOP_PORT": "8900",
    "KINERJA_SIM_WORKSHOP_PASSWORD": "mawar-2026",
    "KINERJA_SIM_FACILITATOR_PASSWORD": "fasilitator-77",
    "KINERJA_SIM_WORKSHOP": "bkpsdm-uji",
    "KINERJA_SIM_PROGRESS": "/tmp/lokakarya/progress.sqlite",
}


# ---------------------------------------------------------------- settings
def test_config_reads_the_room_settings_from_the_environment():
    config = WorkshopConfig.from_env(ROOM)
    assert (config.ip, config.port, config.dashboard_ip, config.dashboard_port) == (
        "0.0.0.0",
        8900,
        "127.0.0.1",
        8901,
    )
    assert (config.password, config.facilitator_password, config.code) == (
        "mawar-2026",
        "fasilitator-77",
        "bkpsdm-uji",
    )
    assert config.store == Path("/tmp/lokakarya/progress.sqlite")
    assert not config.passwords_generated


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("WORKSHOP_PORT", "delapan"),
        ("WORKSHOP_PORT", "70000"),
        ("WORKSHOP_IP", "ruang-rapat"),
        ("KINERJA_SIM_WORKSHOP_PASSWORD", "abc"),
        ("WORKSHOP_CULL_IDLE", "10"),
        ("WORKSHOP_POOL", "-1"),
    ],
)
def test_config_refuses_a_bad_setting_and_names_it(name, value):
    with pytest.raises(ValueError, match=name):
        WorkshopConfig.from_env({**ROOM, name: value})


def test_config_refuses_the_same_password_for_trainees_and_facilitator():
    with pytest.raises(ValueError, match="must differ"):
        WorkshopConfig.from_env(
            {**ROOM, "KINERJA_SIM_FACILITATOR_PASSWORD": ROOM["KINERJA_SIM_WORKSHOP_PASSWORD"]}
        )


def test_config_makes_readable_passwords_when_none_are_set():
    config = WorkshopConfig.from_env({})
    assert config.passwords_generated
    # four dictated words and three digits: at least 40 bits (PASSWORD_BITS, about 42.3)
    assert re.fullmatch(r"([a-z]+-){4}\d{3}", config.password)
    assert re.fullmatch(r"([a-z]+-){4}\d{3}", config.facilitator_password)
    assert PASSWORD_BITS >= 40 and len(set(WORDS)) == len(WORDS) >= 256
    assert config.facilitator_password != config.password


def test_voila_serves_only_the_app_notebook_without_source_or_files():
    command = voila_command(WorkshopConfig.from_env(ROOM), "app")
    assert command[1] == str(ROOT / "kinerja_sim" / "workshop" / "aplikasi.ipynb")
    for option in (
        "--Voila.ip=0.0.0.0",
        "--port=8900",
        "--strip_sources=True",
        "--VoilaConfiguration.file_denylist=.*",
        "--VoilaConfiguration.show_tracebacks=False",
        "--Voila.identity_provider_class=kinerja_sim.workshop.login.WorkshopIdentityProvider",
        "--MappingKernelManager.cull_idle_timeout=600",  # config.CULL_IDLE
    ):
        assert option in command


def test_dashboard_listens_on_this_computer_only_by_default():
    command = voila_command(WorkshopConfig.from_env(ROOM), "dashboard")
    assert command[1] == str(ROOT / "kinerja_sim" / "workshop" / "dasbor.ipynb")
    assert "--Voila.ip=127.0.0.1" in command and "--port=8901" in command


def test_the_served_dashboard_is_the_lesson_notebook_08_byte_for_byte():
    served = ROOT / "kinerja_sim" / "workshop" / "dasbor.ipynb"
    lesson = ROOT / "notebooks" / "08_dasbor_fasilitator.ipynb"
    assert served.read_bytes() == lesson.read_bytes(), f"copy {lesson.name} over {served} again"


def test_dashboard_exports_go_beside_the_store_not_into_the_package(tmp_path):
    config = WorkshopConfig.from_env({**ROOM, "KINERJA_SIM_PROGRESS": str(tmp_path / "p.sqlite")})
    env = environment(config, "dashboard", base={})
    assert env["KINERJA_SIM_EXPORTS"] == str(tmp_path / "ekspor_dasbor")
    assert "KINERJA_SIM_EXPORTS" not in environment(config, "app", base={})


def test_passwords_reach_each_server_but_never_the_command_line():
    config = WorkshopConfig.from_env(ROOM)
    app, dashboard = (
        environment(config, "app", base=ROOM),
        environment(config, "dashboard", base=ROOM),
    )
    # no password in either environment (a kernel inherits it): the server reads it from a file
    assert not any("mawar-2026" in value or "fasilitator-77" in value for value in app.values())
    assert not any("mawar-2026" in value for value in dashboard.values())
    assert PASSWORD_ENV not in app and "KINERJA_SIM_WORKSHOP_PASSWORD" not in app
    assert not any("mawar-2026" in part for part in voila_command(config, "app"))
    assert (
        app["KINERJA_SIM_PROGRESS"]
        == dashboard["KINERJA_SIM_PROGRESS"]
        == "/tmp/lokakarya/progress.sqlite"
    )


def test_login_page_asks_for_the_workshop_password_in_bahasa_indonesia():
    page = login_page("%2F", xsrf='<input type="hidden" name="_xsrf" value="x"/>')
    assert '<html lang="id">' in page and "Kata sandi lokakarya" in page and ">Masuk<" in page
    assert 'name="_xsrf"' in page and 'type="password"' in page
    assert "Kata sandi salah" in login_page("%2F", wrong=True)
    assert "Kata sandi salah" not in page


# ---------------------------------------------------------------- the app
@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.sqlite")


def _html(widget) -> str:
    """Every HTML text below ``widget``."""
    value = getattr(widget, "value", None)
    text = value if isinstance(value, str) else ""
    return text + "".join(_html(child) for child in getattr(widget, "children", ()))


def test_app_asks_for_the_name_before_listing_exercises(store):
    app = workshop_app(store=store)
    assert app.menu.children == ()
    assert "Tulis nama" in app.notice.value
    assert app.login.field.value == ""


def test_app_lists_all_six_exercises_once_the_name_is_known(store):
    app = workshop_app(store=store)
    app.login.start("Siti Rahma")
    rows = [row for row in app.menu.children]
    assert [
        next(c for c in row._dom_classes if c.startswith("kinerja-app-row-"))[16:] for row in rows
    ] == ["00_tes_awal", *EXERCISES, "07_tes_akhir"]  # the pre-test first, the post-test last
    assert _html(app.menu).count("Belum dikerjakan") == len(EXERCISES) + 2 == 8


def test_app_shows_each_exercise_s_progress_from_the_store(store):
    store.submit("Siti Rahma", "03_kenali_bias", "pola-1", {"choice": "halo"}, score=1.0)
    store.submit("Siti Rahma", "03_kenali_bias", "pola-1", {"choice": "halo"}, score=1.0)
    store.submit("Siti Rahma", "03_kenali_bias", "pola-2", {"choice": "leniency"}, score=0.0)
    app = workshop_app(store=store)
    app.login.start("Siti Rahma")
    assert app.progress("03_kenali_bias") == (2, 3)
    assert "2 soal sudah dijawab" in _html(app.menu)  # answers, not presses of the button
    assert "kali kirim" not in _html(app.menu)
    assert _html(app.menu).count("Belum dikerjakan") == 7  # 5 exercises and the two tests


def test_app_opens_an_exercise_with_the_trainee_already_known(store):
    app = workshop_app(store=store)
    app.login.start("Budi")
    exercise = app.open("01_perbaiki_indikator")
    assert exercise.trainee == "Budi"
    assert exercise.body in app.stage.children
    assert app.landing.layout.display == "none"


def test_app_answers_come_back_in_a_new_kernel(store):
    first = workshop_app(store=store)
    first.login.start("Budi")
    exercise = first.open("01_perbaiki_indikator")
    item_id = exercise.items[0].item_id
    _item, iki, target = exercise.fields[item_id]
    iki.value, target.value = "Jumlah akta kelahiran yang diterbitkan", "1200 dokumen per tahun"
    assert exercise.check(item_id) is not None
    again = workshop_app(store=store)  # what a reloaded page (a new kernel) builds
    again.login.start("Budi")
    assert again.progress("01_perbaiki_indikator") == (1, 1)
    restored = again.open("01_perbaiki_indikator")
    assert "kinerja-restored" in restored.feedback[item_id].value
    assert restored.fields[item_id][1].value == "Jumlah akta kelahiran yang diterbitkan"


def test_app_opens_the_feedback_exercise_on_the_cases_of_exercise_two(store):
    app = workshop_app(store=store)
    app.login.start("Budi")
    exercise = app.open("06_tulis_umpan_balik")
    assert exercise.trainee == "Budi" and exercise.texts


def test_app_refuses_an_unknown_exercise(store):
    with pytest.raises(ValueError, match="exercise must be one of"):
        workshop_app(store=store).open("07_tidak_ada")


def test_app_texts_carry_no_notebook_instructions():
    texts = [
        text
        for key, value in catalogue().items()
        if key.startswith("workshop.app.")
        for text in value.values()
    ]
    assert texts
    for text in texts:
        assert not re.search(
            r"Run All|Run →|Jalankan semua sel|\bsel\b|kernel", text, flags=re.IGNORECASE
        ), text


def test_app_notebook_is_one_code_cell_and_no_instructions():
    notebook = json.loads(
        (ROOT / "kinerja_sim" / "workshop" / "aplikasi.ipynb").read_text(encoding="utf-8")
    )
    assert [cell["cell_type"] for cell in notebook["cells"]] == ["code"]
    assert "workshop_app()" in "".join(notebook["cells"][0]["source"])


def test_app_loads_without_scipy_matplotlib_or_dask(tmp_path):
    code = (
        "import sys; from kinerja_sim.ui.app import workshop_app; app = workshop_app(); "
        "app.login.start('Ani'); print(sorted({m.split('.')[0] for m in sys.modules} & {'scipy', "
        "'matplotlib', 'seaborn', 'dask', 'statsmodels'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={
            "PYTHONPATH": str(ROOT),
            "KINERJA_SIM_PROGRESS": str(tmp_path / "p.sqlite"),
            "HOME": str(tmp_path),
            "PATH": "/usr/bin:/bin",
        },
    )
    assert out.stdout.strip() == "[]"


def test_app_switches_the_landing_and_the_open_exercise_to_english(store):
    app = workshop_app(store=store)
    app.login.start("Budi")
    app.open("03_kenali_bias")
    app.language.value = "en"
    try:
        assert (
            "Exercise 3" in _html(app.stage)
            and "Back to the list" in app.stage.children[0].description
        )
        app.show_menu()
        assert "ASN Performance Appraisal Exercises" in app.title.value and "Not started" in _html(
            app.menu
        )
    finally:
        app.language.value = "id"


def test_opening_exercise_one_loads_no_scipy_matplotlib_or_statsmodels(tmp_path):
    code = (
        "import sys; from kinerja_sim.ui.app import workshop_app; app = workshop_app(); "
        "app.login.start('Ani'); app.open('01_perbaiki_indikator'); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'scipy', 'matplotlib', "
        "'seaborn', 'dask', 'statsmodels'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={
            "PYTHONPATH": str(ROOT),
            "KINERJA_SIM_PROGRESS": str(tmp_path / "p.sqlite"),
            "HOME": str(tmp_path),
            "PATH": "/usr/bin:/bin",
        },
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


# ---------------------------------------------------------------- written feedback: drafts, presses
def _feedback(store, name="Budi"):
    app = workshop_app(store=store)
    app.login.start(name)
    exercise = app.open("06_tulis_umpan_balik")
    item_id = next(iter(exercise.texts))
    return exercise, item_id, exercise.texts[item_id][1]


def test_typing_saves_nothing_and_one_press_is_one_submission(store):
    exercise, item_id, text = _feedback(store)
    text.value = "Bapak menyelesaikan 12 laporan tepat waktu pada triwulan III."
    text.value += " Terima kasih."  # typing, then leaving the box: no check, no submission
    assert store.answers(trainee="Budi", exercise="06_tulis_umpan_balik").empty
    for _ in range(13):
        exercise.check(item_id)
    assert len(store.answers(trainee="Budi", exercise="06_tulis_umpan_balik")) == 13
    assert store.answered_items("Budi") == 1
    again = workshop_app(store=store)
    again.login.start("budi")
    assert "1 jawaban" in again.login.message.value and "13" not in again.login.message.value


def test_a_draft_comes_back_after_a_reload_and_a_check_supersedes_it(store):
    exercise, item_id, text = _feedback(store)
    text.value = "Draf yang belum diperiksa"
    assert exercise.save_draft(item_id)
    reloaded, _, text_again = _feedback(store)
    assert text_again.value == "Draf yang belum diperiksa"
    assert "Draf yang belum diperiksa dimuat kembali" in reloaded.draft_notes[item_id].value
    reloaded.check(item_id)  # checked: the submission is newer than the draft
    assert store.drafts("Budi", "06_tulis_umpan_balik") == {}


def test_the_draft_is_saved_after_a_pause_in_typing(store):
    import time

    exercise, item_id, text = _feedback(store)
    text.value = "Ketik"
    text.value = "Ketik lagi"
    deadline = time.monotonic() + 10
    while not store.drafts("Budi", "06_tulis_umpan_balik") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert store.drafts("Budi", "06_tulis_umpan_balik") == {item_id: "Ketik lagi"}


def test_an_over_long_text_is_refused_with_the_limit_shown(store):
    from kinerja_sim.ui.feedback_exercise import MAX_TEXT

    exercise, item_id, text = _feedback(store)
    assert f"paling banyak {MAX_TEXT} huruf" in exercise.draft_notes[item_id].value
    text.value = "x" * (MAX_TEXT + 1)
    assert exercise.check(item_id) is None
    assert f"paling banyak {MAX_TEXT}" in exercise.feedback[item_id].value
    assert store.answers(trainee="Budi").empty
    with pytest.raises(ValueError):
        store.submit("Budi", "06_tulis_umpan_balik", item_id, {"text": "x" * 30_000})


def test_a_welcome_after_a_name_ending_in_a_full_stop_has_one_full_stop(store):
    app = workshop_app(store=store)
    app.login.start("Siti R.")
    assert "Siti R.</b>:" in app.login.message.value and ".." not in app.login.message.value


def test_names_with_hidden_direction_marks_are_refused(store):
    app = workshop_app(store=store)
    assert not app.login.start("Korban\u202eSatu")
    assert app.login.name is None and "tersembunyi" in app.login.message.value


# ---------------------------------------------------------------- the facilitator's codes
def test_the_dashboard_resets_a_code_and_prints_a_roster_for_old_names(store):
    from kinerja_sim.ui.dashboard import Dashboard

    store.submit("Lama Satu", "01_perbaiki_indikator", "1", {"iki": "x"}, score=1.0)
    store.submit("Lama Dua", "01_perbaiki_indikator", "1", {"iki": "y"}, score=1.0)
    assert store.sign_in("Baru", "1234")[0] == "new"
    store.submit("Baru", "01_perbaiki_indikator", "1", {"iki": "z"}, score=1.0)
    assert store.sign_in("lama satu", "1111")[0] == "needs_facilitator"
    dashboard = Dashboard(store.path)
    codes = dashboard.roster()
    assert set(codes) == {"Lama Satu", "Lama Dua"}  # Baru chose a code already
    assert store.sign_in("lama satu", codes["Lama Satu"])[0] == "ok"
    assert codes["Lama Dua"] in dashboard.code_message.value
    new = dashboard.issue_code("Baru")  # forgot the code: a reset
    assert store.sign_in("Baru", "1234")[0] == "wrong" and store.sign_in("Baru", new)[0] == "ok"
    assert new in dashboard.code_message.value
    assert "code_hash" not in store.codes().columns  # the table never shows a code or hash


def test_merged_names_sign_in_with_the_code_of_the_name_merged_into(store):
    store.submit("Siti R.", "01_perbaiki_indikator", "1", {"iki": "x"}, score=1.0)
    assert store.sign_in("Siti Rahma", "2468")[0] == "new"
    store.merge_trainees("Siti R.", into="Siti Rahma")
    assert store.sign_in("siti r.", "2468") == ("ok", "Siti Rahma")
