"""Rundown files from the editor: the PDF host sheet (Ctrl+P), CSV export, and import with a preview.

``RundownFiles(editor, shows, catalogue, runner, rundown_io)`` makes the three actions and runs them; the editor
puts them in its toolbar. ``rundown_io`` is a RundownIO or a zero-argument callable returning one (the main
window passes ``lambda: services.rundown_io`` so the module is imported on first use).

Where the work runs: reading an import file and writing CSV go to the TaskRunner. The host sheet is painted on
the GUI thread under a busy cursor: Qt documents QTextDocument as reentrant and QFontDatabase as thread-safe, but
lists QPainter in other threads only for QImage, QPrinter and QPicture, not QPdfWriter; and it is quick: 35-80 ms
for the demo's biggest show (8 segments, one page), 110-160 ms for 60 segments (six pages), measured offscreen.

An import replaces the whole rundown as ONE undo step (ReplaceRundownCommand: Shows.replace_segments forwards,
and again with the previous segments backwards). The file dialogs are the module functions ``ask_save_path`` and
``ask_open_path``, so tests can answer them.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMenu, QToolBar, QToolButton, QWidget

from streamdesk.core.errors import UserError
from streamdesk.messages import describe
from streamdesk.ui.actions import make_action
from streamdesk.ui.pages.shows.rundown_commands import ReplaceRundownCommand, RundownHost

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.jobs import CancelToken
    from streamdesk.core.rundown_io import RundownIO
    from streamdesk.core.show_types import Rundown
    from streamdesk.core.shows import Shows
    from streamdesk.ui.pages.shows.rundown_import_dialog import ImportPreview, RundownImportDialog
    from streamdesk.ui.tasks import TaskRunner
    from streamdesk.ui.widgets.message_bar import MessageBar

    RundownIOSource = RundownIO | Callable[[], RundownIO]

log = logging.getLogger(__name__)
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')  # characters Windows refuses in file names, and runs of white space


def ask_save_path(parent: QWidget, caption: str, suggested: Path, file_filter: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
    return Path(chosen) if chosen else None


def ask_open_path(parent: QWidget, caption: str, folder: Path, file_filter: str) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(parent, caption, str(folder), file_filter)
    return Path(chosen) if chosen else None


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class FilesHost(RundownHost, Protocol):
    """What RundownFiles needs from the editor besides the commands' host."""

    messages: MessageBar

    def show_id(self) -> int | None: ...

    def undo_stack(self) -> QUndoStack: ...


class RundownFiles(QObject):
    saved = Signal(str)  # path of a written host sheet or CSV file
    preview_shown = Signal()  # the import preview is open (current_dialog)
    imported = Signal(int)  # show id, after an import replaced its rundown

    def __init__(
        self,
        editor: QWidget,
        shows: Shows,
        catalogue: Catalogue,
        runner: TaskRunner,
        rundown_io: RundownIOSource,
    ) -> None:
        super().__init__(editor)
        self._editor = editor
        self._shows, self._catalogue, self._runner = shows, catalogue, runner
        self._source = rundown_io
        self._folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        self.current_dialog: RundownImportDialog | None = None
        self._busy = False
        self.print_pdf = self._make(
            self.tr("Print host sheet (PDF)…"),
            "Ctrl+P",
            self.tr("Save the rundown as a PDF sheet for the host: times, products with live price, talking points"),
        )
        self.print_pdf.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # from the show list too
        self.export_csv = self._make(
            self.tr("Export rundown (CSV)…"), "", self.tr("Save the rundown as a CSV file to edit in Excel")
        )
        self.import_rundown = self._make(
            self.tr("Import rundown…"),
            "",
            self.tr("Replace the whole rundown with a CSV or Excel file; you see it before anything changes"),
        )
        self.menu = QMenu(self.tr("Rundown file"), editor)
        self.menu.addActions([self.export_csv, self.import_rundown])
        self.file_menu_action = QAction(self.tr("Rundown file"), editor)
        self.file_menu_action.setToolTip(self.tr("Export the rundown as CSV, or import one"))
        self.file_menu_action.setMenu(self.menu)
        self.print_pdf.triggered.connect(lambda: self.print_host_sheet())
        self.export_csv.triggered.connect(lambda: self.export_rundown())
        self.import_rundown.triggered.connect(lambda: self.import_file())
        self._has_show = self._has_segments = False
        self.set_enabled(False, False)

    def _make(self, text: str, key: str, tip: str) -> QAction:
        return make_action(self._editor, text, key, tip, context=Qt.ShortcutContext.WindowShortcut)

    # --- public ------------------------------------------------------------------------------------------------
    def actions(self) -> tuple[QAction, ...]:
        return (self.print_pdf, self.export_csv, self.import_rundown)

    def add_to(self, toolbar: QToolBar) -> None:
        toolbar.addSeparator()
        toolbar.addActions([self.print_pdf, self.file_menu_action])
        button = toolbar.widgetForAction(self.file_menu_action)
        if isinstance(button, QToolButton):
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    def set_enabled(self, has_show: bool, has_segments: bool) -> None:
        """Import needs a show; print and export need segments too. Off while a file job runs."""
        self._has_show, self._has_segments = has_show, has_segments
        free = not self._busy
        self.import_rundown.setEnabled(has_show and free)
        self.file_menu_action.setEnabled(has_show and free)
        self.export_csv.setEnabled(has_show and has_segments and free)
        self.print_pdf.setEnabled(has_show and has_segments and free)

    def rundown_io(self) -> RundownIO:
        source = self._source
        return source() if callable(source) else source

    def print_host_sheet(self, path: Path | None = None) -> bool:
        """Write the host sheet PDF (asks where without ``path``); True when written."""
        show_id = self._host().show_id()
        if show_id is None:
            return False
        dest = path or self._ask_save(self.tr("Print host sheet"), show_id, "pdf", self.tr("PDF files (*.pdf)"))
        if dest is None:
            return False
        started = time.perf_counter()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = self.rundown_io().export_pdf(show_id, dest)
        except UserError as error:
            self._host().report_error(describe(error))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        log.info("host sheet of show %s: %d page(s) in %.0f ms", show_id, pages, (time.perf_counter() - started) * 1000)
        self._report_saved(dest, self.tr("Saved the host sheet (%n page(s)) as {path}.", "", pages).format(path=dest))
        return True

    def export_rundown(self, path: Path | None = None) -> None:
        """Write the rundown as CSV in the background (asks where without ``path``)."""
        show_id = self._host().show_id()
        if show_id is None:
            return
        dest = path or self._ask_save(self.tr("Export rundown"), show_id, "csv", self.tr("CSV files (*.csv)"))
        if dest is None:
            return
        source = self._source

        def job(_cancel: CancelToken) -> int:
            io = source() if callable(source) else source
            return io.export_csv(show_id, dest)

        def succeeded(count: int) -> None:
            text = self.tr("Exported %n segment(s) as {path}.", "", count).format(path=dest)
            self._report_saved(dest, text)

        self._start(job, succeeded)

    def import_file(self, path: Path | None = None, encoding: str | None = None) -> None:
        """Read a CSV/XLSX file in the background, then show the preview (asks which file without ``path``)."""
        show_id = self._host().show_id()
        if show_id is None:
            return
        if path is None:
            path = ask_open_path(
                self._editor,
                self.tr("Import rundown"),
                self._folder,
                self.tr("Rundown files (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx)"),
            )
            if path is None:
                return
            self._folder = path.parent
        self._read(path, show_id, encoding)

    # --- helpers -----------------------------------------------------------------------------------------------
    def _host(self) -> FilesHost:
        return self._editor  # type: ignore[return-value]  # the RundownEditor

    def _ask_save(self, caption: str, show_id: int, suffix: str, file_filter: str) -> Path | None:
        try:
            show = self._shows.get_show(show_id)
        except UserError as error:
            self._host().report_error(describe(error))
            return None
        suggested = self._folder / self.file_name(show.title, show.planned_start, suffix)
        chosen = ask_save_path(self._editor, caption, suggested, file_filter)
        if chosen is None:
            return None
        if chosen.suffix.lower() != f".{suffix}":
            chosen = chosen.with_name(f"{chosen.name}.{suffix}")
        self._folder = chosen.parent
        return chosen

    def file_name(self, title: str, start: datetime | None, suffix: str) -> str:
        """ "Summer sale 2026-06-01 rundown.csv": the show's title (without characters file systems refuse) and date."""
        show = _UNSAFE.sub(" ", title).strip(" .") or self.tr("show")
        if start is None:
            name = self.tr("{show} rundown") if suffix == "csv" else self.tr("{show} host sheet")
            return f"{name.format(show=show)}.{suffix}"
        day = start.astimezone().strftime("%Y-%m-%d")
        name = self.tr("{show} {date} rundown") if suffix == "csv" else self.tr("{show} {date} host sheet")
        return f"{name.format(show=show, date=day)}.{suffix}"

    def _report_saved(self, dest: Path, text: str) -> None:
        self._host().messages.show_info(text, action_text=self.tr("Open"), action=lambda: open_file(dest))
        self.saved.emit(str(dest))

    def _start(
        self,
        job: Callable[[CancelToken], Any],
        on_success: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """One file job at a time; the editor's deletion abandons it (no callback into a deleted widget)."""
        self._set_busy(True)
        report = on_error or self._host().report_error

        def succeeded(result: object) -> None:
            self._set_busy(False)
            on_success(result)

        def failed(message: str) -> None:
            self._set_busy(False)
            report(message)

        task = self._runner.start(
            job, on_success=succeeded, on_error=failed, on_cancelled=lambda: self._set_busy(False)
        )
        self.destroyed.connect(task.abandon)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.set_enabled(self._has_show, self._has_segments)

    def _read(
        self, path: Path, show_id: int, encoding: str | None, on_error: Callable[[str], None] | None = None
    ) -> None:
        from streamdesk.ui.pages.shows.rundown_import_dialog import read_preview

        source, shows, catalogue = self._source, self._shows, self._catalogue

        def job(_cancel: CancelToken) -> ImportPreview:
            io = source() if callable(source) else source
            return read_preview(io, shows, catalogue, path, show_id, encoding)

        self._start(job, self._show_preview, on_error)

    def _show_preview(self, preview: ImportPreview) -> None:
        from streamdesk.ui.pages.shows.rundown_import_dialog import RundownImportDialog

        if preview.show_id != self._host().show_id():
            return  # another show was chosen while the file was read
        dialog = self.current_dialog
        if dialog is not None:  # read again with another encoding
            dialog.set_preview(preview)
            return
        dialog = RundownImportDialog(preview, self._editor)
        dialog.accepted.connect(lambda: self._replace(dialog.preview))
        dialog.encoding_chosen.connect(lambda codec: self._reread(dialog, codec))
        dialog.finished.connect(lambda _code: self._forget(dialog))
        self.current_dialog = dialog
        dialog.open()
        self.preview_shown.emit()

    def _reread(self, dialog: RundownImportDialog, codec: str) -> None:
        dialog.set_reading()
        self._read(Path(dialog.preview.sheet.path), dialog.preview.show_id, codec or None, dialog.show_read_error)

    def _forget(self, dialog: RundownImportDialog) -> None:
        if self.current_dialog is dialog:
            self.current_dialog = None
        dialog.deleteLater()

    def _replace(self, preview: ImportPreview) -> None:
        """One undo step: the previous segments are read now, so undo restores what the table showed."""
        host = self._host()
        sheet = preview.sheet
        if sheet.problems or preview.show_id != host.show_id():
            return
        try:
            before: Rundown = self._shows.rundown(preview.show_id)
        except UserError as error:
            host.report_error(describe(error))
            return
        text = self.tr("Import “{file}”").format(file=preview.file_name)
        command = ReplaceRundownCommand(
            host, preview.show_id, tuple(s.to_input() for s in before.segments), sheet.segments, text
        )
        host.undo_stack().push(command)
        if command.failed:
            return
        text = self.tr(
            "Imported %n segment(s) from {file}. Undo (Ctrl+Z) brings the previous rundown back.",
            "",
            len(sheet.segments),
        )
        host.messages.show_info(text.format(file=preview.file_name))
        self.imported.emit(preview.show_id)
