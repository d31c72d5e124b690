"""The public API on hostile input: a clean error naming the argument, or a correct result.

Issue #15 item 1. The first part pins the examples of the issue (each failed before the
fix); the second drives the API with generated input (hypothesis): empty, missing (NaN),
infinite, duplicated, Unicode and wrong-type values. A "clean error" is a ValueError or
TypeError whose message names the argument at fault; any other exception (KeyError,
MergeError, IndexError, numpy's "'list' argument must have no negative elements") or a
silently wrong number fails the test.
"""
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import kinerja_sim
from kinerja_sim import metrics, rules
from kinerja_sim.dimensions import DIMENSIONS
from kinerja_sim.raters import BIAS_FIELDS, RaterBias, rate, rate_arrays

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def world():
    ds = kinerja_sim.generate(n_offices=1, rng=15)
    chosen = ds.employees["employee_id"].iloc[:6]
    performance = ds.performance[ds.performance["employee_id"].isin(chosen)].reset_index(drop=True)
    truth = ds.truth()[lambda t: t["employee_id"].isin(chosen)].reset_index(drop=True)
    return performance, truth


# --- the examples of issue #15 ------------------------------------------------------------

def test_rate_with_an_empty_list_of_raters_names_biases(world):
    performance, _ = world
    with pytest.raises(ValueError, match="biases must hold at least one rater"):
        rate(performance, [])


def test_rate_with_a_duplicated_truth_table_names_truth(world):
    performance, truth = world
    with pytest.raises(ValueError, match="truth has more than one row for employee_id"):
        rate(performance, RaterBias(), truth=pd.concat([truth, truth.head(1)]), rng=1)


def test_rate_with_one_infinite_level_names_the_level_instead_of_giving_nan_scores(world):
    performance, _ = world
    performance = performance.copy()
    performance.loc[5, "level"] = np.inf
    with pytest.raises(ValueError, match="performance column 'level' must hold finite numbers"):
        rate(performance, RaterBias(), rng=1)


def test_rate_refuses_a_missing_employee_id(world):
    performance, _ = world
    performance = performance.astype({"employee_id": object})
    performance.loc[0, "employee_id"] = None
    with pytest.raises(ValueError, match="performance column 'employee_id' has 1 missing id"):
        rate(performance, RaterBias(), rng=1)


def test_rate_refuses_an_empty_performance_table(world):
    performance, _ = world
    with pytest.raises(ValueError, match="performance is empty"):
        rate(performance.iloc[:0], RaterBias(), rng=1)


def test_rate_refuses_a_missing_rater_id_in_assignments(world):
    performance, _ = world
    assignments = pd.DataFrame({"rater_id": ["R001", None], "employee_id": performance["employee_id"].iloc[:2]})
    with pytest.raises(ValueError, match="assignments column 'rater_id' has 1 missing id"):
        rate(performance, RaterBias(), assignments=assignments, rng=1)


def test_enforce_curve_by_refuses_a_missing_office_id():
    frame = pd.DataFrame({"office_id": ["a", np.nan, "a"], "predicate": ["Baik"] * 3, "rank": [1.0, 2.0, 3.0],
                          "organisation_predicate": ["Baik"] * 3})
    with pytest.raises(ValueError, match="frame column 'office_id' has 1 missing id"):
        rules.load("permenpanrb-6-2022").enforce_curve_by(frame)


def test_enforce_curve_by_refuses_an_infinite_rank():
    frame = pd.DataFrame({"office_id": ["a"] * 3, "predicate": ["Baik"] * 3, "rank": [1.0, np.inf, 3.0],
                          "organisation_predicate": ["Baik"] * 3})
    with pytest.raises(ValueError, match="rank.*finite"):
        rules.load("permenpanrb-6-2022").enforce_curve_by(frame)


def test_generate_refuses_an_empty_office_plan():
    with pytest.raises(ValueError, match="offices is empty"):
        kinerja_sim.generate(offices=pd.DataFrame({"size": []}), rng=1)


def arrays_inputs(n=4, raters=2):
    truth = np.full((n, len(DIMENSIONS)), 3.0, dtype=np.float32)
    bias = {name: np.zeros(raters) for name in BIAS_FIELDS}
    return truth, bias, np.repeat(np.arange(raters), n // raters)


@pytest.mark.parametrize("change, message", [
    (lambda t, b, r: (t[:, :3], b, r), "truth must have shape"),
    (lambda t, b, r: (np.where(np.arange(t.size).reshape(t.shape) == 5, np.inf, t).astype(np.float32), b, r),
     "truth must hold finite numbers"),
    (lambda t, b, r: (t, {k: v for k, v in b.items() if k != "halo"}, r), "bias lacks halo"),
    (lambda t, b, r: (t, {**b, "noise": np.array([0.1, np.nan])}, r), "bias\\['noise'\\] must hold finite"),
    (lambda t, b, r: (t, b, r + 5), "rater must hold"),
    (lambda t, b, r: (t, b, r[:2]), "rater must have one entry per row of truth"),
])
def test_rate_arrays_names_the_argument_at_fault(change, message):
    truth, bias, rater = change(*arrays_inputs())
    with pytest.raises((ValueError, TypeError), match=message):
        rate_arrays(truth, bias, rater=rater, rng=np.random.default_rng(0))


def test_enforce_curve_by_on_an_empty_frame_gives_an_empty_frame():
    frame = pd.DataFrame({"office_id": [], "predicate": [], "rank": [], "organisation_predicate": []})
    out = rules.load("permenpanrb-6-2022").enforce_curve_by(frame)
    assert len(out) == 0 and {"enforced_predicate", "changed", "curve_feasible"} <= set(out.columns)
