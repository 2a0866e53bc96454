"""The File menu's backup actions: Back up now (into the backups folder), Back up to… (a place the seller picks:
a USB stick, a cloud folder) and Restore from a backup…, plus opening a backup file handed over by the desktop
(a double-clicked ``.streamdesk``). Opening a backup reads it on a pool thread and shows BackupOpenDialog; a
restore is carried out by app.run_gui after the window closed (the database must not be in use), which is what
``restore_requested`` asks for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Signal, Slot
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QFileDialog, QMainWindow

from streamdesk.ui.relaunch import start_own

if TYPE_CHECKING:
    from streamdesk.core.backup import BackupFile, Backups
    from streamdesk.core.backup_preview import BackupPreview
    from streamdesk.ui.backup_open import BackupOpenDialog
    from streamdesk.ui.errors import ErrorDialog
    from streamdesk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

STATUS_MS = 15_000


class BackupActions(QObject):
    restore_requested = Signal(object)  # Path: the backup to restore once the window has closed

    def __init__(
        self,
        window: QMainWindow,
        runner: TaskRunner,
        backups: Backups | None,
        database_label: str,
        *,
        backup_icon: QIcon | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._runner = runner
        self._backups = backups
        self._database_label = database_label
        self.dialog: BackupOpenDialog | None = None
        self.error: ErrorDialog | None = None

        self.back_up_now_action = self._action(self.tr("&Back up now"), self.back_up_now, backup_icon)
        self.back_up_to_action = self._action(self.tr("Back up &to…"), self.back_up_to)
        self.restore_action = self._action(self.tr("&Restore from a backup…"), self.choose_backup)
        if backups is None:
            why = self.tr("Only a database file on this computer can be backed up or restored here.")
            for action in self.actions():
                action.setEnabled(False)
                action.setToolTip(why)

    def actions(self) -> tuple[QAction, ...]:
        return self.back_up_now_action, self.back_up_to_action, self.restore_action

    def _action(self, text: str, slot: Callable[[], None], action_icon: QIcon | None = None) -> QAction:
        action = QAction(action_icon or QIcon(), text, self._window)
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    def _status(self, text: str, timeout_ms: int = STATUS_MS) -> None:
        self._window.statusBar().showMessage(text, timeout_ms)

    def _show_error(self, title: str, message: str) -> None:
        from streamdesk.ui.errors import ErrorDialog

        self._window.statusBar().clearMessage()
        self.error = ErrorDialog(title, message, parent=self._window)
        self.error.open()

    # --- taking backups -----------------------------------------------------------------------------------------
    @Slot()
    def back_up_now(self) -> None:
        self._take(None)

    @Slot()
    def back_up_to(self) -> None:
        """Ask where, suggesting the Documents folder and a dated name, then take the backup there."""
        if self._backups is None:
            return
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        stem = self._backups.database_path.stem
        suggested = Path(documents or Path.home()) / f"{stem}-{datetime.now():%Y-%m-%d}.streamdesk"
        chosen, _filter = QFileDialog.getSaveFileName(
            self._window, self.tr("Back up to"), str(suggested), self.tr("StreamDesk backups (*.streamdesk)")
        )
        if chosen:
            self._take(Path(chosen))

    def _take(self, out: Path | None) -> None:
        backups = self._backups
        if backups is None:
            return
        for action in self.actions():
            action.setEnabled(False)
        self._status(self.tr("Backing up…"), 0)
        self._runner.start(lambda _cancel: backups.backup(out), on_success=self._on_backed_up, on_error=self._on_failed)

    def _on_backed_up(self, taken: BackupFile) -> None:
        self._enable()
        self._status(self.tr("Backed up to {path}").format(path=taken.path))

    def _on_failed(self, message: str) -> None:
        self._enable()
        self._show_error(self.tr("Backup failed"), message)

    def _enable(self) -> None:
        for action in self.actions():
            action.setEnabled(True)

    # --- opening a backup ---------------------------------------------------------------------------------------
    @Slot()
    def choose_backup(self) -> None:
        """File → Restore from a backup…: pick a file (the backups folder first), then as open_backup."""
        if self._backups is None:
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Restore from a backup"),
            str(self._backups.backups_dir),
            self.tr("StreamDesk backups (*.streamdesk *.sqlite3);;All files (*)"),
        )
        if chosen:
            self.open_backup(Path(chosen))

    def open_backup(self, path: Path) -> None:
        """Read what ``path`` holds on a pool thread, then offer to restore it or open a copy."""
        from streamdesk.core.backup_preview import preview_backup

        self._status(self.tr("Reading the backup {name}…").format(name=path.name), 0)
        self._runner.start(
            lambda _cancel: preview_backup(path),
            on_success=self._on_previewed,
            on_error=lambda message: self._show_error(self.tr("This backup cannot be opened"), message),
        )

    def _on_previewed(self, preview: BackupPreview) -> None:
        from streamdesk.ui.backup_open import BackupOpenDialog

        self._window.statusBar().clearMessage()
        self.dialog = BackupOpenDialog(preview, self._database_label, self._window)
        self.dialog.chosen.connect(lambda choice: self._follow(choice, preview.path))
        self.dialog.open()

    def _follow(self, choice: str, path: Path) -> None:
        from streamdesk.ui.backup_open import BackupChoice

        if choice == BackupChoice.OPEN_COPY:
            if start_own(["--backup-copy", str(path)]):
                self._status(self.tr("Opening a copy of {name} in a second window…").format(name=path.name))
            else:
                self._show_error(self.tr("The copy could not be opened"), self.tr("StreamDesk could not be started."))
            return
        if self._backups is None:
            return
        log.info("restore of %s requested", path)
        self.restore_requested.emit(path)
