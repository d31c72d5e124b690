"""PermenPAN-RB 6/2022 rule set: ratings, predicate matrix, curve and angka kredit (SPEC 2.1)."""

import numpy as np
import pandas as pd
import pytest

from kinerja_sim import rules

ATAS, SESUAI, BAWAH = "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"


@pytest.fixture(scope="module")
def rs():
    return rules.load("permenpanrb-6-2022")


@pytest.mark.parametrize(
    "hasil, perilaku, expected",
    [
        (ATAS, BAWAH, "Kurang/Misconduct"),
        (ATAS, SESUAI, "Baik"),
        (ATAS, ATAS, "Sangat Baik"),
        (SESUAI, BAWAH, "Kurang/Misconduct"),
        (SESUAI, SESUAI, "Baik"),
        (SESUAI, ATAS, "Baik"),
        (BAWAH, BAWAH, "Sangat Kurang"),
        (BAWAH, SESUAI, "Butuh Perbaikan"),
        (BAWAH, ATAS, "Butuh Perbaikan"),
    ],
)
def test_predicate_matrix_matches_spec_table(rs, hasil, perilaku, expected):
    assert rs.predicate(hasil, perilaku) == expected


def test_predicate_on_series_keeps_index(rs):
    hasil = pd.Series([ATAS, BAWAH], index=["E7", "E9"])
    out = rs.predicate(hasil, pd.Series([ATAS, SESUAI], index=["E7", "E9"]))
    assert out.to_dict() == {"E7": "Sangat Baik", "E9": "Butuh Perbaikan"}


def test_predicate_refuses_unknown_label_naming_it(rs):
    with pytest.raises(ValueError, match="hasil_kerja.*'Luar Biasa'"):
        rs.predicate("Luar Biasa", SESUAI)


def test_predicate_is_vectorised_on_a_million_rows(rs):
    labels = np.array([BAWAH, SESUAI, ATAS], dtype=object)[np.arange(1_000_000) % 3]
    out = rs.predicate(labels, labels[::-1])
    assert len(out) == 1_000_000


def test_score_thresholds_default_to_contract(rs):
    assert rs.rating([1.0, 2.49, 2.5, 3.49, 3.5, 5.0]).tolist() == [
        BAWAH,
        BAWAH,
        SESUAI,
        SESUAI,
        ATAS,
        ATAS,
    ]


def test_achievement_thresholds_default_to_90_and_110_percent(rs):
    assert rs.rating_hasil_kerja(pd.Series([89.99, 90.0, 109.99, 110.0])).tolist() == [
        BAWAH,
        SESUAI,
        SESUAI,
        ATAS,
    ]


def test_achievement_rule_is_marked_assumption(rs):
    table = rs.confidence().set_index("rule")["confidence"]
    assert table["achievement_to_rating"] == "ASSUMPTION"
    assert table["predicate_matrix"] == "HIGH"


def test_angka_kredit_formula(rs):
    ak = rs.angka_kredit(
        ["Baik", "Butuh Perbaikan", "Sangat Kurang"],
        ["Ahli Pertama", "Ahli Madya", "Ahli Utama"],
        months=np.array([12, 6, 12]),
    )
    np.testing.assert_allclose(ak, [12.5, 0.5 * 0.75 * 37.5, 0.25 * 50])


def test_angka_kredit_is_nan_without_coefficient(rs):
    assert np.isnan(rs.angka_kredit("Baik", ""))


# --- curve -----------------------------------------------------------------------------


def test_check_curve_message_in_bahasa_indonesia(rs):
    result = rs.check_curve(["Baik"] * 6 + ["Butuh Perbaikan"], organisation="Baik")
    assert not result.ok
    assert result.violations == (
        "Predikat Baik 6 dari 7 pegawai (86%); paling banyak 70% (4 pegawai).",
    )


def test_check_curve_reports_missing_negative_predicate(rs):
    result = rs.check_curve(["Sangat Baik"] * 3 + ["Baik"] * 4, organisation="Baik")
    assert result.violations == (
        "Predikat Butuh Perbaikan atau Kurang/Misconduct 0 dari 7 pegawai (0%); paling sedikit 1 "
        "pegawai.",
    )


def test_check_curve_english(rs):
    result = rs.check_curve(["Sangat Baik"] * 2, organisation="Sangat Kurang", lang="en")
    assert any(
        text.startswith("Predicate Sangat Baik: 2 of 2 employees") for text in result.violations
    )


def test_check_curve_passes_valid_distribution(rs):
    team = ["Sangat Baik", "Baik", "Baik", "Baik", "Butuh Perbaikan"]
    assert rs.check_curve(team, organisation="Baik").ok


def test_check_curve_frame_has_one_row_per_limit(rs):
    frame = rs.check_curve(["Kurang/Misconduct"] * 10, organisation="Kurang").to_frame()
    assert list(frame.columns) == [
        "organisation",
        "predicates",
        "limit",
        "share",
        "bound",
        "count",
        "n",
        "ok",
    ]
    assert frame["ok"].tolist() == [True, False, True]
    assert frame["bound"].tolist() == [6, 1, 1]


def test_check_curve_refuses_unknown_organisation(rs):
    with pytest.raises(ValueError, match="organisation"):
        rs.check_curve(["Baik"], organisation="Luar Biasa")


def test_enforce_baik_demotes_lowest_ranked_baik(rs):
    result = rs.enforce_curve(["Baik"] * 7, [7, 6, 5, 4, 3, 2, 1], organisation="Baik")
    assert result.predicates.tolist() == ["Baik"] * 4 + ["Butuh Perbaikan"] * 3
    assert result.n_changed == 3 and result.check.ok


def test_enforce_baik_needs_one_negative(rs):
    team = ["Sangat Baik", "Sangat Baik", "Baik", "Baik"]
    result = rs.enforce_curve(team, [9, 8, 7, 1], organisation="Baik")
    assert result.predicates.tolist() == ["Sangat Baik", "Sangat Baik", "Baik", "Butuh Perbaikan"]


def test_enforce_istimewa_caps_sangat_baik(rs):
    result = rs.enforce_curve(["Sangat Baik"] * 10, np.arange(10), organisation="Istimewa")
    assert result.predicates.tolist() == ["Baik"] * 3 + ["Sangat Baik"] * 7


def test_enforce_sangat_kurang_promotes_when_it_must(rs):
    result = rs.enforce_curve(["Sangat Kurang"] * 10, np.arange(10), organisation="Sangat Kurang")
    assert result.predicates.tolist() == ["Sangat Kurang"] * 9 + ["Kurang/Misconduct"]
    assert result.check.ok


def test_enforce_leaves_valid_team_unchanged(rs):
    team = ["Sangat Baik", "Baik", "Baik", "Baik", "Butuh Perbaikan"]
    assert rs.enforce_curve(team, [1, 2, 3, 4, 5], organisation="Baik").n_changed == 0


def test_enforce_tie_break_by_order(rs):
    result = rs.enforce_curve(["Baik"] * 4, [1, 1, 1, 1], organisation="Baik")
    assert result.predicates.tolist() == ["Baik", "Baik", "Butuh Perbaikan", "Butuh Perbaikan"]


def test_enforce_random_tie_break_is_seeded(rs):
    first = rs.enforce_curve(
        ["Baik"] * 20, np.ones(20), organisation="Baik", tie_break="random", rng=7
    )
    again = rs.enforce_curve(
        ["Baik"] * 20, np.ones(20), organisation="Baik", tie_break="random", rng=7
    )
    assert first.predicates.equals(again.predicates) and first.n_changed == 6


def test_enforce_rounding_is_configurable():
    spec = rules.read_spec("permenpanrb-6-2022")
    spec["curve"]["rounding"]["maximum"] = "ceil"
    lenient = rules.from_mapping(spec)
    result = lenient.enforce_curve(["Baik"] * 7, np.arange(7), organisation="Baik")
    assert (result.predicates == "Baik").sum() == 5  # ceil(0.7 × 7) = 5


def test_enforce_tiny_team_reports_infeasible(rs):
    result = rs.enforce_curve(["Kurang/Misconduct"], [1.0], organisation="Kurang")
    assert not result.feasible and not result.check.ok
    assert "Tidak ada sebaran" in result.check.violations[-1]


def test_enforce_by_office_matches_one_office_at_a_time(rs):
    rng = np.random.default_rng(3)
    frame = pd.DataFrame(
        {
            "office_id": rng.choice(["A", "B", "C", "D"], 200),
            "predicate": rng.choice(rules.PREDICATES, 200, p=[0.2, 0.6, 0.1, 0.05, 0.05]),
            "rank": rng.normal(size=200),
        }
    )
    orgs = {"A": "Istimewa", "B": "Baik", "C": "Butuh Perbaikan", "D": "Kurang"}
    frame["organisation_predicate"] = frame["office_id"].map(orgs)
    out = rs.enforce_curve_by(frame)
    for office, part in frame.groupby("office_id"):
        alone = rs.enforce_curve(part["predicate"], part["rank"], organisation=orgs[office])
        assert out.loc[part.index, "enforced_predicate"].tolist() == alone.predicates.tolist()
        assert rs.check_curve(alone.predicates, organisation=orgs[office]).ok


def test_enforce_by_refuses_two_organisation_predicates_in_one_office(rs):
    frame = pd.DataFrame(
        {
            "office_id": ["A", "A"],
            "predicate": ["Baik", "Baik"],
            "rank": [1, 2],
            "organisation_predicate": ["Baik", "Istimewa"],
        }
    )
    with pytest.raises(ValueError, match="same for every employee"):
        rs.enforce_curve_by(frame)


def test_angka_kredit_broadcasts_one_jenjang_over_a_series(rs):
    out = rs.angka_kredit(pd.Series(["Baik", "Sangat Baik"], index=["a", "b"]), "Ahli Muda")
    assert out.to_dict() == {"a": 25.0, "b": 37.5}


@pytest.mark.parametrize("months", [-6, 13, np.nan, np.inf])
def test_angka_kredit_refuses_months_outside_0_12(rs, months):
    with pytest.raises(ValueError, match="months"):
        rs.angka_kredit("Baik", "Ahli Muda", months=months)


def test_angka_kredit_accepts_the_whole_range_of_months(rs):
    np.testing.assert_allclose(
        rs.angka_kredit(["Baik"] * 2, ["Ahli Muda"] * 2, months=[0, 12]), [0.0, 25.0]
    )


@pytest.mark.parametrize(
    "organisation, rating",
    [
        ("Istimewa", ATAS),
        ("Baik", SESUAI),
        ("Butuh Perbaikan", BAWAH),
        ("Kurang", BAWAH),
        ("Sangat Kurang", BAWAH),
    ],
)
def test_unit_leader_rating_is_the_unit_result(rs, organisation, rating):
    assert rs.leader_rating(organisation) == rating


def test_unit_leader_rule_changes_only_the_leaders(rs):
    out = rs.apply_unit_leaders(
        pd.Series([BAWAH, BAWAH, ATAS], index=["a", "b", "c"]),
        leader=[True, False, True],
        unit_result=["Baik", "Baik", "Kurang"],
    )
    assert out.to_dict() == {"a": SESUAI, "b": BAWAH, "c": BAWAH}


def test_unit_leader_rule_is_marked_medium_with_an_assumed_table():
    block = rules.read_spec("permenpanrb-6-2022")["unit_leader"]
    assert block["confidence"] == "MEDIUM" and block["ratings"]["confidence"] == "ASSUMPTION"


def test_leader_rating_table_agrees_with_leader_rating(rs):
    table = rs.leader_rating_table()
    for i, organisation in enumerate(rules.ORGANISATION_PREDICATES):
        assert rules.RATINGS[table[i]] == rs.leader_rating(organisation)
