"""Done-when of issue #23: from a store after a simulated day, one command each gives the
certificates (and their check), the training record and the handouts (``make book`` builds
the book; its own tests cover it)."""

from __future__ import annotations

import csv
import re

import numpy as np
import pytest
from test_pack_certificates import take_test
from test_pack_pdf import flat, pdf_pages, pdf_text

from kinerja_sim._core.i18n import t
from kinerja_sim.cli import main
from kinerja_sim.pack.paper import add_to_roster, enter_paper_scores, paper_cases
from kinerja_sim.training.dashboard import views
from kinerja_sim.training.exercises import prepost
from kinerja_sim.training.prepost_tables import effect_text
from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.ui.login import TraineeLogin
from kinerja_sim.ui.trainee_details import TraineeDetailsForm
from kinerja_sim.world.dimensions import DIMENSIONS

NIP = "199001012015032001"
INFO_YAML = """\
title: Pelatihan Pejabat Penilai Kinerja
organiser: BKPSDM Kabupaten Sukamaju
place: Aula BKPSDM Sukamaju
start: 2026-12-03
end: 2026-12-03
hours: 8
"""
#: (name, pre-test distance, post-test distance or None, details: (name, nip, consent) or None)
NAMED = (
    ("Siti Rahma", 0.80, 0.35, ("Siti Rahmawati, S.E.", NIP, True)),
    ("Budi Santoso", 0.60, 0.40, ("Budi Santoso, S.T.", "", False)),
    ("Ani Wijaya", 0.70, None, ("Dra. Ani Wijaya", "", True)),
    ("Dewi Lestari", 0.50, 0.55, None),
)
N_MORE = 10  # more trainees, so that the cohort's effect has its interval


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    """The store of a simulated day, and where the commands write."""
    root = tmp_path_factory.mktemp("hari")
    path = root / "progress.sqlite"
    store = ProgressStore(path)
    rng = np.random.default_rng(2026)
    trainees = [*NAMED, *((f"Peserta {k:02d}", None, None, None) for k in range(N_MORE))]
    for k, (name, pre, post, _details) in enumerate(trainees):
        assert store.sign_in(name, f"{2000 + k}")[0] == "new"  # the server's sign-in
        pre = pre if pre is not None else float(rng.uniform(0.5, 1.0))
        post = post if post is not None or k < len(NAMED) else pre - float(rng.uniform(0, 0.3))
        take_test(store, name, prepost.PRE_EXERCISE, pre)
        store.submit(name, "01_perbaiki_indikator", "1", {"text": "..."}, score=0.8)
        if post is not None:
            take_test(store, name, prepost.POST_EXERCISE, post)
    # a sheet on paper for Ani, and a trainee who worked only on paper
    case_id = paper_cases().cases[0].item_id
    enter_paper_scores(path, "Ani Wijaya", case_id, dict.fromkeys(DIMENSIONS, "3,5"))
    paper_only, _code = add_to_roster(path, "Joko Susilo")
    enter_paper_scores(path, paper_only, case_id, dict.fromkeys(DIMENSIONS, "4"))
    # details: Siti and Ani in the app's own form, Budi from the attendance list (CLI)
    for name, _pre, _post, details in NAMED[::2]:
        if details is None:
            continue
        login = TraineeLogin(store)
        form = TraineeDetailsForm(login)
        login.start(name)
        form.open()
        form.name.value, form.nip.value, form.consent.value = details
        assert form.save(), form.message.value
    info = root / "lokakarya.yaml"
    info.write_text(INFO_YAML, encoding="utf-8")
    argv = ["certificates", "--store", str(path), "--info", str(info)]
    argv += ["--trainee", "budi santoso", "--confirm-name", "Budi Santoso, S.T."]
    assert main(argv) == 0
    return path, root


def _certificates(day):
    path, root = day
    out = root / "sertifikat"
    if not out.exists():
        assert main(["certificates", "--store", str(path), "--out", str(out)]) == 0
    texts = {}
    for file in sorted(out.glob("*.pdf")):
        text = flat(pdf_text(file))
        name = re.search(r"diberikan kepada (.+?) (?:NIP \d{18} )?yang telah", text).group(1)
        texts[name] = (file, text)
    return texts


def test_one_command_writes_a_certificate_for_every_trainee_of_the_day(day, capsys):
    texts = _certificates(day)  # the first call runs the command
    n = len(NAMED) + N_MORE + 1  # and Joko, who worked on paper
    assert f"{n} sertifikat ditulis" in capsys.readouterr().out and len(texts) == n
    assert {"Siti Rahmawati, S.E.", "Budi Santoso, S.T.", "Dra. Ani Wijaya", "Joko Susilo"} <= set(
        texts
    )
    for file, text in texts.values():
        assert len(pdf_pages(file)) == 1 and "Pelatihan Pejabat Penilai Kinerja" in text
        assert "sebanyak 8 jam pelajaran (JP)" in text and "Kode verifikasi: " in text


def test_the_result_line_follows_consent_and_the_post_test(day):
    texts = _certificates(day)
    siti = texts["Siti Rahmawati, S.E."][1]
    assert f"NIP {NIP}" in siti
    assert "0,80 poin sebelum dan 0,35 poin sesudah pelatihan (berkurang 0,45 poin;" in siti
    assert "Tes awal" in siti and "Tes akhir" in siti  # among the exercises completed
    assert "Hasil tes" not in texts["Budi Santoso, S.T."][1]  # no consent
    assert "Hasil tes" not in texts["Dra. Ani Wijaya"][1]  # consent, but no post-test
    assert "Latihan 2: menilai berkas kasus (1 butir)" in texts["Dra. Ani Wijaya"][1]  # paper
    assert "Hasil tes" not in texts["Dewi Lestari"][1]  # gave no details, so no consent


def test_every_printed_code_verifies_with_one_command(day, capsys):
    path, _root = day
    for name, (_file, text) in _certificates(day).items():
        code = re.search(r"Kode verifikasi: ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})", text).group(1)
        capsys.readouterr()
        assert main(["certificates", "--store", str(path), "--verify", code]) == 0
        out = capsys.readouterr().out
        assert f"Kode {code} SAH" in out and f"Nama: {name}" in out
    assert main(["certificates", "--store", str(path), "--verify", "0000-0000-0000-0000"]) == 1
    assert "TIDAK SAH" in capsys.readouterr().out


def test_one_command_writes_the_training_record(day):
    path, root = day
    out = root / "catatan.csv"
    assert main(["record", "--store", str(path), "--out", str(out)]) == 0
    with out.open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == len(_certificates(day))
    siti = next(row for row in rows if row["Nama"] == "Siti Rahmawati, S.E.")
    assert siti["NIP"] == NIP and siti["Jumlah JP"] == "8" and siti["Tanggal mulai"] == "2026-12-03"
    assert siti["Penyelenggara"] == "BKPSDM Kabupaten Sukamaju"
    assert siti["Kode sertifikat"] in _certificates(day)["Siti Rahmawati, S.E."][1]
    assert {row["Nama dikonfirmasi peserta"] for row in rows} == {"ya", "tidak"}
    assert "0,35" not in out.read_text(encoding="utf-8-sig")  # no result in the record


def test_one_command_writes_the_handouts(day, capsys):
    _path, root = day
    out = root / "bahan"
    assert main(["handouts", "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names[:3] == ["01_jadwal.pdf", "02_matriks_dan_kurva.pdf", "03_panduan_berakhlak.pdf"]
    assert sorted(names[3:]) == sorted(f"kasus_{c.item_id}.pdf" for c in paper_cases().cases)
    assert f"{len(names)} bahan cetak ditulis" in capsys.readouterr().out


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # one shared case: its ICC is undefined
def test_the_dashboard_shows_the_cohorts_effect_with_its_interval(day):
    path, _root = day
    answers = ProgressStore(path).answers()
    table = views(answers)["tes_awal_akhir"]
    cohort = table[table["section"] == t("prepost.section.kelompok")]
    assert len(cohort) == 3 and cohort[["ci_low", "ci_high"]].notna().all().all()
    assert (cohort["n"] == len(NAMED) - 1 + N_MORE).all()  # Ani has no post-test
    assert "d" in effect_text(answers) and "Woehr" in effect_text(answers)
