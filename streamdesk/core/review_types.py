"""What the review and metrics services hand out and take in: frozen dataclasses, never ORM rows.

Money is integer minor units in the show's currency; ratios are plain fractions (0.034 = 3.4 %); durations are
seconds. ``None`` means "no data", which the UI shows as a dash and never as zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from streamdesk.models.base import Platform, SegmentKind, ShowStatus

# The series of a metric sample, in the order the UI offers them (columns of models.metrics.MetricSample).
SERIES: tuple[str, ...] = (
    "online",
    "entries",
    "exits",
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
MONEY_SERIES: frozenset[str] = frozenset({"gmv_minor", "ad_cost_minor"})
LEVEL_SERIES: frozenset[str] = frozenset({"online"})  # a level at an instant; every other series is a flow

# The numeric fields of a show's totals (columns of models.metrics.ShowTotals), in form order.
TOTAL_FIELDS: tuple[str, ...] = (
    "duration_seconds",
    "room_exposures",
    "viewers",
    "views",
    "peak_online",
    "average_online",
    "average_watch_seconds",
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

MetricsKind = Literal["trend", "summary"]
KpiUnit = Literal["money", "count", "ratio", "seconds", "multiple"]


# --- metrics import ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MetricPresetInfo:
    key: str  # "douyin_trend", "tiktok_live_list", … or "mapping"
    platform: Platform
    kind: MetricsKind
    confidence: str  # "V2", "V1" or "I" as FORMATS.md grades the preset


@dataclass(frozen=True, slots=True)
class SampleInput:
    at: datetime  # start of the interval, UTC
    values: Mapping[str, int | None]  # by SERIES name; a series the file lacks is absent


@dataclass(frozen=True, slots=True)
class TotalsInput:
    """A show's totals on one platform: the manual form, or one row of a summary export."""

    platform: Platform
    source: str = "manual"
    values: Mapping[str, int | None] = field(default_factory=dict)  # by TOTAL_FIELDS name


@dataclass(frozen=True, slots=True)
class Gap:
    start: datetime  # first missing interval, UTC
    end: datetime  # last missing interval, UTC
    samples: int  # how many intervals are missing


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int  # 1-based row number in the file, as a spreadsheet shows it
    code: str  # messages.py key, e.g. "metrics.bad_time"
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MetricsPlan:
    """A metrics file read and checked, nothing written yet: the import preview."""

    show_id: int
    platform: Platform
    preset: str
    file_name: str
    encoding: str
    encoding_guessed: bool
    kind: MetricsKind
    headers: tuple[str, ...]
    preview: tuple[tuple[str, ...], ...]  # the first rows as read, for the preview table
    rows: int  # data rows read
    interval_seconds: int
    samples: tuple[SampleInput, ...]
    totals: TotalsInput | None  # summary files
    series: tuple[str, ...]  # the SERIES the file provides
    unmapped: tuple[str, ...]  # columns read but not used
    gaps: tuple[Gap, ...]
    duplicates: int  # rows whose timestamp came again (the later row wins)
    skipped: tuple[RowProblem, ...]
    replaces: int  # samples already stored for this show and platform in the file's time range
    chosen_row: int | None = None  # a list of several shows (TikTok LIVE list): the row used, nearest the start


@dataclass(frozen=True, slots=True)
class MetricsImportResult:
    import_id: int
    samples_written: int
    samples_replaced: int
    totals_written: bool
    gaps: tuple[Gap, ...]
    duplicates: int
    skipped: tuple[RowProblem, ...]


@dataclass(frozen=True, slots=True)
class MetricImportRow:
    id: int
    show_id: int
    platform: Platform
    preset: str
    file_name: str
    kind: MetricsKind
    rows: int
    samples: int
    interval_seconds: int
    gaps: tuple[Gap, ...]
    duplicates: int
    imported_at: datetime


# --- review --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewHeader:
    show_id: int
    title: str
    platforms: tuple[Platform, ...]
    currency: str
    status: ShowStatus
    planned_start: datetime | None
    planned_seconds: int
    started_at: datetime | None  # the live run's start, else the first sample, else the planned start
    ended_at: datetime | None


@dataclass(frozen=True, slots=True)
class Kpi:
    key: str  # review_labels names and explains it: "gmv", "net_gmv", "gpm", …
    unit: KpiUnit
    value: int | float | None
    basis: str = ""  # which denominator was used: "views", "impressions", "buyers", "orders", …
    approx: bool = False  # computed from a stand-in (e.g. counts instead of de-duplicated people)
    target: int | float | None = None
    target_met: bool | None = None
    previous: int | float | None = None  # the comparison show's value
    delta: int | float | None = None  # value − previous
    delta_ratio: float | None = None  # delta ÷ previous; None when previous is 0 or missing
    higher_is_better: bool = True


@dataclass(frozen=True, slots=True)
class FunnelStep:
    key: str  # "room_exposures", "viewers", "product_exposures", "product_clicks", "orders_created", "paid"
    count: int | None
    rate: float | None  # this step ÷ the previous step with data
    basis: str = ""


@dataclass(frozen=True, slots=True)
class SegmentBand:
    """A rundown segment on the show's time axis (seconds from ReviewHeader.started_at)."""

    segment_id: int | None
    index: int
    title: str
    kind: SegmentKind
    start_seconds: float
    end_seconds: float
    from_timer: bool  # True: the live timer's log; False: the planned rundown


@dataclass(frozen=True, slots=True)
class Marker:
    at_seconds: float
    kind: Literal["flash_sale", "giveaway", "lucky_draw"]
    label: str


@dataclass(frozen=True, slots=True)
class Timeline:
    """Everything the timeline chart draws; seconds are offsets from ``origin`` (UTC)."""

    origin: datetime | None
    seconds: tuple[float, ...]  # sample times, all platforms merged
    series: Mapping[str, tuple[float, ...]]  # by SERIES name, summed over platforms; NaN where no platform said
    order_minutes: tuple[float, ...]  # the app's own orders, bucketed per minute (start of the minute)
    order_counts: tuple[int, ...]
    order_gmv_minor: tuple[int, ...]
    bands: tuple[SegmentBand, ...]
    markers: tuple[Marker, ...]


@dataclass(frozen=True, slots=True)
class SegmentResult:
    band: SegmentBand
    planned_seconds: int
    orders: int
    units: int
    gmv_minor: int
    gpm_minor: int | None  # GMV per 1,000 views during the segment
    views: int | None
    average_online: float | None
    peak_online: int | None
    new_followers: int | None


@dataclass(frozen=True, slots=True)
class ProductResult:
    variant_id: int | None  # None: lines not matched to the catalogue, grouped by title
    title: str
    spec_label: str
    sku_code: str
    units: int
    gmv_minor: int
    refunded_minor: int
    cost_minor: int | None  # units × unit cost; None when the cost is unknown
    profit_minor: int | None
    share: float | None  # of the show's GMV
    target_units: int | None
    target_met: bool | None
    best: bool = False
    worst: bool = False


@dataclass(frozen=True, slots=True)
class CostInputs:
    """The inputs of gross profit as used: the show's own or the settings' defaults (``*_default`` says which)."""

    fee_basis_points: int
    fee_default: bool
    shipping_per_order_minor: int
    shipping_default: bool
    giveaways_minor: int
    budget_minor: int  # Σ show budget lines


@dataclass(frozen=True, slots=True)
class CostsInput:
    """What the seller sets on a show's review; None falls back to the default."""

    fee_basis_points: int | None = None
    shipping_per_order_minor: int | None = None
    giveaways_minor: int | None = None


@dataclass(frozen=True, slots=True)
class ReviewNotes:
    went_well: str = ""
    problems: str = ""


@dataclass(frozen=True, slots=True)
class ActionItemRow:
    id: int
    show_id: int  # the show whose review raised it
    show_title: str
    position: int
    text: str
    done_at: datetime | None
    done_show_id: int | None


@dataclass(frozen=True, slots=True)
class ShowReviewData:
    """One show's whole review, as the page, the CLI and the report show it."""

    header: ReviewHeader
    compare_to: ReviewHeader | None
    kpis: tuple[Kpi, ...]
    funnel: tuple[FunnelStep, ...]
    timeline: Timeline
    segments: tuple[SegmentResult, ...]
    products: tuple[ProductResult, ...]
    totals: tuple[TotalsInput, ...]  # per platform, as stored
    imports: tuple[MetricImportRow, ...]
    costs: CostInputs
    notes: ReviewNotes
    actions: tuple[ActionItemRow, ...]  # raised by this show's review
    has_metrics: bool  # any samples or totals; without them only order-based KPIs have values


@dataclass(frozen=True, slots=True)
class TrendPoint:
    show_id: int
    title: str
    started_at: datetime
    platforms: tuple[Platform, ...]
    gmv_minor: int
    net_gmv_minor: int
    conversion: float | None  # 观看-成交转化率: buyers ÷ viewers
    average_watch_seconds: float | None
    new_followers: int | None
    profit_minor: int | None
    currency: str
