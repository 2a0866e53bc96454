"""The lines of one order, for the detail panel: what was bought, at what price, and whether stock was taken."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from streamdesk.core.order_types import OrderLineRow
from streamdesk.ui.formatting import format_count, format_money
from streamdesk.ui.pages.orders.labels import OVERDUE_COLOUR, REVIEW_COLOUR

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class LineColumn(IntEnum):
    ITEM = 0
    SKU = 1
    QUANTITY = 2
    PRICE = 3
    TOTAL = 4


_NUMERIC = (LineColumn.QUANTITY, LineColumn.PRICE, LineColumn.TOTAL)


class OrderLinesModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: tuple[OrderLineRow, ...] = ()
        self._currency = ""

    def set_lines(self, lines: Sequence[OrderLineRow], currency: str) -> None:
        self.beginResetModel()
        self._lines, self._currency = tuple(lines), currency
        self.endResetModel()

    def line(self, row: int) -> OrderLineRow:
        return self._lines[row]

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(LineColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(LineColumn):
            return None
        if role == DISPLAY:
            return (self.tr("Item"), self.tr("SKU"), self.tr("Qty"), self.tr("Price"), self.tr("Total"))[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in _NUMERIC:
            return _RIGHT
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, column = self._lines[index.row()], LineColumn(index.column())
        if role == DISPLAY:
            return self._display(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == LineColumn.SKU and line.variant_id is None:
                return QBrush(REVIEW_COLOUR)
            if column == LineColumn.QUANTITY and line.refunded_quantity:
                return QBrush(OVERDUE_COLOUR)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, column)
        return None

    def _display(self, line: OrderLineRow, column: LineColumn) -> str:
        match column:
            case LineColumn.ITEM:
                return f"{line.title} · {line.spec}" if line.spec else line.title
            case LineColumn.SKU:
                return line.sku_code if line.variant_id is not None else f"⚑ {line.sku_code}".rstrip()
            case LineColumn.QUANTITY:
                if line.refunded_quantity:
                    return self.tr("{quantity} ({refunded} back)").format(
                        quantity=format_count(line.quantity), refunded=format_count(line.refunded_quantity)
                    )
                return format_count(line.quantity)
            case LineColumn.PRICE:
                return format_money(line.unit_price_minor, self._currency)
            case LineColumn.TOTAL:
                return format_money(line.total_minor, self._currency)

    def _tooltip(self, line: OrderLineRow, column: LineColumn) -> str | None:
        if column == LineColumn.SKU and line.variant_id is None:
            return self.tr("Not matched to a catalogue SKU yet: its stock was not taken")
        if column == LineColumn.SKU:
            return self.tr("Stock taken from the catalogue") if line.stock_taken else self.tr("No stock taken")
        if column == LineColumn.ITEM:
            return self._display(line, column)
        if column == LineColumn.QUANTITY and line.refunded_quantity:
            return self.tr("%n unit(s) returned or refunded", "", line.refunded_quantity)
        return None
