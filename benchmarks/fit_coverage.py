"""Coverage of the fit's 95% intervals: does ``fit_simulation`` find a rater population it was
given?

For each of ``--seeds`` seeds (default 50, seeds 1000, 1001, ...): a kabupaten of 40 offices
is generated with a known rater population (the supervisory preset with leniency .55,
spread of leniency .35, central tendency .40, halo .60: :data:`TRUE`), its labels are
turned into an export (``kinerja_sim.byod.fit.synthetic_export``) and the simulation is
fitted to it with the defaults of ``fit_simulation``. Printed per parameter: the median
and spread of the estimates, the median error, the median reported standard error against
the standard deviation of the estimates over seeds, how often the parameter was reported
as identified, and the coverage of the 95% interval (share of seeds whose interval holds
the truth), over all seeds and over the seeds where the parameter was reported identified.

Run: ``python benchmarks/fit_coverage.py [--seeds 50] [--first-seed 1000]`` (about 6 s a
seed on one core). Part of ``make bench``.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time

import numpy as np
import pandas as pd

import kinerja_sim
from kinerja_sim.byod.fit import PARAMETERS, fit_simulation, synthetic_export
from kinerja_sim.raters import PRESETS

TRUE = {"leniency": 0.55, "leniency_spread": 0.35, "central_tendency": 0.40, "halo": 0.60}


def true_population(base="supervisory", values=TRUE):
    base = PRESETS[base]
    mean = dataclasses.replace(
        base.mean,
        leniency=values["leniency"],
        central_tendency=values["central_tendency"],
        halo=values["halo"],
    )
    return dataclasses.replace(
        base, mean=mean, spread={**base.spread, "leniency": values["leniency_spread"]}
    )


def one_seed(seed: int, n_offices: int = 40) -> pd.DataFrame:
    """The fitted parameter table for the world of ``seed`` (fit seeded with ``seed + 1``)."""
    world = kinerja_sim.generate(n_offices, raters=true_population(), rng=seed)
    fit = fit_simulation(synthetic_export(world), base="supervisory", rng=seed + 1)
    table = fit.parameters.assign(seed=seed, truth=[TRUE[p] for p in fit.parameters["parameter"]])
    if "identified" not in table:
        table["identified"] = True
    return table


def coverage_table(results: pd.DataFrame) -> pd.DataFrame:
    """Per parameter: estimates over seeds, errors, standard errors and coverage."""
    results = results.assign(
        error=results["estimate"] - results["truth"],
        covered=(results["ci_low"] <= results["truth"]) & (results["truth"] <= results["ci_high"]),
    )
    rows = []
    for name in PARAMETERS:
        group = results[results["parameter"] == name]
        identified = group[group["identified"].astype(bool)]
        rows.append(
            {
                "parameter": name,
                "truth": TRUE[name],
                "seeds": len(group),
                "median_estimate": group["estimate"].median(),
                "p5": group["estimate"].quantile(0.05),
                "p95": group["estimate"].quantile(0.95),
                "median_abs_error": group["error"].abs().median(),
                "sd_of_estimates": group["estimate"].std(),
                "median_se": group["se"].median(),
                "share_identified": group["identified"].astype(bool).mean(),
                "coverage_all": group["covered"].mean(),
                "coverage_identified": identified["covered"].mean() if len(identified) else np.nan,
            }
        )
    return pd.DataFrame(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=50)
    parser.add_argument("--first-seed", type=int, default=1000)
    parser.add_argument("--out", help="also write the per-seed estimates to this CSV")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    results = pd.concat(
        [one_seed(seed) for seed in range(args.first_seed, args.first_seed + args.seeds)],
        ignore_index=True,
    )
    if args.out:
        results.to_csv(args.out, index=False)
    print(
        f"Fit coverage: {args.seeds} worlds of 40 offices (seeds "
        f"{args.first_seed}-{args.first_seed + args.seeds - 1}), fit_simulation defaults; truth "
        f"{TRUE} on the supervisory preset"
    )
    print(coverage_table(results).to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"\n({time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
