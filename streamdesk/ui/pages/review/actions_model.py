"""Action items on a review: those carried from earlier shows' reviews (still open, or ticked done on this show)
first, oldest first, then the ones this review raised. Ticked with Space or a click, edited in place (F2 or a
double-click), deleted with Delete; the table only asks, the page makes each change an undoable command."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from streamdesk.core.review_types import ActionItemRow
from streamdesk.ui.formatting import format_local_datetime

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
DONE_FOREGROUND = QColor("#757575")


class ActionColumn(IntEnum):
    TEXT = 0
    RAISED_IN = 1


@dataclass(frozen=True, slots=True)
class ActionLine:
    item: ActionItemRow
    carried: bool  # raised by an earlier show's review


class ActionsModel(QAbstractTableModel):
    tick_requested = Signal(int, bool)  # action id, done
    edit_requested = Signal(int, str)  # action id, new text

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[ActionLine] = []

    def set_actions(self, own: Sequence[ActionItemRow], carried: Sequence[ActionItemRow]) -> None:
        own_ids = {item.id for item in own}
        lines = [ActionLine(item, True) for item in carried if item.id not in own_ids]
        lines += [ActionLine(item, False) for item in sorted(own, key=lambda item: item.position)]
        self.beginResetModel()
        self._lines = lines
        self.endResetModel()

    def line(self, row: int) -> ActionLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def row_of(self, action_id: int) -> int | None:
        return next((row for row, line in enumerate(self._lines) if line.item.id == action_id), None)

    def open_count(self) -> int:
        return sum(1 for line in self._lines if line.item.done_at is None)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(ActionColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(ActionColumn):
            return None
        return (self.tr("Action for next time"), self.tr("Raised in"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == ActionColumn.TEXT:
            flags |= Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = DISPLAY) -> object:
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        item, column = line.item, ActionColumn(index.column())
        done = item.done_at is not None
        if role in (DISPLAY, Qt.ItemDataRole.EditRole):
            if column is ActionColumn.TEXT:
                return item.text
            return item.show_title if line.carried else self.tr("This review")
        if role == Qt.ItemDataRole.CheckStateRole and column is ActionColumn.TEXT:
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and done:
            return QBrush(DONE_FOREGROUND)
        if role == Qt.ItemDataRole.FontRole and done and column is ActionColumn.TEXT:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text, which one line may cut, and where it stands
            lines = [item.text] if column is ActionColumn.TEXT else []
            if item.done_at is not None:
                lines.append(self.tr("Done {when}").format(when=format_local_datetime(item.done_at)))
            elif line.carried:
                lines.append(self.tr("Still open from the review of “{show}”").format(show=item.show_title))
            return "\n".join(lines) or None
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Asks for the change (the page's undo command makes it and refreshes the table); nothing changes here."""
        line = self.line(index.row()) if index.isValid() else None
        if line is None or index.column() != ActionColumn.TEXT:
            return False
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState.Checked
            self.tick_requested.emit(line.item.id, value in (checked, checked.value))  # the delegate sends an int
            return True
        if role == Qt.ItemDataRole.EditRole and isinstance(value, str):
            text = value.strip()
            if text and text != line.item.text:
                self.edit_requested.emit(line.item.id, text)
            return bool(text)
        return False


class ActionsTable(QTableView):
    delete_requested = Signal(int)  # action id

    def __init__(self, model: ActionsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.actions_model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(ActionColumn.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ActionColumn.RAISED_IN, QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)
        self.setTabKeyNavigation(False)

    def current_action_id(self) -> int | None:
        index = self.currentIndex()
        line = self.actions_model.line(index.row()) if index.isValid() else None
        return None if line is None else line.item.id

    def select_action(self, action_id: int | None) -> None:
        row = None if action_id is None else self.actions_model.row_of(action_id)
        if row is not None:
            self.setCurrentIndex(self.actions_model.index(row, ActionColumn.TEXT))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace:
            action_id = self.current_action_id()
            if action_id is not None and self.state() != QAbstractItemView.State.EditingState:
                self.delete_requested.emit(action_id)
                event.accept()
                return
        if event.key() == Qt.Key.Key_Space and self.state() != QAbstractItemView.State.EditingState:
            index = self.currentIndex()
            line = self.actions_model.line(index.row()) if index.isValid() else None
            if line is not None:  # Space ticks from any column, not only on the check box's cell
                self.actions_model.tick_requested.emit(line.item.id, line.item.done_at is None)
                event.accept()
                return
        super().keyPressEvent(event)
