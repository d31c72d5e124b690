"""The feedback coach's check against the case file: what the file holds, and what a text claims.

:func:`case_facts` reads the case file of one employee (as the kit builds it for scoring:
:func:`kinerja_sim.cases.casefile.case_file_html`) into :class:`CaseFacts`;
:func:`against_case` compares the evidence a feedback text cites with it: a quarter beyond
the file's periods, a number the file does not show, an incident it does not hold (or holds
in another quarter), a claim it contradicts (codes ``periode_tidak_ada``, ``angka_tidak_ada``,
``bukti_tidak_ada``, ``bukti_salah_periode``, ``bukti_bertentangan`` of
:data:`kinerja_sim.coach.feedback_rules.PROBLEMS`).

Examples
--------
>>> from kinerja_sim.cases.casefile import practice_cases
>>> from kinerja_sim.coach.feedback_rules import sentences_of, split_steps
>>> data, ids = practice_cases(1, rng=7)
>>> facts = case_facts(data, ids[0])
>>> text = "Pada triwulan 7 Saudara terlambat."
>>> [p.code for p in against_case(text, split_steps(sentences_of(text)), facts, "id")]
['periode_tidak_ada']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from kinerja_sim._core.data import read_yaml
from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim.coach.feedback_rules import Problem, feedback_rules, rule_phrases
from kinerja_sim.coach.text import (
    MONTHS,
    Sentence,
    Span,
    Token,
    find_phrases,
    is_number,
    sentence_span,
    stem,
)

__all__ = [
    "CaseFacts",
    "about_result",
    "against_case",
    "as_facts",
    "case_facts",
    "cites_incident",
    "cites_result",
]

_GOOD_RESULT = (
    "melampaui target",
    "di atas target",
    "mencapai target",
    "target tercapai",
    "memenuhi target",
    "sesuai target",
    "capai target",
)
_BAD_RESULT = (
    "di bawah target",
    "tidak mencapai target",
    "belum mencapai target",
    "target tidak tercapai",
    "tidak memenuhi target",
    "belum memenuhi target",
    "kurang dari target",
)


@dataclass(frozen=True)
class CaseFacts:
    """What a case file holds, in the form the checker compares a text with.

    Made by :func:`case_facts` from the dataset of a case and the employee's id.
    ``incidents``: period, dimension, value (+1/−1), text, stems (frozenset); ``numbers``:
    every number the file shows (targets, realisations per period and per year, capaian in
    percent, counts of incidents); ``capaian``: the capaian of each indicator (percent).
    """

    employee_id: str
    periods: int
    incidents: pd.DataFrame
    numbers: tuple[float, ...]
    capaian: tuple[float, ...]
    indicators: tuple[tuple[str, float, float, str], ...] = ()  # iki, target, realisation, unit
    #: distinctive stems of each indicator's IKI and RHK (what a sentence about a result shares)
    indicator_stems: tuple[frozenset, ...] = ()
    #: the numbers of the SKP table: targets, realisations per period and per year, capaian
    result_numbers: tuple[float, ...] = ()
    #: stems of every word of the SKP table's texts (IKI, RHK, unit), short words included
    skp_words: frozenset = frozenset()


def case_facts(dataset, employee_id: str) -> CaseFacts:
    """What the case file of ``employee_id`` shows, for
    :func:`kinerja_sim.coach.feedback.check` (``case=``).

    Examples
    --------
    >>> from kinerja_sim.cases.casefile import practice_cases
    >>> data, ids = practice_cases(1, rng=7)
    >>> facts = case_facts(data, ids[0])
    >>> facts.periods, set(facts.incidents["value"]) <= {-1.0, 1.0}
    (4, True)
    """
    from kinerja_sim.cases.casefile import case_employee
    from kinerja_sim.rules import capaian

    case_employee(dataset, employee_id)  # checks the dataset and the employee
    evidence = dataset.evidence[dataset.evidence["employee_id"] == employee_id]
    periods = int(pd.unique(dataset.evidence["period"]).size)
    incidents = evidence[evidence["kind"] == "insiden"][
        ["period", "dimension", "value", "text"]
    ].copy()
    incidents["stems"] = [_stems(s) for s in incidents["text"]]
    incidents["negated"] = [
        frozenset(_negated([w for w in re.findall(r"[^\W\d_]+", s.lower())]))
        for s in incidents["text"]
    ]
    skp = dataset.indicators[dataset.indicators["employee_id"] == employee_id]
    achieved = np.atleast_1d(
        capaian(
            skp["realisation"].to_numpy(),
            skp["target"].to_numpy(),
            direction=skp["direction"].to_numpy(),
        )
    ).astype(float)
    realised = evidence[evidence["kind"] == "realisasi"]["value"].to_numpy(dtype=float)
    counts = [
        len(incidents),
        (incidents["value"] > 0).sum(),
        (incidents["value"] < 0).sum(),
        *incidents.groupby(["period", "value"]).size(),
        *incidents.groupby("dimension").size(),
        periods,
    ]
    written = [  # numbers inside the indicator texts ("kunjungan antenatal K6", "1x24 jam")
        _number_value(word)
        for text in (*skp["iki"], *skp["rhk"])
        for word in re.findall(r"\d+(?:[.,]\d+)*", str(text))
    ]
    numbers = np.concatenate(
        [
            np.asarray([v for v in written if v is not None], float),
            skp["target"].to_numpy(float),
            skp["realisation"].to_numpy(float),
            realised,
            achieved,
            np.round(achieved),
            np.asarray(counts, float),
        ]
    )
    results = numbers[: len(numbers) - len(counts)]
    return CaseFacts(
        employee_id,
        periods,
        incidents.reset_index(drop=True),
        _rounded(numbers),
        tuple(np.round(achieved, 1).tolist()),
        tuple(
            zip(
                skp["iki"],
                skp["target"].astype(float),
                skp["realisation"].astype(float),
                skp["unit"],
            )
        ),
        tuple(_stems(f"{iki} {rhk}") for iki, rhk in zip(skp["iki"], skp["rhk"])),
        _rounded(results),
        frozenset(
            stem(w)
            for text in (*skp["iki"], *skp["rhk"], *skp["unit"])
            for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", str(text).lower())
        ),
    )


def _rounded(numbers: np.ndarray) -> tuple[float, ...]:
    return tuple(sorted(set(np.round(numbers[np.isfinite(numbers)], 2).tolist())))


def _stems(text: str) -> frozenset[str]:
    """Stems of the words of five letters or more (what claims are matched on)."""
    return frozenset(stem(w) for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) >= 5)


def as_facts(case) -> CaseFacts | None:
    """``case`` as :class:`CaseFacts`: given as such, or made from ``(dataset, employee_id)``."""
    if case is None or isinstance(case, CaseFacts):
        return case
    if isinstance(case, tuple) and len(case) == 2:
        return case_facts(*case)
    raise TypeError(f"case must be CaseFacts or (dataset, employee_id), got {type(case).__name__}")


@cache
def _incident_stems() -> frozenset[str]:
    """Distinctive stems of the kit's incident texts (what a claimed incident is matched on)."""
    incidents = read_yaml("incidents.yaml")
    stop = {stem(word) for word in feedback_rules()["incident_stopwords"]}
    stems = set()
    for signs in incidents.values():
        for texts in signs.values():
            for sentence in texts:
                stems.update(
                    stem(w) for w in re.findall(r"[^\W\d_]+", sentence.lower()) if len(w) >= 5
                )
    return frozenset(stems - stop)


def _number_value(word: str) -> float | None:
    """The value of a number as Indonesian text writes it: "1.250" is one thousand two hundred
    and fifty, "2.516,3" two thousand five hundred sixteen point three, "93,2" and "93.2" the
    same number."""
    digits = word.replace("%", "").strip()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", digits):  # grouped thousands, decimal comma
        digits = digits.replace(".", "")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+\.\d+", digits):  # 2,516.3 (English notation)
        digits = digits.replace(",", "")
    try:
        return float(digits.replace(",", "."))
    except ValueError:
        return None


def _decimals(word: str) -> int:
    """Digits written after the decimal sign (0 for "1.250", a grouped thousand)."""
    digits = word.replace("%", "").strip()
    match = re.search(r"[.,](\d+)$", digits)
    if not match or re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):
        return 0
    return len(match.group(1))


def _in_file(value: float, decimals: int, known: np.ndarray) -> bool:
    """A number cited with ``decimals`` digits is the file's when a number of the file rounds to
    it (the file prints 4,25 and the text says 4,3 or 4), or lies within 1 % of it."""
    if not len(known):
        return False
    rounding = 0.5 * 10.0**-decimals + 1e-9
    close = np.abs(known - value) <= np.maximum(rounding, 0.01 * np.maximum(1.0, np.abs(known)))
    return bool(close.any())


def _cited_numbers(sentence: Sentence) -> list[tuple[Token, float]]:
    """Numbers a sentence cites as evidence: not years, dates, clock times or quarter numbers."""
    words = [tok.word for tok in sentence.tokens]
    out = []
    for i, tok in enumerate(sentence.tokens):
        if not is_number(tok.word):
            continue
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        value = _number_value(tok.word)
        if (
            value is None
            or before in ("triwulan", "kuartal", "tanggal", "pukul", "jam", "tahun", "semester")
            or after in MONTHS
            or (re.fullmatch(r"\d{4}", tok.word) and 1990 <= value <= 2100)  # a year
            or re.fullmatch(r"\d{1,2}[.:]\d{2}", tok.word)
        ):
            continue
        out.append((tok, value))
    return out


def against_case(text, sentences, facts: CaseFacts, lang) -> list[Problem]:
    """The problems of the evidence a text cites against the case file (quarters, numbers,
    incidents, results against target), for sentences cut by
    :func:`kinerja_sim.coach.feedback_rules.split_steps`."""
    problems = []
    known = np.asarray(facts.numbers, float)
    claimable = _incident_stems()
    for sentence in sentences:
        if sentence.step:
            continue
        span = sentence_span(text, sentence)
        beyond = [q for q in sentence.quarters if q > facts.periods]
        if beyond:
            problems.append(
                Problem(
                    "periode_tidak_ada",
                    t(
                        "feedback.problem.periode_tidak_ada",
                        lang,
                        quarter=beyond[0],
                        n=facts.periods,
                    ),
                    span,
                )
            )
            continue
        for tok, value in _cited_numbers(sentence):
            if not _in_file(value, _decimals(tok.word), known):
                problems.append(
                    Problem(
                        "angka_tidak_ada",
                        t(
                            "feedback.problem.angka_tidak_ada",
                            lang,
                            number=text[tok.start : tok.end].strip(),
                        ),
                        Span(tok.start, tok.end, text[tok.start : tok.end]),
                    )
                )
        problems.extend(_incident_claims(sentence, span, facts, claimable, lang))
        problems.extend(_result_claims(sentence, span, facts, lang))
    return problems


def _negated(words: list[str]) -> set[str]:
    """Stems that a negator denies: "tidak hadir", "tanpa keluhan", "tidak ada pengaduan"."""
    negators = set(feedback_rules()["negators"]) | {"tak"}
    out = set()
    for i, w in enumerate(words[:-1]):
        if w in negators:
            k = (
                i + 2
                if words[i + 1] in ("ada", "pernah", "sempat") and i + 2 < len(words)
                else i + 1
            )
            out.add(stem(words[k]))
    return out


def about_result(sentence, facts: CaseFacts) -> bool:
    """The sentence speaks of an indicator of the file: it shares two stems with an IKI (or its
    RHK), or cites a figure of the SKP table (:func:`cites_result`)."""
    stems = {stem(tok.word) for tok in sentence.tokens if len(tok.word) >= 5}
    if any(len(stems & own) >= min(2, len(own)) for own in facts.indicator_stems if own):
        return True
    return cites_result(sentence, facts)


def cites_result(sentence, facts: CaseFacts) -> bool:
    """The sentence cites a figure of the SKP table (a target, a realisation, a capaian) or
    speaks of one in the table's words ("realisasi", "target", "capaian"): Hasil Kerja evidence."""
    if {"realisasi", "target", "capaian", "ditargetkan"} & {tok.word for tok in sentence.tokens}:
        return True
    known = np.asarray(facts.result_numbers, float)
    return any(
        _in_file(value, _decimals(tok.word), known) for tok, value in _cited_numbers(sentence)
    )


def cites_incident(sentence, facts: CaseFacts) -> bool:
    """The sentence cites a behaviour incident of the file (in any quarter): its distinctive
    words match a recorded incident as :func:`against_case` matches them."""
    if facts.incidents.empty:
        return False
    words = {stem(tok.word) for tok in sentence.tokens if len(tok.word) >= 5}
    if any(len(words & own) >= max(2, 0.6 * len(own)) for own in facts.incidents["stems"]):
        return True  # most words of a recorded incident, common words included
    claims = words & _incident_stems()
    if len(claims) < 2:
        return False
    return _matches(max(len(claims & s) for s in facts.incidents["stems"]), len(claims))


def _incident_claims(sentence, span, facts, claimable, lang) -> list[Problem]:
    impact = [i for i, _ in find_phrases(sentence.tokens, rule_phrases("impact"))]
    words = [tok.word for tok in sentence.tokens][: min(impact, default=len(sentence.tokens))]
    stems = [stem(w) for w in words]
    claims = {s for s in stems if s in claimable}
    if about_result(sentence, facts):  # the words of the indicator are no claimed incident
        claims -= facts.skp_words
    negated = _negated(words) & claims
    if (len(claims) < 2 and not negated) or facts.incidents.empty:
        return []
    periods = set(sentence.quarters) or set(range(1, facts.periods + 1))
    here = facts.incidents[facts.incidents["period"].isin(periods)]
    overlap = [len(claims & s) for s in here["stems"]]
    if negated:
        opposite = [
            bool(negated & (s - n)) and not negated & n and value < 0
            for s, n, value in zip(here["stems"], here["negated"], here["value"])
        ]
        same = [bool(negated & n) for n in here["negated"]]
        hit = here[opposite]
        if any(same):
            return []
        if len(hit):
            return [
                Problem(
                    "bukti_bertentangan",
                    t(
                        "feedback.problem.bukti_bertentangan",
                        lang,
                        incident=hit["text"].iloc[0],
                        period=int(hit["period"].iloc[0]),
                    ),
                    span,
                )
            ]
        return []
    if overlap and _matches(max(overlap), len(claims)):
        return []
    elsewhere = facts.incidents[~facts.incidents["period"].isin(periods)]
    other = [len(claims & s) for s in elsewhere["stems"]]
    if sentence.quarters and other and _matches(max(other), len(claims)):
        best = elsewhere.iloc[int(np.argmax(other))]
        return [
            Problem(
                "bukti_salah_periode",
                t(
                    "feedback.problem.bukti_salah_periode",
                    lang,
                    said=sentence.quarters[0],
                    period=int(best["period"]),
                ),
                span,
            )
        ]
    return [Problem("bukti_tidak_ada", t("feedback.problem.bukti_tidak_ada", lang), span)]


def _matches(shared: int, claimed: int) -> bool:
    """A claimed incident matches a recorded one when they share at least two distinctive
    stems and at least 40 % of the claim's (one stem is enough for a claim of one or two)."""
    return shared >= min(2, claimed) and shared >= 0.4 * claimed


def _result_claims(sentence, span, facts, lang) -> list[Problem]:
    if not facts.capaian:
        return []
    bad = find_phrases(sentence.tokens, tuple(tuple(p.split()) for p in _BAD_RESULT))
    inside = {k for i, j in bad for k in range(i, j)}
    good = [
        (i, j)
        for i, j in find_phrases(sentence.tokens, tuple(tuple(p.split()) for p in _GOOD_RESULT))
        if not inside.intersection(range(i, j))
    ]
    lowest, highest = min(facts.capaian), max(facts.capaian)
    if good and not bad and highest < 100:
        return [
            Problem(
                "bukti_bertentangan",
                t(
                    "feedback.problem.hasil_bertentangan_baik",
                    lang,
                    best=number(highest, 1, lang=lang),
                ),
                span,
            )
        ]
    if bad and not good and lowest >= 100:
        return [
            Problem(
                "bukti_bertentangan",
                t(
                    "feedback.problem.hasil_bertentangan_buruk",
                    lang,
                    worst=number(lowest, 1, lang=lang),
                ),
                span,
            )
        ]
    return []
