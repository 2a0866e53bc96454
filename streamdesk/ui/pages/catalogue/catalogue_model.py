"""The catalogue table: one row per SKU, fetched 500 at a time, filtered and sorted in SQL, queried off the GUI thread."""

from __future__ import annotations

from enum import IntEnum
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from streamdesk.core.catalogue_types import (
    CatalogueFilter,
    CatalogueRow,
    CatalogueSort,
    ScoreWeights,
    SortKey,
)
from streamdesk.ui.formatting import format_count, format_money, format_percent
from streamdesk.ui.pages.catalogue.labels import role_name, score_explanation
from streamdesk.ui.pages.catalogue.thumbnails import ThumbnailLoader
from streamdesk.ui.widgets.paged_model import DISPLAY, RIGHT_ALIGNED, ModelIndex, PagedQueryModel, Runner

LOW_STOCK_COLOR = QColor("#c62828")
ARCHIVED_COLOR = QColor("#8a8a8a")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the CatalogueRow behind a row, for actions on the selection


class CatalogueColumn(IntEnum):
    THUMBNAIL = 0
    TITLE = 1
    SPEC = 2
    SKU = 3
    CATEGORY = 4
    ROLE = 5
    COST = 6
    LIST_PRICE = 7
    LIVE_PRICE = 8
    MARGIN = 9
    MARGIN_PCT = 10
    STOCK = 11
    SCORE = 12
    SUPPLIER = 13


SORT_KEYS = {
    CatalogueColumn.TITLE: SortKey.TITLE,
    CatalogueColumn.SKU: SortKey.SKU,
    CatalogueColumn.CATEGORY: SortKey.CATEGORY,
    CatalogueColumn.COST: SortKey.COST,
    CatalogueColumn.LIST_PRICE: SortKey.LIST_PRICE,
    CatalogueColumn.LIVE_PRICE: SortKey.LIVE_PRICE,
    CatalogueColumn.MARGIN: SortKey.MARGIN,
    CatalogueColumn.MARGIN_PCT: SortKey.MARGIN_PCT,
    CatalogueColumn.STOCK: SortKey.STOCK,
    CatalogueColumn.SCORE: SortKey.SCORE,
}
_NUMERIC = (
    CatalogueColumn.COST,
    CatalogueColumn.LIST_PRICE,
    CatalogueColumn.LIVE_PRICE,
    CatalogueColumn.MARGIN,
    CatalogueColumn.MARGIN_PCT,
    CatalogueColumn.STOCK,
    CatalogueColumn.SCORE,
)


class CatalogueQueries(Protocol):
    def count_and_page(
        self, filter: CatalogueFilter, sort: CatalogueSort, offset: int, limit: int
    ) -> tuple[int, tuple[CatalogueRow, ...]]: ...
    def page(
        self, filter: CatalogueFilter, sort: CatalogueSort, offset: int, limit: int
    ) -> tuple[CatalogueRow, ...]: ...


class CatalogueModel(PagedQueryModel[CatalogueRow, CatalogueFilter, CatalogueSort]):
    """One row per SKU; paging, generations and off-thread queries are PagedQueryModel's."""

    columns = CatalogueColumn
    numeric_columns = _NUMERIC
    sort_keys = SORT_KEYS

    def __init__(
        self,
        queries: CatalogueQueries,
        runner: Runner,
        thumbnails: ThumbnailLoader | None = None,
        weights: ScoreWeights | None = None,
        parent: QObject | None = None,
    ) -> None:
        def query(
            filter: CatalogueFilter, sort: CatalogueSort, offset: int, limit: int, with_count: bool
        ) -> tuple[int | None, tuple[CatalogueRow, ...]]:
            # tests/bench/bench_search.py times the counted first page, asked once per keystroke
            if with_count:
                return queries.count_and_page(filter, sort, offset, limit)
            return None, queries.page(filter, sort, offset, limit)

        super().__init__(
            runner,
            query=query,
            key=lambda row: row.variant_id,
            filter=CatalogueFilter(),
            sort=CatalogueSort(),
            parent=parent,
        )
        self._thumbnails = thumbnails
        self._weights = weights or ScoreWeights()
        self._rows_of_thumbnail: dict[str, list[int]] = {}
        if thumbnails is not None:
            thumbnails.loaded.connect(self._on_thumbnail_loaded)

    def row_of_variant(self, variant_id: int) -> int | None:
        return self.row_of_key(variant_id)

    def _reindex(self, start: int) -> None:
        super()._reindex(start)
        if start == 0:
            self._rows_of_thumbnail.clear()
        for number in range(start, len(self._rows)):
            thumbnail = self._rows[number].thumbnail
            if thumbnail:
                self._rows_of_thumbnail.setdefault(thumbnail, []).append(number)

    # --- Qt model ----------------------------------------------------------------------------------------------
    def _header_title(self, section: int) -> str:
        return (
            "",
            self.tr("Product"),
            self.tr("Spec"),
            self.tr("SKU"),
            self.tr("Category"),
            self.tr("Role"),
            self.tr("Cost"),
            self.tr("List price"),
            self.tr("Live price"),
            self.tr("Margin"),
            self.tr("Margin %"),
            self.tr("Stock"),
            self.tr("Score"),
            self.tr("Supplier"),
        )[section]

    def _header_tip(self, section: int) -> str | None:
        return {
            CatalogueColumn.MARGIN: self.tr("Live price (or list price when there is none) minus cost"),
            CatalogueColumn.STOCK: self.tr("Units on hand; red at or below the SKU's low-stock alert"),
            CatalogueColumn.SCORE: self.tr("Selection score from 0 to 100; point at a score to see its parts"),
        }.get(CatalogueColumn(section))

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        row = self._row_at(index)
        if row is None:
            return None
        column = CatalogueColumn(index.column())
        if role == DISPLAY:
            return self._display(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == CatalogueColumn.THUMBNAIL:
            return self._thumbnails.pixmap(row.thumbnail) if self._thumbnails and row.thumbnail else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return RIGHT_ALIGNED
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.archived:
                return QBrush(ARCHIVED_COLOR)
            if column == CatalogueColumn.STOCK and row.is_low_stock:
                return QBrush(LOW_STOCK_COLOR)
            if column in (CatalogueColumn.MARGIN, CatalogueColumn.MARGIN_PCT) and (row.margin_minor or 0) < 0:
                return QBrush(LOW_STOCK_COLOR)
        if role == Qt.ItemDataRole.FontRole and (
            row.archived or (column == CatalogueColumn.STOCK and row.is_low_stock)
        ):
            font = QFont()
            font.setItalic(row.archived)
            font.setBold(column == CatalogueColumn.STOCK and row.is_low_stock)
            return font
        if role == ROW_ROLE:
            return row
        return None

    def _display(self, row: CatalogueRow, column: CatalogueColumn) -> str:
        if column == CatalogueColumn.TITLE:
            return self.tr("{title} (archived)").format(title=row.title) if row.archived else row.title
        if column == CatalogueColumn.STOCK:
            return format_count(row.on_hand)
        if column == CatalogueColumn.SCORE:
            return f"{row.score.total:.0f}"
        if column == CatalogueColumn.ROLE:
            return role_name(row.role)
        if column == CatalogueColumn.MARGIN_PCT:
            return format_percent(row.margin_pct)
        money = {
            CatalogueColumn.COST: row.cost_minor,
            CatalogueColumn.LIST_PRICE: row.list_price_minor,
            CatalogueColumn.LIVE_PRICE: row.live_price_minor,
            CatalogueColumn.MARGIN: row.margin_minor,
        }
        if column in money:
            return format_money(money[column], row.currency)
        return {
            CatalogueColumn.SPEC: row.spec_label,
            CatalogueColumn.SKU: row.sku_code,
            CatalogueColumn.CATEGORY: row.category,
            CatalogueColumn.SUPPLIER: row.supplier_name,
        }.get(column, "")

    def _tooltip(self, row: CatalogueRow, column: CatalogueColumn) -> str | None:
        if column == CatalogueColumn.TITLE:
            lines = [row.title]
            if row.alt_title:
                lines.append(row.alt_title)
            if row.tags:
                lines.append(self.tr("Tags: {tags}").format(tags=", ".join(row.tags)))
            return "\n".join(lines)
        if column == CatalogueColumn.SCORE:
            return score_explanation(row.score, self._weights)
        if column == CatalogueColumn.STOCK:
            if row.is_bundle:
                return self.tr("A bundle: complete sets its components make ({count})").format(count=row.on_hand)
            if row.is_low_stock:
                return self.tr("Low stock: {count} on hand, alert at {threshold}").format(
                    count=row.on_hand, threshold=row.low_stock_threshold
                )
        if column == CatalogueColumn.SKU and row.barcode:
            return self.tr("Barcode: {barcode}").format(barcode=row.barcode)
        return None

    def _on_thumbnail_loaded(self, file_name: str) -> None:
        column = int(CatalogueColumn.THUMBNAIL)
        for number in self._rows_of_thumbnail.get(file_name, ()):
            index = self.index(number, column)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def _sort_by(self, key: SortKey, descending: bool) -> CatalogueSort:
        return CatalogueSort(key, descending)
