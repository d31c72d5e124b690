"""The eighth blind held-out set of real indicators (issue #20 item 7): pinned, counted, unseen.

``fresh8.yaml`` was collected and labelled without opening the indicator checker. These
tests keep it as committed (sha256), check the counts its header states, and check that
none of its sources (key, file id, address or repository file) is a source of another set.
"""

import ast
import collections
import hashlib
import re
from importlib import resources

import pytest
import yaml

SET_DIR = resources.files("kinerja_sim") / "data" / "indicators_real"
NAME = "fresh8.yaml"
SHA256 = "d7fffabb0bbe46095b0a436d619c3b8136aef9e5a6cb3021c146f3ce85cbc4d0"

LABELS = {"terukur": 81, "tidak": 82}
ASPECTS = {"kualitas": 21, "kuantitas": 50, "waktu": 10}
LEVELS = {"organisasi": 13, "unit": 64, "staf": 86}
SOURCES = {
    "kec_sempu": 31,
    "dishub_jateng": 49,
    "perpus_polinema": 26,
    "biro_umum_iku": 12,
    "lldikti_pk": 9,
    "pps_unud": 13,
    "poltek_ami": 9,
    "rsud_sf": 14,
}
MAIN_WRONG = {
    "vague_object": 12,
    "activity": 55,
    "sasaran": 1,
    "no_number": 2,
    "no_unit": 6,
    "no_measure": 6,
}
FIELDS = ["id", "iki", "target", "unit", "src", "level", "kind", "label", "aspect", "wrong", "why"]


def _text(name):
    return (SET_DIR / name).read_text(encoding="utf-8")


def _header(text):
    """The comment block before the first YAML line."""
    lines = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def blind():
    return yaml.safe_load(_text(NAME))


def _other_sets():
    """(header comments, sources block) of every other set; their entries are not used."""
    out = {}
    for entry in SET_DIR.iterdir():
        if entry.name.endswith(".yaml") and entry.name != NAME:
            text = entry.read_text(encoding="utf-8")
            data = yaml.safe_load(text)
            sources = data.get("sources", {}) if isinstance(data, dict) else {}
            out[entry.name] = (_header(text), sources or {})
    return out


def _identifiers(description):
    """File ids, addresses and repository files named in a source description."""
    ids = set(re.findall(r"\b\d{8,12}\b", description))
    urls = {u.rstrip(").,;'") for u in re.findall(r"https?://\S+", description)}
    repos = set(re.findall(r"github\.com/[\w.-]+/[\w.-]+", description))
    return ids | urls | repos


def test_file_is_the_committed_one():
    digest = hashlib.sha256((SET_DIR / NAME).read_bytes()).hexdigest()
    assert digest == SHA256


def test_entries_have_the_fields_of_fresh5(blind):
    assert all(list(row) == FIELDS for row in blind["indicators"])
    assert len({row["id"] for row in blind["indicators"]}) == len(blind["indicators"])


def test_label_aspect_and_wrong_agree(blind):
    for row in blind["indicators"]:
        measurable = row["label"] == "terukur"
        assert (row["aspect"] is not None) == measurable, row["id"]
        assert (not row["wrong"]) == measurable, row["id"]


def test_counts_are_those_the_header_states(blind):
    rows = blind["indicators"]
    counted = {
        "label": collections.Counter(r["label"] for r in rows),
        "aspect": collections.Counter(r["aspect"] for r in rows if r["aspect"]),
        "level": collections.Counter(r["level"] for r in rows),
        "src": collections.Counter(r["src"] for r in rows),
        "main": collections.Counter(r["wrong"][0] for r in rows if r["wrong"]),
    }
    expected = {
        "label": LABELS,
        "aspect": ASPECTS,
        "level": LEVELS,
        "src": SOURCES,
        "main": MAIN_WRONG,
    }
    for key, value in expected.items():
        assert dict(counted[key]) == value, key
    header = _header(_text(NAME))
    assert f"Counts: {len(rows)} entries;" in header
    stated = [ast.literal_eval(m) for m in re.findall(r"\{[^{}]*\}", header.split("Counts:")[1])]
    assert stated == list(expected.values())


def test_set_meets_the_brief(blind):
    rows = blind["indicators"]
    assert len(rows) >= 130
    assert min(LABELS.values()) >= 50
    assert len(blind["sources"]) >= 6
    assert max(SOURCES.values()) <= 0.35 * len(rows)
    assert set(SOURCES) == set(blind["sources"])


def test_no_source_key_is_another_sets_key(blind):
    for name, (_, sources) in _other_sets().items():
        assert not set(blind["sources"]) & set(sources), name


def test_no_source_file_or_address_is_used_by_another_set(blind):
    others = {
        name: header + "\n" + yaml.safe_dump(sources, allow_unicode=True, width=10**6)
        for name, (header, sources) in _other_sets().items()
    }
    for key, description in blind["sources"].items():
        named = _identifiers(description)
        assert named, key
        for name, text in others.items():
            assert not {i for i in named if i in text}, (key, name)
