"""Exercise 03_kenali_bias: which bias made this rating pattern?

A simulated supervisor (:func:`kinerja_sim.raters.rate`) with exactly one bias switched on
rates a dozen employees whose truth is known. The trainee sees the pattern (scores against
the truth, each person's profile over the eight dimensions, and the gap against the trend
over the year) and names the bias. The feedback explains the signature of the right bias
with the estimates of :func:`kinerja_sim.metrics.diagnostics.rater_profile` on the pattern,
said in words: the shift in points, the shares of the real differences that show (0-100%),
and the weights of the first and last quarter.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_choice, check_int
from kinerja_sim.dataset import generate
from kinerja_sim.metrics.diagnostics import rater_profile
from kinerja_sim.raters import RaterBias, rate, recency_weights
from kinerja_sim.training.exercises._common import Feedback, spawn
from kinerja_sim.world.offices import KEPALA_DAERAH

__all__ = ["BIASES", "EXERCISE", "BiasItem", "check_bias", "make_items"]

EXERCISE = "03_kenali_bias"
# One clear dose of each bias (ASSUMPTION: strong enough to see in 12 employees), on top of a
# little noise so the pattern is not artificially clean.
BIASES = {
    "leniency": RaterBias(leniency=0.9, noise=0.15),
    "severity": RaterBias(leniency=-0.9, noise=0.15),
    "central_tendency": RaterBias(central_tendency=0.7, noise=0.15),
    "halo": RaterBias(halo=0.9, noise=0.15),
    "recency": RaterBias(recency=5.0, noise=0.15),
}
EMPLOYEES = 12


@dataclass(frozen=True)
class BiasItem:
    """One pattern: ``item_id``, the hidden ``bias`` name, the ``ratings`` (with
    ``true_score``) and the ``performance`` of the employees rated (per period)."""

    item_id: str
    bias: str
    ratings: pd.DataFrame = field(repr=False)
    performance: pd.DataFrame = field(repr=False)

    def trend(self) -> pd.DataFrame:
        """Per employee: mean score, mean truth, and the change of level from the first to the
        last period (what recency picks up)."""
        levels = self.performance.groupby(["employee_id", "period"])["level"].mean().unstack()
        change = (levels.iloc[:, -1] - levels.iloc[:, 0]).rename("change")
        means = self.ratings.groupby("employee_id")[["score", "true_score"]].mean()
        return means.join(change).reset_index()


def make_items(n: int = 3, *, rng=None) -> list[BiasItem]:
    """``n`` patterns, each from a different bias, drawn from ``rng`` (an int seed or a Generator).

    Examples
    --------
    >>> items = make_items(2, rng=4)
    >>> len({item.bias for item in items}), len(items[0].ratings) == 12 * 8
    (2, True)
    """
    n = check_int("n", n, minimum=1, maximum=len(BIASES))
    world_rng, pick_rng, rate_rng = spawn(rng, 3)
    dataset = generate(n_offices=1, rng=world_rng)
    staff = dataset.employees.loc[
        dataset.employees["supervisor_id"] != KEPALA_DAERAH, "employee_id"
    ]
    names = list(BIASES)
    chosen = [names[i] for i in pick_rng.permutation(len(names))[:n]]
    items = []
    for position, (bias, stream) in enumerate(zip(chosen, rate_rng.spawn(n)), start=1):
        ids = pick_rng.choice(staff.to_numpy(), size=EMPLOYEES, replace=False)
        performance = dataset.performance[dataset.performance["employee_id"].isin(ids)]
        ratings = rate(performance, BIASES[bias], truth=dataset.truth(), rng=stream)
        items.append(
            BiasItem(f"pola-{position}", bias, ratings, performance.reset_index(drop=True))
        )
    return items


def _profile(item: BiasItem) -> pd.Series:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return rater_profile(item.ratings, performance=item.performance).iloc[0]


def _share(value) -> int:
    """A share of 0-1 as a whole percentage, clipped to 0-100 (estimates can overshoot)."""
    return int(round(100 * min(max(float(value), 0.0), 1.0))) if np.isfinite(value) else 0


def _estimates(profile: pd.Series, periods: int, lang) -> str:
    """The profile's estimates in words: shift in points, shares kept as 0-100%, period weights."""
    shift = float(profile["leniency"])
    if abs(shift) < 0.05:
        shift_text = t("profile.bias.shift_level", lang)
    else:
        key = "profile.bias.shift_up" if shift > 0 else "profile.bias.shift_down"
        shift_text = t(key, lang, value=number(abs(shift), 1, trim=False, lang=lang))
    recency = float(profile["recency"]) if np.isfinite(profile["recency"]) else 0.0
    weights = recency_weights(recency, max(periods, 2))[0]
    return t(
        "exercises.bias.estimates",
        lang,
        shift=shift_text,
        kept=_share(1 - profile["central_tendency"]),
        halo_kept=_share(1 - profile["halo"]),
        late=_share(weights[-1]),
        early=_share(weights[0]),
    )


def check_bias(item: BiasItem, choice: str, *, lang=None) -> Feedback:
    """Is ``choice`` (a key of :data:`BIASES`) the bias behind the pattern? Explain either way.

    Examples
    --------
    >>> item = make_items(1, rng=4)[0]
    >>> check_bias(item, item.bias).correct
    True
    """
    if choice is None or choice == "":
        raise ValueError(t("exercises.bias.choose", lang))
    choice = check_choice("choice", choice, BIASES)
    estimates = _estimates(_profile(item), item.performance["period"].nunique(), lang)
    right = t(f"exercises.bias.name.{item.bias}", lang)
    signature = t(f"exercises.bias.signature.{item.bias}", lang)
    if choice == item.bias:
        return Feedback(
            True, 1.0, t("exercises.bias.correct", lang, bias=right), (signature, estimates)
        )
    chosen = t(f"exercises.bias.name.{choice}", lang)
    would = t(
        "exercises.bias.would_show",
        lang,
        bias=chosen,
        signature=t(f"exercises.bias.signature.{choice}", lang),
    )
    return Feedback(
        False, 0.0, t("exercises.bias.wrong", lang, bias=right), (signature, would, estimates)
    )
