"""kinerja_sim.coach.indicators on real indicators of Indonesian offices (issue #11): corpus, rules,
coach.
"""

import hashlib
import re
from importlib import resources

import pytest

from kinerja_sim.coach.indicator_coach import rewrite_skp_row, suggest
from kinerja_sim.coach.indicator_corpus import (
    accuracy,
    confusion,
    real_indicators,
    synthetic_indicators,
    target_text,
)
from kinerja_sim.coach.indicators import (
    ABBREVIATIONS,
    ASPECTS,
    PERIODS,
    PROBLEM_CODES,
    RULES,
    check,
)

HELDOUT_SHA256 = (
    "ad7bd7627760e00df451bb3d5a9ec12cb7be74f638b5ae2d93d970911fb4e6a4"  # commit eecd18e
)
FRESH2_SHA256 = (
    "469d35ea6ebefb10dbe553271f4d28c22e76decfc5d427a152998f36b37743db"  # commit ab2ae33 (blind)
)
TRAIN, HELDOUT = real_indicators("corpus"), real_indicators("heldout")
FRESH3_SHA256 = (
    "6c80dfbb57ec31dbbb5cf473ad000c1c6f3d90bbe42bd00e1386aabc5972fd9d"  # commit f5196b1 (blind)
)
FRESH4_SHA256 = (
    "2cf3a5147a5902d175704bc3638d6fa85874ed77cdd58828a3847d8667c1016a"  # commit 7d619c0 (blind)
)
# fresh4 is training data; one entry was relabelled on 2026-12-03 by the owners' decision on paket
# counts (issue #20): its header says so in three comment lines and the entry keeps its old reason.
FRESH4_RELABEL_NOTE = ("# Relabelled 2026-12-03", "# counts, entry 22", "# holds 40 terukur")
FRESH4_RELABELLED = '- iki: "Jumlah Paket Bahan Logistik Kantor yang Disediakan"'
FRESH5_SHA256 = (
    "00c8b24709faec31ce21e9bce88d5c4d4fe7f79e17cad9d28db806762ccfa8fc"  # commit e60cdc0 (blind)
)
FRESH2, FRESH3, FRESH4 = (
    real_indicators("fresh2"),
    real_indicators("fresh3"),
    real_indicators("fresh4"),
)
GUIDE_CODES = {
    "no_measure",
    "activity",
    "sasaran",
    "vague_verb",
    "vague_object",
    "no_number",
    "unit_mismatch",
    "year_target",
    "no_unit",
}


# ----------------------------------------------------------------------------- the corpus
def test_heldout_file_is_the_one_committed_before_the_rules_changed():
    data = (
        resources.files("kinerja_sim") / "data" / "indicators_real" / "heldout.yaml"
    ).read_bytes()
    assert hashlib.sha256(data).hexdigest() == HELDOUT_SHA256


def test_blind_set_fresh2_is_the_file_its_collector_committed():
    data = (
        resources.files("kinerja_sim") / "data" / "indicators_real" / "fresh2.yaml"
    ).read_bytes()
    assert hashlib.sha256(data).hexdigest() == FRESH2_SHA256


def test_blind_set_fresh3_is_the_file_its_collector_committed():
    data = (
        resources.files("kinerja_sim") / "data" / "indicators_real" / "fresh3.yaml"
    ).read_bytes()
    assert hashlib.sha256(data).hexdigest() == FRESH3_SHA256


def test_blind_set_fresh3_is_read_with_the_counts_its_header_states():
    # header of fresh3.yaml: 64 entries, 35 terukur, 29 tidak_terukur
    assert len(FRESH3) == 64 and sum(row["label"] == "terukur" for row in FRESH3) == 35


def _fresh4_as_its_collector_committed(text: str) -> str:
    """fresh4.yaml with the paket relabel of 2026-12-03 undone (the note and one entry's label)."""
    lines = text.splitlines(keepends=True)
    text = "".join(line for line in lines if not line.startswith(FRESH4_RELABEL_NOTE))
    start = text.index(FRESH4_RELABELLED)
    end = text.index("- iki:", start + 1)
    entry = text[start:end]
    old_reason = re.search(r"\(was terukur, '([^']*)'\)", entry).group(1)
    entry = re.sub(r'reason: "relabelled 2026-12-03 [^\n]*', f'reason: "{old_reason}"', entry)
    entry = entry.replace('label: "tidak_terukur"', 'label: "terukur"')
    entry = entry.replace('problem: "vague_object"', 'problem: ""')
    return text[:start] + entry + text[end:]


def test_blind_set_fresh4_is_the_file_its_collector_committed_but_for_the_paket_relabel():
    text = (resources.files("kinerja_sim") / "data" / "indicators_real" / "fresh4.yaml").read_text(
        encoding="utf-8"
    )
    assert hashlib.sha256(text.encode()).hexdigest() != FRESH4_SHA256  # the relabel is there
    original = _fresh4_as_its_collector_committed(text)
    assert hashlib.sha256(original.encode()).hexdigest() == FRESH4_SHA256


def test_blind_set_fresh4_is_read_with_the_counts_its_header_states():
    # header of fresh4.yaml: 56 entries, 41 terukur, 15 tidak_terukur as collected; one paket
    # count relabelled tidak on 2026-12-03 (owners' decision, issue #20)
    assert len(FRESH4) == 56 and sum(row["label"] == "terukur" for row in FRESH4) == 40
    relabelled = [row for row in FRESH4 if row["why"].startswith("relabelled 2026-12-03")]
    assert [(row["iki"], row["label"]) for row in relabelled] == [
        ("Jumlah Paket Bahan Logistik Kantor yang Disediakan", "tidak")
    ]


def test_blind_set_fresh5_is_the_file_its_collector_committed():
    data = (
        resources.files("kinerja_sim") / "data" / "indicators_real" / "fresh5.yaml"
    ).read_bytes()
    assert hashlib.sha256(data).hexdigest() == FRESH5_SHA256
    rows = real_indicators("fresh5")
    # header of fresh5.yaml: 148 entries, 72 terukur, 76 tidak, eight sources
    assert len(rows) == 148 and sum(row["label"] == "terukur" for row in rows) == 72
    assert len({row["src"] for row in rows}) == 8


def test_blind_set_fresh5_shares_no_source_with_any_other_set():
    # one fresh5 source (upk_kemenkes, search file id 18766210938) is also a tuning5 source: the two
    # sessions found it in the same hour; the README reports the figure without it as well
    fresh5 = {row["src"] for row in real_indicators("fresh5")}
    others = set()
    for part in ("corpus", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "tuning5"):
        others |= {row["src"] for row in real_indicators(part)}
    assert not fresh5 & others


def test_blind_set_fresh2_is_read_in_the_corpus_shape():
    # counts stated in the collector's file header: 75 entries, 50 terukur, 25 tidak_terukur
    assert len(FRESH2) == 75
    assert sum(row["label"] == "terukur" for row in FRESH2) == 50
    assert FRESH2[6]["iki"] == "Jumlah Pembangunan Sistem Informasi Manajemen Perangkat Daerah"
    assert FRESH2[6]["label"] == "tidak" and FRESH2[6]["wrong"] == ["activity"]
    assert FRESH2[41]["wrong"] == [
        "activity",
        "unit_mismatch",
    ]  # "activity, unit_mismatch" as written
    assert (
        FRESH2[2]["kind"] == "komunikasi_dan_informatika" and FRESH2[2]["aspect"] is None
    )  # tidak: no aspect


def test_blind_sets_share_no_source_with_the_corpus():
    # texts may repeat: five fresh2 indicators are standard nomenclature names that a corpus office
    # also uses
    earlier = TRAIN + HELDOUT + real_indicators("fresh")
    assert not {row["src"] for row in FRESH2} & {row["src"] for row in earlier}
    assert not {row["src"] for row in FRESH3} & {row["src"] for row in earlier + FRESH2}
    assert not {row["src"] for row in FRESH4} & {row["src"] for row in earlier + FRESH2 + FRESH3}


def test_an_unknown_part_is_refused_by_name():
    with pytest.raises(ValueError, match="fresh99"):
        real_indicators("fresh99")


def test_corpus_holds_at_least_200_real_indicators_without_repeats():
    texts = [row["iki"] for row in TRAIN + HELDOUT]
    assert len(texts) >= 200
    assert len(set(texts)) == len(texts)


def test_heldout_is_a_stratified_fifth_with_20_vague_and_every_office_kind():
    assert 0.18 <= len(HELDOUT) / (len(TRAIN) + len(HELDOUT)) <= 0.22
    assert sum(row["label"] == "tidak" for row in HELDOUT) >= 20
    assert {row["kind"] for row in HELDOUT} == {row["kind"] for row in TRAIN}


@pytest.mark.parametrize("row", TRAIN + HELDOUT + FRESH2 + FRESH3, ids=lambda r: r["id"])
def test_every_entry_is_labelled_with_source_level_kind_and_reason(row):
    assert row["label"] in ("terukur", "tidak") and row["why"] and row["src"]
    assert row["level"] in ("organisasi", "unit", "staf")
    if row["label"] == "terukur":
        assert row["aspect"] in ("kuantitas", "kualitas", "waktu", "biaya") and row["wrong"] == []
    else:
        assert row["wrong"] and set(row["wrong"]) <= GUIDE_CODES


def test_target_text_joins_the_unit_column_unless_the_target_has_it():
    assert target_text({"target": "7 Dokumen", "unit": "Dokumen"}) == "7 Dokumen"
    assert target_text({"target": "12", "unit": "Laporan"}) == "12 Laporan"
    assert target_text({"target": "3.2", "unit": None}) == "3.2"


# ----------------------------------------------------------------------------- accuracy
def test_heldout_accuracy_meets_the_issue_thresholds(capsys):
    result = accuracy(HELDOUT)
    with capsys.disabled():
        print("\nheld-out confusion (label x judged):\n" + confusion(HELDOUT).to_string())
    assert result["terukur_judged_terukur"] >= 0.90
    assert result["tidak_judged_tidak"] >= 0.90
    assert result["aspect_right"] >= 0.85


def test_fresh_sources_outside_the_corpus_are_judged_as_labelled():
    fresh = real_indicators("fresh")
    assert not {row["src"] for row in fresh} & {row["src"] for row in TRAIN + HELDOUT}
    result = accuracy(fresh)
    assert result["terukur_judged_terukur"] >= 0.9 and result["tidak_judged_tidak"] >= 0.9


def test_fresh3_now_training_data_is_judged_as_labelled():
    # fresh3 was measured once blind (85.7 / 93.1 / 74.3 %); its lessons are rules since
    result = accuracy(FRESH3)
    assert result["terukur_judged_terukur"] >= 0.95 and result["tidak_judged_tidak"] >= 0.95
    assert result["aspect_right"] >= 0.9


def test_synthetic_corpus_stays_judged_as_labelled():
    result = accuracy(synthetic_indicators())
    assert result["terukur_judged_terukur"] >= 0.95 and result["tidak_judged_tidak"] >= 0.95
    assert result["aspect_right"] >= 0.9


# ----------------------------------------------------------------------------- the issue's cases
@pytest.mark.parametrize(
    "iki, target, aspect",
    [
        ("Persentase laporan keuangan yang disampaikan tepat waktu", "100 %", "waktu"),
        ("Jumlah arsip yang didigitalisasi", "5.000 arsip", "kuantitas"),
        ("Indeks Kepuasan Masyarakat", 82, "kualitas"),
    ],
)
def test_well_formed_indicators_without_per_tahun_are_measurable(iki, target, aspect):
    result = check(iki, target)
    assert result.measurable, result.codes
    assert result.aspect == aspect


def test_a_year_is_not_a_target():
    assert check("Jumlah laporan", "tahun 2024").codes == ("year_target",)


def test_tepat_waktu_is_no_time_frame_without_a_period():
    assert (
        "no_time_frame"
        in check("Persentase laporan yang disampaikan tepat waktu", "100 %", period=None).codes
    )


def test_a_percentage_of_carrying_out_activities_is_refused():
    assert (
        "activity"
        in check("Persentase pelaksanaan kegiatan kesekretariatan", "100 % per tahun").codes
    )


def test_a_count_with_a_percent_target_is_refused():
    assert check("Jumlah dosen yang menulis di jurnal nasional", "5 %").codes == ("unit_mismatch",)


# ----------------------------------------------------------------------------- one test per rule
@pytest.mark.parametrize(
    "iki, target, code",
    [
        ("Meningkatnya Skor TOEIC International", "600", "sasaran"),  # polines
        (
            "Menjadi instansi pelayanan publik dengan tingkat gratifikasi dan pungutan liar 0%",
            "0%",
            "sasaran",
        ),
        ("Terlaksananya Monitoring kegiatan siskamling", "10 kali", "activity"),  # kalurahan
        ("Menghadiri pertemuan Rutin PKK", "4 kegiatan", "activity"),  # kalurahan
        (
            "Persentase terlaksananya kegiatan Penelitian dan pengembangan",
            "100 %",
            "activity",
        ),  # ppu
        ("Meningkatkan Pelayanan Bidang Transportasi", "17.1", "vague_verb"),  # dlh
        ("Dokumen Raker", "1", "no_object"),  # polines
        ("Persentase Layanan Penunjang Urusan Pemerintahan Daerah", "100 %", "vague_object"),  # ppu
        ("Ter-updatenya SOP Layanan Keuangan", "", "no_number"),  # polines
        ("Luas Tanah yang Dilakukan Pemeliharaan/Rehabilitasi", "150", "no_unit"),
        (
            "Tersusunnya Rencana Anggaran Biaya (RAB) dalam perencanaan kegiatan",
            "5 kegiatan",
            "unit_mismatch",
        ),
        ("Jumlah laporan", "tahun 2024", "year_target"),
        ("Laporan Hasil Audit SDM", "1 Dok 2018", "year_target"),  # polines
    ],
)
def test_each_rule_refuses_its_corpus_example(iki, target, code):
    assert code in check(iki, target or None).codes


# ----------------------------------------------------------------------------- rules learnt from
# fresh2
@pytest.mark.parametrize(
    "iki, target",
    [
        ("Jumlah Pembangunan Sistem Informasi Manajemen Perangkat Daerah", "8"),  # fresh2-07
        (
            "Jumlah Koordinasi Perencanaan Bidang Pemerintahan dan Pembangunan Manusia",
            "11 Dokumen",
        ),  # fresh2-21
        (
            "Jumlah Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
            "2 Jenis",
        ),  # fresh2-36
        (
            "Jumlah kegiatan pemerintah yang dilaksanakan di tingkat kecamatan",
            "90 Dokumen",
        ),  # fresh2-58
        ("Jumlah rapat Koordinasi dan Konsultasi SKPD", "90 Laporan"),  # fresh2-56
    ],
)
def test_a_count_of_a_nominalised_activity_is_an_activity(iki, target):
    assert "activity" in check(iki, target).codes


@pytest.mark.parametrize(
    "iki, target",
    [
        ("Jumlah pelanggaran Perda dan Perbup di Kecamatan", "190 Kasus"),  # fresh2-50
        ("Jumlah Pedoman Pengawasan", "6"),  # bawas
        (
            "Jumlah Kendaraan Dinas Operasional atau Lapangan yang Dipelihara dan dibayarkan "
            "Pajak dan Perizinannya",
            "43 Unit",
        ),  # renstra63
        ("Jumlah Peralatan dan Mesin Lainnya yang Dipelihara", "58 Unit"),  # renstra63
        (
            "Persentase Penanganan Pengaduan Masyarakat Yang Ditindaklanjuti Tepat Waktu",
            "98 %",
        ),  # corpus
        ("Jumlah rapat koordinasi yang difasilitasi beserta notulanya", "21 rapat"),  # synthetic
        ("Jumlah pemeriksaan laboratorium yang dilakukan", "2000 pemeriksaan"),  # synthetic
    ],
)
def test_results_named_by_nouns_of_the_same_shape_stay_measurable(iki, target):
    assert check(iki, target).measurable


@pytest.mark.parametrize(
    "iki, target",
    [
        ("Cakupan Administrasi Kepegawaian Perangkat Daerah", "100 %"),  # fresh2-30
        (
            "Cakupan Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
            "90 %",
        ),  # fresh2-53
        ("Persentase Penunjang Urusan Pemerintah Daerah Kab/Kota", "100 %"),  # fresh2-67
        ("Persentase pemenuhan kebutuhan penunjang perangkat daerah", "90 %"),  # fresh2-47
        ("Cakupan Pelayanan kepada Masyarakat di Kecamatan", "90 %"),  # fresh2-54
    ],
)
def test_a_share_of_a_generic_office_function_is_a_vague_object(iki, target):
    assert "vague_object" in check(iki, target).codes


def test_a_count_of_things_given_in_reports_is_a_unit_mismatch():
    assert (
        "unit_mismatch"
        in check(
            "Jumlah prangko, materai, dan benda pos lainya yang di sediakan", "90 Laporan"
        ).codes
    )
    assert check("Jumlah Dokumen Laporan Keuangan SKPD", "30 Dokumen").measurable  # fresh2-32


@pytest.mark.parametrize(
    "iki, target", [("IKM Perhubungan", "83.9 Nilai"), ("IKM", "82"), ("SKM unit layanan", "85")]
)
def test_index_abbreviations_are_indices(iki, target):
    result = check(iki, target)
    assert result.measurable and result.aspect == "kualitas"


@pytest.mark.parametrize(
    "iki",
    [
        "Persentase sarana prasarana kecamatan dan kelurahan dalam kondisi baik",  # fresh2-48
        # fresh2-68
        "Persentase Perusahaan angkutan umum yang tersertifikasi Sistem Manajemen Keselamatan",
        "Persentase Keselerasan Program Perencanaan Pembangunan Daerah",  # fresh2-16
    ],
)
def test_a_share_in_a_quality_condition_is_kualitas(iki):
    assert check(iki, "90 %").aspect == "kualitas"


def test_a_count_in_a_quality_condition_stays_kuantitas():
    assert (
        check("Jumlah mahasiswa yang tersertifikasi", "20 mahasiswa").aspect == "kuantitas"
    )  # polines


def test_every_rule_is_documented_with_an_example():
    codes = {code for code, _, _ in RULES}
    assert (
        set(PROBLEM_CODES) <= codes <= set(PROBLEM_CODES) | set(ASPECTS)
    )  # problem rules, then aspect rules
    assert all(text and example for _, text, example in RULES)


@pytest.mark.parametrize(
    "iki, target",
    [
        ("Opini BPK atas Laporan Keuangan Pemerintah Daerah", "WTP"),
        ("Predikat SAKIP Perangkat Daerah", "BB"),
        ("Level Maturitas SPIP", "3"),
        ("Level Kapabilitas APIP", "Level 3"),
        ("Predikat akreditasi Puskesmas", "Paripurna"),
        ("Indek Kepuasan Masyarakat", "82"),
        ("Nilai SAKIP Perangkat Daerah", "78"),
        ("Tingkat kepuasan penerima layanan Puskesmas skala 5", "3,5 dari 4"),
    ],
)
def test_index_score_level_and_predicate_measures_are_kualitas(iki, target):
    result = check(iki, target)
    assert result.measurable, result.codes
    assert result.aspect == "kualitas"


@pytest.mark.parametrize(
    "iki, target",
    [
        ("Luas lahan kritis yang direhabilitasi", "150 ha"),
        ("Panjang jalan kabupaten dalam kondisi mantap", "12,5 km"),
        ("Volume sampah yang terangkut ke TPA", "3.000 ton"),
        ("Presentase Luasan lahan terganggu yang terkendali", "75 %"),
        ("Prosentase efisensi perencanaan dan penganggaran", "88"),
        ("Angka Partisipasi Kasar (APK) SD/MI/SDLB/Sederajat", "104,48 %"),
        ("Tersusunnya Laporan Kinerja Pemerintah Daerah", "3 Dokumen"),
        ("Persedianya Dokumen Bukti Potong", "1 bendel"),
    ],
)
def test_real_measures_and_counted_result_states_are_measurable(iki, target):
    assert check(iki, target).measurable


def test_a_time_frame_in_the_text_is_checked_against_the_period():
    assert check("Jumlah laporan keuangan", "12 laporan per tahun").measurable
    assert (
        "period_mismatch"
        in check("Jumlah laporan keuangan", "12 laporan per tahun", period="triwulanan").codes
    )
    assert "period_mismatch" in check("Persentase arsip yang tertata selama 5 tahun", "90 %").codes


def test_periods_and_a_wrong_period_is_refused():
    assert PERIODS[0] == "tahunan"
    with pytest.raises(ValueError, match="period"):
        check("Jumlah laporan", "12 laporan", period="mingguan")


def test_names_of_reports_are_not_read_as_time_frames():
    assert check(
        "Jumlah Laporan Keuangan Bulanan/ Triwulanan/ Semesteran SKPD",
        "24 Laporan",
        period="triwulanan",
    ).measurable


# ----------------------------------------------------------------------------- the coach
def test_an_activity_is_recast_as_a_counted_result_keeping_its_number():
    first = suggest("Terlaksananya Monitoring kegiatan siskamling", "10 kali", kind="kalurahan")[0]
    assert first == ("Jumlah laporan hasil monitoring kegiatan siskamling", "10 laporan")


@pytest.mark.parametrize(
    "iki, target, kind",
    [
        ("Meningkatnya pelayanan akta kelahiran", None, "disdukcapil"),
        ("Mengupayakan imunisasi dasar lengkap bagi bayi", None, "puskesmas"),
        ("Dokumen Raker", "1", "perguruan_tinggi"),
        ("Pameran", "5 Kegiatan", None),
    ],
)
def test_suggestions_are_one_or_two_measurable_rewrites(iki, target, kind):
    suggestions = suggest(iki, target, kind=kind)
    assert 1 <= len(suggestions) <= 2
    assert all(check(text, goal).measurable for text, goal in suggestions)


def test_suggestions_come_from_the_trainees_office_kind():
    corpus = {row["iki"]: row["kind"] for row in real_indicators("corpus")}
    suggestions = suggest("Meningkatnya pelayanan akta kelahiran", kind="disdukcapil", n=2)
    assert any(
        corpus.get(text) == "disdukcapil" or "akta" in text.lower() for text, _ in suggestions
    )


def test_a_counted_activity_is_recast_as_the_documents_it_produces():
    first = suggest(
        "Jumlah Koordinasi Perencanaan Bidang Pemerintahan dan Pembangunan Manusia", "11 Dokumen"
    )[0]
    assert first == (
        "Jumlah dokumen hasil koordinasi Perencanaan Bidang Pemerintahan dan Pembangunan Manusia",
        "11 dokumen",
    )


def test_suggest_refuses_a_wrong_count():
    with pytest.raises(ValueError, match="n must"):
        suggest("Dokumen Raker", n=0)


def test_an_iki_fits_an_rhk_when_it_measures_the_same_thing():
    from kinerja_sim.coach.indicator_coach import fits

    assert fits(
        "Jumlah laporan hasil monitoring kegiatan siskamling",
        "Terlaksananya Monitoring kegiatan siskamling",
    )
    assert not fits(
        "Jumlah akta kelahiran yang diterbitkan", "Terlaksananya Monitoring kegiatan siskamling"
    )
    # shared office words (laporan, kegiatan, mengikuti) alone do not make a fit
    assert not fits(
        "Jumlah guru yang mengikuti pelatihan", "Mengikuti Musyawarah Kalurahan (Muskal)"
    )


def test_exercise_kind_labels_follow_the_language():
    from kinerja_sim._core import i18n
    from kinerja_sim.training.exercises.indicators import make_items

    items = [
        item
        for seed in range(40)
        for item in make_items(3, rng=seed)
        if item.item_id.startswith("indikator-r")
    ]
    try:
        i18n.set_language("en")
        english = [
            item
            for seed in range(40)
            for item in make_items(3, rng=seed)
            if item.item_id.startswith("indikator-r")
        ]
    finally:
        i18n.set_language("id")
    assert "(nyata)" in items[0].kind_label and "(real)" in english[0].kind_label


# ----------------------------------------------------------------------------- rules learnt from
# fresh3
@pytest.mark.parametrize(
    "iki, target, aspect",
    [
        ("AKI", "115", "kuantitas"),  # fresh3, Renstra Dinkes Gresik
        ("AKB", "4", "kuantitas"),  # fresh3, Renstra Dinkes Gresik
        ("Usia Harapan Hidup (UHH)", "73.79 Tahun", "kuantitas"),  # fresh3, RSUD Situbondo
        ("IPM", "72,5", "kualitas"),  # an index (guide 3, rule 1)
        ("LOS", "4 hari", "waktu"),  # an average time (guide 3, rule 2)
        ("CRR", "90 %", "biaya"),  # money recovered (guide 3, rule 3)
    ],
)
def test_indicator_abbreviations_are_read_as_their_measure(iki, target, aspect):
    result = check(iki, target)
    assert result.measurable and result.aspect == aspect


def test_every_abbreviation_opens_with_a_measure_and_names_an_aspect():
    for expansion, aspect in ABBREVIATIONS.values():
        target = "3 hari" if aspect == "waktu" else "10"  # a time measure needs a time unit
        assert check(expansion, target).measurable and aspect in ASPECTS


@pytest.mark.parametrize(
    "iki",
    [
        "Presentasi balita gizi buruk",
        "Prosentase balita gizi buruk",
        "Presentase balita gizi buruk",
    ],
)
def test_misspelt_percentages_are_percentages(iki):
    assert check(iki, "2%").measurable  # fresh3, Dinkes Gresik: "Presentasi balita gizi buruk" - 2%


@pytest.mark.parametrize(
    "iki, target",
    [
        ("Status Akreditasi Rumah Sakit", "Terakreditasi Internasional"),  # fresh3, RSUD Sidoarjo
        ("Status Akreditasi Puskesmas", "Paripurna"),
        ("Akreditasi Rumah Sakit", "Terakreditasi Paripurna (Bintang 5)"),
        ("Opini BPK atas Laporan Keuangan", "Opini WTP"),
        ("Predikat SAKIP", "Predikat BB"),
    ],
)
def test_levels_and_predicates_written_as_words_are_targets(iki, target):
    result = check(iki, target)
    assert result.measurable and result.aspect == "kualitas"


def test_a_word_target_that_is_no_level_is_no_number():
    assert check("Status Akreditasi Rumah Sakit", "Segera").codes == ("no_number",)


@pytest.mark.parametrize(
    "iki, aspect",
    [
        (
            "Persentase Sarana, Prasarana, dan Alat Kesehatan Rumah Sakit Sesuai Standart",
            "kualitas",
        ),  # fresh3
        ("Persentase Kelengkapan Sarana Rumah Sakit Sesuai Standar", "kualitas"),  # fresh3
        (
            "Persentase ibu hamil mendapatkan pelayanan antenatal sesuai standar",
            "kuantitas",
        ),  # corpus, SPM
    ],
)
def test_things_meeting_a_standard_are_kualitas_but_people_served_are_kuantitas(iki, aspect):
    assert check(iki, "90 %").aspect == aspect


def test_cost_recovery_is_biaya():
    assert (
        check("Persentase Cost Recovery Rate", "90 %").aspect == "biaya"
    )  # fresh3, RSUD Situbondo


@pytest.mark.parametrize(
    "iki",
    [
        "Jumlah Dokumen SK Penetapan Status Darurat Bencana dan SKPDB yang Ditetapkan Paling "
        "Lama 1x24 Jam",  # fresh3
        "Jumlah laporan keuangan yang disampaikan paling lambat tanggal 10",
    ],
)
def test_a_deadline_in_the_sentence_is_waktu_even_in_a_count(iki):
    result = check(iki, "12 dokumen")
    assert result.measurable and result.aspect == "waktu"


def test_an_average_fulfilment_of_access_and_quality_is_a_vague_object():
    result = check(
        "Persentase Rata-rata Pemenuhan Akses dan Mutu Pelayanan Kesehatan", "100"
    )  # fresh3
    assert result.codes == ("vague_object",)


@pytest.mark.parametrize(
    "target, codes",
    [("100 Kawasan", ("unit_mismatch",)), ("5 desa", ("unit_mismatch",)), ("120 Orang", ())],
)
def test_people_counted_in_places_are_a_unit_mismatch(target, codes):
    # fresh3, BPBD
    iki = "Jumlah warga negara di kawasan rawan bencana yang mengikuti pelatihan mitigasi bencana"
    assert check(iki, target).codes == codes


@pytest.mark.parametrize(
    "target", ["1 : 2.500", "40 orang/100.000 penduduk", "1 unit per kecamatan"]
)
def test_a_ratio_may_be_written_with_counted_units_around_per(target):
    assert check("Rasio tenaga kesehatan terhadap penduduk", target).measurable


def test_a_ratio_given_only_in_a_count_unit_is_a_unit_mismatch():
    assert check("Rasio puskesmas", "5 unit").codes == ("unit_mismatch",)


# ----------------------------------------------------------------------------- issue #20 item 7
TUNING5 = real_indicators("tuning5")


def test_tuning5_sources_are_new():
    # no search-index file id of a tuning5 source appears in any other set's file
    import re

    folder = resources.files("kinerja_sim") / "data" / "indicators_real"
    # fresh5 (the blind set, collected in the same hour) shares one source: see its own test
    others = "".join(
        entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml") and entry.name not in ("tuning5.yaml", "fresh5.yaml")
    )
    text = (folder / "tuning5.yaml").read_text(encoding="utf-8")
    ids = re.findall(r"file ids? ([\d ,and]+)", text.split("indicators:")[0])
    numbers = {n for group in ids for n in re.findall(r"\d{8,}", group)}
    assert len(numbers) >= 3 and not any(n in others for n in numbers)


def test_tuning5_is_judged_as_labelled():
    result = accuracy(TUNING5)
    assert result["n"] >= 40
    assert result["terukur_judged_terukur"] >= 0.95 and result["tidak_judged_tidak"] >= 0.95
    assert result["aspect_right"] >= 0.9


@pytest.mark.parametrize(
    ("iki", "target"),
    [
        ("jumlah peserta yang memahami workshop pengelolaan perpustakaan", "169 peserta"),
        ("jumlah siswa yang berprestasi", "522 siswa"),
        ("jumlah gedung sekolah yang dibangun sesuai kebutuhan", "7 paket"),
        ("jumlah paket", "2 paket"),
        ("Jumlah kali", "12 kali"),
        ("Persentase Promosi Produk Lokal yang difasilitasi", "100 %"),
        ("angka partisipasi murni sd smp, jumlah siswa yang memenuhi krite", "71 lembaga"),
    ],
)
def test_a_count_whose_object_is_not_defined_is_a_vague_object(iki, target):
    assert "vague_object" in check(iki, target).codes


def test_an_activity_style_skp_row_stays_an_activity_even_with_output_quality_and_time():
    # issue #20 decision: the guide wins (an active verb names the doing of a task); PP 46/2011,
    # the form of "<output>; kualitas <mutu>; <waktu> bulan", was revoked by PP 30/2019
    result = check("Menyusun laporan bulanan pelayanan", "12 laporan; kualitas 100; 12 bulan")
    assert not result.measurable and result.codes == ("activity",)
    message = result.problems[0]
    for cited in ("PermenPAN-RB 6/2022", "PP 46/2011", "PP 30/2019", "panduan label", "ASUMSI"):
        assert cited in message
    assert '"menyusun"' in message
    # the same row with the output alone keeps the ordinary activity message
    plain = check("Menyusun laporan bulanan pelayanan", "12 laporan")
    assert plain.codes == ("activity",) and "PP 46/2011" not in plain.problems[0]
    assert (
        "PP 30/2019"
        in check(
            "Melaksanakan pelayanan pemeriksaan", "300 kegiatan; kualitas 100; 12 bulan", lang="en"
        ).problems[0]
    )


def test_no_real_activity_style_skp_row_is_labelled_measurable():
    rows = [row for part in ("tuning5", "fresh5") for row in real_indicators(part)]
    skp = [row for row in rows if "; kualitas " in target_text(row).casefold()]
    assert len(skp) >= 50
    assert all(row["label"] == "tidak" for row in skp)
    assert all(not check(row["iki"], target_text(row)).measurable for row in skp)


@pytest.mark.parametrize(
    ("iki", "target"),
    [
        ("Kepuasan pelanggan", "4 skala Likert"),
        ("Tingkat kepuasan peserta pelatihan", "3,5 dari 4"),
        ("Nilai kepuasan pengguna layanan", "4 (skala 1-5)"),
    ],
)
def test_satisfaction_on_a_scale_is_a_quality_score(iki, target):
    result = check(iki, target)
    assert result.measurable and result.aspect == "kualitas"


def test_a_percentage_given_as_a_scale_value_is_a_unit_mismatch():
    assert "unit_mismatch" in check("Persentase kepuasan peserta", "3,5 (skala 1-4)").codes


@pytest.mark.parametrize(
    "iki",
    [
        "Persentase dokumen yang berkualitas",
        "prosentase sekolah yang memenuhi SNP",
        "prosentase sekolah yang mengikuti SNP",
    ],
)
def test_a_share_under_a_quality_condition_is_kualitas(iki):
    assert check(iki, "90 %").aspect == "kualitas"


@pytest.mark.parametrize("row", TUNING5, ids=lambda r: r["id"])
def test_every_tuning5_entry_is_labelled_by_the_guide(row):
    assert row["label"] in ("terukur", "tidak") and row["why"] and row["src"]
    assert row["level"] in ("organisasi", "unit", "staf")
    if row["label"] == "terukur":
        assert row["aspect"] in ("kuantitas", "kualitas", "waktu", "biaya") and row["wrong"] == []
    else:
        assert row["wrong"] and set(row["wrong"]) <= GUIDE_CODES


@pytest.mark.parametrize(
    ("iki", "target", "expected"),
    [
        (
            "Mengentri data usul kenaikan pangkat ke dalam SAPK",
            "10 Data; kualitas 100; 12 bulan",
            [
                ("Jumlah data usul kenaikan pangkat yang dientri ke dalam SAPK", "10 data"),
                (
                    "Persentase data usul kenaikan pangkat yang dientri ke dalam SAPK tanpa "
                    "kesalahan",
                    "100 %",
                ),
            ],
        ),
        (
            "Meracik obat",
            "5000 Pasien; kualitas 100; 12 bulan",
            [("Jumlah pasien yang dilayani dengan peracikan obat", "5000 pasien")],
        ),
        (
            "Melaksanakan kegiatan pembinaan dan pengawasan Jamkesmas/Jamkesda",
            "1 dokumen; kualitas 100; 12 bulan",
            [("Jumlah dokumen hasil pembinaan dan pengawasan Jamkesmas/Jamkesda", "1 dokumen")],
        ),
    ],
)
def test_the_coach_recasts_an_activity_style_skp_row_as_a_counted_result(iki, target, expected):
    assert suggest(iki, target, n=2)[: len(expected)] == expected
    assert all(check(*rewrite).measurable for rewrite in expected)


def test_an_skp_row_counting_the_doing_gets_no_own_rewrite():
    assert (
        rewrite_skp_row(
            "Melakukan penyimpanan perbekalan farmasi", "12 Kegiatan; kualitas 100; 12 bulan"
        )
        == []
    )
    assert (
        rewrite_skp_row("Menyusun laporan bulanan", "12 laporan") == []
    )  # not the PP 46/2011 form


def test_every_real_skp_rewrite_the_coach_offers_is_measurable():
    rows = [row for part in ("tuning5", "fresh5") for row in real_indicators(part)]
    skp = [row for row in rows if "; kualitas " in target_text(row).casefold()]
    offered = [suggest(row["iki"], target_text(row), kind=row["kind"], n=2) for row in skp]
    assert all(check(*rewrite).measurable for rewrites in offered for rewrite in rewrites)

    own = [rewrite_skp_row(row["iki"], target_text(row)) for row in skp]
    # of the 56 real rows, the rest count the doing (kegiatan, kali) or open with no listed verb
    assert sum(bool(rewrites) for rewrites in own) >= 30
    mine = [(rewrites[0], offer) for rewrites, offer in zip(own, offered, strict=True) if rewrites]
    assert all(first in offer for first, offer in mine if check(*first).measurable)


# ----------------------------------------------------------------------------- fresh5, training
# data since the decision
@pytest.mark.parametrize(
    ("iki", "target", "code"),
    [
        ("Jumlah kegiatan penyuluhan penggunaan benih bersertifikat", "11 kegiatan", "activity"),
        (
            "Jumlah pertemuan pembinaan bagi kelembagaan penyuluh pertanian",
            "36 pertemuan",
            "activity",
        ),
        (
            "Jumlah paket pembangunan, rehabilitasi, dan pemeliharaan jalan usaha tani",
            "10 paket",
            "activity",
        ),
        ("Persentase Realisasi Program Kerja Strategis", "100 %", "activity"),
        ("Prosentase sejarah yang terpelihara", "100 %", "vague_object"),
        ("Prosentase Budaya Lokal Yang dikembangkan", "100 %", "vague_object"),
        (
            "Cakupan Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
            "100 %",
            "vague_object",
        ),
        (
            "Persentase Fasiltasi Penyelenggaraan Urusan Pemerintahan yang Dilaksanakan",
            "100 %",
            "vague_object",
        ),
        ("Capaian Kompetensi Numerasi SD", "60.11", "no_unit"),
        ("Dokumen evaluasi program kerja", "20 dokumen", "no_object"),  # a bare document: guide
    ],
)
def test_the_fresh5_miss_kinds_are_refused(iki, target, code):
    assert code in check(iki, target).codes


@pytest.mark.parametrize(
    ("iki", "target"),
    [
        (
            "Jumlah kegiatan pelayanan jemput bola yang dilaksanakan",
            "21 kegiatan",
        ),  # a service given
        ("Prosentase Cagar Budaya dan Seni Lokal yang lestari", "42.5 %"),  # countable sites
        ("Capaian Kompetensi Literasi SD", "65.45 %"),
        ("Capaian Nilai SAKIP Perangkat Daerah", "86.25 Nilai"),
        ("Tingkat realisasi anggaran dan keuangan", "99 %"),
        ("Persentase perangkat kurikulum yang dikembangkan", "100 %"),  # fresh4: countable
    ],
)
def test_the_neighbours_of_those_kinds_stay_measurable(iki, target):
    assert check(iki, target).measurable


@pytest.mark.parametrize(
    ("iki", "target", "aspect"),
    [
        (
            "Persentase BUMD yang kinerjanya minimal berpredikat baik dari BUMD yang dibina",
            "54 %",
            "kualitas",
        ),
        ("Proporsi Guru PAUD Formal dengan kualifikasi S1/D IV", "76.29 %", "kualitas"),
        ("Rata-rata kemampuan numerasi SMP berdasarkan Asesmen Nasional", "64.3 %", "kualitas"),
        ("Persepsi kepuasan layanan sekretariat utama (skala likert 1-10)", "Skala 7", "kualitas"),
        ("Rata-rata Masa Tunggu Kerja Lulusan", "< 3 Bulan", "waktu"),
        ("Rata-rata Lama Sekolah Penduduk Usia di Atas 15 Tahun", "9,66 Tahun", "kuantitas"),
    ],
)
def test_grades_qualifications_scores_and_waiting_periods_give_their_aspect(iki, target, aspect):
    result = check(iki, target)
    assert result.measurable and result.aspect == aspect


def test_fresh5_now_training_data_is_judged_as_labelled_where_no_other_set_disagrees():
    # measured once blind (71/72, 35/76, aspect 88.9 %, checker cdb15ab); training data since the
    # issue #20 decision. Since the paket decision its "Jumlah Paket ..." rows agree with the
    # relabelled corpus and fresh4; "Jumlah Orang yang Menerima Gaji ..." still disagrees.
    result = accuracy(real_indicators("fresh5"))
    assert result["terukur_judged_terukur"] >= 0.98 and result["aspect_right"] >= 0.95
    assert result["tidak_judged_tidak"] >= 0.90


# ----------------------------------------------------------------------------- paket counts
_PAKET_OF_GOODS = re.compile(r"^jumlah paket (?!pembangunan|rehabilitasi|pemeliharaan)\w", re.I)


def test_no_training_set_labels_a_count_of_paket_of_goods_measurable():
    # the owners' decision (2026-12-03, labelling guide section 2): a count of paket of goods is a
    # vague object; the older sets were relabelled, each relabelled row says so in its reason.
    # The held-out fifth is pinned and keeps its one such row as committed (see the next test).
    rows = [
        (part, row)
        for part in ("corpus", "fresh2", "fresh3", "fresh4", "tuning5", "fresh5", "fresh6")
        for row in real_indicators(part)
        if _PAKET_OF_GOODS.match(row["iki"])
    ]
    assert len(rows) >= 15
    assert all(row["label"] == "tidak" for _, row in rows)
    relabelled = [part for part, row in rows if row["why"].startswith("relabelled 2026-12-03")]
    assert sorted(set(relabelled)) == ["corpus", "fresh4"] and len(relabelled) == 6


def test_the_held_out_row_that_disagrees_with_the_paket_decision_is_the_only_miss_there():
    judged = confusion(HELDOUT)
    assert judged.loc["terukur", "tidak"] == 1 and judged.loc["tidak", "terukur"] == 0
    (row,) = [row for row in HELDOUT if _PAKET_OF_GOODS.match(row["iki"])]
    assert row["label"] == "terukur" and not check(row["iki"], target_text(row)).measurable


@pytest.mark.parametrize(
    ("iki", "target"),
    [
        ("Jumlah Paket Alat Tulis Kantor yang Disediakan", "4 paket"),
        ("Jumlah Paket Perlengkapan Rapat yang Disediakan", "2 Paket"),
        ("Jumlah Paket Bahan Bacaan yang Diadakan", "3 unit"),
        ("Jumlah seragam sekolah yang dibagikan", "120 paket"),
        ("Jumlah paket", "2 paket"),
    ],
)
def test_a_count_of_paket_of_goods_is_a_vague_object_with_its_own_message(iki, target):
    result = check(iki, target, lang="id")
    assert result.codes == ("vague_object",)
    assert "paket" in result.problems[0] and "Persentase kebutuhan" in result.problems[0]
    assert "ASUMSI" in result.problems[0]


@pytest.mark.parametrize(
    ("iki", "target", "codes"),
    [
        ("Jumlah unit mebel yang disediakan", "8 unit", ()),
        ("Jumlah Unit Sarana dan Prasarana Gedung Kantor yang Disediakan", "10 Unit", ()),
        ("Jumlah Laporan Penyediaan Jasa Komunikasi yang Disediakan", "12 Laporan", ()),
        ("Persentase kebutuhan bahan logistik kantor yang terpenuhi", "100 %", ()),
        ("Jumlah paket pembangunan dan rehabilitasi jalan desa", "6 paket", ("activity",)),
        ("Jumlah peserta pelatihan", "3 paket", ("unit_mismatch",)),
    ],
)
def test_the_neighbours_of_a_paket_count_keep_their_reading(iki, target, codes):
    assert check(iki, target).codes == codes


def test_the_coach_rewrites_a_paket_count_as_the_need_met():
    (first, *_) = suggest("Jumlah Paket Alat Tulis Kantor yang Disediakan", "4 paket", n=2)
    assert first == ("Persentase kebutuhan alat Tulis Kantor yang terpenuhi", "100 %")
    assert check(*first).measurable


# ----------------------------------------------------------------------------- learnt from fresh6
@pytest.mark.parametrize(
    ("iki", "target", "code"),
    [
        ("Persentase pembinaan dan pengawasan koperasi", "80 %", "activity"),
        ("Persentase pendampingan kelompok tani", "75 %", "activity"),
        ("Cakupan penanganan kasus gizi buruk", "100 %", "activity"),
        (
            "Persentase Pemeliharaan Sarana Penunjang Urusan Pemerintahan Daerah",
            "90 %",
            "vague_object",
        ),
        ("Persentase kelengkapan administrasi keuangan", "90 %", "vague_object"),
        ("Persentase pelayanan yang prima", "95 %", "vague_object"),
        ("Jumlah publikasi per dosen tetap", "2", "no_unit"),
    ],
)
def test_shares_of_the_doing_generic_objects_and_ratios_without_a_unit_are_vague(iki, target, code):
    assert check(iki, target).codes == (code,)


@pytest.mark.parametrize(
    ("iki", "target"),
    [
        ("Persentase penanganan pengaduan yang ditindaklanjuti", "90 %"),
        ("Persentase pengawasan yang selesai tepat waktu", "90 %"),
        ("Persentase kelengkapan dokumen kepegawaian", "95 %"),
        ("Persentase layanan perizinan yang terbit", "95 %"),
        ("Jumlah publikasi per dosen tetap", "2 artikel"),
        ("Jumlah pengunjung per hari", "40"),
    ],
)
def test_the_neighbours_of_the_fresh6_rules_stay_measurable(iki, target):
    assert check(iki, target).measurable


@pytest.mark.parametrize(
    ("iki", "target", "aspect"),
    [
        ("Persentase pejabat yang dilantik sesuai kompetensi jabatannya", "90 %", "kualitas"),
        ("Persentase guru dengan nilai kinerja minimal baik", "85 %", "kualitas"),
        ("Persentase ASN dengan nilai SKP sangat baik", "20 %", "kualitas"),
        ("Jumlah ASN dengan nilai SKP sangat baik", "20 orang", "kuantitas"),
    ],
)
def test_a_share_matching_competence_or_a_rating_is_kualitas_a_count_stays_kuantitas(
    iki, target, aspect
):
    result = check(iki, target)
    assert result.measurable and result.aspect == aspect


def test_fresh6_now_training_data_is_judged_as_labelled():
    # measured once blind on checker 73a5a27: 67/67, 55/70 (78.6 %), aspect 97.0 % (the clean
    # figure); training data since, with the paket decision and the rules above learnt from it
    result = accuracy(real_indicators("fresh6"))
    assert result["terukur_judged_terukur"] >= 0.98 and result["aspect_right"] >= 0.95
    assert result["tidak_judged_tidak"] >= 0.95


# ----------------------------------------------------------------------------- learnt from fresh7
# The owners' decisions of 2026-12-03 (labelling guide, ASSUMPTION of the kit) and the general rules
# learnt from fresh7's misses, each checked on invented neighbours, not on fresh7's rows.
@pytest.mark.parametrize(
    ("iki", "target", "aspect"),
    [
        # (a) a share of services with a result condition: the requests and "completed" are defined
        ("Persentase layanan yang terselesaikan", "100 %", "kuantitas"),
        ("Persentase pelayanan yang diselesaikan tepat waktu", "95 %", "waktu"),
        # (b) a ratio per population per period states its unit
        ("Jumlah publikasi per dosen per tahun", "2", "kuantitas"),
        ("Jumlah kunjungan rumah per kader per bulan", "8", "kuantitas"),
        ("Jumlah penelitian dosen", "40 judul", "kuantitas"),
        # (c) an amount of money with its currency or scale
        ("Rata-rata dana hibah per desa", "150 juta rupiah", "biaya"),
        # a look-back window is read at the period's end, not a span of several years
        (
            "Persentase dosen yang mengikuti pelatihan dalam tiga tahun terakhir",
            "80 %",
            "kuantitas",
        ),
        # a count of those given capacity building (the Permendagri 90/2019 phrase)
        ("Jumlah kelompok tani yang ditingkatkan kapasitasnya", "10 kelompok", "kuantitas"),
        # accreditation with a level, a count of accredited units
        ("Akreditasi Program Studi", "Unggul", "kualitas"),
        ("Jumlah program studi yang terakreditasi internasional", "3", "kuantitas"),
        # aspects: a share of funds is biaya, things funded "dengan dana" are counted
        ("Persentase penggunaan dana BOS untuk buku", "20 %", "biaya"),
        ("Persentase perolehan dana hibah terhadap total pendapatan", "15 %", "biaya"),
        ("Persentase penelitian dengan dana hibah nasional", "30 %", "kuantitas"),
        # an average IPK and a grade reached are kualitas; quality assurance names a function
        ("Rata-rata IPK lulusan", "3.4", "kualitas"),
        ("Persentase siswa dengan nilai ujian minimal B", "80 %", "kualitas"),
        ("Persentase sekolah yang memiliki dokumen penjaminan mutu", "100 %", "kuantitas"),
        ("Persentase dokter yang memiliki kompetensi sesuai bidangnya", "90 %", "kualitas"),
        ("Persentase bidan yang memiliki kompetensi sesuai standar profesi", "90 %", "kualitas"),
        # kompetisi as a contest stays a contest; a misspelt share is a share
        ("Jumlah mahasiswa yang menjuarai kompetisi nasional", "5 orang", "kuantitas"),
        ("Persentasae desa mandiri", "20 %", "kuantitas"),
    ],
)
def test_the_fresh7_rules_keep_these_measurable_with_their_aspect(iki, target, aspect):
    result = check(iki, target)
    assert result.codes == () and result.aspect == aspect


@pytest.mark.parametrize(
    ("iki", "target", "code"),
    [
        # (a) stays: a bare service, or services under a condition that names no result
        ("Persentase layanan", "100 %", "vague_object"),
        ("Persentase pelayanan yang prima", "90 %", "vague_object"),
        # (b) stays: a ratio per something without a period and a bare number
        ("Jumlah publikasi per dosen tetap", "2", "no_unit"),
        # (c) money with a bare number: rupiah, juta or miliar?
        ("Rata-rata dana hibah per desa", "150", "no_unit"),
        ("Jumlah dana bantuan sosial yang disalurkan", "20", "no_unit"),
        ("Rata-rata anggaran pelatihan per pegawai", "5", "no_unit"),
        # accreditation counted without a level names no measure
        ("Akreditasi internasional program studi", "3", "no_object"),
        # "kompetisi/kompetensi sesuai" with no standard named
        ("Persentase perawat yang memiliki kompetisi sesuai", "90 %", "vague_object"),
        ("Persentase pegawai yang kompetensinya sesuai", "90 %", "vague_object"),
        # improved how much? (only a count of those given capacity building is counted)
        ("Jumlah sarana yang ditingkatkan", "5 unit", "vague_object"),
        ("Persentase kelompok tani yang ditingkatkan kapasitasnya", "80 %", "vague_object"),
        # a span of several years without "terakhir" still contradicts a yearly SKP
        ("Persentase arsip yang tertata selama 5 tahun", "90 %", "period_mismatch"),
    ],
)
def test_the_fresh7_rules_refuse_these(iki, target, code):
    assert check(iki, target).codes == (code,)


def test_fresh7_now_training_data_is_judged_as_labelled_but_one_row():
    # measured once blind on checker ec38c6a: 88/96, 50/58 (86.2 %), aspect 88.5 % (the clean
    # figure); training data since. The one row left: "Rasio metoda Rekrutmen dan keketatan seleksi
    # mahasiswa" - 5 (a ratio of a method: one row, no general rule reads it).
    result = accuracy(real_indicators("fresh7"))
    assert result["terukur_judged_terukur"] == 1.0 and result["aspect_right"] == 1.0
    assert result["tidak_judged_tidak"] >= 57 / 58 - 1e-9


# ----------------------------------------------------------------------------- fresh8 rules
# The kinds fresh8 missed (issue #20 item 7), each with invented neighbours that must keep their
# reading; none of these sentences is a fresh8 row.
@pytest.mark.parametrize(
    "iki, target, code",
    [
        (
            "Jumlah bulan terpenuhinya kebutuhan honorarium petugas kebersihan",
            "12 bulan",
            "vague_object",
        ),
        ("Jumlah bulan pemenuhan jasa listrik dan air kantor", "12 bulan", "vague_object"),
        (
            "Jumlah peserta sosialisasi yang mengikuti pemahaman tertib lalu lintas",
            "50 orang",
            "vague_object",
        ),
        ("Jumlah rakor pengawasan angkutan sungai", "4 lokasi", "activity"),
        ("Jumlah pembaharuan data kepegawaian", "12 kali", "activity"),
        ("Persentase desa yang meningkatkan partisipasi warga", "50 %", "vague_verb"),
        ("Waktu tanggap pelayanan ambulans", "15", "no_unit"),
    ],
)
def test_the_fresh8_rules_refuse_these(iki, target, code):
    assert check(iki, target).codes == (code,)


@pytest.mark.parametrize(
    "iki, target, aspect",
    [
        ("Jumlah kajian kelayakan jembatan penyeberangan", "2 dokumen", "kuantitas"),
        ("Jumlah studi kelayakan terminal barang", "1 dokumen", "kuantitas"),
        ("Jumlah BAP verifikasi izin trayek", "40 dokumen", "kuantitas"),
        ("Jumlah perpanjangan izin usaha yang diterbitkan", "25 izin", "kuantitas"),
        ("Jumlah laporan bulanan gaji yang disampaikan", "12 laporan", "kuantitas"),
        ("Persentase sekolah yang berhasil menurunkan angka putus sekolah", "60 %", "kuantitas"),
        ("Predikat SAKIP Dinas Perhubungan", "BB Predikat", "kualitas"),
        ("Waktu tanggap pelayanan ambulans", "15 menit", "waktu"),
        ("Tingkat waktu tanggap kebakaran", "90 %", "waktu"),
        ("Jumlah alumni yang bekerja dengan masa tunggu kurang dari 3 bulan", "50 orang", "waktu"),
        ("Rata-rata lama studi mahasiswa S1", "8 semester", "waktu"),
        ("Persentase lulusan S1 dengan IPK ≥ 3,00", "70 %", "kualitas"),
        ("Persentase skripsi yang terindikasi plagiat", "0 %", "kualitas"),
        ("Persentase laboratorium ber ISO 17025", "50 %", "kualitas"),
        ("Persentase puskesmas yang melaksanakan SOP pelayanan", "100 %", "kualitas"),
        ("Jumlah mahasiswa dengan IPK > 3,5", "120 orang", "kuantitas"),
    ],
)
def test_the_fresh8_rules_keep_these_measurable_with_their_aspect(iki, target, aspect):
    result = check(iki, target)
    assert (result.codes, result.aspect) == ((), aspect)


def test_fresh8_now_training_data_is_judged_as_labelled_but_six_rows():
    # measured once blind on checker 3fee952: 70/81, 70/82, aspect 85.2 % (the clean figure);
    # training data since. Left: two rows whose label contradicts an older set or the written rule
    # (b8_119 satisfaction in % against fresh6's f6_089; b8_063 "Jumlah Penyusunan buku" - 10 Buku
    # against the rule that a process counted in the product it names is a result), and four single
    # rows no general rule reads (b8_059, b8_113, b8_120, b8_158; see the README).
    judged = accuracy(real_indicators("fresh8"))
    assert judged["terukur_judged_terukur"] >= 78 / 81 - 1e-9
    assert judged["tidak_judged_tidak"] >= 79 / 82 - 1e-9
    assert judged["aspect_right"] >= 80 / 81 - 1e-9


# ------------------------------------------------- owners' decisions (d)-(f) of 2026-12-03, fresh9
@pytest.mark.parametrize(
    "iki, target, measurable, aspect",
    [
        # (d) a population and the standard service it receives, with %: coverage, kuantitas
        ("Ibu hamil mendapatkan tablet tambah darah", "90 %", True, "kuantitas"),
        ("Setiap lansia mendapatkan skrining kesehatan sesuai standar", "100 %", True, "kuantitas"),
        ("Kasus diare pada balita tertangani", "100 %", True, "kuantitas"),
        ("Persentase remaja putri yang mendapat tablet tambah darah", "80 %", True, "kuantitas"),
        (
            "Persentase bayi usia 0-11 bulan yang mendapat imunisasi lengkap",
            "90",
            True,
            "kuantitas",
        ),
        # ... but not without a % target, nor a waiting time, nor a unit obtaining a predicate
        ("Ibu hamil mendapatkan tablet tambah darah", "90", False, None),
        ("Masa tunggu alumni sampai dengan mendapatkan pekerjaan", "6 bulan", False, None),
        ("Persentase Satuan Kerja yang memperoleh predikat WBK", "50 %", True, "kualitas"),
        # (e) a bare noun of a rate stays no measure
        ("Kepatuhan identifikasi pasien", "100 %", False, None),
        ("Kelengkapan dokumen rujukan", "90 %", False, None),
        # (f) a national quantity with a physical or monetary unit is an amount
        ("Produksi padi", "5,2 juta ton", True, "kuantitas"),
        ("Pertumbuhan ekonomi daerah", "5,1 %", True, "kuantitas"),
        ("Nilai ekspor produk UMKM", "12 miliar rupiah", True, "kuantitas"),
        ("Produksi padi", "5,2", False, None),
        ("Pertumbuhan ekonomi daerah", "5,1", False, None),
    ],
)
def test_owners_decisions_on_coverage_rate_nouns_and_national_amounts(
    iki, target, measurable, aspect
):
    result = check(iki, target)
    assert result.measurable is measurable, (iki, target, result.codes)
    if measurable:
        assert result.aspect == aspect


def test_a_coverage_line_is_told_to_write_persentase():
    result = check("Bayi 0-6 bulan mendapatkan ASI Ekslusif", "42 %", lang="id")
    assert result.measurable and len(result.hints) == 1
    assert '"Persentase bayi 0-6 bulan yang mendapatkan ASI Ekslusif"' in result.hints[0]
    assert not check("Persentase bayi yang mendapat ASI eksklusif", "42 %").hints


# ---------------------------------------------- rules learnt from blind round 10 (fresh10, fresh11)
@pytest.mark.parametrize(
    "iki, target",
    [
        # decision (f) read on: a statistic of output or prices with its unit is an amount or a rate
        ("Produktivitas jagung", "55,2 kw/ha"),
        ("Produktivitas Tanaman Perkebunan: Kopi", "7,5 kw/ha"),
        ("Laju inflasi kabupaten", "3,5 %"),
        ("PDRB atas dasar harga berlaku", "12.500 Rp. Miliar"),
        # a growth share of a defined, counted object
        ("Persentase peningkatan kunjungan wisatawan", "5 %"),
        ("Persentase peningkatan pendapatan asli daerah", "4 %"),
        # a remark in brackets after a counted document does not unmake it
        ("Jumlah dokumen RKPD (sesuai kebutuhan)", "1 dokumen"),
        # money absorbed, with a currency unit
        ("Penyerapan anggaran", "1.000.000.000 Rp."),
    ],
)
def test_round10_statistics_growth_shares_and_amounts_are_measurable(iki, target):
    result = check(iki, target)
    assert result.measurable, (iki, target, result.codes)


@pytest.mark.parametrize(
    "iki, target, code",
    [
        # a count given in months counts months, not the thing named
        ("Jumlah langganan surat kabar", "12 bulan", "unit_mismatch"),
        ("Jumlah kendaraan dinas yang dipelihara", "12 bulan", "unit_mismatch"),
        # an object ending in "dan lain-lain" is not defined
        ("Jumlah cetakan blangko dan lain-lain", "15 jenis", "vague_object"),
        # a share of drafting or issuing, with no result named, is the doing of a task
        ("Persentase penyusunan produk hukum daerah", "100 %", "activity"),
        ("Persentase penerbitan perpanjangan izin", "100 %", "activity"),
    ],
)
def test_round10_months_for_counts_undefined_objects_and_shares_of_doing_are_vague(
    iki, target, code
):
    result = check(iki, target)
    assert not result.measurable and code in result.codes, (iki, target, result.codes)


def test_round10_quality_conditions_of_compliance_and_conformity_are_kualitas():
    for iki in (
        "Persentase warga binaan yang patuh dan disiplin",
        "Persentase program yang mengacu pada rencana tenaga kerja",
    ):
        result = check(iki, "60 %")
        assert (result.measurable, result.aspect) == (True, "kualitas"), (iki, result.codes)


def test_round10_now_training_data_is_judged_as_labelled_but_six_rows():
    # measured once blind on checker e2bf39c: pooled 98/113, 74/87, aspect 87.6 % (the clean
    # figure); training data since. Left: b10_026 (years of schooling read as waktu by the
    # letter of guide 3.2), b10_037 (a share of handling "yang disidik", which the older sets
    # read as a result condition), and four single Kota Metro rows whose unit names another thing
    # or whose object stays undefined (b11_016, b11_019, b11_021, b11_068).
    fresh10 = accuracy(real_indicators("fresh10"))
    fresh11 = accuracy(real_indicators("fresh11"))
    assert (fresh10["terukur_judged_terukur"], fresh11["terukur_judged_terukur"]) == (1.0, 1.0)
    assert fresh10["tidak_judged_tidak"] >= 31 / 32 - 1e-9
    assert fresh11["tidak_judged_tidak"] >= 51 / 55 - 1e-9
    assert fresh10["aspect_right"] >= 58 / 59 - 1e-9 and fresh11["aspect_right"] == 1.0


# ------------------------------------------- rules learnt from blind round 11 (fresh12-fresh14)
@pytest.mark.parametrize(
    "iki, target, code",
    [
        # a share given in counted people, households or regions is no share
        ("Persentase desa yang memiliki BUMDes aktif", "135 Daerah", "unit_mismatch"),
        ("Persentase keluarga miskin yang menerima bantuan", "220 Keluarga", "unit_mismatch"),
        # a level or rate with a bare number: % or per mil?
        ("Angka kepatuhan cuci tangan petugas", "100", "no_unit"),
        ("Tingkat kepatuhan SOP penatalaksanaan diabetes", "90", "no_unit"),
        # regions counted in another kind of region, in people or in affairs
        ("Jumlah kabupaten/kota yang memiliki perda KTR", "34 Provinsi", "unit_mismatch"),
        (
            "Jumlah daerah yang mempunyai aparatur pemadam sesuai standar",
            "100 Orang",
            "unit_mismatch",
        ),
    ],
)
def test_round11_shares_in_counts_bare_levels_and_regions_in_other_units_are_refused(
    iki, target, code
):
    result = check(iki, target)
    assert not result.measurable and code in result.codes, (iki, target, result.codes)


@pytest.mark.parametrize(
    "iki, target",
    [
        ("Prevalensi lansia risiko tinggi", "332 per 1000 Lansia"),  # a rate per people is a rate
        ("Angka kematian bayi", "8"),  # a statistic whose unit is fixed by convention
        ("Tingkat kepuasan pasien rawat inap", "3,5 dari 4"),  # a value on its scale
        (
            "Jumlah daerah yang menerima pembekalan linmas",
            "34 Provinsi",
        ),  # "daerah" fits any region
        ("Persetase aset tanah yang bersertifikat", "84 %"),  # misspelt Persentase
    ],
)
def test_round11_neighbours_stay_measurable(iki, target):
    result = check(iki, target)
    assert result.measurable, (iki, target, result.codes)


def test_round11_condition_states_are_kualitas():
    for iki in (
        "Persentase gedung pemerintah yang dapat berfungsi",
        "Persentase kawasan bebas kumuh",
    ):
        assert check(iki, "80 %").aspect == "kualitas", iki


def test_round11_now_training_data_is_judged_as_labelled_but_for_contradicted_rows():
    # measured once blind on checker 0d3266a: pooled 72/77, 206/244, aspect 89.6 % (the clean
    # figure); training data since, and fresh14's twelve "yang berkualitas" rows relabelled by
    # decision (g). Left: rows whose reading contradicts older sets (fresh14's labeller reads
    # "Persentase Ketersediaan ...", "... tindak lanjut ...", "Cakupan ..." and "... yang
    # ditingkatkan kompetensinya" against the older sets' labels and the fresh7 rule), stored texts
    # cut at "..." and a few single rows (see the README).
    fresh13 = accuracy(real_indicators("fresh13"))
    fresh14 = accuracy(real_indicators("fresh14"))
    assert accuracy(real_indicators("fresh12"))["tidak_judged_tidak"] == 1.0
    assert fresh13["terukur_judged_terukur"] >= 21 / 22 - 1e-9
    assert fresh13["tidak_judged_tidak"] >= 122 / 125 - 1e-9
    assert fresh14["terukur_judged_terukur"] >= 64 / 67 - 1e-9
    assert fresh14["tidak_judged_tidak"] >= 8 / 19 - 1e-9


# ------------------------------------------ rules learnt from blind round 12 (fresh15, fresh17)
def test_round12_satisfaction_in_percent_is_measured_and_bare_numbers_lack_a_unit():
    # owners' decision (h): "Kepuasan X" with % is a satisfaction measure, kualitas
    assert check("Kepuasan Pengunjung Perpustakaan", "≥ 75 %").aspect == "kualitas"
    assert check("Kepuasan Pengunjung Perpustakaan", "≥ 75 %").measurable
    assert not check("Kepuasan Pengunjung Perpustakaan", "90").measurable


def test_round12_rates_evaluations_and_documents_in_people():
    assert check("Rate kematian neonatal", "8 /1.000").measurable
    assert check("Capaian SAKIP Kecamatan", "70 Nilai").aspect == "kualitas"
    assert check("Persentase guru dengan SKP bernilai baik", "90 %").aspect == "kualitas"
    result = check("Jumlah Laporan Pengawasan", "40 Orang")
    assert not result.measurable and "unit_mismatch" in result.codes


def test_round12_now_training_data_is_judged_as_labelled_but_for_contradicted_rows():
    # measured once blind on checker 431cfc3: 57/63, 35/42, aspect 82.5 % (the clean figure);
    # training data since. Left: "Waktu Tanggap ..." with a % target (fresh17 reads a mismatch,
    # the fresh8 rule a share of responses), shares of "Perencanaan"/"Pengembangan Karier ...
    # sesuai ..." (a result condition for the older sets), "Persentase Ketersediaan Obat" (kuantitas
    # for its labeller, kualitas in the synthetic world) and single rows (see the README).
    fresh15 = accuracy(real_indicators("fresh15"))
    fresh17 = accuracy(real_indicators("fresh17"))
    assert (
        fresh15["terukur_judged_terukur"] == 1.0 and fresh15["tidak_judged_tidak"] >= 5 / 6 - 1e-9
    )
    assert fresh17["terukur_judged_terukur"] >= 34 / 38 - 1e-9
    assert fresh17["tidak_judged_tidak"] >= 31 / 36 - 1e-9
    assert fresh15["aspect_right"] >= 23 / 25 - 1e-9 and fresh17["aspect_right"] >= 33 / 38 - 1e-9


def test_round13_index_written_in_english_is_an_index_and_the_sets_are_training_data():
    # round 13 measured once blind on checker 5934540: 65/67, 5/8, aspect 91.0 % (the clean
    # figure); training data since
    result = check("Index kepuasan pemohon layanan", "3,4 dari 4")
    assert result.measurable and result.aspect == "kualitas"
    fresh18 = accuracy(real_indicators("fresh18"))
    assert (fresh18["terukur_judged_terukur"], fresh18["tidak_judged_tidak"]) == (1.0, 1.0)
    assert accuracy(real_indicators("fresh19"))["terukur_judged_terukur"] >= 20 / 21 - 1e-9
