"""Undoable after-sales steps: a case's status (open → in progress → resolved → closed) and an edit of the case.

Each calls AfterSales forwards in redo() and backwards in undo(). A step the service refuses (a closed case is
final, a step back) is explained in the view's message bar and dropped from the stack (ui/undo.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from streamdesk.core.errors import UserError
from streamdesk.core.order_types import CaseInput, CaseStatus
from streamdesk.labels import case_status_name
from streamdesk.ui.undo import ServiceCommand

if TYPE_CHECKING:
    from streamdesk.core.after_sales import AfterSales


WORKFLOW = (CaseStatus.OPEN, CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, CaseStatus.CLOSED)


def allowed_next(current: CaseStatus, target: CaseStatus) -> bool:
    """A case moves forward only (it may skip a step); a closed case is final."""
    return current is not CaseStatus.CLOSED and WORKFLOW.index(target) > WORKFLOW.index(current)


def undo_stack_for(view: QWidget, given: QUndoStack | None) -> QUndoStack:
    """The page's stack when it gives one (one stack per page: its Ctrl+Z then undoes steps taken on these tabs
    too); else a stack of the view's own with Ctrl+Z / Ctrl+Shift+Z on the view (a view used alone, in tests).
    Both at once would make the keys ambiguous inside the page, and Qt would then run neither."""
    if given is not None:
        return given
    stack = QUndoStack(view)
    context = Qt.ShortcutContext.WidgetWithChildrenShortcut
    undo = stack.createUndoAction(view, QCoreApplication.translate("CaseCommands", "Undo"))
    undo.setShortcut("Ctrl+Z")
    redo = stack.createRedoAction(view, QCoreApplication.translate("CaseCommands", "Redo"))
    redo.setShortcuts(["Ctrl+Shift+Z", "Ctrl+Y"])
    for action in (undo, redo):
        action.setShortcutContext(context)
        view.addAction(action)
    return stack


class CaseCommandHost(Protocol):
    @property
    def after_sales(self) -> AfterSales: ...

    def report_error(self, message: str) -> None: ...

    def case_changed(self, case_id: int) -> None: ...

    def refund_changed(self, order_id: int) -> None: ...

    def reload(self) -> None: ...


class _CaseCommand(ServiceCommand):
    """Remembers the sentence of a refusal, so the case dialog can show it where the user is looking."""

    def __init__(self, view: CaseCommandHost, case_id: int, text: str) -> None:
        super().__init__(text, self._report)
        self._view, self.case_id = view, case_id
        self.error = ""

    def _report(self, message: str) -> None:
        self.error = message
        self._view.report_error(message)

    def done(self, selected: int | None) -> None:
        self._view.case_changed(self.case_id)

    def refused(self) -> None:
        self._view.reload()


class CaseStatusCommand(_CaseCommand):
    """One step of the workflow. AfterSales moves a case to any status (undo needs the way back), so the workflow
    is kept here, against the status the case has in the database now, not the one the table showed: a case closed
    meanwhile (in another window) is refused, and so is a step back (only Undo of one's own step goes back)."""

    def __init__(self, view: CaseCommandHost, case_id: int, status: CaseStatus) -> None:
        text = QCoreApplication.translate("CaseCommands", "Case {number}: {status}").format(
            number=case_id, status=case_status_name(status)
        )
        super().__init__(view, case_id, text)
        self.status = status
        self.previous: CaseStatus | None = None

    def forward(self) -> int | None:
        current = self._view.after_sales.get_case(self.case_id)[0].status
        if current is CaseStatus.CLOSED:
            raise UserError("cases.closed_final", case_id=self.case_id, status=case_status_name(self.status))
        if not allowed_next(current, self.status):
            raise UserError(
                "cases.not_forward",
                case_id=self.case_id,
                current=case_status_name(current),
                status=case_status_name(self.status),
            )
        self.previous = self._view.after_sales.set_case_status(self.case_id, self.status)
        return self.case_id

    def backward(self) -> int | None:
        current = self._view.after_sales.get_case(self.case_id)[0].status
        if current is not self.status:
            raise UserError("cases.moved_meanwhile", case_id=self.case_id, current=case_status_name(current))
        if self.previous is not None:
            self._view.after_sales.set_case_status(self.case_id, self.previous)
        return self.case_id


class UpdateCaseCommand(_CaseCommand):
    def __init__(self, view: CaseCommandHost, case_id: int, old: CaseInput, new: CaseInput) -> None:
        text = QCoreApplication.translate("CaseCommands", "Edit case {number}").format(number=case_id)
        super().__init__(view, case_id, text)
        self.old, self.new = old, new

    def forward(self) -> int | None:
        self._view.after_sales.update_case(self.case_id, self.new)
        return self.case_id

    def backward(self) -> int | None:
        self._view.after_sales.update_case(self.case_id, self.old)
        return self.case_id

    def done(self, selected: int | None) -> None:
        super().done(selected)
        if self.new.order_id is not None and self.new.refund_minor != self.old.refund_minor:
            self._view.refund_changed(self.new.order_id)
