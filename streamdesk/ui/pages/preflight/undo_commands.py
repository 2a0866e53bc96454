"""Undoable pre-flight edits: each command calls the Preflight service forwards in redo() and backwards in undo().

A run whose start is undone and redone comes back under a new id, with new result ids; so commands name a result by
its run's first id and the item's position, and the page's ``Aliases`` map first ids to current ones (templates
deleted and restored likewise).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication

from streamdesk.core.preflight_types import ChecklistItemInput, ChecklistTemplateRow, ResultInput
from streamdesk.models.base import CheckStatus
from streamdesk.ui.undo import Aliases, ServiceCommand

if TYPE_CHECKING:
    from streamdesk.core.preflight import Preflight


class CommandHost(Protocol):
    @property
    def preflight(self) -> Preflight: ...

    @property
    def run_ids(self) -> Aliases: ...

    @property
    def template_ids(self) -> Aliases: ...

    def result_id(self, run_first: int, position: int) -> int: ...

    def report_error(self, message: str) -> None: ...

    def run_changed(self, run_id: int | None = None, *, result: int | None = None) -> None: ...

    def templates_changed(self, template_id: int | None = None) -> None: ...


class _RunCommand(ServiceCommand):
    def __init__(self, host: CommandHost, text: str, run_first: int) -> None:
        super().__init__(text, host.report_error)
        self._host, self._run_first = host, run_first

    def done(self, selected: int | None) -> None:
        self._host.run_changed(self._host.run_ids.resolve(self._run_first), result=selected)

    def refused(self) -> None:
        self._host.run_changed()

    def _run_id(self) -> int:
        return self._host.run_ids.resolve(self._run_first)


class RecordCommand(_RunCommand):
    """Record a result (a tick, a probe's verdict, a test order); undo writes the previous result back."""

    def __init__(self, host: CommandHost, run_first: int, position: int, result: ResultInput, text: str) -> None:
        super().__init__(host, text, run_first)
        self._position, self._input = position, result
        self._previous: ResultInput | None = None

    def forward(self) -> int | None:
        result_id = self._host.result_id(self._run_first, self._position)
        self._previous = self._host.preflight.record(result_id, self._input)
        return result_id

    def backward(self) -> int | None:
        result_id = self._host.result_id(self._run_first, self._position)
        if self._previous is not None:
            self._host.preflight.record(result_id, self._previous)
        return result_id


class ValueCommand(RecordCommand):
    """A typed value ("85 %"), judged by the service against the item's limits."""

    def __init__(self, host: CommandHost, run_first: int, position: int, typed: str, text: str) -> None:
        super().__init__(host, run_first, position, ResultInput(status=CheckStatus.PENDING), text)
        self._typed = typed

    def forward(self) -> int | None:
        result_id = self._host.result_id(self._run_first, self._position)
        self._previous = self._host.preflight.record_value(result_id, self._typed)
        return result_id


class StartRunCommand(ServiceCommand):
    def __init__(self, host: CommandHost, show_id: int, template_id: int | None, template_name: str) -> None:
        text = QCoreApplication.translate("PreflightCommands", "Start the pre-flight run ({template})").format(
            template=template_name
        )
        super().__init__(text, host.report_error)
        self._host, self._show_id, self._template_id = host, show_id, template_id
        self._first: int | None = None

    def forward(self) -> int | None:
        template = None if self._template_id is None else self._host.template_ids.resolve(self._template_id)
        new = self._host.preflight.start_run(self._show_id, template)
        self._first = self._host.run_ids.created(self._first, new)
        return new

    def backward(self) -> int | None:
        if self._first is not None:
            self._host.preflight.delete_run(self._host.run_ids.resolve(self._first))
        return None

    def done(self, selected: int | None) -> None:
        self._host.run_changed(selected)

    def refused(self) -> None:
        self._host.run_changed()

    @property
    def first_run_id(self) -> int | None:
        return self._first


class FinishCommand(_RunCommand):
    """Finish a run (its verdict is stored) or, with ``reopen``, open a finished run again."""

    def __init__(self, host: CommandHost, run_first: int, *, reopen: bool = False) -> None:
        super().__init__(
            host,
            QCoreApplication.translate("PreflightCommands", "Reopen the pre-flight run")
            if reopen
            else QCoreApplication.translate("PreflightCommands", "Finish the pre-flight run"),
            run_first,
        )
        self._reopen = reopen

    def forward(self) -> int | None:
        self._step(finish=not self._reopen)
        return None

    def backward(self) -> int | None:
        self._step(finish=self._reopen)
        return None

    def _step(self, *, finish: bool) -> None:
        if finish:
            self._host.preflight.finish_run(self._run_id())
        else:
            self._host.preflight.reopen_run(self._run_id())


# --- templates ------------------------------------------------------------------------------------------------------
class _TemplateCommand(ServiceCommand):
    def __init__(self, host: CommandHost, text: str) -> None:
        super().__init__(text, host.report_error)
        self._host = host

    def done(self, selected: int | None) -> None:
        self._host.templates_changed(selected)

    def refused(self) -> None:
        self._host.templates_changed()

    def _template(self, first: int) -> int:
        return self._host.template_ids.resolve(first)


class CreateTemplateCommand(_TemplateCommand):
    def __init__(self, host: CommandHost, name: str, items: Sequence[ChecklistItemInput]) -> None:
        super().__init__(
            host, QCoreApplication.translate("PreflightCommands", "Add the checklist “{name}”").format(name=name)
        )
        self._name, self._items = name, tuple(items)
        self._first: int | None = None

    def forward(self) -> int | None:
        new = self._host.preflight.create_template(self._name, self._items)
        self._first = self._host.template_ids.created(self._first, new)
        return new

    def backward(self) -> int | None:
        if self._first is not None:
            self._host.preflight.delete_template(self._template(self._first))
        return None


class UpdateTemplateCommand(_TemplateCommand):
    def __init__(self, host: CommandHost, template_id: int, name: str, items: Sequence[ChecklistItemInput]) -> None:
        super().__init__(
            host, QCoreApplication.translate("PreflightCommands", "Edit the checklist “{name}”").format(name=name)
        )
        self._first, self._name, self._items = template_id, name, tuple(items)
        self._previous: ChecklistTemplateRow | None = None

    def forward(self) -> int | None:
        self._previous = self._host.preflight.update_template(self._template(self._first), self._name, self._items)
        return self._template(self._first)

    def backward(self) -> int | None:
        if self._previous is not None:
            previous = self._previous
            self._host.preflight.update_template(self._template(self._first), previous.name, previous.items)
        return self._template(self._first)


class DeleteTemplateCommand(_TemplateCommand):
    def __init__(self, host: CommandHost, template_id: int, name: str) -> None:
        super().__init__(
            host, QCoreApplication.translate("PreflightCommands", "Delete the checklist “{name}”").format(name=name)
        )
        self._first = template_id
        self._deleted: ChecklistTemplateRow | None = None

    def forward(self) -> int | None:
        self._deleted = self._host.preflight.delete_template(self._template(self._first))
        return None

    def backward(self) -> int | None:
        if self._deleted is None:
            return None
        new = self._host.preflight.restore_template(self._deleted)
        self._host.template_ids.remap(self._first, new)
        return new


class SetDefaultCommand(_TemplateCommand):
    def __init__(self, host: CommandHost, template_id: int, name: str) -> None:
        super().__init__(
            host,
            QCoreApplication.translate("PreflightCommands", "Make “{name}” the default checklist").format(name=name),
        )
        self._first = template_id
        self._previous: int | None = None

    def forward(self) -> int | None:
        self._previous = self._host.preflight.set_default(self._template(self._first))
        return self._template(self._first)

    def backward(self) -> int | None:
        if self._previous is not None:
            self._host.preflight.set_default(self._previous)
        return self._template(self._first)
