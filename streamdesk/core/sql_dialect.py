"""Raw SQL that runs on both engines: SQLite, and PostgreSQL in team mode.

The hand-written statements (tables, review figures, customers) are SQLite's SQL where that is also standard SQL.
The few spots where the engines spell a thing differently ask this module: SQLite's two-argument MIN/MAX are
LEAST/GREATEST on PostgreSQL (the operands here are never NULL, where the two would differ), and a time plus some
hours is ``strftime`` text arithmetic on SQLite (times are stored as text) but interval arithmetic on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, CursorResult, text


def run(conn: Connection, sql: str, params: Mapping[str, Any] | None = None) -> CursorResult[*tuple[Any, ...]]:
    """Execute ``sql`` with ``:name`` parameters. SQLite takes them straight (sqlite3 speaks ``:name``: no statement
    compiling per keystroke); PostgreSQL's driver speaks ``%(name)s``, so SQLAlchemy's text() translates."""
    if conn.dialect.name == "sqlite":
        return conn.exec_driver_sql(sql, dict(params or {}))
    return conn.execute(text(sql), dict(params or {}))


def smaller(conn_or_dialect: Connection | str) -> str:
    """The two-argument minimum's name (operands never NULL)."""
    return "MIN" if _name(conn_or_dialect) == "sqlite" else "LEAST"


def larger(conn_or_dialect: Connection | str) -> str:
    """The two-argument maximum's name (operands never NULL)."""
    return "MAX" if _name(conn_or_dialect) == "sqlite" else "GREATEST"


def plus_hours(conn_or_dialect: Connection | str, column: str, hours: int) -> str:
    """``column`` + ``hours`` as a stored time: on SQLite spelled like the stored text (microseconds included), so
    it compares and sorts with other stored times."""
    if _name(conn_or_dialect) == "sqlite":
        return f"(strftime('%Y-%m-%d %H:%M:%f', {column}, '+{hours} hours') || '000')"
    return f"({column} + interval '{hours} hours')"


def _name(conn_or_dialect: Connection | str) -> str:
    return conn_or_dialect if isinstance(conn_or_dialect, str) else conn_or_dialect.dialect.name


def id_list(conn_or_dialect: Connection | str) -> str:
    """A FROM item ``j`` over the JSON array of integers bound as ``:ids``: ``j.value`` each id, ``j.key`` its
    position (for ORDER BY). One parameter however many ids, so the statement is the same for 1 or 10,000."""
    if _name(conn_or_dialect) == "sqlite":
        return "json_each(:ids) AS j"
    return (
        "(SELECT CAST(e.value AS INTEGER) AS value, e.key AS key"
        " FROM json_array_elements_text(CAST(:ids AS json)) WITH ORDINALITY AS e(value, key)) AS j"
    )


def like(conn_or_dialect: Connection | str) -> str:
    """The operator of a search box's match: SQLite's LIKE ignores the case of ASCII letters, PostgreSQL's LIKE
    does not, its ILIKE does."""
    return "LIKE" if _name(conn_or_dialect) == "sqlite" else "ILIKE"


def mark(conn: Connection) -> str:
    """The driver's positional parameter (for statements sent straight to its cursor): ``?`` for sqlite3, ``%s``
    for psycopg."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def plain(value: Any) -> Any:
    """A value as SQLite would hand it over: PostgreSQL's SUM of a BIGINT is NUMERIC, which psycopg gives as a
    Decimal (an int here is what the figures expect; JSON and formatting take no Decimal)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
