"""Keyed pseudonyms for NIPs, names, raters and (optionally) units.

A pseudonym is ``PREFIX-`` followed by the first 12 hexadecimal digits (48 bits) of
HMAC-SHA256(key, domain + NUL + value): the same key and value always give the same
pseudonym, and without the key nobody can tell which NIP hides behind it, even by trying
every possible NIP. Prefixes: ``PG-`` employees (pegawai), ``PN-`` raters (penilai),
``UK-`` units (unit kerja).

The key is the user's secret. It is never written anywhere: :class:`Pseudonymiser` keeps
only an HMAC object prepared with it (which Python cannot pickle or print), its ``repr``
hides it and no message of the kit shows it.

Identifiers are normalised by :func:`kinerja_sim.byod.identifiers.normalise` first (NFKC, any
Unicode digits as ASCII, separators removed), so one person has one pseudonym whatever digits
the file used. A rater identified by NIP gets the same 12 digits as the same NIP gets as an employee
(``PN-`` instead of ``PG-``), so a supervisor's own appraisal row can be linked to the
team they rate; a rater known only by name gets a digest of the normalised name.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja_sim._core.i18n import t
from kinerja_sim._core.names import record_name_key
from kinerja_sim.byod.identifiers import normalise_series

__all__ = ["MIN_KEY_LENGTH", "PREFIXES", "Pseudonymiser", "new_key", "read_key"]

MIN_KEY_LENGTH = 16
PREFIXES = {"employee": "PG-", "rater": "PN-", "unit": "UK-"}
_DIGITS = 12


def new_key() -> str:
    """A fresh random key (43 characters, 256 bits) for
    :func:`kinerja_sim.byod.read.read_appraisals`.

    Save it to a file outside the project folder and pass it back with :func:`read_key`; the
    same key gives the same pseudonyms next year, so results can be compared.

    Examples
    --------
    >>> len(new_key()) >= 43
    True
    """
    return secrets.token_urlsafe(32)


def read_key(path) -> bytes:
    """The key stored in a file (trailing line breaks removed); the key itself is never shown.

    Raises
    ------
    FileNotFoundError, ValueError
        When the file is missing or empty (the message names the file, never its content).
    """
    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(t("byod.cli.key_file_missing", name=path.name))
    key = path.read_bytes().rstrip(b"\r\n")
    if not key:
        raise ValueError(t("byod.key_file_empty", name=path.name))
    return key


def _key_bytes(key) -> bytes:
    if key is None:
        raise ValueError(t("byod.key_missing", n=MIN_KEY_LENGTH))
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, (bytes, bytearray)):
        raise TypeError(t("byod.key_type", kind=type(key).__name__))
    if len(key) < MIN_KEY_LENGTH:
        raise ValueError(t("byod.key_short", n=len(key), minimum=MIN_KEY_LENGTH))
    return bytes(key)


class Pseudonymiser:
    """Turn identifiers into keyed pseudonyms; holds the key only inside an HMAC object.

    Parameters
    ----------
    key : str or bytes
        The user's secret, at least 16 characters (see :func:`new_key`).

    Examples
    --------
    >>> p = Pseudonymiser("contoh-kunci-untuk-dokumentasi")
    >>> p
    Pseudonymiser(key=<tersembunyi>)
    >>> p.employees(["199001012015031001"]).tolist()
    ['PG-...']
    >>> p.employees(["199001012015031001"])[0][3:] == p.raters(["199001012015031001"])[0][3:]
    True
    """

    __slots__ = ("_mac",)

    def __init__(self, key):
        self._mac = hmac.new(_key_bytes(key), digestmod=hashlib.sha256)

    def __repr__(self) -> str:
        return "Pseudonymiser(key=<tersembunyi>)"

    def __reduce__(self):
        raise TypeError(
            "a Pseudonymiser holds the secret key and cannot be pickled or copied to disk"
        )

    def _digest(self, domain: str, value: str) -> str:
        mac = self._mac.copy()
        mac.update(domain.encode() + b"\0" + value.encode("utf-8"))
        return mac.hexdigest()[:_DIGITS].upper()

    def _apply(self, values, domain: str, prefix: str) -> np.ndarray:
        values = pd.Series(values, dtype=object).astype(str)
        distinct = pd.unique(values)
        codes = {value: prefix + self._digest(domain, value) for value in distinct}
        if len(set(codes.values())) != len(codes):
            raise ValueError(t("byod.collision"))
        return values.map(codes).to_numpy(dtype=object)

    def employees(self, nips) -> np.ndarray:
        """``PG-…`` pseudonyms of employee NIPs; any digit form of the same NIP gives one pseudonym.

        Examples
        --------
        >>> p = Pseudonymiser("contoh-kunci-untuk-dokumentasi")
        >>> a, b = p.employees(["198501012010011001", "１９８５０１０１ ２０１００１ １ ００１"])
        >>> a == b
        True
        """
        return self._apply(normalise_series(nips), "nip", PREFIXES["employee"])

    def raters(self, identities, *, by_name: bool = False) -> np.ndarray:
        """``PN-…`` pseudonyms of rater NIPs, or of rater names with ``by_name=True``."""
        if by_name:
            return self._apply(
                pd.Series(identities, dtype=object).map(record_name_key), "nama", PREFIXES["rater"]
            )
        return self._apply(normalise_series(identities), "nip", PREFIXES["rater"])

    def units(self, names) -> np.ndarray:
        """``UK-…`` pseudonyms of unit names (case and spacing ignored)."""
        return self._apply(
            pd.Series(names, dtype=object).map(record_name_key), "unit", PREFIXES["unit"]
        )
