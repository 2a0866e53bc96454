"""The dialog for an opened backup file (a double-clicked ``.streamdesk``, File → Restore from a backup…): what the
backup holds, then "Restore it" (replace the data in use; the current file is kept in the backups folder and
StreamDesk restarts on the restored data) or "Open a copy" (look around in a second window; nothing is kept).

Opening a backup never restores it by itself: a seller who double-clicks last month's copy to look something up
must not lose this month's orders.
"""

from __future__ import annotations

import html
from enum import StrEnum

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from streamdesk.core.backup_preview import BackupPreview
from streamdesk.ui.formatting import MUTED_STYLE, format_count, format_local_datetime


class BackupChoice(StrEnum):
    RESTORE = "restore"
    OPEN_COPY = "open_copy"


class BackupOpenDialog(QDialog):
    chosen = Signal(str)  # a BackupChoice

    def __init__(self, preview: BackupPreview, database_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Open a backup"))
        self.setObjectName("backupOpenDialog")

        self.heading = heading = QLabel(self.tr("Backup <b>{name}</b>").format(name=html.escape(preview.path.name)))
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        self.folder_label = folder = QLabel(str(preview.path.parent))
        folder.setObjectName("backupFolder")
        folder.setStyleSheet(MUTED_STYLE)  # where it is: secondary to what it holds
        folder.setWordWrap(True)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        facts = QFormLayout()
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.saved_label = QLabel(format_local_datetime(preview.modified_at))
        last = preview.last_change_at
        self.last_change_label = QLabel(format_local_datetime(last) if last is not None else self.tr("nothing yet"))
        self.products_label = QLabel(format_count(preview.products))
        self.orders_label = QLabel(format_count(preview.orders))
        self.shows_label = QLabel(format_count(preview.shows))
        facts.addRow(self.tr("File saved:"), self.saved_label)
        facts.addRow(self.tr("Latest change in it:"), self.last_change_label)
        facts.addRow(self.tr("Products:"), self.products_label)
        facts.addRow(self.tr("Orders:"), self.orders_label)
        facts.addRow(self.tr("Shows:"), self.shows_label)
        facts.addRow(self.tr("Size:"), QLabel(QLocale().formattedDataSize(preview.size_bytes)))

        explanation = QLabel(
            self.tr(
                "Restoring replaces the data StreamDesk uses now ({database}) with this backup. The data in use is "
                "kept in the backups folder first, so you can go back. StreamDesk restarts on the restored data."
            ).format(database=database_label)
        )
        explanation.setWordWrap(True)
        explanation.setObjectName("restoreExplanation")
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(folder)
        layout.addSpacing(8)
        layout.addLayout(facts)
        layout.addSpacing(8)
        if preview.older_version:
            self.upgrade_note = QLabel(
                self.tr(
                    "An earlier StreamDesk made this backup: it is upgraded when it is opened "
                    "(the file itself is not changed)."
                )
            )
            self.upgrade_note.setWordWrap(True)
            layout.addWidget(self.upgrade_note)
        layout.addWidget(explanation)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton(self.tr("&Restore this backup"))
        self.restore_button.setAutoDefault(False)
        self.restore_button.setToolTip(self.tr("Replace the data in use with this backup and restart StreamDesk"))
        self.copy_button = QPushButton(self.tr("&Open a copy to look around"))
        self.copy_button.setToolTip(self.tr("A second window on a copy of this backup; changes there are not kept"))
        self.copy_button.setDefault(True)  # the harmless choice is the one Enter takes
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.clicked.connect(lambda: self._choose(BackupChoice.RESTORE))
        self.copy_button.clicked.connect(lambda: self._choose(BackupChoice.OPEN_COPY))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    @Slot()
    def _choose(self, choice: BackupChoice) -> None:
        self.chosen.emit(str(choice))
        self.accept()
