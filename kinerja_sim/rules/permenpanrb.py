"""The current regime: PermenPAN-RB No. 6 Tahun 2022 (PNS and PPPK).

Ratings (Di Bawah / Sesuai / Di Atas Ekspektasi) for Hasil Kerja and Perilaku Kerja give
the Predikat Kinerja Pegawai through a 3 × 3 matrix (HIGH); the organisation predicate
bounds the distribution of predicates in a unit (MEDIUM, :mod:`kinerja_sim.rules.curve`);
the predicate sets the angka kredit of functional positions (HIGH, PermenPAN-RB 1/2023 and
PerBKN 3/2023). Turning scores or indicator achievement into a rating is the supervisor's
judgement; the kit uses thresholds (ASSUMPTION). Every value comes from the rule file.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_finite, check_frame
from kinerja_sim.rules._common import (
    ORGANISATION_PREDICATES,
    PREDICATES,
    RATINGS,
    RuleSet,
    as_array,
    codes,
    thresholds_to_labels,
)
from kinerja_sim.rules.curve import Curve, CurveCheck, CurveEnforcement

__all__ = ["PermenPANRB2022"]


class PermenPANRB2022(RuleSet):
    """Rule set of PermenPAN-RB 6/2022; build it with ``kinerja_sim.rules.load``.

    Examples
    --------
    >>> from kinerja_sim import rules
    >>> rs = rules.load("permenpanrb-6-2022")
    >>> rs.predicate("Di Atas Ekspektasi", "Di Atas Ekspektasi")
    'Sangat Baik'
    >>> rs.rating([2.4, 3.0, 3.5]).tolist()
    ['Di Bawah Ekspektasi', 'Sesuai Ekspektasi', 'Di Atas Ekspektasi']
    """

    def __init__(self, spec: dict):
        super().__init__(spec)
        cells = spec["predicate_matrix"]["cells"]
        self.matrix = np.array(
            [[cells[row][col] for col in RATINGS] for row in RATINGS], dtype=object
        )
        cuts = spec["score_to_rating"]["thresholds"]
        self.score_thresholds = (float(cuts["sesuai"]), float(cuts["di_atas"]))
        cuts = spec["achievement_to_rating"]["thresholds"]
        self.achievement_thresholds = (float(cuts["sesuai"]), float(cuts["di_atas"]))
        self.curve = Curve.from_spec(spec["curve"])
        ak = spec["angka_kredit"]
        self.ak_percentages = {label: float(ak["percentages"][label]) for label in PREDICATES}
        self.ak_coefficients = {key: float(v) for key, v in ak["coefficients"]["values"].items()}
        leader = spec["unit_leader"]["ratings"]["values"]
        self.leader_ratings = {org: leader[org] for org in ORGANISATION_PREDICATES}

    def rating(self, score):
        """Rating label of a score on 1–5 (thresholds of ``score_to_rating``, ASSUMPTION).

        A score below ``sesuai`` (2.5) is Di Bawah Ekspektasi, from 2.5 to below ``di_atas``
        (3.5) Sesuai Ekspektasi, from 3.5 Di Atas Ekspektasi; NaN gives None.
        """
        return thresholds_to_labels(score, self.score_thresholds, RATINGS)

    def rating_codes(self, score) -> np.ndarray:
        """Position of each score's rating in ``RATINGS`` (0 Di Bawah, 1 Sesuai, 2 Di Atas); −1 for
        NaN.

        The array form of :meth:`rating` (same thresholds), for millions of scores at once.

        Examples
        --------
        >>> import numpy as np
        >>> from kinerja_sim import rules
        >>> rs = rules.load("permenpanrb-6-2022")
        >>> rs.rating_codes(np.array([2.4, 2.5, 3.49, 3.5, np.nan])).tolist()
        [0, 1, 1, 2, -1]
        """
        values = np.asarray(
            score.to_numpy() if isinstance(score, pd.Series) else score, dtype=float
        )
        out = np.searchsorted(np.asarray(self.score_thresholds), values, side="right").astype(
            np.int8
        )
        out[np.isnan(values)] = -1
        return out

    def rating_hasil_kerja(self, capaian):
        """Rating Hasil Kerja from indicator achievement in percent (``achievement_to_rating``,
        ASSUMPTION).

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rules.load("permenpanrb-6-2022").rating_hasil_kerja([89.9, 90, 109.9, 110]).tolist()
        ['Di Bawah Ekspektasi', 'Sesuai Ekspektasi', 'Sesuai Ekspektasi', 'Di Atas Ekspektasi']
        """
        return thresholds_to_labels(capaian, self.achievement_thresholds, RATINGS)

    def predicate(self, hasil_kerja, perilaku):
        """Predikat Kinerja Pegawai from the two rating labels (the matrix of the rule file, HIGH).

        Parameters
        ----------
        hasil_kerja, perilaku : str, array-like or Series
            "Di Atas Ekspektasi", "Sesuai Ekspektasi" or "Di Bawah Ekspektasi".

        Returns
        -------
        str, numpy.ndarray or Series
            Same shape as ``hasil_kerja`` (a Series keeps its index). Vectorised.

        Examples
        --------
        >>> import pandas as pd
        >>> from kinerja_sim import rules
        >>> rs = rules.load("permenpanrb-6-2022")
        >>> rs.predicate(pd.Series(["Sesuai Ekspektasi", "Di Bawah Ekspektasi"]),
        ...              pd.Series(["Di Bawah Ekspektasi", "Sesuai Ekspektasi"])).tolist()
        ['Kurang/Misconduct', 'Butuh Perbaikan']
        """
        _, back = as_array(hasil_kerja, dtype=object)
        rows = codes(hasil_kerja, RATINGS, "hasil_kerja")
        cols = codes(perilaku, RATINGS, "perilaku")
        if rows.shape != cols.shape:
            raise ValueError(
                f"hasil_kerja and perilaku must have the same length, got {rows.size} and "
                f"{cols.size}"
            )
        return back(self.matrix[rows, cols])

    def predicate_from_scores(self, hasil_kerja, perilaku):
        """Predicate from scores on 1–5 (each turned into a rating first)."""
        return self.predicate(self.rating(hasil_kerja), self.rating(perilaku))

    def check_curve(self, predicates, *, organisation: str, lang=None) -> CurveCheck:
        """Check the predicates of one unit against the curve of its organisation predicate.

        Returns
        -------
        CurveCheck
            ``.ok``, ``.violations`` (text in Bahasa Indonesia, or ``lang="en"``),
            ``.feasible`` (whether any distribution of this team size can pass) and
            ``.to_frame()`` with one row per limit.

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rs = rules.load("permenpanrb-6-2022")
        >>> result = rs.check_curve(["Baik"] * 6 + ["Butuh Perbaikan"], organisation="Baik")
        >>> result.ok
        False
        >>> print(result.violations[0])
        Predikat Baik 6 dari 7 pegawai (86%); paling banyak 70% (4 pegawai).
        """
        return self.curve.check(predicates, organisation=organisation, lang=lang)

    def enforce_curve(
        self, predicates, rank, *, organisation: str, tie_break=None, rng=None
    ) -> CurveEnforcement:
        """Change the fewest employees of one unit, by rank, so the curve holds.

        Parameters
        ----------
        predicates : array-like or Series of predicate labels
        rank : array-like of float
            Higher is better (e.g. the combined score); NaN counts as the lowest.
        organisation : str
            The organisation predicate.
        tie_break : {"order", "random"}, optional
            Overrides the rule file; ``"random"`` uses ``rng``.
        rng : seed or numpy Generator, optional

        Returns
        -------
        CurveEnforcement
            ``.predicates`` (new labels, same index), ``.changed``, ``.n_changed``,
            ``.feasible`` and ``.check`` (the check of the new predicates).

        Notes
        -----
        See :mod:`kinerja_sim.rules.curve` for the order of preference (ASSUMPTION).

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rs = rules.load("permenpanrb-6-2022")
        >>> result = rs.enforce_curve(["Baik"] * 5, [5, 4, 3, 2, 1], organisation="Baik")
        >>> result.predicates.tolist(), result.check.ok
        (['Baik', 'Baik', 'Baik', 'Butuh Perbaikan', 'Butuh Perbaikan'], True)
        """
        return self.curve.enforce(
            predicates, rank, organisation=organisation, tie_break=tie_break, rng=rng
        )

    def enforce_curve_by(
        self,
        frame: pd.DataFrame,
        *,
        by="office_id",
        predicate="predicate",
        rank="rank",
        organisation="organisation_predicate",
        tie_break=None,
        rng=None,
    ) -> pd.DataFrame:
        """Enforce the curve in every group (office or unit) of ``frame`` at once, vectorised.

        Returns a copy of ``frame`` with ``enforced_predicate``, ``changed`` and
        ``curve_feasible`` added.

        Raises
        ------
        ValueError
            An empty ``frame``, a missing column, a missing ``by`` or ``organisation``
            value, an infinite ``rank`` (a missing rank, NaN, ranks last), an unknown
            predicate.
        """
        check_frame(
            "frame",
            frame,
            (by, predicate, rank, organisation),
            ids=(by, organisation),
            allow_empty=True,
        )
        check_finite(f"frame column {rank!r}", frame[rank], allow_nan=True)
        return self.curve.enforce_by(
            frame,
            by=by,
            predicate=predicate,
            rank=rank,
            organisation=organisation,
            tie_break=tie_break,
            rng=rng,
        )

    def angka_kredit(self, predicate, jenjang, months=12):
        """Angka kredit earned: ``months / 12 × percentage(predicate) × coefficient(jenjang)``.

        Notes
        -----
        PermenPAN-RB 1/2023 with PerBKN 3/2023: percentages HIGH, coefficients MEDIUM.
        A jenjang without a coefficient (e.g. a structural position) gives NaN. ``months``
        (of the year under appraisal) must lie from 0 to 12; anything else is refused.

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rules.load("permenpanrb-6-2022").angka_kredit("Sangat Baik", "Ahli Muda", months=6)
        18.75
        """
        pct = codes(predicate, PREDICATES, "predicate")
        share = np.array([self.ak_percentages[p] for p in PREDICATES])[pct]
        jenjang_array, back = as_array(jenjang, dtype=object)
        if np.ndim(jenjang) == 0 and not isinstance(jenjang, pd.Series):
            _, back = as_array(
                predicate, dtype=object
            )  # the result takes the shape of the longer input
        coefficient = np.array(
            [self.ak_coefficients.get(j, np.nan) for j in jenjang_array], dtype=float
        )
        try:
            months_array = np.asarray(
                months.to_numpy() if isinstance(months, pd.Series) else months, dtype=float
            )
        except (TypeError, ValueError):
            raise TypeError(
                f"months must be a number of months from 0 to 12, got {months!r}"
            ) from None
        bad = ~((months_array >= 0) & (months_array <= 12))
        if np.any(bad):
            raise ValueError(
                "months must be a number of months from 0 to 12, got "
                f"{months_array[bad].ravel()[0]!r}"
            )
        return back(months_array / 12.0 * share * coefficient)

    def leader_rating(self, unit_result):
        """Rating Hasil Kerja of a unit's leader from the unit's result, its organisation predicate.

        The leader's rating is the unit's result (PermenPAN-RB 6/2022, MEDIUM); Istimewa is
        Di Atas Ekspektasi, Baik Sesuai, the lower predicates Di Bawah (``unit_leader.ratings``,
        ASSUMPTION). Vectorised.

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rules.load("permenpanrb-6-2022").leader_rating(["Istimewa", "Baik", "Kurang"]).tolist()
        ['Di Atas Ekspektasi', 'Sesuai Ekspektasi', 'Di Bawah Ekspektasi']
        """
        found = codes(unit_result, ORGANISATION_PREDICATES, "unit_result")
        table = np.array(
            [self.leader_ratings[org] for org in ORGANISATION_PREDICATES], dtype=object
        )
        _, back = as_array(unit_result, dtype=object)
        return back(table[found])

    def leader_rating_table(self) -> np.ndarray:
        """Array form of :meth:`leader_rating`: the position in ``RATINGS`` for each organisation
        predicate.

        Index it by organisation-predicate codes (``ORGANISATION_PREDICATES`` order) to set
        the rating codes of many unit leaders at once, e.g.
        ``codes[leader] = rs.leader_rating_table()[org_code[office[leader]]]``.

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> # Istimewa .. Sangat Kurang
        >>> rules.load("permenpanrb-6-2022").leader_rating_table().tolist()
        [2, 1, 0, 0, 0]
        """
        return np.array(
            [RATINGS.index(self.leader_ratings[org]) for org in ORGANISATION_PREDICATES],
            dtype=np.int8,
        )

    def apply_unit_leaders(self, rating_hasil_kerja, *, leader, unit_result):
        """Rating Hasil Kerja after the unit-leader rule: each leader takes the unit's result.

        Parameters
        ----------
        rating_hasil_kerja : array-like or Series of rating labels, shape (n,)
            The ratings from each employee's own work.
        leader : array-like of bool, shape (n,)
            Whether the employee leads the unit (e.g. ``offices.head_id`` of the office).
        unit_result : array-like of organisation predicates, shape (n,)
            The result of the unit each employee leads (read only where ``leader``).

        Returns
        -------
        numpy.ndarray or Series (same index) of rating labels

        Examples
        --------
        >>> from kinerja_sim import rules
        >>> rs = rules.load("permenpanrb-6-2022")
        >>> rs.apply_unit_leaders(["Sesuai Ekspektasi", "Sesuai Ekspektasi"], leader=[True, False],
        ...                       unit_result=["Istimewa", "Istimewa"]).tolist()
        ['Di Atas Ekspektasi', 'Sesuai Ekspektasi']
        """
        ratings, back = as_array(rating_hasil_kerja, dtype=object)
        codes(ratings[pd.notna(ratings)], RATINGS, "rating_hasil_kerja")
        lead = np.asarray(
            leader.to_numpy() if isinstance(leader, pd.Series) else leader, dtype=bool
        ).ravel()
        result = np.asarray(
            unit_result.to_numpy() if isinstance(unit_result, pd.Series) else unit_result,
            dtype=object,
        ).ravel()
        if not (lead.shape == result.shape == ratings.shape):
            raise ValueError(
                f"rating_hasil_kerja, leader and unit_result must have the same length, "
                f"got {ratings.size}, {lead.size} and {result.size}"
            )
        out = ratings.copy()
        if np.any(lead):
            out[lead] = np.asarray(self.leader_rating(result[lead]), dtype=object)
        return back(out)
