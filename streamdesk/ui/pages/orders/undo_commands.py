"""Undoable order edits: each command calls the Orders service forwards in redo() and backwards in undo().

A status change remembers every order's previous status (the service returns them) and undo puts each back, grouped
into one call per status. Cancelling or refunding puts stock back inside the service, so the page also tells other
pages that stock changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication

from streamdesk.core.order_types import OrderStatus
from streamdesk.ui.pages.orders.labels import order_status_name
from streamdesk.ui.undo import ServiceCommand

if TYPE_CHECKING:
    from streamdesk.core.orders import Orders

STOCK_STATUSES = (OrderStatus.CANCELLED, OrderStatus.REFUNDED)  # leaving or entering them moves stock


class CommandHost(Protocol):
    @property
    def orders(self) -> Orders: ...

    def report_error(self, message: str) -> None: ...

    def orders_changed(self, order_ids: Sequence[int], *, stock: bool) -> None: ...


class OrderCommand(ServiceCommand):
    def __init__(self, host: CommandHost, text: str, order_ids: Sequence[int]) -> None:
        super().__init__(text, host.report_error)
        self._host = host
        self._order_ids = tuple(order_ids)
        self._stock = False

    def done(self, selected: int | None) -> None:
        self._host.orders_changed(self._order_ids, stock=self._stock)


class SetStatusCommand(OrderCommand):
    def __init__(self, host: CommandHost, order_ids: Sequence[int], status: OrderStatus) -> None:
        text = QCoreApplication.translate("OrderCommands", "Set %n order(s) to “{status}”", "", len(order_ids))
        super().__init__(host, text.format(status=order_status_name(status)), order_ids)
        self._status = status
        self._previous: tuple[tuple[int, OrderStatus], ...] = ()

    def forward(self) -> int | None:
        self._previous = self._host.orders.set_status(self._order_ids, self._status)
        self._stock = self._status in STOCK_STATUSES or any(old in STOCK_STATUSES for _id, old in self._previous)
        return None

    def backward(self) -> int | None:
        by_status: dict[OrderStatus, list[int]] = {}
        for order_id, status in self._previous:
            if status is not self._status:
                by_status.setdefault(status, []).append(order_id)
        for status, order_ids in by_status.items():
            self._host.orders.set_status(order_ids, status)
        return None


class SellerNoteCommand(OrderCommand):
    """The first step saves over the order version the panel showed (``version``); each later one (undo, redo)
    over the note the step before wrote: an undo after your own steps (a status change) goes through, one after
    someone else changed the note is refused (db.conflict)."""

    def __init__(self, host: CommandHost, order_id: int, note: str, version: int | None = None) -> None:
        super().__init__(host, QCoreApplication.translate("OrderCommands", "Edit the seller note"), (order_id,))
        self._note = note
        self._previous = ""
        self.version = version
        self._written: str | None = None  # the note the last step wrote

    def forward(self) -> int | None:
        orders, order_id = self._host.orders, self._order_ids[0]
        version = self.version if self._written is None else None
        previous, _version = orders.save_seller_note(
            order_id, self._note, expected_version=version, expected_note=self._written
        )
        if self._written is None:
            self._previous = previous
        self._written = self._note
        return order_id

    def backward(self) -> int | None:
        orders, order_id = self._host.orders, self._order_ids[0]
        orders.save_seller_note(order_id, self._previous, expected_note=self._written)
        self._written = self._previous
        return order_id
