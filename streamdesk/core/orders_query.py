"""The orders table's SQL: filtering, sorting, paging and the rows, all inside SQLite.

``page_ids`` picks one page of order ids (filter and sort in SQL, an index walk for the default newest-first
order), ``hydrate`` reads those orders with their buyer, line summary and latest tracking number, ``count``
counts the matches. The buyer (customers) is joined only when the text or the sort needs it.

The ship-by deadline is the order's ``ship_by`` (the platform's promise, or what a sale set from the products'
ship cycle: ``orders_stock.settle_ship_by``), else the platform rule: paid + 48 hours. An order is overdue when it
still has to ship (paid, refunding or unpaid) and the deadline has passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, CursorResult

from streamdesk.core import sql_dialect
from streamdesk.core.order_types import OrderFilter, OrderRow, OrderSort, OrderSource, OrderStatus, Platform

PLATFORM_SHIP_HOURS = 48  # every platform we import asks for shipping within 48 hours of payment by default
TO_SHIP = (OrderStatus.PENDING_PAYMENT, OrderStatus.PAID, OrderStatus.REFUNDING)  # still has to leave the shop
SUMMARY_LINES = 3
LIKE_ESCAPE = "\\"

# Statuses sort in the order an order lives through them, not alphabetically.
STATUS_ORDER = (
    OrderStatus.PENDING_PAYMENT,
    OrderStatus.PAID,
    OrderStatus.SHIPPED,
    OrderStatus.COMPLETED,
    OrderStatus.REFUNDING,
    OrderStatus.REFUNDED,
    OrderStatus.CANCELLED,
)
STATUS_RANK = "CASE o.status " + " ".join(f"WHEN '{s.value}' THEN {i}" for i, s in enumerate(STATUS_ORDER)) + " END"

_SORTS: dict[OrderSort, str] = {
    OrderSort.CREATED: "o.created_at",
    OrderSort.PAID_AMOUNT: "o.paid_minor",
    OrderSort.STATUS: STATUS_RANK,
    OrderSort.BUYER: "COALESCE(c.nickname, o.recipient)",
}


def ship_by(conn: Connection) -> str:
    """The deadline as SQL: the order's own, else paid + 48 hours (on SQLite spelled like the stored times, so it
    compares and sorts with them as text)."""
    return f"COALESCE(o.ship_by, {sql_dialect.plus_hours(conn, 'o.paid_at', PLATFORM_SHIP_HOURS)})"


def sql_time(value: datetime) -> str:
    """An aware datetime as the UTCDateTime column stores it (naive UTC text), for comparisons in raw SQL."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def read_time(value: Any) -> datetime | None:
    """A stored time (``2026-01-05 12:00:00.000000`` or SQLite's ``datetime()`` form) as aware UTC."""
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def like_pattern(text: str) -> str:
    escaped = text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")
    return f"%{escaped}%"


@dataclass(frozen=True, slots=True)
class _Where:
    sql: str
    params: dict[str, Any]
    selective: bool  # a filter that matches few orders: sort what it finds instead of walking the created index


def _where(conn: Connection, filter: OrderFilter, now: datetime) -> _Where:
    conditions: list[str] = []
    params: dict[str, Any] = {}
    text = filter.text.strip()
    if text:
        # Each table is scanned once, in storage order, into one set of ids: checking the text order by order
        # (buyer and lines looked up for each) costs a second at 100k orders, this a tenth of that.
        params["text"] = like_pattern(text)
        like = f"{sql_dialect.like(conn)} :text ESCAPE '{LIKE_ESCAPE}'"
        conditions.append(
            f"o.id IN (SELECT t.id FROM orders t WHERE t.order_no {like} OR t.recipient {like}"
            f" UNION SELECT t.id FROM orders t WHERE t.customer_id IN (SELECT tc.id FROM customers tc"
            f" WHERE tc.nickname {like})"
            f" UNION SELECT tl.order_id FROM order_lines tl WHERE tl.sku_code {like} OR tl.title {like})"
        )
    if filter.show_id is not None:
        conditions.append("o.show_id = :show_id")
        params["show_id"] = filter.show_id
    if filter.platform is not None:
        conditions.append("o.platform = :platform")
        params["platform"] = filter.platform.value
    statuses = list(dict.fromkeys(filter.statuses))
    if filter.overdue_only:
        statuses = [s for s in statuses if s in TO_SHIP] if statuses else list(TO_SHIP)
        conditions.append(f"{ship_by(conn)} < :now")
        params["now"] = sql_time(now)
    if statuses or filter.overdue_only:
        names = [f":status{i}" for i in range(len(statuses))]
        conditions.append(f"o.status IN ({', '.join(names) or 'NULL'})")
        params.update({f"status{i}": s.value for i, s in enumerate(statuses)})
    if filter.created_from is not None:
        conditions.append("o.created_at >= :created_from")
        params["created_from"] = sql_time(filter.created_from)
    if filter.created_to is not None:
        conditions.append("o.created_at < :created_to")
        params["created_to"] = sql_time(filter.created_to)
    if filter.needs_review_only:
        conditions.append("o.needs_review")
    selective = bool(text) or filter.overdue_only or filter.needs_review_only
    return _Where(" AND ".join(conditions) or "TRUE", params, selective)


def _from(needs_customer: bool) -> str:
    return "orders o LEFT JOIN customers c ON c.id = o.customer_id" if needs_customer else "orders o"


def _run(conn: Connection, sql: str, params: dict[str, Any]) -> CursorResult[Any]:
    return sql_dialect.run(conn, sql, params)


def count(conn: Connection, filter: OrderFilter, now: datetime) -> int:
    where = _where(conn, filter, now)
    row = _run(conn, f"SELECT COUNT(*) FROM orders o WHERE {where.sql}", where.params).one()
    return int(row[0])


def page_ids(
    conn: Connection, filter: OrderFilter, sort: OrderSort, descending: bool, offset: int, limit: int, now: datetime
) -> list[int]:
    """One page of order ids in the table's order (ties broken by id, in the same direction)."""
    where = _where(conn, filter, now)
    direction = "DESC" if descending else "ASC"
    key = ship_by(conn) if sort is OrderSort.SHIP_BY else _SORTS[sort]
    if sort is OrderSort.CREATED and where.selective and conn.dialect.name == "sqlite":
        key = "+o.created_at"  # "+": not by walking ix_orders_created_at past rows that do not match
    needs_customer = sort is OrderSort.BUYER
    # Unknown deadlines and amounts go last whichever way the table is sorted.
    nulls = f"({key}) IS NULL, " if sort in (OrderSort.SHIP_BY, OrderSort.PAID_AMOUNT) else ""
    sql = (
        f"SELECT o.id FROM {_from(needs_customer)} WHERE {where.sql}"
        f" ORDER BY {nulls}{key} {direction}, o.id {direction} LIMIT :limit OFFSET :offset"
    )
    params = dict(where.params, limit=max(limit, 0), offset=max(offset, 0))
    return [int(r[0]) for r in _run(conn, sql, params)]


def hydrate(conn: Connection, ids: Sequence[int], now: datetime) -> tuple[OrderRow, ...]:
    """The rows of ``ids``, in that order."""
    if not ids:
        return ()
    marks = ", ".join(f":id{i}" for i in range(len(ids)))
    params: dict[str, Any] = {f"id{i}": order_id for i, order_id in enumerate(ids)}
    orders = _run(
        conn,
        "SELECT o.id, o.platform, o.order_no, o.source, o.status, o.raw_status, o.needs_review, c.nickname,"
        " o.recipient, o.phone, o.province, o.city, o.district, o.currency, o.paid_minor, o.refunded_minor,"
        f" o.created_at, {ship_by(conn)}, o.show_id, o.pii_masked,"
        " (SELECT s.tracking_no FROM shipments s WHERE s.order_id = o.id ORDER BY s.shipped_at DESC, s.id DESC"
        " LIMIT 1)"
        f" FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE o.id IN ({marks})",
        params,
    ).all()
    lines: dict[int, list[tuple[str, str, int]]] = {}
    line_rows: Sequence[Any] = _run(
        conn,
        f"SELECT order_id, title, spec, sku_code, quantity FROM order_lines WHERE order_id IN ({marks})"
        " ORDER BY order_id, id",
        params,
    ).all()
    for r in line_rows:
        lines.setdefault(r[0], []).append((r[1] or r[3], r[2], r[4]))
    by_id = {r[0]: r for r in orders}
    return tuple(_row(by_id[i], lines.get(i, []), now) for i in ids if i in by_id)


def line_summary(lines: Sequence[tuple[str, str, int]]) -> str:
    """ "冰丝防晒衣 白/M ×2, 保温杯 ×1, …": the first lines of an order, for the table."""
    parts = [" ".join(p for p in (title, spec) if p) + f" ×{quantity}" for title, spec, quantity in lines]
    return ", ".join(parts[:SUMMARY_LINES] + (["…"] if len(parts) > SUMMARY_LINES else []))


def _row(r: Any, lines: Sequence[tuple[str, str, int]], now: datetime) -> OrderRow:
    status = OrderStatus(r[4])
    ship_by = read_time(r[17])
    return OrderRow(
        id=r[0],
        platform=Platform(r[1]),
        order_no=r[2],
        source=OrderSource(r[3]),
        status=status,
        raw_status=r[5],
        needs_review=bool(r[6]),
        buyer=r[7] or r[8],
        recipient=r[8],
        phone=r[9],
        region=" ".join(part for part in (r[10], r[11], r[12]) if part),
        currency=r[13],
        paid_minor=r[14],
        refunded_minor=r[15],
        item_count=sum(quantity for _, _, quantity in lines),
        summary=line_summary(lines),
        created_at=read_time(r[16]) or now,
        ship_by=ship_by,
        overdue=is_overdue(status, ship_by, now),
        show_id=r[18],
        tracking_no=r[20] or "",
        pii_masked=bool(r[19]),
    )


def is_overdue(status: OrderStatus, ship_by: datetime | None, now: datetime) -> bool:
    return status in TO_SHIP and ship_by is not None and now > ship_by
