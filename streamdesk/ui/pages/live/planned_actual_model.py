"""Planned against actual time per segment after a run (read-only table), with its totals."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from streamdesk.core.show_runs import whole_seconds
from streamdesk.core.show_types import PlannedActualRow
from streamdesk.ui.pages.live.clock_text import format_clock, signed_text
from streamdesk.ui.pages.live.labels import OVER_COLOUR, UNDER_COLOUR
from streamdesk.ui.pages.shows.segment_labels import kind_name

DISPLAY = Qt.ItemDataRole.DisplayRole
SKIPPED_COLOUR = QColor("#757575")
ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class PlannedActualColumn(IntEnum):
    NUMBER = 0
    SEGMENT = 1
    KIND = 2
    PLANNED = 3
    ADJUSTED = 4
    ACTUAL = 5
    OVER_UNDER = 6


_NUMERIC = frozenset(
    {
        PlannedActualColumn.NUMBER,
        PlannedActualColumn.PLANNED,
        PlannedActualColumn.ADJUSTED,
        PlannedActualColumn.ACTUAL,
        PlannedActualColumn.OVER_UNDER,
    }
)


class PlannedActualModel(QAbstractTableModel):
    def __init__(self, rows: Sequence[PlannedActualRow] = (), parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows = tuple(rows)

    def set_rows(self, rows: Sequence[PlannedActualRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row(self, number: int) -> PlannedActualRow:
        return self._rows[number]

    def totals(self) -> tuple[int, int, int, int]:
        """Planned, adjusted and actual whole seconds of the whole run, and how far the segments that ran went over
        (+) or under (−) their adjusted time: skipped segments count as neither, as on the live display."""
        planned = sum(r.planned_seconds for r in self._rows)
        adjusted = sum(r.adjusted_seconds for r in self._rows)
        actual = sum(whole_seconds(r.actual_seconds) for r in self._rows)
        return planned, adjusted, actual, sum(_over_under(r) for r in self._rows if r.visited)

    def skipped(self) -> int:
        return sum(1 for r in self._rows if not r.visited)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(PlannedActualColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(PlannedActualColumn):
            return None
        if role == DISPLAY:
            return (
                self.tr("#"),
                self.tr("Segment"),
                self.tr("Kind"),
                self.tr("Planned"),
                self.tr("Adjusted"),
                self.tr("Actual"),
                self.tr("Over/under"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == PlannedActualColumn.ADJUSTED:
            return self.tr("The plan plus the minutes added or removed during the show")
        return None

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or index.parent().isValid():
            return None
        r = self._rows[index.row()]
        column = PlannedActualColumn(index.column())
        if role == DISPLAY:
            return self._text(r, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not r.visited:
                return QBrush(SKIPPED_COLOUR)
            if column is PlannedActualColumn.OVER_UNDER and _over_under(r) != 0:
                return QBrush(OVER_COLOUR if _over_under(r) > 0 else UNDER_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and not r.visited:
            return self.tr("Skipped: this segment never ran")
        return None

    def _text(self, r: PlannedActualRow, column: PlannedActualColumn) -> str:
        if column is PlannedActualColumn.NUMBER:
            return str(r.index + 1)
        if column is PlannedActualColumn.SEGMENT:
            return r.title
        if column is PlannedActualColumn.KIND:
            return kind_name(r.kind)
        if column is PlannedActualColumn.PLANNED:
            return format_clock(r.planned_seconds)
        if column is PlannedActualColumn.ADJUSTED:
            return format_clock(r.adjusted_seconds)
        if column is PlannedActualColumn.ACTUAL:
            return format_clock(whole_seconds(r.actual_seconds)) if r.visited else self.tr("skipped")
        return signed_text(_over_under(r)) if r.visited else ""


def _over_under(r: PlannedActualRow) -> int:
    """From the rounded actual time, as the CSV export does, so the columns add up."""
    return whole_seconds(r.actual_seconds) - r.adjusted_seconds
