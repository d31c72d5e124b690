"""The real indicator corpus (issue #11) and the accuracy of
:func:`kinerja_sim.coach.indicators.check` on it.

Two sets of real indicators written by Indonesian government offices, labelled by the guide
``docs/panduan_label_indikator.md``: ``"corpus"`` (the training part, the rules were tuned on
it) and ``"heldout"`` (a stratified fifth, committed before the rules changed and never used
to tune them), plus ``"fresh"``: a few indicators from sources outside those two, labelled after
the rules were written, and ``"fresh2"``/``"fresh3"``/``"fresh4"``: blind sets collected and
labelled by sessions that never saw the checker, from sources outside all the others. Each was
measured once as it came (the clean figure); ``fresh2`` and ``fresh3`` are training data since,
``fresh4`` was the clean figure of its round; ``"tuning5"`` holds real indicators of the kinds
missed on unseen offices (issue #20), collected from new sources to tune the rules on. The blind
sets keep the format their collectors wrote (fields ``iki, target, unit, source, level, office_kind,
label terukur/tidak_terukur, aspect, problem, reason``, files untouched so their hashes hold);
:func:`real_indicators` reads them into the corpus's shape (``id, iki, target, unit, src, level,
kind, label terukur/tidak, aspect, wrong, why``). The synthetic world's corpus
(``data/indicator_corpus.yaml``) is a further set.

Examples
--------
>>> from kinerja_sim.coach.indicator_corpus import real_indicators, target_text
>>> rows = real_indicators("heldout")
>>> len(rows) >= 50, {row["label"] for row in rows} == {"terukur", "tidak"}
(True, True)
>>> target_text({"target": "98", "unit": "%"})
'98 %'
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from kinerja_sim._core.data import data_path, read_yaml
from kinerja_sim.coach.indicators import check

__all__ = [
    "BLIND_PARTS",
    "PARTS",
    "accuracy",
    "available_parts",
    "confusion",
    "real_indicators",
    "synthetic_indicators",
    "target_text",
]

PARTS = (
    "corpus",
    "heldout",
    "fresh",
    "fresh2",
    "fresh3",
    "fresh4",
    "tuning5",
    "fresh5",
    "fresh6",
    "fresh7",
    "fresh8",
    "fresh9",
    "fresh10",
    "fresh11",
    "fresh12",
    "fresh13",
    "fresh14",
    "fresh15",
    "fresh17",
    "fresh18",
    "fresh19",
)
#: Parts written in the blind collectors' format (a plain list of entries), read by
#: :func:`_from_blind`.
BLIND_PARTS = ("fresh2", "fresh3", "fresh4")


def _path(part: str):
    return data_path("indicators_real", f"{part}.yaml")


def _from_blind(part: str, number: int, entry: dict) -> dict:
    """One entry of a blind set in the corpus's shape (the label and codes are kept as written)."""
    label = {"terukur": "terukur", "tidak_terukur": "tidak"}[entry["label"]]
    wrong = [code for code in re.split(r"[\s,;]+", entry.get("problem") or "") if code]
    return {
        "id": f"{part}-{number:02d}",
        "iki": entry["iki"],
        "target": entry.get("target"),
        "unit": entry.get("unit") or None,
        "src": entry["source"],
        "level": entry["level"],
        "kind": str(entry["office_kind"]).replace(" ", "_"),
        "label": label,
        "aspect": entry.get("aspect") if label == "terukur" else None,
        "wrong": wrong,
        "why": entry.get("reason", ""),
    }


@cache
def _load(part: str) -> tuple[dict, ...]:
    data = read_yaml("indicators_real", f"{part}.yaml")
    if part in BLIND_PARTS:
        return tuple(_from_blind(part, number, entry) for number, entry in enumerate(data, start=1))
    return tuple(data["indicators"])


def available_parts() -> tuple[str, ...]:
    """The parts whose file is present (``fresh3`` arrives later than the others)."""
    return tuple(part for part in PARTS if _path(part).is_file())


def real_indicators(part: str = "corpus") -> list[dict]:
    """The labelled real indicators of ``part`` (one of :data:`PARTS`), as dicts in the corpus's
    shape.
    """
    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}, got {part!r}")
    if not _path(part).is_file():
        raise ValueError(f"part {part!r} has no file yet (present: {available_parts()})")
    return [dict(row) for row in _load(part)]


def synthetic_indicators() -> list[dict]:
    """The synthetic world's good and bad IKI in the same shape (label, aspect) as the real ones."""
    corpus = read_yaml("indicator_corpus.yaml")
    good = [
        {
            "iki": e["iki"],
            "target": e["target"],
            "unit": None,
            "kind": e["kind"],
            "label": "terukur",
            "aspect": e["aspect"],
        }
        for e in corpus["good"]
    ]
    bad = [
        {
            "iki": e["iki"],
            "target": e["target"],
            "unit": None,
            "kind": e["kind"],
            "label": "tidak",
            "aspect": None,
        }
        for e in corpus["bad"]
    ]
    return good + bad


def target_text(entry: dict) -> str:
    """The target as an SKP row shows it: the target column, then the unit column unless already
    there.
    """
    target = "" if entry.get("target") is None else str(entry["target"]).strip()
    unit = (entry.get("unit") or "").strip()
    if unit and unit.casefold() not in target.casefold():
        return f"{target} {unit}".strip()
    return target


def _judge(entries, period):
    rows = []
    for entry in entries:
        result = check(entry["iki"], target_text(entry) or None, period=period)
        rows.append(
            {
                "id": entry.get("id", ""),
                "iki": entry["iki"],
                "label": entry["label"],
                "judged": "terukur" if result.measurable else "tidak",
                "aspect": entry.get("aspect"),
                "judged_aspect": result.aspect,
                "codes": result.codes,
            }
        )
    return pd.DataFrame(rows)


def confusion(entries, *, period="tahunan") -> pd.DataFrame:
    """Counts of label (rows) against the checker's judgement (columns), with totals."""
    judged = _judge(entries, period)
    table = pd.crosstab(judged["label"], judged["judged"], margins=True, margins_name="total")
    return table.reindex(
        index=["terukur", "tidak", "total"], columns=["terukur", "tidak", "total"], fill_value=0
    )


def accuracy(entries, *, period="tahunan") -> dict:
    """Share of terukur judged terukur, of tidak judged tidak, and of right aspects.

    The aspect share is over the entries labelled terukur (an aspect not read counts as wrong).
    """
    judged = _judge(entries, period)
    good = judged[judged["label"] == "terukur"]
    bad = judged[judged["label"] == "tidak"]
    return {
        "n": len(judged),
        "terukur": len(good),
        "tidak": len(bad),
        "terukur_judged_terukur": float((good["judged"] == "terukur").mean())
        if len(good)
        else float("nan"),
        "tidak_judged_tidak": float((bad["judged"] == "tidak").mean())
        if len(bad)
        else float("nan"),
        "aspect_right": float((good["judged_aspect"] == good["aspect"]).mean())
        if len(good)
        else float("nan"),
    }
