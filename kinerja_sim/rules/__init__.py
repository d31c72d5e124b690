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

import codecs
from importlib import resources
from pathlib import Path

import yaml

from kinerja_sim._core.data import safe_load
from kinerja_sim._core.i18n import t
from kinerja_sim.rules._common import (ORGANISATION_PREDICATES, PREDICATES, RATINGS, RuleSet,
                                       capaian)
from kinerja_sim.rules._schema import REGIMES, validate
from kinerja_sim.rules.compare import compare_regimes
from kinerja_sim.rules.curve import Curve, CurveCheck, CurveEnforcement
from kinerja_sim.rules.pp30 import PP30_2019, PP30Scores
from kinerja_sim.rules.pp46 import PP46_2011, PP46Scores
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
        When the file is not UTF-8 text (UTF-16 or UTF-32, another encoding, binary data)
        or not YAML: one line naming the file and the problem, in the catalogue's
        language. OSError when it cannot be read.
    """
    if isinstance(name_or_path, str) and name_or_path in REGIMES:
        text = (resources.files("kinerja_sim.rules") / f"{name_or_path}.yaml").read_text(encoding="utf-8")
        source = name_or_path
    else:
        path = Path(name_or_path)
        if not path.is_file():
            known = ", ".join(REGIMES)
            from kinerja_sim._core.i18n import t
            raise FileNotFoundError(t("cli.no_rule_file", name=name_or_path, known=known))
        text, source = _read_text(path), str(path)
    try:
        return safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or type(error).__name__
        raise ValueError(f"{source}: not a readable YAML file ({problem}{where})") from None


_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def _read_text(path: Path) -> str:
    """The file as UTF-8 text (a byte order mark allowed), or one line naming the file and the problem."""
    data = path.read_bytes()
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    head = data[:4096]
    if encoding is None and head.count(0) and head.count(0) >= len(head) // 3 and (
            head[0::2].count(0) > 0.9 * len(head[0::2]) or head[1::2].count(0) > 0.9 * len(head[1::2])):
        encoding = "UTF-16"  # UTF-16 without a byte order mark: every other byte of plain text is 0
    if encoding:
        raise ValueError(t("rules.read.other_encoding", path=path, encoding=encoding))
    if 0 in head:
        raise ValueError(t("rules.read.binary", path=path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in head) / max(len(head), 1)
        if printable < 0.7:
            raise ValueError(t("rules.read.binary", path=path)) from None
        line = data[: error.start].count(b"\n") + 1
        raise ValueError(t("rules.read.not_utf8", path=path, byte=f"0x{data[error.start]:02x}",
                           line=line)) from None


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
