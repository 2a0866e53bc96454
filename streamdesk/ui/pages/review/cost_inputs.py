"""The inputs of gross profit this show's review may set: the platform fee %, what one parcel costs to ship and what
the giveaways cost. A blank field uses the default from Settings, and the hint under it says which value that is;
the show budget (from its plan) is shown for the ROI beside them."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from streamdesk.core.errors import UserError
from streamdesk.core.money import parse_amount
from streamdesk.core.review_types import CostInputs, CostsInput
from streamdesk.messages import describe
from streamdesk.ui.formatting import MUTED_STYLE, format_amount_for_editing, format_money


def parse_fee_percent(text: str) -> int | None:
    """ "5", "5.5", "5.5%" or "５％" → basis points (550); blank → None. ValueError when it is not 0–100 %."""
    cleaned = text.strip().translate(str.maketrans("０１２３４５６７８９．％", "0123456789.%")).rstrip("%").strip()
    if not cleaned:
        return None
    try:
        percent = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not percent.is_finite() or not 0 <= percent <= 100:
        raise ValueError(text)
    return int((percent * 100).to_integral_value())


def format_fee_percent(basis_points: int) -> str:
    return f"{Decimal(basis_points) / 100:.2f}".rstrip("0").rstrip(".")


class CostInputsBox(QGroupBox):
    costs_edited = Signal(object)  # CostsInput: what the seller typed, None for "use the default"
    invalid_input = Signal(str)  # a sentence saying what to fix

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Costs for gross profit"))
        self.fee = QLineEdit(self)
        self.shipping = QLineEdit(self)
        self.giveaways = QLineEdit(self)
        for field in (self.fee, self.shipping, self.giveaways):
            field.setClearButtonEnabled(True)
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            field.setFixedWidth(140)
            field.editingFinished.connect(self._on_edited)
        self.fee_hint, self.shipping_hint, self.giveaways_hint = QLabel(self), QLabel(self), QLabel(self)
        self.budget = QLabel(self)
        self.budget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        for label, field, hint in (
            (self.tr("Platform fee (%):"), self.fee, self.fee_hint),
            (self.tr("Shipping per parcel:"), self.shipping, self.shipping_hint),
            (self.tr("Giveaways:"), self.giveaways, self.giveaways_hint),
        ):
            hint.setWordWrap(True)
            hint.setStyleSheet(MUTED_STYLE)
            row = QHBoxLayout()
            row.addWidget(field)
            row.addWidget(hint, 1)
            form.addRow(label, row)
        form.addRow(self.tr("Show budget:"), self.budget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self._currency = "CNY"
        self._stored = CostsInput()

    def set_costs(self, costs: CostInputs, currency: str, *, default_fee_bp: int, default_shipping_minor: int) -> None:
        """Fill in the costs as the review used them; the defaults are Settings' (for the show's first platform)."""
        self._currency = currency
        self._stored = CostsInput(
            fee_basis_points=None if costs.fee_default else costs.fee_basis_points,
            shipping_per_order_minor=None if costs.shipping_default else costs.shipping_per_order_minor,
            giveaways_minor=costs.giveaways_minor or None,
        )
        default_fee = format_fee_percent(default_fee_bp)
        default_shipping = format_amount_for_editing(default_shipping_minor, currency)
        self._show(self.fee, "" if costs.fee_default else format_fee_percent(costs.fee_basis_points))
        self.fee.setPlaceholderText(self.tr("{value} (default)").format(value=default_fee))
        self.fee_hint.setText(
            self.tr("Blank uses the default from Settings: {value} %.").format(value=default_fee)
            if costs.fee_default
            else self.tr("This show's own fee; clear it to use the default {value} %.").format(value=default_fee)
        )
        shipping = costs.shipping_per_order_minor
        self._show(self.shipping, "" if costs.shipping_default else format_amount_for_editing(shipping, currency))
        self.shipping.setPlaceholderText(self.tr("{value} (default)").format(value=default_shipping))
        self.shipping_hint.setText(
            self.tr("Blank uses the default from Settings: {amount} per shipped order.").format(
                amount=format_money(default_shipping_minor, currency)
            )
        )
        giveaways = costs.giveaways_minor
        self._show(self.giveaways, format_amount_for_editing(giveaways, currency) if giveaways else "")
        self.giveaways.setPlaceholderText(format_amount_for_editing(0, currency))
        self.giveaways_hint.setText(self.tr("Prizes, samples and gifts given away during the show; blank is none."))
        self.budget.setText(
            format_money(costs.budget_minor, currency)
            if costs.budget_minor
            else self.tr("none planned (ROI needs a budget on the show's plan)")
        )

    def stored(self) -> CostsInput:
        return self._stored

    def typed(self) -> CostsInput:
        """What the fields say now; raises ValueError (fee) or UserError (amounts) for text that is not a number."""
        return CostsInput(
            fee_basis_points=parse_fee_percent(self.fee.text()),
            shipping_per_order_minor=parse_amount(self.shipping.text(), self._currency),
            giveaways_minor=parse_amount(self.giveaways.text(), self._currency),
        )

    def _on_edited(self) -> None:
        try:
            costs = self.typed()
        except ValueError:
            self.invalid_input.emit(
                self.tr("The platform fee “{text}” is not a percentage from 0 to 100. Type it like 5 or 5.5.").format(
                    text=self.fee.text()
                )
            )
            return
        except UserError as error:
            self.invalid_input.emit(describe(error))
            return
        if costs.shipping_per_order_minor is not None and costs.shipping_per_order_minor < 0:
            self.invalid_input.emit(self.tr("Shipping per parcel cannot be negative."))
            return
        if costs.giveaways_minor is not None and costs.giveaways_minor < 0:
            self.invalid_input.emit(self.tr("The giveaways cannot cost a negative amount."))
            return
        if costs.giveaways_minor == 0:
            costs = CostsInput(costs.fee_basis_points, costs.shipping_per_order_minor, None)
        if costs != self._stored:
            self._stored = costs
            self.costs_edited.emit(costs)

    @staticmethod
    def _show(field: QLineEdit, text: str) -> None:
        if field.text() != text:
            field.blockSignals(True)
            field.setText(text)
            field.blockSignals(False)
