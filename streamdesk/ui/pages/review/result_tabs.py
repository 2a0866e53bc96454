"""The Overview, Segments and Products tabs of the Review page: each takes the show's ShowReviewData and shows it.

Overview: the KPI cards (scrolling when the window is short) over the funnel and the timeline; a show with neither
orders nor platform data gets a sentence on what to import instead. Segments: the per-segment table beside its bar
chart (a click on a timeline band selects its row here). Products: the per-product table.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from streamdesk.core.review_types import ShowReviewData
from streamdesk.ui.pages.review.charts.bars import SegmentBarsChart
from streamdesk.ui.pages.review.charts.funnel import FunnelChart
from streamdesk.ui.pages.review.charts.timeline import TimelineChart
from streamdesk.ui.pages.review.kpi_cards import KpiGrid
from streamdesk.ui.pages.review.result_table import ResultTable
from streamdesk.ui.pages.review.tables import ProductsModel, SegmentColumn, SegmentsModel
from streamdesk.ui.widgets.paged_table import EmptyState

_HINT_STYLE = "QLabel { background: #fff8e1; border: 1px solid #ffe082; border-radius: 4px; padding: 4px 8px; }"


def has_any_data(data: ShowReviewData) -> bool:
    """Orders of the app or of a platform, or any platform figures: something a review can say."""
    gmv = next((kpi for kpi in data.kpis if kpi.key == "orders"), None)
    return data.has_metrics or (gmv is not None and bool(gmv.value))


class OverviewTab(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = QWidget(self)
        self.hint = QLabel(self.content)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(_HINT_STYLE)
        self.hint.hide()
        self.kpis = KpiGrid()
        self.kpi_scroll = QScrollArea(self.content)
        self.kpi_scroll.setWidget(self.kpis)
        self.kpi_scroll.setWidgetResizable(True)
        self.kpi_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.kpi_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.funnel = FunnelChart()
        self.timeline = TimelineChart()
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.setChildrenCollapsible(False)
        charts.addWidget(self.funnel)
        charts.addWidget(self.timeline)
        charts.setStretchFactor(0, 2)
        charts.setStretchFactor(1, 5)
        self.charts = charts
        self.splitter = QSplitter(Qt.Orientation.Vertical, self.content)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.kpi_scroll)
        self.splitter.addWidget(charts)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.splitter, 1)
        self.empty_state = EmptyState(self)
        self.addWidget(self.content)
        self.addWidget(self.empty_state)

    def set_data(self, data: ShowReviewData, compare_title: str | None) -> None:
        currency = data.header.currency
        self.kpis.set_kpis(data.kpis, currency, compare_title, self._why_missing(data))
        self.funnel.set_data(data.funnel)
        self.timeline.set_data(data.timeline, currency=currency)
        self.setCurrentWidget(self.content)
        self._fit_kpis()

    def _why_missing(self, data: ShowReviewData) -> dict[str, str]:
        """Profit is blank while any product sold has no cost: say so on the card, not only on the Products tab."""
        no_cost = sum(1 for product in data.products if product.cost_minor is None and product.units > 0)
        if not no_cost:
            return {}
        text = self.tr("No cost for %n product(s) sold", None, no_cost)
        return {"gross_profit": text, "profit_after_budget": text}

    def show_no_data(self, import_action: QAction, totals_action: QAction) -> None:
        self.empty_state.show_state(
            self.tr("Nothing to review for this show yet"),
            self.tr(
                "This show has no orders and no platform data. Import the show's orders on the Orders page, and "
                "the platform's live data export (抖音 电商罗盘 minute trend, TikTok LIVE list, a 快手 or 视频号 "
                "summary) here with Import metrics; or type the totals from the platform's review screen."
            ),
            (import_action, totals_action),
        )
        self.setCurrentWidget(self.empty_state)

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def _fit_kpis(self) -> None:
        """Give the cards the height they need (up to half the tab), the charts the rest."""
        total = self.splitter.height()
        if total <= 0:
            return
        wanted = self.kpis.needed_height(self.kpi_scroll.viewport().width()) + 2
        top = min(wanted, total // 2)
        self.splitter.setSizes([top, total - top])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_kpis()


class SegmentsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SegmentsModel(self)
        self.table = ResultTable(self.model, self)
        self.bars = SegmentBarsChart()
        self.empty_state = EmptyState(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.bars)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.empty_state)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self._fit_pending = False

    def set_data(self, data: ShowReviewData) -> None:
        self.model.set_segments(data.segments, data.header.currency)
        self.bars.set_data(data.segments, currency=data.header.currency)
        if data.segments:
            self.table.fit_columns()
            self.stack.setCurrentWidget(self.splitter)
            self._fit_pending = True
            self._fit_table()
        else:
            self.empty_state.show_state(
                self.tr("This show has no rundown"),
                self.tr(
                    "Per-segment results need the show's rundown: add segments on the Shows page. With the live "
                    "timer running during the show, each segment's real start and end are used."
                ),
            )
            self.stack.setCurrentWidget(self.empty_state)

    def _fit_table(self) -> None:
        """Every segment's row on screen (up to 60 % of the tab), the bars below in the rest."""
        total = self.splitter.height()
        if not self._fit_pending or not self.splitter.isVisible() or total <= 0 or self.model.rowCount() == 0:
            return
        self._fit_pending = False  # once per show: a splitter the seller dragged then stays where it was put
        table = self.table
        rows = sum(table.rowHeight(row) for row in range(self.model.rowCount()))
        needed = rows + table.horizontalHeader().height() + 2 * table.frameWidth()
        if table.horizontalScrollBar().isVisible():
            needed += table.horizontalScrollBar().height()
        top = min(needed + 2, int(total * 0.6))
        self.splitter.setSizes([top, total - top])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_table()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_table()

    def select_segment(self, band_index: int) -> None:
        """Select the row of the timeline band ``band_index`` (rows may be sorted)."""
        for row in range(self.model.rowCount()):
            segment = self.model.segment(row)
            if segment is not None and segment.band.index == band_index:
                index = self.table.proxy.mapFromSource(self.model.index(row, SegmentColumn.TITLE))
                self.table.setCurrentIndex(index)
                self.table.selectionModel().select(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                self.table.scrollTo(index)
                self.table.setFocus()
                return


class ProductsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ProductsModel(self)
        self.table = ResultTable(self.model, self)
        self.empty_state = EmptyState(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_state)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)

    def set_data(self, data: ShowReviewData) -> None:
        self.model.set_products(data.products, data.header.currency)
        if data.products:
            self.table.fit_columns()
            self.stack.setCurrentWidget(self.table)
            unknown = sum(1 for product in data.products if product.cost_minor is None)
            self.note.setText(
                self.tr("%n product(s) without a cost in the catalogue: their profit stays blank.", None, unknown)
                if unknown
                else ""
            )
            self.note.setVisible(bool(unknown))
        else:
            self.note.hide()
            self.empty_state.show_state(
                self.tr("No products sold in this show"),
                self.tr(
                    "Per-product results come from the show's orders: import them on the Orders page, or capture "
                    "sales on the Live page during the show."
                ),
            )
            self.stack.setCurrentWidget(self.empty_state)
