"""Live capture latency: from calling ``Orders.live_sale`` (what the Live page calls when the operator presses Enter)
until its commit has returned, on a SQLite file and, when STREAMDESK_TEST_PG names a server, on PostgreSQL.

Each engine gets a fresh database: 40 products × 5 SKUs with plenty of stock, 10 bundles of two components, a show
with a segment, and PAST_ORDERS imported orders of the last 90 days (a shop some months in). Then CAPTURES sales one after the other (about one in ten a bundle, buyers drawn from 150 nicknames
so both new and returning buyers occur), after WARMUP uncounted ones; and the same again from two processes at once
(two laptops, team mode; each waits at a barrier, then captures CAPTURES / 2): what the atomic stock take and the
order-number lock cost when captures meet. Figures: p50/p95 per engine, statements per capture, the PostgreSQL /
SQLite ratio of p95. Target: p95 ≤ 50 ms on each engine for one laptop (an operator never waits on Enter).

The test server of .ci/start-postgres runs with fsync=off and synchronous_commit=off (reported as
``postgresql_durable_commit``), while SQLite commits with synchronous=FULL: on such a server the ratio understates
what a real server's commit costs. The PostgreSQL database is made for the run and dropped after it.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

from _common import percentile, report
from sqlalchemy import event, insert, make_url, text

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
from streamdesk.core.order_types import LiveSaleInput, OrderSource, OrderStatus, Platform
from streamdesk.core.orders import Orders
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import Database, open_database
from streamdesk.models.orders import Order

CAPTURES = 400
WARMUP = 20
PRODUCTS = 40
SKUS_PER_PRODUCT = 5
BUNDLES = 10
BUYERS = 150
PAST_ORDERS = 50_000
TARGET_P95_MS = 50.0

Sale = tuple[int, str, int | None, int | None]  # variant id, nickname, show id, segment id


def clock() -> datetime:
    return datetime.now(UTC)


def seed(target: str | Path, images: Path) -> list[Sale]:
    """The catalogue and show; returns the sales to capture (WARMUP + CAPTURES, the same list for every engine)."""
    database = open_database(target)
    catalogue = Catalogue(
        database.sessions, images_dir=images, thumbnails_dir=images / ".thumbnails", weights=ScoreWeights(), clock=clock
    )
    variants: list[int] = []
    for p in range(PRODUCTS):
        product_id = catalogue.create_product(
            ProductInput(
                title=f"直播款 {p}",
                variants=tuple(
                    VariantInput(f"LV-{p:02d}-{s}", initial_stock=100_000, list_price_minor=1990, live_price_minor=1590)
                    for s in range(SKUS_PER_PRODUCT)
                ),
            )
        )
        variants += [v.id for v in catalogue.get_product(product_id).variants]
    bundles: list[int] = []
    for b in range(BUNDLES):
        components = ((variants[2 * b], 1), (variants[2 * b + 1], 2))
        product_id = catalogue.create_product(
            ProductInput(
                title=f"福袋 {b}",
                variants=(VariantInput(f"LV-SET-{b}", list_price_minor=5000, components=components),),
            )
        )
        bundles.append(catalogue.get_product(product_id).variants[0].id)
    past_orders(database)
    shows = Shows(database.sessions, clock=clock)
    show_id = shows.create_show(ShowInput(title="周五上新", planned_start=clock()))
    segment_id = shows.insert_segment(show_id, 0, SegmentInput(SegmentKind.FLASH_SALE, "秒杀", 3600))
    database.dispose()
    rng = random.Random(11)
    return [
        (
            rng.choice(bundles) if rng.random() < 0.1 else rng.choice(variants),
            f"观众{rng.randrange(BUYERS):03d}",
            show_id,
            segment_id,
        )
        for _ in range(WARMUP + CAPTURES)
    ]


def past_orders(database: Database) -> None:
    """PAST_ORDERS imported orders (platform numbers, placed over the last 90 days), in one executemany."""
    rng = random.Random(5)
    start = clock() - timedelta(days=90)
    template = Order(
        platform=Platform.DOUYIN,
        order_no="",
        source=OrderSource.IMPORT,
        status=OrderStatus.COMPLETED,
        created_at=start,
        recorded_at=start,
        updated_at=start,
    ).model_dump(exclude={"id"})
    rows = []
    for n in range(PAST_ORDERS):
        placed = start + timedelta(seconds=rng.randrange(89 * 86400))
        rows.append(dict(template, order_no=f"69{n:017d}", created_at=placed, recorded_at=placed, updated_at=placed))
    with database.sessions(write=True) as session, session.begin():
        session.execute(insert(Order), rows)


def capture_timed(
    target: str | Path, sales: list[Sale], barrier: Barrier | None = None, warmup: int = 0
) -> tuple[list[float], int]:
    """Milliseconds per capture (the first ``warmup`` not counted) and the statements they sent."""
    database = open_database(target, migrate=False)
    orders = Orders(database.sessions, clock=clock)
    statements = 0

    @event.listens_for(database.engine, "before_cursor_execute")
    def _count(*_args: Any) -> None:
        nonlocal statements
        statements += 1

    orders.customers()  # a pooled connection before the first timed capture
    if barrier is not None:
        barrier.wait(timeout=120)
    timings: list[float] = []
    for n, (variant_id, nickname, show_id, segment_id) in enumerate(sales):
        if n == warmup:
            statements = 0
        started = time.perf_counter()
        orders.live_sale(LiveSaleInput(variant_id, nickname, show_id=show_id, segment_id=segment_id))
        if n >= warmup:
            timings.append((time.perf_counter() - started) * 1000)
    database.dispose()
    return timings, statements


def _laptop(target: str, sales: list[Sale], barrier: Barrier, results: Queue[list[float]]) -> None:
    results.put(capture_timed(target, sales, barrier)[0])


def two_laptops(target: str | Path, sales: list[Sale]) -> list[float]:
    """Both processes' capture times, the sales split between them, started together."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results: Queue[list[float]] = context.Queue()
    halves = (sales[0::2], sales[1::2])
    processes = [context.Process(target=_laptop, args=(str(target), half, barrier, results)) for half in halves]
    for process in processes:
        process.start()
    timings = [ms for _ in processes for ms in results.get(timeout=600)]
    for process in processes:
        process.join(timeout=60)
    return timings


def measure(target: str | Path, images: Path) -> dict[str, Any]:
    sales = seed(target, images)
    single, statements = capture_timed(target, sales, warmup=WARMUP)
    contended = two_laptops(target, sales[WARMUP:])
    return {
        "p50_ms": percentile(single, 0.5),
        "p95_ms": percentile(single, 0.95),
        "max_ms": max(single),
        "statements_per_capture": round(statements / len(single), 1),
        "two_laptops_p50_ms": percentile(contended, 0.5),
        "two_laptops_p95_ms": percentile(contended, 0.95),
    }


def pg_server() -> str | None:
    configured = os.environ.get("STREAMDESK_TEST_PG", "").strip()
    return configured or None


def _admin(url: str) -> Any:
    import psycopg

    parsed = make_url(url)
    return psycopg.connect(
        host=parsed.host,
        port=parsed.port,
        user=parsed.username,
        password=parsed.password,
        dbname="postgres",
        autocommit=True,
    )


def durable_commit(target: str) -> bool:
    database = open_database(target, migrate=False)
    with database.engine.connect() as conn:
        fsync = conn.execute(text("SHOW fsync")).scalar_one()
        synchronous = conn.execute(text("SHOW synchronous_commit")).scalar_one()
    database.dispose()
    return bool(fsync == "on" and synchronous != "off")


def main() -> None:
    figures: dict[str, Any] = {"captures": CAPTURES, "past_orders": PAST_ORDERS}
    with tempfile.TemporaryDirectory(prefix="bench-live-") as folder:
        for name, value in measure(Path(folder) / "live.sqlite3", Path(folder) / "images").items():
            figures[f"sqlite_{name}"] = value
        server = pg_server()
        if server is None:
            sys.stderr.write("bench_live_capture: STREAMDESK_TEST_PG not set, SQLite only\n")
        else:
            database = f"sdbench_live_{uuid.uuid4().hex[:8]}"
            target = make_url(server).set(database=database).render_as_string(hide_password=False)
            with _admin(server) as admin:
                admin.execute(f'CREATE DATABASE "{database}"')
            try:
                for name, value in measure(target, Path(folder) / "images").items():
                    figures[f"postgresql_{name}"] = value
                figures["postgresql_durable_commit"] = durable_commit(target)
            finally:
                with _admin(server) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            figures["ratio_p95"] = figures["postgresql_p95_ms"] / figures["sqlite_p95_ms"]
            figures["ratio_p50"] = figures["postgresql_p50_ms"] / figures["sqlite_p50_ms"]
    engines = ("sqlite", "postgresql") if "postgresql_p95_ms" in figures else ("sqlite",)
    report(
        "live_capture",
        **figures,
        target_p95_ms=TARGET_P95_MS,
        passed=all(figures[f"{engine}_p95_ms"] <= TARGET_P95_MS for engine in engines),
    )


if __name__ == "__main__":
    main()
