"""The platform presets as data (FORMATS.md §2): header aliases per canonical field, required fields, how to spot
the header row, order id shapes, date formats and status vocabularies.

Headers are matched by normalised name (``products_io.mapping.normalise_header``: BOM, tabs, width, case), never
by position; the first alias present in a file wins. Confidence follows the FORMATS legend: presets marked "I"
(快手, Whatnot) are inferred and the import dialog shows their mapping before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping

from streamdesk.core.order_types import Platform
from streamdesk.core.orders_io.cells import LOCAL_ZONE
from streamdesk.core.orders_io.presets_cn import CHANNELS, DOUYIN, KUAISHOU, TAOBAO, TAOBAO_LINES
from streamdesk.core.orders_io.presets_common import CN_DATES, CN_ID
from streamdesk.core.orders_io.presets_intl import ETSY, ETSY_ORDERS, SHOPIFY, TIKTOK, WHATNOT
from streamdesk.core.orders_io.types import Preset

__all__ = ["CHANNELS", "CN_DATES", "CN_ID", "DOUYIN", "ETSY", "ETSY_ORDERS", "KUAISHOU", "SHOPIFY", "TAOBAO",
           "TAOBAO_LINES", "TIKTOK", "TIKTOK_DAY_FIRST", "TIKTOK_DAY_FIRST_DATES",
           "TIKTOK_MARKET_ZONES", "WHATNOT"]  # fmt: skip

PRESETS: tuple[Preset, ...] = (
    DOUYIN,
    KUAISHOU,
    CHANNELS,
    TAOBAO,
    TAOBAO_LINES,
    SHOPIFY,
    TIKTOK,
    WHATNOT,
    ETSY,
    ETSY_ORDERS,
)
BY_VARIANT: Mapping[str, Preset] = {preset.variant: preset for preset in PRESETS}
LISTED: tuple[Preset, ...] = tuple(preset for preset in PRESETS if preset.listed)
BY_KEY: Mapping[str, Preset] = {preset.key: preset for preset in LISTED}

# Zones for naive times when the settings name none (FORMATS.md §1): China is UTC+8 all year; TikTok US and
# Whatnot exports are read as Pacific time (one parser's reading: see FORMATS.md §7); Etsy's dates and the seller's
# own files in the computer's zone (LOCAL_ZONE); Shopify writes offsets.
DEFAULT_ZONES: Mapping[Platform, str] = {
    Platform.DOUYIN: "Asia/Shanghai",
    Platform.KUAISHOU: "Asia/Shanghai",
    Platform.CHANNELS: "Asia/Shanghai",
    Platform.TAOBAO: "Asia/Shanghai",
    Platform.TIKTOK: "America/Los_Angeles",
    Platform.WHATNOT: "America/Los_Angeles",
    Platform.SHOPIFY: "UTC",  # Shopify writes the offset into every time ("+0200")
    Platform.ETSY: LOCAL_ZONE,  # Etsy gives dates only: the seller's own day, wherever the seller is
    Platform.OTHER: LOCAL_ZONE,  # the seller's own spreadsheet (a column mapping): the seller's time
}

# TikTok Shop writes times in its market's own zone. The market is told by the order's currency (a currency column,
# else the amounts' symbol: "₫", "Rp", "RM"…): US dollars (the preset's default) keep DEFAULT_ZONES' Pacific time.
# The LIVE metrics lists use the same table (metrics_io.presets).
TIKTOK_MARKET_ZONES: Mapping[str, str] = {
    "IDR": "Asia/Jakarta",
    "MYR": "Asia/Kuala_Lumpur",
    "THB": "Asia/Bangkok",
    "VND": "Asia/Ho_Chi_Minh",
    "PHP": "Asia/Manila",
    "SGD": "Asia/Singapore",
    "GBP": "Europe/London",
    "EUR": "Europe/Berlin",
    "MXN": "America/Mexico_City",
    "BRL": "America/Sao_Paulo",
    "JPY": "Asia/Tokyo",
    "USD": "America/Los_Angeles",
}
# Markets that write the day first (VN "10/03/2026 20:05:00" is 10 March): their files try day-first formats
# before the preset's US month-first ones, which would read that date as 3 October.
TIKTOK_DAY_FIRST: frozenset[str] = frozenset({"IDR", "MYR", "THB", "VND", "SGD", "GBP", "EUR", "BRL", "MXN"})
TIKTOK_DAY_FIRST_DATES: tuple[str, ...] = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %I:%M:%S %p",
    "%d/%m/%Y %I:%M %p",
    "%d/%m/%Y",
)
