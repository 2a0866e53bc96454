"""The plumbing a page offers its flows and undo commands: errors and notices go to the page's message bar, a
service read that the service refuses becomes that error message, and edits run through the page's undo stack.

A plain mixin (no QObject, no __init__), listed before QWidget in a page's bases: the page builds ``messages`` (and
``undo_stack``) itself, so each page still decides where they sit. It holds no user-visible strings, so the pages'
translation contexts are untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from streamdesk.core.errors import UserError
from streamdesk.messages import describe

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from streamdesk.ui.undo import ServiceCommand
    from streamdesk.ui.widgets.message_bar import MessageBar

T = TypeVar("T")


class MessageHost:
    messages: MessageBar  # set by the page

    def report_error(self, message: str) -> None:
        self.messages.show_error(message)

    def report_info(self, message: str) -> None:
        self.messages.show_info(message)

    def run_service(self, call: Callable[[], T]) -> T | None:
        """A call the UI needs now; a UserError becomes the page's error message (and None)."""
        try:
            return call()
        except UserError as error:
            self.report_error(describe(error))
            return None


class UndoHost(MessageHost):
    undo_stack: QUndoStack  # set by the page

    def push(self, command: ServiceCommand) -> None:
        """Run an edit through the undo stack (its redo runs it now); an old message would now be stale."""
        self.messages.dismiss()
        self.undo_stack.push(command)
