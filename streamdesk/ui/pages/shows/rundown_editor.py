"""The run-of-show editor (流程编辑): a show's segments in a table with back-timed clock times, edited in place,
reordered by drag and drop or Ctrl+↑/↓, every change undoable; a side panel for products and talking points; a
footer with the total against the planned duration and the conflicts.

Embedded by the Shows page: ``RundownEditor(shows, catalogue, runner, rundown_io=...)``, then ``set_show(show_id)``;
with ``rundown_io`` (a RundownIO or a callable returning one) the toolbar has the host sheet PDF and CSV export and
import (rundown_files.py), without it those actions are absent. Every edit is
a synchronous service call (one short transaction) followed by a re-read of the rundown; on the demo database
both together take a few milliseconds (tests/bench/bench_rundown_edit.py: 5 ms median on SQLite, 10 ms on
PostgreSQL; target p95 ≤ 100 ms).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QMenu,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.errors import UserError
from streamdesk.core.show_types import SegmentInput, SegmentKind
from streamdesk.messages import describe, render
from streamdesk.ui.pages.shows.product_picker import ProductPickerDialog
from streamdesk.ui.pages.shows.rundown_actions import RundownActions
from streamdesk.ui.pages.shows.rundown_commands import (
    DeleteSegmentCommand,
    EditSegmentCommand,
    InsertSegmentCommand,
    MoveSegmentCommand,
    duplicate_text,
    edit_text,
    insert_text,
)
from streamdesk.ui.pages.shows.rundown_files import RundownFiles
from streamdesk.ui.pages.shows.rundown_footer import RundownFooter
from streamdesk.ui.pages.shows.rundown_model import RundownColumn, RundownModel
from streamdesk.ui.pages.shows.rundown_table import RundownTable
from streamdesk.ui.pages.shows.script_templates import ScriptTemplate, template_segment
from streamdesk.ui.pages.shows.segment_details import SegmentDetailsPanel
from streamdesk.ui.pages.shows.segment_edits import moves_for, reordered
from streamdesk.ui.widgets.message_bar import MessageBar
from streamdesk.ui.widgets.paged_table import TableWithEmptyState
from streamdesk.ui.widgets.tab_scroll import TabScrollArea

if TYPE_CHECKING:
    from streamdesk.core.advice import PacingCheck
    from streamdesk.core.advice_pacing import PacingWarning
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.show_types import Rundown, ShowSummary
    from streamdesk.core.shows import Shows
    from streamdesk.ui.pages.shows.rundown_files import RundownIOSource
    from streamdesk.ui.tasks import TaskRunner

NEW_SEGMENT_SECONDS = 300


class RundownEditor(QWidget):
    rundown_changed = Signal(int)  # show id, after every change written (and undone or redone)

    def __init__(
        self,
        shows: Shows,
        catalogue: Catalogue,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        rundown_io: RundownIOSource | None = None,
        pacing: Callable[[], PacingCheck] | None = None,
    ) -> None:
        """``pacing`` reads the seller's pacing habits (the assistant's): the footer then warns about segments
        planned far from what their kind really takes. Read as a task once, when the first show is opened."""
        super().__init__(parent)
        self._shows = shows
        self._read_pacing = pacing
        self._pacing: PacingCheck | None = None
        self._pacing_asked = False
        self._catalogue = catalogue
        self._runner = runner  # for the page's long jobs; every rundown call here is a short synchronous one
        self._show_id: int | None = None
        self._syncing_panel = False
        self._undo = QUndoStack(self)
        self._undo.setUndoLimit(200)
        self.messages = MessageBar(self)
        self.model = RundownModel(self, self)
        self.table = RundownTable(self)
        self.table.setModel(self.model)
        self.table.set_column_widths()
        self.stack = TableWithEmptyState(self.table, self)
        self.panel = SegmentDetailsPanel(self)
        self.footer = RundownFooter(self)
        self.editor_actions = RundownActions(self, self.table, self._undo)
        self.files = None if rundown_io is None else RundownFiles(self, shows, catalogue, runner, rundown_io)
        self.toolbar = QToolBar(self)
        self._build_layout()
        self._connect()
        self.set_show(None)

    # --- layout and wiring -------------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        a = self.editor_actions
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(a.insert_segment)
        self.toolbar.addAction(a.insert_template)
        button = self.toolbar.widgetForAction(a.insert_template)
        if isinstance(button, QToolButton):
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        for action in (None, a.duplicate, a.delete, a.move_up, a.move_down, None, a.add_products, None, a.undo, a.redo):
            if action is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(action)
        if self.files is not None:
            self.files.add_to(self.toolbar)
        # The side panel scrolls rather than set the page's minimum height: on a 1366×768 laptop the show list,
        # the summary and the rundown must all fit.
        panel_area = TabScrollArea(self)  # Tab down the panel scrolls each field just into view
        panel_area.setWidget(self.panel)
        panel_area.setWidgetResizable(True)
        panel_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the panel's fields, not to its frame
        panel_area.setFrameShape(QFrame.Shape.NoFrame)
        panel_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.stack)
        splitter.addWidget(panel_area)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.messages)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.footer)

    def _connect(self) -> None:
        a = self.editor_actions
        a.insert_segment.triggered.connect(self.insert_new_segment)
        a.insert_template.triggered.connect(self._show_templates_menu)
        for template, action in a.template_actions.items():
            action.triggered.connect(lambda _checked=False, t=template: self.insert_template(t))
        a.duplicate.triggered.connect(self.duplicate_selected)
        a.delete.triggered.connect(self.delete_selected)
        a.move_up.triggered.connect(lambda: self.move_selected(-1))
        a.move_down.triggered.connect(lambda: self.move_selected(1))
        a.add_products.triggered.connect(self.add_products)
        a.edit_details.triggered.connect(self.panel.focus_talking_points)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.panel.segment_edited.connect(self._on_panel_edit)
        self.panel.add_products_requested.connect(self.add_products)
        self.panel.back_to_table.connect(lambda: self.table.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.footer.conflict_activated.connect(self.select_row)

    # --- public ------------------------------------------------------------------------------------------------
    def set_show(self, show_id: int | None) -> None:
        """Edit another show's rundown (None: none). The undo history belongs to one show and is cleared."""
        self.panel.commit_pending()
        if show_id != self._show_id:
            self._undo.clear()
        self._show_id = show_id
        self.messages.dismiss()
        self._ask_pacing()
        self.refresh()
        if self.model.rowCount():
            self.select_row(0)

    def show_id(self) -> int | None:
        return self._show_id

    def undo_stack(self) -> QUndoStack:
        return self._undo

    def refresh(self) -> None:
        """Read the rundown again: live prices and stock, or the show's start changed elsewhere."""
        rundown = None
        if self._show_id is not None:
            try:
                rundown = self._shows.rundown(self._show_id)
            except UserError as error:
                self.report_error(describe(error))
        selected = [self.model.segment(row).id for row in self.selected_rows()]
        current = self.table.currentIndex()
        self.model.set_rundown(rundown)
        self.footer.set_rundown(rundown, self._pacing_warnings(rundown))
        self._update_empty_state()
        if selected and not self.selected_rows():  # the model was reset: select the same segments again
            rows = [row for row in map(self.model.row_of_segment, selected) if row is not None]
            self._select_rows(rows, current.column() if current.isValid() else int(RundownColumn.TITLE))
        self._sync_panel()

    def pacing(self) -> PacingCheck | None:
        """The pacing habits the footer warns by; None until read (or without a reader)."""
        return self._pacing

    def reload_pacing(self) -> None:
        """Read the pacing habits again (after a show was streamed, or a suggestion dismissed)."""
        self._pacing_asked = False
        self._ask_pacing()

    def _ask_pacing(self) -> None:
        if self._read_pacing is None or self._pacing_asked or self._show_id is None:
            return
        self._pacing_asked = True
        read = self._read_pacing
        self._runner.start(lambda _cancel: read(), on_success=self._on_pacing, on_error=self.report_error)

    def _on_pacing(self, pacing: PacingCheck) -> None:
        self._pacing = pacing
        self.refresh()

    def _pacing_warnings(self, rundown: Rundown | None) -> tuple[PacingWarning, ...]:
        if rundown is None or self._pacing is None:
            return ()
        return self._pacing.warnings([(s.id, s.kind, s.title, s.planned_seconds) for s in rundown.segments])

    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def select_row(self, row: int) -> None:
        current = self.table.currentIndex()
        self._select_rows([row], current.column() if current.isValid() else int(RundownColumn.TITLE))

    # --- RundownHost (commands) and RundownEdits (model) -------------------------------------------------------
    @property
    def shows(self) -> Shows:
        return self._shows

    def report_error(self, message: str) -> None:
        self.messages.show_error(message)

    def segment_id_at(self, show_id: int, position: int) -> int:
        rundown = self.model.rundown()
        if rundown is None or rundown.show_id != show_id:
            rundown = self._shows.rundown(show_id)
        if not 0 <= position < len(rundown.segments):
            raise UserError("shows.bad_position", position=position + 1, count=len(rundown.segments))
        return rundown.segments[position].id

    def rundown_written(self, show_id: int, select: int | None) -> None:
        if show_id == self._show_id:
            self.refresh()
            if select is not None and not self._syncing_panel and self.model.rowCount():
                self.select_row(min(select, self.model.rowCount() - 1))
        self.rundown_changed.emit(show_id)

    def edit_segment(self, row: int, after: SegmentInput, text: str = "") -> bool:
        if self._show_id is None or not self._valid(after):
            return False
        before = self.model.segment(row).to_input()
        command = EditSegmentCommand(self, self._show_id, row, before, after, text or edit_text(after.title))
        self._undo.push(command)
        return not command.failed

    def move_rows(self, rows: Sequence[int], insert_before: int) -> bool:
        """Reorder as one undo step: one move per segment that has to change place."""
        if self._show_id is None:
            return False
        order = reordered(self.model.rowCount(), rows, insert_before)
        moves = moves_for(order)
        if not moves:
            return False
        titles = [self.model.segment(row).title for row in range(self.model.rowCount())]
        moved = sorted(set(rows))
        if len(moves) > 1:
            self._undo.beginMacro(self.tr("Move %n segment(s)", "", len(moved)))
        failed = False
        for source, destination in moves:
            command = MoveSegmentCommand(self, self._show_id, source, destination, titles[source])
            titles.insert(destination, titles.pop(source))
            self._undo.push(command)
            failed = failed or command.failed
        if len(moves) > 1:
            self._undo.endMacro()
        new_rows = [order.index(row) for row in moved]
        self._select_rows(new_rows, self._current_column())
        return not failed

    # --- actions -----------------------------------------------------------------------------------------------
    def insert_new_segment(self) -> None:
        segment = SegmentInput(
            kind=SegmentKind.PITCH, title=self.tr("New segment"), planned_seconds=NEW_SEGMENT_SECONDS
        )
        if self._insert(segment, insert_text(segment.title)):
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.table.edit(self.table.currentIndex().siblingAtColumn(int(RundownColumn.TITLE)))

    def insert_template(self, template: ScriptTemplate) -> None:
        segment = template_segment(
            template, next_show=self._next_show() if template is ScriptTemplate.NEXT_SHOW else None
        )
        self._insert(segment, insert_text(segment.title))

    def duplicate_selected(self) -> None:
        rows = self.selected_rows()
        if self._show_id is None or not rows:
            return
        segment = self.model.segment(rows[-1])
        command = InsertSegmentCommand(
            self, self._show_id, rows[-1] + 1, segment.to_input(), duplicate_text(segment.title)
        )
        self._undo.push(command)

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if self._show_id is None or not rows:
            return
        if len(rows) > 1:
            self._undo.beginMacro(self.tr("Delete %n segment(s)", "", len(rows)))
        for row in reversed(rows):  # bottom first: the positions above stay valid
            self._undo.push(DeleteSegmentCommand(self, self._show_id, row, self.model.segment(row).title))
        if len(rows) > 1:
            self._undo.endMacro()

    def move_selected(self, step: int) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        if step < 0 and rows[0] > 0:
            self.move_rows(rows, rows[0] - 1)
        elif step > 0 and rows[-1] < self.model.rowCount() - 1:
            self.move_rows(rows, rows[-1] + 2)

    def add_products(self) -> None:
        rows = self.selected_rows()
        if self._show_id is None or len(rows) != 1:
            return
        segment = self.model.segment(rows[0])
        dialog = ProductPickerDialog(self._catalogue, [p.variant_id for p in segment.products], self)
        try:
            if dialog.exec() != ProductPickerDialog.DialogCode.Accepted:
                return
            self.link_products(rows[0], dialog.selected_variant_ids())
        finally:
            dialog.deleteLater()

    def link_products(self, row: int, variant_ids: Sequence[int]) -> bool:
        """Add SKUs to a segment; empty talking points are filled in from the products' crib sheets."""
        segment = self.model.segment(row)
        before = segment.to_input()
        added = [v for v in dict.fromkeys(variant_ids) if v not in before.variant_ids]
        if not added:
            return False
        after = replace(before, variant_ids=before.variant_ids + tuple(added))
        if not before.talking_points.strip():
            try:
                after = replace(after, talking_points=self._shows.talking_points_for(after.variant_ids))
            except UserError as error:
                self.report_error(describe(error))
        text = self.tr("Add %n product(s) to “{title}”", "", len(added)).format(title=segment.title)
        return self.edit_segment(row, after, text)

    # --- helpers -----------------------------------------------------------------------------------------------
    def _insert(self, segment: SegmentInput, text: str) -> bool:
        if self._show_id is None or not self._valid(segment):
            return False
        rows = self.selected_rows()
        position = rows[-1] + 1 if rows else self.model.rowCount()
        command = InsertSegmentCommand(self, self._show_id, position, segment, text)
        self._undo.push(command)
        return not command.failed

    def _valid(self, segment: SegmentInput) -> bool:
        problems = self._shows.validate_segment(segment)
        if problems:
            self.report_error(render(problems[0].code, dict(problems[0].fields)))
            return False
        return True

    def _next_show(self) -> ShowSummary | None:
        rundown = self.model.rundown()
        if rundown is None or rundown.planned_start is None:
            return None
        later = self._shows.list_shows(start=rundown.planned_start)
        return next((s for s in later if s.id != rundown.show_id and s.planned_start != rundown.planned_start), None)

    def _current_column(self) -> int:
        current = self.table.currentIndex()
        return current.column() if current.isValid() else int(RundownColumn.TITLE)

    def _select_rows(self, rows: Sequence[int], column: int) -> None:
        rows = [row for row in rows if 0 <= row < self.model.rowCount()]
        if not rows:
            return
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last))
        model = self.table.selectionModel()
        model.setCurrentIndex(self.model.index(rows[0], column), QItemSelectionModel.SelectionFlag.NoUpdate)
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        horizontal = self.table.horizontalScrollBar().value()
        self.table.scrollTo(self.model.index(rows[0], column))
        self.table.horizontalScrollBar().setValue(horizontal)  # follow the row up and down, never jump sideways

    def _update_empty_state(self) -> None:
        a = self.editor_actions
        if self._show_id is None:
            self.stack.show_empty(self.tr("No show selected"), self.tr("Choose a show to plan its run of show."))
        elif self.model.rowCount() == 0:
            offered = (a.insert_segment, a.insert_template)
            self.stack.show_empty(
                self.tr("No segments yet"),
                self.tr("Add segments one by one, or start with a ready-made welcome and closing."),
                offered if self.files is None else (*offered, self.files.import_rundown),
            )
        else:
            self.stack.show_table()
        has_show = self._show_id is not None
        a.insert_segment.setEnabled(has_show)
        a.insert_template.setEnabled(has_show)
        if self.files is not None:
            self.files.set_enabled(has_show, self.model.rowCount() > 0)

    def _on_selection_changed(self, *_args: object) -> None:
        rows = self.selected_rows()
        for action in self.editor_actions.segment_actions():
            action.setEnabled(bool(rows))
        self.editor_actions.add_products.setEnabled(len(rows) == 1)
        self._sync_panel()

    def _sync_panel(self) -> None:
        """Show the selected segment in the side panel, saving what was typed there for the previous one first."""
        if self._syncing_panel:
            return
        self._syncing_panel = True
        try:
            self.panel.commit_pending()
            rows = self.selected_rows()
            row = rows[0] if len(rows) == 1 else None
            self.panel.set_segment(row, self.model.segment(row) if row is not None else None)
        finally:
            self._syncing_panel = False

    def _on_panel_edit(self, row: int, after: object, text: str) -> None:
        if isinstance(after, SegmentInput) and 0 <= row < self.model.rowCount():
            self.edit_segment(row, after, text)

    def _show_templates_menu(self) -> None:
        button = self.toolbar.widgetForAction(self.editor_actions.insert_template)
        anchor = button.mapToGlobal(QPoint(0, button.height())) if button is not None else self.mapToGlobal(QPoint())
        self.editor_actions.templates_menu.popup(anchor)

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.table.selectRow(index.row())
        a = self.editor_actions
        menu = QMenu(self)
        for action in (
            a.edit_details,
            a.add_products,
            None,
            a.insert_segment,
            a.duplicate,
            a.delete,
            None,
            a.move_up,
            a.move_down,
        ):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.addMenu(a.templates_menu).setText(a.insert_template.text())
        menu.popup(self.table.viewport().mapToGlobal(position))
