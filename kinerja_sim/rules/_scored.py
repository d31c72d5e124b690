"""What the score-based regimes (PP 46/2011, PP 30/2019) share: weights, categories, outcomes.

Both combine a SKP value and a perilaku value into a final value with fixed weights, name
the final value by a category, and (ASSUMPTION, ``outcomes`` block of the rule file) let
each category stand for a PermenPAN-RB 6/2022 predicate for angka kredit and TPP.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim.rules._common import PREDICATES, RuleSet, as_array, codes, unwrap

__all__ = ["ScoredRegime", "check_range", "floats", "labels_of"]

_EPS = 1e-9  # float noise, e.g. 0.6 * 85 + 0.4 * 97.5 = 89.99999999999999


def floats(values) -> np.ndarray:
    """``values`` (scalar, list, array or Series) as a float numpy array, without copying arrays."""
    if isinstance(values, pd.Series):
        return values.to_numpy(dtype=float)
    array = np.asarray(values)
    return array if array.dtype.kind == "f" else array.astype(float)


def labels_of(category: np.ndarray, labels) -> np.ndarray:
    """Category codes (positions in ``labels``, −1 for NaN) as text, None where the code is −1."""
    out = np.asarray(labels, dtype=object)[np.maximum(category, 0)]
    out[category < 0] = None
    return out


def check_range(name: str, values, low: float, high: float) -> np.ndarray:
    """``values`` as floats; a ValueError names ``name`` and the first value outside [low, high].

    NaN passes (it means "not scored"); infinity and values outside the bounds do not.
    """
    array = floats(values)
    bad = ~(np.isnan(array) | ((array >= low) & (array <= high)))
    if np.any(bad):
        raise ValueError(
            f"{name} must be a number from {low:g} to {high:g} (or NaN for not scored), "
            f"got {array[bad].ravel()[0]!r}"
        )
    return array


class ScoredRegime(RuleSet):
    """Base of PP 46/2011 and PP 30/2019: perilaku from a 1–5 score, weights, categories,
    outcomes.
    """

    #: Bounds of the SKP and perilaku values accepted by ``final_value``; set by subclasses.
    skp_range = (0.0, np.inf)
    perilaku_range = (0.0, np.inf)

    def __init__(self, spec: dict):
        super().__init__(spec)
        self.perilaku_map = {
            k: float(spec["perilaku_from_score"][k])
            for k in ("at_3", "per_point", "minimum", "maximum")
        }
        self.weights = {
            variant: (float(w["skp"]), float(w["perilaku"]))
            for variant, w in spec["weights"].items()
            if isinstance(w, dict)
        }
        self.levels = tuple(spec["categories"]["levels"])
        #: Category labels, best first (the order of ``category_codes``).
        self.labels = tuple(level["label"] for level in self.levels)
        self._mins = np.array([float(level["min"]) for level in self.levels[:-1]])
        self._inclusive = np.array([level.get("min_inclusive", True) for level in self.levels[:-1]])
        self._needs_idea = np.array(
            [level.get("requires_new_idea", False) for level in self.levels[:-1]]
        )
        self.between_bands = spec.get("between_bands", {}).get("rule")
        table = spec.get("outcomes", {}).get("categories", {})
        self.outcomes = {label: dict(table[label]) for label in self.labels if label in table}

    def perilaku_from_score(self, score):
        """Perilaku value of a score on 1–5: ``at_3 + per_point × (score − 3)``, clipped
        (ASSUMPTION).

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rules.load("pp-46-2011").perilaku_from_score([1.0, 3.0, 4.5, 5.0]).tolist()
        [60.0, 80.0, 95.0, 100.0]
        """
        m = self.perilaku_map
        values = floats(score)
        return unwrap(
            np.clip(m["at_3"] + m["per_point"] * (values - 3.0), m["minimum"], m["maximum"]), score
        )

    def _final(self, skp, perilaku, variant):
        w_skp, w_perilaku = self.weights[variant]
        a = check_range("skp", skp, *self.skp_range)
        b = check_range("perilaku", perilaku, *self.perilaku_range)
        return unwrap(w_skp * a + w_perilaku * b, skp, perilaku)

    def category_codes(self, value, new_idea=False) -> np.ndarray:
        """Position of each value's category in ``labels`` (0 = best); −1 for NaN. Vectorised.

        Parameters
        ----------
        value : array-like of float, any shape
        new_idea : bool or array-like of bool, broadcast to ``value``
            Only for a category that requires a new idea (PP 30/2019 Sangat Baik).

        Returns
        -------
        numpy.ndarray of int8, the shape of ``value``
        """
        values = floats(value)
        if self.between_bands == "up":
            values = np.ceil(values - _EPS)
        elif self.between_bands == "down":
            values = np.floor(values + _EPS)
        elif self.between_bands == "nearest":
            values = np.floor(values + 0.5 + _EPS)
        else:
            values = values + _EPS
        idea = np.broadcast_to(np.asarray(new_idea, dtype=bool), values.shape)
        out = np.full(values.shape, len(self.levels) - 1, dtype=np.int8)
        for i in range(len(self._mins) - 1, -1, -1):  # best last, so it wins
            hit = values >= self._mins[i] if self._inclusive[i] else values > self._mins[i] + _EPS
            if self._needs_idea[i]:
                hit = hit & idea
            out[hit] = i
        out[np.isnan(values)] = -1
        return out

    def _category(self, value, new_idea=False):
        values, back = as_array(value)
        found = self.category_codes(values, new_idea)
        out = np.asarray(self.labels, dtype=object)[np.maximum(found, 0)]
        out[found < 0] = None
        return back(out)

    def outcome_table(self) -> pd.DataFrame:
        """The ``outcomes`` block as a table: one row per category (ASSUMPTION).

        Columns ``category``, ``predicate_2022`` (the PermenPAN-RB 6/2022 predicate of the
        same rank), ``angka_kredit`` (share of the annual coefficient) and ``tpp`` (share of
        the base TPP, example values).
        """
        rows = [
            {"category": label, **self.outcomes[label]}
            for label in self.labels
            if label in self.outcomes
        ]
        return pd.DataFrame(rows, columns=["category", "predicate_2022", "angka_kredit", "tpp"])

    def _outcome(self, category, key):
        found = codes(category, self.labels, "category")
        table = np.array([float(self.outcomes[label][key]) for label in self.labels])
        _, back = as_array(category, dtype=object)
        return back(table[found])

    def angka_kredit_percentage(self, category):
        """Share of the annual angka kredit coefficient for each category (ASSUMPTION,
        ``outcomes``).
        """
        return self._outcome(category, "angka_kredit")

    def tpp_share(self, category):
        """Share of the base TPP paid for each category (ASSUMPTION, example values of
        ``outcomes``).
        """
        return self._outcome(category, "tpp")

    def predicate_2022(self, category):
        """The PermenPAN-RB 6/2022 predicate that stands for each category (ASSUMPTION,
        ``outcomes``).
        """
        found = codes(category, self.labels, "category")
        table = np.array(
            [self.outcomes[label]["predicate_2022"] for label in self.labels], dtype=object
        )
        _, back = as_array(category, dtype=object)
        return back(table[found])


def predicate_codes_2022(rule_set: ScoredRegime) -> np.ndarray:
    """For each category code of ``rule_set`` (0 = best), the code of its 6/2022 predicate in
    ``PREDICATES``.
    """
    return np.array(
        [PREDICATES.index(rule_set.outcomes[label]["predicate_2022"]) for label in rule_set.labels]
    )
