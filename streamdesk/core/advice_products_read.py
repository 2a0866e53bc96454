"""The product advice's reads (advice_products.ProductHistory): the streamed shows, the products their segments
list, their counted orders' lines, their views per sample time and the products' catalogue facts. One statement
per table for all shows (the shows' timer logs are read per show, as the review does). No Qt."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from streamdesk.core.advice_history import StreamedShow, streamed_shows
from streamdesk.core.advice_products import CatalogueFacts, ProductHistory, SaleLine
from streamdesk.core.catalogue_query import derived
from streamdesk.core.orders_query import read_time
from streamdesk.core.review_store import COUNTED, in_shows, rows
from streamdesk.models.base import ShowRole

if TYPE_CHECKING:
    from sqlmodel import Session

_ROLES = {role.value: role for role in ShowRole}


def read_history(session: Session, shows: Sequence[StreamedShow] | None = None) -> ProductHistory:
    """Everything the product advice reads; ``shows`` when the caller already read the streamed shows."""
    shows = streamed_shows(session) if shows is None else tuple(shows)
    show_ids = [show.show_id for show in shows]
    origins = {show.show_id: show.started_at for show in shows}
    segment_ids = [s.segment_id for show in shows for s in show.segments if s.segment_id is not None]
    pitched: dict[int, list[int]] = {}
    if segment_ids:
        for segment_id, product_id in rows(
            session,
            "SELECT sp.segment_id, v.product_id FROM segment_products sp JOIN variants v ON v.id = sp.variant_id"
            f" WHERE sp.segment_id IN ({_ints(segment_ids)}) ORDER BY sp.segment_id, sp.position, sp.id",
        ):
            pitched.setdefault(segment_id, []).append(product_id)
    sales = []
    views: dict[int, list[tuple[float, int]]] = {}
    if show_ids:
        for show_id, order_id, created, segment_id, product_id, units, gmv in rows(
            session,
            "SELECT o.show_id, o.id, o.created_at, o.segment_id, v.product_id, l.quantity,"
            " COALESCE(l.total_minor, l.unit_price_minor * l.quantity, 0) FROM order_lines l"
            " JOIN orders o ON o.id = l.order_id JOIN variants v ON v.id = l.variant_id"
            f" WHERE {COUNTED}" + in_shows("o.show_id", show_ids) + " ORDER BY o.show_id, o.id, l.id",
        ):
            at = read_time(created)
            assert at is not None  # NOT NULL column
            seconds = (at - origins[show_id]).total_seconds()
            sales.append(SaleLine(show_id, order_id, seconds, segment_id, product_id, units, gmv or 0))
        views = sample_views(session, origins)
    product_ids = {p for products in pitched.values() for p in products} | {line.product_id for line in sales}
    return ProductHistory(
        shows=shows,
        pitched={segment_id: tuple(products) for segment_id, products in pitched.items()},
        sales=tuple(sales),
        views={show_id: tuple(found) for show_id, found in views.items()},
        catalogue=catalogue_facts(session, product_ids),
    )


def sample_views(session: Session, origins: Mapping[int, datetime]) -> dict[int, list[tuple[float, int]]]:
    """Per show, (seconds from its origin, views) per sample time; several platforms' samples at one time are one
    moment of the show, so their views add up. A 4-hour show sampled every second is 14,400 rows: read as plain
    tuples through the driver's cursor, with the times' text parsed without a time zone (stored as naive UTC)."""
    conn = session.connection()
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None  # an open session's connection
    cursor = dbapi.cursor()
    try:
        cursor.execute(
            "SELECT s.show_id, s.at, SUM(s.views) FROM metric_samples s WHERE s.views IS NOT NULL"
            + in_shows("s.show_id", list(origins))
            + " GROUP BY s.show_id, s.at ORDER BY s.show_id, s.at"
        )
        found = cursor.fetchall()
    finally:
        cursor.close()
    naive = {show_id: at.astimezone(UTC).replace(tzinfo=None) for show_id, at in origins.items()}
    views: dict[int, list[tuple[float, int]]] = {}
    for show_id, sampled, count in found:
        at = sampled if isinstance(sampled, datetime) else datetime.fromisoformat(sampled)  # PG: a datetime
        if at.tzinfo is not None:
            at = at.astimezone(UTC).replace(tzinfo=None)
        views.setdefault(show_id, []).append(((at - naive[show_id]).total_seconds(), int(count)))
    return views


def catalogue_facts(session: Session, product_ids: Iterable[int]) -> dict[int, CatalogueFacts]:
    """The products' role, margin and available stock over their variants that are not archived."""
    ids = sorted(set(product_ids))
    if not ids:
        return {}
    d = derived(session.get_bind().dialect.name)
    found: dict[int, dict[str, object]] = {}
    margins: dict[int, list[tuple[int, int]]] = {}
    available: dict[int, int] = {}
    for product_id, title, archived, role, currency, variant_archived, price, cost, stock in rows(
        session,
        "SELECT p.id, p.title, p.archived, p.role, v.currency, v.archived, "
        f"{d.price}, v.cost_minor, {d.available} FROM products p LEFT JOIN variants v ON v.product_id = p.id"
        f" WHERE p.id IN ({_ints(ids)}) ORDER BY p.id, v.id",
    ):
        found.setdefault(
            product_id, {"title": title, "archived": bool(archived), "role": _ROLES.get(role), "currency": currency}
        )
        if variant_archived is None or variant_archived:
            continue  # a product without variants (LEFT JOIN) or a retired variant
        available[product_id] = available.get(product_id, 0) + max(int(stock or 0), 0)
        if price is not None and cost is not None and price > 0:
            margins.setdefault(product_id, []).append((price, cost))
    facts = {}
    for product_id, about in found.items():
        pairs = margins.get(product_id, [])
        prices = sum(price for price, _ in pairs)
        unit_margins = [price - cost for price, cost in pairs]
        facts[product_id] = CatalogueFacts(
            product_id=product_id,
            title=str(about["title"]),
            archived=bool(about["archived"]),
            role=about["role"] if isinstance(about["role"], ShowRole) else None,
            currency=str(about["currency"] or ""),
            margin_minor=round(sum(unit_margins) / len(unit_margins)) if unit_margins else None,
            margin_pct=100.0 * sum(unit_margins) / prices if prices else None,
            available_units=available.get(product_id, 0),
        )
    return facts


def _ints(values: Iterable[int]) -> str:
    """A literal list of ints for IN (…): ints only, so inlining is safe."""
    return ", ".join(str(int(v)) for v in values)
