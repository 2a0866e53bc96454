"""The advice page's tables: the figures behind the suggestions (start slots, lengths, products, segment kinds),
sortable and copyable like the review's result tables. Each table is a list of rows and a list of columns, every
column saying its title, how a cell reads and the raw value it sorts by."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from streamdesk.ui.pages.review.result_table import RIGHT, SORT_ROLE, ResultModel

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole


@dataclass(frozen=True, slots=True)
class Column(Generic[R]):
    title: Callable[[], str]  # asked when shown: translated in the current language
    text: Callable[[R], str]
    raw: Callable[[R], Any]  # what the column sorts by; None sorts first
    numeric: bool = True
    tip: Callable[[], str] | None = None


class FiguresModel(ResultModel, Generic[R]):
    """Rows of one dataclass, shown through ``columns``; ``is_best(row)`` rows are bold (the one suggested)."""

    def __init__(self, columns: Sequence[Column[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[R] = []
        self._is_best: Callable[[R], bool] = lambda _row: False

    def set_rows(self, rows: Sequence[R], is_best: Callable[[R], bool] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._is_best = is_best or (lambda _row: False)
        self.endResetModel()

    def row(self, number: int) -> R | None:
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == DISPLAY:
            return column.title()
        if role == Qt.ItemDataRole.ToolTipRole and column.tip is not None:
            return column.tip()
        return None

    def data(self, index: Index, role: int = DISPLAY) -> object:
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = self._columns[index.column()]
        if role == DISPLAY:
            return column.text(row)
        if role == SORT_ROLE:
            return column.raw(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.numeric else None
        if role == Qt.ItemDataRole.FontRole and self._is_best(row):
            font = QFont()
            font.setBold(True)
            return font
        return None
