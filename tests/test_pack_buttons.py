"""The pack's widgets: the dashboard's certificates button and the trainee's details form."""

from __future__ import annotations

from kinerja_sim.training.progress import ProgressStore, trainee_key
from kinerja_sim.training.workshop_info import WorkshopInfo, save_workshop_info, trainee_details
from kinerja_sim.ui.pack_buttons import certificates_button, trainee_details_form


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


def test_the_trainee_confirms_a_name_gives_a_nip_and_consents(tmp_path):
    path = _store(tmp_path)
    form = trainee_details_form(path, "siti rahma")
    name, nip, consent = form.children[:3]
    assert name.value == "siti rahma"
    name.value, nip.value, consent.value = "Siti Rahmawati, S.E.", "12", True
    form.press(None)
    assert "18 angka" in form.children[-1].value
    assert trainee_key("Siti Rahma") not in trainee_details(path)
    nip.value = "199001012015032001"
    form.press(None)
    saved = trainee_details(path)[trainee_key("Siti Rahma")]
    assert (saved.confirmed_name, saved.nip, saved.consent) == (
        "Siti Rahmawati, S.E.",
        "199001012015032001",
        True,
    )
    assert trainee_details_form(path, "Siti Rahma").children[0].value == "Siti Rahmawati, S.E."
