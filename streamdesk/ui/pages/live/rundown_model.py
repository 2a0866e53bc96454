"""The chosen show's rundown before it goes live: back-timed start, kind, title, length and products per segment."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from streamdesk.core.show_types import Rundown, SegmentRow, SegmentTiming
from streamdesk.ui.pages.live.clock_text import format_clock
from streamdesk.ui.pages.shows.segment_labels import kind_name

DISPLAY = Qt.ItemDataRole.DisplayRole
ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class RundownColumn(IntEnum):
    NUMBER = 0
    START = 1
    KIND = 2
    TITLE = 3
    LENGTH = 4
    PRODUCTS = 5


class RundownPreviewModel(QAbstractTableModel):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._segments: tuple[SegmentRow, ...] = ()
        self._timings: dict[int, SegmentTiming] = {}

    def set_rundown(self, rundown: Rundown | None) -> None:
        self.beginResetModel()
        self._segments = rundown.segments if rundown is not None else ()
        self._timings = {t.index: t for t in rundown.timings} if rundown is not None else {}
        self.endResetModel()

    def segment(self, number: int) -> SegmentRow:
        return self._segments[number]

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._segments)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(RundownColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(RundownColumn):
            return None
        return (
            self.tr("#"),
            self.tr("Starts"),
            self.tr("Kind"),
            self.tr("Segment"),
            self.tr("Length"),
            self.tr("Products"),
        )[section]

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or index.parent().isValid():
            return None
        row = index.row()
        segment = self._segments[row]
        column = RundownColumn(index.column())
        if role == DISPLAY:
            return self._text(row, segment, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (RundownColumn.NUMBER, RundownColumn.LENGTH):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        sold_out = any(p.available <= 0 for p in segment.products)
        if role == Qt.ItemDataRole.ForegroundRole and column is RundownColumn.PRODUCTS and sold_out:
            return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.ToolTipRole and column is RundownColumn.PRODUCTS and segment.products:
            return "\n".join(
                self.tr("{product}: {count} in stock").format(product=p.product_title, count=p.available)
                for p in segment.products
            )
        return None

    def _text(self, row: int, segment: SegmentRow, column: RundownColumn) -> str:
        if column is RundownColumn.NUMBER:
            return str(row + 1)
        if column is RundownColumn.START:
            timing = self._timings.get(row)
            if timing is None or timing.start is None:
                return ""
            return timing.start.astimezone().strftime("%H:%M")
        if column is RundownColumn.KIND:
            return kind_name(segment.kind)
        if column is RundownColumn.TITLE:
            return segment.title
        if column is RundownColumn.LENGTH:
            return format_clock(segment.planned_seconds)
        return ", ".join(p.product_title for p in segment.products)
