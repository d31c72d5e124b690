"""Rule files: the contract every rule set passes, and one test per kind of problem."""

import copy

import pandas as pd
import pytest
import yaml

from kinerja_sim import rules

BUILT_IN = rules.available()


def spec(name="permenpanrb-6-2022"):
    return copy.deepcopy(rules.read_spec(name))


@pytest.mark.parametrize("name", BUILT_IN)
def test_contract_built_in_rule_set_is_valid_and_loads(name):
    assert rules.validate(rules.read_spec(name)) == []
    rule_set = rules.load(name)
    assert rule_set.name == name and rule_set.regime == name


@pytest.mark.parametrize("name", BUILT_IN)
def test_contract_every_rule_states_its_confidence_and_source(name):
    description = rules.read_spec(name)
    assert description["sources"]
    blocks = {key: block for key, block in description.items() if isinstance(block, dict)}
    assert blocks
    for key, block in blocks.items():
        assert block["confidence"] in ("HIGH", "MEDIUM", "ASSUMPTION"), key
        assert block.get("source"), key


@pytest.mark.parametrize("name", BUILT_IN)
def test_contract_rule_set_gives_a_label_for_typical_inputs(name):
    rule_set = rules.load(name)
    if name == "permenpanrb-6-2022":
        assert rule_set.predicate_from_scores(3.0, 3.0) == "Baik"
    else:  # every target met exactly, behaviour as expected
        indicators = pd.DataFrame(
            {
                "employee_id": "E1",
                "rhk_id": "K1",
                "aspect": ["kuantitas", "kualitas", "waktu"],
                "target": [10, 100, 12],
                "realisation": [10, 100, 12],
                "direction": ["higher", "higher", "lower"],
            }
        )
        skp = rule_set.skp_from_indicators(indicators)["E1"]
        assert (
            rule_set.category(
                rule_set.final_value(skp=skp, perilaku=rule_set.perilaku_from_score(3.0))
            )
            == "Baik"
        )


def test_custom_copy_changed_and_loaded(tmp_path):
    description = spec()
    description["name"] = "uji-ambang"
    description["achievement_to_rating"]["thresholds"] = {"sesuai": 80, "di_atas": 120}
    path = tmp_path / "aturan.yaml"
    path.write_text(yaml.safe_dump(description, allow_unicode=True), encoding="utf-8")
    custom = rules.load(path)
    assert custom.name == "uji-ambang"
    assert custom.rating_hasil_kerja(115) == "Sesuai Ekspektasi"


def test_missing_matrix_cell_is_named():
    description = spec()
    del description["predicate_matrix"]["cells"]["Sesuai Ekspektasi"]["Di Atas Ekspektasi"]
    assert rules.validate(description) == [
        "predicate_matrix.cells.Sesuai Ekspektasi.Di Atas Ekspektasi: expected a predicate, one "
        "of 'Sangat Baik', 'Baik', 'Butuh Perbaikan', 'Kurang/Misconduct', 'Sangat Kurang'; it "
        "is missing"
    ]


def test_unknown_predicate_label_in_matrix_is_named():
    description = spec()
    description["predicate_matrix"]["cells"]["Di Atas Ekspektasi"]["Di Atas Ekspektasi"] = (
        "Istimewa"
    )
    (problem,) = rules.validate(description)
    assert problem.startswith(
        "predicate_matrix.cells.Di Atas Ekspektasi.Di Atas Ekspektasi: expected a predicate"
    )
    assert problem.endswith("got 'Istimewa'")


def test_unknown_rating_label_in_matrix_is_named():
    description = spec()
    cells = description["predicate_matrix"]["cells"]
    cells["Sangat Sesuai"] = cells.pop("Sesuai Ekspektasi")
    problems = rules.validate(description)
    assert any(
        p.startswith("predicate_matrix.cells.Sangat Sesuai: expected a known rating label")
        for p in problems
    )
    assert any(
        p.startswith("predicate_matrix.cells.Sesuai Ekspektasi: expected a mapping")
        for p in problems
    )


def test_unknown_predicate_in_curve_is_named():
    description = spec()
    description["curve"]["organisations"]["Baik"][0]["predicates"] = ["Bagus"]
    (problem,) = rules.validate(description)
    assert problem.startswith("curve.organisations.Baik[0].predicates: expected predicates from")


def test_weights_must_sum_to_one():
    description = spec("pp-30-2019")
    description["weights"]["with_360"] = {"skp": 0.6, "perilaku": 0.3}
    assert rules.validate(description) == [
        "weights.with_360: expected weights skp + perilaku that sum to 1; got '0.6 + 0.3 = 0.9'"
    ]


def test_minima_over_100_percent_are_refused():
    description = spec()
    description["curve"]["organisations"]["Kurang"][1]["min"] = 0.5
    (problem,) = rules.validate(description)
    assert problem.startswith(
        "curve.organisations.Kurang: expected shares that can all hold together"
    )


def test_maximum_below_minimum_of_same_predicate_is_refused():
    description = spec()
    description["curve"]["organisations"]["Butuh Perbaikan"].append(
        {"predicates": ["Butuh Perbaikan"], "max": 0.5}
    )
    (problem,) = rules.validate(description)
    assert problem.startswith(
        "curve.organisations.Butuh Perbaikan: expected shares that can all hold together"
    )


def test_share_outside_0_1_is_refused():
    description = spec()
    description["curve"]["organisations"]["Istimewa"][0]["max"] = 70
    assert rules.validate(description) == [
        "curve.organisations.Istimewa[0].max: expected a number from 0.0 to 1.0; got 70"
    ]


def test_missing_confidence_is_refused():
    description = spec("pp-46-2011")
    del description["weights"]["confidence"]
    (problem,) = rules.validate(description)
    assert problem.startswith(
        "weights.confidence: expected one of 'HIGH', 'MEDIUM', 'ASSUMPTION'; it is missing"
    )


def test_decreasing_conversion_is_refused():
    description = spec("pp-30-2019")
    description["capaian_conversion"]["segments"][2]["points"] = [[80, 70], [99, 60]]
    problems = rules.validate(description)
    assert any(
        p.startswith("capaian_conversion.segments[2].points: expected a line that never lowers")
        for p in problems
    )


def test_not_a_mapping_is_refused():
    assert rules.validate(["a", "list"])[0].startswith("(top level): expected a mapping")


def test_load_lists_every_problem(tmp_path):
    description = spec()
    description["weights"] = "x"
    description["score_to_rating"]["thresholds"] = {"sesuai": 3.5, "di_atas": 2.5}
    del description["predicate_matrix"]["cells"]["Di Bawah Ekspektasi"]
    path = tmp_path / "rusak.yaml"
    path.write_text(yaml.safe_dump(description), encoding="utf-8")
    with pytest.raises(ValueError) as error:
        rules.load(path)
    lines = str(error.value).splitlines()
    assert any(line.startswith("score_to_rating.thresholds.di_atas") for line in lines)
    assert any(line.startswith("predicate_matrix.cells.Di Bawah Ekspektasi") for line in lines)


def test_file_that_is_not_yaml_gives_one_clear_line(tmp_path):
    path = tmp_path / "bukan.yaml"
    path.write_text("name: [unclosed\n  - : :\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"not a readable YAML file .* at line \d+") as error:
        rules.load(path)
    assert "\n" not in str(error.value)


def test_unknown_name_says_what_exists():
    with pytest.raises(FileNotFoundError, match="pp-30-2019"):
        rules.load("pp-53-2010")


# --- files that are not UTF-8 text: one line naming the file and the problem (issue #15) ----


@pytest.fixture(params=["id", "en"])
def language(request):
    from kinerja_sim._core import i18n

    previous = i18n.get_language()
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(previous)


VALID_TEXT = yaml.safe_dump(rules.read_spec("permenpanrb-6-2022"), allow_unicode=True)
PROBLEM = {
    "utf16": {"id": "UTF-16", "en": "UTF-16"},
    "binary": {"id": "bukan berkas teks", "en": "not a text file"},
    "latin1": {"id": "bukan teks UTF-8", "en": "not UTF-8 text"},
}


def check_one_line(error, path, expected):
    message = str(error.value)
    assert "\n" not in message and message.startswith(str(path)) and expected in message
    assert "codec" not in message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_utf16_or_utf32_rule_file_gives_one_line_naming_it(tmp_path, language, encoding):
    path = tmp_path / "aturan.yaml"
    path.write_bytes(VALID_TEXT.encode(encoding))
    with pytest.raises(ValueError) as error:
        rules.load(path)
    check_one_line(error, path, "UTF-")


def test_a_binary_rule_file_gives_one_line_naming_it(tmp_path, language):
    path = tmp_path / "gambar.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ValueError) as error:
        rules.load(path)
    check_one_line(error, path, PROBLEM["binary"][language])


def test_a_latin1_rule_file_gives_one_line_naming_the_byte(tmp_path, language):
    path = tmp_path / "aturan.yaml"
    path.write_bytes(
        VALID_TEXT.replace("name:", "# Penilaian kinerja — café\nname:").encode("cp1252")
    )
    with pytest.raises(ValueError) as error:
        rules.load(path)
    check_one_line(error, path, PROBLEM["latin1"][language])
    assert "0x97" in str(error.value)  # the em dash in cp1252


def test_a_utf8_file_with_a_byte_order_mark_loads(tmp_path):
    path = tmp_path / "aturan.yaml"
    path.write_bytes(VALID_TEXT.encode("utf-8-sig"))
    assert rules.load(path).name == "permenpanrb-6-2022"


def test_rules_check_on_a_utf16_file_prints_one_line_and_exits_2(tmp_path, capsys):
    from kinerja_sim.cli import main

    path = tmp_path / "aturan.yaml"
    path.write_bytes(VALID_TEXT.encode("utf-16"))
    assert main(["rules", "check", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(str(path)) and "UTF-16" in err[0]


def _linprog_feasible(limits):
    """The curve-feasibility question as scipy's linear programme (the check's former code)."""
    import numpy as np
    from scipy.optimize import linprog

    from kinerja_sim.rules import PREDICATES

    a_ub, b_ub = [], []
    for limit in limits:
        mask = np.isin(PREDICATES, limit["predicates"]).astype(float)
        if "max" in limit:
            a_ub.append(mask), b_ub.append(limit["max"])
        else:
            least = max(limit.get("min", 0.0), 1e-6 if limit.get("min_count", 0) > 0 else 0.0)
            a_ub.append(-mask), b_ub.append(-least)
    result = linprog(
        np.zeros(len(PREDICATES)),
        A_ub=np.array(a_ub) if a_ub else None,
        b_ub=b_ub or None,
        A_eq=np.ones((1, len(PREDICATES))),
        b_eq=[1.0],
        bounds=(0, 1),
        method="highs",
    )
    return result.status == 0


def test_curve_feasibility_agrees_with_a_linear_programme_on_random_limits():
    import numpy as np

    from kinerja_sim.rules import PREDICATES
    from kinerja_sim.rules._schema import _feasible

    rng = np.random.default_rng(7)
    outcomes = []
    for _ in range(400):
        limits = []
        for _ in range(rng.integers(1, 7)):
            chosen = [p for p in PREDICATES if rng.random() < 0.4] or [PREDICATES[rng.integers(5)]]
            kind = rng.choice(["max", "min", "min_count"])
            value = round(float(rng.choice([0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0])), 2)
            limits.append(
                {
                    "predicates": chosen,
                    **({"min_count": 1} if kind == "min_count" else {kind: value}),
                }
            )
        expected = _linprog_feasible(limits)
        assert _feasible(limits) == expected, limits
        outcomes.append(expected)
    assert 50 < sum(outcomes) < 350  # both answers occur often


def test_loading_a_rule_set_does_not_import_scipy():
    import subprocess
    import sys

    code = (
        "import sys; from kinerja_sim import rules; rules.load('permenpanrb-6-2022'); "
        "print([m for m in sys.modules if m.startswith('scipy')])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
