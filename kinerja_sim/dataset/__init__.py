"""The synthetic dataset: generation, and saving to and loading from a folder of CSV files.

``generate`` draws a small, realistic kabupaten (SPEC 3.1; :mod:`kinerja_sim.dataset.generation`,
which also has the ``kinerja-sim generate`` command); ``Dataset.save`` writes one CSV per table
plus ``data_dictionary.csv`` (every column described in Bahasa Indonesia and English); ``load``
reads it back with the same values and types (:mod:`kinerja_sim.dataset.tables`).
"""

from kinerja_sim.dataset.generation import draw_raters, generate
from kinerja_sim.dataset.tables import (
    DEFAULT_SEED,
    TABLES,
    Dataset,
    data_dictionary,
    load,
    supervisor_assignments,
    truth_long,
)

__all__ = [
    "DEFAULT_SEED",
    "TABLES",
    "Dataset",
    "data_dictionary",
    "draw_raters",
    "generate",
    "load",
    "supervisor_assignments",
    "truth_long",
]
