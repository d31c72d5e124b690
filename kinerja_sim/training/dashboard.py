"""The facilitator dashboard's tables, exports and demonstration store (no widgets).

Reads the answers of the progress store and computes: each trainee's progress per exercise;
the spread of the group's scores per shared case against the truth; each trainee's bias
profile (:func:`kinerja_sim.metrics.diagnostics.rater_profile`); the group's reliability on
the shared cases (:func:`kinerja_sim.metrics.icc`, :func:`kinerja_sim.metrics.krippendorff_alpha`);
and every answer. Every rating of a case counts, wherever the trainee gave it: notebook 02
(``02_penilaian``), notebook 04's re-rating and the app (``02_nilai_berkas_kasus``), read
through one model (:mod:`kinerja_sim.cases.answers`).

Tables are computed with stable snake_case columns (:func:`progress_table`,
:func:`case_spread`, ...) and shown and exported through :func:`display_table`: Indonesian
headers, times in the facilitator's zone (WIB, WITA or WIT), "ya"/"tidak", dimension labels,
feedback as readable lines. :func:`export_workbook` writes one Excel workbook, one sheet per
view, into a folder beside the notebook (visible in JupyterLab's file browser).
:func:`demo_store` fills a store with 20 simulated trainees ("Contoh ..."), so a facilitator
sees what the dashboard looks like before the workshop. The widget that shows all this is
:class:`kinerja_sim.ui.dashboard.Dashboard`.

Examples
--------
>>> import tempfile, os
>>> store = demo_store(os.path.join(tempfile.mkdtemp(), "contoh.sqlite"), n_trainees=4, rng=1)
>>> ratings = case_ratings(store.answers())
>>> ratings["rater_id"].nunique(), sorted(ratings["kind"].unique())
(4, ['bersama'])
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja_sim._core import sheets
from kinerja_sim._core.format import TIMEZONES, timestamp
from kinerja_sim._core.i18n import catalogue, get_language, t
from kinerja_sim._core.validate import check_choice, check_int, check_rng
from kinerja_sim.cases.answers import (
    CASE_EXERCISES,
    LESSON_EXERCISE,
    RERATE_EXERCISE,
    CaseAnswer,
    case_ratings,
)
from kinerja_sim.metrics import icc, krippendorff_alpha
from kinerja_sim.metrics.diagnostics import rater_profile
from kinerja_sim.training.exercises import scoring
from kinerja_sim.training.prepost_tables import prepost_table
from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.training.trainee import trainee_seed
from kinerja_sim.world.dimensions import DIMENSION_LABELS, DIMENSIONS

__all__ = [
    "EXPORTS_ENV",
    "EXPORT_FOLDER",
    "FEEDBACK_EXERCISE",
    "TIMEZONES",
    "TIMEZONE_ENV",
    "VIEWS",
    "bias_profiles",
    "case_ratings",
    "case_references",
    "case_ratings_wide",
    "case_spread",
    "default_zone",
    "demo_store",
    "export_problem",
    "display_table",
    "export_workbook",
    "feedback_texts",
    "group_reliability",
    "progress_table",
    "reading_distances",
    "reliability_meaning",
    "unpacked_answers",
    "views",
    "with_reference",
    "workbook_bytes",
]

SCORING = scoring.EXERCISE
TIMEZONE_ENV = "KINERJA_SIM_TIMEZONE"
#: Exports go to this folder beside the notebook (visible in JupyterLab's file browser).
EXPORT_FOLDER = "ekspor_dasbor"
#: Another folder for exports (the workshop server sets it beside the day's progress store).
EXPORTS_ENV = "KINERJA_SIM_EXPORTS"
#: The views, in the order of the screen and the workbook: table name -> catalogue key of its title.
VIEWS = {
    "kemajuan": "ui.dashboard.progress",
    "sebaran_kasus": "ui.dashboard.spread",
    "dua_jarak": "profile.dashboard.distances",
    "profil_bias": "ui.dashboard.profiles",
    "reliabilitas": "ui.dashboard.reliability",
    "penilaian_kasus": "ui.dashboard.case_ratings",
    "tes_awal_akhir": "ui.dashboard.prepost",
    "umpan_balik": "ui.dashboard.feedback_texts",
    "jawaban": "ui.dashboard.submissions",
}
#: Exercise 06: written feedback on a scored case (free text: may name real people).
FEEDBACK_EXERCISE = "06_tulis_umpan_balik"


# --------------------------------------------------------------------------- tables (no widgets)
def progress_table(answers: pd.DataFrame) -> pd.DataFrame:
    """Per trainee and exercise: ``items`` answered, ``submissions``, ``mean_score`` of the last
    answers, ``last_submission`` (ISO text, UTC)."""
    if answers.empty:
        return pd.DataFrame(
            columns=["trainee", "exercise", "items", "submissions", "mean_score", "last_submission"]
        )
    last = answers.drop_duplicates(["trainee", "exercise", "item"], keep="last")
    table = last.groupby(["trainee", "exercise"]).agg(
        items=("item", "size"),
        mean_score=("score", "mean"),
        last_submission=("submitted_at", "max"),
    )
    table.insert(1, "submissions", answers.groupby(["trainee", "exercise"]).size())
    return table.reset_index().round({"mean_score": 3})


def case_spread(ratings: pd.DataFrame) -> pd.DataFrame:
    """Spread of the group's scores per case and dimension: ``n``, ``mean``, ``sd``, ``min``,
    ``max``, ``reference`` (what the file shows, when ``ratings`` has it: :func:`with_reference`),
    ``mean_reading_error`` (mean − reference: what training fixes), ``evidence_gap``
    (reference − truth: what the file could not show), ``true_score`` and ``mean_gap`` (mean −
    latent truth); ``ratings`` from :func:`case_ratings`."""
    columns = [
        "case_id",
        "source",
        "kind",
        "dimension",
        "n",
        "mean",
        "sd",
        "min",
        "max",
        "reference",
        "mean_reading_error",
        "evidence_gap",
        "true_score",
        "mean_gap",
    ]
    if ratings.empty:
        return pd.DataFrame(columns=columns)
    table = (
        ratings.groupby(["case_id", "source", "kind", "dimension"], sort=False)
        .agg(
            n=("score", "size"),
            mean=("score", "mean"),
            sd=("score", "std"),
            min=("score", "min"),
            max=("score", "max"),
            reference=("reference", "first") if "reference" in ratings else ("score", "size"),
            true_score=("true_score", "first"),
        )
        .reset_index()
    )
    if "reference" not in ratings:
        table["reference"] = np.nan
    table["mean_reading_error"] = table["mean"] - table["reference"]
    table["evidence_gap"] = table["reference"] - table["true_score"]
    table["mean_gap"] = table["mean"] - table["true_score"]
    return table[columns].round(3)


def _by_case(ratings: pd.DataFrame) -> pd.DataFrame:
    """Ratings with the case as the ratee (``employee_id`` = ``case_id``), as the metrics expect."""
    return ratings.assign(employee_id=ratings["case_id"])


def bias_profiles(ratings: pd.DataFrame, *, lang=None) -> pd.DataFrame:
    """Each trainee's bias profile over every case they rated (3 cases needed), against the
    reference score of each case (what its file shows) when ``ratings`` has it
    (:func:`with_reference`), else against the latent truth.

    Estimates the data leave undefined are NaN:
    :func:`kinerja_sim.metrics.diagnostics.rater_profile` keeps NumPy quiet about them itself, and
    its :class:`kinerja_sim.metrics.DegenerateDataWarning` reaches the caller (the dashboard shows
    it).
    """
    keep = [
        "rater",
        "n_ratees",
        "leniency",
        "central_tendency",
        "halo",
        "flag_leniency",
        "flag_central_tendency",
        "flag_halo",
        "explanation",
    ]
    against = "reference" if "reference" in ratings and ratings["reference"].notna().any() else None
    column = against or "true_score"
    known = ratings.dropna(subset=[column]) if not ratings.empty else ratings
    if known.empty:
        return pd.DataFrame(columns=keep)
    profile = rater_profile(
        _by_case(known),
        true_scores=column,
        against="evidence" if against else "truth",
        lang=lang,
    )
    return profile[keep].round(3)


# --------------------------------------------------------------------------- reference
#: Keys of a saved case answer that may hold its reference scores (dimension -> score).
REFERENCE_KEYS = ("reference_scores", "reference")


@cache
def _world(seed: int):
    """The world of a practice case drawn from ``seed`` (it does not depend on the case count)."""
    from kinerja_sim.cases.casefile import practice_cases

    return practice_cases(1, rng=seed)[0]


@cache
def _lesson_world():
    from kinerja_sim.cases.lesson import lesson_cases

    return lesson_cases()[0]


def _case_world(exercise: str, trainee: str, seed):
    """The world of one rated case: its seed's, the lesson's (notebook 02) or the trainee's
    fresh cases of notebook 04 (``trainee_seed(name, attempt=1)``); None when unknown."""
    if seed is not None:
        return _world(int(seed))
    if exercise == LESSON_EXERCISE:
        return _lesson_world()
    if exercise == RERATE_EXERCISE:
        return _world(trainee_seed(trainee, attempt=1))
    return None


def _stored_reference(answer: dict) -> dict:
    for key in REFERENCE_KEYS:
        value = answer.get(key)
        if isinstance(value, dict) and value:
            return {d: float(v) for d, v in value.items() if isinstance(v, (int, float))}
    return {}


def case_references(answers: pd.DataFrame) -> pd.DataFrame:
    """The reference score of every rated case: what an ideal reader takes from its file.

    Read from the saved answer when it keeps it (a ``reference_scores`` mapping), otherwise
    computed from the case's world with :func:`kinerja_sim.cases.reference.reference_scores`
    (about a second per case the first time, then cached: the shared cases once for all).

    Returns
    -------
    DataFrame
        ``rater_id``, ``case_id``, ``dimension``, ``reference`` (NaN when the case's world
        is unknown), one row per trainee, case and dimension.
    """
    from kinerja_sim.cases.reference import reference_scores

    columns = ["rater_id", "case_id", "dimension", "reference"]
    chosen = answers[answers["exercise"].isin(list(CASE_EXERCISES))]
    latest = {}
    for row in chosen.itertuples(index=False):
        try:
            raw = json.loads(row.answer_json)
            answer = CaseAnswer.from_json(row.exercise, row.item, raw)
        except (ValueError, TypeError, AttributeError):
            continue
        latest[(row.trainee, answer.case_id)] = (row.exercise, answer, raw)
    rows = []
    for (trainee, case_id), (exercise, answer, raw) in latest.items():
        reference = _stored_reference(raw)
        if not reference:
            world = _case_world(exercise, trainee, answer.seed)
            if world is not None and answer.employee_id in set(world.employees["employee_id"]):
                reference = reference_scores(world, answer.employee_id)["reference"].to_dict()
        rows += [(trainee, case_id, d, reference.get(d, np.nan)) for d in DIMENSIONS]
    return pd.DataFrame(rows, columns=columns)


def with_reference(ratings: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """``ratings`` (:func:`case_ratings`) with the ``reference`` of each case beside the truth."""
    if ratings.empty:
        return ratings.assign(reference=pd.Series(dtype=float))
    references = case_references(answers)
    return ratings.merge(references, on=["rater_id", "case_id", "dimension"], how="left")


def reading_distances(ratings: pd.DataFrame) -> pd.DataFrame:
    """The two distances of every trainee, kept apart (root mean squares over their cases).

    Returns
    -------
    DataFrame
        One row per trainee: ``rater``, ``n_cases``; ``reading_error`` (score − reference:
        how far the trainee read the files from what they show, what training fixes);
        ``evidence_gap`` (reference − truth on the same cases: what the files could not show,
        a lesson about documentation, never the trainee's error); ``truth_distance`` (score −
        latent truth, named as such: both together).
    """
    columns = ["rater", "n_cases", "reading_error", "evidence_gap", "truth_distance"]
    if ratings.empty or "reference" not in ratings:
        return pd.DataFrame(columns=columns)
    known = ratings.dropna(subset=["reference", "true_score"])
    if known.empty:
        return pd.DataFrame(columns=columns)
    rms = lambda v: float(np.sqrt(np.mean(np.square(v))))  # noqa: E731
    rows = [
        {
            "rater": rater,
            "n_cases": group["case_id"].nunique(),
            "reading_error": rms(group["score"] - group["reference"]),
            "evidence_gap": rms(group["reference"] - group["true_score"]),
            "truth_distance": rms(group["score"] - group["true_score"]),
        }
        for rater, group in known.groupby("rater_id", sort=False)
    ]
    return pd.DataFrame(rows, columns=columns).round(3)


#: Below this many units (case × dimension) a reliability value is said to be very uncertain.
FEW_UNITS = 16


def reliability_meaning(statistic: str, value: float, units: int, *, lang=None) -> str:
    """What a reliability value means, in words a facilitator can read out.

    Bands after Koo & Li (2016) for the ICC (below .50 poor, .50–.75 moderate, .75–.90
    good, above .90 excellent), used for Krippendorff's alpha alike. A negative value (the
    ICC's and alpha's estimates can fall below 0, and the forms for the mean of k raters,
    ``ICC(1,k)``…, magnify it, e.g. −4,80) means the trainees differ more on the same case
    than the cases differ: no agreement at all, not a measurable "less than none". A NaN
    (every score the same) cannot be computed. Few units make any value uncertain.
    """
    if value is None or not np.isfinite(value):
        return t("profile.reliability.undefined", lang)
    if value < 0:
        key = "negative_mean" if ",k)" in statistic else "negative"
    elif value < 0.5:
        key = "poor"
    elif value < 0.75:
        key = "moderate"
    elif value < 0.9:
        key = "good"
    else:
        key = "excellent"
    text = t(f"profile.reliability.{key}", lang)
    if units < FEW_UNITS:
        text += " " + t("profile.reliability.few_units", lang, units=int(units))
    return text


def group_reliability(ratings: pd.DataFrame, *, lang=None) -> pd.DataFrame:
    """Agreement of the trainees on the shared cases, each case × dimension a unit.

    Returns
    -------
    DataFrame
        One row per statistic: ``statistic`` (Krippendorff's alpha at the interval level,
        missing allowed, then the ICC forms on the trainees who scored every shared case),
        ``value``, ``ci_low``, ``ci_high``, ``raters``, ``units`` and ``meaning`` (the value
        in words, :func:`reliability_meaning`: a negative or undefined value is explained);
        empty until two trainees have scored one shared case. A statistic the data leave
        undefined is NaN with a :class:`kinerja_sim.metrics.DegenerateDataWarning` (never
        silenced here).
    """
    columns = ["statistic", "value", "ci_low", "ci_high", "raters", "units", "meaning"]
    shared = (
        ratings[ratings["kind"] == "bersama"].assign(
            unit=lambda frame: frame["case_id"] + "|" + frame["dimension"]
        )
        if not ratings.empty
        else ratings
    )
    if (
        shared.empty
        or shared["rater_id"].nunique() < 2
        or shared["unit"].nunique() < 2
        or shared.groupby("unit")["rater_id"].nunique().max() < 2
    ):  # no unit rated twice yet
        return pd.DataFrame(columns=columns)
    rows = [
        {
            "statistic": "Krippendorff alpha (interval)",
            "value": krippendorff_alpha(
                shared, units="unit", raters="rater_id", ratings="score", level="interval"
            ),
            "ci_low": float("nan"),
            "ci_high": float("nan"),
            "raters": shared["rater_id"].nunique(),
            "units": shared["unit"].nunique(),
        }
    ]
    per_rater = shared.groupby("rater_id")["unit"].nunique()
    complete = shared[
        shared["rater_id"].isin(per_rater[per_rater == shared["unit"].nunique()].index)
    ]
    if complete["rater_id"].nunique() >= 2:
        forms = icc(complete, targets="unit", raters="rater_id", ratings="score")
        rows += [
            {
                "statistic": row.form,
                "value": row.icc,
                "ci_low": row.ci_low,
                "ci_high": row.ci_high,
                "raters": complete["rater_id"].nunique(),
                "units": complete["unit"].nunique(),
            }
            for row in forms.itertuples()
        ]
    table = pd.DataFrame(rows, columns=columns).round(3)
    table["meaning"] = [
        reliability_meaning(row.statistic, row.value, row.units, lang=lang)
        for row in table.itertuples()
    ]
    return table


def case_ratings_wide(ratings: pd.DataFrame) -> pd.DataFrame:
    """One row per trainee and case: the eight scores and the eight true scores side by side."""
    index = ["rater_id", "source", "case_id", "employee_id", "kind", "submitted_at"]
    if ratings.empty:
        return pd.DataFrame(columns=[*index, *DIMENSIONS, *(f"true_{d}" for d in DIMENSIONS)])
    last = ratings.groupby(["rater_id", "case_id"])["submitted_at"].transform("max")
    base = ratings.assign(submitted_at=last)
    scores = base.pivot_table(index=index, columns="dimension", values="score").reindex(
        columns=list(DIMENSIONS)
    )
    truth = (
        base.pivot_table(index=index, columns="dimension", values="true_score", dropna=False)
        .reindex(columns=list(DIMENSIONS))
        .add_prefix("true_")
    )
    wide = scores.join(truth)
    if "reference" in base:
        reference = (
            base.pivot_table(index=index, columns="dimension", values="reference", dropna=False)
            .reindex(columns=list(DIMENSIONS))
            .add_prefix("ref_")
        )
        wide = wide.join(reference)
    wide.columns.name = None
    return wide.reset_index()


def feedback_texts(answers: pd.DataFrame, ratings: pd.DataFrame) -> pd.DataFrame:
    """The latest written feedback of every trainee per case and dimension, beside their score.

    One row per trainee, case and dimension of exercise 06: ``rater_id``, ``case_id``,
    ``employee_id``, ``dimension``, ``score`` (the trainee's score of that dimension on that
    case, from any place they rated it; NaN if not rated), ``true_score``, ``text``,
    ``coach_score`` (0–1) and ``submitted_at``. Free text may name real people: the export
    warns about it.
    """
    columns = [
        "rater_id",
        "case_id",
        "employee_id",
        "dimension",
        "score",
        "true_score",
        "text",
        "coach_score",
        "submitted_at",
    ]
    written = answers[answers["exercise"] == FEEDBACK_EXERCISE]
    rows = []
    for row in written.itertuples(index=False):
        try:
            answer = json.loads(row.answer_json)
        except ValueError:
            continue
        rows.append(
            {
                "rater_id": row.trainee,
                "case_id": answer.get("case", ""),
                "employee_id": answer.get("employee_id", ""),
                "dimension": answer.get("dimension", ""),
                "text": answer.get("text", ""),
                "coach_score": row.score,
                "submitted_at": row.submitted_at,
            }
        )
    if not rows:
        return pd.DataFrame(columns=columns)
    table = (
        pd.DataFrame(rows)
        .sort_values("submitted_at")
        .drop_duplicates(["rater_id", "case_id", "dimension"], keep="last")
    )
    scored = (
        ratings[["rater_id", "case_id", "dimension", "score", "true_score"]]
        if not ratings.empty
        else pd.DataFrame(columns=["rater_id", "case_id", "dimension", "score", "true_score"])
    )
    return table.merge(scored, on=["rater_id", "case_id", "dimension"], how="left")[
        columns
    ].reset_index(drop=True)


def _answer_columns(exercise: str, item: str, answer: dict) -> dict:
    """One submission's answer as named columns (keys of the catalogue's ``ui.answer.*``)."""
    if exercise in CASE_EXERCISES:
        case = CaseAnswer.from_json(exercise, item, answer)
        return {
            **{d: case.scores.get(d) for d in DIMENSIONS},
            **{f"true_{d}": case.true_scores.get(d) for d in DIMENSIONS},
            "kind": case.kind,
        }
    flat = {}
    for key, value in answer.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{inner}": v for inner, v in value.items()})
        else:
            flat[key] = value
    return flat


def unpacked_answers(answers: pd.DataFrame) -> pd.DataFrame:
    """Every submission with its answer unpacked into columns (no JSON): the eight scores and the
    truth for case ratings, the indicator and target, the choice, the employees ticked ..."""
    fixed = ["submission_id", "trainee", "exercise", "item", "score", "submitted_at", "feedback"]
    rows = []
    for row in answers.itertuples(index=False):
        try:
            answer = json.loads(row.answer_json)
        except ValueError:
            answer = {}
        rows.append(
            {
                **{c: getattr(row, c) for c in fixed},
                **_answer_columns(row.exercise, row.item, answer),
            }
        )
    table = pd.DataFrame(rows)
    return table if not table.empty else pd.DataFrame(columns=fixed)


# --------------------------------------------------------------------------- what people see
def _column_name(name: str, lang) -> str:
    if name.startswith("true_") and name[5:] in DIMENSION_LABELS:
        return t("ui.dashboard.true_of", lang, dimension=DIMENSION_LABELS[name[5:]])
    if name.startswith("ref_") and name[4:] in DIMENSION_LABELS:
        return t("profile.dashboard.ref_of", lang, dimension=DIMENSION_LABELS[name[4:]])
    if name in DIMENSION_LABELS:
        return DIMENSION_LABELS[name]
    for prefix in ("ui.column.", "ui.answer."):
        if f"{prefix}{name}" in catalogue():
            return t(f"{prefix}{name}", lang)
    return name.replace("_", " ").replace(".", ": ")


def _item_name(item, lang):
    """A store item as people read it: a dimension key after the case (exercise 06) as its label,
    a question key (exercise 05, ``kalibrasi_lantai``) as words."""
    if not isinstance(item, str):
        return item
    case, _, dimension = item.rpartition(":")
    if case and dimension in DIMENSION_LABELS:
        return f"{case}: {DIMENSION_LABELS[dimension]}"
    return item.replace("_", " ")


def _choice_name(value, lang):
    """A choice key (exercise 03's bias names) as its label; other choices are already words."""
    key = f"exercises.bias.name.{value}"
    return t(key, lang) if isinstance(value, str) and key in catalogue() else value


def _exercise_name(exercise: str, lang) -> str:
    key = f"ui.exercise_name.{exercise}"
    return t(key, lang) if key in catalogue() else exercise


def _readable(value, lang):
    if isinstance(value, bool):
        return t("ui.yes", lang) if value else t("ui.no", lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return value


def _feedback_lines(text) -> str:
    if not isinstance(text, str):
        return ""
    return text.replace("\n- ", "\n• ")


def display_table(table: pd.DataFrame, *, zone: str = "WIB", lang=None) -> pd.DataFrame:
    """A table as people read it: Indonesian headers, local times, ya/tidak, labels, readable lines.

    Numbers stay numbers (rounded to three decimals), so the exported workbook can still be
    computed with.
    """
    lang = lang or get_language()
    zone = check_choice("zone", zone, TIMEZONES)
    shown = table.copy()
    for column in shown.columns:
        values = shown[column]
        if column in ("submitted_at", "last_submission"):
            shown[column] = values.map(lambda v: timestamp(v, zone))
        elif column == "exercise":
            shown[column] = values.map(lambda v: _exercise_name(v, lang))
        elif column == "dimension":
            shown[column] = values.map(lambda v: DIMENSION_LABELS.get(v, v))
        elif column == "item":
            shown[column] = values.map(lambda v: _item_name(v, lang))
        elif column == "choice":
            shown[column] = values.map(lambda v: _choice_name(v, lang))
        elif column == "source":
            shown[column] = values.map(
                lambda v: (
                    t(f"ui.dashboard.source.{v}", lang)
                    if f"ui.dashboard.source.{v}" in catalogue()
                    else v
                )
            )
        elif column in ("feedback", "explanation"):
            shown[column] = values.map(_feedback_lines)
        elif (
            values.dtype == bool
            or values.map(lambda v: isinstance(v, (bool, list, tuple, dict))).any()
        ):
            shown[column] = values.map(lambda v: _readable(v, lang))
        elif pd.api.types.is_float_dtype(values):
            shown[column] = values.round(3)
    return shown.rename(columns=lambda name: _column_name(name, lang))


# --------------------------------------------------------------------------- export
def views(answers: pd.DataFrame, *, lang=None) -> dict[str, pd.DataFrame]:
    ratings = with_reference(case_ratings(answers), answers)
    return {
        "kemajuan": progress_table(answers),
        "sebaran_kasus": case_spread(ratings),
        "dua_jarak": reading_distances(ratings),
        "profil_bias": bias_profiles(ratings, lang=lang),
        "reliabilitas": group_reliability(ratings, lang=lang),
        "penilaian_kasus": case_ratings_wide(ratings),
        "tes_awal_akhir": prepost_table(answers, lang=lang),
        "umpan_balik": feedback_texts(answers, ratings),
        "jawaban": unpacked_answers(answers),
    }


def _sheet_name(name: str, lang) -> str:
    return (
        t(f"ui.dashboard.sheet.{name}", lang)[:31]
        if f"ui.dashboard.sheet.{name}" in catalogue()
        else name[:31]
    )


def _style_sheet(worksheet) -> None:
    """Bold headers, column widths from the content, wrapped multi-line texts, frozen header."""
    from openpyxl.styles import Alignment, Font

    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for column_cells in worksheet.columns:
        width = max(len(str(c.value)) if c.value is not None else 0 for c in column_cells[:200])
        worksheet.column_dimensions[column_cells[0].column_letter].width = min(
            max(width + 2, 8), 60
        )
        for cell in column_cells[1:]:
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    worksheet.freeze_panes = "A2"


def workbook_bytes(tables: dict[str, pd.DataFrame], *, zone: str = "WIB", lang=None) -> bytes:
    """An Excel workbook (xlsx) of ``tables``: one sheet per view, Indonesian headers, local times.

    Written by :func:`kinerja_sim._core.sheets.workbook_bytes`: a name or text that starts like a
    formula stays text, and control characters are removed, so one trainee's input can neither
    act in the facilitator's Excel nor stop the export for everyone.
    """
    shown = {
        _sheet_name(name, lang): display_table(table, zone=zone, lang=lang)
        for name, table in tables.items()
    }
    return sheets.workbook_bytes(shown, style=_style_sheet)


def export_problem(error: BaseException, folder=None, *, lang=None) -> str:
    """The one Indonesian line for a failed export: disk full, folder not writable, or other.

    No English system detail reaches the facilitator; the content of the tables cannot be the
    cause any more (every text is made safe by :mod:`kinerja_sim._core.sheets`).

    Examples
    --------
    >>> import errno
    >>> export_problem(OSError(errno.ENOSPC, "No space left on device"), lang="id")[:24]
    'Ekspor gagal: disk penuh'
    """
    import errno

    shown = str(folder) if folder is not None else EXPORT_FOLDER
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return t("exports.disk_full", lang)
        return t("exports.not_writable", lang, folder=shown)
    return t("exports.failed", lang)


def export_workbook(
    tables: dict[str, pd.DataFrame], folder=None, *, zone: str = "WIB", lang=None
) -> Path:
    """Write the views as ``dasbor_<date>-<time>.xlsx`` into ``folder`` and return its path.

    ``folder`` defaults to ``$KINERJA_SIM_EXPORTS`` (:data:`EXPORTS_ENV`, set by the workshop
    server), else :data:`EXPORT_FOLDER` in the current folder: the notebook's own folder in
    JupyterLab and in the app, so the file shows in the Lab file browser.
    """
    configured = os.environ.get(EXPORTS_ENV, "").strip()
    if folder is None:
        folder = Path(configured).expanduser() if configured else Path.cwd() / EXPORT_FOLDER
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone(timedelta(hours=TIMEZONES[zone]))).strftime("%Y%m%d-%H%M%S")
    path = folder / f"dasbor_{stamp}.xlsx"
    path.write_bytes(workbook_bytes(tables, zone=zone, lang=lang))
    return path


# --------------------------------------------------------------------------- demo
def demo_store(path, *, n_trainees: int = 20, rng=None) -> ProgressStore:
    """A store with simulated trainees ("Contoh 01", ...), for a look before the workshop.

    Each simulated trainee is a rater drawn from the ``supervisory`` preset
    (:data:`kinerja_sim.raters.PRESETS`) who scores the shared cases of
    exercise 02 (scores from :func:`kinerja_sim.raters.rate`, rounded to halves) and fixes
    one indicator of exercise 01 with the model answer.
    """
    from kinerja_sim.raters import PRESETS, rate
    from kinerja_sim.training.exercises import indicators as indicator_exercise

    n_trainees = check_int("n_trainees", n_trainees, minimum=1, maximum=200)
    generator = check_rng(rng)
    store = ProgressStore(path)
    biases = PRESETS["supervisory"].draw(n_trainees, rng=generator)
    for number, stream in enumerate(generator.spawn(n_trainees), start=1):
        name = t("ui.dashboard.demo_name", n=f"{number:02d}")
        cases = scoring.make_cases(rng=trainee_seed(name), own=0)
        for case in cases.cases:
            dataset = cases.dataset(case.item_id)
            given = rate(
                dataset.performance[dataset.performance["employee_id"] == case.employee_id],
                biases.iloc[[number - 1]],
                rng=stream,
            )
            scores = {
                row.dimension: min(5.0, max(1.0, round(2 * row.score) / 2))
                for row in given.itertuples()
            }
            feedback = scoring.check_scores(cases, case.item_id, scores)
            store.submit(
                name,
                SCORING,
                case.item_id,
                scoring.answer_of(cases, case.item_id, scores),
                score=feedback.score,
                feedback=feedback.text(),
            )
        item = indicator_exercise.make_items(1, rng=trainee_seed(name))[0]
        feedback = indicator_exercise.check_indicator(item, item.fix_iki, item.fix_target)
        store.submit(
            name,
            indicator_exercise.EXERCISE,
            item.item_id,
            {"iki": item.fix_iki, "target": item.fix_target},
            score=feedback.score,
            feedback=feedback.text(),
        )
    return store


def default_zone() -> str:
    """The time zone of the tables: ``$KINERJA_SIM_TIMEZONE`` (WIB, WITA or WIT), else WIB."""
    zone = os.environ.get(TIMEZONE_ENV, "").strip().upper()
    return zone if zone in TIMEZONES else "WIB"
