"""The rated dimensions and the rating scale shared by the whole kit.

A supervisor rates one result dimension (Hasil Kerja) and the seven BerAKHLAK core values
(Perilaku Kerja; SE MenPAN-RB 20/2021, HIGH). The seven values and their 21 behaviour guides
(panduan perilaku) are shipped as data in ``data/berakhlak.csv``, copied unchanged from
the official text.

Scores are on a 1–5 scale (ASSUMPTION, a modelling choice of the kit): 3 means "Sesuai
Ekspektasi", 4 and 5 above, 1 and 2 below. The rule sets (``kinerja_sim.rules``) turn
scores into the three rating labels.
"""

from __future__ import annotations

import io
from functools import cache

import pandas as pd

from kinerja_sim._core.data import read_text

__all__ = [
    "BERAKHLAK",
    "BERAKHLAK_LABELS",
    "DIMENSIONS",
    "DIMENSION_LABELS",
    "RESULT",
    "SCALE_MAX",
    "SCALE_MID",
    "SCALE_MIN",
    "behaviour_guides",
]

RESULT = "hasil_kerja"
BERAKHLAK_LABELS = {
    "berorientasi_pelayanan": "Berorientasi Pelayanan",
    "akuntabel": "Akuntabel",
    "kompeten": "Kompeten",
    "harmonis": "Harmonis",
    "loyal": "Loyal",
    "adaptif": "Adaptif",
    "kolaboratif": "Kolaboratif",
}
BERAKHLAK = tuple(BERAKHLAK_LABELS)
DIMENSIONS = (RESULT, *BERAKHLAK)
DIMENSION_LABELS = {RESULT: "Hasil Kerja", **BERAKHLAK_LABELS}

SCALE_MIN, SCALE_MID, SCALE_MAX = 1.0, 3.0, 5.0


@cache
def _guides() -> pd.DataFrame:
    table = pd.read_csv(io.StringIO(read_text("berakhlak.csv")))
    keys = {label: key for key, label in BERAKHLAK_LABELS.items()}
    table.insert(0, "dimension", table["nilai"].map(keys))
    return table


def behaviour_guides() -> pd.DataFrame:
    """The 21 panduan perilaku of BerAKHLAK: columns ``dimension``, ``nilai``, ``urutan``,
    ``panduan_perilaku``.

    Examples
    --------
    >>> guides = behaviour_guides()
    >>> len(guides), guides["dimension"].nunique()
    (21, 7)
    """
    return _guides().copy()
