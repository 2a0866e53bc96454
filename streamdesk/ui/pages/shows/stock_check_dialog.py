"""Stock check: the SKUs whose stock is below the show's per-SKU target, and how many are missing of each.

Read in the background; "Copy list" puts the rows on the clipboard as tab-separated text (a supplier order).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from streamdesk.core.show_types import SkuTargetRow
from streamdesk.ui.copy_text import tab_separated
from streamdesk.ui.widgets.money_delegate import PROBLEM_COLOR
from streamdesk.ui.widgets.paged_table import PagedTableView, TableWithEmptyState

if TYPE_CHECKING:
    from streamdesk.core.shows import Shows
    from streamdesk.ui.tasks import TaskRunner

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
COLUMNS = 6


class StockCheckModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SkuTargetRow] = []

    def set_rows(self, rows: Sequence[SkuTargetRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> tuple[SkuTargetRow, ...]:
        return tuple(self._rows)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMNS

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("SKU"),
            self.tr("Product"),
            self.tr("Spec"),
            self.tr("Target"),
            self.tr("In stock"),
            self.tr("Missing"),
        )

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < COLUMNS:
            return None
        return self.headers()[section]

    def cells(self, row: SkuTargetRow) -> tuple[str, ...]:
        return (
            row.sku_code,
            row.product_title,
            row.spec_label,
            str(row.quantity),
            str(row.available),
            str(row.short_by),
        )

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == DISPLAY:
            return self.cells(row)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 5:
            return PROBLEM_COLOR
        if role == Qt.ItemDataRole.FontRole and index.column() == 5:
            font = QGuiApplication.font()
            font.setBold(True)
            return font
        return None

    def as_text(self) -> str:
        return tab_separated([self.headers(), *(self.cells(row) for row in self._rows)])


class StockCheckDialog(QDialog):
    def __init__(
        self, shows: Shows, runner: TaskRunner, show_id: int, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stock check: {title}").format(title=title))
        self.resize(760, 420)
        self.summary = QLabel(self.tr("Checking stock…"), self)
        self.summary.setWordWrap(True)
        self.model = StockCheckModel(self)
        self.table = PagedTableView(self, row_height=26)
        self.table.setModel(self.model)
        for column, width in enumerate((130, 240, 110, 70, 70)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.stack = TableWithEmptyState(self.table, self)
        self.copy_button = QPushButton(self.tr("Copy list"), self)
        self.copy_button.setToolTip(self.tr("Copy the short SKUs as a table, e.g. to send to a supplier"))
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_list)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)
        self.loaded = False
        runner.start(
            lambda _cancel: (len(shows.get_show(show_id).sku_targets), shows.stock_check(show_id)),
            on_success=self._on_loaded,
            on_error=self._on_failed,
        )

    def _on_loaded(self, result: tuple[int, tuple[SkuTargetRow, ...]]) -> None:
        targets, short = result
        self.model.set_rows(short)
        self.loaded = True
        self.copy_button.setEnabled(bool(short))
        if short:
            self.stack.show_table()
            self.summary.setText(
                self.tr(
                    "%n SKU(s) have less stock than this show's target. Restock them or lower the targets.",
                    "",
                    len(short),
                )
            )
        elif targets:
            self.summary.setText("")
            self.stack.show_empty(
                self.tr("Enough stock for every target"),
                self.tr("All %n SKU target(s) of this show are covered by the stock on hand.", "", targets),
            )
        else:
            self.summary.setText("")
            self.stack.show_empty(
                self.tr("This show has no SKU targets"),
                self.tr("Edit the show (Enter) and add SKUs under “Goals and SKU targets” to check their stock."),
            )

    def _on_failed(self, message: str) -> None:
        self.loaded = True
        self.summary.setText(message)

    def copy_list(self) -> None:
        QGuiApplication.clipboard().setText(self.model.as_text())
