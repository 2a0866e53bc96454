"""Review aggregate: what the platforms measured during a show, the seller's own totals, the cost inputs of the
profit figure, the structured review notes, and the action items that carry forward to the next shows.

Samples are wide rows (one per show, platform and timestamp; every series a nullable column) because the Review
page reads a whole show at once and a 4-hour show at 1-second samples is 14,400 rows: one indexed range scan, not
14,400 × series rows. ``None`` always means "the file did not say", never zero.
Counts follow the platforms' split between people (UV, 人数) and visits (PV, 次数/人次); the column names say which.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from streamdesk.models import shows as _shows  # noqa: F401 - every table here points at shows
from streamdesk.models.base import Platform, UTCDateTime, enum_column, utc_now


def _created() -> datetime:
    return utc_now()


class MetricImport(SQLModel, table=True):
    """One metrics file read into a show: what was read, how, and what the seller was told about it."""

    __tablename__ = "metric_imports"

    id: int | None = Field(default=None, primary_key=True)
    show_id: int = Field(foreign_key="shows.id", index=True)
    platform: Platform = Field(sa_column=enum_column(Platform))
    preset: str  # preset key, or "mapping" for the generic column mapping
    file_name: str
    encoding: str = ""
    kind: str = "trend"  # "trend" (rows over time) or "summary" (one row of show totals)
    rows: int = 0
    samples: int = 0
    interval_seconds: int = 60  # the file's step between rows (60 for minute trends)
    missing_json: str = "[]"  # gaps: [{"from": iso, "to": iso, "samples": n}]
    duplicates: int = 0  # rows whose timestamp was already read (the later row wins)
    imported_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class MetricSample(SQLModel, table=True):
    """The platform's figures for one interval (usually a minute) of one show on one platform.

    ``online`` is a level (在线人数 at that moment); every other series is a count or amount *within* the interval.
    """

    __tablename__ = "metric_samples"
    __table_args__ = (
        UniqueConstraint("show_id", "platform", "at"),
        Index("ix_metric_samples_show_at", "show_id", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    show_id: int = Field(foreign_key="shows.id")
    platform: Platform = Field(sa_column=enum_column(Platform))
    import_id: int | None = Field(default=None, foreign_key="metric_imports.id", index=True)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))  # start of the interval, UTC
    online: int | None = None  # 在线人数 (concurrent viewers)
    entries: int | None = None  # 进入人数 (UV)
    exits: int | None = None  # 离开人数 (UV)
    views: int | None = None  # 观看次数 (PV)
    gmv_minor: int | None = None  # 成交金额, in the show's currency
    orders: int | None = None  # 成交订单数
    buyers: int | None = None  # 成交人数
    comments: int | None = None  # 新增评论数
    likes: int | None = None
    shares: int | None = None
    new_followers: int | None = None  # 新增粉丝数
    fan_club_joins: int | None = None  # 新加团人数
    product_exposures: int | None = None  # 商品曝光人数
    product_clicks: int | None = None  # 商品点击人数
    ad_cost_minor: int | None = None  # 千川消耗 / paid promotion spent in the interval


class ShowTotals(SQLModel, table=True):
    """A show's totals on one platform: typed in on the manual form or read from a platform's summary export.

    Where samples exist the review derives what it can from them; a value here wins, because it is what the
    platform reported for the whole show (de-duplicated viewers cannot be summed from minutes).
    """

    __tablename__ = "show_totals"
    __table_args__ = (UniqueConstraint("show_id", "platform"),)

    id: int | None = Field(default=None, primary_key=True)
    show_id: int = Field(foreign_key="shows.id", index=True)
    platform: Platform = Field(sa_column=enum_column(Platform))
    source: str = "manual"  # "manual", or the preset key of the summary file it came from
    duration_seconds: int | None = None  # 直播时长
    room_exposures: int | None = None  # 直播间曝光人数
    viewers: int | None = None  # 累计观看人数 (UV)
    views: int | None = None  # 观看人次 (PV)
    peak_online: int | None = None  # 最高在线人数 (PCU)
    average_online: int | None = None  # 平均在线人数 (ACU)
    average_watch_seconds: int | None = None  # 人均观看时长
    new_followers: int | None = None
    fan_club_joins: int | None = None  # 新加团人数
    interacting_viewers: int | None = None  # 互动人数, de-duplicated (when the platform gives it)
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    product_exposures: int | None = None  # 商品曝光人数
    product_clicks: int | None = None  # 商品点击人数
    orders_created: int | None = None  # 创建订单数 (TikTok Orders Created)
    platform_orders: int | None = None  # 成交订单数 as the platform counted them
    platform_buyers: int | None = None  # 成交人数
    platform_gmv_minor: int | None = None  # 成交金额 as the platform counted it
    updated_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class ShowReview(SQLModel, table=True):
    """The seller's review of one show (复盘): notes, and the cost inputs of the gross-profit figure.

    A cost input left ``None`` falls back to the settings' default for the platform.
    """

    __tablename__ = "show_reviews"

    show_id: int = Field(primary_key=True, foreign_key="shows.id")
    went_well: str = ""
    problems: str = ""
    fee_basis_points: int | None = None  # platform fee, 1/100 of a percent of net GMV (500 = 5 %)
    shipping_per_order_minor: int | None = None  # what one parcel costs the seller
    giveaways_minor: int | None = None  # prizes, 福袋 and free samples given away on stream
    updated_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class ActionItem(SQLModel, table=True):
    """Something to change next time. It stays open, and shows on every later show's plan and pre-flight, until
    the seller ticks it off (``done_show_id`` remembers on which show's page)."""

    __tablename__ = "action_items"
    __table_args__ = (Index("ix_action_items_open", "done_at"),)

    id: int | None = Field(default=None, primary_key=True)
    show_id: int = Field(foreign_key="shows.id", index=True)  # the show whose review raised it
    position: int = 0
    text: str
    done_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    done_show_id: int | None = Field(default=None, foreign_key="shows.id")
    created_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
