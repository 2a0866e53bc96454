"""File → Settings…: the choices a seller makes once, written to settings.toml."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from streamdesk.config import Settings, save_settings
from streamdesk.ui.errors import ErrorDialog
from streamdesk.ui.i18n import LANGUAGE_NAMES
from streamdesk.ui.settings_preflight import PreflightSettingsBox
from streamdesk.ui.settings_review import ReviewSettingsBox
from streamdesk.ui.settings_team import TeamDatabaseBox, offer_restart
from streamdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from streamdesk.ui.cues import CuePlayer

log = logging.getLogger(__name__)

# Stored keys; the names shown are the platforms' own (translated where they have a local name).
PLATFORM_KEYS = ("douyin", "kuaishou", "channels", "taobao", "tiktok_shop", "whatnot", "shopify")
COMMON_CURRENCIES = ("CNY", "HKD", "TWD", "USD", "EUR", "GBP", "JPY", "SGD", "MYR", "THB", "VND", "IDR", "PHP")


def language_box(settings: Settings) -> QComboBox:
    """The interface languages, the current one chosen (Settings dialog and first-run wizard)."""
    box = QComboBox()
    for code, name in LANGUAGE_NAMES.items():
        box.addItem(name, code)
    box.setCurrentIndex(max(0, box.findData(settings.language)))
    return box


def currency_box(settings: Settings) -> QComboBox:
    """An editable list of common currencies that takes any three letters (checked again when saving)."""
    box = QComboBox()
    box.setEditable(True)
    box.addItems(COMMON_CURRENCIES)
    box.setValidator(QRegularExpressionValidator(QRegularExpression("[A-Za-z]{0,3}"), box))
    box.setCurrentText(settings.currency)
    return box


def platform_name(key: str) -> str:
    """The name shown for a stored platform key (the settings dialog's and the first-run wizard's)."""
    names = {
        "douyin": QCoreApplication.translate("SettingsDialog", "Douyin"),
        "kuaishou": QCoreApplication.translate("SettingsDialog", "Kuaishou"),
        "channels": QCoreApplication.translate("SettingsDialog", "WeChat Channels"),
        "taobao": QCoreApplication.translate("SettingsDialog", "Taobao"),
        "tiktok_shop": QCoreApplication.translate("SettingsDialog", "TikTok Shop"),
        "whatnot": "Whatnot",
        "shopify": "Shopify",
    }
    return names[key]


class SettingsDialog(QDialog):
    settings_saved = Signal(object)  # the new Settings

    def __init__(
        self, settings: Settings, settings_file: Path, parent: QWidget | None = None, runner: TaskRunner | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        self._settings = settings
        self._settings_file = settings_file
        self.refusal: ErrorDialog | None = None  # the open "not saved" box, if any
        self.restart_offer: QMessageBox | None = None  # "Restart now?" after a new database was saved

        self.language = language_box(settings)
        self.currency = currency_box(settings)
        self.business_name = QLineEdit(settings.business_name)
        self.business_name.setPlaceholderText(self.tr("Shown on posters and packing slips"))
        self.ship_from = QPlainTextEdit(settings.ship_from_address)
        self.ship_from.setPlaceholderText(self.tr("Name, phone and full address for courier labels"))
        self.ship_from.setTabChangesFocus(True)
        self.ship_from.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        restart_note = QLabel(self.tr("A new language or currency is used from the next time you start StreamDesk."))
        restart_note.setWordWrap(True)
        restart_note.setEnabled(False)  # the palette's dimmed text: a hint, not a warning

        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("&Currency:"), self.currency)
        form.addRow("", restart_note)
        form.addRow(self.tr("&Business name:"), self.business_name)
        form.addRow(self.tr("&Ship-from address:"), self.ship_from)

        self.platform_boxes: dict[str, QCheckBox] = {}
        platforms = QGroupBox(self.tr("Platforms you sell on"))
        grid = QGridLayout(platforms)
        for index, key in enumerate(PLATFORM_KEYS):
            box = QCheckBox(self.platform_name(key))
            box.setChecked(key in settings.default_platforms)
            self.platform_boxes[key] = box
            grid.addWidget(box, index // 3, index % 3)

        cues = QGroupBox(self.tr("Live show sounds"))
        self.cue_volume = QSlider(Qt.Orientation.Horizontal)
        self.cue_volume.setRange(0, 100)
        self.cue_volume.setValue(round(settings.cue_volume * 100))
        self.cue_volume_label = QLabel()
        self.cue_volume.valueChanged.connect(self._show_cue_volume)
        self._show_cue_volume(self.cue_volume.value())
        self.cues_muted = QCheckBox(self.tr("&Mute the timer's sounds"))
        self.cues_muted.setChecked(settings.cues_muted)
        self.cues_muted.toggled.connect(lambda muted: self.cue_volume.setEnabled(not muted))
        self.cue_volume.setEnabled(not settings.cues_muted)
        try_cue = QPushButton(self.tr("&Play the warning sound"))
        try_cue.clicked.connect(self.play_cue)
        self._cue_player: CuePlayer | None = None
        cue_row = QHBoxLayout()
        cue_row.addWidget(self.cue_volume, 1)
        cue_row.addWidget(self.cue_volume_label)
        cue_row.addWidget(try_cue)
        cue_form = QFormLayout(cues)
        volume_label = QLabel(self.tr("&Volume:"))
        volume_label.setBuddy(self.cue_volume)  # the row's field is a layout: the mnemonic needs its buddy named
        cue_form.addRow(volume_label, cue_row)
        cue_form.addRow("", self.cues_muted)
        cue_note = QLabel(
            self.tr(
                "Sounds play when a segment reaches its warning and danger times, when it runs over, "
                "and when a flash sale ends."
            )
        )
        cue_note.setWordWrap(True)
        cue_note.setEnabled(False)
        cue_form.addRow("", cue_note)

        self.preflight = PreflightSettingsBox(settings.preflight, self)
        self.review = ReviewSettingsBox(settings.review, settings.currency, self)
        # the team box's "Test connection" runs on the app's runner (a dialog opened alone gets one of its own)
        self.team = TeamDatabaseBox(settings.database_url, runner or TaskRunner(parent=self), self)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # two columns: the shop and the show on the left, the checks before and the review after on the right
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addLayout(form)
        left.addWidget(platforms)
        left.addWidget(cues)
        left.addStretch(1)
        right.addWidget(self.preflight)
        right.addWidget(self.review)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.team)  # full width below both columns: its fields sit side by side
        layout.addWidget(buttons)
        # Tab reads the left column, then the right one, the team box below them, then Save and Cancel
        save, cancel = (
            buttons.button(QDialogButtonBox.StandardButton.Save),
            buttons.button(QDialogButtonBox.StandardButton.Cancel),
        )
        QWidget.setTabOrder(self.review.moving_average, self.team.keeping)
        QWidget.setTabOrder(self.team.last_tab_stop, save)
        QWidget.setTabOrder(save, cancel)
        self.resize(self.sizeHint().expandedTo(self.minimumSize()))  # all rows at their height from the start

    def platform_name(self, key: str) -> str:
        return platform_name(key)

    def chosen(self) -> Settings:
        """The settings as the form shows them (validated: an invalid currency raises ValueError)."""
        values = {
            "language": self.language.currentData(),
            "currency": self.currency.currentText().strip().upper(),
            "business_name": self.business_name.text().strip(),
            "ship_from_address": self.ship_from.toPlainText().strip(),
            "default_platforms": tuple(key for key, box in self.platform_boxes.items() if box.isChecked()),
            "cue_volume": self.cue_volume.value() / 100,
            "cues_muted": self.cues_muted.isChecked(),
            "preflight": self.preflight.chosen(self._settings.preflight),
            "review": self.review.chosen(self._settings.review),
            "database_url": self.team.chosen_url(self._settings.database_url),
        }
        return Settings.model_validate({**self._settings.model_dump(), **values})

    @Slot(int)
    def _show_cue_volume(self, value: int) -> None:
        self.cue_volume_label.setText(self.tr("{percent} %").format(percent=value))

    @Slot()
    def play_cue(self) -> None:
        """Let the seller hear the warning cue at the chosen volume (even when muted: they asked for it)."""
        from streamdesk.ui.cues import Cue, CuePlayer  # QtMultimedia only when someone presses the button

        if self._cue_player is None:
            self._cue_player = CuePlayer(parent=self)
        self._cue_player.set_volume(self.cue_volume.value() / 100)
        self._cue_player.play(Cue.WARNING)

    @Slot()
    def accept(self) -> None:
        problem = self.preflight.problem() or self.review.problem() or self.team.problem()
        if problem:
            self._refuse(problem)
            return
        try:
            chosen = self.chosen()
        except ValueError:
            self._refuse(self.tr("The currency must be a three-letter code such as CNY or USD."))
            self.currency.setFocus()
            return
        try:
            save_settings(chosen, self._settings_file)
        except OSError as error:
            log.warning("could not save settings to %s: %s", self._settings_file, error)
            self._refuse(
                self.tr("The settings could not be saved to {path}: {reason}. Nothing was changed.").format(
                    path=self._settings_file, reason=error.strerror or error
                )
            )
            return
        log.info("settings saved to %s", self._settings_file)
        before, self._settings = self._settings, chosen
        self.settings_saved.emit(chosen)
        super().accept()
        if chosen.database_url != before.database_url:  # over the main window: this dialog is deleted on close
            self.restart_offer = offer_restart(before.database_url, chosen.database_url, self.parentWidget())

    def _refuse(self, message: str) -> None:
        self.refusal = ErrorDialog(self.tr("Settings not saved"), message, parent=self)
        self.refusal.open()
