"""Back-timing of a rundown and its conflicts: pure functions over segments (no database, no Qt).

Every segment starts when the one before it ends, counted in whole seconds from the show's planned start. A
segment with a fixed start (a flash sale announced for 20:00) waits for it when the segments before it end early
(``wait_seconds``) and is a conflict when they end late: it cannot start on time. Without a planned start the
offsets are still computed, but no wall-clock time and no fixed-start check can be.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

from streamdesk.core.show_types import Conflict, ConflictCode, SegmentInput, SegmentRow, SegmentTiming


def duration_text(seconds: int) -> str:
    """Seconds as "m:ss" (minutes unbounded, e.g. "75:00"), the way rundowns and messages show durations."""
    sign = "-" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes}:{rest:02d}"


def fixed_offset(planned_start: datetime, fixed_start: datetime) -> int:
    """Whole seconds from the show's start to a fixed start (rounded up: a segment never starts early)."""
    return math.ceil((fixed_start - planned_start).total_seconds())


def compute_timings(
    planned_start: datetime | None,
    planned_seconds: int,
    segments: Sequence[SegmentRow | SegmentInput],
) -> tuple[tuple[SegmentTiming, ...], int, tuple[Conflict, ...]]:
    """(timing per segment, total seconds including waits, conflicts) for a rundown in this order.

    ``planned_seconds`` is the show's planned duration (0 = not set: no over-planned check). Conflicts come in
    rundown order, the show-wide OVER_PLANNED last. Product conflicts (out of stock, archived) need the live
    figures a SegmentRow carries; a SegmentInput has none, so it gets only the timing conflicts.
    """
    timings: list[SegmentTiming] = []
    conflicts: list[Conflict] = []
    offset = 0
    for index, segment in enumerate(segments):
        wait = 0
        if segment.fixed_start is not None and planned_start is not None:
            wanted = fixed_offset(planned_start, segment.fixed_start)
            if wanted > offset:
                wait = wanted - offset
                offset = wanted
            elif wanted < offset:
                late_by = offset - wanted
                conflicts.append(
                    Conflict(
                        ConflictCode.FIXED_START_UNREACHABLE,
                        index,
                        {
                            "title": segment.title,
                            "late_by": late_by,
                            "late_by_text": duration_text(late_by),
                            "fixed_start": segment.fixed_start,
                        },
                    )
                )
        start = None if planned_start is None else planned_start + timedelta(seconds=offset)
        end = None if start is None else start + timedelta(seconds=segment.planned_seconds)
        timings.append(SegmentTiming(index, offset, start, end, wait))
        offset += segment.planned_seconds
        if segment.planned_seconds == 0:
            conflicts.append(Conflict(ConflictCode.EMPTY_DURATION, index, {"title": segment.title}))
        if isinstance(segment, SegmentRow):
            conflicts.extend(_product_conflicts(index, segment))
    if planned_seconds > 0 and offset > planned_seconds:
        over_by = offset - planned_seconds
        conflicts.append(
            Conflict(
                ConflictCode.OVER_PLANNED,
                None,
                {
                    "over_by": over_by,
                    "over_by_text": duration_text(over_by),
                    "total_text": duration_text(offset),
                    "planned_text": duration_text(planned_seconds),
                },
            )
        )
    return tuple(timings), offset, tuple(conflicts)


def _product_conflicts(index: int, segment: SegmentRow) -> list[Conflict]:
    found: list[Conflict] = []
    for product in segment.products:
        fields = {"title": segment.title, "sku": product.sku_code, "product": product.product_title}
        if product.archived:
            found.append(Conflict(ConflictCode.ARCHIVED_PRODUCT, index, fields))
        if product.available <= 0:
            found.append(Conflict(ConflictCode.OUT_OF_STOCK, index, {**fields, "available": product.available}))
    return found
