"""The rules of the feedback coach: the parts of constructive feedback and the problems of wording.

The rules and their word lists are in ``data/feedback_rules.yaml`` (each with its reason and
an example; ASSUMPTION, the situation–behaviour–impact model with an agreed next step). This
module finds the four :data:`PARTS` in the sentences of a text (situation or record,
behaviour or result, impact, next step) and the problems of wording (labels of character,
unbounded absolutes, vague asks, praise without evidence, a next step without a time, no
evidence). The check against a case file is :mod:`kinerja_sim.coach.casecheck`; the whole
check with its suggestions is :func:`kinerja_sim.coach.feedback.check`.

Examples
--------
>>> sentences = split_steps(sentences_of("Kamu malas. Tingkatkan lagi!"))
>>> problems, parts = wording_problems("Kamu malas. Tingkatkan lagi!", sentences)
>>> [problem.code for problem in problems]
['label_karakter', 'permintaan_kabur', 'tanpa_bukti']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kinerja_sim._core.data import read_yaml
from kinerja_sim._core.i18n import t
from kinerja_sim.coach.text import (
    MONTHS,
    Sentence,
    Span,
    find_phrases,
    is_number,
    months_named,
    quarters_named,
    sentence_span,
    split_sentences,
    token_span,
)

__all__ = [
    "PARTS",
    "PROBLEMS",
    "Problem",
    "feedback_rules",
    "rule_phrases",
    "sentences_of",
    "split_steps",
    "wording_problems",
]

PARTS = ("situasi", "perilaku", "dampak", "langkah")
PROBLEMS = (
    "label_karakter",
    "absolut",
    "permintaan_kabur",
    "pujian_tanpa_bukti",
    "langkah_tanpa_waktu",
    "tanpa_bukti",
    "bukti_tidak_ada",
    "bukti_salah_periode",
    "angka_tidak_ada",
    "periode_tidak_ada",
    "bukti_bertentangan",
    "bukti_bukan_hasil_kerja",
    "teks_rumus",
)
_PERSON = {
    "kita",
    "saudara",
    "saudari",
    "sdr",
    "anda",
    "kamu",
    "bapak",
    "ibu",
    "mas",
    "mbak",
    "bu",
    "pak",
}
_MODALS = {
    "perlu",
    "harus",
    "akan",
    "bisa",
    "dapat",
    "coba",
    "mulai",
    "wajib",
    "sebaiknya",
    "hendaknya",
}
_IMPERATIVES = {
    "mari",
    "ayo",
    "tolong",
    "mohon",
    "coba",
    "jangan",
    "perbaiki",
    "kirim",
    "pakai",
    "cek",
    "periksa",
    "ikuti",
    "ikut",
    "hubungi",
    "isi",
    "simpan",
    "hapus",
    "buat",
    "susun",
    "lanjutkan",
    "teruskan",
    "gunakan",
}
_NOT_IMPERATIVE = {
    "telah",
    "jumlah",
    "masalah",
    "sekolah",
    "salah",
    "kalah",
    "lelah",
    "olah",
    "ibadah",
    "daerah",
    "wilayah",
    "bawah",
    "rumah",
    "tanah",
    "sudah",
    "lebih",
    "kalau",
    "akan",
    "bulan",
    "pekan",
}


# Words that chain reported actions: "segera" after them tells what was done, not an ask.
_SEQUENCE = {"dan", "lalu", "kemudian", "langsung", "serta"}


@dataclass(frozen=True)
class Problem:
    """One problem: its ``code`` (see :data:`PROBLEMS`), the catalogue ``message`` and where."""

    code: str
    message: str
    span: Span | None = None


@cache
def feedback_rules() -> dict:
    """The rule file ``data/feedback_rules.yaml`` as a dict (lists lower-cased)."""
    return read_yaml("feedback_rules.yaml")


@cache
def rule_phrases(section: str, key: str = "terms") -> tuple[tuple[str, ...], ...]:
    """The phrases of a section of the rule file as tuples of words, longest first."""
    entry = feedback_rules()[section]
    items = entry[key] if isinstance(entry, dict) else entry
    # longest first; phrases of one length in the order the file lists them (a set's order would
    # change with the hash seed from one Python process to the next)
    unique = dict.fromkeys(tuple(str(item).lower().split()) for item in items)
    return tuple(sorted(unique, key=len, reverse=True))


def sentences_of(text: str) -> list[Sentence]:
    """The sentences of ``text`` with the rule file's informal spellings replaced."""
    return split_sentences(text, informal=feedback_rules()["informal"])


def _annotate(sentence: Sentence) -> None:
    rules = feedback_rules()
    words = [tok.word for tok in sentence.tokens]
    sentence.quarters = quarters_named(sentence)
    sentence.measure = any(is_number(w) for w in words)
    time_words = set(rules["months"]) | {
        "triwulan",
        "kuartal",
        "semester",
        "tanggal",
        "pukul",
        "jam",
        "besok",
        "lusa",
        "kemarin",
        "tadi",
        "sejak",
    }
    sentence.time = bool(
        sentence.quarters
        or find_phrases(sentence.tokens, rule_phrases("next_step", "time"))
        or time_words.intersection(words)
    )
    sentence.step = _step_start(words, sentence.tokens) is not None


def _step_start(words, tokens) -> int | None:
    """Index of the first token of a next step (an ask, agreement or plan), or None."""
    negators = set(feedback_rules()["negators"])
    starts = [
        i
        for i, _ in find_phrases(tokens, rule_phrases("next_step", "markers"))
        if not negators.intersection(words[max(0, i - 6) : i])
        and not (words[i] in ("segera", "nanti") and i and words[i - 1] in _SEQUENCE)
    ]  # "tidak ada ... yang saya minta"; "... dan segera memperbaikinya" reports what was done
    starts += [i for i in range(len(words) - 1) if words[i] in _PERSON and words[i + 1] in _MODALS]
    first = words[0] if words else ""
    if (
        first.endswith(("kan", "lah"))
        and not first.startswith(("me", "di", "ber", "ter", "se"))
        and first not in _NOT_IMPERATIVE
    ) or first in _IMPERATIVES:
        starts.append(0)
    return min(starts) if starts else None


def split_steps(sentences: list[Sentence]) -> list[Sentence]:
    """Cut a sentence that reports evidence and then asks ("...; mohon ... sebelum 10 Mei") in
    two.
    """
    out = []
    for sentence in sentences:
        words = [tok.word for tok in sentence.tokens]
        at = _step_start(words, sentence.tokens)
        head = Sentence(sentence.start, sentence.start, sentence.tokens[: at or 0])
        if (
            at is not None and at >= 4 and _behaviour_spans("", head, numbers=False)
        ):  # the head reports what was done
            cut = sentence.tokens[at].start
            out.append(Sentence(sentence.start, cut, sentence.tokens[:at]))
            out.append(Sentence(cut, sentence.end, sentence.tokens[at:]))
        else:
            out.append(sentence)
    for sentence in out:
        _annotate(sentence)
    return out


def _quoted(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks: someone else's words, cited (not the writer's
    label).
    """
    return [m.span() for m in re.finditer(r"[\"“”'‘’][^\"“”'‘’\n]{1,60}[\"“”'‘’]", text)]


def _labels(text, sentence, lang) -> list[Problem]:
    rules = feedback_rules()
    negators = set(rules["negators"])
    quoted = _quoted(text)
    tokens = [tok for tok in sentence.tokens if not any(a <= tok.start < b for a, b in quoted)]
    problems = []
    for i, j in find_phrases(tokens, rule_phrases("character_labels")):
        phrase = tuple(tok.word for tok in tokens[i:j])
        starts_negated = phrase[0] in negators
        before = [tokens[k].word for k in range(max(0, i - 3), i)]
        if starts_negated or not negators.intersection(before):
            if phrase == ("becus",):
                continue
            problems.append(
                Problem(
                    "label_karakter",
                    t(
                        "feedback.problem.label_karakter",
                        lang,
                        phrase=text[tokens[i].start : tokens[j - 1].end],
                    ),
                    token_span(text, tokens, i, j),
                )
            )
    for i, tok in enumerate(tokens):  # "tidak disiplin", "tidak becus" written apart from a list
        if (
            tok.word in rules["negated_labels"]
            and i
            and tokens[i - 1].word in ("tidak", "kurang")
            and not any(
                p.span and p.span.start <= tokens[i - 1].start < p.span.end for p in problems
            )
        ):
            before = [tokens[k].word for k in range(max(0, i - 4), i - 1)]
            if not negators.intersection(before):
                problems.append(
                    Problem(
                        "label_karakter",
                        t(
                            "feedback.problem.label_karakter",
                            lang,
                            phrase=text[tokens[i - 1].start : tok.end],
                        ),
                        token_span(text, tokens, i - 1, i + 1),
                    )
                )
    return problems


def _absolutes(text, sentence, lang) -> list[Problem]:
    anchors = set(feedback_rules()["absolutes"]["anchors"])
    words = {tok.word for tok in sentence.tokens}
    bounded = (
        sentence.quarters
        or months_named(sentence)
        or (anchors & words and (sentence.time or sentence.measure))
    )
    if bounded:
        return []
    words = [tok.word for tok in sentence.tokens]
    return [
        Problem(
            "absolut",
            t(
                "feedback.problem.absolut",
                lang,
                phrase=token_span(text, sentence.tokens, i, j).text,
            ),
            token_span(text, sentence.tokens, i, j),
        )
        for i, j in find_phrases(sentence.tokens, rule_phrases("absolutes"))
        if not any(is_number(w) for w in words[j : j + 5])
    ]  # "semua orang yang hadir (12 guru)"


def _vague_asks(text, sentence, lang) -> list[Problem]:
    if sentence.measure or sentence.time:
        return []
    return [
        Problem(
            "permintaan_kabur",
            t(
                "feedback.problem.permintaan_kabur",
                lang,
                phrase=token_span(text, sentence.tokens, i, j).text,
            ),
            token_span(text, sentence.tokens, i, j),
        )
        for i, j in find_phrases(sentence.tokens, rule_phrases("vague_asks"))
    ]


def _behaviour_spans(text, sentence, *, numbers: bool = True) -> list[Span]:
    """Concrete verbs (me-/di-/ber-/ter- forms and a few base verbs) and counted results."""
    vague = set(feedback_rules()["vague_verbs"])
    base = {
        "hadir",
        "datang",
        "lupa",
        "pulang",
        "selesai",
        "absen",
        "masuk",
        "tiba",
        "ikut",
        "lapor",
        "kirim",
        "tolak",
        "bantu",
        "layani",
        "susun",
        "catat",
        "antar",
        "jawab",
        "pakai",
        "buka",
        "tutup",
    }
    judged = {
        k for i, j in find_phrases(sentence.tokens, rule_phrases("judgements")) for k in range(i, j)
    }
    spans = []
    for i, tok in enumerate(sentence.tokens):
        w = tok.word
        if i in judged:
            continue
        after_person = i > 0 and sentence.tokens[i - 1].word in _PERSON | {"saya", "kami"}
        verb = (
            (len(w) >= 6 and w.startswith(("me", "di", "ber", "ter")) and w not in vague)
            or w in base
            or (after_person and len(w) >= 5 and w.endswith(("kan", "i")) and w not in vague)
        )
        counted = (
            numbers
            and is_number(w)
            and i + 1 < len(sentence.tokens)
            and not is_number(sentence.tokens[i + 1].word)
            and sentence.tokens[i + 1].word not in MONTHS
            and (
                i == 0
                or sentence.tokens[i - 1].word
                not in ("tanggal", "pukul", "jam", "triwulan", "tahun")
            )
        )
        if verb or counted:
            spans.append(Span(tok.start, tok.end, text[tok.start : tok.end] if text else tok.word))
    return spans


def _parts(text, sentences) -> dict:
    parts = {part: [] for part in PARTS}
    for sentence in sentences:
        tokens = sentence.tokens
        for i, j in find_phrases(tokens, rule_phrases("situation")):
            parts["situasi"].append(token_span(text, tokens, i, j))
        if sentence.quarters or months_named(sentence):
            parts["situasi"].append(sentence_span(text, sentence))
        for i, j in find_phrases(tokens, rule_phrases("impact")):
            parts["dampak"].append(token_span(text, tokens, i, j))
        if sentence.step:
            parts["langkah"].append(sentence_span(text, sentence))
        else:
            parts["perilaku"].extend(_behaviour_spans(text, sentence))
            if sentence.measure:
                parts["situasi"].extend(
                    Span(tok.start, tok.end, text[tok.start : tok.end])
                    for tok in tokens
                    if is_number(tok.word)
                )
    return {part: tuple(sorted(set(spans), key=lambda s: s.start)) for part, spans in parts.items()}


def wording_problems(text: str, sentences: list[Sentence], lang=None) -> tuple[list[Problem], dict]:
    """The problems of wording (every code of :data:`PROBLEMS` that needs no case file) and the
    parts found, for sentences from :func:`sentences_of` cut by :func:`split_steps`."""
    problems: list[Problem] = []
    for rule in (_labels, _absolutes, _vague_asks):
        for sentence in sentences:
            problems.extend(rule(text, sentence, lang))
    parts = _parts(text, sentences)
    praise = [
        (s, i, j) for s in sentences for i, j in find_phrases(s.tokens, rule_phrases("praise"))
    ]
    if praise and not parts["perilaku"]:
        s, i, j = praise[0]
        problems.append(
            Problem(
                "pujian_tanpa_bukti",
                t("feedback.problem.pujian_tanpa_bukti", lang),
                token_span(text, s.tokens, i, j),
            )
        )
    vague_at = {p.span.start for p in problems if p.code == "permintaan_kabur"}
    for sentence in sentences:
        if (
            sentence.step
            and not (sentence.time or sentence.measure)
            and not any(sentence.start <= start < sentence.end for start in vague_at)
            and len(sentence.tokens) >= 3
        ):
            problems.append(
                Problem(
                    "langkah_tanpa_waktu",
                    t("feedback.problem.langkah_tanpa_waktu", lang),
                    sentence_span(text, sentence),
                )
            )
    evidence = bool(parts["situasi"]) or (bool(parts["perilaku"]) and bool(parts["dampak"]))
    if not evidence or not parts["perilaku"]:
        problems.append(Problem("tanpa_bukti", t("feedback.problem.tanpa_bukti", lang)))
    return problems, parts
