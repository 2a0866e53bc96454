"""Importing a 100,000-row product CSV vs pandas.read_csv + sqlite3.executemany into the same tables.

Both start from a fresh migrated StreamDesk database (same schema, same FTS triggers) and end with products,
variants (with search text) and one stock move per SKU committed. Target: ratio ≤ 2.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from _common import report
from catalogue_data import RESULTS, product_rows, write_csv

from streamdesk.app import build_services
from streamdesk.config import AppPaths, Settings
from streamdesk.core.catalogue_types import search_text, spec_label
from streamdesk.core.jobs import CancelToken, run_to_end
from streamdesk.db import open_database

ROWS = 100_000


def baseline(csv_path: Path, db_path: Path) -> float:
    import pandas as pd

    open_database(db_path).dispose()
    started = time.perf_counter()
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    conn = sqlite3.connect(db_path)
    with conn:
        product_ids: dict[str, int] = {}
        products, variants, moves = [], [], []
        for vid, r in enumerate(frame.itertuples(index=False), start=1):
            title, alt, category, colour, size, sku, barcode, cost, price, live, stock, tags = r
            pid = product_ids.get(title)
            if pid is None:
                pid = product_ids[title] = len(product_ids) + 1
                products.append((pid, title, alt, category, tags, now, now))
            spec = (("颜色", colour), ("尺码", size))
            label = spec_label(spec)
            text = search_text(
                title=title,
                alt_title=alt,
                tags=(tags,) if tags else (),
                sku_code=sku,
                barcode=barcode,
                spec_label=label,
            )
            variants.append(
                (vid, pid, sku, barcode, json.dumps(dict(spec), ensure_ascii=False), label, int(cost.replace(".", "")),
                 int(price.replace(".", "")), int(live.replace(".", "")), int(stock), text, now, now)
            )  # fmt: skip
            moves.append((vid, int(stock), now))
        conn.executemany(
            "INSERT INTO products (id, title, alt_title, brand, category, tags, description, selling_points,"
            " talking_points, faq, compliance_notes, ship_from_region, archived, version, created_at, updated_at)"
            " VALUES (?, ?, ?, '', ?, ?, '', '', '', '', '', '', 0, 1, ?, ?)",
            products,
        )
        conn.executemany(
            "INSERT INTO variants (id, product_id, sku_code, barcode, spec, spec_label, currency, cost_minor,"
            " list_price_minor, live_price_minor, low_stock_threshold, on_hand, is_bundle, archived, search_text,"
            " version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'CNY', ?, ?, ?, 0, ?, 0, 0, ?, 1, ?, ?)",
            variants,
        )
        conn.executemany(
            "INSERT INTO stock_moves (variant_id, quantity, reason, note, reference, created_at)"
            " VALUES (?, ?, 'import', '', 'baseline', ?)",
            moves,
        )
    conn.close()
    return (time.perf_counter() - started) * 1000


def streamdesk_import(csv_path: Path, db_path: Path) -> tuple[float, dict[str, int]]:
    database = open_database(db_path)
    services = build_services(database, Settings(language="en"), AppPaths.default())
    io = services.products_io
    started = time.perf_counter()
    source = io.read_source(csv_path)
    plan = run_to_end(io.plan(source, io.auto_mapping(source.headers), CancelToken()))
    summary = run_to_end(io.apply(plan, CancelToken()))
    elapsed = (time.perf_counter() - started) * 1000
    database.dispose()
    return elapsed, {"added": summary.added, "updated": summary.updated, "skipped": summary.skipped}


def count_variants(db_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM variants").fetchone()[0])
    finally:
        conn.close()


def main(runs: int = 3) -> None:
    csv_path = RESULTS / "products-100k.csv"
    if not csv_path.exists():
        write_csv(csv_path, product_rows(ROWS))
    base_ms, app_ms = [], []
    counts: dict[str, int] = {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            base_ms.append(baseline(csv_path, Path(tmp) / "baseline.sqlite3"))
            elapsed, counts = streamdesk_import(csv_path, Path(tmp) / "streamdesk.sqlite3")
            app_ms.append(elapsed)
            assert (
                count_variants(Path(tmp) / "streamdesk.sqlite3")
                == ROWS
                == count_variants(Path(tmp) / "baseline.sqlite3")
            )
    best_app, best_base = min(app_ms), min(base_ms)
    report(
        "product_import_100k",
        rows=ROWS,
        streamdesk_ms_best=best_app,
        baseline_ms_best=best_base,
        ratio=best_app / best_base,
        target_ratio=2.0,
        passed=best_app / best_base <= 2.0,
        runs=runs,
        summary=counts,
    )


if __name__ == "__main__":
    main()
