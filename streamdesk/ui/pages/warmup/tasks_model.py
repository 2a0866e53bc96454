"""A show's warm-up checklist, sorted by due time: done box, task, due time (local), how far off it is, notes.

Rows are coloured by state: overdue red, due soon amber, done greyed and struck through. Ticking the box does not
write: the model reports it (``done_toggled``) and the page makes it an undoable command.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from streamdesk.core.warmup_types import TaskState, WarmupTaskRow
from streamdesk.ui.pages.warmup.texts import (
    DONE_COLOUR,
    DUE_SOON_BACKGROUND,
    DUE_SOON_COLOUR,
    OVERDUE_BACKGROUND,
    OVERDUE_COLOUR,
    local_time,
    offset_text,
    relative_time,
    state_name,
    task_title,
)

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TaskColumn(IntEnum):
    DONE = 0
    TASK = 1
    DUE = 2
    WHEN = 3
    NOTES = 4


def row_title(task: WarmupTaskRow) -> str:
    return task_title(task.kind, task.title, task.channel_label, task.channel_kind)


class TasksModel(QAbstractTableModel):
    done_toggled = Signal(int, bool)  # task id, done

    def __init__(self, parent: QAbstractTableModel | None = None) -> None:
        super().__init__(parent)
        self._rows: list[WarmupTaskRow] = []
        self._now: datetime | None = None

    def set_tasks(self, tasks: Sequence[WarmupTaskRow], now: datetime) -> None:
        self.beginResetModel()
        self._rows = list(tasks)
        self._now = now
        self.endResetModel()

    def task(self, row: int) -> WarmupTaskRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, task_id: int) -> int | None:
        return next((number for number, task in enumerate(self._rows) if task.id == task_id), None)

    def tasks(self) -> tuple[WarmupTaskRow, ...]:
        return tuple(self._rows)

    def counts(self) -> dict[TaskState, int]:
        counts = dict.fromkeys(TaskState, 0)
        for task in self._rows:
            counts[task.state] += 1
        return counts

    # --- Qt model -----------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(TaskColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(TaskColumn):
            return None
        return {
            TaskColumn.DONE: self.tr("Done"),
            TaskColumn.TASK: self.tr("Task"),
            TaskColumn.DUE: self.tr("Due"),
            TaskColumn.WHEN: self.tr("When"),
            TaskColumn.NOTES: self.tr("Notes"),
        }[TaskColumn(section)]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == TaskColumn.DONE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        task = self._rows[index.row()]
        column = TaskColumn(index.column())
        if role == DISPLAY:
            return self._display(task, column)
        if role == Qt.ItemDataRole.CheckStateRole and column is TaskColumn.DONE:
            return Qt.CheckState.Checked if task.done_at is not None else Qt.CheckState.Unchecked
        if role == TASK_ID_ROLE:
            return task.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(task, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return {
                TaskState.OVERDUE: OVERDUE_COLOUR,
                TaskState.DUE_SOON: DUE_SOON_COLOUR,
                TaskState.DONE: DONE_COLOUR,
            }.get(task.state)
        if role == Qt.ItemDataRole.BackgroundRole:
            return {TaskState.OVERDUE: OVERDUE_BACKGROUND, TaskState.DUE_SOON: DUE_SOON_BACKGROUND}.get(task.state)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(task, column)
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != TaskColumn.DONE:
            return False
        task = self.task(index.row())
        if task is None:
            return False
        done = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        if done != (task.done_at is not None):
            self.done_toggled.emit(task.id, done)
        return True

    # --- cells --------------------------------------------------------------------------------------------------
    def _display(self, task: WarmupTaskRow, column: TaskColumn) -> str:
        if column is TaskColumn.DONE:
            return ""
        if column is TaskColumn.TASK:
            return row_title(task)
        if column is TaskColumn.DUE:
            return local_time(task.due_at) if task.due_at is not None else offset_text(task.offset_minutes)
        if column is TaskColumn.WHEN:
            return self._when(task)
        return task.notes.replace("\n", " ")

    def _when(self, task: WarmupTaskRow) -> str:
        if task.done_at is not None and self._now is not None:
            return self.tr("done {when}").format(when=relative_time(task.done_at, self._now))
        if task.due_at is None or self._now is None:
            return state_name(task.state)
        when = relative_time(task.due_at, self._now)
        if task.state is TaskState.OVERDUE:
            return self.tr("overdue, due {when}").format(when=when)
        return when

    def _tooltip(self, task: WarmupTaskRow, column: TaskColumn) -> str | None:
        if column is TaskColumn.DONE:
            return self.tr("Tick when it is done (Space)")
        if column is TaskColumn.DUE:
            return offset_text(task.offset_minutes)
        if column is TaskColumn.WHEN and task.done_at is not None:
            return self.tr("Done at {time}").format(time=local_time(task.done_at))
        if column is TaskColumn.NOTES and task.notes:
            return task.notes
        if column is TaskColumn.TASK:
            return state_name(task.state)
        return None

    def _font(self, task: WarmupTaskRow, column: TaskColumn) -> QFont | None:
        if task.state is TaskState.DONE and column is TaskColumn.TASK:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if task.state is TaskState.OVERDUE and column in (TaskColumn.TASK, TaskColumn.WHEN):
            font = QFont()
            font.setBold(True)
            return font
        return None
