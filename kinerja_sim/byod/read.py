"""Bring your own appraisal data: read exports of e-Kinerja or a regional system, safely.

:func:`read_appraisals` reads a CSV or Excel export (one row per employee and period) with a
documented column mapping (``kinerja_sim/data/column_mapping.yaml``), checks every row
against the schema, and replaces NIPs, names and rater identities by keyed pseudonyms on
load. Bad rows are listed with their row number in the file and a message in Bahasa
Indonesia; good rows are kept; nothing is dropped silently.

Privacy guarantee: the returned object holds no NIP, no name and no rater identity from the
file, and never the key; columns that are not in the mapping (e-mail, telephone, remarks)
are not read at all. ``tests/test_io_privacy.py`` plants identifiers in an export, runs the
whole chain (reading, analyses, fit, CSV/Excel/PNG exports, the notebook) and searches
every output for them.

Examples
--------
>>> from kinerja_sim.byod.read import example_path, read_appraisals
>>> result = read_appraisals(example_path("csv"), key="kunci-contoh-dokumentasi-2025")
>>> result.data["employee_id"].str.startswith("PG-").all()
np.True_
>>> result.problems[["row", "kind", "kept"]].head(3)
   row            kind   kept
0    5  nip_scientific  False
1   12      nip_length  False
2   20   label_unknown  False
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja_sim.byod.files import read_tables
from kinerja_sim.byod.pseudonym import Pseudonymiser, new_key, read_key
from kinerja_sim.byod.schema import (column_mapping, display, find_header, match_headers, missing_required,
                                     validate_rows)
from kinerja_sim.i18n import t

__all__ = ["DATA_COLUMNS", "RATING_CODES", "Appraisals", "column_mapping", "example_path", "new_key", "read_appraisals",
           "read_key"]

#: Columns of :attr:`Appraisals.data` (always all of them; empty text when the file lacks one).
DATA_COLUMNS = ["row", "employee_id", "rater_id", "unit_kerja", "sub_unit_kerja", "jabatan", "periode",
                "rating_hasil_kerja", "rating_perilaku_kerja", "predikat", "predikat_organisasi",
                "kode_hasil_kerja", "kode_perilaku_kerja"]
#: Ordinal codes of the rating labels used by the analyses and the fit (documented choice).
RATING_CODES = {"Di Bawah Ekspektasi": 1, "Sesuai Ekspektasi": 2, "Di Atas Ekspektasi": 3}
_EXAMPLE = Path(__file__).resolve().parents[2] / "datasets" / "contoh_ekspor"


def example_path(kind: str = "csv") -> Path:
    """The shipped synthetic export ``datasets/contoh_ekspor/ekspor_ekinerja.{csv,xlsx}``."""
    return _EXAMPLE / f"ekspor_ekinerja.{'xlsx' if kind == 'xlsx' else 'csv'}"


@dataclass(frozen=True)
class Appraisals:
    """The result of :func:`read_appraisals`.

    Attributes
    ----------
    data : DataFrame
        Good rows, pseudonymised; columns :data:`DATA_COLUMNS`: ``row`` (row number in the
        file), ``employee_id`` (``PG-…``), ``rater_id`` (``PN-…``), ``unit_kerja`` (as in
        the file, or ``UK-…``), ``sub_unit_kerja``, ``jabatan``, ``periode``, the two
        ratings and ``predikat`` as canonical labels, ``predikat_organisasi`` (canonical
        or empty) and ``kode_hasil_kerja``/``kode_perilaku_kerja`` (1 = Di Bawah, 2 =
        Sesuai, 3 = Di Atas Ekspektasi).
    problems : DataFrame
        One row per problem: ``row``, ``column`` (header in the file), ``field``, ``kind``,
        ``value`` (masked for identifiers), ``message``, ``kept`` (False: the row is not
        in ``data``; True: a warning, the row is used).
    notices : tuple of str
        How the file was read: encoding, separator, sheet, header row, unused columns.
    source : dict
        ``file`` (name only), ``sheet``, ``encoding``, ``separator``, ``header_row``,
        ``columns`` (field -> header in the file), ``total_rows``.
    """

    data: pd.DataFrame
    problems: pd.DataFrame
    notices: tuple[str, ...]
    source: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return (f"<Appraisals {self.source.get('file')!r}: {len(self.data)} rows used, "
                f"{self.n_rejected} rows not used, {int(self.problems['kept'].sum())} warnings>")

    @property
    def n_rejected(self) -> int:
        """Number of data rows of the file that are not in :attr:`data`."""
        return int(self.problems.loc[~self.problems["kept"], "row"].nunique())

    def summary(self, lang=None) -> str:
        """A short report in Bahasa Indonesia (or ``lang="en"``): counts, problems by kind, notices."""
        warnings = int(self.problems.loc[self.problems["kept"], "row"].nunique())
        lines = [t("io.summary.head", lang, name=self.source.get("file"), total=self.source.get("total_rows"),
                   good=len(self.data), bad=self.n_rejected, warnings=warnings),
                 t("io.summary.counts", lang, employees=self.data["employee_id"].nunique(),
                   raters=self.data["rater_id"].nunique(), units=self.data["unit_kerja"].nunique())]
        for (column, kind), count in self.problems.groupby(["column", "kind"], sort=False).size().items():
            lines.append(t("io.summary.problem_kind", lang, count=count, column=column, kind=t(f"io.kind.{kind}", lang)))
        return "\n".join(lines + [f"- {notice}" for notice in self.notices])

    def ratings(self) -> pd.DataFrame:
        """The ratings in long form for the metrics: ``rater_id``, ``employee_id``, ``unit_kerja``,
        ``dimension`` ("hasil_kerja" or "perilaku_kerja"), ``label`` and ``score`` (code 1–3)."""
        frames = []
        for dimension in ("hasil_kerja", "perilaku_kerja"):
            part = self.data[["rater_id", "employee_id", "unit_kerja"]].copy()
            part["dimension"] = dimension
            part["label"] = self.data[f"rating_{dimension}"]
            part["score"] = self.data[f"kode_{dimension}"].astype(float)
            frames.append(part)
        return pd.concat(frames, ignore_index=True)

    def save(self, folder, *, excel: bool = False) -> list[Path]:
        """Write ``data.csv``, ``masalah.csv`` and ``ringkasan.txt`` (and ``data.xlsx``) into ``folder``."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = [folder / "data.csv", folder / "masalah.csv", folder / "ringkasan.txt"]
        self.data.to_csv(written[0], index=False, lineterminator="\n")
        self.problems.to_csv(written[1], index=False, lineterminator="\n")
        written[2].write_text(self.summary() + "\n", encoding="utf-8")
        if excel:
            written.append(folder / "data.xlsx")
            with pd.ExcelWriter(written[-1], engine="openpyxl") as writer:
                self.data.to_excel(writer, sheet_name="data", index=False)
                self.problems.to_excel(writer, sheet_name="masalah", index=False)
        return written


@cache
def _matrix():
    from kinerja_sim import rules

    return rules.load("permenpanrb-6-2022").predicate


def _choose_table(tables, columns, name, lang):
    """The first table whose header row has every required column, with its header index."""
    described = []
    for table in tables:
        rows = [(number, cells) for number, cells in table.rows if any(cells)]
        index = find_header(rows, columns)
        headers = rows[index][1] if index is not None else (rows[0][1] if rows else [])
        found, _, _ = match_headers(headers, columns, lang)
        missing = missing_required(found)
        if index is not None and not missing:
            return table, rows[index][0]
        described.append((table, headers, missing))
    if len(tables) == 1:
        _, headers, missing = described[0]
        if not any(table.rows and any(c for _, cells in table.rows for c in cells) for table in tables):
            raise ValueError(t("io.file_empty", lang, name=name))
        raise ValueError(t("io.missing_columns", lang, missing=", ".join(_names(missing, lang)),
                           found=_listing(headers), example=missing[0] if missing[0] != "penilai" else "nip_penilai"))
    found = " ".join(t("io.sheet_columns", lang, sheet=table.sheet, columns=_listing(headers))
                     for table, headers, _ in described)
    required = ", ".join(display(f) for f in ("nip", "unit_kerja", "rating_hasil_kerja", "rating_perilaku_kerja"))
    raise ValueError(t("io.no_sheet", lang, name=name, required=required + ", " + t("io.rater_column", lang),
                       found=found))


def _names(missing, lang) -> list[str]:
    return [t("io.rater_column", lang) if name == "penilai" else display(name) for name in missing]


def _listing(headers) -> str:
    """Headers for a message; anything that looks like a number (a NIP) is hidden."""
    shown = ["<angka>" if sum(ch.isdigit() for ch in str(h)) >= 6 else f'"{h}"' for h in headers if h]
    return (", ".join(shown[:20]) + (" …" if len(shown) > 20 else "")) or "(tidak ada)"


def _frame(table, header_row, columns, lang):
    """The data rows below the header as a text table with one column per matched field."""
    rows = [(number, cells) for number, cells in table.rows if number > header_row]
    header = next(cells for number, cells in table.rows if number == header_row)
    found, notices, unused = match_headers(header, columns, lang)
    blank = sum(not any(cells) for _, cells in rows)
    rows = [(number, cells) for number, cells in rows if any(cells)]
    data = {name: [cells[i] if i < len(cells) else "" for _, cells in rows] for name, i in found.items()}
    frame = pd.DataFrame({"row": np.array([number for number, _ in rows], dtype=np.int64), **data})
    frame = frame.astype({name: object for name in found})
    if unused:
        notices.append(t("io.notice.unused_columns", lang, columns=_listing(unused)))
    if blank:
        notices.append(t("io.notice.blank_rows", lang, n=blank))
    return frame, {name: header[i] for name, i in found.items()}, notices


def read_appraisals(path, *, key, columns=None, sheet=None, encoding=None, pseudonymise_units: bool = False,
                    lang=None) -> Appraisals:
    """Read an appraisal export (CSV or Excel), check every row and pseudonymise it.

    Parameters
    ----------
    path : str or Path
        A ``.csv``/``.txt``/``.tsv`` file (separator and encoding found automatically) or an
        ``.xlsx`` workbook.
    key : str or bytes
        Your secret for the pseudonyms, at least 16 characters (make one with
        :func:`new_key`, keep it outside the project; read it back with :func:`read_key`).
        The same key gives the same pseudonyms. It is never stored or shown.
    columns : dict, optional
        Extra headers: ``{"Header in your file": "field"}``; fields are those of
        ``column_mapping.yaml`` (``nip``, ``unit_kerja``, ``nip_penilai``, ...).
    sheet : str or int, optional
        The Excel sheet; by default the first sheet that has the required columns.
    encoding : str, optional
        Force a text encoding; by default UTF-8 (with or without BOM), UTF-16, else
        cp1252 or latin-1 with a notice.
    pseudonymise_units : bool
        Replace unit names by ``UK-…`` pseudonyms as well.
    lang : {"id", "en"}, optional
        Language of messages (default Bahasa Indonesia).

    Returns
    -------
    Appraisals
        ``.data`` (good rows, pseudonymised), ``.problems``, ``.notices``, ``.summary()``.

    Raises
    ------
    FileNotFoundError
        The file does not exist.
    ValueError
        The file cannot be used at all (empty, unknown format, a required column missing:
        the message names it and lists the columns found), or the key is missing or short.

    Notes
    -----
    Row numbers are the file's: in a CSV, line 1 is the first line (usually the header,
    so data row k is line k + 1); in Excel, the sheet's row number. Title lines above the
    header are allowed: the header is the row among the first 30 that matches the most
    fields. Labels are matched ignoring case, spaces, punctuation and a trailing
    "Ekspektasi" ("Diatas", "DI ATAS EKSPEKTASI", "DAE"). A row is *not used* when its NIP
    is missing or malformed, its rater or unit is missing, a rating is missing or unknown,
    a predicate is unknown, or the same employee (and period) appears again with other
    contents (identical repeats keep the first). A predicate off the matrix, an unknown
    organisation predicate and a self-rating are warnings (row used).
    """
    pseudonymiser = Pseudonymiser(key)          # checks the key before any work
    name = Path(path).name
    tables = read_tables(path, sheet=sheet, encoding=encoding, lang=lang)
    table, header_row = _choose_table(tables, columns, name, lang)
    frame, headers, notices = _frame(table, header_row, columns, lang)
    notices = table.notices + notices
    if table.sheet is not None:
        notices.insert(0, t("io.notice.sheet", lang, sheet=table.sheet, n=len(table.sheets),
                            sheets=", ".join(f'"{x}"' for x in table.sheets)))
    notices.append(t("io.notice.header_row", lang, row=header_row,
                     first=int(frame["row"].iloc[0]) if len(frame) else header_row + 1))
    if len(frame) == 0:
        raise ValueError(t("io.file_empty", lang, name=name))
    clean, problems = validate_rows(frame, headers, _matrix(), lang)
    data = _pseudonymised(clean, problems, pseudonymiser, pseudonymise_units, notices, lang)
    source = {"file": name, "sheet": table.sheet, "encoding": table.encoding, "separator": table.separator,
              "header_row": header_row, "columns": headers, "total_rows": len(frame)}
    return Appraisals(data, problems, tuple(notices), source)


def _pseudonymised(clean, problems, pseudonymiser, units, notices, lang) -> pd.DataFrame:
    """Good rows with identifiers replaced and names dropped."""
    bad = set(problems.loc[~problems["kept"], "row"])
    good = clean[~clean["row"].isin(bad)].reset_index(drop=True)
    by_name = "nip_penilai" not in good
    if by_name:
        notices.append(t("io.notice.rater_by_name", lang))
    out = pd.DataFrame({"row": good["row"].to_numpy(dtype=np.int64)})
    out["employee_id"] = pseudonymiser.employees(good["nip"])
    out["rater_id"] = pseudonymiser.raters(good["nama_penilai" if by_name else "nip_penilai"], by_name=by_name)
    unit = good["unit_kerja"].astype(str).str.strip()
    out["unit_kerja"] = pseudonymiser.units(unit) if units else unit.to_numpy()
    sub = good.get("sub_unit_kerja", pd.Series("", index=good.index)).fillna("").astype(str).str.strip()
    out["sub_unit_kerja"] = np.where(sub == "", "", pseudonymiser.units(sub)) if units else sub.to_numpy()
    for column in ("jabatan", "periode"):
        out[column] = good.get(column, pd.Series("", index=good.index)).fillna("").astype(str).str.strip().to_numpy()
    out["rating_hasil_kerja"] = good["rating_hasil_kerja"].to_numpy()
    out["rating_perilaku_kerja"] = good["rating_perilaku_kerja"].to_numpy()
    matrix = _matrix()(good["rating_hasil_kerja"], good["rating_perilaku_kerja"]) if len(good) else good["nip"]
    given = good["predikat"] if "predikat" in good else pd.Series(np.nan, index=good.index, dtype=object)
    if "predikat" not in good:
        notices.append(t("io.notice.predicate_computed", lang))
    out["predikat"] = given.where(given.notna(), matrix).to_numpy()
    organisation = good.get("predikat_organisasi", pd.Series(np.nan, index=good.index, dtype=object))
    out["predikat_organisasi"] = organisation.fillna("").to_numpy()
    for dimension in ("hasil_kerja", "perilaku_kerja"):
        out[f"kode_{dimension}"] = good[f"rating_{dimension}"].map(RATING_CODES).to_numpy(dtype=np.int64)
    notices.append(t("io.notice.pseudonyms", lang, units=t("io.notice.units_pseudonymised", lang) if units else ""))
    text = [c for c in DATA_COLUMNS if c not in ("row", "kode_hasil_kerja", "kode_perilaku_kerja")]
    return out.astype({column: str for column in text})[DATA_COLUMNS]

