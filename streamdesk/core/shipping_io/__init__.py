"""Shipping files: courier and label-tool batch exports (FORMATS.md §3), Chinese address splitting, pick lists and
packing slips. See service.ShippingIO; the PDFs are drawn by core/order_pdf.py (a named Qt module)."""

from streamdesk.core.shipping_io.address import split_cn_address, split_cn_addresses
from streamdesk.core.shipping_io.service import PICK_LIST_HEADERS, ShippingIO
from streamdesk.core.shipping_io.types import (
    ExportFormat,
    ExportPresetInfo,
    ExportResult,
    OrderProblem,
    RowUnit,
    SenderInfo,
)
from streamdesk.core.shipping_io.writers import EXCEL_MAX_CHARS, EXCEL_MAX_DATA_ROWS, TRUNCATED_MARKER

__all__ = [
    "EXCEL_MAX_CHARS",
    "EXCEL_MAX_DATA_ROWS",
    "PICK_LIST_HEADERS",
    "TRUNCATED_MARKER",
    "ExportFormat",
    "ExportPresetInfo",
    "ExportResult",
    "OrderProblem",
    "RowUnit",
    "SenderInfo",
    "ShippingIO",
    "split_cn_address",
    "split_cn_addresses",
]
