"""``kinerja-sim certificates``, ``kinerja-sim record`` and ``kinerja-sim handouts``.

``kinerja-sim certificates --store FILE --info lokakarya.yaml`` saves the workshop's title,
organiser, place, dates and JP in the store (a YAML file, keys ``title``, ``organiser``,
``place``, ``start``, ``end``, ``hours`` and optionally ``secret``);
``--trainee NAME --confirm-name "..." [--nip NIP] [--consent]`` saves one trainee's details
(e.g. from the signed attendance list); ``--out DIR`` writes the certificates;
``--verify CODE`` checks a code (exit 1 when it is not valid). The options combine: info, then
details, then certificates. ``kinerja-sim record --store FILE --out FILE.csv|.xlsx`` writes the
training record; ``kinerja-sim handouts --out DIR`` the printable handouts.
"""

from __future__ import annotations

import sys

from kinerja_sim._core.i18n import t

__all__ = ["register"]


def register(subparsers) -> None:
    """Add the ``certificates``, ``record`` and ``handouts`` sub-commands."""
    cert = subparsers.add_parser(
        "certificates", help="sertifikat peserta (PDF) dengan kode verifikasi, dan pemeriksaannya"
    )
    cert.add_argument("--store", required=True, metavar="FILE", help="berkas jawaban (SQLite)")
    cert.add_argument(
        "--info", metavar="FILE", help="simpan info lokakarya dari berkas YAML ke berkas jawaban"
    )
    cert.add_argument("--trainee", metavar="NAME", help="peserta (nama saat masuk aplikasi)")
    cert.add_argument("--confirm-name", metavar="TEXT", help="nama peserta untuk sertifikat")
    cert.add_argument("--nip", default=None, help="NIP peserta (18 angka, boleh kosong)")
    cert.add_argument(
        "--consent", action="store_true", help="peserta setuju hasilnya dicetak di sertifikat"
    )
    cert.add_argument("--out", metavar="DIR", help="folder untuk sertifikat PDF")
    cert.add_argument("--verify", metavar="CODE", help="periksa kode verifikasi sertifikat")
    cert.set_defaults(func=_certificates)

    record = subparsers.add_parser(
        "record", help="catatan pelatihan (CSV atau Excel) untuk instansi"
    )
    record.add_argument("--store", required=True, metavar="FILE", help="berkas jawaban (SQLite)")
    record.add_argument("--out", required=True, metavar="FILE", help="berkas .csv atau .xlsx")
    record.set_defaults(func=_record)

    handouts = subparsers.add_parser("handouts", help="bahan cetak hari pelatihan (PDF)")
    handouts.add_argument("--out", required=True, metavar="DIR", help="folder untuk PDF")
    handouts.add_argument(
        "--rules", default="permenpanrb-6-2022", help="aturan matriks dan kurva (nama atau YAML)"
    )
    handouts.set_defaults(func=_handouts)


def _certificates(args) -> int:
    from kinerja_sim.pack import certificates as pack
    from kinerja_sim.training import workshop_info

    if args.verify is not None:
        result = pack.verify(args.verify, args.store)
        print("\n".join(pack.describe(result)))
        return 0 if result.valid else 1
    if (args.trainee is None) != (args.confirm_name is None):
        raise ValueError(t("pack.cli.trainee_pair"))
    if args.info is None and args.trainee is None and args.out is None:
        raise ValueError(t("pack.cli.nothing_to_do"))
    if args.info is not None:
        info = workshop_info.save_workshop_info(args.store, workshop_info.read_info_file(args.info))
        print(t("pack.cli.info_saved", title=info.title, hours=info.hours))
    if args.trainee is not None:
        details = workshop_info.set_trainee_details(
            args.store,
            args.trainee,
            confirmed_name=args.confirm_name,
            nip=args.nip,
            consent=args.consent,
        )
        print(t("pack.cli.details_saved", trainee=details.trainee, name=details.confirmed_name))
    if args.out is not None:
        files = pack.write_certificates(args.store, args.out)
        print(t("pack.cli.certificates_written", n=len(files), folder=args.out))
    return 0


def _record(args) -> int:
    from kinerja_sim.pack.record import write_record

    path = write_record(args.store, args.out)
    print(t("pack.cli.record_written", path=path))
    return 0


def _handouts(args) -> int:
    from kinerja_sim.pack.handouts import write_handouts

    files = write_handouts(args.out, rules=args.rules)
    print(t("pack.cli.handouts_written", n=len(files), folder=args.out))
    for path in files:
        print(f"  {path.name}", file=sys.stdout)
    return 0
