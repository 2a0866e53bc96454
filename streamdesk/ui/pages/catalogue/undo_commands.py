"""Undoable catalogue edits: each command calls the service forwards in redo() and backwards in undo().

QUndoStack.push() runs redo() at once. When the service refuses (a UserError), the command reports the sentence,
marks itself obsolete and Qt drops it instead of stacking it; an undo or redo that fails later is dropped the
same way, so the stack never claims a state the database does not have.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication

from streamdesk.core.catalogue_types import ProductInput, StockReason
from streamdesk.ui.undo import ServiceCommand

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue

UNDO_NOTE = "undo"  # the note on the opposite stock move written when a stock adjustment is undone


def _tr(text: str) -> str:
    return QCoreApplication.translate("CatalogueCommands", text)


class CommandHost(Protocol):
    """What the commands need from the page: the service, a place to say what failed, and a refresh."""

    @property
    def catalogue(self) -> Catalogue: ...

    def report_error(self, message: str) -> None: ...

    def catalogue_changed(self, *, stock: bool, select_product: int | None = None) -> None: ...


class CatalogueCommand(ServiceCommand):
    changes_stock = False

    def __init__(self, host: CommandHost, text: str) -> None:
        super().__init__(text, host.report_error)
        self._host = host

    def done(self, selected: int | None) -> None:  # selected: the product to select afterwards
        self._host.catalogue_changed(stock=self.changes_stock, select_product=selected)


class CreateProductCommand(CatalogueCommand):
    """Undo deletes the product again (allowed while it has no stock moves but its initial ones)."""

    def __init__(self, host: CommandHost, product: ProductInput) -> None:
        super().__init__(host, _tr("Add “{title}”").format(title=product.title))
        self.product = product
        self.product_id: int | None = None
        self.changes_stock = any(variant.initial_stock for variant in product.variants)

    def forward(self) -> int | None:
        self.product_id = self._host.catalogue.create_product(self.product)
        return self.product_id

    def backward(self) -> int | None:
        if self.product_id is not None:
            self._host.catalogue.delete_product(self.product_id)
        return None


class EditProductCommand(CatalogueCommand):
    """Undo writes the product as it was; a SKU added by the edit is archived, and revived by redo.

    The first step saves over the version the editor opened (``version``); each later one (undo, redo) over the
    product as the step before left it (``written``): an undo after your own steps goes through, one after someone
    else's save is refused (db.conflict)."""

    def __init__(
        self, host: CommandHost, product_id: int, before: ProductInput, after: ProductInput, version: int | None = None
    ) -> None:
        super().__init__(host, _tr("Edit “{title}”").format(title=after.title))
        self.product_id = product_id
        self.before = before
        self.after = after
        self.version = version
        self.written: ProductInput | None = None  # the product as the last step left it
        self.changes_stock = any(variant.id is None and variant.initial_stock for variant in after.variants)

    def _write(self, product: ProductInput) -> None:
        version = self.version if self.written is None else None
        saved = self._host.catalogue.update_product(
            self.product_id, product, expected_version=version, expected_input=self.written
        )
        self.written = saved.input

    def forward(self) -> int | None:
        self._write(self.after)
        return self.product_id

    def backward(self) -> int | None:
        self._write(self.before)
        return self.product_id


class DuplicateProductCommand(CatalogueCommand):
    def __init__(self, host: CommandHost, product_id: int, title: str) -> None:
        super().__init__(host, _tr("Duplicate “{title}”").format(title=title))
        self.source_id = product_id
        self.copy_id: int | None = None

    def forward(self) -> int | None:
        self.copy_id = self._host.catalogue.duplicate_product(self.source_id)
        return self.copy_id

    def backward(self) -> int | None:
        if self.copy_id is not None:
            self._host.catalogue.delete_product(self.copy_id)
        return self.source_id


class ArchiveCommand(CatalogueCommand):
    """Archive (or restore) products; undo does the opposite."""

    def __init__(self, host: CommandHost, product_ids: Sequence[int], archived: bool) -> None:
        count = len(product_ids)
        if archived:
            text = QCoreApplication.translate("CatalogueCommands", "Archive %n product(s)", None, count)
        else:
            text = QCoreApplication.translate("CatalogueCommands", "Restore %n product(s)", None, count)
        super().__init__(host, text)
        self.product_ids = tuple(product_ids)
        self.archived = archived

    def forward(self) -> int | None:
        self._host.catalogue.set_archived(self.product_ids, self.archived)
        return None

    def backward(self) -> int | None:
        self._host.catalogue.set_archived(self.product_ids, not self.archived)
        return self.product_ids[0] if self.product_ids else None


class LivePriceCommand(CatalogueCommand):
    """Bulk live price; the service hands back the old prices, which undo writes back."""

    def __init__(self, host: CommandHost, changes: Sequence[tuple[int, int | None]]) -> None:
        text = QCoreApplication.translate("CatalogueCommands", "Change the live price of %n SKU(s)", None, len(changes))
        super().__init__(host, text)
        self.changes = tuple(changes)
        self.previous: tuple[tuple[int, int | None], ...] = ()

    def forward(self) -> int | None:
        self.previous = self._host.catalogue.set_live_prices(self.changes)
        return None

    def backward(self) -> int | None:
        self._host.catalogue.set_live_prices(self.previous)
        return None


class StockAdjustmentCommand(CatalogueCommand):
    """Undo is the opposite move (reason "adjustment", note "undo"): the ledger keeps both, as a till would."""

    changes_stock = True

    def __init__(self, host: CommandHost, changes: Sequence[tuple[int, int]], reason: StockReason, note: str) -> None:
        text = QCoreApplication.translate("CatalogueCommands", "Adjust the stock of %n SKU(s)", None, len(changes))
        super().__init__(host, text)
        self.changes = tuple(changes)
        self.reason = reason
        self.note = note

    def forward(self) -> int | None:
        self._host.catalogue.adjust_stock(self.changes, self.reason, self.note)
        return None

    def backward(self) -> int | None:
        opposite = tuple((variant_id, -delta) for variant_id, delta in self.changes)
        self._host.catalogue.adjust_stock(opposite, StockReason.ADJUSTMENT, UNDO_NOTE)
        return None
