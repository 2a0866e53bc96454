"""What the product and pacing advice read from past shows (issue 12): the streamed shows and, per show, the
segments that ran with their timer visits. No Qt; frozen dataclasses out.

A show counts as history by ``counted_runs``, the rule every advice uses: not a template, not cancelled, with at
least one live run whose timer was started and finished. Its segments are the live runs' timer bands (review_segments): a
segment's visits are added up, pauses included (a pause stays inside its segment), and a segment the timer never
made current did not run. Seconds are offsets from the show's first live run's start.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from streamdesk.core import review_detail, review_store
from streamdesk.core.review_segments import band_key, timer_bands
from streamdesk.models.base import Platform, SegmentKind, ShowStatus

if TYPE_CHECKING:
    from sqlmodel import Session

    from streamdesk.core.review_store import RunSpan, ShowRow


@dataclass(frozen=True, slots=True)
class RanSegment:
    """One segment of a streamed show that the timer made current at least once."""

    show_id: int
    segment_id: int | None  # None: a snapshot from before segments had ids
    kind: SegmentKind
    title: str
    planned_seconds: int  # as the run snapshotted it
    actual_seconds: float  # Σ of its visits
    visits: tuple[tuple[float, float], ...]  # (start, end) seconds from the show's start, in time order


@dataclass(frozen=True, slots=True)
class StreamedShow:
    show_id: int
    started_at: datetime  # the first live run's START, aware UTC
    planned_seconds: int  # Σ planned seconds of the segments its runs snapshotted (each segment once)
    actual_seconds: float  # Σ of its finished live runs, START to FINISH
    segments: tuple[RanSegment, ...]  # in the order they first ran


def counted_runs(
    session: Session, shows: Mapping[int, ShowRow], *, platform: Platform | None = None
) -> dict[int, list[RunSpan]]:
    """The one rule of which shows are history (the slot, product and pacing advice all use it): of ``shows``, those
    that are not templates, not cancelled (and stream on ``platform``, when given), with their finished live runs
    (started, FINISH after START), oldest first; shows in order of their first finished run's start."""
    runs = review_store.run_spans(session)
    chosen: list[tuple[datetime, int, list[RunSpan]]] = []
    for show_id, show in shows.items():
        if show.is_template or show.status is ShowStatus.CANCELLED:
            continue
        if platform is not None and platform not in show.platforms:
            continue
        finished = [run for run in runs.get(show_id, []) if run.seconds is not None and run.seconds > 0]
        if finished:
            chosen.append((finished[0].started, show_id, finished))
    return {show_id: finished for _, show_id, finished in sorted(chosen, key=lambda c: (c[0], c[1]))}


def finished_runs(session: Session) -> dict[int, list[float]]:
    """Per show that counts as history (``counted_runs``), the seconds of its finished live runs."""
    counted = counted_runs(session, review_store.show_rows(session))
    return {show_id: [run.seconds or 0.0 for run in runs] for show_id, runs in counted.items()}


def streamed_show_ids(session: Session) -> list[int]:
    """Ids of the shows that count as history, by first start."""
    return list(finished_runs(session))


def streamed_shows(session: Session, show_ids: Sequence[int] | None = None) -> tuple[StreamedShow, ...]:
    """The streamed shows (all of them, or those of ``show_ids`` that count) with the segments that ran."""
    finished = finished_runs(session)
    wanted = None if show_ids is None else set(show_ids)
    chosen = [show_id for show_id in finished if wanted is None or show_id in wanted]
    all_logs = review_detail.run_logs_of(session, chosen)  # two statements, not two per show
    found = []
    for show_id in chosen:
        run_seconds = finished[show_id]
        logs = all_logs.get(show_id, [])
        if not logs:
            continue
        origin = logs[0].started
        # ``now`` at the origin: an unfinished run's open segment then ends at its last event, never at the
        # moment the advice happens to be read (the advice must not move while nothing happens).
        bands = timer_bands(logs, origin, origin)
        planned: dict[object, tuple[int, SegmentKind, str, int | None]] = {}
        for log in logs:
            for index, segment in enumerate(log.segments):
                key = band_key(segment.segment_id, index, segment.title)
                planned.setdefault(key, (segment.planned_seconds, segment.kind, segment.title, segment.segment_id))
        visits: dict[object, list[tuple[float, float]]] = {}
        for band in bands:
            visits.setdefault(band_key(band.segment_id, band.index, band.title), []).append(
                (band.start_seconds, band.end_seconds)
            )
        segments = []
        for key, spans_of in visits.items():
            planned_seconds, kind, title, segment_id = planned[key]
            segments.append(
                RanSegment(
                    show_id=show_id,
                    segment_id=segment_id,
                    kind=kind,
                    title=title,
                    planned_seconds=planned_seconds,
                    actual_seconds=sum(end - begin for begin, end in spans_of),
                    visits=tuple(spans_of),
                )
            )
        found.append(
            StreamedShow(
                show_id=show_id,
                started_at=origin,
                planned_seconds=sum(p[0] for p in planned.values()),
                actual_seconds=float(sum(run_seconds)),
                segments=tuple(segments),
            )
        )
    return tuple(found)
