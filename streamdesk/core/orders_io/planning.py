"""plan(): read, group, parse, match and compare with the database; writes nothing.

The database is only read: orders already imported from the same platform (add / update / unchanged) and the
catalogue slice the file's lines can match (SKU codes, remembered aliases, titles).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, bindparam, select, text

from streamdesk.core.errors import Problem, UserError
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.order_types import ImportAction, OrderStatus, PlannedOrder, Platform, UnmatchedLine
from streamdesk.core.orders_io import detect
from streamdesk.core.orders_io.assembling import Assembler
from streamdesk.core.orders_io.grouping import Companion, Context, Grouper, read_companion
from streamdesk.core.orders_io.matching import Matcher
from streamdesk.core.orders_io.presets import DEFAULT_ZONES
from streamdesk.core.orders_io.reading import csv_guard, open_table
from streamdesk.core.orders_io.sources import Choice, check_required, open_companion, open_main
from streamdesk.core.orders_io.status import needs_review, next_status
from streamdesk.core.orders_io.types import ParsedOrder, ReadImportPlan
from streamdesk.core.orders_match import match_key
from streamdesk.db import SessionFactory
from streamdesk.models.orders import Order, OrderLine, Shipment

STAGE_READ, STAGE_CHECK = "orders_io.reading", "orders_io.checking"
CHUNK = 500
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Stored:
    """An order as the database has it, for deciding update vs unchanged."""

    id: int
    status: OrderStatus
    values: tuple[object, ...]
    lines: dict[str, tuple[int, int, bool, bool, bool]]  # line_no → (id, refunded, taken, put back, matched)
    tracking: frozenset[str]
    show_id: int | None


def order_values(order: ParsedOrder, status: OrderStatus) -> tuple[object, ...]:
    """What a re-import may change on an existing order, in Stored.values' order."""
    return (
        status,
        order.raw_status,
        needs_review(order),
        order.paid_at,
        order.shipped_at,
        order.completed_at,
        order.paid_minor,
        order.refunded_minor,
        order.shipping_minor,
        order.discount_minor,
        order.seller_note,
        order.buyer_note,
    )


_STORED_COLUMNS = (
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


def load_stored(conn: Connection, platform: Platform, order_nos: list[str]) -> dict[str, Stored]:
    """The file's orders already in the database (typed columns: aware datetimes, enums)."""
    table, lines, shipments = Order.__table__, OrderLine.__table__, Shipment.__table__  # type: ignore[attr-defined]
    found: dict[str, Stored] = {}
    query = select(table.c.id, table.c.order_no, table.c.show_id, *(table.c[name] for name in _STORED_COLUMNS)).where(
        table.c.platform == platform.value, table.c.order_no.in_(bindparam("nos", expanding=True))
    )
    ids: dict[int, str] = {}
    for start in range(0, len(order_nos), CHUNK):
        for row in conn.execute(query, {"nos": order_nos[start : start + CHUNK]}):
            values = tuple(row[3:])
            ids[row[0]] = row[1]
            found[row[1]] = Stored(row[0], OrderStatus(values[0]), values, {}, frozenset(), row[2])
    if not found:
        return found
    line_query = select(
        lines.c.order_id,
        lines.c.line_no,
        lines.c.id,
        lines.c.refunded_quantity,
        lines.c.sale_move_id,
        lines.c.cancel_move_id,
        lines.c.variant_id,
    ).where(lines.c.order_id.in_(bindparam("ids", expanding=True)))
    ship_query = select(shipments.c.order_id, shipments.c.tracking_no).where(
        shipments.c.order_id.in_(bindparam("ids", expanding=True))
    )
    order_ids = sorted(ids)
    tracking: dict[int, set[str]] = {}
    for start in range(0, len(order_ids), CHUNK):
        part = order_ids[start : start + CHUNK]
        for order_id, line_no, line_id, refunded, sale, cancel, variant in conn.execute(line_query, {"ids": part}):
            found[ids[order_id]].lines[line_no] = (
                line_id,
                refunded,
                sale is not None,
                cancel is not None,
                variant is not None,
            )
        for order_id, number in conn.execute(ship_query, {"ids": part}):
            tracking.setdefault(order_id, set()).add(number)
    for order_id, numbers in tracking.items():
        stored = found[ids[order_id]]
        found[ids[order_id]] = Stored(
            stored.id, stored.status, stored.values, stored.lines, frozenset(numbers), stored.show_id
        )
    return found


def catalogue_mark(conn: Connection) -> tuple[object, ...]:
    """Changes whenever a SKU, product or alias is added, edited or removed (what matching read)."""
    row = conn.execute(
        text(
            "SELECT (SELECT COUNT(*) FROM variants), (SELECT MAX(id) FROM variants), (SELECT MAX(updated_at) FROM"
            " variants), (SELECT COUNT(*) FROM products), (SELECT MAX(updated_at) FROM products), (SELECT COUNT(*)"
            " FROM sku_aliases), (SELECT MAX(id) FROM sku_aliases), (SELECT SUM(variant_id) FROM sku_aliases)"
        )
    ).one()
    return tuple(row)


def orders_mark(conn: Connection, platform: Platform) -> tuple[object, ...]:
    """Changes whenever an order of ``platform`` is added, edited or removed, or a line or shipment is added."""
    row = conn.execute(
        text(
            "SELECT (SELECT COUNT(*) FROM orders WHERE platform = :p), (SELECT MAX(id) FROM orders),"
            " (SELECT MAX(updated_at) FROM orders WHERE platform = :p), (SELECT SUM(version) FROM orders WHERE"
            " platform = :p), (SELECT MAX(id) FROM order_lines), (SELECT COUNT(*) FROM order_lines WHERE"
            " sale_move_id IS NOT NULL OR cancel_move_id IS NOT NULL), (SELECT MAX(id) FROM shipments)"
        ),
        {"p": platform.value},
    ).one()
    return tuple(row)


def decide(order: ParsedOrder, stored: Stored | None, show_id: int | None) -> ImportAction:
    if stored is None:
        return ImportAction.ADD
    status = next_status(stored.status, order.status)
    if order_values(order, status) != stored.values:
        return ImportAction.UPDATE
    if order.tracking_no and order.tracking_no not in stored.tracking:
        return ImportAction.UPDATE
    if show_id is not None and stored.show_id is None:
        return ImportAction.UPDATE
    for line in order.lines:
        known = stored.lines.get(line.line_no)
        if known is None or (line.refund is OrderStatus.REFUNDED and known[1] < line.quantity):
            return ImportAction.UPDATE
    return ImportAction.UNCHANGED


def build_plan(
    sessions: SessionFactory,
    path: Path,
    choice: Choice,
    *,
    show_id: int | None,
    encoding: str | None,
    zones: Mapping[Platform, str],
    currency: str,
    cancel: CancelToken,
) -> Generator[Progress, None, ReadImportPlan]:
    yield Progress(0, 0, STAGE_READ)
    preset, table = open_main(path, choice, encoding)
    tables = [table]
    try:
        columns = (
            detect.mapping_columns(choice.mapping, table.headers)
            if choice.mapping is not None
            else detect.resolve_columns(preset, detect.header_index(table.headers))
        )
        check_required(preset, columns, path)
        zone = zones.get(preset.platform) or DEFAULT_ZONES.get(preset.platform, "UTC")
        companion: Companion | None = None
        companion_context: Context | None = None
        lines_preset, lines_table, lines_columns = preset, table, columns
        other = open_companion(path, preset, encoding) if preset.companion and choice.mapping is None else None
        if other is not None:
            tables.append(other[1])
            other_columns = detect.resolve_columns(other[0], detect.header_index(other[1].headers))
            check_required(other[0], other_columns, other[1].path)
            if preset.role == "orders":  # the user chose the orders half: lines come from the other file
                orders_preset, orders_table, orders_columns = preset, table, columns
                lines_preset, lines_table, lines_columns = other[0], other[1], other_columns
            else:
                orders_preset, orders_table, orders_columns = other[0], other[1], other_columns
            companion_context = Context(orders_preset, zone, currency, orders_table.headers, orders_columns)
            with csv_guard(orders_table):
                companion = yield from _progress(read_companion(orders_table.rows, companion_context), cancel)
        elif preset.role == "orders" and not preset.lines_from_orders:
            raise UserError(
                "orders_io.companion_missing", path=str(path), preset=preset.name, prefix=preset.companion_prefixes[1]
            )
        context = Context(lines_preset, zone, currency, lines_table.headers, lines_columns)
        grouper = Grouper(context)
        assembler = Assembler(grouper, companion, companion_context)
        with csv_guard(lines_table):
            yield from _progress(grouper.feed(lines_table.rows, lines_table.header_row, assembler), cancel)
    finally:
        for opened in tables:
            opened.close()
    if grouper.scattered:  # an order's rows apart from each other: read those orders again, whole
        scattered = set(grouper.scattered)
        grouper.forget(scattered)
        again = open_table(lines_table.path, _same_header(lines_table.headers), encoding=encoding)
        try:
            with csv_guard(again):
                yield from _progress(grouper.feed(again.rows, again.header_row, assembler, only=scattered), cancel)
        finally:
            again.close()
    for order_no, values in (companion or {}).items():
        if order_no not in grouper.closed:  # an order of the orders file that the items file lacks
            row = min((found[1] for found in values.values()), default=0)
            grouper.problems.append(Problem(row, "orders_io.order_without_lines", {"order": order_no}))
    parsed = list(grouper.parsed.values())
    grouper.parsed.clear()
    cancel.raise_if_set()
    platform = preset.platform
    with sessions() as session:
        conn = session.connection()
        if (
            show_id is not None
            and conn.execute(text("SELECT 1 FROM shows WHERE id = :id"), {"id": show_id}).first() is None
        ):
            raise UserError("orders_io.show_missing", show_id=show_id)
        stored = load_stored(conn, platform, [order.order_no for order in parsed])
        matcher = Matcher(conn, platform, {(ln.sku_code, ln.title, ln.spec) for o in parsed for ln in o.lines})
        marks = catalogue_mark(conn), orders_mark(conn, platform)
    planned, unmatched = _plan_orders(parsed, stored, matcher, platform, show_id)
    headers = context.headers
    mapped = {name: headers[i].strip() for name, i in lines_columns.items()}
    return ReadImportPlan(
        path=str(path),
        preset=preset.key,
        platform=platform,
        encoding=table.encoding,
        columns=tuple(mapped.items()),
        ignored=tuple(h.strip() for i, h in enumerate(headers) if i not in set(lines_columns.values()) and h.strip()),
        orders=tuple(planned),
        unmatched=tuple(unmatched),
        problems=tuple(sorted(grouper.problems, key=lambda p: p.row)),
        rows_read=grouper.rows_read,
        parsed=tuple(parsed),
        show_id=show_id,
        file_name=path.name,
        catalogue_mark=marks[0],
        orders_mark=marks[1],
        stored=stored,
    )


def _same_header(headers: tuple[str, ...]) -> Callable[[Sequence[str]], bool]:
    def is_header(record: Sequence[str]) -> bool:
        return tuple(record) == headers

    return is_header


def _progress(steps: Generator[int, None, T], cancel: CancelToken) -> Generator[Progress, None, T]:
    """Turn row numbers from a reader into Progress, checking the token each time; returns the reader's value."""
    while True:
        try:
            row = next(steps)
        except StopIteration as finished:
            return finished.value  # type: ignore[no-any-return]
        cancel.raise_if_set()
        yield Progress(row, 0, STAGE_READ)


def _plan_orders(
    parsed: list[ParsedOrder],
    stored: Mapping[str, Stored],
    matcher: Matcher,
    platform: Platform,
    show_id: int | None,
) -> tuple[list[PlannedOrder], list[UnmatchedLine]]:
    planned: list[PlannedOrder] = []
    unmatched: dict[str, tuple[str, str, str, list[int]]] = {}
    for order in parsed:
        missing = 0
        for line in order.lines:
            line.variant_id = matcher.match(line.sku_code, line.title, line.spec)
            if line.variant_id is None:
                missing += 1
                key = line.match_key = match_key(line.sku_code, line.title, line.spec)
                unmatched.setdefault(key, (line.sku_code, line.title, line.spec, []))[3].append(line.row)
        current = stored.get(order.order_no)
        action = decide(order, current, show_id)
        status = order.status if current is None else next_status(current.status, order.status)
        planned.append(
            PlannedOrder(
                platform,
                order.order_no,
                action,
                status,
                order.rows,
                len(order.lines),
                missing,
                order.paid_minor,
                order.currency,
                order.buyer or order.recipient,
            )
        )
    lines = [UnmatchedLine(key, sku, title, spec, tuple(rows)) for key, (sku, title, spec, rows) in unmatched.items()]
    return planned, lines
