"""Small helpers shared by the metrics modules: checked inputs, long-to-array steps, warnings."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_columns, check_ids, check_not_empty

__all__ = [
    "DegenerateDataWarning",
    "check_column_names",
    "check_table",
    "codes",
    "degenerate",
    "numeric",
    "unique_cells",
    "with_truth",
]


class DegenerateDataWarning(RuntimeWarning):
    """The data leave a statistic undefined or at a limit (no variation, perfect agreement).

    The statistic is then NaN, or the documented limit, and this warning says which and why.
    Silence it with ``warnings.simplefilter("ignore", DegenerateDataWarning)``.
    """


def degenerate(message: str, stacklevel: int = 3) -> None:
    """Warn with :class:`DegenerateDataWarning` (stacklevel 3: the caller of the public
    function).
    """
    warnings.warn(message, DegenerateDataWarning, stacklevel=stacklevel)


def check_column_names(data, name: str = "data", **columns) -> pd.DataFrame:
    """Check that every keyword (a parameter naming a column) is a string found in ``data``."""
    for parameter, column in columns.items():
        if not isinstance(column, str):
            raise TypeError(f"{parameter} must be a column name (a string), got {column!r}")
    return check_columns(name, data, list(columns.values()))


def check_table(data, name: str = "data", *, ids=(), **columns) -> pd.DataFrame:
    """A non-empty table holding the named columns, whose id columns (``ids``: parameter names) have
    no gap.
    """
    check_column_names(data, name, **columns)
    check_not_empty(name, data)
    check_ids(name, data, [columns[parameter] for parameter in ids])
    return data


def numeric(data: pd.DataFrame, column: str, parameter: str) -> np.ndarray:
    """The column as a float array (NaN allowed); refuse text and infinite values."""
    series = data[column]
    if not (pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)):
        raise TypeError(
            f"{parameter} column {column!r} must hold numbers, got dtype {series.dtype}"
        )
    values = series.to_numpy(dtype=float)
    infinite = np.isinf(values)
    if infinite.any():
        raise ValueError(
            f"{parameter} column {column!r} must hold finite numbers; got {int(infinite.sum())} "
            f"infinite value(s), first at row {data.index[infinite][0]!r}"
        )
    return values


def codes(values) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes 0..n-1 in order of first appearance, and the distinct values.

    A missing value would be coded −1 and silently wreck every array built on the codes,
    so it is refused here as a last line of defence (the public functions name the column
    before this point).
    """
    codes_, uniques = pd.factorize(pd.Series(values), sort=False)
    if (codes_ < 0).any():
        raise ValueError(
            f"{getattr(values, 'name', None) or 'an id column'} has missing ids; "
            "every row needs an id"
        )
    return codes_, np.asarray(uniques, dtype=object)


def unique_cells(row_codes, col_codes, n_cols: int, what: str) -> np.ndarray:
    """Flat cell index of each row; raise when a (row, column) cell occurs twice."""
    cell = row_codes.astype(np.int64) * n_cols + col_codes
    if len(np.unique(cell)) != len(cell):
        raise ValueError(
            f"data has more than one rating for the same {what}; "
            "expected at most one (aggregate or remove duplicates first)"
        )
    return cell


def with_truth(ratings, truth, ratees, dimensions, true_scores):
    """``ratings`` with the ``true_scores`` of ``truth`` merged in (or ``ratings`` unchanged without
    truth).
    """
    if truth is None:
        return ratings
    check_table(
        truth,
        "truth",
        ids=("ratees", "dimensions"),
        ratees=ratees,
        dimensions=dimensions,
        true_scores=true_scores,
    )
    keys = [ratees, dimensions]
    if truth.duplicated(keys).any():
        raise ValueError(
            f"truth has more than one {true_scores} for some {ratees} and {dimensions}"
        )
    numeric(truth, true_scores, "true_scores")
    merged = ratings.drop(columns=[true_scores], errors="ignore").merge(
        truth[[*keys, true_scores]], on=keys, how="left"
    )
    if merged[true_scores].isna().any():
        missing = merged.loc[merged[true_scores].isna(), ratees].unique()[:5]
        raise ValueError(
            f"truth has no {true_scores} for some rated {ratees}: {', '.join(map(str, missing))}"
        )
    return merged
