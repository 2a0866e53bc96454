"""What an order import works with: presets (data), the fields they map, and the parsed orders a plan carries.

``PresetInfo`` is public (the import dialog lists presets); ``Preset``, ``ParsedOrder`` and ``ParsedLine`` stay
inside core. Canonical field names are FORMATS.md §2.9's first column, plus a few this importer needs to tell
statuses and addresses apart (``shipped_at``, ``address2``, ``logistics``…).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from streamdesk.core.order_types import OrderImportPlan, OrderStatus, Platform

# Order-level fields: a multi-row order takes the first non-empty value of each (Shopify fills them on row 1 only).
ORDER_FIELDS: tuple[str, ...] = (
    "order_id",
    "created_at",
    "paid_at",
    "shipped_at",
    "completed_at",
    "cancelled_at",
    "buyer_nick",
    "paid_amount",
    "payable_amount",
    "discount",
    "shipping_fee",
    "refund_amount",
    "adjusted_total",
    "order_status",
    "fulfilment_status",
    "recipient",
    "phone",
    "province",
    "city",
    "district",
    "address",
    "address2",
    "postcode",
    "country",
    "buyer_note",
    "seller_note",
    "tracking_no",
    "courier",
    "logistics",
    "currency",
)
# Line-level fields: one value per row.
LINE_FIELDS: tuple[str, ...] = (
    "line_id",
    "title",
    "sku_code",
    "spec",
    "qty",
    "unit_price",
    "line_total",
    "refund_status",
)
FIELDS: tuple[str, ...] = ORDER_FIELDS + LINE_FIELDS
ID_FIELDS = frozenset({"order_id", "line_id", "sku_code", "phone", "tracking_no", "postcode"})
MONEY_FIELDS = frozenset(
    {
        "paid_amount",
        "payable_amount",
        "discount",
        "shipping_fee",
        "refund_amount",
        "adjusted_total",
        "unit_price",
        "line_total",
    }
)
DATE_FIELDS = frozenset({"created_at", "paid_at", "shipped_at", "completed_at", "cancelled_at"})


@dataclass(frozen=True, slots=True)
class PresetInfo:
    """A preset as the import dialog lists it. ``name`` is the platform's own brand name (not translated)."""

    key: str  # "douyin"…, or "mapping:<name>" for a mapping the seller saved
    platform: Platform
    name: str
    confidence: str  # FORMATS.md legend: "V2", "V1" or "I" (inferred: check the mapping before importing)
    required: tuple[str, ...]  # canonical fields the file must have
    fields: tuple[str, ...]  # canonical fields the preset can fill
    saved: bool = False


@dataclass(frozen=True, slots=True)
class Preset:
    """How one platform's export is read. Headers in ``columns`` are compared after ``normalise_header``.

    A field may list several headers: the first one present in the file is used. ``signature`` lists groups of
    headers; the preset fits a header row when each group has one header in it. ``companion`` names the
    variant of the same platform that holds the other half of a two-file export (Etsy, 淘宝).
    """

    key: str  # public key (variants share their platform's key)
    variant: str  # internal name, unique: "etsy", "etsy_orders"…
    platform: Platform
    name: str
    confidence: str
    columns: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...]
    signature: tuple[tuple[str, ...], ...]
    id_pattern: str  # what a real order id looks like after cleaning; other rows are skipped
    date_formats: tuple[str, ...]
    status_map: Mapping[str, OrderStatus]  # keys normalised by cells.status_key
    refund_map: Mapping[str, OrderStatus | None] = field(default_factory=dict)  # line refund text → state
    fulfilment_map: Mapping[str, OrderStatus] = field(default_factory=dict)
    currency: str | None = None  # None: the settings' currency, unless a column or the amounts say
    default_status: OrderStatus = OrderStatus.PAID  # when the file has no status text at all
    description_row: bool = False  # TikTok: the row under the header describes each column
    companion: str | None = None  # variant holding the other half (joined on order_id)
    role: str = "both"  # "both": orders and lines; "orders" / "lines": one half of a two-file export
    lines_from_orders: bool = True  # role "orders" without its companion: the file's own title/qty make a line
    companion_prefixes: tuple[str, str] = ("", "")  # file names: this half's prefix, the companion's
    summed: tuple[str, ...] = ()  # order-level money fields given per line (TikTok discounts): summed
    listed: bool = True  # False for companion variants that share a listed key


@dataclass(slots=True)
class ParsedLine:
    line_no: str
    row: int
    sku_code: str
    title: str
    spec: str
    quantity: int
    unit_price_minor: int | None
    total_minor: int | None
    refund: OrderStatus | None  # REFUNDING or REFUNDED when the line has its own after-sales state
    variant_id: int | None = None
    match_key: str = ""


@dataclass(slots=True)
class ParsedOrder:
    order_no: str
    rows: tuple[int, ...]
    status: OrderStatus
    raw_status: str
    needs_review: bool
    created_at: datetime
    paid_at: datetime | None
    shipped_at: datetime | None
    completed_at: datetime | None
    currency: str
    goods_minor: int
    shipping_minor: int | None
    discount_minor: int | None
    paid_minor: int | None
    refunded_minor: int
    buyer: str
    recipient: str
    phone: str
    province: str
    city: str
    district: str
    address: str
    postcode: str
    country: str
    buyer_note: str
    seller_note: str
    tracking_no: str
    courier: str
    pii_masked: bool
    raw_json: str
    lines: list[ParsedLine]


@dataclass(frozen=True, slots=True)
class ReadImportPlan(OrderImportPlan):
    """The plan plus what apply() writes: the parsed orders (kept out of the public DTO's fields)."""

    parsed: tuple[ParsedOrder, ...] = field(repr=False, compare=False)
    show_id: int | None = None
    file_name: str = ""
    # What the plan read from the database, and marks that change when that may have changed: apply() reuses the
    # reading (lines' variant ids, orders already stored) only while the marks are the same.
    catalogue_mark: tuple[object, ...] = ()
    orders_mark: tuple[object, ...] = ()
    stored: Mapping[str, object] = field(default_factory=dict, repr=False, compare=False)
