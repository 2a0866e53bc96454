"""Order lines and the stock ledger: each line takes its stock once (a bundle takes its components, an oversell is
recorded), puts it back once, returns through cases only what is still out, and on_hand always equals the ledger."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from orders_support import (
    FileLine,
    FileOrder,
    add_bundle,
    add_product,
    import_orders,
    ledger,
    make_catalogue,
    moves,
    on_hand,
)
from sqlmodel import select

from streamdesk.core import orders_stock
from streamdesk.core.catalogue import Catalogue
from streamdesk.models.base import CaseKind, CaseStatus, OrderStatus, StockReason
from streamdesk.models.orders import AfterSalesCase, CaseItem, Order, OrderLine


@pytest.fixture
def catalogue(database, utc_clock, tmp_path: Path) -> Catalogue:
    return make_catalogue(database, utc_clock, tmp_path)


def test_a_line_takes_its_stock_once_however_often_it_is_imported(catalogue, database, utc_clock) -> None:
    (cup,) = add_product(catalogue, "保温杯", ("CUP", 10))
    order = FileOrder("6917000000000000001", (FileLine("1", cup, 3),))
    import_orders(database, utc_clock(), [order])
    utc_clock.advance(hours=1)
    import_orders(database, utc_clock(), [order, order])
    assert on_hand(database, cup) == 7 == ledger(database, cup)
    assert moves(database, "6917000000000000001/1") == [(cup, -3, "sale", "6917000000000000001/1")]
    assert catalogue.ledger_mismatches() == ()


def test_a_bundle_takes_its_components_and_has_no_move_of_its_own(catalogue, database, utc_clock) -> None:
    cup, lid = add_product(catalogue, "杯", ("CUP-W", 10), ("LID", 4))
    gift = add_bundle(catalogue, "GIFT", [(cup, 2), (lid, 1)])
    ids = import_orders(database, utc_clock(), [FileOrder("A1", (FileLine("1", gift, 3),))])
    assert (on_hand(database, cup), on_hand(database, lid)) == (4, 1)
    assert moves(database, "A1/1") == [(cup, -6, "sale", "A1/1"), (lid, -3, "sale", "A1/1")]
    assert ledger(database, gift) == 0 == on_hand(database, gift)
    with database.sessions() as session:
        (line,) = session.exec(select(OrderLine).where(OrderLine.order_id == ids["A1"])).all()
        group = orders_stock.move_group(session, line, line.sale_move_id)
        assert [(m.variant_id, m.quantity) for m in group] == [(cup, -6), (lid, -3)]


def test_an_oversold_line_takes_the_count_below_zero(catalogue, database, utc_clock) -> None:
    (cup,) = add_product(catalogue, "保温杯", ("CUP", 1))
    import_orders(database, utc_clock(), [FileOrder("B1", (FileLine("1", cup, 3),))])
    assert on_hand(database, cup) == -2 == ledger(database, cup)
    assert catalogue.row_for_variant(cup).on_hand == -2


def test_unmatched_and_empty_lines_take_nothing(catalogue, database, utc_clock) -> None:
    (cup,) = add_product(catalogue, "保温杯", ("CUP", 5))
    catalogue_moves = len(moves(database))
    import_orders(database, utc_clock(), [FileOrder("C1", (FileLine("1", None, 2), FileLine("2", cup, 0)))])
    assert len(moves(database)) == catalogue_moves
    assert on_hand(database, cup) == 5
    with database.sessions() as session:
        assert [line.sale_move_id for line in session.exec(select(OrderLine))] == [None, None]


def test_a_cancellation_puts_the_stock_back_once(catalogue, database, utc_clock) -> None:
    cup, lid = add_product(catalogue, "杯", ("CUP-W", 10), ("LID", 4))
    gift = add_bundle(catalogue, "GIFT", [(cup, 2), (lid, 1)])
    lines = (FileLine("1", gift, 1), FileLine("2", cup, 2))
    import_orders(database, utc_clock(), [FileOrder("D1", lines)])
    assert (on_hand(database, cup), on_hand(database, lid)) == (6, 3)
    cancelled = FileOrder("D1", lines, status=OrderStatus.CANCELLED)
    import_orders(database, utc_clock(), [cancelled])
    import_orders(database, utc_clock(), [cancelled])
    assert (on_hand(database, cup), on_hand(database, lid)) == (10, 4)
    assert moves(database, "D1/1") == [
        (cup, -2, "sale", "D1/1"),
        (lid, -1, "sale", "D1/1"),
        (cup, 2, "return", "D1/1"),
        (lid, 1, "return", "D1/1"),
    ]
    assert catalogue.ledger_mismatches() == ()


def test_put_back_of_a_line_never_taken_does_nothing(catalogue, database, utc_clock) -> None:
    add_product(catalogue, "保温杯", ("CUP", 5))
    ids = import_orders(database, utc_clock(), [FileOrder("E1", (FileLine("1", None, 1),))])
    before = moves(database)
    with database.sessions(write=True) as session, session.begin():
        (line,) = session.exec(select(OrderLine).where(OrderLine.order_id == ids["E1"])).all()
        assert orders_stock.put_back(session, line, utc_clock(), reason=StockReason.RETURN, reference="x") is None
        assert line.cancel_move_id is None
    assert moves(database) == before


def _case_item(session, line: OrderLine, quantity: int, now) -> CaseItem:
    case = AfterSalesCase(kind=CaseKind.RETURN, status=CaseStatus.OPEN, created_at=now, updated_at=now)
    session.add(case)
    session.flush()
    item = CaseItem(case_id=case.id, order_line_id=line.id, quantity=quantity)
    session.add(item)
    session.flush()
    return item


def test_returned_units_are_not_put_back_a_second_time(catalogue, database, utc_clock) -> None:
    cup, lid = add_product(catalogue, "杯", ("CUP-W", 10), ("LID", 4))
    gift = add_bundle(catalogue, "GIFT", [(cup, 2), (lid, 1)])
    ids = import_orders(database, utc_clock(), [FileOrder("F1", (FileLine("1", gift, 3),))])
    now = utc_clock()
    with database.sessions(write=True) as session, session.begin():
        (line,) = session.exec(select(OrderLine).where(OrderLine.order_id == ids["F1"])).all()
        first = _case_item(session, line, 1, now)
        assert orders_stock.restock(session, first, line, now, reference="case 1") is not None
        assert orders_stock.restock(session, first, line, now, reference="case 1") is None  # once per item
        too_many = _case_item(session, line, 5, now)
        orders_stock.restock(session, too_many, line, now, reference="case 2")  # only the 2 sets still out
    assert (on_hand(database, cup), on_hand(database, lid)) == (10, 4)
    with database.sessions(write=True) as session, session.begin():
        (line,) = session.exec(select(OrderLine).where(OrderLine.order_id == ids["F1"])).all()
        assert orders_stock.put_back(session, line, now, reason=StockReason.RETURN, reference="F1/1") is None
        late = _case_item(session, line, 1, now)
        assert orders_stock.restock(session, late, line, now, reference="case 3") is None
    assert (on_hand(database, cup), on_hand(database, lid)) == (10, 4)
    assert catalogue.ledger_mismatches() == ()


def test_put_back_after_a_partial_return_puts_back_the_rest(catalogue, database, utc_clock) -> None:
    (cup,) = add_product(catalogue, "保温杯", ("CUP", 10))
    ids = import_orders(database, utc_clock(), [FileOrder("G1", (FileLine("1", cup, 4),))])
    now = utc_clock()
    with database.sessions(write=True) as session, session.begin():
        (line,) = session.exec(select(OrderLine).where(OrderLine.order_id == ids["G1"])).all()
        orders_stock.restock(session, _case_item(session, line, 1, now), line, now, reference="case")
        move = orders_stock.put_back(session, line, now, reason=StockReason.RETURN, reference="G1/1")
        assert move is not None and move.quantity == 3
    assert on_hand(database, cup) == 10 == ledger(database, cup)


def test_lines_sharing_a_reference_keep_their_own_moves(catalogue, database, utc_clock) -> None:
    cup, lid, bag = add_product(catalogue, "杯", ("CUP-W", 10), ("LID", 10), ("BAG", 10))
    gift = add_bundle(catalogue, "GIFT", [(cup, 1), (lid, 1)])
    ids = import_orders(database, utc_clock(), [FileOrder("H1", (FileLine("1", None, 1), FileLine("2", None, 1)))])
    now = utc_clock()
    with database.sessions(write=True) as session, session.begin():
        first, second = session.exec(select(OrderLine).where(OrderLine.order_id == ids["H1"])).all()
        first.variant_id, second.variant_id = gift, bag
        for line in (first, second):  # one reference for both, as a careless caller might give
            orders_stock.take_stock(session, line, now, reference="same")
        assert [m.variant_id for m in orders_stock.move_group(session, first, first.sale_move_id)] == [cup, lid]
        assert [m.variant_id for m in orders_stock.move_group(session, second, second.sale_move_id)] == [bag]
        orders_stock.put_back(session, first, now, reason=StockReason.RETURN, reference="same")
    assert [on_hand(database, v) for v in (cup, lid, bag)] == [10, 10, 9]


def test_undoing_a_put_back_and_a_sale_removes_their_moves(catalogue, database, utc_clock) -> None:
    cup, lid = add_product(catalogue, "杯", ("CUP-W", 10), ("LID", 4))
    gift = add_bundle(catalogue, "GIFT", [(cup, 2), (lid, 1)])
    paid = FileOrder("J1", (FileLine("1", gift, 1),))
    ids = import_orders(database, utc_clock(), [paid])
    import_orders(database, utc_clock(), [FileOrder("J1", paid.lines, status=OrderStatus.CANCELLED)])
    assert len(moves(database, "J1/1")) == 4
    with database.sessions(write=True) as session, session.begin():
        (line,) = session.exec(select(OrderLine).where(OrderLine.order_id == ids["J1"])).all()
        orders_stock.unlink_put_back(session, line)
        assert line.cancel_move_id is None
    assert (on_hand(database, cup), on_hand(database, lid)) == (8, 3)
    with database.sessions(write=True) as session, session.begin():
        (line,) = session.exec(select(OrderLine).where(OrderLine.order_id == ids["J1"])).all()
        orders_stock.unlink_sale(session, line)
    assert moves(database, "J1/1") == []
    assert (on_hand(database, cup), on_hand(database, lid)) == (10, 4)
    assert catalogue.ledger_mismatches() == ()


def test_ship_by_comes_from_the_longest_ship_cycle_unless_the_platform_gave_one(catalogue, database, utc_clock) -> None:
    (fast,) = add_product(catalogue, "现货", ("NOW", 5), ship_cycle_days=2)
    (slow,) = add_product(catalogue, "预售", ("LATER", 5), ship_cycle_days=7)
    (plain,) = add_product(catalogue, "普通", ("PLAIN", 5))
    paid = utc_clock()
    promised = paid + timedelta(hours=30)
    ids = import_orders(
        database,
        paid,
        [
            FileOrder("K1", (FileLine("1", fast, 1), FileLine("2", slow, 1)), paid_at=paid),
            FileOrder("K2", (FileLine("1", slow, 1),), paid_at=paid, ship_by=promised),
            FileOrder("K3", (FileLine("1", plain, 1),), paid_at=paid),
            FileOrder("K4", (FileLine("1", slow, 1),)),
        ],
    )
    with database.sessions() as session:
        ship_by = {no: session.get(Order, ids[no]).ship_by for no in ("K1", "K2", "K3", "K4")}
    assert ship_by == {"K1": paid + timedelta(days=7), "K2": promised, "K3": None, "K4": None}
