"""The parameterised policy report: papermill runs notebook 07 and nbconvert writes HTML."""

import re

import yaml

from kinerja_sim.cli import main
from kinerja_sim.policy.report import run_report


def test_report_writes_html_with_plots(tmp_path):
    study = {
        "name": "kecil",
        "title": "Uji",
        "employees": 2_000,
        "replications": 2,
        "seed": 1,
        "baseline": {"name": "praktik-saat-ini"},
        "scenarios": [{"name": "latih", "trained_share": 1.0}],
    }
    path = tmp_path / "kecil.yaml"
    path.write_text(yaml.safe_dump(study))
    html = run_report(path, out=tmp_path / "reports").read_text(encoding="utf-8")
    assert html.count("<img") >= 4
    assert "Traceback" not in html and 'data-mime-type="application/vnd.jupyter.stderr"' not in html


def test_report_refuses_a_bad_study_before_running(tmp_path, capsys):
    path = tmp_path / "buruk.yaml"
    path.write_text(yaml.safe_dump({"baseline": {"name": "a", "calibration": "ya"}}))
    assert main(["report", str(path), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "calibration" in err and err.count("\n") == 1


def test_report_reads_as_an_analysts_report(tmp_path):
    study = {
        "name": "analis",
        "title": "Laporan uji",
        "employees": 2_000,
        "replications": 2,
        "seed": 1,
        "baseline": {"name": "praktik-saat-ini"},
        "scenarios": [{"name": "kurva", "enforce_curve": True}],
    }
    path = tmp_path / "analis.yaml"
    path.write_text(yaml.safe_dump(study))
    html = run_report(path, out=tmp_path / "reports").read_text(encoding="utf-8")
    assert html.index("Ringkasan eksekutif") < html.index("Sebaran predikat")  # summary first
    assert "Tujuan" not in html and "Diskusikan" not in html  # no lesson wording
    text = re.sub(
        r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+", "", html
    )  # not inside embedded figures
    assert "diff_ci_low" not in text and "1e7" not in text  # Indonesian headers, no 1e7
    assert "Selisih dari praktik-saat-ini" in html and "poin persen" in html


def test_the_packaged_report_notebook_is_lesson_07():
    """The report runs the copy inside the package (a wheel has no notebooks/): the lesson's twin."""
    from pathlib import Path

    from kinerja_sim.policy.report import notebook_path

    lesson = Path(__file__).resolve().parents[1] / "notebooks" / "07_simulasi_kebijakan.ipynb"
    assert notebook_path().parent.name == "policy"
    assert notebook_path().read_bytes() == lesson.read_bytes()
