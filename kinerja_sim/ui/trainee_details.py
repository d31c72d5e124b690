"""The trainee's own certificate details: the "Data sertifikat" section of the app's home page.

After sign-in a trainee may confirm the name to print on their certificate (with titles, as
they want them), give their NIP (optional, 18 digits) and tick whether their pre-test and
post-test result may be printed on it (:mod:`kinerja_sim.pack.certificates`). What they save
goes to :func:`kinerja_sim.training.workshop_info.set_trainee_details` under the identity of
the shared login (on the workshop server: the name the server's sign-in verified with the
trainee's personal code), and comes back prefilled on their return.

Nothing here is required: the section is closed until the trainee opens it, the exercises
never wait for it, and it reads the store only when opened (a room of forty signing in at once
does no extra reads). It never shows another trainee's data: the fields are filled from the
signed-in trainee's identity only, emptied when the identity changes, and saved for whoever
is signed in at the moment of saving, never for a name typed here.

Limits (as the safe room sets them for every text field, with the number shown): the name
:data:`~kinerja_sim.training.workshop_info.MAX_TEXT_LENGTH` characters, the NIP
:data:`MAX_NIP_CHARS` characters (18 digits with spaces or dots between groups). Every problem
is one Indonesian line that says what to fix, never a traceback.

Stable CSS classes: ``kinerja-details`` (the section), ``kinerja-details-name``,
``kinerja-details-nip``, ``kinerja-details-consent``, ``kinerja-details-save``,
``kinerja-details-message``.

Examples
--------
>>> import tempfile, os
>>> from kinerja_sim.training.progress import ProgressStore
>>> from kinerja_sim.ui.login import TraineeLogin
>>> login = TraineeLogin(ProgressStore(os.path.join(tempfile.mkdtemp(), "p.sqlite")))
>>> form = TraineeDetailsForm(login)
>>> login.start("Siti Rahma")
True
>>> form.open()
>>> form.name.value
'Siti Rahma'
>>> form.nip.value = "1990 0101 2015 0320"
>>> form.save()
False
>>> "18 angka" in form.message.value
True
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from kinerja_sim._core.i18n import t
from kinerja_sim.training.progress import trainee_key
from kinerja_sim.training.workshop_info import (
    MAX_TEXT_LENGTH,
    set_trainee_details,
    trainee_details,
)
from kinerja_sim.ui.login import TraineeLogin

__all__ = ["MAX_NIP_CHARS", "TraineeDetailsForm"]

#: 18 digits with a space or a dot between the groups (``19900101 201503 2 001``) and room to spare.
MAX_NIP_CHARS = 30


def _note(text: str, kind: str = "info") -> str:
    colour = {"info": "#475569", "ok": "#166534", "warn": "#b45309"}[kind]
    mark = "⚠ " if kind == "warn" else ""
    return f'<span style="color:{colour}">{mark}{html.escape(text)}</span>'


class TraineeDetailsForm:
    """The "Data sertifikat" section for the trainee signed in with ``login``.

    Parameters
    ----------
    login : TraineeLogin
        The app's one login; its ``name`` is whose details are shown and saved, and its
        ``store`` where they are kept.
    lang : str, optional
        Language of the labels (default: the catalogue's current language).

    Attributes
    ----------
    widget : ipywidgets.Accordion
        What is displayed (closed at first; hidden until someone is signed in).
    name, nip, consent, message
        The fields and the message line (for tests and the app).
    """

    def __init__(self, login: TraineeLogin, *, lang=None):
        self.login = login
        self.lang = lang
        self.shown_for: str | None = None  # the identity whose details fill the fields
        style = {"description_width": "initial"}
        self.name = widgets.Text(
            description=t("pack.ui.name", lang), style=style, layout=widgets.Layout(width="34em")
        )
        self.nip = widgets.Text(
            description=t("pack.ui.nip", lang),
            placeholder=t("pack.details.nip_placeholder", lang),
            style=style,
            layout=widgets.Layout(width="24em"),
        )
        self.consent = widgets.Checkbox(
            description=t("pack.ui.consent", lang), indent=False, layout={"width": "auto"}
        )
        self.button = widgets.Button(
            description=t("pack.ui.save", lang), icon="check", layout={"width": "auto"}
        )
        self.message = widgets.HTML()
        for box, name in (
            (self.name, "name"),
            (self.nip, "nip"),
            (self.consent, "consent"),
            (self.button, "save"),
            (self.message, "message"),
        ):
            box.add_class(f"kinerja-details-{name}")
        self.button.on_click(lambda _b: self.save())
        limits = t("pack.details.limits", lang, name=MAX_TEXT_LENGTH, nip=MAX_NIP_CHARS)
        body = widgets.VBox(
            [
                widgets.HTML(_note(t("pack.details.help", lang))),
                self.name,
                self.nip,
                widgets.HTML(f"<small>{_note(limits)}</small>"),
                self.consent,
                self.button,
                self.message,
            ]
        )
        self.widget = widgets.Accordion(children=[body])
        self.widget.set_title(0, t("pack.details.title", lang))
        self.widget.selected_index = None
        self.widget.add_class("kinerja-details")
        self.widget.observe(lambda change: self._opened(change["new"]), names="selected_index")
        self.refresh()

    # -- whose details
    def _identity(self) -> str | None:
        """The key of the trainee signed in now (merges followed), or None."""
        if self.login.name is None:
            return None
        return trainee_key(self.login.store.canonical_name(self.login.name))

    def _clear(self) -> None:
        self.name.value, self.nip.value, self.consent.value = "", "", False
        self.message.value = ""
        self.shown_for = None

    def refresh(self) -> None:
        """Follow the login: hidden and empty without a trainee; emptied when the trainee
        changes; filled again from the store if the section is open."""
        if self.login.name is None:
            self._clear()
            self.widget.layout.display = "none"
            return
        self.widget.layout.display = None
        try:
            current = self._identity()
        except Exception:  # the store's fault is told where it matters (the exercises)
            self._clear()
            return
        if current != self.shown_for:
            self._clear()
            if self.widget.selected_index is not None:
                self.fill()

    def open(self) -> None:
        """Open the section (as a click on its title does) and show the saved details."""
        self.widget.selected_index = 0
        if self.shown_for is None:
            self.fill()

    def _opened(self, index) -> None:
        if index is not None and self.shown_for is None:  # never over what is being typed
            self.fill()

    def fill(self) -> None:
        """Prefill the fields with the signed-in trainee's saved details (else their name)."""
        try:
            key = self._identity()
            if key is None:
                self._clear()
                return
            saved = trainee_details(self.login.store.path).get(key)
        except OSError as error:  # StoreError: what is wrong, in Indonesian
            self.message.value = _note(str(error), "warn")
            return
        except Exception as error:  # never a traceback in front of a trainee
            self.message.value = _note(t("ui.unexpected_error", self.lang, problem=error), "warn")
            return
        self.name.value = saved.confirmed_name if saved else self.login.name
        self.nip.value = saved.nip if saved else ""
        self.consent.value = bool(saved and saved.consent)
        self.message.value = _note(t("pack.details.saved_before", self.lang)) if saved else ""
        self.shown_for = key

    # -- saving
    def _problem(self) -> str | None:
        """What to fix before saving, in one line (None when the fields can be saved)."""
        name, nip = self.name.value, self.nip.value
        if not isinstance(name, str) or not isinstance(nip, str):
            return t("pack.details.not_text", self.lang)
        if not name.strip():
            return t("pack.details.name_empty", self.lang)
        if len(name.strip()) > MAX_TEXT_LENGTH:
            return t(
                "pack.details.name_too_long", self.lang, n=len(name.strip()), limit=MAX_TEXT_LENGTH
            )
        if len(nip.strip()) > MAX_NIP_CHARS:
            return t(
                "pack.details.nip_too_long", self.lang, n=len(nip.strip()), limit=MAX_NIP_CHARS
            )
        return None

    def save(self) -> bool:
        """Save the fields for the trainee signed in now; True when saved (the message says so)."""
        if self.login.name is None:
            self.message.value = _note(t("pack.details.sign_in_first", self.lang), "warn")
            return False
        problem = self._problem()
        if problem is not None:
            self.message.value = _note(problem, "warn")
            return False
        try:
            details = set_trainee_details(
                self.login.store.path,
                self.login.name,
                confirmed_name=self.name.value,
                nip=self.nip.value.strip() or None,
                consent=bool(self.consent.value),
            )
        except OSError as error:  # StoreError (disk full, read-only, damaged): in Indonesian
            self.message.value = _note(str(error), "warn")
            return False
        except (ValueError, TypeError) as error:  # a NIP that is not 18 digits, say
            self.message.value = _note(str(error.args[0]) if error.args else str(error), "warn")
            return False
        except Exception as error:  # never a traceback in front of a trainee
            self.message.value = _note(t("ui.unexpected_error", self.lang, problem=error), "warn")
            return False
        self.name.value, self.nip.value = details.confirmed_name, details.nip
        self.shown_for = self._identity()
        key = "pack.details.saved_consent" if details.consent else "pack.details.saved_no_consent"
        self.message.value = _note(t(key, self.lang, name=details.confirmed_name), "ok")
        return True

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)
