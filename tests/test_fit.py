"""kinerja_sim.byod.fit: recovery of known rater parameters, reproducibility, goodness-of-fit tables."""
import dataclasses

import numpy as np
import pandas as pd
import pytest

import kinerja_sim
from kinerja_sim import rules
from kinerja_sim.dimensions import BERAKHLAK
from kinerja_sim.byod.fit import MOMENTS, PARAMETERS, fit_simulation, observed_moments
from kinerja_sim.byod.read import RATING_CODES
from kinerja_sim.raters import PRESETS

RS = rules.load("permenpanrb-6-2022")


def appraisal_table(ds) -> pd.DataFrame:
    """What read_appraisals would give for a generated world (labels from the rule set)."""
    scores = ds.ratings.pivot_table(index="employee_id", columns="dimension", values="score")
    hasil = RS.rating(scores["hasil_kerja"])
    perilaku = RS.rating(scores[list(BERAKHLAK)].mean(axis=1))
    people = ds.employees.set_index("employee_id").loc[scores.index]
    offices = ds.offices.set_index("office_id")
    return pd.DataFrame({
        "employee_id": scores.index, "rater_id": people["supervisor_id"].to_numpy(),
        "unit_kerja": people["office_id"].map(offices["name"]).to_numpy(),
        "rating_hasil_kerja": hasil.to_numpy(), "rating_perilaku_kerja": perilaku.to_numpy(),
        "predikat": RS.predicate(hasil, perilaku).to_numpy(),
        "predikat_organisasi": people["office_id"].map(offices["organisation_predicate"]).to_numpy(),
        "kode_hasil_kerja": hasil.map(RATING_CODES).to_numpy(),
        "kode_perilaku_kerja": perilaku.map(RATING_CODES).to_numpy()})


TRUE = {"leniency": 0.55, "leniency_spread": 0.35, "central_tendency": 0.4, "halo": 0.6}


@pytest.fixture(scope="module")
def recovered():
    base = PRESETS["supervisory"]
    population = dataclasses.replace(
        base, mean=dataclasses.replace(base.mean, leniency=TRUE["leniency"], central_tendency=TRUE["central_tendency"],
                                       halo=TRUE["halo"]),
        spread={**base.spread, "leniency": TRUE["leniency_spread"]})
    observed = appraisal_table(kinerja_sim.generate(40, raters=population, rng=404))
    return observed, fit_simulation(observed, base="supervisory", worlds=2, rng=7)


def test_fit_recovers_known_rater_parameters(recovered):
    _, fit = recovered
    estimates = fit.parameters.set_index("parameter")
    for name, tolerance in (("leniency", 0.15), ("leniency_spread", 0.15), ("central_tendency", 0.12), ("halo", 0.25)):
        row = estimates.loc[name]
        assert abs(row["estimate"] - TRUE[name]) < max(tolerance, 2.5 * row["se"]), name


def test_fitted_simulation_reproduces_the_observed_distributions(recovered):
    _, fit = recovered
    assert fit.goodness["max_share_difference"] < 0.04
    assert fit.goodness["predikat_total_variation"] < 0.05
    assert fit.goodness["max_abs_z"] < 3


def test_result_tables_have_their_documented_shape(recovered):
    observed, fit = recovered
    assert list(fit.parameters.columns) == ["parameter", "estimate", "se", "ci_low", "ci_high", "start"]
    assert tuple(fit.parameters["parameter"]) == PARAMETERS and tuple(fit.moments["moment"]) == MOMENTS
    sums = fit.distributions.groupby("aspect")[["observed", "fitted"]].sum()
    assert np.allclose(sums, 1.0)
    assert set(fit.rater_means["source"]) == {"observed", "fitted"}
    assert (fit.n_employees, fit.n_raters) == (len(observed), observed["rater_id"].nunique())
    assert fit.population.name == "fitted"


def test_organisation_mix_counts_units_by_kind_and_predicate(recovered):
    observed, fit = recovered
    mix = fit.organisation
    assert mix.groupby("what")["observed_units"].sum().eq(observed["unit_kerja"].nunique()).all()
    assert "lainnya" not in set(mix["value"])


def test_synthetic_copy_has_the_regions_offices_and_their_sizes(recovered):
    observed, fit = recovered
    copy = fit.generate(rng=1)
    assert len(copy.offices) == observed["unit_kerja"].nunique()
    observed_sizes = sorted(observed.groupby("unit_kerja").size().clip(lower=2))
    assert sorted(copy.employees.groupby("office_id").size()) == observed_sizes
    assert copy.ratings["score"].between(1, 5).all()


def test_same_seed_same_fit():
    observed = appraisal_table(kinerja_sim.generate(8, rng=5))
    first = fit_simulation(observed, worlds=1, max_evaluations=25, bootstrap=30, rng=3)
    again = fit_simulation(observed, worlds=1, max_evaluations=25, bootstrap=30, rng=3)
    pd.testing.assert_frame_equal(first.parameters, again.parameters)


def test_too_few_raters_is_refused_in_bahasa_indonesia():
    observed = appraisal_table(kinerja_sim.generate(2, rng=5))
    small = observed[observed["rater_id"].isin(observed["rater_id"].unique()[:3])]
    with pytest.raises(ValueError, match="Terlalu sedikit data"):
        fit_simulation(small, rng=1)


def test_between_rater_sd_is_zero_for_identical_teams_and_grows_with_rater_shifts():
    codes = np.tile([1, 2, 2, 3], 10)
    rater = np.repeat(np.arange(10), 4)
    assert observed_moments(codes, codes, rater)[4] == 0
    shifted = np.clip(codes + (rater % 2), 1, 3)
    assert observed_moments(shifted, shifted, rater)[4] > 0.15
