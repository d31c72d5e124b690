"""Check whether an individual performance indicator (IKI) is measurable, and say what to fix.

A measurable IKI under PermenPAN-RB 6/2022 names *what is counted* (a measure such as
"Jumlah", "Persentase", "Rata-rata waktu", "Indeks" followed by its object), carries a
target number with its unit, and a time frame; it does not hide behind a vague verb
("meningkatkan", "mengoptimalkan", "mendukung"). The target may be written in the IKI text
or passed separately (``target``), as a number or as text such as ``"1.200 dokumen per
tahun"``.

The checker is a transparent set of word rules (ASSUMPTION, a teaching aid of the kit, not a
regulation): every rule is listed below, every problem is a message from the catalogue
(``kinerja_sim/data/messages/indicators.yaml``) that says what to fix. It is tested on the
indicators of every office kind of the synthetic world (``data/indicator_corpus.yaml``).

Examples
--------
>>> from kinerja_sim.indicators import check
>>> result = check("Meningkatkan pelayanan akta kelahiran", lang="en")
>>> result.measurable, result.codes
(False, ('no_object', 'no_number', 'no_unit', 'vague_verb', 'no_time_frame'))
>>> good = check("Jumlah akta kelahiran yang diterbitkan sesuai standar pelayanan",
...              "1.200 dokumen per tahun")
>>> good.measurable, good.aspect, good.problems
(True, 'kuantitas', ())
"""
from __future__ import annotations

import numbers
import re
from dataclasses import dataclass

import pandas as pd

from kinerja_sim.i18n import t

__all__ = ["ASPECTS", "PROBLEM_CODES", "IndicatorCheck", "check"]

ASPECTS = ("kuantitas", "kualitas", "waktu", "biaya")
PROBLEM_CODES = ("no_object", "no_number", "no_unit", "vague_verb", "no_time_frame")

# Words that open a measure: what is counted, averaged or scored.
_MEASURES = ("jumlah", "banyaknya", "persentase", "proporsi", "cakupan", "rasio", "indeks",
             "nilai", "skor", "angka", "tingkat", "frekuensi", "rata-rata", "waktu", "lamanya",
             "biaya", "capaian", "realisasi")
# Measures whose unit is implied by the measure itself (%, an index or score, a count of
# the named object). "Rata-rata waktu" and "biaya" need an explicit unit (days, rupiah).
_IMPLIED_UNIT = ("jumlah", "banyaknya", "persentase", "proporsi", "cakupan", "rasio", "indeks",
                 "nilai", "skor", "angka", "tingkat", "frekuensi", "capaian")
# Vague verbs and phrases: an action or a wish, not a measure (ASSUMPTION: the kit's list).
_VAGUE = ("meningkatkan", "mengoptimalkan", "memaksimalkan", "mendukung", "membantu",
          "mengupayakan", "memantapkan", "menyempurnakan", "memperkuat", "mendorong",
          "menunjang", "berupaya", "mengusahakan", "memperlancar", "mengefektifkan",
          "mengintensifkan", "memajukan", "mengembangkan", "meningkatnya", "optimalisasi",
          "terwujudnya", "optimalnya", "lancarnya", "dengan baik", "sebaik-baiknya",
          "semaksimal mungkin", "secara optimal", "secara maksimal", "dengan lancar",
          "seoptimal mungkin")
_UNIT_WORDS = ("%", "persen", "rupiah", "rp", "hari", "jam", "menit", "detik", "minggu", "bulan",
               "tahun", "dokumen", "laporan", "orang", "berkas", "kegiatan", "kali", "izin",
               "pasien", "unit", "naskah", "kunjungan", "sekolah", "poin", "nilai", "indeks")
_TIME_UNITS = ("hari", "jam", "menit", "detik", "minggu", "bulan", "tahun")
_MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
           "september", "oktober", "november", "desember")
_PERIODS = r"(?:tahun|triwulan|semester|bulan|minggu|hari|kuartal|periode)"
_TIME_FRAME = re.compile("|".join([
    rf"\b(?:per|setiap|tiap|sepanjang)\s+{_PERIODS}\b",
    rf"/\s*{_PERIODS}\b",
    r"\b(?:tahun|ta|tahun anggaran)\s+20\d\d\b",
    r"\b(?:triwulan|kuartal)\s+(?:i{1,3}|iv|[1-4])\b",
    r"\bsemester\s+(?:i{1,2}|[12]|ganjil|genap)\b",
    rf"\bakhir\s+{_PERIODS}\b",
    r"\b(?:paling lambat|selambat-lambatnya|sebelum tanggal|batas waktu|tenggat)\b",
    rf"\b(?:sampai|hingga|s\.d\.?|s/d)\s+(?:akhir|tanggal|\d|{'|'.join(_MONTHS)})",
    rf"\b(?:selama|dalam)\s+(?:\d+|satu|dua|tiga|empat|enam|dua belas)?\s*{_PERIODS}\b",
    rf"\b(?:{'|'.join(_MONTHS)})\s+20\d\d\b",
    r"\b(?:sesuai jadwal|tepat waktu)\b",
]))
_NUMBER = re.compile(r"(?<![A-Za-z])\d+(?:[.,]\d+)*")
_ASPECT_RULES = (   # first match wins; else "kuantitas" for a measure (ASSUMPTION)
    ("biaya", r"\b(?:biaya|anggaran|rupiah|rp|efisiensi)\b"),
    ("waktu", r"\b(?:waktu|lamanya|tepat waktu|sesuai jadwal|sebelum batas|batas waktu|"
              r"sebelum tanggal|sebelum awal|dalam \d+ (?:jam|hari|menit))\b"),
    ("kualitas", r"\b(?:kualitas|mutu|kepuasan|tanpa|valid|lengkap|benar|akurat|akurasi|"
                 r"terakreditasi|akreditasi|lolos|sesuai dengan|selaras|rusak|kesalahan|"
                 r"ketersediaan|mencapai kriteria|berkategori|disetujui|kenaikan nilai|nilai evaluasi)\b"),
)


@dataclass(frozen=True)
class IndicatorCheck:
    """The result of :func:`check`.

    Attributes
    ----------
    iki : str
        The indicator text checked.
    target : str
        The target as given (empty when none).
    measurable : bool
        True when no problem was found.
    aspect : str or None
        "kuantitas", "kualitas", "waktu" or "biaya" as read from the wording; None when the
        text names no measure.
    codes : tuple of str
        The problems found, as codes of :data:`PROBLEM_CODES`, in that order.
    problems : tuple of str
        One message per code, in the catalogue's language, saying what to fix.
    """

    iki: str
    target: str
    measurable: bool
    aspect: str | None
    codes: tuple[str, ...]
    problems: tuple[str, ...]

    def to_frame(self) -> pd.DataFrame:
        """One row per problem: ``code``, ``problem`` (empty when the indicator is measurable)."""
        return pd.DataFrame({"code": list(self.codes), "problem": list(self.problems)},
                            columns=["code", "problem"])


def _normalise(text: str) -> str:
    return " " + re.sub(r"\s+", " ", text.strip().lower()) + " "


def _has_word(text: str, words) -> str | None:
    """The first of ``words`` found in ``text`` as a whole word or phrase, else None."""
    for word in words:
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
            return word
    return None


def _measure(text: str) -> str | None:
    """The measure word that opens a measurable object (followed by its object), if any."""
    for match in re.finditer(r"(?<![\w-])(" + "|".join(map(re.escape, _MEASURES)) + r")(?![\w-])", text):
        rest = text[match.end():].split()
        if rest and rest[0] not in ("yang", "dan", "atau", "dengan"):
            return match.group(1)
    return None


def _target_text(target) -> str:
    if target is None:
        return ""
    if isinstance(target, bool) or not isinstance(target, (str, numbers.Real)):
        raise TypeError(f"target must be a number, a text such as '95 % per tahun', or None, "
                        f"got {type(target).__name__}")
    if isinstance(target, numbers.Real):
        return f"{target:g}" if isinstance(target, float) else str(target)
    return target


def _has_unit(iki: str, target: str, measure: str | None) -> bool:
    """A unit written after a number, or implied by the measure (%, index, count of an object)."""
    for text in (target, iki):
        for match in _NUMBER.finditer(text):
            after = text[match.end():].lstrip()
            word = after.split()[0] if after.split() else ""
            if after.startswith("%") or (word and word not in ("per", "pada", "dalam", "setiap",
                                                               "tiap", "sampai", "hingga")):
                return True
    needs_time = measure in ("waktu", "lamanya") or (measure == "rata-rata" and " waktu " in iki)
    needs_money = measure == "biaya" or " biaya " in iki
    rest = _TIME_FRAME.sub(" ", iki + target)   # "per tahun" is a time frame, not a unit
    if needs_time:
        return _has_word(rest, _TIME_UNITS) is not None
    if needs_money:
        return _has_word(rest, ("rupiah", "rp", "ribu", "juta")) is not None
    return measure in _IMPLIED_UNIT or _has_word(target, _UNIT_WORDS) is not None


def _aspect(text: str, measure: str) -> str:
    for aspect, pattern in _ASPECT_RULES:
        if aspect == "kualitas" and measure in ("jumlah", "banyaknya"):
            break   # a count is a quantity even when it counts good things
        if re.search(pattern, text):
            return aspect
    return "kuantitas"


def check(iki: str, target=None, *, lang: str | None = None) -> IndicatorCheck:
    """Check an IKI (and its target) for the five problems that make it unmeasurable.

    Parameters
    ----------
    iki : str
        The indicator text, e.g. "Persentase izin yang terbit tepat waktu sesuai SOP".
    target : number, str or None
        The target, e.g. ``95`` or ``"95 % per tahun"``. Its number, unit and time frame
        count as if written in the IKI.
    lang : str, optional
        Language of the messages ("id" or "en"; default: the catalogue's current language).

    Returns
    -------
    IndicatorCheck
        ``measurable``, ``aspect``, ``codes`` and ``problems`` (messages saying what to fix).

    Notes
    -----
    The rules (ASSUMPTION, documented teaching aid):

    - ``no_object``: no measure word ("Jumlah", "Persentase", "Rata-rata", "Indeks",
      "Nilai", "Tingkat", "Waktu", "Biaya", ...) followed by the thing measured;
    - ``no_number``: no number in the target or in the text;
    - ``no_unit``: no unit after the number and none implied by the measure (a percentage,
      an index, a count of the named object); an average time needs a time unit, a cost
      needs rupiah;
    - ``vague_verb``: a verb or phrase of wish or effort ("meningkatkan", "mendukung",
      "dengan baik", ...) instead of a measure;
    - ``no_time_frame``: no period ("per tahun", "per triwulan", "tahun 2025",
      "paling lambat 31 Desember", "tepat waktu", ...).

    The aspect is read from the wording: cost words give "biaya", time words "waktu",
    quality words (tanpa kesalahan, valid, kepuasan, akreditasi, ...) "kualitas" unless the
    measure is a count ("Jumlah ..."), and any other measure "kuantitas". Only the IKI text
    is read for the aspect, not the target.

    Examples
    --------
    >>> check("Persentase izin yang terbit tepat waktu sesuai SOP", "95 %").aspect
    'waktu'
    >>> check("Rata-rata waktu penerbitan akta kelahiran", "3 per tahun", lang="en").problems
    ('Give the unit of the target (for example %, documents, working days, rupiah).',)
    """
    if not isinstance(iki, str):
        raise TypeError(f"iki must be text, got {type(iki).__name__}")
    target_text = _target_text(target)
    text, target_norm = _normalise(iki), _normalise(target_text)
    both = text + target_norm
    measure = _measure(text)
    vague = _has_word(text, _VAGUE)
    found = {
        "no_object": measure is None,
        "no_number": _NUMBER.search(both) is None,
        "no_unit": not _has_unit(text, target_norm, measure),
        "vague_verb": vague is not None,
        "no_time_frame": _TIME_FRAME.search(both) is None,
    }
    codes = tuple(code for code in PROBLEM_CODES if found[code])
    problems = tuple(t(f"indicators.{code}", lang, word=vague or "") for code in codes)
    return IndicatorCheck(iki=iki, target=target_text, measurable=not codes,
                          aspect=_aspect(text, measure) if measure else None, codes=codes, problems=problems)
