"""DTOs of shows, rundowns and timer runs: what the UI and CLI send to and get from core.shows and core.show_runs.

Frozen dataclasses holding tuples; nothing here is an ORM object. Times are aware datetimes (UTC from the services;
the UI shows local time). Durations are whole seconds. Money is integer minor units in the show's or variant's
currency; None means "not set", never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from streamdesk.models.base import (
    BudgetKind,
    PersonRole,
    Platform,
    PromotionKind,
    RunKind,
    SegmentKind,
    ShowStatus,
)

__all__ = [
    "BudgetKind",
    "PersonRole",
    "Platform",
    "PromotionKind",
    "RunKind",
    "SegmentKind",
    "ShowStatus",
]

DEFAULT_WARN_SECONDS = 120
DEFAULT_DANGER_SECONDS = 60
FLASH_SALE_MIN_SECONDS = 10
FLASH_SALE_MAX_SECONDS = 300


@dataclass(frozen=True, slots=True)
class PersonInput:
    name: str
    role: PersonRole


@dataclass(frozen=True, slots=True)
class PromotionInput:
    kind: PromotionKind
    rule: str = ""  # e.g. 满199减30


@dataclass(frozen=True, slots=True)
class BudgetLineInput:
    label: str
    kind: BudgetKind
    amount_minor: int  # in the show's currency


@dataclass(frozen=True, slots=True)
class SkuTargetInput:
    variant_id: int
    quantity: int


@dataclass(frozen=True, slots=True)
class ShowInput:
    title: str
    theme: str = ""
    platforms: tuple[Platform, ...] = ()
    planned_start: datetime | None = None  # aware; None only for templates and undated drafts
    planned_seconds: int = 0
    status: ShowStatus = ShowStatus.DRAFT
    currency: str = "CNY"
    target_gmv_minor: int | None = None
    target_orders: int | None = None
    target_followers: int | None = None
    people: tuple[PersonInput, ...] = ()
    promotions: tuple[PromotionInput, ...] = ()
    budget: tuple[BudgetLineInput, ...] = ()
    sku_targets: tuple[SkuTargetInput, ...] = ()
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ShowSummary:
    """One row of the shows list or calendar."""

    id: int
    title: str
    theme: str
    platforms: tuple[Platform, ...]
    planned_start: datetime | None
    planned_seconds: int
    status: ShowStatus
    is_template: bool
    segment_count: int
    rundown_seconds: int  # sum of the segments' planned durations
    currency: str
    target_gmv_minor: int | None
    live_runs: int  # finished or unfinished real (not rehearsal) runs of the timer


@dataclass(frozen=True, slots=True)
class SkuTargetRow:
    variant_id: int
    product_id: int
    sku_code: str
    product_title: str
    spec_label: str
    quantity: int  # the target
    available: int  # stock on hand now (bundles: what the components allow)
    short_by: int  # max(0, quantity - available)


@dataclass(frozen=True, slots=True)
class ShowDetail:
    id: int
    version: int
    title: str
    theme: str
    platforms: tuple[Platform, ...]
    planned_start: datetime | None
    planned_seconds: int
    status: ShowStatus
    currency: str
    target_gmv_minor: int | None
    target_orders: int | None
    target_followers: int | None
    people: tuple[PersonInput, ...]
    promotions: tuple[PromotionInput, ...]
    budget: tuple[BudgetLineInput, ...]
    sku_targets: tuple[SkuTargetRow, ...]
    notes: str
    is_template: bool
    created_at: datetime
    updated_at: datetime

    @property
    def budget_total_minor(self) -> int:
        return sum(line.amount_minor for line in self.budget)

    def to_input(self) -> ShowInput:
        return ShowInput(
            title=self.title,
            theme=self.theme,
            platforms=self.platforms,
            planned_start=self.planned_start,
            planned_seconds=self.planned_seconds,
            status=self.status,
            currency=self.currency,
            target_gmv_minor=self.target_gmv_minor,
            target_orders=self.target_orders,
            target_followers=self.target_followers,
            people=self.people,
            promotions=self.promotions,
            budget=self.budget,
            sku_targets=tuple(SkuTargetInput(row.variant_id, row.quantity) for row in self.sku_targets),
            notes=self.notes,
        )


@dataclass(frozen=True, slots=True)
class SegmentInput:
    kind: SegmentKind
    title: str
    planned_seconds: int
    fixed_start: datetime | None = None  # aware; e.g. a flash sale announced for 20:00
    variant_ids: tuple[int, ...] = ()  # in display order
    talking_points: str = ""
    promotion_cue: str = ""
    warn_seconds: int = DEFAULT_WARN_SECONDS  # remaining time when the warning colour starts
    danger_seconds: int = DEFAULT_DANGER_SECONDS
    flash_sale_seconds: int | None = None  # flash-sale countdown length, 10-300 s
    notes: str = ""


@dataclass(frozen=True, slots=True)
class SegmentProductRow:
    """A product linked to a segment, with its live figures (read when the rundown is read)."""

    variant_id: int
    product_id: int
    sku_code: str
    product_title: str
    spec_label: str
    currency: str
    price_minor: int | None  # live price, else list price
    cost_minor: int | None
    margin_minor: int | None  # price - cost
    margin_pct: float | None
    available: int
    archived: bool


@dataclass(frozen=True, slots=True)
class SegmentRow:
    id: int
    position: int
    kind: SegmentKind
    title: str
    planned_seconds: int
    fixed_start: datetime | None
    talking_points: str
    promotion_cue: str
    warn_seconds: int
    danger_seconds: int
    flash_sale_seconds: int | None
    notes: str
    products: tuple[SegmentProductRow, ...]

    def to_input(self) -> SegmentInput:
        return SegmentInput(
            kind=self.kind,
            title=self.title,
            planned_seconds=self.planned_seconds,
            fixed_start=self.fixed_start,
            variant_ids=tuple(p.variant_id for p in self.products),
            talking_points=self.talking_points,
            promotion_cue=self.promotion_cue,
            warn_seconds=self.warn_seconds,
            danger_seconds=self.danger_seconds,
            flash_sale_seconds=self.flash_sale_seconds,
            notes=self.notes,
        )


class ConflictCode(StrEnum):
    """Codes double as message codes in streamdesk/messages.py (section "rundown")."""

    FIXED_START_UNREACHABLE = "rundown.fixed_start_unreachable"  # earlier segments run past its fixed start
    OVER_PLANNED = "rundown.over_planned"  # the rundown is longer than the show's planned duration
    OUT_OF_STOCK = "rundown.out_of_stock"  # a linked SKU has nothing available
    ARCHIVED_PRODUCT = "rundown.archived_product"
    EMPTY_DURATION = "rundown.empty_duration"  # planned duration 0


@dataclass(frozen=True, slots=True)
class Conflict:
    code: ConflictCode
    segment: int | None  # index in the rundown, None for the whole show
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SegmentTiming:
    """Back-timed position of one segment from the show's planned start (None when the show has no start)."""

    index: int
    offset_seconds: int  # from the show start
    start: datetime | None
    end: datetime | None
    wait_seconds: int  # idle time before a fixed start that comes later than the previous segment's end


@dataclass(frozen=True, slots=True)
class Rundown:
    show_id: int
    planned_start: datetime | None
    planned_seconds: int  # the show's planned duration
    segments: tuple[SegmentRow, ...]
    timings: tuple[SegmentTiming, ...]
    total_seconds: int  # end of the last segment from the show start, waits included
    conflicts: tuple[Conflict, ...]


@dataclass(frozen=True, slots=True)
class RunSegment:
    """A segment as a run snapshotted it at start: replaying events never depends on later rundown edits."""

    segment_id: int | None
    title: str
    planned_seconds: int
    warn_at: int
    danger_at: int
    kind: SegmentKind = SegmentKind.PITCH
    flash_sale_seconds: int | None = None


@dataclass(frozen=True, slots=True)
class RunSummary:
    id: int
    show_id: int
    show_title: str
    kind: RunKind
    started_at: datetime
    finished_at: datetime | None


@dataclass(frozen=True, slots=True)
class PlannedActualRow:
    index: int
    title: str
    kind: SegmentKind
    planned_seconds: int  # as planned at start
    adjusted_seconds: int  # planned plus time added live
    actual_seconds: float  # running time (pauses excluded)
    over_under_seconds: float  # actual - adjusted (+ over, − under)
    visited: bool
