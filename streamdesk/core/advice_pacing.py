"""Advice from history, segment pacing (issue 12): how long each kind of segment really takes this seller against
its plan, from the live timer's log of past streamed shows, and the warnings a rundown being edited earns.

Per SegmentKind, over the segments that ran with a planned time above zero: n, median planned, median actual and
median actual ÷ planned (each segment's own ratio, then the median). The whole show likewise, per show: its
segments' planned seconds added up against its finished live runs' START to FINISH. ``check_rundown`` applies the
seller's habit to a rundown: a segment of a kind whose median ratio lies outside [RATIO_LOW, RATIO_HIGH] with at
least MIN_SEGMENTS behind it is expected to take planned × ratio, and is warned about; the show's total likewise
with MIN_SHOWS shows. Definitions: docs/FORMATS.md "Advice from history: definitions". No Qt, no user strings.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from streamdesk.core.advice_history import StreamedShow, streamed_shows
from streamdesk.models.base import SegmentKind

if TYPE_CHECKING:
    from streamdesk.config import ReviewSettings
    from streamdesk.db import SessionFactory

MIN_SEGMENTS = 3  # a kind's habit counts from this many segments that ran
MIN_SHOWS = 3  # the whole show's habit counts from this many streamed shows
RATIO_LOW = 0.67  # actual ÷ planned below this: the plan is much too long
RATIO_HIGH = 1.5  # above this: much too short
SHOW_KEY = "pacing:show"


def kind_key(kind: SegmentKind) -> str:
    """The stable key of a kind's warning, e.g. ``pacing:opening`` (what a dismissal remembers)."""
    return f"pacing:{kind.value}"


@dataclass(frozen=True, slots=True)
class KindPacing:
    """How one kind of segment ran: medians over the ``n`` segments of that kind that ran with a plan."""

    kind: SegmentKind
    n: int
    median_planned_seconds: float
    median_actual_seconds: float
    median_ratio: float  # median of each segment's actual ÷ planned
    show_ids: tuple[int, ...]  # the shows they ran in, each once, oldest first


@dataclass(frozen=True, slots=True)
class ShowPacing:
    """How whole shows ran against their rundowns: medians over ``n`` streamed shows with a planned total."""

    n: int
    median_planned_seconds: float
    median_actual_seconds: float
    median_ratio: float
    show_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PacingAdvice:
    shows_found: int  # streamed shows read
    kinds: tuple[KindPacing, ...]  # in SegmentKind order; kinds that never ran with a plan are left out
    show: ShowPacing | None  # None: no streamed show had a planned total

    def of(self, kind: SegmentKind) -> KindPacing | None:
        return next((k for k in self.kinds if k.kind is kind), None)


@dataclass(frozen=True, slots=True)
class PacingWarning:
    """A rundown's segment (or, with ``segment_id`` and ``kind`` None, the whole show) planned far from what this
    seller's history says it will take."""

    key: str  # kind_key(kind), or SHOW_KEY
    segment_id: int | None
    kind: SegmentKind | None
    title: str  # the segment's title; "" for the whole show
    planned_seconds: int
    expected_seconds: int  # planned × ratio, rounded
    ratio: float  # the history's median actual ÷ planned
    n: int  # segments (or shows) behind the ratio


def pacing_advice(
    sessions: SessionFactory, settings: ReviewSettings, *, shows: Sequence[StreamedShow] | None = None
) -> PacingAdvice:
    """The pacing of every streamed show (one read transaction, none when the caller passes the ``shows`` it
    read). ``settings`` is the review's; pacing needs none of its figures yet, and takes it so that every advice
    reader is called alike."""
    del settings
    if shows is None:
        with sessions() as session, session.begin():
            shows = streamed_shows(session)
    return advise_pacing(shows)


def advise_pacing(shows: Sequence[StreamedShow]) -> PacingAdvice:
    """The pacing figures from already read shows (pure)."""
    by_kind: dict[SegmentKind, list[tuple[int, float, float]]] = {}
    for show in shows:
        for segment in show.segments:
            if segment.planned_seconds > 0:
                by_kind.setdefault(segment.kind, []).append(
                    (show.show_id, float(segment.planned_seconds), segment.actual_seconds)
                )
    kinds = tuple(_kind_pacing(kind, by_kind[kind]) for kind in SegmentKind if kind in by_kind)
    planned_shows = [(s.show_id, float(s.planned_seconds), s.actual_seconds) for s in shows if s.planned_seconds > 0]
    whole = None
    if planned_shows:
        planned, actual, ratio = _medians(planned_shows)
        whole = ShowPacing(len(planned_shows), planned, actual, ratio, tuple(s[0] for s in planned_shows))
    return PacingAdvice(shows_found=len(shows), kinds=kinds, show=whole)


def _kind_pacing(kind: SegmentKind, rows: list[tuple[int, float, float]]) -> KindPacing:
    planned, actual, ratio = _medians(rows)
    show_ids = tuple(dict.fromkeys(row[0] for row in rows))
    return KindPacing(kind, len(rows), planned, actual, ratio, show_ids)


def _medians(rows: Sequence[tuple[int, float, float]]) -> tuple[float, float, float]:
    """(median planned, median actual, median actual ÷ planned) of (show id, planned > 0, actual) rows."""
    return (
        statistics.median(row[1] for row in rows),
        statistics.median(row[2] for row in rows),
        statistics.median(row[2] / row[1] for row in rows),
    )


def far_off(ratio: float) -> bool:
    """A habit worth a warning: actual ÷ planned outside [RATIO_LOW, RATIO_HIGH]."""
    return ratio < RATIO_LOW or ratio > RATIO_HIGH


def check_rundown(
    pacing: PacingAdvice, segments: Sequence[tuple[int | None, SegmentKind, str, int]]
) -> tuple[PacingWarning, ...]:
    """Warnings for a rundown being edited, given as (segment id, kind, title, planned seconds) in order: one per
    segment whose kind's habit is far off (segments planned at 0 s are skipped), then one for the whole show."""
    warnings = []
    for segment_id, kind, title, planned in segments:
        habit = pacing.of(kind)
        if planned <= 0 or habit is None or habit.n < MIN_SEGMENTS or not far_off(habit.median_ratio):
            continue
        expected = round(planned * habit.median_ratio)
        warnings.append(
            PacingWarning(kind_key(kind), segment_id, kind, title, planned, expected, habit.median_ratio, habit.n)
        )
    total = sum(max(s[3], 0) for s in segments)
    whole = pacing.show
    if total > 0 and whole is not None and whole.n >= MIN_SHOWS and far_off(whole.median_ratio):
        expected = round(total * whole.median_ratio)
        warnings.append(PacingWarning(SHOW_KEY, None, None, "", total, expected, whole.median_ratio, whole.n))
    return tuple(warnings)
