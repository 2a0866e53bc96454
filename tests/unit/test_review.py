"""Review.review() on the synthetic show of review_support: every figure hand-computed from its table."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from conftest import FakeUTCClock
from review_support import START, Synthetic, build, review_service

from streamdesk.core.review_types import Kpi, ShowReviewData
from streamdesk.db import Database
from streamdesk.models.base import SegmentKind


@pytest.fixture
def synthetic(database: Database, tmp_path: Path, utc_clock: FakeUTCClock) -> Synthetic:
    return build(database, tmp_path, utc_clock)


@pytest.fixture
def data(database: Database, utc_clock: FakeUTCClock, synthetic: Synthetic) -> ShowReviewData:
    return review_service(database, utc_clock).review(synthetic.show_id)


def kpi(data: ShowReviewData, key: str) -> Kpi:
    return next(k for k in data.kpis if k.key == key)


def test_order_kpis_count_paid_orders_and_refunds_once(data: ShowReviewData) -> None:
    # O1..O4 count (O5 cancelled, O6 awaiting payment do not): 10,000 + 25,000 + 6,000 + 4,000
    assert kpi(data, "gmv").value == 45_000
    assert kpi(data, "gmv").basis == "orders"
    assert kpi(data, "orders").value == 4
    # refunds: O2's after-sales 5,000 (already inside its refunded_minor, not added again) + O4 refunded with no
    # amount recorded = all 4,000 it paid → 9,000
    assert kpi(data, "net_gmv").value == 45_000 - 9000
    assert kpi(data, "refund_rate").value == pytest.approx(9000 / 45_000)
    assert kpi(data, "buyers").value == 3  # X, Y (two orders), Z
    assert kpi(data, "aov").value == 15_000  # 45,000 ÷ 3 buyers
    assert kpi(data, "aov").basis == "buyers"
    # Y and Z never ordered before; X ordered O0 (no show) on 1 Dec 2025
    assert (kpi(data, "new_buyers").value, kpi(data, "returning_buyers").value) == (2, 1)


def test_gross_profit_roi_and_cost_inputs(data: ShowReviewData) -> None:
    # COGS of the units kept: O1 a1×2 (2,000) + O2 b1×1 (3,000) + O3 a1×1 (1,000); O4 was refunded: 0 → 6,000
    # fee 5 % (settings default for Douyin) of net 36,000 = 1,800; shipping 800 × 3 parcels (O4 never shipped)
    # = 2,400; giveaways 1,500 → 36,000 − 6,000 − 1,800 − 2,400 − 1,500 = 24,300
    assert kpi(data, "gross_profit").value == 24_300
    assert kpi(data, "roi").value == pytest.approx(36_000 / 10_000)  # net GMV ÷ budget 10,000
    assert kpi(data, "profit_after_budget").value == 24_300 - 10_000
    costs = data.costs
    assert (costs.fee_basis_points, costs.fee_default) == (500, True)
    assert (costs.shipping_per_order_minor, costs.shipping_default) == (800, False)
    assert (costs.giveaways_minor, costs.budget_minor) == (1500, 10_000)


def test_audience_kpis_from_totals_and_samples(data: ShowReviewData) -> None:
    # views: no total, so the samples' 300 + 500 + 200 + 100 = 1,100; GPM 45,000 × 1,000 ÷ 1,100 = 40,909.09
    assert (kpi(data, "gpm").value, kpi(data, "gpm").basis) == (40_909, "views")
    assert kpi(data, "uv_value").value == 23  # 45,000 ÷ 2,000 viewers (total) = 22.5, half up
    assert kpi(data, "peak_online").value == 300
    assert kpi(data, "average_online").value == pytest.approx((100 + 200 + 300 + 50) / 4)
    # no average watch total: (100 + 200 + 300 + 50) viewers × 60 s ÷ 2,000 viewers = 19.5 s, approximate
    watch = kpi(data, "average_watch_seconds")
    assert (watch.value, watch.approx) == (pytest.approx(19.5), True)
    # no de-duplicated interacting viewers: (comments 30 + likes 80 + shares 5) ÷ views 1,100, approximate
    interaction = kpi(data, "interaction_rate")
    assert (interaction.value, interaction.approx, interaction.basis) == (pytest.approx(115 / 1100), True, "counts")
    assert kpi(data, "new_followers").value == 10  # 2 + 3 + 5 + 0
    assert kpi(data, "follower_conversion").value == pytest.approx(10 / 2000)
    assert kpi(data, "watch_to_buy").value == pytest.approx(3 / 2000)
    assert data.has_metrics


def test_targets_and_previous_comparable_show(data: ShowReviewData, synthetic: Synthetic) -> None:
    assert data.compare_to is not None and data.compare_to.show_id == synthetic.previous_id
    gmv = kpi(data, "gmv")
    assert (gmv.target, gmv.target_met) == (20_000, True)
    assert (gmv.previous, gmv.delta, gmv.delta_ratio) == (30_000, 15_000, pytest.approx(0.5))
    orders = kpi(data, "orders")
    assert (orders.target, orders.target_met, orders.previous, orders.delta) == (5, False, 1, 3)
    followers = kpi(data, "new_followers")
    assert (followers.target, followers.target_met) == (10, True)
    assert followers.previous is None and followers.delta is None and followers.delta_ratio is None
    refund = kpi(data, "refund_rate")
    assert refund.higher_is_better is False
    assert refund.previous == 0.0 and refund.delta_ratio is None  # 0 before: no ratio against it


def test_compare_to_none_and_explicit(database: Database, utc_clock: FakeUTCClock, synthetic: Synthetic) -> None:
    review = review_service(database, utc_clock)
    alone = review.review(synthetic.show_id, auto_compare=False)
    assert alone.compare_to is None
    assert all(k.previous is None and k.delta is None for k in alone.kpis)
    backwards = review.review(synthetic.previous_id, compare_to=synthetic.show_id)
    gmv = next(k for k in backwards.kpis if k.key == "gmv")
    assert (gmv.value, gmv.previous, gmv.delta) == (30_000, 45_000, -15_000)


def test_funnel_steps_divide_by_the_step_before(data: ShowReviewData) -> None:
    steps = {step.key: (step.count, step.rate) for step in data.funnel}
    assert steps["room_exposures"] == (10_000, None)
    assert steps["viewers"] == (2000, pytest.approx(0.2))
    assert steps["product_exposures"] == (800, pytest.approx(0.4))
    assert steps["product_clicks"] == (200, pytest.approx(0.25))
    assert steps["orders_created"] == (5, pytest.approx(0.025))
    assert steps["paid"] == (4, pytest.approx(0.8))


def test_timeline_bands_come_from_the_timer_with_the_pause_inside(data: ShowReviewData) -> None:
    timeline = data.timeline
    assert timeline.origin == START
    assert [(b.title, b.start_seconds, b.end_seconds, b.from_timer) for b in timeline.bands] == [
        ("Opening", 0.0, 400.0, True),  # paused 1100-1160 on the timer: still the Opening's time on air
        ("Pitch", 400.0, 1000.0, True),
        ("Flash sale", 1000.0, 1200.0, True),
        ("Closing", 1200.0, 1300.0, True),
    ]
    assert data.header.started_at == START
    assert data.header.ended_at is not None and (data.header.ended_at - START).total_seconds() == 1300
    assert timeline.seconds == (0.0, 420.0, 1020.0, 1500.0)
    assert timeline.series["online"] == (100.0, 200.0, 300.0, 50.0)
    assert all(math.isnan(v) for v in timeline.series["gmv_minor"])  # no platform sent GMV
    assert all(math.isnan(v) for v in timeline.series["shares"][2:])
    # the app's orders per minute: O1 at minute 1, O2 at 8, O3 at 9, O4 at 17
    assert timeline.order_minutes == (60.0, 480.0, 540.0, 1020.0)
    assert timeline.order_counts == (1, 1, 1, 1)
    assert timeline.order_gmv_minor == (10_000, 25_000, 6000, 4000)
    assert [(m.kind, m.at_seconds, m.label) for m in timeline.markers] == [
        ("flash_sale", 1000.0, "Flash sale"),
        ("lucky_draw", 1140.0, "Scarf"),
    ]


def test_segment_results_attribute_orders_by_segment_then_time(data: ShowReviewData) -> None:
    rows = {r.band.title: r for r in data.segments}
    assert [r.band.title for r in data.segments] == ["Opening", "Pitch", "Flash sale", "Closing"]
    opening, pitch, flash, closing = (rows[t] for t in ("Opening", "Pitch", "Flash sale", "Closing"))
    assert (opening.orders, opening.units, opening.gmv_minor, opening.planned_seconds) == (1, 2, 10_000, 300)
    assert (pitch.orders, pitch.units, pitch.gmv_minor) == (1, 1, 25_000)
    # O3 was placed at 9:00 (the Pitch's time) but names the Flash sale; O4 at 17:00 falls inside the Flash sale
    assert (flash.orders, flash.units, flash.gmv_minor) == (2, 2, 10_000)
    assert (closing.orders, closing.gmv_minor) == (0, 0)
    # samples inside each band: Opening 0 s, Pitch 420 s, Flash sale 1020 s; the one at 1500 s is after the finish
    assert (opening.views, opening.gpm_minor, opening.peak_online) == (300, 33_333, 100)  # 10,000 × 1,000 ÷ 300
    assert (pitch.views, pitch.gpm_minor, pitch.new_followers) == (500, 50_000, 3)
    assert (flash.views, flash.gpm_minor, flash.average_online) == (200, 50_000, 300.0)
    assert (closing.views, closing.gpm_minor, closing.average_online, closing.new_followers) == (None, None, None, None)
    assert flash.band.kind is SegmentKind.FLASH_SALE


def test_products_by_variant_with_refunds_costs_and_targets(data: ShowReviewData, synthetic: Synthetic) -> None:
    by_variant = {p.variant_id: p for p in data.products}
    a1, b1 = by_variant[synthetic.a1], by_variant[synthetic.b1]
    # a1: O1 ×2 (10,000), O3 ×1 (6,000), O4 ×1 (4,000, refunded in full); cost of the 3 kept units 3,000
    assert (a1.units, a1.gmv_minor, a1.refunded_minor, a1.cost_minor) == (4, 20_000, 4000, 3000)
    assert a1.profit_minor == 20_000 - 4000 - 3000
    assert (a1.target_units, a1.target_met) == (5, False)
    # b1: O2 ×1 (25,000), its 5,000 refund; cost 3,000
    assert (b1.units, b1.gmv_minor, b1.refunded_minor, b1.cost_minor, b1.profit_minor) == (
        1,
        25_000,
        5000,
        3000,
        17_000,
    )
    assert (b1.target_units, b1.target_met) == (1, True)
    assert b1.share == pytest.approx(25_000 / 45_000) and a1.share == pytest.approx(20_000 / 45_000)
    assert [p.variant_id for p in data.products] == [synthetic.b1, synthetic.a1]  # by GMV
    assert (b1.best, b1.worst, a1.best, a1.worst) == (True, False, False, True)
    assert sum(p.refunded_minor for p in data.products) == 9000  # the show's refunds, once


def test_totals_and_imports_are_listed(data: ShowReviewData) -> None:
    assert [t.platform.value for t in data.totals] == ["douyin"]
    assert data.totals[0].values["viewers"] == 2000 and data.totals[0].values["views"] is None
    assert [(i.preset, i.file_name) for i in data.imports] == [("douyin_trend", "trend.csv")]


def test_every_basis_used_is_one_review_labels_explains(data: ShowReviewData) -> None:
    from streamdesk.core.review_kpis import BASES

    assert {k.basis for k in data.kpis} | {s.basis for s in data.funnel} <= {*BASES, ""}
