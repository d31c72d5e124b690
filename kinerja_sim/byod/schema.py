"""The schema of an appraisal export: column mapping, label normalisation and row checks.

The mapping of headers to fields and the accepted label variants are data, in
``kinerja_sim/data/column_mapping.yaml`` (documented there). Every check here is
vectorised over the rows and gives *problems*: one per (row, field), with a message in
Bahasa Indonesia (or English) and whether the row is still used (``kept``). Values of
identifier fields (NIP, names, raters) are masked in problems, never shown.
"""
from __future__ import annotations

import re
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from kinerja_sim.i18n import t

__all__ = ["FIELDS", "IDENTIFIERS", "PROBLEM_COLUMNS", "REQUIRED", "column_mapping", "find_header",
           "header_key", "label_key", "mask", "normalise_labels", "validate_rows"]

PROBLEM_COLUMNS = ["row", "column", "field", "kind", "value", "message", "kept"]
_HEADER_SCAN = 30


@cache
def column_mapping() -> dict:
    """The default mapping of ``data/column_mapping.yaml``: ``fields``, ``ratings``, ``predicates``, ..."""
    text = (resources.files("kinerja_sim") / "data" / "column_mapping.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


FIELDS = tuple(column_mapping()["fields"])
REQUIRED = tuple(name for name, spec in column_mapping()["fields"].items() if spec.get("required"))
IDENTIFIERS = tuple(name for name, spec in column_mapping()["fields"].items() if spec.get("identifier"))
_DISPLAY = {"nip": "NIP", "nama": "Nama", "unit_kerja": "Unit Kerja", "sub_unit_kerja": "Sub Unit Kerja",
            "jabatan": "Jabatan", "periode": "Periode", "nip_penilai": "NIP Penilai",
            "nama_penilai": "Pejabat Penilai", "rating_hasil_kerja": "Rating Hasil Kerja",
            "rating_perilaku_kerja": "Rating Perilaku Kerja", "predikat": "Predikat Kinerja",
            "predikat_organisasi": "Predikat Organisasi"}


def header_key(text) -> str:
    """A header as compared: lower case, runs of other characters as one space.

    Examples
    --------
    >>> header_key(" NIP / NI-PPPK ")
    'nip ni pppk'
    """
    return re.sub(r"[^0-9a-z]+", " ", str(text).casefold()).strip()


def label_key(text) -> str:
    """A label as compared: letters only, lower case, without a trailing "ekspektasi".

    Examples
    --------
    >>> label_key("Di  atas-Ekspektasi"), label_key("DIATAS"), label_key("Kurang/Misconduct")
    ('diatas', 'diatas', 'kurangmisconduct')
    """
    key = re.sub(r"[^a-z]+", "", str(text).casefold())
    return key.removesuffix("ekspektasi") or key


def _variants(kind: str) -> dict[str, str]:
    return {label_key(variant): label for label, variants in column_mapping()[kind].items()
            for variant in [label, *variants]}


def normalise_labels(values: pd.Series, kind: str) -> pd.Series:
    """Canonical labels (``kind``: "ratings", "predicates" or "organisation_predicates"); NaN if unknown.

    Examples
    --------
    >>> normalise_labels(pd.Series(["diatas", "SESUAI EKSPEKTASI", "luar biasa"]), "ratings").tolist()
    ['Di Atas Ekspektasi', 'Sesuai Ekspektasi', nan]
    """
    return values.map(lambda value: _variants(kind).get(label_key(value), np.nan))


def display(field: str) -> str:
    """The usual header of a field, for messages."""
    return _DISPLAY.get(field, field)


def _header_lookup(columns) -> dict[str, str]:
    lookup = {header_key(h): name for name, spec in column_mapping()["fields"].items() for h in spec["headers"]}
    for header, name in (columns or {}).items():
        if name not in FIELDS:
            raise ValueError(t("io.bad_columns_argument", header=header, field=name, fields=", ".join(FIELDS)))
        lookup[header_key(header)] = name
    return lookup


def match_headers(headers, columns=None, lang=None) -> tuple[dict[str, int], list[str], list[str]]:
    """Which column holds each field, notices about duplicates, and the headers left unused."""
    lookup = _header_lookup(columns)
    found, notices, unused = {}, [], []
    for position, header in enumerate(headers):
        name = lookup.get(header_key(header))
        if name is None:
            if header:
                unused.append(header)
        elif name in found:
            notices.append(t("io.notice.duplicate_header", lang, kept=headers[found[name]], other=header,
                             field=display(name)))
        else:
            found[name] = position
    return found, notices, unused


def missing_required(found) -> list[str]:
    """Required fields that ``found`` lacks (the rater counts as present with either column)."""
    missing = [name for name in REQUIRED if name not in found]
    if "nip_penilai" not in found and "nama_penilai" not in found:
        missing.append("penilai")
    return missing


def find_header(rows, columns=None) -> int | None:
    """Index (in ``rows``) of the header row: among the first rows, the one matching most fields."""
    lookup = _header_lookup(columns)
    best, best_score = None, (0, 0)
    for index, (_, cells) in enumerate(rows[:_HEADER_SCAN]):
        names = {lookup.get(header_key(cell)) for cell in cells} - {None}
        score = (len(names & {*REQUIRED, "nip_penilai", "nama_penilai"}), len(names))
        if score > best_score:
            best, best_score = index, score
    return best if best_score[0] >= 2 else None


def mask(value) -> str:
    """An identifier as shown in problems: its first two characters and one * per other character.

    Examples
    --------
    >>> mask("199001012015031001")
    '19****************'
    >>> mask("1.98001012005011E+17")
    '1.98E+17'
    """
    text = str(value)
    scientific = re.fullmatch(r"(\d)[.,](\d{1,2})\d*[eE]\+?(\d+)", text)
    if scientific:
        return f"{scientific[1]}.{scientific[2]}E+{scientific[3]}"
    return text[:2] + "*" * max(len(text) - 2, 0)


def _problem(rows, field, kind, values, message, kept=False, header=None) -> pd.DataFrame:
    return pd.DataFrame({"row": np.asarray(rows, dtype=np.int64), "column": header or display(field),
                         "field": field, "kind": kind, "value": list(values), "message": list(message),
                         "kept": kept})


def _check_nip(frame, field, header, lang) -> tuple[pd.Series, list[pd.DataFrame]]:
    """Clean NIPs (spaces and a leading apostrophe removed) and the problems of bad ones."""
    raw = frame[field].fillna("").astype(str).str.strip()
    clean = raw.str.lstrip("'").str.replace(r"\s+", "", regex=True)
    what = display(field)
    rules = [
        ("empty", clean == "", lambda v: t("io.row.empty", lang, field=what)),
        ("nip_scientific", clean.str.fullmatch(r"\d+([.,]\d+)?[eE][+-]?\d+"),
         lambda v: t("io.row.nip_scientific", lang, field=what, value=mask(v))),
        ("nip_decimal", clean.str.fullmatch(r"\d+[.,]\d+"),
         lambda v: t("io.row.nip_decimal", lang, field=what, value=mask(v))),
        ("nip_chars", ~clean.str.fullmatch(r"\d*"), lambda v: t("io.row.nip_chars", lang, field=what, value=mask(v))),
        ("nip_length", clean.str.len() != 18,
         lambda v: t("io.row.nip_length", lang, field=what, value=mask(v), n=len(v))),
    ]
    problems, taken = [], pd.Series(False, index=frame.index)
    for kind, hit, message in rules:
        hit = hit.fillna(False).astype(bool) & ~taken
        taken |= hit
        if hit.any():
            values = clean[hit]
            problems.append(_problem(frame.loc[hit, "row"], field, kind, values.map(mask),
                                     values.map(message), header=header))
    return clean.where(~taken), problems


def _check_labels(frame, field, kind, header, lang, required=True):
    """Canonical labels of ``field`` and the problems of empty (if required) or unknown ones."""
    raw = frame[field].fillna("").astype(str).str.strip()
    labels = normalise_labels(raw, kind)
    problems = []
    empty = raw == ""
    if required and empty.any():
        problems.append(_problem(frame.loc[empty, "row"], field, "empty", [""] * int(empty.sum()),
                                 [t("io.row.empty", lang, field=display(field))] * int(empty.sum()), header=header))
    unknown = labels.isna() & ~empty
    if unknown.any():
        accepted = ", ".join(column_mapping()[kind])
        values = raw[unknown].map(lambda v: mask(v) if sum(c.isdigit() for c in v) >= 6 else v[:40])
        messages = values.map(lambda v: t("io.row.label_unknown", lang, field=display(field), value=v,
                                          accepted=accepted))
        problems.append(_problem(frame.loc[unknown, "row"], field, "label_unknown", values, messages,
                                 header=header))
    return labels, problems


def _duplicates(frame, nip, lang) -> list[pd.DataFrame]:
    """Rows of the same employee (and period): identical repeats and conflicting ones."""
    keys = ["_nip"] + (["periode"] if "periode" in frame else [])
    work = frame.assign(_nip=nip)[nip.notna()]
    if work.empty:
        return []
    content = [c for c in work.columns if c not in ("row", "_nip")]
    work = work.assign(_content=work[content].astype(str).agg("\x1f".join, axis=1))
    repeated = work[work.duplicated(keys, keep=False)]
    problems = []
    for _, group in repeated.groupby(keys, sort=False):
        rows = group["row"].tolist()
        if group["_content"].nunique() == 1:
            messages = [t("io.row.duplicate_same", lang, row=rows[0])] * (len(rows) - 1)
            problems.append(_problem(rows[1:], "nip", "duplicate", ["(sama)"] * (len(rows) - 1), messages))
        else:
            messages = [t("io.row.duplicate", lang, rows=", ".join(str(r) for r in rows if r != row)) for row in rows]
            problems.append(_problem(rows, "nip", "duplicate", [mask(v) for v in group["_nip"]], messages))
    return problems


def validate_rows(frame: pd.DataFrame, headers: dict[str, str], matrix, lang=None):
    """Check every row of ``frame`` (text columns named by field, plus ``row``).

    Returns
    -------
    clean : DataFrame
        ``frame`` with normalised NIPs and labels (unknown values as NaN).
    problems : DataFrame
        ``row``, ``column`` (the header in the file), ``field``, ``kind``, ``value``
        (masked for identifiers), ``message``, ``kept`` (False: the row is not used).
    """
    clean, problems = frame.copy(), []
    for field in ("nip", "nip_penilai"):
        if field in frame:
            clean[field], found = _check_nip(frame, field, headers.get(field), lang)
            problems += found
    for field in ("nama_penilai", "unit_kerja"):
        if field in frame and not (field == "nama_penilai" and "nip_penilai" in frame):
            empty = frame[field].fillna("").astype(str).str.strip() == ""
            if empty.any():
                problems.append(_problem(frame.loc[empty, "row"], field, "empty", [""] * int(empty.sum()),
                                         [t("io.row.empty", lang, field=display(field))] * int(empty.sum()),
                                         header=headers.get(field)))
    for field in ("rating_hasil_kerja", "rating_perilaku_kerja"):
        clean[field], found = _check_labels(frame, field, "ratings", headers.get(field), lang)
        problems += found
    if "predikat" in frame:
        clean["predikat"], found = _check_labels(frame, "predikat", "predicates", headers.get("predikat"),
                                                 lang, required=False)
        problems += found
    if "predikat_organisasi" in frame:
        clean["predikat_organisasi"], found = _check_labels(
            frame, "predikat_organisasi", "organisation_predicates", headers.get("predikat_organisasi"),
            lang, required=False)
        problems += [item.assign(kept=True) for item in found]
    problems += _duplicates(frame, clean["nip"], lang)
    problems += _warnings(clean, matrix, lang, headers)
    table = pd.concat(problems, ignore_index=True) if problems else pd.DataFrame(columns=PROBLEM_COLUMNS)
    table = table.astype({"row": np.int64, "kept": bool})
    return clean, table.sort_values(["row", "kept"], kind="stable", ignore_index=True)[PROBLEM_COLUMNS]


def _warnings(clean, matrix, lang, headers) -> list[pd.DataFrame]:
    """Problems that leave the row in use: a predicate off the matrix, a self-rating."""
    problems = []
    if "predikat" in clean:
        usable = clean[["rating_hasil_kerja", "rating_perilaku_kerja", "predikat"]].notna().all(axis=1)
        rows = clean[usable]
        expected = matrix(rows["rating_hasil_kerja"], rows["rating_perilaku_kerja"])
        off = rows["predikat"] != expected
        if off.any():
            messages = [t("io.row.predicate_mismatch", lang, given=g, hasil=h, perilaku=p, expected=e)
                        for g, h, p, e in zip(rows.loc[off, "predikat"], rows.loc[off, "rating_hasil_kerja"],
                                              rows.loc[off, "rating_perilaku_kerja"], expected[off])]
            problems.append(_problem(rows.loc[off, "row"], "predikat", "predicate_mismatch",
                                     rows.loc[off, "predikat"], messages, kept=True, header=headers.get("predikat")))
    if "nip_penilai" in clean:
        same = clean["nip"].notna() & (clean["nip"] == clean["nip_penilai"])
        if same.any():
            problems.append(_problem(clean.loc[same, "row"], "nip_penilai", "self_rated", ["(sama)"] * int(same.sum()),
                                     [t("io.row.self_rated", lang)] * int(same.sum()), kept=True,
                                     header=headers.get("nip_penilai")))
    return problems
