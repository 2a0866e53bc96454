"""The orders table: one row per order, fetched 500 at a time, filtered and sorted in SQL, queried off the GUI thread.

The pattern of the catalogue table (pages/catalogue/catalogue_model.py): a new filter or sort asks
``Orders.count_and_page`` for the count and first page in one read; scrolling asks for 500 more; every query carries
a generation number and answers to an older one are dropped.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont

from streamdesk.core.jobs import CancelToken, Progress
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

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
PAGE_SIZE = 500
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


class Runner(Protocol):
    def start(self, job: Any, *, on_success: Any, on_error: Any = None, on_cancelled: Any = None) -> Any: ...


@dataclass(frozen=True, slots=True)
class _Fetched:
    generation: int
    total: int
    rows: tuple[OrderRow, ...]
    appended: bool  # more rows of the same query, not a new query


def _fetch(
    queries: OrderQueries,
    generation: int,
    query: OrderFilter,
    sort: SortOrder,
    offset: int,
    limit: int,
    appended: bool,
    cancel: CancelToken,
) -> Generator[Progress, None, _Fetched]:
    """On a pool thread: count and one page in one read transaction, so they agree. Quick: no progress."""
    yield from ()
    cancel.raise_if_set()
    total, rows = queries.count_and_page(query, sort.key, sort.descending, offset, limit)
    return _Fetched(generation, total, rows, appended)


class OrdersModel(QAbstractTableModel):
    loaded = Signal()  # a new query's first page replaced the rows
    rows_fetched = Signal(int)  # how many rows a fetchMore appended
    load_failed = Signal(str)  # a sentence for the user

    def __init__(self, queries: OrderQueries, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queries = queries
        self._runner = runner
        self._filter = OrderFilter()
        self._sort = SortOrder()
        self._rows: list[OrderRow] = []
        self._row_of_order: dict[int, int] = {}
        self._total = 0
        self._generation = 0
        self._busy_generation: int | None = None
        self._query_task: Any = None
        self._has_loaded = False
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

    # --- query -------------------------------------------------------------------------------------------------
    @property
    def filter(self) -> OrderFilter:
        return self._filter

    @property
    def sort_order(self) -> SortOrder:
        return self._sort

    def set_filter(self, query: OrderFilter) -> None:
        if query != self._filter:
            self._filter = query
            self.reload()

    def set_sort(self, sort: SortOrder) -> None:
        if sort != self._sort:
            self._sort = sort
            self.reload(keep_loaded=True)

    def reload(self, *, keep_loaded: bool = False) -> None:
        """Query again; ``keep_loaded`` refetches as many rows as are loaded now, so the scroll position survives."""
        self._generation += 1
        self._busy_generation = None
        if self._query_task is not None:
            self._query_task.cancel()
        limit = PAGE_SIZE
        if keep_loaded and len(self._rows) > PAGE_SIZE:
            limit = -(-len(self._rows) // PAGE_SIZE) * PAGE_SIZE
        generation, query, sort = self._generation, self._filter, self._sort
        self._query_task = self._runner.start(
            lambda cancel: _fetch(self._queries, generation, query, sort, 0, limit, False, cancel),
            on_success=self._on_reloaded,
            on_error=lambda message: self._on_error(generation, message),
            on_cancelled=lambda: None,
        )

    def has_loaded(self) -> bool:
        return self._has_loaded

    def is_loading(self) -> bool:
        return self._query_task is not None

    def total(self) -> int:
        return self._total

    def row(self, row: int) -> OrderRow:
        return self._rows[row]

    def rows(self, rows: list[int]) -> list[OrderRow]:
        return [self._rows[row] for row in rows if 0 <= row < len(self._rows)]

    def row_of_order(self, order_id: int) -> int | None:
        return self._row_of_order.get(order_id)

    def _on_reloaded(self, fetched: _Fetched) -> None:
        if fetched.generation != self._generation:
            return  # an answer to a query the user has already replaced
        self._query_task = None
        self.beginResetModel()
        self._rows = list(fetched.rows)
        self._total = fetched.total
        self._reindex(0)
        self.endResetModel()
        self._has_loaded = True
        self.loaded.emit()

    def _on_error(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._query_task = None
        self._busy_generation = None
        self.load_failed.emit(message)

    def _reindex(self, start: int) -> None:
        if start == 0:
            self._row_of_order.clear()
        for number in range(start, len(self._rows)):
            self._row_of_order[self._rows[number].id] = number

    # --- paging ------------------------------------------------------------------------------------------------
    def canFetchMore(self, parent: ModelIndex = _ROOT) -> bool:
        if parent.isValid():
            return False
        return len(self._rows) < self._total and self._busy_generation != self._generation

    def fetchMore(self, parent: ModelIndex = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        generation, query, sort, offset = self._generation, self._filter, self._sort, len(self._rows)
        self._busy_generation = generation
        self._runner.start(
            lambda cancel: _fetch(self._queries, generation, query, sort, offset, PAGE_SIZE, True, cancel),
            on_success=self._on_fetched,
            on_error=lambda message: self._on_error(generation, message),
            on_cancelled=lambda: None,
        )

    def _on_fetched(self, fetched: _Fetched) -> None:
        if fetched.generation != self._generation:
            return
        self._busy_generation = None
        known = {row.id for row in self._rows}
        fresh = [row for row in fetched.rows if row.id not in known]  # orders added meanwhile shift the pages
        if not fresh:
            self._total = len(self._rows)  # nothing new: stop asking
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
        self._rows.extend(fresh)
        self._reindex(start)
        self.endInsertRows()
        self._total = max(fetched.total, len(self._rows))
        self.rows_fetched.emit(len(fresh))

    # --- Qt model ----------------------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(OrderColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(OrderColumn):
            return None
        if role == DISPLAY:
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
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                OrderColumn.REVIEW: self.tr("Orders flagged for review: a status or line the import could not place"),
                OrderColumn.QUANTITY: self.tr("Units over all lines of the order"),
                OrderColumn.PAID: self.tr("What the buyer paid; refunds are in the tooltip"),
                OrderColumn.CREATED: self.tr("When the order was placed, in this computer's time zone"),
                OrderColumn.SHIP_BY: self.tr(
                    "Ship before this time; red once it has passed and the order is unshipped"
                ),
            }.get(OrderColumn(section))
        if role == Qt.ItemDataRole.TextAlignmentRole and section in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], OrderColumn(index.column())
        if role == DISPLAY:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in _NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(OrderColumn(column)) if 0 <= column < len(OrderColumn) else None
        if key is not None:
            self.set_sort(SortOrder(key, order == Qt.SortOrder.DescendingOrder))
