"""Undoable review edits: notes, cost inputs, action items and show totals. Each command calls the Review service
forwards in redo() and backwards in undo(), then tells the page what to refresh.

An action item deleted and brought back gets a new id: commands name an item by the id it first had, and the page's
``Aliases`` map that to the current one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication

from streamdesk.core.review_types import ActionItemRow, CostsInput, ReviewNotes, TotalsInput
from streamdesk.labels import platform_short_name
from streamdesk.ui.undo import Aliases, ServiceCommand

if TYPE_CHECKING:
    from streamdesk.core.metrics_io import MetricsIO
    from streamdesk.core.review import Review


def _short(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class CommandHost(Protocol):
    @property
    def review(self) -> Review: ...

    @property
    def action_ids(self) -> Aliases: ...

    def report_error(self, message: str) -> None: ...

    def notes_changed(self, notes: ReviewNotes) -> None: ...

    def actions_changed(self, selected: int | None = None) -> None: ...

    def review_changed(self) -> None: ...


class SaveNotesCommand(ServiceCommand):
    """What went well and what went wrong, as typed; undo puts the previous text back."""

    def __init__(self, host: CommandHost, show_id: int, notes: ReviewNotes) -> None:
        super().__init__(QCoreApplication.translate("ReviewCommands", "Edit the review notes"), host.report_error)
        self._host, self._show_id, self._notes = host, show_id, notes
        self._previous: ReviewNotes | None = None
        self._shown = notes

    def forward(self) -> int | None:
        self._previous = self._host.review.save_notes(self._show_id, self._notes)
        self._shown = self._notes
        return None

    def backward(self) -> int | None:
        if self._previous is not None:
            self._host.review.save_notes(self._show_id, self._previous)
            self._shown = self._previous
        return None

    def done(self, _selected: int | None) -> None:
        self._host.notes_changed(self._shown)


class SaveCostsCommand(ServiceCommand):
    """The fee %, shipping per parcel and giveaways of this show; gross profit and ROI change with them."""

    def __init__(self, host: CommandHost, show_id: int, costs: CostsInput) -> None:
        super().__init__(QCoreApplication.translate("ReviewCommands", "Change the cost inputs"), host.report_error)
        self._host, self._show_id, self._costs = host, show_id, costs
        self._previous: CostsInput | None = None

    def forward(self) -> int | None:
        self._previous = self._host.review.save_costs(self._show_id, self._costs)
        return None

    def backward(self) -> int | None:
        if self._previous is not None:
            self._host.review.save_costs(self._show_id, self._previous)
        return None

    def done(self, _selected: int | None) -> None:
        self._host.review_changed()

    def refused(self) -> None:
        self._host.review_changed()


class SaveTotalsCommand(ServiceCommand):
    """A platform's show totals from the form; undo puts back what was stored before (or removes them).

    The totals form saves by itself (it shows a refusal in place): it then hands over ``saved_over``, what its save
    replaced, and the first redo only refreshes the page.
    """

    def __init__(
        self,
        host: CommandHost,
        show_id: int,
        totals: TotalsInput,
        *,
        already_saved: bool = False,
        saved_over: TotalsInput | None = None,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("ReviewCommands", "Enter the {platform} totals").format(
                platform=platform_short_name(totals.platform)
            ),
            host.report_error,
        )
        self._host, self._show_id, self._totals = host, show_id, totals
        self._previous: TotalsInput | None = saved_over
        self._skip_once = already_saved

    def forward(self) -> int | None:
        if self._skip_once:
            self._skip_once = False
            return None
        self._previous = self._host.review.save_totals(self._show_id, self._totals)
        return None

    def backward(self) -> int | None:
        if self._previous is None:
            self._host.review.delete_totals(self._show_id, self._totals.platform)
        else:
            self._host.review.save_totals(self._show_id, self._previous)
        return None

    def done(self, _selected: int | None) -> None:
        self._host.review_changed()


class ImportedMetricsCommand(ServiceCommand):
    """A metrics file the import dialog wrote (pushed afterwards: the first redo only refreshes the page). Undo
    deletes the import and its samples; the step then leaves the stack, since importing again means reading the
    file again (the dialog does that)."""

    def __init__(self, host: CommandHost, metrics_io: MetricsIO, import_id: int, file_name: str) -> None:
        super().__init__(
            QCoreApplication.translate("ReviewCommands", "Import “{file}”").format(file=file_name), host.report_error
        )
        self._host, self._io, self._import_id = host, metrics_io, import_id

    def forward(self) -> int | None:
        return None  # the dialog wrote it; redo runs only when the step is pushed (an undone import leaves the stack)

    def backward(self) -> int | None:
        self._io.delete_import(self._import_id)
        self.setObsolete(True)
        return None

    def done(self, _selected: int | None) -> None:
        self._host.review_changed()


class _ActionCommand(ServiceCommand):
    def __init__(self, host: CommandHost, text: str) -> None:
        super().__init__(text, host.report_error)
        self._host = host
        self._first: int | None = None

    def _current(self) -> int:
        if self._first is None:
            raise LookupError("the action item was never made")
        return self._host.action_ids.resolve(self._first)

    def done(self, selected: int | None) -> None:
        self._host.actions_changed(selected)

    def refused(self) -> None:
        self._host.actions_changed()


class AddActionCommand(_ActionCommand):
    def __init__(self, host: CommandHost, show_id: int, text: str) -> None:
        super().__init__(
            host, QCoreApplication.translate("ReviewCommands", "Add the action “{text}”").format(text=_short(text))
        )
        self._show_id, self._item_text = show_id, text

    def forward(self) -> int | None:
        new = self._host.review.add_action(self._show_id, self._item_text)
        self._first = self._host.action_ids.created(self._first, new)
        return new

    def backward(self) -> int | None:
        self._host.review.delete_action(self._current())
        return None


class EditActionCommand(_ActionCommand):
    def __init__(self, host: CommandHost, action_first: int, text: str) -> None:
        super().__init__(
            host, QCoreApplication.translate("ReviewCommands", "Edit the action “{text}”").format(text=_short(text))
        )
        self._first, self._item_text = action_first, text
        self._previous: str | None = None

    def forward(self) -> int | None:
        self._previous = self._host.review.edit_action(self._current(), self._item_text)
        return self._current()

    def backward(self) -> int | None:
        if self._previous is not None:
            self._host.review.edit_action(self._current(), self._previous)
        return self._current()


class DeleteActionCommand(_ActionCommand):
    def __init__(self, host: CommandHost, action_first: int, text: str) -> None:
        super().__init__(
            host, QCoreApplication.translate("ReviewCommands", "Delete the action “{text}”").format(text=_short(text))
        )
        self._first = action_first
        self._row: ActionItemRow | None = None

    def forward(self) -> int | None:
        self._row = self._host.review.delete_action(self._current())
        return None

    def backward(self) -> int | None:
        if self._row is None or self._first is None:
            return None
        new = self._host.review.restore_action(self._row)
        self._host.action_ids.remap(self._first, new)
        return new


class TickActionCommand(_ActionCommand):
    """Done or open again; an item carried from an earlier show is ticked *on* this show."""

    def __init__(self, host: CommandHost, action_first: int, text: str, done: bool, on_show_id: int | None) -> None:
        wording = (
            QCoreApplication.translate("ReviewCommands", "Tick “{text}” done")
            if done
            else QCoreApplication.translate("ReviewCommands", "Open “{text}” again")
        )
        super().__init__(host, wording.format(text=_short(text)))
        self._first, self._done, self._on_show_id = action_first, done, on_show_id
        self._previous: ActionItemRow | None = None

    def forward(self) -> int | None:
        action_id = self._current()
        self._previous = self._host.review.set_action_done(action_id, self._done, on_show_id=self._on_show_id)
        return action_id

    def backward(self) -> int | None:
        action_id = self._current()
        if self._previous is not None:
            previous = self._previous
            self._host.review.set_action_done(action_id, previous.done_at is not None, on_show_id=previous.done_show_id)
        return action_id
