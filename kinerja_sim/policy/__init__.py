"""Policy simulation: what if the rules or the appraisal practice change?

The default scenario is the status quo ("praktik-saat-ini"): PermenPAN-RB 6/2022 as it is
practised, supervisors with the administrative floor, no distribution curve. Policy
options (the curve, rater training, calibration committees, 360-degree input, other rules
including PP 46/2011 and PP 30/2019, organisation predicates, the TPP mapping) are compared
with Monte Carlo replications (:func:`compare`) on one of two paths: national counts
(:func:`simulate`, per-office counts chunk by chunk, one office up to the whole national
workforce, in one process or on Dask) or a small generated world (:func:`simulate_world`,
a kabupaten rated period by period). ``kinerja-sim simulate`` and ``kinerja-sim report``
are the command-line entry points.

Examples
--------
>>> from kinerja_sim import policy
>>> base = policy.Scenario()
>>> table = policy.compare([base, base.replace(name="kurva", enforce_curve=True)],
...                        employees=5_000, replications=2, rng=1)
>>> sorted(table["scenario"].unique())
['kurva', 'praktik-saat-ini']
"""
from kinerja_sim.policy.compare import COMPARE_COLUMNS, compare, replicate, summarise_replications
from kinerja_sim.policy.outcomes import METRICS, format_value, leniency_share, metric_labels
from kinerja_sim.policy.plots import plot_offices, plot_outcomes
from kinerja_sim.policy.population import plan_offices
from kinerja_sim.policy.scenario import (DEFAULT_TPP, Scenario, Study, load_scenario, load_study,
                                         scenario_from_mapping, scenario_presets)
from kinerja_sim.policy.simulate import Simulation, simulate
from kinerja_sim.policy.small_world import simulate_world

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
    "plot_offices",
    "plot_outcomes",
    "replicate",
    "scenario_from_mapping",
    "scenario_presets",
    "simulate",
    "simulate_world",
    "summarise_replications",
]
