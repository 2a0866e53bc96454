"""Undoable rundown edits: each command calls Shows forwards in redo() and backwards in undo().

Commands name segments by position, never by id: undoing a delete inserts the segment again under a new id, and
a later command on the stack must still find it. The undo stack replays commands in order, so the rundown has
the same segments at the same positions every time a command runs.

QUndoStack.push() runs redo() at once. When the service refuses (a UserError), the command reports the sentence,
marks itself obsolete and Qt drops it instead of stacking it; an undo or redo that fails later is dropped the
same way, so the stack never claims a rundown the database does not have.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication

from streamdesk.core.show_types import SegmentInput
from streamdesk.ui.undo import ServiceCommand

if TYPE_CHECKING:
    from streamdesk.core.shows import Shows


class RundownHost(Protocol):
    """What the commands need from the editor: the service, a place to say what failed, and a refresh."""

    @property
    def shows(self) -> Shows: ...

    def report_error(self, message: str) -> None: ...

    def segment_id_at(self, show_id: int, position: int) -> int: ...

    def rundown_written(self, show_id: int, select: int | None) -> None: ...


class RundownCommand(ServiceCommand):
    def __init__(self, host: RundownHost, show_id: int, text: str) -> None:
        super().__init__(text, host.report_error)
        self._host = host
        self.show_id = show_id

    def done(self, selected: int | None) -> None:  # selected: the position to select afterwards
        self._host.rundown_written(self.show_id, selected)

    def refused(self) -> None:
        self._host.rundown_written(self.show_id, None)  # show what the database has now


class InsertSegmentCommand(RundownCommand):
    """Insert at a position; undo deletes whatever is at that position again."""

    def __init__(self, host: RundownHost, show_id: int, position: int, segment: SegmentInput, text: str) -> None:
        super().__init__(host, show_id, text)
        self.position = position
        self.segment = segment

    def forward(self) -> int | None:
        self._host.shows.insert_segment(self.show_id, self.position, self.segment)
        return self.position

    def backward(self) -> int | None:
        self._host.shows.delete_segment(self._host.segment_id_at(self.show_id, self.position))
        return max(0, self.position - 1)


class EditSegmentCommand(RundownCommand):
    def __init__(
        self, host: RundownHost, show_id: int, position: int, before: SegmentInput, after: SegmentInput, text: str
    ) -> None:
        super().__init__(host, show_id, text)
        self.position = position
        self.before = before
        self.after = after

    # Each step expects the segment as the step before left it: someone else's change in between is refused
    # (db.conflict) instead of written over; the refusal re-reads the rundown, so theirs is what the table shows.
    def forward(self) -> int | None:
        segment_id = self._host.segment_id_at(self.show_id, self.position)
        self._host.shows.update_segment(segment_id, self.after, expected=self.before)
        return self.position

    def backward(self) -> int | None:
        segment_id = self._host.segment_id_at(self.show_id, self.position)
        self._host.shows.update_segment(segment_id, self.before, expected=self.after)
        return self.position


class DeleteSegmentCommand(RundownCommand):
    """The service hands back the deleted segment's content (products and talking points too); undo inserts it."""

    def __init__(self, host: RundownHost, show_id: int, position: int, title: str) -> None:
        super().__init__(
            host, show_id, QCoreApplication.translate("RundownCommands", "Delete “{title}”").format(title=title)
        )
        self.position = position
        self.content: SegmentInput | None = None

    def forward(self) -> int | None:
        self.position, self.content = self._host.shows.delete_segment(
            self._host.segment_id_at(self.show_id, self.position)
        )
        return max(0, self.position - 1)

    def backward(self) -> int | None:
        if self.content is not None:
            self._host.shows.insert_segment(self.show_id, self.position, self.content)
        return self.position


class MoveSegmentCommand(RundownCommand):
    """``destination`` is the segment's final index; undo moves it back from there."""

    def __init__(self, host: RundownHost, show_id: int, source: int, destination: int, title: str) -> None:
        super().__init__(
            host, show_id, QCoreApplication.translate("RundownCommands", "Move “{title}”").format(title=title)
        )
        self.source = source
        self.destination = destination

    def forward(self) -> int | None:
        self._host.shows.move_segment(self.show_id, self.source, self.destination)
        return self.destination

    def backward(self) -> int | None:
        self._host.shows.move_segment(self.show_id, self.destination, self.source)
        return self.source


class ReplaceRundownCommand(RundownCommand):
    """An imported file replaces the whole rundown; undo puts the previous segments back (new ids, same content).

    Both directions are one ``Shows.replace_segments`` transaction each.
    """

    def __init__(
        self,
        host: RundownHost,
        show_id: int,
        before: tuple[SegmentInput, ...],
        after: tuple[SegmentInput, ...],
        text: str,
    ) -> None:
        super().__init__(host, show_id, text)
        self.before = before
        self.after = after

    def forward(self) -> int | None:
        self._host.shows.replace_segments(self.show_id, self.after)
        return 0

    def backward(self) -> int | None:
        self._host.shows.replace_segments(self.show_id, self.before)
        return 0


def insert_text(title: str) -> str:
    return QCoreApplication.translate("RundownCommands", "Insert “{title}”").format(title=title)


def duplicate_text(title: str) -> str:
    return QCoreApplication.translate("RundownCommands", "Duplicate “{title}”").format(title=title)


def edit_text(title: str) -> str:
    return QCoreApplication.translate("RundownCommands", "Edit “{title}”").format(title=title)
