"""A month calendar whose days with shows are bold and carry a coloured dot per show (colour = status, 3 at most)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QWidget

from streamdesk.core.show_types import ShowStatus, ShowSummary
from streamdesk.ui.pages.shows.show_list_model import STATUS_COLORS, local_day

MAX_DOTS = 3
DOT_SIZE = 5.0
DAY_WITH_SHOWS = QColor("#e3f2fd")


class ShowCalendar(QCalendarWidget):
    """``day_chosen(date)`` when a day is clicked or picked with the keys; ``month_shown(year, month)`` on paging."""

    day_chosen = Signal(object)  # datetime.date
    month_shown = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self._statuses: dict[date, list[ShowStatus]] = {}
        self._marked: list[QDate] = []
        self.clicked.connect(self._on_picked)
        self.activated.connect(self._on_picked)
        self.currentPageChanged.connect(self.month_shown)

    def set_shows(self, shows: Sequence[ShowSummary]) -> None:
        """Mark the days that have (non-template) shows, in local time."""
        statuses: dict[date, list[ShowStatus]] = defaultdict(list)
        for show in shows:
            day = local_day(show)
            if day is not None and not show.is_template:
                statuses[day].append(show.status)
        for marked in self._marked:
            self.setDateTextFormat(marked, QTextCharFormat())
        self._statuses = dict(statuses)
        self._marked = []
        bold = QTextCharFormat()
        bold.setFontWeight(700)
        bold.setBackground(QBrush(DAY_WITH_SHOWS))
        for day in self._statuses:
            marked = QDate(day.year, day.month, day.day)
            self.setDateTextFormat(marked, bold)
            self._marked.append(marked)
        self.updateCells()

    def shows_on(self, day: date) -> int:
        return len(self._statuses.get(day, ()))

    def marked_days(self) -> tuple[date, ...]:
        return tuple(sorted(self._statuses))

    def choose_day(self, day: date) -> None:
        self.setSelectedDate(QDate(day.year, day.month, day.day))
        self.day_chosen.emit(day)

    def selected_day(self) -> date:
        selected = self.selectedDate()
        return date(selected.year(), selected.month(), selected.day())

    def shown_month(self) -> tuple[int, int]:
        return self.yearShown(), self.monthShown()

    def _on_picked(self, picked: QDate) -> None:
        self.day_chosen.emit(date(picked.year(), picked.month(), picked.day()))

    def paintCell(self, painter: QPainter, rect: QRect, cell_date: QDate) -> None:
        super().paintCell(painter, rect, cell_date)
        day = date(cell_date.year(), cell_date.month(), cell_date.day())
        statuses = self._statuses.get(day)
        if not statuses:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        shown = statuses[:MAX_DOTS]
        # a column at the cell's right edge: clear of the centred day number even in a small calendar
        gap = DOT_SIZE + 2
        left = rect.right() - DOT_SIZE - 4
        top = rect.center().y() - (len(shown) * gap - 2) / 2
        for number, status in enumerate(shown):
            painter.setBrush(STATUS_COLORS[status])
            painter.drawEllipse(QRectF(left, top + number * gap, DOT_SIZE, DOT_SIZE))
        painter.restore()
