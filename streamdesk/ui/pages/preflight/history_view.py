"""The History tab: a show's pre-flight runs, newest first — when, the verdict, the counts, and the reason the seller
gave for going live despite a failed critical item. Enter (or a double-click) opens a run in the Checklist tab."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QMessageBox, QToolBar, QVBoxLayout, QWidget

from streamdesk.core.preflight_types import RunSummary
from streamdesk.ui.actions import make_action
from streamdesk.ui.formatting import format_local_datetime
from streamdesk.ui.pages.preflight.texts import VERDICT_STYLES, clock_text, verdict_name
from streamdesk.ui.widgets.column_widths import widen_to_titles
from streamdesk.ui.widgets.paged_table import PagedTableView, TableWithEmptyState

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
RUN_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class HistoryColumn(IntEnum):
    STARTED = 0
    FINISHED = 1
    VERDICT = 2
    PASSED = 3
    WARNINGS = 4
    FAILED = 5
    PENDING = 6
    OVERRIDE = 7


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RunSummary] = []
        self._current: int | None = None  # the run shown in the Checklist tab, in bold

    def set_runs(self, runs: Sequence[RunSummary], current: int | None) -> None:
        self.beginResetModel()
        self._rows, self._current = list(runs), current
        self.endResetModel()

    def run(self, row: int) -> RunSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, run_id: int) -> int | None:
        return next((number for number, run in enumerate(self._rows) if run.id == run_id), None)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HistoryColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(HistoryColumn):
            return None
        return (
            self.tr("Started"),
            self.tr("Finished"),
            self.tr("Verdict"),
            self.tr("Passed"),
            self.tr("Warnings"),
            self.tr("Failed"),
            self.tr("Not checked"),
            self.tr("Went live anyway because"),
        )[section]

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        run = self._rows[index.row()]
        column = HistoryColumn(index.column())
        if role == DISPLAY:
            return self._display(run, column)
        if role == RUN_ID_ROLE:
            return run.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            HistoryColumn.PASSED,
            HistoryColumn.WARNINGS,
            HistoryColumn.FAILED,
            HistoryColumn.PENDING,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column is HistoryColumn.VERDICT:
            return QColor(VERDICT_STYLES[run.verdict][2])
        if role == Qt.ItemDataRole.BackgroundRole and column is HistoryColumn.VERDICT:
            return QColor(VERDICT_STYLES[run.verdict][0])
        if role == Qt.ItemDataRole.FontRole and (column is HistoryColumn.VERDICT or run.id == self._current):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column is HistoryColumn.OVERRIDE and run.override_reason:
            return run.override_reason
        return None

    def _display(self, run: RunSummary, column: HistoryColumn) -> str:
        if column is HistoryColumn.STARTED:
            return format_local_datetime(run.started_at)
        if column is HistoryColumn.FINISHED:
            return clock_text(run.finished_at) if run.finished_at is not None else self.tr("in progress")
        if column is HistoryColumn.VERDICT:
            return verdict_name(run.verdict)
        if column is HistoryColumn.OVERRIDE:
            return run.override_reason.replace("\n", " ")
        counts = {
            HistoryColumn.PASSED: run.passed,
            HistoryColumn.WARNINGS: run.warnings,
            HistoryColumn.FAILED: run.failed,
            HistoryColumn.PENDING: run.pending,
        }
        return str(counts[column])


class HistoryView(QWidget):
    open_requested = Signal(int)  # run id
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryModel(self)
        self.table = PagedTableView(self, row_height=30)
        self.table.setSelectionMode(PagedTableView.SelectionMode.SingleSelection)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(int(HistoryColumn.OVERRIDE), QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column, width in (
            (HistoryColumn.STARTED, 150),
            (HistoryColumn.FINISHED, 100),
            (HistoryColumn.VERDICT, 110),
        ):
            self.table.setColumnWidth(int(column), width)
        for column in (HistoryColumn.PASSED, HistoryColumn.WARNINGS, HistoryColumn.FAILED, HistoryColumn.PENDING):
            self.table.setColumnWidth(int(column), 80)
        widen_to_titles(self.table)
        self.stack = TableWithEmptyState(self.table, self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        keys = Qt.ShortcutContext.WidgetShortcut
        self.open = make_action(
            self.table, self.tr("Open in the checklist"), ("Return", "Enter"), self.tr("Show this run"), context=keys
        )
        self.delete = make_action(
            self.table, self.tr("Delete run…"), "Delete", self.tr("Delete this run for good"), context=keys
        )
        self.toolbar.addActions([self.open, self.delete])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.stack, 1)
        self.open.triggered.connect(self._on_open)
        self.delete.triggered.connect(self._on_delete)
        self.table.doubleClicked.connect(lambda *_: self._on_open())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self._update_actions()

    def set_runs(self, runs: Sequence[RunSummary], current: int | None, start: QAction | None = None) -> None:
        self.model.set_runs(runs, current)
        if runs:
            self.stack.show_table()
        else:
            self.stack.show_empty(
                self.tr("No pre-flight runs yet"),
                self.tr(
                    "Each run of the checklist is kept here with its verdict, so you can see how the rig stood "
                    "before every show — and why a show went live despite a failed check."
                ),
                (start,) if start is not None else (),
            )
        self._update_actions()

    def selected_run(self) -> RunSummary | None:
        rows = self.table.selected_rows()
        return self.model.run(rows[0]) if rows else None

    def _update_actions(self) -> None:
        chosen = self.selected_run() is not None
        self.open.setEnabled(chosen)
        self.delete.setEnabled(chosen)

    def _on_open(self) -> None:
        run = self.selected_run()
        if run is not None:
            self.open_requested.emit(run.id)

    def _on_delete(self) -> None:
        run = self.selected_run()
        if run is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete pre-flight run"),
            self.tr("Delete the run started {time} with all its results? This cannot be undone.").format(
                time=format_local_datetime(run.started_at)
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_requested.emit(run.id)
