"""What the orders table does besides showing rows: sorting by a header click, keeping the chosen orders selected
over a reload, and the count line under it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QItemSelection, QItemSelectionModel, QObject, Qt

from streamdesk.core.order_types import OrderRow
from streamdesk.ui.formatting import format_count, format_money
from streamdesk.ui.pages.orders.orders_model import SORT_KEYS, OrderColumn, OrdersModel, SortOrder
from streamdesk.ui.widgets.paged_table import PagedTableView

_ASCENDING_FIRST = (OrderColumn.SHIP_BY, OrderColumn.BUYER, OrderColumn.STATUS)  # soonest deadline first


def _qt_order(sort: SortOrder) -> Qt.SortOrder:
    return Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder


def _sort_column(sort: SortOrder) -> int:
    for column, key in SORT_KEYS.items():
        if key == sort.key:
            return int(column)
    return int(OrderColumn.CREATED)


class TableSupport(QObject):
    def __init__(self, table: PagedTableView, model: OrdersModel) -> None:
        super().__init__(table)
        self._table, self._model = table, model
        self._select_after_load: tuple[int, ...] = ()
        header = table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(_sort_column(model.sort_order), _qt_order(model.sort_order))
        header.sectionClicked.connect(self._on_header_clicked)
        model.loaded.connect(self.restore_selection)

    def selected_ids(self) -> tuple[int, ...]:
        return tuple(row.id for row in self._model.rows(self._table.selected_rows()))

    def select_after_load(self, order_ids: Iterable[int]) -> None:
        """Select these orders once the next answer to a query has arrived."""
        self._select_after_load = tuple(order_ids)

    def keep_selection(self) -> None:
        self.select_after_load(self.selected_ids())

    def restore_selection(self) -> None:
        wanted, self._select_after_load = set(self._select_after_load), ()
        model = self._model
        selection, first_row = QItemSelection(), None
        for order_id in wanted:
            number = model.row_of_order(order_id)
            if number is not None:
                selection.select(model.index(number, 0), model.index(number, model.columnCount() - 1))
                first_row = number if first_row is None else min(first_row, number)
        if first_row is None:
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self._table.selectionModel().select(selection, flags)
        current = model.index(first_row, int(OrderColumn.ORDER_NO))
        self._table.selectionModel().setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
        self._table.scrollTo(current)

    def _on_header_clicked(self, section: int) -> None:
        column = OrderColumn(section)
        key = SORT_KEYS.get(column)
        current = self._model.sort_order
        header = self._table.horizontalHeader()
        if key is None:  # not sortable: put the indicator back
            header.setSortIndicator(_sort_column(current), _qt_order(current))
            return
        descending = (not current.descending) if key == current.key else column not in _ASCENDING_FIRST
        sort = SortOrder(key, descending)
        header.setSortIndicator(section, _qt_order(sort))
        self.keep_selection()
        self._model.set_sort(sort)


def count_text(total: int, loaded: int, selected: Sequence[OrderRow]) -> str:
    """ "120 orders", "500 of 1,200 orders loaded; scroll for more", then what the selection paid."""
    text = QCoreApplication.translate("OrdersPage", "%n order(s)", "", total)
    if loaded < total:
        text = QCoreApplication.translate("OrdersPage", "{shown} of {total} loaded; scroll for more").format(
            shown=format_count(loaded), total=text
        )
    if len(selected) > 1:
        paid: dict[str, int] = {}
        for row in selected:
            paid[row.currency] = paid.get(row.currency, 0) + (row.paid_minor or 0)
        amounts = " + ".join(format_money(minor, currency) for currency, minor in sorted(paid.items()))
        text += " · " + QCoreApplication.translate(
            "OrdersPage", "%n selected, {amount} paid", "", len(selected)
        ).format(amount=amounts)
    return text
