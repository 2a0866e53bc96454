"""Helpers for the order import tests: the catalogue the fixtures' SKUs belong to, and an OrdersIO over it."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType

from pg_support import as_sqlite
from sqlalchemy import text

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
from streamdesk.core.jobs import run_to_end
from streamdesk.core.order_types import OrderImportPlan, OrderImportResult
from streamdesk.core.orders import Orders
from streamdesk.core.orders_io import OrdersIO
from streamdesk.db import Database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "orders"


@dataclass
class Shop:
    database: Database
    catalogue: Catalogue
    orders: Orders
    io: OrdersIO
    skus: dict[str, int]  # SKU code → variant id

    def plan(self, name: str, **options: object) -> OrderImportPlan:
        return run_to_end(self.io.plan(FIXTURES / name, **options))  # type: ignore[arg-type]

    def load(self, name: str, **options: object) -> OrderImportResult:
        return run_to_end(self.io.apply(self.plan(name, **options)))

    def scalar(self, sql: str, **params: object) -> object:
        with self.database.engine.connect() as conn:
            return as_sqlite(conn.execute(text(sql), params).scalar())

    def rows(self, sql: str, **params: object) -> list[tuple[object, ...]]:
        """Rows as SQLite hands them over (times as stored text, booleans 0/1) on either engine."""
        with self.database.engine.connect() as conn:
            return [tuple(as_sqlite(value) for value in row) for row in conn.execute(text(sql), params)]

    def on_hand(self, sku: str) -> int:
        return int(str(self.scalar("SELECT on_hand FROM variants WHERE sku_code = :sku", sku=sku)))

    def ledger_matches(self) -> bool:
        return not self.catalogue.ledger_mismatches()


def _spec(pairs: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(pair.split("=")) for pair in pairs.split(";") if pair)  # type: ignore[misc]


def make_shop(database: Database, clock: Callable[[], datetime], tmp_path: Path) -> Shop:
    """The catalogue the fixtures sell from: 冰丝防晒衣 (白/蓝 × M/L), 精华液, 红糖 (one variant, matched by title),
    a gift set bundle, and the English shop's shirt (Color/Size) and mug. 20 of each in stock."""
    images = tmp_path / "images"
    catalogue = Catalogue(
        database.sessions, images_dir=images, thumbnails_dir=images / ".thumbnails", weights=ScoreWeights(), clock=clock
    )
    products = (
        ("冰丝防晒衣", (("FS-W-M", "颜色=白;尺码=M"), ("FS-W-L", "颜色=白;尺码=L"), ("FS-B-M", "颜色=蓝;尺码=M"))),
        ("玻尿酸精华液", (("SERUM-30", "规格=30ml"),)),
        ("手工红糖", (("SUGAR-500", "规格=500g"),)),
        ("Linen shirt", (("LS-RED-M", "Color=Red;Size=M"), ("LS-RED-L", "Color=Red;Size=L"))),
        ("Travel mug", (("MUG-01", ""),)),
    )
    skus: dict[str, int] = {}
    for title, variants in products:
        product_id = catalogue.create_product(
            ProductInput(
                title=title,
                variants=tuple(
                    VariantInput(sku, spec=_spec(spec), list_price_minor=9900, initial_stock=20)
                    for sku, spec in variants
                ),
                ship_cycle_days=2 if title == "冰丝防晒衣" else None,
            )
        )
        for variant in catalogue.get_product(product_id).variants:
            skus[variant.sku_code] = variant.id
    bundle = catalogue.create_product(
        ProductInput(
            title="防晒护肤礼盒",
            variants=(VariantInput("GIFT-SET", components=((skus["FS-W-M"], 1), (skus["SERUM-30"], 2))),),
        )
    )
    skus["GIFT-SET"] = catalogue.get_product(bundle).variants[0].id
    orders = Orders(database.sessions, clock=clock)
    io = OrdersIO(database.sessions, catalogue=catalogue, orders=orders, clock=clock, zones={})
    return Shop(database, catalogue, orders, io, skus)


def fixture_data() -> ModuleType:
    """tests/fixtures/orders/make_fixtures.py as a module: the rows the fixtures were written from."""
    spec = importlib.util.spec_from_file_location("orders_fixture_data", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_douyin(path: Path, rows: list[list[str]], encoding: str = "gbk") -> Path:
    """A 抖店 export with the fixture's header and the given rows."""
    data = fixture_data()
    path.write_bytes(data.csv_text(data.DOUYIN_HEADER, rows).encode(encoding))
    return path


def douyin_rows(**changes: dict[str, str]) -> list[list[str]]:
    """The fixture's 抖店 rows, with cells changed per 子订单编号: ``douyin_rows(**{"…8102": {"订单状态": "已发货"}})``."""
    data = fixture_data()
    header = data.DOUYIN_HEADER
    rows = [list(row) for row in data.DOUYIN_ROWS]
    for row in rows:
        for column, value in changes.get(row[1].strip()[-4:], {}).items():
            row[header.index(column)] = value
    return rows
