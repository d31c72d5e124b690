"""Benchmark of the sensitivity study (issue #22 item 9): its time and its Monte Carlo error.

Target (issue #22): Sobol first-order and total indices of every headline answer, with
bootstrap confidence intervals no wider than ±0.05, in at most 15 minutes on a 2-core
machine; and Morris screening at the national size (4.7 million employees per run).

Cases, each timed end to end (Dask cases include starting and closing the LocalCluster):

1. the Sobol study in this process;
2. the same study on ``dask.distributed.LocalCluster(n_workers=2)`` (skipped when
   dask.distributed is missing), checked to give the same indices;
3. Morris screening at ``--morris-employees`` per run (4.7 million by default) on the same
   two-worker cluster, or in this process without Dask.

Monte Carlo error, two parts:

- of the indices over the assumptions' space: SALib's bootstrap half-widths (largest and
  median over every answer, assumption and index), against the ±0.05 target;
- of the answers over employees: every run shares one random stream (common random
  numbers), so sampling noise does not enter the indices; its size at the chosen
  employees per run is measured from ``--replications`` independent workforces at the
  default assumptions, and printed beside each answer's spread over the assumptions.

The choice of the defaults (``--employees 20000 --base 4096``):

- employees per run: national shares settle well below 4.7 million. At 20,000 per run the
  Monte Carlo sd of every answer is a small fraction of its sd over the assumptions (printed
  below: "Monte Carlo error"), and every run of a study shares one random stream (common
  random numbers), so that noise does not enter the indices at all; a run of 20,000 costs
  about 13 ms of CPU (the office plan is drawn once per study, runs that differ only in the
  TPP or tukin assumptions are priced again instead of simulated).
- base sample: SALib's bootstrap half-width falls as 1 / sqrt(base). Base 256 gave at most
  0.181 (``rapat-kalibrasi``, 8 assumptions, 2,577 runs, 34 s CPU) and 0.184
  (``praktik-saat-ini``, 6 assumptions, 2,061 runs, 24 s CPU), so base 4096 (16 times as
  many runs) gives about 0.181 / 4 = 0.045, within ±0.05: 4096 × (k + 2) + 2k + 1 = 40,977
  runs for ``rapat-kalibrasi``, about 9 CPU-minutes.

    python benchmarks/sensitivity.py                                   # the full target
    python benchmarks/sensitivity.py --employees 3000 --base 16 \\
        --morris-employees 20000 --morris-trajectories 3               # a quick run

Prints; never fails on a target.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from kinerja_sim.policy import replicate  # noqa: E402
from kinerja_sim.policy.scenario import load_scenario  # noqa: E402
from kinerja_sim.policy.sensitivity import simulate_sensitivity  # noqa: E402


def _has_distributed() -> bool:
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        return False
    return True


def _widths(study) -> pd.Series:
    frame = study.indices.dropna(subset=["ci_low"])
    return (frame["ci_high"] - frame["ci_low"]) / 2


def _load() -> str:
    return "/".join(f"{v:.1f}" for v in os.getloadavg())


def _timed(label, function):
    before = _load()
    started, cpu = time.perf_counter(), time.process_time()
    result = function()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"  {label:<52} {wall:8.1f} s wall  {cpu:8.1f} s CPU (this process); load average "
        f"(1/5/15 min) {before} before, {_load()} after",
        flush=True,
    )
    return result, wall


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="rapat-kalibrasi")
    parser.add_argument("--employees", type=int, default=20_000)
    parser.add_argument("--base", type=int, default=4096)
    parser.add_argument("--morris-employees", type=int, default=4_700_000)
    parser.add_argument("--morris-trajectories", type=int, default=10)
    parser.add_argument("--replications", type=int, default=10)
    parser.add_argument("--no-dask", action="store_true", help="skip the LocalCluster cases")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    scenario = load_scenario(args.scenario)
    dask = _has_distributed() and not args.no_dask
    print(
        f"Sensitivity study of {scenario.name}: Sobol, {args.employees:,} employees per run, "
        f"base {args.base}; Morris at {args.morris_employees:,} per run, "
        f"{args.morris_trajectories} trajectories; {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f}",
        flush=True,
    )
    sobol = dict(employees=args.employees, base=args.base, rng=args.seed)
    study, one = _timed("Sobol, one process", lambda: simulate_sensitivity(scenario, **sobol))
    print(f"    {len(study.runs):,} runs, {len(study.assumptions)} assumptions varied")
    if dask:
        again, two = _timed(
            "Sobol, LocalCluster(n_workers=2)",
            lambda: simulate_sensitivity(scenario, workers=2, **sobol),
        )
        same = study.indices.equals(again.indices)
        print(f"    same indices as in one process: {same}; speed-up {one / two:.2f}x")
    else:
        print("  (dask.distributed not installed or --no-dask: LocalCluster cases skipped)")
    widths = _widths(study)
    best = min(one, two) if dask else one
    print(
        f"  bootstrap 95% half-width of S1 and ST: widest {widths.max():.3f}, median "
        f"{widths.median():.3f}; {int((widths <= 0.05).sum())} of {len(widths)} within ±0.05 "
        f"(target: all, in ≤ 15 min: {'met' if widths.max() <= 0.05 and best <= 900 else 'not met'}"
        f", {best:.0f} s)"
    )
    print("  the Sobol study as `kinerja-sim sensitivity` prints it:")
    for line in study.report_lines("id"):
        print("    " + line)
    worst = study.indices.assign(half=(study.indices["ci_high"] - study.indices["ci_low"]) / 2)
    print(worst.sort_values("half", ascending=False).head(5).to_string(index=False))
    raw = replicate(
        scenario, employees=args.employees, replications=args.replications, rng=args.seed
    )
    noise = raw.groupby("metric")["value"].std()
    sample = study.runs.query("design == 'sample'")[study.metrics]
    spread = sample.std()
    middle = sample.quantile(0.95) - sample.quantile(0.05)
    scale = 4_700_000 / args.employees  # the totals are reported for 4.7 million ASN
    print(
        f"  Monte Carlo error of each answer at {args.employees:,} per run (sd over "
        f"{args.replications} independent workforces) against the assumptions' effect "
        "(sd over the Sobol sample; width of its middle 90%):"
    )
    print(f"    {'answer':<28} {'MC sd':>14} {'sd, assumptions':>16} {'90% width':>14}  ratio")
    for metric in study.metrics:
        mc = noise[metric] * (scale if metric.endswith("_total") else 1.0)
        ratio = mc / spread[metric] if spread[metric] > 0 else np.nan
        print(
            f"    {metric:<28} {mc:14.6g} {spread[metric]:16.6g} {middle[metric]:14.6g}  "
            f"{ratio:.3f}"
        )
    morris = dict(
        employees=args.morris_employees,
        base=args.morris_trajectories,
        method="morris",
        rng=args.seed,
    )
    label = f"Morris at {args.morris_employees:,} per run"
    if dask:
        screen, _ = _timed(
            f"{label}, LocalCluster(n_workers=2)",
            lambda: simulate_sensitivity(scenario, workers=2, **morris),
        )
    else:
        screen, _ = _timed(
            f"{label}, one process", lambda: simulate_sensitivity(scenario, **morris)
        )
    print(f"    {len(screen.runs):,} runs")
    for line in screen.report_lines("en"):
        print("    " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
