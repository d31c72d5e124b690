"""``kinerja-sim simulate`` and ``kinerja-sim report``: the policy simulation on the command line.

``kinerja-sim simulate --employees 4700000 --seed 1`` prints a summary table of the status
quo (current practice, no curve); ``--curve``, ``--trained-share``, ``--calibration`` and
``--raters-per-employee`` add the policy options;
``--by organisation_predicate|kind|kabupaten|provinsi``
adds who is hit per group (``kinerja_sim.policy.breakdown``); every run prints its seed and the
joint table of true against given predicates; under each headline answer of a built-in
scenario (fields compared, not names: ``--calibration`` on the status quo is
``rapat-kalibrasi``) its range over the documented assumptions and the assumptions that drive
it, and for any other scenario a line saying its figures vary sampling noise only
(``kinerja_sim.policy.assumption_notes``); ``--out FILE.parquet`` (with the seed, the
scenario's parameters and the kit's version in its metadata) or ``--out FILE.csv`` writes the
per-office results (``kinerja_sim.policy.runs``); ``--workers N`` or ``--scheduler ADDRESS``
runs the chunks on Dask with the same results.
``kinerja-sim report FILE`` runs the policy notebook on a study file and writes HTML.
"""

from __future__ import annotations

import time

from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim.policy.breakdown import BREAKDOWN_BY
from kinerja_sim.policy.outcomes import format_value

__all__ = ["register"]


def register(subparsers) -> None:
    """Add the ``simulate`` and ``report`` sub-commands."""
    sim = subparsers.add_parser(
        "simulate", help="simulasi kebijakan untuk seluruh ASN (per kantor, bertahap)"
    )
    sim.add_argument(
        "--employees", type=int, default=4_700_000, help="jumlah pegawai (bawaan 4.700.000)"
    )
    sim.add_argument(
        "--rules",
        default=None,
        help="aturan: nama bawaan atau berkas YAML (bawaan permenpanrb-6-2022)",
    )
    sim.add_argument(
        "--scenario",
        default=None,
        metavar="FILE",
        help="skenario bawaan (praktik-saat-ini, kurva-distribusi, latih-semua, rapat-kalibrasi, "
        "penilaian-360) atau berkas YAML isian Scenario",
    )
    sim.add_argument(
        "--seed", type=int, default=None, help="benih acak (hasil sama untuk benih sama)"
    )
    curve = sim.add_mutually_exclusive_group()
    curve.add_argument(
        "--curve",
        dest="enforce_curve",
        action="store_true",
        default=None,
        help="terapkan kurva distribusi (opsi kebijakan; praktik saat ini tanpa kurva)",
    )
    curve.add_argument(
        "--no-curve",
        dest="enforce_curve",
        action="store_false",
        help="tanpa kurva distribusi (bawaan, seperti praktik saat ini)",
    )
    sim.add_argument(
        "--trained-share", type=float, default=None, help="porsi penilai yang dilatih (0-1)"
    )
    sim.add_argument(
        "--raters-per-employee", type=int, default=None, help="1 = atasan saja; >1 = 360 derajat"
    )
    sim.add_argument(
        "--calibration", action="store_true", default=None, help="rapat kalibrasi per kabupaten"
    )
    sim.add_argument(
        "--chunk-size", type=int, default=250_000, help="pegawai per bagian (bawaan 250.000)"
    )
    sim.add_argument(
        "--workers", type=int, default=None, help="jalankan pada Dask LocalCluster dengan N pekerja"
    )
    sim.add_argument(
        "--processes", action="store_true", help="setiap pekerja LocalCluster dalam proses sendiri"
    )
    sim.add_argument(
        "--scheduler", default=None, metavar="ADDRESS", help="alamat scheduler dask.distributed"
    )
    sim.add_argument(
        "--out",
        default=None,
        metavar="FILE",
        help="tulis hasil per kantor: .parquet (dengan benih, isian skenario dan versi) atau .csv; "
        "foldernya harus sudah ada",
    )
    sim.add_argument(
        "--by",
        default=None,
        choices=BREAKDOWN_BY,
        help="jawaban utama per kelompok kantor, yang paling terkena lebih dulu",
    )
    sim.add_argument(
        "--top",
        type=int,
        default=15,
        help="jumlah kelompok yang ditampilkan untuk --by (bawaan 15)",
    )
    sim.add_argument(
        "--region",
        default=None,
        metavar="DIR",
        help="simulasikan unit kerja wilayah Anda sendiri (DIR = folder hasil kinerja-sim import)",
    )
    bar = sim.add_mutually_exclusive_group()
    bar.add_argument(
        "--progress",
        dest="progress",
        action="store_true",
        default=None,
        help="selalu tampilkan bilah kemajuan",
    )
    bar.add_argument(
        "--no-progress", dest="progress", action="store_false", help="tanpa bilah kemajuan"
    )
    sim.add_argument("--lang", choices=("id", "en"), default=None, help="bahasa tabel (id atau en)")
    sim.add_argument(
        "--replications",
        type=int,
        default=None,
        metavar="K",
        help=(
            "K >= 2 ulangan: setiap jawaban dengan selang 95%% (kinerja_sim.policy.sensitivity_cli)"
        ),
    )
    sim.set_defaults(func=_simulate)
    report = subparsers.add_parser(
        "report", help="laporan HTML skenario kebijakan dari berkas YAML"
    )
    report.add_argument("file", metavar="FILE", help="berkas studi skenario (YAML)")
    report.add_argument(
        "--out", default="reports", metavar="DIR", help="folder laporan (bawaan reports/)"
    )
    report.add_argument(
        "--sensitivity-base",
        type=_power_of_two,
        default=None,
        metavar="N",
        help=(
            "sampel dasar bagian 'Seberapa yakin' (pangkat dua; bawaan 64, cepat tetapi kasar; "
            "4096 memberi indeks Sobol dalam ±0,05, sekitar 15 menit per skenario)"
        ),
    )
    report.set_defaults(func=_report)


def _power_of_two(text: str) -> int:
    """A base sample for Sobol (a power of two, at least 16), or an Indonesian refusal."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 16 or value & (value - 1):
        raise argparse.ArgumentTypeError(t("policy.report.bad_base", value=text))
    return value


def _scenario(args):
    from kinerja_sim.policy.scenario import load_scenario, scenario_from_mapping

    fields = load_scenario(args.scenario).to_dict() if args.scenario else {}
    flags = {
        "rules": args.rules,
        "enforce_curve": args.enforce_curve,
        "trained_share": args.trained_share,
        "raters_per_employee": args.raters_per_employee,
        "calibration": args.calibration,
    }
    given = {key: value for key, value in flags.items() if value is not None}
    base = scenario_from_mapping(fields, where=args.scenario or "scenario")
    changed = {key: value for key, value in given.items() if getattr(base, key) != value}
    if changed and "name" not in changed:
        given["name"] = _name_with_options(base.name, changed)
    fields.update(given)
    return scenario_from_mapping(fields, where=args.scenario or "scenario")


def _name_with_options(name: str, changed: dict) -> str:
    """The scenario's name with the options given on the command line, e.g.
    ``praktik-saat-ini+kurva``."""
    parts = {
        "rules": lambda v: str(v).removesuffix(".yaml"),
        "enforce_curve": lambda v: "kurva" if v else "tanpa-kurva",
        "trained_share": lambda v: f"latih-{round(100 * v)}",
        "raters_per_employee": lambda v: f"360-{v}",
        "calibration": lambda v: "kalibrasi" if v else "tanpa-kalibrasi",
    }
    return "+".join([name, *(parts[key](value) for key, value in changed.items())])


def _keep_freed_memory() -> None:
    """Let glibc's allocator keep freed chunk-sized arrays for the next chunk (this process only).

    Every chunk allocates the same few arrays of several MB; by default glibc returns each to
    the operating system when it is freed and the next chunk faults the pages in again (a
    tenth of the run in system time). A command-line run is short and its peak is set by one
    chunk, so keeping them costs no memory beyond that peak. Not done in ``simulate()``
    itself, which also runs in long-lived notebook kernels. No effect off glibc.
    """
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return
    megabyte = 1024 * 1024
    mallopt(-3, 32 * megabyte)  # M_MMAP_THRESHOLD: chunk arrays from the heap, not fresh mappings
    mallopt(-1, 256 * megabyte)  # M_TRIM_THRESHOLD: keep freed heap for the next chunk
    mallopt(-2, 64 * megabyte)  # M_TOP_PAD: grow the heap in large steps


#: Whole-number options of ``simulate``: name -> (minimum, maximum), checked before the run.
_LIMITS = {
    "employees": (1, 50_000_000),
    "chunk_size": (1_000, 50_000_000),
    "workers": (1, 256),
    "top": (1, 100_000),
}


def _check_options(args) -> None:
    """Every out-of-range option at once, in the catalogue's language, before anything runs."""
    problems = []
    for name, (low, high) in _LIMITS.items():
        value = getattr(args, name, None)
        if value is not None and not low <= value <= high:
            option = "--" + name.replace("_", "-")
            problems.append(t("analyst.cli.range", option=option, value=value, low=low, high=high))
    if problems:
        raise ValueError("; ".join(problems))


def _simulate(args) -> int:
    from kinerja_sim.policy.breakdown import breakdown_lines, joint_lines
    from kinerja_sim.policy.runs import check_out_path
    from kinerja_sim.policy.simulate import simulate

    _check_options(args)
    if args.out:
        check_out_path(args.out)  # before the run, not after it
    if args.workers is None and args.scheduler is None:
        _keep_freed_memory()
    scenario = _scenario(args)
    if args.region:  # the region's own units (kinerja_sim.policy.region)
        from kinerja_sim.policy.region import run_cli

        return run_cli(args, scenario)
    if args.replications is not None:
        from kinerja_sim.policy.sensitivity_cli import run_replications

        return run_replications(args, scenario)
    started = time.perf_counter()
    result = simulate(
        scenario,
        employees=args.employees,
        chunk_size=args.chunk_size,
        workers=args.workers,
        processes=args.processes,
        scheduler=args.scheduler,
        progress=args.progress,
        rng=args.seed,
    )
    elapsed = time.perf_counter() - started
    offices = result.offices
    by = (
        breakdown_lines(offices, args.by, result.keys, lang=args.lang, top=args.top)
        if args.by
        else []
    )  # a grouping the world lacks is refused before anything is printed
    count = lambda value: format_value("count", value, args.lang)  # noqa: E731
    print(
        t(
            "policy.simulate.header",
            args.lang,
            employees=count(args.employees),
            offices=count(len(offices)),
            kabupaten=count(offices["kabupaten_id"].nunique()),
            scenario=scenario.name,
            rules=scenario.rules,
        )
    )
    summary = result.summary(args.lang)
    notes, closing = _assumption_notes(args, scenario, summary)
    width = int(summary["label"].str.len().max())
    for row in summary.itertuples():
        print(f"  {row.label:<{width}}  {row.text:>22}")
        if row.metric in notes:  # one run varies sampling noise only: say what decides it
            print(f"      {notes[row.metric]}")
    seconds = number(elapsed, 1, trim=False, grouping=False, lang=args.lang)
    print(f"  {t('policy.simulate.seconds', args.lang):<{width}}  {seconds:>22}")
    print(f"  {t('analyst.simulate.seed', args.lang):<{width}}  {result.run['seed']:>22}")
    for line in closing:
        print(f"  {line}")
    print()
    print("\n".join(joint_lines(offices, result.keys, scenario.categories, lang=args.lang)))
    if by:
        print()
        print("\n".join(by))
    if args.out:
        path = result.to_parquet(args.out)
        print(t("policy.simulate.written", args.lang, path=path))
    return 0


def _assumption_notes(args, scenario, summary):
    """Per headline answer its range over the assumptions, and the closing lines
    (``kinerja_sim.policy.assumption_notes``)."""
    from kinerja_sim.policy.assumption_notes import assumption_notes
    from kinerja_sim.policy.scenario import load_scenario

    source = None  # a --scenario file not changed by flags: the sensitivity command takes it
    if args.scenario and load_scenario(args.scenario) == scenario:
        source = args.scenario
    return assumption_notes(
        scenario, list(summary["metric"]), employees=args.employees, source=source, lang=args.lang
    )


def _report(args) -> int:
    from kinerja_sim.policy.report import run_report

    path = run_report(args.file, out=args.out, sensitivity_base=args.sensitivity_base)
    print(t("policy.report.written", path=path))
    return 0
