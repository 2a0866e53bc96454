"""The Pre-flight page (开播前检查): pick a show, see when its pre-flight is due, run its checklist (ticks, typed
values, probes that measure the mic, the network, this computer and the cameras, a test order paid end to end) and
get a verdict — GO, NO-GO naming the failed critical checks, or not finished yet — plus the show's history of runs
and the checklist editor. Every record is undoable (Ctrl+Z, Ctrl+Shift+Z); the undo history belongs to the show.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from streamdesk.config import AppPaths, Settings
from streamdesk.core.errors import UserError
from streamdesk.core.preflight_types import ChecklistTemplateRow, PreflightRunRow
from streamdesk.core.show_types import ShowSummary
from streamdesk.ui.actions import make_action
from streamdesk.ui.page_host import UndoHost
from streamdesk.ui.pages.preflight.history_view import HistoryView
from streamdesk.ui.pages.preflight.run_view import RunView
from streamdesk.ui.pages.preflight.template_flows import TemplateFlows
from streamdesk.ui.pages.preflight.texts import due_text
from streamdesk.ui.pages.preflight.undo_commands import FinishCommand, StartRunCommand
from streamdesk.ui.pages.preflight.verdict_banner import VerdictBanner
from streamdesk.ui.undo import Aliases
from streamdesk.ui.widgets.message_bar import MessageBar
from streamdesk.ui.widgets.show_picker import ShowPicker

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.preflight import Preflight
    from streamdesk.core.review import Review
    from streamdesk.core.shows import Shows
    from streamdesk.ui.tasks import TaskRunner

REFRESH_MS = 60_000  # the due line moves on once a minute
PAGE_KEYS = Qt.ShortcutContext.WidgetWithChildrenShortcut
_LAST_SHOW_KEY = "preflight/last_show"
_LINK_KEY = "preflight/checkout_link/{show}"


class PreflightPage(UndoHost, QWidget):
    show_changed = Signal(int)  # the page now shows this show's pre-flight
    preflight_finished = Signal(int)  # show id: a run was finished (its verdict stored)
    review_edited = Signal(int)  # show id: an action item carried to it was ticked off (or opened again)
    loaded = Signal()  # the show list was read

    def __init__(
        self,
        preflight: Preflight,
        shows: Shows,
        runner: TaskRunner,
        *,
        settings: Settings,
        clock: Callable[[], datetime] | None = None,
        state: QSettings | None = None,  # remembers the last show, devices, test links; default: window.ini
        data_dir: Path | None = None,  # where recordings go: the machine probe checks its free space
        review: Review | None = None,  # action items carried from earlier reviews, ticked off above the checklist
        catalogue: Catalogue | None = None,  # the products' texts the "Script checked" item reads
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._preflight, self._shows, self._runner, self._settings = preflight, shows, runner, settings
        self._catalogue = catalogue
        self._review = review
        self._clock = clock or (lambda: datetime.now(UTC))
        paths = AppPaths.default()
        self._state = state or QSettings(str(paths.window_state_file), QSettings.Format.IniFormat, self)
        self._data_dir = data_dir or paths.data_dir
        self._run: PreflightRunRow | None = None
        self._show_id: int | None = None
        self._has_loaded = False
        self._run_ids, self._template_ids = Aliases(), Aliases()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(300)
        self.messages = MessageBar(self)
        self.picker = ShowPicker(self, state=self._state, key=_LAST_SHOW_KEY)
        self.due = QLabel(self)
        self.due.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QWidget(self)
        self.banner = VerdictBanner(self.body)
        self.template = QComboBox(self.body)
        self.template.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.tabs = QTabWidget(self.body)
        self.run_view = RunView(self, self.tabs)
        self.history = HistoryView(self.tabs)
        self.tabs.addTab(self.run_view, self.tr("Checklist"))
        self.tabs.addTab(self.history, self.tr("History"))
        self._make_actions()
        self.templates = TemplateFlows(self)
        self._build_layout()
        self.picker.show_chosen.connect(self.set_show)
        self.history.open_requested.connect(lambda run_id: self.open_run(run_id))
        self.history.delete_requested.connect(self.delete_run)
        self.banner.finish_button.clicked.connect(self.finish_run)
        self.banner.reopen_button.clicked.connect(self.reopen_run)
        self.banner.new_run_button.clicked.connect(self.start_run)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self._update_due)
        self.refresh_timer.start()
        self.reload_shows()

    def _make_actions(self) -> None:
        # Plain "Undo"/"Redo" on the toolbar (the step they take is in the tooltip): a command's own text such as
        # "Mark “Stand or tripod steady, framing set” passed" would stretch the toolbar out of the window.
        self.undo_action = make_action(
            self, self.tr("Undo"), QKeySequence(QKeySequence.StandardKey.Undo).toString(), context=PAGE_KEYS
        )
        self.redo_action = make_action(self, self.tr("Redo"), ("Ctrl+Shift+Z", "Ctrl+Y"), context=PAGE_KEYS)
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.redo_action.triggered.connect(self.undo_stack.redo)
        self.undo_stack.indexChanged.connect(self._update_undo_actions)
        self.undo_stack.canUndoChanged.connect(self._update_undo_actions)
        self.undo_stack.canRedoChanged.connect(self._update_undo_actions)
        self._update_undo_actions()
        self.start_action = make_action(
            self,
            self.tr("Start pre-flight run"),
            "Ctrl+N",
            self.tr("Start the checklist for this show"),
            context=PAGE_KEYS,
        )
        self.finish_action = make_action(
            self, self.tr("Finish run"), "Ctrl+Return", self.tr("Store the verdict of this run"), context=PAGE_KEYS
        )
        self.start_action.triggered.connect(self.start_run)
        self.finish_action.triggered.connect(self.finish_run)
        toolbar = self.run_view.toolbar
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])

    def _build_layout(self) -> None:
        picker_label = QLabel(self.tr("Show:"), self)
        picker_label.setBuddy(self.picker)
        top = QHBoxLayout()
        top.addWidget(picker_label)
        top.addWidget(self.picker, 2)
        top.addSpacing(12)
        top.addWidget(self.due, 2)
        template_label = QLabel(self.tr("Checklist:"), self.body)
        template_label.setBuddy(self.template)
        choose = QHBoxLayout()
        choose.addWidget(template_label)
        choose.addWidget(self.template)
        choose.addWidget(self.templates.button)
        QWidget.setTabOrder(self.template, self.templates.button)  # made later, it sits beside the checklist
        choose.addStretch(1)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.banner)
        body.addLayout(choose)
        body.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.messages)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.body, 1)
        self.empty.hide()

    def _update_undo_actions(self, *_args: object) -> None:
        stack = self.undo_stack
        if not shiboken6.isValid(stack):  # the page is being torn down
            return
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        self.undo_action.setToolTip(
            self.tr("Undo: {step} (Ctrl+Z)").format(step=stack.undoText())
            if stack.canUndo()
            else self.tr("Nothing to undo")
        )
        self.redo_action.setToolTip(
            self.tr("Redo: {step} (Ctrl+Shift+Z)").format(step=stack.redoText())
            if stack.canRedo()
            else self.tr("Nothing to redo")
        )

    # --- public -------------------------------------------------------------------------------------------------
    @property
    def preflight(self) -> Preflight:
        return self._preflight

    @property
    def review(self) -> Review | None:
        return self._review

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def run_ids(self) -> Aliases:
        return self._run_ids

    @property
    def template_ids(self) -> Aliases:
        return self._template_ids

    def now(self) -> datetime:
        return self._clock()

    def state(self) -> QSettings:
        return self._state

    def data_dir(self) -> Path:
        return self._data_dir

    @property
    def shows(self) -> Shows:
        return self._shows

    @property
    def catalogue(self) -> Catalogue | None:
        return self._catalogue

    def has_loaded(self) -> bool:
        return self._has_loaded

    def show_id(self) -> int | None:
        return self._show_id

    def current_run(self) -> PreflightRunRow | None:
        return self._run

    def run_first_id(self) -> int:
        if self._run is None:
            raise LookupError("no run shown")
        return self._run_ids.first_of(self._run.id)

    def set_show(self, show_id: int) -> None:
        """Show this show's pre-flight (remembered for next time); the undo history belongs to the show shown."""
        if not self.picker.moves_to(show_id, self._show_id):
            return
        self.run_view.cancel_probes()
        self.undo_stack.clear()
        self.picker.remember(show_id)
        self._show_id, self._run = show_id, None
        self.messages.dismiss()
        self.templates.reload()
        self._load_run()
        self.show_changed.emit(show_id)

    def reload_shows(self) -> None:
        shows = self._shows
        self._runner.start(lambda _cancel: shows.list_shows(), on_success=self._on_shows, on_error=self.report_error)

    def checkout_link(self) -> str:
        value = self._state.value(_LINK_KEY.format(show=self._show_id)) if self._show_id is not None else None
        return value if isinstance(value, str) else ""

    def remember_checkout_link(self, url: str) -> None:
        if self._show_id is not None:
            self._state.setValue(_LINK_KEY.format(show=self._show_id), url)

    # --- actions ------------------------------------------------------------------------------------------------
    def start_run(self) -> None:
        if self._show_id is None:
            return
        template = self.templates.chosen()
        name = template.name if template is not None else ""
        self.push(StartRunCommand(self, self._show_id, template.id if template is not None else None, name))
        self.tabs.setCurrentWidget(self.run_view)
        self.run_view.table.setFocus()

    def finish_run(self) -> None:
        run = self._run
        if run is None or run.finished_at is not None:
            return
        self.push(FinishCommand(self, self.run_first_id()))
        if self._run is not None and self._run.finished_at is not None:
            self.preflight_finished.emit(run.show_id)

    def reopen_run(self) -> None:
        if self._run is not None and self._run.finished_at is not None:
            self.push(FinishCommand(self, self.run_first_id(), reopen=True))

    def open_run(self, run_id: int) -> None:
        self._load_run(run_id)
        self.tabs.setCurrentWidget(self.run_view)

    def delete_run(self, run_id: int) -> None:
        if self.run_service(lambda: self._preflight.delete_run(run_id)) is None and self._run_exists(run_id):
            return
        self.undo_stack.clear()  # commands on the stack may name the deleted run's results
        self._load_run(None if self._run is None or self._run.id == run_id else self._run.id)
        self.report_info(self.tr("Deleted the pre-flight run."))

    def _run_exists(self, run_id: int) -> bool:
        try:
            self._preflight.run(run_id)
        except UserError:
            return False
        return True

    # --- the undo commands' host --------------------------------------------------------------------------------
    def result_id(self, run_first: int, position: int) -> int:
        run = self._preflight.run(self._run_ids.resolve(run_first))
        return next(result.id for result in run.results if result.position == position)

    def run_changed(self, run_id: int | None = None, *, result: int | None = None) -> None:
        self._load_run(run_id if run_id is not None else (self._run.id if self._run is not None else None), result)

    def templates_changed(self, template_id: int | None = None) -> None:
        self.templates.reload(template_id)

    # --- relayed from other pages and the window ----------------------------------------------------------------
    def _on_settings_changed(self, settings: Settings) -> None:
        self._settings = settings
        self.run_view.panel.set_settings(settings.preflight)
        self._update_due()

    def _on_show_started(self, _show_id: int) -> None:
        self.reload_shows()

    def _on_review_edited(self, _show_id: int) -> None:  # action items added or ticked on the Review page
        self.run_view.carried.reload()

    def set_privacy(self, _privacy: object) -> None:
        """No buyer's name, phone or address is shown here: nothing to mask."""

    # --- loading ------------------------------------------------------------------------------------------------
    def _on_shows(self, summaries: tuple[ShowSummary, ...]) -> None:
        chosen = self.picker.offer(summaries, self.now(), self._show_id)
        self.body.setVisible(chosen is not None)
        self.empty.setVisible(chosen is None)
        if chosen is None:
            self.empty.setText(
                self.tr(
                    "No shows yet. Plan a show on the Shows page first; its pre-flight checklist is run here 2–3 "
                    "hours before it goes live."
                )
            )
            self._show_id, self._run = None, None
            self.due.clear()
        elif chosen != self._show_id:
            self.set_show(chosen)
        else:
            self._load_run(self._run.id if self._run is not None else None)
        self._has_loaded = True
        self.loaded.emit()

    def _load_run(self, run_id: int | None = None, result: int | None = None) -> None:
        show_id = self._show_id
        if show_id is None:
            return
        run: PreflightRunRow | None = None
        if run_id is not None:
            try:
                run = self._preflight.run(run_id)
            except UserError:
                run = None  # deleted (its start undone): fall back to the latest
            if run is not None and run.show_id != show_id:
                run = None
        if run is None:
            run = self.run_service(lambda: self._preflight.latest_run(show_id))
        self._run = run
        if run is None:
            self.run_view.show_empty(
                self.tr("No pre-flight run for this show yet"),
                self.tr(
                    "Start a pre-flight run 2–3 hours before going live. It walks you through the phone, light, "
                    "sound, network and a test order, measures what StreamDesk can measure (mic level, upload "
                    "speed, free disk) and tells you GO or NO-GO."
                ),
                (self.start_action, self.templates.edit_action),
            )
        else:
            self.run_view.set_run(run, select=result)
        self.banner.set_run(run)
        self.finish_action.setEnabled(run is not None and run.finished_at is None)
        runs = self.run_service(lambda: self._preflight.runs(show_id)) or ()
        self.history.set_runs(runs, run.id if run is not None else None, self.start_action)
        self.tabs.setTabText(1, self.tr("History (%n run(s))", None, len(runs)) if runs else self.tr("History"))
        self.run_view.carried.reload()
        self._update_due()

    def _update_due(self) -> None:
        show = self.picker.summary(self._show_id) if self._show_id is not None else None
        if show is None:
            self.due.clear()
            return
        text, pressing = due_text(show.planned_start, self._settings.preflight.due_minutes, self.now())
        go = self._run is not None and self._run.finished_at is not None and self._run.verdict.value == "go"
        self.due.setText(text)
        self.due.setStyleSheet("color: #b71c1c; font-weight: bold;" if pressing and not go else "")

    def template_rows(self) -> tuple[ChecklistTemplateRow, ...]:
        return self.templates.rows()
