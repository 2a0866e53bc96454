"""Copying a whole shop into a new database: a SQLite file onto a team server and back (``streamdesk db migrate-to``).

The target is made by ``db.open_database``, which runs the same migration steps on both engines, so it has the
source's schema at the same version; then every table the models know is copied in foreign-key order, in one
transaction on the target, in batches (executemany on SQLite, COPY on PostgreSQL), primary keys kept. Values go
through SQLAlchemy Core with the models' column types (core/db_copy_rows.py), so a SQLite DATETIME string arrives
as a PostgreSQL TIMESTAMP (both naive UTC) and a SQLite 0/1 as a BOOLEAN, and back. SQLite's search indexes (FTS5
virtual tables and their shadow tables) are not copied: the triggers on ``variants`` rebuild them as its rows
arrive in a SQLite target.

Afterwards both databases are read again: every table's row count, and the totals of its money (``*_minor``) and
stock (``quantity``, ``on_hand``) columns, must agree. Any refusal, failure, mismatch or cancel leaves nothing
behind: a new file is only renamed into place once verified, and a server database gets its tables dropped again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, inspect, text
from sqlalchemy.exc import OperationalError

from streamdesk.core.db_copy_rows import (
    TableCopy,
    batches,
    copied_tables,
    count_rows,
    inserter,
    reset_identities,
    verify_copy,
)
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import Cancelled, CancelToken, Progress
from streamdesk.db import Database, display_target, is_url, make_engine, open_database, schema_version
from streamdesk.migrations import SCHEMA_VERSION

log = logging.getLogger(__name__)

SCHEMA_TABLE = "schema_info"  # written by the target's own migration


@dataclass(frozen=True, slots=True)
class CopySummary:
    source: str  # as shown to the user: a path, or a server URL without its password
    target: str
    tables: tuple[TableCopy, ...]
    skipped: tuple[str, ...]  # SQLite search indexes, rebuilt by the target's triggers

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)

    @property
    def summed_columns(self) -> tuple[str, ...]:
        """Every compared total as ``table.column``."""
        return tuple(f"{table.name}.{column}" for table in self.tables for column in table.summed)


def copy_database(
    source: str | Path,
    target: str | Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> CopySummary:
    """Copy the database ``source`` into the new database ``target`` and verify it (see the module docstring).

    ``progress(done, total)`` is called after each batch with rows copied so far; ``cancelled()`` is asked between
    batches, and True stops the copy and raises Cancelled with nothing left at ``target``. Commits on success only.
    """
    job = copy_job(source, target, CancelToken())
    while True:
        try:
            step = job.throw(Cancelled()) if cancelled is not None and cancelled() else next(job)
        except StopIteration as finished:
            summary: CopySummary = finished.value
            return summary
        if progress is not None:
            progress(step.done, step.total)


def copy_job(source: str | Path, target: str | Path, cancel: CancelToken) -> Generator[Progress, None, CopySummary]:
    """The copy as a job for the task runner: yields Progress(rows copied, rows in all), returns the CopySummary."""
    if not is_url(source) and not Path(source).expanduser().exists():  # open_database would make a new, empty one
        raise UserError("copy.source_missing", source=str(Path(source).expanduser().resolve()))
    extensions = _refuse_used_target(target)
    source_db = open_database(source)  # an older schema is upgraded first (with its copy in backups/), as on any open
    try:
        with _snapshot(source_db.engine) as reading:
            tables, skipped = _tables_to_copy(reading, display_target(source))
            counts = {table.name: count_rows(reading, table) for table in tables}
            copied = yield from _copy_into_new(reading, tables, counts, target, extensions, cancel)
            summary = CopySummary(display_target(source), display_target(target), copied, skipped)
            log.info("copied %d rows in %d tables to %s", summary.rows, len(copied), summary.target)
            return summary
    finally:
        source_db.dispose()


def _copy_into_new(
    reading: Connection,
    tables: Sequence[Table],
    counts: dict[str, int],
    target: str | Path,
    extensions: frozenset[str],
    cancel: CancelToken,
) -> Generator[Progress, None, tuple[TableCopy, ...]]:
    """Make the target, fill and verify it; on any failure (a cancel, a mismatch, Ctrl-C) take it away again."""
    building = _building_path(target)
    if building is not None:
        _remove_file(building)  # what a copy killed half-way left
    try:
        target_db = open_database(building or target)
        try:
            copied = yield from _fill(reading, tables, counts, target_db, display_target(target), cancel)
            target_db.dispose()
            if building is not None:
                _move_into_place(building, Path(target))
        except BaseException:
            _take_away(target_db, building, extensions)
            raise
    except Exception as exc:
        failure = _storage_said(exc, target)
        if failure is not None and failure is not exc:
            raise failure from exc
        raise
    return copied


def _fill(
    reading: Connection,
    tables: Sequence[Table],
    counts: dict[str, int],
    target_db: Database,
    target: str,
    cancel: CancelToken,
) -> Generator[Progress, None, tuple[TableCopy, ...]]:
    """Copy every table in one transaction on the target, then verify the committed copy against the source."""
    total, done = sum(counts.values()), 0
    yield Progress(0, total)
    with target_db.engine.begin() as writing:
        for table in tables:
            insert = inserter(writing, table, target)
            for batch in batches(reading, table):
                cancel.raise_if_set()  # leaving the block rolls the target's transaction back
                insert(batch)
                done += len(batch)
                yield Progress(done, total)
        if writing.dialect.name == "postgresql":
            reset_identities(writing, tables)
        cancel.raise_if_set()
    with target_db.engine.connect() as checking:
        return verify_copy(reading, checking, tables)


def _storage_said(error: Exception, target: str | Path) -> UserError | None:
    """A full disk or a read-only folder while writing a new file, said with the name the user gave (the file is
    written under a hidden name, which means nothing to them); None for anything else."""
    if is_url(target):
        return None
    from streamdesk.core.storage import storage_failure

    failure = storage_failure(error, target=Path(target).expanduser().resolve())
    if failure is None or "path" not in failure.fields:
        return failure
    return UserError(failure.code, **{**failure.fields, "path": str(Path(target).expanduser().resolve())})


def _refuse_used_target(target: str | Path) -> frozenset[str]:
    """Refuse, before anything is written or upgraded, a file that exists or a server database with tables. For a
    server database: the extensions it has already (the migration may add pg_trgm; a failed copy takes it away)."""
    if not is_url(target):
        path = Path(target).expanduser().resolve()
        if path.exists():
            raise UserError("copy.target_exists", target=str(path))
        return frozenset()
    engine = make_engine(target)  # an unsupported scheme or a bad URL is refused here, in a sentence
    try:
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
            extensions = frozenset(row[0] for row in conn.execute(text("SELECT extname FROM pg_extension")))
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else ""  # never holds the password
        raise UserError("db.server_unreachable", url=display_target(target), reason=reason) from exc
    finally:
        engine.dispose()
    if tables:
        raise UserError("copy.target_not_empty", target=display_target(target), count=len(tables))
    return extensions


def _tables_to_copy(conn: Connection, source: str) -> tuple[tuple[Table, ...], tuple[str, ...]]:
    """The model tables, after checking that the source holds exactly them (besides schema_info and SQLite's
    search indexes) with exactly their columns: a table or column this version does not know would be lost."""
    found = schema_version(conn)
    if found != SCHEMA_VERSION:
        raise UserError("copy.source_version", source=source, found=found, expected=SCHEMA_VERSION)
    tables = copied_tables()
    skipped = _search_indexes(conn)
    present = set(inspect(conn).get_table_names()) - skipped - {SCHEMA_TABLE}
    unknown = sorted(present - {table.name for table in tables})
    if unknown:
        raise UserError("copy.unknown_table", source=source, table=unknown[0])
    for table in tables:
        if table.name not in present:
            raise UserError("copy.missing_table", source=source, table=table.name)
        columns = {column["name"] for column in inspect(conn).get_columns(table.name)}
        extra, lacking = sorted(columns - set(table.c.keys())), sorted(set(table.c.keys()) - columns)
        if extra:
            raise UserError("copy.unknown_column", source=source, table=table.name, column=extra[0])
        if lacking:
            raise UserError("copy.missing_column", source=source, table=table.name, column=lacking[0])
    return tables, tuple(sorted(skipped))


def _search_indexes(conn: Connection) -> set[str]:
    """SQLite's virtual tables (the FTS5 search indexes) and the shadow tables that store them."""
    if conn.dialect.name != "sqlite":
        return set()
    virtual = {
        row[0]
        for row in conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
        )
    }
    every = {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
    return {name for name in every if any(name == v or name.startswith(v + "_") for v in virtual)}


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection whose reads all see one moment of the source: copy and verification agree even while another
    laptop keeps selling (a SQLite read transaction is a snapshot under WAL; PostgreSQL needs REPEATABLE READ)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def _building_path(target: str | Path) -> Path | None:
    """A new file is built under a hidden name beside the target and renamed when verified: killed half-way, it
    leaves no half-copied shop at the name the user gave. None for a server database."""
    if is_url(target):
        return None
    path = Path(target).expanduser().resolve()
    return path.with_name(f".{path.name}.copying")


def _move_into_place(building: Path, target: Path) -> None:
    target = target.expanduser().resolve()
    if target.exists():  # made by someone else while we copied: theirs stays
        raise UserError("copy.target_exists", target=str(target))
    building.replace(target)


def _take_away(target_db: Database, building: Path | None, extensions: frozenset[str]) -> None:
    """Remove what the copy made: the hidden file (and its -wal/-shm), or every table of the server database,
    which had none when we started, and the extensions the migration added to it. A failure here is logged; the
    error that led here is the one to report."""
    target_db.dispose()
    if building is not None:
        _remove_file(building)
        return
    try:
        with target_db.engine.begin() as conn:
            names = inspect(conn).get_table_names()
            if names:
                conn.execute(text("DROP TABLE IF EXISTS " + ", ".join(f'"{n}"' for n in names) + " CASCADE"))
            for (added,) in conn.execute(text("SELECT extname FROM pg_extension")).all():
                if added not in extensions:
                    conn.execute(text(f'DROP EXTENSION IF EXISTS "{added}" CASCADE'))
    except Exception:  # the server went away: the user hears about what failed first; the tables stay
        log.exception("could not drop the tables of the unfinished copy")
    finally:
        target_db.dispose()


def _remove_file(path: Path) -> None:
    for leftover in (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))):
        with suppress(OSError):  # a read-only folder: the error that led here is the one to report
            leftover.unlink(missing_ok=True)
