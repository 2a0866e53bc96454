"""Exporting 100,000 orders to XLSX vs a direct xlsxwriter baseline writing the same cells, in the same run.

The database (100,000 paid orders, 150,000 lines, Chinese addresses, some notes) is generated once into
bench-results/. The baseline reads the same columns with sqlite3, builds the same cells (items summed up per order,
every cell a string, as the Chinese courier templates want) and writes them with xlsxwriter's write_string in
constant-memory mode. StreamDesk runs ShippingIO.export with the same preset. Each side runs three times,
alternating; the best of each is compared. Target: ratio ≤ 1.2.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from _common import report
from catalogue_data import RESULTS

from streamdesk.core.jobs import run_to_end
from streamdesk.core.order_types import OrderFilter
from streamdesk.core.orders import Orders
from streamdesk.core.shipping_io import ShippingIO
from streamdesk.db import open_database

ORDERS = 100_000
RUNS = 3
PRESET = "cn_generic"  # the baseline below writes exactly its cells
DB = RESULTS / "orders-100k.sqlite3"
REGIONS = (
    ("浙江省", "杭州市", "西湖区"),
    ("上海市", "上海市", "浦东新区"),
    ("广东省", "深圳市", "南山区"),
    ("北京市", "北京市", "朝阳区"),
    ("四川省", "成都市", "武侯区"),
    ("广西壮族自治区", "南宁市", "青秀区"),
)
PRODUCTS = (("冰丝防晒衣", "白/M"), ("遮阳帽", ""), ("羊绒围巾", "灰"), ("真丝眼罩", "粉"), ("保温杯", "500ml"))


def make_database(path: Path) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    open_database(path).dispose()
    rng = random.Random(5)
    now = "2026-03-01 12:00:00.000000"
    orders, lines = [], []
    for order_id in range(1, ORDERS + 1):
        province, city, district = rng.choice(REGIONS)
        note = rng.choice(("", "", "请放快递柜", "=送小样", "周末送货"))
        orders.append(
            (order_id, "douyin", f"69170{order_id:014d}", "import", "paid", "", 0, "CNY", 11980, 0, 11980, 0,
             f"2026-03-01 12:{order_id // 6000 % 60:02d}:{order_id % 60:02d}.000000", f"买家{order_id % 997}",
             f"13{rng.randrange(10**9):09d}", province, city, district, f"幸福路{order_id % 500}号{order_id % 30}栋",
             "", "", note, "", 0, "{}", 1, now, now)
        )  # fmt: skip
        for line_no in range(1, 2 + (order_id % 2)):
            title, spec = rng.choice(PRODUCTS)
            lines.append((order_id, str(line_no), f"SKU-{rng.randrange(500):04d}", title, spec, rng.randint(1, 3)))
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO orders (id, platform, order_no, source, status, raw_status, needs_review, currency,"
            " goods_minor, shipping_minor, paid_minor, refunded_minor, created_at, recipient, phone, province, city,"
            " district, address, postcode, country, buyer_note, seller_note, pii_masked, raw_json, version,"
            " recorded_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?, ?)",
            orders,
        )
        conn.executemany(
            "INSERT INTO order_lines (order_id, line_no, sku_code, title, spec, quantity, unit_price_minor,"
            " total_minor, refunded_quantity) VALUES (?, ?, ?, ?, ?, ?, 5990, NULL, 0)",
            lines,
        )
    conn.close()


def baseline(db: Path, dest: Path) -> tuple[float, float]:
    """sqlite3 + xlsxwriter: the cn_generic cells, every one a string, in constant-memory mode."""
    import xlsxwriter

    started, cpu = time.perf_counter(), time.process_time()
    conn = sqlite3.connect(db)
    items: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    for order_id, title, spec, quantity in conn.execute(
        "SELECT order_id, title, spec, quantity FROM order_lines ORDER BY order_id, id"
    ):
        items[order_id].append((title, spec, quantity))
    book = xlsxwriter.Workbook(str(dest), {"constant_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("orders")
    headers = ("订单号", "收件人", "电话", "省", "市", "区", "详细地址", "物品", "数量", "备注")
    sheet.set_column(0, len(headers) - 1, 16, book.add_format({"num_format": "@"}))
    for column, header in enumerate(headers):
        sheet.write_string(0, column, header)
    query = (
        "SELECT id, order_no, recipient, phone, province, city, district, address, buyer_note, seller_note"
        " FROM orders ORDER BY created_at, id"
    )
    for row, (order_id, order_no, *cells, buyer_note, seller_note) in enumerate(conn.execute(query), start=1):
        lines = items[order_id]
        summary = "；".join(f"{' '.join(filter(None, (t, s)))} ×{q}" for t, s, q in lines)
        note = "；".join(n for n in (buyer_note, seller_note) if n)
        values = (order_no, *cells, summary, str(sum(q for _, _, q in lines)), note)
        for column, value in enumerate(values):
            if value:
                sheet.write_string(row, column, value)
    book.close()
    conn.close()
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def streamdesk(db: Path, dest: Path) -> tuple[float, float, int]:
    database = open_database(db)
    clock = lambda: datetime(2026, 3, 2, tzinfo=UTC)  # noqa: E731
    shipping = ShippingIO(Orders(database.sessions, clock=clock), sender=None, clock=clock, sessions=database.sessions)
    started, cpu = time.perf_counter(), time.process_time()
    result = run_to_end(shipping.export(dest, PRESET, OrderFilter()))
    elapsed, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
    database.dispose()
    return elapsed, cpu, result.rows


def main() -> None:
    make_database(DB)
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    rows = 0
    for _ in range(RUNS):
        theirs.append(baseline(DB, RESULTS / "orders-baseline.xlsx"))
        elapsed, cpu, rows = streamdesk(DB, RESULTS / f"orders-{PRESET}.xlsx")
        ours.append((elapsed, cpu))
    best_ours, best_theirs = min(v[0] for v in ours), min(v[0] for v in theirs)
    cpu_ours, cpu_theirs = min(v[1] for v in ours), min(v[1] for v in theirs)
    report(
        "orders_export_xlsx",
        preset=PRESET,
        orders=ORDERS,
        rows=rows,
        streamdesk_ms=best_ours,
        baseline_ms=best_theirs,
        ratio=best_ours / best_theirs,
        cpu_streamdesk_ms=cpu_ours,
        cpu_baseline_ms=cpu_theirs,
        cpu_ratio=cpu_ours / cpu_theirs,  # steadier when other work shares the machine
        target_ratio=1.2,
        runs_streamdesk_ms=[round(v[0]) for v in ours],
        runs_baseline_ms=[round(v[0]) for v in theirs],
    )


if __name__ == "__main__":
    main()
