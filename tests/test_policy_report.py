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
    assert "benih acak 1" in text and "2 ulangan berpasangan" in text and "versi" in text
    who = text[text.index("Siapa yang terkena") :]
    assert who.index("Kurang") < who.index("Istimewa")  # the hardest hit first
    assert "sebenarnya Baik dinilai Butuh Perbaikan" in text
    assert "(predikat, setelah aturan)" in text


def test_report_shows_the_ranges_over_the_assumptions_with_tornado_plots(tmp_path):
    """Issue #22 item 4: per headline answer its range over the assumptions and its drivers."""
    study = {
        "name": "yakin",
        "employees": 2_000,
        "replications": 2,
        "seed": 4,
        "baseline": {"name": "praktik-saat-ini"},
        "scenarios": [{"name": "rapat", "calibration": True}],
    }
    path = tmp_path / "yakin.yaml"
    path.write_text(yaml.safe_dump(study))
    html = run_report(path, out=tmp_path / "reports", sensitivity_base=8).read_text("utf-8")
    section = html[html.index("Seberapa yakin: rentang jawaban atas asumsi") :]
    section = section[: section.index("Catatan metode")]
    text = re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+", "", section)
    assert "praktik-saat-ini: bawaan (rentang atas asumsi)" in text
    assert "rapat: pendorong (indeks Sobol total)" in text
    assert "Lantai yang tersisa setelah rapat kalibrasi" in text  # varied with a committee only
    assert "Porsi predikat Sangat Kurang" in text and "Rp" in text and "triliun" in text
    assert "sampel dasar 8" in text and "2.000 pegawai per simulasi" in text
    assert section.count("<img") == 2  # one tornado per scenario, in the study's order
    assert text.index("Grafik tornado skenario praktik-saat-ini") < text.index(
        "Grafik tornado skenario rapat"
    )
    assert "Traceback" not in html


def test_sensitivity_cells_keep_one_unit():
    from kinerja_sim.policy.report import _sensitivity_cell

    assert _sensitivity_cell("incentive_total", 1.6e14, 9.9e11, 2.3e14) == (
        "Rp160 triliun (Rp0,990–230 triliun)"
    )
    assert _sensitivity_cell("share_kurang", 0.001, 0.0, 0.0015) == "0,10% (0,00%–0,15%)"
    assert _sensitivity_cell("share_baik", 0.895, 0.874, 0.9) == "89,5% (87,4%–90,0%)"


def test_sensitivity_cells_show_three_significant_figures():
    from kinerja_sim.policy.report import _sensitivity_cell

    assert _sensitivity_cell("incentive_total", 3.341e12, 2_527_361_702_128, 4_692_468_085_106) == (
        "Rp3,34 triliun (Rp2,53–4,69 triliun)"
    )
    assert _sensitivity_cell("angka_kredit_total", 1_453_022, 1_401_877, 1_512_345) == (
        "1.450.000 (1.400.000–1.510.000)"
    )


def test_the_packaged_report_notebook_is_lesson_07():
    """The report runs the copy inside the package (a wheel has no notebooks/): the lesson's
    twin."""
    from pathlib import Path

    from kinerja_sim.policy.report import notebook_path

    lesson = Path(__file__).resolve().parents[1] / "notebooks" / "07_simulasi_kebijakan.ipynb"
    assert notebook_path().parent.name == "policy"
    assert notebook_path().read_bytes() == lesson.read_bytes()


def _study(tmp_path, scenarios, **settings):
    import yaml as _yaml

    from kinerja_sim.policy import load_study

    spec = {"name": "u", "replications": 2, "employees": 2_000, "seed": 3, **settings}
    spec |= {"baseline": {"name": "praktik-saat-ini"}, "scenarios": scenarios}
    path = tmp_path / "u.yaml"
    path.write_text(_yaml.safe_dump(spec))
    return load_study(path)


def test_the_scenario_table_shows_every_field_that_differs(tmp_path):
    from kinerja_sim.policy.report import scenario_table

    study = _study(
        tmp_path,
        [
            {"name": "kab", "calibration": True, "calibration_reference": "kabupaten"},
            {"name": "tpp", "tpp_base": 3_000_000},
            {
                "name": "ambang",
                "rule_changes": {"score_to_rating": {"thresholds": {"di_atas": 3.75}}},
            },
        ],
    )
    table = scenario_table(study)
    assert table.loc["kab", "Pembanding kalibrasi"] == "kabupaten"
    assert table.loc["tpp", "TPP dasar"] == "Rp3,00 juta per bulan"
    assert "3.75" in table.loc["ambang", "Perubahan aturan"]
    assert table.loc["praktik-saat-ini", "Perubahan aturan"] == "-"
    assert len({tuple(row) for row in table.itertuples(index=False)}) == len(table)  # none alike


def test_every_cell_has_one_unit():
    import pandas as pd

    from kinerja_sim.policy.report import results_table, rupiah_range

    assert rupiah_range(-20_800_000, -202_534) == "−Rp20,80 juta sampai −Rp0,20 juta"
    row = {"scenario": "b", "metric": "tpp_total", "label": "Total TPP", "estimate": 1e7}
    row |= {"ci_low": -2.08e7, "ci_high": -202_534.0, "difference": -1e7}
    row |= {"diff_ci_low": -2.08e7, "diff_ci_high": -202_534.0}
    first = {**row, "scenario": "a", "difference": 0.0}
    cells = results_table(pd.DataFrame([first, row]), ["tpp_total"]).to_numpy().ravel()
    for cell in cells:
        words = {w for w in ("juta", "miliar", "triliun") if w in cell}
        assert len(words) <= 1 and not ("juta" in cell and "Rp202" in cell), cell


def test_rules_without_a_curve_do_not_report_a_curve_share(tmp_path):
    from kinerja_sim.policy import replicate, summarise_replications
    from kinerja_sim.policy.report import results_table

    study = _study(
        tmp_path, [{"name": "pp46", "rules": "pp-46-2011"}, {"name": "k", "enforce_curve": True}]
    )
    table = summarise_replications(replicate(study, employees=2_000, replications=2, rng=1))
    cells = results_table(table, ["curve_changed"], study)["Perkiraan"]
    assert cells.loc[("pp46", slice(None))].iloc[0] == "aturan ini tanpa kurva"
    assert cells.loc[("praktik-saat-ini", slice(None))].iloc[0] == "kurva tidak diterapkan"
    assert cells.loc[("k", slice(None))].iloc[0].endswith("%")


def test_the_status_quo_bullets_come_from_one_run(tmp_path):
    from kinerja_sim.policy import replicate, simulate, summarise_replications
    from kinerja_sim.policy.report import executive_summary, persen

    study = _study(tmp_path, [{"name": "k", "enforce_curve": True}])
    table = summarise_replications(replicate(study, employees=2_000, replications=2, rng=1))
    national = simulate(study.scenarios[0], employees=30_000, progress=False, rng=2)
    text = executive_summary(study, table, {"praktik-saat-ini": national})
    values = national.outcomes()
    bottom = (
        values["share_butuh_perbaikan"] + values["share_kurang"] + values["share_sangat_kurang"]
    )
    assert text.count(persen(bottom, 2)) == 2  # the same figure in both bullets
    assert persen(values["agreement"]) in text and "satu simulasi 30.000 pegawai" in text
