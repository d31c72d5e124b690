"""The small-world path: a generated kabupaten rated with ``kinerja_sim.raters.rate``.

For one office or one kabupaten the full model is cheap: ``kinerja_sim.generate`` draws the
offices, employees, their truth and per-period performance, and ``kinerja_sim.raters.rate``
turns the performance into scores, period by period, exactly as in the trainee's case
files. The scores then go through the same appraisal as the national path
(``kinerja_sim.policy.engine.appraise``), so both paths report the same outcomes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja_sim._core.validate import check_rng
from kinerja_sim.dataset import draw_raters, generate, supervisor_assignments
from kinerja_sim.policy.engine import Workforce, appraise
from kinerja_sim.policy.population import office_organisation
from kinerja_sim.policy.scenario import Scenario
from kinerja_sim.raters import rate
from kinerja_sim.world.dimensions import BERAKHLAK, DIMENSIONS, RESULT
from kinerja_sim.world.offices import JENJANG

__all__ = ["simulate_world"]


def _wide(ratings: pd.DataFrame, employee_ids) -> pd.DataFrame:
    """Scores in hundredths, one row per employee (in ``employee_ids`` order), one column per
    dimension."""
    wide = ratings.pivot(index="employee_id", columns="dimension", values="score")
    return (wide.reindex(index=employee_ids, columns=list(DIMENSIONS)) * 100).round()


def _peers(performance, employee_ids, scenario, rng) -> np.ndarray:
    """Sum of the BerAKHLAK scores (hundredths) given by the peers and subordinates (360
    degrees)."""
    total = np.zeros(len(employee_ids))
    for j in range(scenario.raters_per_employee - 1):
        others = scenario.peer_population.draw(
            len(employee_ids), trained_share=scenario.trained_share, rng=rng, prefix=f"M{j}_"
        )
        pairs = pd.DataFrame({"rater_id": others["rater_id"], "employee_id": employee_ids})
        scores = _wide(rate(performance, others, assignments=pairs, rng=rng), employee_ids)
        total += scores[list(BERAKHLAK)].sum(axis=1).to_numpy()
    return total


def simulate_world(
    scenario: Scenario | None = None, *, n_offices: int | None = None, dataset=None, rng=None
):
    """Simulate one generated kabupaten (or a given dataset) under ``scenario``.

    Parameters
    ----------
    scenario : Scenario, optional
        ``evidence_noise`` must be 1 (the world's evidence is drawn by
        ``kinerja_sim.world.evidence``).
    n_offices : int, optional
        Offices of the generated kabupaten (None: the default kabupaten of the kit).
    dataset : Dataset, optional
        Use this world (its employees and performance) instead of generating one; its own
        raters are replaced by the scenario's.
    rng : None, int or numpy.random.Generator

    Returns
    -------
    Simulation
        As :func:`~kinerja_sim.policy.simulate`; ``office_id`` are the dataset's ids.

    Examples
    --------
    >>> result = simulate_world(Scenario(enforce_curve=False), n_offices=3, rng=1)
    >>> int(result.offices["n"].sum()) == int(result.confusion.sum())
    True
    """
    from kinerja_sim.policy.simulate import Simulation

    scenario = scenario or Scenario()
    if scenario.rule_set.regime != "permenpanrb-6-2022":
        raise ValueError(
            f"the small world runs regime 'permenpanrb-6-2022' only; rules {scenario.rules!r} run "
            "on the national path (kinerja_sim.policy.simulate)"
        )
    if scenario.evidence_noise != 1.0:
        raise ValueError(
            "evidence_noise applies to the national (lean) path only; the small world draws "
            "its evidence with kinerja_sim.world.evidence, "
            f"got evidence_noise={scenario.evidence_noise}"
        )
    world_rng, rater_rng, peer_rng, org_rng, committee_rng = check_rng(rng).spawn(5)
    ds = (
        dataset
        if dataset is not None
        else generate(n_offices, periods=scenario.periods, rng=world_rng)
    )
    employees, offices = ds.employees, ds.offices
    ids = employees["employee_id"].to_numpy()
    raters = draw_raters(
        employees, scenario.supervisor_population, scenario.trained_share, rng=rater_rng
    )
    scores = _wide(
        rate(
            ds.performance,
            raters,
            assignments=supervisor_assignments(employees, raters),
            rng=rater_rng,
        ),
        ids,
    )
    perilaku = scores[list(BERAKHLAK)].sum(axis=1).to_numpy() + _peers(
        ds.performance, ids, scenario, peer_rng
    )
    true = employees[[f"true_{d}" for d in DIMENSIONS]].to_numpy() * 1000
    jenjang = pd.Index(JENJANG).get_indexer(employees["jenjang"])
    people = Workforce(
        office=pd.Index(offices["office_id"]).get_indexer(employees["office_id"]),
        rater=pd.factorize(employees["supervisor_id"])[0],
        kabupaten=np.zeros(len(ids), dtype=np.int64),
        true_hasil=np.rint(true[:, 0]).astype(np.int32),
        true_perilaku=np.rint(true[:, 1:].sum(axis=1)).astype(np.int32),
        fungsional=(employees["position_type"] == "fungsional").to_numpy(),
        jenjang=np.maximum(jenjang, 0),
        office_id=offices["office_id"].to_numpy(),
        organisation=office_organisation(
            offices["office_effect"].to_numpy(), scenario.organisation, rng=org_rng
        ),
    )
    result = appraise(
        scenario,
        people,
        scores[RESULT].to_numpy().astype(np.int32),
        perilaku.astype(np.int32),
        rng=committee_rng,
    )
    size = employees["office_id"].value_counts().reindex(offices["office_id"]).to_numpy()
    plan = offices[["office_id", "kind", "office_effect"]].assign(
        kabupaten_id=0, size=size, organisation_predicate=people.organisation, chunk=0
    )
    merged = plan.merge(result.offices, on="office_id", how="left", validate="one_to_one")
    return Simulation(scenario, merged, result.confusion)
