"""The catalogue page's actions and their shortcuts, made in one place so toolbar, menu and keys agree."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget

from streamdesk.ui.actions import make_action

PAGE_KEYS = Qt.ShortcutContext.WidgetWithChildrenShortcut  # anywhere on this page, not on other pages
TABLE_KEYS = Qt.ShortcutContext.WidgetShortcut  # only while the table has focus (Delete in the search box edits text)


class CatalogueActions(QObject):
    def __init__(self, page: QWidget, table: QWidget, undo_stack: QUndoStack) -> None:
        super().__init__(page)
        # No Ctrl+F here: the main window owns it window-wide and calls focus_search(); two actions on one key
        # would both be ambiguous and neither would fire.
        self.new_product = self._make(page, self.tr("New product"), "Ctrl+N", self.tr("Add a product and its SKUs"))
        self.edit = self._make(table, self.tr("Edit…"), ("Return", "Enter"), self.tr("Edit the selected product"))
        self.duplicate = self._make(page, self.tr("Duplicate"), "Ctrl+D", self.tr("Copy the selected product"))
        self.archive = self._make(
            table, self.tr("Archive"), "Delete", self.tr("Hide the selected products from the catalogue (undoable)")
        )
        self.restore = self._make(page, self.tr("Restore"), "Ctrl+Shift+R", self.tr("Bring archived products back"))
        self.show_archived = self._make(page, self.tr("Show archived"), "Ctrl+Shift+A")
        self.show_archived.setCheckable(True)
        self.live_price = self._make(
            page, self.tr("Live price…"), "Ctrl+L", self.tr("Set the live price of the selected SKUs")
        )
        self.adjust_stock = self._make(
            page, self.tr("Adjust stock…"), "Ctrl+K", self.tr("Add or remove stock with a reason")
        )
        self.stock_history = self._make(
            page, self.tr("Stock history"), "Ctrl+H", self.tr("Every stock move of the selected SKU")
        )
        self.import_products = self._make(
            page, self.tr("Import…"), "Ctrl+I", self.tr("Add or update products from a CSV or Excel file")
        )
        self.export_products = self._make(
            page, self.tr("Export…"), "Ctrl+E", self.tr("Save the products shown to a CSV or Excel file")
        )
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
        return (
            self.edit,
            self.duplicate,
            self.archive,
            self.restore,
            self.live_price,
            self.adjust_stock,
            self.stock_history,
        )
