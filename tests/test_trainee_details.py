"""The trainee's own certificate details in the app (#23): name, optional NIP, consent."""

from __future__ import annotations

import pytest

from kinerja_sim.training.progress import ProgressStore, StoreError, trainee_key
from kinerja_sim.training.workshop_info import MAX_TEXT_LENGTH, trainee_details
from kinerja_sim.ui import trainee_details as module
from kinerja_sim.ui.app import WorkshopApp
from kinerja_sim.ui.login import TraineeLogin
from kinerja_sim.ui.trainee_details import MAX_NIP_CHARS, TraineeDetailsForm

NIP = "199001012015032001"


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "hari.sqlite")


def _signed_in(store, name="Siti Rahma"):
    login = TraineeLogin(store)
    form = TraineeDetailsForm(login)
    assert login.start(name)
    form.open()
    return login, form


def _saved(store, name):
    return trainee_details(store.path).get(trainee_key(name))


def test_the_section_is_hidden_until_sign_in_and_closed_after(store):
    login = TraineeLogin(store)
    form = TraineeDetailsForm(login)
    assert form.widget.layout.display == "none"
    login.start("Siti Rahma")
    form.refresh()
    assert form.widget.layout.display is None and form.widget.selected_index is None


def test_a_trainee_confirms_a_name_gives_a_nip_and_consents(store):
    _login, form = _signed_in(store, "siti rahma")
    assert form.name.value == "siti rahma"  # the sign-in name until confirmed
    form.name.value, form.nip.value, form.consent.value = "Siti Rahmawati, S.E.", NIP, True
    assert form.save()
    saved = _saved(store, "Siti Rahma")
    assert (saved.confirmed_name, saved.nip, saved.consent) == ("Siti Rahmawati, S.E.", NIP, True)
    assert "Tersimpan" in form.message.value and "akan dicetak" in form.message.value
    assert ".." not in form.message.value  # a name ending in "S.E." gets no double full stop


def test_the_details_come_back_prefilled_on_return(store):
    _login, form = _signed_in(store)
    form.name.value, form.nip.value = "Siti Rahmawati", "19900101 201503 2 001"
    form.save()
    _login, again = _signed_in(store, "SITI  rahma")
    assert (again.name.value, again.nip.value, again.consent.value) == (
        "Siti Rahmawati",
        NIP,
        False,
    )
    assert "sebelumnya" in again.message.value


@pytest.mark.parametrize("nip, digits", [("12345", 5), ("19900101201503200A", 17)])
def test_a_bad_nip_says_what_to_fix_and_saves_nothing(store, nip, digits):
    _login, form = _signed_in(store)
    form.nip.value = nip
    assert not form.save()
    message = form.message.value
    assert "18 angka" in message and f"tertulis {digits} angka" in message
    assert "kosongkan" in message and "Traceback" not in message
    assert _saved(store, "Siti Rahma") is None


def test_an_empty_nip_is_no_nip(store):
    _login, form = _signed_in(store)
    form.nip.value = "   "
    assert form.save() and _saved(store, "Siti Rahma").nip == ""


def test_the_limits_are_shown_and_kept(store):
    _login, form = _signed_in(store)
    assert f"paling banyak {MAX_TEXT_LENGTH} huruf" in form.widget.children[0].children[3].value
    form.name.value = "A" * (MAX_TEXT_LENGTH + 1)
    assert not form.save()
    assert f"{MAX_TEXT_LENGTH + 1} huruf, paling banyak {MAX_TEXT_LENGTH}" in form.message.value
    form.name.value, form.nip.value = "Siti", "1" * 1_000_000  # sent past the page, say
    assert not form.save()
    assert f"paling banyak {MAX_NIP_CHARS}" in form.message.value
    form.name.value, form.nip.value = "   ", ""
    assert not form.save() and "Tulis nama Anda" in form.message.value
    assert _saved(store, "Siti Rahma") is None


def test_another_trainees_details_are_never_shown_nor_overwritten(store):
    login, form = _signed_in(store, "Siti Rahma")
    form.name.value, form.nip.value, form.consent.value = "Siti Rahmawati", NIP, True
    form.save()
    login.start("Budi Santoso")  # the next trainee on this computer (name-only app)
    form.refresh()
    assert (form.name.value, form.nip.value, form.consent.value) == ("Budi Santoso", "", False)
    assert "Siti" not in form.message.value
    form.name.value = "Budi Santoso, S.T."
    form.save()
    assert _saved(store, "Siti Rahma").confirmed_name == "Siti Rahmawati"
    assert _saved(store, "Siti Rahma").consent is True
    assert _saved(store, "Budi Santoso").confirmed_name == "Budi Santoso, S.T."


def test_the_details_are_saved_for_who_is_signed_in_when_saving(store):
    login, form = _signed_in(store, "Siti Rahma")
    form.name.value = "Siti Rahmawati"  # typed, not saved
    login.start("Budi Santoso")
    form.refresh()  # the app refreshes when the identity changes
    assert form.name.value == "Budi Santoso"  # Siti's typing is gone, not carried to Budi
    form.save()
    assert _saved(store, "Siti Rahma") is None


def test_the_store_is_read_only_when_the_section_is_opened(store, monkeypatch):
    calls = []
    monkeypatch.setattr(module, "trainee_details", lambda path: calls.append(path) or {})
    login = TraineeLogin(store)
    form = TraineeDetailsForm(login)
    login.start("Siti Rahma")
    form.refresh()
    assert calls == []
    form.widget.selected_index = 0  # the trainee clicks the title
    assert len(calls) == 1 and form.name.value == "Siti Rahma"
    form.name.value = "Siti R."
    form.widget.selected_index = None
    form.widget.selected_index = 0
    assert len(calls) == 1 and form.name.value == "Siti R."  # what is typed stays


def test_a_store_fault_is_one_indonesian_line(store, monkeypatch):
    _login, form = _signed_in(store)

    def full(*_args, **_kwargs):
        raise StoreError("full", store.path)

    monkeypatch.setattr(module, "set_trainee_details", full)
    assert not form.save()
    assert "penuh" in form.message.value and "Traceback" not in form.message.value

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(module, "set_trainee_details", broken)
    assert not form.save() and "tidak terduga" in form.message.value


# --------------------------------------------------------------------------- in the app
def test_the_app_home_page_has_the_section_and_the_exercises_do_not_need_it(store):
    app = WorkshopApp(store)
    assert app.details.widget in app.landing.children
    assert app.details.widget.layout.display == "none"  # nobody signed in yet
    app.login.start("Siti Rahma")
    assert app.details.widget.layout.display is None
    assert len(app.menu.children) > 1  # the exercises are listed at once
    exercise = app.open("01_perbaiki_indikator")  # no details given: opens all the same
    assert exercise.trainee == "Siti Rahma"
    assert _saved(store, "Siti Rahma") is None


def test_on_the_server_the_details_go_to_the_verified_identity(store):
    store.sign_in("Siti Rahma", "2468")
    app = WorkshopApp(store, server=True)
    assert not app.login.start("Budi")  # a typed name is refused on the server
    assert app.details.widget.layout.display == "none"
    assert app.login.start("siti rahma", verified=True)
    app.details.open()
    app.details.name.value, app.details.consent.value = "Siti Rahmawati, S.E.", True
    assert app.details.save()
    assert _saved(store, "Siti Rahma").confirmed_name == "Siti Rahmawati, S.E."


def test_the_section_follows_a_change_of_language(store):
    app = WorkshopApp(store)
    app.login.start("Siti Rahma")
    app.language.value = "en"
    try:
        assert app.details.widget in app.landing.children
        assert app.details.widget.get_title(0) == "Certificate details (optional)"
        app.details.open()
        assert app.details.save() and "Saved" in app.details.message.value
    finally:
        app.language.value = "id"
