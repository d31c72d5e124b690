"""Row checks of an export: identifiers, ratings, predicates, PP 46 scores, periods, duplicates.

Every check is vectorised over the rows and gives *problems*: one per (row, field), with a
message in Bahasa Indonesia (or English). A row is used when its employee identifier is a
valid NIP / NI PPPK and it carries at least one usable rating (or PP 46 score); ``kept`` in
the problem list says whether the row is used (True: a warning only). Values of identifier
fields are masked in problems, never shown.

How values are read, in order: the user's mapping (``values``), the preset's codes
(e.g. SIASN ``1`` = Di Atas Ekspektasi), then the general vocabulary of
``column_mapping.yaml`` (spelling variants, AE/SE/BE, "Ekspetasi"). "BM" (belum menilai) and
the like mean *no rating*. A bare number that no preset or mapping explains is not guessed:
its meaning differs between systems.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim._core.i18n import t
from kinerja_sim.byod import identifiers
from kinerja_sim.byod.periods import period_columns
from kinerja_sim.byod.schema import (
    PERIOD_FIELDS,
    PROBLEM_COLUMNS,
    SCORE_FIELDS,
    column_mapping,
    display,
    label_key,
    mask,
)

__all__ = ["validate_rows"]

_NIP_KINDS = {
    "empty": "empty",
    "excel_scientific": "nip_scientific",
    "excel_decimal": "nip_decimal",
    "excel_truncated": "nip_truncated",
    "not_digits": "nip_chars",
    "wrong_length": "nip_length",
    "not_allowed": "nip_kind",
}


def _problem(rows, field, kind, values, messages, header=None) -> pd.DataFrame:
    rows = np.asarray(rows, dtype=np.int64)
    return pd.DataFrame(
        {
            "row": rows,
            "column": header or display(field),
            "field": field,
            "kind": kind,
            "value": list(values),
            "message": list(messages),
            "kept": True,
        }
    )


def _raw(frame, name) -> pd.Series:
    return frame[name].fillna("").astype(str).str.strip()


def _check_ids(frame, field, header, allowed, lang):
    """Normalised identifiers (NaN where refused) and the problems of refused ones."""
    clean = identifiers.normalise_series(frame[field].fillna("")).set_axis(frame.index)
    kinds = clean.map({v: identifiers.problem_kind(v, allowed=allowed) for v in pd.unique(clean)})
    problems = []
    what = display(field)
    for kind, group in clean[kinds.notna()].groupby(kinds[kinds.notna()], sort=False):
        name = _NIP_KINDS[kind]
        shown = group.map(mask)
        messages = [
            t(f"byod.row.{name}", lang, field=what, value=v, n=len(raw))
            for v, raw in zip(shown, group)
        ]
        problems.append(
            _problem(frame.loc[group.index, "row"], field, name, shown, messages, header)
        )
    return clean.where(kinds.isna()), problems


def _vocabulary(kind: str) -> dict[str, str]:
    return {
        label_key(v): label
        for label, variants in column_mapping()[kind].items()
        for v in [label, *variants]
    }


def _read_labels(raw: pd.Series, field, kind, codes: dict, mapped: dict):
    """Labels from raw text: mapping, then preset codes, then the vocabulary. Also the "no rating"
    mask.
    """
    general = _vocabulary(kind)
    mapped_keys = {label_key(k): v for k, v in mapped.items()}
    not_rated = (
        {label_key(w) for w in column_mapping()["not_rated"]} if kind == "ratings" else set()
    )

    def one(value):
        if value == "":
            return np.nan
        if value in mapped:
            return mapped[value]
        if label_key(value) in mapped_keys and label_key(value):
            return mapped_keys[label_key(value)]
        number = value[:-2] if value.endswith(".0") else value
        if number in codes:
            return codes[number]
        return general.get(label_key(value), np.nan)

    distinct = {value: one(value) for value in pd.unique(raw)}
    labels = raw.map(distinct)
    unrated = labels.isna() & raw.map({v: label_key(v) in not_rated and v != "" for v in distinct})
    return labels, unrated


def _check_ratings(frame, field, header, codes, mapped, lang):
    raw = _raw(frame, field)
    labels, unrated = _read_labels(raw, field, "ratings", codes, mapped)
    problems = []
    empty = raw == ""
    if empty.any():
        problems.append(
            _problem(
                frame.loc[empty, "row"],
                field,
                "empty",
                [""] * int(empty.sum()),
                [t("byod.row.empty", lang, field=display(field))] * int(empty.sum()),
                header,
            )
        )
    if unrated.any():
        values = raw[unrated]
        problems.append(
            _problem(
                frame.loc[unrated, "row"],
                field,
                "not_rated",
                values,
                [t("byod.row.not_rated", lang, field=display(field), value=v) for v in values],
                header,
            )
        )
    unknown = labels.isna() & ~empty & ~unrated
    if unknown.any():
        accepted = ", ".join(column_mapping()["ratings"])
        values = raw[unknown].map(lambda v: mask(v) if sum(c.isdigit() for c in v) >= 6 else v[:40])
        messages = [
            t(
                "byod.row.label_code" if v.replace(".", "").isdigit() else "byod.row.label_unknown",
                lang,
                field=display(field),
                value=v,
                accepted=accepted,
            )
            for v in values
        ]
        problems.append(
            _problem(frame.loc[unknown, "row"], field, "label_unknown", values, messages, header)
        )
    return labels, problems


def _check_predicates(frame, header, codes, mapped, ratings, matrix, lang):
    """Predicates as given, the non-standard words (Cukup, Istimewa, ...) and unknown ones."""
    raw = _raw(frame, "predikat")
    labels, _ = _read_labels(raw, "predikat", "predicates", codes, mapped)
    nonstandard_words = {label_key(w) for w in column_mapping()["nonstandard_predicates"]}
    nonstandard = labels.isna() & raw.map(
        {v: label_key(v) in nonstandard_words and v != "" for v in pd.unique(raw)}
    )
    problems = []
    both = (
        ratings[0].notna() & ratings[1].notna() if ratings else pd.Series(False, index=frame.index)
    )
    if nonstandard.any():
        recomputed = nonstandard & both
        expected = pd.Series("", index=frame.index, dtype=object)
        if recomputed.any():
            expected[recomputed] = matrix(ratings[0][recomputed], ratings[1][recomputed]).to_numpy()
        messages = [
            t(
                "byod.row.predicate_nonstandard" if e else "byod.row.predicate_nonstandard_kept",
                lang,
                value=v,
                expected=e,
            )
            for v, e in zip(raw[nonstandard], expected[nonstandard])
        ]
        problems.append(
            _problem(
                frame.loc[nonstandard, "row"],
                "predikat",
                "predicate_nonstandard",
                raw[nonstandard],
                messages,
                header,
            )
        )
    unknown = labels.isna() & (raw != "") & ~nonstandard
    if unknown.any():
        accepted = ", ".join(column_mapping()["predicates"])
        values = raw[unknown].map(lambda v: v[:40])
        problems.append(
            _problem(
                frame.loc[unknown, "row"],
                "predikat",
                "label_unknown",
                values,
                [
                    t(
                        "byod.row.label_unknown",
                        lang,
                        field=display("predikat"),
                        value=v,
                        accepted=accepted,
                    )
                    for v in values
                ],
                header,
            )
        )
    if ratings:
        usable = labels.notna() & both
        if usable.any():
            expected = matrix(ratings[0][usable], ratings[1][usable])
            off = labels[usable].to_numpy() != expected.to_numpy()
            if off.any():
                index = usable[usable].index[off]
                messages = [
                    t("byod.row.predicate_mismatch", lang, given=g, hasil=h, perilaku=p, expected=e)
                    for g, h, p, e in zip(
                        labels[index],
                        ratings[0][index],
                        ratings[1][index],
                        expected.to_numpy()[off],
                    )
                ]
                problems.append(
                    _problem(
                        frame.loc[index, "row"],
                        "predikat",
                        "predicate_mismatch",
                        labels[index],
                        messages,
                        header,
                    )
                )
    return labels, problems


def _check_scores(frame, field, header, lang):
    """PP 46-style scores: numbers on 0-100 (a decimal comma is read)."""
    raw = _raw(frame, field)
    numbers = pd.to_numeric(raw.str.replace(",", ".", regex=False), errors="coerce")
    problems = []
    empty = raw == ""
    bad = numbers.isna() & ~empty
    if bad.any():
        messages = [
            t("byod.row.score_invalid", lang, field=display(field), value=v[:20]) for v in raw[bad]
        ]
        problems.append(
            _problem(
                frame.loc[bad, "row"], field, "score_invalid", raw[bad].str[:20], messages, header
            )
        )
    outside = numbers.notna() & ~numbers.between(0, 100)
    if outside.any():
        problems.append(
            _problem(
                frame.loc[outside, "row"],
                field,
                "score_range",
                raw[outside],
                [
                    t("byod.row.score_range", lang, field=display(field), value=v)
                    for v in raw[outside]
                ],
                header,
            )
        )
    return numbers.where(numbers.between(0, 100)), problems


def _duplicates(frame, nip, period_known, lang) -> tuple[list[pd.DataFrame], set]:
    """Repeated rows of one employee (and period): identical repeats are dropped, others kept and
    listed.
    """
    keys = ["_nip"] + (["periode"] if period_known else [])
    work = frame.assign(_nip=nip)[nip.notna()]
    if work.empty:
        return [], set()
    content = [c for c in work.columns if c not in ("row", "_nip", "urutan")]
    texts = work[content].apply(lambda column: column.map(str))
    work = work.assign(_content=pd.util.hash_pandas_object(texts, index=False).to_numpy())
    problems = []
    same = work.duplicated(keys + ["_content"], keep="first")
    if same.any():
        first = work.groupby(keys + ["_content"], sort=False)["row"].transform("first")
        rows = work.loc[same, "row"]
        problems.append(
            _problem(
                rows,
                "nip",
                "duplicate_same",
                ["(sama)"] * len(rows),
                [t("byod.row.duplicate_same", lang, row=r) for r in first[same]],
            )
        )
    distinct = work[~same]
    conflict = distinct[distinct.duplicated(keys, keep=False)]
    if len(conflict):
        group = conflict.groupby(keys, sort=False).ngroup()
        members = conflict.groupby(group.to_numpy(), sort=False)["row"].agg(list)
        key = "byod.row.duplicate_period" if period_known else "byod.row.duplicate"
        messages = [
            t(
                key,
                lang,
                rows=", ".join(str(r) for r in members[g] if r != row),
                last=members[g][-1],
            )
            for row, g in zip(conflict["row"], group)
        ]
        problems.append(
            _problem(
                conflict["row"], "nip", "duplicate", [mask(v) for v in conflict["_nip"]], messages
            )
        )
    return problems, set(work.loc[same, "row"])


def validate_rows(
    frame: pd.DataFrame, headers: dict, *, codes: dict, mapped: dict, matrix, regime: str, lang=None
):
    """Check every row of ``frame`` (text columns named by field, plus ``row``).

    Parameters
    ----------
    frame : DataFrame
        One text column per field found, and ``row`` (the row number in the file).
    headers : dict
        Field -> the header in the file (for messages).
    codes, mapped : dict
        Field -> raw value -> label, from the preset and from the user's mapping.
    matrix : callable
        The predicate matrix of PermenPAN-RB 6/2022.
    regime : str
        ``"permenpanrb-6-2022"`` or ``"pp-46-2011"``.

    Returns
    -------
    clean : DataFrame
        ``frame`` with normalised identifiers, labels, scores and the period columns
        (``periode``, ``tahun``, ``jenis_periode``, ``urutan``).
    problems : DataFrame
        ``row``, ``column``, ``field``, ``kind``, ``value`` (masked for identifiers),
        ``message``, ``kept`` (False: the row is not used).
    """
    clean, problems = frame.copy(), []
    clean["nip"], found = _check_ids(frame, "nip", headers.get("nip"), identifiers.ASN_KINDS, lang)
    problems += found
    if "nip_penilai" in frame:
        clean["nip_penilai"], found = _check_ids(
            frame, "nip_penilai", headers.get("nip_penilai"), identifiers.RATER_KINDS, lang
        )
        problems += found
    ratings = []
    for name in ("rating_hasil_kerja", "rating_perilaku_kerja"):
        if name in frame:
            clean[name], found = _check_ratings(
                frame, name, headers.get(name), codes.get(name, {}), mapped.get(name, {}), lang
            )
            problems += found
            ratings.append(clean[name])
    pair = ratings if len(ratings) == 2 else []
    if "predikat" in frame:
        clean["predikat"], found = _check_predicates(
            frame,
            headers.get("predikat"),
            codes.get("predikat", {}),
            mapped.get("predikat", {}),
            pair,
            matrix,
            lang,
        )
        problems += found
    if "predikat_organisasi" in frame:
        raw = _raw(frame, "predikat_organisasi")
        clean["predikat_organisasi"], _ = _read_labels(
            raw,
            "predikat_organisasi",
            "organisation_predicates",
            {},
            mapped.get("predikat_organisasi", {}),
        )
    for name in SCORE_FIELDS:
        if name in frame:
            clean[name], found = _check_scores(frame, name, headers.get(name), lang)
            problems += found
    has_rating = pd.Series(False, index=frame.index)
    for name in ("rating_hasil_kerja", "rating_perilaku_kerja", *SCORE_FIELDS):
        if name in clean and (regime == "pp-46-2011") == (name in SCORE_FIELDS):
            has_rating |= clean[name].notna()
    no_rating = clean["nip"].notna() & ~has_rating
    if no_rating.any():
        problems.append(
            _problem(
                frame.loc[no_rating, "row"],
                "nip",
                "no_rating",
                [""] * int(no_rating.sum()),
                [t("byod.row.no_rating", lang)] * int(no_rating.sum()),
            )
        )
    periods = period_columns(frame)
    for name in periods:
        clean[name] = periods[name]
    period_known = bool((periods["periode"] != "").any())
    found, dropped = _duplicates(
        clean.drop(columns=[c for c in PERIOD_FIELDS if c in frame and c != "periode"]),
        clean["nip"],
        period_known,
        lang,
    )
    problems += found
    if "nip_penilai" in clean:
        same = clean["nip"].notna() & (clean["nip"] == clean["nip_penilai"])
        if same.any():
            problems.append(
                _problem(
                    clean.loc[same, "row"],
                    "nip_penilai",
                    "self_rated",
                    ["(sama)"] * int(same.sum()),
                    [t("byod.row.self_rated", lang)] * int(same.sum()),
                    headers.get("nip_penilai"),
                )
            )
    used = clean["nip"].notna() & has_rating & ~clean["row"].isin(dropped)
    table = (
        pd.concat(problems, ignore_index=True)
        if problems
        else pd.DataFrame(columns=PROBLEM_COLUMNS)
    )
    table["kept"] = table["row"].isin(set(clean.loc[used, "row"]))
    table = table.astype({"row": np.int64, "kept": bool})
    clean["_used"] = used
    return clean, table.sort_values(["row", "kept"], kind="stable", ignore_index=True)[
        PROBLEM_COLUMNS
    ]
