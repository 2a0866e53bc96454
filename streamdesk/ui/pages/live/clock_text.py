"""How the live page's review writes durations: "4:05", "+1:23" / "−0:45", and "2:30 behind" / "ahead".

The running display's digits and its refresh schedule are the presenter's (ui/widgets/timer_display.py), so the
page and the presenter window always read the same.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from streamdesk.ui.formatting import format_duration


def format_clock(seconds: float) -> str:
    """Whole seconds (fractions dropped, sign ignored) as "4:05", "59:59", "1:02:03"."""
    return format_duration(int(abs(seconds)))


def over_under_text(seconds: float) -> str:
    """Behind (+) or ahead (−) of the plan in words, whole seconds; "On time" within one second."""
    whole = int(abs(seconds))
    if whole == 0:
        return QCoreApplication.translate("LivePage", "On time")
    if seconds > 0:
        return QCoreApplication.translate("LivePage", "{time} behind").format(time=format_clock(whole))
    return QCoreApplication.translate("LivePage", "{time} ahead").format(time=format_clock(whole))


def signed_text(seconds: float) -> str:
    """ "+1:23" over, "−0:45" under, "0:00" within a second (the planned-vs-actual table)."""
    whole = int(abs(seconds))
    if whole == 0:
        return "0:00"
    return ("+" if seconds > 0 else "−") + format_clock(whole)
