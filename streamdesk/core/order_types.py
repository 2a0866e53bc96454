"""DTOs of orders, customers, fulfilment and after-sales: what the UI and CLI send to and get from core.orders,
core.orders_io, core.shipping_io and core.after_sales.

Frozen dataclasses holding tuples; nothing here is an ORM object. Times are aware UTC datetimes. Money is integer
minor units in the order's currency; None means "the file did not say", never 0. Order numbers are text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from streamdesk.core.errors import Problem
from streamdesk.models.base import CaseKind, CaseStatus, OrderSource, OrderStatus, Platform, WaitlistStatus

__all__ = ["CaseKind", "CaseStatus", "OrderSource", "OrderStatus", "Platform", "WaitlistStatus"]


# --- reading ---------------------------------------------------------------------------------------------------
class OrderSort(StrEnum):
    CREATED = "created"
    SHIP_BY = "ship_by"
    PAID_AMOUNT = "paid_amount"
    STATUS = "status"
    BUYER = "buyer"


@dataclass(frozen=True, slots=True)
class OrderFilter:
    text: str = ""  # order number, buyer nickname, recipient, SKU or title
    show_id: int | None = None
    platform: Platform | None = None
    statuses: tuple[OrderStatus, ...] = ()  # empty: every status
    created_from: datetime | None = None
    created_to: datetime | None = None
    overdue_only: bool = False  # not shipped and past ship_by
    needs_review_only: bool = False


@dataclass(frozen=True, slots=True)
class OrderRow:
    """One row of the orders table."""

    id: int
    platform: Platform
    order_no: str
    source: OrderSource
    status: OrderStatus
    raw_status: str
    needs_review: bool
    buyer: str  # customer nickname, else recipient
    recipient: str
    phone: str
    region: str  # "浙江省 杭州市 西湖区"
    currency: str
    paid_minor: int | None
    refunded_minor: int
    item_count: int  # units over all lines
    summary: str  # "冰丝防晒衣 白/M ×2, …"
    created_at: datetime
    ship_by: datetime | None
    overdue: bool
    show_id: int | None
    tracking_no: str  # the latest shipment's, "" if none
    pii_masked: bool


@dataclass(frozen=True, slots=True)
class OrderLineRow:
    id: int
    line_no: str
    variant_id: int | None  # None: not matched to the catalogue yet
    sku_code: str
    title: str
    spec: str
    quantity: int
    unit_price_minor: int | None
    total_minor: int | None
    refunded_quantity: int
    stock_taken: bool  # its sale move is in the ledger


@dataclass(frozen=True, slots=True)
class ShipmentRow:
    courier: str
    courier_code: str
    tracking_no: str
    shipped_at: datetime


@dataclass(frozen=True, slots=True)
class OrderDetail:
    row: OrderRow
    customer_id: int | None
    segment_id: int | None
    goods_minor: int
    shipping_minor: int | None
    discount_minor: int | None
    paid_at: datetime | None
    shipped_at: datetime | None
    completed_at: datetime | None
    province: str
    city: str
    district: str
    address: str
    postcode: str
    country: str
    buyer_note: str
    seller_note: str
    lines: tuple[OrderLineRow, ...]
    shipments: tuple[ShipmentRow, ...]
    case_ids: tuple[int, ...]
    version: int = 1  # the order's row version: what an edit of it expects (team mode, core.conflicts)


# --- customers -------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AddressRow:
    recipient: str
    phone: str
    province: str
    city: str
    district: str
    detail: str
    postcode: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True)
class CustomerRow:
    id: int
    platform: Platform
    nickname: str
    name: str
    phone: str
    tags: tuple[str, ...]
    orders: int
    lifetime_minor: int  # paid minus refunded, in the currency of their orders (shops use one)
    currency: str
    first_order_at: datetime | None
    last_order_at: datetime | None
    pii_masked: bool


@dataclass(frozen=True, slots=True)
class CustomerDetail:
    row: CustomerRow
    notes: str
    addresses: tuple[AddressRow, ...]
    orders: tuple[OrderRow, ...]


@dataclass(frozen=True, slots=True)
class BuyerCounts:
    """New against returning buyers of one show: a buyer is new when their first order ever is in this show."""

    show_id: int
    buyers: int
    new_buyers: int
    returning_buyers: int


# --- live capture ----------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LiveSaleInput:
    variant_id: int
    nickname: str  # the buyer as the comment shows them
    quantity: int = 1
    unit_price_minor: int | None = None  # None: the SKU's live price, else its list price
    platform: Platform = Platform.DOUYIN
    show_id: int | None = None
    segment_id: int | None = None  # the segment running when the sale was taken
    note: str = ""
    allow_backorder: bool = False  # sell past zero stock on purpose


@dataclass(frozen=True, slots=True)
class LiveSaleResult:
    order_id: int
    order_no: str  # "L-20260301-0007"
    available_after: int  # may be negative for a backorder


@dataclass(frozen=True, slots=True)
class SoldCounter:
    """Big numbers for the stream: one per product of the current segment, and the show's buyers."""

    variant_id: int
    sold: int  # units sold in this show (live and imported orders, cancelled ones excluded)
    available: int
    waiting: int  # waitlist entries still waiting


@dataclass(frozen=True, slots=True)
class WaitlistRow:
    id: int
    variant_id: int
    nickname: str
    quantity: int
    status: WaitlistStatus
    created_at: datetime


@dataclass(frozen=True, slots=True)
class DrawResult:
    id: int
    prize: str
    entrants: tuple[str, ...]
    winners: tuple[str, ...]
    drawn_at: datetime


# --- after-sales -----------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CaseItemInput:
    order_line_id: int
    quantity: int
    restock: bool = True  # put the units back on the shelf (a RETURN stock move)


@dataclass(frozen=True, slots=True)
class CaseInput:
    kind: CaseKind
    order_id: int | None = None
    customer_id: int | None = None
    summary: str = ""
    notes: str = ""
    feedback: str = ""
    refund_minor: int = 0
    items: tuple[CaseItemInput, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseRow:
    id: int
    kind: CaseKind
    status: CaseStatus
    order_id: int | None
    order_no: str
    customer: str
    summary: str
    refund_minor: int
    currency: str
    created_at: datetime
    updated_at: datetime


# --- import ----------------------------------------------------------------------------------------------------
class ImportAction(StrEnum):
    ADD = "add"
    UPDATE = "update"  # the order exists: status, shipping, amounts follow the newer export
    UNCHANGED = "unchanged"
    SKIP = "skip"  # the row cannot be used (see problems)


@dataclass(frozen=True, slots=True)
class PlannedOrder:
    """One order the import would add or update, after grouping its rows."""

    platform: Platform
    order_no: str
    action: ImportAction
    status: OrderStatus
    rows: tuple[int, ...]  # file rows (header = 1) that make it
    lines: int
    unmatched_lines: int  # lines no SKU, alias or title+spec matched: they go to the review list
    paid_minor: int | None
    currency: str
    buyer: str


@dataclass(frozen=True, slots=True)
class UnmatchedLine:
    """A line the catalogue could not place; mapping it once (``match_key`` → variant) is remembered."""

    match_key: str
    sku_code: str
    title: str
    spec: str
    rows: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class OrderImportPlan:
    path: str
    preset: str  # preset key, "mapping:<name>" for a saved mapping
    platform: Platform
    encoding: str  # "" for XLSX
    columns: tuple[tuple[str, str], ...]  # (field, header in the file)
    ignored: tuple[str, ...]
    orders: tuple[PlannedOrder, ...]
    unmatched: tuple[UnmatchedLine, ...]
    problems: tuple[Problem, ...]  # rows skipped, with the reason
    rows_read: int

    @property
    def orders_added(self) -> int:
        return sum(1 for order in self.orders if order.action is ImportAction.ADD)

    @property
    def orders_updated(self) -> int:
        return sum(1 for order in self.orders if order.action is ImportAction.UPDATE)

    @property
    def lines(self) -> int:
        return sum(order.lines for order in self.orders if order.action is not ImportAction.SKIP)


@dataclass(frozen=True, slots=True)
class OrderImportResult:
    batch_id: int
    preset: str
    encoding: str
    orders_added: int
    orders_updated: int
    lines: int
    skipped: tuple[Problem, ...] = field(default_factory=tuple)
    stock_moves: int = 0


@dataclass(frozen=True, slots=True)
class TrackingImportResult:
    orders_shipped: int
    already_known: int
    skipped: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class PickListRow:
    variant_id: int | None
    sku_code: str
    title: str
    spec: str
    quantity: int
    orders: int
    on_hand: int | None
