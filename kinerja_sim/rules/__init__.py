"""Appraisal rule sets as data: PermenPAN-RB 6/2022, PP 30/2019, PP 46/2011 and custom files.

Each regime is described by a YAML file shipped in this package, which cites its legal
source and states, per rule, its confidence: HIGH or MEDIUM (regulation) or ASSUMPTION
(a modelling choice of the kit). Copy a file, change it and load the copy.

Examples
--------
>>> from kinerja_sim import rules
>>> rules.available()
('permenpanrb-6-2022', 'pp-30-2019', 'pp-46-2011')
>>> rs = rules.load("permenpanrb-6-2022")
>>> rs.predicate("Sesuai Ekspektasi", "Di Atas Ekspektasi")
'Baik'
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from kinerja_sim.rules._common import (ORGANISATION_PREDICATES, PREDICATES, RATINGS, RuleSet,
                                       capaian)
from kinerja_sim.rules._schema import REGIMES, validate
from kinerja_sim.rules.compare import compare_regimes
from kinerja_sim.rules.curve import Curve, CurveCheck, CurveEnforcement
from kinerja_sim.rules.legacy import PP30_2019, PP46_2011, PP30Scores, PP46Scores
from kinerja_sim.rules.permenpanrb import PermenPANRB2022

__all__ = [
    "ORGANISATION_PREDICATES",
    "PREDICATES",
    "RATINGS",
    "REGIMES",
    "Curve",
    "CurveCheck",
    "CurveEnforcement",
    "PP30Scores",
    "PP30_2019",
    "PP46Scores",
    "PP46_2011",
    "PermenPANRB2022",
    "RuleSet",
    "available",
    "capaian",
    "compare_regimes",
    "from_mapping",
    "load",
    "read_spec",
    "validate",
]

_CLASSES = {"permenpanrb-6-2022": PermenPANRB2022, "pp-30-2019": PP30_2019, "pp-46-2011": PP46_2011}


def available() -> tuple[str, ...]:
    """Names of the built-in rule sets."""
    return REGIMES


def read_spec(name_or_path) -> dict:
    """The description of a built-in rule set (by name) or of a YAML file (by path), unchecked.

    Raises
    ------
    ValueError
        When the file is not YAML; OSError when it cannot be read.
    """
    if isinstance(name_or_path, str) and name_or_path in REGIMES:
        text = (resources.files("kinerja_sim.rules") / f"{name_or_path}.yaml").read_text(encoding="utf-8")
        source = name_or_path
    else:
        path = Path(name_or_path)
        if not path.is_file():
            known = ", ".join(REGIMES)
            raise FileNotFoundError(f"{name_or_path}: no such rule file and not a built-in rule set ({known})")
        text, source = path.read_text(encoding="utf-8"), str(path)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or type(error).__name__
        raise ValueError(f"{source}: not a readable YAML file ({problem}{where})") from None


def from_mapping(spec) -> RuleSet:
    """Build a rule set from a description (a mapping as read from YAML), after validation."""
    problems = validate(spec)
    if problems:
        raise ValueError("invalid rule set:\n" + "\n".join(problems))
    return _CLASSES[spec["regime"]](spec)


def load(name_or_path) -> RuleSet:
    """A rule set by built-in name (``permenpanrb-6-2022``, ``pp-30-2019``, ``pp-46-2011``) or YAML path.

    Raises
    ------
    ValueError
        Listing every problem of an invalid file, one per line, each naming the field and
        what was expected.
    """
    spec = read_spec(name_or_path)
    try:
        return from_mapping(spec)
    except ValueError as error:
        raise ValueError(f"{name_or_path}: {error}") from None
