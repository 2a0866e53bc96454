"""Words and colours of the warm-up screens: channel and task names, due times ("in 2 h", "3 d ago"), offsets from
the planned start ("3 d before the start") and the colours of the task states.

QtCore/QtGui only, so the tray notifier can name a task the way the page does.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from streamdesk import labels
from streamdesk.core.warmup_types import TaskState
from streamdesk.models.base import ChannelKind, WarmupTaskKind

OVERDUE_COLOUR = QColor("#c62828")
OVERDUE_BACKGROUND = QColor("#fdecea")
DUE_SOON_COLOUR = QColor("#8d5a00")
DUE_SOON_BACKGROUND = QColor("#fff4d6")
DONE_COLOUR = QColor("#9e9e9e")
WARNING_COLOUR = QColor("#b26a00")

_MINUTE = 1
_HOUR = 60
_DAY = 24 * 60


def channel_name(kind: ChannelKind | None, label: str) -> str:
    """The seller's own label when there is one, else the channel kind's name ("Moments")."""
    return labels.channel_name(kind, label.strip())


def task_title(
    kind: WarmupTaskKind, title: str, channel_label: str = "", channel_kind: ChannelKind | None = None
) -> str:
    """The task's own title, else its kind's default; a publish task names its channel."""
    return labels.warmup_task_title(kind, title.strip(), channel_name(channel_kind, channel_label))


def state_name(state: TaskState) -> str:
    names = {
        TaskState.PENDING: QCoreApplication.translate("WarmupTexts", "To do"),
        TaskState.DUE_SOON: QCoreApplication.translate("WarmupTexts", "Due soon"),
        TaskState.OVERDUE: QCoreApplication.translate("WarmupTexts", "Overdue"),
        TaskState.DONE: QCoreApplication.translate("WarmupTexts", "Done"),
        TaskState.UNSCHEDULED: QCoreApplication.translate("WarmupTexts", "No start time"),
    }
    return names[state]


def relative_time(moment: datetime, now: datetime) -> str:
    """ "now", "in 25 min", "in 2 h", "in 3 d", "40 min ago", "5 h ago", "3 d ago" (rounded towards zero)."""
    minutes = int((moment - now).total_seconds() // 60) if moment >= now else -int((now - moment).total_seconds() // 60)
    size = abs(minutes)
    if size < 1:
        return QCoreApplication.translate("WarmupTexts", "now")
    future = minutes > 0
    if size < _HOUR:
        return (
            QCoreApplication.translate("WarmupTexts", "in %n min", None, size)
            if future
            else QCoreApplication.translate("WarmupTexts", "%n min ago", None, size)
        )
    if size < 2 * _DAY:
        hours = size // _HOUR
        return (
            QCoreApplication.translate("WarmupTexts", "in %n h", None, hours)
            if future
            else QCoreApplication.translate("WarmupTexts", "%n h ago", None, hours)
        )
    days = size // _DAY
    return (
        QCoreApplication.translate("WarmupTexts", "in %n d", None, days)
        if future
        else QCoreApplication.translate("WarmupTexts", "%n d ago", None, days)
    )


def duration_text(minutes: int) -> str:
    """A length in days, hours and minutes, leaving out the zero parts: "3 d", "1 h 30 min", "0 min"."""
    minutes = abs(minutes)
    days, rest = divmod(minutes, _DAY)
    hours, mins = divmod(rest, _HOUR)
    parts = []
    if days:
        parts.append(QCoreApplication.translate("WarmupTexts", "%n d", None, days))
    if hours:
        parts.append(QCoreApplication.translate("WarmupTexts", "%n h", None, hours))
    if mins or not parts:
        parts.append(QCoreApplication.translate("WarmupTexts", "%n min", None, mins))
    return " ".join(parts)


def offset_text(offset_minutes: int) -> str:
    """Where a task sits against the planned start: "3 d before the start", "at the start", "1 h after the start"."""
    if offset_minutes == 0:
        return QCoreApplication.translate("WarmupTexts", "at the start")
    if offset_minutes < 0:
        return QCoreApplication.translate("WarmupTexts", "{duration} before the start").format(
            duration=duration_text(offset_minutes)
        )
    return QCoreApplication.translate("WarmupTexts", "{duration} after the start").format(
        duration=duration_text(offset_minutes)
    )


def local_time(moment: datetime) -> str:
    """Local wall-clock time with the weekday in the UI's language: "Mon 2026-01-05 20:00", "周一 2026-01-05 20:00"."""
    local = moment.astimezone()
    weekdays = (
        QCoreApplication.translate("WarmupTexts", "Mon"),
        QCoreApplication.translate("WarmupTexts", "Tue"),
        QCoreApplication.translate("WarmupTexts", "Wed"),
        QCoreApplication.translate("WarmupTexts", "Thu"),
        QCoreApplication.translate("WarmupTexts", "Fri"),
        QCoreApplication.translate("WarmupTexts", "Sat"),
        QCoreApplication.translate("WarmupTexts", "Sun"),
    )
    return f"{weekdays[local.weekday()]} {local.strftime('%Y-%m-%d %H:%M')}"


def split_offset(offset_minutes: int) -> tuple[int, int, bool]:
    """(amount, unit in minutes, before) for the offset editor: the largest unit that divides it exactly."""
    size = abs(offset_minutes)
    for unit in (_DAY, _HOUR):
        if size and size % unit == 0:
            return size // unit, unit, offset_minutes < 0
    return size, _MINUTE, offset_minutes < 0


UNITS = (_MINUTE, _HOUR, _DAY)


def unit_name(unit: int) -> str:
    return {
        _MINUTE: QCoreApplication.translate("WarmupTexts", "minutes"),
        _HOUR: QCoreApplication.translate("WarmupTexts", "hours"),
        _DAY: QCoreApplication.translate("WarmupTexts", "days"),
    }[unit]
