"""Table models of the order import: the planned orders of the dry run, and the lines the catalogue could not place."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from streamdesk.core.order_types import ImportAction, PlannedOrder, UnmatchedLine
from streamdesk.labels import order_status_name
from streamdesk.ui.formatting import format_count, format_money
from streamdesk.ui.widgets.money_delegate import PROBLEM_COLOR

if TYPE_CHECKING:
    from streamdesk.ui.privacy import Privacy

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
REVIEW_COLOR = QColor("#e65100")  # lines to map later: worth a look, not an error
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def rows_text(rows: Sequence[int]) -> str:
    """Spreadsheet rows as the user finds them: "5", "5–7", "5, 9, 12" (consecutive runs joined with a dash)."""
    if not rows:
        return ""
    ordered = sorted(set(rows))
    runs: list[tuple[int, int]] = []
    for row in ordered:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return ", ".join(str(first) if first == last else f"{first}–{last}" for first, last in runs)


def action_name(action: ImportAction) -> str:
    names = {
        ImportAction.ADD: QCoreApplication.translate("OrderImportModels", "Add"),
        ImportAction.UPDATE: QCoreApplication.translate("OrderImportModels", "Update"),
        ImportAction.UNCHANGED: QCoreApplication.translate("OrderImportModels", "No change"),
        ImportAction.SKIP: QCoreApplication.translate("OrderImportModels", "Skip"),
    }
    return names[action]


class PlannedColumn(IntEnum):
    ROWS = 0
    ACTION = 1
    ORDER_NO = 2
    STATUS = 3
    BUYER = 4
    LINES = 5
    UNMATCHED = 6
    PAID = 7


_NUMERIC = (PlannedColumn.LINES, PlannedColumn.UNMATCHED, PlannedColumn.PAID)


class PlannedOrdersModel(QAbstractTableModel):
    """One row per order the import would add, update or leave alone, in file order."""

    def __init__(self, orders: Sequence[PlannedOrder] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._orders = list(orders)
        self._privacy: Privacy | None = None

    def set_privacy(self, privacy: Privacy) -> None:
        """Buyers are shown through the privacy switch (a file's buyer may be the recipient's name)."""
        self._privacy = privacy
        privacy.toggled.connect(self._on_privacy_toggled)

    def _on_privacy_toggled(self, _enabled: bool) -> None:
        if self._orders:
            column = int(PlannedColumn.BUYER)
            self.dataChanged.emit(self.index(0, column), self.index(len(self._orders) - 1, column))

    def set_orders(self, orders: Sequence[PlannedOrder]) -> None:
        self.beginResetModel()
        self._orders = list(orders)
        self.endResetModel()

    def order(self, row: int) -> PlannedOrder:
        return self._orders[row]

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._orders)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(PlannedColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(PlannedColumn):
            return None
        if role == DISPLAY:
            return (
                self.tr("Rows"),
                self.tr("Action"),
                self.tr("Order no."),
                self.tr("Status"),
                self.tr("Buyer"),
                self.tr("Lines"),
                self.tr("Unmatched"),
                self.tr("Paid"),
            )[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in _NUMERIC:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and section == PlannedColumn.UNMATCHED:
            return self.tr("Lines that match no SKU in the catalogue: you map them once after the import")
        return None

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._orders):
            return None
        order, column = self._orders[index.row()], PlannedColumn(index.column())
        if role == DISPLAY:
            return self._display(order, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if order.action is ImportAction.SKIP:
                return QBrush(PROBLEM_COLOR)
            if column == PlannedColumn.UNMATCHED and order.unmatched_lines:
                return QBrush(REVIEW_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and column == PlannedColumn.ROWS:
            return self.tr("Rows {rows} of the file").format(rows=rows_text(order.rows))
        return None

    def _display(self, order: PlannedOrder, column: PlannedColumn) -> str:
        if column == PlannedColumn.ROWS:
            return rows_text(order.rows)
        if column == PlannedColumn.ACTION:
            return action_name(order.action)
        if column == PlannedColumn.ORDER_NO:
            return order.order_no
        if column == PlannedColumn.STATUS:
            return order_status_name(order.status)
        if column == PlannedColumn.BUYER:
            return self._privacy.name(order.buyer) if self._privacy is not None else order.buyer
        if column == PlannedColumn.LINES:
            return format_count(order.lines)
        if column == PlannedColumn.UNMATCHED:
            return format_count(order.unmatched_lines) if order.unmatched_lines else ""
        return format_money(order.paid_minor, order.currency)


class UnmatchedColumn(IntEnum):
    SKU = 0
    TITLE = 1
    SPEC = 2
    LINES = 3
    MAPPED_TO = 4


def line_key(line: UnmatchedLine) -> int:
    """An entry of the review list: its first order line (the same match key may wait on two platforms)."""
    return line.rows[0] if line.rows else -1


class UnmatchedModel(QAbstractTableModel):
    """The review list (Orders.unmatched_lines: ``rows`` are order line ids); ``set_mapped`` records the SKU chosen
    for an entry, shown until the list is loaded again."""

    def __init__(self, lines: Sequence[UnmatchedLine] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines = list(lines)
        self._mapped: dict[int, str] = {}  # line_key → "SKU · title" of the SKU chosen for it

    def set_lines(self, lines: Sequence[UnmatchedLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._mapped.clear()
        self.endResetModel()

    def line(self, row: int) -> UnmatchedLine:
        return self._lines[row]

    def row_of(self, key: int) -> int:
        return next((n for n, line in enumerate(self._lines) if line_key(line) == key), -1)

    def row_of_match(self, match_key: str) -> int:
        """The first entry of a match key (SKU code, else title and spec, as the file had them)."""
        return next((n for n, line in enumerate(self._lines) if line.match_key == match_key), -1)

    def is_mapped(self, row: int) -> bool:
        return line_key(self._lines[row]) in self._mapped

    def set_mapped(self, row: int, text: str) -> None:
        self._mapped[line_key(self._lines[row])] = text
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(UnmatchedColumn) - 1))

    def waiting_lines(self) -> int:
        """Order lines still without a SKU."""
        return sum(len(line.rows) for line in self._lines if line_key(line) not in self._mapped)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(UnmatchedColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(UnmatchedColumn):
            return None
        if role == DISPLAY:
            return (
                self.tr("SKU in the file"),
                self.tr("Title in the file"),
                self.tr("Spec"),
                self.tr("Lines"),
                self.tr("Catalogue SKU"),
            )[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == UnmatchedColumn.LINES:
            return _RIGHT
        return None

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, column = self._lines[index.row()], UnmatchedColumn(index.column())
        mapped = self._mapped.get(line_key(line))
        if role == DISPLAY:
            if column == UnmatchedColumn.MAPPED_TO:
                return mapped or self.tr("Not mapped yet")
            if column == UnmatchedColumn.LINES:
                return format_count(len(line.rows))
            return (line.sku_code, line.title, line.spec)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == UnmatchedColumn.LINES:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and column == UnmatchedColumn.MAPPED_TO and mapped is None:
            return QBrush(REVIEW_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and column in (UnmatchedColumn.TITLE, UnmatchedColumn.SPEC):
            return (line.title, line.spec)[column - 1] or None
        return None
