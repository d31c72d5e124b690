"""The curve on many offices at once now lives in :mod:`kinerja_sim.rules.grouped` (rules own every rule)."""
from kinerja_sim.rules.grouped import curve_ok, enforce  # noqa: F401

__all__ = ["curve_ok", "enforce"]
