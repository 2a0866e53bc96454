"""``streamdesk db migrate-to`` both ways on the demo shop plus 100,000 metric samples (~102k rows in 40 tables).

Needs a server: STREAMDESK_TEST_PG (as for the test suite; .ci/start-postgres starts one on loopback). Each run
makes its own databases on it (``sdbench_copy_*``) and drops them at the end.

StreamDesk: ``core.db_copy.copy_database`` SQLite → PostgreSQL, then PostgreSQL → SQLite (target made by
open_database, rows in one transaction, identity sequences reset, counts and totals verified in both databases).
Baseline: the bare transfer of the same rows into a target made by the same open_database: plain sqlite3 reads
and one psycopg COPY per table, and back plain psycopg reads and sqlite3 executemany; no type round trip, no
verification. Target: ≤ 2× the baseline each way.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from _common import report
from sqlalchemy import URL, make_url

from streamdesk.core.db_copy import copy_database
from streamdesk.core.db_copy_rows import copied_tables
from streamdesk.core.demo import write_demo
from streamdesk.core.jobs import run_to_end
from streamdesk.db import open_database

SAMPLES = 100_000
NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


def server() -> URL:
    configured = os.environ.get("STREAMDESK_TEST_PG", "").strip()
    if not configured:
        sys.exit("bench_db_copy: set STREAMDESK_TEST_PG to a PostgreSQL server's URL (see .ci/start-postgres)")
    return make_url(configured).set(drivername="postgresql+psycopg")


def admin(url: URL) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, dbname="postgres", autocommit=True
    )


def new_database(url: URL, name: str) -> str:
    with admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def shop(folder: Path) -> Path:
    path = folder / "shop.sqlite3"
    run_to_end(write_demo(path, seed=7, clock=lambda: NOW))
    conn = sqlite3.connect(path)
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
        "INSERT INTO metric_samples (show_id, platform, at, online, gmv_minor, orders, ad_cost_minor) "
        "SELECT (SELECT MIN(id) FROM shows), 'other', datetime('2020-01-01', '+' || i || ' seconds') || '.000000', "
        "i % 500, i * 3, i % 7, i % 11 FROM n",
        (SAMPLES,),
    )
    conn.commit()
    conn.close()
    return path


def bare_to_server(source: Path, target: str) -> None:
    open_database(target).dispose()
    url = make_url(target)
    reading = sqlite3.connect(source)
    with psycopg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, dbname=url.database
    ) as writing:
        for table in copied_tables():
            names = list(table.c.keys())
            with writing.cursor().copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
                for row in reading.execute(f"SELECT {', '.join(names)} FROM {table.name}"):
                    copy.write_row(row)
    reading.close()


def bare_to_file(source: str, target: Path) -> None:
    open_database(target).dispose()
    url = make_url(source)
    writing = sqlite3.connect(target, isolation_level=None)
    writing.execute("BEGIN")
    with psycopg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, dbname=url.database
    ) as reading:
        for table in copied_tables():
            names = list(table.c.keys())
            rows = reading.execute(f"SELECT {', '.join(names)} FROM {table.name}").fetchall()
            marks = ", ".join("?" for _ in names)
            writing.executemany(f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})", rows)
    writing.execute("COMMIT")
    writing.close()


def timed(action: object, *args: object) -> float:
    start = time.perf_counter()
    action(*args)  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    url = server()
    names = [f"sdbench_copy_{n}" for n in ("sd", "bare")]
    with tempfile.TemporaryDirectory() as folder:
        source = shop(Path(folder))
        ours = new_database(url, names[0])
        there = timed(copy_database, source, ours)
        back = timed(copy_database, ours, Path(folder) / "back.sqlite3")
        bare = new_database(url, names[1])
        bare_there = timed(bare_to_server, source, bare)
        bare_back = timed(bare_to_file, bare, Path(folder) / "bare-back.sqlite3")
        rows = copy_database(source, Path(folder) / "count.sqlite3").rows
    with admin(url) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    report(
        "db_copy",
        rows=rows,
        to_server_s=there,
        to_server_bare_s=bare_there,
        to_server_ratio=there / bare_there,
        to_file_s=back,
        to_file_bare_s=bare_back,
        to_file_ratio=back / bare_back,
        target_ratio=2.0,
    )


if __name__ == "__main__":
    main()
