"""Metrics presets (FORMATS.md §4): which header names each platform's live-data export uses for a series or total.

Headers are matched by normalised name (products_io.mapping.normalise_header), never by position; a header with a
bracketed unit ("成交金额(分)", "Revenue (Rp)") also matches its bare name, and the unit is read from the bracket.

Time zones of naive times: the Chinese platforms write Beijing time (Asia/Shanghai). TikTok LIVE lists are written
in the market's own time: the currency in the ``Revenue (<cur>)`` header names the market (Rp → Asia/Jakarta,
RM → Asia/Kuala_Lumpur, …; US dollars → America/Los_Angeles as the order import assumes); an Indonesian header
row without a currency is read as Jakarta time. Indonesian lists write dates day first (31/05/2025).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from streamdesk.core.orders_io.presets import TIKTOK_MARKET_ZONES
from streamdesk.core.orders_io.presets_common import CN_DATES
from streamdesk.core.review_types import MetricsKind
from streamdesk.models.base import Platform

MAPPING = "mapping"  # the generic column mapping: the caller names a header for each series or total
TIME = "time"  # the mapping's key for the time column (trend) or the show's start (summary)

_TIMES = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")
US_DATES = (*_TIMES, "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y")
DAY_FIRST_DATES = (*_TIMES, "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d/%m/%Y")

# TikTok market by the currency of its Revenue header: the order import's table.
MARKET_ZONES: Mapping[str, str] = TIKTOK_MARKET_ZONES


def _cols(**columns: str) -> dict[str, tuple[str, ...]]:
    """name="别名1|alias 2" → {name: ("别名1", "alias 2")}."""
    return {name: tuple(alias.strip() for alias in aliases.split("|")) for name, aliases in columns.items()}


@dataclass(frozen=True, slots=True)
class MetricPreset:
    key: str  # what the user picks and MetricImport.preset stores
    variant: str  # one key may have variants (TikTok in English and in Indonesian)
    platform: Platform
    kind: MetricsKind
    confidence: str  # FORMATS.md grade: "V2", "V1" or "I"
    time: tuple[str, ...]  # the minute of a trend row; the show's start in a summary row (optional there)
    columns: Mapping[str, tuple[str, ...]]  # SERIES name (trend) or TOTAL_FIELDS name (summary) → header aliases
    signature: tuple[tuple[str, ...], ...]  # the file fits when each group has a header present
    zone: str = "Asia/Shanghai"
    date_formats: tuple[str, ...] = CN_DATES
    fen: frozenset[str] = frozenset()  # aliases whose amounts are 分 (API dumps), whatever the header says
    decimal_comma: bool = False  # "1.234.567" is a thousand-separated whole number, "1,5" a decimal


# 罗盘 minute trend: one column per indicator picked in 大屏 (FORMATS.md §4.1). Rates (曝光-观看率, 互动率, GPM…)
# are derived, not stored: the review computes them from the counts. The English keys are the API's names; API
# dumps give amounts in 分.
_CN_TREND = _cols(
    online="在线人数|实时在线人数|online_user_cnt",
    entries="进入人数|进房人数|watch_ucnt",
    exits="离开人数|leave_ucnt",
    views="观看次数|观看人次|watch_cnt",
    gmv_minor="成交金额|直播间成交金额|pay_amt",
    orders="成交订单数|pay_cnt",
    buyers="成交人数|pay_ucnt",
    comments="新增评论数|评论数|评论次数|comment_cnt",
    likes="新增点赞数|点赞数|点赞次数|like_cnt",
    shares="新增分享数|分享数|分享次数|share_cnt",
    new_followers="新增粉丝数|incr_fans_cnt",
    fan_club_joins="新加团人数|fans_club_ucnt",
    product_exposures="商品曝光人数|product_show_ucnt",
    product_clicks="商品点击人数|product_click_ucnt",
    ad_cost_minor="千川消耗|消耗|stat_cost",
)
_CN_TIME = ("时间", "时间点", "分钟", "日期时间", "统计时间", "日期", "time", "date_time", "minute")
_CN_FEN = frozenset({"pay_amt", "stat_cost"})
_CN_SERIES_GROUP = tuple(alias for aliases in _CN_TREND.values() for alias in aliases)

DOUYIN_TREND = MetricPreset(
    key="douyin_trend",
    variant="douyin_trend",
    platform=Platform.DOUYIN,
    kind="trend",
    confidence="V1",
    time=_CN_TIME,
    columns=_CN_TREND,
    signature=(_CN_TIME, _CN_SERIES_GROUP),
    fen=_CN_FEN,
)
# 快手's minute trend is read with the same columns (inferred, FORMATS.md grade I).
KUAISHOU_TREND = replace(
    DOUYIN_TREND, key="kuaishou_trend", variant="kuaishou_trend", platform=Platform.KUAISHOU, confidence="I"
)
DOUYIN_SUMMARY = MetricPreset(
    key="douyin_summary",
    variant="douyin_summary",
    platform=Platform.DOUYIN,
    kind="summary",
    confidence="V1",
    time=("开播时间", "直播开始时间", "开始时间"),
    columns=_cols(
        duration_seconds="直播时长",
        room_exposures="直播间曝光人数|曝光人数",
        viewers="累计观看人数|观看人数",
        views="观看人次|观看次数",
        peak_online="最高在线人数",
        average_online="平均在线人数",
        average_watch_seconds="人均观看时长|平均在线时长",
        new_followers="新增粉丝数",
        fan_club_joins="新加团人数",
        interacting_viewers="互动人数",
        likes="点赞次数",
        comments="评论次数",
        shares="分享次数",
        product_exposures="商品曝光人数",
        product_clicks="商品点击人数",
        platform_orders="成交订单数",
        platform_buyers="成交人数",
        platform_gmv_minor="成交金额",
    ),
    signature=(("累计观看人数", "观看人次"), ("直播时长", "最高在线人数", "平均在线人数")),
)
KUAISHOU_SUMMARY = MetricPreset(
    key="kuaishou_summary",
    variant="kuaishou_summary",
    platform=Platform.KUAISHOU,
    kind="summary",
    confidence="I",
    time=("开播时间", "直播开始时间"),
    columns=_cols(
        duration_seconds="直播时长",
        viewers="累计观看人数",
        peak_online="最高在线人数",
        average_online="平均在线人数",
        average_watch_seconds="人均观看时长",
        platform_gmv_minor="成交金额(GMV)|成交金额|GMV",
        platform_orders="成交订单数",
        platform_buyers="成交人数",
        new_followers="新增粉丝数",
        comments="评论数",
        likes="点赞数",
        shares="分享数",
        product_exposures="商品曝光人数",
        product_clicks="商品点击人数",
    ),
    signature=(("累计观看人数",), ("直播时长", "最高在线人数", "平均在线人数")),
)
CHANNELS_SUMMARY = MetricPreset(
    key="channels_summary",
    variant="channels_summary",
    platform=Platform.CHANNELS,
    kind="summary",
    confidence="I",
    time=("直播开始时间", "开播时间"),
    columns=_cols(
        duration_seconds="直播时长",
        viewers="观看人数",
        views="观看次数",
        peak_online="最高在线|最高在线人数",
        average_watch_seconds="平均观看时长|人均观看时长",
        new_followers="新增关注|新增关注数",
        likes="点赞|点赞数",
        comments="评论|评论数",
        shares="分享|分享数",
        product_clicks="商品点击|商品点击人数",
        platform_gmv_minor="成交金额",
        platform_orders="成交订单数",
    ),
    signature=(("观看人数", "观看次数"), ("新增关注", "最高在线")),
)
TIKTOK_LIVE_LIST = MetricPreset(
    key="tiktok_live_list",
    variant="tiktok_live_list",
    platform=Platform.TIKTOK,
    kind="summary",
    confidence="V1",
    time=("Launched Time",),
    columns=_cols(
        duration_seconds="Duration",
        platform_gmv_minor="Revenue",
        orders_created="Orders Created",
        platform_orders="Orders Paid",
        platform_buyers="Buyers",
        viewers="Viewers",
        views="Views",
        average_online="ACU",
        peak_online="PCU",
        average_watch_seconds="Avg. Viewing Duration|Avg Viewing Duration|Average Viewing Duration",
        comments="Comments",
        shares="Shares",
        likes="Likes",
        new_followers="New Followers",
        product_exposures="Product Impressions",
        product_clicks="Product Clicks",
    ),
    signature=(("Launched Time",), ("Viewers", "Views", "Revenue", "Orders Paid", "PCU", "Duration")),
    zone="America/Los_Angeles",
    date_formats=US_DATES,
)
# Indonesian header row: "Kreator", "Waktu Live" and "Durasi" are FORMATS.md's; the rest follow TikTok Seller
# Center's Indonesian wording (grade I: behind the column mapping when a name differs).
TIKTOK_LIVE_LIST_ID = MetricPreset(
    key="tiktok_live_list",
    variant="tiktok_live_list_id",
    platform=Platform.TIKTOK,
    kind="summary",
    confidence="I",
    time=("Waktu Live", "Waktu Mulai", "Waktu Peluncuran"),
    columns=_cols(
        duration_seconds="Durasi|Durasi Live",
        platform_gmv_minor="Pendapatan|Pendapatan Kotor|GMV",
        orders_created="Pesanan Dibuat",
        platform_orders="Pesanan Dibayar",
        platform_buyers="Pembeli",
        viewers="Penonton",
        views="Tayangan|Jumlah Tayangan",
        average_online="ACU",
        peak_online="PCU",
        average_watch_seconds="Rata-rata Durasi Menonton|Durasi Tonton Rata-rata|Rata-rata Durasi Tontonan",
        comments="Komentar",
        shares="Dibagikan|Bagikan",
        likes="Suka",
        new_followers="Pengikut Baru",
        product_exposures="Impresi Produk|Tayangan Produk",
        product_clicks="Klik Produk",
    ),
    signature=(("Waktu Live", "Waktu Mulai", "Waktu Peluncuran"), ("Penonton", "Tayangan", "Pendapatan", "Durasi")),
    zone="Asia/Jakarta",
    date_formats=DAY_FIRST_DATES,
    decimal_comma=True,
)

# Detection order: among presets that fit equally well, the earlier one wins (after the show's own platforms).
PRESETS: tuple[MetricPreset, ...] = (
    DOUYIN_TREND,
    DOUYIN_SUMMARY,
    KUAISHOU_SUMMARY,
    KUAISHOU_TREND,
    CHANNELS_SUMMARY,
    TIKTOK_LIVE_LIST,
    TIKTOK_LIVE_LIST_ID,
)
KEYS: tuple[str, ...] = tuple(dict.fromkeys(p.key for p in PRESETS))


@dataclass(frozen=True, slots=True)
class Layout:
    """How one file is read: its preset (or the mapping), and where each column is."""

    preset: str
    platform: Platform
    kind: MetricsKind
    zone: str
    date_formats: tuple[str, ...]
    time_column: int | None
    columns: Mapping[str, int]  # series or total name → column index
    units: Mapping[str, str] = field(default_factory=dict)  # name → the unit its header states ("分", "Rp", "元"…)
    fen: frozenset[str] = frozenset()  # names whose amounts are in 分
    decimal_comma: bool = False
