"""Bulk live price (直播价) for the selected SKUs: set an amount, a percent of the list price, or change by an amount."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.catalogue_types import CatalogueRow
from streamdesk.core.errors import UserError
from streamdesk.core.money import parse_amount
from streamdesk.messages import describe
from streamdesk.ui.formatting import format_money
from streamdesk.ui.widgets.field_problem import FieldWithProblem

PREVIEW_ROWS = 200


class PriceMode(StrEnum):
    SET = "set"
    PERCENT_OF_LIST = "percent_of_list"
    CHANGE_BY = "change_by"


@dataclass(frozen=True, slots=True)
class PricePlan:
    changes: tuple[tuple[int, int | None], ...]  # (variant id, new live price)
    skipped: int  # SKUs left as they are (no list price to take a percent of, no price to change)
    problem: str  # a sentence when the value cannot be used; "" otherwise


def _tr(text: str) -> str:
    return QCoreApplication.translate("BulkLivePriceDialog", text)


def plan_live_prices(rows: Sequence[CatalogueRow], mode: PriceMode, text: str) -> PricePlan:
    """New live prices for ``rows``, in each row's own currency, rounded half up like a till."""
    if not text.strip():
        return PricePlan((), 0, _tr("Enter an amount."))
    changes: list[tuple[int, int | None]] = []
    skipped = 0
    percent: Decimal | None = None
    if mode is PriceMode.PERCENT_OF_LIST:
        try:
            percent = Decimal(text.strip().rstrip("%").strip())
        except InvalidOperation:
            return PricePlan((), 0, _tr("Enter a percentage such as 85 or 92.5."))
        if percent < 0:
            return PricePlan((), 0, _tr("The percentage cannot be negative."))
    for row in rows:
        if percent is not None:
            if row.list_price_minor is None:
                skipped += 1
                continue
            new = int((Decimal(row.list_price_minor) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        else:
            try:
                amount = parse_amount(text, row.currency)
            except UserError as error:
                return PricePlan((), 0, describe(error))
            if amount is None:
                return PricePlan((), 0, _tr("Enter an amount."))
            if mode is PriceMode.SET:
                new = amount
            else:
                base = row.live_price_minor if row.live_price_minor is not None else row.list_price_minor
                if base is None:
                    skipped += 1
                    continue
                new = base + amount
        if new < 0:
            return PricePlan((), 0, _tr("The live price of {sku} would fall below zero.").format(sku=row.sku_code))
        changes.append((row.variant_id, new))
    return PricePlan(tuple(changes), skipped, "")


class BulkLivePriceDialog(QDialog):
    def __init__(self, rows: Sequence[CatalogueRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = list(rows)
        self._plan = PricePlan((), 0, "")
        self.setWindowTitle(self.tr("Live price for %n SKU(s)", "", len(self._rows)))
        self.setMinimumSize(700, 480)
        self.modes = QButtonGroup(self)
        self.set_radio = QRadioButton(self.tr("Set the live price to an amount"), self)
        self.percent_radio = QRadioButton(self.tr("Set it to a percent of the list price"), self)
        self.change_radio = QRadioButton(self.tr("Raise or lower the current live price by an amount"), self)
        for mode, radio in zip(PriceMode, (self.set_radio, self.percent_radio, self.change_radio), strict=True):
            self.modes.addButton(radio)
            radio.setProperty("mode", mode.value)
        self.set_radio.setChecked(True)
        self.value = QLineEdit(self)
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.value.setMaximumWidth(160)
        self.unit = QLabel(self)
        self.value_field = FieldWithProblem(self.value, self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.preview = QTableWidget(0, 3, self)
        self.preview.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Live price now"), self.tr("New live price")])
        self.preview.verticalHeader().setVisible(False)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.setWordWrap(False)
        self.preview.setColumnWidth(0, 300)
        self.preview.setColumnWidth(1, 160)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Change prices"))

        layout = QVBoxLayout(self)
        for radio in (self.set_radio, self.percent_radio, self.change_radio):
            layout.addWidget(radio)
        value_row = QHBoxLayout()
        value_row.addWidget(self.value_field)
        value_row.addWidget(self.unit, 0, Qt.AlignmentFlag.AlignTop)
        value_row.addStretch(1)
        layout.addLayout(value_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)

        self.modes.buttonToggled.connect(lambda *_: self._update())
        self.value.textChanged.connect(lambda *_: self._update())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update()

    def mode(self) -> PriceMode:
        checked = self.modes.checkedButton()
        return PriceMode(checked.property("mode")) if checked else PriceMode.SET

    def set_mode(self, mode: PriceMode) -> None:
        {PriceMode.SET: self.set_radio, PriceMode.PERCENT_OF_LIST: self.percent_radio}.get(
            mode, self.change_radio
        ).setChecked(True)

    def changes(self) -> tuple[tuple[int, int | None], ...]:
        return self._plan.changes

    def _update(self) -> None:
        mode = self.mode()
        currencies = sorted({row.currency for row in self._rows})
        self.unit.setText("%" if mode is PriceMode.PERCENT_OF_LIST else " / ".join(currencies))
        placeholder = {PriceMode.SET: "59.90", PriceMode.PERCENT_OF_LIST: "85", PriceMode.CHANGE_BY: "-5"}[mode]
        self.value.setPlaceholderText(placeholder)
        self._plan = plan_live_prices(self._rows, mode, self.value.text())
        typed = bool(self.value.text().strip())
        self.value_field.set_problem(self._plan.problem if typed else None)
        self.ok_button.setEnabled(bool(self._plan.changes) and not self._plan.problem)
        lines = [self.tr("%n SKU(s) will get a new live price.", "", len(self._plan.changes))]
        if self._plan.skipped:
            reason = (
                self.tr("%n SKU(s) have no list price and stay as they are.", "", self._plan.skipped)
                if mode is PriceMode.PERCENT_OF_LIST
                else self.tr("%n SKU(s) have no price to change and stay as they are.", "", self._plan.skipped)
            )
            lines.append(reason)
        self.summary.setText(" ".join(lines) if typed and not self._plan.problem else "")
        self._fill_preview()

    def _fill_preview(self) -> None:
        new_prices = dict(self._plan.changes)
        shown = self._rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(shown))
        for number, row in enumerate(shown):
            new = new_prices.get(row.variant_id, row.live_price_minor)
            label = f"{row.sku_code}  {row.title}"
            values = (label, format_money(row.live_price_minor, row.currency), format_money(new, row.currency))
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.preview.setItem(number, column, item)
