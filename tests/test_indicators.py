"""kinerja_sim.coach.indicators.check on the corpus of good and bad IKI of every office kind."""

from importlib import resources

import pytest
import yaml

from kinerja_sim._core.i18n import catalogue
from kinerja_sim.coach.indicators import ASPECTS, PROBLEM_CODES, IndicatorCheck, check
from kinerja_sim.world.offices import office_kinds

CORPUS = yaml.safe_load(
    (resources.files("kinerja_sim") / "data" / "indicator_corpus.yaml").read_text(encoding="utf-8")
)
GOOD, BAD = CORPUS["good"], CORPUS["bad"]


def test_corpus_covers_every_office_kind_with_good_and_bad_indicators():
    kinds = set(office_kinds())
    assert {entry["kind"] for entry in GOOD} == kinds
    assert {entry["kind"] for entry in BAD} == kinds


def test_good_corpus_holds_every_iki_of_the_office_kinds():
    shipped = {
        (kind, iki["text"])
        for kind, spec in office_kinds().items()
        for level in ("head_rhk", "staff_rhk")
        for rhk in spec[level]
        for iki in rhk["iki"]
    }
    assert {(entry["kind"], entry["iki"]) for entry in GOOD} == shipped


@pytest.mark.parametrize("entry", GOOD, ids=lambda e: e["iki"][:40])
def test_good_indicator_is_measurable(entry):
    result = check(entry["iki"], entry["target"])
    assert result.measurable, result.problems
    assert result.problems == ()


@pytest.mark.parametrize("entry", BAD, ids=lambda e: e["iki"][:40])
def test_bad_indicator_gets_the_expected_problems(entry):
    result = check(entry["iki"], entry["target"])
    assert not result.measurable
    assert list(result.codes) == entry["problems"]


@pytest.mark.parametrize("entry", BAD, ids=lambda e: e["iki"][:40])
def test_model_fix_of_a_bad_indicator_is_measurable(entry):
    assert check(entry["fix"]["iki"], entry["fix"]["target"]).measurable


def test_aspect_agrees_with_the_declared_aspect_for_most_good_indicators():
    agree = [check(e["iki"], e["target"]).aspect == e["aspect"] for e in GOOD]
    assert sum(agree) / len(agree) >= 0.9


@pytest.mark.parametrize(
    "iki, aspect",
    [
        ("Jumlah akta kelahiran yang diterbitkan", "kuantitas"),
        ("Persentase dokumen yang terbit tanpa kesalahan data", "kualitas"),
        ("Rata-rata waktu penerbitan kartu keluarga", "waktu"),
        ("Rata-rata biaya pelatihan per peserta", "biaya"),
        ("Meningkatkan pelayanan", None),
    ],
)
def test_aspect_is_read_from_the_wording(iki, aspect):
    assert check(iki, "10 per tahun").aspect == aspect


def test_every_problem_has_a_message_in_both_languages():
    messages = catalogue()
    for code in PROBLEM_CODES:
        assert set(messages[f"indicators.{code}"]) >= {"id", "en"}


def test_problems_are_bahasa_indonesia_by_default_and_english_on_request():
    # Issue #11: the SKP period is the time frame, so the English check looks for the
    # "what is measured" message instead of the former "time frame" one.
    indonesian = check("Meningkatkan pelayanan", lang="id").problems
    english = check("Meningkatkan pelayanan", lang="en").problems
    assert any("Sebutkan" in text for text in indonesian)
    assert any("Say what is measured" in text for text in english)


def test_vague_verb_message_names_the_word_found():
    result = check("Mengoptimalkan penyusunan dokumen perencanaan", lang="id")
    assert any('"mengoptimalkan"' in text for text in result.problems)


def test_numeric_target_gives_the_number_but_not_the_unit():
    # Issue #11: with the annual SKP as the period a missing "per tahun" is not a problem;
    # the time frame is demanded only when no period is given (period=None).
    assert check("Rata-rata waktu tunggu pasien sebelum diperiksa", 30).codes == ("no_unit",)
    assert check("Rata-rata waktu tunggu pasien sebelum diperiksa", 30, period=None).codes == (
        "no_unit",
        "no_time_frame",
    )


def test_result_is_frozen_and_has_a_problem_table():
    result = check("Meningkatkan pelayanan")
    assert isinstance(result, IndicatorCheck)
    with pytest.raises(AttributeError):
        result.measurable = True
    frame = result.to_frame()
    assert list(frame.columns) == ["code", "problem"]
    assert len(frame) == len(result.problems)


def test_measurable_indicator_has_an_empty_problem_table():
    frame = check("Jumlah pasien yang dilayani", "6.000 pasien per tahun").to_frame()
    assert frame.empty and list(frame.columns) == ["code", "problem"]


def test_aspects_are_the_four_of_the_regulation():
    assert ASPECTS == ("kuantitas", "kualitas", "waktu", "biaya")


@pytest.mark.parametrize(
    "iki, target", [(None, None), (12, None), ("Jumlah", ["10"]), ("Jumlah", True)]
)
def test_wrong_types_are_refused(iki, target):
    with pytest.raises(TypeError):
        check(iki, target)


def test_empty_text_reports_no_measure_number_or_unit():
    # Issue #11: no "no_time_frame" under the default annual period.
    assert check("").codes == PROBLEM_CODES[:3]
