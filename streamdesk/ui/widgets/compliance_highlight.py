"""Risky claims underlined as the seller types: a QSyntaxHighlighter that runs the compliance checker on each
paragraph (block) of a QPlainTextEdit or QTextEdit and draws a wavy underline in the hit's category colour, and the
tooltip that explains the hit under the mouse (the words, the category, the reason, the safer wording).

Checking per block keeps typing cheap: Qt re-highlights only the paragraph that changed (and the ones after it
while their state changes, which this highlighter never sets). A hit never blocks anything: the text, its undo and
its saving are untouched; only the character formats Qt draws on top change.

Offsets: the checker counts Python characters, Qt counts UTF-16 units, so an emoji before a hit (😀 is two units)
would shift the underline; ``utf16_offset`` converts.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QHelpEvent, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from streamdesk.core.compliance import Hit, check, product_kind
from streamdesk.ui.widgets.compliance_texts import WordSource, category_colour, hit_tooltip, user_words, written_words

TextEditor = QPlainTextEdit | QTextEdit


def utf16_offset(text: str, index: int) -> int:
    """The UTF-16 position (what Qt counts) of the Python index ``index`` in ``text``."""
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def python_index(text: str, offset: int) -> int:
    """The Python index of the UTF-16 position ``offset`` in ``text`` (the inverse of utf16_offset)."""
    units = 0
    for index, char in enumerate(text):
        if units >= offset:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def hit_format(category: str) -> QTextCharFormat:
    underline = QTextCharFormat()
    underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    underline.setUnderlineColor(category_colour(category))
    return underline


class ComplianceHighlighter(QSyntaxHighlighter):
    """Underlines the checker's hits in ``document``. ``product_category`` (a callable, asked at every check) is
    the product's category where the text belongs to one: medical terms are judged by it (None: not a product's
    text, every list applies)."""

    def __init__(
        self,
        document: QTextDocument,
        *,
        words: WordSource | None = None,
        product_category: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(document)
        self._words = words or user_words()
        self._category = product_category or (lambda: None)
        self._checked_kind = self._kind()

    def check_text(self, text: str) -> tuple[Hit, ...]:
        """The hits in one paragraph, with the current word list and product category."""
        return check(text, product_category=self._category(), words=self._words())

    def highlightBlock(self, text: str) -> None:
        for hit in self.check_text(text):
            start, end = utf16_offset(text, hit.start), utf16_offset(text, hit.end)
            self.setFormat(start, end - start, hit_format(hit.category))

    def _kind(self) -> tuple[bool, str | None]:
        """What the check depends on: whether a category is known, and the product kind it makes."""
        category = self._category()
        return category is not None, product_kind(category)

    def category_changed(self) -> None:
        """Check everything again when the product's kind changed (a food's 治疗 is not a T-shirt's); typing the
        category 护肤品 letter by letter re-checks once, not at every letter."""
        kind = self._kind()
        if kind != self._checked_kind:
            self._checked_kind = kind
            self.rehighlight()

    def hits(self) -> tuple[tuple[int, str, Hit], ...]:
        """(paragraph number, paragraph text, hit) for every hit in the document, in order."""
        found: list[tuple[int, str, Hit]] = []
        block = self.document().firstBlock()
        while block.isValid():
            text = block.text()
            found.extend((block.blockNumber(), text, hit) for hit in self.check_text(text))
            block = block.next()
        return tuple(found)

    def hit_at(self, position: int) -> tuple[str, Hit] | None:
        """(paragraph text, hit) under the document position ``position`` (a QTextCursor position), if any."""
        block = self.document().findBlock(position)
        if not block.isValid():
            return None
        text = block.text()
        index = python_index(text, position - block.position())
        for hit in self.check_text(text):
            if hit.start <= index < hit.end:
                return text, hit
        return None

    def tooltip_at(self, position: int) -> str:
        """The tooltip for the document position ``position``: "" where there is no hit."""
        found = self.hit_at(position)
        if found is None:
            return ""
        text, hit = found
        return hit_tooltip(written_words(text, hit), hit)


class _HitToolTips(QObject):
    """Shows the hit's explanation when the mouse rests on underlined words (the editor's viewport gets the
    ToolTip events)."""

    def __init__(self, editor: TextEditor, highlighter: ComplianceHighlighter) -> None:
        super().__init__(editor)
        self._editor, self._highlighter = editor, highlighter
        editor.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        text = self.tooltip_at(event.pos())
        if text:
            QToolTip.showText(event.globalPos(), text, self._editor.viewport())
        else:
            QToolTip.hideText()
        return True

    def tooltip_at(self, point: QPoint) -> str:
        """The tooltip at a point of the viewport; "" off the text or off a hit."""
        cursor = self._editor.cursorForPosition(point)
        rect = self._editor.cursorRect(cursor)
        if abs(rect.center().y() - point.y()) > rect.height():  # below the last line: not on any words
            return ""
        # cursorForPosition gives the nearest gap between characters; the character under the mouse is the one
        # after the gap when the mouse is right of it, else the one before.
        position = cursor.position() if point.x() >= rect.x() else max(0, cursor.position() - 1)
        return self._highlighter.tooltip_at(position)


def highlight_claims(
    editor: TextEditor,
    *,
    words: WordSource | None = None,
    product_category: Callable[[], str | None] | None = None,
) -> ComplianceHighlighter:
    """Underline risky claims in ``editor`` as the seller types, with a tooltip on each; returns the highlighter
    (kept alive by the editor's document). ``words`` defaults to the shipped lists plus the data folder's
    compliance.tsv."""
    highlighter = ComplianceHighlighter(editor.document(), words=words, product_category=product_category)
    tips = _HitToolTips(editor, highlighter)
    highlighter.setObjectName("complianceHighlighter")
    tips.setObjectName("complianceTips")
    return highlighter


def tooltip_at_point(editor: TextEditor, point: QPoint) -> str:
    """The hit tooltip ``highlight_claims`` would show at ``point`` of the editor's viewport (for tests and
    screenshots)."""
    tips = editor.findChild(_HitToolTips, "complianceTips")
    return tips.tooltip_at(point) if isinstance(tips, _HitToolTips) else ""
