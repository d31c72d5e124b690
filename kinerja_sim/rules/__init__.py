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

from kinerja_sim.rules._common import ORGANISATION_PREDICATES, PREDICATES, RATINGS, RuleSet, capaian
from kinerja_sim.rules._schema import REGIMES, validate
from kinerja_sim.rules.compare import compare_regimes
from kinerja_sim.rules.curve import Curve, CurveCheck, CurveEnforcement
from kinerja_sim.rules.permenpanrb import PermenPANRB2022
from kinerja_sim.rules.pp30 import PP30_2019, PP30Scores
from kinerja_sim.rules.pp46 import PP46_2011, PP46Scores
from kinerja_sim.rules.spec import available, from_mapping, load, read_spec

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
