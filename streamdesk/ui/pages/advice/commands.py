"""Undoable steps of the advice page: dismissing a suggestion and bringing one back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from streamdesk import advice_texts
from streamdesk.core.advice import Advice, Dismissed, Suggestion
from streamdesk.ui.undo import ServiceCommand


class DismissCommand(ServiceCommand):
    def __init__(
        self, advice: Advice, suggestion: Suggestion, done: Callable[[int | None], None], report: Callable[[str], None]
    ) -> None:
        text = QCoreApplication.translate("AdvicePage", "Dismiss “{what}”").format(
            what=advice_texts.headline(suggestion)
        )
        super().__init__(text, report)
        self._advice, self._suggestion, self.done = advice, suggestion, done

    def forward(self) -> int | None:
        self._advice.dismiss(self._suggestion)
        return None

    def backward(self) -> int | None:
        self._advice.restore(self._suggestion.key)
        return None


class RestoreCommand(ServiceCommand):
    def __init__(
        self, advice: Advice, suggestion: Suggestion, done: Callable[[int | None], None], report: Callable[[str], None]
    ) -> None:
        text = QCoreApplication.translate("AdvicePage", "Bring back “{what}”").format(
            what=advice_texts.headline(suggestion)
        )
        super().__init__(text, report)
        self._advice, self._suggestion, self.done = advice, suggestion, done
        self._removed: Dismissed | None = None

    def forward(self) -> int | None:
        self._removed = self._advice.restore(self._suggestion.key)
        return None

    def backward(self) -> int | None:
        if self._removed is not None:
            self._advice.redismiss(self._removed)
        return None
