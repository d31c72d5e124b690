"""The wheel runs the workshop server: built, installed outside the checkout, started.

The wheel is built (offline, no build isolation) from a copy of the sources in a temporary
folder, so nothing is written into the checkout; it is installed with ``--no-deps`` into a
fresh virtual environment in another temporary folder. That environment sees the
dependencies already installed in the test environment: ``--system-site-packages`` over a
virtual environment would only reach the base interpreter's packages, so a ``.pth`` file
adds the test environment's site-packages (as a plain path: its ``.pth`` files, among them
the editable install of this checkout, are not run). The server is then started from the
new environment on loopback: both servers take the right password and refuse a wrong one,
render their page (a kernel of the new environment runs the installed notebook), and in
headless Chromium the trainee app greets the signed-in trainee by name. The two pages are
opened one after the other, each with its own kernel, and every wait is bounded; on a
failure the server's log is printed.
"""

import os
import re
import shutil
import site
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, free_port, needs, stop

ROOT = Path(__file__).resolve().parents[1]
PASSWORD, FACILITATOR = "melati-roda-2468", "kenanga-roda-1357"
TRAINEE, CODE = "Peserta Roda", "2468"
EXAMPLE_FILES = ("ekspor_ekinerja.csv", "ekspor_ekinerja.xlsx", "rekap_kantor_camat.csv")


def _run(command, **kwargs):
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, **kwargs)
    assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "src"
    shutil.copytree(
        ROOT / "kinerja_sim",
        source / "kinerja_sim",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "ekspor_dasbor"),
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(tmp / "dist"),
            str(source),
        ],
        cwd=tmp,
        env=env,
    )
    wheel = next((tmp / "dist").glob("kinerja_sim-*.whl"))
    venv = tmp / "venv"
    _run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
        cwd=tmp,
        env=env,
    )
    python = venv / "bin" / "python"
    own = _run(
        [str(python), "-c", "import site; print(site.getsitepackages()[0])"], cwd=tmp, env=env
    ).strip()
    Path(own, "test_environment.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        cwd=tmp,
        env=env,
    )
    env.update(
        PATH=os.pathsep.join([str(venv / "bin"), env.get("PATH", "")]),
        JUPYTER_PATH=os.path.join(sys.prefix, "share", "jupyter"),  # Voila's templates
        HOME=str(tmp),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
    )
    return {"tmp": tmp, "python": python, "venv": venv, "wheel": wheel, "env": env}


def test_the_wheel_holds_the_notebooks_the_server_serves(installed):
    import zipfile

    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    assert {"kinerja_sim/workshop/aplikasi.ipynb", "kinerja_sim/workshop/dasbor.ipynb"} <= names
    # notebook 09's example export and the mapping helper's odd file: package data, not datasets/
    example = "kinerja_sim/data/contoh_ekspor/"
    assert {example + name for name in EXAMPLE_FILES} <= names
    assert not any(name.startswith(("notebooks/", "tests/")) for name in names)


def test_the_new_environment_imports_the_installed_package_not_the_checkout(installed):
    code = (
        "import kinerja_sim, voila; from kinerja_sim.byod import example_path, read_appraisals; "
        "print(kinerja_sim.__file__); print(example_path('xlsx')); "
        "print(len(read_appraisals(example_path('xlsx'), key='kunci-uji-roda-2468').data))"
    )
    package, example, rows = _run(
        [str(installed["python"]), "-c", code], cwd=installed["tmp"], env=installed["env"]
    ).split()
    for path in (Path(package), Path(example)):
        assert path.is_relative_to(installed["venv"]) and not path.is_relative_to(ROOT)
    assert int(rows) > 100  # notebook 09 reads its example export from the installed package


def _open(opener, url, data=None):
    try:
        with opener.open(url, data=data, timeout=60) as answer:
            return answer.status, answer.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _sign_in(base, password):
    """Sign in on the server's form; return the signed-in opener and the answers to the right
    and to a wrong password (a redirect lets in; the form answers in Bahasa Indonesia)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
    code, page = _open(opener, base + "/login")
    assert code == 200 and "Kata sandi" in page
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    form = (
        urllib.parse.urlencode(
            {"_xsrf": xsrf, "password": password, "name": TRAINEE, "code": CODE}
        ).encode()
    )  # the trainee app also asks for a name and a personal code; the dashboard ignores them
    wrong = urllib.parse.urlencode({"_xsrf": xsrf, "password": "salah"}).encode()
    wrong_code = _open(
        urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect()),
        base + "/login?next=%2F",
        wrong,
    )[0]
    return opener, _open(opener, base + "/login?next=%2F", form)[0], wrong_code


def _rendered(opener, base) -> str:
    """The page Voila renders (a kernel runs the notebook before the page is sent)."""
    code, page = _open(opener, base + "/")
    assert code == 200 and '"kernelId"' in page, page[-2000:]
    assert "Traceback" not in page and "from kinerja_sim" not in page  # no error, no source
    assert "application/vnd.jupyter.widget-view+json" in page  # the cell ran and showed its widget
    return page


def _trainee_in_chromium(base) -> str:
    """The app in headless Chromium: signed in, the widget greets the trainee by name."""
    needs(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(120_000)
            page.goto(base + "/")
            page.fill("#password_input", PASSWORD)
            page.fill("#name_input", TRAINEE)
            page.fill("#code_input", CODE)
            page.click("#login_submit")
            greeting = page.locator(".kinerja-trainee-message", has_text="Anda masuk sebagai")
            greeting.wait_for()
            return greeting.inner_text()
        finally:
            browser.close()


def test_the_workshop_server_starts_from_the_installed_wheel(installed):
    tmp, port, dashboard_port = installed["tmp"], free_port(), free_port()
    env = {
        **installed["env"],
        "WORKSHOP_IP": "127.0.0.1",
        "WORKSHOP_PORT": str(port),
        "WORKSHOP_DASHBOARD_PORT": str(dashboard_port),
        "WORKSHOP_POOL": "0",
        "KINERJA_SIM_WORKSHOP_PASSWORD": PASSWORD,
        "KINERJA_SIM_FACILITATOR_PASSWORD": FACILITATOR,
        "KINERJA_SIM_PROGRESS": str(tmp / "hari" / "progress.sqlite"),
        "KINERJA_SIM_WORKSHOP": "uji",
    }
    log_path = tmp / "server.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(installed["python"]), "-m", "kinerja_sim.workshop"],
            cwd=tmp,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 90
            while "Ctrl+C" not in log_path.read_text(errors="replace"):
                if process.poll() is not None or time.monotonic() > deadline:
                    tail = log_path.read_text()[-3000:]
                    pytest.fail(f"the workshop server did not start:\n{tail}")
                time.sleep(0.3)
            app, dashboard = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{dashboard_port}"
            for base, password in ((app, PASSWORD), (dashboard, FACILITATOR)):
                opener, right, wrong = _sign_in(base, password)
                assert right == 302 and wrong != 302, (base, right, wrong)
                page = _rendered(opener, base)
                assert base != dashboard or "Dasbor fasilitator" in page
            greeting = _trainee_in_chromium(app)
        except BaseException:
            print(log_path.read_text(errors="replace")[-4000:])  # the server's side, on failure
            raise
        finally:
            stop(process, 30)
    assert TRAINEE in greeting
    assert (tmp / "hari" / "progress.sqlite").exists()
