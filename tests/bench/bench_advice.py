"""The seller's assistant over a long history: 200 streamed shows of 2 hours, each a 10-segment rundown with two
products per pitch, a live run through ShowRuns, 60 orders and minute samples (views, online) from a platform export.

    python tests/bench/bench_advice.py [--repeat 7] [--shows 200]

Measured: ``Advice.report()`` — start slots and lengths, per-product figures (with the score refresh, a write),
pacing and the dismissals — the whole job the Advice page runs as a task. Baseline, same run, same database: the
rows the advice reads (live runs and their timer events, orders with their lines, metric samples, segments' products)
fetched with raw sqlite3, the floor of any advice over this history. Target: within 8× that floor (the advice
attributes every order and sample to the segment on air, works out each show's KPIs and reads the runs for the
products and the pacing separately) and under 1.5 s (it runs off the GUI thread with a progress bar). For context the
JSON also has ``Review.trends()`` over the same shows, the review's own cross-show read.

The database is written once into bench-results/advice_bench_<shows>.sqlite3 (git-ignored).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _common import median, report

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench-results"
NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
PRODUCTS = 60
SEGMENTS = 10
SEGMENT_SECONDS = 720  # 10 × 12 min = 2 h
ORDERS_PER_SHOW = 60
TARGET_RATIO = 8.0
RAW_READS = (
    "SELECT id, show_id, segments_json FROM show_runs WHERE kind = 'live'",
    "SELECT run_id, kind, at, segment, seconds, recorded_at FROM timer_events ORDER BY run_id, seq",
    "SELECT o.id, o.show_id, o.segment_id, o.created_at, o.status, l.variant_id, l.quantity, l.total_minor"
    " FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.show_id IS NOT NULL",
    "SELECT show_id, at, views, online, entries FROM metric_samples",
    "SELECT segment_id, variant_id FROM segment_products",
    "SELECT id, product_id, cost_minor, live_price_minor, on_hand FROM variants",
)
TARGET_MS = 1500.0


class _Clock:
    def __init__(self, at: float) -> None:
        self.at = at

    def __call__(self) -> float:
        return self.at


def build(path: Path, shows: int) -> None:
    from sqlalchemy import insert

    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
    from streamdesk.core.show_runs import ShowRuns
    from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput, ShowStatus
    from streamdesk.core.shows import Shows
    from streamdesk.db import open_database
    from streamdesk.models.base import OrderSource, OrderStatus, Platform
    from streamdesk.models.metrics import MetricImport, MetricSample
    from streamdesk.models.orders import Order, OrderLine

    rng = random.Random(12)
    database = open_database(path)
    catalogue = Catalogue(
        database.sessions,
        images_dir=path.parent / "advice-images",
        thumbnails_dir=path.parent / "advice-images" / ".t",
        weights=ScoreWeights(),
        clock=lambda: NOW,
    )
    variants = []
    for n in range(PRODUCTS):
        price = rng.randint(990, 19900)
        product = ProductInput(
            title=f"商品{n:03d}",
            variants=(VariantInput(f"SKU-{n:03d}", cost_minor=price // 2, live_price_minor=price, initial_stock=500),),
        )
        variants.append(catalogue.get_product(catalogue.create_product(product)).variants[0].id)
    shows_service = Shows(database.sessions, clock=lambda: NOW)
    for index in range(shows):
        start = NOW - timedelta(days=2 * (shows - index), hours=rng.choice((0, 6, 8)))
        show_id = shows_service.create_show(
            ShowInput(title=f"Show {index}", planned_start=start, planned_seconds=SEGMENTS * SEGMENT_SECONDS)
        )
        pitched = [rng.sample(variants, 2) for _ in range(SEGMENTS)]
        shows_service.replace_segments(
            show_id,
            [
                SegmentInput(
                    SegmentKind.PITCH if 0 < s < SEGMENTS - 1 else SegmentKind.OPENING,
                    f"Segment {s}",
                    SEGMENT_SECONDS,
                    variant_ids=tuple(pitched[s]) if 0 < s < SEGMENTS - 1 else (),
                )
                for s in range(SEGMENTS)
            ],
        )
        timer_clock, utc = _Clock(1000.0), [start]
        run = ShowRuns(database.sessions, clock=lambda u=utc: u[0], timer_clock=timer_clock).start(show_id)
        run.timer.start()
        for s in range(SEGMENTS):
            seconds = SEGMENT_SECONDS * rng.uniform(0.9, 1.4)
            timer_clock.at += seconds
            utc[0] += timedelta(seconds=seconds)
            if s < SEGMENTS - 1:
                run.timer.next()
        run.timer.finish()
        shows_service.set_status(show_id, ShowStatus.DONE)
        with database.sessions(write=True) as session, session.begin():
            for n in range(ORDERS_PER_SHOW):
                at = start + timedelta(seconds=rng.randint(60, SEGMENTS * SEGMENT_SECONDS))
                variant = rng.choice(variants)
                amount = rng.randint(990, 19900)
                order = Order(
                    platform=Platform.DOUYIN,
                    order_no=f"B{index:04d}-{n:03d}",
                    source=OrderSource.IMPORT,
                    status=OrderStatus.PAID,
                    show_id=show_id,
                    goods_minor=amount,
                    paid_minor=amount,
                    created_at=at,
                )
                session.add(order)
                session.flush()
                session.add(
                    OrderLine(
                        order_id=order.id,
                        line_no="1",
                        variant_id=variant,
                        title="商品",
                        quantity=1,
                        unit_price_minor=amount,
                        total_minor=amount,
                    )
                )
            batch = MetricImport(
                show_id=show_id, platform=Platform.DOUYIN, preset="douyin_trend", file_name="t.csv", interval_seconds=60
            )
            session.add(batch)
            session.flush()
            minutes = SEGMENTS * SEGMENT_SECONDS // 60
            session.execute(
                insert(MetricSample),
                [
                    {
                        "show_id": show_id,
                        "platform": Platform.DOUYIN,
                        "import_id": batch.id,
                        "at": start + timedelta(minutes=m),
                        "views": rng.randint(200, 900),
                        "online": rng.randint(50, 400),
                        "entries": rng.randint(20, 200),
                    }
                    for m in range(minutes)
                ],
            )
    database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--shows", type=int, default=200)
    args = parser.parse_args()
    from streamdesk.config import ReviewSettings
    from streamdesk.core.advice import Advice
    from streamdesk.core.review import Review
    from streamdesk.db import open_database

    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"advice_bench_{args.shows}.sqlite3"
    if not path.exists():
        started = time.perf_counter()
        build(path.with_suffix(".part"), args.shows)
        path.with_suffix(".part").rename(path)
        sys.stderr.write(f"built {path.name} in {time.perf_counter() - started:.0f} s\n")
    database = open_database(path)
    settings = ReviewSettings()
    advice = Advice(database.sessions, clock=lambda: NOW, settings=lambda: settings, currency=lambda: "CNY")
    review = Review(database.sessions, clock=lambda: NOW, settings=lambda: settings)
    plain = sqlite3.connect(path)
    advice_ms, raw_ms, trends_ms = [], [], []
    for _ in range(args.repeat):  # alternate, so a noisy moment hits each
        started = time.perf_counter()
        result = advice.report()
        advice_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        rows = sum(len(plain.execute(sql).fetchall()) for sql in RAW_READS)
        raw_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        points = review.trends()
        trends_ms.append((time.perf_counter() - started) * 1000)
    plain.close()
    database.dispose()
    ratio = median(advice_ms) / median(raw_ms)
    report(
        "advice",
        shows=result.slots.shows_found,
        products=len(result.products.products),
        suggestions=len(result.suggestions),
        rows_read=rows,
        advice_median_ms=median(advice_ms),
        raw_read_median_ms=median(raw_ms),
        trends_median_ms=median(trends_ms),
        trend_points=len(points),
        ratio=ratio,
        target_ratio=TARGET_RATIO,
        target_ms=TARGET_MS,
        ok=ratio <= TARGET_RATIO and median(advice_ms) <= TARGET_MS,
    )


if __name__ == "__main__":
    main()
