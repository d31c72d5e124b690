"""Rater populations and the presets calibrated to published figures, each with its source.

A :class:`RaterPopulation` is the mean of each bias and its spread between raters;
:data:`PRESETS` are the kit's populations (``tests/test_calibration.py`` checks them
against the figures their ``source`` names).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_fraction, check_int, check_rng
from kinerja_sim.raters.bias import BIAS_FIELDS, BIAS_LIMITS, RaterBias
from kinerja_sim.raters.training import FLOOR_RESPONSE, TRAINING_FACTORS, kept_floor

__all__ = ["PRESETS", "RaterPopulation"]


@dataclass(frozen=True)
class RaterPopulation:
    """A population of raters: the mean of each bias and its spread between raters.

    ``draw`` gives each rater ``mean + spread * z`` with z standard normal, clipped to the
    bias's allowed range. The spreads make raters differ (one lenient, another severe),
    which is what lowers agreement between raters.

    ``training_factors`` (default :data:`TRAINING_FACTORS`) and ``floor_response`` (default
    :data:`FLOOR_RESPONSE`) say how these raters respond to training, to 360-degree rating
    and to a calibration committee; both are ASSUMPTIONs, varied over their documented
    ranges by ``kinerja_sim.policy.sensitivity`` through a changed copy of the population.
    """

    name: str
    description: str
    source: str
    mean: RaterBias
    spread: dict[str, float] = field(default_factory=dict)
    training_factors: Mapping = field(default_factory=lambda: dict(TRAINING_FACTORS))
    floor_response: Mapping = field(default_factory=lambda: dict(FLOOR_RESPONSE))

    def __post_init__(self):
        unknown = sorted(set(self.spread) - set(BIAS_FIELDS))
        if unknown:
            raise ValueError(
                f"spread has unknown bias name(s) {', '.join(unknown)}; "
                f"expected some of {', '.join(BIAS_FIELDS)}"
            )
        for name, expected in (
            ("training_factors", TRAINING_FACTORS),
            ("floor_response", FLOOR_RESPONSE),
        ):
            value = getattr(self, name)
            if not isinstance(value, Mapping) or set(value) != set(expected):
                raise ValueError(
                    f"{name} must map exactly {', '.join(expected)} to a share (0-1), got {value!r}"
                )
            shares = {key: check_fraction(f"{name}[{key!r}]", value[key]) for key in expected}
            object.__setattr__(self, name, shares)

    def draw(
        self, n: int, *, trained_share: float = 0.0, rng=None, prefix: str = "R"
    ) -> pd.DataFrame:
        """Draw ``n`` raters, a random ``trained_share`` of them given training (:func:`train`).

        Returns a table with ``rater_id``, ``trained`` and the bias columns. Draws, in
        this order: one standard normal per rater and bias of :data:`TRAINING_FACTORS`,
        one for the floor if the population's floor varies, one uniform number per rater
        if ``trained_share`` > 0; so a population without a floor draws the same raters as
        before the floor existed, and training changes only the trained raters.

        Examples
        --------
        >>> raters = PRESETS["supervisory"].draw(3, rng=1)
        >>> list(raters.columns)[:3]
        ['rater_id', 'trained', 'leniency']
        >>> int(PRESETS["supervisory"].draw(100, trained_share=1.0, rng=1)["trained"].sum())
        100
        """
        values, trained = self._draw(n, trained_share, rng)
        table = pd.DataFrame(
            {"rater_id": [f"{prefix}{i + 1:03d}" for i in range(len(trained))], "trained": trained}
        )
        for name in BIAS_FIELDS:
            table[name] = values[name]
        return table

    def arrays(self, n: int, *, trained_share: float = 0.0, rng=None, dtype=np.float32) -> dict:
        """Bias arrays of ``n`` raters, the same raters as :meth:`draw` (no table, no ids), for
        :func:`rate_arrays`.
        """
        values, _ = self._draw(n, trained_share, rng)
        return {name: values[name].astype(dtype) for name in BIAS_FIELDS}

    def _draw(self, n, trained_share, rng):
        n = check_int("n", n, minimum=0)
        trained_share = check_fraction("trained_share", trained_share)
        rng = check_rng(rng)
        z = rng.standard_normal((n, len(TRAINING_FACTORS)))
        floor_z = rng.standard_normal(n) if self.spread.get("floor", 0.0) > 0 else np.zeros(n)
        z = np.column_stack([z, floor_z])
        trained = rng.random(n) < trained_share if trained_share > 0 else np.zeros(n, dtype=bool)
        values = {}
        for column, name in enumerate(BIAS_FIELDS):
            low, high, exclusive = BIAS_LIMITS[name]
            upper = np.nextafter(high, low) if exclusive else high
            values[name] = np.clip(
                getattr(self.mean, name) + self.spread.get(name, 0.0) * z[:, column], low, upper
            ).round(4)
        if trained.any():
            for name, factor in self.training_factors.items():
                values[name] = np.where(trained, (values[name] * factor).round(12), values[name])
            values["floor"] = np.where(
                trained,
                kept_floor(values["floor"], self.floor_response["training"]).round(12),
                values["floor"],
            )
        return values, trained


_RESEARCH = RaterPopulation(
    name="research",
    description="Supervisors rating for research purposes (no administrative stake).",
    source=(
        "Calibrated so that one rater's overall score has inter-rater reliability about "
        ".52 (Viswesvaran, Ones & Schmidt 1996; Conway & Huffcutt 1997: .50)."
    ),
    mean=RaterBias(
        central_tendency=0.15,
        halo=0.35,
        recency=0.8,
        contrast=0.05,
        affinity=0.15,
        idiosyncratic=0.32,
        noise=0.3,
    ),
    spread={
        "leniency": 0.2,
        "central_tendency": 0.08,
        "halo": 0.15,
        "recency": 0.6,
        "contrast": 0.04,
        "affinity": 0.1,
        "idiosyncratic": 0.05,
        "noise": 0.05,
    },
)

PRESETS = {
    "ideal": RaterPopulation(
        name="ideal",
        description="A rater without bias or error: scores are the evidence-weighted impression.",
        source="Reference point of the kit.",
        mean=RaterBias(),
    ),
    "research": _RESEARCH,
    # The real appraisal is administrative: the research preset shifted by leniency alone.
    "supervisory": dataclasses.replace(
        _RESEARCH,
        name="supervisory",
        description=(
            "Supervisors rating for administration (the real appraisal): the research "
            "preset made about one third of a standard deviation more lenient."
        ),
        source=(
            "Research preset plus leniency (Jawahar & Williams 1997: administrative ratings "
            "about 1/3 SD more lenient); inter-rater reliability about .52."
        ),
        mean=dataclasses.replace(_RESEARCH.mean, leniency=0.2),
    ),
    # Current Indonesian practice (issue #12): the national e-Kinerja figures give
    # Sangat Baik about 11%, Baik about 88% and the three bottom predicates together under
    # 0.3%. Two parameters carry it (kinerja_sim.studies.validation.practice_report checks it):
    # - the floor (mean 2.9, sd 0.2 between raters) carries the bottom: a supervisor
    #   gives no dimension a score below their floor, so "Di Bawah Ekspektasi" (below 2.5)
    #   comes only from the few raters whose floor lies under 2.5;
    # - central tendency (0.35) carries the top: "Sesuai Ekspektasi" is the default answer,
    #   "Di Atas" is given when the evidence clearly stands out.
    # The floor is the leniency of practice (the constant shift is 0): it lifts the
    # weakest quarter, which puts the mean about 1/3 SD above research ratings, as
    # Jawahar & Williams (1997) found for administrative ratings. With everyone anchored
    # on "Sesuai", raters differ less in leniency (spread 0.1) and in idiosyncratic
    # liking and error (0.18 each) than in the research preset, which keeps the
    # agreement between two raters' scores at ICC(1,1) about .5 (ASSUMPTION: the split of
    # error between these terms is not observed, only the result is calibrated).
    "praktik": RaterPopulation(
        name="praktik",
        description=(
            "Indonesian supervisors in current practice (e-Kinerja): almost nobody is rated "
            "below Sesuai Ekspektasi, a small share above it."
        ),
        source=(
            "Calibrated to BKN e-Kinerja 2022-2024 as reported by birokratmenulis.org (Sangat Baik "
            "11.27%, Baik 88.46%, bottom three 0.27%) and to inter-rater reliability about .52 "
            "(Viswesvaran, Ones & Schmidt 1996)."
        ),
        mean=RaterBias(
            central_tendency=0.35,
            halo=0.35,
            recency=0.8,
            contrast=0.05,
            affinity=0.15,
            idiosyncratic=0.18,
            noise=0.18,
            floor=2.9,
        ),
        spread={
            "leniency": 0.1,
            "central_tendency": 0.05,
            "halo": 0.15,
            "recency": 0.6,
            "contrast": 0.04,
            "affinity": 0.1,
            "idiosyncratic": 0.05,
            "noise": 0.05,
            "floor": 0.2,
        },
    ),
    "multisource": RaterPopulation(
        name="multisource",
        description="Raters from several sources (supervisor, peers, subordinates: 360 degrees).",
        source=(
            "Calibrated to Scullen, Mount & Goff (2000): idiosyncratic rater effects about "
            "53-62% of rating variance, ratee performance 21-25%, random error 11-18%."
        ),
        mean=RaterBias(
            leniency=0.2,
            central_tendency=0.1,
            halo=0.1,
            recency=0.5,
            idiosyncratic=0.78,
            noise=0.44,
        ),
        spread={"leniency": 0.4, "halo": 0.05, "recency": 0.3, "idiosyncratic": 0.05},
    ),
}
