"""Changing orders by hand: status (with its stock effect), the seller's note, shipping, and the pick list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import col, select

from streamdesk.core import orders_stock
from streamdesk.core.catalogue_stock import expand_bundles
from streamdesk.core.conflicts import check_version
from streamdesk.core.errors import UserError
from streamdesk.core.order_types import PickListRow
from streamdesk.core.orders_detail import lines_of, require_order
from streamdesk.core.orders_match import holds_stock
from streamdesk.models.base import OrderStatus, StockReason
from streamdesk.models.catalogue import Product, Variant
from streamdesk.models.orders import Order, OrderLine, Shipment

if TYPE_CHECKING:
    from sqlmodel import Session

BEFORE_SHIPPING = (OrderStatus.PENDING_PAYMENT, OrderStatus.PAID)
SHIPPED = (OrderStatus.SHIPPED, OrderStatus.COMPLETED)
NOT_PICKED = (OrderStatus.CANCELLED, OrderStatus.REFUNDED)  # a selection's orders the pick list leaves out


def set_status(
    session: Session, order_ids: Sequence[int], status: OrderStatus, now: datetime
) -> tuple[tuple[int, OrderStatus], ...]:
    """Set each order's status; returns (order id, previous status) for undo. Cancelling, or refunding an order that
    has not shipped, puts its stock back (once per line); setting such an order back to a live status takes the
    stock out again by removing those put-back moves, so undo leaves the ledger as it was."""
    orders = [require_order(session, order_id) for order_id in dict.fromkeys(order_ids)]
    previous: list[tuple[int, OrderStatus]] = []
    for order in orders:
        assert order.id is not None
        previous.append((order.id, order.status))
        if order.status is status:
            continue
        if order.status in SHIPPED and order.shipped_at is None and status not in BEFORE_SHIPPING:
            order.shipped_at = now  # it had left (an export that did not say when): a refund now is after shipping
        order.status = status
        if status in BEFORE_SHIPPING:
            order.shipped_at = order.completed_at = None
        elif status is OrderStatus.SHIPPED:
            order.shipped_at, order.completed_at = order.shipped_at or now, None
        elif status is OrderStatus.COMPLETED:
            order.shipped_at, order.completed_at = order.shipped_at or now, order.completed_at or now
        _follow_stock(session, order, now)
        order.version += 1
        order.updated_at = now
        session.add(order)
    session.flush()
    return tuple(previous)


def _follow_stock(session: Session, order: Order, now: datetime) -> None:
    """Make the lines' stock agree with the order's status."""
    assert order.id is not None
    for line in lines_of(session, order.id):
        reference = orders_stock.line_reference(order.order_no, line.line_no)
        if not holds_stock(order):
            orders_stock.put_back(session, line, now, reason=StockReason.RETURN, reference=reference)
        elif line.cancel_move_id is not None:
            orders_stock.unlink_put_back(session, line)
        else:
            orders_stock.take_stock(session, line, now, reference=reference)


def set_seller_note(
    session: Session,
    order_id: int,
    note: str,
    now: datetime,
    expected_version: int | None = None,
    expected_note: str | None = None,
) -> tuple[str, int]:
    """Replace the note; returns the previous note and the order's version after the change. UserError("db.conflict")
    when ``expected_version`` (the version the note was edited from) is not the stored one any more, or the stored
    note is not ``expected_note``."""
    order = require_order(session, order_id)
    check_version(order.version, expected_version, order.order_no)
    if expected_note is not None and order.seller_note != expected_note:
        raise UserError("db.conflict", what=order.order_no)
    previous = order.seller_note
    if previous != note:
        order.seller_note = note
        order.version += 1
        order.updated_at = now
        session.add(order)
        session.flush()
    return previous, order.version


def mark_shipped(
    session: Session, order_id: int, courier: str, tracking_no: str, courier_code: str, now: datetime
) -> None:
    """Record a shipment (once per tracking number) and set the order shipped unless it already completed."""
    order = require_order(session, order_id)
    tracking = tracking_no.strip()
    if not tracking:
        raise UserError("orders.tracking_required", order_no=order.order_no)
    if not holds_stock(order):
        raise UserError("orders.cannot_ship", order_no=order.order_no, status=order.status.value)
    known = session.exec(
        select(Shipment).where(Shipment.order_id == order_id, Shipment.tracking_no == tracking)
    ).first()
    if known is None:
        session.add(
            Shipment(
                order_id=order_id,
                courier=courier.strip(),
                courier_code=courier_code.strip().upper(),
                tracking_no=tracking,
                shipped_at=now,
            )
        )
    if order.status is not OrderStatus.COMPLETED:
        set_status(session, [order_id], OrderStatus.SHIPPED, now)
    session.flush()


def pick_list(session: Session, show_id: int | None, order_ids: Sequence[int]) -> tuple[PickListRow, ...]:
    """Units to pack per SKU (bundles as their components) for the show's paid orders and/or the chosen orders
    (except cancelled or refunded ones); lines not matched to a SKU are listed by their code, title and spec."""
    conditions = []
    if show_id is not None:
        conditions.append((col(Order.show_id) == show_id) & (col(Order.status) == OrderStatus.PAID))
    if order_ids:
        conditions.append(col(Order.id).in_(list(order_ids)) & col(Order.status).not_in(NOT_PICKED))
    if not conditions:
        return ()
    where = conditions[0] if len(conditions) == 1 else conditions[0] | conditions[1]
    lines = session.exec(
        select(OrderLine).join(Order, col(Order.id) == col(OrderLine.order_id)).where(where).order_by(col(OrderLine.id))
    ).all()
    known: dict[int, tuple[int, set[int]]] = {}
    unknown: dict[tuple[str, str, str], tuple[int, set[int]]] = {}
    for line in lines:
        units = line.quantity - line.refunded_quantity
        if units <= 0:
            continue
        if line.variant_id is None:
            count, orders = unknown.setdefault((line.sku_code, line.title, line.spec), (0, set()))
            unknown[(line.sku_code, line.title, line.spec)] = (count + units, orders | {line.order_id})
            continue
        for variant_id, delta in expand_bundles(session, [(line.variant_id, -units)]):
            count, orders = known.get(variant_id, (0, set()))
            known[variant_id] = (count - delta, orders | {line.order_id})
    rows = [
        PickListRow(None, sku, title, spec, quantity, len(orders), None)
        for (sku, title, spec), (quantity, orders) in unknown.items()
    ]
    if known:
        for variant, title in session.exec(
            select(Variant, Product.title)
            .join(Product, col(Product.id) == col(Variant.product_id))
            .where(col(Variant.id).in_(list(known)))
        ):
            assert variant.id is not None
            quantity, orders = known[variant.id]
            rows.append(
                PickListRow(
                    variant.id, variant.sku_code, title, variant.spec_label, quantity, len(orders), variant.on_hand
                )
            )
    return tuple(sorted(rows, key=lambda r: (r.variant_id is None, r.sku_code, r.title, r.spec)))
