"""The "who are you" widget: the trainee's name or code, typed once, remembered in the store.

It offers the names the store already knows (so after a restart the trainee picks their name
again instead of typing it), and fills it in when this computer account has only ever been
used by one trainee (never on a workshop server, ``KINERJA_SIM_WORKSHOP`` set, where all
trainees share one account). A name typed with other capitals or spaces than before ("siti rahma" for
"Siti Rahma") is the same trainee: the earlier answers come back.
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

    def __init__(self, store: ProgressStore | None = None, *, on_change=None, lang=None):
        self.store = store if store is not None else ProgressStore()
        self.lang = lang
        self.name: str | None = None
        self._callbacks = [on_change] if on_change is not None else []
        known = self.store.trainees()
        # On a workshop server every trainee works under one computer account: never offer
        # (and start with) the name someone else used there.
        shared = bool(os.environ.get("KINERJA_SIM_WORKSHOP", "").strip())
        mine = [] if shared else known[known["os_user"] == current_os_user()]["trainee"].tolist()
        self.field = widgets.Combobox(
            value=mine[0] if len(mine) == 1 else "",
            options=known["trainee"].tolist(),
            placeholder=t("ui.trainee.placeholder", lang),
            description=t("ui.trainee.label", lang),
            ensure_option=False,
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
        self.widget = widgets.VBox([widgets.HBox([self.field, self.button]), self.message])
        self.widget.add_class("kinerja-trainee")

    @property
    def seed(self) -> int | None:
        """The trainee's seed (None before a name is accepted)."""
        return trainee_seed(self.name) if self.name else None

    def observe(self, callback) -> None:
        """Call ``callback(name)`` whenever a name is accepted."""
        self._callbacks.append(callback)

    def start(self, name: str | None = None) -> bool:
        """Accept the name in the field (or ``name``); show a message; return True when accepted."""
        if name is not None:
            self.field.value = name
        try:
            accepted = trainee_name(self.field.value)
        except (TypeError, ValueError):
            key = (
                "ui.trainee.too_long"
                if len(self.field.value.strip()) > MAX_NAME_LENGTH
                else "ui.trainee.empty"
            )
            self.message.value = _warning(t(key, self.lang, limit=MAX_NAME_LENGTH))
            return False
        try:
            accepted = self.store.remember_trainee(accepted)  # an earlier spelling of the same name
            count = len(self.store.answers(trainee=accepted))
        except Exception as error:  # a locked or unwritable store must not show a traceback
            self.message.value = _warning(t("ui.store_error", self.lang, problem=error))
            return False
        self.name = accepted
        key = "ui.trainee.welcome_back" if count else "ui.trainee.welcome"
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
