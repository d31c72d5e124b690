"""The trainee app of a workshop: one page, one kernel, all six exercises.

``kinerja_sim/workshop/aplikasi.ipynb`` shows :func:`workshop_app`; ``make workshop`` serves it with
Voila to a whole room (:mod:`kinerja_sim.workshop`). The page starts with a landing view in
Bahasa Indonesia: the trainee's name (:class:`kinerja_sim.ui.login.TraineeLogin`, typed
once for every exercise), then the list of exercises with the trainee's progress read from
the progress store. "Buka latihan" opens an exercise: its goal, the exercise widget of
:mod:`kinerja_sim.ui.exercises` (the same widgets as the exercise notebooks, sharing the
one login) and a recap. There are no notebook instructions: the app never asks anyone to
run cells. Below the exercises a closed section "Data sertifikat"
(:class:`kinerja_sim.ui.trainee_details.TraineeDetailsForm`) lets the signed-in trainee confirm
the name for their certificate, give a NIP and consent to their result being printed; it is
never a step before the exercises, and reads the store only when opened.

The exercise widgets, and with them SciPy, Matplotlib and the simulation engine, are
imported only when a trainee opens an exercise; the landing view needs ipywidgets and the
progress store only, so a workshop kernel stays small until it is used.

On the workshop server (``KINERJA_SIM_SIGN_IN=trainee``, set by :mod:`kinerja_sim.workshop`)
there is no name field: the server's sign-in checked the trainee's name and personal code
and passes the name with the page request (:func:`server_trainee`). A kernel started for the
page has it in its environment; a pre-heated kernel (started before any request) asks the
server for its page's request when the browser's widget manager first asks for the widgets
(``request_states``), so the page is signed in before its widgets are shown. A kernel whose
store could not be opened when it was pre-heated (disk full, say) tries again at that moment
and shows the Indonesian reason if it still cannot, never Voila's English error page.

Stable CSS classes for tests and styling: ``kinerja-app``, ``kinerja-app-menu``,
``kinerja-app-row-<exercise>``, ``kinerja-app-open-<exercise>``,
``kinerja-app-progress-<exercise>``, ``kinerja-app-stage``, ``kinerja-app-back``,
``kinerja-app-language``, ``kinerja-details`` (the certificate details section).

Examples
--------
>>> import tempfile, os
>>> from kinerja_sim.training.progress import ProgressStore
>>> app = workshop_app(store=ProgressStore(os.path.join(tempfile.mkdtemp(), "p.sqlite")))
>>> app.login.start("Siti Rahma")
True
>>> app.progress("01_perbaiki_indikator")
(0, 0)
>>> exercise = app.open("01_perbaiki_indikator")
>>> exercise.trainee
'Siti Rahma'
"""

from __future__ import annotations

import html
import json
import logging
import os
import sys
import threading
from importlib import import_module
from urllib.parse import unquote

import ipywidgets as widgets
from IPython.display import display

from kinerja_sim._core import i18n
from kinerja_sim._core.i18n import t
from kinerja_sim.training.exercises._common import EXERCISES
from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.ui.login import TraineeLogin
from kinerja_sim.ui.trainee_details import TraineeDetailsForm

__all__ = ["APP_CSS", "SIGN_IN_ENV", "TRAINEE_ENV", "WorkshopApp", "server_trainee", "workshop_app"]

#: :data:`kinerja_sim.workshop.login.SIGN_IN_ENV` (the layer below cannot import it).
SIGN_IN_ENV = "KINERJA_SIM_SIGN_IN"
#: The header ``X-Kinerja-Trainee`` as Voila passes it to a kernel (``http_header_envs``).
TRAINEE_ENV = "HTTP_X_KINERJA_TRAINEE"
_log = logging.getLogger("kinerja_sim.app")


def _request_info(timeout: float = 10.0) -> dict:
    """A pre-heated kernel's page request, from Voila's ``/voila/query/<kernel id>`` (loopback)."""
    kernel = os.environ.get("VOILA_KERNEL_ID", "")
    port = os.environ.get("VOILA_APP_PORT", "")
    if not kernel or not port:
        return {}
    base = os.environ.get("VOILA_SERVER_URL", "/") or "/"
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1") or "127.0.0.1"
    host = f"[{host}]" if ":" in host else host
    url = f"ws://{host}:{port}{base}voila/query/{kernel}"
    found: dict = {}

    def fetch():
        import asyncio

        import websockets

        async def receive():
            async with websockets.connect(url, open_timeout=timeout) as socket:
                return await asyncio.wait_for(socket.recv(), timeout)

        try:
            found.update(json.loads(asyncio.new_event_loop().run_until_complete(receive())))
        except Exception as error:  # no request (yet): the page says to reload
            _log.warning("no request info for kernel %s: %s", kernel, type(error).__name__)

    thread = threading.Thread(target=fetch, daemon=True)
    thread.start()
    thread.join(timeout + 1)
    return found


def server_trainee(*, wait: bool = True) -> str | None:
    """The trainee the workshop server signed in for this kernel's page, or None.

    A fresh kernel has the name in its environment; a pre-heated one fetches its page's
    request from the server when ``wait`` (at the browser's first ``request_states``).
    """
    value = os.environ.get(TRAINEE_ENV, "")
    if not value and wait and os.environ.get("VOILA_PREHEAT") == "True":
        value = _request_info().get(TRAINEE_ENV, "")
        if value:
            os.environ[TRAINEE_ENV] = value
    return unquote(value) if value else None


def _quiet_widget_errors() -> None:
    """A failing widget message or callback (e.g. an invalid value a browser sent for a widget)
    is dropped, never answered with a traceback over the websocket: ipywidgets reports such
    errors through the shell's ``showtraceback``, which sends the traceback, with the
    server's paths, to the browser. (The exercise widgets show their own Indonesian messages
    for errors they expect.)"""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or getattr(shell, "_kinerja_quiet", False):
        return

    def one_line(*_args, **_kwargs):
        # Nothing is printed: a kernel's standard error (even the process's own) reaches
        # the browser as a stream message. The refused message only counts here.
        shell._kinerja_refused = getattr(shell, "_kinerja_refused", 0) + 1

    shell.showtraceback = one_line
    shell._kinerja_quiet = True


# The pre-test first and the post-test last (kinerja_sim.training.exercises.prepost's ids, written
# out so that the landing view does not import the simulation engine).
PRE_EXERCISE, POST_EXERCISE = "00_tes_awal", "07_tes_akhir"

# Labels wrap instead of being cut off with "…"; buttons grow with their text.
APP_CSS = """<style>
.kinerja-app .widget-label, .kinerja-app .widget-label-basic, .kinerja-app .widget-inline-hbox \
.widget-label {
  overflow: visible; white-space: normal; text-overflow: clip; height: auto; line-height: 1.3; }
.kinerja-app .jupyter-button, .kinerja-app .widget-button {
  width: auto; min-width: 8em; max-width: none; height: auto; min-height: 28px; white-space: normal;
  overflow: visible; text-overflow: clip; padding: 2px 12px; }
.kinerja-app .widget-radio-box label, .kinerja-app .widget-checkbox label, .kinerja-app \
.widget-checkbox {
  white-space: normal; overflow: visible; height: auto; }
.kinerja-app .widget-vbox > .jupyter-button, .kinerja-app .widget-vbox > \
.widget-button { align-self: flex-start; }
.kinerja-app .widget-toggle-buttons .widget-toggle-button { width: auto; }
.kinerja-app-open { flex: 0 0 auto; white-space: nowrap; }
.kinerja-app-row { border: 1px solid #cbd5e1; border-radius: 4px; padding: 6px 10px; \
margin: 4px 0; }
</style>"""


def _message(text: str, kind: str = "info") -> str:
    colour = {"info": "#1e3a8a", "ok": "#166534", "warn": "#b45309", "error": "#b91c1c"}[kind]
    return f'<div class="kinerja-message kinerja-{kind}" style="color:{colour}">{text}</div>'


class WorkshopApp:
    """The trainee app: landing view (name, exercises with progress) and one exercise at a time.

    Parameters
    ----------
    store : ProgressStore, optional
        Where answers are saved (default: ``ProgressStore()``, i.e. ``$KINERJA_SIM_PROGRESS``).

    Attributes
    ----------
    login : TraineeLogin
        The one name field, shared by every exercise.
    exercises : dict
        The exercise widgets opened so far, by exercise id (each built once per kernel).
    widget : ipywidgets.VBox
        What is displayed; CSS class ``kinerja-app``.
    """

    def __init__(self, store: ProgressStore | None = None, *, server: bool | None = None):
        self.server = os.environ.get(SIGN_IN_ENV, "") == "trainee" if server is None else server
        self.problem: str | None = None
        if store is None:
            try:
                store = ProgressStore()
            except OSError as error:  # StoreError: told in Indonesian; tried again at sign-in
                self.problem = str(error)
        self.store = store
        self.login = TraineeLogin(
            self.store if store is not None else _NoStore(), server=self.server
        )
        self.login.field.value = (
            ""  # one computer account serves the whole room: never guess the name
        )
        self.exercises: dict = {}
        self.current: str | None = None
        self.title = widgets.HTML()
        self.welcome = widgets.HTML()
        self.language = widgets.ToggleButtons(
            options=[("Bahasa Indonesia", "id"), ("English", "en")],
            value=i18n.get_language(),
            style={"button_width": "auto"},
        )
        self.language.add_class("kinerja-app-language")
        self.language.observe(self._language_changed, names="value")
        self.notice = widgets.HTML()
        self.menu = widgets.VBox()
        self.menu.add_class("kinerja-app-menu")
        self.stage = widgets.VBox()
        self.stage.add_class("kinerja-app-stage")
        self.details = TraineeDetailsForm(self.login)  # "Data sertifikat": optional, closed
        self.landing = widgets.VBox(
            [self.welcome, self.login.widget, self.notice, self.menu, self.details.widget]
        )
        self.widget = widgets.VBox(
            [
                widgets.HTML(APP_CSS),
                widgets.HBox([self.title]),
                self.language,
                self.landing,
                self.stage,
            ]
        )
        self.widget.add_class("kinerja-app")
        self.login.observe(lambda _name: self._safely(self.show_menu))
        self.show_menu()
        if self.server:
            _quiet_widget_errors()
            if not self.claim(wait=False) and os.environ.get("VOILA_PREHEAT") == "True":
                self._claim_on_first_request()

    # -- the workshop server's sign-in
    def claim(self, *, wait: bool = True) -> bool:
        """Sign in the trainee the server verified for this page; return whether one is known."""
        if self.login.name is not None:
            return True
        name = server_trainee(wait=wait)
        if name is None:
            return False
        if self.store is None:  # pre-heated while the store failed: try again now
            try:
                self.store = ProgressStore()
            except OSError as error:
                self.problem = str(error)
                self.show_menu()
                return False
            self.problem = None
            self.login.store = self.store
        self.login.start(name, verified=True)
        return True

    def _claim_on_first_request(self) -> None:
        from ipywidgets.widgets.widget import Widget

        original = Widget._handle_control_comm_msg
        app = self

        def handle(cls, msg):
            method = msg.get("content", {}).get("data", {}).get("method")
            if method == "request_states" and app.login.name is None:
                try:
                    app.claim()
                except Exception as error:  # the page must still load; it says to reload
                    print(f"kinerja-sim: sign-in failed ({error!r})", file=sys.__stderr__)
            return original(msg)

        Widget._handle_control_comm_msg = classmethod(handle)

    # -- what the trainee sees
    def show_menu(self) -> None:
        """The landing view: the name field and, once a name is known, the exercises with
        progress.
        """
        self.current = None
        self.stage.children = []
        self.landing.layout.display = None
        self.title.value = f"<h2>{html.escape(t('workshop.app.title'))}</h2>"
        self.welcome.value = _message(
            t("saferoom.app.workshop_welcome" if self.server else "workshop.app.welcome")
        )
        self.details.refresh()  # hidden until someone is signed in; follows who is
        if self.problem is not None:
            self.notice.value = _message(html.escape(self.problem), "error")
            self.menu.children = []
            return
        if self.login.name is None:
            key = "saferoom.app.no_identity" if self.server else "workshop.app.name_first"
            self.notice.value = _message(html.escape(t(key)))
            self.menu.children = []
            return
        self.notice.value = f"<h3>{html.escape(t('workshop.app.menu'))}</h3>"
        sections = (PRE_EXERCISE, *EXERCISES, POST_EXERCISE)  # the tests open and close the day
        self.menu.children = [self._row(exercise) for exercise in sections]

    def _row(self, exercise: str) -> widgets.Widget:
        items, submissions = self.progress(exercise)
        status = t("saferoom.app.progress", items=items) if items else t("workshop.app.not_started")
        text = widgets.HTML(
            f"<b>{html.escape(t(f'workshop.app.{exercise}.title'))}</b><br>"
            f"{html.escape(t(f'workshop.app.{exercise}.goal'))}<br>"
            f'<span class="kinerja-app-progress kinerja-app-progress-{exercise}" '
            f'style="color:{"#166534" if submissions else "#475569"}">{html.escape(status)}</span>',
            layout=widgets.Layout(flex="1 1 auto"),
        )
        button = widgets.Button(
            description=t("workshop.app.open"), button_style="primary", icon="arrow-right"
        )
        button.add_class("kinerja-app-open")
        button.add_class(f"kinerja-app-open-{exercise}")
        button.on_click(lambda _b: self._safely(lambda: self.open(exercise)))
        row = widgets.HBox([text, button], layout=widgets.Layout(align_items="center"))
        row.add_class("kinerja-app-row")
        row.add_class(f"kinerja-app-row-{exercise}")
        return row

    def progress(self, exercise: str) -> tuple[int, int]:
        """(questions answered, submissions) of the current trainee in ``exercise``, from the
        store.
        """
        if self.login.name is None:
            return 0, 0
        answers = self.store.answers(trainee=self.login.name, exercise=exercise)
        return int(answers["item"].nunique()), len(answers)

    def open(self, exercise: str):
        """Show one exercise (built on first use, sharing the login); return its widget object."""
        sections = (PRE_EXERCISE, *EXERCISES, POST_EXERCISE)
        if exercise not in sections:
            raise ValueError(f"exercise must be one of {', '.join(sections)}, got {exercise!r}")
        self.current = exercise
        self.landing.layout.display = "none"
        self.stage.children = [widgets.HTML(_message(html.escape(t("workshop.app.loading"))))]
        if exercise not in self.exercises and exercise in (PRE_EXERCISE, POST_EXERCISE):
            test = import_module("kinerja_sim.ui.prepost").PrePostTest
            self.exercises[exercise] = test(exercise, self.store, login=self.login)
        if exercise not in self.exercises:
            apps = import_module(
                "kinerja_sim.ui.exercises"
            ).APPS  # the heavy part, on first use only
            self.exercises[exercise] = apps[exercise](self.store, login=self.login)
        widget = self.exercises[exercise]
        back = widgets.Button(description=t("workshop.app.back"), icon="arrow-left")
        back.add_class("kinerja-app-back")
        back.on_click(lambda _b: self._safely(self.show_menu))
        recap = widgets.Accordion([widgets.HTML(html.escape(t(f"workshop.app.{exercise}.recap")))])
        recap.set_title(0, t("workshop.app.recap"))
        recap.selected_index = None
        self.stage.children = [
            back,
            widgets.HTML(
                f"<h3>{html.escape(t(f'workshop.app.{exercise}.title'))}</h3>"
                f"<p><b>{html.escape(t('workshop.app.goal'))}.</b> "
                f"{html.escape(t(f'workshop.app.{exercise}.goal'))}</p>"
            ),
            widget.body,
            recap,
        ]
        return widget

    # -- plumbing
    def _language_changed(self, change) -> None:
        i18n.set_language(change["new"])
        self.login.field.description = t("ui.trainee.label")
        self.login.button.description = t("ui.trainee.start")
        self.details = TraineeDetailsForm(self.login)  # its labels in the new language
        self.landing.children = [*self.landing.children[:-1], self.details.widget]
        if self.current is None:
            self._safely(self.show_menu)
        else:
            self.exercises[self.current].refresh()
            self._safely(lambda: self.open(self.current))

    def _safely(self, action) -> None:
        try:
            action()
        except Exception as error:  # never a traceback in front of a trainee
            self.notice.value = _message(
                html.escape(t("ui.unexpected_error", problem=error)), "error"
            )
            self.stage.children = [widgets.HTML(self.notice.value)]
            self.landing.layout.display = None

    def _ipython_display_(self):
        display(self.widget)


class _NoStore:
    """Stands in for a store that could not be opened (the app says why and tries again)."""

    def __getattr__(self, name):
        raise OSError("the answer store could not be opened")


def workshop_app(*, store: ProgressStore | None = None) -> WorkshopApp:
    """The trainee app of a workshop (display it in a notebook, or serve it with ``make
    workshop``).
    """
    return WorkshopApp(store)
