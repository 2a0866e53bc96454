"""Trends across shows: one point per show (oldest on the left, evenly spaced) for GMV, conversion, average watch
time, new followers or profit (the header's switch), with a trailing moving average over the last N shows and a
hover read-out naming the show. The platform filter lives in the page, which passes the points it keeps.

    chart = TrendsChart()
    chart.set_data(review.trends(platform=...), moving_average=settings.review.moving_average_shows)
    chart.set_measure("profit")   # "gmv", "conversion", "average_watch_seconds", "new_followers", "profit"
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QWidget

from streamdesk.core.money import exponent
from streamdesk.core.review_types import TrendPoint
from streamdesk.labels import platforms_text
from streamdesk.review_labels import kpi_formula, kpi_name
from streamdesk.ui.formatting import format_duration, format_money
from streamdesk.ui.pages.review.charts.base import ChartColours, MeasuredChart, ValueAxis, format_number

MEASURES = ("gmv", "conversion", "average_watch_seconds", "new_followers", "profit")
SYMBOLS_UP_TO = 80  # more shows than this draw as a line only


# The chart's measures and the KPI (review_labels) that names and explains each.
MEASURE_KPIS = {
    "gmv": "gmv",
    "conversion": "watch_to_buy",
    "average_watch_seconds": "average_watch_seconds",
    "new_followers": "new_followers",
    "profit": "gross_profit",
}


def measure_name(key: str) -> str:
    return kpi_name(MEASURE_KPIS[key])


def trend_values(points: Sequence[TrendPoint], measure: str) -> np.ndarray:
    """The measure per show: money in major units, conversion in percent, NaN where a show lacks it."""

    def pick(point: TrendPoint) -> float | None:
        unit = float(10 ** exponent(point.currency))
        if measure == "gmv":
            return point.gmv_minor / unit
        if measure == "profit":
            return None if point.profit_minor is None else point.profit_minor / unit
        if measure == "conversion":
            return None if point.conversion is None else point.conversion * 100
        if measure == "average_watch_seconds":
            return point.average_watch_seconds
        return None if point.new_followers is None else float(point.new_followers)

    return np.array([math.nan if (value := pick(point)) is None else value for point in points], dtype=np.float64)


def moving_average(values: np.ndarray, window: int) -> np.ndarray:
    """Trailing mean over the last ``window`` shows, skipping shows without the figure; NaN until a full window of
    shows has passed, and where the window holds no figure at all."""
    window = max(1, window)
    known = np.isfinite(values)
    sums = np.concatenate(([0.0], np.cumsum(np.where(known, values, 0.0))))
    counts = np.concatenate(([0], np.cumsum(known)))
    result = np.full(len(values), np.nan)
    if len(values) >= window:
        total = sums[window:] - sums[:-window]
        count = counts[window:] - counts[:-window]
        with np.errstate(invalid="ignore", divide="ignore"):
            result[window - 1 :] = np.where(count > 0, total / np.maximum(count, 1), np.nan)
    return result


class ShowIndexAxis(pg.AxisItem):
    """Shows evenly spaced, labelled by their date; labels thin out so they never overlap."""

    def __init__(self) -> None:
        super().__init__(orientation="bottom")
        self.dates: list[str] = []

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:  # noqa: N803
        span = maxVal - minVal
        if span <= 0 or size <= 0:
            return []
        wanted = span / max(1.0, size / 64)
        step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if s >= wanted), 1000)
        return [(float(step), 0.0)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        labels = []
        for value in values:
            index = round(value)
            labels.append(self.dates[index] if 0 <= index < len(self.dates) and abs(value - index) < 1e-6 else "")
        return labels


class TrendsChart(MeasuredChart):
    def __init__(self, parent: QWidget | None = None) -> None:
        self.show_axis = ShowIndexAxis()
        self.value_axis = ValueAxis("left")
        super().__init__({"bottom": self.show_axis, "left": self.value_axis}, parent)
        self.setAccessibleName(QCoreApplication.translate("ReviewCharts", "Trends across shows"))
        self.measure_choice = QComboBox()
        self.measure_choice.setAccessibleName(QCoreApplication.translate("ReviewCharts", "Measure"))
        for key in MEASURES:
            self.measure_choice.addItem(measure_name(key), key)
            tip = kpi_formula(MEASURE_KPIS[key])
            self.measure_choice.setItemData(self.measure_choice.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.measure_choice.currentIndexChanged.connect(self._redraw)
        self.add_header_choice(self.measure_choice)
        self.plot_item.showGrid(x=False, y=True, alpha=0.12)
        self.zero_line = pg.InfiniteLine(pos=0, angle=0, movable=False)
        self.values_line = pg.PlotDataItem(connect="finite", symbol="o", symbolSize=6)
        self.average_line = pg.PlotDataItem(connect="finite")
        self.hover_line = pg.InfiniteLine(angle=90, movable=False)
        self.readout = pg.TextItem(anchor=(0, 0))
        for z, item in enumerate((self.zero_line, self.values_line, self.average_line, self.hover_line, self.readout)):
            item.setZValue(z)
            self.plot_item.addItem(item, ignoreBounds=item in (self.zero_line, self.hover_line, self.readout))
        self.points: tuple[TrendPoint, ...] = ()
        self.average_window = 3
        self.values = np.zeros(0)
        self.averages = np.zeros(0)
        self.plot_item.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.hide_readout()
        self.refresh_colours()
        self.set_data((), moving_average=self.average_window)

    # --- API -----------------------------------------------------------------------------------------------------
    def set_data(self, points: Sequence[TrendPoint], *, moving_average: int) -> None:
        """Points oldest first (as Review.trends gives them); ``moving_average`` is the window in shows."""
        self.points, self.average_window = tuple(points), max(1, moving_average)
        long_span = len(self.points) > 1 and (self.points[-1].started_at - self.points[0].started_at).days > 300
        date_format = "%Y-%m" if long_span else "%m-%d"  # across years a month is what tells shows apart
        self.show_axis.dates = [point.started_at.astimezone().strftime(date_format) for point in self.points]
        self.show_axis.picture = None
        self._redraw()

    def hide_readout(self) -> None:
        self.hover_line.hide()
        self.readout.hide()

    # --- drawing -------------------------------------------------------------------------------------------------
    def _redraw(self) -> None:
        self.hide_readout()
        measure = self.measure
        self.values = values = trend_values(self.points, measure)
        self.averages = averages = moving_average(values, self.average_window)
        xs = np.arange(len(values), dtype=np.float64)
        if not len(values) or not np.isfinite(values).any():
            self.values_line.setData(np.zeros(0), np.zeros(0))
            self.average_line.setData(np.zeros(0), np.zeros(0))
            self._show_why_empty(measure)
            return
        self.values_line.setData(xs, values)
        self._style_values_line(dense=len(values) > SYMBOLS_UP_TO)
        self.average_line.setData(xs, averages)
        self.value_axis.set_formatter(self._axis_formatter(measure))
        low, high = float(np.nanmin(values)), float(np.nanmax(values))
        low, high = min(low, 0.0), max(high, 0.0)
        margin = (high - low) * 0.1 or 1.0
        self.plot_item.vb.setYRange(low - (margin if low < 0 else 0), high + margin, padding=0)
        self.plot_item.vb.setXRange(-0.5, max(len(values) - 0.5, 0.5), padding=0)
        self.zero_line.setVisible(low < 0)
        self.set_legend(
            [
                ("━●", self.colours.online, measure_name(measure)),
                ("━", self.colours.average, self._average_name()),
            ]
        )
        self.show_plot()

    def _average_name(self) -> str:
        return QCoreApplication.translate("ReviewCharts", "Average of the last %n show(s)", "", self.average_window)

    def _show_why_empty(self, measure: str) -> None:
        if not self.points:
            self.show_empty(
                QCoreApplication.translate("ReviewCharts", "No shows to compare yet"),
                QCoreApplication.translate(
                    "ReviewCharts",
                    "Each show that has been streamed becomes a point here, with its orders and the metrics imported "
                    "for it. Pick another platform if you filtered the shows.",
                ),
            )
            return
        self.show_empty(
            QCoreApplication.translate("ReviewCharts", "None of these shows has this figure yet"),
            QCoreApplication.translate(
                "ReviewCharts",
                "{measure} needs the platforms' data: import the metrics exports or enter the totals of a show, or "
                "choose another figure above.",
            ).format(measure=measure_name(measure)),
        )
        self.legend.show()

    def _currency(self) -> str:
        return self.points[-1].currency if self.points else "CNY"

    def _axis_formatter(self, measure: str) -> Callable[[float], str]:
        if measure == "conversion":
            return lambda value: f"{value:.1f}%"
        if measure == "average_watch_seconds":
            return lambda value: format_duration(round(value))
        return format_number

    def _format_value(self, value: float, point: TrendPoint) -> str:
        if not math.isfinite(value):
            return "–"
        if self.measure in ("gmv", "profit"):
            return format_money(round(value * 10 ** exponent(point.currency)), point.currency)
        if self.measure == "conversion":
            return f"{value:.2f}%"
        if self.measure == "average_watch_seconds":
            return format_duration(round(value))
        return format_number(value)

    def _style_values_line(self, *, dense: bool) -> None:
        """Many shows: a faint line without dots, so the moving average reads through it."""
        colour = QColor(self.colours.online)
        if dense:
            colour.setAlpha(110)
        self.values_line.setPen(pg.mkPen(colour, width=1 if dense else 1.5))
        self.values_line.setSymbol(None if dense else "o")
        self.values_line.setSymbolBrush(pg.mkBrush(self.colours.online))
        self.values_line.setSymbolPen(pg.mkPen(self.colours.background, width=1))
        # A dot on each average too: with a few shows the average is a single point, which a line alone never shows
        self.average_line.setSymbol(None if dense else "s")
        self.average_line.setSymbolSize(5)
        self.average_line.setSymbolBrush(pg.mkBrush(self.colours.average))
        self.average_line.setSymbolPen(pg.mkPen(None))

    def _apply_colours(self, colours: ChartColours) -> None:
        self._style_values_line(dense=len(self.points) > SYMBOLS_UP_TO)
        self.average_line.setPen(pg.mkPen(colours.average, width=2.5))
        self.zero_line.setPen(pg.mkPen(colours.muted, width=1))
        self.hover_line.setPen(pg.mkPen(colours.muted, width=1, style=Qt.PenStyle.DashLine))
        background = QColor(colours.background)
        background.setAlpha(235)
        self.readout.fill = pg.mkBrush(background)
        self.readout.border = pg.mkPen(colours.muted)
        self.readout.setColor(colours.text)
        if self.points:
            self._redraw()

    # --- hover ---------------------------------------------------------------------------------------------------
    def _on_mouse_moved(self, position: QPointF) -> None:
        view = self.plot_item.vb
        if self.is_empty or not self.points or not view.sceneBoundingRect().contains(position):
            self.hide_readout()
            return
        index = round(float(view.mapSceneToView(position).x()))
        if not 0 <= index < len(self.points):
            self.hide_readout()
            return
        point = self.points[index]
        when = point.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        rows = [
            f"<b>{html.escape(point.title)}</b>",
            html.escape(f"{when} · {platforms_text(point.platforms)}"),
            html.escape(f"{measure_name(self.measure)}: {self._format_value(float(self.values[index]), point)}"),
            html.escape(f"{self._average_name()}: {self._format_value(float(self.averages[index]), point)}"),
        ]
        self.readout.setHtml("<br>".join(rows))
        (left, right), (_bottom, top) = view.viewRange()
        self.readout.setAnchor((1, 0) if index > (left + right) / 2 else (0, 0))
        self.readout.setPos(index, top)
        self.hover_line.setPos(index)
        self.hover_line.show()
        self.readout.show()
