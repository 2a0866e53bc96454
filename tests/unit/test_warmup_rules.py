"""Platform rules of a warm-up plan (core/warmup_rules.py), each at its boundary, and their sentences."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from streamdesk.core.warmup_rules import check
from streamdesk.core.warmup_types import BookingLinkRow, RuleWarning
from streamdesk.messages import describe_rule_warning, render
from streamdesk.models.base import ChannelKind, Platform

NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
START = NOW + timedelta(days=3)
SECOND = timedelta(seconds=1)


def link(
    platform: Platform = Platform.DOUYIN,
    *,
    announced: datetime | None = START,
    made: datetime = NOW - timedelta(days=1),
    valid_until: datetime | None = None,
    label: str = "",
    kind: ChannelKind = ChannelKind.MOMENTS,
    link_id: int = 1,
) -> BookingLinkRow:
    return BookingLinkRow(
        id=link_id,
        show_id=1,
        position=0,
        kind=kind,
        label=label,
        platform=platform,
        url="https://v.douyin.com/x/",
        tracking_value="",
        tagged_url="https://v.douyin.com/x/",
        bookings=None,
        made_at=made,
        announced_start=announced,
        valid_until=valid_until,
    )


def codes(warnings: tuple[RuleWarning, ...]) -> list[str]:
    return [w.code for w in warnings]


@pytest.mark.parametrize("moved", [timedelta(hours=1), -timedelta(hours=1)])
def test_channels_allows_an_hour_either_way(moved: timedelta) -> None:
    assert check(START + moved, [link(Platform.CHANNELS)], NOW) == ()
    (warning,) = check(START + moved + (SECOND if moved > timedelta(0) else -SECOND), [link(Platform.CHANNELS)], NOW)
    assert warning.code == "channels_start_moved" and warning.link_id == 1
    assert dict(warning.fields)["minutes"] == 60


def test_other_platforms_warn_once_the_start_moved_more_than_an_hour() -> None:
    assert check(START + timedelta(hours=1), [link()], NOW) == ()
    (warning,) = check(START - timedelta(hours=2), [link(label="抖音预告")], NOW)
    assert (warning.code, dict(warning.fields)) == (
        "start_moved",
        {"channel": "抖音预告", "channel_kind": "moments", "minutes": 120},
    )


def test_a_link_that_expires_before_the_start_or_already_expired() -> None:
    assert check(START, [link(valid_until=START)], NOW) == ()
    assert codes(check(START, [link(valid_until=START - SECOND)], NOW)) == ["link_expired"]
    assert codes(check(None, [link(valid_until=NOW - SECOND)], NOW)) == ["no_planned_start", "link_expired"]
    assert codes(check(None, [link(valid_until=NOW)], NOW)) == ["no_planned_start"]


@pytest.mark.parametrize("platform", [Platform.TIKTOK, Platform.WHATNOT])
def test_event_links_need_two_days_to_spread(platform: Platform) -> None:
    assert check(START, [link(platform, made=START - timedelta(days=2))], NOW) == ()
    (warning,) = check(START, [link(platform, made=START - timedelta(days=2) + SECOND)], NOW)
    assert (warning.code, dict(warning.fields)["hours"]) == ("too_soon_to_spread", 47)
    assert check(START, [link(Platform.DOUYIN, made=START - timedelta(hours=1))], NOW) == ()


def test_no_planned_start_only_with_links() -> None:
    assert check(None, [], NOW) == ()
    assert codes(check(None, [link(), link(link_id=2)], NOW)) == ["no_planned_start"]


def test_nothing_is_checked_once_the_show_has_started() -> None:
    stale = [link(Platform.CHANNELS, valid_until=NOW - timedelta(days=9), announced=NOW - timedelta(days=2))]
    assert codes(check(NOW + SECOND, stale, NOW)) == ["channels_start_moved", "link_expired"]
    assert check(NOW, stale, NOW) == ()


def test_a_link_with_several_problems_gets_each_warning_in_order() -> None:
    bad = link(
        Platform.TIKTOK,
        announced=START - timedelta(hours=3),
        made=START - timedelta(hours=20),
        valid_until=NOW - SECOND,
        link_id=7,
    )
    warnings = check(START, [link(), bad], NOW)
    assert [(w.code, w.link_id) for w in warnings] == [
        ("start_moved", 7),
        ("link_expired", 7),
        ("too_soon_to_spread", 7),
    ]


def test_every_rule_has_a_sentence_naming_the_channel() -> None:
    bad = link(
        Platform.CHANNELS, announced=START - timedelta(hours=3), valid_until=NOW - SECOND, kind=ChannelKind.WEIBO
    )
    tiktok = link(
        Platform.TIKTOK, made=START - timedelta(hours=20), label="TikTok 粉丝", announced=START - timedelta(hours=2)
    )
    warnings = (*check(None, [bad], NOW), *check(START, [bad, tiktok], NOW))
    assert set(codes(warnings)) == {
        "no_planned_start",
        "channels_start_moved",
        "start_moved",
        "link_expired",
        "too_soon_to_spread",
    }
    for warning in warnings:
        sentence = describe_rule_warning(warning)
        assert "{" not in sentence and "warmup.rule" not in sentence
        if warning.link_id is not None:
            assert ("Weibo" in sentence) or ("TikTok 粉丝" in sentence)
    channels = next(w for w in warnings if w.code == "channels_start_moved")
    assert "180 minutes" in describe_rule_warning(channels)
    assert render("warmup.rule.channels_start_moved", dict(channels.fields)) != describe_rule_warning(channels)
