"""The demo's reviews (core/demo_review.py): minute data consistent with the demo orders, totals, notes, and action
items that carry forward to the next show; the same seed gives the same metrics."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from streamdesk.config import ReviewSettings
from streamdesk.core.demo import DemoSummary, write_demo
from streamdesk.core.jobs import run_to_end
from streamdesk.core.review import Review
from streamdesk.core.show_types import ShowStatus
from streamdesk.core.shows import Shows
from streamdesk.db import Database, open_database

NOW = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    path = tmp_path_factory.mktemp("demo-review") / "shop.sqlite3"
    summary = run_to_end(write_demo(path, seed=7, clock=lambda: NOW))
    database = open_database(path)
    yield database, summary
    database.dispose()


def _rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_every_streamed_show_has_minute_data_on_each_of_its_platforms(shop) -> None:
    shows = Shows(shop[0].sessions, clock=lambda: NOW)
    streamed = shows.list_shows(status=ShowStatus.DONE)
    assert len(streamed) == 9
    got = {(show_id, platform): count for show_id, platform, count in _rows(
        shop[1].database, "SELECT show_id, platform, count(*) FROM metric_samples GROUP BY show_id, platform")}  # fmt: skip
    wanted = {(show.id, platform.value) for show in streamed for platform in show.platforms}
    assert set(got) == wanted
    assert all(count >= 80 for count in got.values())  # an hour and a half of minutes or more
    imports = _rows(shop[1].database, "SELECT show_id, platform, kind, samples FROM metric_imports")
    assert {(row[0], row[1]) for row in imports} == wanted and all(row[2] == "trend" for row in imports)


def test_gmv_and_orders_per_minute_are_the_demo_orders_of_that_minute(shop) -> None:
    orders: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for show_id, minute, paid in _rows(
        shop[1].database,
        "SELECT show_id, strftime('%Y-%m-%d %H:%M', created_at), coalesce(paid_minor, goods_minor) FROM orders "
        "WHERE show_id IS NOT NULL AND status NOT IN ('cancelled', 'pending_payment')",
    ):
        orders[(show_id, minute)][0] += paid
        orders[(show_id, minute)][1] += 1
    samples = {
        (show_id, minute): [gmv, count]
        for show_id, minute, gmv, count in _rows(
            shop[1].database,
            "SELECT show_id, strftime('%Y-%m-%d %H:%M', at), sum(gmv_minor), sum(orders) FROM metric_samples "
            "GROUP BY show_id, at HAVING sum(orders) > 0",
        )
    }
    assert samples == dict(orders) and len(samples) > 30
    totals = _rows(shop[1].database, "SELECT show_id, sum(platform_gmv_minor), sum(platform_orders) FROM show_totals "
                                     "WHERE platform_gmv_minor IS NOT NULL GROUP BY show_id")  # fmt: skip
    for show_id, gmv, count in totals:
        assert gmv == sum(v[0] for k, v in orders.items() if k[0] == show_id)
        assert count == sum(v[1] for k, v in orders.items() if k[0] == show_id)


def test_the_audience_is_plausible_and_the_totals_agree_with_it(shop) -> None:
    for show_id, platform, peak, viewers, entries, online_max in _rows(
        shop[1].database,
        "SELECT t.show_id, t.platform, t.peak_online, t.viewers, sum(s.entries), max(s.online) FROM show_totals t "
        "JOIN metric_samples s ON s.show_id = t.show_id AND s.platform = t.platform GROUP BY t.id",
    ):
        assert peak == online_max > 20, (show_id, platform)
        assert 0 < viewers < entries  # people are fewer than visits


def test_reviews_have_notes_and_the_open_actions_carry_to_the_next_show(shop) -> None:
    review = Review(shop[0].sessions, clock=lambda: NOW, settings=lambda: ReviewSettings())
    shows = Shows(shop[0].sessions, clock=lambda: NOW)
    done = shows.list_shows(status=ShowStatus.DONE)
    for show in done:
        data = review.review(show.id)
        assert data.has_metrics and data.notes.went_well and data.notes.problems and data.actions
    upcoming = sorted((s for s in shows.list_shows(status=ShowStatus.SCHEDULED) if s.planned_start),
                      key=lambda s: s.planned_start or NOW)  # fmt: skip
    carried = review.carried_actions(upcoming[0].id)
    assert carried and all(item.done_at is None for item in carried)
    ticked = _rows(shop[1].database, "SELECT count(*) FROM action_items WHERE done_at IS NOT NULL AND done_show_id "
                                     "IS NOT NULL")[0][0]  # fmt: skip
    assert ticked >= 2  # older items were ticked off on a later show


def test_the_same_seed_gives_the_same_review_data(shop, tmp_path: Path) -> None:
    again = run_to_end(write_demo(tmp_path / "again.sqlite3", seed=7, clock=lambda: NOW))
    query = ("SELECT show_id, platform, at, online, entries, exits, views, gmv_minor, orders, likes, new_followers, "
             "product_clicks FROM metric_samples ORDER BY show_id, platform, at")  # fmt: skip
    assert _rows(again.database, query) == _rows(shop[1].database, query)
    notes = "SELECT show_id, position, text, done_at, done_show_id FROM action_items ORDER BY id"
    assert _rows(again.database, notes) == _rows(shop[1].database, notes)
