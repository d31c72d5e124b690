"""Results are frozen objects with ``to_frame()``, not dicts or ``DataFrame.attrs`` (issue #19):
``Simulation.outcomes()``, ``FitResult.goodness`` and ``curve_by_truth``.

The first two stay read-only mappings, so the callers that index them, iterate over them or
copy them with ``dict(...)`` keep working unchanged.
"""

import dataclasses
import pickle

import numpy as np
import pytest

from kinerja_sim import policy
from kinerja_sim.byod.fit import FitResult, Goodness, fit_simulation
from kinerja_sim.byod.read import example_path, read_appraisals
from kinerja_sim.policy.outcomes import summarise
from kinerja_sim.policy.sensitivity import _repriced
from kinerja_sim.policy.simulate import Outcomes
from kinerja_sim.rules import PREDICATES
from kinerja_sim.ui.lesson_rules import CurveByTruth, curve_by_truth, curve_by_truth_figure


@pytest.fixture(scope="module", params=["permenpanrb-6-2022", "pp-46-2011"])
def simulation(request):
    scenario = policy.Scenario(rules=request.param)
    return policy.simulate(scenario, employees=20_000, progress=False, rng=3)


def test_outcomes_are_the_summarised_values_in_the_same_order(simulation):
    outcomes = simulation.outcomes()
    values = summarise(simulation.offices, simulation.confusion, simulation.keys)
    assert isinstance(outcomes, Outcomes)
    assert list(outcomes) == list(values) == list(simulation.metrics)
    assert dict(outcomes) == values and len(outcomes) == len(values)


def test_every_outcome_is_also_an_attribute_and_the_shares_a_mapping(simulation):
    outcomes = simulation.outcomes()
    for name, value in outcomes.items():
        if name.startswith("share_"):
            assert outcomes.shares[name.removeprefix("share_")] == value
        else:
            assert getattr(outcomes, name) == value
    assert outcomes.agreement == outcomes["agreement"]


def test_the_score_lines_exist_only_for_the_score_based_regimes(simulation):
    outcomes = simulation.outcomes()
    scored = simulation.scenario.rules != "permenpanrb-6-2022"
    assert ("score_mean" in outcomes) is scored
    assert (outcomes.score_mean is None) is not scored
    with pytest.raises(KeyError):
        outcomes["no_such_outcome"]


def test_outcomes_cannot_be_changed(simulation):
    outcomes = simulation.outcomes()
    with pytest.raises(TypeError):
        outcomes["agreement"] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        outcomes.agreement = 1.0
    with pytest.raises(TypeError):
        outcomes.shares["baik"] = 1.0


def test_outcomes_to_frame_is_one_row_per_outcome_with_its_area(simulation):
    outcomes = simulation.outcomes()
    frame = outcomes.to_frame()
    assert frame.columns.tolist() == ["metric", "area", "value"]
    assert frame["metric"].tolist() == list(outcomes)
    assert frame["area"].tolist() == list(simulation.metrics.values())
    assert np.array_equal(frame["value"].to_numpy(), list(outcomes.values()), equal_nan=True)


def test_outcomes_survive_pickling_and_compare_as_mappings(simulation):
    outcomes = simulation.outcomes()
    again = pickle.loads(pickle.dumps(outcomes))
    assert again == outcomes and list(again) == list(outcomes)
    assert again.shares == outcomes.shares


def test_the_sensitivity_repricing_builds_its_own_dict_from_the_outcomes(simulation):
    cheaper = simulation.scenario.replace(name="murah")
    repriced = _repriced(simulation, cheaper, simulation.outcomes(), {})  # documented tukin
    assert repriced["agreement"] == simulation.outcomes()["agreement"]
    assert set(repriced) >= set(simulation.outcomes())


def test_goodness_is_a_read_only_mapping_with_attributes():
    goodness = Goodness(0.02, 0.01, 1.5, 3.2, 180, True, 1)
    assert list(goodness) == [f.name for f in dataclasses.fields(Goodness)]
    assert goodness["restarts"] == goodness.restarts == 1
    assert {k: v for k, v in goodness.items()} == dict(goodness)
    with pytest.raises(TypeError):
        goodness["restarts"] = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        goodness.restarts = 2
    with pytest.raises(KeyError):
        goodness["population"]


def test_goodness_to_frame_is_one_row_of_its_values():
    frame = Goodness(0.02, 0.01, 1.5, 3.2, 180, True, 1).to_frame()
    assert frame.columns.tolist() == [f.name for f in dataclasses.fields(Goodness)]
    assert frame.shape == (1, 7) and frame["evaluations"].iloc[0] == 180


def test_a_fit_reports_its_goodness_as_the_result_object():
    data = read_appraisals(example_path(), key="kunci-contoh-dokumentasi-2025")
    fitted = fit_simulation(data, worlds=1, max_evaluations=40, bootstrap=50, rng=1)
    assert isinstance(fitted, FitResult) and isinstance(fitted.goodness, Goodness)
    assert fitted.goodness.max_share_difference == fitted.goodness["max_share_difference"]
    worst = f"{100 * fitted.goodness.max_share_difference:.1f}".replace(".", ",")
    assert worst in fitted.report().splitlines()[-1]  # the report reads it by name


@pytest.fixture(scope="module")
def by_truth():
    return curve_by_truth(employees=20_000, rng=5)


def test_curve_by_truth_carries_the_sizes_beside_the_table(by_truth):
    assert isinstance(by_truth, CurveByTruth)
    assert list(by_truth.size) == list(PREDICATES)
    assert sum(by_truth.size.values()) == pytest.approx(1.0)
    for key in ("praktik", "kurva"):
        assert np.allclose(by_truth.shares[key].sum(axis=1), 1.0)


def test_curve_by_truth_cannot_be_changed(by_truth):
    with pytest.raises(TypeError):
        by_truth.size["Baik"] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        by_truth.size = {}


def test_curve_by_truth_to_frame_is_long_and_keeps_the_sizes(by_truth):
    frame = by_truth.to_frame()
    assert frame.columns.tolist() == ["true", "size", "scenario", "given", "share"]
    assert len(frame) == len(PREDICATES) * 2 * len(PREDICATES)
    assert np.allclose(frame.groupby(["true", "scenario"])["share"].sum(), 1.0)
    sizes = frame.drop_duplicates("true").set_index("true")["size"]
    assert sizes.to_dict() == pytest.approx(dict(by_truth.size))
    # what DataFrame.attrs lost: the sizes survive a pandas operation on the table
    assert frame.query("scenario == 'kurva'")["size"].notna().all()


def test_curve_by_truth_figure_labels_each_true_predicate_with_its_size(by_truth):
    labels = [tick.get_text() for tick in curve_by_truth_figure(by_truth).axes[0].get_yticklabels()]
    assert [label.split(" (")[0] for label in labels] == list(PREDICATES)
    assert all(label.endswith("%)") for label in labels)
    assert pickle.loads(pickle.dumps(by_truth)).size == by_truth.size
