"""The tables of a synthetic world, and saving them to and loading them from CSV files.

:class:`Dataset` holds the tables (SPEC 3.1); ``Dataset.save`` writes one CSV per table
plus ``data_dictionary.csv`` (every column described in Bahasa Indonesia and English);
:func:`load` reads it back with the same values and types.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja_sim._core.data import read_text
from kinerja_sim._core.sheets import write_csv
from kinerja_sim.raters.table import rate
from kinerja_sim.world.dimensions import DIMENSIONS

__all__ = [
    "DEFAULT_SEED",
    "TABLES",
    "Dataset",
    "data_dictionary",
    "load",
    "supervisor_assignments",
    "truth_long",
]

TABLES = ("offices", "employees", "indicators", "performance", "evidence", "raters", "ratings")
DEFAULT_SEED = 2022  # the seed of the shipped datasets/kabupaten


@dataclass
class Dataset:
    """The tables of a synthetic world (SPEC 3.1), each a tidy DataFrame.

    Attributes
    ----------
    offices, employees, indicators, performance, evidence, raters, ratings : DataFrame
        See ``data_dictionary()`` for every column.
    """

    offices: pd.DataFrame
    employees: pd.DataFrame
    indicators: pd.DataFrame
    performance: pd.DataFrame
    evidence: pd.DataFrame
    raters: pd.DataFrame
    ratings: pd.DataFrame

    def truth(self) -> pd.DataFrame:
        """The latent truth in long form: ``employee_id``, ``dimension``, ``true_score``."""
        return truth_long(self.employees)

    def assignments(self) -> pd.DataFrame:
        """Who rates whom in the world: ``rater_id``, ``employee_id``, ``order``,
        ``affinity_match``.
        """
        return supervisor_assignments(self.employees, self.raters, self.ratings)

    def rerate(self, raters, *, rng=None) -> pd.DataFrame:
        """Ratings of the same employees by other raters with the same assignments.

        ``raters`` is a raters table (``rater_id`` and the bias columns) covering every
        rater of the world, e.g. a changed copy of ``self.raters``.
        """
        return rate(
            self.performance, raters, truth=self.truth(), assignments=self.assignments(), rng=rng
        )

    def save(self, folder) -> Path:
        """Write every table as ``<table>.csv`` plus ``data_dictionary.csv`` into ``folder``."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name in TABLES:
            write_csv(getattr(self, name), folder / f"{name}.csv")
        write_csv(data_dictionary(), folder / "data_dictionary.csv")
        return folder


def truth_long(employees: pd.DataFrame) -> pd.DataFrame:
    """The ``true_<dimension>`` columns of an employees table in long form."""
    columns = [f"true_{d}" for d in DIMENSIONS]
    long = employees.melt(
        id_vars="employee_id", value_vars=columns, var_name="dimension", value_name="true_score"
    )
    long["dimension"] = long["dimension"].str.removeprefix("true_")
    return long.sort_values(["employee_id", "dimension"], kind="stable", ignore_index=True)


def supervisor_assignments(employees, raters, ratings=None) -> pd.DataFrame:
    """Each employee is rated by their supervisor, with affinity when asal daerah matches.

    Returns ``rater_id``, ``employee_id``, ``affinity_match`` and, when ``ratings`` are
    given, each case's ``order`` in the rater's queue.
    """
    origin = raters.set_index("rater_id")["asal_daerah"]
    table = pd.DataFrame(
        {
            "rater_id": employees["supervisor_id"].to_numpy(),
            "employee_id": employees["employee_id"].to_numpy(),
        }
    )
    table["affinity_match"] = (
        employees["asal_daerah"].to_numpy() == origin.reindex(table["rater_id"]).to_numpy()
    )
    if ratings is not None:
        order = ratings.drop_duplicates(["rater_id", "employee_id"]).set_index(
            ["rater_id", "employee_id"]
        )["order"]
        table["order"] = order.reindex(
            pd.MultiIndex.from_frame(table[["rater_id", "employee_id"]])
        ).to_numpy()
    return table


@cache
def _dictionary() -> pd.DataFrame:
    return pd.read_csv(
        io.StringIO(read_text("data_dictionary.csv")), dtype=str, keep_default_na=False
    )


def data_dictionary() -> pd.DataFrame:
    """Every column of every table: ``table``, ``column``, ``dtype``, ``description_id``,
    ``description_en``.
    """
    return _dictionary().copy()


def _typed(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """Give a table read as text the types of the data dictionary."""
    spec = _dictionary()
    spec = spec[spec["table"] == name].set_index("column")["dtype"]
    unknown = [column for column in table.columns if column not in spec.index]
    if unknown:
        raise ValueError(
            f"{name}.csv has column(s) not in the data dictionary: {', '.join(unknown)}"
        )
    converters = {
        "str": lambda s: s.astype(str),
        "int": lambda s: s.astype(np.int64),
        "float": lambda s: s.replace("", "nan").astype(float),
        "bool": lambda s: s.map({"True": True, "False": False}).astype(bool),
    }
    return table.apply(lambda column: converters[spec[column.name]](column))


def load(folder) -> Dataset:
    """Read a dataset saved with :meth:`Dataset.save`.

    Examples
    --------
    >>> import tempfile, kinerja_sim
    >>> ds = kinerja_sim.generate(n_offices=2, rng=3)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     again = kinerja_sim.load(ds.save(folder))
    >>> again.ratings.equals(ds.ratings)
    True
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"folder {str(folder)!r} does not exist or is not a folder")
    missing = [name for name in TABLES if not (folder / f"{name}.csv").is_file()]
    if missing:
        raise ValueError(f"folder {str(folder)!r} lacks {', '.join(f'{m}.csv' for m in missing)}")
    tables = {
        name: _typed(pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False), name)
        for name in TABLES
    }
    return Dataset(**tables)
