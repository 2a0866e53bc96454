"""The review report's charts, drawn with QPainter on any paint device: vector on the PDF page, a QImage for the
HTML report's PNGs. The same look as the Review page's charts: the online audience as a blue line over the rundown's
segment bands, orders' GMV per minute as orange bars on a second axis, flash-sale / giveaway / lucky-draw markers;
the funnel as horizontal bars with step rates; per-segment bars; trends as small multiples with a moving average.

A named Qt module of docs/ARCHITECTURE.md (QtGui only, imported inside the functions). Sizes are in CSS pixels
times ``unit`` (device pixels per CSS pixel: 1 on a 96-dpi image, 300/96 on the PDF's grid); fonts in points, which
the device maps by its own resolution. Every chart draws an explanatory sentence instead of an empty box.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from streamdesk.core.fonts import font_families, installed_families
from streamdesk.core.report_format import known
from streamdesk.core.review_types import Timeline

TEXT, MUTED, GRID, AXIS = "#263238", "#607d8b", "#e3e7ea", "#90a4ae"
ONLINE, SALES, FUNNEL, AVERAGE = "#1565c0", "#ef6c00", "#00897b", "#c62828"
BANDS = ("#eef3f8", "#f8f9fa")
MARKERS = {"flash_sale": "#d32f2f", "giveaway": "#8e24aa", "lucky_draw": "#2e7d32"}
FONT_POINTS = 7.0


@dataclass(frozen=True, slots=True)
class TimelineText:
    online: str  # legend: "Online viewers"
    sales: str  # legend: "GMV per minute"
    empty: str  # drawn when there is nothing to plot


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float | None
    text: str  # the value as written beside the bar
    note: str = ""  # e.g. a funnel step's rate, written after the value


@dataclass(frozen=True, slots=True)
class TrendPanel:
    title: str
    labels: tuple[str, ...]  # one per show, oldest first (dates)
    values: tuple[float | None, ...]
    latest: str  # the last value as written


def _font(painter: Any, points: float = FONT_POINTS, bold: bool = False) -> Any:
    from PySide6.QtGui import QFont

    font = QFont(painter.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    painter.setFont(font)
    return font


def _pen(colour: str, width: float, dashed: bool = False) -> Any:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPen

    pen = QPen(QColor(colour))
    pen.setWidthF(width)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def _text(painter: Any, rect: Any, text: str, flags: Any, colour: str = TEXT) -> None:
    from PySide6.QtGui import QColor

    painter.setPen(QColor(colour))
    painter.drawText(rect, int(flags), text)


def _empty(painter: Any, rect: Any, text: str, unit: float) -> None:
    from PySide6.QtCore import Qt

    painter.setPen(_pen(GRID, unit))
    painter.drawRect(rect)
    _font(painter, FONT_POINTS + 1)
    flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
    _text(painter, rect.adjusted(8 * unit, 8 * unit, -8 * unit, -8 * unit), text, flags, MUTED)


def _nice_step(span: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) that cuts ``span`` into about ``ticks`` parts."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return float(next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= raw))


def _scale_max(values: Sequence[float]) -> float:
    top = max((v for v in values if known(v)), default=0.0)
    return _nice_step(top) * math.ceil(top / _nice_step(top)) if top > 0 else 1.0


# --- timeline ---------------------------------------------------------------------------------------------------
def draw_timeline(
    painter: Any,
    rect: Any,
    timeline: Timeline,
    text: TimelineText,
    *,
    unit: float,
    money: Callable[[float], str],
) -> None:
    """Online viewers (left axis) and GMV per minute (right axis) over the show, segments as shaded bands."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QBrush, QColor, QPainterPath

    online = timeline.series.get("online", ())
    points = [(s, v) for s, v in zip(timeline.seconds, online, strict=False) if known(v)]
    if timeline.order_minutes:
        bars = [(m, float(g)) for m, g in zip(timeline.order_minutes, timeline.order_gmv_minor, strict=True)]
    else:
        gmv = timeline.series.get("gmv_minor", ())
        bars = [(s, v) for s, v in zip(timeline.seconds, gmv, strict=False) if known(v) and v > 0]
    ends = [s for s, _ in points] + [m + 60 for m, _ in bars] + [b.end_seconds for b in timeline.bands]
    if not points and not bars:
        _empty(painter, rect, text.empty, unit)
        return
    span = max(max(ends, default=60.0), 60.0)
    _font(painter)
    line = painter.fontMetrics().height()
    left, right, top, bottom = 40 * unit, 52 * unit, line * 2.6, line * 1.8
    plot = QRectF(rect.left() + left, rect.top() + top, rect.width() - left - right, rect.height() - top - bottom)

    def x_of(seconds: float) -> float:
        return plot.left() + plot.width() * seconds / span

    painter.save()
    for band in timeline.bands:  # shaded bands, each labelled with its number and (elided) title
        band_rect = QRectF(x_of(band.start_seconds), plot.top(), x_of(band.end_seconds) - x_of(band.start_seconds),
                           plot.height())  # fmt: skip
        painter.fillRect(band_rect, QColor(BANDS[band.index % 2]))
        label = painter.fontMetrics().elidedText(f"{band.index + 1} {band.title}", Qt.TextElideMode.ElideRight,
                                                 int(band_rect.width() - 2 * unit))  # fmt: skip
        _font(painter, FONT_POINTS - 1)
        _text(painter, QRectF(band_rect.left() + unit, rect.top() + line * 1.3, band_rect.width(), line * 1.2),
              label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, MUTED)  # fmt: skip
        _font(painter)
    online_max = _scale_max([v for _, v in points])
    step = _nice_step(online_max)
    ticks = round(online_max / step)
    sales_top = max((v for _, v in bars), default=0.0)
    sales_max = ticks * _nice_step(sales_top, ticks) if sales_top > 0 else 1.0  # round money on the same grid
    for n in range(ticks + 1):  # grid and both axes' labels
        y = plot.bottom() - plot.height() * n / ticks
        painter.setPen(_pen(GRID, 0.6 * unit))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        _text(painter, QRectF(rect.left(), y - line / 2, left - 4 * unit, line), f"{n * step:,.0f}",
              Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, ONLINE)  # fmt: skip
        if bars:
            _text(painter, QRectF(plot.right() + 4 * unit, y - line / 2, right - 4 * unit, line),
                  money(sales_max * n / ticks), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, SALES)  # fmt: skip
    width = max(plot.width() * 60 / span * 0.8, unit)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(SALES)))
    for minute, amount in bars:
        height = plot.height() * amount / sales_max
        painter.drawRect(QRectF(x_of(minute) + width * 0.1, plot.bottom() - height, width, height))
    if points:
        path = QPainterPath(QPointF(x_of(points[0][0]), plot.bottom() - plot.height() * points[0][1] / online_max))
        for seconds, level in points[1:]:
            path.lineTo(QPointF(x_of(seconds), plot.bottom() - plot.height() * level / online_max))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(_pen(ONLINE, 1.6 * unit))
        painter.drawPath(path)
    for marker in timeline.markers:  # a dashed line and a triangle above the plot
        x = x_of(marker.at_seconds)
        colour = MARKERS.get(marker.kind, TEXT)
        painter.setPen(_pen(colour, 0.8 * unit, dashed=True))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(colour)))
        size = 4 * unit
        painter.drawPolygon([QPointF(x - size, plot.top() - size * 1.6), QPointF(x + size, plot.top() - size * 1.6),
                             QPointF(x, plot.top())])  # fmt: skip
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(AXIS, 0.8 * unit))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    tick = _nice_step(span / 60, 6) * 60  # whole minutes: 10, 20, 25, 50 …
    at = 0.0
    while at <= span + 1:
        x = x_of(at)
        painter.setPen(_pen(AXIS, 0.8 * unit))
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3 * unit))
        _text(painter, QRectF(x - 40 * unit, plot.bottom() + 3 * unit, 80 * unit, line), _clock(timeline, at),
              Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, MUTED)  # fmt: skip
        at += tick
    _legend(painter, QRectF(rect.left() + left, rect.top(), plot.width(), line * 1.2),
            ((ONLINE, text.online), *(((SALES, text.sales),) if bars else ())), unit)  # fmt: skip
    painter.restore()


def _clock(timeline: Timeline, seconds: float) -> str:
    """The local time of day at this offset, or the offset as h:mm without an origin."""
    if timeline.origin is not None:
        return (timeline.origin + timedelta(seconds=seconds)).astimezone().strftime("%H:%M")
    whole = int(seconds // 60)
    return f"{whole // 60}:{whole % 60:02d}"


def _legend(painter: Any, rect: Any, entries: Sequence[tuple[str, str]], unit: float) -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor

    x = rect.left()
    metrics = painter.fontMetrics()
    for colour, label in entries:
        painter.fillRect(QRectF(x, rect.center().y() - 3 * unit, 10 * unit, 6 * unit), QColor(colour))
        x += 14 * unit
        width = metrics.horizontalAdvance(label) + 2 * unit
        _text(painter, QRectF(x, rect.top(), width, rect.height()), label, Qt.AlignmentFlag.AlignVCenter)
        x += width + 14 * unit


# --- bars (funnel and segments) -----------------------------------------------------------------------------------
def draw_bars(painter: Any, rect: Any, bars: Sequence[Bar], *, unit: float, colour: str, empty: str) -> None:
    """Horizontal bars, one per row: label on the left, the bar, its value (and note) after it."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor

    if not any(known(bar.value) and (bar.value or 0) > 0 for bar in bars):
        _empty(painter, rect, empty, unit)
        return
    painter.save()
    _font(painter)
    metrics = painter.fontMetrics()
    label_width = min(max(metrics.horizontalAdvance(bar.label) for bar in bars) + 8 * unit, rect.width() * 0.34)
    value_width = min(max(metrics.horizontalAdvance(f"{bar.text}  {bar.note}") for bar in bars) + 10 * unit,
                      rect.width() * 0.3)  # fmt: skip
    row = rect.height() / len(bars)
    top = max((bar.value or 0.0) for bar in bars if known(bar.value))
    track = rect.width() - label_width - value_width
    for n, bar in enumerate(bars):
        y = rect.top() + n * row
        label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, int(label_width - 8 * unit))
        _text(painter, QRectF(rect.left(), y, label_width - 6 * unit, row), label,
              Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)  # fmt: skip
        length = track * (bar.value or 0.0) / top if known(bar.value) and top > 0 else 0.0
        height = min(row * 0.62, 16 * unit)
        painter.fillRect(QRectF(rect.left() + label_width, y + (row - height) / 2, track, height), QColor(BANDS[1]))
        painter.fillRect(QRectF(rect.left() + label_width, y + (row - height) / 2, length, height), QColor(colour))
        written = f"{bar.text}  {bar.note}".strip()
        _text(painter, QRectF(rect.left() + label_width + track + 6 * unit, y, value_width, row), written,
              Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)  # fmt: skip
    painter.restore()


# --- trends -------------------------------------------------------------------------------------------------------
def moving_average(values: Sequence[float | None], window: int) -> list[float | None]:
    """The mean of the last ``window`` known values at each point (None until there is one)."""
    out: list[float | None] = []
    for n in range(len(values)):
        recent = [v for v in values[max(0, n - window + 1) : n + 1] if v is not None and known(v)]
        out.append(sum(recent) / len(recent) if recent else None)
    return out


def draw_trends(painter: Any, rect: Any, panels: Sequence[TrendPanel], *, unit: float, window: int, empty: str) -> None:
    """Small multiples, three to a row: each series over the shows with its moving average (red, dashed)."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QPainterPath

    usable = [panel for panel in panels if sum(1 for v in panel.values if v is not None and known(v)) >= 2]
    if not usable:
        _empty(painter, rect, empty, unit)
        return
    painter.save()
    columns = min(3, len(usable))
    rows = math.ceil(len(usable) / columns)
    gap = 10 * unit
    width = (rect.width() - gap * (columns - 1)) / columns
    height = (rect.height() - gap * (rows - 1)) / rows
    for n, panel in enumerate(usable):
        box = QRectF(rect.left() + (n % columns) * (width + gap), rect.top() + (n // columns) * (height + gap),
                     width, height)  # fmt: skip
        painter.setPen(_pen(GRID, 0.6 * unit))
        painter.drawRect(box)
        _font(painter, FONT_POINTS, bold=True)
        line = painter.fontMetrics().height()
        header = QRectF(box.left() + 5 * unit, box.top() + 2 * unit, box.width() - 10 * unit, line)
        _text(painter, header, panel.title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        _text(painter, header, panel.latest, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, ONLINE)
        _font(painter, FONT_POINTS - 1)
        plot = QRectF(box.left() + 6 * unit, box.top() + line * 1.6, box.width() - 12 * unit,
                      box.height() - line * 3.0)  # fmt: skip
        present = [v for v in panel.values if v is not None and known(v)]
        low, high = min([*present, 0.0]), max(present)
        high = high if high > low else low + 1
        count = len(panel.values)

        def point(
            i: float, v: float, plot: Any = plot, low: float = low, high: float = high, count: int = count
        ) -> Any:
            x = plot.left() + (plot.width() * i / (count - 1) if count > 1 else plot.width() / 2)
            return QPointF(x, plot.bottom() - plot.height() * (v - low) / (high - low))

        for series, colour, dashed in (
            (panel.values, ONLINE, False),
            (moving_average(panel.values, window), AVERAGE, True),
        ):
            path: Any = None
            for i, v in enumerate(series):
                if v is None or not known(v):
                    continue
                if path is None:
                    path = QPainterPath(point(i, v))
                else:
                    path.lineTo(point(i, v))
            if path is not None:
                painter.setPen(_pen(colour, (1.4 if not dashed else 1.0) * unit, dashed))
                painter.drawPath(path)
        if panel.labels:
            flags = Qt.AlignmentFlag.AlignTop
            bottom = QRectF(plot.left(), plot.bottom() + 2 * unit, plot.width(), line)
            _text(painter, bottom, panel.labels[0], flags | Qt.AlignmentFlag.AlignLeft, MUTED)
            _text(painter, bottom, panel.labels[-1], flags | Qt.AlignmentFlag.AlignRight, MUTED)
    _font(painter, FONT_POINTS - 1)
    painter.restore()


# --- images -------------------------------------------------------------------------------------------------------
def render_png(draw: Callable[[Any, Any, float], None], width: int, height: int, *, scale: float = 2.0) -> bytes:
    """Draw on a white ``width`` × ``height`` CSS-pixel image at ``scale`` device pixels per CSS pixel; PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(round(96 * scale / 0.0254))
    image.setDotsPerMeterY(round(96 * scale / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        font = QFont()
        families = font_families(installed_families())
        if families:
            font.setFamilies(families)
        font.setPointSizeF(FONT_POINTS)
        painter.setFont(font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        draw(painter, QRectF(0, 0, image.width(), image.height()), scale)
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, PySide6 wants str
    buffer.close()
    return bytes(data.data())
