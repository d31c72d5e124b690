"""The pseudonymisation guarantee: no identifier from the input and never the key in any output.

An export is made from the synthetic kabupaten with distinctive identifiers planted (NIPs,
names, rater NIPs and names, an e-mail and a telephone number in a column the kit does not
read), then the whole chain runs: reading the CSV and the Excel file, every analysis, the
fit, saving (CSV and Excel), the ``kinerja-sim import`` command with figures, the plots,
and notebook 09 executed on the planted file (with the key in a key file, so that not even
the executed notebook's sources hold it). Every output is searched for every
identifier of the input and for the key.
"""

import importlib.util
import json
import pickle
import re
import warnings
import zipfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kinerja_sim.byod import (  # noqa: E402
    curve_checks,
    distributions,
    fit_simulation,  # noqa: E402
    plot_distributions,
    plot_fit,
    plot_rater_leniency,
    rater_profiles,
)
from kinerja_sim.byod.pseudonym import Pseudonymiser  # noqa: E402
from kinerja_sim.byod.read import read_appraisals  # noqa: E402
from kinerja_sim.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KEY = "PLANTED-KEY-never-written-8472"
PLANTED_NIP, PLANTED_NAME = "197707072007071777", "Zyxwvut Planted Namasatu, S.Kom."
PLANTED_RATER_NIP, PLANTED_RATER_NAME = "196606061990061666", "Qwertyuiop Planted Pejabat, M.Si."
EMAIL, PHONE = "planted.person@contoh.go.id", "081299998888"


def _make_module():
    spec = importlib.util.spec_from_file_location(
        "contoh_make", ROOT / "datasets" / "contoh_ekspor" / "make.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The planted export (CSV and Excel) and every identifier it holds."""
    make = _make_module()
    table = make.clean_rows().iloc[:220].reset_index(drop=True)
    first_rater = table.loc[0, "NIP Penilai"]
    table.loc[0, ["NIP", "Nama Pegawai"]] = [PLANTED_NIP, PLANTED_NAME]
    same_rater = table["NIP Penilai"] == first_rater
    table.loc[same_rater, ["NIP Penilai", "Pejabat Penilai"]] = [
        PLANTED_RATER_NIP,
        PLANTED_RATER_NAME,
    ]
    table.loc[5, "NIP"] = "1,97707E+17"  # damaged by Excel
    table.loc[7, "NIP"] = PLANTED_NIP[:-1]  # one digit short
    table["Keterangan"] = ""
    table.loc[3, "Keterangan"] = f"hubungi {EMAIL} / {PHONE}"
    folder = tmp_path_factory.mktemp("planted")
    csv_path, xlsx_path = folder / "ekspor.csv", folder / "ekspor.xlsx"
    make.write_csv(table, csv_path)
    make.write_xlsx(table, xlsx_path)
    names = pd.concat([table["Nama Pegawai"], table["Pejabat Penilai"]])
    identifiers = {EMAIL, PHONE, KEY, KEY[:12]}
    for nip in pd.concat([table["NIP"], table["NIP Penilai"]]):
        if re.fullmatch(r"\d{18}", nip):
            identifiers |= {nip, nip[:14]}
    for name in names:
        identifiers |= {name, name.split(",")[0]}
    identifiers |= {PLANTED_NIP[:-1]}
    return csv_path, xlsx_path, identifiers


def _leaks(text: str, identifiers) -> list[str]:
    return sorted(identifier for identifier in identifiers if identifier in text)


def _file_text(path: Path) -> str:
    """A file's searchable text (an .xlsx is a zip of XML: search inside it)."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return path.read_bytes().decode("utf-8", "replace")


def test_the_planted_identifiers_are_in_the_input(planted):
    csv_path, xlsx_path, identifiers = planted
    for path in (csv_path, xlsx_path):
        text = _file_text(path)
        assert {PLANTED_NIP, PLANTED_NAME, PLANTED_RATER_NIP, PLANTED_RATER_NAME, EMAIL} <= set(
            _leaks(text, identifiers)
        )
    assert len(identifiers) > 300


def test_no_identifier_in_any_result_table_message_or_plot(planted, tmp_path, recwarn, caplog):
    csv_path, xlsx_path, identifiers = planted
    texts = []
    for path in (csv_path, xlsx_path):
        result = read_appraisals(path, key=KEY)
        assert result.n_rejected == 2
        texts += [
            repr(result),
            result.summary(),
            result.summary(lang="en"),
            "\n".join(result.notices),
            result.data.to_csv(),
            result.problems.to_csv(),
            repr(result.source),
        ]
        profiles = rater_profiles(result)
        curve = curve_checks(result)
        for table in (
            distributions(result),
            distributions(result, by=None),
            profiles,
            curve.to_frame(),
        ):
            texts.append(table.to_csv())
        texts += [repr(curve), curve.note, repr(result.view()), "\n".join(result.view().notes)]
        fit = fit_simulation(result, worlds=1, max_evaluations=30, bootstrap=30, rng=1)
        texts += [
            repr(fit),
            fit.summary(),
            fit.parameters.to_csv(),
            fit.moments.to_csv(),
            fit.distributions.to_csv(),
            fit.rater_means.to_csv(),
            fit.organisation.to_csv(),
        ]
        saved = result.save(tmp_path / path.stem, excel=True)
        figures = [
            plot_distributions(result).figure,
            plot_rater_leniency(profiles).figure,
            plot_fit(fit),
        ]
        for number, figure in enumerate(figures):
            figure.savefig(tmp_path / path.stem / f"gambar{number}.png")
            figure.savefig(tmp_path / path.stem / f"gambar{number}.svg")
            plt.close(figure)
        texts += [_file_text(file) for file in sorted((tmp_path / path.stem).iterdir())]
        assert len(saved) == 4
    texts += [str(w.message) for w in recwarn.list] + [caplog.text]
    assert _leaks("\n".join(texts), identifiers) == []


def test_no_identifier_in_the_import_command_output(planted, tmp_path, capsys):
    csv_path, xlsx_path, identifiers = planted
    key_file = tmp_path / "kunci.txt"
    key_file.write_text(KEY + "\n")
    out = tmp_path / "hasil"
    assert (
        main(
            [
                "import",
                str(xlsx_path),
                "--key-file",
                str(key_file),
                "--out",
                str(out),
                "--excel",
                "--fit",
                "--plots",
                "--seed",
                "3",
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    files = sorted(out.iterdir())
    assert {path.suffix for path in files} == {".csv", ".txt", ".xlsx", ".png"}
    text = "\n".join([captured.out, captured.err] + [_file_text(path) for path in files])
    assert _leaks(text, identifiers) == []


def test_the_key_is_never_shown_stored_or_pickled(planted):
    csv_path, _, identifiers = planted
    pseudonymiser = Pseudonymiser(KEY)
    assert KEY not in repr(pseudonymiser) and KEY not in str(vars(type(pseudonymiser)))
    with pytest.raises(TypeError):
        pickle.dumps(pseudonymiser)
    result = read_appraisals(csv_path, key=KEY)
    assert KEY not in pickle.dumps(result).decode("latin-1")
    for bad in (KEY[:10], KEY[:10].encode()):
        with pytest.raises(ValueError) as error:
            read_appraisals(csv_path, key=bad)
        assert KEY[:10] not in str(error.value)


def test_no_identifier_in_the_executed_notebook(planted, tmp_path):
    papermill = pytest.importorskip("papermill")
    _, xlsx_path, identifiers = planted
    key_file = tmp_path / "kunci.txt"
    key_file.write_text(KEY + "\n")
    output = tmp_path / "09_data_anda.ipynb"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        papermill.execute_notebook(
            str(ROOT / "notebooks" / "09_data_anda.ipynb"),
            str(output),
            parameters={"berkas": str(xlsx_path), "berkas_kunci": str(key_file)},
            kernel_name="python3",
            cwd=str(ROOT / "notebooks"),
            progress_bar=False,
            log_output=False,
        )
    text = output.read_text(encoding="utf-8")  # sources and outputs
    assert "PG-" in text and "ekspor.xlsx" in text  # it did run on the planted file
    assert _leaks(json.dumps(json.loads(text), ensure_ascii=False), identifiers) == []


# --- every new path of issue 10: each real export shape, mappings, periods, PP 46, the CLI --------

EXPORTS = ROOT / "tests" / "fixtures" / "exports"


def _exports_make():
    spec = importlib.util.spec_from_file_location("exports_make", EXPORTS / "make.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fixture_identifiers() -> set[str]:
    """Every NIP, NIK, NRP and name written into the export fixtures, in every digit form used."""
    from kinerja_sim.byod.identifiers import normalise

    make = _exports_make()
    values = []
    records, _, _ = make.siasn_records()
    values += [v for r in records for v in (r["nipBaru"], r["nipNrpPenilai"], r["namaPenilai"])]
    rows, _, _ = make.ekinerja_rows()
    values += [v for row in rows for v in (row[1], row[2], row[5], row[6])]
    rows, _, _ = make.rekap_rows()
    values += [v for row in rows for v in (row[1], row[2])]
    for maker in (make.hasil_rows, make.pp46_rows, make.unknown_rows):
        _, rows, _, _ = maker()
        values += [v for row in rows for v in row[:2]] + (
            [row[3] for row in rows] if maker is not make.unknown_rows else []
        )
    found = set()
    for value in values:
        if value in (None, "") or isinstance(value, float):
            continue
        text = str(value)
        ascii_form = normalise(text)
        if ascii_form.isdigit() and len(ascii_form) >= 8:
            found |= {text, ascii_form, ascii_form[:14] if len(ascii_form) >= 16 else ascii_form}
        elif not ascii_form.isdigit() and len(text) > 8:
            found.add(text)
    return found - {"Kantor Camat"}


def _mapping_file(tmp_path) -> Path:
    path = tmp_path / "peta.yaml"
    path.write_text(
        "columns: {No Induk: nip, Satuan: unit_kerja, Nilai Kerja: rating_hasil_kerja, Nilai "
        "Sikap: rating_perilaku_kerja}\nvalues:\n"
        "  rating_hasil_kerja: {A: Di Atas Ekspektasi, B: Sesuai Ekspektasi, C: Di Bawah "
        "Ekspektasi}\n  rating_perilaku_kerja: {A: Di Atas Ekspektasi, B: Sesuai Ekspektasi, C: "
        "Di Bawah Ekspektasi}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "name",
    [
        "siasn_skp22.json",
        "siasn_skp22.csv",
        "ekinerja_triwulan.csv",
        "rekap_bawahan.xls",
        "hasil_saja.csv",
        "pp46_nilai.xlsx",
        "tanpa_format.csv",
    ],
)
def test_no_identifier_of_any_export_shape_in_any_output(name, tmp_path, capsys):
    from kinerja_sim.byod import NotApplicable

    identifiers = _fixture_identifiers()
    assert len(identifiers) > 150
    mapping = _mapping_file(tmp_path) if name == "tanpa_format.csv" else None
    texts = []
    for lang in ("id", "en"):
        result = read_appraisals(EXPORTS / name, key=KEY, columns=mapping, lang=lang)
        view = result.view(lang=lang)
        texts += [
            repr(result),
            result.summary(lang),
            "\n".join(result.notices),
            result.data.to_csv(),
            result.problems.to_csv(),
            repr(result.source),
            view.to_frame().to_csv(),
            repr(view),
            "\n".join(view.notes),
            repr(result.applicable(lang)),
        ]
        for analysis in (distributions, rater_profiles, curve_checks):
            try:
                found = analysis(result, lang=lang)
                texts += (
                    [found.to_csv()]
                    if isinstance(found, pd.DataFrame)
                    else [found.to_frame().to_csv(), found.note]
                )
            except NotApplicable as error:
                texts.append(str(error))
    texts += [_file_text(path) for path in result.save(tmp_path / "simpan", excel=True)]
    key_file = tmp_path / "kunci.txt"
    key_file.write_text(KEY + "\n")
    out = tmp_path / "hasil"
    argv = [
        "import",
        str(EXPORTS / name),
        "--key-file",
        str(key_file),
        "--out",
        str(out),
        "--plots",
    ]
    assert main(argv + (["--map", str(mapping)] if mapping else [])) == 0
    captured = capsys.readouterr()
    texts += [captured.out, captured.err] + [_file_text(path) for path in sorted(out.iterdir())]
    assert "PG-" in "\n".join(texts)
    assert _leaks("\n".join(texts), identifiers) == []
