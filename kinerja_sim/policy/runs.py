"""Runs kept on disk: per-office results with what is needed to reproduce them, and their
comparison.

:func:`write_run` writes ``Simulation.offices`` to the format the file's extension names:
``.parquet`` (pyarrow, with the run's description in the schema metadata under the key
``kinerja_sim``: the kit's version, the seed, the employees and chunk size, the regime, its
categories and the scenario's full parameters) or ``.csv`` (the same table, no metadata).
:func:`read_run` reads a Parquet run back; :func:`compare_runs` and :func:`joint_difference`
give what ``kinerja-sim compare A.parquet B.parquet`` prints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja_sim._core.i18n import t
from kinerja_sim._core.sheets import write_csv
from kinerja_sim.policy.breakdown import joint_table
from kinerja_sim.policy.outcomes import format_value, metric_labels, metrics_for, summarise

__all__ = [
    "FORMATS",
    "METADATA_KEY",
    "Run",
    "check_out_path",
    "compare_runs",
    "joint_difference",
    "metadata_differences",
    "read_run",
    "run_metadata",
    "write_run",
]

METADATA_KEY = b"kinerja_sim"
FORMATS = (".parquet", ".csv")


def check_out_path(path) -> Path:
    """The output path if its folder exists and its extension names a format; else ValueError.

    Examples
    --------
    >>> check_out_path("hasil.parquet").suffix
    '.parquet'
    """
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ValueError(
            t(
                "analyst.out.format",
                path=path,
                suffix=path.suffix or "-",
                formats=", ".join(FORMATS),
            )
        )
    folder = path.parent
    if not folder.is_dir():
        raise ValueError(t("analyst.out.no_folder", path=path, folder=folder))
    return path


def _plain(value):
    """A scenario field as JSON-ready values (a fitted rater population by its name)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, np.generic):
        return value.item()
    return getattr(value, "name", repr(value))


def run_metadata(simulation) -> dict:
    """What a run file records: version, seed, sizes, regime, categories, scenario parameters."""
    from kinerja_sim import __version__

    scenario = simulation.scenario
    run = dict(getattr(simulation, "run", {}) or {})
    return {
        "version": __version__,
        "seed": run.get("seed"),
        "employees": run.get("employees", int(simulation.offices["n"].sum())),
        "chunk_size": run.get("chunk_size"),
        "replications": run.get("replications", 1),
        "regime": scenario.rule_set.regime,
        "categories": list(scenario.categories),
        "keys": list(simulation.keys),
        "scenario": _plain(scenario.to_dict()),
    }


def write_run(simulation, path) -> Path:
    """Write the per-office table of ``simulation`` to ``path`` (``.parquet`` or ``.csv``).

    The folder must exist and the extension must name a format (:func:`check_out_path`).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = check_out_path(path)
    table = simulation.offices.copy()
    table["kind"] = table["kind"].astype(str)
    table["scenario"] = simulation.scenario.name
    if path.suffix.lower() == ".csv":
        write_csv(table, path)
        return path
    arrow = pa.Table.from_pandas(table, preserve_index=False)
    meta = json.dumps(run_metadata(simulation), ensure_ascii=False, sort_keys=True)
    arrow = arrow.replace_schema_metadata(
        {**(arrow.schema.metadata or {}), METADATA_KEY: meta.encode("utf-8")}
    )
    pq.write_table(arrow, path)
    return path


@dataclass(frozen=True)
class Run:
    """A run read back from Parquet: the per-office table and its metadata
    (:func:`run_metadata`)."""

    path: Path
    offices: pd.DataFrame
    metadata: dict

    @property
    def keys(self) -> tuple:
        return tuple(self.metadata["keys"])

    @property
    def categories(self) -> tuple:
        return tuple(self.metadata["categories"])

    @property
    def name(self) -> str:
        return str(self.metadata["scenario"].get("name", self.path.stem))

    @property
    def confusion(self) -> np.ndarray:
        return joint_table(self.offices, self.keys, self.categories).to_numpy()

    def outcomes(self) -> dict:
        return summarise(self.offices, self.confusion, self.keys)


def read_run(path) -> Run:
    """A run written by :func:`write_run` (Parquet), or ValueError in the catalogue's language."""
    import pyarrow.parquet as pq

    path = Path(path)
    if not path.is_file():
        raise ValueError(t("analyst.run.missing", path=path))
    if path.suffix.lower() != ".parquet":
        raise ValueError(t("analyst.run.not_parquet", path=path))
    try:
        table = pq.read_table(path)
    except Exception as error:  # pyarrow raises several types for a file that is not Parquet
        raise ValueError(t("analyst.run.unreadable", path=path, error=error)) from None
    raw = (table.schema.metadata or {}).get(METADATA_KEY)
    if raw is None:
        raise ValueError(t("analyst.run.no_metadata", path=path))
    return Run(path, table.to_pandas(), json.loads(raw.decode("utf-8")))


def _flatten(mapping, prefix=""):
    out = {}
    for key, value in mapping.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out.update(_flatten(value, f"{name}."))
        else:
            out[name] = value
    return out


def metadata_differences(a: Run, b: Run) -> pd.DataFrame:
    """Every recorded field that differs between two runs: ``field``, ``a``, ``b`` (as text)."""
    fields_a = _flatten({k: v for k, v in a.metadata.items() if k not in ("keys",)})
    fields_b = _flatten({k: v for k, v in b.metadata.items() if k not in ("keys",)})
    rows = [
        {"field": name, "a": _text(fields_a.get(name)), "b": _text(fields_b.get(name))}
        for name in dict.fromkeys([*fields_a, *fields_b])
        if fields_a.get(name) != fields_b.get(name)
    ]
    return pd.DataFrame(rows, columns=["field", "a", "b"])


def _text(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def compare_runs(a: Run, b: Run, *, lang=None) -> pd.DataFrame:
    """The headline answers of two runs side by side: ``metric``, ``label``, ``a``, ``b``,
    ``difference`` (values) and ``a_text``, ``b_text``, ``difference_text`` (as people read them).

    Outcomes one of the runs lacks (other regimes' categories) are left out.
    """
    values_a, values_b = a.outcomes(), b.outcomes()
    names = [m for m in metrics_for(a.keys, scored="sum_score" in a.offices) if m in values_b]
    labels = metric_labels(lang, names)
    rows = []
    for metric in names:
        va, vb = values_a[metric], values_b[metric]
        diff = vb - va
        rows.append(
            {
                "metric": metric,
                "label": labels[metric],
                "a": va,
                "b": vb,
                "difference": diff,
                "a_text": format_value(metric, va, lang),
                "b_text": format_value(metric, vb, lang),
                "difference_text": _signed(metric, diff, lang),
            }
        )
    return pd.DataFrame(rows)


def _signed(metric, value, lang) -> str:
    if value != value:
        return "-"
    text = format_value(metric, abs(value), lang)
    if metric.startswith(("share_", "agreement", "top_", "wrong_", "curve_", "leniency_")):
        text = text.replace("%", " " + t("analyst.compare.points", lang))
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def joint_difference(a: Run, b: Run) -> pd.DataFrame:
    """The joint table of ``b`` minus that of ``a`` (employees), if both have the same
    categories."""
    if a.keys != b.keys:
        raise ValueError(t("analyst.compare.other_categories"))
    return joint_table(b.offices, b.keys, b.categories) - joint_table(
        a.offices, a.keys, a.categories
    )
