"""Opening, migrating and snapshotting the database file.

Every connection gets WAL, foreign keys, a busy timeout and synchronous=FULL (timer events must survive a
power cut). pysqlite's own transaction handling is switched off and BEGIN is emitted from the engine's
``begin`` event: otherwise Python's sqlite3 commits DDL at once and a failed migration leaves half a schema.

Team mode opens a ``postgresql://`` address instead (psycopg 3): the same migration steps, no file, no backups
beside it; an address is shown and logged without its password (``display_target``).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import QueuePool

from streamdesk.core.errors import DatabaseDamaged, NotAStreamDeskDatabase, SchemaTooNew, UserError
from streamdesk.migrations import SCHEMA_VERSION, STEPS

if TYPE_CHECKING:
    from sqlmodel import Session

log = logging.getLogger(__name__)

_BEGIN_OPTION = "streamdesk_begin"
SQLITE_MAGIC = b"SQLite format 3\x00"


class SessionFactory(Protocol):
    """What core services are given: ``sessions()`` to read, ``sessions(write=True)`` for a unit of work."""

    def __call__(self, *, write: bool = False) -> Session: ...


@dataclass(frozen=True, slots=True)
class Database:
    engine: Engine
    path: Path | None  # None for a server database (team mode)
    backups_dir: Path | None

    def sessions(self, *, write: bool = False) -> Session:
        """A new Session. Write sessions start with BEGIN IMMEDIATE, so a second writer waits on the busy
        timeout instead of failing halfway through its transaction."""
        # sqlmodel (and with it pydantic models and the ORM) is imported on the first session, not with this
        # module: the GUI opens the database before its first paint but queries only after it.
        from streamdesk.core.conflicts import ConflictSession  # a lost version race said as db.conflict

        bind = self.engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"}) if write else self.engine
        return ConflictSession(bind=bind, expire_on_commit=False)

    def dispose(self) -> None:
        self.engine.dispose()


def is_url(target: str | Path) -> bool:
    return "://" in str(target)


def server_url(target: str) -> URL:
    """The SQLAlchemy URL of a team-mode database. ``postgresql://`` (what a host hands out, what psql takes)
    means psycopg 3, the driver StreamDesk ships with; other engines are refused with a sentence, not a traceback.
    """
    try:
        url = make_url(target)
    except ArgumentError as exc:
        raise UserError("db.bad_url", url=display_target(target)) from exc
    if url.get_backend_name() != "postgresql":
        raise UserError("db.unsupported_url", scheme=url.drivername)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_driver_name() != "psycopg":
        raise UserError("db.unsupported_url", scheme=url.drivername)
    return url


def display_target(target: str | Path) -> str:
    """A database as shown to the user and written to the log: a server URL without its password."""
    if not is_url(target):
        return str(target)
    try:
        return make_url(str(target)).render_as_string(hide_password=True)
    except ArgumentError:
        return str(target).split("://", 1)[0] + "://…"


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only (0600) if it does not exist yet."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # a folder made for it is owner-only too
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see module docstring
        cursor = dbapi_connection.cursor()
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA foreign_keys=ON",
            "PRAGMA busy_timeout=5000",
            "PRAGMA synchronous=FULL",
        ):
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(target: str | Path) -> Engine:
    # hide_parameters: a failed statement's values (a buyer's name, phone, address) stay out of the exception text,
    # which the log records with its traceback; the log never holds personal data
    if is_url(target):
        return _make_server_engine(str(target))
    path = Path(target)
    # A small pool: search-as-you-type asks twice per keystroke, and a fresh connection (pragmas, WAL files) costs
    # ~1.4 ms each time. Connections are checked out by one thread at a time, so sharing them across the
    # TaskRunner's threads is safe with check_same_thread off. dispose() closes them (restore, tests, quit).
    engine = create_engine(
        f"sqlite:///{path}",
        poolclass=QueuePool,
        pool_size=4,
        connect_args={"check_same_thread": False},
        hide_parameters=True,
    )
    _install_sqlite_hooks(engine)
    return engine


def _make_server_engine(target: str) -> Engine:
    """A PostgreSQL engine (team mode). Every session is READ COMMITTED: writers that must not race (the stock of
    a live sale, a product two people edit) say so in their statements (a conditional UPDATE, a row version), so
    nothing waits on a lock held by another laptop's open dialog."""
    url = server_url(target)
    try:
        import psycopg  # noqa: F401  (imported only for a server: a solo seller on SQLite never loads it)
    except ImportError as exc:
        raise UserError("db.driver_missing") from exc  # a source install without its wheels
    return create_engine(
        url,
        pool_pre_ping=True,  # a laptop that slept, a server restarted: a dead connection is replaced, not reported
        hide_parameters=True,
        connect_args={"connect_timeout": 5, "application_name": "StreamDesk"},
    )


def _server_failure(exc: OperationalError, target: str) -> UserError:
    """The server could not be reached or refused us: say where and what it said (psycopg's first line names the
    host and the reason, e.g. a wrong password or a refused connection; it never contains the password)."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else ""
    return UserError("db.server_unreachable", url=display_target(target), reason=reason)


def _user_tables(conn: Connection) -> set[str]:
    if conn.dialect.name == "sqlite":
        rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
    else:
        rows = conn.execute(
            text("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
        )
    return {row[0] for row in rows}


def schema_version(conn: Connection) -> int:
    """0 for an empty database; raises NotAStreamDeskDatabase for somebody else's."""
    tables = _user_tables(conn)
    if not tables:
        return 0
    if "schema_info" not in tables:
        raise NotAStreamDeskDatabase(str(conn.engine.url.database or display_target(str(conn.engine.url))))
    return int(conn.execute(text("SELECT version FROM schema_info WHERE id = 1")).scalar_one())


def _check_sqlite_header(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as f:
        if f.read(16) != SQLITE_MAGIC:
            raise NotAStreamDeskDatabase(str(path))


def probe_schema_version(path: Path) -> int:
    """The schema version of an existing SQLite file, read without writing to it.

    The engine's connect hook switches a file to WAL, which rewrites its header: somebody else's database or a
    newer StreamDesk's must be recognised before that. 0 for a file without tables; NotAStreamDeskDatabase for a
    file that is not SQLite or has tables but no ``schema_info`` row.
    """
    _check_sqlite_header(path)
    conn = sqlite3.connect(path, isolation_level=None)  # read/write open, but only SELECTs: leaves no -wal/-shm behind
    try:
        names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        tables = {row[0] for row in names}
        if not tables:
            return 0
        if "schema_info" not in tables:
            raise NotAStreamDeskDatabase(str(path))
        row = conn.execute("SELECT version FROM schema_info WHERE id = 1").fetchone()
    except sqlite3.DatabaseError as exc:
        raise _storage_failure(exc, path) or NotAStreamDeskDatabase(str(path)) from exc
    finally:
        conn.close()
    if row is None or not isinstance(row[0], int):
        raise NotAStreamDeskDatabase(str(path))
    return row[0]


def open_database(target: str | Path, *, backups_dir: Path | None = None, migrate: bool = True) -> Database:
    """Open (creating if needed) and bring the schema up to date.

    A newer schema raises SchemaTooNew and somebody else's file NotAStreamDeskDatabase; both leave it untouched.
    Before upgrading an older schema, a consistent copy goes to ``backups_dir`` (default: ``backups`` beside the file).
    """
    path: Path | None = None
    created = False  # a file this call made is removed again if it cannot become a database (a full disk)
    if not is_url(target):
        path = Path(target).expanduser().resolve()
        _refuse_damaged(path)
        if path.exists() and path.stat().st_size > 0:
            found = probe_schema_version(path)
            if found > SCHEMA_VERSION:
                raise SchemaTooNew(str(path), found, SCHEMA_VERSION)
        if migrate and not path.exists():
            _create_whole(path)
        created = not path.exists()
        create_private_file(path)
        backups_dir = backups_dir or path.parent / "backups"
    engine = make_engine(path or target)
    database = Database(engine=engine, path=path, backups_dir=backups_dir)
    try:
        try:
            with engine.connect() as conn:
                found = schema_version(conn)
        except OperationalError as exc:
            if path is not None:
                raise
            raise _server_failure(exc, str(target)) from exc
        if found > SCHEMA_VERSION:
            raise SchemaTooNew(str(path or display_target(target)), found, SCHEMA_VERSION)
        if found < SCHEMA_VERSION:
            if not migrate:
                raise UserError("db.needs_migration", path=str(path or display_target(target)), found=found)
            _migrate(database, found)
    except sqlite3.DatabaseError as exc:
        engine.dispose()
        _remove_if_created(path, created)
        raise _storage_failure(exc, path) or NotAStreamDeskDatabase(str(path or target)) from exc
    except BaseException as exc:
        engine.dispose()
        _remove_if_created(path, created)
        failure = _storage_failure(exc, path) if isinstance(exc, Exception) else None
        if failure is not None and failure is not exc:  # a full disk mid-migration: SQLAlchemy wraps SQLite's error
            raise failure from exc
        raise
    return database


def _create_whole(path: Path) -> None:
    """Make a new database at ``path`` in one step: built and migrated under a hidden name beside it, closed (the
    checkpoint empties its -wal), then renamed. Killed half-way (a first start, a battery), it leaves only the
    hidden file, which the next creation removes, never a 0-byte or half-made file at ``path``: at ``path`` that
    would be damage (db_health)."""
    hidden = path.with_name(f".{path.name}.creating")
    try:
        _discard_database(hidden)  # what a killed creation left
        create_private_file(hidden)
        engine = make_engine(hidden)
        try:
            _migrate(Database(engine=engine, path=hidden, backups_dir=None), 0)
        finally:
            engine.dispose()
        hidden.replace(path)
    except BaseException as exc:
        _discard_database(hidden)
        failure = _storage_failure(exc, path) if isinstance(exc, Exception) else None
        if failure is not None and failure is not exc:  # a full disk or read-only folder, said so (core.storage)
            raise failure from exc
        raise
    log.info("created %s", path)


def _refuse_damaged(path: Path) -> None:
    """DatabaseDamaged for an existing file that is empty, truncated or unreadable (not SQLite at all stays
    NotAStreamDeskDatabase, from probe_schema_version): opening it would create a new, empty shop over the remains."""
    from streamdesk.core.db_health import Damage, diagnose  # core.db_health imports this module

    found = diagnose(path)
    if found is not None and found.damage is not Damage.NOT_SQLITE:
        raise DatabaseDamaged(str(path), found.code, found.detail)


def _migrate(database: Database, found: int) -> None:
    if found > 0 and database.path is not None and database.backups_dir is not None:
        database.backups_dir.mkdir(parents=True, exist_ok=True, mode=0o700)  # owner-only, as Backups makes it
        _remove_killed_copies(database.backups_dir)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        copy = database.backups_dir / f"pre-migrate-v{found}-{stamp}.sqlite3"
        snapshot(database.path, copy)
        log.info("copied %s to %s before migrating from v%d", database.path, copy, found)
    for version in range(found + 1, SCHEMA_VERSION + 1):
        with database.engine.begin() as conn:
            STEPS[version - 1](conn)
            conn.execute(text("UPDATE schema_info SET version = :v WHERE id = 1"), {"v": version})
        log.info("migrated %s to schema v%d", database.path or "database", version)
    if database.engine.dialect.name == "sqlite":
        with database.engine.connect() as conn:
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise UserError("db.foreign_keys_broken", count=len(broken))


def _remove_killed_copies(backups_dir: Path) -> None:
    """Remove the part files of pre-migration copies that an earlier upgrade was killed writing (SIGKILL, a power
    cut): that upgrade starts again with a new copy, so they are only clutter, a database's size each."""
    for leftover in backups_dir.glob("pre-migrate-*.sqlite3.part*"):
        try:
            leftover.unlink(missing_ok=True)
        except OSError as exc:  # a read-only folder: the copy below says so
            log.warning("could not remove %s: %s", leftover, exc)


def _remove_if_created(path: Path | None, created: bool) -> None:
    """Take back the file (and its -wal/-shm) that open_database made before failing: a 0-byte or half-migrated
    file left behind would read as a damaged database the next time."""
    if path is not None and created:
        _discard_database(path)


def _discard_database(path: Path) -> None:
    """Remove a database file and its -wal, -shm and -journal, whichever exist. A file that cannot be removed (a
    read-only folder) is left: the error that led here is the one to report."""
    for leftover in (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))):
        with suppress(OSError):
            leftover.unlink(missing_ok=True)


def snapshot(source: Path, dest: Path) -> Path:
    """Copy a live SQLite file consistently (the backup API is safe under WAL) to a 0600 file, then quick_check it.

    The copy is written as ``<dest>.part`` and renamed: on any failure (a full disk, a read-only folder) nothing is
    left behind, neither the part file nor a truncated ``dest``; a full disk or read-only folder raises the
    ``storage.*`` UserError naming ``dest``."""
    tmp = dest.with_name(dest.name + ".part")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        create_private_file(tmp)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            out = sqlite3.connect(tmp)
            try:
                src.backup(out)
                result = out.execute("PRAGMA quick_check").fetchone()
            finally:
                out.close()
        finally:
            src.close()
        if result is None or result[0] != "ok":
            raise UserError("db.backup_corrupt", path=str(source))
        tmp.replace(dest)
    except BaseException as exc:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            with suppress(OSError):  # a read-only folder cannot even have its part file removed
                leftover.unlink(missing_ok=True)
        failure = _storage_failure(exc, dest) if isinstance(exc, OSError | sqlite3.Error) else None
        if failure is not None:
            raise failure from exc
        raise
    return dest


def _storage_failure(error: BaseException, path: Path | None) -> UserError | None:
    """A full disk, a read-only folder or a failing disk, said so (core/storage.py): such a file is neither damaged
    nor somebody else's. None for any other error."""
    from streamdesk.core.storage import storage_failure

    return storage_failure(error, target=path)


@contextmanager
def raw_connection(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection for maintenance (checks, restore validation)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()
