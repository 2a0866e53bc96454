"""Customers: per platform nickname, lifetime value, order history, editing, nickname completion, and new against
returning buyers per show."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from orders_support import FileLine, FileOrder, add_product, import_orders, make_catalogue
from sqlalchemy import text

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.errors import UserError
from streamdesk.core.order_types import BuyerCounts, LiveSaleInput, OrderStatus, Platform
from streamdesk.core.orders import Orders
from streamdesk.core.show_types import ShowInput
from streamdesk.core.shows import Shows


@pytest.fixture
def catalogue(database, utc_clock, tmp_path: Path) -> Catalogue:
    return make_catalogue(database, utc_clock, tmp_path)


@pytest.fixture
def orders(database, utc_clock) -> Orders:
    return Orders(database.sessions, clock=utc_clock)


@pytest.fixture
def history(catalogue, database, utc_clock) -> dict[str, int]:
    """小美 bought in shows one and two, 阿强 only in show two, 大卫 once before any show and again in show two."""
    shows = Shows(database.sessions, clock=utc_clock)
    one, two = (shows.create_show(ShowInput(title=t)) for t in ("一", "二"))
    (cup,) = add_product(catalogue, "保温杯", ("CUP", 50))
    day = timedelta(days=1)
    t0 = utc_clock()
    line = (FileLine("1", cup, 1),)
    return import_orders(
        database,
        t0,
        [
            FileOrder("O1", line, buyer="大卫", paid_minor=1000, created_at=t0),
            FileOrder("O2", line, buyer="小美", paid_minor=2000, created_at=t0 + day, show_id=one),
            FileOrder("O3", line, buyer="小美", paid_minor=3000, created_at=t0 + 2 * day, show_id=two),
            FileOrder("O4", line, buyer="阿强", paid_minor=500, created_at=t0 + 2 * day, show_id=two),
            FileOrder(
                "O5", line, buyer="阿强", paid_minor=700, created_at=t0 + 2 * day + timedelta(hours=1), show_id=two
            ),
            FileOrder("O6", line, buyer="大卫", paid_minor=900, created_at=t0 + 2 * day, show_id=two),
            FileOrder(
                "O7",
                line,
                buyer="大卫",
                paid_minor=5000,
                created_at=t0 + 2 * day,
                show_id=two,
                status=OrderStatus.CANCELLED,
            ),
            FileOrder(
                "O8",
                line,
                buyer="新人",
                paid_minor=800,
                created_at=t0 + 2 * day,
                show_id=two,
                status=OrderStatus.REFUNDED,
            ),
            FileOrder(
                "O9", line, buyer="观望", created_at=t0 + 2 * day, show_id=two, status=OrderStatus.PENDING_PAYMENT
            ),
        ],
    ) | {"one": one, "two": two}


def test_lifetime_value_counts_what_was_paid_and_kept(orders, history, database) -> None:
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE orders SET refunded_minor = 400 WHERE order_no = 'O3'"))
    rows = {row.nickname: row for row in orders.customers()}
    assert {n: (r.orders, r.lifetime_minor) for n, r in rows.items()} == {
        "小美": (2, 2000 + 3000 - 400),
        "阿强": (2, 1200),
        "大卫": (3, 1900),  # the cancelled order adds nothing
        "新人": (1, 0),  # refunded in full
        "观望": (1, 0),  # never paid
    }
    assert (rows["大卫"].currency, rows["大卫"].platform) == ("CNY", Platform.DOUYIN)


def test_customers_are_found_by_nickname_name_or_phone_most_recent_buyer_first(orders, history, utc_clock) -> None:
    assert [r.nickname for r in orders.customers()] == ["阿强", "大卫", "小美", "新人", "观望"]  # ties: oldest first
    (xiaomei,) = orders.customers("小美")
    orders.update_customer(
        xiaomei.id, name=" 王小美 ", phone="138****1234", tags=["VIP", " 粉丝团 ", "VIP"], notes="爱白色"
    )
    assert [r.nickname for r in orders.customers("王")] == ["小美"]
    assert [r.nickname for r in orders.customers("****")] == ["小美"]
    row = orders.customers("小美")[0]
    assert (row.name, row.phone, row.tags, row.pii_masked) == ("王小美", "138****1234", ("VIP", "粉丝团"), True)
    assert [r.nickname for r in orders.customers("", limit=2)] == ["阿强", "大卫"]


def test_a_customer_in_detail_has_their_orders_newest_first(orders, history, utc_clock) -> None:
    xiaomei = orders.customers("小美")[0]
    detail = orders.get_customer(xiaomei.id)
    assert [o.order_no for o in detail.orders] == ["O3", "O2"]
    assert (detail.row.first_order_at, detail.row.last_order_at) == (
        utc_clock() + timedelta(days=1),
        utc_clock() + timedelta(days=2),
    )
    assert (detail.notes, detail.addresses) == ("", ())
    with pytest.raises(UserError) as error:
        orders.get_customer(999)
    assert error.value.code == "orders.customer_not_found"
    with pytest.raises(UserError):
        orders.update_customer(999, name="", phone="", tags=(), notes="")


def test_new_and_returning_buyers_of_a_show(orders, history) -> None:
    assert orders.buyer_counts(history["one"]) == BuyerCounts(
        history["one"], buyers=1, new_buyers=1, returning_buyers=0
    )
    # show two: 小美 and 大卫 bought before; 阿强's first order ever is here (twice); 新人 refunded still bought
    assert orders.buyer_counts(history["two"]) == BuyerCounts(
        history["two"], buyers=4, new_buyers=2, returning_buyers=2
    )
    assert orders.buyer_counts(999) == BuyerCounts(999, 0, 0, 0)


def test_nicknames_complete_a_prefix_recent_buyers_first(catalogue, orders, history, utc_clock) -> None:
    (cup,) = add_product(catalogue, "杯", ("CUP-2", 5))
    utc_clock.advance(days=5)
    orders.live_sale(LiveSaleInput(cup, "小美", platform=Platform.KUAISHOU))
    utc_clock.advance(minutes=1)
    orders.live_sale(LiveSaleInput(cup, "小美的妈妈"))
    assert orders.nicknames("小") == ("小美的妈妈", "小美")  # one entry per name across platforms
    assert orders.nicknames("小", Platform.KUAISHOU) == ("小美",)
    assert orders.nicknames("小", limit=1) == ("小美的妈妈",)
    assert orders.nicknames("%") == ()
