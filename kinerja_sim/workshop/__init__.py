"""The workshop server: the trainee app for a whole room on one machine (``make workshop``).

- :mod:`kinerja_sim.workshop.config`: the settings (address, port, passwords, store, workshop
  code, kernel culling), read from the environment and checked;
- :mod:`kinerja_sim.workshop.login`: the sign-in (room password; on the trainee app also the
  trainee's name and personal code), its throttle and the kernel limits, in Bahasa Indonesia;
- :mod:`kinerja_sim.workshop.server`: starts two Voila servers, one for the trainees
  (``kinerja_sim/workshop/aplikasi.ipynb``) and one for the facilitator
  (``kinerja_sim/workshop/dasbor.ipynb``, a copy of the lesson
  ``notebooks/08_dasbor_fasilitator.ipynb``).

Both notebooks ship in the wheel, with the kit's Voila template (``share/voila/templates/kinerja``:
nothing from the internet, a banner when the connection is lost): a plain ``pip install`` of
the kit runs the server. The threat model: README, "Keamanan ruang lokakarya".

Why Voila and not JupyterHub: see the README section "Workshop" (measured there).
"""

from kinerja_sim.workshop.config import WorkshopConfig

__all__ = ["WorkshopConfig"]
