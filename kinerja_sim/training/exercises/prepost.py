"""Did the day work? A counterbalanced pre-test and post-test scored against the reference.

At the start of the day (before any lesson) every trainee scores the three cases of one test
set, the *tes awal*; after frame-of-reference practice they score the three cases of the other
set, the *tes akhir*. The two sets A and B come from the same distribution of cases: the same
generator (:func:`kinerja_sim.cases.casefile.practice_cases`, the same settings), with two
fixed seeds derived from the workshop seed (:func:`set_seed`), so every trainee of a workshop
sees the same set A and the same set B.

Counterbalancing (why half the room starts with B): if set A happened to be harder than set B,
a room that took A first would seem to improve by the difference alone. Half the room takes A
first and half B first, so the difference of the sets cancels in the cohort's mean change.
The assignment is by order of arrival (:func:`assign_set`): the k-th trainee (counting from 0)
to begin the pre-test gets A first when k is even and B first when k is odd, which balances the
room exactly (to one trainee) whatever its size. The set a trainee was given is saved with every
answer, so a restart, another computer or a late arrival never changes it. (ASSUMPTION: two
trainees who open the pre-test in the same second may both get the same set; at most a pair
in a room is affected.)

Scoring: the *reading error* of a test is the distance of the trainee's 24 scores (3 cases ×
8 dimensions) from the *reference score* (:func:`kinerja_sim.cases.reference.reference_scores`,
what an ideal rater would give from the file), never from the latent truth, which no file
shows: the mean absolute error ``mae`` and the root mean squared error ``rmse``. The change is
``pre − post`` (positive: the error fell).

The cohort's effect (:func:`cohort_effect`, definitions of Lakens 2013, Frontiers in
Psychology 4:863):

- ``d_z`` = mean(change) / sd(change), the paired standardized mean change (Lakens eq. 6),
  with its exact 95 % interval from the noncentral t distribution (t = d_z √n has a noncentral
  t distribution with n − 1 degrees of freedom and noncentrality δ √n);
- ``d_av`` = mean(change) / ((sd_pre + sd_post) / 2) (Lakens eq. 10) and ``d_rm`` =
  mean(change) / √(sd_pre² + sd_post² − 2 r sd_pre sd_post) × √(2 (1 − r)) (Lakens eq. 9),
  both on the scale of the spread between trainees, as a between-group d is; their 95 %
  intervals by a percentile bootstrap over trainees with an explicit seeded ``rng``.

The kit reports ``d_av`` beside the literature: the published effect sizes of
frame-of-reference training are *between-group* (trained against control raters), for which
``d_av`` is the comparable figure; ``d_z`` is larger when the pre and post errors correlate,
and is what the paired test uses. :data:`LITERATURE` lists the published figures.

Bias signals (:func:`bias_changes`): the trainee's leniency or severity (the absolute shift),
central tendency and halo of :func:`kinerja_sim.metrics.diagnostics.rater_profile`, measured
against the reference on each test, compared pre and post over the trainees who have both; a
signal is named only when at least :data:`MIN_PAIRS` trainees have it on both tests
(ASSUMPTION: with fewer a change is mostly noise of three cases).

Examples
--------
>>> assign_set(0), assign_set(1), other_set("A")
('A', 'B', 'B')
>>> import numpy as np
>>> rng = np.random.default_rng(1)
>>> pre = rng.normal(0.8, 0.15, 40)
>>> post = pre - 0.1 + rng.normal(0, 0.1, 40)
>>> result = cohort_effect(pre, post, rng=2)
>>> bool(result.d_z > 0 and result.d_z_low > 0)
True
"""

from __future__ import annotations

import hashlib
import json
import numbers
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_rng
from kinerja_sim.metrics.diagnostics import rater_profile
from kinerja_sim.training.exercises._common import Feedback, workshop_seed
from kinerja_sim.training.exercises.scoring import Case, CaseSet, _world, parse_scores
from kinerja_sim.world.dimensions import DIMENSIONS

__all__ = [
    "CASES_PER_SET",
    "LITERATURE",
    "MIN_PAIRS",
    "PHASES",
    "POST_EXERCISE",
    "PRE_EXERCISE",
    "SETS",
    "CohortEffect",
    "answer_of",
    "assign_set",
    "bias_changes",
    "check_case",
    "cohort_effect",
    "effect_sentence",
    "first_set_of",
    "make_test",
    "other_set",
    "reading_error",
    "set_seed",
    "scored_tests",
    "trainee_results",
]

PRE_EXERCISE = "00_tes_awal"
POST_EXERCISE = "07_tes_akhir"
PHASES = {PRE_EXERCISE: "awal", POST_EXERCISE: "akhir"}
SETS = ("A", "B")
CASES_PER_SET = 3
#: Fewest trainees with a bias signal on both tests before its change is named (ASSUMPTION).
MIN_PAIRS = 10
BOOTSTRAP = 2000
BIAS_SIGNALS = ("leniency", "central_tendency", "halo")

#: Published effect sizes of frame-of-reference training on rating accuracy, as the sources
#: give them. Both are meta-analyses of studies comparing trained raters with control raters
#: (between-group d), so the comparable figure of a pre/post cohort is d_av, not d_z.
#: Confidence LOW: the papers and their findings were confirmed from their abstracts (Roch et
#: al. 2012 update Woehr & Huffcutt 1994 with four times as many studies and find Borman's
#: differential accuracy most improved), but the abstracts give no effect size; the two figures
#: are the ones commonly cited for these meta-analyses, not read in their tables here (the kit's
#: calibration, ``kinerja_sim.studies.validation``, keeps d ≈ .5 as an ASSUMPTION). Check the
#: tables before quoting them in print.
LITERATURE = (
    {
        "source": "Woehr & Huffcutt (1994)",
        "measure": "rating_accuracy",
        "d": 0.83,
        "design": "between_group",
    },
    {
        "source": "Roch, Woehr, Mishra & Kieszczynska (2012)",
        "measure": "rating_accuracy",
        "d": 0.50,
        "design": "between_group",
    },
)


# --------------------------------------------------------------------------- the two sets
def set_seed(name: str) -> int:
    """The world seed of test set ``name`` ("A" or "B"), derived from the workshop seed.

    A SHA-256 of the workshop seed and the set name: the same on every machine, new for a new
    workshop code (``KINERJA_SIM_WORKSHOP``), different from the shared cases of exercise 02.
    """
    if name not in SETS:
        raise ValueError(f"set must be one of {', '.join(SETS)}, got {name!r}")
    key = f"kinerja-sim|tes-awal-akhir|{workshop_seed()}|{name}".encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big") >> 1


def make_test(name: str) -> CaseSet:
    """The :data:`CASES_PER_SET` cases of test set ``name``, the same for every trainee.

    Examples
    --------
    >>> test = make_test("A")
    >>> len(test.cases), test.cases[0].item_id.startswith("tes-A-")
    (3, True)
    """
    seed = set_seed(name)
    dataset, ids = _world(seed, CASES_PER_SET)
    cases = [Case(f"tes-{name}-{eid}", "tes", seed, eid) for eid in ids]
    return CaseSet(cases, {seed: dataset})


def other_set(name: str) -> str:
    """The set of the other test."""
    if name not in SETS:
        raise ValueError(f"set must be one of {', '.join(SETS)}, got {name!r}")
    return SETS[1 - SETS.index(name)]


def assign_set(position: int) -> str:
    """The set of the pre-test for the trainee who began it in place ``position`` (from 0)."""
    if isinstance(position, bool) or not isinstance(position, numbers.Integral) or position < 0:
        raise ValueError(f"position must be a whole number from 0, got {position!r}")
    return SETS[int(position) % 2]


def first_set_of(answers: pd.DataFrame, trainee: str) -> str:
    """The pre-test set of ``trainee`` as the store says: saved with their answers, else the
    next place in the order of arrival (trainees who began the pre-test before them)."""
    pre = answers[answers["exercise"] == PRE_EXERCISE]
    own = pre[pre["trainee"] == trainee]
    for text in own["answer_json"]:
        saved = json.loads(text).get("first_set")
        if saved in SETS:
            return saved
    post = answers[(answers["exercise"] == POST_EXERCISE) & (answers["trainee"] == trainee)]
    for text in post["answer_json"]:  # a post-test without a pre-test still has its set
        saved = json.loads(text).get("first_set")
        if saved in SETS:
            return saved
    return assign_set(int(pre["trainee"].nunique()))


# --------------------------------------------------------------------------- one test
def reading_error(scores: dict[str, dict], references: dict[str, pd.Series]) -> dict[str, float]:
    """Mean absolute and RMS distance of the scores from the reference, over cases and dimensions.

    Examples
    --------
    >>> ref = pd.Series(dict.fromkeys(DIMENSIONS, 3.0))
    >>> reading_error({"x": dict.fromkeys(DIMENSIONS, 4.0)}, {"x": ref})
    {'mae': 1.0, 'rmse': 1.0, 'cases': 1}
    """
    gaps = np.array(
        [
            [float(scores[item][d]) - float(references[item][d]) for d in DIMENSIONS]
            for item in scores
        ]
    )
    if gaps.size == 0:
        return {"mae": float("nan"), "rmse": float("nan"), "cases": 0}
    return {
        "mae": float(np.abs(gaps).mean()),
        "rmse": float(np.sqrt((gaps**2).mean())),
        "cases": len(scores),
    }


def answer_of(test: CaseSet, item_id: str, scores: dict, *, first_set: str, phase: str) -> dict:
    """What the store keeps of one scored test case: the scores, the reference, the sets."""
    case = test.case(item_id)
    return {
        "employee_id": case.employee_id,
        "seed": case.seed,
        "set": item_id.split("-")[1],
        "first_set": first_set,
        "phase": phase,
        "scores": {d: float(scores[d]) for d in DIMENSIONS},
        "reference": {d: round(float(v), 4) for d, v in test.reference(item_id).items()},
    }


def check_case(test: CaseSet, item_id: str, scores: dict, *, lang=None) -> Feedback:
    """Read and save one case of a test. No grade is shown during a test (it would teach the
    pre-test's answers); the score kept is max(0, 1 − RMSE / 2) against the reference."""
    clean = parse_scores(scores, lang=lang)
    error = reading_error({item_id: clean}, {item_id: test.reference(item_id)})
    return Feedback(
        True,
        round(max(0.0, 1 - error["rmse"] / 2), 3),
        t("prepost.saved_case", lang),
        (t("prepost.results_later", lang),),
    )


# --------------------------------------------------------------------------- from the store
def scored_tests(answers: pd.DataFrame) -> pd.DataFrame:
    """The latest answer of every trainee to every test case, one row per case and dimension.

    Returns
    -------
    DataFrame
        ``trainee``, ``phase`` ("awal" or "akhir"), ``set``, ``first_set``, ``item``,
        ``dimension``, ``score``, ``reference``.
    """
    columns = ["trainee", "phase", "set", "first_set", "item", "dimension", "score", "reference"]
    rows = []
    tests = answers[answers["exercise"].isin(list(PHASES))]
    latest = tests.drop_duplicates(["trainee", "exercise", "item"], keep="last")
    for row in latest.itertuples(index=False):
        try:
            saved = json.loads(row.answer_json)
            scores, reference = saved["scores"], saved["reference"]
            rows += [
                {
                    "trainee": row.trainee,
                    "phase": PHASES[row.exercise],
                    "set": saved["set"],
                    "first_set": saved["first_set"],
                    "item": row.item,
                    "dimension": d,
                    "score": float(scores[d]),
                    "reference": float(reference[d]),
                }
                for d in DIMENSIONS
            ]
        except (KeyError, TypeError, ValueError):
            continue  # an answer of another shape is not a test answer
    return pd.DataFrame(rows, columns=columns)


def trainee_results(results: pd.DataFrame, *, cases: int = CASES_PER_SET) -> pd.DataFrame:
    """Each trainee's reading error on each test and the change (only complete tests count).

    Returns
    -------
    DataFrame
        One row per trainee: ``trainee``, ``first_set``, ``pre_mae``, ``pre_rmse``,
        ``post_mae``, ``post_rmse``, ``change_mae``, ``change_rmse`` (pre − post: positive
        means the error fell; NaN until both tests are complete).
    """
    columns = ["trainee", "first_set", "pre_mae", "pre_rmse", "post_mae", "post_rmse"]
    rows = []
    for trainee, own in results.groupby("trainee", sort=False):
        row = {"trainee": trainee, "first_set": own["first_set"].iloc[0]}
        for phase, prefix in (("awal", "pre"), ("akhir", "post")):
            part = own[own["phase"] == phase]
            gap = part["score"] - part["reference"]
            done = part["item"].nunique() >= cases
            row[f"{prefix}_mae"] = float(gap.abs().mean()) if done else np.nan
            row[f"{prefix}_rmse"] = float(np.sqrt((gap**2).mean())) if done else np.nan
        rows.append(row)
    table = pd.DataFrame(rows, columns=columns)
    table["change_mae"] = table["pre_mae"] - table["post_mae"]
    table["change_rmse"] = table["pre_rmse"] - table["post_rmse"]
    return table


# --------------------------------------------------------------------------- the cohort
@dataclass(frozen=True)
class CohortEffect:
    """The cohort's paired effect; all d positive when the reading error fell.

    Attributes: ``n``, ``mean_change``, ``d_z`` with ``d_z_low``/``d_z_high`` (noncentral
    t), ``d_av`` and ``d_rm`` with bootstrap ``*_low``/``*_high``, ``r`` (pre–post correlation).
    """

    n: int
    mean_change: float
    d_z: float
    d_z_low: float
    d_z_high: float
    d_av: float
    d_av_low: float
    d_av_high: float
    d_rm: float
    d_rm_low: float
    d_rm_high: float
    r: float

    def to_frame(self) -> pd.DataFrame:
        """One row per d: ``measure``, ``estimate``, ``ci_low``, ``ci_high``, ``n``."""
        return pd.DataFrame(
            [
                {
                    "measure": name,
                    "estimate": getattr(self, name),
                    "ci_low": getattr(self, f"{name}_low"),
                    "ci_high": getattr(self, f"{name}_high"),
                    "n": self.n,
                }
                for name in ("d_z", "d_av", "d_rm")
            ]
        )


def _nct_interval(d: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """Exact interval of d_z: the noncentralities whose t distribution puts t in its tails."""
    from scipy import optimize, stats  # here, not at the top: a trainee's kernel never needs it

    df, observed = n - 1, d * np.sqrt(n)
    tail = (1 - level) / 2

    def solve(target):
        def gap(delta):
            return stats.nct.sf(observed, df, delta) - target

        width = 10 + abs(observed) * 2
        return optimize.brentq(gap, observed - width, observed + width)

    return solve(tail) / np.sqrt(n), solve(1 - tail) / np.sqrt(n)


def _d_av_rm(pre: np.ndarray, post: np.ndarray) -> tuple[float, float]:
    change = pre - post
    sd1, sd2 = pre.std(ddof=1), post.std(ddof=1)
    r = float(np.corrcoef(pre, post)[0, 1]) if sd1 > 0 and sd2 > 0 else 0.0
    d_av = change.mean() / ((sd1 + sd2) / 2)
    spread = np.sqrt(max(sd1**2 + sd2**2 - 2 * r * sd1 * sd2, 0.0))
    d_rm = change.mean() / spread * np.sqrt(2 * (1 - r))
    return float(d_av), float(d_rm)


def cohort_effect(pre, post, *, rng=None, resamples: int = BOOTSTRAP) -> CohortEffect:
    """The paired effect of the day on the reading error (pre − post), with 95 % intervals.

    Parameters
    ----------
    pre, post : array-like of float
        Each trainee's reading error (e.g. RMS distance from the reference) before and after;
        trainees with a missing value on either test are left out.
    rng : int or numpy.random.Generator
        For the bootstrap of d_av and d_rm.
    resamples : int
        Bootstrap resamples.

    Raises
    ------
    ValueError
        With fewer than 3 complete pairs, or no spread in the changes.
    """
    generator = check_rng(rng)
    pre, post = np.asarray(pre, dtype=float), np.asarray(post, dtype=float)
    if pre.shape != post.shape or pre.ndim != 1:
        raise ValueError(
            f"pre and post must be 1-D of one length, got {pre.shape} and {post.shape}"
        )
    keep = np.isfinite(pre) & np.isfinite(post)
    pre, post = pre[keep], post[keep]
    n = len(pre)
    if n < 3:
        raise ValueError(f"need at least 3 trainees with both tests, got {n}")
    change = pre - post
    sd = change.std(ddof=1)
    if not sd > 0:
        raise ValueError("the changes have no spread: the effect size is not defined")
    d_z = float(change.mean() / sd)
    low, high = _nct_interval(d_z, n)
    d_av, d_rm = _d_av_rm(pre, post)
    picks = generator.integers(0, n, size=(resamples, n))
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        boot = np.array([_d_av_rm(pre[p], post[p]) for p in picks])
    boot = boot[np.isfinite(boot).all(axis=1)]
    av_low, rm_low = np.quantile(boot, 0.025, axis=0)
    av_high, rm_high = np.quantile(boot, 0.975, axis=0)
    r = float(np.corrcoef(pre, post)[0, 1]) if pre.std() > 0 and post.std() > 0 else np.nan
    return CohortEffect(
        n,
        float(change.mean()),
        d_z,
        float(low),
        float(high),
        d_av,
        float(av_low),
        float(av_high),
        d_rm,
        float(rm_low),
        float(rm_high),
        r,
    )


def _profiles(results: pd.DataFrame, phase: str) -> pd.DataFrame:
    part = results[results["phase"] == phase]
    if part.empty:
        return pd.DataFrame(columns=["rater", *BIAS_SIGNALS])
    ratings = part.rename(
        columns={"trainee": "rater_id", "item": "employee_id", "reference": "true_score"}
    )[["rater_id", "employee_id", "dimension", "score", "true_score"]]
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        profile = rater_profile(ratings, min_ratees=CASES_PER_SET)
    table = profile[["rater", *BIAS_SIGNALS]].copy()
    table["leniency"] = table["leniency"].abs()  # leniency or severity: the size of the shift
    return table


def bias_changes(results: pd.DataFrame, *, min_pairs: int = MIN_PAIRS) -> pd.DataFrame:
    """Which bias signals changed between the tests, measured against the reference.

    Returns
    -------
    DataFrame
        One row per signal (``leniency`` as the absolute shift, ``central_tendency``,
        ``halo``): ``signal``, ``n`` (trainees with it on both tests), ``pre``, ``post``
        (cohort means), ``change`` (pre − post: positive means the bias shrank), ``ci_low``,
        ``ci_high`` (95 % t interval of the mean change), ``enough`` (n ≥ ``min_pairs``;
        otherwise the estimates are NaN).
    """
    from scipy import stats  # the dashboard's, not a trainee's kernel

    pre, post = _profiles(results, "awal"), _profiles(results, "akhir")
    both = pre.merge(post, on="rater", suffixes=("_pre", "_post"))
    rows = []
    for signal in BIAS_SIGNALS:
        pair = both[[f"{signal}_pre", f"{signal}_post"]].dropna()
        n, enough = len(pair), len(pair) >= min_pairs
        row = {"signal": signal, "n": n, "enough": enough}
        if enough:
            change = pair[f"{signal}_pre"] - pair[f"{signal}_post"]
            half = stats.t.ppf(0.975, n - 1) * change.std(ddof=1) / np.sqrt(n)
            row |= {
                "pre": float(pair[f"{signal}_pre"].mean()),
                "post": float(pair[f"{signal}_post"].mean()),
                "change": float(change.mean()),
                "ci_low": float(change.mean() - half),
                "ci_high": float(change.mean() + half),
            }
        rows.append(row)
    columns = ["signal", "n", "pre", "post", "change", "ci_low", "ci_high", "enough"]
    return pd.DataFrame(rows).reindex(columns=columns)


def effect_sentence(effect: CohortEffect, *, lang=None) -> str:
    """The cohort's effect in one Indonesian sentence (d_av beside the literature)."""
    return t(
        "prepost.effect_sentence",
        lang,
        n=effect.n,
        dav=number(effect.d_av, 2, lang=lang),
        low=number(effect.d_av_low, 2, lang=lang),
        high=number(effect.d_av_high, 2, lang=lang),
        dz=number(effect.d_z, 2, lang=lang),
        z_low=number(effect.d_z_low, 2, lang=lang),
        z_high=number(effect.d_z_high, 2, lang=lang),
        woehr=number(LITERATURE[0]["d"], 2, lang=lang),
        roch=number(LITERATURE[1]["d"], 2, lang=lang),
    )
