"""The day on paper: printable PDFs for a room that works partly without screens.

:func:`write_handouts` writes into one folder:

- ``01_jadwal.pdf``: the day's agenda, the timings of the facilitator's guide
  (``notebooks/README.md``, "Jadwal satu hari", kept as data in ``data/agenda.yaml``);
- ``02_matriks_dan_kurva.pdf``: the predicate matrix and the distribution curve of the rule set
  in force (:func:`kinerja_sim.rules.load`), each with its confidence and source, and the
  curve's quotas worked out for teams of 5, 10, 20 and 30 with the rule set's own rounding;
- ``03_panduan_berakhlak.pdf``: the 21 behaviour guides of the seven BerAKHLAK values
  (``data/berakhlak.csv``, SE MenPAN-RB 20/2021);
- ``kasus_<case id>.pdf`` for each shared case of the workshop (the cases every trainee gets in
  exercise 02, :func:`kinerja_sim.training.exercises.scoring.make_cases`, from the workshop's
  code ``KINERJA_SIM_WORKSHOP``): the case file as the app shows it (no truth), followed by an
  answer sheet with boxes for the trainee's name and personal code and one score box per
  dimension (1–5, a decimal allowed), under the case's id, so the facilitator can type the
  sheet into the dashboard afterwards under the trainee's identity.

Nothing identifying is in the handouts: the cases are synthetic employees.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kinerja_sim import rules as rule_sets
from kinerja_sim._core.data import read_text, read_yaml
from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim.cases.casefile import case_employee
from kinerja_sim.pack.paper import paper_cases
from kinerja_sim.pack.pdf import Document
from kinerja_sim.rules import ORGANISATION_PREDICATES, PREDICATES, RATINGS, capaian
from kinerja_sim.training.exercises import scoring
from kinerja_sim.world.dimensions import BERAKHLAK, DIMENSION_LABELS, DIMENSIONS

__all__ = [
    "TEAM_SIZES",
    "agenda",
    "agenda_pdf",
    "berakhlak_pdf",
    "case_pdf",
    "rules_pdf",
    "write_handouts",
]

#: Team sizes of the printed curve table.
TEAM_SIZES = (5, 10, 20, 30)
_WIDE = 297 - 36  # the width of a landscape A4 page inside its margins (mm)


def agenda() -> pd.DataFrame:
    """The day's agenda: ``time``, ``notebook`` ("" for breaks and the opening), ``activity``."""
    return pd.DataFrame(read_yaml("agenda.yaml"), columns=["time", "notebook", "activity"])


def agenda_pdf(*, lang=None) -> Document:
    pdf = Document(t("pack.handout.agenda", lang), lang=lang)
    pdf.add_page()
    pdf.heading(t("pack.handout.agenda", lang), 16)
    pdf.paragraph(t("pack.handout.agenda_note", lang), 9.5, muted=True)
    rows = [[r.time, r.notebook or "—", r.activity] for r in agenda().itertuples()]
    header = [t(f"pack.handout.agenda_{c}", lang) for c in ("time", "notebook", "activity")]
    pdf.grid(header, rows, widths=(28, 60, 86), size=10)
    return pdf


def _limit_text(limit, lang) -> str:
    what = " / ".join(limit.predicates)
    parts = []
    if limit.share is not None:
        key = "pack.handout.at_most" if limit.kind == "max" else "pack.handout.at_least"
        parts.append(t(key, lang, share=number(100 * limit.share, 0, lang=lang), what=what))
    if limit.min_count:
        parts.append(t("pack.handout.at_least_count", lang, n=limit.min_count, what=what))
    return "; ".join(parts)


def _confidence(block: dict, lang) -> str:
    """HIGH, MEDIUM or ASSUMPTION in the reader's language (TINGGI, SEDANG, ASUMSI)."""
    return t(f"pack.confidence.{block['confidence']}", lang)


def rules_pdf(rule_set="permenpanrb-6-2022", *, lang=None) -> Document:
    """The predicate matrix and the curve table of ``rule_set`` (a name or a loaded rule set)."""
    rules = rule_sets.load(rule_set) if isinstance(rule_set, (str, Path)) else rule_set
    if not hasattr(rules, "matrix") or not hasattr(rules, "curve"):
        raise ValueError(t("pack.handout.no_matrix", name=getattr(rules, "name", rule_set)))
    spec = rules.spec
    pdf = Document(t("pack.handout.rules", lang), lang=lang)
    pdf.add_page()
    pdf.heading(t("pack.handout.matrix", lang), 16)
    pdf.paragraph(rules.title, 10, bold=True)
    matrix = spec["predicate_matrix"]
    pdf.paragraph(
        t(
            "pack.handout.source",
            lang,
            confidence=_confidence(matrix, lang),
            source=matrix["source"],
        ),
        8.5,
        muted=True,
    )
    header = [t("pack.handout.matrix_corner", lang), *RATINGS]
    rows = [
        [row, *(rules.matrix[RATINGS.index(row)][RATINGS.index(col)] for col in RATINGS)]
        for row in reversed(RATINGS)
    ]
    pdf.grid(header, rows, widths=(44, 43, 43, 44), size=10, first_column_bold=True)
    curve = spec["curve"]
    pdf.ln(3)
    pdf.heading(t("pack.handout.curve", lang), 16)
    pdf.paragraph(
        t("pack.handout.source", lang, confidence=_confidence(curve, lang), source=curve["source"]),
        8.5,
        muted=True,
    )
    limits = rules.curve.organisations
    rows = [
        [
            organisation,
            "\n".join(_limit_text(limit, lang) for limit in limits.get(organisation, ())),
        ]
        for organisation in ORGANISATION_PREDICATES
    ]
    header = [t("pack.handout.organisation", lang), t("pack.handout.limits", lang)]
    pdf.grid(header, rows, widths=(44, 130), size=9.5, first_column_bold=True)
    pdf.heading(t("pack.handout.quota", lang), 12)
    rounding = rules.curve.rounding
    pdf.paragraph(
        t(
            "pack.handout.rounding",
            lang,
            maximum=t(f"pack.rounding.{rounding['maximum']}", lang),
            minimum=t(f"pack.rounding.{rounding['minimum']}", lang),
        ),
        8.5,
        muted=True,
    )
    rows = []
    for organisation in ORGANISATION_PREDICATES:
        for limit in limits.get(organisation, ()):
            sign = "≤" if limit.kind == "max" else "≥"
            rows.append(
                [
                    organisation,
                    f"{sign} {' / '.join(limit.predicates)}",
                    *(str(limit.bound(n, rounding)) for n in TEAM_SIZES),
                ]
            )
    header = [
        t("pack.handout.organisation", lang),
        t("pack.handout.predicate", lang),
        *(t("pack.handout.team", lang, n=n) for n in TEAM_SIZES),
    ]
    pdf.grid(header, rows, widths=(34, 60, 20, 20, 20, 20), size=9)
    pdf.paragraph(t("pack.handout.predicates_order", lang, order=" > ".join(PREDICATES)), 8.5)
    return pdf


def berakhlak_pdf(*, lang=None) -> Document:
    """The seven BerAKHLAK values with their three behaviour guides each."""
    from io import StringIO

    guides = pd.read_csv(StringIO(read_text("berakhlak.csv")))
    pdf = Document(t("pack.handout.berakhlak", lang), lang=lang)
    pdf.add_page()
    pdf.heading(t("pack.handout.berakhlak", lang), 16)
    pdf.paragraph(t("pack.handout.berakhlak_source", lang), 8.5, muted=True)
    rows = [
        [value, "\n".join(f"{r.urutan}. {r.panduan_perilaku}" for r in group.itertuples())]
        for value, group in guides.groupby("nilai", sort=False)
    ]
    header = [t("pack.handout.value", lang), t("pack.handout.guides", lang)]
    pdf.grid(header, rows, widths=(44, 130), size=10, first_column_bold=True)
    return pdf


def _period_label(period: int, periods: int, lang) -> str:
    key = {2: "semester", 4: "quarter", 12: "month"}.get(periods, "period")
    return t(f"ui.casefile.{key}", lang, n=period)


def _case_file(pdf: Document, dataset, employee_id: str, lang) -> None:
    person = case_employee(dataset, employee_id)
    office = dataset.offices.set_index("office_id").loc[person["office_id"]]
    pdf.heading(t("ui.casefile.title", lang, name=person["name"]), 14)
    who = [
        [t("ui.casefile.nip", lang), person["nip"]],
        [
            t("ui.casefile.position", lang),
            f"{person['position']} ({person['position_type']}, {person['asn_type']}, "
            f"{person['grade']})",
        ],
        [t("ui.casefile.unit", lang), f"{person['unit']} — {office['name']}"],
    ]
    pdf.grid(["", ""], who, widths=(40, _WIDE - 40), size=9, first_column_bold=True)
    periods = sorted(int(p) for p in pd.unique(dataset.evidence["period"]))
    skp = dataset.indicators[dataset.indicators["employee_id"] == employee_id]
    evidence = dataset.evidence[dataset.evidence["employee_id"] == employee_id]
    realised = evidence[evidence["kind"] == "realisasi"].pivot_table(
        index="indicator_id", columns="period", values="value", aggfunc="first"
    )
    achieved = np.atleast_1d(
        capaian(
            skp["realisation"].to_numpy(),
            skp["target"].to_numpy(),
            direction=skp["direction"].to_numpy(),
        )
    )
    pdf.heading(t("ui.casefile.skp", lang), 11, gap=1)
    rows = []
    span = skp.groupby("rhk_id", sort=False)["rhk_id"].transform("size").to_numpy()
    first = ~skp["rhk_id"].duplicated().to_numpy()
    for i, ((_, row), achievement) in enumerate(zip(skp.iterrows(), achieved)):
        values = realised.loc[row["indicator_id"]] if row["indicator_id"] in realised.index else {}
        lower = f" ({t('ui.casefile.lower_better', lang)})" if row["direction"] == "lower" else ""
        rows.append(
            [
                (
                    f"{row['rhk']}\n{t('ui.casefile.intervenes', lang)}: {row['rhk_pimpinan']}",
                    int(span[i]),
                )
                if first[i]
                else None,
                str(row["aspect"]).capitalize(),
                f"{row['iki']}{lower}",
                f"{number(row['target'], 2, lang=lang)} {row['unit']}",
                *(number(values.get(p, np.nan), 2, lang=lang) for p in periods),
                number(row["realisation"], 2, lang=lang),
                f"{number(achievement, 1, lang=lang)}%",
            ]
        )
    header = [
        t("ui.casefile.rhk", lang),
        t("ui.casefile.aspect", lang),
        t("ui.casefile.iki", lang),
        t("ui.casefile.target", lang),
        *(_period_label(p, len(periods), lang) for p in periods),
        t("ui.casefile.annual", lang),
        t("ui.casefile.capaian", lang),
    ]
    rest = (_WIDE - 52 - 18 - 52 - 24) / (len(periods) + 2)
    widths = (52, 18, 52, 24, *([rest] * (len(periods) + 2)))
    pdf.grid(header, rows, widths=widths, size=8)
    if pdf.get_y() > pdf.h - 70:  # keep the heading with its table
        pdf.add_page()
    pdf.heading(t("ui.casefile.behaviour", lang), 11, gap=1)
    pdf.paragraph(t("ui.casefile.behaviour_note", lang), 8, muted=True)
    incidents = evidence[evidence["kind"] == "insiden"]
    rows = []
    for key in BERAKHLAK:
        mine = incidents[incidents["dimension"] == key]
        cells = []
        for period in periods:
            items = mine[mine["period"] == period]
            lines = [
                f"{'+' if value > 0 else '−'} {text}"
                for value, text in zip(items["value"], items["text"])
            ]
            cells.append("\n".join(lines) or t("ui.casefile.no_incident", lang))
        rows.append([DIMENSION_LABELS[key], *cells])
    header = [
        t("ui.casefile.value", lang),
        *(_period_label(p, len(periods), lang) for p in periods),
    ]
    width = (_WIDE - 36) / len(periods)
    pdf.grid(header, rows, widths=(36, *([width] * len(periods))), size=8, first_column_bold=True)


def _answer_sheet(pdf: Document, case_id: str, lang) -> None:
    pdf.add_page(orientation="P")
    pdf.heading(t("pack.sheet.title", lang), 16)
    pdf.paragraph(t("pack.sheet.case", lang, case=case_id), 11, bold=True)
    pdf.paragraph(t("pack.sheet.instructions", lang), 9.5)
    pdf.ln(2)
    pdf.box(t("pack.sheet.name", lang), 110, 10)
    pdf.box(t("pack.sheet.code", lang), 56, 10)
    pdf.ln(20)
    header = [
        t("pack.sheet.dimension", lang),
        t("pack.sheet.score", lang),
        t("pack.sheet.note", lang),
    ]
    rows = [[DIMENSION_LABELS[d], "", ""] for d in DIMENSIONS]
    pdf.grid(header, rows, widths=(50, 26, 98), size=11, line_height=11, first_column_bold=True)
    pdf.paragraph(t("pack.sheet.for_facilitator", lang), 8.5, muted=True)
    pdf.box(t("pack.sheet.entered_by", lang), 80, 8)


def case_pdf(cases: scoring.CaseSet, case_id: str, *, lang=None) -> Document:
    """One shared case for paper scoring: its case file, then its answer sheet."""
    case = cases.case(case_id)
    pdf = Document(t("pack.sheet.document", lang, case=case_id), landscape=True, lang=lang)
    pdf.add_page()
    pdf.paragraph(t("pack.sheet.case", lang, case=case_id), 9, muted=True)
    _case_file(pdf, cases.dataset(case_id), case.employee_id, lang)
    _answer_sheet(pdf, case_id, lang)
    return pdf


def write_handouts(out_dir, *, rules="permenpanrb-6-2022", lang=None) -> list[Path]:
    """Write the day's printable PDFs into ``out_dir`` (made when missing); return the files.

    The case files are exactly the shared cases of the app's exercise 02
    (:func:`kinerja_sim.pack.paper.paper_cases`): a sheet typed in afterwards belongs to a case
    the dashboard knows.

    Parameters
    ----------
    rules : str or Path
        The rule set of the matrix and curve handout.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = [
        agenda_pdf(lang=lang).save(out / "01_jadwal.pdf"),
        rules_pdf(rules, lang=lang).save(out / "02_matriks_dan_kurva.pdf"),
        berakhlak_pdf(lang=lang).save(out / "03_panduan_berakhlak.pdf"),
    ]
    cases = paper_cases()
    for case in cases.cases:
        written.append(
            case_pdf(cases, case.item_id, lang=lang).save(out / f"kasus_{case.item_id}.pdf")
        )
    return written
