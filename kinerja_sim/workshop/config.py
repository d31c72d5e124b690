"""The settings of a workshop server, read from the environment and checked.

==================================  ======================================  ====================
environment variable                what                                    default
==================================  ======================================  ====================
``WORKSHOP_IP``                     address the trainee app listens on      ``127.0.0.1``
                                    (``0.0.0.0``: every network card, so
                                    the room's laptops reach it)
``WORKSHOP_PORT``                   port of the trainee app                 ``8866``
``WORKSHOP_DASHBOARD_IP``           address of the facilitator's dashboard  ``127.0.0.1``
``WORKSHOP_DASHBOARD_PORT``         port of the dashboard                   ``WORKSHOP_PORT + 1``
``KINERJA_SIM_WORKSHOP_PASSWORD``   the trainees' password                  generated, printed
``KINERJA_SIM_FACILITATOR_PASSWORD`` the dashboard's password               generated, printed
``KINERJA_SIM_PROGRESS``            the one progress store of the day       ``lokakarya/progress.sqlite``
``KINERJA_SIM_WORKSHOP``            the workshop code (shared cases)        ``lokakarya-<date>``
``WORKSHOP_CULL_IDLE``              seconds before an idle kernel with no   ``900``
                                    browser attached is shut down
``WORKSHOP_POOL``                   kernels kept started with the app       ``4``
                                    already rendered (Voila's preheated
                                    kernels; 0 = start one per page view)
==================================  ======================================  ====================

Examples
--------
>>> config = WorkshopConfig.from_env({"WORKSHOP_PORT": "9000", "KINERJA_SIM_WORKSHOP_PASSWORD": "mawar-7"})
>>> config.port, config.dashboard_port, config.password
(9000, 9001, 'mawar-7')
>>> WorkshopConfig.from_env({"WORKSHOP_PORT": "tujuh"})
Traceback (most recent call last):
...
ValueError: WORKSHOP_PORT must be a whole number from 1 to 65535, got 'tujuh'
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

__all__ = ["HERE", "WorkshopConfig", "make_password"]

#: The notebooks the server serves ship inside the package (a plain ``pip install`` runs it).
HERE = Path(__file__).resolve().parent
_WORDS = (
    "mawar",
    "melati",
    "anggrek",
    "kenanga",
    "cempaka",
    "teratai",
    "dahlia",
    "kamboja",
    "tulip",
    "seroja",
)


def make_password() -> str:
    """A password easy to read aloud in a room: a flower and four digits, e.g. ``melati-4821``."""
    return f"{secrets.choice(_WORDS)}-{secrets.randbelow(9000) + 1000}"


def _port(environ, name: str, default: int) -> int:
    text = str(environ.get(name, "")).strip() or str(default)
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise ValueError(f"{name} must be a whole number from 1 to 65535, got {text!r}")
    return int(text)


def _ip(environ, name: str, default: str) -> str:
    text = str(environ.get(name, "")).strip() or default
    try:
        ipaddress.ip_address(text)
    except ValueError:
        raise ValueError(
            f"{name} must be an IP address such as 127.0.0.1 or 0.0.0.0, got {text!r}"
        ) from None
    return text


def _password(environ, name: str) -> tuple[str, bool]:
    text = str(environ.get(name, "")).strip()
    if not text:
        return make_password(), True
    if len(text) < 6:
        raise ValueError(f"{name} must be at least 6 characters long, got {len(text)}")
    return text, False


@dataclass(frozen=True)
class WorkshopConfig:
    """Everything a workshop server needs; make it with :meth:`from_env`."""

    ip: str = "127.0.0.1"
    port: int = 8866
    dashboard_ip: str = "127.0.0.1"
    dashboard_port: int = 8867
    password: str = ""
    facilitator_password: str = ""
    passwords_generated: bool = False
    store: Path = Path("lokakarya/progress.sqlite")
    code: str = ""
    cull_idle_timeout: int = 900
    cull_interval: int = 60
    pool: int = 4
    app_notebook: Path = HERE / "aplikasi.ipynb"
    dashboard_notebook: Path = (
        HERE / "dasbor.ipynb"
    )  # lesson notebooks/08, kept identical by a test

    @classmethod
    def from_env(cls, environ) -> WorkshopConfig:
        """Read and check the settings (see the module's table); raises ValueError naming the variable."""
        port = _port(environ, "WORKSHOP_PORT", 8866)
        password, generated = _password(environ, "KINERJA_SIM_WORKSHOP_PASSWORD")
        facilitator, generated_too = _password(environ, "KINERJA_SIM_FACILITATOR_PASSWORD")
        while generated_too and facilitator == password:
            facilitator = make_password()
        if facilitator == password:
            raise ValueError(
                "KINERJA_SIM_FACILITATOR_PASSWORD must differ from KINERJA_SIM_WORKSHOP_PASSWORD"
            )
        cull = str(environ.get("WORKSHOP_CULL_IDLE", "")).strip() or "900"
        if not cull.isdigit() or int(cull) < 60:
            raise ValueError(
                f"WORKSHOP_CULL_IDLE must be a whole number of seconds, at least 60, got {cull!r}"
            )
        pool = str(environ.get("WORKSHOP_POOL", "")).strip() or "4"
        if not pool.isdigit() or int(pool) > 40:
            raise ValueError(f"WORKSHOP_POOL must be a whole number from 0 to 40, got {pool!r}")
        code = (
            str(environ.get("KINERJA_SIM_WORKSHOP", "")).strip()
            or f"lokakarya-{date.today():%Y%m%d}"
        )
        store = str(environ.get("KINERJA_SIM_PROGRESS", "")).strip() or "lokakarya/progress.sqlite"
        return cls(
            ip=_ip(environ, "WORKSHOP_IP", "127.0.0.1"),
            port=port,
            dashboard_ip=_ip(environ, "WORKSHOP_DASHBOARD_IP", "127.0.0.1"),
            dashboard_port=_port(environ, "WORKSHOP_DASHBOARD_PORT", port + 1),
            password=password,
            facilitator_password=facilitator,
            passwords_generated=generated or generated_too,
            store=Path(store).expanduser().resolve(),
            code=code,
            cull_idle_timeout=int(cull),
            cull_interval=min(60, int(cull)),
            pool=int(pool),
        )
