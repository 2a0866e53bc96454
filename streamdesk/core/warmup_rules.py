"""Platform rules a warm-up plan can break, as warnings: pure functions of the show's planned start, its booking
links and the time now. messages.py says each one ("warmup.rule.<code>") with what to do about it.

Once the show has started the warm-up is over and nothing is checked any more: an expired link or a moved start
no longer matters then.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from streamdesk.core.warmup_types import BookingLinkRow, RuleWarning
from streamdesk.models.base import Platform

# WeChat Channels (视频号) "直播预告" FAQ: viewers who booked are reminded only when the live starts within one hour
# before or after the announced time ("在预告时间前后1小时范围内发起直播，已预约的观众均会收到开播提醒"; a start more
# than an hour late sends no reminder and the booking lapses). A booking cannot be edited, only revoked and created
# again, and revoking resets its count to zero ("不支持修改，可撤销后重新创建 … 预约人数清零").
CHANNELS_WINDOW = timedelta(hours=1)

# Any platform: the link, its poster and the posts that carry it all say the announced time. An hour is the
# tolerance people read as "the same evening slot"; beyond it the announcement is wrong (issue 6, rule warnings).
START_MOVED_TOLERANCE = timedelta(hours=1)

# TikTok LIVE Events and Whatnot show links spread through followers' feeds and need days to collect
# registrations: TikTok suggests sharing an event two to three days ahead (issue 6; TikTok Shop Academy, "LIVE
# Event": create the event, pass its review, then post promotional videos with the event sticker before the day).
SPREAD_TIME = timedelta(days=2)
EVENT_PLATFORMS = frozenset({Platform.TIKTOK, Platform.WHATNOT})


def check(planned_start: datetime | None, links: Sequence[BookingLinkRow], now: datetime) -> tuple[RuleWarning, ...]:
    """Every rule the plan breaks now, the show-wide one first, then by link in the links' order."""
    if not links:
        return ()
    if planned_start is not None and planned_start <= now:
        return ()
    warnings: list[RuleWarning] = []
    if planned_start is None:
        warnings.append(RuleWarning("no_planned_start", None))
    for link in links:
        warnings.extend(_link_warnings(planned_start, link, now))
    return tuple(warnings)


def _fields(link: BookingLinkRow, **extra: str | int) -> tuple[tuple[str, str | int], ...]:
    """The channel as the seller named it ("" = the kind's name, which messages.describe_rule_warning fills in)."""
    return (("channel", link.label), ("channel_kind", link.kind.value), *extra.items())


def _link_warnings(planned_start: datetime | None, link: BookingLinkRow, now: datetime) -> list[RuleWarning]:
    warnings: list[RuleWarning] = []
    if planned_start is not None and link.announced_start is not None:
        moved = planned_start - link.announced_start
        minutes = round(abs(moved).total_seconds() / 60)
        if link.platform is Platform.CHANNELS:
            if abs(moved) > CHANNELS_WINDOW:
                warnings.append(RuleWarning("channels_start_moved", link.id, _fields(link, minutes=minutes)))
        elif abs(moved) > START_MOVED_TOLERANCE:
            warnings.append(RuleWarning("start_moved", link.id, _fields(link, minutes=minutes)))
    if link.valid_until is not None and (
        link.valid_until < now or (planned_start is not None and link.valid_until < planned_start)
    ):
        warnings.append(RuleWarning("link_expired", link.id, _fields(link)))
    if planned_start is not None and link.platform in EVENT_PLATFORMS:
        lead = planned_start - link.made_at
        if lead < SPREAD_TIME:
            hours = max(0, int(lead.total_seconds() // 3600))
            warnings.append(RuleWarning("too_soon_to_spread", link.id, _fields(link, hours=hours)))
    return warnings
