"""The dialog for a damaged database (found when it is opened, or by the check after the first paint): what is
wrong, the newest good backup with what it holds, and the ways on: restore it, choose another backup, start with
an empty shop, or not now. The damaged file itself is only ever set aside (core.backup_recovery.set_aside).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.backup_preview import BackupPreview, preview_backup
from streamdesk.core.errors import UserError
from streamdesk.messages import describe
from streamdesk.ui.formatting import format_count, format_local_datetime


@dataclass(frozen=True, slots=True)
class RecoveryChoice:
    backup: Path | None  # None: start with an empty shop


class RecoveryDialog(QDialog):
    """``chosen`` carries a RecoveryChoice; rejecting (Quit / Not now) leaves every file as it is."""

    chosen = Signal(object)

    def __init__(
        self,
        problem: str,
        database: Path,
        offer: BackupPreview | None,
        backups_dir: Path,
        *,
        app_running: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("The database is damaged"))
        self._backups_dir = backups_dir
        self.offer: BackupPreview | None = None

        self.problem_label = QLabel(problem)
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        kept = QLabel(
            self.tr(
                "Whatever you choose, the damaged file is kept beside the database as {name}.damaged-… "
                "(nothing is deleted), so it can still be sent to someone who can rescue more from it."
            ).format(name=database.stem)
        )
        kept.setWordWrap(True)
        self.offer_label = QLabel()
        self.offer_label.setObjectName("backupOffer")
        self.offer_label.setWordWrap(True)
        self.offer_label.setTextFormat(Qt.TextFormat.RichText)

        self.restore_button = QPushButton(self.tr("&Restore this backup"))
        self.choose_button = QPushButton(self.tr("&Choose another backup…"))
        self.empty_button = QPushButton(self.tr("Start with an &empty shop"))
        buttons = QDialogButtonBox()
        for button in (self.restore_button, self.choose_button, self.empty_button):
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = buttons.addButton(
            self.tr("Not now") if app_running else self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.restore_button.clicked.connect(self._restore)
        self.choose_button.clicked.connect(self._choose_backup)
        self.empty_button.clicked.connect(self._start_empty)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.problem_label)
        layout.addSpacing(6)
        layout.addWidget(self.offer_label)
        layout.addSpacing(6)
        layout.addWidget(kept)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.show_offer(offer)

    def show_offer(self, offer: BackupPreview | None) -> None:
        self.offer = offer
        self.restore_button.setEnabled(offer is not None)
        if offer is None:
            self.offer_label.setText(
                self.tr(
                    "No good backup was found in {folder}. Choose one from another place (a USB stick, a cloud "
                    "folder), or start with an empty shop."
                ).format(folder=html.escape(str(self._backups_dir)))
            )
            self.choose_button.setDefault(True)
            return
        text = self.tr(
            "Newest good backup: <b>{name}</b><br>saved {saved}; {products} products, {orders} orders, {shows} shows"
        )
        self.offer_label.setText(
            text.format(
                name=html.escape(offer.path.name),
                saved=format_local_datetime(offer.modified_at),
                products=format_count(offer.products),
                orders=format_count(offer.orders),
                shows=format_count(offer.shows),
            )
        )
        self.restore_button.setDefault(True)

    @Slot()
    def _restore(self) -> None:
        if self.offer is not None:
            self.chosen.emit(RecoveryChoice(self.offer.path))
            self.accept()

    @Slot()
    def _start_empty(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Start with an empty shop?"),
            self.tr("StreamDesk starts with no products, shows or orders. The damaged file is kept aside."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.chosen.emit(RecoveryChoice(None))
            self.accept()

    @Slot()
    def _choose_backup(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup"),
            str(self._backups_dir if self._backups_dir.is_dir() else Path.home()),
            self.tr("StreamDesk backups (*.streamdesk *.sqlite3);;All files (*)"),
        )
        if chosen:
            self.offer_file(Path(chosen))

    def offer_file(self, path: Path) -> None:
        """Check a backup the seller picked and offer it, or say why it cannot be used."""
        try:
            self.show_offer(preview_backup(path))
        except UserError as error:
            QMessageBox.warning(self, self.tr("This backup cannot be used"), describe(error))
