"""Search-as-you-type in team mode: bench_search.py's keystrokes against PostgreSQL, at 10,000 and 100,000 SKUs.

Needs a server: STREAMDESK_TEST_PG (as for the test suite; .ci/start-postgres starts one on loopback). The SKUs
are bench_search's own (catalogue_data.py's SQLite database, copied row for row into a PostgreSQL database named
``sdbench_search_<n>k`` on that server, made once and kept), then ANALYZE, as autovacuum would on a real server.

Per keystroke: ``catalogue.count_and_page(CatalogueFilter(text), CatalogueSort(), 0, 500)``, what the catalogue
page asks. Baseline: the very same statements and parameters, captured from the service, replayed on a raw
psycopg connection. Figures per query length (1, 2, 3+ characters: a trigram index answers only 3+) and overall;
targets as bench_search's: p95 ≤ 30 ms and ≤ 1.5× the raw driver's p95.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from _common import percentile, report
from bench_search import PAGE, keystrokes
from catalogue_data import RESULTS, bench_database, build_database
from sqlalchemy import URL, event, make_url

from streamdesk.app import build_services
from streamdesk.config import AppPaths, Settings
from streamdesk.core.catalogue_types import CatalogueFilter, CatalogueSort
from streamdesk.db import open_database

SIZES = (10_000, 100_000)
TABLES = ("suppliers", "products", "variants")  # what the table reads (no bundles or images in the bench data)


def server() -> URL:
    configured = os.environ.get("STREAMDESK_TEST_PG", "").strip()
    if not configured:
        sys.exit("bench_search_pg: set STREAMDESK_TEST_PG to a PostgreSQL server's URL (see .ci/start-postgres)")
    url = make_url(configured)
    return url.set(drivername="postgresql+psycopg") if url.drivername in ("postgresql", "postgres") else url


def connect(url: URL, database: str, *, autocommit: bool = False) -> psycopg.Connection[Any]:
    return psycopg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, dbname=database, autocommit=autocommit
    )


def source(skus: int) -> Path:
    """catalogue_data's SQLite database of this size (100k is bench_search's own)."""
    return bench_database() if skus == 100_000 else build_database(RESULTS / f"catalogue-{skus // 1000}k.sqlite3", skus)


def pg_database(url: URL, skus: int) -> str:
    """The URL of a migrated PostgreSQL database holding the SQLite bench database's rows (made once)."""
    name = f"sdbench_search_{skus // 1000}k"
    target = url.set(database=name).render_as_string(hide_password=False)
    with connect(url, "postgres", autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return target
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        open_database(target).dispose()
        lite = sqlite3.connect(source(skus))
        with connect(url, name) as conn:
            for table in TABLES:
                columns = [row[1] for row in lite.execute(f"PRAGMA table_info({table})")]
                listed = ", ".join(columns)
                with conn.cursor().copy(f"COPY {table} ({listed}) FROM STDIN") as copy:
                    for row in lite.execute(f"SELECT {listed} FROM {table} ORDER BY id"):
                        copy.write_row(row)
                conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 1)) FROM {table}"
                )
        lite.close()
        with connect(url, name, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    except BaseException:
        with connect(url, "postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        raise
    return target


def run(url: URL, skus: int, rounds: int) -> dict[str, Any]:
    target = pg_database(url, skus)
    database = open_database(target)
    services = build_services(database, Settings(language="en"), AppPaths.default(), clock=lambda: datetime.now(UTC))
    catalogue = services.catalogue
    captured: list[tuple[str, Any]] = []

    @event.listens_for(database.engine, "before_cursor_execute")
    def _capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if statement.startswith("SELECT"):
            captured.append((statement, parameters))

    raw = connect(url, str(make_url(target).database))
    timings: dict[str, tuple[list[float], list[float]]] = {"1": ([], []), "2": ([], []), "3+": ([], [])}
    for round_no in range(rounds + 1):  # round 0 warms the caches and is not counted
        for text in keystrokes():
            length = "1" if len(text) == 1 else "2" if len(text) == 2 else "3+"
            captured.clear()
            started = time.perf_counter()
            catalogue.count_and_page(CatalogueFilter(text=text), CatalogueSort(), 0, PAGE)
            service_ms = (time.perf_counter() - started) * 1000
            statements = list(captured)
            started = time.perf_counter()
            with raw.transaction():
                for statement, parameters in statements:
                    raw.execute(statement, parameters).fetchall()
            raw_ms = (time.perf_counter() - started) * 1000
            if round_no:
                timings[length][0].append(service_ms)
                timings[length][1].append(raw_ms)
    raw.close()
    database.dispose()
    figures: dict[str, Any] = {}
    for length, (service, baseline) in timings.items():
        figures[f"chars_{length}_p50_ms"] = percentile(service, 0.5)
        figures[f"chars_{length}_p95_ms"] = percentile(service, 0.95)
        figures[f"chars_{length}_raw_p95_ms"] = percentile(baseline, 0.95)
    service = [ms for s, _ in timings.values() for ms in s]
    baseline = [ms for _, b in timings.values() for ms in b]
    p95, raw_p95 = percentile(service, 0.95), percentile(baseline, 0.95)
    return report(
        "search_as_you_type_postgresql",
        skus=skus,
        keystrokes=len(service),
        streamdesk_p95_ms=p95,
        streamdesk_p50_ms=percentile(service, 0.5),
        raw_psycopg_p95_ms=raw_p95,
        ratio=p95 / raw_p95,
        **figures,
        target_p95_ms=30,
        target_ratio=1.5,
        passed=p95 <= 30 and p95 / raw_p95 <= 1.5,
    )


def main(rounds: int = 3) -> None:
    url = server()
    for skus in SIZES:
        run(url, skus, rounds)


if __name__ == "__main__":
    main()
