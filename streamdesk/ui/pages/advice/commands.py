"""Undoable steps of the advice page: dismissing a suggestion and bringing one back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from streamdesk import advice_texts
from streamdesk.core.advice import Advice, Dismissed, Suggestion
from streamdesk.models.base import ShowRole
from streamdesk.ui.undo import ServiceCommand

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.catalogue_types import ProductInput


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


class ApplyRoleCommand(ServiceCommand):
    """Gives the product the role a suggestion names; undo puts its previous role back (a change someone else
    saved in between is refused as db.conflict, as in the product editor)."""

    def __init__(
        self,
        catalogue: Catalogue,
        suggestion: Suggestion,
        done: Callable[[int | None], None],
        report: Callable[[str], None],
    ) -> None:
        text = QCoreApplication.translate("AdvicePage", "Make “{title}” a {role} product").format(
            title=suggestion.figures.get("title"), role=advice_texts.role_name(suggestion.figures.get("role"))
        )
        super().__init__(text, report)
        self._catalogue, self.done = catalogue, done
        self._product_id = int(str(suggestion.figures["product_id"]))
        self._role = ShowRole(str(suggestion.figures["role"]))
        self._previous: ShowRole | None = None  # the role before the first step
        self._saved: ProductInput | None = None  # what the last step left: the next step checks nobody changed it

    def forward(self) -> int | None:
        detail = self._catalogue.get_product(self._product_id)
        if self._saved is None:
            self._previous = detail.input.role
        self._save(detail.input, detail.version, self._role)
        return None

    def backward(self) -> int | None:
        detail = self._catalogue.get_product(self._product_id)
        self._save(detail.input, detail.version, self._previous)
        return None

    def _save(self, current: ProductInput, version: int, role: ShowRole | None) -> None:
        saved = self._catalogue.update_product(
            self._product_id, replace(current, role=role), expected_version=version, expected_input=self._saved
        )
        self._saved = saved.input
