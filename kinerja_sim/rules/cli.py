"""``kinerja-sim rules``: list, show and check rule sets.

``kinerja-sim rules check FILE`` exits 0 for a valid file, or 2 with one line per problem
naming the field and what was expected; never a traceback.
"""

from __future__ import annotations

import sys

from kinerja_sim._core.i18n import t

__all__ = ["register"]


def register(subparsers) -> None:
    """Add the ``rules`` sub-command (with ``list``, ``show`` and ``check``)."""
    parser = subparsers.add_parser(
        "rules", help="aturan penilaian: lihat dan periksa berkas aturan"
    )
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    listing = actions.add_parser("list", help="daftar aturan bawaan")
    listing.set_defaults(func=_list)
    show = actions.add_parser("show", help="tampilkan satu aturan (nama bawaan atau berkas YAML)")
    show.add_argument("name", help="permenpanrb-6-2022, pp-30-2019, pp-46-2011 atau path berkas")
    show.set_defaults(func=_show)
    check = actions.add_parser("check", help="periksa berkas aturan YAML")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.set_defaults(func=_check)


def _list(args) -> int:
    from kinerja_sim import rules

    for name in rules.available():
        print(f"{name}\t{rules.load(name).title}")
    return 0


def _show(args) -> int:
    from kinerja_sim import rules

    rule_set = rules.load(args.name)
    print(f"# {rule_set.name}: {rule_set.title}")
    for row in rule_set.confidence().itertuples():
        print(f"#   {row.rule:<22} {row.confidence:<10} {row.source}")
    print(rule_set.describe(), end="")
    return 0


def _check(args) -> int:
    from kinerja_sim import rules

    status = 0
    for path in args.files:
        try:
            spec = rules.read_spec(path)
        except (ValueError, OSError) as error:
            print(
                str(error)
                if isinstance(error, ValueError)
                else f"{path}: {error.strerror or error}",
                file=sys.stderr,
            )
            status = 2
            continue
        problems = rules.validate(spec)
        for problem in problems:
            print(f"{path}: {problem}", file=sys.stderr)
        if problems:
            status = 2
        else:
            print(t("rules.check.ok", path=path, name=spec["name"]))
    return status
