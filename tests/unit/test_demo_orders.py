"""The demo shop's orders, customers and after-sales cases (core/demo_orders.py), consistent with its shows."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from streamdesk.core.after_sales import AfterSales
from streamdesk.core.backup import Backups
from streamdesk.core.demo import DemoSummary, write_demo
from streamdesk.core.jobs import run_to_end
from streamdesk.core.order_types import CaseKind, CaseStatus, OrderFilter, OrderRow, OrderSort, OrderSource, OrderStatus
from streamdesk.core.orders import Orders
from streamdesk.core.show_types import ShowStatus
from streamdesk.core.shows import Shows
from streamdesk.db import Database, open_database

NOW = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    path = tmp_path_factory.mktemp("demo-orders") / "shop.sqlite3"
    summary = run_to_end(write_demo(path, seed=7, clock=lambda: NOW))
    database = open_database(path)
    yield database, summary
    database.dispose()


def _orders(shop: tuple[Database, DemoSummary]) -> tuple[Orders, tuple[OrderRow, ...]]:
    orders = Orders(shop[0].sessions, clock=lambda: NOW)
    total, rows = orders.count_and_page(OrderFilter(), OrderSort.CREATED, False, 0, 10_000)
    assert total == len(rows) == shop[1].orders
    return orders, rows


def _rows(shop: tuple[Database, DemoSummary], sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(shop[1].database)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_streamed_shows_have_orders_in_their_segments_while_they_were_on_air(shop) -> None:
    from streamdesk.core.advice_history import streamed_shows

    orders, rows = _orders(shop)
    shows = Shows(shop[0].sessions, clock=lambda: NOW)
    done = {s.id: s for s in shows.list_shows(status=ShowStatus.DONE)}
    assert {row.show_id for row in rows} == set(done) and len(done) >= 8
    assert shop[1].orders >= 250 and shop[1].customers >= 150
    with shop[0].sessions() as session:
        streamed = {show.show_id: show for show in streamed_shows(session)}
    assert set(streamed) == set(done)
    for show_id in done:
        origin = streamed[show_id].started_at
        on_air = {s.segment_id: s.visits for s in streamed[show_id].segments}
        for row in (r for r in rows if r.show_id == show_id):
            detail = orders.get_order(row.id)
            offset = (row.created_at - origin).total_seconds()
            assert any(start <= offset <= end for start, end in on_air[detail.segment_id]), row.order_no
            assert row.created_at < NOW and detail.paid_at is not None and detail.lines


def test_buyers_never_run_out_of_new_names(shop) -> None:
    assert any(name[-1].isdigit() and name[-2] not in "0123456789_" for (name,) in _rows(
        shop, "SELECT nickname FROM customers"))  # fmt: skip
    counts = sorted((n for (n,) in _rows(shop, "SELECT count(*) FROM orders GROUP BY customer_id")), reverse=True)
    assert counts[0] <= 12  # the most loyal buyer came back often, not to every order


def test_orders_come_imported_and_live_through_their_whole_lifecycle(shop) -> None:
    _, rows = _orders(shop)
    sources = Counter(row.source for row in rows)
    assert sources[OrderSource.IMPORT] > sources[OrderSource.LIVE] > 10
    statuses = Counter(row.status for row in rows)
    assert {OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.COMPLETED, OrderStatus.CANCELLED,
            OrderStatus.REFUNDED} <= set(statuses)  # fmt: skip
    assert statuses[OrderStatus.COMPLETED] > statuses[OrderStatus.SHIPPED] > statuses[OrderStatus.PAID]
    imported = [row for row in rows if row.source is OrderSource.IMPORT]
    assert all(len(row.order_no) == 19 and row.pii_masked and "****" in row.phone for row in imported)
    assert all(row.order_no.startswith("L-") and not row.pii_masked for row in rows if row.source is OrderSource.LIVE)
    assert all(row.tracking_no for row in rows if row.status in (OrderStatus.SHIPPED, OrderStatus.COMPLETED))
    assert any(row.overdue for row in rows) and not any(
        row.overdue for row in rows if row.status is OrderStatus.SHIPPED
    )
    assert sum(row.needs_review for row in rows) == 1
    assert all(row.ship_by is not None for row in rows)


def test_a_line_waits_to_be_matched_and_stock_follows_the_ledger(shop) -> None:
    orders, _ = _orders(shop)
    (waiting,) = orders.unmatched_lines()
    assert (waiting.sku_code, len(waiting.rows)) == ("FD-2026", 1)
    reasons = dict(_rows(shop, "SELECT reason, count(*) FROM stock_moves GROUP BY reason"))
    assert reasons["sale"] >= shop[1].orders and reasons["return"] >= 3
    assert run_to_end(Backups(shop[1].database).check()).ok
    stamps = [datetime.fromisoformat(s) for (s,) in _rows(shop, "SELECT created_at FROM stock_moves")]
    assert max(stamps) <= NOW.replace(tzinfo=None)


def test_buyers_return_across_shows_and_the_loyal_ones_are_tagged(shop) -> None:
    orders, _ = _orders(shop)
    shows = Shows(shop[0].sessions, clock=lambda: NOW).list_shows(status=ShowStatus.DONE)
    counts = [orders.buyer_counts(s.id) for s in shows]
    assert counts[0].returning_buyers == 0 and counts[0].new_buyers == counts[0].buyers > 20
    assert any(c.returning_buyers >= 5 for c in counts[1:])
    customers = orders.customers()
    tagged = [c for c in customers if c.tags]
    assert len(tagged) == 6 and all(c.orders >= 2 for c in tagged)
    assert sum("vip" in c.tags for c in tagged) == 2
    assert all(c.lifetime_minor >= 0 for c in customers) and max(c.lifetime_minor for c in customers) > 10_000
    detail = orders.get_customer(tagged[0].id)
    assert len(detail.orders) == tagged[0].orders and detail.addresses


def test_after_sales_cases_cover_every_kind_and_step_and_refunds_reach_orders(shop) -> None:
    _, rows = _orders(shop)
    cases = AfterSales(shop[0].sessions, clock=lambda: NOW).cases()
    assert len(cases) == shop[1].cases == 8
    assert {c.kind for c in cases} == set(CaseKind) and {c.status for c in cases} == set(CaseStatus)
    refunded = {row.id: row.refunded_minor for row in rows}
    for case in cases:
        if case.order_id is not None and case.refund_minor:
            assert refunded[case.order_id] >= case.refund_minor > 0
    assert all(r.refunded_minor == r.paid_minor for r in rows if r.status is OrderStatus.REFUNDED)
    returns = [c for c in cases if c.kind is CaseKind.RETURN]
    assert all(c.refund_minor > 0 for c in returns) and all(c.created_at <= NOW for c in cases)


def test_the_latest_show_has_a_waitlist_and_draws_are_logged(shop) -> None:
    orders, _ = _orders(shop)
    shows = Shows(shop[0].sessions, clock=lambda: NOW).list_shows(status=ShowStatus.DONE)
    draws = [d for s in shows for d in orders.draws(s.id)]
    assert draws and all(set(d.winners) <= set(d.entrants) and len(d.winners) == 3 for d in draws)
    assert all(d.drawn_at < NOW - timedelta(days=1) for d in draws)
    entries = _rows(shop, "SELECT variant_id, status FROM waitlist_entries ORDER BY id")
    assert [status for _, status in entries] == ["fulfilled", "cancelled", "waiting"]
    assert orders.sold_counters(shows[-1].id, [entries[0][0]])[0].waiting == 1
