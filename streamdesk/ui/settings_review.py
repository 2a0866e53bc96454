"""The review part of File → Settings…: the defaults of gross profit's cost inputs (platform fee per platform,
shipping per parcel) and the trends' moving-average window. A show's own review can override the first two."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox, QLabel, QLineEdit, QSpinBox, QWidget

from streamdesk.config import ReviewSettings
from streamdesk.core.errors import UserError
from streamdesk.core.money import format_minor, parse_amount
from streamdesk.labels import platform_name
from streamdesk.models.base import Platform

_FEE_COLUMNS = 2  # platform/fee pairs per row: three made the dialog wider than a 1366 px screen in wordier languages


class ReviewSettingsBox(QGroupBox):
    def __init__(self, settings: ReviewSettings, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._currency = currency
        self.setTitle(self.tr("Review (复盘)"))
        self.fees: dict[str, QDoubleSpinBox] = {}
        fees = QGridLayout()
        for index, platform in enumerate(member for member in Platform if member is not Platform.OTHER):
            box = QDoubleSpinBox(self)
            box.setRange(0, 100)
            box.setDecimals(2)
            box.setSingleStep(0.5)
            box.setSuffix(" %")
            box.setValue(settings.fee_basis_points.get(platform.value, 0) / 100)
            box.setAccessibleName(self.tr("Platform fee on {platform}").format(platform=platform_name(platform)))
            self.fees[platform.value] = box
            row, column = divmod(index, _FEE_COLUMNS)
            fees.addWidget(QLabel(platform_name(platform), self), row, column * 2)
            fees.addWidget(box, row, column * 2 + 1)
        self.shipping = QLineEdit(format_minor(settings.shipping_per_order_minor, currency), self)
        self.shipping.setToolTip(self.tr("What one parcel costs you to send, in {currency}").format(currency=currency))
        self.moving_average = QSpinBox(self)
        self.moving_average.setRange(1, 50)
        self.moving_average.setSuffix(self.tr(" shows"))
        self.moving_average.setValue(settings.moving_average_shows)
        for field in (self.shipping, self.moving_average):
            field.setMaximumWidth(160)  # a short amount or count: a full-width field reads as a text box
        note = QLabel(
            self.tr(
                "Platform fees are commission plus payment fees, as a share of net GMV; they depend on your category "
                "and contract, so check your platform's bill. A show's review can set its own."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        form = QFormLayout(self)
        form.addRow(self.tr("Platform fee:"), fees)
        form.addRow(self.tr("&Shipping per parcel:"), self.shipping)
        form.addRow(self.tr("&Trend average over:"), self.moving_average)
        form.addRow("", note)

    def problem(self) -> str:
        """A sentence saying what is wrong with the form, or "" when it can be saved."""
        try:
            shipping = parse_amount(self.shipping.text(), self._currency)
        except UserError:
            shipping = -1
        if shipping is not None and shipping < 0:
            return self.tr("Shipping per parcel must be an amount such as 4.50, or left empty for none.")
        return ""

    def chosen(self, current: ReviewSettings) -> ReviewSettings:
        fees = dict(current.fee_basis_points)
        for key, box in self.fees.items():
            # the spin box holds two decimals of a percent: exactly the basis points, once rounded
            fees[key] = int((Decimal(str(box.value())) * 100).to_integral_value())
        shipping = parse_amount(self.shipping.text(), self._currency) or 0
        return current.model_copy(
            update={
                "fee_basis_points": fees,
                "shipping_per_order_minor": shipping,
                "moving_average_shows": self.moving_average.value(),
            }
        )
