"""Shared by the time-zone tests (test_time_zones.py: shows, screens, rundowns, live runs; test_time_zones_imports.py:
platform exports and imports): switching the computer's zone in this process, each zone's real 2026 clock changes
from the tz database, and the fixtures.

The computer's zone is switched with ``TZ`` + ``time.tzset()``: Python's ``astimezone()`` and Qt's local time both
follow it. Zones: Europe/Berlin and America/New_York (one-hour summer time), Asia/Shanghai (no summer time: the
Chinese platforms' exports), Australia/Lord_Howe (a 30-minute change) and Pacific/Chatham (+12:45/+13:45, changing
at 02:45).
"""

from __future__ import annotations

import csv
import os
import shutil
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
from streamdesk.core.rundown_io import RundownIO
from streamdesk.core.show_types import ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import Database, open_database

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


def rundown_shop(shows: Shows, catalogue: Catalogue, start: datetime, seconds: int = 4 * 3600) -> tuple[int, RundownIO]:
    show_id = shows.create_show(ShowInput(title="夜场", planned_start=start, planned_seconds=seconds))
    return show_id, RundownIO(shows, catalogue)  # as the app builds it: times in the computer's zone


def write_rundown_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["position", "title", "planned", "fixed_start"], *rows])
    return path


def douyin_created_times() -> dict[str, datetime]:
    with (FIXTURES / "orders" / "douyin_gbk.csv").open(encoding="gbk", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {row["主订单编号"].strip(): datetime.fromisoformat(row["订单提交时间"].replace("/", "-")) for row in rows}
