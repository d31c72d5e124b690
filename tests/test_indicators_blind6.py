"""The sixth blind set of real indicators (issue #20 item 7): pinned, counted, new sources only.

``fresh6.yaml`` was labelled by the guide before any checker was run on it. These tests do not
run the checker: they keep the file from changing silently (its sha256 is pinned), check that
the counts its header states are the counts of its entries, and check that none of its
sources (key, file id, repository or address) is a source of another set. Since its one clean
measurement it is training data: one entry was relabelled on 2026-12-03 by the owners' decision
(a) (a share of services with a result condition is measurable); the tests undo that relabel
and check that what is left is the file its collector committed.
"""

import ast
import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "kinerja_sim" / "data" / "indicators_real"
FRESH6 = DATA / "fresh6.yaml"
SHA256 = "1748495ff6d5802d5d7aab7e1af11cd4ef1badc9f987cedbdb5934a415dc3e57"
# The relabel of 2026-12-03: three header lines, and the entry keeps its old label and reason.
RELABEL_NOTE = ("# Relabelled 2026-12-03", "# on shares of services", "# so the file now holds 68")
RELABELLED = "- id: f6_039\n"

FIELDS = ["id", "iki", "target", "unit", "src", "level", "kind", "label", "aspect", "wrong", "why"]
EXPECTED = {
    "label": {"terukur": 67, "tidak": 70},
    "aspect": {"kuantitas": 43, "kualitas": 19, "waktu": 5},
    "level": {"organisasi": 30, "unit": 82, "staf": 25},
    "src": {
        "kec_glenmore": 34,
        "kec_jangkar": 15,
        "bappeda_bwi": 29,
        "rsj_kamus": 5,
        "rsigm_mutu": 20,
        "upj_kpi": 13,
        "poltek_iku": 8,
        "kejari_skp": 5,
        "bkpsdm_pk": 8,
    },
    "main wrong code": {
        "vague_object": 19,
        "activity": 19,
        "no_measure": 14,
        "no_number": 8,
        "unit_mismatch": 7,
        "no_unit": 2,
        "sasaran": 1,
    },
}
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


def _as_its_collector_committed(text):
    """fresh6.yaml with the relabel of 2026-12-03 undone (the note and one entry's label)."""
    lines = text.splitlines(keepends=True)
    text = "".join(line for line in lines if not line.startswith(RELABEL_NOTE))
    start = text.index(RELABELLED)
    end = text.index("- id:", start + 1)
    entry = text[start:end]
    old_reason = re.search(r"\(was tidak, vague_object, why \[([^\]]*)\]\)", entry).group(1)
    entry = re.sub(r'why: "relabelled 2026-12-03 [^\n]*', f'why: "{old_reason}"', entry)
    entry = entry.replace("  label: terukur\n  aspect: kuantitas\n  wrong: []\n", "")
    entry = entry.replace(
        '  why: "', '  label: tidak\n  aspect: null\n  wrong: ["vague_object"]\n  why: "'
    )
    return text[:start] + entry + text[end:]


def _committed_text():
    return _as_its_collector_committed(FRESH6.read_text(encoding="utf-8"))


def _load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _header(path):
    text = _committed_text() if path == FRESH6 else path.read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if line.startswith("#"))


def _counts(entries):
    return {
        "label": Counter(e["label"] for e in entries),
        "aspect": Counter(e["aspect"] for e in entries if e["label"] == "terukur"),
        "level": Counter(e["level"] for e in entries),
        "src": Counter(e["src"] for e in entries),
        "main wrong code": Counter(e["wrong"][0] for e in entries if e["wrong"]),
    }


def _tokens(text):
    """File ids, GitHub repositories and web addresses named in a source description."""
    ids = set(re.findall(r"(?<![\w.])\d{8,12}(?![\w.])", text))
    repos = {r.rstrip(".").lower() for r in re.findall(r"github\.com/([\w.-]+/[\w.-]+)", text)}
    urls = {u.rstrip(".,;:").lower() for u in re.findall(r"https?://[^\s)'\"]+", text)}
    return ids | repos | urls


def _other_sets():
    others = sorted(p for p in DATA.glob("*.yaml") if p != FRESH6)
    assert others, "no other indicator set found next to fresh6.yaml"
    return others


def _other_keys_and_text(path):
    data = _load(path)
    keys, texts = set(), []
    indicators = data.get("indicators", []) if isinstance(data, dict) else data
    if isinstance(data, dict) and isinstance(data.get("sources"), dict):
        keys |= set(data["sources"])
        texts += [str(v) for v in data["sources"].values()]
    else:  # no `sources:` block: the header names the sources (fresh2-fresh4). A set with a block
        # names its sources there; its header may disclose a file its collector opened to avoid
        # it (fresh7 names a fresh6 file so), which is no shared source.
        texts.append(_header(path))
    for entry in indicators or []:
        if "src" in entry:
            keys.add(entry["src"])
        if "source" in entry:
            texts.append(str(entry["source"]))
    return keys, "\n".join(texts)


def test_fresh6_is_the_committed_blind_file_but_for_the_relabel_of_decision_a():
    text = FRESH6.read_text(encoding="utf-8")
    assert hashlib.sha256(text.encode()).hexdigest() != SHA256  # the relabel is there
    assert hashlib.sha256(_committed_text().encode()).hexdigest() == SHA256


def test_the_one_relabelled_entry_is_the_share_of_services_completed():
    entries = _load(FRESH6)["indicators"]
    relabelled = [e for e in entries if e["why"].startswith("relabelled 2026-12-03")]
    assert [(e["id"], e["iki"], e["label"], e["aspect"]) for e in relabelled] == [
        ("f6_039", "Persentase Layanan yang terselesaikan", "terukur", "kuantitas")
    ]
    assert Counter(e["label"] for e in entries) == {"terukur": 68, "tidak": 69}


def test_entries_have_the_fresh5_fields_and_guide_values():
    data = _load(FRESH6)
    entries = data["indicators"]
    assert [list(e) for e in entries] == [FIELDS] * len(entries)
    assert len({e["id"] for e in entries}) == len(entries)
    for e in entries:
        assert e["src"] in data["sources"]
        assert e["level"] in {"organisasi", "unit", "staf"}
        assert all(isinstance(e[k], str) for k in ("iki", "target", "unit", "kind", "why"))
        if e["label"] == "terukur":
            assert e["aspect"] in {"kuantitas", "kualitas", "waktu", "biaya"}
            assert e["wrong"] == []
        else:
            assert e["label"] == "tidak"
            assert e["aspect"] is None
            assert e["wrong"] and set(e["wrong"]) <= WRONG_CODES


def test_counts_are_those_the_header_states():
    # the header states the counts of the collector's file, so they are checked on it
    entries = yaml.safe_load(_committed_text())["indicators"]
    counts = _counts(entries)
    assert counts == EXPECTED
    header = _header(FRESH6)
    assert f"# Counts: {len(entries)} entries;" in header
    for name, expected in EXPECTED.items():
        phrase = "aspect of terukur" if name == "aspect" else name
        found = re.search(re.escape(phrase) + r" (\{[^}]*\})", header)
        assert found, f"the header states no {name} counts"
        assert ast.literal_eval(found.group(1)) == expected


def test_the_set_is_large_balanced_and_spread():
    counts = _counts(_load(FRESH6)["indicators"])
    assert sum(counts["label"].values()) >= 130
    assert min(counts["label"]["terukur"], counts["label"]["tidak"]) >= 55
    assert len(counts["src"]) >= 6


@pytest.mark.parametrize("other", _other_sets(), ids=lambda p: p.name)
def test_no_source_is_shared_with_another_set(other):
    sources = _load(FRESH6)["sources"]
    keys, text = _other_keys_and_text(other)
    assert not set(sources) & keys
    theirs = _tokens(text)
    for key, description in sources.items():
        mine = _tokens(description)
        assert mine, f"source {key} names no file id, repository or address"
        assert not mine & theirs, f"source {key} shares {sorted(mine & theirs)} with {other.name}"
