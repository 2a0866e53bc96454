"""The editable SKU table of the product editor: text as typed, parsed into VariantInput only when building."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from streamdesk.core.catalogue_query import derive_margin
from streamdesk.core.catalogue_types import FieldProblem, VariantDetail, VariantInput
from streamdesk.core.errors import UserError
from streamdesk.core.money import parse_amount
from streamdesk.messages import describe
from streamdesk.ui.formatting import format_amount_for_editing, format_money, format_percent
from streamdesk.ui.widgets.money_delegate import PROBLEM_COLOR, PROBLEM_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root of a flat table, as a default argument
DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
_SPEC_SEPARATORS = re.compile(r"[;；\n]")
_SPEC_NAME_SEPARATORS = re.compile(r"[＝:：]")
_COMPONENT_SEPARATORS = re.compile(r"[;；,，\n]")
_COMPONENT = re.compile(r"^(?P<sku>.+?)(?:\s*[×*]\s*|\s+[xX]\s*)(?P<qty>\d+)$")


class VariantColumn(IntEnum):
    SPEC = 0
    SKU = 1
    BARCODE = 2
    COST = 3
    LIST_PRICE = 4
    LIVE_PRICE = 5
    MARGIN = 6
    MARGIN_PCT = 7
    LOW_STOCK = 8
    STOCK = 9
    COMPONENTS = 10


MONEY_COLUMNS = (VariantColumn.COST, VariantColumn.LIST_PRICE, VariantColumn.LIVE_PRICE)
_NUMERIC_COLUMNS = (*MONEY_COLUMNS, VariantColumn.MARGIN, VariantColumn.MARGIN_PCT, VariantColumn.LOW_STOCK)
_FIELD_COLUMNS = {
    "spec": VariantColumn.SPEC,
    "sku_code": VariantColumn.SKU,
    "barcode": VariantColumn.BARCODE,
    "cost_minor": VariantColumn.COST,
    "list_price_minor": VariantColumn.LIST_PRICE,
    "live_price_minor": VariantColumn.LIVE_PRICE,
    "low_stock_threshold": VariantColumn.LOW_STOCK,
    "initial_stock": VariantColumn.STOCK,
    "components": VariantColumn.COMPONENTS,
}
_COLUMN_FIELDS = {column: field for field, column in _FIELD_COLUMNS.items()}


@dataclass(slots=True)
class VariantDraft:
    """One row as the user typed it. ``on_hand`` is only shown (stock changes through adjustments)."""

    id: int | None = None
    spec: str = ""
    sku_code: str = ""
    barcode: str = ""
    cost: str = ""
    list_price: str = ""
    live_price: str = ""
    low_stock_threshold: str = "0"
    initial_stock: str = "0"
    components: str = ""
    on_hand: int = 0


def spec_to_text(spec: Sequence[tuple[str, str]]) -> str:
    """(("颜色", "红"), ("尺码", "M")) → "颜色=红;尺码=M"."""
    return ";".join(f"{name}={value}" if name else value for name, value in spec)


def parse_spec(text: str) -> tuple[tuple[str, str], ...]:
    """The spec cell ("颜色=红;尺码=M", or "颜色:红" as import files write it) as pairs; a bare value has no name."""
    pairs: list[tuple[str, str]] = []
    for item in _SPEC_SEPARATORS.split(_SPEC_NAME_SEPARATORS.sub("=", text)):
        name, sep, value = item.partition("=")
        if not sep:
            name, value = "", name
        if name.strip() or value.strip():
            pairs.append((name.strip(), value.strip()))
    return tuple(pairs)


class VariantsModel(QAbstractTableModel):
    """Rows are VariantDrafts; ``build()`` parses them into VariantInputs plus the problems parsing found."""

    def __init__(
        self,
        currency: str,
        *,
        find_sku: Callable[[str], int | None],
        sku_of: Callable[[int], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._currency = currency
        self._find_sku = find_sku
        self._sku_of = sku_of
        self._drafts: list[VariantDraft] = []
        self._problems: dict[tuple[int, int], str] = {}

    # --- content -------------------------------------------------------------------------------------------
    def load(self, variants: Sequence[VariantDetail]) -> None:
        self.beginResetModel()
        self._drafts = [self._draft_from(detail) for detail in variants if not detail.archived]
        self._problems = {}
        self.endResetModel()

    def _draft_from(self, detail: VariantDetail) -> VariantDraft:
        components = "; ".join(f"{self._sku_of(variant_id)}×{qty}" for variant_id, qty in detail.components)
        return VariantDraft(
            id=detail.id,
            spec=spec_to_text(detail.spec),
            sku_code=detail.sku_code,
            barcode=detail.barcode,
            cost=format_amount_for_editing(detail.cost_minor, self._currency),
            list_price=format_amount_for_editing(detail.list_price_minor, self._currency),
            live_price=format_amount_for_editing(detail.live_price_minor, self._currency),
            low_stock_threshold=str(detail.low_stock_threshold),
            initial_stock="0",
            components=components,
            on_hand=detail.on_hand,
        )

    def drafts(self) -> tuple[VariantDraft, ...]:
        return tuple(replace(draft) for draft in self._drafts)

    def add_variant(self, draft: VariantDraft | None = None) -> int:
        row = len(self._drafts)
        self.beginInsertRows(QModelIndex(), row, row)
        self._drafts.append(draft or VariantDraft())
        self.endInsertRows()
        return row

    def remove_variant(self, row: int) -> None:
        if not 0 <= row < len(self._drafts):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._drafts[row]
        self._problems = {}
        self.endRemoveRows()

    def set_currency(self, currency: str) -> None:
        self._currency = currency
        if self._drafts:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._drafts) - 1, len(VariantColumn) - 1))

    # --- problems ------------------------------------------------------------------------------------------
    def set_problems(self, problems: dict[str, str]) -> None:
        """``{"variants.2.sku_code": "sentence"}`` → a red frame and tooltip on that cell; others are cleared."""
        cells: dict[tuple[int, int], str] = {}
        for field, message in problems.items():
            cell = self.cell_for_field(field)
            if cell is not None:
                cells.setdefault(cell, message)
        if cells == self._problems:
            return
        self._problems = cells
        if self._drafts:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._drafts) - 1, len(VariantColumn) - 1))

    def cell_for_field(self, field: str) -> tuple[int, int] | None:
        """ "variants.2.sku_code" → (2, SKU column); a problem about a whole variant lands on its SKU cell."""
        parts = field.split(".")
        if len(parts) < 2 or parts[0] != "variants" or not parts[1].isdigit():
            return None
        row = int(parts[1])
        if row >= len(self._drafts):
            return None
        column = _FIELD_COLUMNS.get(parts[2] if len(parts) > 2 else "", VariantColumn.SKU)
        return row, int(column)

    def problem_at(self, row: int, column: int) -> str:
        return self._problems.get((row, column), "")

    def problem_lines(self) -> list[str]:
        """One sentence per problem cell, in table order, for the list under the table."""
        lines = []
        for (row, column), message in sorted(self._problems.items()):
            name = self.headerData(column, Qt.Orientation.Horizontal)
            lines.append(
                self.tr("SKU row {row}, {column}: {message}").format(row=row + 1, column=name, message=message)
            )
        return lines

    # --- parsing -------------------------------------------------------------------------------------------
    def build(self) -> tuple[tuple[VariantInput, ...], tuple[FieldProblem, ...]]:
        """VariantInputs for the service, and FieldProblems for text that does not parse (code "ui.message")."""
        variants: list[VariantInput] = []
        problems: list[FieldProblem] = []

        def problem(row: int, field: str, message: str) -> None:
            problems.append(FieldProblem(f"variants.{row}.{field}", "ui.message", (("message", message),)))

        for row, draft in enumerate(self._drafts):
            amounts: dict[str, int | None] = {}
            for field, text in (
                ("cost_minor", draft.cost),
                ("list_price_minor", draft.list_price),
                ("live_price_minor", draft.live_price),
            ):
                try:
                    amounts[field] = parse_amount(text, self._currency)
                except UserError as error:
                    amounts[field] = None
                    problem(row, field, describe(error))
            low = self._parse_count(draft.low_stock_threshold)
            if low is None:
                problem(row, "low_stock_threshold", self.tr("Enter a whole number of 0 or more."))
            initial = self._parse_count(draft.initial_stock) if draft.id is None else 0
            if initial is None:
                problem(row, "initial_stock", self.tr("Enter a whole number of 0 or more."))
            components, component_problem = self._parse_components(draft.components)
            if component_problem:
                problem(row, "components", component_problem)
            variants.append(
                VariantInput(
                    sku_code=draft.sku_code.strip(),
                    spec=parse_spec(draft.spec),
                    barcode=draft.barcode.strip(),
                    cost_minor=amounts["cost_minor"],
                    list_price_minor=amounts["list_price_minor"],
                    live_price_minor=amounts["live_price_minor"],
                    low_stock_threshold=low or 0,
                    initial_stock=0 if components else (initial or 0),
                    components=components,
                    id=draft.id,
                )
            )
        return tuple(variants), tuple(problems)

    @staticmethod
    def _parse_count(text: str) -> int | None:
        cleaned = text.strip() or "0"
        return int(cleaned) if cleaned.isdigit() else None

    def _parse_components(self, text: str) -> tuple[tuple[tuple[int, int], ...], str]:
        components: list[tuple[int, int]] = []
        for item in _COMPONENT_SEPARATORS.split(text):
            item = item.strip()
            if not item:
                continue
            match = _COMPONENT.match(item)
            sku, qty = (match["sku"].strip(), int(match["qty"])) if match else (item, 1)
            if qty <= 0:
                return (), self.tr("The quantity of “{sku}” must be at least 1.").format(sku=sku)
            variant_id = self._find_sku(sku)
            if variant_id is None:
                return (), self.tr("There is no SKU “{sku}” in the catalogue.").format(sku=sku)
            components.append((variant_id, qty))
        return tuple(components), ""

    def _amount(self, text: str) -> int | None:
        try:
            return parse_amount(text, self._currency)
        except UserError:
            return None

    # --- Qt model ------------------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._drafts)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(VariantColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(VariantColumn):
            return None
        if role == DISPLAY:
            return (
                self.tr("Spec"),
                self.tr("SKU"),
                self.tr("Barcode"),
                self.tr("Cost"),
                self.tr("List price"),
                self.tr("Live price"),
                self.tr("Margin"),
                self.tr("Margin %"),
                self.tr("Low-stock alert"),
                self.tr("Stock"),
                self.tr("Bundle of"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                VariantColumn.SPEC: self.tr(
                    "Attributes as name=value pairs separated by semicolons, e.g. 颜色=红;尺码=M"
                ),
                VariantColumn.MARGIN: self.tr("Live price (or list price when there is none) minus cost"),
                VariantColumn.LOW_STOCK: self.tr("The catalogue shows the stock in red at or below this number"),
                VariantColumn.STOCK: self.tr(
                    "Initial stock for a new SKU. Existing stock changes through “Adjust stock” on the catalogue page."
                ),
                VariantColumn.COMPONENTS: self.tr(
                    "For a bundle: the SKUs it is made of, e.g. SD-001×2; SD-002. Its stock follows its components."
                ),
            }.get(VariantColumn(section))
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = index.column()
        if column in (VariantColumn.MARGIN, VariantColumn.MARGIN_PCT):
            return base
        if column == VariantColumn.STOCK:
            draft = self._drafts[index.row()]
            return base if draft.id is not None or draft.components.strip() else base | Qt.ItemFlag.ItemIsEditable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._drafts):
            return None
        draft, column = self._drafts[index.row()], VariantColumn(index.column())
        if role in (DISPLAY, EDIT):
            return self._text(draft, column, for_editing=role == EDIT)
        if role == PROBLEM_ROLE:
            return self._problems.get((index.row(), index.column())) or None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._problems.get((index.row(), index.column())) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (*_NUMERIC_COLUMNS, VariantColumn.STOCK):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in (VariantColumn.MARGIN, VariantColumn.MARGIN_PCT):
                margin, _ = self._margin(draft)
                return QBrush(PROBLEM_COLOR) if margin is not None and margin < 0 else QBrush(QColor("#555555"))
            if column == VariantColumn.STOCK and not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
                return QBrush(QColor("#555555"))
        return None

    def _margin(self, draft: VariantDraft) -> tuple[int | None, float | None]:
        return derive_margin(self._amount(draft.cost), self._amount(draft.list_price), self._amount(draft.live_price))

    def _text(self, draft: VariantDraft, column: VariantColumn, *, for_editing: bool) -> str:
        if column == VariantColumn.MARGIN:
            return format_money(self._margin(draft)[0], self._currency)
        if column == VariantColumn.MARGIN_PCT:
            return format_percent(self._margin(draft)[1])
        if column == VariantColumn.STOCK:
            if draft.components.strip():
                return "" if for_editing else self.tr("from components")
            return str(draft.on_hand) if draft.id is not None else draft.initial_stock
        if column in MONEY_COLUMNS and not for_editing:
            text = self._raw(draft, column)
            amount = self._amount(text)
            return format_money(amount, self._currency) if amount is not None else text
        return self._raw(draft, column)

    @staticmethod
    def _raw(draft: VariantDraft, column: VariantColumn) -> str:
        return {
            VariantColumn.SPEC: draft.spec,
            VariantColumn.SKU: draft.sku_code,
            VariantColumn.BARCODE: draft.barcode,
            VariantColumn.COST: draft.cost,
            VariantColumn.LIST_PRICE: draft.list_price,
            VariantColumn.LIVE_PRICE: draft.live_price,
            VariantColumn.LOW_STOCK: draft.low_stock_threshold,
            VariantColumn.STOCK: draft.initial_stock,
            VariantColumn.COMPONENTS: draft.components,
        }.get(column, "")

    def setData(self, index: ModelIndex, value: object, role: int = EDIT) -> bool:
        if role != EDIT or not index.isValid() or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        field = _COLUMN_FIELDS.get(VariantColumn(index.column()))
        if field is None:
            return False
        attribute = {
            "spec": "spec",
            "sku_code": "sku_code",
            "barcode": "barcode",
            "cost_minor": "cost",
            "list_price_minor": "list_price",
            "live_price_minor": "live_price",
            "low_stock_threshold": "low_stock_threshold",
            "initial_stock": "initial_stock",
            "components": "components",
        }[field]
        text = "" if value is None else str(value)
        draft = self._drafts[index.row()]
        if getattr(draft, attribute) == text:
            return True
        setattr(draft, attribute, text)
        # margins derive from the prices, and the stock cell's editability from the components
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(VariantColumn) - 1))
        return True
