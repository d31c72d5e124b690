"""Who is working: the trainee's name or code, typed once, remembered in the progress store.

Each trainee gets their own cases from a seed derived from their name
(:func:`trainee_seed`: a SHA-256 hash, so the same name gives the same cases on every
machine and after a kernel restart, and two trainees get different cases). The name's
identity (:func:`kinerja_sim.training.progress.trainee_key`) ignores case and spaces, like the seed.
The widget that asks for the name lives in :mod:`kinerja_sim.ui.login` (this module needs no
ipywidgets, so the exercise logic loads without them).

Examples
--------
>>> trainee_seed("Siti Rahma") == trainee_seed("  siti   RAHMA ")
True
>>> trainee_seed("Siti Rahma") == trainee_seed("Siti Rahma", attempt=1)
False
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata

from kinerja_sim._core import names
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_int

__all__ = [
    "CODE_DIGITS",
    "MAX_NAME_LENGTH",
    "hash_code",
    "issue_code",
    "personal_code",
    "trainee_name",
    "trainee_seed",
    "verify_code",
]

MAX_NAME_LENGTH = 60
#: A personal code (PIN) has 4 to 8 digits; a code the facilitator issues has 6.
CODE_DIGITS = (4, 8)
# scrypt with N = 2**14, r = 8, p = 1 (16 MB; 150 ms on the busy 2-core machine): RFC 7914
# gives for interactive sign-ins. ASSUMPTION: a 4-digit PIN has only 10,000 values, so the
# hash alone does not protect it from someone who copies the store; it protects the codes
# of other services a trainee may reuse, and the server's throttle protects the sign-in.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def trainee_name(name: str) -> str:
    """The name as stored: surrounding and repeated spaces removed (:mod:`kinerja_sim._core.names`).

    Control and formatting characters (e.g. the right-to-left override U+202E, zero-width
    spaces) are refused: they would make one name look like another on the dashboard.

    Raises
    ------
    TypeError
        When ``name`` is not text.
    ValueError
        When it is empty, longer than :data:`MAX_NAME_LENGTH` characters or holds a control
        or formatting character.

    Examples
    --------
    >>> trainee_name("  Siti   Rahma ")
    'Siti Rahma'
    >>> trainee_name("Siti\u202eamhaR")
    Traceback (most recent call last):
    ...
    ValueError: Nama memuat tanda tersembunyi (tanda kendali atau arah teks). Ketik ulang nama Anda
    dengan huruf biasa.
    """
    if isinstance(name, str) and any(
        unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs") and not c.isspace() for c in name
    ):
        raise ValueError(t("saferoom.name.hidden"))
    return names.normalise_name(name, max_length=MAX_NAME_LENGTH)


def personal_code(code: str) -> str:
    """The personal code as typed, checked: 4 to 8 digits (spaces around it removed).

    Examples
    --------
    >>> personal_code(" 4821 ")
    '4821'
    >>> personal_code("48a1")
    Traceback (most recent call last):
    ...
    ValueError: Kode pribadi terdiri atas 4 sampai 8 angka.
    """
    text = code.strip() if isinstance(code, str) else ""
    low, high = CODE_DIGITS
    if not (text.isascii() and text.isdigit() and low <= len(text) <= high):
        raise ValueError(t("saferoom.code.format", low=low, high=high))
    return text


def hash_code(code: str, *, salt: bytes | None = None) -> str:
    """A salted scrypt hash of a personal code, as text (``scrypt$n$r$p$salt$hash``).

    Examples
    --------
    >>> stored = hash_code("4821")
    >>> stored.startswith("scrypt$16384$8$1$") and verify_code("4821", stored)
    True
    >>> verify_code("4822", stored), hash_code("4821") == stored
    (False, False)
    """
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.scrypt(personal_code(code).encode(), salt=salt, dklen=32, **_SCRYPT)
    n, r, p = _SCRYPT["n"], _SCRYPT["r"], _SCRYPT["p"]
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def verify_code(code: str, stored: str) -> bool:
    """Whether ``code`` is the code of the hash ``stored`` (compared in constant time)."""
    try:
        kind, n, r, p, salt, digest = str(stored).split("$")
        text = personal_code(code)
    except ValueError:
        return False
    if kind != "scrypt":
        return False
    typed = hashlib.scrypt(
        text.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(typed, bytes.fromhex(digest))


def issue_code() -> str:
    """A new 6-digit code for the facilitator to hand out (from :mod:`secrets`)."""
    return f"{secrets.randbelow(10**6):06d}"


def trainee_seed(name: str, *, attempt: int = 0) -> int:
    """A stable seed for a trainee's cases: SHA-256 of the name (case and spaces ignored).

    Parameters
    ----------
    name : str
        The trainee's name or code.
    attempt : int
        0 for the first set of cases; 1, 2, ... for fresh cases when practising again.

    Returns
    -------
    int
        A non-negative 63-bit integer, usable as ``rng``.

    Examples
    --------
    >>> trainee_seed("Budi")
    4287776662091080309
    """
    attempt = check_int("attempt", attempt, minimum=0)
    key = f"kinerja-sim|{names.name_key(name, max_length=MAX_NAME_LENGTH)}|{attempt}".encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big") >> 1
