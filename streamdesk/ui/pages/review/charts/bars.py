"""Per-segment results as horizontal bars, in rundown order from the top: GMV, orders, GPM, average online viewers
or new followers (the header's switch), each bar labelled with its value; flash-sale and giveaway segments take
the colours of their bands on the timeline.

    chart = SegmentBarsChart()
    chart.set_data(review.segments, currency="CNY")  # tuple[SegmentResult, ...]
    chart.set_measure("orders")                      # "gmv", "orders", "gpm", "average_online", "new_followers"
    chart.segment_clicked.connect(...)               # index into the segments of the bar clicked
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QWidget

from streamdesk.core.review_types import SegmentResult
from streamdesk.labels import segment_kind_name as kind_name
from streamdesk.models.base import SegmentKind
from streamdesk.review_labels import kpi_formula, kpi_name
from streamdesk.ui.formatting import format_money
from streamdesk.ui.pages.review.charts.base import (
    ChartColours,
    MeasuredChart,
    elide,
    fit_axis_to_labels,
    format_number,
    text_label,
)

BAR_HEIGHT = 0.66
ROW_PX = 24  # the chart asks for this much height per segment
TITLE_PX = 190  # segment titles on the left axis are elided to this width
MEASURES = ("gmv", "orders", "gpm", "average_online", "new_followers")


def measure_name(key: str) -> str:
    """The measure as the switch names it: the KPI's own name ("Average online" for average_online)."""
    return kpi_name(key)


def segment_value(segment: SegmentResult, measure: str) -> float | None:
    """The measure of one segment; money in minor units; None when the data to work it out is missing."""
    values: dict[str, float | None] = {
        "gmv": float(segment.gmv_minor),
        "orders": float(segment.orders),
        "gpm": None if segment.gpm_minor is None else float(segment.gpm_minor),
        "average_online": segment.average_online,
        "new_followers": None if segment.new_followers is None else float(segment.new_followers),
    }
    return values[measure]


class SegmentBarsChart(MeasuredChart):
    segment_clicked = Signal(int)  # index into the segments given to set_data

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__({"left": pg.AxisItem("left"), "bottom": pg.AxisItem("bottom")}, parent)
        self.setAccessibleName(QCoreApplication.translate("ReviewCharts", "Results per segment"))
        self.measure_choice = QComboBox()
        self.measure_choice.setAccessibleName(QCoreApplication.translate("ReviewCharts", "Measure"))
        for key in MEASURES:
            self.measure_choice.addItem(measure_name(key), key)
            self.measure_choice.setItemData(
                self.measure_choice.count() - 1, kpi_formula(key), Qt.ItemDataRole.ToolTipRole
            )
        self.measure_choice.currentIndexChanged.connect(self._redraw)
        self.add_header_choice(self.measure_choice)
        self.plot_item.hideAxis("bottom")
        self.plot_item.getAxis("left").setStyle(tickLength=0)
        self.bars = pg.BarGraphItem(x0=np.zeros(0), y=np.zeros(0), width=np.zeros(0), height=BAR_HEIGHT)
        self.plot_item.addItem(self.bars)
        self.labels: list[pg.TextItem] = []
        self.segments: tuple[SegmentResult, ...] = ()
        self.currency = "CNY"
        self.plot_item.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.refresh_colours()
        self.set_data((), currency=self.currency)

    # --- API -----------------------------------------------------------------------------------------------------
    def set_data(self, segments: Sequence[SegmentResult], *, currency: str) -> None:
        self.segments, self.currency = tuple(segments), currency
        self._redraw()

    def hide_readout(self) -> None:
        """The bars carry their values as labels; there is no hover read-out."""

    # --- drawing -------------------------------------------------------------------------------------------------
    def _redraw(self) -> None:
        segments, measure = self.segments, self.measure
        while len(self.labels) < len(segments):
            label = text_label(self.tick_font, self.colours)
            self.plot_item.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        if not segments:
            self.bars.setOpts(x0=np.zeros(0), y=np.zeros(0), width=np.zeros(0), brushes=None)
            for label in self.labels:
                label.hide()
            self.show_empty(
                QCoreApplication.translate("ReviewCharts", "No rundown segments for this show"),
                QCoreApplication.translate(
                    "ReviewCharts",
                    "Plan the show's rundown on the Shows page (or run it with the live timer): each segment's orders, "
                    "GMV and viewers are then compared here.",
                ),
            )
            return
        count = len(segments)
        values = [segment_value(segment, measure) for segment in segments]
        known = [value for value in values if value is not None and math.isfinite(value)]
        widest = max(max(known, default=0.0), 1e-9)
        ys = np.arange(count - 1, -1, -1, dtype=np.float64)
        widths = np.array([value if value is not None and value > 0 else 0.0 for value in values])
        widths = np.where(widths > 0, np.maximum(widths, widest * 0.004), 0.0)
        self.bars.setOpts(x0=np.zeros(count), y=ys, width=widths, height=BAR_HEIGHT, brushes=self._brushes())
        ticks = [
            (float(y), elide(f"{segment.band.index + 1}. {segment.band.title}", self.tick_font, TITLE_PX))
            for y, segment in zip(ys, segments, strict=True)
        ]
        self.plot_item.getAxis("left").setTicks([ticks])
        fit_axis_to_labels(self.plot_item.getAxis("left"), [text for _y, text in ticks], self.tick_font)
        best = max(known) if len(known) >= 2 else None
        for position, label in enumerate(self.labels):
            if position >= count:
                label.hide()
                continue
            label.setHtml(self._label_html(values[position], best))
            label.setPos(float(widths[position]) + widest * 0.015, float(ys[position]))
            label.show()
        self.plot_item.vb.setXRange(0, widest * 1.3, padding=0)
        self.plot_item.vb.setYRange(-0.6, count - 0.4, padding=0)
        self.plot_widget.setMinimumHeight(max(160, ROW_PX * count + 24))
        self.set_legend(self._legend_entries())
        self.show_plot()

    def _format(self, value: float) -> str:
        if self.measure in ("gmv", "gpm"):
            return format_money(round(value), self.currency)
        if self.measure == "average_online":
            return format_number(value, 0 if value >= 100 else 1)
        return format_number(value)

    def _label_html(self, value: float | None, best: float | None) -> str:
        if value is None:
            text = html.escape(QCoreApplication.translate("ReviewCharts", "no data"))
            return f"<span style='color:{self.colours.css(self.colours.muted)}'>{text}</span>"
        text = html.escape(self._format(value))
        return f"<b>{text}</b>" if best is not None and value == best else text

    def _legend_entries(self) -> list[tuple[str, QColor, str]]:
        kinds = {segment.band.kind for segment in self.segments}
        entries = [("■", self._bar_colour(SegmentKind.PITCH), QCoreApplication.translate("ReviewCharts", "Segment"))]
        if SegmentKind.FLASH_SALE in kinds:
            entries.append(("■", self._bar_colour(SegmentKind.FLASH_SALE), kind_name(SegmentKind.FLASH_SALE)))
        if SegmentKind.GIVEAWAY in kinds:
            entries.append(("■", self._bar_colour(SegmentKind.GIVEAWAY), kind_name(SegmentKind.GIVEAWAY)))
        return entries

    def _bar_colour(self, kind: SegmentKind) -> QColor:
        colours = self.colours
        if kind in (SegmentKind.FLASH_SALE, SegmentKind.GIVEAWAY):
            colour = QColor(colours.markers[kind.value])
        else:
            colour = QColor(colours.online)
        colour.setAlpha(205)
        return colour

    def _brushes(self) -> list[QBrush]:
        return [pg.mkBrush(self._bar_colour(segment.band.kind)) for segment in self.segments]

    def _apply_colours(self, colours: ChartColours) -> None:
        self.bars.setOpts(pen=pg.mkPen(None))
        for label in self.labels:
            label.setColor(colours.text)
        if self.segments:
            self._redraw()

    def _on_mouse_clicked(self, event: object) -> None:
        position: QPointF = event.scenePos()  # type: ignore[attr-defined]
        view = self.plot_item.vb
        if self.is_empty or not view.sceneBoundingRect().contains(position):
            return
        row = round(float(view.mapSceneToView(position).y()))
        index = len(self.segments) - 1 - row
        if 0 <= index < len(self.segments):
            self.segment_clicked.emit(index)
