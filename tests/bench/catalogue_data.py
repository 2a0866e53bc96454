"""A deterministic 100,000-SKU catalogue for the benchmarks (written with bulk SQL, like an import would)."""

from __future__ import annotations

import json
import os
import random
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from streamdesk.core.catalogue_types import search_text, spec_label
from streamdesk.db import open_database

RESULTS = Path(__file__).resolve().parents[2] / "bench-results"

NOUNS = [
    "连衣裙",
    "T恤",
    "卫衣",
    "口红",
    "面霜",
    "精华液",
    "耳机",
    "数据线",
    "保温杯",
    "坚果礼盒",
    "茶叶",
    "项链",
    "手链",
]
NOUNS_EN = ["dress", "t-shirt", "hoodie", "lipstick", "cream", "serum", "earbuds", "cable", "tumbler", "nuts", "tea"]
ADJ = ["新款", "爆款", "经典", "轻薄", "加厚", "复古", "简约", "网红同款"]
COLOURS = ["红", "黑", "白", "蓝", "粉", "灰"]
SIZES = ["S", "M", "L", "XL"]
CATEGORIES = ["服装", "美妆", "数码配件", "家居", "食品", "珠宝饰品", "母婴"]


def product_rows(count: int, seed: int = 42) -> list[dict[str, str]]:
    """``count`` SKU rows as a product spreadsheet would hold them (4 SKUs per product)."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        product_no = n // 4
        title = f"{ADJ[product_no % len(ADJ)]}{NOUNS[product_no % len(NOUNS)]} {product_no:05d}"
        cost = rng.randint(500, 20000)
        rows.append(
            {
                "title": title,
                "alt_title": f"{NOUNS_EN[product_no % len(NOUNS_EN)]} {product_no:05d}",
                "category": CATEGORIES[product_no % len(CATEGORIES)],
                "colour": COLOURS[n % len(COLOURS)],
                "size": SIZES[n % len(SIZES)],
                "sku": f"SD{n:07d}{rng.choice('ABCDEFGH')}",
                "barcode": f"69{rng.randint(10**10, 10**11 - 1)}",
                "cost": f"{cost / 100:.2f}",
                "price": f"{cost * 2 / 100:.2f}",
                "live_price": f"{cost * 17 // 10 / 100:.2f}",
                "stock": str(rng.randint(0, 300)),
                "tags": rng.choice(["爆款", "新品", "", "清仓"]),
            }
        )
    return rows


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["商品名称", "英文名", "分类", "颜色", "尺码", "商家编码", "条码", "成本", "售价", "直播价", "库存", "标签"]
        )
        for r in rows:
            writer.writerow(
                [r["title"], r["alt_title"], r["category"], r["colour"], r["size"], r["sku"], r["barcode"],
                 r["cost"], r["price"], r["live_price"], r["stock"], r["tags"]]
            )  # fmt: skip
    return path


def build_database(path: Path, count: int = 100_000) -> Path:
    """Create (once) a migrated StreamDesk database holding ``count`` SKUs with their stock moves.

    Built beside ``path`` and renamed into place when complete, so an interrupted build, or a second benchmark
    starting meanwhile, never finds a half-filled file at ``path``.
    """
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    final, path = path, path.with_name(f"{path.stem}.building-{os.getpid()}{path.suffix}")
    path.unlink(missing_ok=True)
    open_database(path).dispose()
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    rows = product_rows(count)
    conn = sqlite3.connect(path)
    with conn:
        products: dict[str, tuple[int, dict[str, str]]] = {}
        for r in rows:
            products.setdefault(r["title"], (len(products) + 1, r))
        conn.executemany(
            "INSERT INTO products (id, title, alt_title, brand, category, tags, description, selling_points,"
            " talking_points, faq, compliance_notes, ship_from_region, archived, version, created_at, updated_at)"
            " VALUES (?, ?, ?, '', ?, ?, '', '', '', '', '', '', 0, 1, ?, ?)",
            [(pid, r["title"], r["alt_title"], r["category"], r["tags"], now, now) for pid, r in products.values()],
        )
        variants = []
        moves = []
        for vid, r in enumerate(rows, start=1):
            spec = (("颜色", r["colour"]), ("尺码", r["size"]))
            tags = (r["tags"],) if r["tags"] else ()
            label = spec_label(spec)
            text = search_text(
                title=r["title"], alt_title=r["alt_title"], tags=tags, sku_code=r["sku"], barcode=r["barcode"],
                spec_label=label,
            )  # fmt: skip
            variants.append(
                (vid, products[r["title"]][0], r["sku"], r["barcode"], json.dumps(dict(spec), ensure_ascii=False), label,
                 round(float(r["cost"]) * 100), round(float(r["price"]) * 100), round(float(r["live_price"]) * 100),
                 10, int(r["stock"]), text, now, now)
            )  # fmt: skip
            moves.append((vid, int(r["stock"]), now))
        conn.executemany(
            "INSERT INTO variants (id, product_id, sku_code, barcode, spec, spec_label, currency, cost_minor,"
            " list_price_minor, live_price_minor, low_stock_threshold, on_hand, is_bundle, archived, search_text,"
            " version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'CNY', ?, ?, ?, ?, ?, 0, 0, ?, 1, ?, ?)",
            variants,
        )
        conn.executemany(
            "INSERT INTO stock_moves (variant_id, quantity, reason, note, reference, created_at)"
            " VALUES (?, ?, 'initial', '', 'bench', ?)",
            moves,
        )
    conn.execute("ANALYZE")
    conn.close()
    os.replace(path, final)
    return final


def bench_database() -> Path:
    return build_database(RESULTS / "catalogue-100k.sqlite3")
