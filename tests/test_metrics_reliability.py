"""Reliability statistics against published reference values and well-kept libraries."""

import krippendorff
import numpy as np
import pandas as pd
import pingouin
import pytest
from sklearn.metrics import cohen_kappa_score

from kinerja_sim.metrics import (
    DegenerateDataWarning,
    cohen_kappa,
    fleiss_kappa,
    icc,
    kappa_from_table,
    krippendorff_alpha,
)

# Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges.
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]
# Shrout & Fleiss (1979), Table 4.
SHROUT_FLEISS_ICC = {
    "ICC(1,1)": 0.17,
    "ICC(2,1)": 0.29,
    "ICC(3,1)": 0.71,
    "ICC(1,k)": 0.44,
    "ICC(2,k)": 0.62,
    "ICC(3,k)": 0.91,
}

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", reliability data with
# missing values: 4 observers, 12 units.
nan = np.nan
KRIPPENDORFF_DATA = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
]
# nominal and interval: Krippendorff (2011); ordinal and ratio: the values given for the
# same data by the `krippendorff` package and R's irr::kripp.alpha.
KRIPPENDORFF_ALPHA = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}

# R irr package data `anxiety` (Gamer, Lemon, Fellows & Singh), raters 2 and 3; kappa2
# values as printed by R (kept in statsmodels' tests).
ANXIETY_2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4]
ANXIETY_3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2]
IRR_KAPPA2 = {None: -0.006289308, "linear": 0.1459075, "quadratic": 0.2520325}

# Fleiss (1971): 30 patients, 6 psychiatrists each, 5 diagnoses (as in statsmodels' and R irr's
# `diagnoses` data); kappa = 0.430 (R irr::kappam.fleiss: 0.4302445).
FLEISS_DIAGNOSES = [
    [4, 4, 4, 4, 4, 4],
    [2, 2, 2, 5, 5, 5],
    [2, 3, 3, 3, 3, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3],
    [3, 3, 3, 3, 5, 5],
    [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4],
    [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4],
    [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3],
    [1, 4, 4, 4, 4, 4],
    [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5],
    [1, 1, 1, 1, 1, 2],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 4, 4, 4, 4, 4],
    [2, 2, 4, 5, 5, 5],
    [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4],
    [1, 1, 1, 1, 5, 5],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3],
    [5, 5, 5, 5, 5, 5],
]


def long(matrix, row_name, col_name, value_name="value"):
    return pd.DataFrame(
        [(i, j, value) for i, row in enumerate(matrix) for j, value in enumerate(row)],
        columns=[row_name, col_name, value_name],
    )


@pytest.fixture
def shrout_fleiss():
    return long(SHROUT_FLEISS, "target", "judge", "score")


def test_icc_reproduces_shrout_fleiss_table_4(shrout_fleiss):
    table = icc(shrout_fleiss, targets="target", raters="judge", ratings="score")
    assert dict(zip(table["form"], table["icc"].round(2))) == SHROUT_FLEISS_ICC


def test_icc_columns_are_stable(shrout_fleiss):
    table = icc(shrout_fleiss, targets="target", raters="judge", ratings="score")
    assert list(table.columns) == ["form", "icc", "f", "df1", "df2", "p_value", "ci_low", "ci_high"]


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_icc_matches_pingouin_to_full_precision(seed):
    rng = np.random.default_rng(seed)
    data = pd.DataFrame({"t": np.repeat(np.arange(30), 7), "r": np.tile(np.arange(7), 30)})
    data["s"] = (
        rng.normal(size=30)[data["t"]] + rng.normal(size=7)[data["r"]] + rng.normal(size=len(data))
    )
    ours = icc(data, targets="t", raters="r", ratings="s")
    theirs = pingouin.intraclass_corr(data, targets="t", raters="r", ratings="s")
    np.testing.assert_allclose(
        ours[["icc", "f", "p_value"]], theirs[["ICC", "F", "pval"]], rtol=1e-10
    )
    # pingouin rounds its confidence limits to two decimals
    np.testing.assert_allclose(
        ours[["ci_low", "ci_high"]], np.vstack(theirs["CI95"]), atol=0.005 + 1e-12
    )


def test_icc_refuses_incomplete_targets_by_name(shrout_fleiss):
    with pytest.raises(ValueError, match=r"1 target\(s\).*\(5\)"):
        icc(shrout_fleiss.drop(index=23), targets="target", raters="judge", ratings="score")


def test_icc_can_drop_incomplete_targets_with_a_warning(shrout_fleiss):
    # target 5 loses a rating; what is left is Shrout & Fleiss's first five targets, whose
    # ICCs pingouin computes independently (its CIs are rounded, so only icc, F and p)
    gappy = shrout_fleiss.drop(index=23)
    with pytest.warns(RuntimeWarning, match="left out"):
        table = icc(gappy, targets="target", raters="judge", ratings="score", incomplete="drop")
    first_five = shrout_fleiss[shrout_fleiss["target"] < 5]
    theirs = pingouin.intraclass_corr(first_five, targets="target", raters="judge", ratings="score")
    np.testing.assert_allclose(
        table[["icc", "f", "p_value"]], theirs[["ICC", "F", "pval"]], rtol=1e-10
    )
    assert table["df1"].eq(4).all()


def test_icc_refuses_duplicate_ratings(shrout_fleiss):
    with pytest.raises(ValueError, match="more than one rating"):
        icc(
            pd.concat([shrout_fleiss, shrout_fleiss.head(1)]),
            targets="target",
            raters="judge",
            ratings="score",
        )


def test_icc_refuses_text_ratings(shrout_fleiss):
    with pytest.raises(TypeError, match="ratings column 'score' must hold numbers"):
        icc(shrout_fleiss.astype({"score": str}), targets="target", raters="judge", ratings="score")


def test_icc_names_a_missing_column(shrout_fleiss):
    with pytest.raises(ValueError, match="missing column\\(s\\) rater"):
        icc(shrout_fleiss, targets="target", raters="rater", ratings="score")


@pytest.fixture
def krippendorff_data():
    return long(KRIPPENDORFF_DATA, "coder", "unit")


@pytest.mark.parametrize("level", list(KRIPPENDORFF_ALPHA))
def test_krippendorff_alpha_reproduces_the_published_example(krippendorff_data, level):
    alpha = krippendorff_alpha(
        krippendorff_data, units="unit", raters="coder", ratings="value", level=level
    )
    assert round(alpha, 3) == KRIPPENDORFF_ALPHA[level]


@pytest.mark.parametrize("level", list(KRIPPENDORFF_ALPHA))
def test_krippendorff_alpha_matches_the_krippendorff_package(level):
    rng = np.random.default_rng(11)
    matrix = np.clip(rng.integers(1, 6, 40) + rng.integers(-1, 2, (6, 40)), 0, None).astype(float)
    matrix[rng.random(matrix.shape) < 0.25] = np.nan
    data = long(matrix, "rater", "unit")
    ours = krippendorff_alpha(data, units="unit", raters="rater", ratings="value", level=level)
    assert ours == pytest.approx(
        krippendorff.alpha(reliability_data=matrix, level_of_measurement=level), abs=1e-12
    )


def test_krippendorff_alpha_ignores_rows_with_missing_ratings(krippendorff_data):
    # the published data with the missing cells left out as rows, not given as NaN
    complete = krippendorff_data.dropna()
    assert len(complete) < len(krippendorff_data)
    assert (
        round(krippendorff_alpha(complete, units="unit", raters="coder", ratings="value"), 3)
        == 0.849
    )


def test_krippendorff_alpha_takes_text_labels_at_nominal_level(krippendorff_data):
    text = krippendorff_data.dropna().assign(
        value=lambda d: "k" + d["value"].astype(int).astype(str)
    )
    alpha = krippendorff_alpha(text, units="unit", raters="coder", ratings="value", level="nominal")
    assert round(alpha, 3) == 0.743


def test_krippendorff_alpha_refuses_an_unknown_level(krippendorff_data):
    with pytest.raises(ValueError, match="level must be one of"):
        krippendorff_alpha(
            krippendorff_data, units="unit", raters="coder", ratings="value", level="metric"
        )


@pytest.mark.parametrize("seed", [2, 3, 4])
def test_krippendorff_alpha_on_continuous_scores_estimates_the_true_reliability(seed):
    # 160 units, 50 raters: unit sd 0.7, error sd 0.5; true interval reliability
    # 0.49 / (0.49 + 0.25) = 0.662. Standard error of alpha here is about 0.03.
    rng = np.random.default_rng(seed)
    data = pd.DataFrame(
        {"unit": np.repeat(np.arange(160), 50), "rater": np.tile(np.arange(50), 160)}
    )
    data["value"] = rng.normal(3, 0.7, 160)[data["unit"]] + rng.normal(0, 0.5, len(data))
    alpha = krippendorff_alpha(data, units="unit", raters="rater", ratings="value")
    assert alpha == pytest.approx(0.49 / 0.74, abs=0.1)


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_cohen_kappa_reproduces_r_irr_kappa2(weights):
    assert cohen_kappa(ANXIETY_2, ANXIETY_3, weights=weights) == pytest.approx(
        IRR_KAPPA2[weights], abs=1e-7
    )


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_cohen_kappa_matches_sklearn_with_all_categories(weights):
    categories = [1, 2, 3, 4, 5, 6]
    ours = cohen_kappa(ANXIETY_2, ANXIETY_3, weights=weights, categories=categories)
    assert ours == pytest.approx(
        cohen_kappa_score(ANXIETY_2, ANXIETY_3, weights=weights, labels=categories)
    )


def test_cohen_kappa_weights_use_positions_in_the_listed_categories():
    # category 5 is never used: by default the positions are those of 1, 2, 3, 4, 6; listed,
    # those of 1..6. scikit-learn weighs by position in its `labels` list in the same way.
    observed = cohen_kappa(ANXIETY_2, ANXIETY_3, weights="linear")
    listed = cohen_kappa(ANXIETY_2, ANXIETY_3, weights="linear", categories=[1, 2, 3, 4, 5, 6])
    assert observed == pytest.approx(
        cohen_kappa_score(ANXIETY_2, ANXIETY_3, weights="linear", labels=[1, 2, 3, 4, 6])
    )
    assert listed == pytest.approx(
        cohen_kappa_score(ANXIETY_2, ANXIETY_3, weights="linear", labels=[1, 2, 3, 4, 5, 6])
    )
    assert observed != pytest.approx(listed)


def test_cohen_kappa_reproduces_fleiss_levin_paik_psychiatric_example():
    # Fleiss, Levin & Paik (2003), ch. 18: 100 subjects, 3 diagnoses; p_o = .89, p_e = .66.
    table = [[75, 1, 4], [5, 4, 1], [0, 0, 10]]
    pairs = [(a, b) for a in range(3) for b in range(3) for _ in range(table[a][b])]
    a, b = zip(*pairs)
    assert cohen_kappa(a, b) == pytest.approx((0.89 - 0.66) / (1 - 0.66))


def test_cohen_kappa_refuses_missing_labels():
    with pytest.raises(ValueError, match="missing labels"):
        cohen_kappa([1, 2, None], [1, 2, 3])


def test_cohen_kappa_refuses_labels_outside_categories():
    with pytest.raises(ValueError, match="not in categories: 9"):
        cohen_kappa([1, 2, 9], [1, 2, 3], categories=[1, 2, 3])


def test_fleiss_kappa_reproduces_fleiss_1971():
    data = long(FLEISS_DIAGNOSES, "patient", "psychiatrist", "diagnosis")
    kappa = fleiss_kappa(data, subjects="patient", raters="psychiatrist", ratings="diagnosis")
    assert kappa == pytest.approx(0.4302445, abs=1e-7)


def test_fleiss_kappa_refuses_unequal_numbers_of_ratings():
    data = long(FLEISS_DIAGNOSES, "patient", "psychiatrist", "diagnosis").iloc[1:]
    with pytest.raises(ValueError, match="same number"):
        fleiss_kappa(data, subjects="patient", raters="psychiatrist", ratings="diagnosis")


# --- inputs refused up front, by name (issue #15) -------------------------------------------

ISSUE_15_ICC = pd.DataFrame(
    {"t": [1, 1, 2, 2, np.nan, np.nan], "r": ["a", "b"] * 3, "s": [1, 2, 2, 3, 4, 4]}
)


def test_icc_refuses_a_missing_target_id_instead_of_overwriting_a_real_target():
    # Before: pd.factorize coded the missing id -1 and its ratings overwrote target 2's
    # (ICC(1,1) = 0.923; with the id given it is 1/3).
    with pytest.raises(ValueError, match=r"data column 't' has 2 missing id\(s\)"):
        icc(ISSUE_15_ICC, targets="t", raters="r", ratings="s")


def test_icc_with_the_missing_id_filled_in_is_one_third():
    # hand computation: MSR = 13/6... target means 1.5, 2.5, 4 -> MSR = 2*((1.5-8/3)^2 + (2.5-8/3)^2
    # + (4-8/3)^2)/2 = 19/6; MSW = (0.25*2 + 0.25*2 + 0)/3 = 1/3; (MSR-MSW)/(MSR+MSW) = 17/21
    filled = ISSUE_15_ICC.fillna({"t": 3})
    table = icc(filled, targets="t", raters="r", ratings="s").set_index("form")
    assert table.loc["ICC(1,1)", "icc"] == pytest.approx((19 / 6 - 1 / 3) / (19 / 6 + 1 / 3))


def test_icc_refuses_a_missing_rater_id(shrout_fleiss):
    data = shrout_fleiss.astype({"judge": object})
    data.loc[3, "judge"] = None
    with pytest.raises(ValueError, match=r"data column 'judge' has 1 missing id"):
        icc(data, targets="target", raters="judge", ratings="score")


def test_icc_refuses_an_infinite_rating(shrout_fleiss):
    data = shrout_fleiss.astype({"score": float})
    data.loc[0, "score"] = np.inf
    with pytest.raises(ValueError, match="ratings column 'score' must hold finite numbers"):
        icc(data, targets="target", raters="judge", ratings="score")


def test_icc_refuses_an_empty_table():
    with pytest.raises(ValueError, match="data is empty"):
        icc(pd.DataFrame({"t": [], "r": [], "s": []}), targets="t", raters="r", ratings="s")


def test_icc_refuses_a_list_instead_of_a_table():
    with pytest.raises(TypeError, match="data must be a pandas DataFrame"):
        icc([[1, 2], [3, 4]], targets="t", raters="r", ratings="s")


def test_krippendorff_alpha_refuses_a_missing_unit_id(krippendorff_data):
    data = krippendorff_data.astype({"unit": float})
    data.loc[0, "unit"] = np.nan
    with pytest.raises(ValueError, match=r"data column 'unit' has 1 missing id"):
        krippendorff_alpha(data, units="unit", raters="coder", ratings="value")


def test_krippendorff_alpha_refuses_an_infinite_rating(krippendorff_data):
    data = krippendorff_data.copy()
    data.loc[1, "value"] = -np.inf
    with pytest.raises(ValueError, match="ratings column 'value' must hold finite numbers"):
        krippendorff_alpha(data, units="unit", raters="coder", ratings="value")


def test_cohen_kappa_refuses_mixed_number_and_text_labels():
    with pytest.raises(TypeError, match="mixes numbers and text"):
        cohen_kappa([1, "a", 2], [1, 2, "a"])


def test_cohen_kappa_refuses_a_string_as_the_sequence_of_labels():
    with pytest.raises(TypeError, match="a must be a sequence of labels"):
        cohen_kappa("abc", ["a", "b", "c"])


def test_fleiss_kappa_refuses_an_empty_table():
    with pytest.raises(ValueError, match="data is empty"):
        fleiss_kappa(
            pd.DataFrame({"s": [], "r": [], "c": []}), subjects="s", raters="r", ratings="c"
        )


def test_fleiss_kappa_refuses_a_missing_subject_id():
    data = long(FLEISS_DIAGNOSES, "patient", "psychiatrist", "diagnosis").astype({"patient": float})
    data.loc[0, "patient"] = np.nan
    with pytest.raises(ValueError, match=r"data column 'patient' has 1 missing id"):
        fleiss_kappa(data, subjects="patient", raters="psychiatrist", ratings="diagnosis")


# --- degenerate data: NaN or a documented value, always with the kit's warning -----------------


def test_icc_of_constant_ratings_is_nan_with_a_degenerate_data_warning():
    data = pd.DataFrame({"t": [1, 1, 2, 2, 3, 3], "r": ["a", "b"] * 3, "s": [3.0] * 6})
    with pytest.warns(DegenerateDataWarning, match="all equal"):
        table = icc(data, targets="t", raters="r", ratings="s")
    assert table[["icc", "f", "p_value", "ci_low", "ci_high"]].isna().all().all()


def test_icc_is_never_minus_infinity_when_each_rater_gives_one_constant():
    # rater a gives 1, rater b gives 2 to every target: targets do not differ (MSR = 0),
    # so ICC(1,1) = -MSW/((k-1)MSW) = -1 (its lower bound for k = 2) and ICC(1,k) = -MSW/0.
    data = pd.DataFrame({"t": [1, 1, 2, 2, 3, 3], "r": ["a", "b"] * 3, "s": [1.0, 2.0] * 3})
    with pytest.warns(DegenerateDataWarning, match="ICC\\(1,k\\)"):
        table = icc(data, targets="t", raters="r", ratings="s").set_index("form")
    assert not np.isinf(table["icc"]).any()
    assert np.isnan(table.loc["ICC(1,k)", "icc"])
    assert table.loc["ICC(1,1)", "icc"] == pytest.approx(-1.0)


def test_icc_of_perfect_agreement_is_one_with_unit_intervals_and_a_warning():
    data = pd.DataFrame(
        {"t": [1, 1, 2, 2, 3, 3], "r": ["a", "b"] * 3, "s": [1.0, 1.0, 2.0, 2.0, 4.0, 4.0]}
    )
    with pytest.warns(DegenerateDataWarning, match="perfect"):
        table = icc(data, targets="t", raters="r", ratings="s")
    assert table["icc"].tolist() == [1.0] * 6
    assert table["ci_low"].tolist() == [1.0] * 6 and table["ci_high"].tolist() == [1.0] * 6


def test_krippendorff_alpha_without_any_disagreement_is_nan_with_a_warning():
    data = pd.DataFrame({"u": [1, 1, 2, 2], "r": ["a", "b"] * 2, "v": [3.0] * 4})
    with pytest.warns(DegenerateDataWarning, match="no disagreement"):
        assert np.isnan(krippendorff_alpha(data, units="u", raters="r", ratings="v"))


def test_cohen_kappa_with_one_shared_category_warns():
    with pytest.warns(DegenerateDataWarning, match="chance agreement is 1"):
        assert np.isnan(cohen_kappa([3, 3, 3], [3, 3, 3]))


def test_fleiss_kappa_with_one_category_only_is_nan_with_a_warning():
    data = pd.DataFrame({"s": [1, 1, 2, 2], "r": ["a", "b"] * 2, "c": ["x"] * 4})
    with pytest.warns(DegenerateDataWarning, match="one category"):
        assert np.isnan(fleiss_kappa(data, subjects="s", raters="r", ratings="c"))


# --- one kappa on a confusion table ---------------------------------------------------------


def test_kappa_from_table_reproduces_fleiss_levin_paik():
    # Fleiss, Levin & Paik (2003), ch. 18: p_o = .89, p_e = .66.
    table = [[75, 1, 4], [5, 4, 1], [0, 0, 10]]
    assert kappa_from_table(table) == pytest.approx((0.89 - 0.66) / (1 - 0.66))


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_kappa_from_table_reproduces_r_irr_kappa2_on_the_anxiety_table(weights):
    labels = sorted(set(ANXIETY_2) | set(ANXIETY_3))
    table = pd.crosstab(
        pd.Categorical(ANXIETY_2, labels), pd.Categorical(ANXIETY_3, labels), dropna=False
    )
    assert kappa_from_table(table.to_numpy(), weights=weights) == pytest.approx(
        IRR_KAPPA2[weights], abs=1e-7
    )


def test_kappa_from_table_of_a_stack_gives_one_kappa_per_table():
    tables = np.array([[[75, 1, 4], [5, 4, 1], [0, 0, 10]], [[10, 0, 0], [0, 10, 0], [0, 0, 10]]])
    np.testing.assert_allclose(kappa_from_table(tables), [(0.89 - 0.66) / (1 - 0.66), 1.0])


@pytest.mark.parametrize(
    "table, message",
    [
        ([[1, 2, 3], [4, 5, 6]], "square"),
        ([[1, -1], [0, 2]], "negative"),
        ([[0, 0], [0, 0]], "no counts"),
        ([[1, np.inf], [0, 2]], "finite"),
    ],
)
def test_kappa_from_table_refuses_a_table_that_is_not_a_count_table(table, message):
    with pytest.raises(ValueError, match=f"table.*{message}"):
        kappa_from_table(table)


def test_icc_2k_is_nan_with_a_warning_instead_of_above_one():
    # found by tests/test_properties_api.py: [[1, 2], [2, 1]] gives MSR = MSC = 0 and MSE = 1,
    # so ICC(2,k) = (MSR - MSE)/(MSR + (MSC - MSE)/n) = -1/(-1/2) = 2, a reliability above 1.
    data = long([[1, 2], [2, 1]], "t", "r", "s")
    with pytest.warns(DegenerateDataWarning, match="ICC\\(2,k\\) undefined"):
        table = icc(data, targets="t", raters="r", ratings="s").set_index("form")
    assert np.isnan(table.loc["ICC(2,k)", "icc"]) and (table["icc"].dropna() <= 1).all()


def test_an_icc_interval_that_misses_its_estimate_is_nan_with_a_warning():
    # found by tests/test_properties_api.py: with 2 targets the ICC(2,1) lower bound falls below
    # -1/(k-1), and its Spearman-Brown image for ICC(2,k) lands above the estimate (2.0 > 0).
    data = long([[2, 3], [2, 1]], "t", "r", "s")
    with pytest.warns(DegenerateDataWarning, match="does not contain its estimate"):
        table = icc(data, targets="t", raters="r", ratings="s")
    both = table.dropna(subset=["icc", "ci_low", "ci_high"])
    assert ((both["ci_low"] <= both["icc"]) & (both["icc"] <= both["ci_high"])).all()
