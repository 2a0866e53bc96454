"""Stock adjustment (with a reason and a note) and the stock history (the ledger of one SKU, newest first)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.catalogue_types import CatalogueRow, StockMoveRow, StockReason
from streamdesk.ui.formatting import format_local_datetime
from streamdesk.ui.pages.catalogue.undo_commands import UNDO_NOTE
from streamdesk.ui.widgets.field_problem import FieldWithProblem

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root of a flat table, as a default argument
MAX_CHANGE = 1_000_000
USER_REASONS = (StockReason.ADJUSTMENT, StockReason.RESTOCK, StockReason.RETURN)


def reason_name(reason: StockReason) -> str:
    names = {
        StockReason.INITIAL: QCoreApplication.translate("StockDialog", "Initial stock"),
        StockReason.IMPORT: QCoreApplication.translate("StockDialog", "Import"),
        StockReason.ADJUSTMENT: QCoreApplication.translate("StockDialog", "Adjustment"),
        StockReason.SALE: QCoreApplication.translate("StockDialog", "Sale"),
        StockReason.RETURN: QCoreApplication.translate("StockDialog", "Return"),
        StockReason.RESTOCK: QCoreApplication.translate("StockDialog", "Restock"),
    }
    return names[reason]


class StockAdjustDialog(QDialog):
    """Change stock by a signed amount (several SKUs at once), or set the counted stock of one SKU."""

    def __init__(self, rows: Sequence[CatalogueRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = list(rows)
        single = len(self._rows) == 1
        self.setWindowTitle(self.tr("Adjust stock"))
        self.setMinimumWidth(520)
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        if single:
            row = self._rows[0]
            self.header.setText(
                self.tr("{title} {spec} (SKU {sku}): {count} on hand").format(
                    title=row.title, spec=row.spec_label, sku=row.sku_code, count=row.on_hand
                )
            )
        else:
            self.header.setText(self.tr("The same change for each of %n SKU(s).", "", len(self._rows)))
        self.by_radio = QRadioButton(self.tr("Change by"), self)
        self.counted_radio = QRadioButton(self.tr("Counted stock is"), self)
        self.by_radio.setChecked(True)
        self.counted_radio.setVisible(single)
        self.change = QSpinBox(self)
        self.change.setRange(-MAX_CHANGE, MAX_CHANGE)
        self.change.setSuffix(self.tr(" units"))
        self.counted = QSpinBox(self)
        self.counted.setRange(0, MAX_CHANGE)
        self.counted.setSuffix(self.tr(" units"))
        self.counted.setVisible(single)
        if single:
            self.counted.setValue(self._rows[0].on_hand)
        self.change_field = FieldWithProblem(self.change, self)
        self.reason = QComboBox(self)
        for reason in USER_REASONS:
            self.reason.addItem(reason_name(reason), reason)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Optional, e.g. found 2 damaged in the warehouse"))
        self.result_label = QLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Adjust"))

        form = QFormLayout()
        form.addRow(self.by_radio, self.change_field)
        if single:
            form.addRow(self.counted_radio, self.counted)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Note"), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.change.valueChanged.connect(self._update)
        self.counted.valueChanged.connect(self._on_counted)
        self.by_radio.toggled.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update()

    def _on_counted(self) -> None:
        self.counted_radio.setChecked(True)
        self._update()

    def delta(self) -> int:
        if self.counted_radio.isChecked() and len(self._rows) == 1:
            return self.counted.value() - self._rows[0].on_hand
        return self.change.value()

    def changes(self) -> tuple[tuple[int, int], ...]:
        delta = self.delta()
        return tuple((row.variant_id, delta) for row in self._rows)

    def stock_reason(self) -> StockReason:
        return StockReason(self.reason.currentData())

    def note_text(self) -> str:
        return self.note.text().strip()

    def _update(self) -> None:
        delta = self.delta()
        short = [row for row in self._rows if row.on_hand + delta < 0]
        problem = ""
        if short:
            row = short[0]
            problem = self.tr("{sku} has {count} on hand; stock cannot go below zero.").format(
                sku=row.sku_code, count=row.on_hand
            )
        self.change_field.set_problem(problem or None)
        if len(self._rows) == 1 and not problem:
            before = self._rows[0].on_hand
            self.result_label.setText(self.tr("Stock after: {after}").format(after=before + delta) if delta else "")
        else:
            self.result_label.setText("")
        self.ok_button.setEnabled(delta != 0 and not problem)


class StockMovesModel(QAbstractTableModel):
    """Ledger rows, newest first, with the balance after each move counted back from today's stock."""

    def __init__(self, moves: Sequence[StockMoveRow], on_hand: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._moves = list(moves)
        self._balances: list[int] = []
        balance = on_hand
        for move in self._moves:
            self._balances.append(balance)
            balance -= move.quantity

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._moves)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole or not 0 <= section < 6:
            return None
        return (
            self.tr("When"),
            self.tr("Change"),
            self.tr("Stock after"),
            self.tr("Reason"),
            self.tr("Note"),
            self.tr("Reference"),
        )[section]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._moves):
            return None
        move, column = self._moves[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return format_local_datetime(move.created_at_utc)
            if column == 1:
                return f"{move.quantity:+d}"
            if column == 2:
                return str(self._balances[index.row()])
            if column == 3:
                return reason_name(move.reason)
            if column == 4:
                return self.tr("Undo of an earlier adjustment") if move.note == UNDO_NOTE else move.note
            if column == 5:
                return move.reference
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QBrush(QColor("#2e7d32") if move.quantity > 0 else QColor("#c62828"))
        return None


class StockHistoryDialog(QDialog):
    def __init__(self, row: CatalogueRow, moves: Sequence[StockMoveRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stock history of {sku}").format(sku=row.sku_code))
        self.resize(820, 480)
        title = QLabel(
            self.tr("{title} {spec}: {count} on hand now").format(
                title=row.title, spec=row.spec_label, count=row.on_hand
            ),
            self,
        )
        self.model = StockMovesModel(moves, row.on_hand, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        empty = QLabel(self.tr("No stock moves yet."), self)
        empty.setVisible(not moves)
        if row.is_bundle:
            empty.setText(self.tr("A bundle has no stock of its own: its stock follows its components."))
            empty.setVisible(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.view, 1)
        layout.addWidget(empty)
        layout.addWidget(buttons)
