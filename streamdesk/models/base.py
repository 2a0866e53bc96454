"""Column types and enums shared by every aggregate."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, DateTime
from sqlalchemy import Enum as SAEnum
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


def utc_now() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC; refuses naive ones on write and returns aware UTC on read.

    SQLite keeps no zone, so without this a local time would silently be read back as UTC.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r} cannot be stored: give it a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # raw SQL or an older writer
            value = datetime.fromisoformat(value)
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class ShowRole(StrEnum):
    """What a product does in a show's line-up."""

    TRAFFIC = "traffic"  # 引流款
    PROFIT = "profit"  # 利润款
    HERO = "hero"  # 主推款
    GIVEAWAY = "giveaway"  # 福利款


class StockReason(StrEnum):
    INITIAL = "initial"
    IMPORT = "import"
    ADJUSTMENT = "adjustment"
    SALE = "sale"
    RETURN = "return"
    RESTOCK = "restock"


def enum_column(enum: type[StrEnum], *, nullable: bool = False, index: bool = False) -> Column[Any]:
    """A TEXT column holding the enum's *value* (SQLAlchemy's Enum would store the member name)."""
    return Column(
        SAEnum(enum, values_callable=lambda members: [m.value for m in members], native_enum=False, length=32),
        nullable=nullable,
        index=index,
    )


class Platform(StrEnum):
    """Where a show streams; settings keep the same values in ``default_platforms``."""

    DOUYIN = "douyin"  # 抖音 / 抖店
    KUAISHOU = "kuaishou"  # 快手
    CHANNELS = "channels"  # 视频号
    TAOBAO = "taobao"  # 淘宝
    TIKTOK = "tiktok"
    WHATNOT = "whatnot"
    SHOPIFY = "shopify"
    ETSY = "etsy"
    OTHER = "other"


class ShowStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    LIVE = "live"
    DONE = "done"
    CANCELLED = "cancelled"


class PersonRole(StrEnum):
    HOST = "host"  # 主播
    ASSISTANT = "assistant"  # 助播 / 场控
    CUSTOMER_SERVICE = "customer_service"  # 客服


class PromotionKind(StrEnum):
    FULL_REDUCTION = "full_reduction"  # 满减
    FULL_DISCOUNT = "full_discount"  # 满折
    SPECIAL_PRICE = "special_price"  # 特价
    FLASH_SALE = "flash_sale"  # 秒杀
    LUCKY_BAG = "lucky_bag"  # 福袋
    RED_PACKET = "red_packet"  # 红包
    LUCKY_DRAW = "lucky_draw"  # 抽奖
    COUPON = "coupon"  # 优惠券


class BudgetKind(StrEnum):
    FIXED = "fixed"  # e.g. venue, equipment rent
    VARIABLE = "variable"  # e.g. ads/投流, samples, giveaways


class SegmentKind(StrEnum):
    OPENING = "opening"  # 开场
    WARM_UP = "warm_up"  # 暖场
    PITCH = "pitch"  # 讲解
    FLASH_SALE = "flash_sale"  # 秒杀
    GIVEAWAY = "giveaway"  # 福袋 / 抽奖
    INTERACTION = "interaction"  # 互动 / Q&A
    BREAK = "break"
    CLOSING = "closing"  # 收尾


class RunKind(StrEnum):
    LIVE = "live"
    REHEARSAL = "rehearsal"  # 彩排: logged separately, never touches orders, stock or the show's status


class OrderStatus(StrEnum):
    """Every platform's status text maps onto these (FORMATS.md §1); the raw text is kept beside it."""

    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    SHIPPED = "shipped"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REFUNDING = "refunding"
    REFUNDED = "refunded"


class OrderSource(StrEnum):
    IMPORT = "import"  # a platform's export file
    LIVE = "live"  # captured on the Live page (comments, private messages, group chats)
    MANUAL = "manual"


class CaseKind(StrEnum):
    CONSULTATION = "consultation"  # 咨询
    COMPLAINT = "complaint"  # 投诉
    SUGGESTION = "suggestion"  # 建议
    RETURN = "return"  # 退货
    EXCHANGE = "exchange"  # 换货
    REFUND = "refund"  # 退款


class CaseStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


class WaitlistStatus(StrEnum):
    WAITING = "waiting"
    FULFILLED = "fulfilled"
    CANCELLED = "cancelled"


class ChannelKind(StrEnum):
    """Where a booking link is spread before a show (预热渠道); the seller's own label can replace the name."""

    WECHAT_OA = "wechat_oa"  # 公众号
    MOMENTS = "moments"  # 朋友圈
    COMMUNITY = "community"  # 社群 / customer groups
    SHORT_VIDEO = "short_video"  # 短视频预告
    WEIBO = "weibo"  # 微博
    XIAOHONGSHU = "xiaohongshu"  # 小红书
    INSTAGRAM = "instagram"
    POSTER = "poster"  # printed poster on the counter
    OTHER = "other"


class WarmupTaskKind(StrEnum):
    """A warm-up task; the kind names a default title in the user's language when the task has none of its own."""

    TEASER_VIDEO = "teaser_video"  # 直播预告短视频 (T-3 days)
    ADS_PREPARE = "ads_prepare"  # 投流素材提交审核 (T-5 h)
    ADS_LIVE = "ads_live"  # 投流开始 (T-1 h)
    PREVIEW_LOOP = "preview_loop"  # 循环播放预告片 (T-30 min)
    POSTERS = "posters"  # 海报分发
    PUBLISH_LINK = "publish_link"  # 发布预约链接 in one channel (one task per booking link)
    CUSTOM = "custom"


class CheckKind(StrEnum):
    """How a pre-flight item is checked."""

    MANUAL = "manual"  # the seller ticks it
    VALUE = "value"  # the seller types a value (battery %), compared with the item's limits
    PROBE = "probe"  # StreamDesk measures it (see ProbeKind)


class ProbeKind(StrEnum):
    AUDIO_INPUT = "audio_input"  # record a few seconds: RMS and peak in dBFS
    AUDIO_OUTPUT = "audio_output"  # play a test tone; the seller confirms hearing it
    VIDEO = "video"  # cameras present (and a snapshot of a webcam)
    NETWORK = "network"  # DNS time, TCP latency and jitter, upload throughput
    MACHINE = "machine"  # free disk, battery / mains, clock
    TEST_CHECKOUT = "test_checkout"  # a QR of the test product; the test order number and its payment
    SCRIPT = "script"  # risky claims in the show's scripts and products' texts (VARCHAR(32): no migration)


class CheckStatus(StrEnum):
    PENDING = "pending"
    PASSED = "passed"
    WARNING = "warning"  # works, but not as it should (too quiet, 720p upload only)
    FAILED = "failed"
    SKIPPED = "skipped"  # not applicable today (no webcam in a phone rig)


class PreflightVerdict(StrEnum):
    GO = "go"  # every critical item passed (warnings allowed)
    NO_GO = "no_go"  # a critical item failed
    INCOMPLETE = "incomplete"  # a critical item is still pending
