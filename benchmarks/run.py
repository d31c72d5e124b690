"""``make bench``: every benchmark of the kit, one after the other.

Runs ``bench_policy.py`` (the national policy simulation, 4.7 million employees by
default; pass ``--employees N`` for a quicker run) and, when present,
``bench_metrics.py``. Results are printed and written to ``benchmarks/results/``.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    status = subprocess.run([sys.executable, str(HERE / "bench_policy.py"), *argv], check=False).returncode
    metrics = HERE / "bench_metrics.py"
    if metrics.is_file():
        status = max(status, subprocess.run([sys.executable, str(metrics)], check=False).returncode)
    return status


if __name__ == "__main__":
    sys.exit(main())
