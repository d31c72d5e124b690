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
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

import kinerja_sim
from kinerja_sim import metrics, rules
from kinerja_sim.raters import BIAS_FIELDS, RaterBias, rate, rate_arrays
from kinerja_sim.world.dimensions import DIMENSIONS

PROPERTY = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


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
    assignments = pd.DataFrame(
        {"rater_id": ["R001", None], "employee_id": performance["employee_id"].iloc[:2]}
    )
    with pytest.raises(ValueError, match="assignments column 'rater_id' has 1 missing id"):
        rate(performance, RaterBias(), assignments=assignments, rng=1)


def test_enforce_curve_by_refuses_a_missing_office_id():
    frame = pd.DataFrame(
        {
            "office_id": ["a", np.nan, "a"],
            "predicate": ["Baik"] * 3,
            "rank": [1.0, 2.0, 3.0],
            "organisation_predicate": ["Baik"] * 3,
        }
    )
    with pytest.raises(ValueError, match="frame column 'office_id' has 1 missing id"):
        rules.load("permenpanrb-6-2022").enforce_curve_by(frame)


def test_enforce_curve_by_refuses_an_infinite_rank():
    frame = pd.DataFrame(
        {
            "office_id": ["a"] * 3,
            "predicate": ["Baik"] * 3,
            "rank": [1.0, np.inf, 3.0],
            "organisation_predicate": ["Baik"] * 3,
        }
    )
    with pytest.raises(ValueError, match="rank.*finite"):
        rules.load("permenpanrb-6-2022").enforce_curve_by(frame)


def test_generate_refuses_an_empty_office_plan():
    with pytest.raises(ValueError, match="offices is empty"):
        kinerja_sim.generate(offices=pd.DataFrame({"size": []}), rng=1)


def arrays_inputs(n=4, raters=2):
    truth = np.full((n, len(DIMENSIONS)), 3.0, dtype=np.float32)
    bias = {name: np.zeros(raters) for name in BIAS_FIELDS}
    return truth, bias, np.repeat(np.arange(raters), n // raters)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t, b, r: (t[:, :3], b, r), "truth must have shape"),
        (
            lambda t, b, r: (
                np.where(np.arange(t.size).reshape(t.shape) == 5, np.inf, t).astype(np.float32),
                b,
                r,
            ),
            "truth must hold finite numbers",
        ),
        (lambda t, b, r: (t, {k: v for k, v in b.items() if k != "halo"}, r), "bias lacks halo"),
        (
            lambda t, b, r: (t, {**b, "noise": np.array([0.1, np.nan])}, r),
            "bias\\['noise'\\] must hold finite",
        ),
        (lambda t, b, r: (t, b, r + 5), "rater must hold"),
        (lambda t, b, r: (t, b, r[:2]), "rater must have one entry per row of truth"),
    ],
)
def test_rate_arrays_names_the_argument_at_fault(change, message):
    truth, bias, rater = change(*arrays_inputs())
    with pytest.raises((ValueError, TypeError), match=message):
        rate_arrays(truth, bias, rater=rater, rng=np.random.default_rng(0))


def test_enforce_curve_by_on_an_empty_frame_gives_an_empty_frame():
    frame = pd.DataFrame(
        {"office_id": [], "predicate": [], "rank": [], "organisation_predicate": []}
    )
    out = rules.load("permenpanrb-6-2022").enforce_curve_by(frame)
    assert len(out) == 0 and {"enforced_predicate", "changed", "curve_feasible"} <= set(out.columns)


def test_rate_refuses_two_levels_for_one_employee_dimension_and_period(world):
    # before: pivot_table(aggfunc="first") silently kept the first of the two levels
    performance, _ = world
    twice = pd.concat([performance, performance.head(1).assign(level=1.0)], ignore_index=True)
    with pytest.raises(
        ValueError,
        match="performance has more than one row for employee_id and dimension and period",
    ):
        rate(twice, RaterBias(), rng=1)


# --- generated input: a clean error naming the argument, or a correct result --------------------


def clean_error(call, names):
    """Run ``call``; return its result, or check that it raised ValueError/TypeError naming one of
    ``names``.

    Subclasses do not count: pandas' MergeError and UnicodeDecodeError are ValueErrors too.
    numpy's RuntimeWarnings (division by zero, invalid value) are errors here: they are how
    a silent NaN is born. The kit's own DegenerateDataWarning is allowed.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        warnings.simplefilter("ignore", metrics.DegenerateDataWarning)
        warnings.filterwarnings("ignore", message=".*left out", category=RuntimeWarning)
        try:
            result = call()
        except Exception as error:  # noqa: BLE001 - the test is about which exceptions escape
            assert type(error) in (ValueError, TypeError), f"{type(error).__name__}: {error}"
            assert any(name in str(error) for name in names), str(error)
            event(f"clean {type(error).__name__}")
            return error
    event("result")
    return result


ID_SETS = {
    "text": ["P001", "P002", "P003", "P004", "P005"],
    "int": [1, 2, 3, 4, 5],
    "unicode": ["Ñoño", "评估", "Ⅳ", "١٢", "e\u0301"],
    "mixed": [1, "1", 2.5, "b", 7],
}
HOSTILE = {"id": [None, np.nan, float("inf"), "", " "], "score": [np.nan, np.inf, -np.inf, "lima"]}
COLUMNS = ["target", "rater", "dimension", "score", "true_score"]


@st.composite
def hostile_tables(draw, dimensions=2):
    """A rating grid (some cells left out) with ids of one kind, then up to two hostile edits."""
    ids = ID_SETS[draw(st.sampled_from(sorted(ID_SETS)))]
    n_t, n_r, n_d = (
        draw(st.integers(2, 5)),
        draw(st.integers(1, 3)),
        draw(st.integers(1, dimensions)),
    )
    grid = [(t, r, d) for t in ids[:n_t] for r in ids[:n_r] for d in ids[:n_d]]
    keep = [draw(st.integers(0, 3)) > 0 for _ in grid]
    if draw(st.booleans()):
        keep = [True] * len(grid)  # half the tables are complete
    rows = [
        (t, r, d, float(draw(st.integers(1, 5))), float(draw(st.integers(1, 5))))
        for (t, r, d), k in zip(grid, keep)
        if k
    ]
    data = pd.DataFrame(rows, columns=COLUMNS).astype(object)
    for _ in range(draw(st.integers(0, 2))):
        if len(data) == 0:
            break
        row, column = (
            draw(st.integers(0, len(data) - 1)),
            draw(st.sampled_from(COLUMNS + ["duplicate"])),
        )
        if column == "duplicate":
            data = pd.concat([data, data.iloc[[row]]], ignore_index=True)
        else:
            data.iat[row, COLUMNS.index(column)] = draw(
                st.sampled_from(HOSTILE["score" if "score" in column else "id"])
            )
    return data.infer_objects()


HOSTILE_TABLES = hostile_tables()
HOSTILE_GRIDS = hostile_tables(dimensions=1)  # one rating per target and rater
LONG = dict(targets="target", raters="rater", ratings="score")


@PROPERTY
@given(HOSTILE_GRIDS)
def test_icc_on_hostile_tables_gives_a_clean_error_or_a_bounded_table(data):
    result = clean_error(
        lambda: metrics.icc(data, **LONG), ["data", "target", "rater", "ratings", "score"]
    )
    if isinstance(result, pd.DataFrame):
        values, low, high = (result[c].to_numpy() for c in ("icc", "ci_low", "ci_high"))
        assert not np.isinf(values).any() and np.all(np.isnan(values) | (values <= 1 + 1e-12))
        both = np.isfinite(values) & np.isfinite(low) & np.isfinite(high)
        assert np.all(low[both] <= values[both] + 1e-9) and np.all(
            values[both] <= high[both] + 1e-9
        )


@PROPERTY
@given(HOSTILE_GRIDS, st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_krippendorff_alpha_on_hostile_tables_gives_a_clean_error_or_a_bounded_alpha(data, level):
    result = clean_error(
        lambda: metrics.krippendorff_alpha(
            data, units="target", raters="rater", ratings="score", level=level
        ),
        ["data", "target", "rater", "ratings", "score", "krippendorff_alpha"],
    )
    if isinstance(result, float):
        assert np.isnan(result) or result <= 1 + 1e-12


@PROPERTY
@given(HOSTILE_GRIDS)
def test_fleiss_kappa_on_hostile_tables_gives_a_clean_error_or_a_bounded_kappa(data):
    result = clean_error(
        lambda: metrics.fleiss_kappa(data, subjects="target", raters="rater", ratings="dimension"),
        ["data", "target", "rater", "ratings", "dimension", "subject"],
    )
    if isinstance(result, float):
        assert np.isnan(result) or result <= 1 + 1e-12


@PROPERTY
@given(HOSTILE_TABLES)
def test_calibrate_on_hostile_tables_gives_a_clean_error_or_effects_summing_to_zero(data):
    data = data.rename(columns={"target": "employee_id", "rater": "rater_id"})
    result = clean_error(
        lambda: metrics.calibrate(data),
        ["data", "employee_id", "rater_id", "score", "calibrate", "raters"],
    )
    if isinstance(result, metrics.CalibrationResult):
        assert result.rater_effects["effect"].sum() == pytest.approx(0.0, abs=1e-9)


@PROPERTY
@given(HOSTILE_TABLES)
def test_accuracy_components_on_hostile_tables_gives_a_clean_error_or_parts_adding_to_the_mse(data):
    data = data.rename(columns={"target": "employee_id", "rater": "rater_id"})
    result = clean_error(
        lambda: metrics.accuracy_components(data),
        ["ratings", "employee_id", "rater_id", "dimension", "score", "true_score"],
    )
    if isinstance(result, pd.DataFrame):
        parts = [
            "elevation",
            "differential_elevation",
            "stereotype_accuracy",
            "differential_accuracy",
        ]
        np.testing.assert_allclose(result[parts].sum(axis=1), result["mse"], atol=1e-9)


@PROPERTY
@given(HOSTILE_TABLES)
def test_rater_profile_on_hostile_tables_gives_a_clean_error_or_a_profile(data):
    data = data.rename(columns={"target": "employee_id", "rater": "rater_id"})
    result = clean_error(
        lambda: metrics.rater_profile(data, lang="en"),
        ["ratings", "employee_id", "rater_id", "dimension", "score", "true_score", "reference"],
    )
    if isinstance(result, pd.DataFrame):
        assert len(result) == data["rater_id"].nunique()


WRONG_TYPES = st.sampled_from([None, 3, "data", [[1, 2], [3, 4]], {"target": [1]}, np.ones((2, 2))])


@PROPERTY
@given(WRONG_TYPES)
def test_a_table_argument_of_the_wrong_type_is_a_type_error_naming_it(value):
    for call, name in [
        (lambda: metrics.icc(value, **LONG), "data"),
        (lambda: metrics.krippendorff_alpha(value, units="t", raters="r", ratings="s"), "data"),
        (lambda: metrics.fleiss_kappa(value, subjects="t", raters="r", ratings="s"), "data"),
        (lambda: metrics.calibrate(value), "data"),
        (lambda: metrics.accuracy_components(value), "ratings"),
        (lambda: metrics.rater_profile(value), "ratings"),
        (lambda: metrics.predicate_agreement(value), "data"),
    ]:
        with pytest.raises(TypeError, match=f"{name} must be a pandas DataFrame"):
            call()


@PROPERTY
@given(st.sampled_from([None, 3, ["target"], b"target"]))
def test_a_column_name_of_the_wrong_type_is_a_type_error_naming_the_parameter(column):
    data = pd.DataFrame(
        {"target": [1, 1, 2, 2], "rater": ["a", "b"] * 2, "score": [1.0, 2.0, 3.0, 4.0]}
    )
    with pytest.raises(TypeError, match="targets must be a column name"):
        metrics.icc(data, targets=column, raters="rater", ratings="score")


# --- correct results on awkward but valid input ---------------------------------------------

UNICODE_IDS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs")),
    min_size=1,
    max_size=4,
)


@st.composite
def complete_grids(draw):
    n = draw(st.integers(3, 6))
    k = draw(st.integers(2, 4))
    targets = draw(st.lists(UNICODE_IDS, min_size=n, max_size=n, unique=True))
    raters = draw(st.lists(UNICODE_IDS, min_size=k, max_size=k, unique=True))
    scores = draw(st.lists(st.integers(1, 5), min_size=n * k, max_size=n * k))
    return pd.DataFrame(
        {
            "target": np.repeat(targets, k),
            "rater": np.tile(raters, n),
            "score": np.array(scores, float),
        }
    )


@PROPERTY
@given(complete_grids())
def test_icc_with_unicode_ids_equals_pingouin(data):
    pingouin = pytest.importorskip("pingouin")
    wide = data.pivot(index="target", columns="rater", values="score").to_numpy()
    assume(np.ptp(wide.mean(axis=1)) > 0 and (wide.std(axis=1) > 0).any())  # not degenerate
    ours = metrics.icc(data, **LONG)
    codes = data.assign(
        target=pd.factorize(data["target"])[0], rater=pd.factorize(data["rater"])[0]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = pingouin.intraclass_corr(codes, targets="target", raters="rater", ratings="score")
    ours, theirs = ours["icc"].to_numpy(), theirs["ICC"].to_numpy()
    defined = np.isfinite(ours)
    np.testing.assert_allclose(ours[defined], theirs[defined], rtol=1e-9, atol=1e-12)
    # where the kit says NaN (with a warning), pingouin's value is no reliability: above 1 or not
    # finite
    assert np.all(~np.isfinite(theirs[~defined]) | (theirs[~defined] > 1))


@PROPERTY
@given(complete_grids(), st.data())
def test_krippendorff_alpha_with_gaps_and_unicode_ids_equals_the_krippendorff_package(data, draws):
    krippendorff = pytest.importorskip("krippendorff")
    gaps = draws.draw(st.lists(st.booleans(), min_size=len(data), max_size=len(data)))
    data = data.assign(score=np.where(gaps, np.nan, data["score"]))
    matrix = data.pivot(index="rater", columns="target", values="score").to_numpy()
    pairable = np.sum(~np.isnan(matrix), axis=0) >= 2
    values = matrix[:, pairable]
    assume(pairable.sum() >= 1 and len(np.unique(values[~np.isnan(values)])) >= 2)
    ours = metrics.krippendorff_alpha(
        data, units="target", raters="rater", ratings="score", level="ordinal"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = krippendorff.alpha(reliability_data=matrix, level_of_measurement="ordinal")
    assert ours == pytest.approx(theirs, abs=1e-9)


LABELS = st.sampled_from(["Baik", "Sangat Baik", "Butuh Perbaikan", "ñ", "评"])


@PROPERTY
@given(
    st.lists(st.tuples(LABELS, LABELS), min_size=1, max_size=30),
    st.sampled_from([None, "linear", "quadratic"]),
)
def test_cohen_kappa_on_unicode_labels_equals_sklearn(pairs, weights):
    from sklearn.metrics import cohen_kappa_score

    a, b = map(list, zip(*pairs))
    labels = sorted(set(a) | set(b))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = cohen_kappa_score(a, b, labels=labels, weights=weights)
        ours = metrics.cohen_kappa(a, b, weights=weights)
    if np.isnan(expected) or len(labels) == 1:
        assert np.isnan(ours)
    else:
        assert ours == pytest.approx(expected, abs=1e-12)


@PROPERTY
@given(
    st.lists(
        st.one_of(st.integers(1, 3), st.text(max_size=2), st.sampled_from([None, np.nan, np.inf])),
        min_size=0,
        max_size=6,
    ),
    st.data(),
)
def test_cohen_kappa_on_hostile_labels_gives_a_clean_error_or_a_kappa(a, draws):
    b = draws.draw(st.permutations(a))
    result = clean_error(lambda: metrics.cohen_kappa(a, b), ["a ", "a and b", "b ", "categories"])
    if isinstance(result, float):
        assert np.isnan(result) or -1 - 1e-12 <= result <= 1 + 1e-12


@st.composite
def count_tables(draw):
    """Square tables of counts, sometimes ragged or with a negative, NaN or infinite cell."""
    k = draw(st.integers(1, 4))
    rows = [[draw(st.integers(0, 9)) for _ in range(k)] for _ in range(k)]
    if draw(st.integers(0, 3)) == 0:
        rows[draw(st.integers(0, k - 1))][draw(st.integers(0, k - 1))] = draw(
            st.sampled_from([-1, np.nan, np.inf])
        )
    if draw(st.integers(0, 5)) == 0:
        rows[0] = rows[0] + [1]
    return rows


@PROPERTY
@given(count_tables(), st.sampled_from([None, "linear", "quadratic"]))
def test_kappa_from_table_on_hostile_tables_gives_a_clean_error_or_a_kappa(rows, weights):
    result = clean_error(lambda: metrics.kappa_from_table(rows, weights=weights), ["table"])
    if isinstance(result, float):
        assert np.isnan(result) or -1 - 1e-12 <= result <= 1 + 1e-12


# --- rate, generate and rules on hostile input ----------------------------------------------------

CORRUPTIONS = st.sampled_from(
    [
        ("employee_id", None),
        ("employee_id", np.nan),
        ("employee_id", ""),
        ("dimension", None),
        ("period", np.nan),
        ("level", np.nan),
        ("level", np.inf),
        ("level", -np.inf),
        ("level", "tinggi"),
    ]
)


@PROPERTY
@given(CORRUPTIONS, st.integers(0, 50))
def test_rate_on_a_corrupted_performance_table_names_performance(world, corruption, row):
    performance, _ = world
    column, value = corruption
    corrupted = performance.astype({column: object})
    corrupted.loc[row, column] = value
    result = clean_error(lambda: rate(corrupted, RaterBias(), rng=1), ["performance"])
    assert isinstance(result, (ValueError, TypeError))


@PROPERTY
@given(
    st.sampled_from(
        [[], (), "R001", [RaterBias(), "noise"], 3, None, pd.DataFrame({"rater_id": []})]
    )
)
def test_rate_with_unusable_biases_names_biases(world, biases):
    performance, _ = world
    result = clean_error(lambda: rate(performance, biases, rng=1), ["biases"])
    assert isinstance(result, (ValueError, TypeError))


@PROPERTY
@given(
    st.sampled_from(
        [
            ("n_offices", 0),
            ("n_offices", "3"),
            ("n_offices", 2.5),
            ("n_offices", np.nan),
            ("periods", 1),
            ("periods", np.inf),
            ("trained_share", np.nan),
            ("trained_share", 1.5),
            ("trained_share", "half"),
            ("rng", "seed"),
            ("rng", -1),
            ("raters", "santai"),
            ("offices", pd.DataFrame({"size": []})),
            ("offices", pd.DataFrame({"size": [np.inf]})),
            ("offices", [3, 4]),
        ]
    )
)
def test_generate_with_an_unusable_argument_names_it(argument):
    name, value = argument
    result = clean_error(lambda: kinerja_sim.generate(**{name: value}), [name])
    assert isinstance(result, (ValueError, TypeError))


@PROPERTY
@given(st.binary(max_size=200))
def test_rules_load_on_arbitrary_bytes_gives_one_error_naming_the_file(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("aturan") / "aturan.yaml"
    path.write_bytes(content)
    result = clean_error(lambda: rules.load(path), [str(path)])
    assert isinstance(result, ValueError) and str(result).startswith(str(path))


@PROPERTY
@given(st.text(max_size=200))
def test_rules_load_on_arbitrary_unicode_text_gives_one_error_naming_the_file(
    tmp_path_factory, content
):
    path = tmp_path_factory.mktemp("aturan") / "aturan.yaml"
    path.write_text(content, encoding="utf-8")
    result = clean_error(lambda: rules.load(path), [str(path)])
    assert isinstance(result, ValueError) and str(result).startswith(str(path))
