"""One cell of an order export as a value: order ids, dates in the platform's zone, money, statuses, addresses.

Reuses products_io.cells for what both importers share (ID wrappers, Excel-damaged numbers, money through
Decimal). These run once per order or per line of a 200,000-line file, so common shapes take a fast path.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from streamdesk.core.money import parse_amount
from streamdesk.core.order_types import OrderStatus
from streamdesk.core.products_io.cells import EMPTY_MARKERS, excel_damaged
from streamdesk.core.products_io.cells import parse_money as _plain_money

_EXCEL_EPOCH = datetime(1899, 12, 30)
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_TRACKING_TOKEN = re.compile(r"[A-Za-z0-9]{6,}")
_POSTCODE_TAIL = re.compile(r"\s*[(（]\s*(\d{6})\s*[)）]\s*$")
_REGION_END = ("省", "自治区", "特别行政区", "市", "区", "县", "旗", "盟", "州")
_SPACES = re.compile(r"\s+")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_CURRENCY_HINTS = (
    ("BRL", "BRL"),
    ("R$", "BRL"),
    ("US$", "USD"),
    ("HK$", "HKD"),
    ("S$", "SGD"),
    ("RM", "MYR"),
    ("Rp", "IDR"),
    ("₫", "VND"),
    ("VND", "VND"),
    ("฿", "THB"),
    ("₱", "PHP"),
    ("£", "GBP"),
    ("€", "EUR"),
    ("¥", "CNY"),
    ("￥", "CNY"),
    ("元", "CNY"),
    ("$", "USD"),
)
DECIMAL_COMMA_CURRENCIES = frozenset({"BRL", "EUR", "VND", "IDR"})


QUICK_BLANKS = frozenset({"", "-", "--", "/", "nan", "NaN", "none", "None", "null", "NULL", "n/a", "N/A", "\t"})


def blank(text: str) -> bool:
    """An empty cell or an empty marker (抖店 writes "-"; pandas dumps write "nan")."""
    if text in QUICK_BLANKS:
        return True
    if len(text) > 4 and not text[0].isspace() and not text[-1].isspace():
        return False  # the common case: real text, untouched by padding
    return text.strip().casefold() in EMPTY_MARKERS


def json_object(pairs: tuple[tuple[str, str], ...]) -> str:
    """raw_json: the columns no field maps, as read."""
    return json.dumps(dict(pairs), ensure_ascii=False) if pairs else "{}"


def clean_text(text: str) -> str:
    """Free text trimmed; an empty marker becomes "". Never evaluated, never un-neutralised."""
    if not text:
        return ""
    text = text.strip()
    if len(text) <= 4 and text.isascii() and text.casefold() in EMPTY_MARKERS:
        return ""
    return text


def clean_order_id(cell: str) -> tuple[str, bool]:
    """(id, protected): surrounding \t and spaces, a ``="…"`` wrapper or a leading ' removed.

    ``protected`` is True when the cell carried one of those guards: its digits were stored as text, so a
    trailing 000 is real and not Excel's 15-digit rounding.
    """
    text = cell.strip()
    first = text[:1]
    if first == "=" and text[1:2] == '"' and text[-1:] == '"' and len(text) >= 3:
        return text[2:-1].strip(), True
    if first == "'":
        return text[1:].strip(), True
    return text, cell[:1] == "\t"


def id_damaged(value: str, protected: bool) -> bool:
    """True for an id a spreadsheet already rounded: "6.91735E+18", or 16–19 digits whose digits beyond the
    15th are zeros ending in 000 (Excel keeps 15 significant digits). Guarded cells are never rounded."""
    if ("E" in value or "e" in value) and excel_damaged(value):
        return True
    if protected or len(value) <= 15 or not value.endswith("000") or not value.isdigit():
        return False
    return value[15:].strip("0") == ""


@lru_cache(maxsize=32)
def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


# Cached: a live show's orders share their seconds and a shop's prices repeat, so a 200,000-line file has far
# fewer distinct time and amount cells than rows. Both results are immutable (datetime, int, None).
@lru_cache(maxsize=8192)
def parse_datetime(text: str, formats: tuple[str, ...], zone_name: str) -> datetime | None:
    """Aware UTC, or None for a blank cell. Naive times are read in ``zone_name``; raises ValueError."""
    text = text.strip()
    if len(text) <= 4 and (not text or text.casefold() in EMPTY_MARKERS):
        return None
    try:
        value = datetime.fromisoformat(text)  # C fast path: "2025-10-07 09:50:26", XLSX cells, ISO with offset
    except ValueError:
        value = _with_formats(text, formats)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(zone_name))
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:  # 0001-01-01 in Beijing or 9999-12-31 in Los Angeles is outside datetime's range
        raise ValueError(text) from exc


LOCAL_ZONE = "local"  # DEFAULT_ZONES' name for the computer's own zone: date-only exports, the seller's own files
_EAST = "Etc/GMT-14"  # UTC+14: a naive time reads differently here than in UTC, an aware one does not


def parse_datetime_in(text: str, formats: tuple[str, ...], zone_name: str) -> datetime | None:
    """parse_datetime, where LOCAL_ZONE reads naive times in the computer's zone as it is now (the cache of
    parse_datetime holds UTC readings only: the computer's zone can change while the app runs)."""
    if zone_name != LOCAL_ZONE:
        return parse_datetime(text, formats, zone_name)
    as_utc = parse_datetime(text, formats, "UTC")
    if as_utc is None or parse_datetime(text, formats, _EAST) == as_utc:
        return as_utc  # blank, or the text names its own offset
    try:
        return as_utc.replace(tzinfo=None).astimezone().astimezone(UTC)
    except (OverflowError, OSError) as exc:  # a year the C library cannot place in local time
        raise ValueError(text) from exc


def _with_formats(text: str, formats: tuple[str, ...]) -> datetime:
    normalised = _SPACES.sub(" ", unicodedata.normalize("NFKC", text))
    for pattern in formats:
        try:
            return datetime.strptime(normalised, pattern)
        except ValueError:
            continue
    if _SERIAL.fullmatch(normalised):  # an Excel date serial whose cell lost its date format
        return _EXCEL_EPOCH + timedelta(days=float(normalised))
    raise ValueError(text)


def currency_hint(text: str) -> str | None:
    """The currency an amount's own symbol names ("BRL 35,91" → BRL, "$25.00" → USD), None without one."""
    if text[:1].isdigit() and text[-1:].isdigit():
        return None  # "1,299.00": no symbol (none of them sits between digits)
    for mark, code in _CURRENCY_HINTS:
        if mark in text:
            return code
    return None


@lru_cache(maxsize=8192)
def parse_money(text: str, currency: str) -> int | None:
    """Minor units or None for blank; symbols, separators and full-width digits handled (money.parse_amount).
    Comma decimals only for currencies that write them (BRL 35,91). Raises UserError("money.invalid")."""
    text = text.strip()
    if not text or text.casefold() in EMPTY_MARKERS:
        return None
    if "," in text:
        if currency in DECIMAL_COMMA_CURRENCIES and "." not in text:
            return parse_amount(text, currency, decimal_comma=True)
        if _THOUSANDS.fullmatch(text):  # "1,299.00": the separators go, the plain path takes the rest
            return _plain_money(text.replace(",", ""), currency)
    return _plain_money(text, currency)


@lru_cache(maxsize=1024)
def status_key(text: str) -> str:
    """Status text as the tables hold it: NFKC (full-width comma), case-folded, without spaces."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).casefold()


def status_table(table: Mapping[str, OrderStatus | None]) -> dict[str, OrderStatus | None]:
    """A preset's status vocabulary keyed by status_key, built once per import."""
    return {status_key(word): status for word, status in table.items()}


def masked(*values: str) -> bool:
    """Platforms mask personal data with * (138****1234, 张**)."""
    return any("*" in value for value in values)


def split_logistics(text: str) -> tuple[str, str]:
    """抖店 快递信息 packs courier and number in one cell: (courier, tracking number)."""
    text = clean_text(text)
    if not text:
        return "", ""
    courier, _, number = text.rpartition(" ")
    if courier and len(number) >= 6 and number.isalnum() and number.isascii() and not _has_digitless(number):
        return courier.strip(), number  # the usual "中通快递 73512345678901"
    tokens = _TRACKING_TOKEN.findall(text)
    numbers = [token for token in tokens if any(ch.isdigit() for ch in token)]
    if not numbers:
        return text, ""
    number = max(numbers, key=len)
    courier = text.replace(number, " ")
    courier = _SPACES.sub(" ", re.sub(r"[,，:：;；/|]", " ", courier)).strip()
    return courier, number


def _has_digitless(token: str) -> bool:
    return not any(ch.isdigit() for ch in token)


def split_cn_address(text: str) -> tuple[str, str, str, str, str]:
    """淘宝 收货地址 "省 市 区 详细地址（邮编）" → (province, city, district, detail, postcode).

    Only leading parts that end like a region name are taken; anything else stays in the detail.
    """
    text = clean_text(text)
    postcode = ""
    found = _POSTCODE_TAIL.search(text)
    if found:
        postcode = found.group(1)
        text = text[: found.start()]
    parts = text.split()
    regions: list[str] = []
    while parts and len(regions) < 3 and parts[0].endswith(_REGION_END):
        regions.append(parts.pop(0))
    if len(regions) == 2 and regions[0].endswith("市"):  # 北京市 朝阳区: a municipality is its own city
        regions.insert(0, regions[0])
    regions += [""] * (3 - len(regions))
    return regions[0], regions[1], regions[2], " ".join(parts), postcode


def join_address(first: str, second: str) -> str:
    """Street + detail (抖店 街道 + 详细地址, Address1 + Address2), without repeating what is already there."""
    first, second = clean_text(first), clean_text(second)
    if not second or second in first:
        return first
    if not first or first in second:
        return second
    return f"{first} {second}"
