"""``streamdesk db migrate-to TARGET`` as a user runs it: the demo shop to a PostgreSQL server and back, and the
targets it refuses (exit 2, one line, no traceback, never the password). The PostgreSQL tests skip without a server.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cli_support import *  # noqa: F403 - the shared fixture (home)
from cli_support import digest, run
from pg_support import Server
from sqlalchemy import create_engine, text

PASSWORD = "streamdesk-test"  # the test server's (pg_support, .ci/start-postgres): never printed


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("shop")
    (folder / "home").mkdir()
    path = folder / "shop.sqlite3"
    made = run(folder / "home", path, "demo", str(path))
    assert made.returncode == 0, made.stderr
    return path


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    return result.stderr.strip()


def _assert_not_logged(home: Path, secret: str) -> None:
    logs = list((home / "logs").glob("*.log*"))
    assert logs, "the command wrote no log"
    for log in logs:
        assert secret not in log.read_text(encoding="utf-8", errors="replace"), log


def _server_tables(url: str) -> list[str]:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
            )
            return sorted(row[0] for row in rows)
    finally:
        engine.dispose()


def _rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
            if not name.startswith("variants_fts")
        }
    finally:
        conn.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_demo_shop_goes_to_the_server_and_back(shop: Path, home: Path, pg_server: Server, tmp_path: Path) -> None:
    url = pg_server.empty_database()
    before = digest(shop)
    there = run(home, shop, "db", "migrate-to", url)
    assert there.returncode == 0, there.stderr
    assert there.stderr == ""
    lines = there.stdout.splitlines()
    rows = sum(len(table) for name, table in _rows(shop).items() if name != "schema_info")
    tables = len(_rows(shop)) - 1  # every table the shop file has, but schema_info (the target's migration writes it)
    assert lines[0] == f"Copied {rows} rows in {tables} tables from {shop} to {url.replace(PASSWORD, '***')}."
    pictures = sorted(p.name for p in (shop.parent / "shop-images").iterdir() if p.is_file())
    assert pictures and f"Product pictures put where the copy finds them: {len(pictures)}." in lines
    assert lines[1].startswith("Verified in both databases: the row count of every table, and the totals of 25 ")
    assert "orders.paid_minor" in lines[1] and "variants.on_hand" in lines[1]
    assert PASSWORD not in there.stdout
    assert digest(shop) == before  # the shop itself is only read

    back = tmp_path / "back.sqlite3"
    home_again = run(home, url, "db", "migrate-to", str(back), "--json")
    assert home_again.returncode == 0, home_again.stderr
    summary = json.loads(home_again.stdout)
    assert summary["rows"] == rows + len(pictures)  # the server holds the pictures as rows too (image_files)
    assert summary["target"] == str(back)
    assert summary["source"] == url.replace(PASSWORD, "***")
    assert "stock_moves.quantity" in summary["verified_totals"]
    assert summary["pictures"] == len(pictures)  # fetched from the server into the folder beside the copy
    assert sorted(p.name for p in (tmp_path / "back-images").iterdir() if p.is_file()) == pictures
    assert _rows(back) == _rows(shop)
    _assert_not_logged(home, PASSWORD)
    checked = run(home, back, "check")
    assert (checked.returncode, checked.stdout) == (0, "OK\n"), checked.stdout + checked.stderr


def test_a_server_database_that_has_tables_is_refused(shop: Path, home: Path, pg_server: Server) -> None:
    url = pg_server.migrated_database()
    tables = _server_tables(url)
    line = _one_line_error(run(home, shop, "db", "migrate-to", url))
    assert "is not empty" in line and url.replace(PASSWORD, "***") in line
    assert PASSWORD not in line
    assert _server_tables(url) == tables


def test_an_existing_file_is_refused_and_left_as_it_was(shop: Path, home: Path, tmp_path: Path) -> None:
    taken = tmp_path / "taken.sqlite3"
    run(home, shop, "db", "migrate-to", str(taken))
    before = digest(taken)
    line = _one_line_error(run(home, shop, "db", "migrate-to", str(taken)))
    assert line.startswith(f"{taken} already exists.")
    assert digest(taken) == before


def test_a_server_nobody_listens_on_is_refused_without_the_password(shop: Path, home: Path) -> None:
    url = f"postgresql://seller:s3cret-pw@127.0.0.1:{_free_port()}/shop"
    line = _one_line_error(run(home, shop, "db", "migrate-to", url))
    assert "could not open the team database postgresql://seller:***@127.0.0.1:" in line
    assert "s3cret-pw" not in line
    _assert_not_logged(home, "s3cret-pw")


def test_a_source_server_nobody_listens_on_is_refused_too(home: Path, tmp_path: Path) -> None:
    url = f"postgresql://seller:s3cret-pw@127.0.0.1:{_free_port()}/shop"
    line = _one_line_error(run(home, url, "db", "migrate-to", str(tmp_path / "copy.sqlite3")))
    assert "s3cret-pw" not in line and "***" in line
    assert not (tmp_path / "copy.sqlite3").exists()


def test_a_shop_file_that_does_not_exist_is_refused_not_created(home: Path, tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlite3"
    line = _one_line_error(run(home, missing, "db", "migrate-to", str(tmp_path / "copy.sqlite3")))
    assert line.startswith(f"There is no database at {missing}.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_a_database_engine_streamdesk_does_not_use_is_refused(shop: Path, home: Path) -> None:
    line = _one_line_error(run(home, shop, "db", "migrate-to", "mysql://seller:s3cret-pw@db.example/shop"))
    assert "“mysql”" in line and "s3cret-pw" not in line


def test_a_value_the_server_refuses_leaves_an_empty_database(
    shop: Path, home: Path, pg_server: Server, tmp_path: Path
) -> None:
    edited = tmp_path / "edited.sqlite3"
    assert run(home, shop, "db", "migrate-to", str(edited)).returncode == 0
    conn = sqlite3.connect(edited)
    conn.execute("UPDATE variants SET cost_minor = 1990.5 WHERE id = (SELECT MIN(id) FROM variants)")
    conn.commit()
    conn.close()
    url = pg_server.empty_database()
    line = _one_line_error(run(home, edited, "db", "migrate-to", url))
    assert "“cost_minor”" in line and "“variants”" in line and "Nothing was copied." in line
    assert _server_tables(url) == []


def _limit_file_size() -> None:
    """In the child: no file may grow past 256 kB, as on a full disk (a write past it fails with EFBIG)."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="RLIMIT_FSIZE is POSIX")
def test_a_full_disk_names_the_new_file_and_leaves_nothing(shop: Path, home: Path, tmp_path: Path) -> None:
    import os
    import sys

    target = tmp_path / "out" / "copy.sqlite3"
    target.parent.mkdir()
    env = {**os.environ, "STREAMDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("STREAMDESK_DB", None)
    result = subprocess.run(
        [sys.executable, "-m", "streamdesk", "--lang", "en", "--db", str(shop), "db", "migrate-to", str(target)],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
        preexec_fn=_limit_file_size,
    )
    line = _one_line_error(result)
    assert str(target) in line and ".copying" not in line
    assert list(target.parent.iterdir()) == []
