"""Exercise 02_nilai_berkas_kasus: score case files, then see how far each score is from what the
file shows.

A trainee scores each case on Hasil Kerja and the seven BerAKHLAK values (1–5). The cases are
of two kinds:

- *bersama* (shared): the same cases for everyone in the workshop (seed of the workshop, see
  :func:`kinerja_sim.training.exercises.workshop_seed`), so the facilitator can show the spread of
  the group's scores per case and the group's reliability;
- *pribadi* (own): fresh cases from the trainee's seed, new ones with every attempt.

Feedback per case compares each score with the *reference score* of the case (what an ideal
rater would give from exactly the evidence of its file, :mod:`kinerja_sim.cases.reference`) and
reports two distances apart: the *reading error* (score − reference: what training fixes, the
basis of ``correct`` and of the case score) and the *evidence gap* (reference − latent truth:
what the file could not show, a lesson about documentation and the dialog kinerja, never
counted against the trainee). The "why" is the file: the counts of every period, positive and
negative, and the achievement of every period, with an argument whose direction is the sign of
the reading error (never evidence that points the trainee's way as the reason).
Across the cases scored so far, :func:`summary` gives Cronbach's accuracy components
(:func:`kinerja_sim.metrics.accuracy_components`, against the reference) and, from three cases,
the trainee's bias profile (:func:`kinerja_sim.metrics.diagnostics.rater_profile`). The case
score saved is ``max(0, 1 − RMSE / 2)`` with RMSE the root mean squared reading error over the
eight dimensions (ASSUMPTION: a readable 0–1 score; 2 scale points off everywhere gives 0).

Typed scores go through :func:`parse_score`: a decimal comma or point ("4,2" = "4.2" = 4.2);
a score outside the scale (7, −3) is refused with a message naming the dimension, never
moved to the nearest end of the scale. Every threshold named in the feedback (the bands of
indicator achievement, the predicate) comes from the rule set in force (``rules``).
"""

from __future__ import annotations

import numbers
import warnings
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from kinerja_sim import rules
from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_rng
from kinerja_sim.cases.answers import CaseAnswer
from kinerja_sim.cases.casefile import practice_cases
from kinerja_sim.cases.reference import employee_rows, reference_behaviour, reference_scores
from kinerja_sim.dataset import Dataset
from kinerja_sim.metrics import accuracy_components
from kinerja_sim.metrics.diagnostics import rater_profile
from kinerja_sim.training.exercises._common import Feedback, parse_number, workshop_seed
from kinerja_sim.world.dimensions import (
    BERAKHLAK,
    DIMENSION_LABELS,
    DIMENSIONS,
    RESULT,
    SCALE_MAX,
    SCALE_MIN,
)
from kinerja_sim.world.evidence import achievement, period_name

__all__ = [
    "EXERCISE",
    "Case",
    "CaseSet",
    "answer_of",
    "case_score",
    "check_scores",
    "make_cases",
    "parse_score",
    "parse_scores",
    "quarter_achievement",
    "quarter_counts",
    "ratings_table",
    "summary",
    "supported_predicates",
]

EXERCISE = "02_nilai_berkas_kasus"
CLOSE = 0.5  # a score within half a scale point of the reference counts as close (ASSUMPTION)
FAR = 0.75  # reading errors from this size are explained with the evidence


@dataclass(frozen=True)
class Case:
    """One case to score: ``item_id`` (stable: the same shared case has the same id for
    every trainee), ``kind`` ("bersama" or "pribadi"), the world ``seed`` and ``employee_id``."""

    item_id: str
    kind: str
    seed: int
    employee_id: str


@dataclass
class CaseSet:
    """The cases of one trainee, with the worlds they come from (by seed)."""

    cases: list[Case]
    worlds: dict[int, Dataset] = field(repr=False)

    def case(self, item_id: str) -> Case:
        for case in self.cases:
            if case.item_id == item_id:
                return case
        raise ValueError(f"item_id {item_id!r} is not one of this trainee's cases")

    def dataset(self, item_id: str) -> Dataset:
        return self.worlds[self.case(item_id).seed]

    def truth(self, item_id: str) -> pd.Series:
        """True score per dimension of one case (for the feedback; never shown before)."""
        case = self.case(item_id)
        person = self.worlds[case.seed].employees.set_index("employee_id").loc[case.employee_id]
        return pd.Series({d: float(person[f"true_{d}"]) for d in DIMENSIONS})

    def reference(self, item_id: str) -> pd.Series:
        """Reference score per dimension of one case: what the file shows
        (:func:`kinerja_sim.cases.reference.reference_scores`)."""
        case = self.case(item_id)
        return reference_scores(self.worlds[case.seed], case.employee_id)["reference"].copy()

    def references(self, item_id: str) -> pd.DataFrame:
        """The whole reference table of one case (reference, intervals, truth, mc_error)."""
        case = self.case(item_id)
        return reference_scores(self.worlds[case.seed], case.employee_id)


@cache
def _world(seed: int, n: int) -> tuple[Dataset, tuple[str, ...]]:
    dataset, ids = practice_cases(n, rng=seed)
    return dataset, tuple(ids)


def _own_seed(rng) -> int:
    """The seed of the trainee's own world: ``rng`` itself when it is an int, else drawn from it."""
    generator = check_rng(rng)  # validates an int seed too
    if isinstance(rng, numbers.Integral):
        return int(rng)
    return int(generator.integers(2**31))


def make_cases(*, rng=None, shared: int = 3, own: int = 2, attempt: int = 0) -> CaseSet:
    """The shared cases of the workshop and ``own`` fresh cases of the trainee.

    Parameters
    ----------
    rng : int or numpy.random.Generator
        The trainee's seed (:func:`kinerja_sim.training.trainee.trainee_seed`): the own cases
        come from the world of seed ``rng + attempt``, kept in each :class:`Case` and in the
        saved answer. A Generator gives a world seed drawn from it.
    shared, own : int
        How many shared (workshop) and own cases.
    attempt : int
        The trainee's attempt: a new attempt gives new own cases.

    Examples
    --------
    >>> cases = make_cases(rng=11, shared=2, own=1)
    >>> [case.kind for case in cases.cases]
    ['bersama', 'bersama', 'pribadi']
    >>> cases.cases[0].item_id == make_cases(rng=12, shared=2, own=1).cases[0].item_id
    True
    """
    seed = _own_seed(rng)
    group = workshop_seed()
    cases, worlds = [], {}
    for kind, world_seed, count, prefix in (
        ("bersama", group, shared, f"bersama-{group % 1000:03d}"),
        ("pribadi", seed + attempt, own, f"pribadi{attempt}"),
    ):
        if count <= 0:
            continue
        dataset, ids = _world(int(world_seed), count)
        worlds[int(world_seed)] = dataset
        cases += [Case(f"{prefix}-{eid}", kind, int(world_seed), eid) for eid in ids]
    return CaseSet(cases, worlds)


def parse_score(value, dimension: str, *, lang=None) -> float:
    """A score typed by a trainee: a number on the scale, with a decimal comma or point.

    Raises
    ------
    ValueError
        With a catalogue message naming the dimension, what was typed and the scale, when
        the text is empty, not a number, or outside 1–5 (never moved into the scale).

    Examples
    --------
    >>> (parse_score("4,2", "akuntabel"), parse_score(" 3.5 ", "akuntabel"),
    ...  parse_score(5, "akuntabel"))
    (4.2, 3.5, 5.0)
    >>> parse_score("7", "akuntabel", lang="id")
    Traceback (most recent call last):
    ...
    ValueError: Nilai Akuntabel "7" di luar skala: isi angka 1 sampai 5 (desimal boleh dengan koma
    atau titik, mis. 3,5).
    """
    label = DIMENSION_LABELS.get(dimension, dimension)
    try:
        score = parse_number(value)
    except ValueError:
        key = (
            "exercises.scoring.empty_score"
            if str(value).strip() == ""
            else "exercises.scoring.not_a_number"
        )
        raise ValueError(t(key, lang, dimension=label, value=str(value).strip())) from None
    if not SCALE_MIN <= score <= SCALE_MAX:
        raise ValueError(
            t(
                "exercises.scoring.out_of_scale",
                lang,
                dimension=label,
                value=str(value).strip(),
                low=number(SCALE_MIN, lang=lang),
                high=number(SCALE_MAX, lang=lang),
            )
        )
    return score


def parse_scores(values: dict, *, lang=None) -> dict[str, float]:
    """Every dimension's typed score through :func:`parse_score` (all eight needed)."""
    if not isinstance(values, dict):
        raise TypeError(f"scores must be a dict of dimension -> score, got {type(values).__name__}")
    return {
        dimension: parse_score(values.get(dimension, ""), dimension, lang=lang)
        for dimension in DIMENSIONS
    }


def _check_scores(scores, lang) -> dict[str, float]:
    if not isinstance(scores, dict):
        raise TypeError(f"scores must be a dict of dimension -> score, got {type(scores).__name__}")
    return {
        dimension: parse_score(scores.get(dimension, ""), dimension, lang=lang)
        for dimension in DIMENSIONS
    }


def case_score(given, reference) -> float:
    """The 0–1 score of one rated case: max(0, 1 − RMSE / 2) over the eight dimensions (ASSUMPTION).

    RMSE is the root mean squared *reading error*: the distance of the scores from the
    reference scores (:meth:`CaseSet.reference`), what the file shows.

    Examples
    --------
    >>> case_score(dict.fromkeys(DIMENSIONS, 4.0), dict.fromkeys(DIMENSIONS, 3.0))
    0.5
    """
    gaps = np.array([float(given[d]) - float(reference[d]) for d in DIMENSIONS])
    return round(max(0.0, 1 - float(np.sqrt(np.mean(gaps**2))) / 2), 3)


def answer_of(cases: CaseSet, item_id: str, scores: dict) -> dict:
    """What the store keeps of one rated case (:class:`kinerja_sim.cases.answers.CaseAnswer`),
    with the reference scores and both distances beside the latent truth."""
    case = cases.case(item_id)
    truth, reference = cases.truth(item_id), cases.reference(item_id)
    answer = CaseAnswer(
        item_id, case.employee_id, case.kind, dict(scores), truth.to_dict(), case.seed
    ).to_json()
    given = pd.Series({d: float(scores[d]) for d in DIMENSIONS if d in scores}, dtype=float)
    answer["reference_scores"] = {d: round(float(reference[d]), 3) for d in DIMENSIONS}
    answer["reading_error"] = {d: round(float(given[d] - reference[d]), 3) for d in given.index}
    answer["evidence_gap"] = {d: round(float(reference[d] - truth[d]), 3) for d in DIMENSIONS}
    return answer


def ratings_table(cases: CaseSet, answers: dict[str, dict], rater: str = "peserta") -> pd.DataFrame:
    """The trainee's scores as a ratings table (ratee = item id): ``reference_score`` (what the
    file shows: the basis of grading) and ``true_score`` (the latent truth) beside them."""
    rows = []
    for item_id, scores in answers.items():
        truth, reference = cases.truth(item_id), cases.reference(item_id)
        rows += [
            {
                "rater_id": rater,
                "employee_id": item_id,
                "dimension": d,
                "score": float(scores[d]),
                "reference_score": float(reference[d]),
                "true_score": truth[d],
            }
            for d in DIMENSIONS
        ]
    return pd.DataFrame(
        rows,
        columns=["rater_id", "employee_id", "dimension", "score", "reference_score", "true_score"],
    )


@cache
def _builtin(name: str):
    return rules.load(name)


def _rule_set(rule_set=None):
    """The rule set in force: ``rule_set`` itself, a built-in name, or PermenPAN-RB 6/2022."""
    if rule_set is None or isinstance(rule_set, str):
        return _builtin(rule_set or "permenpanrb-6-2022")
    return rule_set


def _predicate(scores: pd.Series, rule_set=None) -> str:
    behaviour = float(scores[list(BERAKHLAK)].mean())
    return str(_rule_set(rule_set).predicate_from_scores(float(scores[RESULT]), behaviour))


def _period_word(dataset: Dataset) -> tuple[int, str]:
    periods = int(dataset.evidence["period"].max())
    return periods, period_name(periods).lower()


def quarter_counts(dataset: Dataset, employee_id: str, dimension: str) -> pd.DataFrame:
    """Positive and negative incidents of one BerAKHLAK value in every period of the file.

    Returns a table indexed by period (every period of the year, zeros included) with
    ``positive`` and ``negative``.
    """
    periods, _ = _period_word(dataset)
    incidents = employee_rows(dataset, employee_id)
    incidents = incidents[(incidents["kind"] == "insiden") & (incidents["dimension"] == dimension)]
    index = pd.RangeIndex(1, periods + 1, name="period")
    value = incidents["value"].to_numpy(dtype=float)
    period = incidents["period"].to_numpy(dtype=int)
    return pd.DataFrame(
        {
            "positive": np.bincount(period[value > 0], minlength=periods + 1)[1:],
            "negative": np.bincount(period[value < 0], minlength=periods + 1)[1:],
        },
        index=index,
    )


def quarter_achievement(dataset: Dataset, employee_id: str) -> pd.Series:
    """Mean achievement (capaian, %) of the employee's indicators in every period of the file:
    each period's realisation against the period's share of the target, as the file shows them."""
    periods, _ = _period_word(dataset)
    rows = employee_rows(dataset, employee_id)
    rows = rows[rows["kind"] == "realisasi"]
    skp = employee_rows(dataset, employee_id, "indicators").set_index("indicator_id")
    skp = skp.loc[rows["indicator_id"].to_numpy()]
    target = skp["target"].to_numpy(dtype=float)
    per_period = np.where(skp["aggregation"].to_numpy() == "sum", target / periods, target)
    gain = achievement(per_period, rows["value"].to_numpy(dtype=float), skp["direction"].to_numpy())
    return pd.Series(100 * gain, index=rows["period"].to_numpy()).groupby(level=0).mean()


def _counts_text(counts: pd.DataFrame, word: str, lang) -> str:
    """'triwulan 1: 2 positif, 0 negatif; triwulan 2: …' — every period, for and against."""
    parts = [
        t(
            "exercises.reference.period_counts",
            lang,
            period=f"{word} {period}",
            positive=int(row.positive),
            negative=int(row.negative),
        )
        for period, row in counts.iterrows()
    ]
    return "; ".join(parts)


def _behaviour_evidence(dataset, employee_id, dimension, given, reference, lang) -> str:
    """The file's counts of every period, and an argument whose direction is the reading error's.

    The reading error is ``given − reference``. The argument never rests on evidence that
    points the trainee's way: when the value's own counts lean towards the trainee's score
    (or are balanced) the reason given is the rest of the file (the general level the other
    dimensions show, a modelling fact of the kit: dimensions correlate), or the amount of
    evidence (a few incidents support a moderate score, not an extreme one).
    """
    _, word = _period_word(dataset)
    counts = quarter_counts(dataset, employee_id, dimension)
    positive, negative = int(counts["positive"].sum()), int(counts["negative"].sum())
    fields = {
        "counts": _counts_text(counts, word, lang),
        "positive": positive,
        "negative": negative,
        "reference": number(reference, lang=lang),
        "given": number(given, lang=lang),
    }
    high = given > reference  # the trainee's score is above what the file shows
    lean = np.sign(positive - negative)  # which side of 3 the value's own counts point to
    toward = -1 if high else 1  # the direction the file argues, relative to the score
    if lean == toward:
        key = "lean_down" if high else "lean_up"
    elif lean == 0:
        own_side = "balanced_down" if high else "balanced_up"
        key = own_side if (given > 3) == high else f"{own_side}_rest"
    else:
        beyond = (given > 3) if high else (given < 3)  # same side as the counts, but further
        key = (
            ("amount_down" if high else "amount_up")
            if beyond
            else ("rest_down" if high else "rest_up")
        )
    text = t(f"exercises.reference.{key}", lang, **fields)
    if positive and negative:
        text += t("exercises.reference.mixed", lang)
    return text


def achievement_band(rating: str, thresholds, lang=None) -> str:
    """The band of indicator achievement that gives ``rating`` under the rule set's thresholds.

    Examples
    --------
    >>> achievement_band("Di Atas Ekspektasi", (90.0, 110.0), lang="id")
    '110 % ke atas'
    """
    low, high = (number(value, 0, lang=lang) for value in thresholds)
    key = {rules.RATINGS[0]: "below", rules.RATINGS[1]: "between", rules.RATINGS[2]: "above"}[
        rating
    ]
    return t(f"exercises.scoring.band_{key}", lang, low=low, high=high)


def _annual_achievement(dataset: Dataset, employee_id: str) -> np.ndarray:
    skp = employee_rows(dataset, employee_id, "indicators")
    return np.atleast_1d(
        rules.capaian(
            skp["realisation"].to_numpy(),
            skp["target"].to_numpy(),
            direction=skp["direction"].to_numpy(),
        )
    )


def _result_evidence(dataset, employee_id, given, reference, lang, rule_set=None) -> str:
    """The achievement of every period and of the year, in the words of the rule set in force,
    with the direction of the reading error."""
    rs = _rule_set(rule_set)
    _, word = _period_word(dataset)
    mean = float(np.nanmean(_annual_achievement(dataset, employee_id)))
    rating = str(rs.rating_hasil_kerja(mean))
    decimals = 0  # enough decimals that the number shown falls in the band named (109,6 %)
    while decimals < 3 and str(rs.rating_hasil_kerja(round(mean, decimals))) != rating:
        decimals += 1
    quarters = "; ".join(
        t(
            "exercises.reference.period_achievement",
            lang,
            period=f"{word} {p}",
            value=number(v, 0, lang=lang),
        )
        for p, v in quarter_achievement(dataset, employee_id).items()
    )
    return t(
        "exercises.reference.result_down" if given > reference else "exercises.reference.result_up",
        lang,
        quarters=quarters,
        mean=number(mean, decimals, lang=lang),
        rating=rating,
        band=achievement_band(rating, rs.achievement_thresholds, lang),
        reference=number(reference, lang=lang),
        given=number(given, lang=lang),
    )


def supported_predicates(cases: CaseSet, item_id: str, rule_set=None) -> set[str]:
    """The predicates the file supports: the reference scores' predicate, and any other the
    file cannot tell from it.

    Notes
    -----
    ASSUMPTION (issue 20): the predicate is read from two scores, Hasil Kerja and the mean of
    the seven values. When a rating threshold lies inside the 80 % credible interval of one of
    them (:func:`kinerja_sim.cases.reference.reference_scores`,
    :func:`kinerja_sim.cases.reference.reference_behaviour`), the file does not decide between
    the ratings either side, so every predicate of the ratings the interval touches counts as
    the file's. Far from the thresholds this is the reference scores' predicate alone.
    """
    rs = _rule_set(rule_set)
    case = cases.case(item_id)
    dataset = cases.worlds[case.seed]
    result = reference_scores(dataset, case.employee_id).loc[RESULT]
    behaviour = reference_behaviour(dataset, case.employee_id)

    def ratings(low, middle, high):
        codes = [rules.RATINGS.index(str(rs.rating(v))) for v in (low, middle, high)]
        return rules.RATINGS[min(codes) : max(codes) + 1]

    return {
        str(rs.predicate(r, b))
        for r in ratings(result["low80"], result["reference"], result["high80"])
        for b in ratings(behaviour["low80"], behaviour["reference"], behaviour["high80"])
    }


def _evidence_gap(truth: pd.Series, reference: pd.Series, lang) -> str:
    """The evidence gap (reference − latent truth): what the file could not show, as a lesson."""
    gap = (reference - truth)[list(DIMENSIONS)]
    worst = gap.abs().idxmax()
    key = (
        "exercises.reference.gap_small"
        if abs(gap[worst]) < CLOSE
        else "exercises.reference.gap_large"
    )
    return t(
        key,
        lang,
        gap=number(abs(gap[worst]), lang=lang),
        dimension=DIMENSION_LABELS[worst],
        reference=number(reference[worst], lang=lang),
        true=number(truth[worst], lang=lang),
    )


def check_scores(cases: CaseSet, item_id: str, scores: dict, *, lang=None, rules=None) -> Feedback:
    """Compare a trainee's eight scores of one case with what the file shows, and explain the gaps.

    Two distances are reported separately: the *reading error* (score − reference score:
    what training fixes, the basis of ``correct`` and ``score``) and the *evidence gap*
    (reference − latent truth: what the file could not show, never counted against the
    trainee).

    Parameters
    ----------
    cases : CaseSet
        The trainee's cases.
    item_id : str
        The case scored.
    scores : dict
        Dimension key (``kinerja_sim.DIMENSIONS``) -> score on 1–5 (a number, or text with a
        decimal comma or point); all eight needed.
    rules : rule set or name, optional
        The rule set in force (default PermenPAN-RB 6/2022): its thresholds and matrix are
        the ones the feedback names.

    Returns
    -------
    Feedback
        ``correct`` when every score is within ``CLOSE`` (0.5) of the reference score and
        the predicate is the one the reference scores give (or one the file cannot tell from
        it, :func:`supported_predicates`); ``score`` = max(0, 1 − RMSE/2)
        of the reading error; details name each dimension off the reference by ``FAR``
        (0.75) or more, largest first (at most three), with the file's evidence of every
        period, then the predicates, then the evidence gap.
    """
    clean = _check_scores(scores, lang)
    case = cases.case(item_id)
    dataset = cases.dataset(item_id)
    given, reference, truth = pd.Series(clean), cases.reference(item_id), cases.truth(item_id)
    gap = (given - reference)[list(DIMENSIONS)]
    details = []
    for dimension in gap.abs().sort_values(ascending=False, kind="stable").index[:3]:
        if abs(gap[dimension]) < FAR:
            break
        args = (dataset, case.employee_id)
        evidence = (
            _result_evidence(*args, given[dimension], reference[dimension], lang, rules)
            if dimension == RESULT
            else _behaviour_evidence(*args, dimension, given[dimension], reference[dimension], lang)
        )
        details.append(
            t(
                "exercises.reference.dimension_gap",
                lang,
                dimension=DIMENSION_LABELS[dimension],
                given=number(given[dimension], lang=lang),
                reference=number(reference[dimension], lang=lang),
                evidence=evidence,
            )
        )
    if not details:
        worst = gap.abs().idxmax()
        details.append(
            t(
                "exercises.reference.all_close",
                lang,
                gap=number(abs(gap[worst]), lang=lang),
                dimension=DIMENSION_LABELS[worst],
            )
        )
    given_predicate, reference_predicate = _predicate(given, rules), _predicate(reference, rules)
    supported = supported_predicates(cases, item_id, rules)
    key = (
        "predicate_same"
        if given_predicate == reference_predicate
        else "predicate_supported"
        if given_predicate in supported
        else "predicate_differs"
    )
    details.append(
        t(
            f"exercises.reference.{key}",
            lang,
            given=given_predicate,
            reference=reference_predicate,
        )
    )
    details.append(_evidence_gap(truth, reference, lang))
    correct = bool((gap.abs() <= CLOSE).all() and given_predicate in supported)
    direction = "higher" if gap.mean() > 0.1 else "lower" if gap.mean() < -0.1 else "even"
    summary_text = t(
        f"exercises.reference.summary_{direction}",
        lang,
        mean=number(abs(gap.mean()), lang=lang),
        mae=number(gap.abs().mean(), lang=lang),
    )
    return Feedback(correct, case_score(given, reference), summary_text, tuple(details))


def _performance(cases: CaseSet, item_id: str) -> pd.DataFrame:
    """The per-period levels of one case, with the item id as employee id."""
    table = cases.dataset(item_id).performance
    return table[table["employee_id"] == cases.case(item_id).employee_id].assign(
        employee_id=item_id
    )


def summary(cases: CaseSet, answers: dict[str, dict], *, lang=None) -> Feedback:
    """Accuracy over all cases scored so far against the reference, and the bias profile.

    Returns
    -------
    Feedback
        ``score`` = max(0, 1 − RMSE/2) of the reading error over every score; details:
        Cronbach's elevation and differential accuracy against the reference scores, the
        explanation of ``rater_profile`` (from 3 cases, against the reference), and the
        evidence gap of the cases (reference against the latent truth, named as such).
    """
    answers = {item: _check_scores(scores, lang) for item, scores in answers.items()}
    if not answers:
        return Feedback(False, 0.0, t("exercises.scoring.none_yet", lang))
    ratings = ratings_table(cases, answers)
    accuracy = accuracy_components(ratings, true_scores="reference_score").iloc[0]
    mean_gap = float((ratings["score"] - ratings["reference_score"]).mean())
    details = [
        t(
            "exercises.reference.elevation",
            lang,
            mean=number(abs(mean_gap), 2, lang=lang),
            direction=t(
                "exercises.scoring.too_high" if mean_gap > 0 else "exercises.scoring.too_low", lang
            ),
        ),
    ]
    if len(answers) >= 2:  # with one case differential accuracy is 0 by construction: not shown
        details.append(
            t(
                "exercises.reference.differential",
                lang,
                da=number(np.sqrt(accuracy["differential_accuracy"]), 2, lang=lang),
            )
        )
    if len(answers) >= 3:
        performance = pd.concat([_performance(cases, item) for item in answers], ignore_index=True)
        against_reference = ratings.drop(columns="true_score").rename(
            columns={"reference_score": "true_score"}
        )
        with warnings.catch_warnings():  # few cases: some estimates are NaN, which is expected
            warnings.simplefilter("ignore", RuntimeWarning)
            profile = rater_profile(
                against_reference, performance=performance, against="evidence", lang=lang
            ).iloc[0]
        details.append(str(profile["explanation"]))
    else:
        details.append(t("exercises.scoring.profile_later", lang, count=3 - len(answers)))
    evidence_gap = ratings["reference_score"] - ratings["true_score"]
    details.append(
        t(
            "exercises.reference.summary_gap",
            lang,
            gap=number(float(np.sqrt(np.mean(evidence_gap**2))), 2, lang=lang),
        )
    )
    rmse = float(np.sqrt(accuracy["mse"]))
    score = max(0.0, 1 - rmse / 2)
    return Feedback(
        score >= 0.75,
        round(score, 3),
        t("exercises.reference.overall", lang, count=len(answers), rmse=number(rmse, 2, lang=lang)),
        tuple(details),
    )
