"""What the database already holds that an import touches, read in a few set-wise queries (never one per row)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, text

CHUNK = 500  # ids per IN (...) list: well below SQLite's parameter limit

VARIANT_COLUMNS = (
    "id, product_id, sku_code, barcode, spec, spec_label, currency, cost_minor, list_price_minor, "
    "live_price_minor, low_stock_threshold, on_hand, is_bundle, search_text, version"
)
PRODUCT_COLUMNS = (
    "p.id, p.title, p.alt_title, p.brand, p.category, p.tags, p.description, p.selling_points, p.talking_points, "
    "p.faq, p.compliance_notes, p.ship_from_region, p.ship_cycle_days, p.restock_lead_days, p.role, p.version, "
    "s.name AS supplier"
)


class VariantState(NamedTuple):
    """A SKU as stored (NamedTuple: built straight from a result row, 100,000 times per import)."""

    id: int
    product_id: int
    sku_code: str
    barcode: str
    spec: str
    spec_label: str
    currency: str
    cost_minor: int | None
    list_price_minor: int | None
    live_price_minor: int | None
    low_stock_threshold: int
    on_hand: int
    is_bundle: bool
    search_text: str
    version: int


class ProductState(NamedTuple):
    id: int
    title: str
    alt_title: str
    brand: str
    category: str
    tags: str
    description: str
    selling_points: str
    talking_points: str
    faq: str
    compliance_notes: str
    ship_from_region: str
    ship_cycle_days: int | None
    restock_lead_days: int | None
    role: str | None
    version: int
    supplier: str | None

    def value(self, column: str) -> Any:
        return getattr(self, column)


@dataclass
class Existing:
    """The slice of the catalogue one import needs, plus a fingerprint of the whole catalogue."""

    variants: dict[str, VariantState] = field(default_factory=dict)  # by SKU code: the file's SKUs only
    products: dict[int, ProductState] = field(default_factory=dict)  # products those SKUs (or titles) hit
    siblings: dict[int, list[VariantState]] = field(default_factory=dict)  # every variant of those products
    product_by_title: dict[str, int] = field(default_factory=dict)  # active products, lowest id per title
    suppliers: dict[str, tuple[int, str]] = field(default_factory=dict)  # name → (id, contact)
    fingerprint: tuple[object, ...] = ()


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def fingerprint(conn: Connection) -> tuple[object, ...]:
    """Changes whenever a product, SKU, stock move or supplier is added, removed or edited."""
    row = conn.execute(
        text(
            "SELECT (SELECT COUNT(*) FROM variants), (SELECT MAX(id) FROM variants),"
            " (SELECT MAX(updated_at) FROM variants), (SELECT SUM(version) FROM variants),"
            " (SELECT COUNT(*) FROM products), (SELECT MAX(updated_at) FROM products),"
            " (SELECT SUM(version) FROM products), (SELECT COUNT(*) FROM stock_moves),"
            " (SELECT MAX(id) FROM stock_moves), (SELECT COUNT(*) FROM suppliers)"
        )
    ).one()
    return tuple(row)


def _in_query(conn: Connection, sql: str, ids: Iterable[int]) -> Iterator[Any]:
    statement = text(sql).bindparams(bindparam("ids", expanding=True))
    for part in chunks(sorted(set(ids))):
        yield from conn.execute(statement, {"ids": list(part)}).all()


def load_existing(conn: Connection, skus: Iterable[str], titles: Iterable[str]) -> Existing:
    """Everything plan() compares against, in O(1) queries per 500 touched products."""
    wanted = set(skus)
    product_of: dict[str, int] = {}
    for sku, product_id in conn.execute(text("SELECT sku_code, product_id FROM variants")).all():
        if sku in wanted:
            product_of[sku] = product_id
    existing = Existing(fingerprint=fingerprint(conn))
    wanted_titles = set(titles)
    active = conn.execute(text("SELECT id, title FROM products WHERE NOT archived ORDER BY id")).all()
    for product_id, title in active:
        if title in wanted_titles:
            existing.product_by_title.setdefault(title, product_id)
    touched = set(product_of.values()) | set(existing.product_by_title.values())
    sql = f"SELECT {VARIANT_COLUMNS} FROM variants WHERE product_id IN :ids ORDER BY id"
    for row in _in_query(conn, sql, touched):
        state = VariantState._make(row)
        existing.siblings.setdefault(state.product_id, []).append(state)
        if state.sku_code in wanted:
            existing.variants[state.sku_code] = state
    sql = f"SELECT {PRODUCT_COLUMNS} FROM products p LEFT JOIN suppliers s ON s.id = p.supplier_id WHERE p.id IN :ids"
    for row in _in_query(conn, sql, touched):
        existing.products[row.id] = ProductState._make(row)
    for supplier_id, name, contact in conn.execute(text("SELECT id, name, contact FROM suppliers")):
        existing.suppliers[name] = (supplier_id, contact)
    return existing
