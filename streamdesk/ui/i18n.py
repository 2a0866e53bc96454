"""Which language the interface uses, and the translators that make it so.

The language comes from ``--lang``, else settings.toml (whose default follows the system locale). Changing it in
Settings takes effect at the next start: every page builds its texts once, so a restart is the honest way.
``STREAMDESK_PSEUDO=stretch`` replaces every text by a longer version of itself, to find labels that clip.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QTranslator

from streamdesk.config import Language, Settings
from streamdesk.translations import install_translators

log = logging.getLogger(__name__)

# Each language is named in itself, so someone who cannot read the current one still finds theirs.
LANGUAGE_NAMES: dict[Language, str] = {"zh_CN": "中文（简体）", "en": "English"}
PSEUDO_ENV = "STREAMDESK_PSEUDO"


def choose_language(cli_language: str | None, settings: Settings) -> Language:
    if cli_language in LANGUAGE_NAMES:
        return cli_language
    return settings.language


class StretchTranslator(QTranslator):
    """A stretched "translation" for layout checks: each text grows by about 40 % and is bracketed; its {fields}
    stay as they are, so formatting still works."""

    def isEmpty(self) -> bool:
        return False

    def translate(self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1) -> str:
        if not source_text:
            return source_text
        return "[" + source_text + " " + "~" * max(2, len(source_text) * 2 // 5) + "]"


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install StreamDesk's and Qt's translators; the caller keeps the returned list alive."""
    translators = install_translators(app, language)
    if os.environ.get(PSEUDO_ENV) == "stretch":
        stretch = StretchTranslator(app)
        app.installTranslator(stretch)
        translators.append(stretch)
    log.info("interface language %s (%d translators)", language, len(translators))
    return translators


def remove(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
    translators.clear()
