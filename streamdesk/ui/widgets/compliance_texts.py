"""Words and colours of the claim-compliance checker on screen: a category's name and colour, the place a hit is in
(a segment's talking points, a product's FAQ), and a hit explained (the words, why, what to say instead).

QtCore/QtGui only, so the editors' underlines, the line edits' warning lines and the pre-flight item say the same.
The reasons and suggestions come from the word lists as written there (the Chinese list explains in Chinese, the
English one in English): they are data a seller can edit, not interface text.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from streamdesk.core.compliance import USER_FILE_NAME, Hit, WordList, cached_word_list

log = logging.getLogger(__name__)

# One colour per category, dark enough for a wavy underline on white and for text on the warning line.
CATEGORY_COLOURS = {
    "superlative": QColor("#c62828"),
    "medical": QColor("#6a1b9a"),
    "price": QColor("#e65100"),
    "scarcity": QColor("#1565c0"),
    "platform": QColor("#00695c"),
}
OTHER_COLOUR = QColor("#8d5a00")  # a seller's own category in compliance.tsv

WordSource = Callable[[], WordList]


def user_words_file(data_dir: Path | None = None) -> Path:
    """compliance.tsv in the data folder (the same file ``streamdesk lint`` reads)."""
    if data_dir is None:
        from streamdesk.config import AppPaths

        data_dir = AppPaths.default().data_dir
    return data_dir / USER_FILE_NAME


def user_words(data_dir: Path | None = None) -> WordSource:
    """A word source: the shipped lists with the seller's compliance.tsv merged in, read again when the file
    changes (cached_word_list compares its modification time, so an edit shows at the next keystroke)."""
    path = user_words_file(data_dir)

    def words() -> WordList:
        try:
            return cached_word_list(path)
        except (OSError, UnicodeDecodeError) as error:  # a user file saved as GBK, or unreadable: warn, go on
            log.warning("compliance: %s cannot be read (%s); the shipped word lists are used", path, error)
            return cached_word_list(None)

    return words


def category_colour(category: str) -> QColor:
    return CATEGORY_COLOURS.get(category, OTHER_COLOUR)


def category_name(category: str) -> str:
    names = {
        "superlative": QCoreApplication.translate("ComplianceTexts", "Absolute or superlative claim"),
        "medical": QCoreApplication.translate("ComplianceTexts", "Medical or efficacy claim"),
        "price": QCoreApplication.translate("ComplianceTexts", "Price claim"),
        "scarcity": QCoreApplication.translate("ComplianceTexts", "Invented scarcity or urgency"),
        "platform": QCoreApplication.translate("ComplianceTexts", "Platform-sensitive wording"),
    }
    return names.get(category, category)


def field_name(field: str) -> str:
    """A checked text's name, as compliance_scan.PlaceHit.field gives it."""
    names = {
        "notes": QCoreApplication.translate("ComplianceTexts", "notes"),
        "talking_points": QCoreApplication.translate("ComplianceTexts", "talking points"),
        "promotion_cue": QCoreApplication.translate("ComplianceTexts", "promotion cue"),
        "selling_points": QCoreApplication.translate("ComplianceTexts", "selling points"),
        "faq": QCoreApplication.translate("ComplianceTexts", "FAQ"),
        "description": QCoreApplication.translate("ComplianceTexts", "description"),
    }
    return names.get(field, field.replace("_", " "))


def place_text(place: str, title: str, field: str, line: int) -> str:
    """Where a hit is: "Segment “Opening”, talking points, line 2"."""
    if place == "show":
        template = QCoreApplication.translate("ComplianceTexts", "The show's {field}, line {line}")
    elif place == "product":
        template = QCoreApplication.translate("ComplianceTexts", "Product “{title}”, {field}, line {line}")
    else:
        template = QCoreApplication.translate("ComplianceTexts", "Segment “{title}”, {field}, line {line}")
    return template.format(title=title, field=field_name(field), line=line)


def written_words(text: str, hit: Hit) -> str:
    """The words as the seller wrote them, with the listed term after them when they differ (最 好 → 最好)."""
    return quoted_words(text[hit.start : hit.end], hit.term)


def quoted_words(written: str, term: str) -> str:
    """“最 好” (最好); just “Cures” when only the letter case differs from the term (cures)."""
    if written.casefold() == term.casefold():
        return f"“{written}”"
    return QCoreApplication.translate("ComplianceTexts", "“{written}” ({term})").format(written=written, term=term)


def hit_sentence(words: str, hit: Hit) -> str:
    """One line for a warning line or a list: the words, the category, the reason and the safer wording."""
    template = QCoreApplication.translate("ComplianceTexts", "{words} · {category}: {reason} Instead: {suggestion}")
    if not hit.suggestion:
        template = QCoreApplication.translate("ComplianceTexts", "{words} · {category}: {reason}")
    return template.format(
        words=words, category=category_name(hit.category), reason=_sentence(hit.reason), suggestion=hit.suggestion
    )


def hit_tooltip(words: str, hit: Hit) -> str:
    """The rich-text tooltip of an underlined hit."""
    colour = category_colour(hit.category).name()
    lines = [
        f"<b>{html.escape(words)}</b> · <span style='color:{colour}'>{html.escape(category_name(hit.category))}</span>",
        html.escape(_sentence(hit.reason)),
    ]
    if hit.suggestion:
        lines.append(
            html.escape(QCoreApplication.translate("ComplianceTexts", "Instead: {suggestion}")).format(
                suggestion=f"<b>{html.escape(hit.suggestion)}</b>"
            )
        )
    lines.append(
        "<span style='color:#616161'>"
        + html.escape(QCoreApplication.translate("ComplianceTexts", "A warning only: you can still save."))
        + "</span>"
    )
    return "<br>".join(lines)


def _sentence(reason: str) -> str:
    """The reason as a sentence: word lists may leave off the full stop."""
    reason = reason.strip()
    if not reason or reason[-1] in ".。!！?？":
        return reason
    return reason + ("。" if any("\u4e00" <= char <= "\u9fff" for char in reason) else ".")
