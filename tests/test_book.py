"""The curriculum as a site (book/build.py, `make book`): the pieces, and a whole build of two
tiny lessons in a temporary folder (the real ten lessons are built by `make test` and opened in
Chromium by tests/test_browser_book.py)."""

import importlib.util
import json
import re

import nbformat
import pytest
from browser_support import ROOT

from kinerja_sim._core.i18n import t

spec = importlib.util.spec_from_file_location("book_build", ROOT / "book" / "build.py")
book = importlib.util.module_from_spec(spec)
spec.loader.exec_module(book)

NOTE = t("book.widget_note", lang="id")


def _notebook(*cells):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.cells = list(cells)
    return notebook


def _lessons(folder, *, failing=False):
    folder.mkdir()
    first = _notebook(
        nbformat.v4.new_markdown_cell("# Pelajaran uji pertama\n\nTujuan: membaca predikat."),
        nbformat.v4.new_code_cell("print('Predikat Baik untuk', 2 + 2, 'pegawai')"),
    )
    second = _notebook(
        nbformat.v4.new_markdown_cell("# Pelajaran uji kedua"),
        nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(value=3)"),
        nbformat.v4.new_code_cell("raise ValueError('rusak')" if failing else "1 + 1"),
    )
    nbformat.write(first, folder / "00_pertama.ipynb")
    nbformat.write(second, folder / "01_kedua.ipynb")
    nbformat.write(_notebook(), folder / "bukan_pelajaran.ipynb")
    return folder


def test_the_lessons_are_the_ten_numbered_notebooks_in_order():
    names = [p.name for p in book.lessons(ROOT / "notebooks")]
    assert [n[:2] for n in names] == [f"{i:02d}" for i in range(10)]


def test_the_title_is_the_first_level_one_heading():
    notebook = _notebook(
        nbformat.v4.new_markdown_cell("## bukan ini\n# Judul pelajaran  "),
        nbformat.v4.new_markdown_cell("# yang kedua"),
    )
    assert book.title(notebook, "cadangan") == "Judul pelajaran"
    assert book.title(_notebook(), "cadangan") == "cadangan"


def test_every_widget_output_becomes_the_note_and_the_widget_state_is_dropped():
    cell = nbformat.v4.new_code_cell("w")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"text/plain": "IntSlider()", book.WIDGET_MIME: {"model_id": "x"}},
        ),
        nbformat.v4.new_output("stream", name="stdout", text="teks biasa"),
    ]
    notebook = _notebook(cell)
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    assert book.replace_widgets(notebook, NOTE) == 1
    assert "widgets" not in notebook.metadata
    widget, stream = cell.outputs
    assert book.WIDGET_MIME not in widget["data"]
    assert (
        NOTE in widget["data"]["text/html"]
        and 'class="widget-catatan"' in widget["data"]["text/html"]
    )
    assert stream["text"] == "teks biasa"


def test_an_external_script_style_or_image_is_found_but_a_link_is_not(tmp_path):
    (tmp_path / "a.html").write_text(
        '<a href="https://jdih.menpan.go.id">PermenPAN-RB</a>'
        '<script src="assets/lokal.js"></script><img src="data:image/png;base64,AA">'
    )
    assert book.external_requests(tmp_path) == []
    (tmp_path / "b.html").write_text(
        '<script src="https://cdn.example/x.js"></script><link rel="stylesheet" '
        'href="//fonts.example/f.css">'
    )
    assert book.external_requests(tmp_path) == [
        ("b.html", "https://cdn.example/x.js"),
        ("b.html", "//fonts.example/f.css"),
    ]


def test_the_index_page_is_indonesian_and_lists_every_lesson_in_order():
    page = book.index_page({"00_a.ipynb": "Orientasi", "01_b.ipynb": "Indikator"})
    assert page.startswith("# Kurikulum pelatihan")
    assert "1. [Orientasi](00_a.ipynb)\n2. [Indikator](01_b.ipynb)" in page
    assert NOTE in page and "Ctrl+P" in page


def test_a_lesson_with_an_error_stops_the_build(tmp_path):
    folder = _lessons(tmp_path / "notebooks", failing=True)
    with pytest.raises(RuntimeError, match="01_kedua.ipynb"):
        book.execute(folder / "01_kedua.ipynb", timeout=120)


def test_a_build_gives_a_searchable_offline_site_with_the_widget_note(tmp_path):
    folder = _lessons(tmp_path / "notebooks")
    result = book.build(tmp_path / "situs", notebooks=folder, timeout=120)
    site = tmp_path / "situs"
    assert result["lessons"] == ["00_pertama.ipynb", "01_kedua.ipynb"]
    assert result["widgets"] == 1
    first = (site / "00_pertama.html").read_text(encoding="utf-8")
    second = (site / "01_kedua.html").read_text(encoding="utf-8")
    assert "Predikat Baik untuk 4 pegawai" in first  # executed, not only copied
    assert second.count(NOTE) == 1 and "widget-view+json" not in second
    assert not (site / "bukan_pelajaran.html").exists()
    assert book.external_requests(site) == []
    assert not re.search(r"cdnjs|jsdelivr|unpkg|<script src=\"\"", first + second)
    assert "Load mathjax" not in first and "mermaid.esm" not in second
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("Predikat Baik" in doc["text"] for doc in index["docs"])
    assert 'lang="id"' in (site / "index.html").read_text(encoding="utf-8")
