"""Side by side: the same employees under every regime, in one tidy table.

Policy staff and trainees see what each regime would have made of the same year of work:
the SKP and perilaku values (PP 46/2011 and PP 30/2019), the ratings (PermenPAN-RB
6/2022) and the predicate under each. All regimes read the same evidence: the indicators
(target, realisation) for the results, and the supervisor's BerAKHLAK scores for behaviour.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_choice, check_columns
from kinerja_sim.rules._common import RuleSet, capaian
from kinerja_sim.rules.spec import load
from kinerja_sim.world.dimensions import BERAKHLAK, RESULT

__all__ = ["COMPARE_COLUMNS", "compare_regimes", "employee_inputs"]

COMPARE_COLUMNS = [
    "employee_id",
    "office_id",
    "regime",
    "skp_value",
    "perilaku_value",
    "value",
    "rating_hasil_kerja",
    "rating_perilaku",
    "predicate",
]


def employee_inputs(
    dataset, *, hasil_kerja: str = "indicators", berakhlak: bool = False
) -> pd.DataFrame:
    """Per employee: ids, ``capaian`` (mean, %), ``hasil_kerja_score``, ``perilaku_score``,
    BerAKHLAK scores.

    Columns ``employee_id``, ``office_id``, ``structural`` (``position_type`` is
    "struktural"; False without that column), ``capaian``, ``hasil_kerja_score``,
    ``perilaku_score`` and, with ``berakhlak=True``, one column per BerAKHLAK value (its
    score; PP 46/2011 needs them for its six behaviour aspects). ``perilaku_score`` is
    the mean of the seven BerAKHLAK scores (CONTRACT), given by the employee's supervisor
    when ``employees.supervisor_id`` and ``ratings.rater_id`` allow, else by every rater. A
    BerAKHLAK value without a score takes the employee's ``perilaku_score``.
    ``hasil_kerja_score`` is, with ``hasil_kerja="indicators"`` (default), the level
    equivalent of the mean capaian, ``3 + (capaian / 100 − 1) / 0.2`` (CONTRACT); with
    ``"ratings"`` the rater's hasil_kerja score.
    """
    check_choice("hasil_kerja", hasil_kerja, ("indicators", "ratings"))
    employees = check_columns("dataset.employees", dataset.employees, ["employee_id", "office_id"])
    indicators = check_columns(
        "dataset.indicators",
        dataset.indicators,
        ["employee_id", "target", "realisation", "direction"],
    )
    ratings = _supervisor_ratings(
        check_columns("dataset.ratings", dataset.ratings, ["employee_id", "dimension", "score"]),
        employees,
    )
    achieved = (
        pd.DataFrame(
            {
                "employee_id": indicators["employee_id"].to_numpy(),
                "capaian": capaian(
                    indicators["realisation"].to_numpy(dtype=float),
                    indicators["target"].to_numpy(dtype=float),
                    indicators["direction"].to_numpy(dtype=object),
                ),
            }
        )
        .groupby("employee_id")["capaian"]
        .mean()
    )
    behaviour = ratings[ratings["dimension"].isin(BERAKHLAK)].groupby("employee_id")["score"].mean()
    out = employees[["employee_id", "office_id"]].copy()
    out["capaian"] = out["employee_id"].map(achieved).astype(float)
    if hasil_kerja == "indicators":
        out["hasil_kerja_score"] = 3.0 + (out["capaian"] / 100.0 - 1.0) / 0.2
    else:
        result = ratings[ratings["dimension"] == RESULT].groupby("employee_id")["score"].mean()
        out["hasil_kerja_score"] = out["employee_id"].map(result).astype(float)
    out["perilaku_score"] = out["employee_id"].map(behaviour).astype(float)
    if berakhlak:
        values = ratings[ratings["dimension"].isin(BERAKHLAK)].pivot_table(
            index="employee_id", columns="dimension", values="score", aggfunc="mean"
        )
        for key in BERAKHLAK:
            column = values[key] if key in values.columns else pd.Series(dtype=float)
            out[key] = out["employee_id"].map(column).astype(float).fillna(out["perilaku_score"])
    kind = (
        employees["position_type"]
        if "position_type" in employees.columns
        else pd.Series("", index=employees.index)
    )
    out.insert(2, "structural", (kind == "struktural").to_numpy())
    return out.reset_index(drop=True)


def _supervisor_ratings(ratings: pd.DataFrame, employees: pd.DataFrame) -> pd.DataFrame:
    if "rater_id" not in ratings.columns or "supervisor_id" not in employees.columns:
        return ratings
    supervisor = ratings["employee_id"].map(employees.set_index("employee_id")["supervisor_id"])
    own = ratings[ratings["rater_id"].to_numpy() == supervisor.to_numpy()]
    return own if own["employee_id"].nunique() == ratings["employee_id"].nunique() else ratings


def compare_regimes(
    dataset,
    rule_sets=None,
    *,
    hasil_kerja: str = "indicators",
    enforce_curve: bool = False,
    unit_leaders: bool = True,
) -> pd.DataFrame:
    """Apply several rule sets to the same dataset: one row per employee × regime.

    Parameters
    ----------
    dataset : Dataset or any object with ``employees``, ``indicators`` and ``ratings`` tables
        (CONTRACT.md shapes); ``offices`` with ``organisation_predicate`` when
        ``enforce_curve``.
    rule_sets : list of names, paths or rule sets, optional
        Default: the three built-in regimes.
    hasil_kerja : {"indicators", "ratings"}
        Where the 6/2022 Rating Hasil Kerja comes from: the mean capaian of the indicators
        (default, the same evidence the older regimes use) or the rater's hasil_kerja score.
    unit_leaders : bool
        Under 6/2022, the head of each office (``offices.head_id``) takes the office's result
        (``organisation_predicate``) as Rating Hasil Kerja (SPEC 2.1, MEDIUM;
        ``PermenPANRB2022.apply_unit_leaders``). Needs both columns in ``offices``.
    enforce_curve : bool
        Apply the 6/2022 distribution curve per office (rank: hasil kerja plus perilaku score).

    Returns
    -------
    pandas.DataFrame
        ``employee_id``, ``office_id``, ``regime`` (the rule set's name), ``skp_value``,
        ``perilaku_value`` and ``value`` (the final value; NaN under 6/2022, which has none),
        ``rating_hasil_kerja`` and ``rating_perilaku`` (labels under 6/2022, else missing),
        ``predicate`` (the predicate or category under each regime).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> import pandas as pd
    >>> from kinerja_sim.rules import compare_regimes
    >>> data = SimpleNamespace(
    ...     employees=pd.DataFrame({"employee_id": ["E1"], "office_id": ["O1"]}),
    ...     indicators=pd.DataFrame({"employee_id": ["E1"], "rhk_id": ["K1"],
    ...         "aspect": ["kuantitas"], "target": [100.0], "realisation": [100.0],
    ...         "direction": ["higher"]}),
    ...     ratings=pd.DataFrame(
    ...         {"employee_id": "E1", "dimension": ["akuntabel", "loyal"], "score": 3.0}))
    >>> compare_regimes(data)[["regime", "value", "predicate"]]
                   regime  value predicate
    0  permenpanrb-6-2022    NaN      Baik
    1          pp-30-2019  106.3      Baik
    2          pp-46-2011   87.2      Baik
    """
    rule_sets = [
        rs if isinstance(rs, RuleSet) else load(rs)
        for rs in (rule_sets or ["permenpanrb-6-2022", "pp-30-2019", "pp-46-2011"])
    ]
    inputs = employee_inputs(
        dataset,
        hasil_kerja=hasil_kerja,
        berakhlak=any(rs.regime == "pp-46-2011" for rs in rule_sets),
    )
    frames = [
        _apply(rs, dataset, inputs, hasil_kerja, enforce_curve, unit_leaders) for rs in rule_sets
    ]
    return pd.concat(frames, ignore_index=True)[COMPARE_COLUMNS]


def _apply(rs, dataset, inputs, hasil_kerja, enforce_curve, unit_leaders) -> pd.DataFrame:
    out = inputs[["employee_id", "office_id"]].copy()
    out.insert(2, "regime", rs.name)
    if rs.regime == "permenpanrb-6-2022":
        return _apply_2022(rs, dataset, inputs, out, hasil_kerja, enforce_curve, unit_leaders)
    skp = out["employee_id"].map(rs.skp_from_indicators(dataset.indicators)).astype(float)
    if rs.regime == "pp-46-2011":  # six behaviour aspects from the seven BerAKHLAK scores
        known = inputs["perilaku_score"].notna().to_numpy()
        perilaku = np.full(len(inputs), np.nan)
        aspects = rs.perilaku_aspects_from_berakhlak(
            inputs.loc[known, list(BERAKHLAK)].to_numpy(dtype=float)
        )
        perilaku[known] = rs.perilaku_value(
            aspects, structural=inputs.loc[known, "structural"].to_numpy(dtype=bool)
        )
    else:
        perilaku = rs.perilaku_value(inputs["perilaku_score"].astype(float)).to_numpy()
    out["skp_value"], out["perilaku_value"] = skp.to_numpy(), perilaku
    out["value"] = rs.final_value(skp=out["skp_value"], perilaku=out["perilaku_value"]).to_numpy()
    out["rating_hasil_kerja"] = out["rating_perilaku"] = None
    out["predicate"] = rs.category(out["value"]).to_numpy()
    return out


def _apply_2022(rs, dataset, inputs, out, hasil_kerja, enforce_curve, unit_leaders) -> pd.DataFrame:
    out["skp_value"] = out["perilaku_value"] = out["value"] = np.nan
    if hasil_kerja == "indicators":
        out["rating_hasil_kerja"] = rs.rating_hasil_kerja(inputs["capaian"]).to_numpy()
    else:
        out["rating_hasil_kerja"] = rs.rating(inputs["hasil_kerja_score"]).to_numpy()
    offices = getattr(dataset, "offices", None)
    if (
        unit_leaders
        and offices is not None
        and {"head_id", "organisation_predicate"} <= set(offices.columns)
    ):
        led = offices.dropna(subset=["head_id"]).set_index("head_id")["organisation_predicate"]
        result = out["employee_id"].map(led)
        out["rating_hasil_kerja"] = rs.apply_unit_leaders(
            out["rating_hasil_kerja"].to_numpy(dtype=object),
            leader=result.notna().to_numpy(),
            unit_result=result.to_numpy(dtype=object),
        )
    out["rating_perilaku"] = rs.rating(inputs["perilaku_score"]).to_numpy()
    known = out["rating_hasil_kerja"].notna() & out["rating_perilaku"].notna()
    out["predicate"] = None
    out.loc[known, "predicate"] = rs.predicate(
        out.loc[known, "rating_hasil_kerja"], out.loc[known, "rating_perilaku"]
    ).to_numpy()
    if enforce_curve:
        organisation = out["office_id"].map(
            dataset.offices.set_index("office_id")["organisation_predicate"]
        )
        frame = pd.DataFrame(
            {
                "office_id": out["office_id"],
                "predicate": out["predicate"],
                "rank": inputs["hasil_kerja_score"] + inputs["perilaku_score"],
                "organisation": organisation,
            }
        )[known]
        enforced = rs.enforce_curve_by(frame, by="office_id", organisation="organisation")
        out.loc[known, "predicate"] = enforced["enforced_predicate"].to_numpy()
    return out
