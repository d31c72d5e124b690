"""``kinerja-sim sensitivity`` and ``kinerja-sim simulate --replications K``: how sure are we?

``kinerja-sim sensitivity --scenario rapat-kalibrasi`` prints, in Bahasa Indonesia, each
headline answer of the scenario with its range over the assumptions it rests on and the
assumptions that drive it (Sobol indices with bootstrap intervals, or Morris mu* and sigma),
and with ``--out DIR`` writes the tables (CSV, Excel) and a tornado plot.
``--by organisation_predicate|kind|provinsi|instansi`` answers "who is hit" and ``--joint``
"how many truly Baik are rated Butuh Perbaikan", each with its range over the assumptions
(:mod:`kinerja_sim.policy.sensitivity_groups`); there ``--out`` is one .csv or .xlsx file.
``kinerja-sim simulate --replications K`` (K ≥ 2) gives every answer of ``simulate`` with a
95% interval over K independent workforces (sampling only; :func:`run_replications`).
"""

from __future__ import annotations

from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_int

__all__ = ["register", "run_replications"]


def register(subparsers) -> None:
    """Add the ``sensitivity`` sub-command."""
    parser = subparsers.add_parser(
        "sensitivity",
        help="seberapa yakin? jawaban kebijakan di seluruh rentang asumsi (SALib: Sobol, Morris)",
    )
    parser.add_argument(
        "--scenario",
        default=None,
        metavar="FILE",
        help="skenario bawaan (mis. praktik-saat-ini, rapat-kalibrasi) atau berkas YAML isian "
        "Scenario (bawaan: praktik saat ini)",
    )
    parser.add_argument(
        "--employees",
        type=int,
        default=20_000,
        help=(
            "pegawai per simulasi (bawaan 20.000; "
            "porsi nasional sudah stabil jauh di bawah 4,7 juta)"
        ),
    )
    parser.add_argument(
        "--workforce",
        type=int,
        default=4_700_000,
        help="jumlah ASN untuk total biaya (bawaan 4.700.000: ASN 2024)",
    )
    parser.add_argument(
        "--base",
        type=int,
        default=None,
        help="ukuran sampel dasar: Sobol N (pangkat dua; N × (k + 2) simulasi) atau jumlah "
        "lintasan Morris (N × (k + 1) simulasi); bawaan 512, dengan --by atau --joint 64",
    )
    parser.add_argument(
        "--method", choices=("sobol", "morris"), default="sobol", help="metode (bawaan sobol)"
    )
    parser.add_argument(
        "--out", default=None, metavar="DIR", help="folder (harus sudah ada) untuk tabel dan grafik"
    )
    parser.add_argument(
        "--scheduler", default=None, metavar="ADDRESS", help="alamat scheduler dask.distributed"
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="jalankan pada Dask LocalCluster dengan N pekerja"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=2024,
        help="benih acak (bawaan 2024; hasil sama untuk benih sama)",
    )
    parser.add_argument(
        "--by",
        choices=("organisation_predicate", "kind", "provinsi", "instansi"),
        default=None,
        help="siapa yang paling terdampak: per kelompok kantor, porsi yang diubah kurva dan "
        "yang sebenarnya baik dinilai negatif, dengan rentang asumsi (sampel Saltelli, "
        "--base bawaan 64)",
    )
    parser.add_argument(
        "--joint",
        action="store_true",
        help="tabel gabungan nasional dengan rentang asumsi: sebenarnya Sangat Baik/Baik "
        "dinilai tiap predikat negatif (porsi dan jumlah untuk --workforce ASN)",
    )
    parser.add_argument("--lang", choices=("id", "en"), default=None, help="bahasa (id atau en)")
    parser.set_defaults(func=_sensitivity)


def _sensitivity(args) -> int:
    from kinerja_sim.policy.scenario import Scenario, load_scenario
    from kinerja_sim.policy.sensitivity import simulate_sensitivity

    scenario = load_scenario(args.scenario) if args.scenario else Scenario()
    if args.by is not None or args.joint:
        return _groups(args, scenario)
    if args.out is not None:
        from pathlib import Path

        if not Path(args.out).is_dir():
            raise FileNotFoundError(t("sensitivity.error.no_folder", args.lang, path=args.out))
    study = simulate_sensitivity(
        scenario,
        employees=args.employees,
        workforce=args.workforce,
        base=512 if args.base is None else args.base,
        method=args.method,
        workers=args.workers,
        scheduler=args.scheduler,
        rng=args.seed,
    )
    for line in study.report_lines(args.lang):
        print(line)
    seconds = number(study.seconds, 1, trim=False, grouping=False, lang=args.lang)
    print(t("sensitivity.seconds", args.lang, seconds=seconds))
    if args.out is not None:
        study.write(args.out, args.lang)
        print(t("sensitivity.written", args.lang, path=args.out))
    return 0


def _groups(args, scenario) -> int:
    """``sensitivity --by`` and ``--joint``: who is hit, and the joint table, with ranges."""
    from pathlib import Path

    from kinerja_sim.policy.sensitivity_groups import (
        group_sensitivity,
        joint_sensitivity,
        write_table,
    )

    if args.by is not None and args.joint:
        raise ValueError(t("sensitivity.groups.not_both", args.lang))
    if args.out is not None and Path(args.out).suffix.lower() not in (".csv", ".xlsx"):
        raise ValueError(t("sensitivity.groups.out_file", args.lang))
    if args.out is not None and not Path(args.out).parent.is_dir():
        raise FileNotFoundError(
            t("sensitivity.error.no_folder", args.lang, path=Path(args.out).parent)
        )
    base = 64 if args.base is None else args.base
    if args.joint:
        study = joint_sensitivity(
            scenario, employees=args.employees, workforce=args.workforce, base=base, rng=args.seed
        )
    else:
        study = group_sensitivity(
            scenario, args.by, employees=args.employees, base=base, rng=args.seed
        )
    for line in study.report_lines(args.lang):
        print(line)
    seconds = number(study.seconds, 1, trim=False, grouping=False, lang=args.lang)
    print(t("sensitivity.seconds", args.lang, seconds=seconds))
    if args.out is not None:
        write_table(study.table, args.out, args.lang)
        print(t("sensitivity.groups.written", args.lang, path=args.out))
    return 0


def run_replications(args, scenario) -> int:
    """``simulate --replications K``: every answer with a 95% interval over K workforces.

    Each replication is a fresh workforce of ``--employees`` (``policy.replicate``), so the
    interval shows the sampling uncertainty of one answer at this size; the uncertainty
    from the assumptions is ``kinerja-sim sensitivity``'s. Fewer than 2 is refused: one
    replication gives no interval.
    """
    from kinerja_sim.policy.compare import replicate, summarise_replications
    from kinerja_sim.policy.outcomes import format_value

    k = check_int("replications", args.replications)
    if k < 2:
        raise ValueError(t("sensitivity.replications.refused", args.lang, value=k))
    dask = {"workers": args.workers, "scheduler": args.scheduler}
    raw = replicate(
        scenario,
        employees=args.employees,
        replications=k,
        chunk_size=args.chunk_size,
        progress=args.progress,
        rng=args.seed,
        **{key: value for key, value in dask.items() if value is not None},
    )
    table = summarise_replications(raw, lang=args.lang)
    count = lambda value: format_value("count", value, args.lang)  # noqa: E731
    print(
        t(
            "sensitivity.replications.header",
            args.lang,
            scenario=scenario.name,
            replications=count(k),
            employees=count(args.employees),
        )
    )
    width = int(table["label"].str.len().max())
    for row in table.itertuples():
        value = lambda v, m=row.metric: format_value(m, v, args.lang)  # noqa: E731
        text = t(
            "sensitivity.replications.row",
            args.lang,
            estimate=value(row.estimate),
            low=value(row.ci_low),
            high=value(row.ci_high),
            sd=value(row.sd),
        )
        print(f"  {row.label:<{width}}  {text}")
    return 0
