"""Exercise 05_pertanyaan_kebijakan: predict what a policy change does, then simulate it.

The trainee gets policy questions ("if every supervisor is trained, does the agreement of
predicates with the truth go up, down or stay about the same?"), answers, and the check runs
the simulation of :func:`kinerja_sim.policy.compare` (the status quo, ``Scenario()``:
current practice without the curve, against the changed scenario, replications from the
trainee's seed). The questions are the policy options of the status quo: enforcing the
curve, training, 360-degree raters, a higher threshold, a calibration committee. The right answer is
what the simulation shows: "naik" or "turun" when the confidence interval of the difference excludes
zero and the change is at least one percentage point (ASSUMPTION: smaller changes count as "about
the same"), else "hampir_sama".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_choice, check_int, check_rng
from kinerja_sim.policy import Scenario, compare
from kinerja_sim.training.exercises._common import Feedback

__all__ = [
    "ANSWERS",
    "EXERCISE",
    "QUESTIONS",
    "PolicyItem",
    "check_policy",
    "make_items",
    "simulate_question",
]

EXERCISE = "05_pertanyaan_kebijakan"
ANSWERS = ("naik", "turun", "hampir_sama")
MIN_CHANGE = 0.01
# question key -> (changes to the baseline Scenario, outcome of kinerja_sim.policy.METRICS)
QUESTIONS = {
    "latih_lantai": ({"trained_share": 1.0}, "share_butuh_perbaikan"),
    "kurva": ({"enforce_curve": True}, "share_baik"),
    "penilai_360": ({"raters_per_employee": 3}, "agreement"),
    "ambang_di_atas": (
        {"rule_changes": {"score_to_rating": {"thresholds": {"di_atas": 3.75}}}},
        "share_sangat_baik",
    ),
    "kalibrasi_lantai": ({"calibration": True}, "share_butuh_perbaikan"),
    "kalibrasi": ({"calibration": True}, "leniency_share"),
}
EMPLOYEES = 3_000
REPLICATIONS = 3


@dataclass(frozen=True)
class PolicyItem:
    """One question: ``item_id``, ``key`` (of :data:`QUESTIONS`) and the ``seed`` of its
    simulation.
    """

    item_id: str
    key: str
    seed: int

    def question(self, lang=None) -> str:
        return t(f"exercises.policy.question.{self.key}", lang)


def make_items(n: int = 2, *, rng=None) -> list[PolicyItem]:
    """``n`` different questions chosen by ``rng`` (an int seed or a Generator).

    Examples
    --------
    >>> [item.key for item in make_items(2, rng=1)] == [item.key for item in make_items(2, rng=1)]
    True
    """
    n = check_int("n", n, minimum=1, maximum=len(QUESTIONS))
    rng = check_rng(rng)
    keys = list(QUESTIONS)
    seeds = rng.integers(0, 2**31, size=n)
    return [
        PolicyItem(f"kebijakan-{keys[i]}", keys[i], int(s))
        for i, s in zip(rng.permutation(len(keys))[:n], seeds)
    ]


@cache
def simulate_question(
    key: str, seed: int, employees: int = EMPLOYEES, replications: int = REPLICATIONS
) -> dict:
    """Simulate baseline and change: ``before``, ``after``, ``difference``, ``low``, ``high``,
    ``answer``.
    """
    changes, metric = QUESTIONS[key]
    base = Scenario()
    table = compare(
        [base, base.replace(name="perubahan", **changes)],
        employees=employees,
        replications=replications,
        rng=seed,
    )
    rows = table[table["metric"] == metric].set_index("scenario")
    after = rows.loc["perubahan"]
    low, high, difference = (
        float(after["diff_ci_low"]),
        float(after["diff_ci_high"]),
        float(after["difference"]),
    )
    clear = abs(difference) >= MIN_CHANGE and (low > 0 or high < 0)
    answer = ("naik" if difference > 0 else "turun") if clear else "hampir_sama"
    return {
        "before": float(rows.loc[base.name, "estimate"]),
        "after": float(after["estimate"]),
        "difference": difference,
        "low": low,
        "high": high,
        "answer": answer,
        "label": str(after["label"]),
        "employees": employees,
        "replications": replications,
    }


def check_policy(
    item: PolicyItem,
    choice: str,
    *,
    lang=None,
    employees: int = EMPLOYEES,
    replications: int = REPLICATIONS,
) -> Feedback:
    """Check a prediction against the simulation and report its numbers.

    Examples
    --------
    >>> item = make_items(1, rng=1)[0]
    >>> feedback = check_policy(item, "naik", employees=1_000, replications=2)
    >>> feedback.score in (0.0, 1.0)
    True
    """
    if choice is None or choice == "":
        raise ValueError(t("exercises.policy.choose", lang))
    choice = check_choice("choice", choice, ANSWERS)
    result = simulate_question(item.key, item.seed, employees, replications)

    def percent(value):
        return number(100 * value, 1, lang=lang)

    numbers = t(
        "exercises.policy.numbers",
        lang,
        label=result["label"],
        before=percent(result["before"]),
        after=percent(result["after"]),
        difference=percent(result["difference"]),
        low=percent(result["low"]),
        high=percent(result["high"]),
        employees=number(employees, 0, lang=lang),
        replications=replications,
    )
    why = t(f"exercises.policy.why.{item.key}", lang)
    answer = t(f"exercises.policy.answer.{result['answer']}", lang)
    if choice == result["answer"]:
        return Feedback(
            True, 1.0, t("exercises.policy.correct", lang, answer=answer), (numbers, why)
        )
    return Feedback(False, 0.0, t("exercises.policy.wrong", lang, answer=answer), (numbers, why))
