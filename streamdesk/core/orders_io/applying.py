"""apply(): write a plan in ONE BEGIN IMMEDIATE transaction; cancel or error → rollback, nothing written.

The database is read again inside the transaction (which orders exist, what the catalogue matches), so a plan
made minutes ago cannot add an order twice or link a SKU deleted since. New orders, lines, stock moves and
shipments go in as executemany batches (200,000 lines); lines of orders already imported go through
orders_stock.take_stock / put_back one by one, each once per line whatever the number of re-imports.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, func, select, text, update
from sqlmodel import Session, col
from sqlmodel import select as select_rows

from streamdesk.core import orders_stock
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.order_types import ImportAction, OrderImportResult, OrderSource, OrderStatus, Platform
from streamdesk.core.orders_io.matching import Matcher
from streamdesk.core.orders_io.planning import Stored, decide, load_stored, order_values
from streamdesk.core.orders_io.records import bulk_table, customer_ids, insert_rows, time_writer
from streamdesk.core.orders_io.status import holds_stock, next_status
from streamdesk.core.orders_io.stock import LineStock, apply_on_hand, plan_moves
from streamdesk.core.orders_io.types import ParsedLine, ParsedOrder, ReadImportPlan
from streamdesk.db import SessionFactory
from streamdesk.models.base import StockReason
from streamdesk.models.orders import ImportBatch, OrderLine

STAGE = "orders_io.writing"
CHUNK = 5000


def apply_plan(
    sessions: SessionFactory, plan: ReadImportPlan, now: datetime, cancel: CancelToken
) -> Generator[Progress, None, OrderImportResult]:
    """Write ``plan``; returns the counts as written (which may differ from the plan's if the database moved)."""
    if not plan.parsed:
        raise UserError("orders_io.nothing_to_import", path=plan.path)
    total = len(plan.parsed)
    yield Progress(0, total, STAGE)
    with sessions(write=True) as session, session.begin():
        conn = session.connection()
        writer = _Writer(session, conn, plan, now, cancel)
        yield from writer.run()
        result = writer.result()
    return result


class _Writer:
    def __init__(
        self, session: Session, conn: Connection, plan: ReadImportPlan, now: datetime, cancel: CancelToken
    ) -> None:
        self.session, self.conn, self.plan, self.now, self.cancel = session, conn, plan, now, cancel
        self.time = time_writer(conn)
        self.stamp = self.time(now)
        self.added = self.updated = self.lines = self.moves = 0
        self.batch_id = 0

    def run(self) -> Generator[Progress, None, None]:
        plan, conn = self.plan, self.conn
        platform = plan.platform
        stored = load_stored(conn, platform, [order.order_no for order in plan.parsed])
        matcher = Matcher(conn, platform, ((ln.sku_code, ln.title, ln.spec) for o in plan.parsed for ln in o.lines))
        for order in plan.parsed:
            for line in order.lines:
                line.variant_id = matcher.match(line.sku_code, line.title, line.spec)
        batch = ImportBatch(
            preset=plan.preset,
            file_name=plan.file_name,
            encoding=plan.encoding,
            show_id=plan.show_id,
            imported_at=self.now,
        )
        self.session.add(batch)
        self.session.flush()
        assert batch.id is not None
        self.batch_id = batch.id
        fresh = [order for order in plan.parsed if order.order_no not in stored]
        known = [(order, stored[order.order_no]) for order in plan.parsed if order.order_no in stored]
        yield from self._add_orders(fresh, platform)
        yield from self._update_orders(known, platform)
        skipped = [{"row": p.row, "reason": p.code, "fields": p.fields} for p in plan.problems]
        conn.execute(
            update(bulk_table("import_batches")).where(bulk_table("import_batches").c.id == self.batch_id),
            {
                "orders_added": self.added,
                "orders_updated": self.updated,
                "lines": self.lines,
                "skipped_json": json.dumps(skipped, ensure_ascii=False, default=str),
            },
        )

    def result(self) -> OrderImportResult:
        return OrderImportResult(
            batch_id=self.batch_id,
            preset=self.plan.preset,
            encoding=self.plan.encoding,
            orders_added=self.added,
            orders_updated=self.updated,
            lines=self.lines,
            skipped=self.plan.problems,
            stock_moves=self.moves,
        )

    # --- new orders --------------------------------------------------------------------------------------------
    def _add_orders(self, orders: Sequence[ParsedOrder], platform: Platform) -> Generator[Progress, None, None]:
        if not orders:
            return
        conn, stamp = self.conn, self.stamp
        customers = customer_ids(conn, platform, orders, stamp)
        first_order = _next_id(conn, "orders")
        first_line = _next_id(conn, "order_lines")
        cycles = _ship_cycles(conn, {ln.variant_id for o in orders for ln in o.lines if ln.variant_id is not None})
        order_rows: list[dict[str, Any]] = []
        line_rows: list[dict[str, Any]] = []
        stock: list[LineStock] = []
        shipments: list[dict[str, Any]] = []
        for done, order in enumerate(orders):
            if done % CHUNK == 0:
                self.cancel.raise_if_set()
                yield Progress(done, len(self.plan.parsed), STAGE)
            order_id = first_order + done
            holds = holds_stock(order.status, order.shipped_at is not None)
            days = max((cycles.get(ln.variant_id, -1) for ln in order.lines if ln.variant_id is not None), default=-1)
            ship_by = order.paid_at + timedelta(days=days) if days >= 0 and order.paid_at is not None else None
            order_rows.append(self._order_row(order, order_id, customers.get(order.buyer), ship_by))
            for line in order.lines:
                line_id = first_line + len(line_rows)
                line_rows.append(_line_row(line, order_id, line_id))
                if line.variant_id is not None and _line_holds(line, holds, order.shipped_at is not None):
                    reference = orders_stock.line_reference(order.order_no, line.line_no)
                    stock.append(LineStock(line_id, line.variant_id, line.quantity, reference))
            if order.tracking_no:
                shipments.append(self._shipment(order_id, order))
        sale_moves, moves, delta = plan_moves(conn, stock, _next_id(conn, "stock_moves"), stamp)
        for row in line_rows:
            row["sale_move_id"] = sale_moves.get(row["id"])
        self.cancel.raise_if_set()
        insert_rows(conn, "stock_moves", moves)
        insert_rows(conn, "orders", order_rows)
        self.cancel.raise_if_set()
        insert_rows(conn, "order_lines", line_rows)
        insert_rows(conn, "shipments", shipments)
        apply_on_hand(conn, delta)
        self.added += len(order_rows)
        self.lines += len(line_rows)
        self.moves += len(moves)
        yield Progress(len(orders), len(self.plan.parsed), STAGE)

    def _order_row(
        self, order: ParsedOrder, order_id: int, customer: int | None, ship_by: datetime | None
    ) -> dict[str, Any]:
        return {
            "id": order_id,
            "platform": self.plan.platform.value,
            "order_no": order.order_no,
            "source": OrderSource.IMPORT.value,
            "status": order.status.value,
            "raw_status": order.raw_status,
            "needs_review": order.needs_review,
            "customer_id": customer,
            "show_id": self.plan.show_id,
            "segment_id": None,
            "import_batch_id": self.batch_id,
            "currency": order.currency,
            "goods_minor": order.goods_minor,
            "shipping_minor": order.shipping_minor,
            "discount_minor": order.discount_minor,
            "paid_minor": order.paid_minor,
            "refunded_minor": order.refunded_minor,
            "created_at": self.time(order.created_at),
            "paid_at": self.time(order.paid_at),
            "shipped_at": self.time(order.shipped_at),
            "completed_at": self.time(order.completed_at),
            "ship_by": self.time(ship_by),
            "recipient": order.recipient,
            "phone": order.phone,
            "province": order.province,
            "city": order.city,
            "district": order.district,
            "address": order.address,
            "postcode": order.postcode,
            "country": order.country,
            "buyer_note": order.buyer_note,
            "seller_note": order.seller_note,
            "pii_masked": order.pii_masked,
            "raw_json": order.raw_json,
            "version": 1,
            "recorded_at": self.stamp,
            "updated_at": self.stamp,
        }

    def _shipment(self, order_id: int, order: ParsedOrder) -> dict[str, Any]:
        return {
            "order_id": order_id,
            "courier": order.courier,
            "courier_code": "",
            "tracking_no": order.tracking_no,
            "shipped_at": self.time(order.shipped_at) or self.stamp,
        }

    # --- orders imported before ----------------------------------------------------------------------------------
    def _update_orders(
        self, known: Sequence[tuple[ParsedOrder, Stored]], platform: Platform
    ) -> Generator[Progress, None, None]:
        changed = [
            (order, stored)
            for order, stored in known
            if decide(order, stored, self.plan.show_id) is ImportAction.UPDATE
        ]
        if not changed:
            return
        conn = self.conn
        first_line = _next_id(conn, "order_lines")
        new_lines: list[dict[str, Any]] = []
        order_updates: list[dict[str, Any]] = []
        refunds: list[dict[str, Any]] = []
        shipments: list[dict[str, Any]] = []
        stock_work: list[tuple[int, ParsedOrder, bool]] = []  # (order id, order, lines hold stock)
        for done, (order, stored) in enumerate(changed):
            if done % CHUNK == 0:
                self.cancel.raise_if_set()
                yield Progress(done, len(self.plan.parsed), STAGE)
            status = next_status(stored.status, order.status)
            order_updates.append(self._order_update(order, stored, status))
            for line in order.lines:
                known_line = stored.lines.get(line.line_no)
                if known_line is None:
                    new_lines.append(_line_row(line, stored.id, first_line + len(new_lines)))
                elif line.refund is OrderStatus.REFUNDED and known_line[1] < line.quantity:
                    refunds.append({"_id": known_line[0], "refunded_quantity": line.quantity})
            if order.tracking_no and order.tracking_no not in stored.tracking:
                shipments.append(self._shipment(stored.id, order))
            shipped = order.shipped_at is not None or stored.values[4] is not None
            stock_work.append((stored.id, order, holds_stock(status, shipped)))
        insert_rows(conn, "order_lines", new_lines)
        _bulk_update(conn, "orders", order_updates)
        _bulk_update(conn, "order_lines", refunds)
        insert_rows(conn, "shipments", shipments)
        self.updated += len(order_updates)
        self.lines += len(new_lines)
        self._follow_stock(stock_work)

    def _order_update(self, order: ParsedOrder, stored: Stored, status: OrderStatus) -> dict[str, Any]:
        names = (
            "status",
            "raw_status",
            "needs_review",
            "paid_at",
            "shipped_at",
            "completed_at",
            "paid_minor",
            "refunded_minor",
            "shipping_minor",
            "discount_minor",
            "seller_note",
            "buyer_note",
        )
        row: dict[str, Any] = {"_id": stored.id}
        for name, new, old in zip(names, order_values(order, status), stored.values, strict=True):
            if new != old and not (new is None and old is not None):  # an export that omits a value keeps ours
                row[name] = self.time(new) if isinstance(new, datetime) else getattr(new, "value", new)
        if self.plan.show_id is not None and stored.show_id is None:
            row["show_id"] = self.plan.show_id
        row["updated_at"] = self.stamp
        return row

    def _follow_stock(self, work: Sequence[tuple[int, ParsedOrder, bool]]) -> None:
        """Take or put back the stock of existing orders' lines, one line at a time through orders_stock."""
        by_order = {order_id: (order, holds) for order_id, order, holds in work}
        ids = sorted(by_order)
        for start in range(0, len(ids), 500):
            self.cancel.raise_if_set()
            lines = self.session.exec(
                select_rows(OrderLine).where(col(OrderLine.order_id).in_(ids[start : start + 500]))
            )
            for line in lines:
                order, holds = by_order[line.order_id]
                parsed = next((p for p in order.lines if p.line_no == line.line_no), None)
                if line.variant_id is None and parsed is not None and parsed.variant_id is not None:
                    line.variant_id = parsed.variant_id
                    self.session.add(line)
                wanted = holds and (parsed is None or _line_holds(parsed, holds, order.shipped_at is not None))
                reference = orders_stock.line_reference(order.order_no, line.line_no)
                if wanted and line.cancel_move_id is None:
                    moved = orders_stock.take_stock(self.session, line, self.now, reference=reference)
                elif not wanted:
                    moved = orders_stock.put_back(
                        self.session, line, self.now, reason=StockReason.RETURN, reference=reference
                    )
                else:
                    moved = None
                self.moves += moved is not None
        self.session.flush()


def _line_holds(line: ParsedLine, order_holds: bool, shipped: bool) -> bool:
    """A line refunded before the parcel left gives its units back even while the order goes on."""
    return order_holds and not (line.refund is OrderStatus.REFUNDED and not shipped)


def _line_row(line: ParsedLine, order_id: int, line_id: int) -> dict[str, Any]:
    return {
        "id": line_id,
        "order_id": order_id,
        "line_no": line.line_no,
        "variant_id": line.variant_id,
        "sku_code": line.sku_code,
        "title": line.title,
        "spec": line.spec,
        "quantity": line.quantity,
        "unit_price_minor": line.unit_price_minor,
        "total_minor": line.total_minor,
        "refunded_quantity": line.quantity if line.refund is OrderStatus.REFUNDED else 0,
        "sale_move_id": None,
        "cancel_move_id": None,
    }


def _next_id(conn: Connection, table: str) -> int:
    """MAX(id) + 1: what SQLite would pick, and safe under BEGIN IMMEDIATE (products_io does the same)."""
    target = bulk_table(table)
    return int(conn.execute(select(func.coalesce(func.max(target.c.id), 0))).scalar_one()) + 1


def _ship_cycles(conn: Connection, variant_ids: set[int]) -> dict[int, int]:
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


def _bulk_update(conn: Connection, name: str, rows: Sequence[dict[str, Any]]) -> None:
    """UPDATE … WHERE id = :_id, one executemany per distinct set of changed columns."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    target = bulk_table(name)
    for keys, group in groups.items():
        values: dict[str, Any] = {key: bindparam(key) for key in keys if key != "_id"}
        if values:
            conn.execute(update(target).where(target.c.id == bindparam("_id")).values(values), group)
