"""The catalogue table: search, filters, every sort key both ways, paging and the selection score, all in SQL."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pg_support import ENGINES, Server, require_server
from sqlalchemy import event, text

from streamdesk.core import catalogue_query
from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import (
    ArchivedFilter,
    CatalogueFilter,
    CatalogueRow,
    CatalogueSort,
    ProductInput,
    ScoreWeights,
    ShowRole,
    SortKey,
    StockReason,
    VariantInput,
)
from streamdesk.db import Database, open_database

TITLES = ["碎花连衣裙", "口红 丝绒", "保温杯", "Hoodie classic", "精华液", "dress_summer", "数据线 100%快充"]
ALT = ["floral dress", "velvet lipstick", "tumbler", "卫衣", "serum", "夏季裙", "cable"]
CATEGORIES = ["服装", "美妆", "家居", ""]
TAGS = [("爆款",), ("新品", "夏季"), (), ("清仓",), ("bestseller",)]


def make_catalogue(database: Database, clock, tmp_path: Path, weights: ScoreWeights | None = None) -> Catalogue:
    images = tmp_path / "images"
    return Catalogue(
        database.sessions,
        images_dir=images,
        thumbnails_dir=images / ".thumbnails",
        weights=weights or ScoreWeights(),
        clock=clock,
    )


@pytest.fixture
def catalogue(database: Database, utc_clock, tmp_path: Path) -> Catalogue:
    return make_catalogue(database, utc_clock, tmp_path)


class ModuleClock:
    """Like conftest's utc_clock, for a module-scoped fixture (function-scoped fixtures cannot feed it)."""

    def __init__(self) -> None:
        self.current = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@dataclass
class Shop:
    catalogue: Catalogue
    database: Database


@pytest.fixture(scope="module", params=ENGINES)
def shop(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, _pg_server: Server | None
) -> Iterator[Shop]:
    """28 products, 2-3 SKUs each, with unknown prices, ties, an archived product and variant, and a bundle.

    Built once per module and engine (every test here only reads it): thirty committed transactions per test
    would spend most of the run waiting on fsync.
    """
    folder = tmp_path_factory.mktemp("shop")
    if request.param == "sqlite":
        database = open_database(folder / "shop.sqlite3")
    else:
        require_server()
        assert _pg_server is not None
        database = open_database(_pg_server.migrated_database())
    clock = ModuleClock()
    catalogue = make_catalogue(database, clock, folder)
    rng = random.Random(7)
    for n in range(28):
        variants = []
        for k in range(2 + n % 2):
            price = rng.choice([None, rng.randint(1000, 20000)])
            variants.append(
                VariantInput(
                    sku_code=f"SKU{n:02d}{'ABC'[k]}",
                    spec=(("尺码", "SML"[k]),),
                    barcode=f"69{n:02d}{k}{rng.randint(1000, 9999)}",
                    cost_minor=rng.choice([None, rng.randint(500, 8000)]),
                    list_price_minor=price,
                    live_price_minor=rng.choice([None, price and price - 100]),
                    low_stock_threshold=rng.choice([0, 3, 10]),
                    initial_stock=rng.choice([0, 1, 5, 40]),
                )
            )
        catalogue.create_product(
            ProductInput(
                title=f"{TITLES[n % len(TITLES)]} {n // len(TITLES)}",
                alt_title=ALT[n % len(ALT)],
                category=CATEGORIES[n % len(CATEGORIES)],
                tags=TAGS[n % len(TAGS)],
                role=list(ShowRole)[n % 4] if n % 5 else None,
                variants=tuple(variants),
            )
        )
        clock.advance(minutes=rng.randint(1, 5) if n % 6 else 0)  # some products share a timestamp
    first = catalogue.get_product(1)
    catalogue.create_product(
        ProductInput(
            title="套装 口红+保温杯",
            tags=("爆款",),
            variants=(
                VariantInput(sku_code="SET-1", components=((first.variants[0].id, 1), (first.variants[1].id, 2))),
            ),
        )
    )
    catalogue.set_archived([5], True)
    third = catalogue.get_product(3).input
    catalogue.update_product(3, replace(third, variants=third.variants[:1]))
    yield Shop(catalogue, database)
    database.dispose()


# For tests of SQLite's own plans (FTS5 tables, walks in index order): the shop on SQLite only.
SQLITE_ONLY = pytest.mark.parametrize("shop", ["sqlite"], indirect=True)


@pytest.fixture
def stocked(shop: Shop) -> Catalogue:
    return shop.catalogue


def every_row(catalogue: Catalogue, archived: ArchivedFilter = ArchivedFilter.ALL) -> list[CatalogueRow]:
    return list(catalogue.page(CatalogueFilter(archived=archived), CatalogueSort(SortKey.SKU), 0, 10_000))


def updated_at(database: Database) -> dict[int, object]:
    with database.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT v.id, v.updated_at, p.updated_at FROM variants v JOIN products p ON p.id = v.product_id")
        )
        return {r[0]: max(r[1], r[2]) for r in rows}


def expected_order(rows: list[CatalogueRow], key: SortKey, descending: bool, stamps: dict[int, object]) -> list[int]:
    def value(row: CatalogueRow) -> object:
        return {
            SortKey.TITLE: row.title,
            SortKey.SKU: row.sku_code,
            SortKey.CATEGORY: (row.category, row.title),
            SortKey.COST: row.cost_minor,
            SortKey.LIST_PRICE: row.list_price_minor,
            SortKey.LIVE_PRICE: row.live_price_minor,
            SortKey.MARGIN: row.margin_minor,
            SortKey.MARGIN_PCT: row.margin_pct,
            SortKey.STOCK: row.on_hand,
            SortKey.SCORE: row.score.total,
            SortKey.UPDATED: stamps[row.variant_id],
        }[key]

    known = sorted(
        (r for r in rows if value(r) is not None), key=lambda r: (value(r), r.variant_id), reverse=descending
    )
    unknown = sorted((r for r in rows if value(r) is None), key=lambda r: r.variant_id, reverse=descending)
    return [r.variant_id for r in known + unknown]  # unknown amounts last in both directions


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("key", list(SortKey))
def test_every_sort_key_orders_rows_in_both_directions(
    stocked: Catalogue, shop: Shop, key: SortKey, descending: bool
) -> None:
    rows = every_row(stocked, ArchivedFilter.ACTIVE)
    got = [r.variant_id for r in stocked.page(CatalogueFilter(), CatalogueSort(key, descending), 0, 10_000)]
    assert got == expected_order(rows, key, descending, updated_at(shop.database))
    assert len(set(r.score.total for r in rows)) > 5 and any(r.cost_minor is None for r in rows)


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(
    "key", [SortKey.TITLE, SortKey.SKU, SortKey.SCORE, SortKey.COST, SortKey.LIVE_PRICE, SortKey.MARGIN_PCT]
)
@pytest.mark.parametrize("query", ["", "s", "口红", "sku", "连衣裙"])
def test_pages_join_up_without_gaps_or_overlaps(stocked: Catalogue, key: SortKey, query: str, descending: bool) -> None:
    """Amount walks stop at the unknown amounts (sorted last): the pages across that edge come from a scan."""
    search, sort = CatalogueFilter(text=query), CatalogueSort(key, descending)
    whole = [r.variant_id for r in stocked.page(search, sort, 0, 10_000)]
    pieces = []
    for offset in range(0, len(whole) + 7, 7):
        pieces += [r.variant_id for r in stocked.page(search, sort, offset, 7)]
    assert pieces == whole and stocked.count(search) == len(whole) > 0


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("key", list(catalogue_query.WALKS))
@pytest.mark.parametrize(
    "search",
    [
        CatalogueFilter(text="s"),
        CatalogueFilter(text="口红"),
        CatalogueFilter(text="sku0"),
        CatalogueFilter(text="sku1", low_stock_only=True),
        CatalogueFilter(category="服装"),
        CatalogueFilter(role=ShowRole.HERO, archived=ArchivedFilter.ALL),
    ],
)
@SQLITE_ONLY
def test_walking_an_index_gives_what_the_scan_gives(
    stocked: Catalogue,
    shop: Shop,
    monkeypatch: pytest.MonkeyPatch,
    search: CatalogueFilter,
    key: SortKey,
    descending: bool,
) -> None:
    sort = CatalogueSort(key, descending)
    walks: list[bool] = []
    real_walk = catalogue_query._walk

    def spy(*args: object) -> list[int] | None:
        found = real_walk(*args)  # type: ignore[arg-type]
        walks.append(found is not None)
        return found

    monkeypatch.setattr(catalogue_query, "_walk", spy)
    walked = [[r.variant_id for r in stocked.page(search, sort, offset, 3)] for offset in (0, 3, 6)]
    monkeypatch.setattr(catalogue_query, "WALK_SLACK", 0.3)  # budgets short of what the page needs: most walks give up
    monkeypatch.setattr(catalogue_query, "SAMPLE_ROWS", 1)
    given_up = [[r.variant_id for r in stocked.page(search, sort, offset, 3)] for offset in (0, 3, 6)]
    assert search.text == "s" or not all(walks[3:])  # "s" is in every SKU code: even a one-page walk fills up
    monkeypatch.setattr(catalogue_query, "WALK_CAP", 0)  # every filtered page now scans and sorts
    scanned = [[r.variant_id for r in stocked.page(search, sort, offset, 3)] for offset in (0, 3, 6)]
    assert walked == given_up == scanned and walked[0]


@pytest.mark.parametrize(
    "search",
    [CatalogueFilter(text="s"), CatalogueFilter(text="sku"), CatalogueFilter(text="Sk ")],
)
@pytest.mark.parametrize("key", [SortKey.TITLE, SortKey.LIVE_PRICE, SortKey.MARGIN_PCT])
@SQLITE_ONLY
def test_common_matches_come_from_walking_the_index(
    stocked: Catalogue, shop: Shop, monkeypatch: pytest.MonkeyPatch, search: CatalogueFilter, key: SortKey
) -> None:
    walks: list[bool] = []
    real_walk = catalogue_query._walk

    def spy(*args: object) -> list[int] | None:
        found = real_walk(*args)  # type: ignore[arg-type]
        walks.append(found is not None)
        return found

    monkeypatch.setattr(catalogue_query, "_walk", spy)
    assert len(stocked.page(search, CatalogueSort(key), 0, 3)) == 3
    assert walks == [True]


def test_filters_by_category_role_low_stock_and_archive_state(stocked: Catalogue) -> None:
    rows = every_row(stocked)
    active = [r for r in rows if not r.archived]

    def ids(search: CatalogueFilter) -> set[int]:
        found = {r.variant_id for r in stocked.page(search, CatalogueSort(), 0, 10_000)}
        assert stocked.count(search) == len(found)
        return found

    assert ids(CatalogueFilter(category="美妆")) == {r.variant_id for r in active if r.category == "美妆"}
    assert ids(CatalogueFilter(role=ShowRole.PROFIT)) == {r.variant_id for r in active if r.role is ShowRole.PROFIT}
    low = ids(CatalogueFilter(low_stock_only=True))
    assert low == {r.variant_id for r in active if r.on_hand <= r.low_stock_threshold} and 0 < len(low) < len(active)
    archived = ids(CatalogueFilter(archived=ArchivedFilter.ARCHIVED))
    assert (
        archived == {r.variant_id for r in rows if r.archived} and len(archived) == 3
    )  # product 5 + a removed variant
    assert ids(CatalogueFilter(archived=ArchivedFilter.ALL)) == {r.variant_id for r in rows}
    both = ids(CatalogueFilter(text="sku0", category="服装", low_stock_only=True))
    assert both == {
        r.variant_id
        for r in active
        if "sku0" in r.sku_code.casefold() and r.category == "服装" and r.on_hand <= r.low_stock_threshold
    }


def test_rows_carry_what_the_table_shows(catalogue: Catalogue, tmp_path: Path) -> None:
    from PIL import Image

    picture = tmp_path / "p.png"
    Image.new("RGB", (8, 8), "red").save(picture)
    name = catalogue.import_image(picture)
    catalogue.create_product(
        ProductInput(
            title="碎花连衣裙",
            alt_title="Floral dress",
            category="服装",
            tags=("新品", "夏季"),
            role=ShowRole.HERO,
            supplier_name="杭州织造",
            images=(name,),
            variants=(
                VariantInput(
                    sku_code="FD-1",
                    spec=(("颜色", "红"), ("尺码", "M")),
                    barcode="690",
                    cost_minor=3000,
                    list_price_minor=9900,
                    live_price_minor=7900,
                    low_stock_threshold=2,
                    initial_stock=5,
                ),
            ),
        )
    )
    row = catalogue.find_by_sku(" FD-1 ")
    assert row is not None and catalogue.find_by_sku("FD-2") is None
    assert (row.title, row.alt_title, row.spec_label, row.category, row.tags) == (
        "碎花连衣裙",
        "Floral dress",
        "红 / M",
        "服装",
        ("新品", "夏季"),
    )
    assert (row.role, row.supplier_name, row.currency, row.thumbnail) == (ShowRole.HERO, "杭州织造", "CNY", name)
    assert (row.margin_minor, round(row.margin_pct or 0, 3), row.on_hand, row.is_low_stock) == (4900, 62.025, 5, False)
    assert row == catalogue.row_for_variant(row.variant_id)


def test_score_parts_follow_the_published_formula(database: Database, utc_clock, tmp_path: Path) -> None:
    def scored(weights: ScoreWeights) -> list[tuple[str, float, float, float, float, float]]:
        catalogue = make_catalogue(database, utc_clock, tmp_path, weights)
        rows = catalogue.page(CatalogueFilter(), CatalogueSort(SortKey.SCORE, descending=True), 0, 10)
        return [
            (r.sku_code, r.score.margin, r.score.stock_cover, r.score.past_sales, r.score.tags, r.score.total)
            for r in rows
        ]

    writer = make_catalogue(database, utc_clock, tmp_path)
    writer.create_product(
        ProductInput(
            title="A",
            tags=("新品",),
            variants=(
                VariantInput("A-1", cost_minor=3000, live_price_minor=7900, low_stock_threshold=2, initial_stock=5),
            ),
        )
    )  # margin 62 % → 1 (capped at 60 %); stock 5 of max(3 × 2, 10) → 0.5; boost tag → 1
    writer.create_product(
        ProductInput(
            title="B",
            tags=("NEW", "清仓"),
            variants=(
                VariantInput("B-1", cost_minor=7000, list_price_minor=10000, low_stock_threshold=10, initial_stock=60),
            ),
        )
    )  # margin 30 % → 0.5; stock 60 of 30 → 1; "NEW" matches the boost tag "new"
    writer.create_product(ProductInput(title="C", tags=("清仓",), variants=(VariantInput("C-1"),)))  # nothing known → 0
    default = scored(ScoreWeights())
    assert [row[:5] for row in default] == [
        ("A-1", 1.0, 0.5, 0.0, 1.0),
        ("B-1", 0.5, 1.0, 0.0, 1.0),
        ("C-1", 0, 0, 0, 0),
    ]
    assert [row[5] for row in default] == pytest.approx([65.0, 60.0, 0.0])
    margin_only = scored(ScoreWeights(margin=1, stock_cover=0, past_sales=0, tags=0))
    assert [(sku, total) for sku, *_, total in margin_only] == [("A-1", 100.0), ("B-1", 50.0), ("C-1", 0.0)]
    stock_first = scored(ScoreWeights(margin=0, stock_cover=2, past_sales=1, tags=0, boost_tags=()))
    assert [(sku, round(total, 3), tags) for sku, _, _, _, tags, total in stock_first] == [
        ("B-1", 66.667, 0.0),
        ("A-1", 33.333, 0.0),
        ("C-1", 0.0, 0.0),
    ]
    assert {total for *_, total in scored(ScoreWeights(margin=0, stock_cover=0, past_sales=0, tags=0))} == {0.0}


def test_bundle_rows_show_the_sets_their_components_make(catalogue: Catalogue) -> None:
    catalogue.create_product(
        ProductInput(
            title="口红",
            variants=(
                VariantInput("L-1", initial_stock=7, low_stock_threshold=2),
                VariantInput("L-2", initial_stock=3),
            ),
        )
    )
    lipstick, gloss = (v.id for v in catalogue.get_product(1).variants)
    catalogue.create_product(
        ProductInput(
            title="套装", variants=(VariantInput("SET", components=((lipstick, 2), (gloss, 1)), low_stock_threshold=1),)
        )
    )
    bundle = catalogue.find_by_sku("SET")
    assert bundle is not None and (bundle.is_bundle, bundle.on_hand, bundle.is_low_stock) == (True, 3, False)
    catalogue.adjust_stock([(lipstick, -6)], StockReason.SALE)  # 1 left: no complete set
    bundle = catalogue.row_for_variant(bundle.variant_id)
    assert (bundle.on_hand, bundle.is_low_stock) == (0, True)
    assert catalogue.get_product(2).variants[0].on_hand == 0
    low = catalogue.page(CatalogueFilter(low_stock_only=True), CatalogueSort(SortKey.STOCK), 0, 10)
    assert [r.sku_code for r in low] == ["SET", "L-1"]


def test_a_zero_or_negative_limit_gives_an_empty_page(stocked: Catalogue) -> None:
    assert stocked.page(CatalogueFilter(), CatalogueSort(), 0, 0) == ()
    assert stocked.page(CatalogueFilter(text="口红"), CatalogueSort(SortKey.COST), 0, -1) == ()
    assert stocked.page(CatalogueFilter(), CatalogueSort(), 10_000, 10) == ()


@pytest.mark.parametrize("archived", list(ArchivedFilter))
@pytest.mark.parametrize("query", ["s", "a", "口红", "sku", "sku0", "保温杯", "zz", "zzz"])
def test_text_counts_agree_with_the_rows_in_every_archive_state(
    stocked: Catalogue, query: str, archived: ArchivedFilter
) -> None:
    def searchable(r: CatalogueRow) -> str:
        return " ".join((r.title, r.alt_title, *r.tags, r.sku_code, r.barcode, r.spec_label)).casefold()

    wanted = {ArchivedFilter.ACTIVE: {False}, ArchivedFilter.ARCHIVED: {True}, ArchivedFilter.ALL: {False, True}}
    expected = {r.variant_id for r in every_row(stocked) if query in searchable(r) and r.archived in wanted[archived]}
    search = CatalogueFilter(text=query, archived=archived)
    assert {r.variant_id for r in stocked.page(search, CatalogueSort(SortKey.COST), 0, 10_000)} == expected
    assert stocked.count(search) == len(expected)


def test_a_page_of_thousands_of_rows_comes_back_whole_and_in_order(catalogue: Catalogue) -> None:
    many = tuple(VariantInput(f"M-{n:04d}", initial_stock=n % 7) for n in range(2_345))
    catalogue.create_product(ProductInput(title="Many", variants=many))
    rows = catalogue.page(CatalogueFilter(), CatalogueSort(SortKey.SKU, descending=True), 0, 5_000)
    assert [r.sku_code for r in rows] == [f"M-{n:04d}" for n in reversed(range(2_345))]
    assert catalogue.count(CatalogueFilter(low_stock_only=True)) == len([n for n in range(2_345) if n % 7 == 0])


def test_hydrated_rows_carry_every_field_in_its_place(catalogue: Catalogue) -> None:
    """hydrate builds rows positionally (it is on every keystroke's path): each field lands where it belongs."""
    product_id = catalogue.create_product(
        ProductInput(
            title="丝绒口红",
            alt_title="Velvet lipstick",
            category="美妆",
            tags=("爆款", "秋冬"),
            role=ShowRole.PROFIT,
            supplier_name="义乌直供",
            variants=(
                VariantInput(
                    "VL-1",
                    spec=(("色号", "01"),),
                    barcode="6901",
                    cost_minor=1500,
                    list_price_minor=6900,
                    low_stock_threshold=4,
                    initial_stock=3,
                ),
            ),
        )
    )
    row = catalogue.page(CatalogueFilter(text="口红"), CatalogueSort(), 0, 10)[0]
    expected = CatalogueRow(
        variant_id=catalogue.get_product(product_id).variants[0].id,
        product_id=product_id,
        title="丝绒口红",
        alt_title="Velvet lipstick",
        spec_label="01",
        sku_code="VL-1",
        barcode="6901",
        category="美妆",
        tags=("爆款", "秋冬"),
        role=ShowRole.PROFIT,
        supplier_name="义乌直供",
        currency="CNY",
        cost_minor=1500,
        list_price_minor=6900,
        live_price_minor=None,
        margin_minor=5400,
        margin_pct=catalogue_query.margin_pct(1500, 6900),
        on_hand=3,
        low_stock_threshold=4,
        is_low_stock=True,
        is_bundle=False,
        archived=False,
        thumbnail="",
        score=row.score,
    )
    assert row == expected
    assert (row.score.margin, row.score.stock_cover, row.score.past_sales, row.score.tags) == (1.0, 0.25, 0.0, 1.0)
    assert row.score.total == pytest.approx(100 * (0.4 * 1.0 + 0.3 * 0.25 + 0.1 * 1.0))


@pytest.mark.parametrize(
    "query", ["口", "口红", "红 ", "s", "SK", "-1", " |", "_s", "0%", "%", "_", "z", "zz", "é", "ü"]
)
def test_short_text_finds_what_a_substring_test_finds(stocked: Catalogue, shop: Shop, query: str) -> None:
    """1-2 characters go to variants_fts_grams: an exact token per character and character pair of the search
    text, punctuation, spaces and LIKE's wildcards included."""
    with shop.database.engine.connect() as conn:
        texts: dict[int, str] = {int(i): t for i, t in conn.execute(text("SELECT id, search_text FROM variants"))}
    wanted = catalogue_query.normalise_search(query)
    expected = {i for i, t in texts.items() if wanted in t}
    search = CatalogueFilter(text=query, archived=ArchivedFilter.ALL)
    assert {r.variant_id for r in stocked.page(search, CatalogueSort(SortKey.COST), 0, 10_000)} == expected
    assert stocked.count(search) == len(expected)
    assert query not in ("口", "口红", "s", "SK", "-1", " |") or expected


def test_the_short_text_index_follows_inserts_edits_and_deletes(catalogue: Catalogue) -> None:
    first = catalogue.create_product(ProductInput(title="碎花裙", variants=(VariantInput("A-1"), VariantInput("A-2"))))
    second = catalogue.create_product(ProductInput(title="花茶", variants=(VariantInput("B-1"),)))

    def found(query: str) -> list[str]:
        search = CatalogueFilter(text=query, archived=ArchivedFilter.ALL)
        rows = [r.sku_code for r in catalogue.page(search, CatalogueSort(SortKey.SKU), 0, 100)]
        assert catalogue.count(search) == len(rows)
        return rows

    assert (found("花"), found("花裙"), found("茶"), found("a-")) == (
        ["A-1", "A-2", "B-1"],
        ["A-1", "A-2"],
        ["B-1"],
        ["A-1", "A-2"],
    )
    catalogue.update_product(first, replace(catalogue.get_product(first).input, title="格子裙"))
    assert (found("花"), found("花裙"), found("格子"), found("裙")) == (["B-1"], [], ["A-1", "A-2"], ["A-1", "A-2"])
    catalogue.delete_product(second)
    assert (found("花"), found("茶"), found("b-")) == ([], [], [])


@pytest.mark.parametrize("query", ["", "口", "口红", "s", "sku", "sku0", "连衣裙", "zz"])
@pytest.mark.parametrize("key", [SortKey.TITLE, SortKey.SCORE])
def test_count_and_page_answers_like_count_and_page(stocked: Catalogue, query: str, key: SortKey) -> None:
    search = CatalogueFilter(text=query)
    for offset, limit in ((0, 3), (0, 10_000), (4, 3), (10_000, 5)):
        page = stocked.page(search, CatalogueSort(key), offset, limit)
        assert stocked.count_and_page(search, CatalogueSort(key), offset, limit) == (stocked.count(search), page)


@pytest.mark.parametrize("query", ["口", "口红", "s", "zz", "保温杯"])
@SQLITE_ONLY
def test_text_search_never_reads_every_sku(stocked: Catalogue, shop: Shop, query: str) -> None:
    """Per keystroke no statement scans the variants table: text goes through an FTS index."""
    statements: list[tuple[str, object]] = []

    def capture(_conn: object, _cursor: object, statement: str, parameters: object, *_rest: object) -> None:
        statements.append((statement, parameters))

    event.listen(shop.database.engine, "before_cursor_execute", capture)
    try:
        stocked.count_and_page(CatalogueFilter(text=query), CatalogueSort(), 0, 500)
    finally:
        event.remove(shop.database.engine, "before_cursor_execute", capture)
    plans = []
    with shop.database.engine.connect() as conn:
        for statement, parameters in statements:
            if statement.startswith("SELECT"):
                plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()  # type: ignore[arg-type]
                plans += [row[3] for row in plan]
    assert plans and not [line for line in plans if line.split()[:2] == ["SCAN", "v"] and "INDEX" not in line]
    assert any("variants_fts" in line for line in plans) or query == "s"  # "s" walks the title index


@pytest.mark.parametrize("shop", ["postgresql"], indirect=True)
@pytest.mark.parametrize("query", ["保温杯", "sku0", "100%快充", "dress_s"])
def test_postgresql_can_find_3_characters_through_the_trigram_index(stocked: Catalogue, shop: Shop, query: str) -> None:
    """The count and the page put the text as a LIKE the pg_trgm index answers. 80 SKUs are too few for the
    planner to want it, so sequential scans are switched off and archived rows are included (at this size the
    archived flag's own index looks cheaper): the trigram index must then be what finds the rows."""
    statements: list[tuple[str, object]] = []

    def capture(_conn: object, _cursor: object, statement: str, parameters: object, *_rest: object) -> None:
        statements.append((statement, parameters))

    search = CatalogueFilter(text=query, archived=ArchivedFilter.ALL)
    event.listen(shop.database.engine, "before_cursor_execute", capture)
    try:
        counted = stocked.count(search)
        rows = stocked.page(search, CatalogueSort(SortKey.STOCK), 0, 500)  # no index gives this order
    finally:
        event.remove(shop.database.engine, "before_cursor_execute", capture)
    assert counted == len(rows) > 0
    found = [(s, p) for s, p in statements if s.startswith("SELECT") and "search_text LIKE" in s]
    assert len(found) == 2  # the count and the page's ids
    with shop.database.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE variants")  # what autovacuum does on a real server: without it every
        conn.exec_driver_sql("ANALYZE products")  # index looks as selective as any other
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        for statement, parameters in found:
            plan = "\n".join(row[0] for row in conn.exec_driver_sql(f"EXPLAIN {statement}", parameters))  # type: ignore[arg-type]
            assert "Bitmap Index Scan on ix_variants_search_trgm" in plan, plan


def test_hidden_rows_are_counted_right_through_archiving_edits_and_deletes(catalogue: Catalogue, database) -> None:
    """variants_fts_hidden (the pieces of archived rows) follows every change of a row's archived state or text."""

    def check() -> None:
        with database.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT v.search_text, (v.archived OR p.archived) FROM variants v JOIN products p"
                    " ON p.id = v.product_id"
                )
            ).all()
        for query in ("花", "花裙", "裙", "a-", "-2", "格子裙", "碎花裙", "b-1", "zz"):
            found = [bool(hidden) for search_text, hidden in rows if query in search_text]
            expected = {
                ArchivedFilter.ACTIVE: found.count(False),
                ArchivedFilter.ARCHIVED: found.count(True),
                ArchivedFilter.ALL: len(found),
            }
            for archived, count in expected.items():
                assert catalogue.count(CatalogueFilter(text=query, archived=archived)) == count, (query, archived)

    first = catalogue.create_product(
        ProductInput(title="碎花裙", variants=(VariantInput("A-1"), VariantInput("A-2"), VariantInput("A-3")))
    )
    second = catalogue.create_product(ProductInput(title="花茶", variants=(VariantInput("B-1"),)))
    check()
    catalogue.set_archived([first], True)  # its three SKUs hidden
    check()
    edited = catalogue.get_product(first).input
    catalogue.update_product(first, replace(edited, variants=edited.variants[:2]))  # A-3 archived itself too
    check()
    catalogue.set_archived([first], False)  # back; A-3 stays archived
    check()
    edited = catalogue.get_product(first).input
    catalogue.update_product(first, replace(edited, title="格子裙"))  # new text for the shown rows
    check()
    catalogue.update_product(first, replace(edited, title="格子裙", variants=(*edited.variants, VariantInput("A-3"))))
    check()  # A-3 reused: shown again
    catalogue.set_archived([second], True)
    catalogue.delete_product(catalogue.create_product(ProductInput(title="花束", variants=(VariantInput("C-1"),))))
    check()
    catalogue.set_archived([second], False)
    check()
    if database.engine.dialect.name != "sqlite":
        return  # PostgreSQL counts through the variants table itself: there is no index of hidden rows to check
    with database.engine.connect() as conn:
        for index in ("variants_fts", "variants_fts_grams", "variants_fts_hidden", "variants_fts_hidden_grams"):
            conn.execute(text(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)"))
        nothing_hidden = (
            "SELECT (SELECT count(*) FROM variants_fts_hidden_grams WHERE variants_fts_hidden_grams MATCH '\"2d\"')"
            ' + (SELECT count(*) FROM variants_fts_hidden WHERE variants_fts_hidden MATCH \'"a-1" OR "b-1"\')'
        )
        assert conn.execute(text(nothing_hidden)).scalar_one() == 0  # every row is shown again: all deleted
