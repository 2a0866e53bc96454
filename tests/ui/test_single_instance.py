"""One StreamDesk per database: real processes racing for the same lock and local server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from streamdesk.ui.single_instance import Claim, SingleInstance, instance_key

OWNER = """
import os
import sys
from pathlib import Path

import streamdesk.ui
from PySide6.QtCore import QCoreApplication, QTimer
from streamdesk.ui.single_instance import SingleInstance

mode, database, lock_dir = sys.argv[1:4]
backup = Path(sys.argv[4]) if len(sys.argv) > 4 else None
app = QCoreApplication([])
instance = SingleInstance(database, Path(lock_dir), reply_timeout_ms=500)
print(instance.claim(backup).value, flush=True)
if mode == "serve":
    instance.backup_open_requested.connect(lambda path: print("backup", path, flush=True))
    instance.raise_requested.connect(lambda: (print("raised", flush=True), QTimer.singleShot(0, app.quit)))
    app.exec()
    instance.release()
elif mode == "crash":
    os._exit(0)  # dies holding the lock, as a crash would
elif mode == "hang":
    sys.stdin.readline()  # holds the lock but never runs its event loop
"""


def start(mode: str, database: Path, lock_dir: Path, *backup: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-c", OWNER, mode, str(database), str(lock_dir), *map(str, backup)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def claim(database: Path, lock_dir: Path, *backup: Path) -> str:
    probe = start("probe", database, lock_dir, *backup)
    out, err = probe.communicate(timeout=60)
    assert probe.returncode == 0, err
    return out.strip()


@pytest.fixture
def places(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "shop.sqlite3", tmp_path / "locks"


def test_second_launch_asks_the_first_to_raise_its_window(places) -> None:
    database, lock_dir = places
    owner = start("serve", database, lock_dir)
    try:
        assert owner.stdout.readline().strip() == Claim.OURS.value
        assert claim(database, lock_dir) == Claim.RAISED_OTHER.value
        out, err = owner.communicate(timeout=60)
        assert out.strip() == "raised" and owner.returncode == 0, err
    finally:
        owner.kill()
        owner.wait()


def test_a_launch_for_a_backup_file_hands_it_to_the_first_instance(places, tmp_path: Path) -> None:
    """A double-clicked .streamdesk while StreamDesk is open on the database: the open one offers the backup."""
    database, lock_dir = places
    backup = tmp_path / "USB stick" / "店铺 备份.streamdesk"
    owner = start("serve", database, lock_dir)
    try:
        assert owner.stdout.readline().strip() == Claim.OURS.value
        assert claim(database, lock_dir, backup) == Claim.RAISED_OTHER.value
        out, err = owner.communicate(timeout=60)
        assert out.splitlines() == ["raised", f"backup {backup}"]
        assert owner.returncode == 0, err
    finally:
        owner.kill()
        owner.wait()


def test_another_database_is_not_blocked(places, tmp_path: Path) -> None:
    database, lock_dir = places
    owner = start("serve", database, lock_dir)
    try:
        assert owner.stdout.readline().strip() == Claim.OURS.value
        assert claim(tmp_path / "other.sqlite3", lock_dir) == Claim.OURS.value
    finally:
        owner.kill()
        owner.wait()


def test_a_crashed_owner_leaves_no_lock_behind(places) -> None:
    database, lock_dir = places
    crashed = start("crash", database, lock_dir)
    out, _err = crashed.communicate(timeout=60)
    assert out.strip() == Claim.OURS.value
    assert list(lock_dir.glob("*.lock")), "the crash should have left its lock file"
    assert claim(database, lock_dir) == Claim.OURS.value


def test_an_owner_that_does_not_answer_means_held_elsewhere(places) -> None:
    database, lock_dir = places
    owner = start("hang", database, lock_dir)
    try:
        assert owner.stdout.readline().strip() == Claim.OURS.value
        probe = SingleInstance(str(database), lock_dir, reply_timeout_ms=300)
        assert probe.claim() is Claim.HELD_ELSEWHERE
        assert probe.owner_pid() == owner.pid
    finally:
        owner.kill()
        owner.wait()


def test_the_same_file_spelled_differently_has_one_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lock_dir = tmp_path / "locks"
    monkeypatch.chdir(tmp_path)
    assert instance_key("shop.sqlite3", lock_dir) == instance_key(str(tmp_path / "x" / ".." / "shop.sqlite3"), lock_dir)
    assert instance_key("shop.sqlite3", lock_dir) != instance_key("other.sqlite3", lock_dir)
    assert instance_key("shop.sqlite3", lock_dir) != instance_key("shop.sqlite3", tmp_path / "another-home")


def test_release_lets_the_next_instance_in(qtbot, places) -> None:
    database, lock_dir = places
    first = SingleInstance(str(database), lock_dir)
    assert first.claim() is Claim.OURS
    first.release()
    second = SingleInstance(str(database), lock_dir)
    assert second.claim() is Claim.OURS
    second.release()
