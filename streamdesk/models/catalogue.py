"""Catalogue aggregate: suppliers, products, their variants (SKUs), bundles and the stock ledger.

Money is integer minor units (fen, cents) with the currency on the Variant that owns the prices.
Stock truth is the StockMove ledger; ``Variant.on_hand`` is a cache written in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Integer, LargeBinary, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from streamdesk.models.base import ShowRole, StockReason, UTCDateTime, enum_column, utc_now


def _created() -> datetime:
    return utc_now()


class Supplier(SQLModel, table=True):
    __tablename__ = "suppliers"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    contact: str = ""
    notes: str = ""
    created_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


# Team mode: an UPDATE or DELETE of a Product carries ``WHERE version = <the version read>``, so a change another
# writer made in between matches nothing (StaleDataError, said as db.conflict by core.conflicts). No generator:
# services set the new version themselves (``version += 1``).
_PRODUCT_VERSION = Column("version", Integer, nullable=False)


class Product(SQLModel, table=True):
    __tablename__ = "products"
    __mapper_args__ = {"version_id_col": _PRODUCT_VERSION, "version_id_generator": False}

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(index=True)
    alt_title: str = ""  # the name in the seller's other language (中文/English)
    brand: str = ""
    category: str = Field(default="", index=True)
    tags: str = Field(default="", index=True)  # comma-separated, normalised by core; indexed for the score's boost
    description: str = ""
    selling_points: str = ""  # 卖点
    talking_points: str = ""  # 讲解要点
    faq: str = ""  # 常见问题
    compliance_notes: str = ""  # claims the host must not make
    supplier_id: int | None = Field(default=None, foreign_key="suppliers.id", index=True)
    ship_from_region: str = ""
    ship_cycle_days: int | None = None  # 发货周期
    restock_lead_days: int | None = None  # 补货周期
    role: ShowRole | None = Field(default=None, sa_column=enum_column(ShowRole, nullable=True))
    archived: bool = Field(default=False, index=True)
    version: int = Field(default=1, sa_column=_PRODUCT_VERSION)
    created_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class ProductImage(SQLModel, table=True):
    __tablename__ = "product_images"
    __table_args__ = (UniqueConstraint("product_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="products.id", index=True)
    position: int = 0
    file_name: str  # relative to the app's images folder


class Variant(SQLModel, table=True):
    __tablename__ = "variants"
    __table_args__ = (
        Index("ix_variants_product_archived", "product_id", "archived"),
        # The catalogue table walks these to sort by margin (core/catalogue_query.py MARGIN, MARGIN_PCT, WALKS).
        Index("ix_variants_margin", text("(COALESCE(live_price_minor, list_price_minor) - cost_minor)")),
        Index(
            "ix_variants_margin_pct",
            text("(100.0 - 100.0 * cost_minor / NULLIF(COALESCE(live_price_minor, list_price_minor), 0))"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="products.id")
    sku_code: str = Field(unique=True)  # TEXT always: spreadsheets mangle long numbers
    barcode: str = Field(default="", index=True)
    spec: str = ""  # JSON object of attribute → value, e.g. {"颜色": "红", "尺码": "M"}
    spec_label: str = ""  # "红 / M", for display and search
    currency: str = "CNY"
    cost_minor: int | None = Field(default=None, index=True)
    list_price_minor: int | None = Field(default=None, index=True)
    live_price_minor: int | None = Field(default=None, index=True)  # 直播价
    low_stock_threshold: int = 0
    on_hand: int = 0  # cache of sum(StockMove.quantity), written in the same transaction
    is_bundle: bool = False
    archived: bool = Field(default=False, index=True)
    search_text: str = ""  # lower-cased title, alt title, SKU, barcode, tags, spec: what search-as-you-type scans
    version: int = 1
    created_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class BundleItem(SQLModel, table=True):
    """One component of a bundle (套装/组合): a bundle is a Variant whose stock derives from these."""

    __tablename__ = "bundle_items"
    __table_args__ = (UniqueConstraint("bundle_id", "component_id"),)

    id: int | None = Field(default=None, primary_key=True)
    bundle_id: int = Field(foreign_key="variants.id", index=True)
    component_id: int = Field(foreign_key="variants.id", index=True)
    quantity: int = Field(default=1, gt=0)


class StockMove(SQLModel, table=True):
    __tablename__ = "stock_moves"

    id: int | None = Field(default=None, primary_key=True)
    variant_id: int = Field(foreign_key="variants.id", index=True)
    quantity: int  # signed: +in, -out
    reason: StockReason = Field(sa_column=enum_column(StockReason))
    note: str = ""
    reference: str = ""  # e.g. the import file, later an order line
    created_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class ImageFile(SQLModel, table=True):
    """A product picture's bytes, shared through a team database (core.image_store); empty in a SQLite shop."""

    __tablename__ = "image_files"

    file_name: str = Field(primary_key=True)  # the content-hash name the pictures folder uses
    data: bytes = Field(sa_column=Column(LargeBinary(), nullable=False))
    created_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
