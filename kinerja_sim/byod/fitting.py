"""Fitting the simulation to an import: the rows that :func:`kinerja_sim.byod.fit.fit_simulation` can use.

The fit (:mod:`kinerja_sim.byod.fit`) needs one row per employee with both ratings and a rater.
:func:`fit_input` takes an :class:`~kinerja_sim.byod.read.Appraisals` (``fit_simulation`` calls
it for an import), checks that the fit applies (PermenPAN-RB 6/2022, both ratings, a rater column:
otherwise one sentence via
:class:`~kinerja_sim.byod.read.NotApplicable`), and passes the annual view restricted to the
complete rows, so periodic files never count an employee twice.
"""
from __future__ import annotations

import pandas as pd

__all__ = ["fit_input"]


def fit_input(appraisals, lang=None) -> pd.DataFrame:
    """The rows of the annual view that the fit can use (both ratings and a rater).

    Examples
    --------
    >>> from kinerja_sim.byod.read import example_path, read_appraisals
    >>> data = fit_input(read_appraisals(example_path(), key="kunci-contoh-dokumentasi-2025"))
    >>> len(data), data["employee_id"].is_unique
    (736, True)
    """
    if not hasattr(appraisals, "view"):
        return appraisals
    appraisals.require("fit", lang)
    view = appraisals.view(lang=lang)
    complete = view["kode_hasil_kerja"].notna() & view["kode_perilaku_kerja"].notna() & (view["rater_id"] != "")
    data = view[complete].reset_index(drop=True)
    return data.astype({"kode_hasil_kerja": "int64", "kode_perilaku_kerja": "int64"})
