"""The Warm-up page (直播预热): pick a show (upcoming first), then its booking links per channel with their QR codes,
its warm-up checklist, and (when the designer is wired in) its posters. Every edit is undoable (Ctrl+Z, Ctrl+Shift+Z).

The plan is read again after every edit and once a minute, so due states ("due soon", "overdue") and the rule
warnings follow the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from streamdesk.config import AppPaths, Settings
from streamdesk.core.show_types import ShowSummary
from streamdesk.core.warmup_types import RuleWarning, WarmupPlan
from streamdesk.messages import describe_rule_warning
from streamdesk.ui.page_host import UndoHost
from streamdesk.ui.pages.warmup.links_flows import LinkFlows
from streamdesk.ui.pages.warmup.links_view import LinksView
from streamdesk.ui.pages.warmup.tasks_view import TasksView
from streamdesk.ui.pages.warmup.texts import local_time, relative_time
from streamdesk.ui.undo import Aliases
from streamdesk.ui.widgets.message_bar import MessageBar
from streamdesk.ui.widgets.show_picker import ShowPicker

if TYPE_CHECKING:
    from streamdesk.core.shows import Shows
    from streamdesk.core.warmup import Warmup
    from streamdesk.ui.tasks import TaskRunner

    PosterDesigner = QWidget  # ui/pages/warmup/poster_designer.py: set_show(show_id), _on_settings_changed(settings)

REFRESH_MS = 60_000  # due states and relative times move on once a minute
_LAST_SHOW_KEY = "warmup/last_show"


class WarmupPage(UndoHost, QWidget):
    show_changed = Signal(int)  # the page now shows this show's warm-up
    loaded = Signal()  # the show list was read (and the chosen show's plan shown)

    def __init__(
        self,
        warmup: Warmup,
        shows: Shows,
        runner: TaskRunner,
        *,
        settings: Settings,
        make_poster_designer: Callable[[QWidget], PosterDesigner] | None = None,
        clock: Callable[[], datetime] | None = None,
        state: QSettings | None = None,  # remembers the last show; default: window.ini in the config folder
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._warmup, self._shows, self._runner, self._settings = warmup, shows, runner, settings
        self._clock = clock or (lambda: datetime.now(UTC))
        self._state = state or QSettings(str(AppPaths.default().window_state_file), QSettings.Format.IniFormat, self)
        self._plan: WarmupPlan | None = None
        self._has_loaded = False
        self._link_ids, self._task_ids = Aliases(), Aliases()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)
        self.messages = MessageBar(self)
        self.picker = ShowPicker(self, state=self._state, key=_LAST_SHOW_KEY)
        self.when = QLabel(self)
        self.when.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tabs = QTabWidget(self)
        self.links = LinksView(self.tabs)
        self.tasks = TasksView(self, self.tabs)
        self.tabs.addTab(self.links, self.tr("Booking links"))
        self.tabs.addTab(self.tasks, self.tr("Tasks"))
        self.poster_designer: PosterDesigner | None = None
        if make_poster_designer is not None:
            self.poster_designer = make_poster_designer(self.tabs)
            self.tabs.addTab(self.poster_designer, self.tr("Poster"))
        self.link_flows = LinkFlows(self, self.links)
        self._make_undo_actions()
        self._build_layout()
        self.picker.show_chosen.connect(self.set_show)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        self.refresh_timer.start()
        self.reload_shows()

    def _make_undo_actions(self) -> None:
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        for toolbar in (self.links.toolbar, self.tasks.toolbar):
            toolbar.addSeparator()
            toolbar.addActions([self.undo_action, self.redo_action])

    def _build_layout(self) -> None:
        picker_label = QLabel(self.tr("Show:"), self)
        picker_label.setBuddy(self.picker)
        top = QHBoxLayout()
        top.addWidget(picker_label)
        top.addWidget(self.picker, 2)
        top.addSpacing(12)
        top.addWidget(self.when, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.messages)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.tabs, 1)
        self.empty.hide()

    # --- public -------------------------------------------------------------------------------------------------
    @property
    def warmup(self) -> Warmup:
        return self._warmup

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def link_ids(self) -> Aliases:
        return self._link_ids

    @property
    def task_ids(self) -> Aliases:
        return self._task_ids

    def now(self) -> datetime:
        return self._clock()

    def plan(self) -> WarmupPlan | None:
        return self._plan

    def has_loaded(self) -> bool:
        return self._has_loaded

    def state(self) -> QSettings:
        """Where the page remembers choices between runs (window.ini): the last show, the QR options."""
        return self._state

    def show_id(self) -> int | None:
        return None if self._plan is None else self._plan.show_id

    def set_show(self, show_id: int) -> None:
        """Show this show's warm-up (remembered for next time); the undo history belongs to the show shown."""
        if not self.picker.moves_to(show_id, self.show_id()):
            return
        self.undo_stack.clear()
        self.picker.remember(show_id)
        self._plan = None
        self.messages.dismiss()
        self._load_plan()
        if self.poster_designer is not None:
            self.poster_designer.set_show(show_id)  # type: ignore[attr-defined]
        self.show_changed.emit(show_id)

    def reload_shows(self) -> None:
        shows = self._shows
        self._runner.start(lambda _cancel: shows.list_shows(), on_success=self._on_shows, on_error=self.report_error)

    def refresh(self) -> None:
        """Read the shown show's plan again (states and warnings move with the clock)."""
        if self._plan is not None:
            self._load_plan()

    # --- the undo commands' host --------------------------------------------------------------------------------
    def plan_changed(self, *, link: int | None = None, task: int | None = None) -> None:
        self._load_plan(link=link, task=task)

    # --- relayed from other pages and the window ----------------------------------------------------------------
    def _on_settings_changed(self, settings: Settings) -> None:
        self._settings = settings
        if self.poster_designer is not None:
            self.poster_designer._on_settings_changed(settings)  # type: ignore[attr-defined]

    def _on_show_started(self, _show_id: int) -> None:
        self.reload_shows()

    def set_privacy(self, _privacy: object) -> None:
        """No buyer's name, phone or address is shown here: nothing to mask."""

    # --- loading ------------------------------------------------------------------------------------------------
    def _on_shows(self, summaries: tuple[ShowSummary, ...]) -> None:
        chosen = self.picker.offer(summaries, self.now(), self.show_id())
        has_shows = chosen is not None
        self.tabs.setVisible(has_shows)
        self.empty.setVisible(not has_shows)
        if not has_shows:
            self.empty.setText(
                self.tr(
                    "No shows to warm up yet. Plan a show on the Shows page first; then come back here to add its "
                    "booking links, QR codes, posters and warm-up tasks."
                )
            )
            self._plan = None
        elif chosen != self.show_id():
            self.set_show(chosen)
        else:
            self.refresh()
        self._has_loaded = True
        self.loaded.emit()

    def _load_plan(self, *, link: int | None = None, task: int | None = None) -> None:
        show_id = self.picker.current_show_id()
        if show_id is None:
            return
        plan = self.run_service(lambda: self._warmup.open_plan(show_id))
        if plan is None:
            return
        self._plan = plan
        now = self.now()
        if plan.planned_start is None:
            self.when.setText(self.tr("No planned start yet: set one on the Shows page to get due times."))
        else:
            self.when.setText(
                self.tr("Starts {time} ({relative})").format(
                    time=local_time(plan.planned_start), relative=relative_time(plan.planned_start, now)
                )
            )
        self.links.set_plan(plan, self._rule_sentence, link)
        self.tasks.set_plan(plan, now, task)
        warnings = len(plan.warnings)
        self.tabs.setTabText(
            0, self.tr("Booking links (%n warning(s))", None, warnings) if warnings else self.tr("Booking links")
        )
        overdue = sum(1 for row in plan.tasks if row.state.value == "overdue")
        self.tabs.setTabText(1, self.tr("Tasks (%n overdue)", None, overdue) if overdue else self.tr("Tasks"))

    def _rule_sentence(self, warning: RuleWarning) -> str:
        return describe_rule_warning(warning)
