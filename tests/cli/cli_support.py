"""Helpers of the CLI tests: run the command in a subprocess and look into the database it wrote.

The fixtures ``home`` and ``cli_db`` come with ``from cli_support import *``; the helpers are imported by name. (Not a
conftest.py: the unit tests import tests/conftest.py as ``conftest``, and a second one would shadow it.)

A test taking ``cli_db`` runs twice, as the ``database`` tests do (tests/conftest.py): ``--db`` is a SQLite file, or
the URL of a fresh PostgreSQL database of its own (team mode). ``count``, ``rows`` and ``digest`` read either.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, make_url, text

from streamdesk.db import is_url, server_url

__all__ = ["cli_db", "home"]  # the fixtures, for ``from cli_support import *`` (a name import would trip F811)

ROOT = Path(__file__).resolve().parents[2]

Target = Path | str  # a SQLite file, or a PostgreSQL URL


def run(
    home: Path, db: Target, *args: str, lang: str = "en", env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``streamdesk --lang LANG --db DB ARGS`` with its own home, Qt offscreen; never raises on a failing exit."""
    environment = {**os.environ, "STREAMDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return _run(environment, home, db, args, lang)


def run_without_display(home: Path, db: Target, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """As ``run``, in Shanghai time and with no display and no Qt platform set: the PDF commands must find their
    own way to an offscreen QGuiApplication, as they do on a server."""
    env = {**os.environ, "STREAMDESK_HOME": str(home), "TZ": "Asia/Shanghai"}
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    return _run(env, home, db, args, lang)


def _run(
    env: dict[str, str], home: Path, db: Target, args: tuple[str, ...], lang: str
) -> subprocess.CompletedProcess[str]:
    env.pop("STREAMDESK_DB", None)  # --db alone names the database
    done = subprocess.run(
        [sys.executable, "-m", "streamdesk", "--lang", lang, "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=180,
        check=False,
    )
    assert_password_kept(db, done, home)
    return done


def assert_password_kept(db: Target, done: subprocess.CompletedProcess[str], home: Path) -> None:
    """A server's password, given in the --db URL, appears neither in the command's output nor in its log."""
    password = make_url(str(db)).password if is_url(db) else None
    if not password:
        return
    assert password not in done.stdout + done.stderr, done.stdout + done.stderr
    for log in (home / "logs").glob("*.log*"):
        assert password not in log.read_text(encoding="utf-8", errors="replace"), log


def rows(db: Target, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """The rows of one query (``:name`` parameters) on either engine, as tuples."""
    if is_url(db):
        engine = create_engine(server_url(str(db)))
        try:
            with engine.connect() as conn:
                return [tuple(row) for row in conn.execute(text(sql), params)]
        finally:
            engine.dispose()
    conn = sqlite3.connect(db)
    try:
        return [tuple(row) for row in conn.execute(sql, params)]
    finally:
        conn.close()


def count(db: Target, table: str) -> int:
    return int(rows(db, f"SELECT COUNT(*) FROM {table}")[0][0])


def digest(db: Target) -> str:
    """What the database holds, hashed: equal digests mean a command wrote nothing.

    A SQLite file: its bytes (not a page may change). A server database: every row of every table, each table's
    rows as text in a fixed order (an identity sequence a rolled-back insert moved on is not a row, and not in it).
    """
    if not is_url(db):
        return hashlib.sha256(Path(db).read_bytes()).hexdigest()
    tables = [
        name
        for (name,) in rows(
            db,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE' ORDER BY table_name",
        )
    ]
    assert tables, f"{db}: no tables"
    engine = create_engine(server_url(str(db)))
    hashed = hashlib.sha256()
    try:
        with engine.connect() as conn:
            for table in tables:
                hashed.update(f"\0{table}\0".encode())
                for (row,) in conn.execute(text(f'SELECT t::text FROM "{table}" AS t ORDER BY t::text COLLATE "C"')):
                    hashed.update(row.encode() + b"\n")
    finally:
        engine.dispose()
    return hashed.hexdigest()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A STREAMDESK_HOME of the test's own, so no run touches the user's folders or another test's settings."""
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def cli_db(database_target: Target) -> Target:
    """The ``--db`` of a CLI test, on each engine (``engine`` in tests/conftest.py): a SQLite file not made yet (the
    first command, or ``open_database``, makes it), or the URL of a fresh migrated PostgreSQL database."""
    return database_target
