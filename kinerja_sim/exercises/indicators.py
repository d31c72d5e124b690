"""Exercise 01_perbaiki_indikator: rewrite vague indicators until they are measurable.

Each trainee gets ``n`` vague indicators from the corpus (``data/indicator_corpus.yaml``),
from different office kinds, chosen by their seed. An answer is an IKI and a target; the
check is :func:`kinerja_sim.indicators.check`. The score is the share of the five problems
(:data:`kinerja_sim.indicators.PROBLEM_CODES`) the answer avoids; after an attempt the
feedback shows a model answer.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import yaml

from kinerja_sim._validate import check_int
from kinerja_sim.exercises._common import Feedback
from kinerja_sim.i18n import t
from kinerja_sim.indicators import PROBLEM_CODES, check
from kinerja_sim.world import office_kinds

__all__ = ["EXERCISE", "IndicatorItem", "check_indicator", "make_items"]

EXERCISE = "01_perbaiki_indikator"


@dataclass(frozen=True)
class IndicatorItem:
    """A vague indicator to fix: ``item_id``, the office ``kind`` and its label, the vague
    ``iki`` and ``target`` as a supervisor wrote them, and a model ``fix_iki``/``fix_target``."""

    item_id: str
    kind: str
    kind_label: str
    iki: str
    target: str
    fix_iki: str
    fix_target: str


@cache
def _bad_corpus() -> tuple[dict, ...]:
    text = (resources.files("kinerja_sim") / "data" / "indicator_corpus.yaml").read_text(encoding="utf-8")
    return tuple(yaml.safe_load(text)["bad"])


def make_items(seed, n: int = 3) -> list[IndicatorItem]:
    """``n`` vague indicators from different office kinds, chosen by ``seed``.

    Examples
    --------
    >>> items = make_items(1, n=3)
    >>> len({item.kind for item in items})
    3
    """
    corpus = _bad_corpus()
    n = check_int("n", n, minimum=1, maximum=len(corpus))
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(corpus))
    chosen, kinds = [], set()
    for index in order:   # different office kinds first, then any
        if corpus[index]["kind"] not in kinds:
            chosen.append(index)
            kinds.add(corpus[index]["kind"])
    chosen += [i for i in order if i not in chosen]
    labels = {key: spec["label"] for key, spec in office_kinds().items()}
    return [IndicatorItem(item_id=f"indikator-{int(i) + 1:02d}", kind=corpus[i]["kind"],
                          kind_label=labels[corpus[i]["kind"]], iki=corpus[i]["iki"],
                          target="" if corpus[i]["target"] is None else str(corpus[i]["target"]),
                          fix_iki=corpus[i]["fix"]["iki"], fix_target=str(corpus[i]["fix"]["target"]))
            for i in chosen[:n]]


def check_indicator(item: IndicatorItem, iki: str, target: str = "", *, lang=None) -> Feedback:
    """Check a rewritten indicator and say what is still to fix.

    Parameters
    ----------
    item : IndicatorItem
        The vague indicator being fixed.
    iki, target : str
        The trainee's indicator and target (the target may also be written in ``iki``).

    Returns
    -------
    Feedback
        ``correct`` when measurable; ``score`` = share of the five problems avoided;
        details = the checker's messages, then the aspect read and a model answer.

    Examples
    --------
    >>> item = make_items(1, n=1)[0]
    >>> check_indicator(item, "Meningkatkan kinerja", "", lang="en").score
    0.0
    """
    if not isinstance(iki, str) or not isinstance(target, str):
        raise TypeError("iki and target must be text")
    if not iki.strip():
        raise ValueError(t("exercises.indicators.empty", lang))
    if iki.strip().casefold() == item.iki.casefold() and target.strip() == item.target.strip():
        raise ValueError(t("exercises.indicators.unchanged", lang))
    result = check(iki, target.strip() or None, lang=lang)
    score = 1 - len(result.codes) / len(PROBLEM_CODES)
    model = t("exercises.indicators.model", lang, iki=item.fix_iki, target=item.fix_target)
    if result.measurable:
        aspect = t(f"exercises.aspect.{result.aspect}", lang)
        return Feedback(True, 1.0, t("exercises.indicators.good", lang, aspect=aspect), (model,))
    summary = t("exercises.indicators.not_yet", lang, count=len(result.codes))
    return Feedback(False, round(score, 2), summary, (*result.problems, model))
