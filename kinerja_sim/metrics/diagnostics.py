"""Rater diagnostics: each rater's leniency, central tendency, halo and recency, with flags.

A profile compares a rater's scores with a reference: the true scores when they are known
(simulation, training exercises), otherwise the mean of the other raters who scored the
same employees on the same dimensions (real group ratings: every estimate is then
relative to the group). Each estimate is in the units of :class:`kinerja_sim.RaterBias`,
so a trainer can set a bias in the simulation and read it back.

Flags need an estimate that is both large enough to matter (:class:`FlagThresholds`) and
clear of chance (its z value at least ``z``); the thresholds were tuned on some seeds of
the recovery study (:mod:`kinerja_sim.studies.recovery`, ``benchmarks/recovery.py``) and
its figures are reported on others.

A profile claims only what its data support (issue #20): each signal is named only from a
minimum number of cases (:data:`MIN_CASES`), and the explanation says how many cases it
rests on and which signals cannot be read yet; central tendency is named only when the
scores pile up around the middle of the scale, as the kit defines it (a rater who gives
everything 4–5 is lenient, and their narrow range is said as such, not called central);
no share in the explanation is negative or above 100%.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import get_language, t
from kinerja_sim._core.validate import check_choice, check_int, check_number
from kinerja_sim.metrics._tidy import (
    check_column_names,
    check_table,
    codes,
    numeric,
    unique_cells,
    with_truth,
)
from kinerja_sim.raters import recency_weights

__all__ = ["BIASES", "MIN_CASES", "FlagThresholds", "rater_profile", "recency_weights"]

BIASES = ("leniency", "central_tendency", "halo", "recency")
PROFILE_COLUMNS = [
    "rater",
    "reference",
    "n_ratings",
    "n_ratees",
    *[f"{name}{suffix}" for name in BIASES for suffix in ("", "_se")],
    *[f"flag_{name}" for name in BIASES],
    "explanation",
]
_MIN_RATEES = 3
#: Cases (ratees with a reference) a signal needs before a profile names it. ASSUMPTION:
#: leniency is a mean difference whose standard error needs a few ratees (3); central
#: tendency and halo rest on a regression slope between ratees with n − 2 degrees of
#: freedom, and with 3 or 4 ratees (1–2 df) a z test at 1.96 is far too lenient (the t
#: quantile with 2 df is 4.3), so they wait for 5; recency needs several ratees per period
#: contrast as well (5). Below its minimum a signal is never flagged.
MIN_CASES = {"leniency": 3, "central_tendency": 5, "halo": 5, "recency": 5}


@dataclass(frozen=True)
class FlagThresholds:
    """When a bias estimate is flagged: at least this large and with z at least ``z``.

    The defaults were tuned on the seeds ``kinerja_sim.studies.recovery.TUNING_SEEDS``
    (``benchmarks/recovery.py --tune``, kit baseline, truth as reference, 300 case sets of
    20 employees): each is the smallest value of a grid from which on a rater whose true
    bias is half the threshold is flagged for it in at most 10% of case sets; z = 1.96 was
    fixed, not tuned. The README reports the study on other seeds (``REPORT_SEEDS``).

    Parameters
    ----------
    leniency : float
        Absolute mean difference from the reference, scale points (either direction).
    central_tendency : float
        Share of the real spread between employees lost toward the middle.
    halo : float
        Share of the real differences between dimensions lost.
    recency : float
        Estimated recency parameter (as in ``RaterBias.recency``).
    z : float
        Minimum ratio of an estimate to its standard error (1.96: 5% two-sided).
    central_band : float
        Central tendency is named only when the rater's mean score lies within this many
        scale points of the middle of the scale (ASSUMPTION, 0.5: the kit defines central
        tendency as scores piling up around 3; flat scores around 4.5 are leniency with a
        narrow range, which the explanation says as such).
    """

    leniency: float = 0.2
    central_tendency: float = 0.4
    halo: float = 0.35
    recency: float = 1.25
    z: float = 1.96
    central_band: float = 0.5

    def __post_init__(self):
        for name in ("leniency", "central_tendency", "halo", "recency", "z", "central_band"):
            check_number(name, getattr(self, name), minimum=0.0)


def _late_share(recency, periods):
    """Centre of mass of the period weights minus 1/2: 0 without recency, up to 1/2."""
    centred = np.arange(periods) / (periods - 1) - 0.5
    return recency_weights(recency, periods) @ centred


def _invert_late_share(share, periods, limit=10.0):
    """The recency whose weights have this centre of mass (bisection, all raters at once)."""
    low, high = np.full(len(share), -limit), np.full(len(share), limit)
    for _ in range(50):
        middle = (low + high) / 2
        above = _late_share(middle, periods) > share
        high, low = np.where(above, middle, high), np.where(above, low, middle)
    return np.where(np.isfinite(share), (low + high) / 2, np.nan)


def _sums(group, n_groups, *arrays):
    return [np.bincount(group, weights=a, minlength=n_groups) for a in arrays]


def _slope(group, n_groups, x, y, df_lost):
    """Per-group least-squares slope of y on x (x, y centred within group) and its se."""
    sxx, sxy, syy, n = _sums(group, n_groups, x * x, x * y, y * y, np.ones_like(x))
    with np.errstate(invalid="ignore", divide="ignore"):
        slope = sxy / sxx
        residual = np.maximum(syy - slope * sxy, 0) / np.maximum(n - df_lost, 1)
        return slope, np.sqrt(residual / sxx)


def _prepare(ratings, truth, raters, ratees, dimensions, scores, true_scores):
    """Rows with a reference value: rater/person codes, score y and reference x."""
    check_table(
        ratings,
        "ratings",
        ids=("raters", "ratees", "dimensions"),
        raters=raters,
        ratees=ratees,
        dimensions=dimensions,
        scores=scores,
    )
    ratings = with_truth(ratings, truth, ratees, dimensions, true_scores)
    y = numeric(ratings, scores, "scores")
    if np.isnan(y).any():
        raise ValueError(f"{scores} must not be missing")
    rater, rater_ids = codes(ratings[raters])
    ratee, ratee_ids = codes(ratings[ratees])
    dim, _ = codes(ratings[dimensions])
    cell = ratee.astype(np.int64) * (dim.max() + 1) + dim
    unique_cells(rater, cell, cell.max() + 1, "rater, ratee and dimension")
    if true_scores in ratings:
        reference, x = "truth", numeric(ratings, true_scores, "true_scores")
    else:
        reference = "others"
        total, count = np.bincount(cell, weights=y), np.bincount(cell)
        with np.errstate(invalid="ignore", divide="ignore"):
            x = np.where(count[cell] > 1, (total[cell] - y) / (count[cell] - 1), np.nan)
    keep = ~np.isnan(x)
    return reference, rater_ids, ratings.loc[keep], rater[keep], ratee[keep], y[keep], x[keep]


def _level_estimates(rater, person, n_raters, y, x):
    """Leniency, between-person slope b and within-person slope c, with standard errors."""
    person_rater = np.zeros(person.max() + 1, dtype=np.int64)
    person_rater[person] = rater
    n_persons = np.bincount(person_rater, minlength=n_raters)
    d_p = np.bincount(person, weights=y - x) / np.bincount(person)
    y_p, x_p = (np.bincount(person, weights=v) / np.bincount(person) for v in (y, x))
    mean_d, mean_d2 = (
        np.bincount(person_rater, weights=v, minlength=n_raters) / n_persons for v in (d_p, d_p**2)
    )
    leniency_se = np.sqrt(np.maximum(mean_d2 - mean_d**2, 0) / np.maximum(n_persons - 1, 1))
    centre = [
        np.bincount(person_rater, weights=v, minlength=n_raters)[person_rater]
        / n_persons[person_rater]
        for v in (x_p, y_p)
    ]
    b, b_se = _slope(person_rater, n_raters, x_p - centre[0], y_p - centre[1], 2)
    within_x, within_y = x - x_p[person], y - y_p[person]
    c, c_se = _slope(rater, n_raters, within_x, within_y, n_persons + 1)
    return mean_d, leniency_se, b, b_se, c, c_se, n_persons


def _halo_and_central(b, b_se, c, c_se):
    """Halo = 1 − c/b and central tendency = 1 − b, with their standard errors.

    Central tendency comes from the between-person slope b alone. It used to pool b with
    the far more precise within-person slope c when the halo test was not significant;
    but c = (1 − halo) b, so with a real halo the test misses (20 cases cannot see a halo
    of .35), the pooled slope fell toward c and halo read as central tendency: raters of
    the supervisory preset (halo .35) whose true central tendency was half the threshold
    were flagged for it 43% of the time (``benchmarks/recovery.py``).
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        halo = np.where(b > 0, 1 - c / b, np.nan)
        halo_se = np.sqrt((c_se / b) ** 2 + (c * b_se / b**2) ** 2)
        halo_z = (b - c) / np.sqrt(b_se**2 + c_se**2)
    central, central_se = 1 - b, b_se
    # A rater who gives one score to everything has lost the whole spread: the slope is
    # exactly 0 with no error. That is total central tendency.
    flat = (b_se == 0) & (c_se == 0) & (b == 0)
    central, central_se = np.where(flat, 1.0, central), np.where(flat, 0.0, central_se)
    return halo, halo_se, halo_z, central, central_se


def _period_levels(performance, ratings, ratees, dimensions):
    check_column_names(
        performance,
        "performance",
        ratees=ratees,
        dimensions=dimensions,
        period="period",
        level="level",
    )
    wide = performance.pivot_table(
        index=[ratees, dimensions], columns="period", values="level", aggfunc="first"
    )
    keys = pd.MultiIndex.from_frame(ratings[[ratees, dimensions]])
    levels = wide.reindex(keys).to_numpy(dtype=float)
    if levels.shape[1] < 2 or np.isnan(levels).any():
        raise ValueError(
            "performance must hold a level for every period of every rated "
            f"{ratees} and {dimensions} (and at least 2 periods)"
        )
    return levels


def _recency(rater, person, n_raters, n_persons, y, levels):
    """Within-person regression of scores on the period levels; recency from the weights."""
    periods = levels.shape[1]
    count = np.bincount(person)
    person_levels = np.zeros((len(count), periods))
    np.add.at(person_levels, person, levels)
    within = levels - (person_levels / count[:, None])[person]
    y_w = y - (np.bincount(person, weights=y) / count)[person]
    xtx = np.zeros((n_raters, periods, periods))
    np.add.at(xtx, rater, within[:, :, None] * within[:, None, :])
    xty = np.zeros((n_raters, periods))
    np.add.at(xty, rater, within * y_w[:, None])
    beta = np.linalg.solve(xtx + 1e-12 * np.eye(periods), xty[..., None])[..., 0]
    df = np.maximum(np.bincount(rater, minlength=n_raters) - n_persons - periods, 1)
    sigma2 = (
        np.maximum(
            np.bincount(rater, weights=y_w**2, minlength=n_raters) - np.sum(beta * xty, axis=1), 0
        )
        / df
    )
    cov = sigma2[:, None, None] * np.linalg.inv(xtx + 1e-12 * np.eye(periods))
    centred = np.arange(periods) / (periods - 1) - 0.5
    total, contrast = beta.sum(axis=1), beta @ centred
    contrast_z = contrast / np.sqrt(np.einsum("i,rij,j->r", centred, cov, centred))
    share = contrast / total
    gradient = (centred[None, :] - share[:, None]) / total[:, None]
    share_se = np.sqrt(np.einsum("ri,rij,rj->r", gradient, cov, gradient))
    recency = _invert_late_share(share, periods)
    step = 1e-4
    slope = (_late_share(recency + step, periods) - _late_share(recency - step, periods)) / (
        2 * step
    )
    return recency, share_se / slope, contrast_z, periods


def _percent(share) -> int:
    """A share as a whole percentage from 0 to 100 (never negative, never above 100)."""
    return int(round(100 * min(max(float(share), 0.0), 1.0)))


def _explain(row, reference, periods, lang, min_ratees=_MIN_RATEES, has_periods=True):
    fmt = lambda v: number(v, 1, trim=False, lang=lang)  # noqa: E731
    where = t(f"metrics.reference.{reference}", lang=lang)
    n = int(row["n_ratees"])
    if not n >= min_ratees:
        return t("profile.bias.not_yet", lang=lang, n=n, needed=min_ratees)
    parts = []
    if row["flag_leniency"]:
        key = "lenient" if row["leniency"] > 0 else "severe"
        # the message says "on average": the plain mean difference, unless it points the other
        # way than the shift at the middle that raised the flag (then that shift)
        shown = row.get("mean_difference", np.nan)
        if not (np.sign(shown) == np.sign(row["leniency"]) and abs(shown) >= 0.05):
            shown = row["leniency"]
        parts.append(t(f"metrics.profile.{key}", lang=lang, value=fmt(abs(shown)), reference=where))
    if row["flag_central_tendency"]:
        kept = _percent(1 - row["central_tendency"])
        key = "metrics.profile.central_tendency" if kept >= 5 else "profile.bias.central_none"
        parts.append(t(key, lang=lang, kept=kept))
    elif row.get("narrow"):
        parts.append(t("profile.bias.narrow", lang=lang, mean=fmt(row["mean_score"])))
    if row["flag_halo"]:
        parts.append(t("metrics.profile.halo", lang=lang, lost=_percent(row["halo"])))
    if row["flag_recency"]:
        weights = recency_weights(row["recency"], periods)[0]
        parts.append(
            t(
                "metrics.profile.recency",
                lang=lang,
                late=_percent(weights[-1]),
                early=_percent(weights[0]),
            )
        )
    text = " ".join(parts) or t("metrics.profile.clear", lang=lang, reference=where)
    # recency cannot be read at all without the per-period levels: never said to be waiting
    waiting = [
        name for name in BIASES if n < MIN_CASES[name] and (has_periods or name != "recency")
    ]
    basis = t("profile.bias.basis", lang=lang, n=n)
    if waiting:
        names = ", ".join(t(f"profile.bias.name.{name}", lang=lang) for name in waiting)
        basis += " " + t(
            "profile.bias.waiting",
            lang=lang,
            names=names,
            needed=max(MIN_CASES[w] for w in waiting),
        )
    return f"{text} {basis}"


def rater_profile(
    ratings,
    truth=None,
    performance=None,
    *,
    raters="rater_id",
    ratees="employee_id",
    dimensions="dimension",
    scores="score",
    true_scores="true_score",
    thresholds=None,
    middle: float | None = 3.0,
    min_ratees: int = _MIN_RATEES,
    against: str = "truth",
    lang=None,
) -> pd.DataFrame:
    """Each rater's leniency, central tendency, halo and recency, with flags and advice.

    Parameters
    ----------
    ratings : DataFrame
        Long table, one row per rater, ratee and dimension with the score.
    truth : DataFrame, optional
        True scores (``ratees``, ``dimensions``, ``true_scores``). Without it, the
        ``true_scores`` column of ``ratings`` is used if present; if not, each rater is
        compared with the mean of the other raters for the same ratee and dimension.
    performance : DataFrame, optional
        Per-period levels (``ratees``, ``dimensions``, ``period``, ``level``, as
        ``Dataset.performance``); needed for recency, which is NaN without it.
    raters, ratees, dimensions, scores, true_scores : str
        Column names.
    thresholds : FlagThresholds, optional
        When to flag; default ``FlagThresholds()``.
    middle : float or None
        The middle of the scale, where leniency is measured (3 on the kit's 1–5 scale).
        None: leniency is the plain mean difference from the reference, without the
        central-tendency term, for a reference that hardly varies between ratees (the
        peers' mean of an imported export, ``kinerja_sim.byod.analysis.rater_profiles``),
        where central tendency cannot be estimated.
    min_ratees : int
        Raters with fewer ratees (with a reference) get no estimates (NaN, no flag).
    against : {"truth", "evidence"}
        What the given ``true_scores`` are, for the ``reference`` column and the words of
        the explanation: the latent truth, or the evidence-based reference score of each case
        (:func:`kinerja_sim.cases.reference.reference_scores`, passed as ``true_scores``),
        which is what a trainee's reading is judged against.
    lang : {"id", "en"}, optional
        Language of the explanation (default: the catalogue's current language).

    Returns
    -------
    DataFrame
        One row per rater: ``rater``; ``reference`` ("truth", "evidence" or "others"); ``n_ratings``
        and ``n_ratees`` with a reference; ``leniency`` (shift of the scores from the
        reference at the scale middle, scale points; equals mean score − reference
        without central tendency), ``central_tendency`` (share of the spread lost toward the
        middle), ``halo`` (share of the within-person differences lost), ``recency`` (as
        ``RaterBias.recency``), each with ``*_se``; ``flag_leniency`` (either direction),
        ``flag_central_tendency``, ``flag_halo``, ``flag_recency``; ``explanation``
        (what to do, from the message catalogue).

    Notes
    -----
    With reference x (truth or the others' mean) and score y of ratee i on dimension j:
    leniency = mean(y − x) + central_tendency × (mean(x) − 3), the shift at the middle of
    the scale (so that central tendency alone, with a reference mean away from 3, does not
    read as leniency); its se from the ratees' mean differences. The between-person
    slope b (ȳi. on x̄i.) and the within-person slope c (yij − ȳi. on xij − x̄i.) follow the
    bias model: b = 1 − central_tendency and c = (1 − halo) b. So halo = 1 − c/b, flagged
    when b − c is clear (z test with both standard errors). Central tendency = 1 − b
    (not pooled with the more precise c: c also holds the halo, and with a halo too small
    to test for with 20 cases the pooled value read halo as central tendency). Recency: the
    within-person regression of scores on the P period levels gives weights β_t; the centre of mass
    sum β_t s_t / sum β_t with s_t = (t − 1)/(P − 1) − 1/2 is matched to the weights exp(r s_t) of
    the rater model to give r (halo and central tendency scale every β_t alike and cancel); recency
    is flagged when the contrast sum β_t s_t is clearly above 0 (a linear test, free of the
    ratio's instability). Standard errors use the delta method. Estimates need ``min_ratees`` (3)
    ratees per rater. A signal is flagged only from :data:`MIN_CASES` ratees; central tendency only
    when the rater's mean score lies within ``thresholds.central_band`` of ``middle`` (otherwise a
    narrow range away from the middle is described, not named central tendency).

    Examples
    --------
    >>> import kinerja_sim
    >>> from kinerja_sim.raters import RaterBias, rate
    >>> ds = kinerja_sim.generate(n_offices=1, rng=5)
    >>> cases = ds.performance[ds.performance["employee_id"].isin(ds.employees["employee_id"][:20])]
    >>> ratings = rate(cases, [RaterBias(noise=0.3), RaterBias(leniency=0.6, noise=0.3)],
    ...                truth=ds.truth(), rng=5)
    >>> profile = rater_profile(ratings, performance=cases, lang="id")
    >>> profile["flag_leniency"].tolist()
    [False, True]
    >>> print(profile["explanation"][1])
    Nilai Anda rata-rata 0,... poin lebih tinggi dari nilai sebenarnya (murah hati). ...
    """
    thresholds = FlagThresholds() if thresholds is None else thresholds
    if not isinstance(thresholds, FlagThresholds):
        raise TypeError(f"thresholds must be a FlagThresholds, got {type(thresholds).__name__}")
    lang = check_choice("lang", lang or get_language(), ("id", "en"))
    against = check_choice("against", against, ("truth", "evidence"))
    min_ratees = check_int("min_ratees", min_ratees, minimum=2)
    if performance is not None:
        check_table(
            performance,
            "performance",
            ids=("ratees", "dimensions"),
            ratees=ratees,
            dimensions=dimensions,
            period="period",
            level="level",
        )
        numeric(performance, "level", "performance level")
    reference, rater_ids, rows, rater, ratee, y, x = _prepare(
        ratings, truth, raters, ratees, dimensions, scores, true_scores
    )
    if reference == "truth":
        reference = against
    n_raters = len(rater_ids)
    person = codes(rater.astype(np.int64) * (ratee.max() + 1 if len(ratee) else 1) + ratee)[0]
    if len(y) == 0:
        raise ValueError(
            "no rating has a reference: give the truth, or ratings where raters share ratees"
        )
    leniency, leniency_se, b, b_se, c, c_se, n_persons = _level_estimates(
        rater, person, n_raters, y, x
    )
    halo, halo_se, halo_z, central, central_se = _halo_and_central(b, b_se, c, c_se)
    if middle is not None:
        # the shift at the middle of the scale: a rater with central tendency alone is not lenient
        middle = check_number("middle", middle)
        offset = np.bincount(rater, weights=x - middle, minlength=n_raters) / np.bincount(
            rater, minlength=n_raters
        )
        leniency = leniency + central * offset
        leniency_se = np.sqrt(leniency_se**2 + (offset * central_se) ** 2)
    recency = recency_se = recency_z = np.full(n_raters, np.nan)
    periods = 2
    if performance is not None:
        levels = _period_levels(performance, rows, ratees, dimensions)
        recency, recency_se, recency_z, periods = _recency(
            rater, person, n_raters, n_persons, y, levels
        )
    table = pd.DataFrame(
        {
            "rater": rater_ids.astype(str),
            "reference": reference,
            "n_ratings": np.bincount(rater, minlength=n_raters),
            "n_ratees": n_persons,
            "leniency": leniency,
            "leniency_se": leniency_se,
            "central_tendency": central,
            "central_tendency_se": central_se,
            "halo": halo,
            "halo_se": halo_se,
            "recency": recency,
            "recency_se": recency_se,
        }
    )
    enough = n_persons >= min_ratees
    table.loc[~enough, list(PROFILE_COLUMNS[4:12])] = np.nan
    named = {name: enough & (n_persons >= MIN_CASES[name]) for name in BIASES}
    mean_score = np.bincount(rater, weights=y, minlength=n_raters) / np.maximum(
        np.bincount(rater, minlength=n_raters), 1
    )
    # central tendency as the kit defines it: scores piling up around the middle
    centred = (
        np.abs(mean_score - middle) <= thresholds.central_band
        if middle is not None
        else np.ones(n_raters, dtype=bool)
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        table["flag_leniency"] = (
            named["leniency"]
            & (np.abs(leniency) >= thresholds.leniency)
            & (np.abs(leniency) / leniency_se >= thresholds.z)
        )
        compressed = (
            named["central_tendency"]
            & (central >= thresholds.central_tendency)
            & (central / central_se >= thresholds.z)
        )
        table["flag_central_tendency"] = compressed & centred
        table["flag_halo"] = named["halo"] & (halo >= thresholds.halo) & (halo_z >= thresholds.z)
        table["flag_recency"] = (
            named["recency"] & (recency >= thresholds.recency) & (recency_z >= thresholds.z)
        )
    mean_difference = np.bincount(rater, weights=y - x, minlength=n_raters) / np.maximum(
        np.bincount(rater, minlength=n_raters), 1
    )
    extra = table.assign(
        mean_score=mean_score, narrow=compressed & ~centred, mean_difference=mean_difference
    )
    table["explanation"] = [
        _explain(row, reference, periods, lang, min_ratees, performance is not None)
        for row in extra.to_dict("records")
    ]
    return table[PROFILE_COLUMNS]
