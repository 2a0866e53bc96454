"""The Trends tab: every reviewed show, oldest first, filtered by platform — the chart (GMV, conversion, average
watch time, new followers, profit, each with its moving average) over a table of the same numbers to select and
copy. The shows are read as a task when the tab is first shown and when the filter or the data changes; an answer
to an older request is dropped."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from streamdesk.core.review_types import TrendPoint
from streamdesk.labels import platform_name, platforms_text
from streamdesk.models.base import Platform
from streamdesk.ui.formatting import format_duration, format_local_datetime, format_money
from streamdesk.ui.pages.review.formats import NO_DATA, format_number, format_ratio
from streamdesk.ui.pages.review.result_table import SORT_ROLE, ResultModel, ResultTable

if TYPE_CHECKING:
    from streamdesk.ui.pages.review.charts.trends import TrendsChart

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole


class TrendColumn(IntEnum):
    STARTED = 0
    TITLE = 1
    PLATFORMS = 2
    GMV = 3
    NET_GMV = 4
    CONVERSION = 5
    WATCH = 6
    FOLLOWERS = 7
    PROFIT = 8


class TrendsModel(ResultModel):
    NUMERIC = frozenset(
        {
            TrendColumn.GMV,
            TrendColumn.NET_GMV,
            TrendColumn.CONVERSION,
            TrendColumn.WATCH,
            TrendColumn.FOLLOWERS,
            TrendColumn.PROFIT,
        }
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TrendPoint] = []

    def set_points(self, points: Sequence[TrendPoint]) -> None:
        self.beginResetModel()
        self._rows = list(points)
        self.endResetModel()

    def point(self, row: int) -> TrendPoint | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(TrendColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(TrendColumn):
            return None
        return (
            self.tr("Went live"),
            self.tr("Show"),
            self.tr("Platforms"),
            self.tr("GMV"),
            self.tr("Net GMV"),
            self.tr("Conversion"),
            self.tr("Avg. watch time"),
            self.tr("New followers"),
            self.tr("Gross profit"),
        )[section]

    def data(self, index: Index, role: int = DISPLAY) -> object:
        point = self.point(index.row()) if index.isValid() else None
        if point is None:
            return None
        column = TrendColumn(index.column())
        if role == SORT_ROLE:
            return self._raw(point, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.align(column)
        if role != DISPLAY:
            return None
        if column is TrendColumn.STARTED:
            return format_local_datetime(point.started_at)
        if column is TrendColumn.TITLE:
            return point.title
        if column is TrendColumn.PLATFORMS:
            return platforms_text(point.platforms)
        if column in (TrendColumn.GMV, TrendColumn.NET_GMV, TrendColumn.PROFIT):
            raw = self._raw(point, column)
            return format_money(raw, point.currency) if isinstance(raw, int) else NO_DATA
        if column is TrendColumn.CONVERSION:
            return format_ratio(point.conversion, 2)
        if column is TrendColumn.WATCH:
            watch = point.average_watch_seconds
            return NO_DATA if watch is None else format_duration(round(watch))
        return format_number(point.new_followers)

    def _raw(self, point: TrendPoint, column: TrendColumn) -> object:
        values: dict[TrendColumn, object] = {
            TrendColumn.STARTED: point.started_at.timestamp(),
            TrendColumn.TITLE: point.title,
            TrendColumn.PLATFORMS: platforms_text(point.platforms),
            TrendColumn.GMV: point.gmv_minor,
            TrendColumn.NET_GMV: point.net_gmv_minor,
            TrendColumn.CONVERSION: point.conversion,
            TrendColumn.WATCH: point.average_watch_seconds,
            TrendColumn.FOLLOWERS: point.new_followers,
            TrendColumn.PROFIT: point.profit_minor,
        }
        return values[column]


class TrendsTab(QWidget):
    platform_chosen = Signal(object)  # Platform | None (all platforms)

    def __init__(self, make_chart: Callable[[QWidget], TrendsChart], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.platform = QComboBox(self)
        self.platform.addItem(self.tr("All platforms"), None)
        for platform in Platform:
            self.platform.addItem(platform_name(platform), platform.value)
        self.platform.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.platform.currentIndexChanged.connect(self._on_platform_changed)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.chart = make_chart(self)
        self.model = TrendsModel(self)
        self.table = ResultTable(self.model, self)
        label = QLabel(self.tr("Platform:"), self)
        label.setBuddy(self.platform)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.platform)
        top.addSpacing(12)
        top.addWidget(self.summary, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self._loaded = False

    def chosen_platform(self) -> Platform | None:
        value = self.platform.currentData()
        return Platform(value) if isinstance(value, str) else None

    def choose_platform(self, platform: Platform | None) -> None:
        index = self.platform.findData(None if platform is None else platform.value)
        if index >= 0:
            self.platform.setCurrentIndex(index)

    def is_loaded(self) -> bool:
        return self._loaded

    def set_points(self, points: Sequence[TrendPoint], *, window: int) -> None:
        """Show the shows (oldest first); ``window`` is the moving average's length in shows."""
        self._loaded = True
        self.model.set_points(points)
        self.table.fit_columns()
        self.chart.set_data(points, moving_average=window)
        platform = self.chosen_platform()
        if not points:
            self.summary.setText(
                self.tr("No reviewed shows yet on {platform}.").format(platform=platform_name(platform))
                if platform is not None
                else self.tr("No reviewed shows yet. Shows appear here once they have gone live.")
            )
        else:
            self.summary.setText(
                self.tr("%n show(s). The moving average covers the last {window} shows.", None, len(points)).format(
                    window=window
                )
            )

    def mark_stale(self) -> None:
        """The data changed (an import, a cost edit): read again the next time the tab is shown."""
        self._loaded = False

    def _on_platform_changed(self, _index: int) -> None:
        self.platform_chosen.emit(self.chosen_platform())
