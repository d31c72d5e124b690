"""The progress store: every answer a trainee submits, saved at once in an SQLite file.

A kernel restart or a closed browser loses nothing: each submission is committed before
the feedback is shown, and :meth:`ProgressStore.latest` gives a trainee's last answer per
item back. On a shared workshop server (JupyterHub, or one Voila server for a room) many
trainees submit at the same time: the store uses SQLite's write-ahead log (readers never
block the writer) and a busy timeout (a writer waits for another instead of failing), and
opens a short-lived connection per operation so that no kernel holds a lock.

Where the file lives: the ``path`` argument, else the environment variable
``KINERJA_SIM_PROGRESS`` (set it to one shared file for a workshop server), else
``~/.kinerja-sim/progress.sqlite``. Keep the file on a local disk: SQLite's locking is
unreliable on network file systems (NFS, SMB). A reader that must not create a store (the
facilitator's dashboard) opens it with ``create=False``: a mistyped path is then an error
with a clear message, not a new empty database.

Who answered: a trainee is identified by the *key* of their name (:func:`trainee_key`:
spaces and case ignored), so "Siti Rahma" and " siti  rahma" are one trainee, also in stores
written before the key existed. The facilitator can merge two names
(:meth:`ProgressStore.merge_trainees`, e.g. "Siti R." into "Siti Rahma") and undo it
(:meth:`ProgressStore.unmerge_trainee`); submissions are never rewritten, so an undo is exact.

Personal codes (the workshop server's sign-in): each trainee's key may hold a salted scrypt
hash of a personal code (:mod:`kinerja_sim.training.trainee`). :meth:`ProgressStore.sign_in`
accepts a name with its code; a new name takes the code typed at its first sign-in; a name
that already has answers but no code (a store from before codes existed) is refused until
the facilitator issues a code (:meth:`ProgressStore.issue_code`), so nobody claims another
trainee's work by typing their name first. Merged names use the code of the name merged into.

Faults are told apart (:class:`StoreError`, its ``kind``): ``"full"`` (disk full),
``"readonly"``, ``"damaged"`` (corrupt, or not an SQLite file), ``"busy"`` (locked too long),
``"missing"``; the message is Indonesian (or English), with no SQLite detail.
:meth:`ProgressStore.check` reads the whole file (``PRAGMA quick_check``);
:meth:`ProgressStore.backup` copies it with SQLite's online backup API, safe while trainees write.

Examples
--------
>>> import tempfile, os
>>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "progress.sqlite"))
>>> store.submit("Siti Rahma", "02_nilai_berkas_kasus", "P00012", {"akuntabel": 4}, score=0.8)
1
>>> store.latest("Siti Rahma", "02_nilai_berkas_kasus")
{'P00012': {'akuntabel': 4}}
>>> store.answers()[["trainee", "item", "score"]]
      trainee    item  score
0  Siti Rahma  P00012    0.8
>>> store.latest("  siti RAHMA", "02_nilai_berkas_kasus")
{'P00012': {'akuntabel': 4}}
"""

from __future__ import annotations

import errno
import getpass
import json
import math
import numbers
import os
import sqlite3
from contextlib import closing, contextmanager
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from kinerja_sim._core.i18n import t
from kinerja_sim._core.names import name_key, normalise_name
from kinerja_sim.training.trainee import hash_code, issue_code, personal_code, verify_code

__all__ = [
    "ANSWER_COLUMNS",
    "DEFAULT_PATH",
    "ENV_VAR",
    "ProgressStore",
    "StoreError",
    "default_path",
    "store_error",
    "trainee_key",
]

ENV_VAR = "KINERJA_SIM_PROGRESS"
DEFAULT_PATH = Path("~/.kinerja-sim/progress.sqlite")
ANSWER_COLUMNS = (
    "submission_id",
    "trainee",
    "exercise",
    "item",
    "answer_json",
    "score",
    "feedback",
    "submitted_at",
)
BUSY_TIMEOUT_S = 30.0
#: The longest answer (as JSON) the store takes; the widgets' own limits are smaller.
MAX_ANSWER_CHARS = 20_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    submission_id INTEGER PRIMARY KEY AUTOINCREMENT,
    trainee TEXT NOT NULL,
    exercise TEXT NOT NULL,
    item TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    score REAL,
    feedback TEXT,
    submitted_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS submissions_by_trainee ON submissions (trainee, exercise, item);
CREATE TABLE IF NOT EXISTS trainees (
    trainee TEXT PRIMARY KEY,
    os_user TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS merges (
    alias_key TEXT PRIMARY KEY,
    target_key TEXT NOT NULL,
    merged_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS drafts (
    trainee_key TEXT NOT NULL,
    exercise TEXT NOT NULL,
    item TEXT NOT NULL,
    text TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (trainee_key, exercise, item)
);
CREATE TABLE IF NOT EXISTS trainee_codes (
    trainee_key TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL,
    set_at TEXT NOT NULL,
    set_by TEXT NOT NULL
);
"""

# SQLite's primary result codes (https://www.sqlite.org/rescode.html) -> what a person is told.
_KINDS = {13: "full", 8: "readonly", 11: "damaged", 26: "damaged", 5: "busy", 6: "busy"}
_ERRNO_KINDS = {errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EROFS: "readonly"}
#: How many backups :meth:`ProgressStore.backup` keeps (every 5 minutes: the last hour).
BACKUPS_KEPT = 12


class StoreError(OSError, ValueError):
    """The store cannot be read or written; ``kind`` says why, the message says what to do.

    ``kind`` is one of ``"full"``, ``"readonly"``, ``"damaged"``, ``"busy"``, ``"missing"``,
    ``"other"``. The message carries no English detail of SQLite. It is an ``OSError`` (a
    fault of the machine) and a ``ValueError`` (what the store raised before it existed).
    """

    def __init__(self, kind: str, path, lang=None):
        self.kind, self.path = kind, Path(path)
        super().__init__(t(f"saferoom.store.{kind}", lang, path=self.path))

    def __str__(self) -> str:
        return str(self.args[0])


def store_error(error: BaseException, path) -> StoreError:
    """The :class:`StoreError` an ``sqlite3.Error`` or ``OSError`` stands for.

    Examples
    --------
    >>> error = sqlite3.OperationalError("database or disk is full")
    >>> error.sqlite_errorcode = 13
    >>> store_error(error, "p.sqlite").kind
    'full'
    """
    if isinstance(error, StoreError):
        return error
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        kind = _KINDS.get(code & 0xFF, "other")
    elif isinstance(error, OSError):
        kind = _ERRNO_KINDS.get(error.errno, "other")
    elif isinstance(error, sqlite3.DatabaseError):
        kind = "damaged"
    else:
        kind = "other"
    return StoreError(kind, path)


# The first spelling of each trainee's key (one row per key, read through the index).
_FIRST_SPELLINGS = (
    "SELECT trainee_key, trainee FROM submissions WHERE submission_id IN"
    " (SELECT MIN(submission_id) FROM submissions GROUP BY trainee_key) ORDER BY submission_id"
)


def default_path() -> Path:
    """The store's file: ``$KINERJA_SIM_PROGRESS``, else ``~/.kinerja-sim/progress.sqlite``."""
    configured = os.environ.get(ENV_VAR, "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_PATH.expanduser()


def trainee_key(name: str) -> str:
    """The identity of a trainee's name: spaces collapsed, case ignored (Unicode casefold).

    Examples
    --------
    >>> trainee_key("  Siti   RAHMA ") == trainee_key("siti rahma")
    True
    """
    return name_key(name, what="trainee")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def current_os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return ""


def _text(name: str, value) -> str:
    return normalise_name(value, what=name)


class ProgressStore:
    """Trainees' submissions in one SQLite file, safe for many writers at once.

    Parameters
    ----------
    path : str or Path, optional
        The SQLite file (created with its folder when missing). Default:
        :func:`default_path`.
    create : bool
        False: refuse a missing file (``FileNotFoundError``) instead of creating one.

    Raises
    ------
    ValueError
        When ``path`` is a folder or not a progress store (another kind of file).
    FileNotFoundError
        When ``create`` is False and the file does not exist.
    """

    def __init__(self, path=None, *, create: bool = True):
        self.path = Path(path).expanduser() if path is not None else default_path()
        if self.path.exists() and self.path.is_dir():
            raise ValueError(t("progress.is_folder", path=self.path))
        if not create and not self.path.exists():
            raise FileNotFoundError(t("progress.missing", path=self.path))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as connection:
                if create or not _is_wal(connection):
                    connection.execute("PRAGMA journal_mode=WAL")
                connection.executescript(_SCHEMA)
                self._add_trainee_keys(connection)
        except (sqlite3.Error, OSError) as error:
            raise store_error(error, self.path) from None

    @staticmethod
    def _add_trainee_keys(connection) -> None:
        """Give every submission the key of its trainee (stores made before keys existed too)."""
        columns = {row[1] for row in connection.execute("PRAGMA table_info(submissions)")}
        if "trainee_key" not in columns:
            try:
                with connection:
                    connection.execute("ALTER TABLE submissions ADD COLUMN trainee_key TEXT")
            except sqlite3.OperationalError as error:  # another kernel added it a moment ago
                if "duplicate column" not in str(error):
                    raise
        missing = [
            row[0]
            for row in connection.execute(
                "SELECT DISTINCT trainee FROM submissions WHERE trainee_key IS NULL"
            )
        ]
        if missing:
            with connection:
                connection.executemany(
                    "UPDATE submissions SET trainee_key = ? WHERE trainee = ?",
                    [(trainee_key(name), name) for name in missing],
                )
        connection.execute(
            "CREATE INDEX IF NOT EXISTS submissions_by_key ON submissions (trainee_key, exercise)"
        )

    def __repr__(self) -> str:
        return f"ProgressStore({str(self.path)!r})"

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        connection.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        return connection

    @contextmanager
    def _session(self, write: bool = False):
        """One short connection; every SQLite or disk error becomes a :class:`StoreError`."""
        try:
            with closing(self._connect()) as connection:
                if write:
                    with connection:
                        yield connection
                else:
                    yield connection
        except (sqlite3.Error, OSError) as error:
            if isinstance(error, StoreError):
                raise
            raise store_error(error, self.path) from None

    # -- health: check and backup
    def check(self) -> None:
        """Read the whole file (``PRAGMA quick_check``); raise :class:`StoreError` when it is
        damaged.
        """
        with self._session() as connection:
            result = connection.execute("PRAGMA quick_check").fetchone()
        if not result or result[0] != "ok":
            raise StoreError("damaged", self.path)

    def backup(self, folder=None, *, keep: int = BACKUPS_KEPT) -> Path:
        """Copy the store with SQLite's online backup API; keep the newest ``keep`` copies.

        The copy goes to ``folder`` (default: ``cadangan`` beside the store) as
        ``<name>-<UTC time>.sqlite``; writers are never blocked for long (the API copies pages
        in steps). Restore: stop the server, copy a backup over the store, start again.
        """
        folder = Path(folder) if folder is not None else self.path.parent / "cadangan"
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"{self.path.stem}-{stamp}.sqlite"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as source, closing(sqlite3.connect(target)) as copy:
                source.backup(copy, pages=256)
        except (sqlite3.Error, OSError) as error:
            target.unlink(missing_ok=True)
            raise store_error(error, target) from None
        old = sorted(folder.glob(f"{self.path.stem}-*.sqlite"))
        for path in old[: max(0, len(old) - keep)]:
            path.unlink(missing_ok=True)
        return target

    def submit(
        self, trainee: str, exercise: str, item: str, answer: dict, *, score=None, feedback=None
    ) -> int:
        """Save one answer at once; return its ``submission_id``.

        Parameters
        ----------
        trainee, exercise, item : str
            Who answered, in which exercise (e.g. "02_nilai_berkas_kasus"), which item (e.g.
            an employee id).
        answer : dict
            The answer, stored as JSON (keys are text; values numbers, text, lists).
        score : float, optional
            The score the check gave (0 to 1 by convention of the exercises).
        feedback : str, optional
            The feedback shown to the trainee.
        """
        trainee, exercise = _text("trainee", trainee), _text("exercise", exercise)
        item = _text("item", str(item) if isinstance(item, numbers.Integral) else item)
        if not isinstance(answer, dict):
            raise TypeError(f"answer must be a dict, got {type(answer).__name__}")
        try:
            answer_json = json.dumps(answer, ensure_ascii=False, sort_keys=True, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise ValueError(f"answer cannot be saved as JSON: {error}") from None
        if len(answer_json) > MAX_ANSWER_CHARS:  # a 1 MB "answer" is not one
            raise ValueError(
                t("saferoom.text.too_long", length=len(answer_json), limit=MAX_ANSWER_CHARS)
            )
        if score is not None:
            if (
                isinstance(score, bool)
                or not isinstance(score, numbers.Real)
                or not math.isfinite(score)
            ):
                raise TypeError(f"score must be a finite number or None, got {score!r}")
            score = float(score)
        if feedback is not None and not isinstance(feedback, str):
            raise TypeError(f"feedback must be text or None, got {type(feedback).__name__}")
        with self._session(write=True) as connection:
            cursor = connection.execute(
                "INSERT INTO submissions (trainee, trainee_key, exercise, item, answer_json, "
                "score, feedback, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    trainee,
                    trainee_key(trainee),
                    exercise,
                    item,
                    answer_json,
                    score,
                    feedback,
                    _now(),
                ),
            )
            return int(cursor.lastrowid)

    def answers(self, *, trainee=None, exercise=None) -> pd.DataFrame:
        """Every submission (optionally of one trainee and/or one exercise), oldest first.

        Names that differ only in case and spaces, and names the facilitator merged, are one
        trainee: ``trainee`` selects all of them, and the ``trainee`` column shows one name
        for all of them (the one the trainee used first, or the name merged into).

        Returns
        -------
        DataFrame
            ``submission_id``, ``trainee``, ``exercise``, ``item``, ``answer_json``,
            ``score`` (float, NaN when none), ``feedback``, ``submitted_at`` (ISO text, UTC).
        """
        with self._session() as connection:
            names = self._display_names(connection)
            clauses, values = [], []
            if trainee is not None:
                wanted = self._resolve(connection, trainee_key(trainee))
                keys = [key for key, (target, _) in names.items() if target == wanted] or [wanted]
                clauses.append(f"trainee_key IN ({', '.join('?' * len(keys))})")
                values += keys
            if exercise is not None:
                clauses.append("exercise = ?")
                values.append(_text("exercise", exercise))
            where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
            columns = ["trainee_key" if c == "trainee" else c for c in ANSWER_COLUMNS]
            rows = connection.execute(
                f"SELECT {', '.join(columns)} FROM submissions{where} ORDER BY submission_id",
                values,
            ).fetchall()
        table = pd.DataFrame(rows, columns=list(ANSWER_COLUMNS))
        table["trainee"] = table["trainee"].map(lambda key: names.get(key, (key, key))[1])
        return table.astype({"submission_id": "int64", "score": "float64", "trainee": "object"})

    # -- identity: keys, display names, merges
    def _merges(self, connection) -> dict[str, str]:
        return dict(connection.execute("SELECT alias_key, target_key FROM merges").fetchall())

    def _resolve(self, connection, key: str, merges=None) -> str:
        """The key a name's key stands for after the facilitator's merges (followed to the end)."""
        merges = self._merges(connection) if merges is None else merges
        seen = {key}
        while key in merges and merges[key] not in seen:
            key = merges[key]
            seen.add(key)
        return key

    def _display_names(self, connection) -> dict[str, tuple[str, str]]:
        """Every known key -> (the key it resolves to, the name shown for it)."""
        first = {}
        for (name,) in connection.execute(
            "SELECT trainee FROM trainees ORDER BY first_seen, trainee"
        ):
            first.setdefault(trainee_key(name), name)
        for key, name in connection.execute(_FIRST_SPELLINGS):
            first.setdefault(key, name)
        merges = self._merges(connection)
        resolved = {key: self._resolve(connection, key, merges) for key in first}
        return {key: (target, first.get(target, first[key])) for key, target in resolved.items()}

    def canonical_name(self, trainee: str) -> str:
        """The name a trainee's answers are shown under (their first spelling, or the merged-into
        name).

        Examples
        --------
        >>> import tempfile, os
        >>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "p.sqlite"))
        >>> _ = store.submit("Siti Rahma", "01", "1", {})
        >>> store.canonical_name(" siti  rahma")
        'Siti Rahma'
        """
        with self._session() as connection:
            names = self._display_names(connection)
            target = self._resolve(connection, trainee_key(trainee))
        for key, (resolved, shown) in names.items():
            if resolved == target:
                return shown
        return " ".join(_text("trainee", trainee).split())

    def merge_trainees(self, alias: str, into: str) -> None:
        """Show every answer of ``alias`` as answers of ``into`` (undo with
        :meth:`unmerge_trainee`).

        Raises
        ------
        ValueError
            When the two names are the same trainee already, or the merge would go round in a
            circle.
        """
        alias_key, into_key = trainee_key(alias), trainee_key(into)
        with self._session(write=True) as connection:
            if self._resolve(connection, into_key) == self._resolve(connection, alias_key):
                raise ValueError(t("progress.merge_same", alias=alias, into=into))
            connection.execute(
                "INSERT INTO merges (alias_key, target_key, merged_at) VALUES (?, ?, ?)"
                " ON CONFLICT(alias_key) DO UPDATE SET target_key = excluded.target_key,"
                " merged_at = excluded.merged_at",
                (alias_key, into_key, _now()),
            )

    def unmerge_trainee(self, alias: str) -> bool:
        """Undo the merge of ``alias``; return whether there was one."""
        with self._session(write=True) as connection:
            cursor = connection.execute(
                "DELETE FROM merges WHERE alias_key = ?", (trainee_key(alias),)
            )
            return cursor.rowcount > 0

    def merges(self) -> pd.DataFrame:
        """The facilitator's merges: ``alias`` and ``into`` (names as shown), ``merged_at``."""
        with self._session() as connection:
            rows = connection.execute(
                "SELECT alias_key, target_key, merged_at FROM merges ORDER BY merged_at"
            ).fetchall()
            first = dict(connection.execute(_FIRST_SPELLINGS).fetchall())
            for (name,) in connection.execute("SELECT trainee FROM trainees ORDER BY first_seen"):
                first.setdefault(trainee_key(name), name)
        return pd.DataFrame(
            [(first.get(a, a), first.get(b, b), when) for a, b, when in rows],
            columns=["alias", "into", "merged_at"],
        )

    def latest(self, trainee: str, exercise: str) -> dict[str, dict]:
        """The last answer per item of one trainee in one exercise: ``{item: answer}``."""
        table = self.answers(trainee=trainee, exercise=exercise)
        last = table.drop_duplicates("item", keep="last")
        return {item: json.loads(text) for item, text in zip(last["item"], last["answer_json"])}

    def remember_trainee(self, trainee: str) -> str:
        """Record that ``trainee`` works here now (first and last seen, OS user); return the name
        their answers are kept under (an earlier spelling of the same name, or the merged-into
        name)."""
        trainee = self.canonical_name(trainee)
        now = _now()
        with self._session(write=True) as connection:
            connection.execute(
                "INSERT INTO trainees (trainee, os_user, first_seen, last_seen) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(trainee) DO UPDATE SET last_seen = excluded.last_seen,"
                " os_user = excluded.os_user",
                (trainee, current_os_user(), now, now),
            )
        return trainee

    def trainees(self) -> pd.DataFrame:
        """Known trainees, most recent first: ``trainee``, ``os_user``, ``first_seen``,
        ``last_seen``.

        One row per trainee: spellings of one name and merged names show as one (their shown name).
        """
        with self._session() as connection:
            names = self._display_names(connection)
            rows = connection.execute(
                "SELECT trainee, os_user, first_seen, last_seen FROM trainees"
                " ORDER BY last_seen DESC"
            ).fetchall()
        table = pd.DataFrame(rows, columns=["trainee", "os_user", "first_seen", "last_seen"])
        table["trainee"] = [
            names.get(trainee_key(name), (None, name))[1] for name in table["trainee"]
        ]
        return table.drop_duplicates("trainee", keep="first").reset_index(drop=True)

    def last_trainee(self, os_user: str | None = None) -> str | None:
        """The name last used by this computer account (to offer it again), or None."""
        user = current_os_user() if os_user is None else os_user
        with self._session() as connection:
            row = connection.execute(
                "SELECT trainee FROM trainees WHERE os_user = ? ORDER BY last_seen DESC LIMIT 1",
                (user,),
            ).fetchone()
        return self.canonical_name(row[0]) if row else None

    def answered_items(self, trainee: str) -> int:
        """How many answers ``trainee`` has: questions answered (each counted once however often
        sent).
        """
        table = self.answers(trainee=trainee)
        return int(table[["exercise", "item"]].drop_duplicates().shape[0])

    # -- drafts: text typed but not yet checked (exercise 06), one per item
    def save_draft(self, trainee: str, exercise: str, item: str, text: str) -> None:
        """Keep the text a trainee is typing (replaces the earlier draft of that item)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be text, got {type(text).__name__}")
        if len(text) > MAX_ANSWER_CHARS:
            raise ValueError(t("saferoom.text.too_long", length=len(text), limit=MAX_ANSWER_CHARS))
        with self._session(write=True) as connection:
            key = self._resolve(connection, trainee_key(trainee))
            connection.execute(
                "INSERT INTO drafts (trainee_key, exercise, item, text, saved_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(trainee_key, exercise, item) DO UPDATE SET"
                " text = excluded.text, saved_at = excluded.saved_at",
                (key, _text("exercise", exercise), _text("item", item), text, _now()),
            )

    def drafts(self, trainee: str, exercise: str) -> dict[str, str]:
        """The drafts newer than the last submission of their item: ``{item: text}``."""
        last = self.answers(trainee=trainee, exercise=exercise)
        sent = dict(zip(last["item"], last["submitted_at"]))
        with self._session() as connection:
            key = self._resolve(connection, trainee_key(trainee))
            rows = connection.execute(
                "SELECT item, text, saved_at FROM drafts WHERE trainee_key = ? AND exercise = ?",
                (key, _text("exercise", exercise)),
            ).fetchall()
        return {item: text for item, text, at in rows if at > sent.get(item, "")}

    # -- personal codes (the workshop server's sign-in)
    def _code_row(self, connection, key: str):
        return connection.execute(
            "SELECT code_hash, set_at, set_by FROM trainee_codes WHERE trainee_key = ?", (key,)
        ).fetchone()

    def _has_answers(self, connection, key: str) -> bool:
        names = self._display_names(connection)
        keys = [k for k, (target, _) in names.items() if target == key] or [key]
        row = connection.execute(
            f"SELECT 1 FROM submissions WHERE trainee_key IN ({', '.join('?' * len(keys))})"
            " LIMIT 1",
            keys,
        ).fetchone()
        return row is not None

    def code_status(self, trainee: str) -> str:
        """``"set"`` (has a code), ``"new"`` (no code, no answers: the first sign-in chooses
        one) or ``"needs_facilitator"`` (answers but no code: the facilitator issues one)."""
        with self._session() as connection:
            key = self._resolve(connection, trainee_key(trainee))
            if self._code_row(connection, key) is not None:
                return "set"
            return "needs_facilitator" if self._has_answers(connection, key) else "new"

    def code_stamp(self, trainee: str) -> str | None:
        """A short fingerprint of the trainee's current code (changes when the code is reset)."""
        with self._session() as connection:
            row = self._code_row(connection, self._resolve(connection, trainee_key(trainee)))
        return None if row is None else row[0].rsplit("$", 1)[-1][:16]

    def sign_in(self, trainee: str, code: str) -> tuple[str, str]:
        """Check a name and its personal code; return ``(result, name shown)``.

        ``result`` is ``"ok"`` (the code is right), ``"new"`` (a new name: ``code`` is now its
        code), ``"wrong"`` or ``"needs_facilitator"`` (answers but no code yet).

        Examples
        --------
        >>> import tempfile, os
        >>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "p.sqlite"))
        >>> store.sign_in("Korban Satu", "2468")
        ('new', 'Korban Satu')
        >>> store.sign_in("korban  SATU", "1111")
        ('wrong', 'Korban Satu')
        >>> store.sign_in("korban  SATU", "2468")
        ('ok', 'Korban Satu')
        """
        code = personal_code(code)
        name = self.canonical_name(trainee)
        with self._session() as connection:
            key = self._resolve(connection, trainee_key(trainee))
            row = self._code_row(connection, key)
            if row is None and self._has_answers(connection, key):
                return "needs_facilitator", name
        if row is not None:
            return ("ok" if verify_code(code, row[0]) else "wrong"), name
        stored = hash_code(code)
        with self._session(write=True) as connection:
            cursor = connection.execute(
                "INSERT INTO trainee_codes (trainee_key, code_hash, set_at, set_by)"
                " VALUES (?, ?, ?, 'peserta') ON CONFLICT(trainee_key) DO NOTHING",
                (key, stored, _now()),
            )
            if cursor.rowcount == 0:  # someone signed in with this new name a moment ago
                row = self._code_row(connection, key)
                return ("ok" if verify_code(code, row[0]) else "wrong"), name
        return "new", self.remember_trainee(name)  # its first spelling is the name shown

    def issue_code(self, trainee: str, code: str | None = None) -> str:
        """Give ``trainee`` a new code (the facilitator's reset or approval); return it.

        Any earlier code stops working, and so do the sign-ins made with it.
        """
        code = personal_code(code) if code is not None else issue_code()
        with self._session(write=True) as connection:
            key = self._resolve(connection, trainee_key(trainee))
            connection.execute(
                "INSERT INTO trainee_codes (trainee_key, code_hash, set_at, set_by) VALUES (?, "
                "?, ?, 'fasilitator') ON CONFLICT(trainee_key) DO UPDATE SET code_hash = "
                "excluded.code_hash, set_at = excluded.set_at, set_by = excluded.set_by",
                (key, hash_code(code), _now()),
            )
        return code

    def codes(self) -> pd.DataFrame:
        """Who has a personal code: ``trainee`` (name shown), ``set_at``, ``set_by``; no code
        itself.
        """
        with self._session() as connection:
            names = self._display_names(connection)
            rows = connection.execute(
                "SELECT trainee_key, set_at, set_by FROM trainee_codes ORDER BY set_at"
            ).fetchall()
        return pd.DataFrame(
            [(names.get(key, (key, key))[1], at, by) for key, at, by in rows],
            columns=["trainee", "set_at", "set_by"],
        )


def _is_wal(connection) -> bool:
    return connection.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
