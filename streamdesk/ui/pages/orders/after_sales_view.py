"""The After-sales tab of the Orders page: cases (咨询, 投诉, 建议, returns, exchanges, refunds) with a status filter
and search, a new case from an order, editing, and the status workflow open → in progress → resolved → closed.

Status changes and edits are undoable (Ctrl+Z here); a step AfterSales refuses is explained in the message bar.
Opening a case that restocks units emits ``stock_changed``; the page relays it to the Catalogue and Live pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from streamdesk.core.errors import UserError
from streamdesk.core.order_types import CaseInput, CaseRow, CaseStatus, OrderDetail
from streamdesk.labels import case_kind_name, case_status_name
from streamdesk.messages import describe
from streamdesk.ui.actions import make_action
from streamdesk.ui.pages.orders.case_commands import (
    WORKFLOW,
    CaseStatusCommand,
    UpdateCaseCommand,
    allowed_next,
    undo_stack_for,
)
from streamdesk.ui.pages.orders.case_detail import CaseDetailPanel
from streamdesk.ui.pages.orders.case_dialog import CaseDialog
from streamdesk.ui.pages.orders.cases_model import CaseColumn, CasesModel
from streamdesk.ui.pages.orders.list_detail import ListDetailView, make_list_table
from streamdesk.ui.widgets.message_bar import MessageBar
from streamdesk.ui.widgets.paged_table import TableWithEmptyState
from streamdesk.ui.widgets.search_box import SearchBox

if TYPE_CHECKING:
    from streamdesk.core.after_sales import AfterSales
    from streamdesk.core.orders import Orders
    from streamdesk.ui.tasks import TaskRunner

_WIDTHS = {
    CaseColumn.NUMBER: 45,
    CaseColumn.KIND: 90,
    CaseColumn.STATUS: 85,
    CaseColumn.ORDER: 160,
    CaseColumn.CUSTOMER: 110,
    CaseColumn.SUMMARY: 150,
    CaseColumn.REFUND: 80,
    CaseColumn.OPENED: 88,
}


_CaseRead = tuple[int, tuple[CaseRow, CaseInput], OrderDetail | None]  # (request serial, case, its order)


class AfterSalesView(ListDetailView):
    """``order_requested(order_id)``: open this order on the Orders page. ``stock_changed()``: a case put units back
    in stock. ``order_changed(order_id)``: a case changed the order's refunded amount (the page may refresh it)."""

    order_requested = Signal(int)
    stock_changed = Signal()
    order_changed = Signal(int)
    loaded = Signal()  # the list was (re)read and shown
    model: CasesModel
    detail: CaseDetailPanel
    current_dialog: CaseDialog | None

    def __init__(
        self,
        after_sales: AfterSales,
        orders: Orders,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        """``undo_stack``: the page's, so its Ctrl+Z undoes steps taken here (see case_commands.undo_stack_for)."""
        super().__init__(parent)
        self._after_sales, self._orders, self._runner = after_sales, orders, runner
        self._serial = 0
        self._detail_serial = 0
        self.undo_stack = undo_stack_for(self, undo_stack)
        self.messages = MessageBar(self)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("All statuses"), None)
        self.status_filter.setAccessibleName(self.tr("Status"))
        for status in WORKFLOW:
            self.status_filter.addItem(case_status_name(status), status)
        self.search = SearchBox(self)
        self.search.setPlaceholderText(self.tr("Search order number, customer or summary"))
        self.model = CasesModel(self)
        self.table = make_list_table(self, self.model, _WIDTHS)
        self.list_stack = TableWithEmptyState(self.table, self)
        self.count_label = QLabel(self)
        self.detail = CaseDetailPanel(self)
        self._make_actions()
        self._build_layout()
        self._connect()
        self._update_actions()
        self.reload()

    # --- layout and wiring -------------------------------------------------------------------------------------
    def _make_actions(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.new_action = make_action(
            self, self.tr("New case…"), tip=self.tr("Open an after-sales case"), context=context
        )
        self.edit_action = make_action(self, self.tr("Edit…"), "F2", self.tr("Edit the selected case"), context=context)
        self.start_action = make_action(
            self, self.tr("Start handling"), tip=self.tr("Move the case from open to in progress"), context=context
        )
        self.resolve_action = make_action(
            self, self.tr("Mark resolved"), tip=self.tr("Mark the case resolved"), context=context
        )
        self.close_action = make_action(
            self,
            self.tr("Close case"),
            tip=self.tr("Close the case. A closed case is final; only Undo right after closing takes it back."),
            context=context,
        )
        self.open_order_action = make_action(
            self, self.tr("Open order"), tip=self.tr("Show the case's order on the Orders tab"), context=context
        )
        self.status_actions = {
            CaseStatus.IN_PROGRESS: self.start_action,
            CaseStatus.RESOLVED: self.resolve_action,
            CaseStatus.CLOSED: self.close_action,
        }

    def _button(self, action: QAction) -> QPushButton:
        button = QPushButton(action.text(), self)
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        button.setEnabled(action.isEnabled())
        return button

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Status:"), self))
        top.addWidget(self.status_filter)
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        for action in (self.new_action, self.edit_action):
            top.addWidget(self._button(action))
        top.addSpacing(12)
        for action in (self.start_action, self.resolve_action, self.close_action, self.open_order_action):
            top.addWidget(self._button(action))
        self._lay_out(top, self.list_stack, self.detail, (900, 420))

    def _connect(self) -> None:
        self.search.search_changed.connect(lambda _text: self.reload())
        self.status_filter.currentIndexChanged.connect(lambda _index: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._on_selection_changed())
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.new_action.triggered.connect(lambda: self.new_case())
        self.edit_action.triggered.connect(self.edit_selected)
        for status, action in self.status_actions.items():
            action.triggered.connect(lambda _checked=False, status=status: self.set_selected_status(status))
        self.open_order_action.triggered.connect(self._request_order)
        self.detail.order_link_activated.connect(self.order_requested)

    # --- public ------------------------------------------------------------------------------------------------
    @property
    def after_sales(self) -> AfterSales:
        return self._after_sales

    def reload(self) -> None:
        """Read the cases again with the current filter, keeping the selected one."""
        self._serial += 1
        serial, after_sales = self._serial, self._after_sales
        status, text = self.status_shown(), self.search.search_text()
        selected = self.selected_case()
        if selected is not None and self._select_after_load is None:
            self._select_after_load = selected.id
        self._runner.start(
            lambda _cancel: (serial, after_sales.cases(status=status, text=text)),
            on_success=self._on_loaded,  # a bound method: closing the view drops the answer
            on_error=self.report_error,
        )

    def status_shown(self) -> CaseStatus | None:
        """The status filter; None lists every case. (The combo hands its data back as plain text.)"""
        data = self.status_filter.currentData()
        return CaseStatus(data) if data else None

    def select_case(self, case_id: int) -> None:
        self._select_after_load = case_id
        self.reload()

    def selected_case(self) -> CaseRow | None:
        rows = self.table.selected_rows()
        return self.model.row(rows[0]) if rows else None

    def new_case(self, order_id: int | None = None) -> None:
        """Open the case dialog, about this order when given (the Orders page's "After-sales case…")."""
        self._open_dialog(CaseDialog(self._orders, self._open_case, self, order_id=order_id, privacy=self._privacy))

    def edit_selected(self) -> None:
        selected = self.selected_case()
        if selected is None:
            return
        try:
            row, case = self._after_sales.get_case(selected.id)
        except UserError as error:
            self.report_error(describe(error))
            return

        def submit(new: CaseInput) -> str | None:
            if new == case:
                return None
            command = UpdateCaseCommand(self, row.id, case, new)
            self.undo_stack.push(command)
            if command.failed:
                self.messages.dismiss()  # the dialog shows it and stays open
                return command.error
            return None

        customer = self._customer_text(row)
        dialog = CaseDialog(
            self._orders, submit, self, case=case, currency=row.currency, customer=customer, privacy=self._privacy
        )
        self._open_dialog(dialog)

    def _open_dialog(self, dialog: CaseDialog) -> None:
        """Window-modal without blocking: ``current_dialog`` is the open one (tests and the page can reach it)."""
        self.current_dialog = dialog
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()

    def set_selected_status(self, status: CaseStatus) -> None:
        selected = self.selected_case()
        if selected is not None:
            self.undo_stack.push(CaseStatusCommand(self, selected.id, status))

    # --- the commands' host ------------------------------------------------------------------------------------
    def case_changed(self, case_id: int) -> None:
        self.messages.dismiss()
        self.select_case(case_id)

    def refund_changed(self, order_id: int) -> None:
        self.order_changed.emit(order_id)

    # --- writing -----------------------------------------------------------------------------------------------
    def _open_case(self, case: CaseInput) -> str | None:
        """The case dialog's OK: one AfterSales.open_case call; a refusal is returned for the dialog to show."""
        try:
            case_id = self._after_sales.open_case(case)
        except UserError as error:
            return describe(error)
        self.messages.show_info(
            self.tr("Opened case {number} ({kind}).").format(number=case_id, kind=case_kind_name(case.kind))
        )
        if any(item.restock and item.quantity > 0 for item in case.items):
            self.stock_changed.emit()
        if case.order_id is not None and case.refund_minor:
            self.order_changed.emit(case.order_id)
        self.select_case(case_id)
        return None

    # --- loading -----------------------------------------------------------------------------------------------
    def _on_loaded(self, result: tuple[int, Sequence[CaseRow]]) -> None:
        serial, rows = result
        if serial != self._serial:
            return  # a newer filter or search is on its way
        wanted = self._select_after_load
        self._select_after_load = None
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("%n case(s)", "", len(rows)))
        if rows:
            self.list_stack.show_table()
        elif self.search.search_text() or self.status_shown() is not None:
            self.list_stack.show_empty(
                self.tr("No case matches"), self.tr("Choose another status or search for something else.")
            )
        else:
            self.list_stack.show_empty(
                self.tr("No after-sales cases yet"),
                self.tr("Open a case when a customer asks, complains, suggests or sends something back."),
                (self.new_action,),
            )
        row = self.model.row_of(wanted) if wanted is not None else None
        if row is not None:
            self.table.selectRow(row)
        self._on_selection_changed(force=True)
        self._has_loaded = True
        self.loaded.emit()

    def _on_selection_changed(self, *, force: bool = False) -> None:
        self._update_actions()
        selected = self.selected_case()
        if selected is None:
            self.detail.clear_case()
            return
        if not force and self.detail.case_id == selected.id:
            return
        self._detail_serial += 1
        serial, case_id, order_id = self._detail_serial, selected.id, selected.order_id
        after_sales, orders = self._after_sales, self._orders

        def read(_cancel: object) -> _CaseRead:
            order = orders.get_order(order_id) if order_id is not None else None
            return serial, after_sales.get_case(case_id), order

        self._runner.start(read, on_success=self._on_detail, on_error=self.report_error)

    def _on_detail(self, result: _CaseRead) -> None:
        serial, case, order = result
        if serial == self._detail_serial:
            self.detail.show_case(case[0], case[1], order)

    def _update_actions(self) -> None:
        selected = self.selected_case()
        current = selected.status if selected is not None else None
        self.edit_action.setEnabled(selected is not None)
        self.open_order_action.setEnabled(selected is not None and selected.order_id is not None)
        for status, action in self.status_actions.items():
            action.setEnabled(current is not None and allowed_next(current, status))

    def _request_order(self) -> None:
        selected = self.selected_case()
        if selected is not None and selected.order_id is not None:
            self.order_requested.emit(selected.order_id)

    def _customer_text(self, row: CaseRow) -> str:
        return row.customer if self._privacy is None else self._privacy.name(row.customer)
