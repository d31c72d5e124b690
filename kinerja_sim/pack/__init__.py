"""The facilitator's pack (issue #23): certificates, the training record, the day on paper.

- :mod:`kinerja_sim.pack.certificates`: one PDF per trainee with a verification code, and its check;
- :mod:`kinerja_sim.pack.record`: the training record (CSV or Excel) an agency files;
- :mod:`kinerja_sim.pack.handouts`: the agenda, the matrix and curve, the BerAKHLAK guide, the
  shared case files with answer sheets;
- :mod:`kinerja_sim.pack.pdf`: the shared fpdf2 layout; :mod:`kinerja_sim.pack.cli`: the commands.

The workshop's and trainees' details live in the store (:mod:`kinerja_sim.training.workshop_info`).
"""
