"""The coach of the indicator checker: rewrites in the real style, and the fit of an IKI to its RHK.

:func:`suggest` recasts a vague indicator in the real style (measure + object + target with
unit) and adds measurable indicators of the same office kind from the real corpus
(``data/indicators_real``) and the synthetic world's corpus; :func:`fits` tells whether an
IKI measures the RHK it is written for (issue #13) (ASSUMPTION: word rules of the kit, a
teaching aid). The coach stands on the checker (:mod:`kinerja_sim.coach.indicators`) and the
corpus (:mod:`kinerja_sim.coach.indicator_corpus`); neither imports it.

Examples
--------
>>> from kinerja_sim.coach.indicator_coach import fits, suggest
>>> suggest("Peningkatan jumlah pengunjung SAC", "2000", n=1)
[('Jumlah pengunjung SAC', '2000')]
>>> fits("Jumlah laporan hasil monitoring siskamling", "Terlaksananya monitoring siskamling")
True
"""

from __future__ import annotations

import re
from functools import cache

from kinerja_sim.coach.indicator_corpus import real_indicators, synthetic_indicators, target_text
from kinerja_sim.coach.indicators import (
    MEASURES,
    check,
    counts_a_process,
    counts_times,
    coverage_object,
    covers_a_population,
    indicator_words,
    measure_of,
    names_result_state,
    normalise_text,
    number_tokens,
    opens_with_activity,
    skp_output,
    strip_years,
    target_text_of,
    unit_words,
    words_of,
)

__all__ = ["fits", "rewrite_indicator", "rewrite_skp_row", "suggest"]

_CONTENT_STOP = {
    "yang",
    "dan",
    "di",
    "ke",
    "dari",
    "pada",
    "untuk",
    "dengan",
    "atau",
    "dalam",
    "oleh",
    "serta",
    "sesuai",
    "terhadap",
    "per",
    "tahun",
    "bidang",
    "kegiatan",
    "the",
    "setiap",
    "kepada",
    "tentang",
}


_KIND_MAP = {  # office kinds of the synthetic world -> kinds of the real corpus with similar work
    "sekretariat_daerah": ("inspektorat", "keuangan_daerah", "bappeda"),
    "bappeda": ("bappeda", "keuangan_daerah"),
    "dpmptsp": ("disdukcapil", "keuangan_daerah"),
    "disdukcapil": ("disdukcapil",),
    "dinas_kesehatan": ("kesehatan", "puskesmas"),
    "puskesmas": ("puskesmas", "kesehatan"),
    "dinas_pendidikan": ("pendidikan", "perguruan_tinggi"),
    "sekolah": ("pendidikan", "perguruan_tinggi"),
}


@cache
def _examples() -> tuple[tuple[str, str, str], ...]:
    """(kind, iki, target with unit) of every measurable example: real training data (corpus,
    fresh2), then synthetic.
    """
    rows = [
        (e["kind"], e["iki"], target_text(e))
        for part in ("corpus", "fresh2")
        for e in real_indicators(part)
        if e["label"] == "terukur"
    ]
    rows += [
        (e["kind"], e["iki"], re.sub(r"\s*per tahun$", "", str(e["target"])))
        for e in synthetic_indicators()
        if e["label"] == "terukur"
    ]
    return tuple(rows)


def _content(text: str) -> set[str]:
    return {
        w[:6]
        for w in words_of(normalise_text(text))
        if len(w) > 2 and w not in _CONTENT_STOP and w not in MEASURES and not w.isdigit()
    }


def _lower_first(text: str) -> str:
    """The text with its first letter in lower case, unless it opens an abbreviation ("FGD")."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def rewrite_skp_row(iki: str, target: str) -> list[tuple[str, str]]:
    """An activity-style SKP row of the old PP 46/2011 form recast as a result with its measure.

    The output of the target becomes the thing counted ("Mengentri data usul kenaikan pangkat
    ke dalam SAPK" – 10 data; kualitas 100; 12 bulan -> "Jumlah data usul kenaikan pangkat yang
    dientri ke dalam SAPK" – 10 data), and, for a product, its quality a measure of its own
    ("Persentase … tanpa kesalahan" – 100 %); people served are counted as people ("Meracik obat"
    – 5000 pasien -> "Jumlah pasien yang dilayani dengan peracikan obat"). Under PermenPAN-RB
    6/2022 an SKP states a result with indicators of it; the wording is the kit's (ASSUMPTION, the
    verbs of ``skp_verbs`` in ``data/indicator_words.yaml``). Empty when the target is not in that
    form, counts the doing (kegiatan, kali), or the verb is not listed.

    Examples
    --------
    >>> rewrite_skp_row(
    ...     "Menyusun draft surat permintaan obat", "12 Laporan; kualitas 100; 12 bulan"
    ... )[0]
    ('Jumlah laporan draft surat permintaan obat yang disusun', '12 laporan')
    """
    output = skp_output(normalise_text(target))
    text = re.sub(r"\s*\([^)]*\)", "", re.sub(r"\s+", " ", iki.strip())).rstrip(" .")
    words = text.split(" ")
    verbs = indicator_words()["skp_verbs"]
    if output is None or not words or words[0].lower() not in verbs:
        return []
    number, unit = output
    passives, nouns, rest = [], [], words
    while rest and rest[0].lower() in verbs:  # "Memeriksa dan menilai resep": two verbs, one object
        passive, noun = verbs[rest[0].lower()]
        passives, nouns, rest = passives + [passive], nouns + [noun], rest[1:]
        if len(rest) > 1 and rest[0].lower() == "dan" and rest[1].lower() in verbs:
            rest = rest[1:]
    if None in passives and rest and rest[0].lower() == "kegiatan":  # "Melaksanakan kegiatan X"
        rest = rest[1:]
    if not rest:
        return []
    obj = _lower_first(" ".join(rest))
    people = unit in indicator_words()["people_heads"]
    if None in passives:  # "Melakukan pelayanan spesialis": the noun names the work
        if people:
            return [(f"Jumlah {unit} yang mendapat {obj}", f"{number} {unit}")]
        return [(f"Jumlah {unit} hasil {obj}", f"{number} {unit}")]
    if people:
        return [
            (f"Jumlah {unit} yang dilayani dengan {' dan '.join(nouns)} {obj}", f"{number} {unit}")
        ]
    lowered = [word.lower() for word in rest]
    cut = next(
        (i for i, word in enumerate(lowered) if i and word in indicator_words()["skp_complements"]),
        len(rest),
    )
    head, complement = " ".join(rest[:cut]), " ".join(rest[cut:])
    counted = (
        _lower_first(head) if unit in words_of(head.lower()) else f"{unit} {_lower_first(head)}"
    )
    done = " ".join(["yang", " dan ".join(passives), complement]).strip()
    quality = re.search(r"\b(?:kualitas|kual|mutu)\s*[:=]?\s*(\d+)", target, re.I)
    return [
        (f"Jumlah {counted} {done}", f"{number} {unit}"),
        (
            f"Persentase {counted} {done} tanpa kesalahan",
            f"{quality.group(1) if quality else 100} %",
        ),
    ]


# "Jumlah Paket <goods> [yang Disediakan]": the goods, without the verb of providing them.
_BUNDLE_OF_GOODS = re.compile(
    r"^(?:jumlah|banyaknya)\s+(?:paket|pkt)\s+(.+?)(?:\s+yang\s+(?:di|ter)[a-z]+)?$", re.I
)


def rewrite_indicator(iki: str, target: str) -> tuple[str, str] | None:
    """A rewrite of the indicator's own words in the real style (measure + object + target with
    unit).
    """
    text = re.sub(r"\s*\((?:contoh|misal)[^)]*\)?", "", re.sub(r"\s+", " ", iki.strip())).rstrip(
        " ."
    )
    text = re.sub(r"^(?:[-–•*]|\d+[.)])\s*", "", text)
    skp = rewrite_skp_row(text, target)
    if skp:  # the old PP 46/2011 form: the output counted as the result
        return skp[0]
    low = normalise_text(text)
    number = (number_tokens(strip_years(normalise_text(target))) or ["…"])[0]
    activity = re.match(
        r"^(?:terlaksa\w*nya|terselenggaranya|terlaksanakannya)\s+(?:kegiatan\s+)?", text, re.I
    )
    if activity:
        obj = text[activity.end() :]
        return f"Jumlah laporan hasil {obj[:1].lower()}{obj[1:]}", f"{number} laporan"
    opener = re.match(
        r"^(?:peningkatan|meningkatnya|tercapainya|terwujudnya|penurunan|menurunnya)\s+", text, re.I
    )
    if opener:
        rest = text[opener.end() :]
        head = normalise_text(rest).split(" ")[0]
        if head in (
            "jumlah",
            "persentase",
            "indeks",
            "nilai",
            "skor",
            "rata-rata",
            "prosentase",
            "presentase",
        ):
            return rest[:1].upper() + rest[1:], target or number
        if head in ("laporan", "dokumen", "buku"):
            return f"Jumlah {rest[:1].lower()}{rest[1:]} yang disusun", f"{number} dokumen"
        return None
    words = words_of(low)
    if measure_of(words) is None and covers_a_population(words, normalise_text(target)):
        # a coverage line in the SPM form (owners' decision (d)): write the share explicitly
        return f"Persentase {coverage_object(text)}", target
    bundle = _BUNDLE_OF_GOODS.match(text)
    if bundle and "vague_object" in check(text, target).codes:
        # a count of paket of goods (owners' decision, guide section 2): state the need met
        return f"Persentase kebutuhan {_lower_first(bundle.group(1))} yang terpenuhi", "100 %"
    counted = re.match(r"^(?:jumlah|banyaknya)\s+", text, re.I)
    counted_doing = counted and (
        counts_a_process(" ".join(words[1:]), normalise_text(target))
        or counts_times("jumlah", " ".join(words[1:]), normalise_text(target))
    )
    if counted_doing:
        # a counted activity ("Jumlah Koordinasi Perencanaan …" – 11 Dokumen, "Jumlah FGD" – 3 kali)
        # -> the documents it produces
        unit = (
            "dokumen" if {"dokumen", "dok"} & set(unit_words(normalise_text(target))) else "laporan"
        )
        obj = text[counted.end() :]
        return f"Jumlah {unit} hasil {_lower_first(obj)}", f"{number} {unit}"
    if low.startswith("jumlah ") and "%" in target:
        return "Persentase " + text[len("jumlah ") :], target
    if (
        words
        and measure_of(words) is None
        and not names_result_state(words)
        and not opens_with_activity(words)
        and words[0] in ("dokumen", "laporan", "pedoman", "proposal", "buku", "borang")
    ):
        return f"Jumlah {text[:1].lower()}{text[1:]} yang disusun", f"{number} dokumen"
    return None


def suggest(iki: str, target=None, *, kind: str | None = None, n: int = 2) -> list[tuple[str, str]]:
    """Up to ``n`` rewrites of a vague indicator in the real style: (indicator, target with unit).

    The first is the indicator's own words recast (e.g. "Terlaksananya monitoring X" ->
    "Jumlah laporan hasil monitoring X", "Jumlah Koordinasi X" – 11 Dokumen -> "Jumlah dokumen
    hasil koordinasi X"); the others are measurable indicators of the real training data
    (corpus, fresh2) and of the synthetic world, of the same office kind, whose object shares
    the most words with the vague one. Every suggestion passes :func:`check`.

    Parameters
    ----------
    iki : str
        The vague indicator.
    target : number, str or None
        Its target, if any (its number is kept in the rewrite).
    kind : str, optional
        The trainee's office kind (a kind of the synthetic world or of the real corpus).
    n : int
        How many suggestions at most.

    Examples
    --------
    >>> suggest("Terlaksananya Monitoring kegiatan siskamling", "10 kali", kind="kalurahan", n=1)
    [('Jumlah laporan hasil monitoring kegiatan siskamling', '10 laporan')]
    >>> suggest("Jumlah Koordinasi Perencanaan Bidang Pemerintahan", "11 Dokumen", n=1)
    [('Jumlah dokumen hasil koordinasi Perencanaan Bidang Pemerintahan', '11 dokumen')]
    """
    if not isinstance(iki, str):
        raise TypeError(f"iki must be text, got {type(iki).__name__}")
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a whole number of at least 1, got {n!r}")
    target_given = target_text_of(target)
    out: list[tuple[str, str]] = []
    own = rewrite_skp_row(iki, target_given) or [rewrite_indicator(iki, target_given)]
    out += [rewrite for rewrite in own if rewrite and check(*rewrite).measurable][:n]
    kinds = set(_KIND_MAP.get(kind, ())) | ({kind} if kind else set())
    words = _content(iki)
    styled = [
        row
        for row in _examples()
        if measure_of(words_of(normalise_text(row[1])))
        and unit_words(normalise_text(row[2]))
        and len(row[1]) <= 90
    ]
    pool = [row for row in styled if not kinds or row[0] in kinds] or styled
    ranked = sorted(pool, key=lambda row: (-len(words & _content(row[1])), len(row[1])))
    for _, example, example_target in ranked:
        if len(out) >= n:
            break
        if (
            example.casefold() != iki.casefold()
            and check(example, example_target).measurable
            and (example, example_target) not in out
        ):
            out.append((example, example_target))
    return out[:n]


# ----------------------------------------------------------------------------- fit to the RHK
_GENERIC = {
    "laporan",
    "dokume",
    "data",
    "hasil",
    "kegiat",
    "layana",
    "pelaya",
    "progra",
    "kinerj",
    "perang",
    "daerah",
    "pegawa",
    "unit",
    "standa",
    "terbit",
    "diterb",
    "disusu",
    "tersus",
    "tersed",
    "terlak",
    "jumlah",
    "persen",
    "meningk",
    "mening",
    "pening",
    "kualit",
    "mutu",
    "indeks",
    "nilai",
    "sasara",
    "target",
    "rencan",
    "kerja",
    "tugas",
    "bidang",
    "kantor",
    "dinas",
    "sesuai",
    "terwuj",
    "tercap",
    "tepat",
    "waktu",
    "rata-r",
    "tingka",
    "capaia",
}


_FIT_VERB = re.compile(r"^(?:me|mem|men|meng|meny|ber|ter|di)[a-z]{3,}$")


def fits(iki: str, references) -> bool:
    """Whether the indicator measures the same thing as the RHK (or the texts) it is written for.

    True when the indicator shares at least one content word (beyond measures, document words
    and generic office words such as "laporan", "pelayanan", "kinerja") with any of
    ``references``; a measurable indicator about something else does not fit (ASSUMPTION, a
    word-overlap rule of the kit; issue #13).

    Examples
    --------
    >>> fits("Jumlah akta kelahiran yang diterbitkan", ["Terlaksananya pelayanan akta kelahiran"])
    True
    >>> fits(
    ...     "Jumlah rapat koordinasi yang difasilitasi", ["Terlaksananya pelayanan akta kelahiran"]
    ... )
    False
    """
    if not isinstance(iki, str):
        raise TypeError(f"iki must be text, got {type(iki).__name__}")
    if isinstance(references, str):
        references = [references]

    def content(text):
        return {w for w in _content(text) - _GENERIC if not _FIT_VERB.match(w)}

    mine = content(iki)
    return any(mine & content(reference) for reference in references if reference)
