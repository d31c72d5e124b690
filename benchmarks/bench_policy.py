"""Benchmark of the national policy simulation: wall time, CPU time, peak memory, and the ratio
to a reference measured in the same run.

Headline (issue #12, item 5): the status quo for 4.7 million employees **end to end from the
command line** (``kinerja-sim simulate --employees 4700000``: interpreter start, imports,
planning, simulation, the printed summary) in one process, against the physical limit of
drawing 16 standard normals per employee (float64, in chunks of 250,000 into one reused
buffer). The ``simulate()`` call alone is reported beside it, and a second reference draws
exactly what the model draws per employee (see :data:`MODEL_DRAWS`), which shows how much of
the time the model's own randomness needs. Ratios are given for wall time and for CPU time:
on a shared machine (load average above the number of cores) wall time measures the queue,
CPU time the work. The benchmark prints; it never fails on a target.

Other cases time the ``simulate`` call; Dask cases include starting and closing the
LocalCluster. Each case runs in a fresh Python process, so its peak resident memory
(``resource.getrusage``) is its own; with worker processes, the largest worker's peak is
reported separately.

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
CHUNK = 250_000
#: What the model draws per employee on the national path (status quo, one rater each), in
#: float32: the truth (a general factor and 8 unique parts: 9 normals) and the rating (the
#: evidence's trend and the mean of its period fluctuation as one common normal, the
#: idiosyncratic liking 1, and 8 normals for the period fluctuation's deviations together with
#: the rating error, ``raters.apply_biases(pending=...)``: 10 normals), and 3 uniform numbers
#: (functional position, jenjang, affinity). Supervisors (one per 10 employees: 9 normals and
#: an origin) add under 1 normal per employee. Before the rating drew its evidence noise with
#: the error, it took 18 normals (27 in all).
MODEL_DRAWS = {"normals": 19, "uniforms": 3}
CASES = {
    "reference: 16 normals per employee": dict(),
    "reference: the model's own draws": dict(),
    "command line, status quo": dict(command=True),
    "simulate(), status quo": dict(workers=None, curve=False),
    "simulate(), with the curve": dict(workers=None, curve=True),
    "simulate(), Dask 2 workers": dict(workers=2, curve=False),
    "simulate(), Dask 2 worker processes": dict(workers=2, curve=False, processes=True),
}


def _peak_mb(who) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def reference_normals(employees: int, per_employee: int = 16) -> None:
    """The physical limit: ``per_employee`` standard normals per employee, in chunks, one reused
    buffer.
    """
    import numpy as np

    rng = np.random.default_rng(0)
    buffer = np.empty((CHUNK, per_employee))
    for start in range(0, employees, CHUNK):
        rng.standard_normal(out=buffer[: min(CHUNK, employees - start)])


def reference_model_draws(employees: int) -> None:
    """Exactly the random numbers the model draws per employee (:data:`MODEL_DRAWS`), float32, in
    chunks.
    """
    import numpy as np

    rng = np.random.default_rng(0)
    normals = np.empty((CHUNK, MODEL_DRAWS["normals"]), dtype=np.float32)
    uniforms = np.empty((CHUNK, MODEL_DRAWS["uniforms"]))
    for start in range(0, employees, CHUNK):
        size = min(CHUNK, employees - start)
        rng.standard_normal(out=normals[:size], dtype=np.float32)
        rng.random(out=uniforms[:size])


def run_case(name: str, employees: int, seed: int) -> dict:
    """Run one case in this process and return its measurements."""
    options = CASES[name]
    started = time.perf_counter()
    if not name.startswith("reference"):
        from kinerja_sim import policy
    imported = time.perf_counter() - started
    wall, cpu = time.perf_counter(), time.process_time()
    offices = None
    if name == "reference: 16 normals per employee":
        reference_normals(employees)
    elif name == "reference: the model's own draws":
        reference_model_draws(employees)
    else:
        scenario = policy.Scenario(enforce_curve=options["curve"])
        result = policy.simulate(
            scenario,
            employees=employees,
            workers=options["workers"],
            processes=options.get("processes", False),
            progress=False,
            rng=seed,
        )
        offices = len(result.offices)
    return {
        "case": name,
        "employees": employees,
        "wall_s": time.perf_counter() - wall,
        "cpu_s": time.process_time() - cpu,
        "peak_rss_mb": _peak_mb(resource.RUSAGE_SELF),
        "worker_peak_rss_mb": _peak_mb(resource.RUSAGE_CHILDREN),
        "offices": offices,
        "import_s": imported,
    }


def run_command(employees: int, seed: int) -> dict:
    """``kinerja-sim simulate`` in a fresh process: wall time, its CPU time and peak memory."""
    command = [
        sys.executable,
        "-m",
        "kinerja_sim.cli",
        "simulate",
        "--employees",
        str(employees),
        "--seed",
        str(seed),
        "--no-progress",
    ]
    env = dict(os.environ, **_ONE_THREAD)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise RuntimeError(f"kinerja-sim simulate failed:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    offices = int(done.stdout.split("(")[1].split()[0].replace(".", "").replace(",", ""))
    return {
        "case": "command line, status quo",
        "employees": employees,
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_rss_mb": after.ru_maxrss / 1024,
        "worker_peak_rss_mb": 0.0,
        "offices": offices,
        "import_s": float("nan"),
    }


_ONE_THREAD = {
    name: "1"
    for name in (
        "OMP_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "MKL_NUM_THREADS",
        "NUMEXPR_NUM_THREADS",
    )
}


def _in_subprocess(name, employees, seed) -> dict:
    """Run a case in a fresh process; cases without Dask get one thread, like the reference."""
    if CASES[name].get("command"):
        return run_command(employees, seed)
    command = [
        sys.executable,
        __file__,
        "--case",
        name,
        "--employees",
        str(employees),
        "--seed",
        str(seed),
    ]
    env = dict(os.environ, **({} if "Dask" in name else _ONE_THREAD))
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode:
        raise RuntimeError(f"case {name!r} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(rows) -> str:
    """The results as a Markdown table, with each case's ratio to the 16-normals reference."""
    reference = next(r for r in rows if r["case"].startswith("reference: 16"))
    lines = [
        "| case | employees | offices | wall (s) | CPU (s, main process) | ratio, wall | ratio, "
        "CPU | peak RSS main (MB) | peak RSS largest worker (MB) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        worker = f"{r['worker_peak_rss_mb']:.0f}" if "processes" in r["case"] else "-"
        offices = f"{r['offices']:,}" if r["offices"] else "-"
        lines.append(
            f"| {r['case']} | {r['employees']:,} | {offices} | {r['wall_s']:.2f} | "
            f"{r['cpu_s']:.2f} | {r['wall_s'] / reference['wall_s']:.2f} | "
            f"{r['cpu_s'] / reference['cpu_s']:.2f} | {r['peak_rss_mb']:.0f} | {worker} |"
        )
    return "\n".join(lines)


def headline(rows) -> str:
    """The end-to-end target of issue #12 and the arithmetic of the model's own draws."""
    by = {r["case"]: r for r in rows}
    ref, draws = by["reference: 16 normals per employee"], by["reference: the model's own draws"]
    command, call = by["command line, status quo"], by["simulate(), status quo"]
    per_draw = draws["cpu_s"] / ref["cpu_s"]
    lines = [
        f"End to end (command line, status quo, {command['employees']:,} employees): "
        f"{command['wall_s']:.2f} s wall, {command['cpu_s']:.2f} s CPU, peak "
        f"{command['peak_rss_mb']:.0f} MB (target: at most 3 x reference, peak at most 3,000 MB).",
        f"  ratio to 16 normals: wall {command['wall_s'] / ref['wall_s']:.2f}, CPU "
        f"{command['cpu_s'] / ref['cpu_s']:.2f}; simulate() alone: wall "
        f"{call['wall_s'] / ref['wall_s']:.2f}, CPU {call['cpu_s'] / ref['cpu_s']:.2f}.",
        f"  The model draws {MODEL_DRAWS['normals']} normals and {MODEL_DRAWS['uniforms']} "
        f"uniforms per employee: {per_draw:.2f} x the reference by themselves (CPU), leaving "
        f"{max(3 - per_draw, 0):.2f} x for imports, arithmetic and counting under a ratio of 3.",
        "  ratio to the model's own draws: command line CPU "
        f"{command['cpu_s'] / draws['cpu_s']:.2f}, simulate() CPU "
        f"{call['cpu_s'] / draws['cpu_s']:.2f} (fallback target 1.5).",
    ]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=4_700_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--case", choices=list(CASES), help=argparse.SUPPRESS)
    parser.add_argument(
        "--quick", action="store_true", help="only the references, the command line and simulate()"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each case, interleaved; the run with the median wall time is reported "
        "(default 3)",
    )
    args = parser.parse_args(argv)
    if args.case:
        print(json.dumps(run_case(args.case, args.employees, args.seed)))
        return 0
    load_before = os.getloadavg()
    names = [name for name in CASES if not args.quick or "Dask" not in name and "curve" not in name]
    runs = {name: [] for name in names}
    for round_ in range(
        max(1, args.repeat)
    ):  # interleaved, so a busy moment touches every case alike
        for name in names:
            runs[name].append(_in_subprocess(name, args.employees, args.seed))
            print(f"  {name} (run {round_ + 1}): {runs[name][-1]['wall_s']:.2f} s", file=sys.stderr)
    rows = []
    for name in names:
        ordered = sorted(runs[name], key=lambda r: r["wall_s"])
        rows.append(
            {
                **ordered[len(ordered) // 2],
                "runs": len(ordered),
                "wall_s_all": [round(r["wall_s"], 3) for r in runs[name]],
            }
        )
    load_after = os.getloadavg()
    text = table(rows)
    machine = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores; load average "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after; each case the median of "
        f"{max(1, args.repeat)} runs"
    )
    print(f"Policy simulation benchmark ({machine})\n{text}\n\n{headline(rows)}")
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"policy-{stamp}.md").write_text(
        f"{machine}\n\n{text}\n\n{headline(rows)}\n", encoding="utf-8"
    )
    (RESULTS / f"policy-{stamp}.json").write_text(
        json.dumps({"machine": machine, "rows": rows}, indent=1), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
