"""The quick-sale bar under the capture table: buyer nickname (completed from the customers), quantity, price (the
live price unless changed) and Sell. Enter in any of its fields sells; Up and Down in the buyer field move through
the products, so a seller typing a name never has to reach for the mouse.

Under the fields, what is known about the buyer typed: new, or returning with their orders, tags, name and phone.
Name and phone go through the privacy switch (the nickname is public on the stream anyway). Lookups run on the task
runner once typing pauses; an answer for a nickname no longer in the field is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from streamdesk.core.money import parse_amount
from streamdesk.core.order_types import CustomerRow, Platform
from streamdesk.labels import customer_tags_text, platform_name
from streamdesk.ui.pages.live.background import run_for
from streamdesk.ui.pages.live.segment_panel import sized_font
from streamdesk.ui.privacy import Privacy

if TYPE_CHECKING:
    from streamdesk.core.orders import Orders
    from streamdesk.ui.tasks import TaskRunner

LOOKUP_DELAY_MS = 150  # customers are looked up once typing pauses, not on every key
MAX_QUANTITY = 9999
COMPLETIONS = 20


class SaleBar(QWidget):
    sell_requested = Signal()
    step_requested = Signal(int)  # -1 / +1: the previous or next product
    buyer_looked_up = Signal(str)  # the nickname whose completions and customer record are now shown
    failed = Signal(str)

    def __init__(self, orders: Orders, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._orders = orders
        self._runner = runner
        self._privacy = Privacy(parent=self)  # the window's switch replaces it (set_privacy)
        self._customer: CustomerRow | None = None
        self._default_price = ""
        self.buyer = QLineEdit(self)
        self.buyer.setObjectName("buyerNickname")
        self.buyer.setPlaceholderText(self.tr("Buyer's nickname"))
        self.buyer.setClearButtonEnabled(True)
        self.buyer.setMinimumWidth(160)
        self.completions = QStringListModel(self)
        self.completer = QCompleter(self.completions, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.buyer.setCompleter(self.completer)
        self.quantity = QSpinBox(self)
        self.quantity.setRange(1, MAX_QUANTITY)
        self.quantity.setPrefix("× ")
        self.quantity.setToolTip(self.tr("Quantity"))
        self.price = QLineEdit(self)
        self.price.setMaximumWidth(120)
        self.price.setToolTip(self.tr("Unit price; the live price unless you change it"))
        self.platform = QComboBox(self)
        self.platform.setToolTip(self.tr("Where the buyer commented"))
        self.sell_button = QPushButton(self.tr("Sell"), self)
        self.sell_button.setToolTip(self.tr("Record the sale and take the stock (Enter)"))
        self.sell_button.setStyleSheet(
            "QPushButton { background: #2e7d32; color: white; border-radius: 4px; padding: 4px 18px; }"
            "QPushButton:disabled { background: #a5d6a7; }"
        )
        self.sell_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.backorder = QCheckBox(self.tr("Allow backorders"), self)
        self.backorder.setToolTip(self.tr("When stock runs out, ask whether to sell anyway and ship later"))
        self.backorder.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.buyer_info = QLabel(self)
        self.buyer_info.setObjectName("buyerInfo")
        self.buyer_info.setStyleSheet("color: #37474f;")
        for field in (self.buyer, self.quantity, self.price, self.platform, self.sell_button):
            field.setFont(sized_font(self, 15, bold=field is self.sell_button))
            field.setMinimumHeight(40)
        self.buyer_info.setFont(sized_font(self, 12))
        self._lookup = QTimer(self)
        self._lookup.setSingleShot(True)
        self._lookup.setInterval(LOOKUP_DELAY_MS)
        self._lookup.timeout.connect(self._look_up_buyer)
        self.buyer.textChanged.connect(lambda _text: self._lookup.start())
        for line in (self.buyer, self.price, self.quantity.lineEdit()):
            line.returnPressed.connect(self.sell_requested)
        self.sell_button.clicked.connect(self.sell_requested)
        self.buyer.installEventFilter(self)
        self._privacy.toggled.connect(self._show_buyer_info)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.buyer, 0, 0)
        layout.addWidget(self.quantity, 0, 1)
        layout.addWidget(self.price, 0, 2)
        layout.addWidget(self.sell_button, 0, 3)
        layout.addWidget(self.buyer_info, 1, 0, 1, 2)
        layout.addWidget(self.platform, 1, 2)
        layout.addWidget(self.backorder, 1, 3)
        layout.setColumnStretch(0, 1)
        self.set_platforms(())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.buyer and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            popup = self.completer.popup()
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not (popup is not None and popup.isVisible()):
                self.step_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)

    # --- what the seller typed ----------------------------------------------------------------------------------
    def nickname(self) -> str:
        return self.buyer.text().strip()

    def chosen_price(self, currency: str) -> int | None:
        """The price typed, in minor units; None while it is the product's own price (the service then uses the
        live price as it is at the moment of the sale). Raises UserError("money.invalid") for text that is no
        amount."""
        text = self.price.text().strip()
        if not text or text == self._default_price:
            return None
        return parse_amount(text, currency)

    def chosen_platform(self) -> Platform | None:
        data = self.platform.currentData()
        return Platform(data) if data else None

    # --- set by the panel ---------------------------------------------------------------------------------------
    def set_platforms(self, platforms: Sequence[Platform]) -> None:
        """The show's platforms; the choice is shown only when there are several to choose from."""
        self.platform.clear()
        for platform in platforms:
            self.platform.addItem(platform_name(platform), platform.value)
        self.platform.setVisible(len(platforms) > 1)

    def set_default_price(self, text: str) -> None:
        """A new product was chosen: its price replaces whatever was typed for the previous one."""
        self._default_price = text
        self.price.setText(text)
        self.price.setPlaceholderText(text)

    def reset_after_sale(self) -> None:
        """Ready for the next comment: no buyer, one unit, the product's price."""
        self.buyer.clear()
        self.quantity.setValue(1)
        self.price.setText(self._default_price)
        self._customer = None
        self.buyer_info.clear()
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()

    # --- who the buyer is ---------------------------------------------------------------------------------------
    def set_privacy(self, privacy: Privacy) -> None:
        self._privacy.toggled.disconnect(self._show_buyer_info)
        self._privacy = privacy
        privacy.toggled.connect(self._show_buyer_info)
        self._show_buyer_info()

    def _look_up_buyer(self) -> None:
        """Completions for the nickname typed, and what is known about that buyer (a returning customer?)."""
        nickname = self.nickname()
        if not nickname:
            self._customer = None
            self._show_buyer_info()
            return
        orders, platform = self._orders, self.chosen_platform()
        run_for(
            self,
            self._runner,
            lambda _cancel: (
                orders.nicknames(nickname, platform, COMPLETIONS),
                orders.customers(nickname, COMPLETIONS),
            ),
            on_success=lambda loaded: self._on_buyer_looked_up(nickname, *loaded),
            on_error=self.failed.emit,
        )

    def _on_buyer_looked_up(self, nickname: str, names: tuple[str, ...], customers: tuple[CustomerRow, ...]) -> None:
        if nickname != self.nickname():
            return  # typing went on meanwhile
        others = [name for name in names if name != nickname]
        self.completions.setStringList(others)
        if others and self.buyer.hasFocus():
            self.completer.setCompletionPrefix(nickname)
            self.completer.complete()
        platform, wanted = self.chosen_platform(), nickname.casefold()
        self._customer = next(
            (c for c in customers if c.nickname.casefold() == wanted and platform in (None, c.platform)), None
        )
        self._show_buyer_info()
        self.buyer_looked_up.emit(nickname)

    def _show_buyer_info(self) -> None:
        customer = self._customer
        if customer is None:
            self.buyer_info.setText(self.tr("New buyer") if self.nickname() else "")
            return
        parts = [self.tr("Returning buyer · %n order(s)", "", customer.orders)]
        if customer.tags:
            parts.append(customer_tags_text(customer.tags))
        if customer.name:
            parts.append(self._privacy.name(customer.name))
        if customer.phone:
            parts.append(self._privacy.phone(customer.phone))
        self.buyer_info.setText(" · ".join(parts))
