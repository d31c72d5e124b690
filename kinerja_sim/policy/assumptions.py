"""The ASSUMPTIONs behind every policy answer, with the range each could plausibly take.

A policy answer of the kit ("calibration committees create 6.8 % Sangat Kurang") rests on
model choices that no regulation fixes and no Indonesian data measures. Each such choice is
an :class:`Assumption` here: where it lives in the code, its default, the range over which
the sensitivity study (:mod:`kinerja_sim.policy.sensitivity`) varies it, and the source or
the reasoning for that range. :func:`apply_assumptions` turns a set of values into a changed
:class:`~kinerja_sim.policy.Scenario` (its own fields, or a changed copy of its rater
population): no module constant is ever changed.

Examples
--------
>>> from kinerja_sim.policy.scenario import Scenario
>>> [a.name for a in active_assumptions(Scenario())]
['share_truly_below', 'practice_floor', 'tpp_cut', 'tpp_base', 'tukin_cut', 'tukin_base']
>>> changed = apply_assumptions(Scenario(calibration=True), {"floor_response_calibration": 0.8})
>>> changed.rater_population.floor_response["calibration"]
0.8
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from kinerja_sim.policy.scenario import DEFAULT_TPP_BASE, Scenario
from kinerja_sim.raters import FLOOR_RESPONSE, PRESETS, TRAINING_FACTORS
from kinerja_sim.world.dimensions import SCALE_MAX, SCALE_MIN
from kinerja_sim.world.truth import TRUTH, truth_array

__all__ = [
    "ASSUMPTIONS",
    "Assumption",
    "active_assumptions",
    "apply_assumptions",
    "assumption_table",
    "mean_for_share_below",
    "share_below",
    "tukin_for",
]


@dataclass(frozen=True)
class Assumption:
    """One model choice a policy answer depends on, and the range the study varies it over.

    ``where`` names the code that holds the default; ``applies`` says whether the choice can
    matter in a scenario (training factors do not when nobody is trained); ``source`` is the
    source of the range or its ASSUMPTION reasoning. Labels are in the message catalogue
    (``sensitivity.assumption.<name>``).
    """

    name: str
    default: float
    low: float
    high: float
    where: str
    source: str
    applies: Callable[[Scenario], bool]

    def __post_init__(self):
        if not self.low <= self.default <= self.high:
            raise ValueError(
                f"assumption {self.name!r}: default {self.default} must lie in [{self.low}, "
                f"{self.high}]"
            )


def _always(scenario) -> bool:
    return True


def _has_floor(scenario) -> bool:
    return scenario.rater_population.mean.floor > 0


def _trained(scenario) -> bool:
    return scenario.trained_share > 0


def _calibrated(scenario) -> bool:
    return scenario.calibration


def _multisource(scenario) -> bool:
    return scenario.raters_per_employee > 1 and _has_floor(scenario)


# Grid of the mean true performance over which the share truly below expectation is tabulated.
_MEANS = np.round(np.arange(2.4, 3.61, 0.025), 3)


@lru_cache(maxsize=1)
def _share_table() -> np.ndarray:
    """Share truly below expectation at each mean of ``_MEANS`` (100,000 people, fixed stream).

    One workforce is drawn at the kit's mean and shifted to each mean of the grid (then
    clipped to the scale again), so the table is monotone; its Monte Carlo error is about
    0.15 percentage point.
    """
    from kinerja_sim.rules import load

    rules = load("permenpanrb-6-2022")
    rng = np.random.default_rng(2022)
    effect = TRUTH["office_sd"] * rng.standard_normal(100_000)
    base = truth_array(effect, rng=rng)
    shares = []
    for mean in _MEANS:
        truth = np.clip(base + (mean - TRUTH["mean"]), SCALE_MIN, SCALE_MAX)
        below = (rules.rating_codes(truth[:, 0]) == 0) | (
            rules.rating_codes(truth[:, 1:].mean(axis=1)) == 0
        )
        shares.append(below.mean())
    return np.array(shares)


def share_below(mean: float) -> float:
    """Share of employees truly below expectation when the mean true performance is ``mean``.

    "Truly below expectation": the true Hasil Kerja or the true Perilaku Kerja (mean of the
    seven BerAKHLAK values) rated Di Bawah Ekspektasi by the PermenPAN-RB 6/2022 rule set,
    so the true predicate is Butuh Perbaikan, Kurang/Misconduct or Sangat Kurang.

    Examples
    --------
    >>> round(share_below(TRUTH["mean"]), 2)
    0.27
    """
    return float(np.interp(mean, _MEANS, _share_table()))


def mean_for_share_below(share: float) -> float:
    """The mean true performance at which ``share`` of employees are truly below expectation.

    Examples
    --------
    >>> round(mean_for_share_below(share_below(3.1)), 2)
    3.1
    """
    table = _share_table()
    if not table[-1] <= share <= table[0]:
        raise ValueError(
            f"share_truly_below must be between {table[-1]:.3f} and {table[0]:.3f}, got {share}"
        )
    return float(np.interp(share, table[::-1], _MEANS[::-1]))


_PRAKTIK_FLOOR = PRESETS["praktik"].mean.floor

#: Every ASSUMPTION the sensitivity study varies, in the order it reports them.
ASSUMPTIONS = (
    Assumption(
        "share_truly_below",
        share_below(TRUTH["mean"]),
        0.15,
        0.40,
        "kinerja_sim.world.truth.TRUTH['mean'] (Scenario.true_mean)",
        "ASSUMPTION: no survey measures true performance of ASN. The kit's truth (mean 3.0, "
        "sd 0.6 on the 1-5 scale) puts about 27% truly below expectation; the range runs "
        "from 15%, close to the bottom 10-15% that forced-distribution systems presume "
        "(Scullen, Bergey & Aiman-Smith 2005 simulate the bottom 10%), to 40%, a workforce "
        "where the weakest two in five fall short of their SKP. The national e-Kinerja "
        "shares are observed, so a lower truth comes with raters as much more lenient "
        "(leniency shifted by the change of the mean truth times 1 - central tendency): "
        "the rated status quo stays matched and only what lies behind it changes.",
        _always,
    ),
    Assumption(
        "practice_floor",
        _PRAKTIK_FLOOR,
        2.7,
        3.1,
        "kinerja_sim.raters.PRESETS['praktik'].mean.floor (Scenario.raters)",
        "Calibrated to BKN e-Kinerja 2022-2024 (bottom three predicates 0.27%); the range is "
        "plus or minus one between-rater sd of the floor (0.2), the values at which the "
        "status quo still gives under about 1% below Baik (ASSUMPTION).",
        _has_floor,
    ),
    Assumption(
        "floor_response_calibration",
        FLOOR_RESPONSE["calibration"],
        0.0,
        1.0,
        "kinerja_sim.raters.FLOOR_RESPONSE['calibration'] (RaterPopulation.floor_response)",
        "ASSUMPTION, no Indonesian data: how much of the floor remains once a Tim Penilai "
        "Kinerja checks scores against documents; anything from none (0: the committee "
        "removes the floor) to all of it (1: supervisors keep avoiding low scores).",
        _calibrated,
    ),
    Assumption(
        "calibration_strength",
        0.5,
        0.25,
        0.75,
        "Scenario.calibration_strength",
        "ASSUMPTION: the share of a rater's mean deviation a committee removes; half, give "
        "or take a quarter (committees that barely move scores to ones that nearly align).",
        _calibrated,
    ),
    Assumption(
        "training_effect",
        1.0,
        0.5,
        1.5,
        "kinerja_sim.raters.TRAINING_FACTORS (RaterPopulation.training_factors)",
        "Multiplies each bias reduction of frame-of-reference training (1 - factor). The "
        "factors give d = 0.5 on differential accuracy (Roch et al. 2012, ASSUMPTION near "
        "their mean); half to one and a half times that spans d of about 0.25-0.75, the "
        "spread of the studies they pool.",
        _trained,
    ),
    Assumption(
        "floor_response_training",
        FLOOR_RESPONSE["training"],
        0.5,
        1.0,
        "kinerja_sim.raters.FLOOR_RESPONSE['training'] (RaterPopulation.floor_response)",
        "The floor is a motivated choice, not a skill error (Murphy & Cleveland 1995; Spence "
        "& Keeping 2011), so training keeps it (1); down to half of it if training also "
        "changes what raters dare to write (ASSUMPTION).",
        _trained,
    ),
    Assumption(
        "floor_response_multisource",
        FLOOR_RESPONSE["multisource"],
        0.5,
        1.0,
        "kinerja_sim.raters.FLOOR_RESPONSE['multisource'] (RaterPopulation.floor_response)",
        "Peers and subordinates rating for administration are lenient too (Greguras, Robie, "
        "Schleicher & Goff 2003): they keep the floor (1), or half of it if they feel less "
        "bound than the supervisor (ASSUMPTION).",
        _multisource,
    ),
    Assumption(
        "tpp_cut",
        1.0,
        0.5,
        1.5,
        "kinerja_sim.policy.scenario.DEFAULT_TPP (Scenario.tpp)",
        "TPP is set by each regional head's regulation; there is no national table (SPEC "
        "2.1). Multiplies the cut below full TPP of each predicate (Butuh Perbaikan 20%, "
        "Kurang 40%, Sangat Kurang 60% by default): half to one and a half times as steep "
        "(ASSUMPTION).",
        _always,
    ),
    Assumption(
        "tpp_base",
        DEFAULT_TPP_BASE,
        1_500_000.0,
        4_000_000.0,
        "kinerja_sim.policy.scenario.DEFAULT_TPP_BASE (Scenario.tpp_base)",
        "Base TPP per employee per month: an example (ASSUMPTION); regional TPP differs "
        "several-fold between regions, Rp1.5-4 million spans the common middle.",
        _always,
    ),
    Assumption(
        "tukin_cut",
        1.0,
        0.0,
        1.5,
        "kinerja_sim/data/insentif.yaml tukin.share (kinerja_sim.policy.incentives.tukin_mapping)",
        "Multiplies the cut below full tunjangan kinerja of each predicate (Butuh Perbaikan "
        "10%, Kurang/Misconduct 15%, Sangat Kurang 20%: Permen LHK 6/2024 Pasal 19, one "
        "ministry's rule taken for every central agency). The rules differ per agency: Perban "
        "Bakamla 1/2023 Pasal 11 cuts 0%, 1% and 2%, about a tenth of LHK's, so the range "
        "starts at 0 (no cut); the upper end, cuts half as steep again (15%, 22.5%, 30%), is "
        "an ASSUMPTION for agencies stricter than LHK.",
        _always,
    ),
    Assumption(
        "tukin_base",
        4_500_000.0,
        3_000_000.0,
        6_000_000.0,
        "kinerja_sim/data/insentif.yaml tukin.base (kinerja_sim.policy.incentives.tukin_mapping)",
        "Tunjangan kinerja per employee per month: an ASSUMPTION about the middle of the kelas "
        "jabatan 7-9 amounts in the ministries' Perpres tables, roughly Rp3-6 million a month; "
        "the range is that span.",
        _always,
    ),
)

#: Assumptions that price a run without changing how anybody is rated (the sensitivity
#: study prices one simulation again instead of simulating it again).
PRICE_ONLY = ("tpp_cut", "tpp_base", "tukin_cut", "tukin_base")

_BY_NAME = {a.name: a for a in ASSUMPTIONS}


def active_assumptions(scenario: Scenario, names=None) -> tuple[Assumption, ...]:
    """The assumptions that can change an answer of ``scenario`` (or those ``names``, checked)."""
    if names is None:
        return tuple(a for a in ASSUMPTIONS if a.applies(scenario))
    unknown = [n for n in names if n not in _BY_NAME]
    if unknown:
        raise ValueError(
            f"unknown assumption(s) {', '.join(unknown)}; expected some of {', '.join(_BY_NAME)}"
        )
    return tuple(_BY_NAME[n] for n in dict.fromkeys(names))


def _population(scenario: Scenario, values: Mapping, true_mean: float | None):
    population = scenario.rater_population
    changes, mean = {}, {}
    if "practice_floor" in values and population.mean.floor > 0:
        mean["floor"] = float(values["practice_floor"])
    if true_mean is not None:
        # the observed e-Kinerja shares stay matched: raters are as much more lenient as
        # the truth is lower, after their central tendency shrinks the truth's shift
        # (ASSUMPTION, see ASSUMPTIONS["share_truly_below"])
        kept = 1 - population.mean.central_tendency
        mean["leniency"] = population.mean.leniency + kept * (scenario.true_mean - true_mean)
    if mean:
        changes["mean"] = dataclasses.replace(population.mean, **mean)
    responses = {
        key: float(values[f"floor_response_{key}"])
        for key in FLOOR_RESPONSE
        if f"floor_response_{key}" in values
    }
    if responses:
        changes["floor_response"] = {**population.floor_response, **responses}
    if "training_effect" in values:
        effect = float(values["training_effect"])
        changes["training_factors"] = {
            name: float(np.clip(1 - effect * (1 - TRAINING_FACTORS[name]), 0.0, 1.0))
            for name in TRAINING_FACTORS
        }
    return dataclasses.replace(population, **changes) if changes else population


def apply_assumptions(scenario: Scenario, values: Mapping) -> Scenario:
    """``scenario`` with the assumptions set to ``values`` (name -> value).

    Each value goes where the model reads it: ``true_mean``, ``calibration_strength``,
    ``tpp`` and ``tpp_base`` of the scenario, and a changed copy of its rater population
    (floor, floor responses, training factors). A changed share truly below expectation
    moves the mean truth and, by the opposite amount, the raters' leniency, so the rated
    status quo still matches the national figures it is calibrated to.
    """
    active_assumptions(scenario, list(values))  # names checked
    changes = {}
    if "share_truly_below" in values:
        changes["true_mean"] = mean_for_share_below(float(values["share_truly_below"]))
    if "calibration_strength" in values:
        changes["calibration_strength"] = float(values["calibration_strength"])
    if "tpp_cut" in values:
        cut = float(values["tpp_cut"])
        changes["tpp"] = {p: max(0.0, 1 - cut * (1 - share)) for p, share in scenario.tpp.items()}
    if "tpp_base" in values:
        changes["tpp_base"] = float(values["tpp_base"])
    # tukin_cut and tukin_base leave the scenario as it is (it has no tukin field): the
    # sensitivity study prices the central offices with tukin_for(values)
    population = _population(scenario, values, changes.get("true_mean"))
    if population is not scenario.rater_population:
        changes["raters"] = population
    return scenario.replace(**changes) if changes else scenario


def tukin_for(values: Mapping) -> tuple[dict, float]:
    """The tunjangan kinerja mapping (share per predicate, base per month) under ``values``:
    ``tukin_cut`` times each cut of ``insentif.yaml`` (a share never below 0) and
    ``tukin_base``; the documented mapping for what ``values`` leaves out.

    Examples
    --------
    >>> shares, base = tukin_for({"tukin_cut": 0.5, "tukin_base": 3e6})
    >>> round(shares["Butuh Perbaikan"], 3), round(shares["Sangat Kurang"], 3), base
    (0.95, 0.9, 3000000.0)
    """
    from kinerja_sim.policy.incentives import tukin_mapping

    shares, base = tukin_mapping()
    cut = float(values.get("tukin_cut", 1.0))
    shares = {p: max(0.0, 1 - cut * (1 - share)) for p, share in shares.items()}
    return shares, float(values.get("tukin_base", base))


def assumption_table(scenario: Scenario | None = None, lang=None):
    """The assumptions as a table: ``assumption``, ``label``, ``default``, ``low``, ``high``,
    ``active`` (whether it can matter in ``scenario``), ``where``, ``source``."""
    import pandas as pd

    from kinerja_sim._core.i18n import t

    scenario = scenario or Scenario()
    return pd.DataFrame(
        [
            {
                "assumption": a.name,
                "label": t(f"sensitivity.assumption.{a.name}", lang),
                "default": a.default,
                "low": a.low,
                "high": a.high,
                "active": a.applies(scenario),
                "where": a.where,
                "source": a.source,
            }
            for a in ASSUMPTIONS
        ]
    )
