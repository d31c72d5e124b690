"""What every real-browser test shares: Debian's Chromium for Playwright, free ports, waiting for a server.

Without ``/usr/bin/chromium`` (or ``KINERJA_SIM_CHROMIUM``) a browser test is skipped with the
reason, unless the environment variable ``CI`` is set: then it fails (CI must run it).
"""
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("KINERJA_SIM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


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


def wait_for(url: str, process: subprocess.Popen, timeout: float = 60, *, delay: float = 0.3) -> None:
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
