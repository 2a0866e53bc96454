"""Time zones and clock changes: the database keeps UTC, the seller sees the computer's local time, and the
platforms' zone-less export times are read in the platform's zone whatever the computer's zone is.

The computer's zone is switched in this process (``TZ`` + ``time.tzset()``: Python's ``astimezone()`` and Qt's local
time both follow it) across five zones: Europe/Berlin and America/New_York (one-hour summer time), Asia/Shanghai
(no summer time: Chinese platforms' exports), Australia/Lord_Howe (a 30-minute change) and Pacific/Chatham
(+12:45/+13:45, changing at 02:45). The clock changes tested are each zone's real 2026 transitions, found from the
tz database. A few checks run ``python -m streamdesk`` as a real process with ``TZ`` set.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import FakeUTCClock

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ScoreWeights
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import run_to_end
from streamdesk.core.local_time import SkippedLocalTime, aware_local, is_repeated
from streamdesk.core.order_types import Platform
from streamdesk.core.rundown_io import RundownIO
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import Database, open_database
from streamdesk.messages import describe_problem

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Shanghai", "Australia/Lord_Howe", "Pacific/Chatham")
CHANGING = tuple(name for name in ZONES if name != "Asia/Shanghai")
BEIJING = ZoneInfo("Asia/Shanghai")


@contextmanager
def computer_zone(name: str) -> Iterator[ZoneInfo]:
    """Run the block as if the computer's time zone were ``name``."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        zone = ZoneInfo(name)
        probe = datetime(2026, 1, 15, 12, tzinfo=UTC)
        assert probe.astimezone().utcoffset() == probe.astimezone(zone).utcoffset(), (
            f"the C library does not know {name}: install the system time zone data (Debian: tzdata)"
        )
        yield zone
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.fixture(params=ZONES)
def zone(request: pytest.FixtureRequest) -> Iterator[ZoneInfo]:
    with computer_zone(request.param) as found:
        yield found


@pytest.fixture(params=CHANGING)
def changing_zone(request: pytest.FixtureRequest) -> Iterator[ZoneInfo]:
    with computer_zone(request.param) as found:
        yield found


@dataclass(frozen=True)
class Transition:
    at: datetime  # UTC instant of the change
    before: timedelta  # UTC offset just before
    after: timedelta  # and just after

    @property
    def forward(self) -> bool:
        return self.after > self.before

    def wall(self, zone: ZoneInfo, *, offset: timedelta) -> datetime:
        """The wall-clock time the clocks showed just before the change, plus ``offset`` (naive)."""
        return (self.at + self.before).replace(tzinfo=None) + offset


@cache
def clock_changes(name: str, year: int = 2026) -> tuple[Transition, ...]:
    """Every change of UTC offset in ``year``: hourly steps, then the quarter hour inside the hour that changed
    (every real change falls on a quarter hour)."""
    zone = ZoneInfo(name)

    def offset(moment: datetime) -> timedelta:
        found = moment.astimezone(zone).utcoffset()
        assert found is not None
        return found

    moment = datetime(year, 1, 1, tzinfo=UTC)
    previous = offset(moment)
    changes: list[Transition] = []
    while moment.year == year:
        moment += timedelta(hours=1)
        current = offset(moment)
        if current != previous:
            at = next(
                moment - timedelta(minutes=15 * back)
                for back in (3, 2, 1, 0)
                if offset(moment - timedelta(minutes=15 * back)) == current
            )
            changes.append(Transition(at, previous, current))
        previous = current
    return tuple(changes)


def spring(name: str) -> Transition:
    return next(change for change in clock_changes(name) if change.forward)


def autumn(name: str) -> Transition:
    return next(change for change in clock_changes(name) if not change.forward)


def local_text(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated empty database for the module: copying it is five times quicker than migrating each time."""
    path = tmp_path_factory.mktemp("time-zones") / "migrated.sqlite3"
    open_database(path).dispose()
    return path


@pytest.fixture
def database(migrated: Path, db_path: Path) -> Iterator[Database]:
    shutil.copyfile(migrated, db_path)
    opened = open_database(db_path)
    yield opened
    opened.dispose()


@pytest.fixture
def shows(database: Database, utc_clock: FakeUTCClock) -> Shows:
    return Shows(database.sessions, clock=utc_clock)


@pytest.fixture
def catalogue(database: Database, utc_clock: FakeUTCClock, tmp_path: Path) -> Catalogue:
    images = tmp_path / "images"
    return Catalogue(
        database.sessions, images_dir=images, thumbnails_dir=images / ".t", weights=ScoreWeights(), clock=utc_clock
    )


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


# --- the database keeps UTC, the screen shows local time ---------------------------------------------------------
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
    for zone in (None, changing_zone):  # the computer's zone, and the same zone named
        with pytest.raises(SkippedLocalTime) as refused:
            aware_local(skipped, zone)
        assert refused.value.day == skipped.date()
        just_before = gain.wall(changing_zone, offset=-timedelta(minutes=1))
        assert aware_local(just_before, zone).astimezone(UTC) == gain.at - timedelta(minutes=1)
        assert aware_local(just_before + gap + timedelta(minutes=1), zone).astimezone(UTC) == gain.at
        doubled = loss.wall(changing_zone, offset=-(loss.before - loss.after) / 2)  # shown twice
        assert is_repeated(doubled, zone)
        first = aware_local(doubled, zone)
        assert first.astimezone(UTC) == loss.at - (loss.before - loss.after) / 2  # the first time the clock shows it
        assert not is_repeated(doubled - timedelta(hours=2), zone)


# --- a show planned on a clock-change day ------------------------------------------------------------------------
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


def _rundown_shop(
    shows: Shows, catalogue: Catalogue, start: datetime, seconds: int = 4 * 3600
) -> tuple[int, RundownIO]:
    show_id = shows.create_show(ShowInput(title="夜场", planned_start=start, planned_seconds=seconds))
    return show_id, RundownIO(shows, catalogue)  # as the app builds it: times in the computer's zone


def _write_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["position", "title", "planned", "fixed_start"], *rows])
    return path


def test_a_rundown_time_the_clocks_skip_is_refused_with_its_date(
    changing_zone: ZoneInfo, shows: Shows, catalogue: Catalogue, tmp_path: Path
) -> None:
    gain = spring(str(changing_zone))
    start = gain.at - timedelta(hours=1)  # a night show an hour before the clocks go forward
    show_id, rundown_io = _rundown_shop(shows, catalogue, start)
    shows.replace_segments(show_id, [SegmentInput(SegmentKind.OPENING, "keep me", 600)])
    skipped = gain.wall(changing_zone, offset=(gain.after - gain.before) / 2).strftime("%H:%M")
    path = _write_rows(tmp_path / "rundown.csv", [["1", "Opening", "30:00", ""], ["2", "Flash sale", "5:00", skipped]])
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
    show_id, rundown_io = _rundown_shop(shows, catalogue, start)
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


# --- a live run through a clock change ---------------------------------------------------------------------------
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


# --- platform exports: zone-less times in the platform's zone ------------------------------------------------------
def _douyin_created_times() -> dict[str, datetime]:
    with (FIXTURES / "orders" / "douyin_gbk.csv").open(encoding="gbk", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {row["主订单编号"].strip(): datetime.fromisoformat(row["订单提交时间"].replace("/", "-")) for row in rows}


def test_chinese_order_and_metrics_exports_are_beijing_time_whatever_the_computers_zone(
    zone: ZoneInfo, database: Database, shows: Shows, catalogue: Catalogue, utc_clock: FakeUTCClock
) -> None:
    from streamdesk.core.metrics_io import MetricsIO
    from streamdesk.core.orders import Orders
    from streamdesk.core.orders_io import OrdersIO

    orders = Orders(database.sessions, clock=utc_clock)
    orders_io = OrdersIO(database.sessions, catalogue=catalogue, orders=orders, clock=utc_clock, zones={})
    run_to_end(orders_io.apply(run_to_end(orders_io.plan(FIXTURES / "orders" / "douyin_gbk.csv"))))
    expected = _douyin_created_times()
    with sqlite3.connect(database.path) as raw:
        stored = dict(raw.execute("SELECT order_no, created_at FROM orders").fetchall())
    assert set(stored) == set(expected)
    for order_no, naive in expected.items():  # 20:15 in Beijing is 12:15 UTC, in Berlin or in Chatham alike
        assert datetime.fromisoformat(stored[order_no]) == naive - timedelta(hours=8)

    show = shows.create_show(
        ShowInput("trend", platforms=(Platform.DOUYIN,), planned_start=datetime(2026, 1, 5, 12, 0, tzinfo=UTC))
    )
    plan = MetricsIO(database.sessions, clock=utc_clock).plan(FIXTURES / "metrics" / "douyin_trend_gbk.csv", show)
    assert plan.samples[0].at == datetime(2026, 1, 5, 20, 0, tzinfo=BEIJING)


TIKTOK_HEADER = ["Order ID", "Order Status", "Seller SKU", "Product Name", "Quantity", "Order Amount", "Created Time"]


@pytest.mark.parametrize(
    ("amount", "created", "market_zone", "naive"),
    [
        ("$25.00", "03/10/2026 8:05:00 PM", "America/Los_Angeles", datetime(2026, 3, 10, 20, 5)),
        ("₫150.000", "10/03/2026 20:05:00", "Asia/Ho_Chi_Minh", datetime(2026, 3, 10, 20, 5)),
        ("Rp 150.000", "2026-03-10 20:05:00", "Asia/Jakarta", datetime(2026, 3, 10, 20, 5)),
        ("RM 35.90", "2026-03-10 20:05:00", "Asia/Kuala_Lumpur", datetime(2026, 3, 10, 20, 5)),
        ("£12.00", "2026-03-10 20:05:00", "Europe/London", datetime(2026, 3, 10, 20, 5)),
    ],
)
def test_tiktok_orders_are_read_in_their_markets_zone(
    amount: str,
    created: str,
    market_zone: str,
    naive: datetime,
    database: Database,
    catalogue: Catalogue,
    utc_clock: FakeUTCClock,
    tmp_path: Path,
) -> None:
    from streamdesk.core.orders import Orders
    from streamdesk.core.orders_io import OrdersIO

    path = tmp_path / "tiktok.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        row = ["5771234567890123", "Delivered", "SKU-1", "Scarf", "1", amount, created]
        csv.writer(handle).writerows([TIKTOK_HEADER, row])
    orders_io = OrdersIO(
        database.sessions, catalogue=catalogue, orders=Orders(database.sessions, clock=utc_clock), clock=utc_clock,
        zones={},
    )  # fmt: skip
    with computer_zone("Asia/Shanghai"):  # the seller's computer is in China; the market is not
        run_to_end(orders_io.apply(run_to_end(orders_io.plan(path))))
    with sqlite3.connect(database.path) as raw:
        (stored,) = raw.execute("SELECT created_at FROM orders").fetchone()
    assert datetime.fromisoformat(stored) == naive.replace(tzinfo=ZoneInfo(market_zone)).astimezone(UTC).replace(
        tzinfo=None
    )


@pytest.mark.parametrize("name", ["Europe/Berlin", "Pacific/Chatham"])
def test_tiktok_live_list_is_read_in_its_markets_zone_on_any_computer(
    name: str, database: Database, utc_clock: FakeUTCClock
) -> None:
    from streamdesk.core.metrics_io import MetricsIO

    shows = Shows(database.sessions, clock=utc_clock)
    show = shows.create_show(
        ShowInput(
            "tiktok",
            platforms=(Platform.TIKTOK,),
            planned_start=datetime(2026, 1, 5, 12, 0, tzinfo=UTC),
            currency="IDR",
        )
    )
    with computer_zone(name):
        plan = MetricsIO(database.sessions, clock=utc_clock).plan(FIXTURES / "metrics" / "tiktok_live_list.csv", show)
    assert plan.chosen_row == 3  # launched 19:00 Jakarta time = the show's 12:00 UTC start


# --- real processes -------------------------------------------------------------------------------------------------
def _cli(home: Path, db: Path, zone_name: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STREAMDESK_HOME": str(home), "TZ": zone_name, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "streamdesk", "--db", str(db), *args],
        capture_output=True, text=True, env=env, timeout=60, cwd=ROOT, check=False,
    )  # fmt: skip


@pytest.mark.slow  # three processes: about 6 s
def test_cli_reads_beijing_times_shows_local_times_and_refuses_a_skipped_time(
    tmp_path: Path, utc_clock: FakeUTCClock
) -> None:
    home, db = tmp_path / "home", tmp_path / "shop.sqlite3"
    database = open_database(db)
    start = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # 01:30 in Berlin, the night the clocks go forward
    show_id = Shows(database.sessions, clock=utc_clock).create_show(
        ShowInput(title="night", planned_start=start, planned_seconds=7200)
    )
    database.dispose()
    imported = _cli(home, db, "America/New_York", "orders", "import", str(FIXTURES / "orders" / "douyin_gbk.csv"))
    assert imported.returncode == 0, imported.stderr
    with sqlite3.connect(db) as raw:
        stored = dict(raw.execute("SELECT order_no, created_at FROM orders").fetchall())
    assert {k: datetime.fromisoformat(v) for k, v in stored.items()} == {
        k: v - timedelta(hours=8) for k, v in _douyin_created_times().items()
    }
    listed = _cli(home, db, "Europe/Berlin", "shows", "list")
    assert listed.returncode == 0, listed.stderr
    assert "2026-03-29 01:30" in listed.stdout, listed.stdout
    rundown = _write_rows(
        tmp_path / "rundown.csv", [["1", "Opening", "20:00", ""], ["2", "Flash sale", "5:00", "02:30"]]
    )
    refused = _cli(home, db, "Europe/Berlin", "shows", "import-rundown", str(rundown), "--show", str(show_id))
    assert refused.returncode == 2, refused.stdout + refused.stderr
    message = refused.stderr.strip()
    assert "Traceback" not in refused.stderr
    assert "02:30" in message and "2026-03-29" in message and "Row 3" in message, message
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT COUNT(*) FROM segments").fetchone() == (0,)


def test_python_and_the_c_library_agree_on_the_switched_zone(zone: ZoneInfo) -> None:
    # the zone switch this file relies on: naive astimezone() (the C library) gives the tz database's offsets
    for moment in (datetime(2026, 1, 15, 12, tzinfo=UTC), datetime(2026, 7, 15, 12, tzinfo=UTC)):
        assert moment.astimezone().utcoffset() == moment.astimezone(zone).utcoffset()


@pytest.mark.parametrize("clock_only", [False, True], ids=["date-and-time", "time-of-day"])
def test_a_trend_through_the_repeated_hour_keeps_both_hours(
    clock_only: bool, database: Database, utc_clock: FakeUTCClock, tmp_path: Path
) -> None:
    """A TikTok US live at 00:30 Pacific on the night the clocks go back: 01:00-01:59 comes twice in the file."""
    from streamdesk.core.metrics_io import MetricsIO

    pacific = ZoneInfo("America/Los_Angeles")
    loss = autumn("America/Los_Angeles")  # 2026-11-01 09:00 UTC, 02:00 PDT → 01:00 PST
    start = loss.at - timedelta(minutes=90)  # 00:30 PDT
    show = Shows(database.sessions, clock=utc_clock).create_show(
        ShowInput("night live", platforms=(Platform.TIKTOK,), planned_start=start, currency="USD")
    )
    instants = [start + timedelta(minutes=10 * step) for step in range(19)]  # 00:30 PDT … 02:30 PST, 3 hours
    walls = [moment.astimezone(pacific) for moment in instants]
    pattern = "%H:%M" if clock_only else "%Y-%m-%d %H:%M"
    path = tmp_path / "trend.csv"
    path.write_text(
        "Time,Online\n" + "".join(f"{wall.strftime(pattern)},{100 + n}\n" for n, wall in enumerate(walls)),
        encoding="utf-8",
    )
    with computer_zone("Asia/Shanghai"):
        plan = MetricsIO(database.sessions, clock=utc_clock).plan(
            path, show, preset="mapping", platform=Platform.TIKTOK, mapping={"time": "Time", "online": "Online"}
        )
    assert len({wall.strftime("%H:%M") for wall in walls}) == len(walls) - 6  # six wall times come twice
    assert [sample.at for sample in plan.samples] == instants
    assert plan.duplicates == 0 and plan.gaps == ()


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


def test_a_fixed_start_whose_clock_time_is_skipped_on_the_shows_day_exports_with_its_date(
    changing_zone: ZoneInfo, shows: Shows, catalogue: Catalogue, tmp_path: Path
) -> None:
    """A show on the morning the clocks go forward, a segment fixed the next day at the skipped clock time: the
    export writes the full date and time, and it reads back as the same moment."""
    gain = spring(str(changing_zone))
    start = gain.at - timedelta(hours=1)
    show_id, rundown_io = _rundown_shop(shows, catalogue, start, seconds=30 * 3600)
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


def test_date_only_exports_and_own_spreadsheets_are_the_sellers_local_time(
    zone: ZoneInfo, database: Database, catalogue: Catalogue, utc_clock: FakeUTCClock, tmp_path: Path
) -> None:
    """Etsy gives dates only ("10/07/25"): the order belongs on that day on the seller's screen, wherever the
    seller is. A spreadsheet of the seller's own (a column mapping, no platform) is written in the seller's time."""
    from streamdesk.core.orders import Orders
    from streamdesk.core.orders_io import OrdersIO

    orders_io = OrdersIO(
        database.sessions, catalogue=catalogue, orders=Orders(database.sessions, clock=utc_clock), clock=utc_clock,
        zones={},
    )  # fmt: skip
    run_to_end(orders_io.apply(run_to_end(orders_io.plan(FIXTURES / "orders" / "etsy" / "EtsySoldOrders2025-10.csv"))))
    own = tmp_path / "my-orders.csv"
    own.write_text("单号,商品,数量,下单时间\nA1001,围巾,1,2026-03-29 20:05:00\n", encoding="utf-8")
    mapping = {"order_id": "单号", "title": "商品", "qty": "数量", "created_at": "下单时间"}
    run_to_end(orders_io.apply(run_to_end(orders_io.plan(own, mapping=mapping))))
    with sqlite3.connect(database.path) as raw:
        stored = {no: datetime.fromisoformat(at).replace(tzinfo=UTC) for no, at in raw.execute(
            "SELECT order_no, created_at FROM orders"
        )}  # fmt: skip
    shown = {no: moment.astimezone().strftime("%Y-%m-%d %H:%M") for no, moment in stored.items()}
    assert shown == {"3300000001": "2025-10-07 00:00", "3300000002": "2025-10-06 00:00", "A1001": "2026-03-29 20:05"}


def test_the_mapping_dialog_says_own_files_are_read_in_the_computers_zone(qapp: object, tmp_path: Path) -> None:
    from streamdesk.core.orders_io import DEFAULT_ZONES
    from streamdesk.core.products_io.reading import read_source
    from streamdesk.ui.pages.orders.mapping_dialog import MappingDialog

    path = tmp_path / "my-orders.csv"
    path.write_text("单号,下单时间\nA1001,2026-03-29 20:05:00\n", encoding="utf-8")
    dialog = MappingDialog(read_source(path), {}, platform=Platform.OTHER, zones=DEFAULT_ZONES, save=lambda *_: None)
    assert dialog.zone_label.text() == "Times without a time zone are read in this computer's time zone."
    dialog.platform_combo.setCurrentIndex(dialog.platform_combo.findData(Platform.DOUYIN))
    assert "Asia/Shanghai" in dialog.zone_label.text()
    dialog.deleteLater()


def test_the_generic_order_export_shows_local_times_and_imports_back_to_the_same_moments(
    zone: ZoneInfo, database: Database, catalogue: Catalogue, utc_clock: FakeUTCClock, tmp_path: Path
) -> None:
    from streamdesk.core.order_types import OrderFilter
    from streamdesk.core.orders import Orders
    from streamdesk.core.orders_io import OrdersIO
    from streamdesk.core.shipping_io import ShippingIO

    orders = Orders(database.sessions, clock=utc_clock)
    orders_io = OrdersIO(database.sessions, catalogue=catalogue, orders=orders, clock=utc_clock, zones={})
    run_to_end(orders_io.apply(run_to_end(orders_io.plan(FIXTURES / "orders" / "douyin_gbk.csv"))))
    target = tmp_path / "orders.csv"
    shipping = ShippingIO(orders, sender=None, clock=utc_clock, sessions=database.sessions)  # the computer's zone
    run_to_end(shipping.export(target, "generic_csv", OrderFilter()))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    beijing = _douyin_created_times()
    for row in rows:  # 20:15 Beijing time is written as the computer's clock showed it
        expected = beijing[row["order_id"]].replace(tzinfo=BEIJING).astimezone(zone)
        assert row["created_at"] == expected.strftime("%Y-%m-%d %H:%M:%S")
    mapping = {"order_id": "order_id", "title": "title", "qty": "qty", "created_at": "created_at"}
    run_to_end(orders_io.apply(run_to_end(orders_io.plan(target, mapping=mapping))))
    with sqlite3.connect(database.path) as raw:
        stored = raw.execute("SELECT platform, order_no, created_at FROM orders").fetchall()
    original = {no: at for platform, no, at in stored if platform == "douyin"}
    again = {no: at for platform, no, at in stored if platform == "other"}
    assert again == original and len(again) == len(beijing)
