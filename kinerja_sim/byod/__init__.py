"""Bring your own data: the parts behind :mod:`kinerja_sim.io` and :mod:`kinerja_sim.fit`.

- :mod:`~kinerja_sim.byod.files`: reading CSV and Excel exports into text rows with row numbers;
- :mod:`~kinerja_sim.byod.schema`: the column mapping, label normalisation and row checks;
- :mod:`~kinerja_sim.byod.pseudonym`: keyed pseudonyms (HMAC-SHA256);
- :mod:`~kinerja_sim.byod.analysis`: distributions per unit, raters against peers, curve per unit;
- :mod:`~kinerja_sim.byod.plots`: figures of the above and of the fit;
- :mod:`~kinerja_sim.byod.cli`: ``kinerja-sim import``.

The public entry point is :func:`kinerja_sim.io.read_appraisals`.
"""
from kinerja_sim.byod.analysis import curve_checks, distributions, peer_reference, rater_profiles
from kinerja_sim.byod.plots import plot_distributions, plot_fit, plot_rater_leniency

__all__ = ["curve_checks", "distributions", "peer_reference", "plot_distributions", "plot_fit",
           "plot_rater_leniency", "rater_profiles"]
