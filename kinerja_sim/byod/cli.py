"""``kinerja-sim import``: read an export, write only pseudonymised tables and analyses.

    kinerja-sim import --new-key ~/rahasia/kunci.txt          # once: make a key file
    kinerja-sim import ekspor.xlsx --key-file ~/rahasia/kunci.txt --out hasil/ [--fit] [--plots]
    kinerja-sim import rekap.xls --key-file KEY --out hasil/ --map peta.yaml   # your own headers
    kinerja-sim import skp.json --key-file KEY --out hasil/ --format siasn-skp22
    kinerja-sim import --formats                               # list the format presets

The key is read from a file (``--key-file``) or an environment variable (``--key-env``),
never from the command line, where other users of the machine could see it. Written:
``data.csv``, ``masalah.csv``, ``ringkasan.txt``, ``sebaran.csv`` (label shares per unit),
``penilai.csv`` (raters against their peers and against the whole file), ``unit_kerja.csv``
(each unit against the rest of the file: its size, kind, organisation predicate, and whether it is
lenient as a whole), ``kurva.csv`` (curve check per unit), ``nasional.csv`` (the file's predicate
and rating shares beside the national figures, with their sources); with ``--excel`` also
``data.xlsx``; with ``--fit`` ``parameter_fit.csv`` (what the file can and cannot identify, the
sample it would need, the value used) and ``kecocokan_fit.csv``; with ``--plots`` PNG figures.
The CSV headers are in Bahasa Indonesia (``kinerja_sim/data/kolom_impor.yaml`` names each one
after its column in the API), numbers rounded to 4 decimals, true/false as "ya"/"tidak".
The comparison with the nation, the units that differ and the fit are printed in short.
``kinerja-sim simulate --region DIR`` then simulates the region's own units.
An analysis that the file cannot support (no rater column, no unit, PP 46 scores for the curve)
is skipped with one sentence saying why; the others still run.
"""

from __future__ import annotations

import os
from pathlib import Path

from kinerja_sim._core.i18n import t
from kinerja_sim._core.sheets import write_csv

__all__ = ["register"]


def register(subparsers) -> None:
    """Add the ``import`` sub-command."""
    parser = subparsers.add_parser(
        "import",
        help="baca ekspor penilaian (CSV/Excel) dan tulis data bernama samaran",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument(
        "file", nargs="?", help="berkas ekspor: .csv, .txt, .tsv, .xlsx, .xls atau .json"
    )
    parser.add_argument(
        "--key-file", help="berkas berisi kunci nama samaran (buat dengan --new-key)"
    )
    parser.add_argument("--key-env", help="nama variabel lingkungan yang berisi kunci")
    parser.add_argument("--new-key", metavar="PATH", help="buat berkas kunci baru lalu selesai")
    parser.add_argument("--out", help="folder hasil")
    parser.add_argument(
        "--map",
        metavar="PETA.yaml",
        help="peta kolom Anda (YAML: columns: {judul: bidang}, values: {bidang: {nilai: label}})",
    )
    parser.add_argument(
        "--format", help="paksa format (lihat --formats); bawaan: dikenali dari judul kolom"
    )
    parser.add_argument(
        "--formats", action="store_true", help="tampilkan format yang dikenal lalu selesai"
    )
    parser.add_argument(
        "--sheet", help="nama lembar Excel (bawaan: lembar pertama yang memuat kolom wajib)"
    )
    parser.add_argument("--encoding", help="paksa pengodean teks, mis. cp1252")
    parser.add_argument(
        "--pseudonymise-units", action="store_true", help="ganti nama unit kerja dengan UK-…"
    )
    parser.add_argument("--excel", action="store_true", help="tulis juga data.xlsx")
    parser.add_argument(
        "--fit", action="store_true", help="sesuaikan simulasi dengan data (beberapa detik)"
    )
    parser.add_argument("--plots", action="store_true", help="tulis gambar PNG")
    parser.add_argument(
        "--seed", type=int, default=2025, help="benih acak untuk --fit (bawaan 2025)"
    )
    parser.set_defaults(func=_run)


def _key(args):
    from kinerja_sim.byod.read import read_key

    if args.key_file:
        return read_key(args.key_file)
    if args.key_env:
        value = os.environ.get(args.key_env, "")
        if not value:
            raise ValueError(t("byod.key_missing", n=16))
        return value
    raise ValueError(t("byod.key_missing", n=16))


def _new_key(path: Path) -> int:
    from kinerja_sim.byod.read import new_key

    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(new_key() + "\n")
    print(t("byod.cli.key_written", name=path))
    return 0


def _formats() -> int:
    from kinerja_sim.byod.formats import presets

    for name, preset in presets().items():
        sources = (
            "; ".join(f"{s.get('repo')}:{s.get('path')}" for s in preset.sources)
            or "column_mapping.yaml"
        )
        print(f"{name}: {preset.title} [{preset.regime}, {preset.confidence}]\n    {sources}")
    return 0


def _run(args) -> int:
    if args.new_key:
        return _new_key(Path(args.new_key))
    if args.formats:
        return _formats()
    if not args.file or not args.out:
        raise ValueError(
            "kinerja-sim import FILE --key-file KEY --out DIR [--map PETA.yaml] (atau --new-key "
            "PATH)"
        )
    from kinerja_sim.byod import analysis
    from kinerja_sim.byod.read import read_appraisals

    sheet = int(args.sheet) if args.sheet and args.sheet.isdigit() else args.sheet
    result = read_appraisals(
        args.file,
        key=_key(args),
        columns=args.map,
        format=args.format,
        sheet=sheet,
        encoding=args.encoding,
        pseudonymise_units=args.pseudonymise_units,
    )
    folder = Path(args.out)
    written = result.save(folder, excel=args.excel)
    applicable = result.applicable()
    runs = {
        "sebaran.csv": ("distributions", analysis.distributions),
        "penilai.csv": ("rater_profiles", analysis.rater_profiles),
        "kurva.csv": ("curve_checks", lambda data: analysis.curve_checks(data).to_frame()),
    }
    tables = {name: run(result) for name, (key, run) in runs.items() if not applicable[key]}
    if result.has("unit_kerja"):
        tables["unit_kerja.csv"] = analysis.unit_profiles(result)
    comparison = None
    if result.regime != "pp-46-2011":
        from kinerja_sim.byod.national import national_comparison

        comparison = national_comparison(result)
    fit = None
    skipped = []
    if args.fit and not applicable["fit"]:
        from kinerja_sim.byod.fit import fit_simulation
        from kinerja_sim.byod.read import NotApplicable

        try:
            fit = fit_simulation(result, rng=args.seed)
        except NotApplicable as reason:  # too few raters: said, and the rest is still written
            skipped.append(t("byod.cli.fit_skipped", reason=reason))
        else:
            tables["parameter_fit.csv"] = fit.parameters
            tables["kecocokan_fit.csv"] = fit.distributions
    for name, table in tables.items():
        write_table(table, folder / name)
        written.append(folder / name)
    if comparison is not None:
        write_csv(comparison, folder / "nasional.csv")
        written.append(folder / "nasional.csv")
    if args.plots:
        written += _plots(
            result, tables.get("penilai.csv"), fit, folder, tables.get("unit_kerja.csv")
        )
    print(result.summary())
    for note in result.view().notes:
        print(f"- {note}")
    _print_findings(comparison, tables, fit)
    for line in skipped:
        print(line)
    print(t("byod.cli.wrote", folder=folder, files=", ".join(path.name for path in written)))
    return 0


def write_table(table, path: Path) -> None:
    """Write an analysis table as CSV with Indonesian headers (``data/kolom_impor.yaml``),
    numbers rounded to 4 decimals and true/false as "ya"/"tidak"."""
    import pandas as pd

    from kinerja_sim._core.data import read_yaml

    names = read_yaml("kolom_impor.yaml").get(path.name, {})
    out = table.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map(
                {True: t("byod.national.yes"), False: t("byod.national.no")}
            )
        elif pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(4)
    write_csv(out.rename(columns=names), path)


def _print_findings(comparison, tables, fit) -> None:
    """The comparison with the nation, the units and raters that differ, and the fit, in short."""
    from kinerja_sim.byod.national import comparison_text

    if comparison is not None:
        print(comparison_text(comparison))
    else:
        print(t("byod.cli.no_national", reason=t("byod.analysis.only_2022")))
    units = tables.get("unit_kerja.csv")
    if units is not None:
        flagged = units[units["flag_lenient_unit"]]
        lenient = flagged.loc[flagged["difference"] > 0, "unit_kerja"].tolist()
        strict = flagged.loc[flagged["difference"] < 0, "unit_kerja"].tolist()
        print(
            t(
                "byod.cli.units",
                units=len(units),
                lenient=", ".join(lenient) or "-",
                strict=", ".join(strict) or "-",
            )
        )
    raters = tables.get("penilai.csv")
    if raters is not None:
        print(
            t(
                "byod.cli.raters",
                raters=len(raters),
                unit=int(raters["flag_leniency"].sum()),
                file=int(raters["flag_leniency_file"].sum()),
            )
        )
    if fit is not None:
        print(fit.report())


def _plots(result, profiles, fit, folder: Path, units=None) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from kinerja_sim.byod import plots

    figures = {"predikat_per_unit.png": plots.plot_distributions(result).figure}
    if profiles is not None:
        figures["penilai_vs_rekan.png"] = plots.plot_rater_leniency(profiles).figure
    if units is not None and units["difference_se"].notna().any():
        figures["unit_vs_unit_lain.png"] = plots.plot_units(units).figure
    if fit is not None:
        figures["kecocokan_fit.png"] = plots.plot_fit(fit)
    for name, figure in figures.items():
        figure.savefig(folder / name, dpi=90)
        plt.close(figure)
    return [folder / name for name in figures]
