"""A simulation summary reads as people read numbers: percent, Rupiah with separators."""

from kinerja_sim import policy


def test_summary_text_shows_shares_in_percent_and_money_with_separators():
    summary = policy.simulate(policy.Scenario(), employees=5_000, rng=2, progress=False).summary(
        lang="id"
    )
    text = summary.set_index("metric")["text"]
    assert text["agreement"].endswith("%") and "," in text["agreement"]
    assert text["tpp_total"].count(".") >= 2 and "e" not in text["tpp_total"]
