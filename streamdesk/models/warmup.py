"""Warm-up aggregate: a show's booking links per channel, its warm-up tasks, and the default task template.

A booking link remembers the show's planned start when it was made (``announced_start``): platforms tie a booking to
the announced time (WeChat Channels reminds only if the live starts within an hour of it), so a later move of the
show is a warning, not a silent edit. Task times are offsets from the planned start, so moving the show moves them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from streamdesk.models import shows as _shows  # noqa: F401 - booking links and tasks point at shows
from streamdesk.models.base import ChannelKind, Platform, UTCDateTime, WarmupTaskKind, enum_column, utc_now


def _created() -> datetime:
    return utc_now()


class WarmupSettings(SQLModel, table=True):
    """One row per show that has been warmed up: the tracking parameter and the poster designer's last choices."""

    __tablename__ = "warmup_settings"

    show_id: int = Field(primary_key=True, foreign_key="shows.id")
    tracking_param: str = ""  # e.g. "utm_source"; empty = off (some platforms reject unknown parameters)
    tasks_seeded: bool = False  # the default template has been copied once; deleting every task keeps it empty
    poster_json: str = "{}"  # designer choices: template, theme, products, texts
    updated_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class BookingLink(SQLModel, table=True):
    __tablename__ = "booking_links"

    id: int | None = Field(default=None, primary_key=True)
    show_id: int = Field(foreign_key="shows.id", index=True)
    position: int = 0
    kind: ChannelKind = Field(sa_column=enum_column(ChannelKind))
    label: str = ""  # the seller's name for the channel; empty shows the kind's name
    platform: Platform = Field(sa_column=enum_column(Platform))  # where the booking (预约/LIVE event) lives
    url: str
    tracking_value: str = ""  # appended as ?<tracking_param>=<value> when the show's parameter is on
    bookings: int | None = None  # entered or imported after the show; None = not known yet
    made_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
    announced_start: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    valid_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    created_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class WarmupTask(SQLModel, table=True):
    __tablename__ = "warmup_tasks"
    __table_args__ = (UniqueConstraint("booking_link_id"),)  # one "publish the link" task per link

    id: int | None = Field(default=None, primary_key=True)
    show_id: int = Field(foreign_key="shows.id", index=True)
    position: int = 0
    kind: WarmupTaskKind = Field(sa_column=enum_column(WarmupTaskKind))
    title: str = ""  # empty: the kind's default title in the user's language
    offset_minutes: int  # due time relative to the planned start; negative is before it
    booking_link_id: int | None = Field(default=None, foreign_key="booking_links.id")
    notes: str = ""
    done_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    notified_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class WarmupTemplateTask(SQLModel, table=True):
    """The seller's default warm-up tasks, copied into a show the first time it is warmed up.

    Empty until the seller saves one: the built-in defaults (core/warmup_tasks.py) apply meanwhile.
    A PUBLISH_LINK row gives the offset of every per-link publish task.
    """

    __tablename__ = "warmup_template_tasks"

    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    kind: WarmupTaskKind = Field(sa_column=enum_column(WarmupTaskKind))
    title: str = ""
    offset_minutes: int
