"""Help → About StreamDesk: the version, where the data lives (with an Open button), licences and fonts.

Licence names of the bundled components are read from their installed metadata (``importlib.metadata``:
License-Expression, else a short License field, else the licence classifiers), so they follow the versions
actually shipped. Imported only when the dialog is opened.
"""

from __future__ import annotations

import html
import importlib.metadata
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Slot, qVersion
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from streamdesk import __version__
from streamdesk.resource_paths import resource_path

APP_LICENCE = "GPL-3.0-or-later"
# (distribution, name shown, licence when a bundle carries no metadata for it): the libraries StreamDesk ships.
# The installed metadata is read first; the last column only keeps the notice in a build that dropped it.
COMPONENTS = (
    ("PySide6-Essentials", "Qt for Python (PySide6)", "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only"),
    ("PySide6-Addons", "Qt for Python add-ons (PySide6)", "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only"),
    ("shiboken6", "Shiboken6", "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only"),
    ("SQLAlchemy", "SQLAlchemy", "MIT"),
    ("sqlmodel", "SQLModel", "MIT"),
    ("pydantic", "pydantic", "MIT"),
    ("pydantic-core", "pydantic-core", "MIT"),
    ("numpy", "NumPy", "BSD-3-Clause"),
    ("pyqtgraph", "PyQtGraph", "MIT"),
    ("openpyxl", "openpyxl", "MIT"),
    ("XlsxWriter", "XlsxWriter", "BSD-2-Clause"),
    ("qrcode", "qrcode", "BSD"),
    ("zxing-cpp", "zxing-cpp", "Apache-2.0"),
    ("Pillow", "Pillow", "MIT-CMU"),
    ("cpca", "cpca", "MIT"),
    ("platformdirs", "platformdirs", "MIT"),
    ("charset-normalizer", "charset-normalizer", "MIT"),
    ("tomli-w", "tomli-w", "MIT"),
    ("tzdata", "tzdata", "Apache-2.0"),
)
QT_LICENCE = "LGPL-3.0-only"  # the Qt libraries themselves, as PySide6 ships them
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
FONT_LICENCE_NAMES = ("OFL", "LICENSE", "LICENCE")


@dataclass(frozen=True, slots=True)
class Notice:
    name: str
    version: str
    licence: str


def licence_of(metadata: Mapping[str, str | list[str]]) -> str:
    """The SPDX expression if given, else a one-line License field, else the names of the licence classifiers.

    ``metadata`` is a distribution's metadata as ``PackageMetadata.json`` gives it (lower-case keys).
    """

    def field(key: str) -> str:
        value = metadata.get(key, "")
        return (value if isinstance(value, str) else "").strip()

    if expression := field("license_expression"):
        return expression
    text = field("license")
    if text and "\n" not in text and len(text) <= 80:
        return text
    classifiers = metadata.get("classifier", [])
    names = [
        entry.split("::")[-1].strip()
        for entry in ([classifiers] if isinstance(classifiers, str) else classifiers)
        if entry.startswith("License ::") and "Other/Proprietary" not in entry
    ]
    return ", ".join(names)


def component_notices() -> list[Notice]:
    """Python, Qt and each component with its version and licence, from its installed metadata.

    A component without metadata (a bundle that did not copy it) keeps its notice with the licence of COMPONENTS
    and no version.
    """
    notices = [
        Notice("Python", sys.version.split()[0], "PSF-2.0"),
        Notice("Qt", qVersion(), QT_LICENCE),
    ]
    for distribution, name, known_licence in COMPONENTS:
        try:
            fields = importlib.metadata.metadata(distribution).json
        except importlib.metadata.PackageNotFoundError:
            notices.append(Notice(name, "", known_licence))
            continue
        version = fields.get("version", "")
        notices.append(Notice(name, version if isinstance(version, str) else "", licence_of(fields) or known_licence))
    return notices


def bundled_font_files() -> list[Path]:
    folder = resource_path("fonts")
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES) if folder.is_dir() else []


def bundled_font_licence() -> str:
    """The first line of the licence file shipped beside the bundled fonts (e.g. "SIL Open Font License…")."""
    folder = resource_path("fonts")
    if not folder.is_dir():
        return ""
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.stem.upper().startswith(FONT_LICENCE_NAMES):
            first = next((line.strip() for line in path.read_text(errors="replace").splitlines() if line.strip()), "")
            return first
    return ""


def open_folder(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class AboutDialog(QDialog):
    """Two tabs: About (version, data locations, fonts) and Licences (one row per bundled component)."""

    def __init__(
        self,
        *,
        database_label: str,
        log_file: Path | None,
        settings_file: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About StreamDesk"))
        database = Path(database_label)
        # the data folder is the database's folder (the user data folder unless --db or the demo chose another)
        self.data_folder = database.parent if database.parent.is_dir() else None
        self.tabs = QTabWidget()
        self.tabs.addTab(self._about_tab(database_label, log_file, settings_file), self.tr("About"))
        self.tabs.addTab(self._licences_tab(), self.tr("Licences"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(720, 520)

    # --- About ------------------------------------------------------------------------------------------------
    def _about_tab(self, database_label: str, log_file: Path | None, settings_file: Path | None) -> QWidget:
        tab = QWidget()
        logo = QLabel()
        logo.setPixmap(QIcon(str(resource_path("icons", "streamdesk.svg"))).pixmap(64, 64))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.summary = QLabel(
            self.tr(
                "<h2>StreamDesk {version}</h2>"
                "<p>Tools for people who sell by live-streaming: catalogue, run of show, orders and review, "
                "all in one file on your computer.</p>"
                "<p>StreamDesk is free software under the {licence} licence.</p>"
            ).format(version=__version__, licence=APP_LICENCE)
        )
        self.summary.setObjectName("aboutSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(logo)
        head.addWidget(self.summary, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.data_folder_label = self._path_label(str(self.data_folder) if self.data_folder else "—")
        self.open_folder_button = QPushButton(self.tr("&Open folder"))
        self.open_folder_button.setObjectName("openDataFolder")
        self.open_folder_button.setToolTip(self.tr("Show the data folder in your file manager"))
        self.open_folder_button.setEnabled(self.data_folder is not None)
        self.open_folder_button.clicked.connect(self.open_data_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_folder_label, 1)
        folder_row.addWidget(self.open_folder_button)
        folder_caption = QLabel(self.tr("Data folder:"))
        folder_caption.setBuddy(self.data_folder_label)
        form.addRow(folder_caption, folder_row)
        self.database_label = self._path_label(database_label)
        form.addRow(self.tr("Database:"), self.database_label)
        self.settings_label = self._path_label(str(settings_file) if settings_file else "—")
        form.addRow(self.tr("Settings:"), self.settings_label)
        self.log_label = self._path_label(str(log_file) if log_file else "—")
        form.addRow(self.tr("Log file:"), self.log_label)
        # below the form: a word-wrapped label in a form row is given too little height
        self.fonts_label = QLabel(self.tr("Fonts:") + " " + self.fonts_text())
        self.fonts_label.setObjectName("aboutFonts")
        self.fonts_label.setWordWrap(True)

        layout = QVBoxLayout(tab)
        layout.addLayout(head)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(4)
        layout.addWidget(self.fonts_label)
        layout.addStretch(1)
        return tab

    def _path_label(self, text: str) -> QLineEdit:
        """A read-only field: a long path scrolls, and it can be selected and copied."""
        field = QLineEdit(text)
        field.setReadOnly(True)
        field.setCursorPosition(0)
        field.setToolTip(text)
        return field

    def fonts_text(self) -> str:
        from streamdesk.core.fonts import cjk_family, latin_family

        latin = latin_family() or self.tr("the system's default font")
        cjk = cjk_family()
        bundled = bundled_font_files()
        if cjk is None:
            chinese = self.tr("none found: install a Chinese font such as Noto Sans CJK to print Chinese")
        elif bundled:
            licence = bundled_font_licence()
            chinese = (
                self.tr("{family} (bundled with StreamDesk, {licence})").format(family=cjk, licence=licence)
                if licence
                else self.tr("{family} (bundled with StreamDesk)").format(family=cjk)
            )
        else:
            chinese = self.tr("{family} (installed on this computer)").format(family=cjk)
        return self.tr("Latin: {latin}. Chinese: {chinese}.").format(latin=latin, chinese=chinese)

    @Slot()
    def open_data_folder(self) -> None:
        if self.data_folder is not None:
            open_folder(self.data_folder)

    # --- Licences ---------------------------------------------------------------------------------------------
    def _licences_tab(self) -> QWidget:
        tab = QWidget()
        intro = QLabel(
            self.tr(
                "StreamDesk is built with these components. Qt and PySide6 are used under the LGPL version 3: "
                "you may replace these libraries in the installed folder with your own build."
            )
        )
        intro.setWordWrap(True)
        self.notices = component_notices()
        self.licences = QTableWidget(len(self.notices), 3)
        self.licences.setObjectName("licenceTable")
        self.licences.setAccessibleName(self.tr("Components and their licences"))
        self.licences.setHorizontalHeaderLabels([self.tr("Component"), self.tr("Version"), self.tr("Licence")])
        self.licences.verticalHeader().hide()
        self.licences.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.licences.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.licences.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.licences.setWordWrap(False)
        for row, notice in enumerate(self.notices):
            for column, text in enumerate((notice.name, notice.version, notice.licence)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.licences.setItem(row, column, item)
        header = self.licences.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        layout.addWidget(self.licences, 1)
        return tab

    def text(self) -> str:
        """Everything the About tab says, as plain text (for tests and a copy to a support message)."""
        parts = [self.summary.text(), self.data_folder_label.text(), self.database_label.text()]
        parts += [self.settings_label.text(), self.log_label.text(), self.fonts_label.text()]
        return html.unescape("\n".join(parts))
