"""The mapping helper of notebook 09 (kinerja_sim.ui.byod_mapping), without a browser.

Dropdowns per field, a live count of usable rows, value labels for unknown rating words, the
mapping saved as YAML and read back, one-line errors, and no identifier in the widget state.
"""

import datetime
import json
from pathlib import Path

import ipywidgets as widgets
import pytest

from kinerja_sim.byod import read_appraisals
from kinerja_sim.ui.byod_mapping import MappingHelper, one_line_errors

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "exports"
UNKNOWN = FIXTURES / "tanpa_format.csv"
KEY = "kunci-rahasia-untuk-tes-pemetaan"
LABELS = {"A": "Di Atas Ekspektasi", "B": "Sesuai Ekspektasi", "C": "Di Bawah Ekspektasi"}


def _map(helper):
    helper.dropdowns["nip"].value = "0"  # No Induk
    helper.dropdowns["unit_kerja"].value = "1"  # Satuan
    helper.dropdowns["rating_hasil_kerja"].value = "2"  # Nilai Kerja
    for box in helper.words.children:
        box.value = LABELS[box._kinerja_key[1]]


def test_an_unknown_file_starts_with_no_field_mapped_and_says_why_no_row_is_used():
    helper = MappingHelper(UNKNOWN)
    assert all(dropdown.value == "" for dropdown in helper.dropdowns.values())
    assert helper.used == 0 and helper.total == 9
    assert "Kolom wajib tidak ditemukan" in helper.message.value


def test_choosing_columns_and_word_labels_updates_the_count_live():
    helper = MappingHelper(UNKNOWN)
    helper.dropdowns["nip"].value = "0"
    helper.dropdowns["rating_hasil_kerja"].value = "2"
    assert [box._kinerja_key for box in helper.words.children] == [
        ("rating_hasil_kerja", w) for w in "ABC"
    ]
    assert helper.used == 0  # A/B/C not labelled yet
    _map(helper)
    assert (helper.used, helper.total) == (8, 9)  # line 6 has a 5-digit number, not a NIP
    assert "8 dari 9 baris" in helper.count.value


def test_the_saved_mapping_reads_the_file_next_time(tmp_path):
    helper = MappingHelper(UNKNOWN, save_to=tmp_path / "peta.yaml")
    _map(helper)
    helper.save_button.click()
    assert "Peta disimpan" in helper.message.value
    result = read_appraisals(UNKNOWN, key=KEY, columns=tmp_path / "peta.yaml")
    assert len(result.data) == 8 and set(result.data["rating_hasil_kerja"]) == set(LABELS.values())


def test_a_bad_file_gives_the_one_line_message_not_a_traceback(tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan zip")
    helper = MappingHelper(bad)
    assert "bukan berkas Excel .xlsx yang utuh" in helper.message.value
    assert "Traceback" not in helper.message.value


def test_an_upload_is_read_then_emptied_from_the_widget(tmp_path):
    helper = MappingHelper()
    helper.upload.value = (
        {
            "name": "ekspor.csv",
            "type": "text/csv",
            "size": 1,
            "content": memoryview(UNKNOWN.read_bytes()),
            "last_modified": datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc),
        },
    )
    assert helper.upload.value == () and helper.total == 9
    private = helper._private
    assert private is not None and private.exists()
    helper.close()
    assert not private.exists()


def test_no_identifier_is_kept_in_the_saved_widget_state():
    from ipywidgets.widgets.widget import _instances

    before = set(_instances)
    helper = MappingHelper()
    helper.upload.value = (
        {
            "name": "ekspor.csv",
            "type": "text/csv",
            "size": 1,
            "content": memoryview(UNKNOWN.read_bytes()),
            "last_modified": datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc),
        },
    )
    _map(helper)
    # the state of the widgets this helper made (other tests in the same process leave theirs,
    # e.g. an inline PNG whose base64 text happens to contain "12345")
    mine = [widget for key, widget in list(_instances.items()) if key not in before]
    state = json.dumps(
        widgets.Widget.get_manager_state(drop_defaults=False, widgets=mine), default=str
    )
    numbers = [line.split(",")[0] for line in UNKNOWN.read_text().splitlines()[1:]]
    assert helper.used == 8 and "19****" in state
    assert [n for n in numbers if n in state] == []


def test_one_line_errors_turn_a_user_error_into_its_message():
    class FakeShell:
        def set_custom_exc(self, kinds, handler):
            self.kinds, self.handler = kinds, handler

    shell = FakeShell()
    one_line_errors(shell)
    assert (
        ValueError in shell.kinds and NameError in shell.kinds and RuntimeError not in shell.kinds
    )


def test_notebook_09_shows_a_bad_file_as_one_line_and_no_traceback(tmp_path):
    nbclient = pytest.importorskip("nbclient")
    import nbformat

    root = Path(__file__).resolve().parents[1]
    bad = tmp_path / "ekspor_rusak.xlsx"
    bad.write_bytes(b"bukan berkas excel")
    notebook = nbformat.read(root / "notebooks" / "09_data_anda.ipynb", as_version=4)
    for cell in notebook.cells:  # the papermill parameters cell, set to the bad file
        if "parameters" in cell.metadata.get("tags", []):
            cell.source += f"\nberkas = {str(bad)!r}\n"
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(root / "notebooks")}},
    )
    client.execute()
    outputs = [o for cell in notebook.cells for o in cell.get("outputs", [])]
    text = json.dumps(outputs, ensure_ascii=False)
    # the reading cell says what is wrong in one line; later cells say an earlier one failed
    assert "bukan berkas Excel .xlsx yang utuh" in text and "Sel sebelumnya belum berhasil" in text
    assert "Traceback" not in text and not any(o.get("output_type") == "error" for o in outputs)
