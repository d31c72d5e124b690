"""The pack's widgets on the dashboard: the certificates button and the paper sheets."""

from __future__ import annotations

from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.training.workshop_info import WorkshopInfo, save_workshop_info
from kinerja_sim.ui.pack_buttons import certificates_button, paper_scores_form


def _store(tmp_path, *, info=True):
    path = tmp_path / "hari.sqlite"
    ProgressStore(path).submit("Siti Rahma", "01_perbaiki_indikator", "1", {}, score=1.0)
    if info:
        save_workshop_info(
            path, WorkshopInfo("Pelatihan", "BKPSDM", "Aula", "2026-12-03", "2026-12-03", hours=8)
        )
    return path


def test_the_button_writes_the_certificates_and_the_record(tmp_path):
    box = certificates_button(_store(tmp_path), tmp_path / "out")
    box.press(None)
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names[0] == "catatan_pelatihan.xlsx" and names[1].startswith("sertifikat-")
    assert "1 sertifikat ditulis" in box.children[1].value


def test_without_workshop_info_the_button_says_what_to_do(tmp_path):
    box = certificates_button(_store(tmp_path, info=False), tmp_path / "out")
    box.press(None)
    assert "--info" in box.children[1].value and "Traceback" not in box.children[1].value


def test_a_paper_sheet_typed_in_counts_as_the_trainees_answer_to_the_shared_case(tmp_path):
    from kinerja_sim.pack.certificates import certificates
    from kinerja_sim.pack.paper import paper_cases
    from kinerja_sim.training.dashboard import case_ratings

    path = _store(tmp_path)
    sheet = paper_scores_form(path)
    fields = sheet.fields
    fields["trainee"].value = "siti  rahma"
    fields["case"].value = paper_cases().cases[1].item_id
    for dimension, box in fields.items():
        if dimension not in ("trainee", "case"):
            box.value = "3,5"
    fields["akuntabel"].value = "7"
    sheet.press(None)
    assert "di luar skala" in sheet.children[-1].value
    assert len(ProgressStore(path).answers()) == 1  # nothing saved from a bad sheet
    fields["akuntabel"].value = "4"
    sheet.press(None)
    assert "Tersimpan untuk siti  rahma" in sheet.children[-1].value
    ratings = case_ratings(ProgressStore(path).answers())
    mine = ratings[ratings["case_id"] == paper_cases().cases[1].item_id]
    assert set(mine["rater_id"]) == {"Siti Rahma"} and len(mine) == 8
    assert mine.set_index("dimension").loc["akuntabel", "score"] == 4.0
    (certificate,) = certificates(path)
    assert certificate.fields["exercises"]["02_nilai_berkas_kasus"] == 1


def test_a_case_that_is_not_printed_is_refused(tmp_path):
    import pytest

    from kinerja_sim.pack.paper import enter_paper_scores
    from kinerja_sim.world.dimensions import DIMENSIONS

    with pytest.raises(ValueError, match="bukan kasus bersama"):
        enter_paper_scores(
            _store(tmp_path), "Siti", "pribadi0-P00001", dict.fromkeys(DIMENSIONS, 3)
        )
