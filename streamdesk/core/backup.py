"""Manual backups, automatic snapshots with rotation, restore, and the database check.

Everything here works on the SQLite file itself; a server database (team mode) is backed up by the server's own
tools. Copies are made with SQLite's backup API (consistent while the app has the file open in WAL mode) and are
readable by the owner only. File names carry the database's name and a UTC time stamp:

    backups/shop.backup-20260105T120000Z.streamdesk  ``streamdesk backup``, File → Back up now
    backups/shop.auto-20260105T120000Z.sqlite3       on a clean close of the app; rotated
    backups/shop.replaced-20260105T120000Z.sqlite3   the database a restore replaced

Backups a seller takes get the ``.streamdesk`` extension, which the installers associate with StreamDesk: opening
one offers to restore it (ui/backup_open.py). Whatever the name, a backup is a plain SQLite file.
"""

from __future__ import annotations

import glob
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Generator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from streamdesk.core.errors import NotAStreamDeskDatabase, SchemaTooNew, UserError
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.db import SQLITE_MAGIC, create_private_file, probe_schema_version, snapshot
from streamdesk.migrations import SCHEMA_VERSION

log = logging.getLogger(__name__)

_STAMP = "%Y%m%dT%H%M%SZ"
_SQLITE_CORRUPT = 11  # primary result code; FTS5 reports a mismatched index as SQLITE_CORRUPT_VTAB (11 | 1 << 8)
_MAX_INTEGRITY_LINES = 100
BACKUP_SUFFIX = ".streamdesk"
SIDECAR_SUFFIXES = ("-wal", "-shm")  # SQLite's write-ahead log and its index, beside the database file


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    taken_at: datetime  # aware UTC, read from the file name
    automatic: bool
    size_bytes: int


@dataclass(frozen=True, slots=True)
class RestoreSummary:
    database: Path
    restored_from: Path
    replaced_copy: Path | None  # where the database that was there before now is; None if there was none
    schema_version: int  # of the restored file; an older one is upgraded the next time it is opened


@dataclass(frozen=True, slots=True)
class CheckProblem:
    code: str  # a message code in streamdesk.messages ("check.ledger", …)
    fields: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True, slots=True)
class CheckReport:
    database: Path
    problems: tuple[CheckProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows cannot open a directory and does not need it."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sidecars(path: Path) -> tuple[Path, Path]:
    wal, shm = SIDECAR_SUFFIXES
    return path.with_name(path.name + wal), path.with_name(path.name + shm)


def remove_with_sidecars(path: Path) -> None:
    """Delete a database file and its -wal/-shm, whichever exist."""
    for candidate in (path, *_sidecars(path)):
        candidate.unlink(missing_ok=True)


def remove_killed_leftovers(folder: Path, pattern: str) -> None:
    """Remove what a copy killed midway left in ``folder`` (SIGKILL, a battery that died while the app closed): a
    snapshot's part file, a restore's hidden incoming file or the part file of the copy it sets aside. The next copy
    gets a new time-stamped name, so nothing else would ever remove them."""
    for leftover in folder.glob(pattern):
        try:
            leftover.unlink(missing_ok=True)
        except OSError as exc:  # a read-only folder: the copy that follows says so
            log.warning("could not remove %s: %s", leftover, exc)


def _copy_private(source: Path, dest: Path) -> None:
    """Copy bytes into a new 0600 file (copyfile keeps the mode of the file it writes into)."""
    create_private_file(dest)
    shutil.copyfile(source, dest)


def _copy_whole(source: Path, dest: Path) -> None:
    """_copy_private through ``<dest>.part`` and a rename: a copy killed midway is never left with the final name,
    looking like a backup (the next restore removes the part file)."""
    part = dest.with_name(dest.name + ".part")
    part.unlink(missing_ok=True)
    _copy_private(source, part)
    part.replace(dest)


class Backups:
    """Backups of one database file, kept in ``backups_dir`` (default: ``backups/`` beside it)."""

    def __init__(
        self,
        database_path: Path,
        *,
        backups_dir: Path | None = None,
        keep_last: int = 10,
        keep_daily_days: int = 30,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._path = Path(database_path).expanduser().resolve()
        self._dir = backups_dir or self._path.parent / "backups"
        self._keep_last = keep_last
        self._keep_daily_days = keep_daily_days
        self._clock = clock
        stem = re.escape(self._path.stem)
        self._auto_name = re.compile(rf"^{stem}\.auto-(\d{{8}}T\d{{6}}Z)(?:-(\d+))?\.sqlite3$")

    @property
    def database_path(self) -> Path:
        return self._path

    @property
    def backups_dir(self) -> Path:
        return self._dir

    # --- taking copies ----------------------------------------------------------------------------------------
    def backup(self, out: Path | None = None) -> BackupFile:
        """Copy the database to ``out`` (replacing it) or to a new time-stamped file in the backups folder."""
        self._require_streamdesk_file(allow_newer=True)
        now = self._clock()
        if out is None:
            remove_killed_leftovers(self._dir, f"{glob.escape(self._path.stem)}.backup-*.part*")
            dest = self._free_name(f"{self._path.stem}.backup", now, BACKUP_SUFFIX)
        else:
            dest = Path(out).expanduser().resolve()
            if dest == self._path or dest in _sidecars(self._path):
                raise UserError("backup.same_file", path=str(dest))
        snapshot(self._path, dest)
        log.info("backed up %s to %s", self._path, dest)
        return BackupFile(path=dest, taken_at=now, automatic=False, size_bytes=dest.stat().st_size)

    def auto_snapshot(self) -> BackupFile:
        """The automatic copy taken when the app closes cleanly, followed by ``rotate()``."""
        self._require_streamdesk_file(allow_newer=True)
        now = self._clock()
        remove_killed_leftovers(self._dir, f"{glob.escape(self._path.stem)}.auto-*.part*")
        dest = snapshot(self._path, self._free_name(f"{self._path.stem}.auto", now))
        log.info("automatic snapshot %s", dest)
        taken = BackupFile(path=dest, taken_at=now, automatic=True, size_bytes=dest.stat().st_size)
        self.rotate()
        return taken

    def automatic_backups(self) -> tuple[BackupFile, ...]:
        """This database's automatic snapshots, newest first. Manual and pre-upgrade copies are not listed."""
        if not self._dir.is_dir():
            return ()
        found: list[tuple[datetime, int, BackupFile]] = []
        for entry in self._dir.iterdir():
            match = self._auto_name.match(entry.name)
            if match is None or not entry.is_file():
                continue
            taken_at = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
            serial = int(match.group(2) or 1)
            found.append((taken_at, serial, BackupFile(entry, taken_at, True, entry.stat().st_size)))
        found.sort(key=lambda item: (item[0], item[1]), reverse=True)
        return tuple(item[2] for item in found)

    def rotate(self) -> tuple[Path, ...]:
        """Delete automatic snapshots beyond the last ``keep_last`` plus the newest of each of the last
        ``keep_daily_days`` UTC days (today included). Returns the deleted files. Manual backups are never deleted."""
        snapshots = self.automatic_backups()
        keep = {item.path for item in snapshots[: self._keep_last]}
        first_day: date = self._clock().astimezone(UTC).date() - timedelta(days=self._keep_daily_days - 1)
        days_seen: set[date] = set()
        for item in snapshots:  # newest first, so the first one met on each day is that day's newest
            day = item.taken_at.date()
            if self._keep_daily_days > 0 and day >= first_day and day not in days_seen:
                days_seen.add(day)
                keep.add(item.path)
        removed = tuple(item.path for item in snapshots if item.path not in keep)
        for path in removed:
            path.unlink(missing_ok=True)
            log.info("rotated out %s", path)
        return removed

    # --- restore ----------------------------------------------------------------------------------------------
    def restore(self, source: Path) -> RestoreSummary:
        """Replace the database with a validated copy of ``source``; the replaced file is kept in the backups folder.

        Validation (SQLite header, quick_check, a StreamDesk schema not newer than this version) runs on a private
        copy, so the source is never written to and a refused file leaves the database untouched. Close the app first:
        a database in use is refused.
        """
        source = Path(source).expanduser().resolve()
        if not source.is_file():
            raise UserError("restore.missing", path=str(source))
        if source == self._path:
            raise UserError("restore.same_file", path=str(source))
        self._path.parent.mkdir(parents=True, exist_ok=True)
        now = self._clock()
        incoming = self._path.with_name(f".{self._path.name}.restoring-{now.astimezone(UTC).strftime(_STAMP)}")
        remove_killed_leftovers(self._path.parent, f".{glob.escape(self._path.name)}.restoring-*")
        remove_killed_leftovers(self._dir, f"{glob.escape(self._path.stem)}.replaced-*.part*")
        try:
            version = prepare_copy(source, incoming)
            replaced = self._set_aside_current(now) if self._path.exists() else None
            incoming.replace(self._path)
        except BaseException:
            remove_with_sidecars(incoming)
            raise
        _fsync_dir(self._path.parent)
        log.info("restored %s from %s (replaced copy: %s)", self._path, source, replaced)
        return RestoreSummary(self._path, source, replaced, version)

    def _set_aside_current(self, now: datetime) -> Path:
        """Copy the current database (with its WAL, if it cannot be checkpointed) into the backups folder and
        remove its -wal/-shm, so the incoming file is never paired with the old file's log."""
        wal, shm = _sidecars(self._path)
        try:
            conn = sqlite3.connect(self._path, isolation_level=None, timeout=1.0)
            try:
                busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            busy = None  # damaged (the usual reason to restore): keep the file and its WAL exactly as they are
        if busy is not None and busy[0] != 0:
            raise UserError("restore.in_use", path=str(self._path))
        self._dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        replaced = self._free_name(f"{self._path.stem}.replaced", now)
        if wal.is_file() and wal.stat().st_size > 0:  # first: the copy never has its final name without its log
            _copy_whole(wal, _sidecars(replaced)[0])
        _copy_whole(self._path, replaced)
        wal.unlink(missing_ok=True)
        shm.unlink(missing_ok=True)
        return replaced

    # --- check ------------------------------------------------------------------------------------------------
    def check(self, cancel: CancelToken | None = None) -> Generator[Progress, None, CheckReport]:
        """The file's structure (core.db_health: empty, not SQLite, truncated, unreadable), then integrity_check,
        foreign_key_check, stock cache vs ledger, and the search index. Writes nothing."""
        from streamdesk.core.db_health import diagnose

        if not self._path.is_file():
            raise UserError("backup.no_database", path=str(self._path))
        damage = diagnose(self._path)
        if damage is not None:
            yield Progress(1, 1, "check.stage_done")
            fields = (("path", str(self._path)), ("detail", damage.detail))
            return CheckReport(self._path, (CheckProblem(damage.code, fields),))
        self._require_streamdesk_file()
        cancel = cancel or CancelToken()
        problems: list[CheckProblem] = []
        conn = sqlite3.connect(self._path, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout=5000")
            stages: tuple[tuple[str, Callable[[sqlite3.Connection], list[CheckProblem]]], ...] = (
                ("check.stage_integrity", _integrity_problems),
                ("check.stage_links", _foreign_key_problems),
                ("check.stage_stock", _ledger_problems),
                ("check.stage_search", _search_index_problems),
            )
            for done, (stage, run_stage) in enumerate(stages):
                cancel.raise_if_set()
                yield Progress(done, len(stages), stage)
                try:
                    problems.extend(run_stage(conn))
                except sqlite3.DatabaseError as exc:
                    problems.append(CheckProblem("check.unreadable", (("detail", str(exc)),)))
            yield Progress(len(stages), len(stages), "check.stage_done")
        finally:
            conn.close()
        return CheckReport(self._path, tuple(problems))

    # --- helpers ----------------------------------------------------------------------------------------------
    def _require_streamdesk_file(self, *, allow_newer: bool = False) -> None:
        """Copying a newer StreamDesk's file is harmless; checking it against this version's tables is not."""
        if not self._path.is_file() or self._path.stat().st_size == 0:
            raise UserError("backup.no_database", path=str(self._path))
        version = probe_schema_version(self._path)
        if version == 0:
            raise NotAStreamDeskDatabase(str(self._path))
        if version > SCHEMA_VERSION and not allow_newer:
            raise SchemaTooNew(str(self._path), version, SCHEMA_VERSION)

    def _free_name(self, prefix: str, taken_at: datetime, suffix: str = ".sqlite3") -> Path:
        """``<prefix>-<UTC stamp><suffix>`` in the backups folder, with ``-2``, ``-3`` … if that second is taken."""
        self._dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = taken_at.astimezone(UTC).strftime(_STAMP)
        candidate = self._dir / f"{prefix}-{stamp}{suffix}"
        serial = 1
        while candidate.exists():
            serial += 1
            candidate = self._dir / f"{prefix}-{stamp}-{serial}{suffix}"
        return candidate


def prepare_copy(source: Path, incoming: Path) -> int:
    """Copy ``source`` (and its WAL, if it has one) to a new private file ``incoming`` made self-contained, and
    check it: SQLite, quick_check ok, a StreamDesk schema not newer than this version. Returns its schema version.
    ``source`` is only read; the caller removes ``incoming`` when this raises."""
    with source.open("rb") as head:
        if head.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise NotAStreamDeskDatabase(str(source))
    _copy_private(source, incoming)
    source_wal = _sidecars(source)[0]
    if source_wal.is_file() and source_wal.stat().st_size > 0:  # a copy of a live file: its WAL holds commits
        _copy_private(source_wal, _sidecars(incoming)[0])
    conn = sqlite3.connect(incoming, isolation_level=None)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()
        if result is None or result[0] != "ok":
            raise UserError("restore.damaged", path=str(source))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")  # self-contained: nothing may be left in a -wal beside it
    except sqlite3.DatabaseError as exc:
        raise UserError("restore.damaged", path=str(source)) from exc
    finally:
        conn.close()
    try:
        version = probe_schema_version(incoming)
    except NotAStreamDeskDatabase as exc:
        raise NotAStreamDeskDatabase(str(source)) from exc
    if version == 0:
        raise NotAStreamDeskDatabase(str(source))
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(str(source), version, SCHEMA_VERSION)
    return version


def _integrity_problems(conn: sqlite3.Connection) -> list[CheckProblem]:
    rows = conn.execute(f"PRAGMA integrity_check({_MAX_INTEGRITY_LINES})").fetchall()
    if [tuple(row) for row in rows] == [("ok",)]:
        return []
    return [CheckProblem("check.integrity", (("detail", str(row[0])),)) for row in rows]


def _foreign_key_problems(conn: sqlite3.Connection) -> list[CheckProblem]:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    return [
        CheckProblem("check.foreign_key", (("table", table), ("rowid", rowid), ("parent", parent)))
        for table, rowid, parent, _fk_index in rows
    ]


_LEDGER_SQL = """
SELECT v.sku_code, v.on_hand, COALESCE(SUM(m.quantity), 0) AS ledger
FROM variants AS v LEFT JOIN stock_moves AS m ON m.variant_id = v.id
GROUP BY v.id, v.sku_code, v.on_hand
HAVING v.on_hand <> COALESCE(SUM(m.quantity), 0)
ORDER BY v.sku_code
"""


def _ledger_problems(conn: sqlite3.Connection) -> list[CheckProblem]:
    return [
        CheckProblem("check.ledger", (("sku", sku), ("cached", cached), ("ledger", ledger)))
        for sku, cached, ledger in conn.execute(_LEDGER_SQL)
    ]


def _search_index_problems(conn: sqlite3.Connection) -> list[CheckProblem]:
    """FTS5's integrity-check compares the trigram index with variants.search_text. It is spelled as an INSERT but
    writes nothing; the transaction is rolled back anyway."""
    has_fts = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'variants_fts'").fetchone()
    if has_fts is None:
        return []
    conn.execute("BEGIN")
    try:
        conn.execute("INSERT INTO variants_fts (variants_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF != _SQLITE_CORRUPT:
            raise
        return [CheckProblem("check.search_index")]
    finally:
        conn.execute("ROLLBACK")
    return []
