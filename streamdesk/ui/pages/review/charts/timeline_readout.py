"""The timeline's hover read-out: the time under the pointer, the segment and markers of that minute, the viewers
then and every flow series' value for that minute (money formatted in the show's currency, unknown as a dash)."""

from __future__ import annotations

import html
import math

import numpy as np
from PySide6.QtCore import QCoreApplication

from streamdesk.core.review_types import MONEY_SERIES, SERIES, Timeline
from streamdesk.review_labels import series_name
from streamdesk.ui.formatting import format_duration, format_money
from streamdesk.ui.pages.review.charts.base import format_number
from streamdesk.ui.pages.review.charts.timeline_data import MINUTE, TimelineArrays


def marker_name(kind: str) -> str:
    names = {
        "flash_sale": QCoreApplication.translate("ReviewCharts", "Flash sale"),
        "giveaway": QCoreApplication.translate("ReviewCharts", "Giveaway"),
        "lucky_draw": QCoreApplication.translate("ReviewCharts", "Lucky draw"),
    }
    return names[kind]


def _row(name: str, value: str, colour: str = "") -> str:
    style = f" style='color:{colour}'" if colour else ""
    return f"<tr><td{style}>{html.escape(name)}</td><td align='right'>&nbsp;&nbsp;{html.escape(value)}</td></tr>"


def _money(value: float, currency: str, digits: int) -> str:
    return format_money(round(value * 10**digits), currency)


def readout_html(
    arrays: TimelineArrays,
    timeline: Timeline,
    *,
    currency: str,
    digits: int,
    clock_label: str,
    seconds: float,
    minute: int | None,
    tolerance: float,
    colours: dict[str, str],
) -> str:
    """``clock_label`` is the time as the axis names it; ``minute`` the per-minute index under the pointer."""
    elapsed = format_duration(max(0, math.floor(seconds)))
    if timeline.origin is not None:
        head = QCoreApplication.translate("ReviewCharts", "{clock} · {elapsed} into the show").format(
            clock=clock_label, elapsed=elapsed
        )
    else:
        head = QCoreApplication.translate("ReviewCharts", "{elapsed} into the show").format(elapsed=elapsed)
    lines = [f"<b>{html.escape(head)}</b>"]
    for band in timeline.bands:
        if band.start_seconds <= seconds < band.end_seconds:
            lines.append(html.escape(band.title))
            break
    if minute is not None:
        start = float(arrays.minute_starts[minute])
        for marker in timeline.markers:
            if start <= marker.at_seconds < start + MINUTE:
                lines.append(f"<span style='color:{colours[marker.kind]}'>{html.escape(marker.label)}</span>")
    rows: list[str] = []
    if arrays.online is not None:
        index = arrays.sample_index(seconds, tolerance)
        value = float(arrays.online[index]) if index is not None else math.nan
        rows.append(_row(series_name("online"), format_number(value), colours["online"]))
    if minute is not None:
        rows += _minute_rows(arrays, minute, currency, digits, colours)
    table = f"<table cellspacing='0' cellpadding='0'>{''.join(rows)}</table>" if rows else ""
    return "<br>".join(lines) + table


def _minute_rows(arrays: TimelineArrays, minute: int, currency: str, digits: int, colours: dict[str, str]) -> list[str]:
    rows: list[str] = []
    if arrays.gmv is not None:
        rows.append(
            _row(
                QCoreApplication.translate("ReviewCharts", "GMV this minute"),
                _money(float(arrays.gmv[minute]), currency, digits) if np.isfinite(arrays.gmv[minute]) else "–",
                colours["money"],
            )
        )
    if arrays.orders is not None:
        rows.append(
            _row(
                QCoreApplication.translate("ReviewCharts", "Orders this minute"),
                format_number(float(arrays.orders[minute])),
                colours["count"],
            )
        )
    shown_by_sales = {"gmv_minor", "orders"} if arrays.sales_source == "platform" else set()
    for name in SERIES:
        values = arrays.per_minute.get(name)
        if values is None or name in shown_by_sales:
            continue
        value = float(values[minute])
        text = (
            _money(value, currency, digits) if name in MONEY_SERIES and math.isfinite(value) else format_number(value)
        )
        label = series_name(name)
        if name in ("gmv_minor", "orders") and arrays.sales_source == "orders":  # beside the shop's own figures
            label = QCoreApplication.translate("ReviewCharts", "{series} (platform)").format(series=label)
        rows.append(_row(label, text))
    return rows
