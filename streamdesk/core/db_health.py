"""Is the database file whole? Read-only diagnosis of the ways a laptop's database file gets hurt: emptied (a copy
or a sync cut short), truncated (the disk filled, the battery died mid-copy), overwritten with something else, or
with damaged pages inside. Nothing here writes to the file, and a file without a -wal/-shm beside it is left
without one.

``diagnose`` looks at the structure only and is cheap enough for every start; ``quick_check`` reads every page
(SQLite's PRAGMA quick_check) and runs after the first paint, off the GUI thread.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from streamdesk.core.storage import is_storage_failure
from streamdesk.db import SQLITE_MAGIC

_HEADER_BYTES = 100
_MAX_QUICK_CHECK_LINES = 20


class Damage(StrEnum):
    EMPTY = "empty"  # 0 bytes where a database was
    NOT_SQLITE = "not_sqlite"  # something else: a picture, a zip, random bytes
    TRUNCATED = "truncated"  # shorter than its own header says
    UNREADABLE = "unreadable"  # SQLite cannot read its table list
    DAMAGED = "damaged"  # quick_check found broken pages or indexes


@dataclass(frozen=True, slots=True)
class Diagnosis:
    path: Path
    damage: Damage
    detail: str = ""  # SQLite's own words, or the sizes for a truncated file

    @property
    def code(self) -> str:
        """The message code (streamdesk.messages) that says what is wrong."""
        return f"db.damage_{self.damage.value}"


def diagnose(path: Path) -> Diagnosis | None:
    """What is structurally wrong with the existing file ``path``, or None if nothing is (or it does not exist)."""
    if not path.is_file():
        return None
    size = path.stat().st_size
    if size == 0:
        return Diagnosis(path, Damage.EMPTY)
    with path.open("rb") as handle:
        header = handle.read(_HEADER_BYTES)
    if not header.startswith(SQLITE_MAGIC):
        return Diagnosis(path, Damage.NOT_SQLITE)
    if len(header) < _HEADER_BYTES:
        return Diagnosis(path, Damage.TRUNCATED, f"{size} < {_HEADER_BYTES} bytes")
    expected = _size_in_header(header)
    wal = Path(f"{path}-wal")
    log_holds_pages = wal.is_file() and wal.stat().st_size > 0  # a checkpoint cut short: the log has the rest
    if expected is not None and size < expected and not log_holds_pages:
        return Diagnosis(path, Damage.TRUNCATED, f"{size} < {expected} bytes")
    try:
        conn = _read_only(path)
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if is_storage_failure(exc):
            return None  # not damage: a full disk or read-only folder, which open_database says so (core.storage)
        return Diagnosis(path, Damage.UNREADABLE, str(exc))
    return None


def quick_check(path: Path) -> Diagnosis | None:
    """``diagnose``, then every page read by PRAGMA quick_check (with the WAL, if one is beside the file)."""
    found = diagnose(path)
    if found is not None or not path.is_file():
        return found
    try:
        conn = _read_only(path)
        try:
            rows = conn.execute(f"PRAGMA quick_check({_MAX_QUICK_CHECK_LINES})").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if is_storage_failure(exc):
            return None  # cannot read it here and now (no room for its -shm, a read-only folder): not damage
        return Diagnosis(path, Damage.DAMAGED, str(exc))
    lines = [str(row[0]) for row in rows]
    if lines == ["ok"]:
        return None
    return Diagnosis(path, Damage.DAMAGED, "; ".join(lines[:3]))


def _size_in_header(header: bytes) -> int | None:
    """Page size × page count from the header, when the header's count is valid (SQLite file format §1.3.7:
    "in-header database size" is only trusted when the version-valid-for number matches the change counter)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    change_counter = int.from_bytes(header[24:28], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    if pages == 0 or valid_for != change_counter or page_size < 512:
        return None
    return page_size * pages


def _read_only(path: Path) -> sqlite3.Connection:
    """A reader that changes nothing. Without a WAL beside the file, ``immutable=1``: no locks and no -wal/-shm
    created (a WAL-mode file would get both from a mode=ro reader). With one (the app has the file open, or was
    killed), mode=ro, so the log's committed pages are read too."""
    if Path(f"{path}-wal").exists():
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    return sqlite3.connect(f"file:{path}?immutable=1", uri=True, isolation_level=None)
