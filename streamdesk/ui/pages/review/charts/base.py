"""What the review charts share: colours taken from the widget's palette (light and dark both readable), the frame
that swaps the plot for an explanatory empty state, and the axes (show time, formatted values, labelled rows).

Only the Review page imports this package, lazily, so pyqtgraph never loads before the first window paints.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPalette
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QStackedLayout, QVBoxLayout, QWidget

from streamdesk.models.base import SegmentKind
from streamdesk.ui.formatting import format_duration

# Nice steps of a time axis, in seconds: ticks land on whole clock minutes, quarter hours and hours.
TIME_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400)
MIN_LABEL_SPACING_PX = 84  # "20:15" and the gap before the next label at the default font
EMPTY_TEXT_WIDTH = 520
MARKER_KINDS = ("flash_sale", "giveaway", "lucky_draw")


@dataclass(frozen=True, slots=True)
class ChartColours:
    """The colours of one palette. Series colours keep at least 3:1 against the background in both themes."""

    dark: bool
    background: QColor
    text: QColor
    muted: QColor  # axes, secondary labels
    grid: QColor
    online: QColor  # viewers: the main line
    money: QColor  # GMV bars
    count: QColor  # orders bars
    average: QColor  # the moving average line
    bands: dict[SegmentKind, QColor]  # translucent band fills
    band_alternate: QColor  # every other neutral band, so neighbours stay apart
    markers: dict[str, QColor]  # by Marker.kind

    def css(self, colour: QColor) -> str:
        return colour.name(QColor.NameFormat.HexRgb)


def _rgba(hex_colour: str, alpha: int) -> QColor:
    colour = QColor(hex_colour)
    colour.setAlpha(alpha)
    return colour


def _blend(front: QColor, back: QColor, share: float) -> QColor:
    """An opaque mix (``share`` of ``front``): rich text spans need a colour without alpha."""
    return QColor.fromRgbF(
        front.redF() * share + back.redF() * (1 - share),
        front.greenF() * share + back.greenF() * (1 - share),
        front.blueF() * share + back.blueF() * (1 - share),
    )


def chart_colours(palette: QPalette) -> ChartColours:
    """Light or dark by the palette's window colour; the text follows the palette so system themes carry over."""
    background = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.WindowText)
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    muted = _blend(text, background, 0.6)
    grid = QColor(text)
    grid.setAlpha(38 if dark else 30)
    band_alpha = 58 if dark else 40
    neutral = "#8FA3BF" if dark else "#7890B0"
    return ChartColours(
        dark=dark,
        background=background,
        text=text,
        muted=muted,
        grid=grid,
        online=QColor("#6CA8FF" if dark else "#1F5FBF"),
        money=_rgba("#F2A541" if dark else "#E8890C", 95 if dark else 120),
        count=_rgba("#5CC98A" if dark else "#2B8A3E", 95 if dark else 120),
        average=QColor("#FF7B7B" if dark else "#C92A2A"),
        bands={
            SegmentKind.OPENING: _rgba(neutral, band_alpha),
            SegmentKind.WARM_UP: _rgba(neutral, band_alpha),
            SegmentKind.PITCH: _rgba(neutral, band_alpha),
            SegmentKind.INTERACTION: _rgba(neutral, band_alpha),
            SegmentKind.CLOSING: _rgba(neutral, band_alpha),
            SegmentKind.BREAK: _rgba("#9E9E9E", band_alpha // 2),
            SegmentKind.FLASH_SALE: _rgba("#FF6B3D" if dark else "#F76707", band_alpha + 10),
            SegmentKind.GIVEAWAY: _rgba("#C77DFF" if dark else "#9C36B5", band_alpha),
        },
        band_alternate=_rgba(neutral, band_alpha // 3),
        markers={
            "flash_sale": QColor("#FF8A5B" if dark else "#D9480F"),
            "giveaway": QColor("#D8A3FF" if dark else "#862E9C"),
            "lucky_draw": QColor("#4DD4E6" if dark else "#0B7285"),
        },
    )


def as_array(values: Sequence[float]) -> np.ndarray:
    """A float64 array of a DTO's tuple (pyqtgraph draws from arrays; a tuple would be copied on every call)."""
    return np.fromiter(values, dtype=np.float64, count=len(values))


def format_number(value: float, digits: int = 0) -> str:
    """Thousands separators, no trailing noise: 12345.0 → "12,345"; digits for ratios and averages."""
    if not math.isfinite(value):
        return "–"
    return f"{value:,.{digits}f}"


# --- axes --------------------------------------------------------------------------------------------------------
class ShowTimeAxis(pg.AxisItem):
    """Seconds from the show's start, labelled with the local clock ("20:15") when the start is known and as time
    into the show ("1:15:00") otherwise. Ticks land on whole clock minutes, so they match the platforms' exports."""

    def __init__(self) -> None:
        super().__init__(orientation="bottom")
        self.origin: datetime | None = None  # local time
        self.enableAutoSIPrefix(False)

    def set_origin(self, origin: datetime | None) -> None:
        self.origin = origin.astimezone() if origin is not None else None
        self.picture = None
        self.update()

    def _phase(self, step: float) -> float:
        if self.origin is None:
            return 0.0
        of_day = self.origin.hour * 3600 + self.origin.minute * 60 + self.origin.second + self.origin.microsecond / 1e6
        return (-of_day) % step

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:  # noqa: N803
        span = abs(maxVal - minVal)
        if span <= 0 or size <= 0:
            return []
        wanted = span / max(1.5, size / MIN_LABEL_SPACING_PX)
        major = next((step for step in TIME_STEPS if step >= wanted), TIME_STEPS[-1])
        minors = [step for step in TIME_STEPS if step < major and major % step == 0 and span / step < size / 6]
        levels = [(float(major), self._phase(major))]
        if minors:
            minor = minors[-1] if len(minors) < 2 else minors[-2] if major / minors[-1] < 3 else minors[-1]
            levels.append((float(minor), self._phase(minor)))
        return levels

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [self.label_for(value, spacing) for value in values]

    def label_for(self, seconds: float, spacing: float = 60.0) -> str:
        if self.origin is not None:
            # add to the instant, then ask the zone again: a show running through a clock change reads 03:10 after
            # 01:59 (the origin's fixed offset alone would keep winter time)
            moment = (self.origin + timedelta(seconds=seconds)).astimezone()
            return moment.strftime("%H:%M" if spacing >= 60 else "%H:%M:%S")
        return format_duration(round(seconds))


class ValueAxis(pg.AxisItem):
    """A value axis whose labels come from a formatter (money with separators, percentages, m:ss)."""

    def __init__(self, orientation: str) -> None:
        super().__init__(orientation=orientation)
        self.enableAutoSIPrefix(False)
        self.formatter: Callable[[float], str] = format_number

    def set_formatter(self, formatter: Callable[[float], str]) -> None:
        self.formatter = formatter
        self.picture = None
        self.update()

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [self.formatter(value) for value in values]


def style_axis(axis: pg.AxisItem, colours: ChartColours, font: QFont) -> None:
    axis.setPen(pg.mkPen(colours.muted))
    axis.setTextPen(pg.mkPen(colours.text))
    axis.setTickFont(font)
    axis.label.setDefaultTextColor(colours.text)


# --- the frame ---------------------------------------------------------------------------------------------------
class ChartFrame(QWidget):
    """A header (legend and the chart's own controls), then either the plot or an empty state saying what to do.

    Subclasses build their plot items once in ``__init__`` and define ``_apply_colours`` (called now and on every
    palette change: it re-colours the existing items) and ``hide_readout`` (export leaves the hover read-out out).
    """

    _apply_colours: Callable[[ChartColours], None]
    hide_readout: Callable[[], None]

    def __init__(self, axis_items: dict[str, pg.AxisItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.header = QHBoxLayout()
        self.header.setContentsMargins(4, 0, 4, 0)
        self.header.addWidget(self.legend, 1)
        self.plot_widget = pg.PlotWidget(axisItems=axis_items)
        self.plot_widget.setMinimumHeight(160)
        self.plot_item = self.plot_widget.getPlotItem()
        self.plot_item.hideButtons()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.vb.setMouseEnabled(x=False, y=False)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label.setMaximumWidth(EMPTY_TEXT_WIDTH)
        self.empty_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty_page = QWidget()
        self.empty_page.setAutoFillBackground(True)
        self.empty_page.setBackgroundRole(QPalette.ColorRole.Base)
        centred = QHBoxLayout(self.empty_page)
        centred.setContentsMargins(24, 24, 24, 24)
        centred.addWidget(self.empty_label, 0, Qt.AlignmentFlag.AlignCenter)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.plot_widget)
        self._stack.addWidget(self.empty_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.header)
        layout.addLayout(self._stack, 1)
        self.tick_font = QFont(self.font())
        self.tick_font.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.9))
        self.colours = chart_colours(self.palette())

    @property
    def is_empty(self) -> bool:
        return self._stack.currentWidget() is self.empty_page

    def show_empty(self, title: str, explanation: str) -> None:
        """Swap the plot for a sentence saying why nothing is drawn and what would fill the chart."""
        self.hide_readout()
        self.empty_label.setText(
            f"<p style='font-size:large'><b>{html.escape(title)}</b></p><p>{html.escape(explanation)}</p>"
        )
        self._stack.setCurrentWidget(self.empty_page)
        self.legend.hide()

    def show_plot(self) -> None:
        self._stack.setCurrentWidget(self.plot_widget)
        self.legend.show()

    def item_count(self) -> int:
        """Graphics items in the scene (tests check that set_data reuses them)."""
        return len(self.plot_widget.scene().items())

    def add_header_choice(self, choice: QComboBox) -> None:
        """A chart's own switch (which measure it shows), at the right end of the header, as wide as its texts."""
        choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        choice.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.header.addWidget(choice, 0, Qt.AlignmentFlag.AlignTop)

    def set_legend(self, entries: Sequence[tuple[str, QColor, str]]) -> None:
        """(glyph, colour, text) per entry, e.g. ("━", online colour, "Online viewers")."""
        parts = [
            f"<span style='color:{self.colours.css(colour)}'>{glyph}</span>&nbsp;{html.escape(text)}"
            for glyph, colour, text in entries
        ]
        self.legend.setText("&nbsp;&nbsp;&nbsp; ".join(parts))

    def refresh_colours(self) -> None:
        self.colours = chart_colours(self.palette())
        self.plot_widget.setBackground(self.colours.background)
        self.empty_label.setStyleSheet(f"color: {self.colours.css(self.colours.text)}")
        for name in ("left", "bottom", "right"):
            axis = self.plot_item.getAxis(name)
            style_axis(axis, self.colours, self.tick_font)
        self._apply_colours(self.colours)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh_colours()
        super().changeEvent(event)


class MeasuredChart(ChartFrame):
    """A chart of one measure at a time, chosen in ``measure_choice``: the subclass makes and fills that combo box,
    its items carrying the measure keys."""

    measure_choice: QComboBox

    def set_measure(self, key: str) -> None:
        index = self.measure_choice.findData(key)
        if index >= 0:
            self.measure_choice.setCurrentIndex(index)

    @property
    def measure(self) -> str:
        return str(self.measure_choice.currentData())


def fit_axis_to_labels(axis: pg.AxisItem, labels: Sequence[str], font: QFont) -> None:
    """Make a left axis as wide as its longest label (pyqtgraph's own estimate clips long category names)."""
    metrics = QFontMetricsF(font)
    widest = max((metrics.horizontalAdvance(label) for label in labels), default=0.0)
    axis.setWidth(round(widest) + 14)


def text_label(font: QFont, colours: ChartColours, anchor: tuple[float, float] = (0, 0.5)) -> pg.TextItem:
    label = pg.TextItem(anchor=anchor, color=colours.text)
    label.setFont(font)
    return label


def elide(text: str, font: QFont, width: float) -> str:
    return QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
