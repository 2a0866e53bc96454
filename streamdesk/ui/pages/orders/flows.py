"""The file work of the Orders page: importing orders and tracking numbers, the shipping export, pick lists and
packing slips.

Which orders a file is for: the selected ones, else every order the filters show (all of them, not only the rows
loaded so far: the ids are read again in the background job). Reading and writing files runs on the TaskRunner
with the page's progress bar and Cancel. The file dialogs are the module functions ``ask_save_path`` and
``ask_open_path``, so tests can answer them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from streamdesk.core.errors import UserError
from streamdesk.core.order_types import (
    OrderFilter,
    OrderRow,
    OrderSort,
    OrderStatus,
    PickListRow,
    TrackingImportResult,
)
from streamdesk.messages import describe, describe_problem
from streamdesk.ui.widgets.paged_model import PAGE_SIZE

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.orders import Orders
    from streamdesk.core.orders_io import OrdersIO
    from streamdesk.core.shipping_io import ShippingIO
    from streamdesk.core.shows import Shows
    from streamdesk.ui.pages.orders.actions import OrdersActions
    from streamdesk.ui.privacy import Privacy
    from streamdesk.ui.tasks import TaskRunner
    from streamdesk.ui.widgets.task_progress import TaskProgress

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')  # characters Windows refuses in file names, and runs of white space
MAX_LISTED_PROBLEMS = 5


def ask_save_path(parent: QWidget, caption: str, suggested: Path, file_filter: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
    return Path(chosen) if chosen else None


def ask_open_path(parent: QWidget, caption: str, folder: Path, file_filter: str) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(parent, caption, str(folder), file_filter)
    return Path(chosen) if chosen else None


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def safe_name(text: str) -> str:
    return _UNSAFE.sub("-", text).strip("-") or "orders"


def matching_order_ids(orders: Orders, query: OrderFilter) -> tuple[int, ...]:
    """Every order the filter matches, oldest first (runs in a background job)."""
    total, rows = orders.count_and_page(query, OrderSort.CREATED, False, 0, PAGE_SIZE)
    if total > len(rows):
        _total, rows = orders.count_and_page(query, OrderSort.CREATED, False, 0, total)
    return tuple(row.id for row in rows)


def to_pack(query: OrderFilter) -> OrderFilter:
    """Pick lists and packing slips without a selection: the orders shown, only the paid ones unless the filters
    chose statuses (shipped, cancelled and unpaid orders are not packed)."""
    return query if query.statuses else replace(query, statuses=(OrderStatus.PAID,))


class FlowsHost(Protocol):
    order_actions: OrdersActions
    progress: TaskProgress
    privacy: Privacy

    def selected_rows(self) -> list[OrderRow]: ...

    def current_filter(self) -> OrderFilter: ...

    def shown_total(self) -> int: ...

    def report_error(self, message: str) -> None: ...

    def report_info(self, message: str, *, action_text: str = "", action: Callable[[], None] | None = None) -> None: ...


class OrderFlows(QObject):
    orders_imported = Signal(int)  # import batch id
    orders_shipped = Signal()  # a tracking import marked orders shipped
    file_written = Signal(str)  # path of an export, pick list or packing slips

    def __init__(
        self,
        page: QWidget,
        orders: Orders,
        orders_io: OrdersIO | Callable[[], OrdersIO],
        shipping_io: ShippingIO | Callable[[], ShippingIO],
        shows: Shows,
        runner: TaskRunner,
        catalogue: Catalogue | None = None,
    ) -> None:
        super().__init__(page)
        self._page = page
        self._orders, self._shows, self._runner, self._catalogue = orders, shows, runner, catalogue
        self._orders_io_source = orders_io
        self._shipping_io_source = shipping_io
        self._folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        self.current_dialog: QWidget | None = None

    @property
    def host(self) -> FlowsHost:
        return self._page  # type: ignore[return-value]

    @property
    def orders_io(self) -> OrdersIO:
        if callable(self._orders_io_source):
            self._orders_io_source = self._orders_io_source()
        return self._orders_io_source

    @property
    def shipping_io(self) -> ShippingIO:
        if callable(self._shipping_io_source):
            self._shipping_io_source = self._shipping_io_source()
        return self._shipping_io_source

    def _stamp(self) -> str:
        return datetime.now().strftime("%Y%m%d-%H%M")

    def _target(self) -> tuple[tuple[int, ...], OrderFilter, int]:
        """(selected ids, the filter, how many the filter shows): a job turns an empty selection into the filter."""
        host = self.host
        return tuple(row.id for row in host.selected_rows()), host.current_filter(), host.shown_total()

    def _ids_job(self, selected: Sequence[int], query: OrderFilter) -> tuple[int, ...]:
        """In a job: the selected orders, else the ones to pack of those shown."""
        return tuple(selected) if selected else matching_order_ids(self._orders, to_pack(query))

    def _written(self, path: Path, message: str) -> None:
        self.host.report_info(message, action_text=self.tr("Open"), action=lambda: open_file(path))
        self.file_written.emit(str(path))

    # --- importing ---------------------------------------------------------------------------------------------
    def import_orders(self) -> None:
        from streamdesk.ui.pages.orders.import_dialog import OrderImportDialog

        dialog = OrderImportDialog(
            self.orders_io,
            self._shows,
            self._runner,
            self._page,
            orders=self._orders,
            catalogue=self._catalogue,
            privacy=self.host.privacy,
        )
        dialog.imported.connect(self.orders_imported)
        self.current_dialog = dialog
        dialog.open()

    def import_tracking(self) -> None:
        path = ask_open_path(
            self._page,
            self.tr("Choose a tracking file"),
            self._folder,
            self.tr("Spreadsheets (*.csv *.xlsx *.txt *.tsv);;All files (*)"),
        )
        if path is None:
            return
        self._folder = path.parent
        orders_io = self.orders_io
        task = self._runner.start(
            lambda _cancel: orders_io.import_tracking(path),
            on_success=self._on_tracking_imported,
            on_error=self.host.report_error,
        )
        self.host.progress.track(task, self.tr("Reading {name}…").format(name=path.name), cancellable=False)

    def _on_tracking_imported(self, result: TrackingImportResult) -> None:
        parts = [self.tr("Marked %n order(s) shipped.", "", result.orders_shipped)]
        if result.already_known:
            parts.append(self.tr("%n tracking number(s) were already known.", "", result.already_known))
        if result.skipped:
            parts.append(self.tr("%n row(s) skipped:", "", len(result.skipped)))
            parts.extend(describe_problem(problem) for problem in result.skipped[:MAX_LISTED_PROBLEMS])
            if len(result.skipped) > MAX_LISTED_PROBLEMS:
                parts.append(self.tr("…and %n more.", "", len(result.skipped) - MAX_LISTED_PROBLEMS))
        self.host.report_info("\n".join(parts))
        if result.orders_shipped:
            self.orders_shipped.emit()

    def mark_shipped(self) -> None:
        """One selected order, shipped by hand with a courier and tracking number."""
        from streamdesk.ui.pages.orders.ship_dialog import ShipDialog

        rows = self.host.selected_rows()
        if len(rows) != 1:
            return
        order_id = rows[0].id
        dialog = ShipDialog(rows[0].order_no, self._page)
        dialog.accepted.connect(lambda: self._ship(order_id, dialog.courier_name(), dialog.tracking()))
        self.current_dialog = dialog
        dialog.open()

    def _ship(self, order_id: int, courier: str, tracking_no: str) -> None:
        from streamdesk.core.orders_io.tracking import courier_code

        try:
            self._orders.mark_shipped(order_id, courier, tracking_no, courier_code(courier))
        except UserError as error:
            self.host.report_error(describe(error))
            return
        self.orders_shipped.emit()

    # --- writing -----------------------------------------------------------------------------------------------
    def export(self) -> None:
        from streamdesk.ui.pages.orders.export_dialog import ExportDialog

        selected, query, total = self._target()
        dialog = ExportDialog(
            self.shipping_io,
            self._runner,
            selected=selected,
            shown=total,
            query=query,
            folder=self._folder,
            parent=self._page,
        )
        dialog.exported.connect(lambda path, orders: self._on_exported(Path(path), orders))
        self.current_dialog = dialog
        dialog.open()

    def _on_exported(self, path: Path, orders: int) -> None:
        self._folder = path.parent
        self._written(path, self.tr("Exported %n order(s) to {path}.", "", orders).format(path=str(path)))

    def pick_list(self) -> None:
        selected, query, total = self._target()
        if not selected and total == 0:
            self.host.report_error(self.tr("There are no orders to pick: choose orders or change the filters."))
            return
        path = ask_save_path(
            self._page,
            self.tr("Save the pick list"),
            self._folder / f"pick-list-{self._stamp()}.pdf",
            self.tr("PDF (*.pdf);;CSV file (*.csv)"),
        )
        if path is None:
            return
        if path.suffix.lower() not in (".pdf", ".csv"):
            path = path.with_suffix(".pdf")
        self._folder = path.parent
        orders = self._orders

        def job(_cancel: object) -> tuple[tuple[PickListRow, ...], int]:
            ids = self._ids_job(selected, query)
            return orders.pick_list(order_ids=ids), len(ids)

        task = self._runner.start(
            job, on_success=lambda found: self._write_pick_list(path, *found), on_error=self.host.report_error
        )
        self.host.progress.track(task, self.tr("Reading the orders to pick…"), cancellable=False)

    def _write_pick_list(self, path: Path, rows: tuple[PickListRow, ...], order_count: int) -> None:
        """On the GUI thread: QPdfWriter is painted here, like the host sheet (a PDF of a few pages is quick)."""
        io = self.shipping_io
        if path.suffix.lower() == ".csv":
            headers = (
                self.tr("SKU"),
                self.tr("Product"),
                self.tr("Spec"),
                self.tr("Units"),
                self.tr("Orders"),
                self.tr("On hand"),
            )
            written = self._write(lambda: io.pick_list_csv(path, rows, headers=headers))
        else:
            subtitle = self.tr("%n order(s)", "", order_count)
            written = self._write(lambda: io.pick_list_pdf(path, rows, title=self.tr("Pick list"), subtitle=subtitle))
        if written is not None:
            message = self.tr("Pick list of %n SKU(s) saved to {path}.", "", len(rows)).format(path=str(path))
            self._written(path, message)

    def packing_slips(self) -> None:
        selected, query, total = self._target()
        if not selected and total == 0:
            self.host.report_error(self.tr("There are no orders to print: choose orders or change the filters."))
            return
        path = ask_save_path(
            self._page,
            self.tr("Save the packing slips"),
            self._folder / f"packing-slips-{self._stamp()}.pdf",
            self.tr("PDF (*.pdf)"),
        )
        if path is None:
            return
        path = path.with_suffix(".pdf")
        self._folder = path.parent
        task = self._runner.start(
            lambda _cancel: self._ids_job(selected, query),
            on_success=lambda ids: self._write_slips(path, ids),
            on_error=self.host.report_error,
        )
        self.host.progress.track(task, self.tr("Reading the orders to pack…"), cancellable=False)

    def _write_slips(self, path: Path, order_ids: tuple[int, ...]) -> None:
        if not order_ids:
            self.host.report_error(
                self.tr("None of these orders is paid and waiting to ship: there is nothing to pack.")
            )
            return
        io = self.shipping_io
        if self._write(lambda: io.packing_slips_pdf(path, order_ids)) is not None:
            message = self.tr("%n packing slip(s) saved to {path}.", "", len(order_ids)).format(path=str(path))
            self._written(path, message)

    def _write(self, write: Callable[[], int]) -> int | None:
        """Run a quick file write on the GUI thread under a busy cursor; a refusal becomes the page's message."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return write()
        except UserError as error:
            self.host.report_error(describe(error))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
