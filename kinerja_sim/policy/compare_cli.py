"""``kinerja-sim compare A.parquet B.parquet``: what differs between two simulation runs.

Both files are results of ``kinerja-sim simulate --out FILE.parquet``. The command prints the
recorded fields that differ (the scenario's parameters, the seed, the kit's version, the
number of employees), the headline answers of both runs with their difference (B minus A),
and the difference of their joint tables of true against given predicates, in Bahasa
Indonesia (``--lang en`` for English). ``kinerja_sim.policy.compare`` stays the API that
compares scenarios with replications.
"""

from __future__ import annotations

__all__ = ["register"]


def register(subparsers) -> None:
    """Add the ``compare`` sub-command."""
    parser = subparsers.add_parser(
        "compare", help="bandingkan dua hasil simulate --out (.parquet): isian dan jawaban utama"
    )
    parser.add_argument("a", metavar="A.parquet", help="hasil pertama (pembanding)")
    parser.add_argument("b", metavar="B.parquet", help="hasil kedua")
    parser.add_argument("--lang", choices=("id", "en"), default=None, help="bahasa (id atau en)")
    parser.set_defaults(func=_compare)


def _compare(args) -> int:
    from kinerja_sim._core.format import number
    from kinerja_sim._core.i18n import t
    from kinerja_sim.policy.runs import (
        compare_runs,
        joint_difference,
        metadata_differences,
        read_run,
    )

    lang = args.lang
    a, b = read_run(args.a), read_run(args.b)
    count = lambda v: number(v, 0, lang=lang)  # noqa: E731
    n_a, n_b = int(a.offices["n"].sum()), int(b.offices["n"].sum())
    print(t("analyst.compare.header", lang, a=a.name, a_n=count(n_a), b=b.name, b_n=count(n_b)))
    fields = metadata_differences(a, b)
    if fields.empty:
        print(t("analyst.compare.same_fields", lang))
    else:
        print(t("analyst.compare.fields", lang))
        width = int(fields["field"].str.len().max())
        for row in fields.itertuples():
            print(f"  {row.field:<{width}}  A: {row.a}   B: {row.b}")
    print()
    print(t("analyst.compare.answers", lang))
    table = compare_runs(a, b, lang=lang)
    width = int(table["label"].str.len().max())
    for row in table.itertuples():
        print(
            f"  {row.label:<{width}}  {row.a_text:>18}  {row.b_text:>18}  {row.difference_text:>20}"
        )
    try:
        joint = joint_difference(a, b)
    except ValueError as error:
        print(f"\n{error}")
        return 0
    print()
    print(t("analyst.compare.joint", lang))
    cells = joint.map(lambda v: ("+" if v > 0 else "") + count(v))
    cells.index = [f"  {label}" for label in cells.index]
    cells.index.name, cells.columns.name = t("analyst.joint.true", lang), None
    print(cells.to_string())
    if n_a != n_b:
        print(t("analyst.compare.sizes_differ", lang))
    return 0
