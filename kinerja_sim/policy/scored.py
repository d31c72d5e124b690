"""The score-based regimes on the national path: PP 46/2011 and PP 30/2019 from the world's scores.

The world's raters give scores on 1–5 (hasil kerja and the seven BerAKHLAK values); the
older regimes score a final value on 0–100 (PP 46) or 0–120 (PP 30). This module turns
the scores into the inputs of the rule sets' array forms (``score_arrays``), for the
rated and for the true performance alike, so the gap between truth and practice is
measured with the same rules. The regimes' rules (formulas, weights, categories) are the
rule files'; the translation from 1–5 scores is the kit's (ASSUMPTION, the tables below).

Why practice under PP 46 was lenient (issue #12): the waktu formula of Perka BKN 1/2013
gives exactly 76 for work done on time, kuantitas targets were set to be met (100), and
the supervisor wrote the kualitas value himself, in the upper half of the Baik band; with
several ministries cutting tunjangan kinerja below 76 (e.g. PMA 29/2016), final values
clustered around 85–89. The same practice raters (``PRESETS["praktik"]``, with their
floor) feed these mappings; no separate leniency is added.
"""

from __future__ import annotations

import numpy as np

from kinerja_sim._core.validate import check_rng
from kinerja_sim.world.dimensions import SCALE_MAX, SCALE_MIN

__all__ = [
    "PP30_FROM_SCORE",
    "PP30_NEW_IDEA_SHARE",
    "PP46_EXTRAS",
    "PP46_FROM_SCORE",
    "category_keys",
    "draw_extras",
    "regime_values",
]

#: PP 46/2011 activity aspects from the Hasil Kerja score s (1–5), ASSUMPTION:
#: - kuantitas R/T = 1 + ``kuantitas_per_point`` (s − 3), at most 1: targets were set so that
#:   work "as expected" meets them exactly (the usual practice), weaker work falls short;
#: - kualitas is the value the supervisor writes (0–100): ``kualitas_at_3`` +
#:   ``kualitas_per_point`` (s − 3), clipped to 0–100; "as expected" was written in the upper
#:   half of the Baik band (76–90), full marks from a score of about 3.4. With the extras
#:   below, the practice raters then give mean 86.4, SD 3.0, Sangat Baik 11% (issue #12's
#:   target: mean 82–89, SD 2.5–6, Sangat Baik about 10%; tests/test_policy_scored.py);
#: - waktu: on time (R/T = 1, hence 76 by the formula) from s = ``on_time_from``; later
#:   below it by ``waktu_late_per_point`` of the planned time per score point.
#: Tugas tambahan and kreativitas points follow :data:`PP46_EXTRAS`. Perilaku: the rule file's
#: ``berakhlak_mapping`` and ``perilaku_from_score``; kepemimpinan is not counted (no
#: structural positions in the national workforce model).
PP46_FROM_SCORE = {
    "kuantitas_per_point": 0.10,
    "kualitas_at_3": 85.0,
    "kualitas_per_point": 40.0,
    "on_time_from": 2.5,
    "waktu_late_per_point": 0.20,
}

#: PP 46/2011 points added to the SKP value (Perka BKN 1/2013): the share of employees with
#: 1–3, 4–6 and 7 or more tugas tambahan in a year, and with a kreativitas recognised at the
#: level of the unit (3 points), the organisation (6) or the nation (12). ASSUMPTION: no
#: national figures were found; drawn independently of performance.
PP46_EXTRAS = {
    "tugas_tambahan": {1: 0.30, 4: 0.10, 7: 0.02},
    "kreativitas": {"unit_kerja": 0.05, "organisasi": 0.015, "negara": 0.001},
}

#: PP 30/2019 capaian IKI (percent) from the Hasil Kerja score s (ASSUMPTION): work "as
#: expected" (s from ``sesuai`` to ``di_atas``, the 6/2022 rating band 2.5–3.5) meets its
#: target, capaian 100%; above the band capaian rises by ``per_point`` percent per score point,
#: below it falls by as much (so 2.0 gives 90% and 4.0 gives 110%, the lines of
#: ``achievement_to_rating`` in the 6/2022 rule file). Perilaku: the rule file's
#: ``perilaku_from_score`` on the mean BerAKHLAK score.
PP30_FROM_SCORE = {"sesuai": 2.5, "di_atas": 3.5, "per_point": 20.0}

#: PP 30/2019 Sangat Baik needs a value of 110 or more *and* a new idea or method recognised by
#: the organisation. Share of employees with such a recognised innovation in a year:
#: ASSUMPTION (no national figure was found); innovation is drawn independently of the
#: value, so the Sangat Baik share is this share of those valued 110 or more.
PP30_NEW_IDEA_SHARE = 0.25


def category_keys(labels) -> tuple:
    """Column keys of category labels: ``"Kurang/Misconduct"`` -> ``"kurang"``, ``"Sangat Baik"``
    -> ``"sangat_baik"``.

    Examples
    --------
    >>> category_keys(["Sangat Baik", "Kurang/Misconduct", "Cukup"])
    ('sangat_baik', 'kurang', 'cukup')
    """
    return tuple(label.split("/")[0].strip().lower().replace(" ", "_") for label in labels)


def draw_extras(rule_set, n: int, *, rng=None) -> dict:
    """What a score-based regime adds beyond the scores, drawn for ``n`` employees.

    PP 46/2011: ``tugas_tambahan`` (number of tasks) and ``kreativitas`` (points) from
    :data:`PP46_EXTRAS`; PP 30/2019: ``new_idea`` with probability
    :data:`PP30_NEW_IDEA_SHARE`. The same draws serve the rated and the true category.

    Examples
    --------
    >>> from kinerja_sim import rules
    >>> extras = draw_extras(rules.load("pp-30-2019"), 10_000, rng=1)
    >>> bool(0.22 < extras["new_idea"].mean() < 0.28)
    True
    """
    rng = check_rng(rng)
    u = rng.random((n, 2))
    if rule_set.regime == "pp-30-2019":
        return {"new_idea": u[:, 0] < PP30_NEW_IDEA_SHARE}
    tasks = np.zeros(n)
    edge = 0.0
    for count, share in sorted(
        PP46_EXTRAS["tugas_tambahan"].items(), reverse=True
    ):  # most tasks first
        tasks[(u[:, 0] >= edge) & (u[:, 0] < edge + share)] = count
        edge += share
    points = np.zeros(n)
    edge = 0.0
    for level, share in PP46_EXTRAS["kreativitas"].items():
        points[(u[:, 1] >= edge) & (u[:, 1] < edge + share)] = rule_set.kreativitas_points(level)
        edge += share
    return {"tugas_tambahan": tasks, "kreativitas": points}


def regime_values(
    rule_set, hasil, berakhlak, *, new_idea=None, with_360=False, tugas_tambahan=0, kreativitas=0
):
    """Final value and category codes of a score-based regime from 1–5 scores.

    Parameters
    ----------
    rule_set : PP46_2011 or PP30_2019
    hasil : array of float, shape (n,)
        Hasil Kerja score, 1–5.
    berakhlak : array of float, shape (n, 7)
        The seven BerAKHLAK scores, 1–5 (averaged over raters for 360 degrees).
    new_idea : array of bool, shape (n,), optional
        PP 30/2019: a recognised new idea (needed for Sangat Baik).
    with_360 : bool
        PP 30/2019: peer and subordinate input (weights 60/40).
    tugas_tambahan, kreativitas : array of shape (n,) or number
        PP 46/2011: tasks and kreativitas points (:func:`draw_extras`).

    Returns
    -------
    value : ndarray of float, shape (n,)
    category : ndarray of int8, shape (n,)
        Codes into ``rule_set.labels`` (0 = best).

    Examples
    --------
    >>> import numpy as np
    >>> from kinerja_sim import rules
    >>> rs = rules.load("pp-46-2011")
    >>> value, category = regime_values(rs, np.array([3.0]), np.full((1, 7), 3.0))
    >>> round(float(value[0]), 2), rs.labels[category[0]]   # (100 + 85 + 76) / 3 x 0.6 + 80 x 0.4
    (84.2, 'Baik')
    """
    s = np.clip(np.asarray(hasil, dtype=float), SCALE_MIN, SCALE_MAX)
    scores = np.clip(np.asarray(berakhlak, dtype=float), SCALE_MIN, SCALE_MAX)
    if rule_set.regime == "pp-46-2011":
        m = PP46_FROM_SCORE
        kuantitas = np.minimum(1.0 + m["kuantitas_per_point"] * (s - 3.0), 1.0)
        kualitas = (
            np.clip(m["kualitas_at_3"] + m["kualitas_per_point"] * (s - 3.0), 0.0, 100.0) / 100.0
        )
        waktu = 1.0 + m["waktu_late_per_point"] * np.maximum(m["on_time_from"] - s, 0.0)
        aspects = rule_set.perilaku_aspects_from_berakhlak(scores)
        out = rule_set.score_arrays(
            kuantitas=kuantitas,
            kualitas=kualitas,
            waktu=waktu,
            perilaku=aspects,
            structural=np.zeros(len(s), dtype=bool),
            tugas_tambahan=tugas_tambahan,
            kreativitas=kreativitas,
        )
        return out.value, out.category
    if rule_set.regime == "pp-30-2019":
        m = PP30_FROM_SCORE
        capaian = 100.0 + m["per_point"] * (
            np.maximum(s - m["di_atas"], 0.0) - np.maximum(m["sesuai"] - s, 0.0)
        )
        perilaku = rule_set.perilaku_from_score(scores.mean(axis=1))
        idea = (
            np.zeros(len(s), dtype=bool) if new_idea is None else np.asarray(new_idea, dtype=bool)
        )
        out = rule_set.score_arrays(
            capaian=capaian,
            perilaku=np.asarray(perilaku, dtype=float),
            new_idea=idea,
            with_360=with_360,
        )
        return out.value, out.category
    raise ValueError(
        f"rule_set must be of regime 'pp-46-2011' or 'pp-30-2019', got {rule_set.regime!r}"
    )
