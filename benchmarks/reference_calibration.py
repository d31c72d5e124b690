"""Calibration of the reference score (issue 20): coverage, error against the truth, MC error.

``python benchmarks/reference_calibration.py --cases 1000`` draws practice worlds (one
office of every kind, as the exercises do), takes ``--per-world`` staff of each at random and
computes their reference scores (:func:`kinerja_sim.cases.reference.reference_scores`). It
prints, per dimension and over all:

- ``cover80`` and ``cover95``: how often the 80 % and 95 % credible intervals hold the latent
  truth (nominal 80 and 95, to be within ±3 points);
- ``rmse_reference`` and ``rmse_counts``: the root mean squared error against the truth of
  the reference and of a reader of the counts alone
  (:class:`kinerja_sim.cases.reference.CountsReader`, learned from ``--train-worlds`` OTHER
  worlds of 30 offices each): the reference must be no worse;
- ``mc_error``: the mean and the largest Monte Carlo standard error of the reference;
- ``seconds_per_case``: the time of one reference (uncached).

The adversary check of exercise 02 (the counts reader judged correct by ``check_scores``) is
``tests/test_scoring_feedback.py``.

``--json`` prints one JSON object instead of the table. The world seeds of the cases
(from 700 000) and of the reader's training worlds (from 900 000) never overlap.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kinerja_sim.cases import reference as ref  # noqa: E402
from kinerja_sim.dataset import generate  # noqa: E402
from kinerja_sim.world.dimensions import DIMENSIONS  # noqa: E402
from kinerja_sim.world.offices import KEPALA_DAERAH  # noqa: E402

CASE_SEED, TRAIN_SEED = 700_000, 900_000


def counts_reader(train_worlds: int) -> ref.CountsReader:
    """The counts reader, learned from ``train_worlds`` worlds of 30 offices (other seeds)."""
    worlds = (generate(n_offices=30, rng=TRAIN_SEED + i) for i in range(train_worlds))
    return ref.CountsReader().fit(worlds)


def sample_cases(n_cases: int, per_world: int):
    """(dataset, employee ids) of practice worlds, ``per_world`` staff of each, ``n_cases`` in
    all.
    """
    worlds, left, seed = [], n_cases, CASE_SEED
    while left > 0:
        dataset = generate(n_offices=8, rng=seed)
        staff = dataset.employees.loc[
            dataset.employees["supervisor_id"] != KEPALA_DAERAH, "employee_id"
        ].to_numpy()
        take = min(per_world, left, len(staff))
        chosen = np.random.default_rng(seed).choice(staff, size=take, replace=False)
        worlds.append((dataset, [str(e) for e in chosen]))
        left -= take
        seed += 1
    return worlds


def calibration(n_cases: int = 1000, *, per_world: int = 25, train_worlds: int = 12) -> dict:
    """The figures above as a dict: ``per_dimension`` (a DataFrame) and the overall ones."""
    reader = counts_reader(train_worlds)
    rows, elapsed = [], 0.0
    for dataset, ids in sample_cases(n_cases, per_world):
        guess = reader.predict(dataset, ids)
        for employee_id in ids:
            start = time.perf_counter()
            table = ref.reference_scores(dataset, employee_id)
            elapsed += time.perf_counter() - start
            table = table.assign(counts=guess.loc[employee_id].to_numpy(), case=employee_id)
            rows.append(table.reset_index())
    data = pd.concat(rows, ignore_index=True)
    data["in80"] = (data["low80"] <= data["truth"]) & (data["truth"] <= data["high80"])
    data["in95"] = (data["low95"] <= data["truth"]) & (data["truth"] <= data["high95"])
    data["err_reference"] = (data["reference"] - data["truth"]) ** 2
    data["err_counts"] = (data["counts"] - data["truth"]) ** 2

    def figures(group):
        return pd.Series(
            {
                "cover80": 100 * group["in80"].mean(),
                "cover95": 100 * group["in95"].mean(),
                "rmse_reference": np.sqrt(group["err_reference"].mean()),
                "rmse_counts": np.sqrt(group["err_counts"].mean()),
                "mc_error_mean": group["mc_error"].mean(),
                "mc_error_max": group["mc_error"].max(),
            }
        )

    per_dimension = data.groupby("dimension", sort=False).apply(figures, include_groups=False)
    per_dimension = per_dimension.loc[list(DIMENSIONS)]
    return {
        "cases": int(data["case"].size // len(DIMENSIONS)),
        "per_dimension": per_dimension,
        "overall": figures(data).to_dict(),
        "seconds_per_case": elapsed / (len(data) / len(DIMENSIONS)),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--per-world", type=int, default=25)
    parser.add_argument("--train-worlds", type=int, default=12)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    result = calibration(args.cases, per_world=args.per_world, train_worlds=args.train_worlds)
    result["total_seconds"] = time.perf_counter() - start
    if args.json:
        out = {**result, "per_dimension": result["per_dimension"].round(4).to_dict("index")}
        print(json.dumps(out, default=float))
        return 0
    print(f"{result['cases']} cases, {result['seconds_per_case']:.3f} s per reference")
    print(result["per_dimension"].round(3).to_string())
    print("overall:", {k: round(v, 4) for k, v in result["overall"].items()})
    print(f"total {result['total_seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
