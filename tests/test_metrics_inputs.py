"""Accuracy, diagnostics and calibration refuse unusable input up front, naming the argument.

Issue #15: a missing (NaN) id used to be coded −1 by ``pd.factorize`` and end in numpy's
"'list' argument must have no negative elements", or in a silently wrong table.
"""

import numpy as np
import pandas as pd
import pytest

from kinerja_sim.metrics import accuracy_components, calibrate, predicate_agreement, rater_profile


def ratings_table(n_raters=2, n_ratees=4, n_dims=2):
    rows = [
        (f"R{r}", f"E{i}", f"d{j}", 1.0 + (r + i + 2 * j) % 5, 1.0 + (i + 2 * j) % 5)
        for r in range(n_raters)
        for i in range(n_ratees)
        for j in range(n_dims)
    ]
    return pd.DataFrame(
        rows, columns=["rater_id", "employee_id", "dimension", "score", "true_score"]
    )


def with_missing(frame, column, row=0):
    frame = frame.astype({column: object})
    frame.loc[row, column] = np.nan
    return frame


@pytest.mark.parametrize("column", ["rater_id", "employee_id"])
def test_calibrate_refuses_a_missing_id_by_column(column):
    with pytest.raises(ValueError, match=f"data column '{column}' has 1 missing id"):
        calibrate(with_missing(ratings_table(), column))


@pytest.mark.parametrize("column", ["rater_id", "employee_id", "dimension"])
def test_rater_profile_refuses_a_missing_id_by_column(column):
    with pytest.raises(ValueError, match=f"ratings column '{column}' has 1 missing id"):
        rater_profile(with_missing(ratings_table(), column))


@pytest.mark.parametrize("column", ["rater_id", "employee_id", "dimension"])
def test_accuracy_components_refuses_a_missing_id_by_column(column):
    with pytest.raises(ValueError, match=f"ratings column '{column}' has 1 missing id"):
        accuracy_components(with_missing(ratings_table(), column))


def test_a_missing_id_in_a_separate_truth_table_is_refused():
    ratings = ratings_table()
    truth = with_missing(
        ratings[["employee_id", "dimension", "true_score"]].drop_duplicates(), "employee_id"
    )
    with pytest.raises(ValueError, match="truth column 'employee_id' has 1 missing id"):
        accuracy_components(ratings.drop(columns="true_score"), truth)


def test_an_empty_text_id_counts_as_missing():
    ratings = ratings_table().astype({"rater_id": object})
    ratings.loc[3, "rater_id"] = "  "
    with pytest.raises(ValueError, match="rater_id' has 1 missing id"):
        calibrate(ratings)


@pytest.mark.parametrize("function", [calibrate, rater_profile, accuracy_components])
def test_infinite_scores_are_refused(function):
    ratings = ratings_table()
    ratings.loc[2, "score"] = np.inf
    with pytest.raises(ValueError, match="'score' must hold finite numbers"):
        function(ratings)


def test_infinite_true_scores_are_refused():
    ratings = ratings_table()
    ratings.loc[2, "true_score"] = -np.inf
    with pytest.raises(ValueError, match="'true_score' must hold finite numbers"):
        accuracy_components(ratings)


@pytest.mark.parametrize("function", [calibrate, rater_profile, accuracy_components])
def test_an_empty_table_is_refused_by_name(function):
    with pytest.raises(ValueError, match="is empty"):
        function(ratings_table().iloc[:0])


@pytest.mark.parametrize("function", [calibrate, rater_profile, accuracy_components])
def test_unhashable_ids_are_a_type_error(function):
    ratings = ratings_table().astype({"rater_id": object})
    ratings.at[0, "rater_id"] = ["R0"]
    with pytest.raises(TypeError, match="rater_id' must hold ids"):
        function(ratings)


def test_rater_profile_refuses_an_infinite_performance_level():
    ratings = ratings_table()
    performance = pd.DataFrame(
        [
            (e, d, p, 3.0)
            for e in ratings["employee_id"].unique()
            for d in ("d0", "d1")
            for p in (1, 2)
        ],
        columns=["employee_id", "dimension", "period", "level"],
    )
    performance.loc[0, "level"] = np.inf
    with pytest.raises(
        ValueError, match="performance level column 'level' must hold finite numbers"
    ):
        rater_profile(ratings, performance=performance)


def test_predicate_agreement_refuses_a_missing_rater_id():
    data = pd.DataFrame(
        {"rater_id": ["A", None], "predicate": ["Baik", "Baik"], "true_predicate": ["Baik", "Baik"]}
    )
    with pytest.raises(ValueError, match="data column 'rater_id' has 1 missing id"):
        predicate_agreement(data)


def test_predicate_agreement_refuses_an_empty_table():
    with pytest.raises(ValueError, match="data is empty"):
        predicate_agreement(pd.DataFrame({"rater_id": [], "predicate": [], "true_predicate": []}))


def test_predicate_agreement_of_one_shared_predicate_warns_and_is_nan():
    from kinerja_sim.metrics import DegenerateDataWarning

    data = pd.DataFrame(
        {"rater_id": ["A"] * 3, "predicate": ["Baik"] * 3, "true_predicate": ["Baik"] * 3}
    )
    with pytest.warns(DegenerateDataWarning, match="chance agreement is 1"):
        table = predicate_agreement(data)
    assert np.isnan(table["kappa"].iloc[0]) and table["agreement"].iloc[0] == 1.0
