"""The after-sales cases table (one row per CaseRow), and the lines of an order a new case takes back.

``CaseLinesModel`` is the editable table of the case dialog: per order line, how many units come back (0 = none)
and whether they go back on the shelf (a RETURN stock move through the ledger).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QObject, Qt, Signal

from streamdesk.core.order_types import CaseItemInput, CaseKind, CaseRow, CaseStatus, OrderLineRow
from streamdesk.labels import case_kind_name, case_status_name
from streamdesk.ui.formatting import format_local_datetime, format_money
from streamdesk.ui.pages.orders.customers_model import (
    DISPLAY,
    RIGHT,
    ROOT,
    ModelIndex,
    RowsModel,
    format_day,
    shown_name,
    when_key,
)
from streamdesk.ui.pages.orders.labels import CASE_STATUS_COLOURS


class CaseColumn(IntEnum):
    NUMBER = 0
    KIND = 1
    STATUS = 2
    ORDER = 3
    CUSTOMER = 4
    SUMMARY = 5
    REFUND = 6
    OPENED = 7
    UPDATED = 8


class CasesModel(RowsModel[CaseRow]):
    def row_of(self, case_id: int) -> int | None:
        return next((number for number, row in enumerate(self._rows) if row.id == case_id), None)

    def sort_key(self, row: CaseRow, column: int) -> Any:
        keys = {
            CaseColumn.NUMBER: lambda: row.id,
            CaseColumn.KIND: lambda: list(CaseKind).index(row.kind),
            CaseColumn.STATUS: lambda: list(CaseStatus).index(row.status),  # the workflow's order
            CaseColumn.ORDER: lambda: row.order_no,
            CaseColumn.CUSTOMER: lambda: row.customer.casefold(),
            CaseColumn.SUMMARY: lambda: row.summary.casefold(),
            CaseColumn.REFUND: lambda: row.refund_minor,
            CaseColumn.OPENED: lambda: when_key(row.created_at),
            CaseColumn.UPDATED: lambda: when_key(row.updated_at),
        }
        return keys[CaseColumn(column)]()

    def columnCount(self, parent: ModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(CaseColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(CaseColumn):
            return None
        return (
            self.tr("Case"),
            self.tr("Kind"),
            self.tr("Status"),
            self.tr("Order no."),
            self.tr("Customer"),
            self.tr("Summary"),
            self.tr("Refund"),
            self.tr("Opened"),
            self.tr("Updated"),
        )[section]

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        case = self._rows[index.row()]
        column = CaseColumn(index.column())
        if role == DISPLAY:
            return self._display(case, column)
        if role == Qt.ItemDataRole.ForegroundRole and column is CaseColumn.STATUS:
            return CASE_STATUS_COLOURS[case.status]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (CaseColumn.NUMBER, CaseColumn.REFUND):
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(case, column)
        return None

    def _display(self, case: CaseRow, column: CaseColumn) -> str:
        if column is CaseColumn.NUMBER:
            return str(case.id)
        if column is CaseColumn.KIND:
            return case_kind_name(case.kind)
        if column is CaseColumn.STATUS:
            return case_status_name(case.status)
        if column is CaseColumn.ORDER:
            return case.order_no
        if column is CaseColumn.CUSTOMER:
            return shown_name(self.privacy, case.customer)
        if column is CaseColumn.SUMMARY:
            return case.summary
        if column is CaseColumn.REFUND:
            return format_money(case.refund_minor, case.currency) if case.refund_minor else ""
        return format_day(case.created_at if column is CaseColumn.OPENED else case.updated_at)

    def _tooltip(self, case: CaseRow, column: CaseColumn) -> str | None:
        if column is CaseColumn.SUMMARY:
            return case.summary or None
        if column is CaseColumn.OPENED:
            return format_local_datetime(case.created_at)
        if column is CaseColumn.UPDATED:
            return format_local_datetime(case.updated_at)
        return None

    def is_closed(self, number: int) -> bool:
        return self._rows[number].status is CaseStatus.CLOSED


class LineColumn(IntEnum):
    ITEM = 0
    SKU = 1
    BOUGHT = 2
    TAKE_BACK = 3
    RESTOCK = 4
    UNIT_PRICE = 5


@dataclass(frozen=True, slots=True)
class _LineChoice:
    line: OrderLineRow
    quantity: int = 0  # units this case takes back
    restock: bool = True

    @property
    def returnable(self) -> int:
        """At most the units bought (the stock side never returns more than is still out: orders_stock.restock)."""
        return self.line.quantity

    @property
    def can_restock(self) -> bool:
        """Only a line matched to a SKU has a shelf to go back to."""
        return self.line.variant_id is not None


class CaseLinesModel(QAbstractTableModel):
    """Editable: the take-back quantity (0..units not yet taken back) and the restock tick of each line."""

    choices_changed = Signal()

    def __init__(self, currency: str = "CNY", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._currency = currency
        self._choices: list[_LineChoice] = []
        self.locked = False  # an opened case: its units are shown, no longer chosen

    def set_lines(self, lines: Sequence[OrderLineRow], currency: str) -> None:
        self.beginResetModel()
        self._currency = currency
        self._choices = [_LineChoice(line, restock=line.variant_id is not None) for line in lines]
        self.endResetModel()
        self.choices_changed.emit()

    def set_choice(self, order_line_id: int, quantity: int, restock: bool) -> None:
        """Take back ``quantity`` units of this line (kept within what can still come back)."""
        for number, choice in enumerate(self._choices):
            if choice.line.id == order_line_id:
                quantity = max(0, min(quantity, choice.returnable))
                self._choices[number] = replace(choice, quantity=quantity, restock=restock and choice.can_restock)
                self.dataChanged.emit(self.index(number, 0), self.index(number, len(LineColumn) - 1))
                self.choices_changed.emit()

    def items(self) -> tuple[CaseItemInput, ...]:
        return tuple(
            CaseItemInput(order_line_id=choice.line.id, quantity=choice.quantity, restock=choice.restock)
            for choice in self._choices
            if choice.quantity > 0
        )

    def suggested_refund(self) -> int:
        """What the units taken back were paid at (unit price × quantity), in minor units."""
        return sum((choice.line.unit_price_minor or 0) * choice.quantity for choice in self._choices)

    # --- Qt ----------------------------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._choices)

    def columnCount(self, parent: ModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(LineColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(LineColumn):
            return None
        return (
            self.tr("Item"),
            self.tr("SKU"),
            self.tr("Bought"),
            self.tr("Take back"),
            self.tr("Restock"),
            self.tr("Unit price"),
        )[section]

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.locked:
            return flags
        choice = self._choices[index.row()]
        column = LineColumn(index.column())
        if column is LineColumn.TAKE_BACK and choice.returnable > 0:
            flags |= Qt.ItemFlag.ItemIsEditable
        if column is LineColumn.RESTOCK and choice.can_restock and choice.quantity > 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._choices):
            return None
        choice = self._choices[index.row()]
        line = choice.line
        column = LineColumn(index.column())
        if role in (DISPLAY, Qt.ItemDataRole.EditRole):
            return self._value(choice, column, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.CheckStateRole and column is LineColumn.RESTOCK and choice.can_restock:
            return Qt.CheckState.Checked if choice.restock and choice.quantity else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            LineColumn.BOUGHT,
            LineColumn.TAKE_BACK,
            LineColumn.UNIT_PRICE,
        ):
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(choice, column) or (f"{line.title} {line.spec}".strip() or None)
        return None

    def _value(self, choice: _LineChoice, column: LineColumn, editing: bool) -> object:
        line = choice.line
        if column is LineColumn.ITEM:
            return f"{line.title}  {line.spec}".strip()
        if column is LineColumn.SKU:
            return line.sku_code
        if column is LineColumn.BOUGHT:
            return str(line.quantity)
        if column is LineColumn.TAKE_BACK:
            return choice.quantity if editing else (str(choice.quantity) if choice.quantity else "")
        if column is LineColumn.RESTOCK:
            return "" if choice.can_restock else self.tr("no SKU")
        return format_money(line.unit_price_minor, self._currency)

    def _tooltip(self, choice: _LineChoice, column: LineColumn) -> str | None:
        if column is LineColumn.TAKE_BACK:
            return self.tr("Up to %n unit(s) can come back.", "", choice.returnable)
        if column is LineColumn.RESTOCK:
            if not choice.can_restock:
                return self.tr("This line is not matched to a SKU, so there is no stock to put it back on.")
            return self.tr("Put the units back in stock (recorded as a return in the stock history).")
        return None

    def setData(self, index: ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._choices):
            return False
        choice = self._choices[index.row()]
        column = LineColumn(index.column())
        if column is LineColumn.TAKE_BACK and role == Qt.ItemDataRole.EditRole:
            try:
                quantity = int(str(value).strip() or 0)
            except ValueError:
                return False
            self.set_choice(choice.line.id, quantity, choice.restock)
            return True
        if column is LineColumn.RESTOCK and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
            self.set_choice(choice.line.id, choice.quantity, checked)
            return True
        return False

    def returnable(self, number: int) -> int:
        return self._choices[number].returnable
