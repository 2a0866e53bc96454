"""The selected after-sales case, read-only: what it is about, its order (a link to it), the units it took back and
whether they went back in stock, the refund, notes and the customer's feedback."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from streamdesk.core.order_types import CaseInput, CaseRow, OrderDetail
from streamdesk.labels import case_kind_name, case_status_name
from streamdesk.ui.formatting import format_local_datetime, format_money
from streamdesk.ui.pages.orders.customers_model import shown_name
from streamdesk.ui.pages.orders.labels import CASE_STATUS_COLOURS
from streamdesk.ui.privacy import Privacy


class CaseDetailPanel(QWidget):
    order_link_activated = Signal(int)  # the order number in the text was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.privacy: Privacy | None = None
        self.case_id: int | None = None
        self._shown: tuple[CaseRow, CaseInput, OrderDetail | None] | None = None
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.text.linkActivated.connect(self._on_link)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(scroll)
        self.clear_case()

    def clear_case(self) -> None:
        self.case_id = None
        self._shown = None
        self.text.setText(escape(self.tr("Choose a case to see its order, the units it took back and its notes.")))

    def show_case(self, row: CaseRow, case: CaseInput, order: OrderDetail | None) -> None:
        self.case_id = row.id
        self._shown = (row, case, order)
        self.text.setText(self.html(row, case, order))

    def refresh_display(self) -> None:
        if self._shown is not None:
            self.show_case(*self._shown)

    def html(self, row: CaseRow, case: CaseInput, order: OrderDetail | None) -> str:
        heading = escape(self.tr("Case {number} · {kind}").format(number=row.id, kind=case_kind_name(row.kind)))
        colour = CASE_STATUS_COLOURS[row.status].name()
        status = escape(case_status_name(row.status))
        parts = [f"<h3>{heading} <span style='color:{colour}'>· {status}</span></h3>"]
        facts: list[tuple[str, str]] = []
        if row.order_id is not None:
            link = f"<a href='order:{row.order_id}'>{escape(row.order_no)}</a>"
            facts.append((self.tr("Order"), link))
        customer = shown_name(self.privacy, row.customer)
        facts.append((self.tr("Customer"), escape(customer or self.tr("No customer"))))
        facts.append((self.tr("Refund"), escape(self._refund_text(row, order))))
        facts.append((self.tr("Opened"), escape(format_local_datetime(row.created_at))))
        facts.append((self.tr("Updated"), escape(format_local_datetime(row.updated_at))))
        row_html = "<tr><td valign='middle'><b>{}</b>&nbsp;&nbsp;</td><td valign='middle'>{}</td></tr>"
        cells = "".join(row_html.format(escape(name), value) for name, value in facts)
        parts.append(f"<table>{cells}</table>")
        if row.summary:
            parts.append(f"<p>{escape(row.summary)}</p>")
        items = self._items_html(case, order)
        if items:
            parts.append(items)
        for title, text in ((self.tr("Notes"), case.notes), (self.tr("Customer feedback"), case.feedback)):
            if text:
                body = escape(text).replace("\n", "<br>")
                parts.append(f"<p><b>{escape(title)}</b><br>{body}</p>")
        return "".join(parts)

    def _refund_text(self, row: CaseRow, order: OrderDetail | None) -> str:
        refund = format_money(row.refund_minor, row.currency) if row.refund_minor else self.tr("none")
        if order is None or not order.row.refunded_minor:
            return refund
        return self.tr("{refund} (the order: paid {paid}, refunded {refunded} in all)").format(
            refund=refund,
            paid=format_money(order.row.paid_minor, order.row.currency) or self.tr("unknown"),
            refunded=format_money(order.row.refunded_minor, order.row.currency),
        )

    def _items_html(self, case: CaseInput, order: OrderDetail | None) -> str:
        if not case.items:
            return ""
        lines = {line.id: line for line in order.lines} if order is not None else {}
        entries = []
        for item in case.items:
            line = lines.get(item.order_line_id)
            if line is not None:
                name = f"{line.title} {line.spec}".strip()
            else:
                name = self.tr("Order line {id}").format(id=item.order_line_id)
            if item.restock:
                text = self.tr("{item} × {quantity}, back in stock")
            else:
                text = self.tr("{item} × {quantity}, not restocked")
            entries.append(f"<li>{escape(text.format(item=name, quantity=item.quantity))}</li>")
        title = escape(self.tr("Taken back"))
        return f"<p><b>{title}</b></p><ul>{''.join(entries)}</ul>"

    def _on_link(self, link: str) -> None:
        kind, _, value = link.partition(":")
        if kind == "order" and value.isdigit():
            self.order_link_activated.emit(int(value))
