"""Reading a metrics file into a MetricsPlan (the import preview): nothing is written.

A trend file becomes samples (one per timestamp; a timestamp seen again is counted as a duplicate and the later
row wins), with the gaps between the first and last sample measured in the file's most common step. A summary
file becomes the show's totals on one platform; a list of several shows (TikTok LIVE list) gives the row whose
start is nearest the show's start, and the other rows are listed as left out.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken
from streamdesk.core.metrics_io.cells import is_total_row, parse_amount_cell, parse_count, parse_duration
from streamdesk.core.metrics_io.detect import MONEY_NAMES, file_currency, layout_for
from streamdesk.core.metrics_io.presets import Layout
from streamdesk.core.metrics_io.reading import RawTable
from streamdesk.core.metrics_io.store import ShowContext
from streamdesk.core.orders_io.cells import LOCAL_ZONE, blank, parse_datetime_in, zone
from streamdesk.core.review_types import SERIES, TOTAL_FIELDS, Gap, MetricsPlan, RowProblem, SampleInput, TotalsInput
from streamdesk.models.base import Platform

PREVIEW_ROWS = 20
_TIME_ONLY = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?")
_EPOCH = re.compile(r"\d{10}(?:\d{3})?")
_DURATIONS = frozenset({"duration_seconds", "average_watch_seconds"})
_AVERAGES = frozenset({"average_online"})
_HALF_DAY = timedelta(hours=12)
_SHOW_DAY = timedelta(hours=36)  # from the start: the longest show, with half a day's slack for a wrong zone

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Request:
    preset: str
    platform: Platform | None
    mapping: Mapping[str, str] | None


def build_plan(
    table: RawTable,
    show: ShowContext,
    request: Request,
    *,
    existing: Callable[[Platform, datetime, datetime], int],
    progress: Progress | None,
    cancel: CancelToken,
) -> MetricsPlan:
    layout = layout_for(
        table.headers,
        preset=request.preset,
        platform=request.platform,
        mapping=request.mapping,
        show_platforms=show.platforms,
    )
    stated = file_currency(layout)
    if stated is not None and stated != show.currency:
        raise UserError("metrics.currency_mismatch", file_currency=stated, show_currency=show.currency)
    reader = _RowReader(table, layout, show)
    samples: tuple[SampleInput, ...] = ()
    totals: TotalsInput | None = None
    gaps: tuple[Gap, ...] = ()
    interval, duplicates, chosen = 0, 0, None
    if layout.kind == "trend":
        samples, duplicates = reader.samples(progress, cancel)
        refuse_another_day(samples, show)
        interval, gaps = measure(tuple(sample.at for sample in samples))
    else:
        totals, chosen = reader.totals()
    used = {*layout.columns.values(), *([layout.time_column] if layout.time_column is not None else [])}
    width = len(table.headers)
    return MetricsPlan(
        show_id=show.show_id,
        platform=layout.platform,
        preset=layout.preset,
        file_name=table.path.name,
        encoding=table.encoding,
        encoding_guessed=table.guessed,
        kind=layout.kind,
        headers=table.headers,
        preview=tuple(tuple(cells[:width]) for _, cells in table.rows[:PREVIEW_ROWS]),
        rows=len(table.rows),
        interval_seconds=interval,
        samples=samples,
        totals=totals,
        series=tuple(name for name in SERIES if name in layout.columns) if layout.kind == "trend" else (),
        unmapped=tuple(h for i, h in enumerate(table.headers) if i not in used and h.strip()),
        gaps=gaps,
        duplicates=duplicates,
        skipped=tuple(reader.problems),
        replaces=existing(layout.platform, samples[0].at, samples[-1].at) if samples else 0,
        chosen_row=chosen,
    )


def refuse_another_day(samples: Sequence[SampleInput], show: ShowContext) -> None:
    """A trend that does not come near the show's start is another show's file (or a wrong date): importing it
    would put an empty line on this show's timeline, so say which times the file has instead."""
    start = show.start
    if start is None or not samples:
        return
    first, last = samples[0].at, samples[-1].at
    if last < start - _HALF_DAY or first > start + _SHOW_DAY:
        raise UserError(
            "metrics.another_day",
            first=_local(first),
            last=_local(last),
            start=_local(start),
            show=show.title,
        )


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def measure(times: Sequence[datetime]) -> tuple[int, tuple[Gap, ...]]:
    """(interval in seconds, gaps): the most common step between sorted distinct times (the smaller one on a tie;
    60 for a single sample), and every stretch of missing intervals between the first and the last."""
    steps = Counter(int((b - a).total_seconds()) for a, b in itertools.pairwise(times))
    if not steps:
        return 60, ()
    interval = min(steps, key=lambda step: (-steps[step], step))
    if interval <= 0:
        return 60, ()
    step = timedelta(seconds=interval)
    gaps: list[Gap] = []
    for before, after in itertools.pairwise(times):
        missing = round((after - before).total_seconds() / interval) - 1
        if missing >= 1:
            gaps.append(Gap(start=before + step, end=before + step * missing, samples=missing))
    return interval, tuple(gaps)


class _RowReader:
    """Turns rows into values per the layout, collecting row problems (1-based row numbers as in a spreadsheet)."""

    def __init__(self, table: RawTable, layout: Layout, show: ShowContext) -> None:
        self._table, self._layout, self._show = table, layout, show
        # None: the computer's zone (a sheet of the seller's own, LOCAL_ZONE), asked at each time for its rules
        self._zone: tzinfo | None = None if layout.zone == LOCAL_ZONE else zone(layout.zone)
        self._day = 0  # days added to time-only cells that passed midnight
        self._previous: datetime | None = None
        self._last: datetime | None = None  # the previous row's time (UTC): tells the repeated hour's two halves
        self.problems: list[RowProblem] = []

    # --- trends ----------------------------------------------------------------------------------------------
    def samples(self, progress: Progress | None, cancel: CancelToken) -> tuple[tuple[SampleInput, ...], int]:
        by_time: dict[datetime, SampleInput] = {}
        duplicates = 0
        rows = self._table.rows
        for done, (row, cells) in enumerate(rows, start=1):
            if done % 500 == 0:
                cancel.raise_if_set()
                if progress is not None:
                    progress(done, len(rows))
            at = self._row_time(row, cells, required=True)
            if at is None:
                continue
            values = self._values(row, cells, SERIES)
            if values is None:
                continue
            if at in by_time:
                duplicates += 1
            by_time[at] = SampleInput(at=at, values=values)
        if progress is not None:
            progress(len(rows), len(rows))
        if not by_time:
            self._refuse_all()
        return tuple(by_time[at] for at in sorted(by_time)), duplicates

    def _refuse_all(self) -> None:
        first = self.problems[0] if self.problems else RowProblem(0, "metrics.no_rows")
        raise UserError(
            "metrics.no_valid_rows",
            file=self._table.path.name,
            rows=len(self._table.rows),
            row=first.row,
            column=first.fields.get("column", ""),
            value=first.fields.get("value", ""),
        )

    # --- summaries -------------------------------------------------------------------------------------------
    def totals(self) -> tuple[TotalsInput, int | None]:
        rows = self._table.rows
        layout = self._layout
        chosen_row, chosen_cells = rows[0]
        chosen: int | None = None
        if len(rows) > 1:
            chosen_row, chosen_cells = self._nearest(rows)
            chosen = chosen_row
        values = self._values(chosen_row, chosen_cells, TOTAL_FIELDS, keep_row=True) or {}
        present = {name: value for name, value in values.items() if value is not None}
        return TotalsInput(platform=layout.platform, source=layout.preset, values=present), chosen

    def _nearest(self, rows: Sequence[tuple[int, list[str]]]) -> tuple[int, list[str]]:
        if self._layout.time_column is None:
            raise UserError("metrics.summary_ambiguous", rows=len(rows))
        reference = self._show.start
        if reference is None:
            raise UserError("metrics.summary_no_show_date", rows=len(rows))
        dated: list[tuple[timedelta, int, list[str]]] = []
        for row, cells in rows:
            if is_total_row(cells[self._layout.time_column]):
                self._problem(row, "metrics.total_row", self._layout.time_column, cells)
                continue
            at = self._row_time(row, cells, required=True)
            if at is not None:
                dated.append((abs(at - reference), row, cells))
        if not dated:
            self._refuse_all()
        _, best_row, best_cells = min(dated, key=lambda item: (item[0], item[1]))
        for _, row, cells in dated:
            if row != best_row:
                self._problem(row, "metrics.other_live", self._layout.time_column, cells, chosen=str(best_row))
        return best_row, best_cells

    # --- cells -----------------------------------------------------------------------------------------------
    def _problem(self, row: int, code: str, column: int | None, cells: Sequence[str], **extra: str) -> None:
        fields = dict(extra)
        if column is not None:
            fields["column"] = self._table.headers[column].strip()
            fields["value"] = cells[column].strip()
        self.problems.append(RowProblem(row=row, code=code, fields=fields))

    def _row_time(self, row: int, cells: Sequence[str], *, required: bool) -> datetime | None:
        column = self._layout.time_column
        if column is None:
            return None
        text = cells[column]
        if is_total_row(text):
            self._problem(row, "metrics.total_row", column, cells)
            return None
        if blank(text):
            if required:
                self._problem(row, "metrics.time_missing", column, cells)
            return None
        try:
            return self._parse_time(text.strip())
        except ValueError:
            self._problem(row, "metrics.bad_time", column, cells)
            return None

    def _parse_time(self, text: str) -> datetime:
        clock = _TIME_ONLY.fullmatch(text)
        if clock is not None:
            return self._in_order(self._time_of_day(int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)))
        if _EPOCH.fullmatch(text):  # API dumps: seconds or milliseconds since 1970, UTC
            seconds = int(text) / (1000 if len(text) == 13 else 1)
            return datetime.fromtimestamp(seconds, tz=UTC)
        value = parse_datetime_in(text, self._layout.date_formats, self._layout.zone)
        if value is None:
            raise ValueError(text)
        return self._in_order(value)

    def _in_order(self, moment: datetime) -> datetime:
        """A wall time the clocks show twice (the hour they go back) reads as its first occurrence; earlier than the
        row before it, the file has reached the second one (a live at 01:30 US Pacific on the first Sunday of
        November would otherwise lose an hour of samples as duplicates)."""
        last = self._last
        if last is not None and moment < last:
            later = self._attach(self._local(moment).replace(tzinfo=None), fold=1).astimezone(UTC)
            if later >= last:
                moment = later
        self._last = moment
        return moment

    def _time_of_day(self, hours: int, minutes: int, seconds: int) -> datetime:
        """A time without a date ("19:05") on the show's day in the platform's zone; times after midnight that
        come after evening times belong to the next day."""
        reference = self._show.start
        if reference is None:
            raise UserError("metrics.time_without_date", show=self._show.title)
        if hours > 23 or minutes > 59 or seconds > 59:
            raise ValueError(f"{hours}:{minutes}:{seconds}")
        local_start = self._local(reference)
        clock = time(hours, minutes, seconds)
        day = local_start.date() + timedelta(days=self._day)
        value = self._attach(datetime.combine(day, clock))
        if self._previous is None and value < local_start - _HALF_DAY:
            self._day += 1  # a show starting at 23:50 whose file opens at 00:05
        elif self._previous is not None and value < self._previous - _HALF_DAY:
            self._day += 1
        value = self._attach(datetime.combine(local_start.date() + timedelta(days=self._day), clock))
        self._previous = value
        return value.astimezone(UTC)

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self._zone) if self._zone is not None else moment.astimezone()

    def _attach(self, wall: datetime, *, fold: int = 0) -> datetime:
        """A naive wall time in the file's zone (first occurrence unless ``fold``=1)."""
        wall = wall.replace(fold=fold)
        return wall.replace(tzinfo=self._zone) if self._zone is not None else wall.astimezone()

    def _values(
        self, row: int, cells: Sequence[str], names: Sequence[str], *, keep_row: bool = False
    ) -> dict[str, int | None] | None:
        """The row's values by name; a value that is not a number skips the row (trends) or is left out with a
        problem (a summary's single row, ``keep_row``)."""
        layout = self._layout
        values: dict[str, int | None] = {}
        for name in names:
            column = layout.columns.get(name)
            if column is None:
                continue
            text = cells[column]
            try:
                values[name] = self._value(name, text)
            except ValueError:
                if not keep_row:
                    self._problem(row, "metrics.bad_number", column, cells)
                    return None
                self._problem(row, "metrics.value_left_out", column, cells)
        return values

    def _value(self, name: str, text: str) -> int | None:
        layout = self._layout
        if name in MONEY_NAMES:
            return parse_amount_cell(
                text, self._show.currency, fen=name in layout.fen, decimal_comma=layout.decimal_comma
            )
        if name in _DURATIONS:
            return parse_duration(text)
        if name in _AVERAGES:
            return _rounded(text, layout.decimal_comma)
        return parse_count(text, decimal_comma=layout.decimal_comma)


def _rounded(text: str, decimal_comma: bool) -> int | None:
    """An average ("123.6" concurrent viewers) to the nearest whole number."""
    if blank(text):
        return None
    cleaned = text.strip()
    whole, _, fraction = cleaned.partition("," if decimal_comma else ".")
    value = parse_count(whole, decimal_comma=decimal_comma)
    if value is None:
        return None
    if fraction:
        if not fraction.isdigit():
            raise ValueError(text)
        value += 1 if int(fraction[0]) >= 5 else 0
    return value
