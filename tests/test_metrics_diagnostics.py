"""Rater profiles, the recovery study, and calibration of rater effects."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

import kinerja_sim
from kinerja_sim.metrics import FlagThresholds, calibrate, rater_profile
from kinerja_sim.raters import RaterBias, rate
from kinerja_sim.studies.recovery import recovery_study


@pytest.fixture(scope="module")
def workshop():
    ds = kinerja_sim.generate(n_offices=1, rng=11)
    chosen = ds.employees["employee_id"].iloc[:20]
    cases = ds.performance[ds.performance["employee_id"].isin(chosen)]
    return ds.truth(), cases


# The recovery study's figures (README) come from benchmarks/recovery.py on its report
# seeds; the thresholds were tuned on other seeds. These tests check the same properties
# cheaply on seeds used by neither.
SEEDS = (31, 32, 33)


@pytest.fixture(scope="module")
def kit_study():
    tables = [recovery_study(40, levels=["half", "threshold", "clear"], rng=seed) for seed in SEEDS]
    return pd.concat(tables).groupby("condition", sort=False).mean(numeric_only=True)


@pytest.mark.slow
def test_recovery_study_finds_each_clear_bias(kit_study):
    clear = kit_study.loc[["leniency", "central_tendency", "halo", "recency"]]
    for name in clear.index:
        assert clear.loc[name, f"flag_{name}"] >= 0.85, name


@pytest.mark.slow
def test_recovery_study_rarely_flags_an_unbiased_rater(kit_study):
    none = kit_study.loc["none"]
    assert none["false_flag"] <= 0.10
    assert (
        none[["flag_leniency", "flag_central_tendency", "flag_halo", "flag_recency"]] <= 0.08
    ).all()


@pytest.mark.slow
def test_a_bias_at_half_its_threshold_is_rarely_flagged(kit_study):
    # the tuning rule (at most 10% on the tuning seeds), checked on other seeds with some slack
    for name in ("leniency", "central_tendency", "halo", "recency"):
        assert kit_study.loc[f"{name}@half", f"flag_{name}"] <= 0.15, name


@pytest.mark.slow
def test_a_bias_at_its_threshold_is_flagged_about_half_the_time(kit_study):
    for name in ("leniency", "central_tendency", "halo", "recency"):
        assert 0.25 <= kit_study.loc[f"{name}@threshold", f"flag_{name}"] <= 0.75, name


@pytest.mark.slow
def test_halo_does_not_read_as_central_tendency():
    from kinerja_sim.raters import RaterPopulation

    haloed = RaterPopulation(
        name="halo",
        description="",
        source="",
        mean=RaterBias(halo=0.35, idiosyncratic=0.3, noise=0.3),
    )
    rates = [
        recovery_study(40, baseline=haloed, rng=seed)
        .set_index("condition")
        .loc["none", "flag_central_tendency"]
        for seed in SEEDS
    ]
    assert np.mean(rates) <= 0.08


@pytest.mark.slow
def test_peer_reference_recovers_clear_leniency_without_flagging_unbiased_raters():
    # 45 case sets; the review found an unbiased rater flagged lenient 10% of the time when the
    # other studied (biased) raters were the reference; benchmarks/recovery.py measures .003
    tables = [
        recovery_study(15, reference="peers", rng=seed).set_index("condition") for seed in SEEDS
    ]
    assert np.mean([t.loc["leniency", "flag_leniency"] for t in tables]) >= 0.85
    assert np.mean([t.loc["none", "flag_leniency"] for t in tables]) < 0.10


def test_recovery_study_refuses_an_unknown_baseline():
    with pytest.raises(ValueError, match="baseline must be 'kit'"):
        recovery_study(1, baseline="nobody", rng=1)


def test_profile_columns_are_stable(workshop):
    truth, cases = workshop
    profile = rater_profile(
        rate(cases, RaterBias(noise=0.3), truth=truth, rng=1), performance=cases
    )
    assert list(profile.columns[:4]) == ["rater", "reference", "n_ratings", "n_ratees"]
    assert profile.columns[-1] == "explanation" and profile["reference"].iloc[0] == "truth"


def test_noiseless_rater_estimates_equal_injected_biases(workshop):
    truth, cases = workshop
    biases = [RaterBias(leniency=0.4), RaterBias(central_tendency=0.5), RaterBias(halo=0.5)]
    profile = rater_profile(rate(cases, biases, truth=truth, rng=1), performance=cases)
    assert profile.loc[0, "leniency"] == pytest.approx(0.4, abs=0.08)
    assert profile.loc[1, "central_tendency"] == pytest.approx(0.5, abs=0.1)
    assert profile.loc[2, "halo"] == pytest.approx(0.5, abs=0.1)


def test_profile_without_truth_compares_with_the_other_raters(workshop):
    truth, cases = workshop
    biases = [RaterBias(noise=0.2)] * 6 + [RaterBias(leniency=0.8, noise=0.2)]
    ratings = rate(cases, biases, rng=2)
    profile = rater_profile(ratings, lang="en")
    assert (profile["reference"] == "others").all()
    assert profile["flag_leniency"].tolist() == [False] * 6 + [True]
    assert profile["recency"].isna().all()
    assert "the other raters" in profile["explanation"].iloc[-1]


def test_explanation_is_bahasa_indonesia_with_a_decimal_comma(workshop):
    truth, cases = workshop
    ratings = rate(cases, RaterBias(leniency=-0.7, noise=0.2), truth=truth, rng=3)
    text = rater_profile(ratings, lang="id")["explanation"].iloc[0]
    assert text.startswith("Nilai Anda rata-rata 0,") and "terlalu ketat" in text


def test_thresholds_must_be_a_flag_thresholds_object(workshop):
    truth, cases = workshop
    with pytest.raises(TypeError, match="thresholds must be a FlagThresholds"):
        rater_profile(rate(cases, RaterBias(), truth=truth, rng=1), thresholds={"z": 2})


def test_flag_thresholds_refuse_negative_values():
    with pytest.raises(ValueError, match="halo must be at least 0.0"):
        FlagThresholds(halo=-0.1)


def test_performance_must_cover_every_rated_case(workshop):
    truth, cases = workshop
    ratings = rate(cases, RaterBias(), truth=truth, rng=1)
    with pytest.raises(ValueError, match="performance must hold a level for every period"):
        rater_profile(ratings, performance=cases[cases["period"] != 2].iloc[5:])


def unbalanced(rng, n_raters=6, n_ratees=15):
    rows = [
        (f"R{r}", f"E{i:02d}")
        for r in range(n_raters)
        for i in range(n_ratees)
        if rng.random() < 0.6
    ]
    data = pd.DataFrame(rows, columns=["rater_id", "employee_id"])
    severity = np.linspace(-0.5, 0.5, n_raters)
    ratee_level = rng.normal(0, 0.6, n_ratees)
    data["score"] = (
        3
        + ratee_level[data["employee_id"].str[1:].astype(int)]
        + severity[data["rater_id"].str[1:].astype(int)]
        + rng.normal(0, 0.3, len(data))
    )
    return data


def test_additive_calibration_equals_ols_with_sum_contrasts():
    data = unbalanced(np.random.default_rng(0))
    result = calibrate(data)
    fit = smf.ols("score ~ C(rater_id, Sum) + C(employee_id)", data).fit()
    np.testing.assert_allclose(
        result.rater_effects["effect"].iloc[:-1], fit.params.filter(like="rater_id")
    )
    np.testing.assert_allclose(
        result.rater_effects["se"].iloc[:-1], fit.bse.filter(like="rater_id")
    )


SEVERITY = np.linspace(-0.5, 0.5, 5)  # the rater effects unbalanced() injects with n_raters=5


@pytest.mark.parametrize("method", ["additive", "mixed"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_calibration_recovers_the_injected_severity(seed, method):
    # about 24 ratings per rater with noise sd 0.3: se of an effect about 0.07; over 40
    # seeds the largest miss was 0.19, so 0.25 (3.5 se) is a bound, not a lucky seed
    data = unbalanced(np.random.default_rng(seed), n_raters=5, n_ratees=40)
    result = calibrate(data, method=method)
    np.testing.assert_allclose(result.rater_effects["effect"], SEVERITY, atol=0.25)
    assert (result.rater_effects["ci_low"] < result.rater_effects["ci_high"]).all()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_adjusted_scores_remove_the_injected_severity(seed):
    data = unbalanced(np.random.default_rng(seed), n_raters=5, n_ratees=40)
    removed = (
        (data["score"] - calibrate(data).adjusted["adjusted"]).groupby(data["rater_id"]).mean()
    )
    np.testing.assert_allclose(removed.to_numpy(), SEVERITY, atol=0.25)


def test_calibration_refuses_raters_without_shared_ratees():
    data = pd.DataFrame(
        {
            "rater_id": ["A", "A", "B", "B"],
            "employee_id": ["e1", "e2", "e3", "e4"],
            "score": [3.0, 4.0, 3.0, 2.0],
        }
    )
    with pytest.raises(ValueError, match="rater\\(s\\) B share no ratee with A"):
        calibrate(data)


def test_a_rater_who_gives_one_score_to_everything_is_flagged_for_central_tendency():
    import warnings

    import kinerja_sim
    from kinerja_sim.metrics import rater_profile
    from kinerja_sim.raters import RaterBias, rate

    ds = kinerja_sim.generate(n_offices=1, rng=5)
    cases = ds.performance[ds.performance["employee_id"].isin(ds.employees["employee_id"][:12])]
    ratings = rate(cases, [RaterBias(noise=0.2), RaterBias(noise=0.2)], truth=ds.truth(), rng=5)
    ratings.loc[ratings["rater_id"] == "R002", "score"] = 3.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        profile = rater_profile(ratings, lang="en").set_index("rater")
    flat = profile.loc["R002"]
    assert flat["central_tendency"] == 1.0 and flat["flag_central_tendency"]
    assert abs(flat["leniency"]) < 0.05 and not flat["flag_leniency"]
    from kinerja_sim._core.i18n import t

    # no "about 0% show": a share near nothing is said in words
    assert t("profile.bias.central_none", lang="en") in flat["explanation"]
    assert "0%" not in flat["explanation"]
