"""Booking counts per channel from a spreadsheet ("channel, bookings"), matched to a show's booking links.

The file is read by products_io.reading.read_source (CSV in UTF-8/GB18030/UTF-16 or XLSX, every cell as text).
A channel cell names a link by its label, or by its kind's name in either language ("公众号", "Moments") when only
one link of the show has that kind. Planning writes nothing; rows with a problem are left out of the plan and
reported by spreadsheet row.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from streamdesk.core.errors import UserError
from streamdesk.core.warmup_types import BookingCountRow, BookingCountsPlan, BookingLinkRow
from streamdesk.models.base import ChannelKind

if TYPE_CHECKING:
    from sqlmodel import Session

    from streamdesk.core.products_io.types import SourceTable

# What people call each channel, in both languages (labels.py has the display names; matching needs no Qt).
CHANNEL_NAMES: dict[ChannelKind, tuple[str, ...]] = {
    ChannelKind.WECHAT_OA: (
        "公众号",
        "微信公众号",
        "服务号",
        "WeChat official account",
        "official account",
        "WeChat OA",
    ),
    ChannelKind.MOMENTS: ("朋友圈", "微信朋友圈", "Moments", "WeChat Moments"),
    ChannelKind.COMMUNITY: ("社群", "微信群", "粉丝群", "Customer groups", "customer group", "community", "group chat"),
    ChannelKind.SHORT_VIDEO: ("短视频", "短视频预告", "预告视频", "Short video", "short videos", "teaser video"),
    ChannelKind.WEIBO: ("微博", "Weibo"),
    ChannelKind.XIAOHONGSHU: ("小红书", "Xiaohongshu", "RED", "xhs"),
    ChannelKind.INSTAGRAM: ("Instagram", "IG", "ins"),
    ChannelKind.POSTER: ("海报", "门店海报", "Poster", "printed poster", "posters"),
    ChannelKind.OTHER: ("其他", "其它", "Other"),
}
CHANNEL_HEADERS = ("渠道", "渠道名称", "渠道名", "来源", "来源渠道", "channel", "channels", "source", "label")
BOOKING_HEADERS = ("预约人数", "预约数", "预约量", "预约", "人数", "bookings", "booking", "booked", "reservations")
COUNT_SUFFIXES = ("人次", "人", "次")
MAX_BOOKINGS = 100_000_000


def normalise(text: str) -> str:
    """Case, width and spacing do not matter: "ＷｅＣｈａｔ  OA " matches "wechat oa"."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def match_channel(links: Sequence[BookingLinkRow], name: str) -> tuple[BookingLinkRow, ...]:
    """The links ``name`` means: those labelled so; else those whose kind is called so (its value or its name in
    either language). Several links back means the name is ambiguous."""
    wanted = normalise(name)
    if not wanted:
        return ()
    labelled = tuple(link for link in links if link.label and normalise(link.label) == wanted)
    if labelled:
        return labelled
    kinds = {kind for kind, names in CHANNEL_NAMES.items() if wanted in {normalise(n) for n in (kind.value, *names)}}
    return tuple(link for link in links if link.kind in kinds)


def _column(headers: Sequence[str], names: Sequence[str]) -> int | None:
    wanted = [normalise(name) for name in names]
    found = {normalise(header): index for index, header in reversed(list(enumerate(headers)))}
    return next((found[name] for name in wanted if name in found), None)


def parse_count(text: str) -> int | None:
    """A booking count as people type it ("1,234", "１２３", "56人", "12.0"); None when it is not a whole number."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    for suffix in COUNT_SUFFIXES:
        cleaned = cleaned.removesuffix(suffix)
    cleaned = cleaned.replace(",", "").replace("_", "").replace(" ", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite() or value != value.to_integral_value():
        return None
    return int(value)


Problems = list[tuple[int, str, tuple[tuple[str, str | int], ...]]]


def plan_counts(show_id: int, source: SourceTable, links: Sequence[BookingLinkRow]) -> BookingCountsPlan:
    """Match every row to one link of the show; rows with a problem are reported and left out."""
    channel_column = _column(source.headers, CHANNEL_HEADERS)
    count_column = _column(source.headers, BOOKING_HEADERS)
    if channel_column is None or count_column is None:
        raise UserError("warmup.counts_columns_missing", headers=", ".join(h for h in source.headers if h))
    rows: list[BookingCountRow] = []
    problems: Problems = []
    seen: dict[int, int] = {}  # link id → row that set it
    for index, cells in enumerate(source.rows):
        if not cells:
            continue
        row_number = source.row_number(index)
        channel, count_text = cells[channel_column].strip(), cells[count_column].strip()
        if not channel and not count_text:
            continue
        if not channel:
            problems.append((row_number, "warmup.count_channel_missing", (("bookings", count_text),)))
            continue
        matched = match_channel(links, channel)
        if not matched:
            problems.append((row_number, "warmup.count_channel_unknown", (("channel", channel),)))
            continue
        if len(matched) > 1:
            problems.append(
                (row_number, "warmup.count_channel_ambiguous", (("channel", channel), ("count", len(matched))))
            )
            continue
        link = matched[0]
        count = parse_count(count_text)
        if not count_text:
            problems.append((row_number, "warmup.count_missing", (("channel", channel),)))
        elif count is None:
            problems.append((row_number, "warmup.count_not_a_number", (("channel", channel), ("value", count_text))))
        elif count < 0 or count > MAX_BOOKINGS:
            problems.append((row_number, "warmup.count_out_of_range", (("channel", channel), ("value", count_text))))
        elif link.id in seen:
            fields: tuple[tuple[str, str | int], ...] = (("channel", channel), ("first_row", seen[link.id]))
            problems.append((row_number, "warmup.count_channel_twice", fields))
        else:
            seen[link.id] = row_number
            rows.append(BookingCountRow(row=row_number, link_id=link.id, channel=channel, old=link.bookings, new=count))
    return BookingCountsPlan(show_id=show_id, rows=tuple(rows), problems=tuple(problems))


def apply_counts(session: Session, plan: BookingCountsPlan, now: datetime) -> int:
    """Write the plan's counts; returns how many links changed. UserError("warmup.link_not_found") when a link is
    gone or belongs to another show (the caller's transaction then writes nothing)."""
    from streamdesk.core.warmup_store import require_link

    changed = 0
    for row in plan.rows:
        link = require_link(session, row.link_id)
        if link.show_id != plan.show_id:
            raise UserError("warmup.link_not_found", link_id=row.link_id)
        if link.bookings != row.new:
            link.bookings, link.updated_at = row.new, now
            session.add(link)
            changed += 1
    return changed
