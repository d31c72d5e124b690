"""Shared fixtures: one small generated world per test session (generation is seeded).

Also a guard: no test writes into the checkout. The run fails when a file appears in the
work tree that was not there before it (caches of Python itself excepted), so a test that
saves an export, a report or a store beside the code is caught the first time it does.
"""

import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

import kinerja_sim

ROOT = Path(__file__).resolve().parents[1]

# Hypothesis keeps its example database and caches in .hypothesis/ of the working directory:
# not in the checkout.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "kinerja-sim-hypothesis")
settings.register_profile("kinerja-sim", database=None)
settings.load_profile("kinerja-sim")


def _work_tree_files() -> set[str] | None:
    """Every untracked or ignored path of the checkout (None outside a git checkout)."""
    try:
        listed = subprocess.run(
            ["git", "status", "--porcelain", "--ignored", "--untracked-files=all"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    paths = {line[3:] for line in listed.splitlines() if line.startswith(("??", "!!"))}
    return {
        p
        for p in paths
        if "__pycache__" not in p and not p.startswith((".venv/", "kinerja_sim.egg-info/"))
    }


def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):  # the controller, not an xdist worker
        session.config._files_before = _work_tree_files()


def pytest_sessionfinish(session, exitstatus):
    before = getattr(session.config, "_files_before", None)
    after = _work_tree_files() if before is not None else None
    if after is None:
        return
    new = sorted(after - before)
    if new:
        print(
            "\nTests wrote into the checkout (use tmp_path or a temporary folder):\n  "
            + "\n  ".join(new)
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def kabupaten():
    """The default synthetic kabupaten, as shipped in datasets/ (seed 2022)."""
    return kinerja_sim.generate(rng=2022)


@pytest.fixture(scope="session")
def small_world():
    return kinerja_sim.generate(n_offices=3, rng=11)
