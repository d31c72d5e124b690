"""Reliability of ratings: intraclass correlations, Krippendorff's alpha, Cohen's and Fleiss' kappa.

Every function takes a long (tidy) table and the names of its columns, keyword-only, as in
SPEC 5. The statistics are validated against published reference values in
``tests/test_metrics_reliability.py``.

Which library computes what, and why
------------------------------------
- ICC: computed here from the two-way ANOVA mean squares with the formulas of Shrout &
  Fleiss (1979) and McGraw & Wong (1996), the same formulas as ``pingouin.intraclass_corr``.
  pingouin is not called because (a) it rounds the confidence limits to two decimals,
  (b) it drops targets with a missing rating silently (``nan_policy="omit"``) and
  (c) it ``assert``s on user input. The tests check our values against pingouin's to
  1e-10 (ICC, F, p) and against Shrout & Fleiss's Table 2.
- Krippendorff's alpha: computed here from the coincidence matrix (one matrix product)
  and, at the interval level, in closed form. The ``krippendorff`` package gives the same
  values (the tests check it) but builds a units × values × values array: for 50 raters
  of 160 units on a 1–5 scale with two decimals it takes 0.2–1.5 s, and with 4-decimal
  scores it asks for 56 GiB.
- Cohen's kappa and Fleiss' kappa: ``statsmodels.stats.inter_rater`` (correct, kept up);
  we only build its contingency and count tables from the long data.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from kinerja_sim._validate import check_choice, check_number
from kinerja_sim.metrics._tidy import check_column_names, codes, numeric, unique_cells

__all__ = ["ICC_FORMS", "KRIPPENDORFF_LEVELS", "cohen_kappa", "fleiss_kappa", "icc",
           "krippendorff_alpha"]

ICC_FORMS = ("ICC(1,1)", "ICC(2,1)", "ICC(3,1)", "ICC(1,k)", "ICC(2,k)", "ICC(3,k)")
KRIPPENDORFF_LEVELS = ("nominal", "ordinal", "interval", "ratio")
_MAX_DISTINCT_VALUES = 2000


def _wide(data, targets, raters, ratings, incomplete):
    """The ratings as a complete targets × raters array (targets with a gap: raise or drop)."""
    data = data.loc[data[ratings].notna()]
    values = numeric(data, ratings, "ratings")
    row, target_ids = codes(data[targets])
    col, rater_ids = codes(data[raters])
    cell = unique_cells(row, col, len(rater_ids), "target and rater")
    wide = np.full(len(target_ids) * len(rater_ids), np.nan)
    wide[cell] = values
    wide = wide.reshape(len(target_ids), len(rater_ids))
    gaps = np.isnan(wide).any(axis=1)
    if gaps.any():
        named = ", ".join(map(str, target_ids[gaps][:5])) + (" ..." if gaps.sum() > 5 else "")
        message = (f"{gaps.sum()} target(s) lack a rating from some rater ({named}); the ICC "
                   "needs every rater to rate every target")
        if incomplete == "raise":
            raise ValueError(message + ". Pass incomplete='drop' to use the complete targets "
                             "only, or use krippendorff_alpha, which allows missing ratings")
        warnings.warn(message + "; those targets are left out", RuntimeWarning, stacklevel=3)
        wide = wide[~gaps]
    return wide


def _mean_squares(wide):
    n, k = wide.shape
    grand = wide.mean()
    ss_rows = k * ((wide.mean(axis=1) - grand) ** 2).sum()
    ss_cols = n * ((wide.mean(axis=0) - grand) ** 2).sum()
    ss_total = ((wide - grand) ** 2).sum()
    ss_error = ss_total - ss_rows - ss_cols
    return (ss_rows / (n - 1), ss_cols / (k - 1), ss_error / ((n - 1) * (k - 1)),
            (ss_total - ss_rows) / (n * (k - 1)))


def _icc_table(wide, confidence):
    """The six forms with F tests and confidence intervals (Shrout & Fleiss 1979; McGraw & Wong 1996)."""
    from scipy import stats
    n, k = wide.shape
    msr, msc, mse, msw = _mean_squares(wide)
    q = 1 - (1 - confidence) / 2
    df_w, df_e = n * (k - 1), (n - 1) * (k - 1)
    icc1 = (msr - msw) / (msr + (k - 1) * msw)
    icc2 = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)
    icc3 = (msr - mse) / (msr + (k - 1) * mse)
    f1, f3 = msr / msw, msr / mse
    f1_low, f1_high = f1 / stats.f.ppf(q, n - 1, df_w), f1 * stats.f.ppf(q, df_w, n - 1)
    f3_low, f3_high = f3 / stats.f.ppf(q, n - 1, df_e), f3 * stats.f.ppf(q, df_e, n - 1)
    low2, high2 = _icc2_interval(n, k, msr, msc, mse, icc2, q)
    single = {"ICC(1,1)": (icc1, (f1_low - 1) / (f1_low + k - 1), (f1_high - 1) / (f1_high + k - 1)),
              "ICC(2,1)": (icc2, low2, high2),
              "ICC(3,1)": (icc3, (f3_low - 1) / (f3_low + k - 1), (f3_high - 1) / (f3_high + k - 1))}
    average = {"ICC(1,k)": ((msr - msw) / msr, 1 - 1 / f1_low, 1 - 1 / f1_high),
               "ICC(2,k)": ((msr - mse) / (msr + (msc - mse) / n), *(
                   bound * k / (1 + bound * (k - 1)) for bound in (low2, high2))),
               "ICC(3,k)": ((msr - mse) / msr, 1 - 1 / f3_low, 1 - 1 / f3_high)}
    rows = []
    for form, (value, low, high) in (single | average).items():
        f_value, df2 = (f1, df_w) if form.startswith("ICC(1") else (f3, df_e)
        rows.append((form, value, f_value, n - 1, df2, stats.f.sf(f_value, n - 1, df2), low, high))
    return pd.DataFrame(rows, columns=["form", "icc", "f", "df1", "df2", "p_value", "ci_low", "ci_high"])


def _icc2_interval(n, k, msr, msc, mse, icc2, q):
    """Confidence limits of ICC(2,1) with Satterthwaite's degrees of freedom (Shrout & Fleiss, eq. 9)."""
    from scipy import stats
    fj = msc / mse
    v = ((n - 1) * (k - 1) * (k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2) ** 2
         / ((n - 1) * k ** 2 * icc2 ** 2 * fj ** 2 + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2))
    f_high, f_low = stats.f.ppf(q, n - 1, v), stats.f.ppf(q, v, n - 1)
    denominator = k * msc + (k * n - k - n) * mse
    low = n * (msr - f_high * mse) / (f_high * denominator + n * msr)
    high = n * (f_low * msr - mse) / (denominator + n * f_low * msr)
    return low, high


def icc(data, *, targets, raters, ratings, confidence=0.95, incomplete="raise") -> pd.DataFrame:
    """Intraclass correlations in the six forms of Shrout & Fleiss (1979).

    Parameters
    ----------
    data : DataFrame
        Long table: one row per target and rater.
    targets, raters, ratings : str
        Column names: what is rated (e.g. an employee, or an employee × dimension), who
        rates, and the numeric rating.
    confidence : float, default 0.95
        Level of the confidence intervals.
    incomplete : {"raise", "drop"}, default "raise"
        What to do with targets that some rater did not rate: refuse with a message naming
        them, or leave them out with a ``RuntimeWarning``. Missing ratings (NaN) count as
        not rated.

    Returns
    -------
    DataFrame
        One row per form: ``form`` ("ICC(1,1)", "ICC(2,1)", "ICC(3,1)", "ICC(1,k)",
        "ICC(2,k)", "ICC(3,k)"), ``icc``, ``f`` (F statistic of the test that the ICC is
        zero), ``df1``, ``df2``, ``p_value``, ``ci_low``, ``ci_high``.

    Notes
    -----
    With n targets, k raters and mean squares MSR (targets), MSC (raters), MSE (residual)
    and MSW (within targets): ICC(1,1) = (MSR − MSW)/(MSR + (k − 1)MSW); ICC(2,1) =
    (MSR − MSE)/(MSR + (k − 1)MSE + k(MSC − MSE)/n); ICC(3,1) = (MSR − MSE)/(MSR +
    (k − 1)MSE); the k forms are the reliability of the mean of k raters. F = MSR/MSW for
    form 1, MSR/MSE for forms 2 and 3. Confidence intervals: McGraw & Wong (1996), Table 7
    (ICC(2,·) with Satterthwaite's degrees of freedom). ICC(2,·) is McGraw & Wong's
    ICC(A,·), ICC(3,·) their ICC(C,·).

    Shrout, P. E., & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
    reliability. Psychological Bulletin, 86(2), 420–428. McGraw, K. O., & Wong, S. P.
    (1996). Forming inferences about some intraclass correlation coefficients.
    Psychological Methods, 1(1), 30–46.

    Examples
    --------
    Shrout & Fleiss's Table 2: six targets rated by four judges.

    >>> import pandas as pd
    >>> scores = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    >>> data = pd.DataFrame([(t, j, s) for t, row in enumerate(scores) for j, s in enumerate(row)],
    ...                     columns=["target", "judge", "score"])
    >>> table = icc(data, targets="target", raters="judge", ratings="score")
    >>> table["icc"].round(2).tolist()
    [0.17, 0.29, 0.71, 0.44, 0.62, 0.91]
    """
    check_column_names(data, targets=targets, raters=raters, ratings=ratings)
    confidence = check_number("confidence", confidence, minimum=0.5, maximum=1.0, exclusive_maximum=True)
    check_choice("incomplete", incomplete, ("raise", "drop"))
    wide = _wide(data, targets, raters, ratings, incomplete)
    if wide.shape[0] < 2 or wide.shape[1] < 2:
        raise ValueError(f"icc needs at least 2 targets each rated by at least 2 raters; got "
                         f"{wide.shape[0]} complete target(s) and {wide.shape[1]} rater(s)")
    with np.errstate(divide="ignore", invalid="ignore"):
        return _icc_table(wide, confidence)


def _alpha_interval(unit, values):
    """Interval alpha in closed form: sum over pairs of (c − k)² = 2 m × sum of squares."""
    m = np.bincount(unit).astype(float)
    sums = np.bincount(unit, weights=values)
    squares = np.bincount(unit, weights=values ** 2)
    within = squares - sums ** 2 / np.where(m > 0, m, 1)
    n = m.sum()
    observed = np.sum(2 * m * within / (m - 1))
    expected = 2 * n * (np.sum(values ** 2) - values.sum() ** 2 / n)
    return 1 - (n - 1) * observed / expected


def _distance(level, distinct, totals):
    if level == "nominal":
        return 1.0 - np.eye(len(distinct))
    if level == "ratio":
        c, k = np.meshgrid(distinct, distinct, indexing="ij")
        with np.errstate(invalid="ignore"):
            return np.nan_to_num(((c - k) / (c + k)) ** 2)
    cumulative = np.cumsum(totals)  # ordinal: counts of the values between c and k
    lower = np.minimum.outer(np.arange(len(totals)), np.arange(len(totals)))
    between = np.abs(cumulative[:, None] - cumulative[None, :]) + totals[lower]
    return (between - (totals[:, None] + totals[None, :]) / 2) ** 2


def _alpha_coincidence(unit, values, level):
    value_code, distinct = pd.factorize(values, sort=True)
    if len(distinct) > _MAX_DISTINCT_VALUES:
        raise ValueError(f"ratings has {len(distinct)} distinct values; level={level!r} needs at most "
                         f"{_MAX_DISTINCT_VALUES} (round the ratings, or use level='interval')")
    m = np.bincount(unit)
    counts = np.zeros((len(m), len(distinct)))
    np.add.at(counts, (unit, value_code), 1.0)
    weighted = counts / (m - 1)[:, None]
    coincidence = weighted.T @ counts - np.diag(weighted.sum(axis=0))
    totals = coincidence.sum(axis=1)
    delta = _distance(level, np.asarray(distinct, dtype=float) if level != "nominal" else distinct, totals)
    n = totals.sum()
    return 1 - (n - 1) * np.sum(coincidence * delta) / np.sum(np.outer(totals, totals) * delta)


def krippendorff_alpha(data, *, units, raters, ratings, level="interval") -> float:
    """Krippendorff's alpha: agreement among any number of raters, missing ratings allowed.

    Parameters
    ----------
    data : DataFrame
        Long table: one row per unit and rater. A rating may be missing (NaN, or no row).
    units, raters, ratings : str
        Column names: what is rated, who rates, and the rating.
    level : {"nominal", "ordinal", "interval", "ratio"}, default "interval"
        Level of measurement, which sets the distance between two ratings. Ordinal,
        interval and ratio need numeric ratings (ratio: not negative); nominal takes any
        labels.

    Returns
    -------
    float
        Alpha: 1 is perfect agreement, 0 agreement at chance level. NaN when there is no
        disagreement to expect (all pairable ratings equal).

    Notes
    -----
    alpha = 1 − D_o / D_e with D_o the observed and D_e the expected disagreement,
    computed from the coincidence matrix o_ck = sum_u (number of c–k pairs in unit u) /
    (m_u − 1) over the units with at least two ratings (Krippendorff 2011). At the interval
    level the sums of squared differences are computed in closed form, in linear time.

    Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School
    for Communication, University of Pennsylvania, departmental paper 43.

    Examples
    --------
    Krippendorff's (2011) reliability data: 4 coders, 12 units, some ratings missing.

    >>> import numpy as np, pandas as pd
    >>> nan = np.nan
    >>> rows = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    ...         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    ...         [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    ...         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
    >>> data = pd.DataFrame([(u, c, v) for c, row in enumerate(rows) for u, v in enumerate(row)],
    ...                     columns=["unit", "coder", "value"])
    >>> round(krippendorff_alpha(data, units="unit", raters="coder", ratings="value", level="nominal"), 3)
    0.743
    >>> round(krippendorff_alpha(data, units="unit", raters="coder", ratings="value"), 3)
    0.849
    """
    check_column_names(data, units=units, raters=raters, ratings=ratings)
    check_choice("level", level, KRIPPENDORFF_LEVELS)
    data = data.loc[data[ratings].notna()]
    unit, unit_ids = codes(data[units])
    rater, rater_ids = codes(data[raters])
    unique_cells(unit, rater, len(rater_ids), "unit and rater")
    values = data[ratings].to_numpy() if level == "nominal" else numeric(data, ratings, "ratings")
    if level == "ratio" and np.any(values < 0):
        raise ValueError("ratings must not be negative at level='ratio'")
    pairable = np.bincount(unit, minlength=len(unit_ids))[unit] >= 2
    if pairable.sum() < 2:
        raise ValueError("krippendorff_alpha needs at least one unit rated by two or more raters")
    unit = pd.factorize(unit[pairable])[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        if level == "interval":
            return float(_alpha_interval(unit, values[pairable]))
        return float(_alpha_coincidence(unit, values[pairable], level))


def cohen_kappa(a, b, *, weights=None, categories=None) -> float:
    """Cohen's kappa between two raters' labels, unweighted or weighted.

    Parameters
    ----------
    a, b : sequence
        The two raters' labels for the same items, in the same order (equal length, no
        missing values).
    weights : {None, "linear", "quadratic"}, default None
        Unweighted kappa, or a weighted kappa in which disagreement grows linearly or
        quadratically with the distance between categories.
    categories : sequence, optional
        All categories in their order (e.g. ``[1, 2, 3, 4, 5]``). By default, the labels
        that occur, sorted. The weights use the position in this list, so a category that
        nobody used changes the weighted kappa only if it is listed here.

    Returns
    -------
    float
        Kappa; NaN when the chance agreement is 1 (both raters used one same category).

    Notes
    -----
    kappa = (p_o − p_e)/(1 − p_e), weighted: 1 − sum w_ck o_ck / sum w_ck e_ck with
    w_ck = |c − k| or (c − k)² over category positions (Cohen 1960, 1968). Computed by
    ``statsmodels.stats.inter_rater.cohens_kappa`` on the contingency table built here.
    With the default categories the values equal those of R's ``irr::kappa2``.

    Examples
    --------
    Two raters, 50 items, yes/no: 20 both yes, 15 both no, 5 and 10 disagreements.

    >>> a = ["yes"] * 25 + ["no"] * 25
    >>> b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    >>> round(cohen_kappa(a, b), 3)
    0.4
    """
    from statsmodels.stats import inter_rater
    check_choice("weights", weights, (None, "linear", "quadratic"))
    a, b = pd.Series(list(a), dtype=object), pd.Series(list(b), dtype=object)
    if len(a) != len(b) or len(a) == 0:
        raise ValueError(f"a and b must hold the same, non-zero number of labels; got {len(a)} and {len(b)}")
    if a.isna().any() or b.isna().any():
        raise ValueError("a and b must not hold missing labels; drop those items from both, or use "
                         "krippendorff_alpha, which allows missing ratings")
    if categories is None:
        categories = sorted(set(a) | set(b))
    categories = list(categories)
    index = pd.Index(categories)
    if not index.is_unique:
        raise ValueError("categories must not repeat a category")
    rows, cols = index.get_indexer(a), index.get_indexer(b)
    if (rows < 0).any() or (cols < 0).any():
        unknown = sorted(set(a[rows < 0]) | set(b[cols < 0]), key=str)
        raise ValueError(f"a or b hold label(s) not in categories: {', '.join(map(str, unknown[:5]))}")
    table = np.zeros((len(categories), len(categories)))
    np.add.at(table, (rows, cols), 1.0)
    if np.isclose(np.dot(table.sum(axis=0), table.sum(axis=1)), len(a) ** 2):
        return float("nan")
    return float(inter_rater.cohens_kappa(table, wt=weights, return_results=False))


def fleiss_kappa(data, *, subjects, raters, ratings) -> float:
    """Fleiss' kappa: agreement of several raters assigning subjects to categories.

    Parameters
    ----------
    data : DataFrame
        Long table, one row per subject and rater; every subject needs the same number of
        ratings (the raters may differ from subject to subject, as in Fleiss 1971).
    subjects, raters, ratings : str
        Column names: what is rated, who rates, and the category given.

    Returns
    -------
    float
        Kappa (Fleiss 1971); 1 is perfect agreement, 0 agreement at chance level.

    Notes
    -----
    kappa = (P̄ − P̄_e)/(1 − P̄_e) with P̄ the mean agreement within subjects and P̄_e the sum
    of squared category shares. Computed by ``statsmodels.stats.inter_rater.fleiss_kappa``.
    Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
    Psychological Bulletin, 76(5), 378–382.

    Examples
    --------
    >>> import pandas as pd
    >>> data = pd.DataFrame({"subject": [1, 1, 1, 2, 2, 2, 3, 3, 3],
    ...                      "rater": ["a", "b", "c"] * 3,
    ...                      "label": ["x", "x", "x", "y", "y", "x", "y", "y", "y"]})
    >>> round(fleiss_kappa(data, subjects="subject", raters="rater", ratings="label"), 3)
    0.55
    """
    from statsmodels.stats import inter_rater
    check_column_names(data, subjects=subjects, raters=raters, ratings=ratings)
    if data[ratings].isna().any():
        raise ValueError("ratings must not be missing for fleiss_kappa; every subject needs the "
                         "same number of ratings (use krippendorff_alpha for gaps)")
    subject, subject_ids = codes(data[subjects])
    rater, rater_ids = codes(data[raters])
    unique_cells(subject, rater, len(rater_ids), "subject and rater")
    category, _ = codes(data[ratings])
    counts = np.zeros((len(subject_ids), category.max() + 1))
    np.add.at(counts, (subject, category), 1.0)
    per_subject = counts.sum(axis=1)
    if per_subject.min() != per_subject.max() or per_subject.min() < 2:
        raise ValueError(f"every subject needs the same number (at least 2) of ratings for "
                         f"fleiss_kappa; got between {int(per_subject.min())} and {int(per_subject.max())}")
    return float(inter_rater.fleiss_kappa(counts, method="fleiss"))
