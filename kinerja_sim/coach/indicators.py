"""Check whether an individual performance indicator (IKI) is measurable, and say what to fix.

A measurable IKI under PermenPAN-RB 6/2022 names *what is counted* — a measure such as
"Jumlah", "Persentase", "Indeks", "Nilai", "Rata-rata waktu", "Luas", followed by its object,
or a result state such as "Tersusunnya dokumen …" counted in documents — and carries a target
number whose unit fits the measure. The SKP **period** (annual by default) is the time frame:
real indicator lists keep the period in the document, not in every sentence, so a time frame
is not demanded; one written in the sentence is only checked against the period.

The checker is a transparent list of word rules (ASSUMPTION, a teaching aid of the kit, not a
regulation; the word lists are in ``data/indicator_words.yaml``), tuned on real indicators
of Indonesian offices (``data/indicators_real``, labelled by
``docs/panduan_label_indikator.md``) and on the synthetic world's corpus
(``data/indicator_corpus.yaml``). Every rule is listed in :data:`RULES` with an example from
the real corpus; every problem is a message from the catalogue
(``kinerja_sim/data/messages/indicators.yaml``) that says what to fix. The coach on top of
the checker, :func:`kinerja_sim.coach.indicator_coach.suggest`, gives one or two rewrites in
the real style for a vague indicator, and :func:`kinerja_sim.coach.indicator_coach.fits`
tells whether an IKI measures its RHK.

Examples
--------
>>> from kinerja_sim.coach.indicators import check
>>> result = check("Meningkatkan pelayanan akta kelahiran", lang="en")
>>> result.measurable, result.codes
(False, ('no_object', 'no_number', 'no_unit', 'vague_verb'))
>>> good = check("Persentase laporan keuangan yang disampaikan tepat waktu", "100 %")
>>> good.measurable, good.aspect
(True, 'waktu')
>>> check("Jumlah laporan", "tahun 2024").codes
('year_target',)
"""

from __future__ import annotations

import numbers
import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from kinerja_sim._core.data import read_yaml
from kinerja_sim._core.i18n import t

__all__ = [
    "ABBREVIATIONS",
    "ASPECTS",
    "PERIODS",
    "PROBLEM_CODES",
    "RULES",
    "IndicatorCheck",
    "check",
    "indicator_words",
]

ASPECTS = ("kuantitas", "kualitas", "waktu", "biaya")
#: SKP periods the checker knows (None: no period given, the sentence must carry a time frame).
PERIODS = ("tahunan", "semesteran", "triwulanan", "bulanan")
PROBLEM_CODES = (
    "no_object",
    "no_number",
    "no_unit",
    "vague_verb",
    "no_time_frame",
    "activity",
    "sasaran",
    "vague_object",
    "unit_mismatch",
    "year_target",
    "period_mismatch",
)

#: The rules, in the order the checker applies them (the problem codes, then the aspect rules, whose
#: code is the aspect they give); each with its source and a real example
#: (``data/indicators_real``, source key in brackets). Confidence: ASSUMPTION (teaching aid).
RULES = (
    (
        "sasaran",
        "A sasaran or wish sentence used as indicator: it opens with Meningkatnya, Menurunnya, "
        "Terwujudnya, Tercapainya, Terciptanya, Menjadi, Peningkatan or Penurunan, a wish for a "
        "change in ber- (Berkurangnya, Bertambahnya) or any me- verb made a noun by -nya "
        "(Membaiknya, Meluasnya).",
        "Meningkatnya Skor TOEIC International - 600 [polines]",
    ),
    (
        "activity",
        "The object is the doing of something: it opens with Terlaksananya/Terselenggaranya, an "
        "action noun (Pelaksanaan, Penerapan, Pelaporan, Penulisan, Kehadiran, Monev, Updating, …) "
        "or an active verb (Membuat, Mengikuti, Menghadiri, …); or a measure counts activities "
        "(Persentase terlaksananya kegiatan …).",
        "Terlaksananya Monitoring kegiatan siskamling - 10 kali [kalurahan]",
    ),
    (
        "activity",
        "A count (Jumlah/Banyaknya) of a nominalised activity: the counted noun is a process "
        "noun of the shape peN-…-an, per-…-an or ke-…-an (pembangunan, pengendalian, "
        "pengembangan, penyediaan, pemeliharaan, pelayanan, kegiatan, pertemuan) or a borrowed "
        "process word (koordinasi, fasilitasi, administrasi, evaluasi, mutasi, promosi, rapat, "
        "…), unless the target counts in that same noun (2000 pemeriksaan, 21 rapat: a service "
        "counted as delivered) or in a product the object names (Jumlah penerbitan akta – 1000 "
        "akta); without a target the rule waits for one. Nouns of that shape that name a thing "
        "or a population stay results (pengaduan, permohonan, pelanggaran, kendaraan, peralatan, "
        "pedoman, perusahaan, …).",
        "Jumlah Pengembangan Inovasi dan Teknologi - 3 Dokumen [fresh2, Bappelitbangda Sumedang]",
    ),
    (
        "vague_verb",
        "A verb or phrase of wish or effort (meningkatkan, mengoptimalkan, mendukung, dengan "
        "baik, …) anywhere in the sentence.",
        "Meningkatkan Pelayanan Bidang Transportasi [dlh]",
    ),
    (
        "no_object",
        "No measure in the first words (Jumlah, Persentase/Presentase/Prosentase, Indeks/Indek, "
        "Nilai, Skor, Tingkat, Angka/APK/APM, Rata-rata, Rasio, Cakupan, Capaian, Realisasi, "
        "Prevalensi, Luas, Panjang, Volume, Predikat, Level, Opini, Waktu, Biaya; an index named "
        "by its abbreviation – IKM, IKK, SKM, IPM, IKLH, IKPA, IDM, IPG, IDG, IRBI, IPKD, IKTL – "
        "is read as Indeks) and no result state (Tersedianya/Tersusunnya/Terpeliharanya/Terbitnya/"
        "… X).",
        "Dokumen Raker - 1 [polines]",
    ),
    (
        "no_object",
        "A known indicator abbreviation opening the indicator is read as its measure and object "
        "(ABBREVIATIONS: AKI, AKB, AKABA – Angka Kematian Ibu/Bayi/Balita; UHH/AHH – Angka "
        "Harapan Hidup, as is 'Usia Harapan Hidup'; IPM, IKM – Indeks; BOR – persentase hunian "
        "tempat tidur; BTO, GDR, NDR – Angka; LOS, TOI – rata-rata lama/selang waktu; CRR – "
        "rasio pemulihan biaya); misspelt measures (Presentasi, Presentase, Prosentase, Indek) "
        "read as the measure they misspell, the abbreviation Jml. and the synonyms Banyaknya and "
        "Rerata as Jumlah and Rata-rata. An outcome rate (Angka …, rasio, prevalensi, "
        "cakupan) implies its unit, and a ratio may be written with counted units around 'per', "
        "':' or '/' (1 dokter per 2.500 penduduk).",
        "AKI - 115 [fresh3, Renstra Dinkes Gresik]; Presentasi balita gizi buruk - 2% [fresh3, "
        "Dinkes Gresik]",
    ),
    (
        "vague_object",
        "A percentage over something that is not counted: pelaksanaan/pengelolaan, peran "
        "serta, peningkatan/meningkatnya, layanan penunjang; or two measures with one target.",
        "Persentase Layanan Penunjang Urusan Pemerintahan Daerah - 100 % [ppu]",
    ),
    (
        "vague_object",
        "A percentage or coverage of a generic office function rather than something counted: "
        "administrasi (kepegawaian, keuangan), koordinasi, fasilitasi, the 'penunjang urusan' "
        "programme or 'kebutuhan penunjang', 'pelayanan kepada masyarakat/umum/administrasi'; "
        "or any measure of something 'yang ditingkatkan'.",
        "Cakupan Administrasi Kepegawaian Perangkat Daerah - 100 % [fresh2, BKPSDM Sumedang]",
    ),
    (
        "vague_object",
        "A percentage of an average fulfilment of access or quality ('rata-rata pemenuhan', "
        "'pemenuhan akses/mutu', 'akses dan mutu'): a wish for a service, not something counted.",
        "Persentase Rata-rata Pemenuhan Akses dan Mutu Pelayanan Kesehatan - 100 [fresh3, Dinkes "
        "Boalemo]",
    ),
    (
        "vague_object",
        "A count or share whose object nobody can count without a definition ('… yang "
        "memahami/paham/mengerti/berprestasi', '… sesuai kebutuhan'), a count of a bare unit "
        "('Jumlah paket', 'Jumlah kali'), a share of what was merely 'difasilitasi', or two "
        "measures with one target ('angka partisipasi murni …, jumlah siswa …').",
        "jumlah peserta yang memahami workshop pengelolaan perpustakaan - 169 peserta; jumlah "
        "paket - 2 paket [tuning5, Dinas Pendidikan Kota Madiun]",
    ),
    (
        "vague_object",
        "A count in paket of goods ('Jumlah Paket Bahan Logistik Kantor yang Disediakan' - 1 "
        "paket, the sub-kegiatan outputs of the Permendagri 90/2019 nomenclature), the paket "
        "named as the counted head or as the target's unit: what one paket holds is not defined, "
        "so nobody can check it. The labelling guide's rule (ASSUMPTION), decided by the "
        "curriculum's owners on 2026-12-03 as both blind labellers read the guide; Permendagri "
        "90/2019 names the indicator without judging it. A paket of a process (paket pembangunan "
        "…) stays an activity. The message says to count the items in their own unit or to state "
        "the need met ('Persentase kebutuhan … yang terpenuhi').",
        "Jumlah Paket Mebel yang Disediakan - 2 paket [fresh6, a kecamatan's Renstra; fresh5; "
        "corpus relabelled]",
    ),
    (
        "activity",
        "An SKP row in the old form of PP 46/2011 (a task of the position opened by an active "
        "verb, its target the output, a quality figure and a time: '10 data; kualitas 100; 12 "
        "bulan') stays an activity, as every active-verb row does: the labelling guide's rule "
        "(ASSUMPTION), decided by the curriculum's owners in issue #20. PP 46/2011 was revoked "
        "by PP 30/2019, and under PermenPAN-RB 6/2022 (law) an SKP states a rencana hasil kerja "
        "whose indicators measure the result. The message says so and the coach recasts the row "
        "as a counted result.",
        "Mengentri data usul kenaikan pangkat kedalam SAPK - 10 Data; kualitas 100; 12 bulan "
        "[tuning5, UPK Kemenkes; fresh5]",
    ),
    (
        "no_number",
        "No number in the target (nor, without a target, in the sentence); for a predicate measure "
        "(opini BPK, predikat, level, akreditasi) a predicate such as WTP, BB or Paripurna counts.",
        "Ter-updatenya SOP Layanan Keuangan - (kosong) [polines]",
    ),
    (
        "no_number",
        "A predicate target may follow the scale's name and may be a level of accreditation: "
        "Opini WTP, Predikat BB, Akreditasi Paripurna, Terakreditasi (Paripurna, Utama, Madya, "
        "Dasar, Perdana, Internasional), Bintang 5; any other word target is no number.",
        "Status Akreditasi Rumah Sakit - Terakreditasi Internasional [fresh3, RSUD Sidoarjo]",
    ),
    (
        "year_target",
        "The target is a year (tahun 2024) with no amount, or names a year as part of the "
        "amount (1 Dok 2018).",
        "Laporan Hasil Audit SDM - 1 Dok 2018 [polines]",
    ),
    (
        "no_unit",
        "A number without a unit where the measure does not imply one: an average time needs a "
        "time unit, a cost rupiah, an area ha/m2, a length km/m, a volume m3/liter/ton.",
        "Rata-rata waktu tunggu pasien - 30 (synthetic corpus)",
    ),
    (
        "unit_mismatch",
        "The unit does not fit the measure: Jumlah with %, a percentage counted in documents "
        "or people, an index counted in documents, a time measure in %, a result state "
        "counted in kegiatan/kali/bulan.",
        "Jumlah dosen yang menulis di jurnal nasional - 5 % [polines]",
    ),
    (
        "unit_mismatch",
        "A count of things that are not documents (prangko, partisipasi, ASN moved) given in "
        "laporan or dokumen: the unit counts the paperwork, not the things. Refused are heads "
        "that name people (by their shape too), places, goods, services, processes or events; "
        "any other head, a written product of a sector no list names ('Jumlah RTRW ...' - 1 "
        "Dokumen), may be counted in documents.",
        "Jumlah prangko, materai, dan benda pos lainya yang di sediakan - 90 Laporan [fresh2, "
        "Kec. Giri]",
    ),
    (
        "unit_mismatch",
        "A count of people (warga, penduduk, peserta, pasien, pegawai, …, or any noun of a "
        "person's shape: pekerja, pedagang, wisatawan) given in a unit that counts places or "
        "paperwork (kawasan, desa, lokasi, dokumen, kegiatan, …).",
        "Jumlah warga negara … di kawasan rawan bencana … yang mengikuti pelatihan … - 100 Kawasan "
        "[fresh3, BPBD Situbondo]",
    ),
    (
        "no_time_frame",
        "Only without an SKP period (period=None): no time frame in the sentence or target.",
        "Jumlah rapat koordinasi yang difasilitasi (synthetic corpus)",
    ),
    (
        "period_mismatch",
        "A time frame in the sentence or target that contradicts the SKP period: a span of "
        "several years in a yearly or shorter SKP, 'per tahun' in a quarterly or monthly SKP.",
        "Persentase arsip yang tertata selama 5 tahun - 90 %",
    ),
    (
        "activity",
        "A count of events or work packages followed by a process noun counts the doing, whatever "
        "the target's unit (Jumlah kegiatan/pertemuan/paket + penyuluhan, pembinaan, pembangunan, "
        "…; the guide: counts of kegiatan/pertemuan are the doing); a service delivered (kegiatan "
        "pelayanan …) is the service given. A percentage of the realisation of a programme or "
        "kegiatan ('Persentase realisasi program kerja') is the doing too.",
        "Jumlah kegiatan penyuluhan penggunaan benih bersertifikat - 11 kegiatan; Persentase "
        "Realisasi Program Kerja Strategis - 100 % [fresh5]",
    ),
    (
        "activity",
        "A count (Jumlah) given in times (kali, x) counts how often something was done, whatever "
        "the counted noun (FGD, patroli, razia, bimbingan teknis): the doing, as counts of "
        "kegiatan are; not when the unit names what is counted ('36 kali pengiriman'), nor for "
        "people, a result noun, a service or a document, nor for a Frekuensi, whose unit kali is.",
        "Jumlah Supervisi dan Bimbingan Teknis penyelenggaraan Terminal Type B - 4 Kali [fresh8]",
    ),
    (
        "vague_object",
        "A percentage of a mass or abstract noun nobody can count a share of (budaya, kebudayaan, "
        "sejarah, bahasa, sastra, tradisi, kearifan lokal), or of the standard kegiatan of the "
        "support programme 'Perencanaan, Penganggaran, dan Evaluasi Kinerja'; a countable thing of "
        "culture (cagar budaya, kelompok seni) stays a result.",
        "Prosentase sejarah yang terpelihara - 100 % [fresh5]; Persentase bahasa dan sastra daerah "
        "yang dikembangkan dan dilindungi [fresh4]",
    ),
    (
        "no_unit",
        "A Capaian (achievement) with a bare number and no unit: it may be a share or a score, so "
        "the unit must say which (not when it names a value, 'Capaian Nilai SAKIP').",
        "Capaian Kompetensi Numerasi SD - 60.11 [fresh5]",
    ),
    (
        "activity",
        "A percentage or coverage of an office's doing (pembinaan, pengawasan, pemberdayaan, "
        "penanganan, pendampingan, pengendalian, penyuluhan, pemantauan) with no condition that "
        "names the result counted (yang …, sesuai …, memenuhi …, tepat waktu, tuntas, selesai): "
        "the share of a process. 'Persentase penanganan pengaduan yang ditindaklanjuti tepat "
        "waktu' stays a result.",
        "Persentase pembinaan dan pengawasan desa - 100 %; persentase penanganan kasus-kasus "
        "disiplin aparatur - 85 % [fresh6]",
    ),
    (
        "vague_object",
        "A percentage or coverage naming the support programme anywhere in its object ('… "
        "Penunjang Urusan Pemerintah(an) Daerah'), the completeness or smoothness of a generic "
        "office function ('kelengkapan administrasi kepegawaian'), or a bare 'layanan/pelayanan' "
        "under no condition or one naming no result ('Persentase pelayanan yang prima'). A share "
        "of services with a result condition ('Persentase Layanan yang terselesaikan' - 100 %: "
        "the services asked for, and completed) is measurable: the labelling guide's rule "
        "(ASSUMPTION), decided by the curriculum's owners on 2026-12-03 (decision (a)); fresh6's "
        "row relabelled.",
        "Cakupan Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah - 91 %; "
        "persentase kelengkapan administrasi kepegawaian - 85 % [fresh6]",
    ),
    (
        "no_unit",
        "A count per something that is not a period ('Jumlah kerjasama per program studi') is a "
        "ratio: a bare number needs its unit (per period, 'per tahun', is a time frame, not a "
        "ratio).",
        "Jumlah kerjasama per program studi S1 dan D4/D3/D2/D1 - 100 [fresh6, a polytechnic's IKU]",
    ),
    (
        "no_unit",
        "A ratio per a population per a period ('Jumlah penelitian per dosen per tahun' - 1) "
        "states its unit: the bare number is measurable (owners' decision (b) of 2026-12-03, "
        "labelling guide, ASSUMPTION). Research and community-service projects (penelitian, "
        "pengabdian) are the counted outputs of a university, not activities.",
        "Jumlah penelitian per dosen per tahun - 1 [fresh7, a university's KPI] (measurable)",
    ),
    (
        "no_unit",
        "An amount of money (Jumlah/Rata-rata dana, anggaran, biaya) with a bare number and no "
        "currency or scale has no unit: rupiah, ribu, juta or miliar must be said (owners' "
        "decision (c) of 2026-12-03, labelling guide, ASSUMPTION); a share of money is a "
        "percentage.",
        "Rata-rata dana penelitian dosen tahun. - 20 [fresh7, a university's KPI]",
    ),
    (
        "no_object",
        "An accreditation counted without a level ('Akreditasi sertifikasi internasional ... "
        "tingkat PT' - 2): an accreditation's target is a level (Unggul, A, Paripurna); a bare "
        "number counts accreditations without saying of what level, so no measure is named (a "
        "count says so: 'Jumlah unit yang terakreditasi internasional').",
        "Akreditasi sertifikasi internasional bereputasi tingkat PT Fakultas - 2 [fresh7]",
    ),
    (
        "no_object",
        "A defined population and the standard service or result it receives (mendapat, "
        "mendapatkan, memperoleh, ditimbang, tertangani) with a % target is measurable, "
        "kuantitas: the share of that population, the SPM form of Permenkes 4/2019 whose "
        "technical standard defines the share (owners' decision (d) of 2026-12-03, labelling "
        "guide, ASSUMPTION); the coach still hints to write 'Persentase …'. A waiting time "
        "('Masa tunggu lulusan sampai dengan mendapatkan pekerjaan') is no population. A bare "
        "noun of a rate ('Kepatuhan Cuci Tangan' - 80 %) names no measure (decision (e)).",
        "Bayi 0-6 bulan mendapatkan ASI Ekslusif - 42 % [fresh9, a puskesmas] (measurable)",
    ),
    (
        "no_object",
        "A national quantity with a physical or monetary unit is an amount, kuantitas: "
        "'Produksi …' in ton or kg or money, 'Pertumbuhan …' in %, 'Nilai ekspor …' in a "
        "currency (owners' decision (f) of 2026-12-03, labelling guide, ASSUMPTION).",
        "Produksi Garam Nasional - 3,8 juta ton [fresh9, a ministry Renstra] (measurable)",
    ),
    (
        "vague_object",
        "A share whose condition 'sesuai' names no reference ('yang memiliki kompetisi sesuai', "
        "'kompetisi' a misspelling of kompetensi read as such): which standard the staff meet is "
        "not said. 'Kompetensi sesuai <bidang/standar>' is a quality condition (kualitas). Any "
        "measure of something 'yang ditingkatkan' (improved how much?) is a vague object, but a "
        "count of those 'yang ditingkatkan kapasitasnya' (the Permendagri 90/2019 phrase for those "
        "given capacity building) counts who received it.",
        "Persentase Staf Keperawatan yang memiliki kompetisi sesuai - 90 % [fresh7, a hospital]",
    ),
    (
        "period_mismatch",
        "A look-back window ('dalam tiga tahun terakhir', 'selama lima tahun terakhir') is read "
        "at the end of the SKP period, so it does not contradict a yearly SKP; a span of several "
        "years without 'terakhir' still does.",
        "Persentase dosen yang mengikuti pengembangan Kompetensi yang relevan dalam tiga tahun "
        "terakhir - 80 [fresh7] (measurable)",
    ),
    # Aspect rules (code: the aspect read), guide section 3, in the order they are tried after the
    # index rule.
    (
        "kuantitas",
        "An indicator opening with a known abbreviation takes the aspect of ABBREVIATIONS (LOS, "
        "TOI: waktu; CRR: biaya; IPM, IKM: kualitas; rates: kuantitas).",
        "Usia Harapan Hidup (UHH) - 73.79 Tahun [fresh3, RSUD Situbondo] (kuantitas)",
    ),
    (
        "waktu",
        "A deadline inside the sentence (paling lambat, paling lama, selambat-lambatnya, tepat "
        "waktu, sesuai jadwal/waktu, sebelum tanggal, 1x24 jam, or any bound on days, hours, "
        "minutes or weeks: maksimal 3 hari kerja, kurang dari 24 jam, ≤ 7 hari) makes the aspect "
        "waktu, even in a count (guide 3, rule 2 comes before counts); a bound on months or "
        "years names an age or a span, not a deadline.",
        "Jumlah Dokumen SK Penetapan Status Darurat Bencana … yang Ditetapkan Paling Lama 1x24 "
        "Jam - 2 Dokumen [fresh3, BPBD Situbondo]",
    ),
    (
        "kualitas",
        "Satisfaction on a scale: an indicator opening with (Tingkat/Nilai/Skor/Rata-rata) "
        "Kepuasan whose target is a value on a scale ('4 skala Likert', '3,5 dari 4', '(skala "
        "1-5)') is a score, kualitas; a percentage given as a scale value is a unit_mismatch.",
        "Indeks Kepuasan Layanan Badan Pengawasan - 3.84 [bawas] (a score on a 1-4 scale)",
    ),
    (
        "waktu",
        "Response time ('Respons time rate', 'Waktu tanggap') is waktu; 'Kontribusi … terhadap "
        "PDRB' is a share (a measure like Persentase).",
        "Tingkat Waktu tanggap (Response time rate) bencana kebakaran [fresh4, Satpol PP]",
    ),
    (
        "biaya",
        "Cost and cost-recovery measures (biaya, cost recovery, CRR, unit cost) and money spent "
        "(belanja, penyerapan/realisasi of DAK, DAU, APBD, DPA) are biaya.",
        "Persentase Cost Recovery Rate - 90 % [fresh3, RSUD Situbondo]",
    ),
    (
        "kualitas",
        "A share of things that are 'sesuai/memenuhi standar, SOP, SPM, syarat, kriteria, "
        "kompetensi' is kualitas; not when people receive a service 'sesuai standar' (SPM "
        "coverage stays kuantitas). Quality-indicator sets named by abbreviation (IMPRS, INM, "
        "IMUT) are read as 'indikator mutu'.",
        "Persentase Sarana, Prasarana, dan Alat Kesehatan Rumah Sakit Sesuai Standart - 64.5 % "
        "[fresh3, RSUD Situbondo]; persentase penempatan aparatur sesuai kompetensinya - 90 % "
        "[fresh6]",
    ),
    (
        "kualitas",
        "A share of things that are berkualitas/bermutu/terstandar, layak (laik) fungsi, that "
        "pass a test (lulus/lolos uji), bertanda tera sah, that reach a minimum "
        "competence, or that follow or apply a standard (mengikuti/menerapkan SNP) is kualitas; a "
        "count (Jumlah) of them stays kuantitas (guide 3.4).",
        "prosentase sekolah yang memenuhi SNP - 92 % [tuning5, Dinas Pendidikan Kota Madiun]; "
        "Persentase koperasi berkualitas [fresh4]",
    ),
    (
        "kualitas",
        "A share defined by a grade or a qualification (minimal (berpredikat) baik, berpredikat, "
        "kualifikasi S1, layak) and an average of a score or an ability (rata-rata nilai/skor/"
        "kemampuan, e.g. of the Asesmen Nasional) and a share defined by a rating of performance "
        "('nilai SKP > baik', 'nilai kinerja') are kualitas; satisfaction read as a 'persepsi "
        "kepuasan' on a stated scale is a score.",
        "Persentase BUMD yang kinerjanya minimal berpredikat baik - 54 %; Rata-rata kemampuan "
        "numerasi SMP berdasarkan Asesmen Nasional - 64.3 % [fresh5]; persentase jumlah pegawai "
        "dengan nilai SKP > baik - 87 % [fresh6]",
    ),
    (
        "waktu",
        "A waiting or study period (masa tunggu, masa studi, masa penyelesaian) is waktu, like "
        "rata-rata waktu.",
        "Rata-rata Masa Tunggu Kerja Lulusan - < 3 Bulan [fresh5]",
    ),
    (
        "biaya",
        "A share of funds (perolehan, penggunaan dana) is biaya, like anggaran; money written "
        "after 'dengan' qualifies the thing counted ('penelitian dengan biaya luar negeri': "
        "research funded from abroad, kuantitas).",
        "Persentase penggunaan dana penelitian terhadap total dana perguruan tinggi - 5 [fresh7]",
    ),
    (
        "kualitas",
        "An average grade-point index (rata-rata IPK) and a grade reached ('nilai ... minimal A') "
        "are kualitas; 'penjaminan mutu' (quality assurance) names a function, not a quality "
        "condition.",
        "Rata-rata IPK mahasiswa - 3.25; Persentase lulusan yang mendapatkan nilai Ibadah Praktis "
        "minimal A - 75 [fresh7]",
    ),
    # the rules learnt from fresh8 (issue #20 item 7; training data since its one clean figure)
    (
        "vague_object",
        "A count of the months in which a routine need was met ('Jumlah bulan terpenuhinya/"
        "pemenuhan ...', the Permendagri 90/2019 wording of sub-kegiatan such as salaries, "
        "insurance or vehicle upkeep) names no result: 12 only says the service ran all year; "
        "and a count of participants 'yang mengikuti pemahaman ...' does not say who counts.",
        "Jumlah bulan terpenuhinya kebutuhan gaji dan tunjangan ASN - 12 Bulan [fresh8]",
    ),
    (
        "activity",
        "A count of coordination meetings (rakor, like rapat) counted in places (Lokasi) counts "
        "the doing.",
        "Jumlah Rakor pengoperasian dan pemeliharaan Pelabuhan - 3 Lokasi [fresh8]",
    ),
    (
        "activity",
        "Not an activity: a process noun whose object is 'yang diterbitkan/terbit' counts the "
        "issued product ('pembaharuan izin yang diterbitkan' counts the renewed permits).",
        "Jumlah pembaharuan izin yang diterbitkan untuk Perusahaan Bus AKDP - 10 Unit [fresh8]",
    ),
    (
        "unit_mismatch",
        "Not a mismatch: a study, kajian or official minutes (studi, BAP, berita acara) is a "
        "document product, so it may be counted in Dokumen.",
        "Jumlah studi / kajian pengembangan angkutan aglomerasi - 1 Dokumen [fresh8]",
    ),
    (
        "vague_verb",
        "Not a vague verb: a share of units 'yang berhasil meningkatkan/menurunkan ...' counts the "
        "units that succeeded (the verb, and a 'dengan meningkatkan ...' that says how, define "
        "who is counted).",
        "Persentase PTS yang berhasil meningkatkan kinerja dengan meningkatkan jumlah dosen yang "
        "berkegiatan di luar kampus - 62,6 % [fresh8]",
    ),
    (
        "no_number",
        "Not missing: a grade followed by the unit column's name of the scale ('A Predikat') is "
        "the predicate target.",
        "Predikat SAKIP - A Predikat [fresh8]",
    ),
    (
        "no_unit",
        "A response time ('Waktu tanggap', 'Respon time') with a bare number and neither % nor a "
        "time unit: a share of responses or a time? say which.",
        "Waktu Tanggap Pelayanan Pemulasaraan Jenazah - <=2 [fresh8]",
    ),
    (
        "waktu",
        "A waiting time that defines who is counted ('lulusan ... dengan waktu tunggu ≤ 6 bulan') "
        "is waktu even in a count, like a deadline; an average study time (rata-rata lama studi, "
        "in semester; 'Rara-rata' read as Rata-rata) is waktu.",
        "Jumlah lulusan prodi yang mendapatkan pekerjaan pertama dengan waktu tunggu ≤ 6 bulan - "
        "80; Rara-rata lama studi mahasiswa (semester) S2 - 6 semester [fresh8]",
    ),
    (
        "kualitas",
        "A share defined by a grade threshold (IPK > 3,5), plagiarism, ISO certification, or "
        "carrying out SOPs or named policies (melaksanakan SOP, mengimplementasikan kebijakan: "
        "compliance, guide 3.4) is kualitas.",
        "Persentase mahasiswa S-2 yang lulus dengan IPK > 3,5 - 75; Persentase Plagiator S-2 dan "
        "S-3 - 0 [fresh8]",
    ),
    (
        "no_object",
        "A statistic of output or prices with its unit is an amount or a rate, like decision (f): "
        "a yield in kw/ha or kg/pohon (Produktivitas), an inflation or growth rate in % (Laju, "
        "Inflasi), a regional product in rupiah (PDRB) (round 10, ASSUMPTION); money absorbed "
        "(Penyerapan anggaran) in rupiah is an amount of money spent (biaya).",
        "Produktivitas Tanaman Hortikultura: Durian - 28,73 kg/pohon; Laju Inflasi Provinsi - "
        "8 % [fresh10]",
    ),
    (
        "unit_mismatch",
        "A count whose target is a span of time ('Jumlah langganan surat kabar' - 12 bulan) "
        "counts months, not the thing named; a count of days or months and a rate per month "
        "(40 Orang/bulan) are not meant.",
        "Jumlah kendaraan roda 4 dan kendaraan roda 2 - 12 bulan [fresh11]",
    ),
    (
        "activity",
        "A share of drafting or issuing (Persentase penyusunan, penerbitan, pembuatan ...) with "
        "no condition naming the result counted is a share of the office's doing.",
        "Persentase Penerbitan Perpanjangan IMTA - 100 Persen [fresh11]",
    ),
    (
        "vague_object",
        "An object that ends in 'dan lain-lain' (dll, dsb) is not defined; a share of growth of a "
        "counted thing (Persentase peningkatan kunjungan wisatawan, ... zakat yang terhimpun) is "
        "a growth rate, measurable, while growth of what nobody counts (keanekaragaman hayati) "
        "stays vague; a remark in brackets for the one who fills the form ('(Sesuai kebutuhan "
        "Jika RPJMD maka ...)') is not part of the object.",
        "Jumlah cetakan blangko surat dan lain-lain - 15 jenis [fresh11]",
    ),
    (
        "kualitas",
        "A share defined by compliance or conformity (patuh, disiplin, mengacu pada rencana) is "
        "kualitas (guide 3.4: taat/kepatuhan, kesesuaian).",
        "Persentase Narapidana resiko tinggi yang berubah perilakunya menjadi Sadar, Patuh dan "
        "Disiplin - 15 % [fresh10]",
    ),
    (
        "unit_mismatch",
        "A share given in counted people, households or regions ('135 Daerah', '220 Keluarga') is "
        "no share (a rate per people, '332 per 1000 Lansia', is); regions counted in another kind "
        "of region, in people or in affairs ('Jumlah daerah kabupaten/kota ...' - 34 Provinsi, "
        "- 100 Orang, - 3 Urusan) count something else (a bare 'daerah' fits any region).",
        "Persentase Keluarga Miskin yang Memperoleh Pemberdayaan Sosial - 220 Keluarga [fresh14]",
    ),
    (
        "no_unit",
        "A level or rate (Tingkat, Angka) with a bare number and no %, scale or convention: a "
        "share or a per mil? say which (fresh8, fresh9 and fresh13's labellers); a statistic "
        "whose unit convention fixes (Angka kematian, partisipasi, harapan lama sekolah), an "
        "abbreviation's rate and a satisfaction on its scale are not meant.",
        "Angka Kepatuhan Pelaksanaan Surgical Safety Checklist di Kamar Operasi - 100 [fresh13]",
    ),
    (
        "kualitas",
        "A share of things in a condition state (dapat berfungsi, bebas kumuh, bebas bahan "
        "berbahaya, tahan pangan) is kualitas (guide 3.4); products 'yang berkualitas' are counted "
        "and kualitas (owners' decision (g)).",
        "Persentase Gedung Pemerintah yang Dapat Berfungsi - 100 % [fresh14]",
    ),
    (
        "kualitas",
        "A bare 'Kepuasan X' with a % target is a satisfaction measure (owners' decision (h), "
        "labelling guide, ASSUMPTION), kualitas; with a bare number its unit is missing. An "
        "evaluation of accountability (Capaian SAKIP, nilai AKIP) and staff whose SKP is "
        "'bernilai baik' are kualitas.",
        "Kepuasan Pelanggan - ≥ 70 % [fresh17]; Capaian SAKIP OPD - 85 Nilai [fresh15]",
    ),
    (
        "unit_mismatch",
        "Reports or documents counted in people ('Jumlah Laporan Monitoring' - 60 Orang) count "
        "something else. 'Rate' (Rate Kematian Ibu - 50 /100.000) is read as Angka.",
        "Jumlah Laporan Monitoring - 60 Orang [fresh17]",
    ),
)


# ----------------------------------------------------------------------------- word lists
@cache
def indicator_words() -> dict:
    """The checker's word lists, ``data/indicator_words.yaml`` (each list with its use there)."""
    return read_yaml("indicator_words.yaml")


def _words(key: str) -> tuple[str, ...]:
    return tuple(indicator_words()[key])


def _alternatives(key: str) -> str:
    """The entries of ``key`` as one group of regular-expression alternatives."""
    return f"(?:{'|'.join(indicator_words()[key])})"


_SPELLING = tuple(
    (re.compile(pattern), replacement) for pattern, replacement in indicator_words()["spelling"]
)
MEASURES = _words("measures")
_PERCENT_MEASURES = _words("percent_measures")
_COUNT_MEASURES = _words("count_measures")
_INDEX_MEASURES = _words("index_measures")
_PREDICATE_MEASURES = _words("predicate_measures")
# A predicate written as the target of a predicate measure: opini BPK, predikat SAKIP/akreditasi,
# level. The grade may follow a name of the scale ("Opini WTP", "Predikat BB", "Akreditasi
# Paripurna") and may be a level of accreditation ("Terakreditasi Internasional", "Paripurna
# (Bintang 5)").
_GRADE = _alternatives("grades")
_PREDICATE = re.compile(
    rf"^(?:{_alternatives('predicate_scales')}\s+)*"
    rf"(?:(?:ter|ber)akreditasi(?:\s+(?:kars\s+|jci\s+|tingkat\s+)?{_GRADE})?|{_GRADE})"
    rf"(?:\s*\([a-z0-9 ]+\))?(?:\s+{_alternatives('predicate_scales')})?$"
)  # the unit column may repeat the scale after the grade ("A Predikat")
_SASARAN_OPENERS = _words("sasaran_openers")
# A wish for a change by its shape: a me- verb made a noun by -nya ("Membaiknya", "Meluasnya").
_CHANGE_SHAPE = re.compile(r"^me[a-z]{3,}nya$")
_ACTIVITY_OPENERS = _words("activity_openers")
_ACTIVITY_HEADS = re.compile(rf"^{_alternatives('activity_heads')}\b")
_EVENT_HEADS = _words("event_heads")
_SERVICE_NOUNS = _words("service_nouns")
# A counted process noun (rule "activity" for counts): affixed peN-/per-/ke- … -an, or a borrowed
# process word.
_PROCESS_NOUN = re.compile(r"^(?:pe|pem|pen|peng|peny|per|ke)[a-z]{3,}an$")
_PROCESS_WORDS = _words("process_words")
_RESULT_NOUNS = _words("result_nouns")
_GENERIC_OBJECTS = re.compile(f"^{_alternatives('generic_objects')}")
# Services under a result condition ("layanan yang terselesaikan"): not a generic object
# (owners' decision (a)).
_SERVICES_DONE = re.compile(
    rf"^(?:pelayanan|layanan)\s+(?:yang\s+)?(?:telah\s+|sudah\s+|dapat\s+)?"
    rf"{_alternatives('service_results')}\b"
)
_UNCOUNTABLE_OBJECTS = re.compile(f"^{_alternatives('uncountable_objects')}")
_INDEX_ABBREVIATIONS = _words("index_abbreviations")
#: Indicator abbreviations that real lists write alone ("AKI" – 115): abbreviation -> (measure and
#: object, aspect), from ``data/indicator_words.yaml`` (ASSUMPTION: the usual reading of health
#: and hospital indicators; a teaching aid).
ABBREVIATIONS = {
    abbreviation: tuple(reading)
    for abbreviation, reading in indicator_words()["abbreviations"].items()
}
_DOCUMENT_UNITS = _words("document_units")
_GENERIC_UNITS = _words("generic_units")
_DOCUMENT_HEADS = _words("document_heads")
_NON_DOCUMENT_HEADS = _words("non_document_heads")
_ACTIVE_VERB = re.compile(r"^(?:me|mem|men|meng|meny)[a-z]{3,}$")
_NOT_VERBS = _words("not_verbs")
_RESULT_OPENER = re.compile(r"^ter[a-z-]+nya$")
_VAGUE = _words("vague")
_VAGUE_OBJECTS = re.compile(f"^{_alternatives('vague_objects')}")
_TIME_UNITS = _words("time_units")
_MONEY_UNITS = _words("money_units")
_MONEY_NOUNS = _words("money_nouns")
_FUNDED_BY = re.compile(_alternatives("funded_by"))
_QUALITY_FUNCTIONS = re.compile(_alternatives("quality_functions"))
_AREA_UNITS = _words("area_units")
_LENGTH_UNITS = _words("length_units")
_VOLUME_UNITS = _words("volume_units")
_COUNT_UNITS = _words("count_units")
_INDEX_COUNT_UNITS = _words("index_count_units")
_ACTIVITY_UNITS = _words("activity_units")
_PEOPLE_HEADS = _words("people_heads")
_PEOPLE_UNITS = (*_PEOPLE_HEADS, "org", "jiwa")  # people as the unit of a target
_PEOPLE_SHAPE = re.compile(_alternatives("people_shapes"))
_NOT_PEOPLE = _words("not_people")
_RECEIVES_A_GRADE = re.compile(
    rf"\b{_alternatives('coverage_verbs')}\s+{_alternatives('received_grades')}\b"
)
_PLACE_UNITS = _words("place_units")
_IMPLIED_UNIT_MEASURES = _words("implied_unit_measures")
_COVERAGE_VERBS = _words("coverage_verbs")
_AMOUNT_HEADS = _words("amount_heads")
_GROWTH_OBJECTS = _words("growth_objects")
_RATE_HEADS = _words("rate_heads")
_EXPORT_HEADS = _words("export_heads")
_POPULATION_HEADS = _words("population_heads")
_MONTHS = _words("months")
_PERIOD_WORDS = _alternatives("period_words")
_TIME_FRAME = re.compile(
    "|".join(
        [
            rf"\b(?:per|setiap|tiap|sepanjang)\s+{_PERIOD_WORDS}\b",
            rf"/\s*{_PERIOD_WORDS}\b",
            r"\bpertahun\b",
            r"\b(?:tahun|ta|th|tahun anggaran)\s+20\d\d\b",
            r"\b(?:triwulan|kuartal)\s+(?:i{1,3}|iv|[1-4])\b",
            r"\bsemester\s+(?:i{1,2}|[12]|ganjil|genap)\b",
            rf"\bakhir\s+{_PERIOD_WORDS}\b",
            r"\b(?:paling lambat|selambat-lambatnya|sebelum tanggal|batas waktu|tenggat)\b",
            rf"\b(?:sampai|hingga|s\.d\.?|s/d)\s+(?:akhir|tanggal|\d|{'|'.join(_MONTHS)})",
            r"\b(?:selama|dalam)\s+(?:\d+|satu|dua|tiga|empat|enam|dua belas)?"
            rf"\s*{_PERIOD_WORDS}\b",
            rf"\b(?:{'|'.join(_MONTHS)})\s+20\d\d\b",
        ]
    )
)
_MULTI_YEAR = re.compile(
    r"\b(?:(?:selama|per|dalam|setiap)\s+(?:[2-9]|dua|tiga|empat|lima|sepuluh)\s+tahun"
    r"(?!\s+terakhir)|"  # "dalam tiga tahun terakhir" is a window read at the period's end
    r"(?:19|20)\d\d\s*[-–/]\s*(?:19|20)\d\d|akhir periode|periode (?:renstra|rpjmd|rpjmn))"
)
# A deadline written in the sentence (aspect waktu, guide section 3 rule 2).
_DEADLINE = re.compile(rf"\b{_alternatives('deadline')}\b")
_SUCCEEDED = re.compile(
    r"\byang\s+berhasil\s+(?:meningkatkan|menurunkan)\b"
    r"(?:[^,]*?\bdengan\s+(?:meningkatkan|menurunkan)\b)?"
)
_ISSUED = re.compile(r"(?:\byang\s+)?\b(?:diterbitkan|terbit)\b")  # "yang" may be left out
_WAITING = re.compile(_alternatives("waiting_times"))
# A share of things that meet a standard (kualitas) - unless people get a service "sesuai standar"
# (SPM coverage).
_STANDARD = re.compile(
    rf"\b{_alternatives('standard_verbs')}\s+(?:dengan\s+)?{_alternatives('standards')}\b"
)
_SERVED = re.compile(rf"\b{_alternatives('served')}\b")
_YEARLY = re.compile(r"\b(?:per|setiap|tiap)\s+tahun\b|\bpertahun\b|\btahunan\b")
_NUMBER = re.compile(r"(?<![a-z])\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"(?:\b(?:tahun anggaran|tahun|ta|th)\s+)?\b(?:19|20)\d\d\b(?!\s*[a-z%])")
_DATE = re.compile(rf"\b\d{{1,2}}\s+(?:{'|'.join(_MONTHS)})\s+(?:19|20)\d\d\b")
# The aspect words tried after the index and deadline rules (guide section 3), compiled once.
_ASPECT_WAKTU = re.compile(rf"\b{_alternatives('aspect_waktu')}\b")
_ASPECT_BIAYA = re.compile(rf"\b{_alternatives('aspect_biaya')}\b")
_ASPECT_KUALITAS = re.compile(rf"\b{_alternatives('aspect_kualitas')}\b")
# Issue #20: conditions nobody can count, bare objects, a second measure, satisfaction on a scale,
# the PP 46/2011 target (output, quality, time).
_UNDEFINED = re.compile(_alternatives("undefined_conditions"))
_PERCENT_UNDEFINED = re.compile(_alternatives("percent_undefined_conditions"))
_BARE_OBJECTS = _words("bare_objects")
_BUNDLE_UNITS = _words("bundle_units")
_PROGRAMME_NAMES = re.compile(_alternatives("programme_names"))
_DOING_NOUNS = _words("doing_nouns")
_RESULT_CONDITIONS = re.compile(_alternatives("result_conditions"))
# Kinds of region: a count of one given in another is a unit mismatch (round 11).
_REGIONS = _words("regions")
_SHARE_MISFITS = _words("share_misfits")
_CONVENTIONAL_RATES = re.compile(rf"\b{_alternatives('conventional_rates')}\b")
_PER_AREA_UNITS = _words("per_area_units")
# A count per something that is not a period ("Jumlah kerjasama per program studi"): a ratio.
_PER_SOMETHING = re.compile(rf"\bper\s+(?!{_PERIOD_WORDS}\b)[a-z]")
# ... which states its unit when a period follows: "Jumlah penelitian per dosen per tahun" - 1
# (owners' decision (b) of 2026-12-03).
_CAPACITY_BUILT = re.compile(
    r"\bditingkatkan\s+(?:kapasitas|kemampuan|kompetensi|keterampilan)(?:nya)?\b"
)
_PER_PERIOD = re.compile(rf"\b(?:per|setiap|tiap)\s+{_PERIOD_WORDS}\b|\bpertahun\b")
_SECOND_MEASURE = re.compile(rf"(?:,|\bdan)\s*{_alternatives('second_measures')}\b")
_SATISFACTION = re.compile(f"^{_alternatives('satisfaction_openers')}")
_SCALE = re.compile(_alternatives("scale_words"))
_SKP_QUALITY = re.compile(_alternatives("skp_quality"))
_SKP_TIME = re.compile(_alternatives("skp_time"))
_NOT_OUTPUT_UNITS = ("kegiatan", "kali", "bulan", "bln", "hari", "minggu", "tahun", "%", "")
# The normalisation's openers: an index abbreviation, a known indicator abbreviation.
_OPENS_INDEX_ABBREVIATION = re.compile(rf"^(?=(?:{'|'.join(_INDEX_ABBREVIATIONS)})\b)")
_OPENS_ABBREVIATION = re.compile(rf"^({'|'.join(ABBREVIATIONS)})(?![\w-])")


@dataclass(frozen=True)
class IndicatorCheck:
    """The result of :func:`check`.

    Attributes
    ----------
    iki : str
        The indicator text checked.
    target : str
        The target as given (empty when none).
    measurable : bool
        True when no problem was found.
    aspect : str or None
        "kuantitas", "kualitas", "waktu" or "biaya" as read from the wording; None when the
        text names no measure.
    codes : tuple of str
        The problems found, as codes of :data:`PROBLEM_CODES`, in that order.
    problems : tuple of str
        One message per code, in the catalogue's language, saying what to fix.
    hints : tuple of str
        Advice on a measurable indicator (no problem): a coverage line without "Persentase" is
        told to write it (owners' decision (d)).
    """

    iki: str
    target: str
    measurable: bool
    aspect: str | None
    codes: tuple[str, ...]
    problems: tuple[str, ...]
    hints: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """One row per problem: ``code``, ``problem`` (empty when the indicator is measurable)."""
        return pd.DataFrame(
            {"code": list(self.codes), "problem": list(self.problems)}, columns=["code", "problem"]
        )


# ----------------------------------------------------------------------------- reading the text
def normalise_text(text: str, *, bullets: bool = False) -> str:
    text = re.sub(r"\s+", " ", text.strip().lower())
    if bullets:  # list bullets of an indicator text: "- ", "1. "
        text = re.sub(r"^(?:[-–•*]|\d+[.)])\s*(?=[a-z%])", "", text)  # "1. % peningkatan …"
    for pattern, replacement in _SPELLING:
        text = pattern.sub(replacement, text)
    if (
        bullets
    ):  # an index named by its abbreviation: "IKM Perhubungan" reads as "indeks ikm perhubungan"
        text = _OPENS_INDEX_ABBREVIATION.sub("indeks ", text)
        # a known indicator abbreviation: "AKI" reads as "angka kematian ibu (aki)"
        text = _OPENS_ABBREVIATION.sub(
            lambda match: f"{ABBREVIATIONS[match.group(1)][0]} ({match.group(1)})", text
        )
    return text


def without_repeated_unit(text: str, target: str) -> str:
    """The text without a closing bracket that only repeats the target's unit ("Jumlah supervisi
    ... (Lokasi)" - 21 Lokasi, "Persentase ... (%)" - 90 %): the unit column, not the object."""
    match = re.search(r"\s*\(\s*([^()]+?)\s*\)\s*[.]?$", text)
    if match is None or not number_tokens(target):
        return text
    unit = match.group(1)
    repeated = unit in unit_words(target) or (unit in ("%", "persen") and _has_percent(target))
    return text[: match.start()] if repeated and match.start() > 0 else text


def _abbreviation(text: str) -> str | None:
    """The known abbreviation the normalised indicator opens with, if any."""
    for abbreviation, (expansion, _) in ABBREVIATIONS.items():
        if text.startswith(f"{expansion} ({abbreviation})"):
            return abbreviation
    return None


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9][a-z0-9-]*", text)


def _has_word(text: str, words) -> str | None:
    """The first of ``words`` found in ``text`` as a whole word or phrase, else None."""
    for word in words:
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
            return word
    return None


def measure_of(words: list[str]) -> str | None:
    """The measure among the first three words (followed by an object), if any."""
    for i, word in enumerate(words[:3]):
        if word in MEASURES and i + 1 < len(words) and words[i + 1] not in ("dan", "atau", "yang"):
            if i and (is_wish(words[0]) or words[0] in _ACTIVITY_OPENERS):
                return None
            return word
    return None


def is_wish(word: str) -> bool:
    """A first word that makes the sentence a sasaran: a listed opener ("Meningkatnya",
    "Berkurangnya", "Terwujudnya") or a me- verb made a noun by -nya ("Membaiknya")."""
    return word in _SASARAN_OPENERS or _CHANGE_SHAPE.match(word) is not None


def names_result_state(words: list[str]) -> bool:
    """Opens with a result state ("Tersusunnya X", "Terbitnya X"), not an activity or a wish."""
    return (
        bool(words)
        and bool(_RESULT_OPENER.match(words[0]))
        and words[0] not in _ACTIVITY_OPENERS
        and not is_wish(words[0])
        and len(words) > 1
    )


def opens_with_activity(words: list[str]) -> bool:
    if not words:
        return False
    first = words[0]
    return first in _ACTIVITY_OPENERS or (
        bool(_ACTIVE_VERB.match(first))
        and first not in _NOT_VERBS
        and first not in _VAGUE
        and not is_wish(first)
    )


def names_people(word: str) -> bool:
    """A noun of people counted: a word of the list, or of a person's shape (pekerja, pedagang,
    wisatawan) that is not a thing of that shape (perangkat, peta, perda)."""
    return word in _PEOPLE_HEADS or (
        _PEOPLE_SHAPE.fullmatch(word) is not None and word not in _NOT_PEOPLE
    )


def not_paperwork(head: str) -> bool:
    """Rule unit_mismatch for counts in dokumen/laporan: the counted head names people, a place,
    a thing or a process, not a written product ("Jumlah prangko ..." - 90 Laporan, "Jumlah
    koordinasi ..." - 11 Dokumen). A head no list names ("Jumlah RTRW ..." - 1 Dokumen) is taken
    as the product it counts."""
    if head in _DOCUMENT_HEADS:
        return False
    process = (_PROCESS_NOUN.match(head) or head in _PROCESS_WORDS) and head not in _RESULT_NOUNS
    return bool(
        names_people(head)
        or head in _NON_DOCUMENT_HEADS
        or (head in _PLACE_UNITS and head not in _DOCUMENT_UNITS)
        or head in _EVENT_HEADS
        or process
    )


def counts_events(after: str) -> bool:
    """Rule "activity" for counts of events or work packages: "kegiatan penyuluhan …", "pertemuan
    pembinaan …", "paket pembangunan, rehabilitasi …" count the doing, whatever the target's unit;
    a service delivered ("kegiatan pelayanan jemput bola") is the service given."""
    counted = after.split(" ")
    if len(counted) < 2 or counted[0] not in _EVENT_HEADS:
        return False
    process = counted[1].strip(",")
    return (
        (bool(_PROCESS_NOUN.match(process)) or process in _PROCESS_WORDS)
        and process not in _RESULT_NOUNS
        and process not in _SERVICE_NOUNS
    )


def counts_times(measure: str | None, after: str, target: str) -> bool:
    """Rule "activity" for counts in times ("Jumlah FGD" - 3 kali, "Jumlah patroli wilayah" - 100
    kali): how often something was done is the doing, whatever the counted noun (guide: counts of
    kegiatan/pertemuan are the doing; a result is never counted in kali). Not when the unit names
    what is counted ("36 kali pengiriman"), nor for people, a result noun or a service given."""
    head = after.split(" ")[0] if after else ""
    match = re.search(r"\d\s*(?:kali|x)\b\s*([a-z-]*)", target)
    if match is None or not head or measure != "jumlah":  # a Frekuensi is counted in kali
        return False
    named = match.group(1) not in ("", "per", "dalam", "setahun", "sebulan", "pertahun")
    return not (
        named
        or names_people(head)
        or head in _RESULT_NOUNS
        or head in _SERVICE_NOUNS
        or head in _DOCUMENT_HEADS
    )


def counts_a_process(after: str, target: str) -> bool:
    """Rule "activity" for counts: the counted noun is a process noun not counted in itself."""
    head = after.split(" ")[0] if after else ""
    if not number_tokens(
        target
    ):  # without a target the unit that could make it a result is not known yet
        return False
    if head in _RESULT_NOUNS or not (_PROCESS_NOUN.match(head) or head in _PROCESS_WORDS):
        return False
    if _ISSUED.search(after):  # "pembaharuan izin yang diterbitkan": the issued permits counted
        return False
    if re.search(r"\byang\s+berhasil\b", after):  # "pembiayaan ... yang berhasil disalurkan"
        return False
    units = set(unit_words(target)) - set(_GENERIC_UNITS)
    # "2000 pemeriksaan", "21 rapat": the service is the unit; "1000 akta": the product named in the
    # object is
    return head not in words_of(target) and not units & set(after.split(" ")[1:])


def number_tokens(text: str) -> list[str]:
    return _NUMBER.findall(text)


def target_text_of(target) -> str:
    if target is None:
        return ""
    if isinstance(target, bool) or not isinstance(target, (str, numbers.Real)):
        raise TypeError(
            f"target must be a number, a text such as '95 %', or None, got {type(target).__name__}"
        )
    if isinstance(target, numbers.Real):
        return f"{target:g}" if isinstance(target, float) else str(target)
    return target


def unit_words(text: str) -> list[str]:
    """The words written right after the numbers of ``text`` ("95 %" -> ["%"])."""
    units = []
    for match in _NUMBER.finditer(text):
        after = text[match.end() :].lstrip()
        if after.startswith("%"):
            units.append("%")
        elif after:
            units.append(after.split()[0].strip(".,;:()"))
    return units


def _has_percent(text: str) -> bool:
    return "%" in text or _has_word(text, ("persen", "persentase")) is not None


def _after_number_has(text: str, units) -> bool:
    return any(word in units for word in unit_words(text)) or _has_word(text, units) is not None


def strip_years(text: str) -> str:
    text = _DATE.sub(" ", text)
    return _YEAR.sub(" ", text)


# ----------------------------------------------------------------------------- the rules
def skp_target(target: str) -> bool:
    """A target in the old SKP form of PP 46/2011 (Perka BKN 1/2013): an output, a quality figure
    ("kualitas 100") and a time ("12 bulan"), e.g. "12 laporan; kualitas 100; 12 bulan"."""
    return (
        bool(number_tokens(target))
        and _SKP_QUALITY.search(target) is not None
        and _SKP_TIME.search(target) is not None
    )


def skp_output(target: str) -> tuple[str, str] | None:
    """The output (number, unit) of a target in the PP 46/2011 form when it counts a product or a
    service ("12 laporan", "5000 pasien"), not the doing ("12 kegiatan", "10 kali"); else None."""
    if not skp_target(target):
        return None
    units = unit_words(target)
    if not units or units[0] in _NOT_OUTPUT_UNITS:
        return None
    return number_tokens(target)[0], units[0]


def undefined_object(measure: str | None, after: str, text: str) -> bool:
    """Rule vague_object (issue #20): a count or share whose object nobody can count without a
    definition ("peserta yang memahami", "siswa yang berprestasi", "sesuai kebutuhan"), a count of
    a bare unit ("Jumlah paket"), a share of what was "difasilitasi", or two measures with one
    target ("angka partisipasi murni, jumlah siswa ...")."""
    if measure is None:
        return False
    counted = measure in _COUNT_MEASURES + _PERCENT_MEASURES
    return (
        (counted and _UNDEFINED.search(after) is not None)
        or (
            measure in _PERCENT_MEASURES
            and _PERCENT_UNDEFINED.search(_TIME_FRAME.sub(" ", after).strip()) is not None
        )  # "... sesuai tahun 2025": the period written after it is no reference
        or (measure in _COUNT_MEASURES and after.strip() in _BARE_OBJECTS)
        or _SECOND_MEASURE.search(text) is not None
    )


def grows_a_count(after: str) -> bool:
    """Round 10: a share of growth of a counted thing ("Persentase peningkatan kunjungan
    wisatawan" - 3 %, "... peningkatan zakat yang terhimpun") is a growth rate, measurable; the
    growth of something nobody counts ("peningkatan keanekaragaman hayati", "... ekonomi KP")
    stays a vague object."""
    words = after.split(" ")
    return (
        len(words) > 1
        and words[0] in ("peningkatan", "kenaikan", "pertambahan")
        and words[1] in _GROWTH_OBJECTS
    )


def improved_without_result(measure: str | None, after: str) -> bool:
    """Rule vague_object: any measure of something "yang ditingkatkan" (improved how much?), but a
    count of those "yang ditingkatkan kapasitasnya" (the Permendagri 90/2019 phrase for units or
    people given capacity building: "Jumlah Lembaga Kemasyarakatan yang Ditingkatkan
    Kapasitasnya" - 4) counts who received it."""
    if "ditingkatkan" not in after:
        return False
    return not (measure in _COUNT_MEASURES and _CAPACITY_BUILT.search(after) is not None)


def shares_the_doing(measure: str | None, after: str) -> bool:
    """Rule "activity" for shares: a percentage or coverage of an office's doing ("Persentase
    pembinaan dan pengawasan desa", "persentase penanganan kasus-kasus disiplin aparatur") with no
    condition naming the result counted ("yang ditindaklanjuti", "sesuai ...", "tepat waktu")."""
    head = after.split(" ")[0] if after else ""
    return (
        measure in _PERCENT_MEASURES
        and head in _DOING_NOUNS
        and _RESULT_CONDITIONS.search(after) is None
    )


def counts_bundles(after: str, target: str) -> bool:
    """Rule vague_object for counts in paket (the owners' decision of 2026-12-03, labelling guide
    section 2): "Jumlah Paket Bahan Logistik Kantor yang Disediakan" - 1 paket counts bundles of
    goods whose content nobody defined, whether "paket" is the counted head or the target's unit.
    A bare "Jumlah paket" is one too; a paket of a process ("paket pembangunan ...") and a process
    counted in paket are activities; people counted in paket are a unit mismatch."""
    counted = after.split(" ") if after else []
    head = counted[0] if counted else ""
    if head in _BUNDLE_UNITS:
        return not counts_events(after)
    in_bundles = any(unit in _BUNDLE_UNITS for unit in unit_words(target))
    return (
        in_bundles
        and bool(head)
        and not names_people(head)
        and head not in _EVENT_HEADS
        and not counts_a_process(after, target)
    )


def money_amount(measure: str | None, words: list[str]) -> bool:
    """Rule no_unit for money (owners' decision (c) of 2026-12-03): an average or a count whose
    object is money ("Rata-rata dana penelitian dosen tahun." - 20) is an amount, which needs a
    currency or a scale (rupiah, juta); a share of money ("Persentase penggunaan dana") is not."""
    if measure not in ("rata-rata", "rerata", *_COUNT_MEASURES) or measure not in words:
        return False
    head = words[words.index(measure) + 1 : words.index(measure) + 2]
    return bool(head) and head[0] in _MONEY_NOUNS


def counts_accreditations(measure: str | None, target: str) -> bool:
    """Rule no_object for accreditation: "Akreditasi sertifikasi internasional ... tingkat PT" - 2
    with a bare number counts accreditations without naming their level, so it names no measure
    ("Jumlah unit yang terakreditasi internasional" would); an accreditation's target is a level
    (Unggul, A, Paripurna)."""
    return (
        measure == "akreditasi"
        and bool(number_tokens(target))
        and not unit_words(target)
        and not _has_percent(target)
    )  # a bare number however written: "2", "2,00", "≥ 2", "minimal 2"


def covers_a_population(words: list[str], target: str) -> bool:
    """Owners' decision (d): "Bayi 0-6 bulan mendapatkan ASI Ekslusif" - 42 % names a population
    and the service it receives; with a % target it is the share of that population."""
    verb = next((i for i, w in enumerate(words) if w in _COVERAGE_VERBS), None)
    waits = _WAITING.search(" ".join(words[:verb]))  # "Masa tunggu … mendapatkan pekerjaan"
    return verb is not None and verb > 0 and not waits and _has_percent(target)


def coverage_object(iki: str) -> str:
    """The population and its service as the object of "Persentase …": "Setiap penderita
    hipertensi mendapatkan …" -> "penderita hipertensi yang mendapatkan …"."""
    text = re.sub(
        r"^(?:setiap|tiap|seluruh|semua)\s+", "", re.sub(r"\s+", " ", iki.strip()), flags=re.I
    )
    text = text[:1].lower() + text[1:]
    verbs = "|".join(_COVERAGE_VERBS)
    return re.sub(rf"(?<!yang) \b({verbs})\b", r" yang \1", text, count=1, flags=re.I)


def national_amount(measure: str | None, words: list[str], target: str) -> bool:
    """Owners' decision (f): "Produksi perikanan" - 29,46 juta ton, "Pertumbuhan PDB Perikanan" -
    8 %, "Nilai ekspor hasil perikanan" - 4,5 USD miliar are amounts with a unit (kuantitas)."""
    if len(words) < 2:
        return False
    if measure == "nilai" and words[1] in _EXPORT_HEADS:
        return _after_number_has(target, _MONEY_UNITS)
    if measure is not None or words[0] not in _AMOUNT_HEADS:
        return False
    if words[0] in _RATE_HEADS:
        return _has_percent(target)
    return _after_number_has(target, _VOLUME_UNITS + _MONEY_UNITS + _PER_AREA_UNITS)


def counted_in_time(head: str, target: str) -> bool:
    """Rule unit_mismatch (round 10): a count whose target's unit is a span of time ("Jumlah
    kendaraan dinas" - 12 bulan) counts months, not the thing it names; a count of days or months
    ("Jumlah hari layanan") and a rate per month ("40 Orang/bulan") are not meant."""
    units = unit_words(target)
    return (
        bool(units)
        and units[0] in _TIME_UNITS + ("bln", "thn", "th", "hr", "mgg")
        and head not in _TIME_UNITS + ("waktu", "durasi", "lama", "kali")
    )


def counted_in_other_places(head: str, after: list[str], units: list[str]) -> bool:
    """Rule unit_mismatch (round 11): regions counted in another kind of region ("Jumlah daerah
    kabupaten/kota yang ..." - 34 Provinsi; a bare "daerah" fits any), in people (- 100 Orang) or
    in affairs ("Jumlah Daerah Yang Melaksanakan Kerja Sama ..." - 3 Urusan)."""
    if head not in _REGIONS or not units:
        return False
    named = set(after[:3]) & (set(_REGIONS) - {"daerah", "wilayah"})  # a bare "daerah" fits any
    return (
        units[0] == "urusan"
        or units[0] in _PEOPLE_UNITS  # "Jumlah daerah ... aparatur" - 100 Orang
        or (units[0] in _REGIONS and bool(named) and units[0] not in named)
    )


def _unit_problem(measure, result_state, text, target, words) -> str | None:
    """ "no_unit", "unit_mismatch" or None for the number's unit against the measure."""
    where = target if number_tokens(target) else text
    percent = _has_percent(where)
    units = unit_words(where)
    if measure in _COUNT_MEASURES:
        if percent:
            return "unit_mismatch"
        rest = words[words.index(measure) + 1 :]
        head = rest[0] if rest else ""
        documents = [u for u in units if u in _DOCUMENT_UNITS]
        if names_people(head) and any(
            u in _PLACE_UNITS for u in units
        ):  # 100 warga counted in "Kawasan"
            return "unit_mismatch"
        if documents and not_paperwork(head):
            return "unit_mismatch"
        if head in _MONEY_NOUNS:  # "Jumlah dana hibah" - 20: rupiah, juta or miliar?
            return None if _after_number_has(where, _MONEY_UNITS) else "no_unit"
        if counted_in_time(head, where):  # "Jumlah langganan surat kabar" - 12 bulan
            return "unit_mismatch"
        if head in _DOCUMENT_UNITS and units and units[0] in _PEOPLE_UNITS:
            return "unit_mismatch"  # round 12: "Jumlah Laporan Monitoring" - 60 Orang
        if counted_in_other_places(head, rest, units):
            return "unit_mismatch"
        # a count per something ("Jumlah kerjasama per program studi" - 100) is a ratio: say its
        # unit, unless a period follows ("per dosen per tahun", owners' decision (b))
        per_ratio = _PER_SOMETHING.search(text) and not _PER_PERIOD.search(text)
        return "no_unit" if not units and per_ratio else None
    if measure == "rasio" and re.search(
        r"\bper\b|:|/", where
    ):  # "1 dokter per 2.500 penduduk" is a ratio
        return None
    if measure in _PERCENT_MEASURES:
        if not percent and _SCALE.search(target):  # a share given as a value on a scale
            return "unit_mismatch"
        misfits = _PEOPLE_HEADS + _PLACE_UNITS + _SHARE_MISFITS
        counted = [
            u
            for u in units
            if u in _COUNT_UNITS
            or (u in misfits and u != measure and not re.search(r"\bper\b|/", where))
        ]  # round 11: "135 Daerah", "220 Keluarga", "0,035 Rasio" are no share; per 1000 Lansia is
        return "unit_mismatch" if counted and not percent else None
    if (
        measure in ("tingkat", "angka")
        and number_tokens(target)
        and not units
        and not percent
        and not _has_percent(text)
        and _SATISFACTION.match(text) is None
        and not _SCALE.search(f"{text} {target}")
        and _CONVENTIONAL_RATES.search(text) is None
        and not any(text.startswith(full) for full, _ in ABBREVIATIONS.values())
    ):  # round 11: "Angka Kepatuhan Pelaksanaan Surgical Safety Checklist" - 100: % or per mil?
        return "no_unit"
    if measure == "capaian" and not units and not percent and not _has_word(text, _INDEX_MEASURES):
        return "no_unit"  # "Capaian Kompetensi Numerasi" - 60.11: a share or a score? say which
    if measure in _INDEX_MEASURES:
        counted = [u for u in units if u in _INDEX_COUNT_UNITS]
        return "unit_mismatch" if counted else None
    if (
        measure == "tingkat"
        and words[1:3] == ["waktu", "tanggap"]
        and not percent
        and not _after_number_has(where, _TIME_UNITS)
    ):  # "Waktu Tanggap ..." - <=2: a share of responses (%) or a time (menit)? say which
        return "no_unit"
    if measure in ("waktu", "lama", "lamanya") or (
        measure in ("rata-rata", "rerata") and "waktu" in words[:3]
    ):
        if words[:3] and "sekolah" in words[:4]:
            return None
        if percent:
            return "unit_mismatch"
        return None if _after_number_has(_TIME_FRAME.sub(" ", where), _TIME_UNITS) else "no_unit"
    if measure == "biaya" or "biaya" in words[:3] or money_amount(measure, words):
        if percent:  # a share of money, "Tingkat realisasi anggaran" - 99 %
            return None
        return None if _after_number_has(where, _MONEY_UNITS) or "rp" in where else "no_unit"
    if measure in ("luas", "luasan"):
        return None if percent or _after_number_has(where, _AREA_UNITS) else "no_unit"
    if measure == "panjang":
        return None if percent or _after_number_has(where, _LENGTH_UNITS) else "no_unit"
    if measure == "volume":
        return None if percent or _after_number_has(where, _VOLUME_UNITS) else "no_unit"
    if result_state:
        return "unit_mismatch" if any(u in _ACTIVITY_UNITS for u in units) else None
    return None


def _aspect(text: str, words: list[str], measure: str | None) -> str:
    """Read the aspect (docs/panduan_label_indikator.md, section 3): first rule that applies
    wins.
    """
    head = words[:3]
    abbreviation = _abbreviation(text)
    if abbreviation:
        return ABBREVIATIONS[abbreviation][1]
    if any(w in _INDEX_MEASURES for w in head) or _SATISFACTION.match(text):
        return "kualitas"
    if _DEADLINE.search(text) or _WAITING.search(
        text
    ):  # a deadline or waiting time inside the sentence defines the object by time, even in a count
        return "waktu"
    if measure in _COUNT_MEASURES:
        return "kuantitas"
    if _ASPECT_WAKTU.search(text) or (measure == "waktu" and "jumlah" not in words):
        return "waktu"
    if _ASPECT_BIAYA.search(_FUNDED_BY.sub(" ", text)):  # not "penelitian dengan biaya ..."
        return "biaya"
    text = _QUALITY_FUNCTIONS.sub(" ", text)  # "dokumen penjaminan mutu" is no quality condition
    if _STANDARD.search(text) and not _SERVED.search(
        text
    ):  # a thing that meets a standard, not people served
        return "kualitas"
    if _ASPECT_KUALITAS.search(text):
        return "kualitas"
    return "kuantitas"


def check(
    iki: str, target=None, *, period: str | None = "tahunan", lang: str | None = None
) -> IndicatorCheck:
    """Check an IKI and its target against the rules of :data:`RULES`.

    Parameters
    ----------
    iki : str
        The indicator text, e.g. "Persentase izin yang terbit tepat waktu sesuai SOP".
    target : number, str or None
        The target with its unit, e.g. ``"95 %"`` or ``"12 laporan"``; its number and unit
        count as if written in the IKI.
    period : str or None
        The SKP period, one of :data:`PERIODS` (default "tahunan", the annual SKP); it is the
        time frame of the indicator. None: no period, the sentence must name a time frame.
    lang : str, optional
        Language of the messages ("id" or "en"; default: the catalogue's current language).

    Returns
    -------
    IndicatorCheck
        ``measurable``, ``aspect``, ``codes`` and ``problems`` (messages saying what to fix).

    Notes
    -----
    The rules are listed, with an example from the real corpus each, in :data:`RULES`
    (ASSUMPTION, a documented teaching aid). The aspect follows section 3 of the labelling
    guide: an index, value, score, level or predicate gives "kualitas", a timeliness
    percentage "waktu", money spent or saved "biaya", a quality condition "kualitas" unless the
    measure is a count, and anything else "kuantitas".

    Examples
    --------
    >>> check("Persentase izin yang terbit tepat waktu sesuai SOP", "95 %").aspect
    'waktu'
    >>> check("Indeks Kepuasan Masyarakat", 82).aspect
    'kualitas'
    >>> check("Jumlah dosen yang menulis di jurnal nasional", "5 %").codes
    ('unit_mismatch',)
    >>> check("Jumlah akta kelahiran yang diterbitkan", "1.200 dokumen", period=None).codes
    ('no_time_frame',)
    """
    if not isinstance(iki, str):
        raise TypeError(f"iki must be text, got {type(iki).__name__}")
    if period is not None and period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS} or None, got {period!r}")
    target_given = target_text_of(target)
    text, target_norm = normalise_text(iki, bullets=True), normalise_text(target_given)
    text = without_repeated_unit(text, target_norm)
    # a remark in brackets for the one who fills the form ("(Sesuai kebutuhan Jika RPJMD maka
    # ...)", round 10) is no part of what is counted
    text = re.sub(r"\s*\(\s*(?:sesuai kebutuhan|jika|apabila|bila)\b[^)]*\)?", "", text).strip()
    words = words_of(text)
    both = f"{text} {target_norm}"
    measure = measure_of(words)
    if (
        measure is None
        and _SATISFACTION.match(text)
        and (_SCALE.search(target_norm) or _has_percent(target_norm))
    ):  # satisfaction on a Likert scale with a scale value, or in % (decision (h)): kualitas
        measure = "kepuasan"
    # an activity-style SKP row in the PP 46/2011 form: still an activity (guide), with its own
    # message
    skp_row = measure is None and opens_with_activity(words) and skp_target(target_norm)
    coverage = measure is None and covers_a_population(words, target_norm)
    amount = national_amount(measure, words, target_norm)
    result_state = measure is None and (names_result_state(words) or coverage or amount)
    sasaran = bool(words) and is_wish(words[0])
    after = " ".join(words[words.index(measure) + 1 :]) if measure in words else ""
    counts_activity = measure in _PERCENT_MEASURES and _ACTIVITY_HEADS.match(after) is not None
    counts_process = measure in _COUNT_MEASURES and (
        counts_a_process(after, target_norm)
        or counts_events(after)
        or counts_times(measure, after, target_norm)
    )
    counts_activity = counts_activity or shares_the_doing(measure, after)
    activity = not sasaran and (opens_with_activity(words) or counts_activity or counts_process)
    # "secara maksimal 5 hari kerja" is a time bound, not the vague "secara maksimal" (round 13)
    bounded = re.sub(r"\bsecara\s+(?=(?:maksimal|minimal|paling\s+lambat)\s+\d)", "", text)
    vague = _has_word(
        _SUCCEEDED.sub(" ", bounded) if measure in _PERCENT_MEASURES else bounded, _VAGUE
    )  # "Persentase PTS yang berhasil meningkatkan ...": the share of those that succeeded
    vague_object = (
        measure in _PERCENT_MEASURES
        and not counts_activity
        and any(
            pattern.match(after)
            for pattern in (_VAGUE_OBJECTS, _GENERIC_OBJECTS, _UNCOUNTABLE_OBJECTS)
        )
        and _SERVICES_DONE.match(after) is None
        and not grows_a_count(after)
    ) or (measure is not None and improved_without_result(measure, after))
    vague_object = vague_object or (
        measure in _PERCENT_MEASURES and _PROGRAMME_NAMES.search(after) is not None
    )
    bundles = measure in _COUNT_MEASURES and counts_bundles(after, target_norm)
    vague_object = vague_object or bundles or undefined_object(measure, after, text)
    numbers_in = (
        number_tokens(target_norm) if target_norm.strip() else number_tokens(strip_years(text))
    )
    predicate = measure in _PREDICATE_MEASURES and bool(_PREDICATE.match(target_norm.strip(" .")))
    has_number = bool(numbers_in) or predicate
    bare_year = re.fullmatch(r"(?:19|20)\d\d", target_norm.strip()) is not None
    year_target = (
        bool(target_norm.strip())
        and bool(_YEAR.search(target_norm))
        and not number_tokens(strip_years(target_norm))
        and not (bare_year and measure in _COUNT_MEASURES)
    ) or re.search(r"\b(?:dok|dokumen|laporan|buah)\s+(?:19|20)\d\d\b", target_norm) is not None
    unit = None
    if has_number and not year_target and not predicate and (measure or result_state):
        unit = _unit_problem(measure, result_state, text, target_norm, words)
    elif has_number and not year_target and not (measure or result_state):
        unit = "no_unit" if not unit_words(target_norm or text) else None
    implied_unit = result_state or measure in (
        _PERCENT_MEASURES + _COUNT_MEASURES + _INDEX_MEASURES + _IMPLIED_UNIT_MEASURES
    )
    found = {
        "no_object": (measure is None and not result_state and not (activity or sasaran))
        or counts_accreditations(measure, target_norm),  # said once
        "no_number": not has_number and not year_target,
        "no_unit": unit == "no_unit" or (not has_number and not year_target and not implied_unit),
        "vague_verb": vague is not None,
        "no_time_frame": period is None and _TIME_FRAME.search(both) is None,
        "activity": activity,
        "sasaran": sasaran,
        "vague_object": vague_object,
        "unit_mismatch": unit == "unit_mismatch",
        "year_target": year_target,
        "period_mismatch": period is not None
        and (
            (period != "tahunan" and _YEARLY.search(target_norm) is not None)
            or _MULTI_YEAR.search(both) is not None
        ),
    }
    codes = tuple(code for code in PROBLEM_CODES if found[code])
    problems = tuple(
        t(
            "indicators.activity_skp"
            if code == "activity" and skp_row
            else "indicators.vague_object_paket"
            if code == "vague_object" and bundles
            else f"indicators.{code}",
            lang,
            word=vague or "",
            period=period or "",
            verb=words[0] if words else "",
        )
        for code in codes
    )
    aspect = _aspect(text, words, measure) if (measure or result_state) else None
    served_share = (
        measure in _PERCENT_MEASURES
        and (after.split(" ")[0] in _POPULATION_HEADS or names_people(after.split(" ")[0]))
        and covers_a_population(words, "%")  # the measure states the share
        and _RECEIVES_A_GRADE.search(after) is None  # "… yang mendapat nilai minimal A": kualitas
    )  # "Persentase anak … yang mendapat imunisasi dasar lengkap": coverage, kuantitas
    aspect = "kuantitas" if aspect and (coverage or amount or served_share) else aspect
    hints = (
        (t("indicators.hint_coverage", lang, object=coverage_object(iki)),)
        if coverage and not codes
        else ()
    )
    return IndicatorCheck(
        iki=iki,
        target=target_given,
        measurable=not codes,
        aspect=aspect,
        codes=codes,
        problems=problems,
        hints=hints,
    )
