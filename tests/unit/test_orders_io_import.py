"""Importing a 抖店 export: orders, lines, stock, shipments; re-imports update and never count anything twice."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import FakeUTCClock
from orders_io_support import FIXTURES, Shop, douyin_rows, make_shop, write_douyin

from streamdesk.core.jobs import Cancelled, CancelToken, run_to_end
from streamdesk.core.order_types import ImportAction
from streamdesk.db import Database

SHIPPED_8101 = {
    "8102": {"订单状态": "已发货", "发货时间": "2025-10-08 09:00:00", "快递信息": "圆通速递 YT7500000000001"}
}


@pytest.fixture
def shop(database: Database, utc_clock: FakeUTCClock, tmp_path: Path) -> Shop:
    return make_shop(database, utc_clock, tmp_path)


def _status(shop: Shop, order_no: str) -> str:
    return str(shop.scalar("SELECT status FROM orders WHERE order_no = :no", no=order_no))


def _moves(shop: Shop) -> int:
    return int(str(shop.scalar("SELECT COUNT(*) FROM stock_moves WHERE reason != 'initial'")))


def test_a_douyin_export_becomes_orders_lines_stock_and_shipments(shop: Shop) -> None:
    plan = shop.plan("douyin_gbk.csv")
    assert (plan.preset, plan.encoding, plan.rows_read, plan.problems) == ("douyin", "gb18030", 8, ())
    assert [order.action for order in plan.orders] == [ImportAction.ADD] * 6
    assert [(u.title, u.spec, u.rows) for u in plan.unmatched] == [("神秘福袋", "随机款", (9,))]
    result = run_to_end(shop.io.apply(plan))
    assert (result.orders_added, result.orders_updated, result.lines) == (6, 0, 8)
    first = shop.rows(
        "SELECT status, paid_minor, created_at, paid_at, recipient, phone, pii_masked, province, city, district,"
        " address, currency FROM orders WHERE order_no = '6917350001234567891'"
    )
    assert first == [("shipped", 36600, "2025-10-07 12:15:03.000000", "2025-10-07 12:15:30.000000", "张**",
                      "138****1234", 1, "浙江省", "杭州市", "西湖区", "文新街道 文三路100号3幢", "CNY")]  # fmt: skip
    lines = shop.rows(
        "SELECT line_no, sku_code, spec, quantity, unit_price_minor, total_minor FROM order_lines l JOIN orders o"
        " ON o.id = l.order_id WHERE o.order_no = '6917350001234567891' ORDER BY line_no"
    )
    assert lines == [("6917350001234567892", "FS-W-M", "白;M", 2, 9900, 19800),
                     ("6917350001234567893", "SERUM-30", "30ml", 1, 16800, 16800)]  # fmt: skip
    assert shop.rows("SELECT courier, tracking_no FROM shipments ORDER BY id") == [
        ("中通快递", "73512345678901"), ("顺丰速运", "SF1234567890123"),
    ]  # fmt: skip
    # sold: FS-W-M 2 + 1 in the gift set; SERUM 1 + 2 in the gift set + 1; FS-W-L refunded before shipping
    assert [shop.on_hand(s) for s in ("FS-W-M", "SERUM-30", "FS-B-M", "FS-W-L")] == [17, 16, 19, 20]
    assert result.stock_moves == _moves(shop) == 6
    assert shop.ledger_matches()


def test_naive_times_follow_the_platform_zone_the_service_was_given(
    database: Database, utc_clock: FakeUTCClock, tmp_path: Path
) -> None:
    shop = make_shop(database, utc_clock, tmp_path)
    from streamdesk.core.order_types import Platform
    from streamdesk.core.orders_io import OrdersIO

    io = OrdersIO(database.sessions, catalogue=shop.catalogue, orders=shop.orders, clock=utc_clock,
                  zones={Platform.DOUYIN: "UTC"})  # fmt: skip
    plan = run_to_end(io.plan(FIXTURES / "douyin_gbk.csv"))
    assert plan.parsed[0].created_at == datetime(2025, 10, 7, 20, 15, 3, tzinfo=UTC)  # type: ignore[attr-defined]


def test_lines_are_matched_by_sku_and_the_rest_wait_for_review(shop: Shop) -> None:
    shop.load("douyin_gbk.csv")
    matched = shop.rows("SELECT sku_code, variant_id FROM order_lines WHERE sku_code != '' ORDER BY id")
    assert all(variant_id == shop.skus[sku] for sku, variant_id in matched)
    unmatched = shop.orders.unmatched_lines()
    assert [(u.title, u.spec) for u in unmatched] == [("神秘福袋", "随机款")]
    # its order waits under "Needs review"; the others do not
    flagged = shop.rows("SELECT order_no FROM orders WHERE needs_review")
    assert flagged == [("6917350001234568401",)]


def test_re_importing_the_same_export_adds_nothing_and_moves_no_stock(shop: Shop) -> None:
    shop.load("douyin_gbk.csv")
    moves, on_hand = _moves(shop), shop.on_hand("FS-W-M")
    again = shop.plan("douyin_gbk.csv")
    assert {order.action for order in again.orders} == {ImportAction.UNCHANGED}
    result = run_to_end(shop.io.apply(again))
    assert (result.orders_added, result.orders_updated, result.lines, result.stock_moves) == (0, 0, 0, 0)
    # the same orders saved by Excel as Unicode text (tabs gone from the ids) are the same orders
    other = shop.load("douyin_unicode_text.txt")
    assert (other.orders_added, other.orders_updated) == (0, 0)
    assert (_moves(shop), shop.on_hand("FS-W-M")) == (moves, on_hand)
    assert shop.scalar("SELECT COUNT(*) FROM orders") == 6


def test_a_later_export_moves_orders_on_and_puts_stock_back_once(shop: Shop, tmp_path: Path) -> None:
    shop.load("douyin_gbk.csv")
    serum = shop.on_hand("SERUM-30")
    refunded = {"订单状态": "已关闭", "售后状态": "同意退款，退款成功"}
    later = write_douyin(tmp_path / "later.csv", douyin_rows(**SHIPPED_8101, **{"8303": refunded}))
    plan = run_to_end(shop.io.plan(later))
    actions = {order.order_no[-4:]: order.action for order in plan.orders}
    assert actions["8101"] is actions["8301"] is ImportAction.UPDATE
    assert actions["7891"] is ImportAction.UNCHANGED
    result = run_to_end(shop.io.apply(plan))
    assert (result.orders_added, result.orders_updated) == (0, 2)
    assert _status(shop, "6917350001234568101") == "shipped"
    assert _status(shop, "6917350001234568301") == "refunded"  # both lines refunded before shipping
    assert shop.on_hand("SERUM-30") == serum + 1  # 8303's unit back on the shelf
    assert ("圆通速递", "YT7500000000001") in shop.rows("SELECT courier, tracking_no FROM shipments")
    for _ in range(2):  # the same later file again, twice: nothing moves
        again = shop.load(str(later))
        assert (again.orders_updated, again.stock_moves) == (0, 0)
    assert shop.on_hand("SERUM-30") == serum + 1
    done = write_douyin(tmp_path / "done.csv", douyin_rows(**{"8102": {"订单状态": "已完成"}}))
    shop.load(str(done))
    assert _status(shop, "6917350001234568101") == "completed"
    assert shop.ledger_matches()


def test_an_older_export_read_after_a_newer_one_moves_no_order_back(shop: Shop, tmp_path: Path) -> None:
    later = write_douyin(tmp_path / "later.csv", douyin_rows(**SHIPPED_8101))
    shop.load(str(later))
    older = shop.load("douyin_gbk.csv")
    assert older.orders_added == 0
    assert _status(shop, "6917350001234568101") == "shipped"


def test_cancelling_the_apply_writes_nothing(shop: Shop) -> None:
    plan = shop.plan("douyin_gbk.csv")
    token = CancelToken()
    job = shop.io.apply(plan, token)
    next(job)
    token.set()
    with pytest.raises(Cancelled):
        run_to_end(job)
    assert shop.scalar("SELECT COUNT(*) FROM orders") == 0
    assert shop.scalar("SELECT COUNT(*) FROM import_batches") == 0
    assert _moves(shop) == 0


def test_cancelling_the_plan_stops_it(shop: Shop) -> None:
    token = CancelToken()
    token.set()
    with pytest.raises(Cancelled):
        run_to_end(shop.io.plan(FIXTURES / "douyin_gbk.csv", cancel=token))


def test_the_batch_remembers_what_was_imported_and_skipped(shop: Shop) -> None:
    result = shop.load("channels.xlsx")
    batch = shop.rows("SELECT preset, file_name, encoding, orders_added, lines, skipped_json FROM import_batches")
    assert batch == [("channels", "channels.xlsx", "", 2, 3,
                      '[{"row": 5, "reason": "orders_io.id_damaged", "fields": {"value": "3.702E+18"}}]')]  # fmt: skip
    assert result.batch_id == shop.scalar("SELECT import_batch_id FROM orders LIMIT 1")


def test_orders_can_be_attributed_to_a_show(shop: Shop, database: Database) -> None:
    with database.engine.begin() as conn:
        from sqlalchemy import text

        conn.execute(
            text(
                "INSERT INTO shows (id, title, theme, platforms, planned_seconds, status, currency, notes, is_template,"
                " version, created_at, updated_at) VALUES (7, '周三专场', '', 'douyin', 3600, 'done', 'CNY', '', FALSE, 1,"
                " '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000')"
            )
        )
    shop.load("douyin_gbk.csv", show_id=7)
    assert shop.rows("SELECT DISTINCT show_id FROM orders") == [(7,)]
    assert shop.scalar("SELECT show_id FROM import_batches") == 7
