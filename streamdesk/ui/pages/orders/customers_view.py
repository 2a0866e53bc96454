"""The Customers tab of the Orders page: buyers per platform nickname with search, their detail (addresses, order
history, notes, tags) and, for a chosen show, how many of its buyers were new and how many came back.

Reads run on the task runner; a tag or notes edit is one Orders.update_customer call, undoable (Ctrl+Z here).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QWidget,
)

from streamdesk.core.order_types import BuyerCounts, CustomerDetail, CustomerRow
from streamdesk.core.show_types import ShowStatus, ShowSummary
from streamdesk.ui.actions import make_action
from streamdesk.ui.formatting import format_local_datetime
from streamdesk.ui.pages.orders.case_commands import undo_stack_for
from streamdesk.ui.pages.orders.customer_detail import CustomerDetailPanel
from streamdesk.ui.pages.orders.customer_dialog import CustomerDialog, CustomerEdit
from streamdesk.ui.pages.orders.customers_model import CustomerColumn, CustomersModel
from streamdesk.ui.pages.orders.list_detail import ListDetailView, make_list_table
from streamdesk.ui.undo import ServiceCommand
from streamdesk.ui.widgets.message_bar import MessageBar
from streamdesk.ui.widgets.paged_table import TableWithEmptyState
from streamdesk.ui.widgets.search_box import SearchBox

if TYPE_CHECKING:
    from streamdesk.core.orders import Orders
    from streamdesk.core.shows import Shows
    from streamdesk.ui.tasks import TaskRunner

CUSTOMER_LIMIT = 500  # the list shows the best matches; a search narrows it down
_WIDTHS = {
    CustomerColumn.NICKNAME: 120,
    CustomerColumn.PLATFORM: 62,
    CustomerColumn.NAME: 80,
    CustomerColumn.PHONE: 105,
    CustomerColumn.TAGS: 100,
    CustomerColumn.ORDERS: 52,
    CustomerColumn.LIFETIME: 88,
    CustomerColumn.FIRST_ORDER: 86,
}


class UpdateCustomerCommand(ServiceCommand):
    def __init__(
        self, view: CustomersView, customer_id: int, nickname: str, old: CustomerEdit, new: CustomerEdit
    ) -> None:
        text = QCoreApplication.translate("CustomerCommands", "Edit customer {nickname}").format(nickname=nickname)
        super().__init__(text, view.report_error)
        self._view, self._customer_id, self._old, self._new = view, customer_id, old, new

    def _write(self, edit: CustomerEdit) -> int:
        self._view.orders.update_customer(
            self._customer_id, name=edit.name, phone=edit.phone, tags=edit.tags, notes=edit.notes
        )
        return self._customer_id

    def forward(self) -> int | None:
        return self._write(self._new)

    def backward(self) -> int | None:
        return self._write(self._old)

    def done(self, selected: int | None) -> None:
        self._view.customer_changed(self._customer_id)

    def refused(self) -> None:
        self._view.reload()


class CustomersView(ListDetailView):
    """``order_requested(order_id)``: the user asked to open one of the customer's orders on the Orders page."""

    order_requested = Signal(int)
    loaded = Signal()  # the list was (re)read and shown
    model: CustomersModel
    detail: CustomerDetailPanel

    def __init__(
        self,
        orders: Orders,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        shows: Shows | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        """``shows``: list them in the show picker for new vs returning buyers (hidden without). ``undo_stack``: the
        page's, so its Ctrl+Z undoes edits made here (see case_commands.undo_stack_for)."""
        super().__init__(parent)
        self._orders, self._runner, self._shows = orders, runner, shows
        self._search_serial = 0
        self._detail_id: int | None = None
        self._show_picked = False  # by the user or the page; until then the latest show on air is shown
        self._wanted_show: int | None = None
        self.undo_stack = undo_stack_for(self, undo_stack)
        self.messages = MessageBar(self)
        self.search = SearchBox(self)
        self.search.setPlaceholderText(self.tr("Search nickname, name or phone"))
        self.show_combo = QComboBox(self)
        self.show_combo.setMinimumContentsLength(24)
        self.show_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.show_combo.setToolTip(self.tr("New and returning buyers of this show"))
        self.show_combo.setAccessibleName(self.tr("Show"))
        self.buyer_counts = QLabel(self)
        self.model = CustomersModel(self)
        self.table = make_list_table(self, self.model, _WIDTHS)
        self.list_stack = TableWithEmptyState(self.table, self)
        self.count_label = QLabel(self)
        self.detail = CustomerDetailPanel(self)
        self.detail_stack = QStackedWidget(self)
        self.no_detail = QLabel(self.tr("Choose a customer to see their orders, addresses and notes."), self)
        self.no_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_detail.setWordWrap(True)
        self.detail_stack.addWidget(self.no_detail)
        self.detail_stack.addWidget(self.detail)
        self._make_actions()
        self._build_layout()
        self._connect()
        self.show_combo.setVisible(shows is not None)
        self.buyer_counts.setVisible(shows is not None)
        self.reload()

    # --- layout and wiring -------------------------------------------------------------------------------------
    def _make_actions(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.edit_action = make_action(self, self.tr("Edit customer…"), "F2", context=context)
        self.edit_action.triggered.connect(self.edit_selected)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addSpacing(12)
        top.addWidget(self.show_combo, 1)
        top.addWidget(self.buyer_counts)
        self._lay_out(top, self.list_stack, self.detail_stack, (790, 550))

    def _connect(self) -> None:
        self.search.search_changed.connect(lambda _text: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._on_selection_changed())
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.detail.edit_button.clicked.connect(self.edit_selected)
        self.detail.orders.doubleClicked.connect(lambda _index: self._request_order())
        self.detail.open_order.clicked.connect(self._request_order)
        self.show_combo.currentIndexChanged.connect(lambda _index: self._load_buyer_counts())
        self.show_combo.activated.connect(lambda _index: self.set_show(self.show_combo.currentData()))

    # --- public ------------------------------------------------------------------------------------------------
    @property
    def orders(self) -> Orders:
        return self._orders

    def reload(self) -> None:
        """Read the customers again (after an import or a capture), keeping the selected one."""
        self._search_serial += 1
        serial, text, orders = self._search_serial, self.search.search_text(), self._orders
        selected = self.selected_customer()
        if selected is not None and self._select_after_load is None:
            self._select_after_load = selected.id
        self._runner.start(
            lambda _cancel: (serial, orders.customers(text, CUSTOMER_LIMIT)),
            on_success=self._on_loaded,  # a bound method: closing the view drops the answer
            on_error=self.report_error,
        )
        if self._shows is not None:
            shows = self._shows
            self._runner.start(
                lambda _cancel: shows.list_shows(), on_success=self._on_shows, on_error=self.report_error
            )

    def select_customer(self, customer_id: int) -> None:
        """Select this customer once the list holds it (reads the list again)."""
        self._select_after_load = customer_id
        self.reload()

    def set_show(self, show_id: int | None) -> None:
        """Count new and returning buyers of this show (the Orders page may pass its show filter); kept when the
        shows are read again, and chosen once they arrive if they have not yet."""
        self._show_picked, self._wanted_show = True, show_id
        self.show_combo.setCurrentIndex(max(self.show_combo.findData(show_id), 0))

    def selected_customer(self) -> CustomerRow | None:
        rows = self.table.selected_rows()
        return self.model.row(rows[0]) if rows else None

    def edit_selected(self) -> None:
        detail = self.detail.detail
        selected = self.selected_customer()
        if detail is None or selected is None or detail.row.id != selected.id:
            return
        dialog = CustomerDialog(detail, self, hide_personal=self._privacy is not None and self._privacy.enabled)
        self.current_dialog = dialog
        dialog.accepted.connect(lambda: self._on_edited(detail, dialog.edit()))
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()

    def _on_edited(self, detail: CustomerDetail, new: CustomerEdit) -> None:
        old = CustomerEdit.of(detail)
        if new != old:
            self.undo_stack.push(UpdateCustomerCommand(self, detail.row.id, detail.row.nickname, old, new))

    # --- the undo commands' host -------------------------------------------------------------------------------
    def customer_changed(self, customer_id: int) -> None:
        self.messages.dismiss()
        self._detail_id = None  # read the detail again even though the same customer stays selected
        self.select_customer(customer_id)

    # --- loading -----------------------------------------------------------------------------------------------
    def _on_loaded(self, result: tuple[int, Sequence[CustomerRow]]) -> None:
        serial, rows = result
        if serial != self._search_serial:
            return  # a newer search is on its way: this answer is stale
        wanted = self._select_after_load
        self._select_after_load = None
        self.model.set_rows(rows)
        self._show_count(len(rows))
        if not rows:
            self._show_empty()
        else:
            self.list_stack.show_table()
        row = self.model.row_of(wanted) if wanted is not None else None
        if row is not None:
            self.table.selectRow(row)
        self._on_selection_changed()
        self._has_loaded = True
        self.loaded.emit()

    def _show_count(self, count: int) -> None:
        if count >= CUSTOMER_LIMIT:
            self.count_label.setText(
                self.tr("Showing the first {count} customers. Search to find the others.").format(count=CUSTOMER_LIMIT)
            )
        else:
            self.count_label.setText(self.tr("%n customer(s)", "", count))

    def _show_empty(self) -> None:
        if self.search.search_text():
            self.list_stack.show_empty(
                self.tr("No customer matches"), self.tr("Try part of the nickname, the name or the phone number.")
            )
        else:
            self.list_stack.show_empty(
                self.tr("No customers yet"),
                self.tr("Customers appear here when orders are imported or sales are taken live."),
            )

    def _on_selection_changed(self) -> None:
        selected = self.selected_customer()
        self.edit_action.setEnabled(selected is not None)
        if selected is None:
            self._detail_id = None
            self.detail.detail = None
            self.detail_stack.setCurrentWidget(self.no_detail)
            return
        if selected.id == self._detail_id:
            return
        self._detail_id = selected.id
        customer_id, orders = selected.id, self._orders
        self._runner.start(
            lambda _cancel: orders.get_customer(customer_id),
            on_success=self._on_detail,
            on_error=self.report_error,
        )

    def _on_detail(self, detail: CustomerDetail) -> None:
        if detail.row.id != self._detail_id:
            return  # the user moved on to another customer meanwhile
        self.detail.show_detail(detail)
        self.detail_stack.setCurrentWidget(self.detail)

    def _on_shows(self, shows: Sequence[ShowSummary]) -> None:
        dated = sorted(
            (show for show in shows if not show.is_template and show.planned_start is not None),
            key=lambda show: show.planned_start.timestamp() if show.planned_start else 0.0,
            reverse=True,
        )
        self.show_combo.blockSignals(True)
        self.show_combo.clear()
        self.show_combo.addItem(self.tr("Choose a show…"), None)
        for show in dated:
            when = format_local_datetime(show.planned_start)[:10] if show.planned_start else ""
            self.show_combo.addItem(self.tr("{date} · {title}").format(date=when, title=show.title), show.id)
        if self._show_picked:
            wanted = self._wanted_show
        else:  # until one is picked: the latest show that has been on air
            wanted = next((show.id for show in dated if show.status in (ShowStatus.LIVE, ShowStatus.DONE)), None)
        self.show_combo.setCurrentIndex(max(self.show_combo.findData(wanted), 0))
        self.show_combo.blockSignals(False)
        self._load_buyer_counts()

    def _load_buyer_counts(self) -> None:
        show_id = self.show_combo.currentData()
        if not isinstance(show_id, int):
            self.buyer_counts.setText(self.tr("New and returning buyers per show"))
            return
        orders = self._orders
        self._runner.start(
            lambda _cancel: orders.buyer_counts(show_id), on_success=self._on_buyer_counts, on_error=self.report_error
        )

    def _on_buyer_counts(self, counts: BuyerCounts) -> None:
        if counts.show_id != self.show_combo.currentData():
            return
        self.buyer_counts.setText(
            self.tr("%n buyer(s) · {new} new · {returning} returning", "", counts.buyers).format(
                new=counts.new_buyers, returning=counts.returning_buyers
            )
        )

    def _request_order(self) -> None:
        order_id = self.detail.selected_order_id()
        if order_id is not None:
            self.order_requested.emit(order_id)
