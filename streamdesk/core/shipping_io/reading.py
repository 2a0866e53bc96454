"""Reading the orders of an export in bulk: ids first (in the order they are written), then chunks of orders with
their lines and latest shipment, all in one read transaction.

A hundred thousand ``Orders.get_order`` calls would each open a session and take minutes; this reads the same
tables with three statements per chunk. Which orders match a filter is decided by the orders table's own query
(orders_query.page_ids), so an export holds exactly what the Orders page shows for the same filter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from streamdesk.core import orders_query, sql_dialect
from streamdesk.core.jobs import CancelToken
from streamdesk.core.order_types import OrderFilter, OrderSort
from streamdesk.core.shipping_io.types import ExportLine, ExportOrder
from streamdesk.models.base import OrderStatus, Platform

CHUNK = 500  # ids per IN (…): well under SQLite's 32,766 variables
ALL = 2**62  # LIMIT of "every matching order"
# The rows are built field by field in SQL order (ExportOrder's field order) with tuple.__new__: the NamedTuples'
# own keyword constructors cost more than the rest of the reading.
_new: Any = tuple.__new__
_PLATFORMS = {platform.value: platform for platform in Platform}
_STATUSES = {status.value: status for status in OrderStatus}

_ORDERS = """
SELECT o.id, o.platform, o.order_no, o.status, o.created_at, o.paid_at, o.currency, o.goods_minor, o.shipping_minor,
       o.discount_minor, o.paid_minor, COALESCE(c.nickname, ''), o.recipient, o.phone, o.province, o.city, o.district,
       o.address, o.postcode, o.country, o.buyer_note, o.seller_note, o.pii_masked
FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
WHERE o.id IN ({ids})
"""
_LINES = """
SELECT order_id, sku_code, title, spec, quantity, unit_price_minor, total_minor
FROM order_lines WHERE order_id IN ({ids}) ORDER BY order_id, id
"""
_SHIPMENTS = (
    "SELECT order_id, tracking_no, courier FROM shipments WHERE order_id IN ({ids}) ORDER BY order_id, shipped_at, id"
)


def matching_ids(conn: Connection, filter: OrderFilter, now: datetime) -> list[int]:
    """Every order matching ``filter``, oldest first: the orders table's own filter (orders_query)."""
    return orders_query.page_ids(conn, filter, OrderSort.CREATED, False, 0, ALL, now)


def _moment(value: Any) -> datetime | None:
    """A stored time as aware UTC; the common case (SQLite's naive UTC text) without a function call per part."""
    if isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return orders_query.read_time(value)


def read_chunk(conn: Connection, ids: Sequence[int]) -> list[ExportOrder]:
    """The orders ``ids`` (in that order) with their lines and latest shipment.

    Straight through the driver's cursor, each statement fetched whole: at 100,000 orders SQLAlchemy's rows cost
    more than the query (SQLite's ``?`` placeholders, like orders_query's driver-level SQL).
    """
    marks = ", ".join([sql_dialect.mark(conn)] * len(ids))
    cursor = conn.connection.cursor()
    try:
        lines: dict[int, list[ExportLine]] = defaultdict(list)
        for row in cursor.execute(_LINES.format(ids=marks), ids):
            lines[row[0]].append(_new(ExportLine, row[1:]))
        shipments = {
            order_id: (tracking, courier)
            for order_id, tracking, courier in cursor.execute(_SHIPMENTS.format(ids=marks), ids).fetchall()
        }
        records = cursor.execute(_ORDERS.format(ids=marks), ids).fetchall()
    finally:
        cursor.close()
    platforms, statuses, no_shipment, no_lines = _PLATFORMS, _STATUSES, ("", ""), ()
    found: dict[int, ExportOrder] = {}
    for record in records:
        order_id = record[0]
        found[order_id] = _new(
            ExportOrder,
            (order_id, platforms[record[1]], record[2], statuses[record[3]], _moment(record[4]), _moment(record[5]),
             *record[6:22], bool(record[22]), *shipments.get(order_id, no_shipment),
             tuple(lines.get(order_id, no_lines))),
        )  # fmt: skip
    return [found[order_id] for order_id in ids if order_id in found]


def read_orders(conn: Connection, ids: Sequence[int], cancel: CancelToken) -> Iterator[list[ExportOrder]]:
    """Chunks of orders, in the order of ``ids``."""
    for start in range(0, len(ids), CHUNK):
        cancel.raise_if_set()
        yield read_chunk(conn, ids[start : start + CHUNK])
