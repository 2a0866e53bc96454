"""How the Review page writes its numbers: a KPI's value by its unit, a change against the comparison show with its
arrow, ratios as percentages. "—" stands for no data, which is never shown as zero."""

from __future__ import annotations

import math
from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from streamdesk.core.review_types import Kpi, KpiUnit
from streamdesk.ui.formatting import format_count, format_duration, format_money

NO_DATA = "—"
UP, DOWN = "▲", "▼"


class Tone(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    SAME = "same"


# Foreground colours of a change and a target mark, readable on the light card background and on a dark one.
TONE_COLOURS = {Tone.BETTER: "#2e7d32", Tone.WORSE: "#c62828", Tone.SAME: "#757575"}


def _known(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def format_ratio(value: float | None, digits: int = 1) -> str:
    """A fraction as a percentage: 0.034 → "3.4%"; "—" for no data."""
    if value is None or not _known(value):
        return NO_DATA
    return f"{value * 100:.{digits}f}%"


def format_number(value: float | None) -> str:
    """A count: whole numbers grouped ("12,480"), averages with one decimal ("35.4"); "—" for no data."""
    if value is None or not _known(value):
        return NO_DATA
    if isinstance(value, int) or float(value).is_integer():
        return format_count(round(value))
    return f"{value:,.1f}"


def format_value(unit: KpiUnit, value: float | None, currency: str) -> str:
    """A KPI's value as the card and the report show it."""
    if value is None or not _known(value):
        return NO_DATA
    if unit == "money":
        return format_money(round(value), currency)
    if unit == "ratio":
        return format_ratio(value)
    if unit == "seconds":
        return format_duration(round(value))
    if unit == "multiple":
        return QCoreApplication.translate("ReviewPage", "{value}×").format(value=f"{value:.2f}")
    return format_number(value)


def format_kpi(kpi: Kpi, currency: str) -> str:
    text = format_value(kpi.unit, kpi.value, currency)
    if kpi.approx and text != NO_DATA:
        return QCoreApplication.translate("ReviewPage", "≈{value}").format(value=text)
    return text


def _magnitude(unit: KpiUnit, delta: float, currency: str) -> str:
    if unit == "ratio":  # a change of a rate in percentage points: "from 3.0% to 4.5%" is +1.5 points, not +50 %
        return QCoreApplication.translate("ReviewPage", "{points} pts").format(points=f"{abs(delta) * 100:.1f}")
    return format_value(unit, abs(delta), currency)


def tone(kpi: Kpi) -> Tone | None:
    """Whether the change against the comparison show is good news (None when there is nothing to compare)."""
    if kpi.delta is None or not _known(kpi.delta):
        return None
    if kpi.delta == 0:
        return Tone.SAME
    return Tone.BETTER if (kpi.delta > 0) == kpi.higher_is_better else Tone.WORSE


def format_delta(kpi: Kpi, currency: str) -> str:
    """ "▲ 12.0%" (relative, when the comparison value is not zero), else "▲ ¥1,200" or "▼ 1.5 pts"; "" without a
    comparison."""
    delta = kpi.delta
    if delta is None or not _known(delta):
        return ""
    if delta == 0:
        return QCoreApplication.translate("ReviewPage", "= same")
    arrow = UP if delta > 0 else DOWN
    if kpi.delta_ratio is not None and _known(kpi.delta_ratio) and kpi.unit != "ratio":
        return f"{arrow} {abs(kpi.delta_ratio) * 100:.1f}%"
    return f"{arrow} {_magnitude(kpi.unit, delta, currency)}"


def format_delta_long(kpi: Kpi, currency: str) -> str:
    """The change in full for a tooltip or a copied table: "+¥1,200 (+12.0%)"; "" without a comparison."""
    delta = kpi.delta
    if delta is None or not _known(delta):
        return ""
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    magnitude = _magnitude(kpi.unit, delta, currency)
    if kpi.delta_ratio is not None and _known(kpi.delta_ratio):
        return f"{sign}{magnitude} ({sign}{abs(kpi.delta_ratio) * 100:.1f}%)"
    return f"{sign}{magnitude}"


def target_mark(met: bool | None) -> str:
    """✓ met, ✗ missed, "" without a target."""
    if met is None:
        return ""
    return "✓" if met else "✗"
