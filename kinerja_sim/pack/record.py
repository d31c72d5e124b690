"""The training record an agency files: one row per trainee who completed the workshop.

The columns are what a training record (riwayat diklat, e.g. as entered in SIASN or an
agency's own register) needs, and nothing more: the name as the trainee confirmed it, the
NIP where they gave one, the course title, the training hours (JP), the first and last day,
the organiser, the place, the certificate's verification code and the exercises completed,
plus whether the name was confirmed by the trainee. No answer, score, feedback text or
sign-in name leaves the store through this file, and the trainee's result only when they
agreed to it (it is on the certificate, not in the record). Written with the kit's one safe
writer (:mod:`kinerja_sim._core.sheets`): a name that starts with ``=`` stays text.

Columns (``record_table``; the file's headers are their Indonesian labels from the catalogue):
``name``, ``nip``, ``course_title``, ``hours``, ``start``, ``end``, ``organiser``, ``place``,
``certificate_code``, ``exercises_completed``, ``name_confirmed``.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pandas as pd

from kinerja_sim._core import sheets
from kinerja_sim._core.i18n import t
from kinerja_sim.pack.certificates import certificates, exercise_label
from kinerja_sim.training.workshop_info import record_issued

__all__ = ["RECORD_COLUMNS", "record_table", "write_record"]

RECORD_COLUMNS = (
    "name",
    "nip",
    "course_title",
    "hours",
    "start",
    "end",
    "organiser",
    "place",
    "certificate_code",
    "exercises_completed",
    "name_confirmed",
)


def record_table(store_path, *, lang=None) -> pd.DataFrame:
    """One row per certificate of the store (:func:`kinerja_sim.pack.certificates.certificates`).

    Returns
    -------
    DataFrame
        :data:`RECORD_COLUMNS`; ``hours`` int, ``start`` and ``end`` dates, ``name_confirmed``
        bool, ``exercises_completed`` the exercises' names joined by "; ".
    """
    rows = []
    for certificate in certificates(store_path):
        f = certificate.fields
        rows.append(
            {
                "name": f["name"],
                "nip": f["nip"],
                "course_title": f["title"],
                "hours": int(f["hours"]),
                "start": _dt.date.fromisoformat(f["start"]),
                "end": _dt.date.fromisoformat(f["end"]),
                "organiser": f["organiser"],
                "place": f["place"],
                "certificate_code": certificate.code,
                "exercises_completed": "; ".join(exercise_label(ex, lang) for ex in f["exercises"]),
                "name_confirmed": bool(f["name_confirmed"]),
            }
        )
    return pd.DataFrame(rows, columns=list(RECORD_COLUMNS))


def _shown(table: pd.DataFrame, lang) -> pd.DataFrame:
    out = table.copy()
    yes, no = t("ui.yes", lang), t("ui.no", lang)
    out["name_confirmed"] = out["name_confirmed"].map({True: yes, False: no})
    return out.rename(columns={c: t(f"pack.record.{c}", lang) for c in RECORD_COLUMNS})


def write_record(store_path, out, *, lang=None) -> Path:
    """Write the training record to ``out``: ``.csv`` (UTF-8) or ``.xlsx`` (one sheet).

    The codes in the record are remembered as issued, like :func:`write_certificates` does, so
    a code copied from the record verifies too.
    """
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(t("pack.record.bad_suffix", path=path.name))
    issued = certificates(store_path)
    record_issued(store_path, [(c.code, c.trainee, c.fields) for c in issued])
    table = _shown(record_table(store_path, lang=lang), lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        for column in (t("pack.record.start", lang), t("pack.record.end", lang)):
            table[column] = table[column].map(lambda d: d.isoformat())
        return sheets.write_csv(table, path)
    return sheets.write_workbook({t("pack.record.sheet", lang): table}, path)
