"""Reading appraisal exports into rows of text, keeping each row's number in the file.

CSV (any of the separators ``,`` ``;`` tab ``|``, found by sniffing) in UTF-8 with or
without BOM, UTF-16 (Excel's "Unicode Text"), or, as a fall-back with a notice, cp1252 and
latin-1; Excel workbooks (.xlsx, .xlsm with openpyxl; the old binary .xls with xlrd) with one
or several sheets; and JSON as the SIASN API returns it (a list of records, or an object whose
``data`` holds the list; field names become headers, record k is row k). Every cell becomes
text exactly as stored, so that a NIP damaged by Excel (``1.98001012005011E+17``) can be
recognised and reported instead of silently read as a number.

Row numbers are those a user sees in the file: in a CSV the line where the record starts
(line 1 is the first line), in Excel the row number of the sheet.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io as _io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from kinerja_sim._core.i18n import t

__all__ = [
    "CSV_SUFFIXES",
    "EXCEL_SUFFIXES",
    "JSON_SUFFIXES",
    "OLD_EXCEL_SUFFIXES",
    "RawTable",
    "cell_text",
    "read_tables",
]

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
OLD_EXCEL_SUFFIXES = (".xls",)
JSON_SUFFIXES = (".json",)
_SEPARATORS = {";": "titik koma (;)", ",": "koma (,)", "\t": "tab", "|": "garis tegak (|)"}
_FALLBACK_ENCODINGS = ("cp1252", "latin-1")


@dataclass
class RawTable:
    """One table of text cells: ``rows`` is a list of (row number in the file, cells)."""

    rows: list[tuple[int, list[str]]]
    sheet: str | None = None
    encoding: str | None = None
    separator: str | None = None
    notices: list[str] = field(default_factory=list)
    sheets: tuple[str, ...] = ()


def cell_text(value) -> str:
    """A cell value as text, the way a careful export would write it.

    Examples
    --------
    >>> cell_text(198001012005011001.0)
    '1.98001012005011E+17'
    >>> cell_text(12.0), cell_text(2.5), cell_text(None), cell_text("  Baik ")
    ('12', '2.5', '', 'Baik')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15G")
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value).strip()


def read_tables(path, *, sheet=None, encoding=None, lang=None) -> list[RawTable]:
    """The tables of a file: one for a CSV, one per sheet (or the chosen ``sheet``) for Excel.

    Raises
    ------
    FileNotFoundError
        When the file does not exist.
    ValueError
        For an empty file, an unknown format, a broken workbook or JSON, or a
        sheet that is not there; the message says what to do, in Bahasa Indonesia.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(t("byod.file_missing", lang, name=path.name))
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(path, sheet, lang)
    if suffix in OLD_EXCEL_SUFFIXES or _looks_like_old_excel(path):
        return _read_xls(path, sheet, lang)
    if suffix == ".ods":
        raise ValueError(t("byod.xls_old", lang, name=path.name))
    if suffix in JSON_SUFFIXES:
        return [_read_json(path, lang)]
    if suffix in CSV_SUFFIXES or suffix == "":
        return [_read_csv(path, encoding, lang)]
    raise ValueError(t("byod.format_unknown", lang, name=path.name, suffix=suffix or "?"))


def _looks_like_old_excel(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: .xls saved as .csv


def _decode(data: bytes, encoding, lang) -> tuple[str, str, list[str]]:
    """Text, the encoding used and notices (a fall-back from UTF-8 is announced)."""
    if encoding is not None:
        return data.decode(encoding), encoding, []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16", [t("byod.notice.utf16", lang)]
    try:
        return data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError:
        pass
    for candidate in _FALLBACK_ENCODINGS:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        return text, candidate, [t("byod.notice.encoding", lang, encoding=candidate)]
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _sniff(text: str) -> str:
    """The separator whose records most often share the same number (above 1) of fields."""
    sample = [line for line in text.splitlines()[:60] if line.strip()]
    best, best_score = ",", (-1, 0)
    for separator in _SEPARATORS:
        counts = [len(record) for record in csv.reader(sample, delimiter=separator)]
        counts = [count for count in counts if count > 1]
        if not counts:
            continue
        modal = max(set(counts), key=counts.count)
        score = (counts.count(modal), modal)
        if score > best_score:
            best, best_score = separator, score
    return best


def _read_csv(path: Path, encoding, lang) -> RawTable:
    data = path.read_bytes()
    if not data.strip():
        raise ValueError(t("byod.file_empty", lang, name=path.name))
    try:
        text, used, notices = _decode(data, encoding, lang)
    except (UnicodeDecodeError, LookupError):
        raise ValueError(
            t("byod.encoding_failed", lang, name=path.name, encoding=encoding)
        ) from None
    separator = _sniff(text)
    notices.append(t("byod.notice.separator", lang, separator=_SEPARATORS[separator]))
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=separator)
    rows, start = [], 1
    for record in reader:
        rows.append((start, [cell.strip() for cell in record]))
        start = reader.line_num + 1
    return RawTable(rows, None, used, separator, notices)


def _read_excel(path: Path, sheet, lang) -> list[RawTable]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ValueError(
            t("byod.excel_broken", lang, name=path.name, problem=type(error).__name__)
        ) from None
    try:
        names = all_names = tuple(workbook.sheetnames)
        if sheet is not None:
            chosen = (
                names[sheet]
                if isinstance(sheet, int) and -len(names) <= sheet < len(names)
                else sheet
            )
            if chosen not in names:
                raise ValueError(
                    t(
                        "byod.sheet_missing",
                        lang,
                        sheet=sheet,
                        name=path.name,
                        sheets=", ".join(f'"{n}"' for n in names),
                    )
                )
            names = [chosen]
        return [_sheet_table(workbook[name], name, all_names) for name in names]
    finally:
        workbook.close()


def _sheet_table(worksheet, name: str, sheets) -> RawTable:
    first = worksheet.min_row or 1
    rows = [
        (first + offset, [cell_text(value) for value in values])
        for offset, values in enumerate(worksheet.iter_rows(values_only=True))
    ]
    return RawTable(rows, name, sheets=tuple(sheets))


def _pick_sheets(names, sheet, path, lang):
    if sheet is None:
        return list(names)
    chosen = names[sheet] if isinstance(sheet, int) and -len(names) <= sheet < len(names) else sheet
    if chosen not in names:
        raise ValueError(
            t(
                "byod.sheet_missing",
                lang,
                sheet=sheet,
                name=path.name,
                sheets=", ".join(f'"{n}"' for n in names),
            )
        )
    return [chosen]


def _read_xls(path: Path, sheet, lang) -> list[RawTable]:
    """An old binary Excel workbook (.xls, BIFF) through xlrd; dates become ISO text."""
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception as error:  # noqa: BLE001 - xlrd raises many kinds (CompDocError, struct.error, ...)
        raise ValueError(
            t("byod.xls_broken", lang, name=path.name, problem=type(error).__name__)
        ) from None
    try:
        names = tuple(book.sheet_names())
        tables = []
        for name in _pick_sheets(names, sheet, path, lang):
            worksheet = book.sheet_by_name(name)
            rows = []
            for index in range(worksheet.nrows):
                cells = []
                for cell in worksheet.row(index):
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        cells.append(cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode)))
                    elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                        cells.append(cell_text(bool(cell.value)))
                    elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                        cells.append("")
                    else:
                        cells.append(cell_text(cell.value))
                rows.append((index + 1, cells))
            tables.append(RawTable(rows, name, sheets=names))
        return tables
    finally:
        book.release_resources()


def _records(body):
    """The list of records in a JSON body: a list of objects, or the first such list under a key."""
    if isinstance(body, list) and body and all(isinstance(item, dict) for item in body):
        return body
    if isinstance(body, dict):
        for key in ("data", "result", "results", "rows", "records", "items"):
            if key in body:
                found = _records(body[key])
                if found is not None:
                    return found
        for value in body.values():
            found = _records(value) if isinstance(value, (list, dict)) else None
            if found is not None:
                return found
    return None


def _json_cell(value) -> str:
    if isinstance(value, (dict, list)):
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return cell_text(value)


def _read_json(path: Path, lang) -> RawTable:
    """JSON records (the SIASN API shape) as a table: headers in first-seen order, record k = row k."""
    data = path.read_bytes()
    if not data.strip():
        raise ValueError(t("byod.file_empty", lang, name=path.name))
    try:
        body = json.loads(data.decode("utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(
            t("byod.json_broken", lang, name=path.name, problem=type(error).__name__)
        ) from None
    records = _records(body)
    if records is None:
        raise ValueError(t("byod.json_shape", lang, name=path.name))
    headers = list(dict.fromkeys(key for record in records for key in record))
    rows = [(0, headers)] + [
        (number, [_json_cell(record.get(key)) for key in headers])
        for number, record in enumerate(records, start=1)
    ]
    return RawTable(rows, None, "utf-8", None, [t("byod.notice.json", lang, n=len(records))])
