"""Live capture: a sale is an ordinary order attributed to the show and segment, its stock leaves through the
ledger, the stream's counters, undo of a capture, the waitlist and lucky draws."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from orders_support import FileLine, FileOrder, add_bundle, add_product, import_orders, make_catalogue, moves, on_hand

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.errors import UserError
from streamdesk.core.order_types import LiveSaleInput, OrderSource, OrderStatus, Platform, WaitlistStatus
from streamdesk.core.orders import Orders
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput
from streamdesk.core.shows import Shows


@pytest.fixture
def catalogue(database, utc_clock, tmp_path: Path) -> Catalogue:
    return make_catalogue(database, utc_clock, tmp_path)


@pytest.fixture
def orders(database, utc_clock) -> Orders:
    return Orders(database.sessions, clock=utc_clock)


@pytest.fixture
def show(database, utc_clock) -> tuple[int, int]:
    shows = Shows(database.sessions, clock=utc_clock)
    show_id = shows.create_show(ShowInput(title="周五上新", planned_start=utc_clock()))
    segment_id = shows.insert_segment(show_id, 0, SegmentInput(SegmentKind.FLASH_SALE, "秒杀", 600))
    return show_id, segment_id


def test_a_live_sale_is_a_paid_order_of_the_segment_at_the_live_price(
    catalogue, database, orders, show, utc_clock
) -> None:
    show_id, segment_id = show
    (cup,) = add_product(catalogue, "保温杯", ("CUP", 5), live_price_minor=1590)
    result = orders.live_sale(
        LiveSaleInput(cup, " 小美爱买 ", quantity=2, show_id=show_id, segment_id=segment_id, note="要白色")
    )
    assert (result.order_no, result.available_after) == ("L-20260105-0001", 3)
    detail = orders.get_order(result.order_id)
    row = detail.row
    assert (row.source, row.status, row.buyer, row.paid_minor, row.show_id) == (
        OrderSource.LIVE,
        OrderStatus.PAID,
        "小美爱买",
        3180,
        show_id,
    )
    assert (detail.segment_id, detail.paid_at, detail.seller_note) == (segment_id, utc_clock(), "要白色")
    assert [(x.sku_code, x.title, x.quantity, x.unit_price_minor, x.stock_taken) for x in detail.lines] == [
        ("CUP", "保温杯", 2, 1590, True)
    ]
    assert moves(database, "L-20260105-0001/1") == [(cup, -2, "sale", "L-20260105-0001/1")]
    second = orders.live_sale(LiveSaleInput(cup, "小美爱买", unit_price_minor=990))
    assert second.order_no == "L-20260105-0002"
    assert orders.get_order(second.order_id).row.paid_minor == 990
    assert [c.nickname for c in orders.customers()] == ["小美爱买"]


def test_selling_past_zero_needs_a_backorder(catalogue, database, orders) -> None:
    (cup,) = add_product(catalogue, "保温杯", ("CUP", 1))
    with pytest.raises(UserError) as error:
        orders.live_sale(LiveSaleInput(cup, "阿强", quantity=2))
    assert (error.value.code, error.value.fields) == (
        "orders.out_of_stock",
        {"sku": "CUP", "available": 1, "quantity": 2},
    )
    assert on_hand(database, cup) == 1
    assert orders.live_sale(LiveSaleInput(cup, "阿强", quantity=2, allow_backorder=True)).available_after == -1


def test_a_bundle_sells_as_many_sets_as_its_components_allow(catalogue, database, orders) -> None:
    cup, lid = add_product(catalogue, "杯", ("CUP-W", 5), ("LID", 2))
    gift = add_bundle(catalogue, "GIFT", [(cup, 2), (lid, 1)])
    assert orders.live_sale(LiveSaleInput(gift, "阿强")).available_after == 1
    assert (on_hand(database, cup), on_hand(database, lid)) == (3, 1)
    with pytest.raises(UserError):
        orders.live_sale(LiveSaleInput(gift, "阿强", quantity=2))


@pytest.mark.parametrize(
    ("sale", "code"),
    [
        (LiveSaleInput(1, "  "), "orders.nickname_required"),
        (LiveSaleInput(1, "a", quantity=0), "orders.quantity_invalid"),
        (LiveSaleInput(1, "a", unit_price_minor=-1), "orders.price_negative"),
        (LiveSaleInput(99, "a"), "catalogue.variant_not_found"),
        (LiveSaleInput(1, "a", show_id=99), "orders.show_not_found"),
        (LiveSaleInput(1, "a", segment_id=99), "orders.segment_not_found"),
    ],
)
def test_a_sale_that_cannot_be_taken_writes_nothing(catalogue, database, orders, sale, code) -> None:
    add_product(catalogue, "保温杯", ("CUP", 5))
    before = moves(database)
    with pytest.raises(UserError) as error:
        orders.live_sale(sale)
    assert error.value.code == code
    assert moves(database) == before and orders.customers() == ()


def test_undoing_a_capture_deletes_the_order_and_its_stock_move(catalogue, database, orders, utc_clock) -> None:
    (cup,) = add_product(catalogue, "保温杯", ("CUP", 5))
    first = orders.live_sale(LiveSaleInput(cup, "小美", quantity=2))
    orders.undo_live_sale(first.order_id)
    assert on_hand(database, cup) == 5 and moves(database, first.order_no + "/1") == []
    with pytest.raises(UserError) as error:
        orders.get_order(first.order_id)
    assert error.value.code == "orders.not_found"
    assert orders.live_sale(LiveSaleInput(cup, "小美")).order_no == first.order_no  # the number is free again
    ids = import_orders(database, utc_clock(), [FileOrder("DY-1", (FileLine("1", cup, 1),))])
    with pytest.raises(UserError) as error:
        orders.undo_live_sale(ids["DY-1"])
    assert error.value.code == "orders.not_live"
    shipped = orders.live_sale(LiveSaleInput(cup, "小美"))
    orders.mark_shipped(shipped.order_id, "顺丰速运", "SF1")
    with pytest.raises(UserError) as error:
        orders.undo_live_sale(shipped.order_id)
    assert error.value.code == "orders.live_sale_in_use"


def test_counters_count_the_shows_units_stock_and_waitlist(catalogue, database, orders, show, utc_clock) -> None:
    show_id, segment_id = show
    cup, lid = add_product(catalogue, "杯", ("CUP-W", 5), ("LID", 9))
    orders.live_sale(LiveSaleInput(cup, "小美", quantity=2, show_id=show_id, segment_id=segment_id))
    cancelled = orders.live_sale(LiveSaleInput(cup, "阿强", show_id=show_id))
    orders.set_status([cancelled.order_id], OrderStatus.CANCELLED)
    orders.live_sale(LiveSaleInput(cup, "路人", quantity=3))  # not in the show
    import_orders(database, utc_clock(), [FileOrder("DY-9", (FileLine("1", cup, 1),), show_id=show_id, buyer="大卫")])
    orders.join_waitlist(show_id, cup, "阿强", 2)
    entry = orders.join_waitlist(show_id, cup, "晚来的")
    orders.set_waitlist_status(entry, WaitlistStatus.CANCELLED)
    counters = orders.sold_counters(show_id, [cup, lid, 999, cup])
    assert [(c.variant_id, c.sold, c.available, c.waiting) for c in counters] == [(cup, 3, -1, 1), (lid, 0, 9, 0)]
    assert orders.show_buyers(show_id) == ("小美", "大卫")


def test_the_waitlist_is_first_come_first_served(catalogue, orders, show, utc_clock) -> None:
    show_id, _ = show
    (cup,) = add_product(catalogue, "保温杯", ("CUP", 0))
    first = orders.join_waitlist(show_id, cup, " 小美 ", 2)
    utc_clock.advance(seconds=5)
    orders.join_waitlist(None, cup, "阿强")
    orders.set_waitlist_status(first, WaitlistStatus.FULFILLED)
    assert [(w.nickname, w.quantity, w.status) for w in orders.waitlist(cup)] == [
        ("小美", 2, WaitlistStatus.FULFILLED),
        ("阿强", 1, WaitlistStatus.WAITING),
    ]
    assert [w.nickname for w in orders.waitlist(cup, show_id)] == ["小美"]
    for bad, code in (("", "orders.nickname_required"), ("x", "orders.quantity_invalid")):
        with pytest.raises(UserError) as error:
            orders.join_waitlist(show_id, cup, bad, 0)
        assert error.value.code == code
    with pytest.raises(UserError) as error:
        orders.set_waitlist_status(999, WaitlistStatus.CANCELLED)
    assert error.value.code == "orders.waitlist_not_found"


def test_a_draw_picks_distinct_entrants_and_is_logged(orders, show) -> None:
    show_id, segment_id = show
    entrants = [" 小美 ", "阿强", "小美", "", "大卫", "Lily"]
    result = orders.draw(entrants, 2, prize="保温杯", show_id=show_id, segment_id=segment_id)
    assert result.entrants == ("小美", "阿强", "大卫", "Lily")
    assert len(set(result.winners)) == 2 and set(result.winners) <= set(result.entrants)
    assert orders.draws(show_id) == (result,)
    wins = Counter(
        orders.draw(["a", "b", "c"], 1, prize="", show_id=None, segment_id=None).winners[0] for _ in range(60)
    )
    assert set(wins) == {"a", "b", "c"}  # each of three wins at least once in 60 fair draws (fails ~1 in 10^10)
    assert orders.draws(show_id) == (result,)


@pytest.mark.parametrize(
    ("entrants", "winners", "code"),
    [
        ([], 1, "orders.draw_no_entrants"),
        (["a"], 2, "orders.draw_winners_invalid"),
        (["a"], 0, "orders.draw_winners_invalid"),
    ],
)
def test_a_draw_needs_entrants_and_a_sensible_number_of_winners(orders, entrants, winners, code) -> None:
    with pytest.raises(UserError) as error:
        orders.draw(entrants, winners, prize="", show_id=None, segment_id=None)
    assert error.value.code == code


def test_live_sales_are_per_platform_customers(catalogue, orders) -> None:
    (cup,) = add_product(catalogue, "保温杯", ("CUP", 5))
    orders.live_sale(LiveSaleInput(cup, "Lily", platform=Platform.TIKTOK))
    orders.live_sale(LiveSaleInput(cup, "Lily"))
    assert sorted((c.platform, c.orders) for c in orders.customers("lily")) == [
        (Platform.DOUYIN, 1),
        (Platform.TIKTOK, 1),
    ]
