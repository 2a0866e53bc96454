"""Warm-up notifications (Warmup.due_tasks / mark_notified) and task states at their boundaries."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from warmup_support import START, Shop, build_shop, later

from streamdesk.core.show_types import ShowInput, ShowStatus
from streamdesk.core.warmup_tasks import DUE_SOON, task_state
from streamdesk.core.warmup_types import BookingLinkInput, TaskState, WarmupTaskInput
from streamdesk.db import Database
from streamdesk.models.base import ChannelKind, Platform, WarmupTaskKind


@pytest.fixture
def shop(database: Database, utc_clock, tmp_path: Path) -> Shop:
    shop = build_shop(database, utc_clock, tmp_path, products=1)
    shop.warmup.save_default_template((WarmupTaskInput(WarmupTaskKind.ADS_LIVE, -60),))
    return shop


def test_task_state_boundaries() -> None:
    due = START
    assert task_state(due, None, due - DUE_SOON - timedelta(seconds=1)) is TaskState.PENDING
    assert task_state(due, None, due - DUE_SOON) is TaskState.DUE_SOON
    assert task_state(due, None, due) is TaskState.DUE_SOON
    assert task_state(due, None, due + timedelta(seconds=1)) is TaskState.OVERDUE
    assert task_state(due, START, due + timedelta(days=1)) is TaskState.DONE
    assert task_state(None, None, due) is TaskState.UNSCHEDULED


def test_a_task_is_due_from_thirty_minutes_before_and_notified_once(shop: Shop, utc_clock) -> None:
    (task,) = shop.warmup.open_plan(shop.show_id).tasks  # ads live at T-1 h
    utc_clock.current = later(hours=-1) - DUE_SOON - timedelta(seconds=1)
    assert shop.warmup.due_tasks() == ()
    utc_clock.advance(seconds=1)
    (due,) = shop.warmup.due_tasks()
    assert (due.task_id, due.show_title, due.kind, due.due_at, due.overdue) == (
        task.id,
        "周末宠粉专场",
        WarmupTaskKind.ADS_LIVE,
        later(hours=-1),
        False,
    )
    shop.warmup.mark_notified([task.id])
    assert shop.warmup.due_tasks() == ()
    utc_clock.advance(hours=1)
    assert shop.warmup.due_tasks() == ()  # overdue now, but already notified


def test_an_overdue_task_is_notified_until_the_show_is_an_hour_old(shop: Shop, utc_clock) -> None:
    shop.warmup.open_plan(shop.show_id)
    utc_clock.current = later(minutes=59)
    (due,) = shop.warmup.due_tasks()
    assert due.overdue
    utc_clock.current = later(hours=1)
    assert shop.warmup.due_tasks() == ()


def test_done_tasks_and_shows_done_or_cancelled_or_templates_are_not_notified(shop: Shop, utc_clock) -> None:
    (task,) = shop.warmup.open_plan(shop.show_id).tasks
    utc_clock.current = later(hours=-1)
    assert len(shop.warmup.due_tasks()) == 1
    shop.warmup.set_done(task.id, True)
    assert shop.warmup.due_tasks() == ()
    shop.warmup.set_done(task.id, False)
    for status in (ShowStatus.DONE, ShowStatus.CANCELLED):
        shop.shows.set_status(shop.show_id, status)
        assert shop.warmup.due_tasks() == ()
    shop.shows.set_status(shop.show_id, ShowStatus.LIVE)
    assert len(shop.warmup.due_tasks()) == 1
    template_id = shop.shows.save_as_template(shop.show_id, "模板")
    shop.warmup.open_plan(template_id)
    assert [d.show_id for d in shop.warmup.due_tasks()] == [shop.show_id]


def test_moving_a_tasks_time_notifies_it_again_and_a_publish_task_names_its_channel(shop: Shop, utc_clock) -> None:
    (task,) = shop.warmup.open_plan(shop.show_id).tasks
    link = BookingLinkInput(ChannelKind.MOMENTS, Platform.CHANNELS, "https://weixin.qq.com/sph/x1", label="老客朋友圈")
    link_id = shop.warmup.add_link(shop.show_id, link)
    utc_clock.current = later(hours=-1)
    due = shop.warmup.due_tasks()
    assert [(d.kind, d.channel_label, d.channel_kind, d.overdue) for d in due] == [
        (WarmupTaskKind.PUBLISH_LINK, "老客朋友圈", ChannelKind.MOMENTS, True),  # T-2 days
        (WarmupTaskKind.ADS_LIVE, "", None, False),
    ]
    shop.warmup.mark_notified([d.task_id for d in due] + [99999])
    assert shop.warmup.due_tasks() == ()
    shop.warmup.update_task(task.id, replace(task.to_input(), title="投流"))  # same time: stays notified
    assert shop.warmup.due_tasks() == ()
    shop.warmup.update_task(task.id, replace(task.to_input(), offset_minutes=-50))
    assert [d.task_id for d in shop.warmup.due_tasks()] == [task.id]
    assert link_id


def test_due_tasks_are_sorted_across_shows(shop: Shop, utc_clock) -> None:
    other = shop.shows.create_show(
        ShowInput(title="早场", planned_start=START - timedelta(minutes=20), status=ShowStatus.SCHEDULED)
    )
    shop.warmup.open_plan(shop.show_id)
    shop.warmup.open_plan(other)
    utc_clock.current = later(hours=-1)
    assert [d.show_title for d in shop.warmup.due_tasks()] == ["早场", "周末宠粉专场"]
