"""The funnel (exposure → viewers → product exposure → clicks → orders → paid) as horizontal bars, first step on
top, each labelled with its count and the share of the step above that reached it.

    chart = FunnelChart()
    chart.set_data(review.funnel)   # tuple[FunnelStep, ...] in funnel order

One BarGraphItem draws every bar (setOpts on update); the labels are a pool of TextItems.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from streamdesk.core.review_types import FunnelStep
from streamdesk.review_labels import funnel_step_formula, funnel_step_name
from streamdesk.ui.pages.review.charts.base import (
    ChartColours,
    ChartFrame,
    fit_axis_to_labels,
    format_number,
    text_label,
)

BAR_HEIGHT = 0.62
LABEL_ROOM = 1.5  # the x range is this many times the widest bar: its label sits to its right


def format_rate(rate: float) -> str:
    digits = 1 if rate >= 0.01 else 2
    return f"{rate * 100:.{digits}f}%"


class FunnelChart(ChartFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__({"left": pg.AxisItem("left"), "bottom": pg.AxisItem("bottom")}, parent)
        self.setAccessibleName(QCoreApplication.translate("ReviewCharts", "Funnel"))
        self.plot_item.hideAxis("bottom")
        self.plot_item.getAxis("left").setStyle(tickLength=0)
        self.bars = pg.BarGraphItem(x0=np.zeros(0), y=np.zeros(0), width=np.zeros(0), height=BAR_HEIGHT)
        self.plot_item.addItem(self.bars)
        self.labels: list[pg.TextItem] = []
        self.steps: tuple[FunnelStep, ...] = ()
        self.refresh_colours()
        self.set_data(())

    def set_data(self, steps: Sequence[FunnelStep]) -> None:
        self.steps = tuple(steps)
        known = [step.count for step in self.steps if step.count is not None]
        while len(self.labels) < len(self.steps):
            label = text_label(self.tick_font, self.colours)
            self.plot_item.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        if not known:
            self.bars.setOpts(x0=np.zeros(0), y=np.zeros(0), width=np.zeros(0), brushes=None)
            for label in self.labels:
                label.hide()
            self.show_empty(
                QCoreApplication.translate("ReviewCharts", "No funnel data yet"),
                QCoreApplication.translate(
                    "ReviewCharts",
                    "Enter the show's totals (Enter totals…) or import the platform's summary export: exposures, "
                    "viewers, product exposures and clicks fill the funnel down to the orders.",
                ),
            )
            return
        count = len(self.steps)
        ys = np.arange(count - 1, -1, -1, dtype=np.float64)  # the first step on top
        widths = np.array([float(step.count or 0) for step in self.steps])
        widest = max(float(max(known)), 1.0)
        widths = np.where(widths > 0, np.maximum(widths, widest * 0.004), 0.0)  # a tiny step stays visible
        self.bars.setOpts(x0=np.zeros(count), y=ys, width=widths, height=BAR_HEIGHT, brushes=self._brushes())
        ticks = [(float(y), funnel_step_name(step.key)) for y, step in zip(ys, self.steps, strict=True)]
        self.plot_item.getAxis("left").setTicks([ticks])
        fit_axis_to_labels(self.plot_item.getAxis("left"), [text for _y, text in ticks], self.tick_font)
        for position, label in enumerate(self.labels):
            if position >= count:
                label.hide()
                continue
            step = self.steps[position]
            label.setHtml(self._label_html(step, position))
            label.setPos(float(widths[position]) + widest * 0.015, float(ys[position]))
            label.show()
        self.plot_item.vb.setXRange(0, widest * LABEL_ROOM, padding=0)
        self.plot_item.vb.setYRange(-0.6, count - 0.4, padding=0)
        self.set_legend([("↓", self.colours.muted, self._rate_explanation())])
        self.setToolTip(
            "\n".join(f"{funnel_step_name(step.key)}: {funnel_step_formula(step.key)}" for step in self.steps)
        )
        self.show_plot()

    def hide_readout(self) -> None:
        """The funnel has no hover read-out: its numbers are always on the bars."""

    def _rate_explanation(self) -> str:
        return QCoreApplication.translate("ReviewCharts", "Share of the step above that reached this step")

    def _label_html(self, step: FunnelStep, position: int) -> str:
        colours = self.colours
        if step.count is None:
            text = QCoreApplication.translate("ReviewCharts", "no data")
            return f"<span style='color:{colours.css(colours.muted)}'>{html.escape(text)}</span>"
        parts = [f"<b>{html.escape(format_number(step.count))}</b>"]
        if position > 0 and step.rate is not None:
            parts.append(f"<span style='color:{colours.css(colours.muted)}'>↓ {format_rate(step.rate)}</span>")
        return "&nbsp;&nbsp;".join(parts)

    def _brushes(self) -> list[QBrush]:
        step_colour, paid_colour = QColor(self.colours.online), QColor(self.colours.count)
        step_colour.setAlpha(215)
        paid_colour.setAlpha(235)
        return [pg.mkBrush(paid_colour if s.key == "paid" else step_colour) for s in self.steps]

    def _apply_colours(self, colours: ChartColours) -> None:
        self.bars.setOpts(pen=pg.mkPen(None))
        for label in self.labels:
            label.setColor(colours.text)
        if self.steps and not self.is_empty:
            self.set_data(self.steps)
