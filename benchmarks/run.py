"""``make bench``: every benchmark of the kit, one after the other.

Runs ``bench_policy.py`` (the national policy simulation, 4.7 million employees by
default; pass ``--employees N`` for a quicker run), ``bench_metrics.py`` (a workshop's
metrics), ``calibration.py`` (the rater presets against their published figures), the
recovery study of the rater diagnostics (``recovery.py``, on its report seeds), the
coverage of the fit's intervals over 50 seeds (``fit_coverage.py``), ``indicator_accuracy.py``
(the indicator checker on the real indicator corpus), ``labeller_agreement.py`` (two blind
labellers on the same rows), then the workshop server under a
room's load (``workshop_load.py``: 40 trainees over two minutes, about seven minutes in all;
skip it with ``KINERJA_SIM_BENCH_WORKSHOP=0``). Every figure in the README comes from this
output; the policy results are also written to ``benchmarks/results/``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    status = subprocess.run(
        [sys.executable, str(HERE / "bench_policy.py"), *argv], check=False
    ).returncode
    for command in (
        [str(HERE / "bench_metrics.py")],
        [str(HERE / "calibration.py")],
        [str(HERE / "recovery.py")],
        [str(HERE / "fit_coverage.py")],
        [str(HERE / "indicator_accuracy.py")],
        [str(HERE / "labeller_agreement.py")],
    ):
        status = max(status, subprocess.run([sys.executable, *command], check=False).returncode)
    if os.environ.get("KINERJA_SIM_BENCH_WORKSHOP", "1") != "0":
        workshop = [sys.executable, str(HERE / "workshop_load.py"), "--trainees", "40"]
        status = max(status, subprocess.run(workshop, check=False).returncode)
    return status


if __name__ == "__main__":
    sys.exit(main())
