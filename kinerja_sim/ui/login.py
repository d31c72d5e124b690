"""The "who are you" widget: the trainee's name or code, typed once, remembered in the store.

On a trainee's own computer (``make app``, the Lab lessons) the trainee types a name; it is
filled in when this computer account has only ever been used by one trainee (never on a
shared server, ``KINERJA_SIM_WORKSHOP`` set). No list of known names is offered: nobody sees
another trainee's name. A name typed with other capitals or spaces than before ("siti rahma"
for "Siti Rahma") is the same trainee: the earlier answers come back.

On the workshop server the name is not typed here: the server's sign-in checked it with the
trainee's personal code (:mod:`kinerja_sim.workshop.login`), and :meth:`TraineeLogin.start`
is called with ``verified=True``; the widget then shows who is signed in and a sign-out link.
"""

from __future__ import annotations

import html
import os

import ipywidgets as widgets

from kinerja_sim._core.i18n import t
from kinerja_sim.training.progress import ProgressStore, current_os_user
from kinerja_sim.training.trainee import MAX_NAME_LENGTH, trainee_name, trainee_seed

__all__ = ["TraineeLogin"]


class TraineeLogin:
    """The "who are you" widget: a name field (with known names offered) and a start button.

    Parameters
    ----------
    store : ProgressStore, optional
        Where trainees are remembered (default: ``ProgressStore()``).
    on_change : callable, optional
        Called with the trainee's name whenever a name is accepted.
    lang : str, optional
        Language of the labels (default: the catalogue's current language).

    Attributes
    ----------
    name : str or None
        The accepted name (None until the trainee starts).
    widget : ipywidgets.VBox
        What is displayed; CSS class ``kinerja-trainee``.
    """

    def __init__(
        self, store: ProgressStore | None = None, *, on_change=None, lang=None, server=False
    ):
        self.store = store if store is not None else ProgressStore()
        self.lang = lang
        self.name: str | None = None
        self.server = bool(server)
        self._callbacks = [on_change] if on_change is not None else []
        # On a shared server every trainee works under one computer account: never start with
        # the name someone else used there; and never list the names the store knows.
        shared = self.server or bool(os.environ.get("KINERJA_SIM_WORKSHOP", "").strip())
        mine = []
        if not shared:
            known = self.store.trainees()
            mine = known[known["os_user"] == current_os_user()]["trainee"].tolist()
        self.field = widgets.Text(
            value=mine[0] if len(mine) == 1 else "",
            placeholder=t("ui.trainee.placeholder", lang),
            description=t("ui.trainee.label", lang),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="28em"),
        )
        self.field.add_class("kinerja-trainee-name")
        self.button = widgets.Button(
            description=t("ui.trainee.start", lang),
            button_style="primary",
            icon="user",
            layout=widgets.Layout(width="auto"),
        )
        self.button.add_class("kinerja-trainee-start")
        self.message = widgets.HTML(t("ui.trainee.prompt", lang))
        self.message.add_class("kinerja-trainee-message")
        self.button.on_click(lambda _button: self.start())
        self.row = widgets.HBox([self.field, self.button])
        self.widget = widgets.VBox([self.row, self.message])
        self.widget.add_class("kinerja-trainee")
        if self.server:  # the server's sign-in gives the name: nothing to type here
            self.row.layout.display = "none"
            self.message.value = html.escape(t("saferoom.app.no_identity", lang))

    @property
    def seed(self) -> int | None:
        """The trainee's seed (None before a name is accepted)."""
        return trainee_seed(self.name) if self.name else None

    def observe(self, callback) -> None:
        """Call ``callback(name)`` whenever a name is accepted."""
        self._callbacks.append(callback)

    def start(self, name: str | None = None, *, verified: bool = False) -> bool:
        """Accept the name in the field (or ``name``); show a message; return True when accepted.

        On the workshop server (``server=True``) only a name the server's sign-in ``verified``
        is accepted; a typed one is refused.
        """
        if self.server and not verified:
            self.message.value = _warning(t("saferoom.app.no_identity", self.lang))
            return False
        if name is not None:
            self.field.value = name
        try:
            accepted = trainee_name(self.field.value)
        except (TypeError, ValueError) as error:
            if str(error) == t("saferoom.name.hidden"):
                self.message.value = _warning(t("saferoom.name.hidden", self.lang))
                return False
            key = (
                "ui.trainee.too_long"
                if len(self.field.value.strip()) > MAX_NAME_LENGTH
                else "ui.trainee.empty"
            )
            self.message.value = _warning(t(key, self.lang, limit=MAX_NAME_LENGTH))
            return False
        try:
            accepted = self.store.remember_trainee(accepted)  # an earlier spelling of the same name
            count = self.store.answered_items(accepted)  # answers, not presses of the button
        except OSError as error:  # StoreError: what is wrong, in Indonesian, without SQLite's words
            self.message.value = _warning(str(error))
            return False
        except Exception as error:  # a locked or unwritable store must not show a traceback
            self.message.value = _warning(t("ui.store_error", self.lang, problem=error))
            return False
        self.name = accepted
        if self.server:
            key = "saferoom.app.signed_in" if count else "saferoom.app.signed_in_new"
            base = os.environ.get("VOILA_BASE_URL", "/") or "/"
            out = html.escape(f"{base.rstrip('/')}/logout", quote=True)
            self.message.value = (
                t(key, self.lang, name=_escape(accepted), count=count)
                + f' <a class="kinerja-sign-out" href="{out}">'
                + f"{_escape(t('saferoom.app.sign_out', self.lang))}</a>"
            )
        else:
            key = "saferoom.app.welcome_back" if count else "saferoom.app.welcome"
            self.message.value = t(key, self.lang, name=_escape(accepted), count=count)
        for callback in self._callbacks:
            callback(accepted)
        return True

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def _escape(text: str) -> str:
    return html.escape(text)


def _warning(text: str) -> str:
    return f'<span class="kinerja-warning" style="color:#b45309">⚠ {_escape(text)}</span>'
