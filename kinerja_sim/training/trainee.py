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

from kinerja_sim._core import names
from kinerja_sim._core.validate import check_int

__all__ = ["MAX_NAME_LENGTH", "trainee_name", "trainee_seed"]

MAX_NAME_LENGTH = 60


def trainee_name(name: str) -> str:
    """The name as stored: surrounding and repeated spaces removed (:mod:`kinerja_sim._core.names`).

    Raises
    ------
    TypeError
        When ``name`` is not text.
    ValueError
        When it is empty or longer than :data:`MAX_NAME_LENGTH` characters.
    """
    return names.normalise_name(name, max_length=MAX_NAME_LENGTH)


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
