"""The Review page's charts (pyqtgraph). Import this package only from the page, lazily: it loads pyqtgraph and
numpy, which must not load before the first window paints (tests/ui/test_startup.py).

Each chart is a QWidget that makes its plot items once and redraws on ``set_data`` with setData/setOpts only;
each shows an explanatory empty state instead of a blank plot, follows the palette (light and dark), and exports
with ``export_png(chart, path)``.

- ``TimelineChart()``: ``set_data(timeline: Timeline, *, currency: str)``, ``set_sales_series("gmv" | "orders")``,
  signal ``segment_clicked(int)`` (index into ``Timeline.bands``).
- ``FunnelChart()``: ``set_data(steps: Sequence[FunnelStep])``.
- ``SegmentBarsChart()``: ``set_data(segments: Sequence[SegmentResult], *, currency: str)``, ``set_measure(key)``
  ("gmv", "orders", "gpm", "average_online", "new_followers"), signal ``segment_clicked(int)`` (index into segments).
- ``TrendsChart()``: ``set_data(points: Sequence[TrendPoint], *, moving_average: int)`` (points oldest first; the
  window is ``ReviewSettings.moving_average_shows``), ``set_measure(key)`` ("gmv", "conversion",
  "average_watch_seconds", "new_followers", "profit").
- ``export_png(widget, path, *, scale=2.0) -> Path``: raises ``ChartExportFailed`` (an OSError whose text is a
  sentence for the user).
"""

from __future__ import annotations

from streamdesk.ui.pages.review.charts.bars import SegmentBarsChart
from streamdesk.ui.pages.review.charts.export import ChartExportFailed, export_png
from streamdesk.ui.pages.review.charts.funnel import FunnelChart
from streamdesk.ui.pages.review.charts.timeline import TimelineChart
from streamdesk.ui.pages.review.charts.trends import TrendsChart

__all__ = ["ChartExportFailed", "FunnelChart", "SegmentBarsChart", "TimelineChart", "TrendsChart", "export_png"]
