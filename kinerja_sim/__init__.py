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

from importlib import import_module

# The public names are imported on first use (PEP 562), so that ``import kinerja_sim.ui.app``
# in a workshop kernel does not load pandas' plotting, SciPy or the simulation engine.
_LAZY = {
    "Dataset": "dataset",
    "data_dictionary": "dataset",
    "generate": "dataset",
    "load": "dataset",
    "BERAKHLAK": "world.dimensions",
    "DIMENSIONS": "world.dimensions",
    "behaviour_guides": "world.dimensions",
    "PRESETS": "raters",
    "RaterBias": "raters",
    "RaterPopulation": "raters",
    "rate": "raters",
    "train": "raters",
}


def __getattr__(name):
    if name in _LAZY:
        value = getattr(import_module(f"kinerja_sim.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kinerja_sim' has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_LAZY])


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
