"""The import's bulk stock moves equal orders_stock.take_stock's; aliases, mappings, scattered rows, privacy."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import FakeUTCClock
from orders_io_support import FIXTURES, Shop, douyin_rows, fixture_data, make_shop, write_douyin
from sqlmodel import select

from streamdesk.core import orders_stock
from streamdesk.core.catalogue_types import ProductInput, VariantInput
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import run_to_end
from streamdesk.core.order_types import ImportAction, Platform
from streamdesk.core.orders_io.stock import LineStock, apply_on_hand, bundle_parts, plan_moves
from streamdesk.db import Database, open_database
from streamdesk.models.base import OrderSource, OrderStatus
from streamdesk.models.orders import Order, OrderLine

NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


@pytest.fixture
def shop(database: Database, utc_clock: FakeUTCClock, tmp_path: Path) -> Shop:
    return make_shop(database, utc_clock, tmp_path)


def _lines(database: Database, shop: Shop) -> list[OrderLine]:
    """One order with a plain line (2 units), a bundle line (3 sets) and a line of a bundle with no components."""
    empty = shop.catalogue.create_product(
        ProductInput(title="空礼盒", variants=(VariantInput("EMPTY-SET", components=((shop.skus["MUG-01"], 1),)),))
    )
    empty_id = shop.catalogue.get_product(empty).variants[0].id
    with database.engine.begin() as conn:  # a bundle whose component list was emptied since
        conn.exec_driver_sql("DELETE FROM bundle_items WHERE bundle_id = ?", (empty_id,))
    with database.sessions(write=True) as session, session.begin():
        order = Order(platform=Platform.DOUYIN, order_no="9001", source=OrderSource.IMPORT,
                      status=OrderStatus.PAID, created_at=NOW)  # fmt: skip
        session.add(order)
        session.flush()
        assert order.id is not None
        for n, (variant, quantity) in enumerate(((shop.skus["FS-W-M"], 2), (shop.skus["GIFT-SET"], 3),
                                                  (empty_id, 1)), start=1):  # fmt: skip
            session.add(OrderLine(order_id=order.id, line_no=str(n), variant_id=variant, quantity=quantity))
    with database.sessions() as session:
        return list(session.exec(select(OrderLine).order_by(OrderLine.id)))  # type: ignore[arg-type]


def _ledger(database: Database) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], list[tuple[object, ...]]]:
    with database.engine.connect() as conn:
        moves = conn.exec_driver_sql(
            "SELECT id, variant_id, quantity, reason, reference, created_at FROM stock_moves WHERE reason = 'sale'"
            " ORDER BY id"
        ).all()
        links = conn.exec_driver_sql("SELECT line_no, sale_move_id FROM order_lines ORDER BY id").all()
        on_hand = conn.exec_driver_sql("SELECT sku_code, on_hand FROM variants ORDER BY id").all()
    return [tuple(m) for m in moves], [tuple(link) for link in links], [tuple(v) for v in on_hand]


def test_bulk_sale_moves_are_exactly_what_take_stock_writes(tmp_path: Path, utc_clock: FakeUTCClock) -> None:
    results = []
    for name, bulk in (("one_by_one", False), ("bulk", True)):
        database = open_database(tmp_path / f"{name}.sqlite3")
        shop = make_shop(database, utc_clock, tmp_path / name)
        lines = _lines(database, shop)
        with database.sessions(write=True) as session, session.begin():
            if bulk:
                conn = session.connection()
                first = int(conn.exec_driver_sql("SELECT MAX(id) FROM stock_moves").scalar_one()) + 1
                requests = [LineStock(ln.id or 0, ln.variant_id or 0, ln.quantity,
                                      orders_stock.line_reference("9001", ln.line_no)) for ln in lines]  # fmt: skip
                delta: dict[int, int] = {}
                stamp = NOW.replace(tzinfo=None).isoformat(" ", "microseconds")
                sale, moves, _ = plan_moves(requests, bundle_parts(conn, [r.variant_id for r in requests]), first,
                                            stamp, delta)  # fmt: skip
                conn.exec_driver_sql(
                    "INSERT INTO stock_moves (id, variant_id, quantity, reason, note, reference, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    moves,
                )
                for line_id, move_id in sale.items():
                    conn.exec_driver_sql("UPDATE order_lines SET sale_move_id = ? WHERE id = ?", (move_id, line_id))
                apply_on_hand(conn, delta)
            else:
                for line in lines:
                    line = session.merge(line)
                    orders_stock.take_stock(session, line, NOW, reference=orders_stock.line_reference("9001",
                                                                                                      line.line_no))  # fmt: skip
        results.append(_ledger(database))
        with database.sessions() as session:  # the groups take_stock's readers see are the same too
            first_line = session.exec(select(OrderLine).where(OrderLine.line_no == "2")).one()
            assert first_line.sale_move_id is not None
            group = orders_stock.move_group(session, first_line, first_line.sale_move_id)
            assert sorted((m.variant_id, m.quantity) for m in group) == sorted(
                [(shop.skus["FS-W-M"], -3), (shop.skus["SERUM-30"], -6)]
            )
        assert shop.ledger_matches()
        database.dispose()
    assert results[0] == results[1]
    assert results[0][1][2] == ("3", None)  # the bundle without components took nothing


def test_a_line_mapped_once_is_matched_in_every_later_import(shop: Shop, tmp_path: Path) -> None:
    shop.load("douyin_gbk.csv")
    [waiting] = shop.orders.unmatched_lines()
    shop.orders.match_line(waiting.rows[0], shop.skus["MUG-01"], remember=True)
    assert shop.orders.unmatched_lines() == ()
    rows = [list(row) for row in fixture_data().DOUYIN_ROWS if "神秘福袋" in row[2]]
    rows[0][0], rows[0][1] = "\t6917350001234569901", "\t6917350001234569902"
    later = write_douyin(tmp_path / "later.csv", rows)
    plan = run_to_end(shop.io.plan(later))
    assert (plan.unmatched, plan.orders[0].unmatched_lines) == ((), 0)
    before = shop.on_hand("MUG-01")
    shop.load(str(later))
    assert shop.on_hand("MUG-01") == before - 1


def test_a_users_mapping_reads_a_file_no_preset_knows_and_can_be_saved(shop: Shop, tmp_path: Path) -> None:
    path = tmp_path / "小程序订单.csv"
    path.write_text(
        "单号,下单时间,客户,货品,数量,金额,状态\n"
        "XCX-0001,2025-10-07 20:00:00,阿花,冰丝防晒衣,1,¥99.00,待发货\n"
        "XCX-0002,2025-10-07 20:05:00,小林,玻尿酸精华液,2,336.00,已完成\n",
        encoding="utf-8",
    )
    mapping = {"order_id": "单号", "created_at": "下单时间", "buyer_nick": "客户", "title": "货品", "qty": "数量",
               "paid_amount": "金额", "order_status": "状态"}  # fmt: skip
    with pytest.raises(UserError):
        shop.plan(str(path))  # no preset knows these columns
    plan = shop.plan(str(path), preset="douyin", mapping=mapping)
    assert [(o.order_no, o.status.value, o.paid_minor) for o in plan.orders] == [
        ("XCX-0001", "paid", 9900), ("XCX-0002", "completed", 33600),
    ]  # fmt: skip
    shop.io.save_mapping("小程序", Platform.OTHER, mapping)
    saved = shop.plan(str(path), preset="mapping:小程序")
    assert (saved.preset, saved.platform, len(saved.orders)) == ("mapping:小程序", Platform.OTHER, 2)
    assert saved.orders[1].status.value == "completed"  # status words from every Chinese preset
    with pytest.raises(UserError) as raised:
        shop.io.save_mapping("坏的", Platform.OTHER, {"title": "货品"})
    assert raised.value.code == "orders_io.mapping_needs_order_id"
    with pytest.raises(UserError) as raised:
        shop.plan(str(path), preset="douyin", mapping={**mapping, "title": "商品"})
    assert raised.value.code == "orders_io.mapping_unknown_column"


def test_rows_of_one_order_scattered_through_the_file_still_make_one_order(shop: Shop, tmp_path: Path) -> None:
    rows = douyin_rows()
    scattered = [rows[0], rows[2], rows[3], rows[1], *rows[4:]]  # 7891's second line after two other orders
    path = write_douyin(tmp_path / "sorted_by_product.csv", scattered)
    plan = run_to_end(shop.io.plan(path))
    first = next(o for o in plan.orders if o.order_no == "6917350001234567891")
    assert (first.lines, first.rows, len(plan.orders), plan.problems) == (2, (2, 5), 6, ())
    shop.load(str(path))
    assert shop.scalar("SELECT COUNT(*) FROM order_lines") == 8


def test_masked_phones_and_names_are_kept_as_given_and_flagged(shop: Shop) -> None:
    shop.load("douyin_gbk.csv")
    assert shop.rows("SELECT DISTINCT pii_masked FROM orders") == [(1,)]
    assert shop.scalar("SELECT phone FROM orders WHERE order_no = '6917350001234568001'") == "139****5678"
    shop.load("taobao/ExportOrderList202510.csv")
    assert shop.scalar("SELECT pii_masked FROM orders WHERE order_no = '3521234567890123456'") == 0


def test_an_existing_order_gains_a_line_it_did_not_have(shop: Shop, tmp_path: Path) -> None:
    rows = douyin_rows()
    first = write_douyin(tmp_path / "first.csv", [rows[0]])
    shop.load(str(first))
    both = write_douyin(tmp_path / "both.csv", rows[:2])
    plan = run_to_end(shop.io.plan(both))
    assert plan.orders[0].action is ImportAction.UPDATE
    result = run_to_end(shop.io.apply(plan))
    assert (result.orders_updated, result.lines) == (1, 1)
    assert shop.on_hand("SERUM-30") == 19 and shop.on_hand("FS-W-M") == 18
    assert shop.ledger_matches()


def test_a_plan_made_before_the_catalogue_changed_matches_again(shop: Shop) -> None:
    plan = shop.plan("whatnot.csv")
    assert plan.unmatched  # "Mystery box" is not in the catalogue yet
    shop.catalogue.create_product(ProductInput(title="Mystery box", variants=(VariantInput("MB-1", initial_stock=5),)))
    run_to_end(shop.io.apply(plan))
    assert shop.on_hand("MB-1") == 5  # the cancelled order takes nothing, but its line is matched now
    assert shop.scalar("SELECT v.sku_code FROM order_lines l JOIN variants v ON v.id = l.variant_id"
                       " WHERE l.title = 'Mystery box'") == "MB-1"  # fmt: skip


def test_apply_refuses_a_plan_it_did_not_make(shop: Shop) -> None:
    plan = shop.plan("whatnot.csv")
    from dataclasses import fields

    from streamdesk.core.order_types import OrderImportPlan

    bare = OrderImportPlan(**{f.name: getattr(plan, f.name) for f in fields(OrderImportPlan)})
    with pytest.raises(UserError) as raised:
        run_to_end(shop.io.apply(bare))
    assert raised.value.code == "orders_io.plan_stale"
    assert (FIXTURES / "whatnot.csv").exists()
