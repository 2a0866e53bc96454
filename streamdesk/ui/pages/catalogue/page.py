"""The Catalogue page (商品目录): search, filters, the SKU table and every catalogue action, undoable."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QMenu, QToolBar, QVBoxLayout, QWidget

from streamdesk.core.catalogue_types import ArchivedFilter, CatalogueFilter, CatalogueRow, CatalogueSort
from streamdesk.ui.formatting import format_count
from streamdesk.ui.page_host import MessageHost
from streamdesk.ui.pages.catalogue.actions import CatalogueActions
from streamdesk.ui.pages.catalogue.catalogue_model import SORT_KEYS, CatalogueColumn, CatalogueModel
from streamdesk.ui.pages.catalogue.dialogs import DialogFlows
from streamdesk.ui.pages.catalogue.filter_bar import FilterBar
from streamdesk.ui.pages.catalogue.thumbnails import ThumbnailLoader
from streamdesk.ui.widgets.column_widths import widen_to_titles
from streamdesk.ui.widgets.message_bar import MessageBar
from streamdesk.ui.widgets.paged_table import PagedTableView, TableWithEmptyState
from streamdesk.ui.widgets.task_progress import TaskProgress

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.products_io import ProductsIO
    from streamdesk.ui.tasks import TaskRunner

THUMBNAIL_SIZE = 36
_COLUMN_WIDTHS = {
    CatalogueColumn.THUMBNAIL: THUMBNAIL_SIZE + 12,
    CatalogueColumn.TITLE: 240,
    CatalogueColumn.SPEC: 110,
    CatalogueColumn.SKU: 130,
    CatalogueColumn.CATEGORY: 90,
    CatalogueColumn.ROLE: 90,
    CatalogueColumn.COST: 80,
    CatalogueColumn.LIST_PRICE: 80,
    CatalogueColumn.LIVE_PRICE: 80,
    CatalogueColumn.MARGIN: 80,
    CatalogueColumn.MARGIN_PCT: 70,
    CatalogueColumn.STOCK: 60,
    CatalogueColumn.SCORE: 56,
}


class CataloguePage(MessageHost, QWidget):
    stock_changed = Signal()

    def __init__(
        self,
        catalogue: Catalogue,
        products_io: ProductsIO | Callable[[], ProductsIO],
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        """``products_io`` may be a function that makes it: it is then called when import, export or a new product
        first needs it, so opening the page does not import the CSV/XLSX machinery."""
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self._select_product_after_load: int | None = None
        self._select_variants_after_load: tuple[int, ...] = ()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)

        self.filters = FilterBar(self)
        self.messages = MessageBar(self)
        self.table = PagedTableView(self, row_height=THUMBNAIL_SIZE + 6)
        self.thumbnails = ThumbnailLoader(catalogue, THUMBNAIL_SIZE, self)
        self.model = CatalogueModel(catalogue, runner, self.thumbnails, catalogue.weights, self)
        self.table.setModel(self.model)
        self.stack = TableWithEmptyState(self.table, self)
        self.count_label = QLabel(self)
        self.progress = TaskProgress(self)
        self.catalogue_actions = CatalogueActions(self, self.table, self.undo_stack)
        self.flows = DialogFlows(self, catalogue, products_io, runner)
        self.toolbar = QToolBar(self)
        self._build_layout()
        self._connect()
        self._load_categories()
        self._update_actions()
        self.model.set_filter(self.filters.current_filter())
        self.model.reload()

    # --- layout and wiring -------------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        a = self.catalogue_actions
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for group in (
            (a.new_product, a.edit, a.duplicate, a.archive, a.restore),
            (a.live_price, a.adjust_stock, a.stock_history),
            (a.import_products, a.export_products),
            (a.undo, a.redo),
        ):
            self.toolbar.addActions(list(group))
            self.toolbar.addSeparator()
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(int(CatalogueColumn.TITLE), Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(True)
        for column, width in _COLUMN_WIDTHS.items():
            self.table.setColumnWidth(int(column), width)
        widen_to_titles(self.table)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        status = QWidget(self)
        status_layout = QVBoxLayout(status)
        status_layout.setContentsMargins(0, 0, 0, 0)
        status_layout.addWidget(self.progress)
        status_layout.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(self.messages)
        layout.addWidget(self.stack, 1)
        layout.addWidget(status)

    def _connect(self) -> None:
        a = self.catalogue_actions
        a.new_product.triggered.connect(self.flows.new_product)
        a.edit.triggered.connect(self.flows.edit_selected)
        a.duplicate.triggered.connect(self.flows.duplicate_selected)
        a.archive.triggered.connect(lambda: self.flows.set_selected_archived(True))
        a.restore.triggered.connect(lambda: self.flows.set_selected_archived(False))
        a.show_archived.toggled.connect(self._on_show_archived_toggled)
        a.live_price.triggered.connect(self.flows.bulk_live_price)
        a.adjust_stock.triggered.connect(self.flows.adjust_stock)
        a.stock_history.triggered.connect(self.flows.stock_history)
        a.import_products.triggered.connect(self.flows.import_products)
        a.export_products.triggered.connect(self.flows.export_products)
        a.clear_search.triggered.connect(self.filters.search.clear_search)
        a.clear_filters.triggered.connect(self.filters.clear_filters)
        self.filters.filter_changed.connect(self._on_filter_changed)
        self.table.doubleClicked.connect(lambda _index: self.flows.edit_selected())
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.table.horizontalHeader().sectionClicked.connect(self._on_header_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.model.loaded.connect(self._on_loaded)
        self.model.rows_fetched.connect(lambda _count: self._update_count())
        self.model.load_failed.connect(self.report_error)

    def _load_categories(self) -> None:
        """Fill the category filter in the background, like the rows: the page never queries before it paints."""
        catalogue = self._catalogue
        self._runner.start(lambda _cancel: catalogue.categories(), on_success=self.filters.set_categories)

    # --- public ------------------------------------------------------------------------------------------------
    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def refresh(self) -> None:
        """Query again, keeping the rows loaded so far and the selection (after orders or an import elsewhere)."""
        self._select_variants_after_load = tuple(row.variant_id for row in self.selected_rows())
        self._load_categories()
        self.model.reload(keep_loaded=True)

    def _on_stock_changed(self) -> None:
        """Another page changed stock (the main window relays it): show the new numbers."""
        self.refresh()

    def _on_orders_imported(self, *_batch: object) -> None:
        self.refresh()

    def selected_rows(self) -> list[CatalogueRow]:
        return self.model.rows(self.table.selected_rows())

    def catalogue_changed(self, *, stock: bool, select_product: int | None = None) -> None:
        """After a command ran forwards or backwards: refetch, reselect, and tell other pages about stock."""
        self._select_product_after_load = select_product
        self.refresh()
        if select_product is not None:
            self._select_variants_after_load = ()
        if stock:
            self.stock_changed.emit()

    # --- slots -------------------------------------------------------------------------------------------------
    def _on_filter_changed(self, query: CatalogueFilter) -> None:
        self.catalogue_actions.show_archived.blockSignals(True)
        self.catalogue_actions.show_archived.setChecked(query.archived != ArchivedFilter.ACTIVE)
        self.catalogue_actions.show_archived.blockSignals(False)
        self.model.set_filter(query)

    def _on_show_archived_toggled(self, checked: bool) -> None:
        self.filters.set_archived(ArchivedFilter.ALL if checked else ArchivedFilter.ACTIVE)

    def _on_header_clicked(self, section: int) -> None:
        key = SORT_KEYS.get(CatalogueColumn(section))
        current = self.model.sort_order
        header = self.table.horizontalHeader()
        if key is None:  # pictures, specs, roles and suppliers are not sortable: put the indicator back
            header.setSortIndicator(self._sort_column(current), self._qt_order(current))
            return
        descending = (not current.descending) if key == current.key else key in _DESCENDING_FIRST
        sort = CatalogueSort(key, descending)
        header.setSortIndicator(section, self._qt_order(sort))
        self._select_variants_after_load = tuple(row.variant_id for row in self.selected_rows())
        self.model.set_sort(sort)

    @staticmethod
    def _qt_order(sort: CatalogueSort) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder

    @staticmethod
    def _sort_column(sort: CatalogueSort) -> int:
        for column, key in SORT_KEYS.items():
            if key == sort.key:
                return int(column)
        return int(CatalogueColumn.TITLE)

    def _on_loaded(self) -> None:
        self._update_count()
        self._update_empty_state()
        self._restore_selection()
        self._update_actions()

    def _update_count(self) -> None:
        total = self.model.total()
        text = self.tr("%n SKU(s)", "", total)
        if self.model.rowCount() < total:
            text = self.tr("{shown} of {total} loaded; scroll for more").format(
                shown=format_count(self.model.rowCount()), total=text
            )
        self.count_label.setText(text)

    def _update_empty_state(self) -> None:
        if self.model.total() > 0:
            self.stack.show_table()
            return
        query = self.model.filter
        a = self.catalogue_actions
        if query.text:
            self.stack.show_empty(
                self.tr("No products match “{text}”").format(text=query.text),
                self.tr("Check the spelling, or search for part of a title, SKU, barcode or tag."),
                (a.clear_search,),
            )
        elif self.filters.has_filters() and self._catalogue.count(CatalogueFilter(archived=ArchivedFilter.ALL)):
            self.stack.show_empty(
                self.tr("No products match these filters"),
                self.tr("Choose other filters, or clear them to see the whole catalogue."),
                (a.clear_filters,),
            )
        elif self._catalogue.count(CatalogueFilter(archived=ArchivedFilter.ALL)):
            self.stack.show_empty(
                self.tr("Every product is archived"),
                self.tr("Show archived products to restore some, or add a new one."),
                (a.show_archived, a.new_product),
            )
        else:
            self.stack.show_empty(
                self.tr("No products yet"),
                self.tr("Add a product (Ctrl+N) or import a spreadsheet (Ctrl+I) to start your catalogue."),
                (a.new_product, a.import_products),
            )

    def _restore_selection(self) -> None:
        selection = QItemSelection()
        wanted_product, wanted_variants = self._select_product_after_load, set(self._select_variants_after_load)
        self._select_product_after_load, self._select_variants_after_load = None, ()
        if wanted_product is None and not wanted_variants:
            return
        last = self.model.columnCount() - 1
        first_row: int | None = None
        for number in range(self.model.rowCount()):
            row = self.model.row(number)
            if row.product_id == wanted_product or row.variant_id in wanted_variants:
                selection.select(self.model.index(number, 0), self.model.index(number, last))
                first_row = number if first_row is None else first_row
        if first_row is None:
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().select(selection, flags)
        self.table.selectionModel().setCurrentIndex(
            self.model.index(first_row, 1), QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self.table.scrollTo(self.model.index(first_row, 1))

    def _update_actions(self, *_args: object) -> None:
        rows = self.selected_rows()
        products = {row.product_id for row in rows}
        a = self.catalogue_actions
        a.edit.setEnabled(len(products) == 1)
        a.duplicate.setEnabled(len(products) == 1)
        a.archive.setEnabled(any(not row.archived for row in rows))
        a.restore.setEnabled(any(row.archived for row in rows))
        a.live_price.setEnabled(bool(rows))
        a.adjust_stock.setEnabled(any(not row.is_bundle for row in rows))
        a.stock_history.setEnabled(len(rows) == 1)

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.table.selectRow(index.row())
        menu = QMenu(self)
        a = self.catalogue_actions
        for action in (a.edit, a.duplicate, a.archive, a.restore, None, a.live_price, a.adjust_stock, a.stock_history):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(position))


_DESCENDING_FIRST = {key for key in SORT_KEYS.values() if key.value not in ("title", "sku", "category")}
