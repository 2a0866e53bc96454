"""Recovering from a damaged database file: find the newest backup that is whole, and set the damaged file aside
(renamed beside itself, never overwritten or deleted) before a backup is restored in its place.

Backups are looked for in the database's backups folder: the automatic snapshots, the manual backups, the copies
taken before an upgrade and the files earlier restores replaced, newest first by modification time. Each candidate
is checked as a restore would check it (backup_preview: a private copy, quick_check, schema version); a damaged or
foreign one is skipped and counted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from streamdesk.core.backup import SIDECAR_SUFFIXES, Backups
from streamdesk.core.backup_preview import BackupPreview, preview_backup
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, Progress

log = logging.getLogger(__name__)

_STAMP = "%Y%m%dT%H%M%SZ"
_BACKUP_SUFFIXES = (".sqlite3", ".streamdesk", ".db", ".sqlite")


@dataclass(frozen=True, slots=True)
class RecoveryOffer:
    newest_good: BackupPreview | None  # None: no whole backup was found
    skipped: tuple[Path, ...]  # newer candidates that were damaged or not StreamDesk files


def backup_candidates(backups: Backups) -> list[Path]:
    """Files in the backups folder that may be copies of this database, newest first."""
    folder = backups.backups_dir
    if not folder.is_dir():
        return []
    stem = backups.database_path.stem
    found = [
        entry
        for entry in folder.iterdir()
        if entry.is_file()
        and entry.suffix.lower() in _BACKUP_SUFFIXES
        and (entry.name.startswith(f"{stem}.") or entry.name.startswith("pre-migrate-"))
        and ".damaged-" not in entry.name
    ]
    return sorted(found, key=lambda entry: entry.stat().st_mtime_ns, reverse=True)


def find_newest_good_backup(
    backups: Backups, cancel: CancelToken | None = None
) -> Generator[Progress, None, RecoveryOffer]:
    """Check the candidates newest first and stop at the first whole one."""
    cancel = cancel or CancelToken()
    candidates = backup_candidates(backups)
    skipped: list[Path] = []
    for done, candidate in enumerate(candidates):
        cancel.raise_if_set()
        yield Progress(done, len(candidates), "recovery.checking")
        try:
            preview = preview_backup(candidate)
        except (UserError, OSError) as error:
            log.warning("backup %s skipped: %s", candidate, error)
            skipped.append(candidate)
            continue
        return RecoveryOffer(preview, tuple(skipped))
    return RecoveryOffer(None, tuple(skipped))


def set_aside(database: Path, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Path:
    """Rename a damaged database (and its -wal/-shm) to ``<stem>.damaged-<UTC stamp><suffix>`` beside it, with
    ``-2``, ``-3`` … if that name is taken; never replaces a file. Returns the new path of the database file."""
    stamp = clock().astimezone(UTC).strftime(_STAMP)
    serial = 1
    while True:
        name = f"{database.stem}.damaged-{stamp}{'' if serial == 1 else f'-{serial}'}{database.suffix}"
        target = database.with_name(name)
        if not any(Path(f"{target}{suffix}").exists() for suffix in ("", *SIDECAR_SUFFIXES)):
            break
        serial += 1
    _move_with_sidecars(database, target)
    log.warning("damaged database %s set aside as %s", database, target)
    return target


def put_back(moved: Path, database: Path) -> None:
    """Undo ``set_aside`` (a restore that failed after it): the file and its -wal/-shm back under their names."""
    _move_with_sidecars(moved, database)


def _move_with_sidecars(source: Path, target: Path) -> None:
    """Rename a database file and its -wal/-shm; the logs first: a database without its log is what a crash leaves
    too, a log beside the wrong database is not."""
    for suffix in SIDECAR_SUFFIXES:
        sidecar = Path(f"{source}{suffix}")
        if sidecar.exists():
            sidecar.rename(f"{target}{suffix}")
    source.rename(target)
