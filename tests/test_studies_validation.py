"""The status quo reproduces the national e-Kinerja figures; the curve scenario keeps its caps.

Reference values are the published figures (BKN e-Kinerja 2022-2024 as reported by
birokratmenulis.org; see kinerja_sim.studies.validation.OBSERVED) and the caps of the
PermenPAN-RB 6/2022 curve, never the code's own output.
"""

import numpy as np
import pytest

from kinerja_sim import policy
from kinerja_sim.studies.validation import OBSERVED, practice_report

SEEDS = (1, 2, 3)


def _report(seed):
    return practice_report(employees=300_000, rng=seed).set_index("figure")


@pytest.fixture(scope="module")
def reports():
    """The first seed: every run of `make test` checks the status quo against the figures."""
    return {SEEDS[0]: _report(SEEDS[0])}


@pytest.fixture(scope="module")
def several():
    return {seed: _report(seed) for seed in SEEDS}


@pytest.mark.parametrize("figure", [o["figure"] for o in OBSERVED])
def test_status_quo_matches_each_observed_figure(reports, figure):
    row = reports[SEEDS[0]].loc[figure]
    assert row["target_low"] <= row["simulated"] <= row["target_high"], (figure, row["simulated"])


@pytest.mark.slow
@pytest.mark.parametrize("figure", [o["figure"] for o in OBSERVED])
def test_status_quo_matches_each_observed_figure_for_several_seeds(several, figure):
    for seed, table in several.items():
        row = table.loc[figure]
        assert row["target_low"] <= row["simulated"] <= row["target_high"], (
            seed,
            figure,
            row["simulated"],
        )


def test_the_published_shares_fall_inside_the_target_ranges():
    # the targets of issue #12 must contain the main published figures themselves
    for o in OBSERVED[:3]:
        assert o["target"][0] <= o["observed"] <= o["target"][1], o["figure"]


def test_the_truth_model_still_finds_many_who_need_improvement(reports):
    for table in reports.values():
        true_bottom = table.loc[
            "kebenaran model: Butuh Perbaikan + Kurang + Sangat Kurang", "simulated"
        ]
        rated_bottom = table.loc[
            "Butuh Perbaikan + Kurang + Sangat Kurang (2022-2024)", "simulated"
        ]
        assert true_bottom > 0.15 and rated_bottom < 0.01


def test_the_curve_scenario_keeps_baik_within_its_cap(reports):
    for table in reports.values():
        assert (
            table.loc["kurva: Baik nasional (batas 70% di unit berpredikat Baik)", "simulated"]
            <= 0.70
        )
        assert table.loc["kurva: Baik di unit berpredikat Baik", "simulated"] <= 0.70


def test_the_default_simulation_has_no_curve_changes():
    outcomes = policy.simulate(employees=20_000, progress=False, rng=5).outcomes()
    assert outcomes["curve_changed"] == 0


def test_training_leaves_the_floor_and_the_bottom_share():
    base = policy.Scenario()
    rows = {}
    for scenario in (base, base.replace(name="latih", trained_share=1.0)):
        o = policy.simulate(scenario, employees=100_000, progress=False, rng=2).outcomes()
        rows[scenario.name] = (
            o["share_butuh_perbaikan"] + o["share_kurang"] + o["share_sangat_kurang"]
        )
    assert rows["latih"] < 0.01 and abs(rows["latih"] - rows["praktik-saat-ini"]) < 0.003


def test_a_calibration_committee_lowers_the_floor_and_reveals_more_low_performers():
    base = policy.Scenario()
    low = {}
    for scenario in (base, base.replace(name="kalibrasi", calibration=True)):
        o = policy.simulate(scenario, employees=100_000, progress=False, rng=2).outcomes()
        low[scenario.name] = (
            o["share_butuh_perbaikan"] + o["share_kurang"] + o["share_sangat_kurang"]
        )
    assert low["kalibrasi"] > 5 * low["praktik-saat-ini"]
    assert np.isfinite(low["kalibrasi"])
