"""Pick SKUs from the catalogue: type to search (title, SKU, barcode, tags), Enter or double-click adds them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from streamdesk.core.catalogue_types import CatalogueFilter, CatalogueRow, CatalogueSort
from streamdesk.ui.formatting import format_money
from streamdesk.ui.widgets.money_delegate import PROBLEM_COLOR
from streamdesk.ui.widgets.paged_table import PagedTableView
from streamdesk.ui.widgets.search_box import SearchBox

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.ui.tasks import Task, TaskRunner

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
PICK_LIMIT = 200  # enough to scroll through; more specific text finds the rest


class SkuPickModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CatalogueRow] = []

    def set_rows(self, rows: Sequence[CatalogueRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, number: int) -> CatalogueRow:
        return self._rows[number]

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < 5:
            return None
        return (self.tr("SKU"), self.tr("Product"), self.tr("Spec"), self.tr("Price"), self.tr("In stock"))[section]

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == DISPLAY:
            price = row.live_price_minor if row.live_price_minor is not None else row.list_price_minor
            return (row.sku_code, row.title, row.spec_label, format_money(price, row.currency), str(row.on_hand))[
                index.column()
            ]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 4 and row.on_hand <= 0:
            return PROBLEM_COLOR
        return None


class SkuPickerDialog(QDialog):
    """Non-blocking: open it, connect ``accepted``, read ``picked()``."""

    def __init__(self, catalogue: Catalogue, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self._task: Task | None = None
        self.setWindowTitle(self.tr("Add SKUs"))
        self.resize(760, 520)
        self.search = SearchBox(self)
        self.search.setPlaceholderText(self.tr("Search title, SKU, barcode or tag"))
        self.model = SkuPickModel(self)
        self.table = PagedTableView(self, row_height=26)
        self.table.setModel(self.model)
        for column, width in enumerate((140, 260, 120, 90)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Add"))
        self.ok_button.setEnabled(False)
        hint = QLabel(self.tr("Select one or more SKUs (Ctrl+click, Shift+click), then press Enter."), self)
        hint.setStyleSheet("color: #666666;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.search.search_changed.connect(self._load)
        self.search.returnPressed.connect(self._focus_results)
        self.table.doubleClicked.connect(lambda _index: self._accept_if_picked())
        self.table.selectionModel().selectionChanged.connect(self._update_ok)
        self.buttons.accepted.connect(self._accept_if_picked)
        self.buttons.rejected.connect(self.reject)
        self.search.setFocus()
        self._load("")

    def picked(self) -> tuple[CatalogueRow, ...]:
        return tuple(self.model.row(number) for number in self.table.selected_rows())

    def is_loading(self) -> bool:
        return self._task is not None and not self._task.done

    def _load(self, text: str) -> None:
        if self._task is not None:
            self._task.cancel()
        catalogue = self._catalogue
        query = CatalogueFilter(text=text)
        self._task = self._runner.start(
            lambda _cancel: catalogue.page(query, CatalogueSort(), 0, PICK_LIMIT),
            on_success=self._on_loaded,
            on_error=self.status.setText,
        )

    def _on_loaded(self, rows: tuple[CatalogueRow, ...]) -> None:
        self.model.set_rows(rows)
        if not rows:
            self.status.setText(self.tr("No SKU matches “{text}”.").format(text=self.search.search_text()))
        elif len(rows) >= PICK_LIMIT:
            self.status.setText(
                self.tr("The first {count} matches; type more to narrow them.").format(count=PICK_LIMIT)
            )
        else:
            self.status.setText(self.tr("%n match(es)", "", len(rows)))
        if rows and self.table.hasFocus():
            self.table.selectRow(0)
        self._update_ok()

    def _focus_results(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.selected_rows():
                self.table.selectRow(0)

    def _update_ok(self, *_args: object) -> None:
        self.ok_button.setEnabled(bool(self.table.selected_rows()))

    def _accept_if_picked(self) -> None:
        if self.table.selected_rows():
            self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Down in the search box moves into the results; Enter in the results adds the selection."""
        if event.key() == Qt.Key.Key_Down and self.search.hasFocus():
            self._focus_results()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.search.hasFocus():
            return  # returnPressed already moved to the results; do not close the dialog
        super().keyPressEvent(event)
