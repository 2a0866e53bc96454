"""The Review page's charts at their heaviest: a 4-hour show sampled every second, and trends over 500 shows.

    python tests/bench/bench_review.py [--repeat 7]

Timeline: ``Review.timeline(show)`` reads 14,400 samples × 5 series (online, entries, GMV, orders, comments), the
show's 2,000 orders and its 24-segment rundown from a real SQLite file; ``TimelineChart.set_data`` prepares the
arrays and moves the items; ``grab()`` paints the 1100 × 420 widget offscreen. Target: median ≤ 300 ms.
Baseline, same run: the same samples read with raw sqlite3 (one SELECT) and the viewers drawn as one QPainter
polyline on an image of the chart's size: the floor of any chart of this data.

Trends: ``Review.trends()`` over 500 done shows (orders, totals and minute samples of each), then
``TrendsChart.set_data`` and ``grab()``. Target: median ≤ 300 ms. Baseline: one raw GROUP BY over the orders plus a
polyline of the 500 sums.

The database is written once with executemany into bench-results/review_bench_v6.sqlite3 (git-ignored).
"""

from __future__ import annotations

import argparse
import os
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
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
MAIN_START = NOW - timedelta(days=1)
SHOWS = 500  # past shows for the trends; the 4-hour show is the newest of them
MAIN_SECONDS = 4 * 3600
MAIN_ORDERS = 2_000
ORDERS_PER_SHOW = 40
TARGET_MS = 300.0
SIZE = (1100, 420)
KINDS = ["opening", "pitch", "pitch", "flash_sale", "pitch", "giveaway", "interaction", "pitch"]


def _t(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _show_start(n: int) -> datetime:
    return MAIN_START - timedelta(days=2 * (SHOWS - n))  # show SHOWS is the 4-hour one


def _insert_orders(conn: sqlite3.Connection, rng: random.Random, stamp: str) -> None:
    orders, lines = [], []
    order_id = 0
    for show in range(1, SHOWS + 1):
        start = _show_start(show)
        count, span = (MAIN_ORDERS, MAIN_SECONDS) if show == SHOWS else (ORDERS_PER_SHOW, 7200)
        for _ in range(count):
            order_id += 1
            created = start + timedelta(seconds=rng.randint(0, span - 1))
            paid = rng.randint(1990, 29900)
            orders.append(("douyin", f"69{order_id:017d}", "import", rng.choice(("paid", "shipped", "completed")),
                           show, paid, paid, _t(created), _t(created + timedelta(minutes=1)), stamp, stamp))  # fmt: skip
            lines.append((order_id, "1", rng.randint(1, 20), "冰丝防晒衣", 1, paid, paid))
    conn.executemany(
        "INSERT INTO orders (platform, order_no, source, status, raw_status, needs_review, show_id, currency,"
        " goods_minor, paid_minor, refunded_minor, created_at, paid_at, recipient, phone, province, city, district,"
        " address, postcode, country, buyer_note, seller_note, pii_masked, raw_json, version, recorded_at, updated_at)"
        " VALUES (?, ?, ?, ?, '', 0, ?, 'CNY', ?, ?, 0, ?, ?, '', '', '', '', '', '', '', '', '', '', 0, '{}', 1, ?, ?)",
        orders,
    )
    conn.executemany(
        "INSERT INTO order_lines (order_id, line_no, variant_id, sku_code, title, spec, quantity, unit_price_minor,"
        " total_minor, refunded_quantity) VALUES (?, ?, ?, '', ?, '', ?, ?, ?, 0)",
        lines,
    )


def _insert_samples(conn: sqlite3.Connection, rng: random.Random) -> None:
    rows = []
    start = _show_start(SHOWS)
    online = 300.0
    for second in range(MAIN_SECONDS):  # the 4-hour show: one sample a second, five series
        online = max(20.0, online + rng.gauss(0.05, 4.0))
        rows.append((SHOWS, _t(start + timedelta(seconds=second)), int(online), rng.randint(0, 3),
                     rng.choice((0, 0, 0, 0, 9900)), rng.choice((0, 0, 0, 1)), rng.randint(0, 2)))  # fmt: skip
    for show in range(1, SHOWS):  # the others: minute trends over two hours
        start = _show_start(show)
        for minute in range(120):
            rows.append((show, _t(start + timedelta(minutes=minute)), rng.randint(100, 900), rng.randint(20, 90),
                         rng.randint(0, 5) * 9900, rng.randint(0, 5), rng.randint(0, 30)))  # fmt: skip
    conn.executemany(
        "INSERT INTO metric_samples (show_id, platform, at, online, entries, gmv_minor, orders, comments)"
        " VALUES (?, 'douyin', ?, ?, ?, ?, ?, ?)",
        rows,
    )


def bench_database() -> Path:
    from streamdesk.db import open_database

    path = RESULTS / "review_bench_v6.sqlite3"
    if path.exists():
        return path
    RESULTS.mkdir(exist_ok=True)
    open_database(path).dispose()
    rng = random.Random(8)
    stamp = _t(NOW)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO products (title, alt_title, brand, category, tags, description, selling_points,"
            " talking_points, faq, compliance_notes, ship_from_region, archived, version, created_at, updated_at)"
            " VALUES ('冰丝防晒衣', '', '', '', '', '', '', '', '', '', '', 0, 1, ?, ?)",
            (stamp, stamp),
        )
        conn.executemany(
            "INSERT INTO variants (product_id, sku_code, barcode, spec, spec_label, currency, cost_minor,"
            " low_stock_threshold, on_hand, is_bundle, archived, search_text, version, created_at, updated_at)"
            " VALUES (1, ?, '', '{}', ?, 'CNY', 4500, 0, 100, 0, 0, '', 1, ?, ?)",
            [(f"SKU-{n:02d}", f"款{n}", stamp, stamp) for n in range(20)],
        )
        conn.executemany(
            "INSERT INTO shows (id, title, theme, platforms, planned_start, planned_seconds, status, currency,"
            " target_gmv_minor, notes, is_template, version, created_at, updated_at)"
            " VALUES (?, ?, '', 'douyin', ?, ?, 'done', 'CNY', 5000000, '', 0, 1, ?, ?)",
            [
                (n, f"专场 {n}", _t(_show_start(n)), MAIN_SECONDS if n == SHOWS else 7200, stamp, stamp)
                for n in range(1, SHOWS + 1)
            ],
        )
        conn.executemany(
            "INSERT INTO segments (show_id, position, kind, title, planned_seconds, talking_points, promotion_cue,"
            " warn_seconds, danger_seconds, notes) VALUES (?, ?, ?, ?, 600, '', '', 60, 15, '')",
            [(SHOWS, p, KINDS[p % len(KINDS)], f"第{p + 1}段 冰丝防晒衣 讲解") for p in range(24)],
        )
        conn.executemany(
            "INSERT INTO show_totals (show_id, platform, source, viewers, average_watch_seconds, new_followers,"
            " updated_at) VALUES (?, 'douyin', 'manual', ?, ?, ?, ?)",
            [
                (n, rng.randint(2000, 20000), rng.randint(40, 240), rng.randint(5, 400), stamp)
                for n in range(1, SHOWS + 1)
            ],
        )
        _insert_orders(conn, rng, stamp)
        _insert_samples(conn, rng)
    conn.execute("ANALYZE")
    conn.close()
    return path


def _wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _polyline_ms(values: list[float]) -> float:
    """Draw ``values`` as one polyline on an image of the chart's size (the baseline's drawing half)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QImage, QPainter, QPolygonF

    started = time.perf_counter()
    width, height = SIZE
    top = max(values) or 1.0
    step = width / max(1, len(values) - 1)
    polygon = QPolygonF([QPointF(i * step, height - v / top * height) for i, v in enumerate(values)])
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.drawPolyline(polygon)
    painter.end()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    import streamdesk.ui  # noqa: F401  (the PySide6 work-arounds)
    from streamdesk.config import ReviewSettings
    from streamdesk.core.review import Review
    from streamdesk.db import open_database
    from streamdesk.ui.pages.review.charts import TimelineChart, TrendsChart

    path = bench_database()
    app = QApplication(["bench"])  # noqa: F841 - widgets need it
    database = open_database(path)
    review = Review(database.sessions, clock=lambda: NOW, settings=lambda: ReviewSettings())
    timeline_chart, trends_chart = TimelineChart(), TrendsChart()
    for chart in (timeline_chart, trends_chart):
        chart.resize(*SIZE)
        chart.show()
    _wait(50)
    plain = sqlite3.connect(path)

    def run_timeline() -> tuple[float, float, float]:
        started = time.perf_counter()
        timeline = review.timeline(SHOWS)
        loaded = time.perf_counter()
        timeline_chart.set_data(timeline, currency="CNY")
        drawn = time.perf_counter()
        timeline_chart.grab()
        return (loaded - started) * 1000, (drawn - loaded) * 1000, (time.perf_counter() - drawn) * 1000

    def run_trends() -> tuple[float, float]:
        started = time.perf_counter()
        points = review.trends()
        loaded = time.perf_counter()
        trends_chart.set_data(points, moving_average=3)
        trends_chart.grab()
        return (loaded - started) * 1000, (time.perf_counter() - loaded) * 1000

    def baseline_timeline() -> float:
        started = time.perf_counter()
        rows = plain.execute(
            "SELECT at, online, entries, gmv_minor, orders, comments FROM metric_samples WHERE show_id = ? ORDER BY at",
            (SHOWS,),
        ).fetchall()
        read = (time.perf_counter() - started) * 1000
        return read + _polyline_ms([float(row[1]) for row in rows])

    def baseline_trends() -> float:
        started = time.perf_counter()
        rows = plain.execute(
            "SELECT show_id, SUM(paid_minor), COUNT(*) FROM orders WHERE show_id IS NOT NULL GROUP BY show_id"
        ).fetchall()
        read = (time.perf_counter() - started) * 1000
        return read + _polyline_ms([float(row[1]) for row in rows])

    first_timeline = sum(run_timeline())  # cold: the first draw of the chart
    first_trends = sum(run_trends())
    timeline_runs = [run_timeline() for _ in range(args.repeat)]
    trends_runs = [run_trends() for _ in range(args.repeat)]
    timeline_floor = median([baseline_timeline() for _ in range(args.repeat)])
    trends_floor = median([baseline_trends() for _ in range(args.repeat)])
    plain.close()
    samples = len(review.timeline(SHOWS).seconds)
    database.dispose()
    timeline_ms = median([sum(run) for run in timeline_runs])
    trends_ms = median([sum(run) for run in trends_runs])
    report(
        "review_charts",
        timeline_ms=timeline_ms,
        timeline_load_ms=median([run[0] for run in timeline_runs]),
        timeline_set_data_ms=median([run[1] for run in timeline_runs]),
        timeline_grab_ms=median([run[2] for run in timeline_runs]),
        timeline_first_ms=first_timeline,
        timeline_baseline_ms=timeline_floor,
        timeline_ratio=timeline_ms / timeline_floor if timeline_floor else 0.0,
        samples=samples,
        series=5,
        trends_ms=trends_ms,
        trends_load_ms=median([run[0] for run in trends_runs]),
        trends_chart_ms=median([run[1] for run in trends_runs]),
        trends_first_ms=first_trends,
        trends_baseline_ms=trends_floor,
        trends_ratio=trends_ms / trends_floor if trends_floor else 0.0,
        shows=SHOWS,
        target_ms=TARGET_MS,
        within_target=timeline_ms <= TARGET_MS and trends_ms <= TARGET_MS,
        repeat=args.repeat,
    )


if __name__ == "__main__":
    main()
