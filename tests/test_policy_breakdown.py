"""Who is hit (``simulate --by``), the joint table of true × rated, and fairness after the rule."""

import numpy as np
import pandas as pd
import pytest

from kinerja_sim.cli import main
from kinerja_sim.policy import Scenario, simulate
from kinerja_sim.policy.breakdown import breakdown, joint_pairs, joint_table
from kinerja_sim.policy.engine import OUTCOME_KEYS, joint_columns
from kinerja_sim.policy.outcomes import leniency_share_predicate


@pytest.fixture(scope="module")
def curve():
    return simulate(Scenario(enforce_curve=True), employees=60_000, progress=False, rng=7)


@pytest.fixture(scope="module")
def status_quo():
    return simulate(Scenario(), employees=60_000, progress=False, rng=7)


def test_the_joint_columns_add_up_to_the_confusion_table_and_the_margins(curve):
    offices = curve.offices
    joint = offices[joint_columns()].to_numpy().reshape(len(offices), 5, 5)
    assert np.array_equal(joint.sum(axis=0), curve.confusion)
    assert np.array_equal(joint.sum(axis=(1, 2)), offices["n"].to_numpy())
    rated = offices[[f"n_{k}" for k in OUTCOME_KEYS]].to_numpy()
    truly = offices[[f"n_true_{k}" for k in OUTCOME_KEYS]].to_numpy()
    assert np.array_equal(joint.sum(axis=1), rated) and np.array_equal(joint.sum(axis=2), truly)
    assert "n_baik__butuh_perbaikan" in offices


def test_the_joint_pairs_answer_truly_baik_rated_butuh_perbaikan(curve):
    pairs = joint_pairs(curve.offices).set_index(["true_key", "rated_key"])
    pair = pairs.loc[("baik", "butuh_perbaikan")]
    assert pair["n"] == curve.confusion[1, 2] > 0
    assert pair["share_of_true"] == pytest.approx(curve.confusion[1, 2] / curve.confusion[1].sum())
    assert joint_table(curve.offices).loc["Baik", "Butuh Perbaikan"] == pair["n"]


def test_breakdown_by_organisation_predicate_puts_the_hardest_hit_first(curve):
    table = breakdown(curve.offices, "organisation_predicate").set_index("group")
    assert table["n"].sum() == 60_000
    assert table["share_moved"].is_monotonic_decreasing
    # the curve of an organisation rated Kurang forces 60% Kurang/Misconduct; Istimewa frees it
    assert table.loc["Kurang", "share_moved"] > 0.5 > 0.05 > table.loc["Istimewa", "share_moved"]
    assert table.loc["Kurang", "wrong_negative"] > table.loc["Istimewa", "wrong_negative"]
    assert table.loc["Kurang", "tpp_change_per_employee"] < 0  # lower predicates, lower TPP
    moved = curve.offices.groupby("organisation_predicate", observed=True)["n_curve_changed"].sum()
    assert table.loc["Baik", "share_moved"] == pytest.approx(moved["Baik"] / table.loc["Baik", "n"])


def test_without_a_curve_nobody_is_moved_and_no_tpp_changes(status_quo):
    table = breakdown(status_quo.offices, "kind")
    assert (table["share_moved"] == 0).all() and (table["tpp_change_per_employee"] == 0).all()


def test_the_breakdown_works_over_any_office_column_such_as_a_province(curve):
    offices = curve.offices.assign(provinsi=np.where(curve.offices["kabupaten_id"] % 2, "A", "B"))
    table = breakdown(offices, "provinsi")
    assert sorted(table["group"]) == ["A", "B"] and table["n"].sum() == 60_000
    kab = breakdown(curve.offices, "kabupaten")  # the column kabupaten_id
    assert len(kab) == curve.offices["kabupaten_id"].nunique()


def test_a_world_without_provinces_says_so_in_indonesian(curve):
    with pytest.raises(ValueError, match="belum punya kolom provinsi"):
        breakdown(curve.offices.drop(columns="provinsi"), "provinsi")


def test_the_national_world_breaks_down_by_province_and_by_instansi(curve):
    provinces = breakdown(curve.offices, "provinsi")
    assert provinces["n"].sum() == curve.offices["n"].sum()
    assert provinces["group"].nunique() == len(provinces) == curve.offices["provinsi"].nunique() > 1
    instansi = breakdown(curve.offices, "instansi")
    assert set(instansi["group"].astype(str)) == {"daerah", "pusat"}


def test_cli_by_prints_the_groups_hardest_hit_first(capsys):
    args = ["simulate", "--employees", "40000", "--seed", "3", "--curve", "--no-progress"]
    assert main([*args, "--by", "organisation_predicate"]) == 0
    out = capsys.readouterr().out
    section = out[out.index("Siapa yang terkena") :]
    assert section.index("Kurang") < section.index("Istimewa")
    assert "Predikat diubah aturan" in section and "Perubahan TPP per pegawai" in section


def test_cli_prints_the_joint_table_and_its_answers(capsys):
    assert main(["simulate", "--employees", "20000", "--seed", "2", "--curve"]) == 0
    out = capsys.readouterr().out
    assert "Predikat sebenarnya (baris) dan predikat yang diberikan aturan (kolom)" in out
    assert "Sebenarnya Baik, dinilai Butuh Perbaikan:" in out


def test_cli_by_provinsi_prints_the_provinces(capsys):
    assert main(["simulate", "--employees", "60000", "--seed", "1", "--by", "provinsi"]) == 0
    out = capsys.readouterr().out
    assert "menurut provinsi" in out and "Provinsi" in out


def test_cli_by_instansi_prints_regional_and_central_agencies(capsys):
    # every --by choice the parser offers has its heading in the catalogue (instansi had none)
    assert main(["simulate", "--employees", "20000", "--seed", "1", "--by", "instansi"]) == 0
    out = capsys.readouterr().out
    assert "Instansi (daerah atau pusat)" in out and "pusat" in out and "daerah" in out


def test_the_curve_changes_the_fairness_share_on_predicates_not_on_scores(curve, status_quo):
    before, after = status_quo.outcomes(), curve.outcomes()
    assert after["leniency_share"] == pytest.approx(before["leniency_share"])  # same scores
    assert abs(after["leniency_share_predicate"] - before["leniency_share_predicate"]) > 0.02


def test_the_predicate_fairness_share_follows_its_definition():
    # office 1: true ranks (3, 3), given (3, 1); office 2: true (1, 1), given (1, 1)
    offices = pd.DataFrame(
        {
            "n_baik__baik": [1, 0],
            "n_baik__kurang": [1, 0],
            "n_kurang__baik": [0, 0],
            "n_kurang__kurang": [0, 2],
        }
    )
    true, given = np.array([1.0, 0.0]), np.array([0.5, 0.0])  # mean ranks (baik 1, kurang 0)
    lenient = given - true
    var = lambda v: ((v - v.mean()) ** 2).mean()  # noqa: E731 - equal office sizes
    expected = var(lenient) / (var(true) + var(lenient))
    assert leniency_share_predicate(offices, ("baik", "kurang")) == pytest.approx(expected)
