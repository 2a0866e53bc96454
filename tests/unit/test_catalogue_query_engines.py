"""The catalogue table answers the same on SQLite and on PostgreSQL (team mode): one generated catalogue is written
to both through the service, then every filter, sort key, direction and page must give the same rows, field for
field (ids, amounts, margin % and score to the last bit), and the same counts."""

from __future__ import annotations

import itertools
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from pg_support import Server, require_server
from sqlalchemy import make_url, text

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

# Titles with Chinese, ASCII in both cases (code point order puts "Z" before "a"), LIKE's wildcards and the
# escape character, and repeats (ties in title order are broken by the SKU's id).
TITLES = [
    "碎花连衣裙",
    "口红 丝绒",
    "保温杯 100%",
    "Hoodie classic",
    "hoodie CLASSIC",
    "精华液_30ml",
    "dress_summer",
    "数据线 100%快充",
    "Zip bag",
    "apple 礼盒",
    "50% off 清仓",
    "back\\slash",
    "ÉTÉ robe",
    "été robe",
]
ALT = ["floral dress", "velvet lipstick", "", "卫衣", "serum", "夏季裙", "cable"]
CATEGORIES = ["服装", "美妆", "家居", "", "Digital"]
TAGS = [("爆款",), ("新品", "夏季"), (), ("清仓",), ("Bestseller",), ("NEW", "50%"), ("a_b",)]
PRODUCTS = 110  # ~300 SKUs


@dataclass
class Twin:
    engine: str
    database: Database
    catalogue: Catalogue


class Clock:
    def __init__(self) -> None:
        self.current = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.current


def catalogue_on(database: Database, clock: Clock, folder: Path, weights: ScoreWeights) -> Catalogue:
    return Catalogue(
        database.sessions,
        images_dir=folder / "images",
        thumbnails_dir=folder / "images" / ".thumbnails",
        weights=weights,
        clock=clock,
    )


def fill(catalogue: Catalogue, clock: Clock) -> None:
    """The same catalogue on any engine: same calls in the same order, so ids and timestamps agree too."""
    rng = random.Random(11)
    for n in range(PRODUCTS):
        variants = []
        for k in range(1 + n % 4):
            price = rng.choice([None, 0, rng.randint(100, 20000), 9900])
            variants.append(
                VariantInput(
                    sku_code=rng.choice(["SKU", "sku", "S%K", "S_K", "款"]) + f"{n:03d}{'ABCD'[k]}",
                    spec=(("尺码", "SMLX"[k]),),
                    barcode=f"69{n:03d}{k}{rng.randint(10, 99)}",
                    cost_minor=rng.choice([None, 0, rng.randint(50, 9000), 3000]),
                    list_price_minor=price,
                    live_price_minor=rng.choice([None, price and price - 100, price]),
                    low_stock_threshold=rng.choice([0, 3, 10]),
                    initial_stock=rng.choice([0, 1, 5, 40, 40]),
                )
            )
        catalogue.create_product(
            ProductInput(
                title=f"{TITLES[n % len(TITLES)]}{'' if n % 3 else ' ' + str(n % 7)}",
                alt_title=ALT[n % len(ALT)],
                category=CATEGORIES[n % len(CATEGORIES)],
                tags=TAGS[n % len(TAGS)],
                role=list(ShowRole)[n % 4] if n % 5 else None,
                variants=tuple(variants),
            )
        )
        clock.current += timedelta(minutes=rng.randint(1, 5) if n % 4 else 0)  # some share a timestamp
    for bundle in range(4):  # bundles over components with 0, 1, 5 or 40 in stock
        parts = catalogue.get_product(3 + bundle * 7).variants
        components = tuple((v.id, 1 + i) for i, v in enumerate(parts[:3]))
        catalogue.create_product(
            ProductInput(
                title=f"套装 {bundle}",
                tags=("爆款",),
                variants=(VariantInput(f"SET-{bundle}", components=components, low_stock_threshold=bundle),),
            )
        )
    sold_out = [(v.id, -v.on_hand) for v in catalogue.get_product(3).variants if v.on_hand]
    catalogue.adjust_stock(sold_out, StockReason.SALE)  # the first bundle's components: no complete set
    catalogue.set_archived([5, 17, 40], True)
    for product_id in (8, 24, 60):  # a removed SKU with stock moves is archived, not deleted
        edited = catalogue.get_product(product_id).input
        catalogue.update_product(product_id, replace(edited, variants=edited.variants[:1]))
    catalogue.set_live_prices([(v.id, 1234) for v in catalogue.get_product(12).variants])


Twins = dict[str, Twin]


def icu_database(server: Server) -> str | None:
    """A new empty database on the server that sorts text by ICU's en-US rules (not by code point, unlike the
    test server's C.UTF-8), or None when the server was built without ICU."""
    url = make_url(server.empty_database())  # only for its credentials and a name the session drops
    name = f"{url.database}_icu"
    admin = dict(host=url.host, port=url.port, user=url.username, password=url.password, autocommit=True)
    with psycopg.connect(**admin, dbname="postgres") as conn:  # type: ignore[arg-type]
        try:
            conn.execute(
                f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING UTF8 LOCALE 'C.UTF-8'"
                " LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
            )
        except (psycopg.errors.FeatureNotSupported, psycopg.errors.SyntaxError):  # no ICU, or before 15
            return None
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory, _pg_server: Server | None) -> Iterator[Twins]:
    """The same catalogue on SQLite, on PostgreSQL in the test server's C.UTF-8 (sorts by code point, as SQLite),
    and on PostgreSQL in ICU's en-US (sorts otherwise: the table's text order must still be SQLite's)."""
    require_server()
    assert _pg_server is not None
    folder = tmp_path_factory.mktemp("twins")
    targets = {
        "sqlite": folder / "twin.sqlite3",
        "postgresql": _pg_server.migrated_database(),
        "postgresql_icu": icu_database(_pg_server),
    }
    made: Twins = {}
    for engine, target in targets.items():
        if target is None:
            continue
        database = open_database(target)
        clock = Clock()
        catalogue = catalogue_on(database, clock, folder, ScoreWeights())
        fill(catalogue, clock)
        made[engine] = Twin(engine, database, catalogue)
    yield made
    for twin in made.values():
        twin.database.dispose()
    if "postgresql_icu" in made:
        _pg_server.drop(str(make_url(str(targets["postgresql_icu"])).database))


def both(twins: Twins, engine: str, weights: ScoreWeights | None = None) -> tuple[Catalogue, Catalogue]:
    """SQLite's catalogue and that of ``engine`` (skipped when the server cannot make that database)."""
    if engine not in twins:
        pytest.skip(f"the server cannot make a {engine} database")
    pair = twins["sqlite"], twins[engine]
    if weights is None:
        return pair[0].catalogue, pair[1].catalogue
    folder = Path("/nonexistent")  # the table's queries never read pictures
    return catalogue_on(pair[0].database, Clock(), folder, weights), catalogue_on(
        pair[1].database, Clock(), folder, weights
    )


TEXTS = ["", "a", "A", "口", "口红", "%", "_", "0%", "100%", "d_", "s_k", "s%k", "\\", "ét", "sku", "连衣裙", "zz"]
FILTERS = [
    *(CatalogueFilter(text=t, archived=a) for t, a in itertools.product(TEXTS, ArchivedFilter)),
    CatalogueFilter(category="服装"),
    CatalogueFilter(category="", archived=ArchivedFilter.ALL),
    CatalogueFilter(role=ShowRole.HERO, low_stock_only=True),
    CatalogueFilter(text="sku", category="美妆", archived=ArchivedFilter.ARCHIVED),
    CatalogueFilter(low_stock_only=True, archived=ArchivedFilter.ALL),
    CatalogueFilter(text="s", low_stock_only=True),
]


def test_the_generated_catalogue_has_what_the_comparisons_need(twins: Twins) -> None:
    every = CatalogueFilter(archived=ArchivedFilter.ALL)
    rows = twins["sqlite"].catalogue.page(every, CatalogueSort(SortKey.SKU), 0, 9999)
    assert 250 <= len(rows) <= 400
    assert any(r.archived for r in rows) and any(r.is_bundle and r.on_hand == 0 for r in rows)
    assert any(r.cost_minor is None for r in rows) and any(r.live_price_minor is None for r in rows)
    assert any(r.list_price_minor == 0 and r.live_price_minor in (0, None) and r.margin_pct is None for r in rows)
    assert any("%" in r.title for r in rows) and any("_" in r.sku_code for r in rows)
    assert len({r.title for r in rows}) < len({r.product_id for r in rows})  # titles tie
    assert len({r.score.total for r in rows}) < len(rows)  # scores tie


def test_text_order_follows_the_database_collation(twins: Twins) -> None:
    """The C.UTF-8 database sorts by code point itself (no COLLATE: title and SKU order can walk their indexes);
    the ICU one does not (its own order differs from SQLite's), so there the table sorts COLLATE "C"."""
    with twins["sqlite"].database.engine.connect() as conn:
        assert catalogue_query.dialect_of(conn) is catalogue_query.SQLITE
        titles = list(conn.execute(text("SELECT title FROM products ORDER BY title, id")).scalars())
    assert titles == sorted(titles)
    with twins["postgresql"].database.engine.connect() as conn:
        assert catalogue_query.dialect_of(conn) is catalogue_query.POSTGRESQL_IN_CODE_POINTS
        assert list(conn.execute(text("SELECT title FROM products ORDER BY title, id")).scalars()) == titles
    if "postgresql_icu" not in twins:
        pytest.skip("the server cannot make an ICU database")
    with twins["postgresql_icu"].database.engine.connect() as conn:
        assert catalogue_query.dialect_of(conn) is catalogue_query.POSTGRESQL
        assert list(conn.execute(text("SELECT title FROM products ORDER BY title, id")).scalars()) != titles


@pytest.mark.parametrize("engine", ["postgresql", "postgresql_icu"])
def test_counts_agree(twins: Twins, engine: str) -> None:
    sqlite, other = both(twins, engine)
    counts = [(f, sqlite.count(f), other.count(f)) for f in FILTERS]
    assert [c for c in counts if c[1] != c[2]] == []
    assert sum(1 for c in counts if c[1]) > len(FILTERS) // 2  # most filters find something


TEXT_KEYS = (SortKey.TITLE, SortKey.SKU, SortKey.CATEGORY)


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize(
    ("engine", "key"),
    [
        *(("postgresql", key) for key in SortKey),
        *(("postgresql_icu", key) for key in TEXT_KEYS),  # the other keys do not compare text
    ],
)
def test_every_filter_sorts_and_pages_alike(twins: Twins, engine: str, key: SortKey, descending: bool) -> None:
    sqlite, other = both(twins, engine)
    sort = CatalogueSort(key, descending)
    differ = []
    for search in FILTERS:
        whole = sqlite.page(search, sort, 0, 10_000)
        if other.page(search, sort, 0, 10_000) != whole:
            differ.append(search)
            continue
        for offset, limit in ((0, 7), (5, 13), (len(whole) - 3, 10)):
            assert other.page(search, sort, offset, limit) == whole[max(offset, 0) : offset + limit], search
        assert other.count_and_page(search, sort, 0, 50) == sqlite.count_and_page(search, sort, 0, 50)
    assert differ == []


@pytest.mark.parametrize(
    "weights",
    [
        ScoreWeights(),
        ScoreWeights(boost_tags=("bestseller", "New", "50%", "A_B", "夏季")),  # ASCII case folds, as in SQLite
        ScoreWeights(margin=0, stock_cover=2, past_sales=1, tags=0, boost_tags=()),
        ScoreWeights(margin=0, stock_cover=0, past_sales=0, tags=0),
    ],
    ids=["default", "boosts", "stock", "none"],
)
def test_scores_agree_to_the_last_bit(twins: Twins, weights: ScoreWeights) -> None:
    sqlite, postgresql = both(twins, "postgresql", weights)
    for descending in (False, True):
        sort = CatalogueSort(SortKey.SCORE, descending)
        every = CatalogueFilter(archived=ArchivedFilter.ALL)
        rows: tuple[CatalogueRow, ...] = sqlite.page(every, sort, 0, 10_000)
        assert postgresql.page(every, sort, 0, 10_000) == rows
    assert weights.tags == 0 or {r.score.tags for r in rows} == {0.0, 1.0}


INDEXES = "SELECT indexname FROM pg_indexes WHERE tablename = 'variants'"


def test_postgresql_has_the_trigram_index(twins: Twins) -> None:
    with twins["postgresql"].database.engine.connect() as conn:
        assert "ix_variants_search_trgm" in set(conn.execute(text(INDEXES)).scalars())


def test_a_server_without_pg_trgm_still_migrates_and_searches(pg_server: Server, tmp_path: Path) -> None:
    """pg_trgm cannot be created (here: a role without CREATE on its database, as when the extension is not
    installed): migration 0001 goes on without the trigram index, and search still finds rows by scanning."""
    role = f"sdt_{uuid.uuid4().hex[:8]}_plain"
    url = make_url(pg_server.empty_database())
    name = str(url.database)
    admin = dict(host=url.host, port=url.port, user=url.username, password=url.password, autocommit=True)
    with psycopg.connect(**admin, dbname="postgres") as conn:  # type: ignore[arg-type]
        conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'plain'")
    try:
        with psycopg.connect(**admin, dbname=name) as conn:  # type: ignore[arg-type]
            conn.execute(f"GRANT CREATE ON SCHEMA public TO {role}")  # tables yes, extensions no
        database = open_database(url.set(username=role, password="plain").render_as_string(hide_password=False))
        try:
            with database.engine.connect() as conn:
                indexes = set(conn.execute(text(INDEXES)).scalars())
                assert "ix_variants_barcode" in indexes and "ix_variants_search_trgm" not in indexes
                assert conn.execute(text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")).scalar() == 0
            catalogue = catalogue_on(database, Clock(), tmp_path, ScoreWeights())
            catalogue.create_product(
                ProductInput(title="碎花连衣裙", variants=(VariantInput("FD-1"), VariantInput("X")))
            )
            search = CatalogueFilter(text="连衣裙")
            assert [r.sku_code for r in catalogue.page(search, CatalogueSort(), 0, 10)] == ["FD-1", "X"]
            assert catalogue.count(search) == 2
        finally:
            database.dispose()
    finally:
        pg_server.drop(name)
        with psycopg.connect(**admin, dbname="postgres") as conn:  # type: ignore[arg-type]
            conn.execute(f"DROP ROLE {role}")
