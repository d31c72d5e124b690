"""PP 46/2011 with Perka BKN 1/2013: SKP from activities, six behaviour aspects, 60/40, categories.

Per activity (kegiatan tugas jabatan) the regulation scores kuantitas, kualitas and waktu,
and biaya when the activity is funded: the activity value is their sum over 3 (over 4 with
biaya). The SKP value is the mean activity value plus points for tugas tambahan and
kreativitas; the perilaku value is the mean of six aspects (kepemimpinan for structural
positions only); the final value is 60% SKP + 40% perilaku. Rule file: ``pp-46-2011.yaml``.

Two forms of the same rules: per value (``aspect_score``, ``activity_value``, ...) for
teaching and small tables, and array form (``score_arrays``) for millions of employees.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_columns
from kinerja_sim.rules._common import capaian, unwrap
from kinerja_sim.rules._scored import ScoredRegime, check_range, floats, labels_of
from kinerja_sim.world.dimensions import BERAKHLAK

__all__ = ["ASPECTS", "PP46_2011", "PP46Scores"]

ASPECTS = ("kuantitas", "kualitas", "waktu", "biaya")
_RATIO_ASPECTS = ("kuantitas", "kualitas")
_INDICATOR_COLUMNS = ("employee_id", "rhk_id", "aspect", "target", "realisation", "direction")


@dataclass(frozen=True)
class PP46Scores:
    """Array-form result of :meth:`PP46_2011.score_arrays`, one entry per employee.

    Attributes
    ----------
    skp, perilaku, value : numpy.ndarray of float, shape (n,)
        SKP value, perilaku value and final value (NaN where an input was NaN).
    category : numpy.ndarray of int8, shape (n,)
        Position of the category in ``labels`` (0 = Sangat Baik, ..., 4 = Buruk); −1 for NaN.
    labels : tuple of str
        The category labels, best first.
    """

    skp: np.ndarray
    perilaku: np.ndarray
    value: np.ndarray
    category: np.ndarray
    labels: tuple

    def category_labels(self) -> np.ndarray:
        """The category of each employee as text (None where the value is NaN)."""
        return labels_of(self.category, self.labels)


class PP46_2011(ScoredRegime):
    """Rule set of PP 46/2011 with Perka BKN 1/2013; build it with ``kinerja_sim.rules.load``.

    Examples
    --------
    >>> from kinerja_sim import rules
    >>> rs = rules.load("pp-46-2011")
    >>> [round(rs.aspect_score("waktu", target=12, realisation=r), 1) for r in (12, 10, 9, 6, 14)]
    [76.0, 92.7, 75.0, 50.0, 59.3]
    >>> rs.activity_value(kuantitas=100, kualitas=100, waktu=76)
    92.0
    >>> rs.final_value(skp=80, perilaku=90), rs.category(84.0)
    (84.0, 'Baik')
    """

    def __init__(self, spec: dict):
        super().__init__(spec)
        self.factor = float(spec["aspects"]["factor"])
        self.efficiency_break = float(spec["aspects"]["efficiency_break"])
        bounds = spec["aspect_bounds"]
        self.aspect_bounds = (float(bounds["minimum"]), float(bounds["maximum"]))
        self.bonus = tuple(
            (int(b["from"]), float(b["value"])) for b in spec["tugas_tambahan"]["bonus"]
        )
        self.kreativitas = {key: float(v) for key, v in spec["kreativitas"]["values"].items()}
        perilaku = spec["perilaku"]
        #: The six behaviour aspects, in the order of the array form.
        self.perilaku_aspects = tuple(perilaku["aspects"])
        self.structural_only = tuple(perilaku["structural_only"])
        self.perilaku_bounds = (float(perilaku["minimum"]), float(perilaku["maximum"]))
        self.berakhlak_mapping = {
            aspect: tuple(values) for aspect, values in spec["berakhlak_mapping"]["aspects"].items()
        }
        weights = np.zeros((len(BERAKHLAK), len(self.perilaku_aspects)))
        for j, aspect in enumerate(self.perilaku_aspects):
            for key in self.berakhlak_mapping[aspect]:
                weights[BERAKHLAK.index(key), j] += 1.0 / len(self.berakhlak_mapping[aspect])
        self._berakhlak_weights = weights
        most = max([value for _, value in self.bonus] + [0.0]) + max(
            list(self.kreativitas.values()) + [0.0]
        )
        self.skp_range = (self.aspect_bounds[0], self.aspect_bounds[1] + most)
        self.perilaku_range = self.perilaku_bounds

    # --- one aspect, one activity ---------------------------------------------------------

    def aspect_from_ratio(self, aspect: str, ratio):
        """Value of one aspect from the ratio realisation / target (R / T), vectorised.

        kuantitas, kualitas: ``100 R/T``. waktu, biaya: ``(1.76 − R/T) × 100`` when the
        efficiency ``100 − 100 R/T`` is at most 24, else ``76 − ((1.76 − R/T) × 100 − 100)``
        (Perka BKN 1/2013, HIGH). Clipped to ``aspect_bounds`` (0–100, ASSUMPTION); NaN stays
        NaN.

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rs = rules.load("pp-46-2011")
        >>> rs.aspect_from_ratio("waktu", [1.0, 0.76, 0.75, 3.0]).round(1).tolist()
        [76.0, 100.0, 75.0, 0.0]
        >>> rs.aspect_from_ratio("kuantitas", [0.9, 10.0]).tolist()
        [90.0, 100.0]
        """
        if aspect not in ASPECTS:
            raise ValueError(
                f"aspect must be one of {', '.join(map(repr, ASPECTS))}, got {aspect!r}"
            )
        r = floats(ratio)
        if np.any((r < 0) | np.isinf(r)):
            check_range("ratio", r, 0.0, np.finfo(float).max)  # names the first bad value
        if aspect in _RATIO_ASPECTS:
            out = np.asarray(r * 100.0)
        else:
            out = np.asarray((self.factor - r) * 100.0)
            # efficiency 100 − 100 r above the break: 76 − (raw − 100); 1e-9 absorbs float noise at
            # 24%
            late = r < 1.0 - (self.efficiency_break + 1e-9) / 100.0
            np.subtract(176.0, out, out=out, where=late)
        out = np.clip(out, *self.aspect_bounds, out=out)
        return out if out.ndim else float(out)

    def aspect_score(self, aspect, *, target, realisation):
        """Value of one aspect of an activity from its target and realisation (Perka BKN 1/2013,
        HIGH).

        kuantitas and kualitas: ``R / T × 100``. waktu and biaya: with efficiency
        ``e = 100 − R / T × 100``, ``(1.76 T − R) / T × 100`` when ``e ≤ 24``, else
        ``76 − ((1.76 T − R) / T × 100 − 100)``. biaya is NaN (not in the SKP) when its
        target is 0. Targets and realisations must be finite and not negative (NaN passes
        as "not known"); a target of 0 is refused for the other aspects. Every value is
        clipped to ``aspect_bounds`` (0–100, ASSUMPTION: the regulation leaves kuantitas
        above target and waktu beyond 1.76 T open).
        Vectorised over ``aspect``, ``target`` and ``realisation``.

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rs = rules.load("pp-46-2011")
        >>> rs.aspect_score("waktu", target=12, realisation=36)        # the formula alone: -124
        0.0
        >>> rs.aspect_score("kuantitas", target=10, realisation=100)   # R / T x 100 alone: 1000
        100.0
        """
        kind = np.asarray(
            aspect.to_numpy() if isinstance(aspect, pd.Series) else aspect, dtype=object
        )
        unknown = ~np.isin(kind, ASPECTS)
        if np.any(unknown):
            raise ValueError(
                f"aspect must be one of {', '.join(map(repr, ASPECTS))}, "
                f"got {kind[unknown].ravel()[0]!r}"
            )
        t = check_range("target", target, 0.0, np.finfo(float).max)
        r = check_range("realisation", realisation, 0.0, np.finfo(float).max)
        shape = np.broadcast(kind, t, r).shape
        unscored = np.broadcast_to(t == 0, shape) & (np.broadcast_to(kind, shape) != "biaya")
        if np.any(unscored):
            raise ValueError(
                "target must be above 0 for kuantitas, kualitas and waktu "
                "(a biaya target of 0 means biaya is not in the SKP), got 0"
            )
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = r / np.where(t == 0, np.nan, t)
        out = np.where(
            np.isin(kind, ("waktu", "biaya")),
            self.aspect_from_ratio("waktu", ratio),
            self.aspect_from_ratio("kuantitas", ratio),
        )
        out = np.where((kind == "biaya") & ~(t > 0), np.nan, out)
        return unwrap(out, aspect, target, realisation)

    def activity_value(self, *, kuantitas, kualitas, waktu, biaya=None):
        """Activity value: (kuantitas + kualitas + waktu) / 3, or with biaya / 4 (HIGH).

        Every activity carries the three aspects: a missing (NaN) kuantitas, kualitas or
        waktu is refused. biaya NaN or None means biaya is not in the SKP. Each value must
        lie in ``aspect_bounds``. Vectorised.

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rs = rules.load("pp-46-2011")
        >>> rs.activity_value(kuantitas=100, kualitas=90, waktu=76, biaya=76)
        85.5
        """
        parts = [
            check_range(name, value, *self.aspect_bounds)
            for name, value in (("kuantitas", kuantitas), ("kualitas", kualitas), ("waktu", waktu))
        ]
        for name, part in zip(("kuantitas", "kualitas", "waktu"), parts):
            if np.any(np.isnan(part)):
                raise ValueError(
                    f"{name} is missing (NaN): every PP 46/2011 activity is scored on "
                    "kuantitas, kualitas and waktu"
                )
        cost = None if biaya is None else check_range("biaya", biaya, *self.aspect_bounds)
        return unwrap(_activity(*parts, cost), kuantitas)

    # --- SKP --------------------------------------------------------------------------------

    def tugas_tambahan_bonus(self, tasks):
        """Points for tugas tambahan: 1 for 1–3 tasks, 2 for 4–6, 3 for 7 or more (HIGH).
        Vectorised.
        """
        counts = floats(tasks)
        if np.any(~np.isfinite(counts) | (counts < 0) | (counts != np.round(counts))):
            raise ValueError(
                f"tugas_tambahan must be a whole number of tasks, 0 or more, got {tasks!r}"
            )
        value = np.zeros(counts.shape)
        for start, bonus in self.bonus:
            value = np.where(counts >= start, bonus, value)
        return unwrap(value, tasks)

    def kreativitas_points(self, kreativitas):
        """Points for kreativitas: a number from the rule file's values, or its key (MEDIUM).
        Vectorised.

        ``"unit_kerja"`` 3, ``"organisasi"`` 6, ``"negara"`` 12; 0, None or "" for none.
        """
        if isinstance(kreativitas, str) or kreativitas is None:
            if kreativitas in ("", None):
                return 0.0
            if kreativitas not in self.kreativitas:
                raise ValueError(
                    f"kreativitas must be one of {', '.join(map(repr, self.kreativitas))} "
                    f"or a number of points, got {kreativitas!r}"
                )
            return self.kreativitas[kreativitas]
        points = floats(kreativitas)
        allowed = np.array([0.0, *self.kreativitas.values()])
        bad = ~np.isin(points, allowed)
        if np.any(bad):
            raise ValueError(
                f"kreativitas must be one of {', '.join(f'{v:g}' for v in allowed)} points, "
                f"got {points[bad].ravel()[0]!r}"
            )
        return unwrap(points, kreativitas)

    def skp_value(self, activity_values, *, tugas_tambahan: int = 0, kreativitas=0) -> float:
        """SKP value: the mean activity value plus tugas tambahan and kreativitas points
        (HIGH/MEDIUM).

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rs = rules.load("pp-46-2011")
        >>> (rs.skp_value([80, 90], tugas_tambahan=4),
        ...  rs.skp_value([80, 90], kreativitas="organisasi"))
        (87.0, 91.0)
        """
        values = check_range(
            "activity_values", np.atleast_1d(floats(activity_values)), *self.aspect_bounds
        )
        if values.size == 0 or np.all(np.isnan(values)):
            raise ValueError("activity_values must hold at least one activity value, got none")
        return float(
            np.nanmean(values)
            + self.tugas_tambahan_bonus(tugas_tambahan)
            + self.kreativitas_points(kreativitas)
        )

    # --- perilaku ---------------------------------------------------------------------------

    def perilaku_value(self, aspects, *, structural=False):
        """Perilaku value: the mean of the behaviour aspects (PP 46/2011, HIGH).

        Parameters
        ----------
        aspects : mapping of aspect name to value, or array-like of shape (..., 6)
            Values 0–100 in the order of ``perilaku_aspects`` (orientasi_pelayanan,
            integritas, komitmen, disiplin, kerja_sama, kepemimpinan).
        structural : bool or array-like of bool
            Kepemimpinan counts only for a structural position: the mean is over 6 aspects
            for a structural position, over 5 otherwise (kepemimpinan may then be NaN).

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rs = rules.load("pp-46-2011")
        >>> values = [80, 90, 85, 75, 80, 70]
        >>> rs.perilaku_value(values), round(rs.perilaku_value(values, structural=True), 2)
        (82.0, 80.0)
        """
        if isinstance(aspects, dict):
            unknown = set(aspects) - set(self.perilaku_aspects)
            if unknown:
                raise ValueError(
                    f"aspects must be among {', '.join(self.perilaku_aspects)}, "
                    f"got {sorted(unknown)[0]!r}"
                )
            aspects = np.stack(
                [floats(aspects.get(name, np.nan)) for name in self.perilaku_aspects], axis=-1
            )
        values = floats(aspects)
        if values.shape[-1:] != (len(self.perilaku_aspects),):
            raise ValueError(
                f"aspects must have {len(self.perilaku_aspects)} values "
                f"({', '.join(self.perilaku_aspects)}) on its last axis, got shape {values.shape}"
            )
        out = self._perilaku(values, np.asarray(structural, dtype=bool))
        return float(out) if out.ndim == 0 else out

    def _perilaku(self, values, structural):
        low, high = self.perilaku_bounds
        if np.any((values < low) | (values > high)):
            check_range("perilaku aspect", values, low, high)  # names the first bad value
        only = np.isin(self.perilaku_aspects, self.structural_only)
        always = values[..., ~only]
        if np.any(np.isnan(always)):
            name = np.asarray(self.perilaku_aspects)[~only][np.argwhere(np.isnan(always))[0][-1]]
            raise ValueError(f"perilaku aspect {name} is missing (NaN)")
        extra = values[..., only]
        if np.any(np.isnan(extra) & structural[..., None]):
            raise ValueError(
                f"perilaku aspect {', '.join(self.structural_only)} is missing (NaN) "
                "for a structural position"
            )
        if np.any(np.isinf(values)):
            check_range("perilaku aspect", values, low, high)
        total = always.sum(axis=-1)
        total += np.where(structural[..., None], extra, 0.0).sum(axis=-1)
        total /= (~only).sum() + np.where(structural, only.sum(), 0)
        return total

    def perilaku_labels(self, lang=None) -> dict:
        """The behaviour aspects' names for trainees (Bahasa Indonesia, or ``lang="en"``).

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rules.load("pp-46-2011").perilaku_labels()["kerja_sama"]
        'Kerja Sama'
        """
        from kinerja_sim._core.i18n import t

        return {name: t(f"rules.pp46.aspect.{name}", lang) for name in self.perilaku_aspects}

    def perilaku_aspects_from_berakhlak(self, scores):
        """The six PP 46 behaviour aspect values (0–100) from the seven BerAKHLAK scores (1–5).

        Each aspect is the mean of the BerAKHLAK scores mapped to it (``berakhlak_mapping``,
        ASSUMPTION), turned into a value by ``perilaku_from_score`` (ASSUMPTION).

        Parameters
        ----------
        scores : mapping of BerAKHLAK key to score (scalars or arrays), or array-like of
            shape (..., 7) in ``kinerja_sim.world.dimensions.BERAKHLAK`` order.

        Returns
        -------
        numpy.ndarray of float, shape (..., 6), in ``perilaku_aspects`` order

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rs = rules.load("pp-46-2011")
        >>> rs.perilaku_aspects_from_berakhlak([3, 4, 3, 5, 2, 3, 3]).tolist()
        [80.0, 90.0, 70.0, 90.0, 90.0, 80.0]
        """
        if isinstance(scores, dict):
            scores = np.stack([floats(scores[key]) for key in BERAKHLAK], axis=-1)
        values = floats(scores)
        if values.shape[-1:] != (len(BERAKHLAK),):
            raise ValueError(
                f"scores must have the {len(BERAKHLAK)} BerAKHLAK scores on its last axis, "
                f"got shape {values.shape}"
            )
        means = np.einsum(
            "...i,ij->...j", values, self._berakhlak_weights
        )  # BLAS matmul is slow on (n, 7)
        m = self.perilaku_map
        means -= 3.0
        means *= m["per_point"]
        means += m["at_3"]
        return np.clip(means, m["minimum"], m["maximum"], out=means)

    # --- final value and category ----------------------------------------------------------

    def final_value(self, *, skp, perilaku):
        """Final value: 60% SKP + 40% perilaku (PP 46/2011, HIGH). Vectorised.

        ``skp`` must lie in ``skp_range`` (0 to 100 plus the largest tugas tambahan and
        kreativitas points) and ``perilaku`` in 0–100; NaN passes through.
        """
        return self._final(skp, perilaku, "standard")

    def category(self, value):
        """Category: 91 and above Sangat Baik, 76–90 Baik, 61–75 Cukup, 51–60 Kurang, 50 and below
        Buruk.

        The bands are whole numbers (HIGH); a value between two bands, such as 90.5, goes to
        the band above (``between_bands: up``, ASSUMPTION). NaN gives None.

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rules.load("pp-46-2011").category([91, 90.5, 90, 76, 75.5, 75, 60, 50]).tolist()
        ['Sangat Baik', 'Sangat Baik', 'Baik', 'Baik', 'Baik', 'Cukup', 'Kurang', 'Buruk']
        """
        return self._category(value)

    # --- array form (national scale) -------------------------------------------------------

    def skp_arrays(
        self, kuantitas, kualitas, waktu, biaya=None, *, tugas_tambahan=0, kreativitas=0
    ):
        """SKP values of many employees at once from achievement ratios (R / T) per aspect.

        Parameters
        ----------
        kuantitas, kualitas, waktu : array of float, shape (n,) or (n, a)
            Realisation over target of each employee's activities (``a`` activities each;
            one activity when 1-d). waktu is the time used over the time planned (1.0 = on
            time). Within a row, an activity whose kuantitas is NaN is absent (so employees
            may have fewer than ``a`` activities); a present activity needs all three.
        biaya : array of float, same shape, optional
            Cost used over cost planned; NaN where the activity has no biaya in its SKP.
        tugas_tambahan : int or array of int, shape (n,)
            Number of additional tasks.
        kreativitas : float or array of float, shape (n,)
            Kreativitas points (0, 3, 6 or 12).

        Returns
        -------
        numpy.ndarray of float, shape (n,)
            NaN for an employee with no activity.
        """
        aspects = [
            self.aspect_from_ratio(name, ratio)
            for name, ratio in (("kuantitas", kuantitas), ("kualitas", kualitas), ("waktu", waktu))
        ]
        cost = None if biaya is None else self.aspect_from_ratio("biaya", biaya)
        present = ~np.isnan(aspects[0])
        incomplete = present & (np.isnan(aspects[1]) | np.isnan(aspects[2]))
        if np.any(incomplete):
            raise ValueError(
                "kualitas and waktu must be given (not NaN) for every activity with a kuantitas: "
                "every PP 46/2011 activity is scored on the three aspects"
            )
        values = _activity(*aspects, cost)
        if values.ndim > 1:
            count = present.sum(axis=-1)
            with np.errstate(invalid="ignore", divide="ignore"):
                values = (
                    np.where(present, values, 0.0).sum(axis=-1) / count
                )  # no activity: 0 / 0 = NaN
        return (
            values
            + self.tugas_tambahan_bonus(tugas_tambahan)
            + self.kreativitas_points(kreativitas)
        )

    def score_arrays(
        self,
        *,
        kuantitas,
        kualitas,
        waktu,
        perilaku,
        structural,
        biaya=None,
        tugas_tambahan=0,
        kreativitas=0,
    ) -> PP46Scores:
        """Final value and category of many employees at once (the national path).

        Parameters
        ----------
        kuantitas, kualitas, waktu, biaya, tugas_tambahan, kreativitas
            As in :meth:`skp_arrays`: achievement ratios R / T of shape (n,) or (n, a).
        perilaku : array of float, shape (n, 6)
            Behaviour aspect values 0–100 in ``perilaku_aspects`` order (from BerAKHLAK
            scores: :meth:`perilaku_aspects_from_berakhlak`). Kepemimpinan may be NaN where
            ``structural`` is False.
        structural : array of bool, shape (n,)
            Whether each employee holds a structural position.

        Returns
        -------
        PP46Scores
            ``skp``, ``perilaku``, ``value`` (n,) and ``category`` codes (n,) into ``labels``.

        Examples
        --------
        >>> import numpy as np
        >>> from kinerja_sim import rules
        >>> rs = rules.load("pp-46-2011")
        >>> out = rs.score_arrays(kuantitas=np.array([1.0, 0.5]), kualitas=np.array([0.9, 0.6]),
        ...                       waktu=np.array([1.0, 1.0]), perilaku=np.full((2, 6), 85.0),
        ...                       structural=np.array([True, False]))
        >>> out.value.round(2).tolist(), out.category_labels().tolist()
        ([87.2, 71.2], ['Baik', 'Cukup'])
        """
        skp = self.skp_arrays(
            kuantitas,
            kualitas,
            waktu,
            biaya,
            tugas_tambahan=tugas_tambahan,
            kreativitas=kreativitas,
        )
        values = floats(perilaku)
        if values.ndim != 2 or values.shape[1] != len(self.perilaku_aspects):
            raise ValueError(
                f"perilaku must have shape (n, {len(self.perilaku_aspects)}), got {values.shape}"
            )
        behaviour = self._perilaku(values, np.asarray(structural, dtype=bool))
        w_skp, w_perilaku = self.weights["standard"]
        value = w_skp * skp + w_perilaku * behaviour
        return PP46Scores(
            skp=skp,
            perilaku=behaviour,
            value=value,
            category=self.category_codes(value),
            labels=self.labels,
        )

    # --- a dataset's indicators --------------------------------------------------------------

    def indicator_scores(self, indicators: pd.DataFrame) -> pd.Series:
        """Aspect value of each indicator row of a dataset, as in ``indicator_mapping``
        (ASSUMPTION).

        kuantitas and kualitas: the capaian, clipped to 0–100. waktu and biaya where smaller
        is better: the formula on the indicator's own R and T; where larger is better (a
        share done on time): the formula on the time ratio T / R.
        """
        check_columns("indicators", indicators, _INDICATOR_COLUMNS)
        aspect = indicators["aspect"].to_numpy(dtype=object)
        unknown = ~np.isin(aspect, ASPECTS)
        if np.any(unknown):
            raise ValueError(
                f"indicators.aspect must be one of {', '.join(map(repr, ASPECTS))}, "
                f"got {aspect[unknown][0]!r}"
            )
        t = indicators["target"].to_numpy(dtype=float)
        r = indicators["realisation"].to_numpy(dtype=float)
        direction = indicators["direction"].to_numpy(dtype=object)
        achieved = np.maximum(
            capaian(r, t, direction) / 100.0, 0.0
        )  # below 0 counts as 0 (NaN stays)
        with np.errstate(divide="ignore", invalid="ignore"):
            # time used over plan; nothing done on time counts as 1.76 x the plan (waktu 0)
            inverse = np.where(
                achieved > 0, 1.0 / np.where(achieved > 0, achieved, 1.0), self.factor
            )
            used = np.where(
                direction == "lower",
                r / np.where(t == 0, np.nan, t),
                np.where(np.isnan(achieved), np.nan, inverse),
            )
        timed = self.aspect_from_ratio("waktu", used)
        out = np.where(
            np.isin(aspect, ("waktu", "biaya")),
            timed,
            self.aspect_from_ratio("kuantitas", achieved),
        )
        out = np.where((aspect == "biaya") & ~(t > 0), np.nan, out)
        return pd.Series(out, index=indicators.index, name="score")

    def activity_table(self, indicators: pd.DataFrame) -> pd.DataFrame:
        """One row per employee × activity (RHK) with the four aspect values and the activity value.

        Every activity gets kuantitas, kualitas and waktu (``indicator_mapping``, ASSUMPTION):
        a missing kuantitas or kualitas takes the mean capaian of the activity's other
        indicators (clipped to 0–100); a missing waktu is on time (76). biaya is NaN when the
        activity has no biaya indicator.

        Examples
        --------
        >>> import pandas as pd
        >>> from kinerja_sim import rules
        >>> rs = rules.load("pp-46-2011")
        >>> indicators = pd.DataFrame({"employee_id": "E1", "rhk_id": ["K1", "K2", "K2", "K2"],
        ...     "aspect": ["kuantitas", "kuantitas", "kualitas", "waktu"],
        ...     "target": [10, 10, 100, 12], "realisation": [10, 10, 100, 12],
        ...     "direction": ["higher", "higher", "higher", "lower"]})
        >>> # the same work, the same value
        >>> rs.activity_table(indicators)["activity_value"].tolist()
        [92.0, 92.0]
        """
        scores = self.indicator_scores(indicators)
        achieved = capaian(
            indicators["realisation"].to_numpy(dtype=float),
            indicators["target"].to_numpy(dtype=float),
            indicators["direction"].to_numpy(dtype=object),
        )
        keys = ["employee_id", "rhk_id"]
        frame = indicators[keys].assign(
            aspect=indicators["aspect"].to_numpy(dtype=object),
            score=scores.to_numpy(),
            capaian=achieved,
        )
        wide = frame.pivot_table(
            index=keys, columns="aspect", values="score", aggfunc="mean", sort=False
        )
        wide = wide.reindex(columns=list(ASPECTS))
        overall = frame.groupby(keys, sort=False)["capaian"].mean().reindex(wide.index)
        fill = pd.Series(
            self.aspect_from_ratio("kuantitas", np.maximum(overall.to_numpy() / 100.0, 0.0)),
            index=wide.index,
        )
        for name in _RATIO_ASPECTS:
            wide[name] = wide[name].fillna(fill)
        wide["waktu"] = wide["waktu"].fillna(float(self.aspect_from_ratio("waktu", 1.0)))
        wide["activity_value"] = _activity(*(wide[name].to_numpy() for name in ASPECTS))
        wide.columns.name = None
        return wide.reset_index()

    def skp_from_indicators(self, indicators: pd.DataFrame) -> pd.Series:
        """SKP value per employee (index ``employee_id``) from a dataset's indicators table.

        The mean activity value of :meth:`activity_table` (no tugas tambahan or kreativitas:
        the dataset has none).
        """
        table = self.activity_table(indicators)
        return table.groupby("employee_id", sort=False)["activity_value"].mean().rename("skp_value")


def _activity(kuantitas, kualitas, waktu, biaya=None):
    """Sum of the aspects over 3, or over 4 where biaya is scored (not None or NaN)."""
    total = kuantitas + kualitas + waktu
    has_cost = False if biaya is None else ~np.isnan(biaya)
    if not np.any(has_cost):
        total /= 3.0
        return total
    total += np.where(has_cost, biaya, 0.0)
    total /= np.where(has_cost, 4.0, 3.0)
    return total
