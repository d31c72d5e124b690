"""Make the synthetic "real-looking" appraisal export shipped in kinerja_sim/data/contoh_ekspor/.

    .venv/bin/python datasets/contoh_ekspor/make.py            # rewrites the three files

The files are package data (``kinerja_sim.byod.example_path``), so an installed wheel has them;
this generator stays in the checkout.

The export imitates a regional e-Kinerja download for the fictional Kabupaten Sukamaju,
year 2025: one row per employee, made from ``kinerja_sim.generate(rng=2025)`` and the
PermenPAN-RB 6/2022 rule set (scores -> ratings -> predikat). Every NIP and name is
synthetic. Deterministic: the same files, byte for byte, on every run.

- ``ekspor_ekinerja.csv``: what Excel in an Indonesian locale writes as "CSV UTF-8":
  separator ``;``, a byte-order mark, label spellings as typed by hand ("Diatas
  Ekspektasi", "SESUAI"), extra columns (No, Keterangan) that the kit does not read.
- ``ekspor_ekinerja.xlsx``: the same rows in a workbook with three sheets ("Petunjuk",
  "Rekap 2025" with two title lines above the header, "Rekap Unit"); the NIP column is
  text, except the one damaged cell that Excel turned into a number.
- Deliberately planted problems (the notebook shows how they are reported), see PLANTED.
- ``rekap_kantor_camat.csv``: a recap of one office in a shape that matches no format (headers
  "No Induk", "Satuan", "Nilai Kerja", "Nilai Sikap"; ratings written A / B / C), for the mapping
  helper of notebook 09.

Heads of office are rated by the kepala daerah in the simulation; in the export their
rater is the Sekretaris Daerah, and the Sekretaris Daerah's own row (rated by the bupati,
who has no NIP) is left out, as regional systems do.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd

import kinerja_sim
from kinerja_sim import rules
from kinerja_sim.world.dimensions import BERAKHLAK, RESULT

HERE = Path(__file__).resolve().parent
#: Where the files go: the package's data folder.
OUT = HERE.parents[1] / "kinerja_sim" / "data" / "contoh_ekspor"
SEED = 2025
HEADERS = [
    "No",
    "NIP",
    "Nama Pegawai",
    "Jabatan",
    "Unit Kerja",
    "Sub Unit Kerja",
    "NIP Penilai",
    "Pejabat Penilai",
    "Periode",
    "Rating Hasil Kerja",
    "Rating Perilaku Kerja",
    "Predikat Kinerja",
    "Predikat Organisasi",
    "Keterangan",
]
# Data row index (0-based, before planting) -> what goes wrong there. Row numbers in the
# CSV are index + 2 (header on line 1).
PLANTED = {
    3: "NIP tersimpan sebagai angka oleh Excel (notasi ilmiah)",
    10: "NIP kurang satu angka (17 angka)",
    18: "label Rating Perilaku Kerja tidak dikenal",
    25: "NIP penilai kosong",
    33: "Rating Hasil Kerja kosong",
    41: "predikat tidak sesuai matriks (peringatan; baris tetap dipakai)",
    50: "pegawai yang sama muncul dua kali dengan isi berbeda",
    60: "baris yang sama persis diulang",
    70: "NIP ditulis dengan spasi (diterima)",
}
_SPELLINGS = {
    "Di Atas Ekspektasi": ["Di Atas Ekspektasi", "Diatas Ekspektasi", "DI ATAS EKSPEKTASI"],
    "Sesuai Ekspektasi": ["Sesuai Ekspektasi", "SESUAI EKSPEKTASI", "Sesuai"],
    "Di Bawah Ekspektasi": ["Di Bawah Ekspektasi", "Dibawah Ekspektasi"],
}


def clean_rows(seed: int = SEED) -> pd.DataFrame:
    """The export before planting: one row per employee with the export's headers."""
    ds = kinerja_sim.generate(rng=seed)
    rule_set = rules.load("permenpanrb-6-2022")
    scores = ds.ratings.pivot_table(index="employee_id", columns="dimension", values="score")
    hasil = rule_set.rating(scores[RESULT])
    perilaku = rule_set.rating(scores[list(BERAKHLAK)].mean(axis=1))
    people = ds.employees.set_index("employee_id")
    offices = ds.offices.set_index("office_id")
    sekda = offices.loc[offices["kind"] == "sekretariat_daerah", "head_id"].iloc[0]
    rater = people["supervisor_id"].replace("KDH", sekda)
    rows = people.drop(index=sekda)
    rater = rater.drop(index=sekda)
    rng = np.random.default_rng(seed)
    table = pd.DataFrame(
        {
            "NIP": rows["nip"],
            "Nama Pegawai": rows["name"],
            "Jabatan": rows["position"],
            "Unit Kerja": rows["office_id"].map(offices["name"]),
            "Sub Unit Kerja": rows["unit"],
            "NIP Penilai": rater.map(people["nip"]),
            "Pejabat Penilai": rater.map(people["name"]),
            "Periode": "2025",
            "Rating Hasil Kerja": hasil.reindex(rows.index),
            "Rating Perilaku Kerja": perilaku.reindex(rows.index),
        }
    )
    table["Predikat Kinerja"] = rule_set.predicate(
        table["Rating Hasil Kerja"], table["Rating Perilaku Kerja"]
    )
    table["Predikat Organisasi"] = rows["office_id"].map(offices["organisation_predicate"])
    table["Keterangan"] = np.where(rng.random(len(table)) < 0.05, "Mutasi masuk Juli 2025", "")
    for column in ("Rating Hasil Kerja", "Rating Perilaku Kerja"):
        pick = rng.random(len(table))
        table[column] = [
            _SPELLINGS[label][int(p * len(_SPELLINGS[label]))] if p < 0.3 else label
            for label, p in zip(table[column], pick)
        ]
    table.insert(0, "No", np.arange(1, len(table) + 1))
    return table.reset_index(drop=True).astype(str)[HEADERS]


def planted_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The export with the problems of :data:`PLANTED`."""
    table = table.copy()
    nip = table.columns.get_loc("NIP")
    table.iat[3, nip] = "1,98" + table.iat[3, nip][2:5] + "E+17"
    table.iat[10, nip] = table.iat[10, nip][:-1]
    table.loc[18, "Rating Perilaku Kerja"] = "Luar Biasa"
    table.loc[25, "NIP Penilai"] = ""
    table.loc[33, "Rating Hasil Kerja"] = ""
    table.loc[41, "Predikat Kinerja"] = (
        "Sangat Baik" if table.loc[41, "Predikat Kinerja"] != "Sangat Baik" else "Baik"
    )
    twin = table.loc[[50]].assign(
        **{"Rating Hasil Kerja": "Di Bawah Ekspektasi", "Predikat Kinerja": "Butuh Perbaikan"}
    )
    repeat = table.loc[[60]]
    value = table.iat[70, nip]
    table.iat[70, nip] = f"{value[:8]} {value[8:14]} {value[14]} {value[15:]}"
    table = pd.concat(
        [table.iloc[:52], twin, table.iloc[52:62], repeat, table.iloc[62:]], ignore_index=True
    )
    table["No"] = [str(i) for i in range(1, len(table) + 1)]
    return table


def write_csv(table: pd.DataFrame, path: Path) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(table.itertuples(index=False))
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def write_xlsx(table: pd.DataFrame, path: Path) -> None:
    workbook = openpyxl.Workbook()
    guide = workbook.active
    guide.title = "Petunjuk"
    for line in (
        "Rekapitulasi penilaian kinerja pegawai, Kabupaten Sukamaju (data sintetis)",
        "Lembar 'Rekap 2025' berisi satu baris per pegawai.",
        "Lembar 'Rekap Unit' berisi jumlah per unit.",
    ):
        guide.append([line])
    sheet = workbook.create_sheet("Rekap 2025")
    sheet.append(["REKAPITULASI PENILAIAN KINERJA PEGAWAI TAHUN 2025"])
    sheet.append(["PEMERINTAH KABUPATEN SUKAMAJU"])
    sheet.append(HEADERS)
    for values in table.itertuples(index=False):
        row = list(values)
        row[0] = int(row[0])
        if "E+" in row[1]:  # the damaged cell is a number in Excel
            row[1] = float(row[1].replace(",", "."))
        sheet.append(row)
    units = workbook.create_sheet("Rekap Unit")
    units.append(["Unit Kerja", "Jumlah Pegawai"])
    for unit, count in table.groupby("Unit Kerja", sort=True).size().items():
        units.append([unit, int(count)])
    fixed = pd.Timestamp("2025-01-01").to_pydatetime()
    workbook.properties.created = workbook.properties.modified = fixed
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(_normalised_zip(buffer.getvalue()))


def _normalised_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps, so the file is identical on every run."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-01T00:00:00Z", content
                )
            target.writestr(info, content)
    return out.getvalue()


_LETTERS = {"Di Atas Ekspektasi": "A", "Sesuai Ekspektasi": "B", "Di Bawah Ekspektasi": "C"}


def write_unknown_shape(table: pd.DataFrame, path: Path) -> None:
    """The first 40 employees in a home-made shape that no preset knows (A/B/C ratings)."""
    part = table.iloc[:40]
    words = dict(_LETTERS)
    canonical = {v: k for k, vs in _SPELLINGS.items() for v in vs}
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["No Induk", "Satuan", "Nilai Kerja", "Nilai Sikap"])
    for nip, unit, h, p in zip(
        part["NIP"], part["Unit Kerja"], part["Rating Hasil Kerja"], part["Rating Perilaku Kerja"]
    ):
        writer.writerow([nip, unit, words[canonical.get(h, h)], words[canonical.get(p, p)]])
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def main(folder: Path = OUT) -> list[Path]:
    clean = clean_rows()
    table = planted_rows(clean)
    paths = [
        folder / "ekspor_ekinerja.csv",
        folder / "ekspor_ekinerja.xlsx",
        folder / "rekap_kantor_camat.csv",
    ]
    write_csv(table, paths[0])
    write_xlsx(table, paths[1])
    write_unknown_shape(clean, paths[2])
    return paths


if __name__ == "__main__":
    for written in main():
        print(f"wrote {written}")
