"""Raters with configurable biases, and the simulation of their ratings (SPEC 3.2).

A rater forms an impression of each employee on each dimension from the per-period
evidence (the ``performance`` table) and reports a score on the 1–5 scale. Each bias is
one named parameter of :class:`RaterBias`, zero meaning absent, so a trainee can switch one
on and see its signature.

The bias model is a modelling choice of the kit (ASSUMPTION); its presets are calibrated
to published figures (see :data:`PRESETS` and ``tests/test_calibration.py``).

The package in modules of one job each, lowest first: :mod:`~kinerja_sim.raters.bias` (the
bias value object and its limits), :mod:`~kinerja_sim.raters.training` (frame-of-reference
training and the floor policy), :mod:`~kinerja_sim.raters.presets` (rater populations with
their sources), :mod:`~kinerja_sim.raters.kernel` (the array kernel) and
:mod:`~kinerja_sim.raters.table` (:func:`rate`, the table path).
"""

from kinerja_sim.raters.bias import BIAS_FIELDS, BIAS_LIMITS, RaterBias
from kinerja_sim.raters.kernel import apply_biases, rate_arrays, recency_weights
from kinerja_sim.raters.presets import PRESETS, RaterPopulation
from kinerja_sim.raters.table import rate
from kinerja_sim.raters.training import FLOOR_RESPONSE, TRAINING_FACTORS, kept_floor, train

__all__ = [
    "BIAS_FIELDS",
    "BIAS_LIMITS",
    "FLOOR_RESPONSE",
    "PRESETS",
    "TRAINING_FACTORS",
    "RaterBias",
    "RaterPopulation",
    "apply_biases",
    "kept_floor",
    "rate",
    "rate_arrays",
    "recency_weights",
    "train",
]
