"""What each shows action does: open its dialog (window-modal, never blocking the event loop) and push the
undoable command. Dialog modules are imported when first used: the page can be on screen before any of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from streamdesk.core.local_time import SkippedLocalTime, aware_local
from streamdesk.core.show_types import Platform, ShowInput, ShowStatus, ShowSummary

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.catalogue_types import CatalogueRow
    from streamdesk.core.shows import Shows
    from streamdesk.ui.pages.shows.page import ShowsPage
    from streamdesk.ui.tasks import TaskRunner

DEFAULT_SECONDS = 2 * 3600
EVENING_HOUR = 20  # a new show on a later day than today starts at 20:00, prime time for live selling


def next_full_hour(now: datetime) -> datetime:
    """The next full hour after ``now`` (aware), in UTC; local and UTC hours agree for whole-hour zones."""
    local = now.astimezone()
    return (local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)).astimezone(UTC)


def default_start(now: datetime, day: date | None) -> datetime:
    """Where a new show starts: the next full hour, or 20:00 local on a later day picked in the calendar."""
    soon = next_full_hour(now)
    if day is None or day <= soon.astimezone().date():
        return soon
    return datetime.combine(day, time(EVENING_HOUR)).astimezone().astimezone(UTC)


def default_show(now: datetime, *, platforms: Sequence[str], currency: str, day: date | None = None) -> ShowInput:
    known = {platform.value for platform in Platform}
    return ShowInput(
        title="",
        platforms=tuple(Platform(value) for value in platforms if value in known),
        planned_start=default_start(now, day),
        planned_seconds=DEFAULT_SECONDS,
        status=ShowStatus.DRAFT,
        currency=currency,
    )


def next_same_weekday(start: datetime | None, now: datetime) -> datetime:
    """A duplicate's suggested start: a week later at the same time, as many weeks as it takes to be ahead."""
    if start is None:
        return next_full_hour(now)
    wall = start.astimezone().replace(tzinfo=None)  # the same local clock time, across a clock change too
    weeks = 1
    while True:
        try:
            moved = aware_local(wall + timedelta(weeks=weeks)).astimezone(UTC)
        except SkippedLocalTime:  # that time does not exist that day: a week of 168 hours
            moved = start + timedelta(weeks=weeks)
        if moved > now:
            return moved
        weeks += 1


class ShowFlows(QObject):
    def __init__(self, page: ShowsPage, shows: Shows, catalogue: Catalogue, runner: TaskRunner) -> None:
        super().__init__(page)
        self._page = page
        self._shows = shows
        self._catalogue = catalogue
        self._runner = runner
        self.current_dialog: QDialog | None = None
        self.picker: QDialog | None = None

    def _show(self, dialog: QDialog) -> None:
        self.current_dialog = dialog
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        if self.current_dialog is dialog:
            self.current_dialog = None
        dialog.deleteLater()

    def _selected(self) -> ShowSummary | None:
        return self._page.selected_show()

    # --- create and edit ---------------------------------------------------------------------------------------
    def pick_skus(self, add: Callable[[Sequence[CatalogueRow]], None]) -> None:
        """Open the catalogue SKU picker over the show dialog; ``add`` gets the SKUs picked."""
        from streamdesk.ui.pages.shows.product_picker import ProductPickerDialog

        parent = self.current_dialog or self._page
        picker = ProductPickerDialog(self._catalogue, parent=parent, title=self.tr("Add SKU targets"))
        self.picker = picker
        picker.accepted.connect(lambda: add(picker.selected_rows()))
        picker.finished.connect(lambda _result: self._forget_picker(picker))
        picker.open()

    def _forget_picker(self, picker: QDialog) -> None:
        if self.picker is picker:
            self.picker = None
        picker.deleteLater()

    def new_show(self) -> None:
        from streamdesk.ui.pages.shows.show_dialog import ShowDialog
        from streamdesk.ui.pages.shows.undo_commands import CreateShowCommand

        settings = self._page.settings
        initial = default_show(
            self._page.now(),
            platforms=settings.default_platforms,
            currency=settings.currency,
            day=self._page.calendar_day(),
        )
        dialog = ShowDialog(self._shows, pick_skus=self.pick_skus, initial=initial, parent=self._page)
        dialog.accepted.connect(lambda: self._page.undo_stack.push(CreateShowCommand(self._page, dialog.show_input())))
        self._show(dialog)

    def edit_selected(self) -> None:
        from streamdesk.ui.pages.shows.show_dialog import ShowDialog
        from streamdesk.ui.pages.shows.undo_commands import EditShowCommand
        from streamdesk.ui.undo import push_edit_from_dialog

        selected = self._selected()
        if selected is None:
            return
        detail = self._page.run_service(lambda: self._shows.get_show(selected.id))
        if detail is None:
            return
        dialog = ShowDialog(self._shows, pick_skus=self.pick_skus, detail=detail, parent=self._page)

        def save() -> bool:
            """Saved while the dialog is open: when someone else changed the show since it was opened
            (db.conflict), the dialog stays open with the sentence, what was typed, and Reload."""
            opened = dialog.detail or detail
            after, before = dialog.show_input(), opened.to_input()
            if after == before:
                return True
            command = EditShowCommand(self._page, opened.id, before, after, opened.version)
            if push_edit_from_dialog(self._page.undo_stack, command, dialog):
                return True
            self._page.messages.dismiss()  # the dialog says it, and stays open
            return False

        dialog.on_save = save
        self._show(dialog)

    # --- copies ------------------------------------------------------------------------------------------------
    def duplicate_selected(self) -> None:
        from streamdesk.ui.pages.shows.copy_dialogs import DuplicateDialog
        from streamdesk.ui.pages.shows.undo_commands import DuplicateShowCommand

        selected = self._selected()
        if selected is None:
            return
        if selected.is_template:  # a template has no date to ask for
            self._page.undo_stack.push(DuplicateShowCommand(self._page, selected.id, selected.title, None))
            return
        start = next_same_weekday(selected.planned_start, self._page.now())
        dialog = DuplicateDialog(selected.title, start, self._page)
        dialog.accepted.connect(
            lambda: self._page.undo_stack.push(
                DuplicateShowCommand(self._page, selected.id, selected.title, dialog.planned_start())
            )
        )
        self._show(dialog)

    def save_selected_as_template(self) -> None:
        from streamdesk.ui.pages.shows.copy_dialogs import SaveTemplateDialog
        from streamdesk.ui.pages.shows.undo_commands import SaveTemplateCommand

        selected = self._selected()
        if selected is None or selected.is_template:
            return
        dialog = SaveTemplateDialog(selected.title, self._page)

        def save() -> None:
            command = SaveTemplateCommand(self._page, selected.id, dialog.template_title())
            self._page.undo_stack.push(command)
            if not command.failed:
                self._page.report_info(
                    self.tr("Template “{title}” saved. Find it under Templates (Alt+4).").format(
                        title=dialog.template_title()
                    )
                )

        dialog.accepted.connect(save)
        self._show(dialog)

    def new_from_template(self) -> None:
        from streamdesk.ui.pages.shows.copy_dialogs import FromTemplateDialog
        from streamdesk.ui.pages.shows.undo_commands import FromTemplateCommand

        templates = self._page.run_service(lambda: self._shows.list_shows(templates=True))
        if templates is None:
            return
        if not templates:
            self._page.report_info(
                self.tr("There are no templates yet. Select a show you run often and choose Save as template.")
            )
            return
        selected = self._selected()
        preselect = selected.id if selected is not None and selected.is_template else None
        start = default_start(self._page.now(), self._page.calendar_day())
        dialog = FromTemplateDialog(templates, start, preselect, self._page)

        def create() -> None:
            template_id = dialog.template_id()
            if template_id is not None:
                command = FromTemplateCommand(self._page, template_id, dialog.show_title(), dialog.planned_start())
                self._page.undo_stack.push(command)

        dialog.accepted.connect(create)
        self._show(dialog)

    # --- status, delete, stock ---------------------------------------------------------------------------------
    def set_selected_status(self, status: ShowStatus) -> None:
        from streamdesk.ui.pages.shows.undo_commands import StatusCommand

        selected = self._selected()
        if selected is None or selected.is_template or selected.status == status:
            return
        if selected.status in (ShowStatus.LIVE, ShowStatus.DONE):
            self._page.report_error(
                self.tr("“{title}” has already gone live; its status follows the live timer.").format(
                    title=selected.title
                )
            )
            return
        self._page.undo_stack.push(StatusCommand(self._page, selected.id, selected.title, status))

    def delete_selected(self) -> None:
        from streamdesk.ui.pages.shows.undo_commands import DeleteShowCommand

        selected = self._selected()
        if selected is None:
            return
        if selected.live_runs:
            self._page.report_error(
                self.tr(
                    "“{title}” has been run live, so it cannot be deleted: its timer log is the record of the show. "
                    "Mark it as cancelled instead, or leave it under Past."
                ).format(title=selected.title)
            )
            return
        command = DeleteShowCommand(self._page, selected.id, selected.title)
        self._page.undo_stack.push(command)
        if not command.failed:
            self._page.report_info(self.tr("“{title}” deleted. Press Ctrl+Z to undo.").format(title=selected.title))

    def stock_check(self) -> None:
        from streamdesk.ui.pages.shows.stock_check_dialog import StockCheckDialog

        selected = self._selected()
        if selected is None:
            return
        self._show(StockCheckDialog(self._shows, self._runner, selected.id, selected.title, self._page))
