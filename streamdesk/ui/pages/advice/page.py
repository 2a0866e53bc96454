"""The Advice page (助手): suggestions from the seller's own streamed shows — when to go live and for how long,
which role each product plays best and which never sells, how long each kind of segment really takes — each with
the figures it came from and a button to dismiss it (undoable). The tables behind them sit beside the cards.

The advice is worked out as a task whenever the page is shown or the platform filter changes (an older answer is
dropped); working it out also refreshes the products' history scores the catalogue's selection score reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.advice import AdviceReport, Suggestion
from streamdesk.labels import platform_name
from streamdesk.models.base import Platform
from streamdesk.ui.actions import PAGE_KEYS, make_action, name_steps_in_tips, undo_redo_actions
from streamdesk.ui.formatting import MUTED_STYLE, format_local_datetime
from streamdesk.ui.page_host import UndoHost
from streamdesk.ui.pages.advice import columns
from streamdesk.ui.pages.advice.cards import SuggestionList
from streamdesk.ui.pages.advice.commands import ApplyRoleCommand, DismissCommand, RestoreCommand
from streamdesk.ui.pages.advice.tables import Column, FiguresModel
from streamdesk.ui.pages.review.result_table import ResultTable
from streamdesk.ui.widgets.message_bar import MessageBar
from streamdesk.ui.widgets.paged_table import TableWithEmptyState
from streamdesk.ui.widgets.task_progress import TaskProgress

if TYPE_CHECKING:
    from streamdesk.core.advice import Advice
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.jobs import CancelToken
    from streamdesk.ui.tasks import TaskRunner


class AdvicePage(UndoHost, QWidget):
    loaded = Signal()  # a report is on screen

    def __init__(
        self, advice: Advice, runner: TaskRunner, catalogue: Catalogue | None = None, parent: QWidget | None = None
    ) -> None:
        """``catalogue``: role suggestions get a button that sets the role (without it they are advice only)."""
        super().__init__(parent)
        self._advice, self._runner, self._catalogue = advice, runner, catalogue
        self._report: AdviceReport | None = None
        self._request = 0
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(100)
        self.messages = MessageBar(self)
        self.progress = TaskProgress(self)
        self.platform = QComboBox(self)
        self.platform.addItem(self.tr("All platforms"), None)
        for platform in Platform:
            self.platform.addItem(platform_name(platform), platform.value)
        self.platform.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.platform.setAccessibleName(self.tr("Platform"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(MUTED_STYLE)
        self.suggestions = SuggestionList(self)
        self.tabs = QTabWidget(self)
        currency = self.currency
        self.slots = self._table(columns.slot_columns(currency), self.tr("&1 Start times"), self._slots_empty())
        self.bands = self._table(columns.band_columns(currency), self.tr("&2 Lengths"), self._slots_empty())
        self.products = self._table(
            columns.product_columns(),
            self.tr("&3 Products"),
            (
                self.tr("No product has been pitched in a streamed show yet"),
                self.tr(
                    "Add products to the rundown's segments on the Shows page; after the show, each product's sales "
                    "during its pitches show here."
                ),
            ),
        )
        self.pacing = self._table(
            columns.pacing_columns(),
            self.tr("&4 Pacing"),
            (
                self.tr("No segment has run with the live timer yet"),
                self.tr("Each segment you run with the timer on the Live page tells how long that kind really takes."),
            ),
        )
        self._make_actions()
        self._build_layout()
        self.platform.currentIndexChanged.connect(lambda _index: self.refresh())
        self.suggestions.dismiss_clicked.connect(self.dismiss)
        self.suggestions.restore_clicked.connect(self.restore)
        self.suggestions.apply_clicked.connect(self.apply_role)
        self.suggestions.rebuilt.connect(self._chain_focus)
        name_steps_in_tips(self.undo_stack, self.undo_action, self.redo_action)

    def _table(self, cols: list[Column[object]], title: str, empty: tuple[str, str]) -> TableWithEmptyState:
        table = ResultTable(FiguresModel(cols, self), self)
        holder = TableWithEmptyState(table, self.tabs)
        holder.empty_state.show_state(*empty)
        holder.setCurrentWidget(holder.empty_state)
        self.tabs.addTab(holder, title)
        return holder

    def _slots_empty(self) -> tuple[str, str]:
        return (
            self.tr("No streamed shows yet"),
            self.tr(
                "Each show you take live with the timer on the Live page adds a row here, with its orders and the "
                "live data you import on the Review page."
            ),
        )

    def _make_actions(self) -> None:
        self.undo_action, self.redo_action = undo_redo_actions(self, self.undo_stack, self.tr("Undo"), self.tr("Redo"))
        self.refresh_action = make_action(
            self, self.tr("Refresh"), "F5", self.tr("Work the advice out again"), context=PAGE_KEYS
        )
        self.refresh_action.triggered.connect(self.refresh)

    def _build_layout(self) -> None:
        platform_label = QLabel(self.tr("&Platform:"), self)
        platform_label.setBuddy(self.platform)
        toolbar = QToolBar(self)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.refresh_action, self.undo_action, self.redo_action):
            toolbar.addAction(action)
        top = QHBoxLayout()
        top.addWidget(platform_label)
        top.addWidget(self.platform)
        top.addWidget(toolbar)
        top.addWidget(self.summary, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("adviceSplitter")
        splitter.addWidget(self.suggestions)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([440, 660])  # the cards are read first; the tables hold the details
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.messages)
        layout.addWidget(self.progress)
        layout.addWidget(splitter, 1)

    # --- public ---------------------------------------------------------------------------------------------
    @property
    def report(self) -> AdviceReport | None:
        return self._report

    def currency(self) -> str:
        return self._report.currency if self._report is not None else "CNY"

    def chosen_platform(self) -> Platform | None:
        value = self.platform.currentData()
        return None if value is None else Platform(value)

    def refresh(self) -> None:
        """Works the advice out again as a task; an answer to an older request is dropped."""
        self._request += 1
        request, platform, advice = self._request, self.chosen_platform(), self._advice

        def job(cancel: CancelToken) -> AdviceReport:
            return advice.report(platform=platform, cancel=cancel)  # the computer's zone, as the review uses

        task = self._runner.start(
            job,
            on_success=lambda report: self._on_loaded(request, report),
            on_error=self.report_error,
        )
        self.progress.track(task, self.tr("Working out the advice from your shows…"))

    def dismiss(self, suggestion: Suggestion) -> None:
        self.push(DismissCommand(self._advice, suggestion, self._dismissals_changed, self.report_error))

    def restore(self, suggestion: Suggestion) -> None:
        self.push(RestoreCommand(self._advice, suggestion, self._dismissals_changed, self.report_error))

    def apply_role(self, suggestion: Suggestion) -> None:
        if self._catalogue is None:
            return
        self.push(ApplyRoleCommand(self._catalogue, suggestion, lambda _selected: self.refresh(), self.report_error))

    # --- events ---------------------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():  # shown by the sidebar, not restored from minimised: the shows may have changed
            self.refresh()

    def _on_loaded(self, request: int, report: AdviceReport) -> None:
        if request != self._request or not shiboken6.isValid(self):
            return
        self._report = report
        self._show(report)
        self.loaded.emit()

    def _dismissals_changed(self, _selected: int | None = None) -> None:
        """After a dismissal or its undo: the suggestions are marked again from the stored dismissals (cheap), not
        worked out again."""
        if self._report is None:
            return
        marked = self._advice.mark_dismissed(self._report)
        self._report = marked
        self._show(marked)

    def _show(self, report: AdviceReport) -> None:
        slots, currency = report.slots, report.currency
        self.suggestions.set_suggestions(report.suggestions, currency)
        best_slot = slots.best_slot.best.key if slots.best_slot is not None else None
        best_band = slots.best_band.best.lower_seconds if slots.best_band is not None else None
        self._fill(self.slots, slots.slots, lambda row: getattr(row, "key", None) == best_slot)
        self._fill(self.bands, slots.bands, lambda row: getattr(row, "lower_seconds", None) == best_band)
        open_roles = {s.figures.get("product_id") for s in report.open if s.topic in ("role", "never_converts")}
        self._fill(self.products, report.products.products, lambda row: getattr(row, "product_id", None) in open_roles)
        self._fill(self.pacing, report.pacing.kinds, lambda row: False)
        self.summary.setText(
            self.tr("From {n} streamed shows; start hours in {zone}. Worked out {when}.").format(
                n=slots.shows_found,
                zone=report.zone or self.tr("this computer's time zone"),
                when=format_local_datetime(report.computed_at),
            )
        )

    def _chain_focus(self) -> None:
        """Tab reads the page as it is laid out: the platform, the cards (made after the tables), then the tables."""
        previous: QWidget = self.platform
        for widget in [*self.suggestions.focus_order(), self.tabs]:
            QWidget.setTabOrder(previous, widget)
            previous = widget

    @staticmethod
    def _fill(holder: TableWithEmptyState, rows: tuple[object, ...], is_best: Callable[[object], bool]) -> None:
        table = holder.table
        assert isinstance(table, ResultTable) and isinstance(table.source, FiguresModel)
        table.source.set_rows(rows, is_best)
        holder.setCurrentWidget(table if rows else holder.empty_state)
        if rows:
            table.fit_columns()
