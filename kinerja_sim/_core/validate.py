"""Validation of user input, with messages that name the parameter, the value and what was expected.

Never ``assert`` on user input: every check here raises ``ValueError`` or ``TypeError``
with a message a non-programmer can act on.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = [
    "check_array",
    "check_bool",
    "check_choice",
    "check_columns",
    "check_finite",
    "check_fraction",
    "check_frame",
    "check_ids",
    "check_int",
    "check_labels",
    "check_not_empty",
    "check_number",
    "check_rng",
]


def _describe(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_int(name: str, value, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return ``value`` as an int, or raise naming ``name`` and the accepted range."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {_describe(value)}")
    value = int(value)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ValueError(f"{name} must be {_range_text(minimum, maximum)}, got {value}")
    return value


def check_number(
    name: str,
    value,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    exclusive_maximum: bool = False,
) -> float:
    """Return ``value`` as a finite float within [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {_describe(value)}")
    value = float(value)
    too_big = maximum is not None and (value >= maximum if exclusive_maximum else value > maximum)
    if not np.isfinite(value) or (minimum is not None and value < minimum) or too_big:
        upper = f"below {maximum}" if exclusive_maximum else None
        raise ValueError(
            f"{name} must be "
            f"{upper and f'at least {minimum} and {upper}' or _range_text(minimum, maximum)}, "
            f"got {value}"
        )
    return value


def check_fraction(name: str, value) -> float:
    """A share between 0 and 1 inclusive."""
    return check_number(name, value, minimum=0.0, maximum=1.0)


def check_bool(name: str, value) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {_describe(value)}")
    return bool(value)


def check_choice(name: str, value, choices: Iterable[str]) -> str:
    choices = list(choices)
    if value not in choices:
        raise ValueError(
            f"{name} must be one of {', '.join(map(repr, choices))}, got {_describe(value)}"
        )
    return value


def check_columns(name: str, frame, required: Iterable[str]) -> pd.DataFrame:
    """Check that ``frame`` is a DataFrame holding every column in ``required``."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise ValueError(
            f"{name} is missing column(s) {', '.join(missing)}; it has "
            f"{', '.join(map(str, frame.columns))}"
        )
    return frame


def check_not_empty(name: str, frame) -> pd.DataFrame:
    """Check that ``frame`` is a DataFrame with at least one row."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(frame).__name__}")
    if len(frame) == 0:
        raise ValueError(f"{name} is empty (no rows); expected at least one row")
    return frame


def check_frame(
    name: str,
    frame,
    columns: Iterable[str],
    *,
    ids: Iterable[str] = (),
    finite: Iterable[str] = (),
    unique: Iterable[str] | None = None,
    allow_empty: bool = False,
) -> pd.DataFrame:
    """A non-empty DataFrame with ``columns``: no missing ``ids``, finite numbers in ``finite``.

    ``unique``: columns that together identify a row (a duplicated key is refused).
    ``allow_empty``: accept a table without rows (where the answer is then an empty table).

    Examples
    --------
    >>> truth = pd.DataFrame({"employee_id": ["a", "a"], "true_score": [3.0, 4.0]})
    >>> check_frame("truth", truth, ["employee_id", "true_score"], unique=["employee_id"])
    Traceback (most recent call last):
    ...
    ValueError: truth has more than one row for employee_id 'a'; expected one
    """
    check_columns(name, frame, columns)
    if not allow_empty:
        check_not_empty(name, frame)
    check_ids(name, frame, ids)
    for column in finite:
        series = frame[column]
        if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            raise TypeError(f"{name} column {column!r} must hold numbers, got dtype {series.dtype}")
        check_finite(f"{name} column {column!r}", series.to_numpy(dtype=float))
    if unique is not None:
        unique = list(unique)
        repeated = frame.duplicated(unique)
        if repeated.any():
            key = frame.loc[repeated, unique].iloc[0].tolist()
            raise ValueError(
                f"{name} has more than one row for {' and '.join(unique)} "
                f"{', '.join(map(repr, key))}; expected one"
            )
    return frame


def _is_missing(values: pd.Series) -> np.ndarray:
    """Missing ids: None, NaN, NaT, pd.NA, and text that is empty or only spaces."""
    missing = np.array(values.isna(), dtype=bool)
    if values.dtype == object or pd.api.types.is_string_dtype(values):
        text = values.map(lambda v: isinstance(v, str) and not v.strip(), na_action="ignore")
        missing |= text.fillna(False).to_numpy(dtype=bool)
    return missing


def check_ids(name: str, frame: pd.DataFrame, columns: Iterable[str], *, missing: str = "raise"):
    """Check that the id ``columns`` of ``frame`` hold no missing or unusable ids.

    Parameters
    ----------
    name : str
        The argument name used in messages (e.g. ``"data"``).
    frame : DataFrame
        Holds every column in ``columns`` (check that first with :func:`check_columns`).
    columns : iterable of str
        The id columns (who rates, who is rated, ...).
    missing : {"raise", "drop"}
        Refuse rows whose id is missing (NaN, None or empty text), or drop them.

    Returns
    -------
    (DataFrame, int)
        The frame (without the dropped rows) and the number of rows dropped.

    Raises
    ------
    TypeError
        An id that cannot be used as a key (a list, a dict, ...).
    ValueError
        A missing id (with ``missing="raise"``), or an infinite number as an id.

    Examples
    --------
    >>> frame = pd.DataFrame({"rater": ["a", None, "b"], "score": [3.0, 4.0, 5.0]})
    >>> check_ids("data", frame, ["rater"], missing="drop")[1]
    1
    >>> check_ids("data", frame, ["rater"])
    Traceback (most recent call last):
    ...
    ValueError: data column 'rater' has 1 missing id(s) (row(s) 1); every row needs an id: fill them
    in or drop those rows
    """
    check_choice("missing", missing, ("raise", "drop"))
    gone = np.zeros(len(frame), dtype=bool)
    for column in columns:
        values = frame[column]
        if values.dtype == object:
            bad = (
                values.map(lambda v: not _hashable(v), na_action="ignore")
                .fillna(False)
                .to_numpy(dtype=bool)
            )
            if bad.any():
                raise TypeError(
                    f"{name} column {column!r} must hold ids (text or whole numbers); got "
                    f"{_describe(values[bad].iloc[0])} at row {frame.index[bad][0]!r}"
                )
        if pd.api.types.is_float_dtype(values) or values.dtype == object:
            infinite = values.map(
                lambda v: isinstance(v, float) and np.isinf(v), na_action="ignore"
            )
            if infinite.fillna(False).to_numpy(dtype=bool).any():
                raise ValueError(
                    f"{name} column {column!r} holds an infinite number as an id; "
                    "expected text or whole numbers"
                )
        absent = _is_missing(values)
        if absent.any() and missing == "raise":
            rows = ", ".join(map(repr, frame.index[absent][:5].tolist())) + (
                " ..." if absent.sum() > 5 else ""
            )
            raise ValueError(
                f"{name} column {column!r} has {int(absent.sum())} missing id(s) (row(s) {rows}); "
                "every row needs an id: fill them in or drop those rows"
            )
        gone |= absent
    return (frame.loc[~gone] if gone.any() else frame), int(gone.sum())


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def check_finite(name: str, values, *, allow_nan: bool = False) -> np.ndarray:
    """``values`` as a float array with no infinite value (and no NaN unless ``allow_nan``).

    Examples
    --------
    >>> check_finite("scores", [1.0, float("nan")], allow_nan=True).tolist()
    [1.0, nan]
    >>> check_finite("scores", [1.0, float("inf")])
    Traceback (most recent call last):
    ...
    ValueError: scores must hold finite numbers; got 1 infinite value(s) (first: inf)
    """
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must hold numbers, got text {_describe(values)}")
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must hold numbers, got {_describe(values)}") from None
    infinite = np.isinf(array)
    if infinite.any():
        raise ValueError(
            f"{name} must hold finite numbers; got {int(infinite.sum())} infinite value(s) "
            f"(first: {array[infinite].flat[0]})"
        )
    if not allow_nan and np.isnan(array).any():
        raise ValueError(
            f"{name} must not hold missing values (NaN); got {int(np.isnan(array).sum())}"
        )
    return array


def check_labels(name: str, values) -> list:
    """A list of category labels: hashable, none missing, all text or all numbers (finite).

    Mixing numbers and text is refused: ``1`` and ``"1"`` would silently be two categories.
    """
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(
            f"{name} must be a sequence of labels (a list, array or Series), got "
            f"{_describe(values)}"
        )
    labels = list(values.tolist() if hasattr(values, "tolist") else values)
    for label in labels:
        if not _hashable(label):
            raise TypeError(f"{name} must hold labels (text or numbers), got {_describe(label)}")
    missing = (
        pd.isna(pd.Series(labels, dtype=object)).to_numpy(dtype=bool)
        if labels
        else np.zeros(0, bool)
    )
    if missing.any():
        raise ValueError(
            f"{name} must not hold missing labels (None or NaN); got {int(missing.sum())}"
        )
    numeric = [isinstance(v, numbers.Number) for v in labels]
    if any(numeric) and not all(numeric):
        text = next(v for v, n in zip(labels, numeric) if not n)
        number = next(v for v, n in zip(labels, numeric) if n)
        raise TypeError(
            f"{name} mixes numbers and text (e.g. {number!r} and {text!r}); "
            "give every label as text, or every label as a number"
        )
    if any(isinstance(v, numbers.Real) and not np.isfinite(v) for v in labels):
        raise ValueError(f"{name} must not hold infinite numbers as labels")
    return labels


_KINDS = {"f": "floating-point numbers", "iu": "whole numbers", "iuf": "numbers"}


def check_array(
    name: str,
    values,
    *,
    ndim: int,
    kind: str = "f",
    rows: int | None = None,
    columns: int | None = None,
) -> np.ndarray:
    """A numpy array with ``ndim`` axes, of dtype kind ``kind`` ("f", "iu" or "iuf"), with finite
    values.

    Examples
    --------
    >>> check_array("truth", np.ones((2, 3)), ndim=2, columns=8)
    Traceback (most recent call last):
    ...
    ValueError: truth must have shape (n, 8), got (2, 3)
    """
    if kind == "f" and not isinstance(values, np.ndarray):
        raise TypeError(
            f"{name} must be a numpy array of {_KINDS[kind]}, got {type(values).__name__}"
        )
    array = np.asarray(values)
    if array.dtype.kind not in kind:
        raise TypeError(f"{name} must hold {_KINDS.get(kind, kind)}, got dtype {array.dtype}")
    shape = "(n,)" if ndim == 1 else f"(n, {columns if columns is not None else 'k'})"
    if array.ndim != ndim or (columns is not None and array.shape[1] != columns):
        raise ValueError(f"{name} must have shape {shape}, got {array.shape}")
    if rows is not None and len(array) != rows:
        raise ValueError(f"{name} must have one entry per row of truth ({rows}), got {len(array)}")
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        raise ValueError(f"{name} must hold finite numbers (no NaN or infinity)")
    return array


def check_rng(rng) -> np.random.Generator:
    """Normalise ``rng`` as in SPEC 7: None, an int seed, a SeedSequence or a Generator."""
    if isinstance(rng, bool) or not (
        rng is None
        or isinstance(
            rng,
            (numbers.Integral, np.random.SeedSequence, np.random.Generator, np.random.BitGenerator),
        )
    ):
        raise TypeError(
            f"rng must be None, a whole-number seed or a numpy Generator, got {_describe(rng)}"
        )
    if isinstance(rng, numbers.Integral) and rng < 0:
        raise ValueError(f"rng must be a non-negative seed, got {rng}")
    return np.random.default_rng(rng)


def _range_text(minimum, maximum) -> str:
    if minimum is not None and maximum is not None:
        return f"between {minimum} and {maximum}"
    if minimum is not None:
        return f"at least {minimum}"
    return f"at most {maximum}"
