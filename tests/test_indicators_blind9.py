"""fresh9.yaml, the ninth blind set of real indicators (issue #20 item 7).

Pinned by its sha256, counted as its header says, and drawn from sources no other set uses.

The file is read with yaml.safe_load only; nothing of the indicator checker is imported here.
"""

import collections
import hashlib
import re
from pathlib import Path

import yaml

SETS = Path(__file__).resolve().parent.parent / "kinerja_sim" / "data" / "indicators_real"
FRESH9 = SETS / "fresh9.yaml"
SHA256 = "54d3f6f46d898a3d84e1c0c30b3d8a5235d97888ffe214e436a98e6fbcea7ca1"

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


def test_file_is_the_one_committed():
    assert hashlib.sha256(FRESH9.read_bytes()).hexdigest() == SHA256


def test_counts_match_the_header():
    rows = _data()["indicators"]
    assert len(rows) == 142
    assert len({r["id"] for r in rows}) == 142
    assert collections.Counter(r["label"] for r in rows) == {"terukur": 52, "tidak": 90}
    aspects = collections.Counter(r["aspect"] for r in rows if r["label"] == "terukur")
    assert aspects == {"kuantitas": 41, "kualitas": 10, "waktu": 1}
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
        "no_measure": 13,
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
