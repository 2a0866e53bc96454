"""The shows table: one row per ShowSummary, and which shows each view of the page lists.

"Upcoming" holds what is still to do: undated drafts, live shows and shows whose planned end is not past yet
(earliest first). "Past" holds the rest, done or ended, most recent first. Templates are only in their own view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import IntEnum, StrEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from streamdesk.core.show_types import ShowStatus, ShowSummary
from streamdesk.ui.formatting import format_money
from streamdesk.ui.pages.shows.labels import format_duration, format_show_start, platforms_text, status_name

DISPLAY = Qt.ItemDataRole.DisplayRole
ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root of a flat table, as a default argument

STATUS_COLORS = {
    ShowStatus.DRAFT: QColor("#616161"),
    ShowStatus.SCHEDULED: QColor("#1565c0"),
    ShowStatus.LIVE: QColor("#c62828"),
    ShowStatus.DONE: QColor("#2e7d32"),
    ShowStatus.CANCELLED: QColor("#9e9e9e"),
}


class ShowView(StrEnum):
    UPCOMING = "upcoming"
    PAST = "past"
    ALL = "all"
    TEMPLATES = "templates"
    CALENDAR = "calendar"


class ShowColumn(IntEnum):
    TITLE = 0
    START = 1
    PLATFORMS = 2
    STATUS = 3
    DURATION = 4
    SEGMENTS = 5
    TARGET_GMV = 6


@dataclass(frozen=True, slots=True)
class ShowQuery:
    """What the list shows: a view, a text typed in the search box, and in calendar mode a day or a month."""

    view: ShowView = ShowView.UPCOMING
    text: str = ""
    day: date | None = None  # calendar: the clicked day
    month: tuple[int, int] | None = None  # calendar: (year, month) shown when no day is clicked


def is_upcoming(show: ShowSummary, now: datetime) -> bool:
    if show.status is ShowStatus.LIVE or show.planned_start is None:
        return show.status is not ShowStatus.DONE
    if show.status is ShowStatus.DONE:
        return False
    return show.planned_start + timedelta(seconds=show.planned_seconds) > now


def local_day(show: ShowSummary) -> date | None:
    return show.planned_start.astimezone().date() if show.planned_start is not None else None


def select_shows(shows: Sequence[ShowSummary], query: ShowQuery, now: datetime) -> list[ShowSummary]:
    """The rows of one view, in the order the view lists them."""
    text = query.text.casefold()
    chosen = [show for show in shows if not text or text in show.title.casefold() or text in show.theme.casefold()]
    if query.view is ShowView.TEMPLATES:
        return [show for show in chosen if show.is_template]
    chosen = [show for show in chosen if not show.is_template]
    if query.view is ShowView.UPCOMING:
        return [show for show in chosen if is_upcoming(show, now)]
    if query.view is ShowView.PAST:
        past = [show for show in chosen if not is_upcoming(show, now)]
        return sorted(past, key=lambda show: show.planned_start or now, reverse=True)
    if query.view is ShowView.CALENDAR:
        if query.day is not None:
            return [show for show in chosen if local_day(show) == query.day]
        if query.month is not None:
            return [show for show in chosen if (day := local_day(show)) and (day.year, day.month) == query.month]
        return [show for show in chosen if show.planned_start is not None]
    return chosen


class ShowListModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ShowSummary] = []

    # --- rows --------------------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[ShowSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, number: int) -> ShowSummary:
        return self._rows[number]

    def rows(self) -> tuple[ShowSummary, ...]:
        return tuple(self._rows)

    def row_of(self, show_id: int) -> int | None:
        return next((number for number, show in enumerate(self._rows) if show.id == show_id), None)

    # --- Qt ----------------------------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(ShowColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(ShowColumn):
            return None
        return (
            self.tr("Show"),
            self.tr("Starts"),
            self.tr("Platforms"),
            self.tr("Status"),
            self.tr("Planned"),
            self.tr("Segments"),
            self.tr("Target GMV"),
        )[section]

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        show = self._rows[index.row()]
        column = ShowColumn(index.column())
        if role == DISPLAY:
            return self._display(show, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(show, column)
        if role == Qt.ItemDataRole.ForegroundRole and column is ShowColumn.STATUS:
            return STATUS_COLORS[show.status]
        if role == Qt.ItemDataRole.FontRole and column is ShowColumn.TITLE and show.status is ShowStatus.CANCELLED:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ShowColumn.SEGMENTS, ShowColumn.TARGET_GMV):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, show: ShowSummary, column: ShowColumn) -> str:
        if column is ShowColumn.TITLE:
            return show.title
        if column is ShowColumn.START:
            return format_show_start(show.planned_start) or self.tr("No date yet")
        if column is ShowColumn.PLATFORMS:
            return platforms_text(show.platforms)
        if column is ShowColumn.STATUS:
            return self.tr("Template") if show.is_template else status_name(show.status)
        if column is ShowColumn.DURATION:
            return format_duration(show.planned_seconds)
        if column is ShowColumn.SEGMENTS:
            return str(show.segment_count) if show.segment_count else ""
        return format_money(show.target_gmv_minor, show.currency)

    def _tooltip(self, show: ShowSummary, column: ShowColumn) -> str | None:
        if column is ShowColumn.TITLE and show.theme:
            return show.theme
        if column is ShowColumn.SEGMENTS and show.segment_count:
            return self.tr("%n segment(s), {duration} in the rundown", "", show.segment_count).format(
                duration=format_duration(show.rundown_seconds) or self.tr("no time")
            )
        return None
