"""The Review page (复盘): pick a show that went live and compare it with an earlier one — KPI cards against the
show's targets, the funnel and the timeline with its rundown, per-segment and per-product results, trends across
shows, and the notes, action items and cost inputs. Metrics are imported and totals typed here; the report is
written from here. The review is read as a task (the window never waits on it); every edit is undoable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QHideEvent, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from streamdesk.config import AppPaths, Settings
from streamdesk.core.review_types import ActionItemRow, ReviewHeader, ReviewNotes, ShowReviewData
from streamdesk.core.show_types import ShowSummary
from streamdesk.ui.actions import PAGE_KEYS, make_action, name_steps_in_tips, undo_redo_actions
from streamdesk.ui.page_host import UndoHost
from streamdesk.ui.pages.review import page_texts
from streamdesk.ui.pages.review.compare_box import AUTO, NONE, CompareBox
from streamdesk.ui.pages.review.notes_panel import NotesPanel
from streamdesk.ui.pages.review.page_flows import PageFlows
from streamdesk.ui.pages.review.result_tabs import OverviewTab, ProductsTab, SegmentsTab, has_any_data
from streamdesk.ui.pages.review.trends_tab import TrendsTab
from streamdesk.ui.undo import Aliases
from streamdesk.ui.widgets.message_bar import MessageBar
from streamdesk.ui.widgets.paged_table import EmptyState
from streamdesk.ui.widgets.show_picker import ShowPicker
from streamdesk.ui.widgets.task_progress import TaskProgress

if TYPE_CHECKING:
    from streamdesk.core.metrics_io import MetricsIO
    from streamdesk.core.report import ReportWriter
    from streamdesk.core.review import Review
    from streamdesk.core.shows import Shows
    from streamdesk.ui.pages.review.charts.trends import TrendsChart
    from streamdesk.ui.tasks import TaskRunner

_LAST_SHOW_KEY = "review/last_show"


@dataclass(frozen=True, slots=True)
class Loaded:
    """What one load job reads: the review, the shows it may be compared with, the carried action items."""

    data: ShowReviewData
    comparable: tuple[ReviewHeader, ...]
    carried: tuple[ActionItemRow, ...]


class ReviewPage(UndoHost, QWidget):
    show_changed = Signal(int)  # the page now reviews this show
    review_loaded = Signal(int)  # show id: its review is on screen
    review_edited = Signal(int)  # show id: its notes, action items, costs or platform data changed (or were undone)
    loaded = Signal()  # the list of shows was read

    def __init__(
        self,
        review: Review,
        metrics_io: Callable[[], MetricsIO],
        shows: Shows,
        runner: TaskRunner,
        *,
        settings: Settings,
        clock: Callable[[], datetime] | None = None,
        state: QSettings | None = None,  # remembers the last show and the splitters; default: window.ini
        make_report: Callable[[], ReportWriter] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._review, self._metrics_io, self._shows, self._runner = review, metrics_io, shows, runner
        self._settings, self._make_report = settings, make_report
        self._clock = clock or (lambda: datetime.now(UTC))
        self._state = state or QSettings(str(AppPaths.default().window_state_file), QSettings.Format.IniFormat, self)
        self._show_id: int | None = None
        self._data: ShowReviewData | None = None
        self._loading = 0  # the number of the latest load asked for: older answers are dropped
        self._select_action: int | None = None
        self._trends_request = 0
        self._has_loaded = False
        self._action_ids = Aliases()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(300)
        self.messages = MessageBar(self)
        self.progress = TaskProgress(self)
        self.picker = ShowPicker(self, state=self._state, key=_LAST_SHOW_KEY)
        self.compare = CompareBox(self)
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = EmptyState(self)
        self.tabs = QTabWidget(self)
        self.overview = OverviewTab(self.tabs)
        self.segments = SegmentsTab(self.tabs)
        self.products = ProductsTab(self.tabs)
        self.trends = TrendsTab(self._make_trends_chart, self.tabs)
        self.notes = NotesPanel(self.tabs)
        for tab, title in (
            (self.overview, self.tr("&1 Overview")),
            (self.segments, self.tr("&2 Segments")),
            (self.products, self.tr("&3 Products")),
            (self.trends, self.tr("&4 Trends")),
            (self.notes, self.tr("&5 Notes")),
        ):
            self.tabs.addTab(tab, title)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tabs)
        self._make_actions()
        self.flows = PageFlows(self)
        self._build_layout()
        self._connect()
        self.flows.restore_layout()
        self.reload_shows()

    @staticmethod
    def _make_trends_chart(parent: QWidget) -> TrendsChart:
        from streamdesk.ui.pages.review.charts.trends import TrendsChart

        return TrendsChart(parent)

    def _make_actions(self) -> None:
        self.undo_action, self.redo_action = undo_redo_actions(self, self.undo_stack, self.tr("Undo"), self.tr("Redo"))
        self.refresh_action = make_action(
            self, self.tr("Refresh"), "F5", self.tr("Read the review again"), context=PAGE_KEYS
        )
        self.refresh_action.triggered.connect(self.refresh)
        # Alt+1…5 open the tabs: their titles' mnemonics ("&1 Overview"), so no actions of our own for them

    def _build_layout(self) -> None:
        show_label = QLabel(self.tr("Show:"), self)
        show_label.setBuddy(self.picker)
        compare_label = QLabel(self.tr("Compare with:"), self)
        compare_label.setBuddy(self.compare)
        top = QHBoxLayout()
        top.addWidget(show_label)
        top.addWidget(self.picker, 3)
        top.addSpacing(12)
        top.addWidget(compare_label)
        top.addWidget(self.compare, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.flows.toolbar)
        layout.addWidget(self.messages)
        layout.addWidget(self.progress)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)

    def _connect(self) -> None:
        self.picker.show_chosen.connect(self.set_show)
        self.compare.activated.connect(lambda _index: self.refresh())
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.trends.platform_chosen.connect(lambda _platform: self.load_trends())
        self.overview.timeline.segment_clicked.connect(self._on_segment_clicked)
        notes = self.notes
        notes.notes_edited.connect(self.flows.save_notes)
        notes.action_added.connect(self.flows.add_action)
        notes.action_edited.connect(self.flows.edit_action)
        notes.action_deleted.connect(self.flows.delete_action)
        notes.action_ticked.connect(self.flows.tick_action)
        notes.costs.costs_edited.connect(self.flows.save_costs)
        notes.costs.invalid_input.connect(self.report_error)
        name_steps_in_tips(self.undo_stack, self.undo_action, self.redo_action)

    # --- public ---------------------------------------------------------------------------------------------
    @property
    def review(self) -> Review:
        return self._review

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def action_ids(self) -> Aliases:
        return self._action_ids

    def metrics_io(self) -> MetricsIO:
        return self._metrics_io()

    def report_writer(self) -> ReportWriter | None:
        return None if self._make_report is None else self._make_report()

    def state(self) -> QSettings:
        return self._state

    def now(self) -> datetime:
        return self._clock()

    def show_id(self) -> int | None:
        return self._show_id

    def data(self) -> ShowReviewData | None:
        return self._data

    def has_loaded(self) -> bool:
        return self._has_loaded

    def is_loading(self) -> bool:
        return self.progress.task is not None

    def set_show(self, show_id: int) -> None:
        """Review this show (remembered for next time); the undo history belongs to the show reviewed."""
        if not self.picker.moves_to(show_id, self._show_id):
            return
        self.notes.save_notes()  # typing on the previous show is stored before it goes
        self.undo_stack.clear()
        self.picker.remember(show_id)
        self._show_id, self._data = show_id, None
        self.messages.dismiss()
        self.compare.clear()
        self.trends.mark_stale()
        self._load()
        self.show_changed.emit(show_id)

    def refresh(self) -> None:
        """Read the review again (after an import, a totals or cost change, the comparison chosen)."""
        self.trends.mark_stale()
        self._load()
        if self.tabs.currentWidget() is self.trends:
            self.load_trends()

    def reload_shows(self) -> None:
        shows, review = self._shows, self._review

        def job(_cancel: object) -> tuple[tuple[ShowSummary, ...], frozenset[int]]:
            return shows.list_shows(), frozenset(header.show_id for header in review.reviewable_shows())

        self._runner.start(job, on_success=self._on_shows, on_error=self.report_error)

    # --- relayed from the window and other pages -----------------------------------------------------------
    def _on_settings_changed(self, settings: Settings) -> None:
        self._settings = settings
        if self._show_id is not None:
            self.refresh()

    def _on_show_started(self, _show_id: int) -> None:
        self.reload_shows()

    def _on_orders_imported(self, *_args: object) -> None:
        if self._show_id is not None:
            self.refresh()

    def _on_review_edited(self, _show_id: int) -> None:  # an action item ticked off on the Pre-flight page
        if self._show_id is not None:
            self.refresh()

    def set_privacy(self, _privacy: object) -> None:
        """No buyer's name, phone or address is shown here: nothing to mask."""

    # --- the undo commands' host ----------------------------------------------------------------------------
    def notes_changed(self, notes: ReviewNotes) -> None:
        self.notes.set_notes(notes, force=True)
        self._edited()

    def actions_changed(self, selected: int | None = None) -> None:
        self._select_action = selected
        self._load(quiet=True)
        self._edited()

    def review_changed(self) -> None:
        self.refresh()
        self._edited()

    def _edited(self) -> None:
        if self._show_id is not None:
            self.review_edited.emit(self._show_id)

    # --- loading --------------------------------------------------------------------------------------------
    def _on_shows(self, result: tuple[tuple[ShowSummary, ...], frozenset[int]]) -> None:
        summaries, reviewable = result
        chosen = self.picker.offer([show for show in summaries if show.id in reviewable], self.now(), self._show_id)
        self.flows.enable_for_show(chosen is not None)
        if chosen is None:
            self._show_id, self._data = None, None
            self.header.clear()
            self.empty.show_state(page_texts.no_shows_headline(), page_texts.no_shows_text())
            self.stack.setCurrentWidget(self.empty)
        elif chosen != self._show_id:
            self.set_show(chosen)
        else:
            self.refresh()
        self._has_loaded = True
        self.loaded.emit()

    def _load(self, *, quiet: bool = False) -> None:
        show_id = self._show_id
        if show_id is None:
            return
        self._loading += 1
        number, review, choice = self._loading, self._review, self.compare.choice()

        def job(_cancel: object) -> Loaded:
            if choice == NONE:
                data = review.review(show_id, compare_to=None, auto_compare=False)
            elif isinstance(choice, int):
                data = review.review(show_id, compare_to=choice)
            else:
                data = review.review(show_id)
            return Loaded(data, review.comparable_shows(show_id), review.carried_actions(show_id))

        task = self._runner.start(
            job,
            on_success=lambda loaded: self._on_loaded(number, loaded),
            on_error=lambda message: self._on_load_failed(number, message),
        )
        if not quiet:
            self.progress.track(task, self.tr("Reading the review…"), cancellable=False)

    def _on_load_failed(self, number: int, message: str) -> None:
        if number == self._loading:
            self.report_error(message)

    def _on_loaded(self, number: int, loaded: Loaded) -> None:
        data = loaded.data
        if number != self._loading or data.header.show_id != self._show_id:
            return  # a newer load is on its way, or another show is shown now
        self._data = data
        self.compare.fill(loaded.comparable, data)
        compare_title = data.compare_to.title if data.compare_to is not None else None
        self.header.setText(page_texts.header_text(data, self.compare.choice() == AUTO))
        self.stack.setCurrentWidget(self.tabs)
        self.overview.set_data(data, compare_title)
        if has_any_data(data):
            self.overview.set_hint(page_texts.data_hint(data))
        else:
            self.overview.show_no_data(self.flows.import_action, self.flows.totals_action)
        self.segments.set_data(data)
        self.products.set_data(data)
        self.notes.set_notes(data.notes)
        self.notes.set_actions(data.actions, loaded.carried, self._select_action)
        self._select_action = None
        settings = self._settings.review
        platform = data.header.platforms[0].value if data.header.platforms else ""
        self.notes.costs.set_costs(
            data.costs,
            data.header.currency,
            default_fee_bp=settings.fee_basis_points.get(platform, 0),
            default_shipping_minor=settings.shipping_per_order_minor,
        )
        self.flows.enable_for_show(True)
        self.review_loaded.emit(data.header.show_id)

    # --- trends ---------------------------------------------------------------------------------------------
    def _on_tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.trends and not self.trends.is_loaded():
            self.load_trends()

    def load_trends(self) -> None:
        review, platform = self._review, self.trends.chosen_platform()
        self._trends_request += 1
        number = self._trends_request

        def shown(points: object) -> None:
            if number == self._trends_request and isinstance(points, tuple):
                self.trends.set_points(points, window=self._settings.review.moving_average_shows)

        task = self._runner.start(
            lambda _cancel: review.trends(platform=platform), on_success=shown, on_error=self.report_error
        )
        self.progress.track(task, self.tr("Reading the trends…"), cancellable=False)

    def _on_segment_clicked(self, band_index: int) -> None:
        self.tabs.setCurrentWidget(self.segments)
        self.segments.select_segment(band_index)

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the page (another page, the window closing) stores typed notes and the splitters."""
        self.notes.save_notes()
        self.flows.save_layout()
        super().hideEvent(event)
