"""The chosen customer on the Customers tab: who they are, their tags and notes, where they live and what they
bought (order history; double-click or "Open order" asks the Orders page to show one)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from streamdesk.core.order_types import CustomerDetail, CustomerRow
from streamdesk.labels import customer_tags_text, platform_name
from streamdesk.ui.formatting import format_money
from streamdesk.ui.pages.orders.customers_model import (
    CustomerOrdersModel,
    HistoryColumn,
    format_day,
    shown_address,
    shown_name,
    shown_phone,
)
from streamdesk.ui.privacy import Privacy
from streamdesk.ui.widgets.paged_table import PagedTableView


class CustomerDetailPanel(QWidget):
    """The chosen customer: who they are, their tags and notes, where they live and what they bought."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: CustomerDetail | None = None
        self.privacy: Privacy | None = None
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.name = QLabel(self)
        self.phone = QLabel(self)
        self.tags = QLabel(self)
        self.figures = QLabel(self)
        self.notes = QLabel(self)
        self.addresses = QLabel(self)
        for label in (self.name, self.phone, self.tags, self.figures, self.notes, self.addresses):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.orders_model = CustomerOrdersModel(self)
        self.orders = PagedTableView(self, row_height=26)
        self.orders.setSelectionMode(PagedTableView.SelectionMode.SingleSelection)
        self.orders.setModel(self.orders_model)
        header = self.orders.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(int(HistoryColumn.ITEMS), QHeaderView.ResizeMode.Stretch)
        for column, width in ((HistoryColumn.ORDER_NO, 125), (HistoryColumn.PLACED, 82), (HistoryColumn.STATUS, 92)):
            self.orders.setColumnWidth(int(column), width)
        for column in (HistoryColumn.PAID, HistoryColumn.REFUNDED):
            self.orders.setColumnWidth(int(column), 68)
        self.open_order = QPushButton(self.tr("Open order"), self)
        self.open_order.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.edit_button)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Phone:"), self.phone)
        form.addRow(self.tr("Tags:"), self.tags)
        form.addRow(self.tr("Orders:"), self.figures)
        form.addRow(self.tr("Notes:"), self.notes)
        form.addRow(self.tr("Addresses:"), self.addresses)
        history = QHBoxLayout()
        history.addWidget(QLabel(self.tr("<b>Order history</b>"), self), 1)
        history.addWidget(self.open_order)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addLayout(history)
        layout.addWidget(self.orders, 1)
        self.orders.selectionModel().selectionChanged.connect(
            lambda *_args: self.open_order.setEnabled(bool(self.orders.selected_rows()))
        )

    def show_detail(self, detail: CustomerDetail) -> None:
        self.detail = detail
        row = detail.row
        self.heading.setText(f"{row.nickname} · {platform_name(row.platform)}")
        nothing = self.tr("—")
        self.name.setText(shown_name(self.privacy, row.name) or nothing)
        self.phone.setText(shown_phone(self.privacy, row.phone) or nothing)
        self.tags.setText(customer_tags_text(row.tags) or self.tr("No tags"))
        self.figures.setText(self._figures(row))
        self.notes.setText(detail.notes or nothing)
        shown = [escape(shown_address(self.privacy, address)) for address in detail.addresses]
        self.addresses.setText("<br>".join(shown) if shown else escape(self.tr("No address yet")))
        self.orders_model.set_rows(detail.orders)
        self.open_order.setEnabled(False)

    def refresh_display(self) -> None:
        if self.detail is not None:
            self.show_detail(self.detail)

    def selected_order_id(self) -> int | None:
        rows = self.orders.selected_rows()
        return self.orders_model.row(rows[0]).id if rows else None

    def _figures(self, row: CustomerRow) -> str:
        text = self.tr("%n order(s), lifetime value {amount}", "", row.orders).format(
            amount=format_money(row.lifetime_minor, row.currency)
        )
        if row.first_order_at is not None and row.last_order_at is not None:
            text += "\n" + self.tr("First {first}, last {last}").format(
                first=format_day(row.first_order_at), last=format_day(row.last_order_at)
            )
        return text
