"""The workshop server for real: the password, nothing else exposed, a trainee in Chromium, a load
smoke run.

Starts ``python -m kinerja_sim.workshop`` on 127.0.0.1 (free ports, a temporary progress
store, a known password), then

- checks that without the password every page and API is refused, that a wrong password
  is refused in Bahasa Indonesia, and that with it the server still serves no file, no
  notebook source, no file browser and no terminal, and the dashboard wants its own password;
- drives a trainee in headless Chromium: sign in, name, exercise 1, feedback, saved in the
  store (screenshots in the test's temporary folder; set ``KINERJA_SIM_SCREENSHOTS`` to a
  folder to keep them);
- runs the load benchmark's smoke version (2 trainees over 5 s, no browser) under a time limit.

Marker ``browser``: run with ``pytest -m browser tests/test_workshop_browser.py``.
"""

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, stop

from kinerja_sim.training.exercises import EXERCISES
from kinerja_sim.training.progress import ProgressStore

pytestmark = pytest.mark.browser

PASSWORD = "melati-uji-2468"
FACILITATOR = "kenanga-uji-1357"
TRAINEE = "Peserta Uji Lokakarya"


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("workshop")
    port, dashboard_port = free_port(), free_port()
    env = {
        **os.environ,
        "WORKSHOP_IP": "127.0.0.1",
        "WORKSHOP_PORT": str(port),
        "WORKSHOP_DASHBOARD_PORT": str(dashboard_port),
        "WORKSHOP_POOL": "1",
        "KINERJA_SIM_WORKSHOP_PASSWORD": PASSWORD,
        "KINERJA_SIM_FACILITATOR_PASSWORD": FACILITATOR,
        "KINERJA_SIM_PROGRESS": str(tmp / "progress.sqlite"),
        "KINERJA_SIM_WORKSHOP": "uji",
        "HOME": str(tmp),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    log_path = tmp / "server.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "kinerja_sim.workshop"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 180
            while "Ctrl+C" not in log_path.read_text(errors="replace"):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"the workshop server did not start:\n{log_path.read_text()[-2000:]}"
                    )
                time.sleep(0.5)
            yield {
                "base": f"http://127.0.0.1:{port}",
                "dashboard": f"http://127.0.0.1:{dashboard_port}",
                "store": tmp / "progress.sqlite",
                "tmp": tmp,
                "log": log_path,
            }
        finally:
            stop(process, 30)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _opener(jar=None):
    return urllib.request.build_opener(
        _NoRedirect, urllib.request.HTTPCookieProcessor(jar or CookieJar())
    )


def _status(opener, url, data=None) -> tuple[int, str, str]:
    try:
        with opener.open(url, data=data, timeout=120) as answer:
            return (
                answer.status,
                answer.headers.get("Location", ""),
                answer.read().decode(errors="replace"),
            )
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", ""), error.read().decode(errors="replace")


def _sign_in(opener, base, password, name="Peserta Probe", code="1470") -> int:
    _code, _where, page = _status(opener, base + "/login")
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    fields = {"_xsrf": xsrf, "password": password, "name": name, "code": code}
    form = urllib.parse.urlencode(fields).encode()
    return _status(opener, base + "/login?next=%2F", form)[0]


PROBES = (
    "/",
    "/aplikasi.ipynb",
    "/api/kernels",
    "/api/contents",
    "/voila/tree",
    "/tree",
    "/lab",
    "/terminals/websocket/1",
    "/api/terminals",
    "/voila/files/aplikasi.ipynb",
    "/files/aplikasi.ipynb",
    "/voila/render/aplikasi.ipynb",
    "/api/sessions",
)


def test_every_page_wants_the_workshop_password(workshop):
    opener = _opener()
    for path in PROBES:
        code, where, _body = _status(opener, workshop["base"] + path)
        assert code in (302, 403, 404) and (code != 302 or "/login" in where), (path, code, where)
    code, _where, body = _status(opener, workshop["base"] + "/login")
    assert code == 200 and "Kata sandi lokakarya" in body


def test_a_wrong_password_is_refused_in_bahasa_indonesia(workshop):
    opener = _opener()
    _code, _where, page = _status(opener, workshop["base"] + "/login")
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    code, _where, body = _status(
        opener,
        workshop["base"] + "/login?next=%2F",
        urllib.parse.urlencode({"_xsrf": xsrf, "password": "salah-sekali"}).encode(),
    )
    assert code == 401 and "Kata sandi lokakarya salah" in body


def test_signed_in_trainees_get_the_app_and_nothing_else(workshop):
    opener = _opener()
    assert _sign_in(opener, workshop["base"], PASSWORD) == 302
    code, _where, page = _status(opener, workshop["base"] + "/")
    assert code == 200 and '"kernelId"' in page
    assert "workshop_app" not in page and "from kinerja_sim" not in page  # no source in the page
    for path in (
        "/voila/files/aplikasi.ipynb",
        "/voila/files/01_perbaiki_indikator.ipynb",
        "/voila/files/../kinerja_sim/ui/app.py",
    ):
        assert _status(opener, workshop["base"] + path)[0] in (403, 404), path
    for path in ("/api/contents/aplikasi.ipynb", "/api/terminals"):
        code, _where, body = _status(opener, workshop["base"] + path)
        # Voila answers any other address with the app itself (a new page), never with a listing
        if code == 302:  # Voila sends other files to /voila/files/, which refuses
            assert _where.startswith("/voila/files/"), (path, _where)
            code, _where, body = _status(opener, workshop["base"] + _where)
        assert code in (403, 404) or (
            code == 200 and '"kernelId"' in body and "workshop_app" not in body
        ), path


def test_the_dashboard_wants_the_facilitator_password_and_then_renders(workshop):
    assert _sign_in(_opener(), workshop["dashboard"], PASSWORD) == 401
    facilitator = _opener()
    assert _sign_in(facilitator, workshop["dashboard"], FACILITATOR) == 302
    code, _where, page = _status(facilitator, workshop["dashboard"] + "/")
    assert code == 200 and '"kernelId"' in page and "Traceback" not in page
    assert "Dasbor fasilitator" in page and "from kinerja_sim" not in page


def test_a_trainee_signs_in_does_an_exercise_and_sees_feedback(workshop):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    shots = Path(os.environ.get("KINERJA_SIM_SCREENSHOTS", workshop["tmp"]))
    shots.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.set_default_timeout(120_000)
            page.goto(workshop["base"] + "/")
            assert "Kata sandi lokakarya" in page.inner_text("body")
            page.screenshot(path=shots / "workshop_login.png")
            page.fill("#password_input", PASSWORD)
            page.fill("#name_input", TRAINEE)
            page.fill("#code_input", "2580")
            page.click("#login_submit")
            page.locator(".kinerja-trainee-message", has_text="Anda masuk sebagai").wait_for()
            page.screenshot(path=shots / "workshop_landing.png", full_page=True)
            landing = page.inner_text("body")
            page.locator("button.kinerja-app-open-01_perbaiki_indikator").wait_for()
            page.screenshot(path=shots / "workshop_menu.png", full_page=True)
            menu = page.inner_text("body")
            page.locator("button.kinerja-app-open-01_perbaiki_indikator").click()
            stage = page.locator(".kinerja-app-stage")
            stage.locator(".kinerja-iki textarea").first.fill(
                "Jumlah akta kelahiran yang diterbitkan sesuai standar"
            )
            stage.locator(".kinerja-target input").first.fill("1200 dokumen per tahun")
            stage.locator(".kinerja-target input").first.press("Tab")
            stage.locator("button.kinerja-submit").first.click()
            feedback = stage.locator(".kinerja-feedback .kinerja-feedback-body").first
            feedback.wait_for()
            page.screenshot(path=shots / "workshop_feedback.png", full_page=True)
            text = feedback.inner_text()
            page.locator("button.kinerja-app-back").click()
            done = page.locator(
                ".kinerja-app-progress-01_perbaiki_indikator", has_text="sudah dijawab"
            )
            done.wait_for()
            progress = done.inner_text()
            page.screenshot(path=shots / "workshop_progress.png", full_page=True)
        finally:
            browser.close()
    assert "Latihan Penilaian Kinerja ASN" in landing
    for english in ("Run All", "Run →", "Loading", "Kernel"):
        assert english not in landing and english not in menu
    assert menu.count("Buka latihan") == len(EXERCISES) + 2 and "Belum dikerjakan" in menu
    assert text.strip()
    assert progress.startswith("1 soal sudah dijawab")
    saved = ProgressStore(workshop["store"]).answers(
        trainee=TRAINEE, exercise="01_perbaiki_indikator"
    )
    assert len(saved) == 1
    assert json.loads(saved["answer_json"].iloc[0])["target"] == "1200 dokumen per tahun"


def test_a_trainee_confirms_their_certificate_details_in_the_app(workshop):
    # Issue #23: the trainee's own form (name for the certificate, NIP, consent), after sign-in,
    # saved under their identity, a bad NIP told in Indonesian, prefilled after a reload.
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    from kinerja_sim.training.workshop_info import trainee_details

    name, nip = "Dewi Lestari", "199001012015032001"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.set_default_timeout(120_000)
            page.goto(workshop["base"] + "/")
            page.fill("#password_input", PASSWORD)
            page.fill("#name_input", name)
            page.fill("#code_input", "1357")
            page.click("#login_submit")
            page.locator(".kinerja-trainee-message", has_text="Anda masuk sebagai").wait_for()
            section = page.locator(".kinerja-details")
            section.get_by_text("Data sertifikat (tidak wajib)").click()
            field = section.locator(".kinerja-details-name input")
            field.wait_for()
            page.wait_for_function(
                "document.querySelector('.kinerja-details-name input').value !== ''"
            )
            prefilled = field.input_value()
            field.fill("Dewi Lestari, S.Sos.")
            section.locator(".kinerja-details-nip input").fill("1990 0101")
            section.locator("button.kinerja-details-save").click()
            refused = section.locator(".kinerja-details-message", has_text="tidak sah")
            refused.wait_for()
            refusal = refused.inner_text()
            section.locator(".kinerja-details-nip input").fill(nip)
            section.locator(".kinerja-details-consent input").check()
            section.locator("button.kinerja-details-save").click()
            section.locator(".kinerja-details-message", has_text="Tersimpan").wait_for()
            shots = Path(os.environ.get("KINERJA_SIM_SCREENSHOTS", workshop["tmp"]))
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=shots / "workshop_details.png", full_page=True)
            page.reload()
            page.locator(".kinerja-trainee-message", has_text="Anda masuk sebagai").wait_for()
            section = page.locator(".kinerja-details")
            section.get_by_text("Data sertifikat (tidak wajib)").click()
            page.wait_for_function(
                "document.querySelector('.kinerja-details-nip input')"
                " && document.querySelector('.kinerja-details-nip input').value !== ''"
            )
            again = section.locator(".kinerja-details-name input").input_value()
            again_nip = section.locator(".kinerja-details-nip input").input_value()
            page_text = page.inner_text("body")
        finally:
            browser.close()
    assert prefilled == name  # the sign-in name until the trainee confirms another
    assert "18 angka" in refusal and "Traceback" not in refusal
    assert (again, again_nip) == ("Dewi Lestari, S.Sos.", nip)
    assert "Traceback" not in page_text
    saved = [d for d in trainee_details(workshop["store"]).values() if d.nip == nip]
    assert len(saved) == 1 and saved[0].consent and saved[0].confirmed_name == again


def test_the_load_benchmark_smoke_run_loses_nothing(tmp_path):
    command = [
        sys.executable,
        str(ROOT / "benchmarks" / "workshop_load.py"),
        "--trainees",
        "2",
        "--arrival",
        "5",
        "--browsers",
        "0",
        "--timeout",
        "400",
        "--json",
    ]
    env = {**os.environ, "WORKSHOP_POOL": "1", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert (result["trainees"], result["lost"], result["errors"]) == (2, 0, 0), result
    assert (
        result["submissions"] == 12 and result["restored_after_kill"] is True
    )  # six exercises each
    assert (
        result["p95_page_s"] > 0 and result["p95_feedback_s"] > 0 and result["peak_server_mb"] > 0
    )


def test_a_killed_kernel_shows_the_banner_a_draft_comes_back_and_no_other_host_is_asked(
    workshop,
):
    """In Chromium: every request goes to this server; a draft typed in exercise 06 (not
    checked) is back after a reload; killing the page's kernel shows the Indonesian banner."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    psutil = pytest.importorskip("psutil")
    requested = []
    draft = "Draf umpan balik yang belum diperiksa, diketik lalu halaman dimuat ulang."
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.set_default_timeout(120_000)
            page.on("request", lambda request: requested.append(request.url))
            page.goto(workshop["base"] + "/")
            page.fill("#password_input", PASSWORD)
            page.fill("#name_input", "Peserta Draf")
            page.fill("#code_input", "3690")
            page.click("#login_submit")
            page.locator("button.kinerja-app-open-06_tulis_umpan_balik").click()
            box = page.locator(".kinerja-feedback-text textarea").first
            box.wait_for()
            box.fill(draft)
            page.locator(".kinerja-draft-note", has_text="Draf tersimpan").first.wait_for()
            page.reload()
            page.locator("button.kinerja-app-open-06_tulis_umpan_balik").click()
            box = page.locator(".kinerja-feedback-text textarea").first
            box.wait_for()
            restored = box.input_value()
            config = json.loads(page.locator("#jupyter-config-data").inner_text())
            kernel = next(
                p
                for p in psutil.process_iter(["cmdline"])
                if config["kernelId"] in " ".join(p.info["cmdline"] or ())
            )
            kernel.kill()
            banner = page.locator("#kinerja-connection-lost")
            banner.wait_for(timeout=60_000)
            shown = banner.inner_text()
            page.screenshot(path=str(workshop["tmp"] / "workshop_connection_lost.png"))
        finally:
            browser.close()
    assert restored == draft
    assert "Sambungan ke server terputus" in shown and "Muat ulang" in shown
    hosts = {urllib.parse.urlsplit(url).netloc for url in requested if "://" in url}
    assert hosts <= {urllib.parse.urlsplit(workshop["base"]).netloc}, hosts
