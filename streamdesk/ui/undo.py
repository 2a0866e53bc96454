"""The base of every page's undo commands: a QUndoCommand that calls a service forwards and backwards.

A step the service refuses (UserError) is reported in plain words, marks the command failed and obsolete (the undo
stack then drops it instead of offering a step that cannot run), and the page is refreshed either way.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from streamdesk.core.errors import UserError
from streamdesk.messages import describe


class ServiceCommand(QUndoCommand):
    def __init__(self, text: str, report_error: Callable[[str], None]) -> None:
        super().__init__(text)
        self._report_error = report_error
        self.failed = False

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
            self.setObsolete(True)
            self._report_error(describe(error))
            self.refused()
            return
        self.done(selected)
