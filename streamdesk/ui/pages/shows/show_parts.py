"""The show dialog's lists: people and their roles, promotions with their rules, budget lines with a total, and
per-SKU sales targets (SKUs added through the catalogue picker). Each is a table with Add / Remove (Insert / Delete).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.catalogue_types import CatalogueRow, FieldProblem
from streamdesk.core.errors import UserError
from streamdesk.core.money import parse_amount
from streamdesk.core.show_types import (
    BudgetKind,
    BudgetLineInput,
    PersonInput,
    PersonRole,
    PromotionInput,
    PromotionKind,
    SkuTargetInput,
    SkuTargetRow,
)
from streamdesk.messages import describe
from streamdesk.ui.formatting import format_amount_for_editing, format_money
from streamdesk.ui.pages.shows.labels import budget_kind_name, person_role_name, promotion_name, promotion_rule_hint
from streamdesk.ui.pages.shows.rows_model import CellKind, EditableRowsModel, RowColumn, RowsDelegate
from streamdesk.ui.widgets.field_problem import ProblemLabel


class RowsEditor(QWidget):
    """A table of one list of the show, Add and Remove buttons, and the problems of its rows under it."""

    changed = Signal()
    prefix = ""  # the service's field prefix: "people" for "people.2.name"

    def __init__(
        self, columns: Sequence[RowColumn], add_text: str, parent: QWidget | None = None, **model_args: object
    ) -> None:
        super().__init__(parent)
        self.model = EditableRowsModel(columns, parent=self, **model_args)  # type: ignore[arg-type]
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(RowsDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.add_button = QPushButton(add_text, self)
        self.add_button.setToolTip(QCoreApplication.translate("ShowParts", "Add a row (Insert)"))
        self.remove_button = QPushButton(QCoreApplication.translate("ShowParts", "Remove"), self)
        self.remove_button.setToolTip(QCoreApplication.translate("ShowParts", "Remove the current row (Delete)"))
        self.problem_label = ProblemLabel(self)
        self.footer = QLabel(self)
        self.footer.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.footer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problem_label)
        self._key("Insert", self.add)
        self._key("Delete", self.remove_current)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_current)
        for signal in (self.model.dataChanged, self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self.changed)

    def _key(self, keys: str, slot: Callable[[], None]) -> None:
        action = QAction(self.view)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)

    def set_column_widths(self, widths: Sequence[int], stretch: int) -> None:
        """Widths at least as wide as the header text (longer in some languages); ``stretch`` takes the rest."""
        header = self.view.horizontalHeader()
        for column, width in enumerate(widths):
            self.view.setColumnWidth(column, max(width, header.sectionSizeHint(column) + 8))
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def add(self) -> None:
        row = self.model.add_row(self.new_row())
        self.edit_cell(row, 0)

    def new_row(self) -> dict[str, object]:
        return {}

    def edit_cell(self, row: int, column: int) -> None:
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.view.edit(index)

    def remove_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove_row(index.row())

    def show_problems(self, found: dict[str, str]) -> set[str]:
        """Put the problems whose field starts with this list's prefix on their cells; returns those fields."""
        cells: dict[tuple[int, str], str] = {}
        placed = set()
        for field, message in found.items():
            parts = field.split(".")
            if parts[0] != self.prefix or len(parts) < 2 or not parts[1].isdigit():
                continue
            row = int(parts[1])
            if row >= self.model.rowCount():
                continue
            keys = {column.key for column in self.model.columns}
            key = parts[2] if len(parts) > 2 and parts[2] in keys else self.model.columns[0].key
            cells.setdefault((row, key), message)
            placed.add(field)
        self.model.set_problems(cells)
        lines = self.model.problem_lines(
            lambda row: QCoreApplication.translate("ShowParts", "Row {row}").format(row=row + 1)
        )
        self.problem_label.show_problem("\n".join(lines) or None)
        return placed


class PeopleEditor(RowsEditor):
    prefix = "people"

    def __init__(self, parent: QWidget | None = None) -> None:
        roles = tuple((role, person_role_name(role)) for role in PersonRole)
        columns = (
            RowColumn("name", QCoreApplication.translate("ShowParts", "Name")),
            RowColumn("role", QCoreApplication.translate("ShowParts", "Role"), CellKind.CHOICE, roles),
        )
        super().__init__(columns, QCoreApplication.translate("ShowParts", "Add person"), parent)
        self.set_column_widths((220, 200), stretch=1)

    def new_row(self) -> dict[str, object]:
        taken = {row["role"] for row in self.model.values()}
        role = next((role for role in PersonRole if role not in taken), PersonRole.HOST)
        return {"name": "", "role": role}

    def load(self, people: Sequence[PersonInput]) -> None:
        self.model.set_rows([{"name": person.name, "role": person.role} for person in people])

    def people(self) -> tuple[PersonInput, ...]:
        return tuple(
            PersonInput(name=str(row["name"]).strip(), role=PersonRole(str(row["role"]))) for row in self.model.values()
        )


class PromotionsEditor(RowsEditor):
    prefix = "promotions"

    def __init__(self, parent: QWidget | None = None) -> None:
        kinds = tuple((kind, promotion_name(kind)) for kind in PromotionKind)
        columns = (
            RowColumn("kind", QCoreApplication.translate("ShowParts", "Promotion"), CellKind.CHOICE, kinds),
            RowColumn("rule", QCoreApplication.translate("ShowParts", "Rule")),
        )
        super().__init__(
            columns, QCoreApplication.translate("ShowParts", "Add promotion"), parent, empty_hint=self._hint
        )
        self.set_column_widths((220, 300), stretch=1)

    @staticmethod
    def _hint(key: str, row: dict[str, object]) -> str:
        return promotion_rule_hint(PromotionKind(str(row["kind"]))) if key == "rule" and not row.get("rule") else ""

    def new_row(self) -> dict[str, object]:
        return {"kind": PromotionKind.FULL_REDUCTION, "rule": ""}

    def load(self, promotions: Sequence[PromotionInput]) -> None:
        self.model.set_rows([{"kind": promotion.kind, "rule": promotion.rule} for promotion in promotions])

    def promotions(self) -> tuple[PromotionInput, ...]:
        return tuple(
            PromotionInput(kind=PromotionKind(str(row["kind"])), rule=str(row["rule"]).strip())
            for row in self.model.values()
        )


class BudgetEditor(RowsEditor):
    """Budget lines in the show's currency, with their total (and the fixed / variable split) beside the buttons."""

    prefix = "budget"

    def __init__(self, currency: str, parent: QWidget | None = None) -> None:
        self._currency = currency
        kinds = tuple((kind, budget_kind_name(kind)) for kind in BudgetKind)
        columns = (
            RowColumn("label", QCoreApplication.translate("ShowParts", "What for")),
            RowColumn("kind", QCoreApplication.translate("ShowParts", "Kind"), CellKind.CHOICE, kinds),
            RowColumn(
                "amount_minor", QCoreApplication.translate("ShowParts", "Amount"), CellKind.MONEY, align_right=True
            ),
        )
        super().__init__(columns, QCoreApplication.translate("ShowParts", "Add cost"), parent, display=self._display)
        self.set_column_widths((260, 140, 140), stretch=0)
        self.footer.show()
        font = self.footer.font()
        font.setBold(True)
        self.footer.setFont(font)
        self.changed.connect(self._update_total)
        self._update_total()

    def _display(self, key: str, value: object, _row: dict[str, object]) -> str:
        if key != "amount_minor" or not isinstance(value, str):
            return ""
        try:
            return format_money(parse_amount(value, self._currency), self._currency) or value
        except UserError:
            return value

    def set_currency(self, currency: str) -> None:
        self._currency = currency
        self.model.refresh()
        self._update_total()

    def new_row(self) -> dict[str, object]:
        return {"label": "", "kind": BudgetKind.VARIABLE, "amount_minor": ""}

    def load(self, lines: Sequence[BudgetLineInput], currency: str) -> None:
        self._currency = currency
        self.model.set_rows(
            [
                {
                    "label": line.label,
                    "kind": line.kind,
                    "amount_minor": format_amount_for_editing(line.amount_minor, currency),
                }
                for line in lines
            ]
        )

    def build(self) -> tuple[tuple[BudgetLineInput, ...], tuple[FieldProblem, ...]]:
        """The lines for the service, and a problem for each amount that is not money (those lines count as 0)."""
        lines: list[BudgetLineInput] = []
        problems: list[FieldProblem] = []
        for number, row in enumerate(self.model.values()):
            amount = 0
            try:
                amount = parse_amount(str(row["amount_minor"]), self._currency) or 0
            except UserError as error:
                problems.append(
                    FieldProblem(f"budget.{number}.amount_minor", "ui.message", (("message", describe(error)),))
                )
            lines.append(
                BudgetLineInput(label=str(row["label"]).strip(), kind=BudgetKind(str(row["kind"])), amount_minor=amount)
            )
        return tuple(lines), tuple(problems)

    def totals(self) -> tuple[int, int, int]:
        """(total, fixed, variable) in minor units; amounts that do not parse count as 0."""
        lines, _problems = self.build()
        fixed = sum(line.amount_minor for line in lines if line.kind is BudgetKind.FIXED)
        variable = sum(line.amount_minor for line in lines if line.kind is BudgetKind.VARIABLE)
        return fixed + variable, fixed, variable

    def _update_total(self) -> None:
        total, fixed, variable = self.totals()
        money = self._currency
        self.footer.setText(
            QCoreApplication.translate("ShowParts", "Total {total} (fixed {fixed}, variable {variable})").format(
                total=format_money(total, money),
                fixed=format_money(fixed, money),
                variable=format_money(variable, money),
            )
        )


class SkuTargetsEditor(RowsEditor):
    """How many of each SKU the show aims to sell, beside the stock there is now and what is missing."""

    prefix = "sku_targets"
    picked = Signal()

    def __init__(
        self, pick_skus: Callable[[Callable[[Sequence[CatalogueRow]], None]], None], parent: QWidget | None = None
    ) -> None:
        self._pick_skus = pick_skus
        columns = (
            RowColumn("sku_code", QCoreApplication.translate("ShowParts", "SKU"), CellKind.FIXED),
            RowColumn("title", QCoreApplication.translate("ShowParts", "Product"), CellKind.FIXED),
            RowColumn("spec", QCoreApplication.translate("ShowParts", "Spec"), CellKind.FIXED),
            RowColumn(
                "available", QCoreApplication.translate("ShowParts", "In stock"), CellKind.FIXED, align_right=True
            ),
            RowColumn("quantity", QCoreApplication.translate("ShowParts", "Target"), CellKind.COUNT, align_right=True),
            RowColumn("short_by", QCoreApplication.translate("ShowParts", "Missing"), CellKind.FIXED, align_right=True),
        )
        super().__init__(
            columns,
            QCoreApplication.translate("ShowParts", "Add SKUs…"),
            parent,
            display=self._display,
            warning=self._short,
        )
        self.add_button.setToolTip(
            QCoreApplication.translate("ShowParts", "Search the catalogue for SKUs to add (Insert)")
        )
        self.set_column_widths((130, 220, 110, 80, 80, 80), stretch=1)

    @staticmethod
    def _display(key: str, _value: object, row: dict[str, object]) -> str:
        if key != "short_by":
            return ""
        short = int(str(row["quantity"])) - int(str(row["available"]))
        return str(short) if short > 0 else "–"

    @staticmethod
    def _short(key: str, row: dict[str, object]) -> bool:
        return key == "short_by" and int(str(row["quantity"])) > int(str(row["available"]))

    def add(self) -> None:
        self._pick_skus(self.add_skus)

    def add_skus(self, rows: Sequence[CatalogueRow]) -> None:
        """Add picked SKUs with a target of 1 (a SKU already listed is not added twice); edit the first target."""
        present = {row["variant_id"] for row in self.model.values()}
        first: int | None = None
        for picked in rows:
            if picked.variant_id in present:
                continue
            present.add(picked.variant_id)
            number = self.model.add_row(
                {
                    "variant_id": picked.variant_id,
                    "sku_code": picked.sku_code,
                    "title": picked.title,
                    "spec": picked.spec_label,
                    "available": picked.on_hand,
                    "quantity": 1,
                }
            )
            first = number if first is None else first
        if first is not None:
            self.edit_cell(first, self.model.column_of("quantity"))
        self.picked.emit()

    def load(self, targets: Sequence[SkuTargetRow]) -> None:
        self.model.set_rows(
            [
                {
                    "variant_id": row.variant_id,
                    "sku_code": row.sku_code,
                    "title": row.product_title,
                    "spec": row.spec_label,
                    "available": row.available,
                    "quantity": row.quantity,
                }
                for row in targets
            ]
        )

    def targets(self) -> tuple[SkuTargetInput, ...]:
        return tuple(
            SkuTargetInput(variant_id=int(str(row["variant_id"])), quantity=int(str(row["quantity"])))
            for row in self.model.values()
        )
