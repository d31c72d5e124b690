"""The national path: determinism, Dask equality, bounded memory and sanity checks."""

import tracemalloc

import numpy as np
import pandas as pd
import pytest

from kinerja_sim import policy
from kinerja_sim.metrics import cohen_kappa
from kinerja_sim.policy import Scenario
from kinerja_sim.policy.outcomes import _kappa
from kinerja_sim.rules import PREDICATES, grouped

KEYS = ["n_sangat_baik", "n_baik", "n_butuh_perbaikan", "n_kurang", "n_sangat_kurang"]


def test_same_seed_same_results():
    a = policy.simulate(employees=30_000, chunk_size=10_000, rng=4)
    b = policy.simulate(employees=30_000, chunk_size=10_000, rng=4)
    pd.testing.assert_frame_equal(a.offices, b.offices)
    assert np.array_equal(a.confusion, b.confusion)


def test_other_seed_other_results():
    a = policy.simulate(Scenario(enforce_curve=False), employees=10_000, rng=4)
    b = policy.simulate(Scenario(enforce_curve=False), employees=10_000, rng=5)
    assert not np.array_equal(a.confusion, b.confusion)


def test_workforce_size_is_exact_and_supervisors_span_about_ten():
    result = policy.simulate(Scenario(enforce_curve=False), employees=50_000, rng=1)
    assert result.offices["n"].sum() == 50_000
    supervisors = np.ceil(result.offices["size"] / policy.population.SPAN).sum()
    assert 4_500 <= supervisors <= 6_000


def test_dask_gives_the_same_results_as_one_process():
    distributed = pytest.importorskip("dask.distributed")
    scenario = Scenario(raters_per_employee=2, trained_share=0.3, calibration=True)
    local = policy.simulate(scenario, employees=40_000, chunk_size=10_000, rng=9)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as cluster:
        remote = policy.simulate(
            scenario,
            employees=40_000,
            chunk_size=10_000,
            scheduler=cluster.scheduler_address,
            rng=9,
        )
    assert local.offices["chunk"].nunique() > 1
    pd.testing.assert_frame_equal(local.offices, remote.offices)
    assert np.array_equal(local.confusion, remote.confusion)


def test_local_dask_workers_give_the_same_results():
    scenario = Scenario(enforce_curve=True)
    local = policy.simulate(scenario, employees=30_000, chunk_size=10_000, rng=12)
    threaded = policy.simulate(scenario, employees=30_000, chunk_size=10_000, workers=2, rng=12)
    pd.testing.assert_frame_equal(local.offices, threaded.offices)


def _peak(employees):
    """Peak traced memory of a simulation beyond twice the per-office table it returns."""
    tracemalloc.start()
    result = policy.simulate(
        Scenario(enforce_curve=False), employees=employees, chunk_size=20_000, rng=1
    )
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak - 2 * result.offices.memory_usage(deep=True).sum()


def test_memory_does_not_grow_with_the_workforce():
    # the per-office result grows with the offices by nature (since the joint table it has 60
    # columns) and exists twice while it is assembled (the counts, then the table); the working
    # memory beyond that must not grow with the workforce
    small, large = _peak(40_000), _peak(200_000)
    assert large < 1.5 * small


def test_raters_without_bias_and_clear_evidence_are_near_perfect():
    ideal = Scenario(raters="ideal", evidence_noise=0.0, enforce_curve=False)
    outcomes = policy.simulate(ideal, employees=30_000, rng=2).outcomes()
    assert outcomes["agreement"] > 0.98 and outcomes["kappa_quadratic"] > 0.98
    assert outcomes["wrong_negative"] < 0.01 and outcomes["leniency_share"] < 0.01


def test_raters_without_bias_beat_supervisors():
    ideal = policy.simulate(
        Scenario(raters="ideal", enforce_curve=False), employees=30_000, rng=2
    ).outcomes()
    usual = policy.simulate(Scenario(enforce_curve=False), employees=30_000, rng=2).outcomes()
    assert ideal["kappa_quadratic"] > 0.8 > usual["kappa_quadratic"]


@pytest.mark.parametrize("organisation", ["truth", "Baik", "Kurang"])
def test_enforced_curve_is_respected_in_every_office(organisation):
    scenario = Scenario(organisation=organisation, enforce_curve=True)
    result = policy.simulate(scenario, employees=20_000, rng=3)
    offices = result.offices
    ok = grouped.curve_ok(
        scenario.rule_set, offices[KEYS].to_numpy(), offices["organisation_predicate"].to_numpy()
    )
    assert ok[offices["curve_feasible"].to_numpy()].all()
    assert offices["curve_feasible"].mean() > 0.99


def test_kappa_of_the_table_equals_metrics_cohen_kappa():
    rng = np.random.default_rng(0)
    true = rng.integers(0, 5, 500)
    given = np.clip(true + rng.integers(-1, 2, 500), 0, 4)
    table = np.bincount(true * 5 + given, minlength=25).reshape(5, 5)
    expected = cohen_kappa(true, given, weights="quadratic", categories=range(5))
    assert _kappa(table) == pytest.approx(expected)


def test_curve_check_agrees_with_the_rules_package():
    rs = Scenario().rule_set
    rng = np.random.default_rng(1)
    counts = rng.integers(0, 6, size=(200, 5))
    organisation = rng.choice(
        ["Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"], 200
    )
    expected = [
        rs.check_curve(np.repeat(PREDICATES, c), organisation=o).to_frame()["ok"].all()
        for c, o in zip(counts, organisation)
    ]
    assert grouped.curve_ok(rs, counts, organisation).tolist() == expected
