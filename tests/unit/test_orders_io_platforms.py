"""Each platform's fixture (FORMATS.md §2) imports with its quirks handled: ids, amounts, times, statuses, files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FakeUTCClock
from orders_io_support import FIXTURES, Shop, make_shop

from streamdesk.core.errors import UserError
from streamdesk.core.order_types import OrderStatus, Platform
from streamdesk.db import Database

ORDER_SQL = (
    "SELECT order_no, status, paid_minor, refunded_minor, currency, created_at, phone, postcode, province, city,"
    " district, address FROM orders WHERE order_no = :no"
)


@pytest.fixture
def shop(database: Database, utc_clock: FakeUTCClock, tmp_path: Path) -> Shop:
    return make_shop(database, utc_clock, tmp_path)


def _order(shop: Shop, order_no: str) -> tuple[object, ...]:
    rows = shop.rows(ORDER_SQL, no=order_no)
    assert len(rows) == 1, order_no
    return rows[0]


def _lines(shop: Shop, order_no: str) -> list[tuple[object, ...]]:
    return shop.rows(
        "SELECT l.line_no, l.sku_code, l.title, l.spec, l.quantity, l.unit_price_minor, v.sku_code FROM order_lines l"
        " JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id WHERE o.order_no = :no"
        " ORDER BY l.id",
        no=order_no,
    )


def test_taobao_order_list_with_wrapped_ids_one_field_addresses_and_refund_quirks(shop: Shop) -> None:
    result = shop.load("taobao/ExportOrderList202510.csv")
    assert (result.encoding, result.orders_added, result.lines) == ("gb18030", 5, 5)
    assert _order(shop, "3521234567890123456") == (
        "3521234567890123456", "paid", 5160, 0, "CNY", "2025-10-07 12:00:01.000000", "13812341234", "310012",
        "浙江省", "杭州市", "西湖区", "文三路100号 3幢",
    )  # fmt: skip
    # ="…" guarded: a trailing 000 on a 19-digit id is real
    assert _order(shop, "3521234567890124000")[1] == "shipped"
    # 退款金额 10.00 equals 应付 168 − 实付 158: a discount, not a refund
    assert _order(shop, "3521234567890125111")[1:4] == ("completed", 15800, 0)
    assert _order(shop, "3521234567890126222")[1:4] == ("refunded", 2580, 2580)
    assert _order(shop, "3521234567890127333")[1:3] == ("pending_payment", None)
    # 手工红糖 has one SKU: the title alone matches it
    assert _lines(shop, "3521234567890123456") == [("1", "", "手工红糖", "", 2, None, "SUGAR-500")]
    assert shop.rows("SELECT nickname, name FROM customers ORDER BY id")[0] == ("tb_小雨", "陈小雨")


def test_taobao_detail_file_beside_the_order_list_supplies_the_lines(shop: Shop) -> None:
    for name in ("ExportOrderList202510.csv", "ExportOrderDetailList202510.csv"):  # either half works
        plan = shop.plan(f"taobao_pair/{name}")
        assert (len(plan.orders), plan.lines, plan.problems) == (5, 5, ())
    shop.load("taobao_pair/ExportOrderDetailList202510.csv")
    assert _lines(shop, "3521234567890124000") == [
        ("1", "FS-W-M", "冰丝防晒衣", "颜色分类:白;尺码:M", 1, 9900, "FS-W-M")
    ]
    assert _order(shop, "3521234567890124000")[1:3] == ("shipped", 10900)  # order fields from the order list


def test_a_taobao_order_missing_from_the_detail_file_is_reported(shop: Shop, tmp_path: Path) -> None:
    pair = FIXTURES / "taobao_pair"
    (tmp_path / "ExportOrderList202510.csv").write_bytes((pair / "ExportOrderList202510.csv").read_bytes())
    detail = (pair / "ExportOrderDetailList202510.csv").read_bytes().splitlines(keepends=True)
    (tmp_path / "ExportOrderDetailList202510.csv").write_bytes(b"".join(detail[:-1]))
    plan = shop.plan(str(tmp_path / "ExportOrderList202510.csv"))
    assert [(p.code, p.fields["order"]) for p in plan.problems] == [
        ("orders_io.order_without_lines", "3521234567890127333")
    ]
    assert len(plan.orders) == 4


def test_channels_xlsx_with_datetime_cells_a_refunded_line_and_an_id_excel_rounded(shop: Shop) -> None:
    plan = shop.plan("channels.xlsx")
    assert [(p.row, p.code) for p in plan.problems] == [(5, "orders_io.id_damaged")]
    shop.load("channels.xlsx")
    assert _order(shop, "3702000000000000101")[1:6] == ("shipped", 25700, 0, "CNY", "2025-10-07 12:05:00.000000")
    assert [line[0] for line in _lines(shop, "3702000000000000101")] == ["1", "2"]  # no line id: row within order
    assert _order(shop, "3702000000000000202")[1:4] == ("refunded", 19800, 9900)
    assert shop.on_hand("FS-W-L") == 20  # refunded before it shipped
    assert shop.scalar("SELECT COUNT(*) FROM orders WHERE order_no LIKE '3.7%'") == 0


def test_kuaishou_xlsx_with_currency_signs_and_full_width_digits(shop: Shop) -> None:
    shop.load("kuaishou.xlsx")
    assert _order(shop, "2300000123456789")[1:5] == ("paid", 9900, 0, "CNY")
    assert _lines(shop, "2300000123456790")[0][4] == 2  # "２"
    assert _order(shop, "2300000123456791")[1] == "refunded"
    assert _order(shop, "2300000123456789")[8:11] == ("福建省", "厦门市", "思明区")
    assert shop.rows("SELECT courier, tracking_no FROM shipments") == [("极兔速递", "JT0001234567890")]


def test_shopify_order_fields_on_the_first_row_only_and_variants_in_the_name(shop: Shop) -> None:
    result = shop.load("shopify.csv")
    assert (result.orders_added, result.lines) == (3, 4)
    first = _order(shop, "#1001")
    assert first[1:6] == ("shipped", 23300, 0, "EUR", "2025-10-07 07:50:20.000000")
    assert first[6:8] == ("+33 6 12 34 56 78", "75008")  # the zip's leading ' removed
    assert [(line[2], line[6]) for line in _lines(shop, "#1001")] == [
        ("Linen shirt - Red / M", "LS-RED-M"), ("Travel mug", "MUG-01"),
    ]  # fmt: skip
    assert _order(shop, "#1002")[1:4] == ("refunded", 19900, 19900)
    assert _order(shop, "#1003")[1] == "pending_payment"
    assert shop.scalar("SELECT buyer_note FROM orders WHERE order_no = '#1001'") == "Gift wrap please"
    assert shop.scalar("SELECT platform FROM orders LIMIT 1") == Platform.SHOPIFY.value


def test_tiktok_xlsx_skips_the_description_row_and_reads_us_money_and_pacific_times(shop: Shop) -> None:
    plan = shop.plan("tiktok.xlsx")
    assert (plan.rows_read, plan.problems) == (4, ())
    shop.load("tiktok.xlsx")
    first = _order(shop, "576543210987654321")
    assert first[1:6] == ("shipped", 104525, 0, "USD", "2025-10-07 16:50:26.000000")
    assert [(line[1], line[4], line[5]) for line in _lines(shop, "576543210987654321")] == [
        ("LS-RED-M", 1, 2500), ("MUG-01", 3, 34075),
    ]  # fmt: skip
    assert shop.scalar("SELECT discount_minor FROM orders WHERE order_no = '576543210987654321'") == 200
    assert _order(shop, "576543210987654500")[1] == "cancelled"
    assert shop.on_hand("LS-RED-M") == 19  # the cancelled order took nothing
    assert shop.scalar("SELECT pii_masked FROM orders WHERE order_no = '576543210987654321'") == 1


def test_whatnot_inferred_columns(shop: Shop) -> None:
    shop.load("whatnot.csv")
    assert _order(shop, "WN-88001")[1:5] == ("completed", 3399, 0, "USD")
    assert _order(shop, "WN-88003")[1] == "cancelled"
    assert _lines(shop, "WN-88002")[0][6] == "LS-RED-M"  # "Linen shirt - Red / M" by title and variant


def test_etsy_items_joined_with_the_orders_file_beside_them(shop: Shop) -> None:
    plan = shop.plan("etsy/EtsySoldOrders2025-10.csv")  # the orders half was chosen: items come from beside it
    assert (len(plan.orders), plan.lines) == (2, 3)
    shop.load("etsy/EtsySoldOrderItems2025-10.csv")
    assert _order(shop, "3300000001")[1:6] == ("completed", 8100, 0, "USD", "2025-10-07 00:00:00.000000")
    # adjusted total 40.00 below the 50.00 total: a partial refund
    carl = _order(shop, "3300000002")
    assert carl[1:4] == ("paid", 5000, 1000)
    assert carl[7] == "07030"  # zip keeps its leading zero
    assert [line[6] for line in _lines(shop, "3300000001")] == ["LS-RED-M", "MUG-01"]


def test_etsy_orders_file_alone_asks_for_the_items_file(shop: Shop, tmp_path: Path) -> None:
    alone = tmp_path / "EtsySoldOrders2025-10.csv"
    alone.write_bytes((FIXTURES / "etsy" / "EtsySoldOrders2025-10.csv").read_bytes())
    with pytest.raises(UserError) as raised:
        shop.plan(str(alone))
    assert (raised.value.code, raised.value.fields["prefix"]) == ("orders_io.companion_missing", "EtsySoldOrderItems")


def test_unicode_text_from_excel_reads_like_the_original(shop: Shop) -> None:
    plan = shop.plan("douyin_unicode_text.txt")
    assert (plan.encoding, len(plan.orders), plan.lines) == ("utf-16", 6, 8)
    assert plan.orders[0].status is OrderStatus.SHIPPED
