"""The Shows page (直播计划): upcoming / past / all shows, templates and a month calendar on top; the selected
show's summary and its rundown editor below, full width for the rundown's many columns. Every show change is undoable (Ctrl+Z with the list focused).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from streamdesk.config import Settings
from streamdesk.core.review_types import ActionItemRow
from streamdesk.core.show_types import ShowStatus, ShowSummary
from streamdesk.ui.page_host import MessageHost
from streamdesk.ui.pages.shows.actions import ShowsActions
from streamdesk.ui.pages.shows.actions_line import wants_actions
from streamdesk.ui.pages.shows.calendar_view import ShowCalendar
from streamdesk.ui.pages.shows.flows import ShowFlows
from streamdesk.ui.pages.shows.page_parts import ShowSearchBox, empty_state_for
from streamdesk.ui.pages.shows.preflight_line import glance_for, wants_line
from streamdesk.ui.pages.shows.rundown_editor import RundownEditor
from streamdesk.ui.pages.shows.show_list_model import (
    ShowColumn,
    ShowListModel,
    ShowQuery,
    ShowView,
    is_upcoming,
    select_shows,
)
from streamdesk.ui.pages.shows.summary_panel import ShowSummaryPanel
from streamdesk.ui.pages.shows.undo_commands import ShowIdAliases
from streamdesk.ui.widgets.column_widths import widen_to_titles
from streamdesk.ui.widgets.message_bar import MessageBar
from streamdesk.ui.widgets.paged_table import PagedTableView, TableWithEmptyState
from streamdesk.ui.widgets.tab_order import tab_before

if TYPE_CHECKING:
    from streamdesk.core.advice import PacingCheck
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.preflight import Preflight
    from streamdesk.core.review import Review
    from streamdesk.core.shows import Shows
    from streamdesk.core.warmup import Warmup
    from streamdesk.ui.pages.shows.rundown_files import RundownIOSource
    from streamdesk.ui.tasks import TaskRunner

_COLUMN_WIDTHS = {
    ShowColumn.TITLE: 240,
    ShowColumn.START: 165,
    ShowColumn.PLATFORMS: 150,
    ShowColumn.STATUS: 90,
    ShowColumn.DURATION: 90,
    ShowColumn.SEGMENTS: 75,
}


class ShowsPage(MessageHost, QWidget):
    loaded = Signal()  # the list was (re)read and shown

    def __init__(
        self,
        shows: Shows,
        catalogue: Catalogue,
        runner: TaskRunner,
        *,
        settings: Settings | None = None,
        clock: Callable[[], datetime] | None = None,
        rundown_io: RundownIOSource | None = None,  # host sheet and CSV actions in the rundown editor
        warmup: Warmup | None = None,  # deleting a show keeps its warm-up for the undo
        preflight: Preflight | None = None,  # the summary's "Pre-flight:" line
        review: Review | None = None,  # the summary's "Actions from earlier reviews:" line
        pacing: Callable[[], PacingCheck] | None = None,  # the rundown's warnings from the seller's pacing habits
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._shows = shows
        self._review = review
        self._warmup = warmup
        self._preflight = preflight
        self._runner = runner
        self._settings = settings or Settings()
        self._clock = clock or (lambda: datetime.now(UTC))
        self._all: tuple[ShowSummary, ...] = ()
        self._query = ShowQuery()
        self._select_after_load: int | None = None
        self._aliases = ShowIdAliases()
        self._has_loaded = False
        self._refresh_rundown = False  # after a show edit here: the editor reads the rundown again
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)

        self.area = QWidget(self)  # the list side: the page's keys work here
        self.messages = MessageBar(self)
        self.search = ShowSearchBox(self.area)
        self.table = PagedTableView(self.area, row_height=30)
        self.table.setSelectionMode(PagedTableView.SelectionMode.SingleSelection)
        self.model = ShowListModel(self)
        self.table.setModel(self.model)
        self.stack = TableWithEmptyState(self.table, self.area)
        self.calendar = ShowCalendar(self.area)
        self.day_label = QLabel(self.area)
        self.whole_month = QPushButton(self.tr("Whole month"), self.area)
        self.count_label = QLabel(self.area)
        self.actions_ = ShowsActions(self.area, self.table, self.undo_stack)
        self.flows = ShowFlows(self, shows, catalogue, runner)
        self.summary = ShowSummaryPanel(self)
        self.rundown_editor = RundownEditor(shows, catalogue, runner, self, rundown_io=rundown_io, pacing=pacing)
        self.toolbar = QToolBar(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self._build_layout()
        self._connect()
        self._update_actions()
        self.reload()

    # --- layout and wiring -------------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.status_menu = self.actions_.fill_toolbar(self.toolbar)
        views = QHBoxLayout()
        views.setSpacing(2)
        for button in self.actions_.view_buttons(self.area):
            views.addWidget(button)
        views.addSpacing(12)
        views.addWidget(self.search, 1)
        toolbar_buttons = [self.toolbar.widgetForAction(action) for action in self.toolbar.actions()]
        view_buttons = [views.itemAt(index).widget() for index in range(views.count())]
        tab_before(
            self.search, [button for button in toolbar_buttons + view_buttons if isinstance(button, QToolButton)]
        )
        self.calendar_box = QWidget(self.area)
        calendar_layout = QVBoxLayout(self.calendar_box)
        calendar_layout.setContentsMargins(0, 0, 0, 0)
        calendar_layout.addWidget(self.calendar, 1)
        self.calendar_box.setFixedWidth(380)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in _COLUMN_WIDTHS.items():
            self.table.setColumnWidth(int(column), width)
        widen_to_titles(self.table)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        lists = QHBoxLayout()
        lists.addWidget(self.calendar_box)
        lists.addWidget(self.stack, 1)
        left = QVBoxLayout(self.area)
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(views)
        left.addLayout(lists, 1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.day_label)
        status_row.addWidget(self.count_label, 1)
        status_row.addWidget(self.whole_month)
        left.addLayout(status_row)

        show_side = QWidget(self)
        show_layout = QVBoxLayout(show_side)
        show_layout.setContentsMargins(0, 0, 0, 0)
        show_layout.addWidget(self.summary)
        show_layout.addWidget(self.rundown_editor, 1)
        self.splitter.addWidget(self.area)
        self.splitter.addWidget(show_side)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([330, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.messages)
        layout.addWidget(self.splitter, 1)
        self._show_calendar(False)

    def _connect(self) -> None:
        a = self.actions_
        f = self.flows
        a.new_show.triggered.connect(f.new_show)
        a.edit.triggered.connect(f.edit_selected)
        a.duplicate.triggered.connect(f.duplicate_selected)
        a.delete.triggered.connect(f.delete_selected)
        a.save_template.triggered.connect(f.save_selected_as_template)
        a.from_template.triggered.connect(f.new_from_template)
        a.stock_check.triggered.connect(f.stock_check)
        for status, action in a.status_actions.items():
            action.triggered.connect(lambda _checked=False, status=status: f.set_selected_status(status))
        a.views.triggered.connect(self._on_view_chosen)
        a.clear_search.triggered.connect(self.search.clear_search)
        self.search.search_changed.connect(self._on_search_changed)
        self.search.down_pressed.connect(self._focus_table)
        self.calendar.day_chosen.connect(self._on_day_chosen)
        self.calendar.month_shown.connect(self._on_month_shown)
        self.whole_month.clicked.connect(lambda: self._on_month_shown(*self.calendar.shown_month()))
        self.table.doubleClicked.connect(lambda _index: f.edit_selected())
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.rundown_editor.rundown_changed.connect(self._on_rundown_changed)

    # --- public ------------------------------------------------------------------------------------------------
    @property
    def shows(self) -> Shows:
        return self._shows

    @property
    def warmup(self) -> Warmup | None:
        return self._warmup

    @property
    def preflight(self) -> Preflight | None:
        return self._preflight

    @property
    def settings(self) -> Settings:
        return self._settings

    def now(self) -> datetime:
        return self._clock()

    def has_loaded(self) -> bool:
        return self._has_loaded

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def select_show(self, show_id: int) -> None:
        """Show and select this show, switching to the view that lists it (reads the list again first)."""
        self._select_after_load = show_id
        self.reload()

    def selected_show(self) -> ShowSummary | None:
        rows = self.table.selected_rows()
        return self.model.row(rows[0]) if rows else None

    def calendar_day(self) -> date | None:
        return self._query.day if self._query.view is ShowView.CALENDAR else None

    def set_view(self, view: ShowView) -> None:
        self.actions_.view_actions[view].setChecked(True)
        self._on_view_chosen(self.actions_.view_actions[view])

    def reload(self) -> None:
        shows = self._shows
        self._runner.start(
            lambda _cancel: shows.list_shows() + shows.list_shows(templates=True),
            on_success=self._on_loaded,
            on_error=self.report_error,
        )

    # --- the undo commands' host -------------------------------------------------------------------------------
    def shows_changed(self, select_show: int | None = None) -> None:
        """A show changed here (or its run started): read the list again; the rundown's times may have moved."""
        self._refresh_rundown = True
        self._reload_keeping(select_show)

    def _reload_keeping(self, select_show: int | None) -> None:
        selected = self.selected_show()
        self._select_after_load = select_show if select_show is not None else (selected.id if selected else None)
        self.reload()

    def resolve(self, show_id: int) -> int:
        return self._aliases.resolve(show_id)

    def remap(self, old_id: int, new_id: int) -> None:
        self._aliases.remap(old_id, new_id)

    # --- relayed from other pages ------------------------------------------------------------------------------
    def _on_stock_changed(self) -> None:
        self._refresh_summary()
        self.rundown_editor.refresh()  # live stock of the linked products

    def _on_show_started(self, _show_id: int) -> None:
        self.shows_changed()

    def _on_preflight_finished(self, _show_id: int) -> None:  # relayed from the Pre-flight page
        self._refresh_summary()

    def _on_review_edited(self, _show_id: int) -> None:  # action items ticked or added on Review or Pre-flight
        self._refresh_summary()

    def _on_settings_changed(self, settings: Settings) -> None:
        self._settings = settings

    # --- slots -------------------------------------------------------------------------------------------------
    def _on_loaded(self, summaries: tuple[ShowSummary, ...]) -> None:
        self._all = summaries
        self.calendar.set_shows(summaries)
        wanted = self._select_after_load
        if wanted is not None:
            self._reveal(wanted)
        self._apply()
        self._has_loaded = True
        self.loaded.emit()

    def _reveal(self, show_id: int) -> None:
        """Switch to a view that lists the show if the current one does not."""
        show = next((show for show in self._all if show.id == show_id), None)
        if show is None or show in select_shows(self._all, self._query, self.now()):
            return
        if self.search.search_text():
            self.search.clear()
            self._query = ShowQuery(self._query.view, "", self._query.day, self._query.month)
            if show in select_shows(self._all, self._query, self.now()):
                return
        if show.is_template:
            self.set_view(ShowView.TEMPLATES)
        elif self._query.view is ShowView.CALENDAR and show.planned_start is not None:
            self.calendar.choose_day(show.planned_start.astimezone().date())
        else:
            self.set_view(ShowView.UPCOMING if is_upcoming(show, self.now()) else ShowView.PAST)

    def _apply(self) -> None:
        keep = self._select_after_load
        if keep is None and (selected := self.selected_show()) is not None:
            keep = selected.id
        self._select_after_load = None
        self.model.set_rows(select_shows(self._all, self._query, self.now()))
        self._update_day_label()
        self.count_label.setText(self.tr("%n show(s)", "", self.model.rowCount()))
        number = self.model.row_of(keep) if keep is not None else None
        if number is None and self.model.rowCount():
            number = 0
        if number is not None:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(self.model.index(number, 0), flags)
            self.table.scrollTo(self.model.index(number, 0))
        self._on_selection_changed()
        self._update_empty_state()

    def _on_view_chosen(self, action: QAction) -> None:
        view = ShowView(action.data())
        month = self.calendar.shown_month() if view is ShowView.CALENDAR else None
        self._query = ShowQuery(view, self._query.text, None, month)
        self._show_calendar(view is ShowView.CALENDAR)
        self._apply()

    def _on_search_changed(self, text: str) -> None:
        self._query = ShowQuery(self._query.view, text, self._query.day, self._query.month)
        self._apply()

    def _on_day_chosen(self, day: date) -> None:
        self._query = ShowQuery(ShowView.CALENDAR, self._query.text, day, (day.year, day.month))
        self._apply()

    def _on_month_shown(self, year: int, month: int) -> None:
        self._query = ShowQuery(ShowView.CALENDAR, self._query.text, None, (year, month))
        self._apply()

    def _on_rundown_changed(self, _show_id: int) -> None:
        self._reload_keeping(None)  # segment count and rundown length in the list; the editor is up to date

    def _on_selection_changed(self, *_args: object) -> None:
        self._update_actions()
        self._refresh_summary()
        selected = self.selected_show()
        show_id = selected.id if selected is not None else None
        if show_id != self.rundown_editor.show_id():
            self.rundown_editor.set_show(show_id)  # a reload that keeps the show keeps its row and undo history
        elif self._refresh_rundown:
            self.rundown_editor.refresh()
        self._refresh_rundown = False

    def _refresh_summary(self) -> None:
        selected = self.selected_show()
        detail, warmup_plan, glance = None, None, None
        actions: tuple[ActionItemRow, ...] = ()
        if selected is not None:
            detail = self.run_service(lambda: self._shows.get_show(selected.id))
            warmup, preflight = self._warmup, self._preflight
            if detail is not None and warmup is not None and not detail.is_template:
                warmup_plan = self.run_service(lambda: warmup.peek_plan(selected.id))
            if detail is not None and preflight is not None and wants_line(detail):
                run = self.run_service(lambda: preflight.latest_run(selected.id))
                glance = glance_for(detail, run, self._settings.preflight.due_minutes, self.now())
            review = self._review
            if detail is not None and review is not None and wants_actions(detail.is_template, detail.status):
                actions = self.run_service(lambda: review.carried_actions(selected.id)) or ()
        self.summary.show_detail(detail, warmup_plan, glance, actions)

    def _focus_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_calendar(self, visible: bool) -> None:
        for widget in (self.calendar_box, self.day_label, self.whole_month):
            widget.setVisible(visible)

    def _update_day_label(self) -> None:
        query = self._query
        if query.day is not None:
            self.day_label.setText(self.tr("Shows on {day}:").format(day=query.day.isoformat()))
            self.whole_month.setEnabled(True)
        elif query.month is not None:
            self.day_label.setText(self.tr("Shows in {month}:").format(month=f"{query.month[0]}-{query.month[1]:02d}"))
            self.whole_month.setEnabled(False)

    def _update_empty_state(self) -> None:
        if self.model.rowCount():
            self.stack.show_table()
            return
        headline, text, actions = empty_state_for(self, self._query, self._all)
        self.stack.show_empty(headline, text, actions)

    def _update_actions(self, *_args: object) -> None:
        selected = self.selected_show()
        a = self.actions_
        for action in a.selection_actions():
            action.setEnabled(selected is not None)
        if selected is None:
            return
        a.save_template.setEnabled(not selected.is_template)
        a.delete.setEnabled(not selected.live_runs)
        editable = not selected.is_template and selected.status not in (ShowStatus.LIVE, ShowStatus.DONE)
        for status, action in a.status_actions.items():
            action.setEnabled(editable and selected.status != status)

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.table.selectRow(index.row())
        a = self.actions_
        menu = QMenu(self)
        menu.addActions([a.edit, a.duplicate, a.delete])
        menu.addMenu(self.status_menu)
        menu.addSeparator()
        menu.addActions([a.save_template, a.stock_check])
        menu.popup(self.table.viewport().mapToGlobal(position))
