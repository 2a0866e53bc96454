"""The show dialog's plain fields (title, platforms, start, duration, status, goals, notes), each wrapped so its
validation problem shows right under it. Times are edited in local time and handed out as aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.catalogue_types import FieldProblem
from streamdesk.core.errors import UserError
from streamdesk.core.local_time import clock_change_on
from streamdesk.core.money import parse_amount
from streamdesk.core.show_types import Platform, ShowInput, ShowStatus
from streamdesk.messages import describe
from streamdesk.ui.formatting import format_amount_for_editing
from streamdesk.ui.pages.catalogue.editor_fields import CURRENCIES
from streamdesk.ui.pages.shows.labels import platform_name, status_name, weekday_name
from streamdesk.ui.widgets.compliance_highlight import highlight_claims
from streamdesk.ui.widgets.field_problem import FieldWithProblem
from streamdesk.ui.widgets.form_dialog import place_problems

NOT_SET = -1  # the goal spin boxes' "not set" value (0 is a real goal only for nobody)
EDITABLE_STATUSES = (ShowStatus.DRAFT, ShowStatus.SCHEDULED, ShowStatus.CANCELLED)  # live and done come from runs
FIELDS = (
    "title",
    "theme",
    "platforms",
    "planned_start",
    "planned_seconds",
    "status",
    "currency",
    "target_gmv_minor",
    "target_orders",
    "target_followers",
    "notes",
)
GOALS = ("target_gmv_minor", "target_orders", "target_followers")


def to_qdatetime(moment: datetime) -> QDateTime:
    """An aware datetime as a local QDateTime."""
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qdatetime(moment: QDateTime) -> datetime:
    """A QDateTime (local) as an aware UTC datetime, to the minute."""
    return datetime.fromtimestamp(moment.toSecsSinceEpoch(), UTC).replace(second=0, microsecond=0)


@dataclass(frozen=True, slots=True)
class ShowFieldValues:
    show: ShowInput  # people, promotions, budget and targets left empty: the dialog adds them
    problems: tuple[FieldProblem, ...]  # text that does not parse ("ui.message")


class ShowFields(QObject):
    changed = Signal()
    currency_changed = Signal(str)

    def __init__(self, *, is_template: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.is_template = is_template
        self.title = QLineEdit(parent)
        self.title.setPlaceholderText(self.tr("e.g. 周五夏季新品专场"))
        self.theme = QLineEdit(parent)
        self.theme.setPlaceholderText(self.tr("What this stream is about, e.g. summer sun protection"))
        self.platform_boxes = {platform: QCheckBox(platform_name(platform), parent) for platform in Platform}
        self.platforms = QWidget(parent)
        grid = QGridLayout(self.platforms)
        grid.setContentsMargins(0, 0, 0, 0)
        for number, box in enumerate(self.platform_boxes.values()):
            grid.addWidget(box, number // 4, number % 4)
        self.start = QDateTimeEdit(parent)
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.start.setMinimumWidth(170)
        self.undated = QCheckBox(self.tr("No date yet"), parent)
        self.weekday = QLabel(parent)
        self.clock_change = QLabel(parent)  # shown on a day the clocks change: which times are missing or doubled
        self.clock_change.setObjectName("clockChangeHint")
        self.clock_change.setWordWrap(True)
        self.clock_change.setVisible(False)
        self.planned_start = QWidget(parent)
        column = QVBoxLayout(self.planned_start)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QHBoxLayout()
        row.addWidget(self.start)
        row.addWidget(self.weekday)
        row.addWidget(self.undated)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.clock_change)
        self.hours = QSpinBox(parent)
        self.hours.setRange(0, 24)
        self.hours.setSuffix(self.tr(" h"))
        self.minutes = QSpinBox(parent)
        self.minutes.setRange(0, 55)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(self.tr(" min"))
        self.ends = QLabel(parent)
        self.planned_seconds = QWidget(parent)
        row = QHBoxLayout(self.planned_seconds)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.hours)
        row.addWidget(self.minutes)
        row.addWidget(self.ends)
        row.addStretch(1)
        self.status = QComboBox(parent)
        for status in EDITABLE_STATUSES:
            self.status.addItem(status_name(status), status)
        self.currency = QComboBox(parent)
        self.currency.addItems(list(CURRENCIES))
        self.target_gmv_minor = QLineEdit(parent)
        self.target_gmv_minor.setPlaceholderText(self.tr("Not set"))
        self.target_gmv_minor.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.target_gmv_minor.setFixedWidth(180)
        self.gmv_currency = QLabel(parent)  # the amount is in the show's currency, chosen on the first tab
        self.gmv_currency.setContentsMargins(0, 3, 0, 0)
        self.target_orders = self._goal_box(parent)
        self.target_followers = self._goal_box(parent)
        self.notes = QPlainTextEdit(parent)
        self.notes.setPlaceholderText(self.tr("Anything the team should know: samples to prepare, guests, links"))
        self.notes_claims = highlight_claims(self.notes)  # show notes often hold the opening script
        self.wrapped = {name: FieldWithProblem(getattr(self, name), parent) for name in FIELDS}
        self._connect()

    def _goal_box(self, parent: QWidget) -> QSpinBox:
        box = QSpinBox(parent)
        box.setRange(NOT_SET, 10_000_000)
        box.setValue(NOT_SET)
        box.setSpecialValueText(self.tr("Not set"))
        box.setMinimumWidth(140)
        box.setMaximumWidth(180)
        return box

    def _connect(self) -> None:
        for edit in (self.title, self.theme, self.target_gmv_minor):
            edit.textChanged.connect(self.changed)
        for box in self.platform_boxes.values():
            box.toggled.connect(self.changed)
        self.start.dateTimeChanged.connect(self._on_time_changed)
        self.undated.toggled.connect(self._on_time_changed)
        for spin in (self.hours, self.minutes):
            spin.valueChanged.connect(self._on_time_changed)
        for spin in (self.target_orders, self.target_followers):
            spin.valueChanged.connect(self.changed)
        self.status.currentIndexChanged.connect(self.changed)
        self.currency.currentTextChanged.connect(self.currency_changed)
        self.currency.currentTextChanged.connect(self.gmv_currency.setText)
        self.currency.currentTextChanged.connect(self.changed)
        self.notes.textChanged.connect(self.changed)

    def _on_time_changed(self, *_args: object) -> None:
        self.start.setEnabled(not self.undated.isChecked())
        start = self.planned_start_value()
        seconds = self.seconds()
        self._show_clock_change(start)
        if start is None:
            self.weekday.setText("")
            self.ends.setText("")
        else:
            self.weekday.setText(weekday_name(start.astimezone().isoweekday()))
            if seconds:
                end = (start + timedelta(seconds=seconds)).astimezone()
                same_day = end.date() == start.astimezone().date()
                self.ends.setText(
                    self.tr("ends at {time}").format(time=end.strftime("%H:%M"))
                    if same_day
                    else self.tr("ends at {time} the next day").format(time=end.strftime("%H:%M"))
                )
            else:
                self.ends.setText("")
        self.changed.emit()

    def _show_clock_change(self, start: datetime | None) -> None:
        """On a day the clocks change, say so: the date-time field skips the missing times (typing one is refused,
        the arrows jump over it) and takes the first of two repeated ones (core/local_time.py)."""
        change = None if start is None else clock_change_on(start.astimezone().date())
        if change is None:
            self.clock_change.setText("")
            self.clock_change.setVisible(False)
            return
        if change.forward:
            text = self.tr(
                "The clocks go forward from {start} to {end} on this day: the times in between do not exist, so the "
                "show cannot start then."
            )
        else:
            text = self.tr(
                "The clocks go back from {start} to {end} on this day: the times in between come twice, and the show "
                "starts at the first of them."
            )
        self.clock_change.setText(
            text.format(start=change.wall_from.strftime("%H:%M"), end=change.wall_to.strftime("%H:%M"))
        )
        self.clock_change.setVisible(True)

    # --- values ------------------------------------------------------------------------------------------------
    def load(self, show: ShowInput) -> None:
        self.title.setText(show.title)
        self.theme.setText(show.theme)
        for platform, box in self.platform_boxes.items():
            box.setChecked(platform in show.platforms)
        self.undated.setChecked(show.planned_start is None)
        if show.planned_start is not None:
            self.start.setDateTime(to_qdatetime(show.planned_start))
        minutes = show.planned_seconds // 60
        self.hours.setValue(minutes // 60)
        self.minutes.setValue(minutes % 60)
        if show.status not in EDITABLE_STATUSES:  # live or done: shown, not changed here
            self.status.addItem(status_name(show.status), show.status)
            self.status.setEnabled(False)
        self.status.setCurrentIndex(max(0, self.status.findData(show.status)))
        self.set_currency(show.currency)
        self.target_gmv_minor.setText(format_amount_for_editing(show.target_gmv_minor, show.currency))
        self.target_orders.setValue(NOT_SET if show.target_orders is None else show.target_orders)
        self.target_followers.setValue(NOT_SET if show.target_followers is None else show.target_followers)
        self.notes.setPlainText(show.notes)
        self._on_time_changed()

    def set_currency(self, currency: str) -> None:
        if self.currency.findText(currency) < 0:
            self.currency.addItem(currency)
        self.currency.setCurrentText(currency)
        self.gmv_currency.setText(currency)

    def planned_start_value(self) -> datetime | None:
        if self.undated.isChecked() or self.is_template:
            return None
        return from_qdatetime(self.start.dateTime())

    def seconds(self) -> int:
        return (self.hours.value() * 60 + self.minutes.value()) * 60

    def values(self) -> ShowFieldValues:
        problems: list[FieldProblem] = []
        currency = self.currency.currentText()
        gmv: int | None = None
        try:
            gmv = parse_amount(self.target_gmv_minor.text(), currency)
        except UserError as error:
            problems.append(FieldProblem("target_gmv_minor", "ui.message", (("message", describe(error)),)))

        def goal(box: QSpinBox) -> int | None:
            return None if box.value() == NOT_SET else box.value()

        show = ShowInput(
            title=self.title.text().strip(),
            theme=self.theme.text().strip(),
            platforms=tuple(platform for platform, box in self.platform_boxes.items() if box.isChecked()),
            planned_start=self.planned_start_value(),
            planned_seconds=self.seconds(),
            status=ShowStatus(self.status.currentData()),
            currency=currency,
            target_gmv_minor=gmv,
            target_orders=goal(self.target_orders),
            target_followers=goal(self.target_followers),
            notes=self.notes.toPlainText().strip(),
        )
        return ShowFieldValues(show, tuple(problems))

    def show_problems(self, found: dict[str, str]) -> set[str]:
        """Put each problem under its field; returns the fields placed."""
        return place_problems(self.wrapped, found)
