"""Which language the interface uses, and the translators that make it so.

The language comes from ``--lang``, else settings.toml (whose default follows the system locale). Changing it in
Settings takes effect at the next start: every page builds its texts once, so a restart is the honest way.
``STREAMDESK_LENGTHENED=1`` shows every text accented and about 40 % longer (``LengthenedTranslator``), to see
which labels a longer language would clip; the layout tests (tests/ui/test_lengthened_*.py) use the same translator.
"""

from __future__ import annotations

import logging
import os
import re

from PySide6.QtCore import QCoreApplication, QTranslator

from streamdesk.config import Language, Settings
from streamdesk.translations import install_translators

log = logging.getLogger(__name__)

# Each language is named in itself, so someone who cannot read the current one still finds theirs.
LANGUAGE_NAMES: dict[Language, str] = {"zh_CN": "中文（简体）", "en": "English"}
LENGTHENED_ENV = "STREAMDESK_LENGTHENED"


def choose_language(cli_language: str | None, settings: Settings) -> Language:
    if cli_language in LANGUAGE_NAMES:
        return cli_language
    return settings.language


_ACCENTED = str.maketrans("aceinosuyzACEINOSUYZ", "áçéîñöšûýžÁÇÉÎÑÖŠÛÝŽ")
# kept verbatim: {fields}, %n %1 %L1, HTML tags and entities, a mnemonic's "&x" and a literal "&&"
_KEEP = re.compile(r"\{[^{}]*\}|%L?\d+|%n|<[^<>]*>|&[a-zA-Z]+;|&#\d+;|&&|&(?=\S)")
_GROWTH = 0.4
_PAD_WORD = 5  # padding comes in short words, as a real translation would: a wrapped label can break it


def lengthen(text: str) -> str:
    """``text`` accented and about 40 % longer, line by line; the parts code relies on are kept."""
    lines = []
    for line in text.split("\n"):
        if not line.strip():
            lines.append(line)
            continue
        pieces: list[str] = []
        end = 0
        for match in _KEEP.finditer(line):
            pieces.append(line[end : match.start()].translate(_ACCENTED))
            pieces.append(match.group())
            end = match.end()
        pieces.append(line[end:].translate(_ACCENTED))
        extra = max(2, round(len(_KEEP.sub("", line)) * _GROWTH))  # characters added, the spaces included
        words = ["ŵ" * _PAD_WORD] * (extra // (_PAD_WORD + 1)) + ["ŵ" * max(1, extra % (_PAD_WORD + 1) - 1)]
        lines.append("".join(pieces) + "".join(" " + word for word in words))
    return "\n".join(lines)


class LengthenedTranslator(QTranslator):
    """Every StreamDesk text lengthened (accents and padding, its {fields}, %n, markup and & mnemonics intact), to
    check layouts for a language about 40 % longer than English. Installed last, it is asked first; Qt's own
    contexts (QShortcut, QPlatformTheme…) stay as they are."""

    def isEmpty(self) -> bool:
        return False

    def translate(self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1) -> str:
        if not source_text or context.startswith("Q"):
            return source_text
        return lengthen(source_text)


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install StreamDesk's and Qt's translators; the caller keeps the returned list alive."""
    translators = install_translators(app, language)
    if os.environ.get(LENGTHENED_ENV) == "1":
        lengthened = LengthenedTranslator(app)
        app.installTranslator(lengthened)
        translators.append(lengthened)
    log.info("interface language %s (%d translators)", language, len(translators))
    return translators


def remove(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
    translators.clear()
