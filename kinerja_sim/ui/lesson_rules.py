"""Lessons 00 and 06: the appraisal cycle, the predicate matrix and the distribution curve.

Every rule comes from the rule set (:func:`kinerja_sim.rules.load`); these widgets only
show it. The matrix is law (PermenPAN-RB 6/2022, HIGH); the score thresholds are an
assumption of the kit; the curve is MEDIUM (one secondary source) with an assumed rounding.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from kinerja_sim import metrics
from kinerja_sim._core.format import percent
from kinerja_sim._core.i18n import t
from kinerja_sim.rules import ORGANISATION_PREDICATES, PREDICATES, RATINGS
from kinerja_sim.ui.lesson_common import (
    PREDICATE_COLOURS,
    guarded,
    message_html,
    predicates_of,
    rule_set,
    show_figure,
)

__all__ = [
    "CurveByTruth",
    "CurveExplorer",
    "PredicateMatrix",
    "curve_by_truth",
    "curve_by_truth_figure",
    "curve_table",
    "cycle_figure",
    "matrix_figure",
    "curve_effect",
    "office_predicates",
    "rules_overview",
]

_STAGES = ("perencanaan", "pelaksanaan", "penilaian", "tindak_lanjut")


def cycle_figure():
    """The PermenPAN-RB 6/2022 cycle as four boxes in a circle (labels from the catalogue).

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = plt.subplots(figsize=(9, 6))
    centres = [(0.5, 0.85), (0.8, 0.5), (0.5, 0.15), (0.2, 0.5)]
    colours = ["#deebf7", "#e5f5e0", "#fff7bc", "#fde0dd"]
    for (x, y), colour, stage in zip(centres, colours, _STAGES):
        ax.add_patch(
            FancyBboxPatch(
                (x - 0.16, y - 0.11),
                0.32,
                0.22,
                boxstyle="round,pad=0.01",
                facecolor=colour,
                edgecolor="#555555",
            )
        )
        ax.text(
            x,
            y + 0.06,
            t(f"lessons.cycle.{stage}"),
            ha="center",
            va="center",
            weight="bold",
            fontsize=10,
        )
        ax.text(
            x,
            y - 0.03,
            t(f"lessons.cycle.{stage}_detail"),
            ha="center",
            va="center",
            fontsize=8,
            wrap=True,
        )
    for start, end in zip(centres, centres[1:] + centres[:1]):
        ax.add_patch(
            FancyArrowPatch(
                _towards(start, end),
                _towards(end, start),
                connectionstyle="arc3,rad=-0.25",
                arrowstyle="-|>",
                mutation_scale=18,
                color="#555555",
            )
        )
    ax.text(
        0.5, 0.5, t("lessons.cycle.centre"), ha="center", va="center", fontsize=10, style="italic"
    )
    ax.set(xlim=(-0.02, 1.02), ylim=(0, 1), title=t("lessons.cycle.title"))
    ax.axis("off")
    plt.close(fig)
    return fig


def _towards(point, other, gap=0.2):
    (x, y), (u, v) = point, other
    return (x + (u - x) * gap * 1.3, y + (v - y) * gap * 1.3)


def rules_overview(rules=None) -> pd.DataFrame:
    """Each rule of the rule set with its confidence in plain Indonesian: law or assumption.

    Returns
    -------
    DataFrame
        Columns (in the catalogue's language): rule, confidence, what it means, source.
    """
    table = rule_set(rules).confidence()
    return pd.DataFrame(
        {
            t("lessons.rules.col_rule"): [_rule_name(rule) for rule in table["rule"]],
            t("lessons.rules.col_confidence"): table["confidence"],
            t("lessons.rules.col_meaning"): [
                t(f"lessons.rules.confidence.{c}") for c in table["confidence"]
            ],
            t("lessons.rules.col_source"): [
                source if c != "ASSUMPTION" else t("lessons.rules.kit_choice")
                for c, source in zip(table["confidence"], table["source"])
            ],
        }
    )


def _rule_name(rule: str) -> str:
    key = f"lessons.rules.name.{rule}"
    try:
        return t(key)
    except KeyError:
        return rule


def matrix_figure(rules=None, *, highlight=None):
    """The predicate matrix of the rule set, optionally with one cell highlighted.

    Parameters
    ----------
    rules : rule set or name, optional
    highlight : tuple of (rating hasil kerja, rating perilaku), optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    rs = rule_set(rules)
    rows = RATINGS[::-1]  # Di Atas at the top, as in the regulation
    fig, ax = plt.subplots(figsize=(7.5, 3.8))
    for i, hasil in enumerate(rows):
        for j, perilaku in enumerate(RATINGS):
            label = rs.predicate(hasil, perilaku)
            strong = highlight == (hasil, perilaku)
            ax.add_patch(
                plt.Rectangle(
                    (j, 2 - i),
                    1,
                    1,
                    facecolor=PREDICATE_COLOURS.get(label, "#eeeeee"),
                    edgecolor="black",
                    lw=3 if strong else 0.5,
                    alpha=1 if strong or not highlight else 0.45,
                )
            )
            ax.text(
                j + 0.5,
                2.5 - i,
                label.replace("/", "/\n"),
                ha="center",
                va="center",
                fontsize=10,
                weight="bold" if strong else "normal",
            )
    ax.set(
        xlim=(0, 3),
        ylim=(0, 3),
        xticks=np.arange(3) + 0.5,
        yticks=np.arange(3) + 0.5,
        xlabel=t("lessons.matrix.perilaku"),
        ylabel=t("lessons.matrix.hasil_kerja"),
    )
    ax.set_xticklabels([r.replace(" Ekspektasi", "") for r in RATINGS])
    ax.set_yticklabels([r.replace(" Ekspektasi", "") for r in RATINGS])
    ax.set_title(t("lessons.matrix.title"))
    fig.tight_layout()
    plt.close(fig)
    return fig


class PredicateMatrix(widgets.VBox):
    """Two score sliders (Hasil Kerja, Perilaku Kerja) -> ratings -> Predikat Kinerja Pegawai.

    The ratings come from the rule set's thresholds (ASSUMPTION), the predicate from its
    matrix (law). ``result`` holds the latest (rating hasil kerja, rating perilaku, predicate).
    """

    def __init__(self, rules=None):
        self.rs = rule_set(rules)
        self.hasil = self._slider(t("lessons.matrix.hasil_kerja_score"))
        self.perilaku = self._slider(t("lessons.matrix.perilaku_score"))
        self.message = widgets.HTML()
        self.answer = widgets.HTML()
        self.plot = widgets.Output()
        self.result = None
        super().__init__([self.hasil, self.perilaku, self.answer, self.message, self.plot])
        for slider in (self.hasil, self.perilaku):
            slider.observe(self.update, names="value")
        self.update()

    @staticmethod
    def _slider(description):
        return widgets.FloatSlider(
            value=3.0,
            min=1.0,
            max=5.0,
            step=0.1,
            description=description,
            continuous_update=False,
            style={"description_width": "200px"},
            layout=widgets.Layout(width="520px"),
        )

    @guarded
    def update(self, _=None) -> None:
        hasil = self.rs.rating(self.hasil.value)
        perilaku = self.rs.rating(self.perilaku.value)
        predicate = self.rs.predicate(hasil, perilaku)
        self.result = (hasil, perilaku, predicate)
        self.answer.value = (
            f"<p>{html.escape(t('lessons.matrix.answer', hasil=hasil, perilaku=perilaku))}"
            f" <b style='font-size:120%'>{html.escape(predicate)}</b></p>"
        )
        self.message.value = ""
        show_figure(self.plot, matrix_figure(self.rs, highlight=(hasil, perilaku)))


def curve_table(rules=None) -> pd.DataFrame:
    """The limits of the distribution curve per organisation predicate, in words.

    Returns
    -------
    DataFrame
        Columns (Indonesian): organisation predicate, employee predicates, limit.
    """
    rs = rule_set(rules)
    rows = []
    for organisation in ORGANISATION_PREDICATES:
        for limit in rs.curve.limits(organisation):
            rows.append(
                {
                    t("lessons.curve.col_organisation"): organisation,
                    t("lessons.curve.col_predicates"): " atau ".join(limit.predicates),
                    t("lessons.curve.col_limit"): _limit_text(limit),
                }
            )
    return pd.DataFrame(rows)


def _limit_text(limit) -> str:
    if limit.kind == "max":
        return t("lessons.curve.at_most", share=percent(limit.share, 0))
    if limit.share is not None:
        return t("lessons.curve.at_least", share=percent(limit.share, 0))
    return t("lessons.curve.at_least_count", count=limit.min_count)


def office_predicates(dataset, rules=None) -> pd.DataFrame:
    """Each employee's predicate from their supervisor's ratings, the true predicate and a rank.

    Returns
    -------
    DataFrame
        ``employee_id``, ``office_id``, ``name``, ``position``, ``hasil_kerja_score``,
        ``perilaku_score``, ``predicate``, ``true_predicate`` and ``rank`` (Hasil Kerja plus
        Perilaku Kerja score, the rank :func:`kinerja_sim.rules.compare_regimes` uses).
    """
    table = predicates_of(dataset.ratings, dataset, rules).drop(columns="rater_id")
    table["rank"] = table["hasil_kerja_score"] + table["perilaku_score"]
    people = dataset.employees[["employee_id", "office_id", "name", "position"]]
    return people.merge(table, on="employee_id", how="inner")


def curve_effect(dataset, rules=None) -> pd.DataFrame:
    """What enforcing the curve does in every office: changes and agreement with the truth.

    Returns
    -------
    DataFrame
        One row per office (columns in the catalogue's language): office, organisation
        predicate, employees, predicates changed, share equal to the true predicate
        before and after enforcement (:func:`kinerja_sim.metrics.predicate_agreement`).
    """
    rs = rule_set(rules)
    table = office_predicates(dataset, rs)
    table["organisation"] = table["office_id"].map(
        dataset.offices.set_index("office_id")["organisation_predicate"]
    )
    enforced = rs.enforce_curve_by(table, by="office_id", organisation="organisation")
    before = metrics.predicate_agreement(table, raters="office_id").set_index("rater")["agreement"]
    after = metrics.predicate_agreement(
        enforced.assign(predicate=enforced["enforced_predicate"]), raters="office_id"
    ).set_index("rater")["agreement"]
    offices = dataset.offices.set_index("office_id")
    changed = enforced.groupby("office_id")["changed"].sum()
    return pd.DataFrame(
        {
            t("lessons.curve.office"): offices.loc[before.index, "name"].to_numpy(),
            t("lessons.curve.organisation"): offices.loc[
                before.index, "organisation_predicate"
            ].to_numpy(),
            t("lessons.curve.col_n"): table.groupby("office_id")
            .size()
            .loc[before.index]
            .to_numpy(),
            t("lessons.curve.col_changed"): changed.loc[before.index].to_numpy(),
            t("lessons.curve.col_agree_before"): before.round(2).to_numpy(),
            t("lessons.curve.col_agree_after"): after.loc[before.index].round(2).to_numpy(),
        }
    )


class CurveExplorer(widgets.VBox):
    """Choose an office and an organisation predicate; see the curve checked and enforced.

    Attributes
    ----------
    check : CurveCheck
        The check of the supervisors' predicates against the chosen curve.
    enforcement : CurveEnforcement
        What enforcing the curve changes.
    agreement : DataFrame
        Agreement with the true predicates before and after enforcement
        (:func:`kinerja_sim.metrics.predicate_agreement`).
    """

    def __init__(self, dataset, *, rules=None):
        self.rs = rule_set(rules)
        self.table = office_predicates(dataset, self.rs)
        offices = dataset.offices.set_index("office_id")
        self._own = offices["organisation_predicate"].to_dict()
        options = [
            (f"{name} ({office_id})", office_id) for office_id, name in offices["name"].items()
        ]
        self.office = widgets.Dropdown(
            options=options,
            description=t("lessons.curve.office"),
            style={"description_width": "160px"},
            layout=widgets.Layout(width="520px"),
        )
        self.organisation = widgets.Dropdown(
            options=list(ORGANISATION_PREDICATES),
            value=self._own[options[0][1]],
            description=t("lessons.curve.organisation"),
            style={"description_width": "160px"},
        )
        self.message, self.report, self.changes = widgets.HTML(), widgets.HTML(), widgets.Output()
        self.plot = widgets.Output()
        self.check = self.enforcement = self.agreement = None
        super().__init__(
            [self.office, self.organisation, self.message, self.report, self.plot, self.changes]
        )
        self.office.observe(self._office_changed, names="value")
        self.organisation.observe(self.update, names="value")
        self.update()

    def _office_changed(self, _=None) -> None:
        own = self._own[self.office.value]
        if self.organisation.value != own:
            self.organisation.value = own  # fires update
        else:
            self.update()

    @guarded
    def update(self, _=None) -> None:
        team = self.table[self.table["office_id"] == self.office.value].reset_index(drop=True)
        organisation = self.organisation.value
        self.check = self.rs.check_curve(team["predicate"], organisation=organisation)
        self.enforcement = self.rs.enforce_curve(
            team["predicate"], team["rank"], organisation=organisation
        )
        team["enforced"] = self.enforcement.predicates.to_numpy()
        self.agreement = self._agreement(team)
        self.report.value = self._report_html(team, organisation)
        self.message.value = ""
        show_figure(self.plot, self._figure(team))
        self._show_changes(team)

    @staticmethod
    def _agreement(team) -> pd.DataFrame:
        long = pd.concat(
            [
                team.assign(rater_id=t("lessons.curve.before"), given=team["predicate"]),
                team.assign(rater_id=t("lessons.curve.after"), given=team["enforced"]),
            ]
        )
        return metrics.predicate_agreement(long, predicates="given", order=list(PREDICATES)[::-1])

    def _report_html(self, team, organisation) -> str:
        verdict = [(line, "warn") for line in self.check.violations] or [
            (t("lessons.curve.ok"), "ok")
        ]
        before, after = self.agreement["agreement"]
        lines = [
            (t("lessons.curve.team", n=len(team), organisation=organisation), "info"),
            *verdict,
            (t("lessons.curve.changed", n=self.enforcement.n_changed), "info"),
            (
                t("lessons.curve.agreement", before=percent(before, 0), after=percent(after, 0)),
                "info",
            ),
        ]
        return "".join(message_html(line, kind) for line, kind in lines)

    def _figure(self, team):
        counts = pd.DataFrame(
            {
                t("lessons.curve.before"): team["predicate"].value_counts(),
                t("lessons.curve.after"): team["enforced"].value_counts(),
                t("lessons.bias.truth"): team["true_predicate"].value_counts(),
            }
        )
        counts = counts.reindex(list(PREDICATES)).fillna(0)
        fig, ax = plt.subplots(figsize=(8, 3.6))
        counts.plot.bar(ax=ax, color=["#4c72b0", "#dd8452", "#bbbbbb"], rot=0)
        ax.set(
            ylabel=t("lessons.bias.axis_count"), xlabel="", title=t("lessons.curve.figure_title")
        )
        ax.tick_params(axis="x", labelsize=8)
        fig.tight_layout()
        plt.close(fig)
        return fig

    def _show_changes(self, team) -> None:
        changed = team.loc[
            self.enforcement.changed.to_numpy(),
            ["name", "position", "predicate", "enforced", "true_predicate"],
        ]
        changed.columns = [
            t(f"lessons.curve.col_{c}") for c in ("name", "position", "before", "after", "truth")
        ]
        self.changes.clear_output(wait=True)
        with self.changes:
            display(
                changed.reset_index(drop=True)
                if len(changed)
                else widgets.HTML(t("lessons.curve.none_changed"))
            )


@dataclass(frozen=True)
class CurveByTruth:
    """What :func:`curve_by_truth` finds: the predicates given to each true predicate.

    Attributes
    ----------
    shares : DataFrame
        Index: the true predicate (``true``, truth model); columns: a MultiIndex
        (``scenario`` in ``("praktik", "kurva")``, ``given`` predicate); each row of a
        scenario sums to 1.
    size : mapping
        True predicate -> share of employees who have it (read-only; sums to 1).

    Examples
    --------
    >>> result = CurveByTruth(
    ...     pd.DataFrame([[1.0, 0.0]], index=pd.Index(["Baik"], name="true"),
    ...                  columns=pd.MultiIndex.from_tuples([("praktik", "Baik"), ("kurva", "Baik")],
    ...                                                    names=["scenario", "given"])),
    ...     {"Baik": 1.0})
    >>> result.to_frame().to_dict("records")[0]
    {'true': 'Baik', 'size': 1.0, 'scenario': 'praktik', 'given': 'Baik', 'share': 1.0}
    """

    shares: pd.DataFrame
    size: Mapping[str, float]

    def __post_init__(self):
        object.__setattr__(self, "size", MappingProxyType(dict(self.size)))

    def __reduce__(self):  # a mapping proxy does not pickle: rebuild from a plain dict
        return type(self), (self.shares, dict(self.size))

    def to_frame(self) -> pd.DataFrame:
        """One row per true predicate, scenario and given predicate: ``true``, ``size`` (share
        of employees with that true predicate), ``scenario``, ``given``, ``share`` (of the
        employees with that true predicate who are given that predicate)."""
        long = self.shares.stack(["scenario", "given"], future_stack=True).rename("share")
        long = long.reset_index()
        long.insert(1, "size", long["true"].map(self.size).astype(float))
        return long


def curve_by_truth(*, employees: int = 200_000, rng=None) -> CurveByTruth:
    """What enforcing the curve does to whom, nationally: given predicates by true predicate.

    The status quo (``policy.Scenario()``: practice raters, no curve) and the same with the
    curve enforced run on the same employees and raters (the same seed), so the only
    difference is the curve.

    Returns
    -------
    CurveByTruth
        ``shares`` (given predicates per true predicate, with and without the curve) and
        ``size`` (the share of employees with each true predicate).
    """
    from kinerja_sim import policy

    seed = int(np.random.default_rng(rng).integers(2**31))
    frames = {}
    for key, scenario in (
        ("praktik", policy.Scenario()),
        ("kurva", policy.Scenario(enforce_curve=True)),
    ):
        confusion = policy.simulate(
            scenario, employees=employees, progress=False, rng=seed
        ).confusion.astype(float)
        frames[key] = pd.DataFrame(
            confusion / confusion.sum(axis=1, keepdims=True), index=PREDICATES, columns=PREDICATES
        )
        size = confusion.sum(axis=1) / confusion.sum()
    table = pd.concat(frames, axis=1, names=["scenario", "given"])
    table.index.name = "true"
    return CurveByTruth(table, dict(zip(PREDICATES, size.tolist())))


def curve_by_truth_figure(result: CurveByTruth):
    """Two panels of stacked bars: for each true predicate, the predicates given without and
    with the curve (``result`` from :func:`curve_by_truth`)."""
    table = result.shares
    fig, axes = plt.subplots(1, 2, figsize=(12, 3.8), sharey=True)
    for ax, key in zip(axes, ("praktik", "kurva")):
        shares = table[key]
        left = np.zeros(len(shares))
        for given in PREDICATES:
            ax.barh(
                range(len(shares)),
                shares[given],
                left=left,
                color=PREDICATE_COLOURS[given],
                label=given,
            )
            left += shares[given].to_numpy()
        ax.set_title(t(f"lessons.curve_truth.{key}"), fontsize=10)
        ax.set_xlim(0, 1)
        ax.set_xlabel(t("lessons.curve_truth.axis"))
    axes[0].set_yticks(
        range(len(table)), [f"{p} ({percent(result.size.get(p, np.nan), 0)})" for p in table.index]
    )
    axes[0].set_ylabel(t("lessons.curve_truth.true"))
    axes[0].invert_yaxis()
    handles, labels = axes[1].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=5, fontsize=8)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    plt.close(fig)
    return fig
