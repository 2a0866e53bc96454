"""Advice from history, products (issue 12): per product across the seller's streamed shows, how it sold when
pitched, its margin and stock cover, a suggested show role, a never-converts flag and the 0..1 score the
catalogue's selection score reads as its past-sales part.

A pitch is one run segment (any kind) that lists the product; its seconds are shared equally among the products
the segment lists. An order counts for a pitch when it names that segment, or else when it was placed inside one
of the segment's timer visits; its lines of the product give the pitch's orders, units and GMV. Views during a
pitch are the samples' views inside its visits. Every figure and threshold: docs/FORMATS.md "Advice from
history: definitions". ``advise_products`` is pure; ``product_advice`` reads and computes; ``refresh_scores``
writes the scores. No Qt, no user strings.
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from streamdesk.core.advice_history import StreamedShow
from streamdesk.models.base import ShowRole, utc_now

if TYPE_CHECKING:
    from streamdesk.config import ReviewSettings
    from streamdesk.db import SessionFactory

MIN_ROLE_SHOWS = 2  # pitched in this many shows before a role is suggested or it is called a never-seller
SOLD_SHARE = 0.5  # HERO, PROFIT, TRAFFIC: sold in at least this share of its pitches
HERO_SHARE = 0.6  # HERO: GMV per pitch minute at least this share of the best role candidate's
PROFIT_MARGIN_PCT = 40.0  # PROFIT: margin at least this
TRAFFIC_MARGIN_PCT = 20.0  # TRAFFIC: margin below this
TRAFFIC_SOLD_SHARE = 0.75  # TRAFFIC without views: sold in at least this share of its pitches
SCORE_GMV_WEIGHT = 0.7  # score = 0.7 × GMV per pitch minute ÷ the best + 0.3 × conversion ÷ the best
SCORE_CONVERSION_WEIGHT = 0.3


class SuggestionKind(StrEnum):
    ROLE = "role"
    NEVER_CONVERTS = "never-converts"


# --- what is read ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SaleLine:
    """One order line of a counted order in a streamed show, matched to a catalogue product."""

    show_id: int
    order_id: int
    at_seconds: float  # when the order was placed, seconds from the show's start
    segment_id: int | None  # the segment the order names, if any
    product_id: int
    units: int
    gmv_minor: int


@dataclass(frozen=True, slots=True)
class CatalogueFacts:
    """A product as the catalogue has it now (its variants that are not archived)."""

    product_id: int
    title: str
    archived: bool
    role: ShowRole | None
    currency: str
    margin_minor: int | None  # mean (live price, else list price − cost) over variants with both known
    margin_pct: float | None  # 100 × Σ (price − cost) ÷ Σ price over the same variants
    available_units: int  # Σ available (a bundle: the sets its components make; below zero counts as 0)


@dataclass(frozen=True, slots=True)
class ProductHistory:
    """Everything the product advice is computed from."""

    shows: tuple[StreamedShow, ...]
    pitched: Mapping[int, tuple[int, ...]]  # segment id → the product ids it lists
    sales: tuple[SaleLine, ...]
    views: Mapping[int, tuple[tuple[float, int], ...]]  # show id → (seconds from its start, views) per sample time
    catalogue: Mapping[int, CatalogueFacts] = field(default_factory=dict)


# --- what comes out -------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ProductFigures:
    product_id: int
    title: str
    archived: bool
    currency: str
    current_role: ShowRole | None
    show_ids: tuple[int, ...]  # streamed shows it was pitched or sold in, oldest first
    shows_pitched: int
    pitches: int  # segments that ran listing it
    pitches_sold: int  # of those, with at least one order of it during them
    pitch_seconds: float  # its share of its pitches' seconds
    pitch_orders: int
    pitch_units: int
    pitch_gmv_minor: int
    pitch_views: int | None  # None: no sample said views during its pitches
    show_orders: int  # in the whole of those shows
    show_units: int
    show_gmv_minor: int
    conversion: float | None  # pitch orders ÷ pitch views; None without views
    sold_share: float | None  # pitches sold ÷ pitches; None when never pitched
    gmv_per_pitch_minute_minor: int | None  # None when never pitched
    margin_minor: int | None
    margin_pct: float | None
    available_units: int
    units_per_show: float | None  # show units ÷ shows it was pitched or sold in; None when it never sold
    stock_cover_shows: float | None  # available ÷ units per show; None when it never sold
    suggested_role: ShowRole | None
    never_converts: bool
    score: float | None  # 0..1 for the selection score; None when never pitched (read as 0)


@dataclass(frozen=True, slots=True)
class ProductSuggestion:
    key: str  # product:{id}:role:{role} or product:{id}:never-converts (what a dismissal remembers)
    kind: SuggestionKind
    product_id: int
    role: ShowRole | None  # the suggested role (ROLE only)
    current_role: ShowRole | None


@dataclass(frozen=True, slots=True)
class ProductAdvice:
    shows_found: int
    products: tuple[ProductFigures, ...]  # by pitch GMV, show GMV (both descending), then product id
    suggestions: tuple[ProductSuggestion, ...]  # roles first, then never-converts, in product order
    best_gmv_per_pitch_minute_minor: int | None  # the score's yardstick: the best of every pitched product
    # the hero rule's yardstick: the best of the products pitched in at least MIN_ROLE_SHOWS shows
    best_role_gmv_per_pitch_minute_minor: int | None = None


def role_key(product_id: int, role: ShowRole) -> str:
    return f"product:{product_id}:role:{role.value}"


def never_converts_key(product_id: int) -> str:
    return f"product:{product_id}:{SuggestionKind.NEVER_CONVERTS.value}"


def product_advice(
    sessions: SessionFactory, settings: ReviewSettings, *, shows: Sequence[StreamedShow] | None = None
) -> ProductAdvice:
    """The product advice over every streamed show (one read transaction; ``shows``: already read by the caller).
    ``settings`` is the review's, taken so that every advice reader is called alike."""
    from streamdesk.core.advice_products_read import read_history

    del settings
    with sessions() as session, session.begin():
        history = read_history(session, shows)
    return advise_products(history)


# pg_advisory_xact_lock key of score refreshes (a constant every StreamDesk client shares; "SDSCOR" in ASCII)
SCORES_LOCK = 0x5344_5343_4F52


def refresh_scores(sessions: SessionFactory, advice: ProductAdvice, *, clock: Callable[[], datetime] = utc_now) -> int:
    """Replace every ProductScore row with the advice's scores, in one write transaction (commits); a product
    without a score gets no row (the catalogue reads 0). Products deleted meanwhile are skipped. Returns rows
    written."""
    from sqlalchemy import text
    from sqlmodel import delete, select

    from streamdesk.models.advice import ProductScore
    from streamdesk.models.catalogue import Product

    scored = {p.product_id: p.score for p in advice.products if p.score is not None}
    now = clock()
    with sessions(write=True) as session, session.begin():
        if session.get_bind().dialect.name == "postgresql":
            # Two laptops opening the Advice page at once would both delete, then the second's inserts would hit
            # the first's committed rows (a unique violation). One refresh at a time; SQLite's write transactions
            # already are (BEGIN IMMEDIATE).
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCORES_LOCK})
        session.exec(delete(ProductScore))
        existing = set(session.exec(select(Product.id).where(Product.id.in_(scored)))) if scored else set()  # type: ignore[union-attr]
        rows = [ProductScore(product_id=i, score=s, computed_at=now) for i, s in scored.items() if i in existing]
        session.add_all(rows)
    return len(rows)


# --- the maths ------------------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Sums:
    """One product's running sums while the shows are walked (internal, mutable)."""

    show_ids: set[int] = field(default_factory=set)
    pitched_shows: set[int] = field(default_factory=set)
    pitches: int = 0
    pitches_sold: set[tuple[int, int]] = field(default_factory=set)  # (show id, segment position)
    pitch_seconds: float = 0.0
    pitch_orders: set[int] = field(default_factory=set)
    pitch_units: int = 0
    pitch_gmv: int = 0
    viewed_views: int | None = None  # Σ views over its pitches whose views are known
    viewed_orders: set[int] = field(default_factory=set)  # its orders during those pitches
    show_orders: set[int] = field(default_factory=set)
    show_units: int = 0
    show_gmv: int = 0


def advise_products(history: ProductHistory) -> ProductAdvice:
    """The product advice from already read history (pure)."""
    sums: dict[int, _Sums] = {}
    sales_of: dict[int, list[SaleLine]] = {}
    for line in history.sales:
        sales_of.setdefault(line.show_id, []).append(line)
    for show in history.shows:
        _walk_show(show, history, sales_of.get(show.show_id, []), sums)
    figures = [_figures(pid, s, history.catalogue[pid]) for pid, s in sums.items() if pid in history.catalogue]
    pitched = [f for f in figures if f.pitches > 0]
    best_all = max((f.gmv_per_pitch_minute_minor or 0 for f in pitched), default=0)
    best_conversion = max((f.conversion for f in pitched if f.conversion is not None), default=None)
    eligible = [f for f in figures if f.shows_pitched >= MIN_ROLE_SHOWS]
    best_eligible = max((f.gmv_per_pitch_minute_minor or 0 for f in eligible), default=0)
    conversions = [f.conversion for f in eligible if f.conversion is not None]
    median_conversion = statistics.median(conversions) if conversions else None
    done = []
    for f in figures:
        role = _role(f, best_eligible, median_conversion)
        never = f.shows_pitched >= MIN_ROLE_SHOWS and f.pitch_orders == 0
        score = _score(f, best_all, best_conversion) if f.pitches > 0 else None
        done.append(replace(f, suggested_role=role, never_converts=never, score=score))
    done.sort(key=lambda f: (-f.pitch_gmv_minor, -f.show_gmv_minor, f.product_id))
    roles = [
        ProductSuggestion(role_key(f.product_id, f.suggested_role), SuggestionKind.ROLE, f.product_id,
                          f.suggested_role, f.current_role)
        for f in done
        if f.suggested_role is not None and f.suggested_role is not f.current_role and not f.archived
    ]  # fmt: skip
    nevers = [
        ProductSuggestion(never_converts_key(f.product_id), SuggestionKind.NEVER_CONVERTS, f.product_id, None,
                          f.current_role)
        for f in done
        if f.never_converts and not f.archived
    ]  # fmt: skip
    return ProductAdvice(
        len(history.shows),
        tuple(done),
        (*roles, *nevers),
        best_all if pitched else None,
        best_eligible if eligible else None,
    )


def _walk_show(show: StreamedShow, history: ProductHistory, sales: Sequence[SaleLine], sums: dict[int, _Sums]) -> None:
    segments = show.segments
    listed = [
        tuple(dict.fromkeys(history.pitched.get(s.segment_id, ()))) if s.segment_id is not None else ()
        for s in segments
    ]
    visits = sorted((begin, end, position) for position, s in enumerate(segments) for begin, end in s.visits)
    starts = [v[0] for v in visits]

    def segment_at(at: float) -> int | None:
        i = bisect_right(starts, at) - 1
        return visits[i][2] if i >= 0 and at < visits[i][1] else None

    views: dict[int, int] = {}
    for at, count in history.views.get(show.show_id, ()):
        position = segment_at(at)
        if position is not None:
            views[position] = views.get(position, 0) + count
    for position, products in enumerate(listed):
        for product_id in products:
            s = sums.setdefault(product_id, _Sums())
            s.show_ids.add(show.show_id)
            s.pitched_shows.add(show.show_id)
            s.pitches += 1
            s.pitch_seconds += segments[position].actual_seconds / len(products)
            if position in views:
                s.viewed_views = (s.viewed_views or 0) + views[position]
    by_id = {s.segment_id: position for position, s in enumerate(segments) if s.segment_id is not None}
    for line in sales:
        s = sums.setdefault(line.product_id, _Sums())
        s.show_ids.add(show.show_id)
        s.show_orders.add(line.order_id)
        s.show_units += line.units
        s.show_gmv += line.gmv_minor
        position = by_id.get(line.segment_id) if line.segment_id is not None else None
        if position is None:
            position = segment_at(line.at_seconds)
        if position is None or line.product_id not in listed[position]:
            continue
        s.pitches_sold.add((show.show_id, position))
        s.pitch_orders.add(line.order_id)
        s.pitch_units += line.units
        s.pitch_gmv += line.gmv_minor
        if position in views:
            s.viewed_orders.add(line.order_id)


def _figures(product_id: int, s: _Sums, facts: CatalogueFacts) -> ProductFigures:
    shows = len(s.show_ids)
    per_show = s.show_units / shows if s.show_units > 0 and shows else None
    return ProductFigures(
        product_id=product_id,
        title=facts.title,
        archived=facts.archived,
        currency=facts.currency,
        current_role=facts.role,
        show_ids=tuple(sorted(s.show_ids)),
        shows_pitched=len(s.pitched_shows),
        pitches=s.pitches,
        pitches_sold=len(s.pitches_sold),
        pitch_seconds=s.pitch_seconds,
        pitch_orders=len(s.pitch_orders),
        pitch_units=s.pitch_units,
        pitch_gmv_minor=s.pitch_gmv,
        pitch_views=s.viewed_views,
        show_orders=len(s.show_orders),
        show_units=s.show_units,
        show_gmv_minor=s.show_gmv,
        conversion=len(s.viewed_orders) / s.viewed_views if s.viewed_views else None,
        sold_share=len(s.pitches_sold) / s.pitches if s.pitches else None,
        gmv_per_pitch_minute_minor=round(s.pitch_gmv * 60 / s.pitch_seconds) if s.pitch_seconds > 0 else None,
        margin_minor=facts.margin_minor,
        margin_pct=facts.margin_pct,
        available_units=facts.available_units,
        units_per_show=per_show,
        stock_cover_shows=facts.available_units / per_show if per_show else None,
        suggested_role=None,
        never_converts=False,
        score=None,
    )


def _role(f: ProductFigures, best: int, median_conversion: float | None) -> ShowRole | None:
    """The rules of FORMATS.md, in order: HERO, PROFIT, TRAFFIC; None when none holds."""
    if f.shows_pitched < MIN_ROLE_SHOWS or f.pitch_orders == 0 or (f.sold_share or 0.0) < SOLD_SHARE:
        return None
    if best > 0 and (f.gmv_per_pitch_minute_minor or 0) >= HERO_SHARE * best:
        return ShowRole.HERO
    if f.margin_pct is not None and f.margin_pct >= PROFIT_MARGIN_PCT:
        return ShowRole.PROFIT
    if f.margin_pct is not None and f.margin_pct < TRAFFIC_MARGIN_PCT:
        if f.conversion is not None and median_conversion is not None:
            return ShowRole.TRAFFIC if f.conversion >= median_conversion else None
        return ShowRole.TRAFFIC if (f.sold_share or 0.0) >= TRAFFIC_SOLD_SHARE else None
    return None


def _score(f: ProductFigures, best_gmv: int, best_conversion: float | None) -> float:
    """0.7 × GMV per pitch minute ÷ the best product's + 0.3 × conversion ÷ the best conversion (the share of
    pitches sold stands in when the product's conversion is not known), between 0 and 1."""
    gmv_part = (f.gmv_per_pitch_minute_minor or 0) / best_gmv if best_gmv > 0 else 0.0
    if f.conversion is not None:
        conversion_part = f.conversion / best_conversion if best_conversion else 0.0
    else:
        conversion_part = f.sold_share or 0.0
    score = SCORE_GMV_WEIGHT * gmv_part + SCORE_CONVERSION_WEIGHT * conversion_part
    return min(max(score, 0.0), 1.0)
