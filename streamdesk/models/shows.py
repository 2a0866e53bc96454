"""Shows aggregate: a show, its people, promotions, budget and SKU targets, its rundown of segments, and the runs of
its live timer with their append-only event log.

A template is a Show with ``is_template`` set (no planned start); creating from it copies everything but the dates.
A run snapshots the rundown it was started with (``segments_json``) so replaying its events after a crash never
depends on later edits of the rundown.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

# Segment products and SKU targets point at variants: the ORM resolves those foreign keys only when the variants
# table is in the same metadata, so a process that uses shows alone (a CLI command) must load it too.
from streamdesk.models import catalogue as _catalogue  # noqa: F401
from streamdesk.models.base import (
    BudgetKind,
    PersonRole,
    PromotionKind,
    RunKind,
    SegmentKind,
    ShowStatus,
    UTCDateTime,
    enum_column,
    utc_now,
)


def _created() -> datetime:
    return utc_now()


# Team mode: an UPDATE or DELETE of a Show carries ``WHERE version = <the version read>``, so a change another
# writer made in between matches nothing (StaleDataError, said as db.conflict by core.conflicts). No generator:
# services set the new version themselves (``version += 1``).
_SHOW_VERSION = Column("version", Integer, nullable=False)


class Show(SQLModel, table=True):
    __tablename__ = "shows"
    __mapper_args__ = {"version_id_col": _SHOW_VERSION, "version_id_generator": False}

    id: int | None = Field(default=None, primary_key=True)
    title: str
    theme: str = ""
    platforms: str = ""  # comma-separated Platform values, in the seller's order
    planned_start: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True, index=True))
    planned_seconds: int = 0  # planned duration of the whole show
    status: ShowStatus = Field(sa_column=enum_column(ShowStatus, index=True))
    currency: str = "CNY"
    target_gmv_minor: int | None = None
    target_orders: int | None = None
    target_followers: int | None = None  # new followers / members
    notes: str = ""
    is_template: bool = Field(default=False, index=True)
    version: int = Field(default=1, sa_column=_SHOW_VERSION)
    created_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class ShowPerson(SQLModel, table=True):
    """One person in one role; a seller who does everything has three rows with the same name."""

    __tablename__ = "show_people"

    id: int | None = Field(default=None, primary_key=True)
    show_id: int = Field(foreign_key="shows.id", index=True)
    position: int = 0
    name: str
    role: PersonRole = Field(sa_column=enum_column(PersonRole))


class ShowPromotion(SQLModel, table=True):
    __tablename__ = "show_promotions"

    id: int | None = Field(default=None, primary_key=True)
    show_id: int = Field(foreign_key="shows.id", index=True)
    position: int = 0
    kind: PromotionKind = Field(sa_column=enum_column(PromotionKind))
    rule: str = ""  # e.g. 满199减30, 第二件半价


class ShowBudgetLine(SQLModel, table=True):
    __tablename__ = "show_budget_lines"

    id: int | None = Field(default=None, primary_key=True)
    show_id: int = Field(foreign_key="shows.id", index=True)
    position: int = 0
    label: str
    kind: BudgetKind = Field(sa_column=enum_column(BudgetKind))
    amount_minor: int  # in the show's currency


class ShowSkuTarget(SQLModel, table=True):
    __tablename__ = "show_sku_targets"
    __table_args__ = (UniqueConstraint("show_id", "variant_id"),)

    id: int | None = Field(default=None, primary_key=True)
    show_id: int = Field(foreign_key="shows.id", index=True)
    variant_id: int = Field(foreign_key="variants.id", index=True)
    quantity: int  # units the seller means to sell in this show


class Segment(SQLModel, table=True):
    __tablename__ = "segments"
    __table_args__ = (Index("ix_segments_show_position", "show_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    show_id: int = Field(foreign_key="shows.id")
    position: int = 0
    kind: SegmentKind = Field(sa_column=enum_column(SegmentKind))
    title: str = ""
    planned_seconds: int = 0
    fixed_start: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    talking_points: str = ""
    promotion_cue: str = ""
    warn_seconds: int = 120
    danger_seconds: int = 60
    flash_sale_seconds: int | None = None  # flash-sale countdown length (10-300 s)
    notes: str = ""


class SegmentProduct(SQLModel, table=True):
    __tablename__ = "segment_products"
    __table_args__ = (UniqueConstraint("segment_id", "variant_id"),)

    id: int | None = Field(default=None, primary_key=True)
    segment_id: int = Field(foreign_key="segments.id", index=True)
    variant_id: int = Field(foreign_key="variants.id", index=True)
    position: int = 0


class ShowRun(SQLModel, table=True):
    """One go of the live timer over a show: the real stream, or a rehearsal."""

    __tablename__ = "show_runs"

    id: int | None = Field(default=None, primary_key=True)
    show_id: int = Field(foreign_key="shows.id", index=True)
    kind: RunKind = Field(sa_column=enum_column(RunKind))
    segments_json: str  # the rundown as started: [{"segment_id", "title", "planned_seconds", "warn_at", "danger_at"}]
    started_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
    finished_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    # Who drives the timer (team mode, core/timer_follow.py): '' when nobody does (released, or before v7).
    driver_host: str = ""
    driver_instance: str = ""  # one per running StreamDesk process
    driver_beat: float | None = None  # the driver's last heartbeat, epoch seconds on the database server's clock
    clock_offset: float = 0.0  # the run's timer clock minus the database server's clock, measured at the start


class TimerEventRow(SQLModel, table=True):
    """One command of the live timer, committed the moment it happens (append-only)."""

    __tablename__ = "timer_events"
    __table_args__ = (UniqueConstraint("run_id", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="show_runs.id", index=True)
    seq: int  # 0, 1, 2… within the run
    kind: str  # core.live_timer.TimerEventKind value
    at: float  # the timer clock's seconds (wall time at app start + monotonic delta)
    segment: int | None = None
    seconds: int = 0
    recorded_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
