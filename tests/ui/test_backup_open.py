"""Opening a backup file (a double-clicked .streamdesk, File → Restore from a backup…, macOS file-open events, a
second launch): the dialog says what the backup holds and offers a restore or a throwaway copy; a restore happens
after the window closed, keeps the replaced file and starts StreamDesk again on the restored data."""

from __future__ import annotations

import argparse
import hashlib
import logging
import shutil
import sqlite3
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_streamdesk
from page_support import *  # noqa: F403  (english, runner)
from PySide6.QtCore import QProcess, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from streamdesk.config import AppPaths, Settings
from streamdesk.core.backup import Backups
from streamdesk.core.backup_preview import preview_backup
from streamdesk.db import open_database
from streamdesk.ui.backup_open import BackupChoice, BackupOpenDialog
from streamdesk.ui.errors import ErrorDialog
from streamdesk.ui.main_window import MainWindow
from streamdesk.ui.startup import FileOpenEvents
from streamdesk.ui.tasks import TaskRunner

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _products(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM products").fetchone()[0])
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """The database in use: current schema, the v6 fixture's rows."""
    path = tmp_path / "data" / "shop.sqlite3"
    path.parent.mkdir()
    shutil.copy(FIXTURES / "schema_v6.sqlite3", path)
    open_database(path, backups_dir=tmp_path / "pre-migrate").dispose()
    return path


@pytest.fixture
def older_backup(shop: Path, tmp_path: Path) -> Path:
    """A backup on a USB stick taken before two products were added to the shop."""
    backup = Backups(shop).backup(tmp_path / "usb" / "shop-2026-11-01.streamdesk").path
    conn = sqlite3.connect(shop, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        row = dict(conn.execute("SELECT * FROM products ORDER BY id LIMIT 1").fetchone())
        for title in ("Silk scarf", "Wool hat"):
            fields = {**row, "title": title}
            del fields["id"]
            marks = ", ".join("?" * len(fields))
            conn.execute(f"INSERT INTO products ({', '.join(fields)}) VALUES ({marks})", tuple(fields.values()))
    finally:
        conn.close()
    return backup


@pytest.fixture
def launched(monkeypatch) -> list[tuple[str, list[str]]]:
    started: list[tuple[str, list[str]]] = []

    def start_detached(program: str, arguments: list[str]) -> tuple[bool, int]:
        started.append((program, list(arguments)))
        return True, 4242

    monkeypatch.setattr(QProcess, "startDetached", start_detached)
    return started


@pytest.fixture
def window(qtbot, runner: TaskRunner, paths: AppPaths, shop: Path) -> MainWindow:
    window = MainWindow(
        [],
        runner,
        settings=Settings(language="en"),
        settings_file=paths.settings_file,
        window_state_file=paths.config_dir / "window.ini",
        database_label=str(shop),
        backups=Backups(shop),
    )
    qtbot.addWidget(window)
    return window


def _dialog(qtbot, window: MainWindow) -> BackupOpenDialog:
    qtbot.waitUntil(lambda: window.backup_actions.dialog is not None and window.backup_actions.dialog.isVisible())
    dialog = window.backup_actions.dialog
    assert dialog is not None
    return dialog


def test_the_dialog_says_what_the_backup_holds_and_defaults_to_the_harmless_choice(
    qtbot, older_backup: Path, shop: Path
) -> None:
    dialog = BackupOpenDialog(preview_backup(older_backup), str(shop))
    qtbot.addWidget(dialog)
    assert dialog.products_label.text() == str(_products(older_backup))
    assert older_backup.name in dialog.heading.text() and str(older_backup.parent) in dialog.folder_label.text()
    assert dialog.copy_button.isDefault() and not dialog.restore_button.isDefault()
    assert str(shop) in dialog.findChild(type(dialog.products_label), "restoreExplanation").text()
    with qtbot.waitSignal(dialog.chosen) as chosen:
        dialog.restore_button.click()
    assert chosen.args == [BackupChoice.RESTORE] and dialog.result() == BackupOpenDialog.DialogCode.Accepted


def test_open_a_copy_starts_a_second_streamdesk_on_a_throwaway_copy(
    qtbot, window: MainWindow, older_backup: Path, launched
) -> None:
    window.open_backup(older_backup)
    dialog = _dialog(qtbot, window)
    assert dialog.orders_label.text() == "2"
    dialog.copy_button.click()
    assert [arguments[-2:] for _program, arguments in launched] == [["--backup-copy", str(older_backup)]]
    assert "second window" in window.statusBar().currentMessage()


def test_restore_asks_for_it_and_changes_nothing_yet(qtbot, window: MainWindow, older_backup: Path, shop: Path) -> None:
    before = _products(shop)
    window.open_backup(older_backup)
    dialog = _dialog(qtbot, window)
    with qtbot.waitSignal(window.backup_actions.restore_requested) as requested:
        dialog.restore_button.click()
    assert requested.args == [older_backup]
    assert _products(shop) == before  # run_gui restores after the window closed


def test_a_file_that_is_no_backup_is_refused_with_a_reason(qtbot, window: MainWindow, tmp_path: Path) -> None:
    text = tmp_path / "notes.streamdesk"
    text.write_text("shopping list", encoding="utf-8")
    window.open_backup(text)
    qtbot.waitUntil(lambda: isinstance(window.backup_actions.error, ErrorDialog))
    error = window.backup_actions.error
    assert error is not None and "notes.streamdesk" in error.text() and window.backup_actions.dialog is None
    assert text.read_text(encoding="utf-8") == "shopping list"


def test_back_up_to_writes_where_the_seller_chose(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "usb" / "before-the-big-show.streamdesk"
    target.parent.mkdir()
    offered: list[str] = []

    def choose(_parent, _caption, suggested: str, _filter: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    window.backup_actions.back_up_to_action.trigger()
    qtbot.waitUntil(lambda: window.backup_actions.back_up_to_action.isEnabled() and target.exists())
    assert offered[0].endswith(".streamdesk") and "shop-" in Path(offered[0]).name
    assert preview_backup(target).products == _products(window.backup_actions._backups.database_path)  # type: ignore[union-attr]
    assert str(target) in window.statusBar().currentMessage()


def test_restore_from_the_file_menu_starts_in_the_backups_folder(
    qtbot, window: MainWindow, older_backup: Path, monkeypatch
) -> None:
    folders: list[str] = []

    def choose(_parent, _caption, folder: str, _filter: str) -> tuple[str, str]:
        folders.append(folder)
        return str(older_backup), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    window.backup_actions.restore_action.trigger()
    _dialog(qtbot, window)
    assert folders == [str(Backups(Path(window.backup_actions._database_label)).backups_dir)]


def test_a_macos_file_open_event_becomes_an_opened_path(qtbot, tmp_path: Path) -> None:
    events = FileOpenEvents()
    app = QApplication.instance()
    app.installEventFilter(events)
    try:
        with qtbot.waitSignal(events.opened) as opened:
            QApplication.sendEvent(app, QFileOpenEvent(str(tmp_path / "shop.streamdesk")))
    finally:
        app.removeEventFilter(events)
    assert opened.args == [tmp_path / "shop.streamdesk"]


@pytest.fixture
def restore_hooks() -> Iterator[None]:
    """run_gui installs process-wide hooks and a log file handler; later tests get the old ones back."""
    root = logging.getLogger()
    saved = sys.excepthook, threading.excepthook, list(root.handlers), root.level
    yield
    for handler in [handler for handler in root.handlers if handler not in saved[2]]:
        root.removeHandler(handler)
        handler.close()
    sys.excepthook, threading.excepthook = saved[0], saved[1]
    root.setLevel(saved[3])


def test_run_gui_restores_after_the_window_closed_and_starts_again(
    qtbot, shop: Path, older_backup: Path, launched, restore_hooks, paths: AppPaths
) -> None:
    """--open-backup FILE as the desktop passes it: the dialog opens after the first paint; "Restore" closes the
    window, replaces the database (the current file goes to backups/) and starts StreamDesk again on it."""
    from streamdesk.app import run_gui

    newer_count, backup_count = _products(shop), _products(older_backup)
    backup_digest = _digest(older_backup)

    def restore_when_offered() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        dialog = windows[0].backup_actions.dialog if windows else None
        if dialog is not None and dialog.isVisible():
            poll.stop()
            dialog.restore_button.click()

    poll = QTimer()
    poll.timeout.connect(restore_when_offered)
    poll.start(20)
    args = argparse.Namespace(
        db=str(shop),
        lang="en",
        demo=False,
        open_backup=str(older_backup),
        backup_copy=None,
        quit_after_first_paint=False,
    )
    assert run_gui(args) == 0
    assert _products(shop) == backup_count < newer_count
    replaced = list((shop.parent / "backups").glob("shop.replaced-*.sqlite3"))
    assert len(replaced) == 1 and _products(replaced[0]) == newer_count
    assert _digest(older_backup) == backup_digest  # the backup itself is only read
    assert [arguments[-4:] for _program, arguments in launched] == [["--db", str(shop), "--lang", "en"]]
    assert not list((shop.parent / "backups").glob("shop.auto-*"))  # no snapshot of a file about to be replaced


def test_a_backup_copy_opens_in_a_throwaway_folder_and_leaves_the_backup_alone(
    tmp_path: Path, older_backup: Path, paths: AppPaths
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    before = _digest(older_backup)
    done = run_streamdesk("--backup-copy", str(older_backup), "--quit-after-first-paint", env={"TMPDIR": str(scratch)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("first paint after ")
    assert list(scratch.iterdir()) == []  # the copy is gone
    assert _digest(older_backup) == before
    assert sorted(p.name for p in older_backup.parent.iterdir()) == [older_backup.name]


def test_a_backup_copy_of_a_foreign_file_exits_2_with_one_line(tmp_path: Path, paths: AppPaths) -> None:
    photo = tmp_path / "photo.streamdesk"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    done = run_streamdesk("--backup-copy", str(photo), "--lang", "en")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "photo.streamdesk" in done.stderr
