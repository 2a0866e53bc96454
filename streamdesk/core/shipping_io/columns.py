"""The pieces presets are made of: cell kinds, columns, and the functions that take a cell's value from an order.

Each getter takes (order, line, context); ``line`` is None in one-row-per-order presets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum

from streamdesk.core.money import format_minor
from streamdesk.core.shipping_io.types import (
    ExportFormat,
    ExportLine,
    ExportOrder,
    ExportPresetInfo,
    RowUnit,
    SenderInfo,
)


class CellKind(StrEnum):
    TEXT = "text"  # user or platform free text: neutralised (FORMATS.md §5)
    CODE = "code"  # order numbers, phones, postcodes, tracking numbers: text that keeps every character
    NUMBER = "number"  # a count we produce
    MONEY = "money"  # an amount we format ("12.50")
    PLAIN = "plain"  # text we produce ourselves (dates, fixed words): never starts with a trigger


@dataclass(frozen=True, slots=True)
class Context:
    sender: SenderInfo
    zone: tzinfo | None  # None: the computer's time zone


Value = str | int | None
Getter = Callable[[ExportOrder, ExportLine | None, Context], Value]
ORDER_FIELDS: dict[Getter, int] = {}  # getters that read one field of the order: their index in ExportOrder


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    kind: CellKind
    value: Getter
    limit: int | None = None  # the target's field limit in characters (cut without a marker, and reported)
    latin: bool = False  # the target prints standard Roman characters only (Royal Mail names)


@dataclass(frozen=True, slots=True)
class Preset:
    key: str
    formats: tuple[ExportFormat, ...]
    unit: RowUnit
    courier: bool
    all_text: bool
    columns: tuple[Column, ...]
    needs_phone: bool = False  # Chinese couriers call the recipient: no phone, no label
    cn_address: bool = False  # 省/市/区 in their own cells: one-string addresses are split first

    def info(self) -> ExportPresetInfo:
        return ExportPresetInfo(
            key=self.key,
            formats=self.formats,
            headers=tuple(column.header for column in self.columns),
            unit=self.unit,
            courier=self.courier,
            all_text=self.all_text,
        )


# --- values ---------------------------------------------------------------------------------------------------
_MOBILE = re.compile(r"(?:\+?86)?1\d{10}")
_PHONE_NOISE = re.compile(r"[\s()\-]")
_NOT_DIGITS = re.compile(r"\D")


def is_mobile(phone: str) -> bool:
    """A mainland mobile number (11 digits from 1, optionally +86): 收件手机 rather than 收件电话."""
    return _MOBILE.fullmatch(_PHONE_NOISE.sub("", phone)) is not None


def items_text(order: ExportOrder) -> str:
    """``冰丝防晒衣 白/M ×2；遮阳帽 ×1``: what is in the parcel, for 托寄物内容 / 物品名称."""
    return "；".join(f"{' '.join(filter(None, (line.title, line.spec)))} ×{line.quantity}" for line in order.lines)


def cn_full_address(order: ExportOrder) -> str:
    """Province, city, district and street as one string, the city left out where it repeats (上海市浦东新区…)."""
    parts: list[str] = []
    for part in (order.province, order.city, order.district, order.address):
        if part and (not parts or parts[-1] != part):
            parts.append(part)
    return "".join(parts)


def notes_text(order: ExportOrder) -> str:
    return "；".join(note for note in (order.buyer_note, order.seller_note) if note)


def _money(minor: int | None, currency: str) -> str | None:
    return None if minor is None else format_minor(minor, currency)


def _local(moment: datetime | None, context: Context) -> datetime | None:
    return None if moment is None else moment.astimezone(context.zone)


def date(pattern: str) -> Getter:
    def value(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
        local = _local(order.created_at, context)
        return None if local is None else local.strftime(pattern)

    return value


def field(name: str) -> Getter:
    def value(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
        text: str = getattr(order, name)
        return text

    ORDER_FIELDS[value] = ExportOrder._fields.index(name)
    return value


def line_field(name: str) -> Getter:
    def value(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
        return None if line is None else getattr(line, name)

    return value


def line_money(name: str) -> Getter:
    def value(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
        return None if line is None else _money(getattr(line, name), order.currency)

    return value


def order_money(name: str) -> Getter:
    def value(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
        return _money(getattr(order, name), order.currency)

    return value


def sender(name: str) -> Getter:
    def value(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
        text: str = getattr(context.sender, name)
        return text

    return value


def blank(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
    return None


def mobile(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
    return order.phone if is_mobile(order.phone) else None


def landline(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
    return None if is_mobile(order.phone) else order.phone


def items(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
    return items_text(order)


def units(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
    return order.units


def notes(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
    return notes_text(order)


def full_address(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
    return cn_full_address(order)


def street_2(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
    return order.district  # Western label tools: the district (or a second street line) under the street


def first_name(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
    first, _, last = order.recipient.strip().rpartition(" ")
    return first if first else last


def last_name(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
    first, _, last = order.recipient.strip().rpartition(" ")
    return last if first else ""


def digits_phone(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
    return _NOT_DIGITS.sub("", order.phone)


def royal_mail_reference(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
    # Click & Drop's CSV import mangles all-digit references (its help page: numeric strings of ≤11 characters
    # only), and platform order numbers are 16–19 digits: a letter prefix keeps them text.
    return f"SD{order.order_no}" if order.order_no.isdigit() else order.order_no


def order_line_count(order: ExportOrder, line: ExportLine | None, context: Context) -> Value:
    return None if line is None else line.quantity
