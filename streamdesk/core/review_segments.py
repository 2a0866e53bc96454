"""Where a show's time went: segment bands on the review's time axis, the merged sample series, and which orders
and samples belong to which segment. Pure functions (no database, no Qt).

Bands come from the live runs' timer logs: a segment's band runs from the event that made it current (START, NEXT,
PREVIOUS, JUMP) to the event that left it (or FINISH), so a pause stays inside its segment, and a segment visited
twice has two bands. Timer seconds are turned into wall time by anchoring each run at its START event's recorded
UTC time (the timer clock is steady within a run; its origin is not UTC). A show without a live run gets planned
bands, back-timed from its planned start (core.rundown.compute_timings). Every offset is seconds from ``origin``.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from streamdesk.core.live_timer import LiveTimer, PlannedSegment, TimerEvent, TimerEventKind
from streamdesk.core.review_types import SERIES, Marker, SegmentBand, SegmentResult, Timeline
from streamdesk.core.rundown import compute_timings
from streamdesk.core.show_types import RunSegment, SegmentInput, SegmentKind

NAN = math.nan
_CHANGES = (TimerEventKind.NEXT, TimerEventKind.PREVIOUS, TimerEventKind.JUMP)


@dataclass(frozen=True, slots=True)
class RunLog:
    """A live run as the review needs it: its rundown snapshot, its events and its START's wall time (UTC)."""

    segments: tuple[RunSegment, ...]
    events: tuple[TimerEvent, ...]
    started: datetime


@dataclass(frozen=True, slots=True)
class PlannedRow:
    """A segment of the show's current rundown (for planned bands)."""

    segment_id: int
    kind: SegmentKind
    title: str
    planned_seconds: int
    fixed_start: datetime | None


@dataclass(frozen=True, slots=True)
class OrderPoint:
    """One counted order of the show, for the timeline and segment attribution."""

    created_at: datetime
    segment_id: int | None
    amount_minor: int
    units: int


def seconds_between(origin: datetime, at: datetime) -> float:
    return (at - origin).total_seconds()


# --- bands ----------------------------------------------------------------------------------------------------
def timer_bands(runs: Sequence[RunLog], origin: datetime, now: datetime) -> tuple[SegmentBand, ...]:
    """One band per visit of a segment, over every live run, in time order."""
    bands: list[SegmentBand] = []
    for run in runs:
        bands.extend(_run_bands(run, origin, now))
    return tuple(bands)


def _run_bands(run: RunLog, origin: datetime, now: datetime) -> list[SegmentBand]:
    start_event = next((e for e in run.events if e.kind is TimerEventKind.START), None)
    if start_event is None or not run.segments:
        return []
    shift = seconds_between(origin, run.started) - start_event.at  # timer seconds → offset from origin
    visits: list[tuple[int, float, float]] = []
    current: int | None = None
    since = 0.0
    for event in run.events:
        kind = event.kind
        if kind is TimerEventKind.START:
            current, since = 0, event.at
        elif current is None:
            continue
        elif kind in _CHANGES:
            target = _target(kind, current, event.segment)
            if target != current:
                visits.append((current, since, event.at))
                current, since = target, event.at
        elif kind is TimerEventKind.FINISH:
            visits.append((current, since, event.at))
            current = None
    if current is not None:  # never finished: the open segment is drawn to its plan's end, or now if sooner
        planned = LiveTimer.replay(_planned(run.segments), run.events, clock=lambda: run.events[-1].at).state()
        now_at = seconds_between(origin, now) - shift
        end = max(run.events[-1].at, min(now_at, since + planned.segments[current].planned))
        visits.append((current, since, end))
    bands = []
    for index, begin, end in visits:
        if end <= begin or not 0 <= index < len(run.segments):
            continue
        segment = run.segments[index]
        bands.append(
            SegmentBand(
                segment_id=segment.segment_id,
                index=index,
                title=segment.title,
                kind=segment.kind,
                start_seconds=begin + shift,
                end_seconds=end + shift,
                from_timer=True,
            )
        )
    return bands


def _target(kind: TimerEventKind, current: int, jump: int | None) -> int:
    if kind is TimerEventKind.NEXT:
        return current + 1
    if kind is TimerEventKind.PREVIOUS:
        return current - 1
    return current if jump is None else jump


def _planned(segments: Sequence[RunSegment]) -> tuple[PlannedSegment, ...]:
    return tuple(PlannedSegment(s.title, s.planned_seconds, warn_at=s.warn_at, danger_at=s.danger_at) for s in segments)


def planned_bands(
    rundown: Sequence[PlannedRow], planned_start: datetime | None, origin: datetime | None
) -> tuple[SegmentBand, ...]:
    """The rundown back-timed from the planned start (fixed starts respected), placed on the origin's axis."""
    inputs = [
        SegmentInput(kind=r.kind, title=r.title, planned_seconds=r.planned_seconds, fixed_start=r.fixed_start)
        for r in rundown
    ]
    timings, _, _ = compute_timings(planned_start, 0, inputs)
    shift = seconds_between(origin, planned_start) if origin is not None and planned_start is not None else 0.0
    return tuple(
        SegmentBand(
            segment_id=row.segment_id,
            index=index,
            title=row.title,
            kind=row.kind,
            start_seconds=timing.offset_seconds + shift,
            end_seconds=timing.offset_seconds + row.planned_seconds + shift,
            from_timer=False,
        )
        for index, (row, timing) in enumerate(zip(rundown, timings, strict=True))
    )


# --- the timeline ---------------------------------------------------------------------------------------------
def order_buckets(
    orders: Sequence[OrderPoint], origin: datetime
) -> tuple[tuple[float, ...], tuple[int, ...], tuple[int, ...]]:
    """Orders per minute from origin (start of each minute that has orders): (minutes, counts, GMV)."""
    counts: dict[float, int] = {}
    amounts: dict[float, int] = {}
    for order in orders:
        minute = math.floor(seconds_between(origin, order.created_at) / 60) * 60.0
        counts[minute] = counts.get(minute, 0) + 1
        amounts[minute] = amounts.get(minute, 0) + order.amount_minor
    minutes = sorted(counts)
    return tuple(minutes), tuple(counts[m] for m in minutes), tuple(amounts[m] for m in minutes)


def markers(
    bands: Sequence[SegmentBand], draws: Sequence[tuple[datetime, str]], origin: datetime | None
) -> tuple[Marker, ...]:
    """Flash-sale and giveaway segments at their band's start; lucky draws when they were drawn."""
    found = [
        Marker(band.start_seconds, "flash_sale" if band.kind is SegmentKind.FLASH_SALE else "giveaway", band.title)
        for band in bands
        if band.kind in (SegmentKind.FLASH_SALE, SegmentKind.GIVEAWAY)
    ]
    if origin is not None:
        found.extend(Marker(seconds_between(origin, at), "lucky_draw", prize) for at, prize in draws)
    return tuple(sorted(found, key=lambda m: m.at_seconds))


def empty_timeline(origin: datetime | None, bands: tuple[SegmentBand, ...], found: tuple[Marker, ...]) -> Timeline:
    return Timeline(
        origin=origin,
        seconds=(),
        series={name: () for name in SERIES},
        order_minutes=(),
        order_counts=(),
        order_gmv_minor=(),
        bands=bands,
        markers=found,
    )


# --- attribution ----------------------------------------------------------------------------------------------
def segment_results(
    bands: Sequence[SegmentBand],
    planned_seconds: Mapping[object, int],
    timeline: Timeline,
    orders: Sequence[OrderPoint],
    *,
    own_orders: bool,
) -> tuple[SegmentResult, ...]:
    """Per segment (its visits together; the first visit's band stands for it): orders by their segment when the
    order names one the bands know, else by time inside a band; samples by time inside a band.

    ``own_orders`` False (no order of the app in the show) takes orders and GMV from the samples instead; units
    are then 0, as the platforms' minute data does not count them.
    """
    keys = [_key(band) for band in bands]
    groups: dict[object, list[int]] = {}
    for position, key in enumerate(keys):
        groups.setdefault(key, []).append(position)
    by_segment_id = {band.segment_id: _key(band) for band in bands if band.segment_id is not None}
    starts = [band.start_seconds for band in bands]
    order_sums: dict[object, list[int]] = {key: [0, 0, 0] for key in groups}
    if own_orders and timeline.origin is not None:
        for order in orders:
            key = by_segment_id.get(order.segment_id) if order.segment_id is not None else None
            if key is None:
                holder = _band_at(bands, starts, seconds_between(timeline.origin, order.created_at))
                key = None if holder is None else keys[holder]
            if key is not None:
                sums = order_sums[key]
                sums[0], sums[1], sums[2] = sums[0] + 1, sums[1] + order.units, sums[2] + order.amount_minor
    sample_rows: dict[object, list[int]] = {key: [] for key in groups}
    for row, at in enumerate(timeline.seconds):
        holder = _band_at(bands, starts, at)
        if holder is not None:
            sample_rows[keys[holder]].append(row)
    results = []
    for key, positions in groups.items():
        band = bands[positions[0]]
        picked = sample_rows[key]
        views = _sum(timeline.series["views"], picked)
        if own_orders:
            count, units, gmv = order_sums[key]
        else:
            count, units, gmv = (
                (_sum(timeline.series["orders"], picked) or 0),
                0,
                _sum(timeline.series["gmv_minor"], picked) or 0,
            )
        online = [timeline.series["online"][row] for row in picked if not math.isnan(timeline.series["online"][row])]
        results.append(
            SegmentResult(
                band=band,
                planned_seconds=planned_seconds.get(key, 0),
                orders=count,
                units=units,
                gmv_minor=gmv,
                gpm_minor=None if not views else _half_up(gmv * 1000, views),
                views=views,
                average_online=sum(online) / len(online) if online else None,
                peak_online=int(max(online)) if online else None,
                new_followers=_sum(timeline.series["new_followers"], picked),
            )
        )
    return tuple(results)


def band_key(segment_id: int | None, index: int, title: str) -> object:
    """What makes two bands the same segment: its id, or for a snapshot without ids its place and title."""
    return segment_id if segment_id is not None else ("index", index, title)


def _key(band: SegmentBand) -> object:
    return band_key(band.segment_id, band.index, band.title)


def _band_at(bands: Sequence[SegmentBand], starts: Sequence[float], at: float) -> int | None:
    """The band holding ``at`` (start inclusive, end exclusive); bands do not overlap and are in time order."""
    position = bisect.bisect_right(starts, at) - 1
    if position >= 0 and at < bands[position].end_seconds:
        return position
    return None


def _sum(column: Sequence[float], rows: Sequence[int]) -> int | None:
    known = [column[row] for row in rows if not math.isnan(column[row])]
    return int(sum(known)) if known else None


def _half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)
