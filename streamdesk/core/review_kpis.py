"""The review's KPI maths (FORMATS.md §4.6): pure functions over a show's aggregated figures (no database, no Qt).

Two kinds of figures come in. ``OrderFacts`` are the app's own orders of the show; ``MetricFacts`` are what the
platforms reported (their totals where the seller has them, else what their samples add up to). GMV, orders and
buyers come from the app's orders; a show without any falls back to the platforms' figures (basis "platform").
Every division by zero and every missing input gives ``None``, never 0. Money stays integer minor units, rounded
half away from zero where a division makes fractions; ratios are floats (0.034 = 3.4 %).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from streamdesk.core.review_facts import MetricFacts, OrderFacts, ShowFigures, add_known
from streamdesk.core.review_types import CostInputs, FunnelStep, Kpi, KpiUnit
from streamdesk.models.base import Platform


@dataclass(frozen=True, slots=True)
class KpiValue:
    value: int | float | None
    basis: str = ""
    approx: bool = False


# Key → (unit, higher is better), in the order the page shows them.
KPI_UNITS: dict[str, tuple[KpiUnit, bool]] = {
    "gmv": ("money", True),
    "net_gmv": ("money", True),
    "orders": ("count", True),
    "buyers": ("count", True),
    "aov": ("money", True),
    "gpm": ("money", True),
    "uv_value": ("money", True),
    "average_watch_seconds": ("seconds", True),
    "peak_online": ("count", True),
    "average_online": ("count", True),
    "interaction_rate": ("ratio", True),
    "new_followers": ("count", True),
    "follower_conversion": ("ratio", True),
    "watch_to_buy": ("ratio", True),
    "refund_rate": ("ratio", False),
    "new_buyers": ("count", True),
    "returning_buyers": ("count", True),
    "gross_profit": ("money", True),
    "roi": ("multiple", True),
    "profit_after_budget": ("money", True),
}
KPI_KEYS: tuple[str, ...] = tuple(KPI_UNITS)
FUNNEL_KEYS: tuple[str, ...] = (
    "room_exposures",
    "viewers",
    "product_exposures",
    "product_clicks",
    "orders_created",
    "paid",
)
BASES: tuple[str, ...] = (
    "orders",
    "platform",
    "buyers",
    "views",
    "impressions",
    "viewers",
    "entries",
    "interacting_viewers",
    "counts",
    "amount",
    "samples",
    "totals",
    "budget",
)


# --- arithmetic -----------------------------------------------------------------------------------------------
def div_round(numerator: int, denominator: int) -> int | None:
    """``numerator ÷ denominator`` rounded half away from zero, in integers; None when the denominator is 0."""
    if denominator == 0:
        return None
    sign = -1 if (numerator < 0) != (denominator < 0) else 1
    n, d = abs(numerator), abs(denominator)
    return sign * ((2 * n + d) // (2 * d))


def ratio(numerator: int | float | None, denominator: int | float | None) -> float | None:
    """A plain fraction; None when either side is missing or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


# --- KPIs -----------------------------------------------------------------------------------------------------
def gross_profit(orders: OrderFacts, costs: CostInputs) -> int | None:
    """Net GMV − COGS − fee (basis points of net GMV) − shipping per parcel × parcels − giveaways."""
    if orders.orders == 0 or orders.cogs_minor is None:
        return None
    net = orders.gmv_minor - orders.refunds_minor
    fee = div_round(net * costs.fee_basis_points, 10_000) or 0
    shipping = costs.shipping_per_order_minor * orders.parcels
    return net - orders.cogs_minor - fee - shipping - costs.giveaways_minor


def kpi_values(figures: ShowFigures) -> dict[str, KpiValue]:
    """Every KPI of one show (KPI_KEYS), with the basis it used and whether a stand-in was involved."""
    own, metrics = figures.orders, figures.metrics
    values: dict[str, KpiValue] = {}
    if own.orders:
        gmv, orders = KpiValue(own.gmv_minor, "orders"), KpiValue(own.orders, "orders")
        buyers = KpiValue(own.buyers, "orders")
        net = KpiValue(own.gmv_minor - own.refunds_minor, "orders")
    else:
        gmv = KpiValue(metrics.platform_gmv_minor, "platform" if metrics.platform_gmv_minor is not None else "")
        orders = KpiValue(metrics.platform_orders, "platform" if metrics.platform_orders is not None else "")
        buyers = KpiValue(
            metrics.platform_buyers, "platform" if metrics.platform_buyers is not None else "", metrics.buyers_approx
        )
        net = KpiValue(None)  # the platforms' exports carry no refunds of their own to subtract
    values.update(gmv=gmv, net_gmv=net, orders=orders, buyers=buyers)
    values["aov"] = _aov(gmv, buyers, orders)
    values["gpm"] = _gpm(gmv, metrics, figures.platforms)
    viewers = _viewers(metrics)
    values["uv_value"] = _money_per(gmv, viewers)
    values["average_watch_seconds"] = KpiValue(
        metrics.average_watch_seconds, "samples" if metrics.watch_approx else "totals", metrics.watch_approx
    )
    values["peak_online"] = KpiValue(metrics.peak_online, approx=metrics.peak_approx)
    values["average_online"] = KpiValue(metrics.average_online)
    values["interaction_rate"] = _interaction_rate(metrics)
    values["new_followers"] = KpiValue(metrics.new_followers)
    values["follower_conversion"] = _share(metrics.new_followers, viewers)
    values["watch_to_buy"] = _share(buyers.value, viewers, approx=buyers.approx)
    values["refund_rate"] = (
        KpiValue(ratio(own.refunds_minor, own.gmv_minor), "amount") if own.orders else KpiValue(None)
    )
    values["new_buyers"] = KpiValue(own.new_buyers, "orders" if own.new_buyers is not None else "")
    values["returning_buyers"] = KpiValue(own.returning_buyers, "orders" if own.returning_buyers is not None else "")
    profit = gross_profit(own, figures.costs)
    values["gross_profit"] = KpiValue(profit)
    budget = figures.costs.budget_minor
    net_value = net.value
    values["roi"] = KpiValue(ratio(net_value, budget) if budget > 0 else None, "budget")
    values["profit_after_budget"] = KpiValue(None if profit is None or budget <= 0 else profit - budget, "budget")
    return values


def _viewers(metrics: MetricFacts) -> KpiValue:
    if metrics.viewers is None:
        return KpiValue(None)
    return KpiValue(metrics.viewers, "entries" if metrics.viewers_approx else "viewers", metrics.viewers_approx)


def _aov(gmv: KpiValue, buyers: KpiValue, orders: KpiValue) -> KpiValue:
    if gmv.value is not None and buyers.value:
        return KpiValue(div_round(int(gmv.value), int(buyers.value)), "buyers", buyers.approx)
    if gmv.value is not None and orders.value:
        return KpiValue(div_round(int(gmv.value), int(orders.value)), "orders")
    return KpiValue(None)


def _gpm(gmv: KpiValue, metrics: MetricFacts, platforms: Sequence[Platform]) -> KpiValue:
    """GMV per 1,000 views; TikTok counts it per 1,000 product impressions when there are no views."""
    if gmv.value is None:
        return KpiValue(None)
    if metrics.views:
        return KpiValue(div_round(int(gmv.value) * 1000, metrics.views), "views")
    if Platform.TIKTOK in platforms and metrics.product_exposures:
        return KpiValue(div_round(int(gmv.value) * 1000, metrics.product_exposures), "impressions")
    return KpiValue(None)


def _money_per(money: KpiValue, people: KpiValue) -> KpiValue:
    if money.value is None or not people.value:
        return KpiValue(None)
    return KpiValue(div_round(int(money.value), int(people.value)), people.basis, people.approx)


def _share(part: int | float | None, whole: KpiValue, *, approx: bool = False) -> KpiValue:
    value = ratio(part, whole.value)
    return KpiValue(value, whole.basis if value is not None else "", (whole.approx or approx) and value is not None)


def _interaction_rate(metrics: MetricFacts) -> KpiValue:
    """De-duplicated interacting viewers ÷ viewers; else (comments + likes + shares) ÷ views, marked approximate."""
    if metrics.interacting_viewers is not None and metrics.viewers and not metrics.viewers_approx:
        return KpiValue(metrics.interacting_viewers / metrics.viewers, "interacting_viewers")
    counts = add_known((metrics.comments, metrics.likes, metrics.shares))
    if counts is not None and metrics.views:
        return KpiValue(counts / metrics.views, "counts", approx=True)
    return KpiValue(None)


# --- comparisons ----------------------------------------------------------------------------------------------
def compare(
    values: Mapping[str, KpiValue],
    previous: Mapping[str, KpiValue] | None,
    targets: Mapping[str, int | None],
) -> tuple[Kpi, ...]:
    """The KPIs in KPI_KEYS order, each against its target (where the show has one) and the comparison show."""
    kpis = []
    for key in KPI_KEYS:
        unit, higher_is_better = KPI_UNITS[key]
        current = values[key]
        before = previous[key].value if previous is not None else None
        target = targets.get(key)
        delta = current.value - before if current.value is not None and before is not None else None
        kpis.append(
            Kpi(
                key=key,
                unit=unit,
                value=current.value,
                basis=current.basis,
                approx=current.approx,
                target=target,
                target_met=_met(current.value, target, higher_is_better),
                previous=before,
                delta=delta,
                delta_ratio=ratio(delta, before) if before else None,
                higher_is_better=higher_is_better,
            )
        )
    return tuple(kpis)


def _met(value: int | float | None, target: int | None, higher_is_better: bool) -> bool | None:
    if value is None or target is None:
        return None
    return value >= target if higher_is_better else value <= target


# --- funnel ---------------------------------------------------------------------------------------------------
def funnel(figures: ShowFigures) -> tuple[FunnelStep, ...]:
    """Room exposure → viewers → product exposure → product clicks → orders created → paid orders.

    Each rate is the step's count ÷ the nearest earlier step that has a count; steps without data stay None.
    """
    metrics, own = figures.metrics, figures.orders
    paid, paid_basis = (own.orders, "orders") if own.orders else (metrics.platform_orders, "platform")
    counts: tuple[tuple[str, int | None, str], ...] = (
        ("room_exposures", metrics.room_exposures, "totals"),
        ("viewers", metrics.viewers, "entries" if metrics.viewers_approx else "viewers"),
        ("product_exposures", metrics.product_exposures, ""),
        ("product_clicks", metrics.product_clicks, ""),
        ("orders_created", metrics.orders_created, "totals"),
        ("paid", paid, paid_basis),
    )
    steps, earlier = [], None
    for key, count, basis in counts:
        steps.append(
            FunnelStep(key=key, count=count, rate=ratio(count, earlier), basis=basis if count is not None else "")
        )
        if count is not None:
            earlier = count
    return tuple(steps)


def targets_of(
    target_gmv_minor: int | None, target_orders: int | None, target_followers: int | None
) -> dict[str, int | None]:
    """The show's targets by KPI key."""
    return {"gmv": target_gmv_minor, "orders": target_orders, "new_followers": target_followers}
