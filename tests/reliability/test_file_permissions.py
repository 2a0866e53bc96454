"""The seller's data is readable by its owner only (issue 10): 0600 files, 0700 folders, on POSIX, whatever the
umask (the usual 022 and a careless 000).

Covered: the database file and its -wal/-shm (and the folder made for it), a manual backup, the automatic snapshot, the pre-migrate copy, the copy
a restore keeps of the replaced database, the restored database, the backups folder, the log file (and a rotated
one) and its folder, settings.toml and the folder made for it. In-process for each piece, plus real CLI processes started with umask 000.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from streamdesk.config import Settings, save_settings
from streamdesk.core.backup import Backups
from streamdesk.db import open_database
from streamdesk.logs import setup_logging

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OLDEST_FIXTURE = FIXTURES / "schema_v1.sqlite3"
PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def not_private(paths: list[Path]) -> list[str]:
    """``path (mode)`` of every path that exists and can be read by someone other than its owner."""
    wrong = []
    for path in paths:
        assert path.exists(), f"{path} was not written"
        expected = PRIVATE_FOLDER if path.is_dir() else PRIVATE_FILE
        if mode(path) != expected:
            wrong.append(f"{path.name} ({mode(path):o})")
    return wrong


@pytest.fixture(params=[0o022, 0o000], ids=["umask022", "umask000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


@pytest.fixture
def root_logger_restored() -> Iterator[None]:
    """setup_logging adds a file handler to the root logger: take it away again after the test."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_database_and_its_wal_and_shm(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "data" / "shop.sqlite3"
    database = open_database(path)
    try:
        with database.engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS scratch (x)")
            conn.exec_driver_sql("INSERT INTO scratch VALUES (1)")
        sidecars = [path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        assert not_private([path.parent, path, *sidecars]) == []  # the folder made for it too
    finally:
        database.dispose()


def test_backups_and_their_folder(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "shop.sqlite3"
    open_database(path).dispose()
    backups = Backups(path)
    manual = backups.backup().path
    automatic = backups.auto_snapshot().path
    chosen = backups.backup(tmp_path / "elsewhere" / "mine.streamdesk").path
    restored = backups.restore(manual)
    assert restored.replaced_copy is not None
    assert not_private([backups.backups_dir, manual, automatic, chosen, restored.replaced_copy, path]) == []


def test_pre_migrate_copy_and_its_folder(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(OLDEST_FIXTURE, path)
    os.chmod(path, 0o600)  # the seller's own file as an earlier StreamDesk left it
    open_database(path).dispose()
    folder = tmp_path / "backups"
    copies = list(folder.glob("pre-migrate-v1-*.sqlite3"))
    assert len(copies) == 1
    assert not_private([folder, copies[0], path]) == []


def test_log_file_and_folder(tmp_path: Path, umask: int, root_logger_restored: None) -> None:
    log_dir = tmp_path / "logs"
    log_file = setup_logging(log_dir)
    logging.getLogger("streamdesk.test").info("a line")
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler))
    handler.flush()
    handler.doRollover()  # the new file after a rotation is created the same way
    logging.getLogger("streamdesk.test").info("another line")
    assert not_private([log_dir, log_file, log_file.with_name(log_file.name + ".1")]) == []


def test_settings_file(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "config" / "settings.toml"
    save_settings(Settings(language="en", business_name="小鱼的店"), path)
    save_settings(Settings(language="zh_CN", business_name="小鱼的店"), path)  # replaced, not rewritten in place
    assert not_private([path.parent, path]) == []


def test_cli_processes_with_umask_000(tmp_path: Path) -> None:
    """A real process: a product import creates the database, its folder's log and the log file."""
    home = tmp_path / "home"
    db = tmp_path / "shop.sqlite3"
    source = tmp_path / "products.csv"
    source.write_text("商品名称,商家编码,售价,库存\n冰丝防晒衣,FS-W-M,99.00,5\n", encoding="utf-8")
    env = {**os.environ, "STREAMDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}

    def run(*args: str) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "streamdesk", "--db", str(db), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=lambda: os.umask(0),
        )
        assert done.returncode == 0, done.stderr

    run("products", "import", str(source))
    log_dir = next(home.rglob("streamdesk.log")).parent
    assert not_private([db, log_dir, log_dir / "streamdesk.log"]) == []
