"""Run files that reproduce (Parquet metadata), ``--out`` formats, and ``kinerja-sim compare``."""

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from kinerja_sim import __version__
from kinerja_sim.cli import main
from kinerja_sim.policy import Scenario, simulate
from kinerja_sim.policy.runs import METADATA_KEY, compare_runs, read_run


def _simulate(tmp_path, name, *extra):
    path = tmp_path / name
    args = ["simulate", "--employees", "8000", "--seed", "4", "--no-progress", "--out", str(path)]
    assert main([*args, *extra]) == 0
    return path


def test_the_parquet_carries_seed_scenario_and_version(tmp_path, capsys):
    path = _simulate(tmp_path, "a.parquet", "--trained-share", "0.5")
    meta = json.loads(pq.read_schema(path).metadata[METADATA_KEY])
    assert meta["seed"] == 4 and meta["version"] == __version__ and meta["employees"] == 8000
    assert meta["scenario"]["trained_share"] == 0.5 and meta["scenario"]["tpp_base"] > 0
    assert set(meta["scenario"]) == set(Scenario().to_dict())  # every parameter


def test_the_recorded_seed_and_scenario_reproduce_the_run(tmp_path):
    first = simulate(Scenario(enforce_curve=True), employees=6000, progress=False)  # no seed
    first.to_parquet(tmp_path / "x.parquet")
    run = read_run(tmp_path / "x.parquet")
    fields = {k: v for k, v in run.metadata["scenario"].items()}
    again = simulate(
        Scenario(**fields), employees=run.metadata["employees"], rng=run.metadata["seed"]
    )
    pd.testing.assert_frame_equal(
        again.offices.drop(columns="kind"), run.offices.drop(columns=["kind", "scenario"])
    )
    assert run.outcomes() == pytest.approx(first.outcomes(), nan_ok=True)


def test_out_csv_writes_csv(tmp_path, capsys):
    path = _simulate(tmp_path, "kantor.csv")
    assert path.read_bytes()[:4] != b"PAR1"
    table = pd.read_csv(path)
    assert table["n"].sum() == 8000 and "n_baik__butuh_perbaikan" in table


@pytest.mark.parametrize("name", ["tidak-ada/x.parquet", "x.txt", "x"])
def test_out_refuses_a_missing_folder_or_an_unknown_format_before_running(tmp_path, capsys, name):
    target = tmp_path / name
    assert main(["simulate", "--employees", "2000", "--out", str(target)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "--out" in captured.err and captured.err.count("\n") == 1
    assert not target.exists() and not (tmp_path / "tidak-ada").exists()


def test_compare_prints_what_differs_between_two_runs(tmp_path, capsys):
    a = _simulate(tmp_path, "a.parquet")
    b = _simulate(tmp_path, "b.parquet", "--curve")
    capsys.readouterr()
    assert main(["compare", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "scenario.enforce_curve" in out and "A: False" in out and "B: True" in out
    assert "Porsi predikat Butuh Perbaikan" in out and "poin persen" in out
    assert "Selisih tabel gabungan" in out
    table = compare_runs(read_run(a), read_run(b)).set_index("metric")
    assert table.loc["share_baik", "difference"] < -0.1  # the curve moves people out of Baik
    assert table.loc["curve_changed", "b"] > 0.1 and table.loc["curve_changed", "a"] == 0


def test_compare_of_a_run_with_itself_finds_no_difference(tmp_path, capsys):
    a = _simulate(tmp_path, "a.parquet")
    capsys.readouterr()
    assert main(["compare", str(a), str(a)]) == 0
    out = capsys.readouterr().out
    assert "Isian skenario, benih dan versi sama" in out and "+" not in out.split("B minus")[-1]


def test_compare_refuses_csv_and_missing_files_in_indonesian(tmp_path, capsys):
    csv = _simulate(tmp_path, "a.csv")
    capsys.readouterr()
    assert main(["compare", str(csv), str(csv)]) == 2
    assert "bukan berkas Parquet" in capsys.readouterr().err
    assert main(["compare", str(tmp_path / "a.parquet"), str(csv)]) == 2
    assert "berkas tidak ada" in capsys.readouterr().err
