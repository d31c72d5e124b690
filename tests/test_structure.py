"""The package's layout is its architecture (issue #19): layer folders, one way, no circles."""

import importlib
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kinerja_sim"


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    return [name.strip() for layer in contract["layers"] for name in layer.split("|")]


def _readme_layers() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## For developers") :]
    rows = [line for line in section.splitlines() if line.strip().startswith("| `")]
    return {
        name.strip("/").removesuffix(".py")
        for row in rows
        for name in re.findall(r"`([\w_]+/?(?:\.py)?)`", row.split("|")[1])
    }


def test_the_root_holds_only_the_layer_folders_the_cli_and_data():
    files = sorted(p.name for p in PACKAGE.glob("*.py"))
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert files == ["__init__.py", "cli.py"]
    assert set(folders) == set(_layers()) - {"cli"} | {"data"}


def test_the_readme_table_names_every_layer_and_nothing_else():
    assert _readme_layers() == set(_layers()) | {"data"}


def test_the_layer_contract_lists_the_layers_in_the_readmes_order():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## For developers") :]
    rows = [line for line in section.splitlines() if line.strip().startswith("| `")]
    order = [re.findall(r"`([\w_]+)/?(?:\.py)?`", row.split("|")[1]) for row in rows]
    flat = [name for names in order for name in names if name != "data"]
    assert flat == _layers()


@pytest.mark.parametrize(
    "old",
    [
        "kinerja_sim.io",
        "kinerja_sim.fit",
        "kinerja_sim.policy.grouped",
        "kinerja_sim.rules.legacy",
        "kinerja_sim.casefile",
        "kinerja_sim.exercises",
        "kinerja_sim.validation",
        "kinerja_sim.metrics.recovery",
        "kinerja_sim.i18n",
        "kinerja_sim._validate",
        "kinerja_sim.byod.fitting",
    ],
)
def test_compatibility_modules_are_gone(old):
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(old)


def test_the_import_contracts_hold():
    """import-linter: no upward import between layers, no circle between sibling modules."""
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=240
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout
