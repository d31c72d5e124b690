"""rules/ owns every rule computation: one quota, the grouped curve check, array ratings (issue 15,
item 8).
"""

import ast
from pathlib import Path

import numpy as np
import pytest

import kinerja_sim
from kinerja_sim import rules
from kinerja_sim.rules import grouped

PACKAGE = Path(kinerja_sim.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_curve_and_its_fast_paths_do_not_import_each_other():
    assert "kinerja_sim.rules._curve_fast" in _imports(PACKAGE / "rules" / "curve.py")
    assert "kinerja_sim.rules.curve" not in _imports(PACKAGE / "rules" / "_curve_fast.py")


def test_both_use_the_one_quota():
    from kinerja_sim.rules import _curve_fast, curve
    from kinerja_sim.rules.quota import quota

    assert curve.quota is quota and _curve_fast.quota is quota


def test_grouped_check_agrees_with_the_per_unit_check():
    rs = rules.load("permenpanrb-6-2022")
    rng = np.random.default_rng(15)
    counts = rng.integers(0, 6, (200, 5))
    organisation = rng.choice(rules.ORGANISATION_PREDICATES, 200)
    ok = grouped.curve_ok(rs, counts, organisation)
    for row, org, flag in zip(counts, organisation, ok):
        labels = np.repeat(rules.PREDICATES, row)
        if len(labels):
            assert rs.check_curve(labels, organisation=org).ok == flag


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_rating_codes_match_rating_labels(seed):
    rs = rules.load("permenpanrb-6-2022")
    scores = np.random.default_rng(seed).uniform(1, 5, 500)
    scores[:5] = [2.5, 3.5, 2.4999999, 3.4999999, 1.0]
    assert [rules.RATINGS[c] for c in rs.rating_codes(scores)] == rs.rating(scores).tolist()
