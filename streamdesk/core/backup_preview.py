"""What a backup file holds, read before anyone restores it: the dialog that opens for a double-clicked
``.streamdesk`` file shows this so the seller can tell an old copy from a recent one.

The file is checked and read on a private copy (backup.prepare_copy), so a backup on a USB stick or in a mail
attachment folder is never written to, and a damaged or foreign file is refused with the same messages a restore
gives.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from streamdesk.core.backup import prepare_copy, remove_with_sidecars
from streamdesk.core.errors import UserError
from streamdesk.migrations import SCHEMA_VERSION

# (count field, table); archived products still count: they are part of what a restore brings back
_COUNTED = (("products", "products"), ("orders", "orders"), ("shows", "shows"))
_CHANGED_IN = ("products", "variants", "orders", "shows", "stock_moves")


@dataclass(frozen=True, slots=True)
class BackupPreview:
    path: Path
    size_bytes: int
    modified_at: datetime  # aware UTC: the file's modification time
    schema_version: int
    products: int
    orders: int
    shows: int
    last_change_at: datetime | None  # aware UTC: the newest change recorded in it; None for an empty shop

    @property
    def older_version(self) -> bool:
        """Made by an earlier StreamDesk: restoring it upgrades it the next time it is opened."""
        return self.schema_version < SCHEMA_VERSION


def preview_backup(source: Path) -> BackupPreview:
    """Check ``source`` and count what is in it. UserError (restore.missing, restore.damaged, db.not_streamdesk,
    db.schema_too_new) for a file that could not be restored either."""
    source = Path(source).expanduser().resolve()
    if not source.is_file():
        raise UserError("restore.missing", path=str(source))
    with tempfile.TemporaryDirectory(prefix="streamdesk-preview-") as folder:
        copy = Path(folder) / "preview.sqlite3"
        try:
            version = prepare_copy(source, copy)
            counts, last_change = _read_counts(copy, source)
        finally:
            remove_with_sidecars(copy)
    stat = source.stat()
    return BackupPreview(
        path=source,
        size_bytes=stat.st_size,
        modified_at=datetime.fromtimestamp(stat.st_mtime, UTC),
        schema_version=version,
        products=counts["products"],
        orders=counts["orders"],
        shows=counts["shows"],
        last_change_at=last_change,
    )


def _read_counts(path: Path, source: Path) -> tuple[dict[str, int], datetime | None]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = {
            field: int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]) if table in tables else 0
            for field, table in _COUNTED
        }
        stamps = [
            conn.execute(f"SELECT MAX(updated_at) FROM {table}").fetchone()[0]
            for table in _CHANGED_IN
            if table in tables and _has_column(conn, table, "updated_at")
        ]
    except sqlite3.DatabaseError as exc:
        raise UserError("restore.damaged", path=str(source)) from exc
    finally:
        conn.close()
    moments = [_utc(stamp) for stamp in stamps if isinstance(stamp, str)]
    return counts, max((moment for moment in moments if moment is not None), default=None)


def _has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return any(row[1] == column for row in conn.execute(f"PRAGMA table_info({table})"))


def _utc(stamp: str) -> datetime | None:
    """The database's UTC time stamps (``2025-12-01 11:05:00.000000``), naive as stored."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
