"""What a certificate needs that the answers do not hold: the workshop, and each trainee's details.

Kept in the day's progress store (one SQLite file), in tables of their own that this module
creates with ``CREATE TABLE IF NOT EXISTS``; the store's own tables
(:mod:`kinerja_sim.training.progress`) are never changed, so a store of an earlier day keeps
working and simply has no workshop information yet.

- ``workshop_info`` (one row): the workshop's title, organiser, place, first and last day, the
  training hours (JP, *jam pelajaran*, set by the facilitator) and the *secret* that keys the
  certificates' verification codes (:mod:`kinerja_sim.pack.certificates`). The secret is
  made by :func:`secrets.token_hex` when the facilitator gives none, and never leaves the store:
  no export, certificate or record carries it.
- ``trainee_details`` (one row per trainee): the name as the trainee confirmed it for the
  certificate (their sign-in name may be a nickname or a code), an optional NIP, and whether
  they agree that their result is printed on the certificate (default: no).
- ``issued_certificates``: every certificate issued, with the canonical fields its code was
  computed from, so that ``kinerja-sim certificates --verify`` can show them.

A trainee is found by the identity of the store (:meth:`ProgressStore.canonical_name`: case
and spaces ignored, the facilitator's merges followed), so details given under "siti rahma"
belong to the answers of "Siti Rahma".

Examples
--------
>>> import tempfile, os
>>> from kinerja_sim.training.progress import ProgressStore
>>> path = os.path.join(tempfile.mkdtemp(), "hari.sqlite")
>>> _ = ProgressStore(path).submit("Siti Rahma", "01_perbaiki_indikator", "1", {})
>>> info = save_workshop_info(path, WorkshopInfo(
...     "Pelatihan Pejabat Penilai Kinerja", "BKPSDM Kabupaten Sukamaju", "Sukamaju",
...     "2026-12-03", "2026-12-03", hours=8))
>>> load_workshop_info(path).hours, len(load_workshop_info(path).secret)
(8, 32)
>>> set_trainee_details(path, " siti  rahma", confirmed_name="Siti Rahmawati, S.E.",
...                     nip="199001012015032001", consent=True).confirmed_name
'Siti Rahmawati, S.E.'
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import secrets as _secrets
import sqlite3
from contextlib import closing
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import pandas as pd

from kinerja_sim._core.data import parse_yaml
from kinerja_sim._core.i18n import t
from kinerja_sim._core.names import normalise_name
from kinerja_sim._core.sheets import clean_text
from kinerja_sim._core.validate import check_bool, check_int
from kinerja_sim.training.progress import BUSY_TIMEOUT_S, ProgressStore, trainee_key

__all__ = [
    "INFO_FIELDS",
    "MAX_HOURS",
    "MAX_TEXT_LENGTH",
    "TraineeDetails",
    "WorkshopInfo",
    "issued_certificates",
    "load_workshop_info",
    "read_info_file",
    "record_issued",
    "save_workshop_info",
    "set_trainee_details",
    "trainee_details",
]

MAX_TEXT_LENGTH = 200
#: A one-day workshop is 8 JP; a multi-day course a few dozen. 200 catches a typo (2000).
MAX_HOURS = 200
#: The fields of the workshop a facilitator sets (the YAML file's keys).
INFO_FIELDS = ("title", "organiser", "place", "start", "end", "hours", "secret")

# NIP of a PNS: 18 digits (birth date 8, appointment year and month 6, sex 1, serial 3;
# Peraturan Kepala BKN No. 22 Tahun 2007). The NI PPPK has 18 digits too (ASSUMPTION: the
# same check). Spaces and dots between groups, as NIPs are often written, are removed.
_NIP = re.compile(r"\d{18}")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS workshop_info (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fields_json TEXT NOT NULL,
    secret TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS trainee_details (
    trainee_key TEXT PRIMARY KEY,
    confirmed_name TEXT NOT NULL,
    nip TEXT,
    consent INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS issued_certificates (
    code TEXT PRIMARY KEY,
    trainee_key TEXT NOT NULL,
    fields_json TEXT NOT NULL,
    issued_at TEXT NOT NULL
);
"""


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _text(field: str, value) -> str:
    """Text as printed: control characters removed, spaces collapsed, 1–200 characters."""
    if not isinstance(value, str):
        raise TypeError(t("pack.info.not_text", field=field, value=repr(value)))
    text = " ".join(clean_text(value).split())
    if not text:
        raise ValueError(t("pack.info.empty", field=field))
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(t("pack.info.too_long", field=field, n=len(text), limit=MAX_TEXT_LENGTH))
    return normalise_name(text, what=field, max_length=MAX_TEXT_LENGTH)


def _hours(value) -> int:
    try:
        return check_int("hours", value, minimum=1, maximum=MAX_HOURS)
    except (TypeError, ValueError):
        raise ValueError(t("pack.info.bad_hours", value=value, limit=MAX_HOURS)) from None


def _date(field: str, value) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(t("pack.info.bad_date", field=field, value=value)) from None


@dataclass(frozen=True)
class WorkshopInfo:
    """The workshop as its certificates name it.

    Parameters
    ----------
    title, organiser, place : str
        The course title, the organising agency (e.g. "BKPSDM Kabupaten Sukamaju"), the place.
    start, end : date or ISO text
        First and last day (the same for a one-day workshop).
    hours : int
        Training hours (JP) the facilitator grants, 1 to :data:`MAX_HOURS`.
    secret : str
        The key of the verification codes; empty: one is made when the info is saved.
    """

    title: str
    organiser: str
    place: str
    start: _dt.date
    end: _dt.date
    hours: int = 8
    secret: str = ""

    def __post_init__(self):
        for field in ("title", "organiser", "place"):
            object.__setattr__(self, field, _text(field, getattr(self, field)))
        start, end = _date("start", self.start), _date("end", self.end)
        if end < start:
            raise ValueError(t("pack.info.end_before_start", start=start, end=end))
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "hours", _hours(self.hours))
        if not isinstance(self.secret, str):
            raise TypeError(t("pack.info.not_text", field="secret", value="…"))

    def public_fields(self) -> dict:
        """Every field but the secret, dates as ISO text (what a certificate shows)."""
        fields = asdict(self)
        del fields["secret"]
        return {**fields, "start": self.start.isoformat(), "end": self.end.isoformat()}

    def __repr__(self) -> str:  # never print the secret
        shown = ", ".join(f"{k}={v!r}" for k, v in self.public_fields().items())
        return f"WorkshopInfo({shown}, secret=…)"


@dataclass(frozen=True)
class TraineeDetails:
    """One trainee's details for the certificate: ``trainee`` (the store's name),
    ``confirmed_name``, ``nip`` ("" when not given), ``consent`` (print the result: True only when
    the trainee agreed)."""

    trainee: str
    confirmed_name: str
    nip: str = ""
    consent: bool = False


def _connect(path) -> sqlite3.Connection:
    """A connection to an existing progress store, with this module's tables present."""
    path = Path(path).expanduser()
    ProgressStore(path, create=False)  # a clear message for a missing or foreign file
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    connection.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    with connection:
        connection.executescript(_SCHEMA)
    return connection


def save_workshop_info(path, info: WorkshopInfo) -> WorkshopInfo:
    """Store ``info`` in the progress store at ``path``; return it with its secret.

    A new secret is made when ``info`` has none and the store holds none yet; an empty secret
    keeps the stored one, so changing the place does not invalidate issued codes (a change of
    a printed field does: that is the point of the code).
    """
    if not isinstance(info, WorkshopInfo):
        raise TypeError(f"info must be a WorkshopInfo, got {type(info).__name__}")
    with closing(_connect(path)) as connection, connection:
        row = connection.execute("SELECT secret FROM workshop_info WHERE id = 1").fetchone()
        secret = info.secret or (row[0] if row else _secrets.token_hex(16))
        connection.execute(
            "INSERT INTO workshop_info (id, fields_json, secret, updated_at) VALUES (1, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET fields_json = excluded.fields_json,"
            " secret = excluded.secret, updated_at = excluded.updated_at",
            (json.dumps(info.public_fields(), ensure_ascii=False), secret, _now()),
        )
    return replace(info, secret=secret)


def load_workshop_info(path) -> WorkshopInfo | None:
    """The workshop info saved in the store at ``path``, or None when the facilitator set none."""
    with closing(_connect(path)) as connection:
        row = connection.execute(
            "SELECT fields_json, secret FROM workshop_info WHERE id = 1"
        ).fetchone()
    if row is None:
        return None
    return WorkshopInfo(**json.loads(row[0]), secret=row[1])


def read_info_file(file) -> WorkshopInfo:
    """The workshop info of a small YAML file (keys :data:`INFO_FIELDS`; ``secret`` optional).

    Examples
    --------
    >>> import tempfile, os
    >>> file = os.path.join(tempfile.mkdtemp(), "lokakarya.yaml")
    >>> _ = open(file, "w").write(
    ...     "title: Pelatihan Penilai\\norganiser: BKPSDM\\nplace: Aula\\n"
    ...     "start: 2026-12-03\\nend: 2026-12-03\\nhours: 8\\n")
    >>> read_info_file(file).start
    datetime.date(2026, 12, 3)
    """
    path = Path(file)
    values = parse_yaml(path.read_text(encoding="utf-8"), source=path.name)
    if not isinstance(values, dict):
        raise ValueError(t("pack.info.not_mapping", file=path.name))
    unknown = sorted(set(map(str, values)) - set(INFO_FIELDS))
    if unknown:
        raise ValueError(
            t(
                "pack.info.unknown_keys",
                file=path.name,
                keys=", ".join(unknown),
                known=", ".join(INFO_FIELDS),
            )
        )
    missing = [key for key in INFO_FIELDS[:5] if key not in values]
    if missing:
        raise ValueError(t("pack.info.missing_keys", file=path.name, keys=", ".join(missing)))
    return WorkshopInfo(**values)


def _nip(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(t("pack.info.not_text", field="nip", value=repr(value)))
    digits = re.sub(r"[\s.]", "", value)
    if digits and not _NIP.fullmatch(digits):
        n = sum(ch.isdigit() for ch in digits)
        raise ValueError(t("pack.info.bad_nip", value=clean_text(value)[:40], n=n))
    return digits


def set_trainee_details(
    path, trainee: str, *, confirmed_name: str, nip: str | None = None, consent: bool = False
) -> TraineeDetails:
    """Save the name ``trainee`` confirmed for the certificate, their NIP and their consent.

    Parameters
    ----------
    trainee : str
        The name the trainee signed in with (found as the store finds it: case, spaces and the
        facilitator's merges followed); a name the store does not know is refused (a typo would
        otherwise give details to nobody).
    confirmed_name : str
        The name to print, with titles as the trainee wants them; control characters removed.
    nip : str, optional
        18 digits (spaces and dots between groups allowed); None or "" for none.
    consent : bool
        Whether the trainee agrees that their result is printed on the certificate.
    """
    store = ProgressStore(path, create=False)
    shown = store.canonical_name(trainee)
    known = {*store.trainees()["trainee"], *store.answers()["trainee"]}
    if trainee_key(shown) not in {trainee_key(name) for name in known}:
        raise ValueError(t("pack.info.unknown_trainee", trainee=clean_text(shown)[:60]))
    details = TraineeDetails(
        shown, _text("confirmed_name", confirmed_name), _nip(nip), check_bool("consent", consent)
    )
    with closing(_connect(path)) as connection, connection:
        connection.execute(
            "INSERT INTO trainee_details (trainee_key, confirmed_name, nip, consent, updated_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(trainee_key) DO UPDATE SET"
            " confirmed_name = excluded.confirmed_name, nip = excluded.nip,"
            " consent = excluded.consent, updated_at = excluded.updated_at",
            (
                trainee_key(shown),
                details.confirmed_name,
                details.nip,
                int(details.consent),
                _now(),
            ),
        )
    return details


def trainee_details(path) -> dict[str, TraineeDetails]:
    """Every trainee's saved details, by the store's identity (:func:`trainee_key`) of their name.

    A detail saved under a name the facilitator later merged into another belongs to the name
    merged into (the last one saved wins when both have details).
    """
    store = ProgressStore(path, create=False)
    with closing(_connect(path)) as connection:
        rows = connection.execute(
            "SELECT trainee_key, confirmed_name, nip, consent FROM trainee_details"
            " ORDER BY updated_at"
        ).fetchall()
    details = {}
    for key, name, nip, consent in rows:
        shown = store.canonical_name(key)
        details[trainee_key(shown)] = TraineeDetails(shown, name, nip or "", bool(consent))
    return details


def record_issued(path, certificates) -> None:
    """Remember issued certificates: ``certificates`` are (code, trainee, canonical fields)
    triples.
    """
    rows = [
        (code, trainee_key(trainee), json.dumps(fields, ensure_ascii=False, sort_keys=True), _now())
        for code, trainee, fields in certificates
    ]
    with closing(_connect(path)) as connection, connection:
        connection.executemany(
            "INSERT INTO issued_certificates (code, trainee_key, fields_json, issued_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT(code) DO NOTHING",
            rows,
        )


def issued_certificates(path) -> pd.DataFrame:
    """Every certificate issued from the store: ``code``, ``trainee_key``, ``fields`` (dict),
    ``issued_at``.
    """
    with closing(_connect(path)) as connection:
        rows = connection.execute(
            "SELECT code, trainee_key, fields_json, issued_at FROM issued_certificates"
            " ORDER BY issued_at, code"
        ).fetchall()
    return pd.DataFrame(
        [(code, key, json.loads(text), when) for code, key, text, when in rows],
        columns=["code", "trainee_key", "fields", "issued_at"],
    )
