"""Exercise 04_terapkan_kurva: which employees must change predicate so the office meets the curve?

An office of the trainee's world, with the predicates its supervisors gave (Rating Hasil
Kerja from the Hasil Kerja score, Rating Perilaku Kerja from the mean of the seven BerAKHLAK
scores, then the predicate matrix: :mod:`kinerja_sim.rules`). The distribution curve of the
office's organisation predicate does not hold; the trainee picks the employees whose
predicate must change. The answer is :meth:`PermenPANRB2022.enforce_curve`, which changes the
fewest employees by rank (rank = Hasil Kerja score + Perilaku Kerja score, ASSUMPTION of the
exercise). Score = overlap of the trainee's choice with the answer (Jaccard: shared / either).

Ties are no error. Among employees with the same predicate and the same combined score the
rule set breaks the tie by the order of its list (``tie_break.method: order`` in
``permenpanrb-6-2022.yaml``): a modelling choice the trainee cannot see and the regulation
does not make. So a choice is right when, for every predicate and combined score, it moves
as many employees as the answer does (:func:`tied_equivalent`); the feedback names the
employees among whom any choice was equally right.

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
from kinerja_sim._core.format import number as fmt_number
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
    "item_from_table",
    "make_item",
    "office_table",
    "step_item_id",
    "steps",
    "tied_equivalent",
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
    """The organisation predicates, the office's own first, under which the curve fails but can
    hold.
    """
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
            return item_from_table(
                table,
                organisation,
                item_id=f"kantor-{office['office_id']}",
                office_name=office["name"],
            )
    return None


def item_from_table(
    table: pd.DataFrame, organisation: str, *, item_id: str = "kantor", office_name: str = ""
) -> CurveItem:
    """The exercise on an office ``table`` (as :func:`office_table` gives it) and organisation.

    The answer is the rule set's :meth:`PermenPANRB2022.enforce_curve` on the table's
    ``predicate`` and ``rank`` columns.
    """
    rule_set = _rule_set()
    table = table.reset_index(drop=True)
    check = rule_set.check_curve(table["predicate"], organisation=organisation)
    result = rule_set.enforce_curve(
        table["predicate"], table["rank"].to_numpy(), organisation=organisation
    )
    return CurveItem(
        item_id,
        office_name,
        organisation,
        table,
        tuple(check.violations),
        pd.Series(result.predicates.to_numpy(), index=table["employee_id"]),
        frozenset(table.loc[result.changed.to_numpy(), "employee_id"]),
    )


def _tie_keys(item: CurveItem, employees, current=None) -> dict:
    """Employee -> (predicate as it stands, combined score): employees with one key are alike."""
    table = item.table.set_index("employee_id")
    predicate = table["predicate"] if current is None else current
    return {e: (predicate[e], float(table.at[e, "rank"])) for e in employees}


def _counts(keys: dict, employees) -> dict:
    counts = {}
    for employee in employees:
        counts[keys[employee]] = counts.get(keys[employee], 0) + 1
    return counts


def tied_equivalent(item: CurveItem, selected, answer, *, pool=None, current=None) -> bool:
    """Whether ``selected`` moves as many employees of every (predicate, combined score) as
    ``answer``.

    Such a choice differs from the rule set's only among tied employees, so the curve holds
    as well and as few employees change. ``pool`` (default: the office) are the employees the
    choice may come from; ``current`` the predicates as they stand (default: as given).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"employee_id": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...                       "predicate": ["Baik"] * 3, "rank": [7.0, 6.22, 6.22]})
    >>> item = item_from_table(table, "Baik")
    >>> sorted(item.must_change), tied_equivalent(item, {"b"}, item.must_change)
    (['c'], True)
    """
    selected, answer = frozenset(selected), frozenset(answer)
    pool = set(item.table["employee_id"]) if pool is None else set(pool)
    if not selected <= pool or len(selected) != len(answer):
        return False
    keys = _tie_keys(item, pool | answer, current)
    return _counts(keys, selected) == _counts(keys, answer)


def _matched(keys: dict, selected, answer) -> int:
    """How many of ``selected`` stand for one of ``answer`` (alike employees are
    interchangeable).
    """
    mine, theirs = _counts(keys, selected), _counts(keys, answer)
    return sum(min(n, theirs.get(key, 0)) for key, n in mine.items())


def _tie_notes(item, keys: dict, answer, pool, order, lang) -> list[str]:
    """One line per tied group of which the answer moves some but not all: any of them would do."""
    names = item.table.set_index("employee_id")["name"]
    notes = []
    for key, count in _counts(keys, answer).items():
        group = sorted((e for e in pool if keys.get(e) == key), key=order.index)
        if count < len(group):
            notes.append(
                t(
                    "profile.curve.tied",
                    lang,
                    names=", ".join(str(names[e]) for e in group),
                    rank=fmt_number(key[1], 2, lang=lang),
                    size=len(group),
                    count=count,
                )
            )
    return notes


def _errors(item, keys, selected, answer, order, old, new, lang) -> list[str]:
    """Missed and needless employees, leaving out swaps among tied employees."""
    names = item.table.set_index("employee_id")["name"]
    mine, theirs = _counts(keys, selected), _counts(keys, answer)
    missed, needless, tied = [], [], []
    for key in sorted(set(mine) | set(theirs), key=lambda k: -k[1]):
        extra = mine.get(key, 0) - theirs.get(key, 0)
        if extra < 0:  # the answer moves more of this kind: the unmoved ones are missed
            group = [e for e in order if keys.get(e) == key and e in answer and e not in selected]
            group += [e for e in order if keys.get(e) == key and e not in answer | selected]
            if len(group) > -extra:  # tied: any of them would do, name them all
                group.sort(key=order.index)
                tied.append(
                    t(
                        "profile.curve.missed_tied",
                        lang,
                        count=-extra,
                        rank=fmt_number(key[1], 2, lang=lang),
                        names=", ".join(str(names[e]) for e in group),
                        new=new(group[0]),
                    )
                )
            else:
                missed += group
        elif extra > 0:
            group = [e for e in order if keys.get(e) == key and e in selected and e not in answer]
            group += [e for e in order if keys.get(e) == key and e in selected & answer]
            needless += group[:extra]
    missed.sort(key=order.index)
    needless.sort(key=order.index)
    return [
        *(t("exercises.curve.missed", lang, name=names[e], old=old(e), new=new(e)) for e in missed),
        *tied,
        *(t("exercises.curve.needless", lang, name=names[e], old=old(e)) for e in needless),
    ]


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
    old = item.table.set_index("employee_id")["predicate"]
    order = list(item.table["employee_id"])
    keys = _tie_keys(item, order)
    matched = _matched(keys, selected, item.must_change)
    score = matched / (len(selected) + len(item.must_change) - matched)
    details = _errors(
        item,
        keys,
        selected,
        item.must_change,
        order,
        lambda e: old[e],
        lambda e: _new_predicate(item, keys, e),
        lang,
    )
    details += _tie_notes(item, keys, item.must_change, order, order, lang)
    details.append(
        t(
            "exercises.curve.rule",
            lang,
            organisation=item.organisation,
            violations=" ".join(item.violations),
        )
    )
    if tied_equivalent(item, selected, item.must_change):
        return Feedback(
            True, 1.0, t("exercises.curve.correct", lang, count=len(selected)), tuple(details)
        )
    return Feedback(
        False,
        round(score, 3),
        t("exercises.curve.partly", lang, right=matched, total=len(item.must_change)),
        tuple(details),
    )


def _new_predicate(item: CurveItem, keys: dict, employee: str) -> str:
    """The predicate the answer gives ``employee`` or, if it keeps theirs, one tied with them."""
    if employee in item.must_change:
        return item.new_predicates[employee]
    alike = [e for e in sorted(item.must_change) if keys.get(e) == keys[employee]]
    return item.new_predicates[alike[0]] if alike else item.new_predicates[employee]


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


def steps(item: CurveItem, *, chosen=None, lang=None) -> list[CurveStep]:
    """The changes of the answer, one group (old predicate -> new predicate) per step, best first.

    Parameters
    ----------
    chosen : dict, optional
        Step number -> the employees the trainee ticked in that step. A choice that is
        right (:func:`tied_equivalent`, tied employees swapped) replaces the rule set's in
        the predicates the later steps start from, so their groups are the trainee's.

    Examples
    --------
    >>> from kinerja_sim.training.trainee import trainee_seed
    >>> item = make_item(rng=trainee_seed("Budi"))
    >>> [(step.old, step.new, step.count) for step in steps(item)]
    [('Baik', 'Butuh Perbaikan', 2)]
    """
    chosen = {} if chosen is None else {int(k): frozenset(v) for k, v in chosen.items()}
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
        answer = frozenset(groups[(before, after)])
        result.append(
            CurveStep(
                number, len(order), before, after, candidates, answer, tuple(check.violations)
            )
        )
        mine = chosen.get(number)
        right = mine is not None and tied_equivalent(
            item, mine, answer, pool=candidates, current=current
        )
        current[list(mine if right else answer)] = after
    return result


def check_step(item: CurveItem, number: int, selected, *, chosen=None, lang=None) -> Feedback:
    """Check the employees ticked in step ``number`` (1-based) against the rule set's answer.

    A choice that swaps employees with the same combined score for those of the answer is
    right too (:func:`tied_equivalent`); the details then say among whom any choice would do.
    ``chosen`` holds the trainee's earlier steps (as in :func:`steps`).

    Returns
    -------
    Feedback
        ``correct`` when the ticked employees are those of the answer up to ties; ``score`` =
        shared / either (Jaccard, tied employees interchangeable); details name the missed
        and needless employees, the tied groups and, when right, the next step or that the
        curve now holds.
    """
    all_steps = steps(item, chosen=chosen, lang=lang)
    if not 1 <= int(number) <= len(all_steps):
        raise ValueError(f"number must be between 1 and {len(all_steps)}, got {number!r}")
    step = all_steps[int(number) - 1]
    if isinstance(selected, str) or not all(isinstance(s, str) for s in selected):
        raise TypeError("selected must be a collection of employee ids")
    selected = frozenset(selected)
    if not selected:
        raise ValueError(t("exercises.curve.choose", lang))
    names = item.table.set_index("employee_id")["name"]
    outside = selected - set(step.candidates)
    if outside:
        raise ValueError(
            t(
                "exercises.curve.not_in_group",
                lang,
                old=step.old,
                names=", ".join(str(names.get(e, e)) for e in sorted(outside)),
            )
        )
    order = list(step.candidates)
    keys = _tie_keys(item, order, pd.Series(step.old, index=order))
    matched = _matched(keys, selected, step.must_change)
    score = matched / (len(selected) + len(step.must_change) - matched)
    details = _errors(
        item,
        keys,
        selected,
        step.must_change,
        order,
        lambda _e: step.old,
        lambda _e: step.new,
        lang,
    )
    details += _tie_notes(item, keys, step.must_change, order, order, lang)
    if matched == len(selected) == step.count:
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
            right=matched,
            total=step.count,
            old=step.old,
            new=step.new,
        ),
        tuple(details),
    )
