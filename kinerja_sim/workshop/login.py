"""Sign-in to the workshop server: the room password, and on the trainee app a name with a personal
code.

Voila (on jupyter_server) asks every request for an identity. :class:`WorkshopIdentityProvider`

- reads the password from ``KINERJA_SIM_SERVER_PASSWORD`` (set by
  :mod:`kinerja_sim.workshop.server` in this server's environment only, so it never shows on
  a command line) and removes it before any kernel starts;
- accepts it **only through the sign-in form** (no ``?token=`` and no ``Authorization``
  header), compared in constant time (:func:`hmac.compare_digest`);
- on the trainee app (``KINERJA_SIM_SIGN_IN=trainee``) also asks for the trainee's name and
  personal code (:meth:`kinerja_sim.training.progress.ProgressStore.sign_in`): the check runs
  **here, in the server**, never in a kernel, because pre-heated kernels start before any
  request. The signed login cookie (tornado's secure cookie with the server's secret) then
  holds the name and a fingerprint of the code, so a reload needs no retyping and a code the
  facilitator resets ends the old sign-ins. For each page request the server writes the
  trainee's name into the request header ``X-Kinerja-Trainee`` (after removing any such
  header the browser sent); Voila passes it to the kernel (``http_header_envs``: the
  environment of a fresh kernel, or the request info a pre-heated kernel fetches), and the
  app signs in under that name (:func:`kinerja_sim.ui.app.server_trainee`);
- throttles failed attempts (:class:`Throttle`) per name, per address and overall, with the
  wait shown in Bahasa Indonesia; a right answer is never delayed while no limit is reached;
- limits kernels: at most ``WORKSHOP_KERNELS_PER_TRAINEE`` per signed-in trainee (a new page
  shuts down that trainee's oldest kernel) and ``WORKSHOP_MAX_KERNELS`` in all (then a page
  in Bahasa Indonesia says the room is full); kernels no browser ever connected to are shut
  down after ``WORKSHOP_CULL_UNCLAIMED`` seconds, and one trainee may ask for at most
  ``WORKSHOP_KERNELS_PER_TRAINEE + PAGE_SLACK`` pages in that time (each page starts a kernel,
  which is theirs only once the page connects).

:class:`WorkshopLoginHandler` is the sign-in page, :class:`WorkshopLogoutHandler` the sign-out.
"""

from __future__ import annotations

import hmac
import html
import os
import re
import time
from collections import defaultdict
from urllib.parse import quote

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import IdentityProvider, User
from jupyter_server.auth.logout import LogoutHandler
from tornado import web
from tornado.escape import url_escape
from voila.voila_identity_provider import VoilaLoginHandler

from kinerja_sim._core.i18n import t
from kinerja_sim.workshop.config import CULL_UNCLAIMED, KERNELS_PER_TRAINEE, MAX_KERNELS

__all__ = [
    "MAX_FIELD",
    "PASSWORD_ENV",
    "PASSWORD_FILE_ENV",
    "SIGN_IN_ENV",
    "TRAINEE_HEADER",
    "Throttle",
    "WorkshopIdentityProvider",
    "WorkshopLoginHandler",
    "WorkshopLogoutHandler",
    "login_page",
]

PASSWORD_ENV = "KINERJA_SIM_SERVER_PASSWORD"
#: A file holding the password (read once, then deleted): what the server passes, because
#: Voila starts its pre-heated kernels with a copy of its environment before it reads this.
PASSWORD_FILE_ENV = "KINERJA_SIM_SERVER_PASSWORD_FILE"
#: ``trainee`` on the trainee app (name and code asked), unset on the dashboard.
SIGN_IN_ENV = "KINERJA_SIM_SIGN_IN"
TRAINEE_HEADER = "X-Kinerja-Trainee"
#: The longest text any sign-in field takes (a password, a name of 60 letters, a code).
MAX_FIELD = 100
#: App pages one signed-in trainee may ask for beyond their kernel cap within the unclaimed-kernel
#: cull time (:meth:`WorkshopIdentityProvider._page_rate`). ASSUMPTION: 3 covers reloads after a
#: lost connection and a second tab; the load benchmark's trainees ask for 1-2 pages each.
PAGE_SLACK = 3
_KERNEL_PATH = re.compile(r"/api/kernels/([0-9a-f-]{36})/channels")


class Throttle:
    """Failed sign-ins counted per name, per address and overall, each in a sliding window.

    After ``free`` failures within ``window`` seconds, each further failure makes the next
    attempt wait ``2 ** (failures - free)`` seconds (at most ``longest``). While a wait runs,
    an attempt is refused without being checked (so guessing cannot go on), with the
    seconds left. Successful sign-ins are never counted and never wait otherwise.

    ASSUMPTION (sized for a room of 40 behind one address): 5 free failures per name (a
    trainee mistyping their code), 30 per address and 200 overall in 10 minutes. A guesser
    of one 4-digit code then needs weeks; of the 42-bit room password, centuries.

    Examples
    --------
    >>> now = [0.0]
    >>> throttle = Throttle(clock=lambda: now[0])
    >>> for _ in range(6):
    ...     throttle.failed([("name", "budi")])
    >>> throttle.wait([("name", "budi")]), throttle.wait([("name", "ani")])
    (1, 0)
    >>> throttle.failed([("name", "budi")])
    >>> throttle.wait([("name", "budi")])
    2
    >>> now[0] += 2
    >>> throttle.wait([("name", "budi")])
    0
    """

    LIMITS = {"name": 5, "address": 30, "all": 200}

    def __init__(self, *, window: float = 600, longest: float = 300, clock=time.monotonic):
        self.window, self.longest, self.clock = window, longest, clock
        self._failures: dict[tuple, list[float]] = defaultdict(list)

    def _recent(self, key) -> list[float]:
        now = self.clock()
        times = [when for when in self._failures.get(key, ()) if now - when < self.window]
        if times:
            self._failures[key] = times
        else:
            self._failures.pop(key, None)
        return times

    def wait(self, keys) -> int:
        """Seconds to wait before the next attempt for any of ``keys`` (0: go ahead)."""
        longest = 0.0
        for key in keys:
            times = self._recent(key)
            extra = len(times) - self.LIMITS[key[0]]
            if extra > 0:
                delay = min(self.longest, 2.0 ** (extra - 1))
                longest = max(longest, times[-1] + delay - self.clock())
        return int(longest + 0.999) if longest > 0 else 0

    def failed(self, keys) -> None:
        """Count one failed attempt for each of ``keys``."""
        for key in keys:
            self._recent(key)
            self._failures[key].append(self.clock())

    def forget(self, key) -> None:
        """A name signed in rightly: its failures no longer count."""
        self._failures.pop(key, None)


def _both(key, **fields):
    return (
        f"{html.escape(t(key, 'id', **fields))}<br>"
        f'<small style="color:#64748b">{html.escape(t(key, "en", **fields))}</small>'
    )


_STYLE = """<style>body{font-family:system-ui,sans-serif;max-width:32em;margin:4em auto;\
padding:0 1em;color:#0f172a}
input{font-size:1.1em;padding:.4em;width:100%;box-sizing:border-box;\
margin-bottom:.6em} button{font-size:1.1em;
padding:.4em 1.4em;margin-top:.4em;background:#1d4ed8;color:white;border:0;border-radius:4px}
small{color:#64748b}</style>"""


def login_page(
    next_url: str,
    *,
    wrong: bool = False,
    xsrf: str = "",
    trainee: bool = False,
    message: str | None = None,
    name: str = "",
) -> str:
    """The sign-in page as HTML (Bahasa Indonesia first, English in small print).

    ``xsrf`` is the hidden form field with tornado's cross-site request forgery token;
    ``trainee`` adds the name and personal-code fields; ``message`` (HTML) says what was wrong.
    """
    if message is None and wrong:
        message = _both("workshop.login.wrong")
    error = f'<p class="kinerja-login-error" style="color:#b91c1c">{message}</p>' if message else ""
    fields = ""
    if trainee:
        fields = (
            f'<label for="name_input">{html.escape(t("saferoom.login.name", "id"))}</label>'
            f'<input type="text" name="name" id="name_input" maxlength="60" autocomplete="off"'
            f' value="{html.escape(name, quote=True)}" required>'
            f'<label for="code_input">{html.escape(t("saferoom.login.code", "id"))}</label>'
            f'<input type="password" name="code" id="code_input" inputmode="numeric"'
            f' pattern="[0-9]{{4,8}}" maxlength="8" autocomplete="off" required>'
            f"<p><small>{_both('saferoom.login.code_help')}</small></p>"
        )
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">\
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(t("workshop.login.title", "id"))}</title>{_STYLE}</head>
<body><h1>{html.escape(t("workshop.app.title", "id"))}</h1><h2>{_both("workshop.login.title")}</h2>
<p>{_both("workshop.login.prompt")}</p>{error}
<form method="post" action="?next={next_url}" class="kinerja-login">{xsrf}
<label for="password_input">{html.escape(t("workshop.login.password", "id"))}</label>
<input type="password" name="password" id="password_input" maxlength="{MAX_FIELD}"
 autocomplete="current-password" autofocus required>{fields}
<button type="submit" id="login_submit">{html.escape(t("workshop.login.submit", "id"))}</button>
</form></body></html>"""


def _page(title_key: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">\
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(t(title_key, "id"))}</title>{_STYLE}</head>
<body><h1>{html.escape(t("workshop.app.title", "id"))}</h1><h2>{_both(title_key)}</h2>{body}</body>\
</html>"""


class WorkshopLoginHandler(VoilaLoginHandler):
    """``/login``: the form of :func:`login_page` instead of jupyter_server's English one."""

    def _render(self, message=None):
        next_url = url_escape(self.get_argument("next", default=self.base_url))
        provider = self.identity_provider
        self.write(
            login_page(
                next_url,
                wrong=bool(message),
                xsrf=self.xsrf_form_html(),
                trainee=getattr(provider, "trainees", False),
                message=getattr(self, "_kinerja_message", None),
                name=getattr(self, "_kinerja_name", ""),
            )
        )


class WorkshopLogoutHandler(LogoutHandler):
    """``/logout``: clear the sign-in cookie and say so (jupyter_server's page needs a template
    Voila lacks).
    """

    @allow_unauthenticated
    def get(self):
        self.identity_provider.clear_login_cookie(self)
        again = (
            "<p><a "
            f'href="{html.escape(self.base_url)}login">{_both("saferoom.logout.again")}</a></p>'
        )
        self.write(_page("saferoom.logout.title", again))


class WorkshopIdentityProvider(IdentityProvider):
    """The workshop's identity provider: password form only, trainees with personal codes,
    limits.
    """

    def __init__(self, **kwargs):
        kwargs["login_handler_class"] = WorkshopLoginHandler
        kwargs["logout_handler_class"] = WorkshopLogoutHandler
        if not kwargs.get("token"):
            password = os.environ.pop(PASSWORD_ENV, "")  # kernels inherit the environment: not this
            file = os.environ.pop(PASSWORD_FILE_ENV, "")
            if file and not password:
                try:
                    with open(file, encoding="utf-8") as handle:
                        password = handle.read().strip()
                    os.unlink(file)
                except OSError:
                    password = ""
            if not password:
                raise ValueError(
                    f"the environment variable {PASSWORD_ENV} must hold the workshop password"
                )
            kwargs["token"] = password
        super().__init__(**kwargs)
        self.trainees = os.environ.get(SIGN_IN_ENV, "") == "trainee"
        self.throttle = Throttle()
        # The server passes the checked settings; the defaults are config's, sized there.
        self.per_trainee = int(
            os.environ.get("WORKSHOP_KERNELS_PER_TRAINEE", "") or KERNELS_PER_TRAINEE
        )
        self.max_kernels = int(os.environ.get("WORKSHOP_MAX_KERNELS", "") or MAX_KERNELS)
        self.cull_unclaimed = int(os.environ.get("WORKSHOP_CULL_UNCLAIMED", "") or CULL_UNCLAIMED)
        self._store = None
        self._stamps: dict[str, tuple[float, str | None]] = {}
        self._owners: dict[str, tuple[str, float]] = {}  # kernel id -> (user, first connection)
        self._started: dict[str, float] = {}  # kernel id -> when this server first saw it
        self._pages: dict[str, list[float]] = {}  # user -> when their recent app pages were asked
        self._culler = None

    # -- no token: the password counts only through the sign-in form
    def get_token(self, handler) -> str | None:
        return None

    @property
    def auth_enabled(self) -> bool:
        return True

    def store(self):
        if self._store is None:
            from kinerja_sim.training.progress import ProgressStore

            self._store = ProgressStore(create=False)
        return self._store

    # -- the form
    def process_login_form(self, handler):
        address = handler.request.remote_ip or "?"
        typed = handler.get_argument("password", default="")
        name_typed = handler.get_argument("name", default="") if self.trainees else ""
        code = handler.get_argument("code", default="") if self.trainees else ""
        handler._kinerja_name = name_typed[:60]
        if max(len(typed), len(name_typed), len(code)) > MAX_FIELD:
            handler._kinerja_message = _both("saferoom.login.too_long", limit=MAX_FIELD)
            return None
        keys = [("address", address), ("all", "")]
        name_key = None
        if self.trainees and name_typed.strip():
            from kinerja_sim.training.progress import trainee_key

            try:
                name_key = ("name", trainee_key(name_typed))
            except (TypeError, ValueError):
                name_key = None
        wait = self.throttle.wait(keys + ([name_key] if name_key else []))
        if wait:
            handler._kinerja_message = _both("saferoom.login.wait", seconds=wait)
            handler.set_header("Retry-After", str(wait))
            return None
        if not hmac.compare_digest(typed.encode(), str(self.token).encode()):
            self.throttle.failed(keys)
            handler._kinerja_message = _both("saferoom.login.wrong_password")
            return None
        if not self.trainees:
            return User(username="fasilitator", name="fasilitator", display_name="fasilitator")
        return self._trainee(handler, name_typed, code, keys, name_key)

    def _trainee(self, handler, name_typed, code, keys, name_key):
        from kinerja_sim.training.trainee import personal_code, trainee_name

        try:
            name = trainee_name(name_typed)
            personal_code(code)
        except (TypeError, ValueError) as error:
            handler._kinerja_message = html.escape(str(error))
            return None
        try:
            result, shown = self.store().sign_in(name, code)
            stamp = self.store().code_stamp(name)
        except OSError as error:  # StoreError: said in Indonesian, no SQLite detail
            handler._kinerja_message = html.escape(str(error))
            return None
        if result == "needs_facilitator":
            handler._kinerja_message = _both("saferoom.login.needs_facilitator")
            return None
        if result == "wrong":
            self.throttle.failed(keys + [name_key])
            handler._kinerja_message = _both("saferoom.login.wrong_code")
            return None
        self.throttle.forget(name_key)
        self._stamps[shown] = (time.monotonic(), stamp)
        return User(username=f"peserta:{stamp}", name=shown, display_name=shown)

    # -- every request
    async def _get_user(self, handler):
        if TRAINEE_HEADER in handler.request.headers:  # only this server writes it
            del handler.request.headers[TRAINEE_HEADER]
        user = await super()._get_user(handler)
        if user is None:
            return None
        if self.trainees:
            if not self._valid(user):
                self.clear_login_cookie(handler)
                return None
            handler.request.headers[TRAINEE_HEADER] = quote(user.name)
        self._limits(handler, user)
        return user

    def _valid(self, user) -> bool:
        """A trainee's cookie counts while its code is the trainee's current code (checked every 5
        s).
        """
        if not user.username.startswith("peserta:"):
            return False
        when, stamp = self._stamps.get(user.name, (-1e9, None))
        if time.monotonic() - when > 5:
            try:
                stamp = self.store().code_stamp(user.name)
            except OSError:
                return True  # the store's fault is shown on the page; the sign-in stands
            self._stamps[user.name] = (time.monotonic(), stamp)
        return stamp is not None and user.username == f"peserta:{stamp}"

    # -- kernels: per trainee, in all, unclaimed
    def _limits(self, handler, user) -> None:
        manager = handler.settings.get("kernel_manager")
        if manager is None:
            return
        if self._culler is None:
            from tornado.ioloop import PeriodicCallback

            self._culler = PeriodicCallback(lambda: self._cull(manager), 15_000)
            self._culler.start()
        path = handler.request.path
        match = _KERNEL_PATH.search(path)
        if match:  # the page's websocket: this kernel is now the user's
            self._owners.setdefault(match.group(1), (user.username + "|" + user.name, time.time()))
            return
        if handler.request.method != "GET" or path.rstrip("/") != handler.base_url.rstrip("/"):
            return
        live = set(manager.list_kernel_ids())
        owner = user.username + "|" + user.name
        self._page_rate(handler, owner)
        mine = sorted(
            (when, kernel) for kernel, (who, when) in self._owners.items() if who == owner
        )
        mine = [(when, kernel) for when, kernel in mine if kernel in live]
        while len(mine) >= self.per_trainee:  # a reload left this trainee's older pages behind
            _, kernel = mine.pop(0)
            self._owners.pop(kernel, None)
            handler.log.info("kinerja: closing the oldest kernel %s of a trainee", kernel)
            import asyncio

            asyncio.ensure_future(manager.shutdown_kernel(kernel))
            live.discard(kernel)
        if len(live) >= self.max_kernels:
            handler.set_status(503)
            handler.set_header("Retry-After", "60")
            handler.finish(_page("saferoom.full.title", f"<p>{_both('saferoom.full.text')}</p>"))
            raise web.Finish()

    def _page_rate(self, handler, owner: str) -> None:
        """Refuse a page beyond ``per_trainee + PAGE_SLACK`` in ``cull_unclaimed`` seconds.

        A kernel becomes a trainee's only when the page's websocket connects, so a script with a
        trainee's sign-in that asks for pages and never connects would otherwise start a kernel
        per request until the unclaimed ones are culled, and could fill the whole server. Each
        page request starts a kernel: counting them per signed-in trainee bounds what one
        trainee holds (claimed and unclaimed) to about ``2 * per_trainee + PAGE_SLACK``. A
        trainee who reloads a few times (a lost connection, a second tab) never meets it.
        """
        now = time.monotonic()
        recent = [when for when in self._pages.get(owner, ()) if now - when < self.cull_unclaimed]
        if len(recent) >= self.per_trainee + PAGE_SLACK:
            wait = max(1, int(self.cull_unclaimed - (now - recent[0])) + 1)
            handler.set_status(429)
            handler.set_header("Retry-After", str(wait))
            text = _both("saferoom.reloads.text", seconds=wait)
            handler.finish(_page("saferoom.reloads.title", f"<p>{text}</p>"))
            raise web.Finish()
        recent.append(now)
        self._pages[owner] = recent

    def _cull(self, manager) -> None:
        """Shut down kernels no browser connected to within ``cull_unclaimed`` s (not the
        pool's).
        """
        import asyncio

        now = time.time()
        pooled = set()
        for pool in getattr(manager, "_pools", {}).values():
            for task in pool:
                if task.done() and not task.cancelled() and task.exception() is None:
                    pooled.add(task.result().get("kernel_id"))
        for kernel in list(manager.list_kernel_ids()):
            if kernel in pooled or kernel in self._owners:
                self._started.pop(kernel, None)  # the clock starts when it leaves the pool
                continue
            first = self._started.setdefault(kernel, now)
            if now - first > self.cull_unclaimed:
                self._started.pop(kernel, None)
                asyncio.ensure_future(manager.shutdown_kernel(kernel))
        for kernel in set(self._started) - set(manager.list_kernel_ids()):
            self._started.pop(kernel, None)
            self._owners.pop(kernel, None)
