"""The setup wizard shown on the first start (and from File → Run the setup wizard again…).

Pages: language and currency, the business (name and ship-from address), the platforms sold on, then how to start:
import the catalogue, explore a demo shop (a second StreamDesk started with ``--demo``) or start empty. Finishing
saves settings.toml with ``first_run_done``; cancelling saves only that flag, so the wizard does not come back.
"""

from __future__ import annotations

import logging
import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from streamdesk.config import Settings, save_settings
from streamdesk.ui.errors import ErrorDialog
from streamdesk.ui.relaunch import own_command, start_own
from streamdesk.ui.settings_dialog import PLATFORM_KEYS, currency_box, language_box, platform_name

if TYPE_CHECKING:
    from streamdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

CURRENCY_PATTERN = re.compile(r"^[A-Z]{3}$")


class StartChoice(StrEnum):
    IMPORT = "import"
    DEMO = "demo"
    EMPTY = "empty"


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setEnabled(False)  # the palette's dimmed text: a hint, not a warning
    return label


class LanguagePage(QWizardPage):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to StreamDesk"))
        self.setSubTitle(
            self.tr("A few questions so that StreamDesk fits your shop. You can change every answer later in Settings.")
        )
        self.language = language_box(settings)
        self.currency = currency_box(settings)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout(self)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("&Currency:"), self.currency)
        form.addRow("", self.problem)
        form.addRow("", _hint(self.tr("A new language is used from the next time you start StreamDesk.")))
        self.currency.currentTextChanged.connect(lambda _text: self.problem.hide())

    def currency_code(self) -> str:
        return self.currency.currentText().strip().upper()

    def validatePage(self) -> bool:
        if CURRENCY_PATTERN.match(self.currency_code()):
            return True
        self.problem.setText(self.tr("The currency must be a three-letter code such as CNY or USD."))
        self.problem.show()
        self.currency.setFocus()
        return False


class BusinessPage(QWizardPage):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your business"))
        self.setSubTitle(self.tr("Used on posters, packing slips and courier labels. Both may stay empty for now."))
        self.business_name = QLineEdit(settings.business_name)
        self.business_name.setPlaceholderText(self.tr("Shown on posters and packing slips"))
        self.ship_from = QPlainTextEdit(settings.ship_from_address)
        self.ship_from.setPlaceholderText(self.tr("Name, phone and full address for courier labels"))
        self.ship_from.setTabChangesFocus(True)
        self.ship_from.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form = QFormLayout()
        form.addRow(self.tr("&Business name:"), self.business_name)
        form.addRow(self.tr("&Ship-from address:"), self.ship_from)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)  # the rows at the top, as on the other pages


class PlatformsPage(QWizardPage):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Platforms you sell on"))
        self.setSubTitle(self.tr("New shows and imports start with these platforms."))
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        for index, key in enumerate(PLATFORM_KEYS):
            box = QCheckBox(platform_name(key))
            box.setChecked(key in settings.default_platforms)
            self.boxes[key] = box
            grid.addWidget(box, index // 2, index % 2)
        grid.setRowStretch(len(PLATFORM_KEYS), 1)

    def chosen(self) -> tuple[str, ...]:
        return tuple(key for key, box in self.boxes.items() if box.isChecked())


class StartPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("How would you like to start?"))
        self.setSubTitle(self.tr("You can run this wizard again from the File menu."))
        self.choices = QButtonGroup(self)
        layout = QVBoxLayout(self)
        self.buttons: dict[StartChoice, QRadioButton] = {}
        style = self.style()
        indent = style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + style.pixelMetric(
            QStyle.PixelMetric.PM_RadioButtonLabelSpacing
        )
        for choice, text, hint in (
            (
                StartChoice.IMPORT,
                self.tr("&Import my catalogue"),
                self.tr("Opens the catalogue import: a spreadsheet or CSV file of your products."),
            ),
            (
                StartChoice.DEMO,
                self.tr("&Explore with demo data"),
                self.tr("Opens a second window on a made-up shop. Nothing you do there touches your own data."),
            ),
            (
                StartChoice.EMPTY,
                self.tr("&Start empty"),
                self.tr("Add products and plan your first show yourself."),
            ),
        ):
            button = QRadioButton(text)
            self.choices.addButton(button)
            self.buttons[choice] = button
            explanation = _hint(hint)
            explanation.setIndent(indent)  # under the button's text, not its circle
            layout.addWidget(button)
            layout.addWidget(explanation)
        self.buttons[StartChoice.IMPORT].setChecked(True)
        layout.addStretch(1)

    def chosen(self) -> StartChoice:
        return next(choice for choice, button in self.buttons.items() if button.isChecked())


class FirstRunWizard(QWizard):
    settings_saved = Signal(object)  # the new Settings
    start_chosen = Signal(str)  # a StartChoice value, after the settings are saved

    def __init__(self, settings: Settings, settings_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set up StreamDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # the same look on every system
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setMinimumWidth(560)
        self._settings = settings
        self._settings_file = settings_file
        self.refusal: ErrorDialog | None = None
        self.language_page = LanguagePage(settings)
        self.business_page = BusinessPage(settings)
        self.platforms_page = PlatformsPage(settings)
        self.start_page = StartPage()
        for page in (self.language_page, self.business_page, self.platforms_page, self.start_page):
            self.addPage(page)

    def chosen(self) -> Settings:
        """The settings as the pages show them, marked as set up (an invalid currency raises ValueError)."""
        values = {
            "language": self.language_page.language.currentData(),
            "currency": self.language_page.currency_code(),
            "business_name": self.business_page.business_name.text().strip(),
            "ship_from_address": self.business_page.ship_from.toPlainText().strip(),
            "default_platforms": self.platforms_page.chosen(),
            "first_run_done": True,
        }
        return Settings.model_validate({**self._settings.model_dump(), **values})

    @Slot()
    def accept(self) -> None:
        chosen = self.chosen()
        if not self._save(chosen):
            return
        self.settings_saved.emit(chosen)
        super().accept()
        self.start_chosen.emit(self.start_page.chosen().value)

    @Slot()
    def reject(self) -> None:
        """Closing the wizard keeps the settings as they were but remembers it was shown."""
        if not self._settings.first_run_done:
            done = self._settings.model_copy(update={"first_run_done": True})
            if self._save(done, quiet=True):
                self.settings_saved.emit(done)
        super().reject()

    def _save(self, settings: Settings, *, quiet: bool = False) -> bool:
        try:
            save_settings(settings, self._settings_file)
        except OSError as error:
            log.warning("could not save settings to %s: %s", self._settings_file, error)
            if not quiet:
                message = self.tr("The settings could not be saved to {path}: {reason}.")
                self.refusal = ErrorDialog(
                    self.tr("Settings not saved"),
                    message.format(path=self._settings_file, reason=error.strerror or error),
                    parent=self,
                )
                self.refusal.open()
            return False
        log.info("first-run settings saved to %s", self._settings_file)
        self._settings = settings
        return True


def demo_command() -> tuple[str, list[str]]:
    """The program and arguments that start StreamDesk on the demo shop."""
    return own_command(["--demo"])


def open_demo() -> bool:
    """Start a second StreamDesk on the demo shop, as ``streamdesk --demo`` does; False if it could not start."""
    return start_own(["--demo"])


def follow_start(window: MainWindow, choice: str) -> None:
    """Carry out the wizard's last answer in the main window."""
    if choice == StartChoice.IMPORT:
        page = window.show_page("catalogue")
        actions = getattr(page, "catalogue_actions", None)
        if actions is not None:
            actions.import_products.trigger()
    elif choice == StartChoice.DEMO and not open_demo():
        message = QCoreApplication.translate("FirstRunWizard", "The demo shop could not be started.")
        window.statusBar().showMessage(message, 10_000)
