"""Writing an import's NEW orders: orders, lines, SALE moves, shipments and the stock cache, in chunks of executemany.

Rows are built as tuples a chunk at a time (a 130,000-order plan never exists twice in memory as rows) and sent
straight to the driver. Ids are given here (MAX(id) + 1 onwards, safe under BEGIN IMMEDIATE) so a line can name
its sale move before either is written.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, text

from streamdesk.core import orders_stock
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.order_types import OrderSource, OrderStatus
from streamdesk.core.orders_io.records import TimeWriter, insert_tuples, next_id
from streamdesk.core.orders_io.status import holds_stock, needs_review
from streamdesk.core.orders_io.stock import LineStock, apply_on_hand, bundle_parts, plan_moves
from streamdesk.core.orders_io.types import ParsedLine, ParsedOrder, ReadImportPlan

CHUNK = 5000
SOURCE = OrderSource.IMPORT.value
REFUNDED = OrderStatus.REFUNDED  # (line_holds, inlined in the loop below)
STATUS_VALUES = {status: status.value for status in OrderStatus}  # an enum's .value costs a descriptor call
STAGE = "orders_io.writing"

ORDER_COLUMNS = (
    "id", "platform", "order_no", "source", "status", "raw_status", "needs_review", "customer_id", "show_id",
    "segment_id", "import_batch_id", "currency", "goods_minor", "shipping_minor", "discount_minor", "paid_minor",
    "refunded_minor", "created_at", "paid_at", "shipped_at", "completed_at", "ship_by", "recipient", "phone",
    "province", "city", "district", "address", "postcode", "country", "buyer_note", "seller_note", "pii_masked",
    "raw_json", "version", "recorded_at", "updated_at",
)  # fmt: skip
LINE_COLUMNS = (
    "id", "order_id", "line_no", "variant_id", "sku_code", "title", "spec", "quantity", "unit_price_minor",
    "total_minor", "refunded_quantity", "sale_move_id", "cancel_move_id",
)  # fmt: skip
MOVE_COLUMNS = ("id", "variant_id", "quantity", "reason", "note", "reference", "created_at")
SHIPMENT_COLUMNS = ("order_id", "courier", "courier_code", "tracking_no", "shipped_at")


def line_holds(line: ParsedLine, order_holds: bool, shipped: bool) -> bool:
    """A line refunded before the parcel left gives its units back even while the order goes on."""
    return order_holds and not (line.refund is OrderStatus.REFUNDED and not shipped)


def line_tuple(line: ParsedLine, order_id: int, line_id: int, sale_move: int | None) -> tuple[Any, ...]:
    refunded = line.quantity if line.refund is OrderStatus.REFUNDED else 0
    return (line_id, order_id, line.line_no, line.variant_id, line.sku_code, line.title, line.spec, line.quantity,
            line.unit_price_minor, line.total_minor, refunded, sale_move, None)  # fmt: skip


def ship_cycles(conn: Connection, variant_ids: set[int]) -> dict[int, int]:
    """Variant → its product's 发货周期 in days, for ship-by deadlines (paid + the longest cycle of the lines)."""
    found: dict[int, int] = {}
    sql = text(
        "SELECT v.id, p.ship_cycle_days FROM variants v JOIN products p ON p.id = v.product_id"
        " WHERE p.ship_cycle_days IS NOT NULL AND v.id IN :ids"
    ).bindparams(bindparam("ids", expanding=True))
    ordered = sorted(variant_ids)
    for start in range(0, len(ordered), 500):
        for variant_id, days in conn.execute(sql, {"ids": ordered[start : start + 500]}):
            found[int(variant_id)] = int(days)
    return found


class NewOrders:
    """Adds the orders the database does not have yet; counts what it wrote."""

    def __init__(
        self,
        conn: Connection,
        plan: ReadImportPlan,
        batch_id: int,
        customers: dict[str, int],
        time: TimeWriter,
        stamp: Any,
        cancel: CancelToken,
    ) -> None:
        self.conn, self.plan, self.batch_id, self.customers = conn, plan, batch_id, customers
        self.time, self.stamp, self.cancel = time, stamp, cancel
        self.orders = self.lines = self.moves = 0
        self.platform = plan.platform.value

    def write(self, orders: Sequence[ParsedOrder]) -> Generator[Progress, None, None]:
        conn = self.conn
        variants = {ln.variant_id for o in orders for ln in o.lines if ln.variant_id is not None}
        cycles = ship_cycles(conn, variants)
        bundles = bundle_parts(conn, variants)
        order_id, line_id, move_id = next_id(conn, "orders"), next_id(conn, "order_lines"), next_id(conn, "stock_moves")
        delta: dict[int, int] = {}
        total = len(self.plan.parsed)
        for start in range(0, len(orders), CHUNK):
            self.cancel.raise_if_set()
            yield Progress(start, total, STAGE)
            order_rows, line_rows, stock, shipments = [], [], [], []
            for order in orders[start : start + CHUNK]:
                shipped = order.shipped_at is not None
                holds = holds_stock(order.status, shipped)
                ship_by = None
                if cycles and order.paid_at is not None:
                    days = max((cycles.get(ln.variant_id or 0, -1) for ln in order.lines), default=-1)
                    ship_by = order.paid_at + timedelta(days=days) if days >= 0 else None
                order_rows.append(self._order_tuple(order, order_id, ship_by))
                for line in order.lines:
                    if line.variant_id is not None and (holds and (line.refund is not REFUNDED or shipped)):
                        reference = orders_stock.line_reference(order.order_no, line.line_no)
                        stock.append(LineStock(line_id, line.variant_id, line.quantity, reference))
                    line_rows.append((line, order_id, line_id))
                    line_id += 1
                if order.tracking_no:
                    shipped_at = self.time(order.shipped_at) or self.stamp
                    shipments.append((order_id, order.courier, "", order.tracking_no, shipped_at))
                order_id += 1
            sale_moves, moves, move_id = plan_moves(stock, bundles, move_id, self.stamp, delta)
            insert_tuples(conn, "stock_moves", MOVE_COLUMNS, moves)
            insert_tuples(conn, "orders", ORDER_COLUMNS, order_rows)
            lines = [
                (lid, oid, line.line_no, line.variant_id, line.sku_code, line.title, line.spec, line.quantity,
                 line.unit_price_minor, line.total_minor, line.quantity if line.refund is REFUNDED else 0,
                 sale_moves.get(lid), None)
                for line, oid, lid in line_rows
            ]  # fmt: skip
            insert_tuples(conn, "order_lines", LINE_COLUMNS, lines)
            insert_tuples(conn, "shipments", SHIPMENT_COLUMNS, shipments)
            self.orders += len(order_rows)
            self.lines += len(line_rows)
            self.moves += len(moves)
        apply_on_hand(conn, delta)
        yield Progress(len(orders), total, STAGE)

    def _order_tuple(self, order: ParsedOrder, order_id: int, ship_by: datetime | None) -> tuple[Any, ...]:
        time, stamp = self.time, self.stamp
        return (
            order_id, self.platform, order.order_no, SOURCE, STATUS_VALUES[order.status],
            order.raw_status, needs_review(order), self.customers.get(order.buyer) if order.buyer else None,
            self.plan.show_id, None, self.batch_id, order.currency, order.goods_minor, order.shipping_minor,
            order.discount_minor, order.paid_minor, order.refunded_minor, time(order.created_at), time(order.paid_at),
            time(order.shipped_at), time(order.completed_at), time(ship_by), order.recipient, order.phone,
            order.province, order.city, order.district, order.address, order.postcode, order.country,
            order.buyer_note, order.seller_note, order.pii_masked, order.raw_json, 1, stamp, stamp,
        )  # fmt: skip
