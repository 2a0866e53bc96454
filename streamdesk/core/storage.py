"""A full disk or a read-only folder, told apart from everything else that can go wrong.

Writes fail in two families of exceptions: ``OSError`` from Python's own file writes (exports, backups' copies,
settings) and ``sqlite3.Error`` from SQLite (imports, migrations, the backup API), often wrapped by SQLAlchemy.
``storage_failure`` looks through the wrapping and the ``raise … from`` chain and returns the ``UserError`` that
says which of the three cases it is, so the CLI exits 2 with one line and the GUI shows one sentence instead of
"something unexpected went wrong". It only names the failure: each writer is responsible for leaving nothing
half-written (one transaction, or a temporary file renamed into place).

SQLite reports a file grown past RLIMIT_FSIZE (EFBIG) or a failing disk as SQLITE_IOERR and a real ENOSPC as
SQLITE_FULL; opening a WAL database in a read-only folder fails with SQLITE_CANTOPEN (no -shm can be made) or
SQLITE_READONLY.
"""

from __future__ import annotations

import errno
import sqlite3
from contextlib import suppress
from pathlib import Path

from streamdesk.core.errors import UserError

FULL = "storage.full"
READ_ONLY = "storage.read_only"
IO = "storage.io"

_FULL_ERRNOS = frozenset(
    code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", None), errno.EFBIG) if code is not None
)
_READ_ONLY_ERRNOS = frozenset((errno.EROFS, errno.EACCES, errno.EPERM))
_IO_ERRNOS = frozenset((errno.EIO,))

# SQLite primary result codes (the low byte of sqlite_errorcode): https://sqlite.org/rescode.html
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 8, 10, 13, 14
_SQLITE_CODES = {
    _SQLITE_FULL: FULL,
    _SQLITE_READONLY: READ_ONLY,
    _SQLITE_CANTOPEN: READ_ONLY,
    _SQLITE_IOERR: IO,
}
_MAX_CHAIN = 10  # a chain of causes is short; the bound only guards against a cycle


def _causes(error: BaseException) -> list[BaseException]:
    """``error``, what SQLAlchemy wrapped (``.orig``), and its ``__cause__``/``__context__`` chain."""
    found: list[BaseException] = []
    pending: list[BaseException] = [error]
    while pending and len(found) < _MAX_CHAIN:
        current = pending.pop(0)
        if any(current is seen for seen in found):
            continue
        found.append(current)
        for linked in (getattr(current, "orig", None), current.__cause__, current.__context__):
            if isinstance(linked, BaseException):
                pending.append(linked)
    return found


def _code_of(error: BaseException) -> tuple[str, str | None] | None:
    """(message code, file name if the error names one) for a storage failure, else None."""
    if isinstance(error, OSError):
        name = error.filename if isinstance(error.filename, str) else None
        if error.errno in _FULL_ERRNOS:
            return FULL, name
        if error.errno in _READ_ONLY_ERRNOS:
            return READ_ONLY, name
        if error.errno in _IO_ERRNOS:
            return IO, name
        return None
    if isinstance(error, sqlite3.Error):
        primary = getattr(error, "sqlite_errorcode", 0) & 0xFF
        code = _SQLITE_CODES.get(primary)
        return (code, None) if code is not None else None
    return None


def storage_failure(
    error: BaseException, *, database: str | Path | None = None, target: str | Path | None = None
) -> UserError | None:
    """The UserError for a write that failed because the disk is full, the folder is read-only, or the disk failed;
    None for anything else.

    The message names ``target`` when given (the file an export or a backup was writing: its temporary name means
    nothing to the user), else the file the OSError names, else ``database`` (SQLite's errors name no file), else it
    speaks of "the database".
    """
    if isinstance(error, UserError):  # already told (a writer that names its own failure)
        return error if error.code.startswith("storage.") else None
    for cause in _causes(error):
        found = _code_of(cause)
        if found is None:
            continue
        code, name = found
        where = target or name or database
        if where is None:
            return UserError(f"{code}_database", reason=_reason(cause))
        return UserError(code, path=str(where), reason=_reason(cause))
    return None


def _reason(error: BaseException) -> str:
    """The system's own words ("No space left on device", "database or disk is full"), for the log and details."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def is_storage_failure(error: BaseException) -> bool:
    """Whether ``error`` is (or wraps) a full disk, a read-only folder or a failing disk: such a file is not damaged
    and must never be moved aside or reported as corrupt."""
    return storage_failure(error) is not None


def discard(path: Path) -> None:
    """Remove a temporary file after a failed write, if it is there. On a read-only filesystem even removing a file
    that does not exist fails (EROFS): that must not hide the error that brought us here."""
    with suppress(OSError):
        path.unlink(missing_ok=True)
