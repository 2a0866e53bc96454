"""What the review's KPIs are computed from: a show's own orders and the platforms' figures, aggregated (no
database, no Qt). Per platform the show totals win over what its samples add up to; across platforms counts are
added. ``None`` is always "not known", never zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from streamdesk.core.review_types import LEVEL_SERIES, SERIES, TOTAL_FIELDS, CostInputs
from streamdesk.models.base import Platform

# Sample series added up over a show (flows, in SERIES order); ``online`` is a level and is averaged / maxed instead,
# and no KPI reads ``exits``.
FLOW_SERIES: tuple[str, ...] = tuple(name for name in SERIES if name not in LEVEL_SERIES and name != "exits")


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
class ShowFigures:
    """Everything the KPIs of one show are computed from."""

    platforms: tuple[Platform, ...]  # the show's, in the seller's order
    orders: OrderFacts
    metrics: MetricFacts
    costs: CostInputs


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


# The totals added up across platforms: all but the show's length and the levels combined in combine_platforms.
_NOT_SUMMED = frozenset({"duration_seconds", "peak_online", "average_online", "average_watch_seconds"})
_SUMMED = tuple(name for name in TOTAL_FIELDS if name not in _NOT_SUMMED)


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
