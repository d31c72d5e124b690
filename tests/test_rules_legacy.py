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


@pytest.mark.parametrize(
    "realisation, expected", [(12, 76.0), (10, 92.7), (9, 75.0), (6, 50.0), (14, 59.3)]
)
def test_pp46_waktu_worked_values(pp46, realisation, expected):
    assert round(pp46.aspect_score("waktu", target=12, realisation=realisation), 1) == expected


def test_pp46_waktu_jumps_at_24_percent_efficiency(pp46):
    at_break = pp46.aspect_score("waktu", target=100, realisation=76)  # e = 24
    beyond = pp46.aspect_score("waktu", target=100, realisation=75.9)  # e = 24.1
    assert at_break == pytest.approx(100.0) and beyond == pytest.approx(75.9)


def test_pp46_kuantitas_and_kualitas_are_ratios(pp46):
    out = pp46.aspect_score(
        np.array(["kuantitas", "kualitas"]), target=[10, 100], realisation=[9, 95]
    )
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
    assert pp46.activity_value(kuantitas=90, kualitas=90, waktu=90, biaya=np.nan) == pytest.approx(
        90
    )


def test_pp46_worked_example_of_the_perka_appendix(pp46):
    # Worked example as taught from Perka BKN 1/2013 (scribd.com/document/354032278, "rumus skp"):
    # 1 laporan of 1, kualitas 90 of 100, 12 of 12 months, Rp 170,395,000 of 170,395,000
    # -> kuantitas 100, kualitas 90, waktu 76, biaya 76; activity value (100+90+76+76)/4 = 85.5.
    aspects = np.array(["kuantitas", "kualitas", "waktu", "biaya"])
    values = pp46.aspect_score(
        aspects, target=[1, 100, 12, 170_395_000], realisation=[1, 90, 12, 170_395_000]
    )
    np.testing.assert_allclose(values, [100, 90, 76, 76])
    assert pp46.activity_value(kuantitas=100, kualitas=90, waktu=76, biaya=76) == pytest.approx(
        85.5
    )


@pytest.mark.parametrize("missing", ["kuantitas", "kualitas", "waktu"])
def test_pp46_activity_without_one_of_the_three_aspects_is_refused(pp46, missing):
    values = {"kuantitas": 100.0, "kualitas": 100.0, "waktu": 76.0, missing: np.nan}
    with pytest.raises(ValueError, match=missing):
        pp46.activity_value(**values)


def test_pp46_waktu_beyond_1_76_target_is_bounded_at_zero(pp46):
    # The formula alone gives (1.76*12 - 36)/12*100 = -124 at R = 3T (issue 15).
    assert pp46.aspect_score("waktu", target=12, realisation=36) == 0.0


def test_pp46_kuantitas_far_above_target_is_capped(pp46):
    # R / T x 100 alone gives 1000 at 10x the target (issue 15); the cap is an ASSUMPTION block.
    assert pp46.aspect_score("kuantitas", target=10, realisation=100) == 100.0
    assert rules.read_spec("pp-46-2011")["aspect_bounds"]["confidence"] == "ASSUMPTION"


def test_pp46_aspect_from_ratio_matches_the_worked_waktu_values(pp46):
    ratios = np.array([12, 10, 9, 6, 14]) / 12
    np.testing.assert_allclose(
        pp46.aspect_from_ratio("waktu", ratios).round(1), [76.0, 92.7, 75.0, 50.0, 59.3]
    )


@pytest.mark.parametrize("tasks, bonus", [(0, 0), (1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (12, 3)])
def test_pp46_tugas_tambahan_bonus(pp46, tasks, bonus):
    assert pp46.tugas_tambahan_bonus(tasks) == bonus


@pytest.mark.parametrize("tasks", [-1, 2.5, np.nan])
def test_pp46_tugas_tambahan_must_be_a_whole_count(pp46, tasks):
    with pytest.raises(ValueError, match="tugas_tambahan"):
        pp46.tugas_tambahan_bonus(tasks)


@pytest.mark.parametrize(
    "kreativitas, points", [(0, 0), ("unit_kerja", 3), ("organisasi", 6), ("negara", 12), (6, 6)]
)
def test_pp46_kreativitas_adds_its_points_to_the_skp(pp46, kreativitas, points):
    assert pp46.skp_value([80, 90], kreativitas=kreativitas) == pytest.approx(85 + points)


def test_pp46_kreativitas_outside_the_table_is_refused(pp46):
    with pytest.raises(ValueError, match="kreativitas"):
        pp46.skp_value([80], kreativitas=5)


def test_pp46_final_value_is_60_40(pp46):
    assert pp46.final_value(skp=90, perilaku=80) == pytest.approx(86.0)


@pytest.mark.parametrize("skp, perilaku", [(90, 101), (90, -1), (-5, 80), (200, 80), (np.inf, 80)])
def test_pp46_final_value_refuses_values_outside_their_bounds(pp46, skp, perilaku):
    with pytest.raises(ValueError, match="skp|perilaku"):
        pp46.final_value(skp=skp, perilaku=perilaku)


@pytest.mark.parametrize(
    "value, label",
    [
        (100, "Sangat Baik"),
        (91, "Sangat Baik"),
        (90, "Baik"),
        (76, "Baik"),
        (75, "Cukup"),
        (61, "Cukup"),
        (60, "Kurang"),
        (51, "Kurang"),
        (50, "Buruk"),
        (0, "Buruk"),
    ],
)
def test_pp46_categories_on_whole_numbers(pp46, value, label):
    assert pp46.category(value) == label


def test_pp46_high_categories_block_holds_only_whole_number_bands():
    description = rules.read_spec("pp-46-2011")
    assert description["categories"]["confidence"] == "HIGH"
    assert [level.get("min") for level in description["categories"]["levels"]] == [
        91,
        76,
        61,
        51,
        None,
    ]
    assert all(set(level) <= {"label", "min"} for level in description["categories"]["levels"])
    assert description["between_bands"]["confidence"] == "ASSUMPTION"


@pytest.mark.parametrize(
    "rule, label", [("up", "Sangat Baik"), ("down", "Baik"), ("nearest", "Sangat Baik")]
)
def test_pp46_value_between_bands_follows_the_marked_assumption(rule, label):
    description = rules.read_spec("pp-46-2011")
    description["between_bands"]["rule"] = rule
    assert rules.from_mapping(description).category(90.5) == label


def test_pp46_float_noise_does_not_lift_a_band(pp46):
    # a sum of activity values that should be exactly 90 can land a few ulps above it
    assert pp46.category([90 + 1e-12, 75 + 1e-12]).tolist() == ["Baik", "Cukup"]


def test_pp46_same_work_gives_the_same_activity_value(pp46):
    # Issue 15: an activity with kuantitas and kualitas only scored 100, one with waktu too 92.
    indicators = pd.DataFrame(
        {
            "employee_id": ["E1", "E1", "E2", "E2", "E2"],
            "rhk_id": ["K1", "K1", "K2", "K2", "K2"],
            "aspect": ["kuantitas", "kualitas", "kuantitas", "kualitas", "waktu"],
            "target": [10, 100, 10, 100, 12],
            "realisation": [10, 100, 10, 100, 12],
            "direction": ["higher", "higher", "higher", "higher", "lower"],
        }
    )
    skp = pp46.skp_from_indicators(indicators)
    assert skp["E1"] == pytest.approx(92.0) and skp["E2"] == pytest.approx(92.0)


def test_pp46_share_on_time_indicator_gets_the_waktu_formula(pp46):
    # "268 of 576 generated waktu indicators never get the waktu formula": a waktu indicator
    # where larger is better (a share done on time) scored its capaian, 100 at target.
    indicators = pd.DataFrame(
        {
            "employee_id": "E1",
            "rhk_id": "K1",
            "aspect": ["waktu"],
            "target": [90.0],
            "realisation": [90.0],
            "direction": ["higher"],
        }
    )
    assert pp46.indicator_scores(indicators).iloc[0] == pytest.approx(76.0)


def test_pp46_missing_aspects_take_the_activity_capaian_and_on_time(pp46):
    indicators = pd.DataFrame(
        {
            "employee_id": "E1",
            "rhk_id": "K1",
            "aspect": ["kuantitas"],
            "target": [10.0],
            "realisation": [8.0],
            "direction": ["higher"],
        }
    )
    row = pp46.activity_table(indicators).iloc[0]
    assert (row["kuantitas"], row["kualitas"], row["waktu"]) == (80.0, 80.0, 76.0)
    assert np.isnan(row["biaya"]) and row["activity_value"] == pytest.approx((80 + 80 + 76) / 3)


def test_pp46_skp_from_indicators_averages_aspects_then_activities(pp46):
    indicators = pd.DataFrame(
        {
            "employee_id": ["E1"] * 4,
            "rhk_id": ["K1", "K1", "K1", "K2"],
            "aspect": ["kuantitas", "kualitas", "waktu", "kuantitas"],
            "target": [10, 100, 12, 5],
            "realisation": [10, 90, 10, 4],
            "direction": ["higher", "higher", "lower", "higher"],
        }
    )
    k1 = (100 + 90 + (1.76 * 12 - 10) / 12 * 100) / 3
    k2 = (80 + 80 + 76) / 3
    assert pp46.skp_from_indicators(indicators)["E1"] == pytest.approx((k1 + k2) / 2)


@pytest.mark.parametrize("seed", [1, 7, 2022])
def test_pp46_every_activity_of_a_generated_world_has_the_three_aspects(pp46, seed):
    import kinerja_sim

    indicators = kinerja_sim.generate(n_offices=2, rng=seed).indicators
    table = pp46.activity_table(indicators)
    assert len(table) == indicators.groupby(["employee_id", "rhk_id"]).ngroups
    assert table[["kuantitas", "kualitas", "waktu"]].notna().all().all()
    assert table["activity_value"].between(0, 100).all()
    waktu = indicators[indicators["aspect"] == "waktu"]
    on_time = waktu.assign(realisation=waktu["target"])
    np.testing.assert_allclose(
        pp46.indicator_scores(on_time), 76.0
    )  # the formula, whatever the unit


def test_pp46_perilaku_is_the_mean_of_five_or_six_aspects(pp46):
    values = [80, 90, 85, 75, 80, 70]  # orientasi .. kerja sama, kepemimpinan
    assert pp46.perilaku_value(values) == pytest.approx(410 / 5)
    assert pp46.perilaku_value(values, structural=True) == pytest.approx(480 / 6)


def test_pp46_perilaku_needs_kepemimpinan_only_for_structural(pp46):
    values = {
        "orientasi_pelayanan": 80,
        "integritas": 80,
        "komitmen": 80,
        "disiplin": 80,
        "kerja_sama": 80,
    }
    assert pp46.perilaku_value(values) == pytest.approx(80)
    with pytest.raises(ValueError, match="kepemimpinan"):
        pp46.perilaku_value(values, structural=True)


def test_pp46_perilaku_aspect_outside_0_100_is_refused(pp46):
    with pytest.raises(ValueError, match="perilaku aspect"):
        pp46.perilaku_value([80, 80, 80, 80, 120, 80])


def test_pp46_perilaku_lists_the_six_aspects_of_the_regulation(pp46):
    assert pp46.perilaku_aspects == (
        "orientasi_pelayanan",
        "integritas",
        "komitmen",
        "disiplin",
        "kerja_sama",
        "kepemimpinan",
    )
    assert pp46.structural_only == ("kepemimpinan",)


def test_pp46_berakhlak_mapping_is_a_marked_assumption_using_every_value():
    from kinerja_sim.world.dimensions import BERAKHLAK

    block = rules.read_spec("pp-46-2011")["berakhlak_mapping"]
    assert block["confidence"] == "ASSUMPTION"
    used = {value for values in block["aspects"].values() for value in values}
    assert used == set(BERAKHLAK)


def test_pp46_aspects_from_berakhlak_scores(pp46):
    # BERAKHLAK order: pelayanan, akuntabel, kompeten, harmonis, loyal, adaptif, kolaboratif.
    scores = [3, 4, 2, 5, 2, 4, 3]
    # orientasi = pelayanan 3 -> 80; integritas = akuntabel 4 -> 90; komitmen = loyal 2 -> 70;
    # disiplin = akuntabel 4 -> 90; kerja sama = (kolaboratif 3 + harmonis 5)/2 = 4 -> 90;
    # kepemimpinan = (kompeten 2 + adaptif 4)/2 = 3 -> 80.
    np.testing.assert_allclose(
        pp46.perilaku_aspects_from_berakhlak(scores), [80, 90, 70, 90, 90, 80]
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_pp46_array_form_matches_hand_computation(pp46, seed):
    rng = np.random.default_rng(seed)
    n, a = 200, 3
    kuantitas, kualitas = rng.uniform(0.5, 1.3, (n, a)), rng.uniform(0.6, 1.0, (n, a))
    waktu = rng.uniform(0.6, 1.4, (n, a))
    kuantitas[:50, 2] = np.nan  # the first 50 have two activities
    perilaku = rng.uniform(50, 100, (n, 6))
    structural = rng.random(n) < 0.2
    tasks = rng.integers(0, 9, n)
    out = pp46.score_arrays(
        kuantitas=kuantitas,
        kualitas=kualitas,
        waktu=waktu,
        perilaku=perilaku,
        structural=structural,
        tugas_tambahan=tasks,
    )
    for i in rng.choice(n, 25, replace=False):
        activities = []
        for j in range(a if i >= 50 else 2):
            q, k, r = min(100 * kuantitas[i, j], 100), min(100 * kualitas[i, j], 100), waktu[i, j]
            e = 100 - 100 * r
            t = (1.76 - r) * 100 if e <= 24 else 76 - ((1.76 - r) * 100 - 100)
            activities.append((q + k + min(max(t, 0), 100)) / 3)
        bonus = 0 if tasks[i] == 0 else 1 if tasks[i] <= 3 else 2 if tasks[i] <= 6 else 3
        skp = sum(activities) / len(activities) + bonus
        behaviour = perilaku[i].mean() if structural[i] else perilaku[i, :5].mean()
        value = 0.6 * skp + 0.4 * behaviour
        label = (
            "Sangat Baik"
            if value > 90
            else "Baik"
            if value > 75
            else "Cukup"
            if value > 60
            else "Kurang"
            if value > 50
            else "Buruk"
        )
        assert out.skp[i] == pytest.approx(skp) and out.value[i] == pytest.approx(value)
        assert out.category_labels()[i] == label


def test_pp46_array_form_refuses_an_activity_without_waktu(pp46):
    with pytest.raises(ValueError, match="three aspects"):
        pp46.skp_arrays(np.array([1.0]), np.array([1.0]), np.array([np.nan]))


def test_pp46_outcomes_map_categories_to_2022_predicates_as_an_assumption(pp46):
    assert rules.read_spec("pp-46-2011")["outcomes"]["confidence"] == "ASSUMPTION"
    assert pp46.predicate_2022(["Sangat Baik", "Cukup", "Buruk"]).tolist() == [
        "Sangat Baik",
        "Butuh Perbaikan",
        "Sangat Kurang",
    ]
    np.testing.assert_allclose(pp46.angka_kredit_percentage(["Baik", "Kurang"]), [1.0, 0.5])
    assert pp46.outcome_table()["category"].tolist() == list(pp46.labels)


@pytest.mark.parametrize(
    "capaian, value",
    [
        (0, 0),
        (59, 49),
        (60, 50),
        (70, 60),
        (79, 69),
        (80, 70),
        (90, 80),
        (99, 89),
        (100, 109),
        (101, 110),
        (110, 120),
        (111, 120),
        (150, 120),
        (-20, 0),
    ],
)
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


@pytest.mark.parametrize(
    "value, new_idea, label",
    [
        (120, True, "Sangat Baik"),
        (110, True, "Sangat Baik"),
        (115, False, "Baik"),
        (109.9, True, "Baik"),
        (90, False, "Baik"),
        (89.9, False, "Cukup"),
        (70, False, "Cukup"),
        (69.9, False, "Kurang"),
        (50, False, "Kurang"),
        (49.9, False, "Sangat Kurang"),
    ],
)
def test_pp30_categories(pp30, value, new_idea, label):
    assert pp30.category(value, new_idea=new_idea) == label


def test_pp30_category_vectorised_with_new_idea_per_employee(pp30):
    out = pp30.category(pd.Series([115, 115]), new_idea=[True, False])
    assert out.tolist() == ["Sangat Baik", "Baik"]


def test_perilaku_mapping_from_scores(pp30, pp46):
    assert pp46.perilaku_from_score(3.0) == 80 and pp46.perilaku_from_score(5.0) == 100
    np.testing.assert_allclose(pp30.perilaku_value([2.5, 3.0, 3.5, 5.0]), [90, 100, 110, 120])


def test_pp30_high_conversion_block_holds_no_assumption():
    description = rules.read_spec("pp-30-2019")
    assert "counts as 0" not in description["capaian_conversion"]["note"]
    assert description["capaian_bounds"]["confidence"] == "ASSUMPTION"


@pytest.mark.parametrize("skp, perilaku", [(121, 100), (100, 121), (-1, 100), (np.inf, 100)])
def test_pp30_final_value_refuses_values_outside_0_120(pp30, skp, perilaku):
    with pytest.raises(ValueError, match="skp|perilaku"):
        pp30.final_value(skp=skp, perilaku=perilaku)


def test_pp30_array_form_matches_hand_computation(pp30):
    capaian = np.array([[100, 115, np.nan], [85, 70, 50], [120, 120, 120], [100, 100, 100]])
    perilaku = np.array([110.0, 100.0, 120.0, 100.0])
    out = pp30.score_arrays(
        capaian=capaian,
        perilaku=perilaku,
        new_idea=[True, False, False, False],
        with_360=[False, False, False, True],
    )
    # (109 + 120)/2 = 114.5; (75 + 60 + 41.53)/3; 120; 109 with 60/40.
    skp = [114.5, (75 + 60 + 50 / 59 * 49) / 3, 120.0, 109.0]
    np.testing.assert_allclose(out.skp, skp)
    np.testing.assert_allclose(
        out.value, [0.7 * 114.5 + 33, 0.7 * skp[1] + 30, 120.0, 0.6 * 109 + 40]
    )
    assert out.category_labels().tolist() == ["Sangat Baik", "Cukup", "Baik", "Baik"]


def test_pp30_outcomes_map_predikat_to_2022_predicates(pp30):
    assert pp30.predicate_2022(["Cukup", "Sangat Kurang"]).tolist() == [
        "Butuh Perbaikan",
        "Sangat Kurang",
    ]
    np.testing.assert_allclose(pp30.tpp_share(["Baik", "Kurang"]), [1.0, 0.6])


def test_pp46_behaviour_aspects_have_trainee_labels_in_both_languages(pp46):
    assert pp46.perilaku_labels()["orientasi_pelayanan"] == "Orientasi Pelayanan"
    assert pp46.perilaku_labels("en")["disiplin"] == "Discipline"


@pytest.mark.parametrize("target, realisation", [(-12, 12), (12, -1), (np.inf, 12), (12, np.inf)])
def test_pp46_negative_or_infinite_target_or_realisation_is_refused(pp46, target, realisation):
    with pytest.raises(ValueError, match="target|realisation"):
        pp46.aspect_score("waktu", target=target, realisation=realisation)


def test_pp46_zero_target_is_refused_except_for_biaya(pp46):
    with pytest.raises(ValueError, match="target must be above 0"):
        pp46.aspect_score("kuantitas", target=0, realisation=5)
    assert np.isnan(pp46.aspect_score("biaya", target=0, realisation=0))


def test_pp46_negative_ratio_is_refused_in_array_form(pp46):
    with pytest.raises(ValueError, match="ratio"):
        pp46.aspect_from_ratio("waktu", np.array([1.0, -0.5]))
