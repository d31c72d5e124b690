"""The sensitivity study over the assumptions (issue #22 item 4), and simulate --replications."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from kinerja_sim.cli import main
from kinerja_sim.policy import simulate
from kinerja_sim.policy.assumptions import (
    ASSUMPTIONS,
    active_assumptions,
    apply_assumptions,
    mean_for_share_below,
    share_below,
)
from kinerja_sim.policy.scenario import Scenario, load_scenario
from kinerja_sim.policy.sensitivity import INDEX_COLUMNS, simulate_sensitivity
from kinerja_sim.raters import FLOOR_RESPONSE, PRESETS, TRAINING_FACTORS

CALIBRATION_ONLY = ["floor_response_calibration", "calibration_strength", "tpp_base"]


@pytest.fixture(scope="module")
def calibration_study():
    return simulate_sensitivity(
        load_scenario("rapat-kalibrasi"),
        employees=3_000,
        base=32,
        assumptions=CALIBRATION_ONLY,
        rng=7,
    )


def test_every_assumption_has_a_range_around_its_default_and_a_source():
    for a in ASSUMPTIONS:
        assert a.low < a.high and a.low <= a.default <= a.high, a.name
        assert len(a.source) > 40 and a.where, a.name


def test_the_default_values_leave_the_scenario_as_it_is():
    base = load_scenario("rapat-kalibrasi")
    defaults = {a.name: a.default for a in active_assumptions(base)}
    changed = apply_assumptions(base, defaults)
    a = simulate(base, employees=3_000, rng=4).outcomes()
    b = simulate(changed, employees=3_000, rng=4).outcomes()
    assert a == pytest.approx(b, rel=1e-9, abs=1e-12)


def test_share_truly_below_is_what_the_simulated_truth_gives():
    for share in (0.15, 0.40):
        scenario = apply_assumptions(Scenario(), {"share_truly_below": share})
        offices = simulate(scenario, employees=40_000, rng=3).offices
        truly_below = (
            offices[["n_true_butuh_perbaikan", "n_true_kurang", "n_true_sangat_kurang"]].sum().sum()
            / offices["n"].sum()
        )
        assert truly_below == pytest.approx(share, abs=0.015)
    assert share_below(mean_for_share_below(0.2)) == pytest.approx(0.2, abs=1e-3)


def test_assumptions_reach_the_model_without_changing_module_constants():
    before = (dict(FLOOR_RESPONSE), dict(TRAINING_FACTORS), PRESETS["praktik"].mean.floor)
    scenario = apply_assumptions(
        Scenario(calibration=True, trained_share=0.5),
        {"floor_response_calibration": 0.9, "training_effect": 1.5, "practice_floor": 2.7},
    )
    population = scenario.rater_population
    assert population.floor_response["calibration"] == 0.9
    assert population.training_factors["leniency"] == pytest.approx(0.25)
    assert population.mean.floor == 2.7
    # the committee keeps 0.9 of the floor's height above 1: 1 + 0.9 * 1.7
    assert scenario.supervisor_population.mean.floor == pytest.approx(2.53)
    assert before == (dict(FLOOR_RESPONSE), dict(TRAINING_FACTORS), PRESETS["praktik"].mean.floor)


def test_training_factors_of_a_population_change_its_trained_raters():
    strong = dataclasses.replace(
        PRESETS["praktik"], training_factors={k: 0.0 for k in TRAINING_FACTORS}
    )
    raters = strong.arrays(200, trained_share=1.0, rng=2)
    assert np.all(raters["halo"] == 0) and np.all(raters["noise"] == 0)
    default = PRESETS["praktik"].arrays(200, trained_share=1.0, rng=2)
    assert default["halo"].mean() > 0.2


def test_only_assumptions_that_can_matter_are_varied():
    assert {a.name for a in active_assumptions(Scenario())} == {
        "share_truly_below",
        "practice_floor",
        "tpp_cut",
        "tpp_base",
        "tukin_cut",
        "tukin_base",
    }
    names = {a.name for a in active_assumptions(Scenario(calibration=True, trained_share=1.0))}
    assert {"floor_response_calibration", "training_effect", "floor_response_training"} <= names
    with pytest.raises(ValueError, match="unknown assumption"):
        active_assumptions(Scenario(), ["floor_respons"])


def test_floor_response_drives_sangat_kurang_under_calibration(calibration_study):
    indices = calibration_study.indices
    total = indices.query("metric == 'share_sangat_kurang' and index == 'ST'")
    largest = total.sort_values("estimate").iloc[-1]
    assert largest.assumption == "floor_response_calibration"
    assert largest.estimate > 0.5
    # TPP base moves the cost and nothing else
    cost = calibration_study.metrics[-1]  # the total incentive cost
    cost = indices[(indices["metric"] == cost) & (indices["index"] == "ST")].set_index("assumption")
    assert cost.loc["tpp_base", "estimate"] > 0.9
    assert total.set_index("assumption").loc["tpp_base", "estimate"] == 0


def test_indices_are_shares_and_their_intervals_hold_the_estimate(calibration_study):
    indices = calibration_study.indices
    assert list(indices.columns) == INDEX_COLUMNS
    assert set(indices["index"]) == {"S1", "ST"}
    # Saltelli estimators with a small base sample stray a little outside [0, 1]
    assert indices["estimate"].between(-0.15, 1.15).all()
    assert (indices["ci_low"] <= indices["estimate"]).all()
    assert (indices["estimate"] <= indices["ci_high"]).all()
    assert len(calibration_study.runs) == 32 * (3 + 2) + 1 + 2 * 3


def test_the_same_seed_gives_the_same_study(calibration_study):
    again = simulate_sensitivity(
        load_scenario("rapat-kalibrasi"),
        employees=3_000,
        base=32,
        assumptions=CALIBRATION_ONLY,
        rng=7,
    )
    pd.testing.assert_frame_equal(again.indices, calibration_study.indices)
    pd.testing.assert_frame_equal(again.runs, calibration_study.runs)


def test_ranges_hold_the_default_and_name_the_drivers(calibration_study):
    ranges = calibration_study.ranges("id").set_index("metric")
    assert (ranges["low"] <= ranges["default"]).all() and (
        ranges["default"] <= ranges["high"]
    ).all()
    assert (
        "Lantai yang tersisa setelah rapat kalibrasi"
        in ranges.loc["share_sangat_kurang", "drivers"]
    )


def test_morris_screening_ranks_the_floor_response_first():
    study = simulate_sensitivity(
        load_scenario("rapat-kalibrasi"),
        employees=3_000,
        base=6,
        method="morris",
        assumptions=CALIBRATION_ONLY,
        rng=2,
    )
    top = study.drivers("share_sangat_kurang", top=1).iloc[0]
    assert top.assumption == "floor_response_calibration"
    assert set(study.indices["index"]) == {"mu_star", "sigma"}


def test_sobol_needs_a_power_of_two():
    with pytest.raises(ValueError, match="pangkat dua"):
        simulate_sensitivity(Scenario(), employees=1_000, base=30)


def test_cli_prints_indonesian_and_writes_tables_and_tornado(capsys, tmp_path):
    code = main(
        [
            "sensitivity",
            "--scenario",
            "rapat-kalibrasi",
            "--employees",
            "2000",
            "--base",
            "4",
            "--method",
            "morris",
            "--seed",
            "1",
            "--out",
            str(tmp_path),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "Analisis sensitivitas skenario rapat-kalibrasi" in out
    assert "dengan asumsi bawaan; rentang" in out
    assert "Porsi predikat Sangat Kurang" in out
    names = {p.name for p in tmp_path.iterdir()}
    assert {
        "rentang_jawaban.csv",
        "indeks_sensitivitas.csv",
        "sensitivitas.xlsx",
        "tornado.png",
    } <= names
    assert (tmp_path / "tornado.png").read_bytes()[:4] == b"\x89PNG"


def test_cli_refuses_a_missing_out_folder(capsys, tmp_path):
    code = main(["sensitivity", "--employees", "1000", "--out", str(tmp_path / "tidak-ada")])
    assert code == 2
    assert "tidak ada" in capsys.readouterr().err


def test_simulate_refuses_one_replication(capsys):
    code = main(["simulate", "--employees", "2000", "--replications", "1"])
    assert code == 2
    assert "minimal 2" in capsys.readouterr().err


def test_simulate_replications_give_intervals_around_the_estimate(capsys):
    code = main(["simulate", "--employees", "3000", "--replications", "3", "--seed", "5"])
    out = capsys.readouterr().out
    assert code == 0
    assert "3 ulangan" in out and "(95%: " in out
    row = next(line for line in out.splitlines() if "Porsi predikat Baik" in line)
    assert "sampai" in row


def test_runs_that_differ_only_in_tpp_are_priced_as_a_fresh_simulation_would_be():
    from kinerja_sim.policy.sensitivity import _evaluate

    scenario = Scenario(calibration=True)
    names = ["floor_response_calibration", "tpp_cut", "tpp_base"]
    rows = np.array([[0.3, 1.0, 2_000_000.0], [0.3, 1.4, 3_500_000.0]])
    metrics = ["share_sangat_kurang", "tpp_total", "incentive_total"]
    shared = _evaluate(scenario, names, rows, 2_000, 250_000, 11, metrics, 1.0)
    for row, answers in zip(rows, shared):
        changed = apply_assumptions(scenario, dict(zip(names, row)))
        fresh = simulate(
            changed, employees=2_000, rng=np.random.default_rng(np.random.SeedSequence(11))
        ).outcomes()
        assert answers == pytest.approx([fresh[m] for m in metrics], rel=1e-12)
    assert shared[1, 1] > shared[0, 1]


def test_a_varied_tukin_mapping_prices_the_central_offices_as_a_scenario_would():
    """tukin_cut and tukin_base leave the rating alone and price the central agencies."""
    from kinerja_sim.policy.incentives import pay_per_category
    from kinerja_sim.policy.scored import category_keys
    from kinerja_sim.policy.sensitivity import _evaluate

    scenario = Scenario()
    names = ["tukin_cut", "tukin_base"]
    rows = np.array([[1.0, 4_500_000.0], [0.0, 3_000_000.0], [1.5, 6_000_000.0]])
    metrics = ["share_butuh_perbaikan", "tpp_total", "tukin_total", "incentive_total"]
    answers = _evaluate(scenario, names, rows, 3_000, 250_000, 5, metrics, 1.0)
    offices = simulate(
        scenario, employees=3_000, rng=np.random.default_rng(np.random.SeedSequence(5))
    ).offices
    central = offices[offices["regime"].astype(str) == "tukin"]
    counts = central[[f"n_{key}" for key in category_keys(scenario.categories)]]
    assert answers[0, 2] == pytest.approx(central["tukin_cost"].sum(), rel=1e-12)  # the defaults
    # no cut: every central employee gets the full Rp3 juta a month, whatever the predicate
    assert answers[1, 2] == pytest.approx(int(central["n"].sum()) * 3_000_000 * 12, rel=1e-12)
    steep = pay_per_category(
        scenario,
        "tukin",
        shares={
            "Sangat Baik": 1,
            "Baik": 1,
            "Butuh Perbaikan": 0.85,
            "Kurang/Misconduct": 0.775,
            "Sangat Kurang": 0.7,
        },
        base=6_000_000,
    )
    assert answers[2, 2] == pytest.approx(float(counts.to_numpy().sum(axis=0) @ steep), rel=1e-9)
    assert np.all(answers[:, 0] == answers[0, 0]) and np.all(answers[:, 1] == answers[0, 1])
    assert answers[:, 3] == pytest.approx(answers[:, 1] + answers[:, 2])


def test_the_study_rates_again_on_one_plan_exactly_as_simulate_would():
    """The plan is drawn once per study; every run still equals a fresh simulate()."""
    from kinerja_sim.policy.sensitivity import _Runner

    scenario = load_scenario("rapat-kalibrasi")
    run = _Runner(6_000, 2_000, 9)
    for values in ({}, {"share_truly_below": 0.2, "floor_response_calibration": 0.9}, {}):
        changed = apply_assumptions(scenario, values)
        fresh = simulate(
            changed,
            employees=6_000,
            chunk_size=2_000,
            rng=np.random.default_rng(np.random.SeedSequence(9)),
        )
        again = run(changed)
        pd.testing.assert_frame_equal(again.offices, fresh.offices)
        assert np.array_equal(again.confusion, fresh.confusion)
