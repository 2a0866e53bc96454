"""The advice page's suggestions as cards: what to do in one line, the figures it came from below, and a button to
dismiss it (or, among the dismissed, to bring it back). Cards are rebuilt whenever the advice is read again."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from streamdesk import advice_texts
from streamdesk.core.advice import Suggestion
from streamdesk.ui.formatting import MUTED_STYLE
from streamdesk.ui.widgets.tab_scroll import TabScrollArea

_CARD_STYLE = (
    "QFrame#adviceCard { border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }"
    'QFrame#adviceCard[dismissed="true"] { background: palette(window); }'
)


class SuggestionCard(QFrame):
    dismiss_clicked = Signal(object)  # Suggestion
    restore_clicked = Signal(object)  # Suggestion
    apply_clicked = Signal(object)  # Suggestion: a role suggestion taken

    def __init__(self, suggestion: Suggestion, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggestion = suggestion
        self.setObjectName("adviceCard")
        self.setProperty("dismissed", suggestion.dismissed_at is not None)
        self.setStyleSheet(_CARD_STYLE)
        self.headline = QLabel(advice_texts.headline(suggestion), self)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.headline.setFont(font)
        self.evidence = QLabel(advice_texts.evidence(suggestion, currency), self)
        self.evidence.setWordWrap(True)
        self.evidence.setStyleSheet(MUTED_STYLE)
        self.evidence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dismissed = suggestion.dismissed_at is not None
        self.button = QPushButton(self.tr("Bring back") if dismissed else self.tr("Dismiss"), self)
        self.button.setToolTip(
            self.tr("Show this suggestion among the others again")
            if dismissed
            else self.tr("Hide this suggestion; it stays hidden until its answer changes (Ctrl+Z undoes)")
        )
        self.button.clicked.connect(self._on_clicked)
        self.apply_button: QPushButton | None = None
        if suggestion.topic == "role" and not dismissed:
            self.apply_button = QPushButton(
                self.tr("Make it {role}").format(role=advice_texts.role_name(suggestion.figures.get("role"))), self
            )
            self.apply_button.setToolTip(self.tr("Set this role on the product in the catalogue (Ctrl+Z undoes)"))
            self.apply_button.clicked.connect(lambda: self.apply_clicked.emit(self.suggestion))
            QWidget.setTabOrder(self.apply_button, self.button)  # top to bottom, as they are laid out
        self.setAccessibleName(self.headline.text())
        text = QVBoxLayout()
        text.addWidget(self.headline)
        text.addWidget(self.evidence)
        buttons = QVBoxLayout()
        if self.apply_button is not None:
            buttons.addWidget(self.apply_button)
        buttons.addWidget(self.button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 10, 10)
        layout.addLayout(text, 1)
        layout.addLayout(buttons)

    def _on_clicked(self) -> None:
        if self.suggestion.dismissed_at is None:
            self.dismiss_clicked.emit(self.suggestion)
        else:
            self.restore_clicked.emit(self.suggestion)


class SuggestionList(TabScrollArea):
    """The open suggestions, grouped under a heading per section, then the dismissed ones behind a toggle."""

    dismiss_clicked = Signal(object)
    restore_clicked = Signal(object)
    apply_clicked = Signal(object)
    rebuilt = Signal()  # new cards: their place in the Tab order is the page's to set

    SECTIONS: tuple[tuple[str, frozenset[str]], ...] = (
        ("when", frozenset({"defaults", "slot", "duration"})),
        ("products", frozenset({"role", "never_converts"})),
        ("pacing", frozenset({"pacing", "pacing_total"})),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # cards wrap their text instead
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the cards' buttons, not to their frame
        self.setMinimumWidth(360)
        self._inner = QWidget(self)
        self._layout = QVBoxLayout(self._inner)
        self._layout.setContentsMargins(0, 0, 6, 0)
        self.setWidget(self._inner)
        self.show_dismissed = QPushButton(self._inner)
        self.show_dismissed.setCheckable(True)
        self.show_dismissed.setFlat(True)
        self.show_dismissed.toggled.connect(self._on_toggled)
        self._suggestions: tuple[Suggestion, ...] = ()
        self._currency = "CNY"
        self.cards: list[SuggestionCard] = []

    def set_suggestions(self, suggestions: Sequence[Suggestion], currency: str) -> None:
        self._suggestions, self._currency = tuple(suggestions), currency
        self._rebuild()

    def section_title(self, key: str) -> str:
        return {
            "when": self.tr("When to go live and for how long"),
            "products": self.tr("Products"),
            "pacing": self.tr("Pacing"),
        }[key]

    def _rebuild(self) -> None:
        self.show_dismissed.setParent(None)  # kept across rebuilds: it holds the toggle's state
        while (item := self._layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.cards = []
        open_ones = [s for s in self._suggestions if s.dismissed_at is None]
        dismissed = [s for s in self._suggestions if s.dismissed_at is not None]
        for key, topics in self.SECTIONS:
            chosen = [s for s in open_ones if s.topic in topics]
            if chosen:
                self._layout.addWidget(self._heading(self.section_title(key)))
                for suggestion in chosen:
                    self._add_card(suggestion)
        self.show_dismissed.setParent(self._inner)
        self.show_dismissed.setVisible(bool(dismissed))
        self.show_dismissed.setText(
            self.tr("Hide the dismissed suggestions ({n})").format(n=len(dismissed))
            if self.show_dismissed.isChecked()
            else self.tr("Show the dismissed suggestions ({n})").format(n=len(dismissed))
        )
        self._layout.addWidget(self.show_dismissed, 0, Qt.AlignmentFlag.AlignLeft)
        if dismissed and self.show_dismissed.isChecked():
            for suggestion in dismissed:
                self._add_card(suggestion)
        self._layout.addStretch(1)
        self.rebuilt.emit()

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text, self._inner)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 8, 0, 2)
        return label

    def _add_card(self, suggestion: Suggestion) -> None:
        card = SuggestionCard(suggestion, self._currency, self._inner)
        card.dismiss_clicked.connect(self.dismiss_clicked)
        card.restore_clicked.connect(self.restore_clicked)
        card.apply_clicked.connect(self.apply_clicked)
        self.cards.append(card)
        self._layout.addWidget(card)

    def _on_toggled(self, _checked: bool) -> None:
        self._rebuild()

    def focus_order(self) -> list[QWidget]:
        """The buttons in the order they are laid out (cards top to bottom, the toggle where it stands)."""
        order: list[QWidget] = []
        for index in range(self._layout.count()):
            item = self._layout.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, SuggestionCard):
                order += [b for b in (widget.apply_button, widget.button) if b is not None]
            elif widget is self.show_dismissed and widget.isVisibleTo(self):
                order.append(widget)
        return order
