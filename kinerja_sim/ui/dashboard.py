"""The facilitator dashboard (``notebooks/08_dasbor_fasilitator.ipynb``).

Reads the progress store of the workshop and shows: each trainee's progress per exercise;
the spread of the group's scores per shared case against the truth; each trainee's bias
profile (:func:`kinerja_sim.metrics.diagnostics.rater_profile`); the group's reliability on
the shared cases (:func:`kinerja_sim.metrics.icc`, :func:`kinerja_sim.metrics.krippendorff_alpha`);
and every answer. Every rating of a case counts, wherever the trainee gave it: notebook 02
(``02_penilaian``), notebook 04's re-rating and the app (``02_nilai_berkas_kasus``), read
through one model (:mod:`kinerja_sim.cases.answers`).

Tables are computed with stable snake_case columns (:func:`progress_table`,
:func:`case_spread`, ...) and shown, exported and downloaded through :func:`display_table`:
Indonesian headers, times in the facilitator's zone (WIB, WITA or WIT), "ya"/"tidak",
dimension labels, feedback as readable lines. :func:`export_workbook` writes one Excel
workbook, one sheet per view, into a folder beside the notebook (visible in JupyterLab's file
browser); the dashboard also offers it as a download link, which works in the app too.
:func:`demo_store` fills a store with 20 simulated trainees ("Contoh ..."), so a facilitator
sees what the dashboard looks like before the workshop.

Examples
--------
>>> import tempfile, os
>>> store = demo_store(os.path.join(tempfile.mkdtemp(), "contoh.sqlite"), n_trainees=4, rng=1)
>>> ratings = case_ratings(store.answers())
>>> ratings["rater_id"].nunique(), sorted(ratings["kind"].unique())
(4, ['bersama'])
"""
from __future__ import annotations

import base64
import html
import json
import os
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd

from kinerja_sim._core.validate import check_choice, check_int, check_rng
from kinerja_sim.cases.answers import CASE_EXERCISES, CaseAnswer, case_ratings
from kinerja_sim.world.dimensions import DIMENSION_LABELS, DIMENSIONS
from kinerja_sim.training.exercises import scoring
from kinerja_sim._core.i18n import catalogue, get_language, t
from kinerja_sim.metrics import icc, krippendorff_alpha
from kinerja_sim.metrics.diagnostics import rater_profile
from kinerja_sim.training.progress import ProgressStore, default_path
from kinerja_sim.training.trainee import trainee_seed

__all__ = ["EXPORT_FOLDER", "TIMEZONES", "Dashboard", "bias_profiles", "case_ratings", "case_spread", "demo_store",
           "display_table", "export_workbook", "format_time", "group_reliability", "progress_table",
           "spread_figure", "unpacked_answers", "workbook_bytes"]

SCORING = scoring.EXERCISE
#: Indonesia's three time zones (UTC+7, +8, +9); the facilitator picks one.
TIMEZONES = {"WIB": 7, "WITA": 8, "WIT": 9}
TIMEZONE_ENV = "KINERJA_SIM_TIMEZONE"
#: Exports go to this folder beside the notebook (visible in JupyterLab's file browser).
EXPORT_FOLDER = "ekspor_dasbor"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The views, in the order of the screen and the workbook: table name -> catalogue key of its title.
VIEWS = {"kemajuan": "ui.dashboard.progress", "sebaran_kasus": "ui.dashboard.spread",
         "profil_bias": "ui.dashboard.profiles", "reliabilitas": "ui.dashboard.reliability",
         "penilaian_kasus": "ui.dashboard.case_ratings", "umpan_balik": "ui.dashboard.feedback_texts",
         "jawaban": "ui.dashboard.submissions"}
#: Exercise 06: written feedback on a scored case (free text: may name real people).
FEEDBACK_EXERCISE = "06_tulis_umpan_balik"


# --------------------------------------------------------------------------- tables (no widgets)
def progress_table(answers: pd.DataFrame) -> pd.DataFrame:
    """Per trainee and exercise: ``items`` answered, ``submissions``, ``mean_score`` of the last
    answers, ``last_submission`` (ISO text, UTC)."""
    if answers.empty:
        return pd.DataFrame(columns=["trainee", "exercise", "items", "submissions", "mean_score", "last_submission"])
    last = answers.drop_duplicates(["trainee", "exercise", "item"], keep="last")
    table = last.groupby(["trainee", "exercise"]).agg(items=("item", "size"), mean_score=("score", "mean"),
                                                        last_submission=("submitted_at", "max"))
    table.insert(1, "submissions", answers.groupby(["trainee", "exercise"]).size())
    return table.reset_index().round({"mean_score": 3})


def case_spread(ratings: pd.DataFrame) -> pd.DataFrame:
    """Spread of the group's scores per case and dimension: ``n``, ``mean``, ``sd``, ``min``,
    ``max``, ``true_score`` and ``mean_gap`` (mean − truth); ``ratings`` from :func:`case_ratings`."""
    columns = ["case_id", "source", "kind", "dimension", "n", "mean", "sd", "min", "max", "true_score", "mean_gap"]
    if ratings.empty:
        return pd.DataFrame(columns=columns)
    table = ratings.groupby(["case_id", "source", "kind", "dimension"], sort=False).agg(
        n=("score", "size"), mean=("score", "mean"), sd=("score", "std"), min=("score", "min"),
        max=("score", "max"), true_score=("true_score", "first")).reset_index()
    table["mean_gap"] = table["mean"] - table["true_score"]
    return table[columns].round(3)


def _by_case(ratings: pd.DataFrame) -> pd.DataFrame:
    """Ratings with the case as the ratee (``employee_id`` = ``case_id``), as the metrics expect."""
    return ratings.assign(employee_id=ratings["case_id"])


def bias_profiles(ratings: pd.DataFrame, *, lang=None) -> pd.DataFrame:
    """Each trainee's bias profile against the truth over every case they rated (3 cases needed)."""
    keep = ["rater", "n_ratees", "leniency", "central_tendency", "halo", "flag_leniency",
            "flag_central_tendency", "flag_halo", "explanation"]
    known = ratings.dropna(subset=["true_score"]) if not ratings.empty else ratings
    if known.empty:
        return pd.DataFrame(columns=keep)
    with warnings.catch_warnings():   # few cases per trainee: some estimates are NaN, as expected
        warnings.simplefilter("ignore", RuntimeWarning)
        profile = rater_profile(_by_case(known), lang=lang)
    return profile[keep].round(3)


def group_reliability(ratings: pd.DataFrame) -> pd.DataFrame:
    """Agreement of the trainees on the shared cases, each case × dimension a unit.

    Returns
    -------
    DataFrame
        One row per statistic: ``statistic`` (Krippendorff's alpha at the interval level,
        missing allowed, then the ICC forms on the trainees who scored every shared case),
        ``value``, ``ci_low``, ``ci_high``, ``raters``, ``units``.
    """
    columns = ["statistic", "value", "ci_low", "ci_high", "raters", "units"]
    shared = ratings[ratings["kind"] == "bersama"].assign(
        unit=lambda frame: frame["case_id"] + "|" + frame["dimension"]) if not ratings.empty else ratings
    if shared.empty or shared["rater_id"].nunique() < 2 or shared["unit"].nunique() < 2:
        return pd.DataFrame(columns=columns)
    rows = [{"statistic": "Krippendorff alpha (interval)", "value": krippendorff_alpha(
        shared, units="unit", raters="rater_id", ratings="score", level="interval"), "ci_low": float("nan"),
        "ci_high": float("nan"), "raters": shared["rater_id"].nunique(), "units": shared["unit"].nunique()}]
    per_rater = shared.groupby("rater_id")["unit"].nunique()
    complete = shared[shared["rater_id"].isin(per_rater[per_rater == shared["unit"].nunique()].index)]
    if complete["rater_id"].nunique() >= 2:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            forms = icc(complete, targets="unit", raters="rater_id", ratings="score")
        rows += [{"statistic": row.form, "value": row.icc, "ci_low": row.ci_low, "ci_high": row.ci_high,
                  "raters": complete["rater_id"].nunique(), "units": complete["unit"].nunique()}
                 for row in forms.itertuples()]
    return pd.DataFrame(rows, columns=columns).round(3)


def case_ratings_wide(ratings: pd.DataFrame) -> pd.DataFrame:
    """One row per trainee and case: the eight scores and the eight true scores side by side."""
    index = ["rater_id", "source", "case_id", "employee_id", "kind", "submitted_at"]
    if ratings.empty:
        return pd.DataFrame(columns=[*index, *DIMENSIONS, *(f"true_{d}" for d in DIMENSIONS)])
    last = ratings.groupby(["rater_id", "case_id"])["submitted_at"].transform("max")
    base = ratings.assign(submitted_at=last)
    scores = base.pivot_table(index=index, columns="dimension", values="score").reindex(columns=list(DIMENSIONS))
    truth = base.pivot_table(index=index, columns="dimension", values="true_score", dropna=False).reindex(
        columns=list(DIMENSIONS)).add_prefix("true_")
    wide = scores.join(truth)
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
    columns = ["rater_id", "case_id", "employee_id", "dimension", "score", "true_score", "text", "coach_score",
               "submitted_at"]
    written = answers[answers["exercise"] == FEEDBACK_EXERCISE]
    rows = []
    for row in written.itertuples(index=False):
        try:
            answer = json.loads(row.answer_json)
        except ValueError:
            continue
        rows.append({"rater_id": row.trainee, "case_id": answer.get("case", ""), "employee_id": answer.get("employee_id", ""),
                     "dimension": answer.get("dimension", ""), "text": answer.get("text", ""),
                     "coach_score": row.score, "submitted_at": row.submitted_at})
    if not rows:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(rows).sort_values("submitted_at").drop_duplicates(
        ["rater_id", "case_id", "dimension"], keep="last")
    scored = ratings[["rater_id", "case_id", "dimension", "score", "true_score"]] if not ratings.empty else \
        pd.DataFrame(columns=["rater_id", "case_id", "dimension", "score", "true_score"])
    return table.merge(scored, on=["rater_id", "case_id", "dimension"], how="left")[columns].reset_index(drop=True)


def _answer_columns(exercise: str, item: str, answer: dict) -> dict:
    """One submission's answer as named columns (keys of the catalogue's ``ui.answer.*``)."""
    if exercise in CASE_EXERCISES:
        case = CaseAnswer.from_json(exercise, item, answer)
        return {**{d: case.scores.get(d) for d in DIMENSIONS},
                **{f"true_{d}": case.true_scores.get(d) for d in DIMENSIONS}, "kind": case.kind}
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
        rows.append({**{c: getattr(row, c) for c in fixed}, **_answer_columns(row.exercise, row.item, answer)})
    table = pd.DataFrame(rows)
    return table if not table.empty else pd.DataFrame(columns=fixed)


# --------------------------------------------------------------------------- what people see
def format_time(value, zone: str = "WIB") -> str:
    """An ISO time (UTC) as the facilitator reads it: ``26-11-2026 19.35 WIB``.

    Examples
    --------
    >>> format_time("2026-11-26T12:35:00.000+00:00", "WIB"), format_time("2026-11-26T12:35:00+00:00", "WIT")
    ('26-11-2026 19.35 WIB', '26-11-2026 21.35 WIT')
    """
    zone = check_choice("zone", zone, TIMEZONES)
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return ""
    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    local = moment.astimezone(timezone(timedelta(hours=TIMEZONES[zone])))
    return f"{local:%d-%m-%Y %H.%M} {zone}"


def _column_name(name: str, lang) -> str:
    if name.startswith("true_") and name[5:] in DIMENSION_LABELS:
        return t("ui.dashboard.true_of", lang, dimension=DIMENSION_LABELS[name[5:]])
    if name in DIMENSION_LABELS:
        return DIMENSION_LABELS[name]
    for prefix in ("ui.column.", "ui.answer."):
        if f"{prefix}{name}" in catalogue():
            return t(f"{prefix}{name}", lang)
    return name.replace("_", " ").replace(".", ": ")


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
    shown = table.copy()
    for column in shown.columns:
        values = shown[column]
        if column in ("submitted_at", "last_submission"):
            shown[column] = values.map(lambda v: format_time(v, zone))
        elif column == "exercise":
            shown[column] = values.map(lambda v: _exercise_name(v, lang))
        elif column == "dimension":
            shown[column] = values.map(lambda v: DIMENSION_LABELS.get(v, v))
        elif column == "source":
            shown[column] = values.map(lambda v: t(f"ui.dashboard.source.{v}", lang)
                                       if f"ui.dashboard.source.{v}" in catalogue() else v)
        elif column in ("feedback", "explanation"):
            shown[column] = values.map(_feedback_lines)
        elif values.dtype == bool or values.map(lambda v: isinstance(v, (bool, list, tuple, dict))).any():
            shown[column] = values.map(lambda v: _readable(v, lang))
        elif pd.api.types.is_float_dtype(values):
            shown[column] = values.round(3)
    return shown.rename(columns=lambda name: _column_name(name, lang))


def _number(value, lang) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if (lang or get_language()) == "id" else text


def _cell_html(value, lang) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if isinstance(value, float):
        return _number(value, lang)
    return html.escape(str(value)).replace("\n", "<br>")


def _frame_html(table: pd.DataFrame, empty_key: str, *, zone: str = "WIB", lang=None) -> str:
    """A table as HTML (class ``kinerja-table``): headers and values as :func:`display_table` gives
    them, line breaks kept as lines (pandas' ``to_html`` would print them as a literal "\\n")."""
    if table.empty:
        return f"<p class='kinerja-empty'><i>{html.escape(t(empty_key, lang))}</i></p>"
    shown = display_table(table, zone=zone, lang=lang)
    wide = {_column_name(c, lang) for c in ("feedback", "explanation", "iki")}
    head = "".join(('<th class="kinerja-wide">' if c in wide else "<th>") + f"{html.escape(str(c))}</th>"
                   for c in shown.columns)
    rows = "".join("<tr>" + "".join(f"<td>{_cell_html(v, lang)}</td>" for v in row) + "</tr>"
                   for row in shown.itertuples(index=False))
    style = ("<style>.kinerja-table{border-collapse:collapse;font-size:12px}"
             ".kinerja-table td,.kinerja-table th{border:1px solid #cbd5e1;padding:2px 6px;vertical-align:top;"
             "text-align:left}.kinerja-table th{background:#f1f5f9}.kinerja-table th.kinerja-wide{min-width:26em}</style>")
    return f"{style}<table class='kinerja-table'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


# --------------------------------------------------------------------------- export
def _views(answers: pd.DataFrame, *, lang=None) -> dict[str, pd.DataFrame]:
    ratings = case_ratings(answers)
    return {"kemajuan": progress_table(answers), "sebaran_kasus": case_spread(ratings),
            "profil_bias": bias_profiles(ratings, lang=lang), "reliabilitas": group_reliability(ratings),
            "penilaian_kasus": case_ratings_wide(ratings), "umpan_balik": feedback_texts(answers, ratings),
            "jawaban": unpacked_answers(answers)}


def _sheet_name(name: str, lang) -> str:
    return t(f"ui.dashboard.sheet.{name}", lang)[:31] if f"ui.dashboard.sheet.{name}" in catalogue() else name[:31]


def workbook_bytes(tables: dict[str, pd.DataFrame], *, zone: str = "WIB", lang=None) -> bytes:
    """An Excel workbook (xlsx) of ``tables``: one sheet per view, Indonesian headers, local times."""
    from io import BytesIO

    from openpyxl.styles import Alignment, Font

    buffer = BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in tables.items():
            shown = display_table(table, zone=zone, lang=lang)
            sheet = _sheet_name(name, lang)
            shown.to_excel(writer, sheet_name=sheet, index=False)
            worksheet = writer.sheets[sheet]
            for cell in worksheet[1]:
                cell.font = Font(bold=True)
            for column_cells in worksheet.columns:
                width = max(len(str(c.value)) if c.value is not None else 0 for c in column_cells[:200])
                worksheet.column_dimensions[column_cells[0].column_letter].width = min(max(width + 2, 8), 60)
                for cell in column_cells[1:]:
                    if isinstance(cell.value, str) and "\n" in cell.value:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
            worksheet.freeze_panes = "A2"
    return buffer.getvalue()


def export_workbook(tables: dict[str, pd.DataFrame], folder=None, *, zone: str = "WIB", lang=None) -> Path:
    """Write the views as ``dasbor_<date>-<time>.xlsx`` into ``folder`` and return its path.

    ``folder`` defaults to :data:`EXPORT_FOLDER` in the current folder: the notebook's own
    folder in JupyterLab and in the app, so the file shows in the Lab file browser.
    """
    folder = Path(folder) if folder is not None else Path.cwd() / EXPORT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone(timedelta(hours=TIMEZONES[zone]))).strftime("%Y%m%d-%H%M%S")
    path = folder / f"dasbor_{stamp}.xlsx"
    path.write_bytes(workbook_bytes(tables, zone=zone, lang=lang))
    return path


def download_link(path: Path, lang=None) -> str:
    """An HTML link that downloads the file from the page itself (a data URI): works in Lab and the app."""
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    label = html.escape(t("ui.dashboard.download", lang, name=Path(path).name))
    return (f'<a class="kinerja-download" download="{html.escape(Path(path).name)}" href="data:{XLSX};base64,{data}"'
            f' style="display:inline-block;padding:4px 10px;border:1px solid #1e3a8a;border-radius:4px;'
            f'color:#1e3a8a;text-decoration:none">⬇ {label}</a>')


# --------------------------------------------------------------------------- figure
def spread_figure(ratings: pd.DataFrame):
    """One panel per shared case (at most six): the group's scores per dimension, the truth as red diamonds."""
    shared = ratings[ratings["kind"] == "bersama"]
    cases = list(pd.unique(shared["case_id"]))[:6]
    with warnings.catch_warnings():   # seaborn's boxplot uses a parameter matplotlib deprecates
        warnings.simplefilter("ignore", DeprecationWarning)
        return _spread_panels(shared, cases)


def _spread_panels(shared: pd.DataFrame, cases: list):
    import matplotlib.pyplot as plt
    import seaborn as sns

    columns = min(max(len(cases), 1), 3)
    rows = max(1, -(-len(cases) // 3))
    figure, axes = plt.subplots(rows, columns, figsize=(4.6 * columns, 4.2 * rows), squeeze=False)
    order = [DIMENSION_LABELS[d] for d in DIMENSIONS]
    for axis, case in zip(axes.flat, cases):
        data = shared[shared["case_id"] == case].assign(label=lambda f: f["dimension"].map(DIMENSION_LABELS))
        sns.boxplot(data=data, x="label", y="score", order=order, ax=axis, color="#dbeafe", fliersize=0)
        sns.stripplot(data=data, x="label", y="score", order=order, ax=axis, color="#1e3a8a", size=3, alpha=0.6)
        truth = data.drop_duplicates("label").set_index("label").reindex(order)["true_score"]
        axis.scatter(range(len(order)), truth, marker="D", color="#b91c1c", zorder=5, label=t("ui.dashboard.truth"))
        axis.set(ylim=(0.8, 5.2), xlabel="", ylabel=t("ui.dashboard.score"), title=case)
        axis.tick_params(axis="x", labelrotation=60, labelsize=8)
    for axis in list(axes.flat)[len(cases):]:
        axis.set_visible(False)
    if cases:
        axes[0][0].legend(loc="lower left", fontsize=7)
    figure.tight_layout()
    return figure


# --------------------------------------------------------------------------- demo
def demo_store(path, *, n_trainees: int = 20, rng=None) -> ProgressStore:
    """A store with simulated trainees ("Contoh 01", ...), for a look before the workshop.

    Each simulated trainee is a rater drawn from the ``supervisory`` preset
    (:data:`kinerja_sim.raters.PRESETS`) who scores the shared cases of
    exercise 02 (scores from :func:`kinerja_sim.raters.rate`, rounded to halves) and fixes
    one indicator of exercise 01 with the model answer.
    """
    from kinerja_sim.training.exercises import indicators as indicator_exercise
    from kinerja_sim.raters import PRESETS, rate

    n_trainees = check_int("n_trainees", n_trainees, minimum=1, maximum=200)
    generator = check_rng(rng)
    store = ProgressStore(path)
    biases = PRESETS["supervisory"].draw(n_trainees, rng=generator)
    for number, stream in enumerate(generator.spawn(n_trainees), start=1):
        name = t("ui.dashboard.demo_name", n=f"{number:02d}")
        cases = scoring.make_cases(rng=trainee_seed(name), own=0)
        for case in cases.cases:
            dataset = cases.dataset(case.item_id)
            given = rate(dataset.performance[dataset.performance["employee_id"] == case.employee_id],
                         biases.iloc[[number - 1]], rng=stream)
            scores = {row.dimension: min(5.0, max(1.0, round(2 * row.score) / 2)) for row in given.itertuples()}
            feedback = scoring.check_scores(cases, case.item_id, scores)
            store.submit(name, SCORING, case.item_id, scoring.answer_of(cases, case.item_id, scores),
                         score=feedback.score, feedback=feedback.text())
        item = indicator_exercise.make_items(1, rng=trainee_seed(name))[0]
        feedback = indicator_exercise.check_indicator(item, item.fix_iki, item.fix_target)
        store.submit(name, indicator_exercise.EXERCISE, item.item_id, {"iki": item.fix_iki, "target": item.fix_target},
                     score=feedback.score, feedback=feedback.text())
    return store


# --------------------------------------------------------------------------- the widget
def default_zone() -> str:
    """The time zone of the tables: ``$KINERJA_SIM_TIMEZONE`` (WIB, WITA or WIT), else WIB."""
    zone = os.environ.get(TIMEZONE_ENV, "").strip().upper()
    return zone if zone in TIMEZONES else "WIB"


class Dashboard:
    """The dashboard widget: choose the store, load it, see the tables and plots, merge names, export.

    Parameters
    ----------
    path : str or Path, optional
        The store file (default: ``KINERJA_SIM_PROGRESS`` or ``~/.kinerja-sim/progress.sqlite``).
        A missing file is reported, never created.
    demo : bool
        Fill a fresh store in a temporary folder with 20 simulated trainees ("contoh").
    zone : {"WIB", "WITA", "WIT"}, optional
        Time zone of the tables (default :func:`default_zone`).
    export_folder : str or Path, optional
        Where exports go (default ``ekspor_dasbor`` beside the notebook).
    """

    def __init__(self, path=None, *, demo: bool = False, zone: str | None = None, export_folder=None):
        import ipywidgets as widgets

        self._widgets = widgets
        if demo:
            import tempfile
            path = Path(tempfile.mkdtemp(prefix="kinerja-contoh-")) / "contoh.sqlite"
            demo_store(path, rng=2022)
        self.export_folder = export_folder
        self.store: ProgressStore | None = None
        self.answers = pd.DataFrame()
        self.tables: dict[str, pd.DataFrame] = {}
        self.last_export: Path | None = None
        auto = widgets.Layout(width="max-content")
        self.path_field = widgets.Text(value=str(path if path is not None else default_path()),
                                       description=t("ui.dashboard.path"), style={"description_width": "initial"},
                                       layout=widgets.Layout(width="48em"))
        self.path_field.add_class("kinerja-dashboard-path")
        self.zone = widgets.Dropdown(options=[(f"{name} (UTC+{hours})", name) for name, hours in TIMEZONES.items()],
                                     value=check_choice("zone", zone or default_zone(), TIMEZONES),
                                     description=t("ui.dashboard.zone"), style={"description_width": "initial"},
                                     layout=auto)
        self.zone.add_class("kinerja-dashboard-zone")
        load = widgets.Button(description=t("ui.dashboard.load"), button_style="primary", icon="refresh", layout=auto)
        load.add_class("kinerja-dashboard-load")
        load.on_click(lambda _b: self.load())
        export = widgets.Button(description=t("ui.dashboard.export"), icon="download", layout=auto)
        export.add_class("kinerja-export")
        export.on_click(lambda _b: self.export())
        self.message = widgets.HTML()
        self.message.add_class("kinerja-dashboard-message")
        self.download = widgets.HTML()
        self.download.add_class("kinerja-dashboard-download")
        self.output = widgets.Output()
        self.merge_box = self._merge_controls(widgets, auto)
        banner = widgets.HTML(f"<b style='color:#b45309'>{html.escape(t('ui.dashboard.demo_banner'))}</b>"
                              if demo else "")
        self.zone.observe(lambda _change: self._redraw(), names="value")
        self.widget = widgets.VBox([banner, widgets.HBox([self.path_field, load]),
                                    widgets.HBox([self.zone, export]), self.message, self.download,
                                    self.merge_box, self.output])
        self.widget.add_class("kinerja-dashboard")
        self.load()

    # -- merging names
    def _merge_controls(self, widgets, auto):
        self.alias = widgets.Dropdown(description=t("ui.dashboard.merge_alias"), style={"description_width": "initial"},
                                      layout=auto)
        self.into = widgets.Dropdown(description=t("ui.dashboard.merge_into"), style={"description_width": "initial"},
                                     layout=auto)
        merge = widgets.Button(description=t("ui.dashboard.merge"), icon="compress", layout=auto)
        merge.add_class("kinerja-merge")
        merge.on_click(lambda _b: self.merge(self.alias.value, self.into.value))
        self.merged = widgets.Dropdown(description=t("ui.dashboard.merged"), style={"description_width": "initial"},
                                       layout=auto)
        undo = widgets.Button(description=t("ui.dashboard.unmerge"), icon="undo", layout=auto)
        undo.add_class("kinerja-unmerge")
        undo.on_click(lambda _b: self.unmerge(self.merged.value))
        self.alias.add_class("kinerja-merge-alias")
        self.into.add_class("kinerja-merge-into")
        self.merged.add_class("kinerja-merged")
        box = widgets.VBox([widgets.HTML(f"<b>{html.escape(t('ui.dashboard.merge_title'))}</b> "
                                         f"{html.escape(t('ui.dashboard.merge_help'))}"),
                            widgets.HBox([self.alias, self.into, merge]), widgets.HBox([self.merged, undo])])
        accordion = widgets.Accordion(children=[box])
        accordion.set_title(0, t("ui.dashboard.merge_title"))
        accordion.selected_index = None
        return accordion

    def _refresh_names(self) -> None:
        names = sorted(self.answers["trainee"].unique().tolist()) if not self.answers.empty else []
        if self.store is not None:
            merges = self.store.merges()
            names = sorted(set(names) | set(merges["alias"]))
            self.merged.options = [(f"{a} → {b}", a) for a, b in zip(merges["alias"], merges["into"])]
        self.alias.options, self.into.options = names, names

    def merge(self, alias: str | None, into: str | None) -> bool:
        """Show ``alias``'s answers under ``into`` (the store records it; :meth:`unmerge` undoes it)."""
        return self._change(lambda: self.store.merge_trainees(alias, into=into), "ui.dashboard.merged_ok",
                            alias=alias, into=into)

    def unmerge(self, alias: str | None) -> bool:
        """Undo the merge of ``alias``: its answers show under its own name again."""
        return self._change(lambda: self.store.unmerge_trainee(alias), "ui.dashboard.unmerged_ok", alias=alias)

    def _change(self, action, done_key: str, **fields) -> bool:
        if self.store is None or not all(fields.values()):
            self._warn(t("ui.dashboard.merge_choose"))
            return False
        try:
            action()
        except (ValueError, TypeError, OSError) as error:
            self._warn(str(error.args[0]) if error.args else str(error))
            return False
        self.load()
        self.message.value += "<br>" + html.escape(t(done_key, **fields))
        return True

    # -- loading and drawing
    def _warn(self, text: str) -> None:
        self.message.value = f"<span style='color:#b91c1c'>{html.escape(text)}</span>"

    def load(self) -> bool:
        """Read the store and redraw every section; a message says what to fix if it cannot."""
        try:
            self.store = ProgressStore(self.path_field.value.strip() or None, create=False)
            self.answers = self.store.answers()
            self.tables = _views(self.answers)
        except Exception as error:   # a facilitator sees what to fix, never a traceback
            self.store, self.answers, self.tables = None, pd.DataFrame(), {}
            self._warn(t("ui.dashboard.cannot_read", problem=error.args[0] if error.args else error))
            self.output.clear_output()
            return False
        self.message.value = html.escape(t("ui.dashboard.loaded", path=self.store.path, submissions=len(self.answers),
                                           trainees=self.answers["trainee"].nunique(),
                                           ratings=self.tables["penilaian_kasus"].shape[0]))
        self._refresh_names()
        self._redraw()
        return True

    def _redraw(self) -> None:
        from IPython.display import display

        if not self.tables:
            return
        self.output.clear_output()
        with self.output:
            self._draw(display)

    def _draw(self, display) -> None:
        import matplotlib.pyplot as plt

        widgets, zone = self._widgets, self.zone.value
        ratings = case_ratings(self.answers)
        for name, key in VIEWS.items():
            display(widgets.HTML(f"<h3>{html.escape(t(key))}</h3>"))
            table = self.tables[name]
            if name == "sebaran_kasus" and not table.empty:
                if (ratings["kind"] == "bersama").any():
                    figure = spread_figure(ratings)
                    display(figure)
                    plt.close(figure)
                table = table[table["kind"] == "bersama"]
            if name == "jawaban":
                table = table.drop(columns=[c for c in table.columns if c.startswith("true_")]).tail(50)
            display(widgets.HTML(_frame_html(table, "ui.dashboard.empty", zone=zone)))

    def export(self, folder=None) -> Path | None:
        """Write the workbook (one sheet per view) and offer it as a download; return its path."""
        if not self.tables:
            self._warn(t("ui.dashboard.nothing_to_export"))
            return None
        try:
            path = export_workbook(self.tables, folder if folder is not None else self.export_folder,
                                   zone=self.zone.value)
        except Exception as error:
            self._warn(t("ui.dashboard.cannot_export", problem=error))
            return None
        self.last_export = path
        shown = os.path.relpath(path) if Path.cwd() in path.resolve().parents else str(path)
        self.message.value = html.escape(t("ui.dashboard.exported", path=shown))
        if not self.tables["umpan_balik"].empty:
            self.message.value += "<br><b>" + html.escape(t("ui.dashboard.free_text_warning")) + "</b>"
        self.download.value = download_link(path)
        return path

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget)
