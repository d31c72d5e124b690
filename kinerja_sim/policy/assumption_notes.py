"""Which assumption decides each answer of ``kinerja-sim simulate`` (issue #22 item 4).

One run of ``simulate`` varies only sampling noise, so its headline answers read as exact
although several hang on ASSUMPTIONs (``kinerja_sim.policy.assumptions``). For a built-in
scenario this module gives, per headline answer, its range over the documented assumptions
and the assumptions that drive it, from ``data/sensitivity_builtin.yaml`` (written by
``benchmarks/sensitivity_table.py`` with the Sobol study of ``kinerja_sim.policy.sensitivity``;
never edited by hand). Any other scenario gets one line saying its figures vary sampling
noise only, with the command that gives its ranges.

A scenario is built-in when its fields, the name aside, equal a preset's: ``simulate
--calibration`` on the status quo is ``rapat-kalibrasi``.

Examples
--------
>>> from kinerja_sim.policy.scenario import Scenario
>>> builtin_name(Scenario(calibration=True))
'rapat-kalibrasi'
>>> builtin_name(Scenario(trained_share=0.5)) is None
True
"""

from __future__ import annotations

import json
from functools import lru_cache

from kinerja_sim._core.data import read_yaml
from kinerja_sim._core.i18n import t
from kinerja_sim.policy.outcomes import format_range, format_value
from kinerja_sim.policy.scenario import Scenario, load_scenario, scenario_presets

__all__ = ["TABLE_FILE", "assumption_notes", "builtin_name", "builtin_table"]

#: The packaged table of the built-in scenarios' ranges over the assumptions.
TABLE_FILE = "sensitivity_builtin.yaml"
#: Answers that grow with the workforce; the table gives them for ``metadata.workforce`` ASN.
_TOTALS = ("tpp_total", "tukin_total", "incentive_total")
#: A second driver is named when its total Sobol index is at least this (the threshold of
#: ``SensitivityStudy.ranges`` and the README's table).
_STRONG = 0.05


@lru_cache(maxsize=1)
def builtin_table() -> dict:
    """``data/sensitivity_builtin.yaml``: ``metadata`` and, per built-in scenario, per
    headline answer, ``default``, ``p05``, ``p95`` and ``drivers`` (assumption, total index)."""
    return read_yaml(TABLE_FILE)


def _fields(scenario: Scenario) -> dict:
    fields = scenario.to_dict()
    fields.pop("name")
    return fields


@lru_cache(maxsize=1)
def _presets() -> tuple:
    return tuple((name, _fields(load_scenario(name))) for name in scenario_presets())


def builtin_name(scenario: Scenario) -> str | None:
    """The built-in scenario whose fields (the name aside) equal ``scenario``'s, or None."""
    fields = _fields(scenario)
    return next((name for name, preset in _presets() if preset == fields), None)


def _drivers(entry: dict, lang) -> str:
    drivers = entry.get("drivers") or []
    named = [d for i, d in enumerate(drivers) if i == 0 or d["total_index"] >= _STRONG]
    if not named:
        return t("sensitivity.report.no_driver", lang)
    labels = [t(f"sensitivity.assumption.{d['assumption']}", lang) for d in named]
    if len(labels) == 1:
        return labels[0]
    return t("sensitivity.simulate.two", lang, first=labels[0], second=labels[1])


def _changed_fields(scenario: Scenario) -> str:
    """The fields where ``scenario`` differs from ``Scenario()``, as YAML ``key: value``
    (JSON for non-strings, which YAML reads: ``true``, ``0.5``, ``{"a": 1}``)."""
    default = _fields(Scenario())
    return ", ".join(
        f"{key}: {value if isinstance(value, str) else json.dumps(value)}"
        for key, value in _fields(scenario).items()
        if default[key] != value
    )


def assumption_notes(scenario: Scenario, metrics, *, employees: int, source=None, lang=None):
    """What ``simulate`` prints about the assumptions: ``(notes, lines)``.

    ``notes`` maps each headline answer in ``metrics`` that the table holds to "rentang
    asumsi a–b; ditentukan terutama oleh ..." (the 5–95 % range of the Sobol sample; totals
    scaled from the table's workforce to ``employees``; both ends at three significant
    figures, :func:`~kinerja_sim.policy.outcomes.format_range`); ``lines`` are the closing lines:
    the source of the ranges for a built-in scenario, or for any other scenario that its
    figures vary sampling noise only and the command that gives its ranges (``source``: the
    ``--scenario`` file it came from unchanged, if any).
    """
    name = builtin_name(scenario)
    table = builtin_table()
    meta = table["metadata"]
    if name is None or name not in table["scenarios"]:
        if source is not None:
            command = f"kinerja-sim sensitivity --scenario {source}"
        else:
            command = t(
                "sensitivity.simulate.with_file", lang, fields=_changed_fields(scenario) or "-"
            )
        return {}, [t("sensitivity.simulate.sampling_only", lang, command=command)]
    answers = table["scenarios"][name]["answers"]
    notes = {}
    for metric in metrics:
        entry = answers.get(metric)
        if entry is None:
            continue
        scale = employees / meta["workforce"] if metric in _TOTALS else 1.0
        notes[metric] = t(
            "sensitivity.simulate.range",
            lang,
            range=format_range(metric, entry["p05"] * scale, entry["p95"] * scale, lang),
            drivers=_drivers(entry, lang),
        )
    line = t(
        "sensitivity.simulate.source",
        lang,
        scenario=name,
        base=format_value("count", meta["base"], lang),
        employees=format_value("count", meta["employees_per_run"], lang),
        seed=meta["seed"],
    )
    return notes, [line]
