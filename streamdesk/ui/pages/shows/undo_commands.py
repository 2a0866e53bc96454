"""Undoable show edits: each command calls the Shows service forwards in redo() and backwards in undo().

A refused step (UserError) is reported, marks the command obsolete and Qt drops it, as on the catalogue page.
Undoing a delete creates the show again under a new id; the host maps the old id to the new one, so commands
further down the stack that name the show still find it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication

from streamdesk.core.show_types import SegmentInput, ShowDetail, ShowInput, ShowStatus
from streamdesk.ui.pages.shows.labels import status_name
from streamdesk.ui.undo import ServiceCommand

if TYPE_CHECKING:
    from streamdesk.core.preflight import Preflight
    from streamdesk.core.preflight_snapshot import PreflightSnapshot
    from streamdesk.core.shows import Shows
    from streamdesk.core.warmup import Warmup
    from streamdesk.core.warmup_snapshot import WarmupSnapshot


class CommandHost(Protocol):
    @property
    def shows(self) -> Shows: ...

    @property
    def warmup(self) -> Warmup | None: ...

    @property
    def preflight(self) -> Preflight | None: ...

    def report_error(self, message: str) -> None: ...

    def shows_changed(self, select_show: int | None = None) -> None: ...

    def resolve(self, show_id: int) -> int: ...

    def remap(self, old_id: int, new_id: int) -> None: ...


class ShowIdAliases:
    """Which id a show has now, for commands that knew it under an id it had before an undone delete."""

    def __init__(self) -> None:
        self._aliases: dict[int, int] = {}

    def resolve(self, show_id: int) -> int:
        seen = set()
        while show_id in self._aliases and show_id not in seen:
            seen.add(show_id)
            show_id = self._aliases[show_id]
        return show_id

    def remap(self, old_id: int, new_id: int) -> None:
        """The show came back under ``new_id``: every id that meant it now means ``new_id``."""
        current = self.resolve(old_id)
        for alias in [alias for alias in self._aliases if self.resolve(alias) == current]:
            self._aliases[alias] = new_id
        for gone in {old_id, current} - {new_id}:
            self._aliases[gone] = new_id


class ShowCommand(ServiceCommand):
    def __init__(self, host: CommandHost, text: str) -> None:
        super().__init__(text, host.report_error)
        self._host = host

    def done(self, selected: int | None) -> None:  # selected: the show to select afterwards
        self._host.shows_changed(selected)

    def _id(self, show_id: int) -> int:
        return self._host.resolve(show_id)


class _MadeShowCommand(ShowCommand):
    """A command whose redo makes a new show and whose undo deletes it again."""

    def __init__(self, host: CommandHost, text: str) -> None:
        super().__init__(host, text)
        self.made_id: int | None = None

    make: Callable[[], int]  # each subclass makes its show and returns the new id

    def forward(self) -> int | None:
        new_id = self.make()
        if self.made_id is not None and new_id != self.made_id:
            self._host.remap(self.made_id, new_id)  # redo after undo: later commands know the first id
        self.made_id = self.made_id if self.made_id is not None else new_id
        return new_id

    def backward(self) -> int | None:
        if self.made_id is not None:
            self._host.shows.delete_show(self._id(self.made_id))
        return None


class CreateShowCommand(_MadeShowCommand):
    def __init__(self, host: CommandHost, show: ShowInput) -> None:
        super().__init__(host, QCoreApplication.translate("ShowCommands", "Add “{title}”").format(title=show.title))
        self.show = show

    def make(self) -> int:
        return self._host.shows.create_show(self.show)


class DuplicateShowCommand(_MadeShowCommand):
    def __init__(self, host: CommandHost, show_id: int, title: str, planned_start: datetime | None) -> None:
        super().__init__(host, QCoreApplication.translate("ShowCommands", "Duplicate “{title}”").format(title=title))
        self.source_id = show_id
        self.title = QCoreApplication.translate("ShowCommands", "{title} (copy)").format(title=title)
        self.planned_start = planned_start

    def make(self) -> int:
        return self._host.shows.duplicate_show(
            self._id(self.source_id), planned_start=self.planned_start, title=self.title
        )


class SaveTemplateCommand(_MadeShowCommand):
    def __init__(self, host: CommandHost, show_id: int, title: str) -> None:
        super().__init__(
            host, QCoreApplication.translate("ShowCommands", "Save “{title}” as a template").format(title=title)
        )
        self.source_id = show_id
        self.title = title

    def make(self) -> int:
        return self._host.shows.save_as_template(self._id(self.source_id), self.title)


class FromTemplateCommand(_MadeShowCommand):
    def __init__(self, host: CommandHost, template_id: int, title: str, planned_start: datetime | None) -> None:
        super().__init__(
            host, QCoreApplication.translate("ShowCommands", "New show “{title}” from a template").format(title=title)
        )
        self.template_id = template_id
        self.title = title
        self.planned_start = planned_start

    def make(self) -> int:
        return self._host.shows.create_from_template(
            self._id(self.template_id), title=self.title, planned_start=self.planned_start
        )


class EditShowCommand(ShowCommand):
    """The first step saves over the version the dialog opened (``version``); each later one (undo, redo) over the
    show as the step before left it (``written``; rundown edits do not change it): an undo after your own steps goes
    through, one after someone else's save is refused (db.conflict)."""

    def __init__(
        self, host: CommandHost, show_id: int, before: ShowInput, after: ShowInput, version: int | None = None
    ) -> None:
        super().__init__(host, QCoreApplication.translate("ShowCommands", "Edit “{title}”").format(title=after.title))
        self.show_id = show_id
        self.before = before
        self.after = after
        self.version = version
        self.written: ShowInput | None = None  # the show as the last step left it

    def _write(self, show: ShowInput) -> int:
        show_id = self._id(self.show_id)
        version = self.version if self.written is None else None
        saved = self._host.shows.update_show(show_id, show, expected_version=version, expected_input=self.written)
        self.written = saved.to_input()
        return show_id

    def forward(self) -> int | None:
        return self._write(self.after)

    def backward(self) -> int | None:
        return self._write(self.before)


class StatusCommand(ShowCommand):
    def __init__(self, host: CommandHost, show_id: int, title: str, status: ShowStatus) -> None:
        super().__init__(
            host,
            QCoreApplication.translate("ShowCommands", "Mark “{title}” as {status}").format(
                title=title, status=status_name(status)
            ),
        )
        self.show_id = show_id
        self.status = status
        self.previous: ShowStatus | None = None

    def forward(self) -> int | None:
        self.previous = self._host.shows.set_status(self._id(self.show_id), self.status)
        return self._id(self.show_id)

    def backward(self) -> int | None:
        if self.previous is not None:
            self._host.shows.set_status(self._id(self.show_id), self.previous)
        return self._id(self.show_id)


class DeleteShowCommand(ShowCommand):
    """Redo keeps the show and its rundown as they were; undo writes them back (under a new id)."""

    def __init__(self, host: CommandHost, show_id: int, title: str) -> None:
        super().__init__(host, QCoreApplication.translate("ShowCommands", "Delete “{title}”").format(title=title))
        self.show_id = show_id
        self.kept: tuple[ShowDetail, tuple[SegmentInput, ...]] | None = None
        self.kept_warmup: WarmupSnapshot | None = None
        self.kept_preflight: PreflightSnapshot | None = None

    def forward(self) -> int | None:
        shows, warmup, preflight = self._host.shows, self._host.warmup, self._host.preflight
        show_id = self._id(self.show_id)
        detail = shows.get_show(show_id)
        segments = tuple(segment.to_input() for segment in shows.rundown(show_id).segments)
        kept_warmup = warmup.snapshot(show_id) if warmup is not None else None
        kept_preflight = preflight.snapshot(show_id) if preflight is not None else None
        shows.delete_show(show_id)
        self.kept, self.kept_warmup, self.kept_preflight = (detail, segments), kept_warmup, kept_preflight
        return None

    def backward(self) -> int | None:
        if self.kept is None:
            return None
        detail, segments = self.kept
        shows = self._host.shows
        if detail.is_template:
            # create_show makes shows; a template is then made from it (the same way the user made it) and the
            # show it was made from removed again. Templates are undated, so the fixed starts stay as they are.
            draft = shows.create_show(replace(detail.to_input(), planned_start=None))
            shows.replace_segments(draft, segments)
            restored = shows.save_as_template(draft, detail.title)
            shows.delete_show(draft)
        else:
            restored = shows.create_show(detail.to_input())
            shows.replace_segments(restored, segments)
            warmup, preflight = self._host.warmup, self._host.preflight
            if warmup is not None and self.kept_warmup is not None:
                warmup.restore_snapshot(restored, self.kept_warmup)
            if preflight is not None and self.kept_preflight is not None:
                preflight.restore_snapshot(restored, self.kept_preflight)
        self._host.remap(self.show_id, restored)
        return restored
