"""kinerja_sim.byod.read.read_appraisals: formats, the schema, row problems and clear messages."""

import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_sim.byod.read import DATA_COLUMNS, example_path, read_appraisals
from kinerja_sim.byod.schema import normalise_labels

KEY = "kunci-rahasia-untuk-tes-io-2025"
HEADERS = [
    "NIP",
    "Nama",
    "Unit Kerja",
    "Jabatan",
    "NIP Penilai",
    "Rating Hasil Kerja",
    "Rating Perilaku Kerja",
    "Predikat Kinerja",
]
RATER = "197001011995031001"


def nip(i: int) -> str:
    """A synthetic NIP; the sequence number (last three digits) starts at 001, as in real NIPs."""
    return f"1985{(i % 12) + 1:02d}{(i % 28) + 1:02d}2010011{i + 1:03d}"


def good_rows(n=6, unit="Dinas Kesehatan"):
    labels = ["Sesuai Ekspektasi", "Di Atas Ekspektasi", "Sesuai Ekspektasi"]
    predicates = {"Sesuai Ekspektasi": "Baik", "Di Atas Ekspektasi": "Sangat Baik"}
    return [
        [
            nip(i),
            f"Pegawai Nomor {i}",
            unit,
            "Pranata Komputer",
            RATER,
            labels[i % 3],
            labels[i % 3],
            predicates[labels[i % 3]],
        ]
        for i in range(n)
    ]


def write_csv(path, rows, headers=HEADERS, sep=",", encoding="utf-8"):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path, sheets):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def example():
    return read_appraisals(example_path("csv"), key=KEY)


# --- the shipped example ---------------------------------------------------------------


def test_example_keeps_every_good_row_and_lists_every_bad_one(example):
    total = example.source["total_rows"]
    used, rejected = (
        set(example.data["row"]),
        set(example.problems.loc[~example.problems["kept"], "row"]),
    )
    assert not used & rejected
    assert len(used) + len(rejected) == total
    assert (len(example.data), example.n_rejected) == (739, 3)  # 742 rows; see the next test


def test_example_reports_each_planted_problem_at_its_line(example):
    # datasets/contoh_ekspor/make.py PLANTED, at CSV line index + 2
    found = set(zip(example.problems["row"], example.problems["kind"], example.problems["kept"]))
    assert {
        (5, "nip_scientific", False),
        (12, "nip_length", False),
        (20, "label_unknown", True),
        (27, "empty", True),
        (35, "empty", True),
        (43, "predicate_mismatch", True),
        (52, "duplicate", True),
        (54, "duplicate", True),
        (65, "duplicate_same", False),
    } == found


def test_excel_export_gives_the_same_data_as_the_csv(example):
    workbook = read_appraisals(example_path("xlsx"), key=KEY)
    assert workbook.source["sheet"] == "Rekap 2025" and workbook.source["header_row"] == 3
    pd.testing.assert_frame_equal(
        workbook.data.drop(columns="row"), example.data.drop(columns="row")
    )
    assert (workbook.data["row"] - example.data["row"]).eq(2).all()


def test_data_has_the_documented_columns_and_codes(example):
    assert list(example.data.columns) == DATA_COLUMNS
    assert set(example.data["kode_hasil_kerja"].dropna()) == {1, 2, 3}
    assert example.data["kode_hasil_kerja"].isna().sum() == 1  # line 35: Rating Hasil Kerja empty
    assert example.data["rater_id"].str.fullmatch(r"PN-[0-9A-F]{12}").all()


def test_summary_names_counts_and_notices(example):
    text = example.summary()
    assert "739 dipakai, 3 tidak dipakai" in text
    assert "titik koma" in text and "baris 1" in text


# --- formats ----------------------------------------------------------------------------


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_separator_is_sniffed(tmp_path, sep):
    result = read_appraisals(write_csv(tmp_path / "a.csv", good_rows(), sep=sep), key=KEY)
    assert len(result.data) == 6 and result.source["separator"] == sep


def test_cp1252_file_is_read_with_a_notice(tmp_path):
    path = write_csv(
        tmp_path / "a.csv", good_rows(unit="Dinas Pariwisata – Café"), encoding="cp1252"
    )
    result = read_appraisals(path, key=KEY)
    assert result.source["encoding"] == "cp1252"
    assert result.data["unit_kerja"].eq("Dinas Pariwisata – Café").all()
    assert any("tidak tersimpan sebagai UTF-8" in n for n in result.notices)


def test_latin1_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path):
    path = write_csv(tmp_path / "a.csv", good_rows(unit="Unit \x81"), encoding="latin-1")
    assert read_appraisals(path, key=KEY).source["encoding"] == "latin-1"


def test_utf16_unicode_text_from_excel(tmp_path):
    path = write_csv(tmp_path / "a.txt", good_rows(), sep="\t", encoding="utf-16")
    result = read_appraisals(path, key=KEY)
    assert len(result.data) == 6 and result.source["encoding"] == "utf-16"


def test_utf8_bom_is_not_part_of_the_first_header(tmp_path):
    path = write_csv(tmp_path / "a.csv", good_rows(), encoding="utf-8-sig")
    assert read_appraisals(path, key=KEY).source["columns"]["nip"] == "NIP"


def test_excel_picks_the_first_sheet_with_the_columns_and_says_so(tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx",
        {
            "Catatan": [["Rekap kinerja"], ["dibuat oleh BKPSDM"]],
            "Data": [HEADERS, *good_rows()],
            "Lain": [HEADERS, *good_rows(2)],
        },
    )
    result = read_appraisals(path, key=KEY)
    assert result.source["sheet"] == "Data" and len(result.data) == 6
    assert '"Data"' in result.notices[0] and "3 lembar" in result.notices[0]


def test_excel_sheet_by_name_and_by_position(tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx", {"Data": [HEADERS, *good_rows()], "Lain": [HEADERS, *good_rows(2)]}
    )
    assert len(read_appraisals(path, key=KEY, sheet="Lain").data) == 2
    assert len(read_appraisals(path, key=KEY, sheet=1).data) == 2


def test_excel_missing_sheet_lists_the_sheets(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", {"Data": [HEADERS, *good_rows()]})
    with pytest.raises(ValueError, match=r'Lembar \(sheet\) "Rekap" tidak ada .* "Data"'):
        read_appraisals(path, key=KEY, sheet="Rekap")


def test_excel_without_a_usable_sheet_describes_each_sheet(tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx", {"Satu": [["NIP", "Nama"], [nip(1), "X"]], "Dua": [["Unit Kerja"]]}
    )
    with pytest.raises(
        ValueError, match=r'Tidak ada lembar .*Lembar "Satu": "NIP", "Nama".*Lembar "Dua"'
    ):
        read_appraisals(path, key=KEY)


def test_nip_stored_as_a_number_in_excel_is_reported_not_read(tmp_path):
    rows = good_rows()
    rows[2][0] = float(rows[2][0])
    result = read_appraisals(write_xlsx(tmp_path / "a.xlsx", {"Data": [HEADERS, *rows]}), key=KEY)
    problem = result.problems.iloc[0]
    assert (problem["row"], problem["kind"], problem["kept"]) == (4, "nip_scientific", False)
    assert "Simpan kolom NIP sebagai teks di Excel" in problem["message"]
    assert len(result.data) == 5


def test_broken_xls_unknown_format_empty_and_missing_files(tmp_path):
    (tmp_path / "a.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(ValueError, match="bukan berkas Excel .xls yang utuh"):
        read_appraisals(tmp_path / "a.xls", key=KEY)
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(ValueError, match="tidak dikenali"):
        read_appraisals(tmp_path / "a.pdf", key=KEY)
    (tmp_path / "kosong.csv").write_text("\n\n")
    with pytest.raises(ValueError, match="kosong"):
        read_appraisals(tmp_path / "kosong.csv", key=KEY)
    with pytest.raises(FileNotFoundError, match="tidak ditemukan"):
        read_appraisals(tmp_path / "tidak-ada.csv", key=KEY)


def test_broken_xlsx_gives_a_message(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="bukan berkas Excel .xlsx yang utuh"):
        read_appraisals(tmp_path / "a.xlsx", key=KEY)


# --- columns ---------------------------------------------------------------------------


def test_a_file_without_any_rating_is_refused_naming_what_is_missing(tmp_path):
    headers = HEADERS[:5]
    rows = [row[:5] for row in good_rows()]
    with pytest.raises(ValueError) as error:
        read_appraisals(write_csv(tmp_path / "a.csv", rows, headers=headers), key=KEY)
    text = str(error.value)
    assert (
        "Kolom wajib tidak ditemukan: satu rating" in text
        and '"Jabatan"' in text
        and "--map" in text
    )


def test_a_file_without_rater_is_read_and_rater_analysis_says_why_not(tmp_path):
    from kinerja_sim.byod import NotApplicable, rater_profiles

    headers = [h for h in HEADERS if h != "NIP Penilai"]
    rows = [row[:4] + row[5:] for row in good_rows()]
    result = read_appraisals(write_csv(tmp_path / "a.csv", rows, headers=headers), key=KEY)
    assert len(result.data) == 6 and result.data["rater_id"].eq("").all()
    with pytest.raises(NotApplicable, match=r"^Analisis ini perlu kolom penilai .*memilikinya\.$"):
        rater_profiles(result)


def test_header_variants_and_extra_columns(tmp_path):
    headers = [
        "nip_ni_pppk",
        "NAMA PEGAWAI",
        "Perangkat Daerah",
        "Nama Jabatan",
        "Pejabat Penilai",
        "Hasil Kerja",
        "Perilaku Kerja",
        "Predikat",
        "No. HP",
    ]
    rows = [[*row[:4], "Ibu Kepala", *row[5:], "0812"] for row in good_rows()]
    result = read_appraisals(write_csv(tmp_path / "a.csv", rows, headers=headers), key=KEY)
    assert len(result.data) == 6 and result.data["rater_id"].nunique() == 1
    assert any('"No. HP"' in n for n in result.notices)
    assert any("dikenali dari namanya" in n for n in result.notices)


def test_custom_column_mapping(tmp_path):
    headers = ["No Induk", *HEADERS[1:]]
    result = read_appraisals(
        write_csv(tmp_path / "a.csv", good_rows(), headers=headers),
        key=KEY,
        columns={"No Induk": "nip"},
    )
    assert len(result.data) == 6
    with pytest.raises(ValueError, match='"No Induk" dipetakan ke "nomor"'):
        read_appraisals(tmp_path / "a.csv", key=KEY, columns={"No Induk": "nomor"})


def test_title_lines_above_the_header_and_blank_rows_keep_file_row_numbers(tmp_path):
    path = tmp_path / "a.csv"
    lines = ["REKAP PENILAIAN KINERJA 2025", "", ",".join(HEADERS)]
    rows = good_rows(3)
    rows[1][5] = "Hebat"
    lines += [",".join(rows[0]), "", ",".join(rows[1]), ",".join(rows[2])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_appraisals(path, key=KEY)
    assert result.source["header_row"] == 3
    assert result.data["row"].tolist() == [4, 6, 7]  # line 6 keeps its behaviour rating
    assert result.problems[["row", "kind", "kept"]].values.tolist() == [[6, "label_unknown", True]]
    assert any("1 baris kosong" in n for n in result.notices)


# --- rows --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, kind",
    [
        ("", "empty"),
        ("1,98501E+17", "nip_scientific"),
        ("198501012010011001.0", "nip_decimal"),
        ("19850101A2010", "nip_chars"),
        ("19850101201001100", "nip_length"),
    ],
)
def test_malformed_nip_is_a_bad_row_with_a_masked_value(tmp_path, value, kind):
    rows = good_rows()
    rows[1][0] = value
    result = read_appraisals(write_csv(tmp_path / "a.csv", rows), key=KEY)
    problem = result.problems.iloc[0]
    assert (problem["row"], problem["kind"], problem["kept"]) == (3, kind, False)
    assert len(result.data) == 5
    if len(value) > 8:
        assert value not in problem["value"] and value not in problem["message"]


def test_nip_with_spaces_or_apostrophe_is_accepted(tmp_path):
    rows = good_rows()
    rows[0][0] = f"{rows[0][0][:8]} {rows[0][0][8:14]} {rows[0][0][14]} {rows[0][0][15:]}"
    rows[1][0] = "'" + rows[1][0]
    result = read_appraisals(write_csv(tmp_path / "a.csv", rows), key=KEY)
    assert len(result.data) == 6 and result.problems.empty


def test_label_variants_are_accepted(tmp_path):
    rows = good_rows(4)
    for row, (hasil, perilaku) in zip(
        rows,
        [
            ("DIATAS", "sesuai"),
            ("di  atas-ekspektasi", "SE"),
            ("Dibawah Ekspektasi", "dbe"),
            ("DAE", " Sesuai Ekspektasi "),
        ],
    ):
        row[5], row[6], row[7] = hasil, perilaku, ""
    result = read_appraisals(write_csv(tmp_path / "a.csv", rows), key=KEY)
    assert result.data["rating_hasil_kerja"].tolist() == [
        "Di Atas Ekspektasi",
        "Di Atas Ekspektasi",
        "Di Bawah Ekspektasi",
        "Di Atas Ekspektasi",
    ]
    assert result.data["predikat"].tolist() == ["Baik", "Baik", "Sangat Kurang", "Baik"]


def test_missing_rater_and_one_unknown_rating_are_warnings_and_the_rows_are_used(tmp_path):
    rows = good_rows()
    rows[0][4] = ""
    rows[3][6] = "Luar Biasa"
    result = read_appraisals(write_csv(tmp_path / "a.csv", rows), key=KEY)
    assert result.problems[["row", "kind", "kept"]].values.tolist() == [
        [2, "empty", True],
        [5, "label_unknown", True],
    ]
    assert "NIP Penilai kosong." in result.problems["message"].tolist()
    assert "Luar Biasa" in result.problems["message"].iloc[1]
    assert len(result.data) == 6 and result.data.loc[0, "rater_id"] == ""


def test_a_row_whose_every_rating_is_unknown_is_not_used(tmp_path):
    rows = good_rows()
    rows[2][5], rows[2][6] = "Luar Biasa", ""
    result = read_appraisals(write_csv(tmp_path / "a.csv", rows), key=KEY)
    assert set(result.problems.loc[~result.problems["kept"], "row"]) == {4}
    assert "tidak punya satu pun rating" in " ".join(result.problems["message"])


def test_repeated_nip_without_period_keeps_both_rows_asks_and_analyses_use_the_last(tmp_path):
    rows = good_rows()
    rows.append(list(rows[0]))  # identical repeat: row 8 repeats row 2
    twin = list(rows[1])
    twin[5], twin[7] = "Di Bawah Ekspektasi", "Butuh Perbaikan"
    rows.append(twin)  # other contents: rows 3 and 9
    result = read_appraisals(write_csv(tmp_path / "a.csv", rows), key=KEY)
    assert result.problems[["row", "kind", "kept"]].values.tolist() == [
        [3, "duplicate", True],
        [8, "duplicate_same", False],
        [9, "duplicate", True],
    ]
    assert "baris mana yang berlaku" in result.problems["message"].iloc[0]
    assert set(result.data["row"]) == {2, 3, 4, 5, 6, 7, 9}
    annual = result.view()
    view = annual.to_frame()
    assert len(view) == 6 and view.loc[view["rows"] == "3, 9", "rating_hasil_kerja"].tolist() == [
        "Di Bawah Ekspektasi"
    ]
    assert any("baris paling bawah" in note for note in annual.notes)


def test_predicate_off_the_matrix_is_a_warning_and_the_row_is_used(tmp_path):
    rows = good_rows()
    rows[0][7] = "Sangat Baik"
    result = read_appraisals(write_csv(tmp_path / "a.csv", rows), key=KEY)
    assert result.problems["kept"].tolist() == [True] and len(result.data) == 6
    assert result.data.loc[0, "predikat"] == "Sangat Baik"


def test_messages_in_english(tmp_path):
    rows = good_rows()
    rows[0][5] = "Great"
    result = read_appraisals(write_csv(tmp_path / "a.csv", rows), key=KEY, lang="en")
    assert (
        result.problems["message"]
        .iloc[0]
        .startswith('Rating Hasil Kerja "Great" is not a known label')
    )
    assert "used" in result.summary(lang="en")


# --- the key -------------------------------------------------------------------------------


def test_key_is_required_long_enough_and_text_or_bytes(tmp_path):
    path = write_csv(tmp_path / "a.csv", good_rows())
    with pytest.raises(ValueError, match="wajib"):
        read_appraisals(path, key=None)
    with pytest.raises(ValueError, match="terlalu pendek"):
        read_appraisals(path, key="pendek")
    with pytest.raises(TypeError, match="bukan int"):
        read_appraisals(path, key=12345678901234567890)


def test_same_key_same_pseudonyms_other_key_other_pseudonyms(tmp_path):
    path = write_csv(tmp_path / "a.csv", good_rows())
    first = read_appraisals(path, key=KEY).data
    again = read_appraisals(path, key=KEY.encode()).data
    other = read_appraisals(path, key=KEY + "x").data
    assert first["employee_id"].tolist() == again["employee_id"].tolist()
    assert not set(first["employee_id"]) & set(other["employee_id"])


def test_units_can_be_pseudonymised(tmp_path):
    result = read_appraisals(
        write_csv(tmp_path / "a.csv", good_rows()), key=KEY, pseudonymise_units=True
    )
    assert result.data["unit_kerja"].str.fullmatch(r"UK-[0-9A-F]{12}").all()


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    label=st.sampled_from(["Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"]),
    cases=st.lists(st.booleans(), min_size=30, max_size=30),
    pad=st.sampled_from(["", " ", "  ", "-", "_"]),
)
def test_any_casing_and_spacing_of_a_label_is_recognised(label, cases, pad):
    variant = "".join(c.upper() if up else c.lower() for c, up in zip(label, cases)).replace(
        " ", pad or " "
    )
    assert normalise_labels(pd.Series([f" {variant} "]), "ratings").iloc[0] == label


# The accepted spellings, written out by hand (letters only, lower case, no trailing "ekspektasi").
_ACCEPTED = {
    "diatas": "Di Atas Ekspektasi",
    "atas": "Di Atas Ekspektasi",
    "dae": "Di Atas Ekspektasi",
    "ae": "Di Atas Ekspektasi",
    "melampaui": "Di Atas Ekspektasi",
    "melebihi": "Di Atas Ekspektasi",
    "sesuai": "Sesuai Ekspektasi",
    "se": "Sesuai Ekspektasi",
    "memenuhi": "Sesuai Ekspektasi",
    "dibawah": "Di Bawah Ekspektasi",
    "bawah": "Di Bawah Ekspektasi",
    "dbe": "Di Bawah Ekspektasi",
    "be": "Di Bawah Ekspektasi",
    "kurangdari": "Di Bawah Ekspektasi",
}


def _letters(text: str) -> str:
    key = "".join(c for c in text.casefold() if "a" <= c <= "z")
    for suffix in ("ekspektasi", "ekspetasi", "ekpektasi", "expektasi"):
        if key.endswith(suffix) and key != suffix:
            return key[: -len(suffix)]
    return key


@settings(max_examples=80, deadline=None)
@given(st.text(min_size=1, max_size=12))
def test_random_text_is_read_as_a_label_exactly_when_its_letters_spell_an_accepted_word(text):
    label = normalise_labels(pd.Series([text]), "ratings").iloc[0]
    expected = _ACCEPTED.get(_letters(text))
    assert (pd.isna(label) and expected is None) or label == expected


@pytest.mark.parametrize(
    "text, label",
    [
        ("Diatas Ekspetasi", "Di Atas Ekspektasi"),
        ("DIBAWAH EKSPETASI", "Di Bawah Ekspektasi"),
        ("AE", "Di Atas Ekspektasi"),
        ("se", "Sesuai Ekspektasi"),
        ("BE", "Di Bawah Ekspektasi"),
        ("1", None),
        ("BM", None),
    ],
)
def test_the_misspellings_and_regional_codes_are_read_numbers_are_not_guessed(text, label):
    value = normalise_labels(pd.Series([text]), "ratings").iloc[0]
    assert (pd.isna(value) and label is None) or value == label


def test_forced_wrong_encoding_gives_a_message(tmp_path):
    path = write_csv(tmp_path / "a.csv", good_rows(unit="Café"), encoding="cp1252")
    with pytest.raises(ValueError, match='pengodean "utf-8"'):
        read_appraisals(path, key=KEY, encoding="utf-8")


def test_example_export_is_regenerated_byte_for_byte(tmp_path):
    import importlib.util

    folder = example_path().parent
    maker = Path(__file__).resolve().parents[1] / "datasets" / "contoh_ekspor" / "make.py"
    spec = importlib.util.spec_from_file_location("contoh_make", maker)
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    for path in make.main(tmp_path):
        assert path.read_bytes() == (folder / path.name).read_bytes(), path.name


_CORRUPTIONS = {
    "nip_short": lambda row: row.__setitem__(0, row[0][:-1]),
    "nip_float": lambda row: row.__setitem__(0, "1,98501E+17"),
    "nip_empty": lambda row: row.__setitem__(0, ""),
    "rater_empty": lambda row: row.__setitem__(4, ""),
    "label_unknown": lambda row: row.__setitem__(5, "Hebat Sekali"),
    "label_empty": lambda row: row.__setitem__(6, ""),
    "variant": lambda row: row.__setitem__(5, "diatas"),
    "none": lambda row: None,
}


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.sampled_from(sorted(_CORRUPTIONS)), min_size=1, max_size=25),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_every_data_row_is_either_used_or_listed_as_a_problem(
    tmp_path_factory, corruptions, sep, encoding
):
    rows = good_rows(len(corruptions))
    for row, corruption in zip(rows, corruptions):
        _CORRUPTIONS[corruption](row)
    path = write_csv(tmp_path_factory.mktemp("prop") / "a.csv", rows, sep=sep, encoding=encoding)
    result = read_appraisals(path, key=KEY)
    used = set(result.data["row"])
    rejected = set(result.problems.loc[~result.problems["kept"], "row"])
    assert used | rejected == set(range(2, len(rows) + 2)) and not used & rejected
    # only an unusable NIP refuses a row here: every row keeps at least one rating
    bad = {i + 2 for i, c in enumerate(corruptions) if c.startswith("nip_")}
    assert rejected == bad
