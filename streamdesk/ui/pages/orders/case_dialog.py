"""New or edited after-sales case: kind, the order and customer it is about, the units taken back (with or without
restocking them), the refund, notes and the customer's feedback.

The dialog reads orders and customers to fill its pickers but writes nothing itself: on OK it hands the CaseInput to
``submit``, which returns a sentence when the service refused it (the dialog then stays open, nothing lost).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.errors import UserError
from streamdesk.core.money import parse_amount
from streamdesk.core.order_types import CaseInput, CaseKind, OrderDetail, OrderFilter, OrderRow, OrderSort
from streamdesk.labels import case_kind_name, platform_short_name
from streamdesk.messages import describe
from streamdesk.ui.formatting import currency_symbol, format_amount_for_editing, format_local_datetime, format_money
from streamdesk.ui.pages.orders.cases_model import CaseLinesModel, LineColumn
from streamdesk.ui.pages.orders.customers_model import ModelIndex, shown_buyer
from streamdesk.ui.privacy import Privacy
from streamdesk.ui.widgets.field_problem import FieldWithProblem, ProblemLabel

if TYPE_CHECKING:
    from streamdesk.core.orders import Orders

PICKER_LIMIT = 20
_REFUND_KINDS = (CaseKind.RETURN, CaseKind.REFUND)  # kinds whose refund defaults to what the units were paid


class TakeBackDelegate(QStyledItemDelegate):
    """A spin box from 0 to the units of the line that can still come back."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        editor = QSpinBox(parent)
        model = index.model()
        editor.setRange(0, model.returnable(index.row()) if isinstance(model, CaseLinesModel) else 0)
        editor.setFrame(False)
        return editor


class CaseDialog(QDialog):
    def __init__(
        self,
        orders: Orders,
        submit: Callable[[CaseInput], str | None],
        parent: QWidget | None = None,
        *,
        order_id: int | None = None,
        case: CaseInput | None = None,
        currency: str = "CNY",
        customer: str = "",
        privacy: Privacy | None = None,
    ) -> None:
        """``case``: edit this case (its order and the units it took back stay as they are; ``customer`` names
        its customer); else a new case, about ``order_id`` when given."""
        super().__init__(parent)
        self._orders, self._submit, self._editing = orders, submit, case
        self._currency = currency
        self._customer_text = customer
        self._privacy = privacy  # buyers without a nickname are recipients: their names are masked in privacy mode
        self._order: OrderDetail | None = None
        self._refund_typed = case is not None  # an edited case keeps its refund unless the user changes it
        self.setWindowTitle(self.tr("Edit after-sales case") if case else self.tr("New after-sales case"))
        self.setMinimumSize(720, 640)

        self.kind = QComboBox(self)
        for kind in CaseKind:
            self.kind.addItem(case_kind_name(kind), kind)
        self.order_search = QLineEdit(self)
        self.order_search.setPlaceholderText(self.tr("Order number or buyer, then Enter"))
        self.order_search.setClearButtonEnabled(True)
        self.order_combo = QComboBox(self)
        self.order_combo.setMinimumContentsLength(40)
        self.order_combo.addItem(self.tr("No order"), None)
        self.customer_search = QLineEdit(self)
        self.customer_search.setPlaceholderText(self.tr("Nickname, name or phone, then Enter"))
        self.customer_combo = QComboBox(self)
        self.customer_combo.setMinimumContentsLength(30)
        self.customer_label = QLabel(self)
        self.summary = QLineEdit(self)
        self.summary.setPlaceholderText(self.tr("One line: what the customer wants"))
        self.lines_model = CaseLinesModel(currency, self)
        self.lines = QTableView(self)
        self.lines.setModel(self.lines_model)
        self.lines.setItemDelegateForColumn(int(LineColumn.TAKE_BACK), TakeBackDelegate(self.lines))
        self.lines.verticalHeader().setVisible(False)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(int(LineColumn.ITEM), QHeaderView.ResizeMode.Stretch)
        for column in (LineColumn.SKU, LineColumn.BOUGHT, LineColumn.TAKE_BACK, LineColumn.RESTOCK):
            header.setSectionResizeMode(int(column), QHeaderView.ResizeMode.ResizeToContents)
        self.lines_hint = QLabel(self)
        self.lines_hint.setWordWrap(True)
        self.refund = QLineEdit(self)
        self.refund.setPlaceholderText("0.00")
        self.refund.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.refund.setMaximumWidth(140)
        self.refund_field = FieldWithProblem(self.refund, self)
        self.currency_label = QLabel(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText(self.tr("What was agreed, courier numbers, who handles it…"))
        self.notes.setTabChangesFocus(True)
        self.feedback = QPlainTextEdit(self)
        self.feedback.setPlaceholderText(self.tr("The customer's own words about how it was handled"))
        self.feedback.setTabChangesFocus(True)
        self.problem = ProblemLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._build_layout()
        self._connect()
        if case is not None:
            self._fill(case)
        elif order_id is not None:
            self.choose_order(order_id)
        self._update_order_parts()

    # --- layout ------------------------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        order_row = QHBoxLayout()
        order_row.addWidget(self.order_search, 1)
        order_row.addWidget(self.order_combo, 2)
        customer_row = QHBoxLayout()
        customer_row.addWidget(self.customer_search, 1)
        customer_row.addWidget(self.customer_combo, 2)
        customer_row.addWidget(self.customer_label, 3)
        refund_row = QHBoxLayout()
        refund_row.addWidget(self.currency_label)
        refund_row.addWidget(self.refund_field)
        refund_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self._label(self.tr("&Order:"), self.order_search), order_row)
        form.addRow(self._label(self.tr("C&ustomer:"), self.customer_search), customer_row)
        form.addRow(self.tr("&Summary:"), self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.lines, 2)
        layout.addWidget(self.lines_hint)
        more = QFormLayout()
        more.addRow(self._label(self.tr("&Refund:"), self.refund), refund_row)
        more.addRow(self.tr("&Notes:"), self.notes)
        more.addRow(self.tr("Customer &feedback:"), self.feedback)
        layout.addLayout(more, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        """A row label whose mnemonic focuses ``buddy`` (a row holding a layout gets none from QFormLayout)."""
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.order_search.returnPressed.connect(self._find_orders)
        self.order_combo.activated.connect(self._on_order_picked)
        self.customer_search.returnPressed.connect(self._find_customers)
        self.kind.currentIndexChanged.connect(lambda _index: self._suggest_refund())
        self.lines_model.choices_changed.connect(self._suggest_refund)
        self.refund.textEdited.connect(self._on_refund_typed)

    # --- order and customer ------------------------------------------------------------------------------------
    def choose_order(self, order_id: int) -> None:
        """Make the case about this order: its lines to take back, its customer, its currency."""
        try:
            detail = self._orders.get_order(order_id)
        except UserError as error:
            self.problem.show_problem(describe(error))
            return
        self._order = detail
        self._currency = detail.row.currency
        index = self.order_combo.findData(order_id)
        if index < 0:
            self.order_combo.addItem(self._order_text(detail.row), order_id)
            index = self.order_combo.count() - 1
        self.order_combo.setCurrentIndex(index)
        self.lines_model.set_lines(detail.lines, detail.row.currency)
        self._update_order_parts()

    def _find_orders(self) -> None:
        text = self.order_search.text().strip()
        _count, rows = self._orders.count_and_page(OrderFilter(text=text), OrderSort.CREATED, True, 0, PICKER_LIMIT)
        self.order_combo.clear()
        self.order_combo.addItem(self.tr("No order"), None)
        for row in rows:
            self.order_combo.addItem(self._order_text(row), row.id)
        if rows:
            self.choose_order(rows[0].id)
        else:
            self._order = None
            self.lines_model.set_lines((), self._currency)
            self._update_order_parts()

    def _on_order_picked(self, index: int) -> None:
        order_id = self.order_combo.itemData(index)
        if isinstance(order_id, int):
            self.choose_order(order_id)
            return
        self._order = None
        self.lines_model.set_lines((), self._currency)
        self._update_order_parts()

    def _find_customers(self) -> None:
        customers = self._orders.customers(self.customer_search.text().strip(), PICKER_LIMIT)
        self.customer_combo.clear()
        for customer in customers:
            text = f"{customer.nickname} · {platform_short_name(customer.platform)}"
            self.customer_combo.addItem(text, customer.id)

    def _order_text(self, row: OrderRow) -> str:
        return self.tr("{order_no} · {buyer} · {amount} · {date}").format(
            order_no=row.order_no,
            buyer=shown_buyer(self._privacy, row),
            amount=format_money(row.paid_minor, row.currency),
            date=format_local_datetime(row.created_at)[:10],
        )

    def _update_order_parts(self) -> None:
        """With an order: its lines, and the customer comes from it. Without one: the customer is picked."""
        has_order = self._order is not None
        editing = self._editing is not None
        self.order_search.setVisible(not editing)
        self.order_combo.setEnabled(not editing)
        self.lines.setVisible(has_order)
        self.lines_hint.setVisible(has_order)
        self.customer_search.setVisible(not has_order and not editing)
        self.customer_combo.setVisible(not has_order and not editing)
        self.customer_label.setVisible(has_order or editing)
        if self._order is not None:
            buyer = shown_buyer(self._privacy, self._order.row)
            self.customer_label.setText(buyer or self.tr("No customer on this order"))
        elif editing:
            self.customer_label.setText(self._customer_text or self.tr("No customer"))
        if editing:
            self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.lines_model.locked = True
            self.lines_hint.setText(self.tr("The units a case took back stay as they were when it was opened."))
        else:
            self.lines_hint.setText(
                self.tr(
                    "Type how many units of each line come back. Restock puts them back in stock, "
                    "recorded as a return in the stock history."
                )
            )
        self.currency_label.setText(currency_symbol(self._currency).strip())

    # --- refund ------------------------------------------------------------------------------------------------
    def _on_refund_typed(self, _text: str) -> None:
        self._refund_typed = True
        self.refund_field.set_problem(None)

    def _suggest_refund(self) -> None:
        """Returns and refunds pay back what the units taken back cost, until the user types an amount."""
        if self._refund_typed:
            return
        kind = self.chosen_kind()
        suggested = self.lines_model.suggested_refund() if kind in _REFUND_KINDS else 0
        self.refund.setText(format_amount_for_editing(suggested, self._currency) if suggested else "")

    def chosen_kind(self) -> CaseKind:
        return CaseKind(self.kind.currentData())  # the combo hands the StrEnum back as plain text

    def refund_minor(self) -> int | None:
        """The refund in minor units, or None after showing why the text is not an amount."""
        try:
            amount = parse_amount(self.refund.text(), self._currency)
        except UserError as error:
            self.refund_field.set_problem(describe(error))
            return None
        if amount is not None and amount < 0:
            self.refund_field.set_problem(self.tr("A refund cannot be negative."))
            return None
        self.refund_field.set_problem(None)
        return amount or 0

    # --- editing an existing case -----------------------------------------------------------------------------
    def _fill(self, case: CaseInput) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(case.kind), 0))
        if case.order_id is not None:
            self.choose_order(case.order_id)
            for item in case.items:
                self.lines_model.set_choice(item.order_line_id, item.quantity, item.restock)
        self.summary.setText(case.summary)
        self.notes.setPlainText(case.notes)
        self.feedback.setPlainText(case.feedback)
        self.refund.setText(format_amount_for_editing(case.refund_minor, self._currency) if case.refund_minor else "")

    # --- result ------------------------------------------------------------------------------------------------
    def case_input(self) -> CaseInput | None:
        """What the form says, or None after marking what is wrong."""
        refund = self.refund_minor()
        if refund is None:
            return None
        kind = self.chosen_kind()
        if self._editing is not None:
            return CaseInput(
                kind=kind,
                order_id=self._editing.order_id,
                customer_id=self._editing.customer_id,
                summary=self.summary.text().strip(),
                notes=self.notes.toPlainText().strip(),
                feedback=self.feedback.toPlainText().strip(),
                refund_minor=refund,
                items=self._editing.items,
            )
        customer = self._order.customer_id if self._order is not None else self.customer_combo.currentData()
        return CaseInput(
            kind=kind,
            order_id=self._order.row.id if self._order is not None else None,
            customer_id=customer if isinstance(customer, int) else None,
            summary=self.summary.text().strip(),
            notes=self.notes.toPlainText().strip(),
            feedback=self.feedback.toPlainText().strip(),
            refund_minor=refund,
            items=self.lines_model.items(),
        )

    def accept(self) -> None:
        case = self.case_input()
        if case is None:
            return
        refused = self._submit(case)
        if refused:
            self.problem.show_problem(refused)
            return
        super().accept()
