"""Offices of the synthetic kabupaten and their staff.

Office kinds and their positions come from ``data/office_kinds.yaml``; synthetic
Indonesian names from ``data/names.yaml``. Everything is drawn in whole arrays (no Python
loop over employees); a loop runs over office kinds only.

Modelling choices (ASSUMPTION unless marked): office sizes per kind; one unit head
(Kepala Bidang/Seksi) per ``span`` staff; heads of office are rated by the kepala daerah
(rater ``KDH``); an office's organisation predicate reflects its true result effect
(:mod:`kinerja_sim.world.truth`). The SKP indicators are :mod:`kinerja_sim.world.skp`.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from kinerja_sim._core.data import read_yaml
from kinerja_sim._core.validate import check_columns, check_rng
from kinerja_sim.world.truth import TRUTH

__all__ = [
    "ASAL_DAERAH",
    "ASAL_SHARE",
    "JENJANG",
    "JENJANG_SHARE",
    "KEPALA_DAERAH",
    "ORGANISATION_CUTS",
    "ORGANISATION_PREDICATES",
    "categorical",
    "check_plan",
    "default_composition",
    "draw_employees",
    "draw_offices",
    "kabupaten",
    "numbered_ids",
    "office_kinds",
    "organisation_predicate",
]

ORGANISATION_PREDICATES = ("Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
KEPALA_DAERAH = "KDH"
# Organisation predicate from the office's true result effect, in office-sd units
# (ASSUMPTION: an organisation's predicate reflects its true results).
ORGANISATION_CUTS = np.array(
    [-2.3, -1.6, -1.0, 1.2]
)  # Sangat Kurang | Kurang | BP | Baik | Istimewa

JENJANG = ("Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama")  # functional grade levels
JENJANG_SHARE = (0.42, 0.35, 0.2, 0.03)  # ASSUMPTION
ASAL_DAERAH = ("Sukamaju", "Kabupaten tetangga", "Luar provinsi")  # places of origin (affinity)
ASAL_SHARE = (0.6, 0.25, 0.15)  # ASSUMPTION

_PNS_GRADE = {
    "Ahli Pertama": ("III/a", "III/b"),
    "Ahli Muda": ("III/c", "III/d"),
    "Ahli Madya": ("IV/a", "IV/b", "IV/c"),
    "Ahli Utama": ("IV/d", "IV/e"),
    "pelaksana": ("II/c", "II/d", "III/a", "III/b"),
    "head": ("IV/a", "IV/b", "IV/c"),
    "unit_head": ("III/d", "IV/a"),
}
_PPPK_GRADE = {
    "Ahli Pertama": ("IX",),
    "Ahli Muda": ("X",),
    "Ahli Madya": ("XI",),
    "Ahli Utama": ("XII",),
    "pelaksana": ("V", "VI", "VII"),
}
_FEMALE_SHARE = {"pendidikan": 0.65, "kesehatan": 0.7}


@cache
def _office_file() -> dict:
    return read_yaml("office_kinds.yaml")


@cache
def _names_file() -> dict:
    return read_yaml("names.yaml")


def numbered_ids(prefix: str, count: int, width: int) -> np.ndarray:
    """Ids like ``P00001``: a prefix and a zero-padded running number.

    Examples
    --------
    >>> numbered_ids("K", 2, 3).tolist()
    ['K001', 'K002']
    """
    return np.char.add(prefix, np.char.zfill(np.arange(1, count + 1).astype(str), width)).astype(
        object
    )


def office_kinds() -> dict:
    """The office kinds of ``data/office_kinds.yaml`` (kind key -> description)."""
    return _office_file()["kinds"]


def kabupaten() -> dict:
    """The fictional kabupaten: name, regions (kecamatan) and the kepala daerah's RHK."""
    return _office_file()["kabupaten"]


def default_composition() -> dict:
    """The default kabupaten's offices: kind key -> number of offices of that kind."""
    return _office_file()["default_composition"]


def _composition(n_offices, rng) -> list[str]:
    default = default_composition()
    if n_offices is None:
        return [kind for kind, count in default.items() for _ in range(count)]
    kinds = list(default)
    share = np.array([default[kind] for kind in kinds], dtype=float)
    drawn = rng.choice(len(kinds), size=n_offices, p=share / share.sum())
    drawn[: min(n_offices, len(kinds))] = np.arange(
        min(n_offices, len(kinds))
    )  # every kind once first
    return [kinds[i] for i in np.sort(drawn)]


def organisation_predicate(effect) -> np.ndarray:
    """The organisation predicate of offices with these true result effects (ASSUMPTION).

    Cut at :data:`ORGANISATION_CUTS` office standard deviations: most offices are Baik,
    the clearly strongest Istimewa, the weakest Butuh Perbaikan, Kurang or Sangat Kurang.

    Examples
    --------
    >>> organisation_predicate([0.0, 0.4, -0.3]).tolist()
    ['Baik', 'Istimewa', 'Butuh Perbaikan']
    """
    index = np.searchsorted(ORGANISATION_CUTS, np.asarray(effect, dtype=float) / TRUTH["office_sd"])
    return np.asarray(ORGANISATION_PREDICATES[::-1], dtype=object)[index]


def check_plan(plan) -> pd.DataFrame:
    """Validate an office plan: a table with ``size`` (employees, at least 2) and optionally
    ``kind``.
    """
    check_columns("offices", plan, ["size"])
    sizes = pd.to_numeric(plan["size"], errors="coerce")
    if sizes.isna().any() or (sizes % 1 != 0).any() or (sizes < 2).any():
        raise ValueError(
            "offices.size must hold whole numbers of at least 2 (a head and one employee), "
            f"got {plan['size'].tolist()[:5]}"
        )
    if "kind" in plan:
        unknown = sorted(set(plan["kind"]) - set(office_kinds()))
        if unknown:
            raise ValueError(
                f"offices.kind has unknown kind(s) {', '.join(map(str, unknown))}; "
                f"expected some of {', '.join(office_kinds())}"
            )
    return plan


def draw_offices(n_offices=None, *, plan=None, rng) -> pd.DataFrame:
    """Offices of the kabupaten: ``office_id``, ``name``, ``kind``, ``kind_label``,
    ``region``, ``organisation_predicate``, ``office_effect`` (true result shift) and ``size``.

    ``plan`` (see :func:`check_plan`) fixes the offices' sizes and, optionally, kinds; kinds
    not given are drawn as for ``n_offices``.
    """
    rng = check_rng(rng)
    kinds = office_kinds()
    regions = kabupaten()["regions"]
    if plan is not None:
        chosen = list(plan["kind"]) if "kind" in plan else _composition(len(plan), rng)
        sizes = plan["size"].to_numpy(dtype=np.int64)
    else:
        chosen = _composition(n_offices, rng)
        sizes = np.array(
            [rng.integers(kinds[k]["size"][0], kinds[k]["size"][1] + 1) for k in chosen]
        )
    count = len(chosen)
    region_index = rng.integers(0, len(regions), size=count)
    effect = TRUTH["office_sd"] * rng.standard_normal(count)
    names, running = [], {}
    for kind, region in zip(chosen, region_index):
        running[kind] = running.get(kind, 0) + 1
        short = regions[region].removeprefix("Kecamatan ")
        names.append(kinds[kind]["name_pattern"].format(n=running[kind], region_short=short))
    return pd.DataFrame(
        {
            "office_id": numbered_ids("K", count, 3),
            "name": names,
            "kind": chosen,
            "kind_label": [kinds[k]["label"] for k in chosen],
            "region": [regions[i] for i in region_index],
            "organisation_predicate": organisation_predicate(effect),
            "office_effect": effect.round(3),
            "size": sizes,
        }
    )


def _roles(offices: pd.DataFrame):
    """Per employee: office row, position within the office, role and supervisor position."""
    kinds = office_kinds()
    sizes = offices["size"].to_numpy()
    office_row = np.repeat(np.arange(len(offices)), sizes)
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    position = np.arange(sizes.sum()) - starts[office_row]
    span = np.array([kinds[k].get("span", 0) or 0 for k in offices["kind"]])[office_row]
    n_units = np.where(span > 0, np.ceil((sizes[office_row] - 1) / (span + 1)), 0).astype(int)
    is_head = position == 0
    is_unit_head = ~is_head & (position <= n_units)
    unit = np.where(n_units > 0, (position - n_units - 1) % np.maximum(n_units, 1), position % 3)
    unit = np.where(is_unit_head, position - 1, unit)
    supervisor = np.where(is_head, -1, np.where(is_unit_head | (n_units == 0), 0, unit + 1))
    supervisor = np.where(is_head, -1, starts[office_row] + supervisor)
    return office_row, position, is_head, is_unit_head, unit, supervisor


def _names(sex, degree, prefix, rng) -> np.ndarray:
    names = _names_file()
    given = np.where(
        sex == "P",
        rng.choice(names["female"], size=len(sex)),
        rng.choice(names["male"], size=len(sex)),
    )
    family = rng.choice(names["family"], size=len(sex))
    full = pd.Series(prefix) + pd.Series(given) + " " + pd.Series(family)
    return np.where(degree == "", full, full + ", " + pd.Series(degree)).astype(object)


def _degrees(titles, sectors, types, rng) -> tuple[np.ndarray, np.ndarray]:
    """An academic degree (suffix) and a title prefix (dr., apt.) per employee.

    Degrees follow the position title where ``names.yaml`` lists it (a Bidan is never
    given a nursing degree), else the position family; 40% of pelaksana and doctors
    without a master's degree carry none (ASSUMPTION).
    """
    degrees = _names_file()["degrees"]
    prefixes = _names_file().get("prefixes", {})
    titles = titles.astype(str)
    clinical = (sectors == "kesehatan") & (types != "pelaksana")  # clerks hold general degrees
    family = np.where(
        np.char.startswith(titles, "Guru"), "guru", np.where(clinical, "kesehatan", "umum")
    )
    suffix = np.full(len(titles), "", dtype=object)
    for key in ("guru", "kesehatan", "umum"):
        chosen = family == key
        suffix[chosen] = rng.choice(degrees[key], size=chosen.sum())
    for title, options in degrees.get("by_title", {}).items():
        chosen = np.char.startswith(titles, title)
        suffix[chosen] = rng.choice(options, size=chosen.sum())
    none = ((types == "pelaksana") | np.char.startswith(titles, "Dokter")) & (
        rng.random(len(titles)) < 0.4
    )
    suffix[none] = ""
    prefix = np.full(len(titles), "", dtype=object)
    for title, text in (("Dokter", prefixes.get("dokter")), ("Apoteker", prefixes.get("apoteker"))):
        if text:
            prefix[np.char.startswith(titles, title)] = text + " "
    return suffix, prefix


def _positions(offices, office_row, is_head, is_unit_head, rng):
    """Title, position type, jenjang and ASN type per employee, drawn per office kind."""
    kinds = office_kinds()
    kind = offices["kind"].to_numpy()[office_row]
    n = len(office_row)
    title = np.empty(n, dtype=object)
    kind_of = np.empty(n, dtype=object)
    pppk_share = np.zeros(n)
    for key in np.unique(kind):
        rows = np.flatnonzero((kind == key) & ~is_head & ~is_unit_head)
        spec = kinds[key]
        choice = rng.choice(
            len(spec["positions"]), size=len(rows), p=[p["share"] for p in spec["positions"]]
        )
        title[rows] = [spec["positions"][i]["title"] for i in choice]
        kind_of[rows] = [spec["positions"][i]["type"] for i in choice]
        pppk_share[kind == key] = spec.get("pppk_share", 0.2)
        heads = np.flatnonzero((kind == key) & is_head)
        title[heads] = spec["head_position"]
        units = np.flatnonzero((kind == key) & is_unit_head)
        title[units] = spec.get("unit_head_position") or "Kepala Subbagian"
    struktural = is_head | is_unit_head
    kind_of[struktural] = "struktural"
    fungsional = kind_of == "fungsional"
    jenjang = np.where(fungsional, rng.choice(JENJANG, size=n, p=JENJANG_SHARE), "")
    title = np.where(fungsional, title + " " + jenjang, title)
    asn = np.where(~struktural & (rng.random(n) < pppk_share), "PPPK", "PNS")
    return title, kind_of.astype(str), jenjang, asn


def _grades(position_type, jenjang, asn, is_head, rng) -> np.ndarray:
    key = np.where(position_type == "fungsional", jenjang, position_type)
    key = np.where(position_type == "struktural", np.where(is_head, "head", "unit_head"), key)
    grade = np.empty(len(key), dtype=object)
    for table, kind in ((_PNS_GRADE, "PNS"), (_PPPK_GRADE, "PPPK")):
        for name, grades in table.items():
            rows = (key == name) & (asn == kind)
            grade[rows] = rng.choice(grades, size=rows.sum())
    return grade


def _nip(birth, sex, start_year, rng) -> np.ndarray:
    """Synthetic 18-digit NIP: birth date (8), TMT yyyymm (6), sex (1: L, 2: P), number (3)."""
    month = rng.integers(1, 13, size=len(birth))
    day = rng.integers(1, 29, size=len(birth))
    tmt_month = rng.integers(1, 13, size=len(birth))
    digits = birth * 10**10 + month * 10**8 + day * 10**6 + start_year * 100 + tmt_month
    stem = digits * 10 + np.where(sex == "L", 1, 2)
    number = pd.Series(stem).groupby(stem).cumcount().to_numpy() + 1
    return np.char.mod("%018d", stem * 1000 + number).astype(object)


def draw_employees(offices: pd.DataFrame, *, rng) -> pd.DataFrame:
    """Employees of the offices with their position, supervisor and identity (no truth yet)."""
    rng = check_rng(rng)
    office_row, _, is_head, is_unit_head, unit, supervisor = _roles(offices)
    n = len(office_row)
    ids = numbered_ids("P", n, 5)
    kinds = office_kinds()
    sector = np.array([kinds[k]["sector"] for k in offices["kind"]])[office_row]
    female = pd.Series(sector).map(_FEMALE_SHARE).fillna(0.45).to_numpy()
    sex = np.where(rng.random(n) < female, "P", "L")
    title, position_type, jenjang, asn = _positions(offices, office_row, is_head, is_unit_head, rng)
    sex[np.char.startswith(title.astype(str), "Bidan")] = "P"  # midwives are women
    age = np.clip(np.round(rng.normal(41, 8, size=n) + 8 * is_head + 4 * is_unit_head), 23, 58)
    birth = (2025 - age).astype(int)
    start_year = np.minimum(birth + rng.integers(22, 31, size=n), 2024)
    suffix, prefix = _degrees(title.astype(str), sector, position_type, rng)
    unit_lists = [kinds[k].get("units") or [kinds[k]["short"]] for k in offices["kind"]]
    counts = np.array([len(units) for units in unit_lists])
    offset = np.r_[0, np.cumsum(counts)[:-1]]
    all_units = np.array([name for units in unit_lists for name in units], dtype=object)
    unit_label = all_units[offset[office_row] + unit % counts[office_row]]
    return pd.DataFrame(
        {
            "employee_id": ids,
            "nip": _nip(birth, sex, start_year, rng),
            "name": _names(sex, suffix, prefix, rng),
            "sex": sex,
            "birth_year": birth,
            "asal_daerah": rng.choice(ASAL_DAERAH, size=n, p=ASAL_SHARE),
            "office_id": offices["office_id"].to_numpy()[office_row],
            "unit": np.where(is_head, "Pimpinan", unit_label),
            "position": title,
            "position_type": position_type,
            "jenjang": jenjang,
            "asn_type": asn,
            "grade": _grades(position_type, jenjang, asn, is_head, rng),
            "supervisor_id": np.where(
                supervisor < 0, KEPALA_DAERAH, ids[np.maximum(supervisor, 0)]
            ),
        }
    ).astype(
        {
            "employee_id": str,
            "nip": str,
            "name": str,
            "sex": str,
            "asal_daerah": str,
            "office_id": str,
            "unit": str,
            "position": str,
            "position_type": str,
            "jenjang": str,
            "asn_type": str,
            "grade": str,
            "supervisor_id": str,
        }
    )


def categorical(p, size, *, rng) -> np.ndarray:
    """Category codes 0..len(p)−1 drawn with probabilities ``p``, as int8.

    The same codes as ``rng.choice(len(p), size=size, p=p)`` from the same stream (one
    uniform number each, compared with the cumulative shares) in a twentieth of the time:
    a comparison per category edge instead of a binary search per draw.

    Examples
    --------
    >>> p = [0.6, 0.25, 0.15]
    >>> codes = categorical(p, 1000, rng=5)
    >>> bool((codes == np.random.default_rng(5).choice(3, size=1000, p=p)).all())
    True
    """
    rng = check_rng(rng)
    edges = np.cumsum(p, dtype=float)
    edges /= edges[-1]
    uniform = rng.random(size)
    codes = (uniform >= edges[0]).astype(np.int8)
    for edge in edges[1:-1]:
        codes += uniform >= edge
    return codes
