"""The orders service: the orders table, one order whole, status changes, matching lines to the catalogue,
shipping, pick lists, customers, and live capture (sales, counters, waitlist, lucky draws).

One user action is one call and one transaction; only frozen DTOs from order_types leave this module. Stock moves
of order lines go through orders_stock only. The table's SQL lives in orders_query, customers in customers, live
capture in live_sales; the model classes are imported by the methods that need them (the GUI paints its first
frame before any of them runs).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from streamdesk.core.order_types import OrderDetail, OrderFilter, OrderRow, OrderSort

if TYPE_CHECKING:
    from streamdesk.db import SessionFactory


class Orders:
    def __init__(self, sessions: SessionFactory, *, clock: Callable[[], datetime]) -> None:
        self._sessions = sessions
        self._clock = clock

    # --- the table ----------------------------------------------------------------------------------------------
    def count_and_page(
        self, filter: OrderFilter, sort: OrderSort, descending: bool, offset: int, limit: int
    ) -> tuple[int, tuple[OrderRow, ...]]:
        """How many orders match and one page of them, read in one transaction (filter, sort, page in SQL)."""
        from streamdesk.core import orders_query

        now = self._clock()
        with self._sessions() as session:
            conn = session.connection()
            ids = orders_query.page_ids(conn, filter, sort, descending, offset, limit, now)
            rows = orders_query.hydrate(conn, ids, now)
            if offset <= 0 and len(ids) < limit:
                return len(rows), rows
            return orders_query.count(conn, filter, now), rows

    def get_order(self, order_id: int) -> OrderDetail:
        """One order with its lines, shipments and after-sales case ids; UserError("orders.not_found")."""
        from streamdesk.core import orders_detail

        with self._sessions() as session:
            return orders_detail.load_detail(session, orders_detail.require_order(session, order_id), self._clock())
