"""Undoable warm-up edits: each command calls the Warmup service forwards in redo() and backwards in undo().

A link or task that is deleted and put back gets a new id; the page's ``Aliases`` map the first id to the current
one, so older commands on the stack still find it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication

from streamdesk.core.warmup_types import (
    BookingCountsPlan,
    BookingLinkInput,
    DeletedLink,
    WarmupTaskInput,
)
from streamdesk.ui.undo import Aliases, ServiceCommand

if TYPE_CHECKING:
    from streamdesk.core.warmup import Warmup


class CommandHost(Protocol):
    @property
    def warmup(self) -> Warmup: ...

    @property
    def link_ids(self) -> Aliases: ...

    @property
    def task_ids(self) -> Aliases: ...

    def report_error(self, message: str) -> None: ...

    def plan_changed(self, *, link: int | None = None, task: int | None = None) -> None: ...


class WarmupCommand(ServiceCommand):
    selects_task = False  # the id forward/backward return is a task's (else a link's)

    def __init__(self, host: CommandHost, text: str) -> None:
        super().__init__(text, host.report_error)
        self._host = host

    def done(self, selected: int | None) -> None:
        if self.selects_task:
            self._host.plan_changed(task=selected)
        else:
            self._host.plan_changed(link=selected)

    def refused(self) -> None:
        self._host.plan_changed()

    def _link(self, first: int) -> int:
        return self._host.link_ids.resolve(first)

    def _task(self, first: int) -> int:
        return self._host.task_ids.resolve(first)


# --- links ------------------------------------------------------------------------------------------------------
class AddLinkCommand(WarmupCommand):
    def __init__(self, host: CommandHost, show_id: int, link: BookingLinkInput, channel: str) -> None:
        super().__init__(
            host, QCoreApplication.translate("WarmupCommands", "Add the {channel} link").format(channel=channel)
        )
        self._show_id, self._input = show_id, link
        self._first: int | None = None

    def forward(self) -> int | None:
        new = self._host.warmup.add_link(self._show_id, self._input)
        self._first = self._host.link_ids.created(self._first, new)
        return new

    def backward(self) -> int | None:
        if self._first is not None:
            self._host.warmup.delete_link(self._link(self._first))
        return None


class EditLinkCommand(WarmupCommand):
    def __init__(self, host: CommandHost, link_id: int, link: BookingLinkInput, channel: str) -> None:
        super().__init__(
            host, QCoreApplication.translate("WarmupCommands", "Edit the {channel} link").format(channel=channel)
        )
        self._first, self._input = link_id, link
        self._previous: BookingLinkInput | None = None

    def forward(self) -> int | None:
        self._previous = self._host.warmup.update_link(self._link(self._first), self._input)
        return self._link(self._first)

    def backward(self) -> int | None:
        if self._previous is not None:
            self._host.warmup.update_link(self._link(self._first), self._previous)
        return self._link(self._first)


class DeleteLinkCommand(WarmupCommand):
    def __init__(self, host: CommandHost, link_id: int, channel: str) -> None:
        super().__init__(
            host, QCoreApplication.translate("WarmupCommands", "Delete the {channel} link").format(channel=channel)
        )
        self._first = link_id
        self._deleted: DeletedLink | None = None

    def forward(self) -> int | None:
        self._deleted = self._host.warmup.delete_link(self._link(self._first))
        return None

    def backward(self) -> int | None:
        if self._deleted is None:
            return None
        restored = self._host.warmup.restore_link(self._deleted)
        self._host.link_ids.remap(self._first, restored)
        return restored


class MoveLinkCommand(WarmupCommand):
    def __init__(self, host: CommandHost, show_id: int, link_id: int, source: int, destination: int) -> None:
        super().__init__(host, QCoreApplication.translate("WarmupCommands", "Move a booking link"))
        self._show_id, self._first, self._source, self._destination = show_id, link_id, source, destination

    def forward(self) -> int | None:
        self._host.warmup.move_link(self._show_id, self._source, self._destination)
        return self._link(self._first)

    def backward(self) -> int | None:
        self._host.warmup.move_link(self._show_id, self._destination, self._source)
        return self._link(self._first)


class RemakeLinkCommand(WarmupCommand):
    """The seller re-created the booking for the show's new time; undo puts the old times (and URL) back."""

    def __init__(
        self, host: CommandHost, link_id: int, url: str | None, before: BookingLinkInput, channel: str
    ) -> None:
        super().__init__(
            host,
            QCoreApplication.translate("WarmupCommands", "Re-made the {channel} booking").format(channel=channel),
        )
        self._first, self._url, self._before = link_id, url, before
        self._previous: tuple[datetime, datetime | None] | None = None

    def forward(self) -> int | None:
        self._previous = self._host.warmup.remake_link(self._link(self._first), self._url)
        return self._link(self._first)

    def backward(self) -> int | None:
        link_id = self._link(self._first)
        if self._previous is not None:
            self._host.warmup.set_made(link_id, *self._previous)
        if self._url is not None and self._url != self._before.url:
            self._host.warmup.update_link(link_id, self._before)  # later edits were undone first: only the URL differs
        return link_id


class SetBookingsCommand(WarmupCommand):
    def __init__(self, host: CommandHost, link_id: int, bookings: int | None, channel: str) -> None:
        super().__init__(
            host,
            QCoreApplication.translate("WarmupCommands", "Set the {channel} bookings").format(channel=channel),
        )
        self._first, self._bookings = link_id, bookings
        self._previous: int | None = None

    def forward(self) -> int | None:
        self._previous = self._host.warmup.set_bookings(self._link(self._first), self._bookings)
        return self._link(self._first)

    def backward(self) -> int | None:
        self._host.warmup.set_bookings(self._link(self._first), self._previous)
        return self._link(self._first)


class ImportCountsCommand(WarmupCommand):
    """One undo step for a whole import: undo puts each link's previous count back."""

    def __init__(self, host: CommandHost, plan: BookingCountsPlan) -> None:
        text = QCoreApplication.translate("WarmupCommands", "Import %n booking count(s)", None, len(plan.rows))
        super().__init__(host, text)
        self._plan = plan
        self.changed = 0

    def forward(self) -> int | None:
        self.changed = self._host.warmup.apply_booking_counts(self._plan)
        return None

    def backward(self) -> int | None:
        self._host.warmup.set_bookings_many([(self._link(row.link_id), row.old) for row in self._plan.rows])
        return None


class TrackingParamCommand(WarmupCommand):
    def __init__(self, host: CommandHost, show_id: int, name: str) -> None:
        text = (
            QCoreApplication.translate("WarmupCommands", "Track channels with “{name}”").format(name=name)
            if name
            else QCoreApplication.translate("WarmupCommands", "Turn channel tracking off")
        )
        super().__init__(host, text)
        self._show_id, self._name = show_id, name
        self._previous = ""

    def forward(self) -> int | None:
        self._previous = self._host.warmup.set_tracking_param(self._show_id, self._name)
        return None

    def backward(self) -> int | None:
        self._host.warmup.set_tracking_param(self._show_id, self._previous)
        return None


# --- tasks ------------------------------------------------------------------------------------------------------
class TaskCommand(WarmupCommand):
    selects_task = True


class AddTaskCommand(TaskCommand):
    def __init__(self, host: CommandHost, show_id: int, task: WarmupTaskInput, title: str) -> None:
        super().__init__(host, QCoreApplication.translate("WarmupCommands", "Add “{task}”").format(task=title))
        self._show_id, self._input = show_id, task
        self._first: int | None = None

    def forward(self) -> int | None:
        new = self._host.warmup.add_task(self._show_id, self._input)
        self._first = self._host.task_ids.created(self._first, new)
        return new

    def backward(self) -> int | None:
        if self._first is not None:
            self._host.warmup.delete_task(self._task(self._first))
        return None


class EditTaskCommand(TaskCommand):
    def __init__(self, host: CommandHost, task_id: int, task: WarmupTaskInput, title: str) -> None:
        super().__init__(host, QCoreApplication.translate("WarmupCommands", "Edit “{task}”").format(task=title))
        self._first, self._input = task_id, task
        self._previous: WarmupTaskInput | None = None

    def forward(self) -> int | None:
        self._previous = self._host.warmup.update_task(self._task(self._first), self._input)
        return self._task(self._first)

    def backward(self) -> int | None:
        if self._previous is not None:
            self._host.warmup.update_task(self._task(self._first), self._previous)
        return self._task(self._first)


class DeleteTaskCommand(TaskCommand):
    def __init__(self, host: CommandHost, task_id: int, title: str) -> None:
        super().__init__(host, QCoreApplication.translate("WarmupCommands", "Delete “{task}”").format(task=title))
        self._first = task_id
        self._kept: tuple[int, int, WarmupTaskInput, datetime | None] | None = None

    def forward(self) -> int | None:
        self._kept = self._host.warmup.delete_task(self._task(self._first))
        return None

    def backward(self) -> int | None:
        if self._kept is None:
            return None
        restored = self._host.warmup.restore_task(*self._kept)
        self._host.task_ids.remap(self._first, restored)
        return restored


class SetDoneCommand(TaskCommand):
    def __init__(self, host: CommandHost, task_id: int, done: bool, title: str) -> None:
        text = (
            QCoreApplication.translate("WarmupCommands", "Tick off “{task}”")
            if done
            else QCoreApplication.translate("WarmupCommands", "Untick “{task}”")
        )
        super().__init__(host, text.format(task=title))
        self._first, self._done = task_id, done
        self._previous: datetime | None = None

    def forward(self) -> int | None:
        self._previous = self._host.warmup.set_done(self._task(self._first), self._done)
        return self._task(self._first)

    def backward(self) -> int | None:
        self._host.warmup.set_done_at(self._task(self._first), self._previous)
        return self._task(self._first)


class SaveTemplateCommand(TaskCommand):
    def __init__(self, host: CommandHost, tasks: Sequence[WarmupTaskInput]) -> None:
        super().__init__(host, QCoreApplication.translate("WarmupCommands", "Change the default warm-up tasks"))
        self._tasks = tuple(tasks)
        self._previous: tuple[WarmupTaskInput, ...] = ()

    def forward(self) -> int | None:
        self._previous = self._host.warmup.save_default_template(self._tasks)
        return None

    def backward(self) -> int | None:
        self._host.warmup.save_default_template(self._previous)
        return None
