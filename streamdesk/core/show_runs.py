"""Runs of the live timer: the real stream or a rehearsal, persisted event by event and replayed after a crash.

A run snapshots the show's rundown when it starts (``ShowRun.segments_json``), so later edits of the rundown never
change what a replay computes. Each timer command is committed as a ``TimerEventRow`` in its own short write
transaction (BEGIN IMMEDIATE; the database runs with synchronous=FULL) before the timer acts on it: once a key press
has changed the screen it is on disk. ``open()`` replays the log against the timer clock; with the production
``ShowClock`` (wall time at process start plus the monotonic delta) the events of a process that died are comparable
with now, so a segment that was running keeps counting through the crash.

Live runs set the show's status (LIVE at start, DONE at the finish); rehearsals never touch the show, its stock or
orders, and only they can be discarded. One process drives a run (it started or reopened it) and the others may follow
it read-only, from another laptop in team mode or another window on the same file (core/timer_follow.py). The ORM (sqlmodel, model classes) is imported by the methods that need it:
``app.build_services`` makes this service before the GUI's first paint.
"""

from __future__ import annotations

import csv
import json
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError

from streamdesk.core.errors import UserError
from streamdesk.core.live_timer import LiveTimer, PlannedSegment, ShowClock, TimerEvent, TimerEventKind, TimerState
from streamdesk.core.show_types import PlannedActualRow, RunKind, RunSegment, RunSummary, SegmentKind, ShowStatus
from streamdesk.core.storage import discard
from streamdesk.core.timer_follow import (
    DriverIdentity,
    RunDriver,
    TimerFollower,
    claim,
    compare_clocks,
    read_driver,
    run_shift,
    should_follow,
)
from streamdesk.core.timer_follow import beat as write_beat
from streamdesk.core.timer_follow import release as write_release

if TYPE_CHECKING:
    from streamdesk.db import SessionFactory
    from streamdesk.models.shows import Segment, Show, ShowRun

# Column headers of the planned-vs-actual CSV; the UI may pass translated ones (same order, same count).
PLANNED_ACTUAL_HEADERS = (
    "#",
    "segment",
    "kind",
    "planned_seconds",
    "planned",
    "adjusted_seconds",
    "adjusted",
    "actual_seconds",
    "actual",
    "over_under_seconds",
    "over_under",
    "visited",
)
MINUS = "\u2212"  # "−0:30": a typographic minus, because a leading "-" makes a spreadsheet read a formula


@dataclass(frozen=True, slots=True)
class LiveRun:
    """One open run; the Live page and the presenter drive ``timer`` (its commands are persisted as they happen)."""

    run_id: int
    show_id: int
    kind: RunKind
    segments: tuple[RunSegment, ...]
    timer: LiveTimer

    def state(self) -> TimerState:
        return self.timer.state()


class _EventLog:
    """The timer's ``on_event``: commits each event before the timer changes state.

    ``seq`` is counted here, so a second window writing to the same run collides with the (run_id, seq) unique key
    instead of interleaving events this timer never saw; and a window whose run was taken over by another process
    is refused before it writes.
    """

    def __init__(
        self,
        sessions: SessionFactory,
        clock: Callable[[], datetime],
        *,
        run_id: int,
        show_id: int,
        kind: RunKind,
        next_seq: int,
        identity: DriverIdentity,
    ) -> None:
        self._sessions = sessions
        self._identity = identity
        self._clock = clock
        self._run_id = run_id
        self._show_id = show_id
        self._kind = kind
        self._next_seq = next_seq

    def __call__(self, event: TimerEvent) -> None:
        from streamdesk.models.shows import Show, ShowRun, TimerEventRow

        now = self._clock()
        try:
            with self._sessions(write=True) as session, session.begin():
                # FOR UPDATE (PostgreSQL; SQLite's write lock already serialises): a take-over waits for this step
                run = session.get(ShowRun, self._run_id, with_for_update=True)
                if run is None or run.driver_instance not in ("", self._identity.instance):
                    raise UserError("runs.changed_elsewhere", run_id=self._run_id)  # discarded, or taken over
                session.add(
                    TimerEventRow(
                        run_id=self._run_id,
                        seq=self._next_seq,
                        kind=event.kind.value,
                        at=event.at,
                        segment=event.segment,
                        seconds=event.seconds,
                        recorded_at=now,
                    )
                )
                if event.kind is TimerEventKind.FINISH:
                    run.finished_at = now
                    show = session.get(Show, self._show_id) if self._kind is RunKind.LIVE else None
                    if show is not None:
                        _set_status(show, ShowStatus.DONE, now)
        except IntegrityError as exc:  # the run was discarded, or another window wrote this seq first
            raise UserError("runs.changed_elsewhere", run_id=self._run_id) from exc
        self._next_seq += 1


class ShowRuns:
    def __init__(
        self,
        sessions: SessionFactory,
        *,
        clock: Callable[[], datetime],
        timer_clock: Callable[[], float] | None = None,
        identity: DriverIdentity | None = None,
        align_clocks: bool | None = None,
    ) -> None:
        """``identity`` names this process as a driver (default: this host, a new instance id). ``align_clocks``
        reads runs started elsewhere on their own clock via the server's (core/timer_follow.py); by default only
        with the production clock, since a clock moved by hand in a test is not comparable with the server's."""
        self._sessions = sessions
        self._clock = clock  # aware UTC, for started_at / finished_at / recorded_at
        self._timer_clock: Callable[[], float] = timer_clock or ShowClock()
        self._align = timer_clock is None if align_clocks is None else align_clocks
        self.identity = identity or DriverIdentity.here()

    @property
    def timer_clock(self) -> Callable[[], float]:
        """The clock the runs' timers read; a flash-sale countdown during a run reads the same one."""
        return self._timer_clock

    # --- opening runs -----------------------------------------------------------------------------------------
    def start(self, show_id: int, kind: RunKind = RunKind.LIVE) -> LiveRun:
        """Snapshot the rundown into a new run (one transaction; a live run sets the show LIVE).

        The timer is created but not started (Space starts it). Refuses a show without segments, a template going
        live and a second unfinished live run of the same show.
        """
        from sqlmodel import col, select

        from streamdesk.models.shows import Segment, Show, ShowRun

        now = self._clock()
        with self._sessions(write=True) as session, session.begin():
            show = session.get(Show, show_id)
            if show is None:
                raise UserError("shows.not_found", show_id=show_id)
            rows = session.exec(
                select(Segment).where(Segment.show_id == show_id).order_by(col(Segment.position), col(Segment.id))
            ).all()
            if not rows:
                raise UserError("timer.no_segments")
            if kind is RunKind.LIVE:
                if show.is_template:
                    raise UserError("runs.template_live", title=show.title)
                running = session.exec(
                    select(ShowRun.id).where(
                        ShowRun.show_id == show_id,
                        col(ShowRun.kind) == RunKind.LIVE,
                        col(ShowRun.finished_at).is_(None),
                    )
                ).first()
                if running is not None:
                    raise UserError("runs.already_running", run_id=running, title=show.title)
                _set_status(show, ShowStatus.LIVE, now)
            segments = tuple(_snapshot(row) for row in rows)
            offset = compare_clocks(session, self._timer_clock).offset
            run = ShowRun(
                show_id=show_id,
                kind=kind,
                segments_json=_dump_segments(segments),
                started_at=now,
                clock_offset=offset,
            )
            session.add(run)
            session.flush()
            assert run.id is not None  # flushed: the database gave it one
            run_id = run.id
            claim(session, run_id, self.identity)
        return self._live_run(run_id, show_id, kind, segments, events=(), next_seq=0)

    def open(self, run_id: int) -> LiveRun:
        """Rebuild a run from its event log against the timer clock and drive it from here: resuming after a
        restart or a crash, or taking over from another laptop (whose next step is then refused)."""
        from streamdesk.models.shows import ShowRun

        with self._sessions(write=True) as session, session.begin():
            run = session.get(ShowRun, run_id)
            if run is None:
                raise UserError("runs.not_found", run_id=run_id)
            shift = run_shift(session, self._timer_clock, run.clock_offset, align=self._align)
            claim(session, run_id, self.identity)
        show_id, kind, segments, events, next_seq = self._load(run_id)
        return self._live_run(run_id, show_id, kind, segments, events=events, next_seq=next_seq, shift=shift)

    # --- drivers and followers (team mode) ----------------------------------------------------------------------
    def follow(self, run_id: int) -> TimerFollower:
        """A read-only mirror of the run, kept up to date by ``TimerFollower.poll`` (or fetch/apply)."""
        from streamdesk.models.shows import ShowRun

        with self._sessions() as session, session.begin():
            run = session.get(ShowRun, run_id)
            driver = read_driver(session, run_id)
            if run is None or driver is None:
                raise UserError("runs.not_found", run_id=run_id)
            run_offset = run.clock_offset
        show_id, kind, segments, events, next_seq = self._load(run_id)

        def make_run(clock: Callable[[], float]) -> LiveRun:
            def refuse(_event: TimerEvent) -> None:
                raise UserError("runs.changed_elsewhere", run_id=run_id)  # this window only follows the run

            timer = LiveTimer.replay(_planned(segments), events, clock=clock, on_event=refuse)
            return LiveRun(run_id=run_id, show_id=show_id, kind=kind, segments=segments, timer=timer)

        follower = TimerFollower(
            self._sessions,
            make_run,
            next_seq=next_seq,
            clock=self._timer_clock,
            run_offset=run_offset,
            align=self._align,
            driver=driver,
        )
        follower.poll()  # the clocks compared, and any step taken since the log was read
        return follower

    def driver(self, run_id: int) -> RunDriver:
        """Who drives the run now."""
        with self._sessions() as session, session.begin():
            driver = read_driver(session, run_id)
        if driver is None:
            raise UserError("runs.not_found", run_id=run_id)
        return driver

    def heartbeat(self, run_id: int) -> RunDriver:
        """Say this process still drives the run (a no-op once another took it over) and return who drives it."""
        with self._sessions(write=True) as session, session.begin():
            write_beat(session, run_id, self.identity)
            driver = read_driver(session, run_id)
        if driver is None:
            raise UserError("runs.not_found", run_id=run_id)
        return driver

    def release(self, run_id: int) -> None:
        """Stop driving the run (its window closed without ending it): another window may resume it at once."""
        with self._sessions(write=True) as session, session.begin():
            write_release(session, run_id, self.identity)

    def to_follow(self, show_id: int) -> RunDriver | None:
        """The show's unfinished run that this window should follow rather than offer to resume, if any (a live
        run before a rehearsal, the latest first); see timer_follow.should_follow."""
        from sqlmodel import col, select

        from streamdesk.models.shows import ShowRun

        with self._sessions() as session, session.begin():
            runs = session.exec(
                select(ShowRun.id, ShowRun.kind, ShowRun.started_at).where(
                    ShowRun.show_id == show_id, col(ShowRun.finished_at).is_(None)
                )
            ).all()
            latest_first = sorted(runs, key=lambda run: (RunKind(run[1]) is RunKind.LIVE, run[2], run[0] or 0))
            drivers = [read_driver(session, run_id) for run_id, _, _ in reversed(latest_first) if run_id is not None]
        return next((d for d in drivers if d is not None and should_follow(d, self.identity)), None)

    def _live_run(
        self,
        run_id: int,
        show_id: int,
        kind: RunKind,
        segments: tuple[RunSegment, ...],
        *,
        events: Sequence[TimerEvent],
        next_seq: int,
        shift: float = 0.0,
    ) -> LiveRun:
        log = _EventLog(
            self._sessions,
            self._clock,
            run_id=run_id,
            show_id=show_id,
            kind=kind,
            next_seq=next_seq,
            identity=self.identity,
        )
        own = self._timer_clock
        clock = own if shift == 0.0 else (lambda: own() + shift)  # the run's clock, when it started elsewhere
        timer = LiveTimer.replay(_planned(segments), events, clock=clock, on_event=log)
        return LiveRun(run_id=run_id, show_id=show_id, kind=kind, segments=segments, timer=timer)

    def _load(self, run_id: int) -> tuple[int, RunKind, tuple[RunSegment, ...], tuple[TimerEvent, ...], int]:
        from sqlmodel import col, select

        from streamdesk.models.shows import ShowRun, TimerEventRow

        with self._sessions() as session, session.begin():
            run = session.get(ShowRun, run_id)
            if run is None:
                raise UserError("runs.not_found", run_id=run_id)
            rows = session.exec(
                select(TimerEventRow).where(TimerEventRow.run_id == run_id).order_by(col(TimerEventRow.seq))
            ).all()
            events = tuple(
                TimerEvent(TimerEventKind(row.kind), row.at, segment=row.segment, seconds=row.seconds) for row in rows
            )
            next_seq = rows[-1].seq + 1 if rows else 0
            return run.show_id, RunKind(run.kind), _load_segments(run.segments_json), events, next_seq

    # --- listing ----------------------------------------------------------------------------------------------
    def unfinished(self, show_id: int | None = None) -> tuple[RunSummary, ...]:
        """Runs (live and rehearsal) without a finish, oldest first: what the Live page offers to resume."""
        from sqlmodel import col

        from streamdesk.models.shows import ShowRun

        conditions: list[Any] = [col(ShowRun.finished_at).is_(None)]
        if show_id is not None:
            conditions.append(ShowRun.show_id == show_id)
        return self._summaries(conditions)

    def runs(self, show_id: int) -> tuple[RunSummary, ...]:
        """Every run of a show, live and rehearsal (see ``kind``), in the order they were started."""
        from streamdesk.models.shows import ShowRun

        return self._summaries([ShowRun.show_id == show_id])

    def _summaries(self, conditions: Sequence[Any]) -> tuple[RunSummary, ...]:
        from sqlmodel import col, select

        from streamdesk.models.shows import Show, ShowRun

        statement = (
            select(ShowRun, Show.title)
            .join(Show, col(Show.id) == col(ShowRun.show_id))
            .where(*conditions)
            .order_by(col(ShowRun.started_at), col(ShowRun.id))
        )
        with self._sessions() as session, session.begin():
            return tuple(_summary(run, title) for run, title in session.exec(statement).all())

    # --- after the show ---------------------------------------------------------------------------------------
    def planned_vs_actual(self, run_id: int) -> tuple[PlannedActualRow, ...]:
        """Per segment: planned, planned plus time added live, running time and over (+) or under (−).

        For an unfinished run the current segment counts up to now on the timer clock.
        """
        _, _, segments, events, _ = self._load(run_id)
        state = LiveTimer.replay(_planned(segments), events, clock=self._timer_clock).state()
        return tuple(
            PlannedActualRow(
                index=result.index,
                title=segment.title,
                kind=segment.kind,
                planned_seconds=segment.planned_seconds,
                adjusted_seconds=result.planned,
                actual_seconds=result.actual,
                over_under_seconds=result.actual - result.planned,
                visited=result.visited,
            )
            for segment, result in zip(segments, state.segments, strict=True)
        )

    def export_planned_vs_actual(self, run_id: int, dest: Path, *, headers: Sequence[str] | None = None) -> None:
        """Write planned vs actual as CSV: UTF-8 with a BOM (Excel), a header row, seconds and m:ss columns.

        Titles are neutralised against formula injection (FORMATS.md §5). The file appears only when complete
        (written beside ``dest`` under a temporary name, then renamed). ``headers`` replaces the English column
        names, e.g. with translated ones.
        """
        from streamdesk.core.products_io import neutralise

        header_row = tuple(headers) if headers is not None else PLANNED_ACTUAL_HEADERS
        if len(header_row) != len(PLANNED_ACTUAL_HEADERS):
            raise ValueError(f"expected {len(PLANNED_ACTUAL_HEADERS)} headers, got {len(header_row)}")
        rows = self.planned_vs_actual(run_id)
        temporary = dest.with_name(f".{dest.name}.{os.getpid()}.part")
        try:
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow([neutralise(header) for header in header_row])
                for row in rows:
                    writer.writerow(_csv_cells(row, neutralise))
            temporary.replace(dest)
        except OSError as exc:
            raise UserError("runs.export_failed", path=str(dest)) from exc
        finally:
            discard(temporary)

    def discard(self, run_id: int) -> None:
        """Delete a rehearsal run and its events (one transaction). Live runs are kept for the review."""
        from sqlmodel import col, delete

        from streamdesk.models.shows import ShowRun, TimerEventRow

        with self._sessions(write=True) as session, session.begin():
            run = session.get(ShowRun, run_id)
            if run is None:
                raise UserError("runs.not_found", run_id=run_id)
            if RunKind(run.kind) is not RunKind.REHEARSAL:
                raise UserError("runs.not_rehearsal", run_id=run_id)
            session.execute(delete(TimerEventRow).where(col(TimerEventRow.run_id) == run_id))
            session.delete(run)


# --- helpers ------------------------------------------------------------------------------------------------------
def _set_status(show: Show, status: ShowStatus, now: datetime) -> None:
    """As Shows.set_status does it: a change is a new version of the show (an editor open on the old one notices)."""
    if show.status != status:
        show.status = status
        show.version += 1
        show.updated_at = now


def _snapshot(row: Segment) -> RunSegment:
    return RunSegment(
        segment_id=row.id,
        title=row.title,
        planned_seconds=row.planned_seconds,
        warn_at=row.warn_seconds,
        danger_at=row.danger_seconds,
        kind=SegmentKind(row.kind),
        flash_sale_seconds=row.flash_sale_seconds,
    )


def _dump_segments(segments: Sequence[RunSegment]) -> str:
    return json.dumps(
        [
            {
                "segment_id": s.segment_id,
                "title": s.title,
                "planned_seconds": s.planned_seconds,
                "warn_at": s.warn_at,
                "danger_at": s.danger_at,
                "kind": s.kind.value,
                "flash_sale_seconds": s.flash_sale_seconds,
            }
            for s in segments
        ],
        ensure_ascii=False,
    )


def _load_segments(text: str) -> tuple[RunSegment, ...]:
    """The snapshot back; ``kind`` and ``flash_sale_seconds`` may be missing (the schema's first description)."""
    return tuple(
        RunSegment(
            segment_id=item.get("segment_id"),
            title=str(item["title"]),
            planned_seconds=int(item["planned_seconds"]),
            warn_at=int(item["warn_at"]),
            danger_at=int(item["danger_at"]),
            kind=SegmentKind(item.get("kind", SegmentKind.PITCH.value)),
            flash_sale_seconds=item.get("flash_sale_seconds"),
        )
        for item in json.loads(text)
    )


def _planned(segments: Sequence[RunSegment]) -> tuple[PlannedSegment, ...]:
    return tuple(PlannedSegment(s.title, s.planned_seconds, warn_at=s.warn_at, danger_at=s.danger_at) for s in segments)


def _summary(run: ShowRun, title: str) -> RunSummary:
    assert run.id is not None  # read from the database
    return RunSummary(
        id=run.id,
        show_id=run.show_id,
        show_title=title,
        kind=RunKind(run.kind),
        started_at=run.started_at,
        finished_at=run.finished_at,
    )


def whole_seconds(seconds: float) -> int:
    """Rounded half away from zero (Python's round() would send 0.5 and 2.5 to the even neighbour)."""
    return int(math.copysign(math.floor(abs(seconds) + 0.5), seconds))


def format_duration(seconds: int) -> str:
    """m:ss with minutes past 59 kept (75:00); negative with a typographic minus (−0:30)."""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{MINUS if seconds < 0 else ''}{minutes}:{rest:02d}"


def _csv_cells(row: PlannedActualRow, neutralise: Callable[[str], str]) -> list[str]:
    actual = whole_seconds(row.actual_seconds)
    over_under = actual - row.adjusted_seconds  # from the rounded actual, so the columns add up
    return [
        str(row.index + 1),
        neutralise(row.title),
        row.kind.value,
        str(row.planned_seconds),
        format_duration(row.planned_seconds),
        str(row.adjusted_seconds),
        format_duration(row.adjusted_seconds),
        str(actual),
        format_duration(actual),
        str(over_under),
        format_duration(over_under),
        "1" if row.visited else "0",
    ]
