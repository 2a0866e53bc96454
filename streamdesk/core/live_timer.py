"""The live show timer: a state machine over an append-only event log, driven by an injected clock (no Qt).

Every command is checked against the current state, appended as a TimerEvent (handed to ``on_event`` so the caller
can commit it at once) and answered with a TimerState. ``state()`` is a pure fold over the events and ``clock()``:
nothing accumulates per tick, so nothing drifts, and replaying the events after a crash puts the show exactly where
the clock says it is.

Times are float seconds on the injected clock. In production that clock is wall time at start plus the monotonic
delta (steady through NTP jumps, comparable across restarts); in tests it is a number moved by hand.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from streamdesk.core.errors import UserError


class ShowClock:
    """The timer's clock in production: wall time when the app started plus the monotonic time since.

    Monotonic time alone restarts from an arbitrary origin with every process, so events from before a crash could
    not be compared with now; wall time alone jumps when NTP corrects it mid-show. Anchoring once gives seconds that
    are steady within a run and comparable across restarts (off only by the wall clock's own error at start).
    """

    def __init__(self, wall: Callable[[], float] = time.time, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._wall_at_start = wall()
        self._monotonic_at_start = monotonic()

    def __call__(self) -> float:
        return self._wall_at_start + (self._monotonic() - self._monotonic_at_start)


class Phase(StrEnum):
    READY = "ready"  # not started yet
    NORMAL = "normal"
    WARNING = "warning"
    DANGER = "danger"
    OVERTIME = "overtime"  # the segment's time is up; the clock counts up
    FINISHED = "finished"


class TimerEventKind(StrEnum):
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    NEXT = "next"
    PREVIOUS = "previous"
    JUMP = "jump"
    ADJUST = "adjust"  # add (or remove) time to the current segment
    FINISH = "finish"


@dataclass(frozen=True, slots=True)
class PlannedSegment:
    title: str
    planned_seconds: int
    warn_at: int = 120  # seconds remaining when the warning colour starts
    danger_at: int = 60


@dataclass(frozen=True, slots=True)
class TimerEvent:
    kind: TimerEventKind
    at: float  # clock seconds
    segment: int | None = None  # JUMP: the target index
    seconds: int = 0  # ADJUST: signed seconds added to the current segment


@dataclass(frozen=True, slots=True)
class SegmentResult:
    """Planned against actual for one segment; ``actual`` counts running time only (pauses excluded)."""

    index: int
    planned: int  # planned seconds plus any time added live
    actual: float
    visited: bool


@dataclass(frozen=True, slots=True)
class TimerState:
    phase: Phase
    running: bool  # False before the start, while paused and after the finish
    segment: int  # index of the current segment (0 before the start)
    elapsed: float  # running time in the current segment
    remaining: float  # planned (with adjustments) minus elapsed; negative in overtime
    over_by: float  # how far the current segment is past its time (0 unless overtime)
    show_elapsed: float  # running time of the whole show
    over_under: float  # ahead (−) or behind (+) schedule: finished segments' overruns plus the current overtime
    projected_end: float  # clock seconds when the show ends if every later segment runs to plan
    planned_starts: tuple[float, ...]  # back-timed offsets of each segment from the show start (plan only)
    segments: tuple[SegmentResult, ...]


@dataclass
class _Fold:
    """Running totals while replaying the log; lives only inside state()."""

    started: bool = False
    finished: bool = False
    running: bool = False
    segment: int = 0
    mark: float = 0.0  # clock time since which the current segment has been running
    finished_at: float = 0.0


class LiveTimer:
    def __init__(
        self,
        segments: Sequence[PlannedSegment],
        events: Sequence[TimerEvent] = (),
        *,
        clock: Callable[[], float],
        on_event: Callable[[TimerEvent], None] | None = None,
    ) -> None:
        if not segments:
            raise UserError("timer.no_segments")
        self.segments = tuple(segments)
        self._events = list(events)
        self._clock = clock
        self._on_event = on_event

    @classmethod
    def replay(
        cls,
        segments: Sequence[PlannedSegment],
        events: Sequence[TimerEvent],
        *,
        clock: Callable[[], float],
        on_event: Callable[[TimerEvent], None] | None = None,
    ) -> LiveTimer:
        """Rebuild a timer from its persisted events (after a restart or a crash)."""
        return cls(segments, events, clock=clock, on_event=on_event)

    def events(self) -> tuple[TimerEvent, ...]:
        return tuple(self._events)

    def absorb(self, events: Sequence[TimerEvent]) -> TimerState:
        """Take in events another window recorded (a follower's mirror of a run driven elsewhere): appended as they
        are, unchecked and without ``on_event``, since the driver already checked and stored them."""
        self._events.extend(events)
        return self.state()

    # --- commands ---------------------------------------------------------------------------------------------
    def start(self) -> TimerState:
        fold = self._fold()[0]
        if fold.started:
            raise UserError("timer.already_started")
        return self._append(TimerEvent(TimerEventKind.START, self._clock()))

    def pause(self) -> TimerState:
        fold = self._require_live()
        if not fold.running:
            raise UserError("timer.not_running")
        return self._append(TimerEvent(TimerEventKind.PAUSE, self._clock()))

    def resume(self) -> TimerState:
        fold = self._require_live()
        if fold.running:
            raise UserError("timer.not_paused")
        return self._append(TimerEvent(TimerEventKind.RESUME, self._clock()))

    def toggle(self) -> TimerState:
        """Space on a clicker: start, pause or resume, whichever fits."""
        fold = self._fold()[0]
        if not fold.started:
            return self.start()
        return self.pause() if fold.running else self.resume()

    def next(self) -> TimerState:
        fold = self._require_live()
        if fold.segment + 1 >= len(self.segments):
            raise UserError("timer.no_next_segment")
        return self._append(TimerEvent(TimerEventKind.NEXT, self._clock()))

    def previous(self) -> TimerState:
        fold = self._require_live()
        if fold.segment == 0:
            raise UserError("timer.no_previous_segment")
        return self._append(TimerEvent(TimerEventKind.PREVIOUS, self._clock()))

    def jump(self, index: int) -> TimerState:
        self._require_live()
        if not 0 <= index < len(self.segments):
            raise UserError("timer.no_such_segment", number=index + 1)
        return self._append(TimerEvent(TimerEventKind.JUMP, self._clock(), segment=index))

    def adjust(self, seconds: int) -> TimerState:
        """Add time to the current segment (negative removes it; its plan never drops below zero)."""
        self._require_live()
        if seconds == 0:
            raise UserError("timer.zero_adjustment")
        return self._append(TimerEvent(TimerEventKind.ADJUST, self._clock(), seconds=seconds))

    def finish(self) -> TimerState:
        self._require_live()
        return self._append(TimerEvent(TimerEventKind.FINISH, self._clock()))

    # --- the fold ---------------------------------------------------------------------------------------------
    def state(self) -> TimerState:
        fold, elapsed, planned = self._fold()
        now = fold.finished_at if fold.finished else self._clock()
        if fold.running:
            elapsed[fold.segment] += now - fold.mark
        current = fold.segment
        remaining = planned[current] - elapsed[current]
        visited = {index for index, seconds in enumerate(elapsed) if seconds > 0} | (
            {current} if fold.started else set()
        )
        left_behind = sum(elapsed[i] - planned[i] for i in visited if i != current)
        over_by = max(0.0, -remaining)
        later = sum(planned[i] for i in range(current + 1, len(self.segments)))
        projected_end = now + (0.0 if fold.finished else max(remaining, 0.0) + later)
        starts, offset = [], 0.0
        for segment in self.segments:
            starts.append(offset)
            offset += segment.planned_seconds
        return TimerState(
            phase=self._phase(fold, current, remaining),
            running=fold.running,
            segment=current,
            elapsed=elapsed[current],
            remaining=remaining,
            over_by=over_by,
            show_elapsed=sum(elapsed),
            over_under=left_behind + over_by,
            projected_end=projected_end,
            planned_starts=tuple(starts),
            segments=tuple(
                SegmentResult(index=i, planned=planned[i], actual=elapsed[i], visited=i in visited)
                for i in range(len(self.segments))
            ),
        )

    def _phase(self, fold: _Fold, current: int, remaining: float) -> Phase:
        if fold.finished:
            return Phase.FINISHED
        if not fold.started:
            return Phase.READY
        segment = self.segments[current]
        if remaining <= 0:
            return Phase.OVERTIME
        if remaining <= segment.danger_at:
            return Phase.DANGER
        if remaining <= segment.warn_at:
            return Phase.WARNING
        return Phase.NORMAL

    def _fold(self) -> tuple[_Fold, list[float], list[int]]:
        fold = _Fold()
        elapsed = [0.0] * len(self.segments)
        planned = [segment.planned_seconds for segment in self.segments]
        for event in self._events:
            if fold.running:  # the current segment ran from the last mark until this event
                elapsed[fold.segment] += event.at - fold.mark
            fold.mark = event.at
            kind = event.kind
            if kind is TimerEventKind.START:
                fold.started = fold.running = True
            elif kind is TimerEventKind.PAUSE:
                fold.running = False
            elif kind is TimerEventKind.RESUME:
                fold.running = True
            elif kind is TimerEventKind.NEXT:
                fold.segment += 1
            elif kind is TimerEventKind.PREVIOUS:
                fold.segment -= 1
            elif kind is TimerEventKind.JUMP and event.segment is not None:
                fold.segment = event.segment
            elif kind is TimerEventKind.ADJUST:
                planned[fold.segment] = max(0, planned[fold.segment] + event.seconds)
            elif kind is TimerEventKind.FINISH:
                fold.finished, fold.running, fold.finished_at = True, False, event.at
        return fold, elapsed, planned

    def _require_live(self) -> _Fold:
        fold = self._fold()[0]
        if not fold.started:
            raise UserError("timer.not_started")
        if fold.finished:
            raise UserError("timer.finished")
        return fold

    def _append(self, event: TimerEvent) -> TimerState:
        if self._on_event is not None:
            self._on_event(event)  # persisted (committed) before the timer acts on it
        self._events.append(event)
        return self.state()
