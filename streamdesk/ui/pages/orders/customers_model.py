"""The customers table (one row per CustomerRow) and a customer's order history (one row per OrderRow).

Names, phones and addresses reach the screen through the ``shown_*`` functions only, so privacy mode (masking them
while the screen is shared, ui/privacy.py) applies everywhere they appear. Nicknames are public and never masked.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from streamdesk.core.order_types import AddressRow, CustomerRow, OrderRow, OrderStatus
from streamdesk.labels import customer_tags_text, order_status_name, platform_short_name
from streamdesk.ui.formatting import format_local_datetime, format_money
from streamdesk.ui.privacy import Privacy

DISPLAY = Qt.ItemDataRole.DisplayRole
ModelIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_MUTED = QColor("#757575")

Row = TypeVar("Row")


def shown_name(privacy: Privacy | None, name: str) -> str:
    """A buyer's or recipient's real name as the screen may show it now (masked in privacy mode)."""
    return name if privacy is None else privacy.name(name)


def shown_phone(privacy: Privacy | None, phone: str) -> str:
    return phone if privacy is None else privacy.phone(phone)


def shown_buyer(privacy: Privacy | None, order: OrderRow) -> str:
    """An order's buyer: the nickname (public), or without one the recipient's name (masked in privacy mode)."""
    return order.buyer if order.buyer != order.recipient else shown_name(privacy, order.buyer)


def shown_address(privacy: Privacy | None, address: AddressRow) -> str:
    """One line: recipient, phone, then the address from province down (privacy mode keeps province and city)."""
    place = " ".join(part for part in (address.province, address.city, address.district, address.detail) if part)
    tail = " ".join(part for part in (address.postcode, address.country) if part)
    where = " ".join(part for part in (place, tail) if part)
    parts = (
        shown_name(privacy, address.recipient),
        shown_phone(privacy, address.phone),
        where if privacy is None else privacy.address(where),
    )
    return "  ".join(part for part in parts if part)


def format_day(moment: datetime | None) -> str:
    """The local date part of an aware time ("2026-01-05"), "" for None."""
    return "" if moment is None else format_local_datetime(moment)[:10]


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A read-only flat table of DTO rows; subclasses say the columns."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None  # None: in the order the service gave
        self.privacy: Privacy | None = None  # names, phones and addresses go through it

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._order_rows()
        self.endResetModel()

    def sort_key(self, row: Row, column: int) -> Any:
        """What a click on this column's header sorts by; subclasses that allow sorting say it."""
        return 0

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows held (at most a few hundred, so here rather than in SQL); selections follow their rows.
        Column -1 keeps the service's order."""
        if not 0 <= column < self.columnCount():
            return
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        tracked = [(self._rows[index.row()], index.column()) for index in persistent]
        self._order_rows()
        position = {id(row): number for number, row in enumerate(self._rows)}
        self.changePersistentIndexList(persistent, [self.index(position[id(row)], col) for row, col in tracked])
        self.layoutChanged.emit()

    def _order_rows(self) -> None:
        if self._sorted_by is not None:
            column, order = self._sorted_by
            descending = order == Qt.SortOrder.DescendingOrder
            self._rows.sort(key=lambda row: self.sort_key(row, column), reverse=descending)

    def refresh_display(self) -> None:
        """Repaint every cell (privacy mode switched, language changed): the rows are unchanged."""
        if self._rows:
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def row(self, number: int) -> Row:
        return self._rows[number]

    def rows(self) -> tuple[Row, ...]:
        return tuple(self._rows)

    def rowCount(self, parent: ModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)


class CustomerColumn(IntEnum):
    NICKNAME = 0
    PLATFORM = 1
    NAME = 2
    PHONE = 3
    TAGS = 4
    ORDERS = 5
    LIFETIME = 6
    FIRST_ORDER = 7
    LAST_ORDER = 8


def when_key(moment: datetime | None) -> tuple[bool, float]:
    """Sorts times, unknown ones last."""
    return (moment is None, moment.timestamp() if moment is not None else 0.0)


class CustomersModel(RowsModel[CustomerRow]):
    def row_of(self, customer_id: int) -> int | None:
        return next((number for number, row in enumerate(self._rows) if row.id == customer_id), None)

    def sort_key(self, row: CustomerRow, column: int) -> Any:
        keys = {
            CustomerColumn.NICKNAME: lambda: row.nickname.casefold(),
            CustomerColumn.PLATFORM: lambda: row.platform.value,
            CustomerColumn.NAME: lambda: row.name.casefold(),
            CustomerColumn.PHONE: lambda: row.phone,
            CustomerColumn.TAGS: lambda: customer_tags_text(row.tags).casefold(),
            CustomerColumn.ORDERS: lambda: row.orders,
            CustomerColumn.LIFETIME: lambda: row.lifetime_minor,
            CustomerColumn.FIRST_ORDER: lambda: when_key(row.first_order_at),
            CustomerColumn.LAST_ORDER: lambda: when_key(row.last_order_at),
        }
        return keys[CustomerColumn(column)]()

    def columnCount(self, parent: ModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(CustomerColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(CustomerColumn):
            return None
        return (
            self.tr("Nickname"),
            self.tr("Platform"),
            self.tr("Name"),
            self.tr("Phone"),
            self.tr("Tags"),
            self.tr("Orders"),
            self.tr("Lifetime value"),
            self.tr("First order"),
            self.tr("Last order"),
        )[section]

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        customer = self._rows[index.row()]
        column = CustomerColumn(index.column())
        if role == DISPLAY:
            return self._display(customer, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (CustomerColumn.ORDERS, CustomerColumn.LIFETIME):
            return RIGHT
        masked_column = column in (CustomerColumn.NAME, CustomerColumn.PHONE)
        if role == Qt.ItemDataRole.ToolTipRole and masked_column and customer.pii_masked:
            return self.tr("The platform's export masked this value.")
        return None

    def _display(self, customer: CustomerRow, column: CustomerColumn) -> str:
        if column is CustomerColumn.NICKNAME:
            return customer.nickname
        if column is CustomerColumn.PLATFORM:
            return platform_short_name(customer.platform)
        if column is CustomerColumn.NAME:
            return shown_name(self.privacy, customer.name)
        if column is CustomerColumn.PHONE:
            return shown_phone(self.privacy, customer.phone)
        if column is CustomerColumn.TAGS:
            return customer_tags_text(customer.tags)
        if column is CustomerColumn.ORDERS:
            return str(customer.orders)
        if column is CustomerColumn.LIFETIME:
            return format_money(customer.lifetime_minor, customer.currency)
        if column is CustomerColumn.FIRST_ORDER:
            return format_day(customer.first_order_at)
        return format_day(customer.last_order_at)


class HistoryColumn(IntEnum):
    ORDER_NO = 0
    PLACED = 1
    STATUS = 2
    ITEMS = 3
    PAID = 4
    REFUNDED = 5


_CLOSED_ORDERS = (OrderStatus.CANCELLED, OrderStatus.REFUNDED)


class CustomerOrdersModel(RowsModel[OrderRow]):
    """The order history in the customer's detail: newest first, as the service returns it."""

    def columnCount(self, parent: ModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(HistoryColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(HistoryColumn):
            return None
        return (
            self.tr("Order no."),
            self.tr("Placed"),
            self.tr("Status"),
            self.tr("Items"),
            self.tr("Paid"),
            self.tr("Refunded"),
        )[section]

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        order = self._rows[index.row()]
        column = HistoryColumn(index.column())
        if role == DISPLAY:
            return self._display(order, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(
                part for part in (order.order_no, format_local_datetime(order.created_at), order.summary) if part
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (HistoryColumn.PAID, HistoryColumn.REFUNDED):
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and order.status in _CLOSED_ORDERS:
            return _MUTED
        return None

    def _display(self, order: OrderRow, column: HistoryColumn) -> str:
        if column is HistoryColumn.ORDER_NO:
            return order.order_no
        if column is HistoryColumn.PLACED:
            return format_day(order.created_at)
        if column is HistoryColumn.STATUS:
            return order_status_name(order.status)
        if column is HistoryColumn.ITEMS:
            return order.summary
        if column is HistoryColumn.PAID:
            return format_money(order.paid_minor, order.currency)
        return format_money(order.refunded_minor, order.currency) if order.refunded_minor else ""
