"""The orders page's actions and their keys, made in one place so toolbar, menus, empty state and keys agree."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from streamdesk.core.order_types import OrderStatus
from streamdesk.ui.actions import make_action
from streamdesk.ui.pages.orders.labels import order_status_name

PAGE_KEYS = Qt.ShortcutContext.WidgetWithChildrenShortcut  # anywhere on this page, not on other pages
TABLE_KEYS = Qt.ShortcutContext.WidgetShortcut  # only while the table has focus (Enter in a text field is its own)

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
        self.import_orders = self._make(
            page, self.tr("Import orders…"), "Ctrl+I", self.tr("Add or update orders from a platform's export file")
        )
        self.export = self._make(
            page,
            self.tr("Export for shipping…"),
            "Ctrl+E",
            self.tr("Write a courier or label-tool batch file of the selected or shown orders"),
        )
        self.pick_list = self._make(
            page,
            self.tr("Pick list…"),
            "Ctrl+P",
            self.tr("Units to pick per SKU: the selected orders, else the paid orders shown"),
        )
        self.packing_slips = self._make(
            page,
            self.tr("Packing slips…"),
            "Ctrl+Shift+P",
            self.tr(
                "One page per order with its lines and the buyer's note: the selected orders, else the paid ones shown"
            ),
        )
        self.import_tracking = self._make(
            page,
            self.tr("Import tracking…"),
            "Ctrl+T",
            self.tr("Mark orders shipped from a file of order numbers, couriers and tracking numbers"),
        )
        self.mark_shipped = self._make(
            page,
            self.tr("Mark shipped…"),
            "Ctrl+Shift+S",
            self.tr("Record the courier and tracking number of the selected order and set it shipped"),
        )
        self.open_detail = self._make(
            table, self.tr("Open details"), ("Return", "Enter"), self.tr("Move to the selected order's details")
        )
        self.edit_note = self._make(page, self.tr("Seller note"), "F2", self.tr("Write a note on the selected order"))
        self.new_case = self._make(
            page,
            self.tr("New after-sales case…"),
            "Ctrl+Shift+N",
            self.tr("Open a return, refund, exchange or complaint case for the selected order"),
        )
        self.refresh = self._make(page, self.tr("Refresh"), "F5", self.tr("Read the orders again"))
        self.status_menu = QMenu(self.tr("Set status"), page)
        self.status_menu.setToolTip(self.tr("Change the status of the selected orders (undoable)"))
        self.set_status: dict[OrderStatus, QAction] = {}
        for status, key in STATUS_KEYS.items():
            action = self._make(
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
        self.undo = undo_stack.createUndoAction(page, self.tr("Undo"))
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo.setShortcutContext(PAGE_KEYS)
        self.redo = undo_stack.createRedoAction(page, self.tr("Redo"))
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo.setShortcutContext(PAGE_KEYS)
        page.addAction(self.undo)
        page.addAction(self.redo)

    def _make(self, owner: QWidget, text: str, keys: str | tuple[str, ...], tip: str = "") -> QAction:
        context = TABLE_KEYS if owner.inherits("QAbstractItemView") else PAGE_KEYS
        return make_action(owner, text, keys, tip, context=context)

    def selection_actions(self) -> tuple[QAction, ...]:
        """Actions that need at least one selected order."""
        return (self.open_detail, self.edit_note, *self.set_status.values())
