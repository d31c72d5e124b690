"""Small helpers shared by the metrics modules: checked columns and long-to-array steps."""
from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim._validate import check_columns

__all__ = ["check_column_names", "codes", "numeric", "unique_cells"]


def check_column_names(data, name: str = "data", **columns) -> pd.DataFrame:
    """Check that every keyword (a parameter naming a column) is a string found in ``data``."""
    for parameter, column in columns.items():
        if not isinstance(column, str):
            raise TypeError(f"{parameter} must be a column name (a string), got {column!r}")
    return check_columns(name, data, list(columns.values()))


def numeric(data: pd.DataFrame, column: str, parameter: str) -> np.ndarray:
    """The column as a float array; refuse text, which no numeric statistic can use."""
    series = data[column]
    if not (pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)):
        raise TypeError(f"{parameter} column {column!r} must hold numbers, got dtype {series.dtype}")
    return series.to_numpy(dtype=float)


def codes(values) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes 0..n-1 in order of first appearance, and the distinct values."""
    codes_, uniques = pd.factorize(pd.Series(values), sort=False)
    return codes_, np.asarray(uniques, dtype=object)


def unique_cells(row_codes, col_codes, n_cols: int, what: str) -> np.ndarray:
    """Flat cell index of each row; raise when a (row, column) cell occurs twice."""
    cell = row_codes.astype(np.int64) * n_cols + col_codes
    if len(np.unique(cell)) != len(cell):
        raise ValueError(f"data has more than one rating for the same {what}; "
                         "expected at most one (aggregate or remove duplicates first)")
    return cell
