"""Confidence marks: a block marked HIGH holds only the regulation; every choice is marked
ASSUMPTION.
"""

import pytest

from kinerja_sim import rules


@pytest.mark.parametrize("name", rules.available())
def test_no_high_block_describes_an_assumption(name):
    for key, block in rules.read_spec(name).items():
        if isinstance(block, dict) and block.get("confidence") == "HIGH":
            note = str(block.get("note", "")).lower()
            assert "assum" not in note and "the kit" not in note, key


@pytest.mark.parametrize(
    "name, key",
    [
        ("pp-46-2011", "aspect_bounds"),
        ("pp-46-2011", "between_bands"),
        ("pp-46-2011", "berakhlak_mapping"),
        ("pp-46-2011", "indicator_mapping"),
        ("pp-46-2011", "outcomes"),
        ("pp-30-2019", "capaian_bounds"),
        ("pp-30-2019", "outcomes"),
        ("permenpanrb-6-2022", "score_to_rating"),
    ],
)
def test_each_modelling_choice_is_marked_assumption(name, key):
    assert rules.read_spec(name)[key]["confidence"] == "ASSUMPTION"
