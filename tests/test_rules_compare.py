"""Side by side: one tidy table of each employee under each regime (issue 3, item 5)."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from kinerja_sim import rules
from kinerja_sim.rules.compare import COMPARE_COLUMNS, employee_inputs
from kinerja_sim.world.dimensions import BERAKHLAK


def small_dataset():
    employees = pd.DataFrame(
        {
            "employee_id": ["E1", "E2", "E3"],
            "office_id": ["O1", "O1", "O2"],
            "supervisor_id": ["R1", "R1", "R2"],
        }
    )
    indicators = pd.DataFrame(
        {
            "employee_id": ["E1", "E1", "E2", "E3"],
            "rhk_id": ["K1", "K1", "K2", "K3"],
            "aspect": ["kuantitas", "waktu", "kuantitas", "kualitas"],
            "target": [100.0, 12.0, 50.0, 80.0],
            "realisation": [120.0, 12.0, 40.0, 80.0],
            "direction": ["higher", "lower", "higher", "higher"],
        }
    )
    scores = {"E1": 4.0, "E2": 2.0, "E3": 3.0}
    ratings = pd.DataFrame(
        [
            (rater, e, d, scores[e] + (0.0 if rater == sup else 1.0))
            for e, sup in [("E1", "R1"), ("E2", "R1"), ("E3", "R2")]
            for rater in (sup, "R9")
            for d in ("hasil_kerja", *BERAKHLAK)
        ],
        columns=["rater_id", "employee_id", "dimension", "score"],
    )
    offices = pd.DataFrame(
        {"office_id": ["O1", "O2"], "organisation_predicate": ["Baik", "Istimewa"]}
    )
    return SimpleNamespace(
        employees=employees, indicators=indicators, ratings=ratings, offices=offices
    )


def test_one_row_per_employee_and_regime_with_stable_columns():
    table = rules.compare_regimes(small_dataset())
    assert list(table.columns) == COMPARE_COLUMNS
    assert len(table) == 9 and table.groupby("regime").size().tolist() == [3, 3, 3]


def test_perilaku_uses_the_supervisor_scores():
    inputs = employee_inputs(small_dataset()).set_index("employee_id")
    assert inputs["perilaku_score"].to_dict() == {"E1": 4.0, "E2": 2.0, "E3": 3.0}


def test_values_follow_each_regime():
    table = rules.compare_regimes(small_dataset()).set_index(["regime", "employee_id"])
    # kuantitas 120% capped at 100; kualitas missing: the activity's mean capaian (120, 100) -> 110,
    # capped at 100; waktu 12 of 12 -> 76. Perilaku: every BerAKHLAK score 4 -> each aspect 90.
    skp = (100 + 100 + 76) / 3
    assert table.loc[("pp-46-2011", "E1"), "skp_value"] == pytest.approx(skp)
    assert table.loc[("pp-46-2011", "E1"), "value"] == pytest.approx(0.6 * skp + 0.4 * 90)
    assert table.loc[("pp-30-2019", "E2"), "skp_value"] == pytest.approx(70.0)  # capaian 80% -> 70
    assert table.loc[("pp-30-2019", "E2"), "value"] == pytest.approx(0.7 * 70 + 0.3 * 80)
    assert table.loc[("pp-30-2019", "E2"), "predicate"] == "Cukup"


def test_2022_has_ratings_and_predicate_but_no_value():
    table = (
        rules.compare_regimes(small_dataset())
        .set_index(["regime", "employee_id"])
        .loc["permenpanrb-6-2022"]
    )
    assert table["value"].isna().all()
    assert table.loc["E1", ["rating_hasil_kerja", "rating_perilaku", "predicate"]].tolist() == [
        "Di Atas Ekspektasi",
        "Di Atas Ekspektasi",
        "Sangat Baik",
    ]
    assert table.loc["E2", "predicate"] == "Sangat Kurang"


def test_hasil_kerja_from_ratings_instead_of_indicators():
    table = rules.compare_regimes(small_dataset(), ["permenpanrb-6-2022"], hasil_kerja="ratings")
    assert table["rating_hasil_kerja"].tolist() == [
        "Di Atas Ekspektasi",
        "Di Bawah Ekspektasi",
        "Sesuai Ekspektasi",
    ]


def test_enforce_curve_applies_per_office():
    table = rules.compare_regimes(small_dataset(), ["permenpanrb-6-2022"], enforce_curve=True)
    rs = rules.load("permenpanrb-6-2022")
    for office, organisation in [("O1", "Baik"), ("O2", "Istimewa")]:
        assert rs.check_curve(
            table.loc[table["office_id"] == office, "predicate"], organisation=organisation
        ).ok


def test_custom_rule_set_object_is_accepted():
    description = rules.read_spec("pp-30-2019")
    description["name"] = "pp-30-2019-360"
    description["weights"]["standard"] = {"skp": 0.6, "perilaku": 0.4}
    table = rules.compare_regimes(small_dataset(), [rules.from_mapping(description)])
    assert table["regime"].unique().tolist() == ["pp-30-2019-360"]


def test_on_a_generated_dataset():
    kinerja_sim = pytest.importorskip("kinerja_sim")
    dataset = kinerja_sim.generate(n_offices=2, rng=2022)
    table = rules.compare_regimes(dataset, enforce_curve=True)
    assert len(table) == 3 * len(dataset.employees)
    assert table["predicate"].notna().all()
    legacy = table[table["regime"] != "permenpanrb-6-2022"]
    assert np.isfinite(legacy["value"]).all()
    organisation = dataset.offices.set_index("office_id")["organisation_predicate"]
    current = table[table["regime"] == "permenpanrb-6-2022"]
    rs = rules.load("permenpanrb-6-2022")
    for office, part in current.groupby("office_id"):
        check = rs.check_curve(part["predicate"], organisation=organisation[office])
        assert check.ok or not check.feasible


def test_pp46_perilaku_counts_kepemimpinan_only_for_structural_positions():
    data = small_dataset()
    data.employees["position_type"] = ["struktural", "pelaksana", "fungsional"]
    data.ratings.loc[
        (data.ratings["employee_id"] == "E1")
        & data.ratings["dimension"].isin(["kompeten", "adaptif"])
        & (data.ratings["rater_id"] == "R1"),
        "score",
    ] = 2.0
    table = rules.compare_regimes(data, ["pp-46-2011"]).set_index("employee_id")
    # E1 structural: five aspects at 90 (score 4) and kepemimpinan = (2 + 2)/2 -> 70: (450 + 70) /
    # 6.
    assert table.loc["E1", "perilaku_value"] == pytest.approx(520 / 6)


def test_office_head_takes_the_office_result_under_2022():
    data = small_dataset()
    data.offices["head_id"] = ["E2", "E3"]  # E2 achieved 80% (Di Bawah) but heads a Baik office
    table = rules.compare_regimes(data, ["permenpanrb-6-2022"]).set_index("employee_id")
    assert table.loc["E2", "rating_hasil_kerja"] == "Sesuai Ekspektasi"
    assert table.loc["E3", "rating_hasil_kerja"] == "Di Atas Ekspektasi"  # Istimewa office
    assert table.loc["E1", "rating_hasil_kerja"] == "Di Atas Ekspektasi"  # not a head: own result
    plain = rules.compare_regimes(data, ["permenpanrb-6-2022"], unit_leaders=False).set_index(
        "employee_id"
    )
    assert plain.loc["E2", "rating_hasil_kerja"] == "Di Bawah Ekspektasi"


@pytest.mark.parametrize("seed", [3, 11])
def test_generated_world_under_pp46_scores_every_activity_on_three_aspects(seed):
    kinerja_sim = pytest.importorskip("kinerja_sim")
    dataset = kinerja_sim.generate(n_offices=2, rng=seed)
    pp46 = rules.load("pp-46-2011")
    activities = pp46.activity_table(dataset.indicators)
    assert activities[["kuantitas", "kualitas", "waktu"]].notna().all().all()
    table = rules.compare_regimes(dataset, [pp46]).set_index("employee_id")
    expected = activities.groupby("employee_id")["activity_value"].mean()
    np.testing.assert_allclose(table.loc[expected.index, "skp_value"], expected)
    assert table["perilaku_value"].between(0, 100).all()
