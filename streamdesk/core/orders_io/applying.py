"""apply(): write a plan in ONE BEGIN IMMEDIATE transaction; cancel or error → rollback, nothing written.

The database is read again inside the transaction (which orders exist, what the catalogue matches), so a plan
made minutes ago cannot add an order twice or link a SKU deleted since. New orders, lines, stock moves and
shipments go in as executemany batches (200,000 lines); lines of orders already imported go through
orders_stock.take_stock / put_back one by one, each once per line whatever the number of re-imports.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, bindparam, update
from sqlmodel import Session, col
from sqlmodel import select as select_rows

from streamdesk.core import orders_stock
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.order_types import ImportAction, OrderImportResult, OrderStatus, Platform
from streamdesk.core.orders_io.adding import LINE_COLUMNS, SHIPMENT_COLUMNS, NewOrders, line_holds, line_tuple
from streamdesk.core.orders_io.matching import Matcher
from streamdesk.core.orders_io.planning import (
    Stored,
    catalogue_mark,
    decide,
    load_stored,
    order_values,
    orders_mark,
)
from streamdesk.core.orders_io.records import bulk_table, customer_ids, insert_tuples, next_id, time_writer
from streamdesk.core.orders_io.status import holds_stock, next_status
from streamdesk.core.orders_io.types import ParsedOrder, ReadImportPlan
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
        if orders_mark(conn, platform) == plan.orders_mark:
            stored = cast("dict[str, Stored]", plan.stored)
        else:  # orders changed since the preview: decide add / update again
            stored = load_stored(conn, platform, [order.order_no for order in plan.parsed])
        if catalogue_mark(conn) != plan.catalogue_mark:  # the catalogue changed: match the lines again
            lines = ((ln.sku_code, ln.title, ln.spec) for o in plan.parsed for ln in o.lines)
            matcher = Matcher(conn, platform, lines)
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
        customers = customer_ids(self.conn, platform, orders, self.stamp)
        writer = NewOrders(self.conn, self.plan, self.batch_id, customers, self.time, self.stamp, self.cancel)
        yield from writer.write(orders)
        self.added += writer.orders
        self.lines += writer.lines
        self.moves += writer.moves

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
        first_line = next_id(conn, "order_lines")
        new_lines: list[tuple[Any, ...]] = []
        order_updates: list[dict[str, Any]] = []
        refunds: list[dict[str, Any]] = []
        shipments: list[tuple[Any, ...]] = []
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
                    new_lines.append(line_tuple(line, stored.id, first_line + len(new_lines), None))
                elif line.refund is OrderStatus.REFUNDED and known_line[1] < line.quantity:
                    refunds.append({"_id": known_line[0], "refunded_quantity": line.quantity})
            if order.tracking_no and order.tracking_no not in stored.tracking:
                shipped_at = self.time(order.shipped_at) or self.stamp
                shipments.append((stored.id, order.courier, "", order.tracking_no, shipped_at))
            shipped = order.shipped_at is not None or stored.values[4] is not None
            holds = holds_stock(status, shipped)
            if _stock_may_move(order, stored, holds, shipped):
                stock_work.append((stored.id, order, holds))
        insert_tuples(conn, "order_lines", LINE_COLUMNS, new_lines)
        _bulk_update(conn, "orders", order_updates)
        _bulk_update(conn, "order_lines", refunds)
        insert_tuples(conn, "shipments", SHIPMENT_COLUMNS, shipments)
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
                wanted = holds and (parsed is None or line_holds(parsed, holds, order.shipped_at is not None))
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


def _stock_may_move(order: ParsedOrder, stored: Stored, holds: bool, shipped: bool) -> bool:
    """Whether any line of a known order needs take_stock / put_back (most re-imports only move statuses along:
    paid → shipped → completed keeps the stock where it is, and those orders are not loaded line by line)."""
    in_file = set()
    for line in order.lines:
        in_file.add(line.line_no)
        known = stored.lines.get(line.line_no)
        wanted = line_holds(line, holds, shipped)
        if known is None:
            if line.variant_id is not None:
                return True
            continue
        _, _, taken, put_back, matched = known
        if (not matched and line.variant_id is not None) or (wanted and not taken and matched):
            return True
        if not wanted and taken and not put_back:
            return True
    for line_no, (_, _, taken, put_back, matched) in stored.lines.items():
        if line_no not in in_file and ((holds and matched and not taken) or (not holds and taken and not put_back)):
            return True
    return False


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
