"""File → Settings…: the choices a seller makes once, written to settings.toml."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRegularExpression, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from streamdesk.config import Settings, save_settings
from streamdesk.ui.errors import ErrorDialog
from streamdesk.ui.i18n import LANGUAGE_NAMES

log = logging.getLogger(__name__)

# Stored keys; the names shown are the platforms' own (translated where they have a local name).
PLATFORM_KEYS = ("douyin", "kuaishou", "channels", "taobao", "tiktok_shop", "whatnot", "shopify")
COMMON_CURRENCIES = ("CNY", "HKD", "TWD", "USD", "EUR", "GBP", "JPY", "SGD", "MYR", "THB", "VND", "IDR", "PHP")


class SettingsDialog(QDialog):
    settings_saved = Signal(object)  # the new Settings

    def __init__(self, settings: Settings, settings_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        self._settings = settings
        self._settings_file = settings_file
        self.refusal: ErrorDialog | None = None  # the open "not saved" box, if any

        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(COMMON_CURRENCIES)
        self.currency.setValidator(QRegularExpressionValidator(QRegularExpression("[A-Za-z]{0,3}"), self))
        self.currency.setCurrentText(settings.currency)
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

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(platforms)
        layout.addWidget(buttons)

    def platform_name(self, key: str) -> str:
        names = {
            "douyin": self.tr("Douyin"),
            "kuaishou": self.tr("Kuaishou"),
            "channels": self.tr("WeChat Channels"),
            "taobao": self.tr("Taobao"),
            "tiktok_shop": self.tr("TikTok Shop"),
            "whatnot": "Whatnot",
            "shopify": "Shopify",
        }
        return names[key]

    def chosen(self) -> Settings:
        """The settings as the form shows them (validated: an invalid currency raises ValueError)."""
        values = {
            "language": self.language.currentData(),
            "currency": self.currency.currentText().strip().upper(),
            "business_name": self.business_name.text().strip(),
            "ship_from_address": self.ship_from.toPlainText().strip(),
            "default_platforms": tuple(key for key, box in self.platform_boxes.items() if box.isChecked()),
        }
        return Settings.model_validate({**self._settings.model_dump(), **values})

    @Slot()
    def accept(self) -> None:
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
        self._settings = chosen
        self.settings_saved.emit(chosen)
        super().accept()

    def _refuse(self, message: str) -> None:
        self.refusal = ErrorDialog(self.tr("Settings not saved"), message, parent=self)
        self.refusal.open()
