"""kinerja-sim: a training and simulation kit for the performance appraisal of ASN.

Synthetic offices whose employees have a known true performance, raters with configurable
biases, the appraisal rules of PermenPAN-RB 6/2022 and earlier regimes, and measurements of
how far ratings are from the truth.

Examples
--------
>>> import kinerja_sim
>>> ds = kinerja_sim.generate(n_offices=2, rng=2022)
>>> list(ds.ratings.columns)
['rater_id', 'employee_id', 'dimension', 'order', 'score', 'true_score']
"""
from kinerja_sim.dataset import Dataset, data_dictionary, generate, load
from kinerja_sim.dimensions import BERAKHLAK, DIMENSIONS, behaviour_guides
from kinerja_sim.raters import PRESETS, RaterBias, RaterPopulation, rate, train

__all__ = [
    "BERAKHLAK",
    "DIMENSIONS",
    "PRESETS",
    "Dataset",
    "RaterBias",
    "RaterPopulation",
    "behaviour_guides",
    "data_dictionary",
    "generate",
    "load",
    "rate",
    "train",
]
__version__ = "0.1.0"
