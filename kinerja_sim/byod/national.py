"""A region's export beside the nation: its predicate and rating shares and the national figures.

:func:`national_comparison` puts, for every predicate and both ratings, the share in the
imported file (with a 95% Wilson interval) beside

- the observed national share where one is published: the predicates of PNS in BKN's
  e-Kinerja 2022-2024 (MEDIUM; ``kinerja_sim/data/nasional_teramati.yaml``, the same figures
  the status quo is validated against in ``kinerja_sim.studies.validation``); there is no
  published national table of the two ratings;
- the kit's simulated national status quo (:func:`status_quo_shares`): the practice raters
  (``kinerja_sim.raters.PRESETS["praktik"]``, calibrated to those BKN figures) rating the
  kit's true performance, for the predicates and for both ratings.

The status quo here rates as the national path does (``kinerja_sim.policy.engine``: the same
truth, rater and rating kernels, one supervisor per ``SPAN`` employees, no curve, no
calibration), drawn here because ``byod`` may not import ``policy``;
``tests/test_byod_analysis.py`` checks that the two agree.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from kinerja_sim._core.data import read_yaml
from kinerja_sim._core.format import percent
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import check_int

__all__ = [
    "COMPARISON_COLUMNS",
    "national_comparison",
    "national_predicates",
    "status_quo_shares",
    "comparison_text",
]

_RATINGS = ("Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi")
_SPAN = 10  # employees per supervisor, as kinerja_sim.policy.population.SPAN
_OFFICE = 40  # employees per office of the status quo draw (the office effect's reach)
#: Columns of :func:`national_comparison` (Bahasa Indonesia, as written to ``nasional.csv``).
COMPARISON_COLUMNS = (
    "aspek",
    "label",
    "jumlah_berkas",
    "pegawai_berkas",
    "persen_berkas",
    "persen_berkas_ci_rendah",
    "persen_berkas_ci_tinggi",
    "persen_nasional_teramati",
    "persen_status_quo_model",
    "selisih_dari_nasional_poin",
    "beda_jelas",
    "sumber_nasional",
)


def national_predicates() -> pd.DataFrame:
    """The observed national share of each predicate (BKN e-Kinerja, PNS 2022-2024).

    The MEDIUM figures of ``nasional_teramati.yaml``: Sangat Baik, Baik, and the bottom three
    from the parts of their sum.

    Returns
    -------
    DataFrame
        ``label`` (PermenPAN-RB 6/2022 predicate), ``share`` (0-1), ``source``, ``url``.

    Examples
    --------
    >>> table = national_predicates()
    >>> round(float(table["share"].sum()), 4)
    1.0
    """
    from kinerja_sim.rules import PREDICATES

    figures = [f for f in read_yaml("nasional_teramati.yaml")["figures"] if f["trust"] == "MEDIUM"]
    shares = {}
    for figure in figures:
        named = {"share_sangat_baik": "Sangat Baik", "share_baik": "Baik"}
        if figure["metric"] in named:
            shares[named[figure["metric"]]] = (figure["observed"], figure)
        for label, share in (figure.get("parts") or {}).items():
            shares[label] = (share, figure)
    return pd.DataFrame(
        [
            {
                "label": label,
                "share": float(shares[label][0]),
                "source": shares[label][1]["source"],
                "url": shares[label][1]["url"],
            }
            for label in PREDICATES
            if label in shares
        ]
    )


@lru_cache(maxsize=4)
def _status_quo(employees: int, seed: int) -> pd.DataFrame:
    from kinerja_sim import rules
    from kinerja_sim.raters import PRESETS, rate_arrays
    from kinerja_sim.world.offices import ASAL_SHARE, categorical
    from kinerja_sim.world.truth import TRUTH, truth_array

    world, raters, ratings = np.random.default_rng(seed).spawn(3)
    offices = -(-employees // _OFFICE)
    effect = TRUTH["office_sd"] * world.standard_normal(offices)
    truth = truth_array(np.repeat(effect, _OFFICE)[:employees], rng=world, dtype=np.float32)
    rater = np.arange(employees) // _SPAN
    n_raters = int(rater[-1]) + 1
    origin = categorical(ASAL_SHARE, n_raters, rng=raters)
    supervisors = PRESETS["praktik"].arrays(n_raters, rng=raters)
    match = categorical(ASAL_SHARE, employees, rng=ratings) == origin[rater]
    scores = rate_arrays(truth, supervisors, rater=rater, affinity_match=match, rng=ratings) / 100
    rule_set = rules.load("permenpanrb-6-2022")
    hasil = rule_set.rating(scores[:, 0])
    perilaku = rule_set.rating(scores[:, 1:].mean(axis=1))
    predicate = rule_set.predicate(hasil, perilaku)
    rows = []
    for aspect, values, labels in (
        ("predikat", predicate, rules.PREDICATES),
        ("rating_hasil_kerja", hasil, _RATINGS),
        ("rating_perilaku_kerja", perilaku, _RATINGS),
    ):
        counts = pd.Series(np.asarray(values)).value_counts()
        rows += [
            {"aspect": aspect, "label": label, "share": counts.get(label, 0) / employees}
            for label in labels
        ]
    return pd.DataFrame(rows)


def status_quo_shares(*, employees: int = 200_000, rng: int = 2025) -> pd.DataFrame:
    """The kit's simulated national status quo: shares of each predicate and rating.

    Parameters
    ----------
    employees : int
        Employees simulated (200,000: shares to about ±0.1 percentage point).
    rng : int
        Seed; the same seed gives the same shares (cached).

    Returns
    -------
    DataFrame
        ``aspect`` ("predikat", "rating_hasil_kerja", "rating_perilaku_kerja"), ``label``,
        ``share``.

    Examples
    --------
    >>> shares = status_quo_shares(employees=20_000, rng=1)
    >>> shares.groupby("aspect")["share"].sum().round(6).tolist()
    [1.0, 1.0, 1.0]
    """
    employees = check_int("employees", employees, minimum=1_000, maximum=5_000_000)
    seed = check_int("rng", rng, minimum=0)
    return _status_quo(employees, seed).copy()


def _wilson(count, n, z=1.96):
    """95% Wilson score interval of a share (works at 0 and at n)."""
    count, n = np.asarray(count, dtype=float), np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = count / n
        centre = (share + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * np.sqrt(share * (1 - share) / n + z * z / (4 * n * n))
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


def national_comparison(appraisals, *, status_quo=None, lang=None) -> pd.DataFrame:
    """The file's predicate and rating shares beside the national figures.

    Parameters
    ----------
    appraisals : Appraisals
        An import of PermenPAN-RB 6/2022 labels (PP 46-style scores have other categories:
        :class:`~kinerja_sim.byod.read.NotApplicable`).
    status_quo : DataFrame, optional
        :func:`status_quo_shares` (default: 200,000 employees, seed 2025).

    Returns
    -------
    DataFrame
        One row per aspect and label, columns :data:`COMPARISON_COLUMNS`: ``aspek``
        ("predikat", "rating_hasil_kerja", "rating_perilaku_kerja"), ``label``,
        ``jumlah_berkas`` (employees with that label), ``pegawai_berkas`` (employees with
        this aspect), ``persen_berkas`` and its 95% Wilson interval, ``persen_nasional_teramati``
        (BKN, predicates only; empty for ratings), ``persen_status_quo_model`` (the kit's
        simulated status quo), ``selisih_dari_nasional_poin`` (file minus the observed national
        share, else minus the model's, in percentage points), ``beda_jelas`` ("ya" when that
        national share lies outside the file's interval), ``sumber_nasional``. Percentages
        rounded to 2 decimals.
    """
    from kinerja_sim.byod.analysis import distributions
    from kinerja_sim.byod.read import NotApplicable

    if getattr(appraisals, "regime", "") == "pp-46-2011":
        raise NotApplicable(t("byod.analysis.only_2022", lang))
    status_quo = status_quo_shares() if status_quo is None else status_quo
    observed = national_predicates().set_index("label")
    model = status_quo.set_index(["aspect", "label"])["share"]
    table = distributions(appraisals, by=None, lang=lang)
    order = {"predikat": 0, "rating_hasil_kerja": 1, "rating_perilaku_kerja": 2}
    table = table.sort_values("aspect", key=lambda s: s.map(order), kind="stable")
    low, high = _wilson(table["count"], table["n"])
    rows = []
    for row, lo, hi in zip(table.itertuples(), low, high):
        bkn = observed["share"].get(row.label) if row.aspect == "predikat" else None
        simulated = model.get((row.aspect, row.label), np.nan)
        reference = bkn if bkn is not None else simulated
        source = (
            observed.loc[row.label, "source"]
            if bkn is not None
            else t("byod.national.model_source", lang)
        )
        rows.append(
            {
                "aspek": row.aspect,
                "label": row.label,
                "jumlah_berkas": int(row.count),
                "pegawai_berkas": int(row.n),
                "persen_berkas": 100 * row.share,
                "persen_berkas_ci_rendah": 100 * lo,
                "persen_berkas_ci_tinggi": 100 * hi,
                "persen_nasional_teramati": np.nan if bkn is None else 100 * bkn,
                "persen_status_quo_model": 100 * simulated,
                "selisih_dari_nasional_poin": 100 * (row.share - reference),
                "beda_jelas": t(
                    "byod.national.yes" if not lo <= reference <= hi else "byod.national.no", lang
                ),
                "sumber_nasional": source,
            }
        )
    out = pd.DataFrame(rows, columns=list(COMPARISON_COLUMNS))
    numbers = [c for c in out.columns if c.startswith(("persen", "selisih"))]
    out[numbers] = out[numbers].round(2)
    return out


def comparison_text(table: pd.DataFrame, lang=None) -> str:
    """A short table in words: the file's shares beside the nation's (for the CLI).

    Examples
    --------
    >>> table = pd.DataFrame({"aspek": ["predikat"], "label": ["Baik"], "pegawai_berkas": [10],
    ...     "persen_berkas": [80.0], "persen_nasional_teramati": [88.46],
    ...     "persen_status_quo_model": [89.1], "beda_jelas": ["tidak"],
    ...     "sumber_nasional": ["BKN"]})
    >>> print(comparison_text(table, "id").splitlines()[2].split())
    ['Baik', '80,00%', '88,46%', '89,10%']
    """
    header = [
        t("byod.national.column.label", lang),
        t("byod.national.column.file", lang),
        t("byod.national.column.observed", lang),
        t("byod.national.column.model", lang),
    ]

    def cell(value):
        return "-" if value != value else percent(value / 100, 2, lang=lang)

    lines = [t("byod.national.title", lang)]
    width = max(26, int(table["label"].str.len().max()) + 2)
    for aspect, group in table.groupby("aspek", sort=False):
        lines.append(
            f"  {t(f'byod.national.aspect.{aspect}', lang):<{width}}"
            + "".join(f"{h:>18}" for h in header[1:])
        )
        for row in group.itertuples():
            mark = " *" if row.beda_jelas == t("byod.national.yes", lang) else ""
            lines.append(
                f"  {row.label:<{width}}{cell(row.persen_berkas):>18}"
                f"{cell(row.persen_nasional_teramati):>18}{cell(row.persen_status_quo_model):>18}"
                + mark
            )
    sources = dict.fromkeys(table["sumber_nasional"])
    lines.append(t("byod.national.footer", lang))
    lines += [f"  - {source}" for source in sources]
    return "\n".join(lines)
