"""F1: a panel over the main window listing the keys that work everywhere and those of the current page.

A page's keys are its QActions that have a shortcut (their text describes them); a page may also define
``shortcut_help() -> Sequence[tuple[str, str]]`` (keys, description) for keys it handles without an action.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

Section = tuple[str, Sequence[tuple[str, str]]]


def action_text(action: QAction) -> str:
    """'&Settings…' → 'Settings', '设置(&S)…' → '设置' ('&&' is a literal ampersand)."""
    text = action.text().replace("&&", "\0")
    text = re.sub(r"\s*\(&[^)]\)", "", text)  # CJK style: the accelerator letter in brackets after the text
    text = text.replace("&", "").replace("\0", "&")
    return text.rstrip("…").rstrip(".").strip()


def shortcuts_of(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(keys, description) for each action with a shortcut and a text, in order, without repeats."""
    found: list[tuple[str, str]] = []
    for action in actions:
        keys = [sequence for sequence in action.shortcuts() if not sequence.isEmpty()]
        if not keys or not action.text():
            continue
        # dict.fromkeys: Return and Enter are both "回车" in Chinese; list each spelling once
        names = dict.fromkeys(key.toString(QKeySequence.SequenceFormat.NativeText) for key in keys)
        entry = (" / ".join(names), action_text(action))
        if entry not in found:
            found.append(entry)
    return found


def page_shortcuts(page: QWidget) -> list[tuple[str, str]]:
    # QWidget.actions(page), not page.actions(): a page may name an attribute "actions"
    entries = shortcuts_of([*QWidget.actions(page), *page.findChildren(QAction)])
    extra = getattr(page, "shortcut_help", None)
    if callable(extra):
        entries += [entry for entry in extra() if entry not in entries]
    return entries


class ShortcutsOverlay(QWidget):
    """Dims the window and shows the key list; Esc, F1 or a click closes it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsOverlay")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.panel = QFrame(self)
        self.panel.setObjectName("shortcutsPanel")
        self.panel.setAutoFillBackground(True)
        self.panel.setFrameShape(QFrame.Shape.StyledPanel)
        self._grid = QGridLayout()
        self._rows: list[tuple[str, str]] = []
        self._grid.setHorizontalSpacing(24)
        self._grid.setVerticalSpacing(6)
        title = QLabel(self.tr("Keyboard shortcuts"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(self.tr("Press Esc or F1 to close."))
        hint.setEnabled(False)
        box = QVBoxLayout(self.panel)
        box.setContentsMargins(28, 22, 28, 22)
        box.setSpacing(14)
        box.addWidget(title)
        box.addLayout(self._grid)
        box.addWidget(hint)
        parent.installEventFilter(self)
        self.hide()

    def show_sections(self, sections: Sequence[Section]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._rows = [entry for _heading, entries in sections for entry in entries]
        row = 0
        for heading, entries in sections:
            if not entries:
                continue
            header = QLabel(heading)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self._grid.addWidget(header, row, 0, 1, 2)
            row += 1
            for keys, description in entries:
                key_label = QLabel(keys)
                key_label.setObjectName("shortcutKeys")
                key_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
                self._grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignRight)
                self._grid.addWidget(QLabel(description), row, 1)
                row += 1
        self._fit_to_parent()
        self.show()
        self.raise_()
        self.setFocus()

    def rows(self) -> list[tuple[str, str]]:
        """What the overlay lists (keys, description), for tests and screen readers."""
        return list(self._rows)

    def _fit_to_parent(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.setGeometry(parent.rect())
        self.panel.adjustSize()
        size = self.panel.sizeHint()
        self.panel.setGeometry(
            (self.width() - size.width()) // 2, (self.height() - size.height()) // 2, *size.toTuple()
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit_to_parent()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 110))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1):
            self.hide()
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()
        event.accept()
