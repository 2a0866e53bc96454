"""The orders table and one order whole: filters, sorting and paging in SQL, ship-by and overdue, the detail."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from orders_support import FileLine, FileOrder, add_product, import_orders, make_catalogue
from sqlalchemy import text

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.errors import UserError
from streamdesk.core.order_types import OrderFilter, OrderSort, OrderStatus, Platform
from streamdesk.core.orders import Orders


@pytest.fixture
def catalogue(database, utc_clock, tmp_path: Path) -> Catalogue:
    return make_catalogue(database, utc_clock, tmp_path)


@pytest.fixture
def orders(database, utc_clock) -> Orders:
    return Orders(database.sessions, clock=utc_clock)


@pytest.fixture
def shop(catalogue, database, utc_clock) -> dict[str, int]:
    """Five orders an hour apart: two Douyin (one overdue), a Kuaishou refund, a shipped TikTok order, a review."""
    cup, lid = add_product(catalogue, "保温杯", ("CUP-W", 20), ("LID", 20))
    (shirt,) = add_product(catalogue, "冰丝防晒衣", ("SHIRT-M", 20), ship_cycle_days=5)
    start = utc_clock()
    hour = timedelta(hours=1)
    files = [
        FileOrder(
            "DY-1",
            (FileLine("1", cup, 2, title="保温杯", spec="白"),),
            buyer="小美",
            paid_minor=3980,
            created_at=start,
            paid_at=start,
        ),
        FileOrder(
            "DY-2",
            (FileLine("1", shirt, 1, title="冰丝防晒衣", spec="M"), FileLine("2", lid, 3, title="杯盖")),
            buyer="阿强",
            paid_minor=12000,
            created_at=start + hour,
            paid_at=start + hour,
        ),
        FileOrder(
            "KS-1",
            (FileLine("1", cup, 1),),
            platform=Platform.KUAISHOU,
            status=OrderStatus.REFUNDED,
            buyer="小美",
            paid_minor=1990,
            created_at=start + 2 * hour,
            paid_at=start + 2 * hour,
        ),
        FileOrder(
            "TT-1",
            (FileLine("1", None, 1, title="Mystery box", sku_code="BOX-9"),),
            platform=Platform.TIKTOK,
            status=OrderStatus.SHIPPED,
            recipient="Jane Doe",
            created_at=start + 3 * hour,
        ),
        FileOrder(
            "DY-3",
            (FileLine("1", lid, 1, title="杯盖"),),
            buyer="路人甲_99",
            created_at=start + 4 * hour,
            status=OrderStatus.PENDING_PAYMENT,
        ),
    ]
    return import_orders(database, start, files)


def numbers(rows) -> list[str]:
    return [row.order_no for row in rows]


def test_the_newest_orders_come_first_and_the_count_covers_every_page(orders, shop) -> None:
    total, rows = orders.count_and_page(OrderFilter(), OrderSort.CREATED, True, 0, 2)
    assert (total, numbers(rows)) == (5, ["DY-3", "TT-1"])
    total, rows = orders.count_and_page(OrderFilter(), OrderSort.CREATED, True, 2, 2)
    assert (total, numbers(rows)) == (5, ["KS-1", "DY-2"])
    total, rows = orders.count_and_page(OrderFilter(), OrderSort.CREATED, False, 0, 500)
    assert (total, numbers(rows)) == (5, ["DY-1", "DY-2", "KS-1", "TT-1", "DY-3"])


def test_a_row_carries_the_buyer_the_line_summary_and_the_units(orders, shop) -> None:
    _, rows = orders.count_and_page(OrderFilter(text="DY-2"), OrderSort.CREATED, True, 0, 50)
    (row,) = rows
    assert (row.buyer, row.item_count, row.summary, row.paid_minor) == ("阿强", 4, "冰丝防晒衣 M ×1, 杯盖 ×3", 12000)
    assert (row.platform, row.status, row.currency, row.tracking_no) == (Platform.DOUYIN, OrderStatus.PAID, "CNY", "")
    _, (tiktok,) = orders.count_and_page(OrderFilter(platform=Platform.TIKTOK), OrderSort.CREATED, True, 0, 50)
    assert (tiktok.buyer, tiktok.summary) == ("Jane Doe", "Mystery box ×1")


@pytest.mark.parametrize(
    ("filter", "expected"),
    [
        (OrderFilter(text="小美"), ["DY-1", "KS-1"]),
        (OrderFilter(text="box-9"), ["TT-1"]),
        (OrderFilter(text="防晒"), ["DY-2"]),
        (OrderFilter(text="jane"), ["TT-1"]),
        (OrderFilter(text="_9"), ["DY-3"]),  # LIKE wildcards are plain characters
        (OrderFilter(text="%"), []),
        (OrderFilter(platform=Platform.KUAISHOU), ["KS-1"]),
        (OrderFilter(statuses=(OrderStatus.PAID, OrderStatus.SHIPPED)), ["DY-1", "DY-2", "TT-1"]),
        (OrderFilter(needs_review_only=True), []),
    ],
)
def test_filters_narrow_the_table(orders, shop, filter: OrderFilter, expected: list[str]) -> None:
    total, rows = orders.count_and_page(filter, OrderSort.CREATED, False, 0, 50)
    assert (total, numbers(rows)) == (len(expected), expected)


def test_created_dates_bound_the_table_start_inclusive(orders, shop, utc_clock) -> None:
    start = utc_clock()
    window = OrderFilter(created_from=start + timedelta(hours=1), created_to=start + timedelta(hours=3))
    assert numbers(orders.count_and_page(window, OrderSort.CREATED, False, 0, 50)[1]) == ["DY-2", "KS-1"]


def test_ship_by_is_the_ship_cycle_or_48_hours_after_payment_and_late_orders_are_overdue(
    orders, shop, utc_clock
) -> None:
    start = utc_clock()
    _, rows = orders.count_and_page(OrderFilter(), OrderSort.SHIP_BY, False, 0, 50)
    by_no = {row.order_no: row for row in rows}
    assert by_no["DY-1"].ship_by == start + timedelta(hours=48)
    assert by_no["DY-2"].ship_by == start + timedelta(hours=1, days=5)
    assert by_no["TT-1"].ship_by is None  # never paid, no promise
    assert numbers(rows) == ["DY-1", "KS-1", "DY-2", "TT-1", "DY-3"]  # unknown deadlines last
    assert numbers(orders.count_and_page(OrderFilter(), OrderSort.SHIP_BY, True, 0, 50)[1])[:3] == [
        "DY-2",
        "KS-1",
        "DY-1",
    ]
    assert not any(row.overdue for row in rows)
    utc_clock.advance(hours=50)
    total, late = orders.count_and_page(OrderFilter(overdue_only=True), OrderSort.CREATED, False, 0, 50)
    assert (total, numbers(late)) == (1, ["DY-1"])  # KS-1 is refunded: nothing left to ship
    assert late[0].overdue
    assert orders.count_and_page(
        OrderFilter(overdue_only=True, statuses=(OrderStatus.SHIPPED,)), OrderSort.CREATED, False, 0, 50
    ) == (0, ())


def test_sorting_by_amount_status_and_buyer(orders, shop) -> None:
    by_amount = numbers(orders.count_and_page(OrderFilter(), OrderSort.PAID_AMOUNT, True, 0, 50)[1])
    assert by_amount == ["DY-2", "DY-1", "KS-1", "DY-3", "TT-1"]  # unknown amounts last, ties by id
    by_status = numbers(orders.count_and_page(OrderFilter(), OrderSort.STATUS, False, 0, 50)[1])
    assert by_status == ["DY-3", "DY-1", "DY-2", "TT-1", "KS-1"]  # in the order an order lives through them
    by_buyer = numbers(orders.count_and_page(OrderFilter(), OrderSort.BUYER, False, 0, 50)[1])
    assert by_buyer == ["TT-1", "DY-1", "KS-1", "DY-3", "DY-2"]  # nickname, else recipient; code point order


def test_get_order_returns_the_order_whole(orders, shop, database) -> None:
    detail = orders.get_order(shop["DY-2"])
    assert detail.row.order_no == "DY-2"
    assert [(line.line_no, line.title, line.quantity, line.stock_taken) for line in detail.lines] == [
        ("1", "冰丝防晒衣", 1, True),
        ("2", "杯盖", 3, True),
    ]
    assert (detail.shipments, detail.case_ids, detail.goods_minor) == ((), (), 1990 * 4)
    unmatched = orders.get_order(shop["TT-1"])
    assert [(line.variant_id, line.stock_taken) for line in unmatched.lines] == [(None, False)]
    with database.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO shipments (order_id, courier, courier_code, tracking_no, shipped_at)"
                " VALUES (:o, '顺丰速运', 'SF', 'SF1234567890', '2026-01-06 09:00:00.000000')"
            ),
            {"o": shop["TT-1"]},
        )
    shipped = orders.get_order(shop["TT-1"])
    assert [(s.courier_code, s.tracking_no) for s in shipped.shipments] == [("SF", "SF1234567890")]
    assert shipped.row.tracking_no == "SF1234567890"


def test_a_missing_order_is_a_user_error(orders) -> None:
    with pytest.raises(UserError) as error:
        orders.get_order(404)
    assert (error.value.code, error.value.fields) == ("orders.not_found", {"order_id": 404})
