"""kinerja-sim: a training and simulation kit for the performance appraisal of ASN."""
from kinerja_sim.dimensions import DIMENSIONS

__all__ = ["DIMENSIONS"]
__version__ = "0.1.0"
