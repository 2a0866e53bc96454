"""Colours of the orders screens, and the names of the order enums (from streamdesk.labels, context "OrderLabels")."""

from __future__ import annotations

from PySide6.QtGui import QColor

from streamdesk.core.order_types import CaseStatus, OrderStatus
from streamdesk.labels import case_kind_name, case_status_name, order_source_name, order_status_name

__all__ = [
    "ACTIVE_STATUSES",
    "CASE_STATUS_COLOURS",
    "OVERDUE_BACKGROUND",
    "OVERDUE_COLOUR",
    "REVIEW_COLOUR",
    "STATUS_COLOURS",
    "case_kind_name",
    "case_status_name",
    "order_source_name",
    "order_status_name",
]

OVERDUE_COLOUR = QColor("#c62828")
OVERDUE_BACKGROUND = QColor("#fdecea")
REVIEW_COLOUR = QColor("#e65100")

# Text colours of the statuses: what still needs the seller's hands (paid, refunding) stands out, what is over fades.
STATUS_COLOURS = {
    OrderStatus.PENDING_PAYMENT: QColor("#8d6e00"),
    OrderStatus.PAID: QColor("#1565c0"),
    OrderStatus.SHIPPED: QColor("#6a1b9a"),
    OrderStatus.COMPLETED: QColor("#2e7d32"),
    OrderStatus.CANCELLED: QColor("#8a8a8a"),
    OrderStatus.REFUNDING: QColor("#e65100"),
    OrderStatus.REFUNDED: QColor("#8a8a8a"),
}
ACTIVE_STATUSES = (OrderStatus.PAID,)  # shown in bold: the seller has to ship it

CASE_STATUS_COLOURS = {
    CaseStatus.OPEN: QColor("#c62828"),
    CaseStatus.IN_PROGRESS: QColor("#e65100"),
    CaseStatus.RESOLVED: QColor("#2e7d32"),
    CaseStatus.CLOSED: QColor("#8a8a8a"),
}
