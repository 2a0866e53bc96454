"""The catalogue page's actions and their shortcuts, made in one place so toolbar, menu and keys agree."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QWidget

from streamdesk.ui.actions import page_action, undo_redo_actions


class CatalogueActions(QObject):
    def __init__(self, page: QWidget, table: QWidget, undo_stack: QUndoStack) -> None:
        super().__init__(page)
        # No Ctrl+F here: the main window owns it window-wide and calls focus_search(); two actions on one key
        # would both be ambiguous and neither would fire.
        self.new_product = page_action(page, self.tr("New product"), "Ctrl+N", self.tr("Add a product and its SKUs"))
        self.edit = page_action(table, self.tr("Edit…"), ("Return", "Enter"), self.tr("Edit the selected product"))
        self.duplicate = page_action(page, self.tr("Duplicate"), "Ctrl+D", self.tr("Copy the selected product"))
        self.archive = page_action(
            table, self.tr("Archive"), "Delete", self.tr("Hide the selected products from the catalogue (undoable)")
        )
        self.restore = page_action(page, self.tr("Restore"), "Ctrl+Shift+R", self.tr("Bring archived products back"))
        self.show_archived = page_action(page, self.tr("Show archived"), "Ctrl+Shift+A")
        self.show_archived.setCheckable(True)
        self.live_price = page_action(
            page, self.tr("Live price…"), "Ctrl+L", self.tr("Set the live price of the selected SKUs")
        )
        self.adjust_stock = page_action(
            page, self.tr("Adjust stock…"), "Ctrl+K", self.tr("Add or remove stock with a reason")
        )
        self.stock_history = page_action(
            page, self.tr("Stock history"), "Ctrl+H", self.tr("Every stock move of the selected SKU")
        )
        self.import_products = page_action(
            page, self.tr("Import…"), "Ctrl+I", self.tr("Add or update products from a CSV or Excel file")
        )
        self.export_products = page_action(
            page, self.tr("Export…"), "Ctrl+E", self.tr("Save the products shown to a CSV or Excel file")
        )
        self.clear_search = QAction(self.tr("Clear search"), page)
        self.clear_filters = QAction(self.tr("Clear filters"), page)
        self.undo, self.redo = undo_redo_actions(page, undo_stack, self.tr("Undo"), self.tr("Redo"))

    def selection_actions(self) -> tuple[QAction, ...]:
        return (
            self.edit,
            self.duplicate,
            self.archive,
            self.restore,
            self.live_price,
            self.adjust_stock,
            self.stock_history,
        )
