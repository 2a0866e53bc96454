"""Review.trends(): one point per reviewable show, oldest first, the same figures as review(), a platform filter,
and a fixed number of statements however many shows there are."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import FakeUTCClock
from review_support import add_order, add_show, build, review_service
from sqlalchemy import event

from streamdesk.db import Database
from streamdesk.models.base import Platform


@contextmanager
def counted_statements(database: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        seen.append(statement)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", count)


def test_trends_match_the_review(database: Database, tmp_path: Path, utc_clock: FakeUTCClock) -> None:
    synthetic = build(database, tmp_path, utc_clock)
    review = review_service(database, utc_clock)
    points = review.trends()
    assert [p.show_id for p in points] == [synthetic.previous_id, synthetic.show_id]  # oldest first
    previous, latest = points
    assert (previous.gmv_minor, previous.net_gmv_minor, previous.conversion, previous.new_followers) == (
        30_000,
        30_000,
        None,
        None,
    )
    data = review.review(synthetic.show_id)
    value = {k.key: k.value for k in data.kpis}
    assert latest.gmv_minor == value["gmv"] == 45_000
    assert latest.net_gmv_minor == value["net_gmv"] == 36_000
    assert latest.profit_minor == value["gross_profit"] == 24_300
    assert latest.conversion == pytest.approx(3 / 2000) and latest.conversion == value["watch_to_buy"]
    assert latest.average_watch_seconds == pytest.approx(19.5)
    assert latest.new_followers == 10
    assert latest.started_at == data.header.started_at and latest.currency == "CNY"
    assert latest.platforms == (Platform.DOUYIN,)


def test_platform_filter_counts_only_that_platform(database: Database, utc_clock: FakeUTCClock) -> None:
    start = datetime(2026, 1, 2, 10, 0, tzinfo=UTC)
    both, _ = add_show(database, "Both", planned_start=start, platforms="douyin,kuaishou")
    douyin_only, _ = add_show(database, "Douyin", planned_start=start + timedelta(days=1))
    add_order(database, "D1", show_id=both, created_at=start, paid_minor=1000, customer="a")
    add_order(database, "K1", show_id=both, created_at=start, paid_minor=300, customer="b", platform=Platform.KUAISHOU)
    add_order(database, "D2", show_id=douyin_only, created_at=start + timedelta(days=1), paid_minor=50, customer="c")
    review = review_service(database, utc_clock)
    assert [(p.title, p.gmv_minor) for p in review.trends()] == [("Both", 1300), ("Douyin", 50)]
    assert [(p.title, p.gmv_minor) for p in review.trends(platform=Platform.KUAISHOU)] == [("Both", 300)]
    assert [(p.title, p.gmv_minor) for p in review.trends(platform=Platform.DOUYIN)] == [
        ("Both", 1000),
        ("Douyin", 50),
    ]
    assert review.trends(platform=Platform.TIKTOK) == ()


def test_trends_cost_the_same_statements_for_2_or_20_shows(database: Database, utc_clock: FakeUTCClock) -> None:
    review = review_service(database, utc_clock)
    start = datetime(2025, 12, 1, 10, 0, tzinfo=UTC)

    def add(count: int) -> None:
        for _ in range(count):
            number = len(review.reviewable_shows())
            show_id, _ = add_show(database, f"Show {number}", planned_start=start + timedelta(days=number))
            add_order(database, f"N{number}", show_id=show_id, created_at=start, paid_minor=100, customer=f"c{number}")

    add(2)
    with counted_statements(database) as few:
        assert len(review.trends()) == 2
    add(18)
    with counted_statements(database) as many:
        assert len(review.trends()) == 20
    assert len(many) == len(few) <= 12
