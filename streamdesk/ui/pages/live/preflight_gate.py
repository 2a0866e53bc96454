"""Going live asks the show's latest pre-flight run first (a rehearsal never does).

- No run at all: a gentle question, "No pre-flight run for this show. Go live anyway?".
- A critical item failed: a dialog lists the failed items and needs a typed reason; the reason is stored on the run
  (``Preflight.override``) before the timer starts, so the review can tell why the show went on.
- Critical items not checked yet (INCOMPLETE): the question names them and lets the seller go live.
- GO, or a failure already overridden: straight on air.

Every question opens window-modal without blocking (``open()``): the page stays painted, and a test can answer it.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.preflight_rules import MAX_REASON_LENGTH
from streamdesk.core.preflight_types import GoCheck
from streamdesk.models.base import PreflightVerdict


def _items_html(titles: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(title, quote=False)}</li>" for title in titles) + "</ul>"


class OverrideDialog(QDialog):
    """Failed critical checks, listed, and the reason the seller goes live anyway (required)."""

    def __init__(self, check: GoCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Critical checks failed"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(460)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        failed = escape(
            self.tr("%n critical check(s) failed in this show's pre-flight run:", "", len(check.failed_critical))
        )
        text = f"<p><b>{failed}</b></p>{_items_html(check.failed_critical)}"
        if check.pending_critical:
            pending = escape(self.tr("%n critical check(s) not done yet:", "", len(check.pending_critical)))
            text += f"<p>{pending}</p>{_items_html(check.pending_critical)}"
        explain = escape(
            self.tr("To go live anyway, say why. The reason is kept with the pre-flight run for the review.")
        )
        self.intro.setText(text + f"<p>{explain}</p>")
        self.reason_label = QLabel(self.tr("&Reason:"), self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(MAX_REASON_LENGTH)
        self.reason_edit.setPlaceholderText(self.tr("e.g. the backup mic is plugged in and tested"))
        self.reason_label.setBuddy(self.reason_edit)
        self.buttons = QDialogButtonBox(self)
        self.go_button = QPushButton(self.tr("Go live anyway"), self)
        self.buttons.addButton(self.go_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.go_button.setDefault(True)  # Enter confirms a typed reason; disabled (no reason) it does nothing
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._update_button)
        self._update_button()

    def reason(self) -> str:
        return " ".join(self.reason_edit.text().split())

    def accept(self) -> None:
        if self.reason():  # Enter in an empty field does nothing: the reason is required
            super().accept()

    def _update_button(self) -> None:
        self.go_button.setEnabled(bool(self.reason()))


class PreflightGate(QObject):
    """Turns a GoCheck into a decision, asking the seller when the pre-flight run says so."""

    cleared = Signal(object, str)  # GoCheck, override reason ("" when none is needed): go live now
    held = Signal()  # the seller stepped back; nothing was written

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)  # the dialogs' parent; no Python reference back to it (a cycle would outlive it)
        self.dialog: OverrideDialog | QMessageBox | None = None  # the question on screen, if any
        self.go_button: QPushButton | None = None  # its "go live" button (QMessageBox questions)

    def _window(self) -> QWidget:
        window = self.parent()
        assert isinstance(window, QWidget), "made with the page as its parent"
        return window

    def review(self, check: GoCheck) -> None:
        """Clear at once, or ask first; ``cleared`` or ``held`` follows."""
        if check.run_id is None:
            self._ask(check, self.tr("No pre-flight run"), self.tr("No pre-flight run for this show. Go live anyway?"))
        elif check.needs_override:
            self._ask_reason(check)
        elif check.verdict is PreflightVerdict.INCOMPLETE and check.pending_critical:
            question = self.tr("%n critical check(s) not done yet:", "", len(check.pending_critical))
            after = self.tr("Go live anyway?")
            text = f"<p>{escape(question)}</p>{_items_html(check.pending_critical)}<p>{escape(after)}</p>"
            self._ask(check, self.tr("Pre-flight not finished"), text)
        else:
            self.cleared.emit(check, "")

    def _ask(self, check: GoCheck, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self._window())
        box.setTextFormat(Qt.TextFormat.RichText if text.startswith("<") else Qt.TextFormat.PlainText)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        go = box.addButton(self.tr("Go live"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(go)
        box.finished.connect(lambda _result: self._on_answered(check, box.clickedButton() is go, ""))
        self.dialog, self.go_button = box, go
        box.open()

    def _ask_reason(self, check: GoCheck) -> None:
        dialog = OverrideDialog(check, self._window())
        dialog.finished.connect(
            lambda result: self._on_answered(check, result == QDialog.DialogCode.Accepted.value, dialog.reason())
        )
        self.dialog, self.go_button = dialog, dialog.go_button
        dialog.open()

    def _on_answered(self, check: GoCheck, go: bool, reason: str) -> None:
        dialog, self.dialog, self.go_button = self.dialog, None, None
        if dialog is not None:
            dialog.deleteLater()
        if go:
            self.cleared.emit(check, reason)
        else:
            self.held.emit()
