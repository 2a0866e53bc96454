"""What a backup holds, read before a restore (streamdesk/core/backup_preview.py): on a private copy, never
writing to the file, refusing what a restore would refuse."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from streamdesk.core.backup import Backups
from streamdesk.core.backup_preview import preview_backup
from streamdesk.core.errors import NotAStreamDeskDatabase, SchemaTooNew, UserError
from streamdesk.db import open_database
from streamdesk.migrations import SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    """A backup taken by ``Backups.backup`` of a current database with the v6 fixture's rows."""
    shop = tmp_path / "data" / "shop.sqlite3"
    shop.parent.mkdir()
    shutil.copy(FIXTURES / "schema_v6.sqlite3", shop)
    open_database(shop, backups_dir=tmp_path / "pre-migrate").dispose()
    return Backups(shop).backup().path


def test_the_counts_and_the_latest_change_are_read_without_touching_the_file(backup: Path) -> None:
    before = _digest(backup), backup.stat().st_mtime_ns
    preview = preview_backup(backup)
    with sqlite3.connect(backup) as conn:
        expected = [
            conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in ("products", "orders", "shows")
        ]
        newest = conn.execute("SELECT MAX(updated_at) FROM orders").fetchone()[0]
    conn.close()
    assert backup.suffix == ".streamdesk"
    assert [preview.products, preview.orders, preview.shows] == expected and preview.products > 0
    assert preview.last_change_at is not None and preview.last_change_at >= datetime.fromisoformat(newest).replace(
        tzinfo=UTC
    )
    assert preview.schema_version == SCHEMA_VERSION and not preview.older_version
    assert preview.size_bytes == backup.stat().st_size
    assert (_digest(backup), backup.stat().st_mtime_ns) == before
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]  # no -wal, -shm or copy beside it


def test_a_backup_from_an_earlier_version_says_it_will_be_upgraded(tmp_path: Path) -> None:
    old = tmp_path / "old.streamdesk"
    shutil.copy(FIXTURES / "schema_v1.sqlite3", old)
    preview = preview_backup(old)
    assert preview.schema_version == 1 and preview.older_version
    assert _digest(old) == _digest(FIXTURES / "schema_v1.sqlite3")


def test_an_empty_shop_has_no_latest_change(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite3"
    open_database(empty).dispose()
    preview = preview_backup(empty)
    assert (preview.products, preview.orders, preview.shows, preview.last_change_at) == (0, 0, 0, None)


def test_files_a_restore_would_refuse_are_refused_with_its_reasons(tmp_path: Path, backup: Path) -> None:
    with pytest.raises(UserError) as missing:
        preview_backup(tmp_path / "nowhere.streamdesk")
    assert missing.value.code == "restore.missing"

    text = tmp_path / "notes.streamdesk"
    text.write_text("not a database", encoding="utf-8")
    with pytest.raises(NotAStreamDeskDatabase):
        preview_backup(text)

    damaged = tmp_path / "damaged.streamdesk"
    data = bytearray(backup.read_bytes())
    data[4096 : 4096 * 3] = b"\xff" * (4096 * 2)  # pages 2 and 3: b-tree pages of the schema's first tables
    damaged.write_bytes(bytes(data))
    with pytest.raises(UserError) as broken:
        preview_backup(damaged)
    assert broken.value.code in ("restore.damaged", "db.not_streamdesk")

    newer = tmp_path / "newer.streamdesk"
    shutil.copy(backup, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE schema_info SET version = 999")
    conn.close()
    with pytest.raises(SchemaTooNew):
        preview_backup(newer)
