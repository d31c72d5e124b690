"""Case files as a trainee reads them (``casefile``), the lessons' shared cases and seed
(``lesson``), a trainee's answer to a case (``answers``) and the reference score of a case:
what an ideal rater would give from exactly what its file shows (``reference``)."""

from kinerja_sim.cases.reference import REFERENCE_COLUMNS, reference_scores, reference_table

__all__ = ["REFERENCE_COLUMNS", "reference_scores", "reference_table"]
