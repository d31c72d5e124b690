"""Exercise 04_terapkan_kurva: which employees must change predicate so the office meets the curve?

An office of the trainee's world, with the predicates its supervisors gave (Rating Hasil
Kerja from the Hasil Kerja score, Rating Perilaku Kerja from the mean of the seven BerAKHLAK
scores, then the predicate matrix: :mod:`kinerja_sim.rules`). The distribution curve of the
office's organisation predicate does not hold; the trainee picks the employees whose
predicate must change. The answer is :meth:`PermenPANRB2022.enforce_curve`, which changes the
fewest employees by rank (rank = Hasil Kerja score + Perilaku Kerja score, ASSUMPTION of the
exercise). Score = overlap of the trainee's choice with the answer (Jaccard: shared / either).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from kinerja_sim import rules
from kinerja_sim.dataset import generate
from kinerja_sim.dimensions import BERAKHLAK, RESULT
from kinerja_sim.exercises._common import Feedback, spawn
from kinerja_sim.i18n import t
from kinerja_sim.rules import ORGANISATION_PREDICATES

__all__ = ["EXERCISE", "CurveItem", "check_curve_answer", "make_item", "office_table"]

EXERCISE = "04_terapkan_kurva"
MAX_STAFF = 30


@dataclass(frozen=True)
class CurveItem:
    """The office: ``item_id``, ``office_name``, ``organisation`` predicate, the ``table`` of
    employees (``employee_id``, ``name``, ``position``, ``hasil_kerja``, ``perilaku``,
    ``rating_hasil_kerja``, ``rating_perilaku``, ``predicate``, ``rank``), the curve check
    ``violations`` and the answer: ``new_predicates`` (Series by employee id) and
    ``must_change`` (ids)."""

    item_id: str
    office_name: str
    organisation: str
    table: pd.DataFrame = field(repr=False)
    violations: tuple[str, ...]
    new_predicates: pd.Series = field(repr=False)
    must_change: frozenset[str]


@cache
def _rule_set():
    return rules.load("permenpanrb-6-2022")


def office_table(dataset, office_id: str) -> pd.DataFrame:
    """Employees of one office with the scores and predicates their supervisors gave."""
    rule_set = _rule_set()
    people = dataset.employees[dataset.employees["office_id"] == office_id]
    scores = dataset.ratings[dataset.ratings["employee_id"].isin(people["employee_id"])]
    wide = scores.pivot_table(index="employee_id", columns="dimension", values="score")
    table = people[["employee_id", "name", "position"]].set_index("employee_id").join(
        pd.DataFrame({"hasil_kerja": wide[RESULT], "perilaku": wide[list(BERAKHLAK)].mean(axis=1).round(2)}))
    table["rating_hasil_kerja"] = rule_set.rating(table["hasil_kerja"].to_numpy())
    table["rating_perilaku"] = rule_set.rating(table["perilaku"].to_numpy())
    table["predicate"] = rule_set.predicate(table["rating_hasil_kerja"], table["rating_perilaku"])
    table["rank"] = (table["hasil_kerja"] + table["perilaku"]).round(2)
    return table.sort_values("rank", ascending=False, kind="stable").reset_index()


def _candidates(organisation: str):
    """The organisation predicates, the office's own first, under which the curve fails but can hold."""
    yield organisation
    yield from (name for name in ORGANISATION_PREDICATES if name != organisation)


def make_item(seed) -> CurveItem:
    """The smallest office of the trainee's world (at most 30 staff) whose curve must be enforced.

    The office's own organisation predicate is used when its curve fails; otherwise the
    first organisation predicate (in the order of the regulation) under which it fails and
    can be met.

    Examples
    --------
    >>> item = make_item(3)
    >>> len(item.must_change) > 0 and len(item.violations) > 0
    True
    """
    world_rng, _ = spawn(seed, 2)
    dataset = generate(n_offices=8, rng=world_rng)
    offices = dataset.offices.assign(size=dataset.offices["office_id"].map(
        dataset.employees["office_id"].value_counts())).sort_values("size", kind="stable")
    rule_set = _rule_set()
    for _, office in offices[offices["size"] <= MAX_STAFF].iterrows():
        table = office_table(dataset, office["office_id"])
        for organisation in _candidates(office["organisation_predicate"]):
            check = rule_set.check_curve(table["predicate"], organisation=organisation)
            if check.ok or not check.feasible:
                continue
            result = rule_set.enforce_curve(table["predicate"], table["rank"].to_numpy(), organisation=organisation)
            new = pd.Series(result.predicates.to_numpy(), index=table["employee_id"])
            changed = frozenset(table.loc[result.changed.to_numpy(), "employee_id"])
            return CurveItem(f"kantor-{office['office_id']}", office["name"], organisation, table,
                             tuple(check.violations), new, changed)
    raise ValueError("no office of this world needs the curve; use another seed")   # not reached in practice


def check_curve_answer(item: CurveItem, selected, *, lang=None) -> Feedback:
    """Compare the employees the trainee picked with those the curve must change.

    Returns
    -------
    Feedback
        ``correct`` when the sets are equal; ``score`` = shared / either (Jaccard); details
        name the missed employees (with their new predicate) and those changed needlessly.
    """
    if isinstance(selected, str) or not all(isinstance(s, str) for s in selected):
        raise TypeError("selected must be a collection of employee ids")
    selected = frozenset(selected)
    if not selected:
        raise ValueError(t("exercises.curve.choose", lang))
    unknown = selected - set(item.table["employee_id"])
    if unknown:
        raise ValueError(f"selected names employees not in this office: {', '.join(sorted(unknown))}")
    names = item.table.set_index("employee_id")["name"]
    old = item.table.set_index("employee_id")["predicate"]
    union = selected | item.must_change
    score = len(selected & item.must_change) / len(union)
    details = [*(t("exercises.curve.missed", lang, name=names[e], old=old[e], new=item.new_predicates[e])
                 for e in sorted(item.must_change - selected, key=list(names.index).index)),
               *(t("exercises.curve.needless", lang, name=names[e], old=old[e])
                 for e in sorted(selected - item.must_change, key=list(names.index).index))]
    details.append(t("exercises.curve.rule", lang, organisation=item.organisation,
                     violations=" ".join(item.violations)))
    if selected == item.must_change:
        return Feedback(True, 1.0, t("exercises.curve.correct", lang, count=len(selected)), tuple(details))
    return Feedback(False, round(score, 3), t("exercises.curve.partly", lang, right=len(selected & item.must_change),
                                             total=len(item.must_change)), tuple(details))
