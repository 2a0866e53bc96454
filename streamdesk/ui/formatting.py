"""How numbers, money and times look on screen. Core keeps minor units and aware UTC; only the UI formats them."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from decimal import Decimal

from streamdesk.core.money import exponent, format_minor

# Secondary text (names under values, hints, where a file is): Qt's palette role for hint text, so it follows the
# light or dark theme. The one style sheet for it in the app.
MUTED_STYLE = "color: palette(placeholder-text);"

_SYMBOLS = {
    "CNY": "¥",
    "JPY": "JP¥",
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "HKD": "HK$",
    "TWD": "NT$",
    "KRW": "₩",
    "VND": "₫",
    "IDR": "Rp",
    "BRL": "R$",
}


def currency_symbol(currency: str) -> str:
    """ "¥" for CNY, the ISO code plus a space for currencies without a well-known symbol."""
    return _SYMBOLS.get(currency.upper(), currency.upper() + " ")


def format_money(minor: int | None, currency: str) -> str:
    """ "¥1,299.00" for 129900 CNY, "-$3.50" for -350 USD, "" for None (unknown is not zero)."""
    if minor is None:
        return ""
    digits = exponent(currency)
    amount = Decimal(abs(minor)).scaleb(-digits)
    grouped = f"{amount:,.{digits}f}"
    sign = "-" if minor < 0 else ""
    return f"{sign}{currency_symbol(currency)}{grouped}"


def format_amount_for_editing(minor: int | None, currency: str) -> str:
    """Digits and a dot only ("1299.00"), what an editor shows for the user to change; "" for None."""
    return "" if minor is None else format_minor(minor, currency)


def format_percent(value: float | None, digits: int = 1) -> str:
    """ "42.5%" for 42.5 (a value already in percent), "" for None."""
    if value is None:
        return ""
    return f"{value:.{digits}f}%"


def format_count(value: int) -> str:
    """Thousands separators: "100,000"."""
    return f"{value:,}"


def format_local_datetime(moment: datetime | str, with_seconds: bool = False) -> str:
    """Local wall-clock time of an aware UTC datetime (or ISO 8601 text with a zone), e.g. "2026-01-05 20:00"."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:  # stored rows are always aware; treat a stray naive value as UTC rather than local
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    return local.strftime("%Y-%m-%d %H:%M:%S" if with_seconds else "%Y-%m-%d %H:%M")


def format_duration(seconds: int) -> str:
    """Whole seconds as "m:ss" under an hour and "h:mm:ss" from an hour on: 75 → "1:15", 3725 → "1:02:05"."""
    sign = "-" if seconds < 0 else ""
    minutes, secs = divmod(abs(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def countdown_second(remaining: float) -> int:
    """The whole second a countdown shows: rounded up, so "5:00" stays until a full second has run and "0:00" is
    reached exactly when the time is up; from then on the negative values count the overtime up.

    Rounded to the microsecond first: float sums of clock readings land a hair beside a whole second.
    """
    return math.ceil(round(remaining, 6))


def format_timer(remaining: float) -> str:
    """A segment countdown: "4:59" while time is left, "+1:05" counting up once it has run out (overtime)."""
    shown = countdown_second(remaining)
    return format_duration(shown) if shown > 0 else "+" + format_duration(-shown)


def flash_sale_tenths(remaining: float) -> int:
    """Tenths of a second a flash-sale countdown shows (rounded up, like countdown_second)."""
    return max(0, math.ceil(round(remaining * 10, 6)))


def format_flash_sale(remaining: float) -> str:
    """Seconds as "m:ss" down to ten seconds, then with tenths: "1:30", "0:10", "9.9", …, "0.1", "0.0"."""
    tenths = flash_sale_tenths(remaining)
    if tenths < 100:
        return f"{tenths // 10}.{tenths % 10}"
    return format_duration(countdown_second(remaining))
