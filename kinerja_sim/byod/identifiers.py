"""Personal identifiers of ASN and of raters: normalise, classify, check. One implementation.

Every identifier that the kit reads (an employee's NIP, a rater's NIP, NIK or NRP) passes
through :func:`normalise` before it is checked or pseudonymised, so that the same person
always gets the same pseudonym whatever digits the file used: full-width digits
(``１９８５…``) and other Unicode decimal digits (Arabic-Indic ``١٩٨٥…``, Devanagari, ...)
become ASCII, after Unicode NFKC normalisation; spaces, dots, hyphens between digit groups
and a leading apostrophe (Excel's "store as text" mark) are removed. Both the import
(:mod:`kinerja_sim.byod.schema`) and the pseudonyms (:mod:`kinerja_sim.byod.pseudonym`) use
this module, and so does every other part of the kit that compares identifiers.

Kinds (:func:`classify`), with their source and confidence:

- ``nip``: NIP of a PNS, 18 digits: birth date (8), TMT CPNS yyyymm (6), sex (1), number
  (3) (HIGH: PP 11/2017 and the BKN NIP format; the number starts at 001).
- ``ni_pppk``: Nomor Induk PPPK, also 18 digits, with ``21`` in place of the TMT month
  (MEDIUM: the format BKN uses for PPPK appointments since 2019; only a label, both are ASN).
- ``nik``: Nomor Induk Kependudukan, 16 digits (HIGH: UU 24/2013 Adminduk): a rater who is
  not ASN (e.g. a village head or a contract manager); accepted for raters with a note.
- ``nrp``: Nomor Registrasi Pokok of TNI/Polri, 5 to 10 digits (ASSUMPTION: Polri NRP has 8
  digits, TNI NRP 5 to 10); accepted for raters with a note (``statusPenilai = NON ASN``).

A number that Excel stored as a number cannot be repaired: Excel keeps 15 significant
digits, so an 18-digit NIP comes out as ``1.98501012010011E+17`` or, formatted as a whole
number, as ``198501012010011000`` (the last three digits lost, and no NIP ends in 000). Both
are refused with the explanation (kinds ``excel_scientific``, ``excel_decimal`` and
``excel_truncated``).
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

__all__ = [
    "ASN_KINDS",
    "KINDS",
    "RATER_KINDS",
    "classify",
    "normalise",
    "normalise_series",
    "problem_kind",
]

KINDS = ("nip", "ni_pppk", "nik", "nrp")
ASN_KINDS = ("nip", "ni_pppk")
RATER_KINDS = KINDS
_SEPARATORS = re.compile(r"[\s.\-_/]+")


def _ascii_digit(character: str) -> str:
    return str(unicodedata.decimal(character)) if character.isdecimal() else character


def normalise(value) -> str:
    """An identifier as compared: NFKC, every Unicode decimal digit as ASCII, separators removed.

    Scientific notation (``1.98E+17``) and decimals are kept as they are, so that
    :func:`problem_kind` can recognise and explain them.

    Examples
    --------
    >>> normalise("１９８５０１０１ ２０１００１ １ ００１")
    '198501012010011001'
    >>> normalise("١٩٨٥٠١٠١٢٠١٠٠١١٠٠١") == normalise("'198501012010011001")
    True
    >>> normalise("1,98501E+17"), normalise(None)
    ('1,98501E+17', '')
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    text = "".join(_ascii_digit(c) for c in unicodedata.normalize("NFKC", str(value))).strip()
    text = text.lstrip("'\u2019`")
    if re.fullmatch(r"\d+([.,]\d+)?[eE][+-]?\d+", text) or re.fullmatch(r"\d+[.,]\d+", text):
        return text
    return _SEPARATORS.sub("", text)


def normalise_series(values) -> pd.Series:
    """:func:`normalise` over a column (vectorised over the distinct values)."""
    series = pd.Series(values, dtype=object)
    distinct = pd.unique(series)
    return series.map({value: normalise(value) for value in distinct})


def problem_kind(text: str, *, allowed=ASN_KINDS) -> str | None:
    """Why a normalised identifier is refused (None: it is usable as one of ``allowed``).

    Kinds: ``empty``, ``excel_scientific``, ``excel_decimal``, ``excel_truncated``,
    ``not_digits``, ``wrong_length`` (for an employee: not 18 digits) or
    ``not_allowed`` (e.g. a 16-digit NIK where an ASN number is needed).

    Examples
    --------
    >>> [problem_kind(x) for x in ("198501012010011001", "1.985E+17", "198501012010011000", "12ab")]
    [None, 'excel_scientific', 'excel_truncated', 'not_digits']
    >>> problem_kind("3201014501850001"), problem_kind("3201014501850001", allowed=RATER_KINDS)
    ('not_allowed', None)
    """
    if text == "":
        return "empty"
    if re.fullmatch(r"\d+([.,]\d+)?[eE][+-]?\d+", text):
        return "excel_scientific"
    if re.fullmatch(r"\d+[.,]\d+", text):
        return "excel_decimal"
    if not text.isascii() or not text.isdigit():
        return "not_digits"
    if len(text) == 18 and text.endswith("000"):
        return "excel_truncated"
    kind = classify(text)
    if kind is None:
        return "wrong_length"
    return None if kind in allowed else "not_allowed"


def classify(text: str) -> str | None:
    """The kind of a normalised identifier: ``nip``, ``ni_pppk``, ``nik``, ``nrp`` or None.

    Examples
    --------
    >>> ids = ("198501012010011001", "198501012021212001", "3201014501850001", "85010123", "12")
    >>> [classify(x) for x in ids]
    ['nip', 'ni_pppk', 'nik', 'nrp', None]
    """
    if not (text.isascii() and text.isdigit()):
        return None
    if len(text) == 18:
        return "ni_pppk" if text[12:14] == "21" else "nip"
    if len(text) == 16:
        return "nik"
    if 5 <= len(text) <= 10:
        return "nrp"
    return None
