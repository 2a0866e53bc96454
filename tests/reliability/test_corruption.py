"""A damaged database file (emptied, truncated, overwritten, damaged pages) is found when it is opened or by the
check after the first paint; the app never writes over it: it sets it aside, offers the newest good backup, and
``streamdesk check`` reports it with exit 1. Real files, real processes, run_gui in this process for the dialogs."""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import run_streamdesk
from corruption_support import HURTS, damaged_pages, truncated
from PySide6.QtCore import QProcess, QTimer
from PySide6.QtWidgets import QApplication

from streamdesk.core.backup import Backups
from streamdesk.core.backup_recovery import backup_candidates, find_newest_good_backup, set_aside
from streamdesk.core.db_health import Damage, diagnose, quick_check
from streamdesk.core.errors import DatabaseDamaged, NotAStreamDeskDatabase
from streamdesk.core.jobs import run_to_end
from streamdesk.db import open_database
from streamdesk.ui import errors as ui_errors
from streamdesk.ui.main_window import MainWindow
from streamdesk.ui.recovery_dialog import RecoveryDialog

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPECTED_DAMAGE = {
    "zero-byte": Damage.EMPTY,
    "truncated": Damage.TRUNCATED,
    "not-sqlite": Damage.NOT_SQLITE,
    "damaged-pages": Damage.DAMAGED,
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _products(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM products").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture(scope="module")
def whole_shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A current-schema database with the v6 fixture's rows, checkpointed into one file."""
    path = tmp_path_factory.mktemp("whole") / "shop.sqlite3"
    shutil.copy(FIXTURES / "schema_v6.sqlite3", path)
    open_database(path, backups_dir=path.parent / "pre-migrate").dispose()
    return path


@pytest.fixture
def shop(whole_shop: Path, tmp_path: Path) -> Path:
    """The shop in its own folder, with a good manual backup and a newer automatic snapshot that is damaged."""
    path = tmp_path / "data" / "shop.sqlite3"
    path.parent.mkdir()
    shutil.copy(whole_shop, path)
    backups = Backups(path)
    good = backups.backup().path
    os.utime(good, (1_700_000_000, 1_700_000_000))
    bad = backups.auto_snapshot().path
    truncated(bad)
    return path


@pytest.mark.parametrize("hurt", list(HURTS))
def test_each_kind_of_damage_is_diagnosed_without_writing(shop: Path, hurt: str) -> None:
    HURTS[hurt](shop)
    before, listing = _digest(shop), sorted(p.name for p in shop.parent.iterdir())
    found = quick_check(shop)
    assert found is not None and found.damage is EXPECTED_DAMAGE[hurt]
    assert (diagnose(shop) is None) == (hurt == "damaged-pages")  # only reading every page finds those
    assert _digest(shop) == before and sorted(p.name for p in shop.parent.iterdir()) == listing


@pytest.mark.parametrize("hurt", ["zero-byte", "truncated", "not-sqlite"])
def test_opening_refuses_the_file_and_leaves_it_as_it_is(shop: Path, hurt: str) -> None:
    HURTS[hurt](shop)
    before = _digest(shop)
    with pytest.raises(DatabaseDamaged if hurt != "not-sqlite" else NotAStreamDeskDatabase):
        open_database(shop)
    assert _digest(shop) == before


@pytest.mark.parametrize("hurt", list(HURTS))
def test_check_reports_each_kind_with_exit_1(shop: Path, hurt: str) -> None:
    HURTS[hurt](shop)
    before = _digest(shop)
    done = run_streamdesk("--db", str(shop), "--lang", "en", "check", "--json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is False and report["problems"], report
    good = backup_candidates(Backups(shop))[1]  # the newer automatic snapshot is damaged too: skipped
    assert report["newest_good_backup"] == str(good)
    assert "Traceback" not in done.stderr
    assert _digest(shop) == before
    said = run_streamdesk("--db", str(shop), "--lang", "en", "check")
    assert said.returncode == 1 and said.stdout.splitlines()[-1].endswith(f'streamdesk restore "{good}"')


def test_a_command_on_an_emptied_database_exits_2_with_one_line(shop: Path, tmp_path: Path) -> None:
    emptied_at = shop
    HURTS["zero-byte"](emptied_at)
    done = run_streamdesk(
        "--db", str(shop), "--lang", "en", "orders", "export", str(tmp_path / "x.csv"), "--preset", "generic_csv"
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "0 bytes" in done.stderr and "streamdesk restore" in done.stderr
    assert shop.stat().st_size == 0 and not (tmp_path / "x.csv").exists()


def test_without_a_screen_the_gui_refuses_and_changes_nothing(shop: Path) -> None:
    truncated(shop)
    before, listing = _digest(shop), sorted(p.name for p in shop.parent.iterdir())
    done = run_streamdesk("--db", str(shop), "--lang", "en")
    assert done.returncode == 2 and "cut short" in done.stderr
    assert _digest(shop) == before and sorted(p.name for p in shop.parent.iterdir()) == listing


def test_the_newest_good_backup_skips_damaged_ones(shop: Path) -> None:
    backups = Backups(shop)
    candidates = backup_candidates(backups)
    assert [p.suffix for p in candidates] == [".sqlite3", ".streamdesk"]  # the damaged snapshot is the newest
    offer = run_to_end(find_newest_good_backup(backups))
    assert offer.newest_good is not None and offer.newest_good.path == candidates[1]
    assert offer.skipped == (candidates[0],)


def test_setting_aside_never_replaces_a_file(shop: Path) -> None:
    from datetime import UTC, datetime

    moment = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)
    Path(f"{shop}-wal").write_bytes(b"log")
    first = set_aside(shop, clock=lambda: moment)
    shop.write_bytes(b"again")
    second = set_aside(shop, clock=lambda: moment)
    assert first.name == "shop.damaged-20261126T010000Z.sqlite3" and Path(f"{first}-wal").read_bytes() == b"log"
    assert second.name == "shop.damaged-20261126T010000Z-2.sqlite3" and second.read_bytes() == b"again"
    assert not shop.exists()


@pytest.fixture
def in_process(qapp, monkeypatch) -> Iterator[list[tuple[str, list[str]]]]:
    """run_gui in this process, as on a desktop (a screen to ask on), with restarts recorded instead of started."""
    root = logging.getLogger()
    saved = sys.excepthook, threading.excepthook, list(root.handlers), root.level
    monkeypatch.setattr(ui_errors, "has_screen", lambda: True)
    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        QProcess, "startDetached", lambda program, args: (started.append((program, list(args))), (True, 1))[1]
    )
    yield started
    for handler in [h for h in root.handlers if h not in saved[2]]:
        root.removeHandler(handler)
        handler.close()
    sys.excepthook, threading.excepthook = saved[0], saved[1]
    root.setLevel(saved[3])


def _poll(step: Callable[[], bool]) -> QTimer:
    timer = QTimer()
    timer.timeout.connect(lambda: step() and timer.stop())
    timer.start(20)
    return timer


def _visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def _args(shop: Path) -> argparse.Namespace:
    return argparse.Namespace(
        db=str(shop), lang="en", demo=False, open_backup=None, backup_copy=None, quit_after_first_paint=False
    )


def test_a_file_damaged_before_opening_is_set_aside_and_the_newest_good_backup_restored(shop: Path, in_process) -> None:
    from streamdesk.app import run_gui

    good = backup_candidates(Backups(shop))[1]
    truncated(shop)
    damaged_digest = _digest(shop)
    shown: list[str] = []

    def answer_then_close() -> bool:
        for dialog in _visible(RecoveryDialog):
            shown.append(dialog.offer_label.text())
            dialog.restore_button.click()
        windows = _visible(MainWindow)
        if windows and windows[0]._painted:
            windows[0].close()
            return True
        return False

    timer = _poll(answer_then_close)
    assert run_gui(_args(shop)) == 0
    timer.stop()
    assert shown and good.name in shown[0]
    kept = list(shop.parent.glob("shop.damaged-*.sqlite3"))
    assert len(kept) == 1 and _digest(kept[0]) == damaged_digest  # set aside, byte for byte
    assert quick_check(shop) is None and _products(shop) == _products(good)
    assert in_process == []  # opened in this run: no restart needed


def test_pages_damaged_while_closed_are_found_after_the_first_paint_and_recovered_on_close(
    shop: Path, in_process
) -> None:
    from streamdesk.app import run_gui

    good = backup_candidates(Backups(shop))[1]
    damaged_pages(shop)

    def restore_when_offered() -> bool:
        for dialog in _visible(RecoveryDialog):
            assert dialog.parent() is not None  # over the window: the app was running
            dialog.restore_button.click()
            return True
        return False

    timer = _poll(restore_when_offered)
    assert run_gui(_args(shop)) == 0
    timer.stop()
    assert len(list(shop.parent.glob("shop.damaged-*.sqlite3"))) == 1
    assert quick_check(shop) is None and _products(shop) == _products(good)
    assert [args[-4:] for _program, args in in_process] == [["--db", str(shop), "--lang", "en"]]


def test_a_restore_that_fails_after_setting_aside_puts_the_file_back(qtbot, shop: Path, tmp_path: Path) -> None:
    """The backup vanished between the offer and the restore (a USB stick pulled out): the damaged database, with
    its -wal, is back under its own name, and the reason is given."""
    from streamdesk.ui.recovery_flow import AfterClose, _apply
    from streamdesk.ui.tasks import TaskRunner

    truncated(shop)
    Path(f"{shop}-wal").write_bytes(b"log")
    before = _digest(shop)
    runner = TaskRunner(parent=QApplication.instance())  # as run_gui makes it: deleted with the app, after its tasks
    try:
        reason = _apply(runner, Backups(shop), AfterClose(tmp_path / "usb" / "gone.streamdesk", set_aside_damaged=True))
    finally:
        runner.shut_down()
    assert reason is not None and "gone.streamdesk" in reason
    assert _digest(shop) == before and Path(f"{shop}-wal").read_bytes() == b"log"
    assert not list(shop.parent.glob("shop.damaged-*"))
