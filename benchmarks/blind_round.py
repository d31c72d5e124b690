"""Measure one blind round once: the checker on new set files, alone and pooled.

This is the script that printed the clean figures of blind rounds 10-13 (README, "Indicator
checker on real indicators"). Each round was measured on the checkout of the commit named with
its figure, with the round's set files as they were pinned; to repeat a measurement, check out
that commit, copy the pinned files (``git show <commit>:kinerja_sim/data/indicators_real/F``)
and this script beside it, and run it there. Besides each set and the pool it prints the figure
without the rows whose text equals a row of a set the checker was tuned on (the Permendagri
90/2019 nomenclature repeats across offices) and the misjudged rows.

Usage::

    PYTHONPATH=. python benchmarks/blind_round.py kinerja_sim/data/indicators_real/fresh10.yaml \
        kinerja_sim/data/indicators_real/fresh11.yaml
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import yaml

from kinerja_sim.coach.indicator_corpus import (
    _judge,  # noqa: PLC2701 (listing the misjudged rows)
    accuracy,
    available_parts,
    confusion,
    real_indicators,
)


def _text(value) -> str:
    return re.sub(r"\W+", " ", str(value).casefold()).strip()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="the round's set files")
    args = parser.parse_args(argv)
    mine = {path.stem for path in args.files}
    trained = {
        _text(row["iki"])
        for part in available_parts()
        if part not in mine
        for row in real_indicators(part)
    }
    pooled = []
    for path in args.files:
        rows = yaml.safe_load(path.read_text(encoding="utf-8"))["indicators"]
        for row in rows:
            row["unit"] = row.get("unit") or None
        new = [row for row in rows if _text(row["iki"]) not in trained]
        print(f"== {path}: {len(rows)} rows, {len(rows) - len(new)} texts equal to a training text")
        print(json.dumps(accuracy(rows), indent=1))
        print(confusion(rows))
        print("-- without texts in training:", json.dumps(accuracy(new)))
        pooled += rows
    if len(args.files) > 1:
        print("== pooled")
        print(json.dumps(accuracy(pooled), indent=1))
        print(confusion(pooled))
        new = [row for row in pooled if _text(row["iki"]) not in trained]
        print("-- pooled without training texts:", json.dumps(accuracy(new)))
    judged = _judge(pooled, "tahunan")
    wrong = (judged.label != judged.judged) | (
        (judged.label == "terukur") & (judged.aspect != judged.judged_aspect)
    )
    print(judged[wrong].to_string(max_colwidth=90))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
