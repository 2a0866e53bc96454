"""The base of every page's undo commands: a QUndoCommand that calls a service forwards and backwards.

A step the service refuses (UserError) is reported in plain words, marks the command failed and obsolete (the undo
stack then drops it instead of offering a step that cannot run), and the page is refreshed either way.

A row deleted and brought back (an undone add redone, an undone delete) gets a new id: ``Aliases`` map the id a
command first saw to the current one, so older commands on the stack still find the row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QUndoCommand, QUndoStack

from streamdesk.core.errors import UserError
from streamdesk.messages import describe


class RefusingDialog(Protocol):
    def show_refusal(self, message: str, reload: Callable[[], None] | None = None) -> None: ...
    def reload(self) -> None: ...


class ServiceCommand(QUndoCommand):
    def __init__(self, text: str, report_error: Callable[[str], None]) -> None:
        super().__init__(text)
        self._report_error = report_error
        self.failed = False
        self.refused_by: UserError | None = None  # why the last step was refused (e.g. db.conflict: someone else saved)

    # Each command defines these three (class-level declarations, so the base has nothing to fill in):
    forward: Callable[[], int | None]  # do the change; return the id or position to select afterwards, if any
    backward: Callable[[], int | None]  # undo it, the same way
    done: Callable[[int | None], None]  # refresh the page after a step that went through

    def refused(self) -> None:
        """Refresh the page after a refused step; by default nothing was written, so nothing to show."""

    def redo(self) -> None:
        self._run(self.forward)

    def undo(self) -> None:
        self._run(self.backward)

    def _run(self, step: Callable[[], int | None]) -> None:
        try:
            selected = step()
        except UserError as error:
            self.failed = True
            self.refused_by = error
            self.setObsolete(True)
            self._report_error(describe(error))
            self.refused()
            return
        self.done(selected)


def push_edit_from_dialog(undo_stack: QUndoStack, command: ServiceCommand, dialog: RefusingDialog) -> bool:
    """Push the edit a dialog made; True when the dialog may close. Someone else's save since it opened
    (db.conflict) keeps it open with the sentence, what was typed and Reload."""
    undo_stack.push(command)
    if command.refused_by is None or command.refused_by.code != "db.conflict":
        return True
    dialog.show_refusal(describe(command.refused_by), dialog.reload)
    return False


class Aliases:
    """First id → current id of rows that were deleted and brought back under a new id."""

    def __init__(self) -> None:
        self._ids: dict[int, int] = {}

    def resolve(self, first: int) -> int:
        return self._ids.get(first, first)

    def remap(self, first: int, current: int) -> None:
        self._ids[first] = current

    def first_of(self, current: int) -> int:
        """The first id of a row now known as ``current`` (itself when it never came back under a new one)."""
        return next((first for first, now in self._ids.items() if now == current), current)

    def created(self, first: int | None, new: int) -> int:
        """An add command's forward made ``new``: the first time it is the row's first id; a redo after an undo
        made the row again under a new id, which the first id now maps to. Returns the first id."""
        if first is None:
            return new
        self.remap(first, new)
        return first
