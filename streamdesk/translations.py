"""Loading the app's and Qt's translators (QtCore only, so the CLI can use it without widgets)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from streamdesk.resource_paths import resource_path

log = logging.getLogger(__name__)


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install StreamDesk's and qtbase's translators for ``language`` ("zh_CN" or "en").

    The returned translators must be kept alive by the caller for as long as they are installed.
    """
    QLocale.setDefault(QLocale(language))
    installed: list[QTranslator] = []
    if language == "en":  # English is the source language; its .qm only holds plural forms ("1 product")
        plurals = QTranslator(app)
        if plurals.load("streamdesk_en", str(resource_path("translations"))):
            app.installTranslator(plurals)
            installed.append(plurals)
        return installed
    ours = QTranslator(app)
    if ours.load(f"streamdesk_{language}", str(resource_path("translations"))):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no StreamDesk translation for %s", language)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
