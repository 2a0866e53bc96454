"""Pieces of the shows page: its search box and the empty states that say what to do next."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QWidget

from streamdesk.core.show_types import ShowSummary
from streamdesk.ui.pages.shows.show_list_model import ShowQuery, ShowView, is_upcoming
from streamdesk.ui.widgets.search_box import SearchBox

if TYPE_CHECKING:
    from streamdesk.ui.pages.shows.page import ShowsPage


class ShowSearchBox(SearchBox):
    """Searches titles and themes; Down moves into the list."""

    down_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Search shows by title or theme"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def empty_state_for(
    page: ShowsPage, query: ShowQuery, shows: Sequence[ShowSummary]
) -> tuple[str, str, tuple[QAction, ...]]:
    """Headline, sentence and next-step buttons when the list has no rows."""
    a = page.actions_
    if query.text:
        return (
            QCoreApplication.translate("ShowsPage", "No shows match “{text}”").format(text=query.text),
            QCoreApplication.translate("ShowsPage", "Check the spelling, or search for part of the title or theme."),
            (a.clear_search,),
        )
    real = [show for show in shows if not show.is_template]
    templates = [show for show in shows if show.is_template]
    new = (a.new_show, a.from_template) if templates else (a.new_show,)
    if query.view is ShowView.TEMPLATES:
        return (
            QCoreApplication.translate("ShowsPage", "No templates yet"),
            QCoreApplication.translate(
                "ShowsPage",
                "Select a show you run often and choose Save as template (Ctrl+Shift+T); "
                "new shows can then start from its plan and rundown.",
            ),
            (),
        )
    if not real:
        return (
            QCoreApplication.translate("ShowsPage", "No shows planned yet"),
            QCoreApplication.translate(
                "ShowsPage",
                "Plan your next stream: its date, platforms, goals, team and rundown. Press Ctrl+N to start.",
            ),
            new,
        )
    if query.view is ShowView.CALENDAR:
        if query.day is not None:
            return (
                QCoreApplication.translate("ShowsPage", "No shows on {day}").format(day=query.day.isoformat()),
                QCoreApplication.translate("ShowsPage", "Press Ctrl+N to plan one on this day at 20:00."),
                new,
            )
        return (
            QCoreApplication.translate("ShowsPage", "No shows this month"),
            QCoreApplication.translate("ShowsPage", "Pick another month, or plan a show with Ctrl+N."),
            new,
        )
    if query.view is ShowView.UPCOMING:
        past = [show for show in real if not is_upcoming(show, page.now())]
        return (
            QCoreApplication.translate("ShowsPage", "Nothing planned"),
            QCoreApplication.translate(
                "ShowsPage",
                "Your %n past show(s) are under Past (Alt+2). Plan the next one, or duplicate a past show (Ctrl+D).",
                None,
                len(past),
            ),
            (*new, page.actions_.view_actions[ShowView.PAST]),
        )
    return (
        QCoreApplication.translate("ShowsPage", "No past shows yet"),
        QCoreApplication.translate(
            "ShowsPage", "Shows move here once their planned end has passed or the live timer has finished them."
        ),
        (page.actions_.view_actions[ShowView.UPCOMING],),
    )
