"""Real export shapes import with no mapping written by the user (issue 10), and the shared
identifier rules.

The fixtures of tests/fixtures/exports/ are made by its make.py in the shapes of SIASN (JSON and
CSV), a regional e-Kinerja app (quarterly rows), a spreadsheet recap (.xls), a result-only system
and PP 46 scores, each with planted bad rows; make.EXPECTED says, by construction, which rows a
correct import uses and which it refuses.
"""

import importlib.util
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_sim.byod import (
    NotApplicable,
    curve_checks,
    distributions,
    fit_simulation,
    load_mapping,
    presets,
    rater_profiles,
    read_appraisals,
)
from kinerja_sim.byod.identifiers import classify, normalise, problem_kind
from kinerja_sim.byod.pseudonym import Pseudonymiser
from kinerja_sim.cli import main

KEY = "kunci-rahasia-untuk-tes-ekspor-2025"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "exports"


def _make():
    spec = importlib.util.spec_from_file_location("exports_make", FIXTURES / "make.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE = _make()
SHAPES = {
    "siasn_skp22.json": "siasn-skp22",
    "siasn_skp22.csv": "siasn-skp22",
    "ekinerja_triwulan.csv": "ekinerja-daerah",
    "rekap_bawahan.xls": "rekap-bawahan",
    "hasil_saja.csv": "hasil-saja",
    "pp46_nilai.xlsx": "pp46-nilai",
}


@pytest.fixture(scope="module")
def imported():
    return {name: read_appraisals(FIXTURES / name, key=KEY) for name in SHAPES}


# --- every shape imports with no mapping ---------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_each_real_shape_is_recognised_by_its_headers(imported, name):
    assert imported[name].source["preset"] == SHAPES[name]
    assert imported[name].source["format_how"] == "guessed"


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_each_shape_uses_every_row_with_a_usable_identifier_and_rating(imported, name):
    used, refused = MAKE.EXPECTED[name]
    result = imported[name]
    assert sorted(result.data["row"]) == used
    assert sorted(set(result.problems.loc[~result.problems["kept"], "row"])) == refused


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_refused_row_is_listed_with_a_reason_in_bahasa_indonesia(imported, name):
    refused = imported[name].problems[~imported[name].problems["kept"]]
    assert len(refused) and refused["message"].str.len().gt(10).all()
    assert (
        not refused["message"].str.contains(r"\b(?:is|the|not)\b", regex=True).any()
    )  # not English


def test_the_fixtures_are_regenerated_byte_for_byte(tmp_path):
    for path in MAKE.main(tmp_path):
        if path.suffix == ".xlsx":  # a zip with timestamps: compare the cells instead
            pd.testing.assert_frame_equal(
                pd.read_excel(path, dtype=str), pd.read_excel(FIXTURES / path.name, dtype=str)
            )
        else:
            assert path.read_bytes() == (FIXTURES / path.name).read_bytes(), path.name


# --- SIASN ----------------------------------------------------------------------------------------


def test_siasn_codes_mean_1_di_atas_2_sesuai_3_di_bawah(imported):
    records, _, _ = MAKE.siasn_records()
    data = imported["siasn_skp22.json"].data.set_index("row")
    words = {1: "Di Atas Ekspektasi", 2: "Sesuai Ekspektasi", 3: "Di Bawah Ekspektasi"}
    for row in (1, 2, 5, 8):  # records with codes (2,2), (1,2), (3,2), (3,3)
        assert (
            data.loc[row, "rating_perilaku_kerja"] == words[records[row - 1]["PerilakuKerjaNilai"]]
        )
        assert data.loc[row, "rating_hasil_kerja"] == words[records[row - 1]["hasilKinerjaNilai"]]


def test_siasn_json_and_csv_give_the_same_people_and_ratings(imported):
    json_data, csv_data = imported["siasn_skp22.json"].data, imported["siasn_skp22.csv"].data
    columns = ["employee_id", "rater_id", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat"]
    pd.testing.assert_frame_equal(json_data[columns], csv_data[columns])


def test_siasn_non_asn_raters_are_accepted_with_a_note(imported):
    result = imported["siasn_skp22.json"]
    records, used, _ = MAKE.siasn_records()
    expected = {row: records[row - 1]["statusPenilai"] for row in used}
    assert dict(zip(result.data["row"], result.data["rater_asn"])) == expected
    assert any("bukan ASN" in notice for notice in result.notices)


def test_an_unknown_code_is_not_guessed_and_its_row_keeps_the_other_rating(imported):
    problems = imported["siasn_skp22.json"].problems.set_index("row")
    assert problems.loc[12, "kind"] == "label_unknown" and problems.loc[12, "kept"]
    assert "tidak ditebak" in problems.loc[12, "message"]


def test_summary_names_the_preset_and_how_each_column_was_read(imported):
    text = imported["siasn_skp22.json"].summary()
    assert "Format: BKN SIASN, riwayat SKP 2022" in text and "dikenali dari judul kolom" in text
    assert '"hasilKinerjaNilai" -> Rating Hasil Kerja (format; kode 1 = Di Atas Ekspektasi' in text
    assert '"nipBaru" -> NIP (format; identitas, diganti nama samaran)' in text


def test_every_preset_cites_where_its_shape_comes_from():
    for name, preset in presets().items():
        if name == "umum":
            continue
        assert preset.sources and all(
            source.get("repo") and source.get("shows") for source in preset.sources
        ), name
        assert preset.confidence in ("HIGH", "MEDIUM", "ASSUMPTION")


# --- e-Kinerja periods ----------------------------------------------------------------------------


def test_quarterly_rows_are_kept_per_period_and_are_not_duplicates(imported):
    result = imported["ekinerja_triwulan.csv"]
    assert len(result.data) == 22 and result.data["employee_id"].nunique() == 6
    assert not result.problems["kind"].str.startswith("duplicate").any()
    assert set(result.data["jenis_periode"]) == {"periodik"}


def test_annual_view_is_the_most_frequent_quarterly_rating_ties_to_the_latest(imported):
    view = imported["ekinerja_triwulan.csv"].view().to_frame().set_index("rows")
    # employee 0: hasil SE, BM, AE, AE (lines 2-5) -> AE twice: Di Atas
    assert view.loc["2, 3, 4, 5", "rating_hasil_kerja"] == "Di Atas Ekspektasi"
    # employee 1: AE, SE, SE, BE on lines 6, (7 refused), 8, 9 -> AE, SE, BE once each: latest (BE)
    assert view.loc["6, 8, 9", "rating_hasil_kerja"] == "Di Bawah Ekspektasi"
    # employee 2: SE all year
    assert view.loc["10, 12, 13", "rating_hasil_kerja"] == "Sesuai Ekspektasi"
    assert (view["basis"] == "periodik").all() and len(view) == 6


def test_bm_means_not_rated_and_older_predicate_words_are_replaced_by_the_matrix(imported):
    result = imported["ekinerja_triwulan.csv"]
    problems = result.problems.set_index("row")
    assert problems.loc[3, "kind"] == "not_rated" and problems.loc[3, "kept"]
    data = result.data.set_index("row")
    assert data.loc[15, "predikat"] == "Baik"  # "CUKUP" with SE / SE
    assert data.loc[19, "predikat"] == "Baik"  # "Istimewa" with SE / SE
    assert set(problems.loc[[15, 19], "kind"]) == {"predicate_nonstandard"}


# --- spreadsheet recap (.xls) ---------------------------------------------------------------------


def test_old_xls_recap_reads_misspellings_and_refuses_a_nip_stored_as_a_number(imported):
    result = imported["rekap_bawahan.xls"]
    assert result.source["header_row"] == 4 and result.source["sheet"] == "Rekap"
    assert (
        result.data.set_index("row").loc[5, "rating_hasil_kerja"] == "Di Atas Ekspektasi"
    )  # "Diatas Ekspetasi"
    refused = result.problems[~result.problems["kept"]].iloc[0]
    assert (
        refused["kind"] == "nip_scientific"
        and "Simpan kolom NIP sebagai teks" in refused["message"]
    )


def test_recap_without_rater_or_unit_says_which_analyses_cannot_run(imported):
    result = imported["rekap_bawahan.xls"]
    reasons = result.applicable()
    assert reasons["distributions"] is None
    assert reasons["rater_profiles"].count(".") == 1 and "penilai" in reasons["rater_profiles"]
    assert "Unit Kerja" in reasons["curve_checks"]
    with pytest.raises(NotApplicable):
        curve_checks(result)
    assert distributions(result)["unit_kerja"].eq("(semua unit)").all()


# --- result-only ----------------------------------------------------------------------------------


def test_result_only_file_gets_the_result_only_analyses(imported):
    result = imported["hasil_saja.csv"]
    assert set(distributions(result)["aspect"]) == {"rating_hasil_kerja", "predikat"}
    assert set(rater_profiles(result)["n_ratees"]) == {11}
    assert "Rating Perilaku Kerja" in result.applicable()["fit"]
    with pytest.raises(NotApplicable):
        fit_simulation(result, worlds=1, max_evaluations=10, bootstrap=20, rng=1)


def test_result_only_istimewa_without_behaviour_rating_leaves_the_predicate_empty(imported):
    data = imported["hasil_saja.csv"].data.set_index("row")
    assert data.loc[5, "predikat"] == "" and data.loc[2, "predikat"] == "Baik"


# --- PP 46 ----------------------------------------------------------------------------------------


def test_pp46_scores_use_the_pp46_regime_and_its_categories(imported):
    result = imported["pp46_nilai.xlsx"]
    data = result.data.set_index("row")
    assert result.regime == "pp-46-2011"
    # line 4: nilai prestasi missing -> 0.6 * 84 + 0.4 * 82 = 83.2 (Baik: 76-90, PP 46/2011 Pasal
    # 18)
    assert (
        data.loc[4, "nilai_prestasi"] == pytest.approx(83.2) and data.loc[4, "predikat"] == "Baik"
    )
    assert data.loc[2, "predikat"] == "Cukup"  # 0.6 * 70 + 0.4 * 72 = 70.8
    assert set(distributions(result)["label"]) == {
        "Sangat Baik",
        "Baik",
        "Cukup",
        "Kurang",
        "Buruk",
    }


def test_pp46_leniency_runs_and_the_2022_only_analyses_say_they_do_not_apply(imported):
    result = imported["pp46_nilai.xlsx"]
    assert len(rater_profiles(result)) == 2
    for analysis in ("curve_checks", "fit"):
        assert "hanya berlaku untuk PermenPAN-RB 6/2022" in result.applicable()[analysis]
    with pytest.raises(NotApplicable):
        curve_checks(result)


# --- mappings -------------------------------------------------------------------------------------


def test_a_file_matching_no_preset_is_refused_with_a_hint_to_map_it():
    with pytest.raises(ValueError, match=r"Kolom wajib tidak ditemukan: NIP.*--map"):
        read_appraisals(FIXTURES / "tanpa_format.csv", key=KEY)


def test_a_mapping_with_value_labels_reads_a_file_of_unknown_shape(tmp_path):
    mapping = tmp_path / "peta.yaml"
    mapping.write_text(
        "columns:\n  No Induk: nip\n  Satuan: unit_kerja\n  Nilai Kerja: rating_hasil_kerja\n"
        "  Nilai Sikap: rating_perilaku_kerja\nvalues:\n"
        "  rating_hasil_kerja: {A: Di Atas Ekspektasi, B: Sesuai Ekspektasi, C: Di Bawah "
        "Ekspektasi}\n  rating_perilaku_kerja: {A: Di Atas Ekspektasi, B: Sesuai Ekspektasi, C: "
        "Di Bawah Ekspektasi}\n",
        encoding="utf-8",
    )
    result = read_appraisals(FIXTURES / "tanpa_format.csv", key=KEY, columns=mapping)
    used, refused = MAKE.EXPECTED["tanpa_format.csv"]
    assert sorted(result.data["row"]) == used
    assert sorted(set(result.problems.loc[~result.problems["kept"], "row"])) == refused
    assert result.data.set_index("row").loc[2, "rating_hasil_kerja"] == "Di Atas Ekspektasi"  # "A"
    assert result.source["format_how"] == "mapped" and "peta Anda" in result.summary()


def test_an_explicit_mapping_wins_over_a_recognised_header(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "NIP,Rating Hasil Kerja,Nilai Atasan\n"
        "198501012010011001,Sesuai Ekspektasi,Di Atas Ekspektasi\n",
        encoding="utf-8",
    )
    result = read_appraisals(path, key=KEY, columns={"Nilai Atasan": "rating_hasil_kerja"})
    assert result.data.loc[0, "rating_hasil_kerja"] == "Di Atas Ekspektasi"
    assert (
        dict((h, f) for h, f, _, _ in result.source["read_as"])["Nilai Atasan"]
        == "rating_hasil_kerja"
    )


def test_format_forces_a_preset_and_an_unknown_name_lists_the_presets(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("nip,rating_hasil_kerja\n198501012010011001,1\n", encoding="utf-8")
    assert (
        read_appraisals(path, key=KEY, format="siasn-skp22").data.loc[0, "rating_hasil_kerja"]
        == "Di Atas Ekspektasi"
    )
    with pytest.raises(ValueError, match='Format "siasn" tidak dikenal.*siasn-skp22'):
        read_appraisals(path, key=KEY, format="siasn")


def test_mapping_errors_are_one_line_messages(tmp_path):
    bad = tmp_path / "peta.yaml"
    bad.write_text("columns: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bukan YAML"):
        load_mapping(bad)
    with pytest.raises(ValueError, match='"nomor"'):
        load_mapping({"columns": {"No": "nomor"}})
    with pytest.raises(FileNotFoundError, match="tidak ditemukan"):
        load_mapping(tmp_path / "tidak-ada.yaml")


def test_mapping_round_trips_through_yaml(tmp_path):
    mapping = load_mapping(
        {
            "columns": {"No Induk": "nip"},
            "values": {"rating_hasil_kerja": {"A": "Di Atas Ekspektasi"}},
        }
    )
    path = tmp_path / "peta.yaml"
    path.write_text(mapping.to_yaml(), encoding="utf-8")
    assert load_mapping(path) == mapping


# --- the command line -----------------------------------------------------------------------------


def test_cli_imports_a_periodic_file_and_skips_inapplicable_analyses_with_a_sentence(
    tmp_path, capsys
):
    key = tmp_path / "kunci.txt"
    key.write_text(KEY + "\n")
    out = tmp_path / "hasil"
    assert (
        main(
            [
                "import",
                str(FIXTURES / "rekap_bawahan.xls"),
                "--key-file",
                str(key),
                "--out",
                str(out),
                "--fit",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert {p.name for p in out.iterdir()} == {
        "data.csv",
        "masalah.csv",
        "ringkasan.txt",
        "sebaran.csv",
        "nasional.csv",
    }
    assert (
        "Tidak dapat dijalankan: penilai dibandingkan rekan" in text
        and "Rekap penilaian bawahan" in text
    )


def test_cli_takes_a_mapping_file_and_lists_formats(tmp_path, capsys):
    key = tmp_path / "kunci.txt"
    key.write_text(KEY + "\n")
    mapping = tmp_path / "peta.yaml"
    mapping.write_text(
        "columns: {No Induk: nip, Satuan: unit_kerja, Nilai Kerja: rating_hasil_kerja}\n"
        "values: {rating_hasil_kerja: {A: Di Atas Ekspektasi, B: Sesuai Ekspektasi, "
        "C: Di Bawah Ekspektasi}}\n"
    )
    assert (
        main(
            [
                "import",
                str(FIXTURES / "tanpa_format.csv"),
                "--key-file",
                str(key),
                "--out",
                str(tmp_path / "o"),
                "--map",
                str(mapping),
            ]
        )
        == 0
    )
    assert "8 dipakai" in capsys.readouterr().out
    assert main(["import", "--formats"]) == 0
    listing = capsys.readouterr().out
    assert "siasn-skp22" in listing and "kanekescom/laravel-siasn-simpeg" in listing


# --- identifiers (issue 15 item 3: one implementation) --------------------------------------------

NIP = "198501012010011001"
DIGIT_FORMS = [
    chr(zero + d) for zero in (0x30, 0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6) for d in range(10)
]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.sampled_from([0x30, 0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6]), min_size=18, max_size=18
    ),
    st.sampled_from(["", " ", "'"]),
)
def test_the_same_nip_in_any_digit_form_is_one_person(zeros, prefix):
    variant = prefix + "".join(chr(zero + int(d)) for zero, d in zip(zeros, NIP))
    pseudonymiser = Pseudonymiser(KEY)
    assert normalise(variant) == NIP
    assert pseudonymiser.employees([variant])[0] == pseudonymiser.employees([NIP])[0]


def test_unicode_digits_are_digits_of_the_right_value():
    # independent check: unicodedata gives each character's decimal value
    for character in DIGIT_FORMS:
        assert normalise(character) == str(unicodedata.decimal(character))


@pytest.mark.parametrize(
    "text, kind",
    [
        ("198501012010011001", "nip"),
        ("198501012021212001", "ni_pppk"),
        ("3201014501850001", "nik"),
        ("85010123", "nrp"),
        ("1234", None),
    ],
)
def test_identifier_kinds_by_length_and_pppk_code(text, kind):
    assert classify(text) == kind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("1.98501012010011E+17", "excel_scientific"),
        ("198501012010011000", "excel_truncated"),
        ("19850101201001100.5", "excel_decimal"),
        ("3201014501850001", "not_allowed"),
    ],
)
def test_an_employee_needs_an_asn_number_and_excel_damage_is_refused(text, kind):
    assert problem_kind(normalise(text)) == kind


def test_fullwidth_nip_in_a_file_gets_the_same_pseudonym_as_ascii(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        f"NIP,Rating Hasil Kerja\n{NIP},Sesuai\n"
        f"{NIP.translate(str.maketrans('0123456789', '０１２３４５６７８９'))},Di Atas\n",
        encoding="utf-8",
    )
    result = read_appraisals(path, key=KEY)
    assert len(result.data) == 2 and result.data["employee_id"].nunique() == 1
    assert set(result.problems["kind"]) == {
        "duplicate"
    }  # one person twice: a question, not two people


def test_an_annual_row_wins_over_the_periodic_rows_of_the_same_year(tmp_path):
    path = tmp_path / "campur.csv"
    path.write_text(
        "pegawai_nip,jenis_periode,tahun,rating_hasil_kerja,rating_perilaku_kerja\n"
        f"{NIP},Triwulan 1,2025,BE,BE\n{NIP},Triwulan 2,2025,BE,BE\n{NIP},Tahunan,2025,SE,AE\n",
        encoding="utf-8",
    )
    result = read_appraisals(path, key=KEY)
    assert list(result.data["jenis_periode"]) == ["periodik", "periodik", "tahunan"]
    view = result.view().to_frame()
    assert len(view) == 1 and view.loc[0, "basis"] == "tahunan"
    # the annual row: Sesuai / Di Atas -> Baik (PermenPAN-RB 6/2022 matrix), not the quarters'
    # Sangat Kurang
    assert (view.loc[0, "rating_hasil_kerja"], view.loc[0, "predikat"]) == (
        "Sesuai Ekspektasi",
        "Baik",
    )


def test_monthly_rows_from_month_names_are_ordered_for_the_tie_rule(tmp_path):
    path = tmp_path / "bulanan.csv"
    path.write_text(
        f"NIP,Periode,Rating Hasil Kerja\n{NIP},Maret 2025,Di Atas\n{NIP},Januari 2025,Di Bawah\n",
        encoding="utf-8",
    )
    view = read_appraisals(path, key=KEY).view().to_frame()
    # one each: the tie goes to the latest month (Maret), whatever the order of the rows
    assert (
        view.loc[0, "rating_hasil_kerja"] == "Di Atas Ekspektasi"
        and view.loc[0, "basis"] == "periodik"
    )


def test_pp46_leniency_is_flagged_in_points_of_the_score(tmp_path):
    lines = ["nip,unit kerja,nip penilai,nilai_prestasi"]
    for rater, base in ((1, 92), (2, 80), (3, 80), (4, 80)):
        for i in range(6):
            lines.append(
                f"1985010120100{rater}1{i + 1:03d},Dinas A,19700101199503100{rater}"
                f",{base + (i % 3) - 1}"
            )
    path = tmp_path / "pp46.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    profiles = rater_profiles(read_appraisals(path, key=KEY))
    flagged = profiles[profiles["flag_leniency"]]
    # rater 1 averages 92, the others 80: 12 points above them (threshold 5 points, ASSUMPTION)
    assert len(flagged) == 1 and flagged["leniency"].iloc[0] == pytest.approx(12.0)
    assert "poin lebih tinggi" in flagged["explanation"].iloc[0]
