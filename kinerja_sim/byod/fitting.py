"""Fitting the simulation to an import: the rows the fit can use, then :func:`kinerja_sim.byod.fit.fit_simulation`.

The fit (:mod:`kinerja_sim.byod.fit`) needs one row per employee with both ratings and a rater.
:func:`fit_simulation` here takes an :class:`~kinerja_sim.byod.read.Appraisals`, checks that the
fit applies (PermenPAN-RB 6/2022, both ratings, a rater column: otherwise one sentence via
:class:`~kinerja_sim.byod.read.NotApplicable`), and passes the annual view restricted to the
complete rows, so periodic files never count an employee twice.
"""
from __future__ import annotations

import pandas as pd

__all__ = ["fit_input", "fit_simulation"]


def fit_input(appraisals, lang=None) -> pd.DataFrame:
    """The rows of the annual view that the fit can use (both ratings and a rater)."""
    if not hasattr(appraisals, "view"):
        return appraisals
    appraisals.require("fit", lang)
    view = appraisals.view(lang=lang)
    complete = view["kode_hasil_kerja"].notna() & view["kode_perilaku_kerja"].notna() & (view["rater_id"] != "")
    data = view[complete].reset_index(drop=True)
    return data.astype({"kode_hasil_kerja": "int64", "kode_perilaku_kerja": "int64"})


def fit_simulation(appraisals, *, lang=None, **options):
    """:func:`kinerja_sim.byod.fit.fit_simulation` on :func:`fit_input` (same options and result).

    Examples
    --------
    >>> from kinerja_sim.byod.read import example_path, read_appraisals
    >>> result = read_appraisals(example_path(), key="kunci-contoh-dokumentasi-2025")
    >>> fitted = fit_simulation(result, worlds=1, max_evaluations=40, bootstrap=50, rng=1)
    >>> list(fitted.parameters["parameter"])
    ['leniency', 'leniency_spread', 'central_tendency', 'halo']
    """
    from kinerja_sim.byod import fit

    return fit.fit_simulation(fit_input(appraisals, lang), **options)
