"""Changing orders by hand: status with its stock effect and undo, the seller's note, shipping, matching lines the
import could not place (remembered), and the pick list."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from orders_support import FileLine, FileOrder, add_bundle, add_product, import_orders, make_catalogue, moves, on_hand
from sqlalchemy import text

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.errors import UserError
from streamdesk.core.order_types import OrderStatus, Platform
from streamdesk.core.orders import Orders
from streamdesk.core.orders_match import match_key
from streamdesk.core.show_types import ShowInput
from streamdesk.core.shows import Shows


@pytest.fixture
def catalogue(database, utc_clock, tmp_path: Path) -> Catalogue:
    return make_catalogue(database, utc_clock, tmp_path)


@pytest.fixture
def orders(database, utc_clock) -> Orders:
    return Orders(database.sessions, clock=utc_clock)


def test_cancelling_puts_stock_back_once_and_undo_takes_it_out_again(catalogue, database, orders, utc_clock) -> None:
    (cup,) = add_product(catalogue, "保温杯", ("CUP", 10))
    ids = import_orders(database, utc_clock(), [FileOrder("A1", (FileLine("1", cup, 3),)), FileOrder("A2", ())])
    previous = orders.set_status([ids["A1"], ids["A2"], ids["A1"]], OrderStatus.CANCELLED)
    assert previous == ((ids["A1"], OrderStatus.PAID), (ids["A2"], OrderStatus.PAID))
    assert on_hand(database, cup) == 10
    assert orders.set_status([ids["A1"]], OrderStatus.CANCELLED) == ((ids["A1"], OrderStatus.CANCELLED),)
    assert on_hand(database, cup) == 10
    for order_id, status in previous:
        orders.set_status([order_id], status)
    assert on_hand(database, cup) == 7
    assert moves(database, "A1/1") == [(cup, -3, "sale", "A1/1")]
    assert orders.get_order(ids["A1"]).row.status is OrderStatus.PAID
    assert catalogue.ledger_mismatches() == ()


def test_a_refund_puts_stock_back_only_when_the_parcel_never_left(catalogue, database, orders, utc_clock) -> None:
    (cup,) = add_product(catalogue, "保温杯", ("CUP", 10))
    ids = import_orders(
        database, utc_clock(), [FileOrder("B1", (FileLine("1", cup, 2),)), FileOrder("B2", (FileLine("1", cup, 1),))]
    )
    orders.mark_shipped(ids["B2"], "顺丰速运", "SF100", "sf")
    orders.set_status([ids["B1"], ids["B2"]], OrderStatus.REFUNDED)
    assert on_hand(database, cup) == 9  # B1 back on the shelf; B2's unit is with the buyer until a return case
    assert orders.get_order(ids["B2"]).shipped_at == utc_clock()


def test_status_changes_stamp_shipping_and_completion(orders, database, catalogue, utc_clock) -> None:
    ids = import_orders(database, utc_clock(), [FileOrder("C1", ())])
    orders.set_status([ids["C1"]], OrderStatus.COMPLETED)
    detail = orders.get_order(ids["C1"])
    assert (detail.shipped_at, detail.completed_at) == (utc_clock(), utc_clock())
    orders.set_status([ids["C1"]], OrderStatus.PAID)
    detail = orders.get_order(ids["C1"])
    assert (detail.shipped_at, detail.completed_at) == (None, None)


def test_an_unknown_order_refuses_the_whole_status_change(catalogue, database, orders, utc_clock) -> None:
    ids = import_orders(database, utc_clock(), [FileOrder("D1", ())])
    with pytest.raises(UserError) as error:
        orders.set_status([ids["D1"], 999], OrderStatus.SHIPPED)
    assert error.value.code == "orders.not_found"
    assert orders.get_order(ids["D1"]).row.status is OrderStatus.PAID


def test_the_seller_note_returns_the_previous_one(database, orders, utc_clock) -> None:
    ids = import_orders(database, utc_clock(), [FileOrder("E1", ())])
    assert orders.set_seller_note(ids["E1"], "送小样") == ""
    assert orders.set_seller_note(ids["E1"], "") == "送小样"
    assert orders.get_order(ids["E1"]).seller_note == ""


def test_marking_shipped_records_the_tracking_number_once(database, orders, utc_clock) -> None:
    ids = import_orders(database, utc_clock(), [FileOrder("F1", ()), FileOrder("F2", (), status=OrderStatus.CANCELLED)])
    orders.mark_shipped(ids["F1"], " 圆通速递 ", " YT123456789 ", "yto")
    utc_clock.advance(hours=1)
    orders.mark_shipped(ids["F1"], "圆通速递", "YT123456789")
    detail = orders.get_order(ids["F1"])
    assert [(s.courier, s.courier_code, s.tracking_no) for s in detail.shipments] == [
        ("圆通速递", "YTO", "YT123456789")
    ]
    assert (detail.row.status, detail.row.tracking_no) == (OrderStatus.SHIPPED, "YT123456789")
    with pytest.raises(UserError) as error:
        orders.mark_shipped(ids["F1"], "圆通速递", "  ")
    assert error.value.code == "orders.tracking_required"
    with pytest.raises(UserError) as error:
        orders.mark_shipped(ids["F2"], "圆通速递", "YT1")
    assert error.value.fields == {"order_no": "F2", "status": "cancelled"}
    orders.set_status([ids["F1"]], OrderStatus.COMPLETED)
    orders.mark_shipped(ids["F1"], "圆通速递", "YT2")
    assert orders.get_order(ids["F1"]).row.status is OrderStatus.COMPLETED


def test_match_keys_ignore_case_width_and_spacing() -> None:
    assert match_key(" ＣＵＰ-w ", "any", "thing") == match_key("cup-W", "", "") == "cup-w||"
    assert match_key("", "冰丝  防晒衣", "白色；M") == "|冰丝 防晒衣|白色;m"


def test_a_remembered_match_maps_every_waiting_line_of_that_key_and_takes_their_stock(
    catalogue, database, orders, utc_clock
) -> None:
    (shirt,) = add_product(catalogue, "冰丝防晒衣", ("SHIRT-M", 10), ship_cycle_days=3)
    mystery = FileLine("1", None, 2, title="冰丝防晒衣 爆款", spec="白;M")
    ids = import_orders(
        database,
        utc_clock(),
        [
            FileOrder("G1", (mystery,), paid_at=utc_clock()),
            FileOrder("G2", (mystery, FileLine("2", None, 1, sku_code="OTHER")), paid_at=utc_clock()),
            FileOrder("G3", (mystery,), platform=Platform.KUAISHOU),
            FileOrder("G4", (mystery,), status=OrderStatus.CANCELLED),
        ],
    )
    waiting = orders.unmatched_lines()
    assert [(u.match_key, len(u.rows)) for u in waiting] == [
        ("|冰丝防晒衣 爆款|白;m", 3),
        ("other||", 1),
        ("|冰丝防晒衣 爆款|白;m", 1),
    ]
    orders.match_line(waiting[0].rows[0], shirt)
    assert on_hand(database, shirt) == 6  # G1 and G2 took 2 each; G4 is cancelled; G3 is another platform
    assert [u.match_key for u in orders.unmatched_lines()] == ["other||", "|冰丝防晒衣 爆款|白;m"]
    assert [line.stock_taken for line in orders.get_order(ids["G4"]).lines] == [False]
    assert orders.get_order(ids["G1"]).row.ship_by == utc_clock() + timedelta(days=3)
    with database.engine.connect() as conn:
        aliases = conn.execute(text("SELECT platform, match_key, variant_id FROM sku_aliases")).all()
    assert [tuple(a) for a in aliases] == [("douyin", "|冰丝防晒衣 爆款|白;m", shirt)]


def test_an_unremembered_match_maps_one_line_and_a_second_match_moves_its_stock(
    catalogue, database, orders, utc_clock
) -> None:
    white, black = add_product(catalogue, "保温杯", ("CUP-W", 10), ("CUP-B", 10))
    line = FileLine("1", None, 2, sku_code="CUP")
    ids = import_orders(database, utc_clock(), [FileOrder("H1", (line,)), FileOrder("H2", (line,))])
    first = orders.get_order(ids["H1"]).lines[0].id
    orders.match_line(first, white, remember=False)
    assert (on_hand(database, white), len(orders.unmatched_lines()[0].rows)) == (8, 1)
    orders.match_line(first, black, remember=False)
    assert (on_hand(database, white), on_hand(database, black)) == (10, 8)
    assert moves(database, "H1/1") == [(black, -2, "sale", "H1/1")]
    with database.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM sku_aliases")).scalar_one() == 0
    with pytest.raises(UserError) as error:
        orders.match_line(first, 999)
    assert error.value.code == "catalogue.variant_not_found"
    with pytest.raises(UserError) as error:
        orders.match_line(999, white)
    assert error.value.code == "orders.line_not_found"


def test_the_pick_list_totals_units_per_sku_with_bundles_as_components(catalogue, database, orders, utc_clock) -> None:
    cup, lid = add_product(catalogue, "杯", ("CUP-W", 10), ("LID", 10))
    gift = add_bundle(catalogue, "GIFT", [(cup, 2), (lid, 1)])
    show_id = Shows(database.sessions, clock=utc_clock).create_show(ShowInput(title="周五上新"))
    ids = import_orders(
        database,
        utc_clock(),
        [
            FileOrder("P1", (FileLine("1", gift, 1), FileLine("2", cup, 1)), show_id=show_id),
            FileOrder(
                "P2", (FileLine("1", cup, 2), FileLine("2", None, 1, title="赠品", sku_code="FREE")), show_id=show_id
            ),
            FileOrder("P3", (FileLine("1", cup, 5),), show_id=show_id, status=OrderStatus.SHIPPED),
            FileOrder("P4", (FileLine("1", lid, 4),)),
            FileOrder("P5", (FileLine("1", lid, 9),), status=OrderStatus.CANCELLED),
        ],
    )
    rows = orders.pick_list(show_id=show_id)
    assert [(r.sku_code, r.title, r.quantity, r.orders, r.on_hand) for r in rows] == [
        ("CUP-W", "杯", 5, 2, 10 - 2 - 1 - 2 - 5),
        ("LID", "杯", 1, 1, 10 - 1 - 4),
        ("FREE", "赠品", 1, 1, None),
    ]
    chosen = orders.pick_list(order_ids=[ids["P4"], ids["P5"], ids["P3"]])
    assert [(r.sku_code, r.quantity, r.orders) for r in chosen] == [("CUP-W", 5, 1), ("LID", 4, 1)]
    assert orders.pick_list() == ()
