"""Advice from history, segment pacing (advice_pacing), on SQLite and PostgreSQL: three shows stream the rundown
Opening 300 s, Pitch 900 s, Closing 300 s through ShowRuns, and the opening always overruns to twice its plan:

    show   opening                          pitch                       closing   START → FINISH
    S0     600                              900                         240       1,740
    S1     600 (a 100 s pause inside)       900                         240       1,740
    S2     500, then 100 more after a jump  500 + 700 after the jump    240       2,040

A rehearsal of S0 whose opening takes 2,000 s is no history. Medians: opening 600 planned 300, ratio 2.0; pitch
ratio 1.0 (1.0, 1.0, 1.33); closing 0.8; the whole show 1,740 of 1,500, ratio 1.16.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from conftest import FakeClock, FakeUTCClock
from review_support import add_show

from streamdesk.config import ReviewSettings
from streamdesk.core.advice_history import RanSegment, StreamedShow
from streamdesk.core.advice_pacing import (
    SHOW_KEY,
    PacingWarning,
    advise_pacing,
    check_rundown,
    kind_key,
    pacing_advice,
)
from streamdesk.core.live_timer import LiveTimer
from streamdesk.core.show_runs import ShowRuns
from streamdesk.db import Database
from streamdesk.models.base import RunKind, SegmentKind

SETTINGS = ReviewSettings(fee_basis_points={"douyin": 500})
RUNDOWN = (
    ("Opening", 300, SegmentKind.OPENING),
    ("Pitch", 900, SegmentKind.PITCH),
    ("Closing", 300, SegmentKind.CLOSING),
)
FIRST = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)


def steps(timer: LiveTimer, clock: FakeClock, utc: FakeUTCClock, plan: list[tuple[float, str, int | None]]) -> None:
    """Each step waits ``seconds`` of timer time, then runs the command (``jump`` takes the segment)."""
    timer.start()
    for seconds, command, target in plan:
        clock.now += seconds
        utc.advance(seconds=seconds)
        if command == "jump":
            assert target is not None
            timer.jump(target)
        else:
            getattr(timer, command)()


def stream(database: Database, title: str, start: datetime, plan: list[tuple[float, str, int | None]]) -> int:
    show_id, _ = add_show(database, title, planned_start=start, segments=RUNDOWN)
    utc, clock = FakeUTCClock(start), FakeClock(now=10.0)
    steps(ShowRuns(database.sessions, clock=utc, timer_clock=clock).start(show_id).timer, clock, utc, plan)
    return show_id


def build(database: Database) -> tuple[int, ...]:
    plain = [(600, "next", None), (900, "next", None), (240, "finish", None)]
    paused = [(400, "pause", None), (100, "resume", None), (100, "next", None), (900, "next", None),
              (240, "finish", None)]  # fmt: skip
    jumped = [(500, "next", None), (500, "jump", 0), (100, "jump", 1), (700, "next", None), (240, "finish", None)]
    s0 = stream(database, "S0", FIRST, plain)
    utc, clock = FakeUTCClock(FIRST - timedelta(days=1)), FakeClock(now=10.0)
    rehearsal = ShowRuns(database.sessions, clock=utc, timer_clock=clock).start(s0, RunKind.REHEARSAL).timer
    steps(rehearsal, clock, utc, [(2000, "next", None), (900, "next", None), (300, "finish", None)])
    s1 = stream(database, "S1", FIRST + timedelta(days=1), paused)
    s2 = stream(database, "S2", FIRST + timedelta(days=2), jumped)
    return s0, s1, s2


def test_medians_per_kind_and_per_show_from_the_timer_log(database: Database) -> None:
    shows = build(database)

    pacing = pacing_advice(database.sessions, SETTINGS)

    assert pacing.shows_found == 3
    assert [k.kind for k in pacing.kinds] == [SegmentKind.OPENING, SegmentKind.PITCH, SegmentKind.CLOSING]
    opening, pitch, closing = pacing.kinds
    assert (opening.n, opening.median_planned_seconds, opening.median_actual_seconds) == (3, 300, 600)
    assert opening.median_ratio == pytest.approx(2.0)
    assert opening.show_ids == shows
    assert (pitch.n, pitch.median_actual_seconds, pitch.median_ratio) == (3, 900, pytest.approx(1.0))
    assert (closing.n, closing.median_actual_seconds, closing.median_ratio) == (3, 240, pytest.approx(0.8))
    assert pacing.show is not None
    assert (pacing.show.n, pacing.show.median_planned_seconds, pacing.show.median_actual_seconds) == (3, 1500, 1740)
    assert pacing.show.median_ratio == pytest.approx(1740 / 1500)
    assert pacing.of(SegmentKind.GIVEAWAY) is None


def test_a_kind_that_always_overruns_is_warned_about_in_a_new_rundown(database: Database) -> None:
    build(database)
    pacing = pacing_advice(database.sessions, SETTINGS)
    rundown = [
        (11, SegmentKind.OPENING, "Hello", 240),
        (12, SegmentKind.PITCH, "Scarves", 1200),
        (13, SegmentKind.CLOSING, "Bye", 300),
        (14, SegmentKind.GIVEAWAY, "Draw", 60),  # no history: no opinion
        (15, SegmentKind.OPENING, "Second hello", 0),  # nothing planned: nothing to compare
    ]

    warnings = check_rundown(pacing, rundown)

    assert warnings == (
        PacingWarning(kind_key(SegmentKind.OPENING), 11, SegmentKind.OPENING, "Hello", 240, 480, 2.0, 3),
    )
    assert warnings[0].key == "pacing:opening"


def test_no_history_no_warnings(database: Database) -> None:
    pacing = pacing_advice(database.sessions, SETTINGS)

    assert (pacing.shows_found, pacing.kinds, pacing.show) == (0, (), None)
    assert check_rundown(pacing, [(1, SegmentKind.OPENING, "Hello", 1)]) == ()


def _show(
    show_id: int, planned: int, actual: float, segments: tuple[tuple[SegmentKind, int, float], ...]
) -> StreamedShow:
    ran = tuple(
        RanSegment(show_id, show_id * 10 + i, kind, kind.value, p, a, ((0.0, a),))
        for i, (kind, p, a) in enumerate(segments)
    )
    return StreamedShow(show_id, datetime(2026, 1, show_id, tzinfo=UTC), planned, actual, ran)


def test_shows_that_always_run_long_warn_on_the_total_and_two_are_not_enough() -> None:
    long = [_show(i, 3600, 6000 + i, ((SegmentKind.PITCH, 3600, 6000 + i),)) for i in range(1, 4)]
    brief = [_show(i, 3600, 1200, ((SegmentKind.BREAK, 600, 120),)) for i in range(1, 3)]

    pacing = advise_pacing(long)
    warned = check_rundown(pacing, [(1, SegmentKind.PITCH, "A", 1800), (2, SegmentKind.BREAK, "B", 1800)])

    assert [w.key for w in warned] == [kind_key(SegmentKind.PITCH), SHOW_KEY]
    whole = warned[-1]
    assert (whole.segment_id, whole.kind, whole.title, whole.planned_seconds, whole.n) == (None, None, "", 3600, 3)
    assert whole.expected_seconds == round(3600 * 6002 / 3600)
    # Two shows whose breaks run at a fifth of their plan: a habit, but not yet enough of one.
    assert check_rundown(advise_pacing(brief), [(1, SegmentKind.BREAK, "B", 600)]) == ()


def test_kinds_that_run_short_warn_too_and_the_edges_do_not() -> None:
    shows = [
        _show(1, 0, 0, ((SegmentKind.BREAK, 600, 300), (SegmentKind.CLOSING, 300, 450), (SegmentKind.OPENING, 300, 201))),
        _show(2, 0, 0, ((SegmentKind.BREAK, 600, 240), (SegmentKind.CLOSING, 300, 450), (SegmentKind.OPENING, 300, 201))),
        _show(3, 0, 0, ((SegmentKind.BREAK, 600, 360), (SegmentKind.CLOSING, 300, 450), (SegmentKind.OPENING, 300, 201))),
    ]  # fmt: skip

    pacing = advise_pacing(shows)
    warned = check_rundown(
        pacing,
        [
            (1, SegmentKind.BREAK, "Rest", 600),
            (2, SegmentKind.CLOSING, "Bye", 300),
            (3, SegmentKind.OPENING, "Hi", 300),
        ],
    )

    assert pacing.show is None  # no show had a planned total
    assert [(w.key, w.expected_seconds) for w in warned] == [(kind_key(SegmentKind.BREAK), 300)]  # ratio 0.5
    # Closing at exactly 1.5 × and opening at exactly 0.67 × are inside the band.
    assert pacing.of(SegmentKind.CLOSING) is not None and pacing.of(SegmentKind.OPENING) is not None
