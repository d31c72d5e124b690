"""Widgets for trainees and facilitators (ipywidgets), on top of the package.

- :mod:`kinerja_sim.ui.exercises`: the trainee exercises (``exercises/*.ipynb``);
- :mod:`kinerja_sim.ui.dashboard`: the facilitator dashboard
  (``notebooks/08_dasbor_fasilitator.ipynb``);
- ``kinerja_sim.ui.lessons``: the widgets of the lesson notebooks 00–07.

Widgets hold no domain logic: they call the package and show its results. Every text they
show comes from the message catalogue (:mod:`kinerja_sim._core.i18n`); every handler catches bad
input and shows a message saying what to fix, never a traceback.
"""

__all__: list[str] = []
