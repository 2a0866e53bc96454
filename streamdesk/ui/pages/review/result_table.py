"""The Review page's read-only result tables: a model base (rows of DTOs, the currency, right-aligned numbers, a raw
value per cell to sort by), a proxy that sorts by those raw values, and a view whose Ctrl+C copies the selection as
tab-separated text with the column headers, which pastes into a spreadsheet as cells."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from streamdesk.ui.copy_text import tab_separated

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw number a column sorts by (None sorts first)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class ResultModel(QAbstractTableModel):
    """What the result tables share: the currency of their money, and numbers aligned right (NUMERIC columns)."""

    NUMERIC: frozenset[int] = frozenset()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._currency = "CNY"

    def align(self, column: int) -> int | None:
        return RIGHT if column in self.NUMERIC else None


class SortProxy(QSortFilterProxyModel):
    """Sorts by the raw numbers (money as minor units, times as seconds); rows without data sort first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return a is None and b is not None
        if isinstance(a, str) or isinstance(b, str):
            return str(a).casefold() < str(b).casefold()
        return bool(a < b)


def selection_as_text(view: QTableView, *, everything: bool = False) -> str:
    """The selected cells (or every cell) as tab-separated lines, headed by their columns' titles, in view order."""
    model = view.model()
    if model is None:
        return ""
    if everything:
        rows = list(range(model.rowCount()))
        columns = [column for column in range(model.columnCount()) if not view.isColumnHidden(column)]
    else:
        indexes = view.selectionModel().selectedIndexes() if view.selectionModel() is not None else []
        rows = sorted({index.row() for index in indexes})
        columns = sorted({index.column() for index in indexes if not view.isColumnHidden(index.column())})
    if not rows or not columns:
        return ""
    header = view.horizontalHeader()
    columns.sort(key=header.visualIndex)
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in columns]
    return tab_separated([headers, *([model.index(row, column).data() for column in columns] for row in rows)])


class ResultTable(QTableView):
    """A sortable, read-only table whose cells can be selected and copied (Ctrl+C, or the context menu)."""

    def __init__(self, model: ResultModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = model
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(model)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # rundown / service order until a header is clicked
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        self.setTabKeyNavigation(False)

    def copy_selection(self) -> str:
        text = selection_as_text(self)
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    def copy_all(self) -> str:
        text = selection_as_text(self, everything=True)
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    def fit_columns(self) -> None:
        """Widths for the texts now shown (a few dozen rows at most, so reading every cell is cheap)."""
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for column in range(header.count()):
            header.resizeSection(column, min(header.sectionSize(column) + 12, 320))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        copy = menu.addAction(self.tr("Copy"), self.copy_selection)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setEnabled(self.selectionModel() is not None and self.selectionModel().hasSelection())
        menu.addAction(self.tr("Copy the whole table"), self.copy_all)
        menu.exec(event.globalPos())
