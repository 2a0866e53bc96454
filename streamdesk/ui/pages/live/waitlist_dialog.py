"""A product's waitlist during the show (候补): buyers who asked after it sold out, first come first served.

The dialog stays open beside the Live page without blocking it (the clicker keys keep working). Adding a buyer and
marking an entry fulfilled or cancelled are one short write each; the list is read again in the background.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.errors import UserError
from streamdesk.core.order_types import WaitlistRow, WaitlistStatus
from streamdesk.messages import describe
from streamdesk.ui.pages.live.background import run_for
from streamdesk.ui.pages.live.capture_model import CaptureRow, WaitlistColumn, WaitlistModel
from streamdesk.ui.pages.live.segment_panel import sized_font

if TYPE_CHECKING:
    from streamdesk.core.orders import Orders
    from streamdesk.ui.tasks import TaskRunner


class WaitlistDialog(QDialog):
    changed = Signal()  # an entry was added, fulfilled or cancelled
    loaded = Signal()
    failed = Signal(str)

    def __init__(self, orders: Orders, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._orders = orders
        self._runner = runner
        self._show_id: int | None = None
        self._product: CaptureRow | None = None
        self._reads = 0
        self.setModal(False)
        self.setWindowTitle(self.tr("Waitlist"))
        self.heading = QLabel(self)
        self.heading.setFont(sized_font(self, 15, bold=True))
        self.heading.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setFont(sized_font(self, 12))
        self.model = WaitlistModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setFont(sized_font(self, 13))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(int(WaitlistColumn.BUYER), QHeaderView.ResizeMode.Stretch)
        self.nickname = QLineEdit(self)
        self.nickname.setPlaceholderText(self.tr("Buyer's nickname"))
        self.quantity = QSpinBox(self)
        self.quantity.setRange(1, 9999)
        self.quantity.setPrefix("× ")
        self.add_button = QPushButton(self.tr("Add to the waitlist"), self)
        self.fulfil_button = QPushButton(self.tr("Mark fulfilled"), self)
        self.fulfil_button.setToolTip(self.tr("The buyer got the product (sold after a restock, or set aside)"))
        self.cancel_button = QPushButton(self.tr("Cancel entry"), self)
        self.cancel_button.setToolTip(self.tr("The buyer no longer waits"))
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        add_row = QHBoxLayout()
        add_row.addWidget(self.nickname, 1)
        add_row.addWidget(self.quantity)
        add_row.addWidget(self.add_button)
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.fulfil_button)
        entry_row.addWidget(self.cancel_button)
        entry_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(entry_row)
        layout.addLayout(add_row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(560, 460)
        self.add_button.clicked.connect(self.add)
        self.nickname.returnPressed.connect(self.add)
        self.fulfil_button.clicked.connect(lambda: self.set_status(WaitlistStatus.FULFILLED))
        self.cancel_button.clicked.connect(lambda: self.set_status(WaitlistStatus.CANCELLED))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def show_product(self, show_id: int, product: CaptureRow) -> None:
        """The waitlist of ``product`` in this show; the dialog comes to the front."""
        self._show_id, self._product = show_id, product
        self.setWindowTitle(self.tr("Waitlist · {product}").format(product=product.title))
        self.heading.setText(product.title)
        self.problem.clear()
        self.reload()
        self.show()
        self.raise_()
        self.activateWindow()
        self.nickname.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        product, show_id = self._product, self._show_id
        if product is None:
            return
        self._reads += 1
        read, orders, variant_id = self._reads, self._orders, product.product.variant_id
        run_for(
            self,
            self._runner,
            lambda _cancel: orders.waitlist(variant_id, show_id),
            on_success=lambda rows: self._on_loaded(read, rows),
            on_error=self.failed.emit,
        )

    def _on_loaded(self, read: int, rows: tuple[WaitlistRow, ...]) -> None:
        if read != self._reads:
            return
        self.model.set_rows(rows)
        waiting = [r for r in rows if r.status is WaitlistStatus.WAITING]
        units = sum(r.quantity for r in waiting)
        left = self._product.available if self._product is not None else 0
        self.summary.setText(
            self.tr("%n buyer(s) waiting, {units} wanted · {left} in stock", "", len(waiting)).format(
                units=units, left=max(left, 0)
            )
        )
        self._update_buttons()
        self.loaded.emit()

    def chosen_entry(self) -> WaitlistRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        entry = self.chosen_entry()
        waiting = entry is not None and entry.status is WaitlistStatus.WAITING
        self.fulfil_button.setEnabled(waiting)
        self.cancel_button.setEnabled(waiting)

    def add(self) -> None:
        nickname = self.nickname.text().strip()
        if self._product is None:
            return
        if not nickname:
            self.problem.setText(self.tr("Type the buyer's nickname first."))
            return
        try:
            self._orders.join_waitlist(self._show_id, self._product.product.variant_id, nickname, self.quantity.value())
        except UserError as error:
            self.problem.setText(describe(error))
            return
        self.problem.clear()
        self.nickname.clear()
        self.quantity.setValue(1)
        self.changed.emit()
        self.reload()

    def set_status(self, status: WaitlistStatus) -> None:
        entry = self.chosen_entry()
        if entry is None or entry.status is not WaitlistStatus.WAITING:
            return
        try:
            self._orders.set_waitlist_status(entry.id, status)
        except UserError as error:
            self.problem.setText(describe(error))
            return
        self.problem.clear()
        self.changed.emit()
        self.reload()
