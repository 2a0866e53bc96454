"""Pre-flight notices: a scheduled show whose check came due (2.5 h before the start by default) with no run started
is announced once per due time (tray balloon, or the status bar without a tray); a started run, a finished GO run or
a show not yet due is left alone; moving the show announces its new due time; a click asks for the show."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from page_support import *  # noqa: F403 - english (autouse), services, runner

from streamdesk.app import Services
from streamdesk.config import PreflightSettings, Settings
from streamdesk.core.preflight_types import ResultInput
from streamdesk.core.show_types import ShowInput, ShowStatus
from streamdesk.models.base import CheckStatus
from streamdesk.ui.preflight_notifier import POLL_MS, PreflightNotifier

LEAD = 150  # minutes, the default


def schedule(services: Services, utc_clock, title: str, minutes_ahead: int) -> int:
    return services.shows.create_show(
        ShowInput(title, planned_start=utc_clock() + timedelta(minutes=minutes_ahead), status=ShowStatus.SCHEDULED)
    )


def notifier_for(services: Services, utc_clock, **kwargs: object) -> PreflightNotifier:
    options: dict[str, object] = {"due_minutes": LEAD, "clock": utc_clock, "tray_available": False, "balloon_ms": 20}
    options.update(kwargs)
    return PreflightNotifier(services.preflight, **options)  # type: ignore[arg-type]


def test_each_due_show_goes_to_the_status_bar_once(qtbot, services, utc_clock) -> None:
    due_id = schedule(services, utc_clock, "Spring launch", 120)  # due 30 minutes ago
    later_id = schedule(services, utc_clock, "Tea tasting", 100)
    schedule(services, utc_clock, "Next week", 7 * 24 * 60)  # not due for days
    notifier = notifier_for(services, utc_clock)
    assert not notifier.uses_tray()
    messages: list[str] = []
    notifier.status_message.connect(messages.append)
    with qtbot.waitSignals([notifier.notified, notifier.notified], timeout=5000):
        due = notifier.check_now()
    assert [item.show_id for item in due] == [later_id, due_id]  # the earlier start first
    assert len(messages) == 2
    assert "Tea tasting" in messages[0] and "Spring launch" in messages[1]
    assert "Pre-flight check due" in messages[1] and "in 2 h" in messages[1]
    assert notifier.check_now() == ()  # announced once
    assert len(messages) == 2


def test_a_started_run_or_a_finished_go_run_is_not_announced(qtbot, services, utc_clock) -> None:
    started = schedule(services, utc_clock, "Already checking", 60)
    passed = schedule(services, utc_clock, "All green", 60)
    preflight = services.preflight
    preflight.start_run(started)
    run_id = preflight.start_run(passed)
    for result in preflight.run(run_id).results:
        preflight.record(result.id, ResultInput(CheckStatus.PASSED))
    preflight.finish_run(run_id)
    notifier = notifier_for(services, utc_clock)
    assert notifier.check_now() == ()
    assert [item.show_id for item in preflight.due(LEAD)] == [started]  # due, but the seller is on it


def test_moving_the_show_announces_its_new_due_time(qtbot, services, utc_clock) -> None:
    show_id = schedule(services, utc_clock, "Spring launch", 120)
    notifier = notifier_for(services, utc_clock)
    assert [item.show_id for item in notifier.check_now()] == [show_id]
    detail = services.shows.get_show(show_id)
    services.shows.update_show(
        show_id, replace(detail.to_input(), planned_start=detail.planned_start + timedelta(minutes=20))
    )
    again = notifier.check_now()
    assert [item.show_id for item in again] == [show_id]
    assert again[0].due_at == detail.planned_start + timedelta(minutes=20 - LEAD)


def test_a_show_coming_due_later_is_announced_by_the_minute_poll(qtbot, services, utc_clock) -> None:
    show_id = schedule(services, utc_clock, "Evening show", LEAD + 10)  # due in ten minutes
    notifier = notifier_for(services, utc_clock, poll_ms=50)
    polls: list[int] = []
    notifier.poll_timer.timeout.connect(lambda: polls.append(1))
    notifier.start()
    qtbot.waitUntil(lambda: len(polls) >= 3)
    utc_clock.advance(minutes=11)
    with qtbot.waitSignal(notifier.notified, timeout=2000) as blocker:
        pass
    assert blocker.args[0].show_id == show_id
    notifier.stop()
    assert notifier.poll_timer.interval() == 50 and POLL_MS == 60_000


def test_a_longer_lead_from_the_settings_counts_from_the_next_poll(qtbot, services, utc_clock) -> None:
    show_id = schedule(services, utc_clock, "Evening show", 200)
    notifier = notifier_for(services, utc_clock)
    assert notifier.check_now() == ()
    notifier.apply_settings(Settings(language="en", preflight=PreflightSettings(due_minutes=240)))
    assert notifier.due_minutes() == 240
    assert [item.show_id for item in notifier.check_now()] == [show_id]


def test_with_a_tray_the_balloon_names_the_show_and_a_click_asks_for_it(qtbot, services, utc_clock) -> None:
    show_id = schedule(services, utc_clock, "Spring launch", 90)
    notifier = notifier_for(services, utc_clock, tray_available=True)
    assert notifier.uses_tray() and notifier.tray is not None
    shown: list[object] = []
    statuses: list[str] = []
    requested: list[int] = []
    notifier.notified.connect(shown.append)
    notifier.status_message.connect(statuses.append)
    notifier.show_requested.connect(requested.append)
    notifier.start()
    qtbot.waitUntil(lambda: bool(shown))
    assert statuses == []  # the tray got it, not the status bar
    notifier.tray.messageClicked.emit()
    assert requested == [show_id]
    notifier.stop()


@pytest.mark.parametrize("status", [ShowStatus.DRAFT, ShowStatus.CANCELLED])
def test_shows_not_scheduled_are_not_announced(qtbot, services, utc_clock, status) -> None:
    services.shows.create_show(ShowInput("Maybe", planned_start=utc_clock() + timedelta(minutes=60), status=status))
    assert notifier_for(services, utc_clock).check_now() == ()
