"""What the warm-up service hands out and takes in: frozen dataclasses, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from streamdesk.models.base import ChannelKind, Platform, WarmupTaskKind


class TaskState(StrEnum):
    PENDING = "pending"  # due later
    DUE_SOON = "due_soon"  # due within the notice window (see Warmup.DUE_SOON)
    OVERDUE = "overdue"  # past its due time, not done
    DONE = "done"
    UNSCHEDULED = "unscheduled"  # the show has no planned start, so nothing has a due time


@dataclass(frozen=True, slots=True)
class BookingLinkInput:
    kind: ChannelKind
    platform: Platform
    url: str
    label: str = ""
    tracking_value: str = ""
    bookings: int | None = None
    valid_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class BookingLinkRow:
    id: int
    show_id: int
    position: int
    kind: ChannelKind
    label: str  # as stored: empty means "use the kind's name"
    platform: Platform
    url: str  # as entered
    tracking_value: str
    tagged_url: str  # what the QR encodes: url plus ?<param>=<value> when the show's tracking parameter is on
    bookings: int | None
    made_at: datetime
    announced_start: datetime | None  # the show's planned start when the link was made
    valid_until: datetime | None

    def to_input(self) -> BookingLinkInput:
        return BookingLinkInput(
            kind=self.kind,
            platform=self.platform,
            url=self.url,
            label=self.label,
            tracking_value=self.tracking_value,
            bookings=self.bookings,
            valid_until=self.valid_until,
        )


@dataclass(frozen=True, slots=True)
class DeletedLink:
    """Everything needed to put a deleted link (and its publish task) back: the undo of delete_link."""

    show_id: int
    position: int
    link: BookingLinkInput
    made_at: datetime
    announced_start: datetime | None
    task: WarmupTaskInput | None
    task_done_at: datetime | None


@dataclass(frozen=True, slots=True)
class WarmupTaskInput:
    kind: WarmupTaskKind
    offset_minutes: int  # relative to the planned start; negative is before it
    title: str = ""  # empty: the kind's default title in the user's language
    notes: str = ""


@dataclass(frozen=True, slots=True)
class WarmupTaskRow:
    id: int
    show_id: int
    position: int
    kind: WarmupTaskKind
    title: str  # as stored (may be empty)
    offset_minutes: int
    due_at: datetime | None  # planned start + offset; None without a planned start
    done_at: datetime | None
    state: TaskState
    booking_link_id: int | None
    channel_label: str  # the link's label (or "" with kind given by channel_kind) for PUBLISH_LINK tasks
    channel_kind: ChannelKind | None
    notes: str

    def to_input(self) -> WarmupTaskInput:
        return WarmupTaskInput(kind=self.kind, offset_minutes=self.offset_minutes, title=self.title, notes=self.notes)


@dataclass(frozen=True, slots=True)
class RuleWarning:
    """A platform rule the plan breaks; messages.py ("warmup.rule.<code>") renders it with its fields."""

    code: str  # e.g. "channels_start_moved", "link_expired", "too_soon_to_spread", "no_planned_start"
    link_id: int | None
    fields: tuple[tuple[str, str | int], ...] = ()


@dataclass(frozen=True, slots=True)
class WarmupPlan:
    show_id: int
    show_title: str
    planned_start: datetime | None
    tracking_param: str  # "" = off
    links: tuple[BookingLinkRow, ...]
    tasks: tuple[WarmupTaskRow, ...]  # by due time, then position
    warnings: tuple[RuleWarning, ...]
    total_bookings: int | None  # None while no link has a count


@dataclass(frozen=True, slots=True)
class DueTask:
    """A task to notify about (tray balloon) while the app runs."""

    task_id: int
    show_id: int
    show_title: str
    kind: WarmupTaskKind
    title: str
    channel_label: str
    channel_kind: ChannelKind | None
    due_at: datetime
    overdue: bool


@dataclass(frozen=True, slots=True)
class BookingCountRow:
    """One row of a booking-count import, matched to a link of the show."""

    row: int  # 1-based data row in the file (header is row 1, so the first data row is 2)
    link_id: int
    channel: str  # the channel as the file names it
    old: int | None
    new: int


@dataclass(frozen=True, slots=True)
class BookingCountsPlan:
    show_id: int
    rows: tuple[BookingCountRow, ...]
    problems: tuple[tuple[int, str, tuple[tuple[str, str | int], ...]], ...]  # (row, code, fields)


@dataclass(frozen=True, slots=True)
class PosterProduct:
    variant_id: int
    product_id: int
    title: str
    spec_label: str
    live_price_minor: int | None  # falls back to the list price when the variant has no live price
    list_price_minor: int | None
    currency: str
    image_path: str  # absolute path of the product's first image, "" when none


@dataclass(frozen=True, slots=True)
class PosterPromotion:
    kind: str  # PromotionKind value; labels.py names it
    rule: str


@dataclass(frozen=True, slots=True)
class PosterContent:
    """What a poster says, from the show: the designer may edit the texts before rendering."""

    show_id: int
    title: str
    theme: str
    planned_start: datetime | None
    currency: str
    products: tuple[PosterProduct, ...]  # chosen ones, or the rundown's first six distinct products
    promotions: tuple[PosterPromotion, ...]
    link_id: int | None
    channel_label: str
    channel_kind: ChannelKind | None
    platform: Platform | None
    url: str  # the tagged URL for the QR; "" when the show has no booking link
