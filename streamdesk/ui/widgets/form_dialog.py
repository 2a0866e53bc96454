"""Editor dialogs validated as you type (the product editor, the show dialog): each problem shown next to its field,
Save disabled until there are none, and a hint line saying what is missing.

The dialog's own parsing and the service's validation run together ~200 ms after the last edit, so typing stays
smooth. A subclass says how to build what it edits and check it (``_check``), where each problem goes
(``_place_problems``) and what the hint says (``_incomplete_hint``, ``_fix_hint``: translated in its own context).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from streamdesk.core.catalogue_types import FieldProblem
from streamdesk.ui.widgets.field_problem import FieldWithProblem, ProblemLabel, problem_text

VALIDATE_DELAY_MS = 200


def place_problems(wrapped: Mapping[str, FieldWithProblem], found: Mapping[str, str]) -> set[str]:
    """Put each problem under its field (and clear the others); returns the fields placed, so the rest can go to
    the dialog's general line."""
    placed = set()
    for name, wrapper in wrapped.items():
        message = found.get(name)
        wrapper.set_problem(message)
        if message:
            placed.add(name)
    return placed


def left_aligned(field: QWidget, parent: QWidget) -> QWidget:
    """A short field kept short: a day count or a currency does not need the dialog's whole width."""
    holder = QWidget(parent)
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(field)
    row.addStretch(1)
    return holder


class ValidatedDialog(QDialog):
    """A subclass makes its fields, then the footer (``_make_footer``: the line for problems no field shows, the
    hint, Save and Cancel), lays it out under its own widgets (``_add_footer``), connects its fields' edits to
    ``_on_edited``, and calls ``validate_now`` once its fields are filled."""

    def __init__(self, parent: QWidget | None = None, *, show_problems: bool) -> None:
        """``show_problems`` False: a blank new form is not "wrong" before the first keystroke."""
        super().__init__(parent)
        self._problems: dict[str, str] = {}
        self._show_problems = show_problems
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATE_DELAY_MS)
        self._timer.timeout.connect(self.validate_now)
        # Set by the flow that opened an editor: runs the save while the dialog is still open; False (the service
        # refused it, e.g. someone else saved first: db.conflict) keeps the dialog and everything typed in it.
        self.on_save: Callable[[], bool] | None = None
        self._reload: Callable[[], None] | None = None

    def _make_footer(self, save_text: str) -> None:
        """Made after the fields, so Tab reaches Save and Cancel last; ``save_text`` is translated by the caller."""
        self.general_problems = ProblemLabel(self)
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: #666666;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(save_text)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        self.refusal = ProblemLabel(self)  # a save the service refused, kept until the next save or a reload
        self.reload_button = self.buttons.addButton(
            QCoreApplication.translate("ValidatedDialog", "Reload"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.reload_button.setToolTip(
            QCoreApplication.translate("ValidatedDialog", "Replace what is typed here with what is saved now")
        )
        self.reload_button.hide()
        self.reload_button.clicked.connect(self._on_reload)

    def _add_footer(self, layout: QVBoxLayout) -> None:
        layout.addWidget(self.refusal)
        layout.addWidget(self.general_problems)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

    # --- what a subclass says (class-level declarations: each dialog defines them) -----------------------------
    # the dialog's own problems (unparseable input), then the service's for what the form says now
    _check: Callable[[], tuple[Sequence[FieldProblem], Iterable[FieldProblem]]]
    _place_problems: Callable[[dict[str, str]], None]
    _incomplete_hint: Callable[[], str]  # the hint while a new form is still too empty to save
    _fix_hint: Callable[[], str]

    # --- validation --------------------------------------------------------------------------------------------
    def _on_edited(self) -> None:
        self._show_problems = True
        self._timer.start()

    def validate_now(self) -> dict[str, str]:
        """Validate at once (the form also does it ~200 ms after each edit); returns field → sentence."""
        self._timer.stop()
        local, checked = self._check()
        found = {problem.field: problem_text(problem) for problem in local}
        for problem in checked:
            found.setdefault(problem.field, problem_text(problem))  # a parse problem first: the service saw no value
        self._problems = found
        self.ok_button.setEnabled(not found)
        self._place_problems(found if self._show_problems else {})
        if found and not self._show_problems:
            self.hint.setText(self._incomplete_hint())
        elif found:
            self.hint.setText(self._fix_hint())
        else:
            self.hint.setText("")
        return found

    def problems(self) -> dict[str, str]:
        return dict(self._problems)

    def _on_accept(self) -> None:
        self._show_problems = True
        if self.validate_now():
            return
        if self.on_save is not None and not self.on_save():
            return
        self.accept()

    # --- a save refused by the service ---------------------------------------------------------------------------
    def show_refusal(self, message: str, reload: Callable[[], None] | None = None) -> None:
        """Say why the save did not happen (the sentence, e.g. db.conflict) above the buttons; the fields keep what
        was typed, so it can be copied. ``reload`` given: a Reload button that replaces them with what is saved."""
        self.refusal.show_problem(message)
        self._reload = reload
        self.reload_button.setVisible(reload is not None)

    def _on_reload(self) -> None:
        if self._reload is not None:
            self._reload()
        self.show_refusal("", None)
        self.validate_now()
