"""The national workforce as a plan of kabupaten and offices, cut into chunks.

The plan is small (one row per office) and drawn once from the root stream; employees are
drawn later, chunk by chunk, from one spawned stream per chunk, so a chunk's results do not
depend on which process runs it.

Modelling choices (ASSUMPTION unless marked; SPEC 3.1): a kabupaten has 5,000–14,000 ASN
(MEDIUM, BKN statistics); its offices are drawn with the kinds and sizes of
``kinerja_sim/data/office_kinds.yaml`` in the proportions of its ``default_composition``
(education about half); every ``SPAN`` employees of an office share one supervisor
(about 470,000 supervisors for 4.7 million ASN); the office's true result effect and its
organisation predicate follow ``kinerja_sim.world.offices``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_int, check_rng
from kinerja_sim.world.offices import default_composition, office_kinds, organisation_predicate
from kinerja_sim.world.truth import TRUTH

__all__ = ["KABUPATEN_SIZE", "SPAN", "OfficePlan", "plan_offices"]

KABUPATEN_SIZE = (5_000, 14_000)  # ASN per kabupaten (MEDIUM, SPEC 3.1)
SPAN = 10  # employees per supervisor (ASSUMPTION, about 10)


@dataclass(frozen=True)
class OfficePlan:
    """Offices of the simulated workforce, in chunk order.

    Attributes
    ----------
    offices : DataFrame
        ``office_id`` (int), ``kabupaten_id``, ``kind``, ``size``, ``office_effect``,
        ``organisation_predicate``, ``chunk``.
    kinds : tuple of str
        Office kinds, the order of the kind codes used in chunks.
    """

    offices: pd.DataFrame
    kinds: tuple

    @property
    def n_chunks(self) -> int:
        return int(self.offices["chunk"].max()) + 1 if len(self.offices) else 0

    def chunk(self, index: int) -> pd.DataFrame:
        """The offices of chunk ``index`` (consecutive rows: chunks are in order)."""
        chunks = self.offices["chunk"].to_numpy()
        start, stop = np.searchsorted(chunks, [index, index + 1])
        return self.offices.iloc[start:stop]


def _kind_table():
    """Kinds, their share of offices (default composition) and size ranges."""
    composition = default_composition()
    kinds = office_kinds()
    names = tuple(composition)
    share = np.array([composition[k] for k in names], dtype=float)
    low = np.array([kinds[k]["size"][0] for k in names])
    high = np.array([kinds[k]["size"][1] for k in names])
    return names, share / share.sum(), low, high


def office_organisation(effect, organisation, *, rng) -> np.ndarray:
    """Organisation predicate per office: from the true effect (``world``), one label, or shares."""
    if organisation == "truth":
        return organisation_predicate(effect)
    if isinstance(organisation, str):
        return np.full(len(effect), organisation, dtype=object)
    labels = list(organisation)
    shares = np.array([organisation[k] for k in labels], dtype=float)
    choice = check_rng(rng).choice(len(labels), size=len(effect), p=shares / shares.sum())
    return np.asarray(labels, dtype=object)[choice]


def plan_offices(
    employees: int, *, organisation="truth", chunk_size: int = 250_000, rng=None
) -> OfficePlan:
    """Draw the kabupaten and offices of a workforce of ``employees`` ASN.

    Parameters
    ----------
    employees : int
        Total employees; the last office is trimmed so the total is exact.
    organisation : str or mapping
        How organisation predicates are set (see :class:`~kinerja_sim.policy.Scenario`).
    chunk_size : int
        Employees per chunk (whole kabupaten are kept together; a chunk holds at least one).
    rng : None, int or numpy.random.Generator

    Returns
    -------
    OfficePlan

    Examples
    --------
    >>> plan = plan_offices(30_000, rng=1)
    >>> int(plan.offices["size"].sum())
    30000
    >>> plan.offices["kabupaten_id"].nunique() >= 2
    True
    """
    employees = check_int("employees", employees, minimum=1, maximum=50_000_000)
    chunk_size = check_int("chunk_size", chunk_size, minimum=1_000)
    rng = check_rng(rng)
    names, share, low, high = _kind_table()
    mean_size = float(share @ (low + high) / 2)
    n_offices = int(employees / mean_size * 1.1) + 50
    kind = rng.choice(len(names), size=n_offices, p=share)
    size = rng.integers(low[kind], high[kind] + 1)
    keep = np.searchsorted(np.cumsum(size), employees) + 1
    kind, size = kind[:keep], size[:keep]
    size[-1] -= int(size.sum()) - employees
    kabupaten = _kabupaten(size, rng)
    effect = (TRUTH["office_sd"] * rng.standard_normal(keep)).astype(np.float32)
    offices = pd.DataFrame(
        {
            "office_id": np.arange(keep, dtype=np.int64),
            "kabupaten_id": kabupaten,
            "kind": pd.Categorical.from_codes(kind, categories=list(names)),
            "size": size.astype(np.int64),
            "office_effect": effect,
            "organisation_predicate": office_organisation(effect, organisation, rng=rng),
            "chunk": _chunks(kabupaten, size, chunk_size),
        }
    )
    return OfficePlan(offices, names)


def _kabupaten(size, rng) -> np.ndarray:
    """Consecutive offices fill kabupaten of 5,000–14,000 employees."""
    total = int(size.sum())
    targets = rng.integers(
        KABUPATEN_SIZE[0], KABUPATEN_SIZE[1] + 1, size=total // KABUPATEN_SIZE[0] + 2
    )
    bounds = np.cumsum(targets)
    starts = np.cumsum(size) - size
    return np.searchsorted(bounds, starts, side="right").astype(np.int64)


def _chunks(kabupaten, size, chunk_size) -> np.ndarray:
    """Chunk number per office: whole kabupaten, about ``chunk_size`` employees per chunk."""
    per_kab = np.bincount(kabupaten, weights=size)
    kab_start = np.cumsum(per_kab) - per_kab
    chunk_of_kab = (kab_start // chunk_size).astype(np.int64)
    _, dense = np.unique(chunk_of_kab, return_inverse=True)
    return dense.ravel()[kabupaten]
