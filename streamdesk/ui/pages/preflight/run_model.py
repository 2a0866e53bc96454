"""One pre-flight run as a table: status, the item (title, hint, critical mark), its value or the probe's headline,
the seller's note and when it was checked.

Typing a value or a note does not write: the model reports it (``value_entered``, ``note_entered``) and the page
makes it an undoable command, which reads the run back into the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from streamdesk.core.preflight_types import CheckResultRow
from streamdesk.models.base import CheckKind, CheckStatus, ProbeKind
from streamdesk.ui.pages.preflight.texts import (
    STATUS_BACKGROUNDS,
    STATUS_COLOURS,
    STATUS_MARKS,
    clock_text,
    limits_text,
    probe_name,
    status_name,
    value_shown,
    verdict_sentence,
)

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
RESULT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HINT_ROLE = Qt.ItemDataRole.UserRole + 2  # the item's hint, drawn under its title
CRITICAL_ROLE = Qt.ItemDataRole.UserRole + 3
PLACEHOLDER_ROLE = Qt.ItemDataRole.UserRole + 4  # grey text an empty value cell shows ("type 85")


class RunColumn(IntEnum):
    STATUS = 0
    ITEM = 1
    VALUE = 2
    NOTE = 3
    CHECKED = 4


class RunModel(QAbstractTableModel):
    value_entered = Signal(int, str)  # result id, the text typed
    note_entered = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CheckResultRow] = []
        self._editable = True

    def set_results(self, results: Sequence[CheckResultRow], *, editable: bool = True) -> None:
        """``editable``: False for a finished run shown from the history (reopen it to change it)."""
        if len(results) == len(self._rows) and [r.id for r in results] == [r.id for r in self._rows]:
            self._rows = list(results)  # same items: repaint in place, keeping the selection and an open editor
            self._editable = editable
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(RunColumn) - 1))
            return
        self.beginResetModel()
        self._rows = list(results)
        self._editable = editable
        self.endResetModel()

    def result(self, row: int) -> CheckResultRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, result_id: int) -> int | None:
        return next((number for number, result in enumerate(self._rows) if result.id == result_id), None)

    def results(self) -> tuple[CheckResultRow, ...]:
        return tuple(self._rows)

    @property
    def editable(self) -> bool:
        return self._editable

    # --- Qt model -----------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(RunColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(RunColumn):
            return None
        return {
            RunColumn.STATUS: self.tr("Status"),
            RunColumn.ITEM: self.tr("Check"),
            RunColumn.VALUE: self.tr("Value / measured"),
            RunColumn.NOTE: self.tr("Note"),
            RunColumn.CHECKED: self.tr("Checked"),
        }[RunColumn(section)]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        result = self.result(index.row())
        if self._editable and result is not None:
            if index.column() == RunColumn.VALUE and result.kind is CheckKind.VALUE:
                flags |= Qt.ItemFlag.ItemIsEditable
            if index.column() == RunColumn.NOTE:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        result = self._rows[index.row()]
        column = RunColumn(index.column())
        if role == DISPLAY:
            return self._display(result, column)
        if role == EDIT:
            if column is RunColumn.VALUE:
                return result.value
            if column is RunColumn.NOTE:
                return result.note
            return None
        if role == RESULT_ID_ROLE:
            return result.id
        if role == HINT_ROLE:
            return result.hint
        if role == CRITICAL_ROLE:
            return result.critical
        if role == PLACEHOLDER_ROLE and column is RunColumn.VALUE:
            return self._placeholder(result)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(result, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in (RunColumn.STATUS, RunColumn.VALUE):
            return STATUS_COLOURS.get(result.status)
        if role == Qt.ItemDataRole.BackgroundRole and column is RunColumn.STATUS:
            return STATUS_BACKGROUNDS.get(result.status)
        if role == Qt.ItemDataRole.FontRole and column is RunColumn.STATUS and result.status is CheckStatus.FAILED:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole and column is RunColumn.ITEM:
            return self._accessible(result)
        return None

    def setData(self, index: Index, value: object, role: int = EDIT) -> bool:
        if role != EDIT or not index.isValid() or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        result = self.result(index.row())
        if result is None:
            return False
        text = str(value or "").strip()
        if index.column() == RunColumn.VALUE:
            if text != result.value:
                self.value_entered.emit(result.id, text)
            return True
        if index.column() == RunColumn.NOTE:
            if text != result.note:
                self.note_entered.emit(result.id, text)
            return True
        return False

    # --- cells --------------------------------------------------------------------------------------------------
    def _display(self, result: CheckResultRow, column: RunColumn) -> str:
        if column is RunColumn.STATUS:
            return f"{STATUS_MARKS[result.status]}  {status_name(result.status)}"
        if column is RunColumn.ITEM:
            return result.title
        if column is RunColumn.VALUE:
            if (
                result.kind is CheckKind.VALUE
                and result.value
                and result.unit
                and not result.value.endswith(result.unit)
            ):
                return f"{result.value} {result.unit}"
            return value_shown(result)
        if column is RunColumn.NOTE:
            return result.note.replace("\n", " ")
        return clock_text(result.checked_at) if result.checked_at is not None else ""

    def _placeholder(self, result: CheckResultRow) -> str:
        if result.value:
            return ""
        if result.kind is CheckKind.VALUE:
            limits = limits_text(result)
            return (
                self.tr("Enter to type it ({limits})").format(limits=limits) if limits else self.tr("Enter to type it")
            )
        if result.probe is ProbeKind.TEST_CHECKOUT:
            return self.tr("Scan the QR, record the order")
        if result.probe is ProbeKind.AUDIO_OUTPUT:
            return self.tr("Ctrl+R plays the test tone")
        if result.kind is CheckKind.PROBE and result.probe is not None:
            return self.tr("Ctrl+R measures it")
        return ""

    def _tooltip(self, result: CheckResultRow, column: RunColumn) -> str | None:
        if column is RunColumn.STATUS:
            return self.tr("Space: passed · F: failed · S: skipped · Delete: back to not checked")
        if column is RunColumn.ITEM:
            parts = [result.title]
            if result.hint:
                parts.append(result.hint)
            if result.critical:
                parts.append(self.tr("Critical: the show should not go live while this has failed."))
            if result.probe is not None:
                parts.append(self.tr("Measured by StreamDesk: {probe}").format(probe=probe_name(result.probe)))
            return "\n".join(parts)
        if column is RunColumn.VALUE:
            return verdict_sentence(result.measured) or (
                limits_text(result) if result.kind is CheckKind.VALUE else None
            )
        if column is RunColumn.NOTE:
            return result.note or self.tr("Double-click to add a note")
        return None

    def _accessible(self, result: CheckResultRow) -> str:
        if result.critical:
            return self.tr("{title}, critical, {status}").format(title=result.title, status=status_name(result.status))
        return self.tr("{title}, {status}").format(title=result.title, status=status_name(result.status))
