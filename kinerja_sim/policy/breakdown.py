"""Who is hit: the headline answers per group of offices, and the joint table of true × rated.

:func:`breakdown` groups the per-office counts of a simulation (``Simulation.offices`` or a
run read back from Parquet) by any office column: the organisation predicate, the office
kind, the kabupaten, the province (as soon as the national world carries one), and gives per
group the share of staff whose predicate the rules moved, the truly good rated negative and
the change in TPP per employee, sorted by impact. :func:`joint_table` and :func:`joint_pairs`
answer "how many truly Baik are rated Butuh Perbaikan" from the ``n_<true>__<rated>``
columns (``kinerja_sim.policy.engine.joint_columns``).

"Moved by the rules" is what the distribution curve changes: the predicate the raters gave
(after any calibration committee) against the predicate after the curve; a scenario without
a curve moves nobody, and its TPP change is zero.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim._core.i18n import t
from kinerja_sim.policy.engine import OUTCOME_KEYS, joint_columns
from kinerja_sim.rules import PREDICATES

__all__ = [
    "BREAKDOWN_BY",
    "BREAKDOWN_COLUMNS",
    "breakdown",
    "breakdown_lines",
    "breakdown_text",
    "group_column",
    "joint_lines",
    "joint_pairs",
    "joint_table",
]

#: The groupings the command line offers (``simulate --by``); any office column works.
BREAKDOWN_BY = ("organisation_predicate", "kind", "kabupaten", "provinsi", "instansi")

BREAKDOWN_COLUMNS = [
    "group",
    "offices",
    "n",
    "share_moved",
    "share_negative",
    "wrong_negative",
    "tpp_change_per_employee",
    "tpp_per_employee",
]

# Office columns that are not groupings (counts, sums and the plan's internals).
_NOT_GROUPS = ("n", "size", "office_id", "office_effect", "chunk", "curve_feasible", "scenario")


def _groupings(offices: pd.DataFrame) -> list:
    """Office columns one can group by: the plan's labels, not the counts."""
    return [
        c
        for c in offices.columns
        if c not in _NOT_GROUPS
        and not c.startswith(("n_", "sum_", "tpp_", "tukin_", "incentive_", "angka_"))
    ]


def group_column(offices: pd.DataFrame, by: str) -> str:
    """The office column ``by`` names: itself, or ``<by>_id`` (``kabupaten`` → ``kabupaten_id``).

    Raises
    ------
    ValueError
        In the catalogue's language, naming the groupings this table has.
    """
    for name in (by, f"{by}_id"):
        if name in offices.columns and name in _groupings(offices):
            return name
    available = ", ".join(c.removesuffix("_id") for c in _groupings(offices))
    if by == "provinsi":
        raise ValueError(t("analyst.breakdown.no_provinsi", available=available))
    raise ValueError(t("analyst.breakdown.no_column", by=by, available=available))


def breakdown(offices: pd.DataFrame, by: str, keys=OUTCOME_KEYS) -> pd.DataFrame:
    """The headline answers per group of offices, the hardest hit first.

    Parameters
    ----------
    offices : DataFrame
        Per-office counts (``Simulation.offices`` or ``kinerja_sim.policy.runs.read_run``).
    by : str
        An office column (``organisation_predicate``, ``kind``, ``kabupaten``, ``provinsi``...).
    keys : sequence of str
        The regime's category keys, best first (``Simulation.keys``).

    Returns
    -------
    DataFrame
        One row per group: ``group``, ``offices``, ``n`` (employees), ``share_moved`` (share
        of staff whose predicate the curve changed), ``share_negative`` (share given one of
        the three lowest categories), ``wrong_negative`` (of those truly Baik or better, the
        share given a negative category), ``tpp_change_per_employee`` (Rupiah per year: TPP
        after the curve minus TPP at the raters' predicates), ``tpp_per_employee``. Sorted by
        ``share_moved``, then ``wrong_negative`` (both descending), then by the TPP change.

    Examples
    --------
    >>> from kinerja_sim.policy import Scenario, simulate
    >>> run = simulate(Scenario(enforce_curve=True), employees=20_000, rng=3)
    >>> table = breakdown(run.offices, "organisation_predicate")
    >>> int(table["n"].sum()), bool(table["share_moved"].is_monotonic_decreasing)
    (20000, True)
    """
    column = group_column(offices, by)
    negative = [f"n_{k}" for k in keys[2:]]
    sums = ["n", "n_curve_changed", "n_wrong_negative", "n_true_not_negative", "tpp_cost"]
    sums += ["tpp_cost_before_curve", *negative]
    frame = offices[[column, *sums]].copy()
    frame[column] = (
        frame[column].astype(str) if frame[column].dtype == "category" else frame[column]
    )
    grouped = frame.groupby(column, observed=True, sort=False)
    total = grouped[sums].sum()
    n = total["n"].astype(float)
    table = pd.DataFrame(
        {
            "group": total.index,
            "offices": grouped.size().to_numpy(),
            "n": total["n"].to_numpy(dtype=np.int64),
            "share_moved": (total["n_curve_changed"] / n).to_numpy(),
            "share_negative": (total[negative].sum(axis=1) / n).to_numpy(),
            "wrong_negative": (
                total["n_wrong_negative"] / total["n_true_not_negative"].where(lambda v: v > 0)
            ).to_numpy(),
            "tpp_change_per_employee": (
                (total["tpp_cost"] - total["tpp_cost_before_curve"]) / n
            ).to_numpy(),
            "tpp_per_employee": (total["tpp_cost"] / n).to_numpy(),
        }
    )
    table = table[table["n"] > 0].sort_values(
        ["share_moved", "wrong_negative", "tpp_change_per_employee"],
        ascending=[False, False, True],
        na_position="last",
        ignore_index=True,
    )
    return table[BREAKDOWN_COLUMNS]


def breakdown_text(table: pd.DataFrame, by: str, *, lang=None, top: int | None = None):
    """:func:`breakdown` as people read it: headers from the catalogue, Indonesian numbers.

    ``top`` keeps the first rows (the hardest hit); the second value returned is the number of
    groups left out.
    """
    from kinerja_sim._core.format import number, percent

    shown = table if top is None else table.head(top)
    rupiah = lambda v: "-" if v != v else number(v, 0, lang=lang)  # noqa: E731
    share = lambda v: "-" if v != v else percent(v, 1, lang=lang)  # noqa: E731
    text = pd.DataFrame(
        {
            t(f"analyst.by.{by}", lang) if by in BREAKDOWN_BY else by: shown["group"].astype(str),
            t("analyst.breakdown.offices", lang): [
                number(v, 0, lang=lang) for v in shown["offices"]
            ],
            t("analyst.breakdown.n", lang): [number(v, 0, lang=lang) for v in shown["n"]],
            t("analyst.breakdown.share_moved", lang): shown["share_moved"].map(share),
            t("analyst.breakdown.share_negative", lang): shown["share_negative"].map(share),
            t("analyst.breakdown.wrong_negative", lang): shown["wrong_negative"].map(share),
            t("analyst.breakdown.tpp_change", lang): shown["tpp_change_per_employee"].map(rupiah),
        }
    )
    return text, len(table) - len(shown)


def _joint(offices: pd.DataFrame, keys) -> np.ndarray:
    size = len(keys)
    return offices[joint_columns(keys)].sum().to_numpy(dtype=np.int64).reshape(size, size)


def joint_table(offices: pd.DataFrame, keys=OUTCOME_KEYS, labels=PREDICATES) -> pd.DataFrame:
    """Employees by true predicate (rows) and the predicate the rules give (columns).

    The sum of the per-office ``n_<true>__<rated>`` columns; equal to ``Simulation.confusion``.

    Examples
    --------
    >>> from kinerja_sim.policy import simulate
    >>> run = simulate(employees=5_000, rng=1)
    >>> bool((joint_table(run.offices).to_numpy() == run.confusion).all())
    True
    """
    table = pd.DataFrame(_joint(offices, keys), index=list(labels), columns=list(labels))
    table.index.name, table.columns.name = "true", "rated"
    return table


def joint_pairs(offices: pd.DataFrame, keys=OUTCOME_KEYS, labels=PREDICATES) -> pd.DataFrame:
    """Every (true, rated) pair with its count and shares: "truly Baik rated Butuh Perbaikan".

    Returns
    -------
    DataFrame
        One row per pair, in table order: ``true``, ``rated`` (labels), ``true_key``,
        ``rated_key``, ``n``, ``share_of_true`` (of those truly in ``true``),
        ``share_of_all`` (of all employees), ``lower`` (rated below the truth).
    """
    joint = _joint(offices, keys)
    size = len(keys)
    truly = joint.sum(axis=1)
    rows = []
    for i in range(size):
        for j in range(size):
            rows.append(
                {
                    "true": labels[i],
                    "rated": labels[j],
                    "true_key": keys[i],
                    "rated_key": keys[j],
                    "n": int(joint[i, j]),
                    "share_of_true": joint[i, j] / truly[i] if truly[i] else float("nan"),
                    "share_of_all": joint[i, j] / joint.sum() if joint.sum() else float("nan"),
                    "lower": j > i,
                }
            )
    return pd.DataFrame(rows)


def joint_lines(offices: pd.DataFrame, keys=OUTCOME_KEYS, labels=PREDICATES, *, lang=None):
    """The joint table and its derived answers as lines of text (what ``simulate`` prints).

    The answers are the pairs of a truly Baik or Sangat Baik employee given one of the three
    lowest categories ("truly Baik rated Butuh Perbaikan"), with count and share.
    """
    from kinerja_sim._core.format import number, percent

    table = joint_table(offices, keys, labels)
    cells = table.map(lambda v: number(v, 0, lang=lang))
    cells.index = [f"  {label}" for label in cells.index]
    cells.index.name = t("analyst.joint.true", lang)
    cells.columns.name = None
    lines = [t("analyst.joint.title", lang), *cells.to_string().splitlines()]
    pairs = joint_pairs(offices, keys, labels)
    wrong = pairs[(pairs["true_key"].isin(keys[:2])) & pairs["rated_key"].isin(keys[2:])]
    lines.append(t("analyst.joint.answers", lang))
    shown = wrong[wrong["n"] > 0]
    if shown.empty:
        lines.append(t("analyst.joint.none", lang))
    for row in shown.itertuples():
        lines.append(
            "  "
            + t(
                "analyst.joint.answer",
                lang,
                true=row.true,
                rated=row.rated,
                count=number(row.n, 0, lang=lang),
                share=percent(row.share_of_true, 1, lang=lang),
            )
        )
    return lines


def breakdown_lines(offices: pd.DataFrame, by: str, keys=OUTCOME_KEYS, *, lang=None, top=15):
    """:func:`breakdown` as lines of text, the hardest hit ``top`` groups (what ``simulate --by``
    prints)."""
    text, more = breakdown_text(breakdown(offices, by, keys), by, lang=lang, top=top)
    name = t(f"analyst.by.{by}", lang) if by in BREAKDOWN_BY else by
    lines = [t("analyst.breakdown.title", lang, by=name.lower())]
    lines += ["  " + line for line in text.to_string(index=False).splitlines()]
    if more:
        lines.append("  " + t("analyst.breakdown.more", lang, count=_number_text(more, lang)))
    return lines


def _number_text(value, lang=None) -> str:
    from kinerja_sim._core.format import number

    return number(value, 0, lang=lang)
