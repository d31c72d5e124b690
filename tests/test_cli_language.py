"""The command line speaks Bahasa Indonesia, argparse's own messages included (English on
request).
"""

import pytest

from kinerja_sim import cli
from kinerja_sim._core.i18n import set_language


@pytest.fixture(autouse=True)
def language():
    set_language("id")
    yield
    set_language("id")


def test_a_bad_number_is_reported_in_indonesian(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["simulate", "--employees", "abc"])
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert "nilai int tidak sah: 'abc'" in err and "invalid int value" not in err


def test_a_missing_argument_is_reported_in_indonesian(capsys):
    with pytest.raises(SystemExit):
        cli.main(["rules"])
    err = capsys.readouterr().err
    assert "argumen berikut wajib diisi" in err and "galat" in err


def test_a_missing_rule_file_is_reported_in_indonesian(capsys, tmp_path):
    code = cli.main(["rules", "check", str(tmp_path / "tidak-ada.yaml")])
    assert code == 2 and "tidak ada berkas aturan" in capsys.readouterr().err


def test_english_is_available_from_the_same_catalogue(capsys):
    set_language("en")
    with pytest.raises(SystemExit):
        cli.main(["simulate", "--employees", "abc"])
    assert "invalid int value: 'abc'" in capsys.readouterr().err
