"""Reading the pack's PDFs back: a small text extractor for fpdf2's output, and the layout's checks.

No PDF reader is installed (pypdf, pdfminer and poppler's pdftotext are absent), so the tests
read the files the way a PDF viewer does: the content streams (Flate-compressed or not) of each
page, the text-showing operators in them, and each font's ``/ToUnicode`` map from glyph codes
back to characters. The extractor is tested first on a document with known text.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

from kinerja_sim.pack.pdf import Document, clean

_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_STRING = rb"\((?:\\.|[^\\)])*\)"
_TOKEN = re.compile(
    rb"/(\w+)\s+[\d.]+\s+Tf|(" + _STRING + rb")|<([0-9A-Fa-f\s]*)>|\b(TJ|Tj|BT|ET|Td|TD|T\*|')\b",
    re.S,
)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes]]:
    """Object number -> (dictionary text, decoded stream or b"")."""
    objects = {}
    for match in _OBJECT.finditer(data):
        body = match.group(2)
        stream = b""
        if b"stream" in body:
            head, _, rest = body.partition(b"stream")
            rest = rest[2:] if rest.startswith(b"\r\n") else rest[1:]
            length = re.search(rb"/Length (\d+)", head)
            raw = rest[: int(length.group(1))] if length else rest.rsplit(b"endstream", 1)[0]
            stream = zlib.decompress(raw) if b"/FlateDecode" in head else raw
            body = head
        objects[int(match.group(1))] = (body, stream)
    return objects


def _unescape(literal: bytes) -> bytes:
    out, i = bytearray(), 1
    while i < len(literal) - 1:
        ch = literal[i : i + 1]
        if ch == b"\\":
            nxt = literal[i + 1 : i + 2]
            octal = re.match(rb"[0-7]{1,3}", literal[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(0), 8) & 0xFF)
                i += 1 + len(octal.group(0))
                continue
            out += _ESCAPES.get(nxt, nxt)
            i += 2
            continue
        out += ch
        i += 1
    return bytes(out)


def _cmap(stream: bytes) -> dict[int, str]:
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
        for code, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
        for lo, hi, start in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            for offset in range(int(hi, 16) - int(lo, 16) + 1):
                mapping[int(lo, 16) + offset] = chr(int(start, 16) + offset)
    return mapping


def pdf_pages(path) -> list[str]:
    """The text of each page of an fpdf2 PDF (lines as the text operators start them)."""
    objects = _objects(Path(path).read_bytes())
    fonts = {}
    for body, _ in objects.values():
        for block in re.findall(rb"/Font\s*<<(.*?)>>", body, re.S):
            for name, number in re.findall(rb"/(\w+)\s+(\d+) 0 R", block):
                font = objects[int(number)][0]
                unicode_map = re.search(rb"/ToUnicode (\d+) 0 R", font)
                fonts[name.decode()] = _cmap(objects[int(unicode_map.group(1))][1])
    pages = []
    for body, _ in objects.values():
        if re.search(rb"/Type /Page\b", body) and b"/Contents" in body:
            contents = re.search(rb"/Contents (\d+) 0 R", body)
            pages.append(_page_text(objects[int(contents.group(1))][1], fonts))
    return pages


def _page_text(stream: bytes, fonts: dict[str, dict[int, str]]) -> str:
    lines, current, font = [], [], {}
    for match in _TOKEN.finditer(stream):
        name, literal, hexa, operator = match.groups()
        if name:
            font = fonts.get(name.decode(), {})
        elif literal or hexa is not None:
            raw = _unescape(literal) if literal else bytes.fromhex(hexa.decode().replace(" ", ""))
            codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw) - 1, 2)]
            current.append("".join(font.get(code, "") for code in codes))
        elif operator in (b"BT", b"Td", b"TD", b"T*") and current:
            lines.append("".join(current))
            current = []
    if current:
        lines.append("".join(current))
    return "\n".join(line for line in lines if line.strip())


def pdf_text(path) -> str:
    """All pages' text, and the same with line breaks as spaces (wrapped cells joined)."""
    return "\n".join(pdf_pages(path))


def flat(text: str) -> str:
    """Text with every run of white space as one space (a wrapped line reads as one)."""
    return " ".join(text.split())


# --------------------------------------------------------------------------- the extractor
@pytest.mark.parametrize("compress", [True, False])
def test_the_extractor_reads_back_known_text_with_and_without_compression(tmp_path, compress):
    pdf = Document("Uji")
    pdf.set_compression(compress)
    pdf.add_page()
    pdf.heading("Sertifikat — Ni Luh Putu Ayu Dewi (Ê, ü)")
    pdf.paragraph("Berorientasi Pelayanan: ramah, cekatan, solutif \\ 12,5 JP")
    pdf.grid(["Waktu", "Kegiatan"], [["08.00–08.30", "Pembukaan"], ["12.30–13.30", "ISHOMA"]])
    path = pdf.save(tmp_path / "uji.pdf")
    text = pdf_text(path)
    assert "Sertifikat — Ni Luh Putu Ayu Dewi (Ê, ü)" in text
    assert "Berorientasi Pelayanan: ramah, cekatan, solutif \\ 12,5 JP" in text
    assert "08.00–08.30" in text and "ISHOMA" in text
    assert "Halaman 1 dari 1" in text


def test_the_extractor_counts_pages(tmp_path):
    pdf = Document("Uji")
    for n in range(3):
        pdf.add_page()
        pdf.paragraph(f"halaman nomor {n}")
    pages = pdf_pages(pdf.save(tmp_path / "tiga.pdf"))
    assert len(pages) == 3
    assert ["halaman nomor 2" in page for page in pages] == [False, False, True]


def test_the_font_and_its_licence_ship_with_the_package():
    folder = Path(__file__).resolve().parents[1] / "kinerja_sim" / "data" / "fonts"
    assert (folder / "DejaVuSans.ttf").stat().st_size > 100_000
    assert (folder / "DejaVuSans-Bold.ttf").stat().st_size > 100_000
    assert "Bitstream" in (folder / "LICENSE_DEJAVU").read_text()


def test_control_characters_and_direction_overrides_never_reach_the_page(tmp_path):
    pdf = Document("Uji")
    pdf.add_page()
    pdf.paragraph("Siti\x01 Rahma \u202egnalak\u202c")
    text = pdf_text(pdf.save(tmp_path / "bersih.pdf"))
    assert "Siti Rahma gnalak" in text
    assert clean("a\x00b\u202ec") == "abc"
