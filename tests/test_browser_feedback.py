"""Exercise 06 in a real browser: a trainee writes feedback, the coach answers, the text is saved.

Uses the Voila fixture of tests/test_browser.py (127.0.0.1, a throw-away store, Debian's
Chromium through Playwright). The feedback names a character label ("malas") and an incident
the case file does not hold; the coaching must say both, and the store must hold the text.
"""

import json
import os
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, needs
from test_browser import voila_server  # noqa: F401  (the fixture)

from kinerja_sim.training.progress import ProgressStore

pytestmark = pytest.mark.browser

NOTEBOOK = "06_tulis_umpan_balik.ipynb"
TRAINEE = "Peserta Umpan Balik"
TEXT = (
    "Saudara malas. Pada triwulan II Saudara menerima surat pujian dari warga atas layanan yang "
    "cepat."
)


def test_trainee_writes_feedback_and_is_coached_against_the_case_file(voila_server, tmp_path):
    needs(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    base, store_path = voila_server
    shot = Path(os.environ.get("KINERJA_SIM_SCREENSHOTS", tmp_path)) / "latihan06.png"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 1400})
            page.set_default_timeout(90_000)
            page.goto(f"{base}/voila/render/{NOTEBOOK}")
            name = page.locator(".kinerja-trainee-name input")
            name.wait_for()
            name.fill(TRAINEE)
            page.locator(
                ".kinerja-trainee-start button, button.kinerja-trainee-start"
            ).first.click()
            box = page.locator(".kinerja-feedback-text textarea").first
            box.wait_for()
            box.fill(TEXT)
            page.locator(".kinerja-exercise button.kinerja-submit").first.click()
            coaching = page.locator(".kinerja-feedback .kinerja-feedback-body").first
            coaching.wait_for()
            text = coaching.inner_text()
            page.screenshot(path=str(shot), full_page=False)
        finally:
            browser.close()
    assert "watak" in text and "tidak ada di berkas" in text
    table = ProgressStore(store_path).answers(trainee=TRAINEE, exercise="06_tulis_umpan_balik")
    assert len(table) >= 1
    assert json.loads(table["answer_json"].iloc[-1])["text"] == TEXT
