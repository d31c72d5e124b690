"""Reliability statistics against published reference values and well-kept libraries."""
import numpy as np
import pandas as pd
import pingouin
import pytest
from sklearn.metrics import cohen_kappa_score

import krippendorff
from kinerja_sim.metrics import cohen_kappa, fleiss_kappa, icc, krippendorff_alpha

# Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges.
SHROUT_FLEISS = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
# Shrout & Fleiss (1979), Table 4.
SHROUT_FLEISS_ICC = {"ICC(1,1)": 0.17, "ICC(2,1)": 0.29, "ICC(3,1)": 0.71,
                     "ICC(1,k)": 0.44, "ICC(2,k)": 0.62, "ICC(3,k)": 0.91}

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", reliability data with
# missing values: 4 observers, 12 units.
nan = np.nan
KRIPPENDORFF_DATA = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
                     [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
                     [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
                     [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
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
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5]]


def long(matrix, row_name, col_name, value_name="value"):
    return pd.DataFrame([(i, j, value) for i, row in enumerate(matrix) for j, value in enumerate(row)],
                        columns=[row_name, col_name, value_name])


@pytest.fixture
def shrout_fleiss():
    return long(SHROUT_FLEISS, "target", "judge", "score")


def test_icc_reproduces_shrout_fleiss_table_4(shrout_fleiss):
    table = icc(shrout_fleiss, targets="target", raters="judge", ratings="score")
    assert dict(zip(table["form"], table["icc"].round(2))) == SHROUT_FLEISS_ICC


def test_icc_columns_are_stable(shrout_fleiss):
    table = icc(shrout_fleiss, targets="target", raters="judge", ratings="score")
    assert list(table.columns) == ["form", "icc", "f", "df1", "df2", "p_value", "ci_low", "ci_high"]


def test_icc_matches_pingouin_to_full_precision():
    rng = np.random.default_rng(5)
    data = pd.DataFrame({"t": np.repeat(np.arange(30), 7), "r": np.tile(np.arange(7), 30)})
    data["s"] = rng.normal(size=30)[data["t"]] + rng.normal(size=7)[data["r"]] + rng.normal(size=len(data))
    ours = icc(data, targets="t", raters="r", ratings="s")
    theirs = pingouin.intraclass_corr(data, targets="t", raters="r", ratings="s")
    np.testing.assert_allclose(ours[["icc", "f", "p_value"]], theirs[["ICC", "F", "pval"]], rtol=1e-10)
    # pingouin rounds its confidence limits to two decimals
    np.testing.assert_allclose(ours[["ci_low", "ci_high"]], np.vstack(theirs["CI95"]), atol=0.005 + 1e-12)


def test_icc_refuses_incomplete_targets_by_name(shrout_fleiss):
    with pytest.raises(ValueError, match=r"1 target\(s\).*\(5\)"):
        icc(shrout_fleiss.drop(index=23), targets="target", raters="judge", ratings="score")


def test_icc_can_drop_incomplete_targets_with_a_warning(shrout_fleiss):
    gappy = shrout_fleiss.drop(index=23)
    with pytest.warns(RuntimeWarning, match="left out"):
        table = icc(gappy, targets="target", raters="judge", ratings="score", incomplete="drop")
    complete = icc(shrout_fleiss[shrout_fleiss["target"] < 5], targets="target", raters="judge", ratings="score")
    pd.testing.assert_frame_equal(table, complete)


def test_icc_refuses_duplicate_ratings(shrout_fleiss):
    with pytest.raises(ValueError, match="more than one rating"):
        icc(pd.concat([shrout_fleiss, shrout_fleiss.head(1)]), targets="target", raters="judge", ratings="score")


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
    alpha = krippendorff_alpha(krippendorff_data, units="unit", raters="coder", ratings="value", level=level)
    assert round(alpha, 3) == KRIPPENDORFF_ALPHA[level]


@pytest.mark.parametrize("level", list(KRIPPENDORFF_ALPHA))
def test_krippendorff_alpha_matches_the_krippendorff_package(level):
    rng = np.random.default_rng(11)
    matrix = np.clip(rng.integers(1, 6, 40) + rng.integers(-1, 2, (6, 40)), 0, None).astype(float)
    matrix[rng.random(matrix.shape) < 0.25] = np.nan
    data = long(matrix, "rater", "unit")
    ours = krippendorff_alpha(data, units="unit", raters="rater", ratings="value", level=level)
    assert ours == pytest.approx(krippendorff.alpha(reliability_data=matrix, level_of_measurement=level), abs=1e-12)


def test_krippendorff_alpha_ignores_rows_with_missing_ratings(krippendorff_data):
    complete = krippendorff_data.dropna()
    assert krippendorff_alpha(complete, units="unit", raters="coder", ratings="value") == pytest.approx(
        krippendorff_alpha(krippendorff_data, units="unit", raters="coder", ratings="value"))


def test_krippendorff_alpha_takes_text_labels_at_nominal_level(krippendorff_data):
    text = krippendorff_data.dropna().assign(value=lambda d: "k" + d["value"].astype(int).astype(str))
    alpha = krippendorff_alpha(text, units="unit", raters="coder", ratings="value", level="nominal")
    assert round(alpha, 3) == 0.743


def test_krippendorff_alpha_refuses_an_unknown_level(krippendorff_data):
    with pytest.raises(ValueError, match="level must be one of"):
        krippendorff_alpha(krippendorff_data, units="unit", raters="coder", ratings="value", level="metric")


def test_krippendorff_alpha_handles_continuous_scores_quickly():
    rng = np.random.default_rng(2)
    data = pd.DataFrame({"unit": np.repeat(np.arange(160), 50), "rater": np.tile(np.arange(50), 160)})
    data["value"] = rng.normal(3, 0.7, 160)[data["unit"]] + rng.normal(0, 0.5, len(data))
    alpha = krippendorff_alpha(data, units="unit", raters="rater", ratings="value")
    assert 0.55 < alpha < 0.75  # true interval reliability 0.49 / (0.49 + 0.25) = 0.66


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_cohen_kappa_reproduces_r_irr_kappa2(weights):
    assert cohen_kappa(ANXIETY_2, ANXIETY_3, weights=weights) == pytest.approx(IRR_KAPPA2[weights], abs=1e-7)


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_cohen_kappa_matches_sklearn_with_all_categories(weights):
    categories = [1, 2, 3, 4, 5, 6]
    ours = cohen_kappa(ANXIETY_2, ANXIETY_3, weights=weights, categories=categories)
    assert ours == pytest.approx(cohen_kappa_score(ANXIETY_2, ANXIETY_3, weights=weights, labels=categories))


def test_cohen_kappa_weights_use_positions_in_the_listed_categories():
    # category 5 is never used: listing it widens the distances and changes weighted kappa
    observed = cohen_kappa(ANXIETY_2, ANXIETY_3, weights="linear")
    listed = cohen_kappa(ANXIETY_2, ANXIETY_3, weights="linear", categories=[1, 2, 3, 4, 5, 6])
    assert observed != pytest.approx(listed)


def test_cohen_kappa_reproduces_fleiss_levin_paik_psychiatric_example():
    # Fleiss, Levin & Paik (2003), ch. 18: 100 subjects, 3 diagnoses; p_o = .89, p_e = .66.
    table = [[75, 1, 4], [5, 4, 1], [0, 0, 10]]
    pairs = [(a, b) for a in range(3) for b in range(3) for _ in range(table[a][b])]
    a, b = zip(*pairs)
    assert cohen_kappa(a, b) == pytest.approx((0.89 - 0.66) / (1 - 0.66))


def test_cohen_kappa_is_nan_without_chance_disagreement():
    assert np.isnan(cohen_kappa([3, 3, 3], [3, 3, 3]))


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
