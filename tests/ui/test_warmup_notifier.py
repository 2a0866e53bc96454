"""Warm-up notices: due and overdue tasks are announced once each (tray balloon, or the status bar without a tray),
naming the show, the task and its due time; the minute poll finds nothing new until another task comes due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from page_support import *  # noqa: F403 - english (autouse), services, runner

from streamdesk.app import Services
from streamdesk.core.show_types import ShowInput, ShowStatus
from streamdesk.ui.warmup_notifier import POLL_MS, WarmupNotifier


@pytest.fixture
def show_id(services: Services, utc_clock) -> int:
    """A show starting in 20 minutes: its preview loop (T-30 min) is overdue, the ads going live (T-1 h) too."""
    show_id = services.shows.create_show(
        ShowInput("Spring launch", planned_start=utc_clock() + timedelta(minutes=20), status=ShowStatus.SCHEDULED)
    )
    services.warmup.open_plan(show_id)  # copies the default tasks in
    return show_id


def test_without_a_tray_each_due_task_goes_to_the_status_bar_once(qtbot, services, show_id, utc_clock) -> None:
    notifier = WarmupNotifier(services.warmup, clock=utc_clock, tray_available=False, balloon_ms=20)
    assert not notifier.uses_tray()
    messages: list[str] = []
    notifier.status_message.connect(messages.append)
    due = notifier.check_now()
    assert due and all(task.show_id == show_id for task in due)
    assert len(messages) == 1  # the next one waits for the first to be read
    assert "Spring launch" in messages[0] and "overdue" in messages[0].lower()
    with qtbot.waitSignals([notifier.notified] * (len(due) - 1), timeout=5000):
        pass
    assert len(messages) == len(due)
    assert notifier.check_now() == ()  # marked notified: announced once
    assert services.warmup.due_tasks() == ()


def test_a_task_coming_due_later_is_announced_by_the_minute_poll(qtbot, services, show_id, utc_clock) -> None:
    plan = services.warmup.open_plan(show_id)
    services.warmup.mark_notified([task.id for task in plan.tasks])
    from streamdesk.core.warmup_types import WarmupTaskInput
    from streamdesk.models.base import WarmupTaskKind

    services.warmup.add_task(show_id, WarmupTaskInput(WarmupTaskKind.CUSTOM, 15, "Thank the early birds"))
    notifier = WarmupNotifier(services.warmup, clock=utc_clock, tray_available=False, poll_ms=50)
    messages: list[str] = []
    notifier.status_message.connect(messages.append)
    polls: list[int] = []
    notifier.poll_timer.timeout.connect(lambda: polls.append(1))
    notifier.start()
    qtbot.waitUntil(lambda: len(polls) >= 3)  # nothing is due yet: the new task is due 35 minutes from now
    assert messages == []
    utc_clock.advance(minutes=10)
    with qtbot.waitSignal(notifier.notified, timeout=2000) as blocker:
        pass
    assert blocker.args[0].title == "Thank the early birds"
    assert messages and "Thank the early birds" in messages[0] and "Spring launch" in messages[0]
    notifier.stop()
    assert notifier.poll_timer.interval() == 50 and POLL_MS == 60_000


def test_with_a_tray_the_balloon_names_show_task_and_time(qtbot, services, show_id, utc_clock) -> None:
    notifier = WarmupNotifier(services.warmup, clock=utc_clock, tray_available=True)
    assert notifier.uses_tray() and notifier.tray is not None
    shown: list[object] = []
    statuses: list[str] = []
    notifier.notified.connect(shown.append)
    notifier.status_message.connect(statuses.append)
    requested: list[int] = []
    notifier.show_requested.connect(requested.append)
    notifier.start()
    qtbot.waitUntil(lambda: bool(shown))
    assert statuses == []  # the tray got it, not the status bar
    notifier.tray.messageClicked.emit()
    assert requested == [show_id]
    notifier.stop()
