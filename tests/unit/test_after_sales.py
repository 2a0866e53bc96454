"""After-sales cases: linked to an order and customer, the status workflow, refunds feeding the order's refunded
amount, returned units back to stock once through the ledger, and edits that undo cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from orders_support import FileLine, FileOrder, add_bundle, add_product, import_orders, make_catalogue, moves, on_hand

from streamdesk.core.after_sales import AfterSales
from streamdesk.core.catalogue import Catalogue
from streamdesk.core.errors import UserError
from streamdesk.core.order_types import CaseInput, CaseItemInput, CaseKind, CaseStatus, OrderStatus
from streamdesk.core.orders import Orders


@pytest.fixture
def catalogue(database, utc_clock, tmp_path: Path) -> Catalogue:
    return make_catalogue(database, utc_clock, tmp_path)


@pytest.fixture
def orders(database, utc_clock) -> Orders:
    return Orders(database.sessions, clock=utc_clock)


@pytest.fixture
def after_sales(database, utc_clock) -> AfterSales:
    return AfterSales(database.sessions, clock=utc_clock)


@pytest.fixture
def sold(catalogue, database, orders, utc_clock) -> dict[str, int]:
    """A shipped order of 3 cups and a gift set (2 cups + 1 lid) for 小美; 10 cups and 5 lids at the start."""
    cup, lid = add_product(catalogue, "杯", ("CUP-W", 10), ("LID", 5))
    gift = add_bundle(catalogue, "GIFT", [(cup, 2), (lid, 1)])
    ids = import_orders(
        database,
        utc_clock(),
        [
            FileOrder(
                "R1",
                (FileLine("1", cup, 3), FileLine("2", gift, 1)),
                buyer="小美",
                paid_minor=10000,
                status=OrderStatus.SHIPPED,
            )
        ],
    )
    lines = orders.get_order(ids["R1"]).lines
    return {"order": ids["R1"], "cup": cup, "lid": lid, "cup_line": lines[0].id, "gift_line": lines[1].id}


def test_a_return_case_restocks_once_and_its_refund_reaches_the_order(after_sales, orders, database, sold) -> None:
    case = CaseInput(
        CaseKind.RETURN,
        order_id=sold["order"],
        summary="杯子有划痕",
        refund_minor=3000,
        items=(CaseItemInput(sold["cup_line"], 2), CaseItemInput(sold["gift_line"], 1)),
    )
    case_id = after_sales.open_case(case)
    assert (on_hand(database, sold["cup"]), on_hand(database, sold["lid"])) == (5 + 2 + 2, 4 + 1)
    detail = orders.get_order(sold["order"])
    assert (detail.row.refunded_minor, detail.case_ids) == (3000, (case_id,))
    row, stored = after_sales.get_case(case_id)
    assert (row.kind, row.status, row.order_no, row.customer, row.refund_minor, row.currency) == (
        CaseKind.RETURN,
        CaseStatus.OPEN,
        "R1",
        "小美",
        3000,
        "CNY",
    )
    assert stored == CaseInput(
        CaseKind.RETURN,
        order_id=sold["order"],
        customer_id=orders.customers("小美")[0].id,  # the order's customer when none was given
        summary="杯子有划痕",
        refund_minor=3000,
        items=(CaseItemInput(sold["cup_line"], 2), CaseItemInput(sold["gift_line"], 1)),
    )
    after_sales.update_case(case_id, stored)  # saving it unchanged changes nothing
    assert (on_hand(database, sold["cup"]), orders.get_order(sold["order"]).row.refunded_minor) == (9, 3000)
    assert [m for m in moves(database) if m[2] == "return"] == [
        (sold["cup"], 2, "return", f"R1/1 #{case_id}"),
        (sold["cup"], 2, "return", f"R1/2 #{case_id}"),
        (sold["lid"], 1, "return", f"R1/2 #{case_id}"),
    ]


def test_a_second_case_cannot_return_more_than_is_still_out(after_sales, database, sold) -> None:
    after_sales.open_case(
        CaseInput(CaseKind.RETURN, order_id=sold["order"], items=(CaseItemInput(sold["cup_line"], 2),))
    )
    after_sales.open_case(
        CaseInput(CaseKind.EXCHANGE, order_id=sold["order"], items=(CaseItemInput(sold["cup_line"], 3),))
    )
    assert on_hand(database, sold["cup"]) == 5 + 3  # three cups were sold on that line, no more come back
    keep = CaseItemInput(sold["cup_line"], 1, restock=False)  # damaged: back to the seller, not to the shelf
    after_sales.open_case(CaseInput(CaseKind.RETURN, order_id=sold["order"], items=(keep,)))
    assert on_hand(database, sold["cup"]) == 8


def test_editing_a_case_replaces_its_refund_and_returns_and_undo_restores_them(
    after_sales, orders, database, sold
) -> None:
    first = CaseInput(
        CaseKind.REFUND, order_id=sold["order"], refund_minor=1000, items=(CaseItemInput(sold["cup_line"], 1),)
    )
    case_id = after_sales.open_case(first)
    second = CaseInput(
        CaseKind.REFUND, order_id=sold["order"], refund_minor=2500, items=(CaseItemInput(sold["gift_line"], 1),)
    )
    after_sales.update_case(case_id, second)
    assert (on_hand(database, sold["cup"]), on_hand(database, sold["lid"])) == (5 + 2, 4 + 1)
    assert orders.get_order(sold["order"]).row.refunded_minor == 2500
    after_sales.update_case(case_id, first)
    assert (on_hand(database, sold["cup"]), on_hand(database, sold["lid"])) == (5 + 1, 4)
    assert orders.get_order(sold["order"]).row.refunded_minor == 1000
    after_sales.update_case(case_id, CaseInput(CaseKind.CONSULTATION, summary="问尺码"))
    assert (on_hand(database, sold["cup"]), orders.get_order(sold["order"]).row.refunded_minor) == (5, 0)
    assert orders.get_order(sold["order"]).case_ids == ()
    assert [m for m in moves(database) if m[2] == "return"] == []


def test_the_status_workflow_stamps_closing_and_returns_the_previous_status(after_sales, utc_clock) -> None:
    case_id = after_sales.open_case(CaseInput(CaseKind.SUGGESTION, summary="希望多上新色"))
    assert after_sales.set_case_status(case_id, CaseStatus.IN_PROGRESS) is CaseStatus.OPEN
    assert after_sales.set_case_status(case_id, CaseStatus.RESOLVED) is CaseStatus.IN_PROGRESS
    utc_clock.advance(hours=2)
    assert after_sales.set_case_status(case_id, CaseStatus.CLOSED) is CaseStatus.RESOLVED
    row, _ = after_sales.get_case(case_id)
    assert (row.status, row.updated_at, row.order_no, row.customer) == (CaseStatus.CLOSED, utc_clock(), "", "")
    assert after_sales.set_case_status(case_id, CaseStatus.RESOLVED) is CaseStatus.CLOSED


def test_cases_are_listed_newest_first_by_status_and_text(after_sales, sold, utc_clock) -> None:
    first = after_sales.open_case(CaseInput(CaseKind.COMPLAINT, order_id=sold["order"], summary="发货慢"))
    utc_clock.advance(minutes=1)
    second = after_sales.open_case(CaseInput(CaseKind.CONSULTATION, summary="问尺码"))
    after_sales.set_case_status(second, CaseStatus.IN_PROGRESS)
    assert [c.id for c in after_sales.cases()] == [second, first]
    assert [c.id for c in after_sales.cases(status=CaseStatus.OPEN)] == [first]
    assert [c.id for c in after_sales.cases(text="小美")] == [first]
    assert [c.id for c in after_sales.cases(text="r1")] == [first]
    assert [c.id for c in after_sales.cases(text="尺码")] == [second]


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda s: CaseInput(CaseKind.REFUND, order_id=s["order"], refund_minor=-1), "after_sales.refund_negative"),
        (lambda s: CaseInput(CaseKind.REFUND, order_id=999), "orders.not_found"),
        (lambda s: CaseInput(CaseKind.REFUND, customer_id=999), "orders.customer_not_found"),
        (
            lambda s: CaseInput(CaseKind.RETURN, items=(CaseItemInput(s["cup_line"], 1),)),
            "after_sales.items_need_order",
        ),
        (
            lambda s: CaseInput(CaseKind.RETURN, order_id=s["order"], items=(CaseItemInput(999, 1),)),
            "after_sales.line_not_in_order",
        ),
        (
            lambda s: CaseInput(
                CaseKind.RETURN,
                order_id=s["order"],
                items=(CaseItemInput(s["cup_line"], 1), CaseItemInput(s["cup_line"], 1)),
            ),
            "after_sales.line_not_in_order",
        ),
        (
            lambda s: CaseInput(CaseKind.RETURN, order_id=s["order"], items=(CaseItemInput(s["cup_line"], 4),)),
            "after_sales.quantity_invalid",
        ),
    ],
)
def test_a_case_that_cannot_be_saved_writes_nothing(after_sales, database, sold, make, code) -> None:
    before = moves(database)
    with pytest.raises(UserError) as error:
        after_sales.open_case(make(sold))
    assert error.value.code == code
    assert (moves(database), after_sales.cases()) == (before, ())


def test_a_missing_case_is_a_user_error(after_sales) -> None:
    for call in (
        lambda: after_sales.get_case(7),
        lambda: after_sales.set_case_status(7, CaseStatus.CLOSED),
        lambda: after_sales.update_case(7, CaseInput(CaseKind.REFUND)),
    ):
        with pytest.raises(UserError) as error:
            call()
        assert (error.value.code, error.value.fields) == ("after_sales.not_found", {"case_id": 7})
