"""Exercise 01_perbaiki_indikator: rewrite vague indicators until they are measurable.

Each trainee gets ``n`` vague indicators from different office kinds, chosen by their seed,
from two pools written in the real style: the vague indicators that real offices wrote
(the training part of ``data/indicators_real``, issue #11) and those of the synthetic
world's corpus (``data/indicator_corpus.yaml``). An answer is an IKI and a target; the
check is :func:`kinerja_sim.coach.indicators.check` under the annual SKP period, and the answer
must also **fit the RHK** the indicator is written for
(:func:`kinerja_sim.coach.indicator_coach.fits`): a measurable indicator about something else is not
"Bagus!" (issue #13). The score is the share of the checker's problems the answer avoids (halved
when it does not fit); after an attempt the feedback shows a model answer and, for a vague answer, a
rewrite in the real style of the same office kind.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from kinerja_sim._core.data import read_yaml
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_int, check_rng
from kinerja_sim.coach.indicator_coach import fits, rewrite_indicator, suggest
from kinerja_sim.coach.indicator_corpus import real_indicators, target_text
from kinerja_sim.coach.indicators import check
from kinerja_sim.training.exercises._common import Feedback
from kinerja_sim.world.offices import office_kinds

__all__ = ["EXERCISE", "IndicatorItem", "check_indicator", "make_items"]

EXERCISE = "01_perbaiki_indikator"
_SCORED_CODES = (
    "no_object",
    "no_number",
    "no_unit",
    "vague_verb",
    "activity",
    "sasaran",
    "vague_object",
    "unit_mismatch",
    "year_target",
    "period_mismatch",
)


@dataclass(frozen=True)
class IndicatorItem:
    """A vague indicator to fix: ``item_id``, the office ``kind`` and its label, the vague
    ``iki`` and ``target`` as written, the ``rhk`` it is written for, and a model
    ``fix_iki``/``fix_target``."""

    item_id: str
    kind: str
    kind_label: str
    iki: str
    target: str
    fix_iki: str
    fix_target: str
    rhk: str = ""


def _rhk_of(kind: str, iki: str) -> str:
    """The RHK of the synthetic world whose IKI list holds ``iki`` (empty when none)."""
    spec = office_kinds()[kind]
    for level in ("head_rhk", "staff_rhk"):
        for rhk in spec[level]:
            if any(indicator["text"] == iki for indicator in rhk["iki"]):
                return rhk["text"]
    return ""


@cache
def _pool() -> tuple[IndicatorItem, ...]:
    labels = {key: spec["label"] for key, spec in office_kinds().items()}
    items = []
    for number, entry in enumerate(read_yaml("indicator_corpus.yaml")["bad"], start=1):
        items.append(
            IndicatorItem(
                item_id=f"indikator-{number:02d}",
                kind=entry["kind"],
                kind_label=labels[entry["kind"]],
                iki=entry["iki"],
                target="" if entry["target"] is None else str(entry["target"]),
                fix_iki=entry["fix"]["iki"],
                fix_target=str(entry["fix"]["target"]),
                rhk=_rhk_of(entry["kind"], entry["fix"]["iki"]) or entry["iki"],
            )
        )
    for entry in real_indicators("corpus"):
        if entry["label"] != "tidak":
            continue
        goal = target_text(entry)
        rewrites = [
            own for own in [rewrite_indicator(entry["iki"], goal)] if own and check(*own).measurable
        ]
        if (
            rewrites
            and fits(rewrites[0][0], [entry["iki"]])
            and not rewrites[0][1].startswith(("0 ", "…"))
        ):
            items.append(
                IndicatorItem(
                    item_id=f"indikator-{entry['id']}",
                    kind=entry["kind"],
                    kind_label="",
                    iki=entry["iki"],
                    target=goal,
                    fix_iki=rewrites[0][0],
                    fix_target=rewrites[0][1],
                    rhk=entry["iki"],
                )
            )
    return tuple(items)


def make_items(n: int = 3, *, rng=None) -> list[IndicatorItem]:
    """``n`` vague indicators from different office kinds, chosen by ``rng`` (an int seed or a
    Generator).

    Examples
    --------
    >>> items = make_items(3, rng=1)
    >>> len({item.kind for item in items})
    3
    """
    pool = _pool()
    n = check_int("n", n, minimum=1, maximum=len(pool))
    order = check_rng(rng).permutation(len(pool))
    chosen, kinds = [], set()
    for index in order:  # different office kinds first, then any
        if pool[index].kind not in kinds:
            chosen.append(int(index))
            kinds.add(pool[index].kind)
    chosen += [int(i) for i in order if i not in chosen]
    return [
        item if item.kind_label else replace(item, kind_label=t(f"indicators.kind.{item.kind}"))
        for item in (pool[i] for i in chosen[:n])
    ]


def check_indicator(item: IndicatorItem, iki: str, target: str = "", *, lang=None) -> Feedback:
    """Check a rewritten indicator: measurable, and about the RHK it is written for.

    Parameters
    ----------
    item : IndicatorItem
        The vague indicator being fixed.
    iki, target : str
        The trainee's indicator and target (the target may also be written in ``iki``).

    Returns
    -------
    Feedback
        ``correct`` when measurable and fitting the RHK; ``score`` = share of the checker's
        problems avoided (halved when it does not fit); details = what to fix, a rewrite in
        the real style, and a model answer.

    Examples
    --------
    >>> item = make_items(1, rng=1)[0]
    >>> check_indicator(item, "Meningkatkan kinerja", "", lang="en").correct
    False
    >>> check_indicator(item, item.fix_iki, item.fix_target).correct
    True
    """
    if not isinstance(iki, str) or not isinstance(target, str):
        raise TypeError("iki and target must be text")
    if not iki.strip():
        raise ValueError(t("exercises.indicators.empty", lang))
    if iki.strip().casefold() == item.iki.casefold() and target.strip() == item.target.strip():
        raise ValueError(t("exercises.indicators.unchanged", lang))
    result = check(iki, target.strip() or None, lang=lang)
    on_topic = fits(iki, [item.rhk, item.iki, item.fix_iki])
    wrong = [code for code in result.codes if code in _SCORED_CODES]
    score = max(0.0, 1 - len(wrong) / 4) * (1.0 if on_topic else 0.5)
    model = t("exercises.indicators.model", lang, iki=item.fix_iki, target=item.fix_target)
    if result.measurable and on_topic:
        aspect = t(f"exercises.aspect.{result.aspect}", lang)
        good = t("exercises.indicators.good", lang, aspect=aspect)
        return Feedback(True, 1.0, good, (*result.hints, model))  # hints: clearer wording
    details = list(result.problems)
    if not on_topic:
        details.append(t("indicators.exercise.off_topic", lang, rhk=item.rhk or item.iki))
    if not result.measurable:
        for text, goal in suggest(iki, target.strip() or None, kind=item.kind, n=1):
            if fits(text, [item.rhk, item.iki, item.fix_iki]):
                details.append(t("indicators.exercise.rewrite", lang, iki=text, target=goal))
    summary = (
        t("exercises.indicators.not_yet", lang, count=len(result.codes) + (0 if on_topic else 1))
        if not result.measurable
        else t("indicators.exercise.measurable_off_topic", lang)
    )
    return Feedback(False, round(score, 2), summary, (*details, model))
