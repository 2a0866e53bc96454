"""The review's KPI maths (FORMATS.md §4.6): pure functions over a show's aggregated figures (no database, no Qt).

Two kinds of figures come in. ``OrderFacts`` are the app's own orders of the show; ``MetricFacts`` are what the
platforms reported (their totals where the seller has them, else what their samples add up to). GMV, orders and
buyers come from the app's orders; a show without any falls back to the platforms' figures (basis "platform").
Every division by zero and every missing input gives ``None``, never 0. Money stays integer minor units, rounded
half away from zero where a division makes fractions; ratios are floats (0.034 = 3.4 %).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from streamdesk.core.review_types import CostInputs, FunnelStep, Kpi, KpiUnit
from streamdesk.models.base import Platform

# Sample series added up over a show (flows); ``online`` is a level and is averaged / maxed instead.
FLOW_SERIES: tuple[str, ...] = (
    "entries",
    "views",
    "gmv_minor",
    "orders",
    "buyers",
    "comments",
    "likes",
    "shares",
    "new_followers",
    "fan_club_joins",
    "product_exposures",
    "product_clicks",
    "ad_cost_minor",
)


@dataclass(frozen=True, slots=True)
class OrderFacts:
    """The app's own orders of one show: statuses other than cancelled and pending payment."""

    orders: int = 0
    gmv_minor: int = 0  # Σ paid amount (the goods total where the export gave no paid amount), refunds included
    refunds_minor: int = 0  # Σ per order: refunded amount (after-sales refunds are already in it), at most paid
    refunded_orders: int = 0  # orders with any refund
    buyers: int = 0  # distinct customers; an order without a customer counts as one buyer
    parcels: int = 0  # orders that ship: all but those refunded before shipping
    units: int = 0
    cogs_minor: int | None = 0  # Σ kept units × unit cost; None when a kept unit has no known cost
    new_buyers: int | None = None  # customers with no earlier order anywhere; None when not counted
    returning_buyers: int | None = None


@dataclass(frozen=True, slots=True)
class SampleAggregate:
    """One platform's samples of one show added up: flows summed (None when no sample has the series)."""

    samples: int = 0
    sums: Mapping[str, int | None] = field(default_factory=dict)  # by FLOW_SERIES name
    online_max: int | None = None
    online_mean: float | None = None
    online_seconds: int | None = None  # Σ online × the sample's interval: viewer-seconds watched


@dataclass(frozen=True, slots=True)
class MetricFacts:
    """What the platforms say about one show, per field summed over the platforms that say it."""

    room_exposures: int | None = None
    viewers: int | None = None
    viewers_approx: bool = False  # Σ per-interval entries stood in for de-duplicated viewers
    views: int | None = None
    peak_online: int | None = None
    peak_approx: bool = False  # peaks of several platforms added (at least the real combined peak)
    average_online: float | None = None
    average_watch_seconds: float | None = None
    watch_approx: bool = False  # from viewer-seconds of the samples ÷ viewers
    new_followers: int | None = None
    fan_club_joins: int | None = None
    interacting_viewers: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    product_exposures: int | None = None
    product_clicks: int | None = None
    orders_created: int | None = None
    platform_orders: int | None = None
    platform_buyers: int | None = None
    buyers_approx: bool = False  # Σ per-interval buyers (a buyer in two minutes counts twice)
    platform_gmv_minor: int | None = None
    platforms: tuple[Platform, ...] = ()  # those with any totals or samples

    @property
    def any(self) -> bool:
        return bool(self.platforms)


@dataclass(frozen=True, slots=True)
class KpiValue:
    value: int | float | None
    basis: str = ""
    approx: bool = False


@dataclass(frozen=True, slots=True)
class ShowFigures:
    """Everything the KPIs of one show are computed from."""

    platforms: tuple[Platform, ...]  # the show's, in the seller's order
    orders: OrderFacts
    metrics: MetricFacts
    costs: CostInputs


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


def add_known(values: Iterable[int | None]) -> int | None:
    """Σ of the values that are known; None when none is."""
    known = [value for value in values if value is not None]
    return sum(known) if known else None


# --- platform figures -----------------------------------------------------------------------------------------
def platform_facts(totals: Mapping[str, int | None], samples: SampleAggregate) -> MetricFacts:
    """One platform's figures: its totals win (the platform counted the whole show), its samples fill the rest."""
    sums = samples.sums

    def pick(name: str, series: str | None = None) -> int | None:
        given = totals.get(name)
        return given if given is not None else sums.get(series or name)

    viewers = totals.get("viewers")
    viewers_approx = False
    if viewers is None and sums.get("entries") is not None:
        viewers, viewers_approx = sums.get("entries"), True
    given_watch = totals.get("average_watch_seconds")
    watch: float | None = None if given_watch is None else float(given_watch)
    watch_approx = False
    if watch is None and samples.online_seconds is not None and viewers:
        watch, watch_approx = samples.online_seconds / viewers, True
    buyers = totals.get("platform_buyers")
    return MetricFacts(
        room_exposures=totals.get("room_exposures"),
        viewers=viewers,
        viewers_approx=viewers_approx,
        views=pick("views"),
        peak_online=totals.get("peak_online") if totals.get("peak_online") is not None else samples.online_max,
        average_online=_level(totals.get("average_online"), samples.online_mean),
        average_watch_seconds=watch,
        watch_approx=watch_approx,
        new_followers=pick("new_followers"),
        fan_club_joins=pick("fan_club_joins"),
        interacting_viewers=totals.get("interacting_viewers"),
        likes=pick("likes"),
        comments=pick("comments"),
        shares=pick("shares"),
        product_exposures=pick("product_exposures"),
        product_clicks=pick("product_clicks"),
        orders_created=totals.get("orders_created"),
        platform_orders=pick("platform_orders", "orders"),
        platform_buyers=buyers if buyers is not None else sums.get("buyers"),
        buyers_approx=buyers is None and sums.get("buyers") is not None,
        platform_gmv_minor=pick("platform_gmv_minor", "gmv_minor"),
    )


def _level(given: int | None, derived: float | None) -> float | None:
    return float(given) if given is not None else derived


_SUMMED = (
    "room_exposures",
    "viewers",
    "views",
    "new_followers",
    "fan_club_joins",
    "interacting_viewers",
    "likes",
    "comments",
    "shares",
    "product_exposures",
    "product_clicks",
    "orders_created",
    "platform_orders",
    "platform_buyers",
    "platform_gmv_minor",
)


def combine_platforms(per_platform: Mapping[Platform, MetricFacts]) -> MetricFacts:
    """The show's figures over its platforms: counts added; average watch time weighted by viewers."""
    facts = list(per_platform.values())
    if not facts:
        return MetricFacts()
    summed = {name: add_known(getattr(f, name) for f in facts) for name in _SUMMED}
    peaks = [f.peak_online for f in facts if f.peak_online is not None]
    averages = [f.average_online for f in facts if f.average_online is not None]
    watched = [
        (f.average_watch_seconds, f.viewers, f.watch_approx) for f in facts if f.average_watch_seconds is not None
    ]
    watch: float | None = None
    if len(watched) == 1:
        watch = watched[0][0]
    elif watched and all(viewers for _, viewers, _ in watched):
        weight = sum(viewers or 0 for _, viewers, _ in watched)
        watch = sum(seconds * (viewers or 0) for seconds, viewers, _ in watched) / weight
    return MetricFacts(
        **summed,
        viewers_approx=any(f.viewers_approx for f in facts if f.viewers is not None),
        peak_online=sum(peaks) if peaks else None,
        peak_approx=len(peaks) > 1,
        average_online=sum(averages) if averages else None,
        average_watch_seconds=watch,
        watch_approx=watch is not None and any(approx for _, _, approx in watched),
        buyers_approx=any(f.buyers_approx for f in facts if f.platform_buyers is not None),
        platforms=tuple(per_platform),
    )


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
