"""fresh9.yaml, the ninth blind set of real indicators (issue #20 item 7).

Pinned by its sha256, counted as its header says, and drawn from sources no other set uses.
Since 2026-12-03 it is training data: five bare rate nouns were relabelled no_measure by the
owners' decision (e); the sha test undoes that relabel and checks the collector's file.

The file is read with yaml.safe_load only; nothing of the indicator checker is imported here.
"""

import collections
import hashlib
import re
from pathlib import Path

import yaml

SETS = Path(__file__).resolve().parent.parent / "kinerja_sim" / "data" / "indicators_real"
FRESH9 = SETS / "fresh9.yaml"
SHA256 = "54d3f6f46d898a3d84e1c0c30b3d8a5235d97888ffe214e436a98e6fbcea7ca1"  # commit 2c8f6b5
RELABEL_NOTE = "# Relabelled 2026-12-03"
RELABELLED = ("b9_110", "b9_114", "b9_115", "b9_116", "b9_117")
OLD_FIELDS = re.compile(
    r"  label: tidak\n  aspect: null\n  wrong:\n  - no_measure\n"
    r"  # relabelled 2026-12-03 from: label: terukur \| aspect: (\w+) \| wrong: \[\] \| why: (.*)\n"
    r"  why: 'relabelled 2026-12-03 by the owners'' decision on bare rate nouns'\n"
)

FILE_ID = re.compile(r"file ids? (\d{6,})|(\d{8,})")
ADDRESS = re.compile(r"(?:https?://)?((?:[\w-]+\.)+(?:com|id|org|net|site|tips|pub|info)/\S+)")


def _data():
    return yaml.safe_load(FRESH9.read_text(encoding="utf-8"))


def _header(path):
    return "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")
    )


def _file_ids(text):
    return {a or b for a, b in FILE_ID.findall(text)}


def _addresses(text):
    return {m.rstrip(").,'") for m in ADDRESS.findall(text)}


def _as_its_collector_committed(text):
    """fresh9.yaml with the relabel of 2026-12-03 undone: the header note and five entries."""
    lines = text.splitlines(keepends=True)
    text = "".join(line for line in lines if not line.startswith(RELABEL_NOTE))
    restored = OLD_FIELDS.sub(
        lambda m: f"  label: terukur\n  aspect: {m.group(1)}\n  wrong: []\n  why: {m.group(2)}\n",
        text,
    )
    assert OLD_FIELDS.subn("", text)[1] == len(RELABELLED)
    return restored


def test_file_is_the_one_committed_but_for_the_bare_rate_noun_relabel():
    text = FRESH9.read_text(encoding="utf-8")
    assert hashlib.sha256(text.encode()).hexdigest() != SHA256  # the relabel is there
    original = _as_its_collector_committed(text)
    assert hashlib.sha256(original.encode()).hexdigest() == SHA256


def test_only_the_bare_rate_nouns_were_relabelled():
    rows = _data()["indicators"]
    relabelled = [r for r in rows if r["why"].startswith("relabelled 2026-12-03")]
    assert [r["id"] for r in relabelled] == list(RELABELLED)
    assert all(r["label"] == "tidak" and r["wrong"] == ["no_measure"] for r in relabelled)
    assert all(
        r["iki"].split()[0].startswith("Ke") or r["iki"].startswith("Penggunaan")
        for r in relabelled
    )


def test_counts_match_the_header():
    rows = _data()["indicators"]
    assert len(rows) == 142
    assert len({r["id"] for r in rows}) == 142
    assert collections.Counter(r["label"] for r in rows) == {"terukur": 47, "tidak": 95}
    aspects = collections.Counter(r["aspect"] for r in rows if r["label"] == "terukur")
    assert aspects == {"kuantitas": 39, "kualitas": 7, "waktu": 1}
    assert collections.Counter(r["level"] for r in rows) == {
        "organisasi": 17,
        "unit": 72,
        "staf": 53,
    }
    by_src = collections.Counter(r["src"] for r in rows)
    assert by_src == {
        "rogojampi": 39,
        "bappeda_sit": 10,
        "spmi_prodi": 13,
        "ub_guesthouse": 30,
        "kkp_renstra": 12,
        "pkm_ukp": 13,
        "pkm_kalirungkut": 3,
        "pkm_imunisasi": 4,
        "dinkes_kesga": 18,
    }
    assert max(by_src.values()) <= 0.30 * len(rows)
    main = collections.Counter(r["wrong"][0] for r in rows if r["wrong"])
    assert main == {
        "vague_object": 21,
        "activity": 38,
        "unit_mismatch": 17,
        "no_measure": 18,
        "no_unit": 1,
    }


def test_rows_are_well_formed():
    data = _data()
    for r in data["indicators"]:
        assert r["src"] in data["sources"]
        assert r["label"] in ("terukur", "tidak")
        assert (r["label"] == "terukur") == (r["aspect"] is not None) == (not r["wrong"])
        assert r["why"].strip()


def test_no_source_is_shared_with_another_set():
    mine = _data()["sources"]
    my_text = " ".join(mine.values())
    my_ids, my_addresses = _file_ids(my_text), _addresses(my_text)
    assert len(my_ids) >= 4 and len(my_addresses) >= 5
    others = [p for p in sorted(SETS.glob("*.yaml")) if p.name != FRESH9.name]
    assert len(others) >= 10
    for path in others:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        sources = (data.get("sources") or {}) if isinstance(data, dict) else {}
        their_text = " ".join(str(v) for v in sources.values()) + "\n" + _header(path)
        assert not set(mine) & set(sources), path.name
        assert not my_ids & _file_ids(their_text), path.name
        assert not my_addresses & _addresses(their_text), path.name
