"""Shared fixtures. Qt must run offscreen and StreamDesk must never touch the real user folders."""

from __future__ import annotations

import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pg_support import ENGINES, Server, _pg_server, pg_server  # noqa: F401  (fixtures, for every test)

from streamdesk.config import AppPaths, Settings
from streamdesk.db import Database, open_database


@dataclass
class FakeClock:
    """A clock the test moves by hand: ``clock.now += 5`` (seconds). Callable like time.monotonic."""

    now: float = 0.0

    def __call__(self) -> float:
        return self.now


class FakeUTCClock:
    """A wall clock for services that stamp rows: starts at 2026-01-05 12:00 UTC, moved with ``advance``."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 1, 5, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("streamdesk-home")
    monkeypatch.setenv("STREAMDESK_HOME", str(home))
    monkeypatch.delenv("STREAMDESK_DB", raising=False)
    return home


@pytest.fixture(autouse=True)
def _quiet_leftover_widgets() -> Iterator[None]:
    """After a test, widgets it left alive stop their timers: a page's minute refresh (the warm-up page's) kept
    reading a database that a later test's teardown had dropped (PostgreSQL), failing whichever test was running."""
    yield
    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            for widget in QApplication.allWidgets():
                for timer in widget.findChildren(QTimer):
                    timer.stop()


@pytest.fixture(autouse=True)
def _empty_pixmap_cache() -> None:
    """Qt's process-wide pixmap cache would hand a test the images an earlier test loaded (the [postgresql] run of
    a test finds its [sqlite] twin's thumbnails). Only where a test has imported Qt already."""
    if "PySide6.QtGui" in sys.modules:
        from PySide6.QtGui import QPixmapCache

        QPixmapCache.clear()


@pytest.fixture
def paths(_isolated_home: Path) -> AppPaths:
    return AppPaths.default()


@pytest.fixture
def settings() -> Settings:
    return Settings(language="en", currency="CNY")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite3"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Figures a test measured (``record_property("measured", line)``: the claim checker's precision and recall)
    printed after the run, pass or fail; the properties travel with the reports, so pytest-xdist keeps them."""
    lines = [
        str(value)
        for outcome in ("passed", "failed")
        for report in terminalreporter.stats.get(outcome, [])
        for name, value in getattr(report, "user_properties", ())
        if name == "measured" and getattr(report, "when", "call") == "call"
    ]
    if lines:
        terminalreporter.section("measured")
        for line in lines:
            terminalreporter.write_line(line)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test marked ``sqlite_only("why")`` is about the SQLite file itself (its bytes, backups of it, damage to
    it): its PostgreSQL run is left out rather than skipped, since there is nothing there to test."""
    kept, left_out = [], []
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        callspec = getattr(item, "callspec", None)
        on_server = callspec is not None and callspec.params.get("engine") == "postgresql"
        if marker is not None and not marker.args:
            raise pytest.UsageError(f"{item.nodeid}: sqlite_only needs the reason as its argument")
        (left_out if marker is not None and on_server else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """The engine the test's database runs on: every test that takes ``database`` runs on both (pg_support)."""
    return str(request.param)


@pytest.fixture
def database_target(engine: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[str | Path]:
    """Where the test's database lives: the SQLite file ``db_path``, or the URL of a fresh PostgreSQL database
    (dropped a few tests later, pg_support.Server.retire)."""
    if engine == "sqlite":
        yield db_path
        return
    server: Server = request.getfixturevalue("pg_server")
    url = server.migrated_database()
    yield url
    server.retire(url.rsplit("/", 1)[1])


@pytest.fixture
def database(database_target: str | Path) -> Iterator[Database]:
    database = open_database(database_target)
    yield database
    database.dispose()


@pytest.fixture
def utc_clock() -> FakeUTCClock:
    return FakeUTCClock()


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


def run_streamdesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m streamdesk ARGS`` in a real process, offscreen, as a user starts it (the test's STREAMDESK_HOME
    is inherited from the environment)."""
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "streamdesk", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        check=False,
    )
