"""DTOs of shipping exports: the sender, what a preset writes, what an export did."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple

from streamdesk.models.base import OrderStatus, Platform


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class RowUnit(StrEnum):
    ORDER = "order"  # one row per order; its lines are summed up in an items cell (courier templates)
    LINE = "line"  # one row per order line; order cells repeat (label tools merge rows by order number)


@dataclass(frozen=True, slots=True)
class SenderInfo:
    """Who ships: fills the 寄件 columns of courier templates and heads the packing slips."""

    name: str = ""
    phone: str = ""
    company: str = ""
    address: str = ""  # one line, as on a label


@dataclass(frozen=True, slots=True)
class ExportPresetInfo:
    key: str
    formats: tuple[ExportFormat, ...]  # the first is the default
    headers: tuple[str, ...]
    unit: RowUnit
    courier: bool  # a label/courier upload: orders with masked or missing addresses are refused
    all_text: bool  # XLSX cells are all typed text (Chinese courier templates)


@dataclass(frozen=True, slots=True)
class OrderProblem:
    """Something about one order in an export: refused (``ExportResult.skipped``) or changed to fit (``warnings``).

    ``code`` names a sentence in messages.py (section shipping_io); ``fields`` fill it.
    """

    order_id: int
    order_no: str
    code: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ExportResult:
    files: tuple[str, ...]  # more than one when Excel's row limit split the export
    preset: str
    format: ExportFormat
    orders: int  # orders written
    rows: int  # data rows written, over all files
    skipped: tuple[OrderProblem, ...]  # orders refused (masked or incomplete address): not in the file
    warnings: tuple[OrderProblem, ...]  # cells cut to Excel's or the target's limit, names a target cannot print
    truncated_cells: int  # cells cut at Excel's 32,767 characters (with the visible marker)


# --- what the exporter reads (built in reading.py from one bulk query; never leaves core/shipping_io) -------------
# NamedTuples, not frozen dataclasses: a frozen dataclass sets each field through object.__setattr__, and building
# 100,000 orders and their lines that way took a second of a 100,000-order export (measured: bench_orders_export).
class ExportLine(NamedTuple):
    sku_code: str
    title: str
    spec: str
    quantity: int
    unit_price_minor: int | None
    total_minor: int | None


class ExportOrder(NamedTuple):
    id: int
    platform: Platform
    order_no: str
    status: OrderStatus
    created_at: datetime
    paid_at: datetime | None
    currency: str
    goods_minor: int
    shipping_minor: int | None
    discount_minor: int | None
    paid_minor: int | None
    buyer: str  # customer nickname
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
    pii_masked: bool
    tracking_no: str
    courier: str
    lines: tuple[ExportLine, ...]

    @property
    def units(self) -> int:
        return sum(line.quantity for line in self.lines)
