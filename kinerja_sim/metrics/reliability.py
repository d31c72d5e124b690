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
- Cohen's kappa: :func:`kappa_from_table`, the one kappa of the kit on a confusion table
  (also used per rater by ``predicate_agreement`` and by ``kinerja_sim.policy``), checked
  against R's ``irr::kappa2``, scikit-learn and Fleiss, Levin & Paik's worked example.
- Fleiss' kappa: ``statsmodels.stats.inter_rater`` (correct, kept up); we only build its
  count table from the long data.

Degenerate data (constant ratings, perfect agreement, targets that do not differ) give NaN
or the documented limit, with a :class:`DegenerateDataWarning` that says which and why.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_choice, check_labels, check_number
from kinerja_sim.metrics._tidy import (
    DegenerateDataWarning,
    check_table,
    codes,
    degenerate,
    numeric,
    unique_cells,
)

__all__ = [
    "ICC_FORMS",
    "KRIPPENDORFF_LEVELS",
    "DegenerateDataWarning",
    "cohen_kappa",
    "fleiss_kappa",
    "icc",
    "kappa_from_table",
    "krippendorff_alpha",
]

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
        message = (
            f"{gaps.sum()} target(s) lack a rating from some rater ({named}); the ICC "
            "needs every rater to rate every target"
        )
        if incomplete == "raise":
            raise ValueError(
                message + ". Pass incomplete='drop' to use the complete targets "
                "only, or use krippendorff_alpha, which allows missing ratings"
            )
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
    squares = np.array(
        [
            ss_rows / (n - 1),
            ss_cols / (k - 1),
            ss_error / ((n - 1) * (k - 1)),
            (ss_total - ss_rows) / (n * (k - 1)),
        ]
    )
    # rounding leaves ~1e-16 where a mean square is exactly zero (no variation of that kind)
    squares[squares <= 1e-12 * ss_total / (n * k - 1)] = 0.0
    return tuple(squares)


def _icc_table(wide, confidence):
    """The six forms with F tests and confidence intervals (Shrout & Fleiss 1979; McGraw & Wong
    1996).
    """
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
    single = {
        "ICC(1,1)": (icc1, (f1_low - 1) / (f1_low + k - 1), (f1_high - 1) / (f1_high + k - 1)),
        "ICC(2,1)": (icc2, low2, high2),
        "ICC(3,1)": (icc3, (f3_low - 1) / (f3_low + k - 1), (f3_high - 1) / (f3_high + k - 1)),
    }
    average = {
        "ICC(1,k)": ((msr - msw) / msr, 1 - 1 / f1_low, 1 - 1 / f1_high),
        "ICC(2,k)": (
            (msr - mse) / (msr + (msc - mse) / n),
            *(bound * k / (1 + bound * (k - 1)) for bound in (low2, high2)),
        ),
        "ICC(3,k)": ((msr - mse) / msr, 1 - 1 / f3_low, 1 - 1 / f3_high),
    }
    rows = []
    for form, (value, low, high) in (single | average).items():
        f_value, df2 = (f1, df_w) if form.startswith("ICC(1") else (f3, df_e)
        rows.append((form, value, f_value, n - 1, df2, stats.f.sf(f_value, n - 1, df2), low, high))
    return pd.DataFrame(
        rows, columns=["form", "icc", "f", "df1", "df2", "p_value", "ci_low", "ci_high"]
    )


def _icc2_interval(n, k, msr, msc, mse, icc2, q):
    """Confidence limits of ICC(2,1) with Satterthwaite's degrees of freedom (Shrout & Fleiss, eq.
    9).
    """
    from scipy import stats

    fj = msc / mse
    v = (
        (n - 1)
        * (k - 1)
        * (k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2) ** 2
        / ((n - 1) * k**2 * icc2**2 * fj**2 + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2)
    )
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

    Warns
    -----
    DegenerateDataWarning
        When the data leave a form undefined or at its limit, never silently and never ±inf:
        all ratings equal -> every value NaN; perfect agreement (no error variation) ->
        ICC 1 with the interval [1, 1] (its limit); targets that do not differ (e.g. each
        rater gives one constant score) -> NaN for the forms that divide by 0 (ICC(1,k) would
        be −inf); a form whose denominator, a variance estimate, is negative (ICC(2,k)
        when the raters differ less than chance would make them) -> NaN instead of a value
        above 1; an interval whose F ratio is 0/0 or infinite, or that does not contain its
        estimate (very few targets) -> NaN.

    Raises
    ------
    TypeError
        ``data`` not a DataFrame, a column name not a string, text ratings.
    ValueError
        Empty ``data``, a missing column, a missing (NaN/None/empty) target or rater id, an
        infinite rating, a duplicate rating, an incomplete target (``incomplete="raise"``).

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
    >>> scores = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8],
    ...           [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    >>> data = pd.DataFrame([(t, j, s) for t, row in enumerate(scores) for j, s in enumerate(row)],
    ...                     columns=["target", "judge", "score"])
    >>> table = icc(data, targets="target", raters="judge", ratings="score")
    >>> table["icc"].round(2).tolist()
    [0.17, 0.29, 0.71, 0.44, 0.62, 0.91]
    """
    check_table(data, ids=("targets", "raters"), targets=targets, raters=raters, ratings=ratings)
    confidence = check_number(
        "confidence", confidence, minimum=0.5, maximum=1.0, exclusive_maximum=True
    )
    check_choice("incomplete", incomplete, ("raise", "drop"))
    wide = _wide(data, targets, raters, ratings, incomplete)
    if wide.shape[0] < 2 or wide.shape[1] < 2:
        raise ValueError(
            f"icc needs at least 2 targets each rated by at least 2 raters; got "
            f"{wide.shape[0]} complete target(s) and {wide.shape[1]} rater(s)"
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        return _degenerate_icc(_icc_table(wide, confidence), *_mean_squares(wide))


def _degenerate_icc(table, msr, msc, mse, msw):
    """NaN or the limit, with a warning, where the data leave a form undefined (never ±inf)."""
    values = ["icc", "f", "p_value", "ci_low", "ci_high"]
    if msr == msc == mse == msw == 0:
        table[values] = np.nan
        degenerate(
            "the ratings are all equal (no variation at all): every ICC is undefined (NaN)", 4
        )
        return table
    perfect = np.isclose(table["icc"], 1.0, rtol=0, atol=1e-12)
    if perfect.any():
        table.loc[perfect, ["icc", "ci_low", "ci_high"]] = 1.0
        degenerate(
            f"perfect agreement (no error variation) for {', '.join(table['form'][perfect])}: "
            "ICC = 1 and the interval is its limit [1, 1]",
            4,
        )
    beyond = table["icc"] > 1 + 1e-12
    if beyond.any():  # ICC(2,k) when MSC < MSE: its denominator, a variance estimate, is negative
        table.loc[beyond, ["icc", "ci_low", "ci_high"]] = np.nan
        degenerate(
            f"{', '.join(table['form'][beyond])} undefined (NaN): the variance estimate in its "
            "denominator is negative (the raters differ less than chance would make them)",
            4,
        )
    undefined = ~np.isfinite(table["icc"]) & ~beyond
    if undefined.any():
        table.loc[undefined, ["icc", "ci_low", "ci_high"]] = np.nan
        why = (
            "the targets do not differ (between-target mean square 0)"
            if msr == 0
            else "there is no error variation to compare with"
        )
        degenerate(f"{', '.join(table['form'][undefined])} undefined (NaN): {why}", 4)
    no_interval = (
        ~undefined & ~beyond & ~perfect & ~np.isfinite(table[["ci_low", "ci_high"]]).all(axis=1)
    )
    if no_interval.any():
        table.loc[no_interval, ["ci_low", "ci_high"]] = np.nan
        degenerate(
            f"the confidence interval of {', '.join(table['form'][no_interval])} is undefined "
            "(NaN): one of its mean squares is 0",
            4,
        )
    outside = (table["ci_low"] > table["icc"] + 1e-9) | (table["ci_high"] < table["icc"] - 1e-9)
    if (
        outside.any()
    ):  # e.g. ICC(2,k) from an ICC(2,1) bound below −1/(k − 1), with very few targets
        table.loc[outside, ["ci_low", "ci_high"]] = np.nan
        degenerate(
            f"the confidence interval of {', '.join(table['form'][outside])} does not contain its "
            "estimate (too few targets for the F approximation): NaN",
            4,
        )
    return table


def _alpha_interval(unit, values):
    """Interval alpha in closed form: sum over pairs of (c − k)² = 2 m × sum of squares."""
    m = np.bincount(unit).astype(float)
    sums = np.bincount(unit, weights=values)
    squares = np.bincount(unit, weights=values**2)
    within = squares - sums**2 / np.where(m > 0, m, 1)
    n = m.sum()
    observed = np.sum(2 * m * within / (m - 1))
    expected = 2 * n * (np.sum(values**2) - values.sum() ** 2 / n)
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
        raise ValueError(
            f"ratings has {len(distinct)} distinct values; level={level!r} needs at most "
            f"{_MAX_DISTINCT_VALUES} (round the ratings, or use level='interval')"
        )
    m = np.bincount(unit)
    counts = np.zeros((len(m), len(distinct)))
    np.add.at(counts, (unit, value_code), 1.0)
    weighted = counts / (m - 1)[:, None]
    coincidence = weighted.T @ counts - np.diag(weighted.sum(axis=0))
    totals = coincidence.sum(axis=1)
    delta = _distance(
        level, np.asarray(distinct, dtype=float) if level != "nominal" else distinct, totals
    )
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
        Alpha: 1 is perfect agreement, 0 agreement at chance level. NaN, with a
        :class:`DegenerateDataWarning`, when there is no disagreement to expect (all
        pairable ratings equal).

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
    >>> columns = dict(units="unit", raters="coder", ratings="value")
    >>> round(krippendorff_alpha(data, **columns, level="nominal"), 3)
    0.743
    >>> round(krippendorff_alpha(data, units="unit", raters="coder", ratings="value"), 3)
    0.849
    """
    check_table(data, ids=("units", "raters"), units=units, raters=raters, ratings=ratings)
    check_choice("level", level, KRIPPENDORFF_LEVELS)
    if level != "nominal":
        numeric(data, ratings, "ratings")
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
    if level == "nominal":
        check_labels("ratings", values)
    with np.errstate(divide="ignore", invalid="ignore"):
        if level == "interval":
            alpha = float(_alpha_interval(unit, values[pairable]))
        else:
            alpha = float(_alpha_coincidence(unit, values[pairable], level))
    if not np.isfinite(alpha):
        degenerate(
            "krippendorff_alpha is undefined (NaN): there is no disagreement to expect "
            "(every pairable rating is equal)"
        )
        return float("nan")
    return alpha


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
        Kappa; NaN (with a :class:`DegenerateDataWarning`) when the chance agreement is 1
        (both raters used one same category).

    Notes
    -----
    kappa = (p_o − p_e)/(1 − p_e), weighted: 1 − sum w_ck o_ck / sum w_ck e_ck with
    w_ck = |c − k| or (c − k)² over category positions (Cohen 1960, 1968). Computed by
    :func:`kappa_from_table` on the contingency table built here. Labels must be all text
    or all numbers (``1`` and ``"1"`` would otherwise be two categories).
    With the default categories the values equal those of R's ``irr::kappa2``.

    Examples
    --------
    Two raters, 50 items, yes/no: 20 both yes, 15 both no, 5 and 10 disagreements.

    >>> a = ["yes"] * 25 + ["no"] * 25
    >>> b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    >>> round(cohen_kappa(a, b), 3)
    0.4
    """
    check_choice("weights", weights, (None, "linear", "quadratic"))
    a, b = check_labels("a", a), check_labels("b", b)
    if len(a) != len(b) or len(a) == 0:
        raise ValueError(
            f"a and b must hold the same, non-zero number of labels; got {len(a)} and {len(b)}"
        )
    check_labels("a and b", a + b)
    if categories is None:
        categories = sorted(set(a) | set(b))
    categories = check_labels("categories", categories)
    index = pd.Index(categories, dtype=object)
    if not index.is_unique:
        raise ValueError("categories must not repeat a category")
    rows, cols = (
        index.get_indexer(pd.Index(a, dtype=object)),
        index.get_indexer(pd.Index(b, dtype=object)),
    )
    if (rows < 0).any() or (cols < 0).any():
        unknown = sorted(
            {a[i] for i in np.flatnonzero(rows < 0)} | {b[i] for i in np.flatnonzero(cols < 0)},
            key=str,
        )
        raise ValueError(
            f"a or b hold label(s) not in categories: {', '.join(map(str, unknown[:5]))}"
        )
    table = np.zeros((len(categories), len(categories)))
    np.add.at(table, (rows, cols), 1.0)
    return kappa_from_table(table, weights=weights)


def kappa_from_table(table, weights=None):
    """Cohen's kappa, unweighted or weighted, of a confusion table (or of a stack of tables).

    Parameters
    ----------
    table : array-like, shape (k, k) or (..., k, k)
        Counts (or shares) of items given category c by one rater (rows) and category d by
        the other (columns), categories in the same order on both axes. A stack of tables
        (e.g. one per rater) gives one kappa per table.
    weights : {None, "linear", "quadratic"}, default None
        Unweighted kappa, or disagreement weights |c − d| or (c − d)² over the category
        positions.

    Returns
    -------
    float or ndarray
        Kappa; NaN (with a :class:`DegenerateDataWarning`) where the chance agreement is 1,
        i.e. both raters used one same category only.

    Notes
    -----
    With observed shares o_cd, chance shares e_cd = o_c. o_.d and disagreement weights
    w_cd (1 off the diagonal when unweighted): kappa = 1 − sum w o / sum w e, which is
    (p_o − p_e)/(1 − p_e) unweighted (Cohen 1960) and Cohen's (1968) weighted kappa
    otherwise. The values equal R's ``irr::kappa2`` and scikit-learn's
    ``cohen_kappa_score`` (with all categories as ``labels``).

    Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
    Psychological Measurement, 20(1), 37–46. Cohen, J. (1968). Weighted kappa. Psychological
    Bulletin, 70(4), 213–220.

    Examples
    --------
    Fleiss, Levin & Paik (2003, ch. 18): 100 subjects, 3 diagnoses, p_o = .89, p_e = .66.

    >>> round(kappa_from_table([[75, 1, 4], [5, 4, 1], [0, 0, 10]]), 3)
    0.676
    """
    check_choice("weights", weights, (None, "linear", "quadratic"))
    if isinstance(table, (str, bytes)):
        raise TypeError(f"table must be a square array of counts, got {table!r}")
    try:
        counts = np.asarray(table, dtype=float)
    except (TypeError, ValueError):
        raise TypeError("table must be a square array of counts (numbers)") from None
    if counts.ndim < 2 or counts.shape[-1] != counts.shape[-2] or counts.shape[-1] == 0:
        raise ValueError(
            f"table must be a square (k × k) table of counts, got shape {counts.shape}"
        )
    if not np.isfinite(counts).all():
        raise ValueError("table must hold finite counts (no NaN or infinity)")
    if (counts < 0).any():
        raise ValueError("table must not hold negative counts")
    total = counts.sum(axis=(-2, -1))
    if (total <= 0).any():
        raise ValueError("table has no counts (its total is 0); expected at least one item")
    k = counts.shape[-1]
    distance = np.abs(np.subtract.outer(np.arange(k), np.arange(k))).astype(float)
    w = {None: (distance > 0).astype(float), "linear": distance, "quadratic": distance**2}[weights]
    observed = counts / total[..., None, None]
    expected = observed.sum(axis=-1)[..., :, None] * observed.sum(axis=-2)[..., None, :]
    disagree_observed, disagree_expected = (
        np.sum(w * x, axis=(-2, -1)) for x in (observed, expected)
    )
    undefined = disagree_expected <= 1e-12 * max(w.max(), 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        kappa = np.where(
            undefined, np.nan, 1 - disagree_observed / np.where(undefined, 1.0, disagree_expected)
        )
    if np.any(undefined):
        degenerate(
            "kappa is undefined (NaN) where the chance agreement is 1: both raters used one same "
            "category only"
        )
    return float(kappa) if kappa.ndim == 0 else kappa


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
        Kappa (Fleiss 1971); 1 is perfect agreement, 0 agreement at chance level. NaN
        (with a :class:`DegenerateDataWarning`) when every rating is in one category.

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

    check_table(data, ids=("subjects", "raters"), subjects=subjects, raters=raters, ratings=ratings)
    if data[ratings].isna().any():
        raise ValueError(
            "ratings must not be missing for fleiss_kappa; every subject needs the "
            "same number of ratings (use krippendorff_alpha for gaps)"
        )
    subject, subject_ids = codes(data[subjects])
    rater, rater_ids = codes(data[raters])
    unique_cells(subject, rater, len(rater_ids), "subject and rater")
    check_labels("ratings", data[ratings])
    category, _ = codes(data[ratings])
    counts = np.zeros((len(subject_ids), category.max() + 1))
    np.add.at(counts, (subject, category), 1.0)
    per_subject = counts.sum(axis=1)
    if per_subject.min() != per_subject.max() or per_subject.min() < 2:
        raise ValueError(
            f"every subject needs the same number (at least 2) of ratings for "
            f"fleiss_kappa; got between {int(per_subject.min())} and {int(per_subject.max())}"
        )
    if counts.shape[1] == 1:
        degenerate(
            "fleiss_kappa is undefined (NaN): every rating is in one category, so chance "
            "agreement is 1"
        )
        return float("nan")
    return float(inter_rater.fleiss_kappa(counts, method="fleiss"))
