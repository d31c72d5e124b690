"""The biases of one rater (SPEC 3.2): :class:`RaterBias`, its field names and their limits.

Each bias is one named parameter, zero meaning absent, so a trainee can switch one on and
see its signature. The bias model is a modelling choice of the kit (ASSUMPTION).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from kinerja_sim._core.validate import check_number

__all__ = ["BIAS_FIELDS", "BIAS_LIMITS", "RaterBias"]

BIAS_FIELDS = (
    "leniency",
    "central_tendency",
    "halo",
    "recency",
    "contrast",
    "affinity",
    "idiosyncratic",
    "noise",
    "floor",
)

#: Allowed range of each bias: (minimum, maximum, maximum is exclusive).
BIAS_LIMITS = {
    "leniency": (-2.0, 2.0, False),
    "central_tendency": (0.0, 1.0, True),
    "halo": (0.0, 1.0, False),
    "recency": (0.0, 10.0, False),
    "contrast": (0.0, 1.0, True),
    "affinity": (-2.0, 2.0, False),
    "idiosyncratic": (0.0, 2.0, False),
    "noise": (0.0, 2.0, False),
    "floor": (0.0, 5.0, False),
}


@dataclass(frozen=True)
class RaterBias:
    """The biases of one rater; every field zero means an unbiased, noiseless rater.

    Parameters
    ----------
    leniency : float
        Constant shift of every score, in scale points (negative: severity). -2 to 2.
    central_tendency : float
        Share by which scores shrink toward the middle of the scale (3). 0 to below 1.
    halo : float
        Share by which each dimension is pulled toward the rater's overall impression of
        the person (the mean over the eight dimensions). 0 to 1.
    recency : float
        Weight of late periods of evidence: period t of P gets weight
        ``exp(recency * (t - 1) / (P - 1))``. 0 (equal weights) to 10.
    contrast : float
        Share of the previous case's deviation (its overall impression minus 3)
        subtracted from the current case. 0 to below 1.
    affinity : float
        Shift, in scale points, for employees who share the rater's ``asal_daerah``
        (similar-to-me). -2 to 2.
    idiosyncratic : float
        Standard deviation of a rater × employee liking effect shared by all dimensions.
    noise : float
        Standard deviation of independent error on each score.
    floor : float
        The administrative floor: the lowest score, on the 1–5 scale, the rater gives on
        any dimension (scores below it are raised to it); 0 (or anything up to 1) means
        no floor. A floor near 3 is the practice of Indonesian supervisors, who almost
        never rate below "Sesuai Ekspektasi" (``PRESETS["praktik"]``). 0 to 5.

    Examples
    --------
    >>> RaterBias(leniency=0.5).leniency
    0.5
    >>> RaterBias(halo=1.5)
    Traceback (most recent call last):
    ...
    ValueError: halo must be between 0.0 and 1.0, got 1.5
    """

    leniency: float = 0.0
    central_tendency: float = 0.0
    halo: float = 0.0
    recency: float = 0.0
    contrast: float = 0.0
    affinity: float = 0.0
    idiosyncratic: float = 0.0
    noise: float = 0.0
    floor: float = 0.0

    def __post_init__(self):
        for name in BIAS_FIELDS:
            low, high, exclusive = BIAS_LIMITS[name]
            value = check_number(
                name, getattr(self, name), minimum=low, maximum=high, exclusive_maximum=exclusive
            )
            object.__setattr__(self, name, value)

    def to_dict(self) -> dict[str, float]:
        return dataclasses.asdict(self)
