"""The earlier regimes, for comparison and rule-change studies: PP 46/2011 and PP 30/2019.

Both score an employee on a 0–100 (PP 46) or 0–120 (PP 30) scale: a SKP value from the
indicators, a perilaku value, a weighted final value and a category. Formulas and their
confidence are in the rule files (``pp-46-2011.yaml``, ``pp-30-2019.yaml``); SPEC 2.2. The
rules live in :mod:`kinerja_sim.rules.pp46` and :mod:`kinerja_sim.rules.pp30`; this module
names both.
"""
from __future__ import annotations

from kinerja_sim.rules.pp30 import PP30_2019, PP30Scores
from kinerja_sim.rules.pp46 import ASPECTS, PP46_2011, PP46Scores

__all__ = ["ASPECTS", "PP30Scores", "PP30_2019", "PP46Scores", "PP46_2011"]
