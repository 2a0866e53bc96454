"""Orders aggregate: customers and their addresses, orders with their lines, import batches, shipments, after-sales
cases, the live waitlist and lucky draws, and what the seller taught the importer (SKU aliases, saved mappings).

Platform identifiers (order numbers, line ids, tracking numbers) are TEXT. Money is integer minor units in the
order's currency. A line's stock effect is one StockMove (``sale_move_id``), so re-importing the same export can
never take stock twice; a cancellation or return puts it back through its own move.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

# Lines and moves point at variants and stock moves: load their tables into the same metadata (see models/shows.py).
from streamdesk.models import catalogue as _catalogue  # noqa: F401
from streamdesk.models import shows as _shows  # noqa: F401
from streamdesk.models.base import (
    CaseKind,
    CaseStatus,
    OrderSource,
    OrderStatus,
    Platform,
    UTCDateTime,
    WaitlistStatus,
    enum_column,
    utc_now,
)


def _created() -> datetime:
    return utc_now()


class Customer(SQLModel, table=True):
    """A buyer as one platform knows them (nickname per platform); name and phone are optional and may be masked."""

    __tablename__ = "customers"
    __table_args__ = (UniqueConstraint("platform", "nickname"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: Platform = Field(sa_column=enum_column(Platform))
    nickname: str = Field(index=True)
    name: str = ""
    phone: str = ""
    tags: str = ""  # comma-separated: new, returning, vip, fan_club (粉丝团) or the seller's own
    notes: str = ""
    pii_masked: bool = False  # name or phone arrived with * in it
    created_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class CustomerAddress(SQLModel, table=True):
    __tablename__ = "customer_addresses"

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customers.id", index=True)
    recipient: str = ""
    phone: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    detail: str = ""
    postcode: str = ""
    country: str = ""
    last_used_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class ImportBatch(SQLModel, table=True):
    """One order import: what was read, how, and what came of it (the summary the user saw)."""

    __tablename__ = "import_batches"

    id: int | None = Field(default=None, primary_key=True)
    preset: str  # preset key, or "mapping:<name>" for a saved mapping
    file_name: str
    encoding: str = ""
    show_id: int | None = Field(default=None, foreign_key="shows.id", index=True)
    orders_added: int = 0
    orders_updated: int = 0
    lines: int = 0
    skipped_json: str = "[]"  # [{"row": 7, "reason": "..."}]
    imported_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


# Team mode: an UPDATE or DELETE of an Order carries ``WHERE version = <the version read>``, so a change another
# writer made in between matches nothing (StaleDataError, said as db.conflict by core.conflicts). No generator:
# services set the new version themselves (``version += 1``).
_ORDER_VERSION = Column("version", Integer, nullable=False)


class Order(SQLModel, table=True):
    __tablename__ = "orders"
    __mapper_args__ = {"version_id_col": _ORDER_VERSION, "version_id_generator": False}
    __table_args__ = (
        UniqueConstraint("platform", "order_no"),
        Index("ix_orders_status_created", "status", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    platform: Platform = Field(sa_column=enum_column(Platform))
    order_no: str  # the platform's order id, as text
    source: OrderSource = Field(sa_column=enum_column(OrderSource))
    status: OrderStatus = Field(sa_column=enum_column(OrderStatus, index=True))
    raw_status: str = ""  # the platform's own words
    needs_review: bool = Field(default=False, index=True)
    customer_id: int | None = Field(default=None, foreign_key="customers.id", index=True)
    show_id: int | None = Field(default=None, foreign_key="shows.id", index=True)
    segment_id: int | None = Field(default=None, foreign_key="segments.id", index=True)
    import_batch_id: int | None = Field(default=None, foreign_key="import_batches.id", index=True)
    currency: str = "CNY"
    goods_minor: int = 0  # sum of the lines
    shipping_minor: int | None = None
    discount_minor: int | None = None
    paid_minor: int | None = None  # what the buyer paid; None when the export does not say
    refunded_minor: int = 0
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))  # placed
    paid_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    shipped_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    completed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    ship_by: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True, index=True))
    recipient: str = ""
    phone: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    address: str = ""  # the street part, or the whole address when it could not be split
    postcode: str = ""
    country: str = ""
    buyer_note: str = ""
    seller_note: str = ""
    pii_masked: bool = False
    raw_json: str = "{}"  # columns the preset does not map, kept as read
    version: int = Field(default=1, sa_column=_ORDER_VERSION)
    recorded_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class OrderLine(SQLModel, table=True):
    __tablename__ = "order_lines"
    __table_args__ = (UniqueConstraint("order_id", "line_no"),)

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="orders.id", index=True)
    line_no: str  # the platform's line id (子订单编号…) or the row within the order
    variant_id: int | None = Field(default=None, foreign_key="variants.id", index=True)  # None until matched
    sku_code: str = ""  # as the file gave it
    title: str = ""
    spec: str = ""
    quantity: int
    unit_price_minor: int | None = None
    total_minor: int | None = None
    refunded_quantity: int = 0
    sale_move_id: int | None = Field(default=None, foreign_key="stock_moves.id", unique=True)
    cancel_move_id: int | None = Field(default=None, foreign_key="stock_moves.id", unique=True)


class Shipment(SQLModel, table=True):
    __tablename__ = "shipments"
    __table_args__ = (UniqueConstraint("order_id", "tracking_no"),)

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="orders.id", index=True)
    courier: str = ""  # full name as the file gave it (圆通速递)
    courier_code: str = ""  # SF, ZTO, YTO… when known
    tracking_no: str = Field(index=True)
    shipped_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class AfterSalesCase(SQLModel, table=True):
    __tablename__ = "after_sales_cases"

    id: int | None = Field(default=None, primary_key=True)
    order_id: int | None = Field(default=None, foreign_key="orders.id", index=True)
    customer_id: int | None = Field(default=None, foreign_key="customers.id", index=True)
    kind: CaseKind = Field(sa_column=enum_column(CaseKind))
    status: CaseStatus = Field(sa_column=enum_column(CaseStatus, index=True))
    summary: str = ""
    notes: str = ""
    feedback: str = ""  # the customer's own words about how it was handled
    refund_minor: int = 0  # feeds the review's net GMV
    created_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
    closed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class CaseItem(SQLModel, table=True):
    """Units of an order line a case takes back; restocking them is one StockMove (RETURN)."""

    __tablename__ = "case_items"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="after_sales_cases.id", index=True)
    order_line_id: int = Field(foreign_key="order_lines.id", index=True)
    quantity: int
    restock_move_id: int | None = Field(default=None, foreign_key="stock_moves.id", unique=True)


class WaitlistEntry(SQLModel, table=True):
    """First paid, first served when a product sells out on stream."""

    __tablename__ = "waitlist_entries"

    id: int | None = Field(default=None, primary_key=True)
    show_id: int | None = Field(default=None, foreign_key="shows.id", index=True)
    variant_id: int = Field(foreign_key="variants.id", index=True)
    customer_id: int | None = Field(default=None, foreign_key="customers.id")
    nickname: str
    quantity: int = 1
    status: WaitlistStatus = Field(sa_column=enum_column(WaitlistStatus))
    created_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class LuckyDraw(SQLModel, table=True):
    """One 抽奖: who could win, who did (drawn with ``secrets``), logged for the seller's records."""

    __tablename__ = "lucky_draws"

    id: int | None = Field(default=None, primary_key=True)
    show_id: int | None = Field(default=None, foreign_key="shows.id", index=True)
    segment_id: int | None = Field(default=None, foreign_key="segments.id")
    prize: str = ""
    entrants_json: str  # ["nick", ...]
    winners_json: str
    drawn_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class SkuAlias(SQLModel, table=True):
    """A line the importer could not match, mapped once by the seller and remembered (per platform)."""

    __tablename__ = "sku_aliases"
    __table_args__ = (UniqueConstraint("platform", "match_key"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: Platform = Field(sa_column=enum_column(Platform))
    match_key: str  # normalised "sku|title|spec" as the file had it
    variant_id: int = Field(foreign_key="variants.id", index=True)
    created_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class SavedMapping(SQLModel, table=True):
    """A column mapping the seller saved by name in the generic mapping dialog."""

    __tablename__ = "saved_mappings"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    platform: Platform = Field(sa_column=enum_column(Platform))
    mapping_json: str  # {"order_id": "订单号", ...} plus options (zone, header row)
    created_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
