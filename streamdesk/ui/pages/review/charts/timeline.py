"""The show's timeline: online viewers (left axis) over the sales per minute (right axis: GMV or orders, the
header's switch), the rundown's segments as shaded bands with their titles, flash-sale, giveaway and lucky-draw
markers, and a hover read-out (a vertical line and every series' value at that minute).

    chart = TimelineChart()
    chart.set_data(review.timeline, currency="CNY")   # a Timeline DTO; call again for another show
    chart.segment_clicked.connect(...)               # index into Timeline.bands of the band clicked

Every plot item is made here once; ``set_data`` only calls setData/setOpts and moves pooled band and marker items
(hiding the spares), so the scene keeps the same items from one show to the next.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QComboBox, QWidget

from streamdesk.core.money import exponent
from streamdesk.core.review_types import Marker, SegmentBand, Timeline
from streamdesk.review_labels import series_name
from streamdesk.ui.formatting import currency_symbol
from streamdesk.ui.pages.review.charts.base import (
    MARKER_KINDS,
    ChartColours,
    ChartFrame,
    ShowTimeAxis,
    ValueAxis,
    elide,
    format_number,
)
from streamdesk.ui.pages.review.charts.timeline_data import (
    MINUTE,
    TimelineArrays,
    band_at,
    prepare,
    sample_tolerance,
    step_edges,
)
from streamdesk.ui.pages.review.charts.timeline_readout import marker_name, readout_html

MARKER_SYMBOLS = {"flash_sale": "t1", "giveaway": "star", "lucky_draw": "d"}
MARKER_GLYPHS = {"flash_sale": "▲", "giveaway": "★", "lucky_draw": "◆"}
LABEL_MIN_PX = 28  # a band narrower than this shows no title (the read-out names it)


class TimelineChart(ChartFrame):
    segment_clicked = Signal(int)  # index into Timeline.bands

    def __init__(self, parent: QWidget | None = None) -> None:
        self.time_axis = ShowTimeAxis()
        self.viewers_axis = ValueAxis("left")
        self.sales_axis = ValueAxis("right")
        super().__init__({"bottom": self.time_axis, "left": self.viewers_axis, "right": self.sales_axis}, parent)
        self.setAccessibleName(QCoreApplication.translate("ReviewCharts", "Show timeline"))
        self.sales_choice = QComboBox()
        self.sales_choice.setAccessibleName(QCoreApplication.translate("ReviewCharts", "Bars show"))
        self.sales_choice.addItem(QCoreApplication.translate("ReviewCharts", "GMV per minute"), "gmv")
        self.sales_choice.addItem(QCoreApplication.translate("ReviewCharts", "Orders per minute"), "orders")
        self.sales_choice.setToolTip(
            QCoreApplication.translate("ReviewCharts", "What the bars and the right axis show")
        )
        self.sales_choice.currentIndexChanged.connect(self._on_sales_choice_changed)
        self.add_header_choice(self.sales_choice)
        plot = self.plot_item
        plot.showAxis("right")
        # Horizontal grid lines only: vertical ones cost ~40 ms a paint here, and the bands already mark time.
        plot.showGrid(x=False, y=True, alpha=0.12)
        self.viewers_axis.setLabel(series_name("online"))
        # The sales bars, the bands and their titles live in a second view behind the viewers line, scaled by the
        # right axis; both views share the time axis.
        self.back_view = pg.ViewBox(enableMenu=False)
        self.back_view.setMouseEnabled(x=False, y=False)
        plot.scene().addItem(self.back_view)
        self.back_view.setZValue(-1)
        self.sales_axis.linkToView(self.back_view)
        self.back_view.setXLink(plot.vb)
        plot.vb.sigResized.connect(self._sync_views)
        plot.vb.sigXRangeChanged.connect(self._place_overlays)
        self.sales_bars = pg.PlotDataItem(stepMode="center", fillLevel=0)
        self.back_view.addItem(self.sales_bars)
        self.online_line = pg.PlotDataItem(connect="finite")
        self.online_line.setDownsampling(auto=True, method="peak")
        self.online_line.setClipToView(True)
        self.online_line.setZValue(10)
        plot.addItem(self.online_line)
        self.marker_symbols = pg.ScatterPlotItem(size=13, pxMode=True)
        self.marker_symbols.setZValue(20)
        plot.addItem(self.marker_symbols)
        self.hover_line = pg.InfiniteLine(angle=90, movable=False)
        self.hover_line.setZValue(30)
        self.readout = pg.TextItem(anchor=(0, 0))
        self.readout.setZValue(40)
        plot.addItem(self.hover_line, ignoreBounds=True)
        plot.addItem(self.readout, ignoreBounds=True)
        self.bands: list[pg.LinearRegionItem] = []
        self.band_labels: list[pg.TextItem] = []
        self.marker_lines: list[pg.InfiniteLine] = []
        self.band_font = QFont(self.tick_font)
        self.arrays: TimelineArrays | None = None
        self.timeline: Timeline | None = None
        self.currency = "CNY"
        plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        plot.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.hide_readout()
        self.refresh_colours()
        self.set_data(Timeline(None, (), {}, (), (), (), (), ()), currency=self.currency)

    # --- API -----------------------------------------------------------------------------------------------------
    def set_data(self, timeline: Timeline, *, currency: str) -> None:
        """Draw a show's timeline (the previous one's items are reused)."""
        self.timeline, self.currency = timeline, currency
        self.arrays = arrays = prepare(timeline, currency)
        self.hide_readout()
        self.time_axis.set_origin(timeline.origin)
        self._set_bands(timeline.bands)
        self._set_markers(timeline.markers)
        if not arrays.has_data:
            self._set_curves_empty()
            self.show_empty(
                QCoreApplication.translate("ReviewCharts", "No minute data for this show yet"),
                QCoreApplication.translate(
                    "ReviewCharts",
                    "Import the platform's minute trend export (Import metrics…) or capture orders during the show: "
                    "viewers and sales per minute then appear here over the rundown's segments.",
                ),
            )
            self._update_legend()
            return
        if arrays.online is not None:
            self.online_line.setData(arrays.seconds, arrays.online)
        else:
            self.online_line.setData(np.zeros(0), np.zeros(0))
        self._draw_sales()
        start, end = arrays.x_range()
        for band in timeline.bands:
            start, end = min(start, band.start_seconds), max(end, band.end_seconds)
        self.plot_item.vb.setLimits(xMin=start, xMax=end)
        self.plot_item.vb.setXRange(start, end, padding=0)
        top = float(np.nanmax(arrays.online)) if arrays.online is not None else 0.0
        self.plot_item.vb.setYRange(0, max(top, 1.0) * 1.12, padding=0)
        self.viewers_axis.setStyle(showValues=arrays.online is not None)
        self.show_plot()
        self._update_legend()
        self._sync_views()

    def set_sales_series(self, key: str) -> None:
        """ "gmv" or "orders": what the bars and the right axis show."""
        index = self.sales_choice.findData(key)
        if index >= 0:
            self.sales_choice.setCurrentIndex(index)

    def hide_readout(self) -> None:
        self.hover_line.hide()
        self.readout.hide()

    # --- drawing -------------------------------------------------------------------------------------------------
    def _sales_values(self) -> np.ndarray | None:
        arrays = self.arrays
        if arrays is None:
            return None
        return arrays.gmv if self.sales_choice.currentData() == "gmv" else arrays.orders

    def _draw_sales(self) -> None:
        arrays = self.arrays
        values = self._sales_values()
        if arrays is None or values is None or not len(arrays.minute_starts):
            self.sales_bars.setData(np.zeros(1), np.zeros(0))
            self.sales_axis.setStyle(showValues=False)
            self.sales_axis.setLabel("")
            return
        drawn = np.nan_to_num(values)
        self.sales_bars.setData(step_edges(arrays.minute_starts), drawn)
        self.back_view.setYRange(0, max(float(drawn.max()), 1.0) * 1.5, padding=0)
        self.sales_axis.setStyle(showValues=True)
        if self.sales_choice.currentData() == "gmv":
            digits = exponent(self.currency)
            self.sales_axis.set_formatter(lambda v: format_number(v, 0 if digits == 0 or v >= 100 else digits))
            self.sales_axis.setLabel(
                QCoreApplication.translate("ReviewCharts", "GMV per minute ({symbol})").format(
                    symbol=currency_symbol(self.currency).strip()
                )
            )
        else:
            self.sales_axis.set_formatter(format_number)
            self.sales_axis.setLabel(QCoreApplication.translate("ReviewCharts", "Orders per minute"))

    def _set_curves_empty(self) -> None:
        self.online_line.setData(np.zeros(0), np.zeros(0))
        self.sales_bars.setData(np.zeros(1), np.zeros(0))

    def _set_bands(self, bands: tuple[SegmentBand, ...]) -> None:
        while len(self.bands) < len(bands):
            region = pg.LinearRegionItem(orientation="vertical", movable=False)
            region.setZValue(-10)
            label = pg.TextItem(anchor=(0, 0))
            label.setFont(self.band_font)
            label.setZValue(5)
            self.back_view.addItem(region, ignoreBounds=True)
            self.back_view.addItem(label, ignoreBounds=True)
            self.bands.append(region)
            self.band_labels.append(label)
        for position, (region, label) in enumerate(zip(self.bands, self.band_labels, strict=True)):
            if position >= len(bands):
                region.hide()
                label.hide()
                continue
            band = bands[position]
            region.setRegion((band.start_seconds, band.end_seconds))
            region.show()
        self._colour_bands()

    def _set_markers(self, markers: tuple[Marker, ...]) -> None:
        while len(self.marker_lines) < len(markers):
            line = pg.InfiniteLine(angle=90, movable=False)
            line.setZValue(5)
            self.plot_item.addItem(line, ignoreBounds=True)
            self.marker_lines.append(line)
        for position, line in enumerate(self.marker_lines):
            line.setVisible(position < len(markers))
            if position < len(markers):
                line.setPos(markers[position].at_seconds)
        self._colour_markers()

    def _place_overlays(self) -> None:
        """Band titles at the top of their band, elided to its width; marker symbols along the bottom."""
        timeline = self.timeline
        if timeline is None:
            return
        view = self.back_view
        (left, right), (bottom, top) = self.plot_item.vb.viewRange()
        width = max(self.plot_item.vb.width(), 1.0)
        per_px = (right - left) / width
        if view.height() > 0:
            back_bottom, back_top = view.viewRange()[1]
            label_y = back_top
        else:
            label_y, back_bottom = 0.0, 0.0
        del back_bottom
        for band, label in zip(timeline.bands, self.band_labels, strict=False):
            shown_start = max(band.start_seconds, left)
            pixels = (min(band.end_seconds, right) - shown_start) / per_px if per_px > 0 else 0.0
            text = elide(band.title, self.band_font, pixels - 6) if pixels >= LABEL_MIN_PX else ""
            label.setText(text)
            label.setVisible(bool(text))
            label.setPos(shown_start + 2 * per_px, label_y)
        if timeline.markers and self.plot_item.vb.height() > 0:
            y_per_px = (top - bottom) / self.plot_item.vb.height()
            xs = np.fromiter((m.at_seconds for m in timeline.markers), dtype=np.float64, count=len(timeline.markers))
            self.marker_symbols.setData(
                x=xs,
                y=np.full(len(xs), bottom + 9 * y_per_px),
                symbol=[MARKER_SYMBOLS[m.kind] for m in timeline.markers],
                brush=[pg.mkBrush(self.colours.markers[m.kind]) for m in timeline.markers],
                pen=pg.mkPen(self.colours.background, width=1),
            )
        else:
            self.marker_symbols.setData(x=np.zeros(0), y=np.zeros(0))

    def _sync_views(self) -> None:
        self.back_view.setGeometry(self.plot_item.vb.sceneBoundingRect())
        self.back_view.linkedViewChanged(self.plot_item.vb, self.back_view.XAxis)
        self._place_overlays()

    # --- colours and legend --------------------------------------------------------------------------------------
    def _apply_colours(self, colours: ChartColours) -> None:
        self.online_line.setPen(pg.mkPen(colours.online, width=2))
        self._colour_sales(colours)
        self.hover_line.setPen(pg.mkPen(colours.muted, width=1, style=Qt.PenStyle.DashLine))
        self.readout.fill = pg.mkBrush(QColor(colours.background.red(), colours.background.green(),
                                              colours.background.blue(), 235))  # fmt: skip
        self.readout.border = pg.mkPen(colours.muted)
        self.readout.setColor(colours.text)
        self._colour_bands()
        self._colour_markers()
        self._update_legend()

    def _colour_sales(self, colours: ChartColours) -> None:
        colour = colours.money if self.sales_choice.currentData() == "gmv" else colours.count
        edge = QColor(colour)
        edge.setAlpha(255)
        self.sales_bars.setPen(pg.mkPen(edge, width=1))
        self.sales_bars.setBrush(pg.mkBrush(colour))

    def _colour_bands(self) -> None:
        timeline = self.timeline
        bands = timeline.bands if timeline is not None else ()
        neutral_seen = 0
        for band, region, label in zip(bands, self.bands, self.band_labels, strict=False):
            colour = self.colours.bands[band.kind]
            if band.kind in ("opening", "warm_up", "pitch", "interaction", "closing"):
                colour = colour if neutral_seen % 2 == 0 else self.colours.band_alternate
                neutral_seen += 1
            region.setBrush(pg.mkBrush(colour))
            edge = QColor(self.colours.muted)
            edge.setAlpha(60)
            for line in region.lines:
                line.setPen(pg.mkPen(edge, width=1, style=Qt.PenStyle.SolidLine if band.from_timer
                                     else Qt.PenStyle.DotLine))  # fmt: skip
            label.setColor(self.colours.text)
        self._place_overlays()

    def _colour_markers(self) -> None:
        timeline = self.timeline
        markers = timeline.markers if timeline is not None else ()
        for marker, line in zip(markers, self.marker_lines, strict=False):
            line.setPen(pg.mkPen(self.colours.markers[marker.kind], width=1, style=Qt.PenStyle.DashLine))
        self._place_overlays()

    def _update_legend(self) -> None:
        arrays, timeline = self.arrays, self.timeline
        if arrays is None or timeline is None:
            return
        colours = self.colours
        entries: list[tuple[str, QColor, str]] = []
        if arrays.online is not None:
            entries.append(("━", colours.online, series_name("online")))
        if arrays.sales_source:
            gmv = self.sales_choice.currentData() == "gmv"
            colour = colours.money if gmv else colours.count
            if arrays.sales_source == "orders":
                text = (QCoreApplication.translate("ReviewCharts", "GMV per minute (your orders)") if gmv
                        else QCoreApplication.translate("ReviewCharts", "Orders per minute (your orders)"))  # fmt: skip
            else:
                text = (QCoreApplication.translate("ReviewCharts", "GMV per minute (platform data)") if gmv
                        else QCoreApplication.translate("ReviewCharts", "Orders per minute (platform data)"))  # fmt: skip
            entries.append(("■", colour, text))
        kinds = {marker.kind for marker in timeline.markers}
        entries += [(MARKER_GLYPHS[k], colours.markers[k], marker_name(k)) for k in MARKER_KINDS if k in kinds]
        if timeline.bands and not any(band.from_timer for band in timeline.bands):
            entries.append(("▒", colours.muted, QCoreApplication.translate("ReviewCharts", "Segments as planned")))
        elif timeline.bands:
            entries.append(("▒", colours.muted, QCoreApplication.translate("ReviewCharts", "Segments as run")))
        self.set_legend(entries)
        self.sales_choice.setVisible(arrays.sales_source != "" and not self.is_empty)

    # --- interaction ---------------------------------------------------------------------------------------------
    def _on_sales_choice_changed(self) -> None:
        self._colour_sales(self.colours)
        self._draw_sales()
        self._update_legend()

    def _scene_to_seconds(self, position: QPointF) -> float | None:
        view = self.plot_item.vb
        if self.is_empty or not view.sceneBoundingRect().contains(position):
            return None
        return float(view.mapSceneToView(position).x())

    def _on_mouse_moved(self, position: QPointF) -> None:
        seconds = self._scene_to_seconds(position)
        arrays, timeline = self.arrays, self.timeline
        if seconds is None or arrays is None or timeline is None:
            self.hide_readout()
            return
        minute = arrays.minute_index(seconds)
        snapped = float(arrays.minute_starts[minute]) if minute is not None else seconds
        self.hover_line.setPos(seconds)
        colours = {kind: self.colours.css(colour) for kind, colour in self.colours.markers.items()}
        colours |= {
            "online": self.colours.css(self.colours.online),
            "money": self.colours.css(self.colours.money),
            "count": self.colours.css(self.colours.count),
        }
        html = readout_html(
            arrays,
            timeline,
            currency=self.currency,
            digits=exponent(self.currency),
            clock_label=self.time_axis.label_for(snapped if minute is not None else seconds, MINUTE),
            seconds=seconds,
            minute=minute,
            tolerance=sample_tolerance(arrays),
            colours=colours,
        )
        self.readout.setHtml(html)
        (left, right), (_bottom, top) = self.plot_item.vb.viewRange()
        self.readout.setAnchor((1, 0) if seconds > (left + right) / 2 else (0, 0))
        self.readout.setPos(seconds, top)
        self.hover_line.show()
        self.readout.show()

    def _on_mouse_clicked(self, event: object) -> None:
        position = event.scenePos()  # type: ignore[attr-defined]
        seconds = self._scene_to_seconds(position)
        if seconds is None or self.timeline is None:
            return
        index = band_at(self.timeline.bands, seconds)
        if index is not None:
            self.segment_clicked.emit(index)
