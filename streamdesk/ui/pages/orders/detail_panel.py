"""The panel beside the orders table: one order in full (lines, shipments, buyer and address, notes, cases).

It loads the order in the background when the current row changes; answers for an order the user has already left
are dropped. The seller note is edited here and saved by the page as an undoable command.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.order_types import CaseInput, CaseRow, OrderDetail
from streamdesk.labels import platform_name
from streamdesk.ui.formatting import format_local_datetime, format_money
from streamdesk.ui.pages.orders.labels import (
    CASE_STATUS_COLOURS,
    OVERDUE_COLOUR,
    STATUS_COLOURS,
    case_kind_name,
    case_status_name,
    order_source_name,
    order_status_name,
)
from streamdesk.ui.pages.orders.lines_model import LineColumn, OrderLinesModel
from streamdesk.ui.privacy import Privacy


class OrderReader(Protocol):
    def get_order(self, order_id: int) -> OrderDetail: ...


class CaseReader(Protocol):
    def get_case(self, case_id: int) -> tuple[CaseRow, CaseInput]: ...


@dataclass(frozen=True, slots=True)
class _Loaded:
    generation: int
    detail: OrderDetail
    cases: tuple[CaseRow, ...]


def _load(
    orders: OrderReader, cases: CaseReader | None, generation: int, order_id: int, cancel: CancelToken
) -> Generator[Progress, None, _Loaded]:
    yield from ()
    cancel.raise_if_set()
    detail = orders.get_order(order_id)
    rows = tuple(cases.get_case(case_id)[0] for case_id in detail.case_ids) if cases is not None else ()
    return _Loaded(generation, detail, rows)


def _time(moment: datetime | None) -> str:
    return format_local_datetime(moment) if moment is not None else "—"


class DetailPanel(QScrollArea):
    loaded = Signal(int)  # order id whose detail is now shown
    seller_note_saved = Signal(int, str)  # order id, the note as typed
    load_failed = Signal(str)

    def __init__(
        self, orders: OrderReader, cases: CaseReader | None, runner: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._orders, self._cases, self._runner = orders, cases, runner
        self._privacy = Privacy(parent=self)  # off, until the page hands over the window's switch
        self._privacy.toggled.connect(self._on_privacy_toggled)
        self._generation = 0
        self._detail: OrderDetail | None = None
        self._case_rows: tuple[CaseRow, ...] = ()
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(self)
        self.setWidget(body)
        self.heading = QLabel(body)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(body)
        self.status.setWordWrap(True)
        self.empty_hint = QLabel(self.tr("Choose an order to see its lines, buyer, shipments and notes."), body)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content = QWidget(body)
        self.buyer = QLabel(self.content)
        self.recipient = QLabel(self.content)
        self.phone = QLabel(self.content)
        self.address = QLabel(self.content)
        self.times = QLabel(self.content)
        self.amounts = QLabel(self.content)
        self.shipments = QLabel(self.content)
        self.cases = QLabel(self.content)
        self.buyer_note = QLabel(self.content)
        for label in (self.address, self.shipments, self.cases, self.buyer_note):
            label.setWordWrap(True)
        for label in (self.times, self.amounts):
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for label in (self.status, self.times, self.amounts, self.cases):  # our markup around escaped values
            label.setTextFormat(Qt.TextFormat.RichText)
        for label in (self.heading, self.buyer, self.recipient, self.phone, self.address, self.shipments):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.buyer_note.setTextFormat(Qt.TextFormat.PlainText)
        for label in (self.buyer, self.recipient, self.phone, self.address, self.shipments, self.buyer_note):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines_model = OrderLinesModel(self)
        self.lines = QTableView(self.content)
        self.lines.setModel(self.lines_model)
        self.lines.verticalHeader().setVisible(False)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setWordWrap(False)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(int(LineColumn.ITEM), QHeaderView.ResizeMode.Stretch)
        for column in (LineColumn.SKU, LineColumn.QUANTITY, LineColumn.PRICE, LineColumn.TOTAL):
            header.setSectionResizeMode(int(column), QHeaderView.ResizeMode.ResizeToContents)
        self.seller_note = QPlainTextEdit(self.content)
        self.seller_note.setTabChangesFocus(True)
        self.seller_note.setPlaceholderText(self.tr("Your own note about this order (the buyer does not see it)"))
        self.seller_note.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.save_note = QPushButton(self.tr("Save note"), self.content)
        self.save_note.setToolTip(self.tr("Save the seller note (Ctrl+S); undo with Ctrl+Z"))
        self.save_note.setEnabled(False)
        self._build_layout(body)
        self.seller_note.textChanged.connect(self._on_note_edited)
        self.save_note.clicked.connect(self._on_save_note)
        save = QShortcut(QKeySequence.StandardKey.Save, self.seller_note)
        save.setContext(Qt.ShortcutContext.WidgetShortcut)
        save.activated.connect(self._on_save_note)
        self.show_order(None)

    def _build_layout(self, body: QWidget) -> None:
        who = QGroupBox(self.tr("Buyer and delivery"), self.content)
        who_form = QFormLayout(who)
        who_form.addRow(self.tr("Buyer"), self.buyer)
        who_form.addRow(self.tr("Recipient"), self.recipient)
        who_form.addRow(self.tr("Phone"), self.phone)
        who_form.addRow(self.tr("Address"), self.address)
        when = QGroupBox(self.tr("Times and money"), self.content)
        when_layout = QHBoxLayout(when)
        when_layout.addWidget(self.times, 1)
        when_layout.addWidget(self.amounts, 0)
        lines = QGroupBox(self.tr("Lines"), self.content)
        QVBoxLayout(lines).addWidget(self.lines)
        shipped = QGroupBox(self.tr("Shipments"), self.content)
        QVBoxLayout(shipped).addWidget(self.shipments)
        notes = QGroupBox(self.tr("Notes"), self.content)
        notes_form = QFormLayout(notes)
        notes_form.addRow(self.tr("Buyer's note"), self.buyer_note)
        note_row = QWidget(notes)
        note_layout = QVBoxLayout(note_row)
        note_layout.setContentsMargins(0, 0, 0, 0)
        note_layout.addWidget(self.seller_note)
        note_layout.addWidget(self.save_note, 0, Qt.AlignmentFlag.AlignRight)
        notes_form.addRow(self.tr("Seller note"), note_row)
        cases = QGroupBox(self.tr("After-sales cases"), self.content)
        QVBoxLayout(cases).addWidget(self.cases)
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        for box in (who, when, lines, shipped, notes, cases):
            content_layout.addWidget(box)
        layout = QVBoxLayout(body)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.empty_hint, 1)
        layout.addWidget(self.content)
        layout.addStretch(0)

    # --- public ------------------------------------------------------------------------------------------------
    def set_privacy(self, privacy: Privacy) -> None:
        self._privacy.toggled.disconnect(self._on_privacy_toggled)
        self._privacy = privacy
        privacy.toggled.connect(self._on_privacy_toggled)
        self._on_privacy_toggled()

    @property
    def detail(self) -> OrderDetail | None:
        return self._detail

    def order_id(self) -> int | None:
        return self._detail.row.id if self._detail is not None else None

    def show_order(self, order_id: int | None) -> None:
        """Load and show ``order_id`` (None: nothing chosen, or several orders)."""
        self._generation += 1
        if order_id is None:
            self._detail, self._case_rows = None, ()
            self.heading.setText("")
            self.status.setText("")
            self.empty_hint.show()
            self.content.hide()
            return
        generation = self._generation
        self._runner.start(
            lambda cancel: _load(self._orders, self._cases, generation, order_id, cancel),
            on_success=self._on_loaded,
            on_error=lambda message: self._on_error(generation, message),
            on_cancelled=lambda: None,
        )

    def reload(self) -> None:
        if self._detail is not None:
            self.show_order(self._detail.row.id)

    def note_is_edited(self) -> bool:
        return self._detail is not None and self.seller_note.toPlainText() != self._detail.seller_note

    def focus_detail(self) -> None:
        """Keyboard: from the table into the panel (the lines, or the note when there are none)."""
        target = self.lines if self.lines_model.rowCount() else self.seller_note
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_note(self) -> None:
        self.seller_note.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ensureWidgetVisible(self.seller_note)

    # --- filling -----------------------------------------------------------------------------------------------
    def _on_loaded(self, loaded: _Loaded) -> None:
        if loaded.generation != self._generation:
            return
        self._detail, self._case_rows = loaded.detail, loaded.cases
        self._fill()
        self.loaded.emit(loaded.detail.row.id)

    def _on_error(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.load_failed.emit(message)

    def _on_privacy_toggled(self, *_enabled: object) -> None:
        if self._detail is not None:
            self._fill_people(self._detail)

    def _fill(self) -> None:
        detail = self._detail
        if detail is None:
            return
        row = detail.row
        self.empty_hint.hide()
        self.content.show()
        self.heading.setText(row.order_no)
        flags = [order_source_name(row.source), platform_name(row.platform)]
        if row.needs_review:
            flags.append(self.tr("⚑ needs review"))
        colour = STATUS_COLOURS[row.status].name()
        status = f'<b style="color:{colour}">{escape(order_status_name(row.status))}</b>'
        if row.raw_status:
            status += " " + escape(self.tr("(the platform says “{status}”)").format(status=row.raw_status))
        self.status.setText(f"{status} · {escape(' · '.join(flags))}")
        self._fill_people(detail)
        self._fill_times_and_money(detail)
        self.lines_model.set_lines(detail.lines, row.currency)
        self.lines.setFixedHeight(
            self.lines.horizontalHeader().height()
            + max(1, len(detail.lines)) * self.lines.verticalHeader().defaultSectionSize()
            + 4
        )
        self.shipments.setText(
            "\n".join(
                self.tr("{courier} {tracking_no}, shipped {time}").format(
                    courier=shipment.courier or shipment.courier_code,
                    tracking_no=shipment.tracking_no,
                    time=format_local_datetime(shipment.shipped_at),
                )
                for shipment in detail.shipments
            )
            or self.tr("Not shipped yet.")
        )
        self.buyer_note.setText(detail.buyer_note or "—")
        self.seller_note.blockSignals(True)
        self.seller_note.setPlainText(detail.seller_note)
        self.seller_note.blockSignals(False)
        self.save_note.setEnabled(False)
        self._fill_cases(row.currency)

    def _fill_people(self, detail: OrderDetail) -> None:
        row, privacy = detail.row, self._privacy
        self.buyer.setText(row.buyer if row.buyer != row.recipient else privacy.name(row.buyer))
        self.recipient.setText(privacy.name(row.recipient) or "—")
        self.phone.setText(privacy.phone(row.phone) or "—")
        parts = (detail.province, detail.city, detail.district, detail.address, detail.postcode, detail.country)
        address = " ".join(part for part in parts if part)
        self.address.setText(privacy.address(address) or "—")
        if row.pii_masked:
            self.address.setToolTip(self.tr("The platform's export masked some of these details (with *)."))
        else:
            self.address.setToolTip("")

    def _fill_times_and_money(self, detail: OrderDetail) -> None:
        row = detail.row
        ship_by = _time(row.ship_by)
        if row.overdue:
            ship_by = f'<b style="color:{OVERDUE_COLOUR.name()}">{ship_by}</b> ' + self.tr("(overdue)")
        self.times.setText(
            "<br>".join(
                (
                    self.tr("Placed: {time}").format(time=_time(row.created_at)),
                    self.tr("Paid: {time}").format(time=_time(detail.paid_at)),
                    self.tr("Ship by: {time}").format(time=ship_by),
                    self.tr("Shipped: {time}").format(time=_time(detail.shipped_at)),
                    self.tr("Completed: {time}").format(time=_time(detail.completed_at)),
                )
            )
        )

        def money(minor: int | None) -> str:
            return format_money(minor, row.currency) or "—"

        amounts = [
            self.tr("Goods: {amount}").format(amount=money(detail.goods_minor)),
            self.tr("Shipping: {amount}").format(amount=money(detail.shipping_minor)),
            self.tr("Discount: {amount}").format(amount=money(detail.discount_minor)),
            self.tr("Paid: {amount}").format(amount=f"<b>{money(row.paid_minor)}</b>"),
        ]
        if row.refunded_minor:
            amounts.append(self.tr("Refunded: {amount}").format(amount=money(row.refunded_minor)))
        self.amounts.setText("<br>".join(amounts))

    def _fill_cases(self, currency: str) -> None:
        if not self._case_rows:
            self.cases.setText(self.tr("No after-sales cases."))
            return
        lines = []
        for case in self._case_rows:
            colour = CASE_STATUS_COLOURS[case.status].name()
            text = self.tr("#{number} {kind}: {summary}").format(
                number=case.id, kind=case_kind_name(case.kind), summary=case.summary or "—"
            )
            status = f'<span style="color:{colour}">{escape(case_status_name(case.status))}</span>'
            if case.refund_minor:
                status += " · " + self.tr("refund {amount}").format(amount=format_money(case.refund_minor, currency))
            lines.append(f"{escape(text)} — {status}")
        self.cases.setText("<br>".join(lines))

    # --- seller note -------------------------------------------------------------------------------------------
    def _on_note_edited(self) -> None:
        self.save_note.setEnabled(self.note_is_edited())

    def _on_save_note(self) -> None:
        if self._detail is not None and self.note_is_edited():
            self.save_note.setEnabled(False)
            self.seller_note_saved.emit(self._detail.row.id, self.seller_note.toPlainText())
