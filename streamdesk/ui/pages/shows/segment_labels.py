"""Names of segment kinds, and durations typed as m:ss (context "SegmentLabels").

Show-level names and durations ("1 h 30 min") are in labels.py; a rundown counts minutes and seconds and shows
them with core.rundown.duration_text ("75:00"), like its CSV files and messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta

from streamdesk.core.local_time import aware_local
from streamdesk.core.show_types import Conflict, SegmentKind, SegmentRow
from streamdesk.labels import segment_kind_name
from streamdesk.messages import render

kind_name = segment_kind_name  # the editor's and the live page's name for it

SEGMENT_KINDS: tuple[SegmentKind, ...] = tuple(SegmentKind)  # the order the kind combo offers them in


def parse_duration(text: str) -> int | None:
    """Seconds from "m:ss", "h:mm:ss" or a whole number of minutes ("5" is five minutes); None when unreadable.

    Full-width colons (typed with a Chinese input method) count as colons.
    """
    cleaned = text.strip().replace("：", ":")
    if not cleaned:
        return None
    parts = cleaned.split(":")
    if len(parts) > 3 or not all(part.isdigit() and part.isascii() for part in parts):
        return None
    numbers = [int(part) for part in parts]
    if len(numbers) == 1:
        return numbers[0] * 60
    if any(number >= 60 for number in numbers[1:]):
        return None
    total = 0
    for number in numbers:
        total = total * 60 + number
    return total


def format_clock(moment: datetime) -> str:
    """Local wall-clock time of an aware datetime, "20:05"."""
    return moment.astimezone().strftime("%H:%M")


def parse_clock(text: str) -> tuple[int, int] | None:
    """(hour, minute) from "20:00", "8:05" or "2000"; None when it is not a time of day."""
    cleaned = text.strip().replace("：", ":")
    if ":" in cleaned:
        hour_text, _, minute_text = cleaned.partition(":")
    elif len(cleaned) in (3, 4):
        hour_text, minute_text = cleaned[:-2], cleaned[-2:]
    else:
        return None
    if not (hour_text.isdigit() and minute_text.isdigit() and hour_text.isascii() and minute_text.isascii()):
        return None
    hour, minute = int(hour_text), int(minute_text)
    if hour > 23 or minute > 59 or len(minute_text) != 2:
        return None
    return hour, minute


def fixed_start_on_show_day(hour: int, minute: int, planned_start: datetime) -> datetime:
    """The aware moment of a local clock time during a show: on the show's local date, or the next day when that
    is more than 12 hours before the start (a 23:00 show's flash sale "at 00:30" is after midnight). A time the
    clocks skip that day raises SkippedLocalTime; a repeated one is its first occurrence (core/local_time.py)."""
    local_start = planned_start.astimezone().replace(tzinfo=None)
    moment = datetime.combine(local_start.date(), time(hour, minute))
    if local_start - moment > timedelta(hours=12):
        moment += timedelta(days=1)
    return aware_local(moment)  # a naive time is taken as local: the offset of that date, summer time included


def conflict_text(conflict: Conflict, segments: Sequence[SegmentRow]) -> str:
    """The sentence for a rundown conflict (messages.py renders its code); the segment's number and title and
    the fixed start as a local clock time are there for messages that want them."""
    fields: dict[str, object] = {}
    if conflict.segment is not None and 0 <= conflict.segment < len(segments):
        fields = {"number": conflict.segment + 1, "title": segments[conflict.segment].title}
    fixed_start = conflict.fields.get("fixed_start")
    if isinstance(fixed_start, datetime):
        fields["fixed_start_text"] = format_clock(fixed_start)
    fields.update(conflict.fields)
    return render(conflict.code, fields)
