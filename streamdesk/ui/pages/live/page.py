"""The Live page (直播): pick a show, go live or rehearse, run its rundown against the clock, then review it.

Four views in a stack: an empty state (no shows yet), the chosen show's rundown with the offer to resume a run left
unfinished, the running show (LiveView) and planned against actual (ReviewView). Every query runs on the task
runner; only the timer's own commands write on the GUI thread (one short transaction each, so a key press is on
disk before the screen changes).

Team mode: a run on air that another window drives (another laptop, or another StreamDesk on the same file) is
followed read-only instead of offered for resuming; TimerHandover (handover.py) keeps the driver's heartbeat and the
follower's polls going, takes the timer over, and turns a driver whose timer was taken over into a follower.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from streamdesk.core.show_types import Rundown, RunKind, RunSummary, ShowSummary
from streamdesk.ui.pages.live.background import run_for
from streamdesk.ui.pages.live.capture_panel import CapturePanel
from streamdesk.ui.pages.live.handover import TimerHandover
from streamdesk.ui.pages.live.live_view import LiveView
from streamdesk.ui.pages.live.preflight_gate import PreflightGate
from streamdesk.ui.pages.live.prepare_view import PrepareView
from streamdesk.ui.pages.live.review_view import ReviewView
from streamdesk.ui.widgets.message_bar import MessageBar
from streamdesk.ui.widgets.paged_table import EmptyState
from streamdesk.ui.widgets.show_picker import ShowPicker

if TYPE_CHECKING:
    from streamdesk.config import Settings
    from streamdesk.core.orders import Orders
    from streamdesk.core.preflight import Preflight
    from streamdesk.core.preflight_types import GoCheck
    from streamdesk.core.show_runs import LiveRun, ShowRuns
    from streamdesk.core.shows import Shows
    from streamdesk.core.timer_follow import RunDriver, TimerFollower
    from streamdesk.ui.privacy import Privacy
    from streamdesk.ui.tasks import TaskRunner


class LivePage(QWidget):
    show_started = Signal(int)  # show id: a live (not rehearsal) run has started
    shows_loaded = Signal()
    show_loaded = Signal(int)  # show id whose rundown and runs are shown
    run_opened = Signal(int)  # run id now on screen
    run_finished = Signal(int)
    stock_changed = Signal()  # live capture sold (or undid a sale): relayed to the catalogue and shows pages

    def __init__(
        self,
        shows: Shows,
        show_runs: ShowRuns,
        runner: TaskRunner,
        settings: Settings | None = None,
        *,
        now: Callable[[], datetime] | None = None,
        orders: Orders | None = None,
        preflight: Preflight | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``orders`` switches live capture on (sales, waitlist and lucky draw beside the timer); ``preflight``
        makes going live (not rehearsing) ask the show's latest pre-flight run first (see preflight_gate)."""
        super().__init__(parent)
        self._shows = shows
        self._preflight = preflight
        self.preflight_gate = PreflightGate(self)
        self._show_runs = show_runs
        self._runner = runner
        self._now = now or (lambda: datetime.now(UTC))
        self._rundown: Rundown | None = None
        self._runs: tuple[RunSummary, ...] = ()

        self.picker = ShowPicker(self)
        self.picker.setAccessibleName(self.tr("Show"))
        self.go_live_button = QPushButton(self.tr("Go live"), self)
        self.go_live_button.setToolTip(self.tr("Start the real show: its timer is recorded for the review"))
        self.rehearse_button = QPushButton(self.tr("Rehearse"), self)
        self.rehearse_button.setToolTip(
            self.tr("Run through the rundown with the timer; nothing is recorded as a real show")
        )
        self.messages = MessageBar(self)
        self.empty_state = EmptyState(self)
        self.prepare_view = PrepareView(self)
        self.live_view = LiveView(settings, timer_clock=show_runs.timer_clock, parent=self)
        self.review_view = ReviewView(show_runs, runner, self)
        self.capture_panel: CapturePanel | None = None
        if orders is not None:
            self.capture_panel = CapturePanel(orders, runner, self.live_view)
            self.live_view.host_capture(self.capture_panel)
        self.handover = TimerHandover(show_runs, runner, self.live_view, self)
        self.timer_sync = self.handover.sync
        self.stack = QStackedWidget(self)
        for view in (self.empty_state, self.prepare_view, self.live_view, self.review_view):
            self.stack.addWidget(view)
        self._build_layout()
        self._connect()
        self._update_buttons()
        self.reload()
        self._shown_once = False

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the page reads the shows again: they may have been planned or edited meanwhile."""
        super().showEvent(event)
        if self._shown_once and not self.is_running():
            self.reload()
        self._shown_once = True

    def _build_layout(self) -> None:
        self.picker_bar = QWidget(self)
        bar = QHBoxLayout(self.picker_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel(self.tr("Show:"), self.picker_bar))
        bar.addWidget(self.picker, 1)
        for button in (self.go_live_button, self.rehearse_button):
            button.setMinimumHeight(36)
            bar.addWidget(button)
        font = self.go_live_button.font()
        font.setBold(True)
        self.go_live_button.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker_bar)
        layout.addWidget(self.messages)
        layout.addWidget(self.stack, 1)
        self.stack.setCurrentWidget(self.prepare_view)

    def _connect(self) -> None:
        self.picker.show_chosen.connect(self._load_show)
        self.go_live_button.clicked.connect(self.go_live)
        self.rehearse_button.clicked.connect(self.rehearse)
        self.preflight_gate.cleared.connect(self._on_preflight_cleared)
        self.preflight_gate.held.connect(self._on_preflight_held)
        self.prepare_view.resume_requested.connect(self.resume)
        self.prepare_view.review_requested.connect(lambda: self.open_review())
        self.live_view.failed.connect(self.messages.show_error)
        self.live_view.finished.connect(self._on_run_finished)
        self.handover.follow_opened.connect(self._open_follow)
        self.handover.follow_failed.connect(self._on_open_failed)
        self.handover.drive_opened.connect(self._open_live)
        self.handover.failed.connect(self.messages.show_error)
        self.handover.told.connect(self.messages.show_info)
        self.review_view.failed.connect(self.messages.show_error)
        self.review_view.back_requested.connect(self._back_to_rundown)
        self.review_view.exported.connect(
            lambda path: self.messages.show_info(self.tr("Saved planned vs actual to {path}.").format(path=path))
        )
        self.review_view.discarded.connect(self._on_rehearsal_discarded)
        if self.capture_panel is not None:
            self.capture_panel.failed.connect(self.messages.show_error)
            self.capture_panel.sale_captured.connect(lambda _result: self.messages.dismiss())
            self.capture_panel.stock_changed.connect(self.stock_changed)

    # --- loading ----------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the shows and any unfinished runs again (in the background)."""
        shows, show_runs = self._shows, self._show_runs
        run_for(
            self,
            self._runner,
            lambda _cancel: (shows.list_shows(), show_runs.unfinished()),
            on_success=self._on_shows_loaded,
            on_error=self.messages.show_error,
        )

    def _on_shows_loaded(self, loaded: tuple[tuple[ShowSummary, ...], tuple[RunSummary, ...]]) -> None:
        shows, unfinished = loaded
        if self.is_running():
            return  # the show on air stays; the list is read again after it
        keep = self.picker.current_show_id()
        if unfinished and keep is None:  # after a crash: straight to the show that was on air (live before rehearsal)
            latest = max(unfinished, key=lambda run: (run.kind is RunKind.LIVE, run.started_at, run.id))
            keep = latest.show_id
        self.picker.set_shows(shows, self._now(), keep=keep)
        if self.picker.count() == 0:
            self.empty_state.show_state(
                self.tr("No shows yet"), self.tr("Create a show and its rundown on the Shows page first.")
            )
            self.stack.setCurrentWidget(self.empty_state)
        elif self.stack.currentWidget() is self.empty_state:
            self.stack.setCurrentWidget(self.prepare_view)
        current = self.picker.current_show_id()
        if current is not None:
            self._load_show(current)
        self._update_buttons()
        self.shows_loaded.emit()

    def _load_show(self, show_id: int) -> None:
        self.prepare_view.set_show(self.picker.summary(show_id))
        self._rundown, self._runs = None, ()
        self._update_buttons()
        shows, show_runs = self._shows, self._show_runs
        run_for(
            self,
            self._runner,
            lambda _cancel: (shows.rundown(show_id), show_runs.runs(show_id), show_runs.to_follow(show_id)),
            on_success=lambda loaded: self._on_show_loaded(show_id, *loaded),
            on_error=self.messages.show_error,
        )

    def _on_show_loaded(
        self, show_id: int, rundown: Rundown, runs: tuple[RunSummary, ...], driven: RunDriver | None = None
    ) -> None:
        show = self.picker.summary(show_id)
        if show is None or self.picker.current_show_id() != show_id:
            return  # another show was picked meanwhile
        self._rundown, self._runs = rundown, runs
        self.prepare_view.set_rundown(show, rundown)
        self.prepare_view.set_runs(runs)
        self._update_buttons()
        self.show_loaded.emit(show_id)
        if driven is not None and not self.is_running() and self.stack.currentWidget() is self.prepare_view:
            self._set_busy(True)  # on air on another laptop: show its timer instead of offering to resume it
            self.handover.follow(driven.run_id)

    def current_rundown(self) -> Rundown | None:
        """The chosen show's rundown as last read (None while it loads)."""
        return self._rundown

    def _update_buttons(self) -> None:
        has_segments = self._rundown is not None and bool(self._rundown.segments)
        live_unfinished = any(run.kind is RunKind.LIVE and run.finished_at is None for run in self._runs)
        self.go_live_button.setEnabled(has_segments and not live_unfinished)
        self.rehearse_button.setEnabled(has_segments)
        self.picker.setEnabled(self.picker.count() > 0)
        if live_unfinished:
            self.go_live_button.setToolTip(self.tr("This show is already live: resume it instead"))
        else:
            self.go_live_button.setToolTip(self.tr("Start the real show: its timer is recorded for the review"))

    # --- runs -------------------------------------------------------------------------------------------------
    def go_live(self) -> None:
        """Start the real show, after the pre-flight check (when this page has the pre-flight service)."""
        show_id, preflight = self.picker.current_show_id(), self._preflight
        if preflight is None:
            self._start_run(RunKind.LIVE)
            return
        if show_id is None or self.is_running():
            return
        self.messages.dismiss()
        self._set_busy(True)  # until the check is answered: the picker keeps the show checked
        run_for(
            self,
            self._runner,
            lambda _cancel: preflight.go_check(show_id),
            on_success=self.preflight_gate.review,
            on_error=self._on_open_failed,
        )

    def _on_preflight_cleared(self, check: GoCheck, reason: str) -> None:
        preflight, run_id = self._preflight, check.run_id
        if reason and preflight is not None and run_id is not None:
            self._start_run(RunKind.LIVE, check.show_id, before=lambda: preflight.override(run_id, reason))
        else:
            self._start_run(RunKind.LIVE, check.show_id)

    def _on_preflight_held(self) -> None:
        self._set_busy(False)

    def rehearse(self) -> None:
        self._start_run(RunKind.REHEARSAL)

    def _start_run(
        self, kind: RunKind, show_id: int | None = None, *, before: Callable[[], None] | None = None
    ) -> None:
        """``before`` runs in the same job first (the pre-flight override is stored before the timer starts)."""
        show_id = self.picker.current_show_id() if show_id is None else show_id
        if show_id is None or self.is_running():
            return
        self.messages.dismiss()
        show_runs = self._show_runs
        self._set_busy(True)

        def start(_cancel: object) -> LiveRun:
            if before is not None:
                before()
            return show_runs.start(show_id, kind)

        run_for(
            self,
            self._runner,
            start,
            on_success=self._on_run_started,
            on_error=self._on_open_failed,
        )

    def _on_run_started(self, run: LiveRun) -> None:
        self._open_live(run)
        if run.kind is RunKind.LIVE:
            self.show_started.emit(run.show_id)

    def resume(self, run_id: int | None = None) -> None:
        """Reopen an unfinished run where its clock is now (default: the one the rundown view offers)."""
        if run_id is None:
            offered = self.prepare_view.resumable()
            if offered is None:
                return
            run_id = offered.id
        if self.is_running():
            return
        self.messages.dismiss()
        show_runs, wanted = self._show_runs, run_id
        self._set_busy(True)
        run_for(
            self,
            self._runner,
            lambda _cancel: show_runs.open(wanted),
            on_success=self._open_live,
            on_error=self._on_open_failed,
        )

    def _on_open_failed(self, message: str) -> None:
        self._set_busy(False)
        self.messages.show_error(message)
        self.reload()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.go_live_button, self.rehearse_button, self.prepare_view.resume_button, self.picker):
            widget.setEnabled(not busy)
        if not busy:
            self._update_buttons()

    def _open_live(self, run: LiveRun) -> None:
        self._show_on_air(run, lambda title, rundown: self.live_view.set_run(run, title, rundown))
        self.timer_sync.drive(run.run_id)

    def _open_follow(self, follower: TimerFollower) -> None:
        self._show_on_air(follower.run, lambda title, rundown: self.live_view.set_follow(follower, title, rundown))
        self.timer_sync.follow(follower)

    def _show_on_air(self, run: LiveRun, put_on_screen: Callable[[str, Rundown | None], None]) -> None:
        self._set_busy(False)
        show = self.picker.summary(run.show_id)
        rundown = self._rundown if self._rundown is not None and self._rundown.show_id == run.show_id else None
        if self.capture_panel is not None:
            self.capture_panel.set_platforms(show.platforms if show is not None else ())
        put_on_screen(show.title if show is not None else "", rundown)
        self.picker_bar.hide()
        self.stack.setCurrentWidget(self.live_view)
        self.live_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.run_opened.emit(run.run_id)
        self._refresh_live_rundown()  # fresh prices and stock for the products on air

    def is_running(self) -> bool:
        return self.live_view.run() is not None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.handover.release()  # closed mid-show: the timer is given up
        super().closeEvent(event)

    def _refresh_live_rundown(self) -> None:
        run = self.live_view.run()
        if run is None:
            return
        shows, show_id = self._shows, run.show_id
        run_for(
            self,
            self._runner,
            lambda _cancel: shows.rundown(show_id),
            on_success=self._on_live_rundown,
            on_error=self.messages.show_error,
        )

    def _on_live_rundown(self, rundown: Rundown) -> None:
        run = self.live_view.run()
        if run is not None and run.show_id == rundown.show_id:
            self.live_view.set_rundown(rundown)

    def _on_stock_changed(self) -> None:
        """Relayed by the main window when another page changed stock or prices: refresh what is shown."""
        if self.is_running():
            self._refresh_live_rundown()
        elif self.stack.currentWidget() is self.prepare_view:
            current = self.picker.current_show_id()
            if current is not None:
                self._load_show(current)

    def _on_orders_imported(self, _batch_id: int) -> None:
        """Relayed by the main window: imported orders took stock, so the figures on screen are refreshed too."""
        self._on_stock_changed()

    def set_privacy(self, privacy: Privacy) -> None:
        """The main window's privacy switch: buyers' names and phones are masked while it is on."""
        if self.capture_panel is not None:
            self.capture_panel.set_privacy(privacy)

    def _on_settings_changed(self, settings: Settings) -> None:  # delivered by the main window
        self.apply_settings(settings)

    def apply_settings(self, settings: Settings) -> None:
        """New settings (cue volume and mute) take effect at once, mid-show too."""
        self.live_view.apply_settings(settings)

    # --- after the show ---------------------------------------------------------------------------------------
    def _on_run_finished(self, run_id: int) -> None:
        self.timer_sync.stop()
        run = self.live_view.run()
        show_id = run.show_id if run is not None else self.picker.current_show_id()
        self.live_view.close_run()
        self.picker_bar.show()
        self.run_finished.emit(run_id)
        if show_id is not None:
            self.picker.select_show(show_id)
            self.open_review(run_id)
        self.reload()

    def open_review(self, run_id: int | None = None) -> None:
        """Planned vs actual of the chosen show's runs; ``run_id`` picks one (default: the latest)."""
        show = self.picker.current_show()
        if show is None:
            return
        show_runs, show_id = self._show_runs, show.id
        run_for(
            self,
            self._runner,
            lambda _cancel: show_runs.runs(show_id),
            on_success=lambda runs: self._show_review(show, runs, run_id),
            on_error=self.messages.show_error,
        )

    def _show_review(self, show: ShowSummary, runs: Sequence[RunSummary], run_id: int | None) -> None:
        if self.is_running():
            return
        self.review_view.show_runs_of(show.title, runs, run_id)
        self.stack.setCurrentWidget(self.review_view)

    def _back_to_rundown(self) -> None:
        self.stack.setCurrentWidget(self.prepare_view if self.picker.count() else self.empty_state)
        self.reload()

    def _on_rehearsal_discarded(self, _run_id: int) -> None:
        self.messages.show_info(self.tr("The rehearsal was deleted."))
        self.open_review()
        self.reload()

    # --- keys -------------------------------------------------------------------------------------------------
    def shortcut_help(self) -> list[tuple[str, str]]:
        """The clicker keys, for the F1 overlay."""
        return self.live_view.shortcut_help()
