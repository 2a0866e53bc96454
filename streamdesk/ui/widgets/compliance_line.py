"""The compliance warning for a single-line field (a poster's headline): a QLineEdit cannot underline words, so a
coloured line right under it names each hit, why it is risky and what to say instead, and the field gets a thin
frame in the first hit's colour. Hidden while the text is clean; it never blocks saving or the poster.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from streamdesk.core.compliance import Hit, check
from streamdesk.ui.widgets.compliance_texts import WordSource, category_colour, hit_sentence, user_words, written_words

MAX_LINES = 3  # more would push the form about; the count says how many more there are


class ComplianceWarning(QLabel):
    """The warning line under ``field``, re-checked on every change of its text (typed or set). Without a field,
    ``check_text`` shows the warning for any text (a promotion cue edited in a table cell); ``heading`` then says
    which text it is about."""

    def __init__(
        self,
        field: QLineEdit | None = None,
        *,
        words: WordSource | None = None,
        product_category: Callable[[], str | None] | None = None,
        heading: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent if parent is not None or field is None else field.parentWidget())
        self._field = field
        self._words = words or user_words()
        self._category = product_category or (lambda: None)
        self._heading = heading
        self._hits: tuple[Hit, ...] = ()
        self._field_style = field.styleSheet() if field is not None else ""
        self.setObjectName("complianceWarning")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
        if field is not None:
            field.textChanged.connect(self.check_text)
            self.check_text(field.text())

    def hits(self) -> tuple[Hit, ...]:
        return self._hits

    def check_text(self, text: str) -> None:
        self._hits = check(text, product_category=self._category(), words=self._words())
        if not self._hits:
            self.clear()
            self.hide()
            self._frame_field("")
            return
        lines = [hit_sentence(written_words(text, hit), hit) for hit in self._hits[:MAX_LINES]]
        if len(self._hits) > MAX_LINES:
            lines.append(self.tr("…and %n more risky wording(s).", "", len(self._hits) - MAX_LINES))
        body = "\n".join(f"⚠ {line}" for line in lines)
        if self._heading:
            body = f"{self._heading}\n{body}"
        colour = category_colour(self._hits[0].category).name()
        self.setText(body)
        self.setStyleSheet(f"QLabel#complianceWarning {{ color: {colour}; }}")
        self._frame_field(colour, body)
        self.show()

    def _frame_field(self, colour: str, tooltip: str = "") -> None:
        if self._field is None:
            return
        style = f"QLineEdit {{ border: 1px solid {colour}; border-radius: 3px; padding: 1px; }}"
        self._field.setStyleSheet(style if colour else self._field_style)
        self._field.setToolTip(tooltip)


class LineWithWarning(QWidget):
    """``field`` with its ComplianceWarning under it, for a form row."""

    def __init__(
        self,
        field: QLineEdit,
        *,
        words: WordSource | None = None,
        product_category: Callable[[], str | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.warning = ComplianceWarning(field, words=words, product_category=product_category, parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.warning)
