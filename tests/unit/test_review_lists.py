"""Review: which shows can be reviewed and compared, and the timeline of a show without a live run (planned bands)."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import FakeUTCClock
from review_support import START, add_order, add_samples, add_show, build, review_service

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
from streamdesk.core.errors import UserError
from streamdesk.core.review_types import TotalsInput
from streamdesk.db import Database
from streamdesk.models.base import Platform, SegmentKind, ShowStatus
from streamdesk.models.metrics import ShowTotals
from streamdesk.models.shows import Segment


def day(d: int, hour: int = 10) -> datetime:
    return datetime(2026, 1, d, hour, 0, tzinfo=UTC)


def test_reviewable_and_comparable_shows(database: Database, tmp_path: Path, utc_clock: FakeUTCClock) -> None:
    synthetic = build(database, tmp_path, utc_clock)  # Spring scarves (5 Jan, timer) and Winter hats (1 Jan, DONE)
    past_scheduled, _ = add_show(database, "Past, never marked", planned_start=day(3), status=ShowStatus.SCHEDULED)
    kuaishou, _ = add_show(database, "Kuaishou only", planned_start=day(4), platforms="kuaishou")
    add_show(database, "Next week", planned_start=day(12), status=ShowStatus.SCHEDULED)  # not started yet
    add_show(database, "Called off", planned_start=day(2), status=ShowStatus.CANCELLED)
    add_show(database, "Template", planned_start=None, status=ShowStatus.DRAFT, is_template=True)
    review = review_service(database, utc_clock)

    assert [h.title for h in review.reviewable_shows()] == [
        "Spring scarves",
        "Kuaishou only",
        "Past, never marked",
        "Winter hats",
    ]
    assert [h.show_id for h in review.comparable_shows(synthetic.show_id)] == [
        kuaishou,
        past_scheduled,
        synthetic.previous_id,
    ]
    # the latest earlier DONE show sharing a platform: Kuaishou only shares none, Past… is not DONE
    assert review.previous_comparable(synthetic.show_id) == synthetic.previous_id
    assert review.previous_comparable(synthetic.previous_id) is None
    assert review.comparable_shows(synthetic.previous_id) == ()


def test_unknown_show_is_a_user_error(database: Database, utc_clock: FakeUTCClock) -> None:
    review = review_service(database, utc_clock)
    for call in (review.review, review.timeline, review.comparable_shows, review.previous_comparable):
        with pytest.raises(UserError) as caught:
            call(404)
        assert caught.value.code == "review.show_not_found"


def test_timeline_matches_the_review(database: Database, tmp_path: Path, utc_clock: FakeUTCClock) -> None:
    synthetic = build(database, tmp_path, utc_clock)
    review = review_service(database, utc_clock)
    assert review.timeline(synthetic.show_id) == review.review(synthetic.show_id).timeline


def test_without_a_live_run_bands_are_back_timed_from_the_planned_start(
    database: Database, utc_clock: FakeUTCClock
) -> None:
    show_id, segment_ids = add_show(
        database,
        "Planned only",
        planned_start=START,
        segments=(("Hello", 300, SegmentKind.OPENING), ("Sale", 120, SegmentKind.FLASH_SALE)),
    )
    with database.sessions(write=True) as session, session.begin():
        sale = session.get(Segment, segment_ids[1])
        assert sale is not None
        sale.fixed_start = START + timedelta(seconds=600)  # waits 300 s after "Hello" ends
        session.add(sale)
    # the first sample two minutes late is the show's start: the planned bands move 120 s earlier on its axis
    add_samples(database, show_id, [(START + timedelta(minutes=2), {"online": 5}), (START + timedelta(minutes=3), {})])
    timeline = review_service(database, utc_clock).timeline(show_id)
    assert timeline.origin == START + timedelta(minutes=2)
    assert [(b.title, b.start_seconds, b.end_seconds, b.from_timer) for b in timeline.bands] == [
        ("Hello", -120.0, 180.0, False),
        ("Sale", 480.0, 600.0, False),
    ]
    assert [(m.kind, m.at_seconds) for m in timeline.markers] == [("flash_sale", 480.0)]
    assert timeline.seconds == (0.0, 60.0)


def test_a_show_with_nothing_has_no_origin_and_no_figures(database: Database, utc_clock: FakeUTCClock) -> None:
    show_id, _ = add_show(database, "Empty", planned_start=None, status=ShowStatus.DONE, platforms="")
    data = review_service(database, utc_clock).review(show_id)
    assert data.header.started_at is None and data.timeline.origin is None
    assert data.timeline.seconds == () and data.segments == () and data.products == ()
    assert all(k.value is None for k in data.kpis if k.key not in ("gmv", "orders", "buyers"))
    assert {k.key: k.value for k in data.kpis if k.key in ("gmv", "orders", "buyers")} == {
        "gmv": None,
        "orders": None,
        "buyers": None,
    }
    assert not data.has_metrics
    assert data.costs.fee_basis_points == 0  # no platform: no default fee


def test_platforms_are_added_per_time_with_nan_for_silence(database: Database, utc_clock: FakeUTCClock) -> None:
    show_id, _ = add_show(database, "Two platforms", planned_start=START, platforms="douyin,tiktok")
    add_samples(
        database, show_id, [(START, {"online": 10, "likes": None}), (START + timedelta(minutes=1), {"online": 7})]
    )
    # TikTok samples every 30 s: its viewer-seconds count 30 s per sample, Douyin's 60 s
    add_samples(
        database,
        show_id,
        [(START, {"online": 5, "likes": 3}), (START + timedelta(seconds=90), {"online": 1})],
        platform=Platform.TIKTOK,
        interval_seconds=30,
    )
    review = review_service(database, utc_clock)
    timeline = review.timeline(show_id)
    assert timeline.seconds == (0.0, 60.0, 90.0)
    assert timeline.series["online"] == (15.0, 7.0, 1.0)
    assert timeline.series["likes"][0] == 3.0 and math.isnan(timeline.series["likes"][1])
    assert all(math.isnan(v) for v in timeline.series["views"])
    with database.sessions(write=True) as session, session.begin():
        session.add(ShowTotals(show_id=show_id, platform=Platform.DOUYIN, viewers=100))
        session.add(ShowTotals(show_id=show_id, platform=Platform.TIKTOK, viewers=10))
    kpis = {k.key: k for k in review.review(show_id).kpis}
    # Douyin: (10 + 7) × 60 s ÷ 100 viewers = 10.2 s; TikTok: (5 + 1) × 30 s ÷ 10 = 18 s; weighted by viewers:
    # (10.2 × 100 + 18 × 10) ÷ 110 = 1200 ÷ 110
    assert kpis["average_watch_seconds"].value == pytest.approx(1200 / 110)
    assert kpis["peak_online"].value == 10 + 5 and kpis["peak_online"].approx  # the peaks added


def test_imports_with_different_intervals_count_their_own(database: Database, utc_clock: FakeUTCClock) -> None:
    show_id, _ = add_show(database, "Mixed steps", planned_start=START)
    add_samples(database, show_id, [(START, {"online": 10}), (START + timedelta(minutes=1), {"online": 20})])
    add_samples(database, show_id, [(START + timedelta(minutes=2), {"online": 40})], interval_seconds=10)
    review = review_service(database, utc_clock)
    review.save_totals(show_id, TotalsInput(platform=Platform.DOUYIN, values={"viewers": 10}))
    watch = next(k for k in review.review(show_id).kpis if k.key == "average_watch_seconds")
    assert watch.value == pytest.approx(((10 + 20) * 60 + 40 * 10) / 10) and watch.approx


def test_a_bundle_without_a_cost_costs_its_components(
    database: Database, tmp_path: Path, utc_clock: FakeUTCClock
) -> None:
    synthetic = build(database, tmp_path, utc_clock)  # a1 costs 1,000, b1 3,000
    catalogue = Catalogue(
        database.sessions,
        images_dir=tmp_path / "images",
        thumbnails_dir=tmp_path / "thumbs",
        weights=ScoreWeights(),
        clock=utc_clock,
    )
    known = catalogue.create_product(
        ProductInput(
            title="Gift set", variants=(VariantInput("SET", components=((synthetic.a1, 2), (synthetic.b1, 1))),)
        )
    )
    loose = catalogue.create_product(ProductInput(title="No cost", variants=(VariantInput("LOOSE"),)))
    unknown = catalogue.create_product(
        ProductInput(title="Mystery set", variants=(VariantInput("MYST", components=((synthetic.a1, 1),)),))
    )
    gift_set = catalogue.get_product(known).variants[0].id
    show_id, _ = add_show(database, "Bundles", planned_start=START + timedelta(days=1))
    add_order(
        database, "B1", show_id=show_id, created_at=START, paid_minor=9000, customer="k", lines=((gift_set, 2, 9000),)
    )
    review = review_service(database, utc_clock)
    products = review.review(show_id).products
    assert [(p.title, p.cost_minor, p.profit_minor) for p in products] == [("Gift set", 2 * (2 * 1000 + 3000), -1000)]
    # a component without a cost (its own variant has none either) makes the set's cost, and the profit, unknown
    loose_id = catalogue.get_product(loose).variants[0].id
    mystery = catalogue.get_product(unknown)
    catalogue.update_product(
        unknown,
        ProductInput(
            title="Mystery set",
            variants=(VariantInput("MYST", id=mystery.variants[0].id, components=((synthetic.a1, 1), (loose_id, 1))),),
        ),
    )
    add_order(
        database, "B2", show_id=show_id, created_at=START, paid_minor=500, customer="m",
        lines=((mystery.variants[0].id, 1, 500),),
    )  # fmt: skip
    data = review.review(show_id)
    by_title = {p.title: p for p in data.products}
    assert by_title["Mystery set"].cost_minor is None and by_title["Mystery set"].profit_minor is None
    assert next(k for k in data.kpis if k.key == "gross_profit").value is None
