"""Recovery study: do the rater diagnostics find a bias that was put in on purpose?

Raters are simulated with :func:`kinerja_sim.raters.rate` on workshop-size case sets (20
employees of a generated kabupaten, 8 dimensions, 4 quarters of evidence), each with the
baseline error of a supervisor (idiosyncratic liking sd 0.3, noise sd 0.3) and one bias
at a magnitude a trainer would call clear (:data:`CLEAR_BIASES`), or none. Print the
figures with::

    python -m kinerja_sim.metrics.recovery
"""
from __future__ import annotations

import pandas as pd

from kinerja_sim._validate import check_int, check_rng
from kinerja_sim.metrics.diagnostics import BIASES, rater_profile

__all__ = ["BASELINE", "CLEAR_BIASES", "recovery_study"]

# A "clear" bias (ASSUMPTION, tuned to what 20 cases × 8 dimensions can show): scores 0.5
# points off; 60% of the spread between employees lost; 70% of the differences between
# dimensions lost; the last quarter weighing 52% and the first 7% (recency 2, 4 quarters).
CLEAR_BIASES = {"leniency": 0.5, "central_tendency": 0.6, "halo": 0.7, "recency": 2.0}
BASELINE = {"idiosyncratic": 0.3, "noise": 0.3}


def _raters():
    from kinerja_sim.raters import RaterBias
    conditions = {"none": {}, **{name: {name: value} for name, value in CLEAR_BIASES.items()}}
    return list(conditions), [RaterBias(**BASELINE, **bias) for bias in conditions.values()]


def recovery_study(n_replications: int = 200, *, n_cases: int = 20, rng=None) -> pd.DataFrame:
    """Share of simulated raters flagged for their injected bias, and for each bias.

    Parameters
    ----------
    n_replications : int
        Case sets drawn; each is rated by one rater per condition.
    n_cases : int
        Employees per case set (a workshop: 20).
    rng : None, int or numpy.random.Generator
        Source of randomness.

    Returns
    -------
    DataFrame
        One row per condition ("none" and each bias): ``condition``, ``magnitude``,
        ``replications``, ``recovered`` (share flagged for the injected bias and no other;
        for "none": share with no flag), ``flag_leniency``, ``flag_central_tendency``,
        ``flag_halo``, ``flag_recency`` (share flagged for each).

    Examples
    --------
    >>> table = recovery_study(3, rng=1)
    >>> table["condition"].tolist()
    ['none', 'leniency', 'central_tendency', 'halo', 'recency']
    """
    import kinerja_sim
    from kinerja_sim.raters import rate

    n_replications = check_int("n_replications", n_replications, minimum=1)
    n_cases = check_int("n_cases", n_cases, minimum=3)
    rng = check_rng(rng)
    world = kinerja_sim.generate(n_offices=6, rng=rng)
    truth, performance = world.truth(), world.performance
    employees = performance["employee_id"].unique()
    names, biases = _raters()
    profiles = []
    for _ in range(n_replications):
        cases = performance[performance["employee_id"].isin(rng.choice(employees, n_cases, replace=False))]
        profile = rater_profile(rate(cases, biases, truth=truth, rng=rng), performance=cases)
        profiles.append(profile.assign(condition=names))
    return _summarise(pd.concat(profiles, ignore_index=True), names)


def _summarise(profiles, names):
    flags = [f"flag_{name}" for name in BIASES]
    rows = []
    for name in names:
        group = profiles.loc[profiles["condition"] == name, flags]
        if name == "none":
            recovered = ~group.any(axis=1)
        else:
            recovered = group[f"flag_{name}"] & ~group.drop(columns=f"flag_{name}").any(axis=1)
        rows.append({"condition": name, "magnitude": CLEAR_BIASES.get(name, 0.0),
                     "replications": len(group), "recovered": recovered.mean(), **group.mean().to_dict()})
    return pd.DataFrame(rows)


if __name__ == "__main__":  # pragma: no cover
    table = recovery_study(500, rng=2024)
    print("Recovery study: 500 case sets of 20 employees x 8 dimensions x 4 quarters, rng=2024")
    print(f"baseline error: {BASELINE}; clear biases: {CLEAR_BIASES}")
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
