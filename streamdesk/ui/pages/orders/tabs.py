"""The Customers and After-sales tabs of the Orders page, each made on its first visit.

Their widgets (customers_view.CustomersView, after_sales_view.AfterSalesView) are imported then, so opening the
Orders page costs neither. What they ask of the page (open an order, stock or an order changed) comes back through
the callbacks the page gives; the privacy switch reaches them when they are made, or at once if they exist.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from streamdesk.ui.privacy import Privacy

if TYPE_CHECKING:
    from streamdesk.ui.pages.orders.after_sales_view import AfterSalesView
    from streamdesk.ui.pages.orders.customers_view import CustomersView

log = logging.getLogger(__name__)


class SubTabs:
    def __init__(
        self,
        tabs: QTabWidget,
        services: tuple[Any, Any, Any, Any],  # orders, after-sales (or None), shows, runner
        *,
        open_order: Callable[[int], None],
        order_changed: Callable[[int], None],
        stock_changed: Callable[[], None],
        undo_stack: QUndoStack | None = None,
    ) -> None:
        self._tabs = tabs
        self._undo_stack = undo_stack  # one stack per page: the tabs' edits undo with the page's Ctrl+Z
        self._orders, self._after_sales, self._shows, self._runner = services
        self._open_order, self._order_changed, self._stock_changed = open_order, order_changed, stock_changed
        self._privacy: Privacy | None = None
        self.customers_holder = QWidget(tabs)
        self.after_sales_holder = QWidget(tabs)
        for holder in (self.customers_holder, self.after_sales_holder):
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
        self.customers: CustomersView | None = None
        self.after_sales: AfterSalesView | None = None

    def add_tabs(self) -> None:
        # find_spec looks for the modules without importing them
        if find_spec("streamdesk.ui.pages.orders.customers_view") is not None:
            self._tabs.addTab(self.customers_holder, QCoreApplication.translate("OrdersPage", "Customers"))
        if self._after_sales is not None and find_spec("streamdesk.ui.pages.orders.after_sales_view") is not None:
            self._tabs.addTab(self.after_sales_holder, QCoreApplication.translate("OrdersPage", "After-sales"))
        self._tabs.currentChanged.connect(self._on_tab_changed)

    def has_after_sales(self) -> bool:
        return self._tabs.indexOf(self.after_sales_holder) >= 0

    def set_privacy(self, privacy: Privacy) -> None:
        self._privacy = privacy
        for view in (self.customers, self.after_sales):
            self._hand_privacy(view)

    def new_case(self, order_id: int) -> None:
        """Switch to After-sales and start a case for ``order_id``."""
        if not self.has_after_sales():
            return
        self._tabs.setCurrentWidget(self.after_sales_holder)
        view = self._make_after_sales()
        view.new_case(order_id)

    def refresh(self) -> None:
        """Orders changed elsewhere: views already made read their lists again."""
        for view in (self.customers, self.after_sales):
            if view is not None:
                view.reload()

    def _hand_privacy(self, view: QWidget | None) -> None:
        set_privacy = getattr(view, "set_privacy", None)
        if self._privacy is not None and callable(set_privacy):
            set_privacy(self._privacy)

    def _on_tab_changed(self, index: int) -> None:
        holder = self._tabs.widget(index)
        if holder is self.customers_holder:
            self._make_customers()
        elif holder is self.after_sales_holder:
            self._make_after_sales()

    def _make_customers(self) -> CustomersView:
        if self.customers is None:
            from streamdesk.ui.pages.orders.customers_view import CustomersView

            view = CustomersView(
                self._orders, self._runner, self.customers_holder, shows=self._shows, undo_stack=self._undo_stack
            )
            view.order_requested.connect(self._open_order)
            self.customers = view
            self._place(self.customers_holder, view)
        return self.customers

    def _make_after_sales(self) -> AfterSalesView:
        if self.after_sales is None:
            from streamdesk.ui.pages.orders.after_sales_view import AfterSalesView

            view = AfterSalesView(
                self._after_sales, self._orders, self._runner, self.after_sales_holder, undo_stack=self._undo_stack
            )
            view.order_requested.connect(self._open_order)
            view.order_changed.connect(self._order_changed)
            view.stock_changed.connect(self._stock_changed)
            self.after_sales = view
            self._place(self.after_sales_holder, view)
        return self.after_sales

    def _place(self, holder: QWidget, view: QWidget) -> None:
        layout = holder.layout()
        assert layout is not None
        layout.addWidget(view)
        self._hand_privacy(view)
        log.info("orders tab %s created", type(view).__name__)
