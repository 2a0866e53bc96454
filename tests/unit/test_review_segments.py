"""review_segments: bands from timer logs (revisits, unfinished runs, several runs) and attribution to segments."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from streamdesk.core.live_timer import TimerEvent, TimerEventKind
from streamdesk.core.review_segments import (
    OrderPoint,
    RunLog,
    segment_results,
    timer_bands,
)
from streamdesk.core.review_types import Timeline
from streamdesk.core.show_types import RunSegment

ORIGIN = datetime(2026, 3, 1, 11, 0, tzinfo=UTC)
K = TimerEventKind


def segments(*plan: tuple[int, str, int]) -> tuple[RunSegment, ...]:
    return tuple(RunSegment(segment_id=i, title=t, planned_seconds=s, warn_at=0, danger_at=0) for i, t, s in plan)


def events(*items: tuple[TimerEventKind, float] | tuple[TimerEventKind, float, int]) -> tuple[TimerEvent, ...]:
    return tuple(TimerEvent(item[0], item[1], segment=item[2] if len(item) == 3 else None) for item in items)


def spans(bands: tuple[object, ...]) -> list[tuple[int | None, float, float]]:
    return [(b.segment_id, b.start_seconds, b.end_seconds) for b in bands]  # type: ignore[attr-defined]


def test_a_revisited_segment_has_two_bands_and_one_result() -> None:
    # timer seconds from 500: A 0-100, B 100-160, back to A 160-200 (PREVIOUS), JUMP to C 200-260, FINISH
    run = RunLog(
        segments=segments((1, "A", 120), (2, "B", 60), (3, "C", 60)),
        events=events((K.START, 500), (K.NEXT, 600), (K.PREVIOUS, 660), (K.JUMP, 700, 2), (K.JUMP, 730, 2),
                      (K.FINISH, 760)),
        started=ORIGIN,
    )  # fmt: skip
    bands = timer_bands([run], ORIGIN, ORIGIN + timedelta(hours=5))
    assert spans(bands) == [(1, 0.0, 100.0), (2, 100.0, 160.0), (1, 160.0, 200.0), (3, 200.0, 260.0)]  # a JUMP
    # to the current segment changes nothing
    timeline = Timeline(
        origin=ORIGIN,
        seconds=(10.0, 120.0, 170.0, 230.0, 300.0),
        series={
            "online": (10.0, 20.0, 30.0, math.nan, 99.0),
            "views": (100.0, 200.0, 300.0, 400.0, 999.0),
            "new_followers": (math.nan,) * 5,
            "orders": (math.nan,) * 5,
            "gmv_minor": (math.nan,) * 5,
        },
        order_minutes=(),
        order_counts=(),
        order_gmv_minor=(),
        bands=bands,
        markers=(),
    )
    orders = [
        OrderPoint(ORIGIN + timedelta(seconds=50), None, 1000, 1),  # A, first visit
        OrderPoint(ORIGIN + timedelta(seconds=180), None, 2000, 2),  # A, second visit
        OrderPoint(ORIGIN + timedelta(seconds=120), 3, 4000, 1),  # placed during B, names C
        OrderPoint(ORIGIN + timedelta(seconds=130), 77, 8000, 1),  # names a segment the run never had: by time, B
        OrderPoint(ORIGIN + timedelta(seconds=900), None, 16000, 1),  # after the finish: nowhere
    ]
    results = segment_results(bands, {1: 120, 2: 60, 3: 60}, timeline, orders, own_orders=True)
    by_id = {r.band.segment_id: r for r in results}
    assert [r.band.segment_id for r in results] == [1, 2, 3]
    a, b, c = by_id[1], by_id[2], by_id[3]
    assert (a.band.start_seconds, a.orders, a.units, a.gmv_minor, a.planned_seconds) == (0.0, 2, 3, 3000, 120)
    assert (b.orders, b.gmv_minor) == (1, 8000)
    assert (c.orders, c.gmv_minor) == (1, 4000)
    # samples: 10 s and 170 s are A's (views 100 + 300, online 10 and 30), 120 s is B's, 230 s is C's (no online)
    assert (a.views, a.average_online, a.peak_online, a.gpm_minor) == (400, 20.0, 30, 7500)
    assert (b.views, b.average_online) == (200, 20.0)
    assert (c.views, c.average_online, c.peak_online, c.new_followers) == (400, None, None, None)


def test_without_own_orders_segments_take_the_samples_orders_and_gmv() -> None:
    run = RunLog(segments=segments((1, "A", 60)), events=events((K.START, 0), (K.FINISH, 120)), started=ORIGIN)
    bands = timer_bands([run], ORIGIN, ORIGIN)
    series = {
        "orders": (2.0, 1.0),
        "gmv_minor": (500.0, 300.0),
        "views": (100.0, math.nan),
        "online": (math.nan, math.nan),
        "new_followers": (math.nan, math.nan),
    }
    timeline = Timeline(ORIGIN, (0.0, 60.0), series, (), (), (), bands, ())
    (result,) = segment_results(bands, {}, timeline, [], own_orders=False)
    assert (result.orders, result.units, result.gmv_minor, result.views, result.gpm_minor) == (3, 0, 800, 100, 8000)


def test_an_unfinished_run_ends_at_its_plan_or_now() -> None:
    # started at timer 100 (= ORIGIN), NEXT at 400; B is planned 600 s and still running (no FINISH)
    run = RunLog(
        segments=segments((1, "A", 300), (2, "B", 600)),
        events=events((K.START, 100), (K.NEXT, 400), (K.PAUSE, 450)),
        started=ORIGIN,
    )
    two_minutes_later = ORIGIN + timedelta(seconds=420)
    assert spans(timer_bands([run], ORIGIN, two_minutes_later))[-1] == (2, 300.0, 420.0)  # now comes first
    days_later = ORIGIN + timedelta(days=3)
    assert spans(timer_bands([run], ORIGIN, days_later))[-1] == (2, 300.0, 900.0)  # an abandoned run: its plan


def test_two_live_runs_are_placed_by_their_own_start() -> None:
    first = RunLog(segments((1, "A", 60)), events((K.START, 7.0), (K.FINISH, 67.0)), started=ORIGIN)
    second = RunLog(
        segments((1, "A", 60), (2, "B", 60)),
        events((K.START, 1000.0), (K.NEXT, 1030.0), (K.FINISH, 1090.0)),
        started=ORIGIN + timedelta(minutes=10),
    )
    bands = timer_bands([first, second], ORIGIN, ORIGIN + timedelta(hours=1))
    assert spans(bands) == [(1, 0.0, 60.0), (1, 600.0, 630.0), (2, 630.0, 690.0)]
