"""The widgets and figures of the lesson notebooks 00-06, in one place.

Each notebook imports ``from kinerja_sim.ui import lessons`` and calls what it needs:

- 00 orientation: :func:`cycle_figure`, :func:`trainee_login`;
- 01 measurable indicators: :func:`cascade_html`, :func:`check_examples`, :class:`IndicatorBuilder`;
- 02 evidence-based scoring: :class:`ScoringForm`;
- 03 rater biases: :func:`bias_gallery`, :class:`BiasExplorer`;
- 04 my bias profile: :func:`my_ratings`, :class:`ProfileView`, :class:`AnchorExamples`,
  :class:`Rerating`;
- 05 calibration session: :func:`group_ratings`, :class:`CalibrationView`;
- 06 predikat and kurva distribusi: :class:`PredicateMatrix`, :func:`matrix_figure`,
  :func:`curve_table`, :class:`CurveExplorer`.

Widgets hold no domain logic: they call the rule set, the rater model and the metrics, and
show every trainee-facing string from the catalogue (``data/messages/lessons.yaml``). A
widget never shows a traceback: a ValueError or TypeError becomes a message saying what to fix.
"""

from kinerja_sim.ui.lesson_bias import (
    DEMO_BIASES,
    BiasExplorer,
    bias_gallery,
    office_ratings,
    preset_comparison,
    preset_figure,
)
from kinerja_sim.ui.lesson_calibration import CalibrationView, example_group, group_ratings
from kinerja_sim.ui.lesson_common import predicates_of, wide_scores
from kinerja_sim.ui.lesson_profile import (
    AnchorExamples,
    ProfileView,
    Rerating,
    before_after,
    example_ratings,
    my_ratings,
)
from kinerja_sim.ui.lesson_rules import (
    CurveExplorer,
    PredicateMatrix,
    curve_effect,
    curve_table,
    cycle_figure,
    matrix_figure,
    office_predicates,
    rules_overview,
)
from kinerja_sim.ui.lesson_scoring import (
    IndicatorBuilder,
    ScoringForm,
    cascade_html,
    check_examples,
    saved_indicators,
    scores_table,
    stored_ratings,
    trainee_login,
)

__all__ = [
    "DEMO_BIASES",
    "AnchorExamples",
    "ProfileView",
    "Rerating",
    "before_after",
    "example_group",
    "example_ratings",
    "group_ratings",
    "my_ratings",
    "BiasExplorer",
    "CalibrationView",
    "CurveExplorer",
    "IndicatorBuilder",
    "PredicateMatrix",
    "ScoringForm",
    "bias_gallery",
    "cascade_html",
    "check_examples",
    "curve_effect",
    "curve_table",
    "cycle_figure",
    "matrix_figure",
    "office_predicates",
    "office_ratings",
    "predicates_of",
    "preset_comparison",
    "preset_figure",
    "rules_overview",
    "saved_indicators",
    "scores_table",
    "stored_ratings",
    "trainee_login",
    "wide_scores",
]
