"""The rater bias model (SPEC 3.2): each bias shows its own signature, zero means absent."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from kinerja_sim import PRESETS, RaterBias, rate, train
from kinerja_sim.raters import BIAS_FIELDS, FLOOR_RESPONSE, TRAINING_FACTORS, kept_floor
from kinerja_sim.world.dimensions import DIMENSIONS


def _performance(n=400, periods=4, *, rng=0, trend=0.0):
    """Levels with a known truth (employee × dimension) and an optional linear trend."""
    rng = np.random.default_rng(rng)
    truth = 3 + 0.6 * rng.standard_normal((n, len(DIMENSIONS)))
    slope = trend * rng.standard_normal(n)
    position = np.arange(periods) / (periods - 1) - 0.5
    level = truth[:, :, None] + slope[:, None, None] * position
    ids = [f"E{i:04d}" for i in range(n)]
    performance = pd.DataFrame(
        {
            "employee_id": np.repeat(ids, len(DIMENSIONS) * periods),
            "period": np.tile(np.arange(1, periods + 1), n * len(DIMENSIONS)),
            "dimension": np.tile(np.repeat(DIMENSIONS, periods), n),
            "level": level.ravel(),
        }
    )
    truth_long = pd.DataFrame(
        {
            "employee_id": np.repeat(ids, len(DIMENSIONS)),
            "dimension": np.tile(DIMENSIONS, n),
            "true_score": truth.ravel(),
        }
    )
    return performance, truth_long


def _wide(ratings, column="score"):
    return ratings.pivot_table(index="employee_id", columns="dimension", values=column)


def test_rater_bias_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        RaterBias().leniency = 1.0


@pytest.mark.parametrize(
    "name, value",
    [
        ("central_tendency", 1.0),
        ("halo", -0.1),
        ("noise", -1.0),
        ("contrast", 1.2),
        ("leniency", 3.0),
    ],
)
def test_out_of_range_bias_is_refused_naming_the_field(name, value):
    with pytest.raises(ValueError, match=f"{name} must be"):
        RaterBias(**{name: value})


def test_bias_of_wrong_type_is_refused():
    with pytest.raises(TypeError, match="halo must be a number"):
        RaterBias(halo="high")


def test_unbiased_rater_reports_the_mean_evidence_level():
    performance, truth = _performance(50)
    ratings = rate(performance, RaterBias(), truth=truth, rng=1)
    np.testing.assert_allclose(ratings["score"], ratings["true_score"].clip(1, 5), atol=0.006)


def test_leniency_shifts_every_score_by_its_value():
    performance, truth = _performance(300)
    ratings = rate(performance, RaterBias(leniency=0.4), truth=truth, rng=1)
    inside = ratings["true_score"].between(1.5, 4.5)
    shift = (ratings["score"] - ratings["true_score"])[inside]
    assert shift.mean() == pytest.approx(0.4, abs=0.01)


def test_central_tendency_shrinks_the_spread_toward_three():
    performance, truth = _performance(300)
    ratings = rate(performance, RaterBias(central_tendency=0.5), truth=truth, rng=1)
    slope = np.polyfit(ratings["true_score"].clip(1, 5), ratings["score"], 1)[0]
    assert slope == pytest.approx(0.5, abs=0.03)


def test_halo_raises_the_correlation_between_dimensions():
    performance, _ = _performance(300)
    plain = _wide(rate(performance, RaterBias(), rng=1)).corr().to_numpy()
    haloed = _wide(rate(performance, RaterBias(halo=0.7), rng=1)).corr().to_numpy()
    off = ~np.eye(len(DIMENSIONS), dtype=bool)
    assert haloed[off].mean() > plain[off].mean() + 0.4


def test_recency_weights_late_periods_more():
    performance, _ = _performance(300, trend=1.0)
    late = performance[performance["period"] == 4].set_index(["employee_id", "dimension"])["level"]
    early = performance[performance["period"] == 1].set_index(["employee_id", "dimension"])["level"]
    scores = rate(performance, RaterBias(recency=3.0), rng=1).set_index(
        ["employee_id", "dimension"]
    )["score"]
    assert scores.corr(late) > scores.corr(early) + 0.2


def test_contrast_lowers_a_case_that_follows_a_strong_one():
    performance, truth = _performance(400)
    ratings = rate(performance, RaterBias(contrast=0.5), truth=truth, rng=1)
    per_case = ratings.groupby(["employee_id", "order"], as_index=False)[
        ["score", "true_score"]
    ].mean()
    per_case = per_case.sort_values("order")
    previous_truth = per_case["true_score"].shift(1)
    error = per_case["score"] - per_case["true_score"]
    assert error.corr(previous_truth) < -0.5


def test_affinity_shifts_only_matched_employees():
    performance, truth = _performance(200)
    ids = truth["employee_id"].unique()
    assignments = pd.DataFrame(
        {"rater_id": "R001", "employee_id": ids, "affinity_match": np.arange(len(ids)) % 2 == 0}
    )
    ratings = rate(
        performance, RaterBias(affinity=0.5), truth=truth, assignments=assignments, rng=1
    )
    ratings = ratings.merge(assignments, on=["rater_id", "employee_id"])
    inside = ratings["true_score"].between(1.6, 4.4)
    error = (ratings["score"] - ratings["true_score"])[inside]
    matched = ratings.loc[inside, "affinity_match"]
    assert error[matched].mean() == pytest.approx(0.5, abs=0.01)
    assert error[~matched].mean() == pytest.approx(0.0, abs=0.01)


def test_idiosyncratic_liking_is_shared_by_all_dimensions_of_a_person():
    performance, truth = _performance(400)
    ratings = rate(performance, RaterBias(idiosyncratic=0.4), truth=truth, rng=1)
    error = (ratings["score"] - ratings["true_score"]).groupby(ratings["employee_id"])
    assert error.mean().std() == pytest.approx(0.4, rel=0.15)
    assert error.std().median() < 0.01  # the same shift on every dimension (apart from clipping)


def test_noise_is_independent_error_of_its_size():
    performance, truth = _performance(400)
    ratings = rate(performance, RaterBias(noise=0.3), truth=truth, rng=1)
    inside = ratings["true_score"].between(2, 4)
    assert (ratings["score"] - ratings["true_score"])[inside].std() == pytest.approx(0.3, rel=0.05)


def test_same_rng_gives_identical_ratings():
    performance, _ = _performance(30)
    bias = RaterBias(noise=0.3, idiosyncratic=0.2)
    pd.testing.assert_frame_equal(
        rate(performance, [bias, bias], rng=9), rate(performance, [bias, bias], rng=9)
    )


def test_each_rater_rates_every_employee_once_in_an_own_order():
    performance, _ = _performance(20)
    ratings = rate(performance, [RaterBias(), RaterBias()], rng=3)
    orders = ratings.drop_duplicates(["rater_id", "employee_id"]).groupby("rater_id")["order"]
    assert orders.apply(lambda o: sorted(o) == list(range(1, 21))).all()


def test_assignments_naming_an_unknown_rater_are_refused():
    performance, _ = _performance(5)
    assignments = pd.DataFrame({"rater_id": ["R009"], "employee_id": ["E0000"]})
    with pytest.raises(ValueError, match="rater"):
        rate(performance, RaterBias(), assignments=assignments)


def test_training_shrinks_every_bias_by_its_documented_factor():
    bias = RaterBias(**{name: 0.5 for name in BIAS_FIELDS})
    trained = train(bias)
    for name in TRAINING_FACTORS:
        assert getattr(trained, name) == pytest.approx(0.5 * TRAINING_FACTORS[name])


def test_floor_raises_every_score_below_it_and_leaves_the_rest():
    performance, truth = _performance(300)
    plain = rate(performance, RaterBias(), truth=truth, rng=1)
    floored = rate(performance, RaterBias(floor=2.9), truth=truth, rng=1)
    expected = np.maximum(plain["score"].to_numpy(), 2.9)  # hand rule: max(score, floor)
    np.testing.assert_allclose(floored["score"], expected, atol=1e-9)


def test_a_floor_at_or_below_the_scale_minimum_changes_nothing():
    performance, truth = _performance(100)
    pd.testing.assert_frame_equal(
        rate(performance, RaterBias(noise=0.3), rng=2),
        rate(performance, RaterBias(noise=0.3, floor=1.0), rng=2),
    )


def test_training_keeps_the_documented_share_of_the_floor():
    kept = FLOOR_RESPONSE["training"]
    assert train(RaterBias(floor=2.9)).floor == pytest.approx(1 + kept * 1.9)


def test_kept_floor_moves_the_floor_toward_the_scale_minimum():
    assert kept_floor(3.0, 0.5) == pytest.approx(2.0)  # halfway from 3 to 1
    assert kept_floor(0.0, 0.5) == 0.0  # no floor stays none


def test_population_draw_trains_the_requested_share():
    for seed in (1, 2, 3):
        raters = PRESETS["praktik"].draw(2000, trained_share=0.3, rng=seed)
        assert 0.26 < raters["trained"].mean() < 0.34
        untrained = PRESETS["praktik"].draw(2000, rng=seed)
        same = ~raters["trained"].to_numpy()
        pd.testing.assert_frame_equal(
            raters.loc[same, list(BIAS_FIELDS)], untrained.loc[same, list(BIAS_FIELDS)]
        )


def test_rate_and_rate_arrays_share_the_floor():
    from kinerja_sim.raters import rate_arrays

    truth = np.full((50, len(DIMENSIONS)), 1.5)
    bias = {name: np.zeros(1) for name in BIAS_FIELDS} | {"floor": np.array([2.9])}
    scores = rate_arrays(
        truth, bias, rater=np.zeros(50, int), evidence_noise=0.0, rng=np.random.default_rng(1)
    )
    assert (scores == 290).all()


def test_training_a_raters_table_marks_it_trained():
    table = train(PRESETS["supervisory"].draw(4, rng=1))
    assert table["trained"].all()


def test_preset_draws_are_reproducible_and_within_range():
    first = PRESETS["supervisory"].draw(200, rng=4)
    pd.testing.assert_frame_equal(first, PRESETS["supervisory"].draw(200, rng=4))
    assert first["halo"].between(0, 1).all() and (first["central_tendency"] < 1).all()


def test_pending_noise_in_the_kernel_has_the_distribution_of_noise_drawn_beforehand():
    """apply_biases(pending=(shared, spread)) equals adding that noise to the impressions first:
    same covariance across dimensions, and the same link to the next case through contrast."""
    from kinerja_sim.raters import apply_biases

    n, width = 200_000, 8
    base = np.tile(np.linspace(2.6, 3.4, width), (n, 1))
    bias = {
        "halo": np.full(n, 0.4),
        "central_tendency": np.full(n, 0.3),
        "leniency": np.full(n, 0.1),
        "contrast": np.full(n, 0.2),
        "affinity": np.zeros(n),
        "idiosyncratic": np.full(n, 0.15),
        "noise": np.full(n, 0.25),
    }
    shared, spread = np.full(n, 0.2), np.full(n, 0.35)

    def previous(overall):
        out = np.empty_like(overall)
        out[0], out[1:] = 3.0, overall[:-1]
        return out

    rng = np.random.default_rng(5)
    drawn = (
        base
        + shared[:, None] * rng.standard_normal((n, 1))
        + spread[:, None] * rng.standard_normal((n, width))
    )
    explicit = apply_biases(drawn, bias, previous=previous, rng=rng)
    kernel = apply_biases(
        base.copy(), bias, previous=previous, pending=(shared, spread), rng=np.random.default_rng(6)
    )
    assert np.allclose(kernel.mean(axis=0), explicit.mean(axis=0), atol=0.005)
    assert np.allclose(np.cov(kernel.T), np.cov(explicit.T), atol=0.004)
    lag = [np.corrcoef(s.mean(axis=1)[1:], s.mean(axis=1)[:-1])[0, 1] for s in (kernel, explicit)]
    assert (
        lag[0] == pytest.approx(lag[1], abs=0.01) and lag[1] < -0.02
    )  # contrast is there, and the same


def test_rate_arrays_and_the_kernel_take_an_int_seed_like_rate():
    """The randomness convention: an int seed is the Generator default_rng(seed)."""
    from kinerja_sim.raters import apply_biases, rate_arrays

    truth = np.full((30, len(DIMENSIONS)), 3.1, dtype=np.float32)
    bias = {name: np.full(2, 0.2) for name in BIAS_FIELDS}
    rater = np.repeat([0, 1], 15)
    seeded = rate_arrays(truth, bias, rater=rater, rng=7)
    np.testing.assert_array_equal(
        seeded, rate_arrays(truth, bias, rater=rater, rng=np.random.default_rng(7))
    )
    case_bias = {name: np.full(30, 0.2) for name in BIAS_FIELDS}
    kernel = [
        apply_biases(np.full((30, 8), 3.0), case_bias, previous=lambda o: o, rng=rng)
        for rng in (3, np.random.default_rng(3))
    ]
    np.testing.assert_array_equal(*kernel)
    with pytest.raises(TypeError, match="rng"):
        rate_arrays(truth, bias, rater=rater, rng="seven")


def test_the_package_re_exports_every_public_name_of_its_modules():
    import kinerja_sim.raters as package
    from kinerja_sim.raters import bias, kernel, presets, table, training

    for module in (bias, kernel, presets, table, training):
        for name in module.__all__:
            assert getattr(package, name) is getattr(module, name), name
            assert name in package.__all__, name
