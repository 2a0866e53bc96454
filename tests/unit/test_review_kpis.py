"""review_kpis: the KPI maths on hand-made figures — zero denominators and missing data give None (never 0),
stand-ins are marked approximate, and a show without orders of its own falls back to the platforms' figures."""

from __future__ import annotations

import pytest

from streamdesk.core.review_facts import (
    MetricFacts,
    OrderFacts,
    SampleAggregate,
    ShowFigures,
    combine_platforms,
    platform_facts,
)
from streamdesk.core.review_kpis import KPI_KEYS, compare, div_round, funnel, kpi_values, targets_of
from streamdesk.core.review_types import CostInputs
from streamdesk.models.base import Platform

NO_COSTS = CostInputs(
    fee_basis_points=0,
    fee_default=True,
    shipping_per_order_minor=0,
    shipping_default=True,
    giveaways_minor=0,
    budget_minor=0,
)


NOTHING_SOLD = OrderFacts()
NOTHING_MEASURED = MetricFacts()


def figures(
    orders: OrderFacts = NOTHING_SOLD,
    metrics: MetricFacts = NOTHING_MEASURED,
    costs: CostInputs = NO_COSTS,
    platforms: tuple[Platform, ...] = (Platform.DOUYIN,),
) -> ShowFigures:
    return ShowFigures(platforms=platforms, orders=orders, metrics=metrics, costs=costs)


def test_div_round_rounds_half_away_from_zero_and_refuses_zero() -> None:
    assert div_round(5, 2) == 3 and div_round(-5, 2) == -3 and div_round(4, 3) == 1 and div_round(5, -2) == -3
    assert div_round(7, 0) is None


def test_nothing_known_gives_none_everywhere() -> None:
    values = kpi_values(figures())
    assert set(values) == set(KPI_KEYS)
    assert {key: v.value for key, v in values.items() if v.value is not None} == {}


def test_orders_without_metrics_give_order_kpis_and_no_audience_ratios() -> None:
    own = OrderFacts(orders=2, gmv_minor=1000, refunds_minor=0, buyers=2, parcels=2, units=2, cogs_minor=400)
    values = kpi_values(figures(own))
    assert (values["gmv"].value, values["net_gmv"].value, values["aov"].value) == (1000, 1000, 500)
    assert values["refund_rate"].value == 0.0  # known and zero: 0, not None
    for key in ("gpm", "uv_value", "interaction_rate", "follower_conversion", "watch_to_buy", "average_watch_seconds"):
        assert values[key].value is None, key
    assert values["gross_profit"].value == 600
    assert values["roi"].value is None and values["profit_after_budget"].value is None  # no budget: no ROI


def test_zero_denominators_give_none() -> None:
    own = OrderFacts(orders=1, gmv_minor=0, buyers=0, parcels=1, units=1, cogs_minor=0)
    metrics = MetricFacts(viewers=0, views=0, comments=3, platforms=(Platform.DOUYIN,))
    values = kpi_values(figures(own, metrics, platforms=(Platform.DOUYIN,)))
    assert values["refund_rate"].value is None  # refunds ÷ GMV of 0
    assert values["aov"].value == 0  # 0 ÷ 1 order (buyers 0 falls back to orders)
    assert values["aov"].basis == "orders"
    for key in ("gpm", "uv_value", "interaction_rate", "follower_conversion", "watch_to_buy"):
        assert values[key].value is None, key
    steps = funnel(figures(own, MetricFacts(room_exposures=0, viewers=10)))
    assert [(s.key, s.count, s.rate) for s in steps[:2]] == [("room_exposures", 0, None), ("viewers", 10, None)]


def test_unknown_cost_leaves_profit_blank_not_zero() -> None:
    own = OrderFacts(orders=1, gmv_minor=5000, buyers=1, parcels=1, units=1, cogs_minor=None)
    costs = CostInputs(500, False, 100, False, 0, 1000)
    values = kpi_values(figures(own, costs=costs))
    assert values["gross_profit"].value is None and values["profit_after_budget"].value is None
    assert values["roi"].value == pytest.approx(5.0)  # ROI needs no cost: net GMV ÷ budget


def test_without_own_orders_the_platform_figures_count() -> None:
    metrics = platform_facts(
        {"platform_gmv_minor": 90_000, "platform_orders": 30, "viewers": 3000},
        SampleAggregate(samples=2, sums={"buyers": 25, "views": 6000}),
    )
    values = kpi_values(figures(metrics=metrics))
    assert (values["gmv"].value, values["gmv"].basis) == (90_000, "platform")
    assert (values["orders"].value, values["buyers"].value) == (30, 25)
    assert values["buyers"].approx  # per-minute buyers added up
    assert values["net_gmv"].value is None and values["gross_profit"].value is None  # no refunds known
    assert (values["aov"].value, values["aov"].basis) == (3600, "buyers")  # 90,000 ÷ 25
    assert values["gpm"].value == 15_000  # 90,000 × 1,000 ÷ 6,000 views
    assert values["watch_to_buy"].value == pytest.approx(25 / 3000) and values["watch_to_buy"].approx
    assert values["refund_rate"].value is None and values["new_buyers"].value is None


def test_totals_win_over_samples_and_samples_fill_gaps() -> None:
    samples = SampleAggregate(
        samples=3,
        sums={"views": 900, "entries": 400, "new_followers": 9, "gmv_minor": 100},
        online_max=70,
        online_mean=50.0,
        online_seconds=9000,
    )
    facts = platform_facts({"views": 1000, "peak_online": 80}, samples)
    assert (facts.views, facts.peak_online, facts.average_online) == (1000, 80, 50.0)
    assert (facts.viewers, facts.viewers_approx) == (400, True)  # entries stand in for viewers
    assert facts.average_watch_seconds == pytest.approx(9000 / 400) and facts.watch_approx
    assert (facts.new_followers, facts.platform_gmv_minor) == (9, 100)
    assert facts.interacting_viewers is None and facts.room_exposures is None


def test_two_platforms_add_up_and_peaks_are_approximate() -> None:
    douyin = platform_facts({"viewers": 1000, "average_watch_seconds": 60, "peak_online": 100}, SampleAggregate())
    tiktok = platform_facts({"viewers": 3000, "average_watch_seconds": 20, "peak_online": 50}, SampleAggregate())
    both = combine_platforms({Platform.DOUYIN: douyin, Platform.TIKTOK: tiktok})
    assert both.viewers == 4000 and both.peak_online == 150 and both.peak_approx
    assert both.average_watch_seconds == pytest.approx((60 * 1000 + 20 * 3000) / 4000)  # weighted by viewers
    assert both.platforms == (Platform.DOUYIN, Platform.TIKTOK)
    only = combine_platforms({Platform.DOUYIN: douyin})
    assert not only.peak_approx


def test_tiktok_gpm_uses_impressions_without_views() -> None:
    own = OrderFacts(orders=1, gmv_minor=2000, buyers=1, parcels=1, units=1)
    metrics = MetricFacts(product_exposures=500, platforms=(Platform.TIKTOK,))
    tiktok = kpi_values(figures(own, metrics, platforms=(Platform.TIKTOK,)))
    assert (tiktok["gpm"].value, tiktok["gpm"].basis) == (4000, "impressions")
    douyin = kpi_values(figures(own, metrics, platforms=(Platform.DOUYIN,)))
    assert douyin["gpm"].value is None


def test_interaction_rate_prefers_interacting_viewers() -> None:
    exact = MetricFacts(viewers=200, interacting_viewers=30, comments=100, views=1000)
    value = kpi_values(figures(metrics=exact))["interaction_rate"]
    assert (value.value, value.basis, value.approx) == (pytest.approx(0.15), "interacting_viewers", False)
    counts = MetricFacts(viewers=200, likes=40, views=1000)
    value = kpi_values(figures(metrics=counts))["interaction_rate"]
    assert (value.value, value.basis, value.approx) == (pytest.approx(0.04), "counts", True)


def test_gross_profit_formula() -> None:
    # net 9,000 − COGS 3,000 − fee 2.5 % of 9,000 (225) − shipping 150 × 4 − giveaways 500 = 4,675
    own = OrderFacts(orders=5, gmv_minor=10_000, refunds_minor=1000, buyers=5, parcels=4, units=6, cogs_minor=3000)
    costs = CostInputs(250, False, 150, False, 500, 2000)
    values = kpi_values(figures(own, costs=costs))
    assert values["gross_profit"].value == 4675
    assert values["profit_after_budget"].value == 2675
    assert values["roi"].value == pytest.approx(4.5)


def test_compare_with_targets_and_previous() -> None:
    now = kpi_values(figures(OrderFacts(orders=4, gmv_minor=8000, buyers=4, parcels=4, units=4)))
    before = kpi_values(figures(OrderFacts(orders=5, gmv_minor=0, buyers=5, parcels=5, units=5)))
    kpis = {k.key: k for k in compare(now, before, targets_of(9000, 4, None))}
    assert (kpis["gmv"].target_met, kpis["gmv"].delta, kpis["gmv"].delta_ratio) == (False, 8000, None)  # before 0
    assert (kpis["orders"].target_met, kpis["orders"].delta, kpis["orders"].delta_ratio) == (True, -1, -0.2)
    assert kpis["new_followers"].target is None and kpis["new_followers"].target_met is None
    assert [k.key for k in compare(now, None, {})] == list(KPI_KEYS)


def test_funnel_skips_missing_steps() -> None:
    metrics = MetricFacts(viewers=1000, product_clicks=100, platform_orders=10)
    steps = funnel(figures(metrics=metrics))
    assert [(s.key, s.count, s.rate) for s in steps] == [
        ("room_exposures", None, None),
        ("viewers", 1000, None),
        ("product_exposures", None, None),
        ("product_clicks", 100, 0.1),  # ÷ viewers, the nearest earlier step with data
        ("orders_created", None, None),
        ("paid", 10, 0.1),
    ]
    assert steps[-1].basis == "platform"
