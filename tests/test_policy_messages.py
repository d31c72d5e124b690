"""Messages of study and scenario files and of the command line: Indonesian, all at once, with
lines.
"""

import pytest

from kinerja_sim import policy
from kinerja_sim.cli import main
from kinerja_sim.policy import Scenario
from kinerja_sim.policy.report import check_replications
from kinerja_sim.policy.scenario import StudyFileError

STUDY = """\
name: uji
titel: Salah ketik
replications: 3
baseline:
  name: dasar
scenarios:
  - name: latih
    trained_share: 1.5
  - name: kurva
    enforce_curv: true
  - name: lama
    rules: pp-46-2011
    enforce_curve: true
"""


def test_a_study_file_reports_every_problem_with_its_line(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(STUDY, encoding="utf-8")
    with pytest.raises(StudyFileError) as caught:
        policy.load_study(path)
    problems = caught.value.problems
    assert len(problems) == 4 and str(caught.value).startswith(f"{path}: 4 masalah:")
    assert problems[0] == "baris 2, titel: isian 'titel' tidak dikenal; maksud Anda 'title'?"
    assert problems[1].startswith("baris 8, scenarios[0].trained_share: nilai 1.5")
    assert "bilangan 0 sampai 1" in problems[1]
    assert problems[2].startswith("baris 10, scenarios[1].enforce_curv:")
    assert "maksud Anda 'enforce_curve'?" in problems[2]
    assert problems[3].startswith("baris 11, scenarios[2]:") and "tidak punya kurva" in problems[3]


@pytest.mark.parametrize("name", ["../../etc/evil", "a/b", "..", ".tersembunyi", "a\\b"])
def test_a_name_is_a_name_not_a_path(tmp_path, name):
    path = tmp_path / "s.yaml"
    path.write_text(f"name: {name!r}\nbaseline:\n  name: dasar\n", encoding="utf-8")
    with pytest.raises(ValueError, match="baris 1, name: nama .* bukan path"):
        policy.load_study(path)
    with pytest.raises(ValueError, match="not a path"):
        Scenario(name=name)


def test_a_scenario_named_like_a_path_in_a_study_is_refused(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("baseline:\n  name: ../luar\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"baris 2, baseline.name: nilai '../luar' untuk name"):
        policy.load_study(path)


def test_one_replication_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("replications: 1\nbaseline:\n  name: dasar\n", encoding="utf-8")
    with pytest.raises(ValueError, match="baris 1, replications: replications 1 tidak sah"):
        policy.load_study(path)
    with pytest.raises(ValueError, match="tidak ada rentang"):
        check_replications(1)
    assert check_replications(2) == 2


def test_a_study_file_given_to_simulate_scenario_names_the_report_command(capsys):
    study = "notebooks/scenarios/contoh.yaml"
    assert main(["simulate", "--employees", "1000", "--scenario", study]) == 2
    err = capsys.readouterr().err
    assert "berkas studi" in err and f"kinerja-sim report {study}" in err
    assert "unknown field" not in err and err.count("\n") == 1


def test_a_scenario_file_reports_every_problem_with_its_line(tmp_path, capsys):
    path = tmp_path / "sk.yaml"
    path.write_text("name: a\ntrained_share: 2\ncalibartion: true\n", encoding="utf-8")
    assert main(["simulate", "--employees", "1000", "--scenario", str(path)]) == 2
    err = capsys.readouterr().err
    assert "2 masalah" in err and "baris 2, trained_share: nilai 2" in err
    assert (
        "baris 3, calibartion: isian 'calibartion' tidak dikenal; maksud Anda 'calibration'?" in err
    )


def test_a_misspelt_preset_gets_a_suggestion(capsys):
    assert main(["simulate", "--employees", "1000", "--scenario", "kurva-distribus"]) == 2
    err = capsys.readouterr().err
    assert "bukan skenario bawaan" in err and "maksud Anda 'kurva-distribusi'?" in err


def test_a_bad_option_value_is_one_indonesian_line(capsys):
    assert main(["simulate", "--employees", "1000", "--trained-share", "2"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nilai 2.0 untuk trained_share tidak sah" in err


def test_out_of_range_options_are_all_named_before_the_run(capsys):
    assert main(["simulate", "--employees", "0", "--chunk-size", "10", "--top", "0"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    for option in ("--employees 0", "--chunk-size 10", "--top 0"):
        assert f"{option} tidak sah" in captured.err


def test_a_misspelt_rule_set_gets_a_suggestion(capsys):
    assert main(["simulate", "--employees", "1000", "--rules", "pp-46"]) == 2
    assert "maksud Anda 'pp-46-2011'?" in capsys.readouterr().err


def test_the_report_refuses_a_base_that_is_no_power_of_two_in_indonesian(capsys):
    from kinerja_sim.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["report", "study.yaml", "--sensitivity-base", "100"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "pangkat dua" in err and "100" in err and "Traceback" not in err


def test_the_report_passes_its_base_to_the_notebook(monkeypatch, tmp_path):
    from kinerja_sim import cli
    from kinerja_sim.policy import report

    seen = {}

    def fake_run_report(study_file, *, out, sensitivity_base):
        seen.update(study=study_file, out=out, base=sensitivity_base)
        return tmp_path / "laporan.html"

    monkeypatch.setattr(report, "run_report", fake_run_report)
    assert cli.main(["report", "study.yaml", "--sensitivity-base", "4096"]) == 0
    assert seen == {"study": "study.yaml", "out": "reports", "base": 4096}
