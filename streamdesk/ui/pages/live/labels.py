"""Words and colours of the live page: run kinds, show dates, over/under. Segment kinds and show statuses come from
the shows page's label modules, shared by every show screen; phase colours from the presenter's timer display."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from streamdesk.core.show_types import RunKind

OVER_COLOUR = QColor("#c62828")
UNDER_COLOUR = QColor("#2e7d32")


def run_kind_name(kind: RunKind) -> str:
    if kind is RunKind.REHEARSAL:
        return QCoreApplication.translate("LivePage", "Rehearsal")
    return QCoreApplication.translate("LivePage", "Live show")


def day_text(moment: datetime | None, today: date) -> str:
    """ "Today 20:00", "Tomorrow 19:30", "2026-01-08 20:00" in local time; "No date" for an undated show."""
    if moment is None:
        return QCoreApplication.translate("LivePage", "No date")
    local = moment.astimezone()
    clock = local.strftime("%H:%M")
    days = (local.date() - today).days
    if days == 0:
        return QCoreApplication.translate("LivePage", "Today {time}").format(time=clock)
    if days == 1:
        return QCoreApplication.translate("LivePage", "Tomorrow {time}").format(time=clock)
    if days == -1:
        return QCoreApplication.translate("LivePage", "Yesterday {time}").format(time=clock)
    return local.strftime("%Y-%m-%d %H:%M")
