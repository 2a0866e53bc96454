"""Search-as-you-type over 100,000 SKUs: per keystroke, what the catalogue page asks.

That is one call, ``catalogue.count_and_page(filter, CatalogueSort(), 0, 500)`` (the count and first page of 500
rows in one read transaction), exactly what CatalogueModel.reload() runs on its pool thread for every new query
(see ui/pages/catalogue/catalogue_model.py and ui/widgets/paged_model.py). Keystrokes of 1-2 characters are timed like any other.

Baseline: the very same SQL statements and parameters, captured from the service, replayed on a raw sqlite3
connection to the same file. Targets: p95 per keystroke ≤ 30 ms and ≤ 1.5× the raw sqlite3 p95.

With STREAMDESK_TEST_PG set, bench_search_pg.py then runs the same keystrokes against PostgreSQL (team mode).
"""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from _common import percentile, report
from catalogue_data import bench_database
from sqlalchemy import event

from streamdesk.app import build_services
from streamdesk.config import AppPaths, Settings
from streamdesk.core.catalogue_types import CatalogueFilter, CatalogueSort
from streamdesk.db import open_database

TYPED = ("连衣裙 0001", "sd00123", "dress 1234", "口红", "爆款", "6941", "hoodie", "精华液 0002")
PAGE = 500


def keystrokes() -> list[str]:
    return [word[: n + 1] for word in TYPED for n in range(len(word))]


def main(rounds: int = 3) -> None:
    path: Path = bench_database()
    database = open_database(path)
    services = build_services(database, Settings(language="en"), AppPaths.default(), clock=lambda: datetime.now(UTC))
    catalogue = services.catalogue
    captured: list[tuple[str, Any]] = []

    @event.listens_for(database.engine, "before_cursor_execute")
    def _capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if not statement.startswith(("BEGIN", "PRAGMA")):
            captured.append((statement, parameters))

    raw = sqlite3.connect(path)
    service_ms: list[float] = []
    raw_ms: list[float] = []
    for _ in range(rounds):
        for text in keystrokes():
            query = CatalogueFilter(text=text)
            captured.clear()
            started = time.perf_counter()
            catalogue.count_and_page(query, CatalogueSort(), 0, PAGE)
            service_ms.append((time.perf_counter() - started) * 1000)
            statements = list(captured)
            started = time.perf_counter()
            for statement, parameters in statements:
                raw.execute(statement, parameters).fetchall()
            raw_ms.append((time.perf_counter() - started) * 1000)
    raw.close()
    database.dispose()
    p95, raw_p95 = percentile(service_ms, 0.95), percentile(raw_ms, 0.95)
    report(
        "search_as_you_type",
        skus=100_000,
        keystrokes=len(service_ms),
        streamdesk_p95_ms=p95,
        streamdesk_p50_ms=percentile(service_ms, 0.5),
        raw_sqlite3_p95_ms=raw_p95,
        ratio=p95 / raw_p95,
        target_p95_ms=30,
        target_ratio=1.5,
        passed=p95 <= 30 and p95 / raw_p95 <= 1.5,
    )


if __name__ == "__main__":
    main()
    if os.environ.get("STREAMDESK_TEST_PG", "").strip():  # team mode too, when a server is named
        import bench_search_pg

        bench_search_pg.main()
