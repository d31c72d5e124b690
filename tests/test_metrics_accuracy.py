"""Cronbach's accuracy components, Borman's differential accuracy and predicate agreement."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kinerja_sim.metrics import accuracy_components, predicate_agreement

PARTS = ["elevation", "differential_elevation", "stereotype_accuracy", "differential_accuracy"]


def grid(scores, truth, rater="A"):
    scores, truth = np.asarray(scores, float), np.asarray(truth, float)
    n_i, n_j = scores.shape
    return pd.DataFrame(
        {
            "rater_id": rater,
            "employee_id": np.repeat([f"E{i}" for i in range(n_i)], n_j),
            "dimension": np.tile([f"d{j}" for j in range(n_j)], n_i),
            "score": scores.ravel(),
            "true_score": truth.ravel(),
        }
    )


def loop_reference(x, t):
    """Cronbach's components written out cell by cell, as in the 1955 paper."""
    d = x - t
    grand, rows, cols = d.mean(), d.mean(axis=1), d.mean(axis=0)
    return {
        "elevation": grand**2,
        "differential_elevation": np.mean((rows - grand) ** 2),
        "stereotype_accuracy": np.mean((cols - grand) ** 2),
        "differential_accuracy": np.mean((d - rows[:, None] - cols[None, :] + grand) ** 2),
    }


@settings(max_examples=60, deadline=None)
@given(
    arrays(float, st.tuples(st.integers(2, 6), st.integers(2, 5)), elements=st.floats(1, 5)),
    st.floats(-1, 1),
    st.floats(0, 1),
)
def test_components_sum_exactly_to_the_mean_squared_error(truth, shift, shrink):
    scores = np.clip(3 + (1 - shrink) * (truth - 3) + shift, 1, 5)
    table = accuracy_components(grid(scores, truth))
    assert table[PARTS].sum(axis=1).iloc[0] == pytest.approx(
        np.mean((scores - truth) ** 2), abs=1e-12
    )


def test_components_equal_the_cell_by_cell_definitions():
    rng = np.random.default_rng(4)
    truth = rng.uniform(1, 5, (7, 8))
    scores = truth + rng.normal(0, 0.5, (7, 8)) + 0.3
    table = accuracy_components(grid(scores, truth))
    expected = loop_reference(scores, truth)
    for part in PARTS:
        assert table[part].iloc[0] == pytest.approx(expected[part])


def test_pure_leniency_is_all_elevation():
    truth = np.arange(12, dtype=float).reshape(4, 3) / 4 + 1
    table = accuracy_components(grid(truth + 0.5, truth))
    assert table["elevation"].iloc[0] == pytest.approx(0.25)
    assert table[PARTS[1:]].to_numpy() == pytest.approx(0.0)


def test_raters_are_measured_separately_and_vectorised():
    rng = np.random.default_rng(8)
    truth = rng.uniform(1, 5, (5, 4))
    scores = [truth + rng.normal(0, s, truth.shape) for s in (0.1, 0.5, 1)]
    frames = [grid(x, truth, rater=f"R{k}") for k, x in enumerate(scores)]
    table = accuracy_components(pd.concat(frames, ignore_index=True))
    assert table["rater"].tolist() == ["R0", "R1", "R2"]
    for k, x in enumerate(
        scores
    ):  # each row equals the cell-by-cell definitions of that rater alone
        expected = loop_reference(x, truth)
        assert table.loc[k, PARTS].tolist() == pytest.approx([expected[part] for part in PARTS])
        assert table.loc[k, "mse"] == pytest.approx(np.mean((x - truth) ** 2))


def test_borman_accuracy_is_the_mean_correlation_over_dimensions():
    rng = np.random.default_rng(1)
    truth = rng.uniform(1, 5, (10, 3))
    scores = truth + rng.normal(0, 0.7, truth.shape)
    expected = np.mean([np.corrcoef(scores[:, j], truth[:, j])[0, 1] for j in range(3)])
    table = accuracy_components(grid(scores, truth))
    assert table["borman_differential_accuracy"].iloc[0] == pytest.approx(expected)


def test_truth_can_come_from_a_separate_table():
    truth = np.array([[3.0, 4.0], [2.0, 2.5]])
    ratings = grid(truth + 1, truth)
    truth_table = ratings[["employee_id", "dimension", "true_score"]]
    table = accuracy_components(ratings.drop(columns="true_score"), truth_table)
    assert table["elevation"].iloc[0] == pytest.approx(1.0)


def test_incomplete_grid_is_refused_by_rater():
    truth = np.ones((3, 2)) * 3
    with pytest.raises(ValueError, match="rater\\(s\\) A did not rate every dimension"):
        accuracy_components(grid(truth, truth).iloc[1:])


def test_missing_truth_is_refused():
    ratings = grid(np.ones((2, 2)), np.ones((2, 2)))
    with pytest.raises(ValueError, match="no true_score for some rated employee_id: E1"):
        accuracy_components(ratings.drop(columns="true_score"), ratings.iloc[:2])


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_predicate_agreement_equals_sklearn_kappa_and_hand_counted_shares(seed):
    from sklearn.metrics import cohen_kappa_score

    rng = np.random.default_rng(seed)
    labels = np.array(["Butuh Perbaikan", "Baik", "Sangat Baik"])
    true = rng.choice(labels, 40)
    given_ = np.where(rng.random(40) < 0.6, true, rng.choice(labels, 40))
    data = pd.DataFrame({"rater_id": "A", "predicate": given_, "true_predicate": true})
    table = predicate_agreement(data, order=labels)
    rank = {label: i for i, label in enumerate(labels)}
    higher = np.mean([rank[g] > rank[t] for g, t in zip(given_, true)])
    lower = np.mean([rank[g] < rank[t] for g, t in zip(given_, true)])
    assert table["kappa"].iloc[0] == pytest.approx(cohen_kappa_score(given_, true))
    assert table["agreement"].iloc[0] == pytest.approx(np.mean(given_ == true))
    assert (table["higher"].iloc[0], table["lower"].iloc[0]) == pytest.approx((higher, lower))


def test_predicate_agreement_of_several_raters_equals_sklearn_per_rater():
    from sklearn.metrics import cohen_kappa_score

    rng = np.random.default_rng(9)
    labels = np.array(["Butuh Perbaikan", "Baik", "Sangat Baik"])
    frames = []
    for rater, keep in (("A", 0.9), ("B", 0.5), ("C", 0.2)):
        true = rng.choice(labels, 30)
        frames.append(
            pd.DataFrame(
                {
                    "rater_id": rater,
                    "true_predicate": true,
                    "predicate": np.where(rng.random(30) < keep, true, rng.choice(labels, 30)),
                }
            )
        )
    table = predicate_agreement(pd.concat(frames, ignore_index=True)).set_index("rater")
    for frame in frames:
        rater = frame["rater_id"].iloc[0]
        assert table.loc[rater, "kappa"] == pytest.approx(
            cohen_kappa_score(frame["predicate"], frame["true_predicate"])
        )


def test_predicate_agreement_order_must_list_every_predicate():
    data = pd.DataFrame(
        {"rater_id": ["A"], "predicate": ["Baik"], "true_predicate": ["Sangat Baik"]}
    )
    with pytest.raises(ValueError, match="lacks Sangat Baik"):
        predicate_agreement(data, order=["Baik"])
