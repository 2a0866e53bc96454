"""The demo shop (streamdesk/core/demo.py): realistic, deterministic, built through the Catalogue, all or nothing."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from streamdesk.config import AppPaths, media_dir
from streamdesk.core.backup import Backups
from streamdesk.core.demo import DemoSummary, load_seed, write_demo
from streamdesk.core.demo_images import initials
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import Cancelled, CancelToken, Progress, run_to_end

CATEGORIES = {"服装", "美妆", "食品", "家居", "数码配件", "母婴", "珠宝饰品"}
FIXED_NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


def _clock() -> datetime:
    return FIXED_NOW


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoSummary, list[Progress]]:
    path = tmp_path_factory.mktemp("demo") / "shop.sqlite3"
    job = write_demo(path, seed=7, clock=_clock)
    steps: list[Progress] = []
    while True:
        try:
            steps.append(next(job))
        except StopIteration as finished:
            return path, finished.value, steps


def _rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _ean13_ok(code: str) -> bool:
    if len(code) != 13 or not code.isdigit():
        return False
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(code[:12]))
    return (10 - total % 10) % 10 == int(code[12])


def _content(path: Path) -> list[list[tuple[Any, ...]]]:
    """Everything except time stamps."""
    return [
        _rows(path, "SELECT sku_code, barcode, spec, cost_minor, list_price_minor, live_price_minor, on_hand, "
                    "low_stock_threshold, is_bundle, archived FROM variants ORDER BY sku_code"),
        _rows(path, "SELECT v.sku_code, m.quantity, m.reason, m.note FROM stock_moves AS m "
                    "JOIN variants AS v ON v.id = m.variant_id ORDER BY m.id"),
        _rows(path, "SELECT product_id, position, file_name FROM product_images ORDER BY id"),
    ]  # fmt: skip


def test_demo_summary_counts_what_was_written(demo: tuple[Path, DemoSummary, list[Progress]], paths: AppPaths) -> None:
    path, summary, _steps = demo
    assert summary.database == path and summary.seed == 7
    assert summary.images_dir == media_dir(path, paths) == path.with_name("shop-images")
    assert summary.products == _rows(path, "SELECT count(*) FROM products")[0][0] >= 60
    assert summary.skus == _rows(path, "SELECT count(*) FROM variants")[0][0] > summary.products
    assert summary.bundles == _rows(path, "SELECT count(DISTINCT bundle_id) FROM bundle_items")[0][0] in (2, 3)
    assert summary.suppliers == _rows(path, "SELECT count(*) FROM suppliers")[0][0] >= 5
    assert summary.archived == _rows(path, "SELECT count(*) FROM products WHERE archived")[0][0] >= 1
    assert summary.images == len(list(summary.images_dir.glob("*.png"))) == summary.products


def test_demo_covers_the_categories_a_seller_needs(demo: tuple[Path, DemoSummary, list[Progress]]) -> None:
    path = demo[0]
    per_category = dict(_rows(path, "SELECT category, count(*) FROM products GROUP BY category"))
    assert set(per_category) >= CATEGORIES
    assert all(per_category[name] >= 5 for name in CATEGORIES), per_category


def test_products_are_bilingual_with_a_few_english_first(demo: tuple[Path, DemoSummary, list[Progress]]) -> None:
    path = demo[0]
    titles = _rows(path, "SELECT title, alt_title FROM products")
    assert all(title and alt for title, alt in titles)
    chinese_first = [t for t, a in titles if not t.isascii() and a.isascii()]
    english_first = [t for t, a in titles if t.isascii() and not a.isascii()]
    assert len(chinese_first) >= 50
    assert 3 <= len(english_first) <= 12, english_first


def test_products_carry_the_texts_a_host_reads_on_air(demo: tuple[Path, DemoSummary, list[Progress]]) -> None:
    path = demo[0]
    (with_texts,) = _rows(
        path,
        "SELECT count(*) FROM products WHERE brand != '' AND selling_points != '' AND talking_points != '' "
        "AND faq != '' AND NOT archived",
    )[0]
    (compliance,) = _rows(path, "SELECT count(*) FROM products WHERE compliance_notes LIKE '%不得%'")[0]
    assert with_texts >= 55 and compliance >= 30
    tags = {tag for (joined,) in _rows(path, "SELECT tags FROM products") for tag in joined.split(",") if tag}
    assert {"爆款", "新品", "送礼", "bestseller"} <= tags
    roles = {role for (role,) in _rows(path, "SELECT DISTINCT role FROM products")}
    assert {"traffic", "profit", "hero", "giveaway"} <= roles  # 引流款 利润款 主推款 福利款


def test_variants_have_specs_codes_prices_and_stock(demo: tuple[Path, DemoSummary, list[Progress]]) -> None:
    path = demo[0]
    variants = _rows(
        path,
        "SELECT sku_code, barcode, spec_label, spec, cost_minor, list_price_minor, live_price_minor, on_hand, "
        "low_stock_threshold, currency FROM variants WHERE NOT is_bundle",
    )
    assert len({v[0] for v in variants}) == len(variants)
    assert all(v[0].isascii() and v[0] == v[0].strip() for v in variants)
    barcodes = [v[1] for v in variants if v[1]]
    assert len(barcodes) >= 0.8 * len(variants) and all(_ean13_ok(code) for code in barcodes)
    assert sum('"颜色"' in v[3] and '"尺码"' in v[3] for v in variants) >= 40
    assert all(v[4] is not None and 0 < v[4] < v[5] and v[6] <= v[5] for v in variants)  # cost < list, live <= list
    assert all(v[9] == "CNY" and v[8] > 0 for v in variants)
    stock = [(v[7], v[8]) for v in variants]
    assert sum(on_hand == 0 for on_hand, _ in stock) >= 5
    assert sum(0 < on_hand <= threshold for on_hand, threshold in stock) >= 5
    assert sum(on_hand > threshold for on_hand, threshold in stock) >= len(stock) / 2


def test_suppliers_and_shipping_are_filled_in(demo: tuple[Path, DemoSummary, list[Progress]]) -> None:
    path = demo[0]
    assert all(contact for (contact,) in _rows(path, "SELECT contact FROM suppliers"))
    shipping = _rows(
        path,
        "SELECT supplier_id, ship_from_region, ship_cycle_days, restock_lead_days FROM products "
        "WHERE id NOT IN (SELECT v.product_id FROM variants AS v WHERE v.is_bundle)",
    )
    assert all(s[0] is not None and s[1] and s[2] and s[3] for s in shipping)
    assert len({s[1] for s in shipping}) >= 5


def test_bundles_are_made_of_real_components(demo: tuple[Path, DemoSummary, list[Progress]]) -> None:
    path = demo[0]
    bundles = _rows(path, "SELECT id, sku_code, on_hand FROM variants WHERE is_bundle")
    assert 2 <= len(bundles) <= 3
    for bundle_id, _sku, on_hand in bundles:
        parts = _rows(path, f"SELECT component_id, quantity FROM bundle_items WHERE bundle_id = {bundle_id}")
        assert len(parts) >= 2 and on_hand == 0  # a bundle's stock derives from its parts; it has no moves
    assert _rows(
        path, "SELECT count(*) FROM stock_moves WHERE variant_id IN (SELECT id FROM variants WHERE is_bundle)"
    ) == [(0,)]


def test_every_product_has_a_picture_that_opens(demo: tuple[Path, DemoSummary, list[Progress]]) -> None:
    path, summary, _ = demo
    names = _rows(
        path, "SELECT p.id, i.file_name FROM products AS p LEFT JOIN product_images AS i ON i.product_id = p.id"
    )
    assert all(name for _id, name in names)
    for _id, name in names:
        with Image.open(summary.images_dir / name) as image:
            assert image.format == "PNG" and image.size[0] == image.size[1] >= 256


def test_stock_ledger_has_history_and_matches_the_cache(demo: tuple[Path, DemoSummary, list[Progress]]) -> None:
    path = demo[0]
    reasons = dict(_rows(path, "SELECT reason, count(*) FROM stock_moves GROUP BY reason"))
    assert reasons.get("initial", 0) >= 150 and reasons.get("restock", 0) >= 10 and reasons.get("adjustment", 0) >= 3
    stamps = [datetime.fromisoformat(s) for (s,) in _rows(path, "SELECT created_at FROM stock_moves")]
    assert max(stamps) <= FIXED_NOW.replace(tzinfo=None)
    assert (max(stamps) - min(stamps)).days >= 7  # spread over the past weeks, not one instant
    assert run_to_end(Backups(path).check()).ok  # integrity, links, ledger, search index


def test_demo_search_finds_chinese_and_english_words(demo: tuple[Path, DemoSummary, list[Progress]]) -> None:
    path = demo[0]
    for word in ("防晒", "sun jacket", "starlight", "fz001"):
        found = _rows(
            path,
            f"SELECT count(*) FROM variants_fts WHERE variants_fts MATCH '\"{word}\"'"
            if len(word) >= 3
            else f"SELECT count(*) FROM variants WHERE search_text LIKE '%{word}%'",
        )
        assert found[0][0] > 0, word


def test_progress_runs_from_pictures_to_stock(demo: tuple[Path, DemoSummary, list[Progress]]) -> None:
    steps = demo[2]
    assert steps[0].stage == "demo.images" and steps[-1].stage == "demo.stock"
    assert [s.done for s in steps] == sorted(s.done for s in steps)
    assert steps[-1].done == steps[-1].total and {s.total for s in steps} == {steps[0].total}


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_demo_database_is_private(demo: tuple[Path, DemoSummary, list[Progress]]) -> None:
    assert demo[0].stat().st_mode & 0o777 == 0o600


def test_same_seed_gives_the_same_shop_and_another_seed_another(
    demo: tuple[Path, DemoSummary, list[Progress]], tmp_path: Path
) -> None:
    again = run_to_end(write_demo(tmp_path / "again.sqlite3", seed=7))
    other = run_to_end(write_demo(tmp_path / "other.sqlite3", seed=8))
    assert _content(again.database) == _content(demo[0])
    assert _content(other.database)[0] != _content(demo[0])[0]
    assert sorted(p.name for p in again.images_dir.iterdir() if p.is_file()) == sorted(
        p.name for p in demo[1].images_dir.iterdir() if p.is_file()
    )  # pictures are content-addressed: same bytes, same names


def test_an_existing_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite3"
    path.write_bytes(b"my real shop")
    with pytest.raises(UserError) as refused:
        run_to_end(write_demo(path))
    assert refused.value.code == "demo.exists" and refused.value.fields == {"path": str(path)}
    assert path.read_bytes() == b"my real shop"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shop.sqlite3"]


def test_an_empty_file_may_become_the_demo(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite3"
    path.touch()
    assert run_to_end(write_demo(path)).products >= 60


@pytest.mark.parametrize("cancel_after", [1, 20])
def test_cancelled_demo_leaves_nothing_behind(tmp_path: Path, cancel_after: int) -> None:
    token = CancelToken()
    job = write_demo(tmp_path / "shop.sqlite3", cancel=token)
    with pytest.raises(Cancelled):
        for seen, _progress in enumerate(job, start=1):
            if seen == cancel_after:
                token.set()
    assert sorted(tmp_path.iterdir()) == []


def test_seed_file_references_only_known_categories_suppliers_and_products() -> None:
    data = load_seed()
    categories = {c["name"] for c in data["categories"]}
    suppliers = {s["key"] for s in data["suppliers"]}
    keys = [p["key"] for p in data["products"]]
    assert len(keys) == len(set(keys))
    assert all(p["category"] in categories and p["supplier"] in suppliers for p in data["products"])
    assert all(part["product"] in keys for b in data["bundles"] for part in b["components"])


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Ice-silk UPF50+ sun jacket", "IS"), ("Starlight TCG Booster Box", "ST"), ("冰丝防晒衣", "冰")],
)
def test_picture_initials(title: str, expected: str) -> None:
    assert initials(title) == expected
