"""The national world's provinces and central agencies, and incentives paid by regime (issue #22,
item 7).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kinerja_sim.policy import Scenario, simulate
from kinerja_sim.policy.incentives import incentive_rules, pay_per_category, price, tukin_mapping
from kinerja_sim.policy.population import central_share, plan_offices, provinces
from kinerja_sim.policy.simulate import Simulation
from kinerja_sim.rules import PREDICATES

OLD_COLUMNS = [
    "office_id",
    "kabupaten_id",
    "kind",
    "size",
    "office_effect",
    "organisation_predicate",
    "chunk",
]


@pytest.fixture(scope="module")
def national():
    return plan_offices(4_700_000, rng=5).offices


def test_provinces_and_central_agencies_leave_every_other_draw_unchanged():
    none = plan_offices(200_000, central=0.0, rng=3).offices
    half = plan_offices(200_000, central=0.5, rng=3).offices
    pd.testing.assert_frame_equal(none[OLD_COLUMNS], half[OLD_COLUMNS])
    assert (none["instansi"] == "daerah").all() and (half["instansi"] == "pusat").any()


def test_the_plan_is_the_same_for_the_same_seed():
    pd.testing.assert_frame_equal(
        plan_offices(100_000, rng=8).offices, plan_offices(100_000, rng=8).offices
    )


def test_central_agencies_hold_their_documented_share_of_employees(national):
    share = national.loc[national["instansi"] == "pusat", "size"].sum() / national["size"].sum()
    assert central_share() == pytest.approx(0.22)
    assert abs(share - central_share()) < national["size"].max() / national["size"].sum()


def test_the_pay_regime_follows_the_kind_of_government(national):
    regime = national["regime"].astype(str)
    instansi = national["instansi"].astype(str)
    assert set(zip(instansi, regime)) == {("daerah", "tpp"), ("pusat", "tukin")}


def test_the_reference_data_has_the_38_provinces_and_514_kabupaten_and_kota():
    table = provinces()
    assert len(table) == 38 and table["provinsi"].is_unique
    assert table["kabupaten"].sum() == 416 and table["kota"].sum() == 98


def test_each_kabupaten_lies_in_one_province_and_none_has_more_than_it_really_has(national):
    per_kabupaten = national.groupby("kabupaten_id")["provinsi"].nunique()
    assert (per_kabupaten == 1).all()
    assert national["kabupaten_id"].nunique() <= 514  # one real kabupaten or kota each
    counted = national.groupby("provinsi", observed=True)["kabupaten_id"].nunique()
    real = provinces().set_index("provinsi")
    assert (counted <= (real["kabupaten"] + real["kota"]).reindex(counted.index)).all()
    assert len(counted) >= 35  # about 500 of the 514 drawn: nearly every province


def test_the_tukin_mapping_pays_sangat_baik_and_baik_the_same_with_its_source():
    shares, base = tukin_mapping()
    assert shares["Sangat Baik"] == shares["Baik"] == 1.0
    assert shares["Butuh Perbaikan"] > shares["Kurang/Misconduct"] > shares["Sangat Kurang"]
    assert "Pasal 19" in incentive_rules()["tukin"]["source"] and base > 0
    assert "Sangat Baik and Baik are paid the same" in incentive_rules()["tpp"]["mapping"]


def test_central_offices_are_paid_tukin_and_regional_offices_tpp():
    result = simulate(employees=60_000, progress=False, rng=2)
    offices = result.offices
    central = offices["regime"].astype(str) == "tukin"
    assert central.any() and (~central).any()
    assert (offices.loc[central, "tpp_cost"] == 0).all()
    assert (offices.loc[~central, "tukin_cost"] == 0).all()
    counts = offices.loc[central, [f"n_{k}" for k in result.keys]].to_numpy(dtype=float)
    expected = counts @ pay_per_category(result.scenario, "tukin")
    np.testing.assert_allclose(offices.loc[central, "tukin_cost"], expected)
    outcomes = result.outcomes()
    regional = offices.loc[~central, "n"].sum()
    assert outcomes["tpp_per_employee"] == pytest.approx(offices["tpp_cost"].sum() / regional)
    assert outcomes["incentive_total"] == pytest.approx(
        outcomes["tpp_total"] + outcomes["tukin_total"]
    )


def test_a_tpp_cut_moves_only_the_regional_bill():
    cheap = {**Scenario().tpp, "Baik": 0.5}
    base = simulate(employees=40_000, progress=False, rng=4).outcomes()
    cut = simulate(Scenario(tpp=cheap), employees=40_000, progress=False, rng=4).outcomes()
    assert cut["tpp_total"] < base["tpp_total"]
    assert cut["tukin_total"] == pytest.approx(base["tukin_total"])


def test_lines_of_a_regime_without_employees_are_not_printed():
    result = simulate(employees=30_000, progress=False, rng=1)
    assert {"tpp_total", "tukin_total"} <= set(result.summary()["metric"])
    regional = result.offices.assign(regime="tpp", tukin_cost=0.0)
    only_tpp = Simulation(result.scenario, regional, result.confusion).summary()
    assert "tukin_total" not in set(only_tpp["metric"])
    assert "tpp_total" in set(only_tpp["metric"])


def test_pricing_without_a_regime_column_pays_everyone_tpp():
    result = simulate(employees=20_000, progress=False, rng=1)
    plain = result.offices.drop(columns=["regime", "tukin_cost"])
    assert price(plain, result.scenario, result.keys) is plain


def test_the_older_regimes_pay_each_category_as_the_predicate_of_the_same_rank():
    pay = pay_per_category(Scenario(rules="pp-46-2011"), "tukin")
    shares, base = tukin_mapping()
    assert pay[0] == shares[PREDICATES[0]] * base * 12 and pay[-1] < pay[0]
