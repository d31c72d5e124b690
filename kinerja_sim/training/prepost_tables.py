"""The dashboard's and the workbook's view of the pre-test and post-test (no widgets).

:func:`prepost_table` turns the store's answers into one long table, one row per thing shown:
each trainee's reading error on both tests and its change (``section`` "peserta"), the cohort's
d_z, d_av and d_rm with their 95 % intervals ("kelompok"), the published effect sizes of
frame-of-reference training ("pustaka") and the change of each bias signal ("bias"). It is the
view ``tes_awal_akhir`` of :func:`kinerja_sim.training.dashboard.views`, so the dashboard shows
it and the Excel export (the kit's safe writer) carries it. The logic is in
:mod:`kinerja_sim.training.exercises.prepost`.

Examples
--------
>>> import pandas as pd
>>> table = prepost_table(pd.DataFrame(columns=["trainee", "exercise", "item", "answer_json"]))
>>> list(table.columns) == PREPOST_COLUMNS, len(table)
(True, 0)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim._core.i18n import t
from kinerja_sim.training.exercises import prepost

__all__ = ["PREPOST_COLUMNS", "PREPOST_SEED", "effect_text", "prepost_table"]

PREPOST_COLUMNS = [
    "section",
    "trainee",
    "first_set",
    "measure",
    "pre",
    "post",
    "change",
    "ci_low",
    "ci_high",
    "n",
    "note",
]
#: The bootstrap of the dashboard is seeded, so the same store gives the same table.
PREPOST_SEED = 20230601


def _trainee_rows(per_trainee: pd.DataFrame, lang) -> list[dict]:
    rows = []
    for row in per_trainee.itertuples(index=False):
        complete = np.isfinite(row.change_mae)
        rows.append(
            {
                "section": t("prepost.section.peserta", lang),
                "trainee": row.trainee,
                "first_set": row.first_set,
                "measure": t("prepost.measure.mae", lang),
                "pre": row.pre_mae,
                "post": row.post_mae,
                "change": row.change_mae,
                "n": 1,
                "note": "" if complete else t("prepost.note.incomplete", lang),
            }
        )
    return rows


def _cohort_rows(per_trainee: pd.DataFrame, lang) -> list[dict]:
    complete = per_trainee.dropna(subset=["pre_rmse", "post_rmse"])
    try:
        effect = prepost.cohort_effect(
            complete["pre_rmse"], complete["post_rmse"], rng=PREPOST_SEED
        )
    except ValueError:
        return [
            {
                "section": t("prepost.section.kelompok", lang),
                "measure": t("prepost.measure.d_z", lang),
                "n": len(complete),
                "note": t("prepost.no_effect_yet", lang),
            }
        ]
    rows = []
    for line in effect.to_frame().itertuples(index=False):
        rows.append(
            {
                "section": t("prepost.section.kelompok", lang),
                "measure": t(f"prepost.measure.{line.measure}", lang),
                "pre": float(complete["pre_rmse"].mean()),
                "post": float(complete["post_rmse"].mean()),
                "change": line.estimate,
                "ci_low": line.ci_low,
                "ci_high": line.ci_high,
                "n": line.n,
                "note": t(
                    "prepost.note.interval_nct"
                    if line.measure == "d_z"
                    else "prepost.note.interval_bootstrap",
                    lang,
                ),
            }
        )
    return rows


def _literature_rows(lang) -> list[dict]:
    return [
        {
            "section": t("prepost.section.pustaka", lang),
            "trainee": source["source"],
            "measure": t("prepost.measure.literature", lang),
            "change": source["d"],
            "note": t("prepost.note.literature", lang),
        }
        for source in prepost.LITERATURE
    ]


def _bias_rows(results: pd.DataFrame, lang) -> list[dict]:
    rows = []
    for line in prepost.bias_changes(results).itertuples(index=False):
        if line.enough:
            key = "changed" if line.ci_low > 0 else "grew" if line.ci_high < 0 else "unclear"
            note = t(f"prepost.note.{key}", lang)
        else:
            note = t("prepost.note.too_few", lang, need=prepost.MIN_PAIRS, n=line.n)
        rows.append(
            {
                "section": t("prepost.section.bias", lang),
                "measure": t(f"prepost.measure.{line.signal}", lang),
                "pre": line.pre,
                "post": line.post,
                "change": line.change,
                "ci_low": line.ci_low,
                "ci_high": line.ci_high,
                "n": line.n,
                "note": note,
            }
        )
    return rows


def prepost_table(answers: pd.DataFrame, *, lang=None) -> pd.DataFrame:
    """The pre/post view: trainees' changes, the cohort's effect, the literature, bias signals.

    Returns
    -------
    DataFrame
        Columns :data:`PREPOST_COLUMNS`: ``section``, ``trainee`` (or the source, for the
        literature), ``first_set``, ``measure``, ``pre``, ``post``, ``change`` (pre − post
        for a trainee or a bias; the d for the cohort and the literature), ``ci_low``,
        ``ci_high`` (95 %), ``n``, ``note``. Empty when nobody took a test.
    """
    results = prepost.scored_tests(answers)
    if results.empty:
        return pd.DataFrame(columns=PREPOST_COLUMNS)
    per_trainee = prepost.trainee_results(results)
    rows = [
        *_trainee_rows(per_trainee, lang),
        *_cohort_rows(per_trainee, lang),
        *_literature_rows(lang),
        *_bias_rows(results, lang),
    ]
    table = pd.DataFrame(rows).reindex(columns=PREPOST_COLUMNS)
    for column in ("pre", "post", "change", "ci_low", "ci_high"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype(float)
    table["n"] = pd.to_numeric(table["n"], errors="coerce").astype("Int64")
    table[["trainee", "first_set", "note"]] = table[["trainee", "first_set", "note"]].fillna("")
    return table


def effect_text(answers: pd.DataFrame, *, lang=None) -> str:
    """The cohort's effect in one sentence for the dashboard (d_av and d_z with their intervals,
    beside the literature), or why it is not computed yet; empty when nobody took a test."""
    results = prepost.scored_tests(answers)
    if results.empty:
        return ""
    complete = prepost.trainee_results(results).dropna(subset=["pre_rmse", "post_rmse"])
    try:
        effect = prepost.cohort_effect(
            complete["pre_rmse"], complete["post_rmse"], rng=PREPOST_SEED
        )
    except ValueError:
        return t("prepost.no_effect_yet", lang)
    return prepost.effect_sentence(effect, lang=lang)
