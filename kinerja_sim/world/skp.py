"""The SKP of every employee: RHK cascaded from the leader's RHK, with their IKI.

The templates (RHK and IKI per office kind, for heads and for staff) come from
``data/office_kinds.yaml``; targets are drawn in each template's range.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_rng
from kinerja_sim.world.offices import KEPALA_DAERAH, numbered_ids, office_kinds

__all__ = ["draw_indicators"]


def _skp_templates(kind: str) -> pd.DataFrame:
    """One row per (RHK, IKI) template of an office kind, for heads and for staff."""
    spec = office_kinds()[kind]
    head_text = {rhk["id"]: rhk["text"] for rhk in spec["head_rhk"]}
    rows = []
    for level, rhks in (("head", spec["head_rhk"]), ("staff", spec["staff_rhk"])):
        for rhk in rhks:
            above = rhk["intervenes"] if level == "head" else head_text[rhk["intervenes"]]
            for iki in rhk["iki"]:
                rows.append(
                    {
                        "level": level,
                        "rhk_id": rhk["id"],
                        "rhk": rhk["text"],
                        "rhk_pimpinan": above,
                        "for": tuple(rhk.get("for") or ()),
                        **iki,
                    }
                )
    return pd.DataFrame(rows)


def draw_indicators(
    employees: pd.DataFrame, offices: pd.DataFrame, *, rng, rhk_per_employee: int = 2
) -> pd.DataFrame:
    """The SKP of every employee: RHK cascaded from the leader's RHK, with their IKI.

    Heads of office take all of their kind's head RHK (each intervening a kepala daerah
    RHK); everyone else takes ``rhk_per_employee`` staff RHK suited to their position type,
    each intervening one of the head's RHK. Targets are drawn in the template's range.
    """
    rng = check_rng(rng)
    kind_of = employees["office_id"].map(offices.set_index("office_id")["kind"]).to_numpy()
    is_head = employees["supervisor_id"].to_numpy() == KEPALA_DAERAH
    parts = []
    for kind in np.unique(kind_of):
        templates = _skp_templates(kind)
        parts.append(_head_skp(employees[(kind_of == kind) & is_head], templates))
        parts.append(
            _staff_skp(employees[(kind_of == kind) & ~is_head], templates, rhk_per_employee, rng)
        )
    table = pd.concat(parts, ignore_index=True)
    table = table.sort_values(["employee_id", "rhk_id", "aspect"], kind="stable", ignore_index=True)
    low, high = np.stack(table.pop("target").to_numpy()).T.astype(float)
    draw = low + (high - low) * rng.random(len(table))
    whole = (table["unit"] != "%") & (table["aggregation"] == "sum")  # counts are whole numbers
    table["target"] = np.where(whole, np.maximum(np.round(draw), 1), np.round(draw, 1))
    table.insert(0, "indicator_id", numbered_ids("I", len(table), 6))
    return table[
        [
            "indicator_id",
            "employee_id",
            "rhk_id",
            "rhk",
            "rhk_pimpinan",
            "aspect",
            "text",
            "target",
            "unit",
            "direction",
            "aggregation",
        ]
    ].rename(columns={"text": "iki"})


def _head_skp(heads: pd.DataFrame, templates: pd.DataFrame) -> pd.DataFrame:
    head_rows = templates[templates["level"] == "head"]
    return heads[["employee_id"]].merge(head_rows, how="cross")


def _suits(staff: pd.DataFrame, allowed: tuple) -> np.ndarray:
    """Whether each staff member may take an RHK meant ``for`` these position types or titles.

    Unit heads (struktural) may take any RHK; an empty ``for`` means everyone.
    """
    ptype = staff["position_type"].to_numpy(dtype=str)
    title = staff["position"].to_numpy(dtype=str)
    fits = np.isin(ptype, allowed) | (len(allowed) == 0) | (ptype == "struktural")
    for name in allowed:
        fits |= np.char.startswith(title, name + " ") | (title == name)
    return fits


def _staff_skp(
    staff: pd.DataFrame, templates: pd.DataFrame, per_employee: int, rng
) -> pd.DataFrame:
    """Give each staff member ``per_employee`` distinct RHK that suit their position type."""
    staff_rows = templates[templates["level"] == "staff"]
    rhk = staff_rows.drop_duplicates("rhk_id")
    suits = np.column_stack([_suits(staff, allowed) for allowed in rhk["for"]])
    suits[~suits.any(axis=1)] = True
    keys = np.where(suits, rng.random(suits.shape), 2.0)
    take = np.argsort(keys, axis=1)[:, :per_employee]
    take_ok = np.take_along_axis(keys, take, axis=1) < 2.0
    chosen = pd.DataFrame(
        {
            "employee_id": np.repeat(staff["employee_id"].to_numpy(), per_employee),
            "rhk_id": rhk["rhk_id"].to_numpy()[take.ravel()],
        }
    )[take_ok.ravel()]
    return chosen.merge(staff_rows, on="rhk_id")
