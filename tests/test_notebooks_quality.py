"""Every notebook of the curriculum is fit for a trainee: no outputs, a goal first, a recap last,
short cells, nothing to edit, and the exercises use the shared widgets."""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/*.ipynb")])
EXERCISES = sorted(ROOT.glob("exercises/*.ipynb"))
EDIT_MARKERS = ("TODO", "FIXME", "GANTI", "UBAH DI SINI", "ISI DI SINI", "...  #", "= ???", "<isi")


def _read(path):
    return nbformat.read(path, as_version=4)


def test_there_are_notebooks_and_exercises():
    assert len(EXERCISES) == 6
    assert (ROOT / "notebooks" / "08_dasbor_fasilitator.ipynb").exists()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_is_committed_without_outputs(path):
    for cell in _read(path).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (
                "clear the outputs before committing"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_starts_with_a_title_and_a_goal(path):
    first = _read(path).cells[0]
    assert first.cell_type == "markdown" and first.source.lstrip().startswith("# ")
    assert "Tujuan" in first.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_ends_with_a_recap(path):
    last = _read(path).cells[-1]
    assert last.cell_type == "markdown" and (
        "Ringkasan" in last.source or "Rangkuman" in last.source
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_code_cells_are_short_and_have_nothing_to_edit(path):
    for cell in _read(path).cells:
        if cell.cell_type != "code":
            continue
        assert len(cell.source.splitlines()) <= 25, "split long cells"
        assert not any(marker in cell.source for marker in EDIT_MARKERS), (
            "a trainee must not edit code"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_has_a_python_kernel(path):
    assert _read(path).metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_exercise_notebook_runs_its_own_exercise_widget(path):
    code = "\n".join(cell.source for cell in _read(path).cells if cell.cell_type == "code")
    assert f'exercise_app("{path.stem}")' in code


LESSONS = sorted(ROOT.glob("notebooks/0[0-5]_*.ipynb"))
SHARED_CASES = ("02_penilaian_berbasis_bukti", "04_profil_bias_saya", "05_sesi_kalibrasi")


def _code(path):
    return "\n".join(cell.source for cell in _read(path).cells if cell.cell_type == "code")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lessons_take_their_seed_and_case_exercise_ids_from_the_package(path):
    from kinerja_sim.cases.answers import CASE_EXERCISES
    from kinerja_sim.cases.lesson import LESSON_SEED

    code = _code(path)
    assert "lesson_rng()" in code or "lesson_cases()" in code
    assert not re.search(rf"default_rng\(\s*{LESSON_SEED}\s*\)", code), "use lesson_rng()"
    assert "practice_cases(" not in code, "the shared cases are lesson_cases()"
    for exercise in CASE_EXERCISES:
        assert f'"{exercise}"' not in code and f"'{exercise}'" not in code, (
            "use the package's constant"
        )
    if path.stem in SHARED_CASES:
        assert "lesson_cases()" in code


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_exercise_ids_named_to_trainees_are_the_package_ids(path):
    from kinerja_sim.cases.answers import CASE_EXERCISES

    text = "\n".join(cell.source for cell in _read(path).cells if cell.cell_type == "markdown")
    for name in re.findall(r"latihan `([0-9]{2}_[a-z_]+)`", text):
        assert name in CASE_EXERCISES
