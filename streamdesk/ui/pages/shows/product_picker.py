"""Pick SKUs for a segment: search the catalogue as you type and see live price, stock and margin before choosing.

Searches go through Catalogue.count_and_page (the catalogue page's own query: FTS, fast at 100,000 SKUs) on the GUI
thread, once typing pauses; only the first PICKER_LIMIT matches are listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.catalogue_types import CatalogueFilter, CatalogueRow, CatalogueSort
from streamdesk.core.errors import UserError
from streamdesk.messages import describe
from streamdesk.ui.formatting import format_count, format_money, format_percent
from streamdesk.ui.widgets.money_delegate import PROBLEM_COLOR
from streamdesk.ui.widgets.search_box import SearchBox

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
PICKER_LIMIT = 200


class PickerColumn(IntEnum):
    SKU = 0
    PRODUCT = 1
    SPEC = 2
    PRICE = 3
    STOCK = 4
    MARGIN = 5
    MARGIN_PCT = 6


_NUMERIC = (PickerColumn.PRICE, PickerColumn.STOCK, PickerColumn.MARGIN, PickerColumn.MARGIN_PCT)


class PickerModel(QAbstractTableModel):
    """Catalogue rows found by the search; SKUs already in the segment are shown but cannot be picked again."""

    def __init__(self, already: Sequence[int] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CatalogueRow] = []
        self._already = frozenset(already)

    def set_rows(self, rows: Sequence[CatalogueRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, number: int) -> CatalogueRow:
        return self._rows[number]

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(PickerColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(PickerColumn):
            return None
        if role == DISPLAY:
            return (
                self.tr("SKU"),
                self.tr("Product"),
                self.tr("Spec"),
                self.tr("Live price"),
                self.tr("Stock"),
                self.tr("Margin"),
                self.tr("Margin %"),
            )[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].variant_id in self._already:
            return Qt.ItemFlag.NoItemFlags  # greyed out: already linked to this segment
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], PickerColumn(index.column())
        if role == DISPLAY:
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == PickerColumn.STOCK and row.on_hand <= 0:
            return QBrush(PROBLEM_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.variant_id in self._already:
                return self.tr("Already in this segment")
            if column == PickerColumn.STOCK and row.on_hand <= 0:
                return self.tr("Out of stock: linking it shows a conflict in the rundown")
            if column == PickerColumn.PRICE and row.live_price_minor is None:
                return self.tr("No live price set: this is the list price")
        return None

    @staticmethod
    def _display(row: CatalogueRow, column: PickerColumn) -> str:
        price = row.live_price_minor if row.live_price_minor is not None else row.list_price_minor
        return {
            PickerColumn.SKU: row.sku_code,
            PickerColumn.PRODUCT: row.title,
            PickerColumn.SPEC: row.spec_label,
            PickerColumn.PRICE: format_money(price, row.currency),
            PickerColumn.STOCK: format_count(row.on_hand),
            PickerColumn.MARGIN: format_money(row.margin_minor, row.currency),
            PickerColumn.MARGIN_PCT: format_percent(row.margin_pct),
        }[column]


class _PickerTable(QTableView):
    """Enter picks the selection (the dialog's default button would otherwise need the mouse)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # reaches the dialog: its default button accepts
            return
        super().keyPressEvent(event)


class ProductPickerDialog(QDialog):
    """Pick SKUs from the catalogue, for a segment's products or a show's SKU targets.

    Type to search; Down or Enter moves into the list, Enter there adds the selected SKUs, Escape cancels.
    ``already`` lists SKUs shown but not pickable again; ``title`` defaults to the segment's wording.
    """

    def __init__(
        self,
        catalogue: Catalogue,
        already: Sequence[int] = (),
        parent: QWidget | None = None,
        *,
        title: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Add products to the segment"))
        self._catalogue = catalogue
        self.search_box = SearchBox(self)
        self.search_box.setPlaceholderText(self.tr("Search title, SKU, barcode or tag"))
        self.model = PickerModel(already, self)
        self.table = _PickerTable(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(int(PickerColumn.PRODUCT), QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel(self)
        self.problem_label = QLabel(self)
        self.problem_label.setStyleSheet(f"color: {PROBLEM_COLOR.name()};")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Add"))
        ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.search_box.search_changed.connect(self.search)
        self.search_box.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.table.selectionModel().selectionChanged.connect(self._update_ok)
        self.resize(820, 520)
        self.search("")
        self._update_ok()

    def search(self, text: str) -> None:
        """List the first matches of ``text`` (everything when empty) at once."""
        query = CatalogueFilter(text=text.strip())
        try:
            total, rows = self._catalogue.count_and_page(query, CatalogueSort(), 0, PICKER_LIMIT)
        except UserError as error:
            self.problem_label.setText(describe(error))
            self.problem_label.show()
            return
        self.problem_label.hide()
        self.model.set_rows(rows)
        if total > len(rows):
            self.count_label.setText(
                self.tr("Showing the first {shown} of {total} SKUs; type more to narrow the search.").format(
                    shown=format_count(len(rows)), total=format_count(total)
                )
            )
        else:
            self.count_label.setText(self.tr("%n SKU(s) found", "", total))
        self._update_ok()

    def select_sku(self, sku_code: str) -> bool:
        """Add the row of ``sku_code`` to the selection (keyboard and tests); False when it is not listed."""
        for number in range(self.model.rowCount()):
            if self.model.row(number).sku_code == sku_code and self.model.flags(self.model.index(number, 0)):
                self.table.selectRow(number)
                return True
        return False

    def selected_rows(self) -> tuple[CatalogueRow, ...]:
        numbers = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return tuple(self.model.row(number) for number in numbers)

    def selected_variant_ids(self) -> tuple[int, ...]:
        return tuple(row.variant_id for row in self.selected_rows())

    def eventFilter(self, watched: QObject, event: object) -> bool:
        if watched is self.search_box and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.search(self.search_box.search_text())  # at once, then on into the list: Enter again adds
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount():
                self.table.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.table.selectionModel().hasSelection():
                    self.table.selectRow(self._first_selectable())
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _first_selectable(self) -> int:
        for number in range(self.model.rowCount()):
            if self.model.flags(self.model.index(number, 0)):
                return number
        return 0

    def _update_ok(self, *_args: object) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.selected_variant_ids()))
