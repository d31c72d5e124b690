"""``kinerja-sim simulate --region DIR``: a region's own units under a scenario (issue #22, item
5).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kinerja_sim.byod.read import example_path
from kinerja_sim.cli import main
from kinerja_sim.policy import Scenario
from kinerja_sim.policy.region import load_region, region_plan, simulate_region
from kinerja_sim.raters import PRESETS

KEY = "kunci-contoh-dokumentasi-2025"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "exports"


def _import(folder, export, *extra):
    key = folder / "kunci.txt"
    key.write_text(KEY + "\n")
    out = folder / "hasil"
    assert main(["import", str(export), "--key-file", str(key), "--out", str(out), *extra]) == 0
    return out


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The example export imported with --fit."""
    return _import(tmp_path_factory.mktemp("wilayah"), example_path(), "--fit")


@pytest.fixture(scope="module")
def curve(imported):
    region = load_region(imported)
    return simulate_region(region, Scenario(enforce_curve=True), replications=6, rng=3)


def test_the_region_has_the_units_and_sizes_of_the_import(imported):
    region = load_region(imported)
    units = pd.read_csv(imported / "unit_kerja.csv")
    assert list(region.units["unit_kerja"]) == list(units["unit_kerja"])
    assert region.units["size"].tolist() == units["pegawai"].tolist()
    assert region.employees == 738  # the annual view of the example export
    assert region.units["kind"].isin(["puskesmas", "sekolah", "dpmptsp"]).any()


def test_the_file_s_organisation_predicates_are_kept_in_the_plan(imported):
    region = load_region(imported)
    offices, kinds = region_plan(region, Scenario(), rng=1)
    known = region.units["organisation_predicate"] != ""
    assert (
        offices["organisation_predicate"][known] == region.units["organisation_predicate"][known]
    ).all()
    assert offices["size"].sum() == region.employees and len(kinds) == 8


def test_the_practice_observed_in_the_file_is_used(imported, tmp_path):
    folder = tmp_path / "wilayah"
    shutil.copytree(imported, folder)
    table = pd.read_csv(folder / "parameter_fit.csv")
    table.loc[table["parameter"] == "leniency", ["nilai_dipakai", "sumber_nilai"]] = [0.8, "data"]
    table.to_csv(folder / "parameter_fit.csv", index=False)
    lenient = load_region(folder)
    assert lenient.raters.mean.leniency == pytest.approx(0.8) and lenient.fitted == ("leniency",)
    preset = load_region(imported)
    assert preset.raters.mean.leniency == pytest.approx(PRESETS["praktik"].mean.leniency)
    high = simulate_region(lenient, replications=3, rng=1).table.set_index("metric")
    low = simulate_region(preset, replications=3, rng=1).table.set_index("metric")
    assert (
        high.loc["share_sangat_baik", "baseline"] > low.loc["share_sangat_baik", "baseline"] + 0.05
    )


def test_without_a_fit_the_national_practice_preset_is_used_and_said(imported, tmp_path):
    folder = tmp_path / "tanpa_fit"
    shutil.copytree(imported, folder)
    (folder / "parameter_fit.csv").unlink()
    region = load_region(folder)
    assert region.raters.name == "praktik" and not region.has_fit
    result = simulate_region(region, replications=2, rng=1)
    from kinerja_sim.policy.region import region_text

    assert "preset praktik nasional" in region_text(result)


def test_the_status_quo_scenario_changes_nothing_in_the_region(imported):
    result = simulate_region(load_region(imported), replications=3, rng=2)
    assert np.allclose(result.table["difference"], 0.0)
    assert (result.units["curve_changed"] == 0).all()


def test_the_curve_moves_predicates_and_hits_weak_organisations_hardest(curve):
    table = curve.table.set_index("metric")
    assert table.loc["curve_changed", "scenario"] > 0.1
    assert table.loc["share_baik", "diff_ci_high"] < 0  # clearly fewer Baik
    assert table.loc["tpp_total", "difference"] < 0
    top = curve.units.iloc[0]
    assert top["organisation_predicate"] in ("Butuh Perbaikan", "Kurang", "Sangat Kurang")
    assert curve.units["curve_changed"].is_monotonic_decreasing
    assert set(curve.units["unit_kerja"]) == set(curve.region.units["unit_kerja"])


def test_the_file_s_observed_shares_stand_beside_the_simulation(curve):
    observed = curve.table.set_index("metric")["observed"]
    assert observed[["share_sangat_baik", "share_baik"]].sum() == pytest.approx(0.9973, abs=1e-3)
    assert np.isnan(observed["agreement"])


def test_a_region_pays_tpp_only(curve):
    assert "tukin_total" not in set(curve.table["metric"])


def test_the_cli_prints_the_region_in_indonesian(imported, capsys):
    code = main(
        ["simulate", "--region", str(imported), "--scenario", "kurva-distribusi", "--seed", "1"]
    )
    text = capsys.readouterr().out
    assert code == 0
    assert "Simulasi wilayah" in text and "738 pegawai" in text
    assert "Unit kerja yang paling terdampak kurva" in text and "poin" in text


def test_a_folder_without_an_import_is_refused_in_one_sentence(tmp_path, capsys):
    assert main(["simulate", "--region", str(tmp_path), "--seed", "1"]) == 2
    assert "tidak berisi unit_kerja.csv" in capsys.readouterr().err


def test_a_small_fixture_too_small_to_fit_still_gives_a_regional_simulation(tmp_path, capsys):
    out = _import(tmp_path, FIXTURES / "siasn_skp22.csv", "--fit")
    assert "Simulasi tidak disesuaikan dengan berkas" in capsys.readouterr().out
    region = load_region(out)
    assert not region.has_fit and region.employees > 10
    result = simulate_region(region, Scenario(enforce_curve=True), replications=2, rng=1)
    assert result.table.set_index("metric").loc["curve_changed", "scenario"] > 0


def test_a_pp46_scenario_runs_on_the_region(imported):
    result = simulate_region(
        load_region(imported), Scenario(rules="pp-46-2011"), replications=2, rng=1
    )
    assert "share_cukup" in set(result.table["metric"])
