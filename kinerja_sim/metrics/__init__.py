"""Measurement: reliability, accuracy against the truth, rater diagnostics and calibration (SPEC 4, 5)."""
from kinerja_sim.metrics.accuracy import accuracy_components, predicate_agreement
from kinerja_sim.metrics.reliability import (ICC_FORMS, KRIPPENDORFF_LEVELS, cohen_kappa, fleiss_kappa, icc,
                                             krippendorff_alpha)

__all__ = [
    "ICC_FORMS",
    "KRIPPENDORFF_LEVELS",
    "accuracy_components",
    "cohen_kappa",
    "fleiss_kappa",
    "icc",
    "krippendorff_alpha",
    "predicate_agreement",
]
