"""One chunk of the national path: employees of a group of offices, rated and appraised.

``simulate_chunk`` draws the employees of the offices of one chunk (truth, position,
supervisor, peers), their scores, ratings and predicates under a scenario, and returns
one row per office with counts (no per-employee table survives the chunk), plus the
5 × 5 table of true against given predicates. Everything is whole-array numpy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_rng
from kinerja_sim.policy.population import SPAN
from kinerja_sim.raters import rate_arrays
from kinerja_sim.rules import PREDICATES, RATINGS, grouped
from kinerja_sim.world.offices import ASAL_SHARE, JENJANG, JENJANG_SHARE, categorical, office_kinds
from kinerja_sim.world.truth import truth_array

__all__ = [
    "COUNT_COLUMNS",
    "ChunkResult",
    "Workforce",
    "appraise",
    "appraise_scored",
    "count_columns",
    "is_scored",
    "joint_columns",
    "simulate_chunk",
]

_K = len(PREDICATES)
OUTCOME_KEYS = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
_NEGATIVE = np.array([p not in ("Sangat Baik", "Baik") for p in PREDICATES])


@dataclass(frozen=True)
class ChunkResult:
    """Per-office outcome counts of one chunk and its 5 × 5 confusion table (true × given)."""

    offices: pd.DataFrame
    confusion: np.ndarray


@lru_cache(maxsize=1)
def _fungsional_share(kinds: tuple) -> np.ndarray:
    """Share of functional positions among staff of each office kind (``office_kinds.yaml``)."""
    spec = office_kinds()
    return np.array(
        [sum(p["share"] for p in spec[k]["positions"] if p["type"] == "fungsional") for k in kinds]
    )


def _rating_lookup(rule_set, numerator, denominator: int) -> np.ndarray:
    """Rating codes of ``numerator / denominator`` through the rule set, via a table of distinct
    values."""
    low, high = int(numerator.min()), int(numerator.max())
    grid = np.arange(low, high + 1) / denominator
    table = rule_set.rating_codes(grid)  # codes in RATINGS order, no label strings
    return table[numerator - low]


def _predicate_table(rule_set) -> np.ndarray:
    """3 × 3 predicate codes: rows the hasil kerja rating, columns the perilaku rating."""
    rows, cols = np.meshgrid(RATINGS, RATINGS, indexing="ij")
    labels = rule_set.predicate(rows.ravel(), cols.ravel())
    return pd.Index(PREDICATES).get_indexer(labels).reshape(3, 3).astype(np.int8)


def _predicate_codes(
    rule_set, table, hasil, hasil_scale: int, perilaku, perilaku_scale: int
) -> np.ndarray:
    """Predicate codes (int64) of scores ``hasil / hasil_scale`` and
    ``perilaku / perilaku_scale``."""
    cell = _rating_lookup(rule_set, hasil, hasil_scale).astype(np.intp)
    cell *= 3
    cell += _rating_lookup(rule_set, perilaku, perilaku_scale)
    return np.take(table.ravel().astype(np.int64), cell)


def _score_sums(
    office, groups: int, hasil, hasil_scale: float, perilaku, perilaku_scale: float
) -> np.ndarray:
    """Per office, the sum of the appraisal score
    ``(hasil / hasil_scale + perilaku / perilaku_scale) / 2``.

    Summed from the whole-number parts (one pass each), not from a per-employee score.
    """
    return (
        np.bincount(office, weights=hasil, minlength=groups) / hasil_scale
        + np.bincount(office, weights=perilaku, minlength=groups) / perilaku_scale
    ) / 2


def _layout(sizes):
    """Office of each employee, their supervisor (rater) index and the number of raters."""
    office = np.repeat(np.arange(len(sizes)), sizes)
    start = np.cumsum(sizes) - sizes
    position = np.arange(int(sizes.sum())) - start[office]
    per_office = -(-sizes // SPAN)
    rater = (np.cumsum(per_office) - per_office)[office] + position // SPAN
    return office, rater, int(per_office.sum())


def _positions(kind_code, kinds, rng):
    """Functional position (bool) and jenjang code (0..3) per employee, from the office kind."""
    fungsional = rng.random(len(kind_code)) < _fungsional_share(tuple(kinds))[kind_code]
    jenjang = categorical(JENJANG_SHARE, len(kind_code), rng=rng)
    return fungsional, jenjang


def _scores(scenario, truth, rater, n_raters, streams, *, keep_behaviour=False):
    """Hasil kerja (hundredths), the perilaku numerator over ``700 × raters_per_employee`` and,
    with ``keep_behaviour``, the seven BerAKHLAK scores (hundredths) summed over the raters."""
    origin = categorical(ASAL_SHARE, n_raters, rng=streams[0])
    supervisors = scenario.supervisor_population.arrays(
        n_raters, trained_share=scenario.trained_share, rng=streams[0]
    )  # last: training draws at the end
    match = categorical(ASAL_SHARE, len(rater), rng=streams[1]) == origin[rater]
    options = dict(periods=scenario.periods, evidence_noise=scenario.evidence_noise)
    scores = rate_arrays(
        truth, supervisors, rater=rater, affinity_match=match, rng=streams[1], **options
    )
    hasil = scores[:, 0].astype(np.int32)
    perilaku = _behaviour_sum(scores)
    behaviour = scores[:, 1:].copy() if keep_behaviour else None
    n = len(rater)
    for _ in range(scenario.raters_per_employee - 1):
        others = scenario.peer_population.arrays(
            n, trained_share=scenario.trained_share, rng=streams[2]
        )
        peer_scores = rate_arrays(truth, others, rater=np.arange(n), rng=streams[2], **options)
        perilaku += _behaviour_sum(peer_scores)
        if keep_behaviour:
            behaviour += peer_scores[:, 1:]
    return hasil, perilaku, behaviour


def _behaviour_sum(values, scale: float = 1.0) -> np.ndarray:
    """Sum of the seven BerAKHLAK columns (whole numbers after ``scale``), as int32.

    ``einsum`` is several times faster than ``sum(axis=1)`` on narrow rows and, unlike a
    matrix product, starts no BLAS threads; float32 holds these sums (below 2**24) exactly,
    or to 1e-3 before rounding.
    """
    total = np.einsum("ed,d->e", values[:, 1:], np.ones(values.shape[1] - 1, dtype=values.dtype))
    return np.rint(total * scale).astype(np.int32)


# How closely the documented results (capaian IKI, records of behaviour) that a calibration
# committee reviews follow true performance: sd per employee in scale points (ASSUMPTION).
DOCUMENTATION_SD = 0.3


def _calibrate(scenario, people, hasil, perilaku, rng):
    """The committee removes a share of the gap between each rater's mean and a reference.

    Reference ``"evidence"``: the mean documented result of the rater's team (the true
    composite plus documentation error); ``"kabupaten"``: the kabupaten's mean score.
    """
    k = scenario.raters_per_employee
    composite = (hasil / 100.0 + perilaku / (700.0 * k)) / 2
    rater, n_raters = people.rater, int(people.rater.max()) + 1
    per_rater = np.maximum(np.bincount(rater, minlength=n_raters), 1)
    rater_mean = np.bincount(rater, weights=composite, minlength=n_raters) / per_rater
    if scenario.calibration_reference == "evidence":
        documented = (
            people.true_hasil / 1000.0 + people.true_perilaku / 7000.0
        ) / 2 + DOCUMENTATION_SD * rng.standard_normal(len(rater))
        reference = (np.bincount(rater, weights=documented, minlength=n_raters) / per_rater)[rater]
    else:
        kab = np.unique(people.kabupaten, return_inverse=True)[1].ravel()
        reference = (np.bincount(kab, weights=composite) / np.bincount(kab))[kab]
    shift = -scenario.calibration_strength * (rater_mean[rater] - reference)
    hasil = np.clip(np.rint(hasil + 100 * shift), 100, 500).astype(np.int32)
    perilaku = np.clip(np.rint(perilaku + 700 * k * shift), 700 * k, 3500 * k).astype(np.int32)
    return hasil, perilaku


@dataclass(frozen=True)
class Workforce:
    """Who is appraised, one entry per employee (arrays of length n) and per office.

    ``office`` (codes 0..G−1), ``rater`` (supervisor codes 0..R−1, a rater's employees
    consecutive for the lean path), ``kabupaten`` (codes), ``true_hasil`` (true Hasil Kerja
    in thousandths), ``true_perilaku`` (sum of the seven true BerAKHLAK values in
    thousandths), ``fungsional`` (bool), ``jenjang`` (codes of ``world.JENJANG``);
    per office: ``office_id`` and ``organisation`` (the organisation predicate).
    """

    office: np.ndarray
    rater: np.ndarray
    kabupaten: np.ndarray
    true_hasil: np.ndarray
    true_perilaku: np.ndarray
    fungsional: np.ndarray
    jenjang: np.ndarray
    office_id: np.ndarray
    organisation: np.ndarray


def simulate_chunk(offices: pd.DataFrame, kinds, scenario, *, rng) -> ChunkResult:
    """Simulate the employees of ``offices`` (rows of an ``OfficePlan``) under ``scenario``.

    Parameters
    ----------
    offices : DataFrame
        Rows of ``OfficePlan.offices`` (one chunk).
    kinds : sequence of str
        The plan's office kinds (order of the ``kind`` codes).
    scenario : Scenario
    rng : numpy.random.Generator or SeedSequence
        The chunk's own stream.

    Returns
    -------
    ChunkResult
        ``offices``: ``office_id`` and the columns of :data:`COUNT_COLUMNS`;
        ``confusion``: 5 × 5 counts, rows the true predicate, columns the given one.
    """
    world, raters, ratings, extra, committee, ideas = check_rng(rng).spawn(6)
    office, rater, n_raters = _layout(offices["size"].to_numpy())
    effect = offices["office_effect"].to_numpy()[office]
    truth = truth_array(effect, rng=world, dtype=np.float32, mean=scenario.true_mean)
    fungsional, jenjang = _positions(offices["kind"].cat.codes.to_numpy()[office], kinds, world)
    scored = is_scored(scenario.rule_set)
    hasil, perilaku, behaviour = _scores(
        scenario, truth, rater, n_raters, (raters, ratings, extra), keep_behaviour=scored
    )
    people = Workforce(
        office=office,
        rater=rater,
        kabupaten=offices["kabupaten_id"].to_numpy()[office],
        true_hasil=np.rint(truth[:, 0] * 1000).astype(np.int32),
        true_perilaku=_behaviour_sum(truth, 1000.0),
        fungsional=fungsional,
        jenjang=jenjang,
        office_id=offices["office_id"].to_numpy(),
        organisation=offices["organisation_predicate"].to_numpy(dtype=object),
    )
    if scored:
        return appraise_scored(
            scenario, people, hasil, perilaku, behaviour, truth, rng=committee, idea_rng=ideas
        )
    del truth
    return appraise(scenario, people, hasil, perilaku, rng=committee)


def is_scored(rule_set) -> bool:
    """Whether the rule set scores a final value (PP 46/2011, PP 30/2019) rather than a matrix."""
    return rule_set.regime in ("pp-46-2011", "pp-30-2019")


def appraise(scenario, people: Workforce, hasil, perilaku, *, rng=None) -> ChunkResult:
    """Calibration, ratings, predicates, the curve and the outcome counts from scores.

    Parameters
    ----------
    scenario : Scenario
    people : Workforce
    hasil : array of int, shape (n,)
        The supervisor's Hasil Kerja score in hundredths.
    perilaku : array of int, shape (n,)
        Sum over raters and the seven BerAKHLAK values of the scores in hundredths
        (``scenario.raters_per_employee`` raters).
    rng : numpy.random.Generator, optional
        For the documentation error a calibration committee sees.

    Returns
    -------
    ChunkResult
    """
    rs = scenario.rule_set
    k = scenario.raters_per_employee
    if scenario.calibration:
        hasil, perilaku = _calibrate(scenario, people, hasil, perilaku, check_rng(rng))
    table = _predicate_table(rs)
    given = _predicate_codes(rs, table, hasil, 100, perilaku, 700 * k)
    true = _predicate_codes(rs, table, people.true_hasil, 1000, people.true_perilaku, 7000)
    groups = len(people.office_id)
    final, feasible = given, np.ones(groups, dtype=bool)
    if scenario.enforce_curve:
        rated_score = (hasil / 100.0 + perilaku / (700.0 * k)) / 2
        final, feasible = grouped.enforce(
            rs, people.office, given, rated_score, people.organisation
        )
    tpp = np.array([scenario.tpp[p] for p in PREDICATES]) * scenario.tpp_base * 12
    ak = rs.angka_kredit(np.repeat(PREDICATES, len(JENJANG)), np.tile(JENJANG, _K)).reshape(_K, -1)
    sums = (
        _score_sums(people.office, groups, people.true_hasil, 1000.0, people.true_perilaku, 7000.0),
        _score_sums(people.office, groups, hasil, 100.0, perilaku, 700.0 * k),
    )
    counts, confusion = _office_counts(
        people,
        groups,
        OUTCOME_KEYS,
        true,
        final,
        given,
        sums,
        negative=_NEGATIVE,
        tpp=tpp,
        ak=ak,
        feasible=feasible,
    )
    return ChunkResult(counts, confusion)


def appraise_scored(
    scenario, people: Workforce, hasil, perilaku, behaviour, truth, *, rng=None, idea_rng=None
) -> ChunkResult:
    """Appraisal under a score-based regime (PP 46/2011, PP 30/2019): values, categories, counts.

    Parameters
    ----------
    scenario : Scenario
    people : Workforce
    hasil, perilaku : arrays of int, shape (n,)
        As in :func:`appraise`.
    behaviour : array of float, shape (n, 7)
        The BerAKHLAK scores in hundredths, summed over ``scenario.raters_per_employee`` raters.
    truth : array of float, shape (n, 8)
        True values per dimension (the same mapping gives the true category).
    rng : numpy.random.Generator, optional
        For the calibration committee's documentation error.
    idea_rng : numpy.random.Generator, optional
        What the regime adds beyond the scores (``scored.draw_extras``): PP 30/2019 new
        ideas, PP 46/2011 tugas tambahan and kreativitas.

    Returns
    -------
    ChunkResult
        Counts per category of the regime (``n_<category>``, ``n_true_<category>``), the
        outcome columns of :func:`appraise`, ``sum_score`` and ``sum_score_sq`` (the final
        value and its square, summed per office); the confusion table in the regime's
        category order.
    """
    from kinerja_sim.policy.scored import category_keys, draw_extras, regime_values
    from kinerja_sim.rules._scored import predicate_codes_2022

    rs = scenario.rule_set
    k = scenario.raters_per_employee
    if scenario.calibration:
        calibrated_hasil, calibrated = _calibrate(scenario, people, hasil, perilaku, check_rng(rng))
        behaviour = behaviour + ((calibrated - perilaku) / 7.0)[:, None]
        hasil, perilaku = calibrated_hasil, calibrated
    n = len(hasil)
    options = dict(draw_extras(rs, n, rng=idea_rng), with_360=k > 1)
    value, given = regime_values(rs, hasil / 100.0, behaviour / (100.0 * k), **options)
    _, true = regime_values(rs, truth[:, 0], truth[:, 1:], **options)
    given, true = given.astype(np.int64), true.astype(np.int64)
    labels = rs.labels
    equivalent = predicate_codes_2022(rs)  # category -> 6/2022 predicate (ASSUMPTION)
    negative = _NEGATIVE[equivalent]
    tpp = np.array([scenario.tpp[PREDICATES[c]] for c in equivalent]) * scenario.tpp_base * 12
    coefficients = scenario.coefficients
    ak = np.array(
        [
            [rs.angka_kredit_percentage(label) * coefficients.get(j, np.nan) for j in JENJANG]
            for label in labels
        ]
    )
    groups = len(people.office_id)
    sums = (
        _score_sums(people.office, groups, people.true_hasil, 1000.0, people.true_perilaku, 7000.0),
        _score_sums(people.office, groups, hasil, 100.0, perilaku, 700.0 * k),
    )
    counts, confusion = _office_counts(
        people,
        groups,
        category_keys(labels),
        true,
        given,
        given,
        sums,
        negative=negative,
        tpp=tpp,
        ak=ak,
        feasible=np.ones(groups, dtype=bool),
    )
    counts["sum_score"] = np.bincount(people.office, weights=value, minlength=groups)
    counts["sum_score_sq"] = np.bincount(people.office, weights=value * value, minlength=groups)
    counts["curve_feasible"] = counts.pop("curve_feasible")  # last, as in every regime
    return ChunkResult(counts, confusion)


def joint_columns(keys=OUTCOME_KEYS) -> list:
    """Columns of the joint table per office: ``n_<true>__<rated>`` for every pair of categories.

    ``rated`` is what the scenario's rules give (after the curve, where it is applied).

    Examples
    --------
    >>> joint_columns(("baik", "kurang"))
    ['n_baik__baik', 'n_baik__kurang', 'n_kurang__baik', 'n_kurang__kurang']
    """
    return [f"n_{true}__{rated}" for true in keys for rated in keys]


def count_columns(keys=OUTCOME_KEYS) -> list:
    """The count columns of a chunk for categories with these keys (see :data:`COUNT_COLUMNS`).

    ``tpp_cost_before_curve`` prices the predicates the raters gave before the curve (equal to
    ``tpp_cost`` where no curve is applied); the ``n_<true>__<rated>`` columns of
    :func:`joint_columns` come last.
    """
    return (
        ["n"]
        + [f"n_{k}" for k in keys]
        + [f"n_true_{k}" for k in keys]
        + [
            "n_agree",
            "n_true_top",
            "n_top_rated_top",
            "n_true_not_negative",
            "n_wrong_negative",
            "sum_true_score",
            "sum_rated_score",
            "tpp_cost",
            "n_fungsional",
            "angka_kredit",
            "n_curve_changed",
            "tpp_cost_before_curve",
        ]
        + joint_columns(keys)
    )


# The count columns of PermenPAN-RB 6/2022; other regimes: count_columns(keys)
COUNT_COLUMNS = count_columns(OUTCOME_KEYS)


def _office_counts(people, groups, keys, true, final, given, sums, *, negative, tpp, ak, feasible):
    """Per office: ``office_id``, the columns of :func:`count_columns` for categories ``keys``
    (codes
    0 = best) and ``curve_feasible``; and the category × category confusion table (true × final).

    ``sums`` holds the per-office sums of the true and of the rated score (:func:`_score_sums`);
    ``negative`` (per category), ``tpp`` (Rupiah per year per category) and ``ak`` (category ×
    jenjang angka kredit) price and judge each category; ``feasible`` says per office whether the
    curve could be met.

    Every count comes from two tables built with one ``bincount`` each: office × true × final
    category, and, for functional positions, office × final category × jenjang (one pass over
    the employees each, instead of one pass per column).
    """
    office, size = people.office, len(keys)
    joint = np.bincount((office * size + true) * size + final, minlength=groups * size * size)
    joint = joint.reshape(groups, size, size)  # office, true, final
    rated, truly = (
        np.einsum("gtf->gf", joint),
        np.einsum("gtf->gt", joint),
    )  # einsum: 5x faster than sum()
    levels = ak.shape[1]
    functional = np.bincount(
        ((office * size + final) * levels + people.jenjang)[people.fungsional],
        minlength=groups * size * levels,
    ).reshape(groups, size, levels)
    not_negative = ~negative
    out = {"office_id": people.office_id, "n": rated.sum(axis=1)}
    out.update({f"n_{key}": rated[:, j] for j, key in enumerate(keys)})
    out.update({f"n_true_{key}": truly[:, j] for j, key in enumerate(keys)})
    out.update(
        {
            "n_agree": np.trace(joint, axis1=1, axis2=2),
            "n_true_top": truly[:, 0],
            "n_top_rated_top": joint[:, 0, 0],
            "n_true_not_negative": truly[:, not_negative].sum(axis=1),
            "n_wrong_negative": joint[:, not_negative][:, :, negative].sum(axis=(1, 2)),
            "sum_true_score": sums[0],
            "sum_rated_score": sums[1],
            "tpp_cost": rated @ np.asarray(tpp, dtype=float),
            "n_fungsional": functional.sum(axis=(1, 2)),
            "angka_kredit": np.where(
                functional > 0, functional * np.asarray(ak, dtype=float), 0.0
            ).sum(axis=(1, 2)),
            "n_curve_changed": (
                np.zeros(groups, dtype=np.int64)
                if final is given
                else np.bincount(office, weights=final != given, minlength=groups)
            ),
            "tpp_cost_before_curve": (
                None
                if final is given
                else np.bincount(
                    office, weights=np.asarray(tpp, dtype=float)[given], minlength=groups
                )
            ),
            "curve_feasible": feasible,
        }
    )
    if out["tpp_cost_before_curve"] is None:
        out["tpp_cost_before_curve"] = out["tpp_cost"]
    pairs = joint.reshape(groups, size * size)
    out.update({name: pairs[:, j] for j, name in enumerate(joint_columns(keys))})
    out["curve_feasible"] = out.pop("curve_feasible")  # last
    integer = {c for c in count_columns(keys) if c == "n" or c.startswith("n_")}
    frame = pd.DataFrame(
        {
            name: values.astype(np.int64, copy=False) if name in integer else values
            for name, values in out.items()
        },
        copy=False,
    )  # one astype per array, not pandas'
    return frame, joint.sum(axis=0)
