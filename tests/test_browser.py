"""App mode in a real browser: Voila serves the scoring exercise, headless Chromium submits a score.

Starts ``voila`` (from the virtual environment) on 127.0.0.1 with a free port and a
temporary progress store, opens ``exercises/02_nilai_berkas_kasus.ipynb`` in Debian's
Chromium driven by Playwright, types a trainee name, enters a score, submits, waits for the
feedback text, then finds the submission in the SQLite store.

Without ``/usr/bin/chromium`` the test is skipped with the reason, unless the environment
variable ``CI`` is set: then it fails (CI must run it).
"""

import json
import shutil
import sys
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, ROOT, needs, voila

from kinerja_sim.training.progress import ProgressStore

pytestmark = pytest.mark.browser

NOTEBOOK = "02_nilai_berkas_kasus.ipynb"
TRAINEE = "Peserta Uji Peramban"


@pytest.fixture
def voila_server(tmp_path):
    store_path = tmp_path / "progress.sqlite"
    with voila(
        ROOT / "exercises", tmp_path, env={"KINERJA_SIM_PROGRESS": str(store_path)}, cwd=ROOT
    ) as base:
        yield base, store_path


def test_trainee_scores_a_case_in_the_browser_and_it_is_saved(voila_server, tmp_path):
    needs(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    base, store_path = voila_server
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(90_000)
            page.goto(f"{base}/voila/render/{NOTEBOOK}")
            name = page.locator(".kinerja-trainee-name input")
            name.wait_for()
            name.fill(TRAINEE)
            page.locator(
                ".kinerja-trainee-start button, button.kinerja-trainee-start"
            ).first.click()
            score = page.locator(".kinerja-score-akuntabel input")
            score.wait_for()
            score.fill("4.5")
            score.press("Tab")  # commit the value to the kernel
            page.locator(".kinerja-exercise button.kinerja-submit").first.click()
            feedback = page.locator(".kinerja-feedback .kinerja-feedback-body")
            feedback.wait_for()
            text = feedback.inner_text()
        finally:
            browser.close()
    assert "nilai sebenarnya" in text or "Nilai Anda" in text
    table = ProgressStore(store_path).answers(trainee=TRAINEE, exercise="02_nilai_berkas_kasus")
    assert len(table) == 1
    answer = json.loads(table["answer_json"].iloc[0])
    assert answer["scores"]["akuntabel"] == 4.5
    assert table["feedback"].iloc[0].startswith(text.splitlines()[0].lstrip("✔✎ ").strip()[:20])


def test_chromium_and_playwright_are_available_in_ci():
    """In CI the browser test must not be skipped for want of its tools."""
    needs(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}")
    needs(
        shutil.which("voila") is not None or Path(sys.executable).with_name("voila").exists(),
        "voila not found",
    )
    pytest.importorskip("playwright.sync_api")
