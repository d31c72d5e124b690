"""`make lab`, the README's main command, really serves JupyterLab with the curriculum,
in Bahasa Indonesia and without the news prompt."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# `make` with the binaries of the environment running the tests, and the set-up step marked
# done (-o): a stale stamp must never make a test build a .venv inside the checkout.
MAKE = [
    "make",
    "--no-print-directory",
    "-o",
    ".venv/.installed",
    f"BIN={Path(sys.executable).parent}",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _default(port, token, plugin, field):
    """The default JupyterLab serves for a setting (set by the Makefile's overrides.json)."""
    url = f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/{plugin}?token={token}"
    with urllib.request.urlopen(url, timeout=10) as reply:
        return json.loads(reply.read())["schema"]["properties"][field]["default"]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_serves_jupyterlab_with_the_orientation_notebook():
    port, token = _free_port(), "uji-kinerja"
    args = (
        f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} "
        f"--IdentityProvider.token={token}"
    )
    server = subprocess.Popen(
        [*MAKE, "lab", f"LAB_ARGS={args}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline, page = time.monotonic() + 90, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/lab?token={token}", timeout=5
                ) as reply:
                    page = reply.read().decode()
                break
            except OSError:
                time.sleep(1)
        assert page is not None, (
            server.stdout.read().decode()[-2000:] if server.poll() is not None else "no answer"
        )
        assert "JupyterLab" in page
        url = f"http://127.0.0.1:{port}/api/contents/notebooks/00_orientasi.ipynb?token={token}&content=0"
        with urllib.request.urlopen(url, timeout=10) as reply:
            assert reply.status == 200
        assert _default(port, token, "translation-extension:plugin", "locale") == "id_ID"
        assert _default(port, token, "apputils-extension:notification", "fetchNews") == "false"
    finally:
        import os
        import signal

        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_app_serves_the_one_page_trainee_app_not_a_file_list(tmp_path):
    """`make app` opens on the app's own Indonesian landing page (no Voila tree page in English)."""
    port = _free_port()
    env = {**os.environ, "KINERJA_SIM_PROGRESS": str(tmp_path / "p.sqlite")}
    server = subprocess.Popen(
        [*MAKE, "app", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline, page = time.monotonic() + 120, ""
        while time.monotonic() < deadline and not page:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as reply:
                    page = reply.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
        # the app notebook, executed (its widget output and style; the widgets' texts arrive over
        # the kernel's websocket, see test_workshop_browser.py), not Voila's English file list
        assert "application/vnd.jupyter.widget-view" in page and ".kinerja-app" in page
        assert "Select items to perform actions" not in page and "voila/tree" not in page
    finally:
        os.killpg(server.pid, 15)
        server.wait(30)
