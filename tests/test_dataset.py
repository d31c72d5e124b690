"""Saving and loading datasets, the shipped datasets/ folder, and the generate command."""

import filecmp
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import kinerja_sim
from kinerja_sim.cli import main
from kinerja_sim.dataset import TABLES

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "datasets" / "kabupaten"


def test_save_and_load_round_trip_exactly(small_world, tmp_path):
    again = kinerja_sim.load(small_world.save(tmp_path))
    for name in TABLES:
        pd.testing.assert_frame_equal(
            getattr(again, name), getattr(small_world, name), check_exact=True
        )


def test_load_names_the_missing_files(tmp_path):
    (tmp_path / "offices.csv").write_text("office_id\n")
    with pytest.raises(ValueError, match="lacks employees.csv"):
        kinerja_sim.load(tmp_path)


def test_generate_command_reproduces_the_shipped_dataset_byte_for_byte(tmp_path):
    assert main(["generate", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in SHIPPED.glob("*.csv"))
    assert names == sorted([f"{t}.csv" for t in TABLES] + ["data_dictionary.csv"])
    _, mismatch, errors = filecmp.cmpfiles(SHIPPED, tmp_path, names, shallow=False)
    assert mismatch == [] and errors == []


def test_shipped_dataset_loads_and_equals_a_fresh_generation(kabupaten):
    shipped = kinerja_sim.load(SHIPPED)
    pd.testing.assert_frame_equal(shipped.ratings, kabupaten.ratings)


def test_command_line_reports_bad_input_in_one_line_without_traceback(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kinerja_sim.cli",
            "generate",
            "--out",
            str(tmp_path),
            "--periods",
            "1",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "periods must be between 2 and 12" in result.stderr and "Traceback" not in result.stderr


def test_command_line_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["generate"])
    assert exit_info.value.code == 2
    assert "--out" in capsys.readouterr().err


def test_the_package_re_exports_every_public_name_of_its_modules():
    import kinerja_sim.dataset as package
    from kinerja_sim.dataset import generation, tables

    for module in (generation, tables):
        for name in set(module.__all__) - {"register"}:  # register: the command, for cli.py
            assert getattr(package, name) is getattr(module, name), name
            assert name in package.__all__, name
