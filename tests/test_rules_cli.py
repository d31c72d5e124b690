"""``kinerja-sim rules``: check, show and list, without tracebacks."""

import subprocess
import sys
from pathlib import Path

import yaml

from kinerja_sim import rules
from kinerja_sim.cli import main

ROOT = Path(__file__).resolve().parents[1]


def write(tmp_path, description, name="aturan.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(description, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_check_valid_file_exits_0(tmp_path, capsys):
    path = write(tmp_path, rules.read_spec("pp-46-2011"))
    assert main(["rules", "check", path]) == 0
    assert "aturan valid" in capsys.readouterr().out


def test_check_invalid_file_prints_one_line_per_problem(tmp_path, capsys):
    description = rules.read_spec("pp-30-2019")
    description["weights"]["standard"]["skp"] = 0.8
    description["categories"]["levels"][1]["min"] = 130
    path = write(tmp_path, description)
    assert main(["rules", "check", path]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(
        f"{path}: weights.standard: expected weights skp + perilaku that sum to 1"
    )
    assert lines[1].startswith(f"{path}: categories.levels[1].min: expected a number below")


def test_check_not_yaml_exits_2_with_one_line(tmp_path, capsys):
    path = tmp_path / "rusak.yaml"
    path.write_text("a: [1, 2\nb: }", encoding="utf-8")
    assert main(["rules", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "not a readable YAML file" in err


def test_check_missing_file_exits_2(tmp_path, capsys):
    assert main(["rules", "check", str(tmp_path / "tidak-ada.yaml")]) == 2
    assert "tidak-ada.yaml" in capsys.readouterr().err


def test_show_prints_rule_set_with_confidence(capsys):
    assert main(["rules", "show", "permenpanrb-6-2022"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# permenpanrb-6-2022: PermenPAN-RB No. 6 Tahun 2022")
    assert "achievement_to_rating" in out and "ASSUMPTION" in out and "Kurang/Misconduct" in out


def test_show_unknown_name_exits_2(capsys):
    assert main(["rules", "show", "pp-99"]) == 2
    assert "tidak ada berkas aturan" in capsys.readouterr().err  # Bahasa Indonesia by default


def test_list_names_built_in_rule_sets(capsys):
    assert main(["rules", "list"]) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == list(
        rules.available()
    )


def test_installed_command_never_shows_a_traceback(tmp_path):
    description = rules.read_spec("permenpanrb-6-2022")
    del description["predicate_matrix"]["cells"]["Di Atas Ekspektasi"]["Sesuai Ekspektasi"]
    path = write(tmp_path, description)
    program = Path(sys.executable).parent / "kinerja-sim"
    done = subprocess.run(
        [str(program), "rules", "check", path], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == (
        f"{path}: predicate_matrix.cells.Di Atas Ekspektasi.Sesuai Ekspektasi: expected a "
        "predicate, one of 'Sangat Baik', 'Baik', 'Butuh Perbaikan', 'Kurang/Misconduct', "
        "'Sangat Kurang'; it is missing"
    )
