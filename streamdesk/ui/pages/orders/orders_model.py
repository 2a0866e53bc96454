"""The orders table: one row per order, fetched 500 at a time, filtered and sorted in SQL, queried off the GUI thread.

Paging, generations and the off-thread queries are ui/widgets/paged_model.py's, shared with the catalogue table: a
new filter or sort asks ``Orders.count_and_page`` for the count and first page in one read; scrolling asks for 500
more.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QFont

from streamdesk.core.order_types import OrderFilter, OrderRow, OrderSort
from streamdesk.labels import platform_short_name
from streamdesk.ui.formatting import format_count, format_local_datetime, format_money
from streamdesk.ui.pages.orders.labels import (
    ACTIVE_STATUSES,
    OVERDUE_BACKGROUND,
    OVERDUE_COLOUR,
    REVIEW_COLOUR,
    STATUS_COLOURS,
    order_source_name,
    order_status_name,
)
from streamdesk.ui.privacy import Privacy
from streamdesk.ui.widgets.paged_model import DISPLAY, RIGHT_ALIGNED, ModelIndex, PagedQueryModel, Runner

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the OrderRow behind a row
REVIEW_MARK = "⚑"


class OrderColumn(IntEnum):
    """In the order a seller reads a row: which order, what state, by when, who, what, how much; then the rest."""

    REVIEW = 0
    ORDER_NO = 1
    STATUS = 2
    SHIP_BY = 3
    BUYER = 4
    ITEMS = 5
    QUANTITY = 6
    PAID = 7
    PLATFORM = 8
    CREATED = 9
    RECIPIENT = 10
    TRACKING = 11


SORT_KEYS = {
    OrderColumn.STATUS: OrderSort.STATUS,
    OrderColumn.BUYER: OrderSort.BUYER,
    OrderColumn.PAID: OrderSort.PAID_AMOUNT,
    OrderColumn.CREATED: OrderSort.CREATED,
    OrderColumn.SHIP_BY: OrderSort.SHIP_BY,
}
_NUMERIC = (OrderColumn.QUANTITY, OrderColumn.PAID)


@dataclass(frozen=True, slots=True)
class SortOrder:
    key: OrderSort = OrderSort.CREATED
    descending: bool = True  # newest orders first


class OrderQueries(Protocol):
    def count_and_page(
        self, filter: OrderFilter, sort: OrderSort, descending: bool, offset: int, limit: int
    ) -> tuple[int, tuple[OrderRow, ...]]: ...


class OrdersModel(PagedQueryModel[OrderRow, OrderFilter, SortOrder]):
    columns = OrderColumn
    numeric_columns = _NUMERIC
    sort_keys = SORT_KEYS

    def __init__(self, queries: OrderQueries, runner: Runner, parent: QObject | None = None) -> None:
        def query(
            filter: OrderFilter, sort: SortOrder, offset: int, limit: int, with_count: bool
        ) -> tuple[int | None, tuple[OrderRow, ...]]:
            # always counted: orders arrive during a show, and the total in the status bar should follow
            return queries.count_and_page(filter, sort.key, sort.descending, offset, limit)

        super().__init__(
            runner, query=query, key=lambda row: row.id, filter=OrderFilter(), sort=SortOrder(), parent=parent
        )
        self._privacy = Privacy(parent=self)  # off, until the page hands over the window's switch
        self._privacy.toggled.connect(self._on_privacy_toggled)

    def set_privacy(self, privacy: Privacy) -> None:
        """Show recipients, phones and addresses through ``privacy`` and redraw them when it is switched."""
        self._privacy.toggled.disconnect(self._on_privacy_toggled)
        self._privacy = privacy
        privacy.toggled.connect(self._on_privacy_toggled)
        self._on_privacy_toggled()

    def _on_privacy_toggled(self, *_enabled: object) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(OrderColumn) - 1))

    def row_of_order(self, order_id: int) -> int | None:
        return self.row_of_key(order_id)

    # --- Qt model ----------------------------------------------------------------------------------------------
    def _header_title(self, section: int) -> str:
        return {
            OrderColumn.REVIEW: REVIEW_MARK,
            OrderColumn.ORDER_NO: self.tr("Order no."),
            OrderColumn.STATUS: self.tr("Status"),
            OrderColumn.SHIP_BY: self.tr("Ship by"),
            OrderColumn.BUYER: self.tr("Buyer"),
            OrderColumn.ITEMS: self.tr("Items"),
            OrderColumn.QUANTITY: self.tr("Qty"),
            OrderColumn.PAID: self.tr("Paid"),
            OrderColumn.PLATFORM: self.tr("Platform"),
            OrderColumn.CREATED: self.tr("Placed"),
            OrderColumn.RECIPIENT: self.tr("Recipient"),
            OrderColumn.TRACKING: self.tr("Tracking no."),
        }[OrderColumn(section)]

    def _header_tip(self, section: int) -> str | None:
        return {
            OrderColumn.REVIEW: self.tr("Orders flagged for review: a status or line the import could not place"),
            OrderColumn.QUANTITY: self.tr("Units over all lines of the order"),
            OrderColumn.PAID: self.tr("What the buyer paid; refunds are in the tooltip"),
            OrderColumn.CREATED: self.tr("When the order was placed, in this computer's time zone"),
            OrderColumn.SHIP_BY: self.tr("Ship before this time; red once it has passed and the order is unshipped"),
        }.get(OrderColumn(section))

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        row = self._row_at(index)
        if row is None:
            return None
        column = OrderColumn(index.column())
        if role == DISPLAY:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in _NUMERIC:
                return RIGHT_ALIGNED
            if column == OrderColumn.REVIEW:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole:
            bold = (column == OrderColumn.SHIP_BY and row.overdue) or (
                column == OrderColumn.STATUS and row.status in ACTIVE_STATUSES
            )
            if bold:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == ROW_ROLE:
            return row
        return None

    def _display(self, row: OrderRow, column: OrderColumn) -> str:
        match column:
            case OrderColumn.REVIEW:
                return REVIEW_MARK if row.needs_review else ""
            case OrderColumn.ORDER_NO:
                return row.order_no
            case OrderColumn.PLATFORM:
                return platform_short_name(row.platform)
            case OrderColumn.STATUS:
                return order_status_name(row.status)
            case OrderColumn.BUYER:
                # without a nickname the buyer is the recipient's name
                return row.buyer if row.buyer != row.recipient else self._privacy.name(row.buyer)
            case OrderColumn.RECIPIENT:
                return self._privacy.name(row.recipient)
            case OrderColumn.ITEMS:
                return row.summary
            case OrderColumn.QUANTITY:
                return format_count(row.item_count)
            case OrderColumn.PAID:
                return format_money(row.paid_minor, row.currency)
            case OrderColumn.CREATED:
                return format_local_datetime(row.created_at)
            case OrderColumn.SHIP_BY:
                return format_local_datetime(row.ship_by) if row.ship_by else ""
            case OrderColumn.TRACKING:
                return row.tracking_no

    def _foreground(self, row: OrderRow, column: OrderColumn) -> QBrush | None:
        if column == OrderColumn.SHIP_BY and row.overdue:
            return QBrush(OVERDUE_COLOUR)
        if column == OrderColumn.STATUS:
            return QBrush(STATUS_COLOURS[row.status])
        if column == OrderColumn.REVIEW and row.needs_review:
            return QBrush(REVIEW_COLOUR)
        return None

    def _tooltip(self, row: OrderRow, column: OrderColumn) -> str | None:
        match column:
            case OrderColumn.REVIEW if row.needs_review:
                return self.tr("Needs review: check its status and lines, then set the status by hand")
            case OrderColumn.ORDER_NO:
                return self.tr("{order_no} ({source})").format(
                    order_no=row.order_no, source=order_source_name(row.source)
                )
            case OrderColumn.STATUS if row.raw_status:
                return self.tr("The platform says: {status}").format(status=row.raw_status)
            case OrderColumn.RECIPIENT if row.region or row.phone:
                privacy = self._privacy
                return "\n".join(part for part in (privacy.phone(row.phone), privacy.address(row.region)) if part)
            case OrderColumn.ITEMS:
                return row.summary
            case OrderColumn.PAID if row.refunded_minor:
                return self.tr("Refunded {amount}").format(amount=format_money(row.refunded_minor, row.currency))
            case OrderColumn.SHIP_BY if row.overdue and row.ship_by is not None:
                return self.tr("Overdue: it should have shipped by {time}").format(
                    time=format_local_datetime(row.ship_by)
                )
        return None

    def _sort_by(self, key: OrderSort, descending: bool) -> SortOrder:
        return SortOrder(key, descending)
