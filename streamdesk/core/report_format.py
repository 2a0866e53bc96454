"""How the review report writes its numbers, the same way the Review page does: money with the currency's symbol,
ratios as percentages, counts grouped, durations as m:ss or h:mm:ss, "—" for no data (never zero).

Plain Python (no Qt): the words around the numbers are translated by core/report_content.py.
"""

from __future__ import annotations

import math
from decimal import Decimal

from streamdesk.core.money import exponent
from streamdesk.core.review_types import KpiUnit

NO_DATA = "—"
UP, DOWN = "▲", "▼"
_SYMBOLS = {"CNY": "¥", "JPY": "JP¥", "USD": "$", "EUR": "€", "GBP": "£", "HKD": "HK$", "TWD": "NT$", "KRW": "₩",
            "VND": "₫", "IDR": "Rp", "BRL": "R$"}  # fmt: skip


def known(value: float | None) -> bool:
    """A number that says something: not None and not NaN."""
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def money(minor: float | None, currency: str) -> str:
    """ "¥1,299.00" for 129900 CNY, "-$3.50" for -350 USD, "—" for no data."""
    if minor is None or not known(minor):
        return NO_DATA
    whole = round(minor)
    digits = exponent(currency)
    grouped = f"{Decimal(abs(whole)).scaleb(-digits):,.{digits}f}"
    symbol = _SYMBOLS.get(currency.upper(), currency.upper() + " ")
    return f"{'-' if whole < 0 else ''}{symbol}{grouped}"


def ratio(value: float | None, digits: int = 1) -> str:
    """A fraction as a percentage: 0.034 → "3.4%"."""
    if value is None or not known(value):
        return NO_DATA
    return f"{value * 100:.{digits}f}%"


def number(value: float | None) -> str:
    """Whole numbers grouped ("12,480"), averages with one decimal ("35.4")."""
    if value is None or not known(value):
        return NO_DATA
    if isinstance(value, int) or float(value).is_integer():
        return f"{round(value):,}"
    return f"{value:,.1f}"


def duration(seconds: float | None) -> str:
    """ "1:15" under an hour, "1:02:05" from an hour on."""
    if seconds is None or not known(seconds):
        return NO_DATA
    whole = round(seconds)
    minutes, secs = divmod(abs(whole), 60)
    hours, minutes = divmod(minutes, 60)
    sign = "-" if whole < 0 else ""
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes}:{secs:02d}"


def value(unit: KpiUnit, amount: float | None, currency: str) -> str:
    """A KPI's value by its unit."""
    if amount is None or not known(amount):
        return NO_DATA
    if unit == "money":
        return money(amount, currency)
    if unit == "ratio":
        return ratio(amount)
    if unit == "seconds":
        return duration(amount)
    if unit == "multiple":
        return f"{amount:.2f}×"
    return number(amount)


def delta(unit: KpiUnit, change: float | None, change_ratio: float | None, currency: str, points: str) -> str:
    """ "▲ 12.0%" (relative, when the comparison is not zero), else "▲ ¥1,200" or "▼ 1.5 pts" (``points`` is the
    translated "{points} pts"); "=" for no change; "" without a comparison."""
    if change is None or not known(change):
        return ""
    if change == 0:
        return "="
    arrow = UP if change > 0 else DOWN
    if change_ratio is not None and known(change_ratio) and unit != "ratio":
        return f"{arrow} {abs(change_ratio) * 100:.1f}%"
    if unit == "ratio":  # a rate's change in percentage points: 3.0% → 4.5% is +1.5 points, not +50 %
        return f"{arrow} {points.format(points=f'{abs(change) * 100:.1f}')}"
    return f"{arrow} {value(unit, abs(change), currency)}"


def target_mark(met: bool | None) -> str:
    """✓ met, ✗ missed, "" without a target."""
    return "" if met is None else ("✓" if met else "✗")
