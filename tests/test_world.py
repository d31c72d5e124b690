"""The synthetic world (SPEC 3.1): structure, realism and reproducibility."""

import numpy as np
import pandas as pd
import pytest

import kinerja_sim
from kinerja_sim.dataset import TABLES
from kinerja_sim.world.dimensions import BERAKHLAK, DIMENSIONS
from kinerja_sim.world.offices import office_kinds


def test_every_table_has_exactly_the_columns_of_the_data_dictionary(kabupaten):
    dictionary = kinerja_sim.data_dictionary()
    for name in TABLES:
        documented = dictionary.loc[dictionary["table"] == name, "column"].tolist()
        assert list(getattr(kabupaten, name).columns) == documented, name


def test_data_dictionary_describes_every_column_in_both_languages():
    dictionary = kinerja_sim.data_dictionary()
    assert (dictionary["description_id"].str.len() > 5).all()
    assert (dictionary["description_en"].str.len() > 5).all()


def test_same_seed_gives_identical_tables():
    first, second = (
        kinerja_sim.generate(n_offices=2, rng=5),
        kinerja_sim.generate(n_offices=2, rng=5),
    )
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))


def test_another_seed_gives_other_tables():
    first, second = (
        kinerja_sim.generate(n_offices=2, rng=5),
        kinerja_sim.generate(n_offices=2, rng=6),
    )
    assert not first.ratings["score"].equals(second.ratings["score"])


def test_default_kabupaten_is_a_realistic_small_one(kabupaten):
    employees = kabupaten.employees.merge(kabupaten.offices[["office_id", "kind"]], on="office_id")
    assert 500 <= len(employees) <= 1200
    assert set(kabupaten.offices["kind"]) == set(office_kinds())
    education = employees["kind"].isin(["sekolah", "dinas_pendidikan"]).mean()
    assert 0.45 <= education <= 0.65  # SPEC 3.1: half to 60% of a kabupaten's ASN are in education
    assert set(employees["position_type"]) == {"struktural", "fungsional", "pelaksana"}
    assert set(employees["asn_type"]) == {"PNS", "PPPK"}


def test_struktural_positions_are_held_by_pns(kabupaten):
    struktural = kabupaten.employees[kabupaten.employees["position_type"] == "struktural"]
    assert (struktural["asn_type"] == "PNS").all()


def test_nip_are_unique_18_digit_strings(kabupaten):
    nip = kabupaten.employees["nip"]
    assert nip.str.fullmatch(r"\d{18}").all() and nip.is_unique


def test_every_employee_is_rated_by_their_supervisor(kabupaten):
    pairs = kabupaten.ratings[["rater_id", "employee_id"]].drop_duplicates()
    expected = kabupaten.employees[["supervisor_id", "employee_id"]].rename(
        columns={"supervisor_id": "rater_id"}
    )
    assert len(pairs) == len(expected)
    assert pairs.merge(expected).shape[0] == len(expected)
    assert set(kabupaten.employees["supervisor_id"]) == set(kabupaten.raters["rater_id"])


def test_every_office_has_one_head_rated_by_the_kepala_daerah(kabupaten):
    heads = kabupaten.employees[kabupaten.employees["supervisor_id"] == "KDH"]
    assert heads["office_id"].is_unique and len(heads) == len(kabupaten.offices)
    assert set(kabupaten.offices["head_id"]) == set(heads["employee_id"])


def test_every_employee_has_an_skp_whose_rhk_cascade_from_a_leader(kabupaten):
    indicators = kabupaten.indicators
    assert set(indicators["employee_id"]) == set(kabupaten.employees["employee_id"])
    assert set(indicators["aspect"]) == {"kuantitas", "kualitas", "waktu", "biaya"}
    heads = set(kabupaten.offices["head_id"])
    head_rhk = set(indicators.loc[indicators["employee_id"].isin(heads), "rhk"])
    staff_leader_rhk = set(indicators.loc[~indicators["employee_id"].isin(heads), "rhk_pimpinan"])
    assert staff_leader_rhk <= head_rhk
    assert (indicators["target"] > 0).all() and indicators["iki"].str.len().gt(10).all()


def test_annual_realisation_aggregates_the_period_realisations(kabupaten):
    periods = kabupaten.evidence[kabupaten.evidence["kind"] == "realisasi"]
    by_indicator = periods.groupby("indicator_id")["value"].agg(["sum", "mean"])
    indicators = kabupaten.indicators.set_index("indicator_id")
    expected = np.where(
        indicators["aggregation"] == "sum",
        by_indicator["sum"].reindex(indicators.index),
        by_indicator["mean"].reindex(indicators.index).round(2),
    )
    np.testing.assert_allclose(
        indicators["realisation"], expected, atol=0.0101
    )  # means rounded to 2 decimals


def test_true_dimensions_correlate_through_a_general_factor(kabupaten):
    truth = kabupaten.employees[[f"true_{d}" for d in DIMENSIONS]]
    corr = truth.corr().to_numpy()
    mean_off_diagonal = corr[~np.eye(len(DIMENSIONS), dtype=bool)].mean()
    assert 0.35 < mean_off_diagonal < 0.75


def test_incidents_are_drawn_from_the_truth(kabupaten):
    incidents = kabupaten.evidence[kabupaten.evidence["kind"] == "insiden"]
    assert set(incidents["dimension"]) == set(BERAKHLAK)
    net = incidents.groupby(["employee_id", "dimension"])["value"].sum()
    truth = kabupaten.truth().set_index(["employee_id", "dimension"])["true_score"]
    joined = pd.concat([net, truth], axis=1, join="inner")
    assert joined.corr().iloc[0, 1] > 0.3
    assert incidents["text"].str.len().gt(20).all()


def test_realisation_achievement_follows_the_true_result(kabupaten):
    indicators = kabupaten.indicators
    ratio = indicators["realisation"] / indicators["target"]
    capaian = np.where(indicators["direction"] == "lower", 2 - ratio, ratio)
    per_employee = pd.Series(capaian, index=indicators["employee_id"]).groupby(level=0).mean()
    truth = kabupaten.employees.set_index("employee_id")["true_hasil_kerja"]
    assert per_employee.corr(truth.reindex(per_employee.index)) > 0.5


def test_organisation_predicates_are_valid(kabupaten):
    assert set(kabupaten.offices["organisation_predicate"]) <= {
        "Istimewa",
        "Baik",
        "Butuh Perbaikan",
        "Kurang",
        "Sangat Kurang",
    }


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"n_offices": 0}, ValueError, "n_offices must be between 1"),
        ({"n_offices": 2.5}, TypeError, "n_offices must be a whole number"),
        ({"periods": 1}, ValueError, "periods must be between 2 and 12, got 1"),
        ({"trained_share": 1.5}, ValueError, "trained_share must be between 0.0 and 1.0, got 1.5"),
        ({"raters": "kind"}, ValueError, "raters must be one of"),
        ({"rng": "abc"}, TypeError, "rng must be None"),
    ],
)
def test_bad_parameters_are_refused_with_a_message_naming_them(kwargs, error, words):
    with pytest.raises(error, match=words):
        kinerja_sim.generate(**kwargs)


def test_training_share_marks_raters_trained_and_shrinks_their_biases():
    trained = kinerja_sim.generate(n_offices=4, trained_share=1.0, rng=3).raters
    untrained = kinerja_sim.generate(n_offices=4, trained_share=0.0, rng=3).raters
    assert trained["trained"].all() and not untrained["trained"].any()
    assert trained["halo"].mean() < untrained["halo"].mean()


def test_a_case_file_rarely_repeats_an_incident_text_within_a_quarter(kabupaten):
    incidents = kabupaten.evidence[kabupaten.evidence["kind"] == "insiden"]
    repeats = incidents.duplicated(["employee_id", "period", "text"]).mean()
    assert repeats < 0.001  # only when a quarter holds more incidents than there are templates


def test_an_office_plan_fixes_sizes_and_kinds():
    plan = pd.DataFrame({"kind": ["puskesmas", "sekolah", "bappeda"], "size": [12, 7, 30]})
    world = kinerja_sim.generate(offices=plan, rng=4)
    assert world.offices["kind"].tolist() == plan["kind"].tolist()
    assert world.employees.groupby("office_id").size().tolist() == [12, 7, 30]


def test_an_office_plan_without_kinds_draws_them():
    world = kinerja_sim.generate(offices=pd.DataFrame({"size": [5, 9]}), rng=4)
    assert len(world.employees) == 14 and world.offices["kind"].isin(office_kinds()).all()


@pytest.mark.parametrize(
    "plan, words",
    [
        (pd.DataFrame({"size": [1]}), "offices.size must hold whole numbers of at least 2"),
        (pd.DataFrame({"size": [5], "kind": ["kantor"]}), "offices.kind has unknown kind"),
        (pd.DataFrame({"n": [5]}), "offices is missing column"),
    ],
)
def test_a_bad_office_plan_is_refused_naming_the_field(plan, words):
    with pytest.raises(ValueError, match=words):
        kinerja_sim.generate(offices=plan)


def test_the_berakhlak_guides_are_the_official_reference_text():
    from pathlib import Path

    shipped = Path(kinerja_sim.__file__).parent / "data" / "berakhlak.csv"
    reference = Path(__file__).resolve().parents[2] / "shared" / "reference" / "berakhlak.csv"
    if not reference.is_file():
        pytest.skip("shared/reference is not beside this checkout")
    assert shipped.read_bytes() == reference.read_bytes()
    guides = kinerja_sim.behaviour_guides()
    assert guides.groupby("dimension").size().eq(3).all() and len(guides) == 21


def test_default_kabupaten_is_rated_like_current_practice(kabupaten):
    from kinerja_sim import rules

    assert 2.7 < kabupaten.raters["floor"].mean() < 3.1  # the practice preset's floor
    scores = kabupaten.ratings.pivot_table(index="employee_id", columns="dimension", values="score")
    rs = rules.load("permenpanrb-6-2022")
    behaviour = scores.drop(columns="hasil_kerja").mean(axis=1)
    predicates = pd.Series(
        rs.predicate_from_scores(scores["hasil_kerja"].to_numpy(), behaviour.to_numpy())
    )
    assert (
        predicates.isin(["Sangat Baik", "Baik"]).mean() > 0.97
    )  # almost nobody below Baik (e-Kinerja: 99.7%)


@pytest.mark.parametrize(
    "periods, name", [(12, "Bulan"), (2, "Semester"), (3, "Periode"), (4, "Triwulan")]
)
def test_realisation_texts_name_the_period_by_the_number_of_periods(periods, name):
    """Monthly evidence is not called triwulan: 'Bulan 12: ... (target bulan ...)'."""
    ds = kinerja_sim.generate(n_offices=1, periods=periods, rng=5)
    texts = ds.evidence.loc[ds.evidence["kind"] == "realisasi"]
    expected = name + " " + texts["period"].astype(str) + ": "
    assert all(text.startswith(prefix) for text, prefix in zip(texts["text"], expected))
    assert texts["text"].str.contains(f"(target {name.lower()} ", regex=False).all()
    if name != "Triwulan":
        assert not texts["text"].str.contains("Triwulan", regex=False).any()


def test_every_world_draw_takes_an_int_seed_as_keyword_rng():
    """The randomness convention: keyword-only rng, an int seed meaning default_rng(seed)."""
    from kinerja_sim.world.offices import ASAL_SHARE, categorical, draw_employees, draw_offices
    from kinerja_sim.world.skp import draw_indicators
    from kinerja_sim.world.truth import draw_truth, truth_array

    def fresh(seed):
        return np.random.default_rng(seed)

    offices = draw_offices(2, rng=4)
    pd.testing.assert_frame_equal(offices, draw_offices(2, rng=fresh(4)))
    employees = draw_employees(offices, rng=5)
    pd.testing.assert_frame_equal(employees, draw_employees(offices, rng=fresh(5)))
    pd.testing.assert_frame_equal(
        draw_indicators(employees, offices, rng=6),
        draw_indicators(employees, offices, rng=fresh(6)),
    )
    pd.testing.assert_frame_equal(
        draw_truth(employees, offices, rng=7), draw_truth(employees, offices, rng=fresh(7))
    )
    np.testing.assert_array_equal(
        truth_array(np.zeros(9), rng=8), truth_array(np.zeros(9), rng=fresh(8))
    )
    np.testing.assert_array_equal(
        categorical(ASAL_SHARE, 50, rng=9), categorical(ASAL_SHARE, 50, rng=fresh(9))
    )
    with pytest.raises(TypeError):
        categorical(fresh(9), ASAL_SHARE, 50)  # the old positional order
