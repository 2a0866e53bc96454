"""The review's reads: shows, their live runs, orders, samples and totals aggregated in SQL (no Qt).

Every function takes the show ids it needs (``None`` = every show) and runs one statement per table, grouped by
show, so a trend over 500 shows costs the same handful of queries as one show's review. Times are stored as
"YYYY-MM-DD HH:MM:SS.ffffff" UTC text; ``read_time`` turns them back into aware UTC.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from streamdesk.core.orders_query import read_time
from streamdesk.core.review_kpis import (
    FLOW_SERIES,
    MetricFacts,
    OrderFacts,
    SampleAggregate,
    ShowFigures,
    combine_platforms,
    platform_facts,
)
from streamdesk.core.review_types import TOTAL_FIELDS, CostInputs, ReviewHeader
from streamdesk.models.base import OrderStatus, Platform, ShowStatus

if TYPE_CHECKING:
    from sqlmodel import Session

    from streamdesk.config import ReviewSettings

# Orders that count in a review: placed and paid (refunded ones included; their refunds are subtracted in net GMV).
NOTCOUNTED = (OrderStatus.CANCELLED.value, OrderStatus.PENDING_PAYMENT.value)
COUNTED = f"o.status NOT IN ('{NOTCOUNTED[0]}', '{NOTCOUNTED[1]}')"
_REFUNDED = OrderStatus.REFUNDED.value
# What one order contributes to GMV, and to refunds: a refunded order with no amount recorded refunds what was
# paid; no order refunds more than was paid (an after-sales refund is already inside refunded_minor).
AMOUNT = "COALESCE(o.paid_minor, o.goods_minor)"
REFUND = (
    f"MIN(CASE WHEN o.status = '{_REFUNDED}' AND o.refunded_minor = 0 THEN {AMOUNT} ELSE o.refunded_minor END,"
    f" {AMOUNT})"
)
# A line's unit cost: the variant's, or for a bundle without one the sum of its components' (all known).
_BUNDLE_COSTS = (
    "SELECT b.bundle_id AS bundle_id, SUM(b.quantity * c.cost_minor) AS cost,"
    " SUM(CASE WHEN c.cost_minor IS NULL THEN 1 ELSE 0 END) AS unknown"
    " FROM bundle_items b JOIN variants c ON c.id = b.component_id GROUP BY b.bundle_id"
)
UNIT_COST = "COALESCE(v.cost_minor, CASE WHEN v.is_bundle AND bc.unknown = 0 THEN bc.cost END)"
# Units that left for good: none of a refunded order, else what the line did not refund.
KEPT = f"(CASE WHEN o.status = '{_REFUNDED}' THEN 0 ELSE MAX(l.quantity - l.refunded_quantity, 0) END)"
LINES_JOIN = (
    " FROM order_lines l JOIN orders o ON o.id = l.order_id"
    " LEFT JOIN variants v ON v.id = l.variant_id"
    f" LEFT JOIN ({_BUNDLE_COSTS}) bc ON bc.bundle_id = v.id"
)


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
    return list(session.connection().exec_driver_sql(sql, dict(params or {})))


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
    sql = "SELECT show_id, MIN(at), MAX(at) FROM metric_samples WHERE 1 = 1" + in_shows("show_id", show_ids)
    spans = {}
    for show_id, first, last in rows(session, sql + " GROUP BY show_id"):
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
        f" AND p.status NOT IN ('{NOTCOUNTED[0]}', '{NOTCOUNTED[1]}') AND p.created_at < f.first_at"
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


def sample_aggregates(
    session: Session,
    show_ids: Sequence[int] | None = None,
    platform: Platform | None = None,
    series: Sequence[str] = FLOW_SERIES,
) -> dict[int, dict[Platform, SampleAggregate]]:
    """Per show and platform: the ``series`` (flows) summed, online maxed and averaged, and viewer-seconds (online ×
    the sample interval of its import). One pass over the samples grouped along their (show, platform, at) index;
    only a show and platform whose imports have different intervals is read again, grouped by import."""
    sums = ", ".join(f"SUM(s.{name})" for name in series)
    where = " WHERE 1 = 1" + in_shows("s.show_id", show_ids) + on_platform("s.platform", platform)
    params = {"platform": platform.value} if platform is not None else {}
    intervals = _intervals(session, show_ids, platform)
    sql = (
        f"SELECT s.show_id, s.platform, COUNT(*), {sums}, MAX(s.online), AVG(s.online), SUM(s.online)"
        f" FROM metric_samples s{where} GROUP BY s.show_id, s.platform"
    )
    found: dict[int, dict[Platform, SampleAggregate]] = defaultdict(dict)
    mixed: list[tuple[int, Platform]] = []
    width = len(series)
    for r in rows(session, sql, params):
        show_id, on = r[0], Platform(r[1])
        steps = intervals.get((show_id, on), {DEFAULT_INTERVAL})
        online_sum = r[5 + width]
        if len(steps) > 1:
            mixed.append((show_id, on))
        found[show_id][on] = SampleAggregate(
            samples=r[2],
            sums=dict(zip(series, r[3 : 3 + width], strict=True)),
            online_max=r[3 + width],
            online_mean=r[4 + width],
            online_seconds=None if online_sum is None else online_sum * next(iter(steps)),
        )
    for show_id, on in mixed:
        found[show_id][on] = replace(found[show_id][on], online_seconds=_viewer_seconds(session, show_id, on))
    return found


DEFAULT_INTERVAL = 60  # samples without an import (none are written so) count as minutes


def _intervals(
    session: Session, show_ids: Sequence[int] | None, platform: Platform | None
) -> dict[tuple[int, Platform], set[int]]:
    sql = "SELECT DISTINCT show_id, platform, interval_seconds FROM metric_imports WHERE 1 = 1" + in_shows(
        "show_id", show_ids
    )
    found: dict[tuple[int, Platform], set[int]] = defaultdict(set)
    for show_id, on, seconds in rows(session, sql + on_platform("platform", platform), _params(platform)):
        found[(show_id, Platform(on))].add(seconds)
    return found


def _viewer_seconds(session: Session, show_id: int, platform: Platform) -> int | None:
    sql = (
        "SELECT SUM(s.online * COALESCE(i.interval_seconds, :default)) FROM metric_samples s"
        " LEFT JOIN metric_imports i ON i.id = s.import_id WHERE s.show_id = :show AND s.platform = :platform"
    )
    found = rows(session, sql, {"show": show_id, "platform": platform.value, "default": DEFAULT_INTERVAL})
    return found[0][0] if found else None


def _params(platform: Platform | None) -> dict[str, Any]:
    return {"platform": platform.value} if platform is not None else {}


def totals(
    session: Session, show_ids: Sequence[int] | None = None, platform: Platform | None = None
) -> dict[int, dict[Platform, dict[str, int | None]]]:
    sql = (
        f"SELECT show_id, platform, {', '.join(TOTAL_FIELDS)} FROM show_totals WHERE 1 = 1"
        + in_shows("show_id", show_ids)
        + on_platform("platform", platform)
        + " ORDER BY show_id, id"
    )
    params = {"platform": platform.value} if platform is not None else {}
    found: dict[int, dict[Platform, dict[str, int | None]]] = defaultdict(dict)
    for r in rows(session, sql, params):
        found[r[0]][Platform(r[1])] = dict(zip(TOTAL_FIELDS, r[2:], strict=True))
    return found


def cost_inputs(
    session: Session,
    shows: Mapping[int, ShowRow],
    settings: ReviewSettings,
    show_ids: Sequence[int] | None = None,
) -> dict[int, CostInputs]:
    """Each show's cost inputs: its review's own, else the settings' default (fee of the show's first platform)."""
    reviews = {
        r[0]: r[1:]
        for r in rows(
            session,
            "SELECT show_id, fee_basis_points, shipping_per_order_minor, giveaways_minor FROM show_reviews WHERE 1 = 1"
            + in_shows("show_id", show_ids),
        )
    }
    budgets = dict(
        rows(
            session,
            "SELECT show_id, SUM(amount_minor) FROM show_budget_lines WHERE 1 = 1"
            + in_shows("show_id", show_ids)
            + " GROUP BY show_id",
        )
    )
    inputs = {}
    for show_id, show in shows.items():
        fee, shipping, giveaways = reviews.get(show_id, (None, None, None))
        default_fee = settings.fee_basis_points.get(show.platforms[0].value, 0) if show.platforms else 0
        inputs[show_id] = CostInputs(
            fee_basis_points=default_fee if fee is None else fee,
            fee_default=fee is None,
            shipping_per_order_minor=settings.shipping_per_order_minor if shipping is None else shipping,
            shipping_default=shipping is None,
            giveaways_minor=giveaways or 0,
            budget_minor=budgets.get(show_id) or 0,
        )
    return inputs


def figures(
    session: Session,
    shows: Mapping[int, ShowRow],
    settings: ReviewSettings,
    *,
    platform: Platform | None = None,
    show_ids: Sequence[int] | None = None,
    buyer_split_of: Callable[[int], tuple[int, int] | None] | None = None,
    series: Sequence[str] = FLOW_SERIES,
) -> dict[int, ShowFigures]:
    """The KPI inputs of ``shows`` (``show_ids`` narrows the statements; None reads every show's rows at once).
    ``series`` narrows the sample sums to those a caller needs (KPIs of other series are then None)."""
    own = order_facts(session, show_ids, platform)
    samples = sample_aggregates(session, show_ids, platform, series)
    stored = totals(session, show_ids, platform)
    costs = cost_inputs(session, shows, settings, show_ids)
    found = {}
    for show_id, show in shows.items():
        facts = own.get(show_id, OrderFacts())
        if buyer_split_of is not None and facts.orders:
            split = buyer_split_of(show_id)
            if split is not None:
                facts = replace(facts, new_buyers=split[0], returning_buyers=split[1])
        found[show_id] = ShowFigures(
            platforms=show.platforms if platform is None else (platform,),
            orders=facts,
            metrics=metric_facts(stored.get(show_id, {}), samples.get(show_id, {})),
            costs=costs[show_id],
        )
    return found


def metric_facts(
    stored: Mapping[Platform, Mapping[str, int | None]], samples: Mapping[Platform, SampleAggregate]
) -> MetricFacts:
    per_platform = {
        p: platform_facts(stored.get(p, {}), samples.get(p, SampleAggregate())) for p in (*stored, *samples)
    }
    return combine_platforms(per_platform)
