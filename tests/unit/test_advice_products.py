"""Advice from history, products (advice_products) on a synthetic history whose answers are known by construction,
on SQLite and PostgreSQL. Three shows stream the same rundown through ShowRuns (timer seconds from its START):

    segment            lists      band           samples (views)
    Opening            -          0 – 600        1,000 at 0
    Pitch H            H          600 – 1200     2,000 at 600
    Pitch P + N        P, N       1200 – 1800    1,000 at 1200   (each product gets 300 s of it)
    Flash sale T       T          1800 – 2100      500 at 1800
    Closing            -          2100 – 2400      300 at 2100

Orders per show (seconds from the start): H × 2 = 20,000 at 700 and H × 1 = 10,000 at 900; P × 1 = 5,000 at 1300;
T × 3 = 3,000 at 1900, T × 2 = 2,000 at 1950, T × 1 = 1,000 at 2000; H × 1 = 10,000 at 2200 (in the closing: the
show's, not a pitch's); a cancelled H order at 800 (never counted). The first show also has P × 1 = 5,000 placed
at 100 (in the opening) that names the P + N segment: it counts for that pitch. N never sells.

H (hero): live price 10,000 (list 12,000), cost 7,000, margin 30 %; P (profit): 5,000 − 2,000, 60 %; T (traffic):
1,000 − 900, 10 %; N (never converts): 3,000 − 1,500, 50 %. A cancelled and a never-finished show sell H too and
must not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import FakeClock, FakeUTCClock
from review_support import add_order, add_samples, add_show
from sqlalchemy import text
from sqlmodel import select

from streamdesk.config import ReviewSettings
from streamdesk.core.advice_products import (
    ProductAdvice,
    ProductFigures,
    SuggestionKind,
    advise_products,
    never_converts_key,
    product_advice,
    refresh_scores,
    role_key,
)
from streamdesk.core.advice_products_read import catalogue_facts, read_history
from streamdesk.core.advice_slots import past_shows
from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import (
    CatalogueFilter,
    CatalogueSort,
    ProductInput,
    ScoreWeights,
    SortKey,
    VariantInput,
)
from streamdesk.core.show_runs import ShowRuns
from streamdesk.db import Database
from streamdesk.models.advice import ProductScore
from streamdesk.models.base import OrderStatus, Platform, SegmentKind, ShowRole, ShowStatus
from streamdesk.models.shows import SegmentProduct, Show

SETTINGS = ReviewSettings(fee_basis_points={"douyin": 500})
RUNDOWN = (
    ("Opening", 300, SegmentKind.OPENING),
    ("Pitch H", 600, SegmentKind.PITCH),
    ("Pitch P + N", 600, SegmentKind.PITCH),
    ("Flash sale T", 300, SegmentKind.FLASH_SALE),
    ("Closing", 300, SegmentKind.CLOSING),
)
ACTUAL = (600, 600, 600, 300, 300)  # seconds each segment ran
DAY = timedelta(days=1)
FIRST = datetime(2026, 2, 2, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Shop:
    catalogue: Catalogue
    products: dict[str, int]  # H, P, T, N → product id
    variants: dict[str, int]
    shows: tuple[int, ...]


def catalogue_of(database: Database, tmp_path: Path) -> Catalogue:
    return Catalogue(
        database.sessions,
        images_dir=tmp_path / "images",
        thumbnails_dir=tmp_path / "images" / ".thumbnails",
        weights=ScoreWeights(margin=0, stock_cover=0, past_sales=1, tags=0),
        clock=FakeUTCClock(),
    )


def stream(database: Database, title: str, start: datetime, variants: dict[str, int], *, finish: bool = True) -> int:
    show_id, segments = add_show(database, title, planned_start=start, segments=RUNDOWN)
    with database.sessions(write=True) as session, session.begin():
        for segment, letters in zip(segments, ("", "H", "PN", "T", ""), strict=True):
            for position, letter in enumerate(letters):
                session.add(SegmentProduct(segment_id=segment, variant_id=variants[letter], position=position))
    utc, timer_clock = FakeUTCClock(start), FakeClock(now=50.0)
    timer = ShowRuns(database.sessions, clock=utc, timer_clock=timer_clock).start(show_id).timer
    timer.start()
    for n, seconds in enumerate(ACTUAL):
        timer_clock.now += seconds
        utc.advance(seconds=seconds)
        if n < len(ACTUAL) - 1:
            timer.next()
        elif finish:
            timer.finish()

    def order(
        no: str,
        second: int,
        letter: str,
        units: int,
        amount: int,
        *,
        status: OrderStatus = OrderStatus.PAID,
        segment_id: int | None = None,
    ) -> None:
        add_order(database, f"{title}-{no}", show_id=show_id, created_at=start + timedelta(seconds=second),
                  paid_minor=amount, customer=f"{title}-{no}", lines=((variants[letter], units, amount),),
                  status=status, segment_id=segment_id)  # fmt: skip

    order("h1", 700, "H", 2, 20_000)
    order("h2", 900, "H", 1, 10_000)
    order("hx", 800, "H", 1, 99_000, status=OrderStatus.CANCELLED)
    order("p1", 1300, "P", 1, 5000)
    order("t1", 1900, "T", 3, 3000)
    order("t2", 1950, "T", 2, 2000)
    order("t3", 2000, "T", 1, 1000)
    order("h3", 2200, "H", 1, 10_000)
    if title == "S0":
        order("p0", 100, "P", 1, 5000, segment_id=segments[2])
    add_samples(
        database,
        show_id,
        [(start + timedelta(seconds=s), {"views": v}) for s, v in ((0, 1000), (600, 2000), (1200, 1000),
                                                                 (1800, 500), (2100, 300))],
    )  # fmt: skip
    return show_id


def build(database: Database, tmp_path: Path) -> Shop:
    catalogue = catalogue_of(database, tmp_path)
    specs = {
        "H": (VariantInput("H1", cost_minor=7000, list_price_minor=12_000, live_price_minor=10_000, initial_stock=100),
              None),
        "P": (VariantInput("P1", cost_minor=2000, list_price_minor=5000, initial_stock=40), ShowRole.PROFIT),
        "T": (VariantInput("T1", cost_minor=900, list_price_minor=1000, initial_stock=300), ShowRole.HERO),
        "N": (VariantInput("N1", cost_minor=1500, list_price_minor=3000, initial_stock=20), None),
    }  # fmt: skip
    products, variants = {}, {}
    for letter, (variant, role) in specs.items():
        products[letter] = catalogue.create_product(ProductInput(title=f"Product {letter}", variants=(variant,),
                                                                 role=role))  # fmt: skip
        variants[letter] = catalogue.get_product(products[letter]).variants[0].id
    shows = tuple(stream(database, f"S{i}", FIRST + i * DAY, variants) for i in range(3))
    cancelled = stream(database, "Cancelled", FIRST + 5 * DAY, variants)
    with database.sessions(write=True) as session, session.begin():
        row = session.get(Show, cancelled)
        assert row is not None
        row.status = ShowStatus.CANCELLED
        row.version += 1
    stream(database, "Unfinished", FIRST + 6 * DAY, variants, finish=False)
    return Shop(catalogue, products, variants, shows)


def figures_of(advice: ProductAdvice, product_id: int) -> ProductFigures:
    return next(f for f in advice.products if f.product_id == product_id)


def test_pitch_figures_roles_and_never_converts(database: Database, tmp_path: Path) -> None:
    shop = build(database, tmp_path)

    advice = product_advice(database.sessions, SETTINGS)

    assert advice.shows_found == 3
    h, p, t, n = (figures_of(advice, shop.products[letter]) for letter in "HPTN")
    assert [f.product_id for f in advice.products] == [h.product_id, p.product_id, t.product_id, n.product_id]
    assert (h.shows_pitched, h.pitches, h.pitches_sold, h.pitch_seconds) == (3, 3, 3, 1800)
    assert (h.pitch_orders, h.pitch_units, h.pitch_gmv_minor, h.pitch_views) == (6, 9, 90_000, 6000)
    assert (h.show_orders, h.show_units, h.show_gmv_minor) == (9, 12, 120_000)
    assert h.conversion == pytest.approx(6 / 6000)
    assert h.gmv_per_pitch_minute_minor == 3000
    assert (h.margin_minor, h.margin_pct) == (3000, pytest.approx(30.0))  # the live price, not the list price
    assert h.units_per_show == 12 / 3 and h.stock_cover_shows == pytest.approx(100 / 4)
    # P shares its segment with N: 300 s a show; the opening's order naming the segment counts for the pitch.
    assert (p.pitch_seconds, p.pitch_orders, p.pitch_units, p.pitch_gmv_minor) == (900, 4, 4, 20_000)
    assert p.conversion == pytest.approx(4 / 3000) and p.gmv_per_pitch_minute_minor == 1333
    assert (t.pitch_seconds, t.pitch_orders, t.pitch_units, t.pitch_gmv_minor) == (900, 9, 18, 18_000)
    assert t.conversion == pytest.approx(9 / 1500) and t.margin_pct == pytest.approx(10.0)
    assert (n.pitches, n.pitches_sold, n.pitch_orders, n.pitch_views, n.conversion) == (3, 0, 0, 3000, 0.0)
    assert (n.units_per_show, n.stock_cover_shows, n.sold_share) == (None, None, 0.0)

    assert [f.suggested_role for f in (h, p, t, n)] == [ShowRole.HERO, ShowRole.PROFIT, ShowRole.TRAFFIC, None]
    assert [f.never_converts for f in (h, p, t, n)] == [False, False, False, True]
    assert [f.current_role for f in (h, p, t, n)] == [None, ShowRole.PROFIT, ShowRole.HERO, None]
    # P already is a profit product: no suggestion for it.
    assert [(s.key, s.kind, s.role, s.current_role) for s in advice.suggestions] == [
        (role_key(h.product_id, ShowRole.HERO), SuggestionKind.ROLE, ShowRole.HERO, None),
        (f"product:{t.product_id}:role:traffic", SuggestionKind.ROLE, ShowRole.TRAFFIC, ShowRole.HERO),
        (never_converts_key(n.product_id), SuggestionKind.NEVER_CONVERTS, None, None),
    ]
    assert never_converts_key(n.product_id) == f"product:{n.product_id}:never-converts"


def test_the_same_shows_count_as_for_the_time_slot_advice(database: Database, tmp_path: Path) -> None:
    shop = build(database, tmp_path)

    with database.sessions() as session, session.begin():
        history = read_history(session)

    assert tuple(s.show_id for s in history.shows) == shop.shows
    assert tuple(s.show_id for s in past_shows(database.sessions, SETTINGS)) == shop.shows


def test_scores_feed_the_catalogues_selection_score(database: Database, tmp_path: Path) -> None:
    shop = build(database, tmp_path)
    other = shop.catalogue.create_product(ProductInput(title="Never pitched", variants=(VariantInput("O1"),)))
    advice = product_advice(database.sessions, SETTINGS)

    # best GMV per pitch minute 3,000 (H), best conversion 9 ÷ 1,500 (T)
    expected = {
        "H": 0.7 + 0.3 * (6 / 6000) / (9 / 1500),
        "P": 0.7 * 1333 / 3000 + 0.3 * (4 / 3000) / (9 / 1500),
        "T": 0.7 * 1200 / 3000 + 0.3,
        "N": 0.0,
    }
    for letter, score in expected.items():
        assert figures_of(advice, shop.products[letter]).score == pytest.approx(score)
    with database.sessions(write=True) as session, session.begin():
        session.add(ProductScore(product_id=other, score=0.9))  # left over from an older history: replaced

    assert refresh_scores(database.sessions, advice) == 4

    with database.sessions() as session, session.begin():
        stored = {row.product_id: row.score for row in session.exec(select(ProductScore)).all()}
    assert stored == pytest.approx({shop.products[k]: v for k, v in expected.items()})
    rows = shop.catalogue.page(CatalogueFilter(), CatalogueSort(), 0, 50)
    by_sku = {row.sku_code: row for row in rows}
    assert by_sku["H1"].score.past_sales == pytest.approx(expected["H"])
    assert by_sku["T1"].score.past_sales == pytest.approx(expected["T"])
    assert by_sku["O1"].score.past_sales == 0.0  # no row: 0
    assert by_sku["H1"].score.total == pytest.approx(100 * expected["H"])  # past sales is the only weight here
    ranked = shop.catalogue.page(CatalogueFilter(), CatalogueSort(SortKey.SCORE, descending=True), 0, 5)
    assert [row.sku_code for row in ranked][:3] == ["H1", "T1", "P1"]  # N1 and O1 tie at 0


def test_refreshing_scores_without_history_empties_them(database: Database, tmp_path: Path) -> None:
    catalogue = catalogue_of(database, tmp_path)
    product = catalogue.create_product(ProductInput(title="Lonely", variants=(VariantInput("L1"),)))
    with database.sessions(write=True) as session, session.begin():
        session.add(ProductScore(product_id=product, score=0.5))

    advice = product_advice(database.sessions, SETTINGS)

    assert (advice.shows_found, advice.products, advice.suggestions) == (0, (), ())
    assert advice.best_gmv_per_pitch_minute_minor is None
    assert refresh_scores(database.sessions, advice) == 0
    with database.sessions() as session, session.begin():
        assert session.exec(select(ProductScore)).all() == []


def test_one_show_is_not_enough_for_a_role_or_a_never_converts_flag(database: Database, tmp_path: Path) -> None:
    shop = build(database, tmp_path)
    with database.sessions() as session, session.begin():
        history = read_history(session)
    first = history.shows[:1]
    single = advise_products(
        type(history)(first, history.pitched, tuple(s for s in history.sales if s.show_id == first[0].show_id),
                      history.views, history.catalogue)
    )  # fmt: skip

    n = figures_of(single, shop.products["N"])
    h = figures_of(single, shop.products["H"])
    assert (n.shows_pitched, n.pitch_orders, n.never_converts, n.suggested_role) == (1, 0, False, None)
    assert (h.shows_pitched, h.suggested_role) == (1, None)
    assert single.suggestions == ()


def test_the_score_tooltip_says_what_past_sales_now_means() -> None:
    from streamdesk.core.catalogue_types import ScoreParts
    from streamdesk.ui.pages.catalogue.labels import score_explanation

    text = score_explanation(ScoreParts(0.5, 0.25, 0.75, 0.0, 40.0), ScoreWeights())

    line = next(line for line in text.splitlines() if line.startswith("Past sales"))
    assert line.startswith("Past sales 0.75 × weight 0.2: from your streamed shows")
    assert "GMV per minute of pitch" in line and "conversion when pitched" in line


def test_views_of_several_platforms_at_one_time_add_up(database: Database, tmp_path: Path) -> None:
    shop = build(database, tmp_path)
    add_samples(database, shop.shows[0], [(FIRST + timedelta(seconds=600), {"views": 600})], platform=Platform.TIKTOK)

    h = figures_of(product_advice(database.sessions, SETTINGS), shop.products["H"])

    assert h.pitch_views == 6600
    assert h.conversion == pytest.approx(6 / 6600)


def test_an_archived_product_keeps_its_figures_but_gets_no_suggestion(database: Database, tmp_path: Path) -> None:
    shop = build(database, tmp_path)
    shop.catalogue.set_archived([shop.products["T"], shop.products["N"]], True)

    advice = product_advice(database.sessions, SETTINGS)

    t, n = figures_of(advice, shop.products["T"]), figures_of(advice, shop.products["N"])
    assert (t.archived, t.suggested_role, n.archived, n.never_converts) == (True, ShowRole.TRAFFIC, True, True)
    assert [s.product_id for s in advice.suggestions] == [shop.products["H"]]


def test_margin_and_stock_count_live_variants_and_a_bundle_counts_its_sets(database: Database, tmp_path: Path) -> None:
    catalogue = catalogue_of(database, tmp_path)
    kit = catalogue.create_product(
        ProductInput(
            title="Kit",
            variants=(
                VariantInput("K1", cost_minor=4000, list_price_minor=10_000, initial_stock=11),
                VariantInput("K2", cost_minor=4000, list_price_minor=5000, initial_stock=5),  # archived below
                VariantInput("K3", cost_minor=1000, list_price_minor=3000, live_price_minor=2000),  # oversold below
                VariantInput("K4", initial_stock=2),  # no price, no cost: stock only
            ),
        )
    )
    k1, k2, k3 = (v.id for v in catalogue.get_product(kit).variants[:3])
    bundle = catalogue.create_product(
        ProductInput(title="Pair", variants=(VariantInput("PAIR", list_price_minor=18_000, components=((k1, 2),)),))
    )
    with database.sessions(write=True) as session, session.begin():
        session.execute(text("UPDATE variants SET archived = :yes WHERE id = :id"), {"yes": True, "id": k2})
        session.execute(text("UPDATE variants SET on_hand = -4 WHERE id = :id"), {"id": k3})

    with database.sessions() as session, session.begin():
        facts = catalogue_facts(session, [kit, bundle, 999_999])

    assert set(facts) == {kit, bundle}
    k = facts[kit]
    # K1: 10,000 − 4,000; K3: 2,000 (live) − 1,000. Mean 3,500; 7,000 ÷ 12,000 = 58.3 %. Stock 11 + 0 + 2.
    assert (k.margin_minor, k.margin_pct, k.available_units) == (3500, pytest.approx(700 / 12), 13)
    assert (facts[bundle].available_units, facts[bundle].margin_minor, facts[bundle].margin_pct) == (5, None, None)
