"""Raters with configurable biases, and the simulation of their ratings (SPEC 3.2).

A rater forms an impression of each employee on each dimension from the per-period
evidence (the ``performance`` table) and reports a score on the 1–5 scale. Each bias is
one named parameter of :class:`RaterBias`, zero meaning absent, so a trainee can switch one
on and see its signature.

The bias model is a modelling choice of the kit (ASSUMPTION); its presets are calibrated
to published figures (see :data:`PRESETS` and ``tests/test_calibration.py``).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import (check_array, check_columns, check_frame, check_fraction, check_int, check_number,
                                   check_rng)
from kinerja_sim.world.dimensions import DIMENSIONS, SCALE_MAX, SCALE_MID, SCALE_MIN

__all__ = [
    "BIAS_FIELDS",
    "FLOOR_RESPONSE",
    "PRESETS",
    "TRAINING_FACTORS",
    "RaterBias",
    "RaterPopulation",
    "rate",
    "apply_biases",
    "kept_floor",
    "rate_arrays",
    "recency_weights",
    "train",
]

BIAS_FIELDS = ("leniency", "central_tendency", "halo", "recency", "contrast", "affinity",
               "idiosyncratic", "noise", "floor")

# Allowed range of each bias: (minimum, maximum, maximum is exclusive)
_LIMITS = {
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
            low, high, exclusive = _LIMITS[name]
            value = check_number(name, getattr(self, name), minimum=low, maximum=high,
                                 exclusive_maximum=exclusive)
            object.__setattr__(self, name, value)

    def to_dict(self) -> dict[str, float]:
        return dataclasses.asdict(self)


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
#:   not rating a colleague down without a written case remains (``Scenario.supervisor_population``).
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
        changed = {name: round(getattr(biases, name) * TRAINING_FACTORS[name], 12) for name in TRAINING_FACTORS}
        return RaterBias(**changed, floor=round(float(kept_floor(biases.floor, kept)), 12))
    table = check_columns("biases", biases, TRAINING_FACTORS).copy()
    for name, factor in TRAINING_FACTORS.items():
        table[name] = (table[name] * factor).round(12)
    if "floor" in table:
        table["floor"] = kept_floor(table["floor"].to_numpy(dtype=float), kept).round(12)
    table["trained"] = True
    return table


@dataclass(frozen=True)
class RaterPopulation:
    """A population of raters: the mean of each bias and its spread between raters.

    ``draw`` gives each rater ``mean + spread * z`` with z standard normal, clipped to the
    bias's allowed range. The spreads make raters differ (one lenient, another severe),
    which is what lowers agreement between raters.
    """

    name: str
    description: str
    source: str
    mean: RaterBias
    spread: dict[str, float] = field(default_factory=dict)

    def __post_init__(self):
        unknown = sorted(set(self.spread) - set(BIAS_FIELDS))
        if unknown:
            raise ValueError(f"spread has unknown bias name(s) {', '.join(unknown)}; "
                             f"expected some of {', '.join(BIAS_FIELDS)}")

    def draw(self, n: int, *, trained_share: float = 0.0, rng=None, prefix: str = "R") -> pd.DataFrame:
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
        table = pd.DataFrame({"rater_id": [f"{prefix}{i + 1:03d}" for i in range(len(trained))], "trained": trained})
        for name in BIAS_FIELDS:
            table[name] = values[name]
        return table

    def arrays(self, n: int, *, trained_share: float = 0.0, rng=None, dtype=np.float32) -> dict:
        """Bias arrays of ``n`` raters, the same raters as :meth:`draw` (no table, no ids), for :func:`rate_arrays`."""
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
            low, high, exclusive = _LIMITS[name]
            upper = np.nextafter(high, low) if exclusive else high
            values[name] = np.clip(getattr(self.mean, name) + self.spread.get(name, 0.0) * z[:, column],
                                   low, upper).round(4)
        if trained.any():
            for name, factor in TRAINING_FACTORS.items():
                values[name] = np.where(trained, (values[name] * factor).round(12), values[name])
            values["floor"] = np.where(trained, kept_floor(values["floor"], FLOOR_RESPONSE["training"]).round(12),
                                       values["floor"])
        return values, trained


_RESEARCH = RaterPopulation(
    name="research",
    description="Supervisors rating for research purposes (no administrative stake).",
    source=("Calibrated so that one rater's overall score has inter-rater reliability about "
            ".52 (Viswesvaran, Ones & Schmidt 1996; Conway & Huffcutt 1997: .50)."),
    mean=RaterBias(central_tendency=0.15, halo=0.35, recency=0.8, contrast=0.05,
                   affinity=0.15, idiosyncratic=0.32, noise=0.3),
    spread={"leniency": 0.2, "central_tendency": 0.08, "halo": 0.15, "recency": 0.6,
            "contrast": 0.04, "affinity": 0.1, "idiosyncratic": 0.05, "noise": 0.05},
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
        description=("Supervisors rating for administration (the real appraisal): the research "
                     "preset made about one third of a standard deviation more lenient."),
        source=("Research preset plus leniency (Jawahar & Williams 1997: administrative ratings "
                "about 1/3 SD more lenient); inter-rater reliability about .52."),
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
        description=("Indonesian supervisors in current practice (e-Kinerja): almost nobody is rated "
                     "below Sesuai Ekspektasi, a small share above it."),
        source=("Calibrated to BKN e-Kinerja 2022-2024 as reported by birokratmenulis.org (Sangat Baik "
                "11.27%, Baik 88.46%, bottom three 0.27%) and to inter-rater reliability about .52 "
                "(Viswesvaran, Ones & Schmidt 1996)."),
        mean=RaterBias(central_tendency=0.35, halo=0.35, recency=0.8, contrast=0.05, affinity=0.15,
                       idiosyncratic=0.18, noise=0.18, floor=2.9),
        spread={"leniency": 0.1, "central_tendency": 0.05, "halo": 0.15, "recency": 0.6, "contrast": 0.04,
                "affinity": 0.1, "idiosyncratic": 0.05, "noise": 0.05, "floor": 0.2},
    ),
    "multisource": RaterPopulation(
        name="multisource",
        description="Raters from several sources (supervisor, peers, subordinates: 360 degrees).",
        source=("Calibrated to Scullen, Mount & Goff (2000): idiosyncratic rater effects about "
                "53-62% of rating variance, ratee performance 21-25%, random error 11-18%."),
        mean=RaterBias(leniency=0.2, central_tendency=0.1, halo=0.1, recency=0.5,
                       idiosyncratic=0.78, noise=0.44),
        spread={"leniency": 0.4, "halo": 0.05, "recency": 0.3, "idiosyncratic": 0.05},
    ),
}


def _bias_table(biases) -> pd.DataFrame:
    """Normalise ``biases`` (one RaterBias, a list of them, or a table) into a raters table."""
    if isinstance(biases, RaterBias):
        biases = [biases]
    if isinstance(biases, Sequence) and not isinstance(biases, str):
        if not all(isinstance(item, RaterBias) for item in biases):
            raise TypeError("biases must be RaterBias objects, a list of them, or a DataFrame")
        table = pd.DataFrame([item.to_dict() for item in biases])
        table.insert(0, "rater_id", [f"R{i + 1:03d}" for i in range(len(biases))])
        return table
    table = check_columns("biases", biases, ("rater_id", *TRAINING_FACTORS))
    if "floor" not in table:   # raters tables written before the floor existed: no floor
        table = table.assign(floor=0.0)
    for name in BIAS_FIELDS:
        low, high, _ = _LIMITS[name]
        values = table[name].to_numpy(dtype=float)
        if not np.all((values >= low) & (values <= high)):
            raise ValueError(f"biases column {name} must be between {low} and {high}")
    if table["rater_id"].duplicated().any():
        raise ValueError("biases has duplicated rater_id values; each rater needs one row")
    return table


def _full_assignments(rater_ids, employee_ids, rng) -> pd.DataFrame:
    """Every rater rates every employee, each in an own random order."""
    n_raters, n_employees = len(rater_ids), len(employee_ids)
    order = np.argsort(rng.random((n_raters, n_employees)), axis=1).argsort(axis=1) + 1
    return pd.DataFrame({
        "rater_id": np.repeat(np.asarray(rater_ids, dtype=object), n_employees),
        "employee_id": np.tile(np.asarray(employee_ids, dtype=object), n_raters),
        "order": order.ravel(),
    })


def _level_array(performance: pd.DataFrame, employee_ids) -> np.ndarray:
    """The levels as an array (employee, dimension, period)."""
    check_columns("performance", performance, ("employee_id", "period", "dimension", "level"))
    wide = performance.pivot_table(index=["employee_id", "dimension"], columns="period",
                                   values="level", aggfunc="first")
    index = pd.MultiIndex.from_product([employee_ids, DIMENSIONS])
    wide = wide.reindex(index)
    if wide.isna().any().any():
        raise ValueError("performance must have a level for every employee, dimension and period")
    return wide.to_numpy(dtype=float).reshape(len(employee_ids), len(DIMENSIONS), -1)


def recency_weights(recency, periods: int) -> np.ndarray:
    """Period weights exp(recency (t − 1)/(P − 1)), normalised; one row per recency value.

    Examples
    --------
    >>> recency_weights([0.0, 2.0], 4).round(2)
    array([[0.25, 0.25, 0.25, 0.25],
           [0.07, 0.14, 0.27, 0.52]])
    """
    position = np.arange(periods) / max(periods - 1, 1)
    weights = np.exp(np.outer(np.atleast_1d(np.asarray(recency, dtype=float)), position))
    return weights / weights.sum(axis=1, keepdims=True)


def _impressions(levels, recency) -> np.ndarray:
    """Recency-weighted mean of the period levels: (assignment, dimension)."""
    return np.einsum("adp,ap->ad", levels, recency_weights(recency, levels.shape[2]))


def _previous_overall(assignments, overall) -> np.ndarray:
    """Overall impression of the case rated just before, in each rater's queue (3 if none)."""
    queue = np.lexsort((assignments["order"].to_numpy(), assignments["rater_id"].to_numpy()))
    previous = np.full(len(assignments), SCALE_MID)
    same_rater = assignments["rater_id"].to_numpy()[queue]
    follows = np.r_[False, same_rater[1:] == same_rater[:-1]]
    previous[queue[follows]] = overall[queue[np.flatnonzero(follows) - 1]]
    return previous


def rate(performance, biases, *, truth=None, assignments=None, rng=None) -> pd.DataFrame:
    """Simulate the scores that raters with the given biases give.

    Parameters
    ----------
    performance : DataFrame
        Per-period levels: ``employee_id``, ``period``, ``dimension``, ``level`` (every
        employee needs all eight dimensions and the same periods).
    biases : RaterBias, list of RaterBias, or DataFrame
        The raters. A list gets ids ``R001``, ``R002``, ...; a table needs ``rater_id`` and
        the eight bias columns.
    truth : DataFrame, optional
        ``employee_id``, ``dimension``, ``true_score``; when given, ``true_score`` is added.
    assignments : DataFrame, optional
        Who rates whom: ``rater_id``, ``employee_id``, optionally ``order`` (position in
        the rater's queue, for contrast) and ``affinity_match`` (bool). By default every
        rater rates every employee, each in an own random order, without affinity.
    rng : None, int or numpy.random.Generator
        Source of randomness.

    Returns
    -------
    DataFrame
        One row per rater, employee and dimension: ``rater_id``, ``employee_id``,
        ``dimension``, ``order``, ``score`` (1–5, two decimals) and, with ``truth``,
        ``true_score``.

    Notes
    -----
    For rater r and employee e, with period levels L[e, d, t] (SPEC 3.2):

    1. impression I[d] = sum_t w_t L[e, d, t], w_t ∝ exp(recency (t − 1)/(P − 1));
    2. halo: I[d] ← (1 − halo) I[d] + halo · mean_d I[d];
    3. central tendency: I[d] ← 3 + (1 − central_tendency)(I[d] − 3);
    4. contrast: I[d] ← I[d] − contrast · (O_prev − 3), O_prev the previous case's overall
       impression;
    5. score = I[d] + leniency + affinity · match + u[r, e] + ε[r, e, d], with
       u ~ N(0, idiosyncratic²), ε ~ N(0, noise²), clipped to 1–5;
    6. floor: score ← max(score, floor).

    Steps 2–6 are :func:`apply_biases`, shared with :func:`rate_arrays`.

    Examples
    --------
    >>> import kinerja_sim
    >>> ds = kinerja_sim.generate(n_offices=1, rng=7)
    >>> ratings = rate(ds.performance, RaterBias(leniency=0.5), truth=ds.truth(), rng=7)
    >>> bool((ratings["score"] - ratings["true_score"]).mean() > 0.3)
    True
    """
    rng = check_rng(rng)
    check_frame("performance", performance, ("employee_id", "period", "dimension", "level"),
                ids=("employee_id", "dimension", "period"), finite=("level",),
                unique=("employee_id", "dimension", "period"))
    if isinstance(biases, Sequence) and not isinstance(biases, str) and len(biases) == 0:
        raise ValueError("biases must hold at least one rater (a RaterBias), got an empty list")
    if isinstance(biases, pd.DataFrame):
        check_frame("biases", biases, ("rater_id",), ids=("rater_id",))
    if truth is not None:
        check_frame("truth", truth, ("employee_id", "dimension", "true_score"), ids=("employee_id", "dimension"),
                    finite=("true_score",), unique=("employee_id", "dimension"))
    if assignments is not None:
        check_frame("assignments", assignments, ("rater_id", "employee_id"), ids=("rater_id", "employee_id"))
    table = _bias_table(biases)
    employee_ids = pd.unique(performance["employee_id"])
    if assignments is None:
        assignments = _full_assignments(table["rater_id"].to_numpy(), employee_ids, rng)
    assignments = _prepare_assignments(assignments, table, employee_ids, rng)
    params = table.set_index("rater_id").loc[assignments["rater_id"], list(BIAS_FIELDS)]
    param = {name: params[name].to_numpy(dtype=float) for name in BIAS_FIELDS}

    employee_index = pd.Index(employee_ids).get_indexer(assignments["employee_id"])
    impression = _impressions(_level_array(performance, employee_ids)[employee_index],
                              param["recency"])
    scores = apply_biases(impression, param, previous=lambda overall: _previous_overall(assignments, overall),
                          affinity_match=assignments["affinity_match"].to_numpy(dtype=float), rng=rng)
    scores = scores.round(2)
    return _ratings_frame(assignments, scores, truth)


def _prepare_assignments(assignments, table, employee_ids, rng) -> pd.DataFrame:
    assignments = check_columns("assignments", assignments, ("rater_id", "employee_id")).copy()
    unknown = set(assignments["rater_id"]) - set(table["rater_id"])
    if unknown:
        raise ValueError(f"assignments names rater(s) without biases: {', '.join(sorted(map(str, unknown))[:5])}")
    missing = set(assignments["employee_id"]) - set(employee_ids)
    if missing:
        raise ValueError(f"assignments names employee(s) without performance: {', '.join(sorted(map(str, missing))[:5])}")
    if "order" not in assignments:
        keys = rng.random(len(assignments))
        queue = np.lexsort((keys, assignments["rater_id"].to_numpy()))
        ranks = np.empty(len(assignments), dtype=np.int64)
        ranks[queue] = np.arange(len(assignments))
        assignments["order"] = ranks - _group_start(assignments["rater_id"].to_numpy(), queue) + 1
    if "affinity_match" not in assignments:
        assignments["affinity_match"] = False
    return assignments.reset_index(drop=True)


def _group_start(rater_ids, queue) -> np.ndarray:
    """For each row, the queue position where its rater's block starts."""
    sorted_ids = rater_ids[queue]
    starts = np.r_[0, np.flatnonzero(sorted_ids[1:] != sorted_ids[:-1]) + 1]
    block_start = np.repeat(starts, np.diff(np.r_[starts, len(queue)]))
    result = np.empty(len(queue), dtype=np.int64)
    result[queue] = block_start
    return result


def _ratings_frame(assignments, scores, truth) -> pd.DataFrame:
    n_dims = len(DIMENSIONS)
    ratings = pd.DataFrame({
        "rater_id": np.repeat(assignments["rater_id"].to_numpy(dtype=object), n_dims),
        "employee_id": np.repeat(assignments["employee_id"].to_numpy(dtype=object), n_dims),
        "dimension": np.tile(np.asarray(DIMENSIONS, dtype=object), len(assignments)),
        "order": np.repeat(assignments["order"].to_numpy(dtype=np.int64), n_dims),
        "score": scores.ravel(),
    })
    for column in ("rater_id", "employee_id", "dimension"):
        ratings[column] = ratings[column].astype(str)
    if truth is not None:
        check_columns("truth", truth, ("employee_id", "dimension", "true_score"))
        ratings = ratings.merge(truth[["employee_id", "dimension", "true_score"]],
                                on=["employee_id", "dimension"], how="left", validate="many_to_one")
    return ratings


def rate_arrays(truth, bias, *, rater, periods: int = 4, affinity_match=None,
                evidence_noise: float = 1.0, rng) -> np.ndarray:
    """The model of :func:`rate` on whole arrays, for millions of employees (the policy path).

    Parameters
    ----------
    truth : array, shape (n, 8)
        True annual values per employee and dimension (float32 saves memory).
    bias : mapping
        The bias names of :class:`RaterBias` -> array of shape (R,), one value per rater
        (``floor`` may be missing: no floor).
    rater : array of int, shape (n,)
        The rater of each employee. A rater's employees must be consecutive rows, in the
        order of the rater's queue (the order matters for contrast only).
    periods : int
        Evaluation periods of the evidence.
    affinity_match : array of bool, shape (n,), optional
        Employee shares the rater's attribute (similar-to-me); default none.
    evidence_noise : float
        Multiplies the trend and period fluctuation of the evidence (1 = ``kinerja_sim.world.evidence``).
    rng : numpy.random.Generator

    Returns
    -------
    ndarray of shape (n, 8), the dtype of ``truth``
        Scores in whole hundredths (100–500): ``score = value / 100``, as :func:`rate`
        rounds to two decimals.

    Notes
    -----
    The steps of :func:`rate`, with the impression drawn without materialising periods:
    the levels are ``true + trend (pos_t − 1/2) + ε_t`` with ``ε_t ~ N(0, period_sd²)``
    (``kinerja_sim.world.evidence``), so the recency-weighted impression ``Σ w_t L_t`` is, given
    the truth, Gaussian with mean ``true`` and two independent parts: a shift common to all
    dimensions (the trend, sd ``trend_sd |Σ w_t (pos_t − 1/2)|``) and a part per dimension
    (sd ``period_sd sqrt(Σ w_t²)``). That noise is not drawn here but handed to
    :func:`apply_biases` (``pending``), which draws it together with the rating error: 10
    normal numbers per employee instead of 18, the same distribution. The clipping of
    period levels to 1–5 is not modelled (it touches levels beyond the scale ends only).
    ``tests/test_policy_lean.py`` checks that both paths give the same distribution of
    scores.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> truth = np.full((3, 8), 3.2, dtype=np.float32)
    >>> zero = {name: np.zeros(1) for name in BIAS_FIELDS}
    >>> rate_arrays(truth, zero, rater=np.zeros(3, int), evidence_noise=0.0, rng=rng)[:, 0].tolist()
    [320.0, 320.0, 320.0]
    """
    from kinerja_sim.world.evidence import EVIDENCE

    check_array("truth", truth, ndim=2, columns=len(DIMENSIONS), kind="f")
    rater = check_array("rater", rater, ndim=1, kind="iu", rows=len(truth))
    missing = [name for name in BIAS_FIELDS if name not in bias and name != "floor"]   # floor is optional
    if missing:
        raise ValueError(f"bias lacks {', '.join(missing)}; expected the RaterBias names")
    for name in BIAS_FIELDS:
        if name in bias:
            check_array(f"bias[{name!r}]", bias[name], ndim=1, kind="iuf")
    if len(rater) and not (0 <= rater.min() and rater.max() < len(bias[BIAS_FIELDS[0]])):
        raise ValueError(f"rater must hold row numbers of the bias arrays (0 to {len(bias[BIAS_FIELDS[0]]) - 1}), "
                         f"got {rater.min()} to {rater.max()}")
    periods = check_int("periods", periods, minimum=2)
    evidence_noise = check_number("evidence_noise", evidence_noise, minimum=0.0)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy Generator, got {type(rng).__name__}")
    dtype = truth.dtype.type
    rater = np.asarray(rater)
    b = {name: np.asarray(bias[name], dtype=dtype) for name in BIAS_FIELDS if name in bias}
    weights = recency_weights(b["recency"], periods)
    position = np.arange(periods) / max(periods - 1, 1) - 0.5
    loading, scale = (weights @ position).astype(dtype), np.sqrt((weights**2).sum(axis=1)).astype(dtype)
    shared = (dtype(EVIDENCE["trend_sd"] * evidence_noise) * np.abs(loading))[rater]
    spread = (dtype(EVIDENCE["period_sd"] * evidence_noise) * scale)[rater]
    impression = np.array(truth, dtype=dtype, order="F")   # a column per dimension: per-case factors broadcast fast
    param = {name: values[rater] for name, values in b.items() if name != "recency"}
    match = None if affinity_match is None else np.asarray(affinity_match, dtype=dtype)
    impression = apply_biases(impression, param, previous=lambda overall: _previous_in_queue(overall, rater),
                              affinity_match=match, pending=(shared, spread), rng=rng)
    impression *= 100
    return np.rint(impression, out=impression)


def apply_biases(impression, bias, *, previous, affinity_match=None, pending=None, rng) -> np.ndarray:
    """The bias kernel: steps 2–6 of :func:`rate` on impressions, in place.

    Parameters
    ----------
    impression : ndarray, shape (n, 8)
        Each case's impression per dimension (recency already applied); overwritten.
    bias : mapping
        Bias name -> array of shape (n,), the rater's value for each case. ``floor``
        may be missing (no floor).
    previous : callable
        ``previous(overall)`` -> the overall impression of the case each rater rated just
        before (``SCALE_MID`` for a rater's first case), from the overall impressions.
    affinity_match : array of shape (n,), optional
        1 where the employee shares the rater's origin.
    pending : (array, array) of shape (n,) each, optional
        Gaussian noise that the impressions still lack, as ``(shared, spread)``: a shift
        common to all dimensions with sd ``shared`` and an independent part per dimension
        with sd ``spread`` (:func:`rate_arrays`: the evidence's trend and period
        fluctuation). It is drawn here with the rating error, exactly in distribution:
        the per-dimension part splits into its mean over the dimensions, which moves the
        overall impression, and the deviations from that mean, which are independent of
        it; after halo and central tendency the deviations and the error sum to ``α w +
        (noise − α) mean(w)`` for standard normal ``w`` and ``α = sqrt(noise² + a²)``,
        ``a = (1 − central_tendency)(1 − halo) spread``. One normal per case for the
        common part and the eight of the error, instead of nine more.
    rng : numpy.random.Generator
        Draws, with ``pending``, the common part (n); then the idiosyncratic effect (n)
        and the error (n, 8), in the impression's dtype.

    Returns
    -------
    ndarray
        ``impression``, now the scores (1–5, not rounded).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> zero = {name: np.zeros(2) for name in BIAS_FIELDS}
    >>> scores = apply_biases(np.full((2, 8), 2.0), {**zero, "floor": np.array([0.0, 2.9])},
    ...                       previous=lambda overall: overall, rng=rng)
    >>> scores[:, 0].tolist()
    [2.0, 2.9]
    """
    dtype = impression.dtype.type
    width = impression.shape[1]
    overall = impression @ np.full(width, 1 / width, dtype=dtype)
    halo, central = bias["halo"], bias["central_tendency"]
    moved = halo * overall
    if pending is not None:
        shared, spread = pending
        common = np.sqrt(shared * shared + spread * spread / width).astype(dtype)
        common *= rng.standard_normal(len(impression), dtype=dtype)
        overall = overall + common
        moved += common
    impression *= (1 - halo)[:, None]
    impression += moved[:, None]
    impression -= dtype(SCALE_MID)
    impression *= (1 - central)[:, None]
    shift = bias["leniency"] - bias["contrast"] * (previous(overall) - dtype(SCALE_MID))
    if affinity_match is not None:
        shift = shift + bias["affinity"] * affinity_match
    shift = shift + bias["idiosyncratic"] * rng.standard_normal(len(impression), dtype=dtype)
    impression += (shift + dtype(SCALE_MID))[:, None]
    noise = bias["noise"]
    if pending is None:
        error = rng.standard_normal(impression.shape, dtype=dtype)
        error *= noise[:, None]
    else:   # in the layout of rate_arrays' impressions (a column per dimension)
        error = rng.standard_normal((width, len(impression)), dtype=dtype).T
        carried = (1 - central) * (1 - halo) * spread
        alpha = np.sqrt(noise * noise + carried * carried).astype(dtype)
        mean_error = error @ np.full(width, 1 / width, dtype=dtype)
        error *= alpha[:, None]
        error += ((noise - alpha) * mean_error)[:, None]
    impression += error
    np.clip(impression, SCALE_MIN, SCALE_MAX, out=impression)
    floor = bias.get("floor")
    if floor is not None and np.any(floor > SCALE_MIN):
        np.maximum(impression, floor.astype(dtype)[:, None], out=impression)
    return impression


def _previous_in_queue(overall, rater) -> np.ndarray:
    """Overall impression of the case rated just before in the same rater's queue (3 if first)."""
    previous = np.empty_like(overall)
    previous[1:] = overall[:-1]
    previous[np.r_[True, rater[1:] != rater[:-1]]] = SCALE_MID
    return previous
