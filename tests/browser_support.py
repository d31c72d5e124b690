"""What every real-browser test shares: Debian's Chromium for Playwright, free ports, waiting for a
server.

Without ``/usr/bin/chromium`` (or ``KINERJA_SIM_CHROMIUM``) a browser test is skipped with the
reason, unless the environment variable ``CI`` is set: then it fails (CI must run it).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("KINERJA_SIM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def needs(condition: bool, reason: str) -> None:
    """Skip the test with ``reason`` unless ``condition``; in CI, fail instead of skipping."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the browser test must run)")
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(
    url: str, process: subprocess.Popen, timeout: float = 60, *, delay: float = 0.3
) -> None:
    """Wait until ``url`` answers; fail early if ``process`` (the server) exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=3):
                return
        except OSError:
            time.sleep(delay)
    raise TimeoutError(f"no answer at {url} within {timeout} s")


@contextmanager
def voila(folder: Path, tmp_path: Path, *, env=None, cwd=None):
    """Voila serving ``folder`` on 127.0.0.1 (a free port, no file downloads, sources stripped),
    with HOME and the runtime folder in ``tmp_path``; yields the base URL, stops it afterwards."""
    executable = Path(sys.executable).with_name("voila")
    needs(executable.exists(), f"voila not found next to {sys.executable}")
    port = free_port()
    environment = {
        **os.environ,
        "KINERJA_SIM_LANG": "id",
        "HOME": str(tmp_path),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        **(env or {}),
    }
    log = (tmp_path / "voila.log").open("w")
    process = subprocess.Popen(
        [
            str(executable),
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--no-browser",
            "--strip_sources=True",
            "--VoilaConfiguration.file_allowlist=[]",
            str(folder),
        ],
        cwd=cwd or folder,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", process)
        yield base
    finally:
        stop(process, 10)
        log.close()


def stop(process: subprocess.Popen, timeout: float = 15) -> None:
    """Terminate a server, and kill it if it has not exited within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
