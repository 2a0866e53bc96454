"""Reading one order whole (lines, shipments, cases), and the small look-ups the orders service shares."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import col, select

from streamdesk.core import orders_query
from streamdesk.core.errors import UserError
from streamdesk.core.order_types import OrderDetail, OrderLineRow, ShipmentRow
from streamdesk.models.orders import AfterSalesCase, Order, OrderLine, Shipment

if TYPE_CHECKING:
    from sqlmodel import Session


def require_order(session: Session, order_id: int) -> Order:
    order = session.get(Order, order_id)
    if order is None:
        raise UserError("orders.not_found", order_id=order_id)
    return order


def lines_of(session: Session, order_id: int) -> list[OrderLine]:
    return list(session.exec(select(OrderLine).where(OrderLine.order_id == order_id).order_by(col(OrderLine.id))))


def line_row(line: OrderLine) -> OrderLineRow:
    assert line.id is not None
    return OrderLineRow(
        id=line.id,
        line_no=line.line_no,
        variant_id=line.variant_id,
        sku_code=line.sku_code,
        title=line.title,
        spec=line.spec,
        quantity=line.quantity,
        unit_price_minor=line.unit_price_minor,
        total_minor=line.total_minor,
        refunded_quantity=line.refunded_quantity,
        stock_taken=line.sale_move_id is not None,
    )


def load_detail(session: Session, order: Order, now: datetime) -> OrderDetail:
    assert order.id is not None
    session.flush()
    (row,) = orders_query.hydrate(session.connection(), [order.id], now)
    shipments = session.exec(
        select(Shipment).where(Shipment.order_id == order.id).order_by(col(Shipment.shipped_at), col(Shipment.id))
    )
    case_ids = session.exec(
        select(AfterSalesCase.id).where(AfterSalesCase.order_id == order.id).order_by(col(AfterSalesCase.id))
    )
    return OrderDetail(
        row=row,
        customer_id=order.customer_id,
        segment_id=order.segment_id,
        goods_minor=order.goods_minor,
        shipping_minor=order.shipping_minor,
        discount_minor=order.discount_minor,
        paid_at=order.paid_at,
        shipped_at=order.shipped_at,
        completed_at=order.completed_at,
        province=order.province,
        city=order.city,
        district=order.district,
        address=order.address,
        postcode=order.postcode,
        country=order.country,
        buyer_note=order.buyer_note,
        seller_note=order.seller_note,
        lines=tuple(line_row(line) for line in lines_of(session, order.id)),
        shipments=tuple(ShipmentRow(s.courier, s.courier_code, s.tracking_no, s.shipped_at) for s in shipments),
        case_ids=tuple(i for i in case_ids if i is not None),
        version=order.version,
    )
