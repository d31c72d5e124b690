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


def _fill(sheet, value="3,5"):
    for dimension, box in sheet.fields.items():
        if dimension not in ("trainee", "new_trainee", "code", "case"):
            box.value = value


def test_a_paper_sheet_typed_in_counts_as_the_trainees_answer_to_the_shared_case(tmp_path):
    from kinerja_sim.pack.certificates import certificates
    from kinerja_sim.pack.paper import paper_cases
    from kinerja_sim.training.dashboard import case_ratings

    path = _store(tmp_path)
    sheet = paper_scores_form(path)
    fields = sheet.fields
    assert [value for _label, value in fields["trainee"].options] == [None, "Siti Rahma"]
    fields["trainee"].value = "Siti Rahma"
    fields["case"].value = paper_cases().cases[1].item_id
    _fill(sheet)
    fields["akuntabel"].value = "7"
    sheet.press()
    assert "di luar skala" in sheet.children[-1].value
    assert len(ProgressStore(path).answers()) == 1  # nothing saved from a bad sheet
    fields["akuntabel"].value = "4"
    sheet.press()
    assert "Tersimpan untuk Siti Rahma" in sheet.children[-1].value
    ratings = case_ratings(ProgressStore(path).answers())
    mine = ratings[ratings["case_id"] == paper_cases().cases[1].item_id]
    assert set(mine["rater_id"]) == {"Siti Rahma"} and len(mine) == 8
    assert mine.set_index("dimension").loc["akuntabel", "score"] == 4.0
    (certificate,) = certificates(path)
    assert certificate.fields["exercises"]["02_nilai_berkas_kasus"] == 1


def test_a_sheet_entered_for_one_trainee_never_appears_under_another(tmp_path):
    import pytest

    from kinerja_sim.pack.paper import add_to_roster, enter_paper_scores, paper_cases
    from kinerja_sim.world.dimensions import DIMENSIONS

    path = _store(tmp_path)  # Siti Rahma has an answer
    ProgressStore(path).remember_trainee("Siti Rahmawati")  # another trainee, signed in
    sheet = paper_scores_form(path)
    names = [value for _label, value in sheet.fields["trainee"].options]
    assert names == [None, "Siti Rahma", "Siti Rahmawati"]  # picked, never typed
    sheet.fields["trainee"].value = "Siti Rahmawati"
    _fill(sheet, "2")
    sheet.press()
    answers = ProgressStore(path).answers()
    assert answers[answers["exercise"] == "02_nilai_berkas_kasus"]["trainee"].tolist() == [
        "Siti Rahmawati"
    ]
    assert ProgressStore(path).answers(trainee="Siti Rahma")["exercise"].tolist() == [
        "01_perbaiki_indikator"
    ]
    # a name typed as "new" that is someone's spelling is refused, not merged into their work
    sheet.fields["new_trainee"].value = "siti  RAHMA"
    assert sheet.add() is None and "sudah ada di daftar" in sheet.children[-1].value
    with pytest.raises(ValueError, match="sudah ada di daftar"):
        add_to_roster(path, "SITI RAHMAWATI")
    # and the function refuses a name that is not on the roster
    case_id = paper_cases().cases[0].item_id
    with pytest.raises(ValueError, match="tidak ada di daftar"):
        enter_paper_scores(path, "Siti R.", case_id, dict.fromkeys(DIMENSIONS, 3))
    assert len(ProgressStore(path).answers()) == 2


def test_a_new_name_gets_a_roster_entry_with_a_personal_code(tmp_path):
    path = _store(tmp_path)
    sheet = paper_scores_form(path)
    sheet.fields["new_trainee"].value = "  Budi   Santoso "
    code = sheet.add()
    assert code is not None and f"Kode pribadi: {code}" in sheet.children[-1].value
    assert sheet.fields["trainee"].value == "Budi Santoso"  # selected for the sheet
    store = ProgressStore(path)
    assert "Budi Santoso" in set(store.trainees()["trainee"])
    assert set(store.codes()["trainee"]) == {"Budi Santoso"}
    assert store.sign_in("budi santoso", code)[0] == "ok"  # signs in to the app later
    _fill(sheet)
    sheet.press()
    assert store.answers(trainee="Budi Santoso")["exercise"].tolist() == ["02_nilai_berkas_kasus"]


def test_the_code_on_the_sheet_is_checked_when_given(tmp_path):
    path = _store(tmp_path)
    store = ProgressStore(path)
    store.remember_trainee("Budi Santoso")
    store.issue_code("Budi Santoso", "2468")
    sheet = paper_scores_form(path)
    sheet.fields["trainee"].value = "Budi Santoso"
    _fill(sheet)
    sheet.fields["code"].value = "1357"
    sheet.press()
    assert "tidak cocok dengan Budi Santoso" in sheet.children[-1].value
    assert store.answers(trainee="Budi Santoso").empty
    sheet.fields["code"].value = "2468"
    sheet.press()
    assert len(store.answers(trainee="Budi Santoso")) == 1
    sheet.fields["trainee"].value = "Siti Rahma"  # answers, no code: nothing to check against
    _fill(sheet)
    sheet.fields["code"].value = "2468"
    sheet.press()
    assert "belum punya kode" in sheet.children[-1].value


def test_without_a_trainee_picked_the_sheet_says_what_to_do(tmp_path):
    sheet = paper_scores_form(_store(tmp_path))
    _fill(sheet)
    sheet.press()
    assert "Pilih peserta dari daftar" in sheet.children[-1].value


def test_a_case_that_is_not_printed_is_refused(tmp_path):
    import pytest

    from kinerja_sim.pack.paper import enter_paper_scores
    from kinerja_sim.world.dimensions import DIMENSIONS

    with pytest.raises(ValueError, match="bukan kasus bersama"):
        enter_paper_scores(
            _store(tmp_path), "Siti Rahma", "pribadi0-P00001", dict.fromkeys(DIMENSIONS, 3)
        )
