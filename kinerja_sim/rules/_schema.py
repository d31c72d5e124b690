"""Validation of a rule-set description: every problem named by its field path and what was
expected.

:func:`validate` never raises on bad content: it returns the list of problems, each a line
such as ``predicate_matrix.cells.Sesuai Ekspektasi.Di Atas Ekspektasi: expected one of
'Sangat Baik', ...; it is missing``. :func:`kinerja_sim.rules.load` refuses a description
with problems, and ``kinerja-sim rules check FILE`` prints them.
"""

from __future__ import annotations

import numbers

import numpy as np

from kinerja_sim.rules._common import ORGANISATION_PREDICATES, PREDICATES, RATINGS
from kinerja_sim.rules.curve import TIE_BREAKS
from kinerja_sim.world.dimensions import BERAKHLAK

__all__ = ["REGIMES", "validate"]

REGIMES = ("permenpanrb-6-2022", "pp-30-2019", "pp-46-2011")
CONFIDENCE = ("HIGH", "MEDIUM", "ASSUMPTION")
ROUNDING = ("floor", "round", "ceil")
BETWEEN_BANDS = ("up", "down", "nearest")
_TOLERANCE = 1e-9


def _choices(values) -> str:
    return "one of " + ", ".join(map(repr, values))


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and np.isfinite(value)


class _Checker:
    """Collects problems while walking a description."""

    def __init__(self):
        self.problems: list[str] = []

    def add(self, path: str, expected: str, got=None, missing=False) -> None:
        tail = "it is missing" if missing else f"got {got!r}"
        self.problems.append(f"{path}: expected {expected}; {tail}")

    def mapping(self, parent: dict, key: str, path: str, rule_block=False):
        if not isinstance(parent, dict):
            return None
        if key not in parent:
            self.add(path, "a mapping", missing=True)
            return None
        value = parent[key]
        if not isinstance(value, dict):
            self.add(path, "a mapping", value)
            return None
        if rule_block and value.get("confidence") not in CONFIDENCE:
            self.add(
                f"{path}.confidence",
                _choices(CONFIDENCE),
                value.get("confidence"),
                missing="confidence" not in value,
            )
        return value

    def number(self, parent: dict, key: str, path: str, minimum=None, maximum=None):
        if not isinstance(parent, dict):
            return None
        if key not in parent:
            self.add(path, "a number", missing=True)
            return None
        value = parent[key]
        low = minimum is None or (_is_number(value) and value >= minimum)
        high = maximum is None or (_is_number(value) and value <= maximum)
        if not (_is_number(value) and low and high):
            bounds = (
                ""
                if minimum is None and maximum is None
                else f" from {minimum} to {maximum}"
                if minimum is not None and maximum is not None
                else f" of at least {minimum}"
                if minimum is not None
                else f" of at most {maximum}"
            )
            self.add(path, f"a number{bounds}", value)
            return None
        return float(value)

    def choice(self, parent: dict, key: str, path: str, choices):
        if isinstance(parent, dict) and parent.get(key) not in choices:
            self.add(path, _choices(choices), parent.get(key), missing=key not in parent)


def validate(spec) -> list[str]:
    """Problems of a rule-set description (a mapping as read from YAML); empty when valid.

    Examples
    --------
    >>> validate({"name": "x", "regime": "pp-99", "sources": ["-"]})
    ["regime: expected one of 'permenpanrb-6-2022', 'pp-30-2019', 'pp-46-2011'; got 'pp-99'"]
    """
    check = _Checker()
    if not isinstance(spec, dict):
        check.add("(top level)", "a mapping of rule blocks (name, regime, sources, ...)", spec)
        return check.problems
    if not isinstance(spec.get("name"), str) or not spec.get("name"):
        check.add("name", "a non-empty text", spec.get("name"), missing="name" not in spec)
    sources = spec.get("sources")
    if not (isinstance(sources, list) and sources and all(isinstance(s, str) for s in sources)):
        check.add(
            "sources", "a list of the legal sources (texts)", sources, missing="sources" not in spec
        )
    check.choice(spec, "regime", "regime", REGIMES)
    {"permenpanrb-6-2022": _check_2022, "pp-30-2019": _check_2019, "pp-46-2011": _check_2011}.get(
        spec.get("regime"), lambda *_: None
    )(check, spec)
    return check.problems


def _check_thresholds(check, spec, key, low, high):
    block = check.mapping(spec, key, key, rule_block=True)
    cuts = check.mapping(block, "thresholds", f"{key}.thresholds")
    a = check.number(cuts, "sesuai", f"{key}.thresholds.sesuai", low, high)
    b = check.number(cuts, "di_atas", f"{key}.thresholds.di_atas", low, high)
    if a is not None and b is not None and not a < b:
        check.add(f"{key}.thresholds.di_atas", f"a number above sesuai ({a:g})", b)


def _check_2022(check, spec):
    _check_thresholds(check, spec, "score_to_rating", 1.0, 5.0)
    _check_thresholds(check, spec, "achievement_to_rating", 0.0, None)
    _check_matrix(check, spec)
    _check_curve(check, spec)
    ak = check.mapping(spec, "angka_kredit", "angka_kredit", rule_block=True)
    percentages = check.mapping(ak, "percentages", "angka_kredit.percentages")
    for label in PREDICATES if percentages is not None else ():
        check.number(percentages, label, f"angka_kredit.percentages.{label}", 0.0)
    _unknown_keys(check, percentages, PREDICATES, "angka_kredit.percentages", "predicate")
    coefficients = check.mapping(ak, "coefficients", "angka_kredit.coefficients", rule_block=True)
    values = check.mapping(coefficients, "values", "angka_kredit.coefficients.values")
    for jenjang in values or ():
        check.number(values, jenjang, f"angka_kredit.coefficients.values.{jenjang}", 0.0)
    leader = check.mapping(spec, "unit_leader", "unit_leader", rule_block=True)
    ratings = check.mapping(leader, "ratings", "unit_leader.ratings", rule_block=True)
    table = check.mapping(ratings, "values", "unit_leader.ratings.values")
    _unknown_keys(
        check,
        table,
        ORGANISATION_PREDICATES,
        "unit_leader.ratings.values",
        "organisation predicate",
    )
    for org in ORGANISATION_PREDICATES if table is not None else ():
        if table.get(org) not in RATINGS:
            check.add(
                f"unit_leader.ratings.values.{org}",
                f"a rating, {_choices(RATINGS)}",
                table.get(org),
                missing=org not in table,
            )


def _unknown_keys(check, mapping, known, path, what):
    for key in mapping or ():
        if key not in known:
            check.add(f"{path}.{key}", f"a known {what} label, {_choices(known)}", key)


def _check_matrix(check, spec):
    block = check.mapping(spec, "predicate_matrix", "predicate_matrix", rule_block=True)
    cells = check.mapping(block, "cells", "predicate_matrix.cells")
    if cells is None:
        return
    _unknown_keys(check, cells, RATINGS, "predicate_matrix.cells", "rating")
    for row in RATINGS:
        path = f"predicate_matrix.cells.{row}"
        line = check.mapping(cells, row, path)
        if line is None:
            continue
        _unknown_keys(check, line, RATINGS, path, "rating")
        for column in RATINGS:
            if line.get(column) not in PREDICATES:
                check.add(
                    f"{path}.{column}",
                    f"a predicate, {_choices(PREDICATES)}",
                    line.get(column),
                    missing=column not in line,
                )


def _check_curve(check, spec):
    curve = check.mapping(spec, "curve", "curve", rule_block=True)
    rounding = check.mapping(curve, "rounding", "curve.rounding", rule_block=True)
    check.choice(rounding, "maximum", "curve.rounding.maximum", ROUNDING)
    check.choice(rounding, "minimum", "curve.rounding.minimum", ROUNDING)
    tie = check.mapping(curve, "tie_break", "curve.tie_break", rule_block=True)
    check.choice(tie, "method", "curve.tie_break.method", TIE_BREAKS)
    organisations = check.mapping(curve, "organisations", "curve.organisations")
    if organisations is None:
        return
    _unknown_keys(
        check,
        organisations,
        ORGANISATION_PREDICATES,
        "curve.organisations",
        "organisation predicate",
    )
    for org in ORGANISATION_PREDICATES:
        path = f"curve.organisations.{org}"
        limits = organisations.get(org)
        if not isinstance(limits, list):
            check.add(
                path,
                "a list of limits ({predicates: [...], max: share} or min: / min_count:)",
                limits,
                missing=org not in organisations,
            )
            continue
        before = len(check.problems)
        for i, limit in enumerate(limits):
            _check_limit(check, limit, f"{path}[{i}]")
        if len(check.problems) == before and not _feasible(limits):
            check.add(
                path,
                "shares that can all hold together (minima within 100% and above no maximum "
                "of the same predicates)",
                _describe_limits(limits),
            )


def _check_limit(check, limit, path):
    if not isinstance(limit, dict):
        check.add(path, "a mapping {predicates: [...], max: share}", limit)
        return
    predicates = limit.get("predicates")
    if not (isinstance(predicates, list) and predicates):
        check.add(
            f"{path}.predicates",
            "a non-empty list of predicates",
            predicates,
            missing="predicates" not in limit,
        )
    else:
        for label in predicates:
            if label not in PREDICATES:
                check.add(f"{path}.predicates", f"predicates from {_choices(PREDICATES)}", label)
    kinds = [key for key in ("max", "min", "min_count") if key in limit]
    if not kinds or ("max" in kinds and len(kinds) > 1):
        check.add(path, "either max (a share), or min (a share) and/or min_count", sorted(limit))
    for key in ("max", "min"):
        if key in limit:
            check.number(limit, key, f"{path}.{key}", 0.0, 1.0)
    if "min_count" in limit and (
        not isinstance(limit["min_count"], int)
        or isinstance(limit["min_count"], bool)
        or limit["min_count"] < 0
    ):
        check.add(f"{path}.min_count", "a whole number of at least 0", limit["min_count"])
    for key in set(limit) - {
        "predicates",
        "max",
        "min",
        "min_count",
        "note",
        "confidence",
        "source",
    }:
        check.add(
            f"{path}.{key}", "only predicates, max, min, min_count, note, confidence, source", key
        )


def _feasible(limits) -> bool:
    """Whether some shares of the five predicates (summing to 1) meet every limit.

    The shares that meet the limits form a bounded polytope in the simplex; it is empty
    exactly when it has no vertex. A vertex makes five constraints tight: the sum, and four
    of the limits or of the bounds ``share >= 0``. So every choice of four is solved as a
    5 × 5 system (a few hundred at most, in one batched solve) and each solution checked
    against all constraints. This is the linear programme of ``scipy.optimize.linprog``
    (``tests/test_rules_schema.py`` compares the two), without importing SciPy's optimiser
    (half a second) whenever a rule file is loaded.
    """
    from itertools import combinations

    k = len(PREDICATES)
    rows, bounds = [], []  # constraints  rows @ p <= bounds
    for limit in limits:
        mask = np.isin(PREDICATES, limit["predicates"]).astype(float)
        if "max" in limit:
            rows.append(mask), bounds.append(float(limit["max"]))
        else:
            least = max(limit.get("min", 0.0), 1e-6 if limit.get("min_count", 0) > 0 else 0.0)
            rows.append(-mask), bounds.append(-float(least))
    rows += list(-np.eye(k)) + list(np.eye(k))  # 0 <= p <= 1
    bounds += [0.0] * k + [1.0] * k
    a, b = np.array(rows), np.array(bounds)
    choices = np.array(list(combinations(range(len(a)), k - 1)))
    systems = np.concatenate(
        [np.broadcast_to(np.ones(k), (len(choices), 1, k)), a[choices]], axis=1
    )
    targets = np.concatenate([np.ones((len(choices), 1)), b[choices]], axis=1)
    solvable = np.abs(np.linalg.det(systems)) > 1e-9
    if not solvable.any():
        return False
    points = np.linalg.solve(systems[solvable], targets[solvable][..., None])[..., 0]
    return bool(np.any(np.all(points @ a.T <= b + 1e-9, axis=1)))


def _describe_limits(limits) -> str:
    parts = []
    for limit in limits:
        what = " or ".join(limit["predicates"])
        if "max" in limit:
            parts.append(f"{what} at most {limit['max']:.0%}")
        else:
            parts.append(
                f"{what} at least {limit.get('min', 0):.0%}"
                + (f" and {limit['min_count']}" if limit.get("min_count") else "")
            )
    return "; ".join(parts)


def _check_perilaku(check, spec):
    block = check.mapping(spec, "perilaku_from_score", "perilaku_from_score", rule_block=True)
    check.number(block, "at_3", "perilaku_from_score.at_3")
    check.number(block, "per_point", "perilaku_from_score.per_point", 0.0)
    low = check.number(block, "minimum", "perilaku_from_score.minimum")
    high = check.number(block, "maximum", "perilaku_from_score.maximum")
    if low is not None and high is not None and not low < high:
        check.add("perilaku_from_score.maximum", f"a number above minimum ({low:g})", high)


def _check_weights(check, spec, variants):
    block = check.mapping(spec, "weights", "weights", rule_block=True)
    for variant in variants:
        path = f"weights.{variant}"
        weights = check.mapping(block, variant, path)
        values = [
            check.number(weights, key, f"{path}.{key}", 0.0, 1.0) for key in ("skp", "perilaku")
        ]
        if None not in values and abs(sum(values) - 1.0) > _TOLERANCE:
            check.add(
                path,
                "weights skp + perilaku that sum to 1",
                f"{values[0]:g} + {values[1]:g} = {sum(values):g}",
            )


def _check_categories(check, spec):
    block = check.mapping(spec, "categories", "categories", rule_block=True)
    levels = block.get("levels") if block is not None else None
    if not (isinstance(levels, list) and levels):
        if block is not None:
            check.add(
                "categories.levels",
                "a non-empty list of {label, min, min_inclusive}",
                levels,
                missing="levels" not in block,
            )
        return
    previous = np.inf
    for i, level in enumerate(levels):
        path = f"categories.levels[{i}]"
        if not isinstance(level, dict) or not isinstance(level.get("label"), str):
            check.add(f"{path}.label", "a text label", level)
            continue
        if i == len(levels) - 1:
            if "min" in level:
                check.add(f"{path}.min", "no min on the last (lowest) category", level["min"])
            continue
        low = check.number(level, "min", f"{path}.min")
        if low is not None and not low < previous:
            check.add(
                f"{path}.min", f"a number below the previous category's min ({previous:g})", low
            )
        previous = low if low is not None else previous


def _check_2019(check, spec):
    block = check.mapping(spec, "capaian_conversion", "capaian_conversion", rule_block=True)
    segments = block.get("segments") if block is not None else None
    if not (isinstance(segments, list) and segments):
        if block is not None:
            check.add("capaian_conversion.segments", "a non-empty list of segments", segments)
    else:
        _check_segments(check, segments)
    _check_perilaku(check, spec)
    bounds = check.mapping(spec, "capaian_bounds", "capaian_bounds", rule_block=True)
    check.number(bounds, "minimum", "capaian_bounds.minimum", 0.0)
    check.mapping(spec, "skp_from_indicators", "skp_from_indicators", rule_block=True)
    _check_weights(check, spec, ("standard", "with_360"))
    _check_categories(check, spec)
    _check_outcomes(check, spec)


def _check_segments(check, segments):
    end_value, end = None, 0.0
    for i, segment in enumerate(segments):
        path = f"capaian_conversion.segments[{i}]"
        if not isinstance(segment, dict):
            check.add(path, "a mapping {from, to, points}", segment)
            return
        start = check.number(segment, "from", f"{path}.from", 0.0)
        last = i == len(segments) - 1
        stop = None if last and "to" not in segment else check.number(segment, "to", f"{path}.to")
        points = segment.get("points")
        if not (
            isinstance(points, list)
            and len(points) == 2
            and all(
                isinstance(p, list) and len(p) == 2 and all(_is_number(v) for v in p)
                for p in points
            )
            and points[0][0] != points[1][0]
        ):
            check.add(
                f"{path}.points", "two points [capaian, nilai] with different capaian", points
            )
            return
        if start is None or (stop is None and not last):
            return
        if start != end:
            check.add(f"{path}.from", f"{end:g}, where the previous segment ends", start)
        (c0, v0), (c1, v1) = points
        slope = (v1 - v0) / (c1 - c0)
        if slope < 0 or (
            end_value is not None and v0 + slope * (start - c0) < end_value - _TOLERANCE
        ):
            check.add(
                f"{path}.points", "a line that never lowers the value as capaian rises", points
            )
        if stop is not None:
            if stop <= start:
                check.add(f"{path}.to", f"a number above from ({start:g})", stop)
            end_value, end = v0 + slope * (stop - c0), stop


def _check_2011(check, spec):
    block = check.mapping(spec, "aspects", "aspects", rule_block=True)
    check.number(block, "factor", "aspects.factor", 1.0)
    check.number(block, "efficiency_break", "aspects.efficiency_break", 0.0, 100.0)
    bounds = check.mapping(spec, "aspect_bounds", "aspect_bounds", rule_block=True)
    low = check.number(bounds, "minimum", "aspect_bounds.minimum")
    high = check.number(bounds, "maximum", "aspect_bounds.maximum")
    if low is not None and high is not None and not low < high:
        check.add("aspect_bounds.maximum", f"a number above minimum ({low:g})", high)
    check.mapping(spec, "indicator_mapping", "indicator_mapping", rule_block=True)
    creative = check.mapping(spec, "kreativitas", "kreativitas", rule_block=True)
    values = check.mapping(creative, "values", "kreativitas.values")
    for key in values or ():
        check.number(values, key, f"kreativitas.values.{key}", 0.0)
    _check_behaviour(check, spec)
    extra = check.mapping(spec, "tugas_tambahan", "tugas_tambahan", rule_block=True)
    bonus = extra.get("bonus") if extra is not None else None
    if extra is not None and not (
        isinstance(bonus, list)
        and all(
            isinstance(b, dict) and isinstance(b.get("from"), int) and _is_number(b.get("value"))
            for b in bonus
        )
    ):
        check.add(
            "tugas_tambahan.bonus", "a list of {from: whole number of tasks, value: number}", bonus
        )
    elif extra is not None and [b["from"] for b in bonus] != sorted({b["from"] for b in bonus}):
        check.add(
            "tugas_tambahan.bonus", "rows in increasing order of from", [b["from"] for b in bonus]
        )
    _check_perilaku(check, spec)
    _check_weights(check, spec, ("standard",))
    _check_categories(check, spec)
    between = check.mapping(spec, "between_bands", "between_bands", rule_block=True)
    check.choice(between, "rule", "between_bands.rule", BETWEEN_BANDS)
    _check_outcomes(check, spec)


def _check_behaviour(check, spec):
    block = check.mapping(spec, "perilaku", "perilaku", rule_block=True)
    aspects = block.get("aspects") if block is not None else None
    if block is not None and not (
        isinstance(aspects, list)
        and aspects
        and all(isinstance(a, str) for a in aspects)
        and len(set(aspects)) == len(aspects)
    ):
        check.add(
            "perilaku.aspects",
            "a list of distinct aspect names",
            aspects,
            missing="aspects" not in block,
        )
        return
    if block is None:
        return
    only = block.get("structural_only", [])
    if not (isinstance(only, list) and set(only) <= set(aspects) and len(only) < len(aspects)):
        check.add("perilaku.structural_only", "a list of some of perilaku.aspects", only)
    low = check.number(block, "minimum", "perilaku.minimum")
    high = check.number(block, "maximum", "perilaku.maximum")
    if low is not None and high is not None and not low < high:
        check.add("perilaku.maximum", f"a number above minimum ({low:g})", high)
    mapping = check.mapping(spec, "berakhlak_mapping", "berakhlak_mapping", rule_block=True)
    table = check.mapping(mapping, "aspects", "berakhlak_mapping.aspects")
    if table is None:
        return
    for aspect in aspects:
        values = table.get(aspect)
        if not (isinstance(values, list) and values and all(v in BERAKHLAK for v in values)):
            check.add(
                f"berakhlak_mapping.aspects.{aspect}",
                f"a list of BerAKHLAK values from {_choices(BERAKHLAK)}",
                values,
                missing=aspect not in table,
            )
    _unknown_keys(check, table, aspects, "berakhlak_mapping.aspects", "perilaku aspect")


def _check_outcomes(check, spec):
    block = check.mapping(spec, "outcomes", "outcomes", rule_block=True)
    table = check.mapping(block, "categories", "outcomes.categories")
    levels = (
        spec.get("categories", {}).get("levels")
        if isinstance(spec.get("categories"), dict)
        else None
    )
    labels = (
        [level.get("label") for level in levels if isinstance(level, dict)]
        if isinstance(levels, list)
        else []
    )
    if table is None:
        return
    _unknown_keys(check, table, labels, "outcomes.categories", "category")
    for label in labels:
        path = f"outcomes.categories.{label}"
        row = check.mapping(table, label, path)
        if row is None:
            continue
        if row.get("predicate_2022") not in PREDICATES:
            check.add(
                f"{path}.predicate_2022",
                f"a predicate, {_choices(PREDICATES)}",
                row.get("predicate_2022"),
                missing="predicate_2022" not in row,
            )
        check.number(row, "angka_kredit", f"{path}.angka_kredit", 0.0)
        check.number(row, "tpp", f"{path}.tpp", 0.0)
