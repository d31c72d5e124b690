"""Deprecated alias of :mod:`kinerja_sim.byod.read`, kept for one release.

Bring-your-own-data has one home, :mod:`kinerja_sim.byod`; import from there
(``from kinerja_sim.byod import read_appraisals``).
"""
from kinerja_sim.byod.read import *  # noqa: F401,F403
from kinerja_sim.byod.read import __all__  # noqa: F401
