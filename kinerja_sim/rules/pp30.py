"""PP 30/2019 with PermenPAN-RB 8/2021: nilai capaian IKI, 70/30 (or 60/40 with 360°), predikat.

Capaian IKI = R / T × 100%, or (2 − R / T) × 100% where smaller is better; the capaian is
converted to a value on 0–120 by piecewise lines; the SKP value is the mean value of the
employee's indicators (ASSUMPTION: equal weights); the final value is 70% SKP + 30% perilaku,
or 60% + 40% with peer and subordinate input. Sangat Baik also needs a new idea or method
that benefits the organisation. Rule file: ``pp-30-2019.yaml``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_columns
from kinerja_sim.rules._common import as_array, capaian
from kinerja_sim.rules._scored import ScoredRegime, floats, labels_of

__all__ = ["PP30Scores", "PP30_2019"]

_INDICATOR_COLUMNS = ("employee_id", "target", "realisation", "direction")


@dataclass(frozen=True)
class PP30Scores:
    """Array-form result of :meth:`PP30_2019.score_arrays`, one entry per employee.

    Attributes
    ----------
    skp, value : numpy.ndarray of float, shape (n,)
    category : numpy.ndarray of int8, shape (n,)
        Position of the predikat in ``labels`` (0 = Sangat Baik, ..., 4 = Sangat Kurang); −1 for
        NaN.
    labels : tuple of str
    """

    skp: np.ndarray
    value: np.ndarray
    category: np.ndarray
    labels: tuple

    def category_labels(self) -> np.ndarray:
        """The predikat of each employee as text (None where the value is NaN)."""
        return labels_of(self.category, self.labels)


class PP30_2019(ScoredRegime):
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
        self.capaian_minimum = float(spec["capaian_bounds"]["minimum"])
        top = max(max(p[1] for p in segment["points"]) for segment in self.segments)
        self.skp_range = (0.0, float(top))
        self.perilaku_range = (self.perilaku_map["minimum"], self.perilaku_map["maximum"])

    def perilaku_value(self, score):
        """Perilaku value from a score on 1–5 (``perilaku_from_score``, ASSUMPTION)."""
        return self.perilaku_from_score(score)

    def _convert(self, c):
        """The segment lines on an array of capaian (percent): one lookup, no loop over segments."""
        starts = np.array([float(segment["from"]) for segment in self.segments])
        slope = np.array(
            [
                (p[1][1] - p[0][1]) / (p[1][0] - p[0][0])
                for p in (s["points"] for s in self.segments)
            ]
        )
        intercept = np.array(
            [s["points"][0][1] - k * s["points"][0][0] for s, k in zip(self.segments, slope)]
        )
        c = np.maximum(c, self.capaian_minimum)  # NaN stays NaN
        index = np.clip(np.searchsorted(starts, c, side="right") - 1, 0, len(starts) - 1)
        out = intercept[index] + slope[index] * c
        out[c < starts[0]] = np.nan  # below the first segment: not converted
        return out

    def capaian_value(self, capaian_percent):
        """Nilai capaian IKI from capaian in percent (piecewise lines of the rule file).

        Notes
        -----
        PermenPAN-RB 8/2021 (HIGH): Sangat Kurang (≤ 59%) ``C / 59 × 49``; Kurang (60–79%)
        ``50 + (C − 60)``; Cukup (80–99%) ``70 + (C − 80)``; above 110% counts as 120.
        Baik (100% → 109) and Sangat Baik (101% → 110 up to 110% → 120) are ASSUMPTION,
        fitted to the worked example; so the value steps from about 90 to 109 at 100%.
        Capaian below 0 counts as 0 (ASSUMPTION). Never decreasing in capaian; NaN stays NaN.
        """
        values, back = as_array(capaian_percent)
        return back(self._convert(values))

    def iki_value(self, realisation, target, direction="higher"):
        """Nilai capaian IKI straight from realisation and target (``capaian`` then
        ``capaian_value``).
        """
        return self.capaian_value(capaian(realisation, target, direction))

    def final_value(self, *, skp, perilaku, with_360: bool = False):
        """Final value: 70% SKP + 30% perilaku, or 60% + 40% with peer and subordinate input (HIGH).

        ``skp`` and ``perilaku`` must lie in 0–120; NaN passes through. Vectorised.
        """
        return self._final(skp, perilaku, "with_360" if with_360 else "standard")

    def category(self, value, new_idea=False):
        """Predikat (PP 30/2019, HIGH): Sangat Baik 110–120 and a new idea, Baik 90–120, Cukup
        70–<90, Kurang 50–<70, Sangat Kurang < 50.

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rules.load("pp-30-2019").category([120, 109.99, 90, 89.99, 70, 50, 49.99]).tolist()
        ['Baik', 'Baik', 'Baik', 'Cukup', 'Cukup', 'Kurang', 'Sangat Kurang']
        """
        return self._category(value, new_idea)

    def score_arrays(self, *, capaian, perilaku, new_idea=False, with_360=False) -> PP30Scores:
        """Final value and predikat of many employees at once (the national path).

        Parameters
        ----------
        capaian : array of float, shape (n,) or (n, k)
            Capaian of each employee's indicators in percent (``k`` indicators each; NaN
            where an employee has fewer). The SKP value is the mean nilai capaian IKI.
        perilaku : array of float, shape (n,)
            Perilaku value 0–120 (from a 1–5 score: :meth:`perilaku_from_score`).
        new_idea : bool or array of bool, shape (n,)
            A recognised new idea or method (needed for Sangat Baik).
        with_360 : bool or array of bool, shape (n,)
            Peer and subordinate input: weights 60/40 instead of 70/30.

        Returns
        -------
        PP30Scores

        Examples
        --------
        >>> import numpy as np
        >>> from kinerja_sim import rules
        >>> rs = rules.load("pp-30-2019")
        >>> out = rs.score_arrays(capaian=np.array([[100, 115], [85, np.nan]]),
        ...                       perilaku=np.array([110.0, 100.0]),
        ...                       new_idea=np.array([True, False]))
        >>> out.value.round(2).tolist(), out.category_labels().tolist()
        ([113.15, 82.5], ['Sangat Baik', 'Cukup'])
        """
        values = self._convert(floats(capaian))
        if values.ndim > 1:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows stay NaN
                values = np.nanmean(values, axis=-1)
        behaviour = floats(perilaku)
        low, high = self.perilaku_range
        if np.any(~np.isnan(behaviour) & ~((behaviour >= low) & (behaviour <= high))):
            raise ValueError(
                f"perilaku must be a number from {low:g} to {high:g}, got a value outside"
            )
        standard, peers = self.weights["standard"], self.weights["with_360"]
        peer = np.asarray(with_360, dtype=bool)
        value = (
            np.where(peer, peers[0], standard[0]) * values
            + np.where(peer, peers[1], standard[1]) * behaviour
        )
        return PP30Scores(
            skp=values,
            value=value,
            category=self.category_codes(value, new_idea),
            labels=self.labels,
        )

    def skp_from_indicators(self, indicators: pd.DataFrame) -> pd.Series:
        """SKP value per employee (index ``employee_id``): the mean nilai capaian IKI
        (ASSUMPTION).
        """
        check_columns("indicators", indicators, _INDICATOR_COLUMNS)
        values = self.iki_value(
            indicators["realisation"].to_numpy(dtype=float),
            indicators["target"].to_numpy(dtype=float),
            indicators["direction"].to_numpy(dtype=object),
        )
        frame = pd.DataFrame({"employee_id": indicators["employee_id"].to_numpy(), "value": values})
        return frame.groupby("employee_id", sort=False)["value"].mean().rename("skp_value")
