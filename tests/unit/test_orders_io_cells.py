"""Cells of order exports: ids, damaged ids, dates in the platform's zone, money, statuses, addresses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from streamdesk.core.errors import UserError
from streamdesk.core.order_types import OrderStatus
from streamdesk.core.orders_io import cells
from streamdesk.core.orders_io.presets import CN_DATES, DOUYIN, SHOPIFY, TIKTOK
from streamdesk.core.orders_io.status import StatusTables, holds_stock, next_status, resolve_status


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("\t6917350001234567891", ("6917350001234567891", True)),
        ('="3521234567890124000"', ("3521234567890124000", True)),
        ("'3521234567890124000", ("3521234567890124000", True)),
        ("  #1001 ", ("#1001", False)),
        ("\t", ("", True)),
    ],
)
def test_order_ids_lose_their_spreadsheet_guards_and_remember_them(cell: str, expected: tuple[str, bool]) -> None:
    assert cells.clean_order_id(cell) == expected


@pytest.mark.parametrize(
    ("value", "protected", "damaged"),
    [
        ("6.91735E+18", False, True),
        ("6.9E+18", True, True),  # the digits are gone whatever wrapped them
        ("6917350001234560000", False, True),  # 19 digits, Excel kept 15: the last four are zeros
        ("6917350001234567000", False, False),  # 000 at the end, but digit 16 is real
        ("6917350001234560000", True, False),  # a tab-guarded cell was text: its zeros are real
        ("3521234567890124000", True, False),
        ("1234567890000", False, False),  # 13 digits: Excel keeps them all
        ("WN-88001", False, False),
    ],
)
def test_ids_rounded_by_a_spreadsheet_are_detected(value: str, protected: bool, damaged: bool) -> None:
    assert cells.id_damaged(value, protected) is damaged


def test_chinese_times_are_read_in_shanghai_and_stored_as_utc() -> None:
    expected = datetime(2025, 10, 7, 12, 15, 3, tzinfo=UTC)
    assert cells.parse_datetime("2025-10-07 20:15:03", CN_DATES, "Asia/Shanghai") == expected
    assert cells.parse_datetime("2025/10/07 20:15", CN_DATES, "Asia/Shanghai") == expected.replace(second=0)
    assert cells.parse_datetime("-", CN_DATES, "Asia/Shanghai") is None
    assert cells.parse_datetime("", CN_DATES, "Asia/Shanghai") is None


def test_times_with_an_offset_ignore_the_zone_and_us_times_use_pacific() -> None:
    shopify = cells.parse_datetime("2025-10-07 09:50:26 +0200", SHOPIFY.date_formats, "Asia/Shanghai")
    assert shopify == datetime(2025, 10, 7, 7, 50, 26, tzinfo=UTC)
    tiktok = cells.parse_datetime("10/07/2025 9:50:26 PM", TIKTOK.date_formats, "America/Los_Angeles")
    assert tiktok == datetime(2025, 10, 8, 4, 50, 26, tzinfo=UTC)  # PDT is UTC-7 in October
    vietnam = cells.parse_datetime("25/10/2025 13:00:00", TIKTOK.date_formats, "Asia/Ho_Chi_Minh")
    assert vietnam == datetime(2025, 10, 25, 6, 0, tzinfo=UTC)


def test_an_excel_date_serial_is_a_date_and_nonsense_is_refused() -> None:
    assert cells.parse_datetime("45937.5", CN_DATES, "UTC") == datetime(2025, 10, 7, 12, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        cells.parse_datetime("下周三", CN_DATES, "Asia/Shanghai")


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [
        ("¥12.50", "CNY", 1250),
        ("￥1,299.00", "CNY", 129900),
        ("12.5元", "CNY", 1250),
        ("１２．５", "CNY", 1250),
        ("$25.00", "USD", 2500),
        ("1,022.25", "USD", 102225),
        ("BRL 35,91", "BRL", 3591),
        ("-", "CNY", None),
        ("", "CNY", None),
    ],
)
def test_money_goes_through_decimal_into_minor_units(text: str, currency: str, minor: int | None) -> None:
    assert cells.parse_money(text, currency) == minor


def test_money_that_is_not_money_is_refused() -> None:
    with pytest.raises(UserError) as raised:
        cells.parse_money("=1+2", "CNY")
    assert raised.value.code == "money.invalid"


def test_an_amounts_symbol_names_its_currency() -> None:
    assert [cells.currency_hint(t) for t in ("BRL 35,91", "$25.00", "12.5元", "25.00")] == ["BRL", "USD", "CNY", None]


def test_douyin_logistics_cell_splits_into_courier_and_number() -> None:
    assert cells.split_logistics("中通快递 73512345678901") == ("中通快递", "73512345678901")
    assert cells.split_logistics("顺丰速运:SF1234567890123") == ("顺丰速运", "SF1234567890123")
    assert cells.split_logistics("-") == ("", "")


def test_taobao_one_field_address_splits_into_region_detail_and_postcode() -> None:
    assert cells.split_cn_address("浙江省 杭州市 西湖区 文三路100号 3幢(310012)") == (
        "浙江省", "杭州市", "西湖区", "文三路100号 3幢", "310012",
    )  # fmt: skip
    assert cells.split_cn_address("北京市 朝阳区 建国路88号（100022）") == (
        "北京市", "北京市", "朝阳区", "建国路88号", "100022",
    )  # fmt: skip


def test_street_and_detail_join_without_repeating_themselves() -> None:
    assert cells.join_address("文新街道", "文三路100号") == "文新街道 文三路100号"
    assert cells.join_address("文新街道", "文新街道文三路100号") == "文新街道文三路100号"
    assert cells.join_address("5 Elm St", "-") == "5 Elm St"


def test_masked_personal_data_is_flagged() -> None:
    assert cells.masked("张**", "13812341234")
    assert not cells.masked("张三", "13812341234")


def _status(raw: str, *, refunds: tuple[OrderStatus | None, ...] = (), **dates: datetime) -> tuple[OrderStatus, bool]:
    return resolve_status(DOUYIN, StatusTables.of(DOUYIN), raw, "", dates, refunds, None, 0)


def test_status_words_map_and_unknown_words_ask_for_review() -> None:
    assert _status("备货中") == (OrderStatus.PAID, False)
    assert _status("已发货") == (OrderStatus.SHIPPED, False)
    assert _status("已完成") == (OrderStatus.COMPLETED, False)
    assert _status("已关闭") == (OrderStatus.CANCELLED, False)
    now = datetime(2025, 10, 7, tzinfo=UTC)
    assert _status("待成团", paid_at=now) == (OrderStatus.PAID, True)  # unknown word: from the dates, for review


def test_line_refunds_decide_a_refunded_or_refunding_order() -> None:
    assert _status("已关闭", refunds=(OrderStatus.REFUNDED,))[0] is OrderStatus.REFUNDED
    assert _status("已完成", refunds=(OrderStatus.REFUNDING, None))[0] is OrderStatus.REFUNDING
    assert _status("备货中", refunds=(OrderStatus.REFUNDED, None))[0] is OrderStatus.PAID


def test_shopify_fulfilment_ships_a_paid_order() -> None:
    tables = StatusTables.of(SHOPIFY)
    status, _ = resolve_status(SHOPIFY, tables, "paid", "fulfilled", {}, (None,), 100, 0)
    assert status is OrderStatus.SHIPPED
    status, _ = resolve_status(SHOPIFY, tables, "refunded", "unfulfilled", {}, (None,), 100, 100)
    assert status is OrderStatus.REFUNDED


def test_re_imports_never_move_an_order_back() -> None:
    assert next_status(OrderStatus.SHIPPED, OrderStatus.PAID) is OrderStatus.SHIPPED
    assert next_status(OrderStatus.PAID, OrderStatus.COMPLETED) is OrderStatus.COMPLETED
    assert next_status(OrderStatus.COMPLETED, OrderStatus.REFUNDING) is OrderStatus.REFUNDING
    assert next_status(OrderStatus.REFUNDED, OrderStatus.SHIPPED) is OrderStatus.REFUNDED


def test_stock_is_held_until_a_cancellation_or_a_refund_before_shipping() -> None:
    assert holds_stock(OrderStatus.PAID, False)
    assert holds_stock(OrderStatus.PENDING_PAYMENT, False)
    assert not holds_stock(OrderStatus.CANCELLED, True)
    assert not holds_stock(OrderStatus.REFUNDED, False)
    assert holds_stock(OrderStatus.REFUNDED, True)  # it left: the return comes back through after-sales
