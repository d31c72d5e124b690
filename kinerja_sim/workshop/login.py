"""The workshop password: one shared password for the trainees, checked by the Voila server.

Voila (on jupyter_server) asks every request for an identity; with a token set, a browser
without the login cookie is sent to ``/login``. :class:`WorkshopIdentityProvider` reads the
password from the environment variable ``KINERJA_SIM_SERVER_PASSWORD`` (set by
:mod:`kinerja_sim.workshop.server`, so it never shows on a command line), removes it from
the environment before any kernel starts, and compares typed passwords in constant time.
:class:`WorkshopLoginHandler` is the sign-in page, in Bahasa Indonesia with English below.
"""

from __future__ import annotations

import hmac
import html
import os

from jupyter_server.auth.identity import IdentityProvider
from tornado.escape import url_escape
from voila.voila_identity_provider import VoilaLoginHandler

from kinerja_sim._core.i18n import t

__all__ = ["PASSWORD_ENV", "WorkshopIdentityProvider", "WorkshopLoginHandler", "login_page"]

PASSWORD_ENV = "KINERJA_SIM_SERVER_PASSWORD"


def login_page(next_url: str, *, wrong: bool = False, xsrf: str = "") -> str:
    """The sign-in page as HTML (Bahasa Indonesia first, English in small print).

    ``xsrf`` is the hidden form field with tornado's cross-site request forgery token.
    """

    def both(key):
        return f'{html.escape(t(key, "id"))}<br><small style="color:#64748b">{html.escape(t(key, "en"))}</small>'

    error = (
        f'<p class="kinerja-login-error" style="color:#b91c1c">{both("workshop.login.wrong")}</p>'
        if wrong
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(t("workshop.login.title", "id"))}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:32em;margin:4em auto;padding:0 1em;color:#0f172a}}
input{{font-size:1.1em;padding:.4em;width:100%;box-sizing:border-box}} button{{font-size:1.1em;padding:.4em 1.4em;
margin-top:.8em;background:#1d4ed8;color:white;border:0;border-radius:4px}}</style></head>
<body><h1>{html.escape(t("workshop.app.title", "id"))}</h1><h2>{both("workshop.login.title")}</h2>
<p>{both("workshop.login.prompt")}</p>{error}
<form method="post" action="?next={next_url}" class="kinerja-login">{xsrf}
<label for="password_input">{html.escape(t("workshop.login.password", "id"))}</label>
<input type="password" name="password" id="password_input" autocomplete="current-password" autofocus required>
<button type="submit" id="login_submit">{html.escape(t("workshop.login.submit", "id"))}</button>
</form></body></html>"""


class WorkshopLoginHandler(VoilaLoginHandler):
    """``/login``: the form of :func:`login_page` instead of jupyter_server's English one."""

    def _render(self, message=None):
        next_url = url_escape(self.get_argument("next", default=self.base_url))
        self.write(login_page(next_url, wrong=bool(message), xsrf=self.xsrf_form_html()))


class WorkshopIdentityProvider(IdentityProvider):
    """A token identity provider whose token is the workshop password from the environment."""

    def __init__(self, **kwargs):
        kwargs["login_handler_class"] = WorkshopLoginHandler
        if not kwargs.get("token"):
            password = os.environ.pop(PASSWORD_ENV, "")  # kernels inherit the environment: not this
            if not password:
                raise ValueError(
                    f"the environment variable {PASSWORD_ENV} must hold the workshop password"
                )
            kwargs["token"] = password
        super().__init__(**kwargs)

    @property
    def auth_enabled(self) -> bool:
        return True

    def process_login_form(self, handler):
        typed = handler.get_argument("password", default="")
        if hmac.compare_digest(typed.encode(), str(self.token).encode()):
            return self.generate_anonymous_user(handler)  # one shared password: no named users
        return None
