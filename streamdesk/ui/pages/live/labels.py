"""Words and colours of the live page: run kinds, show dates, over/under. Segment kinds and show statuses come from
the shows page's label modules, shared by every show screen; phase colours from the presenter's timer display."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from streamdesk.core.show_types import RunKind

OVER_COLOUR = QColor("#c62828")
UNDER_COLOUR = QColor("#2e7d32")


def run_kind_name(kind: RunKind) -> str:
    if kind is RunKind.REHEARSAL:
        return QCoreApplication.translate("LivePage", "Rehearsal")
    return QCoreApplication.translate("LivePage", "Live show")
