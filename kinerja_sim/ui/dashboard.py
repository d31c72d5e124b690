"""The facilitator dashboard (``notebooks/08_dasbor_fasilitator.ipynb``).

Reads the progress store of the workshop and shows: every submission; each trainee's
progress per exercise; the spread of the group's scores per shared case against the truth;
each trainee's bias profile (:func:`kinerja_sim.metrics.diagnostics.rater_profile`); the
group's reliability on the shared cases (:func:`kinerja_sim.metrics.icc`,
:func:`kinerja_sim.metrics.krippendorff_alpha`); and exports every table to CSV and Excel.

The table functions work without widgets (and are tested so); :class:`Dashboard` puts them
on screen. :func:`demo_store` fills a store with 20 simulated trainees (names "Contoh ..."),
so a facilitator sees what the dashboard looks like before the workshop.

Examples
--------
>>> import tempfile, os
>>> store = demo_store(os.path.join(tempfile.mkdtemp(), "contoh.sqlite"), n_trainees=4, rng=1)
>>> ratings = scoring_ratings(store.answers())
>>> sorted(ratings.columns)[:3]
['dimension', 'employee_id', 'kind']
"""
from __future__ import annotations

import html
import json
import warnings
from datetime import datetime
from pathlib import Path

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import display

from kinerja_sim._validate import check_int, check_rng
from kinerja_sim.dimensions import DIMENSION_LABELS, DIMENSIONS
from kinerja_sim.exercises import indicators as indicator_exercise
from kinerja_sim.exercises import scoring
from kinerja_sim.i18n import catalogue, t
from kinerja_sim.metrics import icc, krippendorff_alpha
from kinerja_sim.metrics.diagnostics import rater_profile
from kinerja_sim.progress import ProgressStore, default_path
from kinerja_sim.raters import PRESETS, rate
from kinerja_sim.trainee import trainee_seed

__all__ = ["Dashboard", "bias_profiles", "case_spread", "demo_store", "export_tables", "group_reliability",
           "progress_table", "scoring_ratings", "spread_figure"]

SCORING = scoring.EXERCISE


def scoring_ratings(answers: pd.DataFrame) -> pd.DataFrame:
    """The last scores of each trainee for each case of exercise 02, long.

    Returns
    -------
    DataFrame
        ``rater_id`` (the trainee), ``employee_id`` (the case's item id), ``kind``
        ("bersama"/"pribadi"), ``dimension``, ``score``, ``true_score``.
    """
    columns = ["rater_id", "employee_id", "kind", "dimension", "score", "true_score"]
    last = answers[answers["exercise"] == SCORING].drop_duplicates(["trainee", "item"], keep="last")
    rows = []
    for trainee, item, text in zip(last["trainee"], last["item"], last["answer_json"]):
        answer = json.loads(text)
        scores, truth = answer.get("scores", {}), answer.get("true_scores", {})
        rows += [{"rater_id": trainee, "employee_id": item, "kind": answer.get("kind", ""), "dimension": d,
                  "score": float(scores[d]), "true_score": float(truth.get(d, float("nan")))}
                 for d in DIMENSIONS if d in scores]
    return pd.DataFrame(rows, columns=columns)


def progress_table(answers: pd.DataFrame) -> pd.DataFrame:
    """Per trainee and exercise: ``items`` answered, ``submissions``, ``mean_score`` of the last
    answers, ``last_submission``."""
    if answers.empty:
        return pd.DataFrame(columns=["trainee", "exercise", "items", "submissions", "mean_score", "last_submission"])
    last = answers.drop_duplicates(["trainee", "exercise", "item"], keep="last")
    table = last.groupby(["trainee", "exercise"]).agg(items=("item", "size"), mean_score=("score", "mean"),
                                                        last_submission=("submitted_at", "max"))
    table.insert(1, "submissions", answers.groupby(["trainee", "exercise"]).size())
    return table.reset_index().round({"mean_score": 3})


def case_spread(ratings: pd.DataFrame) -> pd.DataFrame:
    """Spread of the group's scores per case and dimension: ``n``, ``mean``, ``sd``, ``min``,
    ``max``, ``true_score`` and ``mean_gap`` (mean − truth)."""
    if ratings.empty:
        return pd.DataFrame(columns=["employee_id", "kind", "dimension", "n", "mean", "sd", "min", "max",
                                     "true_score", "mean_gap"])
    table = ratings.groupby(["employee_id", "kind", "dimension"], sort=False).agg(
        n=("score", "size"), mean=("score", "mean"), sd=("score", "std"), min=("score", "min"),
        max=("score", "max"), true_score=("true_score", "first")).reset_index()
    table["mean_gap"] = table["mean"] - table["true_score"]
    return table.round(3)


def bias_profiles(ratings: pd.DataFrame, *, lang=None) -> pd.DataFrame:
    """Each trainee's bias profile against the truth (``rater_profile``; 3 cases needed)."""
    if ratings.empty:
        return pd.DataFrame(columns=["rater", "n_ratees", "leniency", "central_tendency", "halo", "explanation"])
    with warnings.catch_warnings():   # few cases per trainee: some estimates are NaN, as expected
        warnings.simplefilter("ignore", RuntimeWarning)
        profile = rater_profile(ratings, lang=lang)
    keep = ["rater", "n_ratees", "leniency", "central_tendency", "halo", "flag_leniency",
            "flag_central_tendency", "flag_halo", "explanation"]
    return profile[keep].round(3)


def group_reliability(ratings: pd.DataFrame) -> pd.DataFrame:
    """Agreement of the trainees on the shared cases, each case × dimension a unit.

    Returns
    -------
    DataFrame
        One row per statistic: ``statistic`` (the ICC forms, on the trainees who scored
        every shared case, and Krippendorff's alpha at the interval level, missing allowed),
        ``value``, ``ci_low``, ``ci_high``, ``raters``, ``units``.
    """
    columns = ["statistic", "value", "ci_low", "ci_high", "raters", "units"]
    shared = ratings[ratings["kind"] == "bersama"].assign(
        unit=lambda frame: frame["employee_id"] + "|" + frame["dimension"])
    if shared["rater_id"].nunique() < 2 or shared["unit"].nunique() < 2:
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


def spread_figure(ratings: pd.DataFrame):
    """One panel per shared case: the group's scores per dimension, the truth as red diamonds."""
    shared = ratings[ratings["kind"] == "bersama"]
    cases = list(pd.unique(shared["employee_id"]))[:6]
    with warnings.catch_warnings():   # seaborn's boxplot uses a parameter matplotlib deprecates
        warnings.simplefilter("ignore", DeprecationWarning)
        return _spread_panels(shared, cases)


def _spread_panels(shared: pd.DataFrame, cases: list):
    figure, axes = plt.subplots(1, max(len(cases), 1), figsize=(4.2 * max(len(cases), 1), 3.8), squeeze=False)
    order = [DIMENSION_LABELS[d] for d in DIMENSIONS]
    for axis, case in zip(axes[0], cases):
        data = shared[shared["employee_id"] == case].assign(label=lambda f: f["dimension"].map(DIMENSION_LABELS))
        sns.boxplot(data=data, x="label", y="score", order=order, ax=axis, color="#dbeafe", fliersize=0)
        sns.stripplot(data=data, x="label", y="score", order=order, ax=axis, color="#1e3a8a", size=3, alpha=0.6)
        truth = data.drop_duplicates("label").set_index("label").reindex(order)["true_score"]
        axis.scatter(range(len(order)), truth, marker="D", color="#b91c1c", zorder=5, label=t("ui.dashboard.truth"))
        axis.set(ylim=(1, 5), xlabel="", ylabel=t("ui.dashboard.score"), title=case)
        axis.tick_params(axis="x", labelrotation=70, labelsize=7)
    if cases:
        axes[0][0].legend(loc="lower left", fontsize=7)
    figure.tight_layout()
    return figure


def export_tables(tables: dict[str, pd.DataFrame], folder) -> list[Path]:
    """Write each table as ``<name>.csv`` and all of them as sheets of ``kinerja_sim_dasbor.xlsx``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, table in tables.items():
        path = folder / f"{name}.csv"
        table.to_csv(path, index=False, lineterminator="\n")
        paths.append(path)
    workbook = folder / "kinerja_sim_dasbor.xlsx"
    with pd.ExcelWriter(workbook, engine="openpyxl") as writer:
        for name, table in tables.items():
            table.to_excel(writer, sheet_name=name[:31], index=False)
    paths.append(workbook)
    return paths


def demo_store(path, *, n_trainees: int = 20, rng=None) -> ProgressStore:
    """A store with simulated trainees ("Contoh 01", ...), for a look before the workshop.

    Each simulated trainee is a rater drawn from the ``supervisory`` preset
    (:data:`kinerja_sim.raters.PRESETS`) who scores the shared cases of
    exercise 02 (scores from :func:`kinerja_sim.raters.rate`, rounded to halves) and fixes
    one indicator of exercise 01 with the model answer.
    """
    n_trainees = check_int("n_trainees", n_trainees, minimum=1, maximum=200)
    generator = check_rng(rng)
    store = ProgressStore(path)
    biases = PRESETS["supervisory"].draw(n_trainees, rng=generator)
    for number, stream in enumerate(generator.spawn(n_trainees), start=1):
        name = t("ui.dashboard.demo_name", n=f"{number:02d}")
        cases = scoring.make_cases(trainee_seed(name), own=0)
        for case in cases.cases:
            dataset = cases.dataset(case.item_id)
            given = rate(dataset.performance[dataset.performance["employee_id"] == case.employee_id],
                         biases.iloc[[number - 1]], rng=stream)
            scores = {row.dimension: round(2 * row.score) / 2 for row in given.itertuples()}
            feedback = scoring.check_scores(cases, case.item_id, scores)
            store.submit(name, SCORING, case.item_id,
                         {"scores": scores, "employee_id": case.employee_id, "kind": case.kind, "seed": case.seed,
                          "true_scores": cases.truth(case.item_id).round(3).to_dict()},
                         score=feedback.score, feedback=feedback.text())
        item = indicator_exercise.make_items(trainee_seed(name), n=1)[0]
        feedback = indicator_exercise.check_indicator(item, item.fix_iki, item.fix_target)
        store.submit(name, indicator_exercise.EXERCISE, item.item_id, {"iki": item.fix_iki, "target": item.fix_target},
                     score=feedback.score, feedback=feedback.text())
    return store


def _frame_html(table: pd.DataFrame, empty_key: str) -> str:
    if table.empty:
        return f"<p><i>{html.escape(t(empty_key))}</i></p>"
    shown = table.rename(columns=lambda name: t(f"ui.column.{name}") if f"ui.column.{name}" in catalogue() else name)
    return shown.to_html(index=False, classes="kinerja-table", na_rep="–", float_format=lambda v: f"{v:.2f}")


class Dashboard:
    """The dashboard widget: choose the store, load it, see the tables and plots, export.

    Parameters
    ----------
    path : str or Path, optional
        The store file (default: ``KINERJA_SIM_PROGRESS`` or the embedded default).
    demo : bool
        Fill a fresh store in a temporary folder with 20 simulated trainees ("contoh").
    """

    def __init__(self, path=None, *, demo: bool = False):
        if demo:
            import tempfile
            path = Path(tempfile.mkdtemp(prefix="kinerja-contoh-")) / "contoh.sqlite"
            demo_store(path, rng=2022)
        self.path_field = widgets.Text(value=str(path if path is not None else _default_path()),
                                       description=t("ui.dashboard.path"), style={"description_width": "initial"},
                                       layout=widgets.Layout(width="48em"))
        self.path_field.add_class("kinerja-dashboard-path")
        load = widgets.Button(description=t("ui.dashboard.load"), button_style="primary", icon="refresh")
        load.on_click(lambda _b: self.load())
        csv_excel = widgets.Button(description=t("ui.dashboard.export"), icon="download")
        csv_excel.add_class("kinerja-export")
        csv_excel.on_click(lambda _b: self.export())
        self.message = widgets.HTML()
        self.output = widgets.Output()
        self.tables: dict[str, pd.DataFrame] = {}
        banner = widgets.HTML(f"<b style='color:#b45309'>{html.escape(t('ui.dashboard.demo_banner'))}</b>"
                              if demo else "")
        self.widget = widgets.VBox([banner, widgets.HBox([self.path_field, load, csv_excel]), self.message,
                                    self.output])
        self.widget.add_class("kinerja-dashboard")
        self.load()

    def load(self) -> bool:
        """Read the store and redraw every section; a message says what to fix if it cannot."""
        try:
            store = ProgressStore(self.path_field.value.strip() or None)
            answers = store.answers()
            ratings = scoring_ratings(answers)
            self.tables = {"jawaban": answers, "kemajuan": progress_table(answers),
                           "sebaran_kasus": case_spread(ratings), "profil_bias": bias_profiles(ratings),
                           "reliabilitas": group_reliability(ratings)}
        except Exception as error:   # a facilitator sees what to fix, never a traceback
            self.message.value = f"<span style='color:#b91c1c'>{html.escape(t('ui.dashboard.cannot_read', problem=error))}</span>"
            return False
        self.message.value = html.escape(t("ui.dashboard.loaded", path=store.path, submissions=len(answers),
                                           trainees=answers["trainee"].nunique()))
        self.output.clear_output()
        with self.output:
            self._draw(ratings)
        return True

    def _draw(self, ratings: pd.DataFrame) -> None:
        sections = [("ui.dashboard.progress", "kemajuan"), ("ui.dashboard.spread", "sebaran_kasus"),
                    ("ui.dashboard.profiles", "profil_bias"), ("ui.dashboard.reliability", "reliabilitas")]
        for key, name in sections:
            display(widgets.HTML(f"<h3>{html.escape(t(key))}</h3>"))
            if name == "sebaran_kasus" and not ratings.empty and (ratings["kind"] == "bersama").any():
                figure = spread_figure(ratings)
                display(figure)
                plt.close(figure)
            table = self.tables[name]
            if name == "sebaran_kasus":
                table = table[table["kind"] == "bersama"] if not table.empty else table
            display(widgets.HTML(_frame_html(table, "ui.dashboard.empty")))
        display(widgets.HTML(f"<h3>{html.escape(t('ui.dashboard.submissions'))}</h3>"))
        display(widgets.HTML(_frame_html(self.tables["jawaban"].drop(columns="answer_json").tail(50),
                                         "ui.dashboard.empty")))

    def export(self, folder=None) -> list[Path]:
        """Write the tables as CSV files and one Excel workbook next to the store (or in ``folder``)."""
        try:
            if folder is None:
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                folder = Path(self.path_field.value.strip() or _default_path()).expanduser().parent / f"ekspor-{stamp}"
            paths = export_tables(self.tables, folder)
        except Exception as error:
            self.message.value = f"<span style='color:#b91c1c'>{html.escape(t('ui.dashboard.cannot_export', problem=error))}</span>"
            return []
        self.message.value = html.escape(t("ui.dashboard.exported", folder=Path(folder).resolve()))
        return paths

    def _ipython_display_(self):
        display(self.widget)


def _default_path() -> Path:
    return default_path()
