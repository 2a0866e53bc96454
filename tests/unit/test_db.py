"""Opening, migrating and snapshotting the database file (streamdesk/db.py)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import IntegrityError

import streamdesk.db as db
from streamdesk.core.errors import DatabaseDamaged, NotAStreamDeskDatabase, SchemaTooNew, UserError
from streamdesk.db import Database, open_database, snapshot
from streamdesk.migrations import SCHEMA_VERSION, STEPS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCHEMA_FIXTURES = sorted(FIXTURES.glob("schema_v*.sqlite3"))
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT version FROM schema_info").fetchone()[0])
    finally:
        conn.close()


def _insert_supplier(database: Database, name: str) -> None:
    with database.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO suppliers (name, contact, notes, created_at, updated_at) "
                "VALUES (:name, '', '', '2026-01-05 12:00:00', '2026-01-05 12:00:00')"
            ),
            {"name": name},
        )


def _newer_database(path: Path, *, journal_mode: str) -> Path:
    open_database(path).dispose()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE schema_info SET version = ?", (SCHEMA_VERSION + 1,))
    conn.execute(f"PRAGMA journal_mode={journal_mode}")
    conn.close()
    return path


@pytest.fixture
def future_step(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Pretend the next StreamDesk adds a step, so today's newest fixture becomes an "older" database."""
    ran: list[str] = []

    def _next_step(conn: Connection) -> None:
        conn.execute(text("CREATE TABLE future_notes (id INTEGER NOT NULL PRIMARY KEY, body VARCHAR NOT NULL)"))
        ran.append("next")

    monkeypatch.setattr(db, "STEPS", (*STEPS, _next_step))
    monkeypatch.setattr(db, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    yield ran


# --- pragmas and transactions ----------------------------------------------------------------------------------
@pytest.mark.sqlite_only("SQLite's pragmas")
def test_every_connection_gets_wal_foreign_keys_busy_timeout_and_full_sync(database: Database) -> None:
    with database.engine.connect() as conn:
        pragmas = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        }
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000, "synchronous": 2}


def test_foreign_keys_are_enforced(database: Database) -> None:
    with pytest.raises(IntegrityError), database.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO product_images (product_id, position, file_name) VALUES (999, 0, 'missing-product.png')")
        )


@pytest.mark.sqlite_only("SQLite's BEGIN IMMEDIATE; PostgreSQL writers do not lock the database")
def test_write_session_takes_the_write_lock_at_begin(database: Database, db_path: Path) -> None:
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with database.sessions(write=True) as session, session.begin():
            session.execute(text("SELECT 1"))  # nothing written yet, but BEGIN IMMEDIATE already holds the lock
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # released at the end of the unit of work
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_read_session_does_not_block_a_writer(database: Database, db_path: Path) -> None:
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with database.sessions() as session, session.begin():
            session.execute(text("SELECT count(*) FROM variants"))
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_failed_migration_step_leaves_no_half_schema(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(db_path).dispose()

    def _broken_step(conn: Connection) -> None:
        conn.execute(text("CREATE TABLE half_done (id INTEGER PRIMARY KEY)"))
        conn.execute(text("INSERT INTO no_such_table VALUES (1)"))

    monkeypatch.setattr(db, "STEPS", (*STEPS, _broken_step))
    monkeypatch.setattr(db, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(Exception, match="no_such_table"):
        open_database(db_path)
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchall() == []
        assert conn.execute("SELECT version FROM schema_info").fetchone() == (SCHEMA_VERSION,)
    finally:
        conn.close()


# --- new, older, newer and foreign files ---------------------------------------------------------------------
def test_new_database_is_created_at_the_current_version(db_path: Path) -> None:
    open_database(db_path).dispose()
    assert _version(db_path) == SCHEMA_VERSION


@posix_only
def test_new_database_file_is_private(db_path: Path) -> None:
    database = open_database(db_path)
    try:
        _insert_supplier(database, "义乌小商品直供")
        with database.engine.connect() as conn:  # while a connection is open its WAL and SHM files exist
            conn.exec_driver_sql("SELECT 1").fetchall()
            modes = {p.name: p.stat().st_mode & 0o777 for p in db_path.parent.iterdir() if p.is_file()}
    finally:
        database.dispose()
    assert modes[db_path.name] == 0o600
    assert all(mode == 0o600 for mode in modes.values()), modes


def test_an_empty_file_is_refused_as_damaged_and_left_alone(db_path: Path) -> None:
    """0 bytes where a database was is a loss (a copy or sync cut short), not a new shop to create over it."""
    db_path.touch()
    with pytest.raises(DatabaseDamaged) as refused:
        open_database(db_path)
    assert refused.value.code == "db.damage_empty"
    assert db_path.stat().st_size == 0 and sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_open_without_migrate_refuses_an_empty_file(db_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        open_database(db_path, migrate=False)
    assert refused.value.code == "db.needs_migration"


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_newer_database_is_refused_and_left_untouched(tmp_path: Path, journal_mode: str) -> None:
    path = _newer_database(tmp_path / "newer.sqlite3", journal_mode=journal_mode)
    before, listing = _fingerprint(path), _listing(tmp_path)
    with pytest.raises(SchemaTooNew) as refused:
        open_database(path)
    assert refused.value.fields == {"path": str(path), "found": SCHEMA_VERSION + 1, "supported": SCHEMA_VERSION}
    assert _fingerprint(path) == before
    assert _listing(tmp_path) == listing  # no backups folder, no -wal/-shm left behind


def test_other_programs_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "accounts.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER)")
    conn.execute("INSERT INTO ledger (amount) VALUES (100)")
    conn.commit()
    conn.close()
    before, listing = _fingerprint(path), _listing(tmp_path)
    with pytest.raises(NotAStreamDeskDatabase) as refused:
        open_database(path)
    assert refused.value.fields == {"path": str(path)}
    assert _fingerprint(path) == before  # not even switched to WAL
    assert _listing(tmp_path) == listing


@pytest.mark.parametrize(
    ("content", "refusal"),
    [
        (b"name,price\n\xe5\x86\xb0\xe4\xb8\x9d,89\n", NotAStreamDeskDatabase),
        (os.urandom(4096), NotAStreamDeskDatabase),
        (b"SQLite format 3\x00" + b"\x07" * 4000, DatabaseDamaged),  # a SQLite header over garbage: damaged
    ],
    ids=["csv", "random", "damaged-sqlite"],
)
def test_non_database_file_is_refused_and_left_untouched(
    tmp_path: Path, content: bytes, refusal: type[UserError]
) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    before, listing = _fingerprint(path), _listing(tmp_path)
    with pytest.raises(refusal):
        open_database(path)
    assert _fingerprint(path) == before
    assert _listing(tmp_path) == listing


@pytest.mark.parametrize("fixture", SCHEMA_FIXTURES, ids=lambda p: p.stem)
def test_older_database_is_copied_to_backups_before_migrating(
    fixture: Path, tmp_path: Path, future_step: list[str]
) -> None:
    path = tmp_path / "shop.sqlite3"
    shutil.copy(fixture, path)
    original_version = _version(path)
    original_rows = sqlite3.connect(fixture).execute("SELECT sku_code, on_hand FROM variants ORDER BY id").fetchall()
    open_database(path).dispose()
    copies = sorted((tmp_path / "backups").glob(f"pre-migrate-v{original_version}-*.sqlite3"))
    assert len(copies) == 1
    assert _version(copies[0]) == original_version
    conn = sqlite3.connect(copies[0])
    try:
        assert conn.execute("SELECT sku_code, on_hand FROM variants ORDER BY id").fetchall() == original_rows
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'future_notes'").fetchall() == []
    finally:
        conn.close()
    if os.name == "posix":
        assert copies[0].stat().st_mode & 0o777 == 0o600
    assert _version(path) == SCHEMA_VERSION + 1
    assert future_step == ["next"]


def test_current_database_is_not_copied_or_migrated_again(db_path: Path, future_step: list[str]) -> None:
    open_database(db_path).dispose()  # created at the (pretended) newest version: nothing to back up
    open_database(db_path).dispose()
    assert not (db_path.parent / "backups").exists()
    assert future_step == ["next"]


def test_backups_dir_can_be_chosen(tmp_path: Path, future_step: list[str]) -> None:
    path = tmp_path / "shop.sqlite3"
    shutil.copy(SCHEMA_FIXTURES[-1], path)
    open_database(path, backups_dir=tmp_path / "elsewhere").dispose()
    assert len(list((tmp_path / "elsewhere").glob("pre-migrate-*.sqlite3"))) == 1
    assert not (tmp_path / "backups").exists()


# --- snapshot ----------------------------------------------------------------------------------------------------
@pytest.mark.sqlite_only("a copy of the SQLite file and its WAL")
def test_snapshot_includes_commits_still_in_the_wal(database: Database, db_path: Path, tmp_path: Path) -> None:
    holder = sqlite3.connect(db_path)  # an open reader keeps the WAL from being checkpointed away on close
    try:
        holder.execute("SELECT count(*) FROM sqlite_master").fetchall()
        _insert_supplier(database, "Shenzhen Cable Co.")
        assert Path(f"{db_path}-wal").stat().st_size > 0
        copy = snapshot(db_path, tmp_path / "copies" / "copy.sqlite3")
    finally:
        holder.close()
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("SELECT name FROM suppliers").fetchall() == [("Shenzhen Cable Co.",)]
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    assert not copy.with_name(copy.name + ".part").exists()
    if os.name == "posix":
        assert copy.stat().st_mode & 0o777 == 0o600


def test_probe_reads_the_version_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite3"
    shutil.copy(SCHEMA_FIXTURES[-1], path)  # rollback-journal file: a WAL switch would change its header
    before = _fingerprint(path)
    assert db.probe_schema_version(path) == _version(path)
    assert _fingerprint(path) == before
