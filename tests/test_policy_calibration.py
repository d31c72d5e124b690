"""The calibration committee: against documented evidence it removes leniency between teams;
against the kabupaten mean it also erases real differences between teams (SPEC 1: policy
staff ask what a calibration committee does)."""

import pytest

from kinerja_sim import policy


@pytest.fixture(scope="module")
def outcomes():
    base = policy.Scenario(name="tanpa", enforce_curve=False)
    scenarios = [
        base,
        base.replace(name="bukti", calibration=True, calibration_strength=1.0),
        base.replace(
            name="kabupaten",
            calibration=True,
            calibration_strength=1.0,
            calibration_reference="kabupaten",
        ),
    ]
    table = policy.compare(scenarios, employees=30_000, replications=3, rng=8)
    return table.set_index(["scenario", "metric"])["estimate"]


def test_an_evidence_committee_lowers_the_leniency_share_of_office_differences(outcomes):
    assert outcomes["bukti", "leniency_share"] < outcomes["tanpa", "leniency_share"] - 0.05


def test_an_evidence_committee_does_not_lower_agreement_with_the_truth(outcomes):
    assert outcomes["bukti", "agreement"] >= outcomes["tanpa", "agreement"] - 0.01


def test_a_kabupaten_committee_leaves_more_of_the_office_differences_to_leniency(outcomes):
    assert outcomes["kabupaten", "leniency_share"] > outcomes["bukti", "leniency_share"]


def test_an_unknown_calibration_reference_is_refused_naming_it():
    with pytest.raises(ValueError, match="calibration_reference must be one of"):
        policy.Scenario(calibration_reference="atasan")


def test_a_scenario_takes_a_fitted_rater_population():
    import dataclasses

    from kinerja_sim.raters import PRESETS

    lenient = dataclasses.replace(
        PRESETS["supervisory"],
        name="fitted",
        mean=dataclasses.replace(PRESETS["supervisory"].mean, leniency=0.8),
    )
    table = policy.compare(
        [
            policy.Scenario(name="preset", enforce_curve=False),
            policy.Scenario(name="fitted", raters=lenient, enforce_curve=False),
        ],
        employees=20_000,
        replications=2,
        rng=3,
    ).set_index(["scenario", "metric"])
    assert (
        table.loc[("fitted", "share_sangat_baik"), "estimate"]
        > table.loc[("preset", "share_sangat_baik"), "estimate"]
    )
    with pytest.raises(ValueError, match="raters must be one of"):
        policy.Scenario(raters="lunak")
