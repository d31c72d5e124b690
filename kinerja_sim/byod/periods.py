"""Appraisal periods of an export: which rows are annual, which periodic, and the annual view.

PermenPAN-RB 6/2022 has periodic appraisals (monthly, quarterly or by semester, as the agency
decides) and an annual one (HIGH). An export may hold either or both. Every row keeps its
period; an employee appraised in four quarters is four rows, never a duplicate.

From the columns present, each row gets:

- ``periode``: the period as a readable text ("Triwulan 1 2025", "2025", "2025-01-01 s.d.
  2025-03-31");
- ``tahun``: the year (from ``tahun``, else the first 4-digit year 19xx/20xx in the period
  text or the start date);
- ``jenis_periode``: ``tahunan`` (a year alone, "Tahunan", or dates spanning 11 months or
  more), ``periodik`` (month, quarter, semester, or a shorter span), or empty (no period);
- ``urutan``: an order within the year (month or quarter number), for the rule below.

Annual rule (:func:`annual_view`, for the 6/2022 regime): the annual row where the file has
one; otherwise, per rating, the label given in most periods of the year, a tie going to the
label of the latest period among those tied (ASSUMPTION: PermenPAN-RB 6/2022 leaves the annual
rating to the rater's judgement of the periodic evidence; the mode with recency as tie-break is
the kit's documented stand-in). The predicate is then the matrix of the two annual ratings.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["ANNUAL", "PERIODIC", "annual_view", "period_columns"]

ANNUAL, PERIODIC = "tahunan", "periodik"
_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb", "pebruari"),
            ("maret", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("agustus", "agu", "agt", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct"),
            ("november", "nov", "nop"),
            ("desember", "des", "dec"),
        ],
        start=1,
    )
    for name in names
}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PERIODIC_WORDS = re.compile(
    r"triwulan|tw|semester|smt|caturwulan|bulan|bulanan|q[1-4]|kuartal|periode [1-9]"
)


def _text(frame, name) -> pd.Series:
    if name not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[name].fillna("").astype(str).str.strip()


def _order(text: str) -> float:
    """Position of a period inside its year: month (1-12) or quarter/semester scaled to months."""
    words = re.findall(r"[a-z]+|\d+", text.casefold())
    for i, word in enumerate(words):
        if word in _MONTHS:
            return float(_MONTHS[word])
        if word in ("triwulan", "tw", "kuartal", "q") and i + 1 < len(words):
            nxt = words[i + 1]
            number = int(nxt) if nxt.isdigit() else _ROMAN.get(nxt)
            if number:
                return 3.0 * number
        if word in ("semester", "smt") and i + 1 < len(words):
            nxt = words[i + 1]
            number = int(nxt) if nxt.isdigit() else _ROMAN.get(nxt)
            if number:
                return 6.0 * number
        if re.fullmatch(r"q[1-4]", word):
            return 3.0 * int(word[1])
    return np.nan


def _kind(text: str) -> str:
    lowered = text.casefold()
    if not lowered:
        return ""
    if "tahunan" in lowered or re.fullmatch(r"\s*(tahun\s*)?(19|20)\d\d\s*", lowered):
        return ANNUAL
    if _PERIODIC_WORDS.search(lowered) or any(
        word in _MONTHS for word in re.findall(r"[a-z]+", lowered)
    ):
        return PERIODIC
    return PERIODIC


def period_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """``periode``, ``tahun``, ``jenis_periode`` and ``urutan`` for every row of ``frame``.

    Examples
    --------
    >>> frame = pd.DataFrame(
    ...     {"jenis_periode": ["Triwulan 1", "Triwulan 2", "Tahunan"], "tahun": ["2025"] * 3}
    ... )
    >>> period_columns(frame)[["periode", "tahun", "jenis_periode", "urutan"]].values.tolist()
    [['Triwulan 1 2025', '2025', 'periodik', 3.0], ['Triwulan 2 2025', '2025', 'periodik', 6.0],
     ['Tahunan 2025', '2025', 'tahunan', 12.0]]
    """
    period, kind_text = _text(frame, "periode"), _text(frame, "jenis_periode")
    year = _text(frame, "tahun").str.extract(r"((?:19|20)\d\d)", expand=False).fillna("")
    start, end = _text(frame, "periode_awal"), _text(frame, "periode_akhir")
    first_month, last_month = _text(frame, "bulan_awal"), _text(frame, "bulan_akhir")
    label = period.where(period != "", kind_text)
    dated = (start != "") | (end != "")
    label = label.where(label != "", np.where(dated, start + " s.d. " + end, ""))
    months = (first_month != "") | (last_month != "")
    label = label.where(
        label != "", np.where(months, "bulan " + first_month + "-" + last_month, "")
    )
    from_text = label.str.extract(r"((?:19|20)\d\d)", expand=False).fillna("")
    year = year.where(year != "", from_text)
    kinds = label.map(_kind)
    kinds = kinds.where(~((kinds == "") & (year != "")), ANNUAL)
    span = _span_months(start, end, first_month, last_month)
    kinds = kinds.where(span.isna(), np.where(span >= 11, ANNUAL, PERIODIC))
    order = label.map(_order)
    order = order.where(order.notna(), _month_of(end if dated.any() else last_month))
    order = order.where(kinds != ANNUAL, 12.0)
    shown = label.where(
        (label == "") | label.str.contains(r"(?:19|20)\d\d") | (year == ""), label + " " + year
    )
    shown = shown.where(shown != "", year)
    return pd.DataFrame(
        {"periode": shown, "tahun": year, "jenis_periode": kinds, "urutan": order.astype(float)},
        index=frame.index,
    )


def _dates(values: pd.Series) -> pd.Series:
    """Dates written as ISO (2025-03-31, as exports and Excel cells give them) or day first
    (31/03/2025).
    """
    values = values.where(values != "")
    iso = pd.to_datetime(values, errors="coerce", format="ISO8601")
    other = pd.to_datetime(values.where(iso.isna()), errors="coerce", dayfirst=True, format="mixed")
    return iso.where(iso.notna(), other)


def _month_of(values: pd.Series) -> pd.Series:
    parsed = _dates(values)
    numeric = pd.to_numeric(values, errors="coerce")
    return parsed.dt.month.astype(float).where(
        parsed.notna(), numeric.where(numeric.between(1, 12))
    )


def _span_months(start, end, first_month, last_month) -> pd.Series:
    a, b = _dates(start), _dates(end)
    span = (b.dt.year - a.dt.year) * 12 + (b.dt.month - a.dt.month) + 1
    m1, m2 = pd.to_numeric(first_month, errors="coerce"), pd.to_numeric(last_month, errors="coerce")
    return span.astype(float).where(span.notna(), (m2 - m1 + 1).astype(float))


def annual_view(data: pd.DataFrame, matrix=None) -> pd.DataFrame:
    """One row per employee and year from the rows of :attr:`Appraisals.data` (rule in the module
    docs).

    Rows of the same employee without any period (the question of a duplicated NIP) use the
    row lowest in the file. Columns: those of ``data`` plus ``rows`` (the file rows used, as
    text) and ``basis`` ("tahunan", "periodik", "baris terakhir" or "satu baris").
    Vectorised over groups: sorting and one ``drop_duplicates`` per rating.

    Examples
    --------
    >>> rows = pd.DataFrame({"row": [2, 3, 4], "employee_id": ["PG-1"] * 3, "tahun": ["2025"] * 3,
    ...     "jenis_periode": ["periodik"] * 3, "urutan": [3.0, 6.0, 9.0], "periode": ["TW"] * 3,
    ...     "rating_hasil_kerja": ["Sesuai Ekspektasi", "Di Atas Ekspektasi", "Di Atas Ekspektasi"],
    ...     "rating_perilaku_kerja": ["Di Atas Ekspektasi", "Sesuai Ekspektasi", ""]})
    >>> columns = ["rating_hasil_kerja", "rating_perilaku_kerja", "rows", "basis"]
    >>> annual_view(rows)[columns].values.tolist()
    [['Di Atas Ekspektasi', 'Sesuai Ekspektasi', '2, 3, 4', 'periodik']]
    """
    if data.empty:
        return data.assign(rows=pd.Series(dtype=str), basis=pd.Series(dtype=str))
    work = data.copy()
    work["_group"] = pd.factorize(pd.MultiIndex.from_frame(work[["employee_id", "tahun"]]))[0]
    work["_annual"] = work["jenis_periode"] == ANNUAL
    work["_periodic"] = work["jenis_periode"] == PERIODIC
    work["_key"] = work["urutan"].fillna(0.0).to_numpy() * 1e7 + work["row"].to_numpy()
    grouped = work.groupby("_group", sort=False)
    size = grouped["row"].transform("size")
    any_annual = grouped["_annual"].transform("any")
    any_periodic = grouped["_periodic"].transform("any")
    basis = np.select(
        [size == 1, any_annual, any_periodic], ["satu baris", ANNUAL, PERIODIC], "baris terakhir"
    )
    work["_basis"] = basis
    # the base row: the last annual row; else the latest periodic row; else the lowest row in the
    # file
    eligible = np.select(
        [work["_basis"] == ANNUAL, work["_basis"] == PERIODIC],
        [work["_annual"], work["_periodic"]],
        True,
    )
    rank = np.where(work["_basis"] == ANNUAL, work["row"], work["_key"])
    base = (
        work[eligible]
        .assign(_rank=rank[eligible])
        .sort_values(["_group", "_rank"], kind="stable")
        .drop_duplicates("_group", keep="last")
        .set_index("_group")
    )
    rows = (
        work.sort_values(["_group", "row"])
        .groupby("_group", sort=False)["row"]
        .agg(lambda r: ", ".join(str(x) for x in r))
    )
    base["rows"] = rows.reindex(base.index)
    base["basis"] = base["_basis"]
    periodic = base["basis"] == PERIODIC
    if periodic.any():
        part = work[work["_periodic"] & (work["_basis"] == PERIODIC)]
        for name in ("rating_hasil_kerja", "rating_perilaku_kerja"):
            if name in part:
                base.loc[periodic, name] = (
                    _mode_latest(part, name).reindex(base.index[periodic]).fillna("").to_numpy()
                )
        if matrix is not None and {
            "rating_hasil_kerja",
            "rating_perilaku_kerja",
            "predikat",
        } <= set(base.columns):
            both = (
                periodic
                & (base["rating_hasil_kerja"] != "")
                & (base["rating_perilaku_kerja"] != "")
            )
            if both.any():
                base.loc[both, "predikat"] = matrix(
                    base.loc[both, "rating_hasil_kerja"], base.loc[both, "rating_perilaku_kerja"]
                ).to_numpy()
        base.loc[periodic, "periode"] = base.loc[periodic, "tahun"]
        base.loc[periodic, "jenis_periode"] = ANNUAL
    order = work.drop_duplicates("_group")["_group"]
    base = base.reindex(order.to_numpy())
    return base.drop(columns=[c for c in base.columns if c.startswith("_")]).reset_index(drop=True)


def _mode_latest(part: pd.DataFrame, name: str) -> pd.Series:
    """Per group: the label given most often; a tie goes to the latest period among the tied
    labels.
    """
    labelled = part[part[name].notna() & (part[name].astype(str) != "")]
    counts = labelled.groupby(["_group", name], sort=False).agg(
        n=("row", "size"), latest=("_key", "max")
    )
    best = (
        counts.reset_index()
        .sort_values(["_group", "n", "latest"], kind="stable")
        .drop_duplicates("_group", keep="last")
    )
    return best.set_index("_group")[name]
