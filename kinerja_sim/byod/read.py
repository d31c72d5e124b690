"""Bring your own appraisal data: read exports of SIASN, e-Kinerja or a regional system, safely.

:func:`read_appraisals` reads a CSV, Excel (.xlsx, .xls) or JSON export (one row per employee
and period), recognises its shape from the headers (format presets in
``kinerja_sim/data/formats/``, or the general ``column_mapping.yaml``; a mapping of your own
always wins), checks every row, and replaces NIPs, names and rater identities by keyed
pseudonyms on load. Bad rows are listed with their row number in the file and a message in Bahasa
Indonesia; good rows are kept; nothing is dropped silently.

Privacy guarantee: the returned object holds no NIP, no name and no rater identity from the
file, and never the key; columns that are not in the mapping (e-mail, telephone, remarks)
are not read at all. ``tests/test_byod_privacy.py`` plants identifiers in an export, runs the
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
2   20   label_unknown   True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja_sim._core.i18n import t
from kinerja_sim._core.sheets import write_csv, write_workbook
from kinerja_sim.byod import identifiers
from kinerja_sim.byod.checks import validate_rows
from kinerja_sim.byod.files import read_tables
from kinerja_sim.byod.formats import GENERAL, Mapping, detect, load_mapping
from kinerja_sim.byod.periods import ANNUAL, PERIODIC, annual_view
from kinerja_sim.byod.pseudonym import Pseudonymiser, new_key, read_key
from kinerja_sim.byod.schema import (
    IDENTIFIERS,
    RATING_FIELDS,
    SCORE_FIELDS,
    column_mapping,
    display,
    label_key,
    normalise_labels,
)

__all__ = [
    "DATA_COLUMNS",
    "RATING_CODES",
    "AnnualView",
    "Appraisals",
    "NotApplicable",
    "column_mapping",
    "example_path",
    "new_key",
    "read_appraisals",
    "read_key",
]

#: Columns of :attr:`Appraisals.data` (always all of them; empty text or NA when the file lacks
#: one).
DATA_COLUMNS = [
    "row",
    "employee_id",
    "rater_id",
    "rater_asn",
    "unit_kerja",
    "sub_unit_kerja",
    "jabatan",
    "tahun",
    "periode",
    "jenis_periode",
    "urutan",
    "rating_hasil_kerja",
    "rating_perilaku_kerja",
    "predikat",
    "predikat_organisasi",
    "kode_hasil_kerja",
    "kode_perilaku_kerja",
    "nilai_skp",
    "nilai_perilaku",
    "nilai_prestasi",
]
#: Ordinal codes of the rating labels used by the analyses and the fit (documented choice).
RATING_CODES = {"Di Bawah Ekspektasi": 1, "Sesuai Ekspektasi": 2, "Di Atas Ekspektasi": 3}
REGIMES = ("permenpanrb-6-2022", "pp-46-2011")
#: The example export ships inside the package (a wheel install finds it too); its generator
#: is ``datasets/contoh_ekspor/make.py`` in the checkout.
_EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "contoh_ekspor"
_TEXT = [
    "employee_id",
    "rater_id",
    "rater_asn",
    "unit_kerja",
    "sub_unit_kerja",
    "jabatan",
    "tahun",
    "periode",
    "jenis_periode",
    "rating_hasil_kerja",
    "rating_perilaku_kerja",
    "predikat",
    "predikat_organisasi",
]


class NotApplicable(ValueError):
    """An analysis needs a column that the file does not have; the message is one sentence."""


def example_path(kind: str = "csv") -> Path:
    """The shipped synthetic export
    ``kinerja_sim/data/contoh_ekspor/ekspor_ekinerja.{csv,xlsx}``.
    """
    return _EXAMPLE / f"ekspor_ekinerja.{'xlsx' if kind == 'xlsx' else 'csv'}"


@cache
def _matrix():
    from kinerja_sim import rules

    return rules.load("permenpanrb-6-2022").predicate


@cache
def _pp46():
    from kinerja_sim import rules

    return rules.load("pp-46-2011")


@dataclass(frozen=True)
class AnnualView:
    """The annual view of an import (:meth:`Appraisals.view`): one row per employee, and notes.

    ``table`` holds the columns of :attr:`Appraisals.data` plus ``rows`` (the file lines it
    stands for) and ``basis`` (how the rating was chosen); ``notes`` say, in the catalogue's
    language, what was done (several years, rows that no period tells apart).
    :meth:`to_frame` gives the table.
    """

    table: pd.DataFrame = field(repr=False)
    notes: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """The view as a table (a copy)."""
        return self.table.copy()

    def __len__(self) -> int:
        return len(self.table)


@dataclass(frozen=True)
class Appraisals:
    """The result of :func:`read_appraisals`.

    Attributes
    ----------
    data : DataFrame
        Every used row, pseudonymised, one per row of the file (an employee appraised in four
        quarters has four rows); columns :data:`DATA_COLUMNS`: ``row`` (row number in the
        file), ``employee_id`` (``PG-…``), ``rater_id`` (``PN-…``, empty when the file has no
        rater), ``rater_asn`` ("ASN", "NON ASN" or empty), ``unit_kerja`` (as in the file, or
        ``UK-…``; empty when absent), ``sub_unit_kerja``, ``jabatan``, ``tahun``, ``periode``,
        ``jenis_periode`` ("tahunan", "periodik" or empty), ``urutan`` (position in the year),
        the two ratings and ``predikat`` as canonical labels (empty when absent),
        ``predikat_organisasi``, ``kode_hasil_kerja``/``kode_perilaku_kerja`` (1 = Di Bawah,
        2 = Sesuai, 3 = Di Bawah Ekspektasi; NA when absent) and the PP 46-style scores
        ``nilai_skp``, ``nilai_perilaku``, ``nilai_prestasi`` (NaN unless the regime is
        ``pp-46-2011``, where ``predikat`` is the PP 46 category).
    problems : DataFrame
        One row per problem: ``row``, ``column`` (header in the file), ``field``, ``kind``,
        ``value`` (masked for identifiers), ``message``, ``kept`` (False: the row is not
        in ``data``; True: a warning or a question, the row is used).
    notices : tuple of str
        How the file was read: encoding, separator, sheet, header row, unused columns, periods.
    source : dict
        ``file`` (name only), ``sheet``, ``encoding``, ``separator``, ``header_row``,
        ``columns`` (field -> header in the file), ``read_as`` (header, field, how, codes),
        ``preset``, ``preset_title``, ``format_how`` ("guessed", "forced", "mapped"),
        ``regime``, ``fields`` (fields present), ``total_rows``.
    """

    data: pd.DataFrame
    problems: pd.DataFrame
    notices: tuple[str, ...]
    source: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return (
            f"<Appraisals {self.source.get('file')!r} ({self.source.get('preset')}): "
            f"{len(self.data)} rows used, {self.n_rejected} rows not used, "
            f"{int(self.problems['kept'].sum())} warnings>"
        )

    @property
    def n_rejected(self) -> int:
        """Number of data rows of the file that are not in :attr:`data`."""
        return int(self.problems.loc[~self.problems["kept"], "row"].nunique())

    @property
    def regime(self) -> str:
        """The rule regime of the scores: "permenpanrb-6-2022" or "pp-46-2011"."""
        return self.source.get("regime", "permenpanrb-6-2022")

    def has(self, name: str) -> bool:
        """Whether the file had the field ``name`` (``"rater"``: either rater column)."""
        fields = set(self.source.get("fields", ()))
        if name == "rater":
            return bool(fields & {"nip_penilai", "nama_penilai"})
        if name == "predikat":
            return (
                "predikat" in fields
                or {"rating_hasil_kerja", "rating_perilaku_kerja"} <= fields
                or (self.regime == "pp-46-2011" and bool(fields & set(SCORE_FIELDS)))
            )
        return name in fields

    def applicable(self, lang=None) -> dict[str, str | None]:
        """For each analysis, None when it can run on this file, else the one sentence why not.

        Keys: ``distributions``, ``rater_profiles``, ``curve_checks``, ``fit``.
        """
        pp46 = self.regime == "pp-46-2011"
        ratings = [
            display(n) for n in ("rating_hasil_kerja", "rating_perilaku_kerja") if self.has(n)
        ]
        out = {
            "distributions": None,
            "rater_profiles": None if self.has("rater") else t("byod.analysis.need_rater", lang),
            "curve_checks": (
                t("byod.analysis.only_2022", lang)
                if pp46
                else t("byod.analysis.need_unit", lang)
                if not self.has("unit_kerja")
                else t("byod.analysis.need_predicate", lang)
                if not self.has("predikat")
                else None
            ),
        }
        if pp46:
            out["fit"] = t("byod.analysis.only_2022", lang)
        elif len(ratings) < 2:
            out["fit"] = t("byod.analysis.need_both", lang, present=" / ".join(ratings) or "-")
        else:
            out["fit"] = out["rater_profiles"]
        return out

    def require(self, analysis: str, lang=None) -> None:
        """Raise :class:`NotApplicable` (one sentence) when ``analysis`` cannot run on this file."""
        reason = self.applicable(lang)[analysis]
        if reason:
            raise NotApplicable(reason)

    def view(self, year=None, lang=None) -> AnnualView:
        """One row per employee: the annual view that the analyses use.

        Rule (:mod:`kinerja_sim.byod.periods`): the annual row where the file has one;
        otherwise the rating given in most periods of the year (a tie: the latest period),
        with the predicate of the matrix; rows of one employee that no period tells apart:
        the lowest in the file. With several years, ``year`` (default: the latest). An
        :class:`AnnualView`: ``.table`` (or ``.to_frame()``) has the columns of :attr:`data`
        plus ``rows`` and ``basis``; ``.notes`` say what was done.
        """
        matrix = _matrix() if self.regime == "permenpanrb-6-2022" else None
        view = annual_view(self.data, matrix)
        notes = []
        years = sorted(y for y in view["tahun"].unique() if y) if len(view) else []
        if len(years) > 1 or year is not None:
            chosen = str(year) if year is not None else years[-1]
            if year is None:
                notes.append(t("byod.notice.years", lang, years=", ".join(years), year=chosen))
            view = view[view["tahun"] == chosen].reset_index(drop=True)
        for dimension in ("hasil_kerja", "perilaku_kerja"):
            view[f"kode_{dimension}"] = (
                view[f"rating_{dimension}"].map(RATING_CODES).astype("Int64")
            )
        view = view.drop(columns=[c for c in view.columns if c.startswith("_")])
        if (view["basis"] == "baris terakhir").any():
            notes.append(
                t(
                    "byod.notice.duplicates_used",
                    lang,
                    n=int((view["basis"] == "baris terakhir").sum()),
                )
            )
        notes.append(t("byod.analysis.view_note", lang, n=len(view), rows=len(self.data)))
        return AnnualView(view, tuple(notes))

    def ratings(self) -> pd.DataFrame:
        """The ratings of the annual view in long form: ``rater_id``, ``employee_id``,
        ``unit_kerja``, ``dimension`` ("hasil_kerja", "perilaku_kerja", or "nilai_prestasi" for PP
        46 scores), ``label`` and ``score`` (code 1–3, or the 0–100 score). Rows without a rater or
        without the rating are left out."""
        view = self.view().table
        frames = []
        if self.regime == "pp-46-2011":
            dims = [("nilai_prestasi", "predikat", "nilai_prestasi")]
        else:
            dims = [
                (d, f"rating_{d}", f"kode_{d}")
                for d in ("hasil_kerja", "perilaku_kerja")
                if self.has(f"rating_{d}")
            ]
        for dimension, label, score in dims:
            part = view[["rater_id", "employee_id", "unit_kerja"]].copy()
            part["dimension"] = dimension
            part["label"] = view[label]
            part["score"] = pd.to_numeric(view[score], errors="coerce").astype(float)
            frames.append(part[part["score"].notna() & (part["rater_id"] != "")])
        columns = ["rater_id", "employee_id", "unit_kerja", "dimension", "label", "score"]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)

    def summary(self, lang=None) -> str:
        """A short report in Bahasa Indonesia (or ``lang="en"``): format, columns, counts, problems,
        notices.
        """
        warnings = int(self.problems.loc[self.problems["kept"], "row"].nunique())
        how = {"guessed": "format_guessed", "forced": "format_forced", "mapped": "format_mapped"}
        lines = [
            t(
                "byod.summary.head",
                lang,
                name=self.source.get("file"),
                total=self.source.get("total_rows"),
                good=len(self.data),
                bad=self.n_rejected,
                warnings=warnings,
            ),
            t(
                "byod.summary.format",
                lang,
                title=self.source.get("preset_title"),
                name=self.source.get("preset"),
                how=t(f"byod.summary.{how[self.source.get('format_how', 'guessed')]}", lang),
            ),
            t("byod.summary.columns_head", lang),
        ]
        for header, name, via, codes in self.source.get("read_as", ()):
            extra = t("byod.summary.codes", lang, codes=codes) if codes else ""
            extra += t("byod.summary.identifier", lang) if name in IDENTIFIERS else ""
            lines.append(
                t(
                    "byod.summary.column",
                    lang,
                    header=header,
                    field=display(name),
                    via=t(f"byod.summary.via.{via}", lang),
                    values=extra,
                )
            )
        lines.append(
            t(
                "byod.summary.counts",
                lang,
                employees=self.data["employee_id"].nunique(),
                raters=self.data.loc[self.data["rater_id"] != "", "rater_id"].nunique(),
                units=self.data.loc[self.data["unit_kerja"] != "", "unit_kerja"].nunique(),
            )
        )
        for (column, kind), count in (
            self.problems.groupby(["column", "kind"], sort=False).size().items()
        ):
            lines.append(
                t(
                    "byod.summary.problem_kind",
                    lang,
                    count=count,
                    column=column,
                    kind=t(f"byod.kind.{kind}", lang),
                )
            )
        for analysis, reason in self.applicable(lang).items():
            if reason:
                lines.append(
                    t(
                        "byod.summary.not_applicable",
                        lang,
                        analysis=t(f"byod.analysis.name.{analysis}", lang),
                        reason=reason,
                    )
                )
        return "\n".join(lines + [f"- {notice}" for notice in self.notices])

    def save(self, folder, *, excel: bool = False) -> list[Path]:
        """Write ``data.csv``, ``masalah.csv`` and ``ringkasan.txt`` (and ``data.xlsx``) into
        ``folder``.

        Kept text columns (a unit name, say) are written by :mod:`kinerja_sim._core.sheets`: a
        cell that starts like a formula stays text, control characters are removed.
        """
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = [folder / "data.csv", folder / "masalah.csv", folder / "ringkasan.txt"]
        write_csv(self.data, written[0])
        write_csv(self.problems, written[1])
        written[2].write_text(self.summary() + "\n", encoding="utf-8")
        if excel:
            written.append(
                write_workbook({"data": self.data, "masalah": self.problems}, folder / "data.xlsx")
            )
        return written


def _best_header(rows, mapping, force, lang):
    """Index (in ``rows``) of the header row and its match: among the first 30 rows, the best usable
    one.
    """
    best, best_match, best_score = None, None, (-1, -1)
    for index, (_, cells) in enumerate(rows[:30]):
        match = detect(cells, mapping, force, lang)
        score = (match.score[0], len(match.found))
        if score > best_score:
            best, best_match, best_score = index, match, score
    return best, best_match


def _choose_table(tables, mapping, force, name, lang):
    """The first table with a usable header row (an identifier and a rating), its header row number
    and match.
    """
    described = []
    for table in tables:
        rows = [(number, cells) for number, cells in table.rows if any(cells)]
        index, match = _best_header(rows, mapping, force, lang)
        if match is not None and match.score[0]:
            return table, rows[index][0], match
        headers = rows[index][1] if index is not None else []
        described.append((table, headers, match))
    if not any(table.rows and any(c for _, cells in table.rows for c in cells) for table in tables):
        raise ValueError(t("byod.file_empty", lang, name=name))
    if len(tables) == 1:
        _, headers, match = described[0]
        found = match.found if match else {}
        missing = ([display("nip")] if "nip" not in found else []) + (
            [t("byod.rating_column", lang)] if not any(f in found for f in RATING_FIELDS) else []
        )
        raise ValueError(
            t(
                "byod.missing_columns",
                lang,
                missing=", ".join(missing),
                found=_listing(headers),
                example="nip" if "nip" not in found else "rating_hasil_kerja",
            )
        )
    found = " ".join(
        t("byod.sheet_columns", lang, sheet=table.sheet, columns=_listing(headers))
        for table, headers, _ in described
    )
    raise ValueError(
        t(
            "byod.no_sheet",
            lang,
            name=name,
            required=display("nip") + ", " + t("byod.rating_column", lang),
            found=found,
        )
    )


def _listing(headers) -> str:
    """Headers for a message; anything that looks like a number (a NIP) is hidden."""
    shown = [
        "<angka>" if sum(ch.isdigit() for ch in str(h)) >= 6 else f'"{h}"' for h in headers if h
    ]
    return (", ".join(shown[:20]) + (" …" if len(shown) > 20 else "")) or "(tidak ada)"


def _frame(table, header_row, match, lang):
    """The data rows below the header as a text table with one column per matched field."""
    rows = [(number, cells) for number, cells in table.rows if number > header_row]
    header = next(cells for number, cells in table.rows if number == header_row)
    notices = list(match.notices)
    blank = sum(not any(cells) for _, cells in rows)
    rows = [(number, cells) for number, cells in rows if any(cells)]
    data = {
        name: [cells[i] if i < len(cells) else "" for _, cells in rows]
        for name, i in match.found.items()
    }
    frame = pd.DataFrame({"row": np.array([number for number, _ in rows], dtype=np.int64), **data})
    frame = frame.astype({name: object for name in match.found})
    if match.unused:
        notices.append(t("byod.notice.unused_columns", lang, columns=_listing(match.unused)))
    if blank:
        notices.append(t("byod.notice.blank_rows", lang, n=blank))
    return frame, {name: header[i] for name, i in match.found.items()}, notices


def _codes_text(codes: dict) -> str:
    return ", ".join(f"{k} = {v}" for k, v in codes.items())


def read_appraisals(
    path,
    *,
    key,
    columns=None,
    format=None,
    sheet=None,
    encoding=None,
    pseudonymise_units: bool = False,
    lang=None,
) -> Appraisals:
    """Read an appraisal export (CSV, Excel .xlsx/.xls or JSON), check every row and pseudonymise
    it.

    Parameters
    ----------
    path : str or Path
        A ``.csv``/``.txt``/``.tsv`` file (separator and encoding found automatically), an
        ``.xlsx`` or old ``.xls`` workbook, or a ``.json`` file (a list of records or the
        SIASN API shape ``{"data": [...]}``).
    key : str or bytes
        Your secret for the pseudonyms, at least 16 characters (make one with
        :func:`new_key`, keep it outside the project; read it back with :func:`read_key`).
        The same key gives the same pseudonyms. It is never stored or shown.
    columns : dict, str or Path, optional
        Your mapping, which always wins over a recognised format: ``{"Header in your file":
        "field"}``, or ``{"columns": {...}, "values": {field: {raw: label}}, "regime": ...}``,
        or the path of such a YAML file (see :mod:`kinerja_sim.byod.formats`).
    format : str, optional
        Force a format preset (``siasn-skp22``, ``ekinerja-daerah``, ``rekap-bawahan``,
        ``hasil-saja``, ``pp46-nilai``, ``siasn-kinerja-periodik``, ``umum``); by default
        the preset is recognised from the headers.
    sheet : str or int, optional
        The Excel sheet; by default the first sheet that has an identifier and a rating.
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
        ``.data`` (used rows, pseudonymised), ``.problems``, ``.notices``, ``.summary()``,
        ``.view()`` (one row per employee), ``.applicable()``.

    Raises
    ------
    FileNotFoundError
        The file (or the mapping file) does not exist.
    ValueError
        The file cannot be used at all (empty, unknown format, no employee identifier or no
        rating column: the message names what is missing and lists the columns found), or the
        key is missing or short.

    Notes
    -----
    The minimum is an employee identifier (NIP or NI PPPK) and one rating; unit, rater,
    period, the second rating and the predicate are optional. A row is *not used* only when
    its NIP is missing or malformed (a NIP that Excel stored as a number is refused with the
    explanation: its last digits are lost), when it carries no usable rating, or when it
    repeats an earlier row exactly. Everything else is a warning or a question with the row
    used: an unknown word in one rating, a predicate off the matrix or in an older word
    ("Cukup", "Istimewa": the matrix predicate is used where both ratings exist), a rater
    NIP that is missing or damaged, a self-rating, and the same NIP twice with other
    contents and no period to tell the rows apart (all rows kept; the analyses use the
    lowest row and say so). Row numbers are the file's (line 1 is the first line of a CSV;
    the sheet's row in Excel; the record number in JSON).
    """
    pseudonymiser = Pseudonymiser(key)  # checks the key before any work
    user = load_mapping(columns, lang)
    name = Path(path).name
    tables = read_tables(path, sheet=sheet, encoding=encoding, lang=lang)
    table, header_row, match = _choose_table(tables, user, format, name, lang)
    scores_only = set(match.found) & set(SCORE_FIELDS) and not {
        "rating_hasil_kerja",
        "rating_perilaku_kerja",
    } & set(match.found)
    if scores_only and match.preset.name == GENERAL and format is None:
        header = next(cells for number, cells in table.rows if number == header_row)
        match = detect(header, user, "pp46-nilai", lang)  # PP 46 scores only: the PP 46 preset
    frame, headers, notices = _frame(table, header_row, match, lang)
    notices = table.notices + notices
    if table.sheet is not None:
        notices.insert(
            0,
            t(
                "byod.notice.sheet",
                lang,
                sheet=table.sheet,
                n=len(table.sheets),
                sheets=", ".join(f'"{x}"' for x in table.sheets),
            ),
        )
    if header_row > 0:
        notices.append(
            t(
                "byod.notice.header_row",
                lang,
                row=header_row,
                first=int(frame["row"].iloc[0]) if len(frame) else header_row + 1,
            )
        )
    if len(frame) == 0:
        raise ValueError(t("byod.file_empty", lang, name=name))
    regime = user.regime or match.preset.regime
    clean, problems = validate_rows(
        frame,
        headers,
        codes=match.preset.values,
        mapped=user.values,
        matrix=_matrix(),
        regime=regime,
        lang=lang,
    )
    data = _pseudonymised(clean, pseudonymiser, pseudonymise_units, regime, notices, lang)
    read_as = [
        (
            headers[f],
            f,
            match.via[f],
            _codes_text({**match.preset.values.get(f, {}), **user.values.get(f, {})}),
        )
        for f in sorted(match.found, key=match.found.get)
    ]
    source = {
        "file": name,
        "sheet": table.sheet,
        "encoding": table.encoding,
        "separator": table.separator,
        "header_row": header_row,
        "columns": headers,
        "read_as": read_as,
        "preset": match.preset.name,
        "preset_title": match.preset.title,
        "format_how": "forced" if format else ("mapped" if not user.empty else "guessed"),
        "regime": regime,
        "fields": tuple(sorted(match.found)),
        "total_rows": len(frame),
    }
    return Appraisals(data, problems, tuple(notices), source)


def _rater_asn(good) -> np.ndarray:
    """ "ASN", "NON ASN" or "" per row, from the status column or the kind of the rater's number."""
    out = pd.Series("", index=good.index, dtype=object)
    if "nip_penilai" in good:
        kinds = good["nip_penilai"].map(
            lambda v: identifiers.classify(v) if isinstance(v, str) else None
        )
        out[kinds.isin(identifiers.ASN_KINDS)] = "ASN"
        out[kinds.isin(("nik", "nrp"))] = "NON ASN"
    if "status_penilai" in good:
        status = good["status_penilai"].fillna("").map(label_key)
        out[status.str.contains("non") | status.str.contains("bukan")] = "NON ASN"
        out[(status == "asn") | (status == "pns") | (status == "pppk")] = "ASN"
    return out.to_numpy()


def _text_column(good, name) -> np.ndarray:
    return (
        good.get(name, pd.Series("", index=good.index))
        .fillna("")
        .astype(str)
        .str.strip()
        .to_numpy()
    )


def _pseudonymised(clean, pseudonymiser, units, regime, notices, lang) -> pd.DataFrame:
    """Used rows with identifiers replaced and names dropped."""
    good = clean[clean["_used"]].reset_index(drop=True)
    out = pd.DataFrame({"row": good["row"].to_numpy(dtype=np.int64)})
    out["employee_id"] = (
        pseudonymiser.employees(good["nip"]) if len(good) else np.array([], dtype=object)
    )
    rater = np.full(len(good), "", dtype=object)
    if "nip_penilai" in good:
        valid = good["nip_penilai"].notna().to_numpy()
        if valid.any():
            rater[valid] = pseudonymiser.raters(good.loc[valid, "nip_penilai"])
    if "nama_penilai" in good:
        named = (rater == "") & (
            good["nama_penilai"].fillna("").astype(str).str.strip() != ""
        ).to_numpy()
        if named.any():
            rater[named] = pseudonymiser.raters(good.loc[named, "nama_penilai"], by_name=True)
            if "nip_penilai" not in good:
                notices.append(t("byod.notice.rater_by_name", lang))
    out["rater_id"] = rater
    out["rater_asn"] = _rater_asn(good)
    non_asn = int((out["rater_asn"] == "NON ASN").sum())
    if non_asn:
        notices.append(t("byod.notice.rater_not_asn", lang, n=non_asn))
    pppk = int(good["nip"].map(identifiers.classify).eq("ni_pppk").sum()) if len(good) else 0
    if pppk:
        notices.append(t("byod.notice.pppk", lang, n=pppk))
    for column in ("unit_kerja", "sub_unit_kerja"):
        text = _text_column(good, column)
        out[column] = (
            np.where(text == "", "", pseudonymiser.units(text)) if units and len(text) else text
        )
    for column in ("jabatan", "tahun", "periode", "jenis_periode"):
        out[column] = _text_column(good, column)
    out["urutan"] = good["urutan"].to_numpy(dtype=float)
    for name in ("rating_hasil_kerja", "rating_perilaku_kerja"):
        out[name] = _labels(good[name]) if name in good else ""
    if regime == "pp-46-2011":
        _pp46_scores(good, out, notices, lang)
    else:
        _predicates(good, out, notices, lang)
        for name in SCORE_FIELDS:
            out[name] = np.nan
    organisation = good.get(
        "predikat_organisasi", pd.Series(np.nan, index=good.index, dtype=object)
    )
    out["predikat_organisasi"] = _labels(organisation)
    for dimension in ("hasil_kerja", "perilaku_kerja"):
        out[f"kode_{dimension}"] = out[f"rating_{dimension}"].map(RATING_CODES).astype("Int64")
    periods = out["jenis_periode"].value_counts()
    if periods.get(PERIODIC, 0):
        notices.append(
            t(
                "byod.notice.periods",
                lang,
                annual=int(periods.get(ANNUAL, 0)),
                periodic=int(periods.get(PERIODIC, 0)),
                periods=", ".join(
                    sorted(out.loc[out["jenis_periode"] == PERIODIC, "periode"].unique())[:6]
                ),
            )
        )
    notices.append(
        t(
            "byod.notice.pseudonyms",
            lang,
            units=t("byod.notice.units_pseudonymised", lang) if units else "",
        )
    )
    return out.astype({column: str for column in _TEXT})[DATA_COLUMNS]


def _labels(values: pd.Series) -> np.ndarray:
    """Labels as text, with "" where there is none."""
    values = values.astype(object)
    return values.where(values.notna(), "").to_numpy()


def _predicates(good, out, notices, lang) -> None:
    """The file's predicate where it is a 6/2022 word, else the matrix where both ratings exist."""
    both = (out["rating_hasil_kerja"] != "") & (out["rating_perilaku_kerja"] != "")
    matrix = pd.Series("", index=out.index, dtype=object)
    if both.any():
        matrix[both] = _matrix()(
            out.loc[both, "rating_hasil_kerja"], out.loc[both, "rating_perilaku_kerja"]
        ).to_numpy()
    if "predikat" in good:
        given = pd.Series(_labels(good["predikat"]), index=out.index)
        out["predikat"] = given.where(given != "", matrix).to_numpy()
    else:
        if both.any():
            notices.append(t("byod.notice.predicate_computed", lang))
        out["predikat"] = matrix.to_numpy()


def _pp46_scores(good, out, notices, lang) -> None:
    """PP 46-style scores and their category (nilai prestasi = 60% SKP + 40% perilaku when
    missing).
    """
    rule_set = _pp46()
    for name in SCORE_FIELDS:
        out[name] = good[name].to_numpy(dtype=float) if name in good else np.nan
    missing = (
        out["nilai_prestasi"].isna() & out["nilai_skp"].notna() & out["nilai_perilaku"].notna()
    )
    if missing.any():
        skp, perilaku = (
            out.loc[missing, "nilai_skp"].to_numpy(),
            out.loc[missing, "nilai_perilaku"].to_numpy(),
        )
        out.loc[missing, "nilai_prestasi"] = rule_set.final_value(skp=skp, perilaku=perilaku)
    known = out["nilai_prestasi"].notna()
    category = pd.Series("", index=out.index, dtype=object)
    if known.any():
        category[known] = np.asarray(
            rule_set.category(out.loc[known, "nilai_prestasi"].to_numpy()), dtype=object
        )
    out["predikat"] = category.to_numpy()
    notices.append(t("byod.notice.regime_pp46", lang))


__all__ += ["REGIMES", "GENERAL", "Mapping", "normalise_labels"]
