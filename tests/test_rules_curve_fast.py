"""The fast curve enforcement (closed form, then simplex) agrees with the integer programme."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_sim import rules
from kinerja_sim.rules import _curve_fast as fast
from kinerja_sim.rules import curve as curve_module
from kinerja_sim.rules.curve import Curve, Limit

RS2022 = rules.load("permenpanrb-6-2022")
ORGANISATION_SHARES = (
    0.115,
    0.726,
    0.104,
    0.044,
    0.011,
)  # as kinerja_sim.world.offices's cuts give
ROUNDINGS = ("floor", "round", "ceil")


def _curve(rounding_max="floor", rounding_min="ceil"):
    return Curve(RS2022.curve.organisations, {"maximum": rounding_max, "minimum": rounding_min})


def _milp(curve, organisation, counts):
    return curve._solve(organisation, tuple(int(c) for c in counts))


def _assert_same_optimum(limits, curve, organisation, counts, flows):
    reference, feasible = _milp(curve, organisation, counts)
    assert (flows.sum(axis=1) == counts).all() and (flows >= 0).all()
    assert (
        fast.objective(flows, counts, limits, curve.rounding)[0]
        == fast.objective(reference, counts, limits, curve.rounding)[0]
    )
    if feasible:
        assert fast.holds(limits, flows.sum(axis=0), curve.rounding)[0]


team_counts = st.integers(1, 90).flatmap(
    lambda n: st.lists(st.integers(0, n), min_size=4, max_size=4).map(
        lambda cuts: np.diff([0, *sorted(cuts), n])
    )
)


@settings(max_examples=150, deadline=None)
@given(
    team_counts,
    st.sampled_from(rules.ORGANISATION_PREDICATES),
    st.sampled_from(ROUNDINGS),
    st.sampled_from(ROUNDINGS),
)
def test_closed_form_where_it_decides_has_the_programme_objective(
    counts, organisation, r_max, r_min
):
    curve = _curve(r_max, r_min)
    limits = curve.limits(organisation)
    flows, decided = fast.fast_flows(limits, counts[None], curve.rounding)
    if decided[0]:
        _assert_same_optimum(limits, curve, organisation, counts, flows[0])


@settings(max_examples=150, deadline=None)
@given(team_counts, st.sampled_from(rules.ORGANISATION_PREDICATES), st.sampled_from(ROUNDINGS))
def test_simplex_where_it_decides_has_the_programme_objective(counts, organisation, r_max):
    curve = _curve(r_max)
    limits = curve.limits(organisation)
    flows, decided = fast.simplex_flows(limits, counts[None], curve.rounding)
    assert decided[0]  # the shipped limits share no predicate: a network flow, always whole
    _assert_same_optimum(limits, curve, organisation, counts, flows[0])


@pytest.mark.parametrize("organisation", ["Istimewa", "Baik"])
def test_closed_form_decides_every_istimewa_and_baik_team(organisation):
    teams = np.array([c for n in range(1, 41) for c in _all_counts(n, step=max(1, n // 6))])
    _, decided = fast.fast_flows(RS2022.curve.limits(organisation), teams, RS2022.curve.rounding)
    assert decided.all()


def _all_counts(n, step):
    grid = range(0, n + 1, step)
    return [
        np.array([a, b, c, d, n - a - b - c - d])
        for a in grid
        for b in grid
        for c in grid
        for d in grid
        if a + b + c + d <= n
    ]


limit_strategy = st.builds(
    lambda chosen, kind, share, count: Limit(
        tuple(p for p, keep in zip(rules.PREDICATES, chosen) if keep) or rules.PREDICATES[:1],
        kind,
        share if kind == "max" or count == 0 else (share if share < 0.5 else None),
        count if kind == "min" else 0,
    ),
    st.lists(st.booleans(), min_size=5, max_size=5),
    st.sampled_from(["max", "min"]),
    st.sampled_from([0.0, 0.1, 0.3, 0.6, 0.7]),
    st.integers(0, 3),
)


@settings(max_examples=120, deadline=None)
@given(st.lists(limit_strategy, min_size=1, max_size=3), team_counts)
def test_any_curve_gets_the_programme_objective_including_ties(limits, counts):
    curve = Curve({"X": limits}, {"maximum": "floor", "minimum": "ceil"})
    flows, feasible = curve._key_flows("X", counts[None])
    _assert_same_optimum(curve.limits("X"), curve, "X", counts, flows[0])
    assert feasible[0] == _milp(curve, "X", counts)[1]


def _offices(n_offices, rng):
    """A realistic national slice: offices of 30-70, an office-level lean, scores mapped to
    predicates.
    """
    sizes = rng.integers(30, 71, n_offices)
    office = np.repeat(np.arange(n_offices), sizes)
    organisation = rng.choice(rules.ORGANISATION_PREDICATES, n_offices, p=ORGANISATION_SHARES)
    lean = rng.normal(0.3, 0.4, n_offices)[office]
    hasil = rng.normal(3.1, 0.6, len(office)) + lean
    perilaku = rng.normal(3.2, 0.5, len(office)) + lean / 2
    return pd.DataFrame(
        {
            "office_id": office,
            "predicate": RS2022.predicate_from_scores(hasil, perilaku),
            "rank": hasil + perilaku,
            "organisation": organisation[office],
        }
    )


def _office_objective(out, curve):
    """The programme's objective of each office's moves, read back from its employees."""
    ladder = pd.Index(rules.PREDICATES)
    old, new = ladder.get_indexer(out["predicate"]), ladder.get_indexer(out["enforced_predicate"])
    office, org = (
        pd.factorize(out["office_id"])[0],
        out.groupby("office_id", sort=False)["organisation"].first(),
    )
    flows = np.bincount(office * 25 + old * 5 + new, minlength=(office.max() + 1) * 25).reshape(
        -1, 5, 5
    )
    return np.array(
        [
            fast.objective(f, f.sum(axis=1), curve.limits(o), curve.rounding)[0]
            for f, o in zip(flows, org)
        ]
    )


@pytest.fixture(scope="module")
def national():
    frame = _offices(4000, np.random.default_rng(2022))
    return frame, RS2022.curve.enforce_by(frame)


def test_enforce_by_on_4000_offices_passes_every_check(national):
    frame, out = national
    assert 190_000 <= len(frame) <= 210_000 and out["curve_feasible"].all()
    for (office, organisation), team in out.groupby(["office_id", "organisation"]):
        assert RS2022.curve.check(team["enforced_predicate"], organisation=organisation).ok, office


def _keys(frame):
    """Distinct (organisation, counts) keys of a frame: organisation -> counts (keys × 5)."""
    counts = (
        pd.crosstab([frame["office_id"], frame["organisation"]], frame["predicate"])
        .reindex(columns=list(rules.PREDICATES), fill_value=0)
        .reset_index(level="organisation")
    )
    return {
        org: group.drop(columns="organisation").drop_duplicates().to_numpy()
        for org, group in counts.groupby("organisation")
    }


def test_fast_path_decides_every_key_of_a_national_slice(national):
    curve = RS2022.curve
    for organisation, counts in _keys(national[0]).items():
        limits = curve.limits(organisation)
        closed = fast.fast_flows(limits, counts, curve.rounding)[1]
        simplex = fast.simplex_flows(limits, counts[~closed], curve.rounding)[1]
        assert simplex.all()
        assert closed.all() or organisation not in ("Istimewa", "Baik")


def _only_unchanged(limits, counts, rounding):
    """A fast path that decides only the keys that already meet the curve (the original
    behaviour).
    """
    counts = np.asarray(counts, dtype=np.int64)
    return fast._with_stays(np.zeros((len(counts), 5, 5), np.int64), counts), fast.holds(
        limits, counts, rounding
    )


def test_enforce_by_equals_the_pure_programme_on_300_offices(national, monkeypatch):
    frame, out = national
    subset = frame[frame["office_id"] < 300]
    fast_out = out[out["office_id"] < 300]
    monkeypatch.setattr(curve_module, "fast_flows", _only_unchanged)
    monkeypatch.setattr(curve_module, "disjoint", lambda limits: False)
    slow_out = RS2022.curve.enforce_by(subset)
    np.testing.assert_array_equal(
        _office_objective(fast_out, RS2022.curve), _office_objective(slow_out, RS2022.curve)
    )
    closed = fast_out["organisation"].isin(
        ["Istimewa", "Baik"]
    )  # unique optimum: same employees move
    assert (
        fast_out.loc[closed, "enforced_predicate"] == slow_out.loc[closed, "enforced_predicate"]
    ).all()
