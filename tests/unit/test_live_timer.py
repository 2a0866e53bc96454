"""LiveTimer: every transition, over/under, projections, and a four-hour show replayed with zero drift."""

from __future__ import annotations

import random

import pytest
from conftest import FakeClock

from streamdesk.core.errors import UserError
from streamdesk.core.live_timer import LiveTimer, Phase, PlannedSegment, ShowClock, TimerEvent, TimerEventKind


def planned(title: str, minutes: float, warn_at: int = 120, danger_at: int = 60) -> PlannedSegment:
    return PlannedSegment(title, int(minutes * 60), warn_at=warn_at, danger_at=danger_at)


def rundown() -> list[PlannedSegment]:
    return [planned("Opening", 5), planned("Pitch", 10), planned("Flash sale", 3), planned("Closing", 2)]


def test_segment_warns_then_runs_over_and_pauses_cost_nothing() -> None:
    clock = FakeClock(now=0.0)
    timer = LiveTimer([planned("Opening", minutes=5, warn_at=60, danger_at=15)], clock=clock)
    assert timer.state().phase is Phase.READY
    timer.start()
    clock.now += 241
    assert timer.state().phase is Phase.WARNING
    timer.pause()
    clock.now += 600  # ten minutes off air do not eat into the segment
    timer.resume()
    assert timer.state().remaining == 59
    clock.now += 45
    assert timer.state().phase is Phase.DANGER
    clock.now += 30
    assert (timer.state().phase, timer.state().over_by) == (Phase.OVERTIME, 16)
    reopened = LiveTimer.replay(timer.segments, timer.events(), clock=clock)  # what a restart after a crash does
    assert reopened.state() == timer.state()


def test_next_previous_and_jump_keep_each_segments_own_time() -> None:
    clock = FakeClock()
    timer = LiveTimer(rundown(), clock=clock)
    timer.start()
    clock.now += 100
    timer.next()
    clock.now += 50
    assert (timer.state().segment, timer.state().elapsed) == (1, 50)
    timer.previous()
    clock.now += 20
    assert (timer.state().segment, timer.state().elapsed) == (0, 120)  # back where it was, and counting on
    timer.jump(3)
    clock.now += 10
    state = timer.state()
    assert state.segment == 3
    assert [round(s.actual) for s in state.segments] == [120, 50, 0, 10]
    assert [s.visited for s in state.segments] == [True, True, False, True]


def test_over_under_counts_finished_overruns_and_the_current_overtime() -> None:
    clock = FakeClock()
    timer = LiveTimer(rundown(), clock=clock)
    timer.start()
    clock.now += 5 * 60 + 40  # opening runs 40 s over
    timer.next()
    clock.now += 8 * 60  # pitch ends 2 min early
    timer.next()
    assert timer.state().over_under == 40 - 120
    clock.now += 3 * 60 + 30  # the flash sale is 30 s into overtime
    state = timer.state()
    assert (state.phase, state.over_by, state.over_under) == (Phase.OVERTIME, 30, 40 - 120 + 30)


def test_projected_end_is_now_plus_what_remains_of_the_plan() -> None:
    clock = FakeClock(now=1_000.0)
    timer = LiveTimer(rundown(), clock=clock)
    assert timer.state().projected_end == 1_000 + 20 * 60  # not started: the whole plan from now
    timer.start()
    clock.now += 60
    assert timer.state().projected_end == 1_060 + 4 * 60 + (10 + 3 + 2) * 60
    clock.now += 10 * 60  # six minutes into overtime: the end moves with the clock
    assert timer.state().projected_end == clock.now + (10 + 3 + 2) * 60
    assert timer.state().planned_starts == (0, 300, 900, 1080)


def test_adding_and_removing_time_changes_the_current_segments_plan_only() -> None:
    clock = FakeClock()
    timer = LiveTimer(rundown(), clock=clock)
    timer.start()
    timer.adjust(+60)
    assert timer.state().remaining == 6 * 60
    timer.adjust(-600)  # never below zero
    state = timer.state()
    assert (state.remaining, state.phase) == (0, Phase.OVERTIME)
    assert [s.planned for s in state.segments] == [0, 600, 180, 120]


def test_finish_freezes_the_clock() -> None:
    clock = FakeClock()
    timer = LiveTimer(rundown(), clock=clock)
    timer.start()
    clock.now += 90
    finished = timer.finish()
    clock.now += 3600
    assert timer.state() == finished
    assert (finished.phase, finished.running, finished.show_elapsed) == (Phase.FINISHED, False, 90)


@pytest.mark.parametrize(
    ("commands", "code"),
    [
        (("pause",), "timer.not_started"),
        (("next",), "timer.not_started"),
        (("start", "start"), "timer.already_started"),
        (("start", "resume"), "timer.not_paused"),
        (("start", "pause", "pause"), "timer.not_running"),
        (("start", "previous"), "timer.no_previous_segment"),
        (("start", "next", "next", "next", "next"), "timer.no_next_segment"),
        (("start", "finish", "next"), "timer.finished"),
        (("start", "finish", "finish"), "timer.finished"),
    ],
)
def test_commands_that_do_not_fit_the_state_are_refused_and_not_logged(commands: tuple[str, ...], code: str) -> None:
    timer = LiveTimer(rundown(), clock=FakeClock())
    *allowed, refused = commands
    for command in allowed:
        getattr(timer, command)()
    logged = timer.events()
    with pytest.raises(UserError) as raised:
        getattr(timer, refused)()
    assert raised.value.code == code
    assert timer.events() == logged


def test_jump_out_of_range_and_zero_adjustment_are_refused() -> None:
    timer = LiveTimer(rundown(), clock=FakeClock())
    timer.start()
    with pytest.raises(UserError, match=r"timer\.no_such_segment"):
        timer.jump(4)
    with pytest.raises(UserError, match=r"timer\.zero_adjustment"):
        timer.adjust(0)


def test_toggle_starts_pauses_and_resumes() -> None:
    clock = FakeClock()
    timer = LiveTimer(rundown(), clock=clock)
    assert timer.toggle().running
    assert not timer.toggle().running
    assert timer.toggle().running
    assert [e.kind for e in timer.events()] == [TimerEventKind.START, TimerEventKind.PAUSE, TimerEventKind.RESUME]


def test_each_event_is_handed_over_before_the_timer_acts_on_it() -> None:
    persisted: list[TimerEvent] = []
    clock = FakeClock(now=7.0)
    timer = LiveTimer(rundown(), clock=clock, on_event=persisted.append)
    timer.start()
    clock.now += 3
    timer.next()
    assert persisted == list(timer.events())
    assert persisted[1] == TimerEvent(TimerEventKind.NEXT, 10.0)


def test_a_timer_without_segments_is_refused() -> None:
    with pytest.raises(UserError, match=r"timer\.no_segments"):
        LiveTimer([], clock=FakeClock())


def test_a_four_hour_show_with_pauses_and_jumps_has_zero_drift() -> None:
    """Thousands of commands over four hours: the fold's figures equal an independent tally, to the second."""
    rng = random.Random(2026)
    segments = [planned(f"Segment {n}", rng.randint(2, 15)) for n in range(24)]
    clock = FakeClock(now=1_700_000_000.0)
    timer = LiveTimer(segments, clock=clock)
    timer.start()
    running, current, paused_total = True, 0, 0
    tally = [0] * len(segments)
    end = clock.now + 4 * 3600
    while clock.now < end:
        step = rng.randint(1, 30)
        clock.now += step
        if running:
            tally[current] += step
        else:
            paused_total += step
        action = rng.random()
        if action < 0.1:
            timer.toggle()
            running = not running
        elif action < 0.35 and current + 1 < len(segments):
            timer.next()
            current += 1
        elif action < 0.4 and current > 0:
            timer.previous()
            current -= 1
        elif action < 0.45:
            current = rng.randrange(len(segments))
            timer.jump(current)
    state = timer.state()
    assert len(timer.events()) > 300
    assert [s.actual for s in state.segments] == tally
    assert state.show_elapsed == sum(tally)
    assert state.show_elapsed + paused_total == 4 * 3600 + (clock.now - end)
    assert LiveTimer.replay(segments, timer.events(), clock=clock).state() == state


def test_the_show_clock_ignores_wall_clock_jumps_and_survives_a_restart() -> None:
    wall, monotonic = FakeClock(now=1_700_000_000.0), FakeClock(now=55.0)
    clock = ShowClock(wall=wall, monotonic=monotonic)
    monotonic.now += 10
    wall.now += 10 + 3600  # NTP moves the wall clock an hour mid-show
    assert clock() == 1_700_000_010.0
    # after a crash a new process anchors again: the same wall time, a monotonic clock with another origin
    restarted_monotonic = FakeClock(now=3.0)
    restarted = ShowClock(wall=FakeClock(now=1_700_000_010.0), monotonic=restarted_monotonic)
    restarted_monotonic.now += 5
    assert restarted() == 1_700_000_015.0  # continues the same time line, whatever the monotonic origin
