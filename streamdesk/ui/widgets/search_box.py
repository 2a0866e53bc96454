"""A search field that reports what to search for once typing pauses (search-as-you-type without a query per key)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 150


class SearchBox(QLineEdit):
    """Emits ``search_changed(text)`` ~150 ms after the last keystroke; Escape clears, Enter searches at once."""

    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self._last_emitted = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._emit_now)
        self.textChanged.connect(self._on_text_changed)
        self.returnPressed.connect(self._emit_now)

    def setPlaceholderText(self, text: str) -> None:
        """The hint is also the field's accessible name: a search field has no label of its own to announce."""
        super().setPlaceholderText(text)
        self.setAccessibleName(text)

    def search_text(self) -> str:
        return self.text().strip()

    def clear_search(self) -> None:
        """Clear the field and report the empty search at once (no debounce: the user asked for it)."""
        self.clear()
        self._emit_now()

    def is_pending(self) -> bool:
        """True while a keystroke is waiting for the debounce to end."""
        return self._timer.isActive()

    def _on_text_changed(self, _text: str) -> None:
        self._timer.start()  # restarting drops the keystrokes before it: only the pause reaches the database

    def _emit_now(self) -> None:
        self._timer.stop()
        text = self.search_text()
        if text != self._last_emitted:
            self._last_emitted = text
            self.search_changed.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear_search()
            event.accept()
            return
        super().keyPressEvent(event)
