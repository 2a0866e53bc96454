"""Bulk writing helpers for apply(): typeless table clauses, chunked executemany, timestamps, customers.

The bulk statements use a lightweight ``table()`` clause with the model tables' column names (as
products_io.applying does): its columns carry no types, so SQLAlchemy runs no converter per row; values are
plain database values, and timestamps are converted once per value by ``time_writer``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Connection, TableClause, bindparam, column, func, insert, select, table, text
from sqlmodel import SQLModel

import streamdesk.models.orders  # noqa: F401 - registers the order tables in SQLModel.metadata
from streamdesk.core.order_types import Platform
from streamdesk.core.orders_io.cells import masked
from streamdesk.core.orders_io.types import ParsedOrder

WRITE_CHUNK = 5000
TimeWriter = Callable[[datetime | None], Any]


@cache
def bulk_table(name: str) -> TableClause:
    """The model table's columns without their types (see module docstring)."""
    return table(name, *(column(c.name) for c in SQLModel.metadata.tables[name].columns))


def insert_rows(conn: Connection, name: str, rows: Sequence[dict[str, Any]]) -> None:
    statement = insert(bulk_table(name))
    for start in range(0, len(rows), WRITE_CHUNK):
        conn.execute(statement, list(rows[start : start + WRITE_CHUNK]))
    if rows and "id" in rows[0]:
        _advance_identity(conn, name)


def insert_tuples(conn: Connection, name: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """INSERT rows given as tuples in ``columns`` order, straight to the driver's executemany (no per-row work in
    SQLAlchemy: at 200,000 lines its parameter processing cost more than SQLite's inserts)."""
    if not rows:
        return
    style = conn.dialect.paramstyle
    if style not in ("qmark", "format", "pyformat"):
        insert_rows(conn, name, [dict(zip(columns, row, strict=True)) for row in rows])
        return
    mark = "?" if style == "qmark" else "%s"
    sql = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
    for start in range(0, len(rows), WRITE_CHUNK):
        conn.exec_driver_sql(sql, list(rows[start : start + WRITE_CHUNK]))
    if "id" in columns:
        _advance_identity(conn, name)


def next_id(conn: Connection, name: str) -> int:
    """MAX(id) + 1: what SQLite would pick, and safe under BEGIN IMMEDIATE.

    On PostgreSQL (team mode) nothing serialises writers, so the table is locked against other writers until this
    transaction ends (another laptop's live capture waits a moment; reading is not blocked), and the inserts
    above move the table's identity sequence past the ids given here, so later inserts never reuse them."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"LOCK TABLE {name} IN SHARE ROW EXCLUSIVE MODE")
    target = bulk_table(name)
    return int(conn.execute(select(func.coalesce(func.max(target.c.id), 0))).scalar_one()) + 1


def _advance_identity(conn: Connection, name: str) -> None:
    """PostgreSQL: rows inserted with explicit ids leave the identity sequence behind; catch it up."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(f"SELECT setval(pg_get_serial_sequence(:name, 'id'), (SELECT max(id) FROM {name}))"), {"name": name}
        )


@lru_cache(maxsize=4096)  # the times of neighbouring orders repeat (parse_datetime hands out the same objects)
def _sqlite_time(value: datetime | None) -> str | None:
    """UTCDateTime's stored form on SQLite ("2026-01-05 12:00:00.000000", UTC), formatted in C."""
    if value is None:
        return None
    if value.tzinfo is UTC:  # what the importer makes: "…+00:00" cut off is the stored form
        return value.isoformat(" ", "microseconds")[:26]
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def time_writer(conn: Connection) -> TimeWriter:
    """How this dialect stores an aware datetime in a UTCDateTime column."""
    if conn.dialect.name == "sqlite":
        return _sqlite_time
    column_type = SQLModel.metadata.tables["orders"].c.created_at.type
    processor = column_type.dialect_impl(conn.dialect).bind_processor(conn.dialect)

    def convert(value: datetime | None) -> Any:
        return processor(value) if processor is not None else value

    return convert


def customer_ids(conn: Connection, platform: Platform, orders: Sequence[ParsedOrder], stamp: Any) -> dict[str, int]:
    """Buyer nickname → customer id, creating the customers this import meets first (name and phone as given,
    masked or not), and remembering each new shipping address."""
    first: dict[str, ParsedOrder] = {}
    for order in orders:
        if order.buyer:
            first.setdefault(order.buyer, order)
    if not first:
        return {}
    ids = _existing_customers(conn, platform, list(first))
    fresh = [nick for nick in first if nick not in ids]
    if fresh:
        rows = [
            {
                "platform": platform.value,
                "nickname": nick,
                "name": first[nick].recipient,
                "phone": first[nick].phone,
                "tags": "",
                "notes": "",
                "pii_masked": masked(first[nick].recipient, first[nick].phone),
                "created_at": stamp,
                "updated_at": stamp,
            }
            for nick in fresh
        ]
        insert_rows(conn, "customers", rows)
        ids.update(_existing_customers(conn, platform, fresh))
    _remember_addresses(conn, orders, ids, stamp)
    return ids


def _existing_customers(conn: Connection, platform: Platform, nicknames: list[str]) -> dict[str, int]:
    sql = text("SELECT nickname, id FROM customers WHERE platform = :platform AND nickname IN :nicks").bindparams(
        bindparam("nicks", expanding=True)
    )
    found: dict[str, int] = {}
    for start in range(0, len(nicknames), 500):
        part = nicknames[start : start + 500]
        for nickname, customer_id in conn.execute(sql, {"platform": platform.value, "nicks": part}):
            found[str(nickname)] = int(customer_id)
    return found


def _remember_addresses(conn: Connection, orders: Sequence[ParsedOrder], ids: dict[str, int], stamp: Any) -> None:
    """One customer_addresses row per distinct (customer, recipient, phone, region, detail) not known yet."""
    wanted: dict[tuple[int, str, str, str, str, str, str], dict[str, Any]] = {}
    for order in orders:
        customer = ids.get(order.buyer)
        if customer is None or not (order.address or order.city or order.province):
            continue
        key = (customer, order.recipient, order.phone, order.province, order.city, order.district, order.address)
        wanted.setdefault(
            key,
            {
                "customer_id": customer,
                "recipient": order.recipient,
                "phone": order.phone,
                "province": order.province,
                "city": order.city,
                "district": order.district,
                "detail": order.address,
                "postcode": order.postcode,
                "country": order.country,
                "last_used_at": stamp,
            },
        )
    if not wanted:
        return
    sql = text(
        "SELECT customer_id, recipient, phone, province, city, district, detail FROM customer_addresses"
        " WHERE customer_id IN :ids"
    ).bindparams(bindparam("ids", expanding=True))
    customers = sorted({key[0] for key in wanted})
    for start in range(0, len(customers), 500):
        for row in conn.execute(sql, {"ids": customers[start : start + 500]}):
            wanted.pop((int(row[0]), *(str(value) for value in row[1:])), None)  # type: ignore[arg-type]
    insert_rows(conn, "customer_addresses", list(wanted.values()))
