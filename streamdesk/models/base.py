"""Column types and enums shared by every aggregate."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, DateTime
from sqlalchemy import Enum as SAEnum
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


def utc_now() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC; refuses naive ones on write and returns aware UTC on read.

    SQLite keeps no zone, so without this a local time would silently be read back as UTC.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r} cannot be stored: give it a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # raw SQL or an older writer
            value = datetime.fromisoformat(value)
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class ShowRole(StrEnum):
    """What a product does in a show's line-up."""

    TRAFFIC = "traffic"  # 引流款
    PROFIT = "profit"  # 利润款
    HERO = "hero"  # 主推款
    GIVEAWAY = "giveaway"  # 福利款


class StockReason(StrEnum):
    INITIAL = "initial"
    IMPORT = "import"
    ADJUSTMENT = "adjustment"
    SALE = "sale"
    RETURN = "return"
    RESTOCK = "restock"


def enum_column(enum: type[StrEnum], *, nullable: bool = False, index: bool = False) -> Column[Any]:
    """A TEXT column holding the enum's *value* (SQLAlchemy's Enum would store the member name)."""
    return Column(
        SAEnum(enum, values_callable=lambda members: [m.value for m in members], native_enum=False, length=32),
        nullable=nullable,
        index=index,
    )
