"""DTOs of the catalogue: what the UI and CLI send to and get from core.catalogue and core.catalogue_io.

Frozen dataclasses holding tuples: nothing here is an ORM object, nothing lazy-loads in the UI.
Money fields are integer minor units in the variant's currency; None means "not known", never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from streamdesk.models.base import ShowRole, StockReason

__all__ = ["ShowRole", "StockReason"]


class ArchivedFilter(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"
    ALL = "all"


class SortKey(StrEnum):
    TITLE = "title"
    SKU = "sku"
    CATEGORY = "category"
    COST = "cost"
    LIST_PRICE = "list_price"
    LIVE_PRICE = "live_price"
    MARGIN = "margin"
    MARGIN_PCT = "margin_pct"
    STOCK = "stock"
    SCORE = "score"
    UPDATED = "updated"


@dataclass(frozen=True, slots=True)
class CatalogueFilter:
    text: str = ""  # matched as a substring of title, alt title, SKU, barcode, tags and spec (case-insensitive)
    category: str | None = None
    role: ShowRole | None = None
    low_stock_only: bool = False  # available <= low_stock_threshold
    archived: ArchivedFilter = ArchivedFilter.ACTIVE


@dataclass(frozen=True, slots=True)
class CatalogueSort:
    key: SortKey = SortKey.TITLE
    descending: bool = False


@dataclass(frozen=True, slots=True)
class ScoreWeights:
    """Weights of the selection score (选品评分); each part is 0..1 before weighting, the score is 0..100."""

    margin: float = 0.4
    stock_cover: float = 0.3
    past_sales: float = 0.2
    tags: float = 0.1
    boost_tags: tuple[str, ...] = ("爆款", "新品", "bestseller", "new")


@dataclass(frozen=True, slots=True)
class ScoreParts:
    """The 0..1 parts behind one selection score, so the UI can explain it in a tooltip."""

    margin: float
    stock_cover: float
    past_sales: float
    tags: float
    total: float  # 0..100


@dataclass(frozen=True, slots=True)
class CatalogueRow:
    """One SKU line of the catalogue table."""

    variant_id: int
    product_id: int
    title: str
    alt_title: str
    spec_label: str
    sku_code: str
    barcode: str
    category: str
    tags: tuple[str, ...]
    role: ShowRole | None
    supplier_name: str
    currency: str
    cost_minor: int | None
    list_price_minor: int | None
    live_price_minor: int | None
    margin_minor: int | None  # live price (else list price) minus cost
    margin_pct: float | None  # margin / that price * 100
    on_hand: int  # for a bundle: how many complete sets the components make
    low_stock_threshold: int
    is_low_stock: bool
    is_bundle: bool
    archived: bool
    thumbnail: str  # file name of the first image in the images folder, "" when none
    score: ScoreParts


@dataclass(frozen=True, slots=True)
class VariantInput:
    sku_code: str
    spec: tuple[tuple[str, str], ...] = ()  # (attribute, value) pairs in display order
    barcode: str = ""
    cost_minor: int | None = None
    list_price_minor: int | None = None
    live_price_minor: int | None = None
    low_stock_threshold: int = 0
    initial_stock: int = 0  # new variants only: written as an INITIAL StockMove
    components: tuple[tuple[int, int], ...] = ()  # (component variant id, quantity): non-empty makes a bundle
    id: int | None = None  # None for a new variant


@dataclass(frozen=True, slots=True)
class ProductInput:
    title: str
    variants: tuple[VariantInput, ...]
    currency: str = "CNY"
    alt_title: str = ""
    brand: str = ""
    category: str = ""
    tags: tuple[str, ...] = ()
    description: str = ""
    selling_points: str = ""
    talking_points: str = ""
    faq: str = ""
    compliance_notes: str = ""
    supplier_name: str = ""
    supplier_contact: str = ""
    ship_from_region: str = ""
    ship_cycle_days: int | None = None
    restock_lead_days: int | None = None
    role: ShowRole | None = None
    images: tuple[str, ...] = ()  # file names inside the images folder (see Catalogue.import_image)


@dataclass(frozen=True, slots=True)
class VariantDetail:
    id: int
    sku_code: str
    spec: tuple[tuple[str, str], ...]
    spec_label: str
    barcode: str
    cost_minor: int | None
    list_price_minor: int | None
    live_price_minor: int | None
    margin_minor: int | None
    margin_pct: float | None
    low_stock_threshold: int
    on_hand: int
    components: tuple[tuple[int, int], ...]
    archived: bool


@dataclass(frozen=True, slots=True)
class ProductDetail:
    id: int
    version: int
    archived: bool
    input: ProductInput  # what the editor shows; feeding it back to update_product changes nothing
    variants: tuple[VariantDetail, ...]


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """A validation problem shown next to a field: ``field`` is e.g. "title" or "variants.2.sku_code"."""

    field: str
    code: str
    fields: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True, slots=True)
class StockMoveRow:
    id: int
    variant_id: int
    quantity: int
    reason: StockReason
    note: str
    reference: str
    created_at_utc: str  # ISO 8601 with zone


@dataclass(frozen=True, slots=True)
class LedgerMismatch:
    variant_id: int
    sku_code: str
    cached: int
    ledger: int


def normalise_tags(tags: tuple[str, ...] | list[str] | str) -> tuple[str, ...]:
    """Split on ASCII/full-width commas and 、, trim, drop empties and duplicates, keep order."""
    if isinstance(tags, str):
        for sep in ("，", "、", ";", "；"):
            tags = tags.replace(sep, ",")
        tags = tags.split(",")
    seen: dict[str, None] = {}
    for tag in tags:
        cleaned = tag.strip()
        if cleaned:
            seen.setdefault(cleaned, None)
    return tuple(seen)


def spec_label(spec: tuple[tuple[str, str], ...]) -> str:
    return " / ".join(value for _, value in spec if value)


def search_text(
    *, title: str, alt_title: str, tags: tuple[str, ...], sku_code: str, barcode: str, spec_label: str
) -> str:
    """What search-as-you-type matches against (stored in variants.search_text, indexed by FTS5 trigram).

    Every writer of variants (editor, import, demo) must use this, or search silently misses rows.
    """
    parts = (title, alt_title, " ".join(tags), sku_code, barcode, spec_label)
    return " | ".join(part for part in parts if part).casefold()
