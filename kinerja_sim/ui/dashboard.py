"""The facilitator dashboard widget (``notebooks/08_dasbor_fasilitator.ipynb``, served by
the workshop server).

Shows the tables of :mod:`kinerja_sim.training.dashboard` (progress, the spread of the
group's scores per shared case with a figure, bias profiles, reliability, case ratings,
written feedback, every answer) as HTML, lets the facilitator merge two spellings of a name,
and exports the workbook, offered as a download link that works in the app too.
"""

from __future__ import annotations

import base64
import html
import os
import warnings
from pathlib import Path

import pandas as pd

from kinerja_sim._core.format import TIMEZONES, number
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_choice
from kinerja_sim.cases.answers import case_ratings
from kinerja_sim.metrics import DegenerateDataWarning
from kinerja_sim.training.dashboard import (
    VIEWS,
    _column_name,
    default_zone,
    demo_store,
    display_table,
    export_problem,
    export_workbook,
    views,
    with_reference,
)
from kinerja_sim.training.prepost_tables import effect_text
from kinerja_sim.training.progress import ProgressStore, default_path
from kinerja_sim.world.dimensions import DIMENSION_LABELS, DIMENSIONS

__all__ = ["Dashboard", "download_link", "spread_figure"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --------------------------------------------------------------------------- tables as HTML
def _number(value, lang) -> str:
    return number(value, 2, trim=False, lang=lang)


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
    head = "".join(
        ('<th class="kinerja-wide">' if c in wide else "<th>") + f"{html.escape(str(c))}</th>"
        for c in shown.columns
    )
    rows = "".join(
        "<tr>" + "".join(f"<td>{_cell_html(v, lang)}</td>" for v in row) + "</tr>"
        for row in shown.itertuples(index=False)
    )
    style = (
        "<style>.kinerja-table{border-collapse:collapse;font-size:12px}.kinerja-table "
        "td,.kinerja-table th{border:1px solid #cbd5e1;padding:2px "
        "6px;vertical-align:top;text-align:left}.kinerja-table "
        "th{background:#f1f5f9}.kinerja-table th.kinerja-wide{min-width:26em}</style>"
    )
    return (
        f"{style}<table "
        f"class='kinerja-table'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def download_link(path: Path, lang=None) -> str:
    """An HTML link that downloads the file from the page itself (a data URI): works in Lab and the
    app.
    """
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    label = html.escape(t("ui.dashboard.download", lang, name=Path(path).name))
    return (
        f'<a class="kinerja-download" download="{html.escape(Path(path).name)}" '
        f'href="data:{XLSX};base64,{data}" style="display:inline-block;padding:4px '
        '10px;border:1px solid #1e3a8a;border-radius:4px;color:#1e3a8a;text-decoration:none">⬇ '
        f"{label}</a>"
    )


# --------------------------------------------------------------------------- figure
def spread_figure(ratings: pd.DataFrame):
    """One panel per shared case (at most six): the group's scores per dimension, the reference
    of the file (when ``ratings`` has it) as green dots and the latent truth as red diamonds."""
    shared = ratings[ratings["kind"] == "bersama"]
    cases = list(pd.unique(shared["case_id"]))[:6]
    with warnings.catch_warnings():  # seaborn's boxplot uses a parameter matplotlib deprecates
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
        data = shared[shared["case_id"] == case].assign(
            label=lambda f: f["dimension"].map(DIMENSION_LABELS)
        )
        sns.boxplot(
            data=data, x="label", y="score", order=order, ax=axis, color="#dbeafe", fliersize=0
        )
        sns.stripplot(
            data=data,
            x="label",
            y="score",
            order=order,
            ax=axis,
            color="#1e3a8a",
            size=3,
            alpha=0.6,
        )
        first = data.drop_duplicates("label").set_index("label").reindex(order)
        if "reference" in first and first["reference"].notna().any():
            axis.scatter(
                range(len(order)),
                first["reference"],
                marker="o",
                color="#15803d",
                zorder=6,
                label=t("ui.column.reference"),
            )
        axis.scatter(
            range(len(order)),
            first["true_score"],
            marker="D",
            color="#b91c1c",
            zorder=5,
            label=t("ui.dashboard.truth"),
        )
        axis.set(ylim=(0.8, 5.2), xlabel="", ylabel=t("ui.dashboard.score"), title=case)
        axis.tick_params(axis="x", labelrotation=60, labelsize=8)
    for axis in list(axes.flat)[len(cases) :]:
        axis.set_visible(False)
    if cases:
        axes[0][0].legend(loc="lower left", fontsize=7)
    figure.tight_layout()
    return figure


# --------------------------------------------------------------------------- the widget
class Dashboard:
    """The dashboard widget: choose the store, load it, see the tables and plots, merge names,
    export.

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

    def __init__(
        self, path=None, *, demo: bool = False, zone: str | None = None, export_folder=None
    ):
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
        self.path_field = widgets.Text(
            value=str(path if path is not None else default_path()),
            description=t("ui.dashboard.path"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="48em"),
        )
        self.path_field.add_class("kinerja-dashboard-path")
        self.zone = widgets.Dropdown(
            options=[(f"{name} (UTC+{hours})", name) for name, hours in TIMEZONES.items()],
            value=check_choice("zone", zone or default_zone(), TIMEZONES),
            description=t("ui.dashboard.zone"),
            style={"description_width": "initial"},
            layout=auto,
        )
        self.zone.add_class("kinerja-dashboard-zone")
        load = widgets.Button(
            description=t("ui.dashboard.load"), button_style="primary", icon="refresh", layout=auto
        )
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
        self.code_box = self._code_controls(widgets, auto)
        self.pack_box = widgets.Accordion(children=[widgets.VBox()])
        self.pack_box.set_title(0, t("pack.ui.title"))
        self.pack_box.selected_index = None
        banner = widgets.HTML(
            f"<b style='color:#b45309'>{html.escape(t('ui.dashboard.demo_banner'))}</b>"
            if demo
            else ""
        )
        self.zone.observe(lambda _change: self._redraw(), names="value")
        self.widget = widgets.VBox(
            [
                banner,
                widgets.HBox([self.path_field, load]),
                widgets.HBox([self.zone, export]),
                self.message,
                self.download,
                self.merge_box,
                self.code_box,
                self.pack_box,
                self.output,
            ]
        )
        self.widget.add_class("kinerja-dashboard")
        self.load()

    # -- merging names
    def _merge_controls(self, widgets, auto):
        self.alias = widgets.Dropdown(
            description=t("ui.dashboard.merge_alias"),
            style={"description_width": "initial"},
            layout=auto,
        )
        self.into = widgets.Dropdown(
            description=t("ui.dashboard.merge_into"),
            style={"description_width": "initial"},
            layout=auto,
        )
        merge = widgets.Button(description=t("ui.dashboard.merge"), icon="compress", layout=auto)
        merge.add_class("kinerja-merge")
        merge.on_click(lambda _b: self.merge(self.alias.value, self.into.value))
        self.merged = widgets.Dropdown(
            description=t("ui.dashboard.merged"),
            style={"description_width": "initial"},
            layout=auto,
        )
        undo = widgets.Button(description=t("ui.dashboard.unmerge"), icon="undo", layout=auto)
        undo.add_class("kinerja-unmerge")
        undo.on_click(lambda _b: self.unmerge(self.merged.value))
        self.alias.add_class("kinerja-merge-alias")
        self.into.add_class("kinerja-merge-into")
        self.merged.add_class("kinerja-merged")
        box = widgets.VBox(
            [
                widgets.HTML(
                    f"<b>{html.escape(t('ui.dashboard.merge_title'))}</b> "
                    f"{html.escape(t('ui.dashboard.merge_help'))}"
                ),
                widgets.HBox([self.alias, self.into, merge]),
                widgets.HBox([self.merged, undo]),
            ]
        )
        accordion = widgets.Accordion(children=[box])
        accordion.set_title(0, t("ui.dashboard.merge_title"))
        accordion.selected_index = None
        return accordion

    # -- the facilitator's pack: certificates with the training record, paper answer sheets
    def _fill_pack(self) -> None:
        """The pack's controls for the loaded store (certificates + record, paper scores)."""
        from kinerja_sim.ui.pack_buttons import certificates_button, paper_scores_form

        self.pack_box.children[0].children = [
            certificates_button(self.store.path),
            paper_scores_form(self.store.path),
        ]

    # -- personal codes (the workshop server's sign-in): reset and roster
    def _code_controls(self, widgets, auto):
        self.code_name = widgets.Dropdown(
            description=t("saferoom.dashboard.trainee"),
            style={"description_width": "initial"},
            layout=auto,
        )
        self.code_name.add_class("kinerja-code-name")
        issue = widgets.Button(description=t("saferoom.dashboard.issue"), icon="key", layout=auto)
        issue.add_class("kinerja-code-issue")
        issue.on_click(lambda _b: self.issue_code(self.code_name.value))
        roster = widgets.Button(description=t("saferoom.dashboard.roster"), layout=auto)
        roster.add_class("kinerja-code-roster")
        roster.on_click(lambda _b: self.roster())
        self.code_message = widgets.HTML()
        self.code_message.add_class("kinerja-code-message")
        box = widgets.VBox(
            [
                widgets.HTML(html.escape(t("saferoom.dashboard.codes_help"))),
                widgets.HBox([self.code_name, issue]),
                roster,
                self.code_message,
            ]
        )
        accordion = widgets.Accordion(children=[box])
        accordion.set_title(0, t("saferoom.dashboard.codes_title"))
        accordion.selected_index = None
        return accordion

    def issue_code(self, name: str | None) -> str | None:
        """Give ``name`` a new personal code (a reset, or the approval of an older name); show it
        once.
        """
        if self.store is None or not name:
            self._warn(t("ui.dashboard.merge_choose"))
            return None
        try:
            code = self.store.issue_code(name)
        except (ValueError, TypeError, OSError) as error:
            self._warn(str(error))
            return None
        issued = html.escape(t("saferoom.dashboard.issued", name=name, code=code))
        self.code_message.value = f"<b style='font-size:1.2em'>{issued}</b>"
        return code

    def roster(self) -> dict[str, str]:
        """New codes for every trainee with answers but no code, as a table to print; returns
        them.
        """
        if self.store is None:
            self._warn(t("ui.dashboard.merge_choose"))
            return {}
        have = set(self.store.codes()["trainee"])
        names = sorted(set(self.answers["trainee"]) - have) if not self.answers.empty else []
        if not names:
            self.code_message.value = html.escape(t("saferoom.dashboard.no_code"))
            return {}
        codes = {name: self.store.issue_code(name) for name in names}
        rows = "".join(
            f"<tr><td>{html.escape(name)}</td><td style='font-size:1.3em'><b>{code}</b></td></tr>"
            for name, code in codes.items()
        )
        self.code_message.value = (
            f"<p>{html.escape(t('saferoom.dashboard.roster_done', n=len(codes)))}</p>"
            f"<table class='kinerja-table kinerja-roster'>{rows}</table>"
        )
        return codes

    def _refresh_names(self) -> None:
        names = sorted(self.answers["trainee"].unique().tolist()) if not self.answers.empty else []
        if self.store is not None:
            merges = self.store.merges()
            names = sorted(set(names) | set(merges["alias"]))
            self.merged.options = [
                (f"{a} → {b}", a) for a, b in zip(merges["alias"], merges["into"])
            ]
        self.alias.options, self.into.options = names, names
        self.code_name.options = names

    def merge(self, alias: str | None, into: str | None) -> bool:
        """Show ``alias``'s answers under ``into`` (the store records it; :meth:`unmerge` undoes
        it).
        """
        return self._change(
            lambda: self.store.merge_trainees(alias, into=into),
            "ui.dashboard.merged_ok",
            alias=alias,
            into=into,
        )

    def unmerge(self, alias: str | None) -> bool:
        """Undo the merge of ``alias``: its answers show under its own name again."""
        return self._change(
            lambda: self.store.unmerge_trainee(alias), "ui.dashboard.unmerged_ok", alias=alias
        )

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
            with warnings.catch_warnings(record=True) as caught:  # shown below, not hidden
                warnings.simplefilter("always", DegenerateDataWarning)
                self.tables = views(self.answers)
        except Exception as error:  # a facilitator sees what to fix, never a traceback
            self.store, self.answers, self.tables = None, pd.DataFrame(), {}
            self._warn(
                t("ui.dashboard.cannot_read", problem=error.args[0] if error.args else error)
            )
            self.output.clear_output()
            return False
        self._fill_pack()
        self.message.value = html.escape(
            t(
                "ui.dashboard.loaded",
                path=self.store.path,
                submissions=len(self.answers),
                trainees=self.answers["trainee"].nunique(),
                ratings=self.tables["penilaian_kasus"].shape[0],
            )
        )
        self._note_degenerate(caught)
        self._refresh_names()
        self._redraw()
        return True

    def _note_degenerate(self, caught) -> None:
        """Say which statistics the data leave undefined (the kit's DegenerateDataWarning)."""
        notes = list(
            dict.fromkeys(
                str(w.message) for w in caught if issubclass(w.category, DegenerateDataWarning)
            )
        )
        for other in caught:  # any other warning goes on as it came
            if not issubclass(other.category, DegenerateDataWarning):
                warnings.warn_explicit(other.message, other.category, other.filename, other.lineno)
        if notes:
            items = "".join(f"<li>{html.escape(note)}</li>" for note in notes)
            self.message.value += (
                f"<div class='kinerja-dashboard-degenerate' style='color:#b45309'>"
                f"{html.escape(t('ui.dashboard.degenerate'))}<ul>{items}</ul></div>"
            )

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
        ratings = with_reference(case_ratings(self.answers), self.answers)
        for name, key in VIEWS.items():
            display(widgets.HTML(f"<h3>{html.escape(t(key))}</h3>"))
            if name == "dua_jarak":
                display(
                    widgets.HTML(f"<p>{html.escape(t('profile.dashboard.distances_help'))}</p>")
                )
            table = self.tables[name]
            if name == "sebaran_kasus" and not table.empty:
                if (ratings["kind"] == "bersama").any():
                    figure = spread_figure(ratings)
                    display(figure)
                    plt.close(figure)
                table = table[table["kind"] == "bersama"]
            if name == "tes_awal_akhir" and not table.empty:  # the cohort's effect in words
                display(widgets.HTML(f"<p><b>{html.escape(effect_text(self.answers))}</b></p>"))
            if name == "jawaban":
                table = table.drop(
                    columns=[c for c in table.columns if c.startswith("true_")]
                ).tail(50)
            display(widgets.HTML(_frame_html(table, "ui.dashboard.empty", zone=zone)))

    def export(self, folder=None) -> Path | None:
        """Write the workbook (one sheet per view) and offer it as a download; return its path."""
        if not self.tables:
            self._warn(t("ui.dashboard.nothing_to_export"))
            return None
        try:
            path = export_workbook(
                self.tables,
                folder if folder is not None else self.export_folder,
                zone=self.zone.value,
            )
        except Exception as error:  # noqa: BLE001 - the facilitator gets one line, never a traceback
            self._warn(export_problem(error, folder if folder is not None else self.export_folder))
            return None
        self.last_export = path
        shown = os.path.relpath(path) if Path.cwd() in path.resolve().parents else str(path)
        self.message.value = html.escape(t("ui.dashboard.exported", path=shown))
        if not self.tables["umpan_balik"].empty:
            self.message.value += (
                "<br><b>" + html.escape(t("ui.dashboard.free_text_warning")) + "</b>"
            )
        self.download.value = download_link(path)
        return path

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)
