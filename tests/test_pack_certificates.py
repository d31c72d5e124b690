"""Certificates (#23 item 2): one PDF per trainee, read back, with a code that only this workshop
issues.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from contextlib import closing

import pytest
from test_pack_pdf import flat, pdf_pages, pdf_text

from kinerja_sim.cli import main
from kinerja_sim.pack import certificates as pack
from kinerja_sim.training.dashboard import demo_store
from kinerja_sim.training.exercises import prepost
from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.training.workshop_info import (
    WorkshopInfo,
    load_workshop_info,
    read_info_file,
    save_workshop_info,
    set_trainee_details,
)

INFO = dict(
    title="Pelatihan Pejabat Penilai Kinerja",
    organiser="BKPSDM Kabupaten Sukamaju",
    place="Aula BKPSDM Sukamaju",
    start="2026-12-03",
    end="2026-12-04",
    hours=16,
)


@pytest.fixture(scope="module")
def _demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "contoh.sqlite"
    demo_store(path, n_trainees=3, rng=5)
    return path


def take_test(store, trainee, exercise, distance, *, cases=prepost.CASES_PER_SET):
    """``trainee`` scores ``cases`` cases of the pre-test or post-test, each score exactly
    ``distance`` points from the stored reference (towards the middle of the scale), so the
    test's reading error (mean absolute distance) is ``distance``."""
    first = prepost.first_set_of(store.answers(), store.canonical_name(trainee))
    phase = prepost.PHASES[exercise]
    test = prepost.make_test(first if phase == "awal" else prepost.other_set(first))
    for case in test.cases[:cases]:
        reference = {d: round(float(v), 4) for d, v in test.reference(case.item_id).items()}
        scores = {d: r + distance if r <= 3 else r - distance for d, r in reference.items()}
        answer = prepost.answer_of(test, case.item_id, scores, first_set=first, phase=phase)
        store.submit(trainee, exercise, case.item_id, answer, score=0.5)


def _day(path, demo, *, secret=""):
    """A store after a small simulated day: three trainees with answers; Contoh 01 took the
    pre-test (distance 0.8) and the post-test (0.35), Contoh 02 the pre-test only."""
    for suffix in ("", "-wal"):
        if demo.with_name(demo.name + suffix).exists():
            shutil.copy(demo.with_name(demo.name + suffix), path.with_name(path.name + suffix))
    store = ProgressStore(path)
    for item, score in (("P1", 0.5), ("P2", 0.6)):
        store.submit("Contoh 01", "02_penilaian", item, {"scores": {}}, score=score)
    for item, score in (("Q1", 0.8), ("Q2", 0.9)):
        store.submit("Contoh 01", "04_nilai_ulang", item, {"scores": {}}, score=score)
    store.submit("Contoh 02", "02_penilaian", "P1", {"scores": {}}, score=0.4)  # no 04
    take_test(store, "Contoh 01", prepost.PRE_EXERCISE, 0.8)
    take_test(store, "Contoh 01", prepost.POST_EXERCISE, 0.35)
    take_test(store, "Contoh 02", prepost.PRE_EXERCISE, 0.5)  # no post-test
    store.remember_trainee("Tanpa Latihan")  # signed in, never answered
    save_workshop_info(path, WorkshopInfo(**INFO, secret=secret))
    return store


@pytest.fixture
def day(tmp_path, _demo):
    path = tmp_path / "hari.sqlite"
    _day(path, _demo)
    return path


def _by_name(path):
    return {c.fields["name"]: c for c in pack.certificates(path)}


def test_one_certificate_per_trainee_who_answered_and_none_for_who_did_nothing(day, tmp_path):
    files = pack.write_certificates(day, tmp_path / "out")
    assert len(files) == 3
    names = {flat(pdf_text(f)).split("diberikan kepada ")[1].split(" yang telah")[0] for f in files}
    assert names == {"Contoh 01", "Contoh 02", "Contoh 03"}
    assert all(len(pdf_pages(f)) == 1 for f in files)


def test_the_certificate_shows_the_confirmed_name_the_workshop_the_hours_and_the_exercises(
    day, tmp_path
):
    set_trainee_details(
        day,
        "contoh  03",
        confirmed_name="Dra. Ni Luh Putu Ayu Dewi, M.Si.",
        nip="19900101 201503 2 001",
    )
    certificate = _by_name(day)["Dra. Ni Luh Putu Ayu Dewi, M.Si."]
    text = flat(pdf_text(pack.render_certificate(certificate).save(tmp_path / "c.pdf")))
    for expected in (
        "SERTIFIKAT",
        "Dra. Ni Luh Putu Ayu Dewi, M.Si.",
        "NIP 199001012015032001",
        "Pelatihan Pejabat Penilai Kinerja",
        "diselenggarakan oleh BKPSDM Kabupaten Sukamaju di Aula BKPSDM Sukamaju, "
        "3 Desember 2026 s.d. 4 Desember 2026",
        "sebanyak 16 jam pelajaran (JP)",
        "Latihan 1: memperbaiki indikator (1 butir)",
        "Latihan 2: menilai berkas kasus (3 butir)",
        f"Kode verifikasi: {certificate.code}",
    ):
        assert expected in text
    assert "Contoh 03" not in text  # the sign-in name is replaced by the confirmed one


def test_the_result_is_the_pre_and_post_test_printed_only_with_consent(day, tmp_path):
    def text_of(name):
        return flat(pdf_text(pack.render_certificate(_by_name(day)[name]).save(tmp_path / "r.pdf")))

    assert "Hasil tes" not in text_of("Contoh 01")  # no consent yet
    assert _by_name(day)["Contoh 01"].fields["result"] is None
    set_trainee_details(day, "Contoh 01", confirmed_name="Contoh Satu", consent=True)
    text = text_of("Contoh Satu")
    assert (
        "Hasil tes awal dan tes akhir: jarak nilai dari skor rujukan 0,80 poin sebelum dan "
        "0,35 poin sesudah pelatihan (berkurang 0,45 poin;" in text
    )
    assert _by_name(day)["Contoh Satu"].fields["result"] == {
        "measure": "mae",
        "pre": 0.8,
        "post": 0.35,
        "change": 0.45,
    }
    # the figures are those of the dashboard's tes_awal_akhir view
    from kinerja_sim.training.dashboard import views

    table = views(ProgressStore(day).answers())["tes_awal_akhir"]
    row = table[table["trainee"] == "Contoh 01"].iloc[0]
    assert (round(row["pre"], 2), round(row["post"], 2)) == (0.8, 0.35)


def test_without_a_complete_post_test_nothing_about_results_is_printed(day, tmp_path):
    set_trainee_details(day, "Contoh 02", confirmed_name="Contoh Dua", consent=True)
    certificate = _by_name(day)["Contoh Dua"]
    assert certificate.fields["result"] is None  # pre-test only
    text = flat(pdf_text(pack.render_certificate(certificate).save(tmp_path / "d.pdf")))
    assert "Hasil tes" not in text and "poin" not in text and "%" not in text
    store = ProgressStore(day)
    take_test(store, "Contoh 02", prepost.POST_EXERCISE, 0.2, cases=2)  # two cases of three
    assert _by_name(day)["Contoh Dua"].fields["result"] is None
    take_test(store, "Contoh 03", prepost.POST_EXERCISE, 0.2)  # a post-test without a pre-test
    set_trainee_details(day, "Contoh 03", confirmed_name="Contoh Tiga", consent=True)
    assert _by_name(day)["Contoh Tiga"].fields["result"] is None


def test_the_code_covers_the_printed_result(day, tmp_path):
    set_trainee_details(day, "Contoh 01", confirmed_name="Contoh Satu", consent=True)
    pack.write_certificates(day, tmp_path / "out")
    certificate = _by_name(day)["Contoh Satu"]
    verification = pack.verify(certificate.code, day)
    assert verification.valid and verification.fields["result"]["post"] == 0.35
    assert any("0,35 poin sesudah" in line for line in pack.describe(verification))
    forged = {**certificate.fields, "result": {**certificate.fields["result"], "post": 0.15}}
    secret = load_workshop_info(day).secret
    assert pack.certificate_code(forged, secret) != certificate.code
    with closing(sqlite3.connect(day)) as connection, connection:
        connection.execute(
            "UPDATE issued_certificates SET fields_json = ? WHERE code = ?",
            (json.dumps(forged), certificate.code),
        )
    assert not pack.verify(certificate.code, day).valid


def test_a_version_1_certificate_with_case_scores_still_verifies_and_reads(day):
    info = load_workshop_info(day)
    fields = {
        "version": 1,
        "name": "Lama",
        "name_confirmed": False,
        "nip": "",
        **info.public_fields(),
        "exercises": {"02_penilaian": 2},
        "result": {"pre": 0.55, "post": 0.85},
    }
    code = pack.certificate_code(fields, info.secret)
    from kinerja_sim.training.workshop_info import record_issued

    record_issued(day, [(code, "Lama", fields)])
    lines = pack.describe(pack.verify(code, day))
    assert lines[0].startswith(f"Kode {code} SAH") and "55% sebelum dan 85% sesudah" in lines[-1]


def test_a_valid_code_verifies_and_shows_the_certificates_fields(day, tmp_path, capsys):
    pack.write_certificates(day, tmp_path / "out")
    code = _by_name(day)["Contoh 01"].code
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert pack.verify(typed, day).valid
    assert main(["certificates", "--verify", typed, "--store", str(day)]) == 0
    out = capsys.readouterr().out
    assert (
        f"Kode {code} SAH" in out and "Nama: Contoh 01" in out and "Jam pelajaran (JP): 16" in out
    )


def test_a_code_not_issued_or_mistyped_is_not_valid(day, tmp_path, capsys):
    pack.write_certificates(day, tmp_path / "out")
    code = _by_name(day)["Contoh 01"].code
    wrong = ("Z" if code[0] != "Z" else "Y") + code[1:]
    assert not pack.verify(wrong, day).valid
    assert not pack.verify(code[:-1], day).valid
    assert main(["certificates", "--verify", wrong, "--store", str(day)]) == 1
    assert "TIDAK SAH" in capsys.readouterr().out


def test_a_changed_field_makes_the_code_fail(day, tmp_path):
    pack.write_certificates(day, tmp_path / "out")
    code = _by_name(day)["Contoh 02"].code
    with closing(sqlite3.connect(day)) as connection, connection:
        (text,) = connection.execute(
            "SELECT fields_json FROM issued_certificates WHERE code = ?", (code,)
        ).fetchone()
        fields = json.loads(text)
        fields["hours"] = 40
        connection.execute(
            "UPDATE issued_certificates SET fields_json = ? WHERE code = ?",
            (json.dumps(fields), code),
        )
    assert not pack.verify(code, day).valid
    assert pack.certificate_code(fields, load_workshop_info(day).secret) != code


def test_another_workshops_secret_does_not_verify_the_code(tmp_path, _demo):
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    _day(first, _demo, secret="rahasia-lokakarya-pertama")
    _day(second, _demo, secret="rahasia-lokakarya-kedua")
    pack.write_certificates(first, tmp_path / "a")
    pack.write_certificates(second, tmp_path / "b")
    code_a, code_b = _by_name(first)["Contoh 01"].code, _by_name(second)["Contoh 01"].code
    assert code_a != code_b  # the same fields, another key
    assert pack.verify(code_a, first).valid and not pack.verify(code_a, second).valid
    fields = _by_name(first)["Contoh 01"].fields
    assert pack.certificate_code(fields, "rahasia-lokakarya-kedua") == code_b


def test_the_code_depends_on_every_printed_field():
    fields = {"name": "Siti", "hours": 8, "exercises": {"01": 1}, "result": None}
    code = pack.certificate_code(fields, "k")
    for changed in (
        {"name": "Siti "},
        {"hours": 9},
        {"exercises": {"01": 2}},
        {"result": {"pre": 0.5}},
    ):
        assert pack.certificate_code({**fields, **changed}, "k") != code
    assert pack.certificate_code(dict(reversed(list(fields.items()))), "k") == code
    assert len(code.replace("-", "")) == 16 and not set(code) & set("ILOU")


def test_a_name_with_a_formula_or_control_characters_prints_clean(tmp_path):
    path = tmp_path / "hari.sqlite"
    store = ProgressStore(path)
    store.submit('=HYPERLINK("http://x")\x01 Budi\u202e', "01_perbaiki_indikator", "1", {}, score=1)
    save_workshop_info(path, WorkshopInfo(**INFO))
    (file,) = pack.write_certificates(path, tmp_path / "out")
    text = pdf_text(file)
    assert '=HYPERLINK("http://x") Budi' in text
    assert "\x01" not in text and "\u202e" not in text
    (certificate,) = pack.certificates(path)
    assert pack.verify(certificate.code, path).valid


def test_nothing_identifying_leaves_the_store_but_what_the_certificate_prints(day, tmp_path):
    set_trainee_details(day, "Contoh 01", confirmed_name="Budi Santoso", consent=False)
    store = ProgressStore(day)
    store.submit("Contoh 01", "06_tulis_umpan_balik", "k1", {"text": "Pak Joko sering terlambat"})
    secret = load_workshop_info(day).secret
    out = tmp_path / "out"
    files = pack.write_certificates(day, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(f.name for f in files)
    assert all(f.name.startswith("sertifikat-") and "Contoh" not in f.name for f in files)
    everything = "".join(pdf_text(f) for f in files)
    raw = b"".join(f.read_bytes() for f in files)
    assert secret not in everything and secret.encode() not in raw
    assert "Pak Joko" not in everything  # an answer's text
    assert "Contoh 01" not in everything  # the sign-in name behind a confirmed name


def test_the_stores_own_tables_are_unchanged(day, tmp_path):
    def columns(table):
        with closing(sqlite3.connect(day)) as connection:
            return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]

    before = {table: columns(table) for table in ("submissions", "trainees", "merges")}
    set_trainee_details(day, "Contoh 01", confirmed_name="Contoh Satu")
    pack.write_certificates(day, tmp_path / "out")
    assert {table: columns(table) for table in before} == before
    assert ProgressStore(day).answers()["trainee"].nunique() == 3


def test_without_workshop_info_the_command_says_what_to_do(tmp_path, capsys):
    path = tmp_path / "hari.sqlite"
    ProgressStore(path).submit("Siti", "01_perbaiki_indikator", "1", {})
    assert main(["certificates", "--store", str(path), "--out", str(tmp_path / "o")]) == 2
    assert "--info" in capsys.readouterr().err


def test_the_command_sets_the_info_and_a_trainees_details_then_writes(tmp_path, capsys):
    path = tmp_path / "hari.sqlite"
    ProgressStore(path).submit("budi", "01_perbaiki_indikator", "1", {})
    info = tmp_path / "lokakarya.yaml"
    info.write_text(
        "title: Pelatihan Penilai\norganiser: BKPSDM Sukamaju\nplace: Aula\n"
        "start: 2026-12-03\nend: 2026-12-03\nhours: 8\n"
    )
    argv = ["certificates", "--store", str(path), "--info", str(info), "--trainee", "Budi"]
    argv += ["--confirm-name", "Budi Santoso, S.T.", "--nip", "199001012015031002"]
    assert main(argv + ["--out", str(tmp_path / "out")]) == 0
    (file,) = (tmp_path / "out").iterdir()
    assert "Budi Santoso, S.T." in pdf_text(file) and "NIP 199001012015031002" in pdf_text(file)
    assert "1 sertifikat ditulis" in capsys.readouterr().out


# --------------------------------------------------------------------------- workshop info
def test_the_secret_is_kept_when_the_info_is_saved_again(day):
    secret = load_workshop_info(day).secret
    save_workshop_info(day, WorkshopInfo(**{**INFO, "place": "Gedung Serbaguna"}))
    again = load_workshop_info(day)
    assert again.secret == secret and again.place == "Gedung Serbaguna"
    assert secret not in repr(again)


@pytest.mark.parametrize(
    "text, message",
    [
        ("title: A\norganiser: B\nplace: C\nstart: 2026-12-03\nend: 2026-12-03\njp: 8\n", "jp"),
        ("title: A\norganiser: B\nplace: C\nstart: 2026-12-03\n", "end"),
        ("title: A\norganiser: B\nplace: C\nstart: 3/12/2026\nend: 2026-12-03\n", "3/12/2026"),
        ("title: A\norganiser: B\nplace: C\nstart: 2026-12-04\nend: 2026-12-03\n", "lebih awal"),
        ("- a\n- b\n", "pasangan"),
        (
            "title: A\norganiser: B\nplace: C\nstart: 2026-12-03\nend: 2026-12-03\nhours: 8.5\n",
            "bilangan bulat",
        ),
        ("title: '  '\norganiser: B\nplace: C\nstart: 2026-12-03\nend: 2026-12-03\n", "kosong"),
    ],
)
def test_a_bad_info_file_is_refused_with_a_message_naming_the_problem(tmp_path, text, message):
    file = tmp_path / "info.yaml"
    file.write_text(text)
    with pytest.raises(ValueError, match=message):
        read_info_file(file)


@pytest.mark.parametrize("nip", ["12345", "19900101201503200A", "1990010120150320011"])
def test_a_nip_must_have_18_digits(day, nip):
    with pytest.raises(ValueError, match="18 angka"):
        set_trainee_details(day, "Contoh 01", confirmed_name="Contoh", nip=nip)


def test_details_follow_the_facilitators_merge(day):
    set_trainee_details(day, "Contoh 02", confirmed_name="Contoh Dua Lengkap")
    ProgressStore(day).merge_trainees("Contoh 02", "Contoh 03")
    names = {c.fields["name"] for c in pack.certificates(day)}
    assert names == {"Contoh 01", "Contoh Dua Lengkap"}


def test_every_message_the_pack_uses_is_in_the_catalogue_in_both_languages():
    from pathlib import Path

    from kinerja_sim._core.i18n import catalogue

    root = Path(__file__).resolve().parents[1] / "kinerja_sim"
    files = [*(root / "pack").glob("*.py"), root / "training" / "workshop_info.py"]
    files += [root / "ui" / "pack_buttons.py", root / "ui" / "trainee_details.py"]
    used = {key for f in files for key in re.findall(r"\"(pack\.[\w.]+)\"", f.read_text())}
    assert len(used) > 50
    assert sorted(key for key in used if key not in catalogue()) == []
    assert all(catalogue()[key]["id"] and catalogue()[key]["en"] for key in used)


def test_an_english_certificate_comes_from_the_same_catalogue(day, tmp_path):
    certificate = _by_name(day)["Contoh 01"]
    text = flat(pdf_text(pack.render_certificate(certificate, lang="en").save(tmp_path / "e.pdf")))
    assert "CERTIFICATE" in text and "16 training hours (JP)" in text
    assert "December 3, 2026 to December 4, 2026" in text


def test_details_for_a_name_the_store_does_not_know_are_refused(day):
    with pytest.raises(ValueError, match="tidak ada di berkas jawaban"):
        set_trainee_details(day, "Contoh 99", confirmed_name="Siapa")
    # signed in but no answer yet: known, may confirm before the first exercise
    assert (
        set_trainee_details(day, "tanpa latihan", confirmed_name="Tanpa Latihan, S.Pd.").consent
        is False
    )


def test_every_exercise_of_the_kit_has_a_name_on_the_certificate():
    from kinerja_sim.cases.answers import CASE_EXERCISES
    from kinerja_sim.training.exercises import EXERCISES

    for exercise in (*EXERCISES, *CASE_EXERCISES):
        assert pack.exercise_label(exercise) != exercise
    assert pack.exercise_label("06_tulis_umpan_balik") == "Latihan 6: menulis umpan balik"


def test_a_long_name_and_every_exercise_still_fit_on_one_page_above_the_code(tmp_path):
    from kinerja_sim.cases.answers import CASE_EXERCISES
    from kinerja_sim.training.exercises import EXERCISES

    fields = {
        "version": 2,
        "name": "Prof. Dr. Ir. " + "Raden Ajeng Kartini Sosroningrat " * 5 + "S.E., M.Si.",
        "name_confirmed": True,
        "nip": "199001012015032001",
        **{k: INFO[k] for k in ("title", "organiser", "place", "start", "end", "hours")},
        "exercises": dict.fromkeys((*EXERCISES, *CASE_EXERCISES), 6),
        "result": {"measure": "mae", "pre": 0.84, "post": 0.42, "change": 0.42},
    }
    certificate = pack.Certificate("x", fields, pack.certificate_code(fields, "k"))
    (page,) = pdf_pages(pack.render_certificate(certificate).save(tmp_path / "panjang.pdf"))
    lines = page.splitlines()
    code_line = lines.index(f"Kode verifikasi: {certificate.code}")
    assert "berkurang 0,42 poin" in flat("\n".join(lines[:code_line]))
    assert "Sosroningrat S.E., M.Si." in flat(page)
