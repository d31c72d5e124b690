"""Deprecated alias of :mod:`kinerja_sim.byod.fit`, kept for one release.

Bring-your-own-data has one home, :mod:`kinerja_sim.byod`; import from there
(``from kinerja_sim.byod import fit_simulation``).
"""
from kinerja_sim.byod.fit import *  # noqa: F401,F403
from kinerja_sim.byod.fit import __all__  # noqa: F401
