"""What leaves the poster designer: PDF (Ctrl+E), PNG (Ctrl+Shift+E), the printer (Ctrl+P), and one poster per
booking link as a multi-page PDF.

Files are written by ``core.poster`` as background tasks with progress and Cancel (the engine decodes the QR of
what it wrote before keeping it, so a slow machine may take a second). Printing paints on the QPrinter from the
system print dialog on the GUI thread: the dialog is modal there anyway, and QtPrintSupport is imported only then.
The save dialogs start in the folder used last (remembered with the show's poster choices).

``ask_save_path``, ``ask_print`` and ``open_file`` are module functions so tests can answer them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Generator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QMarginsF, QObject, QSizeF, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QPageLayout, QPageSize
from PySide6.QtWidgets import QFileDialog, QToolBar, QWidget

from streamdesk.core.errors import UserError
from streamdesk.messages import describe
from streamdesk.ui.actions import make_action

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from streamdesk.core.jobs import CancelToken, Progress
    from streamdesk.core.poster import PosterSpec
    from streamdesk.core.warmup_types import BookingLinkRow
    from streamdesk.ui.tasks import TaskRunner
    from streamdesk.ui.widgets.message_bar import MessageBar
    from streamdesk.ui.widgets.task_progress import TaskProgress

log = logging.getLogger(__name__)
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')  # characters Windows refuses in file names, and runs of white space


def ask_save_path(parent: QWidget, caption: str, suggested: Path, file_filter: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
    return Path(chosen) if chosen else None


def ask_print(parent: QWidget, printer: QPrinter) -> bool:
    """The system print dialog; True when the seller chose Print."""
    from PySide6.QtPrintSupport import QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PosterExport", "Print poster"))
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ExportHost(Protocol):
    """What the exports need from the designer."""

    messages: MessageBar
    progress: TaskProgress

    def current_spec(self) -> PosterSpec | None: ...

    def show_title(self) -> str: ...

    def links(self) -> tuple[BookingLinkRow, ...]: ...

    def save_choices(self) -> None: ...


class PosterExport(QObject):
    saved = Signal(str)  # path of a written PDF or PNG
    printed = Signal()

    def __init__(self, designer: QWidget, runner: TaskRunner) -> None:
        super().__init__(designer)
        self._designer, self._runner = designer, runner
        self.folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        self._busy = self._enabled = False
        context = Qt.ShortcutContext.WindowShortcut  # hidden with its tab, so the Shows page keeps its own Ctrl+P
        self.export_pdf = make_action(
            designer, self.tr("Export PDF…"), "Ctrl+E", self.tr("Save the poster as a PDF to print"), context=context
        )
        self.export_png = make_action(
            designer,
            self.tr("Export PNG…"),
            "Ctrl+Shift+E",
            self.tr("Save the poster as a picture to post (print sizes at 300 dpi)"),
            context=context,
        )
        self.print_poster = make_action(
            designer, self.tr("Print…"), "Ctrl+P", self.tr("Print the poster on a printer"), context=context
        )
        self.export_batch = make_action(
            designer,
            self.tr("One per channel (PDF)…"),
            (),
            self.tr("One page per booking link, each with its own QR code, in one PDF"),
            context=context,
        )
        self.export_pdf.triggered.connect(lambda: self.write_pdf())
        self.export_png.triggered.connect(lambda: self.write_png())
        self.print_poster.triggered.connect(lambda: self.print_to())
        self.export_batch.triggered.connect(lambda: self.write_batch())

    # --- public ------------------------------------------------------------------------------------------------
    def actions(self) -> tuple[QAction, ...]:
        return (self.export_pdf, self.export_png, self.print_poster, self.export_batch)

    def add_to(self, toolbar: QToolBar) -> None:
        toolbar.addActions([self.export_pdf, self.export_png, self.print_poster])
        toolbar.addSeparator()
        toolbar.addAction(self.export_batch)

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        self._update()

    def remember_folder(self, folder: object) -> None:
        """Start the next save dialog in ``folder`` (from the show's remembered choices) when it still exists."""
        if isinstance(folder, str) and folder and Path(folder).is_dir():
            self.folder = Path(folder)

    def write_pdf(self, path: Path | None = None) -> None:
        """The poster as a one-page PDF (asks where without ``path``)."""
        spec = self._spec()
        if spec is None:
            return
        dest = path or self._ask(self.tr("Export poster as PDF"), self._file_name(spec, "pdf"), "pdf")
        if dest is None:
            return
        self._write(
            lambda cancel: _pdf_job((spec,), dest, cancel),
            self.tr("Writing the poster PDF…"),
            lambda: self.tr("Saved the poster as {path}.").format(path=dest),
            dest,
        )

    def write_png(self, path: Path | None = None) -> None:
        """The poster as a PNG: the template's pixels, print templates at 300 dpi (asks where without ``path``)."""
        spec = self._spec()
        if spec is None:
            return
        dest = path or self._ask(self.tr("Export poster as PNG"), self._file_name(spec, "png"), "png")
        if dest is None:
            return

        def job(_cancel: CancelToken) -> object:
            from streamdesk.core import poster

            return poster.write_png(spec, dest)

        self._write(
            job,
            self.tr("Writing the poster picture…"),
            lambda: self.tr("Saved the poster as {path}.").format(path=dest),
            dest,
        )

    def write_batch(self, path: Path | None = None) -> None:
        """One page per booking link, each with that link's QR, in one PDF (asks where without ``path``)."""
        spec = self._spec()
        if spec is None:
            return
        links = self._host().links()
        if not links:
            self._host().messages.show_error(
                self.tr("This show has no booking links yet. Add one on the Booking links tab first.")
            )
            return
        specs = tuple(replace(spec, qr_text=link.tagged_url) for link in links)
        name = self.tr("{show} posters per channel").format(show=self._safe(self._host().show_title()))
        dest = path or self._ask(self.tr("Export one poster per channel"), f"{name}.pdf", "pdf")
        if dest is None:
            return
        count = len(specs)
        self._write(
            lambda cancel: _pdf_job(specs, dest, cancel),
            self.tr("Writing %n poster(s)…", "", count),
            lambda: self.tr("Saved %n poster(s), one per channel, as {path}.", "", count).format(path=dest),
            dest,
        )

    def print_to(self, printer: QPrinter | None = None) -> bool:
        """Print through the system dialog (or straight on ``printer``); True when something was printed."""
        spec = self._spec()
        if spec is None:
            return False
        from PySide6.QtPrintSupport import QPrinter

        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self._file_name(spec, "pdf").removesuffix(".pdf"))
            if not self._prepare(printer, spec) or not ask_print(self._designer, printer):
                return False
        elif not self._prepare(printer, spec):
            return False
        from streamdesk.core import poster

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            poster.render(spec, printer)
        except UserError as error:
            self._host().messages.show_error(describe(error))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._host().messages.show_info(self.tr("The poster was sent to the printer."))
        self.printed.emit()
        return True

    # --- helpers -----------------------------------------------------------------------------------------------
    def _host(self) -> ExportHost:
        return self._designer  # type: ignore[return-value]  # the PosterDesigner

    def _spec(self) -> PosterSpec | None:
        try:
            return self._host().current_spec()
        except UserError as error:
            self._host().messages.show_error(describe(error))
            return None

    @staticmethod
    def _prepare(printer: QPrinter, spec: PosterSpec) -> bool:
        """The poster's own page size, no margins: the engine keeps its content inside a safe area."""
        size = QPageSize(
            QSizeF(spec.template.width_mm, spec.template.height_mm), QPageSize.Unit.Millimeter, spec.template.key
        )
        printer.setFullPage(True)
        layout = QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        return bool(printer.setPageLayout(layout))

    def _ask(self, caption: str, suggested: str, suffix: str) -> Path | None:
        filters = {"pdf": self.tr("PDF files (*.pdf)"), "png": self.tr("PNG pictures (*.png)")}
        chosen = ask_save_path(self._designer, caption, self.folder / suggested, filters[suffix])
        if chosen is None:
            return None
        if chosen.suffix.lower() != f".{suffix}":
            chosen = chosen.with_name(f"{chosen.name}.{suffix}")
        self.folder = chosen.parent
        self._host().save_choices()  # the folder is remembered with the show's choices
        return chosen

    def _file_name(self, spec: PosterSpec, suffix: str) -> str:
        """ "Summer sale poster a4.pdf": the show's title without characters file systems refuse."""
        name = self.tr("{show} poster {template}").format(
            show=self._safe(self._host().show_title()), template=spec.template.key
        )
        return f"{name}.{suffix}"

    def _safe(self, title: str) -> str:
        return _UNSAFE.sub(" ", title).strip(" .") or self.tr("show")

    def _write(self, job: Callable[[CancelToken], Any], text: str, done_text: Callable[[], str], dest: Path) -> None:
        """One file job at a time, shown with progress and Cancel; the designer's deletion abandons it."""
        self._set_busy(True)
        host = self._host()

        def succeeded(_result: object) -> None:
            self._set_busy(False)
            host.messages.show_info(done_text(), action_text=self.tr("Open"), action=lambda: open_file(dest))
            self.saved.emit(str(dest))

        def failed(message: str) -> None:
            self._set_busy(False)
            host.messages.show_error(message)

        def cancelled() -> None:
            self._set_busy(False)
            host.messages.show_info(self.tr("Export cancelled; nothing was saved."))

        task = self._runner.start(job, on_success=succeeded, on_error=failed, on_cancelled=cancelled)
        self.destroyed.connect(task.abandon)
        host.progress.track(task, text, describe_stage=self._stage)

    def _stage(self, stage: str) -> str:
        stages = {
            "poster.render": self.tr("Drawing the poster pages…"),
            "poster.verify": self.tr("Checking that every QR code scans…"),
        }
        return stages.get(stage, "")

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update()

    def _update(self) -> None:
        ready = self._enabled and not self._busy
        for action in self.actions():
            action.setEnabled(ready)


def _pdf_job(specs: tuple[PosterSpec, ...], dest: Path, cancel: CancelToken) -> Generator[Progress, None, Any]:
    from streamdesk.core import poster

    return poster.write_pdf(specs, dest, cancel)
