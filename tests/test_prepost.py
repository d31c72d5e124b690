"""The counterbalanced pre-test and post-test (issue #23 item 1): sets, scoring, cohort effect."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from kinerja_sim.raters import BIAS_FIELDS, rate_arrays, train
from kinerja_sim.training import dashboard
from kinerja_sim.training.exercises import prepost
from kinerja_sim.training.prepost_tables import prepost_table
from kinerja_sim.training.progress import ProgressStore
from kinerja_sim.world.dimensions import DIMENSIONS

N_TRAINEES = 40


@pytest.fixture(scope="module")
def tests():
    return {name: prepost.make_test(name) for name in prepost.SETS}


@pytest.fixture(scope="module")
def references(tests):
    """Reference of every case of both sets: (cases, 8) per set."""
    return {
        name: np.array([test.reference(case.item_id).to_numpy() for case in test.cases])
        for name, test in tests.items()
    }


def _raters(n, rng, *, trained=False):
    """A room of untrained raters (supervisory-like biases, varying per trainee)."""
    rng = np.random.default_rng(rng)
    table = pd.DataFrame(
        {
            "leniency": rng.normal(0.5, 0.25, n),
            "central_tendency": rng.uniform(0.2, 0.5, n),
            "halo": rng.uniform(0.2, 0.5, n),
            "recency": np.zeros(n),
            "contrast": np.zeros(n),
            "affinity": np.zeros(n),
            "idiosyncratic": np.full(n, 0.2),
            "noise": np.full(n, 0.3),
        }
    )
    return train(table) if trained else table


def _scores(reference, raters, rng):
    """Each rater scores every case of a set with the kit's rater model, from the reference."""
    n, cases = len(raters), len(reference)
    truth = np.tile(reference, (n, 1)).astype(float)
    bias = {name: raters[name].to_numpy(dtype=float) for name in BIAS_FIELDS if name in raters}
    bias.update({name: np.zeros(n) for name in BIAS_FIELDS if name not in bias})
    bias.pop("floor", None)
    rater = np.repeat(np.arange(n), cases)
    scores = rate_arrays(truth, bias, rater=rater, evidence_noise=0.0, rng=rng) / 100
    return scores.reshape(n, cases, len(DIMENSIONS))


def _errors(references, pre_raters, post_raters, rng):
    """RMS reading error per trainee on the pre and post test, counterbalanced by arrival."""
    rng = np.random.default_rng(rng)
    n = len(pre_raters)
    first = np.array([prepost.assign_set(k) for k in range(n)])
    pre, post = np.empty(n), np.empty(n)
    for name in prepost.SETS:
        other = prepost.other_set(name)
        who = first == name
        a = _scores(references[name], pre_raters[who].reset_index(drop=True), rng)
        b = _scores(references[other], post_raters[who].reset_index(drop=True), rng)
        pre[who] = np.sqrt(((a - references[name]) ** 2).mean(axis=(1, 2)))
        post[who] = np.sqrt(((b - references[other]) ** 2).mean(axis=(1, 2)))
    return pre, post


# --------------------------------------------------------------------------- sets
def test_the_two_sets_are_fixed_different_and_from_the_same_generator(tests):
    a, b = tests["A"], tests["B"]
    assert len(a.cases) == len(b.cases) == prepost.CASES_PER_SET
    assert prepost.set_seed("A") != prepost.set_seed("B")
    assert [c.item_id for c in prepost.make_test("A").cases] == [c.item_id for c in a.cases]
    assert not {c.item_id for c in a.cases} & {c.item_id for c in b.cases}
    assert list(a.dataset(a.cases[0].item_id).employees.columns) == list(
        b.dataset(b.cases[0].item_id).employees.columns
    )


def test_a_new_workshop_code_gives_new_sets(monkeypatch):
    seed = prepost.set_seed("A")
    monkeypatch.setenv("KINERJA_SIM_WORKSHOP", "bkpsdm-uji-2026")
    assert prepost.set_seed("A") != seed


def test_counterbalancing_by_arrival_is_balanced_for_every_room_size():
    for n in range(1, 61):
        sets = [prepost.assign_set(k) for k in range(n)]
        assert abs(sets.count("A") - sets.count("B")) <= 1
    assert prepost.other_set("A") == "B" and prepost.other_set("B") == "A"
    with pytest.raises(ValueError):
        prepost.assign_set(-1)


def test_the_store_keeps_the_set_and_the_order_of_arrival(tmp_path, tests):
    store = ProgressStore(tmp_path / "p.sqlite")
    firsts = []
    for k in range(6):
        name = f"Peserta {k}"
        first = prepost.first_set_of(store.answers(), name)
        firsts.append(first)
        test = tests[first]
        item = test.cases[0].item_id
        answer = prepost.answer_of(
            test, item, dict.fromkeys(DIMENSIONS, 3.0), first_set=first, phase="awal"
        )
        store.submit(name, prepost.PRE_EXERCISE, item, answer, score=0.5)
    assert firsts == ["A", "B", "A", "B", "A", "B"]
    # later, with more trainees in the store, each still gets the set they began with
    assert [prepost.first_set_of(store.answers(), f"Peserta {k}") for k in range(6)] == firsts


# --------------------------------------------------------------------------- scoring
def test_reading_error_is_against_the_reference_not_the_truth(tests):
    test = tests["A"]
    item = test.cases[0].item_id
    reference, truth = test.reference(item), test.truth(item)
    assert (reference - truth).abs().max() > 0.01  # the file does not show the truth exactly
    exact = prepost.reading_error({item: reference.to_dict()}, {item: reference})
    assert exact["mae"] == pytest.approx(0.0) and exact["rmse"] == pytest.approx(0.0)
    at_truth = prepost.reading_error({item: truth.to_dict()}, {item: reference})
    assert at_truth["rmse"] > 0.01
    shifted = prepost.reading_error({item: (reference + 0.5).to_dict()}, {item: reference})
    assert shifted["mae"] == pytest.approx(0.5) and shifted["rmse"] == pytest.approx(0.5)


def test_check_case_refuses_a_score_off_the_scale_in_indonesian(tests):
    test = tests["B"]
    item = test.cases[0].item_id
    with pytest.raises(ValueError, match="di luar skala"):
        prepost.check_case(test, item, {**dict.fromkeys(DIMENSIONS, 3), "akuntabel": 7}, lang="id")


# --------------------------------------------------------------------------- the effect
def test_d_z_and_its_noncentral_t_interval_match_the_definitions():
    rng = np.random.default_rng(5)
    pre = rng.normal(1.0, 0.2, 25)
    post = pre - 0.08 + rng.normal(0, 0.1, 25)
    effect = prepost.cohort_effect(pre, post, rng=1, resamples=500)
    change = pre - post
    assert effect.d_z == pytest.approx(change.mean() / change.std(ddof=1))
    sd1, sd2 = pre.std(ddof=1), post.std(ddof=1)
    assert effect.d_av == pytest.approx(change.mean() / ((sd1 + sd2) / 2))
    r = np.corrcoef(pre, post)[0, 1]
    d_rm = change.mean() / np.sqrt(sd1**2 + sd2**2 - 2 * r * sd1 * sd2) * np.sqrt(2 * (1 - r))
    assert effect.d_rm == pytest.approx(d_rm)
    from scipy import stats

    t_obs = effect.d_z * np.sqrt(25)
    assert stats.nct.sf(t_obs, 24, effect.d_z_low * 5) == pytest.approx(0.025, abs=1e-6)
    assert stats.nct.sf(t_obs, 24, effect.d_z_high * 5) == pytest.approx(0.975, abs=1e-6)
    assert effect.d_av_low < effect.d_av < effect.d_av_high


def test_cohort_effect_is_reproducible_with_the_same_rng():
    pre, post = np.linspace(1, 2, 10), np.linspace(0.9, 1.7, 10) + np.sin(np.arange(10)) / 10
    assert prepost.cohort_effect(pre, post, rng=3) == prepost.cohort_effect(pre, post, rng=3)
    with pytest.raises(ValueError):
        prepost.cohort_effect([1.0, 2.0], [1.0, 1.5], rng=0)


def test_a_room_whose_post_raters_are_less_biased_shows_a_positive_effect(references):
    raters = _raters(N_TRAINEES, 11)
    pre, post = _errors(references, raters, _raters(N_TRAINEES, 11, trained=True), 12)
    effect = prepost.cohort_effect(pre, post, rng=13)
    assert effect.d_z > 0 and effect.d_z_low > 0
    assert effect.d_av > 0 and effect.d_av_low > 0
    assert effect.d_rm_low > 0


def _null_covers(references, repeat):
    raters = _raters(N_TRAINEES, 1000 + repeat)
    pre, post = _errors(references, raters, raters, 5000 + repeat)
    effect = prepost.cohort_effect(pre, post, rng=repeat, resamples=200)
    return effect.d_z_low <= 0 <= effect.d_z_high


def test_a_room_with_no_change_has_an_interval_covering_zero_mostly(references):
    covered = [_null_covers(references, repeat) for repeat in range(40)]
    assert np.mean(covered) >= 0.85  # nominal .95; 40 repeats: a loose bound


@pytest.mark.slow
def test_a_room_with_no_change_covers_zero_within_three_points_of_95(references):
    covered = [_null_covers(references, repeat) for repeat in range(400)]
    assert abs(np.mean(covered) - 0.95) <= 0.03


# --------------------------------------------------------------------------- the store and the view
def _simulated_day(store, tests, references, *, trained=True, n=N_TRAINEES):
    pre_raters = _raters(n, 21)
    post_raters = _raters(n, 21, trained=trained)
    rng = np.random.default_rng(22)
    for k in range(n):
        name = f"Peserta {k:02d}"
        first = prepost.first_set_of(store.answers(), name)
        for phase, exercise, name_set, raters in (
            ("awal", prepost.PRE_EXERCISE, first, pre_raters),
            ("akhir", prepost.POST_EXERCISE, prepost.other_set(first), post_raters),
        ):
            test = tests[name_set]
            scores = _scores(references[name_set], raters.iloc[[k]].reset_index(drop=True), rng)[0]
            for case, row in zip(test.cases, scores):
                typed = dict(zip(DIMENSIONS, np.round(row, 2).tolist()))
                answer = prepost.answer_of(test, case.item_id, typed, first_set=first, phase=phase)
                store.submit(name, exercise, case.item_id, answer, score=0.5)


def test_the_dashboard_view_shows_each_change_and_the_effect(tmp_path, tests, references):
    store = ProgressStore(tmp_path / "p.sqlite")
    _simulated_day(store, tests, references)
    answers = store.answers()
    table = views = dashboard.views(answers, lang="id")["tes_awal_akhir"]
    trainees = table[table["section"] == "Peserta"]
    assert len(trainees) == N_TRAINEES and trainees["change"].notna().all()
    assert (trainees["first_set"] == "A").sum() == N_TRAINEES // 2
    cohort = table[table["section"] == "Kelompok"].set_index("note")
    d = table[table["section"] == "Kelompok"]
    assert len(d) == 3 and (d["ci_low"] > 0).all() and (d["change"] > d["ci_low"]).all()
    literature = table[table["section"] == "Pustaka"]
    assert literature["change"].tolist() == [0.83, 0.50]
    bias = table[table["section"] == "Sinyal bias"]
    assert len(bias) == 3 and bias["n"].min() >= prepost.MIN_PAIRS
    leniency = bias[bias["measure"].str.startswith("Murah hati")].iloc[0]
    assert leniency["change"] > 0 and leniency["note"] == "berkurang jelas"
    assert not cohort.empty and views is table


def test_the_excel_export_carries_the_view(tmp_path, tests, references):
    from openpyxl import load_workbook

    store = ProgressStore(tmp_path / "p.sqlite")
    _simulated_day(store, tests, references, n=6)
    data = dashboard.workbook_bytes(dashboard.views(store.answers(), lang="id"), lang="id")
    path = tmp_path / "x.xlsx"
    path.write_bytes(data)
    sheet = load_workbook(path)["Tes awal-akhir"]
    header = [cell.value for cell in sheet[1]]
    assert "Perubahan (awal − akhir)" in header and "Bagian" in header
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert "Kelompok" in values and "Pustaka" in values


def test_few_trainees_get_no_effect_and_no_bias_claim(tmp_path, tests, references):
    store = ProgressStore(tmp_path / "p.sqlite")
    _simulated_day(store, tests, references, n=2)
    table = prepost_table(store.answers(), lang="id")
    cohort = table[table["section"] == "Kelompok"]
    assert len(cohort) == 1 and cohort["note"].iloc[0].startswith("Efek kelompok dihitung")
    bias = table[table["section"] == "Sinyal bias"]
    assert bias["change"].isna().all() and bias["note"].str.startswith("data belum cukup").all()


_ENGLISH = re.compile(
    r"\b(leniency|severity|central tendency|halo effect|rater|score|case|trainee|"
    r"pre-test|post-test)\b",
    re.IGNORECASE,
)


def test_the_view_is_indonesian_only(tmp_path, tests, references):
    store = ProgressStore(tmp_path / "p.sqlite")
    _simulated_day(store, tests, references, n=12)
    shown = dashboard.display_table(dashboard.views(store.answers(), lang="id")["tes_awal_akhir"])
    texts = [str(text) for text in [*shown.columns, *shown.to_numpy().ravel()]]
    texts = [text for text in texts if not text.startswith(("Woehr", "Roch"))]
    assert not [text for text in texts if _ENGLISH.search(text)]
    assert not [text for text in texts if re.search(r"[a-z]_[a-z]", text)]  # no code names


# --------------------------------------------------------------------------- the widget
def _widget_texts(widget):
    import ipywidgets as widgets

    out = []
    for child in getattr(widget, "children", ()):
        out += _widget_texts(child)
    if isinstance(widget, widgets.HTML):
        out.append(widget.value)
    for attribute in ("description", "placeholder"):
        value = getattr(widget, attribute, "")
        if isinstance(value, str) and value:
            out.append(value)
    if isinstance(widget, widgets.Dropdown):
        out += [label for label, _ in widget.options]
    return out


def test_the_widget_renders_refuses_a_bad_score_and_saves_a_good_one(tmp_path):
    from kinerja_sim.ui.prepost import PrePostTest

    store = ProgressStore(tmp_path / "p.sqlite")
    test = PrePostTest(prepost.PRE_EXERCISE, store)
    test.login.start("Siti Rahma")
    item = test.items[0].item_id
    test.inputs["akuntabel"].value = "tujuh"
    assert test.check(item) is None
    text = " ".join(_widget_texts(test.widget))
    assert "Traceback" not in text and "kinerja-warn" in test.feedback[item].value
    assert "Akuntabel" in test.feedback[item].value and store.answers().empty
    test.inputs["akuntabel"].value = "3,5"
    assert test.check(item) is not None
    saved = store.answers(exercise=prepost.PRE_EXERCISE)
    assert len(saved) == 1
    assert json.loads(saved["answer_json"].iloc[0])["first_set"] == "A"
    post = PrePostTest(prepost.POST_EXERCISE, store, login=test.login)
    assert post.items[0].item_id.startswith("tes-B-")
    texts = " ".join(_widget_texts(post.widget))
    assert "Traceback" not in texts and "Tes akhir" in texts
    visible = re.sub(r"<[^>]+>", " ", texts).replace("English", "")
    assert not _ENGLISH.search(visible), _ENGLISH.search(visible)


def test_the_app_opens_with_the_pre_test_and_closes_with_the_post_test(tmp_path):
    from kinerja_sim.ui import app as app_module
    from kinerja_sim.ui.prepost import PrePostTest

    assert (app_module.PRE_EXERCISE, app_module.POST_EXERCISE) == (
        prepost.PRE_EXERCISE,
        prepost.POST_EXERCISE,
    )
    app = app_module.workshop_app(store=ProgressStore(tmp_path / "p.sqlite"))
    app.login.start("Budi Santoso")
    rows = [
        next(c for c in row._dom_classes if c.startswith("kinerja-app-row-"))
        for row in app.menu.children
    ]
    assert rows[0] == "kinerja-app-row-00_tes_awal" and rows[-1] == "kinerja-app-row-07_tes_akhir"
    opened = app.open(prepost.POST_EXERCISE)
    assert isinstance(opened, PrePostTest) and opened.items[0].item_id.startswith("tes-B-")
    texts = " ".join(_widget_texts(app.widget))
    assert "Traceback" not in texts and "Tes akhir" in texts


def test_the_dashboard_widget_shows_the_cohort_effect_with_its_interval(
    tmp_path, tests, references
):
    from kinerja_sim.ui.dashboard import Dashboard

    store = ProgressStore(tmp_path / "p.sqlite")
    _simulated_day(store, tests, references, n=12)
    board = Dashboard(store.path, export_folder=tmp_path / "ekspor")
    assert board.load()
    shown = []
    board._draw(shown.append)
    texts = " ".join(getattr(item, "value", "") for item in shown)
    assert "Tes awal dan tes akhir" in texts and "Efek kelompok (12 peserta): dav = " in texts
    assert "Woehr &amp; Huffcutt 1994 d = 0,83" in texts and "Traceback" not in texts


def test_opening_the_pre_test_does_not_load_scipy_stats(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    code = (
        "import sys; from kinerja_sim.ui.app import workshop_app; app = workshop_app(); "
        "app.login.start('Ani'); app.open('00_tes_awal'); print('scipy.stats' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={
            "PYTHONPATH": str(root),
            "KINERJA_SIM_PROGRESS": str(tmp_path / "p.sqlite"),
            "HOME": str(tmp_path),
            "PATH": "/usr/bin:/bin",
        },
    )
    assert out.stdout.strip().splitlines()[-1] == "False"  # a trainee's kernel stays small
