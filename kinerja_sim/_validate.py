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
    "check_bool",
    "check_choice",
    "check_columns",
    "check_fraction",
    "check_int",
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


def check_number(name: str, value, *, minimum: float | None = None, maximum: float | None = None,
                 exclusive_maximum: bool = False) -> float:
    """Return ``value`` as a finite float within [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {_describe(value)}")
    value = float(value)
    too_big = maximum is not None and (value >= maximum if exclusive_maximum else value > maximum)
    if not np.isfinite(value) or (minimum is not None and value < minimum) or too_big:
        upper = f"below {maximum}" if exclusive_maximum else None
        raise ValueError(f"{name} must be {upper and f'at least {minimum} and {upper}' or _range_text(minimum, maximum)}, got {value}")
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
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}, got {_describe(value)}")
    return value


def check_columns(name: str, frame, required: Iterable[str]) -> pd.DataFrame:
    """Check that ``frame`` is a DataFrame holding every column in ``required``."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s) {', '.join(missing)}; it has {', '.join(map(str, frame.columns))}")
    return frame


def check_rng(rng) -> np.random.Generator:
    """Normalise ``rng`` as in SPEC 7: None, an int seed, a SeedSequence or a Generator."""
    if isinstance(rng, bool) or not (rng is None or isinstance(rng, (numbers.Integral, np.random.SeedSequence,
                                                                      np.random.Generator, np.random.BitGenerator))):
        raise TypeError(f"rng must be None, a whole-number seed or a numpy Generator, got {_describe(rng)}")
    if isinstance(rng, numbers.Integral) and rng < 0:
        raise ValueError(f"rng must be a non-negative seed, got {rng}")
    return np.random.default_rng(rng)


def _range_text(minimum, maximum) -> str:
    if minimum is not None and maximum is not None:
        return f"between {minimum} and {maximum}"
    if minimum is not None:
        return f"at least {minimum}"
    return f"at most {maximum}"
