"""The distribution curve (kurva distribusi) of employee predicates under an organisation predicate.

PermenPAN-RB 6/2022 sets the organisation predicate first; it bounds how many employees of
the unit may hold each predicate (MEDIUM, SPEC 2.1). A :class:`Curve` holds those limits as
data; :meth:`Curve.check` reports violations in Bahasa Indonesia and
:meth:`Curve.enforce` changes the fewest employees, by their rank, to meet them.

Notes
-----
How shares of a small team round is not fixed by any source (ASSUMPTION, configurable):
by default a maximum is ``floor(share × n)`` and a minimum ``ceil(share × n)``, both strict.
Enforcement solves, per distinct (organisation, counts) pair, a tiny integer programme on
the 5 × 5 table of moves between predicates: first the fewest employees left outside the
limits (0 when a distribution exists), then the fewest changed employees, then the fewest
steps on the ladder, then moves down rather than up. Within a predicate the lowest-ranked
employees move down and the highest-ranked move up; rank ties follow the tie-break rule.

The programme is solved only for keys nothing faster can prove (:mod:`._curve_fast`): a
closed form decides every key of the "Istimewa" and "Baik" curves and single violations of
the others; a simplex run on all remaining keys at once decides every key of a curve whose
limits share no predicate (a network flow, so its optimum is whole). Both give moves with
the programme's objective value; where several optima tie they may pick another one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_choice, check_rng
from kinerja_sim.rules._common import PREDICATES, codes
from kinerja_sim.rules._curve_fast import disjoint, fast_flows, holds, simplex_flows
from kinerja_sim.rules.quota import ROUNDING, quota

__all__ = ["Curve", "CurveCheck", "CurveEnforcement", "Limit", "quota"]

TIE_BREAKS = ("order", "random")
_K = len(PREDICATES)


@dataclass(frozen=True)
class Limit:
    """One limit of a curve: predicates, ``kind`` ("max" or "min"), ``share`` (0–1) and/or
    ``min_count``.
    """

    predicates: tuple[str, ...]
    kind: str
    share: float | None = None
    min_count: int = 0

    @property
    def mask(self) -> np.ndarray:
        return np.isin(np.array(PREDICATES), self.predicates)

    def bound(self, n: int, rounding: dict) -> int:
        """The count this limit allows (max) or requires (min) in a team of ``n``."""
        if self.kind == "max":
            return quota(self.share, n, rounding["maximum"])
        from_share = quota(self.share, n, rounding["minimum"]) if self.share is not None else 0
        return max(from_share, self.min_count) if n > 0 else 0

    def message(self, count: int, n: int, bound: int, lang=None) -> str:
        fields = dict(
            predicates=" atau ".join(self.predicates),
            count=count,
            n=n,
            bound=bound,
            pct=f"{100 * count / n:.0f}%" if n else "0%",
        )
        if self.kind == "max":
            return t("rules.curve.max", lang, limit=f"{100 * self.share:g}%", **fields)
        if self.share is None:
            return t("rules.curve.min_count", lang, **fields)
        return t("rules.curve.min", lang, limit=f"{100 * self.share:g}%", **fields)


@dataclass(frozen=True)
class CurveCheck:
    """Result of :meth:`Curve.check`: ``ok``, ``violations`` (readable text), ``feasible``."""

    ok: bool
    violations: tuple[str, ...]
    organisation: str
    n: int
    feasible: bool
    rows: tuple[dict, ...] = field(repr=False, default=())

    def to_frame(self) -> pd.DataFrame:
        """One row per limit: organisation, predicates, limit, share, bound, count, n, ok."""
        columns = ["organisation", "predicates", "limit", "share", "bound", "count", "n", "ok"]
        return pd.DataFrame(list(self.rows), columns=columns)


@dataclass(frozen=True)
class CurveEnforcement:
    """Result of :meth:`Curve.enforce`: new ``predicates``, ``changed`` flags, ``feasible``,
    ``check``.
    """

    predicates: pd.Series
    changed: pd.Series
    feasible: bool
    check: CurveCheck

    @property
    def n_changed(self) -> int:
        return int(self.changed.sum())


class Curve:
    """The limits per organisation predicate, the rounding rule and the tie-break rule.

    Parameters
    ----------
    organisations : dict
        Organisation predicate -> list of :class:`Limit`.
    rounding : dict
        ``{"maximum": "floor"|"round"|"ceil", "minimum": ...}``.
    tie_break : {"order", "random"}
        How employees with the same rank score are ordered.
    """

    def __init__(self, organisations: dict, rounding: dict, tie_break: str = "order"):
        self.organisations = {org: tuple(limits) for org, limits in organisations.items()}
        self.rounding = {
            key: check_choice(f"rounding.{key}", rounding[key], ROUNDING)
            for key in ("maximum", "minimum")
        }
        self.tie_break = check_choice("tie_break", tie_break, TIE_BREAKS)

    @classmethod
    def from_spec(cls, spec: dict) -> Curve:
        organisations = {
            org: [
                Limit(
                    tuple(item["predicates"]),
                    "max" if "max" in item else "min",
                    item.get("max", item.get("min")),
                    int(item.get("min_count", 0)),
                )
                for item in limits
            ]
            for org, limits in spec["organisations"].items()
        }
        return cls(organisations, spec["rounding"], spec["tie_break"]["method"])

    def limits(self, organisation: str) -> tuple[Limit, ...]:
        check_choice("organisation", organisation, self.organisations)
        return self.organisations[organisation]

    def check(self, predicates, *, organisation: str, lang=None) -> CurveCheck:
        """Check the predicates of one unit against the curve of ``organisation``."""
        counts = np.bincount(codes(predicates, PREDICATES, "predicates"), minlength=_K)
        limits, n = self.limits(organisation), int(counts.sum())
        rows, violations = [], []
        for limit in limits:
            count, bound = int(counts[limit.mask].sum()), limit.bound(n, self.rounding)
            ok = count <= bound if limit.kind == "max" else count >= bound
            rows.append(
                dict(
                    organisation=organisation,
                    predicates=" atau ".join(limit.predicates),
                    limit=limit.kind,
                    share=limit.share,
                    bound=bound,
                    count=count,
                    n=n,
                    ok=ok,
                )
            )
            if not ok:
                violations.append(limit.message(count, n, bound, lang))
        feasible = not violations or bool(self._key_flows(organisation, counts[None, :])[1][0])
        if not feasible:
            violations.append(t("rules.curve.infeasible", lang, n=n, organisation=organisation))
        return CurveCheck(not violations, tuple(violations), organisation, n, feasible, tuple(rows))

    def enforce(
        self, predicates, rank, *, organisation: str, tie_break=None, rng=None
    ) -> CurveEnforcement:
        """Change the fewest employees of one unit, by rank, so that the curve holds."""
        index = (
            predicates.index
            if isinstance(predicates, pd.Series)
            else pd.RangeIndex(len(predicates))
        )
        frame = pd.DataFrame(
            {
                "unit": 0,
                "predicate": np.asarray(predicates, dtype=object),
                "rank": np.asarray(rank, dtype=float),
                "organisation": organisation,
            }
        )
        out = self.enforce_by(frame, by="unit", tie_break=tie_break, rng=rng)
        new = pd.Series(out["enforced_predicate"].to_numpy(), index=index, name="predicate")
        changed = pd.Series(out["changed"].to_numpy(), index=index, name="changed")
        return CurveEnforcement(
            new,
            changed,
            bool(out["curve_feasible"].iloc[0]) if len(out) else True,
            self.check(new, organisation=organisation),
        )

    def enforce_by(
        self,
        frame: pd.DataFrame,
        *,
        by="office_id",
        predicate="predicate",
        rank="rank",
        organisation="organisation",
        tie_break=None,
        rng=None,
    ) -> pd.DataFrame:
        """Enforce the curve in every group of ``frame`` at once (vectorised; no loop per employee).

        Returns a copy of ``frame`` with ``enforced_predicate``, ``changed`` and
        ``curve_feasible`` (whether the group's curve could be met) added.
        """
        group = pd.factorize(frame[by])[0]
        cat = _codes(frame[predicate], predicate)
        org_codes, org_names = pd.factorize(frame[organisation])
        if (pd.Series(org_codes).groupby(group).nunique() > 1).any():
            raise ValueError(f"{organisation} must be the same for every employee of one {by}")
        groups = group.max() + 1 if len(group) else 0
        counts = np.bincount(group * _K + cat, minlength=groups * _K).reshape(groups, _K)
        group_org = np.zeros(groups, dtype=np.int64)
        group_org[group] = org_codes
        flows, feasible = self._group_flows(counts, group_org, list(org_names))
        tie = self._tie_order(len(cat), tie_break or self.tie_break, rng)
        new = cat.copy()
        moving = np.flatnonzero(flows[group, cat, cat] < counts[group, cat])
        position = self._positions(
            group[moving], cat[moving], frame[rank].to_numpy(dtype=float)[moving], tie[moving]
        )
        cum = np.cumsum(flows, axis=2)[group[moving], cat[moving]]
        new[moving] = (position[:, None] >= cum).sum(axis=1)
        out = frame.copy()
        out["enforced_predicate"] = pd.Series(np.array(PREDICATES, dtype=object)).array.take(new)
        out["changed"] = new != cat
        out["curve_feasible"] = feasible[group]
        return out

    def _group_flows(self, counts, group_org, org_names):
        keys, inverse = np.unique(np.column_stack([group_org, counts]), axis=0, return_inverse=True)
        flows = np.empty((len(keys), _K, _K), dtype=np.int64)
        feasible = np.ones(len(keys), dtype=bool)
        for code in np.unique(keys[:, 0]):
            rows = np.flatnonzero(keys[:, 0] == code)
            flows[rows], feasible[rows] = self._key_flows(org_names[code], keys[rows, 1:])
        return flows[inverse.ravel()], feasible[inverse.ravel()]

    def _key_flows(self, organisation: str, counts: np.ndarray):
        """Moves for many count vectors of one organisation, and whether each meets every limit.

        The closed form decides what it can, the simplex (curves whose limits share no
        predicate) the rest, and the integer programme whatever both leave.
        """
        limits = self.limits(organisation)
        flows, decided = fast_flows(limits, counts, self.rounding)
        feasible = np.ones(len(counts), dtype=bool)
        rest = np.flatnonzero(~decided)
        if len(rest) and disjoint(limits):
            more, done = simplex_flows(limits, counts[rest], self.rounding)
            flows[rest[done]] = more[done]
            feasible[rest[done]] = holds(limits, more[done].sum(axis=1), self.rounding)
            rest = rest[~done]
        for i in rest:
            flows[i], feasible[i] = self._solve(organisation, tuple(int(c) for c in counts[i]))
        return flows, feasible

    @staticmethod
    def _tie_order(size, tie_break, rng):
        """Rank of each employee among equal rank scores: listed order, or a random permutation of
        all.
        """
        check_choice("tie_break", tie_break, TIE_BREAKS)
        return check_rng(rng).permutation(size) if tie_break == "random" else np.arange(size)

    @staticmethod
    def _positions(group, cat, rank, tie):
        """Position of each employee within its (group, predicate), best rank first."""
        rank = np.where(np.isnan(rank), -np.inf, rank)
        key = group * _K + cat
        order = np.argsort(tie, kind="stable") if (np.diff(tie) < 0).any() else np.arange(len(tie))
        order = order[np.argsort(-rank[order], kind="stable")]
        order = order[np.argsort(key[order], kind="stable")]
        key = key[order]
        start = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        first = np.repeat(start, np.diff(np.r_[start, len(key)]))
        position = np.empty(len(rank), dtype=np.int64)
        position[order] = np.arange(len(rank)) - first
        return position

    def _solve(self, organisation: str, counts: tuple) -> tuple[np.ndarray, bool]:
        return _solve(
            self.limits(organisation), self.rounding["maximum"], self.rounding["minimum"], counts
        )


def _codes(labels, name):
    """Ladder position of each predicate label (factorised in C; :func:`codes` names an unknown
    label).
    """
    target = labels if isinstance(labels, pd.Series) else np.asarray(labels, dtype=object).ravel()
    found, uniques = pd.factorize(target)
    ladder = pd.Index(PREDICATES).get_indexer(uniques)
    if (found < 0).any() or (ladder < 0).any():
        return codes(labels, PREDICATES, name)
    return ladder[found].astype(np.int64)


@lru_cache(maxsize=65536)
def _solve(limits, round_max, round_min, counts):
    """Moves (5 × 5, row = from, column = to, diagonal = stay) and whether every limit holds."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    n_c = np.array(counts)
    n = int(n_c.sum())
    pairs = [(c, d) for c in range(_K) for d in range(_K) if c != d]
    rounding = {"maximum": round_max, "minimum": round_min}
    rows, lower, upper = [], [], []
    for c in range(_K):  # nobody leaves a predicate twice
        rows.append([1.0 if a == c else 0.0 for a, _ in pairs] + [0.0] * len(limits))
        lower.append(0.0), upper.append(float(n_c[c]))
    for j, limit in enumerate(limits):
        mask, bound = limit.mask, limit.bound(n, rounding)
        coef = [float(mask[d] and not mask[c]) - float(mask[c] and not mask[d]) for c, d in pairs]
        slack = [0.0] * len(limits)
        slack[j] = -1.0 if limit.kind == "max" else 1.0
        rows.append(coef + slack)
        have = float(n_c[mask].sum())
        lower.append(-np.inf if limit.kind == "max" else bound - have)
        upper.append(bound - have if limit.kind == "max" else np.inf)
    change = 10.0 * (n + 1)
    move_cost = [change + abs(c - d) + (0.5 if d < c else 0.0) for c, d in pairs]
    cost = np.array(move_cost + [(change + 5.0) * (n + 1)] * len(limits))
    result = milp(
        cost,
        constraints=LinearConstraint(np.array(rows), lower, upper),
        integrality=np.ones(len(cost)),
        bounds=Bounds(0, np.inf),
        options={"mip_rel_gap": 0.0},
    )
    if not result.success:  # pragma: no cover - the programme always has a solution
        raise RuntimeError(f"curve enforcement failed: {result.message}")
    x = np.round(result.x).astype(np.int64)
    flows = np.zeros((_K, _K), dtype=np.int64)
    for (c, d), value in zip(pairs, x[: len(pairs)]):
        flows[c, d] = value
    flows[np.arange(_K), np.arange(_K)] = n_c - flows.sum(axis=1)
    return flows, bool(x[len(pairs) :].sum() == 0)
