"""Start-up as the user gets it: `python -m streamdesk` in a fresh process, offscreen."""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import re
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from streamdesk.db import open_database

# Imported only when the feature needs them; each costs start-up time (ARCHITECTURE, Start-up).
DEFERRED_MODULES = (
    "pandas",
    "pyqtgraph",
    "openpyxl",
    "xlsxwriter",
    "qrcode",
    "zxingcpp",
    "pyzbar",
    "PySide6.QtMultimedia",
    "PySide6.QtPrintSupport",
    # The ORM side of the data layer: the first frame needs only SQLAlchemy Core to open the database; the
    # catalogue's queries and the model classes load after the paint (about 60 ms of imports).
    "sqlmodel",
    "sqlalchemy.orm",
    "streamdesk.models.catalogue",
)


def streamdesk(*args: str, env_extra: dict[str, str] | None = None, **popen: object) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.Popen(
        [sys.executable, "-m", "streamdesk", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **popen,
    )


def run(*args: str, env_extra: dict[str, str] | None = None) -> tuple[int, str, str]:
    process = streamdesk(*args, env_extra=env_extra)
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def migrated(tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite3"
    open_database(path).dispose()
    return path


def test_first_paint_is_reported_and_no_deferred_module_is_loaded(migrated: Path, tmp_path: Path) -> None:
    modules_file = tmp_path / "modules.txt"
    code, out, err = run(
        "--db",
        str(migrated),
        "--quit-after-first-paint",
        env_extra={"STREAMDESK_FIRST_PAINT_MODULES": str(modules_file)},
    )
    assert code == 0, err
    assert re.fullmatch(r"first paint after \d+ ms\n", out), out
    loaded = set(modules_file.read_text(encoding="utf-8").split())
    assert "streamdesk.ui.main_window" in loaded and "PySide6.QtWidgets" in loaded  # the file is the real list
    early = sorted(name for name in loaded if name.split(".")[0] in DEFERRED_MODULES or name in DEFERRED_MODULES)
    assert early == [], f"imported before the first paint: {early}"


def test_a_file_that_is_not_a_database_is_refused_with_exit_2_and_left_alone(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_bytes(b"shopping list: tape, boxes, ring light\n" * 50)
    before = digest(notes)
    code, out, err = run("--db", str(notes), "--lang", "en")
    assert code == 2
    assert err.count("\n") == 1 and "is not a StreamDesk database" in err, err
    assert out == ""
    assert digest(notes) == before


def test_a_database_from_a_newer_streamdesk_is_refused_in_chinese(migrated: Path) -> None:
    with sqlite3.connect(migrated) as conn:
        conn.execute("UPDATE schema_info SET version = 999 WHERE id = 1")
    conn.close()
    before = digest(migrated)
    code, _out, err = run("--db", str(migrated), "--lang", "zh_CN")
    assert code == 2
    assert err.count("\n") == 1 and "更新版本" in err and "999" in err, err
    assert digest(migrated) == before


def test_a_second_launch_raises_the_first_window_and_exits_0(qtbot, migrated: Path, paths) -> None:
    log_file = paths.log_dir / "streamdesk.log"

    def logged(text: str) -> bool:
        return log_file.exists() and text in log_file.read_text(encoding="utf-8")

    first = streamdesk("--db", str(migrated), "--lang", "en")
    try:
        qtbot.waitUntil(lambda: logged("first paint after"), timeout=60_000)
        code, out, err = run("--db", str(migrated), "--lang", "en")
        assert code == 0, err
        assert out.count("\n") == 1 and "already open" in out and str(migrated) in out
        qtbot.waitUntil(lambda: logged("raising the window"), timeout=10_000)
        assert first.poll() is None  # the first instance keeps running
    finally:
        first.kill()
        first.communicate(timeout=60)


def test_demo_runs_on_a_throwaway_database_that_is_removed_afterwards(tmp_path: Path, paths) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    code, out, err = run("--demo", "--quit-after-first-paint", env_extra={"TMPDIR": str(scratch)})
    assert code == 0, err
    assert out.startswith("first paint after ")
    assert list(scratch.iterdir()) == []  # the demo folder is gone
    assert not paths.default_database.exists()  # and the user's own database was never created


@pytest.fixture
def restore_hooks():
    """run_gui installs process-wide hooks and a log file handler; later tests get the old ones back."""
    root = logging.getLogger()
    saved = sys.excepthook, threading.excepthook, list(root.handlers), root.level
    yield
    added = [handler for handler in root.handlers if handler not in saved[2]]
    for handler in added:
        root.removeHandler(handler)
        handler.close()
    sys.excepthook, threading.excepthook = saved[0], saved[1]
    root.setLevel(saved[3])


def test_a_clean_close_takes_a_rotated_automatic_snapshot(qtbot, migrated: Path, restore_hooks) -> None:
    """run_gui in this process: start, first paint, close the window, and find the snapshot beside the database."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from streamdesk.app import run_gui
    from streamdesk.ui.main_window import MainWindow

    closed = []

    def close_when_painted() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0]._painted:
            closed.append(windows[0].close())
            poll.stop()

    poll = QTimer()
    poll.timeout.connect(close_when_painted)
    poll.start(20)
    args = argparse.Namespace(
        db=str(migrated), lang="en", demo=False, open_backup=None, backup_copy=None, quit_after_first_paint=False
    )
    code = run_gui(args)
    assert code == 0 and closed == [True]
    snapshots = sorted((migrated.parent / "backups").glob("shop.auto-*.sqlite3"))
    assert len(snapshots) == 1
    with sqlite3.connect(snapshots[0]) as conn:
        assert conn.execute("SELECT version FROM schema_info").fetchone() is not None
    conn.close()
