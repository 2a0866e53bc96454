"""The orders page's actions and their keys, made in one place so toolbar, menus, empty state and keys agree."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from streamdesk.core.order_types import OrderStatus
from streamdesk.ui.actions import page_action, undo_redo_actions
from streamdesk.ui.pages.orders.labels import order_status_name

# The statuses a seller sets by hand, with keys in the order an order lives through them.
STATUS_KEYS = {
    OrderStatus.PAID: "Alt+1",
    OrderStatus.SHIPPED: "Alt+2",
    OrderStatus.COMPLETED: "Alt+3",
    OrderStatus.REFUNDING: "Alt+4",
    OrderStatus.REFUNDED: "Alt+5",
    OrderStatus.CANCELLED: "Alt+6",
    OrderStatus.PENDING_PAYMENT: "Alt+7",
}


class OrdersActions(QObject):
    def __init__(self, page: QWidget, table: QWidget, undo_stack: QUndoStack) -> None:
        super().__init__(page)
        # No Ctrl+F here: the main window owns it window-wide and calls focus_search() (see the catalogue page).
        self.import_orders = page_action(
            page, self.tr("Import orders…"), "Ctrl+I", self.tr("Add or update orders from a platform's export file")
        )
        self.export = page_action(
            page,
            self.tr("Export for shipping…"),
            "Ctrl+E",
            self.tr("Write a courier or label-tool batch file of the selected or shown orders"),
        )
        self.pick_list = page_action(
            page,
            self.tr("Pick list…"),
            "Ctrl+P",
            self.tr("Units to pick per SKU: the selected orders, else the paid orders shown"),
        )
        self.packing_slips = page_action(
            page,
            self.tr("Packing slips…"),
            "Ctrl+Shift+P",
            self.tr(
                "One page per order with its lines and the buyer's note: the selected orders, else the paid ones shown"
            ),
        )
        self.import_tracking = page_action(
            page,
            self.tr("Import tracking…"),
            "Ctrl+T",
            self.tr("Mark orders shipped from a file of order numbers, couriers and tracking numbers"),
        )
        self.mark_shipped = page_action(
            page,
            self.tr("Mark shipped…"),
            "Ctrl+Shift+S",
            self.tr("Record the courier and tracking number of the selected order and set it shipped"),
        )
        self.open_detail = page_action(
            table, self.tr("Open details"), ("Return", "Enter"), self.tr("Move to the selected order's details")
        )
        self.edit_note = page_action(page, self.tr("Seller note"), "F2", self.tr("Write a note on the selected order"))
        self.new_case = page_action(
            page,
            self.tr("New after-sales case…"),
            "Ctrl+Shift+N",
            self.tr("Open a return, refund, exchange or complaint case for the selected order"),
        )
        self.refresh = page_action(page, self.tr("Refresh"), "F5", self.tr("Read the orders again"))
        self.status_menu = QMenu(self.tr("Set status"), page)
        self.status_menu.setToolTip(self.tr("Change the status of the selected orders (undoable)"))
        self.set_status: dict[OrderStatus, QAction] = {}
        for status, key in STATUS_KEYS.items():
            action = page_action(
                page,
                order_status_name(status),
                key,
                self.tr("Set the selected orders to “{status}”").format(status=order_status_name(status)),
            )
            action.setData(status.value)
            self.status_menu.addAction(action)
            self.set_status[status] = action
        self.clear_search = QAction(self.tr("Clear search"), page)
        self.clear_filters = QAction(self.tr("Clear filters"), page)
        self.undo, self.redo = undo_redo_actions(page, undo_stack, self.tr("Undo"), self.tr("Redo"))

    def selection_actions(self) -> tuple[QAction, ...]:
        """Actions that need at least one selected order."""
        return (self.open_detail, self.edit_note, *self.set_status.values())
