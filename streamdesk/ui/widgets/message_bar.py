"""A one-line message above a page's content: what just happened, or what went wrong. Never blocks like a dialog.

An information may carry one follow-up button ("Open" after a file was saved).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

_STYLES = {
    "info": "QFrame#messageBar { background: #e8f5e9; border: 1px solid #a5d6a7; border-radius: 4px; }",
    "error": "QFrame#messageBar { background: #ffebee; border: 1px solid #ef9a9a; border-radius: 4px; }",
}


class MessageBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Close this message"))
        self.close_button.clicked.connect(self.dismiss)
        self.action_button = QPushButton(self)
        self.action_button.hide()
        self.action_button.clicked.connect(self._on_action)
        self._action: Callable[[], None] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.kind = ""
        self.hide()

    def show_info(self, text: str, *, action_text: str = "", action: Callable[[], None] | None = None) -> None:
        """``action_text`` and ``action``: a button after the text that calls ``action`` (the message stays)."""
        self._show("info", text)
        if action is not None and action_text:
            self._action = action
            self.action_button.setText(action_text)
            self.action_button.show()

    def show_error(self, text: str) -> None:
        self._show("error", text)

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def dismiss(self) -> None:
        self._action = None
        self.action_button.hide()
        self.kind = ""
        self.label.clear()
        self.hide()

    def _on_action(self) -> None:
        if self._action is not None:
            self._action()

    def _show(self, kind: str, text: str) -> None:
        self._action = None
        self.action_button.hide()
        self.kind = kind
        self.setStyleSheet(_STYLES[kind])
        self.label.setText(text)
        self.show()
