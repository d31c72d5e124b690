"""Who is hit and "truly Baik rated Butuh Perbaikan" over the assumptions (issue #22 done-when)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kinerja_sim.cli import main
from kinerja_sim.policy.assumptions import apply_assumptions
from kinerja_sim.policy.breakdown import breakdown
from kinerja_sim.policy.scenario import load_scenario
from kinerja_sim.policy.sensitivity import _Runner
from kinerja_sim.policy.sensitivity_groups import (
    MIN_EMPLOYEES,
    _first_and_ties,
    _varied,
    group_sensitivity,
    joint_sensitivity,
    sampling_se,
    top_groups,
)

EMPLOYEES, BASE, SEED = 8_000, 8, 1


@pytest.fixture(scope="module")
def curve():
    return load_scenario("kurva-distribusi")


@pytest.fixture(scope="module")
def by_predicate(curve):
    return group_sensitivity(
        curve, "organisation_predicate", employees=EMPLOYEES, base=BASE, rng=SEED
    )


def test_ranges_contain_the_default(by_predicate):
    table = by_predicate.table
    assert len(table) == 2 * table["group"].nunique()
    # the 5-95 % range is of the Saltelli sample, the default a run of its own: the default
    # lies within the smallest and largest value over all runs, and so does the range
    assert (table["low"] <= table["default"] + 1e-12).all()
    assert (table["default"] <= table["high"] + 1e-12).all()
    assert (table["p05"] <= table["p95"]).all()
    assert (table["low"] <= table["p05"]).all() and (table["p95"] <= table["high"]).all()
    assert by_predicate.runs == BASE * (len(by_predicate.assumptions) + 2) + 1 + 2 * len(
        by_predicate.assumptions
    )


def test_defaults_equal_one_plain_run(curve, by_predicate):
    """The value at the defaults is the breakdown of the run with every assumption at its
    default: the same employees, the same stream."""
    # rebuild the run's stream as the study does (the second of its three seeds)
    seeds = [int(s) for s in np.random.default_rng(SEED).integers(0, 2**31 - 1, size=3)]
    defaults = {a.name: a.default for a in _varied(curve)}
    run = _Runner(EMPLOYEES, 250_000, seeds[1])(apply_assumptions(curve, defaults))
    plain = breakdown(run.offices, "organisation_predicate", run.keys).set_index("group")
    table = by_predicate.table.query("metric == 'share_moved'").set_index("group")
    pd.testing.assert_series_equal(
        table["default"], plain.loc[table.index, "share_moved"], check_names=False
    )


def test_curve_hits_kurang_organisations_hardest(by_predicate):
    """What the model gives (checked at 20,000 employees and 261 runs: Kurang first in every
    run, 71 % moved against 21 % in Baik organisations): Kurang organisations are hit hardest
    in most runs; Istimewa ones are never moved. Fails if the curve stops reading the
    organisation predicate."""
    table = by_predicate.table.query("metric == 'share_moved'").set_index("group")
    ranked = table[~table["flagged"]]
    assert ranked["first_share"].idxmax() == "Kurang"
    assert ranked.loc["Kurang", "first_share"] > 0.5
    # every run is a clear first or a tie of at least two groups
    ties = 1 - ranked["first_share"].sum()
    assert ties >= -1e-12 and ranked["tie_share"].sum() >= 2 * ties - 1e-12
    assert table.loc["Istimewa", "p95"] == 0.0
    assert table.loc["Kurang", "p05"] > table.loc["Baik", "p95"]


def test_small_groups_are_flagged_not_ranked(by_predicate):
    table = by_predicate.table
    small = table[table["n"] < MIN_EMPLOYEES]
    assert not small.empty  # Sangat Kurang organisations, about 140 at 8,000
    assert small["flagged"].all() and small["first_share"].isna().all()
    assert not table.loc[table["n"] >= MIN_EMPLOYEES, "flagged"].any()


def test_joint_answers_with_ranges(curve):
    study = joint_sensitivity(curve, employees=EMPLOYEES, base=BASE, rng=SEED)
    table = study.table.set_index(["true", "rated"])
    assert len(table) == 6  # Sangat Baik and Baik × the three negative predicates
    row = table.loc[("Baik", "Butuh Perbaikan")]
    assert row["share_p05"] <= row["share_default"] <= row["share_p95"]
    assert row["count_p05"] <= row["count_default"] <= row["count_p95"]
    # the count is the share of the truly Baik, scaled to 4.7 million: both are positive
    assert 0.05 < row["share_default"] < 0.4 and row["count_default"] > 100_000
    assert row["driver"] == "share_truly_below"
    lines = study.report_lines()
    assert any(
        line.strip().startswith("Sebenarnya Baik, dinilai Butuh Perbaikan: ") for line in lines
    )
    assert all("rentang asumsi" in line for line in lines[1:])


def test_cli_by_prints_indonesian_and_writes_xlsx(capsys, tmp_path):
    out = tmp_path / "terdampak.xlsx"
    code = main(
        [
            "sensitivity",
            "--scenario",
            "kurva-distribusi",
            "--by",
            "organisation_predicate",
            "--employees",
            "3000",
            "--base",
            "4",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    text = capsys.readouterr().out
    assert "Siapa yang paling terdampak" in text
    assert "rentang asumsi" in text and "indeks Sobol total" in text
    assert "Traceback" not in text
    assert out.read_bytes()[:2] == b"PK"


def test_cli_joint_in_english_and_csv(capsys, tmp_path):
    out = tmp_path / "gabungan.csv"
    code = main(
        [
            "sensitivity",
            "--scenario",
            "kurva-distribusi",
            "--joint",
            "--employees",
            "3000",
            "--base",
            "4",
            "--lang",
            "en",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    text = capsys.readouterr().out
    assert "Truly Baik, rated Butuh Perbaikan" in text and "assumption range" in text
    assert "share_p05" in out.read_text(encoding="utf-8").splitlines()[0]


def test_cli_refuses_other_extensions_and_both_options(capsys, tmp_path):
    code = main(["sensitivity", "--joint", "--out", str(tmp_path / "x.parquet")])
    assert code == 2
    assert ".csv atau .xlsx" in capsys.readouterr().err
    code = main(["sensitivity", "--joint", "--by", "kind"])
    assert code == 2
    assert "tidak keduanya" in capsys.readouterr().err


@pytest.mark.parametrize("by", ["kind", "provinsi", "instansi"])
def test_cli_every_grouping_prints_its_name(capsys, by):
    code = main(["sensitivity", "--by", by, "--employees", "3000", "--base", "2"])
    assert code == 0
    text = capsys.readouterr().out
    name = {"kind": "jenis kantor", "provinsi": "provinsi", "instansi": "instansi"}[by]
    assert f"per {name}," in text and "pegawai per simulasi)" in text


def _offices(groups) -> pd.DataFrame:
    """Offices of a made-up world: group -> list of (staff, staff moved by the curve)."""
    rows = [
        {"unit": group, "n": n, "n_curve_changed": moved}
        for group, offices in groups.items()
        for n, moved in offices
    ]
    return pd.DataFrame(rows)


def _one_run(offices) -> pd.DataFrame:
    """One run's table as ``group_sensitivity`` ranks it: hardest hit first, with the error."""
    sums = offices.groupby("unit")[["n", "n_curve_changed"]].sum()
    table = pd.DataFrame({"share_moved": sums["n_curve_changed"] / sums["n"]})
    table = table.assign(share_se=sampling_se(offices, "unit"))
    return table.sort_values("share_moved", ascending=False)


def test_two_groups_a_point_apart_are_a_tie_within_the_sampling_noise():
    # 1,000 staff each, 30 % against 29 % moved: the binomial error is about 1.4 points
    run = _one_run(_offices({"A": [(50, 15)] * 20, "B": [(50, 14), (50, 15)] * 10}))
    assert list(run.index) == ["A", "B"]
    assert top_groups(run) == ["A", "B"]
    first, tied = _first_and_ties([run] * 3, ["A", "B"], 2.0)
    assert first.to_dict() == {"A": 0.0, "B": 0.0} and tied.to_dict() == {"A": 1.0, "B": 1.0}


def test_clearly_different_groups_are_not_a_tie():
    run = _one_run(_offices({"A": [(50, 25)] * 20, "B": [(50, 10)] * 20}))
    assert top_groups(run) == ["A"]
    first, tied = _first_and_ties([run] * 3, ["A", "B"], 2.0)
    assert first.to_dict() == {"A": 1.0, "B": 0.0} and tied.to_dict() == {"A": 0.0, "B": 0.0}


def test_the_error_is_the_between_office_one_when_offices_differ():
    """The curve moves whole offices: offices of 0 % and 60 % give a far larger error than
    the binomial one of their 30 %, and a gap of 6 points is then a tie."""
    mixed = [(50, 0), (50, 30)] * 10
    se = sampling_se(_offices({"A": mixed, "B": [(50, 12)] * 20}), "unit")
    assert se["A"] == pytest.approx(np.sqrt(20 / 19 * 20 * 15**2) / 1000)
    assert se["A"] > 4 * np.sqrt(0.3 * 0.7 / 1000)
    assert se["B"] == pytest.approx(np.sqrt(0.24 * 0.76 / 1000))  # equal offices: binomial
    run = _one_run(_offices({"A": mixed, "B": [(50, 12)] * 20}))
    assert top_groups(run) == ["A", "B"]
    assert top_groups(run, z=0.5) == ["A"]


def test_a_zero_tie_width_counts_as_the_plain_order(curve):
    study = group_sensitivity(
        curve, "organisation_predicate", employees=EMPLOYEES, base=BASE, tie_z=0, rng=SEED
    )
    ranked = study.table.query("metric == 'share_moved' and not flagged")
    assert ranked["first_share"].sum() == pytest.approx(1.0)
    assert (ranked["tie_share"] == 0).all()


def test_the_output_says_how_the_noise_was_judged_and_prints_ties(capsys):
    assert main(["sensitivity", "--by", "kind", "--employees", "3000", "--base", "2"]) == 0
    text = capsys.readouterr().out
    assert "galat binomial" in text and "2 galat baku" in text
    assert "setara di posisi teratas dalam batas derau sampel pada" in text
    assert "poin galat baku sampel" in text
