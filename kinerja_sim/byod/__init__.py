"""Bring your own data: read a real appraisal export safely, analyse it, fit the simulation.

One home for everything that touches data a user brings; imports run one way,
``files -> schema -> pseudonym -> read -> analysis -> plots / fit -> cli``:

- :mod:`~kinerja_sim.byod.files`: reading CSV and Excel exports into text rows with row numbers;
- :mod:`~kinerja_sim.byod.schema`: the column mapping, label normalisation and row checks;
- :mod:`~kinerja_sim.byod.pseudonym`: keyed pseudonyms (HMAC-SHA256);
- :mod:`~kinerja_sim.byod.read`: :func:`read_appraisals`, the public entry point;
- :mod:`~kinerja_sim.byod.analysis`: distributions per unit, raters against peers, curve per unit;
- :mod:`~kinerja_sim.byod.plots`: figures of the above and of the fit;
- :mod:`~kinerja_sim.byod.fit`: simulated-method-of-moments fit of the rater model;
- :mod:`~kinerja_sim.byod.cli`: ``kinerja-sim import``.

``kinerja_sim.io`` and ``kinerja_sim.fit`` remain as deprecated aliases for one release.
The plotting and fitting parts (matplotlib, scipy) load only when first used.
"""
from importlib import import_module

from kinerja_sim.byod.analysis import curve_checks, distributions, peer_reference, rater_profiles
from kinerja_sim.byod.read import (DATA_COLUMNS, RATING_CODES, Appraisals, example_path, new_key, read_appraisals,
                                   read_key)

_LAZY = {"plot_distributions": "plots", "plot_fit": "plots", "plot_rater_leniency": "plots",
         "FitResult": "fit", "fit_simulation": "fit"}

__all__ = ["DATA_COLUMNS", "RATING_CODES", "Appraisals", "FitResult", "curve_checks", "distributions",
           "example_path", "fit_simulation", "new_key", "peer_reference", "plot_distributions", "plot_fit",
           "plot_rater_leniency", "rater_profiles", "read_appraisals", "read_key"]


def __getattr__(name):
    if name in _LAZY:
        return getattr(import_module(f"kinerja_sim.byod.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'kinerja_sim.byod' has no attribute {name!r}")
