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
============================  ===========================================================

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
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from kinerja_sim._core.data import safe_load
from kinerja_sim._core.i18n import t

__all__ = ["PARTS", "PROBLEMS", "CaseFacts", "FeedbackCheck", "Problem", "Span", "case_facts", "check",
           "feedback_rules"]

PARTS = ("situasi", "perilaku", "dampak", "langkah")
PROBLEMS = ("label_karakter", "absolut", "permintaan_kabur", "pujian_tanpa_bukti", "langkah_tanpa_waktu",
            "tanpa_bukti", "bukti_tidak_ada", "bukti_salah_periode", "angka_tidak_ada", "periode_tidak_ada",
            "bukti_bertentangan")
MAX_CHARS = 5000

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*\s?%?|[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=[^\s.!?]))+(?:[.!?]+|\n|$)")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "pertama": 1,
          "kedua": 2, "ketiga": 3, "keempat": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTHS = {name: number for number, names in enumerate(
    [("januari", "jan"), ("februari", "feb"), ("maret", "mar"), ("april", "apr"), ("mei",), ("juni", "jun"),
     ("juli", "jul"), ("agustus", "agu", "agt"), ("september", "sep"), ("oktober", "okt"),
     ("november", "nov"), ("desember", "des")], start=1) for name in names}
_PERSON = {"kita", "saudara", "saudari", "sdr", "anda", "kamu", "bapak", "ibu", "mas", "mbak", "bu", "pak"}
_MODALS = {"perlu", "harus", "akan", "bisa", "dapat", "coba", "mulai", "wajib", "sebaiknya", "hendaknya"}
_IMPERATIVES = {"mari", "ayo", "tolong", "mohon", "coba", "jangan", "perbaiki", "kirim", "pakai", "cek", "periksa",
                "ikuti", "ikut", "hubungi", "isi", "simpan", "hapus", "buat", "susun", "lanjutkan", "teruskan", "gunakan"}
_NOT_IMPERATIVE = {"telah", "jumlah", "masalah", "sekolah", "salah", "kalah", "lelah", "olah", "ibadah", "daerah",
                   "wilayah", "bawah", "rumah", "tanah", "sudah", "lebih", "kalau", "akan", "bulan", "pekan"}
_SYNONYMS = {"keluh": "adu", "komplain": "adu", "protes": "adu", "telat": "lambat", "apresiasi": "puji",
             "absen": "hadir", "ketus": "kasar", "bentak": "kasar"}
_PREFIXES = ("meng", "meny", "mem", "men", "me", "peng", "peny", "pem", "pen", "per", "pe", "di", "ter", "ber")
_SUFFIXES = ("kannya", "annya", "nya", "kan", "an", "lah", "i")
_GOOD_RESULT = ("melampaui target", "di atas target", "mencapai target", "target tercapai", "memenuhi target",
                "sesuai target", "capai target")
_BAD_RESULT = ("di bawah target", "tidak mencapai target", "belum mencapai target", "target tidak tercapai",
               "tidak memenuhi target", "belum memenuhi target", "kurang dari target")


@dataclass(frozen=True)
class Span:
    """Where a part or a problem stands in the text: ``text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Problem:
    """One problem: its ``code`` (see :data:`PROBLEMS`), the catalogue ``message`` and where."""

    code: str
    message: str
    span: Span | None = None


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
    def codes(self) -> tuple[str, ...]:
        """The problem codes, each once, in order."""
        return tuple(dict.fromkeys(problem.code for problem in self.problems))

    def to_frame(self) -> pd.DataFrame:
        """One row per problem and per part found: ``kind`` ("problem"/"part"), ``code``,
        ``message``, ``start``, ``end``, ``text``."""
        rows = [("problem", p.code, p.message, *(p.span and (p.span.start, p.span.end, p.span.text) or (-1, -1, "")))
                for p in self.problems]
        rows += [("part", part, "", span.start, span.end, span.text)
                 for part in PARTS for span in self.parts.get(part, ())]
        return pd.DataFrame(rows, columns=["kind", "code", "message", "start", "end", "text"])


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
    indicators: tuple[tuple[str, float, float, str], ...] = ()    # iki, target, realisation, unit


# -- rules and words ---------------------------------------------------------------------------
@cache
def feedback_rules() -> dict:
    """The rule file ``data/feedback_rules.yaml`` as a dict (lists lower-cased)."""
    text = (resources.files("kinerja_sim") / "data" / "feedback_rules.yaml").read_text(encoding="utf-8")
    return safe_load(text)


@cache
def _phrases(section: str, key: str = "terms") -> tuple[tuple[str, ...], ...]:
    entry = feedback_rules()[section]
    items = entry[key] if isinstance(entry, dict) else entry
    return tuple(sorted({tuple(str(item).lower().split()) for item in items}, key=len, reverse=True))


def _stem(word: str) -> str:
    """A crude Indonesian stem (prefixes and suffixes off) for matching incidents, not for display."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix):]
            break
    return _SYNONYMS.get(word, word)


@cache
def _incident_stems() -> frozenset[str]:
    """Distinctive stems of the kit's incident texts (what a claimed incident is matched on)."""
    incidents = safe_load((resources.files("kinerja_sim") / "data" / "incidents.yaml").read_text(encoding="utf-8"))
    stop = {_stem(word) for word in feedback_rules()["incident_stopwords"]}
    stems = set()
    for signs in incidents.values():
        for texts in signs.values():
            for sentence in texts:
                stems.update(_stem(w) for w in re.findall(r"[^\W\d_]+", sentence.lower()) if len(w) >= 5)
    return frozenset(stems - stop)


@dataclass(frozen=True)
class _Token:
    word: str      # normalised (lower case, informal spelling replaced)
    start: int
    end: int


def _tokens(text: str, offset: int = 0) -> list[_Token]:
    informal = feedback_rules()["informal"]
    out = []
    for match in _TOKEN.finditer(text):
        raw = match.group(0).lower().strip()
        for word in str(informal.get(raw, raw)).split():
            out.append(_Token(word, offset + match.start(), offset + match.end()))
    return out


def _find(tokens: list[_Token], phrases) -> list[tuple[int, int]]:
    """Token ranges [i, j) where a phrase of ``phrases`` occurs (longest first, no overlap)."""
    words = [tok.word for tok in tokens]
    taken, found = set(), []
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i:i + n]) == phrase and not taken.intersection(range(i, i + n)):
                taken.update(range(i, i + n))
                found.append((i, i + n))
    return sorted(found)


def _span(text: str, tokens: list[_Token], i: int, j: int) -> Span:
    start, end = tokens[i].start, tokens[j - 1].end
    return Span(start, end, text[start:end])


@dataclass
class _Sentence:
    start: int
    end: int
    tokens: list[_Token]
    time: bool = False          # a time anchor or a date
    measure: bool = False       # a number
    step: bool = False          # a next step (ask, agreement, plan)
    quarters: tuple = ()


def _sentences(text: str) -> list[_Sentence]:
    out = []
    for match in _SENTENCE.finditer(text):
        if match.group(0).strip():
            out.append(_Sentence(match.start(), match.end(), _tokens(match.group(0), match.start())))
    return out


def _whole(text: str, sentence: _Sentence) -> Span:
    """The span of a whole sentence, without surrounding white space."""
    raw = text[sentence.start:sentence.end]
    start = sentence.start + len(raw) - len(raw.lstrip())
    end = sentence.end - (len(raw) - len(raw.rstrip()))
    return Span(start, end, text[start:end])


def _is_number(word: str) -> bool:
    return word[:1].isdigit()


def _quarters(sentence: _Sentence) -> tuple[int, ...]:
    words = [tok.word for tok in sentence.tokens]
    found = []
    for i, word in enumerate(words):
        if word in ("triwulan", "kuartal") and i + 1 < len(words) and words[i + 1] in _ROMAN:
            found.append(_ROMAN[words[i + 1]])
        elif word in ("triwulan", "kuartal") and i + 1 < len(words) and words[i + 1].isdigit():
            found.append(int(words[i + 1]))
        elif re.fullmatch(r"q[1-9]", word):
            found.append(int(word[1]))
    return tuple(found)


def _months(sentence: _Sentence) -> tuple[int, ...]:
    words = [tok.word for tok in sentence.tokens]
    return tuple(_MONTHS[w] for i, w in enumerate(words)
                 if w in _MONTHS and (len(w) > 3 or (i and _is_number(words[i - 1]))))


def _annotate(sentence: _Sentence) -> None:
    rules = feedback_rules()
    words = [tok.word for tok in sentence.tokens]
    sentence.quarters = _quarters(sentence)
    sentence.measure = any(_is_number(w) for w in words)
    time_words = set(rules["months"]) | {"triwulan", "kuartal", "semester", "tanggal", "pukul", "jam", "besok",
                                         "lusa", "kemarin", "tadi", "sejak"}
    sentence.time = bool(sentence.quarters or _find(sentence.tokens, _phrases("next_step", "time"))
                         or time_words.intersection(words))
    sentence.step = _step_start(words, sentence.tokens) is not None


def _step_start(words, tokens) -> int | None:
    """Index of the first token of a next step (an ask, agreement or plan), or None."""
    negators = set(feedback_rules()["negators"])
    starts = [i for i, _ in _find(tokens, _phrases("next_step", "markers"))
              if not negators.intersection(words[max(0, i - 6):i])]     # "tidak ada ... yang saya minta"
    starts += [i for i in range(len(words) - 1) if words[i] in _PERSON and words[i + 1] in _MODALS]
    first = words[0] if words else ""
    if (first.endswith(("kan", "lah")) and not first.startswith(("me", "di", "ber", "ter", "se"))
            and first not in _NOT_IMPERATIVE) or first in _IMPERATIVES:
        starts.append(0)
    return min(starts) if starts else None


def _split_steps(sentences: list[_Sentence]) -> list[_Sentence]:
    """Cut a sentence that reports evidence and then asks ("...; mohon ... sebelum 10 Mei") in two."""
    out = []
    for sentence in sentences:
        words = [tok.word for tok in sentence.tokens]
        at = _step_start(words, sentence.tokens)
        head = _Sentence(sentence.start, sentence.start, sentence.tokens[:at or 0])
        if at is not None and at >= 4 and _behaviour_spans("", head, numbers=False):   # the head reports what was done
            cut = sentence.tokens[at].start
            out.append(_Sentence(sentence.start, cut, sentence.tokens[:at]))
            out.append(_Sentence(cut, sentence.end, sentence.tokens[at:]))
        else:
            out.append(sentence)
    for sentence in out:
        _annotate(sentence)
    return out


# -- the rules ----------------------------------------------------------------------------------
def _quoted(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks: someone else's words, cited (not the writer's label)."""
    return [m.span() for m in re.finditer(r"[\"“”'‘’][^\"“”'‘’\n]{1,60}[\"“”'‘’]", text)]


def _labels(text, sentence, lang) -> list[Problem]:
    rules = feedback_rules()
    negators = set(rules["negators"])
    quoted = _quoted(text)
    tokens = [tok for tok in sentence.tokens if not any(a <= tok.start < b for a, b in quoted)]
    problems = []
    for i, j in _find(tokens, _phrases("character_labels")):
        phrase = tuple(tok.word for tok in tokens[i:j])
        starts_negated = phrase[0] in negators
        before = [tokens[k].word for k in range(max(0, i - 3), i)]
        if starts_negated or not negators.intersection(before):
            if phrase == ("becus",):
                continue
            problems.append(Problem("label_karakter", t("feedback.problem.label_karakter", lang,
                                                        phrase=text[tokens[i].start:tokens[j - 1].end]),
                                    _span(text, tokens, i, j)))
    for i, tok in enumerate(tokens):          # "tidak disiplin", "tidak becus" written apart from a list
        if tok.word in rules["negated_labels"] and i and tokens[i - 1].word in ("tidak", "kurang") \
                and not any(p.span and p.span.start <= tokens[i - 1].start < p.span.end for p in problems):
            before = [tokens[k].word for k in range(max(0, i - 4), i - 1)]
            if not negators.intersection(before):
                problems.append(Problem("label_karakter", t("feedback.problem.label_karakter", lang,
                                                            phrase=text[tokens[i - 1].start:tok.end]),
                                        _span(text, tokens, i - 1, i + 1)))
    return problems


def _absolutes(text, sentence, lang) -> list[Problem]:
    anchors = set(feedback_rules()["absolutes"]["anchors"])
    words = {tok.word for tok in sentence.tokens}
    bounded = sentence.quarters or _months(sentence) or (anchors & words and (sentence.time or sentence.measure))
    if bounded:
        return []
    words = [tok.word for tok in sentence.tokens]
    return [Problem("absolut", t("feedback.problem.absolut", lang, phrase=_span(text, sentence.tokens, i, j).text),
                    _span(text, sentence.tokens, i, j))
            for i, j in _find(sentence.tokens, _phrases("absolutes"))
            if not any(_is_number(w) for w in words[j:j + 5])]        # "semua orang yang hadir (12 guru)"


def _vague_asks(text, sentence, lang) -> list[Problem]:
    if sentence.measure or sentence.time:
        return []
    return [Problem("permintaan_kabur", t("feedback.problem.permintaan_kabur", lang,
                                          phrase=_span(text, sentence.tokens, i, j).text),
                    _span(text, sentence.tokens, i, j))
            for i, j in _find(sentence.tokens, _phrases("vague_asks"))]


def _behaviour_spans(text, sentence, *, numbers: bool = True) -> list[Span]:
    """Concrete verbs (me-/di-/ber-/ter- forms and a few base verbs) and counted results."""
    vague = set(feedback_rules()["vague_verbs"])
    base = {"hadir", "datang", "lupa", "pulang", "selesai", "absen", "masuk", "tiba", "ikut", "lapor", "kirim",
            "tolak", "bantu", "layani", "susun", "catat", "antar", "jawab", "pakai", "buka", "tutup"}
    judged = {k for i, j in _find(sentence.tokens, _phrases("judgements")) for k in range(i, j)}
    spans = []
    for i, tok in enumerate(sentence.tokens):
        w = tok.word
        if i in judged:
            continue
        after_person = i > 0 and sentence.tokens[i - 1].word in _PERSON | {"saya", "kami"}
        verb = (len(w) >= 6 and w.startswith(("me", "di", "ber", "ter")) and w not in vague) or w in base \
            or (after_person and len(w) >= 5 and w.endswith(("kan", "i")) and w not in vague)
        counted = numbers and _is_number(w) and i + 1 < len(sentence.tokens) \
            and not _is_number(sentence.tokens[i + 1].word) and sentence.tokens[i + 1].word not in _MONTHS \
            and (i == 0 or sentence.tokens[i - 1].word not in ("tanggal", "pukul", "jam", "triwulan", "tahun"))
        if verb or counted:
            spans.append(Span(tok.start, tok.end, text[tok.start:tok.end] if text else tok.word))
    return spans


def _parts(text, sentences) -> dict:
    parts = {part: [] for part in PARTS}
    for sentence in sentences:
        tokens = sentence.tokens
        for i, j in _find(tokens, _phrases("situation")):
            parts["situasi"].append(_span(text, tokens, i, j))
        if sentence.quarters or _months(sentence):
            parts["situasi"].append(_whole(text, sentence))
        for i, j in _find(tokens, _phrases("impact")):
            parts["dampak"].append(_span(text, tokens, i, j))
        if sentence.step:
            parts["langkah"].append(_whole(text, sentence))
        else:
            parts["perilaku"].extend(_behaviour_spans(text, sentence))
            if sentence.measure:
                parts["situasi"].extend(Span(tok.start, tok.end, text[tok.start:tok.end])
                                        for tok in tokens if _is_number(tok.word))
    return {part: tuple(sorted(set(spans), key=lambda s: s.start)) for part, spans in parts.items()}


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
    facts = _as_facts(case)
    sentences = _sentences(text)
    if not any(sentence.tokens for sentence in sentences):
        return FeedbackCheck(False, (Problem("tanpa_bukti", t("feedback.problem.kosong", lang)),),
                             {part: () for part in PARTS}, (t("feedback.suggest.kosong", lang),))
    sentences = _split_steps(sentences)
    problems: list[Problem] = []
    for rule in (_labels, _absolutes, _vague_asks):
        for sentence in sentences:
            problems.extend(rule(text, sentence, lang))
    parts = _parts(text, sentences)
    praise = [(s, i, j) for s in sentences for i, j in _find(s.tokens, _phrases("praise"))]
    if praise and not parts["perilaku"]:
        s, i, j = praise[0]
        problems.append(Problem("pujian_tanpa_bukti", t("feedback.problem.pujian_tanpa_bukti", lang),
                                _span(text, s.tokens, i, j)))
    vague_at = {p.span.start for p in problems if p.code == "permintaan_kabur"}
    for sentence in sentences:
        if sentence.step and not (sentence.time or sentence.measure) \
                and not any(sentence.start <= start < sentence.end for start in vague_at) \
                and len(sentence.tokens) >= 3:
            problems.append(Problem("langkah_tanpa_waktu", t("feedback.problem.langkah_tanpa_waktu", lang),
                                    _whole(text, sentence)))
    evidence = bool(parts["situasi"]) or (bool(parts["perilaku"]) and bool(parts["dampak"]))
    if not evidence or not parts["perilaku"]:
        problems.append(Problem("tanpa_bukti", t("feedback.problem.tanpa_bukti", lang)))
    if facts is not None:
        problems.extend(_against_case(text, sentences, facts, lang))
    problems = _ordered(problems)
    suggestions = _suggestions(problems, parts, facts, dimension, lang)
    return FeedbackCheck(not problems, tuple(problems), parts, tuple(suggestions))


def _ordered(problems: list[Problem]) -> list[Problem]:
    rank = {code: k for k, code in enumerate(PROBLEMS)}
    return sorted(problems, key=lambda p: (rank[p.code], p.span.start if p.span else -1))


# -- the case file ------------------------------------------------------------------------------
def case_facts(dataset, employee_id: str) -> CaseFacts:
    """What the case file of ``employee_id`` shows, for :func:`check` (``case=``).

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

    case_employee(dataset, employee_id)          # checks the dataset and the employee
    evidence = dataset.evidence[dataset.evidence["employee_id"] == employee_id]
    periods = int(pd.unique(dataset.evidence["period"]).size)
    incidents = evidence[evidence["kind"] == "insiden"][["period", "dimension", "value", "text"]].copy()
    incidents["stems"] = [frozenset(_stem(w) for w in re.findall(r"[^\W\d_]+", s.lower()) if len(w) >= 5)
                          for s in incidents["text"]]
    incidents["negated"] = [frozenset(_negated([w for w in re.findall(r"[^\W\d_]+", s.lower())]))
                            for s in incidents["text"]]
    skp = dataset.indicators[dataset.indicators["employee_id"] == employee_id]
    achieved = np.atleast_1d(capaian(skp["realisation"].to_numpy(), skp["target"].to_numpy(),
                                     direction=skp["direction"].to_numpy())).astype(float)
    realised = evidence[evidence["kind"] == "realisasi"]["value"].to_numpy(dtype=float)
    counts = [len(incidents), (incidents["value"] > 0).sum(), (incidents["value"] < 0).sum(),
              *incidents.groupby(["period", "value"]).size(), *incidents.groupby("dimension").size(), periods]
    numbers = np.concatenate([skp["target"].to_numpy(float), skp["realisation"].to_numpy(float), realised,
                              achieved, np.round(achieved), np.asarray(counts, float)])
    return CaseFacts(employee_id, periods, incidents.reset_index(drop=True),
                     tuple(sorted(set(np.round(numbers[np.isfinite(numbers)], 2).tolist()))),
                     tuple(np.round(achieved, 1).tolist()),
                     tuple(zip(skp["iki"], skp["target"].astype(float), skp["realisation"].astype(float), skp["unit"])))


def _as_facts(case):
    if case is None or isinstance(case, CaseFacts):
        return case
    if isinstance(case, tuple) and len(case) == 2:
        return case_facts(*case)
    raise TypeError(f"case must be CaseFacts or (dataset, employee_id), got {type(case).__name__}")


def _number_value(word: str) -> float | None:
    digits = word.replace("%", "").strip()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):        # 1.250 = one thousand two hundred fifty
        digits = digits.replace(".", "")
    try:
        return float(digits.replace(",", "."))
    except ValueError:
        return None


def _cited_numbers(sentence: _Sentence) -> list[tuple[_Token, float]]:
    """Numbers a sentence cites as evidence: not years, dates, clock times or quarter numbers."""
    words = [tok.word for tok in sentence.tokens]
    out = []
    for i, tok in enumerate(sentence.tokens):
        if not _is_number(tok.word):
            continue
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        value = _number_value(tok.word)
        if value is None or before in ("triwulan", "kuartal", "tanggal", "pukul", "jam", "tahun", "semester") \
                or after in _MONTHS or 1990 <= value <= 2100 or re.fullmatch(r"\d{1,2}[.:]\d{2}", tok.word):
            continue
        out.append((tok, value))
    return out


def _against_case(text, sentences, facts: CaseFacts, lang) -> list[Problem]:
    problems = []
    known = np.asarray(facts.numbers, float)
    claimable = _incident_stems()
    for sentence in sentences:
        if sentence.step:
            continue
        span = _whole(text, sentence)
        beyond = [q for q in sentence.quarters if q > facts.periods]
        if beyond:
            problems.append(Problem("periode_tidak_ada", t("feedback.problem.periode_tidak_ada", lang,
                                                           quarter=beyond[0], n=facts.periods), span))
            continue
        for tok, value in _cited_numbers(sentence):
            if not len(known) or np.min(np.abs(known - value) / np.maximum(1.0, np.abs(known))) > 0.01:
                problems.append(Problem("angka_tidak_ada", t("feedback.problem.angka_tidak_ada", lang,
                                                             number=text[tok.start:tok.end].strip()),
                                        Span(tok.start, tok.end, text[tok.start:tok.end])))
        problems.extend(_incident_claims(sentence, span, facts, claimable, lang))
        problems.extend(_result_claims(sentence, span, facts, lang))
    return problems


def _negated(words: list[str]) -> set[str]:
    """Stems that a negator denies: "tidak hadir", "tanpa keluhan", "tidak ada pengaduan"."""
    negators = set(feedback_rules()["negators"]) | {"tak"}
    out = set()
    for i, w in enumerate(words[:-1]):
        if w in negators:
            k = i + 2 if words[i + 1] in ("ada", "pernah", "sempat") and i + 2 < len(words) else i + 1
            out.add(_stem(words[k]))
    return out


def _incident_claims(sentence, span, facts, claimable, lang) -> list[Problem]:
    impact = [i for i, _ in _find(sentence.tokens, _phrases("impact"))]
    words = [tok.word for tok in sentence.tokens][: min(impact, default=len(sentence.tokens))]
    stems = [_stem(w) for w in words]
    claims = {s for s in stems if s in claimable}
    negated = _negated(words) & claims
    if (len(claims) < 2 and not negated) or facts.incidents.empty:
        return []
    periods = set(sentence.quarters) or set(range(1, facts.periods + 1))
    here = facts.incidents[facts.incidents["period"].isin(periods)]
    overlap = [len(claims & s) for s in here["stems"]]
    if negated:
        opposite = [bool(negated & (s - n)) and not negated & n and value < 0
                    for s, n, value in zip(here["stems"], here["negated"], here["value"])]
        same = [bool(negated & n) for n in here["negated"]]
        hit = here[opposite]
        if any(same):
            return []
        if len(hit):
            return [Problem("bukti_bertentangan", t("feedback.problem.bukti_bertentangan", lang,
                                                    incident=hit["text"].iloc[0], period=int(hit["period"].iloc[0])),
                            span)]
        return []
    if overlap and _matches(max(overlap), len(claims)):
        return []
    elsewhere = facts.incidents[~facts.incidents["period"].isin(periods)]
    other = [len(claims & s) for s in elsewhere["stems"]]
    if sentence.quarters and other and _matches(max(other), len(claims)):
        best = elsewhere.iloc[int(np.argmax(other))]
        return [Problem("bukti_salah_periode", t("feedback.problem.bukti_salah_periode", lang,
                                                 said=sentence.quarters[0], period=int(best["period"])), span)]
    return [Problem("bukti_tidak_ada", t("feedback.problem.bukti_tidak_ada", lang), span)]


def _matches(shared: int, claimed: int) -> bool:
    """A claimed incident matches a recorded one when they share at least two distinctive
    stems and at least 40 % of the claim's (one stem is enough for a claim of one or two)."""
    return shared >= min(2, claimed) and shared >= 0.4 * claimed


def _result_claims(sentence, span, facts, lang) -> list[Problem]:
    if not facts.capaian:
        return []
    bad = _find(sentence.tokens, tuple(tuple(p.split()) for p in _BAD_RESULT))
    inside = {k for i, j in bad for k in range(i, j)}
    good = [(i, j) for i, j in _find(sentence.tokens, tuple(tuple(p.split()) for p in _GOOD_RESULT))
            if not inside.intersection(range(i, j))]
    lowest, highest = min(facts.capaian), max(facts.capaian)
    if good and not bad and highest < 100:
        return [Problem("bukti_bertentangan", t("feedback.problem.hasil_bertentangan_baik", lang,
                                                best=_pct(highest, lang)), span)]
    if bad and not good and lowest >= 100:
        return [Problem("bukti_bertentangan", t("feedback.problem.hasil_bertentangan_buruk", lang,
                                                worst=_pct(lowest, lang)), span)]
    return []


def _pct(value, lang) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text if lang == "en" else text.replace(".", ",")


# -- suggestions --------------------------------------------------------------------------------
def _suggestions(problems, parts, facts, dimension, lang) -> list[str]:
    out = [t(f"feedback.suggest.{code}", lang) for code in dict.fromkeys(p.code for p in problems)]
    if not parts["dampak"]:
        out.append(t("feedback.suggest.dampak", lang))
    if not parts["langkah"]:
        out.append(t("feedback.suggest.langkah", lang))
    wanting = {"tanpa_bukti", "bukti_tidak_ada", "bukti_salah_periode", "pujian_tanpa_bukti"} & {p.code for p in problems}
    if facts is not None and wanting:
        out.extend(_evidence_to_cite(facts, dimension, lang))
    return list(dict.fromkeys(out))


def _evidence_to_cite(facts: CaseFacts, dimension, lang) -> list[str]:
    """One piece of evidence from the file: the weakest indicator for Hasil Kerja, else the
    latest incident of the dimension (or of any dimension when none is given)."""
    if dimension == "hasil_kerja" and facts.indicators:
        k = int(np.argmin(facts.capaian))
        iki, target, real, unit = facts.indicators[k]
        return [t("feedback.suggest.indikator_berkas", lang, iki=iki, real=_pct(real, lang),
                  target=_pct(target, lang), unit=unit, pct=_pct(facts.capaian[k], lang))]
    incidents = facts.incidents
    if dimension is not None:
        incidents = incidents[incidents["dimension"] == dimension]
    if incidents.empty:
        return []
    latest = incidents.sort_values("period").iloc[-1]
    return [t("feedback.suggest.bukti_berkas", lang, period=int(latest["period"]), incident=latest["text"])]
