"""Print the calibration figures of the rater presets (the table in the README).

Run: .venv/bin/python benchmarks/calibration.py
"""

import time

from kinerja_sim.studies.validation import calibration_report

if __name__ == "__main__":
    start = time.perf_counter()
    table = calibration_report(rng=123)
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"\n({time.perf_counter() - start:.1f} s)")
