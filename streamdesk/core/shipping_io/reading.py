"""Reading the orders of an export in bulk: ids first (in the order they are written), then chunks of orders with
their lines and latest shipment, all in one read transaction.

A hundred thousand ``Orders.get_order`` calls would each open a session and take minutes; this reads the same
tables with three statements per chunk. Which orders match a filter is decided by the orders table's own query
(orders_query.page_ids), so an export holds exactly what the Orders page shows for the same filter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime

from sqlalchemy import Connection, bindparam, text

from streamdesk.core import orders_query
from streamdesk.core.jobs import CancelToken
from streamdesk.core.order_types import OrderFilter, OrderSort
from streamdesk.core.shipping_io.types import ExportLine, ExportOrder
from streamdesk.models.base import OrderStatus, Platform

CHUNK = 500  # ids per IN (…): well under SQLite's 32,766 variables
ALL = 2**62  # LIMIT of "every matching order"

_ORDERS = text(
    """
SELECT o.id, o.platform, o.order_no, o.status, o.created_at, o.paid_at, o.currency, o.goods_minor, o.shipping_minor,
       o.discount_minor, o.paid_minor, COALESCE(c.nickname, ''), o.recipient, o.phone, o.province, o.city, o.district,
       o.address, o.postcode, o.country, o.buyer_note, o.seller_note, o.pii_masked
FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
WHERE o.id IN :ids
"""
).bindparams(bindparam("ids", expanding=True))
_LINES = text(
    """
SELECT order_id, sku_code, title, spec, quantity, unit_price_minor, total_minor
FROM order_lines WHERE order_id IN :ids ORDER BY order_id, id
"""
).bindparams(bindparam("ids", expanding=True))
_SHIPMENTS = text(
    """
SELECT order_id, tracking_no, courier FROM shipments WHERE order_id IN :ids ORDER BY order_id, shipped_at, id
"""
).bindparams(bindparam("ids", expanding=True))


def matching_ids(conn: Connection, filter: OrderFilter, now: datetime) -> list[int]:
    """Every order matching ``filter``, oldest first: the orders table's own filter (orders_query)."""
    return orders_query.page_ids(conn, filter, OrderSort.CREATED, False, 0, ALL, now)


def read_chunk(conn: Connection, ids: Sequence[int]) -> list[ExportOrder]:
    """The orders ``ids`` (in that order) with their lines and latest shipment."""
    lines: dict[int, list[ExportLine]] = defaultdict(list)
    for order_id, sku, title, spec, quantity, unit, total in conn.execute(_LINES, {"ids": list(ids)}):
        lines[order_id].append(ExportLine(sku, title, spec, quantity, unit, total))
    shipments = {
        order_id: (tracking, courier) for order_id, tracking, courier in conn.execute(_SHIPMENTS, {"ids": list(ids)})
    }
    found: dict[int, ExportOrder] = {}
    for record in conn.execute(_ORDERS, {"ids": list(ids)}):
        (order_id, platform, order_no, status, created, paid, currency, goods, shipping, discount, paid_minor, buyer,
         recipient, phone, province, city, district, address, postcode, country, buyer_note, seller_note,
         masked) = record  # fmt: skip
        tracking, courier = shipments.get(order_id, ("", ""))
        created_at = orders_query.read_time(created)
        assert created_at is not None
        found[order_id] = ExportOrder(
            id=order_id,
            platform=Platform(platform),
            order_no=order_no,
            status=OrderStatus(status),
            created_at=created_at,
            paid_at=orders_query.read_time(paid),
            currency=currency,
            goods_minor=goods,
            shipping_minor=shipping,
            discount_minor=discount,
            paid_minor=paid_minor,
            buyer=buyer,
            recipient=recipient,
            phone=phone,
            province=province,
            city=city,
            district=district,
            address=address,
            postcode=postcode,
            country=country,
            buyer_note=buyer_note,
            seller_note=seller_note,
            pii_masked=bool(masked),
            tracking_no=tracking,
            courier=courier,
            lines=tuple(lines.get(order_id, ())),
        )
    return [found[order_id] for order_id in ids if order_id in found]


def read_orders(conn: Connection, ids: Sequence[int], cancel: CancelToken) -> Iterator[list[ExportOrder]]:
    """Chunks of orders, in the order of ``ids``."""
    for start in range(0, len(ids), CHUNK):
        cancel.raise_if_set()
        yield read_chunk(conn, ids[start : start + CHUNK])
