"""One cell of a metrics export as a value: counts ("1,234", "1.2万", "3,4 rb"), durations ("01:02:03", "1小时2分",
"1h 2m 3s"), amounts (orders_io.cells.parse_money, plus 分 and dot-grouped rupiah) and a header's bracketed unit.

Each parser returns None for a blank cell or an empty marker and raises ValueError for text that is not a value;
the planner turns that into a row problem.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from streamdesk.core.errors import UserError
from streamdesk.core.money import WHOLE_LIMIT, exponent
from streamdesk.core.orders_io.cells import blank, currency_hint, parse_money
from streamdesk.core.products_io.mapping import normalise_header

_UNIT = re.compile(r"\s*[(（]\s*([^()（）]*?)\s*[)）]\s*$")
_MULTIPLIERS = {
    "万": Decimal(10_000),
    "w": Decimal(10_000),
    "亿": Decimal(100_000_000),
    "k": Decimal(1_000),
    "rb": Decimal(1_000),  # ribu
    "m": Decimal(1_000_000),
    "jt": Decimal(1_000_000),  # juta
}
_COUNT = re.compile(r"([+-]?[\d.,]+)\s*(万|w|亿|k|rb|m|jt)?\s*(人|次|个|件|单|人次)?")
_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:\.\d+)?")
_DURATION_PART = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(小时|時|时|hours?|hrs?|jam|h|分钟|分鐘|分|minutes?|mins?|menit|m|秒|seconds?|secs?|detik|dtk|s)",
    re.IGNORECASE,
)
_HOURS = {"小时", "時", "时", "hour", "hours", "hr", "hrs", "h", "jam"}
_MINUTES = {"分钟", "分鐘", "分", "minute", "minutes", "min", "mins", "m", "menit"}
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
# ISO codes a header may state in brackets ("Revenue (USD)"); "(GMV)" and other words are not currencies.
_CURRENCY_CODES = frozenset(
    {"CNY", "HKD", "TWD", "MOP", "USD", "CAD", "AUD", "NZD", "GBP", "EUR", "JPY", "KRW"}
    | {"SGD", "MYR", "IDR", "THB", "VND", "PHP", "INR", "BRL", "MXN", "AED", "SAR"}
)
_TOTAL_WORDS = frozenset(
    {"合计", "总计", "汇总", "总和", "total", "totals", "grand total", "jumlah", "total keseluruhan"}
)


def split_unit(header: str) -> tuple[str, str]:
    """(normalised name without its bracketed unit, the unit as written): "成交金额（分）" → ("成交金额", "分")."""
    found = _UNIT.search(header)
    if found is None:
        return normalise_header(header), ""
    return normalise_header(header[: found.start()]), found.group(1)


def unit_currency(unit: str) -> str | None:
    """The currency a header's unit names ("Rp" → IDR, "USD" → USD, "元" → CNY), None for none or "分"."""
    unit = unit.strip()
    if not unit or unit == "分":
        return None
    if unit.upper() in _CURRENCY_CODES:
        return unit.upper()
    if unit.isalpha() and unit.isascii() and unit not in ("Rp", "RM"):
        return None  # a word in brackets, such as 成交金额(GMV)
    return currency_hint(unit)


def is_total_row(text: str) -> bool:
    """A 合计/Total line that some exports append under the data."""
    return normalise_header(text) in _TOTAL_WORDS


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().replace(" ", "").replace("\u00a0", "")


def _ungroup(digits: str, decimal_comma: bool) -> str:
    """Digits with thousands separators taken out and a decimal comma made a dot."""
    if _GROUPED.fullmatch(digits):
        return digits.replace(",", "").replace(".", "")
    if decimal_comma:
        return digits.replace(".", "").replace(",", ".")
    return digits.replace(",", "")


def parse_count(text: str, *, decimal_comma: bool = False) -> int | None:
    """A whole, non-negative count; "1.2万" = 12,000, "3,4 rb" = 3,400 (Indonesian). Raises ValueError."""
    if blank(text):
        return None
    cleaned = _normal(text).casefold()
    found = _COUNT.fullmatch(cleaned)
    if found is None:
        raise ValueError(text)
    digits = found.group(1)
    if found.group(2):  # "1.234万" is a decimal before its multiplier, never a grouped number
        digits = digits.replace(",", ".") if decimal_comma else digits.replace(",", "")
    else:
        digits = _ungroup(digits, decimal_comma)
    try:
        value = Decimal(digits)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if found.group(2):
        value *= _MULTIPLIERS[found.group(2)]
    if not value.is_finite() or value < 0 or value >= WHOLE_LIMIT or value != value.to_integral_value():
        raise ValueError(text)
    return int(value)


def parse_duration(text: str) -> int | None:
    """Seconds from "01:02:03", "62:03", "3723", "1小时2分3秒", "1h 2m 3s" or "1 jam 2 menit". Raises ValueError."""
    if blank(text):
        return None
    cleaned = unicodedata.normalize("NFKC", text).strip()
    clock = _CLOCK.fullmatch(cleaned)
    if clock is not None:
        hours, minutes, seconds = (int(part) if part else 0 for part in clock.groups())
        if clock.group(1) is not None and minutes >= 60:
            raise ValueError(text)
        return hours * 3600 + minutes * 60 + seconds
    try:
        plain = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        return _worded_duration(cleaned, text)
    if not plain.is_finite() or plain < 0 or plain >= WHOLE_LIMIT:  # "NaN", "Infinity", "1e999" are Decimals too
        raise ValueError(text)
    return int(plain.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _worded_duration(cleaned: str, text: str) -> int:
    total = Decimal(0)
    position = 0
    matched = False
    for part in _DURATION_PART.finditer(cleaned):
        if cleaned[position : part.start()].strip():
            raise ValueError(text)
        amount = Decimal(part.group(1).replace(",", "."))
        unit = part.group(2).casefold()
        total += amount * (3600 if unit in _HOURS else 60 if unit in _MINUTES else 1)
        position, matched = part.end(), True
    if not matched or cleaned[position:].strip() or total >= WHOLE_LIMIT:
        raise ValueError(text)
    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_amount_cell(text: str, currency: str, *, fen: bool = False, decimal_comma: bool = False) -> int | None:
    """Minor units of ``currency``; ``fen``: the cell counts 分 (1/100 of a yuan). Raises ValueError."""
    if blank(text):
        return None
    if fen:
        try:
            amount = Decimal(_normal(text).replace(",", "")) / 100
        except InvalidOperation as exc:
            raise ValueError(text) from exc
        if not amount.is_finite() or not 0 <= amount < WHOLE_LIMIT:  # negative, as below
            raise ValueError(text)
        scaled = amount.scaleb(exponent(currency)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return int(scaled)
    cleaned = _normal(text)
    digits = re.sub(r"[^\d.,]", "", cleaned)
    if _GROUPED.fullmatch(digits) and (decimal_comma or exponent(currency) == 0):
        # "Rp1.234.567" or "1,234,567" rupiah: every separator groups thousands
        cleaned = cleaned.replace(digits, digits.replace(",", "").replace(".", ""))
    try:
        value = parse_money(cleaned, currency)
    except UserError as exc:
        raise ValueError(text) from exc
    if value is not None and value < 0:
        raise ValueError(text)
    return value
