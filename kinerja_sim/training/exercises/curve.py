"""Exercise 04_terapkan_kurva: which employees must change predicate so the office meets the curve?

An office of the trainee's world, with the predicates its supervisors gave (Rating Hasil
Kerja from the Hasil Kerja score, Rating Perilaku Kerja from the mean of the seven BerAKHLAK
scores, then the predicate matrix: :mod:`kinerja_sim.rules`). The distribution curve of the
office's organisation predicate does not hold; the trainee picks the employees whose
predicate must change. The answer is :meth:`PermenPANRB2022.enforce_curve`, which changes the
fewest employees by rank (rank = Hasil Kerja score + Perilaku Kerja score, ASSUMPTION of the
exercise). Score = overlap of the trainee's choice with the answer (Jaccard: shared / either).

The exercise is staged so that a first try can succeed (:func:`steps`, :func:`check_step`):
the trainee first sees which limits of the curve are broken, then fixes one group at a time,
e.g. "9 employees rated Sangat Baik must become Butuh Perbaikan", ticking among the employees
of that group only; after each step the violations are checked again on the predicates as
they now stand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from kinerja_sim import rules
from kinerja_sim._core.i18n import t
from kinerja_sim.dataset import generate
from kinerja_sim.rules import ORGANISATION_PREDICATES, PREDICATES
from kinerja_sim.training.exercises._common import Feedback, spawn
from kinerja_sim.world.dimensions import BERAKHLAK, RESULT

__all__ = [
    "EXERCISE",
    "CurveItem",
    "CurveStep",
    "check_curve_answer",
    "check_step",
    "make_item",
    "office_table",
    "step_item_id",
    "steps",
]

EXERCISE = "04_terapkan_kurva"
MAX_STAFF = 30
WORLDS = 12  # worlds tried in turn (independent streams of the seed) until one has an office to fix


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
    table = (
        people[["employee_id", "name", "position"]]
        .set_index("employee_id")
        .join(
            pd.DataFrame(
                {
                    "hasil_kerja": wide[RESULT],
                    "perilaku": wide[list(BERAKHLAK)].mean(axis=1).round(2),
                }
            )
        )
    )
    table["rating_hasil_kerja"] = rule_set.rating(table["hasil_kerja"].to_numpy())
    table["rating_perilaku"] = rule_set.rating(table["perilaku"].to_numpy())
    table["predicate"] = rule_set.predicate(table["rating_hasil_kerja"], table["rating_perilaku"])
    table["rank"] = (table["hasil_kerja"] + table["perilaku"]).round(2)
    return table.sort_values("rank", ascending=False, kind="stable").reset_index()


def _candidates(organisation: str):
    """The organisation predicates, the office's own first, under which the curve fails but can hold."""
    yield organisation
    yield from (name for name in ORGANISATION_PREDICATES if name != organisation)


def make_item(*, rng=None) -> CurveItem:
    """The smallest office of the trainee's world (at most 30 staff) whose curve must be enforced.

    The office's own organisation predicate is used when its curve fails; otherwise the
    first organisation predicate (in the order of the regulation) under which it fails and
    can be met. When no office of the world qualifies (about one seed in five), the next
    world drawn from ``rng`` (an int seed or a Generator) is used, so every trainee gets an office.

    Examples
    --------
    >>> item = make_item(rng=3)
    >>> len(item.must_change) > 0 and len(item.violations) > 0
    True
    """
    rule_set = _rule_set()
    for world_rng in spawn(rng, WORLDS):  # usually the first world has one; else the next
        found = _office_needing_the_curve(generate(n_offices=8, rng=world_rng), rule_set)
        if found is not None:
            return found
    raise ValueError(
        f"no office of {WORLDS} worlds from rng {rng!r} needs the curve; use another seed"
    )


def _office_needing_the_curve(dataset, rule_set) -> CurveItem | None:
    offices = dataset.offices.assign(
        size=dataset.offices["office_id"].map(dataset.employees["office_id"].value_counts())
    ).sort_values("size", kind="stable")
    for _, office in offices[offices["size"] <= MAX_STAFF].iterrows():
        table = office_table(dataset, office["office_id"])
        for organisation in _candidates(office["organisation_predicate"]):
            check = rule_set.check_curve(table["predicate"], organisation=organisation)
            if check.ok or not check.feasible:
                continue
            result = rule_set.enforce_curve(
                table["predicate"], table["rank"].to_numpy(), organisation=organisation
            )
            new = pd.Series(result.predicates.to_numpy(), index=table["employee_id"])
            changed = frozenset(table.loc[result.changed.to_numpy(), "employee_id"])
            return CurveItem(
                f"kantor-{office['office_id']}",
                office["name"],
                organisation,
                table,
                tuple(check.violations),
                new,
                changed,
            )
    return None


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
        raise ValueError(
            f"selected names employees not in this office: {', '.join(sorted(unknown))}"
        )
    names = item.table.set_index("employee_id")["name"]
    old = item.table.set_index("employee_id")["predicate"]
    union = selected | item.must_change
    score = len(selected & item.must_change) / len(union)
    details = [
        *(
            t("exercises.curve.missed", lang, name=names[e], old=old[e], new=item.new_predicates[e])
            for e in sorted(item.must_change - selected, key=list(names.index).index)
        ),
        *(
            t("exercises.curve.needless", lang, name=names[e], old=old[e])
            for e in sorted(selected - item.must_change, key=list(names.index).index)
        ),
    ]
    details.append(
        t(
            "exercises.curve.rule",
            lang,
            organisation=item.organisation,
            violations=" ".join(item.violations),
        )
    )
    if selected == item.must_change:
        return Feedback(
            True, 1.0, t("exercises.curve.correct", lang, count=len(selected)), tuple(details)
        )
    return Feedback(
        False,
        round(score, 3),
        t(
            "exercises.curve.partly",
            lang,
            right=len(selected & item.must_change),
            total=len(item.must_change),
        ),
        tuple(details),
    )


@dataclass(frozen=True)
class CurveStep:
    """One group to fix: ``count`` employees rated ``old`` must become ``new``.

    ``candidates`` are the employees rated ``old`` at this step (best rank first), among whom
    the trainee ticks; ``must_change`` the ones the rule set changes; ``violations`` the
    curve's broken limits before this step (on the predicates as they stand after the earlier
    steps).
    """

    number: int
    total: int
    old: str
    new: str
    candidates: tuple[str, ...]
    must_change: frozenset[str]
    violations: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.must_change)


def step_item_id(item: CurveItem, number: int) -> str:
    """The store's item id of one step (``kantor-…-langkah1``)."""
    return f"{item.item_id}-langkah{number}"


def steps(item: CurveItem, *, lang=None) -> list[CurveStep]:
    """The changes of the answer, one group (old predicate -> new predicate) per step, best first.

    Examples
    --------
    >>> from kinerja_sim.training.trainee import trainee_seed
    >>> item = make_item(rng=trainee_seed("Budi"))
    >>> [(step.old, step.new, step.count) for step in steps(item)]
    [('Baik', 'Butuh Perbaikan', 2)]
    """
    old = item.table.set_index("employee_id")["predicate"]
    groups = {}
    for employee in item.must_change:
        groups.setdefault((old[employee], item.new_predicates[employee]), set()).add(employee)
    order = sorted(groups, key=lambda pair: (PREDICATES.index(pair[0]), PREDICATES.index(pair[1])))
    current = old.copy()
    result = []
    for number, (before, after) in enumerate(order, start=1):
        check = _rule_set().check_curve(
            current.to_numpy(), organisation=item.organisation, lang=lang
        )
        candidates = tuple(e for e in item.table["employee_id"] if current[e] == before)
        result.append(
            CurveStep(
                number,
                len(order),
                before,
                after,
                candidates,
                frozenset(groups[(before, after)]),
                tuple(check.violations),
            )
        )
        current[list(groups[(before, after)])] = after
    return result


def check_step(item: CurveItem, number: int, selected, *, lang=None) -> Feedback:
    """Check the employees ticked in step ``number`` (1-based) against the rule set's answer.

    Returns
    -------
    Feedback
        ``correct`` when the ticked employees are exactly those of the answer; ``score`` =
        shared / either (Jaccard); details name the missed and needless employees and, when
        right, the next step or that the curve now holds.
    """
    all_steps = steps(item, lang=lang)
    if not 1 <= int(number) <= len(all_steps):
        raise ValueError(f"number must be between 1 and {len(all_steps)}, got {number!r}")
    step = all_steps[int(number) - 1]
    if isinstance(selected, str) or not all(isinstance(s, str) for s in selected):
        raise TypeError("selected must be a collection of employee ids")
    selected = frozenset(selected)
    if not selected:
        raise ValueError(t("exercises.curve.choose", lang))
    outside = selected - set(step.candidates)
    if outside:
        names = item.table.set_index("employee_id")["name"]
        raise ValueError(
            t(
                "exercises.curve.not_in_group",
                lang,
                old=step.old,
                names=", ".join(str(names.get(e, e)) for e in sorted(outside)),
            )
        )
    names = item.table.set_index("employee_id")["name"]
    order = list(step.candidates)
    details = [
        *(
            t("exercises.curve.missed", lang, name=names[e], old=step.old, new=step.new)
            for e in sorted(step.must_change - selected, key=order.index)
        ),
        *(
            t("exercises.curve.needless", lang, name=names[e], old=step.old)
            for e in sorted(selected - step.must_change, key=order.index)
        ),
    ]
    score = len(selected & step.must_change) / len(selected | step.must_change)
    if selected == step.must_change:
        key = (
            "exercises.curve.step_next" if step.number < step.total else "exercises.curve.all_done"
        )
        details.append(t(key, lang, number=step.number + 1, organisation=item.organisation))
        return Feedback(
            True,
            1.0,
            t("exercises.curve.step_correct", lang, count=step.count, old=step.old, new=step.new),
            tuple(details),
        )
    return Feedback(
        False,
        round(score, 3),
        t(
            "exercises.curve.step_partly",
            lang,
            right=len(selected & step.must_change),
            total=step.count,
            old=step.old,
            new=step.new,
        ),
        tuple(details),
    )
