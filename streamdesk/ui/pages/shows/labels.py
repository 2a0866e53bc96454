"""Names of the show enums and how show durations and times read on screen.

Imported by the shows page, the rundown editor and the live page: it pulls in QtCore and the enums only.
Every name keeps the translation context "ShowLabels".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from streamdesk.core.show_types import BudgetKind, PersonRole, Platform, PromotionKind, ShowStatus


def platform_name(platform: Platform) -> str:
    """The full name, with the Chinese one in English too: sellers search the platforms' own apps by it."""
    names = {
        Platform.DOUYIN: QCoreApplication.translate("ShowLabels", "Douyin (抖音)"),
        Platform.KUAISHOU: QCoreApplication.translate("ShowLabels", "Kuaishou (快手)"),
        Platform.CHANNELS: QCoreApplication.translate("ShowLabels", "WeChat Channels (视频号)"),
        Platform.TAOBAO: QCoreApplication.translate("ShowLabels", "Taobao Live (淘宝)"),
        Platform.TIKTOK: QCoreApplication.translate("ShowLabels", "TikTok"),
        Platform.WHATNOT: QCoreApplication.translate("ShowLabels", "Whatnot"),
        Platform.OTHER: QCoreApplication.translate("ShowLabels", "Other"),
    }
    return names[platform]


def platform_short_name(platform: Platform) -> str:
    """The name in a table cell, where several platforms share one column."""
    names = {
        Platform.DOUYIN: QCoreApplication.translate("ShowLabels", "Douyin"),
        Platform.KUAISHOU: QCoreApplication.translate("ShowLabels", "Kuaishou"),
        Platform.CHANNELS: QCoreApplication.translate("ShowLabels", "Channels"),
        Platform.TAOBAO: QCoreApplication.translate("ShowLabels", "Taobao"),
        Platform.TIKTOK: QCoreApplication.translate("ShowLabels", "TikTok"),
        Platform.WHATNOT: QCoreApplication.translate("ShowLabels", "Whatnot"),
        Platform.OTHER: QCoreApplication.translate("ShowLabels", "Other"),
    }
    return names[platform]


def platforms_text(platforms: Iterable[Platform]) -> str:
    return " · ".join(platform_short_name(platform) for platform in platforms)


def status_name(status: ShowStatus) -> str:
    names = {
        ShowStatus.DRAFT: QCoreApplication.translate("ShowLabels", "Draft"),
        ShowStatus.SCHEDULED: QCoreApplication.translate("ShowLabels", "Scheduled"),
        ShowStatus.LIVE: QCoreApplication.translate("ShowLabels", "Live now"),
        ShowStatus.DONE: QCoreApplication.translate("ShowLabels", "Done"),
        ShowStatus.CANCELLED: QCoreApplication.translate("ShowLabels", "Cancelled"),
    }
    return names[status]


def person_role_name(role: PersonRole) -> str:
    names = {
        PersonRole.HOST: QCoreApplication.translate("ShowLabels", "Host"),
        PersonRole.ASSISTANT: QCoreApplication.translate("ShowLabels", "Assistant / floor control"),
        PersonRole.CUSTOMER_SERVICE: QCoreApplication.translate("ShowLabels", "Customer service"),
    }
    return names[role]


def promotion_name(kind: PromotionKind) -> str:
    names = {
        PromotionKind.FULL_REDUCTION: QCoreApplication.translate("ShowLabels", "Spend-and-save (满减)"),
        PromotionKind.FULL_DISCOUNT: QCoreApplication.translate("ShowLabels", "Spend-and-discount (满折)"),
        PromotionKind.SPECIAL_PRICE: QCoreApplication.translate("ShowLabels", "Special price"),
        PromotionKind.FLASH_SALE: QCoreApplication.translate("ShowLabels", "Flash sale"),
        PromotionKind.LUCKY_BAG: QCoreApplication.translate("ShowLabels", "Lucky bag (福袋)"),
        PromotionKind.RED_PACKET: QCoreApplication.translate("ShowLabels", "Red packet"),
        PromotionKind.LUCKY_DRAW: QCoreApplication.translate("ShowLabels", "Lucky draw"),
        PromotionKind.COUPON: QCoreApplication.translate("ShowLabels", "Coupon"),
    }
    return names[kind]


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


def budget_kind_name(kind: BudgetKind) -> str:
    names = {
        BudgetKind.FIXED: QCoreApplication.translate("ShowLabels", "Fixed cost"),
        BudgetKind.VARIABLE: QCoreApplication.translate("ShowLabels", "Variable cost"),
    }
    return names[kind]


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
