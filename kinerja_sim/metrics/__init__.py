"""Measurement: reliability, accuracy against the truth, rater diagnostics and calibration (SPEC 4,
5).

Examples
--------
>>> from kinerja_sim import metrics
>>> "icc" in metrics.__all__ and "rater_profile" in metrics.__all__
True
"""

from kinerja_sim.metrics.accuracy import accuracy_components, predicate_agreement
from kinerja_sim.metrics.calibration import CalibrationResult, calibrate
from kinerja_sim.metrics.diagnostics import BIASES, FlagThresholds, rater_profile, recency_weights
from kinerja_sim.metrics.reliability import (
    ICC_FORMS,
    KRIPPENDORFF_LEVELS,
    DegenerateDataWarning,
    cohen_kappa,
    fleiss_kappa,
    icc,
    kappa_from_table,
    krippendorff_alpha,
)

__all__ = [
    "BIASES",
    "ICC_FORMS",
    "KRIPPENDORFF_LEVELS",
    "CalibrationResult",
    "DegenerateDataWarning",
    "FlagThresholds",
    "accuracy_components",
    "calibrate",
    "cohen_kappa",
    "fleiss_kappa",
    "icc",
    "kappa_from_table",
    "krippendorff_alpha",
    "predicate_agreement",
    "rater_profile",
    "recency_weights",
]
