"""Live capture (直播登记) beside the timer: sell a product of the segment on air to a buyer from the comments in one
key, with big counters per product (sold in this show, stock left, buyers waiting) and the show's buyers so far.

Keys (while the Live page has the focus): 1–9 choose the nth product and put the cursor in the buyer field, Enter
sells, Up/Down in the buyer field change the product, Ctrl+Z undoes the last sale. Each sale is one short write on
the GUI thread (like a timer command: it is on disk before the counters change) and one undo step; counters and
completions are read on the task runner. A rehearsal changes nothing, so capture is off during one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.errors import UserError
from streamdesk.core.order_types import LiveSaleInput, LiveSaleResult, Platform, SoldCounter
from streamdesk.core.show_types import RunKind, RunSegment, SegmentRow
from streamdesk.messages import describe
from streamdesk.ui.actions import make_action
from streamdesk.ui.formatting import format_amount_for_editing
from streamdesk.ui.pages.live.background import run_for
from streamdesk.ui.pages.live.capture_model import KEYED_PRODUCTS, CaptureProductsModel, CaptureRow
from streamdesk.ui.pages.live.capture_sales import LiveSaleCommand, LiveSales
from streamdesk.ui.pages.live.capture_table import CaptureTable
from streamdesk.ui.pages.live.sale_bar import SaleBar
from streamdesk.ui.pages.live.segment_panel import sized_font
from streamdesk.ui.privacy import Privacy

if TYPE_CHECKING:
    from streamdesk.core.orders import Orders
    from streamdesk.core.show_runs import LiveRun
    from streamdesk.ui.pages.live.draw_dialog import DrawDialog
    from streamdesk.ui.pages.live.waitlist_dialog import WaitlistDialog
    from streamdesk.ui.tasks import TaskRunner


class CapturePanel(QWidget):
    stock_changed = Signal()  # a sale, an undo or a redo moved stock
    failed = Signal(str)  # a sentence for the page's message bar
    sale_captured = Signal(object)  # LiveSaleResult
    counters_refreshed = Signal()

    def __init__(self, orders: Orders, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._orders = orders
        self._runner = runner
        self._run: LiveRun | None = None
        self._segment: RunSegment | None = None
        self._buyer_count = 0
        self._reads = 0  # counters read back out of order are dropped
        self._can_undo = False
        self.sales = LiveSales(orders, self)
        self.sales.confirm = self._ask
        self.waitlist_dialog: WaitlistDialog | None = None
        self.draw_dialog: DrawDialog | None = None
        self._keys: list[QShortcut] = []
        self.undo_action: QAction | None = None  # made with the keys (install_keys)
        self._make_widgets()
        self._build_layout()
        self._connect()
        self._update_enabled()

    # --- widgets ----------------------------------------------------------------------------------------------
    def _make_widgets(self) -> None:
        self.buyers_label = QLabel(self)
        self.buyers_label.setObjectName("buyersSoFar")
        self.buyers_label.setFont(sized_font(self, 20, bold=True))
        self.buyers_label.setStyleSheet("color: #b71c1c;")
        self.waitlist_button = QPushButton(self.tr("Waitlist…"), self)
        self.waitlist_button.setToolTip(self.tr("Buyers waiting for the chosen product, first come first served"))
        self.draw_button = QPushButton(self.tr("Lucky draw…"), self)
        self.draw_button.setToolTip(self.tr("Draw winners among this show's buyers or names you type"))
        for button in (self.waitlist_button, self.draw_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(36)
        self.model = CaptureProductsModel(self)
        self.table = CaptureTable(self.model, self)
        self.bar = SaleBar(self._orders, self._runner, self)
        self.last_sale = QLabel(self)
        self.last_sale.setObjectName("lastSale")
        self.last_sale.setWordWrap(True)
        self.last_sale.setFont(sized_font(self, 12))
        self.undo_button = QPushButton(self.tr("Undo sale"), self)
        self.undo_button.setToolTip(
            self.tr("Take back the last sale: its order is deleted and the stock returns (Ctrl+Z)")
        )
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rehearsal_note = QLabel(
            self.tr("Rehearsal: sales, waitlists and lucky draws are off. A rehearsal changes nothing."), self
        )
        self.rehearsal_note.setWordWrap(True)
        self.rehearsal_note.setStyleSheet(
            "background: #fff59d; color: #3e2723; border: 1px dashed #f57f17; border-radius: 4px; padding: 4px;"
        )

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.buyers_label, 1)
        top.addWidget(self.waitlist_button)
        top.addWidget(self.draw_button)
        last = QHBoxLayout()
        last.addWidget(self.last_sale, 1)
        last.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.rehearsal_note)
        layout.addWidget(self.bar)
        layout.addLayout(last)

    def _connect(self) -> None:
        self.bar.sell_requested.connect(self.sell)
        self.bar.step_requested.connect(self.table.step)
        self.bar.failed.connect(self.failed)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._on_product_chosen())
        self.table.activated.connect(lambda index: self._on_row_activated(index.row()))
        self.undo_button.clicked.connect(self.sales.undo)
        # the stack's own flag, not a question to the stack: it signals while being destroyed with the panel too
        self.sales.undo_stack.canUndoChanged.connect(self._on_can_undo)
        self.sales.sold.connect(self._on_sold)
        self.sales.changed.connect(self._on_command_changed)
        self.sales.waitlisted.connect(self._on_waitlisted)
        self.sales.failed.connect(self.failed)
        self.waitlist_button.clicked.connect(self.open_waitlist)
        self.draw_button.clicked.connect(self.open_draw)

    def install_keys(self, host: QWidget) -> None:
        """Keys 1–9 and Ctrl+Z, working while ``host`` (the live view) or any of its children has the focus. A text
        field keeps its digits: typing "小美2" never sells product 2."""
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for number in range(1, KEYED_PRODUCTS + 1):
            key = Qt.Key(int(Qt.Key.Key_0) + number)
            shortcut = QShortcut(host)
            shortcut.setObjectName(f"captureKey_{number}")
            shortcut.setKeys([QKeySequence(key), QKeySequence(Qt.KeyboardModifier.KeypadModifier | key)])
            shortcut.setContext(context)
            shortcut.activated.connect(lambda row=number - 1: self.choose(row))
            self._keys.append(shortcut)
        self.undo_action = make_action(
            host, self.tr("Undo sale"), "Ctrl+Z", self.tr("Undo the last sale"), context=context
        )
        self.undo_action.triggered.connect(self.sales.undo)
        self._update_enabled()

    def shortcut_help(self) -> list[tuple[str, str]]:
        return [
            ("1 … 9", self.tr("Choose that product for a sale")),
            (self.tr("Enter"), self.tr("Sell to the buyer typed")),
            (self.tr("↑ / ↓ in the buyer field"), self.tr("Previous or next product")),
            (
                QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText),
                self.tr("Undo the last sale"),
            ),
        ]

    def set_privacy(self, privacy: Privacy) -> None:
        """The main window's privacy switch: a known buyer's name and phone are masked while it is on."""
        self.bar.set_privacy(privacy)

    # --- the run and the segment on air -----------------------------------------------------------------------
    def set_platforms(self, platforms: Sequence[Platform]) -> None:
        self.bar.set_platforms(platforms)

    def set_run(self, run: LiveRun) -> None:
        self.close_run()
        self._run = run
        self._update_enabled()
        self.refresh_counters()

    def close_run(self) -> None:
        self._run = None
        self._segment = None
        self._reads += 1
        self.sales.clear()
        self.model.set_products(())
        self.last_sale.clear()
        self.bar.reset_after_sale()
        self._set_buyer_count(0)
        for dialog in (self.waitlist_dialog, self.draw_dialog):
            if dialog is not None:
                dialog.close()
        self._update_enabled()

    def run(self) -> LiveRun | None:
        return self._run

    def capture_allowed(self) -> bool:
        """Sales, waitlists and draws write: only in a real show, never in a rehearsal."""
        return self._run is not None and self._run.kind is RunKind.LIVE

    def show_segment(self, segment: RunSegment, row: SegmentRow | None) -> None:
        """The segment on air (or its figures read again): its products, counters read afresh."""
        same = self._segment is not None and self._segment.segment_id == segment.segment_id
        chosen = self.selected_row()
        self._segment = segment
        self.model.set_products(row.products if row is not None else ())
        self.table.fit_rows()
        if self.model.rowCount():
            keep = self.model.row_of(chosen.product.variant_id) if same and chosen is not None else None
            self.table.selectRow(keep if keep is not None else 0)
        self._update_enabled()
        self.refresh_counters()

    def current_segment_id(self) -> int | None:
        """The segment running now (what a sale is attributed to), from the timer rather than the screen."""
        run = self._run
        if run is None:
            return None
        return run.segments[run.state().segment].segment_id

    def _update_enabled(self) -> None:
        allowed = self.capture_allowed()
        has_products = self.model.rowCount() > 0
        self.rehearsal_note.setVisible(self._run is not None and not allowed)
        self.bar.setEnabled(allowed and has_products)
        self.waitlist_button.setEnabled(allowed and has_products)
        self.draw_button.setEnabled(allowed)
        for shortcut in self._keys:
            shortcut.setEnabled(allowed and has_products)
        self._update_undo()

    def _on_can_undo(self, can_undo: bool) -> None:
        self._can_undo = can_undo
        self._update_undo()

    def _update_undo(self) -> None:
        can_undo = self.capture_allowed() and self._can_undo
        self.undo_button.setEnabled(can_undo)
        if self.undo_action is not None:
            self.undo_action.setEnabled(can_undo)

    # --- choosing a product -----------------------------------------------------------------------------------
    def selected_row(self) -> CaptureRow | None:
        return self.table.selected_row()

    def choose(self, number: int) -> None:
        """Key n: product n is the one sold next; the cursor waits in the buyer field with its text selected."""
        if not 0 <= number < self.model.rowCount() or not self.bar.isEnabled():
            return
        self.table.selectRow(number)
        self.bar.buyer.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.bar.buyer.selectAll()

    def _on_row_activated(self, number: int) -> None:
        """Enter on the table: sell when a buyer is typed, else ask for one."""
        if self.bar.nickname():
            self.sell()
        else:
            self.choose(number)

    def _on_product_chosen(self) -> None:
        chosen = self.selected_row()
        price = chosen.product.price_minor if chosen is not None else None
        currency = chosen.product.currency if chosen is not None else ""
        self.bar.set_default_price(format_amount_for_editing(price, currency))

    # --- selling ----------------------------------------------------------------------------------------------
    def sell(self) -> bool:
        """Sell the chosen product to the buyer typed; False (with the reason said) when nothing was sold."""
        run, chosen = self._run, self.selected_row()
        if run is None or not self.capture_allowed():
            return False
        if chosen is None:
            self.failed.emit(self.tr("Choose a product first: click it or press its number."))
            return False
        nickname = self.bar.nickname()
        if not nickname:
            self.failed.emit(self.tr("Type the buyer's nickname first."))
            self.bar.buyer.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        try:
            price = self.bar.chosen_price(chosen.product.currency)
        except UserError as error:
            self.failed.emit(describe(error))
            self.bar.price.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        sale = LiveSaleInput(
            variant_id=chosen.product.variant_id,
            nickname=nickname,
            quantity=self.bar.quantity.value(),
            unit_price_minor=price,
            platform=self.bar.chosen_platform() or Platform.DOUYIN,
            show_id=run.show_id,
            segment_id=self.current_segment_id(),
        )
        backorders = self.bar.backorder.isChecked()
        return self.sales.take(sale, chosen.title, available=chosen.available, backorders=backorders) is not None

    def _on_sold(self, sale: LiveSaleInput, title: str, result: LiveSaleResult) -> None:
        self.model.record_sale(sale.variant_id, sale.quantity, result.available_after)
        self._show_sale(sale, title, result)
        self.bar.reset_after_sale()
        self.sale_captured.emit(result)
        self.stock_changed.emit()
        self.refresh_counters()

    def _show_sale(self, sale: LiveSaleInput, title: str, result: LiveSaleResult) -> None:
        left = (
            self.tr("{count} left").format(count=result.available_after)
            if result.available_after >= 0
            else self.tr("{count} on backorder").format(count=-result.available_after)
        )
        self.last_sale.setText(
            self.tr("Sold {quantity} × {product} to {buyer} · {order_no} · {left}").format(
                quantity=sale.quantity, product=title, buyer=sale.nickname, order_no=result.order_no, left=left
            )
        )

    def _on_command_changed(self, command: LiveSaleCommand) -> None:
        """An undo or redo went through (or was refused): the figures are read again."""
        if command.failed:
            self.last_sale.clear()
        elif command.undone:
            self.last_sale.setText(self.tr("Undone: {sale}.").format(sale=command.text()))
        else:
            self.last_sale.setText(self.tr("Sold again: {sale}.").format(sale=command.text()))
        self.stock_changed.emit()
        self.refresh_counters()

    def join_waitlist(self, variant_id: int, nickname: str, quantity: int = 1) -> int | None:
        run = self._run
        if run is None or not self.capture_allowed():
            return None
        return self.sales.join_waitlist(run.show_id, variant_id, nickname, quantity)

    def _on_waitlisted(self, nickname: str, _entry: int) -> None:
        self.last_sale.setText(self.tr("{buyer} is on the waitlist.").format(buyer=nickname))
        self.bar.reset_after_sale()
        self.refresh_counters()

    # --- reading the figures ----------------------------------------------------------------------------------
    def refresh_counters(self) -> None:
        """Read the products' counters and the show's buyers again (in the background)."""
        run = self._run
        if run is None:
            return
        self._reads += 1
        read, orders, show_id, variant_ids = self._reads, self._orders, run.show_id, self.model.variant_ids()
        run_for(
            self,
            self._runner,
            lambda _cancel: (
                orders.sold_counters(show_id, variant_ids) if variant_ids else (),
                orders.show_buyers(show_id),
            ),
            on_success=lambda loaded: self._on_counters(read, *loaded),
            on_error=self.failed.emit,
        )

    def _on_counters(self, read: int, counters: tuple[SoldCounter, ...], buyers: tuple[str, ...]) -> None:
        if read != self._reads:
            return  # a newer read is on its way
        self.model.set_counters(counters)
        self._set_buyer_count(len(buyers))
        self.counters_refreshed.emit()

    def buyer_count(self) -> int:
        return self._buyer_count

    def _set_buyer_count(self, count: int) -> None:
        self._buyer_count = count
        self.buyers_label.setText(self.tr("%n buyer(s) so far", "", count))

    # --- waitlist and lucky draw ------------------------------------------------------------------------------
    def open_waitlist(self) -> WaitlistDialog | None:
        from streamdesk.ui.pages.live.waitlist_dialog import WaitlistDialog

        run, chosen = self._run, self.selected_row()
        if run is None or chosen is None or not self.capture_allowed():
            return None
        if self.waitlist_dialog is None:
            self.waitlist_dialog = WaitlistDialog(self._orders, self._runner, self)
            self.waitlist_dialog.changed.connect(self.refresh_counters)
            self.waitlist_dialog.failed.connect(self.failed)
        self.waitlist_dialog.show_product(run.show_id, chosen)
        return self.waitlist_dialog

    def open_draw(self) -> DrawDialog | None:
        from streamdesk.ui.pages.live.draw_dialog import DrawDialog

        run = self._run
        if run is None or not self.capture_allowed():
            return None
        if self.draw_dialog is None:
            self.draw_dialog = DrawDialog(self._orders, self._runner, self)
            self.draw_dialog.failed.connect(self.failed)
        self.draw_dialog.show_for(run.show_id, self.current_segment_id)
        return self.draw_dialog

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
