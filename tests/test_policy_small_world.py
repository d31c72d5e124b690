"""The lean array path gives the same scores as kinerja_sim.raters.rate (within sampling error)."""

import numpy as np
import pandas as pd
import pytest

import kinerja_sim
from kinerja_sim import policy
from kinerja_sim.raters import BIAS_FIELDS, RaterBias, rate, rate_arrays
from kinerja_sim.world.dimensions import DIMENSIONS
from kinerja_sim.world.truth import TRUTH, truth_array

BIAS = RaterBias(
    leniency=0.3,
    central_tendency=0.2,
    halo=0.3,
    recency=1.5,
    contrast=0.1,
    idiosyncratic=0.2,
    noise=0.3,
)


@pytest.fixture(scope="module")
def world():
    return kinerja_sim.generate(n_offices=8, rng=21)


def test_lean_scores_match_rate(world):
    truth = world.employees[[f"true_{d}" for d in DIMENSIONS]].to_numpy()
    assignments = pd.DataFrame({"rater_id": "R001", "employee_id": world.employees["employee_id"]})
    small = rate(world.performance, [BIAS], assignments=assignments, rng=1)
    small = small.pivot(index="employee_id", columns="dimension", values="score")[list(DIMENSIONS)]
    copies = 40
    lean = (
        rate_arrays(
            np.tile(truth, (copies, 1)).astype(np.float32),
            {name: np.array([getattr(BIAS, name)]) for name in BIAS_FIELDS},
            rater=np.zeros(len(truth) * copies, dtype=int),
            rng=np.random.default_rng(2),
        )
        / 100
    )
    error = small.to_numpy().std(axis=0) / np.sqrt(len(truth))
    assert np.all(np.abs(lean.mean(axis=0) - small.to_numpy().mean(axis=0)) < 4 * error)
    assert np.allclose(lean.std(axis=0), small.to_numpy().std(axis=0), rtol=0.12)
    lean_corr = np.corrcoef(lean[:, 0], lean[:, 1:].mean(axis=1))[0, 1]
    small_corr = np.corrcoef(small.to_numpy()[:, 0], small.to_numpy()[:, 1:].mean(axis=1))[0, 1]
    assert lean_corr == pytest.approx(small_corr, abs=0.08)


def test_lean_truth_matches_world_truth_distribution():
    truth = truth_array(np.zeros(200_000), rng=np.random.default_rng(3))
    assert truth.mean() == pytest.approx(TRUTH["mean"], abs=0.01)
    assert truth[:, 0].std() == pytest.approx(TRUTH["sd"], abs=0.01)
    assert np.corrcoef(truth[:, 0], truth[:, 1])[0, 1] == pytest.approx(
        TRUTH["general_loading"] ** 2, abs=0.02
    )


def test_both_engines_give_similar_outcomes():
    scenario = policy.Scenario(enforce_curve=False)
    world = policy.compare(scenario, engine="small_world", replications=8, rng=4).set_index(
        "metric"
    )
    lean = policy.compare(scenario, employees=40_000, replications=2, rng=4).set_index("metric")
    for metric in ("share_sangat_baik", "share_baik", "agreement", "wrong_negative"):
        assert world.loc[metric, "estimate"] == pytest.approx(
            lean.loc[metric, "estimate"], abs=0.04
        )
    kappa = lean.loc["kappa_quadratic", "estimate"]
    assert world.loc["kappa_quadratic", "estimate"] == pytest.approx(kappa, abs=0.06)


def test_world_engine_refuses_evidence_noise():
    with pytest.raises(ValueError, match="evidence_noise"):
        policy.simulate_world(policy.Scenario(evidence_noise=0.0), n_offices=2, rng=1)


def test_world_engine_is_deterministic_with_every_intervention():
    scenario = policy.Scenario(
        raters_per_employee=2, trained_share=0.5, calibration=True, organisation="Baik"
    )
    a = policy.simulate_world(scenario, n_offices=3, rng=8)
    b = policy.simulate_world(scenario, n_offices=3, rng=8)
    pd.testing.assert_frame_equal(a.offices, b.offices)
    assert a.offices["n"].sum() == a.confusion.sum() > 0


@pytest.mark.parametrize("old", ["lean", "world"])
def test_old_engine_names_are_gone(old):
    with pytest.raises(ValueError, match="engine"):
        policy.replicate(policy.Scenario(), employees=2_000, replications=1, engine=old, rng=1)
