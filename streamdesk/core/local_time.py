"""Wall-clock times typed by the seller (a fixed start "02:30", a date and time without an offset) as aware times.

On a day the clocks change, a wall-clock time can be missing or doubled. Python resolves both silently: a naive
``astimezone()`` moves a skipped 02:30 (Europe/Berlin, last Sunday of March) back to 01:30, a ``ZoneInfo`` reads it
as 03:30. Neither is what the seller wrote, so a skipped time is refused (``SkippedLocalTime``, a ValueError, with
the date for the message) and the caller says so. A repeated time (the hour after the clocks go back) is read as
its first occurrence, the one the clock shows first; exports write the second one with its UTC offset
(rundown_cells.format_fixed_start), so a round trip keeps it. Zones with a 30-minute change (Australia/Lord_Howe)
and odd offsets (Pacific/Chatham, +12:45/+13:45) are handled alike: nothing here assumes whole hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo


class SkippedLocalTime(ValueError):
    """The wall-clock time does not exist in the zone: the clocks jump over it."""

    def __init__(self, wall: datetime) -> None:
        super().__init__(wall.isoformat(sep=" ", timespec="minutes"))
        self.wall = wall

    @property
    def day(self) -> date:
        return self.wall.date()


def _attach(wall: datetime, zone: tzinfo | None, fold: int) -> datetime:
    candidate = wall.replace(fold=fold)
    return candidate.replace(tzinfo=zone) if zone is not None else candidate.astimezone()


def _wall_of(moment: datetime, zone: tzinfo | None) -> datetime:
    instant = moment.astimezone(UTC)  # through UTC: astimezone() to a datetime's own tzinfo changes nothing
    shown = instant.astimezone(zone) if zone is not None else instant.astimezone()
    return shown.replace(tzinfo=None, fold=0)


def aware_local(wall: datetime, zone: tzinfo | None = None) -> datetime:
    """The aware time at which a clock in ``zone`` (None: the computer's zone) shows ``wall`` (naive).

    A repeated wall time gives its first occurrence; a skipped one raises SkippedLocalTime. An aware ``wall`` is
    returned unchanged.
    """
    if wall.tzinfo is not None:
        return wall
    plain = wall.replace(fold=0)
    for fold in (0, 1):
        candidate = _attach(plain, zone, fold)
        if _wall_of(candidate, zone) == plain:
            return candidate
    raise SkippedLocalTime(plain)


def is_repeated(wall: datetime, zone: tzinfo | None = None) -> bool:
    """True when the clocks show the naive ``wall`` twice (the hour after they go back)."""
    plain = wall.replace(tzinfo=None, fold=0)
    first, second = _attach(plain, zone, 0), _attach(plain, zone, 1)
    return (
        first.utcoffset() != second.utcoffset() and _wall_of(first, zone) == plain and _wall_of(second, zone) == plain
    )


@dataclass(frozen=True, slots=True)
class ClockChange:
    """A change of the zone's UTC offset: at ``at`` (UTC) the clocks showing ``wall_from`` jump to ``wall_to``."""

    at: datetime
    wall_from: datetime  # naive local time just before the change (02:00 on a spring morning in Berlin)
    wall_to: datetime  # naive local time right after it (03:00)

    @property
    def forward(self) -> bool:
        return self.wall_to > self.wall_from


_STEP = timedelta(minutes=15)  # every real change falls on a quarter hour (Chatham changes at 02:45)


def clock_change_on(day: date, zone: tzinfo | None = None) -> ClockChange | None:
    """The clock change on the local date ``day`` in ``zone`` (None: the computer's zone), or None."""

    def offset(moment: datetime) -> timedelta | None:
        return (moment.astimezone(zone) if zone is not None else moment.astimezone()).utcoffset()

    moment = datetime.combine(day, time.min, tzinfo=UTC) - timedelta(hours=15)  # midnight in UTC+14 and earlier
    previous = offset(moment)
    for _ in range(int(timedelta(hours=43) / _STEP)):  # until the day has ended in UTC-12 too
        moment += _STEP
        current = offset(moment)
        if current != previous and current is not None and previous is not None:
            wall_from = (moment + previous).replace(tzinfo=None)
            if wall_from.date() == day or (moment + current).date() == day:
                return ClockChange(moment, wall_from, (moment + current).replace(tzinfo=None))
        previous = current
    return None
