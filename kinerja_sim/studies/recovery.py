"""Recovery study: do the rater diagnostics find a bias that was put in on purpose?

Raters are simulated with :func:`kinerja_sim.raters.rate` on workshop-size case sets (20
employees of a generated kabupaten, 8 dimensions, 4 quarters of evidence) and profiled with
:func:`kinerja_sim.metrics.rater_profile`. Each case set is rated by one rater per
*condition*: no injected bias ("none"), or one of the four diagnosed biases set to a
chosen magnitude: half its flag threshold, the threshold itself, or a magnitude a trainer
would call clear (:data:`CLEAR_BIASES`).

Settings
--------
baseline
    ``"kit"``: every rater has the baseline error of :data:`BASELINE` (idiosyncratic
    liking sd .3, noise sd .3) and no other bias. A preset name (``"supervisory"``, or
    ``"praktik"`` when the kit has it) or a :class:`~kinerja_sim.raters.RaterPopulation`:
    each rater is drawn from that population, so it carries the population's own biases
    (e.g. the supervisory preset's halo .35 and recency .8), and the injected bias
    replaces the drawn value of that one field.
reference
    ``"truth"``: the profile compares with the true scores (training exercises).
    ``"peers"``: no truth; each studied rater is profiled together with ``n_peers``
    other raters drawn from the same baseline without an injected bias, who rate the same
    cases, and compared with their mean (the only reference real group ratings have).

A flag is *false* when the rater's true value of that bias is below half its threshold
(for leniency, in absolute value). Under the peer reference, the true value is relative
to the peers' mean: the difference for leniency and recency, and ``1 − (1 − own) /
(1 − peers)`` for central tendency and halo (what the slopes of the profile measure when
the reference shares the bias).

The thresholds of :class:`~kinerja_sim.metrics.diagnostics.FlagThresholds` were fixed on
the tuning seeds :data:`TUNING_SEEDS` (``benchmarks/recovery.py --tune``) and the figures
of the README are printed on the other seeds :data:`REPORT_SEEDS` (``make bench``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_choice, check_int, check_rng
from kinerja_sim.metrics.diagnostics import BIASES, FlagThresholds, rater_profile

__all__ = ["BASELINE", "CLEAR_BIASES", "REPORT_SEEDS", "TUNING_SEEDS", "recovery_study"]

# A "clear" bias (ASSUMPTION: about twice the flag threshold): scores 0.5 points off; 60%
# of the spread between employees lost; 70% of the differences between dimensions lost;
# the last quarter weighing 52% and the first 7% (recency 2, 4 quarters).
CLEAR_BIASES = {"leniency": 0.5, "central_tendency": 0.6, "halo": 0.7, "recency": 2.0}
BASELINE = {"idiosyncratic": 0.3, "noise": 0.3}
LEVELS = ("half", "threshold", "clear")
# Seeds of the study: thresholds were chosen on the first, figures are reported on the second.
TUNING_SEEDS = (101, 102, 103)
REPORT_SEEDS = (2024, 2025, 2026)


def _magnitude(name, level, thresholds):
    if level == "clear":
        return CLEAR_BIASES[name]
    return {"half": 0.5, "threshold": 1.0}[level] * getattr(thresholds, name)


def _conditions(levels, thresholds, magnitudes=None):
    """(condition, level, bias, magnitude) for 'none' and each bias at each level."""
    rows = [("none", "none", None, 0.0)]
    for level in levels:
        for name in BIASES:
            value = (
                magnitudes[name] if magnitudes is not None else _magnitude(name, level, thresholds)
            )
            rows.append(
                (name if level == "clear" else f"{name}@{level}", level, name, float(value))
            )
    return rows


def _baseline_population(baseline):
    from kinerja_sim.raters import PRESETS, RaterPopulation

    if isinstance(baseline, RaterPopulation) or baseline == "kit":
        return baseline
    if isinstance(baseline, str) and baseline in PRESETS:
        return PRESETS[baseline]
    raise ValueError(
        f"baseline must be 'kit', one of {', '.join(map(repr, PRESETS))} or a RaterPopulation, "
        f"got {baseline!r}"
    )


def _draw(population, n, prefix, rng):
    """``n`` raters of the baseline, as a bias table with ids ``prefix01``..."""
    from kinerja_sim.raters import BIAS_FIELDS, RaterBias

    if population == "kit":
        bias = RaterBias(**BASELINE).to_dict()
        table = pd.DataFrame({name: np.full(n, bias[name]) for name in BIAS_FIELDS})
        table.insert(0, "rater_id", [f"{prefix}{i + 1:02d}" for i in range(n)])
        return table
    table = population.draw(n, rng=rng)
    table["rater_id"] = [f"{prefix}{i + 1:02d}" for i in range(n)]
    return table


def _relative(own, peers):
    """The bias a peer-referenced profile measures: own value relative to the peers' mean."""
    out = {}
    for name in BIASES:
        mean = float(np.mean(peers[name]))
        if name in ("central_tendency", "halo"):
            out[name] = 1 - (1 - own[name]) / (1 - mean)
        else:
            out[name] = own[name] - mean
    return out


def _peer_profiles(ratings, cases, rater_ids, thresholds):
    """Profile each studied rater against the peers only: one panel (copy of the cases) per
    rater.
    """
    peers = ratings[ratings["rater_id"].str.startswith("P")]
    panels, performance = [], []
    for i, rater_id in enumerate(rater_ids):
        panel = pd.concat([ratings[ratings["rater_id"] == rater_id], peers], ignore_index=True)
        panels.append(panel.assign(employee_id=panel["employee_id"] + f"#{i}"))
        performance.append(cases.assign(employee_id=cases["employee_id"] + f"#{i}"))
    profile = rater_profile(
        pd.concat(panels, ignore_index=True),
        performance=pd.concat(performance),
        thresholds=thresholds,
        lang="en",
    )
    return profile.set_index("rater").loc[list(rater_ids)].reset_index()


def recovery_study(
    n_replications: int = 200,
    *,
    n_cases: int = 20,
    baseline="kit",
    reference: str = "truth",
    levels=("clear",),
    magnitudes=None,
    n_peers: int = 5,
    thresholds=None,
    rng=None,
) -> pd.DataFrame:
    """Share of simulated raters flagged for their injected bias, for each bias, and falsely.

    Parameters
    ----------
    n_replications : int
        Case sets drawn; each is rated by one rater per condition.
    n_cases : int
        Employees per case set (a workshop: 20).
    baseline : "kit", str or RaterPopulation
        The raters' errors besides the injected bias (see the module notes).
    reference : {"truth", "peers"}
        Profile against the true scores, or against ``n_peers`` unbiased peers.
    levels : sequence of {"half", "threshold", "clear"}
        Magnitudes of the injected biases: half the flag threshold, the threshold, or
        :data:`CLEAR_BIASES`.
    magnitudes : dict, optional
        Inject exactly these magnitudes (one per bias) instead; then ``levels`` must
        have one element, which names the rows.
    n_peers : int
        Peers per studied rater under ``reference="peers"``.
    thresholds : FlagThresholds, optional
        The flag rule; default ``FlagThresholds()``.
    rng : None, int or numpy.random.Generator
        Source of randomness.

    Returns
    -------
    DataFrame
        One row per condition ("none", then each bias at each level): ``condition``,
        ``level``, ``magnitude`` (injected value), ``replications``, ``recovered`` (share
        flagged for the injected bias and no other; for "none": share with no flag),
        ``flag_leniency``, ``flag_central_tendency``, ``flag_halo``, ``flag_recency``
        (share flagged for each), ``false_flag`` (share flagged for a bias whose true
        value is below half its threshold).

    Examples
    --------
    >>> table = recovery_study(3, rng=1)
    >>> table["condition"].tolist()
    ['none', 'leniency', 'central_tendency', 'halo', 'recency']
    >>> recovery_study(2, reference="peers", levels=["half"], rng=1)["condition"].tolist()[:2]
    ['none', 'leniency@half']
    """
    import kinerja_sim
    from kinerja_sim.raters import rate

    n_replications = check_int("n_replications", n_replications, minimum=1)
    n_cases = check_int("n_cases", n_cases, minimum=3)
    n_peers = check_int("n_peers", n_peers, minimum=2)
    reference = check_choice("reference", reference, ("truth", "peers"))
    levels = [check_choice("levels", level, LEVELS) for level in levels]
    if magnitudes is not None and (len(levels) != 1 or set(magnitudes) != set(BIASES)):
        raise ValueError(
            f"magnitudes needs one value for each of {', '.join(BIASES)} and exactly one level, "
            f"got {magnitudes!r} with levels {levels!r}"
        )
    thresholds = FlagThresholds() if thresholds is None else thresholds
    if not isinstance(thresholds, FlagThresholds):
        raise TypeError(f"thresholds must be a FlagThresholds, got {type(thresholds).__name__}")
    population = _baseline_population(baseline)
    rng = check_rng(rng)
    conditions = _conditions(levels, thresholds, magnitudes)
    world = kinerja_sim.generate(n_offices=6, rng=rng)
    truth, performance = world.truth(), world.performance
    employees = performance["employee_id"].unique()
    records = []
    for _ in range(n_replications):
        cases = performance[
            performance["employee_id"].isin(rng.choice(employees, n_cases, replace=False))
        ]
        raters = _draw(population, len(conditions), "C", rng)
        for i, (_, _, name, value) in enumerate(conditions):
            if name is not None:
                raters.loc[i, name] = value
        if reference == "truth":
            profile = rater_profile(
                rate(cases, raters, truth=truth, rng=rng),
                performance=cases,
                thresholds=thresholds,
                lang="en",
            )
            profile = profile.set_index("rater").loc[raters["rater_id"]].reset_index()
            true_values = raters[list(BIASES)].to_dict("records")
        else:
            peers = _draw(population, n_peers, "P", rng)
            ratings = rate(cases, pd.concat([raters, peers], ignore_index=True), rng=rng)
            profile = _peer_profiles(ratings, cases, raters["rater_id"], thresholds)
            true_values = [
                _relative(raters.loc[i, list(BIASES)], peers) for i in range(len(raters))
            ]
        for i, (condition, level, name, value) in enumerate(conditions):
            flags = {bias: bool(profile.loc[i, f"flag_{bias}"]) for bias in BIASES}
            # (1e-9: 1 − 0.8/1 is 0.19999999999999996, which must not count as below 0.2)
            false = any(
                flags[bias] and abs(true_values[i][bias]) < getattr(thresholds, bias) / 2 - 1e-9
                for bias in BIASES
            )
            records.append(
                {
                    "condition": condition,
                    "level": level,
                    "bias": name,
                    "magnitude": value,
                    "false_flag": false,
                    **{f"flag_{bias}": flags[bias] for bias in BIASES},
                }
            )
    return _summarise(pd.DataFrame(records), conditions)


def _summarise(records, conditions):
    flags = [f"flag_{name}" for name in BIASES]
    rows = []
    for condition, level, name, value in conditions:
        group = records[records["condition"] == condition]
        if name is None:
            recovered = ~group[flags].any(axis=1)
        else:
            recovered = group[f"flag_{name}"] & ~group[flags].drop(columns=f"flag_{name}").any(
                axis=1
            )
        rows.append(
            {
                "condition": condition,
                "level": level,
                "magnitude": value,
                "replications": len(group),
                "recovered": recovered.mean(),
                **group[flags].mean().to_dict(),
                "false_flag": group["false_flag"].mean(),
            }
        )
    return pd.DataFrame(rows)


if __name__ == "__main__":  # pragma: no cover
    print("The recovery study runs in benchmarks/recovery.py (make bench); one setting here:")
    print(
        recovery_study(200, rng=REPORT_SEEDS[0]).to_string(
            index=False, float_format=lambda v: f"{v:.3f}"
        )
    )
