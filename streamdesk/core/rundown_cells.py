"""Cells of a rundown file: column ids and their aliases, durations, segment kinds, fixed start times, SKU lists.

The column meanings are documented in core/rundown_io.py. Local time is the computer's time zone unless a zone is
passed (tests pass Asia/Shanghai); stored times stay aware UTC.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime, time, timedelta, tzinfo

from streamdesk.core.local_time import SkippedLocalTime, aware_local
from streamdesk.core.products_io.cells import clean_id, clean_text
from streamdesk.core.products_io.mapping import normalise_header
from streamdesk.core.show_types import SegmentKind, ShowDetail

COLUMNS = ("position", "kind", "title", "planned", "fixed_start", "skus", "talking_points", "promotion_cue",
           "warn", "danger", "flash_sale_seconds", "notes")  # fmt: skip
EXPORT_ONLY = ("start", "end", "products")
REQUIRED = ("title", "planned")
ALIASES: dict[str, tuple[str, ...]] = {
    "position": ("pos", "#", "no", "no.", "序号", "顺序", "编号"),
    "kind": ("type", "segment kind", "类型", "环节类型", "环节"),
    "title": ("segment", "标题", "名称", "环节名称", "环节标题"),
    "planned": ("duration", "planned seconds", "length", "时长", "计划时长", "预计时长"),
    "fixed_start": ("fixed time", "固定开始", "固定开始时间", "定时开始", "定时"),
    "skus": ("sku", "sku codes", "商品", "商品/sku", "商家编码", "货号", "商品编码"),
    "talking_points": ("讲解要点", "要点", "话术"),
    "promotion_cue": ("promotion", "活动提示", "促销提示", "活动"),
    "warn": ("warn seconds", "warning", "警告", "提醒", "预警"),
    "danger": ("danger seconds", "紧急", "危险"),
    "flash_sale_seconds": ("flash sale", "秒杀倒计时", "秒杀时长"),
    "notes": ("note", "备注"),
}
KIND_NAMES: dict[str, SegmentKind] = {
    **{kind.value: kind for kind in SegmentKind},
    **{name: SegmentKind.OPENING for name in ("开场", "开播", "欢迎")},
    **{name: SegmentKind.WARM_UP for name in ("warmup", "暖场", "预热")},
    **{name: SegmentKind.PITCH for name in ("product_pitch", "讲解", "商品讲解", "产品讲解", "过款")},
    **{name: SegmentKind.FLASH_SALE for name in ("flashsale", "秒杀", "限时秒杀")},
    **{name: SegmentKind.GIVEAWAY for name in ("lucky_draw", "福袋", "抽奖", "福利", "送福利")},
    **{name: SegmentKind.INTERACTION for name in ("q&a", "qa", "互动", "问答", "互动问答")},
    **{name: SegmentKind.BREAK for name in ("休息", "中场休息")},
    **{name: SegmentKind.CLOSING for name in ("收尾", "结束", "下播", "结尾")},
}
_SKU_SEPARATORS = re.compile(r"[\s,，、;；]+")
_CLOCK = re.compile(r"(\d+):([0-5]\d)(?::([0-5]\d))?")
_UNITS = re.compile(r"(\d+(?:\.\d+)?)(hours?|hr|h|小时|时|minutes?|mins?|m|分钟|分|seconds?|secs?|s|秒)")
_UNIT_SECONDS = {"h": 3600, "小": 3600, "时": 3600, "m": 60, "分": 60, "s": 1, "秒": 1}
_TIME_OF_DAY = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?")
_BRACKETED = re.compile(r"\(.*?\)")
POSITION = re.compile(r"\d+(?:\.0*)?")  # "3", or "3.0" from a spreadsheet
_NEXT_DAY_WINDOW = timedelta(hours=12)  # a show with no planned duration may run past midnight by this much


# --- cells -----------------------------------------------------------------------------------------------------
def parse_duration(cell: str) -> int | None:
    """Whole seconds from "5:00", "1:15:00", "300", "5m", "1h30m", "5分钟", "30秒"; None for a blank cell.

    Raises ValueError for anything else (negative values included).
    """
    text = unicodedata.normalize("NFKC", cell).strip().casefold().replace(" ", "")
    if not text:
        return None
    if text.isdigit():
        return int(text)
    clock = _CLOCK.fullmatch(text)
    if clock is not None:
        first, second, third = clock.groups()
        if third is None:
            return int(first) * 60 + int(second)
        return int(first) * 3600 + int(second) * 60 + int(third)
    total, at = 0.0, 0
    for match in _UNITS.finditer(text):
        if match.start() != at:
            raise ValueError(cell)
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2)[0]]
        at = match.end()
    if at == 0 or at != len(text):
        raise ValueError(cell)
    return round(total)


def parse_kind(cell: str) -> SegmentKind:
    """A SegmentKind from its id, English words ("warm-up", "Q&A") or Chinese name; blank is a pitch."""
    text = unicodedata.normalize("NFKC", cell).strip().casefold()
    if not text:
        return SegmentKind.PITCH
    key = re.sub(r"[\s\-]+", "_", text)
    kind = KIND_NAMES.get(key) or KIND_NAMES.get(key.replace("_", ""))
    if kind is None:
        raise ValueError(cell)
    return kind


def local(moment: datetime, zone: tzinfo | None) -> datetime:
    """An aware time in ``zone`` (None: the computer's time zone, with its daylight-saving rules)."""
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def _aware(naive: datetime, zone: tzinfo | None) -> datetime:
    return aware_local(naive, zone)  # SkippedLocalTime (a ValueError) for a time the clocks jump over


def parse_fixed_start(cell: str, show: ShowDetail, zone: tzinfo | None) -> datetime | None:
    """An aware fixed start from "20:00" (on the show's local date, see the module notes) or an ISO date-time.

    Raises ValueError for text that is neither, SkippedLocalTime (a ValueError) for a time the clocks skip that day
    (core/local_time.py; a repeated time is its first occurrence), and LookupError for a time of day when the show
    has no date.
    """
    text = unicodedata.normalize("NFKC", cell).strip()
    if not text:
        return None
    clock = _TIME_OF_DAY.fullmatch(text)
    if clock is None:
        moment = datetime.fromisoformat(text.replace("/", "-"))  # ValueError for anything else
        return moment if moment.tzinfo is not None else _aware(moment, zone)
    if show.planned_start is None:
        raise LookupError(cell)
    hour, minute, second = (int(part or 0) for part in clock.groups())
    start = local(show.planned_start, zone)
    moment = _aware(datetime.combine(start.date(), time(hour, minute, second)), zone)
    if moment < show.planned_start:
        window = timedelta(seconds=show.planned_seconds) if show.planned_seconds > 0 else _NEXT_DAY_WINDOW
        tomorrow = _aware(datetime.combine(start.date() + timedelta(days=1), time(hour, minute, second)), zone)
        if tomorrow <= show.planned_start + window:
            return tomorrow
    return moment


def format_fixed_start(moment: datetime, show: ShowDetail, zone: tzinfo | None) -> str:
    """The text "20:00" when that reads back as the same instant, else an ISO date-time with its offset."""
    shown = local(moment, zone)
    short = shown.strftime("%H:%M" if shown.second == 0 else "%H:%M:%S")
    try:
        if shown.microsecond == 0 and parse_fixed_start(short, show, zone) == moment:
            return short
    except (LookupError, SkippedLocalTime):  # no show date, or that clock time is skipped on the show's day
        pass
    return shown.isoformat(sep=" ", timespec="seconds")


def split_skus(cell: str) -> tuple[str, ...]:
    codes = (clean_id(code) for code in _SKU_SEPARATORS.split(clean_text(cell)))
    return tuple(code for code in codes if code)


# --- headers -------------------------------------------------------------------------------------------------
def _column_of(header: str) -> str | None:
    name = _BRACKETED.sub("", normalise_header(header).replace("（", "(").replace("）", ")")).strip()
    for column in COLUMNS:
        if name in (normalise_header(column), *(normalise_header(alias) for alias in ALIASES[column])):
            return column
    return None


def map_columns(headers: Sequence[str]) -> tuple[dict[str, int], tuple[str, ...]]:
    """Column id → index in the row (the leftmost header wins), and the headers left unused."""
    found: dict[str, int] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        column = _column_of(header)
        if column is None or column in found:
            ignored.append(header)
        else:
            found[column] = index
    return found, tuple(ignored)
