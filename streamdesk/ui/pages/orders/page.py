"""The Orders page (订单): filters, the paged orders table, one order's details, status changes with undo, the
shipping files (export, pick list, packing slips), tracking and order imports; Customers and After-sales tabs.

The Customers and After-sales tabs and the import dialog are their own modules (customers_view, after_sales_view,
import_dialog); each is imported when first needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import QLabel, QMenu, QSplitter, QTabWidget, QToolBar, QToolButton, QVBoxLayout, QWidget

from streamdesk.core.errors import UserError
from streamdesk.core.order_types import OrderFilter, OrderRow, OrderStatus
from streamdesk.messages import describe
from streamdesk.ui.pages.orders.actions import OrdersActions
from streamdesk.ui.pages.orders.detail_panel import DetailPanel
from streamdesk.ui.pages.orders.filter_bar import FilterBar
from streamdesk.ui.pages.orders.flows import OrderFlows
from streamdesk.ui.pages.orders.orders_model import SORT_KEYS, OrderColumn, OrdersModel
from streamdesk.ui.pages.orders.table_support import TableSupport, count_text
from streamdesk.ui.pages.orders.tabs import SubTabs
from streamdesk.ui.pages.orders.undo_commands import SellerNoteCommand, SetStatusCommand
from streamdesk.ui.privacy import Privacy
from streamdesk.ui.widgets.column_widths import widen_to_titles
from streamdesk.ui.widgets.message_bar import MessageBar
from streamdesk.ui.widgets.money_delegate import MoneyDelegate
from streamdesk.ui.widgets.paged_table import PagedTableView, TableWithEmptyState
from streamdesk.ui.widgets.task_progress import TaskProgress

if TYPE_CHECKING:
    from streamdesk.config import Settings
    from streamdesk.core.after_sales import AfterSales
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.orders import Orders
    from streamdesk.core.orders_io import OrdersIO
    from streamdesk.core.shipping_io import ShippingIO
    from streamdesk.core.shows import Shows
    from streamdesk.ui.tasks import TaskRunner

T = TypeVar("T")
_COLUMN_WIDTHS = {
    OrderColumn.REVIEW: 26,
    OrderColumn.ORDER_NO: 158,
    OrderColumn.STATUS: 126,
    OrderColumn.SHIP_BY: 128,
    OrderColumn.BUYER: 100,
    OrderColumn.ITEMS: 210,
    OrderColumn.QUANTITY: 40,
    OrderColumn.PAID: 84,
    OrderColumn.PLATFORM: 76,
    OrderColumn.CREATED: 116,
    OrderColumn.RECIPIENT: 80,
}


class OrdersPage(QWidget):
    orders_imported = Signal(int)  # import batch id; the main window relays it to the other pages
    stock_changed = Signal()  # a cancel or refund put stock back (or an undo took it again)

    def __init__(
        self,
        orders: Orders,
        orders_io: OrdersIO | Callable[[], OrdersIO],
        shipping_io: ShippingIO | Callable[[], ShippingIO],
        after_sales: AfterSales | None,
        shows: Shows,
        runner: TaskRunner,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        catalogue: Catalogue | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """``orders_io`` and ``shipping_io`` may be functions that make them: they are then called when a file is
        first read or written, so opening the page does not import the spreadsheet machinery. ``catalogue`` lets
        the import dialog map unmatched lines itself; ``after_sales`` None leaves out the After-sales tab."""
        super().__init__(parent)
        self._orders = orders
        self._shows = shows
        self._runner = runner
        self._settings = settings
        self._clock = clock or (lambda: datetime.now(UTC))
        self.privacy = Privacy(parent=self)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)

        self.tabs = QTabWidget(self)
        self.orders_tab = QWidget(self.tabs)
        self.filters = FilterBar(self._today, self.orders_tab)
        self.messages = MessageBar(self.orders_tab)
        self.table = PagedTableView(self.orders_tab, row_height=28)
        self.model = OrdersModel(orders, runner, self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(int(OrderColumn.PAID), MoneyDelegate(self.table))
        self.table_support = TableSupport(self.table, self.model)  # before the page's own loaded slot
        self.stack = TableWithEmptyState(self.table, self.orders_tab)
        self.detail = DetailPanel(orders, after_sales, runner, self.orders_tab)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self.orders_tab)
        self.count_label = QLabel(self.orders_tab)
        self.progress = TaskProgress(self.orders_tab)
        self.order_actions = OrdersActions(self, self.table, self.undo_stack)
        self.flows = OrderFlows(self, orders, orders_io, shipping_io, shows, runner, catalogue)
        self.sub_tabs = SubTabs(
            self.tabs,
            (orders, after_sales, shows, runner),
            open_order=self.open_order,
            order_changed=lambda order_id: self.orders_changed((order_id,), stock=False),
            stock_changed=self.stock_changed.emit,
            undo_stack=self.undo_stack,
        )
        self.toolbar = QToolBar(self.orders_tab)
        self._build_layout()
        self._connect()
        self._update_actions()
        self.load_shows()
        self.model.set_filter(self.filters.current_filter())
        self.model.reload()

    # --- layout and wiring -------------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        a = self.order_actions
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(a.import_orders)
        self.toolbar.addAction(a.import_tracking)
        self.toolbar.addSeparator()
        status_button = QToolButton(self.toolbar)
        status_button.setText(self.tr("Set status"))
        status_button.setToolTip(a.status_menu.toolTip())
        status_button.setMenu(a.status_menu)
        status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_button = status_button
        self.toolbar.addWidget(status_button)
        self.toolbar.addAction(a.mark_shipped)
        self.toolbar.addSeparator()
        for action in (a.export, a.pick_list, a.packing_slips, None, a.undo, a.redo):
            if action is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(action)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in _COLUMN_WIDTHS.items():
            self.table.setColumnWidth(int(column), width)
        widen_to_titles(self.table)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([940, 400])
        self.splitter.setChildrenCollapsible(False)
        self.detail.setMinimumWidth(320)
        status = QWidget(self.orders_tab)
        status_layout = QVBoxLayout(status)
        status_layout.setContentsMargins(0, 0, 0, 0)
        status_layout.addWidget(self.progress)
        status_layout.addWidget(self.count_label)
        tab_layout = QVBoxLayout(self.orders_tab)
        tab_layout.setContentsMargins(0, 4, 0, 0)
        tab_layout.addWidget(self.toolbar)
        tab_layout.addWidget(self.filters)
        tab_layout.addWidget(self.messages)
        tab_layout.addWidget(self.splitter, 1)
        tab_layout.addWidget(status)
        self.tabs.addTab(self.orders_tab, self.tr("Orders"))
        self.sub_tabs.add_tabs()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def _connect(self) -> None:
        a = self.order_actions
        a.import_orders.triggered.connect(self.flows.import_orders)
        a.import_tracking.triggered.connect(self.flows.import_tracking)
        a.mark_shipped.triggered.connect(self.flows.mark_shipped)
        a.export.triggered.connect(self.flows.export)
        a.pick_list.triggered.connect(self.flows.pick_list)
        a.packing_slips.triggered.connect(self.flows.packing_slips)
        a.open_detail.triggered.connect(self.detail.focus_detail)
        a.edit_note.triggered.connect(self.detail.focus_note)
        a.new_case.triggered.connect(self._new_case)
        a.refresh.triggered.connect(self.refresh)
        a.clear_search.triggered.connect(self.filters.search.clear_search)
        a.clear_filters.triggered.connect(self.filters.clear_filters)
        for status, action in a.set_status.items():
            action.triggered.connect(lambda _checked=False, status=status: self.set_status(status))
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.detail)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(lambda: self.table.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.filters.filter_changed.connect(self.model.set_filter)
        self.table.doubleClicked.connect(lambda _index: self.detail.focus_detail())
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.model.loaded.connect(self._on_loaded)
        self.model.rows_fetched.connect(lambda _count: self._update_count())
        self.model.load_failed.connect(self.report_error)
        self.detail.seller_note_saved.connect(self.save_seller_note)
        self.detail.load_failed.connect(self.report_error)
        self.flows.orders_imported.connect(self._on_imported_here)
        self.flows.orders_shipped.connect(self.refresh)

    # --- public ------------------------------------------------------------------------------------------------
    @property
    def orders(self) -> Orders:
        return self._orders

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.orders_tab)
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def set_privacy(self, privacy: Privacy) -> None:
        """The main window's privacy switch: recipients, phones and addresses are shown through it."""
        self.privacy = privacy
        self.model.set_privacy(privacy)
        self.detail.set_privacy(privacy)
        self.sub_tabs.set_privacy(privacy)

    def apply_settings(self, settings: Settings) -> None:
        self._settings = settings

    def refresh(self) -> None:
        """Query again, keeping the rows loaded so far, the selection and the order shown in the panel."""
        self.table_support.keep_selection()
        self.model.reload(keep_loaded=True)
        self.detail.reload()
        self.sub_tabs.refresh()

    def load_shows(self) -> None:
        """Fill the show filter in the background, like the rows: the page never queries before it paints."""
        shows = self._shows
        self._runner.start(lambda _cancel: shows.list_shows(), on_success=self.filters.set_shows)

    def selected_rows(self) -> list[OrderRow]:
        return self.model.rows(self.table.selected_rows())

    def current_filter(self) -> OrderFilter:
        return self.model.filter

    def shown_total(self) -> int:
        """How many orders the filters match (loaded or not)."""
        return self.model.total()

    def report_error(self, message: str) -> None:
        self.messages.show_error(message)

    def report_info(self, message: str, *, action_text: str = "", action: Callable[[], None] | None = None) -> None:
        self.messages.show_info(message, action_text=action_text, action=action)

    def open_order(self, order_id: int) -> None:
        """Bring one order into view (from the Customers or After-sales tab): its row selected, its details shown."""
        self.tabs.setCurrentWidget(self.orders_tab)
        self.table_support.select_after_load((order_id,))
        if self.model.row_of_order(order_id) is not None:
            self.table_support.restore_selection()
        else:
            detail = self.run_service(lambda: self._orders.get_order(order_id))
            if detail is not None:
                self.filters.show_matching(detail.row.order_no)
        self.detail.show_order(order_id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_status(self, status: OrderStatus) -> None:
        ids = [row.id for row in self.selected_rows() if row.status is not status]
        if ids:
            self.undo_stack.push(SetStatusCommand(self, ids, status))

    def save_seller_note(self, order_id: int, note: str) -> None:
        """Saved over the order as the panel showed it: if someone else changed it since, the save is refused
        (db.conflict, in the message bar) and the typed note stays in the panel to copy."""
        shown = self.detail.detail
        version = shown.version if shown is not None and shown.row.id == order_id else None
        self.undo_stack.push(SellerNoteCommand(self, order_id, note, version))

    def orders_changed(self, order_ids: Sequence[int], *, stock: bool) -> None:
        """After a command ran forwards or backwards: refetch, keep those orders selected, tell others about stock."""
        self.table_support.select_after_load(order_ids)
        self.model.reload(keep_loaded=True)
        if self.detail.order_id() in order_ids:
            self.detail.reload()
        if stock:
            self.stock_changed.emit()

    # --- relayed from other pages ------------------------------------------------------------------------------
    def _new_case(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self.sub_tabs.new_case(rows[0].id)

    def _on_stock_changed(self) -> None:
        """Another page changed stock, perhaps by taking an order live: show the orders as they are now."""
        self.refresh()

    def _on_orders_imported(self, *_batch: object) -> None:
        self.refresh()

    def _on_show_started(self, *_show: object) -> None:
        self.load_shows()

    def _on_imported_here(self, batch_id: int) -> None:
        self.refresh()
        self.load_shows()
        self.orders_imported.emit(batch_id)

    # --- slots -------------------------------------------------------------------------------------------------
    def _today(self) -> date:
        return self._clock().astimezone().date()

    def _on_loaded(self) -> None:
        self._update_empty_state()
        self._update_actions()
        shown = self.detail.order_id()
        if shown is not None and self.model.row_of_order(shown) is None and not self.selected_rows():
            self._show_in_detail(None)  # the filters no longer show it

    def _show_in_detail(self, order_id: int | None) -> None:
        shown = self.detail.order_id()
        if shown is not None and self.detail.note_is_edited():  # moving on keeps what was typed
            self.save_seller_note(shown, self.detail.seller_note.toPlainText())
        self.detail.show_order(order_id)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        shown = self.detail.order_id()
        order_id = self.model.row(current.row()).id if current.isValid() else None
        if order_id != shown or order_id is None:
            self._show_in_detail(order_id)

    def _update_count(self) -> None:
        self.count_label.setText(count_text(self.model.total(), self.model.rowCount(), self.selected_rows()))

    def _update_empty_state(self) -> None:
        if self.model.total() > 0:
            self.stack.show_table()
            return
        query, a = self.model.filter, self.order_actions
        if (query.text or self.filters.has_filters()) and self._any_orders():
            if query.text:
                self.stack.show_empty(
                    self.tr("No orders match “{text}”").format(text=query.text),
                    self.tr("Search for part of an order number, a buyer, a recipient, a SKU or a title."),
                    (a.clear_search, a.clear_filters) if self.filters.has_filters() else (a.clear_search,),
                )
            else:
                self.stack.show_empty(
                    self.tr("No orders match these filters"),
                    self.tr("Choose other filters, or clear them to see every order."),
                    (a.clear_filters,),
                )
            return
        self.stack.show_empty(
            self.tr("No orders yet"),
            self.tr("Import your platform's order export (Ctrl+I) or take orders on the Live page."),
            (a.import_orders,),
        )

    def _any_orders(self) -> bool:
        total, _rows = self._orders.count_and_page(OrderFilter(), SORT_KEYS[OrderColumn.CREATED], True, 0, 1)
        return total > 0

    def _update_actions(self, *_args: object) -> None:
        rows = self.selected_rows()
        a = self.order_actions
        for action in a.selection_actions():
            action.setEnabled(bool(rows))
        for status, action in a.set_status.items():
            action.setEnabled(any(row.status is not status for row in rows))
        self.status_button.setEnabled(bool(rows))
        a.new_case.setEnabled(len(rows) == 1 and self.sub_tabs.has_after_sales())
        a.mark_shipped.setEnabled(len(rows) == 1)
        self._update_count()

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.table.selectRow(index.row())
        menu = QMenu(self)
        a = self.order_actions
        menu.addAction(a.open_detail)
        menu.addAction(a.edit_note)
        menu.addMenu(a.status_menu)
        menu.addAction(a.mark_shipped)
        menu.addAction(a.new_case)
        menu.addSeparator()
        for action in (a.export, a.pick_list, a.packing_slips):
            menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def run_service(self, call: Callable[[], T]) -> T | None:
        """Call a service for a read the UI needs now; a UserError becomes the page's error message."""
        try:
            return call()
        except UserError as error:
            self.report_error(describe(error))
            return None
