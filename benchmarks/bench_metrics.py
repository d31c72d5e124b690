"""Benchmark: the full set of metrics and profiles for one workshop.

50 trainees each score the same 20 cases on 8 dimensions (8,000 ratings). Times icc,
krippendorff_alpha, cohen_kappa (two trainees, rounded scores), fleiss_kappa (rounded
scores), accuracy_components, rater_profile (with truth and recency) and calibrate.
Target: median under 200 ms. Run: .venv/bin/python benchmarks/bench_metrics.py
"""

import statistics
import time

import kinerja_sim
from kinerja_sim import metrics
from kinerja_sim.raters import PRESETS, rate


def workshop(rng=2024):
    ds = kinerja_sim.generate(n_offices=1, rng=rng)
    cases = ds.performance[
        ds.performance["employee_id"].isin(ds.employees["employee_id"].iloc[:20])
    ]
    trainees = PRESETS["supervisory"].draw(50, rng=rng, prefix="T")
    ratings = rate(cases, trainees, truth=ds.truth(), rng=rng)
    ratings["case"] = ratings["employee_id"] + ":" + ratings["dimension"]
    ratings["label"] = ratings["score"].round().astype(int)
    return ratings, cases


def full_set(ratings, cases):
    metrics.icc(ratings, targets="case", raters="rater_id", ratings="score")
    metrics.krippendorff_alpha(
        ratings, units="case", raters="rater_id", ratings="score", level="interval"
    )
    first, second = (ratings.loc[ratings["rater_id"] == r, "label"] for r in ("T001", "T002"))
    metrics.cohen_kappa(first, second, weights="quadratic", categories=[1, 2, 3, 4, 5])
    metrics.fleiss_kappa(ratings, subjects="case", raters="rater_id", ratings="label")
    metrics.accuracy_components(ratings)
    metrics.rater_profile(ratings, performance=cases)
    metrics.calibrate(ratings, raters="rater_id", ratees="case", ratings="score")


def main(repeats=15):
    ratings, cases = workshop()
    full_set(ratings, cases)  # warm-up (imports, caches)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        full_set(ratings, cases)
        times.append(time.perf_counter() - start)
    print(
        f"workshop: {ratings['rater_id'].nunique()} trainees x "
        f"{ratings['employee_id'].nunique()} cases x {ratings['dimension'].nunique()} dimensions "
        f"= {len(ratings)} ratings"
    )
    print(
        f"full set of metrics and profiles: median {1000 * statistics.median(times):.1f} ms, "
        f"min {1000 * min(times):.1f} ms over {repeats} runs (target < 200 ms)"
    )


if __name__ == "__main__":
    main()
