"""The kit's measurement analyses on an imported, pseudonymised appraisal export.

Real exports hold labels, not 1–5 scores, and each employee has one rater. So:

- labels become ordinal codes (Di Bawah = 1, Sesuai = 2, Di Atas Ekspektasi = 3);
- a rater is compared with their *peers*: the other raters of the same unit kerja (or,
  when they rated fewer than 5 employees, every other rater in the file). The peers' mean code per
  dimension is the reference that :func:`kinerja_sim.metrics.rater_profile` measures
  leniency against. This assumes that teams of one unit are, on average, alike in true
  performance (ASSUMPTION): a rater whose team is truly better looks lenient;
- raters are also compared with every other rater of the file, and each unit kerja as a whole
  with the rest of the file (:func:`unit_profiles`), so a unit that is lenient as a whole, whose
  raters all look alike beside each other, is flagged too;
- the distribution curve is checked per unit kerja with the rule set
  (:meth:`kinerja_sim.rules.PermenPANRB2022.check_curve`), with the organisation predicate
  from the file, from the caller, or assumed "Baik" (said so in the result).

Every analysis works on the annual view (:meth:`Appraisals.view`: one row per employee, so
monthly or quarterly rows never count an employee twice). An analysis that needs a column the
file lacks raises :class:`~kinerja_sim.byod.read.NotApplicable` with one sentence that says so
(``Appraisals.applicable()`` lists them all). PP 46-style scores (regime ``pp-46-2011``) get
the distributions of their categories and rater leniency on the 0-100 score; the curve and
the fit are PermenPAN-RB 6/2022 only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_choice, check_int

__all__ = [
    "ASPECTS",
    "CurveChecks",
    "curve_checks",
    "distributions",
    "peer_reference",
    "rater_profiles",
    "unit_profiles",
]

ASPECTS = {
    "rating_hasil_kerja": "ratings",
    "rating_perilaku_kerja": "ratings",
    "predikat": "predicates",
}
DEFAULT_ORGANISATION = "Baik"
MIN_PEER_RATINGS = 5  # fewer peer ratings of a dimension in the unit: compare with the whole file
#: Leniency flag size for PP 46-style scores, in points of 0-100 (ASSUMPTION: a third of the
#: 15-point Baik band, about what 0.25 code points are on the 1-3 scale of 6/2022 labels).
PP46_LENIENCY_POINTS = 5.0
#: Leniency flag size on the 1-3 codes of 6/2022 rating labels (ASSUMPTION: a quarter of a rating
#: category). The kit's FlagThresholds are tuned for 1-5 scores, a finer scale, so exports keep
#: their own size.
CODE_LENIENCY = 0.25
#: Flag size for a whole unit kerja against the rest of the file, in code points (ASSUMPTION: a
#: unit mean 0.15 above the rest is about 15 more employees in 100 rated Di Atas Ekspektasi
#: instead of Sesuai on both ratings; a unit mean pools many raters, so a smaller shift is seen).
UNIT_LENIENCY = 0.15
UNIT_LENIENCY_POINTS = 3.0  # the same for PP 46-style 0-100 scores (ASSUMPTION)


def _data(appraisals) -> pd.DataFrame:
    """The annual view of an Appraisals (one row per employee), or a DataFrame as given."""
    return appraisals.view().table if hasattr(appraisals, "view") else appraisals


def _aspects(appraisals, data) -> dict:
    if getattr(appraisals, "regime", "") == "pp-46-2011":
        return {"predikat": "pp46_categories"}
    if not hasattr(appraisals, "has"):
        return ASPECTS
    aspects = {
        name: kind for name, kind in ASPECTS.items() if name != "predikat" and appraisals.has(name)
    }
    if (data["predikat"] != "").any():
        aspects["predikat"] = "predicates"
    return aspects


def distributions(appraisals, *, by: str | None = "unit_kerja", lang=None) -> pd.DataFrame:
    """Counts and shares of each label per unit (or overall with ``by=None``).

    Returns
    -------
    DataFrame
        One row per group, aspect and label: the ``by`` column (or ``unit_kerja`` =
        "(semua unit)"), ``aspect`` ("rating_hasil_kerja", "rating_perilaku_kerja",
        "predikat"), ``label``, ``count``, ``n``, ``share``. Every label appears, with 0.

    Examples
    --------
    >>> from kinerja_sim.byod.read import example_path, read_appraisals
    >>> result = read_appraisals(example_path(), key="kunci-contoh-dokumentasi-2025")
    >>> table = distributions(result, by=None)
    >>> table.groupby("aspect")["share"].sum().round(6).tolist()
    [1.0, 1.0, 1.0]
    """
    from kinerja_sim.byod.schema import column_mapping

    data = _data(appraisals)
    if by == "unit_kerja" and hasattr(appraisals, "has") and not appraisals.has("unit_kerja"):
        by = None  # no unit column: one group, the whole file
    column = by or "unit_kerja"
    groups = data[by] if by else pd.Series(t("byod.analysis.all_units", lang), index=data.index)
    frames = []
    for aspect, kind in _aspects(appraisals, data).items():
        present = data[aspect] != ""
        labels = pd.Categorical(
            data[aspect].where(present), categories=list(column_mapping()[kind])
        )
        counts = pd.crosstab(groups.to_numpy(), labels, dropna=False)
        long = counts.stack().rename("count").reset_index()
        long.columns = [column, "label", "count"]
        long.insert(1, "aspect", aspect)
        frames.append(long)
    table = pd.concat(frames, ignore_index=True)
    table["label"] = table["label"].astype(str)
    table["n"] = table.groupby([column, "aspect"])["count"].transform("sum")
    table["share"] = table["count"] / table["n"].where(table["n"] > 0)
    return table


def peer_reference(appraisals) -> pd.DataFrame:
    """Each rating's peer reference: the mean code given by the other raters of the unit.

    Returns
    -------
    DataFrame
        The long ratings of :meth:`Appraisals.ratings` with ``peer_score`` (mean code of
        the same dimension given by the other raters of the unit, or of the whole file when
        they gave fewer than :data:`MIN_PEER_RATINGS`), ``peer_sd`` (their spread) and
        ``peers`` ("unit" or "all").
    """
    long = appraisals.ratings().copy()
    y = long["score"].to_numpy(dtype=float)
    for level, keys in (("unit", ["unit_kerja", "dimension"]), ("all", ["dimension"])):
        total = long.groupby(keys)["score"].transform("sum") - long.groupby(keys + ["rater_id"])[
            "score"
        ].transform("sum")
        square = long.assign(s2=y**2).groupby(keys)["s2"].transform("sum") - long.assign(
            s2=y**2
        ).groupby(keys + ["rater_id"])["s2"].transform("sum")
        count = long.groupby(keys)["score"].transform("size") - long.groupby(keys + ["rater_id"])[
            "score"
        ].transform("size")
        enough = count >= (MIN_PEER_RATINGS if level == "unit" else 1)
        mean = total / count.where(enough)
        sd = np.sqrt(
            np.maximum(square / count.where(count > 1) - mean**2, 0)
            * count
            / (count - 1).where(count > 1)
        )
        if level == "unit":
            long["peer_score"], long["peer_sd"], long["peers"] = (
                mean,
                sd,
                np.where(enough, "unit", ""),
            )
        else:
            missing = long["peer_score"].isna()
            long.loc[missing, "peer_score"] = mean[missing]
            long.loc[missing, "peer_sd"] = sd[missing]
            long.loc[missing, "peers"] = "all"
    return long


def rater_profiles(appraisals, *, min_ratees: int = 3, thresholds=None, lang=None) -> pd.DataFrame:
    """Each rater's leniency and spread relative to their peers (no truth needed).

    Parameters
    ----------
    appraisals : Appraisals
    min_ratees : int
        Raters with fewer employees get no estimate.
    thresholds : kinerja_sim.metrics.diagnostics.FlagThresholds, optional
        When a difference is flagged (``leniency`` size and ``z``); default the kit's
        ``z`` with a leniency of 0.25 code points.
    lang : {"id", "en"}, optional

    Returns
    -------
    DataFrame
        One row per rater: ``rater_id``, ``unit_kerja``, ``n_ratees``, ``mean_code``,
        ``peer_mean``, ``leniency`` (mean over the rater's employees of code minus the
        peers' mean code, both dimensions averaged), ``leniency_se``, ``ci_low``,
        ``ci_high`` (95%), ``flag_leniency``, ``share_di_atas``, ``share_sesuai``,
        ``share_di_bawah`` (both dimensions pooled), ``spread`` (sd of the codes),
        ``peer_spread``, ``spread_ratio`` (spread / peer_spread: below 1, fewer
        differences between employees than peers make), ``peers`` ("unit" or "all") and
        ``explanation`` (Bahasa Indonesia, or ``lang="en"``).

    Notes
    -----
    An export has no truth and no raters who share ratees (one rater per employee), so
    the peers' mean code is the reference: :func:`kinerja_sim.metrics.rater_profile`
    (the kit's one rater-profile computation) measures each rater against it, with
    ``middle=None`` (the plain mean difference: the peers' mean hardly varies between
    employees, so central tendency cannot be told from it). That gives ``leniency``, its
    standard error over the rater's employees and the flag rule of
    :class:`~kinerja_sim.metrics.diagnostics.FlagThresholds` (size at least
    ``thresholds.leniency`` and ``|z|`` at least ``thresholds.z``); the label shares and
    spreads are added here.

    Examples
    --------
    >>> from kinerja_sim.byod.read import example_path, read_appraisals
    >>> appraisals = read_appraisals(example_path(), key="kunci-contoh-dokumentasi-2025")
    >>> profiles = rater_profiles(appraisals)
    >>> bool(profiles["leniency"].abs().max() < 2)
    True
    """
    from kinerja_sim.metrics.diagnostics import FlagThresholds, rater_profile

    if hasattr(appraisals, "require"):
        appraisals.require("rater_profiles", lang)
    min_ratees = check_int("min_ratees", min_ratees, minimum=2)
    pp46 = getattr(appraisals, "regime", "") == "pp-46-2011"
    if thresholds is None:
        thresholds = FlagThresholds(leniency=PP46_LENIENCY_POINTS if pp46 else CODE_LENIENCY)
    long = peer_reference(appraisals)
    profile = pd.DataFrame(columns=["leniency", "leniency_se", "flag_leniency"], dtype=float)
    if long["peer_score"].notna().any():  # none when the file has one rater: no estimate
        profile = rater_profile(
            long,
            raters="rater_id",
            ratees="employee_id",
            dimensions="dimension",
            scores="score",
            true_scores="peer_score",
            thresholds=thresholds,
            middle=None,
            min_ratees=min_ratees,
            lang=lang,
        ).set_index("rater")
    grouped = long.groupby("rater_id", sort=True)
    table = pd.DataFrame(
        {
            "unit_kerja": grouped["unit_kerja"].agg(lambda s: s.mode().iloc[0]),
            "n_ratees": grouped["employee_id"].nunique(),
            "mean_code": grouped["score"].mean(),
            "peer_mean": grouped["peer_score"].mean(),
            "spread": grouped["score"].std(),
            "peer_spread": grouped["peer_sd"].mean(),
            "peers": grouped["peers"].agg(lambda s: s.mode().iloc[0]),
        }
    )
    for code, name in ((3, "share_di_atas"), (2, "share_sesuai"), (1, "share_di_bawah")):
        table[name] = (
            np.nan if pp46 else grouped["score"].apply(lambda s, c=code: float((s == c).mean()))
        )
    measured = profile.reindex(table.index.astype(str))
    for column in ("leniency", "leniency_se", "flag_leniency"):
        table[column] = measured[column].to_numpy()
    table["flag_leniency"] = table["flag_leniency"].astype("boolean").fillna(False).astype(bool)
    table["ci_low"] = table["leniency"] - 1.96 * table["leniency_se"]
    table["ci_high"] = table["leniency"] + 1.96 * table["leniency_se"]
    table["spread_ratio"] = table["spread"] / table["peer_spread"]
    file_mean, file_leniency = _against_file(long)
    table["file_mean"] = file_mean.reindex(table.index).to_numpy()
    table["leniency_file"] = file_leniency.reindex(table.index).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.abs(table["leniency_file"]) / table["leniency_se"]
    table["flag_leniency_file"] = (
        (np.abs(table["leniency_file"]) >= thresholds.leniency) & (z >= thresholds.z)
    ).fillna(False)
    table["explanation"] = [_explain(row, lang, pp46) for row in table.to_dict("records")]
    table = table.rename_axis("rater_id").reset_index()
    columns = [
        "rater_id",
        "unit_kerja",
        "n_ratees",
        "mean_code",
        "peer_mean",
        "leniency",
        "leniency_se",
        "ci_low",
        "ci_high",
        "flag_leniency",
        "share_di_atas",
        "share_sesuai",
        "share_di_bawah",
        "spread",
        "peer_spread",
        "spread_ratio",
        "peers",
        "file_mean",
        "leniency_file",
        "flag_leniency_file",
        "explanation",
    ]
    return table[columns].astype({"flag_leniency": bool, "flag_leniency_file": bool})


def _against_file(long) -> tuple[pd.Series, pd.Series]:
    """Per rater: the mean code of every other rater of the file (dimensions averaged), and the
    mean over the rater's ratings of their code minus that of the other raters, dimension by
    dimension."""
    keys = ["dimension"]
    total = long.groupby(keys)["score"].transform("sum")
    count = long.groupby(keys)["score"].transform("size")
    own_total = long.groupby(keys + ["rater_id"])["score"].transform("sum")
    own_count = long.groupby(keys + ["rater_id"])["score"].transform("size")
    reference = (total - own_total) / (count - own_count).where(count > own_count)
    frame = long.assign(reference=reference, difference=long["score"] - reference)
    grouped = frame.groupby("rater_id", sort=True)
    return grouped["reference"].mean(), grouped["difference"].mean()


def _explain(row, lang, pp46=False) -> str:
    text = _explain_peers(row, lang, pp46)
    if row.get("flag_leniency_file") and not row["flag_leniency"]:
        key = "lenient_file" if row["leniency_file"] > 0 else "severe_file"
        diff = number(abs(row["leniency_file"]), 2, trim=False, lang=lang)
        text += " " + t(f"byod.analysis.{key}", lang, diff=diff)
    return text


def _explain_peers(row, lang, pp46=False) -> str:
    peers = t(f"byod.analysis.peers.{row['peers'] or 'all'}", lang)
    if np.isnan(row["leniency"]):
        return t("byod.analysis.too_few", lang, n=row["n_ratees"])
    diff = number(abs(row["leniency"]), 2, trim=False, lang=lang)
    if row["flag_leniency"]:
        key = ("lenient" if row["leniency"] > 0 else "severe") + ("_points" if pp46 else "")
        return t(f"byod.analysis.{key}", lang, n=row["n_ratees"], diff=diff, peers=peers)
    return t("byod.analysis.similar", lang, n=row["n_ratees"], peers=peers)


def _cluster_variance(values, cluster) -> float:
    """Variance of the mean of ``values``: the larger of the cluster-robust one (CR1 over the
    raters with their teams, ``G/(G-1) sum_c (sum_{i in c} (y_i - mean))^2 / n^2``) and the one of
    independent employees (``s^2 / n``), since with few raters CR1 is too small; NaN with fewer
    than 2 employees."""
    values = np.asarray(values, dtype=float)
    n = len(values)
    if n < 2:
        return float("nan")
    plain = values.var(ddof=1) / n
    groups = len(np.unique(cluster))
    if groups < 2:
        return float(plain)
    residual = pd.Series(values - values.mean()).groupby(np.asarray(cluster)).sum()
    robust = groups / (groups - 1) * float((residual**2).sum()) / n**2
    return float(max(robust, plain))


def unit_profiles(appraisals, *, min_employees: int = 5, thresholds=None, lang=None):
    """Each unit kerja as a whole against the rest of the file: is a whole unit lenient?

    Raters are compared with the other raters of their own unit (:func:`rater_profiles`); a unit
    whose raters are all lenient looks normal that way. Here each unit's mean code is set beside
    the mean code of every employee outside it.

    Parameters
    ----------
    appraisals : Appraisals or DataFrame
        An import (its annual view) or a table with ``unit_kerja``, ``kode_hasil_kerja``,
        ``kode_perilaku_kerja`` and, optionally, ``rater_id``.
    min_employees : int
        Units with fewer employees get no comparison.
    thresholds : kinerja_sim.metrics.diagnostics.FlagThresholds, optional
        ``leniency`` (default :data:`UNIT_LENIENCY` code points) and ``z`` (default 1.96).

    Returns
    -------
    DataFrame
        One row per unit: ``unit_kerja``, ``n_employees``, ``n_raters``, ``mean_code`` (per
        employee the mean of the two ratings' codes, then over the unit), ``others_mean``,
        ``difference`` (unit minus the rest), ``difference_se``, ``ci_low``, ``ci_high``,
        ``z``, ``flag_lenient_unit`` (a whole unit more lenient or stricter than the rest),
        ``share_di_atas``, ``share_di_bawah`` (both ratings pooled), ``organisation_predicate``
        (the file's, most frequent), ``kind`` (office kind from the unit's name,
        ``kinerja_sim/data/office_kinds.yaml``; "lainnya" when none fits) and ``explanation``.

    Notes
    -----
    The standard error adds the variances of the two means (inside the unit and outside it),
    each the larger of the cluster-robust one over the raters with their teams (a rater's
    employees share the rater's leniency) and that of independent employees (with few raters
    the cluster-robust variance is too small); without a rater column, over employees. ASSUMPTION,
    as for raters: units are alike in true performance on average, so a truly better unit looks
    lenient.

    Examples
    --------
    >>> from kinerja_sim.byod.read import example_path, read_appraisals
    >>> units = unit_profiles(read_appraisals(example_path(), key="kunci-contoh-dokumentasi-2025"))
    >>> bool(units["n_employees"].sum() > 700), units["flag_lenient_unit"].dtype.name
    (True, 'bool')
    """
    from kinerja_sim.byod.fit import _kind_of
    from kinerja_sim.byod.read import NotApplicable
    from kinerja_sim.metrics.diagnostics import FlagThresholds

    if hasattr(appraisals, "has") and not appraisals.has("unit_kerja"):
        raise NotApplicable(t("byod.analysis.need_unit_any", lang))
    pp46 = getattr(appraisals, "regime", "") == "pp-46-2011"
    min_employees = check_int("min_employees", min_employees, minimum=2)
    if thresholds is None:
        thresholds = FlagThresholds(leniency=UNIT_LENIENCY_POINTS if pp46 else UNIT_LENIENCY)
    data = _data(appraisals)
    columns = ["nilai_prestasi"] if pp46 else ["kode_hasil_kerja", "kode_perilaku_kerja"]
    codes = (
        data[[c for c in columns if c in data]].apply(pd.to_numeric, errors="coerce").astype(float)
    )
    data = data.assign(code=codes.mean(axis=1))
    data = data[data["code"].notna() & (data["unit_kerja"] != "")]
    rater = data["rater_id"] if "rater_id" in data else pd.Series("", index=data.index)
    cluster = np.where(rater != "", rater, "pegawai:" + data["employee_id"].astype(str))
    rows = []
    for unit, group in data.groupby("unit_kerja", sort=True):
        inside = data["unit_kerja"].to_numpy() == unit
        others = data[~inside]
        row = {
            "unit_kerja": unit,
            "n_employees": len(group),
            "n_raters": int((rater[inside] != "").groupby(rater[inside]).size().shape[0]),
            "mean_code": group["code"].mean(),
            "others_mean": others["code"].mean() if len(others) else np.nan,
        }
        row["difference"] = row["mean_code"] - row["others_mean"]
        variance = _cluster_variance(group["code"], cluster[inside]) + _cluster_variance(
            others["code"], cluster[~inside]
        )
        row["difference_se"] = np.sqrt(variance) if len(group) >= min_employees else np.nan
        pooled = codes.loc[group.index].to_numpy(dtype=float).ravel()
        pooled = pooled[~np.isnan(pooled)]
        row["share_di_atas"] = np.nan if pp46 else float(np.mean(pooled == 3))
        row["share_di_bawah"] = np.nan if pp46 else float(np.mean(pooled == 1))
        named = group["predikat_organisasi"][group["predikat_organisasi"] != ""]
        row["organisation_predicate"] = named.mode().iloc[0] if len(named) else ""
        row["kind"] = _kind_of(unit) if not str(unit).startswith("UK-") else "lainnya"
        rows.append(row)
    table = pd.DataFrame(rows)
    with np.errstate(divide="ignore", invalid="ignore"):
        table["z"] = table["difference"] / table["difference_se"]
    table["ci_low"] = table["difference"] - 1.96 * table["difference_se"]
    table["ci_high"] = table["difference"] + 1.96 * table["difference_se"]
    table["flag_lenient_unit"] = (
        ((table["difference"].abs() >= thresholds.leniency) & (table["z"].abs() >= thresholds.z))
        .fillna(False)
        .astype(bool)
    )
    table["explanation"] = [_explain_unit(row, lang) for row in table.to_dict("records")]
    order = [
        "unit_kerja",
        "n_employees",
        "n_raters",
        "mean_code",
        "others_mean",
        "difference",
        "difference_se",
        "ci_low",
        "ci_high",
        "z",
        "flag_lenient_unit",
        "share_di_atas",
        "share_di_bawah",
        "organisation_predicate",
        "kind",
        "explanation",
    ]
    return table[order]


def _explain_unit(row, lang) -> str:
    if row["difference_se"] != row["difference_se"]:
        return t("byod.analysis.unit_too_few", lang, n=row["n_employees"], raters=row["n_raters"])
    diff = number(abs(row["difference"]), 2, trim=False, lang=lang)
    if row["flag_lenient_unit"]:
        key = "unit_lenient" if row["difference"] > 0 else "unit_severe"
        return t(f"byod.analysis.{key}", lang, n=row["n_employees"], diff=diff)
    return t("byod.analysis.unit_similar", lang, n=row["n_employees"])


@dataclass(frozen=True)
class CurveChecks:
    """The distribution curve checked in every unit kerja (:func:`curve_checks`).

    ``table``: one row per unit (see :func:`curve_checks`); ``n_assumed``: units whose
    organisation predicate was assumed ("Baik"); ``note``: one sentence saying so, empty
    when none was. :meth:`to_frame` gives the table.
    """

    table: pd.DataFrame = field(repr=False)
    n_assumed: int = 0
    note: str = ""

    def to_frame(self) -> pd.DataFrame:
        """The checks as a table (a copy)."""
        return self.table.copy()


def curve_checks(
    appraisals, *, rules="permenpanrb-6-2022", organisation=None, lang=None
) -> CurveChecks:
    """The distribution curve checked in every unit kerja.

    Parameters
    ----------
    appraisals : Appraisals
    rules : str or RuleSet
        A rule set with ``check_curve`` (default PermenPAN-RB 6/2022).
    organisation : str or dict, optional
        The organisation predicate of every unit (one string) or per unit
        (``{unit_kerja: predicate}``). Units not given take the file's
        ``predikat_organisasi`` (the most frequent value), else "Baik" (assumed).

    Returns
    -------
    CurveChecks
        ``.table`` (or ``.to_frame()``): one row per unit, ``unit_kerja``, ``n``,
        ``organisation_predicate``, ``organisation_source`` ("berkas", "diberikan",
        "anggapan"), ``ok``, ``feasible``, ``n_violations``, ``violations`` (the rule
        set's messages, joined by " "); ``.note`` says how many units had an assumed
        predicate.
    """
    from kinerja_sim import rules as rules_module
    from kinerja_sim.world.offices import ORGANISATION_PREDICATES

    if hasattr(appraisals, "require"):
        appraisals.require("curve_checks", lang)
    rule_set = rules_module.load(rules) if isinstance(rules, str) else rules
    data = _data(appraisals)
    data = data[(data["predikat"] != "") & (data["unit_kerja"] != "")]
    given = organisation if isinstance(organisation, dict) else {}
    rows = []
    for unit, group in data.groupby("unit_kerja", sort=True):
        from_file = group["predikat_organisasi"][group["predikat_organisasi"] != ""]
        if unit in given or isinstance(organisation, str):
            predicate, source = (
                (organisation if isinstance(organisation, str) else given[unit]),
                "given",
            )
        elif len(from_file):
            predicate, source = from_file.mode().iloc[0], "file"
        else:
            predicate, source = DEFAULT_ORGANISATION, "assumed"
        check_choice("organisation", predicate, ORGANISATION_PREDICATES)
        result = rule_set.check_curve(
            group["predikat"].to_numpy(dtype=object), organisation=predicate, lang=lang
        )
        rows.append(
            {
                "unit_kerja": unit,
                "n": len(group),
                "organisation_predicate": predicate,
                "organisation_source": t(f"byod.analysis.source.{source}", lang),
                "ok": result.ok,
                "feasible": result.feasible,
                "n_violations": len(result.violations),
                "violations": " ".join(result.violations),
                "_assumed": source == "assumed",
            }
        )
    table = pd.DataFrame(rows)
    assumed = int(table["_assumed"].sum()) if len(table) else 0
    table = table.drop(columns="_assumed")
    note = (
        t("byod.analysis.organisation_assumed", lang, n=assumed, organisation=DEFAULT_ORGANISATION)
        if assumed
        else ""
    )
    return CurveChecks(table, assumed, note)
