"""What every exercise shares: the feedback object, reading a typed number and the workshop seed.

Numbers are written by :mod:`kinerja_sim._core.format` (``number``, ``percent``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from kinerja_sim._core.validate import check_rng
from kinerja_sim.training.trainee import trainee_seed

__all__ = ["EXERCISES", "WORKSHOP_ENV", "Feedback", "parse_number", "workshop_seed"]

EXERCISES = (
    "01_perbaiki_indikator",
    "02_nilai_berkas_kasus",
    "03_kenali_bias",
    "04_terapkan_kurva",
    "05_pertanyaan_kebijakan",
    "06_tulis_umpan_balik",
)
WORKSHOP_ENV = "KINERJA_SIM_WORKSHOP"
DEFAULT_WORKSHOP = "kinerja-sim"


@dataclass(frozen=True)
class Feedback:
    """What a check tells the trainee.

    Attributes
    ----------
    correct : bool
        Whether the answer is right (or close enough).
    score : float
        0 to 1, saved in the progress store.
    summary : str
        One sentence: right or not, and the main number.
    details : tuple of str
        Specific points: what was off, by how much, and which evidence shows it.
    """

    correct: bool
    score: float
    summary: str
    details: tuple[str, ...] = ()

    def text(self) -> str:
        """The summary and the details as plain text, one per line (what the store keeps)."""
        return "\n".join([self.summary, *(f"- {line}" for line in self.details)])


def parse_number(value) -> float:
    """A number typed by a person: a decimal comma or point, spaces around ignored.

    Raises ``ValueError`` when the text is empty, not one finite number, or holds both a comma
    and a point (ambiguous: "1.234,5"). The caller turns it into a message for the trainee.

    Examples
    --------
    >>> parse_number("4,2"), parse_number(" 4.2 "), parse_number(3), parse_number("-3")
    (4.2, 4.2, 3.0, -3.0)
    """
    if isinstance(value, bool):
        raise ValueError(f"value must be a number, got {value!r}")
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
    else:
        text = str(value).strip().replace("\u2212", "-")
        if not text or ("," in text and "." in text) or text.count(",") > 1:
            raise ValueError(f"value must be one number, got {value!r}")
        number = float(text.replace(",", "."))
    if not np.isfinite(number):
        raise ValueError(f"value must be a finite number, got {value!r}")
    return number


def workshop_seed() -> int:
    """The seed of the cases the whole group shares (for the calibration discussion).

    Set the environment variable ``KINERJA_SIM_WORKSHOP`` to a code of the session (e.g.
    ``bkpsdm-2025-06``) to give a new group new shared cases; default ``kinerja-sim``.
    """
    code = os.environ.get(WORKSHOP_ENV, "").strip() or DEFAULT_WORKSHOP
    return trainee_seed(f"lokakarya {code}")


def spawn(rng, n: int) -> list[np.random.Generator]:
    """``n`` independent generators from ``rng`` (an int seed or a Generator, SPEC 7)."""
    return check_rng(rng).spawn(n)
