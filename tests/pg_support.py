"""The PostgreSQL engine of the test suite (team mode).

Tests that take the ``database`` fixture run twice: on a SQLite file and on a PostgreSQL database of their own.
The server is named by STREAMDESK_TEST_PG (a URL to any database on it; .ci/run starts one on loopback with
.ci/start-postgres). Without it the PostgreSQL runs are skipped, saying why; with STREAMDESK_PG_REQUIRED=1 (set by
.ci/run) they fail instead: CI must run them.

Each test gets a fresh database copied from a template migrated once per session (CREATE DATABASE … TEMPLATE, a
few tens of milliseconds), so tests never see each other's rows and may open several databases at once.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import URL, make_url

if TYPE_CHECKING:
    import psycopg

PG_ENV = "STREAMDESK_TEST_PG"
REQUIRED_ENV = "STREAMDESK_PG_REQUIRED"
ENGINES = ("sqlite", "postgresql")
RETIRED_KEPT = 10  # test databases kept after their test, ~8 MB each


def server_url() -> URL | None:
    configured = os.environ.get(PG_ENV, "").strip()
    if not configured:
        return None
    url = make_url(configured)
    return url.set(drivername="postgresql+psycopg") if url.drivername in ("postgresql", "postgres") else url


def require_server() -> URL:
    """The server's URL, or skip (fail under STREAMDESK_PG_REQUIRED=1) when there is none."""
    url = server_url()
    if url is None:
        reason = f"no PostgreSQL server for team-mode tests: set {PG_ENV} (see .ci/start-postgres)"
        if os.environ.get(REQUIRED_ENV) == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return url


def _admin(url: URL) -> psycopg.Connection[Any]:
    import psycopg

    return psycopg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, dbname="postgres", autocommit=True
    )


class Server:
    """One PostgreSQL server: makes and drops the test databases of this session (of this worker)."""

    def __init__(self, url: URL) -> None:
        self.url = url
        self.prefix = f"sdt_{uuid.uuid4().hex[:8]}"
        self._numbers = itertools.count(1)
        self._template: str | None = None
        self._made: list[str] = []
        self._retired: list[str] = []

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def empty_database(self) -> str:
        """A new, empty database's URL (what a host hands out before the first start)."""
        return self.url_of(self._create(None))

    def migrated_database(self) -> str:
        """A new database with StreamDesk's schema (a copy of the session's template)."""
        if self._template is None:
            from streamdesk.db import open_database

            template = self._create(None)
            open_database(self.url_of(template)).dispose()
            self._template = template
        return self.url_of(self._create(self._template))

    def _create(self, template: str | None) -> str:
        name = f"{self.prefix}_{next(self._numbers)}"
        statement = f'CREATE DATABASE "{name}"'
        if template:
            statement += f' TEMPLATE "{template}"'
        with _admin(self.url) as conn:
            if template and conn.info.server_version >= 150000:
                statement += " STRATEGY FILE_COPY"  # half the time of 15's default WAL_LOG for a small database
            conn.execute(statement)
        self._made.append(name)
        return name

    def retire(self, name: str) -> None:
        """Drop a test's database a few tests later: a page's pool thread may still finish a query of the test that
        just ended, and should find its database there, not an error in the next test's output."""
        self._retired.append(name)
        while len(self._retired) > RETIRED_KEPT:
            self.drop(self._retired.pop(0))

    def drop(self, name: str) -> None:
        with _admin(self.url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def drop_all(self) -> None:
        for name in reversed(self._made):
            self.drop(name)
        self._made.clear()


@pytest.fixture(scope="session")
def _pg_server() -> Iterator[Server | None]:
    url = server_url()
    server = Server(url) if url is not None else None
    yield server
    if server is not None:
        server.drop_all()


@pytest.fixture
def pg_server(_pg_server: Server | None) -> Server:
    """The PostgreSQL server (skips or fails the test when there is none, see the module docstring)."""
    require_server()
    assert _pg_server is not None
    return _pg_server


def query(target: str | Path, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` from a test's database, file or URL, as SQLite hands them over: a time as its stored text
    (``2026-01-05 12:00:00.000000``), a boolean as 0/1, a NUMERIC sum as an int. Tests written against the file keep
    their expectations on both engines."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    if "://" in str(target):
        url: URL | str = make_url(str(target))
        if isinstance(url, URL) and url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
    else:
        url = f"sqlite:///{target}"
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return [tuple(as_sqlite(v) for v in row) for row in conn.execute(text(sql), params or {})]
    finally:
        engine.dispose()


def as_sqlite(value: Any) -> Any:
    """A value read from either engine as SQLite hands it over (see ``query``)."""
    if isinstance(value, datetime):
        return value.isoformat(" ", "microseconds")
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
