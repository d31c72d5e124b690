"""The trainee exercises: draw items (keyword ``rng``), check an answer, build the feedback.

One module per exercise notebook in ``exercises/``; the widgets of
:mod:`kinerja_sim.ui.exercises` call them. No domain formula lives here: predicates and the
curve come from :mod:`kinerja_sim.rules`, accuracy and bias profiles from
:mod:`kinerja_sim.metrics`, ratings from :mod:`kinerja_sim.raters`, policy outcomes from
:mod:`kinerja_sim.policy`. Every feedback text comes from the message catalogue
(``data/messages/exercises.yaml``), in Bahasa Indonesia by default.

========================  ===========================================================
exercise id               what the trainee does
========================  ===========================================================
01_perbaiki_indikator     rewrite vague indicators until ``indicators.check`` passes
02_nilai_berkas_kasus     score case files on the eight dimensions, compared with truth
03_kenali_bias            name the bias behind a simulated rating pattern
04_terapkan_kurva         pick the employees whose predicate the curve must change
05_pertanyaan_kebijakan   predict the effect of a policy change, then simulate it
06_tulis_umpan_balik      write feedback on a case until the coach finds its parts
========================  ===========================================================
"""

from kinerja_sim.training.exercises._common import EXERCISES, Feedback, workshop_seed

__all__ = ["EXERCISES", "Feedback", "workshop_seed"]
