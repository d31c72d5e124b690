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
unreliable on network file systems (NFS, SMB).

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

__all__ = ["ANSWER_COLUMNS", "DEFAULT_PATH", "ENV_VAR", "ProgressStore", "default_path"]

ENV_VAR = "KINERJA_SIM_PROGRESS"
DEFAULT_PATH = Path("~/.kinerja-sim/progress.sqlite")
ANSWER_COLUMNS = ("submission_id", "trainee", "exercise", "item", "answer_json", "score",
                  "feedback", "submitted_at")
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
"""


def default_path() -> Path:
    """The store's file: ``$KINERJA_SIM_PROGRESS``, else ``~/.kinerja-sim/progress.sqlite``."""
    configured = os.environ.get(ENV_VAR, "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_PATH.expanduser()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):   # no login name in some containers
        return ""


def _text(name: str, value) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text, got {type(value).__name__}")
    value = " ".join(value.split())
    if not value:
        raise ValueError(f"{name} must not be empty")
    return value


class ProgressStore:
    """Trainees' submissions in one SQLite file, safe for many writers at once.

    Parameters
    ----------
    path : str or Path, optional
        The SQLite file (created with its folder when missing). Default:
        :func:`default_path`.
    """

    def __init__(self, path=None):
        self.path = Path(path).expanduser() if path is not None else default_path()
        if self.path.exists() and self.path.is_dir():
            raise ValueError(f"path {str(self.path)!r} is a folder; give a file name such as progress.sqlite")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(_SCHEMA)

    def __repr__(self) -> str:
        return f"ProgressStore({str(self.path)!r})"

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        connection.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        return connection

    def submit(self, trainee: str, exercise: str, item: str, answer: dict, *, score=None,
               feedback=None) -> int:
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
            if isinstance(score, bool) or not isinstance(score, numbers.Real) or not math.isfinite(score):
                raise TypeError(f"score must be a finite number or None, got {score!r}")
            score = float(score)
        if feedback is not None and not isinstance(feedback, str):
            raise TypeError(f"feedback must be text or None, got {type(feedback).__name__}")
        with closing(self._connect()) as connection, connection:
            cursor = connection.execute(
                "INSERT INTO submissions (trainee, exercise, item, answer_json, score, feedback, submitted_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (trainee, exercise, item, answer_json, score, feedback, _now()))
            return int(cursor.lastrowid)

    def answers(self, *, trainee=None, exercise=None) -> pd.DataFrame:
        """Every submission (optionally of one trainee and/or one exercise), oldest first.

        Returns
        -------
        DataFrame
            ``submission_id``, ``trainee``, ``exercise``, ``item``, ``answer_json``,
            ``score`` (float, NaN when none), ``feedback``, ``submitted_at`` (ISO text, UTC).
        """
        clauses, values = [], []
        for column, value in (("trainee", trainee), ("exercise", exercise)):
            if value is not None:
                clauses.append(f"{column} = ?")
                values.append(_text(column, value))
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with closing(self._connect()) as connection:
            rows = connection.execute(
                f"SELECT {', '.join(ANSWER_COLUMNS)} FROM submissions{where} ORDER BY submission_id",
                values).fetchall()
        table = pd.DataFrame(rows, columns=list(ANSWER_COLUMNS))
        return table.astype({"submission_id": "int64", "score": "float64"})

    def latest(self, trainee: str, exercise: str) -> dict[str, dict]:
        """The last answer per item of one trainee in one exercise: ``{item: answer}``."""
        table = self.answers(trainee=trainee, exercise=exercise)
        last = table.drop_duplicates("item", keep="last")
        return {item: json.loads(text) for item, text in zip(last["item"], last["answer_json"])}

    def remember_trainee(self, trainee: str) -> str:
        """Record that ``trainee`` works here now (first and last seen, OS user); return the name."""
        trainee = _text("trainee", trainee)
        now = _now()
        with closing(self._connect()) as connection, connection:
            connection.execute(
                "INSERT INTO trainees (trainee, os_user, first_seen, last_seen) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(trainee) DO UPDATE SET last_seen = excluded.last_seen,"
                " os_user = excluded.os_user", (trainee, _os_user(), now, now))
        return trainee

    def trainees(self) -> pd.DataFrame:
        """Known trainees, most recent first: ``trainee``, ``os_user``, ``first_seen``, ``last_seen``."""
        with closing(self._connect()) as connection:
            rows = connection.execute("SELECT trainee, os_user, first_seen, last_seen FROM trainees"
                                      " ORDER BY last_seen DESC").fetchall()
        return pd.DataFrame(rows, columns=["trainee", "os_user", "first_seen", "last_seen"])

    def last_trainee(self, os_user: str | None = None) -> str | None:
        """The name last used by this computer account (to offer it again), or None."""
        user = _os_user() if os_user is None else os_user
        with closing(self._connect()) as connection:
            row = connection.execute("SELECT trainee FROM trainees WHERE os_user = ?"
                                     " ORDER BY last_seen DESC LIMIT 1", (user,)).fetchone()
        return row[0] if row else None
