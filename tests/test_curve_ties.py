"""Exercise 04: ties are no error (issue #20 item 5).

The rule set breaks ties by its list order (``tie_break.method: order``), a choice the
trainee cannot see; among employees with the same predicate and combined score any choice
that meets the quota is right, and the feedback names those equally right.
"""

import pandas as pd
import pytest

from kinerja_sim.training.exercises import curve
from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.training.trainee import trainee_seed

# The example: in this trainee's office eight staff are tied at 6,22 and seven of
# them must move from Baik to Butuh Perbaikan.
SEED = trainee_seed("Siti Rahma")


@pytest.fixture(scope="module")
def tied_item():
    return curve.make_item(rng=SEED)


def _tied_group(item):
    ranks = item.table.set_index("employee_id")["rank"]
    moved = ranks[sorted(item.must_change)]
    assert moved.nunique() == 1, "the example moves staff of one combined score"
    group = ranks[ranks == moved.iloc[0]].index.tolist()
    return group, moved.iloc[0]


def test_the_example_has_eight_staff_tied_at_6_22_of_whom_seven_move(tied_item):
    group, rank = _tied_group(tied_item)
    assert rank == pytest.approx(6.22) and len(group) == 8 and len(tied_item.must_change) == 7


def test_every_seven_of_the_eight_tied_staff_is_right_in_the_step(tied_item):
    group, _ = _tied_group(tied_item)
    for left_out in group:
        chosen = [e for e in group if e != left_out]
        feedback = curve.check_step(tied_item, 1, chosen, lang="id")
        assert feedback.correct and feedback.score == 1.0, left_out
        assert not any("tidak perlu diubah" in line for line in feedback.details)
        assert any(line.startswith("Sama benarnya") and "6,22" in line for line in feedback.details)


def test_a_tied_choice_is_right_for_the_whole_answer_too(tied_item):
    group, _ = _tied_group(tied_item)
    other = [e for e in group if e not in tied_item.must_change]
    chosen = sorted(tied_item.must_change)[1:] + other
    assert chosen != sorted(tied_item.must_change)
    feedback = curve.check_curve_answer(tied_item, chosen, lang="id")
    assert feedback.correct and feedback.score == 1.0


def test_the_tie_note_names_all_eight_tied_staff(tied_item):
    group, _ = _tied_group(tied_item)
    names = tied_item.table.set_index("employee_id")["name"]
    line = next(
        x
        for x in curve.check_step(tied_item, 1, sorted(tied_item.must_change), lang="id").details
        if x.startswith("Sama benarnya")
    )
    assert all(names[e] in line for e in group) and "7 pegawai mana pun" in line


def test_an_untied_staff_member_instead_of_a_tied_one_is_still_wrong(tied_item):
    group, rank = _tied_group(tied_item)
    ranks = tied_item.table.set_index("employee_id")["rank"]
    step = curve.steps(tied_item)[0]
    higher = next(e for e in step.candidates if ranks[e] > rank)
    chosen = group[:6] + [higher]
    feedback = curve.check_step(tied_item, 1, chosen, lang="id")
    assert not feedback.correct and feedback.score == pytest.approx(6 / 8)
    assert any("tidak perlu diubah" in line for line in feedback.details)
    assert any("1 pegawai lagi harus menjadi Butuh Perbaikan" in line for line in feedback.details)


def _office(ranks, predicate="Baik"):
    n = len(ranks)
    return pd.DataFrame(
        {
            "employee_id": [f"e{i:02d}" for i in range(n)],
            "name": [f"Pegawai {i}" for i in range(n)],
            "position": "Pelaksana",
            "rating_hasil_kerja": "Sesuai Ekspektasi",
            "rating_perilaku": "Sesuai Ekspektasi",
            "predicate": predicate,
            "rank": ranks,
        }
    )


def test_a_tied_choice_in_one_step_carries_into_the_next():
    # Organisation Kurang: one of the tied staff to Butuh Perbaikan, then six to Kurang.
    item = curve.item_from_table(_office([7.1, 6.9] + [6.22] * 8), "Kurang")
    first, second = curve.steps(item)
    assert first.count == 1 and second.count == 6
    other = next(e for e in first.candidates if e not in first.must_change and e > "e01")
    assert curve.check_step(item, 1, [other], lang="id").correct
    after = curve.steps(item, chosen={1: [other]})
    assert other not in after[1].candidates  # now Butuh Perbaikan, no longer Baik
    assert sorted(first.must_change)[0] in after[1].candidates
    chosen = [e for e in after[1].candidates if e not in ("e00", "e01")][:6]
    assert curve.check_step(item, 2, chosen, chosen={1: [other]}, lang="id").correct


def test_without_ties_the_rule_sets_choice_is_the_only_right_one():
    item = curve.item_from_table(_office([7.0, 6.8, 6.6, 6.4, 6.2]), "Baik")
    (step,) = curve.steps(item)
    answer = sorted(step.must_change)
    for other in set(step.candidates) - set(answer):
        swapped = [other, *answer[1:]]
        assert not curve.check_step(item, 1, swapped, lang="id").correct
    feedback = curve.check_step(item, 1, answer, lang="id")
    assert feedback.correct and not any("Sama benarnya" in x for x in feedback.details)


def test_the_widget_accepts_a_tied_choice_and_shows_it_in_the_office(tmp_path):
    from kinerja_sim.ui.exercises import exercise_app

    app = exercise_app("04_terapkan_kurva", store=ProgressStore(tmp_path / "p.sqlite"))
    app.login.start("Siti Rahma")
    group, _ = _tied_group(app.items[0])
    chosen = [e for e in group if e != sorted(app.items[0].must_change)[0]]
    for employee_id in chosen:
        app.boxes[employee_id].value = True
    feedback = app.check()
    assert feedback.correct
    office = app.body.children[1].children[1].value
    names = app.items[0].table.set_index("employee_id")["name"]
    left_out = sorted(app.items[0].must_change)[0]
    row = next(r for r in office.split("<tr>") if names[left_out] in r)
    assert "<s>" not in row  # the one left out keeps Baik on the screen
