"""The labeller-agreement benchmark reads its committed data and gives the README's figures."""

import importlib.util
from pathlib import Path

import pytest
import yaml

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "labeller_agreement.py"


def _bench():
    spec = importlib.util.spec_from_file_location("labeller_agreement", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_second_labels_cover_the_seeded_sample_once_each():
    bench = _bench()
    rows = yaml.safe_load(bench.SECOND.read_text(encoding="utf-8"))
    assert len(rows) == 150 == len({row["id"] for row in rows})
    for row in rows:
        assert row["label"] in ("terukur", "tidak")
        assert (row["label"] == "terukur") == (row["aspect"] is not None) == (not row["wrong"])


def test_agreement_figures_are_the_readmes():
    result = _bench().agreement()
    assert result["n"] == 150
    assert result["class_agreement"] == pytest.approx(142 / 150)
    assert result["class_alpha"] == pytest.approx(0.89, abs=0.005)
    assert result["class_agreement_now"] == pytest.approx(145 / 150)
    assert result["aspect_agreement"] == pytest.approx(0.983, abs=0.0005)
