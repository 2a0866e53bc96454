"""Map the order lines the importer could not place to catalogue SKUs, once.

Each row is one kind of line (same SKU code, title and spec in the file) with the spreadsheet rows it came from.
"Choose SKU…" opens the catalogue picker; the choice goes to Orders.match_line at once (its own transaction:
the line is linked and its stock taken). With "Remember" on (the default) the same line in later imports is
mapped by itself. Non-blocking: ``open()`` it; ``lines_mapped(count)`` follows every mapping.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.catalogue_types import CatalogueRow
from streamdesk.core.errors import UserError
from streamdesk.messages import describe
from streamdesk.ui.pages.orders.import_models import UnmatchedColumn, UnmatchedModel, line_key
from streamdesk.ui.widgets.column_widths import widen_to_titles
from streamdesk.ui.widgets.message_bar import MessageBar

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.order_types import UnmatchedLine
    from streamdesk.core.orders import Orders
    from streamdesk.ui.pages.shows.product_picker import ProductPickerDialog


class UnmatchedLinesDialog(QDialog):
    lines_mapped = Signal(int)  # order lines just mapped: the orders page refreshes its review count

    def __init__(self, orders: Orders, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._orders, self._catalogue = orders, catalogue
        self.picker: ProductPickerDialog | None = None
        self.setWindowTitle(self.tr("Lines to map to your catalogue"))
        intro = QLabel(
            self.tr(
                "These order lines match no SKU in your catalogue, so their stock has not been taken yet. Choose the "
                "SKU each one is. With “Remember” on, the same line in later imports is mapped by itself."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.messages = MessageBar(self)
        self.model = UnmatchedModel(parent=self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(int(UnmatchedColumn.TITLE), QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(int(UnmatchedColumn.SKU), 130)
        self.view.setColumnWidth(int(UnmatchedColumn.MAPPED_TO), 220)
        widen_to_titles(self.view)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it)
        self.choose_button = QPushButton(self.tr("Choose SKU…"), self)
        self.remember = QCheckBox(self.tr("Remember for later imports"), self)
        self.remember.setChecked(True)
        self.count_label = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        actions = QHBoxLayout()
        actions.addWidget(self.choose_button)
        actions.addWidget(self.remember)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.messages)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(self.buttons)

        self.choose_button.clicked.connect(self.choose_sku)
        self.view.doubleClicked.connect(lambda _index: self.choose_sku())
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._update())
        self.buttons.rejected.connect(self.reject)
        self.resize(900, 520)
        self.reload()

    def reload(self) -> None:
        """List the lines still waiting (Orders.unmatched_lines)."""
        try:
            lines = self._orders.unmatched_lines()
        except UserError as error:
            self.messages.show_error(describe(error))
            lines = ()
        self.model.set_lines(lines)
        if self.model.rowCount():
            self.view.selectRow(0)
        self._update()

    def select_line(self, match_key: str) -> bool:
        """Select the first entry of ``match_key`` (SKU code, else title and spec, as the file had them)."""
        row = self.model.row_of_match(match_key)
        if row >= 0:
            self.view.selectRow(row)
        return row >= 0

    def current_row(self) -> int:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def choose_sku(self) -> None:
        """Open the catalogue picker for the selected line (non-blocking)."""
        row = self.current_row()
        if row < 0:
            return
        from streamdesk.ui.pages.shows.product_picker import ProductPickerDialog

        line = self.model.line(row)
        picker = ProductPickerDialog(
            self._catalogue,
            parent=self,
            title=self.tr("Choose the SKU for “{title}”").format(title=line.title or line.sku_code),
        )
        picker.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        picker.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Map"))
        search = line.sku_code or line.title
        if search:
            picker.search_box.setText(search)
            picker.search(search)
            if not picker.model.rowCount():
                picker.search_box.clear()
                picker.search("")
        key = line_key(line)
        picker.finished.connect(lambda code, picker=picker, key=key: self._on_picked(picker, key, code))
        self.picker = picker
        picker.open()

    def _on_picked(self, picker: ProductPickerDialog, key: int, code: int) -> None:
        self.picker = None
        picker.deleteLater()
        chosen = picker.selected_rows()
        if code != QDialog.DialogCode.Accepted or not chosen:
            return
        self.map_line(key, chosen[0])

    def map_line(self, key: int, sku: CatalogueRow) -> bool:
        """Link the waiting lines of one entry (``line_key``) to ``sku``, remembered unless "Remember" is off."""
        row = self.model.row_of(key)
        if row < 0:
            return False
        line = self.model.line(row)
        remember = self.remember.isChecked()
        try:
            _match(self._orders, line, sku.variant_id, remember)
        except UserError as error:
            self.messages.show_error(describe(error))
            return False
        self.model.set_mapped(row, f"{sku.sku_code} · {sku.title}")
        mapped = len(line.rows)
        if remember:
            text = self.tr("%n line(s) mapped to {sku}. Later imports map this line by themselves.", "", mapped)
        else:
            text = self.tr("%n line(s) mapped to {sku}, this time only.", "", mapped)
        self.messages.show_info(text.format(sku=sku.sku_code))
        self.lines_mapped.emit(mapped)
        self._select_next_waiting(row)
        return True

    def _select_next_waiting(self, after: int) -> None:
        count = self.model.rowCount()
        for offset in range(1, count + 1):
            row = (after + offset) % count
            if not self.model.is_mapped(row):
                self.view.selectRow(row)
                return
        self._update()

    def _update(self) -> None:
        row = self.current_row()
        self.choose_button.setEnabled(row >= 0 and not self.model.is_mapped(row))
        waiting = self.model.waiting_lines()
        self.count_label.setText(
            self.tr("%n line(s) still to map", "", waiting) if waiting else self.tr("Every line is mapped.")
        )


def _match(orders: Orders, line: UnmatchedLine, variant_id: int, remember: bool) -> None:
    """Orders.match_line for the line's order lines: remembered, the first maps them all (and later imports)."""
    line_ids = line.rows
    if remember:
        orders.match_line(line_ids[0], variant_id, remember=True)
        return
    for line_id in line_ids:
        orders.match_line(line_id, variant_id, remember=False)
