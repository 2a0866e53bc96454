"""The KPI inputs of shows read in bulk: the platforms' samples and totals, the cost inputs, and with the orders
(review_store.order_facts) the ShowFigures that review_kpis computes from. One statement per table for any number
of shows; no Qt."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from streamdesk.core.review_facts import (
    FLOW_SERIES,
    MetricFacts,
    OrderFacts,
    SampleAggregate,
    ShowFigures,
    combine_platforms,
    platform_facts,
)
from streamdesk.core.review_store import ShowRow, in_shows, on_platform, order_facts, rows
from streamdesk.core.review_types import TOTAL_FIELDS, CostInputs
from streamdesk.models.base import Platform

if TYPE_CHECKING:
    from sqlmodel import Session

    from streamdesk.config import ReviewSettings


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
