"""benchmarks/blind_round.py, the script that printed the blind rounds' clean figures, runs."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "kinerja_sim" / "data" / "indicators_real"


def _script():
    spec = importlib.util.spec_from_file_location(
        "blind_round", ROOT / "benchmarks" / "blind_round.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_round_is_measured_alone_pooled_and_without_training_texts(capsys):
    assert _script().main([str(SETS / "fresh18.yaml"), str(SETS / "fresh19.yaml")]) == 0
    out = capsys.readouterr().out
    assert "fresh18.yaml: 50 rows, 2 texts equal to a training text" in out
    assert "fresh19.yaml: 25 rows, 0 texts equal to a training text" in out
    assert '== pooled\n{\n "n": 75,\n "terukur": 67,\n "tidak": 8,' in out
    assert out.count("-- without texts in training:") == 2
    assert "-- pooled without training texts:" in out
