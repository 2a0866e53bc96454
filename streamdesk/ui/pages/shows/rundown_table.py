"""The rundown table view: rows dragged within it, cell editors per column, and the column widths."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from streamdesk.ui.pages.shows.rundown_model import RundownColumn
from streamdesk.ui.pages.shows.segment_delegates import (
    ClockDelegate,
    DurationDelegate,
    KindDelegate,
    ThresholdsDelegate,
)
from streamdesk.ui.widgets.column_widths import widen_to_titles
from streamdesk.ui.widgets.money_delegate import ProblemDelegate

_COLUMN_WIDTHS = {
    RundownColumn.NUMBER: 44,
    RundownColumn.TIME: 170,
    RundownColumn.KIND: 115,
    RundownColumn.TITLE: 160,
    RundownColumn.DURATION: 60,
    RundownColumn.FIXED_START: 70,
    RundownColumn.PRODUCTS: 210,
    RundownColumn.CUE: 110,
    RundownColumn.TALKING_POINTS: 200,
}


class RundownTable(QTableView):
    """Rows are dragged within the table only. The drop is handed to the model, which asks the editor for undoable
    moves; the drag then reports "ignored" so Qt does not also remove the dragged rows as a move would."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDragDropOverwriteMode(False)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(False)  # Tab leaves the table (while editing, Tab still moves to the next cell)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.setItemDelegate(ProblemDelegate(self))
        self.setItemDelegateForColumn(int(RundownColumn.KIND), KindDelegate(self))
        self.setItemDelegateForColumn(int(RundownColumn.DURATION), DurationDelegate(self))
        self.setItemDelegateForColumn(int(RundownColumn.FIXED_START), ClockDelegate(self))
        self.setItemDelegateForColumn(int(RundownColumn.THRESHOLDS), ThresholdsDelegate(self))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def set_column_widths(self) -> None:
        """After setModel: widths that fit a clock range, a SKU with its price, and a line of talking points."""
        for column, width in _COLUMN_WIDTHS.items():
            self.setColumnWidth(int(column), width)
        widen_to_titles(self)

    def dropEvent(self, event: QDropEvent) -> None:
        """Hand the drop to the model as "insert before row N". Only this view's own drags get here (InternalMove
        refuses others while dragging), and the model checks the rows belong to the rundown it shows."""
        model = self.model()
        if model is None:
            event.ignore()
            return
        model.dropMimeData(
            event.mimeData(), Qt.DropAction.MoveAction, self.row_for_drop(event.position().toPoint()), 0, QModelIndex()
        )
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()

    def row_for_drop(self, position: QPoint) -> int:
        """The row a drop at ``position`` goes before: the row under it (its lower half: the next one), or the end."""
        index = self.indexAt(position)
        model = self.model()
        if not index.isValid():
            return model.rowCount() if model is not None else 0
        return index.row() + (1 if position.y() >= self.visualRect(index).center().y() else 0)
