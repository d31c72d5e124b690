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

A file is read within :data:`LIMITS` (size on disk, size unpacked for a workbook, rows,
columns, characters per cell, JSON nesting): a damaged or hostile file (a header of a million
columns, a JSON nested 10,000 deep, a workbook that unpacks to millions of rows) gets one
Indonesian line saying which limit it passed and what to do, instead of minutes of work, gigabytes
of memory and an English traceback. The limits are far above a kabupaten's or a province's
annual export; a bigger file can be split (per unit or per year) and imported in parts.
Control characters in cells are removed on reading (:func:`kinerja_sim._core.sheets.clean_text`).
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
from kinerja_sim._core.sheets import clean_text

__all__ = [
    "LIMITS",
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

#: The limits of one imported file. A kabupaten's annual export is a few thousand rows and a
#: few MB; a province's quarterly rows of SKP 2022 (about 4 × 60,000) stay below them.
LIMITS = {
    "bytes": 64 * 2**20,  # a CSV or JSON file on disk, and a workbook's compressed size
    "unpacked_bytes": 512 * 2**20,  # a workbook's XML once unpacked (a zip bomb is refused)
    "rows": 300_000,
    "columns": 300,
    "cell_chars": 5_000,
    "json_depth": 64,
}


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
    if isinstance(value, str):
        return clean_text(value).strip()
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
    return clean_text(str(value)).strip()


def _too_big(name: str, limit: str, lang, found=None) -> ValueError:
    """The one line for a file beyond a limit: which limit, the file's value, what to do."""
    return ValueError(
        t(
            f"byod.limit.{limit}",
            lang,
            name=name,
            limit=_limit_text(limit),
            found=_limit_text(limit, found) if found is not None else "",
        )
    )


def _limit_text(limit: str, value=None) -> str:
    from kinerja_sim._core.format import number

    value = LIMITS[limit] if value is None else value
    if limit in ("bytes", "unpacked_bytes"):
        return number(value / 2**20, 0 if value >= 10 * 2**20 else 1, lang="id") + " MB"
    return number(value, 0, lang="id")


def _check_size(path: Path, lang) -> None:
    size = path.stat().st_size
    if size > LIMITS["bytes"]:
        raise _too_big(path.name, "bytes", lang, size)


def _check_row(cells: list, row: int, path: Path, lang) -> None:
    if row > LIMITS["rows"]:
        raise _too_big(path.name, "rows", lang)
    if len(cells) > LIMITS["columns"]:
        raise _too_big(path.name, "columns", lang, len(cells))
    for cell in cells:
        if len(cell) > LIMITS["cell_chars"]:
            raise _too_big(path.name, "cell_chars", lang, len(cell))


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
    head = text[: 60 * LIMITS["columns"] * 64]
    sample = [line for line in head.splitlines()[:60] if line.strip()]
    best, best_score = ",", (-1, 0)
    for separator in _SEPARATORS:
        try:
            counts = [len(record) for record in csv.reader(sample, delimiter=separator)]
        except csv.Error:
            continue
        counts = [count for count in counts if count > 1]
        if not counts:
            continue
        modal = max(set(counts), key=counts.count)
        score = (counts.count(modal), modal)
        if score > best_score:
            best, best_score = separator, score
    return best


def _read_csv(path: Path, encoding, lang) -> RawTable:
    _check_size(path, lang)
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
    try:
        for record in reader:
            cells = [clean_text(cell).strip() for cell in record]
            _check_row(cells, len(rows) + 1, path, lang)
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error:  # a field beyond csv.field_size_limit(): far beyond any real cell
        raise _too_big(path.name, "cell_chars", lang) from None
    return RawTable(rows, None, used, separator, notices)


def _check_unpacked(path: Path, lang) -> None:
    """A workbook is a zip of XML: refuse one whose content unpacks beyond the limit (a zip
    bomb).
    """
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return  # openpyxl reports the broken workbook below
    if unpacked > LIMITS["unpacked_bytes"]:
        raise _too_big(path.name, "unpacked_bytes", lang, unpacked)


def _read_excel(path: Path, sheet, lang) -> list[RawTable]:
    import openpyxl

    _check_size(path, lang)
    _check_unpacked(path, lang)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a damaged workbook
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
        return [_sheet_table(workbook[name], name, all_names, path, lang) for name in names]
    except ValueError:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged sheet inside a readable zip
        raise ValueError(
            t("byod.excel_broken", lang, name=path.name, problem=type(error).__name__)
        ) from None
    finally:
        workbook.close()


def _sheet_table(worksheet, name: str, sheets, path: Path, lang) -> RawTable:
    first = worksheet.min_row or 1
    rows = []
    for offset, values in enumerate(worksheet.iter_rows(values_only=True)):
        if len(values) > LIMITS["columns"]:
            values = _trim_empty(values, path, lang)
        cells = [cell_text(value) for value in values]
        _check_row(cells, offset + 1, path, lang)
        rows.append((first + offset, cells))
    return RawTable(rows, name, sheets=tuple(sheets))


def _trim_empty(values, path: Path, lang):
    """A row of a sheet without its trailing empty cells (Excel often claims far more columns)."""
    values = list(values)
    while values and values[-1] in (None, ""):
        values.pop()
    if len(values) > LIMITS["columns"]:
        raise _too_big(path.name, "columns", lang, len(values))
    return values


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

    _check_size(path, lang)
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
            if worksheet.nrows > LIMITS["rows"]:
                raise _too_big(path.name, "rows", lang)
            if worksheet.ncols > LIMITS["columns"]:
                raise _too_big(path.name, "columns", lang, worksheet.ncols)
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


def _json_depth(body) -> int:
    """The deepest nesting of lists and objects in a parsed JSON body (no recursion)."""
    deepest, stack = 0, [(body, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (list, dict)):
            deepest = max(deepest, depth)
            if deepest > LIMITS["json_depth"]:
                return deepest
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items if isinstance(item, (list, dict)))
    return deepest


def _read_json(path: Path, lang) -> RawTable:
    """JSON records (the SIASN API shape) as a table: headers in first-seen order, record k = row
    k.
    """
    _check_size(path, lang)
    data = path.read_bytes()
    if not data.strip():
        raise ValueError(t("byod.file_empty", lang, name=path.name))
    try:
        body = json.loads(data.decode("utf-8-sig"))
    except RecursionError:  # nested deeper than Python's parser goes (about 1,000)
        raise _too_big(path.name, "json_depth", lang) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(
            t("byod.json_broken", lang, name=path.name, problem=type(error).__name__)
        ) from None
    if _json_depth(body) > LIMITS["json_depth"]:
        raise _too_big(path.name, "json_depth", lang)
    records = _records(body)
    if records is None:
        raise ValueError(t("byod.json_shape", lang, name=path.name))
    if len(records) > LIMITS["rows"]:
        raise _too_big(path.name, "rows", lang)
    headers = [clean_text(str(h)) for h in dict.fromkeys(k for record in records for k in record)]
    keys = list(dict.fromkeys(k for record in records for k in record))
    _check_row(headers, 1, path, lang)
    rows = [(0, headers)] + [
        (number, [_json_cell(record.get(key)) for key in keys])
        for number, record in enumerate(records, start=1)
    ]
    return RawTable(rows, None, "utf-8", None, [t("byod.notice.json", lang, n=len(records))])
