"""Labels, the capaian formula and the base class shared by every rule set.

Nothing here is specific to one regime: the labels of PermenPAN-RB 6/2022 (HIGH), the
capaian of an indicator (realisation over target, HIGH in PermenPAN-RB 8/2021 and 6/2022)
and helpers that let every rule accept a scalar, a list, a numpy array or a Series.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import yaml

from kinerja_sim.world.offices import ORGANISATION_PREDICATES  # defined with the offices

__all__ = [
    "DI_ATAS",
    "DI_BAWAH",
    "PREDICATES",
    "RATINGS",
    "ORGANISATION_PREDICATES",
    "SESUAI",
    "RuleSet",
    "capaian",
]

DI_BAWAH, SESUAI, DI_ATAS = "Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Di Atas Ekspektasi"
#: Rating Hasil Kerja and Rating Perilaku Kerja, worst first (PermenPAN-RB 6/2022, HIGH).
RATINGS = (DI_BAWAH, SESUAI, DI_ATAS)
#: Predikat Kinerja Pegawai, best first: the ladder used by the distribution curve.
PREDICATES = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang")


def capaian(realisation, target, direction="higher"):
    """Capaian (achievement) of an indicator in percent.

    Parameters
    ----------
    realisation, target : float or array-like
        The realised value and the target, in the same unit.
    direction : {"higher", "lower"} or array-like of them
        "lower" where a smaller realisation is better (e.g. days to issue a permit).

    Returns
    -------
    float or numpy.ndarray
        ``R / T × 100``, or ``(2 − R / T) × 100`` where smaller is better; NaN when the
        target is 0.

    Notes
    -----
    PermenPAN-RB 8/2021 Lampiran and SPEC 2.2 (HIGH).

    Examples
    --------
    >>> capaian(45, 50)
    90.0
    >>> capaian([3, 5], [4, 4], direction=["lower", "lower"]).tolist()
    [125.0, 75.0]
    """
    r, t = np.asarray(realisation, dtype=float), np.asarray(target, dtype=float)
    lower = np.asarray(direction) == "lower"
    bad = ~np.isin(np.asarray(direction), ["higher", "lower"])
    if np.any(bad):
        raise ValueError(
            f"direction must be 'higher' or 'lower', got {np.asarray(direction)[bad].ravel()[0]!r}"
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(t == 0, np.nan, r / np.where(t == 0, 1.0, t))
    return unwrap(np.where(lower, 2.0 - ratio, ratio) * 100.0, realisation, target)


def as_array(values, dtype=float):
    """``values`` as a 1-d numpy array, and a function that gives results back in the same shape."""
    if isinstance(values, pd.Series):
        return values.to_numpy(dtype=dtype if dtype is float else object), lambda out: pd.Series(
            out, index=values.index
        )
    array = np.asarray(values, dtype=dtype if dtype is float else object)
    if array.ndim == 0:
        return array.reshape(1), lambda out: out[0].item() if hasattr(out[0], "item") else out[0]
    return array, lambda out: np.asarray(out)


def unwrap(out, *inputs):
    """A 0-d result as a Python float, a result from a Series as a Series."""
    for item in inputs:
        if isinstance(item, pd.Series):
            return pd.Series(np.broadcast_to(out, item.shape), index=item.index)
    out = np.asarray(out, dtype=float)
    return float(out) if out.ndim == 0 else out


def codes(labels, known, name):
    """Positions of ``labels`` in ``known``; a ValueError names the first unknown label."""
    array = np.asarray(
        labels.to_numpy() if isinstance(labels, pd.Series) else labels, dtype=object
    ).ravel()
    lookup = {label: i for i, label in enumerate(known)}
    out = np.fromiter((lookup.get(label, -1) for label in array), dtype=np.int64, count=array.size)
    if np.any(out < 0):
        bad = array[out < 0][0]
        raise ValueError(f"{name} must be one of {', '.join(map(repr, known))}, got {bad!r}")
    return out


def thresholds_to_labels(values, cuts, labels):
    """Label each value by the half-open bands ``[-inf, cuts[0]), [cuts[0], cuts[1]), ...``."""
    array, back = as_array(values)
    index = np.searchsorted(np.asarray(cuts, dtype=float), array, side="right")
    out = np.asarray(labels, dtype=object)[index]
    out[np.isnan(array)] = None
    return back(out)


class RuleSet:
    """A regime's rules, built from its plain description (a mapping read from YAML).

    Subclasses add the regime's functions; this base keeps the description, its name,
    title and sources, and prints it readably.
    """

    def __init__(self, spec: dict):
        self.spec = spec
        self.name = spec["name"]
        self.regime = spec["regime"]
        self.title = spec.get("title", self.name)
        self.sources = tuple(spec.get("sources", ()))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}: {self.title}>"

    def confidence(self) -> pd.DataFrame:
        """One row per rule: ``rule``, ``confidence`` (HIGH, MEDIUM or ASSUMPTION), ``source``."""
        rows = [
            {"rule": key, "confidence": block["confidence"], "source": block.get("source", "")}
            for key, block in self.spec.items()
            if isinstance(block, dict) and "confidence" in block
        ]
        return pd.DataFrame(rows, columns=["rule", "confidence", "source"])

    def describe(self) -> str:
        """The full description as readable YAML text (what ``kinerja-sim rules show`` prints)."""
        return yaml.safe_dump(self.spec, allow_unicode=True, sort_keys=False, width=100)
