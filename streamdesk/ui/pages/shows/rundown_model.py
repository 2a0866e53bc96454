"""The run-of-show table: one row per segment of a Rundown, with its back-timed clock times and live product figures.

The model never writes. An edit (setData), a drop (dropMimeData) or a move (moveRows) is handed to the editor as a
new SegmentInput or a reordering; the editor pushes an undo command, the command calls the service, and the
editor feeds the re-read Rundown back with ``set_rundown``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from enum import IntEnum
from typing import Protocol

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from streamdesk.core.rundown import duration_text
from streamdesk.core.show_types import (
    Conflict,
    ConflictCode,
    Rundown,
    SegmentInput,
    SegmentProductRow,
    SegmentRow,
    SegmentTiming,
)
from streamdesk.ui.formatting import format_money, format_percent
from streamdesk.ui.pages.shows.segment_edits import SegmentField, edited_segment, reordered
from streamdesk.ui.pages.shows.segment_labels import conflict_text, format_clock, kind_name
from streamdesk.ui.widgets.money_delegate import PROBLEM_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
SEGMENT_ROLE = Qt.ItemDataRole.UserRole + 1  # the SegmentRow behind a row
ROWS_MIME_TYPE = "application/x-streamdesk-rundown-rows"
CONFLICT_BACKGROUND = QColor("#fdecea")
PROBLEM_FOREGROUND = QColor("#c62828")
WAIT_FOREGROUND = QColor("#8d6e00")
# which cell a conflict is about: its tooltip and red frame go there
_CONFLICT_CELLS = {
    ConflictCode.FIXED_START_UNREACHABLE: "fixed_start",
    ConflictCode.OUT_OF_STOCK: "products",
    ConflictCode.ARCHIVED_PRODUCT: "products",
    ConflictCode.EMPTY_DURATION: "duration",
}


class RundownColumn(IntEnum):
    NUMBER = 0
    TIME = 1
    KIND = 2
    TITLE = 3
    DURATION = 4
    FIXED_START = 5
    PRODUCTS = 6
    CUE = 7
    TALKING_POINTS = 8
    THRESHOLDS = 9


_FIELD_OF_COLUMN = {
    RundownColumn.KIND: SegmentField.KIND,
    RundownColumn.TITLE: SegmentField.TITLE,
    RundownColumn.DURATION: SegmentField.DURATION,
    RundownColumn.FIXED_START: SegmentField.FIXED_START,
    RundownColumn.CUE: SegmentField.CUE,
    RundownColumn.THRESHOLDS: SegmentField.THRESHOLDS,
}
EDITABLE = frozenset(_FIELD_OF_COLUMN)
_CELL_OF_COLUMN = {
    RundownColumn.FIXED_START: "fixed_start",
    RundownColumn.PRODUCTS: "products",
    RundownColumn.DURATION: "duration",
}


class RundownEdits(Protocol):
    """The editor, as the model sees it: it turns edits and moves into undo commands."""

    def edit_segment(self, row: int, after: SegmentInput) -> bool: ...

    def move_rows(self, rows: Sequence[int], insert_before: int) -> bool: ...

    def report_error(self, message: str) -> None: ...


class RundownModel(QAbstractTableModel):
    def __init__(self, edits: RundownEdits | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self._rundown: Rundown | None = None
        self._segments: tuple[SegmentRow, ...] = ()
        self._timings: tuple[SegmentTiming, ...] = ()
        self._conflicts: dict[int, list[Conflict]] = {}

    # --- contents ----------------------------------------------------------------------------------------------
    def set_rundown(self, rundown: Rundown | None) -> None:
        """Show another rundown; when the same segments are still in the same order only their cells change."""
        same_rows = rundown is not None and [s.id for s in rundown.segments] == [s.id for s in self._segments]
        if not same_rows:
            self.beginResetModel()
        self._rundown = rundown
        self._segments = rundown.segments if rundown is not None else ()
        self._timings = rundown.timings if rundown is not None else ()
        self._conflicts = {}
        for conflict in rundown.conflicts if rundown is not None else ():
            if conflict.segment is not None:
                self._conflicts.setdefault(conflict.segment, []).append(conflict)
        if not same_rows:
            self.endResetModel()
        elif self._segments:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._segments) - 1, len(RundownColumn) - 1))

    def rundown(self) -> Rundown | None:
        return self._rundown

    def segment(self, row: int) -> SegmentRow:
        return self._segments[row]

    def conflicts_of(self, row: int) -> tuple[Conflict, ...]:
        return tuple(self._conflicts.get(row, ()))

    def row_of_segment(self, segment_id: int) -> int | None:
        for number, segment in enumerate(self._segments):
            if segment.id == segment_id:
                return number
        return None

    # --- Qt model ----------------------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._segments)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(RundownColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(RundownColumn):
            return None
        column = RundownColumn(section)
        if role == DISPLAY:
            return {
                RundownColumn.NUMBER: self.tr("#"),
                RundownColumn.TIME: self.tr("Start–end"),
                RundownColumn.KIND: self.tr("Kind"),
                RundownColumn.TITLE: self.tr("Title"),
                RundownColumn.DURATION: self.tr("Duration"),
                RundownColumn.FIXED_START: self.tr("Fixed start"),
                RundownColumn.PRODUCTS: self.tr("Products"),
                RundownColumn.CUE: self.tr("Promotion cue"),
                RundownColumn.TALKING_POINTS: self.tr("Talking points"),
                RundownColumn.THRESHOLDS: self.tr("Warn / danger"),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                RundownColumn.TIME: self.tr("Back-timed from the show's planned start, in local time"),
                RundownColumn.DURATION: self.tr("Planned length, minutes:seconds"),
                RundownColumn.FIXED_START: self.tr(
                    "A time announced to viewers, e.g. a flash sale at 20:00; the segment waits for it"
                ),
                RundownColumn.PRODUCTS: self.tr("Linked SKUs with live price and stock; red when out of stock"),
                RundownColumn.THRESHOLDS: self.tr(
                    "Remaining time when the timer turns amber (warning) and red (danger)"
                ),
            }.get(column)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self._edits is not None else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._edits is not None:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
            if RundownColumn(index.column()) in EDITABLE:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._segments):
            return None
        row, column = index.row(), RundownColumn(index.column())
        segment = self._segments[row]
        if role == DISPLAY:
            return self._display(row, segment, column)
        if role == EDIT:
            return self._edit_value(segment, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, segment, column)
        if role == Qt.ItemDataRole.DecorationRole and column == RundownColumn.NUMBER and row in self._conflicts:
            from PySide6.QtWidgets import QApplication, QStyle  # the style's icon; the model is only used with widgets

            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.BackgroundRole and row in self._conflicts:
            return QBrush(CONFLICT_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, segment, column)
        if role == Qt.ItemDataRole.FontRole and column == RundownColumn.PRODUCTS and _out_of_stock(segment):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (RundownColumn.NUMBER, RundownColumn.DURATION):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == PROBLEM_ROLE:
            cell = _CELL_OF_COLUMN.get(column)
            texts = [self._conflict_text(c) for c in self._conflicts.get(row, ()) if _CONFLICT_CELLS[c.code] == cell]
            return "\n".join(texts) if cell and texts else None
        if role == SEGMENT_ROLE:
            return segment
        return None

    def _display(self, row: int, segment: SegmentRow, column: RundownColumn) -> str:
        if column == RundownColumn.NUMBER:
            return str(row + 1)
        if column == RundownColumn.TIME:
            return self._time_text(row)
        if column == RundownColumn.KIND:
            return kind_name(segment.kind)
        if column == RundownColumn.TITLE:
            return segment.title
        if column == RundownColumn.DURATION:
            return duration_text(segment.planned_seconds)
        if column == RundownColumn.FIXED_START:
            return format_clock(segment.fixed_start) if segment.fixed_start is not None else ""
        if column == RundownColumn.PRODUCTS:
            return self._products_text(segment.products)
        if column == RundownColumn.CUE:
            return segment.promotion_cue
        if column == RundownColumn.TALKING_POINTS:  # one line; the view elides it, the tooltip has it all
            return " · ".join(line.strip() for line in segment.talking_points.splitlines() if line.strip())
        return self.tr("{warn} / {danger}").format(
            warn=duration_text(segment.warn_seconds), danger=duration_text(segment.danger_seconds)
        )

    def _time_text(self, row: int) -> str:
        if row >= len(self._timings):
            return ""
        timing = self._timings[row]
        segment = self._segments[row]
        if timing.start is not None and timing.end is not None:
            start, end = format_clock(timing.start), format_clock(timing.end)
        else:  # no planned start: offsets from the top of the show
            start = duration_text(timing.offset_seconds)
            end = duration_text(timing.offset_seconds + segment.planned_seconds)
        if timing.wait_seconds > 0:
            return self.tr("{start}–{end} (+{wait} wait)").format(
                start=start, end=end, wait=duration_text(timing.wait_seconds)
            )
        return self.tr("{start}–{end}").format(start=start, end=end)

    def _products_text(self, products: tuple[SegmentProductRow, ...]) -> str:
        if not products:
            return ""
        first = products[0]
        text = self.tr("{title} · {price} · stock {stock}").format(
            title=first.product_title, price=format_money(first.price_minor, first.currency), stock=first.available
        )
        if len(products) > 1:
            text = self.tr("{first} (+{count} more)").format(first=text, count=len(products) - 1)
        return text

    def _edit_value(self, segment: SegmentRow, column: RundownColumn) -> object:
        if column == RundownColumn.KIND:
            return segment.kind.value
        if column == RundownColumn.DURATION:
            return duration_text(segment.planned_seconds)
        if column == RundownColumn.FIXED_START:
            return format_clock(segment.fixed_start) if segment.fixed_start is not None else ""
        if column == RundownColumn.THRESHOLDS:
            return f"{duration_text(segment.warn_seconds)} / {duration_text(segment.danger_seconds)}"
        if column == RundownColumn.TITLE:
            return segment.title
        if column == RundownColumn.CUE:
            return segment.promotion_cue
        return None

    def _tooltip(self, row: int, segment: SegmentRow, column: RundownColumn) -> str | None:
        conflicts = [self._conflict_text(c) for c in self._conflicts.get(row, ())]
        if column == RundownColumn.NUMBER:
            return "\n".join(conflicts) or None
        cell = _CELL_OF_COLUMN.get(column)
        here = [self._conflict_text(c) for c in self._conflicts.get(row, ()) if _CONFLICT_CELLS[c.code] == cell]
        if column == RundownColumn.PRODUCTS and segment.products:
            lines = [html.escape(self._product_line(product)) for product in segment.products]
            return "<br>".join(lines + [f"<b>{html.escape(text)}</b>" for text in here])
        if column == RundownColumn.TALKING_POINTS and segment.talking_points.strip():
            return f"<p style='white-space:pre-wrap'>{html.escape(segment.talking_points)}</p>"
        if column == RundownColumn.TIME and row < len(self._timings) and self._timings[row].wait_seconds > 0:
            return self.tr("The segment before ends {wait} before this fixed start: the host fills the gap.").format(
                wait=duration_text(self._timings[row].wait_seconds)
            )
        if column == RundownColumn.TITLE and segment.notes:
            return segment.notes
        return "\n".join(here) or None

    def _product_line(self, product: SegmentProductRow) -> str:
        line = self.tr(
            "{sku} {title} {spec}: live price {price}, stock {stock}, margin {margin} ({margin_pct})"
        ).format(
            sku=product.sku_code,
            title=product.product_title,
            spec=product.spec_label,
            price=format_money(product.price_minor, product.currency) or self.tr("no price"),
            stock=product.available,
            margin=format_money(product.margin_minor, product.currency) or "–",
            margin_pct=format_percent(product.margin_pct) or "–",
        )
        if product.archived:
            line = self.tr("{line} (archived)").format(line=line)
        return line

    def _foreground(self, row: int, segment: SegmentRow, column: RundownColumn) -> QBrush | None:
        if column == RundownColumn.PRODUCTS and _out_of_stock(segment):
            return QBrush(PROBLEM_FOREGROUND)
        if column == RundownColumn.FIXED_START and any(
            c.code == ConflictCode.FIXED_START_UNREACHABLE for c in self._conflicts.get(row, ())
        ):
            return QBrush(PROBLEM_FOREGROUND)
        if column == RundownColumn.TIME and row < len(self._timings) and self._timings[row].wait_seconds > 0:
            return QBrush(WAIT_FOREGROUND)
        return None

    def _conflict_text(self, conflict: Conflict) -> str:
        return conflict_text(conflict, self._segments)

    # --- editing -----------------------------------------------------------------------------------------------
    def setData(self, index: ModelIndex, value: object, role: int = EDIT) -> bool:
        if role != EDIT or not index.isValid() or self._edits is None or not 0 <= index.row() < len(self._segments):
            return False
        column = RundownColumn(index.column())
        if column not in EDITABLE:
            return False
        before = self._segments[index.row()].to_input()
        planned_start = self._rundown.planned_start if self._rundown is not None else None
        after = edited_segment(before, _FIELD_OF_COLUMN[column], value, planned_start)
        if isinstance(after, str):
            self._edits.report_error(after)
            return False
        if after == before:
            return True  # nothing changed: no undo step
        return self._edits.edit_segment(index.row(), after)

    # --- drag and drop -----------------------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROWS_MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        mime = QMimeData()
        payload = {"show_id": self._rundown.show_id if self._rundown else None, "rows": rows}
        mime.setData(ROWS_MIME_TYPE, json.dumps(payload).encode())
        return mime

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex
    ) -> bool:
        return self._dropped_rows(data) is not None and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex) -> bool:
        """Rows dragged within this rundown: dropped between rows (``row``) or onto one (``parent``, goes before it)."""
        rows = self._dropped_rows(data)
        if rows is None or action != Qt.DropAction.MoveAction or self._edits is None:
            return False
        insert_before = parent.row() if parent.isValid() else row
        if insert_before < 0 or insert_before > len(self._segments):
            insert_before = len(self._segments)
        return self._move(rows, insert_before)

    def moveRows(
        self,
        source_parent: ModelIndex,
        source_row: int,
        count: int,
        destination_parent: ModelIndex,
        destination_child: int,
    ) -> bool:
        if source_parent.isValid() or destination_parent.isValid() or self._edits is None or count < 1:
            return False
        if (
            source_row < 0
            or source_row + count > len(self._segments)
            or not 0 <= destination_child <= len(self._segments)
        ):
            return False
        return self._move(range(source_row, source_row + count), destination_child)

    def _move(self, rows: Sequence[int], insert_before: int) -> bool:
        assert self._edits is not None
        if reordered(len(self._segments), rows, insert_before) == list(range(len(self._segments))):
            return False  # dropped where it was
        return self._edits.move_rows(rows, insert_before)

    def _dropped_rows(self, data: QMimeData) -> list[int] | None:
        if not data.hasFormat(ROWS_MIME_TYPE):
            return None
        try:
            payload = json.loads(bytes(data.data(ROWS_MIME_TYPE).data()).decode())
        except ValueError:
            return None
        current = self._rundown.show_id if self._rundown else None
        rows = payload.get("rows") if isinstance(payload, dict) else None
        if payload.get("show_id") != current or not isinstance(rows, list) or not rows:
            return None  # rows of another show (the editor switched shows mid-drag)
        if not all(isinstance(row, int) and 0 <= row < len(self._segments) for row in rows):
            return None
        return rows


def _out_of_stock(segment: SegmentRow) -> bool:
    return any(product.available <= 0 for product in segment.products)
