"""The seventh blind held-out set of real indicators (issue #20 item 7) stays as collected.

fresh7.yaml was labelled blind, before any checker ran on it. These tests pin the file, check
that the counts its header states are the counts of its entries, and check that none of its
sources (key, search-index file id, address or repository) is a source of another set.
The YAML is read with yaml.safe_load; nothing here runs the indicator checker.
"""

import hashlib
import re
from collections import Counter
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "kinerja_sim" / "data" / "indicators_real"
FRESH7 = DATA / "fresh7.yaml"
SHA256 = "e43796a07da5499018dda9dde59683a9229118db49f86b95abc330eb267a7880"

FIELDS = ("id", "iki", "target", "unit", "src", "level", "kind", "label", "aspect", "wrong", "why")
LABELS = {"terukur": 96, "tidak": 58}
ASPECTS = {"kualitas": 23, "kuantitas": 67, "waktu": 2, "biaya": 4}
LEVELS = {"organisasi": 97, "unit": 49, "staf": 8}
SOURCES = {
    "umpo_kpi": 73,
    "kec_asembagus": 31,
    "kec_bangorejo": 17,
    "dinkes_polman": 16,
    "rs_stroke_bkt": 3,
    "pkm_sutojayan": 14,
}
MAIN_WRONG = {"no_unit": 6, "no_measure": 20, "no_number": 5, "activity": 15, "vague_object": 12}
WRONG_CODES = {
    "no_measure",
    "activity",
    "sasaran",
    "vague_verb",
    "vague_object",
    "no_number",
    "unit_mismatch",
    "year_target",
    "no_unit",
}


def _load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _entries():
    return _load(FRESH7)["indicators"]


def test_file_is_the_committed_blind_set():
    assert hashlib.sha256(FRESH7.read_bytes()).hexdigest() == SHA256


def test_entries_have_the_fresh5_fields_and_consistent_labels():
    entries = _entries()
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids))
    sources = _load(FRESH7)["sources"]
    for e in entries:
        assert tuple(e) == FIELDS, e["id"]
        assert isinstance(e["target"], str) and isinstance(e["unit"], str), e["id"]
        assert e["src"] in sources, e["id"]
        assert set(e["wrong"]) <= WRONG_CODES, e["id"]
        if e["label"] == "terukur":
            assert e["aspect"] in ASPECTS and e["wrong"] == [], e["id"]
        else:
            assert e["label"] == "tidak" and e["aspect"] is None and e["wrong"], e["id"]


def test_counts_are_those_the_header_states():
    entries = _entries()
    assert len(entries) == sum(LABELS.values()) >= 130
    assert Counter(e["label"] for e in entries) == LABELS
    assert min(LABELS.values()) >= 50
    assert Counter(e["aspect"] for e in entries if e["label"] == "terukur") == ASPECTS
    assert Counter(e["level"] for e in entries) == LEVELS
    assert Counter(e["src"] for e in entries) == SOURCES
    assert Counter(e["wrong"][0] for e in entries if e["wrong"]) == MAIN_WRONG
    header = FRESH7.read_text(encoding="utf-8").split("\nsources:")[0]
    flat = " ".join(line.lstrip("# ").strip() for line in header.splitlines())
    assert f"Counts: {len(entries)} entries; label {LABELS}" in flat
    assert f"aspect of terukur {ASPECTS}" in flat
    assert f"level {LEVELS}; src {SOURCES}" in flat
    assert f"main wrong code {MAIN_WRONG}" in flat


_FILE_ID = re.compile(r"\b\d{9,12}\b")
_ADDRESS = re.compile(r"(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,}/[^\s,;()'\"]+)", re.IGNORECASE)


def _tokens(text):
    """Search-index file ids, addresses (host/path) and GitHub repositories named in a source
    text."""
    found = {("id", m) for m in _FILE_ID.findall(text)}
    for address in _ADDRESS.findall(text):
        address = address.rstrip(".:").lower()
        found.add(("address", address))
        if address.startswith("github.com/"):
            found.add(("repo", "/".join(address.split("/")[1:3]).split("@")[0].rstrip(":")))
    return found


def _other_sets():
    """Source keys and source texts of every other set: `sources:` blocks and per-entry
    `source` fields."""
    keys, texts = set(), []
    for path in sorted(DATA.glob("*.yaml")):
        if path.name == FRESH7.name:
            continue
        data = _load(path)
        entries = data if isinstance(data, list) else data.get("indicators", [])
        if isinstance(data, dict):
            sources = data.get("sources") or {}
            keys |= set(sources)
            texts += [str(v) for v in sources.values()]
        texts += [str(e["source"]) for e in entries if isinstance(e, dict) and "source" in e]
        texts.append(
            "\n".join(
                line
                for line in path.read_text(encoding="utf-8").splitlines()
                if line.startswith("#")
            )
        )
    return keys, texts


def test_no_source_of_another_set_is_reused():
    mine = _load(FRESH7)["sources"]
    keys, texts = _other_sets()
    assert len(texts) > 10
    assert not set(mine) & keys
    theirs = set().union(*(_tokens(t) for t in texts))
    assert ("id", "68603606001") in theirs  # the extraction sees the other sets' file ids
    for key, text in mine.items():
        own = _tokens(text)
        assert own, key
        assert not own & theirs, (key, own & theirs)


def test_sources_are_of_at_least_five_office_kinds():
    assert len({e["kind"] for e in _entries()}) >= 5
    assert len(_load(FRESH7)["sources"]) >= 6
