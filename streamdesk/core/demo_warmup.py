"""The demo shop's warm-up: booking links per channel for every demo show, their tasks, and booking counts.

Links look like the share links the platforms hand out (抖音 v.douyin.com, 视频号 weixin.qq.com/sph, 快手
v.kuaishou.com, 淘宝 m.tb.cn), one per channel the show was spread through. Links were "made" three days before
each show (never after the demo's today); tasks due before today are ticked off, but the next show's teaser video
(due the evening before) is left overdue so the tray has something to say. Shows that were streamed have booking counts per channel. One upcoming
show tags its links with a tracking parameter, and the draft Channels show announces 18:00 while it is planned for
20:00, so the warm-up page shows the Channels rule.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from streamdesk.core.show_types import Platform, ShowStatus, ShowSummary
from streamdesk.core.warmup import Warmup
from streamdesk.core.warmup_types import BookingLinkInput, TaskState
from streamdesk.models.base import ChannelKind, WarmupTaskKind

if TYPE_CHECKING:
    from streamdesk.core.shows import Shows
    from streamdesk.db import SessionFactory

LEAD = timedelta(days=3)  # links are made when the teaser goes out
TRACKED_SHOW = "冬日居家好物"
TRACKING_PARAM = "utm_source"
MOVED_SHOW = "珍珠饰品专场"  # its Channels booking announced two hours earlier than the show's time

# Channels each platform's booking is spread through, in the order a seller would set them up (label "" = the kind).
SPREAD: dict[Platform, tuple[tuple[ChannelKind, str], ...]] = {
    Platform.DOUYIN: (
        (ChannelKind.SHORT_VIDEO, "抖音预告视频"),
        (ChannelKind.MOMENTS, ""),
        (ChannelKind.COMMUNITY, "老客福利群"),
        (ChannelKind.XIAOHONGSHU, ""),
    ),
    Platform.CHANNELS: (
        (ChannelKind.WECHAT_OA, ""),
        (ChannelKind.MOMENTS, ""),
        (ChannelKind.COMMUNITY, "老客福利群"),
        (ChannelKind.POSTER, "门店收银台海报"),
    ),
    Platform.KUAISHOU: (
        (ChannelKind.SHORT_VIDEO, "快手预告"),
        (ChannelKind.COMMUNITY, "宝妈交流群"),
        (ChannelKind.MOMENTS, ""),
    ),
    Platform.TAOBAO: ((ChannelKind.WEIBO, ""), (ChannelKind.MOMENTS, "")),
}
TRACKING_VALUES = {
    ChannelKind.SHORT_VIDEO: "dy_video",
    ChannelKind.MOMENTS: "pyq",
    ChannelKind.COMMUNITY: "group",
    ChannelKind.XIAOHONGSHU: "xhs",
    ChannelKind.WECHAT_OA: "gzh",
    ChannelKind.POSTER: "poster",
    ChannelKind.WEIBO: "weibo",
}
BOOKINGS = {  # (low, high) people who booked through each kind of channel, for a shop of this size
    ChannelKind.SHORT_VIDEO: (150, 900),
    ChannelKind.WECHAT_OA: (80, 400),
    ChannelKind.MOMENTS: (40, 180),
    ChannelKind.COMMUNITY: (30, 150),
    ChannelKind.XIAOHONGSHU: (20, 120),
    ChannelKind.WEIBO: (10, 60),
    ChannelKind.POSTER: (5, 40),
}
EARLY_CHANNELS = frozenset({ChannelKind.MOMENTS, ChannelKind.COMMUNITY})
_ALPHABET = string.ascii_letters + string.digits


def share_url(platform: Platform, rng: random.Random) -> str:
    """A share link in the platform's own short form."""
    code = "".join(rng.choice(_ALPHABET) for _ in range(8))
    return {
        Platform.DOUYIN: f"https://v.douyin.com/i{code[:7]}/",
        Platform.CHANNELS: f"https://weixin.qq.com/sph/A{code[:7]}",
        Platform.KUAISHOU: f"https://v.kuaishou.com/{code[:6]}",
        Platform.TAOBAO: f"https://m.tb.cn/h.{code[:7]}",
    }.get(platform, f"https://example.com/live/{code}")


def add_demo_warmup(
    shows: Shows,
    sessions: SessionFactory,
    images: Callable[[str], Path] | None,
    rng: random.Random,
    today: datetime,
) -> int:
    """Give every demo show its booking links, tasks and (when streamed) booking counts; returns the links made."""
    when = [today]
    warmup = Warmup(sessions, clock=lambda: when[0], catalogue_images=images)
    upcoming = [s for s in shows.list_shows() if s.planned_start is not None and s.planned_start > today]
    first_upcoming = upcoming[0].id if upcoming else None
    made = 0
    for show in shows.list_shows():
        if show.planned_start is None:
            continue
        when[0] = min(show.planned_start - LEAD, today)
        made += _links(warmup, show, rng, tracked=show.title == TRACKED_SHOW)
        if show.title == MOVED_SHOW:
            link = warmup.open_plan(show.id).links[0]
            warmup.set_made(link.id, link.made_at, show.planned_start - timedelta(hours=2))
        _tick_off(warmup, show, when, today, rng, leave_teaser=show.id == first_upcoming)
        if show.status is ShowStatus.DONE:
            links = warmup.open_plan(show.id).links
            warmup.set_bookings_many([(link.id, rng.randint(*BOOKINGS.get(link.kind, (5, 50)))) for link in links])
    return made


def _links(warmup: Warmup, show: ShowSummary, rng: random.Random, *, tracked: bool) -> int:
    used: set[ChannelKind] = set()
    made = 0
    for platform in show.platforms:
        for kind, label in SPREAD.get(platform, ()):
            if kind in used:
                continue
            used.add(kind)
            value = TRACKING_VALUES.get(kind, "") if tracked else ""
            link = BookingLinkInput(kind, platform, share_url(platform, rng), label=label, tracking_value=value)
            warmup.add_link(show.id, link)
            made += 1
    if tracked:
        warmup.set_tracking_param(show.id, TRACKING_PARAM)
    return made


def _tick_off(
    warmup: Warmup,
    show: ShowSummary,
    when: list[datetime],
    today: datetime,
    rng: random.Random,
    *,
    leave_teaser: bool,
) -> None:
    """Tasks due before today are done, a little after they were due (the cancelled show stopped at its cancel)."""
    cancelled_at = None if show.planned_start is None else show.planned_start - timedelta(days=2)
    plan = warmup.open_plan(show.id)
    made = {link.id: link.made_at for link in plan.links}
    for task in plan.tasks:
        if task.booking_link_id is not None and task.channel_kind in EARLY_CHANNELS:
            early = made[task.booking_link_id] + timedelta(minutes=rng.randint(5, 40))
            if early <= today:  # the seller posts the link to Moments and the groups the moment it exists
                when[0] = early
                warmup.set_done(task.id, True)
                continue
        if task.due_at is None or task.state is TaskState.DONE or task.due_at > today:
            continue
        if leave_teaser and task.kind is WarmupTaskKind.TEASER_VIDEO:
            continue
        if show.status is ShowStatus.CANCELLED and cancelled_at is not None and task.due_at > cancelled_at:
            continue
        when[0] = min(task.due_at + timedelta(minutes=rng.randint(5, 90)), today)
        warmup.set_done(task.id, True)
