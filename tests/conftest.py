"""Shared fixtures: one small generated world per test session (generation is seeded)."""
import pytest

import kinerja_sim


@pytest.fixture(scope="session")
def kabupaten():
    """The default synthetic kabupaten, as shipped in datasets/ (seed 2022)."""
    return kinerja_sim.generate(rng=2022)


@pytest.fixture(scope="session")
def small_world():
    return kinerja_sim.generate(n_offices=3, rng=11)
