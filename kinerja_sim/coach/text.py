"""Indonesian text for the feedback coach: tokens, sentences, a crude stemmer, phrase search.

The feedback coach (:mod:`kinerja_sim.coach.feedback`) reads a text as sentences of tokens
(words and numbers, lower case, informal spellings replaced), finds the phrases of its rule
file in them and matches claimed incidents by crude stems; this module does that reading and
nothing else (no rule, no case file).

Examples
--------
>>> [token.word for token in tokenise("Gak hadir 3 kali.", informal={"gak": "tidak"})]
['tidak', 'hadir', '3', 'kali']
>>> [(s.start, s.end) for s in split_sentences("Bagus. Lanjutkan!")]
[(0, 6), (6, 17)]
>>> stem("keluhannya"), stem("diterbitkan")
('adu', 'terbit')
>>> sentence = split_sentences("Pada triwulan III dan 3 Mei")[0]
>>> quarters_named(sentence), months_named(sentence)
((3,), (5,))
>>> quarters_named(split_sentences("Pada Q3 dan TW4")[0])
(3, 4)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "MONTHS",
    "Sentence",
    "Span",
    "Token",
    "find_phrases",
    "is_number",
    "months_named",
    "quarters_named",
    "sentence_span",
    "split_sentences",
    "stem",
    "token_span",
    "tokenise",
]

# "Q3", "TW3": a quarter written in one word is one token (not the letter and a number); then
# numbers (with their grouping and decimal signs and a percent sign) and words.
_TOKEN = re.compile(
    r"(?i:(?:q|tw|trw)[1-4])(?!\w|[.,]\d)|\d+(?:[.,]\d+)*\s?%?|[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE
)
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=[^\s.!?]))+(?:[.!?]+|\n|$)")
_ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "pertama": 1,
    "kedua": 2,
    "ketiga": 3,
    "keempat": 4,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
}
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb"),
            ("maret", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("agustus", "agu", "agt"),
            ("september", "sep"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("desember", "des"),
        ],
        start=1,
    )
    for name in names
}
_SYNONYMS = {
    "keluh": "adu",
    "komplain": "adu",
    "protes": "adu",
    "telat": "lambat",
    "apresiasi": "puji",
    "absen": "hadir",
    "ketus": "kasar",
    "bentak": "kasar",
}
_PREFIXES = (
    "meng",
    "meny",
    "mem",
    "men",
    "me",
    "peng",
    "peny",
    "pem",
    "pen",
    "per",
    "pe",
    "di",
    "ter",
    "ber",
)
_SUFFIXES = ("kannya", "annya", "nya", "kan", "an", "lah", "i")


@dataclass(frozen=True)
class Span:
    """Where a part or a problem stands in the text: ``text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Token:
    """One word or number of a text and where it stands: ``text[start:end]``."""

    word: str  # normalised (lower case, informal spelling replaced)
    start: int
    end: int


@dataclass
class Sentence:
    """A sentence: its place, its tokens and what the rules found in it (filled by
    :func:`kinerja_sim.coach.feedback_rules.split_steps`)."""

    start: int
    end: int
    tokens: list[Token]
    time: bool = False  # a time anchor or a date
    measure: bool = False  # a number
    step: bool = False  # a next step (ask, agreement, plan)
    quarters: tuple = ()


def tokenise(
    text: str, offset: int = 0, *, informal: Mapping[str, str] | None = None
) -> list[Token]:
    """The words and numbers of ``text`` (lower case; ``informal`` spellings replaced by their
    standard words), with their places in the text shifted by ``offset``."""
    informal = informal or {}
    out = []
    for match in _TOKEN.finditer(text):
        raw = match.group(0).lower().strip()
        for word in str(informal.get(raw, raw)).split():
            out.append(Token(word, offset + match.start(), offset + match.end()))
    return out


def split_sentences(text: str, *, informal: Mapping[str, str] | None = None) -> list[Sentence]:
    """The sentences of ``text`` that hold anything but white space, with their tokens."""
    out = []
    for match in _SENTENCE.finditer(text):
        if match.group(0).strip():
            out.append(
                Sentence(
                    match.start(),
                    match.end(),
                    tokenise(match.group(0), match.start(), informal=informal),
                )
            )
    return out


def find_phrases(tokens: list[Token], phrases) -> list[tuple[int, int]]:
    """Token ranges [i, j) where a phrase of ``phrases`` occurs (longest first, no overlap)."""
    words = [tok.word for tok in tokens]
    taken, found = set(), []
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == phrase and not taken.intersection(range(i, i + n)):
                taken.update(range(i, i + n))
                found.append((i, i + n))
    return sorted(found)


def token_span(text: str, tokens: list[Token], i: int, j: int) -> Span:
    start, end = tokens[i].start, tokens[j - 1].end
    return Span(start, end, text[start:end])


def sentence_span(text: str, sentence: Sentence) -> Span:
    """The span of a whole sentence, without surrounding white space."""
    raw = text[sentence.start : sentence.end]
    start = sentence.start + len(raw) - len(raw.lstrip())
    end = sentence.end - (len(raw) - len(raw.rstrip()))
    return Span(start, end, text[start:end])


def is_number(word: str) -> bool:
    return word[:1].isdigit()


def quarters_named(sentence: Sentence) -> tuple[int, ...]:
    words = [tok.word for tok in sentence.tokens]
    found = []
    for i, word in enumerate(words):
        if word in ("triwulan", "kuartal") and i + 1 < len(words) and words[i + 1] in _ROMAN:
            found.append(_ROMAN[words[i + 1]])
        elif word in ("triwulan", "kuartal") and i + 1 < len(words) and words[i + 1].isdigit():
            found.append(int(words[i + 1]))
        elif re.fullmatch(r"(?:q|tw|trw)[1-9]", word):
            found.append(int(word[-1]))
    return tuple(found)


def months_named(sentence: Sentence) -> tuple[int, ...]:
    words = [tok.word for tok in sentence.tokens]
    return tuple(
        MONTHS[w]
        for i, w in enumerate(words)
        if w in MONTHS and (len(w) > 3 or (i and is_number(words[i - 1])))
    )


def stem(word: str) -> str:
    """A crude Indonesian stem (prefixes and suffixes off) for matching incidents, not for
    display.
    """
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    return _SYNONYMS.get(word, word)
