"""A small editable table for the show dialog's lists (people, promotions, budget lines, SKU targets).

Each column says what its cells hold: free text, one of a few choices (edited with a combo box), an amount of money
kept as the text typed (parsed when the dialog builds its ShowInput, so a typo is shown, not lost), a count, or a
fixed value the user cannot edit. Problems are sentences per (row, column key), shown as a red frame and tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QSpinBox, QStyleOptionViewItem, QWidget

from streamdesk.ui.widgets.money_delegate import PROBLEM_COLOR, PROBLEM_ROLE, ProblemDelegate

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root of a flat table, as a default argument
DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_COUNT = 1_000_000


class CellKind(Enum):
    TEXT = "text"
    CHOICE = "choice"
    MONEY = "money"  # the text as typed; the owner parses it
    COUNT = "count"  # a whole number 0..MAX_COUNT
    FIXED = "fixed"  # shown, never edited


@dataclass(frozen=True, slots=True)
class RowColumn:
    key: str  # also the field name in the service's problems ("budget.2.amount_minor" → key "amount_minor")
    header: str
    kind: CellKind = CellKind.TEXT
    choices: tuple[tuple[object, str], ...] = ()  # (value, label) for CHOICE
    align_right: bool = False


class EditableRowsModel(QAbstractTableModel):
    """Rows of plain values keyed by column; ``display`` may turn a value into its on-screen text."""

    def __init__(
        self,
        columns: Sequence[RowColumn],
        *,
        display: Callable[[str, object, dict[str, object]], str] | None = None,
        empty_hint: Callable[[str, dict[str, object]], str] | None = None,
        warning: Callable[[str, dict[str, object]], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``display(key, value, row)`` may give a cell's text, ``empty_hint(key, row)`` its tooltip while empty,
        and ``warning(key, row)`` says whether to show it in red."""
        super().__init__(parent)
        self.columns = tuple(columns)
        self._display = display
        self._empty_hint = empty_hint
        self._warning = warning
        self._rows: list[dict[str, object]] = []
        self._problems: dict[tuple[int, str], str] = {}

    # --- rows --------------------------------------------------------------------------------------------------
    def add_row(self, values: dict[str, object]) -> int:
        number = len(self._rows)
        self.beginInsertRows(QModelIndex(), number, number)
        self._rows.append(dict(values))
        self.endInsertRows()
        return number

    def remove_row(self, number: int) -> None:
        if 0 <= number < len(self._rows):
            self.beginRemoveRows(QModelIndex(), number, number)
            del self._rows[number]
            self.endRemoveRows()

    def set_rows(self, rows: Sequence[dict[str, object]]) -> None:
        self.beginResetModel()
        self._rows = [dict(row) for row in rows]
        self._problems = {}
        self.endResetModel()

    def values(self) -> list[dict[str, object]]:
        return [dict(row) for row in self._rows]

    def value(self, number: int, key: str) -> object:
        return self._rows[number].get(key)

    def set_value(self, number: int, key: str, value: object) -> None:
        self._rows[number][key] = value
        column = self.column_of(key)
        self.dataChanged.emit(self.index(number, column), self.index(number, column))

    def column_of(self, key: str) -> int:
        return next(number for number, column in enumerate(self.columns) if column.key == key)

    def refresh(self) -> None:
        """Repaint every cell (the currency, which formats the amounts, changed)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    # --- problems ----------------------------------------------------------------------------------------------
    def set_problems(self, problems: dict[tuple[int, str], str]) -> None:
        if problems == self._problems:
            return
        self._problems = dict(problems)
        self.refresh()

    def problem_lines(self, describe_row: Callable[[int], str]) -> list[str]:
        lines = []
        order = {column.key: number for number, column in enumerate(self.columns)}
        for (row, _key), message in sorted(
            self._problems.items(), key=lambda item: (item[0][0], order.get(item[0][1], 0))
        ):
            lines.append(self.tr("{row}: {message}").format(row=describe_row(row), message=message))
        return lines

    # --- Qt ----------------------------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if role != DISPLAY:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return self.columns[section].header if 0 <= section < len(self.columns) else None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].kind is not CellKind.FIXED:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self.columns[index.column()]
        row = self._rows[index.row()]
        value = row.get(column.key)
        if role == DISPLAY:
            return self._text(column, value, row)
        if role == EDIT:
            if column.kind is CellKind.COUNT:
                return int(value) if isinstance(value, int) else 0
            return value if column.kind is CellKind.CHOICE else ("" if value is None else str(value))
        if role == CHOICES_ROLE:
            return column.choices
        if role == PROBLEM_ROLE or role == Qt.ItemDataRole.ToolTipRole:
            problem = self._problems.get((index.row(), column.key))
            if problem or role == PROBLEM_ROLE:
                return problem
            hint = self._empty_hint(column.key, row) if self._empty_hint else ""
            return hint or None
        if role == Qt.ItemDataRole.ForegroundRole:
            warned = self._warning is not None and self._warning(column.key, row)
            return PROBLEM_COLOR if warned or (index.row(), column.key) in self._problems else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, column: RowColumn, value: object, row: dict[str, object]) -> str:
        if self._display is not None:
            shown = self._display(column.key, value, row)
            if shown:
                return shown
        if column.kind is CellKind.CHOICE:
            return next((label for choice, label in column.choices if choice == value), "")
        return "" if value is None else str(value)

    def setData(self, index: ModelIndex, value: object, role: int = EDIT) -> bool:
        if role != EDIT or not index.isValid() or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        column = self.columns[index.column()]
        if column.kind is CellKind.COUNT:
            try:
                value = max(0, min(MAX_COUNT, int(str(value).strip() or 0)))
            except ValueError:
                return False
        elif column.kind in (CellKind.TEXT, CellKind.MONEY):
            value = str(value)
        self._rows[index.row()][column.key] = value
        self.dataChanged.emit(index, index)
        return True


class RowsDelegate(ProblemDelegate):
    """Combo boxes for choices, spin boxes for counts, plain text otherwise; red frames on problem cells."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        choices = index.data(CHOICES_ROLE)
        if choices:
            combo = QComboBox(parent)
            for value, label in choices:
                combo.addItem(label, value)
            combo.activated.connect(lambda _n, combo=combo: self.commitData.emit(combo))
            return combo
        if isinstance(index.data(EDIT), int):
            spin = QSpinBox(parent)
            spin.setRange(0, MAX_COUNT)
            spin.setFrame(False)
            return spin
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(EDIT))))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(index.data(EDIT) or 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), EDIT)
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), EDIT)
        else:
            super().setModelData(editor, model, index)
