"""After-sales cases (咨询, 投诉, 建议, returns, exchanges, refunds) linked to an order and a customer, with their
status workflow, notes, the customer's feedback, refunds and returned units.

One user action is one call and one transaction. A case's refund adds to its order's ``refunded_minor`` (the
review's net GMV); an item marked for restock returns its units through the ledger once (orders_stock.restock),
never more than the line still has out. Editing a case undoes what it changed before and applies the new input,
so an edit and its undo are the same call.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from streamdesk.core import sql_dialect
from streamdesk.core.errors import UserError
from streamdesk.core.order_types import CaseInput, CaseItemInput, CaseKind, CaseRow, CaseStatus

if TYPE_CHECKING:
    from sqlmodel import Session

    from streamdesk.db import SessionFactory
    from streamdesk.models.orders import AfterSalesCase

DEFAULT_CURRENCY = "CNY"  # a case without an order: the models' default


class AfterSales:
    def __init__(self, sessions: SessionFactory, *, clock: Callable[[], datetime]) -> None:
        self._sessions = sessions
        self._clock = clock

    def cases(self, *, status: CaseStatus | None = None, text: str = "") -> tuple[CaseRow, ...]:
        """Cases newest first; ``text`` looks in the summary, notes, order number and customer nickname."""
        from streamdesk.core import orders_query

        where, params = [], {}
        if status is not None:
            where.append("a.status = :status")
            params["status"] = status.value
        if text.strip():
            params["text"] = orders_query.like_pattern(text.strip())
        with self._sessions() as session:
            conn = session.connection()
            if text.strip():
                like = f"{sql_dialect.like(conn)} :text ESCAPE '{orders_query.LIKE_ESCAPE}'"
                where.append(f"(a.summary {like} OR a.notes {like} OR o.order_no {like} OR c.nickname {like})")
            sql = _CASE_SQL + (" WHERE " + " AND ".join(where) if where else "")
            return tuple(_row(r) for r in sql_dialect.run(conn, sql + " ORDER BY a.created_at DESC, a.id DESC", params))

    def get_case(self, case_id: int) -> tuple[CaseRow, CaseInput]:
        """The case as the table shows it and as the editor edits it; UserError("after_sales.not_found")."""
        from sqlmodel import col, select

        from streamdesk.models.orders import CaseItem

        with self._sessions() as session:
            case = _require(session, case_id)
            items = session.exec(select(CaseItem).where(CaseItem.case_id == case_id).order_by(col(CaseItem.id)))
            return _case_row(session, case_id), CaseInput(
                kind=case.kind,
                order_id=case.order_id,
                customer_id=case.customer_id,
                summary=case.summary,
                notes=case.notes,
                feedback=case.feedback,
                refund_minor=case.refund_minor,
                items=tuple(
                    CaseItemInput(i.order_line_id, i.quantity, restock=i.restock_move_id is not None) for i in items
                ),
            )

    def open_case(self, case: CaseInput) -> int:
        """Open a case (status open); returns its id. Its refund and restocked items take effect at once."""
        from streamdesk.models.orders import AfterSalesCase

        now = self._clock()
        with self._sessions(write=True) as session, session.begin():
            customer_id = _check(session, case)
            row = AfterSalesCase(
                kind=case.kind, status=CaseStatus.OPEN, customer_id=customer_id, created_at=now, updated_at=now
            )
            session.add(row)
            session.flush()
            _apply(session, row, case, customer_id, now)
            assert row.id is not None
            return row.id

    def update_case(self, case_id: int, case: CaseInput) -> None:
        """Save an edit: the old refund and returns are taken back, the new ones applied (items kept as they were
        keep their stock moves)."""
        now = self._clock()
        with self._sessions(write=True) as session, session.begin():
            row = _require(session, case_id)
            customer_id = _check(session, case)
            _take_back(session, row, case)
            _apply(session, row, case, customer_id, now)

    def set_case_status(self, case_id: int, status: CaseStatus) -> CaseStatus:
        """Move a case along open → in progress → resolved → closed (or back, for undo); returns the previous
        status. Closing stamps ``closed_at``; reopening clears it."""
        with self._sessions(write=True) as session, session.begin():
            row = _require(session, case_id)
            previous = row.status
            row.status = status
            now = self._clock()
            row.closed_at = (row.closed_at or now) if status is CaseStatus.CLOSED else None
            row.updated_at = now
            session.add(row)
            return previous


_CASE_SQL = (
    "SELECT a.id, a.kind, a.status, a.order_id, COALESCE(o.order_no, ''), COALESCE(c.nickname, o.recipient, ''),"
    " a.summary, a.refund_minor, o.currency, a.created_at, a.updated_at"
    " FROM after_sales_cases a LEFT JOIN orders o ON o.id = a.order_id"
    " LEFT JOIN customers c ON c.id = COALESCE(a.customer_id, o.customer_id)"
)


def _row(r: Any) -> CaseRow:
    from streamdesk.core.orders_query import read_time

    created, updated = read_time(r[9]), read_time(r[10])
    assert created is not None and updated is not None
    return CaseRow(
        id=r[0],
        kind=CaseKind(r[1]),
        status=CaseStatus(r[2]),
        order_id=r[3],
        order_no=r[4],
        customer=r[5],
        summary=r[6],
        refund_minor=r[7],
        currency=r[8] or DEFAULT_CURRENCY,
        created_at=created,
        updated_at=updated,
    )


def _case_row(session: Session, case_id: int) -> CaseRow:
    return _row(sql_dialect.run(session.connection(), _CASE_SQL + " WHERE a.id = :id", {"id": case_id}).one())


def _require(session: Session, case_id: int) -> AfterSalesCase:
    from streamdesk.models.orders import AfterSalesCase

    row = session.get(AfterSalesCase, case_id)
    if row is None:
        raise UserError("after_sales.not_found", case_id=case_id)
    return row


def _check(session: Session, case: CaseInput) -> int | None:
    """Refuse an input that cannot be saved; returns the customer (the order's when none was given)."""
    from streamdesk.models.orders import Customer, Order, OrderLine

    if case.refund_minor < 0:
        raise UserError("after_sales.refund_negative", refund=case.refund_minor)
    order = None
    if case.order_id is not None:
        order = session.get(Order, case.order_id)
        if order is None:
            raise UserError("orders.not_found", order_id=case.order_id)
    if case.customer_id is not None and session.get(Customer, case.customer_id) is None:
        raise UserError("orders.customer_not_found", customer_id=case.customer_id)
    if case.items and order is None:
        raise UserError("after_sales.items_need_order")
    seen: set[int] = set()
    for item in case.items:
        line = session.get(OrderLine, item.order_line_id)
        if line is None or order is None or line.order_id != order.id or item.order_line_id in seen:
            raise UserError("after_sales.line_not_in_order", line_id=item.order_line_id)
        if not 1 <= item.quantity <= line.quantity:
            raise UserError("after_sales.quantity_invalid", quantity=item.quantity, ordered=line.quantity)
        seen.add(item.order_line_id)
    return case.customer_id if case.customer_id is not None or order is None else order.customer_id


def _take_back(session: Session, row: AfterSalesCase, case: CaseInput) -> None:
    """Undo the stored case's refund and the returns of items the new input no longer has as they were."""
    from sqlmodel import select

    from streamdesk.core import orders_stock
    from streamdesk.models.orders import CaseItem, Order, OrderLine

    if row.order_id is not None and row.refund_minor:
        order = session.get(Order, row.order_id)
        if order is not None:
            order.refunded_minor = max(order.refunded_minor - row.refund_minor, 0)
            session.add(order)
    kept = {(i.order_line_id, i.quantity, i.restock) for i in case.items} if case.order_id == row.order_id else set()
    for item in session.exec(select(CaseItem).where(CaseItem.case_id == row.id)).all():
        if (item.order_line_id, item.quantity, item.restock_move_id is not None) in kept:
            continue
        line = session.get(OrderLine, item.order_line_id)
        first = item.restock_move_id
        item.restock_move_id = None
        session.add(item)
        session.flush()
        if first is not None and line is not None:
            orders_stock.remove_moves(session, orders_stock.move_group(session, line, first))
        session.delete(item)
    session.flush()


def _apply(session: Session, row: AfterSalesCase, case: CaseInput, customer_id: int | None, now: datetime) -> None:
    from sqlmodel import select

    from streamdesk.core import orders_stock
    from streamdesk.models.orders import CaseItem, Order, OrderLine

    row.kind, row.order_id, row.customer_id = case.kind, case.order_id, customer_id
    row.summary, row.notes, row.feedback = case.summary.strip(), case.notes, case.feedback
    row.refund_minor, row.updated_at = case.refund_minor, now
    session.add(row)
    order = session.get(Order, case.order_id) if case.order_id is not None else None
    if order is not None and case.refund_minor:
        order.refunded_minor += case.refund_minor
        order.updated_at = now
        session.add(order)
    assert row.id is not None
    existing = {i.order_line_id for i in session.exec(select(CaseItem).where(CaseItem.case_id == row.id))}
    for wanted in case.items:
        if wanted.order_line_id in existing:
            continue
        item = CaseItem(case_id=row.id, order_line_id=wanted.order_line_id, quantity=wanted.quantity)
        session.add(item)
        session.flush()
        line = session.get(OrderLine, wanted.order_line_id)
        if wanted.restock and line is not None and order is not None:
            reference = f"{orders_stock.line_reference(order.order_no, line.line_no)} #{row.id}"
            orders_stock.restock(session, item, line, now, reference=reference)
    session.flush()
