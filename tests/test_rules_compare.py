"""Side by side: one tidy table of each employee under each regime (issue 3, item 5)."""
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from kinerja_sim import rules
from kinerja_sim.dimensions import BERAKHLAK
from kinerja_sim.rules.compare import COMPARE_COLUMNS, employee_inputs


def small_dataset():
    employees = pd.DataFrame({"employee_id": ["E1", "E2", "E3"], "office_id": ["O1", "O1", "O2"],
                              "supervisor_id": ["R1", "R1", "R2"]})
    indicators = pd.DataFrame({
        "employee_id": ["E1", "E1", "E2", "E3"], "rhk_id": ["K1", "K1", "K2", "K3"],
        "aspect": ["kuantitas", "waktu", "kuantitas", "kualitas"],
        "target": [100.0, 12.0, 50.0, 80.0], "realisation": [120.0, 12.0, 40.0, 80.0],
        "direction": ["higher", "lower", "higher", "higher"]})
    scores = {"E1": 4.0, "E2": 2.0, "E3": 3.0}
    ratings = pd.DataFrame([(rater, e, d, scores[e] + (0.0 if rater == sup else 1.0))
                            for e, sup in [("E1", "R1"), ("E2", "R1"), ("E3", "R2")]
                            for rater in (sup, "R9") for d in ("hasil_kerja", *BERAKHLAK)],
                           columns=["rater_id", "employee_id", "dimension", "score"])
    offices = pd.DataFrame({"office_id": ["O1", "O2"], "organisation_predicate": ["Baik", "Istimewa"]})
    return SimpleNamespace(employees=employees, indicators=indicators, ratings=ratings, offices=offices)


def test_one_row_per_employee_and_regime_with_stable_columns():
    table = rules.compare_regimes(small_dataset())
    assert list(table.columns) == COMPARE_COLUMNS
    assert len(table) == 9 and table.groupby("regime").size().tolist() == [3, 3, 3]


def test_perilaku_uses_the_supervisor_scores():
    inputs = employee_inputs(small_dataset()).set_index("employee_id")
    assert inputs["perilaku_score"].to_dict() == {"E1": 4.0, "E2": 2.0, "E3": 3.0}


def test_values_follow_each_regime():
    table = rules.compare_regimes(small_dataset()).set_index(["regime", "employee_id"])
    pp46 = rules.load("pp-46-2011")
    skp = (120 + pp46.aspect_score("waktu", target=12, realisation=12)) / 2     # mean over aspects present
    assert table.loc[("pp-46-2011", "E1"), "skp_value"] == pytest.approx(skp)
    assert table.loc[("pp-46-2011", "E1"), "value"] == pytest.approx(0.6 * skp + 0.4 * 90)
    assert table.loc[("pp-30-2019", "E2"), "skp_value"] == pytest.approx(70.0)      # capaian 80% -> 70
    assert table.loc[("pp-30-2019", "E2"), "value"] == pytest.approx(0.7 * 70 + 0.3 * 80)
    assert table.loc[("pp-30-2019", "E2"), "predicate"] == "Cukup"


def test_2022_has_ratings_and_predicate_but_no_value():
    table = rules.compare_regimes(small_dataset()).set_index(["regime", "employee_id"]).loc["permenpanrb-6-2022"]
    assert table["value"].isna().all()
    assert table.loc["E1", ["rating_hasil_kerja", "rating_perilaku", "predicate"]].tolist() == [
        "Di Atas Ekspektasi", "Di Atas Ekspektasi", "Sangat Baik"]
    assert table.loc["E2", "predicate"] == "Sangat Kurang"


def test_hasil_kerja_from_ratings_instead_of_indicators():
    table = rules.compare_regimes(small_dataset(), ["permenpanrb-6-2022"], hasil_kerja="ratings")
    assert table["rating_hasil_kerja"].tolist() == ["Di Atas Ekspektasi", "Di Bawah Ekspektasi", "Sesuai Ekspektasi"]


def test_enforce_curve_applies_per_office():
    table = rules.compare_regimes(small_dataset(), ["permenpanrb-6-2022"], enforce_curve=True)
    rs = rules.load("permenpanrb-6-2022")
    for office, organisation in [("O1", "Baik"), ("O2", "Istimewa")]:
        assert rs.check_curve(table.loc[table["office_id"] == office, "predicate"], organisation=organisation).ok


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
