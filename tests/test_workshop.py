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
from kinerja_sim.workshop.config import WorkshopConfig
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
    assert re.fullmatch(r"[a-z]+-\d{4}", config.password)
    assert re.fullmatch(r"[a-z]+-\d{4}", config.facilitator_password)
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
        "--MappingKernelManager.cull_idle_timeout=900",
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
    assert (app[PASSWORD_ENV], dashboard[PASSWORD_ENV]) == ("mawar-2026", "fasilitator-77")
    assert (
        "KINERJA_SIM_WORKSHOP_PASSWORD" not in app
        and "KINERJA_SIM_FACILITATOR_PASSWORD" not in dashboard
    )
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
    assert "2 soal sudah dijawab (3 kali kirim)" in _html(app.menu)
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
        "import sys; from kinerja_sim.ui.app import workshop_app; app = workshop_app(); app.login.start('Ani'); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'scipy', 'matplotlib', 'seaborn', 'dask', "
        "'statsmodels'}))"
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
        "import sys; from kinerja_sim.ui.app import workshop_app; app = workshop_app(); app.login.start('Ani'); "
        "app.open('01_perbaiki_indikator'); print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'scipy', 'matplotlib', 'seaborn', 'dask', 'statsmodels'}))"
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
