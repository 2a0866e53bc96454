"""What a typed cell does to a segment, and how rows reorder: pure functions behind the rundown model.

An edit returns the segment as it would become, or the sentence telling the user why the text cannot be read
(context "SegmentEdits"). Nothing here writes: the editor turns a changed segment into an undo command.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from streamdesk.core.local_time import SkippedLocalTime
from streamdesk.core.show_types import SegmentInput, SegmentKind
from streamdesk.ui.pages.shows.segment_labels import fixed_start_on_show_day, parse_clock, parse_duration


class SegmentField(StrEnum):
    """The segment fields edited in a table cell."""

    TITLE = "title"
    KIND = "kind"
    DURATION = "duration"
    FIXED_START = "fixed_start"
    CUE = "promotion_cue"
    THRESHOLDS = "thresholds"  # warn and danger together, "2:00 / 1:00"


def edited_segment(
    before: SegmentInput, field: SegmentField, value: object, planned_start: datetime | None
) -> SegmentInput | str:
    """``before`` with one field set from what was typed (or chosen); a sentence when it cannot be read.

    A fixed start is typed as a local clock time and lands on the show's day (``planned_start``).
    """
    text = "" if value is None else str(value)
    if field is SegmentField.TITLE:
        return replace(before, title=text.strip())
    if field is SegmentField.CUE:
        return replace(before, promotion_cue=text.strip())
    if field is SegmentField.KIND:
        try:
            return replace(before, kind=SegmentKind(text))
        except ValueError:
            return QCoreApplication.translate("SegmentEdits", "Choose one of the segment kinds in the list.")
    if field is SegmentField.DURATION:
        seconds = value if isinstance(value, int) else parse_duration(text)
        if seconds is None:
            return QCoreApplication.translate(
                "SegmentEdits", "“{text}” is not a duration. Type minutes and seconds, e.g. 4:30, or whole minutes."
            ).format(text=text)
        return replace(before, planned_seconds=seconds)
    if field is SegmentField.FIXED_START:
        return _with_fixed_start(before, value, text, planned_start)
    return _with_thresholds(before, text)


def _with_fixed_start(
    before: SegmentInput, value: object, text: str, planned_start: datetime | None
) -> SegmentInput | str:
    if isinstance(value, datetime):
        return replace(before, fixed_start=value)
    if not text.strip():
        return replace(before, fixed_start=None)
    if planned_start is None:
        return QCoreApplication.translate(
            "SegmentEdits",
            "This show has no planned start yet, so a segment cannot have a fixed start time. "
            "Set the show's start first.",
        )
    clock = parse_clock(text)
    if clock is None:
        return QCoreApplication.translate(
            "SegmentEdits", "“{text}” is not a time of day. Type it as hours and minutes, e.g. 20:00."
        ).format(text=text)
    try:
        moment = fixed_start_on_show_day(*clock, planned_start)
    except SkippedLocalTime as skipped:
        return QCoreApplication.translate(
            "SegmentEdits",
            "{text} does not exist on {date}: the clocks go forward over that time. Type a time outside the "
            "skipped hour.",
        ).format(text=text.strip(), date=skipped.day.isoformat())
    return replace(before, fixed_start=moment)


def _with_thresholds(before: SegmentInput, text: str) -> SegmentInput | str:
    parts = text.replace("／", "/").split("/")
    seconds = [parse_duration(part) for part in parts]
    if len(parts) != 2 or seconds[0] is None or seconds[1] is None:
        return QCoreApplication.translate(
            "SegmentEdits", "“{text}” is not two durations. Type the warning and danger times as 2:00 / 1:00."
        ).format(text=text)
    return replace(before, warn_seconds=seconds[0], danger_seconds=seconds[1])


def reordered(count: int, rows: Sequence[int], insert_before: int) -> list[int]:
    """The old row numbers in their new order after moving ``rows`` (kept in order) to before ``insert_before``."""
    moving = sorted(set(rows))
    staying = [row for row in range(count) if row not in moving]
    head = [row for row in staying if row < insert_before]
    return head + moving + [row for row in staying if row >= insert_before]


def moves_for(order: Sequence[int]) -> list[tuple[int, int]]:
    """(source, destination) single moves that turn 0..n-1 into ``order`` (old row numbers in their new order).

    Each move puts the right segment at the next position, so positions already settled never shift again.
    """
    current = list(range(len(order)))
    moves: list[tuple[int, int]] = []
    for position, wanted in enumerate(order):
        source = current.index(wanted)
        if source != position:
            current.insert(position, current.pop(source))
            moves.append((source, position))
    return moves
