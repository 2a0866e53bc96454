"""How the demo shop's shows are written down (demo_shows.py, demo_history.py): a show's plan, its segments, the
stream it had, and where it falls in the calendar.

Upcoming shows sit a number of days from the demo's "today" at 20:00 Beijing time. Past shows are pinned to a
weekday and an hour in one of the weeks before this one (counted from this week's Monday), so a weekday show stays
on a weekday and the advice's weekday/weekend start slots read the same whatever day the demo is built on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from streamdesk.core.show_types import (
    BudgetKind,
    PersonInput,
    PersonRole,
    Platform,
    PromotionInput,
    SegmentKind,
    ShowStatus,
)

SHOP_ZONE = ZoneInfo("Asia/Shanghai")
EVENING = time(20, 0)
AFTERNOON = time(14, 0)
WEEKEND_AFTERNOON = time(15, 0)

PEOPLE = (
    PersonInput("小雅", PersonRole.HOST),
    PersonInput("阿杰", PersonRole.ASSISTANT),
    PersonInput("小林", PersonRole.CUSTOMER_SERVICE),
)


@dataclass(frozen=True, slots=True)
class Seg:
    kind: SegmentKind
    title: str
    minutes: int
    products: tuple[str, ...] = ()  # product keys from shop.toml; their best-stocked SKU is linked
    cue: str = ""
    talking_points: str = ""  # "" → prefilled from the products' crib sheets
    at_minute: int | None = None  # fixed start, minutes after the show's start
    flash_seconds: int | None = None


@dataclass(frozen=True, slots=True)
class Stream:
    """How a streamed show went, for the orders and the platform figures written after it."""

    orders: tuple[int, int] = (36, 48)  # orders placed during it, low and high
    crowd: float = 1.0  # the room's size against an ordinary evening show


@dataclass(frozen=True, slots=True)
class Slot:
    """A past show's place in the calendar: ``week`` weeks before this one (-1: last week), on ``weekday``
    (0 Monday … 6 Sunday) at ``start`` Beijing time; always at least two days before the demo's today."""

    week: int
    weekday: int
    start: time = EVENING

    def on(self, local_today: date) -> date:
        """The date; a week earlier when that is not yet two days gone (``week`` 0: the latest such weekday)."""
        monday = local_today - timedelta(days=local_today.weekday())
        day = monday + timedelta(days=7 * self.week + self.weekday)
        return day if day <= local_today - timedelta(days=2) else day - timedelta(days=7)


@dataclass(frozen=True, slots=True)
class DemoShow:
    title: str
    theme: str
    day: int  # days from the demo's "today" (when ``slot`` is None)
    hours: float
    status: ShowStatus
    platforms: tuple[Platform, ...]
    gmv_yuan: int
    orders: int
    followers: int
    promotions: tuple[PromotionInput, ...]
    budget: tuple[tuple[str, BudgetKind, int], ...]  # label, kind, yuan
    targets: tuple[tuple[str, int | None], ...]  # product key, units (None: more than there is in stock)
    segments: tuple[Seg, ...]
    notes: str = ""
    slot: Slot | None = None
    stream: Stream = Stream()

    def start(self, today: datetime) -> datetime:
        """The planned start, aware, in the shop's zone."""
        local_today = today.astimezone(SHOP_ZONE).date()
        if self.slot is not None:
            return datetime.combine(self.slot.on(local_today), self.slot.start, SHOP_ZONE)
        return datetime.combine(local_today + timedelta(days=self.day), EVENING, SHOP_ZONE)


def opening(products: tuple[str, ...] = (), *, when: str = "今晚") -> Seg:
    return Seg(
        SegmentKind.OPENING,
        "开场欢迎 + 关注引导",
        5,
        products,
        cue="置顶福袋口令",
        talking_points=f"欢迎新进直播间的宝宝们！点个关注不迷路，{when}福袋每半小时一轮。",
    )


def closing(next_show: str) -> Seg:
    return Seg(
        SegmentKind.CLOSING,
        "返场 + 预告下一场",
        10,
        cue="挂下一场预约链接",
        talking_points=f"今天没抢到的宝宝别急，下一场：{next_show}。点预约，开播第一时间提醒你。",
    )
