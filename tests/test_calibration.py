"""The rater presets reproduce the published figures of SPEC 3.2 within stated tolerances.

The measurements live in kinerja_sim.validation (benchmarks/calibration.py prints them for
the README); here each figure must fall inside its target range.
"""
import numpy as np
import pytest

from kinerja_sim.validation import calibration_report, variance_shares


@pytest.fixture(scope="module")
def report():
    return calibration_report(rng=123).set_index("figure")


@pytest.mark.parametrize("figure", [
    "ICC(1,1) one supervisor, overall score",
    "ICC(1,2) two supervisors (Spearman-Brown)",
    "administrative minus research ratings, SD units",
    "multisource: ratee share of variance",
    "multisource: idiosyncratic rater share",
    "multisource: random error share",
    "FOR training, d on differential accuracy",
])
def test_preset_reproduces_the_published_figure(report, figure):
    row = report.loc[figure]
    assert row["target_low"] <= row["measured"] <= row["target_high"], (figure, row["measured"])


def test_variance_shares_recover_known_components():
    rng = np.random.default_rng(1)
    ratee = rng.normal(0, 1.0, size=(400, 1, 1))
    rater = rng.normal(0, np.sqrt(2.0), size=(1, 30, 1))
    error = rng.normal(0, 1.0, size=(400, 30, 6))
    shares = variance_shares(ratee + rater + error)
    assert shares["ratee"] == pytest.approx(0.25, abs=0.05)
    assert shares["idiosyncratic"] == pytest.approx(0.5, abs=0.1)
    assert shares["error"] == pytest.approx(0.25, abs=0.05)


def test_practice_raters_keep_single_rater_agreement_for_several_worlds():
    from kinerja_sim import generate
    from kinerja_sim.validation import overall_reliability

    for seed in (123, 7):
        world_rng, rate_rng = np.random.default_rng(seed).spawn(2)
        world = generate(n_offices=80, rng=world_rng)
        value = overall_reliability(world, "praktik", rng=rate_rng).set_index("form").loc["ICC(1,1)", "icc"]
        assert 0.47 <= value <= 0.57, (seed, value)
