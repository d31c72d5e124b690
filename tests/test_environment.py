"""The set-up files agree: pyproject.toml, requirements/lock.txt, environment.yml, Makefile, CI."""

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [
        Requirement(d) for d in project["dependencies"] + project["optional-dependencies"]["test"]
    ]


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[_key(name)] = version.strip()
    return pins


def _conda_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(item["pip"] for item in env["dependencies"] if isinstance(item, dict))
    pins = {}
    for line in pip_section:
        if line.startswith("-e"):
            continue
        requirement = Requirement(line)
        (specifier,) = requirement.specifier
        pins[_key(requirement.name)] = specifier.version
    return pins


@pytest.mark.parametrize("requirement", _pyproject_requirements(), ids=lambda r: r.name)
def test_every_dependency_is_locked_within_its_range(requirement):
    version = _lock().get(_key(requirement.name))
    assert version is not None, f"{requirement.name} is not in requirements/lock.txt"
    assert requirement.specifier.contains(Version(version)), (requirement, version)


def test_environment_yml_pins_the_locked_version_of_every_dependency():
    lock, conda = _lock(), _conda_pins()
    expected = {_key(r.name): lock[_key(r.name)] for r in _pyproject_requirements()}
    assert conda == expected


def test_widget_packages_are_pinned_together():
    lock = _lock()
    for name in ("jupyterlab", "ipywidgets", "jupyterlab-widgets", "widgetsnbextension"):
        assert name in lock, name
    assert Version(lock["ipywidgets"]).major == 8 and Version(lock["jupyterlab-widgets"]).major == 3


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_opens_with_the_two_commands():
    head = (ROOT / "README.md").read_text().split("\n## ")[0]
    assert "make lab" in head and "make test" in head
