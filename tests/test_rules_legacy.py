"""PP 46/2011 and PP 30/2019 rule sets: the worked values of SPEC 2.2."""
import numpy as np
import pandas as pd
import pytest

from kinerja_sim import rules


@pytest.fixture(scope="module")
def pp46():
    return rules.load("pp-46-2011")


@pytest.fixture(scope="module")
def pp30():
    return rules.load("pp-30-2019")


@pytest.mark.parametrize("realisation, expected", [(12, 76.0), (10, 92.7), (9, 75.0), (6, 50.0), (14, 59.3)])
def test_pp46_waktu_worked_values(pp46, realisation, expected):
    assert round(pp46.aspect_score("waktu", target=12, realisation=realisation), 1) == expected


def test_pp46_waktu_jumps_at_24_percent_efficiency(pp46):
    at_break = pp46.aspect_score("waktu", target=100, realisation=76)      # e = 24
    beyond = pp46.aspect_score("waktu", target=100, realisation=75.9)      # e = 24.1
    assert at_break == pytest.approx(100.0) and beyond == pytest.approx(75.9)


def test_pp46_kuantitas_and_kualitas_are_ratios(pp46):
    out = pp46.aspect_score(np.array(["kuantitas", "kualitas"]), target=[10, 100], realisation=[9, 95])
    np.testing.assert_allclose(out, [90.0, 95.0])


def test_pp46_biaya_follows_waktu_formula_and_needs_a_target(pp46):
    assert pp46.aspect_score("biaya", target=1000, realisation=1000) == pytest.approx(76.0)
    assert np.isnan(pp46.aspect_score("biaya", target=0, realisation=0))


def test_pp46_unknown_aspect_is_refused(pp46):
    with pytest.raises(ValueError, match="aspect.*'mutu'"):
        pp46.aspect_score("mutu", target=1, realisation=1)


def test_pp46_activity_divides_by_three_or_four(pp46):
    assert pp46.activity_value(kuantitas=90, kualitas=90, waktu=90) == pytest.approx(90)
    assert pp46.activity_value(kuantitas=90, kualitas=90, waktu=90, biaya=70) == pytest.approx(85)
    assert pp46.activity_value(kuantitas=90, kualitas=90, waktu=90, biaya=np.nan) == pytest.approx(90)


@pytest.mark.parametrize("tasks, bonus", [(0, 0), (1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (12, 3)])
def test_pp46_tugas_tambahan_bonus(pp46, tasks, bonus):
    assert pp46.tugas_tambahan_bonus(tasks) == bonus


def test_pp46_final_value_is_60_40(pp46):
    assert pp46.final_value(skp=90, perilaku=80) == pytest.approx(86.0)


@pytest.mark.parametrize("value, label", [
    (100, "Sangat Baik"), (91, "Sangat Baik"), (90.5, "Sangat Baik"), (90, "Baik"), (76, "Baik"),
    (75, "Cukup"), (61, "Cukup"), (60, "Kurang"), (51, "Kurang"), (50, "Buruk"), (0, "Buruk")])
def test_pp46_categories(pp46, value, label):
    assert pp46.category(value) == label


def test_pp46_skp_from_indicators_averages_aspects_then_activities(pp46):
    indicators = pd.DataFrame({
        "employee_id": ["E1"] * 4, "rhk_id": ["K1", "K1", "K1", "K2"],
        "aspect": ["kuantitas", "kualitas", "waktu", "kuantitas"],
        "target": [10, 100, 12, 5], "realisation": [10, 90, 10, 4],
        "direction": ["higher", "higher", "lower", "higher"]})
    k1 = (100 + 90 + (1.76 * 12 - 10) / 12 * 100) / 3
    assert pp46.skp_from_indicators(indicators)["E1"] == pytest.approx((k1 + 80) / 2)


@pytest.mark.parametrize("capaian, value", [
    (0, 0), (59, 49), (60, 50), (70, 60), (79, 69), (80, 70), (90, 80), (99, 89), (100, 109),
    (101, 110), (110, 120), (111, 120), (150, 120), (-20, 0)])
def test_pp30_capaian_conversion(pp30, capaian, value):
    assert pp30.capaian_value(capaian) == pytest.approx(value)


def test_pp30_conversion_is_continuous_at_80_percent(pp30):
    assert pp30.capaian_value(80 - 1e-9) == pytest.approx(pp30.capaian_value(80.0), abs=1e-6)


def test_pp30_capaian_where_smaller_is_better(pp30):
    assert pp30.iki_value(realisation=8, target=10, direction="lower") == pytest.approx(120)
    assert rules.capaian(12, 10, "lower") == pytest.approx(80)


def test_pp30_final_value_weights(pp30):
    assert pp30.final_value(skp=100, perilaku=80) == pytest.approx(94)
    assert pp30.final_value(skp=100, perilaku=80, with_360=True) == pytest.approx(92)


@pytest.mark.parametrize("value, new_idea, label", [
    (120, True, "Sangat Baik"), (110, True, "Sangat Baik"), (115, False, "Baik"), (109.9, True, "Baik"),
    (90, False, "Baik"), (89.9, False, "Cukup"), (70, False, "Cukup"), (69.9, False, "Kurang"),
    (50, False, "Kurang"), (49.9, False, "Sangat Kurang")])
def test_pp30_categories(pp30, value, new_idea, label):
    assert pp30.category(value, new_idea=new_idea) == label


def test_pp30_category_vectorised_with_new_idea_per_employee(pp30):
    out = pp30.category(pd.Series([115, 115]), new_idea=[True, False])
    assert out.tolist() == ["Sangat Baik", "Baik"]


def test_perilaku_mapping_from_scores(pp30, pp46):
    assert pp46.perilaku_value(3.0) == 80 and pp46.perilaku_value(5.0) == 100
    np.testing.assert_allclose(pp30.perilaku_value([2.5, 3.0, 3.5, 5.0]), [90, 100, 110, 120])
