"""Taking a live sale and its undo step.

``LiveSales`` makes the one service call of a sale (a short write on the GUI thread, like a timer command) and decides
what happens at zero stock: a backorder when the seller allows them and confirms, else the offer of the waitlist.
Each sale becomes a ``LiveSaleCommand``: undo deletes the captured order and its stock move, redo captures it again.
The sale is taken before the command is pushed (the out-of-stock refusal must be seen first), so the command's first
redo only records it; a redo the stock no longer allows is reported and dropped like any refused service step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack

from streamdesk.core.errors import UserError
from streamdesk.core.order_types import LiveSaleInput, LiveSaleResult
from streamdesk.messages import describe
from streamdesk.ui.undo import ServiceCommand

if TYPE_CHECKING:
    from streamdesk.core.orders import Orders

OUT_OF_STOCK = "orders.out_of_stock"


class LiveSaleCommand(ServiceCommand):
    def __init__(
        self,
        orders: Orders,
        sale: LiveSaleInput,
        result: LiveSaleResult,
        *,
        title: str,
        report_error: Callable[[str], None],
        changed: Callable[[LiveSaleCommand], None],
    ) -> None:
        text = QCoreApplication.translate("LiveSaleCommand", "sale of {quantity} × {product} to {buyer}").format(
            quantity=sale.quantity, product=title, buyer=sale.nickname
        )
        super().__init__(text, report_error)
        self._orders = orders
        self.sale = sale
        self.result: LiveSaleResult | None = result
        self.undone = False
        self._changed = changed
        self._taken = True  # the first redo() finds the sale already made

    def redo(self) -> None:
        if self._taken:
            self._taken = False
            return
        super().redo()

    def forward(self) -> int | None:
        # The seller confirmed any backorder when the sale was first taken; a redo keeps that decision.
        self.result = self._orders.live_sale(self.sale)
        self.undone = False
        return self.result.order_id

    def backward(self) -> int | None:
        if self.result is not None:
            self._orders.undo_live_sale(self.result.order_id)
        self.undone = True
        return None

    def done(self, selected: int | None) -> None:
        self._changed(self)

    def refused(self) -> None:
        self._changed(self)


class LiveSales(QObject):
    sold = Signal(object, str, object)  # LiveSaleInput, product title, LiveSaleResult
    changed = Signal(object)  # the LiveSaleCommand undone, redone or refused
    waitlisted = Signal(str, int)  # nickname, waitlist entry id
    failed = Signal(str)

    def __init__(self, orders: Orders, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._orders = orders
        self.undo_stack = QUndoStack(self)
        self.confirm: Callable[[str, str], bool] = lambda _title, _question: False

    def take(self, sale: LiveSaleInput, title: str, *, available: int, backorders: bool) -> LiveSaleResult | None:
        """Sell; at zero stock ask about a backorder (``backorders`` allowed) or the waitlist. None: nothing sold."""
        try:
            result = self._orders.live_sale(sale)
        except UserError as error:
            if error.code != OUT_OF_STOCK or sale.allow_backorder:
                self.failed.emit(describe(error))
                return None
            return self._out_of_stock(sale, title, max(int(error.fields.get("available", available)), 0), backorders)
        self.undo_stack.push(
            LiveSaleCommand(
                self._orders, sale, result, title=title, report_error=self.failed.emit, changed=self.changed.emit
            )
        )
        self.sold.emit(sale, title, result)
        return result

    def _out_of_stock(self, sale: LiveSaleInput, title: str, available: int, backorders: bool) -> LiveSaleResult | None:
        if backorders:
            question = QCoreApplication.translate(
                "LiveSales",
                "Only {available} of “{product}” left. Sell {quantity} to {buyer} anyway and ship later (backorder)?",
            ).format(available=available, product=title, quantity=sale.quantity, buyer=sale.nickname)
            if self.confirm(QCoreApplication.translate("LiveSales", "Sell past the stock?"), question):
                return self.take(replace(sale, allow_backorder=True), title, available=available, backorders=True)
            return None
        question = QCoreApplication.translate(
            "LiveSales",
            "Only {available} of “{product}” left, and backorders are off. Put {buyer} on its waitlist instead?",
        ).format(available=available, product=title, buyer=sale.nickname)
        if self.confirm(QCoreApplication.translate("LiveSales", "Not enough stock"), question):
            self.join_waitlist(sale.show_id, sale.variant_id, sale.nickname, sale.quantity)
        else:
            self.failed.emit(
                QCoreApplication.translate("LiveSales", "Not sold: only {available} of “{product}” left.").format(
                    available=available, product=title
                )
            )
        return None

    def join_waitlist(self, show_id: int | None, variant_id: int, nickname: str, quantity: int = 1) -> int | None:
        try:
            entry = self._orders.join_waitlist(show_id, variant_id, nickname, quantity)
        except UserError as error:
            self.failed.emit(describe(error))
            return None
        self.waitlisted.emit(nickname, entry)
        return entry

    def undo(self) -> None:
        self.undo_stack.undo()

    def clear(self) -> None:
        self.undo_stack.clear()
