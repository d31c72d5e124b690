"""``kinerja-sim simulate`` says which assumption decides each answer (issue #22 item 4).

The ranges come from the packaged ``data/sensitivity_builtin.yaml``, written by
``benchmarks/sensitivity_table.py``; these tests check that the file is complete and that the
summary prints it under the right answers, for built-in scenarios matched by their fields.
"""

import importlib.util
import re
from pathlib import Path

import pytest

from kinerja_sim._core.data import safe_load
from kinerja_sim._core.i18n import t
from kinerja_sim.cli import main
from kinerja_sim.policy.assumption_notes import assumption_notes, builtin_name, builtin_table
from kinerja_sim.policy.outcomes import format_range
from kinerja_sim.policy.scenario import Scenario, load_scenario, scenario_presets
from kinerja_sim.policy.sensitivity import headline_metrics

BUILTIN = [
    "praktik-saat-ini",
    "kurva-distribusi",
    "latih-semua",
    "rapat-kalibrasi",
    "penilaian-360",
]


def _lines(capsys, *argv) -> list[str]:
    assert main(["simulate", "--employees", "20000", "--seed", "1", "--no-progress", *argv]) == 0
    return capsys.readouterr().out.splitlines()


def _note_under(lines, label) -> str:
    """The line printed under the summary line that starts with ``label``."""
    index = next(i for i, line in enumerate(lines) if line.strip().startswith(label))
    return lines[index + 1].strip()


def test_the_table_names_its_script_and_holds_every_builtin_scenario_and_answer():
    table = builtin_table()
    meta = table["metadata"]
    assert meta["script"] == "benchmarks/sensitivity_table.py"
    assert meta["command"].startswith("python benchmarks/sensitivity_table.py")
    assert (
        meta["method"] == "sobol" and meta["base"] >= 16 and meta["base"] & (meta["base"] - 1) == 0
    )
    assert meta["employees_per_run"] >= 2_000 and meta["workforce"] == 4_700_000
    assert 0 < meta["widest_ci_half_width"] < 1
    assert {"seed", "kit_version", "date"} <= set(meta)
    assert sorted(scenario_presets()) == sorted(BUILTIN)
    assert set(table["scenarios"]) == set(BUILTIN)
    for name in BUILTIN:
        answers = table["scenarios"][name]["answers"]
        assert set(answers) == set(headline_metrics(load_scenario(name))), name
        for metric, entry in answers.items():
            assert entry["p05"] <= entry["p95"], (name, metric)
            for driver in entry["drivers"]:  # every driver has an Indonesian label
                assert t(f"sensitivity.assumption.{driver['assumption']}", "id")
                assert 0 <= driver["total_index"] <= 1.5


def test_a_scenario_is_builtin_by_its_fields_not_its_name():
    assert builtin_name(Scenario(name="apa-saja", calibration=True)) == "rapat-kalibrasi"
    assert builtin_name(Scenario(name="rapat-kalibrasi")) == "praktik-saat-ini"
    assert builtin_name(load_scenario("penilaian-360")) == "penilaian-360"
    assert builtin_name(Scenario(calibration=True, calibration_reference="kabupaten")) is None


def test_calibrated_status_quo_says_floor_response_and_its_range_decide_sangat_kurang(capsys):
    lines = _lines(capsys, "--calibration")
    entry = builtin_table()["scenarios"]["rapat-kalibrasi"]["answers"]["share_sangat_kurang"]
    # the finding: the committee's Sangat Kurang hangs on FLOOR_RESPONSE
    top = [d["assumption"] for d in entry["drivers"] if d["total_index"] >= 0.05]
    assert "floor_response_calibration" in top
    note = _note_under(lines, "Porsi predikat Sangat Kurang")
    assert note.startswith("rentang asumsi ") and "ditentukan terutama oleh" in note
    assert t("sensitivity.assumption.floor_response_calibration", "id") in note
    low, high = (f"{100 * entry[k]:.1f}".replace(".", ",") + "%" for k in ("p05", "p95"))
    assert f"{low}–{high}" in note
    assert high != low  # the answer moves with the assumptions
    assert any("kinerja-sim sensitivity --scenario rapat-kalibrasi" in line for line in lines)
    assert any("basis" in line and "lihat README" in line for line in lines)
    assert not any("hanya memuat keragaman sampel" in line for line in lines)


def test_english_names_the_assumption_in_english(capsys):
    lines = _lines(capsys, "--calibration", "--lang", "en")
    note = _note_under(lines, "Share rated Sangat Kurang")
    assert note.startswith("assumption range ") and "driven mainly by" in note
    assert t("sensitivity.assumption.floor_response_calibration", "en") in note


def test_a_custom_scenario_gets_the_sampling_noise_line_and_the_command(capsys):
    lines = _lines(capsys, "--trained-share", "0.5", "--curve")
    assert not any(line.strip().startswith("rentang asumsi") for line in lines)
    (line,) = [line for line in lines if "hanya memuat keragaman sampel" in line]
    assert "kinerja-sim sensitivity --scenario" in line
    assert "enforce_curve: true, trained_share: 0.5" in line  # fields a YAML file can take


def test_a_custom_scenario_file_is_named_in_the_command(capsys, tmp_path):
    path = tmp_path / "separuh.yaml"
    path.write_text("name: separuh\ntrained_share: 0.5\n", encoding="utf-8")
    lines = _lines(capsys, "--scenario", str(path))
    (line,) = [line for line in lines if "hanya memuat keragaman sampel" in line]
    assert f"kinerja-sim sensitivity --scenario {path}" in line


@pytest.mark.parametrize("employees", [20_000, 4_700_000])
def test_the_cost_range_is_for_the_employees_simulated(employees):
    table = builtin_table()
    entry = table["scenarios"]["praktik-saat-ini"]["answers"]["incentive_total"]
    notes, _ = assumption_notes(Scenario(), ["incentive_total"], employees=employees, lang="en")
    scale = employees / table["metadata"]["workforce"]
    assert (
        format_range("incentive_total", entry["p05"] * scale, entry["p95"] * scale, "en")
        in notes["incentive_total"]
    )


def _three_figures(employees, word, scale_word):
    """The rapat-kalibrasi cost range at three significant figures, computed independently."""
    table = builtin_table()
    entry = table["scenarios"]["rapat-kalibrasi"]["answers"]["incentive_total"]
    scale = employees / table["metadata"]["workforce"]
    low, high = (float(f"{entry[k] * scale / word:.3g}") for k in ("p05", "p95"))
    return f"rentang asumsi Rp{low:g}–{high:g} {scale_word};".replace(".", ",")


def test_the_printed_cost_range_has_three_significant_figures_not_twelve(capsys):
    note = _note_under(_lines(capsys, "--calibration"), "Total TPP dan tunjangan kinerja")
    assert note.startswith(_three_figures(20_000, 1e9, "miliar"))
    assert not re.search(r"\d{4}", note)  # the old note read "505.472.340.426–938.493.617.021"


def test_a_national_cost_range_reads_in_triliun():
    notes, _ = assumption_notes(
        Scenario(calibration=True), ["incentive_total"], employees=100_000, lang="id"
    )
    assert notes["incentive_total"].startswith(_three_figures(100_000, 1e12, "triliun"))


def test_the_script_writes_what_simulate_reads(tmp_path):
    """A tiny run of benchmarks/sensitivity_table.py gives a file of the packaged one's shape."""
    script = Path(__file__).parents[1] / "benchmarks" / "sensitivity_table.py"
    spec = importlib.util.spec_from_file_location("sensitivity_table", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "tabel.yaml"
    assert module.main(["--employees", "2000", "--base", "4", "--out", str(out)]) == 0
    written = safe_load(out.read_text(encoding="utf-8"))
    packaged = builtin_table()
    assert written["metadata"]["command"].endswith("--employees 2000 --base 4 --seed 2024")
    assert set(written["metadata"]) == set(packaged["metadata"])
    for name in BUILTIN:
        assert set(written["scenarios"][name]["answers"]) == set(
            packaged["scenarios"][name]["answers"]
        )
