"""Tracking numbers coming back (FORMATS.md §3) mark orders shipped, once per number, in one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FakeUTCClock
from orders_io_support import FIXTURES, Shop, make_shop

from streamdesk.core.errors import UserError
from streamdesk.core.orders_io.tracking import courier_code
from streamdesk.db import Database


@pytest.fixture
def shop(database: Database, utc_clock: FakeUTCClock, tmp_path: Path) -> Shop:
    shop = make_shop(database, utc_clock, tmp_path)
    shop.load("douyin_gbk.csv")
    shop.load("tiktok.xlsx")
    return shop


def _shipments(shop: Shop, order_no: str) -> list[tuple[object, ...]]:
    return shop.rows(
        "SELECT s.courier, s.courier_code, s.tracking_no FROM shipments s JOIN orders o ON o.id = s.order_id"
        " WHERE o.order_no = :no ORDER BY s.id",
        no=order_no,
    )


def test_a_chinese_batch_shipping_file_ships_orders_and_lists_what_it_could_not(shop: Shop) -> None:
    result = shop.io.import_tracking(FIXTURES / "tracking_cn.csv")
    assert (result.orders_shipped, result.already_known) == (2, 0)
    assert [(p.row, p.code) for p in result.skipped] == [
        (4, "orders_io.tracking_order_unknown"),  # no such order
        (5, "orders.cannot_ship"),  # refunded before it shipped
    ]
    assert _shipments(shop, "6917350001234568101") == [("圆通速递", "YTO", "YT7500000000001")]
    assert shop.scalar("SELECT status FROM orders WHERE order_no = '6917350001234568101'") == "shipped"
    assert shop.scalar("SELECT status FROM orders WHERE order_no = '6917350001234568201'") == "refunded"
    again = shop.io.import_tracking(FIXTURES / "tracking_cn.csv")
    assert (again.orders_shipped, again.already_known) == (0, 2)
    assert len(_shipments(shop, "6917350001234568101")) == 1


def test_tiktok_bulk_ship_template_with_an_instruction_row(shop: Shop) -> None:
    result = shop.io.import_tracking(FIXTURES / "tracking_tiktok.xlsx")
    assert (result.orders_shipped, result.skipped) == (1, ())
    assert _shipments(shop, "576543210987654400") == [("USPS", "USPS", "9400111899220000000001")]
    assert shop.scalar("SELECT status FROM orders WHERE order_no = '576543210987654400'") == "shipped"


def test_a_shipstation_export(shop: Shop, tmp_path: Path) -> None:
    path = tmp_path / "shipstation.csv"
    path.write_text(
        "Order - Number,Date - Shipped,Carrier - Name,Tracking Number,Amount - Shipping Cost\n"
        "576543210987654400,10/09/2025,UPS,1Z999AA10123456784,7.50\n",
        encoding="utf-8",
    )
    result = shop.io.import_tracking(path)
    assert result.orders_shipped == 1
    assert _shipments(shop, "576543210987654400")[0][2] == "1Z999AA10123456784"


def test_a_file_without_an_order_or_tracking_column_is_refused(shop: Shop, tmp_path: Path) -> None:
    path = tmp_path / "nothing.csv"
    path.write_text("订单号,备注\n6917350001234568101,快点\n", encoding="utf-8")
    before = shop.scalar("SELECT COUNT(*) FROM shipments")
    with pytest.raises(UserError) as raised:
        shop.io.import_tracking(path)
    assert raised.value.code == "orders_io.tracking_columns_missing"
    assert shop.scalar("SELECT COUNT(*) FROM shipments") == before


def test_rows_without_a_number_or_with_a_rounded_order_id_are_skipped(shop: Shop, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "订单号,物流公司,物流单号\n6917350001234568101,圆通速递,\n6.91735E+18,圆通速递,YT1\n", encoding="utf-8"
    )
    result = shop.io.import_tracking(path)
    assert result.orders_shipped == 0
    assert [p.code for p in result.skipped] == ["orders_io.tracking_missing", "orders_io.id_damaged"]


def test_courier_names_get_their_codes() -> None:
    assert [courier_code(n) for n in ("顺丰速运", "中通快递", "圆通速递", "USPS", "某某物流")] == [
        "SF", "ZTO", "YTO", "USPS", "",
    ]  # fmt: skip
