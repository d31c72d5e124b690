"""Policy simulation: what if the rules or the appraisal practice change?

The default scenario is the status quo ("praktik-saat-ini"): PermenPAN-RB 6/2022 as it is
practised, supervisors with the administrative floor, no distribution curve. Policy
options (the curve, rater training, calibration committees, 360-degree input, other rules
including PP 46/2011 and PP 30/2019, organisation predicates, the TPP mapping) are compared
with Monte Carlo replications (:func:`compare`) on one of two paths: national counts
(:func:`simulate`, per-office counts chunk by chunk, one office up to the whole national
workforce, in one process or on Dask) or a small generated world (:func:`simulate_world`,
a kabupaten rated period by period). ``kinerja-sim simulate``, ``kinerja-sim compare`` and
``kinerja-sim report`` are the command-line entry points.

Examples
--------
>>> from kinerja_sim import policy
>>> base = policy.Scenario()
>>> table = policy.compare([base, base.replace(name="kurva", enforce_curve=True)],
...                        employees=5_000, replications=2, rng=1)
>>> sorted(table["scenario"].unique())
['kurva', 'praktik-saat-ini']
"""

import importlib

# The functions named like their modules (simulate, compare) are bound here, after their
# modules load; the rest loads on first use. Heavy libraries (scipy.stats, statsmodels,
# matplotlib, papermill) are imported inside the functions that need them, so
# ``kinerja-sim simulate`` starts without them (benchmarks/bench_policy.py).
from kinerja_sim.policy.compare import COMPARE_COLUMNS, compare, replicate, summarise_replications
from kinerja_sim.policy.simulate import Simulation, simulate

_EXPORTS = {
    "METRICS": "outcomes",
    "format_value": "outcomes",
    "leniency_share": "outcomes",
    "metric_labels": "outcomes",
    "plot_breakdown": "plots",
    "plot_offices": "plots",
    "plot_outcomes": "plots",
    "plan_offices": "population",
    "DEFAULT_TPP": "scenario",
    "Scenario": "scenario",
    "Study": "scenario",
    "load_scenario": "scenario",
    "load_study": "scenario",
    "scenario_from_mapping": "scenario",
    "scenario_presets": "scenario",
    "simulate_world": "small_world",
    "simulate_sensitivity": "sensitivity",
}


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f"kinerja_sim.policy.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kinerja_sim.policy' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))


__all__ = [
    "COMPARE_COLUMNS",
    "DEFAULT_TPP",
    "METRICS",
    "Scenario",
    "Simulation",
    "Study",
    "compare",
    "format_value",
    "leniency_share",
    "load_scenario",
    "load_study",
    "metric_labels",
    "plan_offices",
    "plot_breakdown",
    "plot_offices",
    "plot_outcomes",
    "replicate",
    "scenario_from_mapping",
    "scenario_presets",
    "simulate",
    "simulate_sensitivity",
    "simulate_world",
    "summarise_replications",
]
