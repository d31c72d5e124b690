"""Names as the kit compares them: the one name normaliser.

Three rules, one per use, all here:

- :func:`normalise_name`: the name as stored and shown (surrounding and repeated spaces
  removed, empty text refused); a trainee's name also has a length limit.
- :func:`name_key`: the identity of a name typed by a person (the trainee's name in the
  progress store and the seed of their cases): :func:`normalise_name`, case ignored
  (Unicode casefold), so "Siti Rahma" and " siti  RAHMA" are one trainee.
- :func:`record_name_key`: the identity of a name read from an organisation's records
  (pseudonyms of raters and units): case, spaces and punctuation ignored, any value read
  as text.

Examples
--------
>>> normalise_name("  Siti   Rahma ")
'Siti Rahma'
>>> name_key("  Siti   RAHMA ") == name_key("siti rahma")
True
>>> record_name_key("Dra. SITI  Rahma,") == record_name_key("dra siti rahma")
True
"""

from __future__ import annotations

import re

__all__ = ["name_key", "normalise_name", "record_name_key"]

_PUNCTUATION_AND_SPACES = re.compile(r"[\W_]+")


def normalise_name(name: str, *, what: str = "name", max_length: int | None = None) -> str:
    """The text as stored: surrounding and repeated spaces removed.

    Parameters
    ----------
    name : str
        The text typed.
    what : str
        The field's name in error messages (e.g. ``"trainee"``).
    max_length : int, optional
        The longest text accepted (after removing spaces); no limit when None.

    Raises
    ------
    TypeError
        When ``name`` is not text.
    ValueError
        When it is empty or longer than ``max_length`` characters.
    """
    if not isinstance(name, str):
        raise TypeError(f"{what} must be text, got {type(name).__name__}")
    name = " ".join(name.split())
    if not name:
        raise ValueError(f"{what} must not be empty")
    if max_length is not None and len(name) > max_length:
        raise ValueError(f"{what} must be at most {max_length} characters, got {len(name)}")
    return name


def name_key(name: str, *, what: str = "name", max_length: int | None = None) -> str:
    """The identity of a typed name: :func:`normalise_name`, then case ignored (casefold)."""
    return normalise_name(name, what=what, max_length=max_length).casefold()


def record_name_key(value) -> str:
    """The identity of a name in records: lower case, single spaces, no punctuation.

    Any value is read as text (``str(value)``); nothing is refused.
    """
    return _PUNCTUATION_AND_SPACES.sub(" ", str(value).casefold()).strip()
