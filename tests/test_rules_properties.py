"""Property tests (hypothesis): monotone values and a curve that can always be enforced."""

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_sim import rules

RS2022 = rules.load("permenpanrb-6-2022")
PP30 = rules.load("pp-30-2019")
PP46 = rules.load("pp-46-2011")
LADDER = {label: i for i, label in enumerate(rules.PREDICATES)}  # 0 = best
FEW = settings(max_examples=60, deadline=None)
percent = st.floats(min_value=-50, max_value=200, allow_nan=False)


@FEW
@given(percent, percent)
def test_pp30_better_capaian_never_gives_lower_value(a, b):
    low, high = sorted((a, b))
    assert PP30.capaian_value(high) >= PP30.capaian_value(low)


@FEW
@given(st.floats(0.1, 100), st.floats(0, 200), st.floats(0, 200))
def test_pp30_less_is_better_indicator_is_monotone(target, a, b):
    better, worse = sorted((a, b))
    assert PP30.iki_value(better, target, "lower") >= PP30.iki_value(worse, target, "lower")


@FEW
@given(st.floats(0.1, 1000), st.floats(0, 2000), st.floats(0, 2000))
def test_pp46_more_quantity_never_gives_lower_value(target, a, b):
    low, high = sorted((a, b))
    for aspect in ("kuantitas", "kualitas"):
        assert PP46.aspect_score(aspect, target=target, realisation=high) >= PP46.aspect_score(
            aspect, target=target, realisation=low
        )


@FEW
@given(st.floats(1, 100), st.floats(0.76, 3), st.floats(0.76, 3))
def test_pp46_less_time_never_lowers_waktu_up_to_the_24_percent_break(target, a, b):
    # Beyond 24% efficiency the regulation's formula drops by design (SPEC 2.2: "beware the jump").
    faster, slower = sorted((a * target, b * target))
    assert (
        PP46.aspect_score("waktu", target=target, realisation=faster)
        >= PP46.aspect_score("waktu", target=target, realisation=slower) - 1e-9
    )


@FEW
@given(st.floats(0, 115), st.floats(0, 115), st.floats(0, 100))
def test_final_values_are_monotone_in_skp(a, b, perilaku):
    low, high = sorted((a, b))
    assert PP46.final_value(skp=high, perilaku=perilaku) >= PP46.final_value(
        skp=low, perilaku=perilaku
    )
    assert PP30.final_value(skp=high, perilaku=perilaku) >= PP30.final_value(
        skp=low, perilaku=perilaku
    )


@FEW
@given(
    st.sampled_from(["kuantitas", "kualitas", "waktu", "biaya"]),
    st.floats(0.01, 1e6),
    st.floats(0, 1e7),
)
def test_pp46_every_aspect_value_stays_within_0_100(aspect, target, realisation):
    assert 0.0 <= PP46.aspect_score(aspect, target=target, realisation=realisation) <= 100.0


@FEW
@given(st.floats(-50, 200), st.floats(-50, 200))
def test_category_order_follows_value(a, b):
    low, high = sorted((a, b))
    pp30_order = ["Sangat Kurang", "Kurang", "Cukup", "Baik", "Sangat Baik"]
    pp46_order = ["Buruk", "Kurang", "Cukup", "Baik", "Sangat Baik"]
    assert pp30_order.index(PP30.category(high)) >= pp30_order.index(PP30.category(low))
    assert pp46_order.index(PP46.category(high)) >= pp46_order.index(PP46.category(low))


@FEW
@given(st.floats(-50, 200), st.floats(-50, 200), st.floats(1, 5))
def test_better_achievement_never_gives_worse_predicate(a, b, perilaku):
    low, high = sorted((a, b))
    rating = RS2022.rating
    worse = RS2022.predicate(RS2022.rating_hasil_kerja(low), rating(perilaku))
    better = RS2022.predicate(RS2022.rating_hasil_kerja(high), rating(perilaku))
    assert LADDER[better] <= LADDER[worse]


def test_predicate_matrix_is_monotone_in_both_ratings():
    for h, p in itertools.product(range(3), range(3)):
        here = LADDER[RS2022.predicate(rules.RATINGS[h], rules.RATINGS[p])]
        if h < 2:
            assert LADDER[RS2022.predicate(rules.RATINGS[h + 1], rules.RATINGS[p])] <= here
        if p < 2:
            assert LADDER[RS2022.predicate(rules.RATINGS[h], rules.RATINGS[p + 1])] <= here


def _brute_force(counts, organisation, curve):
    """Smallest number of changes over every distribution that meets the curve (None if none)."""
    n, best = sum(counts), None
    limits = [
        (limit.mask, limit.kind, limit.bound(n, curve.rounding))
        for limit in curve.limits(organisation)
    ]
    for cut in itertools.combinations(range(n + 4), 4):
        target = np.diff((-1, *cut, n + 4)) - 1
        if all(
            target[mask].sum() <= bound if kind == "max" else target[mask].sum() >= bound
            for mask, kind, bound in limits
        ):
            changes = int(np.maximum(np.array(counts) - target, 0).sum())
            best = changes if best is None else min(best, changes)
    return best


teams = st.lists(st.sampled_from(rules.PREDICATES), min_size=1, max_size=9)
organisations = st.sampled_from(rules.ORGANISATION_PREDICATES)


@settings(max_examples=40, deadline=None)
@given(
    teams,
    organisations,
    st.sampled_from(["floor", "round", "ceil"]),
    st.randoms(use_true_random=False),
)
def test_enforced_curve_passes_check_with_fewest_changes_when_possible(
    team, organisation, rounding, random
):
    description = rules.read_spec("permenpanrb-6-2022")
    description["curve"]["rounding"]["maximum"] = rounding
    rule_set = rules.from_mapping(description)
    rank = [random.random() for _ in team]
    result = rule_set.enforce_curve(team, rank, organisation=organisation)
    counts = tuple(int(sum(label == p for label in team)) for p in rules.PREDICATES)
    fewest = _brute_force(counts, organisation, rule_set.curve)
    if fewest is None:
        assert not result.feasible and not result.check.ok
    else:
        assert result.feasible and result.check.ok
        assert result.n_changed == fewest


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(rules.PREDICATES), min_size=10, max_size=60),
    organisations,
    st.integers(0, 2**32 - 1),
)
def test_enforcement_moves_down_the_lowest_ranked(team, organisation, seed):
    rank = np.random.default_rng(seed).normal(size=len(team))
    result = RS2022.enforce_curve(team, rank, organisation=organisation)
    assert result.check.ok
    old = np.array([LADDER[p] for p in team])
    new = np.array([LADDER[p] for p in result.predicates])
    for category in range(5):
        members = old == category
        stayed, down = members & (new == category), members & (new > category)
        if stayed.any() and down.any():
            assert rank[down].max() <= rank[stayed].min()
