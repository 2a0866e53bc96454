"""The demo shop's live runs: every past show marked done gets a finished run of its timer, as if it had been
streamed, so planned vs actual, the review and the seller's assistant have real event logs to read.

This host talks over every pitch: a pitch runs about 1.6 times its plan (``PITCH_PACE``), the odd one with a
minute asked for on air; the other segments are cut a little short to make up for it, never enough. One short
pause in the middle of each show (a dropped connection, a parcel at the door) stays inside its segment.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from streamdesk.core.show_runs import ShowRuns
from streamdesk.core.show_types import SegmentKind, ShowStatus

if TYPE_CHECKING:
    from streamdesk.core.shows import Shows
    from streamdesk.db import SessionFactory

PITCH_PACE = (1.5, 1.72)  # actual ÷ planned of a pitch, low and high
OTHER_PACE = (0.75, 1.0)  # of every other segment

Aired = dict[int, tuple[datetime, datetime]]  # segment id → (start, end) of its time on air, aware UTC


def add_demo_runs(shows: Shows, sessions: SessionFactory, rng: random.Random) -> Aired:
    """Write the runs; returns when each segment of them was on air (the orders are placed inside those times)."""
    at = [0.0]  # the run's timer clock (epoch seconds), moved by hand
    when = [datetime.now(UTC)]
    runs = ShowRuns(sessions, clock=lambda: when[0], timer_clock=lambda: at[0])
    aired: Aired = {}
    for show in shows.list_shows(status=ShowStatus.DONE):
        if show.planned_start is None or show.segment_count == 0:
            continue
        _advance(at, when, show.planned_start.timestamp() + rng.randint(5, 180) - at[0])  # a little late, always
        run = runs.start(show.id)
        timer = run.timer
        timer.start()
        middle = len(run.segments) // 2
        for index, segment in enumerate(run.segments):
            began = when[0]
            pitch = segment.kind is SegmentKind.PITCH
            seconds = max(30.0, segment.planned_seconds * rng.uniform(*(PITCH_PACE if pitch else OTHER_PACE)))
            if pitch and rng.random() < 0.3:
                timer.adjust(60)  # the host asked for another minute, and took more
            if index == middle:
                _advance(at, when, seconds * 0.4)
                timer.pause()
                _advance(at, when, rng.randint(45, 150))
                timer.resume()
                seconds *= 0.6
            _advance(at, when, seconds)
            if segment.segment_id is not None:
                aired[segment.segment_id] = (began, when[0])
            if index < len(run.segments) - 1:
                timer.next()
        timer.finish()
    return aired


def _advance(at: list[float], when: list[datetime], seconds: float) -> None:
    at[0] += seconds
    when[0] = datetime.fromtimestamp(at[0], UTC)
