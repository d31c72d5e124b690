"""Interactive widgets (ipywidgets) for the lesson notebooks and the trainee exercises.

Widgets sit on top of the package: they call ``kinerja_sim`` (generation, raters, rules,
metrics) and hold no domain logic. Every trainee-facing string comes from the message
catalogue (:func:`kinerja_sim.i18n.t`).
"""
