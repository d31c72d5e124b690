"""Notebook 09's mapping helper in a real browser: Voila serves it, headless Chromium maps an
unknown file.

A one-cell notebook shows :class:`kinerja_sim.ui.byod_mapping.MappingHelper` on
``kinerja_sim/data/contoh_ekspor/rekap_kantor_camat.csv`` (headers no preset knows, ratings A/B/C).
Chromium, driven by Playwright, picks the NIP, unit and rating columns in the dropdowns,
labels A, B and C, sees the live count reach every row, saves the mapping, and the saved YAML
reads the file. A screenshot is left in the test's temporary folder (``pemetaan.png``).
Skipped without Debian's chromium unless ``CI`` is set (as tests/test_browser.py).
"""

import json
import os
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, ROOT, needs, voila

pytestmark = pytest.mark.browser

UNKNOWN = ROOT / "kinerja_sim" / "data" / "contoh_ekspor" / "rekap_kantor_camat.csv"
KEY = "kunci-rahasia-untuk-tes-peramban"
#: One dropdown per distinct rating word of each rating column (A/B/C; current practice gives few
#: C).
WORDS = sum(
    len({row.split(",")[column] for row in UNKNOWN.read_text(encoding="utf-8").splitlines()[1:]})
    for column in (2, 3)
)


def _notebook(folder: Path) -> Path:
    source = (
        f"from kinerja_sim.ui.byod_mapping import MappingHelper\n"
        f"pemeta = MappingHelper({str(UNKNOWN)!r}, save_to='peta_kolom.yaml')\npemeta"
    )
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "peta",
                "metadata": {},
                "outputs": [],
                "source": source,
            }
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / "pemetaan.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


@pytest.fixture
def voila_server(tmp_path):
    _notebook(tmp_path)
    pythonpath = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    with voila(tmp_path, tmp_path, env={"PYTHONPATH": pythonpath}) as base:
        yield base


def test_an_unknown_file_is_mapped_in_the_browser_and_the_mapping_saved(voila_server, tmp_path):
    needs(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 1300})
            page.set_default_timeout(90_000)
            page.goto(f"{voila_server}/voila/render/pemetaan.ipynb")
            count = page.locator(".kinerja-mapping-count")
            count.wait_for()
            assert "0 dari 40" in count.inner_text()
            page.locator(".kinerja-mapping-nip select").select_option(label="No Induk")
            page.locator(".kinerja-mapping-unit_kerja select").select_option(label="Satuan")
            page.locator(".kinerja-mapping-rating_hasil_kerja select").select_option(
                label="Nilai Kerja"
            )
            page.locator(".kinerja-mapping-rating_perilaku_kerja select").select_option(
                label="Nilai Sikap"
            )
            words = page.locator(".kinerja-mapping-word select")
            page.wait_for_function(
                f"document.querySelectorAll('.kinerja-mapping-word select').length == {WORDS}"
            )
            labels = {
                "A": "Di Atas Ekspektasi",
                "B": "Sesuai Ekspektasi",
                "C": "Di Bawah Ekspektasi",
            }
            for index in range(words.count()):
                description = (
                    page.locator(".kinerja-mapping-word .widget-label").nth(index).inner_text()
                )
                words.nth(index).select_option(label=labels[description.strip()[-1]])
            page.wait_for_function(
                "document.querySelector('.kinerja-mapping-count').innerText.includes('40 dari 40')"
            )
            preview = page.locator(".kinerja-mapping-preview").inner_text()
            page.locator(".kinerja-mapping-save button, button.kinerja-mapping-save").first.click()
            page.wait_for_function(
                "document.querySelector('.kinerja-mapping-message').innerText.includes('Peta "
                "disimpan')"
            )
            page.screenshot(path=str(tmp_path / "pemetaan.png"), full_page=True)
        finally:
            browser.close()
    nips = [line.split(",")[0] for line in UNKNOWN.read_text().splitlines()[1:]]
    assert "19****" in preview and not [n for n in nips if n in preview]
    from kinerja_sim.byod import read_appraisals

    result = read_appraisals(UNKNOWN, key=KEY, columns=tmp_path / "peta_kolom.yaml")
    assert len(result.data) == 40 and result.source["format_how"] == "mapped"
