"""The rows of a whole-shop copy (core/db_copy.py): which tables, in what order and with which column types; reading
them in batches, writing them on either engine, and comparing the two databases afterwards.

The tables are the models' (SQLModel.metadata), parents before children, each with plain column types so values
round-trip through SQLAlchemy Core: naive UTC DATETIME/TIMESTAMP, SQLite's 0/1 as BOOLEAN, enums as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    func,
    select,
    text,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.types import TypeEngine
from sqlmodel import SQLModel

import streamdesk.models.advice
import streamdesk.models.catalogue
import streamdesk.models.metrics
import streamdesk.models.orders
import streamdesk.models.preflight
import streamdesk.models.shows
import streamdesk.models.warmup  # noqa: F401  (the seven register every table in SQLModel.metadata)
from streamdesk.core.errors import UserError
from streamdesk.models.base import UTCDateTime

BATCH_ROWS = 1000  # rows per executemany or COPY: 100k rows in about a hundred round trips, a few MB in memory
STOCK_COLUMNS = frozenset({"quantity", "on_hand"})


@dataclass(frozen=True, slots=True)
class TableCopy:
    name: str
    rows: int
    summed: tuple[str, ...]  # the columns whose totals were compared in both databases


def verify_copy(source: Connection, target: Connection, tables: Sequence[Table]) -> tuple[TableCopy, ...]:
    """Compare each table's row count and money and stock totals in both databases; UserError on the first
    difference (``copy.verify_rows`` or ``copy.verify_sum``, naming the table and column)."""
    checked = []
    for table in tables:
        summed = summed_columns(table)
        expected, found = _totals(source, table, summed), _totals(target, table, summed)
        if expected[0] != found[0]:
            raise UserError(
                "copy.verify_rows", table=table.name, source_rows=int(expected[0] or 0), target_rows=int(found[0] or 0)
            )
        for column, want, got in zip(summed, expected[1:], found[1:], strict=True):
            if want != got:
                raise UserError("copy.verify_sum", table=table.name, column=column, source_total=want, target_total=got)
        checked.append(TableCopy(table.name, int(expected[0] or 0), summed))
    return tuple(checked)


def summed_columns(table: Table) -> tuple[str, ...]:
    """The columns whose totals the verification compares: integer money (``*_minor``) and stock counts."""
    return tuple(
        column.name
        for column in table.columns
        if isinstance(column.type, Integer) and (column.name.endswith("_minor") or column.name in STOCK_COLUMNS)
    )


def copied_tables() -> tuple[Table, ...]:
    """Every table of the models in foreign-key order (parents first), with plain column types for copying: naive
    DATETIME (UTCDateTime would refuse the naive values it reads back) and TEXT for enums (a value this version
    does not know must be copied, not refused)."""
    plain = MetaData()
    return tuple(
        Table(table.name, plain, *(Column(c.name, _plain_type(c.type), primary_key=c.primary_key) for c in table.c))
        for table in SQLModel.metadata.sorted_tables
    )


def _plain_type(kind: TypeEngine[Any]) -> TypeEngine[Any]:
    if isinstance(kind, UTCDateTime | DateTime):
        return DateTime()
    if isinstance(kind, SAEnum):
        return String()
    if isinstance(kind, Boolean):
        return Boolean()
    return kind


def count_rows(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def batches(conn: Connection, table: Table) -> Iterator[Sequence[Row[Any]]]:
    ordered = select(table).order_by(*table.primary_key.columns)
    result = conn.execution_options(stream_results=True, yield_per=BATCH_ROWS).execute(ordered)
    yield from result.partitions(BATCH_ROWS)


def inserter(conn: Connection, table: Table, target: str) -> Callable[[Sequence[Row[Any]]], None]:
    """How a batch of rows (values as SQLAlchemy read them) goes into ``table`` on ``conn``.

    Not ``conn.execute(table.insert(), dicts)``: measured on 100k rows, its per-row parameter building took ~2 s
    on SQLite and psycopg's per-row pipeline ~10 s on PostgreSQL. SQLite gets one executemany of tuples made by
    the columns' own bind processors (the DATETIME text and 0/1 StreamDesk always writes); PostgreSQL gets COPY,
    whose text form psycopg writes from the Python values (0.5 s for 100k rows)."""
    names = list(table.c.keys())
    if conn.dialect.name == "postgresql":
        return lambda rows: _copy_rows(conn, table, names, rows, target)
    dialect = conn.dialect
    processors = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in table.c]
    statement = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
        table.name, ", ".join(f'"{name}"' for name in names), ", ".join("?" for _ in names)
    )

    def insert(rows: Sequence[Row[Any]]) -> None:
        values = [
            tuple(
                value if value is None or bind is None else bind(value)
                for bind, value in zip(processors, row, strict=True)
            )
            for row in rows
        ]
        conn.exec_driver_sql(statement, values)

    return insert


def _copy_rows(conn: Connection, table: Table, names: Sequence[str], rows: Sequence[Row[Any]], target: str) -> None:
    from psycopg import DataError, sql

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(name) for name in names)
    )
    driver = conn.connection.driver_connection
    assert driver is not None  # a live connection inside the copy's transaction
    cursor = driver.cursor()  # the same connection, so the COPY is part of that transaction
    try:
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    except DataError as exc:
        # a value PostgreSQL's column type refuses: text in a number column or 1.5 units, which a SQLite file edited
        # by hand can hold, or a NUL character; the server names the column in its context line
        column = re.search(r"column (\w+)", exc.diag.context or "")
        reason = str(exc).strip().splitlines()[0]
        raise UserError(
            "copy.value_refused", target=target, table=table.name, column=column[1] if column else "?", reason=reason
        ) from exc
    finally:
        cursor.close()


def _totals(conn: Connection, table: Table, summed: Sequence[str]) -> tuple[Decimal | None, ...]:
    """COUNT(*) and SUM(column) for each summed column, as Decimals (SQLite sums to int or float, PostgreSQL to
    bigint or numeric); None for the sum of no rows."""
    row = conn.execute(select(func.count(), *(func.sum(table.c[name]) for name in summed)).select_from(table)).one()
    return tuple(None if value is None else Decimal(str(value)) for value in row)


def reset_identities(conn: Connection, tables: Sequence[Table]) -> None:
    """Move each identity sequence past the copied ids, or the next product or order would collide with them."""
    for table in tables:
        if "id" in table.c and table.c.id.primary_key:
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence(:table, 'id'), COALESCE(MAX(id), 0) + 1, false) "
                    f'FROM "{table.name}"'
                ),
                {"table": table.name},
            )
