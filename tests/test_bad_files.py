"""Bad files get one Indonesian line (issue #21 item 9): the import's reader has limits.

Played as someone who hands the import a damaged or hostile file: nested JSON, a header of a
million columns, a cell beyond the csv module's field limit, a file far beyond any region's
export, a workbook that unpacks to far more than it weighs. Each ends in one line that names the
limit and what to do, never a traceback, and quickly.
"""

import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from kinerja_sim.byod import files, read_appraisals
from kinerja_sim.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "exports"
KEY = "kunci-rahasia-untuk-tes-ekspor-2025"


@pytest.fixture
def key_env(monkeypatch):
    monkeypatch.setenv("KUNCI_TES", KEY)
    return ["--key-env", "KUNCI_TES"]


def _one_line_refusal(capsys, path, out, key_env, *words):
    code = main(["import", str(path), "--out", str(out), *key_env])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err and "Error" not in err, err
    for word in words:
        assert word in err, err
    assert not out.exists()  # nothing half-written
    return err


def test_json_nested_ten_thousand_deep_is_one_line(tmp_path, capsys, key_env):
    path = tmp_path / "dalam.json"
    path.write_text("[" * 10_000 + "]" * 10_000, encoding="utf-8")
    _one_line_refusal(capsys, path, tmp_path / "keluar", key_env, "bersarang terlalu dalam")


def test_json_nested_below_the_parsers_limit_is_refused_by_the_depth_limit(tmp_path):
    body = {"data": [{"nip": "1"}]}
    for _ in range(files.LIMITS["json_depth"] + 5):
        body = {"data": body}
    path = tmp_path / "dalam.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    with pytest.raises(ValueError, match="bersarang terlalu dalam"):
        read_appraisals(path, key=KEY)


def test_a_header_of_a_million_columns_is_one_line(tmp_path, capsys, key_env):
    path = tmp_path / "lebar.csv"
    path.write_text(",".join(f"k{i}" for i in range(1_000_000)) + "\n1,2\n", encoding="utf-8")
    _one_line_refusal(capsys, path, tmp_path / "keluar", key_env, "kolom")


def test_a_cell_beyond_the_csv_field_limit_is_one_line(tmp_path, capsys, key_env):
    path = tmp_path / "sel.csv"
    path.write_text('nip,nama\n1,"' + "a" * 200_000 + "\n", encoding="utf-8")
    _one_line_refusal(capsys, path, tmp_path / "keluar", key_env, "terlalu panjang")


def test_a_file_beyond_the_size_limit_is_refused_before_it_is_read(tmp_path, capsys, key_env):
    path = tmp_path / "besar.csv"
    with path.open("wb") as handle:  # a sparse 200 MB file: refused from its size alone
        handle.write(b"nip,nama,rating\n")
        handle.truncate(200 * 2**20)
    _one_line_refusal(capsys, path, tmp_path / "keluar", key_env, "terlalu besar", "MB")


def test_rows_beyond_the_limit_are_refused(tmp_path, monkeypatch):
    monkeypatch.setitem(files.LIMITS, "rows", 5)
    with pytest.raises(ValueError, match="lebih dari 5 baris"):
        read_appraisals(FIXTURES / "ekinerja_triwulan.csv", key=KEY)
    with pytest.raises(ValueError, match="lebih dari 5 baris"):
        read_appraisals(FIXTURES / "pp46_nilai.xlsx", key=KEY)
    with pytest.raises(ValueError, match="lebih dari 5 baris"):
        read_appraisals(FIXTURES / "rekap_bawahan.xls", key=KEY)


def _bomb(path: Path, rows: int) -> Path:
    """A real xlsx whose one sheet holds ``rows`` rows: small on disk, large unpacked."""
    source = FIXTURES / "pp46_nilai.xlsx"
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                head, _, _ = text.partition("<sheetData>")
                row = '<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>1</t></is></c></row>'
                body = "".join(row.format(n=n) for n in range(1, rows + 1))
                data = (head + "<sheetData>" + body + "</sheetData></worksheet>").encode()
            bomb.writestr(item, data)
    return path


def test_a_workbook_that_unpacks_beyond_the_limit_is_one_line(
    tmp_path, capsys, key_env, monkeypatch
):
    monkeypatch.setitem(files.LIMITS, "unpacked_bytes", 2 * 2**20)
    path = _bomb(tmp_path / "bom.xlsx", 60_000)
    assert path.stat().st_size < files.LIMITS["unpacked_bytes"] / 4
    _one_line_refusal(capsys, path, tmp_path / "keluar", key_env, "terlalu besar")


def test_control_characters_in_cells_are_removed_on_reading(tmp_path):
    source = (FIXTURES / "ekinerja_triwulan.csv").read_text(encoding="utf-8")
    path = tmp_path / "kendali.csv"
    path.write_text(
        source.replace("Dinas Pendidikan", "Dinas\x01 Pendi\u202edikan"), encoding="utf-8"
    )
    result = read_appraisals(path, key=KEY)
    units = set(result.data["unit"].dropna()) if "unit" in result.data else set()
    text = " ".join(map(str, result.data.astype(str).to_numpy().ravel()))
    assert "\x01" not in text and "\u202e" not in text
    assert not units or any("Pendidikan" in u for u in units)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_pp46_score_export_without_a_unit_column_imports(tmp_path, capsys, key_env, suffix):
    table = pd.read_excel(FIXTURES / "pp46_nilai.xlsx", dtype=str).drop(columns=["unit kerja"])
    path = tmp_path / f"pp46_tanpa_unit{suffix}"
    if suffix == ".csv":
        path.write_text(table.to_csv(index=False), encoding="utf-8")
    else:
        table.to_excel(path, index=False)
    out = tmp_path / "keluar"
    code = main(["import", str(path), "--out", str(out), *key_env, "--plots", "--fit"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Traceback" not in captured.err
    assert (out / "data.csv").is_file()
    assert len(pd.read_csv(out / "data.csv")) == 13
