"""Issue #20 item 6: the feedback coach agrees with the case file, on thousands of generated texts.

Texts are assembled from the kit's own case files (the figures of the SKP table as the file
prints them, with Indonesian decimal commas, with or without a unit or a space before "%";
the incidents of the behaviour table with their quarter), with parts dropped or swapped, and
every verdict of :func:`kinerja_sim.coach.feedback.check` (and of exercise 06, which calls it)
is compared with the file by one consistency rule set (:func:`_inconsistencies`):

* a number the text took from the file is never reported as absent, a number that is nowhere in
  the file always is;
* evidence taken from the file (an indicator's figures, an incident in its quarter) is never
  reported as absent, in another quarter or contradicted;
* a text without an impact or a next step is never called constructive, and a complete text
  quoting the file is;
* a text that starts like a spreadsheet formula credits no situation or behaviour;
* a behaviour incident is not Hasil Kerja evidence.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim.cases.casefile import practice_cases
from kinerja_sim.coach import feedback
from kinerja_sim.coach.casecheck import _number_value  # noqa: PLC2701 (the file's numbers)
from kinerja_sim.coach.feedback_rules import rule_phrases
from kinerja_sim.training.exercises import feedback as exercise
from kinerja_sim.world.dimensions import BERAKHLAK, RESULT

CASE_PROBLEMS = {
    "bukti_tidak_ada",
    "bukti_salah_periode",
    "angka_tidak_ada",
    "periode_tidak_ada",
    "bukti_bertentangan",
}
ROMAN = ("I", "II", "III", "IV")
IMPACTS = (
    "sehingga warga menerima layanan lebih cepat",
    "sehingga antrean di loket berkurang",
    "sehingga rekan satu tim terbantu",
    "akibatnya pekerjaan tim tertunda",
)
STEPS = (
    "Kita sepakati mulai bulan depan Saudara memeriksa antrean berkas setiap Senin pagi.",
    "Mari kita tinjau bersama pada akhir triwulan berikutnya.",
    "Saya minta Saudara melaporkan kemajuannya paling lambat tanggal 5 setiap bulan.",
)
FORMULAS = ('=HYPERLINK("{}")', '+CONCAT("{}")', '-IMPORTXML("{}")', '@SUM("{}")', '=("{}")')
MUTATIONS = (
    "lengkap",
    "tanpa_dampak",
    "tanpa_langkah",
    "tanpa_keduanya",
    "angka_asing",
    "rumus",
    "perilaku_untuk_hasil",
)


# ----------------------------------------------------------------------------- building texts
def _quarter(q, rng) -> str:
    return str(
        rng.choice(
            [f"Pada Q{q}", f"Pada triwulan {q}", f"Pada triwulan {ROMAN[q - 1]}", f"Pada TW {q}"]
        )
    )


def _printed(value, rng) -> str:
    """A figure as the case file prints it (two decimals at most, decimal comma), or rounded
    to one decimal as a reader may quote it."""
    return number(value, int(rng.choice([2, 1])) if value % 1 else 0, lang="id")


def _percent(value, rng) -> str:
    shown = number(value, 1, lang="id")
    return str(rng.choice([f"{shown} %", f"{shown}%", f"{shown} persen"]))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _result_evidence(data, employee_id, facts, rng):
    """A sentence about one indicator: its realisation in a quarter and its annual capaian."""
    skp = data.indicators[data.indicators["employee_id"] == employee_id].reset_index(drop=True)
    k = int(rng.integers(len(skp)))
    row = skp.iloc[k]
    evidence = data.evidence
    realised = evidence[
        (evidence["indicator_id"] == row["indicator_id"]) & (evidence["kind"] == "realisasi")
    ]
    quarter = int(rng.integers(1, facts.periods + 1))
    value = float(realised.loc[realised["period"] == quarter, "value"].iloc[0])
    unit = f" {row['unit']}" if rng.random() < 0.7 else ""
    figure = _printed(value, rng)
    capaian = _percent(facts.capaian[k], rng)
    head = f"{_quarter(quarter, rng)}, realisasi {_lower_first(row['iki'])} Saudara {figure}{unit}"
    return f"{head} dan capaian tahunannya {capaian}", [figure, capaian.split()[0].rstrip("%")]


def _says_impact(text: str) -> bool:
    """The text names an impact by the rule file's list ("... sehingga warga tidak perlu datang
    dua kali" in a recorded incident is an impact the text quotes)."""
    words = tuple(re.findall(r"[^\W\d_]+", text.lower()))
    return any(
        words[i : i + len(phrase)] == phrase
        for phrase in rule_phrases("impact")
        for i in range(len(words))
    )


def _incident_evidence(facts, dimension, rng, *, impact_free=False):
    """A sentence about one recorded incident of ``dimension`` in its own quarter (one that
    names no impact of its own when ``impact_free``; None when there is none)."""
    mine = facts.incidents[facts.incidents["dimension"] == dimension]
    if mine.empty:
        mine = facts.incidents
    if impact_free:
        mine = mine[[not _says_impact(text) for text in mine["text"]]]
        if mine.empty:
            return None
    row = mine.iloc[int(rng.integers(len(mine)))]
    return (
        f"{_quarter(int(row['period']), rng)}, Saudara {_lower_first(row['text']).rstrip('.')}",
        [],
    )


def _foreign_number(facts, rng) -> str:
    """A number that is nowhere near any number of the file."""
    known = np.asarray(facts.numbers, float)
    while True:
        value = round(float(rng.uniform(11, 9000)), 1)
        if np.all(np.abs(known - value) > np.maximum(1.0, 0.05 * np.abs(known))):
            return number(value, 1, lang="id")


def _pair(data, employee_id, facts, mutation, rng):
    """One text for the case and what was put in it."""
    dimension = RESULT if rng.random() < 0.5 else str(rng.choice(BERAKHLAK))
    if mutation == "perilaku_untuk_hasil":
        dimension = RESULT
    impact = mutation not in ("tanpa_dampak", "tanpa_keduanya")
    step = mutation not in ("tanpa_langkah", "tanpa_keduanya")
    incident = None
    if not facts.incidents.empty and (dimension != RESULT or mutation == "perilaku_untuk_hasil"):
        incident = _incident_evidence(facts, dimension, rng, impact_free=not impact)
    if incident is None:
        evidence, cited = _result_evidence(data, employee_id, facts, rng)
        dimension = RESULT
    else:
        evidence, cited = incident
    foreign = None
    if mutation == "angka_asing" and cited:
        foreign = _foreign_number(facts, rng)
        evidence = evidence.replace(f"Saudara {cited[0]}", f"Saudara {foreign}", 1)
        cited = cited[1:]
    text = evidence + (f", {rng.choice(IMPACTS)}." if impact else ".")
    if step:
        text += " " + str(rng.choice(STEPS))
    if mutation == "rumus":
        text = str(rng.choice(FORMULAS)).format(text)
    return {
        "text": text,
        "dimension": dimension,
        "mutation": mutation,
        "cited": cited,
        "foreign": foreign,
        "impact": impact or _says_impact(evidence),
        "step": step,
    }


# ----------------------------------------------------------------------------- the consistency rule
# set
def _inconsistencies(pair, facts, result) -> list[str]:
    """What a verdict says that the case file (or the text as built) contradicts."""
    out = []
    codes = set(result.codes)
    absent = [p.span.text for p in result.problems if p.code == "angka_tidak_ada"]
    for figure in pair["cited"]:  # the file's numbers are never "absent"
        if any(_number_value(figure) == _number_value(text) for text in absent):
            out.append(f"number {figure} of the file called absent")
    if pair["foreign"] is not None and not any(pair["foreign"] in text for text in absent):
        out.append(f"number {pair['foreign']} not in the file was not flagged")
    from_file = pair["mutation"] in ("lengkap", "tanpa_dampak", "tanpa_langkah", "tanpa_keduanya")
    if from_file and codes & CASE_PROBLEMS:
        out.append(f"evidence of the file reported as {sorted(codes & CASE_PROBLEMS)}")
    if result.constructive and not all(result.parts[part] for part in feedback.PARTS):
        out.append("called constructive with a part missing")
    if result.constructive and not (pair["impact"] and pair["step"]):
        out.append("called constructive without impact or next step")
    if pair["mutation"] == "lengkap" and not result.constructive:
        out.append(f"complete text from the file not constructive: {result.codes}")
    if pair["mutation"] == "rumus" and (
        result.parts["situasi"] or result.parts["perilaku"] or result.ok
    ):
        out.append("a formula was credited with a situation or a behaviour")
    if pair["mutation"] == "perilaku_untuk_hasil" and (
        result.ok or "bukti_bukan_hasil_kerja" not in codes
    ):
        out.append("a behaviour incident accepted as Hasil Kerja evidence")
    return out


def _check_pairs(seeds, per_case, rng):
    failures, n = [], 0
    for seed in seeds:
        data, ids = practice_cases(20, rng=seed)
        for employee_id in ids:
            facts = feedback.case_facts(data, employee_id)
            for k in range(per_case):
                pair = _pair(data, employee_id, facts, MUTATIONS[k % len(MUTATIONS)], rng)
                result = feedback.check(pair["text"], case=facts, dimension=pair["dimension"])
                n += 1
                for problem in _inconsistencies(pair, facts, result):
                    failures.append(f"{problem} | {pair['dimension']} | {pair['text']}")
    return n, failures


# ----------------------------------------------------------------------------- the tests
def test_thousands_of_texts_from_the_case_files_get_verdicts_the_file_supports():
    n, failures = _check_pairs(seeds=(3, 11), per_case=28, rng=np.random.default_rng(20))
    assert n >= 1000
    assert not failures, f"{len(failures)} of {n}:\n" + "\n".join(failures[:8])


@pytest.mark.slow
def test_ten_thousand_texts_from_the_case_files_get_verdicts_the_file_supports():
    n, failures = _check_pairs(seeds=range(100, 125), per_case=21, rng=np.random.default_rng(7))
    assert n >= 10_000
    assert not failures, f"{len(failures)} of {n}:\n" + "\n".join(failures[:8])


def test_the_consistency_rules_catch_a_wrong_verdict():
    # the rule set can fail: a verdict that calls the file's number absent is caught
    data, ids = practice_cases(1, rng=7)
    facts = feedback.case_facts(data, ids[0])
    evidence, cited = _result_evidence(data, ids[0], facts, np.random.default_rng(1))
    pair = {
        "text": f"{evidence}, sehingga antrean berkurang. {STEPS[0]}",
        "dimension": RESULT,
        "mutation": "lengkap",
        "cited": cited,
        "foreign": None,
        "impact": True,
        "step": True,
    }
    assert not _inconsistencies(pair, facts, feedback.check(pair["text"], case=facts))
    wrong = feedback.FeedbackCheck(
        False,
        (feedback.Problem("angka_tidak_ada", "", feedback.Span(0, 1, pair["cited"][0])),),
        {part: () for part in feedback.PARTS},
    )
    found = _inconsistencies(pair, facts, wrong)
    assert any("called absent" in f for f in found)
    assert any("not constructive" in f for f in found)


def test_the_issues_example_quoting_q3_and_a_percentage_is_not_called_absent():
    data, ids = practice_cases(3, rng=7)  # ids[0]: a Disdukcapil clerk, waktu 4 hari in Q3
    facts = feedback.case_facts(data, ids[0])
    text = (
        "Pada Q3 rata-rata waktu penerbitan akta kelahiran Saudara 4 hari kerja dan capaian "
        "tahunannya 107,6 %, sehingga warga menerima akta lebih cepat. Kita sepakati mulai bulan "
        "depan Saudara memeriksa berkas yang tertunda setiap Senin pagi."
    )
    result = feedback.check(text, case=facts, dimension=RESULT)
    assert not set(result.codes) & CASE_PROBLEMS, result.codes
    assert result.constructive


@pytest.mark.parametrize("mutation", ["tanpa_dampak", "tanpa_langkah", "tanpa_keduanya"])
def test_exercise_06_never_marks_an_incomplete_text_constructive(mutation):
    case_set, items = exercise.make_items(rng=5, cases=2)
    rng = np.random.default_rng(3)
    for item in items:
        data = case_set.dataset(item.case_item)
        facts = feedback.case_facts(data, item.employee_id)
        pair = _pair(data, item.employee_id, facts, mutation, rng)
        verdict = exercise.check_feedback(case_set, item, pair["text"])
        direct = feedback.check(pair["text"], case=facts, dimension=item.dimension)
        assert not verdict.correct and not direct.constructive
        assert t("feedback.ok") not in verdict.summary


def test_exercise_06_gives_the_same_verdict_as_the_case_aware_check():
    case_set, items = exercise.make_items(rng=9, cases=2)
    rng = np.random.default_rng(4)
    for item in items:
        data = case_set.dataset(item.case_item)
        facts = feedback.case_facts(data, item.employee_id)
        for mutation in MUTATIONS:
            pair = _pair(data, item.employee_id, facts, mutation, rng)
            verdict = exercise.check_feedback(case_set, item, pair["text"])
            direct = feedback.check(pair["text"], case=facts, dimension=item.dimension)
            assert verdict.correct == direct.constructive
            assert [p.message for p in direct.problems] == list(
                verdict.details[1:][: len(direct.problems)]
            )


def test_lesson_02_dialog_practice_says_constructive_only_for_a_complete_text():
    from kinerja_sim.ui.feedback_exercise import DialogPractice

    data, ids = practice_cases(3, rng=7)
    practice = DialogPractice(data, ids)
    practice.choice.value = ids[0]
    practice.text.value = "Pada Q3 rata-rata waktu penerbitan akta kelahiran Saudara 4 hari kerja."
    result = practice.coach()
    assert result.ok and not result.constructive
    assert "✔" not in practice.result.value and t("feedback.ok") not in practice.result.value
    practice.text.value += " Hal ini membuat warga menerima akta lebih cepat. " + STEPS[0]
    assert practice.coach().constructive and "✔" in practice.result.value


@pytest.mark.parametrize(
    "start", ['=HYPERLINK("x", "', '+CONCAT("', '-IMPORTXML("', '@SUM("', "=", "= 1+"]
)
def test_a_text_that_starts_like_a_formula_is_no_evidence(start):
    text = f"{start}Pada triwulan III Saudara terlambat 11 kali sehingga loket buka pukul 08.30."
    result = feedback.check(text)
    assert result.codes == ("teks_rumus",) and not any(result.parts.values())


def test_a_list_bullet_is_not_a_formula():
    text = "- Pada triwulan III Saudara terlambat 11 kali sehingga loket buka pukul 08.30."
    assert "teks_rumus" not in feedback.check(text).codes
