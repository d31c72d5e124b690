"""Benchmark of the national policy simulation: wall time, CPU time, peak memory, and the ratio
to a reference measured in the same run.

Times are of the ``simulate`` call; Dask cases include starting and closing the
LocalCluster (its workers are threads of the benchmark process, or processes in the
"worker processes" case). Importing the package (about a second) is reported apart.

Reference: drawing 16 standard normals per employee with numpy in one thread
(``numpy.random.default_rng(0).standard_normal((N, 16))``, float64). Each case runs in a
fresh Python process, so its peak resident memory (``resource.getrusage``) is its own;
with worker processes, the largest worker's peak is reported separately.

    python benchmarks/bench_policy.py                      # 4.7 million employees
    python benchmarks/bench_policy.py --employees 500000   # a quick run

Prints a table and writes it to ``benchmarks/results/`` (JSON and Markdown).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
CASES = {
    "reference": dict(),
    "simulate, 1 process": dict(workers=None, curve=True),
    "simulate, no curve, 1 process": dict(workers=None, curve=False),
    "simulate, Dask 1 worker": dict(workers=1, curve=True),
    "simulate, Dask 2 workers": dict(workers=2, curve=True),
    "simulate, Dask 2 worker processes": dict(workers=2, curve=True, processes=True),
}


def _peak_mb(who) -> float:
    return resource.getrusage(who).ru_maxrss / 1024   # kilobytes on Linux


def run_case(name: str, employees: int, seed: int) -> dict:
    """Run one case in this process and return its measurements."""
    import numpy as np

    options = CASES[name]
    started = time.perf_counter()
    if name != "reference":
        from kinerja_sim import policy
    imported = time.perf_counter() - started
    wall, cpu = time.perf_counter(), time.process_time()
    if name == "reference":
        np.random.default_rng(0).standard_normal((employees, 16))
        offices = None
    else:
        scenario = policy.Scenario(enforce_curve=options["curve"])
        result = policy.simulate(scenario, employees=employees, workers=options["workers"],
                                 processes=options.get("processes", False), progress=False, rng=seed)
        offices = len(result.offices)
    return {"case": name, "employees": employees, "wall_s": time.perf_counter() - wall,
            "cpu_s": time.process_time() - cpu, "peak_rss_mb": _peak_mb(resource.RUSAGE_SELF),
            "worker_peak_rss_mb": _peak_mb(resource.RUSAGE_CHILDREN), "offices": offices, "import_s": imported}


_ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                       "NUMEXPR_NUM_THREADS")}


def _in_subprocess(name, employees, seed) -> dict:
    """Run a case in a fresh process; cases without Dask get one thread, like the reference."""
    command = [sys.executable, __file__, "--case", name, "--employees", str(employees), "--seed", str(seed)]
    env = dict(os.environ, **({} if "Dask" in name else _ONE_THREAD))
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode:
        raise RuntimeError(f"case {name!r} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(rows) -> str:
    """The results as a Markdown table, with the ratio of each case's wall time to the reference."""
    reference = next(r for r in rows if r["case"] == "reference")
    lines = ["| case | employees | offices | wall (s) | CPU (s, main process) | ratio to reference "
             "| peak RSS main (MB) | peak RSS largest worker (MB) | import (s) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        worker = f"{r['worker_peak_rss_mb']:.0f}" if "processes" in r["case"] else "-"
        offices = f"{r['offices']:,}" if r["offices"] else "-"
        lines.append(f"| {r['case']} | {r['employees']:,} | {offices} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} | "
                     f"{r['wall_s'] / reference['wall_s']:.2f} | {r['peak_rss_mb']:.0f} | {worker} | "
                     f"{r['import_s']:.2f} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=4_700_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--case", choices=list(CASES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.case:
        print(json.dumps(run_case(args.case, args.employees, args.seed)))
        return 0
    load_before = os.getloadavg()
    rows = []
    for name in CASES:
        rows.append(_in_subprocess(name, args.employees, args.seed))
        print(f"  {name}: {rows[-1]['wall_s']:.2f} s", file=sys.stderr)
    load_after = os.getloadavg()
    text = table(rows)
    machine = (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores; load average "
               f"{load_before[0]:.1f} before, {load_after[0]:.1f} after")
    print(f"Policy simulation benchmark ({machine})\n{text}")
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"policy-{stamp}.md").write_text(f"{machine}\n\n{text}\n", encoding="utf-8")
    (RESULTS / f"policy-{stamp}.json").write_text(json.dumps({"machine": machine, "rows": rows}, indent=1),
                                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
