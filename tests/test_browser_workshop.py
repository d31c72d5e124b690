"""The facilitator's day in a real browser: trainees rate in notebook 02 and in the app, the
dashboard shows both, and the export downloads.

One progress store for everything (``KINERJA_SIM_PROGRESS``), as on a workshop server:

1. JupyterLab (Indonesian language pack, the settings of ``make lab``) opens a copy of
   notebook 02; the trainee runs all cells from the menu, named as the instructions name
   them, logs in as "Siti Rahma" and scores a case with the score buttons.
2. Voila serves the app; "siti rahma" (the same trainee, typed in lower case) and "Budi"
   score a shared case, with a decimal comma; a score of 7 is refused, not clamped.
3. JupyterLab opens notebook 08; the dashboard counts the notebook and the app ratings, shows
   Indonesian headers, and the export downloads an Excel workbook with one sheet per view.

Screenshots go to ``$KINERJA_SIM_SCREENSHOTS`` (default: the test's temporary folder).
Chromium is Debian's (``/usr/bin/chromium``), driven by Playwright; without it the test is
skipped, unless ``CI`` is set.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, needs, stop, wait_for

from kinerja_sim.training.progress import ProgressStore

pytestmark = pytest.mark.browser

TIMEOUT_MS = 180_000


def _start(command, *, env, cwd, log_path, url):
    log = log_path.open("w")
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(url, process, 120, delay=0.5)
    except Exception:
        process.terminate()
        log.close()
        raise
    return process, log


def _stop(process, log) -> None:
    stop(process, 15)
    log.close()


@pytest.fixture
def workshop(tmp_path):
    """JupyterLab and Voila on 127.0.0.1, one shared store, notebooks 02 and 08 copied to a
    folder.
    """
    bin_dir = Path(sys.executable).parent
    needs(
        (bin_dir / "jupyter-lab").exists() and (bin_dir / "voila").exists(),
        "jupyter-lab or voila not found",
    )
    needs(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api")
    store = tmp_path / "progress.sqlite"
    work = tmp_path / "kelas"
    work.mkdir()
    for name in ("02_penilaian_berbasis_bukti.ipynb", "08_dasbor_fasilitator.ipynb"):
        shutil.copy(ROOT / "notebooks" / name, work / name)
    env = {
        **os.environ,
        "KINERJA_SIM_PROGRESS": str(store),
        "KINERJA_SIM_LANG": "id",
        "HOME": str(tmp_path),
        "KINERJA_SIM_WORKSHOP": "uji-peramban",  # a workshop server: one account for everyone
        "KINERJA_SIM_TIMEZONE": "WITA",
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    token = secrets.token_hex(16)
    lab_port, voila_port = free_port(), free_port()
    lab = _start(
        [
            str(bin_dir / "jupyter-lab"),
            "--no-browser",
            f"--port={lab_port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={work}",
            "--allow-root",
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        env=env,
        cwd=work,
        log_path=tmp_path / "lab.log",
        url=f"http://127.0.0.1:{lab_port}/api/status?token={token}",
    )
    try:
        voila = _start(
            [
                str(bin_dir / "voila"),
                f"--port={voila_port}",
                "--Voila.ip=127.0.0.1",
                "--no-browser",
                "--strip_sources=True",
                str(ROOT / "exercises"),
            ],
            env=env,
            cwd=ROOT,
            log_path=tmp_path / "voila.log",
            url=f"http://127.0.0.1:{voila_port}/",
        )
    except Exception:
        _stop(*lab)
        raise
    shots = Path(os.environ.get("KINERJA_SIM_SCREENSHOTS", tmp_path / "layar"))
    shots.mkdir(parents=True, exist_ok=True)
    try:
        yield {
            "lab": f"http://127.0.0.1:{lab_port}",
            "token": token,
            "voila": f"http://127.0.0.1:{voila_port}",
            "store": store,
            "work": work,
            "shots": shots,
        }
    finally:
        _stop(*voila)
        _stop(*lab)


def _run_all_cells_from_the_menu(page) -> None:
    """Run → Menjalakan Semua Sel, as the notebooks' instructions name the menu."""
    page.locator(".jp-NotebookPanel:visible .jp-Cell").first.wait_for()
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Menjalakan Semua Sel").first.click()


def _lab_notebook(page, workshop, name):
    page.goto(f"{workshop['lab']}/lab/tree/{name}?token={workshop['token']}")
    page.locator(".jp-NotebookPanel:visible").first.wait_for()
    # The Lab restores the notebook opened before, so a hidden panel's indicator can come first
    # in the page: wait for the one that is shown.
    page.locator(
        ".jp-Notebook-ExecutionIndicator[data-status='idle']:visible,"
        " .jp-Toolbar-kernelStatus:visible"
    ).first.wait_for()
    time.sleep(2)  # let the kernel settle before running everything


def _rate_in_notebook_02(page, workshop):
    _lab_notebook(page, workshop, "02_penilaian_berbasis_bukti.ipynb")
    _run_all_cells_from_the_menu(page)
    name = page.locator(".kinerja-trainee-name input").first
    name.wait_for()
    name.fill("Siti Rahma")
    page.locator("button.kinerja-trainee-start").first.click()
    page.locator(".widget-html", has_text="Selamat datang").first.wait_for()
    for dimension in (
        "hasil_kerja",
        "berorientasi_pelayanan",
        "akuntabel",
        "kompeten",
        "harmonis",
        "loyal",
        "adaptif",
        "kolaboratif",
    ):
        page.locator(f".kinerja-score-{dimension} button", has_text="4").first.click()
    page.locator("button", has_text="Simpan penilaian").first.click()
    page.locator(".widget-html", has_text="tersimpan").first.wait_for()
    page.screenshot(path=str(workshop["shots"] / "1_notebook02_dinilai.png"), full_page=False)


def _rate_in_the_app(page, workshop, trainee: str):
    page.goto(f"{workshop['voila']}/voila/render/02_nilai_berkas_kasus.ipynb")
    name = page.locator(".kinerja-trainee-name input")
    name.wait_for()
    assert name.input_value() == ""  # a workshop server never offers someone else's name
    name.fill(trainee)
    page.locator("button.kinerja-trainee-start").first.click()
    score = page.locator(".kinerja-score-akuntabel input")
    score.wait_for()
    score.fill("7")
    score.press("Tab")
    page.locator(".kinerja-exercise button.kinerja-submit").first.click()
    refused = page.locator(".kinerja-feedback", has_text="di luar skala")
    refused.wait_for()
    score.fill("4,5")
    score.press("Tab")
    page.locator(".kinerja-exercise button.kinerja-submit").first.click()
    page.locator(".kinerja-feedback .kinerja-feedback-body").first.wait_for()
    return page


def test_facilitator_sees_notebook_and_app_ratings_and_downloads_the_export(workshop):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(
                viewport={"width": 1400, "height": 1000}, accept_downloads=True
            )
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            _rate_in_notebook_02(page, workshop)

            app = context.new_page()
            _rate_in_the_app(app, workshop, "siti rahma")
            app.screenshot(path=str(workshop["shots"] / "2_aplikasi_dinilai.png"), full_page=False)
            _rate_in_the_app(app, workshop, "Budi")

            _lab_notebook(page, workshop, "08_dasbor_fasilitator.ipynb")
            _run_all_cells_from_the_menu(page)
            message = page.locator(".kinerja-dashboard-message").first
            message.wait_for()
            page.wait_for_function(
                "document.querySelector('.kinerja-dashboard-message') && "
                "document.querySelector('.kinerja-dashboard-message').innerText.includes('peserta')"
            )
            text = message.inner_text()
            dashboard = page.locator(".kinerja-dashboard").first
            dashboard.locator("table.kinerja-table").first.wait_for()
            tables = dashboard.inner_text()
            dashboard.screenshot(path=str(workshop["shots"] / "3_dasbor.png"))
            page.locator(".kinerja-dashboard button.kinerja-export").first.click()
            link = page.locator(".kinerja-dashboard-download a.kinerja-download").first
            link.wait_for()
            with page.expect_download() as download_info:
                link.click()
            download = download_info.value
            saved = workshop["shots"].parent / download.suggested_filename
            download.save_as(saved)
            page.screenshot(path=str(workshop["shots"] / "4_ekspor.png"))
        finally:
            browser.close()

    assert "2 peserta" in text  # Siti Rahma (notebook + app) and Budi
    assert "3 penilaian kasus" in text  # 1 in notebook 02, 2 in the app
    assert "Notebook 02" in tables and "Latihan 2" in tables
    assert "hasil_kerja" not in tables and "True" not in tables and "WITA" in tables
    sheets = pd.read_excel(saved, sheet_name=None)
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
    ratings = sheets["Penilaian kasus"]
    assert sorted(ratings["Tempat menilai"].unique()) == ["aplikasi", "notebook"]
    assert "answer_json" not in sheets["Semua jawaban"].columns
    exported = sorted((workshop["work"] / "ekspor_dasbor").glob("dasbor_*.xlsx"))
    assert (
        len(exported) == 1 and exported[0].name == download.suggested_filename
    )  # visible beside the notebook
    store = ProgressStore(workshop["store"])
    app_answers = store.answers(exercise="02_nilai_berkas_kasus")
    assert sorted(app_answers["trainee"]) == ["Budi", "Siti Rahma"]
    assert {json.loads(text)["scores"]["akuntabel"] for text in app_answers["answer_json"]} == {4.5}


def test_the_dashboard_served_as_an_app_downloads_the_workbook(tmp_path):
    """Voila (the app mode) has no file browser: the export must download from the page itself."""
    from playwright.sync_api import sync_playwright

    from kinerja_sim.training.dashboard import demo_store

    bin_dir = Path(sys.executable).parent
    needs((bin_dir / "voila").exists(), "voila not found")
    needs(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    store = demo_store(tmp_path / "contoh.sqlite", n_trainees=4, rng=5)
    work = tmp_path / "dasbor"
    work.mkdir()
    shutil.copy(ROOT / "notebooks" / "08_dasbor_fasilitator.ipynb", work)
    env = {
        **os.environ,
        "KINERJA_SIM_PROGRESS": str(store.path),
        "KINERJA_SIM_LANG": "id",
        "HOME": str(tmp_path),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    port = free_port()
    server = _start(
        [
            str(bin_dir / "voila"),
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--no-browser",
            "--strip_sources=True",
            "--VoilaConfiguration.file_allowlist=[]",
            str(work),
        ],
        env=env,
        cwd=work,
        log_path=tmp_path / "voila.log",
        url=f"http://127.0.0.1:{port}/",
    )
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            try:
                page = browser.new_page(
                    viewport={"width": 1400, "height": 1000}, accept_downloads=True
                )
                page.set_default_timeout(TIMEOUT_MS)
                page.goto(f"http://127.0.0.1:{port}/voila/render/08_dasbor_fasilitator.ipynb")
                page.locator("button.kinerja-export").first.click()
                link = page.locator("a.kinerja-download").first
                link.wait_for()
                with page.expect_download() as download_info:
                    link.click()
                saved = tmp_path / download_info.value.suggested_filename
                download_info.value.save_as(saved)
            finally:
                browser.close()
    finally:
        _stop(*server)
    sheets = pd.read_excel(saved, sheet_name=None)
    assert sheets["Kemajuan"]["Peserta"].nunique() == 4 and len(sheets) == 9
