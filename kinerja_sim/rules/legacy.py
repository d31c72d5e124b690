"""The earlier regimes, for comparison and rule-change studies: PP 46/2011 and PP 30/2019.

Both score an employee on a 0–100 (PP 46) or 0–120 (PP 30) scale: a SKP value from the
indicators, a perilaku value, a weighted final value and a category. Formulas and their
confidence are in the rule files (``pp-46-2011.yaml``, ``pp-30-2019.yaml``); SPEC 2.2.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from kinerja_sim._validate import check_columns
from kinerja_sim.rules._common import RuleSet, _unwrap, as_array, capaian

__all__ = ["PP30_2019", "PP46_2011"]

ASPECTS = ("kuantitas", "kualitas", "waktu", "biaya")
_INDICATOR_COLUMNS = ("employee_id", "rhk_id", "aspect", "target", "realisation", "direction")


class _ScoredRegime(RuleSet):
    """What PP 46 and PP 30 share: perilaku from a 1–5 score, weights and categories."""

    def __init__(self, spec: dict):
        super().__init__(spec)
        self.perilaku_map = {k: float(spec["perilaku_from_score"][k])
                             for k in ("at_3", "per_point", "minimum", "maximum")}
        self.weights = {variant: (float(w["skp"]), float(w["perilaku"]))
                        for variant, w in spec["weights"].items() if isinstance(w, dict)}
        self.levels = tuple(spec["categories"]["levels"])

    def perilaku_value(self, score):
        """Perilaku value from a score on 1–5: ``at_3 + per_point × (score − 3)``, clipped (ASSUMPTION)."""
        m = self.perilaku_map
        values = np.asarray(score.to_numpy() if isinstance(score, pd.Series) else score, dtype=float)
        return _unwrap(np.clip(m["at_3"] + m["per_point"] * (values - 3.0), m["minimum"], m["maximum"]), score)

    def _final(self, skp, perilaku, variant):
        w_skp, w_perilaku = self.weights[variant]
        a = np.asarray(skp.to_numpy() if isinstance(skp, pd.Series) else skp, dtype=float)
        b = np.asarray(perilaku.to_numpy() if isinstance(perilaku, pd.Series) else perilaku, dtype=float)
        return _unwrap(w_skp * a + w_perilaku * b, skp, perilaku)

    def _category(self, value, new_idea=False):
        values, back = as_array(value)
        idea = np.broadcast_to(np.asarray(new_idea, dtype=bool), values.shape)
        out = np.full(values.shape, self.levels[-1]["label"], dtype=object)
        done = np.zeros(values.shape, dtype=bool)
        for level in self.levels[:-1]:
            low = float(level["min"])
            hit = (values >= low) if level.get("min_inclusive", True) else (values > low)
            if level.get("requires_new_idea", False):
                hit &= idea
            out[hit & ~done] = level["label"]
            done |= hit
        out[np.isnan(values)] = None
        return back(out)


class PP46_2011(_ScoredRegime):
    """Rule set of PP 46/2011 with Perka BKN 1/2013; build it with ``kinerja_sim.rules.load``.

    Examples
    --------
    >>> from kinerja_sim import rules
    >>> rs = rules.load("pp-46-2011")
    >>> [round(rs.aspect_score("waktu", target=12, realisation=r), 1) for r in (12, 10, 9, 6, 14)]
    [76.0, 92.7, 75.0, 50.0, 59.3]
    >>> rs.final_value(skp=80, perilaku=90), rs.category(84.0)
    (84.0, 'Baik')
    """

    def __init__(self, spec: dict):
        super().__init__(spec)
        self.factor = float(spec["aspects"]["factor"])
        self.efficiency_break = float(spec["aspects"]["efficiency_break"])
        self.bonus = tuple((int(b["from"]), float(b["value"])) for b in spec["tugas_tambahan"]["bonus"])

    def aspect_score(self, aspect, *, target, realisation):
        """Score of one aspect of an activity (Perka BKN 1/2013, HIGH).

        kuantitas and kualitas: ``R / T × 100``. waktu and biaya: with efficiency
        ``e = 100 − R / T × 100``, ``(1.76 T − R) / T × 100`` when ``e ≤ 24``, else
        ``76 − ((1.76 T − R) / T × 100 − 100)``. biaya is NaN when its target is 0 (not
        scored). Vectorised over ``aspect``, ``target`` and ``realisation``.
        """
        kind = np.asarray(aspect.to_numpy() if isinstance(aspect, pd.Series) else aspect, dtype=object)
        unknown = ~np.isin(kind, ASPECTS)
        if np.any(unknown):
            raise ValueError(f"aspect must be one of {', '.join(map(repr, ASPECTS))}, got {kind[unknown].ravel()[0]!r}")
        t = np.asarray(target.to_numpy() if isinstance(target, pd.Series) else target, dtype=float)
        r = np.asarray(realisation.to_numpy() if isinstance(realisation, pd.Series) else realisation, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = r / np.where(t == 0, np.nan, t) * 100.0
            efficiency = 100.0 - ratio
            raw = (self.factor * t - r) / np.where(t == 0, np.nan, t) * 100.0
        time_like = np.where(efficiency <= self.efficiency_break + 1e-9, raw,  # 1e-9: float noise at 24%
                             76.0 - (raw - 100.0))
        out = np.where(np.isin(kind, ("waktu", "biaya")), time_like, ratio)
        out = np.where((kind == "biaya") & ~(t > 0), np.nan, out)
        return _unwrap(out, aspect, target, realisation)

    def activity_value(self, *, kuantitas, kualitas, waktu, biaya=None):
        """Activity value: the sum of the aspects over 3, or over 4 when biaya is scored.

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rules.load("pp-46-2011").activity_value(kuantitas=100, kualitas=90, waktu=76)
        88.66666666666667
        """
        parts = [kuantitas, kualitas, waktu] + ([] if biaya is None else [biaya])
        stacked = np.vstack([np.atleast_1d(np.asarray(p, dtype=float)) for p in parts])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            out = np.nanmean(stacked, axis=0)
        return _unwrap(out if np.ndim(kuantitas) else out[0], kuantitas)

    def tugas_tambahan_bonus(self, tasks: int) -> float:
        """Points added for tugas tambahan: 1 for 1–3 tasks, 2 for 4–6, 3 for 7 or more (HIGH)."""
        value = 0.0
        for start, bonus in self.bonus:
            if tasks >= start:
                value = bonus
        return value

    def skp_value(self, activity_values, *, tugas_tambahan: int = 0) -> float:
        """SKP value: the mean of the activity values plus the tugas tambahan bonus.

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rules.load("pp-46-2011").skp_value([80, 90], tugas_tambahan=4)
        87.0
        """
        return float(np.mean(np.asarray(activity_values, dtype=float))) + self.tugas_tambahan_bonus(tugas_tambahan)

    def final_value(self, *, skp, perilaku):
        """Final value: 60% SKP + 40% perilaku (PP 46/2011 Pasal 19, HIGH). Vectorised."""
        return self._final(skp, perilaku, "standard")

    def category(self, value):
        """Category: Sangat Baik (> 90), Baik (> 75), Cukup (> 60), Kurang (> 50), Buruk (rule file).

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rules.load("pp-46-2011").category([91, 90.5, 90, 76, 75.5, 75, 60, 50]).tolist()
        ['Sangat Baik', 'Sangat Baik', 'Baik', 'Baik', 'Baik', 'Cukup', 'Kurang', 'Buruk']
        """
        return self._category(value)

    def indicator_scores(self, indicators: pd.DataFrame) -> pd.Series:
        """Score of each indicator row of a dataset, mapped as in ``indicator_mapping`` (ASSUMPTION)."""
        check_columns("indicators", indicators, _INDICATOR_COLUMNS)
        lower = indicators["direction"].to_numpy(dtype=object) == "lower"
        formula = np.isin(indicators["aspect"].to_numpy(dtype=object), ("waktu", "biaya")) & lower
        as_ratio = capaian(indicators["realisation"].to_numpy(dtype=float), indicators["target"].to_numpy(dtype=float),
                           indicators["direction"].to_numpy(dtype=object))
        timed = self.aspect_score(indicators["aspect"].to_numpy(dtype=object),
                                  target=indicators["target"].to_numpy(dtype=float),
                                  realisation=indicators["realisation"].to_numpy(dtype=float))
        return pd.Series(np.where(formula, timed, as_ratio), index=indicators.index, name="score")

    def skp_from_indicators(self, indicators: pd.DataFrame) -> pd.Series:
        """SKP value per employee (index ``employee_id``) from a dataset's indicators table."""
        scored = indicators.assign(score=self.indicator_scores(indicators))
        aspects = scored.groupby(["employee_id", "rhk_id", "aspect"], sort=False)["score"].mean()
        activities = aspects.groupby(level=["employee_id", "rhk_id"], sort=False).mean()
        return activities.groupby(level="employee_id", sort=False).mean().rename("skp_value")


class PP30_2019(_ScoredRegime):
    """Rule set of PP 30/2019 with PermenPAN-RB 8/2021; build it with ``kinerja_sim.rules.load``.

    Examples
    --------
    >>> from kinerja_sim import rules
    >>> rs = rules.load("pp-30-2019")
    >>> rs.capaian_value([100, 115, 90, 70, 59]).round(2).tolist()
    [109.0, 120.0, 80.0, 60.0, 49.0]
    >>> rs.final_value(skp=100, perilaku=90), rs.final_value(skp=100, perilaku=90, with_360=True)
    (97.0, 96.0)
    >>> rs.category(115), rs.category(115, new_idea=True)
    ('Baik', 'Sangat Baik')
    """

    def __init__(self, spec: dict):
        super().__init__(spec)
        self.segments = tuple(spec["capaian_conversion"]["segments"])

    def capaian_value(self, capaian_percent):
        """Nilai capaian IKI from capaian in percent (piecewise lines of the rule file).

        Notes
        -----
        PermenPAN-RB 8/2021 (HIGH): Sangat Kurang (< 60%) ``C / 59 × 49``; Kurang (60–79%)
        ``50 + (C − 60)``; Cukup (80–99%) ``70 + (C − 80)``; above 110% counts as 120.
        Baik (100% → 109) and Sangat Baik (101% → 110 up to 110% → 120) are ASSUMPTION,
        fitted to the worked example; so the value steps from about 90 to 109 at 100%.
        Capaian below 0 counts as 0. Never decreasing in capaian.
        """
        values, back = as_array(capaian_percent)
        c = np.maximum(values, 0.0)
        out = np.full(c.shape, np.nan)
        for segment in self.segments:
            (c0, v0), (c1, v1) = segment["points"]
            inside = (c >= segment["from"]) & (c < segment.get("to", np.inf))
            out[inside] = v0 + (v1 - v0) / (c1 - c0) * (c[inside] - c0)
        return back(out)

    def iki_value(self, realisation, target, direction="higher"):
        """Nilai capaian IKI straight from realisation and target (``capaian`` then ``capaian_value``)."""
        return self.capaian_value(capaian(realisation, target, direction))

    def final_value(self, *, skp, perilaku, with_360: bool = False):
        """Final value: 70% SKP + 30% perilaku, or 60% + 40% with peer and subordinate input (HIGH)."""
        return self._final(skp, perilaku, "with_360" if with_360 else "standard")

    def category(self, value, new_idea=False):
        """Predikat: Sangat Baik (≥ 110 and a new idea), Baik (≥ 90), Cukup (≥ 70), Kurang (≥ 50), Sangat Kurang."""
        return self._category(value, new_idea)

    def skp_from_indicators(self, indicators: pd.DataFrame) -> pd.Series:
        """SKP value per employee (index ``employee_id``): the mean nilai capaian IKI (ASSUMPTION)."""
        check_columns("indicators", indicators, _INDICATOR_COLUMNS)
        values = self.iki_value(indicators["realisation"].to_numpy(dtype=float),
                                indicators["target"].to_numpy(dtype=float),
                                indicators["direction"].to_numpy(dtype=object))
        frame = pd.DataFrame({"employee_id": indicators["employee_id"].to_numpy(), "value": values})
        return frame.groupby("employee_id", sort=False)["value"].mean().rename("skp_value")
