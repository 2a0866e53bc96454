"""The orders table at 100,000 orders: what the Orders page asks per filter change or sort click.

One call, ``orders.count_and_page(filter, sort, descending, 0, 500)`` (the count and the first 500 rows in one
read transaction), for the page's usual questions: everything newest first, a status, a show, overdue, needs
review, typed text (order number, buyer, title), and each sort. Baseline: the same statements replayed on a raw
sqlite3 connection. Target: p95 ≤ 100 ms per question.

The database (100,000 orders, ~150,000 lines, 20,000 customers, shipments for the shipped half, over 60 SKUs and
12 shows) is written once with executemany into bench-results/orders_100k.sqlite3.
"""

from __future__ import annotations

import random
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _common import percentile, report
from sqlalchemy import event

from streamdesk.core.order_types import OrderFilter, OrderSort, OrderStatus, Platform
from streamdesk.core.orders import Orders
from streamdesk.db import open_database

ORDERS = 100_000
RESULTS = Path(__file__).resolve().parents[2] / "bench-results"
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
STATUSES = ["completed"] * 60 + ["shipped"] * 20 + ["paid"] * 12 + ["cancelled", "refunded"] * 3 + ["refunding"] * 2


def _t(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def bench_database() -> Path:
    path = RESULTS / "orders_100k.sqlite3"
    if path.exists():
        return path
    RESULTS.mkdir(exist_ok=True)
    open_database(path).dispose()
    rng = random.Random(5)
    conn = sqlite3.connect(path)
    stamp = _t(NOW)
    with conn:
        conn.execute(
            "INSERT INTO products (title, alt_title, brand, category, tags, description, selling_points,"
            " talking_points, faq, compliance_notes, ship_from_region, archived, version, created_at, updated_at)"
            " VALUES ('冰丝防晒衣', '', '', '', '', '', '', '', '', '', '', 0, 1, ?, ?)",
            (stamp, stamp),
        )
        conn.executemany(
            "INSERT INTO variants (product_id, sku_code, barcode, spec, spec_label, currency, low_stock_threshold,"
            " on_hand, is_bundle, archived, search_text, version, created_at, updated_at)"
            " VALUES (1, ?, '', '{}', ?, 'CNY', 0, 0, 0, 0, '', 1, ?, ?)",
            [(f"SKU-{n:03d}", f"款{n}", stamp, stamp) for n in range(60)],
        )
        conn.executemany(
            "INSERT INTO shows (title, theme, platforms, currency, planned_seconds, status, is_template, notes,"
            " version, created_at, updated_at, planned_start) VALUES (?, '', 'douyin', 'CNY', 7200, 'done', 0, '',"
            " 1, ?, ?, ?)",
            [(f"专场 {n}", stamp, stamp, _t(NOW - timedelta(days=90 - 7 * n))) for n in range(12)],
        )
        conn.executemany(
            "INSERT INTO customers (platform, nickname, name, phone, tags, notes, pii_masked, created_at,"
            " updated_at) VALUES ('douyin', ?, '', '', '', '', 0, ?, ?)",
            [(f"买家{n:05d}", stamp, stamp) for n in range(20_000)],
        )
        orders, lines, shipments = [], [], []
        for n in range(1, ORDERS + 1):
            created = NOW - timedelta(seconds=rng.randint(0, 120 * 86400))
            status = rng.choice(STATUSES)
            paid = rng.randint(990, 59900)
            orders.append(
                (
                    rng.choice(("douyin", "douyin", "kuaishou", "taobao")),
                    f"69{n:017d}",
                    "import",
                    status,
                    int(rng.random() < 0.01),
                    rng.randint(1, 20_000),
                    rng.choice((None, *range(1, 13))),
                    paid,
                    paid,
                    _t(created),
                    _t(created + timedelta(minutes=2)),
                    f"{rng.choice('王李张刘陈')}**",
                    stamp,
                    stamp,
                )
            )
            for line_no in range(1 + (rng.random() < 0.4) + (rng.random() < 0.1)):
                variant = rng.randint(1, 60)
                lines.append((n, str(line_no + 1), variant, f"SKU-{variant - 1:03d}", "冰丝防晒衣", f"款{variant}",
                              rng.randint(1, 3)))  # fmt: skip
            if status in ("shipped", "completed"):
                shipments.append((n, "中通快递", "ZTO", f"7531{n:010d}", _t(created + timedelta(days=1))))
        conn.executemany(
            "INSERT INTO orders (platform, order_no, source, status, raw_status, needs_review, customer_id, show_id,"
            " currency, goods_minor, paid_minor, refunded_minor, created_at, paid_at, recipient, phone, province,"
            " city, district, address, postcode, country, buyer_note, seller_note, pii_masked, raw_json, version,"
            " recorded_at, updated_at) VALUES (?, ?, ?, ?, '', ?, ?, ?, 'CNY', ?, ?, 0, ?, ?, ?, '', '', '', '',"
            " '', '', '', '', '', 1, '{}', 1, ?, ?)",
            orders,
        )
        conn.executemany(
            "INSERT INTO order_lines (order_id, line_no, variant_id, sku_code, title, spec, quantity,"
            " refunded_quantity) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
            lines,
        )
        conn.executemany(
            "INSERT INTO shipments (order_id, courier, courier_code, tracking_no, shipped_at) VALUES (?, ?, ?, ?, ?)",
            shipments,
        )
    conn.execute("ANALYZE")
    conn.close()
    return path


QUESTIONS: list[tuple[str, OrderFilter, OrderSort, bool]] = [
    ("all newest first", OrderFilter(), OrderSort.CREATED, True),
    ("all oldest first", OrderFilter(), OrderSort.CREATED, False),
    ("paid", OrderFilter(statuses=(OrderStatus.PAID,)), OrderSort.CREATED, True),
    ("show 7", OrderFilter(show_id=7), OrderSort.CREATED, True),
    ("kuaishou", OrderFilter(platform=Platform.KUAISHOU), OrderSort.CREATED, True),
    ("overdue", OrderFilter(overdue_only=True), OrderSort.SHIP_BY, False),
    ("needs review", OrderFilter(needs_review_only=True), OrderSort.CREATED, True),
    ("last week", OrderFilter(created_from=NOW - timedelta(days=7), created_to=NOW), OrderSort.CREATED, True),
    ("text order no", OrderFilter(text="6900000000000012"), OrderSort.CREATED, True),
    ("text buyer", OrderFilter(text="买家0123"), OrderSort.CREATED, True),
    ("text title", OrderFilter(text="防晒"), OrderSort.CREATED, True),
    ("sort ship-by", OrderFilter(), OrderSort.SHIP_BY, False),
    ("sort amount", OrderFilter(), OrderSort.PAID_AMOUNT, True),
    ("sort status", OrderFilter(), OrderSort.STATUS, False),
    ("sort buyer", OrderFilter(), OrderSort.BUYER, False),
]


def main(rounds: int = 3) -> None:
    database = open_database(bench_database())
    orders = Orders(database.sessions, clock=lambda: NOW)
    statements: list[tuple[str, Any]] = []
    event.listen(
        database.engine, "before_cursor_execute", lambda c, cur, sql, params, *a: statements.append((sql, params))
    )
    timings: dict[str, list[float]] = {}
    raw: dict[str, list[float]] = {}
    plain = sqlite3.connect(database.path)
    for _ in range(rounds):
        for name, filter, sort, descending in QUESTIONS:
            statements.clear()
            started = time.perf_counter()
            orders.count_and_page(filter, sort, descending, 0, 500)
            timings.setdefault(name, []).append((time.perf_counter() - started) * 1000)
            captured = [(sql, params) for sql, params in statements if sql.lstrip().upper().startswith("SELECT")]
            started = time.perf_counter()
            for sql, params in captured:
                plain.execute(sql, params).fetchall()
            raw.setdefault(name, []).append((time.perf_counter() - started) * 1000)
    plain.close()
    database.dispose()
    best = {name: min(values) for name, values in timings.items()}
    every = [value for values in timings.values() for value in values]
    report(
        "orders_table_100k",
        orders=ORDERS,
        p95_ms=percentile(every, 0.95),
        max_ms=max(every),
        raw_p95_ms=percentile([v for values in raw.values() for v in values], 0.95),
        target_p95_ms=100,
        per_question_best_ms={name: round(value, 1) for name, value in best.items()},
    )


if __name__ == "__main__":
    main()
