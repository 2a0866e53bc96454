"""The review's reads of shows, headers (live runs' spans, samples' spans) and the show's own orders, aggregated in
SQL (no Qt); review_figures reads the platforms' figures the same way.

Every function takes the show ids it needs (``None`` = every show) and runs one statement per table, grouped by
show, so a trend over 500 shows costs the same handful of queries as one show's review. Times are stored as
"YYYY-MM-DD HH:MM:SS.ffffff" UTC text; ``read_time`` turns them back into aware UTC.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from streamdesk.core import sql_dialect
from streamdesk.core.orders_query import read_time
from streamdesk.core.review_facts import OrderFacts
from streamdesk.core.review_types import ReviewHeader
from streamdesk.models.base import OrderStatus, Platform, ShowStatus

if TYPE_CHECKING:
    from sqlmodel import Session


# Orders that count in a review: placed and paid (refunded ones included; their refunds are subtracted in net GMV).
NOT_COUNTED = (OrderStatus.CANCELLED.value, OrderStatus.PENDING_PAYMENT.value)
COUNTED = f"o.status NOT IN ('{NOT_COUNTED[0]}', '{NOT_COUNTED[1]}')"
_REFUNDED = OrderStatus.REFUNDED.value
# What one order contributes to GMV, and to refunds: a refunded order with no amount recorded refunds what was
# paid; no order refunds more than was paid (an after-sales refund is already inside refunded_minor).
AMOUNT = "COALESCE(o.paid_minor, o.goods_minor)"
# (Two-value minimum and maximum are CASEs: SQLite's MIN(a, b) is LEAST(a, b) on PostgreSQL, team mode.)
_CLAIMED = f"(CASE WHEN o.status = '{_REFUNDED}' AND o.refunded_minor = 0 THEN {AMOUNT} ELSE o.refunded_minor END)"
REFUND = f"(CASE WHEN {_CLAIMED} < {AMOUNT} THEN {_CLAIMED} ELSE {AMOUNT} END)"
# A line's unit cost: the variant's, or for a bundle without one the sum of its components' (when all are known).
# COALESCE and CASE stop at the first value, so the subquery runs only for such bundles (a full join over the
# catalogue's variants would cost a scan of 100,000 SKUs per review).
UNIT_COST = (
    "COALESCE(v.cost_minor, CASE WHEN v.is_bundle THEN (SELECT CASE WHEN COUNT(c.cost_minor) = COUNT(*)"
    " THEN SUM(b.quantity * c.cost_minor) END FROM bundle_items b JOIN variants c ON c.id = b.component_id"
    " WHERE b.bundle_id = v.id) END)"
)
# Units that left for good: none of a refunded order, else what the line did not refund.
KEPT = (
    f"(CASE WHEN o.status = '{_REFUNDED}' OR l.quantity < l.refunded_quantity THEN 0"
    " ELSE l.quantity - l.refunded_quantity END)"
)
LINES_JOIN = " FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id"


@dataclass(frozen=True, slots=True)
class ShowRow:
    id: int
    title: str
    platforms: tuple[Platform, ...]
    currency: str
    status: ShowStatus
    planned_start: datetime | None
    planned_seconds: int
    target_gmv_minor: int | None
    target_orders: int | None
    target_followers: int | None
    is_template: bool


@dataclass(frozen=True, slots=True)
class RunSpan:
    """One live run: when its timer started (wall time) and how long it ran until FINISH (None: not finished)."""

    started: datetime
    seconds: float | None


def rows(session: Session, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
    result = sql_dialect.run(session.connection(), sql, params)
    found = result.fetchall()  # one driver fetchall: iterating the result fetches row by row (2x slower at 40k rows)
    if session.get_bind().dialect.name == "sqlite":
        return list(found)
    return [tuple(sql_dialect.plain(value) for value in row) for row in found]


def in_shows(column: str, show_ids: Sequence[int] | None) -> str:
    """`` AND column IN (1, 2)`` (ints only, so inlining is safe), or nothing for every show."""
    if show_ids is None:
        return ""
    return f" AND {column} IN ({', '.join(str(int(i)) for i in show_ids) or 'NULL'})"


def on_platform(column: str, platform: Platform | None) -> str:
    return "" if platform is None else f" AND {column} = :platform"


_PLATFORMS = {p.value: p for p in Platform}


def platforms_of(text: str) -> tuple[Platform, ...]:
    return tuple(_PLATFORMS[p] for p in text.split(",") if p in _PLATFORMS)


# --- shows and headers ----------------------------------------------------------------------------------------
def show_rows(session: Session, show_ids: Sequence[int] | None = None) -> dict[int, ShowRow]:
    sql = (
        "SELECT id, title, platforms, currency, status, planned_start, planned_seconds, target_gmv_minor,"
        " target_orders, target_followers, is_template FROM shows WHERE 1 = 1" + in_shows("id", show_ids)
    )
    return {
        r[0]: ShowRow(
            id=r[0],
            title=r[1],
            platforms=platforms_of(r[2]),
            currency=r[3],
            status=ShowStatus(r[4]),
            planned_start=read_time(r[5]),
            planned_seconds=r[6],
            target_gmv_minor=r[7],
            target_orders=r[8],
            target_followers=r[9],
            is_template=bool(r[10]),
        )
        for r in rows(session, sql)
    }


def run_spans(session: Session, show_ids: Sequence[int] | None = None) -> dict[int, list[RunSpan]]:
    """Live runs whose timer was started, per show, oldest first."""
    sql = (
        "SELECT r.show_id, MIN(CASE WHEN e.kind = 'start' THEN e.recorded_at END),"
        " MIN(CASE WHEN e.kind = 'start' THEN e.at END), MAX(CASE WHEN e.kind = 'finish' THEN e.at END)"
        " FROM show_runs r JOIN timer_events e ON e.run_id = r.id WHERE r.kind = 'live'"
        + in_shows("r.show_id", show_ids)
        + " GROUP BY r.id ORDER BY r.started_at, r.id"
    )
    spans: dict[int, list[RunSpan]] = defaultdict(list)
    for show_id, started, start_at, finish_at in rows(session, sql):
        wall = read_time(started)
        if wall is None:
            continue  # created but never started: nothing happened on air
        spans[show_id].append(RunSpan(wall, None if finish_at is None else float(finish_at) - float(start_at)))
    return spans


def sample_spans(session: Session, show_ids: Sequence[int] | None = None) -> dict[int, tuple[datetime, datetime]]:
    """First and last sample per show: two seeks each on the (show, at) index, not a pass over every sample."""
    sql = (
        "SELECT s.id, (SELECT MIN(m.at) FROM metric_samples m WHERE m.show_id = s.id),"
        " (SELECT MAX(m.at) FROM metric_samples m WHERE m.show_id = s.id) FROM shows s WHERE 1 = 1"
        + in_shows("s.id", show_ids)
    )
    spans = {}
    for show_id, first, last in rows(session, sql):
        start, end = read_time(first), read_time(last)
        if start is not None and end is not None:
            spans[show_id] = (start, end)
    return spans


def headers(
    session: Session,
    show_ids: Sequence[int] | None = None,
    shows: Mapping[int, ShowRow] | None = None,
    runs: Mapping[int, list[RunSpan]] | None = None,
) -> dict[int, ReviewHeader]:
    """Headers of shows (templates included; callers filter): started at the first live run's timer start, else
    the first sample, else the planned start; ended at the last live run's finish, else the last sample, else the
    planned end (None while a live run is still going). ``shows`` and ``runs`` save reading them again."""
    if shows is None:
        shows = show_rows(session, show_ids)
    if runs is None:
        runs = run_spans(session, show_ids)
    without_runs = [show_id for show_id in shows if show_id not in runs]  # only they need their samples' span
    samples = sample_spans(session, without_runs) if without_runs else {}
    return {show_id: header_of(show, runs.get(show_id, []), samples.get(show_id)) for show_id, show in shows.items()}


def header_of(show: ShowRow, runs: Sequence[RunSpan], samples: tuple[datetime, datetime] | None) -> ReviewHeader:
    planned_end = (
        show.planned_start + timedelta(seconds=show.planned_seconds)
        if show.planned_start is not None and show.planned_seconds > 0
        else None
    )
    if runs:
        started: datetime | None = runs[0].started
        last = runs[-1]
        ended = None if last.seconds is None else last.started + timedelta(seconds=last.seconds)
    elif samples is not None:
        started, ended = samples
    else:
        started, ended = show.planned_start, planned_end
    return ReviewHeader(
        show_id=show.id,
        title=show.title,
        platforms=show.platforms,
        currency=show.currency,
        status=show.status,
        planned_start=show.planned_start,
        planned_seconds=show.planned_seconds,
        started_at=started,
        ended_at=ended,
    )


def has_started(header: ReviewHeader, has_run: bool, now: datetime) -> bool:
    """A show worth reviewing: it went live (status, a live run, samples) or its planned start has passed."""
    if header.status is ShowStatus.CANCELLED:
        return False
    if header.status in (ShowStatus.LIVE, ShowStatus.DONE) or has_run:
        return True
    return header.started_at is not None and header.started_at <= now


def newest_first(items: Iterable[ReviewHeader]) -> tuple[ReviewHeader, ...]:
    """By start, newest first; shows without any start last, newest id first."""
    ordered = sorted(items, key=lambda h: (h.started_at is not None, h.started_at or datetime.min, h.show_id))
    return tuple(reversed(ordered))


# --- figures --------------------------------------------------------------------------------------------------
def order_facts(
    session: Session, show_ids: Sequence[int] | None = None, platform: Platform | None = None
) -> dict[int, OrderFacts]:
    """The app's own orders per show: one statement over orders, one over their lines (COGS)."""
    where = COUNTED + in_shows("o.show_id", show_ids) + on_platform("o.platform", platform)
    params = {"platform": platform.value} if platform is not None else {}
    order_sql = (
        f"SELECT o.show_id, COUNT(*), SUM({AMOUNT}), SUM({REFUND}), SUM(CASE WHEN {REFUND} > 0 THEN 1 ELSE 0 END),"
        " COUNT(DISTINCT o.customer_id) + SUM(CASE WHEN o.customer_id IS NULL THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN o.status = '{_REFUNDED}' AND o.shipped_at IS NULL THEN 0 ELSE 1 END)"
        f" FROM orders o WHERE o.show_id IS NOT NULL AND {where} GROUP BY o.show_id"
    )
    line_sql = (
        f"SELECT o.show_id, SUM(l.quantity), SUM({KEPT} * {UNIT_COST}),"
        f" SUM(CASE WHEN {KEPT} > 0 AND {UNIT_COST} IS NULL THEN 1 ELSE 0 END)"
        f"{LINES_JOIN} WHERE o.show_id IS NOT NULL AND {where} GROUP BY o.show_id"
    )
    lines = {r[0]: (r[1] or 0, r[2] or 0, r[3] or 0) for r in rows(session, line_sql, params)}
    facts = {}
    for show_id, count, gmv, refunds, refunded, buyers, parcels in rows(session, order_sql, params):
        units, cogs, unknown = lines.get(show_id, (0, 0, 0))
        facts[show_id] = OrderFacts(
            orders=count,
            gmv_minor=gmv or 0,
            refunds_minor=refunds or 0,
            refunded_orders=refunded or 0,
            buyers=buyers,
            parcels=parcels or 0,
            units=units,
            cogs_minor=None if unknown else cogs,
        )
    return facts


def buyer_split(session: Session, show_id: int, platform: Platform | None = None) -> tuple[int, int] | None:
    """(new, returning) customers of a show: returning ones had a counted order elsewhere before their first
    order of this show. None when no order of the show names its customer."""
    params: dict[str, Any] = {"show": show_id}
    if platform is not None:
        params["platform"] = platform.value
    sql = (
        "SELECT f.customer_id, EXISTS (SELECT 1 FROM orders p WHERE p.customer_id = f.customer_id"
        f" AND p.status NOT IN ('{NOT_COUNTED[0]}', '{NOT_COUNTED[1]}') AND p.created_at < f.first_at"
        " AND (p.show_id IS NULL OR p.show_id != :show))"
        " FROM (SELECT o.customer_id AS customer_id, MIN(o.created_at) AS first_at FROM orders o"
        f" WHERE o.show_id = :show AND o.customer_id IS NOT NULL AND {COUNTED}"
        + on_platform("o.platform", platform)
        + " GROUP BY o.customer_id) f"
    )
    found = rows(session, sql, params)
    if not found:
        return None
    returning = sum(1 for _, earlier in found if earlier)
    return len(found) - returning, returning
