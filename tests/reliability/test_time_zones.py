"""Time zones and clock changes for shows and screens: the database keeps UTC, the seller sees the computer's local
time; a show, a rundown's fixed start or a warm-up task on a day the clocks change is never an hour off without a
word (a time the clocks skip is refused with its date; a repeated one is its first occurrence); a live run through a
change keeps its real durations. Zones and clock changes: time_support.py.
"""

# ruff: noqa: F811 - the fixtures imported from time_support are used by name, as test arguments

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import FakeUTCClock
from time_support import (  # the fixtures are used by name
    CHANGING,
    autumn,
    catalogue,  # noqa: F401
    changing_zone,  # noqa: F401
    clock_changes,
    database,  # noqa: F401
    migrated,  # noqa: F401
    rundown_shop,
    shows,  # noqa: F401
    spring,
    write_rundown_rows,
    zone,  # noqa: F401
)

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.errors import UserError
from streamdesk.core.local_time import SkippedLocalTime, aware_local, is_repeated
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import Database
from streamdesk.messages import describe_problem


def test_the_zones_tested_change_their_clocks_as_the_tz_database_says() -> None:
    # the scenarios below rely on these: a missing and a repeated local time in every zone but Shanghai
    assert clock_changes("Asia/Shanghai") == ()
    for name in CHANGING:
        changes = clock_changes(name)
        assert len(changes) == 2 and {change.forward for change in changes} == {True, False}
    lord_howe = clock_changes("Australia/Lord_Howe")
    assert {abs(change.after - change.before) for change in lord_howe} == {timedelta(minutes=30)}
    chatham = spring("Pacific/Chatham")
    assert chatham.wall(ZoneInfo("Pacific/Chatham"), offset=timedelta()).time().isoformat() == "02:45:00"


def test_python_and_the_c_library_agree_on_the_switched_zone(zone: ZoneInfo) -> None:
    # the zone switch this file relies on: naive astimezone() (the C library) gives the tz database's offsets
    for moment in (datetime(2026, 1, 15, 12, tzinfo=UTC), datetime(2026, 7, 15, 12, tzinfo=UTC)):
        assert moment.astimezone().utcoffset() == moment.astimezone(zone).utcoffset()


def test_a_planned_start_is_stored_in_utc_and_shown_in_the_computers_time(
    zone: ZoneInfo, shows: Shows, database: Database
) -> None:
    from streamdesk.ui.formatting import format_local_datetime

    winter, summer = datetime(2026, 1, 10, 20, 0, tzinfo=zone), datetime(2026, 7, 10, 20, 0, tzinfo=zone)
    ids = [
        shows.create_show(ShowInput(title=f"show {n}", planned_start=start)) for n, start in enumerate((winter, summer))
    ]
    with sqlite3.connect(database.path) as raw:
        stored = dict(raw.execute("SELECT id, planned_start FROM shows").fetchall())
    for show_id, start in zip(ids, (winter, summer), strict=True):
        assert datetime.fromisoformat(stored[show_id]) == start.astimezone(UTC).replace(tzinfo=None)
        read = shows.get_show(show_id).planned_start
        assert read is not None and read.utcoffset() == timedelta(0) and read == start
        assert format_local_datetime(read) == start.strftime("%Y-%m-%d %H:%M")  # 20:00 both sides of summer time
    with pytest.raises(UserError) as refused:  # a time without a zone is never guessed
        shows.create_show(ShowInput(title="naive", planned_start=datetime(2026, 1, 10, 20, 0)))
    assert [problem.code for problem in refused.value.fields["problems"]] == ["shows.naive_time"]


def test_local_times_around_each_clock_change(changing_zone: ZoneInfo) -> None:
    name = str(changing_zone)
    gain, loss = spring(name), autumn(name)
    gap = gain.after - gain.before
    skipped = gain.wall(changing_zone, offset=gap / 2)  # e.g. 02:30 in Berlin on 29 March
    for where in (None, changing_zone):  # the computer's zone, and the same zone named
        with pytest.raises(SkippedLocalTime) as refused:
            aware_local(skipped, where)
        assert refused.value.day == skipped.date()
        just_before = gain.wall(changing_zone, offset=-timedelta(minutes=1))
        assert aware_local(just_before, where).astimezone(UTC) == gain.at - timedelta(minutes=1)
        assert aware_local(just_before + gap + timedelta(minutes=1), where).astimezone(UTC) == gain.at
        doubled = loss.wall(changing_zone, offset=-(loss.before - loss.after) / 2)  # shown twice
        assert is_repeated(doubled, where)
        first = aware_local(doubled, where)
        assert first.astimezone(UTC) == loss.at - (loss.before - loss.after) / 2  # the first time the clock shows it
        assert not is_repeated(doubled - timedelta(hours=2), where)


def test_the_show_form_stores_the_time_it_shows_on_clock_change_days(changing_zone: ZoneInfo, qapp: object) -> None:
    """Qt's date-time field moves a time the clocks skip forward (02:30 → 03:30 in Berlin) and shows the moved time;
    what is stored is what the field shows, never an hour off it."""
    from PySide6.QtCore import QDate, QDateTime, QTime
    from PySide6.QtWidgets import QWidget

    from streamdesk.ui.pages.shows.show_fields import ShowFields

    name = str(changing_zone)
    gain, loss = spring(name), autumn(name)
    parent = QWidget()
    fields = ShowFields(is_template=False, parent=parent)
    cases = (
        gain.wall(changing_zone, offset=(gain.after - gain.before) / 2),  # skipped
        loss.wall(changing_zone, offset=-(loss.before - loss.after) / 2),  # repeated
        gain.wall(changing_zone, offset=-timedelta(hours=1)),  # plain
    )
    for wall in cases:
        typed = QDateTime(QDate(wall.year, wall.month, wall.day), QTime(wall.hour, wall.minute))
        fields.start.setDateTime(typed)
        stored = fields.planned_start_value()
        assert stored is not None and stored.tzinfo is UTC
        shown = fields.start.dateTime()
        assert (shown.date().toPython(), shown.time().toString("HH:mm")) == (
            stored.astimezone().date(),
            stored.astimezone().strftime("%H:%M"),
        )
        assert stored.astimezone().strftime("%H:%M") in fields.start.text()
        try:
            expected = aware_local(wall)
        except SkippedLocalTime:  # moved forward by the size of the gap, and the field says so
            assert stored == aware_local(wall + (gain.after - gain.before)).astimezone(UTC)
            assert wall.strftime("%H:%M") not in fields.start.text()
        else:
            assert stored == expected.astimezone(UTC)
        # and the form says what happens to the times on that day
        hint = fields.clock_change
        assert not hint.isHidden()
        if wall.date() == gain.wall(changing_zone, offset=timedelta()).date():
            change_from = gain.wall(changing_zone, offset=timedelta()).strftime("%H:%M")
            change_to = (gain.at + gain.after).strftime("%H:%M")
            assert f"go forward from {change_from} to {change_to}" in hint.text(), hint.text()
        else:
            change_from = loss.wall(changing_zone, offset=timedelta()).strftime("%H:%M")
            change_to = (loss.at + loss.after).strftime("%H:%M")
            assert f"go back from {change_from} to {change_to}" in hint.text(), hint.text()
    fields.start.setDateTime(QDateTime(QDate(2026, 6, 10), QTime(20, 0)))  # an ordinary day: no hint
    assert fields.clock_change.isHidden() and fields.clock_change.text() == ""
    parent.deleteLater()


def test_a_rundown_time_the_clocks_skip_is_refused_with_its_date(
    changing_zone: ZoneInfo, shows: Shows, catalogue: Catalogue, tmp_path: Path
) -> None:
    gain = spring(str(changing_zone))
    start = gain.at - timedelta(hours=1)  # a night show an hour before the clocks go forward
    show_id, rundown_io = rundown_shop(shows, catalogue, start)
    shows.replace_segments(show_id, [SegmentInput(SegmentKind.OPENING, "keep me", 600)])
    skipped = gain.wall(changing_zone, offset=(gain.after - gain.before) / 2).strftime("%H:%M")
    path = write_rundown_rows(
        tmp_path / "rundown.csv", [["1", "Opening", "30:00", ""], ["2", "Flash sale", "5:00", skipped]]
    )
    with pytest.raises(UserError) as refused:
        rundown_io.import_file(path, show_id)
    (problem,) = refused.value.fields["problems"]
    assert (problem.row, problem.code) == (3, "rundown_io.time_skipped")
    day = gain.wall(changing_zone, offset=timedelta()).date().isoformat()
    assert problem.fields == {"value": skipped, "date": day}
    sentence = describe_problem(problem)
    assert skipped in sentence and day in sentence and "clocks go forward" in sentence
    assert [segment.title for segment in shows.rundown(show_id).segments] == ["keep me"]  # nothing written
    # the same time typed into the rundown table: a sentence, not a segment an hour off
    from streamdesk.ui.pages.shows.segment_edits import SegmentField, edited_segment

    before = SegmentInput(SegmentKind.FLASH_SALE, "Flash sale", 300)
    answer = edited_segment(before, SegmentField.FIXED_START, skipped, start)
    assert isinstance(answer, str) and day in answer and skipped in answer
    outside = gain.wall(changing_zone, offset=-timedelta(minutes=15)).strftime("%H:%M")
    edited = edited_segment(before, SegmentField.FIXED_START, outside, start)
    assert not isinstance(edited, str) and edited.fixed_start == gain.at - timedelta(minutes=15)


def test_a_rundown_across_a_clock_change_exports_and_imports_back_unchanged(
    zone: ZoneInfo, shows: Shows, catalogue: Catalogue, tmp_path: Path
) -> None:
    name = str(zone)
    changes = clock_changes(name)
    at = autumn(name).at if changes else datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    start = at - timedelta(hours=1)
    show_id, rundown_io = rundown_shop(shows, catalogue, start)
    segments = [
        SegmentInput(SegmentKind.OPENING, "Opening", 1800),
        SegmentInput(SegmentKind.PITCH, "Scarves", 1800),
        # the hour after the change: in a zone that turns its clocks back this wall time was shown before too
        SegmentInput(SegmentKind.FLASH_SALE, "Flash sale", 300, fixed_start=at + timedelta(minutes=10)),
        SegmentInput(SegmentKind.CLOSING, "Closing", 600, fixed_start=at + timedelta(minutes=40)),
    ]
    shows.replace_segments(show_id, segments)
    before = shows.rundown(show_id)
    target = tmp_path / "rundown.csv"
    rundown_io.export_csv(show_id, target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    # back-timed starts and ends: the local clock, the change included
    for row, timing in zip(rows, before.timings, strict=True):
        assert (row["start"], row["end"]) == (
            timing.start.astimezone().strftime("%H:%M"),
            timing.end.astimezone().strftime("%H:%M"),
        )
    other = shows.create_show(ShowInput(title="copy", planned_start=start, planned_seconds=4 * 3600))
    after = rundown_io.import_file(target, other)
    assert [s.to_input() for s in after.segments] == [s.to_input() for s in before.segments]
    assert after.timings == before.timings
    if changes:  # the repeated wall time was written with its offset, so it reads back as the second one
        flash = rows[2]["fixed_start"]
        assert flash.count(":") >= 2 and ("+" in flash or "-" in flash[10:]), flash


def test_a_fixed_start_whose_clock_time_is_skipped_on_the_shows_day_exports_with_its_date(
    changing_zone: ZoneInfo, shows: Shows, catalogue: Catalogue, tmp_path: Path
) -> None:
    """A show on the morning the clocks go forward, a segment fixed the next day at the skipped clock time: the
    export writes the full date and time, and it reads back as the same moment."""
    gain = spring(str(changing_zone))
    start = gain.at - timedelta(hours=1)
    show_id, rundown_io = rundown_shop(shows, catalogue, start, seconds=30 * 3600)
    skipped_wall = gain.wall(changing_zone, offset=(gain.after - gain.before) / 2)
    next_day = aware_local(skipped_wall + timedelta(days=1), changing_zone).astimezone(UTC)
    shows.replace_segments(
        show_id,
        [
            SegmentInput(SegmentKind.OPENING, "Opening", 3600),
            SegmentInput(SegmentKind.PITCH, "Next day", 600, fixed_start=next_day),
        ],
    )
    target = tmp_path / "rundown.csv"
    rundown_io.export_csv(show_id, target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[1]["fixed_start"].startswith((skipped_wall + timedelta(days=1)).strftime("%Y-%m-%d")), rows[1]
    after = rundown_io.import_file(target, show_id)
    assert after.segments[1].fixed_start == next_day


def test_a_live_run_through_a_clock_change_keeps_its_real_durations(
    changing_zone: ZoneInfo, database: Database, shows: Shows, qapp: object
) -> None:
    from streamdesk.config import ReviewSettings
    from streamdesk.core.review import Review
    from streamdesk.core.show_runs import ShowRuns
    from streamdesk.ui.pages.review.charts.base import ShowTimeAxis

    change = spring(str(changing_zone))
    wall_clock = FakeUTCClock(change.at - timedelta(minutes=40))
    show_id = shows.create_show(ShowInput(title="through the night", planned_start=wall_clock(), planned_seconds=5400))
    shows.replace_segments(
        show_id,
        [SegmentInput(SegmentKind.OPENING, "Opening", 1800), SegmentInput(SegmentKind.PITCH, "Pitch", 3600)],
    )
    runs = ShowRuns(database.sessions, clock=wall_clock, timer_clock=lambda: wall_clock().timestamp())
    run = runs.start(show_id)
    run.timer.start()
    wall_clock.advance(minutes=30)
    run.timer.next()
    wall_clock.advance(minutes=50)  # through the change: the wall clock jumps, the show does not
    run.timer.finish()
    actual = [row.actual_seconds for row in runs.planned_vs_actual(run.run_id)]
    assert actual == [1800, 3000]
    (summary,) = runs.runs(show_id)
    assert summary.finished_at is not None and summary.finished_at - summary.started_at == timedelta(minutes=80)
    review = Review(database.sessions, clock=wall_clock, settings=ReviewSettings)
    timeline = review.timeline(show_id)
    assert [(band.start_seconds, band.end_seconds) for band in timeline.bands] == [(0, 1800), (1800, 4800)]
    assert timeline.origin == change.at - timedelta(minutes=40)
    # the chart's clock axis reads the local time after the change, not the winter time it started in
    axis = ShowTimeAxis()
    axis.set_origin(timeline.origin)
    for seconds in (0, 1800, 4800):
        assert axis.label_for(seconds) == (timeline.origin + timedelta(seconds=seconds)).astimezone().strftime("%H:%M")
    after = (change.at + timedelta(minutes=40)).astimezone().strftime("%H:%M")
    assert axis.label_for(4800) == after
    # the report: start and end in local time, the real 80 minutes between them
    from streamdesk.core.report_content import report_content

    content = report_content(review.review(show_id), language="en")
    started = (change.at - timedelta(minutes=40)).astimezone().strftime("%Y-%m-%d %H:%M")
    assert f"{started} – {after}" in content.subtitle, content.subtitle
    assert "1:20:00" in content.subtitle, content.subtitle


def test_warm_up_tasks_days_before_keep_their_clock_time_across_a_change(changing_zone: ZoneInfo) -> None:
    """ "3 days before" a Sunday 20:00 show is Thursday 20:00 even when the clocks changed in between; hours and
    minutes before the start stay exact durations."""
    from streamdesk.core.warmup_tasks import DAY, HOUR, due_at

    name = str(changing_zone)
    for change in (spring(name), autumn(name)):
        local_day = change.wall(changing_zone, offset=timedelta()).date()
        # as the database gives it: aware UTC (a ZoneInfo time would do wall-clock arithmetic by itself)
        start = datetime.combine(local_day, datetime.min.time().replace(hour=20), tzinfo=changing_zone).astimezone(UTC)
        teaser = due_at(start, -3 * DAY)
        assert teaser is not None and teaser.tzinfo is UTC
        shown = teaser.astimezone(changing_zone)
        assert (shown.date(), shown.strftime("%H:%M")) == (local_day - timedelta(days=3), "20:00")
        mixed = due_at(start, -2 * DAY - 90)  # two days and an hour and a half before: 18:30 two days earlier
        assert mixed is not None and mixed.astimezone(changing_zone).strftime("%d %H:%M") == (
            f"{(local_day - timedelta(days=2)).day:02d} 18:30"
        )
        assert due_at(start, -5 * HOUR) == start - timedelta(hours=5)  # a duration: exact
        assert due_at(start, -30) == start - timedelta(minutes=30)
        assert due_at(start, 2 * DAY) is not None
    assert due_at(None, -DAY) is None


def test_a_duplicated_show_is_suggested_a_week_later_at_the_same_local_time(changing_zone: ZoneInfo) -> None:
    from streamdesk.ui.pages.shows.flows import next_same_weekday

    for change in clock_changes(str(changing_zone)):
        day = change.wall(changing_zone, offset=timedelta()).date() - timedelta(days=3)  # the week spans the change
        start = datetime.combine(day, datetime.min.time().replace(hour=20), tzinfo=changing_zone).astimezone(UTC)
        suggested = next_same_weekday(start, now=start)
        local = suggested.astimezone(changing_zone)
        assert (local.date(), local.strftime("%H:%M")) == (day + timedelta(days=7), "20:00")
        later = next_same_weekday(start, now=start + timedelta(days=20))  # as many weeks as it takes
        assert later.astimezone(changing_zone).date() == day + timedelta(days=21)
        assert later.astimezone(changing_zone).strftime("%H:%M") == "20:00"


def test_the_orders_today_filter_is_the_local_day_however_long_it_is(changing_zone: ZoneInfo) -> None:
    from streamdesk.ui.pages.orders.filter_bar import DateRange, date_bounds

    for change in clock_changes(str(changing_zone)):
        day = change.wall(changing_zone, offset=timedelta()).date()
        first, last = date_bounds(DateRange.TODAY, day, day, day)
        assert first is not None and last is not None
        assert first.astimezone(changing_zone).replace(tzinfo=None) == datetime.combine(day, datetime.min.time())
        assert last.astimezone(changing_zone).replace(tzinfo=None) == datetime.combine(
            day + timedelta(days=1), datetime.min.time()
        )
        assert last - first == timedelta(days=1) - (change.after - change.before)  # 23 h, 25 h, 23.5 h …


def test_every_screens_time_text_is_the_computers_local_time(zone: ZoneInfo, qapp: object) -> None:
    """The labels pages build from stored UTC times: shows list, live page, warm-up tasks, pre-flight, orders."""
    from streamdesk.ui.formatting import format_local_datetime
    from streamdesk.ui.pages.preflight.texts import clock_text
    from streamdesk.ui.pages.shows.labels import format_show_start
    from streamdesk.ui.pages.warmup.texts import local_time
    from streamdesk.ui.widgets.show_picker import day_text

    changes = clock_changes(str(zone))
    moments = [datetime(2026, 1, 5, 12, 0, tzinfo=UTC), datetime(2026, 7, 5, 12, 0, tzinfo=UTC)]
    moments += [change.at + timedelta(minutes=minutes) for change in changes for minutes in (-1, 0, 59)]
    for moment in moments:
        local = moment.astimezone(zone)
        wall, day = local.strftime("%H:%M"), local.strftime("%Y-%m-%d")
        assert format_local_datetime(moment) == f"{day} {wall}"
        assert format_show_start(moment).startswith(day) and format_show_start(moment).endswith(wall)
        assert day_text(moment, local.date()).endswith(wall) and day_text(moment, local.date()).startswith("Today")
        assert local_time(moment).endswith(f"{day} {wall}")
        assert clock_text(moment) == wall
