"""core/storage.py: which failed writes are a full disk, a read-only folder or a failing disk, with real SQLite errors."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from streamdesk.core.errors import NotAStreamDeskDatabase, UserError
from streamdesk.core.storage import FULL, IO, READ_ONLY, discard, is_storage_failure, storage_failure


def sqlite_error(tmp_path: Path, pragma: str, statement: str, *, uri: str | None = None) -> sqlite3.Error:
    path = tmp_path / "x.sqlite3"
    setup = sqlite3.connect(path)
    setup.execute("CREATE TABLE IF NOT EXISTS t (v TEXT)")
    setup.commit()
    setup.close()
    conn = sqlite3.connect(uri or str(path), uri=uri is not None)
    try:
        if pragma:
            conn.execute(pragma)
        conn.execute(statement)
        conn.commit()
    except sqlite3.Error as error:
        return error
    finally:
        conn.close()
    raise AssertionError("the statement did not fail")


def test_a_database_that_cannot_grow_is_a_full_disk_named_by_the_caller(tmp_path: Path) -> None:
    error = sqlite_error(tmp_path, "PRAGMA max_page_count = 2", "INSERT INTO t SELECT hex(randomblob(9000))")
    failure = storage_failure(error, database=tmp_path / "x.sqlite3")
    assert failure is not None
    assert (failure.code, failure.fields["path"]) == (FULL, str(tmp_path / "x.sqlite3"))
    unnamed = storage_failure(error)  # no file given: the sentence speaks of "the database"
    assert unnamed is not None and unnamed.code == f"{FULL}_database"


def test_a_read_only_database_is_read_only(tmp_path: Path) -> None:
    error = sqlite_error(tmp_path, "", "INSERT INTO t VALUES ('a')", uri=f"file:{tmp_path / 'x.sqlite3'}?mode=ro")
    failure = storage_failure(error, target=tmp_path / "out.csv")
    assert failure is not None and (failure.code, failure.fields["path"]) == (READ_ONLY, str(tmp_path / "out.csv"))


def test_sqlalchemy_wrapping_and_the_cause_chain_are_looked_through(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'y.sqlite3'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (v TEXT)"))
        conn.execute(text("PRAGMA max_page_count = 2"))
        with pytest.raises(OperationalError) as wrapped:
            conn.execute(text("INSERT INTO t SELECT hex(randomblob(9000))"))
    engine.dispose()
    assert is_storage_failure(wrapped.value)
    try:
        raise RuntimeError("while exporting") from wrapped.value
    except RuntimeError as outer:
        found = storage_failure(outer, database="shop.sqlite3")
        assert found is not None and (found.code, found.fields["path"]) == (FULL, "shop.sqlite3")


@pytest.mark.parametrize(
    ("number", "code"),
    [(errno.ENOSPC, FULL), (errno.EFBIG, FULL), (errno.EROFS, READ_ONLY), (errno.EACCES, READ_ONLY), (errno.EIO, IO)],
)
def test_os_errors_by_number_name_their_file_unless_the_caller_names_the_target(number: int, code: str) -> None:
    error = OSError(number, "system words", "/data/.out.csv.123.part")
    unnamed = storage_failure(error)
    assert unnamed is not None and unnamed.fields["path"] == "/data/.out.csv.123.part"
    named = storage_failure(error, target="/data/out.csv")
    assert named is not None and (named.code, named.fields["path"]) == (code, "/data/out.csv")


def test_other_failures_are_not_storage_failures(tmp_path: Path) -> None:
    assert storage_failure(OSError(errno.ENOENT, "No such file or directory", "/nowhere")) is None
    assert storage_failure(ValueError("bad")) is None
    corrupt = sqlite_error(tmp_path, "", "SELECT * FROM missing_table")  # SQLITE_ERROR, not a disk problem
    assert storage_failure(corrupt) is None
    assert storage_failure(NotAStreamDeskDatabase("x")) is None
    already = UserError(READ_ONLY, path="/x", reason="r")
    assert storage_failure(already) is already


def test_discard_removes_a_file_and_ignores_what_is_not_there(tmp_path: Path) -> None:
    leftover = tmp_path / ".out.csv.part"
    leftover.write_text("half")
    discard(leftover)
    discard(leftover)
    discard(tmp_path / "missing" / "file")
    assert not leftover.exists()
