"""The current segment's products with their live price and the stock still available (read-only table)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from streamdesk.core.show_types import SegmentProductRow
from streamdesk.ui.formatting import format_money

DISPLAY = Qt.ItemDataRole.DisplayRole
LOW_STOCK = 5  # the live page has no per-SKU threshold at hand; a handful left is worth a warning on air
ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class ProductColumn(IntEnum):
    PRODUCT = 0
    SKU = 1
    PRICE = 2
    STOCK = 3


class SegmentProductsModel(QAbstractTableModel):
    def __init__(self, rows: Sequence[SegmentProductRow] = (), parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows = tuple(rows)

    def set_rows(self, rows: Sequence[SegmentProductRow]) -> None:
        """New rows; the same products with new figures only repaint (the selection and scroll stay)."""
        rows = tuple(rows)
        if [r.variant_id for r in rows] == [r.variant_id for r in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(ProductColumn) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, number: int) -> SegmentProductRow:
        return self._rows[number]

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(ProductColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(ProductColumn):
            return None
        return (self.tr("Product"), self.tr("SKU"), self.tr("Live price"), self.tr("In stock"))[section]

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or index.parent().isValid():
            return None
        r = self._rows[index.row()]
        column = ProductColumn(index.column())
        if role == DISPLAY:
            return self._text(r, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ProductColumn.PRICE, ProductColumn.STOCK):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column is ProductColumn.STOCK:
            if r.available <= 0:
                return QBrush(QColor("#c62828"))
            if r.available <= LOW_STOCK:
                return QBrush(QColor("#e65100"))
        if role == Qt.ItemDataRole.FontRole and column in (ProductColumn.PRICE, ProductColumn.STOCK):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and r.archived:
            return self.tr("This SKU is archived: it is no longer sold.")
        return None

    def _text(self, r: SegmentProductRow, column: ProductColumn) -> str:
        if column is ProductColumn.PRODUCT:
            return f"{r.product_title} · {r.spec_label}" if r.spec_label else r.product_title
        if column is ProductColumn.SKU:
            return r.sku_code
        if column is ProductColumn.PRICE:
            return format_money(r.price_minor, r.currency)
        if r.available <= 0:
            return self.tr("Sold out")
        return str(r.available)
