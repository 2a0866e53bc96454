"""The show on air: the presenter's timer display (current segment large, its countdown on a background coloured
by phase, next segment, show clock, over/under, projected end) beside the segment's products with live price and
stock, its promotion cue and talking points, above the buttons that drive the timer.

The display wakes when a shown second changes (a precise single shot aimed at that moment, see TimerDisplay), not
at a fixed rate. Every reading comes from ``LiveRun.state()``, a pure fold over the event log and the clock, so a
late wake-up still shows the right time and nothing drifts.

A window that follows a run driven elsewhere (``set_follow``) shows the same display from a TimerFollower's mirror,
fed by the page's polls (``apply_follow``), with the timer's buttons disabled, no cue sounds (the driving laptop
sounds them) and a bar saying which machine drives, with the way to take the timer over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.errors import UserError
from streamdesk.core.flash_sale import FlashSaleCountdown
from streamdesk.core.live_timer import Phase, TimerState
from streamdesk.core.show_types import Rundown, RunKind, SegmentKind, SegmentRow
from streamdesk.messages import describe
from streamdesk.ui.cues import CueDecider, CuePlayer
from streamdesk.ui.live_keys import LiveKeyActions, install_live_keys, live_key_help
from streamdesk.ui.pages.live.controls import LiveControls
from streamdesk.ui.pages.live.follow_bar import FollowBar, machine_name
from streamdesk.ui.pages.live.segment_panel import SegmentPanel, sized_font
from streamdesk.ui.presenter import PresenterWindow, preferred_screen
from streamdesk.ui.widgets.timer_display import TimerDisplay

if TYPE_CHECKING:
    from streamdesk.config import Settings
    from streamdesk.core.show_runs import LiveRun
    from streamdesk.core.timer_follow import FollowUpdate, TimerFollower
    from streamdesk.ui.pages.live.capture_panel import CapturePanel

MINUTE = 60
DEFAULT_FLASH_SALE_SECONDS = 60


class LiveView(QWidget):
    finished = Signal(int)  # run id: the show (or rehearsal) was ended
    failed = Signal(str)  # a sentence for the page's message bar
    refreshed = Signal(object)  # the TimerState just shown
    take_over_requested = Signal(int)  # run id: drive the followed run from here (confirmed)
    driver_lost = Signal(int)  # run id: a step was refused, perhaps because another laptop took the timer over

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        timer_clock: Callable[[], float],
        parent: QWidget | None = None,
    ) -> None:
        """``timer_clock`` is the runs' clock (ShowRuns.timer_clock): flash-sale countdowns read the same one."""
        super().__init__(parent)
        self._settings = settings
        self._timer_clock = timer_clock
        self._run: LiveRun | None = None
        self._follower: TimerFollower | None = None
        self._segments_by_id: dict[int, SegmentRow] = {}
        self._shown_segment = -1
        self._show_title = ""
        self.display: TimerDisplay | None = None  # one per run: it reads that run's state
        self.presenter: PresenterWindow | None = None
        self.cues: CuePlayer | None = None  # made with the first run: QtMultimedia stays out of start-up
        self.flash_sale: FlashSaleCountdown | None = None
        self.confirm: Callable[[str, str], bool] = self._ask
        self.capture: CapturePanel | None = None  # live capture, when the page has the orders service
        self._make_widgets()
        self._make_controls()
        self._build_layout()

    # --- widgets ----------------------------------------------------------------------------------------------
    def _make_widgets(self) -> None:
        self.rehearsal_banner = QLabel(self.tr("Rehearsal — nothing is recorded as a real show"), self)
        self.rehearsal_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rehearsal_banner.setFont(sized_font(self, 13, bold=True))
        self.rehearsal_banner.setStyleSheet(
            "background: #fff59d; color: #3e2723; border: 2px dashed #f57f17; border-radius: 4px; padding: 4px;"
        )
        self.on_air_badge = QLabel(self.tr("● LIVE"), self)
        self.on_air_badge.setFont(sized_font(self, 11, bold=True))
        self.on_air_badge.setStyleSheet("background: #c62828; color: white; border-radius: 3px; padding: 1px 6px;")
        self.show_title = QLabel(self)
        self.show_title.setFont(sized_font(self, 12, bold=True))
        self.follow_bar = FollowBar(self)
        self.follow_bar.hide()
        self.follow_bar.take_over_clicked.connect(self.take_over)
        self.display_area = QVBoxLayout()
        self.display_area.setContentsMargins(0, 0, 0, 0)
        self.segment_panel = SegmentPanel(self)

    def _make_controls(self) -> None:
        self.controls = LiveControls(self)
        c = self.controls
        c.previous_button.clicked.connect(self.previous_segment)
        c.toggle_button.clicked.connect(self.toggle)
        c.next_button.clicked.connect(self.next_segment)
        c.remove_minute_button.clicked.connect(lambda: self.adjust(-MINUTE))
        c.add_minute_button.clicked.connect(lambda: self.adjust(MINUTE))
        c.jump_requested.connect(self.jump)
        c.flash_sale_button.clicked.connect(self.toggle_flash_sale)
        c.presenter_button.clicked.connect(self.open_presenter)
        c.end_button.clicked.connect(self.end_show)
        # Installed once and switched on only while a run is on screen: the same key bound twice would fire neither.
        # F1 stays the main window's (the presenter gets its own, below); F11 is the presenter's full screen.
        self.keys = install_live_keys(
            self,
            LiveKeyActions(
                toggle=self.toggle,
                next_segment=self.next_segment,
                previous_segment=self.previous_segment,
                add_minute=lambda: self.adjust(MINUTE),
                remove_minute=lambda: self.adjust(-MINUTE),
                toggle_fullscreen=self.toggle_presenter_fullscreen,
            ),
        )
        self._enable_keys(False)

    def _build_layout(self) -> None:
        middle = QHBoxLayout()
        middle.addLayout(self.display_area, 11)
        middle.addWidget(self.segment_panel, 9)
        self._middle = middle
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rehearsal_banner)
        layout.addWidget(self.follow_bar)
        heading = QHBoxLayout()
        heading.addWidget(self.on_air_badge)
        heading.addWidget(self.show_title, 1)
        layout.addLayout(heading)
        layout.addLayout(middle, 1)
        layout.addWidget(self.controls)

    def host_capture(self, capture: CapturePanel) -> None:
        """Live capture beside the timer, in place of the segment's read-only products; its keys work here."""
        self.capture = capture
        self.segment_panel.host_capture(capture)
        self._middle.setStretch(0, 1)  # half the width for the counters: product names must not be cut short
        self._middle.setStretch(1, 1)
        capture.install_keys(self)

    def _enable_keys(self, enabled: bool) -> None:
        for shortcut in self.keys:
            shortcut.setEnabled(enabled)

    # --- the run ----------------------------------------------------------------------------------------------
    def run(self) -> LiveRun | None:
        return self._run

    def follower(self) -> TimerFollower | None:
        """The mirror on screen when this window follows a run driven elsewhere; None when it drives."""
        return self._follower

    def set_run(self, run: LiveRun, show_title: str, rundown: Rundown | None = None) -> None:
        """Put a run on screen (just started, or reopened after a restart: it shows where the clock is now)."""
        self.close_run()
        self._run = run
        if self.capture is not None:
            self.capture.set_run(run)
        self._show_title = show_title
        rehearsal = run.kind is RunKind.REHEARSAL
        self.rehearsal_banner.setVisible(rehearsal)
        self.on_air_badge.setVisible(not rehearsal)
        self.show_title.setText(self.tr("{show} (rehearsal)").format(show=show_title) if rehearsal else show_title)
        self.controls.set_run(run.segments, rehearsal=rehearsal)
        self.controls.set_following(False)
        self.follow_bar.hide()
        if self.cues is None:
            self.cues = self._make_cues()
        self.cues.decider = CueDecider()  # a new run: nothing of it has been announced yet
        self._segments_by_id = {s.id: s for s in rundown.segments} if rundown is not None else {}
        self.display = TimerDisplay(run.state, [segment.title for segment in run.segments], self)
        self.display.setMinimumSize(420, 300)
        self.display.refreshed.connect(self._on_refreshed)
        self.display.flash_sale.refreshed.connect(self.cues.observe_flash_sale)
        self.display_area.addWidget(self.display)
        self._enable_keys(True)
        self.display.refresh()

    def set_follow(self, follower: TimerFollower, show_title: str, rundown: Rundown | None = None) -> None:
        """Put a run driven elsewhere on screen, read-only: the same display, fed by ``apply_follow``."""
        self.set_run(follower.run, show_title, rundown)
        self._follower = follower
        self.controls.set_following(True)
        self.follow_bar.show_driver(follower.driver)
        self.follow_bar.show()
        self.refresh()

    def apply_follow(self, update: FollowUpdate) -> None:
        """Fold in what the page's poll read: the display redraws at once when a step arrived."""
        follower = self._follower
        if follower is None or update.driver.run_id != follower.run_id:
            return  # a poll of a run no longer on screen
        if follower.apply(update):
            self.refresh()
        self.follow_bar.show_driver(follower.driver)
        if follower.driver.finished:
            self.finished.emit(follower.run_id)

    def show_follow_problem(self, problem: str) -> None:
        if self._follower is not None:
            self.follow_bar.show_driver(self._follower.driver, problem)

    def take_over(self) -> None:
        """Ask, then drive the followed run from this laptop (the page reopens it)."""
        follower = self._follower
        if follower is None:
            return
        driver, machine = follower.driver, machine_name(follower.driver)
        if driver.instance and not driver.gone:
            question = self.tr(
                "{machine} is still driving this timer. Take it over anyway? Its buttons and keys stop working, "
                "and this laptop drives the show from now on."
            ).format(machine=machine)
        else:
            question = self.tr(
                "Take the timer over from {machine}? This laptop drives the show from now on; if that laptop comes "
                "back, it follows this one."
            ).format(machine=machine)
        if self.confirm(self.tr("Take over the timer"), question):
            self.take_over_requested.emit(follower.run_id)

    def set_rundown(self, rundown: Rundown | None) -> None:
        """The rundown as it is now: products with live price and stock, talking points, promotion cues."""
        self._segments_by_id = {s.id: s for s in rundown.segments} if rundown is not None else {}
        self._shown_segment = -1  # show the segment's content again
        self.refresh()

    def close_run(self) -> None:
        """Take the run off screen (after the finish, or before another); nothing is written."""
        self._enable_keys(False)
        self._cancel_flash_sale()
        if self.presenter is not None:
            self.presenter.close()
            self.presenter.deleteLater()
            self.presenter = None
        if self.display is not None:
            self.display.refreshed.disconnect(self._on_refreshed)
            self.display.hide()
            self.display.deleteLater()  # its refresh timer dies with it
            self.display = None
        self._run = None
        self._follower = None
        self._segments_by_id = {}
        self._shown_segment = -1
        if self.capture is not None:
            self.capture.close_run()

    def apply_settings(self, settings: Settings) -> None:
        """Cue volume and mute changed in the settings."""
        self._settings = settings
        if self.cues is not None:
            self.cues.apply_settings(settings)

    def _make_cues(self) -> CuePlayer:
        from streamdesk.config import Settings

        return CuePlayer.from_settings(self._settings or Settings(), parent=self)

    # --- commands (each is committed before the screen changes) ------------------------------------------------
    def toggle(self) -> None:
        self._command(lambda run: run.timer.toggle())

    def next_segment(self) -> None:
        self._command(lambda run: run.timer.next())

    def previous_segment(self) -> None:
        self._command(lambda run: run.timer.previous())

    def jump(self, index: int) -> None:
        self._command(lambda run: run.timer.jump(index))

    def adjust(self, seconds: int) -> None:
        self._command(lambda run: run.timer.adjust(seconds))

    def end_show(self) -> None:
        run = self._run
        if run is None or self._follower is not None:
            return
        if run.kind is RunKind.REHEARSAL:
            title, question = self.tr("End the rehearsal"), self.tr("End the rehearsal now?")
        else:
            title = self.tr("End the show")
            question = self.tr("End “{show}” now? The timer stops for good and the show is marked done.").format(
                show=self._show_title
            )
        if not self.confirm(title, question):
            return
        if run.state().phase is Phase.READY and not self._command(lambda live: live.timer.start()):
            return  # ending before the start still leaves a clean log: start, finish
        if self._command(lambda live: live.timer.finish()):
            self.finished.emit(run.run_id)

    def _command(self, command: Callable[[LiveRun], TimerState]) -> bool:
        run = self._run
        if run is None:
            return False
        if self._follower is not None:  # a clicker key on a following laptop
            self.failed.emit(
                self.tr(
                    "This laptop follows the timer driven on {machine}; the keys and buttons work there. "
                    "Take the timer over to drive it from here."
                ).format(machine=machine_name(self._follower.driver))
            )
            return False
        try:
            command(run)
        except UserError as error:
            self.failed.emit(describe(error))
            if error.code == "runs.changed_elsewhere":
                self.driver_lost.emit(run.run_id)
            return False
        finally:
            self.refresh()
        return True

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- flash sale -------------------------------------------------------------------------------------------
    def flash_sale_seconds(self) -> int:
        """The current segment's flash-sale length (default one minute)."""
        run = self._run
        if run is None:
            return DEFAULT_FLASH_SALE_SECONDS
        segment = run.segments[run.state().segment]
        return segment.flash_sale_seconds or DEFAULT_FLASH_SALE_SECONDS

    def toggle_flash_sale(self) -> None:
        """Start the flash-sale countdown of this segment, or cancel the one running."""
        run, display = self._run, self.display
        if run is None or display is None or self._follower is not None:
            return
        if self.flash_sale is not None and self.flash_sale.running:
            self._cancel_flash_sale()
        else:
            try:
                countdown = FlashSaleCountdown(self.flash_sale_seconds(), self._timer_clock)
                countdown.start()
            except UserError as error:
                self.failed.emit(describe(error))
                return
            self.flash_sale = countdown  # the segment's title is already on screen: the caption says "Flash sale"
            display.set_flash_sale(countdown)
            if self.presenter is not None:
                self.presenter.set_flash_sale(countdown)
        self.refresh()

    def _cancel_flash_sale(self) -> None:
        if self.flash_sale is None:
            return
        self.flash_sale.cancel()
        for target in (self.display, self.presenter):
            if target is not None:
                target.set_flash_sale(self.flash_sale)
        self.flash_sale = None

    # --- presenter --------------------------------------------------------------------------------------------
    def open_presenter(self) -> PresenterWindow | None:
        """Show the presenter window (made once per run), on a second screen when there is one."""
        run = self._run
        if run is None:
            return None
        if self.presenter is None:
            self.presenter = PresenterWindow(run.state, [segment.title for segment in run.segments], self)
            self.presenter.help_entries = lambda: live_key_help(presenter=True)
            help_key = QShortcut(QKeySequence(Qt.Key.Key_F1), self.presenter)  # the main window's F1 is not there
            help_key.activated.connect(self.presenter.toggle_key_help)
            if self.flash_sale is not None:
                self.presenter.set_flash_sale(self.flash_sale)
            self.presenter.move_to_screen(preferred_screen(self.screen()))
        self.presenter.show()
        self.presenter.raise_()
        return self.presenter

    def toggle_presenter_fullscreen(self) -> None:
        """F11: the presenter full screen (opened first if needed), or back to a window."""
        presenter = self.presenter if self.presenter is not None and self.presenter.isVisible() else None
        if presenter is None:
            presenter = self.open_presenter()
            if presenter is not None:
                presenter.set_fullscreen(True)
            return
        presenter.toggle_fullscreen()

    # --- the display ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Redraw now (after a command or new rundown figures); the displays then keep time by themselves."""
        for display in (self.display, self.presenter.display if self.presenter is not None else None):
            if display is not None:
                display.refresh()
                display.flash_sale.refresh()

    def _on_refreshed(self, state: TimerState) -> None:
        run = self._run
        if run is None:
            return
        if state.segment != self._shown_segment:
            self._show_segment(run, state.segment)
        if self.cues is not None and self._follower is None:  # the driving laptop sounds the cues
            self.cues.observe(state)
        self._update_controls(run, state)
        self.refreshed.emit(state)

    def _show_segment(self, run: LiveRun, index: int) -> None:
        self._shown_segment = index
        segment = run.segments[index]
        row = self._segments_by_id.get(segment.segment_id) if segment.segment_id is not None else None
        self.segment_panel.show_segment(segment, row)
        if self.capture is not None:
            self.capture.show_segment(segment, row)

    def _update_controls(self, run: LiveRun, state: TimerState) -> None:
        self.controls.show_state(
            state,
            flash_sale_segment=run.segments[state.segment].kind is SegmentKind.FLASH_SALE,
            sale_running=self.flash_sale is not None and self.flash_sale.running,
            sale_seconds=self.flash_sale_seconds(),
        )

    def shortcut_help(self) -> list[tuple[str, str]]:
        capture = self.capture.shortcut_help() if self.capture is not None else []
        return live_key_help(presenter=True) + capture
