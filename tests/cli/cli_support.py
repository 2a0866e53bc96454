"""Helpers of the CLI tests: run the command in a subprocess and look into the database it wrote.

The ``home`` fixture comes with ``from cli_support import *``; the helpers are imported by name. (Not a conftest.py:
the unit tests import tests/conftest.py as ``conftest``, and a second one would shadow it.)
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

__all__ = ["home"]  # the fixture, for ``from cli_support import *`` (a name import would trip F811 on each test)

ROOT = Path(__file__).resolve().parents[2]


def run(home: Path, db: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """``streamdesk --lang LANG --db DB ARGS`` with its own home, Qt offscreen; never raises on a failing exit."""
    return _run({**os.environ, "STREAMDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}, db, args, lang)


def run_without_display(home: Path, db: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """As ``run``, in Shanghai time and with no display and no Qt platform set: the PDF commands must find their
    own way to an offscreen QGuiApplication, as they do on a server."""
    env = {**os.environ, "STREAMDESK_HOME": str(home), "TZ": "Asia/Shanghai"}
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    return _run(env, db, args, lang)


def _run(env: dict[str, str], db: Path, args: tuple[str, ...], lang: str) -> subprocess.CompletedProcess[str]:
    env.pop("STREAMDESK_DB", None)  # --db alone names the database
    return subprocess.run(
        [sys.executable, "-m", "streamdesk", "--lang", lang, "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=180,
        check=False,
    )


def count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def digest(db: Path) -> str:
    """The database file's bytes, hashed: equal digests mean a command wrote nothing."""
    return hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A STREAMDESK_HOME of the test's own, so no run touches the user's folders or another test's settings."""
    path = tmp_path / "home"
    path.mkdir()
    return path
