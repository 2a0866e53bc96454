"""The orders service: the orders table, one order whole, status changes, matching lines to the catalogue,
shipping, pick lists, customers, and live capture (sales, counters, waitlist, lucky draws).

One user action is one call and one transaction; only frozen DTOs from order_types leave this module. Stock moves
of order lines go through orders_stock only. The table's SQL lives in orders_query, customers in customers, live
capture in live_sales; the model classes are imported by the methods that need them (the GUI paints its first
frame before any of them runs).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from streamdesk.core.order_types import (
    BuyerCounts,
    CustomerDetail,
    CustomerRow,
    DrawResult,
    LiveSaleInput,
    LiveSaleResult,
    OrderDetail,
    OrderFilter,
    OrderRow,
    OrderSort,
    OrderStatus,
    PickListRow,
    Platform,
    SoldCounter,
    UnmatchedLine,
    WaitlistRow,
    WaitlistStatus,
)

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

    # --- changes by hand ----------------------------------------------------------------------------------------
    def set_status(self, order_ids: Sequence[int], status: OrderStatus) -> tuple[tuple[int, OrderStatus], ...]:
        """Set the orders' status; returns (order id, previous status) pairs for undo. Cancelling, or refunding an
        order not shipped, puts its stock back once; setting it back takes the stock out again."""
        from streamdesk.core import orders_status

        with self._sessions(write=True) as session, session.begin():
            return orders_status.set_status(session, order_ids, status, self._clock())

    def set_seller_note(self, order_id: int, note: str) -> str:
        """Replace the seller's note (商家备注); returns the previous one."""
        return self.save_seller_note(order_id, note)[0]

    def save_seller_note(
        self, order_id: int, note: str, *, expected_version: int | None = None, expected_note: str | None = None
    ) -> tuple[str, int]:
        """Replace the seller's note; returns the previous note and the order's version after the save.
        Team mode (core.conflicts), UserError("db.conflict") when someone else changed it since:
        ``expected_version`` is the order's version the panel showed (OrderDetail.version); ``expected_note``
        (undo, redo) the note the previous step wrote, which the user's own status changes leave as it was."""
        from streamdesk.core import orders_status

        with self._sessions(write=True) as session, session.begin():
            return orders_status.set_seller_note(
                session, order_id, note, self._clock(), expected_version, expected_note
            )

    def match_line(self, order_line_id: int, variant_id: int, *, remember: bool = True) -> None:
        """Map a line the import could not place to a SKU and take its stock; remembered (SkuAlias), every other
        unmatched line with the same match key on the platform follows, and so do later imports."""
        from streamdesk.core import orders_match

        with self._sessions(write=True) as session, session.begin():
            orders_match.match_line(session, order_line_id, variant_id, remember=remember, now=self._clock())

    def unmatched_lines(self) -> tuple[UnmatchedLine, ...]:
        """The review list: unmatched lines per platform and match key; ``rows`` holds their order line ids."""
        from streamdesk.core import orders_match

        with self._sessions() as session:
            return orders_match.unmatched_lines(session)

    def mark_shipped(self, order_id: int, courier: str, tracking_no: str, courier_code: str = "") -> None:
        """Record a shipment and set the order shipped (a tracking number already recorded is not added twice)."""
        from streamdesk.core import orders_status

        with self._sessions(write=True) as session, session.begin():
            orders_status.mark_shipped(session, order_id, courier, tracking_no, courier_code, self._clock())

    def pick_list(self, *, show_id: int | None = None, order_ids: Sequence[int] = ()) -> tuple[PickListRow, ...]:
        """Units to pack per SKU for the show's paid orders and/or the chosen orders (bundles as components)."""
        from streamdesk.core import orders_status

        with self._sessions() as session:
            return orders_status.pick_list(session, show_id, order_ids)

    # --- customers ----------------------------------------------------------------------------------------------
    def customers(self, text: str = "", limit: int = 500) -> tuple[CustomerRow, ...]:
        """Customers whose nickname, name or phone contains ``text``, most recent buyers first."""
        from streamdesk.core import customers

        with self._sessions() as session:
            return customers.customer_rows(session.connection(), text, limit)

    def get_customer(self, customer_id: int) -> CustomerDetail:
        """A customer with addresses and orders (newest first); UserError("orders.customer_not_found")."""
        from streamdesk.core import customers

        with self._sessions() as session:
            return customers.customer_detail(session, customer_id, self._clock())

    def update_customer(self, customer_id: int, *, name: str, phone: str, tags: Sequence[str], notes: str) -> None:
        from streamdesk.core import customers

        with self._sessions(write=True) as session, session.begin():
            customers.update_customer(
                session, customer_id, name=name, phone=phone, tags=tags, notes=notes, now=self._clock()
            )

    def nicknames(self, prefix: str, platform: Platform | None = None, limit: int = 20) -> tuple[str, ...]:
        """Nicknames starting with ``prefix``, most recent buyers first: live capture's completion."""
        from streamdesk.core import customers

        with self._sessions() as session:
            return customers.nicknames(session.connection(), prefix, platform, limit)

    def buyer_counts(self, show_id: int) -> BuyerCounts:
        """The show's buyers, new (first order ever in this show) and returning."""
        from streamdesk.core import customers

        with self._sessions() as session:
            return customers.buyer_counts(session.connection(), show_id)

    # --- live capture -------------------------------------------------------------------------------------------
    def live_sale(self, sale: LiveSaleInput) -> LiveSaleResult:
        """Capture a sale on air: a PAID order with one line, its stock taken. UserError("orders.out_of_stock")
        when stock is short and ``allow_backorder`` is off."""
        from streamdesk.core import live_sales

        with self._sessions(write=True) as session, session.begin():
            return live_sales.live_sale(session, sale, self._clock())

    def undo_live_sale(self, order_id: int) -> None:
        """Delete a captured order and its stock moves (the undo of a capture)."""
        from streamdesk.core import live_sales

        with self._sessions(write=True) as session, session.begin():
            live_sales.undo_live_sale(session, order_id)

    def sold_counters(self, show_id: int, variant_ids: Sequence[int]) -> tuple[SoldCounter, ...]:
        from streamdesk.core import live_sales

        with self._sessions() as session:
            return live_sales.sold_counters(session, show_id, variant_ids)

    def show_buyers(self, show_id: int) -> tuple[str, ...]:
        """The show's buyers' nicknames in the order they first bought, for the lucky draw."""
        from streamdesk.core import customers

        with self._sessions() as session:
            return customers.show_buyers(session.connection(), show_id)

    def join_waitlist(self, show_id: int | None, variant_id: int, nickname: str, quantity: int = 1) -> int:
        from streamdesk.core import live_sales

        with self._sessions(write=True) as session, session.begin():
            return live_sales.join_waitlist(session, show_id, variant_id, nickname, quantity, self._clock())

    def waitlist(self, variant_id: int, show_id: int | None = None) -> tuple[WaitlistRow, ...]:
        """The SKU's waitlist, first come first."""
        from streamdesk.core import live_sales

        with self._sessions() as session:
            return live_sales.waitlist(session, variant_id, show_id)

    def set_waitlist_status(self, entry_id: int, status: WaitlistStatus) -> None:
        from streamdesk.core import live_sales

        with self._sessions(write=True) as session, session.begin():
            live_sales.set_waitlist_status(session, entry_id, status)

    def draw(
        self, entrants: Sequence[str], winners: int, *, prize: str, show_id: int | None, segment_id: int | None
    ) -> DrawResult:
        """A lucky draw (抽奖) with ``secrets``, logged in lucky_draws."""
        from streamdesk.core import live_sales

        with self._sessions(write=True) as session, session.begin():
            return live_sales.draw(
                session, entrants, winners, prize=prize, show_id=show_id, segment_id=segment_id, now=self._clock()
            )

    def draws(self, show_id: int) -> tuple[DrawResult, ...]:
        from streamdesk.core import live_sales

        with self._sessions() as session:
            return live_sales.draws(session, show_id)
