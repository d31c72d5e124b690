"""Does the simulation reproduce the published figures it is calibrated to? (SPEC 3.2)

Each function simulates a large sample from a rater preset and measures it the way the
source did. :func:`calibration_report` gathers them into one tidy table, which the tests
check against the tolerances and ``benchmarks/calibration.py`` prints for the README.

Sources
-------
- Viswesvaran, Ones & Schmidt (1996); Conway & Huffcutt (1997): inter-rater reliability
  of one supervisor's overall rating ≈ .52 (.50); Spearman–Brown for two raters ≈ .68.
- Jawahar & Williams (1997): administrative ratings about 1/3 SD more lenient than
  research ratings.
- Scullen, Mount & Goff (2000): idiosyncratic rater effects 53–62% of rating variance,
  ratee performance 21–25%, random error 11–18% (multi-rater data).
- Roch, Woehr, Mishra & Kieszczynska (2012): frame-of-reference training improves
  differential accuracy; d ≈ .5 is a reasonable ASSUMPTION.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim._core.data import read_yaml
from kinerja_sim._core.validate import check_rng
from kinerja_sim.dataset import Dataset, generate
from kinerja_sim.metrics import accuracy_components, icc
from kinerja_sim.raters import PRESETS, RaterPopulation, rate, train

__all__ = [
    "OBSERVED",
    "calibration_report",
    "leniency_effect",
    "overall_reliability",
    "practice_report",
    "training_effect",
    "variance_shares",
]


def _population(preset) -> RaterPopulation:
    return preset if isinstance(preset, RaterPopulation) else PRESETS[preset]


def _pair_ratings(world: Dataset, preset, rng) -> pd.DataFrame:
    """Every employee rated by two different raters from ``preset``; overall = mean of
    dimensions.
    """
    employees = world.employees["employee_id"].to_numpy()
    raters = _population(preset).draw(2 * len(employees), rng=rng)
    assignments = pd.DataFrame(
        {"rater_id": raters["rater_id"], "employee_id": np.repeat(employees, 2)}
    )
    ratings = rate(world.performance, raters, assignments=assignments, rng=rng)
    overall = ratings.groupby(["employee_id", "rater_id"], as_index=False)["score"].mean()
    overall["slot"] = overall.groupby("employee_id").cumcount()
    return overall


def overall_reliability(world: Dataset, preset="supervisory", *, rng=None) -> pd.DataFrame:
    """ICC(1,1) and ICC(1,2) of the overall score when two raters of ``preset`` rate each employee.

    A one-way design: each employee has their own two raters, as in field studies of
    supervisory ratings. Returns the rows ``ICC(1,1)`` and ``ICC(1,k)`` of
    :func:`kinerja_sim.metrics.icc`.
    """
    overall = _pair_ratings(world, preset, check_rng(rng))
    table = icc(overall, targets="employee_id", raters="slot", ratings="score")
    return table[table["form"].isin(["ICC(1,1)", "ICC(1,k)"])].reset_index(drop=True)


def leniency_effect(world: Dataset, *, rng=None) -> float:
    """Standardised mean difference of overall scores: supervisory minus research preset."""
    first, second = check_rng(rng).spawn(2)
    administrative = _pair_ratings(world, "supervisory", first)["score"]
    research = _pair_ratings(world, "research", second)["score"]
    return float((administrative.mean() - research.mean()) / research.std())


def variance_shares(scores: np.ndarray) -> dict[str, float]:
    """G-study of a fully crossed ratee × rater × dimension array (random effects, ANOVA).

    Parameters
    ----------
    scores : ndarray of shape (ratees, raters, dimensions)

    Returns
    -------
    dict
        Shares of ``ratee`` (ratee + ratee × dimension), ``idiosyncratic`` (rater + rater ×
        ratee + rater × dimension) and ``error`` (residual) variance; they sum to 1.

    Notes
    -----
    Variance components from expected mean squares (Brennan 2001, Generalizability
    Theory); negative estimates are set to zero.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> ratee = rng.normal(size=(200, 1, 1))
    >>> shares = variance_shares(ratee + rng.normal(size=(200, 10, 4)))
    >>> round(float(shares["ratee"]), 1), round(float(shares["error"]), 1)
    (0.5, 0.5)
    """
    n_e, n_r, n_d = scores.shape
    grand = scores.mean()
    m_e, m_r, m_d = scores.mean((1, 2)), scores.mean((0, 2)), scores.mean((0, 1))
    m_er, m_ed, m_rd = scores.mean(2), scores.mean(1), scores.mean(0)
    mean_square = {
        "e": n_r * n_d * ((m_e - grand) ** 2).sum() / (n_e - 1),
        "r": n_e * n_d * ((m_r - grand) ** 2).sum() / (n_r - 1),
        "er": n_d * ((m_er - m_e[:, None] - m_r + grand) ** 2).sum() / ((n_e - 1) * (n_r - 1)),
        "ed": n_r * ((m_ed - m_e[:, None] - m_d + grand) ** 2).sum() / ((n_e - 1) * (n_d - 1)),
        "rd": n_e * ((m_rd - m_r[:, None] - m_d + grand) ** 2).sum() / ((n_r - 1) * (n_d - 1)),
    }
    residual = (
        scores
        - m_er[:, :, None]
        - m_ed[:, None, :]
        - m_rd
        + m_e[:, None, None]
        + m_r[None, :, None]
        + m_d
        - grand
    )
    error = (residual**2).sum() / ((n_e - 1) * (n_r - 1) * (n_d - 1))
    variance = {
        "er": (mean_square["er"] - error) / n_d,
        "ed": (mean_square["ed"] - error) / n_r,
        "rd": (mean_square["rd"] - error) / n_e,
        "e": (mean_square["e"] - mean_square["er"] - mean_square["ed"] + error) / (n_r * n_d),
        "r": (mean_square["r"] - mean_square["er"] - mean_square["rd"] + error) / (n_e * n_d),
    }
    variance = {key: max(value, 0.0) for key, value in variance.items()}
    total = sum(variance.values()) + error
    return {
        "ratee": float((variance["e"] + variance["ed"]) / total),
        "idiosyncratic": float((variance["r"] + variance["er"] + variance["rd"]) / total),
        "error": float(error / total),
    }


def _multisource_shares(world: Dataset, rng, n_ratees=300, n_raters=40) -> dict[str, float]:
    employees = world.employees["employee_id"].to_numpy()[:n_ratees]
    performance = world.performance[world.performance["employee_id"].isin(employees)]
    ratings = rate(performance, PRESETS["multisource"].draw(n_raters, rng=rng), rng=rng)
    ratings = ratings.sort_values(["employee_id", "rater_id", "dimension"])
    return variance_shares(ratings["score"].to_numpy().reshape(len(employees), n_raters, -1))


def training_effect(world: Dataset, *, n_raters: int = 300, n_cases: int = 20, rng=None) -> float:
    """Cohen's d of differential accuracy (root-mean-square) before and after FOR training.

    ``n_raters`` supervisors drawn from the supervisory preset rate the same ``n_cases``
    cases untrained; the same raters trained rate them again (fresh errors).
    """
    first, second, third = check_rng(rng).spawn(3)
    cases = world.employees["employee_id"].to_numpy()[:n_cases]
    performance = world.performance[world.performance["employee_id"].isin(cases)]
    truth = world.truth()[lambda table: table["employee_id"].isin(cases)]
    untrained = PRESETS["supervisory"].draw(n_raters, rng=first)
    trained = train(untrained).drop(columns="trained")

    def accuracy(raters, stream):
        table = accuracy_components(rate(performance, raters, truth=truth, rng=stream))
        return np.sqrt(table["differential_accuracy"])

    before, after = accuracy(untrained, second), accuracy(trained, third)
    return float((before.mean() - after.mean()) / np.sqrt((before.var() + after.var()) / 2))


def calibration_report(*, n_offices: int = 80, rng=None) -> pd.DataFrame:
    """Every calibration figure: ``figure``, ``source``, ``target_low``, ``target_high``,
    ``measured``.

    The target range is the published figure with the tolerance the tests accept.
    """
    streams = check_rng(rng).spawn(6)  # the first five as before the practice row was added
    world = generate(n_offices=n_offices, rng=streams[0])
    reliability = overall_reliability(world, rng=streams[1]).set_index("form")["icc"]
    practice = overall_reliability(world, "praktik", rng=streams[5]).set_index("form")["icc"]
    shares = _multisource_shares(world, streams[3])
    rows = [
        (
            "ICC(1,1) one supervisor, overall score",
            "Viswesvaran et al. 1996: .52",
            0.47,
            0.57,
            reliability["ICC(1,1)"],
        ),
        (
            "ICC(1,2) two supervisors (Spearman-Brown)",
            "Viswesvaran et al. 1996: .68",
            0.63,
            0.73,
            reliability["ICC(1,k)"],
        ),
        (
            "administrative minus research ratings, SD units",
            "Jawahar & Williams 1997: 1/3",
            0.25,
            0.42,
            leniency_effect(world, rng=streams[2]),
        ),
        (
            "multisource: ratee share of variance",
            "Scullen et al. 2000: .21-.25",
            0.19,
            0.27,
            shares["ratee"],
        ),
        (
            "multisource: idiosyncratic rater share",
            "Scullen et al. 2000: .53-.62",
            0.51,
            0.64,
            shares["idiosyncratic"],
        ),
        (
            "multisource: random error share",
            "Scullen et al. 2000: .11-.18",
            0.09,
            0.20,
            shares["error"],
        ),
        (
            "FOR training, d on differential accuracy",
            "Roch et al. 2012: ~.5 (ASSUMPTION)",
            0.3,
            0.7,
            training_effect(world, rng=streams[4]),
        ),
        (
            "ICC(1,1) practice raters (praktik, with the floor)",
            "Viswesvaran et al. 1996: .52",
            0.47,
            0.57,
            practice["ICC(1,1)"],
        ),
    ]
    table = pd.DataFrame(
        rows, columns=["figure", "source", "target_low", "target_high", "measured"]
    )
    table["within"] = table["measured"].between(table["target_low"], table["target_high"])
    return table


# --- Current practice against the national figures (issue #12) ------------------------------

#: The observed national figures the status quo is checked against
#: (``kinerja_sim/data/nasional_teramati.yaml``, with their sources): ``figure``, ``metric``,
#: ``observed``, ``target`` (the range the simulated status quo must fall in, issue #12, item 1),
#: ``trust`` (MEDIUM = an official tabulation reported second-hand; LOW = one number quoted
#: without its table), ``source``, ``url``; ``parts`` where a figure adds up several predicates.
OBSERVED = tuple(
    {**o, "target": tuple(o["target"])} for o in read_yaml("nasional_teramati.yaml")["figures"]
)


def _shares(outcomes: dict) -> dict:
    out = dict(outcomes)
    out["share_bottom"] = (
        outcomes["share_butuh_perbaikan"]
        + outcomes["share_kurang"]
        + outcomes["share_sangat_kurang"]
    )
    out["share_good"] = outcomes["share_sangat_baik"] + outcomes["share_baik"]
    return out


def practice_report(*, employees: int = 1_000_000, rng=None) -> pd.DataFrame:
    """The simulated status quo against every observed national figure, and the curve against its
    caps.

    Simulates ``Scenario()`` (current practice, no curve) and the same with the curve
    enforced (``kurva-distribusi``) on the national path.

    Returns
    -------
    DataFrame
        ``figure``, ``observed``, ``simulated``, ``target_low``, ``target_high``,
        ``within``, ``trust``, ``source``, ``url``. Shares are 0-1. The true predicates
        (what the truth model says) are listed as ``simulated`` only, for comparison.
    """
    from kinerja_sim.policy import Scenario, simulate

    first, second = check_rng(rng).spawn(2)
    status_quo = simulate(Scenario(), employees=employees, progress=False, rng=first)
    shares = _shares(status_quo.outcomes())
    rows = [
        dict(
            figure=o["figure"],
            observed=o["observed"],
            simulated=shares[o["metric"]],
            target_low=o["target"][0],
            target_high=o["target"][1],
            trust=o["trust"],
            source=o["source"],
            url=o["url"],
        )
        for o in OBSERVED
    ]
    true = status_quo.confusion.sum(axis=1) / status_quo.confusion.sum()
    rows.append(
        dict(
            figure="kebenaran model: Butuh Perbaikan + Kurang + Sangat Kurang",
            observed=np.nan,
            simulated=float(true[2:].sum()),
            target_low=np.nan,
            target_high=np.nan,
            trust="model",
            source="model kebenaran kinerja_sim.world.offices (bukan data)",
            url="",
        )
    )
    curve = simulate(
        Scenario(name="kurva-distribusi", enforce_curve=True),
        employees=employees,
        progress=False,
        rng=second,
    )
    curve_shares = _shares(curve.outcomes())
    baik_org = curve.offices["organisation_predicate"].to_numpy() == "Baik"
    in_baik = curve.offices[baik_org]
    rows += [
        dict(
            figure="kurva: Baik nasional (batas 70% di unit berpredikat Baik)",
            observed=0.70,
            simulated=curve_shares["share_baik"],
            target_low=0.0,
            target_high=0.70,
            trust="HIGH",
            source="PermenPAN-RB 6/2022, Lampiran (kurva distribusi); SE MenPAN-RB 3/2023",
            url="",
        ),
        dict(
            figure="kurva: Baik di unit berpredikat Baik",
            observed=0.70,
            simulated=float(in_baik["n_baik"].sum() / in_baik["n"].sum()),
            target_low=0.0,
            target_high=0.70,
            trust="HIGH",
            source="PermenPAN-RB 6/2022, Lampiran (kurva distribusi)",
            url="",
        ),
        dict(
            figure="kurva: unit yang memenuhi kurva (jika mungkin)",
            observed=1.0,
            simulated=float(curve.offices["curve_feasible"].mean()),
            target_low=0.99,
            target_high=1.0,
            trust="HIGH",
            source="PermenPAN-RB 6/2022, Lampiran (kurva distribusi)",
            url="",
        ),
    ]
    table = pd.DataFrame(rows)
    within = table["simulated"].between(table["target_low"], table["target_high"])
    table["within"] = within.astype(object).where(table["target_low"].notna(), None)
    return table[
        [
            "figure",
            "observed",
            "simulated",
            "target_low",
            "target_high",
            "within",
            "trust",
            "source",
            "url",
        ]
    ]
