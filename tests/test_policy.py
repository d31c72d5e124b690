"""Scenarios, study files, compare() and the command line of kinerja_sim.policy."""

import pandas as pd
import pytest
import yaml

from kinerja_sim import policy
from kinerja_sim.cli import main
from kinerja_sim.policy import Scenario


def test_scenario_is_frozen_and_replace_validates():
    base = Scenario()
    with pytest.raises(AttributeError):
        base.trained_share = 0.5
    with pytest.raises(ValueError, match="raters_per_employee"):
        base.replace(raters_per_employee=0)


def test_rule_changes_are_checked_by_the_rules_package():
    with pytest.raises(ValueError, match="score_to_rating"):
        Scenario(rule_changes={"score_to_rating": {"thresholds": {"sesuai": "tinggi"}}})


def test_rule_changes_change_the_ratings():
    strict = Scenario(rule_changes={"score_to_rating": {"thresholds": {"di_atas": 4.0}}})
    assert strict.rule_set.rating([3.8]).tolist() == ["Sesuai Ekspektasi"]


def test_an_unknown_regime_is_refused_naming_the_regimes(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("name: x\nregime: pp-10-1979\n", encoding="utf-8")
    with pytest.raises(ValueError):
        Scenario(rules=str(path))


def test_unknown_scenario_field_is_named():
    with pytest.raises(ValueError, match="isian 'kurva' tidak dikenal"):
        policy.scenario_from_mapping({"kurva": False})


def test_tpp_must_cover_every_predicate():
    with pytest.raises(ValueError, match="missing"):
        Scenario(tpp={"Baik": 1.0})


def test_shipped_study_loads(tmp_path):
    study = policy.load_study("notebooks/scenarios/contoh.yaml")
    assert study.scenarios[0].name == "praktik-saat-ini" and len(study.scenarios) >= 3
    assert all(s.rules == "permenpanrb-6-2022" for s in study.scenarios)


def test_bad_study_field_names_the_file_and_field(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        yaml.safe_dump(
            {"baseline": {"name": "a"}, "scenarios": [{"name": "b", "trained_share": 3}]}
        )
    )
    with pytest.raises(ValueError, match=r"s.yaml: baris 5, scenarios\[0\].trained_share: nilai 3"):
        policy.load_study(path)


def test_scenario_presets_load():
    assert {
        "praktik-saat-ini",
        "kurva-distribusi",
        "latih-semua",
        "rapat-kalibrasi",
        "penilaian-360",
    } <= set(policy.scenario_presets())
    assert policy.load_scenario("kurva-distribusi").enforce_curve


def test_the_status_quo_preset_is_the_default_scenario():
    assert policy.load_scenario("praktik-saat-ini") == Scenario()


@pytest.mark.parametrize("old", ["dasar", "nasional-dasar"])
def test_old_scenario_names_are_gone(old):
    assert old not in policy.scenario_presets()
    with pytest.raises(FileNotFoundError, match="bukan skenario bawaan"):
        policy.load_scenario(old)


def test_the_default_scenario_is_current_practice_without_the_curve():
    base = Scenario()
    assert (base.name, base.raters, base.enforce_curve) == ("praktik-saat-ini", "praktik", False)


@pytest.fixture(scope="module")
def comparison():
    base = Scenario(enforce_curve=False)
    scenarios = [
        base,
        base.replace(name="latih", trained_share=1.0),
        base.replace(name="kurva", enforce_curve=True),
    ]
    return policy.compare(scenarios, employees=12_000, replications=3, rng=7)


def test_compare_is_tidy_with_every_metric(comparison):
    assert list(comparison.columns) == policy.COMPARE_COLUMNS
    assert len(comparison) == 3 * len(policy.METRICS)
    assert comparison.groupby("scenario")["metric"].nunique().eq(len(policy.METRICS)).all()
    assert (comparison["ci_low"] <= comparison["estimate"]).all()


def test_compare_shares_sum_to_one(comparison):
    shares = comparison[comparison["area"] == "distribution"].groupby("scenario")["estimate"].sum()
    assert shares.round(9).eq(1.0).all()


def test_training_makes_ratings_more_accurate(comparison):
    agreement = comparison[comparison["metric"] == "agreement"].set_index("scenario")
    assert agreement.loc["latih", "diff_ci_low"] > 0


def test_the_curve_changes_predicates_only_when_enforced(comparison):
    changed = comparison[comparison["metric"] == "curve_changed"].set_index("scenario")["estimate"]
    assert changed["praktik-saat-ini"] == 0 and changed["kurva"] > 0


def test_compare_is_deterministic():
    a = policy.compare(Scenario(enforce_curve=False), employees=3_000, replications=2, rng=3)
    b = policy.compare(Scenario(enforce_curve=False), employees=3_000, replications=2, rng=3)
    pd.testing.assert_frame_equal(a, b)


def test_cli_simulate_prints_a_summary(capsys):
    assert main(["simulate", "--employees", "20000", "--seed", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "20.000 pegawai" in out and "Kesesuaian predikat" in out and "Total TPP" in out


def test_cli_simulate_on_two_dask_worker_processes_prints_the_same_table(capsys):
    args = [
        "simulate",
        "--employees",
        "30000",
        "--chunk-size",
        "10000",
        "--seed",
        "5",
        "--lang",
        "en",
    ]
    assert main(args) == 0
    local = capsys.readouterr().out.splitlines()
    assert main(args + ["--workers", "2", "--processes"]) == 0
    remote = capsys.readouterr().out.splitlines()
    timeless = lambda lines: [line for line in lines if "time (seconds)" not in line]  # noqa: E731
    assert timeless(local) == timeless(remote)  # all but the elapsed time


def test_cli_simulate_writes_parquet(tmp_path, capsys):
    path = tmp_path / "kantor.parquet"
    assert (
        main(["simulate", "--employees", "15000", "--seed", "2", "--no-curve", "--out", str(path)])
        == 0
    )
    offices = pd.read_parquet(path)
    assert offices["n"].sum() == 15000 and {"office_id", "kabupaten_id", "tpp_cost"} <= set(
        offices.columns
    )


def test_cli_bad_value_is_one_line_exit_2(capsys):
    assert main(["simulate", "--employees", "1000", "--trained-share", "2"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "trained_share" in err and "Traceback" not in err


def test_cli_missing_scenario_file_is_one_line(capsys):
    assert main(["simulate", "--employees", "1000", "--scenario", "tidak-ada.yaml"]) == 2
    assert "tidak-ada.yaml" in capsys.readouterr().err
