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

Regions and pay regimes (``kinerja_sim/data/wilayah.yaml``, with their sources): each kabupaten
stands for one of the 514 real kabupaten and kota, drawn without replacement, so it gets that
one's province (``provinsi``; HIGH, Kepmendagri 100.1.1-6117/2022 for the counts per province;
the kabupaten themselves stay synthetic). Central agencies (instansi pusat) hold 22% of ASN
(MEDIUM, BKN Buku Statistik ASN 2022-2023): a random set of offices with that share of the
employees is theirs (``instansi`` = ``"pusat"``, ``regime`` = ``"tukin"``, tunjangan kinerja);
the rest are regional (``"daerah"``, ``"tpp"``). ASSUMPTION: a central agency's office in a
kabupaten (a vertical office, a madrasah, a tax office) has the kinds, sizes and appraisal
practice of the regional offices; only the pay differs (``kinerja_sim.policy.incentives``).
Both come from a stream of their own (spawned from the plan's generator, which spawning does
not advance), so every office, size, effect and predicate, and so every validated status quo
figure, is exactly what it was without them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja_sim._core.data import read_yaml
from kinerja_sim._core.validate import check_fraction, check_int, check_rng
from kinerja_sim.world.offices import default_composition, office_kinds, organisation_predicate
from kinerja_sim.world.truth import TRUTH

__all__ = [
    "INSTANSI",
    "KABUPATEN_SIZE",
    "PAY_REGIMES",
    "SPAN",
    "OfficePlan",
    "central_share",
    "plan_offices",
    "provinces",
]

KABUPATEN_SIZE = (5_000, 14_000)  # ASN per kabupaten (MEDIUM, SPEC 3.1)
SPAN = 10  # employees per supervisor (ASSUMPTION, about 10)
INSTANSI = ("daerah", "pusat")  # regional government, central agency
PAY_REGIMES = {"daerah": "tpp", "pusat": "tukin"}  # TPP (regional), tunjangan kinerja (central)


def provinces() -> pd.DataFrame:
    """The 38 provinces with their number of kabupaten and kota (``data/wilayah.yaml``).

    Examples
    --------
    >>> table = provinces()
    >>> len(table), int(table["kabupaten"].sum() + table["kota"].sum())
    (38, 514)
    """
    return pd.DataFrame(read_yaml("wilayah.yaml")["provinces"]).rename(columns={"name": "provinsi"})


def central_share() -> float:
    """Share of ASN in central agencies (instansi pusat), BKN statistics (``data/wilayah.yaml``)."""
    return float(read_yaml("wilayah.yaml")["central"]["share"])


@dataclass(frozen=True)
class OfficePlan:
    """Offices of the simulated workforce, in chunk order.

    Attributes
    ----------
    offices : DataFrame
        ``office_id`` (int), ``kabupaten_id``, ``kind``, ``size``, ``office_effect``,
        ``organisation_predicate``, ``chunk``, ``provinsi`` (the kabupaten's province),
        ``instansi`` (``"daerah"`` or ``"pusat"``) and ``regime`` (``"tpp"`` or ``"tukin"``).
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
    employees: int,
    *,
    organisation="truth",
    chunk_size: int = 250_000,
    central: float | None = None,
    rng=None,
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
    central : float, optional
        Share of employees in central agencies; default :func:`central_share` (BKN, 22%).
    rng : None, int or numpy.random.Generator
        The offices, sizes, effects and predicates come from it; provinces and central
        agencies from a stream spawned from it (spawning leaves its draws unchanged).

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
    >>> sorted(plan.offices["regime"].unique())
    ['tpp', 'tukin']
    """
    employees = check_int("employees", employees, minimum=1, maximum=50_000_000)
    chunk_size = check_int("chunk_size", chunk_size, minimum=1_000)
    rng = check_rng(rng)
    central = central_share() if central is None else check_fraction("central", central)
    (regions,) = rng.spawn(1)  # own stream: the draws below are those of a plan without it
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
    province_rng, central_rng = regions.spawn(2)
    offices["provinsi"] = _provinces(kabupaten, province_rng)
    instansi = _instansi(size, central, central_rng)
    offices["instansi"] = pd.Categorical.from_codes(instansi, categories=list(INSTANSI))
    offices["regime"] = pd.Categorical.from_codes(
        instansi, categories=[PAY_REGIMES[k] for k in INSTANSI]
    )
    return OfficePlan(offices, names)


def _provinces(kabupaten, rng) -> pd.Categorical:
    """Province per office: kabupaten ``k`` is the ``k``-th of the real kabupaten and kota in a
    random order (a fresh order for every further 514), so provinces get kabupaten in
    proportion to their real number."""
    table = provinces()
    slots = np.repeat(np.arange(len(table)), table["kabupaten"] + table["kota"])
    rounds = int(kabupaten.max()) // len(slots) + 1 if len(kabupaten) else 1
    order = np.concatenate([rng.permutation(slots) for _ in range(rounds)])
    return pd.Categorical.from_codes(order[kabupaten], categories=list(table["provinsi"]))


def _instansi(size, central: float, rng) -> np.ndarray:
    """0 (daerah) or 1 (pusat) per office: offices in a random order are central until they
    hold ``central`` of the employees (the office that crosses the mark included when that
    comes closer)."""
    order = rng.permutation(len(size))
    filled = np.cumsum(size[order]) / max(int(size.sum()), 1)
    count = int(np.searchsorted(filled, central))
    if count < len(size) and abs(filled[count] - central) < abs(
        (filled[count - 1] if count else 0.0) - central
    ):
        count += 1
    codes = np.zeros(len(size), dtype=np.int8)
    codes[order[:count]] = 1
    return codes


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
