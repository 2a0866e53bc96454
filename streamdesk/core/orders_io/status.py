"""A platform's status words (plus dates, refund states and amounts) → one OrderStatus, and how statuses move.

Unknown status text is kept raw and flags the order for review; the status then follows from the dates the row
does have (completed, shipped, cancelled, paid), so a new platform word never stops an import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from streamdesk.core.order_types import OrderStatus
from streamdesk.core.orders_io import cells
from streamdesk.core.orders_io.types import ParsedOrder, Preset

# How far along an order is. A re-import never moves an order back (an older export read after a newer one);
# equal ranks may swap (a completed order with an after-sales request is refunding, a declined refund completes).
RANK: Mapping[OrderStatus, int] = {
    OrderStatus.PENDING_PAYMENT: 0,
    OrderStatus.PAID: 1,
    OrderStatus.SHIPPED: 2,
    OrderStatus.COMPLETED: 3,
    OrderStatus.REFUNDING: 3,
    OrderStatus.REFUNDED: 4,
    OrderStatus.CANCELLED: 4,
}
CLOSED = frozenset({OrderStatus.CANCELLED, OrderStatus.REFUNDED})


@dataclass(frozen=True, slots=True)
class StatusTables:
    orders: Mapping[str, OrderStatus | None]
    fulfilment: Mapping[str, OrderStatus | None]

    @classmethod
    def of(cls, preset: Preset) -> StatusTables:
        return cls(cells.status_table(preset.status_map), cells.status_table(preset.fulfilment_map))


def resolve_status(
    preset: Preset,
    tables: StatusTables,
    raw: str,
    fulfilment: str,
    dates: Mapping[str, datetime | None],
    line_refunds: Sequence[OrderStatus | None],
    paid_minor: int | None,
    refunded_minor: int,
) -> tuple[OrderStatus, bool]:
    """(status, needs_review). See the module docstring for the order of the rules."""
    status: OrderStatus | None = None
    review = False
    if raw.strip() and not cells.blank(raw):
        key = cells.status_key(raw)
        if key in tables.orders:
            status = tables.orders[key]
        else:
            review = True
    if status is None:
        status = _from_dates(preset, dates)
    if status is OrderStatus.PAID and (
        dates.get("shipped_at") is not None
        or tables.fulfilment.get(cells.status_key(fulfilment)) is OrderStatus.SHIPPED
    ):
        status = OrderStatus.SHIPPED
    if dates.get("cancelled_at") is not None and status in (OrderStatus.PENDING_PAYMENT, OrderStatus.PAID):
        status = OrderStatus.CANCELLED
    if line_refunds and all(refund is OrderStatus.REFUNDED for refund in line_refunds):
        status = OrderStatus.REFUNDED
    elif any(refund is OrderStatus.REFUNDING for refund in line_refunds) and status not in CLOSED:
        status = OrderStatus.REFUNDING
    if refunded_minor > 0 and (status is OrderStatus.CANCELLED or (paid_minor and refunded_minor >= paid_minor)):
        status = OrderStatus.REFUNDED
    return status, review


def _from_dates(preset: Preset, dates: Mapping[str, datetime | None]) -> OrderStatus:
    if dates.get("completed_at") is not None:
        return OrderStatus.COMPLETED
    if dates.get("shipped_at") is not None:
        return OrderStatus.SHIPPED
    if dates.get("cancelled_at") is not None:
        return OrderStatus.CANCELLED
    if dates.get("paid_at") is not None:
        return OrderStatus.PAID
    return preset.default_status


def needs_review(order: ParsedOrder) -> bool:
    """Flag an order for the seller: a status word no table knows, or a line no SKU matched yet (the Orders
    page's "Needs review" filter finds it; Orders.unmatched_lines lists the lines)."""
    return order.needs_review or any(line.variant_id is None for line in order.lines)


def next_status(current: OrderStatus, incoming: OrderStatus) -> OrderStatus:
    """The status after a re-import: the file's, unless it is behind what the order already reached."""
    return incoming if RANK[incoming] >= RANK[current] else current


def holds_stock(status: OrderStatus, shipped: bool) -> bool:
    """Whether the order's units are out of stock: orders_match.holds_stock's rule on imported values.

    Every order holds stock except a cancelled one and one refunded before it shipped (a refund after shipping
    comes back through an after-sales return, not automatically).
    """
    if status is OrderStatus.CANCELLED:
        return False
    return not (status is OrderStatus.REFUNDED and not shipped)
