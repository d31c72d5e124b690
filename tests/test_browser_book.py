"""The curriculum site in a real browser: every lesson page opens in headless Chromium, shows no
error output and no blank widget without its note, asks no host other than 127.0.0.1, finds a
word with the offline search, and prints without its navigation.

`make test` builds the site once into a temporary folder and passes it in ``KINERJA_SIM_BOOK``;
without it the test builds the site itself (a few minutes). Without Chromium the test is skipped
with the reason, unless ``CI`` is set: then it fails.
"""

import functools
import importlib.util
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, ROOT, needs

from kinerja_sim._core.i18n import t

pytestmark = pytest.mark.browser

NOTE = t("book.widget_note", lang="id")
LESSONS = sorted(p.stem for p in (ROOT / "notebooks").glob("0[0-9]_*.ipynb"))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    given = os.environ.get("KINERJA_SIM_BOOK")
    if given:
        return Path(given)
    spec = importlib.util.spec_from_file_location("book_build", ROOT / "book" / "build.py")
    book = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(book)
    out = tmp_path_factory.mktemp("book") / "site"
    book.build(out)
    return out


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    needs(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def _open(browser, url):
    """Open ``url`` in a fresh page; return the page and the list of every URL it requested."""
    page = browser.new_page()
    page.set_default_timeout(60_000)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url, wait_until="networkidle")
    return page, requested


def _local(url, base):
    return url.startswith((base + "/", "data:", "blob:")) or url == base


def test_every_lesson_is_in_the_site(site):
    assert sorted(p.stem for p in site.glob("0*.html")) == LESSONS
    assert (site / "index.html").exists() and (site / "search" / "search_index.json").exists()


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_page_reads_without_errors_or_blank_widgets_and_stays_local(
    browser, server, lesson
):
    page, requested = _open(browser, f"{server}/{lesson}.html")
    try:
        assert page.locator(".jupyter-wrapper .jp-Cell").count() > 0, "no lesson content"
        errors = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        )
        tracebacks = [
            text for text in errors.all_inner_texts() if "Traceback" in text or "Error" in text
        ]
        assert tracebacks == [], tracebacks[:1]
        blank = page.evaluate(
            """() => [...document.querySelectorAll('.jp-OutputArea-output')]
                .filter(o => !o.innerText.trim()
                    && !o.querySelector('img, svg, canvas, table, .widget-catatan'))
                .length"""
        )
        assert blank == 0, f"{blank} output(s) of {lesson} show nothing"
        notes = page.locator(".widget-catatan")
        for index in range(notes.count()):
            assert notes.nth(index).is_visible() and notes.nth(index).inner_text().strip() == NOTE
    finally:
        page.close()
    outside = [url for url in requested if not _local(url, server)]
    assert outside == []


def test_the_offline_search_finds_a_word_of_the_lessons(browser, server):
    page, requested = _open(browser, f"{server}/index.html")
    try:
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("berakhlak", delay=50)  # Material searches on key events
        results = page.locator(".md-search-result__item")
        results.first.wait_for()
        assert results.count() > 0
        assert "BerAKHLAK" in page.locator(".md-search-result").inner_text()
    finally:
        page.close()
    assert [url for url in requested if not _local(url, server)] == []


def test_a_printed_lesson_has_no_navigation(browser, server):
    page, _ = _open(browser, f"{server}/{LESSONS[0]}.html")
    try:
        page.emulate_media(media="print")
        assert not page.locator(".md-sidebar--primary").first.is_visible()
        assert page.locator(".jupyter-wrapper").first.is_visible()
        assert page.pdf()[:4] == b"%PDF"
    finally:
        page.close()
