"""Accuracy of the feedback coach (kinerja_sim.coach.feedback.check) on its labelled corpora.

Prints, for the development corpus (data/feedback_corpus.yaml) and the blind held-out sets
(data/feedback_heldout*.yaml, each written and labelled by a session that had not seen the
rules; see the README for which measurement of each set was clean),
a confusion table (label x verdict) and the share right in each class. Run:

    python benchmarks/feedback_accuracy.py [--json]
"""

from __future__ import annotations

import argparse
import json

import pandas as pd

from kinerja_sim._core.data import read_yaml
from kinerja_sim.coach.feedback import check

SETS = {
    "pengembangan": "feedback_corpus.yaml",
    "uji_tersisih": "feedback_heldout.yaml",
    "uji_tersisih_2": "feedback_heldout2.yaml",
    "uji_tersisih_3": "feedback_heldout3.yaml",
}


def load(name: str) -> list[dict]:
    return read_yaml(SETS[name])


def confusion(entries: list[dict]) -> pd.DataFrame:
    """Rows: the label (baik/kurang); columns: the checker's verdict; cells: counts."""
    verdicts = ["baik" if check(e["text"]).ok else "kurang" for e in entries]
    labels = [e["label"] for e in entries]
    table = pd.crosstab(pd.Series(labels, name="label"), pd.Series(verdicts, name="verdict"))
    return table.reindex(index=["baik", "kurang"], columns=["baik", "kurang"], fill_value=0)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = {}
    for name in SETS:
        table = confusion(load(name))
        right = {
            label: float(table.loc[label, label] / table.loc[label].sum()) for label in table.index
        }
        report[name] = {"n": int(table.values.sum()), "table": table.to_dict(), "right": right}
        if not args.json:
            print(f"{name}: n = {int(table.values.sum())}")
            print(table.to_string())
            print("  right: " + ", ".join(f"{k} {v:.1%}" for k, v in right.items()) + "\n")
    if args.json:
        print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
