"""What each catalogue action does: open its dialog (never blocking the event loop) and push the undoable command.

Each dialog and command module is imported by the action that uses it, on first use: the page is on screen at
start-up, its dialogs are not (ARCHITECTURE, Start-up).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.catalogue_types import CatalogueRow
    from streamdesk.core.products_io import ExportSummary, ImportSummary, ProductsIO
    from streamdesk.ui.pages.catalogue.page import CataloguePage
    from streamdesk.ui.tasks import TaskRunner


class DialogFlows(QObject):
    def __init__(
        self,
        page: CataloguePage,
        catalogue: Catalogue,
        products_io: ProductsIO | Callable[[], ProductsIO],
        runner: TaskRunner,
    ) -> None:
        super().__init__(page)
        self._page = page
        self._catalogue = catalogue
        self._products_io = products_io
        self._runner = runner
        self.current_dialog: QDialog | None = None

    @property
    def products_io(self) -> ProductsIO:
        """The import/export service; made now if the page was given the function that makes it."""
        if callable(self._products_io):
            self._products_io = self._products_io()
        return self._products_io

    def _show(self, dialog: QDialog) -> None:
        """Window-modal and non-blocking: background tasks and the rest of the app keep running."""
        self.current_dialog = dialog
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        if self.current_dialog is dialog:
            self.current_dialog = None
        dialog.deleteLater()

    def _currency(self) -> str:
        """New products start in the shop's currency (the settings' currency, which ProductsIO also uses)."""
        return self.products_io.currency

    def _selected(self) -> list[CatalogueRow]:
        return self._page.selected_rows()

    # --- products ----------------------------------------------------------------------------------------------
    def new_product(self) -> None:
        from streamdesk.ui.pages.catalogue.product_editor import ProductEditor
        from streamdesk.ui.pages.catalogue.undo_commands import CreateProductCommand

        editor = ProductEditor(self._catalogue, currency=self._currency(), parent=self._page)
        editor.accepted.connect(
            lambda: self._page.undo_stack.push(CreateProductCommand(self._page, editor.product_input()))
        )
        self._show(editor)

    def edit_selected(self) -> None:
        from streamdesk.ui.pages.catalogue.product_editor import ProductEditor
        from streamdesk.ui.pages.catalogue.undo_commands import EditProductCommand
        from streamdesk.ui.undo import push_edit_from_dialog

        rows = self._selected()
        if len({row.product_id for row in rows}) != 1:
            return
        detail = self._page.run_service(lambda: self._catalogue.get_product(rows[0].product_id))
        if detail is None:
            return
        editor = ProductEditor(self._catalogue, currency=detail.input.currency, detail=detail, parent=self._page)

        def save() -> bool:
            """Saved while the editor is open: when someone else saved this product since it was opened
            (db.conflict), the editor stays open with the sentence, what was typed, and Reload."""
            opened = editor.detail or detail
            after = editor.product_input()
            if after == opened.input:
                return True
            command = EditProductCommand(self._page, opened.id, opened.input, after, opened.version)
            if push_edit_from_dialog(self._page.undo_stack, command, editor):
                return True
            self._page.messages.dismiss()  # the editor says it, and stays open
            return False

        editor.on_save = save
        self._show(editor)

    def duplicate_selected(self) -> None:
        from streamdesk.ui.pages.catalogue.undo_commands import DuplicateProductCommand

        rows = self._selected()
        if len({row.product_id for row in rows}) == 1:
            self._page.undo_stack.push(DuplicateProductCommand(self._page, rows[0].product_id, rows[0].title))

    def set_selected_archived(self, archived: bool) -> None:
        from streamdesk.ui.pages.catalogue.undo_commands import ArchiveCommand

        product_ids = sorted({row.product_id for row in self._selected() if row.archived != archived})
        if not product_ids:
            return
        command = ArchiveCommand(self._page, product_ids, archived)
        self._page.undo_stack.push(command)
        if not command.failed:
            count = len(product_ids)
            self._page.report_info(
                self.tr("%n product(s) archived. Press Ctrl+Z to undo.", "", count)
                if archived
                else self.tr("%n product(s) restored. Press Ctrl+Z to undo.", "", count)
            )

    # --- prices and stock --------------------------------------------------------------------------------------
    def bulk_live_price(self) -> None:
        from streamdesk.ui.pages.catalogue.bulk_edit_dialog import BulkLivePriceDialog
        from streamdesk.ui.pages.catalogue.undo_commands import LivePriceCommand

        rows = self._selected()
        if not rows:
            return
        dialog = BulkLivePriceDialog(rows, self._page)
        dialog.accepted.connect(lambda: self._page.undo_stack.push(LivePriceCommand(self._page, dialog.changes())))
        self._show(dialog)

    def adjust_stock(self) -> None:
        from streamdesk.ui.pages.catalogue.stock_dialog import StockAdjustDialog
        from streamdesk.ui.pages.catalogue.undo_commands import StockAdjustmentCommand

        rows = [row for row in self._selected() if not row.is_bundle]
        if not rows:
            return
        if len(rows) < len(self._selected()):
            self._page.report_info(self.tr("Bundles are left out: their stock follows their components."))
        dialog = StockAdjustDialog(rows, self._page)
        dialog.accepted.connect(
            lambda: self._page.undo_stack.push(
                StockAdjustmentCommand(self._page, dialog.changes(), dialog.stock_reason(), dialog.note_text())
            )
        )
        self._show(dialog)

    def stock_history(self) -> None:
        from streamdesk.ui.pages.catalogue.stock_dialog import StockHistoryDialog

        rows = self._selected()
        if len(rows) != 1:
            return
        moves = self._page.run_service(lambda: self._catalogue.stock_moves(rows[0].variant_id))
        if moves is not None:
            self._show(StockHistoryDialog(rows[0], moves, self._page))

    # --- import and export -------------------------------------------------------------------------------------
    def import_products(self) -> None:
        from streamdesk.ui.pages.catalogue.import_dialog import ImportDialog

        dialog = ImportDialog(self.products_io, self._runner, self._page)
        dialog.imported.connect(self._on_imported)
        self._show(dialog)

    def _on_imported(self, summary: ImportSummary) -> None:
        from streamdesk.ui.pages.catalogue.import_dialog import ImportDialog

        self._page.refresh()
        self._page.stock_changed.emit()
        self._page.report_info(ImportDialog.summary_text(summary))

    def export_products(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, chosen = QFileDialog.getSaveFileName(
            self._page,
            self.tr("Export products"),
            "products.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV file (*.csv)"),
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in (".csv", ".xlsx"):
            target = target.with_suffix(".csv" if "csv" in chosen.lower() else ".xlsx")
        self.export_to(target)

    def export_to(self, target: Path) -> None:
        """Export what the table shows (its filter) in the background, with progress and Cancel."""
        query = self._page.model.filter
        products_io = self.products_io
        actions = (self._page.catalogue_actions.export_products, self._page.catalogue_actions.import_products)
        for action in actions:
            action.setEnabled(False)

        def finished() -> None:
            for action in actions:
                action.setEnabled(True)

        def succeeded(summary: ExportSummary) -> None:
            finished()
            self._page.report_info(self.tr("Exported %n SKU(s) to {path}.", "", summary.rows).format(path=str(target)))

        def failed(message: str) -> None:
            finished()
            self._page.report_error(message)

        def cancelled() -> None:
            finished()
            self._page.report_info(self.tr("Export cancelled; no file was written."))

        task = self._runner.start(
            lambda cancel: products_io.export(target, query, cancel),
            on_success=succeeded,
            on_error=failed,
            on_cancelled=cancelled,
        )
        self._page.progress.track(task, self.tr("Exporting to {name}…").format(name=target.name))
