"""Search and filters above the orders table; emits the OrderFilter the table should show.

Dates are the seller's local days: "today" runs from local midnight to the next, turned into UTC for the query
(``created_from`` inclusive, ``created_to`` exclusive).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QMenu, QToolButton, QWidget

from streamdesk.core.order_types import OrderFilter, OrderStatus, Platform
from streamdesk.core.show_types import ShowSummary
from streamdesk.labels import platform_name
from streamdesk.ui.pages.orders.labels import order_status_name
from streamdesk.ui.widgets.combo_width import fit_combo_to
from streamdesk.ui.widgets.search_box import SearchBox


class DateRange(StrEnum):
    ANY = "any"
    TODAY = "today"
    LAST_7_DAYS = "last_7_days"
    LAST_30_DAYS = "last_30_days"
    CUSTOM = "custom"


def local_midnight(day: date) -> datetime:
    """The UTC moment the local day ``day`` starts."""
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def date_bounds(choice: DateRange, today: date, first: date, last: date) -> tuple[datetime | None, datetime | None]:
    """(created_from, created_to) of a date choice: local days, ``last`` included."""
    if choice is DateRange.ANY:
        return None, None
    if choice is DateRange.CUSTOM:
        first, last = min(first, last), max(first, last)
        return local_midnight(first), local_midnight(last + timedelta(days=1))
    days = {DateRange.TODAY: 1, DateRange.LAST_7_DAYS: 7, DateRange.LAST_30_DAYS: 30}[choice]
    return local_midnight(today - timedelta(days=days - 1)), local_midnight(today + timedelta(days=1))


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class FilterBar(QWidget):
    filter_changed = Signal(object)  # OrderFilter

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._quiet = False
        self.search = SearchBox(self)
        self.search.setPlaceholderText(self.tr("Search order no., buyer, recipient, SKU or title (Ctrl+F)"))
        self.search.setMinimumWidth(180)  # room for the platform names in a wordier language at 1366 px
        self.show_choice = QComboBox(self)
        self.show_choice.setMinimumContentsLength(14)
        self.show_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.show_choice.setToolTip(self.tr("Orders placed during one show"))
        self.show_choice.setAccessibleName(self.tr("Show"))
        self.show_choice.addItem(self.tr("All shows"), None)
        self.platform = QComboBox(self)
        self.platform.setMinimumContentsLength(12)
        self.platform.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.platform.addItem(self.tr("All platforms"), None)
        self.platform.setAccessibleName(self.tr("Platform"))
        for platform in Platform:
            self.platform.addItem(platform_name(platform), platform)
        fit_combo_to(self.platform)  # a chosen platform shows whole (the search field gives way)
        self.status_button = QToolButton(self)
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_button.setToolTip(self.tr("Show orders in these statuses"))
        self.status_menu = QMenu(self.status_button)
        self.any_status = self.status_menu.addAction(self.tr("Any status"))
        self.any_status.triggered.connect(self.clear_statuses)
        self.status_menu.addSeparator()
        self.status_actions: dict[OrderStatus, QAction] = {}
        for status in OrderStatus:
            action = self.status_menu.addAction(order_status_name(status))
            action.setCheckable(True)
            action.toggled.connect(self._on_status_toggled)
            self.status_actions[status] = action
        self.status_button.setMenu(self.status_menu)
        self.dates = QComboBox(self)
        self.dates.setToolTip(self.tr("When the orders were placed"))
        self.dates.setAccessibleName(self.tr("Order date"))
        for choice, text in (
            (DateRange.ANY, self.tr("Any date")),
            (DateRange.TODAY, self.tr("Today")),
            (DateRange.LAST_7_DAYS, self.tr("Last 7 days")),
            (DateRange.LAST_30_DAYS, self.tr("Last 30 days")),
            (DateRange.CUSTOM, self.tr("From – to…")),
        ):
            self.dates.addItem(text, choice)
        self.date_from = self._date_edit(self.tr("First day"))
        self.date_to = self._date_edit(self.tr("Last day"))
        self.overdue = QCheckBox(self.tr("Overdue only"), self)
        self.overdue.setToolTip(self.tr("Unshipped orders past their ship-by time"))
        self.needs_review = QCheckBox(self.tr("Needs review"), self)
        self.needs_review.setToolTip(self.tr("Orders the import flagged: unknown status text or damaged data"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in (
            (self.search, 3),
            (self.show_choice, 1),
            (self.platform, 0),
            (self.status_button, 0),
            (self.dates, 0),
            (self.date_from, 0),
            (self.date_to, 0),
            (self.overdue, 0),
            (self.needs_review, 0),
        ):
            layout.addWidget(widget, stretch)
        self._update_status_text()
        self._show_custom_dates()
        self.search.search_changed.connect(self._emit)
        self.show_choice.currentIndexChanged.connect(self._emit)
        self.platform.currentIndexChanged.connect(self._emit)
        self.dates.currentIndexChanged.connect(self._on_dates_changed)
        self.date_from.dateChanged.connect(self._emit)
        self.date_to.dateChanged.connect(self._emit)
        self.overdue.toggled.connect(self._emit)
        self.needs_review.toggled.connect(self._emit)

    def _date_edit(self, tip: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setToolTip(tip)
        today = self._today()
        edit.setDate(QDate(today.year, today.month, today.day))
        return edit

    # --- reading -----------------------------------------------------------------------------------------------
    def current_filter(self) -> OrderFilter:
        created_from, created_to = date_bounds(
            DateRange(self.dates.currentData()),
            self._today(),
            _day(self.date_from),
            _day(self.date_to),
        )
        platform = self.platform.currentData()  # Qt hands a StrEnum back as its text
        return OrderFilter(
            text=self.search.search_text(),
            show_id=self.show_choice.currentData(),
            platform=Platform(platform) if platform else None,
            statuses=self.statuses(),
            created_from=created_from,
            created_to=created_to,
            overdue_only=self.overdue.isChecked(),
            needs_review_only=self.needs_review.isChecked(),
        )

    def statuses(self) -> tuple[OrderStatus, ...]:
        return tuple(status for status, action in self.status_actions.items() if action.isChecked())

    def has_filters(self) -> bool:
        """True when anything besides the search text narrows the table."""
        query = self.current_filter()
        return bool(
            query.show_id is not None
            or query.platform is not None
            or query.statuses
            or query.created_from is not None
            or query.overdue_only
            or query.needs_review_only
        )

    # --- changing ----------------------------------------------------------------------------------------------
    def set_shows(self, shows: Sequence[ShowSummary]) -> None:
        """Refill the show list (newest first), keeping the chosen show."""
        chosen = self.show_choice.currentData()
        self._quiet = True
        self.show_choice.clear()
        self.show_choice.addItem(self.tr("All shows"), None)
        dated = sorted(shows, key=lambda show: show.planned_start or datetime.min.replace(tzinfo=UTC), reverse=True)
        for show in dated:
            when = show.planned_start.astimezone().strftime("%m-%d") if show.planned_start else ""
            text = f"{when} {show.title}".strip()
            self.show_choice.addItem(text, show.id)
            self.show_choice.setItemData(self.show_choice.count() - 1, show.title, Qt.ItemDataRole.ToolTipRole)
        index = self.show_choice.findData(chosen) if chosen is not None else 0
        self.show_choice.setCurrentIndex(max(index, 0))
        self._quiet = False
        if chosen is not None and index < 0:
            self._emit()  # the chosen show is gone: the filter changed

    def set_show(self, show_id: int | None) -> None:
        index = self.show_choice.findData(show_id)
        if index >= 0:
            self.show_choice.setCurrentIndex(index)

    def set_statuses(self, statuses: Sequence[OrderStatus]) -> None:
        self._quiet = True
        for status, action in self.status_actions.items():
            action.setChecked(status in statuses)
        self._quiet = False
        self._update_status_text()
        self._emit()

    def clear_statuses(self) -> None:
        self.set_statuses(())

    def clear_filters(self) -> None:
        self._quiet = True
        self.show_choice.setCurrentIndex(0)
        self.platform.setCurrentIndex(0)
        for action in self.status_actions.values():
            action.setChecked(False)
        self.dates.setCurrentIndex(0)
        self.overdue.setChecked(False)
        self.needs_review.setChecked(False)
        self._quiet = False
        self._update_status_text()
        self._show_custom_dates()
        self._emit()

    def show_matching(self, text: str) -> None:
        """Show the orders matching ``text`` and nothing else narrowing them (to bring one order into view)."""
        self._quiet = True
        self.search.setText(text)
        self._quiet = False
        self.clear_filters()

    # --- slots -------------------------------------------------------------------------------------------------
    def _on_status_toggled(self, _checked: bool) -> None:
        self._update_status_text()
        self._emit()

    def _on_dates_changed(self) -> None:
        self._show_custom_dates()
        self._emit()

    def _show_custom_dates(self) -> None:
        custom = self.dates.currentData() == DateRange.CUSTOM
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)

    def _update_status_text(self) -> None:
        chosen = self.statuses()
        if not chosen:
            text = self.tr("All statuses")
        elif len(chosen) == 1:
            text = order_status_name(chosen[0])
        else:
            text = self.tr("%n status(es)", "", len(chosen))
        self.status_button.setText(text)

    def _emit(self) -> None:
        if not self._quiet:
            self.filter_changed.emit(self.current_filter())
