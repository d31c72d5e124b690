"""Generation of a synthetic kabupaten (SPEC 3.1), and the ``kinerja-sim generate`` command.

:func:`generate` draws offices, employees, their truth, SKP and evidence
(:mod:`kinerja_sim.world`) and the supervisors' ratings (:mod:`kinerja_sim.raters`) into a
:class:`~kinerja_sim.dataset.tables.Dataset`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_fraction, check_int, check_not_empty, check_rng
from kinerja_sim.dataset.tables import (
    DEFAULT_SEED,
    TABLES,
    Dataset,
    supervisor_assignments,
    truth_long,
)
from kinerja_sim.raters.presets import PRESETS, RaterPopulation
from kinerja_sim.raters.table import rate
from kinerja_sim.world.evidence import draw_evidence, draw_performance
from kinerja_sim.world.offices import KEPALA_DAERAH, check_plan, draw_employees, draw_offices
from kinerja_sim.world.skp import draw_indicators
from kinerja_sim.world.truth import draw_truth

__all__ = ["draw_raters", "generate", "register"]


def _population(raters) -> RaterPopulation:
    if isinstance(raters, RaterPopulation):
        return raters
    if isinstance(raters, str) and raters in PRESETS:
        return PRESETS[raters]
    raise ValueError(
        f"raters must be one of {', '.join(map(repr, PRESETS))} or a RaterPopulation, "
        f"got {raters!r}"
    )


def draw_raters(
    employees, population: RaterPopulation, trained_share: float, *, rng
) -> pd.DataFrame:
    """One rater per supervisor (and the kepala daerah), with biases from ``population``.

    A ``trained_share`` of them, drawn at random, get frame-of-reference training
    (``RaterPopulation.draw``).
    """
    supervisor_ids = pd.unique(employees["supervisor_id"])
    table = population.draw(len(supervisor_ids), trained_share=trained_share, rng=rng)
    table["rater_id"] = supervisor_ids.astype(str)
    people = employees.set_index("employee_id")
    is_employee = table["rater_id"].isin(people.index).to_numpy()
    lookup = people.reindex(table["rater_id"])
    table.insert(1, "employee_id", np.where(is_employee, table["rater_id"], ""))
    table.insert(2, "office_id", lookup["office_id"].fillna("").to_numpy(dtype=str))
    table.insert(3, "asal_daerah", lookup["asal_daerah"].fillna("Sukamaju").to_numpy(dtype=str))
    table = table.sort_values("rater_id", kind="stable", ignore_index=True)
    return table.astype(
        {"rater_id": str, "employee_id": str, "office_id": str, "asal_daerah": str, "trained": bool}
    )


def generate(
    n_offices: int | None = None,
    *,
    offices=None,
    periods: int = 4,
    raters="praktik",
    trained_share: float = 0.0,
    rng=None,
) -> Dataset:
    """Generate a synthetic kabupaten with known true performance, evidence and ratings.

    Parameters
    ----------
    n_offices : int, optional
        Number of offices. None gives the default small kabupaten of
        ``data/office_kinds.yaml`` (Sekretariat Daerah, Bappeda, DPMPTSP, Disdukcapil,
        Dinas Kesehatan with Puskesmas, Dinas Pendidikan with schools); a number draws
        office kinds in the same proportions, every kind once first.
    offices : DataFrame, optional
        An office plan instead of ``n_offices``: one row per office with ``size``
        (employees, at least 2) and optionally ``kind`` (a key of ``office_kinds.yaml``),
        e.g. to build a synthetic copy of a real region's units.
    periods : int
        Evaluation periods in the year (4 = quarterly, the default; 2 = semester;
        12 = monthly).
    raters : str or RaterPopulation
        The population the supervisors' biases are drawn from: a name in
        ``kinerja_sim.raters.PRESETS`` (default ``"praktik"``: supervisors as they rate in
        current practice, with the administrative floor; ``"supervisory"`` for the
        literature's administrative raters without it).
    trained_share : float
        Share of raters given frame-of-reference training (0 to 1).
    rng : None, int or numpy.random.Generator
        Source of randomness; the same seed gives identical tables on every machine.

    Returns
    -------
    Dataset
        Tables ``offices``, ``employees``, ``indicators``, ``performance``, ``evidence``,
        ``raters`` and ``ratings`` (see ``data_dictionary()``).

    Examples
    --------
    >>> import kinerja_sim
    >>> ds = kinerja_sim.generate(n_offices=3, rng=1)
    >>> sorted(ds.ratings["dimension"].unique())[:2]
    ['adaptif', 'akuntabel']
    >>> ds.ratings.groupby("employee_id").size().eq(8).all()
    np.True_
    """
    if n_offices is not None:
        n_offices = check_int("n_offices", n_offices, minimum=1, maximum=100_000)
        if offices is not None:
            raise ValueError("give either n_offices or offices, not both")
    if offices is not None:
        check_not_empty("offices", offices)
        offices = check_plan(offices)
    periods = check_int("periods", periods, minimum=2, maximum=12)
    trained_share = check_fraction("trained_share", trained_share)
    population = _population(raters)
    streams = check_rng(rng).spawn(7)
    offices = draw_offices(n_offices, plan=offices, rng=streams[0])
    employees = draw_employees(offices, rng=streams[1])
    employees = pd.concat([employees, draw_truth(employees, offices, rng=streams[2])], axis=1)
    indicators = draw_indicators(employees, offices, rng=streams[3])
    performance = draw_performance(
        employees, employees["employee_id"], periods=periods, rng=streams[4]
    )
    evidence, realisation = draw_evidence(indicators, performance, periods=periods, rng=streams[4])
    indicators["realisation"] = indicators["indicator_id"].map(realisation).to_numpy()
    rater_table = draw_raters(employees, population, trained_share, rng=streams[5])
    ratings = rate(
        performance,
        rater_table,
        truth=truth_long(employees),
        assignments=supervisor_assignments(employees, rater_table),
        rng=streams[6],
    )
    ratings = ratings.sort_values(
        ["rater_id", "order", "employee_id", "dimension"], kind="stable", ignore_index=True
    )
    heads = employees[employees["supervisor_id"] == KEPALA_DAERAH].set_index("office_id")[
        "employee_id"
    ]
    offices.insert(7, "head_id", offices["office_id"].map(heads).fillna("").astype(str))
    return Dataset(
        offices=offices.drop(columns="size"),
        employees=employees,
        indicators=indicators,
        performance=performance,
        evidence=evidence,
        raters=rater_table,
        ratings=ratings,
    )


def register(subparsers) -> None:
    """The ``kinerja-sim generate`` command."""
    parser = subparsers.add_parser(
        "generate",
        help="generate a synthetic kabupaten as CSV files",
        description=f"Generate a synthetic kabupaten. With no option but --out it reproduces "
        f"datasets/kabupaten byte for byte (seed {DEFAULT_SEED}).",
    )
    parser.add_argument("--out", required=True, help="folder to write the CSV files to")
    parser.add_argument(
        "--offices",
        type=int,
        default=None,
        help="number of offices (default: the standard kabupaten)",
    )
    parser.add_argument(
        "--periods", type=int, default=4, help="periods per year (default 4: quarters)"
    )
    parser.add_argument(
        "--raters", default="praktik", help=f"rater preset: {', '.join(PRESETS)} (default praktik)"
    )
    parser.add_argument(
        "--trained-share", type=float, default=0.0, help="share of raters trained (0-1)"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    parser.set_defaults(func=_generate_command)


def _generate_command(args) -> int:
    dataset = generate(
        args.offices,
        periods=args.periods,
        raters=args.raters,
        trained_share=args.trained_share,
        rng=args.seed,
    )
    folder = dataset.save(args.out)
    counts = ", ".join(f"{len(getattr(dataset, name))} {name}" for name in TABLES)
    print(f"wrote {folder}: {counts}")
    return 0
