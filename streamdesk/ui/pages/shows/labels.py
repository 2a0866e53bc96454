"""How show durations and times read on screen, and the names of the show enums (from streamdesk.labels).

Imported by the shows page, the rundown editor and the live page: it pulls in QtCore and the enums only.
Every name keeps the translation context "ShowLabels".
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from streamdesk.core.show_types import PromotionKind
from streamdesk.labels import (
    budget_kind_name,
    person_role_name,
    platform_name,
    platform_short_name,
    platforms_text,
    promotion_name,
    status_name,
)

__all__ = [
    "budget_kind_name",
    "format_duration",
    "format_show_start",
    "person_role_name",
    "platform_name",
    "platform_short_name",
    "platforms_text",
    "promotion_name",
    "promotion_rule_hint",
    "status_name",
    "weekday_name",
]


def promotion_rule_hint(kind: PromotionKind) -> str:
    """An example rule, the placeholder of the rule cell."""
    hints = {
        PromotionKind.FULL_REDUCTION: QCoreApplication.translate("ShowLabels", "e.g. 满199减30"),
        PromotionKind.FULL_DISCOUNT: QCoreApplication.translate("ShowLabels", "e.g. 满2件9折"),
        PromotionKind.SPECIAL_PRICE: QCoreApplication.translate(
            "ShowLabels", "e.g. live price ¥59 on the hero product"
        ),
        PromotionKind.FLASH_SALE: QCoreApplication.translate("ShowLabels", "e.g. 50 pieces at ¥9.9 at 20:30"),
        PromotionKind.LUCKY_BAG: QCoreApplication.translate("ShowLabels", "e.g. every 15 minutes, comment to join"),
        PromotionKind.RED_PACKET: QCoreApplication.translate("ShowLabels", "e.g. ¥200 in 50 packets for followers"),
        PromotionKind.LUCKY_DRAW: QCoreApplication.translate("ShowLabels", "e.g. 3 winners, share the stream to join"),
        PromotionKind.COUPON: QCoreApplication.translate("ShowLabels", "e.g. ¥10 off over ¥99, new followers only"),
    }
    return hints[kind]


def format_duration(seconds: int) -> str:
    """ "2 h", "1 h 30 min", "45 min", "" for 0 (not planned yet)."""
    if seconds <= 0:
        return ""
    minutes = (seconds + 59) // 60
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return QCoreApplication.translate("ShowLabels", "{hours} h {minutes} min").format(hours=hours, minutes=minutes)
    if hours:
        return QCoreApplication.translate("ShowLabels", "{hours} h").format(hours=hours)
    return QCoreApplication.translate("ShowLabels", "{minutes} min").format(minutes=minutes)


def format_show_start(start: datetime | None) -> str:
    """Local date, weekday and time of a show's start, e.g. "2026-01-05 Mon 20:00"; "" when undated."""
    if start is None:
        return ""
    local = start.astimezone()
    return QCoreApplication.translate("ShowLabels", "{date} {weekday} {time}").format(
        date=local.strftime("%Y-%m-%d"), weekday=weekday_name(local.isoweekday()), time=local.strftime("%H:%M")
    )


def weekday_name(iso_weekday: int) -> str:
    """1 = Monday … 7 = Sunday; short names (周一 in Chinese)."""
    names = (
        QCoreApplication.translate("ShowLabels", "Mon"),
        QCoreApplication.translate("ShowLabels", "Tue"),
        QCoreApplication.translate("ShowLabels", "Wed"),
        QCoreApplication.translate("ShowLabels", "Thu"),
        QCoreApplication.translate("ShowLabels", "Fri"),
        QCoreApplication.translate("ShowLabels", "Sat"),
        QCoreApplication.translate("ShowLabels", "Sun"),
    )
    return names[iso_weekday - 1]
