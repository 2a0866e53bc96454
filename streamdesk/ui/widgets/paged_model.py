"""A table model over a big SQL-side query: count and first page when the query changes, 500 more rows per
fetchMore, every query answered off the GUI thread.

Every query carries a generation number; answers to an older generation are dropped, so a slow answer to an earlier
keystroke can never overwrite the rows of the latest one. Subclasses say how to query (``query``), how a row is
keyed (``key``), which columns there are (``columns``, ``numeric_columns``, ``sort_keys``) and what they show
(``_header_title``, ``_header_tip``, ``data``); the catalogue and orders tables are the two users.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Generator, Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from streamdesk.core.jobs import CancelToken, Progress

ModelIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root of a flat table, as a default argument
PAGE_SIZE = 500
DISPLAY = Qt.ItemDataRole.DisplayRole
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)  # figures line up by their units

RowT = TypeVar("RowT")
FilterT = TypeVar("FilterT")
SortT = TypeVar("SortT")

# (filter, sort, offset, limit, with_count) → (total or None when not counted, rows). It runs on a pool thread, so
# it may only call services, which open their own sessions.
Query = Callable[[Any, Any, int, int, bool], tuple[int | None, tuple[Any, ...]]]


class Runner(Protocol):
    def start(self, job: Any, *, on_success: Any, on_error: Any = None, on_cancelled: Any = None) -> Any: ...


@dataclass(frozen=True, slots=True)
class _Fetched:
    generation: int
    total: int | None  # None when only more rows of the same query were fetched
    rows: tuple[Any, ...]


def _fetch(
    query: Query,
    generation: int,
    filter: Any,
    sort: Any,
    offset: int,
    limit: int,
    with_count: bool,
    cancel: CancelToken,
) -> Generator[Progress, None, _Fetched]:
    """On a pool thread: count and a page in one read transaction (so they agree), or one more page. Quick: no
    progress."""
    yield from ()
    cancel.raise_if_set()
    total, rows = query(filter, sort, offset, limit, with_count)
    return _Fetched(generation, total, rows)


class PagedQueryModel(QAbstractTableModel, Generic[RowT, FilterT, SortT]):
    loaded = Signal()  # a new query's first page replaced the rows
    rows_fetched = Signal(int)  # how many rows a fetchMore appended
    load_failed = Signal(str)  # a sentence for the user

    columns: ClassVar[type[IntEnum]]  # the table's columns, numbered from 0
    numeric_columns: ClassVar[Collection[int]] = ()  # right-aligned, header and cells
    sort_keys: ClassVar[Mapping[Any, Any]] = {}  # column → the SQL sort key a header click asks for

    def __init__(
        self,
        runner: Runner,
        *,
        query: Query,
        key: Callable[[RowT], int],
        filter: FilterT,
        sort: SortT,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._query = query
        self._row_key = key
        self._filter = filter
        self._sort = sort
        self._rows: list[RowT] = []
        self._row_of_key: dict[int, int] = {}
        self._total = 0
        self._generation = 0
        self._busy_generation: int | None = None  # a fetchMore of this generation is on its way
        self._query_task: Any = None
        self._has_loaded = False

    # --- query -------------------------------------------------------------------------------------------------
    @property
    def filter(self) -> FilterT:
        return self._filter

    @property
    def sort_order(self) -> SortT:
        return self._sort

    def set_filter(self, query: FilterT) -> None:
        if query != self._filter:
            self._filter = query
            self.reload()

    def set_sort(self, sort: SortT) -> None:
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
        generation, filter, sort = self._generation, self._filter, self._sort
        self._query_task = self._runner.start(
            lambda cancel: _fetch(self._query, generation, filter, sort, 0, limit, True, cancel),
            on_success=self._on_reloaded,
            on_error=lambda message: self._on_error(generation, message),
            on_cancelled=lambda: None,
        )

    def has_loaded(self) -> bool:
        """False until the first query answered (pages show no empty state before that)."""
        return self._has_loaded

    def is_loading(self) -> bool:
        return self._query_task is not None

    def total(self) -> int:
        return self._total

    def row(self, row: int) -> RowT:
        return self._rows[row]

    def rows(self, rows: list[int]) -> list[RowT]:
        return [self._rows[row] for row in rows if 0 <= row < len(self._rows)]

    def row_of_key(self, key: int) -> int | None:
        return self._row_of_key.get(key)

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
            self._row_of_key.clear()
        for number in range(start, len(self._rows)):
            self._row_of_key[self._row_key(self._rows[number])] = number

    # --- paging ------------------------------------------------------------------------------------------------
    def canFetchMore(self, parent: ModelIndex = ROOT) -> bool:
        if parent.isValid():
            return False
        return len(self._rows) < self._total and self._busy_generation != self._generation

    def fetchMore(self, parent: ModelIndex = ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        generation, filter, sort, offset = self._generation, self._filter, self._sort, len(self._rows)
        self._busy_generation = generation
        self._runner.start(
            lambda cancel: _fetch(self._query, generation, filter, sort, offset, PAGE_SIZE, False, cancel),
            on_success=self._on_fetched,
            on_error=lambda message: self._on_error(generation, message),
            on_cancelled=lambda: None,
        )

    def _on_fetched(self, fetched: _Fetched) -> None:
        if fetched.generation != self._generation:
            return
        self._busy_generation = None
        # rows added meanwhile shift the pages: a row already shown may come again
        fresh = [row for row in fetched.rows if self._row_key(row) not in self._row_of_key]
        if not fresh:
            self._total = len(self._rows)  # nothing new (rows were deleted meanwhile): stop asking
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
        self._rows.extend(fresh)
        self._reindex(start)
        self.endInsertRows()
        if fetched.total is not None:
            self._total = max(fetched.total, len(self._rows))
        self.rows_fetched.emit(len(fresh))

    # --- Qt model ----------------------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == DISPLAY:
            return self._header_title(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tip(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.numeric_columns:
            return RIGHT_ALIGNED
        return None

    _header_title: Callable[[int], str]  # each table names its columns

    def _header_tip(self, section: int) -> str | None:
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _row_at(self, index: ModelIndex) -> RowT | None:
        """The row behind ``index``; None for an invalid index or one past the rows loaded (a stale view's)."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: sort in SQL by the column's key; columns without one stay as they are."""
        key = self.sort_keys.get(self.columns(column)) if 0 <= column < len(self.columns) else None
        if key is not None:
            self.set_sort(self._sort_by(key, order == Qt.SortOrder.DescendingOrder))

    _sort_by: Callable[[Any, bool], SortT]  # a column's sort key and direction → the table's sort value
