"""Case files: what a supervisor sees of an employee before scoring, and fresh cases to practise on.

A case file shows who the employee is, their SKP (each RHK with the leader's RHK it
intervenes, the aspect, the IKI, the annual target, the realisation in each period, the
annual realisation and the capaian) and the behaviour incidents recorded in each period for
each BerAKHLAK value. It never shows the truth (``true_*`` columns, the ``performance``
table, ratings): that is what the trainee must judge from the evidence.

Examples
--------
>>> data, ids = practice_cases(3, rng=7)
>>> len(ids), ids[0] in set(data.employees["employee_id"])
(3, True)
>>> html = case_file_html(data, ids[0], lang="en")
>>> "BerAKHLAK value" in html and "true_" not in html
True
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_int, check_rng
from kinerja_sim.dataset import Dataset, generate
from kinerja_sim.rules import capaian
from kinerja_sim.world.dimensions import BERAKHLAK, DIMENSION_LABELS, DIMENSIONS
from kinerja_sim.world.offices import KEPALA_DAERAH

__all__ = ["PRACTICE_OFFICES", "case_employee", "case_file_html", "practice_cases"]

PRACTICE_OFFICES = 8  # one office of every kind: varied positions and indicators

_STYLE = """<style>
.kinerja-casefile {font-family: system-ui, sans-serif; font-size: 13px; line-height: 1.35;
  border: 1px solid #cbd5e1; border-radius: 6px; padding: 0.8em 1em; margin: 0.5em 0; \
background: #fff; color: #111}
.kinerja-casefile h3 {margin: 0 0 0.3em 0; font-size: 1.15em}
.kinerja-casefile h4 {margin: 0.9em 0 0.3em 0; font-size: 1em; color: #1e3a8a}
.kinerja-casefile table {border-collapse: collapse; width: 100%; margin-bottom: 0.3em}
.kinerja-casefile th, .kinerja-casefile td {border: 1px solid #e2e8f0; padding: 3px 6px; \
vertical-align: top; text-align: left; line-height: 1.35}
.kinerja-casefile th {background: #f1f5f9}
.kinerja-casefile td.num {text-align: right; white-space: nowrap}
.kinerja-casefile .pos {color: #166534} .kinerja-casefile .neg {color: #b91c1c}
.kinerja-casefile ul {margin: 0; padding-left: 0; list-style: none}
.kinerja-casefile .muted {color: #64748b}
</style>"""


def _esc(value) -> str:
    return html.escape(str(value))


def _number(value, lang) -> str:
    """A value of the SKP table: at most two decimals, in the language's notation."""
    return number(value, 2, lang=lang)


def _period_label(period: int, periods: int, lang) -> str:
    """'Triwulan 2' only in a year of four periods: 'Semester', 'Bulan', else 'Periode'."""
    key = {2: "semester", 4: "quarter", 12: "month"}.get(periods, "period")
    return t(f"ui.casefile.{key}", lang, n=period)


def _header(dataset: Dataset, person: pd.Series, lang) -> str:
    office = dataset.offices.set_index("office_id").loc[person["office_id"]]
    position = person["position"]
    rows = [
        (t("ui.casefile.nip", lang), person["nip"]),
        (
            t("ui.casefile.position", lang),
            f"{position} ({person['position_type']}, {person['asn_type']}, {person['grade']})",
        ),
        (t("ui.casefile.unit", lang), f"{person['unit']} — {office['name']}"),
    ]
    cells = "".join(
        f"<tr><th>{_esc(label)}</th><td>{_esc(value)}</td></tr>" for label, value in rows
    )
    return (
        f"<h3>{_esc(t('ui.casefile.title', lang, name=person['name']))}</h3>"
        f"<table class='kinerja-casefile-who'>{cells}</table>"
    )


def _skp_table(dataset: Dataset, employee_id: str, periods: list[int], lang) -> str:
    skp = dataset.indicators[dataset.indicators["employee_id"] == employee_id]
    realised = dataset.evidence[
        (dataset.evidence["employee_id"] == employee_id) & (dataset.evidence["kind"] == "realisasi")
    ]
    per_period = realised.pivot_table(
        index="indicator_id", columns="period", values="value", aggfunc="first"
    )
    achieved = capaian(
        skp["realisation"].to_numpy(),
        skp["target"].to_numpy(),
        direction=skp["direction"].to_numpy(),
    )
    head = "".join(
        f"<th>{_esc(label)}</th>"
        for label in (
            t("ui.casefile.rhk", lang),
            t("ui.casefile.aspect", lang),
            t("ui.casefile.iki", lang),
            t("ui.casefile.target", lang),
            *(_period_label(p, len(periods), lang) for p in periods),
            t("ui.casefile.annual", lang),
            t("ui.casefile.capaian", lang),
        )
    )
    body = []
    span = skp.groupby("rhk_id", sort=False)["rhk_id"].transform("size").to_numpy()
    first = ~skp["rhk_id"].duplicated().to_numpy()
    for i, ((_, row), achievement) in enumerate(zip(skp.iterrows(), np.atleast_1d(achieved))):
        unit = row["unit"]
        lower = t("ui.casefile.lower_better", lang) if row["direction"] == "lower" else ""
        values = (
            per_period.loc[row["indicator_id"]] if row["indicator_id"] in per_period.index else {}
        )
        cells = "".join(
            f"<td class='num'>{_number(values.get(p, np.nan), lang)}</td>" for p in periods
        )
        rhk = (
            f"<td rowspan='{span[i]}'>{_esc(row['rhk'])}<br><span class='muted'>"
            f"{_esc(t('ui.casefile.intervenes', lang))}: {_esc(row['rhk_pimpinan'])}</span></td>"
            if first[i]
            else ""
        )
        body.append(
            f"<tr>{rhk}<td>{_esc(row['aspect'].capitalize())}</td><td>{_esc(row['iki'])}"
            f"{' <span class=muted>(' + _esc(lower) + ')</span>' if lower else ''}</td><td "
            f"class='num'>{_number(row['target'], lang)} {_esc(unit)}</td>{cells}<td "
            f"class='num'>{_number(row['realisation'], lang)}</td><td "
            f"class='num'>{number(achievement, 1, lang=lang)}%</td></tr>"
        )
    return (
        f"<h4>{_esc(t('ui.casefile.skp', lang))}</h4><table class='kinerja-casefile-skp'>"
        f"<tr>{head}</tr>{''.join(body)}</table>"
    )


def _behaviour_table(dataset: Dataset, employee_id: str, periods: list[int], lang) -> str:
    incidents = dataset.evidence[
        (dataset.evidence["employee_id"] == employee_id) & (dataset.evidence["kind"] == "insiden")
    ]
    head = "".join(
        f"<th>{_esc(label)}</th>"
        for label in (
            t("ui.casefile.value", lang),
            *(_period_label(p, len(periods), lang) for p in periods),
        )
    )
    body = []
    for key in BERAKHLAK:
        mine = incidents[incidents["dimension"] == key]
        cells = []
        for period in periods:
            items = mine[mine["period"] == period]
            entries = "".join(
                f"<li class='{'pos' if value > 0 else 'neg'}'>{'+' if value > 0 else '−'} "
                f"{_esc(text)}</li>"
                for value, text in zip(items["value"], items["text"])
            )
            cells.append(
                f"<td><ul>{entries}</ul></td>"
                if entries
                else f"<td class='muted'>{_esc(t('ui.casefile.no_incident', lang))}</td>"
            )
        body.append(f"<tr><th>{_esc(DIMENSION_LABELS[key])}</th>{''.join(cells)}</tr>")
    return (
        f"<h4>{_esc(t('ui.casefile.behaviour', lang))}</h4>"
        f"<p class='muted'>{_esc(t('ui.casefile.behaviour_note', lang))}</p>"
        f"<table class='kinerja-casefile-behaviour'><tr>{head}</tr>{''.join(body)}</table>"
    )


def case_employee(dataset: Dataset, employee_id: str) -> pd.Series:
    """The row of ``employee_id`` in ``dataset.employees`` (index: the columns), after checking
    both.

    Raises TypeError when ``dataset`` is not a kit Dataset, ValueError when the employee is
    not in it. The one lookup behind the case file, the feedback coach and the dialog guide.
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"dataset must be a kinerja_sim Dataset, got {type(dataset).__name__}")
    people = dataset.employees.set_index("employee_id")
    if employee_id not in people.index:
        raise ValueError(f"employee_id {employee_id!r} is not in the dataset")
    return people.loc[employee_id]


def case_file_html(dataset: Dataset, employee_id: str, *, lang: str | None = None) -> str:
    """A readable case file of one employee, as HTML (no truth shown).

    Parameters
    ----------
    dataset : Dataset
        The world the employee belongs to.
    employee_id : str
        The employee.
    lang : str, optional
        Language of the labels ("id" or "en"); the evidence texts are data in Bahasa Indonesia.

    Returns
    -------
    str
        An HTML fragment in a ``<div class="kinerja-casefile">`` with the employee's
        identity, SKP table and behaviour incidents per BerAKHLAK value and period.
    """
    person = case_employee(dataset, employee_id)
    periods = sorted(int(p) for p in pd.unique(dataset.evidence["period"]))
    return (
        f"{_STYLE}<div class='kinerja-casefile' data-employee='{_esc(employee_id)}'>"
        f"{_header(dataset, person, lang)}{_skp_table(dataset, employee_id, periods, lang)}"
        f"{_behaviour_table(dataset, employee_id, periods, lang)}</div>"
    )


def practice_cases(n: int = 5, *, rng) -> tuple[Dataset, list[str]]:
    """Fresh cases for a trainee: a small world drawn from ``rng`` and ``n`` employees to score.

    Parameters
    ----------
    n : int
        Number of cases (1 to 20).
    rng : int or numpy.random.Generator
        The source of randomness, e.g. the trainee's seed (see
        :func:`kinerja_sim.training.trainee.trainee_seed`); the lesson's shared cases are
        :func:`kinerja_sim.cases.lesson.lesson_cases`.

    Returns
    -------
    dataset : Dataset
        A world of one office of every kind (:data:`PRACTICE_OFFICES`).
    employee_ids : list of str
        ``n`` staff (not heads of office), from different offices where possible, spread
        over the range of true overall performance (one from each of ``n`` equal bands), in
        a shuffled order.

    Examples
    --------
    >>> practice_cases(2, rng=3)[1] == practice_cases(2, rng=3)[1]
    True
    """
    n = check_int("n", n, minimum=1, maximum=20)
    world_rng, pick_rng = check_rng(rng).spawn(2)
    dataset = generate(n_offices=PRACTICE_OFFICES, rng=world_rng)
    staff = dataset.employees[dataset.employees["supervisor_id"] != KEPALA_DAERAH]
    overall = staff[[f"true_{d}" for d in DIMENSIONS]].mean(axis=1).to_numpy()
    band = np.minimum((pd.Series(overall).rank(pct=True).to_numpy() * n).astype(int), n - 1)
    chosen, used_offices = [], set()
    for b in pick_rng.permutation(n):
        candidates = staff[(band == b)]
        fresh = candidates[~candidates["office_id"].isin(used_offices)]
        pool = fresh if len(fresh) else candidates
        row = pool.iloc[int(pick_rng.integers(len(pool)))]
        chosen.append(str(row["employee_id"]))
        used_offices.add(row["office_id"])
    return dataset, chosen
