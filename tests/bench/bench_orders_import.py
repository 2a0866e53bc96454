"""Importing a 200,000-line GBK 抖店-style export vs pandas.read_csv(encoding="gb18030") + sqlite3.executemany.

The export (bench-results/douyin-200k.csv, generated once) has 抖店's 32 columns, tab-guarded ids, "-" for empty,
thousands separators, masked phones, 1–3 子订单 per order (about 133,000 orders), 500 catalogue SKUs and a few
unknown ones. Both sides start from a copy of the same migrated database holding that catalogue and end with
orders, order lines (matched to SKUs), one SALE stock move per matched line of an order not closed,
shipments for shipped orders and variants.on_hand updated, committed. The baseline groups rows by 主订单编号 in Python, converts times to UTC and amounts to fen; StreamDesk
runs OrdersIO.plan + apply (detection, checks, statuses, matching, customers, shipments…).

Each side runs in its own fresh process (so peak RSS is its own), three times, alternating; the best of each is
compared, as wall time (``ratio``, the target) and as CPU time (``cpu_ratio``: steadier on a busy machine).
Targets: ratio ≤ 1.5, StreamDesk peak RSS ≤ 400 MB.
"""

from __future__ import annotations

import csv
import json
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from _common import report
from catalogue_data import RESULTS

LINES = 200_000
SKUS = 500
RUNS = 3
CSV_PATH = RESULTS / "douyin-200k.csv"
TEMPLATE = RESULTS / "douyin-200k-catalogue.sqlite3"
HEADER = tuple(
    [
        "主订单编号",
        "子订单编号",
        "选购商品",
        "商品规格",
        "商品数量",
        "商品ID",
        "商家编码",
        "商品单价",
        "订单应付金额",
        "支付方式",
        "手续费",
        "收件人",
        "收件人手机号",
        "省",
        "市",
        "区",
        "街道",
        "详细地址",
        "买家留言",
        "商家备注",
        "订单提交时间",
        "支付完成时间",
        "订单完成时间",
        "发货时间",
        "订单状态",
        "售后状态",
        "取消原因",
        "订单类型",
        "APP渠道",
        "流量来源",
        "达人昵称",
        "快递信息",
    ]
)
REGIONS = (("浙江省", "杭州市", "西湖区"), ("上海市", "上海市", "浦东新区"), ("广东省", "深圳市", "南山区"),
           ("北京市", "北京市", "朝阳区"), ("四川省", "成都市", "武侯区"))  # fmt: skip
STATUSES = ("备货中", "备货中", "已发货", "已完成", "已关闭")


def sku_code(n: int) -> str:
    return f"DY-{n:04d}"


def write_csv(path: Path) -> None:
    rng = random.Random(11)
    start = datetime(2026, 3, 1, 20, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="gbk", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        written, order = 0, 0
        while written < LINES:
            order += 1
            order_no = f"\t69173500{order:011d}"
            placed = start + timedelta(seconds=order // 3)
            paid = placed + timedelta(seconds=rng.randint(3, 60))
            province, city, district = rng.choice(REGIONS)
            status = rng.choice(STATUSES)
            shipped = status in ("已发货", "已完成")
            parts = min(rng.choice((1, 1, 2, 3)), LINES - written)
            lines = []
            for _ in range(parts):
                n = rng.randrange(SKUS + 10)  # a few codes the catalogue does not have
                qty = rng.choice((1, 1, 1, 2, 3))
                lines.append((n, qty, 1990 + n * 10))
            total = sum(q * p for _, q, p in lines)
            for part, (n, qty, price) in enumerate(lines, start=1):
                writer.writerow(
                    [order_no, f"\t69173500{order:011d}{part}", f"网红同款连衣裙 {n:04d}", "黑;M", str(qty),
                     f"\t{360000 + n}", sku_code(n), f"{price / 100:.2f}", f"{total / 100:,.2f}", "抖音支付", "0.00",
                     "张**", "138****1234", province, city, district, "文新街道", f"幸福路{order % 500}号",
                     "-", "-", placed.strftime("%Y-%m-%d %H:%M:%S"), paid.strftime("%Y-%m-%d %H:%M:%S"), "-",
                     (paid + timedelta(hours=20)).strftime("%Y-%m-%d %H:%M:%S") if shipped else "-", status,
                     "-", "-", "普通订单", "抖音", "直播", "晴天穿搭",
                     f"中通快递 735{order:011d}" if shipped else "-"]
                )  # fmt: skip
                written += 1


def write_template(path: Path) -> None:
    from streamdesk.core.catalogue_types import search_text
    from streamdesk.db import open_database

    open_database(path).dispose()
    now = "2026-03-01 00:00:00.000000"
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO products (id, title, alt_title, brand, category, tags, description, selling_points,"
            " talking_points, faq, compliance_notes, ship_from_region, archived, version, created_at, updated_at)"
            " VALUES (?, ?, '', '', '服装', '', '', '', '', '', '', '', 0, 1, ?, ?)",
            [(n + 1, f"网红同款连衣裙 {n:04d}", now, now) for n in range(SKUS)],
        )
        conn.executemany(
            "INSERT INTO variants (id, product_id, sku_code, barcode, spec, spec_label, currency, cost_minor,"
            " list_price_minor, live_price_minor, low_stock_threshold, on_hand, is_bundle, archived, search_text,"
            " version, created_at, updated_at) VALUES (?, ?, ?, '', '', '', 'CNY', 900, 1990, NULL, 0, 1000, 0, 0, ?,"
            " 1, ?, ?)",
            [(n + 1, n + 1, sku_code(n), search_text(title=f"网红同款连衣裙 {n:04d}", alt_title="", tags=(), sku_code=sku_code(n), barcode="", spec_label=""), now, now)
             for n in range(SKUS)],
        )  # fmt: skip
        conn.executemany(
            "INSERT INTO stock_moves (variant_id, quantity, reason, note, reference, created_at)"
            " VALUES (?, 1000, 'initial', '', '', ?)",
            [(n + 1, now) for n in range(SKUS)],
        )
    conn.close()


def baseline(csv_path: Path, db_path: Path) -> dict[str, int]:
    """pandas reads the export; plain Python groups it; sqlite3.executemany writes the same tables."""
    import pandas as pd

    frame = pd.read_csv(csv_path, encoding="gb18030", dtype=str, keep_default_na=False)
    conn = sqlite3.connect(db_path)
    now = "2026-03-02 00:00:00.000000"
    variants = dict(conn.execute("SELECT sku_code, id FROM variants"))
    utc = timedelta(hours=8)

    def stamp(text: str) -> str | None:
        if text == "-":
            return None
        return (datetime.fromisoformat(text) - utc).isoformat(" ", "microseconds")

    orders: dict[str, int] = {}
    order_rows, line_rows, move_rows, shipments, on_hand = [], [], [], [], {}
    statuses = {"备货中": "paid", "已发货": "shipped", "已完成": "completed", "已关闭": "cancelled"}
    move_id = int(conn.execute("SELECT MAX(id) FROM stock_moves").fetchone()[0]) + 1
    columns = list(frame.columns)
    at = {name: columns.index(name) for name in HEADER}
    extra = [
        (name, at[name])
        for name in ("商品ID", "支付方式", "手续费", "取消原因", "订单类型", "APP渠道", "流量来源", "达人昵称")
    ]
    for values in frame.itertuples(index=False, name=None):
        order_no = values[at["主订单编号"]].strip()
        order_id = orders.get(order_no)
        status = statuses[values[at["订单状态"]]]
        if order_id is None:
            order_id = orders[order_no] = len(orders) + 1
            logistics = values[at["快递信息"]]
            if logistics != "-":
                courier, number = logistics.rsplit(" ", 1)
                shipments.append((order_id, courier, number, stamp(values[at["发货时间"]])))
            # the same content StreamDesk stores: street + detail, notes, the columns no field maps as raw_json
            raw = json.dumps({name: values[i].strip() for name, i in extra if values[i] != "-"}, ensure_ascii=False)
            order_rows.append(
                (order_id, "douyin", order_no, "import", status, values[at["订单状态"]], 0, "CNY", 0,
                 int(values[at["订单应付金额"]].replace(",", "").replace(".", "")), 0,
                 stamp(values[at["订单提交时间"]]), stamp(values[at["支付完成时间"]]), stamp(values[at["发货时间"]]),
                 stamp(values[at["订单完成时间"]]), values[at["收件人"]], values[at["收件人手机号"]], values[at["省"]],
                 values[at["市"]], values[at["区"]], f"{values[at['街道']]} {values[at['详细地址']]}",
                 values[at["买家留言"]].replace("-", ""), values[at["商家备注"]].replace("-", ""), raw, now, now)
            )  # fmt: skip
        variant = variants.get(values[at["商家编码"]])
        quantity = int(values[at["商品数量"]])
        sale = None
        if variant is not None and status != "cancelled":
            sale = move_id
            move_rows.append((move_id, variant, -quantity, "sale", f"{order_no}/{values[at['子订单编号']]}", now))
            on_hand[variant] = on_hand.get(variant, 0) - quantity
            move_id += 1
        line_rows.append(
            (order_id, values[at["子订单编号"]].strip(), variant, values[at["商家编码"]], values[at["选购商品"]],
             values[at["商品规格"]], quantity, int(values[at["商品单价"]].replace(".", "")), sale)
        )  # fmt: skip
    with conn:
        conn.executemany("INSERT INTO stock_moves (id, variant_id, quantity, reason, note, reference, created_at)"
                         " VALUES (?, ?, ?, ?, '', ?, ?)", move_rows)  # fmt: skip
        conn.executemany(
            "INSERT INTO orders (id, platform, order_no, source, status, raw_status, needs_review, currency,"
            " goods_minor, paid_minor, refunded_minor, created_at, paid_at, shipped_at, completed_at, recipient,"
            " phone, province, city, district, address, postcode, country, buyer_note, seller_note, pii_masked,"
            " raw_json, version, recorded_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?, ?, ?, '', '', ?, ?, 1, ?, 1, ?, ?)",
            order_rows,
        )
        conn.executemany(
            "INSERT INTO order_lines (order_id, line_no, variant_id, sku_code, title, spec, quantity,"
            " unit_price_minor, refunded_quantity, sale_move_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
            line_rows,
        )
        conn.executemany(
            "INSERT INTO shipments (order_id, courier, courier_code, tracking_no, shipped_at) VALUES (?, ?, '', ?, ?)",
            shipments,
        )
        conn.executemany("UPDATE variants SET on_hand = on_hand + ? WHERE id = ?", [(d, v) for v, d in on_hand.items()])
    conn.close()
    return {"orders": len(order_rows), "lines": len(line_rows), "moves": len(move_rows)}


def run_streamdesk(csv_path: Path, db_path: Path) -> dict[str, int]:
    from datetime import UTC

    from streamdesk.app import build_services
    from streamdesk.config import AppPaths, Settings
    from streamdesk.core.jobs import run_to_end
    from streamdesk.db import open_database

    database = open_database(db_path)
    services = build_services(database, Settings(language="en"), AppPaths.default(), lambda: datetime.now(UTC))
    io = services.orders_io
    plan = run_to_end(io.plan(csv_path))
    result = run_to_end(io.apply(plan))
    database.dispose()
    return {"orders": result.orders_added, "lines": result.lines, "moves": result.stock_moves,
            "skipped": len(result.skipped)}  # fmt: skip


def child(side: str, csv_path: Path, db_path: Path) -> None:
    """Run one side in this (fresh) process; print its time, peak RSS and counts as JSON."""
    if side == "baseline":
        import pandas  # noqa: F401 - imported before the clock starts, as StreamDesk's modules are
    else:
        import streamdesk.app
        import streamdesk.core.orders_io.applying
        import streamdesk.core.orders_io.planning  # noqa: F401 - the import's modules load on first use
    started, cpu = time.perf_counter(), time.process_time()
    counts = baseline(csv_path, db_path) if side == "baseline" else run_streamdesk(csv_path, db_path)
    elapsed, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write(json.dumps({"ms": elapsed, "cpu_ms": cpu, "rss_mb": rss_mb, **counts}) + "\n")


def run_side(side: str, tmp: Path) -> dict[str, float]:
    db_path = tmp / f"{side}.sqlite3"
    shutil.copy(TEMPLATE, db_path)
    done = subprocess.run(
        [sys.executable, __file__, "--child", side, str(CSV_PATH), str(db_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    db_path.unlink()
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    if not CSV_PATH.exists():
        write_csv(CSV_PATH)
    if not TEMPLATE.exists():
        write_template(TEMPLATE)
    base: list[dict[str, float]] = []
    app: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(RUNS):
            base.append(run_side("baseline", Path(tmp)))
            app.append(run_side("streamdesk", Path(tmp)))
    best_base = min(run["ms"] for run in base)
    best_app = min(run["ms"] for run in app)
    cpu_base = min(run["cpu_ms"] for run in base)
    cpu_app = min(run["cpu_ms"] for run in app)
    peak = max(run["rss_mb"] for run in app)
    report(
        "orders_import_douyin_200k",
        lines=LINES,
        orders=int(app[0]["orders"]),
        stock_moves=int(app[0]["moves"]),
        streamdesk_ms_best=best_app,
        baseline_ms_best=best_base,
        ratio=best_app / best_base,
        streamdesk_cpu_ms_best=cpu_app,
        baseline_cpu_ms_best=cpu_base,
        cpu_ratio=cpu_app / cpu_base,
        target_ratio=1.5,
        streamdesk_peak_rss_mb=peak,
        baseline_peak_rss_mb=max(run["rss_mb"] for run in base),
        target_rss_mb=400,
        passed=best_app / best_base <= 1.5 and peak <= 400,
        runs=RUNS,
        same_counts=(app[0]["orders"], app[0]["lines"], app[0]["moves"])
        == (base[0]["orders"], base[0]["lines"], base[0]["moves"]),
    )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        main()
