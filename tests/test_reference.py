"""The reference score of a case (issue 20): shape, order, reproducibility, precision, calibration.

The calibration figures of the README come from ``benchmarks/reference_calibration.py``; the
slow test below runs the same measurement on 1,000 cases.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kinerja_sim.cases import reference as ref
from kinerja_sim.cases.casefile import practice_cases
from kinerja_sim.dataset import generate
from kinerja_sim.world.dimensions import DIMENSIONS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def world():
    return practice_cases(4, rng=20261203)


def test_reference_scores_have_one_row_per_dimension_and_the_documented_columns(world):
    dataset, ids = world
    table = ref.reference_scores(dataset, ids[0])
    assert list(table.index) == list(DIMENSIONS)
    assert list(table.columns) == [
        "reference",
        "low80",
        "high80",
        "low95",
        "high95",
        "truth",
        "mc_error",
    ]
    assert table.notna().all().all()


def test_intervals_are_ordered_around_the_reference_on_the_scale(world):
    dataset, ids = world
    for employee_id in ids:
        table = ref.reference_scores(dataset, employee_id)
        order = table[["low95", "low80", "reference", "high80", "high95"]].to_numpy()
        assert (np.diff(order, axis=1) >= 0).all(), table
        assert ((order >= 1) & (order <= 5)).all()
        assert (table["high80"] - table["low80"] > 0.1).all()  # a real interval, not a point


def test_truth_column_is_the_latent_truth(world):
    dataset, ids = world
    person = dataset.employees.set_index("employee_id").loc[ids[1]]
    table = ref.reference_scores(dataset, ids[1])
    assert table["truth"].tolist() == [float(person[f"true_{d}"]) for d in DIMENSIONS]


def test_monte_carlo_error_is_below_two_hundredths(world):
    dataset, ids = world
    for employee_id in ids:
        assert (ref.reference_scores(dataset, employee_id)["mc_error"] < 0.02).all()


def test_reference_is_reproducible_on_a_fresh_copy_of_the_world(world):
    dataset, ids = world
    first = ref.reference_scores(dataset, ids[2])
    ref._cache.clear()  # recomputed from scratch, from a new copy of the same world
    again, again_ids = practice_cases(4, rng=20261203)
    pd.testing.assert_frame_equal(first, ref.reference_scores(again, again_ids[2]))


def test_monte_carlo_error_is_honest_against_a_much_larger_run(world):
    dataset, ids = world
    table = ref.reference_scores(dataset, ids[3])
    big, *_ = ref._compute(dataset, ids[3], 12345, 16 * ref.SAMPLES)
    # within 4 standard errors (plus the small error of the big run)
    assert (np.abs(table["reference"].to_numpy() - big) < 4 * table["mc_error"] + 0.01).all()


def test_finer_grids_move_the_reference_by_less_than_a_hundredth(world):
    dataset, ids = world
    coarse, *_ = ref._compute(dataset, ids[0], 7, ref.SAMPLES)
    fine, *_ = ref._compute(
        dataset, ids[0], 7, ref.SAMPLES, t_step=0.0125, tau_step=0.05, level_step=0.005
    )
    assert np.abs(coarse - fine).max() < 0.01


def test_more_positive_incidents_raise_the_reference(world):
    dataset, ids = world
    employee_id = ids[0]
    before = ref.reference_scores(dataset, employee_id).loc["kompeten", "reference"]
    extra = dataset.evidence[dataset.evidence["employee_id"] == employee_id].iloc[:1].copy()
    extra = pd.concat([extra.assign(kind="insiden", dimension="kompeten", value=1.0)] * 4)
    richer = dataset.__class__(
        **{**vars(dataset), "evidence": pd.concat([dataset.evidence, extra])}
    )
    after = ref.reference_scores(richer, employee_id).loc["kompeten", "reference"]
    assert after > before + 0.1


def test_reference_table_has_one_ref_column_per_dimension(world):
    dataset, ids = world
    table = ref.reference_table(dataset, ids[:2])
    assert list(table.columns) == ["employee_id", *(f"ref_{d}" for d in DIMENSIONS)]
    assert table["employee_id"].tolist() == ids[:2]
    assert table.iloc[0, 1:].tolist() == ref.reference_scores(dataset, ids[0])["reference"].tolist()


def test_an_unknown_employee_is_refused(world):
    dataset, _ = world
    with pytest.raises(ValueError, match="not in the dataset"):
        ref.reference_scores(dataset, "P99999")


def test_counts_reader_reads_more_positive_counts_as_higher():
    reader = ref.CountsReader().fit([generate(n_offices=30, rng=900_500)])
    dataset = generate(n_offices=8, rng=900_600)
    counts = ref.file_counts(dataset)
    guess = reader.predict(dataset)
    net = counts["pos_loyal"] - counts["neg_loyal"]
    assert guess.loc[net > 2, "loyal"].mean() > guess.loc[net < -2, "loyal"].mean() + 0.5


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        "reference_calibration", ROOT / "benchmarks" / "reference_calibration.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_reference_is_calibrated_and_no_worse_than_the_counts_reader_on_1000_cases():
    result = _benchmark().calibration(1000, per_world=25, train_worlds=12)
    table = result["per_dimension"]
    assert result["cases"] == 1000
    assert table["cover80"].between(77, 83).all(), table
    assert table["cover95"].between(92, 98).all(), table
    assert (table["rmse_reference"] <= table["rmse_counts"]).all(), table
    assert (table["mc_error_max"] < 0.02).all(), table


def test_a_case_evicted_from_the_cache_is_computed_again(world, monkeypatch):
    """The least-recently-used cache may drop a case that a dataset's table memo still holds:
    the behaviour summary (used for the predicate) must then compute it again, not fail."""
    from collections import OrderedDict

    dataset, ids = world
    first = ref.reference_behaviour(dataset, ids[0])
    table = ref.reference_scores(dataset, ids[0])
    monkeypatch.setattr(ref, "_cache", OrderedDict())  # every case evicted
    pd.testing.assert_frame_equal(ref.reference_scores(dataset, ids[0]), table)  # the memo
    pd.testing.assert_series_equal(ref.reference_behaviour(dataset, ids[0]), first)
