"""Frame-of-reference training and how interventions act on the administrative floor.

:data:`TRAINING_FACTORS` (what training does to each pattern bias) and
:data:`FLOOR_RESPONSE` (what training, multi-source rating and calibration do to the
floor) are the policy choices here, each with its source or marked ASSUMPTION.
"""

from __future__ import annotations

import numpy as np

from kinerja_sim._core.validate import check_columns
from kinerja_sim.raters.bias import RaterBias
from kinerja_sim.world.dimensions import SCALE_MIN

__all__ = ["FLOOR_RESPONSE", "TRAINING_FACTORS", "kept_floor", "train"]


# Frame-of-reference training (Bernardin & Buckley 1981; meta-analysis Roch et al. 2012):
# raters learn a shared theory of performance with anchored examples. ASSUMPTION: each
# bias is multiplied by the factor below. The factors on the pattern biases are calibrated
# so that Cronbach's differential accuracy improves by about d = 0.5 between trained and
# untrained supervisors (tests/test_calibration.py); halving leniency and affinity, which
# do not touch differential accuracy, is a further ASSUMPTION. The floor is not a skill
# error and is handled by :data:`FLOOR_RESPONSE`.
TRAINING_FACTORS = {
    "leniency": 0.5,
    "central_tendency": 0.875,
    "halo": 0.875,
    "recency": 0.875,
    "contrast": 0.875,
    "affinity": 0.5,
    "idiosyncratic": 0.9,
    "noise": 0.925,
}

#: How each intervention acts on the administrative floor: the share of the floor's height
#: above the scale minimum that remains (1 = the floor stays, 0 = it is gone). This choice
#: decides every policy answer about the bottom predicates, so it is named here.
#:
#: - ``training`` 1.0 (ASSUMPTION, with sources): the floor is a motivated choice, not a
#:   skill deficit. Raters who know the standard still avoid a low rating when it costs
#:   the employee TPP and the rater a conflict (Murphy & Cleveland 1995, *Understanding
#:   Performance Appraisal*; Harris 1994, rater motivation model; Spence & Keeping 2011,
#:   conscious rating distortion); frame-of-reference training teaches the standard
#:   (Roch et al. 2012), so it moves the pattern biases of :data:`TRAINING_FACTORS` only.
#: - ``multisource`` 1.0 (ASSUMPTION, with source): peers and subordinates rating for an
#:   administrative purpose are lenient too (Greguras, Robie, Schleicher & Goff 2003), so
#:   360-degree raters in current practice carry the same floor as supervisors.
#: - ``calibration`` 0.5 (ASSUMPTION, no Indonesian data): supervisors who know that a
#:   calibration committee (Tim Penilai Kinerja) checks their scores against the
#:   documented results keep half of the floor's height above the scale minimum (a floor
#:   of 2.9 becomes 1.95): they give the low scores the documents support, yet the norm of
#:   not rating a colleague down without a written case remains
#:   (``Scenario.supervisor_population``).
FLOOR_RESPONSE = {"training": 1.0, "multisource": 1.0, "calibration": 0.5}


def kept_floor(floor, kept):
    """The floor after an intervention keeps the share ``kept`` of its height above 1.

    A floor of 0 (none) stays 0.

    Examples
    --------
    >>> float(kept_floor(2.9, 0.5)), float(kept_floor(0.0, 0.5))
    (1.95, 0.0)
    """
    floor = np.asarray(floor, dtype=float)
    return np.where(floor > SCALE_MIN, SCALE_MIN + kept * (floor - SCALE_MIN), floor)


def train(biases):
    """Apply frame-of-reference training: each bias shrinks by :data:`TRAINING_FACTORS`.

    The floor keeps ``FLOOR_RESPONSE["training"]`` of its height (:func:`kept_floor`).

    Parameters
    ----------
    biases : RaterBias or DataFrame
        One rater, or a raters table holding the bias columns (other columns are
        kept; a ``trained`` column is set to True).

    Returns
    -------
    RaterBias or DataFrame
        The trained rater(s).

    Examples
    --------
    >>> train(RaterBias(leniency=0.6, halo=0.5)).leniency
    0.3
    >>> train(RaterBias(floor=2.9)).floor
    2.9
    """
    kept = FLOOR_RESPONSE["training"]
    if isinstance(biases, RaterBias):
        changed = {
            name: round(getattr(biases, name) * TRAINING_FACTORS[name], 12)
            for name in TRAINING_FACTORS
        }
        return RaterBias(**changed, floor=round(float(kept_floor(biases.floor, kept)), 12))
    table = check_columns("biases", biases, TRAINING_FACTORS).copy()
    for name, factor in TRAINING_FACTORS.items():
        table[name] = (table[name] * factor).round(12)
    if "floor" in table:
        table["floor"] = kept_floor(table["floor"].to_numpy(dtype=float), kept).round(12)
    table["trained"] = True
    return table
