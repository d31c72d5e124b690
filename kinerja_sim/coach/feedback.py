"""Written feedback (umpan balik) checked against transparent rules and, optionally, the case file.

PermenPAN-RB 6/2022 puts continuous feedback in a *dialog kinerja* at the centre of the
performance cycle (HIGH). What makes written feedback constructive is a documented modelling
choice (ASSUMPTION, the situation–behaviour–impact model with an agreed next step): it names
the **situation or evidence** (when, from which record), the **observed behaviour or
result** (what was done, not the person's character), its **impact**, and an agreed **next
step with a time or a measure**.

:func:`check` reads a text with the rules in ``data/feedback_rules.yaml`` (every rule with
its reason and an example; no statistical model) and flags:

============================  ===========================================================
code                          what it means
============================  ===========================================================
``label_karakter``            a label of character ("malas", "tidak becus"), minding
                              negation ("tidak malas" is not a label)
``absolut``                   an absolute ("selalu", "tidak pernah") that no time span bounds
``permintaan_kabur``          a vague ask ("tingkatkan lagi", "lebih optimal") with no
                              measure or time
``pujian_tanpa_bukti``        praise that does not say what was done
``langkah_tanpa_waktu``       a next step without a time or a measure
``tanpa_bukti``               no situation or record, and no behaviour with its impact
``bukti_tidak_ada``           (with ``case``) an incident the case file does not hold
``bukti_salah_periode``       (with ``case``) an incident the file holds in another quarter
``angka_tidak_ada``           (with ``case``) a number that is nowhere in the case file
``periode_tidak_ada``         (with ``case``) a quarter beyond the case file's periods
``bukti_bertentangan``        (with ``case``) a claim the file contradicts ("tidak ada
                              keluhan" where the file records one; "melampaui target" where
                              every indicator is below target)
``bukti_bukan_hasil_kerja``   (with ``case`` and ``dimension="hasil_kerja"``) the only
                              evidence cited is a behaviour incident, not an indicator
``teks_rumus``                the text starts like a spreadsheet formula (``=``, or ``+``,
                              ``-``, ``@`` before a function call such as ``=HYPERLINK(``):
                              nothing in it counts as a situation or a behaviour
============================  ===========================================================

``ok`` means no problem and evidence with a behaviour or result; ``constructive`` asks for more:
``ok`` and all four parts (impact and next step too). Only a constructive text is called
"membangun" (exercise 06, the dialog practice of lesson 02).

The work is shared by four modules, each with one job: :mod:`kinerja_sim.coach.text` reads
the text (tokens, sentences, stems), :mod:`kinerja_sim.coach.feedback_rules` finds the parts
and the problems of wording, :mod:`kinerja_sim.coach.casecheck` compares the evidence cited
with the case file, and this module puts them together in :func:`check` and writes the
suggestions (:data:`PARTS`, :data:`PROBLEMS`, :class:`CaseFacts` and :func:`case_facts` are
importable from here too).

Examples
--------
>>> result = check("Kamu malas dan selalu terlambat. Tingkatkan lagi!")
>>> result.ok, result.codes
(False, ('label_karakter', 'absolut', 'permintaan_kabur', 'tanpa_bukti'))
>>> good = check("Pada triwulan III, menurut rekap presensi, Saudara terlambat 11 kali sehingga "
...              "loket baru buka pukul 08.30. Kita sepakati mulai Senin depan Saudara hadir "
...              "sebelum pukul 07.30.")
>>> good.ok, sorted(part for part, spans in good.parts.items() if spans)
(True, ['dampak', 'langkah', 'perilaku', 'situasi'])
>>> good.constructive, check("Pada rapat 3 Mei Saudara menyerahkan notulen lengkap.").constructive
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim.coach.casecheck import (
    CaseFacts,
    against_case,
    as_facts,
    case_facts,
    cites_incident,
    cites_result,
)
from kinerja_sim.coach.feedback_rules import (
    PARTS,
    PROBLEMS,
    Problem,
    feedback_rules,
    sentences_of,
    split_steps,
    wording_problems,
)
from kinerja_sim.coach.text import Span, sentence_span
from kinerja_sim.world.dimensions import RESULT

__all__ = [
    "FORMULA",
    "MAX_CHARS",
    "PARTS",
    "PROBLEMS",
    "CaseFacts",
    "FeedbackCheck",
    "Problem",
    "Span",
    "case_facts",
    "check",
    "feedback_rules",
]

MAX_CHARS = 5000
#: A text that starts like a spreadsheet formula: "=" (anything), or "+", "-", "@" before a
#: function call ("+CONCAT(", "@SUM("). "- Pada triwulan 3 …" (a list bullet) is prose.
FORMULA = re.compile(r"\s*(?:=\s*[^\s]*|[+\-@]\s*[A-Za-z_][\w.]*\s*\()")


@dataclass(frozen=True)
class FeedbackCheck:
    """The result of :func:`check`.

    Attributes
    ----------
    ok : bool
        True when no problem was found and the text names a situation or record and an
        observed behaviour or result.
    problems : tuple of Problem
        What to fix, in the order of the rules.
    parts : dict
        For each of :data:`PARTS` ("situasi", "perilaku", "dampak", "langkah") the spans of
        the text where it was found (an empty tuple when it is missing).
    suggestions : tuple of str
        What to add or change, in the language asked for; with a case, evidence from the file.
    """

    ok: bool
    problems: tuple[Problem, ...]
    parts: dict = field(default_factory=dict)
    suggestions: tuple[str, ...] = ()

    @property
    def constructive(self) -> bool:
        """True when ``ok`` and all four :data:`PARTS` are there (impact and next step too):
        what exercise 06 calls constructive ("membangun")."""
        return self.ok and all(self.parts.get(part) for part in PARTS)

    @property
    def missing(self) -> tuple[str, ...]:
        """The :data:`PARTS` not found in the text, in order."""
        return tuple(part for part in PARTS if not self.parts.get(part))

    @property
    def codes(self) -> tuple[str, ...]:
        """The problem codes, each once, in order."""
        return tuple(dict.fromkeys(problem.code for problem in self.problems))

    def to_frame(self) -> pd.DataFrame:
        """One row per problem and per part found: ``kind`` ("problem"/"part"), ``code``,
        ``message``, ``start``, ``end``, ``text``."""
        rows = [
            (
                "problem",
                p.code,
                p.message,
                *(p.span and (p.span.start, p.span.end, p.span.text) or (-1, -1, "")),
            )
            for p in self.problems
        ]
        rows += [
            ("part", part, "", span.start, span.end, span.text)
            for part in PARTS
            for span in self.parts.get(part, ())
        ]
        return pd.DataFrame(rows, columns=["kind", "code", "message", "start", "end", "text"])


def check(text, *, case=None, dimension=None, lang=None) -> FeedbackCheck:
    """Check written feedback (Bahasa Indonesia) for the parts of constructive feedback.

    Parameters
    ----------
    text : str
        The feedback, up to :data:`MAX_CHARS` characters.
    case : CaseFacts or tuple (Dataset, employee_id), optional
        The case file the feedback is about (as the kit builds it for scoring: see
        :func:`kinerja_sim.cases.casefile.case_file_html`). With a case, the evidence the text
        cites (quarters, numbers, incidents, results against target) is compared with the file.
    dimension : str, optional
        What the feedback is about (``"hasil_kerja"`` or a BerAKHLAK key); with a case, the
        evidence suggested comes from that dimension (an indicator for Hasil Kerja).
    lang : str, optional
        Language of the messages ("id" default, or "en").

    Returns
    -------
    FeedbackCheck
        ``ok``, ``problems`` (codes of :data:`PROBLEMS` with catalogue messages and spans),
        ``parts`` (spans of situation, behaviour/result, impact, next step) and
        ``suggestions``.

    Notes
    -----
    The rules and their word lists are in ``kinerja_sim/data/feedback_rules.yaml``; each has
    its reason and an example. ``ok`` needs no problem, a situation or record (or a behaviour
    with its impact) and an observed behaviour or result. A next step is recommended but its
    absence is a suggestion, not a problem; a next step that is there needs a time or measure.
    ``constructive`` (what exercise 06 calls "membangun") needs ``ok`` and all four parts. A text
    that starts like a spreadsheet formula (:data:`FORMULA`) is no evidence at all.

    Examples
    --------
    >>> check("Bagus sekali, pertahankan!").codes
    ('permintaan_kabur', 'pujian_tanpa_bukti', 'tanpa_bukti')
    >>> check("Saudara tidak malas; pada rapat 3 Mei Saudara menyerahkan notulen lengkap.").ok
    True
    """
    if not isinstance(text, str):
        raise TypeError(t("feedback.error.type", lang, kind=type(text).__name__))
    if len(text) > MAX_CHARS:
        raise ValueError(t("feedback.error.too_long", lang, n=len(text), limit=MAX_CHARS))
    facts = as_facts(case)
    formula = FORMULA.match(text)
    if formula:  # a spreadsheet formula, not feedback: no part of it is credited
        start = formula.group(0).strip()
        return FeedbackCheck(
            False,
            (
                Problem(
                    "teks_rumus",
                    t("feedback.problem.teks_rumus", lang, start=start),
                    Span(formula.start(), formula.end(), formula.group(0)),
                ),
            ),
            {part: () for part in PARTS},
            (t("feedback.suggest.teks_rumus", lang),),
        )
    sentences = sentences_of(text)
    if not any(sentence.tokens for sentence in sentences):
        return FeedbackCheck(
            False,
            (Problem("tanpa_bukti", t("feedback.problem.kosong", lang)),),
            {part: () for part in PARTS},
            (t("feedback.suggest.kosong", lang),),
        )
    sentences = split_steps(sentences)
    problems, parts = wording_problems(text, sentences, lang)
    if facts is not None:
        problems.extend(against_case(text, sentences, facts, lang))
        if dimension == RESULT and not any(cites_result(s, facts) for s in sentences):
            cited = [s for s in sentences if not s.step and cites_incident(s, facts)]
            if cited:  # a behaviour incident is evidence of Perilaku Kerja, not of Hasil Kerja
                problems.append(
                    Problem(
                        "bukti_bukan_hasil_kerja",
                        t("feedback.problem.bukti_bukan_hasil_kerja", lang),
                        sentence_span(text, cited[0]),
                    )
                )
    problems = _ordered(problems)
    suggestions = _suggestions(problems, parts, facts, dimension, lang)
    return FeedbackCheck(not problems, tuple(problems), parts, tuple(suggestions))


def _ordered(problems: list[Problem]) -> list[Problem]:
    rank = {code: k for k, code in enumerate(PROBLEMS)}
    return sorted(problems, key=lambda p: (rank[p.code], p.span.start if p.span else -1))


def _suggestions(problems, parts, facts, dimension, lang) -> list[str]:
    out = [t(f"feedback.suggest.{code}", lang) for code in dict.fromkeys(p.code for p in problems)]
    if not parts["dampak"]:
        out.append(t("feedback.suggest.dampak", lang))
    if not parts["langkah"]:
        out.append(t("feedback.suggest.langkah", lang))
    wanting = {"tanpa_bukti", "bukti_tidak_ada", "bukti_salah_periode", "pujian_tanpa_bukti"} & {
        p.code for p in problems
    }
    if facts is not None and wanting:
        out.extend(_evidence_to_cite(facts, dimension, lang))
    return list(dict.fromkeys(out))


def _evidence_to_cite(facts: CaseFacts, dimension, lang) -> list[str]:
    """One piece of evidence from the file: the weakest indicator for Hasil Kerja, else the
    latest incident of the dimension (or of any dimension when none is given)."""
    if dimension == "hasil_kerja" and facts.indicators:
        k = int(np.argmin(facts.capaian))
        iki, target, real, unit = facts.indicators[k]
        return [
            t(
                "feedback.suggest.indikator_berkas",
                lang,
                iki=iki,
                real=number(real, 1, lang=lang),
                target=number(target, 1, lang=lang),
                unit=unit,
                pct=number(facts.capaian[k], 1, lang=lang),
            )
        ]
    incidents = facts.incidents
    if dimension is not None:
        incidents = incidents[incidents["dimension"] == dimension]
    if incidents.empty:
        return []
    latest = incidents.sort_values("period").iloc[-1]
    return [
        t(
            "feedback.suggest.bukti_berkas",
            lang,
            period=int(latest["period"]),
            incident=latest["text"],
        )
    ]
