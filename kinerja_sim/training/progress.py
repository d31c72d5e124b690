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

import getpass
import json
import math
import numbers
import os
import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from kinerja_sim._core.i18n import t
from kinerja_sim._core.names import name_key, normalise_name

__all__ = [
    "ANSWER_COLUMNS",
    "DEFAULT_PATH",
    "ENV_VAR",
    "ProgressStore",
    "default_path",
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
"""

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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with closing(self._connect()) as connection:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.executescript(_SCHEMA)
                self._add_trainee_keys(connection)
        except sqlite3.DatabaseError as error:
            raise ValueError(t("progress.not_a_store", path=self.path, problem=error)) from None

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
        with closing(self._connect()) as connection, connection:
            cursor = connection.execute(
                "INSERT INTO submissions (trainee, trainee_key, exercise, item, answer_json, score, feedback,"
                " submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
        with closing(self._connect()) as connection:
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
        """The name a trainee's answers are shown under (their first spelling, or the merged-into name).

        Examples
        --------
        >>> import tempfile, os
        >>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "p.sqlite"))
        >>> _ = store.submit("Siti Rahma", "01", "1", {})
        >>> store.canonical_name(" siti  rahma")
        'Siti Rahma'
        """
        with closing(self._connect()) as connection:
            names = self._display_names(connection)
            target = self._resolve(connection, trainee_key(trainee))
        for key, (resolved, shown) in names.items():
            if resolved == target:
                return shown
        return " ".join(_text("trainee", trainee).split())

    def merge_trainees(self, alias: str, into: str) -> None:
        """Show every answer of ``alias`` as answers of ``into`` (undo with :meth:`unmerge_trainee`).

        Raises
        ------
        ValueError
            When the two names are the same trainee already, or the merge would go round in a circle.
        """
        alias_key, into_key = trainee_key(alias), trainee_key(into)
        with closing(self._connect()) as connection, connection:
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
        with closing(self._connect()) as connection, connection:
            cursor = connection.execute(
                "DELETE FROM merges WHERE alias_key = ?", (trainee_key(alias),)
            )
            return cursor.rowcount > 0

    def merges(self) -> pd.DataFrame:
        """The facilitator's merges: ``alias`` and ``into`` (names as shown), ``merged_at``."""
        with closing(self._connect()) as connection:
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
        their answers are kept under (an earlier spelling of the same name, or the merged-into name)."""
        trainee = self.canonical_name(trainee)
        now = _now()
        with closing(self._connect()) as connection, connection:
            connection.execute(
                "INSERT INTO trainees (trainee, os_user, first_seen, last_seen) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(trainee) DO UPDATE SET last_seen = excluded.last_seen,"
                " os_user = excluded.os_user",
                (trainee, current_os_user(), now, now),
            )
        return trainee

    def trainees(self) -> pd.DataFrame:
        """Known trainees, most recent first: ``trainee``, ``os_user``, ``first_seen``, ``last_seen``.

        One row per trainee: spellings of one name and merged names show as one (their shown name).
        """
        with closing(self._connect()) as connection:
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
        with closing(self._connect()) as connection:
            row = connection.execute(
                "SELECT trainee FROM trainees WHERE os_user = ? ORDER BY last_seen DESC LIMIT 1",
                (user,),
            ).fetchone()
        return self.canonical_name(row[0]) if row else None
