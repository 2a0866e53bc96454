"""The catalogue table: one row per SKU, fetched 500 at a time, filtered and sorted in SQL, queried off the GUI thread."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from streamdesk.core.catalogue_types import (
    CatalogueFilter,
    CatalogueRow,
    CatalogueSort,
    ScoreWeights,
    SortKey,
)
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.ui.formatting import format_count, format_money, format_percent
from streamdesk.ui.pages.catalogue.labels import role_name, score_explanation
from streamdesk.ui.pages.catalogue.thumbnails import ThumbnailLoader

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root of a flat table, as a default argument
DISPLAY = Qt.ItemDataRole.DisplayRole
PAGE_SIZE = 500
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


class Runner(Protocol):
    def start(self, job: Any, *, on_success: Any, on_error: Any = None, on_cancelled: Any = None) -> Any: ...


@dataclass(frozen=True, slots=True)
class _Fetched:
    generation: int
    total: int | None  # None when only more rows of the same query were fetched
    rows: tuple[CatalogueRow, ...]


def _fetch(
    queries: CatalogueQueries,
    generation: int,
    query: CatalogueFilter,
    sort: CatalogueSort,
    offset: int,
    limit: int,
    with_count: bool,
    cancel: CancelToken,
) -> Generator[Progress, None, _Fetched]:
    """Runs on a pool thread: count and first page of a new query in one call (one read transaction, so they
    agree), or one more page of rows. Quick, so it reports no progress. tests/bench/bench_search.py times the
    first of these per keystroke."""
    yield from ()
    cancel.raise_if_set()
    if with_count:
        total, rows = queries.count_and_page(query, sort, offset, limit)
        return _Fetched(generation, total, rows)
    return _Fetched(generation, None, queries.page(query, sort, offset, limit))


class CatalogueModel(QAbstractTableModel):
    """Asks the catalogue for the count and first page when the query changes, then 500 more rows per fetchMore.

    Every query carries a generation number; results of an older generation are dropped, so a slow answer to an
    earlier keystroke can never overwrite the rows of the latest one.
    """

    loaded = Signal()  # a new query's first page replaced the rows
    rows_fetched = Signal(int)  # how many rows a fetchMore appended
    load_failed = Signal(str)  # a sentence for the user

    def __init__(
        self,
        queries: CatalogueQueries,
        runner: Runner,
        thumbnails: ThumbnailLoader | None = None,
        weights: ScoreWeights | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._queries = queries
        self._runner = runner
        self._thumbnails = thumbnails
        self._weights = weights or ScoreWeights()
        self._filter = CatalogueFilter()
        self._sort = CatalogueSort()
        self._rows: list[CatalogueRow] = []
        self._row_of_variant: dict[int, int] = {}
        self._rows_of_thumbnail: dict[str, list[int]] = {}
        self._total = 0
        self._generation = 0
        self._busy_generation: int | None = None  # a fetchMore of this generation is on its way
        self._query_task: Any = None
        self._has_loaded = False
        if thumbnails is not None:
            thumbnails.loaded.connect(self._on_thumbnail_loaded)

    # --- query -------------------------------------------------------------------------------------------------
    @property
    def filter(self) -> CatalogueFilter:
        return self._filter

    @property
    def sort_order(self) -> CatalogueSort:
        return self._sort

    def set_filter(self, query: CatalogueFilter) -> None:
        if query != self._filter:
            self._filter = query
            self.reload()

    def set_sort(self, sort: CatalogueSort) -> None:
        if sort != self._sort:
            self._sort = sort
            self.reload(keep_loaded=True)

    def reload(self, *, keep_loaded: bool = False) -> None:
        """Query again; ``keep_loaded`` refetches as many rows as are loaded now, so the scroll position survives."""
        self._generation += 1
        self._busy_generation = None
        if self._query_task is not None:
            self._query_task.cancel()
        limit = PAGE_SIZE
        if keep_loaded and len(self._rows) > PAGE_SIZE:
            limit = -(-len(self._rows) // PAGE_SIZE) * PAGE_SIZE
        generation, query, sort = self._generation, self._filter, self._sort
        self._query_task = self._runner.start(
            lambda cancel: _fetch(self._queries, generation, query, sort, 0, limit, True, cancel),
            on_success=self._on_reloaded,
            on_error=lambda message: self._on_error(generation, message),
            on_cancelled=lambda: None,
        )

    def has_loaded(self) -> bool:
        """False until the first query answered (the page shows no empty state before that)."""
        return self._has_loaded

    def is_loading(self) -> bool:
        return self._query_task is not None

    def total(self) -> int:
        return self._total

    def row(self, row: int) -> CatalogueRow:
        return self._rows[row]

    def rows(self, rows: list[int]) -> list[CatalogueRow]:
        return [self._rows[row] for row in rows if 0 <= row < len(self._rows)]

    def row_of_variant(self, variant_id: int) -> int | None:
        return self._row_of_variant.get(variant_id)

    def _on_reloaded(self, fetched: _Fetched) -> None:
        if fetched.generation != self._generation:
            return  # an answer to a query the user has already replaced
        self._query_task = None
        self.beginResetModel()
        self._rows = list(fetched.rows)
        self._total = fetched.total or 0
        self._reindex(0)
        self.endResetModel()
        self._has_loaded = True
        self.loaded.emit()

    def _on_error(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._query_task = None
        self._busy_generation = None
        self.load_failed.emit(message)

    def _reindex(self, start: int) -> None:
        if start == 0:
            self._row_of_variant.clear()
            self._rows_of_thumbnail.clear()
        for number in range(start, len(self._rows)):
            row = self._rows[number]
            self._row_of_variant[row.variant_id] = number
            if row.thumbnail:
                self._rows_of_thumbnail.setdefault(row.thumbnail, []).append(number)

    # --- paging ------------------------------------------------------------------------------------------------
    def canFetchMore(self, parent: ModelIndex = _ROOT) -> bool:
        if parent.isValid():
            return False
        return len(self._rows) < self._total and self._busy_generation != self._generation

    def fetchMore(self, parent: ModelIndex = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        generation, query, sort, offset = self._generation, self._filter, self._sort, len(self._rows)
        self._busy_generation = generation
        self._runner.start(
            lambda cancel: _fetch(self._queries, generation, query, sort, offset, PAGE_SIZE, False, cancel),
            on_success=self._on_fetched,
            on_error=lambda message: self._on_error(generation, message),
            on_cancelled=lambda: None,
        )

    def _on_fetched(self, fetched: _Fetched) -> None:
        if fetched.generation != self._generation:
            return
        self._busy_generation = None
        if not fetched.rows:
            self._total = len(self._rows)  # rows were deleted meanwhile: stop asking
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(fetched.rows) - 1)
        self._rows.extend(fetched.rows)
        self._reindex(start)
        self.endInsertRows()
        self.rows_fetched.emit(len(fetched.rows))

    # --- Qt model ----------------------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(CatalogueColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(CatalogueColumn):
            return None
        if role == DISPLAY:
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
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                CatalogueColumn.MARGIN: self.tr("Live price (or list price when there is none) minus cost"),
                CatalogueColumn.STOCK: self.tr("Units on hand; red at or below the SKU's low-stock alert"),
                CatalogueColumn.SCORE: self.tr("Selection score from 0 to 100; point at a score to see its parts"),
            }.get(CatalogueColumn(section))
        if role == Qt.ItemDataRole.TextAlignmentRole and section in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], CatalogueColumn(index.column())
        if role == DISPLAY:
            return self._display(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == CatalogueColumn.THUMBNAIL:
            return self._thumbnails.pixmap(row.thumbnail) if self._thumbnails and row.thumbnail else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(CatalogueColumn(column)) if 0 <= column < len(CatalogueColumn) else None
        if key is not None:
            self.set_sort(CatalogueSort(key, order == Qt.SortOrder.DescendingOrder))
