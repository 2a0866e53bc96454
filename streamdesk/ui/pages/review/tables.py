"""The per-segment and per-product tables of a review: models over the DTOs, sortable by their raw values, the best
and worst rows tinted, targets marked ✓/✗. The view (result_table.py) copies them as tab-separated text."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from streamdesk.core.review_types import ProductResult, SegmentResult
from streamdesk.labels import segment_kind_name
from streamdesk.ui.formatting import format_duration, format_money
from streamdesk.ui.pages.review.formats import NO_DATA, TONE_COLOURS, Tone, format_number, format_ratio, target_mark
from streamdesk.ui.pages.review.result_table import RIGHT, SORT_ROLE, Index, ResultModel

_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
BEST_BACKGROUND, WORST_BACKGROUND = QColor("#e3f2e5"), QColor("#fdecea")


def _money(minor: int | None, currency: str) -> str:
    return NO_DATA if minor is None else format_money(minor, currency)


class SegmentColumn(IntEnum):
    INDEX = 0
    TITLE = 1
    KIND = 2
    START = 3
    DURATION = 4
    PLANNED = 5
    ORDERS = 6
    UNITS = 7
    GMV = 8
    GPM = 9
    VIEWS = 10
    AVERAGE_ONLINE = 11
    PEAK_ONLINE = 12
    NEW_FOLLOWERS = 13


class ProductColumn(IntEnum):
    TITLE = 0
    SPEC = 1
    SKU = 2
    UNITS = 3
    GMV = 4
    REFUNDED = 5
    COST = 6
    PROFIT = 7
    SHARE = 8
    TARGET = 9
    TARGET_MET = 10
    RANK = 11


class SegmentsModel(ResultModel):
    NUMERIC = frozenset(
        {
            SegmentColumn.INDEX,
            SegmentColumn.START,
            SegmentColumn.DURATION,
            SegmentColumn.PLANNED,
            SegmentColumn.ORDERS,
            SegmentColumn.UNITS,
            SegmentColumn.GMV,
            SegmentColumn.GPM,
            SegmentColumn.VIEWS,
            SegmentColumn.AVERAGE_ONLINE,
            SegmentColumn.PEAK_ONLINE,
            SegmentColumn.NEW_FOLLOWERS,
        }
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SegmentResult] = []
        self._best: int | None = None
        self._worst: int | None = None

    def set_segments(self, rows: Sequence[SegmentResult], currency: str) -> None:
        """Best and worst by GMV: the one segment that sold the most (the least), when at least two differ."""
        self.beginResetModel()
        self._rows, self._currency = list(rows), currency
        self._best = self._worst = None
        if len(self._rows) >= 2:
            amounts = [row.gmv_minor for row in self._rows]
            top, bottom = max(amounts), min(amounts)
            if top != bottom:  # a tie marks nothing: two segments that sold nothing are not "the worst" of two
                self._best = amounts.index(top) if amounts.count(top) == 1 else None
                self._worst = amounts.index(bottom) if amounts.count(bottom) == 1 else None
        self.endResetModel()

    def segment(self, row: int) -> SegmentResult | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def best_row(self) -> int | None:
        return self._best

    def worst_row(self) -> int | None:
        return self._worst

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(SegmentColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(SegmentColumn):
            return None
        if role == DISPLAY:
            return (
                self.tr("#"),
                self.tr("Segment"),
                self.tr("Kind"),
                self.tr("Starts at"),
                self.tr("Ran for"),
                self.tr("Planned"),
                self.tr("Orders"),
                self.tr("Units"),
                self.tr("GMV"),
                self.tr("GPM"),
                self.tr("Views"),
                self.tr("Avg. online"),
                self.tr("Peak online"),
                self.tr("New followers"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = {
                SegmentColumn.START: self.tr("Minutes into the show (from the live timer, else the planned rundown)"),
                SegmentColumn.GPM: self.tr("GMV per 1,000 views during the segment"),
                SegmentColumn.VIEWS: self.tr("Views during the segment, from the imported minute data"),
            }
            return tips.get(SegmentColumn(section))
        return None

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], SegmentColumn(index.column())
        if role == DISPLAY:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._raw(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.align(column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return _tint(index.row() == self._best, index.row() == self._worst)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = []
            if column is SegmentColumn.TITLE and not row.band.from_timer:
                lines.append(self.tr("Times from the planned rundown: the live timer did not run for this show"))
            if index.row() == self._best:
                lines.append(self.tr("The segment that sold the most"))
            elif index.row() == self._worst:
                lines.append(self.tr("The segment that sold the least"))
            return "\n".join(lines) or None
        return None

    def _raw(self, row: SegmentResult, column: SegmentColumn) -> object:
        band = row.band
        values: dict[SegmentColumn, object] = {
            SegmentColumn.INDEX: band.index + 1,
            SegmentColumn.TITLE: band.title,
            SegmentColumn.KIND: segment_kind_name(band.kind),
            SegmentColumn.START: band.start_seconds,
            SegmentColumn.DURATION: band.end_seconds - band.start_seconds,
            SegmentColumn.PLANNED: row.planned_seconds,
            SegmentColumn.ORDERS: row.orders,
            SegmentColumn.UNITS: row.units,
            SegmentColumn.GMV: row.gmv_minor,
            SegmentColumn.GPM: row.gpm_minor,
            SegmentColumn.VIEWS: row.views,
            SegmentColumn.AVERAGE_ONLINE: row.average_online,
            SegmentColumn.PEAK_ONLINE: row.peak_online,
            SegmentColumn.NEW_FOLLOWERS: row.new_followers,
        }
        return values[column]

    def _display(self, row: SegmentResult, column: SegmentColumn) -> str:
        raw = self._raw(row, column)
        if column in (SegmentColumn.TITLE, SegmentColumn.KIND):
            return str(raw)
        if column in (SegmentColumn.START, SegmentColumn.DURATION, SegmentColumn.PLANNED):
            return format_duration(round(float(raw))) if isinstance(raw, (int, float)) else NO_DATA
        if column in (SegmentColumn.GMV, SegmentColumn.GPM):
            return _money(raw if isinstance(raw, int) else None, self._currency)
        return format_number(raw if isinstance(raw, (int, float)) else None)


class ProductsModel(ResultModel):
    NUMERIC = frozenset(
        {
            ProductColumn.UNITS,
            ProductColumn.GMV,
            ProductColumn.REFUNDED,
            ProductColumn.COST,
            ProductColumn.PROFIT,
            ProductColumn.SHARE,
            ProductColumn.TARGET,
        }
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ProductResult] = []

    def set_products(self, rows: Sequence[ProductResult], currency: str) -> None:
        self.beginResetModel()
        self._rows, self._currency = list(rows), currency
        self.endResetModel()

    def product(self, row: int) -> ProductResult | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(ProductColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ProductColumn):
            return None
        if role == DISPLAY:
            return (
                self.tr("Product"),
                self.tr("Spec"),
                self.tr("SKU"),
                self.tr("Units"),
                self.tr("GMV"),
                self.tr("Refunded"),
                self.tr("Cost"),
                self.tr("Profit"),
                self.tr("Share of show"),
                self.tr("Target units"),
                self.tr("Target met"),
                self.tr("Rank"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = {
                ProductColumn.COST: self.tr("Units × the SKU's cost in the catalogue; blank when the cost is unknown"),
                ProductColumn.PROFIT: self.tr("GMV − refunds − cost; blank when the cost is unknown"),
                ProductColumn.SHARE: self.tr("This product's GMV ÷ the show's GMV"),
                ProductColumn.TARGET: self.tr("The SKU target set on the show's plan"),
            }
            return tips.get(ProductColumn(section))
        return None

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], ProductColumn(index.column())
        if role == DISPLAY:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._raw(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return (
                RIGHT
                if column in self.NUMERIC
                else (int(Qt.AlignmentFlag.AlignCenter) if column is ProductColumn.TARGET_MET else None)
            )
        if role == Qt.ItemDataRole.BackgroundRole:
            return _tint(row.best, row.worst)
        if role == Qt.ItemDataRole.ForegroundRole and column is ProductColumn.TARGET_MET and row.target_met is not None:
            return QBrush(QColor(TONE_COLOURS[Tone.BETTER if row.target_met else Tone.WORSE]))
        if role == Qt.ItemDataRole.FontRole and column in (ProductColumn.TARGET_MET, ProductColumn.RANK):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is ProductColumn.TITLE and row.variant_id is None:
                return self.tr("Order lines that match no SKU in the catalogue, grouped by their title")
            if column is ProductColumn.TARGET_MET and row.target_met is not None:
                return self.tr("Target met") if row.target_met else self.tr("Target missed")
        return None

    def _raw(self, row: ProductResult, column: ProductColumn) -> object:
        values: dict[ProductColumn, object] = {
            ProductColumn.TITLE: row.title,
            ProductColumn.SPEC: row.spec_label,
            ProductColumn.SKU: row.sku_code,
            ProductColumn.UNITS: row.units,
            ProductColumn.GMV: row.gmv_minor,
            ProductColumn.REFUNDED: row.refunded_minor,
            ProductColumn.COST: row.cost_minor,
            ProductColumn.PROFIT: row.profit_minor,
            ProductColumn.SHARE: row.share,
            ProductColumn.TARGET: row.target_units,
            ProductColumn.TARGET_MET: None if row.target_met is None else int(row.target_met),
            ProductColumn.RANK: 1 if row.best else (-1 if row.worst else 0),
        }
        return values[column]

    def _display(self, row: ProductResult, column: ProductColumn) -> str:
        if column in (ProductColumn.TITLE, ProductColumn.SPEC, ProductColumn.SKU):
            return str(self._raw(row, column))
        if column in (ProductColumn.GMV, ProductColumn.REFUNDED, ProductColumn.COST, ProductColumn.PROFIT):
            raw = self._raw(row, column)
            return _money(raw if isinstance(raw, int) else None, self._currency)
        if column is ProductColumn.SHARE:
            return format_ratio(row.share)
        if column is ProductColumn.TARGET:
            return "" if row.target_units is None else format_number(row.target_units)
        if column is ProductColumn.TARGET_MET:
            return target_mark(row.target_met)
        if column is ProductColumn.RANK:
            if row.best:
                return self.tr("Best seller")
            return self.tr("Slowest seller") if row.worst else ""
        return format_number(row.units)


def _tint(best: bool, worst: bool) -> QBrush | None:
    if best:
        return QBrush(BEST_BACKGROUND)
    if worst:
        return QBrush(WORST_BACKGROUND)
    return None
